/* What changed between two trees, or a tree and the work tree. */
#include "git_internal.h"

#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "error.h"

static int tree_of(struct repo *g, const char *sha, git_tree **out,
		   struct buf *err)
{
	git_commit *c = NULL;
	int rc;

	if ((rc = repo_commit_of(g, sha, &c, err)) < 0)
		return rc;
	rc = git_commit_tree(out, c);
	git_commit_free(c);
	if (rc < 0)
		return repo_fail(err,
				 "the tree of commit %.12s is missing or "
				 "corrupt",
				 sha);
	return 0;
}

static enum change_kind kind_of(git_delta_t status)
{
	switch (status) {
	case GIT_DELTA_DELETED:
		return CHANGE_DELETED;
	case GIT_DELTA_RENAMED:
		return CHANGE_RENAMED;
	case GIT_DELTA_MODIFIED:
	case GIT_DELTA_TYPECHANGE:
		return CHANGE_MODIFIED;
	default: /* added, copied, untracked */
		return CHANGE_ADDED;
	}
}

static int add_delta(struct changes *out, const git_diff_delta *d,
		     const struct path_filter *filter, bool worktree)
{
	enum change_kind kind = kind_of(d->status);
	const git_diff_file *nf = &d->new_file, *of = &d->old_file;
	const git_diff_file *f = kind == CHANGE_DELETED ? of : nf;
	int entry = repo_entry_kind_of((git_filemode_t)f->mode);
	const git_oid *new_id = NULL, *old_id = NULL;
	bool relevant;
	int rc;

	if (entry < 0)
		return 0;
	if (entry == ENTRY_SUBMODULE)
		relevant =
			!filter->enters || filter->enters(filter->ctx, f->path);
	else
		relevant = filter->wants(filter->ctx, f->path) ||
			   (kind == CHANGE_RENAMED &&
			    filter->wants(filter->ctx, of->path));
	if (!relevant)
		return 0;
	if (kind != CHANGE_DELETED && !git_oid_is_zero(&nf->id))
		new_id = &nf->id;
	if (kind != CHANGE_ADDED)
		old_id = &of->id;
	rc = changes_add(out, kind, (enum entry_kind)entry, f->path,
			 kind == CHANGE_RENAMED || kind == CHANGE_MODIFIED
				 ? of->path
				 : NULL,
			 new_id, old_id);
	if (rc == 0)
		out->v[out->n - 1].worktree =
			worktree && kind != CHANGE_DELETED;
	return rc;
}

int repo_diff(struct repo *g, const char *base, const char *head,
	      const struct path_filter *filter, struct changes *out,
	      struct buf *err)
{
	git_diff_options opts;
	git_diff_find_options find;
	git_tree *old_tree = NULL, *new_tree = NULL;
	git_diff *diff = NULL;
	size_t i, n;
	int rc;

	memset(out, 0, sizeof(*out));
	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	git_diff_find_options_init(&find, GIT_DIFF_FIND_OPTIONS_VERSION);
	if (!head && g->bare) {
		buf_reset(err);
		buf_adds(err, "--worktree needs a work tree, and this "
			      "repository is bare");
		return FK_EGIT;
	}
	if ((rc = tree_of(g, base, &old_tree, err)) < 0)
		goto done;
	if (head) {
		if ((rc = tree_of(g, head, &new_tree, err)) < 0)
			goto done;
		rc = git_diff_tree_to_tree(&diff, g->repo, old_tree, new_tree,
					   &opts);
	} else {
		opts.flags |= GIT_DIFF_INCLUDE_UNTRACKED |
			      GIT_DIFF_RECURSE_UNTRACKED_DIRS;
		rc = git_diff_tree_to_workdir_with_index(&diff, g->repo,
							 old_tree, &opts);
	}
	if (rc < 0) {
		rc = repo_fail(err, "cannot compare %.12s with %s", base,
			       head ? head : "the work tree");
		goto done;
	}
	find.flags = GIT_DIFF_FIND_RENAMES |
		     (head ? 0 : GIT_DIFF_FIND_FOR_UNTRACKED);
	if (git_diff_find_similar(diff, &find) < 0) {
		rc = repo_fail(err, "cannot look for renamed files");
		goto done;
	}
	n = git_diff_num_deltas(diff);
	for (i = 0; i < n && rc == 0; i++)
		rc = add_delta(out, git_diff_get_delta(diff, i), filter, !head);
	if (rc == 0)
		changes_sort(out);
done:
	if (rc < 0)
		changes_release(out);
	git_diff_free(diff);
	git_tree_free(old_tree);
	git_tree_free(new_tree);
	return rc;
}

static int on_hunk(const git_diff_delta *delta, const git_diff_hunk *hunk,
		   void *payload)
{
	struct line_ranges *r = payload;
	struct line_range *lr;

	(void)delta;
	if (array_grow((void **)&r->v, &r->cap, r->n, sizeof(*lr)) < 0)
		return -1;
	lr = &r->v[r->n++];
	if (hunk->new_lines == 0) { /* a deletion: mark the line after */
		lr->first = lr->last = (uint32_t)hunk->new_start + 1;
	} else {
		lr->first = (uint32_t)hunk->new_start;
		lr->last = (uint32_t)(hunk->new_start + hunk->new_lines - 1);
	}
	return 0;
}

int repo_changed_lines(struct repo *g, const char *old_oid, const char *data,
		       size_t len, struct line_ranges *out, struct buf *err)
{
	git_diff_options opts;
	git_blob *old = NULL;
	git_oid oid;
	int rc;

	memset(out, 0, sizeof(*out));
	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	if (git_oid_fromstr(&oid, old_oid) < 0 ||
	    git_blob_lookup(&old, g->repo, &oid) < 0)
		return repo_fail(err,
				 "blob %.12s is missing or corrupt in the "
				 "object database",
				 old_oid);
	opts.context_lines = 0;
	opts.interhunk_lines = 0;
	opts.flags |= GIT_DIFF_FORCE_TEXT;
	rc = git_diff_blob_to_buffer(old, NULL, data, len, NULL, &opts, NULL,
				     NULL, on_hunk, NULL, out);
	git_blob_free(old);
	if (rc < 0) {
		line_ranges_release(out);
		if (rc == -1 && !git_error_last())
			return FK_ENOMEM;
		return repo_fail(err, "cannot compare two versions of a file");
	}
	return 0;
}
