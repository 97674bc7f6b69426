/* fkaudit rules: list the rules. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "rule.h"

int cmd_rules(int argc, char **argv)
{
	size_t i;

	if (argc > 1 &&
	    (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		puts("usage: fkaudit rules\n\nLists every rule: id, name, "
		     "default level and summary.\n'fkaudit explain ID' shows "
		     "one rule in full.");
		return EXIT_CLEAN;
	}
	if (argc > 1) {
		fprintf(stderr,
			"fkaudit rules: unexpected argument '%s'\n"
			"Try 'fkaudit rules --help'.\n",
			argv[1]);
		return EXIT_USAGE;
	}
	for (i = 0; i < rule_count; i++) {
		const struct rule *r = rule_registry[i];

		printf("%s  %-29s %-8s %s\n", r->id, r->name,
		       level_name(r->level), r->summary);
	}
	return EXIT_CLEAN;
}
