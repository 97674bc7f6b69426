/*
 * The statements of a Python module that a Django migration's reader
 * needs: `NAME = expr` at the top level and in a top-level class's body.
 * Every other statement is read over to the end of its logical line, and
 * a block's indented lines with it.
 */
#include "py.h"

#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "error.h"
#include "py_parse.h"

struct assigns {
	struct py_assign *v;
	size_t n;
	size_t cap;
};

struct reader {
	struct py_parser p;
	struct assigns globals;
	struct assigns attrs; /* of the class being read */
	struct py_class *classes;
	size_t nclasses;
	size_t classes_cap;
};

/* Statements whose line ends only at its end (`if x: a = 1; b = 2`). */
static const char *const compound_words[] = {
	"async", "class", "def", "elif",  "else", "except", "finally",
	"for",	 "if",	  "try", "while", "with", NULL,
};

/* The callee of the call read for a class's bases. */
static const struct py_node no_fn = { .kind = PY_OTHER };

static bool is_compound(const struct py_parser *p, const struct py_tok *t)
{
	size_t k;

	if (py_is_op(p, t, "@"))
		return true;
	for (k = 0; compound_words[k]; k++)
		if (py_is_word(p, t, compound_words[k]))
			return true;
	return false;
}

/* Reads past the end of the logical line (its NEWLINE consumed). */
static void skip_line(struct py_parser *p)
{
	while (!py_is_eol(py_cur(p)))
		p->i++;
	py_next(p);
}

/* Reads to the `;` (at depth 0) or the NEWLINE that ends a statement. */
static void skip_simple(struct py_parser *p)
{
	size_t depth = 0;
	const struct py_tok *t;

	for (t = py_cur(p); !py_is_eol(t); t = py_cur(p)) {
		if (depth == 0 && py_is_op(p, t, ";"))
			return;
		if (py_is_op(p, t, "(") || py_is_op(p, t, "[") ||
		    py_is_op(p, t, "{"))
			depth++;
		else if (depth > 0 &&
			 (py_is_op(p, t, ")") || py_is_op(p, t, "]") ||
			  py_is_op(p, t, "}")))
			depth--;
		p->i++;
	}
}

static void assigns_add(struct py_parser *p, struct assigns *a,
			const char *name, const struct py_node *target,
			const struct py_node *value)
{
	if (array_grow((void **)&a->v, &a->cap, a->n, sizeof(*a->v)) < 0) {
		p->oom = true;
		return;
	}
	a->v[a->n].name = name;
	a->v[a->n].value = value;
	a->v[a->n].span = target->span;
	a->n++;
}

/*
 * `a = b = expr`: each target that is a plain name gets the value; other
 * targets (`x.y = `, `a, b = `) are read and left out.
 */
static void read_assign(struct py_parser *p, struct assigns *into)
{
	size_t mark = p->nslots, k;
	const struct py_node *v;

	for (;;) {
		v = py_parse_exprlist(p);
		if (!py_is_op(p, py_cur(p), "="))
			break;
		py_next(p);
		if (v->kind == PY_NAME && !strchr(v->name, '.'))
			py_slot_push(p, v->name, v);
	}
	/* `x =` and nothing: no value, no assignment */
	for (k = mark; k < p->nslots && v->span.end > v->span.start; k++)
		assigns_add(p, into, p->slots[k].kw, p->slots[k].node, v);
	p->nslots = mark;
}

/*
 * One logical line: its `;`-separated simple statements, into `into`.
 * Each is read as an expression (import, return, a call: no `=` follows
 * it) or as an assignment; what is left of it is read over.
 */
static void read_line(struct py_parser *p, struct assigns *into)
{
	const struct py_tok *t = py_cur(p);

	if (is_compound(p, t)) {
		skip_line(p);
		return;
	}
	while (!p->oom) {
		read_assign(p, into);
		skip_simple(p);
		if (!py_is_op(p, py_cur(p), ";"))
			break;
		py_next(p);
	}
	skip_line(p);
}

/* The end of the last token read that is not a NEWLINE. */
static uint32_t last_end(const struct py_parser *p)
{
	size_t k = p->i;

	while (k > 0 && p->tok[k - 1].kind == PYT_NEWLINE)
		k--;
	return k > 0 ? p->tok[k - 1].end : 0;
}

/* A copy of v[0..n) (of `size` bytes each) in the arena; NULL if n is 0. */
static int copy_array(struct arena *a, const void *v, size_t n, size_t size,
		      void **out)
{
	*out = NULL;
	if (n == 0)
		return 0;
	if (!(*out = arena_alloc(a, n * size)))
		return FK_ENOMEM;
	memcpy(*out, v, n * size);
	return 0;
}

/* The class's bases: the positional arguments of `class X(...)`. */
static void read_bases(struct py_parser *p, struct py_class *c)
{
	const struct py_node *call;

	if (!py_is_op(p, py_cur(p), "("))
		return;
	call = py_parse_call(p, &no_fn);
	if (call->kind == PY_CALL) {
		c->bases = call->items;
		c->nbases = call->nitems;
	}
}

/*
 * The lines more indented than the class's: those at the first one's
 * column are its body's statements; deeper ones (a method's) are read
 * over, as are lines between the two columns (an indentation error).
 */
static void read_body(struct reader *r, uint32_t col)
{
	struct py_parser *p = &r->p;
	const struct py_tok *t;
	uint32_t body_col = 0;
	bool first = true;

	for (t = py_cur(p); t->bol && t->col > col && !p->oom; t = py_cur(p)) {
		if (first)
			body_col = t->col;
		first = false;
		if (t->col == body_col)
			read_line(p, &r->attrs);
		else
			skip_line(p);
	}
}

static void read_class(struct reader *r)
{
	struct py_parser *p = &r->p;
	const struct py_tok *t = py_cur(p);
	struct py_class c = { .span.start = t->start };
	uint32_t col = t->col;
	void *attrs;

	py_next(p);
	r->attrs.n = 0;
	if (!py_is_ident(p, py_cur(p))) {
		skip_line(p);
		read_body(r, col);
		return;
	}
	c.name = arena_strndup(p->arena, p->src + py_cur(p)->start,
			       py_cur(p)->end - py_cur(p)->start);
	py_next(p);
	read_bases(p, &c);
	if (py_is_op(p, py_cur(p), ":"))
		py_next(p);
	if (!py_is_eol(py_cur(p)))
		read_line(p, &r->attrs); /* class X: a = 1 */
	else
		skip_line(p);
	read_body(r, col);
	c.span.end = last_end(p);
	c.nattrs = r->attrs.n;
	if (!c.name ||
	    copy_array(p->arena, r->attrs.v, r->attrs.n, sizeof(*r->attrs.v),
		       &attrs) < 0 ||
	    array_grow((void **)&r->classes, &r->classes_cap, r->nclasses,
		       sizeof(*r->classes)) < 0) {
		p->oom = true;
		return;
	}
	c.attrs = attrs;
	r->classes[r->nclasses++] = c;
}

/*
 * Top-level lines are those no more indented than the first (which
 * Python wants at column 0); a more indented line belongs to a block
 * that is read over (def, if, try).
 */
static void read_module(struct reader *r)
{
	struct py_parser *p = &r->p;
	uint32_t base = py_cur(p)->col;
	const struct py_tok *t;

	for (t = py_cur(p); t->kind != PYT_END && !p->oom; t = py_cur(p)) {
		if (!t->bol || t->col > base)
			skip_line(p);
		else if (py_is_word(p, t, "class"))
			read_class(r);
		else
			read_line(p, &r->globals);
	}
}

/* The comments' texts, NUL bytes as spaces (white space here too). */
static int copy_comments(struct py_module *m, const struct py_toks *toks,
			 const char *src)
{
	struct py_comment *c;
	size_t k, j, len;
	char *s;

	if (toks->ncomments == 0)
		return 0;
	c = arena_alloc(&m->arena, toks->ncomments * sizeof(*c));
	if (!c)
		return FK_ENOMEM;
	for (k = 0; k < toks->ncomments; k++) {
		c[k].span = toks->comments[k];
		len = c[k].span.end - c[k].span.start - 1;
		s = arena_strndup(&m->arena, src + c[k].span.start + 1, len);
		if (!s)
			return FK_ENOMEM;
		for (j = 0; j < len; j++)
			if (s[j] == '\0')
				s[j] = ' ';
		c[k].text = s;
	}
	m->comments = c;
	m->ncomments = toks->ncomments;
	return 0;
}

static int copy_out(struct reader *r, struct py_module *m,
		    const struct py_toks *toks, const char *src)
{
	void *globals, *classes;
	int err;

	if ((err = copy_array(&m->arena, r->globals.v, r->globals.n,
			      sizeof(*r->globals.v), &globals)) < 0 ||
	    (err = copy_array(&m->arena, r->classes, r->nclasses,
			      sizeof(*r->classes), &classes)) < 0 ||
	    (err = copy_comments(m, toks, src)) < 0)
		return err;
	m->globals = globals;
	m->nglobals = r->globals.n;
	m->classes = classes;
	m->nclasses = r->nclasses;
	return 0;
}

int py_module_read(struct py_module *m, const char *src, size_t len)
{
	struct py_toks toks = { 0 };
	struct reader r;
	int err;

	memset(m, 0, sizeof(*m));
	memset(&r, 0, sizeof(r));
	/* offsets are 32 bits: a larger file is read up to 4 GiB */
	if (len > UINT32_MAX)
		len = UINT32_MAX;
	if ((err = py_lex(&toks, src, len)) < 0)
		goto done;
	r.p.arena = &m->arena;
	r.p.src = src;
	r.p.tok = toks.v;
	r.p.n = toks.n;
	read_module(&r);
	err = r.p.oom ? FK_ENOMEM : copy_out(&r, m, &toks, src);
done:
	free(r.p.slots);
	free(r.globals.v);
	free(r.attrs.v);
	free(r.classes);
	py_toks_release(&toks);
	if (err)
		py_module_release(m);
	return err;
}

void py_module_release(struct py_module *m)
{
	arena_release(&m->arena);
	memset(m, 0, sizeof(*m));
}

const struct py_class *py_module_class(const struct py_module *m,
				       const char *name)
{
	size_t k;

	for (k = m->nclasses; k-- > 0;)
		if (strcmp(m->classes[k].name, name) == 0)
			return &m->classes[k];
	return NULL;
}

static const struct py_node *assign_find(const struct py_assign *v, size_t n,
					 const char *name)
{
	while (n-- > 0)
		if (strcmp(v[n].name, name) == 0)
			return v[n].value;
	return NULL;
}

const struct py_node *py_module_lookup(const struct py_module *m,
				       const struct py_class *cls,
				       const char *name)
{
	const struct py_node *v = NULL;

	if (cls)
		v = assign_find(cls->attrs, cls->nattrs, name);
	return v ? v : assign_find(m->globals, m->nglobals, name);
}

const struct py_node *py_call_arg(const struct py_node *call, int pos,
				  const char *kw)
{
	size_t k;

	if (!call || call->kind != PY_CALL)
		return NULL;
	for (k = 0; kw && k < call->nkw; k++)
		if (strcmp(call->kw[k], kw) == 0)
			return call->kwvals[k];
	if (pos >= 0 && (size_t)pos < call->nitems)
		return call->items[pos];
	return NULL;
}

const char *py_node_tail(const struct py_node *n)
{
	const char *dot;

	while (n && n->kind == PY_CALL)
		n = n->fn;
	if (!n || n->kind != PY_NAME)
		return "";
	dot = strrchr(n->name, '.');
	return dot ? dot + 1 : n->name;
}
