#ifndef FKAUDIT_HISTORY_H
#define FKAUDIT_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

#include "audit.h"
#include "buf.h"
#include "git_source.h"
#include "result.h"

/*
 * `fkaudit history`: every commit reachable from a revision, oldest
 * first. Each commit's added and edited migrations are audited (the
 * migrations one commit adds share a schema state, as one deploy), and
 * each finding is attributed to the commit that introduced it: the first
 * version of its file to have it. A later version without it fixes it;
 * deleting the file ends it. A blob is audited once per path, whatever
 * number of commits carry it (what a file is depends on its path).
 *
 * The result holds the files present at the revision that the walk
 * audited, and the files with findings that no longer exist there
 * (file_result.gone); findings carry their state and commits.
 */
struct history_opts {
	struct walk_opts walk; /* its filter is the driver's own */
	size_t max_size;
	struct audit_opts audit;
	/* called after each commit, when set */
	void (*progress)(void *ctx, size_t done, size_t total);
	void *progress_ctx;
	/*
	 * called, when set, for each part of the history the walk could
	 * not read and went past (a missing tree or commit); `path` is a
	 * folder, "." for the whole commit
	 */
	void (*problem)(void *ctx, const char *path, const char *message);
	void *problem_ctx;
};

struct history_stats {
	size_t commits;	     /* walked */
	size_t with_changes; /* that added, edited or deleted a migration */
	size_t blobs;	     /* distinct file versions audited */
	size_t reused;	     /* times an audited version was met again */
	char rev[41];	     /* the revision walked */
};

/*
 * Returns 0, or an error: FK_EGIT (message in `err`) when the walk
 * cannot start (unknown revision, a shallow clone). A blob that cannot
 * be read is recorded as a file problem (which fails the run only if it
 * is the version at the revision) and the walk goes on; so is a tree or
 * commit that cannot be read (out->files gets an unreadable entry at its
 * folder, which fails the run: what it held was not audited).
 */
int history_audit(struct repo *g, const struct history_opts *o,
		  struct result *out, struct history_stats *stats,
		  struct buf *err);

#endif
