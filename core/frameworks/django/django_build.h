#ifndef FKAUDIT_DJANGO_BUILD_H
#define FKAUDIT_DJANGO_BUILD_H

/*
 * Internal to django.c and django_schema.c: the state of building one
 * migration's SQL.
 */
#include "django.h"
#include "django_state.h"
#include "py.h"

/*
 * SQL Django defers to the end of the migration (indexes, new keys,
 * unique_together). Like Django's Statement objects, an index, a unique
 * constraint or a key is kept as its parts, so that a RenameModel or
 * RenameField later in the migration renames its table, columns and the
 * name made of them (DJANGO_DEFER_SQL is text, renamed where quoted).
 */
enum django_defer_kind {
	DJANGO_DEFER_SQL,
	DJANGO_DEFER_INDEX,  /* CREATE INDEX "<table>_<cols>_<hash><suffix>" */
	DJANGO_DEFER_UNIQUE, /* ADD CONSTRAINT "…_uniq" UNIQUE */
	DJANGO_DEFER_FK, /* ADD CONSTRAINT "…_fk_<to>_<col>" FOREIGN KEY */
};

#define DJANGO_DEFER_COLS 32

struct django_deferred {
	enum django_defer_kind kind;
	const char *sql; /* DJANGO_DEFER_SQL, in the builder's arena */
	const char *table;
	const char *cols[DJANGO_DEFER_COLS];
	size_t ncols;
	const char *suffix;  /* DJANGO_DEFER_INDEX: "", "_like", "_idx" */
	const char *opclass; /* DJANGO_DEFER_INDEX: of its one column */
	const char *to_table, *to_column; /* DJANGO_DEFER_FK */
	struct span src;		  /* the operation that asked for it */
	uint32_t op;
};

/* What the project's settings say (django_settings()). */
struct django_settings {
	char user_app[128], user_model[128]; /* AUTH_USER_MODEL */
	char auto_field[64]; /* DEFAULT_AUTO_FIELD's class; "": not set */
	bool read;	     /* the settings module was found and read */
};

struct django_builder {
	struct extracted *out;
	bool atomic; /* the migration is one transaction */
	/*
	 * What was not understood and left out (an f-string given to
	 * RunSQL, an operation of an unknown class with SQL in it), for
	 * `fkaudit detect`; the first few, "; "-separated.
	 */
	char skipped[400];
	size_t nskipped;
	const struct py_module *mod;
	const struct py_class *cls;
	const char *src; /* the module's source */
	size_t mod_len;
	char app[128];
	/* AUTH_USER_MODEL ("auth" and "user" unless set) and the class of
	   a model's automatic primary key */
	struct django_settings settings; /* read on first use */
	bool settings_read;
	const struct near_reader *near; /* may be NULL */
	const struct config *cfg;	/* may be NULL */
	/* field classes the configuration names as foreign keys */
	const char *const *fk_classes;
	size_t nfk_classes;
	struct replay *state; /* never NULL: the caller's, or the builder's */
	/*
	 * Django's project state: the one kept with `state`, or (an edit
	 * audited apart) the builder's own copy of it as it was before this
	 * migration (`own_dstate`).
	 */
	struct django_state *dstate;
	bool own_dstate;
	/*
	 * Tables this migration renamed (RenameModel, AlterModelTable): the
	 * new name -> the name the replayed catalog still knows it by,
	 * which migrate's introspection, run after the rename, finds.
	 */
	struct strmap renamed;
	/*
	 * Foreign keys this migration added and sent already (AddField's
	 * inline key): "table\x1fcolumn" -> its name ("" once dropped).
	 * migrate's introspection finds them; the deferred ones it does not.
	 */
	struct strmap made_fks;
	struct arena arena;
	struct django_deferred *deferred;
	size_t ndeferred, deferred_cap;
	size_t next_comment; /* the first `#` comment not yet emitted */
	uint32_t op;	     /* the operation being built, 1-based */
	int err;
};

/*
 * Appends one execute to the forward SQL: `sql` written for the
 * operation at `src` (mapped to it as a whole), ended by ";\n". In a
 * migration that is not atomic it gets a transaction unit of its own,
 * sent as one string.
 */
void django_emit(struct django_builder *b, const char *sql, struct span src);

/* The same, run at the end of the migration. */
void django_defer(struct django_builder *b, const char *sql, struct span src);

/*
 * Defers an index, a unique constraint or a key (kind, and its parts in
 * `d`: table, cols, suffix, opclass, to_table, to_column), rendered when
 * the migration ends.
 */
void django_defer_parts(struct django_builder *b,
			const struct django_deferred *d, struct span src);

/* The SQL of a deferred statement as its parts now are. */
const char *django_deferred_sql(struct django_builder *b,
				const struct django_deferred *d);

/* Notes a thing left out, for detect. */
void django_skip(struct django_builder *b, const struct py_node *n,
		 const char *what);

/* arena_printf() in the builder's arena; NULL (and b->err) when out of
 * memory. */
const char *django_printf(struct django_builder *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * The SQL of a schema operation (django_ops.c): AddField, AlterField,
 * CreateModel, RemoveField, DeleteModel, RenameField, RenameModel,
 * AlterModelTable, AlterUniqueTogether, AlterIndexTogether, AddIndex,
 * RemoveIndex, AddConstraint, RemoveConstraint and the concurrent
 * variants; the project state is updated as Django updates it. Other
 * operations that send SQL are noted as not understood. `name` is its
 * class name.
 */
void django_schema_op(struct django_builder *b, const char *name,
		      const struct py_node *op);

/* django_pairs() on a module read already. */
int django_module_pairs(const struct py_module *mod, const char *attr,
			int (*fn)(void *ctx, const char *app, const char *name),
			void *ctx);

/* A string argument's value, or NULL when it is not a plain string. */
const char *django_str(const struct django_builder *b, const struct py_node *n);

/* ---- django_project.c: the project around the migration -------------- */

/*
 * The app's label into `label`: the `label` of the AppConfig in the
 * app's apps.py or __init__.py (read through `near`, from the migrations
 * folder), else
 * the app that the migration (`name`, its file name without .py; `mod`, its
 * module) names in a dependency on the one before it in this
 * folder (0007_x on 0006_y); left as it is when neither tells.
 * `*settled`: apps.py, __init__.py or the dependency decided (another
 * migration of the folder would find the same). Returns 0 or FK_ENOMEM.
 */
int django_app_label(const struct near_reader *near, const char *name,
		     const struct py_module *mod, char *label, size_t size,
		     bool *settled);

struct config;

/*
 * The settings module that manage.py (one to three folders above the
 * app) names, or the module it star-imports from the same package:
 * AUTH_USER_MODEL (the configuration's "auth_user_model" comes first)
 * split into out->user_app and out->user_model, left as they are when
 * not found; DEFAULT_AUTO_FIELD's class name. Returns 0 or FK_ENOMEM.
 */
int django_settings(const struct near_reader *near, const struct config *cfg,
		    struct django_settings *out);

/* The builder's settings, read the first time they are asked for. */
const struct django_settings *django_settings_of(struct django_builder *b);

/* ---- django_schema.c: fields, names and their SQL --------------------- */

/* `s` as a SQL string literal, in the builder's arena. */
const char *django_quote(struct django_builder *b, const char *s);

/* A keyword argument that is True (False; `dflt` when not a constant). */
bool django_kw_true(const struct py_node *call, const char *kw, bool dflt);

/*
 * BaseDatabaseSchemaEditor._create_index_name(): table_columns_<digest>
 * <suffix>, shortened to 63 bytes as Django shortens it.
 */
const char *django_index_name(struct django_builder *b, const char *table,
			      const char *const *cols, size_t ncols,
			      const char *suffix);

/* The project state kept with b->state (NULL, b->err, out of memory). */
struct django_state *django_state_of(struct django_builder *b);

/* "app\x1fmodel" in lower case, in the builder's arena. */
const char *django_model_key(struct django_builder *b, const char *app,
			     const char *model);

/* The model of `key` in the project state, or NULL. */
struct django_model_state *django_model(struct django_builder *b,
					const char *key);

/*
 * The table of model `key`: the project state's, a django.contrib
 * model's, else Django's default app_model.
 */
const char *django_key_table(struct django_builder *b, const char *key);

/* The model a relation's `to` names ("app.Model", "Model", "self"). */
const char *django_related_key(struct django_builder *b,
			       const struct py_node *to, const char *self);

/*
 * Reads field `name` of model `model_key` from its constructor call.
 * Returns false for what has no column of its own (ManyToManyField, an
 * unknown class: noted).
 */
bool django_field_read(struct django_builder *b, const char *model_key,
		       const char *name, const struct py_node *call,
		       struct django_field *f);

/*
 * The foreign key `name` (column name_id) to model `to_key`'s primary
 * key that a ManyToManyField's join table gets.
 */
void django_fk_to(struct django_builder *b, const char *model_key,
		  const char *name, const char *to_key, struct django_field *f);

/*
 * The automatic primary key "id" Django gives a model without one, of
 * DEFAULT_AUTO_FIELD (migrations render models with stub app configs:
 * an AppConfig's default_auto_field does not count there).
 */
void django_auto_pk(struct django_builder *b, struct django_field *f);

/* truncate_name(): a name over 63 bytes shortened with a hash. */
const char *django_truncate_name(struct django_builder *b, const char *name);

/* A column's definition: "col" type [DEFAULT x] NULL|NOT NULL …. */
const char *django_column_sql(struct django_builder *b,
			      const struct django_field *f, bool with_default);

/* AddField's ALTER TABLE … ADD COLUMN, with its inline foreign key. */
const char *django_add_column_sql(struct django_builder *b, const char *table,
				  const struct django_field *f);

/*
 * The indexes Django builds for a field (_field_indexes_sql): its index
 * when db_index and not unique, and the _like index of a varchar or text
 * column that is indexed or unique; deferred to the migration's end, or
 * sent now.
 */
void django_field_indexes(struct django_builder *b, const char *table,
			  const struct django_field *f, bool defer,
			  struct span src);

/* The _like index of a field: created (when its type has one) or dropped. */
void django_like_index(struct django_builder *b, const char *table,
		       const struct django_field *f, bool create,
		       struct span src);
bool django_has_like(const struct django_field *f);

/* A foreign key's ADD CONSTRAINT; NULL without one (db_constraint). */
const char *django_add_fk_sql(struct django_builder *b, const char *table,
			      const struct django_field *f);

/*
 * _delete_fk_sql() for each foreign key of `table` on `col`, as Django
 * finds them in the catalog (the replayed schema, and the keys this
 * migration sent already). Whether there was one.
 */
bool django_drop_fks(struct django_builder *b, const char *table,
		     const char *col, struct span src);

/* Notes a key the migration sent on `col` ("": none any more). */
void django_fk_made(struct django_builder *b, const char *table,
		    const char *col, const char *name);

/*
 * A field as the state keeps it after preserve_default=False: without
 * its default.
 */
void django_field_forget_default(struct django_builder *b,
				 const struct py_node *call,
				 struct django_field *f);

/*
 * Each index of `table` on exactly (col), unique constraints' or plain
 * ones', given to `fn` by name.
 */
void django_indexes_on(struct django_builder *b, const char *table,
		       const char *col, bool unique,
		       void (*fn)(struct django_builder *b, const char *table,
				  const char *name, struct span src),
		       struct span src);

#endif
