#ifndef FKAUDIT_OPTIONS_H
#define FKAUDIT_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

#include "result.h"

/*
 * Options every auditing subcommand shares: how to report and when to
 * fail. Each subcommand adds these to its getopt_long table with
 * OUTPUT_OPTIONS and passes unknown codes to output_opts_parse().
 */
enum color_when { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

struct output_opts {
	enum level fail_level;
	enum color_when color;
	const char *format;
};

#define OUTPUT_OPTS_INIT { LEVEL_ERROR, COLOR_AUTO, "text" }

enum {
	OPT_FAIL_LEVEL = 1000,
	OPT_COLOR,
	OPT_FORMAT,
	OPT_FIRST_PRIVATE, /* subcommands number their own from here */
};

#define OUTPUT_OPTIONS                                              \
	{ "fail-level", required_argument, NULL, OPT_FAIL_LEVEL }, \
		{ "color", required_argument, NULL, OPT_COLOR },   \
		{ "format", required_argument, NULL, OPT_FORMAT }

#define OUTPUT_HELP                                                          \
	"  --format FORMAT      report format: text (default)\n"             \
	"  --fail-level LEVEL   exit 1 on findings at or above LEVEL: error\n" \
	"                       (default), warning, note, or none\n"        \
	"  --color WHEN         colour the text report: auto (default: on a\n" \
	"                       terminal, unless NO_COLOR is set), always,\n" \
	"                       never\n"

/*
 * Handles one of the shared options. Returns 1 when `code` was one, 0
 * when it is not, -1 (after a message on stderr) when its value is bad.
 */
int output_opts_parse(struct output_opts *o, const char *cmd, int code,
		      const char *arg);

/* Prints "fkaudit CMD: MSG" and the --help hint on stderr. */
void usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Writes the report to stdout and returns the run's exit code: 2 if a
 * path given does not exist, 3 if a file could not be audited or the
 * report could not be written, 1 on findings at or above the fail
 * level, else 0.
 */
int output_finish(const struct result *res, const struct output_opts *o);

#endif
