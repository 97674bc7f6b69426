#ifndef FKAUDIT_CONFIG_H
#define FKAUDIT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "error.h"
#include "result.h"

/*
 * The configuration file, .fkaudit.json at the repository root (or the
 * file --config names): where the migrations are, what to leave out,
 * how they run, and the level of each rule. The format is in README.md,
 * section "Configuration":
 *
 *   {
 *     "migrations": [
 *       { "path": "db/migrations", "framework": "goose",
 *         "transaction": "file" },
 *       "services/billing/migrations"
 *     ],
 *     "exclude": ["db/migrations/legacy", "*_seed.sql"],
 *     "framework": "auto",
 *     "transaction": "auto",
 *     "seed": ["db/structure.sql"],
 *     "rules": { "FK004": "off", "fk-validating-add": "warning" },
 *     "django": { "foreign_key_fields": ["ParentalKey"],
 *                 "auth_user_model": "users.User" }
 *   }
 *
 * Loading validates everything: unknown keys, wrong types, unknown
 * frameworks, transaction modes, rules and levels are errors that name
 * the JSON path ("$.migrations[1].framework") and what was expected.
 * A loaded configuration is read-only; the queries below never fail.
 */

/* How a migration's statements are grouped into transactions. */
enum config_tx {
	CONFIG_TX_UNSET = 0, /* not given: the enclosing setting (or auto) */
	CONFIG_TX_AUTO,	     /* as its framework runs it */
	CONFIG_TX_NONE,	     /* each statement commits on its own */
	CONFIG_TX_FILE,	     /* one transaction per file */
	CONFIG_TX_IMPLICIT, /* the file is sent as one multi-statement string */
	CONFIG_TX_DEPLOY, /* all migrations of one deploy in one transaction */
};

/* "auto", "none", "file", "implicit", "deploy"; NULL for UNSET. */
const char *config_tx_name(enum config_tx tx);

/* One "migrations" entry. */
struct config_dir {
	/*
	 * The folder, relative to the repository root, normalised: no
	 * "./", "..", doubled or trailing '/'; "" is the root itself.
	 */
	const char *path;
	/* NULL: not given; else "auto" or the name of a framework_registry[] entry */
	const char *framework;
	enum config_tx transaction;
};

/* A rule level the configuration sets. */
struct config_rule {
	const struct rule *rule;
	enum level level; /* LEVEL_NONE: "off" */
};

/*
 * A configuration. All strings and arrays live in `arena`; everything
 * is owned by the struct and freed by config_release(). A zeroed
 * struct (or config_init()) is the empty configuration: no file, every
 * default.
 */
struct config {
	char *name; /* the file it came from, as shown in messages; or NULL */
	const struct config_dir *dirs; /* "migrations", in file order */
	size_t ndirs;
	bool has_dirs; /* "migrations" given: migrations only there */
	const char *const *exclude; /* glob patterns (see glob.h) */
	size_t nexclude;
	const char *framework; /* NULL: not given ("auto") */
	enum config_tx transaction;
	const char *const *seed; /* repository-relative files, normalised */
	size_t nseed;
	const struct config_rule *rules;
	size_t nrules;
	/*
	 * "django": { "foreign_key_fields": ["ParentalKey"],
	 * "auth_user_model": "users.User" }: more field classes that are
	 * foreign keys, and the model AUTH_USER_MODEL names (NULL: read
	 * from the settings).
	 */
	const char *const *django_fk_fields;
	size_t ndjango_fk_fields;
	const char *django_user_model;
	struct arena arena;
};

void config_init(struct config *cfg);
void config_release(struct config *cfg);

/*
 * Parses and validates text[0..len) (need not be NUL-terminated) into
 * `cfg` (which it initialises). `name` is the file's name as messages
 * show it. Returns 0; FK_ECONFIG with one line in `err`, such as
 *   .fkaudit.json: $.rules.FK099: unknown rule
 *   .fkaudit.json:3:17: invalid JSON: expected ',' or '}', got ']'
 * (then `cfg` is empty); or FK_ENOMEM.
 */
int config_parse(struct config *cfg, const char *name, const char *text,
		 size_t len, struct buf *err);

#define CONFIG_MISSING 1 /* config_load(): there is no such file */

/*
 * Reads and parses file `path` (named `name` in messages; NULL: `path`).
 * Returns 0; CONFIG_MISSING when the file does not exist (`cfg` is then
 * the empty configuration and `err` untouched); FK_ECONFIG with the
 * message in `err` when it cannot be read or is not valid (a folder,
 * over 1 MiB, bad JSON …); or FK_ENOMEM.
 */
int config_load(struct config *cfg, const char *path, const char *name,
		struct buf *err);

/*
 * Whether repository-relative `path` is excluded: an "exclude" pattern
 * matches it or a folder holding it. A path ending in '/' is a folder.
 */
bool config_excluded(const struct config *cfg, const char *path);

/*
 * The most specific "migrations" entry holding repository-relative
 * `path` (the folder itself or anything under it), or NULL. Borrowed
 * from `cfg`.
 */
const struct config_dir *config_dir_of(const struct config *cfg,
				       const char *path);

/*
 * Whether the configuration leaves repository-relative `path` out of
 * the migrations: excluded, or outside every "migrations" folder when
 * there are some.
 */
bool config_leaves_out(const struct config *cfg, const char *path);

/* Whether repository-relative `path` is one of the "seed" files. */
bool config_is_seed(const struct config *cfg, const char *path);

/*
 * Whether repository-relative folder `dir` ("" is the root; no trailing
 * '/') may hold a migration the configuration keeps or a seed file: not
 * excluded and, when there are "migrations" folders, one of them, inside
 * one, or holding one. A walk need not go into a folder for which it is
 * false.
 */
bool config_may_hold(const struct config *cfg, const char *dir);

/*
 * The framework for `path`: its folder's, else the top-level one, else
 * "auto". Static storage.
 */
const char *config_framework_of(const struct config *cfg, const char *path);

/* The transaction mode for `path`, as config_framework_of(); never UNSET. */
enum config_tx config_transaction_of(const struct config *cfg,
				     const char *path);

/*
 * The level the configuration gives rule `rule_id` ("FK001", any case,
 * or its name): LEVEL_NONE for "off", a level, or -1 when not set.
 */
int config_rule_level(const struct config *cfg, const char *rule_id);

/*
 * Applies the rule levels to every finding of `res`: a set level
 * replaces the finding's, and the findings of rules set "off" are
 * removed (after suppressions were matched, so a suppression of a rule
 * turned off is not reported as unused).
 */
void config_apply_levels(const struct config *cfg, struct result *res);

#endif
