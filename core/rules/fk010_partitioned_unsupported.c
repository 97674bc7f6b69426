#include "rules.h"

/*
 * PostgreSQL 15's errors, measured on 15.18: ATAddForeignKeyConstraint
 * (42809) and DefineIndex (0A000). They name relations unqualified.
 */
static const struct table_state *partitioned(const struct rule_ctx *ctx,
					     const struct qname *q)
{
	const struct table_state *t = replay_find_table(ctx->state, q);

	return t && t->partitioned ? t : NULL;
}

static int report_not_valid(struct rule_ctx *ctx, const struct fk_def *fk,
			    const struct table_state *t)
{
	const char *tn = rule_table(ctx, &ctx->stmt->table);
	const char *p = rule_table(ctx, &fk->ref_table);
	const char *help = arena_printf(
		ctx->scratch,
		"add the foreign key NOT VALID on each partition of %s and "
		"VALIDATE CONSTRAINT it there, then add it to %s without NOT "
		"VALID: the parent adopts the partitions' validated keys "
		"without a scan (it briefly takes ACCESS EXCLUSIVE on %s)",
		tn, tn, p);

	return rule_report(
		ctx, ctx->rule->level, fk->span, help,
		"%s is partitioned, and PostgreSQL (15 to 17) refuses NOT "
		"VALID there: \"cannot add NOT VALID foreign key on "
		"partitioned table \"%s\" referencing relation \"%s\"\" "
		"(\"This feature is not yet supported on partitioned "
		"tables.\"); the migration fails, after queuing for SHARE ROW "
		"EXCLUSIVE on both tables",
		tn, t->name, fk->ref_table.name ? fk->ref_table.name : "?");
}

static int report_cic(struct rule_ctx *ctx, const struct table_state *t)
{
	const struct stmt *st = ctx->stmt;
	const char *tn = rule_table(ctx, &st->table);
	const char *cols =
		rule_cols(ctx, st->index_cols, st->nindex_cols, true);
	const char *help = arena_printf(
		ctx->scratch,
		"CREATE INDEX %s ON ONLY %s (%s) (the parent's index starts "
		"invalid), then CREATE INDEX CONCURRENTLY on each partition "
		"and ALTER INDEX %s ATTACH PARTITION each partition's index: "
		"the parent's index becomes valid once every partition has "
		"one",
		st->index_name ? st->index_name : "<name>",
		rule_sql_name(ctx, &st->table), cols,
		st->index_name ? st->index_name : "<name>");

	return rule_report(
		ctx, ctx->rule->level, st->span, help,
		"%s is partitioned, and PostgreSQL (15 to 17) refuses CREATE "
		"INDEX CONCURRENTLY on it: \"cannot create index on "
		"partitioned table \"%s\" concurrently\"; the migration fails",
		tn, t->name);
}

static int check(struct rule_ctx *ctx)
{
	const struct stmt *st = ctx->stmt;
	const struct table_state *t;
	const struct alter_cmd *ac;
	const struct fk_def *fk;
	size_t pos = 0;
	int err;

	if (!st->table.name || !(t = partitioned(ctx, &st->table)))
		return 0;
	if (st->kind == STMT_CREATE_INDEX)
		return st->concurrently ? report_cic(ctx, t) : 0;
	if (st->kind != STMT_ALTER_TABLE)
		return 0;
	while ((fk = stmt_next_fk(st, &pos, &ac)))
		if (ac->kind == ALTER_ADD_FK && fk->not_valid &&
		    (err = report_not_valid(ctx, fk, t)) < 0)
			return err;
	return 0;
}

const struct rule rule_fk010_partitioned_unsupported = {
	.id = "FK010",
	.at_revision = true,
	.name = "partitioned-unsupported",
	.level = LEVEL_ERROR,
	.summary = "NOT VALID foreign keys and CREATE INDEX CONCURRENTLY on a "
		   "partitioned table: PostgreSQL refuses both.",
	.facts =
		"On a partitioned table (one created with PARTITION BY), "
		"PostgreSQL 15 to 17 refuse ALTER TABLE ... ADD FOREIGN KEY "
		"... NOT VALID (\"cannot add NOT VALID foreign key on "
		"partitioned table ...\"; it fails only after taking SHARE ROW "
		"EXCLUSIVE on both tables) and CREATE INDEX CONCURRENTLY "
		"(\"cannot create index on partitioned table ... "
		"concurrently\"), so the safe recipes of FK001 and FK006 do "
		"not apply there: the migration fails. Both are allowed on "
		"the individual partitions, and NOT VALID is allowed when "
		"only the referenced table is partitioned.",
	.fix = "add the foreign key NOT VALID and VALIDATE it on each "
	       "partition, then add it on the parent (which adopts the "
	       "validated keys without a scan); build indexes with CREATE "
	       "INDEX ON ONLY the parent, CONCURRENTLY on each partition, then "
	       "ALTER INDEX ... ATTACH PARTITION",
	.unsafe_sql =
		"ALTER TABLE events ADD CONSTRAINT events_user_id_fkey\n"
		"  FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n"
		"CREATE INDEX CONCURRENTLY events_user_id_idx ON events "
		"(user_id);\n",
	.safe_sql = "ALTER TABLE events_2024 ADD CONSTRAINT "
		    "events_user_id_fkey\n"
		    "  FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n"
		    "ALTER TABLE events_2024 VALIDATE CONSTRAINT "
		    "events_user_id_fkey;\n"
		    "-- … each partition, then:\n"
		    "ALTER TABLE events ADD CONSTRAINT events_user_id_fkey\n"
		    "  FOREIGN KEY (user_id) REFERENCES users (id);\n"
		    "CREATE INDEX events_user_id_idx ON ONLY events "
		    "(user_id);\n"
		    "CREATE INDEX CONCURRENTLY events_2024_user_id_idx ON "
		    "events_2024 (user_id);\n"
		    "ALTER INDEX events_user_id_idx ATTACH PARTITION "
		    "events_2024_user_id_idx;\n",
	.check = check,
};
