#include "rules.h"

/*
 * Reported by the git sources (core/diff_audit.c, core/history.c), which
 * alone know that a file existed before: a statement cannot tell.
 */
const struct rule rule_fk012_migration_modified = {
	.id = "FK012",
	.name = "migration-modified",
	.level = LEVEL_WARNING,
	.summary = "A migration that was already committed changed.",
	.facts = "Migration runners record which migrations a database has "
		 "run, by version or file name, and never run one again. A "
		 "database that ran the migration before the edit never sees "
		 "the edit, while a new database (a fresh test or staging "
		 "environment) runs the edited version: the environments "
		 "diverge without an error anywhere. In diff mode the file "
		 "existed at the merge base; in history mode an earlier commit "
		 "had committed it. Some runners also refuse to start when a "
		 "checksum changed (Flyway's validate, sqlx, Prisma).",
	.fix = "undo the edit and write a new migration that makes the "
	       "change; if the edit only changes comments or layout, "
	       "suppress this with a reason",
	.unsafe_sql = "-- 001_orders.sql, committed and deployed last week,\n"
		      "-- edited today:\n"
		      "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey\n"
		      "  FOREIGN KEY (user_id) REFERENCES users (id) NOT "
		      "VALID;\n",
	.safe_sql = "-- 001_orders.sql left as it was; the change goes in\n"
		    "-- 002_validate_orders_user.sql:\n"
		    "ALTER TABLE orders VALIDATE CONSTRAINT "
		    "orders_user_id_fkey;\n",
	.check = NULL,
};
