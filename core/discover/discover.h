#ifndef FKAUDIT_DISCOVER_H
#define FKAUDIT_DISCOVER_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Discovery: which files may be migrations. A candidate is a .sql file
 * (any case; synapse's .sql.postgres too) outside hidden folders;
 * framework.h then tells what each is to its framework.
 */

/* Whether a file name (no folder) names a SQL file. */
bool discover_is_sql_name(const char *name);

/*
 * Whether a repository-relative path ("db/migrations/001.sql") is a
 * migration: a SQL file name, or a migration of a framework whose
 * migrations are not SQL (framework_owner())
 * ("app/migrations/0001_initial.py"), and no part of the path hidden
 * (".git", ".github").
 */
bool discover_is_migration(const char *path);

/*
 * The filter (source.h) that diff and history give their git source:
 * discover_is_migration(), and when `cfg` is not NULL (borrowed while the
 * filter is used) its "migrations" and "exclude" (its "seed" files are
 * wanted wherever they are). Hidden folders and folders that can hold no
 * migration the configuration keeps are not entered.
 */
struct config;
struct path_filter;
void discover_filter_init(struct path_filter *f, const struct config *cfg);

/*
 * Whether a file a folder walk finds is a migration: `name` is its file
 * name, `path` the path walked (hidden entries are not walked).
 */
bool discover_is_migration_file(const char *name, const char *path);

/*
 * Whether a file's content is a Git LFS pointer (the migration itself is
 * stored outside the repository).
 */
bool discover_is_lfs_pointer(const char *data, size_t len);

/*
 * Why a Git LFS pointer is not audited, as every command reports it. A
 * static string.
 */
const char *discover_lfs_problem(void);

#endif
