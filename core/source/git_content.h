#ifndef FKAUDIT_GIT_CONTENT_H
#define FKAUDIT_GIT_CONTENT_H

#include <stddef.h>

#include "buf.h"
#include "git_source.h"
#include "result.h"

/*
 * A migration's bytes from a git source, for the audit: blob `oid`, or
 * the work tree's file `worktree_path` when that is not NULL. Shared by
 * diff and history, so that both say the same about a file they cannot
 * audit.
 *
 * Returns FK_FOUND with *data (malloc'd, one spare byte after it; the caller
 * frees it) and *len; 0 when the file cannot be audited, with *status
 * and the reason in `why` (over `max_size`, a missing or corrupt
 * object); or FK_ENOMEM. (A Git LFS pointer is bytes like any other:
 * audit_text() says it is not the migration.)
 */
int repo_content_read(struct repo *g, const char *oid,
		      const char *worktree_path, size_t max_size, char **data,
		      size_t *len, enum file_status *status, struct buf *why);

/*
 * Why an entry that is not a file is not audited (a symbolic link, a
 * submodule), or NULL for a file.
 */
const char *repo_content_skip_reason(enum entry_kind kind);

/*
 * A near_reader (framework.h) on a revision: pass a struct repo_near as
 * its context. The files next to migration `path` are read from commit
 * `sha`'s tree, or from the work tree when `sha` is NULL.
 */
struct repo_near {
	struct repo *g;
	const char *sha;
	const char *path;
};

int repo_near_read(void *ctx, const char *rel, struct buf *out);

/*
 * Puts changes in the order their frameworks apply them
 * (framework_sort(); sqitch.plan is read from commit `sha`, or the
 * work tree when NULL). Returns 0 or FK_ENOMEM.
 */
int changes_sort_migrations(struct changes *c, struct repo *g, const char *sha);

#endif
