#ifndef FKAUDIT_STATEMENTS_H
#define FKAUDIT_STATEMENTS_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "split.h"
#include "stmt.h"

/*
 * A comment that mentions "fkaudit:" (a suppression, or a mistyped one),
 * with the statement it belongs to: the statement after it, or the one
 * before it when it sits on the same line after that statement's ";".
 * `stmt` is SIZE_MAX when no statement follows.
 */
struct mark {
	struct span span;
	size_t stmt;
};

/*
 * The statements of one SQL text. `text` is borrowed and must be
 * NUL-terminated at `len` and hold no NUL byte before it. Everything
 * else is owned and freed by statements_release().
 */
struct statements {
	const char *text;
	size_t len;
	struct arena arena;
	struct stmt *v;
	size_t n;
	size_t cap;
	struct mark *marks;
	size_t nmarks;
	size_t marks_cap;
};

/*
 * Splits, scans and parses `text`: every statement gets its span, its
 * facts (from the parse tree, or from tokens when the parser rejects it)
 * and its parse status. Returns 0 or FK_ENOMEM.
 */
int statements_build(struct statements *out, const char *text, size_t len);

/*
 * What the statements run, in order, as one hash of their keys
 * (stmt.key): equal for two versions of a file that differ only in
 * layout, comments and case.
 */
uint64_t statements_key(const struct statements *s);
void statements_release(struct statements *list);

#endif
