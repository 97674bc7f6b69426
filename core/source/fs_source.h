#ifndef FKAUDIT_FS_SOURCE_H
#define FKAUDIT_FS_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "result.h"
#include "source.h"

/*
 * The file-system source of `fkaudit check`: the files and folders named
 * on the command line, a folder standing for the .sql files under it
 * (hidden entries skipped; symbolic links and submodules found there
 * noted, FILE_SKIPPED, and not followed), in migration order. A path
 * named on the command line is read even when it is a symbolic link.
 * "-" is standard input. Paths are shown as the user gave them: "db"
 * gives "db/001.sql", "." gives "001.sql". Its items (source.h) have
 * ORIGIN_FILE, or ORIGIN_STDIN for "-", and read the files near them from
 * their own folder.
 */

struct fs_source {
	char **paths; /* to read, in order; "-" for stdin */
	size_t n;
	size_t next;
	size_t max_size; /* larger files are FILE_TOO_LARGE */
	const char *stdin_name;
	FILE *stdin_file; /* borrowed */
	char *walk_error; /* a folder that could not be read, or NULL */
};

/*
 * A near_reader (framework.h) on the file system: `ctx` is the
 * migration's path (a char *); `rel` is read from its folder.
 */
struct buf;
int fs_near_read(void *ctx, const char *rel, struct buf *out);

/*
 * Appends the regular file `path` to `out`: FK_FOUND; 0 when it cannot be read,
 * is not a regular file or is over `max_size` bytes; FK_ENOMEM.
 */
int fs_read_small(const char *path, size_t max_size, struct buf *out);

/*
 * What a folder walk leaves out (the configuration's "exclude"): `skip`
 * is asked about each file and folder found under a folder named on the
 * command line, by its path as reports show it before it is made
 * repository-relative ("db/legacy/001.sql"), `is_dir` for a folder. A
 * path named on the command line is never asked about.
 */
struct near_reader;

struct fs_filter {
	/*
	 * Which files a folder's walk yields: `name` is the file's, `path`
	 * the walked path (NULL: none), and the order of a folder's files
	 * (framework_sort()'s signature; NULL: walk order). The driver
	 * decides both: the source only finds and reads files.
	 */
	bool (*is_migration)(const char *name, const char *path);
	int (*sort)(void *base, size_t n, size_t size,
		    const char *(*item)(void *ctx, const void *elem,
					struct near_reader *near),
		    void *ctx);
	bool (*skip)(void *ctx, const char *path, bool is_dir);
	/*
	 * NULL, or whether a folder found is a submodule although it holds
	 * no .git (one the index names but that is not checked out).
	 */
	bool (*is_submodule)(void *ctx, const char *path);
	void *ctx;
};

/*
 * Collects the files to audit; a folder's files come in the order their
 * frameworks apply them (framework_sort()). A path that does not exist still yields
 * an item (FILE_NOT_FOUND), so the run can report it and go on. `filter`
 * (borrowed for the call; NULL: none) leaves walked paths out. Returns
 * 0 or FK_ENOMEM.
 */
int fs_source_open(struct fs_source *src, const char *const *args, size_t nargs,
		   size_t max_size, const char *stdin_name, FILE *stdin_file,
		   const struct fs_filter *filter);

/* Reads the next file: FK_ITEM with `item` filled, 0 at the end, FK_ENOMEM. */
int fs_source_next(struct fs_source *src, struct source_item *item);

void fs_source_release(struct fs_source *src);

#endif
