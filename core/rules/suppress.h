#ifndef FKAUDIT_SUPPRESS_H
#define FKAUDIT_SUPPRESS_H

#include <stddef.h>

#include "result.h"
#include "rule.h"

/*
 * Applies the file's "-- fkaudit:ignore RULE[,RULE] reason" and
 * "-- fkaudit:ignore-file RULE[,RULE] reason" comments to its findings
 * (those from index `first` on in res->findings), marking matches as
 * suppressed with their reason, then reports FK014 for each rule named
 * by a suppression that matched nothing, each unknown rule and each
 * misspelt directive. Returns 0 or FK_ENOMEM.
 */
int suppress_apply(struct result *res, const struct audit_file *file,
		   size_t first);

#endif
