#ifndef FKAUDIT_GIT_SOURCE_H
#define FKAUDIT_GIT_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "error.h"
#include "result.h"
#include "source.h"
#include "vcs.h"

/*
 * The git sources of `diff` and `history`: a repository read through
 * libgit2, from its object database (so a bare repository works the
 * same), never from the work tree unless asked (--worktree). This
 * header, git_repo.c, git_diff.c and git_walk.c are the only code that
 * knows libgit2; the rest of the core sees paths, 40-hex object ids and
 * bytes.
 *
 * Every function that can fail returns 0 (or a count) on success and a
 * negative fk_error on failure; FK_EGIT comes with a message for the
 * user in `err` (a sentence without the "fkaudit CMD: " prefix).
 */
struct repo;

/*
 * Opens the repository that holds folder `dir` (a work tree, any folder
 * below its root, or a bare repository), honouring
 * GIT_CEILING_DIRECTORIES. Free with repo_free().
 */
int repo_open(struct repo **out, const char *dir, struct buf *err);
void repo_free(struct repo *g);

/*
 * The repository's work tree, absolute with a trailing '/' (where
 * .fkaudit.json is looked for); NULL for a bare repository. Borrowed.
 */
const char *repo_workdir(const struct repo *g);

/* The commit a revision names ("HEAD", "origin/main", a sha, …). */
int repo_resolve(struct repo *g, const char *rev, char sha[41],
		 struct buf *err);

/*
 * The base a pull request is compared with when none is given: the
 * current branch's upstream, else origin/HEAD, else main, else master
 * (local branches, then origin's). `name` gets the revision, `why` how
 * it was chosen ("the upstream of feature").
 */
int repo_default_base(struct repo *g, struct buf *name, struct buf *why,
		      struct buf *err);

/*
 * The best common ancestor of two commits. When there is none and the
 * repository is a shallow clone, the message says how to deepen it.
 */
int repo_merge_base(struct repo *g, const char *a, const char *b, char out[41],
		    struct buf *err);

/*
 * The facts of commit `sha`, strings in `arena`: author, date, the
 * first line of its message.
 */
int repo_commit(struct repo *g, const char *sha, struct commit_info *out,
		struct arena *arena, struct buf *err);

/*
 * For reports: the repository (origin's URL), the revision `sha` (NULL:
 * HEAD) and the current branch. Paths of git sources are already
 * relative to the root, so `prefix` is "".
 */
int repo_describe(struct repo *g, const char *sha, struct vcs_info *out);

enum change_kind {
	CHANGE_ADDED,
	CHANGE_MODIFIED,
	CHANGE_RENAMED, /* old_path → path, content may differ too */
	CHANGE_DELETED,
};

enum entry_kind {
	ENTRY_FILE,
	ENTRY_SYMLINK,
	ENTRY_SUBMODULE,
};

/* One changed path. Strings are owned by the list. */
struct change {
	enum change_kind kind;
	enum entry_kind entry;
	char *path;	/* the new path (the old one when deleted) */
	char *old_path; /* the old path, or NULL when added */
	char oid[41];	/* the new blob; "" when read from the work tree */
	char old_oid[41];
	bool worktree; /* the new content is the work tree's file */
};

struct changes {
	struct change *v;
	size_t n;
	size_t cap;
};

void changes_release(struct changes *c);

/* Sorts changes by path. */
void changes_sort(struct changes *c);

/*
 * The files that `filter` accepts which changed between the trees of
 * commits `base` and `head`; `head` NULL means the work tree (with the
 * index, and files not yet added). Renames are followed; sorted by path.
 * Submodules whose path changed are listed too, as ENTRY_SUBMODULE.
 */
int repo_diff(struct repo *g, const char *base, const char *head,
	      const struct path_filter *filter, struct changes *out,
	      struct buf *err);

/*
 * The files that `filter` accepts in the tree of commit `sha` (40 hex),
 * as CHANGE_ADDED changes sorted by path.
 */
int repo_tree_files(struct repo *g, const char *sha,
		    const struct path_filter *filter, struct changes *out,
		    struct buf *err);

/*
 * Appends the file at `path` in commit `sha`'s tree (NULL: the work
 * tree) to `out`: FK_FOUND; 0 when there is no such file, or it is larger
 * than `max_size` or not a regular file; FK_ENOMEM.
 */
int repo_path_read(struct repo *g, const char *sha, const char *path,
		   size_t max_size, struct buf *out);

/* 1-based inclusive line ranges of a file's new version. */
struct line_range {
	uint32_t first, last;
};

struct line_ranges {
	struct line_range *v;
	size_t n;
	size_t cap;
};

void line_ranges_release(struct line_ranges *r);
bool line_ranges_touch(const struct line_ranges *r, uint32_t first,
		       uint32_t last);

/*
 * The lines of a file's new version (`data`, `len` bytes) that are not
 * in its old version, blob `old_oid`; a deletion marks the line after
 * it.
 */
int repo_changed_lines(struct repo *g, const char *old_oid, const char *data,
		       size_t len, struct line_ranges *out, struct buf *err);

/*
 * A blob's bytes (malloc'd, one spare byte after them), or the work tree
 * file's when `c->worktree`. Returns 0; FK_TOO_LARGE when it is larger than
 * `max_size` (nothing read); FK_EGIT when the object is missing or
 * corrupt.
 */
int repo_blob(struct repo *g, const char *oid, size_t max_size, char **data,
	      size_t *len, struct buf *err);
int repo_worktree_file(struct repo *g, const char *path, size_t max_size,
		       char **data, size_t *len, struct buf *err);

/*
 * A walk over the commits reachable from a revision, oldest first
 * (topological order: parents before children), each with the changes
 * its first parent's tree does not have. Merge commits bring nothing
 * of their own unless `first_parent` is set, where a merge carries the
 * whole merged branch.
 */
struct walk_opts {
	const char *rev; /* default "HEAD" */
	bool first_parent;
	size_t max_commits; /* the newest N; 0: all */
	int64_t since;	    /* commits older than this are left out; 0 */
	const struct path_filter *filter; /* borrowed for the walk */
};

struct walk;

/*
 * A part of the history the walk went past: a tree or a commit that is
 * missing or corrupt. `path` is the tree's folder ("." for a commit's
 * root tree or for a commit itself).
 */
struct walk_problem {
	const char *path;
	const char *message;
};

struct walk_commit {
	struct commit_info info; /* strings valid until the next call */
	bool merge;
	struct changes changes;
	/*
	 * What could not be read at this commit (valid until the next
	 * call). A folder whose tree is missing brings no changes here;
	 * the next commit that can read it is compared with the last
	 * version read before it, so its changes are seen there. A
	 * missing parent makes this commit a root: it adds every file.
	 */
	const struct walk_problem *problems;
	size_t nproblems;
};

int walk_open(struct walk **out, struct repo *g, const struct walk_opts *opts,
	      struct buf *err);
void walk_free(struct walk *w);

/* The revision walked, as 40 hex digits. */
const char *walk_rev(const struct walk *w);

/* How many commits the walk will visit. */
size_t walk_total(const struct walk *w);

/*
 * FK_ITEM with `out` filled, 0 at the end, or an error (FK_ENOMEM; FK_EGIT
 * when the commit itself, which the walk read before, cannot be read
 * again). A missing or corrupt tree, parent or blob of a renamed file is
 * no error: it is listed in out->problems and the walk goes on.
 */
int walk_next(struct walk *w, struct walk_commit *out, struct buf *err);

/*
 * The blob at `path` in the walked revision's tree: 1 and `oid` filled,
 * or 0 when the path is not there.
 */
int walk_rev_blob(struct walk *w, const char *path, char oid[41],
		  enum entry_kind *kind);

#endif
