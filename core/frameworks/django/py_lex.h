#ifndef FKAUDIT_PY_LEX_H
#define FKAUDIT_PY_LEX_H

/*
 * Shared by py_lex.c, py_str.c, py_expr.c and py_parse.c; nobody else.
 * The tokens of a Python module, and the decoding of its string literals.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "py.h"

enum py_tok_kind {
	PYT_END,     /* the last token, always there */
	PYT_NEWLINE, /* end of a logical line (at bracket depth 0) */
	PYT_NAME,    /* an identifier or a keyword */
	PYT_NUMBER,
	PYT_STRING, /* one literal, prefix and quotes included */
	PYT_OP,	    /* operators, brackets, punctuation, stray bytes */
};

/* What a PYT_STRING is. */
enum py_str_flags {
	PYS_RAW = 1 << 0,
	PYS_BYTES = 1 << 1,
	PYS_FORMAT = 1 << 2, /* an f-string (or a t-string) */
	PYS_TRIPLE = 1 << 3,
	PYS_OPEN = 1 << 4, /* unterminated: runs to the end of the line
				(one quote) or of the file (three) */
};

struct py_tok {
	uint32_t start; /* source bytes [start, end) */
	uint32_t end;
	uint32_t body; /* PYT_STRING: the bytes between the quotes */
	uint32_t body_end;
	uint32_t col;  /* bol: the column of the token (tabs to 8) */
	uint8_t kind;  /* enum py_tok_kind */
	uint8_t flags; /* PYT_STRING: enum py_str_flags */
	bool bol;      /* the first token of a logical line */
};

struct py_toks {
	struct py_tok *v; /* ends with a PYT_END */
	size_t n;
	size_t cap;
	struct span *comments; /* from '#' to the line's end */
	size_t ncomments;
	size_t comments_cap;
};

/*
 * Splits src[0..len) into tokens. NEWLINE comes only at bracket depth 0;
 * blank and comment-only lines give no token. A closing bracket closes
 * the innermost open one that it matches (or the innermost one), and a
 * stray one is taken as is (the depth stays 0).
 *
 * An unclosed bracket would make the rest of the file one logical line;
 * the lexer ends the brackets, with a NEWLINE, before a line that starts
 * with a keyword no bracket may hold (def, class, import, return, ...).
 * When the brackets do not balance (open at the end of the file, a stray
 * or mismatched closing one, or one of those keywords inside), it reads
 * the file again and also ends them before a line no more indented than
 * the one that opened them starting with `NAME =`, `@`, if, for, from or
 * async. Valid Python is read once.
 *
 * Columns count tabs to the next multiple of 8, a form feed resets them,
 * and a NUL byte (white space) takes none, so it does not indent a line.
 *
 * Returns 0 or FK_ENOMEM; py_toks_release() frees the lists either way.
 */
int py_lex(struct py_toks *out, const char *src, size_t len);
void py_toks_release(struct py_toks *toks);

/*
 * Decoding of a string literal's value. With `val` NULL, only counts:
 * `len` and `npieces` grow by what the literal gives, so that the caller
 * can size `val` (len + 1 bytes) and `pieces` and decode for real.
 */
struct py_str_out {
	char *val;
	struct py_piece *pieces;
	size_t len;
	size_t npieces;
};

/*
 * Appends the value of the PYT_STRING `t` (not an f-string) as Python
 * decodes it, and the pieces that map it to the source:
 *   - exact runs: the source bytes as they are (a raw string's
 *     backslashes, unknown escapes such as \d, invalid UTF-8);
 *   - escapes: \\ \' \" \a \b \f \n \r \t \v, \ooo, \xhh; in str also
 *     \uXXXX and \UXXXXXXXX (as UTF-8; a surrogate or a code point past
 *     U+10FFFF becomes '?') and \N{name} (as '?': there is no table of
 *     Unicode names here); in bytes, \x and \ooo are bytes, and \u, \U,
 *     \N are kept as written, as in Python;
 *   - a backslash before a line break gives nothing (no piece);
 *   - line breaks \r\n and \r become \n (Python reads source with
 *     universal newlines), a piece that is not exact;
 *   - a NUL, from an escape (\0, \x00) or a NUL byte of the source,
 *     becomes a space, so that the value stays a C string.
 */
void py_str_decode(struct py_str_out *out, const char *src,
		   const struct py_tok *t);

#endif
