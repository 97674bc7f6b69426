/* fkaudit explain: one rule's documentation. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "rule.h"

#define WIDTH 76

/* Prints `text` wrapped at WIDTH columns, each line indented. */
static void put_wrapped(const char *text, const char *indent)
{
	const char *p = text;
	size_t col = 0;

	while (*p) {
		size_t n = strcspn(p, " ");

		if (col && col + 1 + n > WIDTH) {
			putchar('\n');
			col = 0;
		}
		if (col == 0) {
			fputs(indent, stdout);
			col = strlen(indent);
		} else {
			putchar(' ');
			col++;
		}
		fwrite(p, 1, n, stdout);
		col += n;
		p += n;
		while (*p == ' ')
			p++;
	}
	putchar('\n');
}

static void put_sql(const char *sql)
{
	const char *p = sql;

	while (*p) {
		size_t n = strcspn(p, "\n");

		printf("    %.*s\n", (int)n, p);
		p += n;
		if (*p == '\n')
			p++;
	}
}

int cmd_explain(int argc, char **argv)
{
	const struct rule *r;

	if (argc > 1 &&
	    (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		puts("usage: fkaudit explain RULE\n\nShows a rule's full "
		     "documentation: what it flags, the facts behind it,\nthe "
		     "fix, and an unsafe and a safe example. RULE is an id "
		     "(FK001)\nor a name (fk-validating-add).");
		return EXIT_CLEAN;
	}
	if (argc != 2) {
		fprintf(stderr, "fkaudit explain: name one rule, e.g. "
				"'fkaudit explain FK001'\n");
		return EXIT_USAGE;
	}
	if (!(r = rule_find(argv[1]))) {
		fprintf(stderr,
			"fkaudit explain: unknown rule '%s'; 'fkaudit rules' "
			"lists them\n",
			argv[1]);
		return EXIT_USAGE;
	}
	printf("%s %s (default level: %s)\n\n", r->id, r->name,
	       level_name(r->level));
	put_wrapped(r->summary, "");
	puts("\nWhat it flags, and why:");
	put_wrapped(r->facts, "  ");
	puts("\nFix:");
	put_wrapped(r->fix, "  ");
	puts("\nUnsafe:");
	put_sql(r->unsafe_sql);
	puts("\nSafe:");
	put_sql(r->safe_sql);
	return EXIT_CLEAN;
}
