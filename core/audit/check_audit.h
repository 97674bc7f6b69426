#ifndef FKAUDIT_CHECK_AUDIT_H
#define FKAUDIT_CHECK_AUDIT_H

#include <stddef.h>

#include "audit.h"
#include "config.h"
#include "fs_source.h"
#include "result.h"
#include "vcs.h"

/*
 * `fkaudit check`: the files of a file-system source, audited in order on
 * one schema state, after the schema dumps the configuration's "seed"
 * names: each file is a deploy of its own, so the tables of the files
 * before it are existing tables. Reports name a file relative to the
 * repository's root when it is inside the work tree (`vcs`), else as
 * given.
 */
struct check_opts {
	const struct vcs_info *vcs; /* borrowed */
	size_t max_size;
	struct audit_opts audit;
};

/*
 * Adds the files of `src` and their findings to `res`. Returns 0 or
 * FK_ENOMEM; a file that cannot be read is recorded, and the rest go on.
 */
int check_audit(struct fs_source *src, const struct check_opts *o,
		struct result *res);

/*
 * What the walk of a folder leaves out: the configuration's "exclude",
 * the files outside its "migrations" folders, and the folders the index
 * names as submodules. `fs` is the filter to give fs_source_open(); all
 * borrowed, for as long as the filter is used.
 */
struct check_filter {
	struct fs_filter fs;
	const struct config *cfg;
	const struct vcs_info *vcs;
};

void check_filter_init(struct check_filter *f, const struct config *cfg,
		       const struct vcs_info *vcs);

/*
 * The walk alone, without the configuration: the migrations of a folder
 * (discover_is_migration_file()), in the order their frameworks run them
 * (framework_sort()). check_filter_init() starts from it.
 */
void check_walk_filter(struct fs_filter *f);

#endif
