#include "rules.h"

#include <string.h>

static bool same_set(const char *const *a, size_t na, const char *const *b,
		     size_t nb)
{
	size_t i, k;

	if (na < nb || nb == 0)
		return false;
	for (i = 0; i < nb; i++) {
		for (k = 0; k < nb; k++)
			if (a[i] && b[k] && strcmp(a[i], b[k]) == 0)
				break;
		if (k == nb)
			return false;
	}
	return true;
}

/* A PRIMARY KEY or UNIQUE of this statement that leads with the columns. */
static bool key_here(const struct stmt *st, const struct fk_def *fk)
{
	size_t k;

	for (k = 0; k < st->nkeys; k++)
		if (same_set(st->keys[k].cols, st->keys[k].ncols, fk->cols,
			     fk->ncols))
			return true;
	for (k = 0; k < st->ncmds; k++)
		if (st->cmds[k].has_key &&
		    same_set(st->cmds[k].key.cols, st->cmds[k].key.ncols,
			     fk->cols, fk->ncols))
			return true;
	return false;
}

static bool indexed(const struct rule_ctx *ctx, const struct fk_def *fk)
{
	const struct stmt *st = ctx->stmt;
	const struct table_state *t = replay_find_table(ctx->state, &st->table);

	if (st->kind == STMT_CREATE_TABLE)
		t = replay_find_table(ctx->state, &st->partition_of);
	return key_here(st, fk) ||
	       table_find_leading_index(t, fk->cols, fk->ncols);
}

static const char *effect(char on_delete)
{
	switch (on_delete) {
	case 'c':
		return "; ON DELETE CASCADE then deletes the rows it finds, "
		       "after the same scan";
	case 'n':
	case 'd':
		return "; ON DELETE SET NULL / SET DEFAULT then updates the "
		       "rows it finds, after the same scan";
	default:
		return "";
	}
}

static int report(struct rule_ctx *ctx, const struct fk_def *fk)
{
	const struct stmt *st = ctx->stmt;
	const char *t = rule_table(ctx, &st->table);
	const char *idx = replay_default_name(ctx->scratch, st->table.name,
					      fk->cols, fk->ncols, "idx");
	bool is_new = st->kind == STMT_CREATE_TABLE ||
		      replay_table_is_new(ctx->state, &st->table);
	const char *help = arena_printf(
		ctx->scratch, "%s: CREATE INDEX %s%s ON %s (%s)%s",
		is_new ? "index the referencing columns in the same migration"
		       : "index the referencing columns in a migration of its "
			 "own, outside any transaction, before VALIDATE",
		is_new ? "" : "CONCURRENTLY ", idx ? idx : "?",
		rule_sql_name(ctx, &st->table),
		rule_cols(ctx, fk->cols, fk->ncols, true),
		is_new ? " (the table is new: CONCURRENTLY is not needed)"
		       : "");

	return rule_report(
		ctx, ctx->rule->level, fk->span, help,
		"foreign key \"%s\" on %s (%s) has no index on %s that starts "
		"with its columns, after every migration audited: each DELETE "
		"from %s, and each UPDATE of its key, looks up the referencing "
		"rows of %s with a sequential scan%s",
		rule_fk_name(ctx, fk), t,
		rule_cols(ctx, fk->cols, fk->ncols, false), t,
		rule_table(ctx, &fk->ref_table), t, effect(fk->on_delete));
}

static int check(struct rule_ctx *ctx)
{
	const struct stmt *st = ctx->stmt;
	const struct table_state *t;
	const struct fk_def *fk;
	size_t pos = 0;
	int err;

	if (!st->table.name)
		return 0;
	t = replay_find_table(ctx->state, &st->table);
	/* an unknown table may have any index: only known tables count */
	if (st->kind != STMT_CREATE_TABLE && !t)
		return 0;
	while ((fk = stmt_next_fk(st, &pos, NULL))) {
		if (fk->ncols == 0 || indexed(ctx, fk) ||
		    (fk->not_valid && t && t->partitioned)) /* FK010 */
			continue;
		if ((err = report(ctx, fk)) < 0)
			return err;
	}
	return 0;
}

static bool still_holds(const struct replay *r, const struct fk_state *fk)
{
	const struct table_state *t = replay_fk_table(r, fk);

	return !fk->dropped && t &&
	       !table_find_leading_index(t, fk->cols, fk->ncols);
}

const struct rule rule_fk005_fk_index_missing = {
	.id = "FK005",
	.at_revision = true,
	.name = "fk-index-missing",
	.level = LEVEL_WARNING,
	.summary = "A foreign key whose referencing columns lead no index, "
		   "after all migrations.",
	.facts = "PostgreSQL indexes the referenced side of a foreign key (it "
		 "must be a primary key or unique), never the referencing "
		 "side. Each DELETE of a referenced row, and each UPDATE of "
		 "its key, runs a lookup of the referencing rows; without an "
		 "index whose leading columns are the foreign key's columns, "
		 "that lookup is a sequential scan of the referencing table, "
		 "once per deleted or updated row. ON DELETE CASCADE and SET "
		 "NULL then also write the rows they find. Checked after "
		 "every migration audited: an index created by a later "
		 "migration counts (a PRIMARY KEY or UNIQUE constraint too, "
		 "and an index on the partitioned parent). Only tables whose "
		 "CREATE TABLE was audited are checked: the indexes of other "
		 "tables are not known.",
	.fix = "CREATE INDEX CONCURRENTLY on the referencing columns, in a "
	       "migration outside any transaction, before VALIDATE",
	.unsafe_sql =
		"ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey\n"
		"  FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n",
	.safe_sql =
		"CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders "
		"(user_id);\n"
		"ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey\n"
		"  FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n",
	.check = check,
	.still_holds = still_holds,
};
