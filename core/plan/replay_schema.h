#ifndef FKAUDIT_REPLAY_SCHEMA_H
#define FKAUDIT_REPLAY_SCHEMA_H

#include <stddef.h>

#include "plan.h"
#include "replay.h"
#include "stmt.h"

/*
 * The schema half of replay_apply(): the effects of CREATE / ALTER /
 * DROP TABLE, CREATE / DROP INDEX and RENAME on the replayed tables,
 * columns, indexes and foreign keys. The lookups it serves are declared
 * in replay.h. Returns 0 or FK_ENOMEM.
 */
int replay_schema_apply(struct replay *r, const struct stmt *st, size_t i,
			const struct tx *tx);

#endif
