#ifndef FKAUDIT_DISCOVER_H
#define FKAUDIT_DISCOVER_H

#include <stdbool.h>
#include <stddef.h>

#include "plan.h"

/*
 * Discovery: which files are migrations. For now a migration is a .sql
 * file (any case) outside hidden folders; framework patterns come with
 * framework discovery.
 */

/* Whether a file name (no folder) names a SQL migration. */
bool discover_is_sql_name(const char *name);

/*
 * Whether a repository-relative path ("db/migrations/001.sql") is a
 * migration: a SQL file name, and no part of the path hidden (".git",
 * ".github").
 */
bool discover_is_migration(const char *path);

/*
 * Whether a file's content is a Git LFS pointer (the migration itself is
 * stored outside the repository).
 */
bool discover_is_lfs_pointer(const char *data, size_t len);

/*
 * How a migration framework runs a file, when its name and markers say
 * which framework it belongs to. So far: golang-migrate and goose.
 */
struct framework_info {
	const char *name;       /* "goose"; NULL: plain SQL */
	enum tx_mode tx_mode;
	const char *tx_runner;  /* for rule_tx_desc(): "goose puts" */
	const char *tx_opt_out; /* for rule_tx_opt_out() */
};

/*
 * Recognises the framework of a migration from its path and text:
 *   - goose: "<version>_<name>.sql" with a "-- +goose Up" line; each
 *     file runs in a transaction, unless "-- +goose NO TRANSACTION";
 *   - golang-migrate: "<version>_<name>.up.sql" or ".down.sql"; the
 *     file is sent as one string (PostgreSQL's implicit transaction).
 * Returns false (and a plain `out`) for anything else.
 */
bool discover_framework(const char *path, const char *text, size_t len,
			struct framework_info *out);

#endif
