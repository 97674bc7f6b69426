#ifndef FKAUDIT_GIT_CONTENT_H
#define FKAUDIT_GIT_CONTENT_H

#include <stddef.h>

#include "buf.h"
#include "git_source.h"
#include "result.h"
#include "source.h"

/*
 * Why an entry that is not a file is not audited (a symbolic link, a
 * submodule), or NULL for a file.
 */
const char *repo_content_skip_reason(enum entry_kind kind);

/*
 * The item (source.h) of the file at `path` of a git source: blob `oid`
 * (ORIGIN_BLOB), or the work tree's file when `worktree` (ORIGIN_WORKTREE);
 * the files near it are read from commit `rev`'s tree (NULL: the work
 * tree). `entry` other than ENTRY_FILE gives an item without data,
 * FILE_SKIPPED; a file that cannot be read (over `max_size`, a missing or
 * corrupt object) gives one without data, its status and the reason in
 * `problem`, the same words in diff and history. (A Git LFS pointer is
 * bytes like any other: audit_text() says it is not the migration.) `repo` and `rev` are borrowed by the item. Returns FK_ITEM
 * or FK_ENOMEM.
 */
int repo_item_read(struct repo *g, const char *rev, const char *path,
		   const char *oid, enum entry_kind entry, bool worktree,
		   size_t max_size, struct source_item *item);

/*
 * A revision's changes as a source: the items of `changes` (borrowed),
 * in their order, deleted ones left out; each item's origin.change is
 * its change. `rev` is the commit whose tree holds the new versions
 * (NULL: the work tree). With `files_only`, entries that are not files
 * are left out too, and so are files that cannot be read.
 */
struct change_source {
	struct repo *g;
	const char *rev;
	const struct changes *changes;
	size_t max_size;
	bool files_only;
	size_t next;
};

/* FK_ITEM with `item` filled, 0 at the end, or FK_ENOMEM. */
int change_source_next(struct change_source *src, struct source_item *item);

/*
 * Puts changes in the order their frameworks apply them
 * (framework_sort(); sqitch.plan is read from commit `sha`, or the
 * work tree when NULL). Returns 0 or FK_ENOMEM.
 */
int changes_sort_migrations(struct changes *c, struct repo *g, const char *sha);

#endif
