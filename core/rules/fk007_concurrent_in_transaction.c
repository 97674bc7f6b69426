#include "rules.h"

static const char *what(const struct stmt *st)
{
	switch (st->kind) {
	case STMT_CREATE_INDEX:
		return "CREATE INDEX CONCURRENTLY";
	case STMT_DROP_INDEX:
		return "DROP INDEX CONCURRENTLY";
	case STMT_REINDEX:
		return "REINDEX CONCURRENTLY";
	default:
		return NULL;
	}
}

/*
 * Inside a DO block (a function): refused whatever the transaction,
 * with another message (measured on PostgreSQL 15, SQLSTATE 25001).
 */
static int report_in_do(struct rule_ctx *ctx, const char *w)
{
	const struct stmt *st = ctx->stmt;
	const struct stmt *block = &ctx->file->stmts.v[st->in_do - 1];

	return rule_report(
		ctx, ctx->rule->level, st->span,
		"run it as a statement of its own, outside the DO block and "
		"outside any transaction (a migration the runner does not "
		"wrap)",
		"%s inside the DO block at line %u: PostgreSQL refuses it "
		"(\"%s cannot be executed from a function\", SQLSTATE "
		"25001), rolls back what the block did before it, and the "
		"migration fails",
		w, rule_line(ctx, block->span.start), w);
}

static int check(struct rule_ctx *ctx)
{
	const struct stmt *st = ctx->stmt;
	const char *w = what(st);

	if (!w || !st->concurrently)
		return 0;
	if (st->in_do)
		return report_in_do(ctx, w);
	if (!ctx->tx->block)
		return 0;
	return rule_report(ctx, ctx->rule->level, st->span,
			   rule_tx_opt_out(ctx, ctx->tx),
			   "%s runs inside %s: PostgreSQL refuses it (\"%s "
			   "cannot run inside a transaction block\") and the "
			   "whole migration fails%s",
			   w, rule_tx_desc(ctx, ctx->tx), w,
			   ctx->tx->source == TX_IMPLICIT
				   ? ", rolling back the statements sent with "
				     "it"
				   : "");
}

const struct rule rule_fk007_concurrent_in_transaction = {
	.id = "FK007",
	.name = "concurrent-in-transaction",
	.level = LEVEL_ERROR,
	.summary = "CREATE INDEX, DROP INDEX or REINDEX CONCURRENTLY that "
		   "will run inside a transaction block.",
	.facts = "CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY and "
		 "REINDEX ... CONCURRENTLY cannot run inside a transaction "
		 "block: PostgreSQL refuses them with \"... cannot run inside "
		 "a transaction block\" and the migration fails. The block may "
		 "be an explicit BEGIN, the transaction a migration runner "
		 "wraps around each migration (--assume-transaction; goose, "
		 "Django atomic migrations, ...), or the implicit transaction "
		 "PostgreSQL opens when several statements are sent as one "
		 "string (golang-migrate, dbmate, ...), which also rolls back "
		 "the statements sent with it. Inside a DO block (or EXECUTE "
		 "there) they are refused in any case: \"... cannot be "
		 "executed from a function\" (SQLSTATE 25001, measured on "
		 "PostgreSQL 15), and what the block did before is rolled "
		 "back.",
	.fix = "run it alone, in a migration that the runner does not wrap "
	       "in a transaction",
	.unsafe_sql = "BEGIN;\n"
		      "CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders "
		      "(user_id);\n"
		      "COMMIT;\n",
	.safe_sql = "CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders "
		    "(user_id);\n",
	.check = check,
};
