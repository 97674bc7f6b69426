#include "django_build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "framework_text.h"

/*
 * Django's schema operations: the SQL its PostgreSQL schema editor sends
 * for each (django/db/migrations/operations/ and backends/base/schema.py
 * of 4.2 and 5.2), from the project state before it, which each then
 * updates as Django's state_forwards() does.
 */

/* The model an operation names (`model_name`, or `name`), as a key. */
static const char *op_key(struct django_builder *b, const struct py_node *op,
			  int pos, const char *kw)
{
	const char *model = django_str(b, py_call_arg(op, pos, kw));

	return model ? django_model_key(b, b->app, model) : NULL;
}

/*
 * The model of an operation in the project state. One that no migration
 * read creates (its migrations are elsewhere, or were deleted) is taken
 * as a model of Django's default table without known fields.
 */
static struct django_model_state *op_model(struct django_builder *b,
					   const struct py_node *op, int pos,
					   const char *kw)
{
	const char *key = op_key(b, op, pos, kw);
	struct django_model_state *m = key ? django_model(b, key) : NULL;
	struct django_state *st;
	const char *table;

	if (m || !key || !(st = django_state_of(b)) ||
	    !(table = django_key_table(b, key)))
		return m;
	if (!(m = django_model_add(st, key, table)))
		b->err = FK_ENOMEM;
	return m;
}

/* ---- CreateModel ----------------------------------------------------- */

/* options={'db_table': '…'}: read from the dict, else from the text. */
static const char *option_str(struct django_builder *b,
			      const struct py_node *options, const char *key)
{
	size_t i;

	for (i = 0; options && options->kind == PY_DICT && i < options->nkw;
	     i++)
		if (strcmp(options->kw[i], key) == 0)
			return django_str(b, options->kwvals[i]);
	return NULL;
}

static const struct py_node *option(const struct py_node *options,
				    const char *key)
{
	size_t i;

	for (i = 0; options && options->kind == PY_DICT && i < options->nkw;
	     i++)
		if (strcmp(options->kw[i], key) == 0)
			return options->kwvals[i];
	return NULL;
}

/*
 * A unique_together / index_together value: {('a', 'b'), …}, [(…)],
 * ('a', 'b') (one set) or None; each set "\x1f"-joined into `out` (at
 * most `max`). Returns the count, or -1 when it is not a literal.
 */
static int together_read(struct django_builder *b, const struct py_node *v,
			 const char **out, size_t max)
{
	size_t i, j, n = 0;
	bool flat;

	if (!v || (v->kind == PY_CONST && !strcmp(v->name, "None")) ||
	    (v->kind == PY_CALL && !strcmp(py_node_tail(v), "set") &&
	     !v->nitems && !v->nkw))
		return 0;
	if (v->kind != PY_SET && v->kind != PY_LIST && v->kind != PY_TUPLE)
		return -1;
	flat = v->nitems && v->items[0]->kind == PY_STR;
	for (i = 0; i < (flat ? 1 : v->nitems) && n < max; i++) {
		const struct py_node *set = flat ? v : v->items[i];
		struct buf s = BUF_INIT;

		if (set->kind != PY_TUPLE && set->kind != PY_LIST)
			return -1;
		for (j = 0; j < set->nitems; j++) {
			const char *f = django_str(b, set->items[j]);

			if (!f) {
				buf_release(&s);
				return -1;
			}
			buf_addf(&s, "%s%s", j ? "\x1f" : "", f);
		}
		out[n++] =
			s.failed ? NULL : django_printf(b, "%s", buf_str(&s));
		if (s.failed)
			b->err = FK_ENOMEM;
		buf_release(&s);
	}
	return (int)n;
}

/* The columns of a together set, "\"a\", \"b\"", and their list. */
static const char *set_columns(struct django_builder *b,
			       const struct django_model_state *m,
			       const char *set, const char **cols, size_t max,
			       size_t *ncols)
{
	struct buf s = BUF_INIT;
	const char *p = set, *r;

	*ncols = 0;
	while (*p && *ncols < max) {
		size_t len = strcspn(p, "\x1f");
		const char *name = django_printf(b, "%.*s", (int)len, p);
		const struct django_field *f = django_field_get(m, name);

		cols[*ncols] = f ? f->column : name;
		buf_addf(&s, "%s\"%s\"", *ncols ? ", " : "", cols[*ncols]);
		(*ncols)++;
		p += len + (p[len] != '\0');
	}
	r = s.failed ? NULL : django_printf(b, "%s", buf_str(&s));
	buf_release(&s);
	return r;
}

static const char *unique_sql(struct django_builder *b,
			      const struct django_model_state *m,
			      const char *set)
{
	const char *cols[32];
	size_t n;
	const char *list = set_columns(b, m, set, cols, 32, &n);
	const char *name = django_index_name(b, m->table, cols, n, "_uniq");

	return django_printf(b,
			     "ALTER TABLE \"%s\" ADD CONSTRAINT \"%s\" "
			     "UNIQUE (%s)",
			     m->table, name, list);
}

static const char *together_index_sql(struct django_builder *b,
				      const struct django_model_state *m,
				      const char *set)
{
	const char *cols[32];
	size_t n;
	const char *list = set_columns(b, m, set, cols, 32, &n);

	return django_printf(b, "CREATE INDEX \"%s\" ON \"%s\" (%s)",
			     django_index_name(b, m->table, cols, n, "_idx"),
			     m->table, list);
}

/* A key deferred as its parts (DJANGO_DEFER_FK). */
static void defer_fk(struct django_builder *b, const char *table,
		     const struct django_field *f, struct span src)
{
	struct django_deferred d;

	if (!f->fk || !f->constraint || !f->column)
		return;
	memset(&d, 0, sizeof(d));
	d.kind = DJANGO_DEFER_FK;
	d.table = table;
	d.cols[0] = f->column;
	d.ncols = 1;
	d.to_table = f->to_table;
	d.to_column = f->to_column;
	django_defer_parts(b, &d, src);
}

/* A together set deferred as its parts: unique, or an "_idx" index. */
static void defer_set(struct django_builder *b,
		      const struct django_model_state *m, const char *set,
		      bool unique, struct span src)
{
	struct django_deferred d;

	memset(&d, 0, sizeof(d));
	d.kind = unique ? DJANGO_DEFER_UNIQUE : DJANGO_DEFER_INDEX;
	d.table = m->table;
	d.suffix = "_idx";
	set_columns(b, m, set, d.cols, DJANGO_DEFER_COLS, &d.ncols);
	django_defer_parts(b, &d, src);
}

/*
 * A ManyToManyField whose join table Django makes (no `through`): its
 * field in the state, with the table (`db_table`, else
 * <model's table>_<name>, truncated). False for anything else.
 */
static bool m2m_read(struct django_builder *b,
		     const struct django_model_state *m, const char *name,
		     const struct py_node *call, struct django_field *f)
{
	const char *table;

	memset(f, 0, sizeof(*f));
	if (!name || !call || call->kind != PY_CALL ||
	    strcmp(py_node_tail(call), "ManyToManyField") != 0 ||
	    py_call_arg(call, -1, "through"))
		return false;
	f->name = name;
	f->column = "";
	f->cls = "ManyToManyField";
	f->to_model = django_related_key(b, py_call_arg(call, 0, "to"), m->key);
	table = django_str(b, py_call_arg(call, -1, "db_table"));
	f->m2m_table =
		table ? table
		      : django_truncate_name(
				b, django_printf(b, "%s_%s", m->table, name));
	f->sig = "ManyToManyField";
	return f->to_model && f->m2m_table;
}

/*
 * The join table of `f` (create_model() of the auto-created through
 * model): its table now, its keys, unique pair and indexes deferred.
 */
static void m2m_create(struct django_builder *b,
		       const struct django_model_state *m,
		       const struct django_field *f, struct span src)
{
	const char *from = strchr(m->key, '\x1f') + 1;
	const char *to = strchr(f->to_model, '\x1f') + 1;
	const struct django_field *pk = django_model_pk(m);
	struct django_field id = { 0 }, a, z;
	struct django_deferred pair;
	const char *t = f->m2m_table;

	if (strcmp(from, to) == 0) {
		from = django_printf(b, "from_%s", to);
		to = django_printf(b, "to_%s", to);
	}
	if (!from || !to)
		return;
	django_auto_pk(b, &id);
	if (!django_settings_of(b)->auto_field[0] && pk && pk->identity)
		id.type = pk->type; /* not known: the model's own kind */
	django_fk_to(b, m->key, from, m->key, &a);
	django_fk_to(b, m->key, to, f->to_model, &z);
	if (!a.column || !z.column)
		return;
	django_emit(b,
		    django_printf(b, "CREATE TABLE \"%s\" (%s, %s, %s)", t,
				  django_column_sql(b, &id, false),
				  django_column_sql(b, &a, false),
				  django_column_sql(b, &z, false)),
		    src);
	memset(&pair, 0, sizeof(pair));
	pair.kind = DJANGO_DEFER_UNIQUE;
	pair.table = t;
	pair.cols[0] = a.column;
	pair.cols[1] = z.column;
	pair.ncols = 2;
	django_defer_parts(b, &pair, src);
	defer_fk(b, t, &a, src);
	defer_fk(b, t, &z, src);
	django_field_indexes(b, t, &a, true, src);
	django_field_indexes(b, t, &z, true, src);
}

static const char *index_sql(struct django_builder *b,
			     const struct django_model_state *m,
			     const struct py_node *idx, bool unique,
			     bool concurrently);
static const char *index_columns(struct django_builder *b,
				 const struct django_model_state *m,
				 const struct py_node *fields,
				 const struct py_node *opclasses);

/*
 * CreateModel's options indexes: each Index's CREATE INDEX, deferred
 * after the fields' (_model_indexes_sql()).
 */
static void model_indexes(struct django_builder *b,
			  const struct django_model_state *m,
			  const struct py_node *v, struct span src)
{
	size_t i;

	if (!v)
		return;
	if (v->kind != PY_LIST && v->kind != PY_TUPLE) {
		django_skip(b, v, "CreateModel indexes that are not a list");
		return;
	}
	for (i = 0; i < v->nitems; i++)
		if (v->items[i]->kind == PY_CALL)
			django_defer(b,
				     index_sql(b, m, v->items[i], false, false),
				     src);
		else
			django_skip(b, v->items[i],
				    "an index that is not a literal call");
}

/*
 * CreateModel's options constraints: a UniqueConstraint of fields is
 * part of CREATE TABLE; one with a condition is a unique index at the
 * end; a CheckConstraint is noted.
 */
static void model_constraints(struct django_builder *b,
			      const struct django_model_state *m,
			      const struct py_node *v, struct buf *cols,
			      struct span src)
{
	size_t i;

	for (i = 0;
	     v && (v->kind == PY_LIST || v->kind == PY_TUPLE) && i < v->nitems;
	     i++) {
		const struct py_node *c = v->items[i];
		const char *cls = c->kind == PY_CALL ? py_node_tail(c) : "";
		const char *name = django_str(b, py_call_arg(c, -1, "name"));
		const char *fields =
			c->kind == PY_CALL
				? index_columns(b, m,
						py_call_arg(c, -1, "fields"),
						NULL)
				: NULL;

		if (strcmp(cls, "UniqueConstraint") != 0) {
			django_skip(b, c,
				    django_printf(
					    b, "constraint %s of CreateModel",
					    *cls ? cls : "that is not a call"));
		} else if (py_call_arg(c, -1, "condition") ||
			   py_call_arg(c, -1, "include") || c->nitems ||
			   py_call_arg(c, -1, "opclasses")) {
			django_defer(b, index_sql(b, m, c, true, false), src);
		} else if (name && fields) {
			buf_addf(cols, ", CONSTRAINT \"%s\" UNIQUE (%s)", name,
				 fields);
		} else {
			django_skip(b, c,
				    "a UniqueConstraint that is not literal");
		}
	}
}

/* Whether one of CreateModel's fields is its primary key. */
static bool has_pk(const struct py_node *fields)
{
	size_t i;

	for (i = 0;
	     fields && (fields->kind == PY_LIST || fields->kind == PY_TUPLE) &&
	     i < fields->nitems;
	     i++) {
		const struct py_node *it = fields->items[i];

		if (it->kind == PY_TUPLE && it->nitems == 2 &&
		    django_kw_true(it->items[1], "primary_key", false))
			return true;
	}
	/* fields that are not a literal list: nothing is assumed */
	return !fields || (fields->kind != PY_LIST && fields->kind != PY_TUPLE);
}

/* A value that is the constant True. */
static bool is_true(const struct py_node *v)
{
	return v && v->kind == PY_CONST && strcmp(v->name, "True") == 0;
}

/*
 * A proxy model (options={'proxy': True}): no table of its own, the one
 * of the concrete model its `bases` name.
 */
static void proxy_model(struct django_builder *b, const struct py_node *op,
			const char *key)
{
	const struct py_node *bases = py_call_arg(op, 3, "bases");
	struct django_state *st = django_state_of(b);
	const char *base = NULL, *table;
	struct django_model_state *m;
	size_t i;

	for (i = 0;
	     bases && (bases->kind == PY_TUPLE || bases->kind == PY_LIST) &&
	     !base && i < bases->nitems;
	     i++)
		if (bases->items[i]->kind == PY_STR)
			base = django_related_key(b, bases->items[i], key);
	if (!base || !st || !(table = django_key_table(b, base))) {
		django_skip(b, op,
			    "a proxy model whose concrete model is not "
			    "named");
		return;
	}
	if (!(m = django_model_add(st, key, table)) ||
	    !(m->proxy_of = arena_strdup(&st->arena, base)))
		b->err = FK_ENOMEM;
}

static void create_model(struct django_builder *b, const struct py_node *op)
{
	const char *model = django_str(b, py_call_arg(op, 0, "name"));
	const struct py_node *fields = py_call_arg(op, 1, "fields");
	const struct py_node *options = py_call_arg(op, 2, "options");
	struct django_state *st = django_state_of(b);
	const char *key, *table, *sets[64];
	struct django_model_state *m;
	struct buf cols = BUF_INIT;
	size_t i, k;
	int nu, ni, pass;

	if (!model || !st)
		return;
	key = django_model_key(b, b->app, model);
	table = option_str(b, options, "db_table");
	if (!table && options && options->kind != PY_DICT)
		django_skip(b, options,
			    "CreateModel options that are not a "
			    "literal dict (db_table not read)");
	if (!key || !(table = table ? table : django_key_table(b, key)))
		return;
	if (django_model(b, key))
		table = django_model(b, key)->table;
	if (is_true(option(options, "proxy"))) {
		proxy_model(b, op, key);
		return;
	}
	if (!(m = django_model_add(st, key, table))) {
		b->err = FK_ENOMEM;
		return;
	}
	fields = fields && fields->kind == PY_NAME ? NULL : fields;
	if (fields && fields->kind != PY_LIST && fields->kind != PY_TUPLE) {
		django_skip(b, fields,
			    "CreateModel fields that are not a list");
		fields = NULL;
	}
	if (!has_pk(fields)) { /* Django adds the automatic "id" */
		struct django_field id;

		django_auto_pk(b, &id);
		if (!django_field_put(st, m, &id))
			b->err = FK_ENOMEM;
		buf_adds(&cols, django_column_sql(b, &id, false));
	}
	/*
	 * local_fields order: the auto-created ones (the id, a parent
	 * link) first, as their creation counter is below every other's
	 */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; fields && i < fields->nitems; i++) {
			const struct py_node *it = fields->items[i];
			struct django_field f;

			if (it && it->kind == PY_TUPLE && it->nitems == 2 &&
			    django_kw_true(it->items[1], "auto_created",
					   false) != (pass == 0))
				continue;
			if (it && it->kind == PY_TUPLE && it->nitems == 2 &&
			    m2m_read(b, m, django_str(b, it->items[0]),
				     it->items[1], &f)) {
				if (!django_field_put(st, m, &f))
					b->err = FK_ENOMEM;
				continue;
			}
			if (!it || it->kind != PY_TUPLE || it->nitems != 2 ||
			    !django_field_read(b, key,
					       django_str(b, it->items[0]),
					       it->items[1], &f) ||
			    !f.type)
				continue;
			if (!django_field_put(st, m, &f)) {
				b->err = FK_ENOMEM;
				goto done;
			}
			buf_addf(&cols, "%s%s", cols.len ? ", " : "",
				 django_column_sql(b, &f, false));
		}
	nu = together_read(b, option(options, "unique_together"), sets, 64);
	if (nu > 0 && django_together_set(st, m, true, sets, (size_t)nu) < 0)
		b->err = FK_ENOMEM;
	model_constraints(b, m, option(options, "constraints"), &cols,
			  op->span);
	if (cols.failed) {
		b->err = FK_ENOMEM;
		goto done;
	}
	django_emit(b,
		    django_printf(b, "CREATE TABLE \"%s\" (%s)", table,
				  cols.len ? buf_str(&cols) : ""),
		    op->span);
	/* table_sql(): unique_together (always deferred), then the keys */
	for (k = 0; nu > 0 && k < (size_t)nu; k++)
		defer_set(b, m, sets[k], true, op->span);
	for (i = 0; i < m->nfields; i++)
		if (!m->fields[i].m2m_table)
			defer_fk(b, table, &m->fields[i], op->span);
	for (i = 0; i < m->nfields; i++)
		if (!m->fields[i].m2m_table)
			django_field_indexes(b, table, &m->fields[i], true,
					     op->span);
	ni = together_read(b, option(options, "index_together"), sets, 64);
	for (k = 0; ni > 0 && k < (size_t)ni; k++)
		defer_set(b, m, sets[k], false, op->span);
	if (ni > 0 && django_together_set(st, m, false, sets, (size_t)ni) < 0)
		b->err = FK_ENOMEM;
	for (i = 0; i < m->nfields; i++)
		if (m->fields[i].m2m_table)
			m2m_create(b, m, &m->fields[i], op->span);
	model_indexes(b, m, option(options, "indexes"), op->span);
done:
	buf_release(&cols);
}

/* ---- fields ---------------------------------------------------------- */

static void add_field(struct django_builder *b, const struct py_node *op)
{
	struct django_model_state *m = op_model(b, op, 0, "model_name");
	const char *name = django_str(b, py_call_arg(op, 1, "name"));
	struct django_field f;

	if (m && m2m_read(b, m, name, py_call_arg(op, 2, "field"), &f)) {
		m2m_create(b, m, &f, op->span);
		if (!django_field_put(django_state_of(b), m, &f))
			b->err = FK_ENOMEM;
		return;
	}
	if (!m ||
	    !django_field_read(b, m->key, name, py_call_arg(op, 2, "field"),
			       &f) ||
	    !f.type)
		return;
	django_emit(b, django_add_column_sql(b, m->table, &f), op->span);
	if (f.def)
		django_emit(b,
			    django_printf(b,
					  "ALTER TABLE \"%s\" ALTER COLUMN "
					  "\"%s\" DROP DEFAULT",
					  m->table, f.column),
			    op->span);
	django_field_indexes(b, m->table, &f, true, op->span);
	if (!django_kw_true(op, "preserve_default", true))
		django_field_forget_default(b, py_call_arg(op, 2, "field"), &f);
	if (!django_field_put(django_state_of(b), m, &f))
		b->err = FK_ENOMEM;
}

static void drop_unique(struct django_builder *b, const char *table,
			const char *name, struct span src)
{
	django_emit(b,
		    django_printf(b,
				  "ALTER TABLE \"%s\" DROP CONSTRAINT \"%s\"",
				  table, name),
		    src);
}

static void drop_index(struct django_builder *b, const char *table,
		       const char *name, struct span src)
{
	(void)table;
	django_emit(b, django_printf(b, "DROP INDEX IF EXISTS \"%s\"", name),
		    src);
}

/*
 * Statement.rename_table_references() / rename_column_references() on
 * the deferred SQL: each quoted `from` becomes `to`, in the statements
 * on table `table` (NULL: all). Index and constraint names keep theirs.
 */
static void deferred_rename(struct django_builder *b, const char *table,
			    const char *from, const char *to)
{
	const char *qt = table ? django_printf(b, "\"%s\"", table) : NULL;
	const char *qf = django_printf(b, "\"%s\"", from);
	const char *qn = django_printf(b, "\"%s\"", to);
	size_t i, k;

	for (i = 0; qf && qn && i < b->ndeferred; i++) {
		struct django_deferred *d = &b->deferred[i];
		const char *sql = d->sql, *p;
		struct buf out = BUF_INIT;

		if (d->kind != DJANGO_DEFER_SQL) { /* a table, or a column */
			if (!table && !strcmp(d->table, from))
				d->table = to;
			if (!table && d->to_table && !strcmp(d->to_table, from))
				d->to_table = to;
			for (k = 0;
			     table && !strcmp(d->table, table) && k < d->ncols;
			     k++)
				if (!strcmp(d->cols[k], from))
					d->cols[k] = to;
			if (table && d->to_table &&
			    !strcmp(d->to_table, table) && d->to_column &&
			    !strcmp(d->to_column, from))
				d->to_column = to;
			continue;
		}
		if ((table && (!qt || !strstr(sql, qt))) || !strstr(sql, qf))
			continue;
		while ((p = strstr(sql, qf))) {
			buf_add(&out, sql, (size_t)(p - sql));
			buf_adds(&out, qn);
			sql = p + strlen(qf);
		}
		buf_adds(&out, sql);
		d->sql = out.failed ? NULL
				    : django_printf(b, "%s", buf_str(&out));
		if (out.failed)
			b->err = FK_ENOMEM;
		buf_release(&out);
	}
}

/* A varchar, text or citext column that becomes of another kind. */
static bool kind_changes(const char *from, const char *to)
{
	static const char *const kinds[] = { "varchar", "text", "citext" };
	size_t i;

	for (i = 0; i < 3; i++)
		if (!strncmp(from, kinds[i], strlen(kinds[i])) &&
		    strncmp(to, kinds[i], strlen(kinds[i])) != 0)
			return true;
	return false;
}

/*
 * BaseDatabaseSchemaEditor._alter_field() and the PostgreSQL editor's
 * additions, from field `o` (the project state's) to `n`, in Django's
 * order.
 */
static void alter(struct django_builder *b, const char *table,
		  const struct django_field *o, struct django_field *n,
		  struct span src)
{
	struct buf act = BUF_INIT;
	const char *cols[1] = { n->column };
	bool fk_dropped = false,
	     type = o->type && n->type && strcmp(o->type, n->type) != 0;
	bool set_default = false, four_way, check_changes;

	if (o->column && n->column && strcmp(o->column, n->column) == 0 &&
	    o->sig && n->sig && strcmp(o->sig, n->sig) == 0)
		return; /* _field_should_be_altered(): nothing to send */
	if (o->fk && o->constraint) {
		fk_dropped = django_drop_fks(b, table, o->column, src);
	}
	if (o->unique && !n->unique)
		django_indexes_on(b, table, o->column, true, drop_unique, src);
	if (o->db_index && !o->unique && (!n->db_index || n->unique))
		django_indexes_on(b, table, o->column, false, drop_index, src);
	/* the column's CHECK ("col" >= 0) changes with its name or type:
	   PostgreSQL named the one of ADD COLUMN <table>_<col>_check */
	check_changes =
		(o->check || n->check) &&
		(o->check != n->check || strcmp(o->column, n->column) != 0);
	if (check_changes && o->check) {
		const char *oc[1] = { o->column };
		const char *name =
			o->check_name ? o->check_name
				      : replay_default_name(&b->arena, table,
							    oc, 1, "check");

		if (name)
			drop_unique(b, table, name, src);
		else
			b->err = FK_ENOMEM;
	}
	if (strcmp(o->column, n->column) != 0) {
		django_emit(b,
			    django_printf(b,
					  "ALTER TABLE \"%s\" RENAME COLUMN "
					  "\"%s\" TO \"%s\"",
					  table, o->column, n->column),
			    src);
		deferred_rename(b, table, o->column, n->column);
	}
	/* _alter_column_type_sql(): the _like index of a varchar, text or
	   citext column that becomes another type goes */
	if (type && (o->db_index || o->unique) &&
	    kind_changes(o->type, n->type)) {
		const char *oc[1] = { o->column };

		drop_index(b, table,
			   django_index_name(b, table, oc, 1, "_like"), src);
	}
	if (type) {
		/* USING when the data type differs, not only its length */
		size_t ol = strcspn(o->type, "("), nl = strcspn(n->type, "(");
		bool same = !o->fk && !n->fk && ol == nl &&
			    !strncmp(o->type, n->type, ol);

		buf_addf(&act, "ALTER COLUMN \"%s\" TYPE %s", n->column,
			 n->type);
		if (!same)
			buf_addf(&act, " USING \"%s\"::%s", n->column, n->type);
	}
	four_way = o->null && !n->null && n->def;
	if (o->null && !n->null && n->def &&
	    (!o->def || strcmp(o->def, n->def) != 0)) {
		set_default = true;
		buf_addf(&act, "%sALTER COLUMN \"%s\" SET DEFAULT %s",
			 act.len ? ", " : "", n->column, n->def);
	}
	if (o->null != n->null && !four_way)
		buf_addf(&act, "%sALTER COLUMN \"%s\" %s NOT NULL",
			 act.len ? ", " : "", n->column,
			 n->null ? "DROP" : "SET");
	if (act.len)
		django_emit(b,
			    django_printf(b, "ALTER TABLE \"%s\" %s", table,
					  buf_str(&act)),
			    src);
	if (four_way) {
		django_emit(b,
			    django_printf(b,
					  "UPDATE \"%s\" SET \"%s\" = %s WHERE "
					  "\"%s\" IS NULL; SET CONSTRAINTS "
					  "ALL IMMEDIATE",
					  table, n->column, n->def, n->column),
			    src);
		django_emit(b,
			    django_printf(b,
					  "ALTER TABLE \"%s\" ALTER COLUMN "
					  "\"%s\" SET NOT NULL",
					  table, n->column),
			    src);
	}
	if ((!o->unique && n->unique) ||
	    (o->primary && !n->primary && n->unique))
		django_emit(b,
			    django_printf(b,
					  "ALTER TABLE \"%s\" ADD CONSTRAINT "
					  "\"%s\" UNIQUE (\"%s\")",
					  table,
					  django_index_name(b, table, cols, 1,
							    "_uniq"),
					  n->column),
			    src);
	if ((!o->db_index || o->unique) && n->db_index && !n->unique)
		django_emit(
			b,
			django_printf(b,
				      "CREATE INDEX \"%s\" ON \"%s\" "
				      "(\"%s\")",
				      django_index_name(b, table, cols, 1, ""),
				      table, n->column),
			src);
	if (n->fk && n->constraint && (fk_dropped || !o->fk || !o->constraint))
		django_emit(b, django_add_fk_sql(b, table, n), src);
	if (check_changes && n->check) {
		n->check_name = django_index_name(b, table, cols, 1, "_check");
		django_emit(b,
			    django_printf(b,
					  "ALTER TABLE \"%s\" ADD CONSTRAINT "
					  "\"%s\" CHECK (\"%s\" >= 0)",
					  table, n->check_name, n->column),
			    src);
	} else if (n->check && !check_changes) {
		n->check_name = o->check_name;
	}
	if (set_default)
		django_emit(b,
			    django_printf(b,
					  "ALTER TABLE \"%s\" ALTER COLUMN "
					  "\"%s\" DROP DEFAULT",
					  table, n->column),
			    src);
	/* postgresql/schema.py: the _like index */
	if ((!(o->db_index || o->unique) && n->db_index) ||
	    (!o->unique && n->unique))
		django_like_index(b, table, n, true, src);
	if (o->unique && !(n->db_index || n->unique) && django_has_like(o))
		django_like_index(b, table, o, false, src);
	if (act.failed)
		b->err = FK_ENOMEM;
	buf_release(&act);
}

static void alter_field(struct django_builder *b, const struct py_node *op)
{
	struct django_model_state *m = op_model(b, op, 0, "model_name");
	const char *name = django_str(b, py_call_arg(op, 1, "name"));
	const struct django_field *was = django_field_get(m, name);
	struct django_field o, n;

	if (!m ||
	    !django_field_read(b, m->key, name, py_call_arg(op, 2, "field"),
			       &n) ||
	    !n.type)
		return;
	if (!was) {
		django_skip(
			b, op,
			"AlterField of a field no migration read adds (no SQL "
			"assumed)");
	} else {
		o = *was;
		alter(b, m->table, &o, &n, op->span);
	}
	if (!django_kw_true(op, "preserve_default", true))
		django_field_forget_default(b, py_call_arg(op, 2, "field"), &n);
	if (!django_field_put(django_state_of(b), m, &n))
		b->err = FK_ENOMEM;
}

static void remove_field(struct django_builder *b, const struct py_node *op)
{
	struct django_model_state *m = op_model(b, op, 0, "model_name");
	const char *name = django_str(b, py_call_arg(op, 1, "name"));
	const struct django_field *f = django_field_get(m, name);

	if (!m || !name)
		return;
	if (!f) {
		django_skip(
			b, op,
			"RemoveField of a field no migration read adds (no SQL "
			"assumed)");
		return;
	}
	if (f->m2m_table) {
		django_emit(b,
			    django_printf(b, "DROP TABLE \"%s\" CASCADE",
					  f->m2m_table),
			    op->span);
		if (django_field_remove(django_state_of(b), m, name) < 0)
			b->err = FK_ENOMEM;
		return;
	}
	if (f->fk && f->constraint)
		django_drop_fks(b, m->table, f->column, op->span);
	django_emit(b,
		    django_printf(b,
				  "ALTER TABLE \"%s\" DROP COLUMN \"%s\" "
				  "CASCADE",
				  m->table, f->column),
		    op->span);
	if (django_field_remove(django_state_of(b), m, name) < 0)
		b->err = FK_ENOMEM;
}

/*
 * The keys that reference column `from` of model `key` reference `to`
 * once it is renamed (PostgreSQL's constraints follow the column; Django
 * renames their to_field): nothing is sent for them.
 */
static void follow_column(struct django_builder *b, const char *key,
			  const char *from, const char *to)
{
	struct django_state *st = django_state_of(b);
	size_t i, k;

	for (i = 0; st && i < st->nall; i++) {
		struct django_model_state *m = st->all[i];

		for (k = 0; !m->gone && k < m->nfields; k++) {
			struct django_field f = m->fields[k];
			const char *old;

			if (!f.fk || !f.to_model || !f.to_column ||
			    strcmp(f.to_model, key) != 0 ||
			    strcmp(f.to_column, from) != 0)
				continue;
			/* field_signature() begins "cls model.column " */
			old = django_printf(b, "%s %s.%s ", f.cls, key, from);
			if (f.sig && old && !strncmp(f.sig, old, strlen(old)))
				f.sig = django_printf(b, "%s %s.%s %s", f.cls,
						      key, to,
						      f.sig + strlen(old));
			f.to_column = to;
			if (!django_field_put(st, m, &f))
				b->err = FK_ENOMEM;
		}
	}
}

/*
 * RenameField: AlterField from the old name to the new, so the column is
 * renamed when it follows the name, and a foreign key is dropped and
 * added again (validating) as for any altered key.
 */
static void rename_field(struct django_builder *b, const struct py_node *op)
{
	struct django_model_state *m = op_model(b, op, 0, "model_name");
	const char *from = django_str(b, py_call_arg(op, 1, "old_name"));
	const char *to = django_str(b, py_call_arg(op, 2, "new_name"));
	const struct django_field *was = django_field_get(m, from);
	struct django_field o, n;

	if (!m || !from || !to)
		return;
	if (!was) {
		django_skip(
			b, op,
			"RenameField of a field no migration read adds (no SQL "
			"assumed)");
		return;
	}
	o = *was;
	n = o;
	n.name = to;
	if (strcmp(o.column, o.fk ? django_printf(b, "%s_id", from) : from) ==
	    0)
		n.column = o.fk ? django_printf(b, "%s_id", to) : to;
	if (n.column && strcmp(n.column, o.column) != 0) {
		alter(b, m->table, &o, &n, op->span);
		follow_column(b, m->key, o.column, n.column);
	}
	if (django_field_remove(django_state_of(b), m, from) < 0)
		b->err = FK_ENOMEM;
	if (!django_field_put(django_state_of(b), m, &n))
		b->err = FK_ENOMEM;
}

/* ---- models ---------------------------------------------------------- */

static void delete_model(struct django_builder *b, const struct py_node *op)
{
	struct django_model_state *m = op_model(b, op, 0, "name");

	if (!m)
		return;
	if (!m->proxy_of) /* a proxy has no table of its own */
		django_emit(
			b,
			django_printf(b, "DROP TABLE \"%s\" CASCADE", m->table),
			op->span);
	if (django_state_keep(django_state_of(b), m->key) < 0)
		b->err = FK_ENOMEM;
	m->gone = true;
}

/*
 * Every foreign key of the project state that points at model `from`:
 * now at `to`; with `alter`, altered as Django's RenameModel alters
 * them (dropped and added again, validating).
 */
static void retarget(struct django_builder *b, const char *from, const char *to,
		     bool alter_them, struct span src)
{
	struct django_state *st = django_state_of(b);
	const char *to_table = django_key_table(b, to);
	size_t i, k;

	for (i = 0; st && to_table && i < st->nall; i++) {
		struct django_model_state *m = st->all[i];

		for (k = 0; !m->gone && k < m->nfields; k++) {
			struct django_field *f = &m->fields[k], n;

			if (!f->fk || !f->to_model ||
			    strcmp(f->to_model, from) != 0)
				continue;
			if (django_state_keep(st, m->key) < 0)
				b->err = FK_ENOMEM;
			n = *f;
			n.to_model = to;
			n.to_table = to_table;
			n.sig = django_printf(b, "%s>%s", f->sig, to);
			if (alter_them)
				alter(b, m->table, f, &n, src);
			if (!django_field_put(st, m, &n))
				b->err = FK_ENOMEM;
		}
	}
}

/* alter_db_table(): the rename, and the name the catalog knows it by. */
static void table_renamed(struct django_builder *b, const char *from,
			  const char *to, struct span src)
{
	const char *was = strmap_get(&b->renamed, from);

	django_emit(b,
		    django_printf(b, "ALTER TABLE \"%s\" RENAME TO \"%s\"",
				  from, to),
		    src);
	deferred_rename(b, NULL, from, to);
	if (!(to = django_printf(b, "%s", to)) ||
	    strmap_put(&b->renamed, to,
		       (void *)(was ? was : django_printf(b, "%s", from))) < 0)
		b->err = FK_ENOMEM;
}

static void rename_model(struct django_builder *b, const struct py_node *op)
{
	struct django_model_state *m = op_model(b, op, 0, "old_name");
	const char *to = django_str(b, py_call_arg(op, 1, "new_name"));
	struct django_state *st = django_state_of(b);
	struct django_model_state *n;
	const char *key, *table, *old_table;
	size_t i;

	if (!m || !to || !st || !(key = django_model_key(b, b->app, to)))
		return;
	old_table = m->table;
	/* a table of Django's default name follows the model's name */
	table = strcmp(old_table, django_printf(b, "%s_%s", b->app,
						strchr(m->key, '\x1f') + 1)) ==
				0
			? django_printf(b, "%s_%s", b->app,
					strchr(key, '\x1f') + 1)
			: old_table;
	if (!table || !(n = django_model_add(st, key, table))) {
		b->err = FK_ENOMEM;
		return;
	}
	if (strcmp(old_table, table) != 0)
		table_renamed(b, old_table, table, op->span);
	for (i = 0; i < m->nfields; i++) {
		if (m->fields[i].m2m_table)
			django_skip(b, op,
				    "RenameModel of a model with a "
				    "many-to-many field (its join table's "
				    "rename)");
		if (!django_field_put(st, n, &m->fields[i]))
			b->err = FK_ENOMEM;
	}
	if (django_together_set(st, n, true, m->unique_together, m->nunique) <
		    0 ||
	    django_together_set(st, n, false, m->index_together, m->nindex) < 0)
		b->err = FK_ENOMEM;
	if (django_state_keep(st, m->key) < 0)
		b->err = FK_ENOMEM;
	m->gone = true;
	retarget(b, m->key, key, true, op->span);
}

static void alter_model_table(struct django_builder *b,
			      const struct py_node *op)
{
	struct django_model_state *m = op_model(b, op, 0, "name");
	const char *table = django_str(b, py_call_arg(op, 1, "table"));

	if (!m || !table)
		return;
	if (strcmp(m->table, table) != 0)
		table_renamed(b, m->table, table, op->span);
	if (django_state_keep(django_state_of(b), m->key) < 0 ||
	    !(m->table = arena_strdup(&django_state_of(b)->arena, table)))
		b->err = FK_ENOMEM;
}

static bool in_sets(const char *const *v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

/* The name of the index or unique constraint on exactly `cols`. */
static const char *composed_name(struct django_builder *b, const char *table,
				 const char *const *cols, size_t n, bool unique)
{
	struct qname q = { NULL, table };
	const struct table_state *t = replay_find_table(b->state, &q);
	const struct index_state *ix;
	size_t i;

	for (ix = t ? t->indexes : NULL; ix; ix = ix->next) {
		bool same = !ix->dropped && !ix->primary && ix->cols &&
			    ix->ncols == n && ix->constraint == unique;

		for (i = 0; same && i < n; i++)
			same = ix->cols[i] && strcmp(ix->cols[i], cols[i]) == 0;
		if (same)
			return ix->name;
	}
	return django_index_name(b, table, cols, n, unique ? "_uniq" : "_idx");
}

/* AlterUniqueTogether / AlterIndexTogether: the sets removed, then added. */
static void alter_together(struct django_builder *b, const struct py_node *op,
			   bool unique)
{
	struct django_model_state *m = op_model(b, op, 0, "name");
	const char *sets[64], *cols[32];
	const char *const *old;
	size_t nold, i, nc;
	int n;

	if (!m)
		return;
	n = together_read(
		b,
		py_call_arg(op, 1,
			    unique ? "unique_together" : "index_together"),
		sets, 64);
	if (n < 0) {
		django_skip(b, op, "a together value that is not a literal");
		return;
	}
	old = unique ? m->unique_together : m->index_together;
	nold = unique ? m->nunique : m->nindex;
	for (i = 0; i < nold; i++) {
		if (in_sets(sets, (size_t)n, old[i]))
			continue;
		set_columns(b, m, old[i], cols, 32, &nc);
		if (unique)
			drop_unique(b, m->table,
				    composed_name(b, m->table, cols, nc, true),
				    op->span);
		else
			drop_index(b, m->table,
				   composed_name(b, m->table, cols, nc, false),
				   op->span);
	}
	for (i = 0; i < (size_t)n; i++) {
		if (in_sets(old, nold, sets[i]))
			continue;
		django_emit(b,
			    unique ? unique_sql(b, m, sets[i])
				   : together_index_sql(b, m, sets[i]),
			    op->span);
	}
	if (django_together_set(django_state_of(b), m, unique, sets,
				(size_t)n) < 0)
		b->err = FK_ENOMEM;
}

/* ---- indexes and constraints ----------------------------------------- */

/*
 * A Q(...) condition as Django compiles it for an index: field__isnull,
 * field=literal and their AND; NULL for anything else.
 */
static const char *condition_sql(struct django_builder *b,
				 const struct django_model_state *m,
				 const struct py_node *q)
{
	struct buf s = BUF_INIT;
	const char *r = NULL;
	size_t i, n;

	if (!q || q->kind != PY_CALL || strcmp(py_node_tail(q), "Q") != 0)
		return NULL;
	n = q->nitems + q->nkw;
	for (i = 0; i < n; i++) {
		const struct py_node *t = i < q->nitems ? q->items[i] : NULL;
		const char *kw = t ? NULL : q->kw[i - q->nitems];
		const struct py_node *v = t ? NULL : q->kwvals[i - q->nitems];
		const char *op, *name, *col, *val = NULL;
		const struct django_field *f;

		if (t && t->kind == PY_TUPLE && t->nitems == 2) {
			kw = django_str(b, t->items[0]);
			v = t->items[1];
		}
		if (!kw || !v)
			goto done;
		op = strstr(kw, "__");
		name = op ? django_printf(b, "%.*s", (int)(op - kw), kw) : kw;
		f = django_field_get(m, name);
		col = f ? f->column : name;
		if (v->kind == PY_CONST)
			val = !strcmp(v->name, "True")	  ? "true"
			      : !strcmp(v->name, "False") ? "false"
							  : NULL;
		else if (v->kind == PY_NUM)
			val = v->name;
		else if (v->kind == PY_STR)
			val = django_quote(b, v->str);
		if (op && !strcmp(op, "__isnull") && v->kind == PY_CONST)
			buf_addf(&s, "%s\"%s\" IS %sNULL", i ? " AND " : "",
				 col, strcmp(v->name, "True") ? "NOT " : "");
		else if (!op && val)
			buf_addf(&s, "%s\"%s\" = %s", i ? " AND " : "", col,
				 val);
		else
			goto done;
	}
	if (n)
		r = n > 1 ? django_printf(b, "(%s)", buf_str(&s))
			  : django_printf(b, "%s", buf_str(&s));
done:
	buf_release(&s);
	return r;
}

/* "col" [DESC] [opclass], … for an index's fields; NULL if not literal. */
static const char *index_columns(struct django_builder *b,
				 const struct django_model_state *m,
				 const struct py_node *fields,
				 const struct py_node *opclasses)
{
	struct buf s = BUF_INIT;
	const char *r = NULL;
	size_t i;

	if (!fields || (fields->kind != PY_LIST && fields->kind != PY_TUPLE) ||
	    !fields->nitems)
		return NULL;
	for (i = 0; i < fields->nitems; i++) {
		const char *name = django_str(b, fields->items[i]), *oc = NULL;
		const struct django_field *f;
		bool desc;

		if (!name)
			goto done;
		desc = name[0] == '-';
		f = django_field_get(m, name + desc);
		if (opclasses &&
		    (opclasses->kind == PY_LIST ||
		     opclasses->kind == PY_TUPLE) &&
		    i < opclasses->nitems)
			oc = django_str(b, opclasses->items[i]);
		buf_addf(&s, "%s\"%s\"%s%s%s", i ? ", " : "",
			 f ? f->column : name + desc, oc ? " " : "",
			 oc ? oc : "", desc ? " DESC" : "");
	}
	r = s.failed ? NULL : django_printf(b, "%s", buf_str(&s));
done:
	buf_release(&s);
	return r;
}

/*
 * An index whose expressions are all OpClass('field', name='ops') (or
 * OpClass(F('field'), …)): "col" ops, … as Django writes them; NULL for
 * any other expression.
 */
static const char *opclass_columns(struct django_builder *b,
				   const struct django_model_state *m,
				   const struct py_node *idx)
{
	struct buf s = BUF_INIT;
	const char *r = NULL;
	size_t i;

	for (i = 0; i < idx->nitems; i++) {
		const struct py_node *e = idx->items[i], *a;
		const char *field, *ops;
		const struct django_field *f;

		if (e->kind != PY_CALL || strcmp(py_node_tail(e), "OpClass") ||
		    !(a = py_call_arg(e, 0, "expression")) ||
		    !(ops = django_str(b, py_call_arg(e, 1, "name"))))
			goto done;
		if (a->kind == PY_CALL && !strcmp(py_node_tail(a), "F"))
			a = py_call_arg(a, 0, "name");
		if (!(field = django_str(b, a)))
			goto done;
		f = django_field_get(m, field);
		buf_addf(&s, "%s\"%s\" %s", i ? ", " : "",
			 f ? f->column : field, ops);
	}
	if (i && !s.failed)
		r = django_printf(b, "%s", buf_str(&s));
done:
	buf_release(&s);
	return r;
}

/* contrib.postgres.indexes: the access method of an index class. */
static const char *index_using(const char *cls)
{
	static const struct {
		const char *cls, *using;
	} methods[] = {
		{ "BloomIndex", " USING bloom" },
		{ "BrinIndex", " USING brin" },
		{ "BTreeIndex", " USING btree" },
		{ "GinIndex", " USING gin" },
		{ "GistIndex", " USING gist" },
		{ "HashIndex", " USING hash" },
		{ "SpGistIndex", " USING spgist" },
	};
	size_t i;

	for (i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
		if (strcmp(methods[i].cls, cls) == 0)
			return methods[i].using;
	return "";
}

/*
 * models.Index(...) or UniqueConstraint(...) with a condition: CREATE
 * [UNIQUE] INDEX [CONCURRENTLY] "name" ON "table" (cols) [INCLUDE (…)]
 * [WHERE …]. NULL (noted) for what is not literal.
 */
static const char *index_sql(struct django_builder *b,
			     const struct django_model_state *m,
			     const struct py_node *idx, bool unique,
			     bool concurrently)
{
	const char *name = django_str(b, py_call_arg(idx, -1, "name"));
	const struct py_node *cond = py_call_arg(idx, -1, "condition");
	const struct py_node *incl = py_call_arg(idx, -1, "include");
	const char *cols = index_columns(b, m, py_call_arg(idx, -1, "fields"),
					 py_call_arg(idx, -1, "opclasses"));
	const char *where = cond ? condition_sql(b, m, cond) : NULL;
	const char *include = NULL;

	if (!name || (!cols && idx->nitems == 0)) {
		django_skip(b, idx,
			    "an index whose name or fields are not "
			    "literals");
		return NULL;
	}
	if (!cols)
		cols = opclass_columns(b, m, idx);
	if (!cols) { /* expressions: an index all the same */
		django_skip(b, idx,
			    "an index on expressions (audited without them)");
		cols = "(expression)";
	}
	if (cond && !where) {
		django_skip(b, cond,
			    "an index condition (audited without its WHERE)");
	}
	if (incl)
		include = index_columns(b, m, incl, NULL);
	return django_printf(
		b, "CREATE %sINDEX %s\"%s\" ON \"%s\"%s (%s)%s%s%s%s",
		unique ? "UNIQUE " : "", concurrently ? "CONCURRENTLY " : "",
		name, m->table, index_using(py_node_tail(idx)), cols,
		include ? " INCLUDE (" : "", include ? include : "",
		include ? ")" : "",
		where ? django_printf(b, " WHERE %s", where) : "");
}

static void add_index(struct django_builder *b, const struct py_node *op,
		      bool concurrently)
{
	struct django_model_state *m = op_model(b, op, 0, "model_name");
	const struct py_node *idx = py_call_arg(op, 1, "index");

	if (!m)
		return;
	if (!idx || idx->kind != PY_CALL) {
		django_skip(b, op, "an index that is not a literal call");
		return;
	}
	django_emit(b, index_sql(b, m, idx, false, concurrently), op->span);
}

static void add_constraint(struct django_builder *b, const struct py_node *op)
{
	struct django_model_state *m = op_model(b, op, 0, "model_name");
	const struct py_node *c = py_call_arg(op, 1, "constraint");
	const char *cls = c && c->kind == PY_CALL ? py_node_tail(c) : "";
	const char *name, *cols;

	if (!m)
		return;
	if (strcmp(cls, "UniqueConstraint") != 0) {
		django_skip(b, op,
			    django_printf(b, "constraint %s (not audited)",
					  *cls ? cls
					       : "that is not a literal call"));
		return;
	}
	if (py_call_arg(c, -1, "condition") || py_call_arg(c, -1, "include") ||
	    c->nitems || py_call_arg(c, -1, "opclasses")) {
		django_emit(b, index_sql(b, m, c, true, false), op->span);
		return;
	}
	name = django_str(b, py_call_arg(c, -1, "name"));
	cols = index_columns(b, m, py_call_arg(c, -1, "fields"), NULL);
	if (!name || !cols) {
		django_skip(b, op, "a UniqueConstraint that is not literal");
		return;
	}
	django_emit(
		b,
		django_printf(b,
			      "ALTER TABLE \"%s\" ADD CONSTRAINT \"%s\" "
			      "UNIQUE (%s)%s",
			      m->table, name, cols,
			      django_str(b, py_call_arg(c, -1, "deferrable"))
				      ? " DEFERRABLE INITIALLY DEFERRED"
				      : ""),
		op->span);
}

static void remove_constraint(struct django_builder *b,
			      const struct py_node *op)
{
	struct django_model_state *m = op_model(b, op, 0, "model_name");
	const char *name = django_str(b, py_call_arg(op, 1, "name"));
	struct qname q = { NULL, name };
	const struct index_state *ix;

	if (!m || !name)
		return;
	/* a condition's unique index is dropped as an index */
	ix = replay_find_index(b->state, &q);
	if (ix && !ix->constraint)
		drop_index(b, m->table, name, op->span);
	else
		drop_unique(b, m->table, name, op->span);
}

/* contrib.postgres ValidateConstraint(model_name, name). */
static void validate_constraint(struct django_builder *b,
				const struct py_node *op)
{
	struct django_model_state *m = op_model(b, op, 0, "model_name");
	const char *name = django_str(b, py_call_arg(op, 1, "name"));

	if (m && name)
		django_emit(b,
			    django_printf(b,
					  "ALTER TABLE \"%s\" VALIDATE "
					  "CONSTRAINT \"%s\"",
					  m->table, name),
			    op->span);
}

/* RenameIndex(model_name, new_name, old_name=…) (4.1+). */
static void rename_index(struct django_builder *b, const struct py_node *op)
{
	const char *to = django_str(b, py_call_arg(op, 1, "new_name"));
	const char *from = django_str(b, py_call_arg(op, 2, "old_name"));

	if (!to || !from) {
		django_skip(b, op,
			    "RenameIndex of old_fields (the index name is "
			    "read from the catalog)");
		return;
	}
	django_emit(b,
		    django_printf(b, "ALTER INDEX \"%s\" RENAME TO \"%s\"",
				  from, to),
		    op->span);
}

/* AlterOrderWithRespectTo: the _order column, added with a default. */
static void order_with_respect_to(struct django_builder *b,
				  const struct py_node *op)
{
	struct django_model_state *m = op_model(b, op, 0, "name");
	const struct py_node *to = py_call_arg(op, 1, "order_with_respect_to");
	struct django_field f = { 0 };

	if (!m || !to)
		return;
	if (to->kind == PY_CONST && !strcmp(to->name, "None")) {
		if (django_field_get(m, "_order")) {
			django_emit(b,
				    django_printf(b,
						  "ALTER TABLE \"%s\" DROP "
						  "COLUMN \"_order\" CASCADE",
						  m->table),
				    op->span);
			if (django_field_remove(django_state_of(b), m,
						"_order") < 0)
				b->err = FK_ENOMEM;
		}
		return;
	}
	if (django_field_get(m, "_order"))
		return;
	f.name = f.column = "_order";
	f.type = "integer";
	f.cls = "OrderWrt";
	f.def = "0";
	f.sig = "OrderWrt";
	django_emit(b, django_add_column_sql(b, m->table, &f), op->span);
	django_emit(b,
		    django_printf(b,
				  "ALTER TABLE \"%s\" ALTER COLUMN "
				  "\"_order\" DROP DEFAULT",
				  m->table),
		    op->span);
	if (!django_field_put(django_state_of(b), m, &f))
		b->err = FK_ENOMEM;
}

/* Django's own operations (django.db.migrations and contrib.postgres). */
static bool is_django_op(const char *name)
{
	static const char *const ops[] = {
		"AlterConstraint",
		"AddConstraintNotValid",
		"RunSQL",
		"SeparateDatabaseAndState",
	};
	size_t i;

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strcmp(ops[i], name) == 0)
			return true;
	return false;
}

/*
 * contrib.postgres's CreateExtension(name) and its named subclasses:
 * CREATE EXTENSION IF NOT EXISTS, which Django sends when the database
 * does not have it yet. False for another operation.
 */
static bool create_extension(struct django_builder *b, const char *opname,
			     const struct py_node *op)
{
	static const struct {
		const char *op, *ext;
	} named[] = {
		{ "BloomExtension", "bloom" },
		{ "BtreeGinExtension", "btree_gin" },
		{ "BtreeGistExtension", "btree_gist" },
		{ "CITextExtension", "citext" },
		{ "CryptoExtension", "pgcrypto" },
		{ "HStoreExtension", "hstore" },
		{ "TrigramExtension", "pg_trgm" },
		{ "UnaccentExtension", "unaccent" },
	};
	const char *ext = NULL;
	size_t i;

	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (strcmp(named[i].op, opname) == 0)
			ext = named[i].ext;
	if (!ext && strcmp(opname, "CreateExtension") != 0)
		return false;
	if (!ext && !(ext = django_str(b, py_call_arg(op, 0, "name")))) {
		django_skip(b, op,
			    "CreateExtension of a name that is not a "
			    "literal");
		return true;
	}
	django_emit(
		b,
		django_printf(b, "CREATE EXTENSION IF NOT EXISTS \"%s\"", ext),
		op->span);
	return true;
}

/* Operations that send no SQL, or none the rules read. */
static bool audits_nothing(const char *name)
{
	static const char *const ops[] = {
		"AlterModelManagers", "AlterModelOptions",
		"RunPython",	      "AlterModelTableComment",
		"CreateCollation",    "RemoveCollation",
	};
	size_t i;

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strcmp(ops[i], name) == 0)
			return true;
	return false;
}

void django_schema_op(struct django_builder *b, const char *name,
		      const struct py_node *op)
{
	const char *s;

	if (!strcmp(name, "AddField")) {
		add_field(b, op);
	} else if (!strcmp(name, "AlterField")) {
		alter_field(b, op);
	} else if (!strcmp(name, "CreateModel")) {
		create_model(b, op);
	} else if (!strcmp(name, "RemoveField")) {
		remove_field(b, op);
	} else if (!strcmp(name, "RenameField")) {
		rename_field(b, op);
	} else if (!strcmp(name, "DeleteModel")) {
		delete_model(b, op);
	} else if (!strcmp(name, "RenameModel")) {
		rename_model(b, op);
	} else if (!strcmp(name, "AlterModelTable")) {
		alter_model_table(b, op);
	} else if (!strcmp(name, "AlterUniqueTogether")) {
		alter_together(b, op, true);
	} else if (!strcmp(name, "AlterIndexTogether")) {
		alter_together(b, op, false);
	} else if (!strcmp(name, "AddIndex") ||
		   !strcmp(name, "AddIndexConcurrently")) {
		add_index(b, op, name[8] == 'C');
	} else if (!strcmp(name, "RemoveIndex") ||
		   !strcmp(name, "RemoveIndexConcurrently")) {
		if ((s = django_str(b, py_call_arg(op, 1, "name"))))
			django_emit(
				b,
				django_printf(
					b, "DROP INDEX %sIF EXISTS \"%s\"",
					name[11] == 'C' ? "CONCURRENTLY " : "",
					s),
				op->span);
	} else if (!strcmp(name, "AddConstraint")) {
		add_constraint(b, op);
	} else if (!strcmp(name, "ValidateConstraint")) {
		validate_constraint(b, op);
	} else if (!strcmp(name, "RenameIndex")) {
		rename_index(b, op);
	} else if (!strcmp(name, "AlterOrderWithRespectTo")) {
		order_with_respect_to(b, op);
	} else if (!strcmp(name, "RemoveConstraint")) {
		remove_constraint(b, op);
	} else if (create_extension(b, name, op)) {
		/* sent */
	} else if (!audits_nothing(name)) {
		django_skip(b, op,
			    django_printf(b, "%s %s",
					  is_django_op(name)
						  ? "operation"
						  : "custom operation",
					  name));
	}
}
