#include "rules.h"

#include "error.h"

#include <string.h>

static const char *recognised(const struct stmt *st)
{
	size_t k;

	switch (st->kind) {
	case STMT_CREATE_TABLE:
		return "CREATE TABLE";
	case STMT_ALTER_TABLE:
		for (k = 0; k < st->ncmds; k++)
			if (st->cmds[k].has_fk)
				return st->cmds[k].kind == ALTER_ADD_COLUMN
					       ? "ALTER TABLE … ADD COLUMN … "
						 "REFERENCES"
					       : "ALTER TABLE … ADD FOREIGN "
						 "KEY";
		for (k = 0; k < st->ncmds; k++)
			if (st->cmds[k].kind == ALTER_VALIDATE)
				return "ALTER TABLE … VALIDATE CONSTRAINT";
		return "ALTER TABLE";
	default:
		return stmt_kind_name(st->kind);
	}
}

static int check(struct rule_ctx *ctx)
{
	const struct stmt *st = ctx->stmt;
	struct span at = { st->error_off, st->error_off };
	const char *tail, *rest = "the rest of the file is audited";

	if (st->parsed)
		return 0;
	if (st->unterminated)
		rest = arena_printf(ctx->scratch,
				    "the rest of the file, from line %u, is "
				    "inside an unterminated %s, and is not "
				    "audited",
				    (unsigned)st->unterminated_line,
				    st->unterminated);
	if (!rest)
		return FK_ENOMEM;
	/* underline the token the parser stopped at */
	at.end = st->error_off < st->span.end ? st->error_off + 1 : at.start;
	if (st->from_tokens)
		tail = arena_printf(ctx->scratch,
				    "audited from its tokens only (%s "
				    "recognised); %s",
				    recognised(st), rest);
	else
		tail = arena_printf(ctx->scratch,
				    "not audited (no DDL that fkaudit checks "
				    "was recognised in its tokens); %s",
				    rest);
	return rule_report(ctx, ctx->rule->level, at, NULL,
			   "statement rejected by the PostgreSQL 15 grammar: "
			   "%s; %s",
			   st->error, tail ? tail : "audited from its tokens");
}

const struct rule rule_fk000_parse_error = {
	.id = "FK000",
	.name = "parse-error",
	.level = LEVEL_WARNING,
	.summary = "A statement that the PostgreSQL 15 grammar rejects.",
	.facts = "fkaudit parses SQL with libpg_query, which is PostgreSQL "
		 "15's own parser. A statement it rejects is either a real "
		 "error or syntax of a newer PostgreSQL (16's subquery "
		 "without an alias, 17's SET EXPRESSION, 18's CONSTRAINT "
		 "name NOT NULL column, ...). Such a statement is still read "
		 "from its tokens: CREATE TABLE, ALTER TABLE ... ADD FOREIGN "
		 "KEY / ADD COLUMN ... REFERENCES / VALIDATE CONSTRAINT, "
		 "CREATE and DROP INDEX [CONCURRENTLY], SET and transaction "
		 "control are recognised, so the other rules still apply to "
		 "it and to the statements after it. The message says "
		 "whether it was audited from its tokens or not at all; the "
		 "statements after it are audited either way, unless it "
		 "runs into a quote, dollar quote or comment that is never "
		 "closed, which hides the rest of the file: the message "
		 "then says so.",
	.fix = "fix the SQL; if it is valid for your server's version, "
	       "suppress this finding with -- fkaudit:ignore FK000 <reason>",
	.unsafe_sql = "ALTER TABLE orders ADD CONSTRAINT orders_user_fk\n"
		      "  FOREIGN KEY (user_id) REFERENCS users (id);\n",
	.safe_sql =
		"ALTER TABLE orders ADD CONSTRAINT orders_user_fk\n"
		"  FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n",
	.check = check,
};
