#include "rules.h"

#include <string.h>

#include "sqltype.h"

/* A column's type as this statement declares or changes it; NULL if not. */
static const char *type_here(const struct stmt *st, const char *col,
			     bool *found)
{
	size_t k;

	*found = true;
	for (k = 0; st->kind == STMT_CREATE_TABLE && k < st->ncolumns; k++)
		if (strcmp(st->columns[k].name, col) == 0)
			return st->columns[k].type;
	for (k = 0; k < st->ncmds; k++)
		if ((st->cmds[k].kind == ALTER_ADD_COLUMN ||
		     st->cmds[k].kind == ALTER_COLUMN_TYPE) &&
		    st->cmds[k].name && strcmp(st->cmds[k].name, col) == 0)
			return st->cmds[k].type;
	*found = false;
	return NULL;
}

/* The type of `col` of table `q`: this statement's, else the replay's. */
static const char *type_of(const struct rule_ctx *ctx, const struct qname *q,
			   const char *col)
{
	const struct stmt *st = ctx->stmt;
	const struct table_state *t;
	const struct column_state *c;
	const char *type;
	bool found;

	if (!col)
		return NULL;
	if (rule_same_table(ctx, q, &st->table)) {
		type = type_here(st, col, &found);
		if (found)
			return type;
		if (st->kind == STMT_CREATE_TABLE)
			q = &st->partition_of; /* a partition's columns */
	}
	t = replay_find_table(ctx->state, q);
	c = table_find_column(t, col);
	return c ? c->type : NULL;
}

/* The referenced columns: as written, or the primary key. */
static const char *const *ref_cols(const struct rule_ctx *ctx,
				   const struct fk_def *fk, size_t *n)
{
	const struct stmt *st = ctx->stmt;
	const struct index_state *pk;
	size_t k;

	*n = fk->nref_cols;
	if (fk->nref_cols)
		return fk->ref_cols;
	if (st->kind == STMT_CREATE_TABLE &&
	    rule_same_table(ctx, &fk->ref_table, &st->table))
		for (k = 0; k < st->nkeys; k++)
			if (st->keys[k].primary) {
				*n = st->keys[k].ncols;
				return st->keys[k].cols;
			}
	pk = table_primary_key(replay_find_table(ctx->state, &fk->ref_table));
	*n = pk ? pk->ncols : 0;
	return pk ? pk->cols : NULL;
}

static const char *consequence(struct rule_ctx *ctx, const char *a,
			       const char *b)
{
	int wa = sqltype_int_width(a), wb = sqltype_int_width(b);
	const char *narrow = wa < wb ? a : b;

	if (!wa || !wb)
		return "keys that one side can hold may not fit, or compare "
		       "the same, on the other";
	return arena_printf(ctx->scratch,
			    "the %s side overflows at %s while the %s side "
			    "does not",
			    narrow, sqltype_int_max(narrow),
			    narrow == a ? b : a);
}

static int report(struct rule_ctx *ctx, const struct fk_def *fk,
		  const char *col, const char *type, const char *ref_col,
		  const char *ref_type)
{
	const char *t = rule_table(ctx, &ctx->stmt->table);
	const char *p = rule_table(ctx, &fk->ref_table);
	int wa = sqltype_int_width(type), wb = sqltype_int_width(ref_type);
	const char *want = wa && wb && wa > wb ? type : ref_type;
	const char *help = arena_printf(
		ctx->scratch,
		"declare both columns with the same type: %s for %s.\"%s\" "
		"and %s.\"%s\"",
		want, t, col, p, ref_col);

	return rule_report(
		ctx, ctx->rule->level, fk->span, help,
		"foreign key \"%s\" joins %s.\"%s\" (%s) to %s.\"%s\" (%s): "
		"%s, "
		"and aligning the types later is an ALTER COLUMN TYPE that "
		"takes ACCESS EXCLUSIVE on both tables and rewrites one of "
		"them (FK011)",
		rule_fk_name(ctx, fk), t, col, type, p, ref_col, ref_type,
		consequence(ctx, type, ref_type));
}

static int check_fk(struct rule_ctx *ctx, const struct fk_def *fk)
{
	size_t n, k;
	const char *const *rc = ref_cols(ctx, fk, &n);

	for (k = 0; k < fk->ncols && k < n; k++) {
		const char *a = type_of(ctx, &ctx->stmt->table, fk->cols[k]);
		const char *b = type_of(ctx, &fk->ref_table, rc[k]);

		if (a && b && strcmp(a, b) != 0) /* one finding per key */
			return report(ctx, fk, fk->cols[k], a, rc[k], b);
	}
	return 0;
}

static int check(struct rule_ctx *ctx)
{
	const struct fk_def *fk;
	size_t pos = 0;
	int err;

	if (!ctx->stmt->table.name)
		return 0;
	while ((fk = stmt_next_fk(ctx->stmt, &pos, NULL)))
		if (fk->ref_table.name && (err = check_fk(ctx, fk)) < 0)
			return err;
	return 0;
}

const struct rule rule_fk008_fk_type_mismatch = {
	.id = "FK008",
	.at_revision = true,
	.name = "fk-type-mismatch",
	.level = LEVEL_WARNING,
	.summary = "A foreign-key column whose type differs from the column "
		   "it references.",
	.facts =
		"PostgreSQL accepts a foreign key between columns of "
		"different but comparable types, such as integer referencing "
		"bigint. The narrower side limits the keys: an integer column "
		"overflows at 2,147,483,647 while the bigint key it "
		"references goes on. Aligning the types later is an ALTER "
		"COLUMN ... TYPE, which takes ACCESS EXCLUSIVE on both tables, "
		"rewrites the table and re-validates the key (FK011). Types "
		"are compared as PostgreSQL names them (serial is integer, "
		"varchar(255) is character varying(255)); referenced columns "
		"left out mean the primary key. Only types fkaudit knows are "
		"compared: built-in ones, not domains or enums.",
	.fix = "declare both sides with the same type",
	.unsafe_sql = "CREATE TABLE users (id bigint PRIMARY KEY);\n"
		      "CREATE TABLE orders (\n"
		      "  id bigint PRIMARY KEY,\n"
		      "  user_id integer REFERENCES users (id)\n"
		      ");\n",
	.safe_sql = "CREATE TABLE users (id bigint PRIMARY KEY);\n"
		    "CREATE TABLE orders (\n"
		    "  id bigint PRIMARY KEY,\n"
		    "  user_id bigint REFERENCES users (id)\n"
		    ");\n",
	.check = check,
};
