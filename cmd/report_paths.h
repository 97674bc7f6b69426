#ifndef FKAUDIT_REPORT_PATHS_H
#define FKAUDIT_REPORT_PATHS_H

#include <stddef.h>

#include "options.h"

/*
 * What a run reads, so that no report replaces it: the files it was
 * given or found (compared by device and inode, so only files that
 * exist count), and, when `workdir` is set, every file of that work
 * tree that the configuration takes for a migration.
 */
struct run_inputs {
	char **paths; /* owned, as given */
	size_t n, cap;
	const char *workdir; /* borrowed; absolute, trailing '/'; or NULL */
	const struct config *config; /* borrowed; for `workdir` */
};

#define RUN_INPUTS_INIT                \
	{                              \
		NULL, 0, 0, NULL, NULL \
	}

/* Adds a file the run reads (a copy); 0 or FK_ENOMEM. "-" is ignored. */
int run_inputs_add(struct run_inputs *in, const char *path);

/*
 * Adds the configuration file (--config, else `root` + ".fkaudit.json";
 * `root` may be NULL) and its "seed" files under `root`. 0 or FK_ENOMEM.
 */
int run_inputs_add_config(struct run_inputs *in, const struct run_opts *o,
			  const char *root);

void run_inputs_release(struct run_inputs *in);

/*
 * Refuses, before anything is audited or written, a report option that
 * names an input, or two report options that name the same file (by
 * device and inode when it exists, else by resolved path; devices and
 * pipes, written in place, may be shared). Returns 0, or EXIT_USAGE
 * after one message on stderr that names the options and the paths:
 *
 *   fkaudit check: --output '001.sql' is a file this run reads; ...
 *   fkaudit check: --sarif 'r.json' and --json './r.json' name the same
 *   file: ...
 *
 * EXIT_RUNTIME when out of memory.
 */
int report_paths_check(const struct output_opts *o, const char *cmd,
		       const struct run_inputs *in);

/*
 * report_paths_check() for diff and history: the inputs are the
 * configuration, its seeds and the migrations of the work tree at
 * `workdir` (NULL for a bare repository).
 */
int report_paths_check_repo(const struct run_opts *o, const char *cmd,
			    const char *workdir);

#endif
