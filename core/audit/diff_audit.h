#ifndef FKAUDIT_DIFF_AUDIT_H
#define FKAUDIT_DIFF_AUDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "audit.h"
#include "buf.h"
#include "git_source.h"
#include "result.h"

/*
 * `fkaudit diff`: the migrations a change adds or edits, audited as one
 * deploy. Files come in the order their frameworks apply them, after the
 * base's migrations are replayed, and share one schema state, so a
 * table that an added migration creates is new for the migrations after
 * it. A migration that existed at the base and changed gets FK012.
 */
struct diff_opts {
	const char *base;   /* the merge base, 40 hex */
	const char *head;   /* 40 hex; NULL: the work tree */
	bool changed_lines; /* only statements that touch changed lines */
	size_t max_size;
	struct audit_opts audit;
};

/*
 * Adds the changed files and their findings to `res`. Returns 0, or an
 * error (FK_EGIT with a message in `err`) when the diff itself cannot
 * be made; a file that cannot be read is recorded, and the rest go on.
 */
int diff_audit(struct repo *g, const struct diff_opts *o, struct result *res,
	       struct buf *err);

#endif
