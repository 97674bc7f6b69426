#include "rules.h"

#include <stdint.h>

/* Called by the suppression stage (core/rules/suppress.c) for each comment. */
static int check_suppression(struct rule_file_ctx *ctx,
			     const struct rule_suppression *s)
{
	switch (s->problem) {
	case SUPPRESSION_UNKNOWN_DIRECTIVE:
		return rule_file_report(
			ctx, s->stmt, s->span,
			"write -- fkaudit:ignore RULE reason, or -- "
			"fkaudit:ignore-file RULE reason",
			"unknown fkaudit directive: only fkaudit:ignore and "
			"fkaudit:ignore-file are understood");
	case SUPPRESSION_NO_RULE:
		return rule_file_report(ctx, s->stmt, s->span,
					"name the rules to suppress, e.g. -- "
					"fkaudit:ignore FK001 reason",
					"suppression names no rule, so it "
					"suppresses nothing");
	case SUPPRESSION_UNKNOWN_RULE:
		return rule_file_report(ctx, s->stmt, s->span,
					"name a rule that `fkaudit rules` "
					"lists",
					"suppression names unknown rule \"%s\"",
					s->word);
	case SUPPRESSION_UNUSED_FILE_WIDE:
		return rule_file_report(ctx, s->stmt, s->span, NULL,
					"file-wide suppression of %s matches "
					"no finding in this file",
					s->word);
	case SUPPRESSION_NO_STATEMENT:
		return rule_file_report(ctx, s->stmt, s->span, NULL,
					"suppression of %s is followed by no "
					"statement",
					s->word);
	case SUPPRESSION_UNUSED:
		return rule_file_report(ctx, s->stmt, s->span, NULL,
					"suppression of %s matches no finding "
					"of the statement it %s",
					s->word,
					s->trails ? "follows on its line"
						  : "precedes");
	}
	return 0;
}

const struct rule rule_fk014_unused_suppression = {
	.id = "FK014",
	.name = "unused-suppression",
	.level = LEVEL_NOTE,
	.summary = "A fkaudit:ignore comment that suppresses nothing.",
	.facts = "-- fkaudit:ignore FK001[,FK004] <reason> on the lines just "
		 "before a statement (or after its ';' on the same line) "
		 "suppresses those rules' findings on that statement; "
		 "-- fkaudit:ignore-file FK004 <reason> anywhere in a file "
		 "suppresses them in the whole file. A suppression that "
		 "matches no finding, names an unknown rule, or is not "
		 "spelt as one of the two is reported, so that stale "
		 "suppressions are cleaned up instead of misleading readers.",
	.fix = "remove the suppression, or correct the rule id it names",
	.unsafe_sql = "-- fkaudit:ignore FK001 validated in a maintenance "
		      "window\n"
		      "CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders "
		      "(user_id);\n",
	.safe_sql = "CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders "
		    "(user_id);\n",
	.check_suppression = check_suppression,
};
