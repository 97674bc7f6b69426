#include "django_build.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "md5.h"

/*
 * What Django's PostgreSQL schema editor writes for a field: its column
 * type, its definition, its indexes, its foreign key, and the names it
 * gives them (django/db/backends/base/schema.py, postgresql/schema.py
 * and postgresql/base.py of 4.2 and 5.2; frameworks.md §16 and 16a).
 */

/*
 * Django's column types on PostgreSQL (a field's class → SQL). Since
 * Django 4.1 the auto fields are identity columns (data_types and
 * data_types_suffix of postgresql/base.py); 3.2 wrote serial.
 */
static const struct {
	const char *cls;
	const char *type; /* with max_length: varchar(N) */
	int max_length;	  /* its default; 0: no max_length; -1: none */
	bool check;	  /* CHECK ("col" >= 0) */
} field_types[] = {
	{ "AutoField", "integer", 0, false },
	{ "BigAutoField", "bigint", 0, false },
	{ "BigIntegerField", "bigint", 0, false },
	{ "BinaryField", "bytea", 0, false },
	{ "CICharField", "citext", 0, false },
	{ "CIEmailField", "citext", 0, false },
	{ "CITextField", "citext", 0, false },
	{ "BooleanField", "boolean", 0, false },
	{ "CharField", "varchar", -1, false }, /* 4.2: max_length optional */
	{ "DateField", "date", 0, false },
	{ "DateTimeField", "timestamp with time zone", 0, false },
	{ "DecimalField", "numeric", 0, false },
	{ "DurationField", "interval", 0, false },
	{ "EmailField", "varchar", 254, false },
	{ "FileField", "varchar", 100, false },
	{ "FilePathField", "varchar", 100, false },
	{ "FloatField", "double precision", 0, false },
	{ "GenericIPAddressField", "inet", 0, false },
	{ "HStoreField", "hstore", 0, false },
	{ "IPAddressField", "inet", 0, false },
	{ "ImageField", "varchar", 100, false },
	{ "IntegerField", "integer", 0, false },
	{ "JSONField", "jsonb", 0, false },
	{ "NullBooleanField", "boolean", 0, false },
	{ "PositiveBigIntegerField", "bigint", 0, true },
	{ "PositiveIntegerField", "integer", 0, true },
	{ "PositiveSmallIntegerField", "smallint", 0, true },
	{ "SlugField", "varchar", 50, false },
	{ "SmallAutoField", "smallint", 0, false },
	{ "SmallIntegerField", "smallint", 0, false },
	{ "TextField", "text", 0, false },
	{ "TimeField", "time", 0, false },
	{ "URLField", "varchar", 200, false },
	{ "UUIDField", "uuid", 0, false },
};

/*
 * Models of django.contrib that no migration of the project creates:
 * their tables and primary keys (AutoField: integer).
 */
static const struct {
	const char *key, *table;
} contrib_models[] = {
	{ "admin\x1flogentry", "django_admin_log" },
	{ "auth\x1fgroup", "auth_group" },
	{ "auth\x1fpermission", "auth_permission" },
	{ "auth\x1fuser", "auth_user" },
	{ "contenttypes\x1f"
	  "contenttype",
	  "django_content_type" },
	{ "sites\x1fsite", "django_site" },
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

bool django_kw_true(const struct py_node *call, const char *kw, bool dflt)
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

const char *django_index_name(struct django_builder *b, const char *table,
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
			   const struct django_field *f)
{
	char suffix[300];
	const char *cols[1] = { f->column };

	snprintf(suffix, sizeof(suffix), "_fk_%s_%s", f->to_table,
		 f->to_column);
	return django_index_name(b, table, cols, 1, suffix);
}

/* ---- models ---------------------------------------------------------- */

struct django_state *django_state_of(struct django_builder *b)
{
	if (!b->dstate)
		b->err = FK_ENOMEM;
	return b->dstate;
}

const char *django_model_key(struct django_builder *b, const char *app,
			     const char *model)
{
	char key[300];

	snprintf(key, sizeof(key), "%s\x1f%s", app, model);
	lower(key);
	return django_printf(b, "%s", key);
}

struct django_model_state *django_model(struct django_builder *b,
					const char *key)
{
	return key ? django_model_get(django_state_of(b), key) : NULL;
}

const char *django_key_table(struct django_builder *b, const char *key)
{
	const struct django_model_state *m = django_model(b, key);
	const char *sep;
	size_t i;

	if (!key)
		return NULL;
	if (m)
		return m->table;
	for (i = 0; i < sizeof(contrib_models) / sizeof(contrib_models[0]); i++)
		if (strcmp(contrib_models[i].key, key) == 0)
			return contrib_models[i].table;
	sep = strchr(key, '\x1f');
	return sep ? django_printf(b, "%.*s_%s", (int)(sep - key), key, sep + 1)
		   : NULL;
}

/* The model a relation's `to` names: "app.Model", "Model", "self". */
const char *django_related_key(struct django_builder *b,
			       const struct py_node *to, const char *self)
{
	const char *s, *dot;
	char app[128];

	if (to && to->kind == PY_NAME &&
	    strcmp(py_node_tail(to), "AUTH_USER_MODEL") == 0)
		return django_model_key(b, django_settings_of(b)->user_app,
					django_settings_of(b)->user_model);
	if (!(s = django_str(b, to)))
		return NULL;
	if (strcmp(s, "self") == 0)
		return self;
	if (!(dot = strrchr(s, '.')))
		return django_model_key(b, b->app, s);
	snprintf(app, sizeof(app), "%.*s", (int)(dot - s), s);
	return django_model_key(b, app, dot + 1);
}

static const struct table_state *known_table(const struct django_builder *b,
					     const char *table)
{
	struct qname q = { NULL, table };

	return b->state ? replay_find_table(b->state, &q) : NULL;
}

/*
 * The column and type a foreign key to model `key` (its field `to_field`,
 * NULL: its primary key) gets: from the project state, else the replayed
 * table, else Django's default ("id", bigint; integer for the models of
 * django.contrib).
 */
static void target_of(struct django_builder *b, const char *key,
		      const char *to_field, const char **col, const char **type)
{
	const struct django_model_state *m = django_model(b, key);
	const struct django_field *f;
	int hops;

	for (hops = 0; m && m->proxy_of && hops < 8; hops++) {
		key = m->proxy_of; /* a proxy: its concrete model's key */
		m = django_model(b, key);
	}
	f = to_field ? django_field_get(m, to_field) : django_model_pk(m);
	const char *table = django_key_table(b, key);
	const struct table_state *t = table ? known_table(b, table) : NULL;
	const struct index_state *pk;
	const struct column_state *c;
	size_t i;

	*col = to_field ? to_field : "id";
	*type = "bigint";
	for (i = 0; i < sizeof(contrib_models) / sizeof(contrib_models[0]); i++)
		if (key && strcmp(contrib_models[i].key, key) == 0)
			*type = "integer";
	if (f) {
		*col = f->column;
		*type = f->type ? f->type : *type;
		return;
	}
	if (!t)
		return;
	if (!to_field && (pk = table_primary_key(t)) && pk->ncols == 1 &&
	    pk->cols && pk->cols[0])
		*col = pk->cols[0];
	if ((c = table_find_column(t, *col)) && c->type)
		*type = serial_base(c->type);
}

void django_fk_to(struct django_builder *b, const char *model_key,
		  const char *name, const char *to_key, struct django_field *f)
{
	memset(f, 0, sizeof(*f));
	f->name = name;
	f->cls = "ForeignKey";
	f->fk = f->constraint = f->db_index = true;
	f->column = django_printf(b, "%s_id", name);
	f->to_model = to_key;
	f->to_table = django_key_table(b, to_key);
	target_of(b, to_key, NULL, &f->to_column, &f->type);
	f->type = serial_base(f->type);
	f->sig = django_printf(b, "ForeignKey %s", to_key);
	(void)model_key;
}

void django_auto_pk(struct django_builder *b, struct django_field *f)
{
	const char *cls = django_settings_of(b)->auto_field;

	memset(f, 0, sizeof(*f));
	f->name = f->column = "id";
	f->primary = f->unique = f->identity = true;
	if (!*cls) /* Django's own default, or the template's */
		cls = django_settings_of(b)->read ? "AutoField"
						  : "BigAutoField";
	f->cls = cls;
	f->type = !strcmp(cls, "SmallAutoField") ? "smallint"
		  : !strcmp(cls, "AutoField")	 ? "integer"
						 : "bigint";
	f->sig = cls;
}

/*
 * truncate_name(): a name longer than 63 bytes keeps 59 and the first
 * 4 hex digits of its MD5.
 */
const char *django_truncate_name(struct django_builder *b, const char *name)
{
	char digest[33];
	struct md5 m;

	if (strlen(name) <= 63)
		return name;
	md5_init(&m);
	md5_add(&m, name, strlen(name));
	md5_hex(&m, digest);
	return django_printf(b, "%.59s%.4s", name, digest);
}

/*
 * Whether the target of a key is known: a model of the project state, a
 * model of django.contrib, or a table of the replayed schema.
 */
static bool target_known(struct django_builder *b, const char *key)
{
	const char *table = django_key_table(b, key);
	size_t i;

	if (django_model(b, key))
		return true;
	for (i = 0; i < sizeof(contrib_models) / sizeof(contrib_models[0]); i++)
		if (strcmp(contrib_models[i].key, key) == 0)
			return true;
	return table && known_table(b, table);
}

/* ---- fields ---------------------------------------------------------- */

const char *django_quote(struct django_builder *b, const char *s)
{
	struct buf q = BUF_INIT;
	const char *r;

	buf_addc(&q, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			buf_addc(&q, '\'');
		buf_addc(&q, *s);
	}
	buf_addc(&q, '\'');
	r = q.failed ? NULL : django_printf(b, "%s", buf_str(&q));
	if (q.failed)
		b->err = FK_ENOMEM;
	buf_release(&q);
	return r;
}

/* default_sql()'s answer for a value computed in Python. */
static const char computed_default[] = "?";

static const char *default_sql(struct django_builder *b,
			       const struct py_node *v)
{
	const char *s;

	if (!v)
		return NULL;
	if (v->kind == PY_CONST)
		return !strcmp(v->name, "None")	  ? NULL
		       : !strcmp(v->name, "True") ? "true"
						  : "false";
	if (v->kind == PY_NUM)
		return django_printf(b, "%s", v->name);
	if (!(s = django_str(b, v)))
		return computed_default; /* computed in Python */
	return django_quote(b, s);
}

/*
 * A default computed in Python (uuid.uuid4, dict, timezone.now, a
 * function): some value of the column's type, as Django sends the
 * value it computed. NULL when the type is not known.
 */
static const char *typed_default(const char *type, const struct py_node *v)
{
	const char *name = v ? py_node_tail(v) : "";

	if (!type)
		return NULL;
	if (!strcmp(type, "uuid"))
		return "'00000000-0000-0000-0000-000000000000'::uuid";
	if (!strcmp(type, "jsonb"))
		return !strcmp(name, "list") ? "'[]'" : "'{}'";
	if (!strcmp(type, "hstore"))
		return "''::hstore";
	if (!strcmp(type, "boolean"))
		return "false";
	if (!strcmp(type, "bytea"))
		return "'\\x'::bytea";
	if (!strncmp(type, "timestamp", 9))
		return "'2000-01-01T00:00:00+00:00'::timestamptz";
	if (!strcmp(type, "date"))
		return "'2000-01-01'::date";
	if (!strcmp(type, "time"))
		return "'00:00:00'::time";
	if (!strcmp(type, "interval"))
		return "'0'::interval";
	if (!strncmp(type, "varchar", 7) || !strcmp(type, "text") ||
	    !strcmp(type, "citext"))
		return "''";
	if (strchr(type, '['))
		return "'{}'";
	if (!strcmp(type, "inet"))
		return "'0.0.0.0'::inet";
	return "0";
}

/*
 * A default computed in Python gets a value of the column's type; an
 * auto_now or auto_now_add date has the time as its default
 * (_effective_default()).
 */
static void resolve_default(struct django_builder *b,
			    const struct py_node *call, struct django_field *f)
{
	/* a number for a UUID column is UUID(int=n), as Django saves it */
	if (f->def && f->type && !strcmp(f->type, "uuid") && *f->def &&
	    strspn(f->def, "0123456789") == strlen(f->def) &&
	    strlen(f->def) < 19) {
		unsigned long long n = strtoull(f->def, NULL, 10);

		f->def = django_printf(b,
				       "'00000000-0000-0000-%04llx-%012llx'::"
				       "uuid",
				       (n >> 48) & 0xffff,
				       n & 0xffffffffffffULL);
	}
	if (f->def == computed_default)
		f->def = typed_default(f->type,
				       py_call_arg(call, -1, "default"));
	if (!f->def && f->type &&
	    (django_kw_true(call, "auto_now", false) ||
	     django_kw_true(call, "auto_now_add", false)))
		f->def = typed_default(f->type, NULL);
}

/*
 * The Django field class `cls` is, or whose name it ends in (a library's
 * EncryptedTextField, I18nCharField): the longest such; NULL for none.
 */
static const char *known_class(const char *cls)
{
	size_t n = strlen(cls), i, best = 0;
	const char *found = NULL;

	for (i = 0; i < sizeof(field_types) / sizeof(field_types[0]); i++) {
		size_t k = strlen(field_types[i].cls);

		if (k <= n && k > best &&
		    strcmp(cls + n - k, field_types[i].cls) == 0) {
			found = field_types[i].cls;
			best = k;
		}
	}
	return found;
}

/*
 * Whether a field class is a foreign key: ForeignKey, OneToOneField, a
 * class whose name ends in ForeignKey (mptt's TreeForeignKey), ParentalKey
 * (modelcluster), or one the configuration names.
 */
static bool is_fk_class(const struct django_builder *b, const char *cls,
			bool *one_to_one)
{
	size_t n = strlen(cls), i;

	*one_to_one = strcmp(cls, "OneToOneField") == 0;
	if (*one_to_one || strcmp(cls, "ParentalKey") == 0 ||
	    (n >= 10 && strcmp(cls + n - 10, "ForeignKey") == 0))
		return true;
	for (i = 0; i < b->nfk_classes; i++)
		if (strcmp(b->fk_classes[i], cls) == 0)
			return true;
	return false;
}

/* Whether Django gives a column of this type a second _like index. */
static const char *like_opclass(const char *type)
{
	if (!type || strchr(type, '['))
		return NULL;
	if (!strncmp(type, "varchar", 7))
		return "varchar_pattern_ops";
	if (!strncmp(type, "text", 4))
		return "text_pattern_ops";
	return NULL;
}

/*
 * Django's non-database attributes (BaseDatabaseSchemaEditor.
 * _field_should_be_altered: changing them sends nothing).
 */
static bool non_db_attr(const char *kw)
{
	static const char *const attrs[] = {
		"blank",
		"choices",
		"db_column",
		"db_comment",
		"editable",
		"error_messages",
		"help_text",
		"limit_choices_to",
		"on_delete",
		"related_name",
		"related_query_name",
		"validators",
		"verbose_name",
		"to",
		"to_field",
		"db_constraint",
	};
	size_t i;

	for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++)
		if (strcmp(attrs[i], kw) == 0)
			return true;
	return false;
}

/*
 * What _field_should_be_altered() compares: the class, the target, and
 * every other keyword as written.
 */
static const char *field_signature(struct django_builder *b,
				   const struct py_node *call,
				   const struct django_field *f,
				   bool no_default)
{
	struct buf s = BUF_INIT;
	const char *r;
	size_t i;

	buf_addf(&s, "%s %s.%s fk=%d", f->cls, f->to_model ? f->to_model : "",
		 f->to_column ? f->to_column : "", f->constraint);
	for (i = 0; i < call->nkw; i++) {
		const struct py_node *v = call->kwvals[i];

		if (non_db_attr(call->kw[i]) ||
		    (no_default && !strcmp(call->kw[i], "default")))
			continue;
		buf_addf(&s, " %s=", call->kw[i]);
		if (v && v->kind == PY_STR)
			buf_addf(&s, "'%s'", v->str);
		else if (v)
			buf_add(&s, b->src + v->span.start,
				v->span.end - v->span.start);
	}
	r = s.failed ? NULL : django_printf(b, "%s", buf_str(&s));
	if (s.failed)
		b->err = FK_ENOMEM;
	buf_release(&s);
	return r;
}

bool django_field_read(struct django_builder *b, const char *model_key,
		       const char *name, const struct py_node *call,
		       struct django_field *f)
{
	const char *cls, *s, *base;
	const struct py_node *v;
	bool one_to_one;
	size_t i;

	memset(f, 0, sizeof(*f));
	if (!call || call->kind != PY_CALL || !name)
		return false;
	cls = py_node_tail(call);
	f->cls = cls;
	f->name = name;
	f->null = django_kw_true(call, "null", false);
	f->primary = django_kw_true(call, "primary_key", false);
	f->unique = django_kw_true(call, "unique", false) || f->primary;
	f->db_index =
		django_kw_true(call, "db_index", strcmp(cls, "SlugField") == 0);
	f->def = default_sql(b, py_call_arg(call, -1, "default"));
	if ((v = py_call_arg(call, -1, "db_default")))
		django_skip(b, v,
			    "db_default (Django 5.0: the column's own DEFAULT "
			    "is left out)");
	s = django_str(b, py_call_arg(call, -1, "db_column"));
	f->column = s ? s : name;
	if (is_fk_class(b, cls, &one_to_one)) {
		const char *to_field;

		f->fk = true;
		f->constraint = django_kw_true(call, "db_constraint", true);
		f->db_index = django_kw_true(call, "db_index", true);
		f->unique |= one_to_one;
		if (!s)
			f->column = django_printf(b, "%s_id", name);
		f->to_model = django_related_key(b, py_call_arg(call, 0, "to"),
						 model_key);
		if (!f->to_model) {
			django_skip(b, call,
				    "a foreign key whose target is computed");
			return false;
		}
		f->to_table = django_key_table(b, f->to_model);
		to_field = django_str(b, py_call_arg(call, -1, "to_field"));
		target_of(b, f->to_model, to_field, &f->to_column, &f->type);
		f->type = serial_base(f->type);
		if (!target_known(b, f->to_model))
			django_skip(
				b, py_call_arg(call, 0, "to"),
				django_printf(b,
					      "a foreign key to %s, which no "
					      "migration read creates (its key "
					      "taken as %s \"%s\")",
					      f->to_table, f->type,
					      f->to_column));
		resolve_default(b, call, f);
		f->sig = field_signature(b, call, f, false);
		return f->column && f->to_table;
	}
	base = known_class(cls);
	if (base && strcmp(base, cls) != 0)
		django_skip(b, call,
			    django_printf(b,
					  "field class %s (audited as the %s "
					  "its name ends in)",
					  cls, base));
	for (i = 0; base && i < sizeof(field_types) / sizeof(field_types[0]);
	     i++) {
		if (strcmp(base, field_types[i].cls) != 0)
			continue;
		if (field_types[i].max_length) {
			int n = field_types[i].max_length;

			v = py_call_arg(call, -1, "max_length");
			if (v && v->kind == PY_NUM)
				n = atoi(v->name);
			f->type = n < 0 ? field_types[i].type
					: django_printf(b, "%s(%d)",
							field_types[i].type, n);
		} else if (!strcmp(cls, "DecimalField")) {
			const struct py_node *d =
				py_call_arg(call, -1, "max_digits");
			const struct py_node *p =
				py_call_arg(call, -1, "decimal_places");

			f->type =
				d && p && d->kind == PY_NUM && p->kind == PY_NUM
					? django_printf(b, "numeric(%s, %s)",
							d->name, p->name)
					: "numeric";
		} else {
			f->type = field_types[i].type;
		}
		f->identity = strstr(cls, "AutoField") != NULL;
		f->check = field_types[i].check;
		resolve_default(b, call, f);
		/* _effective_default(): '' for a blank string column */
		if (!f->def && !f->null &&
		    django_kw_true(call, "blank", false) &&
		    (like_opclass(f->type) || !strcmp(f->type, "bytea")))
			f->def = strcmp(f->type, "bytea") ? "''"
							  : "'\\x'::bytea";
		f->sig = field_signature(b, call, f, false);
		return f->column != NULL;
	}
	if (!strcmp(cls, "ArrayField")) { /* contrib.postgres: base[size] */
		struct django_field elem;
		const struct py_node *size = py_call_arg(call, 1, "size");
		bool ok = django_field_read(b, model_key, name,
					    py_call_arg(call, 0, "base_field"),
					    &elem) &&
			  elem.type && !elem.fk;

		if (ok) {
			bool blank = !f->null && !f->def &&
				     django_kw_true(call, "blank", false);

			f->type = django_printf(
				b, "%s[%s]", elem.type,
				size && size->kind == PY_NUM ? size->name : "");
			f->def = blank ? "'{}'" : f->def;
			resolve_default(b, call, f);
			f->sig = field_signature(b, call, f, false);
			return f->column != NULL;
		}
	}
	/* no column of their own: the relation lives elsewhere */
	if (strcmp(cls, "ManyToManyField") != 0 &&
	    strcmp(cls, "TaggableManager") != 0 &&
	    strcmp(cls, "GenericRelation") != 0 &&
	    strcmp(cls, "GenericForeignKey") != 0)
		django_skip(b, call, django_printf(b, "field class %s", cls));
	return false; /* no column fkaudit can describe */
}

void django_field_forget_default(struct django_builder *b,
				 const struct py_node *call,
				 struct django_field *f)
{
	f->def = NULL;
	f->sig = field_signature(b, call, f, true);
}

/* ---- SQL ------------------------------------------------------------- */

/*
 * REFERENCES … DEFERRABLE INITIALLY DEFERRED: `inline_fk` as ADD COLUMN
 * writes it (sql_create_column_inline_fk, no space before the column),
 * else as ADD CONSTRAINT does (sql_create_fk).
 */
static const char *references(struct django_builder *b,
			      const struct django_field *f, bool inline_fk)
{
	return django_printf(b,
			     "REFERENCES \"%s\"%s(\"%s\") DEFERRABLE "
			     "INITIALLY DEFERRED",
			     f->to_table, inline_fk ? "" : " ", f->to_column);
}

const char *django_column_sql(struct django_builder *b,
			      const struct django_field *f, bool with_default)
{
	bool def = with_default && f->def;

	return django_printf(
		b, "\"%s\" %s%s%s %s%s%s%s", f->column, f->type,
		def ? " DEFAULT " : "", def ? f->def : "",
		f->null ? "NULL" : "NOT NULL",
		f->primary  ? " PRIMARY KEY"
		: f->unique ? " UNIQUE"
			    : "",
		f->identity ? " GENERATED BY DEFAULT AS IDENTITY" : "",
		f->check ? django_printf(b, " CHECK (\"%s\" >= 0)", f->column)
			 : "");
}

const char *django_add_column_sql(struct django_builder *b, const char *table,
				  const struct django_field *f)
{
	const char *sql = django_printf(b, "ALTER TABLE \"%s\" ADD COLUMN %s",
					table, django_column_sql(b, f, true));

	if (f->fk && f->constraint) {
		const char *name = fk_name(b, table, f);

		sql = django_printf(b,
				    "%s CONSTRAINT \"%s\" %s; SET CONSTRAINTS "
				    "\"%s\" IMMEDIATE",
				    sql, name, references(b, f, true), name);
		django_fk_made(b, table, f->column, name);
	}
	return sql;
}

void django_field_indexes(struct django_builder *b, const char *table,
			  const struct django_field *f, bool defer,
			  struct span src)
{
	const char *like = like_opclass(f->type);
	struct django_deferred d;

	memset(&d, 0, sizeof(d));
	d.kind = DJANGO_DEFER_INDEX;
	d.table = table;
	d.cols[0] = f->column;
	d.ncols = 1;
	d.suffix = "";
	if (f->db_index && !f->unique) {
		if (defer)
			django_defer_parts(b, &d, src);
		else
			django_emit(b, django_deferred_sql(b, &d), src);
	}
	d.suffix = "_like";
	d.opclass = like;
	if (like && (f->db_index || f->unique)) {
		if (defer)
			django_defer_parts(b, &d, src);
		else
			django_emit(b, django_deferred_sql(b, &d), src);
	}
}

const char *django_deferred_sql(struct django_builder *b,
				const struct django_deferred *d)
{
	struct buf cols = BUF_INIT;
	struct django_field f;
	const char *name, *r = NULL;
	size_t i;

	if (d->kind == DJANGO_DEFER_SQL)
		return d->sql;
	if (d->kind == DJANGO_DEFER_FK) {
		memset(&f, 0, sizeof(f));
		f.fk = f.constraint = true;
		f.column = d->cols[0];
		f.to_table = d->to_table;
		f.to_column = d->to_column;
		return django_add_fk_sql(b, d->table, &f);
	}
	for (i = 0; i < d->ncols; i++)
		buf_addf(&cols, "%s\"%s\"%s%s", i ? ", " : "", d->cols[i],
			 d->opclass ? " " : "", d->opclass ? d->opclass : "");
	name = django_index_name(b, d->table, d->cols, d->ncols,
				 d->kind == DJANGO_DEFER_UNIQUE ? "_uniq"
								: d->suffix);
	if (cols.failed)
		b->err = FK_ENOMEM;
	else if (d->kind == DJANGO_DEFER_UNIQUE)
		r = django_printf(b,
				  "ALTER TABLE \"%s\" ADD CONSTRAINT \"%s\" "
				  "UNIQUE (%s)",
				  d->table, name, buf_str(&cols));
	else
		r = django_printf(b, "CREATE INDEX \"%s\" ON \"%s\" (%s)", name,
				  d->table, buf_str(&cols));
	buf_release(&cols);
	return r;
}

void django_like_index(struct django_builder *b, const char *table,
		       const struct django_field *f, bool create,
		       struct span src)
{
	const char *cols[1] = { f->column };
	const char *like = like_opclass(f->type);
	const char *name = django_index_name(b, table, cols, 1, "_like");

	if (!create) {
		django_emit(
			b,
			django_printf(b, "DROP INDEX IF EXISTS \"%s\"", name),
			src);
	} else if (like) {
		django_emit(b,
			    django_printf(b,
					  "CREATE INDEX \"%s\" ON \"%s\" "
					  "(\"%s\" %s)",
					  name, table, f->column, like),
			    src);
	}
}

bool django_has_like(const struct django_field *f)
{
	return like_opclass(f->type) != NULL;
}

const char *django_add_fk_sql(struct django_builder *b, const char *table,
			      const struct django_field *f)
{
	if (!f->fk || !f->constraint)
		return NULL;
	return django_printf(b,
			     "ALTER TABLE \"%s\" ADD CONSTRAINT \"%s\" "
			     "FOREIGN KEY (\"%s\") %s",
			     table, fk_name(b, table, f), f->column,
			     references(b, f, false));
}

/* _delete_fk_sql() */
static void drop_fk(struct django_builder *b, const char *table,
		    const char *name, struct span src)
{
	django_emit(b,
		    django_printf(b,
				  "SET CONSTRAINTS \"%s\" IMMEDIATE; ALTER "
				  "TABLE \"%s\" DROP CONSTRAINT \"%s\"",
				  name, table, name),
		    src);
}

void django_fk_made(struct django_builder *b, const char *table,
		    const char *col, const char *name)
{
	const char *k = django_printf(b, "%s\x1f%s", table, col);
	const char *v = django_printf(b, "%s", name);

	if (!k || !v || strmap_put(&b->made_fks, k, (void *)v) < 0)
		b->err = FK_ENOMEM;
}

bool django_drop_fks(struct django_builder *b, const char *table,
		     const char *col, struct span src)
{
	const char *was = strmap_get(&b->renamed, table);
	const char *made = strmap_get(&b->made_fks,
				      django_printf(b, "%s\x1f%s", table, col));
	bool any = false;
	struct qname q = { NULL, was ? was : table };
	const struct fk_state *fk = NULL;
	size_t i;

	while ((fk = replay_next_fk_of_column(b->state, &q, col, fk))) {
		bool ours = false;

		for (i = 0; i < fk->ncols; i++)
			ours |= strcmp(fk->cols[i], col) == 0;
		if (fk->dropped || !fk->name || !ours ||
		    strcmp(fk->table, q.name) != 0)
			continue;
		drop_fk(b, table, fk->name, src);
		any = true;
	}
	if (made && *made) {
		drop_fk(b, table, made, src);
		any = true;
	}
	django_fk_made(b, table, col, "");
	return any;
}

/*
 * The indexes of `table` on exactly (col) that are `unique` constraints
 * (else plain indexes): each given to `fn`, as Django's
 * _constraint_names() finds them in the catalog.
 */
void django_indexes_on(struct django_builder *b, const char *table,
		       const char *col, bool unique,
		       void (*fn)(struct django_builder *b, const char *table,
				  const char *name, struct span src),
		       struct span src)
{
	const char *was = strmap_get(&b->renamed, table);
	const struct table_state *t = known_table(b, was ? was : table);
	const struct index_state *ix;

	for (ix = t ? t->indexes : NULL; ix; ix = ix->next) {
		if (ix->dropped || ix->primary || ix->ncols != 1 || !ix->cols ||
		    !ix->cols[0] || strcmp(ix->cols[0], col) != 0 ||
		    ix->constraint != unique)
			continue;
		fn(b, table, ix->name, src);
	}
}
