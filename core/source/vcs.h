#ifndef FKAUDIT_VCS_H
#define FKAUDIT_VCS_H

#include <stdbool.h>

#include "buf.h"

/*
 * Where a `check` run stands in git, for reports: the repository's work
 * tree, the current folder relative to it (so that paths given relative
 * to the current folder can be made repository-relative), and what SARIF
 * calls version control provenance. Only this and the git sources know
 * libgit2.
 */
struct vcs_info {
	bool found;	  /* the current folder is inside a git work tree */
	char *prefix;	  /* current folder relative to the root: "" or "db/" */
	char *root;	  /* absolute work tree path, with a trailing '/' */
	char *remote_url; /* origin as https, without credentials; or NULL */
	char *revision;	  /* HEAD's 40-hex id; NULL on an unborn branch */
	char *branch;	  /* the current branch's short name, or NULL */
	char **gitlinks;  /* the index's submodules, root-relative, sorted */
	size_t ngitlinks;
};

/*
 * Looks for the repository holding folder `dir` (GIT_CEILING_DIRECTORIES
 * is honoured), with libgit2 initialised for the call only. Not finding one is not an error: `found` stays false.
 * Returns 0, or -1 when out of memory. Free with vcs_info_release().
 */
int vcs_describe(struct vcs_info *out, const char *dir);
void vcs_info_release(struct vcs_info *info);

/*
 * `prefix` + `path` with "." and ".." resolved, appended to `out`:
 * ("app/", "../db/1.sql") gives "db/1.sql". Returns false when the
 * result would leave the root, or `path` is absolute: then `out` gets
 * `path` unchanged.
 */
bool path_normalize(const char *prefix, const char *path, struct buf *out);

/*
 * A path given relative to the current folder, made relative to the
 * repository's root (see path_normalize; `vcs->found` must be true).
 */
bool vcs_repo_path(const struct vcs_info *vcs, const char *path,
		   struct buf *out);

/*
 * Whether root-relative `path` is a submodule in the index (a gitlink),
 * checked out or not.
 */
bool vcs_is_gitlink(const struct vcs_info *vcs, const char *path);

/*
 * A remote URL as https://host/path, without user or password:
 * "git@github.com:o/r.git" and "https://u:p@github.com/o/r.git" both
 * give "https://github.com/o/r". NULL when it is a local path or out of
 * memory. The caller frees it.
 */
char *vcs_normalize_remote(const char *url);

#endif
