#ifndef FKAUDIT_GIT_REVS_H
#define FKAUDIT_GIT_REVS_H

/* Part of the git source (git_walk.c); nobody else. */
#include <git2.h>

#include "git_source.h"

/* A commit that could not be read, and the commit that names it. */
struct rev_missing {
	git_oid id;
	git_oid child; /* `id` itself when it is the start */
	char why[160]; /* libgit2's reason, " (…)", or empty */
};

/* The commits, oldest first (parents before children). */
struct rev_list {
	git_oid *v;
	size_t n, cap;
	struct rev_missing *missing;
	size_t nmissing, missing_cap;
};

/*
 * The commits reachable from `start`, read one by one, for a history in
 * which libgit2's walk stops at a commit it cannot read: such a commit
 * is listed in out->missing and left out, with the history behind it
 * that no other commit reaches. Honours `o`'s first_parent, since and
 * max_commits (the newest N, by position). Returns 0 or FK_ENOMEM;
 * release with rev_list_release().
 */
int rev_list_readable(struct rev_list *out, git_repository *repo,
		      const git_oid *start, const struct walk_opts *o);
void rev_list_release(struct rev_list *r);

#endif
