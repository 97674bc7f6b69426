/* The rule table: ids unique and sorted, every rule documented. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "run.h"

#include "rule.h"

Test(registry, ids_unique_sorted_documented)
{
	size_t i;

	cr_assert(rule_count >= 8);
	for (i = 0; i < rule_count; i++) {
		const struct rule *r = rule_registry[i];
		size_t k;

		cr_expect(strlen(r->id) == 5 && strncmp(r->id, "FK", 2) == 0,
			  "%s", r->id);
		if (i)
			cr_expect(strcmp(rule_registry[i - 1]->id, r->id) < 0,
				  "%s sorted and unique", r->id);
		for (k = 0; r->name[k]; k++)
			cr_expect((r->name[k] >= 'a' && r->name[k] <= 'z') ||
					  (r->name[k] >= '0' &&
					   r->name[k] <= '9') ||
					  r->name[k] == '-',
				  "%s: kebab-case name", r->id);
		cr_expect(r->summary && *r->summary, "%s summary", r->id);
		cr_expect(r->facts && strlen(r->facts) > 100, "%s facts",
			  r->id);
		cr_expect(r->fix && *r->fix, "%s fix", r->id);
		/* GitHub rejects longer SARIF descriptions and names */
		cr_expect(strlen(r->summary) <= 1024 &&
				  strlen(r->facts) <= 1024,
			  "%s: descriptions fit SARIF's 1024", r->id);
		cr_expect(strlen(r->name) <= 255);
		cr_expect(r->unsafe_sql && r->safe_sql, "%s examples", r->id);
		cr_expect(rule_find(r->id) == r && rule_find(r->name) == r);
	}
	cr_expect(rule_find("fk001") == rule_find("FK001"));
	cr_expect(rule_find("FK999") == NULL);
}

Test(registry, contract_levels_and_names)
{
	static const struct {
		char id[6];
		char name[40];
		enum level level;
	} contract[] = {
		{ "FK000", "parse-error", LEVEL_WARNING },
		{ "FK001", "fk-validating-add", LEVEL_ERROR },
		{ "FK002", "fk-on-new-column", LEVEL_ERROR },
		{ "FK003", "fk-validate-same-transaction", LEVEL_ERROR },
		{ "FK004", "fk-lock-timeout-missing", LEVEL_WARNING },
		{ "FK006", "index-not-concurrent", LEVEL_ERROR },
		{ "FK007", "concurrent-in-transaction", LEVEL_ERROR },
		{ "FK014", "unused-suppression", LEVEL_NOTE },
	};
	size_t i;

	for (i = 0; i < sizeof(contract) / sizeof(contract[0]); i++) {
		const struct rule *r = rule_find(contract[i].id);

		cr_assert(r, "%s exists", contract[i].id);
		cr_expect_str_eq(r->name, contract[i].name);
		cr_expect_eq(r->level, contract[i].level, "%s level", r->id);
	}
}

/* The README's rule table lists every rule with its id, name and level. */
Test(registry, readme_lists_every_rule)
{
	struct buf readme = BUF_INIT;
	size_t i;

	cr_assert(read_file("README.md", &readme) == 0);
	for (i = 0; i < rule_count; i++) {
		const struct rule *r = rule_registry[i];
		char row[128];

		snprintf(row, sizeof(row), "| %s | %s | %s |", r->id, r->name,
			 level_name(r->level));
		cr_expect(strstr(buf_str(&readme), row), "README lacks '%s'",
			  row);
	}
	buf_release(&readme);
}
