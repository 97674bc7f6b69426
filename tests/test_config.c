/*
 * The configuration file: validation messages, valid files, globs,
 * rule levels, and end-to-end runs of the binary with .fkaudit.json and
 * --config.
 */
#include <criterion/criterion.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "framework.h"
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
	expect_error("{ \"migrations\": [ \"db\", { \"path\": \"x\", "
		     "\"framework\": \"gose\" } ] }",
		     NAME
		     ": $.migrations[1].framework: unknown framework \"gose\" "
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
	expect_error(
		"{\"migrations\": [{\"path\": \"db\", \"transaction\": 1}]}",
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
	expect_error("{\"exclude\": [\"./\"]}", NAME
		     ": $.exclude[0]: expected a glob pattern, got \"./\"");
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
			  "transaction, seed, rules, django)");
	expect_error("{\"migrations\": [{\"path\": \"db\", \"framwork\": "
		     "\"goose\"}]}",
		     NAME
		     ": $.migrations[0]: unknown key \"framwork\"; did you "
		     "mean \"framework\"?");
	expect_error("{\"exclude\": [], \"seed\": [], \"exclude\": []}",
		     NAME ": $: duplicate key \"exclude\"");
	expect_error("{\"rules\": {\"FK001\": \"off\", \"FK001\": \"off\"}}",
		     NAME ": $.rules: duplicate key \"FK001\"");
	expect_error("{\"say \\\"hi\\\"\": 1}",
		     NAME ": $: unknown key \"say \\\"hi\\\"\" (expected one "
			  "of: $schema, migrations, exclude, framework, "
			  "transaction, seed, rules, django)");
}

/* "django": more foreign-key field classes, and AUTH_USER_MODEL. */
Test(config, django_keys)
{
	struct config cfg;

	parse_ok(&cfg,
		 "{\"django\": {\"foreign_key_fields\": [\"ParentalKey\", "
		 "\"TreeForeignKey\"], \"auth_user_model\": "
		 "\"users.User\"}}");
	cr_expect_eq(cfg.ndjango_fk_fields, 2);
	cr_expect_str_eq(cfg.django_fk_fields[1], "TreeForeignKey");
	cr_expect_str_eq(cfg.django_user_model, "users.User");
	config_release(&cfg);
	expect_error("{\"django\": {\"auth_user_model\": \"User\"}}",
		     NAME ": $.django.auth_user_model: expected "
			  "\"app_label.ModelName\", got \"User\"");
	expect_error("{\"django\": {\"foreign_key_fields\": [\"a.B\"]}}",
		     NAME ": $.django.foreign_key_fields[0]: expected a field "
			  "class name, got \"a.B\"");
	expect_error("{\"django\": {\"user_model\": \"a.B\"}}", NAME
		     ": $.django: unknown key \"user_model\" (expected one "
		     "of: foreign_key_fields, auth_user_model)");
	expect_error("{\"django\": []}",
		     NAME ": $.django: expected an object, got an array");
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
	cr_expect_str_eq(
		config_framework_of(&cfg, "db/migrations/legacy/1.sql"),
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

	for (i = 0; i < framework_registry_count; i++) {
		snprintf(json, sizeof(json), "{\"framework\": \"%s\"}",
			 framework_registry[i]->name);
		parse_ok(&cfg, json);
		cr_expect_eq(cfg.framework, framework_registry[i]->name);
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
		snprintf(json, sizeof(json), "{\"rules\": {\"%s\": \"note\"}}",
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
	cr_expect(glob_match("caf?.sql", "caf\xc3\xa9.sql"),
		  "? is a character");
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

/* Section: end-to-end runs of the binary. */

static const char unsafe_fk[] =
	"ALTER TABLE orders ADD CONSTRAINT orders_user_fk\n"
	"  FOREIGN KEY (user_id) REFERENCES users (id);\n";

TestSuite(config_cli, .init = test_git_setup, .fini = test_dir_teardown);

#define ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

struct run {
	int code;
	struct buf out, err;
};

static void sh(const char *cmd)
{
	char full[4096];

	snprintf(full, sizeof(full), "cd '%s' && { %s ; } >/dev/null 2>&1",
		 test_dir, cmd);
	cr_assert_eq(system(full), 0, "failed: %s", cmd);
}

/* Writes test_dir/<path>, making its folders. */
static void put(const char *path, const char *content)
{
	char full[4096], cmd[4200], *slash;

	snprintf(full, sizeof(full), "%s/%s", test_dir, path);
	slash = strrchr(full, '/');
	*slash = '\0';
	snprintf(cmd, sizeof(cmd), "mkdir -p '%s'", full);
	sh(cmd);
	*slash = '/';
	cr_assert_eq(write_file(full, content, strlen(content)), 0);
}

static bool exists(const char *path)
{
	char full[4096];

	snprintf(full, sizeof(full), "%s/%s", test_dir, path);
	return access(full, F_OK) == 0;
}

static char *slurp(const char *path)
{
	char full[4096];
	struct buf b = BUF_INIT;

	snprintf(full, sizeof(full), "%s/%s", test_dir, path);
	cr_assert_eq(read_file(full, &b), 0, "cannot read %s", path);
	return b.ptr ? b.ptr : strdup("");
}

static struct run go(const char *cwd, const char *const *args)
{
	struct run r = { 0, BUF_INIT, BUF_INIT };
	char dir[4096];

	snprintf(dir, sizeof(dir), "%s/%s", test_dir, cwd);
	r.code = run_fkaudit(args, dir, NULL, NULL, &r.out, &r.err);
	return r;
}

static void done(struct run *r)
{
	buf_release(&r->out);
	buf_release(&r->err);
}

/* A repository "repo" with one committed unsafe migration, db/001.sql. */
static void repo_with_unsafe_fk(void)
{
	put("repo/db/001.sql", unsafe_fk);
	sh("git init -q -b main repo && cd repo && git add -A && "
	   "git commit -q -m 'add fk'");
}

static const cJSON *sarif_rule(const cJSON *rules, const char *id)
{
	const cJSON *r;

	cJSON_ArrayForEach (r, rules)
		if (strcmp(cJSON_GetObjectItem(r, "id")->valuestring, id) == 0)
			return r;
	cr_assert_fail("no rule %s", id);
	return NULL;
}

/* FK001 is a warning, FK004 off, in results and in rules. */
static void check_sarif(const char *text)
{
	cJSON *doc = cJSON_Parse(text);
	const cJSON *run, *results, *rules, *cfg;

	cr_assert_not_null(doc);
	run = cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "runs"), 0);
	results = cJSON_GetObjectItem(run, "results");
	cr_assert_eq(cJSON_GetArraySize(results), 1, "%s", text);
	cr_expect_str_eq(
		cJSON_GetObjectItem(cJSON_GetArrayItem(results, 0), "level")
			->valuestring,
		"warning");
	rules = cJSON_GetObjectItem(
		cJSON_GetObjectItem(cJSON_GetObjectItem(run, "tool"), "driver"),
		"rules");
	cfg = cJSON_GetObjectItem(sarif_rule(rules, "FK001"),
				  "defaultConfiguration");
	cr_expect_str_eq(cJSON_GetObjectItem(cfg, "level")->valuestring,
			 "warning");
	cr_expect_null(cJSON_GetObjectItem(cfg, "enabled"));
	cfg = cJSON_GetObjectItem(sarif_rule(rules, "FK004"),
				  "defaultConfiguration");
	cr_expect(cJSON_IsFalse(cJSON_GetObjectItem(cfg, "enabled")));
	cr_expect_str_eq(cJSON_GetObjectItem(cfg, "level")->valuestring,
			 "warning");
	cfg = cJSON_GetObjectItem(sarif_rule(rules, "FK006"),
				  "defaultConfiguration");
	cr_expect_str_eq(cJSON_GetObjectItem(cfg, "level")->valuestring,
			 "error");
	cJSON_Delete(doc);
}

Test(config_cli, rule_levels_change_every_report_and_the_exit_status)
{
	struct run r;
	char *sarif, *junit, *json;

	repo_with_unsafe_fk();
	r = go("repo", ARGS("check"));
	cr_expect_eq(r.code, 1);
	cr_expect(test_has(&r.out, "error: [FK001"), "%s", buf_str(&r.out));
	cr_expect(test_has(&r.out, "[FK004"));
	done(&r);

	put("repo/.fkaudit.json",
	    "{ \"$schema\": \"https://example.org/fkaudit.schema.json\",\n"
	    "  \"rules\": { \"FK004\": \"off\", \"fk-validating-add\": "
	    "\"warning\" } }\n");
	r = go("repo/db", ARGS("check", "--sarif", "../out.sarif", "--junit",
			       "../out.xml", "--json", "../out.json"));
	cr_expect_eq(r.code, 0, "%s", buf_str(&r.err));
	cr_expect(test_has(&r.out, "db/001.sql:1:24: warning: [FK001"), "%s",
		  buf_str(&r.out));
	cr_expect_not(test_has(&r.out, "FK004"));
	cr_expect(test_has(&r.out, "0 errors, 1 warning, 0 notes"));
	done(&r);
	sarif = slurp("repo/out.sarif");
	check_sarif(sarif);
	junit = slurp("repo/out.xml");
	cr_expect(strstr(junit, "<failure"), "a warning is a failure");
	cr_expect_not(strstr(junit, "FK004"));
	json = slurp("repo/out.json");
	cr_expect(strstr(json, "\"level\":\t\"warning\""), "%s", json);
	cr_expect_not(strstr(json, "FK004"));
	free(sarif);
	free(junit);
	free(json);

	r = go("repo", ARGS("check", "--fail-level", "warning"));
	cr_expect_eq(r.code, 1);
	done(&r);
}

Test(config_cli, a_note_passes_in_junit)
{
	struct run r;
	char *junit;

	repo_with_unsafe_fk();
	put("repo/.fkaudit.json",
	    "{\"rules\": {\"FK001\": \"note\", \"FK004\": \"note\"}}");
	r = go("repo", ARGS("check", "--junit", "out.xml"));
	cr_expect_eq(r.code, 0);
	cr_expect(test_has(&r.out, "note: [FK001"), "%s", buf_str(&r.out));
	done(&r);
	junit = slurp("repo/out.xml");
	cr_expect_not(strstr(junit, "<failure"), "%s", junit);
	cr_expect(strstr(junit, "failures=\"0\""), "%s", junit);
	free(junit);
}

Test(config_cli, rule_error_stops_every_command_before_reports)
{
	struct run r;

	repo_with_unsafe_fk();
	put("repo/.fkaudit.json", "{\"rules\": {\"FK099\": \"off\"}}");
	r = go("repo", ARGS("check", "--sarif", "out.sarif"));
	cr_expect_eq(r.code, 2);
	cr_expect_str_eq(buf_str(&r.err),
			 "fkaudit: .fkaudit.json: $.rules.FK099: unknown "
			 "rule\n");
	cr_expect_eq(r.out.len, 0);
	cr_expect_not(exists("repo/out.sarif"));
	done(&r);
	r = go("repo/db", ARGS("history", "--sarif", "out.sarif"));
	cr_expect_eq(r.code, 2);
	cr_expect(test_has(&r.err, "$.rules.FK099: unknown rule"));
	done(&r);
	r = go("repo", ARGS("diff", "-q", "HEAD"));
	cr_expect_eq(r.code, 2);
	cr_expect(test_has(&r.err, "$.rules.FK099: unknown rule"));
	cr_expect_not(exists("repo/db/out.sarif"));
	done(&r);
}

Test(config_cli, syntax_error_is_exit_2_with_line_and_column)
{
	struct run r;

	repo_with_unsafe_fk();
	put("repo/.fkaudit.json", "{\n  \"exclude\": [\"db/legacy\",]\n}\n");
	r = go("repo", ARGS("check", "--sarif", "out.sarif", "-o", "out.txt"));
	cr_expect_eq(r.code, 2);
	cr_expect_str_eq(buf_str(&r.err),
			 "fkaudit: .fkaudit.json:2:26: invalid JSON: trailing "
			 "comma before ']'\n");
	cr_expect_not(exists("repo/out.sarif"));
	cr_expect_not(exists("repo/out.txt"));
	done(&r);
}

Test(config_cli, config_option)
{
	struct run r;

	repo_with_unsafe_fk();
	r = go("repo",
	       ARGS("check", "--config", "nope.json", "--sarif", "out.sarif"));
	cr_expect_eq(r.code, 2);
	cr_expect_str_eq(buf_str(&r.err),
			 "fkaudit: --config nope.json: no such file\n");
	cr_expect_not(exists("repo/out.sarif"));
	done(&r);
	r = go("repo", ARGS("history", "--config", "nope.json"));
	cr_expect_eq(r.code, 2);
	done(&r);

	/* --config wins over .fkaudit.json, in every command */
	put("repo/.fkaudit.json", "{\"rules\": {\"FK099\": \"off\"}}");
	put("quiet.json", "{\"rules\": {\"FK001\": \"off\", \"FK004\": "
			  "\"off\"}}");
	r = go("repo", ARGS("check", "--config", "../quiet.json"));
	cr_expect_eq(r.code, 0, "%s", buf_str(&r.err));
	cr_expect_not(test_has(&r.out, "[FK0"), "%s", buf_str(&r.out));
	done(&r);
	r = go("repo", ARGS("history", "-q", "--config", "../quiet.json"));
	cr_expect_eq(r.code, 0, "%s", buf_str(&r.err));
	cr_expect_not(test_has(&r.out, "[FK0"), "%s", buf_str(&r.out));
	done(&r);
	r = go("repo", ARGS("--help"));
	done(&r);
	r = go("repo", ARGS("diff", "--help"));
	cr_expect(test_has(&r.out, "--config FILE"));
	done(&r);

	/* a bad --config file names itself as given */
	put("bad.json", "[]");
	r = go("repo", ARGS("check", "--config", "../bad.json"));
	cr_expect_eq(r.code, 2);
	cr_expect_str_eq(buf_str(&r.err),
			 "fkaudit: ../bad.json: $: expected an object, got an "
			 "array\n");
	done(&r);
}

Test(config_cli, history_and_diff_read_the_repository_config)
{
	struct run r;

	repo_with_unsafe_fk();
	put("repo/.fkaudit.json", "{\"rules\": {\"FK004\": \"off\"}}");
	r = go("repo/db", ARGS("history", "-q"));
	cr_expect_eq(r.code, 1);
	cr_expect(test_has(&r.out, "[FK001"), "%s", buf_str(&r.out));
	cr_expect_not(test_has(&r.out, "[FK004"), "%s", buf_str(&r.out));
	done(&r);
	put("repo/db/002.sql", unsafe_fk);
	sh("cd repo && git checkout -q -b feature && git add db && "
	   "git commit -q -m more");
	r = go("repo", ARGS("diff", "-q", "main"));
	cr_expect_eq(r.code, 1);
	cr_expect(test_has(&r.out, "db/002.sql:1:24: error: [FK001"), "%s",
		  buf_str(&r.out));
	cr_expect_not(test_has(&r.out, "[FK004"), "%s", buf_str(&r.out));
	done(&r);
}

Test(config_cli, exclude_skips_walked_folders_but_not_named_files)
{
	struct run r;

	repo_with_unsafe_fk();
	put("repo/db/legacy/001.sql", unsafe_fk);
	put("repo/db/legacy/old/002.sql", unsafe_fk);
	put("repo/db/users_seed.sql", unsafe_fk);
	put("repo/.fkaudit.json",
	    "{\"exclude\": [\"db/legacy\", \"**/*_seed.sql\"]}");
	r = go("repo", ARGS("check"));
	cr_expect(test_has(&r.out, "db/001.sql"), "%s", buf_str(&r.out));
	cr_expect_not(test_has(&r.out, "legacy"), "%s", buf_str(&r.out));
	cr_expect_not(test_has(&r.out, "seed"), "%s", buf_str(&r.out));
	cr_expect(test_has(&r.out, "in 1 file"), "%s", buf_str(&r.out));
	done(&r);
	/* paths are the repository's, wherever it runs */
	r = go("repo/db", ARGS("check", "."));
	cr_expect(test_has(&r.out, "in 1 file"), "%s", buf_str(&r.out));
	done(&r);
	r = go("repo/db/legacy", ARGS("check"));
	cr_expect(test_has(&r.out, "no SQL files"), "%s", buf_str(&r.out));
	done(&r);
	/* a file named on the command line is audited */
	r = go("repo", ARGS("check", "db/legacy/001.sql", "db/users_seed.sql"));
	cr_expect(test_has(&r.out, "db/legacy/001.sql:1:24"), "%s",
		  buf_str(&r.out));
	cr_expect(test_has(&r.out, "db/users_seed.sql:1:24"), "%s",
		  buf_str(&r.out));
	done(&r);
}

Test(config_cli, outside_a_repository_the_current_folder)
{
	struct run r;

	put("plain/db/001.sql", unsafe_fk);
	put("plain/db/legacy/001.sql", unsafe_fk);
	put("plain/.fkaudit.json",
	    "{\"exclude\": [\"db/legacy/**\"], \"rules\": {\"FK001\": "
	    "\"note\", \"FK004\": \"off\"}}");
	r = go("plain", ARGS("check"));
	cr_expect_eq(r.code, 0, "%s", buf_str(&r.err));
	cr_expect(test_has(&r.out, "db/001.sql:1:24: note: [FK001"), "%s",
		  buf_str(&r.out));
	cr_expect(test_has(&r.out, "in 1 file"), "%s", buf_str(&r.out));
	done(&r);
	r = go("plain/db", ARGS("check"));
	cr_expect_eq(r.code, 1, "no .fkaudit.json in db/");
	done(&r);
	r = go("plain/db", ARGS("-C", "..", "check"));
	cr_expect_eq(r.code, 0, "-C changes where it is looked for");
	done(&r);
}

Test(config_cli, load_tells_a_missing_file_from_a_bad_one)
{
	struct config cfg;
	struct buf err = BUF_INIT;
	char path[4096], *big;
	size_t n = ((size_t)1 << 20) + 10;

	snprintf(path, sizeof(path), "%s/none.json", test_dir);
	cr_expect_eq(config_load(&cfg, path, "none.json", &err),
		     CONFIG_MISSING);
	cr_expect_eq(err.len, 0);
	cr_expect_eq(config_rule_level(&cfg, "FK001"), -1);

	cr_expect_eq(config_load(&cfg, test_dir, "dir", &err), FK_ECONFIG);
	cr_expect_str_eq(buf_str(&err), "dir: cannot read: Is a directory");
	buf_reset(&err);

	put("ok.json", "\xef\xbb\xbf{\"rules\": {\"FK006\": \"note\"}}\r\n");
	snprintf(path, sizeof(path), "%s/ok.json", test_dir);
	cr_expect_eq(config_load(&cfg, path, NULL, &err), 0, "%s",
		     buf_str(&err));
	cr_expect_str_eq(cfg.name, path, "the path names it");
	cr_expect_eq(config_rule_level(&cfg, "FK006"), LEVEL_NOTE);
	config_release(&cfg);

	big = malloc(n + 1);
	cr_assert_not_null(big);
	memset(big, ' ', n);
	big[0] = '{';
	big[n - 1] = '}';
	big[n] = '\0';
	put("big.json", big);
	free(big);
	snprintf(path, sizeof(path), "%s/big.json", test_dir);
	cr_expect_eq(config_load(&cfg, path, "big.json", &err), FK_ECONFIG);
	cr_expect_str_eq(buf_str(&err), "big.json: larger than 1 MiB");
	buf_release(&err);
}
