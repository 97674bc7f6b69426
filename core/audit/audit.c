#include "audit.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "framework.h"
#include "framework_text.h"
#include "discover.h"
#include "error.h"
#include "utf8.h"
#include "fingerprint.h"
#include "reverse.h"
#include "linemap.h"
#include "replay.h"
#include "rule.h"
#include "rules.h"
#include "statements.h"
#include "suppress.h"

/*
 * Links the findings of rules with still_holds reported since `first` to
 * the foreign key the statement added on their clause.
 */
static int link_pending(struct result *res, size_t first,
			const struct audit_file *file, struct replay *state)
{
	size_t i;
	int err = 0;

	for (i = first; i < res->nfindings && !err; i++) {
		const struct finding *f = &res->findings[i];
		const struct fk_state *fk;

		if (!f->rule->still_holds ||
		    !(fk = replay_fk_added_at(state, f->span.start)))
			continue;
		err = replay_pend(state, file->index, f->span.start,
				  f->rule->id, fk);
	}
	return err;
}

/* audit_settle() for the findings from `first` on. */
static void settle_from(struct result *res, size_t first, struct replay *schema)
{
	size_t i, n = first;

	for (i = first; i < res->nfindings; i++) {
		const struct finding *f = &res->findings[i];
		const struct fk_state *fk =
			f->rule->still_holds
				? replay_pending(schema, f->file, f->span.start,
						 f->rule->id)
				: NULL;

		if (fk && !f->rule->still_holds(schema, fk))
			continue;
		res->findings[n++] = *f;
	}
	res->nfindings = n;
	replay_pending_clear(schema);
}

bool audit_finding_settled(const struct replay *schema, const struct finding *f)
{
	const struct fk_state *fk =
		f->rule->still_holds
			? replay_pending(schema, f->file, f->span.start,
					 f->rule->id)
			: NULL;

	return fk && !f->rule->still_holds(schema, fk);
}

void audit_settle(struct result *res, struct replay *schema)
{
	settle_from(res, 0, schema);
}

static int run_rules(struct result *res, struct audit_file *file,
		     struct replay *state)
{
	struct arena scratch = ARENA_INIT;
	size_t i, r;
	int err = 0;

	for (i = 0; i < file->stmts.n && !err; i++) {
		size_t first = res->nfindings;
		struct rule_ctx ctx = { NULL, file,	     &file->stmts.v[i],
					i,    &file->txs[i], state,
					res,  &scratch };

		for (r = 0; r < rule_count && !err; r++) {
			if (!rule_registry[r]->check)
				continue;
			ctx.rule = rule_registry[r];
			err = rule_registry[r]->check(&ctx);
		}
		if (!err)
			err = replay_apply(state, ctx.stmt, i, ctx.tx);
		if (!err)
			err = link_pending(res, first, file, state);
		arena_release(&scratch);
	}
	return err;
}

/*
 * Whether the text holds a NUL byte (binary data, or UTF-16 text), and
 * then why it is not audited, in buf.
 */
static bool is_binary(const char *text, size_t len, char *buf, size_t size)
{
	const char *nul = memchr(text, '\0', len), *p, *line_start = text;
	const unsigned char *u = (const unsigned char *)text;
	unsigned line = 1;

	if (!nul)
		return false;
	if (len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) ||
			 (u[0] == 0xfe && u[1] == 0xff))) {
		snprintf(buf, size,
			 "file is UTF-16 encoded (it starts with a UTF-16 "
			 "byte order mark); convert it to UTF-8 to audit it");
		return true;
	}
	for (p = text; (p = memchr(p, '\n', (size_t)(nul - p))); p++) {
		line++;
		line_start = p + 1;
	}
	snprintf(buf, size,
		 "binary file (NUL byte at line %u, column %zu); not audited",
		 line,
		 utf8_columns(line_start, (size_t)(nul - line_start)) + 1);
	return true;
}

static bool blank_bom(char *text, size_t len)
{
	if (len >= 3 && (unsigned char)text[0] == 0xef &&
	    (unsigned char)text[1] == 0xbb && (unsigned char)text[2] == 0xbf) {
		memset(text, ' ', 3);
		return true;
	}
	return false;
}

/*
 * GitHub's primaryLocationLineHash of each finding's line, over the file
 * as GitHub reads it (byte order mark included).
 */
static int set_line_hashes(struct result *res, struct audit_file *file,
			   size_t first, bool bom)
{
	struct line_hashes h;
	size_t i;
	int err = 0;

	if (first == res->nfindings)
		return 0;
	if (bom)
		memcpy((char *)file->lines.text, "\xef\xbb\xbf", 3);
	if (line_hashes_compute(&h, file->lines.text, file->lines.len) < 0)
		return FK_ENOMEM;
	for (i = first; i < res->nfindings && !err; i++) {
		res->findings[i].line_hash = arena_strdup(
			&res->arena,
			line_hashes_get(&h, res->findings[i].line));
		if (!res->findings[i].line_hash)
			err = FK_ENOMEM;
	}
	line_hashes_release(&h);
	return err;
}

/* "line 5" or "lines 5-7", after ", " when not the first. */
static void add_range(struct buf *b, size_t *n, uint32_t first, uint32_t last)
{
	if ((*n)++ == 3) {
		buf_adds(b, ", …");
		return;
	}
	if (*n > 4)
		return;
	buf_adds(b, *n > 1 ? ", " : "");
	if (first == last)
		buf_addf(b, "line %u", first);
	else
		buf_addf(b, "lines %u-%u", first, last);
}

/* Whether key `k` is among v[0..n) not yet `used` (then it is). */
static bool take_key(const struct stmt_line *v, size_t n, bool *used,
		     uint64_t k)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!used[i] && v[i].key == k) {
			used[i] = true;
			return true;
		}
	return false;
}

/*
 * Which statements an edit changed: those of the new version that the
 * old one does not run, and the old one's that the new one does not, as
 * "lines 5-7; before: lines 5-6". Empty when not known.
 */
static int describe_change(const struct audit_file *file,
			   const struct rule_edit *edit, struct buf *out)
{
	struct buf before = BUF_INIT;
	bool *used_old = calloc(edit->nold_lines + 1, sizeof(bool));
	size_t n = 0, m = 0, i;

	if (!used_old)
		return FK_ENOMEM;
	for (i = 0; i < file->stmts.n; i++) {
		const struct span *sp = &file->stmts.v[i].span;
		uint32_t first, last, col;

		if (take_key(edit->old_lines, edit->nold_lines, used_old,
			     file->stmts.v[i].key))
			continue;
		linemap_locate_span(&file->lines, sp->start, sp->end, &first,
				    &col, &last, &col);
		add_range(out, &n, first, last);
	}
	for (i = 0; i < edit->nold_lines; i++)
		if (!used_old[i])
			add_range(&before, &m, edit->old_lines[i].first,
				  edit->old_lines[i].last);
	if (!n && m)
		buf_adds(out, "no statement of its own");
	if (m)
		buf_addf(out, "; before: %s", buf_str(&before));
	free(used_old);
	buf_release(&before);
	return out->failed || before.failed ? FK_ENOMEM : 0;
}

/*
 * An edit of a committed migration, for the rules' check_edit hooks: on
 * its first changed line, as a finding of that line's statement.
 */
static int report_modified(struct result *res, struct audit_file *file)
{
	struct rule_edit described = *file->opts->edit;
	const struct rule_edit *edit = &described;
	struct buf changed = BUF_INIT;
	const struct srcmap *origin;
	size_t start, end, stmt = SIZE_MAX, i, r;
	uint32_t last = (uint32_t)file->lines.nlines;
	uint32_t line = edit->first_line ? edit->first_line : 1;
	struct span span;
	int err = 0;

	/* reformatted: the database runs the same statements */
	if (edit->old_sql_known && !edit->renamed_only &&
	    edit->old_sql_key == statements_key(&file->stmts))
		return 0;
	if (edit->old_lines && (err = describe_change(file, edit, &changed)))
		goto done;
	described.changed = changed.len ? buf_str(&changed) : NULL;
	linemap_line(&file->lines, line < last ? line : last, &start, &end);
	for (i = 0; i < file->stmts.n; i++) {
		const struct span *sp = &file->stmts.v[i].span;
		size_t s, e;

		linemap_source_span(&file->lines, sp->start, sp->end, &s, &e);
		if (s <= end && start < e) {
			stmt = i;
			break;
		}
	}
	span.start = (uint32_t)start;
	span.end = (uint32_t)end;
	/*
	 * The span is the source's own: locate it without the origin (the
	 * finding then belongs to no statement of the built text).
	 */
	origin = file->lines.origin;
	file->lines.origin = NULL;
	if (origin)
		stmt = SIZE_MAX;
	for (r = 0; r < rule_count && !err; r++) {
		struct rule_file_ctx ctx = { rule_registry[r], file, res };

		if (rule_registry[r]->check_edit)
			err = rule_registry[r]->check_edit(&ctx, edit, stmt,
							   span);
	}
	file->lines.origin = origin;
done:
	buf_release(&changed);
	return err;
}

/* Each statement's key and lines, for FK012's account of an edit. */
static int keep_stmt_lines(struct result *res, struct file_result *fr,
			   const struct audit_file *file)
{
	struct stmt_line *v;
	size_t i;
	uint32_t col;

	if (!file->stmts.n)
		return 0;
	if (!(v = arena_alloc(&res->arena, file->stmts.n * sizeof(*v))))
		return FK_ENOMEM;
	for (i = 0; i < file->stmts.n; i++) {
		const struct span *sp = &file->stmts.v[i].span;

		v[i].key = file->stmts.v[i].key;
		linemap_locate_span(&file->lines, sp->start, sp->end,
				    &v[i].first, &col, &v[i].last, &col);
	}
	fr->stmt_lines = v;
	fr->nstmt_lines = file->stmts.n;
	return 0;
}

static void release_statements(struct audit_file *file)
{
	statements_release(&file->stmts);
	free(file->txs);
	file->txs = NULL;
}

/* Whether the statement is one PostgreSQL refuses in a transaction block. */
static bool is_concurrent(const struct stmt *st)
{
	return st->concurrently &&
	       (st->kind == STMT_CREATE_INDEX || st->kind == STMT_DROP_INDEX ||
		st->kind == STMT_REINDEX);
}

/*
 * The statements of each transaction unit (`tus`: the framework's, in the
 * offsets of file->text), and the deploy's transaction.
 */
static int plan_file(struct audit_file *file, const struct migration_info *info,
		     const struct tx_unit *tus, size_t ntus,
		     struct replay *state)
{
	const struct audit_opts *o = file->opts;
	struct plan_unit *units;
	size_t nunits = 0, k, i = 0, nconc = 0, nother = 0;
	const struct stmt *v = file->stmts.v;
	size_t n = file->stmts.n;

	for (k = 0; k < n; k++) {
		if (is_concurrent(&v[k]))
			nconc++;
		else if (v[k].kind != STMT_BEGIN && v[k].kind != STMT_COMMIT)
			nother++;
	}
	if (!(units = calloc(ntus ? ntus : 1, sizeof(*units))))
		return FK_ENOMEM;
	for (k = 0; k < ntus; k++) {
		const struct tx_unit *tu = &tus[k];
		uint32_t next = k + 1 < ntus ? tus[k + 1].start : UINT32_MAX;
		struct plan_unit *u = &units[nunits++];

		u->first = i;
		while (i < n && (v[i].span.start < next || k + 1 == ntus))
			i++;
		u->n = i - u->first;
		u->mode = tu->mode;
		u->runner = tu->runner;
		u->opt_out = tu->opt_out;
		u->shared_id = 0;
		if (!info->framework &&
		    !tu->runner) { /* plain: the run's mode */
			u->mode = o->tx_mode;
			u->runner = o->tx_runner;
			u->opt_out = o->tx_opt_out;
		}
		if (info->mixed_runner && nconc && !nother)
			u->mode = TX_MODE_AUTOCOMMIT;
		else if (info->mixed_runner && nconc) {
			u->runner = info->mixed_runner;
			u->opt_out = info->mixed_opt_out;
		}
		if (info->deploy_tx && u->mode == TX_MODE_WRAPPED &&
		    o->schema) {
			if (state->deploy_tx_of != state->deploy) {
				state->deploy_tx_of = state->deploy;
				state->deploy_tx_id = state->next_tx++;
			}
			u->shared_id = state->deploy_tx_id;
		}
	}
	state->next_tx =
		plan_build_units(v, units, nunits, state->next_tx, file->txs);
	free(units);
	if (info->concurrent_alone)
		for (k = 0; k < n; k++)
			if (is_concurrent(&v[k])) {
				struct tx alone = { state->next_tx++,
						    TX_NONE,
						    false,
						    0,
						    NULL,
						    NULL };

				file->txs[k] = alone;
			}
	return 0;
}

/*
 * Audits one migration that runs forward; when `fwd` is not NULL, it
 * also gets the names the statements give, for FK013 on its down
 * sections.
 */
/*
 * Per statement, the group it belongs to (file->groups), from
 * the byte ranges of the built SQL.
 */
static int set_groups(struct audit_file *file, const struct extracted *dj)
{
	size_t i, r = 0;

	if (!file->stmts.n)
		return 0;
	if (!(file->groups = calloc(file->stmts.n, sizeof(*file->groups))))
		return FK_ENOMEM;
	for (i = 0; i < file->stmts.n; i++) {
		uint32_t at = file->stmts.v[i].span.start;

		while (r < dj->nranges && dj->ranges[r].end <= at)
			r++;
		if (r < dj->nranges && dj->ranges[r].start <= at)
			file->groups[i] = dj->ranges[r].group;
	}
	return 0;
}

/*
 * Audits one migration that runs forward; when `fwd` is not NULL, it
 * also gets the names the statements give, for FK013 on its down
 * sections. `dj`: the SQL a framework reader built from a migration that
 * is not SQL (file->text is then that SQL, and file->lines maps it to
 * the file).
 */
static int audit_file_run(struct result *res, struct audit_file *file,
			  struct file_result *fr,
			  const struct migration_info *info,
			  const struct extracted *dj, struct reverse_names *fwd)
{
	size_t first = res->nfindings, i;
	struct replay own, *state = &own;
	char *parse;
	bool bom;
	int err;

	/* the line map sees the mark; the parser sees spaces */
	if (linemap_init(&file->lines, file->text, file->len) < 0)
		return FK_ENOMEM;
	bom = blank_bom((char *)file->text, file->len);
	if (dj) {
		file->lines.origin = &dj->map;
		file->text = dj->sql.ptr ? dj->sql.ptr : "";
		file->len = dj->sql.len;
	}
	/* the parser sees neither other sections nor placeholders */
	if (!(parse = malloc(file->len + 1)))
		return FK_ENOMEM;
	memcpy(parse, file->text, file->len);
	parse[file->len] = '\0';
	if (!dj) {
		framework_apply_masks(info, parse, file->len);
		framework_blank_placeholders(parse, file->len);
	}
	/* nothing blanked: the parser reads the text itself, no copy kept */
	if (memcmp(parse, file->text, file->len) == 0) {
		free(parse);
		parse = NULL;
	}
	err = statements_build(&file->stmts, parse ? parse : file->text,
			       file->len);
	if (err < 0 || (dj && (err = set_groups(file, dj)) < 0))
		goto done;
	fr->nstmts = file->stmts.n;
	fr->sql_key = statements_key(&file->stmts);
	if (file->opts->stmt_lines &&
	    (err = keep_stmt_lines(res, fr, file)) < 0)
		goto done;
	for (i = 0; i < file->stmts.n; i++)
		fr->nparse_errors += !file->stmts.v[i].parsed;
	file->txs =
		calloc(file->stmts.n ? file->stmts.n : 1, sizeof(*file->txs));
	if (!file->txs) {
		err = FK_ENOMEM;
		goto done;
	}
	if (file->opts->schema) {
		state = file->opts->schema;
		replay_begin_file(state);
	} else {
		replay_init(&own);
		own.fresh = info->fresh_only;
	}
	if (dj)
		err = plan_file(file, info, dj->units, dj->nunits, state);
	else
		err = plan_file(file, info, info->units, info->nunits, state);
	if (err < 0) {
		if (state == &own)
			replay_release(&own);
		goto done;
	}
	if (file->opts->observer) {
		struct audit_planned p = { file->path,	 info,
					   file->text,	 file->len,
					   &file->stmts, file->txs,
					   &file->lines, dj ? dj->notes : "" };

		file->opts->observer->planned(file->opts->observer->ctx, &p);
	}
	state->cur_path = file->path;
	state->cur_lines = &file->lines;
	err = run_rules(res, file, state);
	state->cur_path = NULL;
	state->cur_lines = NULL;
	if (state == &own) {
		settle_from(res, first, &own);
		replay_release(&own);
	}
	if (err == 0 && file->opts->edit)
		err = report_modified(res, file);
	if (err < 0 || (err = suppress_apply(res, file, first)) < 0 ||
	    (fwd && (err = reverse_names_add(fwd, &file->stmts)) < 0))
		goto done;
	/* findings hold copies: free the statements before hashing lines */
	release_statements(file);
	err = set_line_hashes(res, file, first, bom);
done:
	release_statements(file);
	free(file->groups);
	file->groups = NULL;
	free(parse);
	return err;
}

/*
 * A schema dump: its statements only add to the schema state, as if they
 * had run long ago.
 */
static int seed_schema(struct replay *state, char *text, size_t len)
{
	struct statements stmts = { 0 };
	size_t i;
	int err;

	if (!state)
		return 0;
	if ((err = statements_build(&stmts, text, len)) < 0)
		return err;
	replay_begin_file(state);
	for (i = 0; i < stmts.n && !err; i++) {
		struct tx t = {
			state->next_tx++, TX_NONE, false, 0, NULL, NULL
		};

		err = replay_apply(state, &stmts.v[i], i, &t);
	}
	statements_release(&stmts);
	return err;
}

/*
 * FK013: the names the down part of `text` drops (the down sections of an
 * up file, or a whole down file) against the names its forward part
 * gives. The file is added to the result when it is a down file with
 * findings (`index` SIZE_MAX); else its findings go to file `index`.
 */
static int audit_reverse(struct result *res, const char *path, char *text,
			 size_t len, const struct migration_info *info,
			 const struct extracted *dj,
			 const struct reverse_names *fwd, size_t index,
			 const struct audit_opts *opts)
{
	struct reverse_misses miss = { 0 };
	struct audit_file file = { 0 };
	size_t first = res->nfindings, dlen = dj ? dj->reverse.len : len;
	char *down;
	size_t i;
	int err = 0;

	if (!(down = malloc(dlen + 1)))
		return FK_ENOMEM;
	memcpy(down, dj ? dj->reverse.ptr : text, dlen);
	down[dlen] = '\0';
	if (!dj) { /* a reader's rollback SQL comes as it is */
		if (info->role == ROLE_UP)
			framework_keep_downs(info, down, len);
		framework_blank_placeholders(down, len);
	}
	if ((err = statements_build(&file.stmts, down, dlen)) < 0 ||
	    (err = reverse_misses(fwd, &file.stmts, &miss)) < 0 || miss.n == 0)
		goto done;
	if (index == SIZE_MAX) {
		struct file_result *fr = result_add_file(res, path);

		if (!fr) {
			err = FK_ENOMEM;
			goto done;
		}
		fr->nstmts = file.stmts.n;
		path = fr->path;
		index = res->nfiles - 1;
	}
	file.path = path;
	file.text = dj ? down : text;
	file.len = dlen;
	file.opts = opts;
	file.index = index;
	if (linemap_init(&file.lines, text, len) < 0) {
		err = FK_ENOMEM;
		goto done;
	}
	file.lines.origin = dj ? &dj->reverse_map : NULL;
	for (i = 0, err = 0; i < miss.n && !err; i++) {
		char forward[300];
		size_t r;

		if (dj)
			snprintf(forward, sizeof(forward),
				 "the migration's forward SQL");
		else if (info->role == ROLE_UP)
			snprintf(forward, sizeof(forward), "its up section");
		else
			snprintf(forward, sizeof(forward),
				 "its forward migration %s",
				 path_base(info->up_rel));
		for (r = 0; r < rule_count && !err; r++) {
			struct rule_file_ctx ctx = { rule_registry[r], &file,
						     res };

			if (rule_registry[r]->check_reverse)
				err = rule_registry[r]->check_reverse(
					&ctx, &miss.v[i], forward);
		}
	}
	if (!err)
		err = suppress_apply(res, &file, first);
	if (!err)
		err = set_line_hashes(res, &file, first, false);
	linemap_release(&file.lines);
done:
	free(miss.v);
	statements_release(&file.stmts);
	free(down);
	return err < 0 ? err : 0;
}

/* A down file: FK013 against its forward migration, when it is there. */
static int audit_down(struct result *res, const char *path, char *text,
		      size_t len, const struct migration_info *info,
		      const struct audit_opts *opts)
{
	struct reverse_names fwd = { ARENA_INIT, { 0 } };
	struct statements up = { 0 };
	struct buf text_up = BUF_INIT;
	int rc;

	if (!info->up_rel[0] || !opts->near || !opts->near->read)
		return 0;
	rc = opts->near->read(opts->near->ctx, info->up_rel, &text_up);
	if (rc == FK_FOUND && !memchr(buf_str(&text_up), '\0', text_up.len) &&
	    (rc = statements_build(&up, buf_str(&text_up), text_up.len)) == 0 &&
	    (rc = reverse_names_add(&fwd, &up)) == 0)
		rc = audit_reverse(res, path, text, len, info, NULL, &fwd,
				   SIZE_MAX, opts);
	statements_release(&up);
	reverse_names_release(&fwd);
	buf_release(&text_up);
	return rc < 0 ? rc : 0;
}

/* What the reader left out, with its line and column in the file. */
static int keep_notices(struct result *res, struct file_result *fr,
			const struct extracted *x, const char *text, size_t len)
{
	struct file_notice *v = calloc(x->nnotices, sizeof(*v));
	struct linemap lines;
	size_t i;
	int err;

	if (!v || linemap_init(&lines, text, len) < 0) {
		free(v);
		return FK_ENOMEM;
	}
	for (i = 0; i < x->nnotices; i++) {
		linemap_locate(&lines, x->notices[i].src.start, &v[i].line,
			       &v[i].col);
		v[i].message = x->notices[i].what;
	}
	err = result_set_notices(res, fr, v, x->nnotices);
	linemap_release(&lines);
	free(v);
	return err;
}

/* audit_text() once `text` ends in a NUL; `info` is the caller's. */
static int audit_classified(struct result *res, const char *path, char *text,
			    size_t len, const struct audit_opts *opts,
			    struct migration_info *info)
{
	struct audit_file file = { 0 };
	struct reverse_names fwd = { ARENA_INIT, { 0 } };
	struct extracted dj = EXTRACTED_INIT, *djp = NULL;
	struct audit_opts fresh;
	struct replay *seeded = NULL;
	const struct framework *fw;
	struct file_result *fr;
	char problem[160];
	bool reverse;
	int err;

	memset(info, 0, sizeof(*info));
	if (is_binary(text, len, problem, sizeof(problem)))
		return result_add_problem(res, path, FILE_BINARY, problem);
	if ((err = audit_classify(path, text, len, opts, info)) != 0)
		return err < 0 ? err : 0;
	if (info->role != ROLE_UP && opts->observer) {
		struct audit_planned p = { path, info, text, len,
					   NULL, NULL, NULL, "" };

		opts->observer->planned(opts->observer->ctx, &p);
	}
	if (info->role == ROLE_SEED) {
		blank_bom(text, len);
		return seed_schema(opts->schema, text, len);
	}
	if (discover_is_lfs_pointer(text, len))
		return result_add_problem(res, path, FILE_UNREADABLE,
					  discover_lfs_problem());
	if (info->role == ROLE_OTHER_DB) {
		res->other_db_files++;
		return 0;
	}
	if (info->role == ROLE_DOWN)
		return audit_down(res, path, text, len, info, opts);
	if (info->role != ROLE_UP)
		return 0;
	if (info->fresh_only) { /* on a state of its own (framework.h) */
		seeded = info->fresh_seeds ? opts->schema : NULL;
		fresh = *opts;
		fresh.context = opts->schema ? opts->schema : opts->context;
		fresh.schema = NULL;
		opts = &fresh;
	}
	fw = framework_find(info->framework);
	if (fw && fw->extract) {
		struct extract_ctx x = {
			opts->schema ? opts->schema : opts->context, opts->near,
			opts->config, !opts->schema && opts->context && !seeded
		};

		if ((err = fw->extract(&dj, path, text, len, &x)))
			return err;
		djp = &dj;
	}
	reverse = djp ? dj.reverse.len > 0 : info->ndowns > 0;
	if (!(fr = result_add_file(res, path))) {
		extracted_release(&dj);
		return FK_ENOMEM;
	}
	file.path = fr->path;
	file.text = text;
	file.len = len;
	file.opts = opts;
	file.index = res->nfiles - 1;
	err = audit_file_run(res, &file, fr, info, djp, reverse ? &fwd : NULL);
	linemap_release(&file.lines);
	/* FK013 on the down sections, against the up sections' names */
	if (err == 0 && reverse)
		err = audit_reverse(res, file.path, text, len, info, djp, &fwd,
				    file.index, opts);
	if (err == 0 && djp && dj.nnotices)
		err = keep_notices(res, &res->files[file.index], &dj, text,
				   len);
	/* a squash that stands for the migrations it replaced */
	if (err == 0 && seeded && djp && dj.sql.len)
		err = seed_schema(seeded, dj.sql.ptr, dj.sql.len);
	reverse_names_release(&fwd);
	extracted_release(&dj);
	return err;
}

int audit_text(struct result *res, const char *path, char *text, size_t len,
	       const struct audit_opts *opts)
{
	struct migration_info info;
	int err;

	text[len] = '\0';
	err = audit_classified(res, path, text, len, opts, &info);
	migration_info_release(&info);
	return err;
}
