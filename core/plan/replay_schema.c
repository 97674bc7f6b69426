/*
 * The replayed schema: tables with their columns and indexes, and
 * foreign keys. A statement PostgreSQL would refuse changes nothing
 * (ADD FOREIGN KEY … NOT VALID or CREATE INDEX CONCURRENTLY on a
 * partitioned table).
 */
#include "replay_schema.h"

#include <stdio.h>
#include <string.h>

#include "error.h"

/* Longer keys are neither stored nor found. */
#define KEY_MAX 768

/*
 * Map keys are the name parts joined by \x1f, a byte no identifier we
 * compare holds. Joins them into buf; false when they do not fit.
 */
static bool make_key(char *buf, size_t size, const char *const *parts, size_t n)
{
	size_t len = 0, i;

	for (i = 0; i < n; i++) {
		size_t k = strlen(parts[i]);

		if (len + k + 2 > size)
			return false;
		if (i)
			buf[len++] = '\x1f';
		memcpy(buf + len, parts[i], k);
		len += k;
	}
	buf[len] = '\0';
	return true;
}

/* Stores `value` under the key of `parts` (copied into the arena). */
static int put_key(struct replay *r, struct strmap *map,
		   const char *const *parts, size_t n, void *value)
{
	char buf[KEY_MAX];
	char *key;

	if (!make_key(buf, sizeof(buf), parts, n))
		return 0;    /* could never be looked up */
	if (value == NULL) { /* a tombstone: only where a key exists */
		if (strmap_get(map, buf))
			strmap_put(map, buf, NULL);
		return 0;
	}
	if (!(key = arena_strdup(&r->arena, buf)))
		return FK_ENOMEM;
	return strmap_put(map, key, value) < 0 ? FK_ENOMEM : 0;
}

static void *get_key(const struct strmap *map, const char *const *parts,
		     size_t n)
{
	char key[KEY_MAX];

	if (!make_key(key, sizeof(key), parts, n))
		return NULL;
	return strmap_get(map, key);
}

#define PARTS(...) ((const char *const[]){ __VA_ARGS__ })

static struct table_state *lookup(const struct replay *r, const char *schema,
				  const char *name)
{
	return get_key(&r->tables, PARTS(schema, name), 2);
}

static const char *first_schema(const struct replay *r)
{
	size_t i;

	for (i = 0; i < r->nsearch_path; i++)
		if (strcmp(r->search_path[i], "$user") != 0 &&
		    strcmp(r->search_path[i], "pg_temp") != 0)
			return r->search_path[i];
	return "public";
}

const char *replay_schema_of(const struct replay *r, const struct qname *q)
{
	size_t i;

	if (q->schema)
		return q->schema;
	for (i = 0; i < r->nsearch_path; i++)
		if (lookup(r, r->search_path[i], q->name))
			return r->search_path[i];
	return first_schema(r);
}

static struct table_state *table_get(const struct replay *r,
				     const struct qname *q)
{
	return q->name ? lookup(r, replay_schema_of(r, q), q->name) : NULL;
}

bool replay_table_is_new(const struct replay *r, const struct qname *q)
{
	const struct table_state *t = table_get(r, q);

	return r->fresh || (t && t->deploy == r->deploy);
}

const struct table_state *replay_find_table(const struct replay *r,
					    const struct qname *q)
{
	return table_get(r, q);
}

static struct fk_state *fk_get(const struct replay *r,
			       const struct qname *table, const char *name)
{
	if (!table->name || !name)
		return NULL;
	return get_key(&r->fks,
		       PARTS(replay_schema_of(r, table), table->name, name), 3);
}

const struct fk_state *replay_find_fk(const struct replay *r,
				      const struct qname *table,
				      const char *name)
{
	return fk_get(r, table, name);
}

const struct column_state *table_find_column(const struct table_state *t,
					     const char *name)
{
	const struct column_state *c;

	for (c = t && name ? t->cols : NULL; c; c = c->next)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

const struct index_state *table_primary_key(const struct table_state *t)
{
	const struct index_state *x;

	for (; t; t = t->parent)
		for (x = t->indexes; x; x = x->next)
			if (x->primary && !x->dropped)
				return x;
	return NULL;
}

static bool has_col(const char *const *cols, size_t n, const char *col)
{
	size_t i;

	for (i = 0; col && i < n; i++)
		if (cols[i] && strcmp(cols[i], col) == 0)
			return true;
	return false;
}

/* Whether the index's first `n` key columns are `cols`, in any order. */
static bool leads_with(const struct index_state *x, const char *const *cols,
		       size_t n)
{
	size_t i;

	if (x->dropped || n == 0 || x->ncols < n)
		return false;
	for (i = 0; i < n; i++)
		if (!has_col(cols, n, x->cols[i]) ||
		    !has_col(x->cols, n, cols[i]))
			return false;
	return true;
}

const struct index_state *table_find_leading_index(const struct table_state *t,
						   const char *const *cols,
						   size_t ncols)
{
	const struct index_state *x;

	for (; t && !t->dropped; t = t->parent)
		for (x = t->indexes; x; x = x->next)
			if (leads_with(x, cols, ncols))
				return x;
	return NULL;
}

const struct table_state *replay_fk_table(const struct replay *r,
					  const struct fk_state *fk)
{
	return lookup(r, fk->schema, fk->table);
}

const struct table_state *replay_fk_ref_table(const struct replay *r,
					      const struct fk_state *fk)
{
	return fk->ref.name ? lookup(r, fk->ref_schema, fk->ref.name) : NULL;
}

const struct fk_state *replay_fk_added_at(const struct replay *r, uint32_t off)
{
	const struct fk_state *f;

	for (f = r->fk_applied; f; f = f->next)
		if (f->added_off == off)
			return f;
	return NULL;
}

static bool fk_on(const struct fk_state *f, const char *schema,
		  const char *table);
static bool fk_to(const struct fk_state *f, const char *schema,
		  const char *table);

const struct fk_state *replay_next_fk_of_column(const struct replay *r,
						const struct qname *table,
						const char *col,
						const struct fk_state *prev)
{
	const char *schema;
	const struct fk_state *f;

	if (!table->name || !col)
		return NULL;
	schema = replay_schema_of(r, table);
	for (f = prev ? prev->next : r->fk_first; f; f = f->next)
		if ((fk_on(f, schema, table->name) &&
		     has_col(f->cols, f->ncols, col)) ||
		    (fk_to(f, schema, table->name) &&
		     has_col(f->ref_cols, f->nref_cols, col)))
			return f;
	return NULL;
}

/* Section - copies: the state outlives the statement's arena */

static int keep(struct replay *r, const char *s, const char **out)
{
	*out = s ? arena_strdup(&r->arena, s) : NULL;
	return s && !*out ? FK_ENOMEM : 0;
}

static int keep_all(struct replay *r, const char *const *v, size_t n,
		    const char ***out)
{
	size_t i;

	*out = NULL;
	if (n == 0)
		return 0;
	if (!(*out = arena_alloc(&r->arena, n * sizeof(**out))))
		return FK_ENOMEM;
	for (i = 0; i < n; i++)
		if (keep(r, v[i], &(*out)[i]) < 0)
			return FK_ENOMEM;
	return 0;
}

/* Section - columns and indexes */

static int column_add(struct replay *r, struct table_state *t, const char *name,
		      const char *type)
{
	struct column_state *c = arena_alloc(&r->arena, sizeof(*c));
	struct column_state **tail = &t->cols;

	if (!c || keep(r, name, &c->name) < 0 || keep(r, type, &c->type) < 0)
		return FK_ENOMEM;
	while (*tail)
		tail = &(*tail)->next;
	*tail = c;
	return 0;
}

/* Whether `name` is taken in `schema` for a name of `kind` (replay.h). */
static bool name_taken(const struct replay *r, const char *schema,
		       const char *name, enum name_kind kind)
{
	const struct index_state *x =
		get_key(&r->indexes, PARTS(schema, name), 2);
	const struct fk_state *f;

	if (kind != NAME_CONSTRAINT && (x || lookup(r, schema, name)))
		return true;
	if (kind == NAME_INDEX)
		return false;
	if (x && x->constraint)
		return true;
	for (f = r->fk_first; f; f = f->next)
		if (!f->dropped && strcmp(f->schema, schema) == 0 &&
		    strcmp(f->name, name) == 0)
			return true;
	return false;
}

const char *replay_choose_name(const struct replay *r, struct arena *arena,
			       const char *schema, const char *table,
			       const char *const *cols, size_t ncols,
			       const char *label, enum name_kind kind)
{
	const char *name =
		replay_default_name(arena, table, cols, ncols, label);
	char numbered[32];
	unsigned pass;

	for (pass = 1;
	     name && name_taken(r, schema, name, kind) && pass < 10000;
	     pass++) {
		snprintf(numbered, sizeof(numbered), "%.20s%u", label, pass);
		name = replay_default_name(arena, table, cols, ncols, numbered);
	}
	return name;
}

/* `name` NULL: the name PostgreSQL makes for it. `key`: a constraint's. */
static int index_add(struct replay *r, struct table_state *t, const char *name,
		     const char *const *cols, size_t ncols, bool primary,
		     bool key)
{
	struct index_state *x = arena_alloc(&r->arena, sizeof(*x));

	if (!x || keep_all(r, cols, ncols, &x->cols) < 0)
		return FK_ENOMEM;
	x->schema = t->schema;
	/* <t>_pkey, <t>_<cols>_key, <t>_<cols>_idx, numbered when taken */
	x->name = name ? arena_strdup(&r->arena, name)
		       : replay_choose_name(r, &r->arena, t->schema, t->name,
					    primary ? NULL : cols,
					    primary ? 0 : ncols,
					    primary ? "pkey" : "key", NAME_KEY);
	if (!x->name)
		return FK_ENOMEM;
	x->table = t;
	x->ncols = ncols;
	x->primary = primary;
	x->constraint = key;
	x->next = t->indexes;
	t->indexes = x;
	return put_key(r, &r->indexes, PARTS(x->schema, x->name), 2, x);
}

static struct index_state *index_get(const struct replay *r,
				     const struct qname *q)
{
	struct index_state *x;
	size_t i;

	if (!q->name)
		return NULL;
	if (q->schema)
		return get_key(&r->indexes, PARTS(q->schema, q->name), 2);
	for (i = 0; i < r->nsearch_path; i++)
		if ((x = get_key(&r->indexes, PARTS(r->search_path[i], q->name),
				 2)))
			return x;
	return get_key(&r->indexes, PARTS(first_schema(r), q->name), 2);
}

const struct index_state *replay_find_index(const struct replay *r,
					    const struct qname *q)
{
	return index_get(r, q);
}

static void index_drop(struct replay *r, struct index_state *x)
{
	x->dropped = true;
	put_key(r, &r->indexes, PARTS(x->schema, x->name), 2, NULL);
}

static int index_rename(struct replay *r, struct index_state *x, const char *to)
{
	put_key(r, &r->indexes, PARTS(x->schema, x->name), 2, NULL);
	if (keep(r, to, &x->name) < 0)
		return FK_ENOMEM;
	return put_key(r, &r->indexes, PARTS(x->schema, x->name), 2, x);
}

/* A PRIMARY KEY or UNIQUE: a new index, or USING INDEX an existing one. */
static int key_add(struct replay *r, struct table_state *t,
		   const struct key_def *k)
{
	struct index_state *x;
	int err = 0;

	if (!k->using_index)
		return index_add(r, t, k->name, k->cols, k->ncols, k->primary,
				 true);
	x = get_key(&r->indexes, PARTS(t->schema, k->using_index), 2);
	if (!x || x->table != t)
		return 0;
	x->primary = k->primary;
	x->constraint = true;
	if (k->name && strcmp(k->name, x->name) != 0)
		err = index_rename(r, x, k->name);
	return err;
}

/* Section - foreign keys */

static bool fk_on(const struct fk_state *f, const char *schema,
		  const char *table)
{
	return !f->dropped && strcmp(f->schema, schema) == 0 &&
	       strcmp(f->table, table) == 0;
}

static bool fk_to(const struct fk_state *f, const char *schema,
		  const char *table)
{
	return !f->dropped && f->ref.name &&
	       strcmp(f->ref_schema, schema) == 0 &&
	       strcmp(f->ref.name, table) == 0;
}

static void fk_drop(struct replay *r, struct fk_state *f)
{
	f->dropped = true;
	put_key(r, &r->fks, PARTS(f->schema, f->table, f->name), 3, NULL);
}

/* The referenced columns: as written, or the referenced primary key. */
static int fk_ref_cols(struct replay *r, struct fk_state *f,
		       const struct fk_def *fk)
{
	const struct index_state *pk;

	if (fk->nref_cols) {
		f->nref_cols = fk->nref_cols;
		return keep_all(r, fk->ref_cols, fk->nref_cols, &f->ref_cols);
	}
	pk = table_primary_key(replay_fk_ref_table(r, f));
	if (!pk)
		return 0;
	f->nref_cols = pk->ncols;
	return keep_all(r, pk->cols, pk->ncols, &f->ref_cols);
}

static int fk_add(struct replay *r, const struct qname *table,
		  const struct fk_def *fk, bool not_valid, size_t i,
		  const struct tx *tx)
{
	struct fk_state *f = arena_alloc(&r->arena, sizeof(*f));
	const struct qname *ref = &fk->ref_table;

	if (!f || keep(r, replay_schema_of(r, table), &f->schema) < 0 ||
	    keep(r, table->name, &f->table) < 0 ||
	    keep(r, ref->schema, &f->ref.schema) < 0 ||
	    keep(r, ref->name, &f->ref.name) < 0 ||
	    keep(r, replay_schema_of(r, ref), &f->ref_schema) < 0 ||
	    keep_all(r, fk->cols, fk->ncols, &f->cols) < 0 ||
	    fk_ref_cols(r, f, fk) < 0)
		return FK_ENOMEM;
	f->name = fk->name
			  ? arena_strdup(&r->arena, fk->name)
			  : replay_choose_name(r, &r->arena, f->schema,
					       table->name, fk->cols, fk->ncols,
					       "fkey", NAME_CONSTRAINT);
	if (!f->name)
		return FK_ENOMEM;
	f->ncols = fk->ncols;
	f->not_valid = not_valid;
	f->added_tx = tx->id;
	f->added_stmt = i;
	f->added_off = fk->span.start;
	if (r->cur_path &&
	    !(f->added_path = arena_strdup(&r->arena, r->cur_path)))
		return FK_ENOMEM;
	if (r->cur_lines) {
		uint32_t col;

		linemap_locate(r->cur_lines, fk->span.start, &f->added_line,
			       &col);
	}
	if (r->fk_last)
		r->fk_last->next = f;
	else
		r->fk_first = f;
	r->fk_last = f;
	if (!r->fk_applied)
		r->fk_applied = f;
	return put_key(r, &r->fks, PARTS(f->schema, f->table, f->name), 3, f);
}

/* Section - tables */

static int table_add_columns(struct replay *r, struct table_state *t,
			     const struct stmt *st)
{
	const struct column_state *c;
	size_t k;
	int err = 0;

	for (c = t->parent ? t->parent->cols : NULL; c && !err; c = c->next)
		err = column_add(r, t, c->name, c->type);
	for (k = 0; k < st->ncolumns && !err; k++)
		if (!table_find_column(t, st->columns[k].name))
			err = column_add(r, t, st->columns[k].name,
					 st->columns[k].type);
	for (k = 0; k < st->nkeys && !err; k++)
		err = key_add(r, t, &st->keys[k]);
	return err;
}

static int table_add(struct replay *r, const struct stmt *st, size_t i,
		     const struct tx *tx)
{
	struct table_state *t = arena_alloc(&r->arena, sizeof(*t));
	size_t k;
	int err;

	if (!t || keep(r, replay_schema_of(r, &st->table), &t->schema) < 0 ||
	    keep(r, st->table.name, &t->name) < 0)
		return FK_ENOMEM;
	t->deploy = r->deploy;
	t->partitioned = st->partitioned;
	t->filled = st->filled;
	t->parent = table_get(r, &st->partition_of);
	if ((err = put_key(r, &r->tables, PARTS(t->schema, t->name), 2, t)) <
		    0 ||
	    (err = table_add_columns(r, t, st)) < 0)
		return err;
	/* CREATE TABLE validates its keys: NOT VALID is ignored there */
	for (k = 0; k < st->nfks && !err; k++)
		err = fk_add(r, &st->table, &st->fks[k], false, i, tx);
	return err;
}

static void table_drop(struct replay *r, const struct qname *q)
{
	const char *schema = replay_schema_of(r, q);
	struct table_state *t = table_get(r, q);
	struct index_state *x;
	struct fk_state *f;

	/* its own keys, and (CASCADE) the keys that reference it */
	for (f = r->fk_first; f; f = f->next)
		if (fk_on(f, schema, q->name) || fk_to(f, schema, q->name))
			fk_drop(r, f);
	if (!t)
		return;
	for (x = t->indexes; x; x = x->next)
		if (!x->dropped)
			index_drop(r, x);
	t->dropped = true;
	put_key(r, &r->tables, PARTS(t->schema, t->name), 2, NULL);
}

/* Section - ALTER TABLE */

/* DROP COLUMN: the indexes and keys it is part of go with it. */
static void column_drop(struct replay *r, const struct qname *q,
			const char *col)
{
	const char *schema = replay_schema_of(r, q);
	struct table_state *t = table_get(r, q);
	struct column_state **c;
	struct index_state *x;
	struct fk_state *f;

	for (f = r->fk_first; f; f = f->next)
		if ((fk_on(f, schema, q->name) &&
		     has_col(f->cols, f->ncols, col)) ||
		    (fk_to(f, schema, q->name) &&
		     has_col(f->ref_cols, f->nref_cols, col)))
			fk_drop(r, f);
	if (!t)
		return;
	for (x = t->indexes; x; x = x->next)
		if (!x->dropped && has_col(x->cols, x->ncols, col))
			index_drop(r, x);
	for (c = &t->cols; *c; c = &(*c)->next)
		if (strcmp((*c)->name, col) == 0) {
			*c = (*c)->next;
			break;
		}
}

static int column_set_type(struct replay *r, const struct qname *q,
			   const struct alter_cmd *ac)
{
	struct column_state *c = (struct column_state *)table_find_column(
		table_get(r, q), ac->name);

	return c ? keep(r, ac->type, &c->type) : 0;
}

/* DROP CONSTRAINT: a foreign key, or a key (with its index). */
static void constraint_drop(struct replay *r, const struct qname *q,
			    const char *name)
{
	struct fk_state *f = fk_get(r, q, name);
	struct table_state *t = table_get(r, q);
	struct index_state *x;

	if (f) {
		fk_drop(r, f);
		return;
	}
	x = t && name ? get_key(&r->indexes, PARTS(t->schema, name), 2) : NULL;
	if (x && x->table == t)
		index_drop(r, x);
}

static void validate(struct replay *r, const struct qname *q, const char *name)
{
	struct fk_state *f = fk_get(r, q, name);

	if (f)
		f->not_valid = false;
}

static int alter_cmd_apply(struct replay *r, const struct stmt *st,
			   const struct alter_cmd *ac, size_t i,
			   const struct tx *tx)
{
	struct table_state *t = table_get(r, &st->table);
	int err = 0;

	switch (ac->kind) {
	case ALTER_ADD_COLUMN:
		if (t && ac->name && !table_find_column(t, ac->name))
			err = column_add(r, t, ac->name, ac->type);
		if (!err && t && ac->has_key)
			err = key_add(r, t, &ac->key);
		if (!err && ac->has_fk)
			err = fk_add(r, &st->table, &ac->fk, false, i, tx);
		return err;
	case ALTER_ADD_FK:
		/* PostgreSQL refuses NOT VALID on a partitioned table */
		if (ac->fk.not_valid && t && t->partitioned)
			return 0;
		return fk_add(r, &st->table, &ac->fk, ac->fk.not_valid, i, tx);
	case ALTER_ADD_KEY:
		return t ? key_add(r, t, &ac->key) : 0;
	case ALTER_VALIDATE:
		validate(r, &st->table, ac->name);
		return 0;
	case ALTER_DROP_CONSTRAINT:
		constraint_drop(r, &st->table, ac->name);
		return 0;
	case ALTER_DROP_COLUMN:
		if (ac->name)
			column_drop(r, &st->table, ac->name);
		return 0;
	case ALTER_COLUMN_TYPE:
		return column_set_type(r, &st->table, ac);
	case ALTER_OTHER:
		return 0;
	}
	return 0;
}

/* Section - RENAME */

static int rename_in(struct replay *r, const char **cols, size_t n,
		     const char *from, const char *to)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (cols[k] && strcmp(cols[k], from) == 0 &&
		    keep(r, to, &cols[k]) < 0)
			return FK_ENOMEM;
	return 0;
}

static int column_rename(struct replay *r, const struct qname *q,
			 const char *from, const char *to)
{
	const char *schema = replay_schema_of(r, q);
	struct table_state *t = table_get(r, q);
	struct column_state *c;
	struct index_state *x;
	struct fk_state *f;
	int err = 0;

	for (f = r->fk_first; f && !err; f = f->next) {
		if (fk_on(f, schema, q->name))
			err = rename_in(r, f->cols, f->ncols, from, to);
		if (!err && fk_to(f, schema, q->name))
			err = rename_in(r, f->ref_cols, f->nref_cols, from, to);
	}
	for (x = t ? t->indexes : NULL; x && !err; x = x->next)
		err = rename_in(r, x->cols, x->ncols, from, to);
	c = (struct column_state *)table_find_column(t, from);
	return err ? err : c ? keep(r, to, &c->name) : 0;
}

static int fk_rekey(struct replay *r, struct fk_state *f, const char *table,
		    const char *name)
{
	put_key(r, &r->fks, PARTS(f->schema, f->table, f->name), 3, NULL);
	if (keep(r, table, &f->table) < 0 || keep(r, name, &f->name) < 0)
		return FK_ENOMEM;
	return put_key(r, &r->fks, PARTS(f->schema, f->table, f->name), 3, f);
}

static int table_rename(struct replay *r, const struct qname *q, const char *to)
{
	const char *schema = replay_schema_of(r, q);
	struct table_state *t = table_get(r, q);
	struct fk_state *f;
	int err = 0;

	for (f = r->fk_first; f && !err; f = f->next) {
		if (fk_to(f, schema, q->name))
			err = keep(r, to, &f->ref.name);
		if (!err && fk_on(f, schema, q->name))
			err = fk_rekey(r, f, to, f->name);
	}
	if (err || !t)
		return err;
	put_key(r, &r->tables, PARTS(t->schema, t->name), 2, NULL);
	if (keep(r, to, &t->name) < 0)
		return FK_ENOMEM;
	return put_key(r, &r->tables, PARTS(t->schema, t->name), 2, t);
}

static int constraint_rename(struct replay *r, const struct qname *q,
			     const char *from, const char *to)
{
	struct fk_state *f = fk_get(r, q, from);
	struct table_state *t = table_get(r, q);
	struct index_state *x;

	if (f)
		return fk_rekey(r, f, f->table, to);
	x = t && from ? get_key(&r->indexes, PARTS(t->schema, from), 2) : NULL;
	return x && x->table == t ? index_rename(r, x, to) : 0;
}

static int rename_apply(struct replay *r, const struct stmt *st)
{
	struct index_state *x;

	if (!st->table.name)
		return 0;
	switch (st->rename) {
	case RENAME_TABLE:
		return table_rename(r, &st->table, st->rename_to);
	case RENAME_COLUMN:
		return st->rename_from
			       ? column_rename(r, &st->table, st->rename_from,
					       st->rename_to)
			       : 0;
	case RENAME_CONSTRAINT:
		return constraint_rename(r, &st->table, st->rename_from,
					 st->rename_to);
	case RENAME_INDEX:
		x = index_get(r, &st->table);
		return x ? index_rename(r, x, st->rename_to) : 0;
	}
	return 0;
}

/* Section - the statements */

static int index_create(struct replay *r, const struct stmt *st)
{
	struct table_state *t = table_get(r, &st->table);
	const char *name = st->index_name;

	/* PostgreSQL refuses CONCURRENTLY on a partitioned table */
	if (!t || (st->concurrently && t->partitioned))
		return 0;
	if (!name &&
	    !(name = replay_choose_name(r, &r->arena, t->schema, t->name,
					st->index_colnames, st->nindex_colnames,
					"idx", NAME_INDEX)))
		return FK_ENOMEM;
	return index_add(r, t, name, st->index_cols, st->nindex_cols, false,
			 false);
}

int replay_schema_apply(struct replay *r, const struct stmt *st, size_t i,
			const struct tx *tx)
{
	struct index_state *x;
	size_t k;
	int err = 0;

	switch (st->kind) {
	case STMT_CREATE_TABLE:
		return st->table.name ? table_add(r, st, i, tx) : 0;
	case STMT_ALTER_TABLE:
		for (k = 0; k < st->ncmds && !err; k++)
			err = alter_cmd_apply(r, st, &st->cmds[k], i, tx);
		return err;
	case STMT_CREATE_INDEX:
		return index_create(r, st);
	case STMT_DROP_INDEX:
		for (k = 0; k < st->ndrop_names; k++)
			if ((x = index_get(r, &st->drop_names[k])))
				index_drop(r, x);
		return 0;
	case STMT_DROP_TABLE:
		for (k = 0; k < st->ndrop_names; k++)
			if (st->drop_names[k].name)
				table_drop(r, &st->drop_names[k]);
		return 0;
	case STMT_RENAME:
		return rename_apply(r, st);
	default:
		return 0;
	}
}
