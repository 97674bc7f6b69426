#ifndef FKAUDIT_CMD_H
#define FKAUDIT_CMD_H

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
int cmd_diff(int argc, char **argv);
int cmd_history(int argc, char **argv);
int cmd_detect(int argc, char **argv);
int cmd_sql(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_explain(int argc, char **argv);

#endif
