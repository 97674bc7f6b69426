#include "rule.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "utf8.h"

#define SNIPPET_MAX 240 /* longer lines are cut around the span */

const struct rule *rule_find(const char *id_or_name)
{
	size_t i;

	for (i = 0; i < rule_count; i++)
		if (strcasecmp(rule_registry[i]->id, id_or_name) == 0 ||
		    strcmp(rule_registry[i]->name, id_or_name) == 0)
			return rule_registry[i];
	return NULL;
}

static bool is_continuation(const char *text, size_t off)
{
	return ((unsigned char)text[off] & 0xc0) == 0x80;
}

/* The source line of the span's start, cut to SNIPPET_MAX bytes. */
static int set_snippet(struct result *res, const struct audit_file *file,
		       struct finding *f)
{
	const char *text = file->lines.text; /* the source, for a built text */
	size_t ls, le, s, e, k, start, end;

	linemap_source_span(&file->lines, f->span.start, f->span.end, &start,
			    &end);
	linemap_line(&file->lines, f->line, &ls, &le);
	s = ls;
	e = le;
	if (e - s > SNIPPET_MAX) {
		if (start > s + SNIPPET_MAX / 3)
			s = start - SNIPPET_MAX / 3;
		if (e > s + SNIPPET_MAX)
			e = s + SNIPPET_MAX;
		/*
		 * Not into the middle of a character; a character is at most
		 * four bytes, so a longer run of continuation bytes (invalid
		 * UTF-8) is not walked to its end.
		 */
		for (k = 0; k < 3 && s > ls && is_continuation(text, s); k++)
			s--;
		for (k = 0; k < 3 && e < le && is_continuation(text, e); k++)
			e++;
	}
	f->snippet = arena_strndup(&res->arena, text + s, e - s);
	if (!f->snippet)
		return FK_ENOMEM;
	f->snippet_len = (uint32_t)(e - s);
	f->mark_start = start > s ? (uint32_t)(start - s) : 0;
	if (f->mark_start > f->snippet_len)
		f->mark_start = f->snippet_len;
	f->mark_end = end < e ? (uint32_t)(end - s) : f->snippet_len;
	if (f->mark_end < f->mark_start)
		f->mark_end = f->mark_start;
	return 0;
}

/* FNV-1a over `s`, skipping ASCII white space when `layout` is false. */
static uint64_t hash_add(uint64_t h, const char *s, size_t n, bool layout)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!layout && (c == ' ' || c == '\t' || c == '\n' ||
				c == '\r' || c == '\f' || c == '\v'))
			continue;
		h = (h ^ c) * 0x100000001b3ULL;
	}
	return h;
}

/*
 * The finding's identity across versions of its file, so that
 * reformatting neither fixes nor introduces it: the rule, the message
 * without its numbers (line numbers move), and what its statement runs
 * (stmt.key: not its layout, comments or case).
 */
static uint64_t finding_key(const struct audit_file *file,
			    const struct finding *f)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	const char *m;

	h = hash_add(h, f->rule->id, strlen(f->rule->id) + 1, true);
	for (m = f->message; *m; m++)
		if (!(*m >= '0' && *m <= '9'))
			h = hash_add(h, m, 1, false);
	if (f->stmt < file->stmts.n) {
		uint64_t k = file->stmts.v[f->stmt].key;
		unsigned char b[8];
		int i;

		for (i = 0; i < 8; i++)
			b[i] = (unsigned char)(k >> (8 * i));
		h = hash_add(h, (const char *)b, 8, true);
	}
	return h;
}

int rule_file_report(struct rule_file_ctx *ctx, size_t stmt, struct span span,
		     const char *help, const char *fmt, ...)
{
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = rule_report_v(ctx->result, ctx->file, ctx->rule, ctx->rule->level,
			    stmt, span, help, fmt, ap);
	va_end(ap);
	return err;
}

int rule_report_v(struct result *res, const struct audit_file *file,
		  const struct rule *rule, enum level level, size_t stmt,
		  struct span span, const char *help, const char *fmt,
		  va_list ap)
{
	struct finding *f = result_add_finding(res);
	size_t src_start, src_end;
	char msg[2048];

	if (!f)
		return FK_ENOMEM;
	utf8_fit(msg, sizeof(msg), vsnprintf(msg, sizeof(msg), fmt, ap));
	f->rule = rule;
	f->level = level;
	f->file = file->index;
	f->stmt = stmt;
	if (span.end < span.start)
		span.end = span.start;
	f->span = span;
	linemap_locate_span(&file->lines, span.start, span.end, &f->line,
			    &f->col, &f->end_line, &f->end_col);
	linemap_source_span(&file->lines, span.start, span.end, &src_start,
			    &src_end);
	f->src_start = (uint32_t)src_start;
	f->src_end = (uint32_t)src_end;
	if (f->end_line == f->line && f->end_col <= f->col)
		f->end_col = f->col + 1;
	f->message = arena_strdup(&res->arena, msg);
	/* a rule's own fix is static: every finding of it can share it */
	f->help = help ? arena_strdup(&res->arena, help) : rule->fix;
	f->suppression = "";
	if (!f->message || !f->help)
		return FK_ENOMEM;
	f->stmt_line = f->line;
	f->stmt_end_line = f->end_line;
	if (stmt < file->stmts.n) {
		const struct span *sp = &file->stmts.v[stmt].span;
		uint32_t col, end_col;

		linemap_locate_span(&file->lines, sp->start, sp->end,
				    &f->stmt_line, &col, &f->stmt_end_line,
				    &end_col);
	}
	f->key = finding_key(file, f);
	return set_snippet(res, file, f);
}

int rule_report(struct rule_ctx *ctx, enum level level, struct span span,
		const char *help, const char *fmt, ...)
{
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = rule_report_v(ctx->result, ctx->file, ctx->rule, level,
			    ctx->index, span, help, fmt, ap);
	va_end(ap);
	return err;
}

const char *rule_table(struct rule_ctx *ctx, const struct qname *q)
{
	char buf[600];
	const char *s;

	utf8_fit(buf, sizeof(buf), qname_display(buf, sizeof(buf), q));
	s = arena_strdup(ctx->scratch, buf);
	return s ? s : "\"?\"";
}

bool rule_same_table(const struct rule_ctx *ctx, const struct qname *a,
		     const struct qname *b)
{
	return a->name && b->name && strcmp(a->name, b->name) == 0 &&
	       strcmp(replay_schema_of(ctx->state, a),
		      replay_schema_of(ctx->state, b)) == 0;
}

const char *rule_sql_name(struct rule_ctx *ctx, const struct qname *q)
{
	char buf[600];
	const char *s;

	utf8_fit(buf, sizeof(buf), qname_format(buf, sizeof(buf), q));
	s = arena_strdup(ctx->scratch, buf);
	return s ? s : "?";
}

const char *rule_fk_name(struct rule_ctx *ctx, const struct fk_def *fk)
{
	const char *n = fk->name;

	/* as replay_apply() will name it: numbered when the name is taken */
	if (!n && ctx->stmt->table.name)
		n = replay_choose_name(
			ctx->state, ctx->scratch,
			replay_schema_of(ctx->state, &ctx->stmt->table),
			ctx->stmt->table.name, fk->cols, fk->ncols, "fkey",
			NAME_CONSTRAINT);
	return n ? n : "?";
}

const char *rule_cols(struct rule_ctx *ctx, const char *const *cols, size_t n,
		      bool sql)
{
	char buf[600];
	const char *s;
	size_t len = 0, i;

	buf[0] = '\0';
	for (i = 0; i < n && len + 1 < sizeof(buf); i++) {
		struct qname q = { NULL, cols[i] ? cols[i] : "?" };
		char one[200];

		utf8_fit(one, sizeof(one),
			 sql ? qname_format(one, sizeof(one), &q)
			     : qname_display(one, sizeof(one), &q));
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s",
					i ? ", " : "", one);
	}
	if (i < n && len < sizeof(buf))
		len = sizeof(
			buf); /* it fit exactly, but columns are left out */
	utf8_fit(buf, sizeof(buf), len > INT_MAX ? INT_MAX : (int)len);
	s = arena_strdup(ctx->scratch, buf);
	return s ? s : "?";
}

unsigned rule_line(const struct rule_ctx *ctx, uint32_t off)
{
	uint32_t line, col;

	linemap_locate(&ctx->file->lines, off, &line, &col);
	return line;
}

const char *rule_tx_desc(struct rule_ctx *ctx, const struct tx *tx)
{
	const char *runner = tx->runner;
	const char *s = NULL;

	switch (tx->source) {
	case TX_EXPLICIT: {
		const struct stmt *b = &ctx->file->stmts.v[tx->begin];
		bool start = b->span.end - b->span.start >= 5 &&
			     strncasecmp(ctx->file->text + b->span.start,
					 "START", 5) == 0;

		s = arena_printf(ctx->scratch,
				 "the transaction opened by %s at line %u",
				 start ? "START TRANSACTION" : "BEGIN",
				 rule_line(ctx, b->span.start));
		break;
	}
	case TX_WRAPPED:
		s = arena_printf(ctx->scratch, "the transaction that %s",
				 runner ? runner
					: "the migration runner puts around "
					  "the file");
		break;
	case TX_IMPLICIT:
		s = runner ? arena_printf(ctx->scratch,
					  "the implicit transaction PostgreSQL "
					  "opens because %s",
					  runner)
			   : "the implicit transaction PostgreSQL opens when "
			     "several statements are sent as one string";
		break;
	case TX_NONE:
		/* a DO block runs as one statement: its own transaction */
		if (ctx->stmt->in_do)
			s = arena_printf(
				ctx->scratch,
				"the transaction of the DO block at line %u",
				rule_line(ctx, ctx->file->stmts
						       .v[ctx->stmt->in_do - 1]
						       .span.start));
		else
			s = "no transaction";
		break;
	}
	return s ? s : "a transaction";
}

const char *rule_tx_opt_out(struct rule_ctx *ctx, const struct tx *tx)
{
	const char *opt_out = tx->opt_out;

	switch (tx->source) {
	case TX_EXPLICIT:
		return "move it out of BEGIN … COMMIT and run it on its own";
	case TX_WRAPPED:
		return opt_out ? opt_out
			       : "run it alone, in a migration that is not "
				 "wrapped in a transaction";
	case TX_IMPLICIT:
		return opt_out ? opt_out
			       : "run it alone, in a migration file of its own";
	case TX_NONE:
		break;
	}
	return "run it outside any transaction";
}
