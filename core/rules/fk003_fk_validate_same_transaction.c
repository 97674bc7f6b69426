#include "rules.h"

#include <string.h>

/* An ADD … NOT VALID of `name` earlier in this same ALTER TABLE. */
static const struct fk_def *added_here(const struct stmt *st, size_t upto,
				       const char *name)
{
	size_t k;

	for (k = 0; k < upto; k++) {
		const struct alter_cmd *ac = &st->cmds[k];

		if (ac->kind == ALTER_ADD_FK && ac->fk.not_valid &&
		    ac->fk.name && strcmp(ac->fk.name, name) == 0)
			return &ac->fk;
	}
	return NULL;
}

/*
 * Where the ADD … NOT VALID is: "line 7" in this file, or
 * "db/0001_fk.sql:7" in another file of the same transaction.
 */
static const char *added_at(struct rule_ctx *ctx, const char *path,
			    uint32_t line, uint32_t off)
{
	const char *s;

	if (path && strcmp(path, ctx->file->path) != 0)
		s = arena_printf(ctx->scratch, "%s:%u", path, line);
	else
		s = arena_printf(ctx->scratch, "line %u", rule_line(ctx, off));
	return s ? s : "an earlier line";
}

static int report(struct rule_ctx *ctx, const struct alter_cmd *ac,
		  const struct qname *ref, const char *where)
{
	const char *t = rule_table(ctx, &ctx->stmt->table);
	const char *p = rule_table(ctx, ref);
	bool self = rule_same_table(ctx, &ctx->stmt->table, ref);
	const char *held =
		self ? arena_printf(ctx->scratch, "lock that ADD took on %s is",
				    t)
		     : arena_printf(ctx->scratch,
				    "locks that ADD took on %s and %s are", t,
				    p);
	const char *help;

	if (ctx->tx->source == TX_WRAPPED || ctx->tx->source == TX_IMPLICIT)
		help = "put VALIDATE CONSTRAINT in the next migration: the "
		       "whole migration runs in one transaction";
	else
		help = "COMMIT between ADD … NOT VALID and VALIDATE "
		       "CONSTRAINT, so that VALIDATE runs in a transaction of "
		       "its own";
	return rule_report(
		ctx, ctx->rule->level, ac->span, help,
		"VALIDATE CONSTRAINT \"%s\" runs in the same transaction as "
		"its ADD … NOT VALID at %s (%s): the SHARE ROW EXCLUSIVE "
		"%s held until the transaction ends, so this validation scan "
		"blocks INSERT, UPDATE and DELETE on %s, as if NOT VALID had "
		"never been used",
		ac->name, where, rule_tx_desc(ctx, ctx->tx),
		held ? held : "locks that ADD took are",
		self ? "the table" : "both tables");
}

static int check(struct rule_ctx *ctx)
{
	const struct stmt *st = ctx->stmt;
	size_t k;
	int err;

	if (st->kind != STMT_ALTER_TABLE || !st->table.name)
		return 0;
	for (k = 0; k < st->ncmds; k++) {
		const struct alter_cmd *ac = &st->cmds[k];
		const struct fk_state *f;
		const struct fk_def *here;

		if (ac->kind != ALTER_VALIDATE || !ac->name)
			continue;
		if ((here = added_here(st, k, ac->name)))
			err = report(ctx, ac, &here->ref_table,
				     added_at(ctx, NULL, 0, here->span.start));
		else if ((f = replay_find_fk(ctx->state, &st->table,
					     ac->name)) &&
			 f->not_valid && f->added_tx == ctx->tx->id)
			err = report(ctx, ac, &f->ref,
				     added_at(ctx, f->added_path, f->added_line,
					      f->added_off));
		else
			err = 0;
		if (err < 0)
			return err;
	}
	return 0;
}

const struct rule rule_fk003_fk_validate_same_transaction = {
	.id = "FK003",
	.name = "fk-validate-same-transaction",
	.level = LEVEL_ERROR,
	.summary = "VALIDATE CONSTRAINT in the same transaction as the ADD "
		   "... NOT VALID of that constraint.",
	.facts =
		"ADD FOREIGN KEY ... NOT VALID takes SHARE ROW EXCLUSIVE on "
		"both tables, and a lock is held until its transaction "
		"ends. A VALIDATE CONSTRAINT in the same transaction therefore "
		"scans the table while those locks are still held: INSERT, "
		"UPDATE and DELETE on both tables wait for the whole scan, "
		"exactly as with a one-step ADD FOREIGN KEY (verified with "
		"pg_locks on PostgreSQL 15). The transaction may be explicit "
		"(BEGIN ... COMMIT) or made by the migration runner, which "
		"wraps a whole migration in one transaction "
		"(--assume-transaction). Matched by table and constraint "
		"name.",
	.fix = "commit between the two; when the runner wraps each "
	       "migration in a transaction, put VALIDATE in the next "
	       "migration",
	.unsafe_sql =
		"BEGIN;\n"
		"ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey\n"
		"  FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n"
		"ALTER TABLE orders VALIDATE CONSTRAINT "
		"orders_user_id_fkey;\n"
		"COMMIT;\n",
	.safe_sql = "BEGIN;\n"
		    "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey\n"
		    "  FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n"
		    "COMMIT;\n"
		    "ALTER TABLE orders VALIDATE CONSTRAINT "
		    "orders_user_id_fkey;\n",
	.check = check,
};
