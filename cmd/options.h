#ifndef FKAUDIT_OPTIONS_H
#define FKAUDIT_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

#include "result.h"
#include "vcs.h"

/*
 * Options every auditing subcommand shares: what to report, where, and
 * when to fail. Each subcommand adds OUTPUT_OPTIONS to its getopt_long
 * table and passes the codes it does not know to output_opts_parse().
 */
enum color_when { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

struct output_opts {
	enum level fail_level;
	enum color_when color;
	const char *format;   /* for standard output or --output */
	const char *output;   /* --output FILE, or NULL for stdout */
	const char *sarif;    /* --sarif FILE */
	const char *junit;    /* --junit FILE */
	const char *json;     /* --json FILE */
	bool include_suppressed;
	const char *sarif_category;
};

#define OUTPUT_OPTS_INIT                                                   \
	{ LEVEL_ERROR, COLOR_AUTO, "text", NULL, NULL, NULL, NULL, false, \
	  "fkaudit/" }

enum {
	OPT_FAIL_LEVEL = 1000,
	OPT_COLOR,
	OPT_FORMAT,
	OPT_OUTPUT,
	OPT_SARIF,
	OPT_JUNIT,
	OPT_JSON,
	OPT_INCLUDE_SUPPRESSED,
	OPT_SARIF_CATEGORY,
	OPT_FIRST_PRIVATE, /* subcommands number their own from here */
};

#define OUTPUT_OPTIONS                                                      \
	{ "fail-level", required_argument, NULL, OPT_FAIL_LEVEL },         \
		{ "color", required_argument, NULL, OPT_COLOR },           \
		{ "format", required_argument, NULL, OPT_FORMAT },         \
		{ "output", required_argument, NULL, OPT_OUTPUT },         \
		{ "sarif", required_argument, NULL, OPT_SARIF },           \
		{ "junit", required_argument, NULL, OPT_JUNIT },           \
		{ "json", required_argument, NULL, OPT_JSON },             \
		{ "include-suppressed", no_argument, NULL,                 \
		  OPT_INCLUDE_SUPPRESSED },                                \
		{ "sarif-category", required_argument, NULL,               \
		  OPT_SARIF_CATEGORY }

#define OUTPUT_HELP                                                          \
	"Reports:\n"                                                         \
	"  --format FORMAT      standard output (or --output) as text\n"     \
	"                       (default), sarif, junit, json or github\n"   \
	"  -o, --output FILE    write that report to FILE, not stdout\n"     \
	"  --sarif FILE         also write SARIF 2.1.0 to FILE\n"            \
	"  --junit FILE         also write JUnit XML to FILE\n"              \
	"  --json FILE          also write the JSON report to FILE\n"        \
	"  --include-suppressed list suppressed findings in SARIF too\n"     \
	"  --sarif-category ID  SARIF automationDetails.id (default\n"       \
	"                       fkaudit/)\n"                                 \
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

/*
 * Whether a report asked for names paths relative to the repository
 * root (SARIF, GitHub annotations), so that the run must find it.
 */
bool output_needs_vcs(const struct output_opts *o);

/* Prints "fkaudit CMD: MSG" and the --help hint on stderr. */
void usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Writes every report asked for and returns the run's exit code: 2 if a
 * path given does not exist, 3 if a file could not be audited or a
 * report could not be written, 1 on findings at or above the fail
 * level, else 0. Report files are written to a temporary name beside
 * them and renamed, so they are whole or absent.
 */
int output_finish(const struct result *res, const struct output_opts *o,
		  const struct vcs_info *vcs);

#endif
