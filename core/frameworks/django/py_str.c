/*
 * The value of a Python string literal and the pieces that map it back to
 * the source. Runs of bytes that Python keeps as written are one exact
 * piece each; every escape, line break that Python rewrites, and NUL is a
 * piece of its own.
 */
#include "py_lex.h"

#include <string.h>

#define NO_ESCAPE ((size_t)-1)
#define NAME_MAX_LEN 128 /* of a \N{name}: Unicode's longest is 88 */

static void put(struct py_str_out *o, const char *bytes, size_t n, size_t src,
		size_t src_len, bool exact)
{
	if (n == 0)
		return;
	if (o->val) {
		memcpy(o->val + o->len, bytes, n);
		o->val[o->len + n] = '\0';
		o->pieces[o->npieces] = (struct py_piece){
			.val = (uint32_t)o->len,
			.len = (uint32_t)n,
			.src = (uint32_t)src,
			.src_len = (uint32_t)src_len,
			.exact = exact,
		};
	}
	o->len += n;
	o->npieces++;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* `digits` hex digits at s[i..end) into *v; false when fewer. */
static bool read_hex(const char *s, size_t i, size_t end, size_t digits,
		     uint32_t *v)
{
	size_t k;
	int h;

	if (end - i < digits)
		return false;
	*v = 0;
	for (k = 0; k < digits; k++) {
		if ((h = hex_value(s[i + k])) < 0)
			return false;
		*v = *v << 4 | (uint32_t)h;
	}
	return true;
}

/*
 * Code point `cp` as UTF-8 into b: '?' for what UTF-8 cannot hold (a
 * surrogate, past U+10FFFF), a space for NUL. Returns the length.
 */
static size_t utf8_put(char *b, uint32_t cp)
{
	if (cp == 0) {
		b[0] = ' ';
		return 1;
	}
	if (cp < 0x80) {
		b[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		b[0] = (char)(0xc0 | cp >> 6);
		b[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if ((cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) {
		b[0] = '?';
		return 1;
	}
	if (cp < 0x10000) {
		b[0] = (char)(0xe0 | cp >> 12);
		b[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	b[0] = (char)(0xf0 | cp >> 18);
	b[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	b[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	b[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* A code point of a str, or a byte of a bytes literal, into b. */
static size_t char_put(char *b, uint32_t v, bool bytes)
{
	if (!bytes)
		return utf8_put(b, v);
	b[0] = (char)(v & 0xff);
	if (b[0] == '\0')
		b[0] = ' ';
	return 1;
}

/* \ooo: up to three octal digits at s[i..end). */
static size_t octal_escape(const char *s, size_t i, size_t end, bool bytes,
			   char *b, size_t *next)
{
	uint32_t v = 0;
	size_t k;

	for (k = i; k < end && k < i + 3 && s[k] >= '0' && s[k] <= '7'; k++)
		v = v * 8 + (uint32_t)(s[k] - '0');
	*next = k;
	return char_put(b, v, bytes);
}

/* \N{name}, with s[i] the 'N': '?' (names are not looked up). */
static size_t name_escape(const char *s, size_t i, size_t end, char *b,
			  size_t *next)
{
	size_t k;

	if (i + 1 >= end || s[i + 1] != '{')
		return NO_ESCAPE;
	for (k = i + 2; k < end && k < i + 2 + NAME_MAX_LEN; k++) {
		if (s[k] == '}' && k > i + 2) {
			*next = k + 1;
			b[0] = '?';
			return 1;
		}
		if (s[k] == '\\' || s[k] == '\n' || s[k] == '\r' || s[k] == '}')
			break;
	}
	return NO_ESCAPE;
}

/*
 * The escape whose backslash is at s[i] (i + 1 < end) into b (up to four
 * bytes): its length in the value, *next after its source bytes; or
 * NO_ESCAPE when Python keeps the backslash and what follows.
 */
static size_t escape(const char *s, size_t i, size_t end, bool bytes, char *b,
		     size_t *next)
{
	static const char from[] = "\\'\"abfnrtv", to[] = "\\'\"\a\b\f\n\r\t\v";
	const char *p;
	char c = s[i + 1];
	uint32_t v;
	size_t digits;

	*next = i + 2;
	if (c == '\n')
		return 0;
	if (c == '\r') {
		if (*next < end && s[*next] == '\n')
			(*next)++;
		return 0;
	}
	if (c != '\0' && (p = strchr(from, c))) {
		b[0] = to[p - from];
		return 1;
	}
	if (c >= '0' && c <= '7')
		return octal_escape(s, i + 1, end, bytes, b, next);
	if (c == 'x' && read_hex(s, i + 2, end, 2, &v)) {
		*next = i + 4;
		return char_put(b, v, bytes);
	}
	if (bytes)
		return NO_ESCAPE;
	if (c == 'N')
		return name_escape(s, i + 1, end, b, next);
	digits = c == 'u' ? 4 : c == 'U' ? 8 : 0;
	if (digits && read_hex(s, i + 2, end, digits, &v)) {
		*next = i + 2 + digits;
		return utf8_put(b, v);
	}
	return NO_ESCAPE;
}

void py_str_decode(struct py_str_out *o, const char *s, const struct py_tok *t)
{
	bool raw = t->flags & PYS_RAW, bytes = t->flags & PYS_BYTES;
	size_t i = t->body, end = t->body_end, run = i, next, n;
	char b[4];

	while (i < end) {
		if (s[i] == '\r' || s[i] == '\0') {
			/* universal newlines; NUL would end the C string */
			next = i + 1;
			if (s[i] == '\r' && next < end && s[next] == '\n')
				next++;
			b[0] = s[i] == '\r' ? '\n' : ' ';
			n = 1;
		} else if (s[i] != '\\' || raw || i + 1 >= end) {
			i++;
			continue;
		} else if ((n = escape(s, i, end, bytes, b, &next)) ==
			   NO_ESCAPE) {
			/* the backslash stays; what follows is read next */
			i++;
			continue;
		}
		put(o, s + run, i - run, run, i - run, true);
		put(o, b, n, i, next - i, false);
		i = run = next;
	}
	put(o, s + run, i - run, run, i - run, true);
}
