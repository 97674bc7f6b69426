#include "audit.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "discover.h"
#include "error.h"
#include "utf8.h"
#include "fingerprint.h"
#include "linemap.h"
#include "replay.h"
#include "rule.h"
#include "rules/rules.h"
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
static void settle_from(struct result *res, size_t first,
			struct replay *schema)
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
		struct rule_ctx ctx = { NULL,	  file,	  &file->stmts.v[i],
					i,	  &file->txs[i], state,
					res,	  &scratch };

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
		 line, utf8_columns(line_start, (size_t)(nul - line_start)) + 1);
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
		memcpy((char *)file->text, "\xef\xbb\xbf", 3);
	if (line_hashes_compute(&h, file->text, file->len) < 0)
		return FK_ENOMEM;
	for (i = first; i < res->nfindings && !err; i++) {
		res->findings[i].line_hash = arena_strdup(
			&res->arena, line_hashes_get(&h, res->findings[i].line));
		if (!res->findings[i].line_hash)
			err = FK_ENOMEM;
	}
	line_hashes_release(&h);
	return err;
}

static int report_plain(struct result *res, struct audit_file *file,
			const struct rule *rule, size_t stmt, struct span span,
			const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static int report_plain(struct result *res, struct audit_file *file,
			const struct rule *rule, size_t stmt, struct span span,
			const char *fmt, ...)
{
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = rule_report_v(res, file, rule, rule->level, stmt, span, NULL,
			    fmt, ap);
	va_end(ap);
	return err;
}

/* FK012 on the first changed line, as a finding of its statement. */
static int report_modified(struct result *res, struct audit_file *file)
{
	const struct audit_opts *o = file->opts;
	size_t start, end, stmt = SIZE_MAX, i;
	uint32_t last, col;
	struct span span;

	linemap_locate(&file->lines, file->len, &last, &col);
	linemap_line(&file->lines,
		     o->modified_line < last ? o->modified_line : last, &start,
		     &end);
	for (i = 0; i < file->stmts.n; i++)
		if (file->stmts.v[i].span.start <= end &&
		    start < file->stmts.v[i].span.end) {
			stmt = i;
			break;
		}
	span.start = (uint32_t)start;
	span.end = (uint32_t)end;
	return report_plain(res, file, &rule_fk012_migration_modified, stmt,
			    span, "%s", o->modified_msg);
}

static void release_statements(struct audit_file *file)
{
	statements_release(&file->stmts);
	free(file->txs);
	file->txs = NULL;
}

static int audit_file_run(struct result *res, struct audit_file *file,
			  struct file_result *fr)
{
	size_t first = res->nfindings, i;
	struct replay own, *state = &own;
	bool bom;
	int err;

	/* the line map sees the mark; the parser sees spaces */
	if (linemap_init(&file->lines, file->text, file->len) < 0)
		return FK_ENOMEM;
	bom = blank_bom((char *)file->text, file->len);
	if ((err = statements_build(&file->stmts, file->text, file->len)) < 0)
		return err;
	fr->nstmts = file->stmts.n;
	for (i = 0; i < file->stmts.n; i++)
		fr->nparse_errors += !file->stmts.v[i].parsed;
	file->txs = calloc(file->stmts.n ? file->stmts.n : 1,
			   sizeof(*file->txs));
	if (!file->txs)
		return FK_ENOMEM;
	if (file->opts->schema) {
		state = file->opts->schema;
		replay_begin_file(state);
	} else {
		replay_init(&own);
	}
	state->next_tx = plan_build(file->stmts.v, file->stmts.n,
				    file->opts->tx_mode, state->next_tx,
				    file->txs);
	err = run_rules(res, file, state);
	if (state == &own) {
		settle_from(res, first, &own);
		replay_release(&own);
	}
	if (err == 0 && file->opts->modified_line)
		err = report_modified(res, file);
	if (err < 0 ||
	    (err = suppress_apply(res, file, first)) < 0)
		return err;
	/* findings hold copies: free the statements before hashing lines */
	release_statements(file);
	return set_line_hashes(res, file, first, bom);
}

int audit_text(struct result *res, const char *path, char *text, size_t len,
	       const struct audit_opts *opts)
{
	struct audit_file file = { 0 };
	struct audit_opts framework_opts;
	struct framework_info fw;
	struct file_result *fr;
	char problem[160];
	int err;

	text[len] = '\0';
	if (is_binary(text, len, problem, sizeof(problem)))
		return result_add_problem(res, path, FILE_BINARY, problem);
	/* a framework's file runs as the framework runs it */
	if (discover_framework(path, text, len, &fw)) {
		framework_opts = *opts;
		framework_opts.tx_mode = fw.tx_mode;
		framework_opts.tx_runner = fw.tx_runner;
		framework_opts.tx_opt_out = fw.tx_opt_out;
		opts = &framework_opts;
	}
	if (!(fr = result_add_file(res, path)))
		return FK_ENOMEM;
	file.path = fr->path;
	file.text = text;
	file.len = len;
	file.opts = opts;
	file.index = res->nfiles - 1;
	err = audit_file_run(res, &file, fr);
	release_statements(&file);
	linemap_release(&file.lines);
	return err;
}
