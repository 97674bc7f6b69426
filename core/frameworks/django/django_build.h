#ifndef FKAUDIT_DJANGO_BUILD_H
#define FKAUDIT_DJANGO_BUILD_H

/*
 * Internal to django.c and django_schema.c: the state of building one
 * migration's SQL.
 */
#include "django.h"
#include "py.h"

/* SQL Django defers to the end of the migration (indexes, new FKs). */
struct django_deferred {
	const char *sql; /* in the builder's arena */
	struct span src; /* the operation that asked for it */
	uint32_t op;
};

/* A model created in the migration: its table and columns. */
struct django_model {
	const char *table;
	const char *pk_col; /* NULL: not known */
	const char *pk_type;
	const char **names; /* field names and their columns */
	const char **cols;
	size_t ncols;
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
	/* the models this migration creates, before the replay sees them */
	struct django_model *models;
	size_t nmodels, models_cap;
	struct replay *state; /* may be NULL */
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

/* Notes a thing left out, for detect. */
void django_skip(struct django_builder *b, const struct py_node *n,
		 const char *what);

/* arena_printf() in the builder's arena; NULL (and b->err) when out of
 * memory. */
const char *django_printf(struct django_builder *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * The SQL of a schema operation (AddField, AlterField, CreateModel,
 * RemoveField, DeleteModel, AddIndex, RemoveIndex and their concurrent
 * variants); other operations send nothing. `name` is its class name.
 */
void django_schema_op(struct django_builder *b, const char *name,
		      const struct py_node *op);

/* A string argument's value, or NULL when it is not a plain string. */
const char *django_str(const struct django_builder *b, const struct py_node *n);

#endif
