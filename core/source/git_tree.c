/* Files of one revision: a tree's migrations, and a file next to one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "error.h"
#include "git_internal.h"

struct tree_walk {
	const struct path_filter *filter;
	struct changes *out;
	struct buf path;
	int err;
};

static int tree_visit(const char *root, const git_tree_entry *e, void *ctx)
{
	struct tree_walk *w = ctx;
	int kind = repo_entry_kind_of(git_tree_entry_filemode(e));

	buf_reset(&w->path);
	buf_adds(&w->path, root);
	buf_adds(&w->path, git_tree_entry_name(e));
	if (w->path.failed) {
		w->err = FK_ENOMEM;
		return -1;
	}
	if (kind < 0) /* a folder: go in, unless the filter says no */
		return git_tree_entry_type(e) == GIT_OBJECT_TREE &&
		       w->filter->enters &&
		       !w->filter->enters(w->filter->ctx, buf_str(&w->path));
	if (!w->filter->wants(w->filter->ctx, buf_str(&w->path)))
		return 0;
	if (changes_add(w->out, CHANGE_ADDED, (enum entry_kind)kind,
			buf_str(&w->path), NULL, git_tree_entry_id(e),
			NULL) < 0) {
		w->err = FK_ENOMEM;
		return -1;
	}
	return 0;
}

int repo_tree_files(struct repo *g, const char *sha,
		    const struct path_filter *filter, struct changes *out,
		    struct buf *err)
{
	struct tree_walk w = { filter, out, BUF_INIT, 0 };
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = repo_commit_of(g, sha, &commit, err)) < 0)
		return rc;
	if (git_commit_tree(&tree, commit) < 0) {
		rc = repo_fail(err, "cannot read the tree of commit %.12s",
			       sha);
		goto done;
	}
	if (git_tree_walk(tree, GIT_TREEWALK_PRE, tree_visit, &w) < 0 && !w.err)
		rc = repo_fail(err, "cannot walk the tree of commit %.12s",
			       sha);
	else
		rc = w.err;
	if (rc == 0)
		changes_sort(out);
done:
	buf_release(&w.path);
	git_tree_free(tree);
	git_commit_free(commit);
	if (rc < 0)
		changes_release(out);
	return rc;
}

int repo_path_read(struct repo *g, const char *sha, const char *path,
		   size_t max_size, struct buf *out)
{
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	git_tree_entry *entry = NULL;
	git_blob *blob = NULL;
	struct buf ignored = BUF_INIT;
	int rc = 0;

	if (!sha) {
		char *data = NULL;
		size_t len = 0;

		if (!g->workdir)
			return 0;
		rc = repo_worktree_file(g, path, max_size, &data, &len,
					&ignored);
		buf_release(&ignored);
		if (rc == 0 && data)
			rc = buf_add(out, data, len) < 0 ? FK_ENOMEM : FK_FOUND;
		else
			rc = rc == FK_ENOMEM ? rc : 0;
		free(data);
		return rc;
	}
	/* a commit's files are read one after the other: keep its tree */
	if (!g->tree || strcmp(g->tree_sha, sha) != 0) {
		git_tree_free(g->tree);
		g->tree = NULL;
		if (repo_commit_of(g, sha, &commit, &ignored) < 0 ||
		    git_commit_tree(&tree, commit) < 0)
			goto done;
		g->tree = tree;
		tree = NULL;
		snprintf(g->tree_sha, sizeof(g->tree_sha), "%s", sha);
	}
	if (git_tree_entry_bypath(&entry, g->tree, path) < 0 ||
	    repo_entry_kind_of(git_tree_entry_filemode(entry)) != ENTRY_FILE ||
	    git_blob_lookup(&blob, g->repo, git_tree_entry_id(entry)) < 0 ||
	    git_blob_rawsize(blob) > max_size)
		goto done;
	rc = buf_add(out, git_blob_rawcontent(blob),
		     (size_t)git_blob_rawsize(blob)) < 0
		     ? FK_ENOMEM
		     : FK_FOUND;
done:
	buf_release(&ignored);
	git_blob_free(blob);
	git_tree_entry_free(entry);
	git_tree_free(tree);
	git_commit_free(commit);
	return rc;
}
