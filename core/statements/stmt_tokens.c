/*
 * Statement facts from scanner tokens, for statements the PostgreSQL 15
 * grammar rejects (newer syntax, or a real error elsewhere in the
 * statement). It reads only the shapes the rules need and gives up on a
 * clause it does not understand, never on the whole statement: an ALTER
 * TABLE whose second subcommand is PostgreSQL 18 syntax still yields its
 * first subcommand's FOREIGN KEY.
 */
#include "stmt.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "sqltype.h"

struct cur {
	const char *src;
	struct arena *arena;
	const struct token **t; /* the statement's tokens, comments left out */
	size_t n;
	size_t i;
	size_t end; /* reading stops here (a clause's end) */
	bool oom;
};

static const struct token *peek(const struct cur *c, size_t ahead)
{
	return c->i + ahead < c->end ? c->t[c->i + ahead] : NULL;
}

static bool at(const struct cur *c, const char *word)
{
	const struct token *t = peek(c, 0);

	return t && tok_is_word(c->src, t, word);
}

static bool accept(struct cur *c, const char *word)
{
	if (!at(c, word))
		return false;
	c->i++;
	return true;
}

/* Accepts a sequence of words, all or none. */
static bool accept_seq(struct cur *c, const char *const *words)
{
	size_t k;

	for (k = 0; words[k]; k++) {
		const struct token *t = peek(c, k);

		if (!t || !tok_is_word(c->src, t, words[k]))
			return false;
	}
	c->i += k;
	return true;
}

#define ACCEPT(c, ...) \
	accept_seq((c), (const char *const[]){ __VA_ARGS__, NULL })

static bool accept_char(struct cur *c, char ch)
{
	const struct token *t = peek(c, 0);

	if (!t || !tok_is_char(t, ch))
		return false;
	c->i++;
	return true;
}

static const char *ident(struct cur *c)
{
	const struct token *t = peek(c, 0);
	char *s;

	if (!t || (t->kind != TOK_IDENT && t->keyword == 0))
		return NULL;
	s = tok_ident(c->arena, c->src, t);
	if (!s) {
		c->oom = true;
		return NULL;
	}
	c->i++;
	return s;
}

/* name | schema.name | db.schema.name */
static bool read_qname(struct cur *c, struct qname *q)
{
	const char *a = ident(c), *b, *d;

	if (!a)
		return false;
	q->schema = NULL;
	q->name = a;
	if (!accept_char(c, '.') || !(b = ident(c)))
		return true;
	q->schema = a;
	q->name = b;
	if (accept_char(c, '.') && (d = ident(c))) {
		q->schema = b;
		q->name = d;
	}
	return true;
}

/* ( ident [, ident]… ); false, without moving, if it is not one */
static bool read_cols(struct cur *c, const char ***out, size_t *n)
{
	size_t save = c->i, k = 0, cap = 0;
	const char *name;

	if (!accept_char(c, '('))
		return false;
	while (peek(c, k) && !tok_is_char(peek(c, k), ')'))
		k++;
	cap = k / 2 + 1;
	*out = arena_alloc(c->arena, cap * sizeof(**out));
	*n = 0;
	if (!*out) {
		c->oom = true;
		return false;
	}
	while ((name = ident(c)) && *n < cap) {
		(*out)[(*n)++] = name;
		if (!accept_char(c, ','))
			break;
	}
	if (!accept_char(c, ')')) {
		c->i = save;
		*n = 0;
		return false;
	}
	return true;
}

static uint32_t start_of(const struct cur *c, size_t i)
{
	return c->t[i < c->n ? i : c->n - 1]->start;
}

static uint32_t end_of_clause(const struct cur *c)
{
	return c->end > 0 ? c->t[c->end - 1]->end : 0;
}

/*
 * REFERENCES q [(cols)] [options…] up to the clause end. The cursor is
 * at REFERENCES; the clause started at token `from`.
 */
static bool read_references(struct cur *c, size_t from, struct fk_def *fk)
{
	if (!accept(c, "REFERENCES") || !read_qname(c, &fk->ref_table))
		return false;
	read_cols(c, &fk->ref_cols, &fk->nref_cols);
	fk->span.start = start_of(c, from);
	fk->span.end = end_of_clause(c);
	while (peek(c, 0)) {
		if (ACCEPT(c, "NOT", "VALID"))
			fk->not_valid = true;
		else if (ACCEPT(c, "NOT", "DEFERRABLE"))
			fk->deferrable = false;
		else if (accept(c, "DEFERRABLE"))
			fk->deferrable = true;
		else if (ACCEPT(c, "ON", "DELETE"))
			fk->on_delete = accept(c, "CASCADE")	      ? 'c'
					: accept(c, "RESTRICT")	      ? 'r'
					: ACCEPT(c, "SET", "NULL")    ? 'n'
					: ACCEPT(c, "SET", "DEFAULT") ? 'd'
								      : 0;
		else
			c->i++;
	}
	return true;
}

/* [CONSTRAINT name] FOREIGN KEY (cols) REFERENCES … */
static bool read_table_fk(struct cur *c, struct fk_def *fk)
{
	size_t from = c->i;

	if (accept(c, "CONSTRAINT") && !(fk->name = ident(c)))
		return false;
	if (!ACCEPT(c, "FOREIGN", "KEY") ||
	    !read_cols(c, &fk->cols, &fk->ncols))
		return false;
	return read_references(c, from, fk);
}

/* (n[, m]): a type's integer modifiers; false if they are something else */
static bool read_type_mods(struct cur *c, int *mods, size_t *n)
{
	const struct token *t;

	*n = 0;
	if (!accept_char(c, '('))
		return true;
	while ((t = peek(c, 0)) && t->kind == TOK_ICONST && *n < 2) {
		mods[(*n)++] = atoi(c->src + t->start);
		c->i++;
		if (!accept_char(c, ','))
			break;
	}
	return accept_char(c, ')');
}

/*
 * The parser's name for a type spelt in several words, or `w` itself:
 * double precision → float8, character varying → varchar, …
 */
static const char *type_word(struct cur *c, const char *w)
{
	if (strcmp(w, "double") == 0 && accept(c, "PRECISION"))
		return "float8";
	if (strcmp(w, "character") == 0 || strcmp(w, "char") == 0)
		return accept(c, "VARYING") ? "varchar" : "bpchar";
	if (strcmp(w, "bit") == 0 && accept(c, "VARYING"))
		return "varbit";
	if (strcmp(w, "float") == 0 || strcmp(w, "dec") == 0)
		return strcmp(w, "dec") == 0 ? "numeric" : "float8";
	return w;
}

/*
 * A column's type, at the cursor: [schema.]name [(mods)] [WITH[OUT] TIME
 * ZONE] [[]…]. Normalised as the parse tree's; NULL when not built in.
 */
static const char *read_type(struct cur *c)
{
	const char *names[2], *w = ident(c);
	int mods[2] = { 0, 0 };
	size_t nnames = 1, nmods = 0;
	bool array = false;

	if (!w)
		return NULL;
	names[0] = w;
	if (accept_char(c, '.')) {
		if (!(names[1] = ident(c)))
			return NULL;
		nnames = 2;
	} else {
		names[0] = type_word(c, w);
	}
	if (!read_type_mods(c, mods, &nmods))
		return NULL;
	if (strcmp(names[nnames - 1], "bpchar") == 0 && nmods == 0)
		mods[nmods++] = 1; /* character means character(1) */
	if (ACCEPT(c, "WITH", "TIME", "ZONE"))
		names[nnames - 1] = strcmp(names[nnames - 1], "time") == 0
					    ? "timetz"
					    : "timestamptz";
	else
		ACCEPT(c, "WITHOUT", "TIME", "ZONE");
	while (accept_char(c, '[')) {
		while (peek(c, 0) && !accept_char(c, ']'))
			c->i++;
		array = true;
	}
	array |= accept(c, "ARRAY");
	return sqltype_name(c->arena, names, nnames, mods, nmods, array);
}

/* What a column definition declares besides its name. */
struct coldef {
	const char *type;
	struct fk_def fk;
	bool has_fk;
	bool has_default;
	bool has_key;
	struct key_def key;
};

static const char **one_col(struct cur *c, const char *col)
{
	const char **v = arena_alloc(c->arena, sizeof(*v));

	if (!v)
		c->oom = true;
	else
		v[0] = col;
	return v;
}

/* [CONSTRAINT n] REFERENCES … up to the next option, as a column's FK */
static void read_column_fk(struct cur *c, size_t from, struct coldef *d)
{
	size_t end = c->end;
	size_t k;

	/* the REFERENCES clause ends at the next option */
	for (k = c->i + 1; k < end; k++)
		if (tok_is_word(c->src, c->t[k], "DEFAULT") ||
		    tok_is_word(c->src, c->t[k], "CONSTRAINT") ||
		    tok_is_word(c->src, c->t[k], "CHECK") ||
		    tok_is_word(c->src, c->t[k], "PRIMARY") ||
		    tok_is_word(c->src, c->t[k], "UNIQUE"))
			break;
	c->end = k;
	if (!tok_is_word(c->src, c->t[from], "CONSTRAINT")) {
		from = c->i;
		d->fk.name = NULL;
	}
	d->has_fk = read_references(c, from, &d->fk);
	c->end = end;
}

/*
 * A column definition after its name: type … [CONSTRAINT n] REFERENCES …
 * [DEFAULT x] [PRIMARY KEY | UNIQUE]. Finds them among its options.
 */
static void read_column_def(struct cur *c, const char *col, struct coldef *d)
{
	size_t from = c->i;
	const char *cname = NULL;

	memset(d, 0, sizeof(*d));
	d->type = read_type(c);
	while (peek(c, 0)) {
		if (accept(c, "DEFAULT")) {
			d->has_default = !at(c, "NULL");
		} else if (at(c, "CONSTRAINT")) {
			from = c->i;
			c->i++;
			d->fk.name = cname = ident(c);
		} else if (at(c, "REFERENCES") && !d->has_fk) {
			read_column_fk(c, from, d);
		} else if (!d->has_key &&
			   (ACCEPT(c, "PRIMARY", "KEY") || at(c, "UNIQUE"))) {
			d->key.primary = !accept(c, "UNIQUE");
			d->key.name = cname;
			d->key.cols = one_col(c, col);
			d->key.ncols = col && d->key.cols ? 1 : 0;
			d->has_key = d->key.ncols == 1;
		} else {
			c->i++;
		}
	}
	if (d->has_fk && col) {
		d->fk.cols = one_col(c, col);
		d->fk.ncols = d->fk.cols ? 1 : 0;
	}
}

/*
 * [CONSTRAINT n] PRIMARY KEY (cols) | UNIQUE [NULLS [NOT] DISTINCT]
 * (cols) | … USING INDEX i; false, not moving far, if it is none.
 */
static bool read_table_key(struct cur *c, struct key_def *key)
{
	if (accept(c, "CONSTRAINT") && !(key->name = ident(c)))
		return false;
	if (ACCEPT(c, "PRIMARY", "KEY"))
		key->primary = true;
	else if (!accept(c, "UNIQUE"))
		return false;
	if (accept(c, "NULLS")) {
		accept(c, "NOT");
		accept(c, "DISTINCT");
	}
	if (ACCEPT(c, "USING", "INDEX"))
		return (key->using_index = ident(c)) != NULL;
	return read_cols(c, &key->cols, &key->ncols);
}

/* The clause [from, next depth-0 comma or ")") as the cursor's window. */
static size_t clause_end(const struct cur *c, size_t from, size_t limit)
{
	int depth = 0;
	size_t k;

	for (k = from; k < limit; k++) {
		const struct token *t = c->t[k];

		if (tok_is_char(t, '('))
			depth++;
		else if (tok_is_char(t, ')') && --depth < 0)
			break;
		else if (depth == 0 && tok_is_char(t, ','))
			break;
	}
	return k;
}

/* A table constraint of CREATE TABLE: a FOREIGN KEY, or a key. */
static int read_table_constraint(struct cur *c, struct stmt *st, size_t cap)
{
	size_t from = c->i;
	struct fk_def fk = { 0 };
	struct key_def key = { 0 };

	if (read_table_fk(c, &fk))
		return stmt_add_fk(st, c->arena, cap, &fk);
	c->i = from;
	if (read_table_key(c, &key))
		return stmt_add_key(st, c->arena, cap, &key);
	return 0;
}

/* A column of CREATE TABLE, after its name. */
static int read_table_column(struct cur *c, struct stmt *st, size_t cap,
			     const char *col)
{
	struct coldef d;
	int err = 0;

	read_column_def(c, col, &d);
	st->columns[st->ncolumns].name = col;
	st->columns[st->ncolumns++].type = d.type;
	if (d.has_fk)
		err = stmt_add_fk(st, c->arena, cap, &d.fk);
	if (!err && d.has_key)
		err = stmt_add_key(st, c->arena, cap, &d.key);
	return err;
}

static bool at_table_constraint(struct cur *c)
{
	return at(c, "CONSTRAINT") || at(c, "FOREIGN") || at(c, "PRIMARY") ||
	       at(c, "UNIQUE") || at(c, "CHECK") || at(c, "EXCLUDE") ||
	       at(c, "LIKE");
}

/* The elements of CREATE TABLE q ( … ): columns and constraints */
static int read_table_elements(struct cur *c, struct stmt *st)
{
	size_t limit = c->end, cap = 1, k;
	int err = 0;

	for (k = c->i; k < limit; k++)
		cap += tok_is_char(c->t[k], ',');
	st->columns = arena_alloc(c->arena, cap * sizeof(*st->columns));
	if (!st->columns)
		return FK_ENOMEM;
	while (!err && c->i < limit && !tok_is_char(c->t[c->i], ')')) {
		size_t e = clause_end(c, c->i, limit);
		const char *col;

		c->end = e;
		if (at_table_constraint(c))
			err = read_table_constraint(c, st, cap);
		else if ((col = ident(c)))
			err = read_table_column(c, st, cap, col);
		c->end = limit;
		c->i = e;
		if (!accept_char(c, ','))
			break;
	}
	accept_char(c, ')');
	return err;
}

static int read_create_table(struct cur *c, struct stmt *st)
{
	size_t k;

	ACCEPT(c, "IF", "NOT", "EXISTS");
	if (!read_qname(c, &st->table))
		return 0;
	st->kind = STMT_CREATE_TABLE;
	for (k = c->i; k + 1 < c->end; k++)
		if (tok_is_word(c->src, c->t[k], "PARTITION") &&
		    tok_is_word(c->src, c->t[k + 1], "BY"))
			st->partitioned = true;
	if (ACCEPT(c, "PARTITION", "OF") && !read_qname(c, &st->partition_of))
		return 0;
	if (accept_char(c, '('))
		return read_table_elements(c, st);
	return 0;
}

static void read_add(struct cur *c, struct alter_cmd *ac)
{
	size_t from = c->i;
	struct coldef d;

	if (at(c, "CONSTRAINT") || at(c, "FOREIGN")) {
		if (read_table_fk(c, &ac->fk)) {
			ac->kind = ALTER_ADD_FK;
			ac->has_fk = true;
			ac->name = ac->fk.name;
			return;
		}
		c->i = from;
	}
	if (at(c, "CONSTRAINT") || at(c, "UNIQUE") || at(c, "PRIMARY")) {
		if (read_table_key(c, &ac->key)) {
			ac->kind = ALTER_ADD_KEY;
			ac->has_key = true;
			ac->name = ac->key.name;
		}
		return;
	}
	if (at(c, "CHECK") || at(c, "EXCLUDE"))
		return;
	accept(c, "COLUMN");
	ACCEPT(c, "IF", "NOT", "EXISTS");
	ac->kind = ALTER_ADD_COLUMN;
	ac->name = ident(c);
	read_column_def(c, ac->name, &d);
	ac->type = d.type;
	ac->has_fk = d.has_fk;
	ac->fk = d.fk;
	ac->has_default = d.has_default;
	ac->has_key = d.has_key;
	ac->key = d.key;
}

static void read_alter_cmd(struct cur *c, struct alter_cmd *ac)
{
	if (accept(c, "ADD")) {
		read_add(c, ac);
	} else if (ACCEPT(c, "VALIDATE", "CONSTRAINT")) {
		ac->kind = ALTER_VALIDATE;
		ac->name = ident(c);
	} else if (ACCEPT(c, "DROP", "CONSTRAINT")) {
		ACCEPT(c, "IF", "EXISTS");
		ac->kind = ALTER_DROP_CONSTRAINT;
		ac->name = ident(c);
	} else if (accept(c, "DROP")) {
		accept(c, "COLUMN");
		ACCEPT(c, "IF", "EXISTS");
		ac->kind = ALTER_DROP_COLUMN;
		ac->name = ident(c);
	} else if (accept(c, "ALTER")) {
		accept(c, "COLUMN");
		ac->name = ident(c);
		if (ACCEPT(c, "SET", "DATA", "TYPE") || accept(c, "TYPE")) {
			ac->kind = ALTER_COLUMN_TYPE;
			ac->type = read_type(c);
		}
	}
}

/* ALTER TABLE t RENAME …, ALTER INDEX i RENAME TO n: at RENAME */
static void read_rename(struct cur *c, struct stmt *st, bool index)
{
	if (!accept(c, "RENAME"))
		return;
	if (index || at(c, "TO")) {
		st->rename = index ? RENAME_INDEX : RENAME_TABLE;
	} else if (accept(c, "CONSTRAINT")) {
		st->rename = RENAME_CONSTRAINT;
	} else {
		accept(c, "COLUMN");
		st->rename = RENAME_COLUMN;
	}
	if (st->rename == RENAME_COLUMN || st->rename == RENAME_CONSTRAINT)
		st->rename_from = ident(c);
	if (accept(c, "TO") && (st->rename_to = ident(c)))
		st->kind = STMT_RENAME;
}

static int read_alter_table(struct cur *c, struct stmt *st)
{
	size_t limit = c->end;

	ACCEPT(c, "IF", "EXISTS");
	accept(c, "ONLY");
	if (!read_qname(c, &st->table))
		return 0;
	accept_char(c, '*');
	if (at(c, "RENAME")) {
		read_rename(c, st, false);
		return 0;
	}
	st->kind = STMT_ALTER_TABLE;
	st->cmds =
		arena_alloc(c->arena, STMT_MAX_ALTER_CMDS * sizeof(*st->cmds));
	if (!st->cmds)
		return FK_ENOMEM;
	while (c->i < limit && st->ncmds < STMT_MAX_ALTER_CMDS) {
		size_t e = clause_end(c, c->i, limit);
		struct alter_cmd *ac = &st->cmds[st->ncmds++];

		ac->span.start = c->t[c->i]->start;
		ac->span.end = c->t[e > c->i ? e - 1 : c->i]->end;
		c->end = e;
		read_alter_cmd(c, ac);
		c->end = limit;
		c->i = e + 1;
	}
	return 0;
}

/* The ")" that closes the "(" at token i, or `limit`. */
static size_t closing(const struct cur *c, size_t i, size_t limit)
{
	int depth = 0;

	for (; i < limit; i++) {
		depth += tok_is_char(c->t[i], '(') - tok_is_char(c->t[i], ')');
		if (depth == 0)
			return i;
	}
	return limit;
}

/* Whether tokens [i, e) are casts (::type) and COLLATE clauses only. */
static bool only_casts(const struct cur *c, size_t i, size_t e)
{
	static const char *const ops[] = { "is", "and",	   "or",    "not",
					   "in", "like",   "ilike", "between",
					   "at", "similar" };
	size_t k;

	if (i < e && c->t[i]->kind != TOK_TYPECAST &&
	    !tok_is_word(c->src, c->t[i], "collate"))
		return false;
	for (; i < e; i++) {
		const struct token *t = c->t[i];

		for (k = 0; k < sizeof(ops) / sizeof(ops[0]); k++)
			if (tok_is_word(c->src, t, ops[k]))
				return false;
		if (t->kind == TOK_TYPECAST || t->kind == TOK_IDENT ||
		    t->keyword || t->kind == TOK_ICONST ||
		    tok_is_char(t, '.') || tok_is_char(t, '[') ||
		    tok_is_char(t, ']') || tok_is_char(t, ','))
			continue;
		if (!tok_is_char(t, '(') || (i = closing(c, i, e)) == e)
			return false;
	}
	return true;
}

/*
 * The name PostgreSQL starts from for the index key in tokens [i, e)
 * (see stmt_set_index_colnames), for the common shapes FigureColname()
 * names: a column, a function call (its name), either of them in
 * parentheses, cast or given a COLLATE, and CASE and ARRAY[]. NULL
 * ("expr") for anything else.
 */
static const char *token_colname(struct cur *c, size_t i, size_t e)
{
	size_t save = c->i, save_end = c->end;
	const char *name = NULL, *w;
	bool paren = i < e && tok_is_char(c->t[i], '(');

	if (paren)
		e = closing(c, i++, e);
	c->i = i;
	c->end = e;
	if (at(c, "case") || (at(c, "array") && c->i + 1 < e &&
			      tok_is_char(c->t[c->i + 1], '['))) {
		name = at(c, "case") ? "case" : "array";
		c->i = e;
	}
	while (!name && (w = ident(c))) {
		name = w;
		if (accept_char(c, '.'))
			name = NULL;
	}
	if (name && c->i < e && tok_is_char(c->t[c->i], '('))
		c->i = closing(c, c->i, e) + 1;
	if (paren && name && c->i < e && !only_casts(c, c->i, e))
		name = NULL;
	c->i = save;
	c->end = save_end;
	return name;
}

/* ( key [, key]… ) [INCLUDE ( column [, column]… )] */
static int read_index_cols(struct cur *c, struct stmt *st)
{
	size_t limit = c->end, cap = 2, k, n = 0;
	const char **names;

	if (!accept_char(c, '('))
		return 0;
	for (k = c->i; k < limit; k++)
		cap += tok_is_char(c->t[k], ',');
	st->index_cols = arena_alloc(c->arena, cap * sizeof(char *));
	names = arena_alloc(c->arena, cap * sizeof(char *));
	if (!st->index_cols || !names)
		return FK_ENOMEM;
	while (c->i < limit && n < cap) {
		size_t e = clause_end(c, c->i, limit);
		const char *name = NULL;

		/* a bare column name, maybe with ASC/DESC/opclass after it;
		 * a function call (s.f(x) too) or a parenthesised expression
		 * is none */
		names[n++] = token_colname(c, c->i, e);
		if (e > c->i && c->t[c->i]->kind != '(' &&
		    !(c->i + 1 < e && (tok_is_char(c->t[c->i + 1], '(') ||
				       tok_is_char(c->t[c->i + 1], '.'))))
			name = ident(c);
		st->index_cols[st->nindex_cols++] = name;
		c->i = e;
		if (!accept_char(c, ','))
			break;
	}
	if (accept_char(c, ')') && accept(c, "include") &&
	    accept_char(c, '(')) {
		const char *col;

		while (n < cap && (col = ident(c))) {
			names[n++] = col;
			if (!accept_char(c, ','))
				break;
		}
	}
	return stmt_set_index_colnames(st, c->arena, names, n);
}

static int read_create_index(struct cur *c, struct stmt *st)
{
	st->unique = accept(c, "UNIQUE");
	if (!accept(c, "INDEX"))
		return 0;
	st->kind = STMT_CREATE_INDEX;
	st->concurrently = accept(c, "CONCURRENTLY");
	ACCEPT(c, "IF", "NOT", "EXISTS");
	if (!at(c, "ON"))
		st->index_name = ident(c);
	if (!accept(c, "ON"))
		return 0;
	accept(c, "ONLY");
	read_qname(c, &st->table);
	if (accept(c, "USING"))
		ident(c);
	return read_index_cols(c, st);
}

static int read_drop(struct cur *c, struct stmt *st, enum stmt_kind kind)
{
	size_t cap = 1, k;

	st->kind = kind;
	st->concurrently = accept(c, "CONCURRENTLY");
	ACCEPT(c, "IF", "EXISTS");
	for (k = c->i; k < c->end; k++)
		cap += tok_is_char(c->t[k], ',');
	st->drop_names = arena_alloc(c->arena, cap * sizeof(struct qname));
	if (!st->drop_names)
		return FK_ENOMEM;
	while (st->ndrop_names < cap &&
	       read_qname(c, &st->drop_names[st->ndrop_names])) {
		st->ndrop_names++;
		if (!accept_char(c, ','))
			break;
	}
	return 0;
}

static void read_reindex(struct cur *c, struct stmt *st)
{
	st->kind = STMT_REINDEX;
	if (accept_char(c, '(')) {
		while (peek(c, 0) && !accept_char(c, ')'))
			if (accept(c, "CONCURRENTLY"))
				st->concurrently = true;
			else
				c->i++;
	}
	if (accept(c, "TABLE")) {
		st->concurrently |= accept(c, "CONCURRENTLY");
		read_qname(c, &st->table);
		return;
	}
	if (accept(c, "INDEX") || accept(c, "SCHEMA") ||
	    accept(c, "DATABASE") || accept(c, "SYSTEM"))
		st->concurrently |= accept(c, "CONCURRENTLY");
}

static int read_set(struct cur *c, struct stmt *st, bool reset)
{
	size_t cap = 1, k;
	const char *name;

	if (reset) {
		st->kind = STMT_SET;
		if (accept(c, "ALL")) {
			st->set_action = SET_RESET_ALL;
			return 0;
		}
		st->set_action = SET_DEFAULT;
		st->set_name = ident(c);
		return 0;
	}
	if (accept(c, "LOCAL"))
		st->set_local = true;
	else
		accept(c, "SESSION");
	if (!(name = ident(c)) || at(c, "CHARACTERISTICS"))
		return 0;
	if (!accept_char(c, '=') && !accept(c, "TO"))
		return 0;
	st->kind = STMT_SET;
	st->set_name = name;
	if (accept(c, "DEFAULT")) {
		st->set_action = SET_DEFAULT;
		return 0;
	}
	for (k = c->i; k < c->end; k++)
		cap += tok_is_char(c->t[k], ',');
	st->set_values = arena_alloc(c->arena, cap * sizeof(char *));
	if (!st->set_values)
		return FK_ENOMEM;
	while (peek(c, 0) && st->nset_values < cap) {
		const struct token *t = peek(c, 0);
		const char *v;

		if (t->kind == TOK_SCONST && t->end - t->start >= 2)
			v = arena_strndup(c->arena, c->src + t->start + 1,
					  t->end - t->start - 2);
		else
			v = arena_strndup(c->arena, c->src + t->start,
					  t->end - t->start);
		if (!v)
			return FK_ENOMEM;
		st->set_values[st->nset_values++] = v;
		c->i++;
		if (!accept_char(c, ','))
			break;
	}
	return 0;
}

static void read_transaction(struct cur *c, struct stmt *st,
			     enum stmt_kind kind)
{
	if (kind == STMT_BEGIN && at(c, "ATOMIC"))
		return; /* BEGIN ATOMIC: a SQL function body */
	if (kind == STMT_ROLLBACK && (at(c, "TO") || at(c, "PREPARED")))
		return;
	if (kind == STMT_COMMIT && at(c, "PREPARED"))
		return;
	st->kind = kind;
	while (peek(c, 0))
		if (ACCEPT(c, "AND", "CHAIN"))
			st->chain = true;
		else
			c->i++;
}

static int dispatch(struct cur *c, struct stmt *st)
{
	if (accept(c, "CREATE")) {
		ACCEPT(c, "OR", "REPLACE");
		if (!accept(c, "GLOBAL"))
			accept(c, "LOCAL");
		if (!accept(c, "TEMPORARY") && !accept(c, "TEMP"))
			accept(c, "UNLOGGED");
		if (accept(c, "TABLE"))
			return read_create_table(c, st);
		return read_create_index(c, st);
	}
	if (ACCEPT(c, "ALTER", "TABLE"))
		return read_alter_table(c, st);
	if (ACCEPT(c, "DROP", "INDEX"))
		return read_drop(c, st, STMT_DROP_INDEX);
	if (ACCEPT(c, "DROP", "TABLE"))
		return read_drop(c, st, STMT_DROP_TABLE);
	if (ACCEPT(c, "ALTER", "INDEX")) {
		ACCEPT(c, "IF", "EXISTS");
		if (read_qname(c, &st->table))
			read_rename(c, st, true);
		return 0;
	}
	if (accept(c, "REINDEX"))
		read_reindex(c, st);
	else if (accept(c, "SET"))
		return read_set(c, st, false);
	else if (accept(c, "RESET"))
		return read_set(c, st, true);
	else if (accept(c, "BEGIN") || ACCEPT(c, "START", "TRANSACTION"))
		read_transaction(c, st, STMT_BEGIN);
	else if (accept(c, "COMMIT") || accept(c, "END") ||
		 ACCEPT(c, "PREPARE", "TRANSACTION"))
		read_transaction(c, st, STMT_COMMIT);
	else if (accept(c, "ROLLBACK") || accept(c, "ABORT"))
		read_transaction(c, st, STMT_ROLLBACK);
	return 0;
}

int stmt_from_tokens(struct stmt *st, struct arena *arena, const char *src,
		     const struct token_list *toks)
{
	struct cur c = { src, arena, NULL, 0, 0, 0, false };
	size_t i;
	int err;

	c.t = malloc((toks->n ? toks->n : 1) * sizeof(*c.t));
	if (!c.t)
		return FK_ENOMEM;
	for (i = 0; i < toks->n; i++) {
		const struct token *t = &toks->v[i];

		if (tok_is_comment(t) || t->start < st->span.start ||
		    t->start >= st->span.end)
			continue;
		if (tok_is_char(t, ';'))
			break;
		c.t[c.n++] = t;
	}
	c.end = c.n;
	err = c.n ? dispatch(&c, st) : 0;
	free(c.t);
	if (!err && c.oom)
		err = FK_ENOMEM;
	return err;
}
