#ifndef FKAUDIT_PLAN_H
#define FKAUDIT_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "stmt.h"

/*
 * The transactions a migration's statements will really run in. How a
 * file is sent decides it as much as its own BEGIN and COMMIT: a
 * framework may wrap the whole file in a transaction, or send it as one
 * multi-statement string, which PostgreSQL runs as one implicit
 * transaction. Framework discovery picks the mode; `check` takes it
 * from --assume-transaction.
 */
enum tx_mode {
	TX_MODE_AUTOCOMMIT, /* statements run one by one; BEGIN/COMMIT rule */
	TX_MODE_WRAPPED,    /* the runner wraps the file in BEGIN … COMMIT */
	TX_MODE_IMPLICIT,   /* the file is sent as one multi-statement string */
};

enum tx_source {
	TX_NONE,     /* autocommit: the statement is its own transaction */
	TX_EXPLICIT, /* the file's own BEGIN / START TRANSACTION */
	TX_WRAPPED,  /* the runner's transaction around the file */
	TX_IMPLICIT, /* PostgreSQL's implicit multi-statement transaction */
};

struct tx {
	uint32_t id; /* equal ids: the same transaction */
	enum tx_source source;
	bool block;   /* in a transaction block: CONCURRENTLY fails */
	size_t begin; /* TX_EXPLICIT: index of its BEGIN */
	/*
	 * TX_WRAPPED, TX_IMPLICIT: who opens it and how to opt out, for
	 * messages (the framework's words); NULL: the run's defaults.
	 */
	const char *runner;
	const char *opt_out;
};

/* A run of statements that the migration tool sends one way. */
struct plan_unit {
	size_t first, n; /* statements [first, first + n) */
	enum tx_mode mode;
	const char *runner;
	const char *opt_out;
	/* TX_MODE_WRAPPED: the id of a transaction shared with other files
	 * (a whole deploy in one transaction); 0: a new one */
	uint32_t shared_id;
};

/*
 * Assigns a transaction to each of the n statements; `out` has n
 * entries. Ids are unique within one call, starting at `first_id`;
 * returns the next free id, so that several files can be planned with
 * ids that never collide.
 */
uint32_t plan_build(const struct stmt *stmts, size_t n, enum tx_mode mode,
		    uint32_t first_id, struct tx *out);

/*
 * The same for a file whose statements fall into several units (one
 * transaction per changeset, per section, …), in order; `stmts` and
 * `out` are the whole file's.
 */
uint32_t plan_build_units(const struct stmt *stmts,
			  const struct plan_unit *units, size_t nunits,
			  uint32_t first_id, struct tx *out);

#endif
