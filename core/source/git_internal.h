#ifndef FKAUDIT_GIT_INTERNAL_H
#define FKAUDIT_GIT_INTERNAL_H

/* Shared by git_repo.c, git_diff.c and git_walk.c; nobody else. */
#include <git2.h>

#include "git_source.h"

struct repo {
	git_repository *repo;
	bool bare;
	char *workdir; /* with a trailing '/', or NULL when bare */
	/* repo_path_read(): the tree of the commit read last */
	char tree_sha[41];
	git_tree *tree;
};

/*
 * Sets `err` to the formatted message, followed by libgit2's own
 * explanation when it has one, and returns FK_EGIT.
 */
int repo_fail(struct buf *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * libgit2's last error message as " (message)" into `out` (empty when it
 * has none), then clears it: the reason an object could not be read.
 */
void repo_reason_take(char *out, size_t size);

/* 40 hex digits and a NUL. */
void repo_hex(const git_oid *oid, char out[41]);

/* The commit `sha` (40 hex) names; FK_EGIT when it is missing. */
int repo_commit_of(struct repo *g, const char *sha, git_commit **out,
		   struct buf *err);

/* Appends a change (strings copied); 0 or FK_ENOMEM. */
int changes_add(struct changes *c, enum change_kind kind, enum entry_kind entry,
		const char *path, const char *old_path, const git_oid *oid,
		const git_oid *old_oid);

/* A tree entry's mode as an entry kind; -1 for a tree. */
int repo_entry_kind_of(git_filemode_t mode);

#endif
