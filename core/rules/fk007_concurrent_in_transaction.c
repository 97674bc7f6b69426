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

static int check(struct rule_ctx *ctx)
{
	const struct stmt *st = ctx->stmt;
	const char *w = what(st);

	if (!w || !st->concurrently || !ctx->tx->block)
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
		 "the statements sent with it.",
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
