#include "suppress.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "error.h"
#include "rules.h"

#define MAX_SUPPRESSED_RULES 16

struct suppression {
	const struct mark *mark;
	bool file_wide;
	const struct rule *rules[MAX_SUPPRESSED_RULES];
	bool used[MAX_SUPPRESSED_RULES];
	size_t nrules;
	size_t nunknown; /* rule ids it names that do not exist */
	char reason[200];
};

/*
 * Hands a suppression comment that suppresses nothing (`problem`, about
 * rule id `word`) to every rule that checks suppressions.
 */
static int unused(struct result *res, const struct audit_file *file,
		  const struct mark *m, enum suppression_problem problem,
		  const char *word)
{
	struct rule_suppression s = { problem, word, m->stmt, m->span, false };
	size_t r;
	int err = 0;

	/* the mark sits after its statement ("…; -- fkaudit:ignore") */
	s.trails = m->stmt < file->stmts.n &&
		   m->span.start > file->stmts.v[m->stmt].span.start;
	for (r = 0; r < rule_count && !err; r++) {
		struct rule_file_ctx ctx = { rule_registry[r], file, res };

		if (rule_registry[r]->check_suppression)
			err = rule_registry[r]->check_suppression(&ctx, &s);
	}
	return err;
}

static bool is_word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-';
}

static bool looks_like_id(const char *w, size_t n)
{
	size_t i;

	if (n < 3 || (w[0] != 'F' && w[0] != 'f') ||
	    (w[1] != 'K' && w[1] != 'k'))
		return false;
	for (i = 2; i < n; i++)
		if (w[i] < '0' || w[i] > '9')
			return false;
	return true;
}

/* Reads the rule list and reason after "ignore" / "ignore-file". */
static int read_rules(struct result *res, const struct audit_file *file,
		      struct suppression *s, const char *p, const char *end)
{
	bool expect_more = true;
	int err;

	while (p < end) {
		const char *w;
		char word[64];
		size_t n;
		const struct rule *r;

		while (p < end && (*p == ' ' || *p == '\t' || *p == ','))
			expect_more |= *p++ == ',';
		for (w = p; p < end && is_word_char(*p); p++)
			;
		n = (size_t)(p - w);
		if (n == 0 || n >= sizeof(word))
			break;
		memcpy(word, w, n);
		word[n] = '\0';
		r = rule_find(word);
		if (!r && !looks_like_id(word, n) &&
		    (!expect_more || s->nrules > 0)) {
			p = w; /* the reason starts here */
			break;
		}
		expect_more = false;
		if (!r) {
			s->nunknown++;
			if ((err = unused(res, file, s->mark,
					  SUPPRESSION_UNKNOWN_RULE, word)) < 0)
				return err;
			continue;
		}
		if (s->nrules < MAX_SUPPRESSED_RULES)
			s->rules[s->nrules++] = r;
	}
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	while (end > p && (end[-1] == ' ' || end[-1] == '\t' ||
			   end[-1] == '\n' || end[-1] == '\r'))
		end--;
	snprintf(s->reason, sizeof(s->reason), "%.*s", (int)(end - p), p);
	return 0;
}

/* Parses one comment; *ok is false when it is not a usable suppression. */
static int parse(struct result *res, const struct audit_file *file,
		 struct suppression *s, bool *ok)
{
	const char *text = file->text + s->mark->span.start;
	const char *end = file->text + s->mark->span.end;
	const char *p = strstr(text, "fkaudit:");
	int err;

	*ok = false;
	if (end - text >= 2 && end[-2] == '*' && end[-1] == '/')
		end -= 2;
	if (!p || p >= end)
		return 0;
	p += strlen("fkaudit:");
	if ((size_t)(end - p) >= 11 && strncmp(p, "ignore-file", 11) == 0 &&
	    !is_word_char(p[11])) {
		s->file_wide = true;
		p += 11;
	} else if ((size_t)(end - p) >= 6 && strncmp(p, "ignore", 6) == 0 &&
		   !is_word_char(p[6])) {
		p += 6;
	} else {
		return unused(res, file, s->mark, SUPPRESSION_UNKNOWN_DIRECTIVE,
			      NULL);
	}
	if ((err = read_rules(res, file, s, p, end)) < 0)
		return err;
	if (s->nrules == 0 && s->nunknown == 0)
		return unused(res, file, s->mark, SUPPRESSION_NO_RULE, NULL);
	*ok = true;
	return 0;
}

/*
 * Where a suppression before statement `stmt` applies: that statement,
 * or its whole group (see audit_file.groups); SIZE_MAX: after the last
 * statement. A suppression that is not file-wide applies to a finding
 * exactly when their keys are equal.
 */
static size_t place_key(const struct audit_file *file, size_t stmt)
{
	if (stmt < file->stmts.n && file->groups && file->groups[stmt])
		return file->stmts.n + file->groups[stmt];
	return stmt;
}

/* A suppression, by place_key() then index. */
struct keyed {
	size_t key;
	size_t i;
};

static int keyed_cmp(const void *pa, const void *pb)
{
	const struct keyed *a = pa, *b = pb;

	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

/* The first of s's rules that is `rule`, or SIZE_MAX. */
static size_t rule_slot(const struct suppression *s, const struct rule *rule)
{
	size_t k;

	for (k = 0; k < s->nrules; k++)
		if (s->rules[k] == rule)
			return k;
	return SIZE_MAX;
}

/* The index of `rule` in rule_registry[] (rule_count when not there). */
static size_t rule_pos(const struct rule *rule)
{
	size_t r;

	for (r = 0; r < rule_count && rule_registry[r] != rule; r++)
		;
	return r;
}

/* The first of ms[0..n) (sorted by key) whose key is `key`, or n. */
static size_t first_keyed(const struct keyed *ms, size_t n, size_t key)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ms[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && ms[lo].key == key ? lo : n;
}

/*
 * The suppressions that are not file-wide, sorted by place, and each
 * finding of [first, end) looked up among those of its place, so that
 * the cost is the findings' lookups, not the number of suppressions
 * times the number of findings. best[i]: the first suppression (in file
 * order) that applies to finding first + i.
 */
static int match_places(struct result *res, const struct audit_file *file,
			size_t first, size_t end, struct suppression *sup,
			size_t *best)
{
	size_t nm = 0, i, a, k, key;
	struct keyed *ms = malloc(
		(file->stmts.nmarks ? file->stmts.nmarks : 1) * sizeof(*ms));

	if (!ms)
		return FK_ENOMEM;
	for (i = 0; i < file->stmts.nmarks; i++)
		if (!sup[i].file_wide && sup[i].nrules) {
			ms[nm].key = place_key(file, sup[i].mark->stmt);
			ms[nm++].i = i;
		}
	qsort(ms, nm, sizeof(*ms), keyed_cmp);
	for (i = first; i < end; i++) {
		key = place_key(file, res->findings[i].stmt);
		for (a = first_keyed(ms, nm, key); a < nm && ms[a].key == key;
		     a++) {
			struct suppression *s = &sup[ms[a].i];

			if ((k = rule_slot(s, res->findings[i].rule)) ==
			    SIZE_MAX)
				continue;
			s->used[k] = true;
			if (best[i - first] == SIZE_MAX)
				best[i - first] = ms[a].i;
		}
	}
	free(ms);
	return 0;
}

/*
 * A file-wide suppression applies to every finding of its rules: it is
 * used when one is there, and the first that names a rule is the one
 * that suppresses it. wide[r]: that suppression for rule_registry[r].
 */
static int match_file_wide(struct result *res, size_t first, size_t end,
			   struct suppression *sup, size_t nsup, size_t *wide)
{
	bool *present = calloc(rule_count, sizeof(*present));
	size_t i, k, r;

	if (!present)
		return FK_ENOMEM;
	for (r = 0; r < rule_count; r++)
		wide[r] = SIZE_MAX;
	for (i = first; i < end; i++)
		if ((r = rule_pos(res->findings[i].rule)) < rule_count)
			present[r] = true;
	for (i = 0; i < nsup; i++) {
		if (!sup[i].file_wide)
			continue;
		for (k = 0; k < sup[i].nrules; k++) {
			r = rule_pos(sup[i].rules[k]);
			if (r >= rule_count || !present[r] ||
			    rule_slot(&sup[i], sup[i].rules[k]) != k)
				continue;
			sup[i].used[k] = true;
			if (wide[r] == SIZE_MAX)
				wide[r] = i;
		}
	}
	free(present);
	return 0;
}

/*
 * Marks findings [first, end) suppressed by the first suppression (in
 * file order) that applies to them, with its reason, and records which
 * rules of each suppression matched something.
 */
static int match(struct result *res, const struct audit_file *file,
		 size_t first, size_t end, struct suppression *sup)
{
	size_t nsup = file->stmts.nmarks, *wide, *best, i, r, w;
	int err = FK_ENOMEM;

	best = malloc((end - first + 1) * sizeof(*best));
	wide = malloc(rule_count * sizeof(*wide));
	if (!best || !wide)
		goto done;
	for (i = first; i < end; i++)
		best[i - first] = SIZE_MAX;
	if ((err = match_places(res, file, first, end, sup, best)) < 0 ||
	    (err = match_file_wide(res, first, end, sup, nsup, wide)) < 0)
		goto done;
	for (i = first; i < end; i++) {
		struct finding *f = &res->findings[i];

		r = rule_pos(f->rule);
		w = r < rule_count ? wide[r] : SIZE_MAX;
		if (w < best[i - first])
			best[i - first] = w;
		if (best[i - first] == SIZE_MAX || f->suppressed)
			continue;
		f->suppressed = true;
		f->suppression =
			arena_strdup(&res->arena, sup[best[i - first]].reason);
		if (!f->suppression)
			f->suppression = "";
	}
done:
	free(best);
	free(wide);
	return err;
}

static int report_unused(struct result *res, const struct audit_file *file,
			 const struct suppression *s)
{
	size_t k;
	int err;

	for (k = 0; k < s->nrules; k++) {
		/*
		 * An edit is about the file's past, not its text: only a git
		 * source that saw one can tell whether its rule would fire.
		 */
		if (s->used[k] ||
		    (s->rules[k]->check_edit && !file->opts->edits_known))
			continue;
		err = unused(res, file, s->mark,
			     s->file_wide ? SUPPRESSION_UNUSED_FILE_WIDE
			     : s->mark->stmt == SIZE_MAX
				     ? SUPPRESSION_NO_STATEMENT
				     : SUPPRESSION_UNUSED,
			     s->rules[k]->id);
		if (err < 0)
			return err;
	}
	return 0;
}

int suppress_apply(struct result *res, const struct audit_file *file,
		   size_t first)
{
	const struct statements *st = &file->stmts;
	struct suppression *sup;
	size_t i, end = res->nfindings;
	int err = 0;

	if (st->nmarks == 0)
		return 0;
	sup = calloc(st->nmarks, sizeof(*sup));
	if (!sup)
		return FK_ENOMEM;
	for (i = 0; i < st->nmarks && !err; i++) {
		bool ok;

		sup[i].mark = &st->marks[i];
		err = parse(res, file, &sup[i], &ok);
		if (!ok)
			sup[i].nrules = 0;
	}
	/* the rules' findings only: the notes of unused() never are */
	if (!err)
		err = match(res, file, first, end, sup);
	for (i = 0; i < st->nmarks && !err; i++)
		err = report_unused(res, file, &sup[i]);
	free(sup);
	return err;
}
