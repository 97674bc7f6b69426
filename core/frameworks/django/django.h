#ifndef FKAUDIT_DJANGO_H
#define FKAUDIT_DJANGO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "framework.h"
#include "replay.h"
#include "srcmap.h"

/*
 * Django migrations, read without Python: the SQL a migration module
 * (<app>/migrations/NNNN_name.py) runs forward and backward, as Django's
 * PostgreSQL schema editor would send it (frameworks.md §16 in the
 * reference notes has the sources).
 *
 *   RunSQL(sql, reverse_sql): a string is split into statements, each
 *     sent on its own; each item of a list (or a (sql, params) pair) is
 *     sent as one string; RunSQL.noop sends nothing.
 *   SeparateDatabaseAndState: its database_operations.
 *   AddField, AlterField, CreateModel with ForeignKey / OneToOneField
 *     (db_constraint, db_index, db_column, to_field, null, default),
 *     RemoveField, DeleteModel, AddIndex, RemoveIndex,
 *     AddIndexConcurrently, RemoveIndexConcurrently: the SQL Django
 *     writes for them, with Django's names for indexes and constraints;
 *     indexes and the constraints of new tables are deferred to the end
 *     of the migration, as Django does.
 *
 * The migration is one transaction (atomic, the default) or, with the
 * class attribute `atomic = False`, each statement is sent on its own.
 */

/* Django in the framework registry (core/frameworks/django/django_fw.c). */
extern const struct framework framework_django;

/*
 * Whether `path` names a module Django would load as a migration: a .py
 * file in a folder named "migrations" whose name starts with neither '_'
 * nor '~'.
 */
bool django_is_migration_path(const char *path);

/* Whether the module defines `class Migration`. */
bool django_has_migration_class(const char *text, size_t len);

/*
 * Builds the SQL of the migration at `path` from its source, as Django
 * 4.2 and 5.2 send it. Its app's label is its AppConfig's (`label` in
 * the app's apps.py, read through ctx->near), else the folder above
 * "migrations"; AUTH_USER_MODEL is the configuration's
 * ("django": {"auth_user_model"}), else the literal in the settings
 * module manage.py names, else auth.User. ctx->schema (may be NULL) is
 * the schema replayed so far, where Django's project state is kept
 * from one migration to the next (django_state.h). Returns 0 or
 * FK_ENOMEM; what it does not understand is left out and noted.
 */
int django_extract(struct extracted *out, const char *path, const char *src,
		   size_t len, const struct extract_ctx *ctx);

/*
 * The ("app", "name") pairs of the Migration's list attribute `attr`:
 * `dependencies` (swappable ones are left out) or `replaces` (a squashed
 * migration's). Calls `fn` for each; returns 0, or FK_ENOMEM.
 */
int django_pairs(const char *src, size_t len, const char *attr,
		 int (*fn)(void *ctx, const char *app, const char *name),
		 void *ctx);

/* A Django migration as framework_sort() orders it. */
struct django_node {
	char app[128], name[256];
	char **deps; /* "app\x1fname", owned */
	size_t ndeps, cap;
};

/*
 * Reads the dependencies of the migration at `path` through `near` (the
 * file itself, by its name). Returns 0 (a file that cannot be read has
 * none) or FK_ENOMEM.
 */
int django_node_read(struct django_node *n, const char *path,
		     const struct near_reader *near);
void django_node_release(struct django_node *n);

/*
 * Orders `n` migrations, given in file order, so that each comes after
 * the ones it depends on ("__first__" and "__latest__" name an app's
 * first and last); otherwise file order stays. Writes the new order as
 * indexes into `nodes` to `order`. Returns 0 or FK_ENOMEM.
 */
int django_order(const struct django_node *nodes, size_t n, size_t *order);

/* "app" and "name" of a migration path ("users/migrations/0002_x.py"). */
void django_path_key(const char *path, char *app, size_t app_size, char *name,
		     size_t name_size);

#endif
