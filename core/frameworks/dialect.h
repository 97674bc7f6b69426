#ifndef FKAUDIT_DIALECT_H
#define FKAUDIT_DIALECT_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Another database's migrations, kept beside PostgreSQL's in
 * repositories that support several: fkaudit reads PostgreSQL's SQL, so
 * auditing them gives only parse errors and wrong findings. A file is
 * another database's when its path names the engine (a folder such as
 * "mysql", "h2", "sqlserver" or "cockroach", or a name such as
 * "001_init.mysql.sql"), or when its path names no engine and its SQL holds what only that dialect writes (a backtick-quoted name,
 * ") ENGINE=InnoDB", AUTO_INCREMENT, SQLite's AUTOINCREMENT and PRAGMA,
 * SQL Server's IDENTITY(1,1) and NVARCHAR(n) (not GO lines: Liquibase
 * reads them in any database's files), Oracle's VARCHAR2),
 * outside comments and string literals.
 */

/* What was found, for messages: the engine and why. */
struct dialect_other {
	const char *engine; /* "MySQL or MariaDB", "SQLite", …; static */
	char why[160];	    /* "the folder \"mysql\" in its path", … */
};

/*
 * What the path of a file says of its database: nothing, PostgreSQL (a
 * folder or name part "postgres", "postgresql", "pg"), or another engine
 * (`out` filled). The first part that names one decides. A word of a
 * folder's name counts ("mysql-init", "migrations_sqlite"), except for
 * words of other meanings ("oracle", "pg"), which count only as the whole
 * name.
 */
enum dialect_path {
	DIALECT_PATH_NONE,
	DIALECT_PATH_POSTGRES,
	DIALECT_PATH_OTHER,
};

enum dialect_path dialect_of_path(const char *path, struct dialect_other *out);

/*
 * Whether `text` (`len` bytes, NUL-terminated at len) is another
 * dialect's SQL. Fills `out` (with the line of the first sign) when it
 * is; false also when out of memory (the file is then audited).
 */
bool dialect_other_by_text(const char *text, size_t len,
			   struct dialect_other *out);

#endif
