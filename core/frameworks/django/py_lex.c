/*
 * The tokens of a Python module. Nothing here fails on bad input: a byte
 * that starts no token is a one-byte PYT_OP, an unterminated string ends
 * at its line's end (or the file's), and every loop moves forward.
 */
#include "py_lex.h"

#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "error.h"

#define PY_TAB 8
#define PY_BRACKETS 256 /* open brackets whose kind is remembered */

struct lexer {
	const char *src;
	size_t len;
	size_t i;
	struct py_toks *out;
	bool recover;	 /* the second reading, for unclosed brackets */
	bool unbalanced; /* a bracket left open, stray or mismatched */
	size_t depth;
	char closers[PY_BRACKETS]; /* of the open brackets, innermost last */
	size_t line_start;	   /* of the current physical line */
	bool line_first;	   /* no token yet on this physical line */
	bool at_bol;		   /* the next token starts a logical line */
	uint32_t line_col;	   /* the current logical line's column */
};

/* Keywords that no bracket may hold: a line starting with one ends them. */
static const char *const stmt_words[] = {
	"assert", "break",   "class",  "continue", "def",      "del",  "elif",
	"except", "finally", "global", "import",   "nonlocal", "pass", "raise",
	"return", "try",     "while",  "with",	   NULL,
};

/* More line starts that end unclosed brackets in the second reading. */
static const char *const recover_words[] = {
	"async", "for", "from", "if", NULL,
};

static const char *const ops3[] = { "**=", "//=", ">>=", "<<=", "...", NULL };
static const char *const ops2[] = {
	"**", "//", ">>", "<<", "<=", ">=", "==", "!=", "->", ":=",
	"+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", NULL,
};

static int at(const struct lexer *lx, size_t k)
{
	return lx->i + k < lx->len ? (unsigned char)lx->src[lx->i + k] : -1;
}

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool is_hex(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Identifier bytes: any non-ASCII byte counts (names may be Unicode). */
static bool is_name_byte(int c)
{
	return c == '_' || is_digit(c) || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static bool word_in(const char *s, size_t n, const char *const *words)
{
	size_t k;

	for (k = 0; words[k]; k++)
		if (strlen(words[k]) == n && memcmp(words[k], s, n) == 0)
			return true;
	return false;
}

/* The column of src[pos] on its physical line, tabs to multiples of 8. */
static uint32_t column(const struct lexer *lx, size_t pos)
{
	uint32_t col = 0;
	size_t k;

	for (k = lx->line_start; k < pos; k++) {
		if (lx->src[k] == '\t')
			col = (col / PY_TAB + 1) * PY_TAB;
		else if (lx->src[k] == '\f')
			col = 0;
		else if (lx->src[k] != '\0' && col < UINT32_MAX - PY_TAB)
			col++;
	}
	return col;
}

static int push(struct lexer *lx, const struct py_tok *t)
{
	struct py_toks *out = lx->out;

	if (array_grow((void **)&out->v, &out->cap, out->n, sizeof(*out->v)) <
	    0)
		return FK_ENOMEM;
	out->v[out->n++] = *t;
	return 0;
}

static int push_newline(struct lexer *lx, size_t start, size_t end)
{
	struct py_tok t = { .start = (uint32_t)start,
			    .end = (uint32_t)end,
			    .kind = PYT_NEWLINE };

	lx->at_bol = true;
	return push(lx, &t);
}

/* In the second reading: `NAME =` (not `==`) at src[t->start]. */
static bool name_assigned(const struct lexer *lx, const struct py_tok *t)
{
	size_t k = t->end;

	while (k < lx->len && (lx->src[k] == ' ' || lx->src[k] == '\t'))
		k++;
	return k < lx->len && lx->src[k] == '=' &&
	       (k + 1 >= lx->len || lx->src[k + 1] != '=');
}

/* Whether `t`, first on a line inside brackets, ends them. */
static bool ends_brackets(const struct lexer *lx, const struct py_tok *t)
{
	const char *s = lx->src + t->start;
	size_t n = t->end - t->start;

	if (t->kind == PYT_NAME && word_in(s, n, stmt_words))
		return true;
	if (!lx->recover || column(lx, t->start) > lx->line_col)
		return false;
	if (t->kind == PYT_OP)
		return n == 1 && *s == '@';
	return t->kind == PYT_NAME &&
	       (word_in(s, n, recover_words) || name_assigned(lx, t));
}

static void track_bracket(struct lexer *lx, const struct py_tok *t)
{
	static const char open[] = "([{", close[] = ")]}";
	const char *p;
	char c = lx->src[t->start];
	size_t k;

	if (t->kind != PYT_OP || t->end - t->start != 1 || c == '\0')
		return;
	if ((p = strchr(open, c))) {
		if (lx->depth < PY_BRACKETS)
			lx->closers[lx->depth] = close[p - open];
		lx->depth++;
	} else if (strchr(close, c)) {
		if (lx->depth == 0) {
			lx->unbalanced = true;
			return;
		}
		lx->depth--;
		if (lx->depth >= PY_BRACKETS)
			return;
		if (lx->closers[lx->depth] != c)
			lx->unbalanced = true;
		/* `[(]`: the `]` ends both */
		for (k = lx->depth + 1; k-- > 0;) {
			if (lx->closers[k] == c) {
				lx->depth = k;
				break;
			}
		}
	}
}

static int add_token(struct lexer *lx, struct py_tok *t)
{
	int err;

	if (lx->line_first && lx->depth > 0 && ends_brackets(lx, t)) {
		lx->depth = 0;
		lx->unbalanced = true;
		if ((err = push_newline(lx, t->start, t->start)) < 0)
			return err;
	}
	lx->line_first = false;
	if (lx->at_bol) {
		t->bol = true;
		t->col = column(lx, t->start);
		lx->line_col = t->col;
		lx->at_bol = false;
	}
	if ((err = push(lx, t)) < 0)
		return err;
	track_bracket(lx, t);
	return 0;
}

/* src[i] is a backslash in a literal: where what it escapes ends. */
static size_t skip_escape(const char *s, size_t n, size_t i)
{
	if (i + 1 >= n)
		return n;
	if (s[i + 1] == '\r' && i + 2 < n && s[i + 2] == '\n')
		return i + 3;
	return i + 2;
}

static bool triple_at(const char *s, size_t n, size_t i, char q)
{
	return i + 2 < n && s[i] == q && s[i + 1] == q && s[i + 2] == q;
}

/*
 * A string inside an f-string's replacement field, quote at s[i]: where
 * it ends. A one-quote string stops before a line break.
 */
static size_t skip_nested(const char *s, size_t n, size_t i)
{
	char q = s[i];
	bool triple = triple_at(s, n, i, q);

	i += triple ? 3 : 1;
	while (i < n) {
		if (s[i] == '\\') {
			i = skip_escape(s, n, i);
		} else if (triple ? triple_at(s, n, i, q) : s[i] == q) {
			return i + (triple ? 3 : 1);
		} else if (!triple && (s[i] == '\n' || s[i] == '\r')) {
			return i;
		} else {
			i++;
		}
	}
	return n;
}

/*
 * An f-string's replacement field, '{' at s[i] ("{{" is a brace): where
 * it ends. It may hold brackets and strings of either quote (Python
 * 3.12 allows the f-string's own); in a one-quote f-string, a line break
 * ends the field and the f-string.
 */
static size_t skip_field(const char *s, size_t n, size_t i, bool triple)
{
	size_t depth = 0;

	if (i + 1 < n && s[i + 1] == '{')
		return i + 2;
	while (i < n) {
		char c = s[i];

		if (c == '{' || c == '(' || c == '[') {
			depth++;
		} else if (c == '}' || c == ')' || c == ']') {
			if (--depth == 0)
				return i + 1;
		} else if (c == '\'' || c == '"') {
			i = skip_nested(s, n, i);
			continue;
		} else if (!triple && (c == '\n' || c == '\r')) {
			return i;
		}
		i++;
	}
	return n;
}

/* The literal whose opening quote is at src[q]: its body and end. */
static void scan_string(const struct lexer *lx, size_t q, struct py_tok *t)
{
	const char *s = lx->src;
	size_t n = lx->len, i;
	char quote = s[q];
	bool triple = triple_at(s, n, q, quote);

	if (triple)
		t->flags |= PYS_TRIPLE;
	i = q + (triple ? 3 : 1);
	t->body = (uint32_t)i;
	while (i < n) {
		char c = s[i];

		if (c == '\\') {
			i = skip_escape(s, n, i);
		} else if (triple ? triple_at(s, n, i, quote) : c == quote) {
			t->body_end = (uint32_t)i;
			t->end = (uint32_t)(i + (triple ? 3 : 1));
			return;
		} else if (!triple && (c == '\n' || c == '\r')) {
			break;
		} else if ((t->flags & PYS_FORMAT) && c == '{') {
			i = skip_field(s, n, i, triple);
		} else {
			i++;
		}
	}
	t->flags |= PYS_OPEN;
	t->body_end = t->end = (uint32_t)i;
}

/* The flags of a string prefix s[0..n) (any case), or -1: not one. */
static int prefix_flags(const char *s, size_t n)
{
	int flags = 0;
	size_t k;
	char c;

	if (n == 0 || n > 2)
		return -1;
	for (k = 0; k < n; k++) {
		c = (char)(s[k] | 0x20);
		if (c == 'r' && !(flags & PYS_RAW))
			flags |= PYS_RAW;
		else if (c == 'b' && !(flags & (PYS_BYTES | PYS_FORMAT)))
			flags |= PYS_BYTES;
		else if ((c == 'f' || c == 't') &&
			 !(flags & (PYS_BYTES | PYS_FORMAT)))
			flags |= PYS_FORMAT;
		else if (c != 'u' || n != 1)
			return -1;
	}
	return flags;
}

static size_t scan_digits(const char *s, size_t n, size_t i)
{
	while (i < n && (is_digit((unsigned char)s[i]) || s[i] == '_'))
		i++;
	return i;
}

/* 0x1F, 1_000, 1.5e-3, .5, 2j: where the number at s[i] ends. */
static size_t scan_number(const char *s, size_t n, size_t i)
{
	size_t j;

	if (s[i] == '0' && i + 1 < n && s[i + 1] != '\0' &&
	    strchr("xXoObB", s[i + 1])) {
		i += 2;
		while (i < n && (is_hex((unsigned char)s[i]) || s[i] == '_'))
			i++;
		return i;
	}
	i = scan_digits(s, n, i);
	if (i < n && s[i] == '.')
		i = scan_digits(s, n, i + 1);
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		j = i + 1;
		if (j < n && (s[j] == '+' || s[j] == '-'))
			j++;
		if (j < n && is_digit((unsigned char)s[j]))
			i = scan_digits(s, n, j);
	}
	if (i < n && (s[i] == 'j' || s[i] == 'J'))
		i++;
	return i;
}

static size_t op_len(const char *s, size_t n)
{
	size_t k;

	for (k = 0; ops3[k]; k++)
		if (n >= 3 && memcmp(s, ops3[k], 3) == 0)
			return 3;
	for (k = 0; ops2[k]; k++)
		if (n >= 2 && memcmp(s, ops2[k], 2) == 0)
			return 2;
	return 1;
}

/* A name, a string with its prefix, a number or an operator at lx->i. */
static int lex_token(struct lexer *lx)
{
	const char *s = lx->src;
	size_t start = lx->i, i = lx->i, n = lx->len;
	struct py_tok t = { .start = (uint32_t)start };
	int c = at(lx, 0), flags;

	if (c == '\'' || c == '"') {
		t.kind = PYT_STRING;
		scan_string(lx, start, &t);
		i = t.end;
	} else if (is_digit(c) || (c == '.' && is_digit(at(lx, 1)))) {
		t.kind = PYT_NUMBER;
		i = scan_number(s, n, i);
	} else if (is_name_byte(c)) {
		while (i < n && is_name_byte((unsigned char)s[i]))
			i++;
		flags = prefix_flags(s + start, i - start);
		if (flags >= 0 && i < n && (s[i] == '\'' || s[i] == '"')) {
			t.kind = PYT_STRING;
			t.flags = (uint8_t)flags;
			scan_string(lx, i, &t);
			i = t.end;
		} else {
			t.kind = PYT_NAME;
		}
	} else {
		t.kind = PYT_OP;
		i += op_len(s + i, n - i);
	}
	t.end = (uint32_t)i;
	lx->i = i;
	return add_token(lx, &t);
}

static int lex_newline(struct lexer *lx)
{
	size_t start = lx->i;
	int err = 0;

	lx->i += at(lx, 0) == '\r' && at(lx, 1) == '\n' ? 2 : 1;
	if (lx->depth == 0 && !lx->at_bol)
		err = push_newline(lx, start, lx->i);
	lx->line_start = lx->i;
	lx->line_first = true;
	return err;
}

static int lex_comment(struct lexer *lx)
{
	struct py_toks *out = lx->out;
	size_t start = lx->i;

	while (lx->i < lx->len && at(lx, 0) != '\n' && at(lx, 0) != '\r')
		lx->i++;
	if (array_grow((void **)&out->comments, &out->comments_cap,
		       out->ncomments, sizeof(*out->comments)) < 0)
		return FK_ENOMEM;
	out->comments[out->ncomments].start = (uint32_t)start;
	out->comments[out->ncomments].end = (uint32_t)lx->i;
	out->ncomments++;
	return 0;
}

/* A backslash: joins the next line, or is a stray byte. */
static int lex_backslash(struct lexer *lx)
{
	int c = at(lx, 1);

	if (c == '\n' || c == '\r') {
		lx->i += c == '\r' && at(lx, 2) == '\n' ? 3 : 2;
		lx->line_start = lx->i;
		return 0;
	}
	if (c < 0) {
		lx->i++;
		return 0;
	}
	return lex_token(lx);
}

static int lex_run(struct lexer *lx)
{
	struct py_tok end = { .kind = PYT_END };
	int err = 0;
	int c;

	/* a UTF-8 byte order mark is not part of the first line */
	if (lx->len >= 3 && memcmp(lx->src, "\xef\xbb\xbf", 3) == 0)
		lx->i = lx->line_start = 3;
	while (!err && lx->i < lx->len) {
		c = at(lx, 0);
		if (c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == 0)
			lx->i++;
		else if (c == '\n' || c == '\r')
			err = lex_newline(lx);
		else if (c == '#')
			err = lex_comment(lx);
		else if (c == '\\')
			err = lex_backslash(lx);
		else
			err = lex_token(lx);
	}
	if (!err && !lx->at_bol)
		err = push_newline(lx, lx->len, lx->len);
	end.start = end.end = (uint32_t)lx->len;
	return err ? err : push(lx, &end);
}

static void lexer_init(struct lexer *lx, struct py_toks *out, const char *src,
		       size_t len, bool recover)
{
	memset(lx, 0, sizeof(*lx));
	lx->src = src;
	lx->len = len;
	lx->out = out;
	lx->recover = recover;
	lx->line_first = true;
	lx->at_bol = true;
	out->n = 0;
	out->ncomments = 0;
}

int py_lex(struct py_toks *out, const char *src, size_t len)
{
	struct lexer lx;
	int err;

	lexer_init(&lx, out, src, len, false);
	err = lex_run(&lx);
	if (err || (lx.depth == 0 && !lx.unbalanced))
		return err;
	lexer_init(&lx, out, src, len, true);
	return lex_run(&lx);
}

void py_toks_release(struct py_toks *toks)
{
	free(toks->v);
	free(toks->comments);
	memset(toks, 0, sizeof(*toks));
}
