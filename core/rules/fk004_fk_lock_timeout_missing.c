#include "rules.h"

#include <string.h>

static bool existing(const struct rule_ctx *ctx, const struct qname *q)
{
	return q->name && !replay_table_is_new(ctx->state, q);
}

/*
 * A table of this deploy created holding a query's rows: its validating
 * foreign key is an FK001 statement.
 */
static bool filled_new(const struct rule_ctx *ctx, const struct qname *q)
{
	const struct table_state *t = replay_find_table(ctx->state, q);

	return q->name && t && t->filled && replay_table_is_new(ctx->state, q);
}

/* `"a" and "b"`, or `"a"` alone when they are `same` table. */
static const char *pair(struct rule_ctx *ctx, const struct qname *a,
			const struct qname *b, bool same)
{
	const char *s;

	if (same)
		return rule_table(ctx, a);
	s = arena_printf(ctx->scratch, "%s and %s", rule_table(ctx, a),
			 rule_table(ctx, b));
	return s ? s : "both tables";
}

/* The tables a subcommand locks strongly, and how; NULL if none. */
static const char *locks_of(struct rule_ctx *ctx, const struct alter_cmd *ac)
{
	const struct qname *t = &ctx->stmt->table;
	const struct fk_state *f;
	const char *tn = rule_table(ctx, t);
	bool self = rule_same_table(ctx, t, &ac->fk.ref_table);
	struct qname shown;
	bool self_fk;

	switch (ac->kind) {
	case ALTER_ADD_FK:
		if (existing(ctx, t) && existing(ctx, &ac->fk.ref_table))
			return arena_printf(
				ctx->scratch,
				"ADD FOREIGN KEY queues for SHARE ROW "
				"EXCLUSIVE on %s; while it waits, every later "
				"INSERT, UPDATE and DELETE on %s queues "
				"behind it",
				pair(ctx, t, &ac->fk.ref_table, self),
				self ? "it" : "them");
		/*
		 * A validating ADD on an empty table of this deploy is no
		 * FK001 statement: like CREATE TABLE … REFERENCES, it is
		 * not flagged. ADD … NOT VALID is, on either table, and so
		 * is the validating ADD on a table created filled.
		 */
		if (existing(ctx, t) ||
		    ((ac->fk.not_valid || filled_new(ctx, t)) &&
		     existing(ctx, &ac->fk.ref_table)))
			return arena_printf(
				ctx->scratch,
				"ADD FOREIGN KEY queues for SHARE ROW "
				"EXCLUSIVE on existing table %s; while it "
				"waits, every later INSERT, UPDATE and DELETE "
				"on it queues behind it",
				rule_table(ctx, existing(ctx, t)
							? t
							: &ac->fk.ref_table));
		return NULL;
	case ALTER_ADD_COLUMN:
		if (!ac->has_fk || !existing(ctx, t))
			return NULL;
		if (self)
			return arena_printf(
				ctx->scratch,
				"ADD COLUMN … REFERENCES queues for ACCESS "
				"EXCLUSIVE on %s; while it waits, every later "
				"statement on %s, reads included, queues "
				"behind it",
				tn, tn);
		return arena_printf(
			ctx->scratch,
			"ADD COLUMN … REFERENCES queues for ACCESS EXCLUSIVE "
			"on "
			"%s and SHARE ROW EXCLUSIVE on %s; while it waits, "
			"every later statement on %s, reads included, and "
			"every later INSERT, UPDATE and DELETE on %s queue "
			"behind it",
			tn, rule_table(ctx, &ac->fk.ref_table), tn,
			rule_table(ctx, &ac->fk.ref_table));
	case ALTER_DROP_CONSTRAINT:
		f = replay_find_fk(ctx->state, t, ac->name);
		if (!f || (!existing(ctx, t) && !existing(ctx, &f->ref)))
			return NULL;
		return arena_printf(
			ctx->scratch,
			"DROP CONSTRAINT of foreign key \"%s\" queues for "
			"ACCESS EXCLUSIVE on %s; while it waits, every later "
			"statement on %s, reads included, queues behind it",
			ac->name,
			pair(ctx, t, &f->ref, rule_same_table(ctx, t, &f->ref)),
			rule_same_table(ctx, t, &f->ref) ? "the table"
							 : "both tables");
	case ALTER_COLUMN_TYPE:
		f = replay_next_fk_of_column(ctx->state, t, ac->name, NULL);
		if (!f ||
		    (!existing(ctx, &(struct qname){ f->schema, f->table }) &&
		     !existing(ctx, &f->ref)))
			return NULL;
		shown = (struct qname){ NULL, f->table };
		self_fk = rule_same_table(
			ctx, &(struct qname){ f->schema, f->table }, &f->ref);
		return arena_printf(
			ctx->scratch,
			"ALTER COLUMN … TYPE of column \"%s\", part of foreign "
			"key \"%s\", queues for ACCESS EXCLUSIVE on %s; "
			"while it waits, every later statement on %s, reads "
			"included, queues behind it",
			ac->name, f->name, pair(ctx, &shown, &f->ref, self_fk),
			self_fk ? "the table" : "both tables");
	default:
		return NULL;
	}
}

static bool is_set_local_timeout(const struct stmt *st)
{
	return st->kind == STMT_SET && st->set_local && st->set_name &&
	       strcmp(st->set_name, "lock_timeout") == 0;
}

static int check(struct rule_ctx *ctx)
{
	const struct stmt *st = ctx->stmt;
	size_t k;

	if (is_set_local_timeout(st) && ctx->tx->source == TX_NONE)
		return rule_report(
			ctx, ctx->rule->level, st->span,
			"use SET lock_timeout (for the session), or put SET "
			"LOCAL inside the BEGIN … COMMIT of the DDL",
			"SET LOCAL lock_timeout outside a transaction block "
			"has no effect (PostgreSQL only warns), so the "
			"statements after it run with no lock_timeout");
	if (st->kind != STMT_ALTER_TABLE ||
	    replay_lock_timeout(ctx->state, ctx->tx))
		return 0;
	for (k = 0; k < st->ncmds; k++) {
		const char *what = locks_of(ctx, &st->cmds[k]);

		if (what) /* one finding per statement */
			return rule_report(ctx, ctx->rule->level,
					   st->cmds[k].span, NULL,
					   "no lock_timeout is set: %s", what);
	}
	return 0;
}

const struct rule rule_fk004_fk_lock_timeout_missing = {
	.id = "FK004",
	.name = "fk-lock-timeout-missing",
	.level = LEVEL_WARNING,
	.summary = "Foreign-key DDL that queues for a strong lock with no "
		   "lock_timeout set.",
	.facts = "Foreign-key DDL must wait for its lock behind every open "
		 "transaction that conflicts with it: ADD FOREIGN KEY (with or "
		 "without NOT VALID) waits for SHARE ROW EXCLUSIVE on both "
		 "tables behind open writers; ADD COLUMN ... REFERENCES for "
		 "ACCESS EXCLUSIVE on the table; DROP CONSTRAINT of a foreign "
		 "key, and ALTER COLUMN ... TYPE of a foreign-key column (on "
		 "either side), for ACCESS EXCLUSIVE on both tables, even "
		 "behind a plain SELECT. While it waits, it blocks every later "
		 "statement that "
		 "conflicts with the lock it wants: every later writer (for "
		 "ACCESS EXCLUSIVE, every later reader too) queues behind it, "
		 "so one long transaction turns a millisecond of DDL into an "
		 "outage. SET lock_timeout lasts for the session; SET LOCAL "
		 "only until the end of its transaction, and outside a "
		 "transaction block it does nothing (also flagged).",
	.fix = "SET lock_timeout = '2s' before it (or SET LOCAL inside its "
	       "transaction), and retry the migration when it times out",
	.unsafe_sql =
		"ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey\n"
		"  FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n",
	.safe_sql =
		"SET lock_timeout = '2s';\n"
		"ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey\n"
		"  FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n",
	.check = check,
};
