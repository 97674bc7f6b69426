#ifndef FKAUDIT_REPLAY_H
#define FKAUDIT_REPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "linemap.h"
#include "plan.h"
#include "stmt.h"
#include "strmap.h"

/*
 * What is known of the database as migrations are replayed in order: the
 * tables and foreign keys the audited statements created, and the
 * session settings in force (search_path, lock_timeout). Rules read it
 * as it was before their statement; replay_apply() then adds the
 * statement's effects.
 *
 * Names are resolved as PostgreSQL would: an unqualified name belongs to
 * the first schema of search_path that has it, or to the first schema
 * of search_path when new ("public" by default).
 */
struct table_state {
	const char *schema;
	const char *name;
	uint32_t deploy;  /* the deploy that created it (0: seeded, or a
			     table only referred to) */
	bool partitioned; /* PARTITION BY */
};

struct fk_state {
	const char *schema; /* the referencing table */
	const char *table;
	const char *name;   /* as given, or PostgreSQL's default name */
	struct qname ref;   /* the referenced table, as written */
	bool not_valid;     /* added NOT VALID and not validated since */
	uint32_t added_tx;
	size_t added_stmt;
	uint32_t added_off; /* file offset of its constraint clause */
	const char *added_path; /* the file that added it */
	uint32_t added_line;
};

struct replay {
	struct arena arena;
	struct strmap tables; /* "schema\x1fname" -> struct table_state */
	struct strmap fks;    /* "schema\x1ftable\x1fname" -> fk_state */
	const char **search_path;
	size_t nsearch_path;

	/* lock_timeout: set for the session, or SET LOCAL for one tx */
	bool lt_session;
	bool lt_local;
	uint32_t lt_local_tx;
	bool lt_session_at_begin; /* restored by ROLLBACK */
	uint32_t last_tx;
	bool any_tx;
	uint32_t next_tx; /* the first transaction id of the next file */
	/*
	 * The deploy being replayed: the migrations that run together, on
	 * tables that hold no rows yet when they created them. A table
	 * created by an earlier deploy is an existing table.
	 */
	uint32_t deploy;
	/* the transaction of a framework that runs a deploy in one (Drizzle) */
	uint32_t deploy_tx_id;
	uint32_t deploy_tx_of; /* the deploy it belongs to */
	/* the file being replayed (borrowed; set by the audit), for fk_state */
	const char *cur_path;
	const struct linemap *cur_lines;
};

void replay_init(struct replay *r);
void replay_release(struct replay *r);

/*
 * Starts the next migration of a run that shares one replay across
 * files: tables and foreign keys stay, the session settings (search_path,
 * lock_timeout) start afresh, as each migration gets its own session.
 */
void replay_begin_file(struct replay *r);

/*
 * Starts a new deploy: the tables replayed so far become existing
 * tables, with the rows production gave them since. replay_init()
 * starts the first deploy.
 */
void replay_begin_deploy(struct replay *r);

/* The schema an unqualified or qualified name resolves to (borrowed). */
const char *replay_schema_of(const struct replay *r, const struct qname *q);

/* Whether the table was created by the current deploy. */
bool replay_table_is_new(const struct replay *r, const struct qname *q);

/* A foreign key of `table` named `name`, or NULL. */
const struct fk_state *replay_find_fk(const struct replay *r,
				      const struct qname *table,
				      const char *name);

/*
 * Whether a lock_timeout is in force for a statement of transaction
 * `tx`: one SET for the session, or SET LOCAL in this transaction.
 */
bool replay_lock_timeout(const struct replay *r, const struct tx *tx);

/*
 * Adds the effects of statement `st` (index `i`, at `tx`). Returns 0 or
 * FK_ENOMEM.
 */
int replay_apply(struct replay *r, const struct stmt *st, size_t i,
		 const struct tx *tx);

/*
 * The name PostgreSQL gives an unnamed foreign key: <table>_<cols>_fkey
 * (in `arena`; NULL when out of memory).
 */
const char *fk_default_name(struct arena *arena, const char *table,
			    const char *const *cols, size_t ncols);

#endif
