#include "rules.h"

/* Reported by the suppression stage (core/suppress.c), not per statement. */
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
	.check = NULL,
};
