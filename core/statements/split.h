#ifndef FKAUDIT_SPLIT_H
#define FKAUDIT_SPLIT_H

#include <stddef.h>
#include <stdint.h>

/* A byte range [start, end) of a file. */
struct span {
	uint32_t start;
	uint32_t end;
};

struct span_list {
	struct span *v;
	size_t n;
	size_t cap;
};

/*
 * Splits SQL text into statements with libpg_query's scanner-based
 * splitter, which knows quotes, dollar quotes and comments. A span covers
 * the text after the previous ";" up to (not including) its own ";", so
 * it may begin with whitespace and comments.
 *
 * The scanner stops at the first unterminated literal or comment; the
 * splitter recovers: the statement holding the bad token becomes one
 * span (to the end of the text for an unterminated literal or comment,
 * else to the next ";"), and splitting resumes after it.
 *
 * The scanner ends a statement only at a ";" outside parentheses: after
 * an unbalanced "(" or ")" the rest of the text stays in one span (or in
 * none: the caller finds it after the last span). That span does not
 * parse, and statements_build() splits it again.
 *
 * A text that holds the word ATOMIC is first split by the parser, which
 * keeps a BEGIN ATOMIC … END function body whole; only if it does not
 * parse is the scanner used.
 *
 * `text` must be NUL-terminated at `len`. Returns 0 or FK_ENOMEM; the
 * caller frees the list with span_list_release().
 */
int split_sql(const char *text, size_t len, struct span_list *out);
void span_list_release(struct span_list *list);

#endif
