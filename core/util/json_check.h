#ifndef FKAUDIT_JSON_CHECK_H
#define FKAUDIT_JSON_CHECK_H

#include <stddef.h>

/*
 * A strict JSON (RFC 8259) syntax check that says where and what is
 * wrong, for files people write by hand. cJSON then builds the tree;
 * its own error position is too rough to show (it points past a
 * trailing comma, into an unterminated string).
 */
struct json_error {
	size_t offset; /* byte offset of the problem in the text */
	/* "expected ',' or '}'", "trailing comma before '}'", …: static */
	const char *what;
	/* what was there: "'x'", "'tru'" or "the end of the file" */
	char got[48];
};

/*
 * Checks text[0..len): one JSON value with white space around it, and
 * no NUL byte nor "\u0000" (not expected in a configuration). Strings
 * must hold valid UTF-8 (checked separately by the caller) and valid
 * escapes; nesting is limited to 64 levels. Returns 0, or -1 with `err`
 * filled.
 */
int json_check(const char *text, size_t len, struct json_error *err);

#endif
