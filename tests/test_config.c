/*
 * The configuration file: validation messages, valid files, globs,
 * rule levels, and end-to-end runs of the binary with .fkaudit.json and
 * --config.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "error.h"
#include "glob.h"
#include "rule.h"
#include "run.h"
#include "suggest.h"

#define NAME ".fkaudit.json"

/* The message config_parse() gives for `json` (asserting it fails). */
static char *parse_error(const char *json, size_t len)
{
	struct config cfg;
	struct buf err = BUF_INIT;
	int rc = config_parse(&cfg, NAME, json, len, &err);

	cr_assert_eq(rc, FK_ECONFIG, "%s: rc %d", json, rc);
	cr_assert_eq(cfg.nrules + cfg.ndirs + cfg.nexclude, 0);
	return err.ptr;
}

static void expect_error(const char *json, const char *message)
{
	char *msg = parse_error(json, strlen(json));

	cr_expect_str_eq(msg, message, "for %s: %s", json, msg);
	free(msg);
}

static void parse_ok(struct config *cfg, const char *json)
{
	struct buf err = BUF_INIT;
	int rc = config_parse(cfg, NAME, json, strlen(json), &err);

	cr_assert_eq(rc, 0, "%s", buf_str(&err));
	buf_release(&err);
}

Test(config, unknown_framework_names_the_path_and_the_choices)
{
	expect_error(
		"{ \"migrations\": [ \"db\", { \"path\": \"x\", "
		"\"framework\": \"gose\" } ] }",
		NAME ": $.migrations[1].framework: unknown framework \"gose\" "
		     "(expected one of: auto, golang-migrate, goose, flyway, "
		     "liquibase, dbmate, sqitch, diesel, sqlx, prisma, "
		     "drizzle, atlas, supabase, node-pg-migrate, "
		     "graphile-migrate, hasura, synapse, django, plain)");
	expect_error("{\"framework\": \"Goose\"}",
		     NAME ": $.framework: unknown framework \"Goose\" "
			  "(expected one of: auto, golang-migrate, goose, "
			  "flyway, liquibase, dbmate, sqitch, diesel, sqlx, "
			  "prisma, drizzle, atlas, supabase, node-pg-migrate, "
			  "graphile-migrate, hasura, synapse, django, plain)");
}

Test(config, unknown_transaction_mode)
{
	expect_error("{\"transaction\": \"per-file\"}",
		     NAME ": $.transaction: unknown transaction mode "
			  "\"per-file\" (expected one of: auto, none, file, "
			  "implicit, deploy)");
	expect_error("{\"migrations\": [{\"path\": \"db\", \"transaction\": 1}]}",
		     NAME ": $.migrations[0].transaction: expected a string, "
			  "got a number");
}

Test(config, rules_errors)
{
	expect_error("{\"rules\": {\"FK099\": \"off\"}}",
		     NAME ": $.rules.FK099: unknown rule");
	expect_error("{\"rules\": {\"fk-validatin-add\": \"off\"}}",
		     NAME ": $.rules.fk-validatin-add: unknown rule; did you "
			  "mean \"fk-validating-add\"?");
	expect_error("{\"rules\": {\"FK001\": \"warn\"}}",
		     NAME ": $.rules.FK001: unknown level \"warn\" (expected "
			  "one of: off, note, warning, error)");
	expect_error("{\"rules\": {\"FK001\": false}}",
		     NAME ": $.rules.FK001: expected a string, got false");
	expect_error("{\"rules\": [\"FK001\"]}",
		     NAME ": $.rules: expected an object, got an array");
	expect_error("{\"rules\": {\"FK001\": \"off\", \"fk-validating-add\": "
		     "\"note\"}}",
		     NAME ": $.rules.fk-validating-add: rule FK001 is already "
			  "set, by key \"FK001\"");
	expect_error("{\"rules\": {\"fk004\": \"off\", \"FK004\": \"note\"}}",
		     NAME ": $.rules.FK004: rule FK004 is already set, by key "
			  "\"fk004\"");
	expect_error("{\"rules\": {\"a b\": \"off\"}}",
		     NAME ": $.rules[\"a b\"]: unknown rule");
}

Test(config, wrong_types)
{
	expect_error("{\"exclude\": [1]}",
		     NAME ": $.exclude[0]: expected a string, got a number");
	expect_error("{\"exclude\": \"legacy\"}",
		     NAME ": $.exclude: expected an array, got a string");
	expect_error("{\"exclude\": [\"a\", null]}",
		     NAME ": $.exclude[1]: expected a string, got null");
	expect_error("{\"exclude\": [\"./\"]}",
		     NAME ": $.exclude[0]: expected a glob pattern, got \"./\"");
	expect_error("{\"seed\": [{}]}",
		     NAME ": $.seed[0]: expected a string, got an object");
	expect_error("{\"migrations\": [true]}",
		     NAME ": $.migrations[0]: expected a string or an object, "
			  "got true");
	expect_error("{\"migrations\": {}}",
		     NAME ": $.migrations: expected an array, got an object");
	expect_error("{\"migrations\": []}",
		     NAME ": $.migrations: expected at least one folder");
	expect_error("{\"migrations\": [{\"framework\": \"goose\"}]}",
		     NAME ": $.migrations[0]: missing key \"path\"");
	expect_error("[]", NAME ": $: expected an object, got an array");
	expect_error("\"x\"", NAME ": $: expected an object, got a string");
}

Test(config, paths_must_stay_in_the_repository)
{
	expect_error("{\"migrations\": [\"/srv/db\"]}",
		     NAME ": $.migrations[0]: expected a folder relative to "
			  "the repository root, got \"/srv/db\"");
	expect_error("{\"migrations\": [{\"path\": \"db/../..\"}]}",
		     NAME ": $.migrations[0].path: \"db/../..\" leaves the "
			  "repository");
	expect_error("{\"migrations\": [\"\"]}",
		     NAME ": $.migrations[0]: expected a folder relative to "
			  "the repository root, got \"\"");
	expect_error("{\"seed\": [\"db/..\"]}",
		     NAME ": $.seed[0]: expected a file relative to the "
			  "repository root, got \"db/..\"");
	expect_error("{\"migrations\": [\"db/m\", {\"path\": \"./db//m/\"}]}",
		     NAME ": $.migrations[1]: folder \"db/m\" is already "
			  "listed ($.migrations[0])");
}

Test(config, unknown_and_duplicate_keys)
{
	expect_error("{\"exclued\": []}",
		     NAME ": $: unknown key \"exclued\"; did you mean "
			  "\"exclude\"?");
	expect_error("{\"color\": \"red\"}",
		     NAME ": $: unknown key \"color\" (expected one of: "
			  "$schema, migrations, exclude, framework, "
			  "transaction, seed, rules)");
	expect_error("{\"migrations\": [{\"path\": \"db\", \"framwork\": "
		     "\"goose\"}]}",
		     NAME ": $.migrations[0]: unknown key \"framwork\"; did you "
			  "mean \"framework\"?");
	expect_error("{\"exclude\": [], \"seed\": [], \"exclude\": []}",
		     NAME ": $: duplicate key \"exclude\"");
	expect_error("{\"rules\": {\"FK001\": \"off\", \"FK001\": \"off\"}}",
		     NAME ": $.rules: duplicate key \"FK001\"");
	expect_error("{\"say \\\"hi\\\"\": 1}",
		     NAME ": $: unknown key \"say \\\"hi\\\"\" (expected one "
			  "of: $schema, migrations, exclude, framework, "
			  "transaction, seed, rules)");
}

Test(config, syntax_errors_have_line_and_column)
{
	expect_error("{\n  \"exclude\": [\"a\",]\n}",
		     NAME ":2:18: invalid JSON: trailing comma before ']'");
	expect_error("{\n  \"rules\": {\"FK001\": \"off\",}\n}",
		     NAME ":2:27: invalid JSON: trailing comma before '}'");
	expect_error("{\"exclude\": [\"a\"] \"seed\": []}",
		     NAME ":1:19: invalid JSON: expected ',' or '}', got '\"'");
	expect_error("{\"exclude\": [\"a\"}",
		     NAME ":1:17: invalid JSON: expected ',' or ']', got '}'");
	expect_error("{\"exclude\": [\"a\"]",
		     NAME ":1:18: invalid JSON: expected ',' or '}', got the "
			  "end of the file");
	expect_error("{\n  // comment\n}",
		     NAME ":2:3: invalid JSON: comments are not allowed in "
			  "JSON");
	expect_error("{'rules': {}}",
		     NAME ":1:2: invalid JSON: expected a key in double quotes "
			  "or '}', got \"'\"");
	expect_error("{\"framework\": goose}",
		     NAME ":1:15: invalid JSON: expected a value, got 'goose'");
	expect_error("{\"framework\": \"goose}",
		     NAME ":1:15: invalid JSON: unterminated string");
	expect_error("{\"a\": 01}",
		     NAME ":1:7: invalid JSON: invalid number (leading zero), "
			  "got '01'");
	expect_error("{\"a\": \"\\q\"}",
		     NAME ":1:8: invalid JSON: invalid escape");
	expect_error("{\"a\": \"\\u0000\"}",
		     NAME ":1:8: invalid JSON: \\u0000 is not allowed");
	expect_error("{\"a\": \"\\ud800\"}",
		     NAME ":1:8: invalid JSON: invalid \\u escape (a lone "
			  "surrogate)");
	expect_error("{} {}",
		     NAME ":1:4: invalid JSON: expected the end of the file, "
			  "got '{'");
	/* columns count characters, not bytes */
	expect_error("{\"h\xc3\xa9\": [1 2]}",
		     NAME ":1:11: invalid JSON: expected ',' or ']', got '2'");
}

Test(config, empty_not_utf8_and_nul)
{
	char *msg;

	expect_error("", NAME ": empty file: expected a JSON object");
	expect_error(" \n\t\r\n", NAME ": empty file: expected a JSON object");
	expect_error("{\n\"exclude\": [\"\xff\"]}",
		     NAME ":2:14: not valid UTF-8 (byte 0xff)");
	expect_error("{\"a\": \"\xed\xa0\x80\"}",
		     NAME ":1:8: not valid UTF-8 (byte 0xed)");
	msg = parse_error("{\"a\":\0}", 7);
	cr_expect_str_eq(msg, NAME ":1:6: invalid JSON: expected a value, got "
				   "a NUL byte");
	free(msg);
	msg = parse_error("{\"a\": \"x\0\"}", 11);
	cr_expect_str_eq(msg, NAME ":1:9: invalid JSON: control character in "
				   "a string (write it as an escape)");
	free(msg);
}

Test(config, nesting_is_limited)
{
	char json[400];
	size_t i;

	for (i = 0; i < 100; i++)
		json[i] = '[';
	for (; i < 200; i++)
		json[i] = ']';
	json[i] = '\0';
	expect_error(json, NAME ":1:65: invalid JSON: nested too deeply");
}

Test(config, full_example)
{
	struct config cfg;

	parse_ok(&cfg,
		 "\xef\xbb\xbf{\n"
		 "  \"$schema\": {\"anything\": [1, 2]},\n"
		 "  \"migrations\": [\n"
		 "    { \"path\": \"db/migrations\", \"framework\": \"goose\", "
		 "\"transaction\": \"file\" },\n"
		 "    \"services/billing/migrations/\",\n"
		 "    { \"path\": \"./db/migrations/legacy\", \"transaction\": "
		 "\"none\" }\n"
		 "  ],\n"
		 "  \"exclude\": [\"db/migrations/legacy/**\", "
		 "\"**/*_seed.sql\", \"/tmp\"],\n"
		 "  \"framework\": \"flyway\",\n"
		 "  \"transaction\": \"deploy\",\n"
		 "  \"seed\": [\"db/structure.sql\"],\n"
		 "  \"rules\": { \"fk004\": \"off\", \"fk-validating-add\": "
		 "\"warning\", \"FK014\": \"error\" }\n"
		 "}\n");
	cr_expect_str_eq(cfg.name, NAME);
	cr_expect(cfg.has_dirs);
	cr_assert_eq(cfg.ndirs, 3);
	cr_expect_str_eq(cfg.dirs[0].path, "db/migrations");
	cr_expect_str_eq(cfg.dirs[0].framework, "goose");
	cr_expect_eq(cfg.dirs[0].transaction, CONFIG_TX_FILE);
	cr_expect_str_eq(cfg.dirs[1].path, "services/billing/migrations");
	cr_expect_null(cfg.dirs[1].framework);
	cr_expect_eq(cfg.dirs[1].transaction, CONFIG_TX_UNSET);
	cr_expect_str_eq(cfg.dirs[2].path, "db/migrations/legacy");
	cr_assert_eq(cfg.nexclude, 3);
	cr_expect_str_eq(cfg.exclude[2], "tmp");
	cr_assert_eq(cfg.nseed, 1);
	cr_expect_str_eq(cfg.seed[0], "db/structure.sql");
	cr_expect_str_eq(cfg.framework, "flyway");
	cr_expect_eq(cfg.transaction, CONFIG_TX_DEPLOY);

	/* the most specific folder wins; its settings, then the top's */
	cr_expect_eq(config_dir_of(&cfg, "db/migrations/001.sql"),
		     &cfg.dirs[0]);
	cr_expect_eq(config_dir_of(&cfg, "db/migrations/legacy/1.sql"),
		     &cfg.dirs[2]);
	cr_expect_eq(config_dir_of(&cfg, "db/migrations"), &cfg.dirs[0]);
	cr_expect_null(config_dir_of(&cfg, "db/migrations2/1.sql"));
	cr_expect_null(config_dir_of(&cfg, "app/1.sql"));
	cr_expect_str_eq(config_framework_of(&cfg, "db/migrations/1.sql"),
			 "goose");
	cr_expect_str_eq(config_framework_of(&cfg, "db/migrations/legacy/1.sql"),
			 "flyway");
	cr_expect_eq(config_transaction_of(&cfg, "db/migrations/legacy/1.sql"),
		     CONFIG_TX_NONE);
	cr_expect_eq(config_transaction_of(&cfg,
					   "services/billing/migrations/1.sql"),
		     CONFIG_TX_DEPLOY);

	cr_expect_eq(config_rule_level(&cfg, "FK004"), LEVEL_NONE);
	cr_expect_eq(config_rule_level(&cfg, "fk-lock-timeout-missing"),
		     LEVEL_NONE);
	cr_expect_eq(config_rule_level(&cfg, "fk001"), LEVEL_WARNING);
	cr_expect_eq(config_rule_level(&cfg, "FK014"), LEVEL_ERROR);
	cr_expect_eq(config_rule_level(&cfg, "FK006"), -1);
	cr_expect_eq(config_rule_level(&cfg, "FK999"), -1);

	cr_expect(config_excluded(&cfg, "db/migrations/legacy/001.sql"));
	cr_expect(config_excluded(&cfg, "db/migrations/legacy/"));
	cr_expect(config_excluded(&cfg, "users_seed.sql"));
	cr_expect(config_excluded(&cfg, "a/b/users_seed.sql"));
	cr_expect(config_excluded(&cfg, "tmp/x.sql"));
	cr_expect_not(config_excluded(&cfg, "db/migrations/001.sql"));
	cr_expect_not(config_excluded(&cfg, "db/migrations/legacy"));
	config_release(&cfg);
	cr_expect_null(cfg.name);
}

Test(config, empty_object_is_every_default)
{
	struct config cfg;

	parse_ok(&cfg, "{}");
	cr_expect_not(cfg.has_dirs);
	cr_expect_null(config_dir_of(&cfg, "db/1.sql"));
	cr_expect_str_eq(config_framework_of(&cfg, "db/1.sql"), "auto");
	cr_expect_eq(config_transaction_of(&cfg, "db/1.sql"), CONFIG_TX_AUTO);
	cr_expect_not(config_excluded(&cfg, "db/1.sql"));
	cr_expect_eq(config_rule_level(&cfg, "FK001"), -1);
	config_release(&cfg);

	config_init(&cfg);
	cr_expect_str_eq(config_framework_of(&cfg, "x"), "auto");
	config_release(&cfg);

	parse_ok(&cfg, "{\"migrations\": [\".\", \"db\"]}");
	cr_expect_str_eq(cfg.dirs[0].path, "");
	cr_expect_eq(config_dir_of(&cfg, "app/1.sql"), &cfg.dirs[0]);
	cr_expect_eq(config_dir_of(&cfg, "db/1.sql"), &cfg.dirs[1]);
	config_release(&cfg);
}

Test(config, every_framework_and_mode_is_accepted)
{
	struct config cfg;
	char json[200];
	size_t i;

	for (i = 0; i < config_framework_count; i++) {
		snprintf(json, sizeof(json), "{\"framework\": \"%s\"}",
			 config_frameworks[i]);
		parse_ok(&cfg, json);
		cr_expect_eq(cfg.framework, config_frameworks[i]);
		config_release(&cfg);
	}
	for (i = CONFIG_TX_AUTO; i <= CONFIG_TX_DEPLOY; i++) {
		snprintf(json, sizeof(json), "{\"transaction\": \"%s\"}",
			 config_tx_name((enum config_tx)i));
		parse_ok(&cfg, json);
		cr_expect_eq(cfg.transaction, (enum config_tx)i);
		config_release(&cfg);
	}
	cr_expect_null(config_tx_name(CONFIG_TX_UNSET));
}

Test(config, every_rule_by_id_and_name)
{
	struct config cfg;
	char json[200];
	size_t i;

	for (i = 0; i < rule_count; i++) {
		snprintf(json, sizeof(json),
			 "{\"rules\": {\"%s\": \"note\"}}",
			 rule_registry[i]->name);
		parse_ok(&cfg, json);
		cr_expect_eq(config_rule_level(&cfg, rule_registry[i]->id),
			     LEVEL_NOTE);
		config_release(&cfg);
	}
	parse_ok(&cfg, "{\"rules\": {\"fk000\": \"error\", \"Fk002\": "
		       "\"warning\"}}");
	cr_expect_eq(config_rule_level(&cfg, "FK000"), LEVEL_ERROR);
	cr_expect_eq(config_rule_level(&cfg, "fk-on-new-column"),
		     LEVEL_WARNING);
	config_release(&cfg);
	/* names are exact: only ids ignore case */
	expect_error("{\"rules\": {\"FK-Validating-Add\": \"off\"}}",
		     NAME ": $.rules.FK-Validating-Add: unknown rule; did you "
			  "mean \"fk-validating-add\"?");
}

Test(config, levels_apply_to_findings)
{
	struct config cfg;
	struct result res;
	struct finding *f;
	const struct rule *fk001 = rule_find("FK001");
	const struct rule *fk004 = rule_find("FK004");
	const struct rule *fk006 = rule_find("FK006");

	result_init(&res);
	f = result_add_finding(&res);
	f->rule = fk001;
	f->level = LEVEL_ERROR;
	f = result_add_finding(&res);
	f->rule = fk004;
	f->level = LEVEL_WARNING;
	f = result_add_finding(&res);
	f->rule = fk006;
	f->level = LEVEL_ERROR;
	f = result_add_finding(&res);
	f->rule = fk004;
	f->level = LEVEL_WARNING;
	parse_ok(&cfg, "{\"rules\": {\"FK004\": \"off\", \"FK001\": "
		       "\"warning\"}}");
	config_apply_levels(&cfg, &res);
	cr_assert_eq(res.nfindings, 2);
	cr_expect_eq(res.findings[0].rule, fk001);
	cr_expect_eq(res.findings[0].level, LEVEL_WARNING);
	cr_expect_eq(res.findings[1].rule, fk006);
	cr_expect_eq(res.findings[1].level, LEVEL_ERROR);
	config_release(&cfg);
	result_release(&res);
}

Test(glob, stars_and_folders)
{
	cr_expect(glob_match("*.sql", "a.sql"));
	cr_expect_not(glob_match("*.sql", "db/a.sql"), "* stops at /");
	cr_expect(glob_match("db/*.sql", "db/a.sql"));
	cr_expect_not(glob_match("db/*.sql", "db/x/a.sql"));
	cr_expect(glob_match("db/**", "db/x/y/a.sql"));
	cr_expect(glob_match("db/**/a.sql", "db/a.sql"), "**/ may be empty");
	cr_expect(glob_match("db/**/a.sql", "db/x/y/a.sql"));
	cr_expect_not(glob_match("db/**/a.sql", "db/xa.sql"));
	cr_expect(glob_match("**/*_seed.sql", "users_seed.sql"));
	cr_expect(glob_match("**/*_seed.sql", "a/b/users_seed.sql"));
	cr_expect_not(glob_match("**/*_seed.sql", "a/b/users_seed.sql.bak"));
	cr_expect(glob_match("**", "anything/at/all"));
	cr_expect(glob_match("db/0??_*.sql", "db/001_init.sql"));
	cr_expect_not(glob_match("db/0??_*.sql", "db/01_init.sql"));
	cr_expect_not(glob_match("db?x", "db/x"), "? is not /");
	cr_expect(glob_match("caf?.sql", "caf\xc3\xa9.sql"), "? is a character");
	cr_expect(glob_match("a*b*c*d*e*f", "aXbXcXdXeXf"));
	cr_expect_not(glob_match("a*a*a*a*a*a*a*a*b",
				 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
	cr_expect(glob_match("*", ""));
	cr_expect_not(glob_match("a", "ab"));

	/* a pattern naming a folder covers everything under it */
	cr_expect(glob_covers("db/legacy", "db/legacy/001.sql"));
	cr_expect(glob_covers("db/legacy/", "db/legacy/x/001.sql"));
	cr_expect(glob_covers("db/*", "db/legacy/001.sql"));
	cr_expect(glob_covers("**/legacy", "a/b/legacy/c/001.sql"));
	cr_expect(glob_covers("db/legacy/**", "db/legacy/"),
		  "a walk can skip the folder");
	cr_expect_not(glob_covers("db/legacy", "db/legacy2/001.sql"));
	cr_expect_not(glob_covers("db/leg", "db/legacy/001.sql"));
	cr_expect_not(glob_covers("db/legacy/x", "db/legacy/"));
}

Test(glob, long_paths)
{
	char path[3000];

	memset(path, 'a', sizeof(path) - 6);
	strcpy(path + sizeof(path) - 6, "/x.sq");
	cr_expect(glob_match("**.sq", path));
	cr_expect(glob_covers("a*", path));
	cr_expect_not(glob_match("*", path));
}

Test(suggest, closest_within_two_edits)
{
	static const char *const keys[] = { "migrations", "exclude", "seed",
					    "rules" };

	cr_expect_eq(suggest_distance("exclued", "exclude"), 1);
	cr_expect_eq(suggest_distance("Rules", "rules"), 0);
	cr_expect_eq(suggest_distance("kitten", "sitting"), 3);
	cr_expect_str_eq(suggest_closest("exclued", keys, 4), "exclude");
	cr_expect_str_eq(suggest_closest("migration", keys, 4), "migrations");
	cr_expect_null(suggest_closest("colour", keys, 4));
	cr_expect_str_eq(suggest_closest("sed", keys, 4), "seed");
	cr_expect_null(suggest_closest("ab", keys, 4));
}
