#ifndef FKAUDIT_STMT_H
#define FKAUDIT_STMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "lex.h"
#include "qname.h"
#include "split.h"

/*
 * What fkaudit knows of one SQL statement: its kind and the facts the
 * rules read, whichever way they were learnt. stmt_tree.c fills them from
 * libpg_query's parse tree; stmt_tokens.c from the scanner's tokens when
 * the PostgreSQL 15 grammar rejects the statement. Rules see no
 * difference. All strings and arrays live in the file's arena.
 */
enum stmt_kind {
	STMT_OTHER = 0,
	STMT_CREATE_TABLE,
	STMT_ALTER_TABLE,
	STMT_CREATE_INDEX,
	STMT_DROP_INDEX,
	STMT_DROP_TABLE,
	STMT_RENAME, /* ALTER TABLE / INDEX … RENAME [COLUMN | CONSTRAINT] */
	STMT_REINDEX,
	STMT_SET,      /* SET, SET LOCAL, SET … TO DEFAULT, RESET */
	STMT_BEGIN,    /* BEGIN, START TRANSACTION */
	STMT_COMMIT,   /* COMMIT, END, PREPARE TRANSACTION */
	STMT_ROLLBACK, /* ROLLBACK, ABORT */
};

/* A FOREIGN KEY constraint: table-level, or a column's REFERENCES. */
struct fk_def {
	const char *name; /* CONSTRAINT name, or NULL */
	struct qname ref_table;
	const char **cols; /* referencing columns */
	size_t ncols;
	const char **ref_cols; /* referenced columns; 0 = primary key */
	size_t nref_cols;
	bool not_valid;
	bool deferrable;
	/* ON DELETE: 'c' CASCADE, 'n' SET NULL, 'd' SET DEFAULT, 'r'
	   RESTRICT, 0 NO ACTION (the default) */
	char on_delete;
	struct span span; /* the constraint clause */
};

/*
 * A column of CREATE TABLE, or added by ALTER TABLE ADD COLUMN. `type` is
 * the built-in type as sqltype_name() spells it, or NULL when it is not
 * built in (a domain, an enum, …) or not known.
 */
struct column_def {
	const char *name;
	const char *type;
};

/*
 * A PRIMARY KEY or UNIQUE constraint (column or table level), which
 * builds a unique index, or ADD CONSTRAINT c UNIQUE / PRIMARY KEY USING
 * INDEX i, which turns index `i` into the constraint's (and renames it
 * to c).
 */
struct key_def {
	const char *name; /* CONSTRAINT name, or NULL */
	const char **cols;
	size_t ncols;
	bool primary;
	const char *using_index; /* USING INDEX name, or NULL */
};

/* Subcommands of one ALTER TABLE that are read; the rest are ignored. */
#define STMT_MAX_ALTER_CMDS 256

enum alter_kind {
	ALTER_OTHER = 0,
	ALTER_ADD_FK,	       /* ADD [CONSTRAINT c] FOREIGN KEY … */
	ALTER_ADD_COLUMN,      /* ADD [COLUMN] c type … [REFERENCES …] */
	ALTER_VALIDATE,	       /* VALIDATE CONSTRAINT c */
	ALTER_DROP_CONSTRAINT, /* DROP CONSTRAINT c */
	ALTER_COLUMN_TYPE,     /* ALTER [COLUMN] c [SET DATA] TYPE … */
	ALTER_DROP_COLUMN,     /* DROP [COLUMN] c */
	ALTER_ADD_KEY,	       /* ADD [CONSTRAINT c] PRIMARY KEY / UNIQUE */
};

struct alter_cmd {
	enum alter_kind kind;
	struct span span; /* the subcommand (from its first known token) */
	const char *name; /* constraint or column name, or NULL */
	bool has_fk;	  /* ADD_FK; ADD_COLUMN with REFERENCES */
	struct fk_def fk;
	bool has_default; /* ADD_COLUMN: a DEFAULT that is not NULL */
	/* ADD_COLUMN, COLUMN_TYPE: the (new) type, as column_def.type */
	const char *type;
	/* COLUMN_TYPE: a USING expression other than the column itself */
	bool using_expr;
	/* ADD_KEY; ADD_COLUMN with PRIMARY KEY or UNIQUE (cols: the column) */
	bool has_key;
	struct key_def key;
};

enum rename_kind {
	RENAME_TABLE,	   /* ALTER TABLE t RENAME TO n */
	RENAME_COLUMN,	   /* ALTER TABLE t RENAME [COLUMN] c TO n */
	RENAME_CONSTRAINT, /* ALTER TABLE t RENAME CONSTRAINT c TO n */
	RENAME_INDEX,	   /* ALTER INDEX i RENAME TO n (`table` holds i) */
};

enum set_action {
	SET_VALUE,   /* SET name = value */
	SET_DEFAULT, /* SET name TO DEFAULT, RESET name */
	SET_RESET_ALL,
};

struct stmt {
	enum stmt_kind kind;
	struct span span; /* from its first to its last token, no ";" */
	struct span lead; /* the comments before it, may be empty */
	/*
	 * A statement of a DO block's body (or the SQL literal an EXECUTE
	 * there runs): 1 + the index of the DO statement, which runs it as
	 * part of itself, in its transaction; 0 for any other statement.
	 */
	size_t in_do;
	/*
	 * What PostgreSQL would run, as a hash: its tokens without comments
	 * and layout, unquoted words folded to lower case, a "quoted" name by
	 * the name it spells (so "users" is users), constants as written.
	 * Reformatting keeps it; a changed constant or name does not.
	 */
	uint64_t key;

	/*
	 * Parse status. `parsed`: the PostgreSQL 15 grammar accepted it.
	 * Otherwise `error` is the parser's message at `error_off`, and
	 * `from_tokens` says whether the facts below were recognised from
	 * its tokens (kind != STMT_OTHER).
	 */
	bool parsed;
	bool from_tokens;
	const char *error;
	uint32_t error_off;
	/*
	 * Set when the statement runs into a literal or comment that is not
	 * closed before the end of the file ("quoted string", "dollar-quoted
	 * string", …): the rest of the file, from `unterminated_line`, can
	 * be neither split nor audited. A string in the file's arena, or
	 * NULL.
	 */
	const char *unterminated;
	uint32_t unterminated_line;

	/* CREATE TABLE, ALTER TABLE, CREATE INDEX … ON, REINDEX TABLE */
	struct qname table;

	/* CREATE TABLE; also CREATE TABLE … AS, SELECT … INTO and CREATE
	   MATERIALIZED VIEW, which make a new relation too */
	bool partitioned; /* PARTITION BY */
	bool filled; /* … AS / INTO with data: the new relation holds rows */
	struct fk_def *fks;
	size_t nfks;
	struct column_def *columns;
	size_t ncolumns;
	struct key_def *keys; /* PRIMARY KEY and UNIQUE constraints */
	size_t nkeys;
	struct qname partition_of; /* PARTITION OF parent; name NULL if not */

	/* ALTER TABLE */
	struct alter_cmd *cmds;
	size_t ncmds;

	/* CREATE INDEX, DROP INDEX, REINDEX */
	const char *index_name; /* CREATE INDEX name, or NULL */
	bool concurrently;
	bool unique;
	const char **index_cols; /* plain column keys; NULL for expressions */
	size_t nindex_cols;
	/*
	 * The index's column names as PostgreSQL 15 chooses them
	 * (ChooseIndexColumnNames), which make its default name: a key
	 * column's name, an expression's (a function's name, lower(x):
	 * "lower"; else "expr"), then the INCLUDE columns, a repeated name
	 * numbered (a, a1, a2). Never NULL when nindex_colnames > 0.
	 */
	const char **index_colnames;
	size_t nindex_colnames;
	struct qname *drop_names; /* DROP INDEX, DROP TABLE */
	size_t ndrop_names;

	/* RENAME (`table`: the table, or the index for RENAME_INDEX) */
	enum rename_kind rename;
	const char *rename_from; /* column or constraint; NULL: TABLE, INDEX */
	const char *rename_to;

	/* SET / RESET */
	enum set_action set_action;
	bool set_local;
	const char *set_name;	 /* lower-case; NULL for RESET ALL */
	const char **set_values; /* SET_VALUE: each value as text */
	size_t nset_values;

	/* BEGIN … COMMIT AND CHAIN */
	bool chain;
};

/*
 * Fills `st` (kind and facts) from libpg_query's JSON parse tree of the
 * statement text that starts at file offset `base`. `src` is the file.
 * Returns 0, FK_ENOMEM, or FK_FALLBACK when the tree could not be read (too deeply
 * nested for the JSON reader): the caller then falls back to tokens.
 */
int stmt_from_tree(struct stmt *st, struct arena *arena, const char *json,
		   const char *src, const struct token_list *toks,
		   uint32_t base);

/*
 * Fills `st` from the statement's tokens (comments included, offsets in
 * the file `src`). Recognises CREATE TABLE, ALTER TABLE … ADD … FOREIGN
 * KEY / ADD COLUMN … REFERENCES / VALIDATE / DROP CONSTRAINT / ALTER
 * COLUMN TYPE, CREATE / DROP INDEX [CONCURRENTLY], REINDEX, SET / RESET
 * and transaction control; anything else stays STMT_OTHER.
 * Returns 0 or FK_ENOMEM.
 */
int stmt_from_tokens(struct stmt *st, struct arena *arena, const char *src,
		     const struct token_list *toks);

/*
 * The end of the clause that starts at file offset `start`: the end of
 * the last token before the next "," or ";" at parenthesis depth zero,
 * or the statement's end. Used for the span of a constraint or a
 * subcommand. `toks` are the statement's tokens.
 */
uint32_t stmt_clause_end(const struct token_list *toks, uint32_t start,
			 uint32_t stmt_end);

/*
 * Splits the tokens from file offset `from` to `stmt_end` into the
 * comma-separated subcommands of an ALTER TABLE (commas inside
 * parentheses do not count). Writes at most `max` spans and returns how
 * many there are (max + 1 when there are more).
 */
size_t stmt_segments(const struct token_list *toks, uint32_t from,
		     uint32_t stmt_end, struct span *out, size_t max);

/*
 * Appends `fk` to a CREATE TABLE's foreign keys, allocating room for
 * `cap` of them (in `arena`) on the first call; keys past `cap` are
 * dropped. Returns 0 or FK_ENOMEM.
 */
int stmt_add_fk(struct stmt *st, struct arena *arena, size_t cap,
		const struct fk_def *fk);

/* The same for a CREATE TABLE's PRIMARY KEY and UNIQUE keys. */
int stmt_add_key(struct stmt *st, struct arena *arena, size_t cap,
		 const struct key_def *k);

/*
 * The foreign keys a CREATE TABLE or ALTER TABLE adds, in order: call
 * with *pos = 0, then again while it returns one; NULL after the last.
 * `cmd` (may be NULL) gets the ALTER TABLE subcommand, or NULL.
 */
const struct fk_def *stmt_next_fk(const struct stmt *st, size_t *pos,
				  const struct alter_cmd **cmd);

/*
 * Sets st->index_colnames from the names PostgreSQL would start from
 * (`names`, NULL for an expression it finds no name for: "expr"), then
 * numbers repeated ones as ChooseIndexColumnNames() does. `names` is
 * borrowed (the strings must live in `arena`). Returns 0 or FK_ENOMEM.
 */
int stmt_set_index_colnames(struct stmt *st, struct arena *arena,
			    const char *const *names, size_t n);

/* A short name of the statement's kind for messages ("CREATE TABLE"). */
const char *stmt_kind_name(enum stmt_kind kind);

#endif
