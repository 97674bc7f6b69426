#ifndef FKAUDIT_OPTIONS_H
#define FKAUDIT_OPTIONS_H

#include <stdbool.h>
#include <getopt.h>
#include <stddef.h>
#include <stdio.h>

#include "audit.h"
#include "baseline.h"
#include "config.h"
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
	const char *format; /* for standard output or --output */
	const char *output; /* --output FILE, or NULL for stdout */
	const char *sarif;  /* --sarif FILE */
	const char *junit;  /* --junit FILE */
	const char *json;   /* --json FILE */
	bool include_suppressed;
	const char *sarif_category;
	bool sarif_fixed; /* history: fixed findings in SARIF too */
};

#define OUTPUT_OPTS_INIT                                                 \
	{                                                                \
		LEVEL_ERROR, COLOR_AUTO, "text", NULL, NULL, NULL, NULL, \
			false, "fkaudit/", false                         \
	}

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
	OPT_ASSUME_TX,
	OPT_MAX_SIZE,
	OPT_QUIET,
	OPT_SARIF_FIXED,
	OPT_CONFIG,
	OPT_BASELINE,
	OPT_FIRST_PRIVATE, /* subcommands number their own from here */
};

#define OUTPUT_OPTIONS                                                        \
	{ "fail-level", required_argument, NULL, OPT_FAIL_LEVEL },            \
		{ "color", required_argument, NULL, OPT_COLOR },              \
		{ "format", required_argument, NULL, OPT_FORMAT },            \
		{ "output", required_argument, NULL, OPT_OUTPUT },            \
		{ "sarif", required_argument, NULL, OPT_SARIF },              \
		{ "junit", required_argument, NULL, OPT_JUNIT },              \
		{ "json", required_argument, NULL, OPT_JSON },                \
		{ "include-suppressed", no_argument, NULL,                    \
		  OPT_INCLUDE_SUPPRESSED },                                   \
	{                                                                     \
		"sarif-category", required_argument, NULL, OPT_SARIF_CATEGORY \
	}

#define OUTPUT_HELP                                                            \
	"Reports:\n"                                                           \
	"  --format FORMAT      standard output (or --output) as text\n"       \
	"                       (default), sarif, junit, json or github\n"     \
	"  -o, --output FILE    write that report to FILE, not stdout\n"       \
	"  --sarif FILE         also write SARIF 2.1.0 to FILE\n"              \
	"  --junit FILE         also write JUnit XML to FILE\n"                \
	"  --json FILE          also write the JSON report to FILE\n"          \
	"  --include-suppressed list suppressed findings in SARIF too\n"       \
	"  --sarif-category ID  SARIF automationDetails.id (default\n"         \
	"                       fkaudit/)\n"                                   \
	"  --fail-level LEVEL   exit 1 on findings at or above LEVEL: error\n" \
	"                       (default), warning, note, or none\n"           \
	"  --color WHEN         colour the text report: auto (default: on a\n" \
	"                       terminal, unless NO_COLOR is set), always,\n"  \
	"                       never\n"

/*
 * What the auditing subcommands (check, diff, history) share beyond the
 * reports: -C, how files run, size limits, --quiet, the configuration.
 */
struct run_opts {
	struct output_opts out;
	struct audit_opts audit;
	size_t max_size;
	bool quiet;
	const char *config_file;   /* --config FILE, or NULL */
	const char *baseline_file; /* --baseline FILE, or NULL */
	/* its findings, once run_config_load() has read it; owned */
	struct baseline baseline;
	/*
	 * The configuration, once run_config_load() has read it (empty
	 * until then, and when there is no file); owned, freed by
	 * run_opts_release().
	 */
	struct config config;
};

#define DEFAULT_MAX_FILE_SIZE ((size_t)256 << 20)

#define RUN_OPTS_INIT                                                     \
	{                                                                 \
		OUTPUT_OPTS_INIT, AUDIT_OPTS_INIT, DEFAULT_MAX_FILE_SIZE, \
			false, NULL, NULL, { { 0 }, { 0 }, 0, NULL },     \
		{                                                         \
			0                                                 \
		}                                                         \
	}

/* getopt_long entries; the short options are "C:o:h". */
#define RUN_OPTIONS                                                         \
	{ "assume-transaction", no_argument, NULL, OPT_ASSUME_TX },         \
		{ "max-file-size", required_argument, NULL, OPT_MAX_SIZE }, \
		{ "quiet", no_argument, NULL, OPT_QUIET },                  \
		{ "config", required_argument, NULL, OPT_CONFIG },          \
		{ "baseline", required_argument, NULL, OPT_BASELINE },      \
		{ "help", no_argument, NULL, 'h' }, OUTPUT_OPTIONS

#define RUN_HELP                                                               \
	"  -C DIR               run as if started in DIR\n"                    \
	"  --config FILE        read the configuration from FILE (default:\n"  \
	"                       .fkaudit.json at the repository root)\n"       \
	"  --baseline FILE      an earlier JSON or SARIF report of fkaudit:\n" \
	"                       findings in it are unchanged, the others\n"    \
	"                       new, and only new ones fail the run\n"         \
	"  --assume-transaction each file runs in one transaction, as most\n"  \
	"                       migration runners do (goose, Flyway, sqlx, "   \
	"…)\n"                                                               \
	"  --max-file-size SIZE skip larger files, with an error (default\n"   \
	"                       256M; suffixes K, M, G)\n"                     \
	"  -q, --quiet          no progress or notes on standard error\n"      \
	"  -h, --help           show this help\n"

/*
 * Handles a shared option (RUN_OPTIONS, -C, -o, -q). Returns 1 when
 * `code` was one, 0 when it is not, -1 (after a message) when its value
 * is bad. -C changes the current folder at once, as git does.
 */
int run_opts_parse(struct run_opts *o, const char *cmd, int code,
		   const char *arg);

/*
 * The getopt_long loop every auditing subcommand runs: shared options,
 * then `extra` for the subcommand's own (called with each code it does
 * not know; it returns like run_opts_parse). Returns 0, 1 after --help
 * (printed from `usage`), or -1 after a usage error.
 */
int run_opts_getopt(int argc, char **argv, struct run_opts *o, const char *cmd,
		    const char *usage, const struct option *longopts,
		    int (*extra)(void *ctx, int code, const char *arg),
		    void *ctx);

/*
 * Reads the configuration into o->config: the file --config names, else
 * `root` + ".fkaudit.json" when that exists (`root` is the repository's
 * root with a trailing '/', "" for the current folder, or NULL for no
 * default file). Returns 0, or the exit code after a message on stderr:
 * EXIT_USAGE for a bad file or a missing --config file ("fkaudit:
 * .fkaudit.json: $.rules.FK099: unknown rule"), EXIT_RUNTIME when out
 * of memory. Call it before anything is written.
 */
int run_config_load(struct run_opts *o, const char *root);

/* Frees what run_config_load() read. */
void run_opts_release(struct run_opts *o);

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

/*
 * Writes `s` (a path, or a message that names one) as messages show
 * names: escaped by utf8_escape(), so valid UTF-8 on one line.
 */
void put_shown(FILE *out, const char *s);

/* Prints "fkaudit CMD: MSG" and the --help hint on stderr. */
void usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Ends an auditing subcommand. When `err` is negative the run failed:
 * prints "fkaudit CMD: out of memory" (FK_ENOMEM) or "fkaudit CMD:
 * MSG", and returns EXIT_RUNTIME. Else applies the configuration's rule
 * levels (config_apply_levels()), sorts the findings and writes the
 * reports (output_finish()).
 */
int run_finish(const char *cmd, int err, const char *msg, struct result *res,
	       const struct run_opts *o, const struct vcs_info *vcs);

/*
 * Writes every report asked for and returns the run's exit code: 2 if a
 * path given does not exist, 3 if a file could not be audited or a
 * report could not be written, 1 on findings at or above the fail
 * level, else 0. Report files are written to a temporary name beside
 * them and renamed, so they are whole or absent. `cfg` (may be NULL)
 * gives SARIF the configured rule levels.
 */
int output_finish(const struct result *res, const struct output_opts *o,
		  const struct vcs_info *vcs, const struct config *cfg);

#endif
