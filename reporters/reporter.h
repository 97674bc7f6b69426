#ifndef FKAUDIT_REPORTER_H
#define FKAUDIT_REPORTER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "buf.h"
#include "config.h"
#include "result.h"
#include "vcs.h"

/*
 * Report formats. A reporter is a function of the whole, finished result
 * and these options: it never re-reads files nor re-parses SQL. It writes
 * to `out` and returns 0, or -1 when writing failed or memory ran out.
 */
struct report_opts {
	bool color;		    /* ANSI colours (text) */
	bool include_suppressed;    /* SARIF: suppressed findings too */
	const char *sarif_category; /* SARIF automationDetails.id */
	const struct vcs_info *vcs; /* where the run stands; may be NULL */
	int exit_code;		    /* the run's exit status */
	bool execution_successful;  /* every path given could be read */
	const char *step_summary;   /* github: $GITHUB_STEP_SUMMARY, or NULL */
	bool sarif_fixed;	    /* SARIF: fixed history findings too */
	/* rule levels set by the configuration (SARIF rules); may be NULL */
	const struct config *config;
};

struct reporter {
	const char *name; /* the --format value */
	int (*emit)(const struct result *res, const struct report_opts *opts,
		    FILE *out);
};

/* The reporter for a --format name, or NULL. */
const struct reporter *reporter_find(const char *name);

extern const struct reporter *const reporter_registry[];
extern const size_t reporter_count;

int report_text(const struct result *res, const struct report_opts *opts,
		FILE *out);
int report_sarif(const struct result *res, const struct report_opts *opts,
		 FILE *out);
int report_junit(const struct result *res, const struct report_opts *opts,
		 FILE *out);
int report_json(const struct result *res, const struct report_opts *opts,
		FILE *out);
int report_github(const struct result *res, const struct report_opts *opts,
		  FILE *out);

/*
 * A reported path (already relative to the repository root, or to the
 * run's folder when there is no repository) with "." and ".." resolved,
 * appended to `out`. Returns false when the path lies outside the root
 * (or is absolute): then `out` holds it unchanged.
 */
bool report_repo_path(const struct report_opts *opts, const char *path,
		      struct buf *out);

/* Appends "2 errors, 1 warning, 0 notes" for the unsuppressed counts. */
void report_count_levels(struct buf *out, const struct result_counts *c);

/* Appends "2024-03-01" for a commit time in its author's time zone. */
void report_date(struct buf *out, int64_t time, int offset);

/* Appends "2024-03-01T10:00:00+01:00" (ISO 8601, author's zone). */
void report_datetime(struct buf *out, int64_t time, int offset);

/*
 * Appends a commit for people: "49e5f74 (2024-03-01, Alice): add
 * orders fk". Nothing when `index` is NO_COMMIT.
 */
void report_commit(struct buf *out, const struct result *res, size_t index);

/* "present", "fixed", "deleted" */
const char *report_state_name(enum finding_state state);

/*
 * A history finding's state as reports name it: report_state_name(), or
 * "suppressed" for one at the revision that a commit suppressed
 * (finding.suppressed_in).
 */
const char *report_finding_state(const struct finding *f);

/* A finding's identity (finding.key) as 16 hex digits, into `buf`. */
void report_key(char buf[17], const struct finding *f);

/* "new" or "unchanged" against a baseline; NULL when not compared. */
const char *report_baseline_name(const struct finding *f);

/*
 * Whether a finding goes into reports meant for a code host (SARIF,
 * annotations): not in a file gone from the revision, and present
 * there (or fixed, when `fixed_too`).
 */
bool report_placeable(const struct result *res, const struct finding *f,
		      bool fixed_too);

/* Appends `s` percent-encoded as a URI path (RFC 3986; '/' kept). */
void report_uri_encode(struct buf *out, const char *s);

/* The project's home page, for SARIF informationUri and help links. */
#define FKAUDIT_HOMEPAGE "https://github.com/fkaudit/fkaudit"

#endif
