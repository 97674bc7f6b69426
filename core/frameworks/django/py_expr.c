/*
 * Python expressions, as far as Django migrations need them: literals,
 * dotted names, calls, lists and tuples. Anything else is read over as
 * one PY_OTHER, up to the `,`, `=`, `;`, closing bracket or end of line
 * that ends it at its own bracket depth, so what follows is read again.
 */
#include "py_parse.h"

#include <stdlib.h>
#include <string.h>

#include "array.h"

/* What a reader returns when out of memory (p->oom is set). */
static const struct py_node oom_node = { .kind = PY_OTHER };

static const char *const keywords[] = {
	"False",  "None",     "True",  "and",	 "as",	     "assert",
	"async",  "await",    "break", "class",	 "continue", "def",
	"del",	  "elif",     "else",  "except", "finally",  "for",
	"from",	  "global",   "if",    "import", "in",	     "is",
	"lambda", "nonlocal", "not",   "or",	 "pass",     "raise",
	"return", "try",      "while", "with",	 "yield",    NULL,
};

/* The items of a list, tuple or call being read. */
struct seq {
	size_t mark; /* its items are p->slots[mark..] */
	size_t commas;
	bool comp;    /* a comprehension: [x for x in y] */
	bool broken;  /* a token that fits nowhere: read to the bracket */
	bool star;    /* *args or **kwargs, left out */
	uint32_t end; /* after the closing bracket (or the last token) */
};

bool py_is_keyword(const struct py_parser *p, const struct py_tok *t)
{
	size_t k;

	if (t->kind != PYT_NAME)
		return false;
	for (k = 0; keywords[k]; k++)
		if (py_is_word(p, t, keywords[k]))
			return true;
	return false;
}

void py_slot_push(struct py_parser *p, const char *kw,
		  const struct py_node *node)
{
	if (array_grow((void **)&p->slots, &p->slots_cap, p->nslots,
		       sizeof(*p->slots)) < 0) {
		p->oom = true;
		return;
	}
	p->slots[p->nslots].kw = kw;
	p->slots[p->nslots].node = node;
	p->nslots++;
}

static bool is_opener(const struct py_parser *p, const struct py_tok *t)
{
	return py_is_op(p, t, "(") || py_is_op(p, t, "[") ||
	       py_is_op(p, t, "{");
}

static bool is_closer(const struct py_parser *p, const struct py_tok *t)
{
	return py_is_op(p, t, ")") || py_is_op(p, t, "]") ||
	       py_is_op(p, t, "}");
}

/* The tokens that end an expression at its own depth. */
static bool ends_expr(const struct py_parser *p, const struct py_tok *t)
{
	return py_is_eol(t) || is_closer(p, t) || py_is_op(p, t, ",") ||
	       py_is_op(p, t, "=") || py_is_op(p, t, ";") ||
	       (p->dict_key && py_is_op(p, t, ":"));
}

/* The end of the last token read, or `start` if none since it. */
static uint32_t end_since(const struct py_parser *p, uint32_t start)
{
	uint32_t end = p->i > 0 ? p->tok[p->i - 1].end : 0;

	return end > start ? end : start;
}

static struct py_node *node_new(struct py_parser *p, enum py_kind kind,
				uint32_t start, uint32_t end)
{
	struct py_node *n = arena_alloc(p->arena, sizeof(*n));

	if (!n) {
		p->oom = true;
		return NULL;
	}
	n->kind = kind;
	n->span.start = start;
	n->span.end = end;
	return n;
}

static const struct py_node *other(struct py_parser *p, uint32_t start,
				   uint32_t end)
{
	const struct py_node *n = node_new(p, PY_OTHER, start, end);

	return n ? n : &oom_node;
}

/* A copy of `n` that spans [start, end): `(x)`, dedent(s), s.strip(). */
static const struct py_node *widen(struct py_parser *p, const struct py_node *n,
				   uint32_t start, uint32_t end)
{
	struct py_node *w = node_new(p, n->kind, start, end);

	if (!w)
		return &oom_node;
	*w = *n;
	w->span.start = start;
	w->span.end = end;
	return w;
}

/*
 * Reads over what this reader does not know, from the current token to
 * the end of the expression at this depth: `,`, `=`, `;`, an unmatched
 * closing bracket or the end of the line (none consumed). A lambda's
 * parameters (`lambda x, y=1:`) are read over to their colon, and a
 * generator's targets (`f(x for k, v in y)`) to the bracket.
 */
static const struct py_node *skip_other(struct py_parser *p, uint32_t start)
{
	size_t depth = 0;
	bool lambda = false, comp = false;
	const struct py_tok *t;

	for (t = py_cur(p); !py_is_eol(t); t = py_cur(p)) {
		if (depth == 0) {
			if (is_closer(p, t))
				break;
			if (py_is_op(p, t, ";") ||
			    (!lambda && !comp &&
			     (py_is_op(p, t, ",") || py_is_op(p, t, "="))))
				break;
			if (py_is_op(p, t, ":"))
				lambda = false;
			else if (py_is_word(p, t, "lambda"))
				lambda = true;
			else if (py_is_word(p, t, "for"))
				p->comp = comp = true;
		}
		if (is_opener(p, t))
			depth++;
		else if (is_closer(p, t))
			depth--;
		p->i++;
	}
	return other(p, start, end_since(p, start));
}

/* Reads to the bracket that closes this depth (consumed), or the line's end. */
static void skip_to_closer(struct py_parser *p)
{
	size_t depth = 0;
	const struct py_tok *t;

	for (t = py_cur(p); !py_is_eol(t); t = py_cur(p)) {
		p->i++;
		if (is_opener(p, t))
			depth++;
		else if (is_closer(p, t) && depth-- == 0)
			return;
	}
}

static const char *tok_text(struct py_parser *p, const struct py_tok *t)
{
	char *s = arena_strndup(p->arena, p->src + t->start, t->end - t->start);

	if (!s)
		p->oom = true;
	return s;
}

/* A node whose `name` is its source text: PY_NUM, PY_CONST. */
static const struct py_node *text_node(struct py_parser *p, enum py_kind kind,
				       uint32_t start)
{
	struct py_node *n;
	char *s;

	n = node_new(p, kind, start, p->tok[p->i - 1].end);
	if (!n)
		return &oom_node;
	s = arena_strndup(p->arena, p->src + start, n->span.end - start);
	if (!s) {
		p->oom = true;
		return &oom_node;
	}
	n->name = s;
	return n;
}

/* NAME(.NAME)*: one PY_NAME "a.b.c", its string allocated once. */
static const struct py_node *parse_name(struct py_parser *p)
{
	size_t first = p->i, k = p->i + 1, j, size, len;
	struct py_node *n;
	char *s;

	while (k + 1 < p->n && py_is_op(p, &p->tok[k], ".") &&
	       py_is_ident(p, &p->tok[k + 1]))
		k += 2;
	for (size = 0, j = first; j < k; j += 2)
		size += p->tok[j].end - p->tok[j].start + 1;
	p->i = k;
	n = node_new(p, PY_NAME, p->tok[first].start, p->tok[k - 1].end);
	if (!n || !(s = arena_alloc(p->arena, size)))
		goto oom;
	for (len = 0; first < k; first += 2) {
		const struct py_tok *t = &p->tok[first];

		if (len)
			s[len++] = '.';
		memcpy(s + len, p->src + t->start, t->end - t->start);
		len += t->end - t->start;
	}
	n->name = s;
	return n;
oom:
	p->oom = true;
	return &oom_node;
}

/* Adjacent literals: one PY_STR (PY_OTHER with an f-string, an open one,
 * or bytes beside str). */
static const struct py_node *parse_strings(struct py_parser *p)
{
	size_t first = p->i, k;
	bool bytes = p->tok[first].flags & PYS_BYTES, bad = false;
	struct py_str_out o = { 0 };
	struct py_node *n;

	for (k = first; p->tok[k].kind == PYT_STRING; k++) {
		const struct py_tok *t = &p->tok[k];

		if ((t->flags & (PYS_FORMAT | PYS_OPEN)) ||
		    bytes != !!(t->flags & PYS_BYTES))
			bad = true;
		else if (!bad)
			py_str_decode(&o, p->src, t);
	}
	p->i = k;
	if (bad)
		return other(p, p->tok[first].start, p->tok[k - 1].end);
	n = node_new(p, PY_STR, p->tok[first].start, p->tok[k - 1].end);
	if (!n || !(o.val = arena_alloc(p->arena, o.len + 1)))
		goto oom;
	if (o.npieces &&
	    !(o.pieces = arena_alloc(p->arena, o.npieces * sizeof(*o.pieces))))
		goto oom;
	o.len = o.npieces = 0;
	for (k = first; k < p->i; k++)
		py_str_decode(&o, p->src, &p->tok[k]);
	n->str = o.val;
	n->len = o.len;
	n->pieces = o.pieces;
	n->npieces = o.npieces;
	n->bytes = bytes;
	return n;
oom:
	p->oom = true;
	return &oom_node;
}

/* The PY_STRs of slots[mark..] as one, spanning [start, last token). */
static const struct py_node *str_join(struct py_parser *p, size_t mark,
				      uint32_t start)
{
	size_t k, len = 0, np = 0;
	struct py_node *n;
	char *val;
	struct py_piece *pieces = NULL;

	for (k = mark; k < p->nslots; k++) {
		len += p->slots[k].node->len;
		np += p->slots[k].node->npieces;
	}
	n = node_new(p, PY_STR, start, end_since(p, start));
	if (!n || !(val = arena_alloc(p->arena, len + 1)) ||
	    (np && !(pieces = arena_alloc(p->arena, np * sizeof(*pieces))))) {
		p->oom = true;
		return &oom_node;
	}
	n->str = val;
	n->pieces = pieces;
	n->bytes = p->slots[mark].node->bytes;
	for (k = mark; k < p->nslots; k++) {
		const struct py_node *s = p->slots[k].node;
		size_t j;

		memcpy(val + n->len, s->str, s->len);
		for (j = 0; j < s->npieces; j++) {
			pieces[n->npieces] = s->pieces[j];
			pieces[n->npieces++].val += (uint32_t)n->len;
		}
		n->len += s->len;
	}
	val[n->len] = '\0';
	return n;
}

/*
 * The items up to the bracket that closes the one at the current token:
 * pushed as slots (a call's `name=value` with its name; `*a` and `**kw`
 * are read and left out).
 */
static void read_items(struct py_parser *p, bool call, struct seq *s)
{
	const struct py_tok *t;
	const char *kw;

	bool key = p->dict_key;

	memset(s, 0, sizeof(*s));
	s->mark = p->nslots;
	p->dict_key = false;
	py_next(p);
	for (t = py_cur(p); !is_closer(p, t) && !py_is_eol(t); t = py_cur(p)) {
		kw = NULL;
		p->comp = false;
		if (call && (py_is_op(p, t, "*") || py_is_op(p, t, "**"))) {
			py_next(p);
			py_parse_expr(p);
			s->star = true;
		} else {
			if (call && py_is_ident(p, t) &&
			    py_is_op(p, py_peek(p, 1), "=")) {
				kw = tok_text(p, t);
				p->i += 2;
			}
			py_slot_push(p, kw, py_parse_expr(p));
		}
		s->comp |= p->comp;
		t = py_cur(p);
		if (py_is_op(p, t, ",")) {
			s->commas++;
			py_next(p);
		} else if (!is_closer(p, t) && !py_is_eol(t)) {
			s->broken = true;
			skip_to_closer(p);
			break;
		}
	}
	if (is_closer(p, py_cur(p)))
		py_next(p);
	p->comp = false;
	p->dict_key = key;
	s->end = p->tok[p->i - 1].end;
}

/* The items of slots[mark..] that have (kw) or have not a keyword. */
static bool copy_items(struct py_parser *p, const struct seq *s,
		       struct py_node *n)
{
	const struct py_node **items = NULL, **vals = NULL;
	const char **kw = NULL;
	size_t k, npos = 0, nkw = 0;

	for (k = s->mark; k < p->nslots; k++) {
		if (p->slots[k].kw)
			nkw++;
		else
			npos++;
	}
	if ((npos && !(items = arena_alloc(p->arena, npos * sizeof(*items)))) ||
	    (nkw && !(kw = arena_alloc(p->arena, nkw * sizeof(*kw)))) ||
	    (nkw && !(vals = arena_alloc(p->arena, nkw * sizeof(*vals))))) {
		p->oom = true;
		return false;
	}
	for (k = s->mark; k < p->nslots; k++) {
		if (p->slots[k].kw) {
			kw[n->nkw] = p->slots[k].kw;
			vals[n->nkw++] = p->slots[k].node;
		} else {
			items[n->nitems++] = p->slots[k].node;
		}
	}
	n->items = items;
	n->kw = kw;
	n->kwvals = vals;
	return true;
}

/*
 * {'k': v, …} (string keys), {a, b}; a dict of other keys, a
 * comprehension or `**d` is a PY_OTHER.
 */
static const struct py_node *parse_brace(struct py_parser *p)
{
	uint32_t start = py_cur(p)->start;
	bool key = p->dict_key, dict = false, set = false, broken = false;
	const struct py_tok *t;
	struct py_node *n;
	struct seq s;

	memset(&s, 0, sizeof(s));
	s.mark = p->nslots;
	py_next(p);
	for (t = py_cur(p); !is_closer(p, t) && !py_is_eol(t); t = py_cur(p)) {
		const struct py_node *k;

		p->comp = false;
		p->dict_key = true;
		k = py_parse_expr(p);
		p->dict_key = false;
		if (py_is_op(p, py_cur(p), ":")) {
			broken |= set || k->kind != PY_STR;
			dict = true;
			py_next(p);
			py_slot_push(p, k->kind == PY_STR ? k->str : "",
				     py_parse_expr(p));
		} else {
			broken |= dict;
			set = true;
			py_slot_push(p, NULL, k);
		}
		broken |= p->comp;
		t = py_cur(p);
		if (py_is_op(p, t, ",")) {
			py_next(p);
		} else if (!is_closer(p, t) && !py_is_eol(t)) {
			broken = true;
			skip_to_closer(p);
			break;
		}
	}
	if (is_closer(p, py_cur(p)))
		py_next(p);
	p->comp = false;
	p->dict_key = key;
	s.end = p->tok[p->i - 1].end;
	if (broken) {
		p->nslots = s.mark;
		return other(p, start, s.end);
	}
	n = node_new(p, dict ? PY_DICT : PY_SET, start, s.end);
	if (n)
		copy_items(p, &s, n);
	p->nslots = s.mark;
	return n && !p->oom ? n : &oom_node;
}

static bool is_dedent(const struct py_node *fn)
{
	return fn->kind == PY_NAME &&
	       (strcmp(fn->name, "dedent") == 0 ||
		strcmp(fn->name, "textwrap.dedent") == 0);
}

const struct py_node *py_parse_call(struct py_parser *p,
				    const struct py_node *fn)
{
	uint32_t start = fn->span.start;
	struct py_node *n = NULL;
	struct seq s;

	read_items(p, true, &s);
	if (s.broken) {
		p->nslots = s.mark;
		return other(p, start, s.end);
	}
	if (is_dedent(fn) && !s.star && p->nslots == s.mark + 1 &&
	    !p->slots[s.mark].kw && p->slots[s.mark].node->kind == PY_STR) {
		fn = widen(p, p->slots[s.mark].node, start, s.end);
		p->nslots = s.mark;
		return fn;
	}
	n = node_new(p, PY_CALL, start, s.end);
	if (n) {
		n->fn = fn;
		copy_items(p, &s, n);
	}
	p->nslots = s.mark;
	return n && !p->oom ? n : &oom_node;
}

/* [a, b]; ( ), (a,), (a, b); (a) is a, spanning the brackets too. */
static const struct py_node *parse_seq(struct py_parser *p, bool list)
{
	uint32_t start = py_cur(p)->start;
	const struct py_node *one;
	struct py_node *n;
	struct seq s;

	read_items(p, false, &s);
	if (s.broken || s.comp) {
		p->nslots = s.mark;
		return other(p, start, s.end);
	}
	if (!list && s.commas == 0 && p->nslots == s.mark + 1) {
		one = p->slots[s.mark].node;
		p->nslots = s.mark;
		return widen(p, one, start, s.end);
	}
	n = node_new(p, list ? PY_LIST : PY_TUPLE, start, s.end);
	if (n)
		copy_items(p, &s, n);
	p->nslots = s.mark;
	return n && !p->oom ? n : &oom_node;
}

static const struct py_node *parse_atom(struct py_parser *p)
{
	const struct py_tok *t = py_cur(p);

	if (t->kind == PYT_STRING)
		return parse_strings(p);
	if (t->kind == PYT_NUMBER) {
		py_next(p);
		return text_node(p, PY_NUM, t->start);
	}
	if (py_is_op(p, t, "-") && py_peek(p, 1)->kind == PYT_NUMBER) {
		p->i += 2;
		return text_node(p, PY_NUM, t->start);
	}
	if (py_is_word(p, t, "True") || py_is_word(p, t, "False") ||
	    py_is_word(p, t, "None")) {
		py_next(p);
		return text_node(p, PY_CONST, t->start);
	}
	if (py_is_ident(p, t))
		return parse_name(p);
	if (py_is_op(p, t, "[") || py_is_op(p, t, "("))
		return parse_seq(p, py_is_op(p, t, "["));
	if (py_is_op(p, t, "{"))
		return parse_brace(p);
	if (ends_expr(p, t))
		return other(p, t->start, t->start);
	return skip_other(p, t->start);
}

/* s.strip(), s.lstrip(), s.rstrip() at `.`: the value stays. */
static bool at_strip(const struct py_parser *p)
{
	const struct py_tok *name = py_peek(p, 1);

	return (py_is_word(p, name, "strip") || py_is_word(p, name, "lstrip") ||
		py_is_word(p, name, "rstrip")) &&
	       py_is_op(p, py_peek(p, 2), "(") &&
	       py_is_op(p, py_peek(p, 3), ")");
}

/*
 * An atom and what follows it: calls, .strip(); else PY_OTHER. Each call
 * of a chain f()()… counts toward the depth limit as nesting does.
 */
static const struct py_node *parse_postfix(struct py_parser *p)
{
	const struct py_node *n = parse_atom(p);
	const struct py_tok *t;
	unsigned depth = p->depth;

	for (t = py_cur(p);; t = py_cur(p)) {
		if (py_is_op(p, t, "(") && p->depth < PY_MAX_DEPTH) {
			p->depth++;
			n = py_parse_call(p, n);
		} else if (py_is_op(p, t, ".") && n->kind == PY_STR &&
			   at_strip(p)) {
			n = widen(p, n, n->span.start, py_peek(p, 3)->end);
			p->i += 4;
		} else if (py_is_op(p, t, ".") || py_is_op(p, t, "[") ||
			   py_is_op(p, t, "(")) {
			n = skip_other(p, n->span.start);
			break;
		} else {
			break;
		}
	}
	p->depth = depth;
	return n;
}

/* "a" + "b" + …, with `left` read: one PY_STR, else PY_OTHER. */
static const struct py_node *
fold_plus(struct py_parser *p, const struct py_node *left, uint32_t start)
{
	size_t mark = p->nslots;
	const struct py_node *n;

	py_slot_push(p, NULL, left);
	while (py_is_op(p, py_cur(p), "+")) {
		py_next(p);
		n = parse_postfix(p);
		if (n->kind != PY_STR || n->bytes != left->bytes) {
			p->nslots = mark;
			return skip_other(p, start);
		}
		py_slot_push(p, NULL, n);
	}
	n = p->oom ? &oom_node : str_join(p, mark, start);
	p->nslots = mark;
	return n;
}

const struct py_node *py_parse_expr(struct py_parser *p)
{
	uint32_t start = py_cur(p)->start;
	const struct py_node *n;

	if (p->depth >= PY_MAX_DEPTH)
		return skip_other(p, start);
	p->depth++;
	n = parse_postfix(p);
	if (n->kind == PY_STR && py_is_op(p, py_cur(p), "+"))
		n = fold_plus(p, n, start);
	if (!ends_expr(p, py_cur(p)))
		n = skip_other(p, start);
	p->depth--;
	return n;
}

const struct py_node *py_parse_exprlist(struct py_parser *p)
{
	uint32_t start = py_cur(p)->start;
	const struct py_node *first = py_parse_expr(p);
	struct py_node *n;
	struct seq s = { .mark = p->nslots };

	if (!py_is_op(p, py_cur(p), ","))
		return first;
	py_slot_push(p, NULL, first);
	while (py_is_op(p, py_cur(p), ",")) {
		py_next(p);
		if (ends_expr(p, py_cur(p)))
			break;
		py_slot_push(p, NULL, py_parse_expr(p));
	}
	n = node_new(p, PY_TUPLE, start, end_since(p, start));
	if (n)
		copy_items(p, &s, n);
	p->nslots = s.mark;
	return n && !p->oom ? n : &oom_node;
}
