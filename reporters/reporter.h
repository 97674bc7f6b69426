#ifndef FKAUDIT_REPORTER_H
#define FKAUDIT_REPORTER_H

#include <stdbool.h>
#include <stdio.h>

#include "result.h"

/*
 * A report format. A reporter is a function of the whole, finished
 * result: it never re-reads files nor re-parses SQL. It writes to `out`
 * and returns 0, or -1 when writing failed.
 */
struct report_opts {
	bool color;  /* ANSI colours (text) */
	const char *tool_version;
};

struct reporter {
	const char *name; /* the --format value */
	int (*emit)(const struct result *res, const struct report_opts *opts,
		    FILE *out);
};

/* The reporter for a --format name, or NULL. */
const struct reporter *reporter_find(const char *name);

/* The names, for --help: "text". */
extern const struct reporter *const reporter_registry[];
extern const size_t reporter_count;

int report_text(const struct result *res, const struct report_opts *opts,
		FILE *out);

#endif
