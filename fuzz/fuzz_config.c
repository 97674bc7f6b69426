/*
 * The configuration parser (config.h): config_parse() on the bytes as
 * .fkaudit.json, then every query on paths the configuration itself
 * names. A valid configuration's folders are normalised; a refused one
 * gives one line that names the file (valid UTF-8 when the file is).
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "config.h"
#include "glob.h"
#include "props.h"

#define NAME ".fkaudit.json"

static void check_normalised(const char *path)
{
	size_t n = strlen(path);

	if (path[0] == '/' || (n && path[n - 1] == '/') || strstr(path, "//") ||
	    strcmp(path, ".") == 0 || strncmp(path, "./", 2) == 0 ||
	    strstr(path, "/./") || strcmp(path, "..") == 0 ||
	    strncmp(path, "../", 3) == 0 || strstr(path, "/../") ||
	    (n >= 2 && strcmp(path + n - 2, "/.") == 0) ||
	    (n >= 3 && strcmp(path + n - 3, "/..") == 0))
		fuzz_fail("config: folder \"%s\" is not normalised", path);
}

static void query(const struct config *cfg, const char *path)
{
	struct buf b = BUF_INIT;
	const struct config_dir *d;

	config_excluded(cfg, path);
	d = config_dir_of(cfg, path);
	if (d && strncmp(path, d->path, strlen(d->path)) != 0)
		fuzz_fail("config: \"%s\" is not in its folder \"%s\"", path,
			  d->path);
	if (!config_framework_of(cfg, path))
		fuzz_fail("config: no framework for \"%s\"", path);
	if (config_transaction_of(cfg, path) == CONFIG_TX_UNSET)
		fuzz_fail("config: an unset transaction for \"%s\"", path);
	buf_addf(&b, "%s/001_x.sql", path);
	config_excluded(cfg, buf_str(&b));
	config_dir_of(cfg, buf_str(&b));
	buf_release(&b);
}

static void check_valid(const struct config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->ndirs; i++) {
		check_normalised(cfg->dirs[i].path);
		query(cfg, cfg->dirs[i].path);
	}
	for (i = 0; i < cfg->nexclude; i++) {
		glob_match(cfg->exclude[i], cfg->exclude[i]);
		query(cfg, cfg->exclude[i]);
	}
	for (i = 0; i < cfg->nseed; i++)
		query(cfg, cfg->seed[i]);
	for (i = 0; i < cfg->nrules; i++)
		if (!cfg->rules[i].rule)
			fuzz_fail("config: a rule level without its rule");
	config_rule_level(cfg, "FK001");
	config_rule_level(cfg, "fk-validating-add");
	query(cfg, "");
	query(cfg, "db/migrations");
}

static void check_error(const struct buf *err, const char *text, size_t len)
{
	const char *msg = buf_str(err);

	if (strncmp(msg, NAME ":", strlen(NAME ":")) != 0)
		fuzz_fail("config: the message does not name the file: %s",
			  msg);
	if (strchr(msg, '\n') || strlen(msg) != err->len)
		fuzz_fail("config: the message is not one line");
	if (fuzz_utf8_valid(text, len) && !fuzz_utf8_valid(msg, err->len))
		fuzz_fail("config: the message is not valid UTF-8");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config cfg;
	struct buf err = BUF_INIT;
	const char *text = (const char *)data;
	int rc = config_parse(&cfg, NAME, text, size, &err);

	if (rc == 0)
		check_valid(&cfg);
	else if (rc == FK_ECONFIG)
		check_error(&err, text, size);
	else
		fuzz_fail("config_parse() returned %d", rc);
	config_release(&cfg);
	buf_release(&err);
	return 0;
}
