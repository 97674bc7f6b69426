#ifndef FKAUDIT_RULE_H
#define FKAUDIT_RULE_H

/*
 * Rules. A rule is one file, core/rules/<id>_<name>.c, that defines one
 * `const struct rule`: its stable id and name, its default level, the
 * documentation that `fkaudit explain`, the reports and the README show,
 * and a check function. To add a rule:
 *
 *   1. write core/rules/fkNNN_<name>.c (copy the shape of a neighbour);
 *   2. add it to rule_registry[] in core/rules/registry.c, in id order;
 *   3. add the file to core/meson.build;
 *   4. add must-fire and must-not-fire cases in testdata/rules/FKNNN/
 *      and generate their .expected files (see testdata/README.md);
 *   5. list it in README.md's rule table.
 *
 * A rule whose finding depends on later migrations (an index created
 * later, a VALIDATE in a later file) reports on the foreign key's clause
 * and sets `still_holds`; see audit_settle() in audit.h.
 *
 * tests/test_registry.c checks that ids are unique, sorted and
 * documented. A check never prints and never reads files: it reads its
 * statement, the statement's transaction and the replayed state before
 * it, and reports through rule_report(). A rule that no statement decides
 * (an edit of a committed file, a rollback's names, a suppression)
 * implements a hook of struct rule instead, which the stage that finds
 * the case calls for every rule that has one; nothing outside core/rules/
 * builds a rule's message. No rule reads the run's options (audit_opts):
 * what a message says of a transaction travels with the transaction.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "plan.h"
#include "replay.h"
#include "result.h"
#include "statements.h"
#include "linemap.h"

struct audit_opts;
struct rule_ctx;
struct rule_file_ctx;
struct rule_edit;
struct rule_suppression;
struct reverse_miss;

struct rule {
	const char *id;	     /* "FK001": stable, never reused */
	const char *name;    /* "fk-validating-add": stable */
	enum level level;    /* default level */
	const char *summary; /* one line */
	const char *facts;   /* what it flags and the facts behind it */
	const char *fix;     /* what to do instead */
	const char *unsafe_sql;
	const char *safe_sql;
	/*
	 * What it flags still holds at the audited revision and can be acted
	 * on there (a missing index, a key never validated, a rollback that
	 * will fail), unlike the lock a migration that already ran took:
	 * history's text report lists these first.
	 */
	bool at_revision;
	/* per statement; NULL for the rules of the hooks below */
	int (*check)(struct rule_ctx *ctx);
	/*
	 * Hooks for what no single statement decides, called by the stage
	 * that finds it, for every rule that has one (NULL for the others).
	 * Each builds its message and reports with rule_file_report().
	 *
	 * check_edit: a git source saw that the file changed after it was
	 * committed (FK012); the stage gives the span and statement of the
	 * first changed line.
	 */
	int (*check_edit)(struct rule_file_ctx *ctx, const struct rule_edit *e,
			  size_t stmt, struct span span);
	/* a rollback drops a name its forward migration never gives (FK013) */
	int (*check_reverse)(struct rule_file_ctx *ctx,
			     const struct reverse_miss *miss,
			     const char *forward);
	/* a fkaudit comment that suppresses nothing (FK014) */
	int (*check_suppression)(struct rule_file_ctx *ctx,
				 const struct rule_suppression *s);
	/*
	 * Rules that hold "after all migrations" (FK005, FK009): they report
	 * on the clause that adds a foreign key, as usual, and the pipeline
	 * links the finding to the key it added. audit_settle() asks this
	 * at the end of the run whether the finding still holds on the
	 * final schema, and drops it when not. NULL for the others.
	 */
	bool (*still_holds)(const struct replay *r, const struct fk_state *fk);
};

extern const struct rule *const rule_registry[];
extern const size_t rule_count;

/* A rule by id ("FK001", any case) or name; NULL when unknown. */
const struct rule *rule_find(const char *id_or_name);

/* The file under audit, as rules see it. */
struct audit_file {
	const char *path;
	/*
	 * The SQL the statements are in: the file itself, or the SQL built
	 * from it by a framework reader (`lines` then maps it to the file).
	 */
	const char *text;
	size_t len;
	struct statements stmts;
	struct tx *txs;	      /* one per statement */
	struct linemap lines; /* over the file as it is */
	/*
	 * Per statement, the group it belongs to (one operation of a
	 * framework reader: its statements, and what it defers); a suppression
	 * before one statement of a group covers them all. NULL: none.
	 */
	uint32_t *groups;
	const struct audit_opts *opts;
	size_t index; /* in result.files */
};

struct rule_ctx {
	const struct rule *rule;
	const struct audit_file *file;
	const struct stmt *stmt;
	size_t index; /* of stmt */
	const struct tx *tx;
	const struct replay *state; /* before this statement */
	struct result *result;
	struct arena *scratch; /* freed with the file */
};

/* The file-level hooks' context: the rule, its file and the result. */
struct rule_file_ctx {
	const struct rule *rule;
	const struct audit_file *file;
	struct result *result;
};

/*
 * An edit of a migration that was already committed, as a git source saw
 * it: `diff` (at the merge base `base`) or `history` (by `commit`).
 */
struct rule_edit {
	const char *path;
	const char *renamed_from; /* its old path, or NULL */
	/* diff: the merge base (hex), the file only renamed, lines unknown */
	const char *base;
	bool renamed_only;
	const char *unread; /* why the merge-base version is unreadable */
	bool changed_lines; /* --changed-lines keeps every statement then */
	/* history: the editing commit and the one that committed it first */
	const char *commit, *commit_date;
	const char *first_commit, *first_date; /* NULL: not known */
	/* the lines it edits, 1-based; 0: not known */
	uint32_t first_line, last_line;
	/*
	 * What the version before ran (file_result.sql_key), when known: an
	 * edit that leaves it unchanged (layout, comments, case, a
	 * suppression) is no change a database would see, and no FK012.
	 */
	bool old_sql_known;
	uint64_t old_sql_key;
	/* its statements' keys and lines (malloc'd by the driver), or NULL */
	struct stmt_line *old_lines;
	size_t nold_lines;
	/*
	 * Set by the audit for the hooks: which statements changed, "lines
	 * 5-7; before: lines 5-6", from old_lines and the new version's; or
	 * NULL.
	 */
	const char *changed;
};

/* What a suppression comment does wrong, for check_suppression. */
enum suppression_problem {
	SUPPRESSION_UNKNOWN_DIRECTIVE, /* fkaudit:<word> not ignore[-file] */
	SUPPRESSION_NO_RULE,	       /* names no rule */
	SUPPRESSION_UNKNOWN_RULE,      /* names `word`, which is no rule */
	SUPPRESSION_UNUSED_FILE_WIDE,  /* ignore-file `word`: no finding */
	SUPPRESSION_NO_STATEMENT,      /* ignore `word` before no statement */
	SUPPRESSION_UNUSED,	       /* ignore `word`: no finding there */
};

struct rule_suppression {
	enum suppression_problem problem;
	const char *word; /* the rule id it names */
	size_t stmt;	  /* its statement (SIZE_MAX: none) */
	struct span span; /* the comment */
	bool trails;	  /* after its statement, on the same line */
};

/*
 * Reports a finding of ctx->rule at its level on `span` of statement
 * `stmt` (SIZE_MAX: of the file), with a formatted message and a fix
 * (`help`, copied; NULL for the rule's generic fix). 0 or FK_ENOMEM.
 */
int rule_file_report(struct rule_file_ctx *ctx, size_t stmt, struct span span,
		     const char *help, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/*
 * Reports a finding of ctx->rule on `span` at `level`, with a formatted
 * message and a fix (`help`, copied; NULL for the rule's generic fix).
 * Returns 0 or FK_ENOMEM.
 */
int rule_report(struct rule_ctx *ctx, enum level level, struct span span,
		const char *help, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Shared with the pipeline: a finding of any rule, for any statement. */
int rule_report_v(struct result *res, const struct audit_file *file,
		  const struct rule *rule, enum level level, size_t stmt,
		  struct span span, const char *help, const char *fmt,
		  va_list ap) __attribute__((format(printf, 8, 0)));

/* `"t"` / `"s.t"` for a message, in ctx->scratch ("\"?\"" on failure). */
const char *rule_table(struct rule_ctx *ctx, const struct qname *q);

/*
 * Whether `a` and `b` name the same table (schemas resolved as the replay
 * does): a self-referencing foreign key locks one table, not two.
 */
bool rule_same_table(const struct rule_ctx *ctx, const struct qname *a,
		     const struct qname *b);

/* The SQL spelling of a name, quoted where needed, for a fix. */
const char *rule_sql_name(struct rule_ctx *ctx, const struct qname *q);

/*
 * A foreign key's name: its own, or the one PostgreSQL will give it
 * (<table>_<columns>_fkey) when the statement names none.
 */
const char *rule_fk_name(struct rule_ctx *ctx, const struct fk_def *fk);

/*
 * Column names for a message, `"a", "b"`, or with `sql` for a fix,
 * `a, b` (quoted where needed); in ctx->scratch.
 */
const char *rule_cols(struct rule_ctx *ctx, const char *const *cols, size_t n,
		      bool sql);

/* The 1-based line of file offset `off`. */
unsigned rule_line(const struct rule_ctx *ctx, uint32_t off);

/*
 * Which transaction a statement runs in, for a message: "the transaction
 * opened by BEGIN at line 3", "the transaction --assume-transaction puts
 * around the file", …
 */
const char *rule_tx_desc(struct rule_ctx *ctx, const struct tx *tx);

/* How to keep a statement out of a transaction, for a fix. */
const char *rule_tx_opt_out(struct rule_ctx *ctx, const struct tx *tx);

#endif
