#ifndef FKAUDIT_FRAMEWORK_H
#define FKAUDIT_FRAMEWORK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "plan.h"
#include "split.h"
#include "srcmap.h"

/*
 * Framework discovery: which migration framework a SQL file belongs to,
 * which parts of it run forward, and the transactions its framework
 * puts around them (frameworks.md in the reference notes gives the
 * sources). A file that matches no framework is plain SQL.
 */

/* What a file is to its framework. */
enum migration_role {
	ROLE_UP,   /* runs forward: audited */
	ROLE_DOWN, /* a rollback (golang-migrate .down.sql, diesel down.sql) */
	ROLE_SEED, /* a schema dump: seeds the schema state, not audited */
	ROLE_SKIP, /* never run by the framework (sqitch verify, …) */
	ROLE_OTHER_DB, /* another database's migration (dialect.h) */
};

/*
 * A transaction unit: from file offset `start` to the next unit, the
 * framework runs the statements this way. Liquibase has one per
 * changeset, dbmate one per up section, goose NO TRANSACTION one per
 * StatementBegin … StatementEnd block.
 */
struct tx_unit {
	uint32_t start;
	enum tx_mode mode;
	/*
	 * For messages: who opens the transaction, completing "the
	 * transaction that <runner>" (TX_MODE_WRAPPED) or "because
	 * <runner>" (TX_MODE_IMPLICIT), and how to opt out of it.
	 */
	const char *runner;
	const char *opt_out;
};

/*
 * What framework_detect() learns of a file. The arrays grow in `arena`,
 * without a limit; release with migration_info_release().
 */
struct migration_info {
	struct arena arena;
	bool failed;	       /* memory ran out growing an array */
	const char *framework; /* "goose"; NULL: plain SQL */
	enum migration_role role;
	char why[512]; /* how it was recognised, for `fkaudit detect` */
	/*
	 * The file's transaction units, in file order; the first starts at
	 * 0, or where the text before it is masked (Liquibase's first
	 * changeset; plan_file() gives it the statements before too).
	 */
	struct tx_unit *units;
	size_t nunits, units_cap;
	/*
	 * All migrations of one deploy run in a single transaction
	 * (Drizzle, node-pg-migrate, Hasura): a statement in one file
	 * shares its transaction with those of the files before it.
	 */
	bool deploy_tx;
	/*
	 * Only a database that never ran the migrations it replaces runs it
	 * (a Django squashed migration): a fresh one, on empty tables. It
	 * is audited on a schema state of its own, and does not change the
	 * shared one, which those migrations built. `fresh_seeds`: they are
	 * gone from the source, so it seeds the shared state in their
	 * place (as a schema dump does), with nothing audited against it.
	 */
	bool fresh_only, fresh_seeds;
	/*
	 * CREATE/DROP INDEX CONCURRENTLY and REINDEX … CONCURRENTLY run on
	 * their own, outside the file's transaction (Supabase CLI ≥ 2.109,
	 * Flyway when the whole script is such statements).
	 */
	bool concurrent_alone;
	/*
	 * The runner decides by the script's statements (Flyway): a script
	 * of only CONCURRENTLY statements runs without a transaction; in one
	 * that mixes them with others, the transaction is described with
	 * these words (NULL: the runner does not decide so).
	 */
	const char *mixed_runner;
	const char *mixed_opt_out;
	/*
	 * Byte ranges that do not run forward (goose and dbmate down
	 * sections, the lines before the first up marker); they are
	 * blanked out before parsing, line breaks kept.
	 */
	struct span *masks;
	size_t nmasks, masks_cap;
	/*
	 * Lines that end a statement as a delimiter of the framework's own
	 * (Liquibase: "GO" or "/" alone on a line): the parser sees a ";".
	 */
	uint32_t *delims;
	size_t ndelims, delims_cap;
	/* the down sections among them, for FK013 */
	struct span *downs;
	size_t ndowns, downs_cap;
	/*
	 * ROLE_DOWN: its forward migration, relative to its folder
	 * ("000001_init.up.sql", "up.sql", "../deploy/x.sql"); "" if none.
	 */
	char up_rel[256];
};

/* Frees the arrays; `info` is all zero afterwards. */
void migration_info_release(struct migration_info *info);

/*
 * Empties `info` for another detector, keeping its arena (what it holds
 * is freed with the rest by migration_info_release()).
 */
void migration_info_reset(struct migration_info *info);

/*
 * Makes room for element `n` of the array `*v` (`*cap` elements of `size`
 * bytes) in info->arena: true, or false with info->failed set.
 */
bool migration_info_grow(struct migration_info *info, void **v, size_t *cap,
			 size_t n, size_t size);

/*
 * What the reader of a framework whose migrations are not SQL makes of
 * one: the SQL it sends, mapped back to the
 * file, its transaction units, and its reverse (rollback) SQL. Each
 * execute ends with ";\n"; a suppression comment of the source comes just
 * before the SQL of what it precedes, as a `--` comment.
 */
struct extracted {
	struct buf sql;	       /* forward */
	struct srcmap map;     /* sql offsets → file offsets */
	struct tx_unit *units; /* in sql offsets, in order; owned */
	size_t nunits, units_cap;
	/*
	 * For suppressions: the group each byte range of `sql` belongs to
	 * (one operation, with what the framework defers for it).
	 */
	struct extract_range *ranges; /* owned */
	size_t nranges, ranges_cap;
	struct buf reverse; /* the rollback SQL */
	struct srcmap reverse_map;
	/* for `fkaudit detect`: "; atomic = False; left out: …", or "" */
	char notes[512];
	/* what the reader did not understand and left out, in file order */
	struct extract_notice *notices; /* owned */
	size_t nnotices, notices_cap;
};

/* Something of the file a reader left out: "custom operation X". */
struct extract_notice {
	struct span src; /* in the file */
	char *what;	 /* owned */
};

struct extract_range {
	uint32_t start, end; /* in sql */
	uint32_t group;	     /* 1-based */
};

#define EXTRACTED_INIT                                                   \
	{                                                                \
		BUF_INIT, SRCMAP_INIT, NULL, 0, 0, NULL, 0, 0, BUF_INIT, \
			SRCMAP_INIT, "", NULL, 0, 0                      \
	}

void extracted_release(struct extracted *x);

/* Appends a notice (`what` copied): 0 or FK_ENOMEM. */
int extracted_add_notice(struct extracted *x, struct span src,
			 const char *what);

/* Appends a transaction unit at sql offset `start`: 0 or FK_ENOMEM. */
int extracted_add_unit(struct extracted *x, uint32_t start, enum tx_mode mode,
		       const char *runner, const char *opt_out);

/*
 * For `fkaudit detect`: the units of `x`, at the file offsets their SQL
 * came from, into info->units, and x->notes appended to info->why
 * (info->failed when memory ran out).
 */
void framework_describe(const struct extracted *x, struct migration_info *info);

/*
 * Appends printf-style text to info->why; what does not fit is cut at a
 * UTF-8 character boundary and ends with "…" (utf8_fit()).
 */
void migration_why_addf(struct migration_info *info, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Reads a file next to the migration: `rel` is relative to the
 * migration's folder ("metadata.toml", "../sqitch.plan"). Returns
 * FK_FOUND with its content in `out`, 0 when there is no such file, or
 * FK_ENOMEM. A NULL reader knows no file.
 */
struct near_reader {
	int (*read)(void *ctx, const char *rel, struct buf *out);
	void *ctx;
};

/* Files near a migration larger than this are not read. */
#define NEAR_MAX (1024 * 1024)

/*
 * The path of `rel` (with "../" parts) next to the file at `path`, into
 * `out`; false when it leaves the root (or memory runs out: out->failed).
 */
bool framework_near_path(const char *path, const char *rel, struct buf *out);

struct probe;
struct replay;
struct config;

/*
 * What a reader of migrations that are not SQL is given beside the file:
 * the schema state replayed so far (NULL: none; the reader may keep its
 * own state there), the files near the migration (NULL: none), the
 * configuration (NULL: none), and whether it is audited apart. All
 * borrowed.
 */
struct extract_ctx {
	struct replay *schema;
	const struct near_reader *near;
	const struct config *config;
	/*
	 * The migration is a later version of one `schema` has seen (an
	 * edit, audited apart): read it from the reader's state as it was
	 * before that migration, and change nothing in it.
	 */
	bool apart;
};

/*
 * A migration framework: how fkaudit recognises its files and reads
 * them. To add one:
 *
 *   1. write its file: core/frameworks/<name>.c for a framework of .sql
 *      files (its detector and its struct framework, declared in
 *      core/frameworks/frameworks.h; the helpers are in
 *      framework_probe.h); for one whose migrations are not SQL, a file
 *      that also gives suffix, owns_path and extract (tests/toy_fw.c is
 *      the template, core/frameworks/django/django_fw.c the real one), and add the file to
 *      core/meson.build;
 *   2. add one line to the registry in core/frameworks/framework.c, where the list
 *      order is the order `fkaudit detect`'s and the configuration's
 *      messages name them in, and `try_order` the order detection tries
 *      them in (content markers before folder shapes, specific before
 *      general);
 *   3. add its file shapes to tests/test_frameworks.c and a project of
 *      its own under testdata/frameworks/, and list it in README.md.
 *
 * Nothing else names a framework: discovery, ordering, the audit and
 * `fkaudit detect` ask the registry.
 */
struct framework {
	const char *name; /* "goose": in the configuration and reports */
	/*
	 * Fills `out` and returns true when the file is one of its
	 * migrations (p->forced: the configuration says it is, and path
	 * patterns are not required). NULL: never detected ("plain").
	 */
	bool (*detect)(struct probe *p, struct migration_info *out);
	int try_order;
	/*
	 * Migrations that are not .sql files: their name's suffix (".py"),
	 * tried with this framework alone, and which paths are its
	 * migrations (for discovery). NULL for .sql frameworks.
	 */
	const char *suffix;
	bool (*owns_path)(const char *path);
	/*
	 * The key that sorts its migrations in the order it runs them
	 * (framework_sort() compares keys as bytes): FK_FOUND when
	 * `path` has its shape and the key is appended to `out`, 0 when it
	 * has not, or FK_ENOMEM. NULL: the path's natural order.
	 */
	int (*order_key)(const char *path, const struct near_reader *near,
			 struct buf *out);
	/* The SQL of a migration that is not SQL (see struct extracted). */
	int (*extract)(struct extracted *out, const char *path,
		       const char *text, size_t len,
		       const struct extract_ctx *ctx);
	/*
	 * Migrations that name the ones they run after (dependencies): the node of one (read through `near`), the order
	 * of `n` nodes given in file order (indexes into `nodes`), and its
	 * release. NULL: the file order alone.
	 */
	int (*node_read)(void **node, const char *path,
			 const struct near_reader *near);
	int (*node_order)(void *const *nodes, size_t n, size_t *order);
	void (*node_free)(void *node);
};

/* The frameworks fkaudit knows, in the order messages list them. */
extern const struct framework *const framework_registry[];
extern const size_t framework_registry_count;

/* Room for every framework of the registry (a static assertion checks). */
#define FRAMEWORKS_MAX 32

/*
 * The frameworks of .sql files, in the order detection tries them, into
 * out[0 … cap); returns how many.
 */
size_t framework_by_try_order(const struct framework **out, size_t cap);

/* The framework named `name`, or NULL. */
const struct framework *framework_find(const char *name);

/*
 * The framework whose migrations that are not .sql files include `path`
 * (a module of a framework reader), or NULL.
 */
const struct framework *framework_owner(const char *path);

/*
 * Recognises the migration at repository-relative `path` from its path,
 * its text (`len` bytes) and the files near it. `forced` names the
 * framework the configuration sets for it (path patterns are then not
 * required), or is NULL. Fills `out` (a plain file when nothing
 * matches). Returns 0 or FK_ENOMEM.
 */
int framework_detect(const char *path, const char *text, size_t len,
		     const struct near_reader *near, const char *forced,
		     struct migration_info *out);

/* Whether the path names a schema dump (structure.sql, schema.sql,
 * synapse's full_schemas). */
bool framework_is_dump(const char *path);

/*
 * Sorts `n` elements of `size` bytes at `base` in the order their
 * migrations run (each framework's order_key, else the path's digit runs
 * compared as numbers; then the path). `item` tells the
 * i-th element's path (NULL: it sorts first) and the reader of the
 * files near it (it may point into `ctx`: it is used before the next
 * call). Returns 0 or FK_ENOMEM (then `base` is unchanged).
 */
typedef const char *(*framework_item_fn)(void *ctx, const void *elem,
					 struct near_reader *near);
int framework_sort(void *base, size_t n, size_t size, framework_item_fn item,
		   void *ctx);

/*
 * Replaces placeholders by neutral text of the same length, so that the
 * parser accepts the statement and positions stay right: Go templates
 * `{{ … }}` wherever they stand (in quoted names and literals too), and
 * outside quotes and comments Flyway `${name}`, psql `:name`, `:'name'`
 * and `:"name"`, and psql's meta-commands (from an unquoted backslash to
 * the end of its line: `\set`, `\connect`, `\i`), which are psql's and not
 * SQL. Line breaks stay.
 */
void framework_blank_placeholders(char *text, size_t len);

/*
 * The psql meta-commands of `text` that framework_blank_placeholders()
 * blanks, appended to `out` as "LINE (\cmd)" items joined by ", " (nothing
 * when there is none). Returns 0 or FK_ENOMEM.
 */
int framework_psql_meta(const char *text, size_t len, struct buf *out);

/* Blanks the masked ranges of `info` in `text` (line breaks stay). */
void framework_apply_masks(const struct migration_info *info, char *text,
			   size_t len);

/* Blanks all but the down sections of `info` (line breaks stay). */
void framework_keep_downs(const struct migration_info *info, char *text,
			  size_t len);

#endif
