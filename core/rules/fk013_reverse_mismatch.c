#include "rules.h"

#include "reverse.h"

/*
 * Called by the pipeline (core/audit/audit.c), which alone sees a down
 * migration next to its forward one (core/plan/reverse.c compares them), for
 * each name the rollback drops that `forward` never gives.
 */
static int check_reverse(struct rule_file_ctx *ctx,
			 const struct reverse_miss *miss, const char *forward)
{
	const char *table = ctx->file->stmts.v[miss->stmt].table.name;

	if (miss->index)
		return rule_file_report(
			ctx, miss->stmt, miss->span, NULL,
			"the rollback drops index \"%s\", which %s never "
			"creates: it fails (index \"%s\" does not exist) at "
			"the moment it is needed",
			miss->name, forward, miss->name);
	return rule_file_report(
		ctx, miss->stmt, miss->span, NULL,
		"the rollback drops constraint \"%s\", which %s never "
		"creates: it fails (constraint \"%s\" of relation \"%s\" "
		"does not exist) at the moment it is needed",
		miss->name, forward, miss->name, table ? table : "?");
}

const struct rule rule_fk013_reverse_mismatch = {
	.id = "FK013",
	.at_revision = true,
	.name = "reverse-mismatch",
	.level = LEVEL_WARNING,
	.summary = "A down migration drops a constraint or index that its "
		   "forward migration never creates.",
	.facts = "Down migrations (golang-migrate and sqlx .down.sql, diesel "
		 "and Hasura down.sql, goose and dbmate Down sections, "
		 "node-pg-migrate Down Migration, Flyway undo scripts, sqitch "
		 "revert scripts) run only when a deploy has to be rolled "
		 "back, so a wrong name goes unnoticed until then. DROP INDEX "
		 "and DROP CONSTRAINT without IF EXISTS fail on a name that "
		 "does not exist (index \"…\" does not exist; constraint \"…\" "
		 "of relation \"…\" does not exist), and the rollback stops "
		 "at the moment it is needed. Names are compared with every "
		 "identifier of the forward migration, and with the names "
		 "PostgreSQL gives by default (<table>_<columns>_fkey, _pkey, "
		 "_key, _idx) to the tables it names.",
	.fix = "use the name the forward migration creates (name constraints "
	       "and indexes explicitly in both directions)",
	.unsafe_sql =
		"-- 000002_orders_user_fk.up.sql\n"
		"ALTER TABLE orders ADD CONSTRAINT orders_user_fk\n"
		"  FOREIGN KEY (user_id) REFERENCES users (id) NOT "
		"VALID;\n"
		"-- 000002_orders_user_fk.down.sql\n"
		"ALTER TABLE orders DROP CONSTRAINT orders_user_id_fkey;\n",
	.safe_sql = "-- 000002_orders_user_fk.down.sql\n"
		    "ALTER TABLE orders DROP CONSTRAINT orders_user_fk;\n",
	.check_reverse = check_reverse,
};
