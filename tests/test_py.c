/*
 * The Python module reader (core/frameworks/django/py.h): string literals and the pieces
 * that map their values to the source, expressions, statements, a
 * realistic Django migration, and input that is not Python at all.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "py.h"

/* A module read from a copy of its text of exactly `len` bytes. */
struct doc {
	struct py_module m;
	char *src;
	size_t len;
};

static void doc_read(struct doc *d, const char *text, size_t len)
{
	d->src = malloc(len ? len : 1);
	cr_assert(d->src);
	memcpy(d->src, text, len);
	d->len = len;
	cr_assert_eq(py_module_read(&d->m, d->src, len), 0);
}

/* text: a string literal or char array, its length taken by sizeof */
#define READ(d, text) doc_read((d), (text), sizeof(text) - 1)

static void doc_release(struct doc *d)
{
	py_module_release(&d->m);
	free(d->src);
}

static const struct py_node *global(const struct doc *d, const char *name)
{
	return py_module_lookup(&d->m, NULL, name);
}

static void dump(struct buf *b, const struct doc *d, const struct py_node *n);

static void dump_items(struct buf *b, const struct doc *d,
		       const struct py_node *const *v, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++) {
		if (k)
			buf_adds(b, ", ");
		dump(b, d, v[k]);
	}
}

/*
 * A node as text: strings quoted (b"" for bytes) with \n, \" and \xNN
 * escapes, names and numbers as they are, calls, lists and tuples as in
 * Python, PY_OTHER as ?{its source text}.
 */
static void dump(struct buf *b, const struct doc *d, const struct py_node *n)
{
	size_t k;

	switch (n->kind) {
	case PY_STR:
		buf_adds(b, n->bytes ? "b\"" : "\"");
		for (k = 0; k < n->len; k++) {
			unsigned char c = (unsigned char)n->str[k];

			if (c == '"' || c == '\\')
				buf_addf(b, "\\%c", c);
			else if (c == '\n')
				buf_adds(b, "\\n");
			else if (c < 0x20 || c >= 0x7f)
				buf_addf(b, "\\x%02x", c);
			else
				buf_addc(b, (char)c);
		}
		buf_addc(b, '"');
		break;
	case PY_NAME:
	case PY_CONST:
	case PY_NUM:
		buf_adds(b, n->name);
		break;
	case PY_CALL:
		dump(b, d, n->fn);
		buf_addc(b, '(');
		dump_items(b, d, n->items, n->nitems);
		for (k = 0; k < n->nkw; k++) {
			buf_addf(b, "%s%s=", n->nitems || k ? ", " : "",
				 n->kw[k]);
			dump(b, d, n->kwvals[k]);
		}
		buf_addc(b, ')');
		break;
	case PY_LIST:
		buf_addc(b, '[');
		dump_items(b, d, n->items, n->nitems);
		buf_addc(b, ']');
		break;
	case PY_TUPLE:
		buf_addc(b, '(');
		dump_items(b, d, n->items, n->nitems);
		buf_adds(b, n->nitems == 1 ? ",)" : ")");
		break;
	case PY_SET:
		buf_addc(b, '{');
		dump_items(b, d, n->items, n->nitems);
		buf_addc(b, '}');
		break;
	case PY_DICT:
		buf_addc(b, '{');
		for (k = 0; k < n->nkw; k++) {
			buf_addf(b, "%s\"%s\": ", k ? ", " : "", n->kw[k]);
			dump(b, d, n->kwvals[k]);
		}
		buf_addc(b, '}');
		break;
	case PY_OTHER:
		buf_adds(b, "?{");
		buf_add(b, d->src + n->span.start, n->span.end - n->span.start);
		buf_addc(b, '}');
		break;
	}
}

static void expect_dump(const struct doc *d, const struct py_node *n,
			const char *want)
{
	struct buf b = BUF_INIT;

	cr_assert(n, "no node for %s", want);
	dump(&b, d, n);
	cr_expect_str_eq(buf_str(&b), want);
	buf_release(&b);
}

/* The value of global `name`, dumped, is `want`. */
static void expect_global(const struct doc *d, const char *name,
			  const char *want)
{
	const struct py_node *n = global(d, name);

	cr_assert(n, "%s not found", name);
	expect_dump(d, n, want);
}

static void expect_span(const struct doc *d, const struct py_node *n,
			const char *want)
{
	size_t len = n->span.end - n->span.start;

	cr_assert(n->span.start <= n->span.end && n->span.end <= d->len);
	cr_expect(len == strlen(want) &&
			  memcmp(d->src + n->span.start, want, len) == 0,
		  "span is '%.*s', expected '%s'", (int)len,
		  d->src + n->span.start, want);
}

/*
 * The pieces of a PY_STR cover its value in order; an exact one holds
 * the source's own bytes; all lie in the node's span.
 */
static void check_pieces(const struct doc *d, const struct py_node *n)
{
	size_t k, at = 0;

	cr_assert_eq(n->kind, PY_STR);
	cr_assert_eq(strlen(n->str), n->len, "a NUL in the value");
	for (k = 0; k < n->npieces; k++) {
		const struct py_piece *p = &n->pieces[k];

		cr_expect_eq(p->val, at, "piece %zu starts at %u, not %zu", k,
			     p->val, at);
		cr_expect(p->len > 0);
		cr_expect(p->src >= n->span.start &&
			  p->src + p->src_len <= n->span.end);
		if (p->exact)
			cr_expect(p->len == p->src_len &&
					  memcmp(n->str + p->val,
						 d->src + p->src, p->len) == 0,
				  "exact piece %zu differs", k);
		at = p->val + p->len;
	}
	cr_expect_eq(at, n->len);
}

/*
 * The source offset that value byte `off` comes from: itself in an exact
 * piece, the escape's first byte (its backslash) otherwise.
 */
static long src_of(const struct py_node *n, size_t off)
{
	size_t k;

	for (k = 0; k < n->npieces; k++) {
		const struct py_piece *p = &n->pieces[k];

		if (off >= p->val && off < p->val + p->len)
			return p->exact ? (long)(p->src + off - p->val)
					: (long)p->src;
	}
	return -1;
}

/* Offset in the source of the n-th (0-based) occurrence of c. */
static long nth(const struct doc *d, char c, int n)
{
	const char *p = d->src, *end = d->src + d->len;

	for (; p < end; p++)
		if (*p == c && n-- == 0)
			return p - d->src;
	return -1;
}

/* --- string literals ---------------------------------------------------- */

Test(py, string_shapes)
{
	struct doc d;

	READ(&d, "A = 'single'\n"
		 "B = \"double\"\n"
		 "C = '''tri'ple\nline'''\n"
		 "D = \"\"\"tri\"\"ple\n\"\"\"\n"
		 "E = ''\n"
		 "F = \"\"\"\"\"\"\n"
		 "G = 'it\"s'\n"
		 "H = \"\"\"a\"\"\"\"b\"\n");
	expect_global(&d, "A", "\"single\"");
	expect_global(&d, "B", "\"double\"");
	expect_global(&d, "C", "\"tri'ple\\nline\"");
	expect_global(&d, "D", "\"tri\\\"\\\"ple\\n\"");
	expect_global(&d, "E", "\"\"");
	expect_global(&d, "F", "\"\"");
	expect_global(&d, "G", "\"it\\\"s\"");
	/* """a""" then "b": implicit concatenation */
	expect_global(&d, "H", "\"ab\"");
	cr_expect_eq(global(&d, "E")->len, 0);
	cr_expect_eq(global(&d, "E")->npieces, 0);
	cr_expect(!global(&d, "A")->bytes);
	expect_span(&d, global(&d, "C"), "'''tri'ple\nline'''");
	doc_release(&d);
}

Test(py, string_prefixes_any_case)
{
	struct doc d;

	READ(&d, "A = r'\\n'\nB = R'\\n'\nC = u'x'\nD = U'x'\n"
		 "E = b'\\n'\nF = B'x'\nG = br'\\n'\nH = Br'\\n'\n"
		 "I = bR'\\n'\nJ = BR'\\n'\nK = rb'\\n'\nL = rB'\\n'\n"
		 "M = Rb'\\n'\nN = RB'\\n'\n"
		 "O = f'{x}'\nP = F'x'\nQ = rf'x'\nS = fR'x'\nT = Rf'{x}'\n"
		 "V = FR'x'\nW = ur'x'\nX = f'a' 'b'\n");
	expect_global(&d, "A", "\"\\\\n\"");
	expect_global(&d, "B", "\"\\\\n\"");
	expect_global(&d, "C", "\"x\"");
	expect_global(&d, "D", "\"x\"");
	expect_global(&d, "E", "b\"\\n\"");
	expect_global(&d, "F", "b\"x\"");
	expect_global(&d, "G", "b\"\\\\n\"");
	expect_global(&d, "H", "b\"\\\\n\"");
	expect_global(&d, "I", "b\"\\\\n\"");
	expect_global(&d, "J", "b\"\\\\n\"");
	expect_global(&d, "K", "b\"\\\\n\"");
	expect_global(&d, "L", "b\"\\\\n\"");
	expect_global(&d, "M", "b\"\\\\n\"");
	expect_global(&d, "N", "b\"\\\\n\"");
	cr_expect(global(&d, "E")->bytes);
	/* f-strings are not constants */
	expect_global(&d, "O", "?{f'{x}'}");
	expect_global(&d, "P", "?{F'x'}");
	expect_global(&d, "Q", "?{rf'x'}");
	expect_global(&d, "S", "?{fR'x'}");
	expect_global(&d, "T", "?{Rf'{x}'}");
	expect_global(&d, "V", "?{FR'x'}");
	/* not a Python 3 prefix: the name ur, then a string */
	expect_global(&d, "W", "?{ur'x'}");
	expect_global(&d, "X", "?{f'a' 'b'}");
	doc_release(&d);
}

Test(py, string_escapes_str)
{
	struct doc d;

	READ(&d, "A = '\\\\ \\' \\\" \\a \\b \\f \\n \\r \\t \\v'\n"
		 "B = '\\0 \\7 \\101 \\1010 \\377 \\777'\n"
		 "C = '\\x41 \\xe9 \\xE9'\n"
		 "D = '\\u00e9 \\u20AC \\U0001F600 \\U00000041'\n"
		 "E = '\\N{EM DASH}|\\N{x'\n"
		 "F = 'a\\\nb'\n"
		 "G = 'a\\\r\nb'\n"
		 "H = '\\d \\% \\ \\8 \\x4 \\u12 \\U1234567 \\xZZ'\n"
		 "I = '\\ud800 \\U00110000'\n"
		 "J = '\\x00|\\0|\\u0000'\n");
	expect_global(&d, "A",
		      "\"\\\\ ' \\\" \\x07 \\x08 \\x0c \\n \\x0d "
		      "\\x09 \\x0b\"");
	/* \777 is U+01FF; \1010 is A then 0 */
	expect_global(&d, "B", "\"  \\x07 A A0 \\xc3\\xbf \\xc7\\xbf\"");
	/* in a str, \xe9 is the code point é */
	expect_global(&d, "C", "\"A \\xc3\\xa9 \\xc3\\xa9\"");
	expect_global(&d, "D",
		      "\"\\xc3\\xa9 \\xe2\\x82\\xac "
		      "\\xf0\\x9f\\x98\\x80 A\"");
	/* names are not looked up; an unclosed one stays as written */
	expect_global(&d, "E", "\"?|\\\\N{x\"");
	expect_global(&d, "F", "\"ab\"");
	expect_global(&d, "G", "\"ab\"");
	/* unknown and truncated escapes keep the backslash, as Python */
	expect_global(&d, "H",
		      "\"\\\\d \\\\% \\\\ \\\\8 \\\\x4 \\\\u12 "
		      "\\\\U1234567 \\\\xZZ\"");
	expect_global(&d, "I", "\"? ?\"");
	/* NUL from an escape is a space, so the value stays a C string */
	expect_global(&d, "J", "\" | | \"");
	check_pieces(&d, global(&d, "A"));
	check_pieces(&d, global(&d, "H"));
	check_pieces(&d, global(&d, "J"));
	doc_release(&d);
}

Test(py, string_escapes_bytes)
{
	struct doc d;

	READ(&d, "A = b'\\xe9\\x41\\777\\0\\n'\n"
		 "B = b'\\u00e9 \\U0001F600 \\N{EM DASH}'\n"
		 "C = b'a' B'b' rb'\\x'\n");
	expect_global(&d, "A", "b\"\\xe9A\\xff \\n\"");
	/* \u, \U and \N are not escapes in bytes */
	expect_global(&d, "B", "b\"\\\\u00e9 \\\\U0001F600 \\\\N{EM DASH}\"");
	expect_global(&d, "C", "b\"ab\\\\x\"");
	check_pieces(&d, global(&d, "B"));
	doc_release(&d);
}

Test(py, string_raw)
{
	struct doc d;

	READ(&d, "A = r'\\n\\t\\\\'\n"
		 "B = r\"a\\\"b\"\n"
		 "C = r'it\\'s'\n"
		 "D = r'''x\\\ny'''\n"
		 "E = r'\\N{DASH} \\x41 \\u00e9'\n");
	expect_global(&d, "A", "\"\\\\n\\\\t\\\\\\\\\"");
	/* \" does not end a raw string and keeps its backslash */
	expect_global(&d, "B", "\"a\\\\\\\"b\"");
	expect_global(&d, "C", "\"it\\\\'s\"");
	expect_global(&d, "D", "\"x\\\\\\ny\"");
	expect_global(&d, "E", "\"\\\\N{DASH} \\\\x41 \\\\u00e9\"");
	/* all of a raw string is the source's own bytes */
	cr_expect_eq(global(&d, "A")->npieces, 1);
	cr_expect(global(&d, "A")->pieces[0].exact);
	check_pieces(&d, global(&d, "B"));
	doc_release(&d);
}

Test(py, string_nul_bytes_in_source)
{
	static const char text[] = "A = 'a\0b'\n\0B\0 = \0'c'\0\n";
	struct doc d;
	const struct py_node *a;

	READ(&d, text);
	a = global(&d, "A");
	expect_dump(&d, a, "\"a b\"");
	cr_expect_eq(a->npieces, 3);
	cr_expect(!a->pieces[1].exact && a->pieces[1].src == 6 &&
		  a->pieces[1].src_len == 1);
	/* between tokens, NUL is white space */
	expect_global(&d, "B", "\"c\"");
	doc_release(&d);
}

/* --- pieces ------------------------------------------------------------- */

Test(py, pieces_map_value_to_source)
{
	struct doc d;
	const struct py_node *n;
	const struct py_piece *p;

	/* value: a \n b é c ; source: "a\nb\u00e9c" */
	READ(&d, "S = 'a\\nb\\u00e9c'\n");
	n = global(&d, "S");
	check_pieces(&d, n);
	cr_assert_eq(n->len, 6);
	cr_assert_eq(n->npieces, 5);
	p = n->pieces;
	cr_expect(p[0].exact && p[0].val == 0 && p[0].len == 1 &&
		  p[0].src == 5 && p[0].src_len == 1);
	cr_expect(!p[1].exact && p[1].val == 1 && p[1].len == 1 &&
		  p[1].src == 6 && p[1].src_len == 2);
	cr_expect(p[2].exact && p[2].val == 2 && p[2].src == 8);
	cr_expect(!p[3].exact && p[3].val == 3 && p[3].len == 2 &&
		  p[3].src == 9 && p[3].src_len == 6);
	cr_expect(p[4].exact && p[4].val == 5 && p[4].src == 15);
	/* every value byte against the source */
	cr_expect_eq(src_of(n, 0), nth(&d, 'a', 0));
	cr_expect_eq(src_of(n, 1), nth(&d, '\\', 0));
	cr_expect_eq(src_of(n, 2), nth(&d, 'b', 0));
	cr_expect_eq(src_of(n, 3), nth(&d, '\\', 1));
	cr_expect_eq(src_of(n, 4), nth(&d, '\\', 1));
	cr_expect_eq(src_of(n, 5), nth(&d, 'c', 0));
	doc_release(&d);
}

Test(py, pieces_across_implicit_concatenation)
{
	struct doc d;
	const struct py_node *n;
	size_t k;

	READ(&d, "X = (\n"
		 "    'ALTER TABLE t '  # first ( [\n"
		 "    # a line of its own\n"
		 "    \"ADD c int\"\n"
		 "    '''\n;'''\n"
		 ")\n"
		 "Y = 1\n");
	n = global(&d, "X");
	expect_dump(&d, n, "\"ALTER TABLE t ADD c int\\n;\"");
	check_pieces(&d, n);
	/* one exact run per literal: quotes and gaps give no value bytes */
	cr_assert_eq(n->npieces, 3);
	for (k = 0; k < 3; k++)
		cr_expect(n->pieces[k].exact);
	cr_expect_eq(src_of(n, 0), nth(&d, 'A', 0));
	cr_expect_eq(src_of(n, 14), nth(&d, 'A', 2)); /* ADD */
	cr_expect_eq(src_of(n, 24), nth(&d, ';', 0));
	cr_expect_eq(src_of(n, 23), nth(&d, ';', 0) - 1); /* its \n */
	/* (x) is x, spanning the brackets */
	cr_expect_eq(n->span.start, nth(&d, '(', 0));
	cr_expect_eq(n->span.end, nth(&d, ')', 0) + 1);
	expect_global(&d, "Y", "1");
	cr_assert_eq(d.m.ncomments, 2);
	cr_expect_str_eq(d.m.comments[0].text, " first ( [");
	cr_expect_str_eq(d.m.comments[1].text, " a line of its own");
	cr_expect_eq(d.m.comments[0].span.start, nth(&d, '#', 0));
	doc_release(&d);
}

Test(py, pieces_every_byte)
{
	/* each value byte is a marker letter found once in the source */
	struct doc d;
	const struct py_node *n;
	const char *want = "ABC\tDEF\nGH";
	size_t k;

	READ(&d, "S = ('A' \"B\" 'C\\tD'\n     '''E''' + r'F'\n"
		 "     + '\\nG' \"\"\"H\"\"\")\n");
	n = global(&d, "S");
	expect_dump(&d, n, "\"ABC\\x09DEF\\nGH\"");
	check_pieces(&d, n);
	for (k = 0; want[k]; k++) {
		char c = want[k];

		if (c == '\t')
			cr_expect_eq(src_of(n, k), nth(&d, '\\', 0));
		else if (c == '\n')
			cr_expect_eq(src_of(n, k), nth(&d, '\\', 1));
		else
			cr_expect_eq(src_of(n, k), nth(&d, c, 0),
				     "byte %zu (%c)", k, c);
	}
	doc_release(&d);
}

/* --- folding ------------------------------------------------------------ */

Test(py, plus_folds_strings)
{
	struct doc d;
	const struct py_node *n;

	READ(&d, "A = 'a' + \"b\" 'c' + '''d'''\n"
		 "B = b'x' + b'y'\n"
		 "C = 'a' + x\n"
		 "D = x + 'a'\n"
		 "E = 'a' + 'b' * 2\n"
		 "F = 'a' + b'b'\n"
		 "G = 'a' b'b'\n"
		 "H = ('a' +\n     'b')\n"
		 "I = 'a' - 'b'\n"
		 "J = 'a' +\n");
	n = global(&d, "A");
	expect_dump(&d, n, "\"abcd\"");
	expect_span(&d, n, "'a' + \"b\" 'c' + '''d'''");
	check_pieces(&d, n);
	cr_expect_eq(src_of(n, 3), nth(&d, 'd', 0));
	expect_global(&d, "B", "b\"xy\"");
	expect_global(&d, "C", "?{'a' + x}");
	expect_global(&d, "D", "?{x + 'a'}");
	expect_global(&d, "E", "?{'a' + 'b' * 2}");
	expect_global(&d, "F", "?{'a' + b'b'}");
	expect_global(&d, "G", "?{'a' b'b'}");
	expect_global(&d, "H", "\"ab\"");
	expect_global(&d, "I", "?{'a' - 'b'}");
	expect_global(&d, "J", "?{'a' +}");
	doc_release(&d);
}

Test(py, dedent_and_strip_keep_the_value)
{
	struct doc d;
	const struct py_node *n, *s;

	READ(&d, "S = '''\n    SELECT 1;\n'''\n"
		 "A = textwrap.dedent('''\n    SELECT 1;\n''')\n"
		 "B = dedent('x').strip()\n"
		 "C = ' y '.lstrip().rstrip()\n"
		 "D = textwrap.dedent(S)\n"
		 "E = 'x'.strip('x')\n"
		 "F = 'x'.upper()\n"
		 "G = dedent('a', 'b')\n"
		 "H = ('a' 'b').strip() + 'c'\n");
	s = global(&d, "S");
	n = global(&d, "A");
	expect_dump(&d, n, "\"\\n    SELECT 1;\\n\"");
	expect_span(&d, n, "textwrap.dedent('''\n    SELECT 1;\n''')");
	check_pieces(&d, n);
	cr_expect_eq(n->len, s->len);
	cr_expect_eq(src_of(n, 5), nth(&d, 'S', 2)); /* SELECT of A */
	n = global(&d, "B");
	expect_dump(&d, n, "\"x\"");
	expect_span(&d, n, "dedent('x').strip()");
	n = global(&d, "C");
	expect_dump(&d, n, "\" y \"");
	expect_span(&d, n, "' y '.lstrip().rstrip()");
	expect_global(&d, "D", "textwrap.dedent(S)");
	expect_global(&d, "E", "?{'x'.strip('x')}");
	expect_global(&d, "F", "?{'x'.upper()}");
	expect_global(&d, "G", "dedent(\"a\", \"b\")");
	expect_global(&d, "H", "\"abc\"");
	doc_release(&d);
}

Test(py, crlf_line_endings)
{
	struct doc d;
	const struct py_node *n;
	const struct py_class *c;

	READ(&d, "# head\r\n"
		 "SQL = \"\"\"a\r\nb\rc\"\"\"\r\n"
		 "class Migration(migrations.Migration):\r\n"
		 "    atomic = False  # no\r\n"
		 "\r\n"
		 "    operations = [\r\n"
		 "        migrations.RunSQL('x'),\r\n"
		 "    ]\r\n"
		 "X = 'a\\\r\nb'\r\n");
	n = global(&d, "SQL");
	/* universal newlines: \r\n and \r are \n in the value */
	expect_dump(&d, n, "\"a\\nb\\nc\"");
	check_pieces(&d, n);
	cr_assert_eq(n->npieces, 5);
	cr_expect(!n->pieces[1].exact && n->pieces[1].len == 1 &&
		  n->pieces[1].src_len == 2 &&
		  n->pieces[1].src == (uint32_t)nth(&d, '\r', 1));
	cr_expect(!n->pieces[3].exact && n->pieces[3].src_len == 1);
	c = py_module_class(&d.m, "Migration");
	cr_assert(c);
	cr_assert_eq(c->nattrs, 2);
	expect_dump(&d, py_module_lookup(&d.m, c, "atomic"), "False");
	expect_dump(&d, py_module_lookup(&d.m, c, "operations"),
		    "[migrations.RunSQL(\"x\")]");
	expect_global(&d, "X", "\"ab\"");
	cr_assert_eq(d.m.ncomments, 2);
	cr_expect_str_eq(d.m.comments[0].text, " head");
	cr_expect_str_eq(d.m.comments[1].text, " no");
	doc_release(&d);
}

/* --- expressions -------------------------------------------------------- */

Test(py, names_constants_numbers)
{
	struct doc d;

	READ(&d, "A = migrations.RunSQL.noop\n"
		 "B = django . db.models\\\n  .deletion.CASCADE\n"
		 "C = True\nD = False\nE = None\n"
		 "F = 1_000\nG = 0x1F\nH = 1.5e-3\nI = .5\nJ = 2j\n"
		 "K = 0o17\nL = 1E5J\nM = -1\nN = 0b1_0\n"
		 "O = name\n");
	expect_global(&d, "A", "migrations.RunSQL.noop");
	cr_expect_eq(global(&d, "A")->kind, PY_NAME);
	expect_global(&d, "B", "django.db.models.deletion.CASCADE");
	cr_expect_eq(global(&d, "C")->kind, PY_CONST);
	expect_global(&d, "C", "True");
	expect_global(&d, "D", "False");
	expect_global(&d, "E", "None");
	cr_expect_eq(global(&d, "F")->kind, PY_NUM);
	expect_global(&d, "F", "1_000");
	expect_global(&d, "G", "0x1F");
	expect_global(&d, "H", "1.5e-3");
	expect_global(&d, "I", ".5");
	expect_global(&d, "J", "2j");
	expect_global(&d, "K", "0o17");
	expect_global(&d, "L", "1E5J");
	expect_global(&d, "M", "-1");
	cr_expect_eq(global(&d, "M")->kind, PY_NUM);
	expect_global(&d, "N", "0b1_0");
	expect_global(&d, "O", "name");
	cr_expect_str_eq(py_node_tail(global(&d, "A")), "noop");
	cr_expect_str_eq(py_node_tail(global(&d, "O")), "name");
	doc_release(&d);
}

Test(py, calls_lists_tuples)
{
	struct doc d;
	const struct py_node *n;

	READ(&d, "A = f(1, 'a', k=v, *rest, j=[2,], **kw,)\n"
		 "B = [1, (2,), (), (3), [], [4, 5,],]\n"
		 "C = (1, 2)\n"
		 "D = a.b().c\n"
		 "E = f()(1)\n"
		 "F = g(\n    x,\n    y=(\n        1\n    ),\n)\n"
		 "G = 1, 'a'\n"
		 "H = ( 'x' )\n");
	n = global(&d, "A");
	expect_dump(&d, n, "f(1, \"a\", k=v, j=[2])");
	cr_expect_eq(n->kind, PY_CALL);
	cr_expect_eq(n->nitems, 2);
	cr_expect_eq(n->nkw, 2);
	expect_span(&d, n, "f(1, 'a', k=v, *rest, j=[2,], **kw,)");
	expect_global(&d, "B", "[1, (2,), (), 3, [], [4, 5]]");
	cr_expect_eq(global(&d, "B")->items[1]->kind, PY_TUPLE);
	cr_expect_eq(global(&d, "B")->items[2]->kind, PY_TUPLE);
	cr_expect_eq(global(&d, "B")->items[2]->nitems, 0);
	expect_span(&d, global(&d, "B")->items[3], "(3)");
	expect_global(&d, "C", "(1, 2)");
	expect_global(&d, "D", "?{a.b().c}");
	expect_global(&d, "E", "f()(1)");
	cr_expect_str_eq(py_node_tail(global(&d, "E")), "f");
	expect_global(&d, "F", "g(x, y=1)");
	expect_global(&d, "G", "(1, \"a\")");
	expect_span(&d, global(&d, "G"), "1, 'a'");
	expect_span(&d, global(&d, "H"), "( 'x' )");
	doc_release(&d);
}

Test(py, other_expressions_resync)
{
	struct doc d;
	const struct py_node *n;

	READ(&d, "A = [{1: 2, 3: (4, 5)}, 'x', {1, 2}, x[1:2], -y]\n"
		 "B = f(lambda a, b=1: (a, b), 'z', k=lambda: 0)\n"
		 "C = [x for x in y]\n"
		 "D = (x for x in y)\n"
		 "E = [a if b else c, not a, a and b, a == b, *s, ...]\n"
		 "F = f(x for x in y)\n"
		 "G = [[x for x in y], 'w']\n"
		 "H = (yield)\n"
		 "I = {'k': 'v'}.get('k')\n"
		 "J = f'{a[\"]\"]}' 'x', 'y'\n"
		 "K = a[0](1), 2\n"
		 "L = dict((k, v) for k, v in x.items())\n");
	n = global(&d, "A");
	expect_dump(&d, n,
		    "[?{{1: 2, 3: (4, 5)}}, \"x\", {1, 2}, "
		    "?{x[1:2]}, ?{-y}]");
	cr_expect_eq(n->items[0]->kind, PY_OTHER);
	expect_global(&d, "B",
		      "f(?{lambda a, b=1: (a, b)}, \"z\", "
		      "k=?{lambda: 0})");
	expect_global(&d, "C", "?{[x for x in y]}");
	expect_global(&d, "D", "?{(x for x in y)}");
	expect_global(&d, "E",
		      "[?{a if b else c}, ?{not a}, ?{a and b}, "
		      "?{a == b}, ?{*s}, ?{...}]");
	expect_global(&d, "F", "f(?{x for x in y})");
	expect_global(&d, "G", "[?{[x for x in y]}, \"w\"]");
	expect_global(&d, "H", "?{(yield)}");
	expect_global(&d, "I", "?{{'k': 'v'}.get('k')}");
	expect_global(&d, "J", "(?{f'{a[\"]\"]}' 'x'}, \"y\")");
	expect_global(&d, "K", "(?{a[0](1)}, 2)");
	/* a generator's targets are not arguments */
	expect_global(&d, "L", "dict(?{(k, v) for k, v in x.items()})");
	doc_release(&d);
}

Test(py, depth_limit)
{
	struct doc d;
	struct buf b = BUF_INIT;
	const struct py_node *n;
	int k;

	buf_adds(&b, "X = ");
	for (k = 0; k < 150; k++)
		buf_addc(&b, '[');
	buf_addc(&b, '1');
	for (k = 0; k < 150; k++)
		buf_addc(&b, ']');
	buf_adds(&b, ", 'after'\nY = 'next'\n");
	cr_assert(!b.failed);
	doc_read(&d, b.ptr, b.len);
	n = global(&d, "X");
	cr_assert_eq(n->kind, PY_TUPLE);
	cr_assert_eq(n->nitems, 2);
	expect_dump(&d, n->items[1], "\"after\"");
	for (n = n->items[0], k = 0; n->kind == PY_LIST; k++) {
		cr_assert_eq(n->nitems, 1);
		n = n->items[0];
	}
	cr_expect(k >= 90 && k <= 100, "%d lists", k);
	/* the rest of the nesting, whole */
	cr_expect_eq(n->kind, PY_OTHER);
	cr_expect_eq(n->span.start, 4 + k);
	cr_expect_eq(n->span.end, 4 + 150 + 1 + 150 - k);
	expect_global(&d, "Y", "\"next\"");
	doc_release(&d);
	buf_release(&b);
}

/* --- statements --------------------------------------------------------- */

Test(py, statements_read_and_skipped)
{
	struct doc d;

	READ(&d, "\"\"\"Docstring.\"\"\"\n"
		 "import os; A = 'a'; B = 'b'\n"
		 "from x import (\n    y,\n    z,\n)\n"
		 "if x: C = 1; D = 2\n"
		 "try:\n    E = 1\nexcept Exception:\n    E = 2\n"
		 "def f(a, b=')'):\n    F = 1\n    return [\n1]\n"
		 "@decorator(\n    '(')\ndef g(): pass\n"
		 "H: int = 1\n"
		 "I = 1\nI += 2\n"
		 "J, K = 1, 2\n"
		 "L = M = N = 'chain'\n"
		 "O = 1\nO = 'last'\n"
		 "P.q = R = 3\n"
		 "S = t = x[0] = 4\n"
		 "for i in range(3): U = i\n"
		 "print('V = 1')\n");
	expect_global(&d, "A", "\"a\"");
	expect_global(&d, "B", "\"b\"");
	cr_expect_null(global(&d, "C"));
	cr_expect_null(global(&d, "D"));
	cr_expect_null(global(&d, "E"));
	cr_expect_null(global(&d, "F"));
	cr_expect_null(global(&d, "H"));
	expect_global(&d, "I", "1");
	cr_expect_null(global(&d, "J"));
	cr_expect_null(global(&d, "K"));
	expect_global(&d, "L", "\"chain\"");
	expect_global(&d, "M", "\"chain\"");
	expect_global(&d, "N", "\"chain\"");
	expect_global(&d, "O", "\"last\"");
	cr_expect_null(global(&d, "P"));
	expect_global(&d, "R", "3");
	expect_global(&d, "S", "4");
	expect_global(&d, "t", "4");
	cr_expect_null(global(&d, "U"));
	cr_expect_null(global(&d, "V"));
	cr_expect_eq(d.m.nglobals, 11);
	cr_expect_str_eq(d.m.globals[2].name, "I");
	expect_span(&d, d.m.globals[2].value, "1");
	cr_expect_eq(d.m.globals[2].span.start, nth(&d, 'I', 0));
	cr_expect_eq(d.m.nclasses, 0);
	doc_release(&d);
}

Test(py, class_bodies)
{
	struct doc d;
	const struct py_class *c;

	READ(&d, "class A(Base, metaclass=Meta):\n"
		 "    '''Doc.'''\n"
		 "    x = 1\n"
		 "\n"
		 "    # a comment at column 0 does not end the body\n"
		 "# here neither\n"
		 "    class Meta:\n"
		 "        y = 2\n"
		 "    def method(self):\n"
		 "        z = 3\n"
		 "        return z\n"
		 "    w = 'w'\n"
		 "    x = 'x again'\n"
		 "x = 'global'\n"
		 "class B: a = 1; b = 'two'\n"
		 "class C:\n"
		 "\tt = 1\n"
		 "\tdef f(self):\n"
		 "\t    u = 2\n"
		 "        v = 3\n"
		 "class D(\n    A,\n    B,\n):\n    pass\n");
	cr_assert_eq(d.m.nclasses, 4);
	c = py_module_class(&d.m, "A");
	cr_assert(c);
	cr_assert_eq(c->nbases, 1);
	expect_dump(&d, c->bases[0], "Base");
	cr_assert_eq(c->nattrs, 3);
	cr_expect_str_eq(c->attrs[0].name, "x");
	cr_expect_str_eq(c->attrs[1].name, "w");
	cr_expect_eq(c->span.start, 0);
	cr_expect_eq(c->span.end, nth(&d, '\n', 12));
	/* the class's own, last assignment first, then the module's */
	expect_dump(&d, py_module_lookup(&d.m, c, "x"), "\"x again\"");
	expect_dump(&d, py_module_lookup(&d.m, NULL, "x"), "\"global\"");
	cr_expect_null(py_module_lookup(&d.m, c, "y"));
	cr_expect_null(py_module_lookup(&d.m, c, "z"));
	c = py_module_class(&d.m, "B");
	cr_assert(c);
	cr_expect_eq(c->nbases, 0);
	expect_dump(&d, py_module_lookup(&d.m, c, "b"), "\"two\"");
	expect_dump(&d, py_module_lookup(&d.m, c, "a"), "1");
	/* a tab is 8 columns: 8 spaces are the tab's level */
	c = py_module_class(&d.m, "C");
	cr_assert(c);
	cr_assert_eq(c->nattrs, 2);
	cr_expect_str_eq(c->attrs[0].name, "t");
	cr_expect_str_eq(c->attrs[1].name, "v");
	c = py_module_class(&d.m, "D");
	cr_assert(c);
	cr_assert_eq(c->nbases, 2);
	cr_expect_null(py_module_class(&d.m, "Meta"));
	cr_expect_null(py_module_class(&d.m, "E"));
	doc_release(&d);
}

Test(py, comments)
{
	struct doc d;

	READ(&d, "#first\nX = '# not one'  # second\n"
		 "Y = '''\n# nor this\n'''\n#\n   # last");
	cr_assert_eq(d.m.ncomments, 4);
	cr_expect_str_eq(d.m.comments[0].text, "first");
	cr_expect_str_eq(d.m.comments[1].text, " second");
	cr_expect_str_eq(d.m.comments[2].text, "");
	cr_expect_str_eq(d.m.comments[3].text, " last");
	cr_expect_eq(d.m.comments[1].span.start, nth(&d, '#', 2));
	cr_expect_eq(d.m.comments[1].span.end, nth(&d, '\n', 1));
	cr_expect_eq(d.m.comments[3].span.end, d.len);
	expect_global(&d, "X", "\"# not one\"");
	doc_release(&d);
}

/* --- a Django migration -------------------------------------------------- */

static const char migration[] =
	"# Generated by Django 4.2.7 on 2024-01-15 10:00\n"
	"\n"
	"import django.db.models.deletion\n"
	"from django.conf import settings\n"
	"from django.db import migrations, models\n"
	"\n"
	"SQL = \"\"\"\n"
	"CREATE INDEX CONCURRENTLY idx_team ON profile (team_id);\n"
	"\"\"\"\n"
	"\n"
	"\n"
	"def forwards(apps, schema_editor):\n"
	"    Profile = apps.get_model('teams', 'Profile')\n"
	"    for p in Profile.objects.filter(name__in=[\"a\", 'b)']):\n"
	"        p.data = {'k': [1, (2, \"]\")]}  # ) stray in a comment\n"
	"        p.save(update_fields=['data'])\n"
	"    operations = 'not the class attribute'\n"
	"\n"
	"\n"
	"class Migration(migrations.Migration):\n"
	"    atomic = False\n"
	"\n"
	"    dependencies = [\n"
	"        ('teams', '0001_initial'),\n"
	"        migrations.swappable_dependency(settings.AUTH_USER_MODEL),\n"
	"    ]\n"
	"\n"
	"    operations = [\n"
	"        migrations.RunSQL(\n"
	"            sql=[(\"ALTER TABLE profile ADD COLUMN rank int \"\n"
	"                  \"DEFAULT %s\", [1])],\n"
	"            reverse_sql=migrations.RunSQL.noop,\n"
	"        ),\n"
	"        migrations.RunPython(forwards, backwards),\n"
	"        migrations.SeparateDatabaseAndState(\n"
	"            database_operations=[\n"
	"                migrations.RunSQL(SQL, reverse_sql='DROP INDEX x'),\n"
	"            ],\n"
	"            state_operations=[\n"
	"                migrations.AddIndex('profile', models.Index("
	"fields=['team'])),\n"
	"            ],\n"
	"        ),\n"
	"        migrations.AddField(\n"
	"            model_name='profile',\n"
	"            name='team',\n"
	"            field=models.ForeignKey(null=True, "
	"on_delete=django.db.models.deletion.SET_NULL, to='teams.team'),\n"
	"        ),\n"
	"    ]\n";

Test(py, django_migration)
{
	struct doc d;
	const struct py_class *c;
	const struct py_node *ops, *run, *sql, *sep, *inner, *add, *field;

	READ(&d, migration);
	cr_assert_eq(d.m.nclasses, 1);
	c = py_module_class(&d.m, "Migration");
	cr_assert(c);
	cr_assert_eq(c->nbases, 1);
	expect_dump(&d, c->bases[0], "migrations.Migration");
	cr_expect_eq(c->span.start, strstr(migration, "class M") - migration);
	cr_expect_eq(c->span.end, sizeof(migration) - 2);
	cr_assert_eq(c->nattrs, 3);
	expect_dump(&d, py_module_lookup(&d.m, c, "atomic"), "False");
	expect_dump(&d, py_module_lookup(&d.m, c, "dependencies"),
		    "[(\"teams\", \"0001_initial\"), "
		    "migrations.swappable_dependency("
		    "settings.AUTH_USER_MODEL)]");

	ops = py_module_lookup(&d.m, c, "operations");
	cr_assert(ops && ops->kind == PY_LIST);
	cr_assert_eq(ops->nitems, 4);

	run = ops->items[0];
	cr_expect_str_eq(py_node_tail(run), "RunSQL");
	sql = py_call_arg(run, 0, "sql");
	expect_dump(&d, sql,
		    "[(\"ALTER TABLE profile ADD COLUMN rank int "
		    "DEFAULT %s\", [1])]");
	check_pieces(&d, sql->items[0]->items[0]);
	cr_expect_eq(src_of(sql->items[0]->items[0], 0),
		     strstr(migration, "ALTER") - migration);
	cr_expect_eq(src_of(sql->items[0]->items[0], 40),
		     strstr(migration, "DEFAULT") - migration);
	expect_dump(&d, py_call_arg(run, 1, "reverse_sql"),
		    "migrations.RunSQL.noop");
	cr_expect_null(py_call_arg(run, 1, NULL));

	expect_dump(&d, ops->items[1],
		    "migrations.RunPython(forwards, backwards)");
	expect_dump(&d, py_call_arg(ops->items[1], 1, NULL), "backwards");

	sep = ops->items[2];
	cr_expect_str_eq(py_node_tail(sep), "SeparateDatabaseAndState");
	inner = py_call_arg(sep, -1, "database_operations");
	cr_assert(inner && inner->kind == PY_LIST && inner->nitems == 1);
	expect_dump(&d, py_call_arg(inner->items[0], 0, "sql"), "SQL");
	expect_dump(&d, py_module_lookup(&d.m, c, "SQL"),
		    "\"\\nCREATE INDEX CONCURRENTLY idx_team ON profile "
		    "(team_id);\\n\"");
	expect_dump(&d, py_call_arg(inner->items[0], 1, "reverse_sql"),
		    "\"DROP INDEX x\"");
	expect_dump(&d, py_call_arg(sep, -1, "state_operations"),
		    "[migrations.AddIndex(\"profile\", "
		    "models.Index(fields=[\"team\"]))]");

	add = ops->items[3];
	cr_expect_str_eq(py_node_tail(add), "AddField");
	expect_dump(&d, py_call_arg(add, 0, "model_name"), "\"profile\"");
	field = py_call_arg(add, 2, "field");
	cr_expect_str_eq(py_node_tail(field), "ForeignKey");
	expect_dump(&d, py_call_arg(field, -1, "on_delete"),
		    "django.db.models.deletion.SET_NULL");
	expect_dump(&d, py_call_arg(field, -1, "to"), "\"teams.team\"");
	cr_expect_null(py_call_arg(field, 0, NULL));
	cr_expect_null(py_call_arg(field, -1, "db_constraint"));

	/* the function's body is not the module's */
	cr_expect_eq(d.m.nglobals, 1);
	cr_assert_eq(d.m.ncomments, 2);
	cr_expect_str_eq(d.m.comments[1].text, " ) stray in a comment");
	doc_release(&d);
}

Test(py, api_on_other_nodes)
{
	struct doc d;

	READ(&d, "A = [1]\nB = x.y\n");
	cr_expect_null(py_call_arg(global(&d, "A"), 0, NULL));
	cr_expect_null(py_call_arg(NULL, 0, "x"));
	cr_expect_str_eq(py_node_tail(global(&d, "A")), "");
	cr_expect_str_eq(py_node_tail(NULL), "");
	cr_expect_str_eq(py_node_tail(global(&d, "B")), "y");
	cr_expect_null(py_module_lookup(&d.m, NULL, "C"));
	cr_expect_null(py_module_class(&d.m, "A"));
	doc_release(&d);
}

/* --- input that is not Python ------------------------------------------- */

Test(py, unterminated_strings)
{
	struct doc d;

	READ(&d, "A = 'open\nB = \"open too\\\nstill\nC = 'fine'\n"
		 "class Migration:\n    x = '''runs\n    to = 'the end'\n");
	expect_global(&d, "A", "?{'open}");
	/* a backslash carries a one-quote string over the line break */
	expect_global(&d, "B", "?{\"open too\\\nstill}");
	expect_global(&d, "C", "\"fine\"");
	cr_assert(py_module_class(&d.m, "Migration"));
	expect_dump(
		&d,
		py_module_lookup(&d.m, py_module_class(&d.m, "Migration"), "x"),
		"?{'''runs\n    to = 'the end'\n}");
	doc_release(&d);
}

Test(py, unbalanced_brackets)
{
	struct doc d;
	const struct py_class *c;

	READ(&d, "A = [1, 2\n"
		 "class Migration(migrations.Migration):\n"
		 "    dependencies = [('teams', '0001']\n"
		 "    operations = [\n"
		 "        migrations.RunSQL('SELECT 1'),\n"
		 "    initial = True\n"
		 "B = (\n"
		 "C = 'c'\n"
		 "D = 1)\n"
		 ")) ]\n"
		 "E = [1, 2)\n"
		 "F = 'f'\n");
	expect_global(&d, "A", "[1, 2]");
	c = py_module_class(&d.m, "Migration");
	cr_assert(c);
	expect_dump(&d, py_module_lookup(&d.m, c, "dependencies"),
		    "[(\"teams\", \"0001\")]");
	expect_dump(&d, py_module_lookup(&d.m, c, "operations"),
		    "[migrations.RunSQL(\"SELECT 1\")]");
	expect_dump(&d, py_module_lookup(&d.m, c, "initial"), "True");
	expect_global(&d, "B", "()");
	expect_global(&d, "C", "\"c\"");
	/* a stray bracket ends the statement; what it read is kept */
	expect_global(&d, "D", "1");
	expect_global(&d, "E", "[1, 2]");
	expect_global(&d, "F", "\"f\"");
	doc_release(&d);
}

Test(py, deep_nesting)
{
	struct doc d;
	struct buf b = BUF_INIT;
	int k;

	buf_adds(&b, "A = ");
	for (k = 0; k < 10000; k++)
		buf_addc(&b, '[');
	buf_adds(&b, "\nB = ");
	for (k = 0; k < 10000; k++)
		buf_addc(&b, '(');
	for (k = 0; k < 10000; k++)
		buf_addc(&b, ')');
	buf_adds(&b, "\nC = 'c'\ndef f():\n    pass\nD = 'd'\n");
	cr_assert(!b.failed);
	doc_read(&d, b.ptr, b.len);
	cr_assert(global(&d, "A"));
	cr_expect_eq(global(&d, "A")->kind, PY_LIST);
	/* the unclosed brackets end before `B =`: read again, the file
	 * does not balance */
	cr_assert(global(&d, "B"));
	cr_expect_eq(global(&d, "B")->span.end, nth(&d, '\n', 1));
	expect_global(&d, "C", "\"c\"");
	expect_global(&d, "D", "\"d\"");
	doc_release(&d);
	buf_release(&b);
}

Test(py, nul_bytes_and_invalid_utf8)
{
	static const char text[] = "\0\0X = '\xff\xfe\xc3'\n"
				   "\xc3\xa9t\xe9 = 'ok'  # \xff\0tail\n"
				   "Y\0= \"\0\"\n";
	struct doc d;
	const struct py_node *n;

	READ(&d, text);
	n = global(&d, "X");
	expect_dump(&d, n, "\"\\xff\\xfe\\xc3\"");
	check_pieces(&d, n);
	expect_global(&d, "\xc3\xa9t\xe9", "\"ok\"");
	cr_assert_eq(d.m.ncomments, 1);
	cr_expect_str_eq(d.m.comments[0].text, " \xff tail");
	expect_global(&d, "Y", "\" \"");
	doc_release(&d);
}

Test(py, empty_and_tiny_files)
{
	static const char *const texts[] = {
		"",	    "\\",  "\n",    "'",
		"\"\"\"",   "#",   "(",	    ")",
		"x",	    "x =", "class", "class X",
		"class X(", "=",   "\\\n",  "\xef\xbb\xbf",
		"\r",	    "\t",  "f'{",   "b'\\",
		"r'\\",	    "'\\", "@",	    "...",
		";",
	};
	struct doc d;
	size_t k;

	for (k = 0; k < sizeof(texts) / sizeof(texts[0]); k++) {
		doc_read(&d, texts[k], strlen(texts[k]));
		cr_expect_eq(d.m.nglobals, 0, "'%s'", texts[k]);
		doc_release(&d);
	}
	doc_read(&d, "class X(", 8);
	cr_assert(py_module_class(&d.m, "X"));
	cr_expect_eq(py_module_class(&d.m, "X")->nattrs, 0);
	doc_release(&d);
	READ(&d, "x =");
	cr_expect_eq(d.m.nglobals, 0);
	doc_release(&d);
}

Test(py, byte_order_mark_and_indentation)
{
	struct doc d;
	const struct py_class *c;

	READ(&d, "\xef\xbb\xbf"
		 "A = 'a'\n"
		 "class M:\n"
		 "  \f  x = 1\n"
		 "  y = 2\n"
		 "\tz = 3\n"
		 "B = 'b'\n");
	expect_global(&d, "A", "\"a\"");
	expect_global(&d, "B", "\"b\"");
	c = py_module_class(&d.m, "M");
	cr_assert(c);
	/* a form feed resets the column; the lines deeper than the first
	 * body line are read over */
	cr_assert_eq(c->nattrs, 2);
	cr_expect_str_eq(c->attrs[0].name, "x");
	cr_expect_str_eq(c->attrs[1].name, "y");
	doc_release(&d);
}

Test(py, fstring_fields)
{
	struct doc d;

	READ(&d, "A = f\"{x['a']}\" f'{y!r:>{w}}' f\"{{lit}}\"\n"
		 "B = f'''{\n  d[\"}\"]\n}'''\n"
		 "C = f'{open\n"
		 "D = 'after'\n");
	expect_global(&d, "A", "?{f\"{x['a']}\" f'{y!r:>{w}}' f\"{{lit}}\"}");
	expect_global(&d, "B", "?{f'''{\n  d[\"}\"]\n}'''}");
	expect_global(&d, "C", "?{f'{open}");
	expect_global(&d, "D", "\"after\"");
	doc_release(&d);
}

/* Dicts with string keys and sets, as migrations' options write them. */
Test(py, dicts_and_sets)
{
	struct doc d;

	READ(&d, "A = {'unique_together': {('a', 'b')}, \"db_table\": 'x',}\n"
		 "B = {('a', 'b'), ('c',)}\n"
		 "C = {1: 2}\n"
		 "D = {x for x in y}\n"
		 "E = {'a': 1, 'b'}\n"
		 "F = {}\n"
		 "G = {'k': {'n': [1, {'m': None}]}}\n"
		 "H = {**base, 'a': 1}\n");
	expect_global(&d, "A",
		      "{\"unique_together\": {(\"a\", \"b\")}, \"db_table\": "
		      "\"x\"}");
	expect_global(&d, "B", "{(\"a\", \"b\"), (\"c\",)}");
	expect_global(&d, "C", "?{{1: 2}}");
	expect_global(&d, "D", "?{{x for x in y}}");
	expect_global(&d, "E", "?{{'a': 1, 'b'}}");
	expect_global(&d, "F", "{}");
	expect_global(&d, "G", "{\"k\": {\"n\": [1, {\"m\": None}]}}");
	expect_global(&d, "H", "?{{**base, 'a': 1}}");
	doc_release(&d);
}
