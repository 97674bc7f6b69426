#include "json_check.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

#define MAX_DEPTH 64

struct scanner {
	const char *s;
	size_t n, i;
	int depth;
	struct json_error *err;
};

static bool word_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '.' || c == '+' ||
	       c == '-';
}

/* What is at `off`, for "got …". */
static void describe(const struct scanner *sc, size_t off, char *out,
		     size_t size)
{
	const unsigned char *u = (const unsigned char *)sc->s;
	size_t k = 1;

	if (off >= sc->n) {
		snprintf(out, size, "the end of the file");
	} else if (u[off] == 0) {
		snprintf(out, size, "a NUL byte");
	} else if (u[off] == '\n' || u[off] == '\r') {
		snprintf(out, size, "the end of the line");
	} else if (u[off] < 0x20) {
		snprintf(out, size, "a control character");
	} else if (u[off] == '\'') {
		snprintf(out, size, "\"'\"");
	} else {
		if (word_char(sc->s[off]))
			while (k < 20 && off + k < sc->n &&
			       word_char(sc->s[off + k]))
				k++;
		else if ((k = utf8_seq_len(u + off, sc->n - off)) == 0)
			k = 1;
		snprintf(out, size, "'%.*s'", (int)k, sc->s + off);
	}
}

static int fail(struct scanner *sc, size_t off, const char *what, bool got)
{
	sc->err->offset = off;
	sc->err->what = what;
	sc->err->got[0] = '\0';
	if (got)
		describe(sc, off, sc->err->got, sizeof(sc->err->got));
	return -1;
}

static void skip_ws(struct scanner *sc)
{
	while (sc->i < sc->n && strchr(" \t\r\n", sc->s[sc->i]) && sc->s[sc->i])
		sc->i++;
}

static char peek(const struct scanner *sc)
{
	return sc->i < sc->n ? sc->s[sc->i] : '\0';
}

static int value(struct scanner *sc);

/* Four hex digits at `off`: their value, or -1. */
static long hex4(const struct scanner *sc, size_t off)
{
	char buf[5];
	size_t k;

	if (off + 4 > sc->n)
		return -1;
	for (k = 0; k < 4; k++)
		if (!isxdigit((unsigned char)(buf[k] = sc->s[off + k])))
			return -1;
	buf[4] = '\0';
	return strtol(buf, NULL, 16);
}

/* A \u escape at sc->i (the backslash); a surrogate must be paired. */
static int unicode_escape(struct scanner *sc)
{
	size_t at = sc->i;
	long v = hex4(sc, at + 2), lo;

	if (v < 0)
		return fail(sc, at, "invalid \\u escape (four hex digits)",
			    false);
	if (v == 0)
		return fail(sc, at, "\\u0000 is not allowed", false);
	sc->i += 6;
	if (v >= 0xdc00 && v <= 0xdfff)
		return fail(sc, at, "invalid \\u escape (a lone surrogate)",
			    false);
	if (v < 0xd800 || v > 0xdbff)
		return 0;
	if (sc->i + 1 < sc->n && sc->s[sc->i] == '\\' &&
	    sc->s[sc->i + 1] == 'u') {
		lo = hex4(sc, sc->i + 2);
		if (lo >= 0xdc00 && lo <= 0xdfff) {
			sc->i += 6;
			return 0;
		}
	}
	return fail(sc, at, "invalid \\u escape (a lone surrogate)", false);
}

static int string(struct scanner *sc)
{
	size_t start = sc->i++;
	unsigned char c;

	for (;;) {
		if (sc->i >= sc->n)
			return fail(sc, start, "unterminated string", false);
		c = (unsigned char)sc->s[sc->i];
		if (c == '"') {
			sc->i++;
			return 0;
		}
		if (c == '\n' || c == '\r')
			return fail(sc, start, "unterminated string", false);
		if (c < 0x20)
			return fail(sc, sc->i,
				    "control character in a string (write it "
				    "as an escape)",
				    false);
		if (c != '\\') {
			sc->i++;
			continue;
		}
		if (sc->i + 1 < sc->n && sc->s[sc->i + 1] == 'u') {
			if (unicode_escape(sc) < 0)
				return -1;
		} else if (sc->i + 1 < sc->n && sc->s[sc->i + 1] &&
			   strchr("\"\\/bfnrt", sc->s[sc->i + 1])) {
			sc->i += 2;
		} else {
			return fail(sc, sc->i, "invalid escape", false);
		}
	}
}

static size_t digits(struct scanner *sc)
{
	size_t start = sc->i;

	while (sc->i < sc->n && isdigit((unsigned char)sc->s[sc->i]))
		sc->i++;
	return sc->i - start;
}

static int number(struct scanner *sc)
{
	size_t start = sc->i;

	if (peek(sc) == '-')
		sc->i++;
	if (peek(sc) == '0') {
		sc->i++;
		if (isdigit((unsigned char)peek(sc)))
			return fail(sc, start, "invalid number (leading zero)",
				    true);
	} else if (digits(sc) == 0) {
		return fail(sc, start, "invalid number", true);
	}
	if (peek(sc) == '.') {
		sc->i++;
		if (digits(sc) == 0)
			return fail(sc, start, "invalid number", true);
	}
	if (peek(sc) == 'e' || peek(sc) == 'E') {
		sc->i++;
		if (peek(sc) == '+' || peek(sc) == '-')
			sc->i++;
		if (digits(sc) == 0)
			return fail(sc, start, "invalid number", true);
	}
	return 0;
}

static int literal(struct scanner *sc)
{
	static const char *const words[] = { "true", "false", "null" };
	size_t k, len;

	for (k = 0; k < 3; k++) {
		len = strlen(words[k]);
		if (sc->n - sc->i >= len &&
		    memcmp(sc->s + sc->i, words[k], len) == 0 &&
		    (sc->i + len == sc->n || !word_char(sc->s[sc->i + len]))) {
			sc->i += len;
			return 0;
		}
	}
	return fail(sc, sc->i, "expected a value", true);
}

/*
 * After an item of an object or array: ',' and the next item, or the
 * closing bracket. Returns 1 for the next item, 0 at the end.
 */
static int item_end(struct scanner *sc, char close)
{
	size_t comma;

	skip_ws(sc);
	if (peek(sc) == close) {
		sc->i++;
		sc->depth--;
		return 0;
	}
	if (peek(sc) != ',')
		return fail(sc, sc->i,
			    close == '}' ? "expected ',' or '}'"
					 : "expected ',' or ']'",
			    true);
	comma = sc->i++;
	skip_ws(sc);
	if (peek(sc) == close)
		return fail(sc, comma,
			    close == '}' ? "trailing comma before '}'"
					 : "trailing comma before ']'",
			    false);
	return 1;
}

static int open_bracket(struct scanner *sc)
{
	sc->i++;
	if (++sc->depth > MAX_DEPTH)
		return fail(sc, sc->i - 1, "nested too deeply", false);
	return 0;
}

static int key(struct scanner *sc, bool first)
{
	skip_ws(sc);
	if (peek(sc) == '/')
		return fail(sc, sc->i, "comments are not allowed in JSON",
			    false);
	if (peek(sc) != '"')
		return fail(sc, sc->i,
			    first ? "expected a key in double quotes or '}'"
				  : "expected a key in double quotes",
			    true);
	if (string(sc) < 0)
		return -1;
	skip_ws(sc);
	if (peek(sc) != ':')
		return fail(sc, sc->i, "expected ':' after the key", true);
	sc->i++;
	return 0;
}

static int object(struct scanner *sc)
{
	bool first = true;
	int r;

	if (open_bracket(sc) < 0)
		return -1;
	skip_ws(sc);
	if (peek(sc) == '}') {
		sc->i++;
		sc->depth--;
		return 0;
	}
	do {
		if (key(sc, first) < 0 || value(sc) < 0)
			return -1;
		first = false;
	} while ((r = item_end(sc, '}')) == 1);
	return r;
}

static int array(struct scanner *sc)
{
	int r;

	if (open_bracket(sc) < 0)
		return -1;
	skip_ws(sc);
	if (peek(sc) == ']') {
		sc->i++;
		sc->depth--;
		return 0;
	}
	do {
		if (value(sc) < 0)
			return -1;
	} while ((r = item_end(sc, ']')) == 1);
	return r;
}

static int value(struct scanner *sc)
{
	char c;

	skip_ws(sc);
	c = peek(sc);
	if (sc->i >= sc->n)
		return fail(sc, sc->i, "expected a value", true);
	if (c == '{')
		return object(sc);
	if (c == '[')
		return array(sc);
	if (c == '"')
		return string(sc);
	if (c == '-' || isdigit((unsigned char)c))
		return number(sc);
	if (c == '/')
		return fail(sc, sc->i, "comments are not allowed in JSON",
			    false);
	return literal(sc);
}

int json_check(const char *text, size_t len, struct json_error *err)
{
	struct scanner sc = { text, len, 0, 0, err };

	if (value(&sc) < 0)
		return -1;
	skip_ws(&sc);
	if (sc.i < sc.n) {
		if (peek(&sc) == '/')
			return fail(&sc, sc.i,
				    "comments are not allowed in JSON", false);
		return fail(&sc, sc.i, "expected the end of the file", true);
	}
	return 0;
}
