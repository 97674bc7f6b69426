#ifndef FKAUDIT_SOURCE_H
#define FKAUDIT_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "framework.h"
#include "result.h"

/*
 * Which paths of a git source are migrations, as the driver decides
 * (discover_filter_init()): `wants` is asked about each file by its
 * repository-relative path, `enters` (NULL: every folder) about each
 * folder ("db/legacy"; "" for the root is not asked). A folder it refuses
 * is not read, nor anything under it, and a submodule there is not seen.
 */
struct path_filter {
	bool (*wants)(void *ctx, const char *path);
	bool (*enters)(void *ctx, const char *dir);
	void *ctx;
};

/*
 * What every source gives its driver: one file at a time, as its path,
 * its bytes (or why there are none) and where they came from. Three
 * sources make them:
 *
 *   - the file system (fs_source.h): the files and folders of `check`;
 *   - a revision's changes (git_content.h, change_source_next()): the
 *     files `diff` audits and the base it replays;
 *   - the history walk (git_source.h, walk_next()): each commit's changes,
 *     read with repo_item_read() as the history needs them (a blob
 *     already audited is not read again).
 *
 * A source only finds and reads: which files are migrations, and in which
 * order they run, the driver decides and passes in (fs_filter,
 * path_filter, changes_sort_migrations()).
 */
enum origin_kind {
	ORIGIN_FILE,	 /* a file-system path */
	ORIGIN_STDIN,	 /* standard input: nothing is near it */
	ORIGIN_BLOB,	 /* a blob of a revision's tree */
	ORIGIN_WORKTREE, /* a git work tree's file */
};

struct repo;
struct change;

struct source_origin {
	enum origin_kind kind;
	struct repo *repo; /* git origins; borrowed */
	/* the commit whose tree holds the files near it (NULL: work tree) */
	const char *rev;	     /* borrowed */
	char oid[41];		     /* the blob; "" for other origins */
	const struct change *change; /* the change it comes from, or NULL */
};

struct source_item {
	char *path; /* as reports show it; owned */
	char *data; /* contents, then a NUL; owned; NULL if none */
	size_t len;
	enum file_status status; /* why there is no data */
	char *problem;		 /* the words for it; owned; or NULL */
	struct source_origin origin;
	/* reads the file `rel` beside it (near_reader's contract); NULL: none */
	int (*near_read)(const struct source_item *item, const char *rel,
			 struct buf *out);
};

/*
 * The reader of the files near `item` (framework.h), for audit_opts.near:
 * its context is `item` itself, so it holds while `item` stays where it
 * is. `read` is NULL when nothing is near it (standard input).
 */
struct near_reader source_item_near(const struct source_item *item);

/* Frees what the item owns and zeroes it. */
void source_item_release(struct source_item *item);

#endif
