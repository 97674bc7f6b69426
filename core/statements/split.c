#include "split.h"

#include <pg_query.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "array.h"
#include "error.h"
#include "utf8.h"

static int span_push(struct span_list *list, size_t start, size_t end)
{
	if (array_grow((void **)&list->v, &list->cap, list->n,
		       sizeof(*list->v)) < 0)
		return FK_ENOMEM;
	list->v[list->n].start = (uint32_t)start;
	list->v[list->n].end = (uint32_t)end;
	list->n++;
	return 0;
}

/*
 * Appends the statements of text[0..len) (NUL-terminated there), shifted
 * by base. Sets *bad_off to the scanner's failure offset, or to len when
 * it did not fail, and *msg_unterminated when the failure is a literal or
 * comment that runs to the end of the text.
 */
static int split_once(const char *text, size_t len, size_t base,
		      struct span_list *out, size_t *bad_off, int *unterminated)
{
	PgQuerySplitResult r = pg_query_split_with_scanner(text);
	int err = 0, i;

	*bad_off = len;
	*unterminated = 0;
	if (r.error) {
		size_t pos = r.error->cursorpos > 0
				     ? (size_t)r.error->cursorpos - 1
				     : 0;

		*bad_off = utf8_pg_char_offset(text, len, pos);
		*unterminated =
			strncmp(r.error->message, "unterminated", 12) == 0;
		pg_query_free_split_result(r);
		return 0;
	}
	for (i = 0; i < r.n_stmts && !err; i++) {
		size_t s = (size_t)r.stmts[i]->stmt_location;
		size_t e = s + (size_t)r.stmts[i]->stmt_len;

		err = span_push(out, base + s, base + e);
	}
	pg_query_free_split_result(r);
	return err;
}

/*
 * Splits text[pos..bad) where the scanner failed at `bad`, and returns in
 * *broken the start of the statement the bad token belongs to: the start
 * of a last statement not ended by ";", which runs on into the bad token,
 * else the end of the last one, since the text the scanner left unsplit
 * after it (after an unbalanced parenthesis) joins the bad statement.
 */
static int split_prefix(const char *text, size_t pos, size_t bad,
			struct span_list *out, size_t *broken)
{
	char *prefix = strndup(text + pos, bad - pos);
	size_t dummy, before = out->n;
	int unterminated, err;
	const struct span *last;

	*broken = pos;
	if (!prefix)
		return FK_ENOMEM;
	err = split_once(prefix, bad - pos, pos, out, &dummy, &unterminated);
	free(prefix);
	if (err || out->n == before)
		return err;
	last = &out->v[out->n - 1];
	if (text[last->end] != ';') {
		*broken = last->start;
		out->n--;
	} else {
		*broken = last->end + 1;
	}
	return 0;
}

/*
 * The scanner-based splitter ends a statement at every ";" outside
 * quotes, which cuts a SQL function body written BEGIN ATOMIC … END in
 * pieces. The parser-based one knows it but needs the whole text to
 * parse, so it is tried first only when the text has the word ATOMIC.
 */
static bool mentions_atomic(const char *text, size_t len)
{
	size_t i;

	for (i = 0; i + 6 <= len; i++)
		if ((text[i] == 'a' || text[i] == 'A') &&
		    strncasecmp(text + i, "atomic", 6) == 0)
			return true;
	return false;
}

static int split_by_parser(const char *text, struct span_list *out, bool *ok)
{
	PgQuerySplitResult r = pg_query_split_with_parser(text);
	int err = 0, i;

	*ok = !r.error;
	for (i = 0; *ok && i < r.n_stmts && !err; i++) {
		size_t s = (size_t)r.stmts[i]->stmt_location;

		err = span_push(out, s, s + (size_t)r.stmts[i]->stmt_len);
	}
	pg_query_free_split_result(r);
	return err;
}

int split_sql(const char *text, size_t len, struct span_list *out)
{
	size_t pos = 0;
	bool ok = false;
	int err;

	if (mentions_atomic(text, len)) {
		if ((err = split_by_parser(text, out, &ok)) < 0 || ok)
			return err;
		out->n = 0;
	}

	while (pos < len) {
		size_t bad, broken = pos, end;
		int unterminated;
		const char *semi;

		err = split_once(text + pos, len - pos, pos, out, &bad,
				 &unterminated);
		if (err)
			return err;
		if (bad == len - pos)
			return 0;
		bad += pos;
		if (bad > pos &&
		    (err = split_prefix(text, pos, bad, out, &broken)) < 0)
			return err;
		semi = unterminated ? NULL : memchr(text + bad, ';', len - bad);
		end = semi ? (size_t)(semi - text) : len;
		if ((err = span_push(out, broken, end)) < 0)
			return err;
		pos = semi ? end + 1 : len;
	}
	return 0;
}

void span_list_release(struct span_list *list)
{
	free(list->v);
	memset(list, 0, sizeof(*list));
}
