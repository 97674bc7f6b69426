#ifndef FKAUDIT_GIT_REVS_H
#define FKAUDIT_GIT_REVS_H

/* Part of the git source (git_walk.c); nobody else. */
#include <git2.h>

#include "git_source.h"

/* A commit that could not be read, and the commit that names it. */
struct git_rev_missing {
	git_oid id;
	git_oid child; /* `id` itself when it is the start */
	char why[160]; /* libgit2's reason, " (…)", or empty */
};

/* The commits, oldest first (parents before children). */
struct git_revs {
	git_oid *v;
	size_t n, cap;
	struct git_rev_missing *missing;
	size_t nmissing, missing_cap;
};

/*
 * The commits reachable from `start`, read one by one, for a history in
 * which libgit2's walk stops at a commit it cannot read: such a commit
 * is listed in out->missing and left out, with the history behind it
 * that no other commit reaches. Honours `o`'s first_parent, since and
 * max_commits (the newest N, by position). Returns 0 or FK_ENOMEM;
 * release with git_revs_release().
 */
int git_revs_readable(struct git_revs *out, git_repository *repo,
		      const git_oid *start, const struct git_walk_opts *o);
void git_revs_release(struct git_revs *r);

#endif
