#include "rules.h"

/* The orphan check for the fix, when the key's columns are known. */
static const char *anti_join(struct rule_ctx *ctx, const struct fk_def *fk)
{
	const struct table_state *p =
		replay_find_table(ctx->state, &fk->ref_table);
	const struct index_state *pk = table_primary_key(p);
	const char *ref_col = fk->nref_cols == 1 ? fk->ref_cols[0]
			      : !fk->nref_cols && pk && pk->ncols == 1
				      ? pk->cols[0]
				      : NULL;
	struct qname fc = { NULL, fk->ncols == 1 ? fk->cols[0] : NULL };
	struct qname rc = { NULL, ref_col };

	if (!fc.name || !rc.name)
		return "after checking for orphans with an anti-join (LEFT "
		       "JOIN the referenced table, keep the rows it does not "
		       "match)";
	return arena_printf(
		ctx->scratch,
		"after checking for orphans: SELECT c.%s FROM %s c LEFT JOIN "
		"%s p ON p.%s = c.%s WHERE c.%s IS NOT NULL AND p.%s IS NULL",
		rule_sql_name(ctx, &fc), rule_sql_name(ctx, &ctx->stmt->table),
		rule_sql_name(ctx, &fk->ref_table), rule_sql_name(ctx, &rc),
		rule_sql_name(ctx, &fc), rule_sql_name(ctx, &fc),
		rule_sql_name(ctx, &rc));
}

static int report(struct rule_ctx *ctx, const struct fk_def *fk)
{
	const char *name = rule_fk_name(ctx, fk);
	const char *help = arena_printf(
		ctx->scratch,
		"add a migration that runs ALTER TABLE %s VALIDATE CONSTRAINT "
		"%s (SHARE UPDATE EXCLUSIVE: blocks no INSERT, UPDATE or "
		"DELETE), %s",
		rule_sql_name(ctx, &ctx->stmt->table),
		rule_sql_name(ctx, &(struct qname){ NULL, name }),
		anti_join(ctx, fk));

	return rule_report(
		ctx, ctx->rule->level, fk->span, help,
		"foreign key \"%s\" on %s is added NOT VALID and no migration "
		"audited after it validates it: the rows %s held before were "
		"never checked against %s, so orphans may exist, and "
		"PostgreSQL shows the constraint as not valid",
		name, rule_table(ctx, &ctx->stmt->table),
		rule_table(ctx, &ctx->stmt->table),
		rule_table(ctx, &fk->ref_table));
}

static int check(struct rule_ctx *ctx)
{
	const struct stmt *st = ctx->stmt;
	const struct table_state *t;
	const struct alter_cmd *ac;
	const struct fk_def *fk;
	size_t pos = 0;
	int err;

	if (st->kind != STMT_ALTER_TABLE || !st->table.name)
		return 0;
	t = replay_find_table(ctx->state, &st->table);
	while ((fk = stmt_next_fk(st, &pos, &ac))) {
		/* a partitioned table refuses it: FK010 */
		if (ac->kind != ALTER_ADD_FK || !fk->not_valid ||
		    (t && t->partitioned))
			continue;
		if ((err = report(ctx, fk)) < 0)
			return err;
	}
	return 0;
}

static bool still_holds(const struct replay *r, const struct fk_state *fk)
{
	(void)r;
	return !fk->dropped && fk->not_valid;
}

const struct rule rule_fk009_fk_never_validated = {
	.id = "FK009",
	.at_revision = true,
	.name = "fk-never-validated",
	.level = LEVEL_WARNING,
	.summary = "A foreign key added NOT VALID that no later migration "
		   "validates.",
	.facts = "ADD FOREIGN KEY ... NOT VALID checks new and updated rows "
		 "only; the rows the table already held are never checked "
		 "until VALIDATE CONSTRAINT runs. Until then orphans may "
		 "exist, the constraint is shown as not valid "
		 "(pg_constraint.convalidated is false), and the planner "
		 "cannot rely on it. Checked after every migration audited: a "
		 "VALIDATE in a later migration, or dropping the key, "
		 "settles it.",
	.fix = "add a migration that runs VALIDATE CONSTRAINT (it takes SHARE "
	       "UPDATE EXCLUSIVE on the table and ROW SHARE on the referenced "
	       "one: no INSERT, UPDATE or DELETE waits), after checking for "
	       "orphans with an anti-join",
	.unsafe_sql =
		"ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey\n"
		"  FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n"
		"-- and no migration validates it\n",
	.safe_sql = "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey\n"
		    "  FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n"
		    "-- next migration, after checking for orphans:\n"
		    "ALTER TABLE orders VALIDATE CONSTRAINT "
		    "orders_user_id_fkey;\n",
	.check = check,
	.still_holds = still_holds,
};
