#ifndef FKAUDIT_PY_H
#define FKAUDIT_PY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "split.h"

/*
 * A reader of Python modules, just deep enough for Django migrations:
 * module- and class-level assignments `NAME = expr`, and expressions made
 * of string literals, names, calls, lists and tuples. It never runs
 * anything and never fails on bad input: code it does not understand
 * becomes a PY_OTHER node (or is skipped), and the rest is still read.
 *
 * Everything below lives in the module's arena (borrowed, valid until
 * py_module_release()). Offsets are byte offsets into the source.
 *
 * Top-level lines are those at the first line's column (0 in Python);
 * columns count a tab to the next multiple of 8 (spaces and tabs are not
 * checked for consistency, as Python's TabError would). Brackets that do
 * not balance end before a line that cannot be inside them (see
 * py_lex.h), so one bad line does not hide the rest of the file.
 */

enum py_kind {
	PY_STR,	  /* string literal(s): value decoded, pieces mapped */
	PY_NAME,  /* a name or dotted name: "migrations.RunSQL" */
	PY_CONST, /* True, False, None */
	PY_NUM,	  /* a number, as written; -1 too */
	PY_CALL,  /* fn(args, kw=value) */
	PY_LIST,  /* [a, b] */
	PY_TUPLE, /* (a, b), (a,) and (); also `x = a, b` */
	PY_SET,	  /* {a, b} */
	PY_DICT,  /* {'k': v, …} with string keys: in kw and kwvals */
	PY_OTHER, /* anything else: f-strings, dicts, lambdas, operators,
		     subscripts, comprehensions, a.b().c, an unterminated
		     string, what lies past 100 levels of nesting */
};

/*
 * How a run of a string's value came from the source. An exact piece
 * (len == src_len and the bytes are the source's own) maps byte for
 * byte; any other (an escape such as \n, \x41, \u00e9) maps as a whole
 * to its source bytes.
 */
struct py_piece {
	uint32_t val;	  /* offset of the run in the value */
	uint32_t len;	  /* its bytes in the value */
	uint32_t src;	  /* offset of its first source byte */
	uint32_t src_len; /* the source bytes it came from */
	bool exact;
};

struct py_node {
	enum py_kind kind;
	struct span span; /* the whole expression's source bytes */
	/*
	 * PY_STR: the value (NUL-terminated; `len` bytes) and its pieces in
	 * value order. Implicit concatenation ("a" "b", across lines inside
	 * brackets), `+` between strings, and textwrap.dedent(s), dedent(s),
	 * s.strip() / lstrip() / rstrip() give one PY_STR (the last five
	 * keep the value and pieces of s as they are, white space does not
	 * change SQL; the span is the whole expression). `bytes`: a b''
	 * literal; bytes beside str is a PY_OTHER.
	 *
	 * Escapes are decoded as Python does (core/frameworks/django/py_lex.h has the list),
	 * but \N{name} is '?', and a NUL (\0, \x00, a NUL byte) is a space.
	 * Python reads \r\n and \r as \n: a non-exact piece of the value's
	 * one \n. Quotes, prefixes and what lies between literals give no
	 * value bytes. `(x)` is x, its span widened to the brackets.
	 */
	const char *str;
	size_t len;
	const struct py_piece *pieces;
	size_t npieces;
	bool bytes;
	/* PY_NAME: the dotted name; PY_CONST/PY_NUM: the text as written */
	const char *name;
	/* PY_CALL: the callee (any node: a PY_NAME for migrations.RunSQL) */
	const struct py_node *fn;
	/* PY_CALL: positional arguments; PY_LIST/PY_TUPLE/PY_SET: the items */
	const struct py_node *const *items;
	size_t nitems;
	/* PY_CALL: keyword arguments, names and values in call order;
	   PY_DICT: its keys and values */
	const char *const *kw;
	const struct py_node *const *kwvals;
	size_t nkw;
};

/*
 * `NAME = expr` (the last of a chain `a = b = expr` names each). Other
 * targets (`x: int = 1`, `x += 1`, `a, b = 1, 2`, `a.b = 1`) are not read.
 */
struct py_assign {
	const char *name;
	const struct py_node *value;
	struct span span; /* the NAME */
};

/* A top-level `class NAME(bases):` and the assignments of its body. */
struct py_class {
	const char *name;
	struct span span; /* from "class" to the end of its body */
	const struct py_node *const *bases;
	size_t nbases;
	const struct py_assign *attrs; /* at the body's own indentation */
	size_t nattrs;
};

/* A `# …` comment: the text after '#', without the line break. */
struct py_comment {
	struct span span; /* from '#' */
	const char *text;
};

struct py_module {
	struct arena arena;
	const struct py_assign *globals; /* top-level assignments */
	size_t nglobals;
	const struct py_class *classes;
	size_t nclasses;
	const struct py_comment *comments; /* all, in source order */
	size_t ncomments;
};

/*
 * Reads the module at src[0..len) (not NUL-terminated; NUL bytes are
 * taken as white space). Returns 0, or FK_ENOMEM (then `m` is released).
 */
int py_module_read(struct py_module *m, const char *src, size_t len);
void py_module_release(struct py_module *m);

/* The top-level class `name`, or NULL. */
const struct py_class *py_module_class(const struct py_module *m,
				       const char *name);

/*
 * The value of `name` in the class's body (the last assignment), else at
 * the module's top level, else NULL. `cls` may be NULL.
 */
const struct py_node *py_module_lookup(const struct py_module *m,
				       const struct py_class *cls,
				       const char *name);

/* The value of keyword `kw` of a PY_CALL, else positional `pos` (-1:
 * none), else NULL. */
const struct py_node *py_call_arg(const struct py_node *call, int pos,
				  const char *kw);

/* The last part of a PY_NAME ("RunSQL" for migrations.RunSQL); of a
 * PY_CALL, of its callee; else "". */
const char *py_node_tail(const struct py_node *n);

#endif
