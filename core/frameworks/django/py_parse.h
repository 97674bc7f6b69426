#ifndef FKAUDIT_PY_PARSE_H
#define FKAUDIT_PY_PARSE_H

/* Shared by py_expr.c and py_parse.c; nobody else. */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "py_lex.h"

/* Expressions nested deeper than this are read as one PY_OTHER. */
#define PY_MAX_DEPTH 100

/* An item of a list or call being read, or an assignment's target. */
struct py_slot {
	const char *kw; /* a keyword argument's name, a target's name */
	const struct py_node *node;
};

struct py_parser {
	struct arena *arena;
	const char *src;
	const struct py_tok *tok; /* n tokens, the last a PYT_END */
	size_t n;
	size_t i; /* the current token; never past the PYT_END */
	unsigned depth;
	bool comp;     /* a `for` was skipped: the item is a comprehension */
	bool dict_key; /* reading a dict's key: a `:` ends it */
	bool oom;      /* an allocation failed: the result is thrown away */
	/* a stack: each reader of a list pushes above and pops to its mark */
	struct py_slot *slots;
	size_t nslots;
	size_t slots_cap;
};

static inline const struct py_tok *py_peek(const struct py_parser *p,
					   size_t ahead)
{
	return &p->tok[p->i + ahead < p->n ? p->i + ahead : p->n - 1];
}

static inline const struct py_tok *py_cur(const struct py_parser *p)
{
	return &p->tok[p->i];
}

static inline void py_next(struct py_parser *p)
{
	if (p->tok[p->i].kind != PYT_END)
		p->i++;
}

static inline bool py_is_op(const struct py_parser *p, const struct py_tok *t,
			    const char *op)
{
	size_t n = strlen(op);

	return t->kind == PYT_OP && t->end - t->start == n &&
	       memcmp(p->src + t->start, op, n) == 0;
}

static inline bool py_is_word(const struct py_parser *p, const struct py_tok *t,
			      const char *word)
{
	size_t n = strlen(word);

	return t->kind == PYT_NAME && t->end - t->start == n &&
	       memcmp(p->src + t->start, word, n) == 0;
}

static inline bool py_is_eol(const struct py_tok *t)
{
	return t->kind == PYT_NEWLINE || t->kind == PYT_END;
}

/* A keyword of Python 3 (not a soft one such as match). */
bool py_is_keyword(const struct py_parser *p, const struct py_tok *t);

/* A name that is not a keyword. */
static inline bool py_is_ident(const struct py_parser *p,
			       const struct py_tok *t)
{
	return t->kind == PYT_NAME && !py_is_keyword(p, t);
}

/* Pushes a slot; on failure sets p->oom. */
void py_slot_push(struct py_parser *p, const char *kw,
		  const struct py_node *node);

/*
 * Reads one expression at the current token and leaves the parser at
 * the token that ends it: NEWLINE, `,`, `=`, `;` or a closing bracket
 * (not consumed). Never NULL: when out of memory, p->oom is set and a
 * node that is not in the arena is returned.
 */
const struct py_node *py_parse_expr(struct py_parser *p);

/* Expressions separated by commas (`a, b`): a PY_TUPLE when there are. */
const struct py_node *py_parse_exprlist(struct py_parser *p);

/*
 * The arguments of a call whose '(' is the current token, up to its
 * closing bracket (consumed). Returns a PY_CALL of `fn` (or PY_OTHER when
 * a token there fits nowhere).
 */
const struct py_node *py_parse_call(struct py_parser *p,
				    const struct py_node *fn);

#endif
