#ifndef FKAUDIT_CMD_H
#define FKAUDIT_CMD_H

#include <stdbool.h>

/*
 * Subcommands. Each is one file, cmd/<name>.c, with an entry point
 * `int cmd_<name>(int argc, char **argv)` that parses its options, wires
 * a source to the pipeline and the reporters, and returns an exit code.
 * To add one: write the file, declare it here, add a row to commands[]
 * in cmd/main.c and the file to cmd/meson.build.
 */

enum exit_code {
	EXIT_CLEAN = 0,	   /* nothing at or above --fail-level */
	EXIT_FINDINGS = 1, /* findings at or above --fail-level */
	EXIT_USAGE = 2,	   /* bad arguments, unknown path, bad config */
	EXIT_RUNTIME = 3,  /* a file could not be audited; I/O; memory */
};

int cmd_check(int argc, char **argv);

struct run_opts;
struct vcs_info;
struct result;

/*
 * check's walk, shared with `sql`: the PATHs of argv[optind..] (none:
 * "."), the repository around the current folder into `vcs`, the
 * configuration into `o`, then check_audit() into `res` (`refuse`:
 * first refuse a report onto one of the inputs). Returns 0 or FK_ENOMEM;
 * `*code` is set to an exit code when the run must stop before auditing
 * (a bad configuration, a refused report), else 0.
 */
int check_walk_run(struct run_opts *o, int argc, char **argv,
		   const char *stdin_path, struct vcs_info *vcs,
		   struct result *res, bool refuse, int *code);
int cmd_diff(int argc, char **argv);
int cmd_history(int argc, char **argv);
int cmd_detect(int argc, char **argv);
int cmd_sql(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_explain(int argc, char **argv);

#endif
