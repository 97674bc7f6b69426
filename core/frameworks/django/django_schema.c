#include "django_build.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "error.h"
#include "framework_text.h"
#include "md5.h"

/*
 * The SQL Django's PostgreSQL schema editor writes for the schema
 * operations that matter to foreign keys (frameworks.md §16 and 16a:
 * django/db/backends/base/schema.py, postgresql/schema.py).
 */

/* A field as its column: what the schema editor needs of it. */
struct field {
	const char *name;
	const char *column;
	const char *type; /* NULL: a type fkaudit does not know */
	bool null, unique, primary, db_index;
	const char *def; /* DEFAULT's SQL, or NULL */
	/* ForeignKey / OneToOneField */
	bool fk, constraint;
	const char *to_table, *to_column;
};

/* Django's column types on PostgreSQL (a field's class → SQL). */
static const struct {
	const char *cls;
	const char *type; /* with max_length: varchar(N) */
	int max_length;	  /* its default; 0: no max_length */
} field_types[] = {
	{ "AutoField", "serial", 0 },
	{ "BigAutoField", "bigserial", 0 },
	{ "BigIntegerField", "bigint", 0 },
	{ "BinaryField", "bytea", 0 },
	{ "BooleanField", "boolean", 0 },
	{ "CharField", "varchar", 255 },
	{ "DateField", "date", 0 },
	{ "DateTimeField", "timestamp with time zone", 0 },
	{ "DecimalField", "numeric", 0 },
	{ "DurationField", "interval", 0 },
	{ "EmailField", "varchar", 254 },
	{ "FileField", "varchar", 100 },
	{ "FloatField", "double precision", 0 },
	{ "GenericIPAddressField", "inet", 0 },
	{ "ImageField", "varchar", 100 },
	{ "IntegerField", "integer", 0 },
	{ "JSONField", "jsonb", 0 },
	{ "NullBooleanField", "boolean", 0 },
	{ "PositiveBigIntegerField", "bigint", 0 },
	{ "PositiveIntegerField", "integer", 0 },
	{ "PositiveSmallIntegerField", "smallint", 0 },
	{ "SlugField", "varchar", 50 },
	{ "SmallAutoField", "smallserial", 0 },
	{ "SmallIntegerField", "smallint", 0 },
	{ "TextField", "text", 0 },
	{ "TimeField", "time", 0 },
	{ "URLField", "varchar", 200 },
	{ "UUIDField", "uuid", 0 },
};

/* The integer type a serial column holds (what a FK to it must be). */
static const char *serial_base(const char *type)
{
	if (!type)
		return NULL;
	if (!strcmp(type, "serial"))
		return "integer";
	if (!strcmp(type, "bigserial"))
		return "bigint";
	if (!strcmp(type, "smallserial"))
		return "smallint";
	return type;
}

static bool kw_true(const struct py_node *call, const char *kw, bool dflt)
{
	const struct py_node *v = py_call_arg(call, -1, kw);

	if (!v || v->kind != PY_CONST)
		return dflt;
	return strcmp(v->name, "True") == 0;
}

static void lower(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

/* ---- names ----------------------------------------------------------- */

/*
 * BaseDatabaseSchemaEditor._create_index_name(): table_columns_<digest>
 * <suffix>, shortened to 63 bytes as Django shortens it.
 */
static const char *index_name(struct django_builder *b, const char *table,
			      const char *const *cols, size_t ncols,
			      const char *suffix)
{
	char digest[33], joined[512], hash_suffix[256], name[1024];
	struct md5 m;
	size_t i, len = 0, other;

	md5_init(&m);
	md5_add(&m, table, strlen(table));
	joined[0] = '\0';
	for (i = 0; i < ncols; i++) {
		md5_add(&m, cols[i], strlen(cols[i]));
		len += (size_t)snprintf(joined + len, sizeof(joined) - len,
					"%s%s", i ? "_" : "", cols[i]);
		if (len >= sizeof(joined))
			len = sizeof(joined) - 1;
	}
	md5_hex(&m, digest);
	snprintf(hash_suffix, sizeof(hash_suffix), "%.8s%s", digest, suffix);
	snprintf(name, sizeof(name), "%s_%s_%s", table, joined, hash_suffix);
	if (strlen(name) <= 63)
		return django_printf(b, "%s", name);
	if (strlen(hash_suffix) > 63 / 3)
		hash_suffix[63 / 3] = '\0';
	other = (63 - strlen(hash_suffix)) / 2 - 1;
	snprintf(name, sizeof(name), "%.*s_%.*s_%s", (int)other, table,
		 (int)other, joined, hash_suffix);
	if (name[0] == '_' || isdigit((unsigned char)name[0])) {
		name[strlen(name) - 1] = '\0';
		return django_printf(b, "D%s", name);
	}
	return django_printf(b, "%s", name);
}

static const char *fk_name(struct django_builder *b, const char *table,
			   const struct field *f)
{
	char suffix[300];
	const char *cols[1] = { f->column };

	snprintf(suffix, sizeof(suffix), "_fk_%s_%s", f->to_table,
		 f->to_column);
	return index_name(b, table, cols, 1, suffix);
}

/* ---- models and tables ----------------------------------------------- */

static const struct django_model *local_model(const struct django_builder *b,
					      const char *table)
{
	size_t i;

	for (i = b->nmodels; i-- > 0;)
		if (strcmp(b->models[i].table, table) == 0)
			return &b->models[i];
	return NULL;
}

/*
 * Django's models as its migrations create them, kept with the schema
 * state: "app\x1fmodel" (lower case) -> the name of its table (db_table,
 * or app_model).
 */
static void *models_make(void)
{
	return calloc(1, sizeof(struct strmap));
}

static void models_free(void *models)
{
	strmap_release(models);
	free(models);
}

/*
 * A map the reader keeps with the schema state under `key`: NULL
 * without a schema state, or when out of memory (b->err set).
 */
static struct strmap *state_map(struct django_builder *b, const void *key)
{
	struct strmap *m;

	if (!b->state)
		return NULL;
	m = replay_reader_state(b->state, key, models_make, models_free);
	if (!m)
		b->err = FK_ENOMEM;
	return m;
}

static struct strmap *models_of(struct django_builder *b)
{
	return state_map(b, &framework_django);
}

/* The table of model `model` of app `app` (db_table, or app_model). */
static const char *model_table(struct django_builder *b, const char *app,
			       const char *model)
{
	struct strmap *models;
	char key[300];
	const char *t;

	snprintf(key, sizeof(key), "%s\x1f%s", app, model);
	lower(key);
	if ((models = models_of(b)) && (t = strmap_get(models, key)))
		return t;
	snprintf(key, sizeof(key), "%s_%s", app, model);
	lower(key);
	return django_printf(b, "%s", key);
}

static void record_model(struct django_builder *b, const char *app,
			 const char *model, const char *table)
{
	struct strmap *models = models_of(b);
	char key[300];
	const char *k, *t;

	if (!models)
		return;
	snprintf(key, sizeof(key), "%s\x1f%s", app, model);
	lower(key);
	k = arena_strdup(&b->state->arena, key);
	t = arena_strdup(&b->state->arena, table);
	if (!k || !t || strmap_put(models, k, (void *)t) < 0)
		b->err = FK_ENOMEM;
}

static const struct table_state *known_table(const struct django_builder *b,
					     const char *table)
{
	struct qname q = { NULL, table };

	return b->state ? replay_find_table(b->state, &q) : NULL;
}

/* The primary key's column and type of `table`, when known. */
static void primary_key(const struct django_builder *b, const char *table,
			const char **col, const char **type)
{
	const struct django_model *m = local_model(b, table);
	const struct table_state *t;
	const struct index_state *pk;
	const struct column_state *c;

	*col = "id";
	*type = "bigint";
	if (m && m->pk_col) {
		*col = m->pk_col;
		*type = m->pk_type ? m->pk_type : *type;
		return;
	}
	if (!(t = known_table(b, table)) || !(pk = table_primary_key(t)) ||
	    pk->ncols != 1 || !pk->cols || !pk->cols[0])
		return;
	*col = pk->cols[0];
	if ((c = table_find_column(t, pk->cols[0])) && c->type)
		*type = c->type;
}

/* The type of `column` of `table` when known, else NULL. */
static const char *column_type(const struct django_builder *b,
			       const char *table, const char *column)
{
	const struct table_state *t = known_table(b, table);
	const struct column_state *c = t ? table_find_column(t, column) : NULL;

	return c ? c->type : NULL;
}

/* The column of field `name` of `table`: its own, or name_id. */
static const char *field_column(struct django_builder *b, const char *table,
				const char *name)
{
	const struct django_model *m = local_model(b, table);
	const struct table_state *t = known_table(b, table);
	char id[300];
	size_t i;

	for (i = 0; m && i < m->ncols; i++)
		if (strcmp(m->names[i], name) == 0)
			return m->cols[i];
	snprintf(id, sizeof(id), "%s_id", name);
	if (t && !table_find_column(t, name) && table_find_column(t, id))
		return django_printf(b, "%s", id);
	return name;
}

/* The referenced model of a relation field: "app.Model", "Model", "self". */
static const char *related_table(struct django_builder *b,
				 const struct py_node *to, const char *self)
{
	const char *s, *dot;
	char app[128];

	if (to && to->kind == PY_NAME &&
	    strcmp(py_node_tail(to), "AUTH_USER_MODEL") == 0)
		return model_table(b, "auth", "user");
	if (!(s = django_str(b, to)))
		return NULL;
	if (strcmp(s, "self") == 0)
		return self;
	if (!(dot = strrchr(s, '.')))
		return model_table(b, b->app, s);
	snprintf(app, sizeof(app), "%.*s", (int)(dot - s), s);
	return model_table(b, app, dot + 1);
}

/* ---- fields ---------------------------------------------------------- */

static const char *default_sql(struct django_builder *b,
			       const struct py_node *v)
{
	const char *s;
	struct buf q = BUF_INIT;

	if (!v)
		return NULL;
	if (v->kind == PY_CONST)
		return !strcmp(v->name, "None")	  ? NULL
		       : !strcmp(v->name, "True") ? "true"
						  : "false";
	if (v->kind == PY_NUM)
		return django_printf(b, "%s", v->name);
	if (!(s = django_str(b, v)))
		return "0"; /* computed in Python: some value */
	buf_addc(&q, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			buf_addc(&q, '\'');
		buf_addc(&q, *s);
	}
	buf_addc(&q, '\'');
	s = q.failed ? NULL : django_printf(b, "%s", buf_str(&q));
	buf_release(&q);
	return s;
}

/*
 * Reads field `name` of `table` from its constructor call. Returns false
 * for what has no column of its own (ManyToManyField, an unknown call).
 */
static bool field_read(struct django_builder *b, const char *table,
		       const char *name, const struct py_node *call,
		       struct field *f)
{
	const char *cls, *s;
	const struct py_node *v;
	size_t i;

	memset(f, 0, sizeof(*f));
	if (!call || call->kind != PY_CALL || !name)
		return false;
	cls = py_node_tail(call);
	f->name = name;
	f->null = kw_true(call, "null", false);
	f->primary = kw_true(call, "primary_key", false);
	f->unique = kw_true(call, "unique", false) || f->primary;
	f->db_index = kw_true(call, "db_index", false);
	f->def = default_sql(b, py_call_arg(call, -1, "default"));
	s = django_str(b, py_call_arg(call, -1, "db_column"));
	f->column = s ? s : name;
	if (!strcmp(cls, "ForeignKey") || !strcmp(cls, "OneToOneField")) {
		const char *pk_col, *pk_type;

		f->fk = true;
		f->constraint = kw_true(call, "db_constraint", true);
		f->db_index = kw_true(call, "db_index", true);
		f->unique |= !strcmp(cls, "OneToOneField");
		if (!s)
			f->column = django_printf(b, "%s_id", name);
		f->to_table =
			related_table(b, py_call_arg(call, 0, "to"), table);
		if (!f->to_table || !f->column)
			return false;
		primary_key(b, f->to_table, &pk_col, &pk_type);
		f->to_column = pk_col;
		f->type = serial_base(pk_type);
		if ((s = django_str(b, py_call_arg(call, -1, "to_field")))) {
			f->to_column = s;
			f->type = serial_base(column_type(b, f->to_table, s));
			if (!f->type)
				f->type = "bigint";
		}
		return true;
	}
	for (i = 0; i < sizeof(field_types) / sizeof(field_types[0]); i++) {
		if (strcmp(cls, field_types[i].cls) != 0)
			continue;
		if (field_types[i].max_length) {
			int n = field_types[i].max_length;

			v = py_call_arg(call, -1, "max_length");
			if (v && v->kind == PY_NUM)
				n = atoi(v->name);
			f->type = django_printf(b, "%s(%d)",
						field_types[i].type, n);
		} else {
			f->type = field_types[i].type;
		}
		return f->column != NULL;
	}
	return false; /* an unknown field: no column fkaudit can describe */
}

static const char *references(struct django_builder *b, const struct field *f)
{
	return django_printf(b,
			     "REFERENCES \"%s\" (\"%s\") DEFERRABLE "
			     "INITIALLY DEFERRED",
			     f->to_table, f->to_column);
}

/* The index Django builds for a field: none for a unique column (NULL). */
static const char *index_sql(struct django_builder *b, const char *table,
			     const struct field *f)
{
	const char *cols[1] = { f->column };

	if (!f->db_index || f->unique)
		return NULL;
	return django_printf(b, "CREATE INDEX \"%s\" ON \"%s\" (\"%s\")",
			     index_name(b, table, cols, 1, ""), table,
			     f->column);
}

/* A foreign key's ADD CONSTRAINT; NULL without one (db_constraint). */
static const char *add_fk_sql(struct django_builder *b, const char *table,
			      const struct field *f)
{
	if (!f->fk || !f->constraint)
		return NULL;
	return django_printf(b,
			     "ALTER TABLE \"%s\" ADD CONSTRAINT \"%s\" "
			     "FOREIGN KEY (\"%s\") %s",
			     table, fk_name(b, table, f), f->column,
			     references(b, f));
}

/*
 * The foreign-key fields as the migrations left them, kept with the
 * schema state: "table\x1fcolumn" -> struct fk_field. What Django's
 * _field_should_be_altered() compares and the database sees: the target,
 * null, unique, db_index, db_constraint, the default. related_name,
 * on_delete, verbose_name and the like are not in it: changing them
 * sends nothing.
 */
struct fk_field {
	const char *what; /* the attributes, as one string */
	bool null, constraint;
};

static const char fk_fields_key = 'f';

static struct strmap *fk_fields_of(struct django_builder *b)
{
	return state_map(b, &fk_fields_key);
}

static const char *fk_what(struct django_builder *b, const struct field *f)
{
	return django_printf(b,
			     "%s.%s null=%d unique=%d index=%d fk=%d "
			     "default=%s",
			     f->to_table ? f->to_table : "?",
			     f->to_column ? f->to_column : "?", f->null,
			     f->unique, f->db_index, f->constraint,
			     f->def ? f->def : "");
}

static const struct fk_field *
fk_field_get(struct django_builder *b, const char *table, const char *column)
{
	struct strmap *m = fk_fields_of(b);
	char key[300];

	snprintf(key, sizeof(key), "%s\x1f%s", table, column);
	return m ? strmap_get(m, key) : NULL;
}

/* Notes what a ForeignKey field of `table` is now. */
static void fk_field_put(struct django_builder *b, const char *table,
			 const struct field *f)
{
	struct strmap *m = f->fk ? fk_fields_of(b) : NULL;
	struct fk_field *v;
	const char *what = m ? fk_what(b, f) : NULL;
	char key[300];
	const char *k;

	if (!m || !what)
		return;
	snprintf(key, sizeof(key), "%s\x1f%s", table, f->column);
	v = arena_alloc(&b->state->arena, sizeof(*v));
	k = strmap_get(m, key) ? NULL : arena_strdup(&b->state->arena, key);
	if (!v || !(v->what = arena_strdup(&b->state->arena, what)) ||
	    (!k && !strmap_get(m, key))) {
		b->err = FK_ENOMEM;
		return;
	}
	v->null = f->null;
	v->constraint = f->constraint;
	if (strmap_put(m, k ? k : key, v) < 0)
		b->err = FK_ENOMEM;
}

/* ---- operations ------------------------------------------------------ */

static const char *op_model(struct django_builder *b, const struct py_node *op,
			    int pos, const char *kw)
{
	const char *model = django_str(b, py_call_arg(op, pos, kw));

	return model ? model_table(b, b->app, model) : NULL;
}

static void add_field(struct django_builder *b, const struct py_node *op)
{
	const char *table = op_model(b, op, 0, "model_name");
	const char *name = django_str(b, py_call_arg(op, 1, "name"));
	struct field f;
	const char *sql;

	if (!table ||
	    !field_read(b, table, name, py_call_arg(op, 2, "field"), &f) ||
	    !f.type)
		return;
	sql = django_printf(
		b, "ALTER TABLE \"%s\" ADD COLUMN \"%s\" %s%s%s %s%s", table,
		f.column, f.type, f.def ? " DEFAULT " : "", f.def ? f.def : "",
		f.null ? "NULL" : "NOT NULL", f.unique ? " UNIQUE" : "");
	if (f.fk && f.constraint) {
		const char *name_fk = fk_name(b, table, &f);

		sql = django_printf(b,
				    "%s CONSTRAINT \"%s\" %s; SET CONSTRAINTS "
				    "\"%s\" IMMEDIATE",
				    sql, name_fk, references(b, &f), name_fk);
	}
	django_emit(b, sql, op->span);
	fk_field_put(b, table, &f);
	if (f.def)
		django_emit(b,
			    django_printf(b,
					  "ALTER TABLE \"%s\" ALTER COLUMN "
					  "\"%s\" DROP DEFAULT",
					  table, f.column),
			    op->span);
	django_defer(b, index_sql(b, table, &f), op->span);
}

/* Whether a live foreign key is on column `col` of `table`. */
static bool column_has_fk(const struct django_builder *b, const char *table,
			  const char *col)
{
	struct qname q = { NULL, table };
	const struct fk_state *fk = NULL;

	while (b->state &&
	       (fk = replay_next_fk_of_column(b->state, &q, col, fk)))
		if (!fk->dropped && strcmp(fk->table, table) == 0)
			return true;
	return false;
}

/*
 * AlterField of a column that is a foreign key already. When what the
 * database sees changes (fk_field), Django 4.2 and 5.2 (_alter_field)
 * drop the constraint, alter the column, and add the constraint again,
 * validating it (DEFERRABLE INITIALLY DEFERRED does not defer that
 * check); else nothing is sent. Unknown before (a key no AddField or
 * CreateModel made): nothing is assumed.
 */
static void alter_fk_field(struct django_builder *b, const struct py_node *op,
			   const char *table, const struct field *f)
{
	const struct fk_field *was = fk_field_get(b, table, f->column);
	const char *now = fk_what(b, f);
	struct qname q = { NULL, table };
	const struct fk_state *fk = NULL;

	if (!was || !now || strcmp(was->what, now) == 0)
		goto done;
	while (was->constraint &&
	       (fk = replay_next_fk_of_column(b->state, &q, f->column, fk)))
		if (!fk->dropped)
			django_emit(b,
				    django_printf(b,
						  "SET CONSTRAINTS \"%s\" "
						  "IMMEDIATE; ALTER TABLE "
						  "\"%s\" DROP CONSTRAINT "
						  "\"%s\"",
						  fk->name, table, fk->name),
				    op->span);
	if (was->null != f->null)
		django_emit(b,
			    django_printf(b,
					  "ALTER TABLE \"%s\" ALTER COLUMN "
					  "\"%s\" %s NOT NULL",
					  table, f->column,
					  f->null ? "DROP" : "SET"),
			    op->span);
	django_emit(b, add_fk_sql(b, table, f), op->span);
done:
	fk_field_put(b, table, f);
}

/*
 * AlterField to a ForeignKey: what Django sends depends on the old field,
 * which only the replayed schema tells: nothing when the column is a
 * foreign key already; else rename, type, index and constraint.
 */
static void alter_field(struct django_builder *b, const struct py_node *op)
{
	const char *table = op_model(b, op, 0, "model_name");
	const char *name = django_str(b, py_call_arg(op, 1, "name"));
	const struct table_state *t;
	const struct column_state *old;
	struct field f;

	if (!table || !b->state ||
	    !field_read(b, table, name, py_call_arg(op, 2, "field"), &f) ||
	    !f.fk || !f.type)
		return;
	if (!(t = known_table(b, table))) {
		django_skip(b, op,
			    "AlterField of a table no migration creates "
			    "(no SQL assumed)");
		return;
	}
	old = table_find_column(t, f.column);
	if (!old && (old = table_find_column(t, name)))
		django_emit(b,
			    django_printf(b,
					  "ALTER TABLE \"%s\" RENAME COLUMN "
					  "\"%s\" TO \"%s\"",
					  table, name, f.column),
			    op->span);
	if (!old) {
		django_skip(b, op,
			    "AlterField of a column no migration "
			    "creates (no SQL assumed)");
		return;
	}
	if (column_has_fk(b, table, f.column) ||
	    column_has_fk(b, table, name)) {
		alter_fk_field(b, op, table, &f);
		return;
	}
	if (old->type && strcmp(serial_base(old->type), f.type) != 0)
		django_emit(b,
			    django_printf(b,
					  "ALTER TABLE \"%s\" ALTER COLUMN "
					  "\"%s\" TYPE %s USING \"%s\"::%s",
					  table, f.column, f.type, f.column,
					  f.type),
			    op->span);
	django_emit(b, index_sql(b, table, &f), op->span);
	django_emit(b, add_fk_sql(b, table, &f), op->span);
	fk_field_put(b, table, &f);
}

/* CreateModel's options={'db_table': '…'}: read from the source text. */
static const char *db_table_option(struct django_builder *b,
				   const struct py_node *options)
{
	const char *p, *end, *q;
	char quote;

	if (!options)
		return NULL;
	p = b->src + options->span.start;
	end = b->src + options->span.end;
	while (p < end && (p = text_find(p, end, "db_table"))) {
		p += 8;
		if (p < end && (*p == '\'' || *p == '"'))
			p++;
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\n'))
			p++;
		if (p >= end || *p != ':')
			continue;
		for (p++; p < end && (*p == ' ' || *p == '\t' || *p == '\n');
		     p++)
			;
		if (p >= end || (*p != '\'' && *p != '"'))
			return NULL;
		quote = *p++;
		for (q = p; q < end && *q != quote && *q != '\\' && *q != '\n';
		     q++)
			;
		if (q < end && *q == quote && q > p)
			return django_printf(b, "%.*s", (int)(q - p), p);
		return NULL;
	}
	return NULL;
}

static void create_model(struct django_builder *b, const struct py_node *op)
{
	const char *model = django_str(b, py_call_arg(op, 0, "name"));
	const struct py_node *fields = py_call_arg(op, 1, "fields");
	const char *table, *dbt;
	struct django_model *m;
	struct buf cols = BUF_INIT;
	struct field *fs = NULL;
	size_t i, n = 0;

	if (!model)
		return;
	dbt = db_table_option(b, py_call_arg(op, -1, "options"));
	table = dbt ? dbt : model_table(b, b->app, model);
	if (!table)
		return;
	if (array_grow((void **)&b->models, &b->models_cap, b->nmodels,
		       sizeof(*b->models)) < 0) {
		b->err = FK_ENOMEM;
		return;
	}
	m = &b->models[b->nmodels++];
	memset(m, 0, sizeof(*m));
	m->table = table;
	record_model(b, b->app, model, table);
	fields = fields ? (fields->kind == PY_NAME ? NULL : fields) : NULL;
	if (fields && (fields->kind == PY_LIST || fields->kind == PY_TUPLE) &&
	    fields->nitems) {
		fs = calloc(fields->nitems, sizeof(*fs));
		m->names = arena_alloc(&b->arena,
				       fields->nitems * sizeof(*m->names));
		m->cols = arena_alloc(&b->arena,
				      fields->nitems * sizeof(*m->cols));
		if (!fs || !m->names || !m->cols) {
			b->err = FK_ENOMEM;
			goto done;
		}
	}
	for (i = 0; fs && i < fields->nitems; i++) {
		const struct py_node *it = fields->items[i];
		struct field *f = &fs[n];

		if (!it || it->kind != PY_TUPLE || it->nitems != 2 ||
		    !field_read(b, table, django_str(b, it->items[0]),
				it->items[1], f) ||
		    !f->type)
			continue;
		m->names[m->ncols] = f->name;
		m->cols[m->ncols++] = f->column;
		if (f->primary) {
			m->pk_col = f->column;
			m->pk_type = serial_base(f->type);
		}
		buf_addf(&cols, "%s\"%s\" %s %s%s", n ? ", " : "", f->column,
			 f->type, f->null ? "NULL" : "NOT NULL",
			 f->primary  ? " PRIMARY KEY"
			 : f->unique ? " UNIQUE"
				     : "");
		n++;
	}
	if (cols.failed) {
		b->err = FK_ENOMEM;
		goto done;
	}
	django_emit(b,
		    django_printf(b, "CREATE TABLE \"%s\" (%s)", table,
				  cols.len ? buf_str(&cols) : ""),
		    op->span);
	for (i = 0; i < n; i++) {
		django_defer(b, add_fk_sql(b, table, &fs[i]), op->span);
		fk_field_put(b, table, &fs[i]);
	}
	for (i = 0; i < n; i++)
		django_defer(b, index_sql(b, table, &fs[i]), op->span);
done:
	free(fs);
	buf_release(&cols);
}

static void remove_field(struct django_builder *b, const struct py_node *op)
{
	const char *table = op_model(b, op, 0, "model_name");
	const char *name = django_str(b, py_call_arg(op, 1, "name"));
	const struct table_state *t;
	const char *col;

	if (!table || !name || !(t = known_table(b, table)))
		return;
	col = field_column(b, table, name);
	if (col && table_find_column(t, col))
		django_emit(b,
			    django_printf(b,
					  "ALTER TABLE \"%s\" DROP COLUMN "
					  "\"%s\" CASCADE",
					  table, col),
			    op->span);
}

/* AddIndex / AddIndexConcurrently: index=models.Index(fields=…, name=…). */
static void add_index(struct django_builder *b, const struct py_node *op,
		      bool concurrently)
{
	const char *table = op_model(b, op, 0, "model_name");
	const struct py_node *idx = py_call_arg(op, 1, "index"), *fields;
	const char *name;
	struct buf cols = BUF_INIT;
	size_t i;

	if (!table || !idx || idx->kind != PY_CALL ||
	    !(name = django_str(b, py_call_arg(idx, -1, "name"))) ||
	    !(fields = py_call_arg(idx, -1, "fields")) ||
	    (fields->kind != PY_LIST && fields->kind != PY_TUPLE) ||
	    py_call_arg(idx, -1, "condition"))
		return;
	for (i = 0; i < fields->nitems; i++) {
		const char *fname = django_str(b, fields->items[i]);
		bool desc = fname && fname[0] == '-';

		if (!fname)
			goto done;
		buf_addf(&cols, "%s\"%s\"%s", i ? ", " : "",
			 field_column(b, table, fname + desc),
			 desc ? " DESC" : "");
	}
	if (cols.failed)
		b->err = FK_ENOMEM;
	else if (cols.len)
		django_emit(
			b,
			django_printf(b, "CREATE INDEX %s\"%s\" ON \"%s\" (%s)",
				      concurrently ? "CONCURRENTLY " : "", name,
				      table, buf_str(&cols)),
			op->span);
done:
	buf_release(&cols);
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
	} else if (!strcmp(name, "DeleteModel")) {
		if ((s = op_model(b, op, 0, "name")))
			django_emit(b,
				    django_printf(
					    b, "DROP TABLE \"%s\" CASCADE", s),
				    op->span);
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
	} else if (!strcmp(name, "AlterModelTable")) {
		const char *old = op_model(b, op, 0, "name");
		const char *model = django_str(b, py_call_arg(op, 0, "name"));

		s = django_str(b, py_call_arg(op, 1, "table"));
		if (old && s && model) {
			django_emit(b,
				    django_printf(b,
						  "ALTER TABLE \"%s\" "
						  "RENAME TO \"%s\"",
						  old, s),
				    op->span);
			record_model(b, b->app, model, s);
		}
	}
}
