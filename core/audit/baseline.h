#ifndef FKAUDIT_BASELINE_H
#define FKAUDIT_BASELINE_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "result.h"
#include "strmap.h"

/*
 * A baseline: the findings of an earlier fkaudit report (its JSON, or its
 * SARIF), by their identity (path and finding.key: the rule, the message
 * without numbers, what the statement runs), so that they survive line
 * moves and reformatting. A finding of a run is then `new` or
 * `unchanged`, and a baseline finding that no finding matches is
 * `absent`; only new findings fail the run (result_max_level()).
 */
struct baseline {
	struct strmap seen; /* "path\x1fkey" -> count (uintptr_t) */
	struct arena arena;
	size_t n;
	const char *name; /* the file, for messages; borrowed */
};

/*
 * Reads a report: fkaudit's JSON (findings[].path, .key, .state), or SARIF
 * (results[] with partialFingerprints "fkaudit/v1" and their artifact
 * URI). Suppressed findings, and history's fixed and deleted ones, are
 * not in it. Returns 0; FK_ECONFIG with the reason in `err` when it is no
 * such report; FK_ENOMEM.
 */
int baseline_parse(struct baseline *b, const char *text, size_t len,
		   struct buf *err);

/*
 * Marks every finding of `res` new or unchanged (a baseline finding
 * matches one finding of the same path and key), and counts the three
 * in res->baseline_*. Returns 0 or FK_ENOMEM.
 */
int baseline_apply(const struct baseline *b, struct result *res);

void baseline_release(struct baseline *b);

#endif
