#include "config.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_schema.h"
#include "error.h"
#include "glob.h"
#include "json_check.h"
#include "rule.h"
#include "utf8.h"

#define CONFIG_MAX_SIZE ((size_t)1 << 20)

static const char *const tx_names[] = {
	[CONFIG_TX_AUTO] = "auto",     [CONFIG_TX_NONE] = "none",
	[CONFIG_TX_FILE] = "file",     [CONFIG_TX_IMPLICIT] = "implicit",
	[CONFIG_TX_DEPLOY] = "deploy",
};

const char *config_tx_name(enum config_tx tx)
{
	return tx > CONFIG_TX_UNSET && tx <= CONFIG_TX_DEPLOY ? tx_names[tx]
							      : NULL;
}

void config_init(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
}

void config_release(struct config *cfg)
{
	arena_release(&cfg->arena);
	config_init(cfg);
}

/* 1-based line and column (in characters) of byte `off`. */
static void locate(const char *text, size_t off, unsigned *line, unsigned *col)
{
	size_t i, start = 0;

	*line = 1;
	for (i = 0; i < off; i++)
		if (text[i] == '\n') {
			(*line)++;
			start = i + 1;
		}
	*col = (unsigned)utf8_columns(text + start, off - start) + 1;
}

static int syntax(const char *name, const char *text, size_t len,
		  struct buf *err)
{
	struct json_error je;
	unsigned line, col;
	size_t i, k;

	for (i = 0; i < len; i += k)
		if (!(k = utf8_seq_len((const unsigned char *)text + i,
				       len - i))) {
			locate(text, i, &line, &col);
			buf_addf(err, "%s:%u:%u: not valid UTF-8 (byte 0x%02x)",
				 name, line, col, (unsigned char)text[i]);
			return FK_ECONFIG;
		}
	for (i = 0; i < len && text[i] && strchr(" \t\r\n", text[i]); i++)
		;
	if (i == len) {
		buf_addf(err, "%s: empty file: expected a JSON object", name);
		return FK_ECONFIG;
	}
	if (json_check(text, len, &je) == 0)
		return 0;
	locate(text, je.offset, &line, &col);
	buf_addf(err, "%s:%u:%u: invalid JSON: %s%s%s", name, line, col,
		 je.what, je.got[0] ? ", got " : "", je.got);
	return FK_ECONFIG;
}

int config_parse(struct config *cfg, const char *name, const char *text,
		 size_t len, struct buf *err)
{
	cJSON *root = NULL;
	int rc;

	config_init(cfg);
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3; /* a byte order mark, as some editors write */
		len -= 3;
	}
	if ((rc = syntax(name, text, len, err)) < 0)
		goto done;
	/* the text is valid JSON now: cJSON can only run out of memory */
	if (!(cfg->name = arena_strdup(&cfg->arena, name)) ||
	    !(root = cJSON_ParseWithLength(text, len))) {
		rc = FK_ENOMEM;
		goto done;
	}
	rc = config_schema_read(cfg, name, root, err);
done:
	if (err->failed)
		rc = FK_ENOMEM;
	cJSON_Delete(root);
	if (rc < 0)
		config_release(cfg);
	return rc;
}

/* Section: loading a file. */

static int read_all(FILE *f, char **data, size_t *len)
{
	size_t cap = 4096, n;
	char *buf = NULL, *tmp;

	*len = 0;
	for (;;) {
		if (!(tmp = realloc(buf, cap))) {
			free(buf);
			return FK_ENOMEM;
		}
		buf = tmp;
		n = fread(buf + *len, 1, cap - *len, f);
		*len += n;
		if (*len < cap || *len > CONFIG_MAX_SIZE)
			break;
		cap *= 2;
	}
	*data = buf;
	return ferror(f) ? FK_EIO : 0;
}

int config_load(struct config *cfg, const char *path, const char *name,
		struct buf *err)
{
	FILE *f;
	char *data = NULL;
	size_t len = 0;
	int rc, saved;

	config_init(cfg);
	if (!name)
		name = path;
	if (!(f = fopen(path, "rb"))) {
		if (errno == ENOENT)
			return CONFIG_MISSING;
		buf_addf(err, "%s: cannot read: %s", name, strerror(errno));
		return FK_ECONFIG;
	}
	rc = read_all(f, &data, &len);
	saved = errno;
	fclose(f);
	if (rc == FK_EIO)
		buf_addf(err, "%s: cannot read: %s", name, strerror(saved));
	else if (rc == 0 && len > CONFIG_MAX_SIZE)
		buf_addf(err, "%s: larger than 1 MiB", name);
	else if (rc == 0)
		rc = config_parse(cfg, name, data, len, err);
	if (rc == FK_EIO || (rc == 0 && len > CONFIG_MAX_SIZE))
		rc = FK_ECONFIG;
	free(data);
	return rc;
}

/* Section: queries. */

bool config_excluded(const struct config *cfg, const char *path)
{
	size_t i;

	for (i = 0; i < cfg->nexclude; i++)
		if (glob_covers(cfg->exclude[i], path))
			return true;
	return false;
}

/* Whether folder `dir` ("" is the root) holds `path`, or is it. */
static bool holds(const char *dir, const char *path)
{
	size_t n = strlen(dir);

	return n == 0 || (strncmp(dir, path, n) == 0 &&
			  (path[n] == '\0' || path[n] == '/'));
}

const struct config_dir *config_dir_of(const struct config *cfg,
				       const char *path)
{
	const struct config_dir *best = NULL;
	size_t i;

	for (i = 0; i < cfg->ndirs; i++)
		if (holds(cfg->dirs[i].path, path) &&
		    (!best || strlen(cfg->dirs[i].path) > strlen(best->path)))
			best = &cfg->dirs[i];
	return best;
}

bool config_leaves_out(const struct config *cfg, const char *path)
{
	return config_excluded(cfg, path) ||
	       (cfg->has_dirs && !config_dir_of(cfg, path));
}

bool config_is_seed(const struct config *cfg, const char *path)
{
	size_t i;

	for (i = 0; i < cfg->nseed; i++)
		if (strcmp(cfg->seed[i], path) == 0)
			return true;
	return false;
}

bool config_may_hold(const struct config *cfg, const char *dir)
{
	struct buf folder = BUF_INIT;
	bool excluded;
	size_t i;

	buf_adds(&folder, dir);
	buf_addc(&folder, '/');
	/* out of memory: go in, the files are still asked about */
	excluded = !folder.failed && *dir &&
		   config_excluded(cfg, buf_str(&folder));
	buf_release(&folder);
	for (i = 0; !excluded && i < cfg->nseed; i++)
		if (holds(dir, cfg->seed[i]))
			return true;
	if (excluded || !cfg->has_dirs)
		return !excluded;
	for (i = 0; i < cfg->ndirs; i++)
		if (holds(cfg->dirs[i].path, dir) ||
		    holds(dir, cfg->dirs[i].path))
			return true;
	return false;
}

const char *config_framework_of(const struct config *cfg, const char *path)
{
	const struct config_dir *d = config_dir_of(cfg, path);

	if (d && d->framework)
		return d->framework;
	return cfg->framework ? cfg->framework : "auto";
}

enum config_tx config_transaction_of(const struct config *cfg, const char *path)
{
	const struct config_dir *d = config_dir_of(cfg, path);

	if (d && d->transaction != CONFIG_TX_UNSET)
		return d->transaction;
	return cfg->transaction != CONFIG_TX_UNSET ? cfg->transaction
						   : CONFIG_TX_AUTO;
}

/* The level set for `rule`, or -1. */
static int level_of(const struct config *cfg, const struct rule *rule)
{
	size_t i;

	for (i = 0; rule && i < cfg->nrules; i++)
		if (cfg->rules[i].rule == rule)
			return (int)cfg->rules[i].level;
	return -1;
}

int config_rule_level(const struct config *cfg, const char *rule_id)
{
	return level_of(cfg, rule_find(rule_id));
}

void config_apply_levels(const struct config *cfg, struct result *res)
{
	size_t i, kept = 0;
	int level;

	if (cfg->nrules == 0)
		return;
	for (i = 0; i < res->nfindings; i++) {
		struct finding *f = &res->findings[i];

		level = level_of(cfg, f->rule);
		if (level == LEVEL_NONE)
			continue;
		if (level > 0)
			f->level = (enum level)level;
		res->findings[kept++] = *f;
	}
	res->nfindings = kept;
}
