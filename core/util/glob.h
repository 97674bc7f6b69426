#ifndef FKAUDIT_GLOB_H
#define FKAUDIT_GLOB_H

#include <stdbool.h>

/*
 * Glob patterns on repository-relative paths ("db/migrations/001.sql"),
 * as the configuration's "exclude" list writes them:
 *
 *   *    any run of characters but '/' (also none)
 *   **   any run of characters, '/' included; "**" followed by '/'
 *        also matches no folder at all ("**" + "/x.sql" matches "x.sql")
 *   ?    one character but '/' (a UTF-8 sequence counts as one)
 *
 * Every other character stands for itself. Patterns are anchored at the
 * repository root: "*.sql" matches "a.sql", not "db/a.sql".
 */

/* Whether `pattern` matches the whole of `path`. */
bool glob_match(const char *pattern, const char *path);

/*
 * Whether `pattern` matches `path` or one of the folders holding it:
 * "db/legacy" covers "db/legacy/001.sql". A path ending in '/' names a
 * folder, and is covered when the folder itself is (so a walk can leave
 * it out whole).
 */
bool glob_covers(const char *pattern, const char *path);

#endif
