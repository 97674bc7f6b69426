#ifndef FKAUDIT_GIT_INTERNAL_H
#define FKAUDIT_GIT_INTERNAL_H

/* Shared by git_repo.c, git_diff.c and git_walk.c; nobody else. */
#include <git2.h>

#include "git_source.h"

struct git_source {
	git_repository *repo;
	bool bare;
	char *workdir; /* with a trailing '/', or NULL when bare */
	/* git_source_path_read(): the tree of the commit read last */
	char tree_sha[41];
	git_tree *tree;
};

/*
 * Sets `err` to the formatted message, followed by libgit2's own
 * explanation when it has one, and returns FK_EGIT.
 */
int git_fail(struct buf *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * libgit2's last error message as " (message)" into `out` (empty when it
 * has none), then clears it: the reason an object could not be read.
 */
void git_reason_take(char *out, size_t size);

/* 40 hex digits and a NUL. */
void git_hex(const git_oid *oid, char out[41]);

/* The commit `sha` (40 hex) names; FK_EGIT when it is missing. */
int git_commit_of(struct git_source *g, const char *sha, git_commit **out,
		  struct buf *err);

/* Appends a change (strings copied); 0 or FK_ENOMEM. */
int git_changes_add(struct git_changes *c, enum git_change_kind kind,
		    enum git_entry_kind entry, const char *path,
		    const char *old_path, const git_oid *oid,
		    const git_oid *old_oid);

/* A tree entry's mode as an entry kind; -1 for a tree. */
int git_entry_kind_of(git_filemode_t mode);

#endif
