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
 * tables the audited statements created (with their columns, indexes
 * and foreign keys), and the session settings in force (search_path,
 * lock_timeout). Rules read it as it was before their statement;
 * replay_apply() then adds the statement's effects. A table that no
 * audited statement created is unknown: nothing is known of its
 * columns or indexes.
 *
 * Names are resolved as PostgreSQL would: an unqualified name belongs to
 * the first schema of search_path that has it, or to the first schema
 * of search_path when new ("public" by default).
 *
 * Everything below lives in the replay's arena: borrowed, valid until
 * replay_release(). Dropped objects stay in memory, marked `dropped`.
 */
struct column_state {
	const char *name;
	const char *type; /* as column_def.type; NULL: not known */
	struct column_state *next;
};

struct table_state;

/* An index: CREATE INDEX, or the one of a PRIMARY KEY or UNIQUE. */
struct index_state {
	const char *schema; /* its table's */
	const char *name;
	struct table_state *table;
	const char **cols; /* key columns in order; NULL: an expression */
	size_t ncols;
	bool primary;
	bool constraint; /* a PRIMARY KEY or UNIQUE constraint's index */
	bool dropped;
	struct index_state *next; /* the table's next index */
};

struct table_state {
	const char *schema;
	const char *name;
	uint32_t deploy;  /* the deploy that created it (0: seeded, or a
			     table only referred to) */
	bool partitioned; /* PARTITION BY */
	bool filled;	  /* created holding rows (CREATE TABLE … AS) */
	bool dropped;
	struct table_state *parent; /* PARTITION OF, or NULL */
	struct column_state *cols;
	struct index_state *indexes;
};

struct fk_state {
	const char *schema; /* the referencing table */
	const char *table;
	const char *name;	/* as given, or PostgreSQL's default name */
	struct qname ref;	/* the referenced table, as written */
	const char *ref_schema; /* …'s schema, resolved when added */
	const char **cols;	/* referencing columns */
	size_t ncols;
	const char **ref_cols; /* referenced columns: as written, or the
				  referenced table's primary key when it
				  was known; 0 when neither */
	size_t nref_cols;
	bool not_valid; /* added NOT VALID and not validated since */
	bool dropped;	/* by DROP CONSTRAINT / COLUMN / TABLE */
	uint32_t added_tx;
	size_t added_stmt;
	uint32_t added_off;	/* file offset of its constraint clause */
	const char *added_path; /* the file that added it */
	uint32_t added_line;
	struct fk_state *next; /* the next one added */
};

struct replay {
	struct arena arena;
	struct strmap tables;  /* "schema\x1fname" -> struct table_state */
	struct strmap fks;     /* "schema\x1ftable\x1fname" -> fk_state */
	struct strmap indexes; /* "schema\x1fname" -> struct index_state */
	struct fk_state *fk_first, *fk_last; /* every FK, in order added */
	struct fk_state *fk_applied;	     /* the first added by the last
					replay_apply(), or NULL */
	/* audit_settle()'s links: findings waiting for the end of the run */
	struct strmap pending;
	/*
	 * What framework readers keep with this schema state (the names
	 * they give tables, say), each under the reader's own key, freed
	 * with the replay: see replay_reader_state().
	 */
	struct replay_reader *readers;
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
	/*
	 * A fresh database (a migration only such a database runs): every
	 * table is new, the ones no statement created included.
	 */
	bool fresh;
	/* the transaction of a framework that runs a deploy in one (Drizzle) */
	uint32_t deploy_tx_id;
	uint32_t deploy_tx_of; /* the deploy it belongs to */
	/* the file being replayed (borrowed; set by the audit), for fk_state */
	const char *cur_path;
	const struct linemap *cur_lines;
};

/* A framework reader's state kept with a replay (in its arena). */
struct replay_reader {
	const void *key;
	void *state;
	void (*free_state)(void *state);
	struct replay_reader *next;
};

/*
 * The state that the reader of `key` keeps with `r`: made by `make` the
 * first time it is asked for, freed by `free_state` with the replay.
 * NULL when out of memory. The replay never looks inside it.
 */
void *replay_reader_state(struct replay *r, const void *key,
			  void *(*make)(void), void (*free_state)(void *));

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

/* Whether the table was created by the current deploy (or r->fresh). */
bool replay_table_is_new(const struct replay *r, const struct qname *q);

/* A foreign key of `table` named `name`, or NULL. */
const struct fk_state *replay_find_fk(const struct replay *r,
				      const struct qname *table,
				      const char *name);

/* A table the replayed statements created (and did not drop), or NULL. */
const struct table_state *replay_find_table(const struct replay *r,
					    const struct qname *q);

/* A table's column, or NULL. */
/* The index `q` names (resolved as PostgreSQL would), or NULL. */
const struct index_state *replay_find_index(const struct replay *r,
					    const struct qname *q);

const struct column_state *table_find_column(const struct table_state *t,
					     const char *name);

/* The table's primary key's index (or its parent's), or NULL. */
const struct index_state *table_primary_key(const struct table_state *t);

/*
 * An index of table `t` (or of a partitioned table it is a partition
 * of) whose first `ncols` key columns are `cols`, in any order: one that
 * serves lookups of a foreign key on them. NULL when there is none.
 */
const struct index_state *table_find_leading_index(const struct table_state *t,
						   const char *const *cols,
						   size_t ncols);

/* The table a FK is on, or references; NULL when unknown or dropped. */
const struct table_state *replay_fk_table(const struct replay *r,
					  const struct fk_state *fk);
const struct table_state *replay_fk_ref_table(const struct replay *r,
					      const struct fk_state *fk);

/*
 * The next foreign key after `prev` (NULL: from the first) that column
 * `col` of `table` is part of, on either side; NULL after the last.
 */
const struct fk_state *replay_next_fk_of_column(const struct replay *r,
						const struct qname *table,
						const char *col,
						const struct fk_state *prev);

/*
 * The foreign key the last replay_apply() added with its constraint
 * clause at file offset `off`, or NULL.
 */
const struct fk_state *replay_fk_added_at(const struct replay *r, uint32_t off);

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
 * What a generated name must not collide with in its schema, as
 * PostgreSQL 15 chooses it (measured, see tests/pg_names.sh): an index's
 * (ChooseRelationName) no table or index; a PRIMARY KEY's or UNIQUE's
 * index also no constraint; a foreign key's (ChooseConstraintName) no
 * constraint: a foreign key or key of any table of the schema.
 */
enum name_kind {
	NAME_INDEX,
	NAME_KEY,
	NAME_CONSTRAINT,
};

/*
 * The name PostgreSQL gives an unnamed index, key or foreign key of
 * table `table` in schema `schema` in state `r`: replay_default_name()
 * with `label`, or, while that is taken, with label1, label2, … (the
 * parts trimmed again for the longer label). In `arena`; NULL when out of
 * memory.
 */
const char *replay_choose_name(const struct replay *r, struct arena *arena,
			       const char *schema, const char *table,
			       const char *const *cols, size_t ncols,
			       const char *label, enum name_kind kind);

/*
 * Links a finding (by its file's index in the result, its span's start
 * and its rule id) to the foreign key it is about, for audit_settle().
 * Returns 0 or FK_ENOMEM.
 */
int replay_pend(struct replay *r, size_t file, uint32_t off,
		const char *rule_id, const struct fk_state *fk);

/* The foreign key replay_pend() linked the finding to, or NULL. */
const struct fk_state *replay_pending(const struct replay *r, size_t file,
				      uint32_t off, const char *rule_id);

/* Forgets every link (audit_settle() is done with them). */
void replay_pending_clear(struct replay *r);

/*
 * makeObjectName(): <table>_<cols>_<suffix>, the columns joined as
 * ChooseIndexNameAddition() joins them, trimmed to 63 bytes (at a
 * character) the way PostgreSQL trims it ("pkey", "key", "idx", "fkey").
 * For an index, `cols` is its stmt's index_colnames; a NULL column is
 * "expr". In `arena`; NULL when out of memory.
 */
const char *replay_default_name(struct arena *arena, const char *table,
				const char *const *cols, size_t ncols,
				const char *suffix);

#endif
