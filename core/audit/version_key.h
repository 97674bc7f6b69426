#ifndef FKAUDIT_VERSION_KEY_H
#define FKAUDIT_VERSION_KEY_H

#include <stddef.h>

#include "audit.h"
#include "git_source.h"
#include "rule.h"

/*
 * What an earlier version of an edited migration runs, read as the edit
 * is read (audited apart, its framework reader given `context`): the
 * file_result.sql_key of blob `oid` at `path` (the files near it from
 * commit `rev`), into edit->old_sql_known and old_sql_key, so that an
 * edit that runs the same (reformatting) is told from one a database
 * would see. Left unknown when that version is no audited migration.
 * edit->old_lines gets its statements' keys and lines (malloc'd: the
 * caller frees it). `opts` is borrowed for the call. Returns 0 or
 * FK_ENOMEM.
 */
int audit_version_key(struct repo *g, const char *rev, const char *path,
		      const char *oid, size_t max_size,
		      const struct audit_opts *opts, struct replay *context,
		      struct rule_edit *edit);

#endif
