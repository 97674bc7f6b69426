/*
 * What a file is to the audit: its framework as recognised, then as the
 * configuration sets it (folders, exclude, framework, transaction,
 * seed).
 */
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "dialect.h"
#include "discover.h"

/* The configuration's "transaction" overrides the framework's units. */
static void configure_tx(struct migration_info *info, enum config_tx tx)
{
	static const char runner[] =
		"the configuration (\"transaction\": \"file\") puts around "
		"the file";
	static const char deploy[] =
		"the configuration (\"transaction\": \"deploy\") puts around "
		"all migrations of a deploy";
	static const char implicit[] =
		"the configuration (\"transaction\": \"implicit\") sends the "
		"file as one string";
	static const char opt_out[] =
		"put it alone in a migration that runs outside a transaction "
		"(and set \"transaction\": \"none\" for it in the "
		"configuration)";
	struct tx_unit *u = &info->units[0];

	/* framework_detect() leaves one unit at least */
	if (tx == CONFIG_TX_UNSET || tx == CONFIG_TX_AUTO || !info->nunits)
		return;
	info->nunits = 1;
	info->mixed_runner = info->mixed_opt_out = NULL;
	info->deploy_tx = tx == CONFIG_TX_DEPLOY;
	u->start = 0;
	u->mode = tx == CONFIG_TX_NONE	     ? TX_MODE_AUTOCOMMIT
		  : tx == CONFIG_TX_IMPLICIT ? TX_MODE_IMPLICIT
					     : TX_MODE_WRAPPED;
	u->runner = tx == CONFIG_TX_NONE       ? NULL
		    : tx == CONFIG_TX_FILE     ? runner
		    : tx == CONFIG_TX_IMPLICIT ? implicit
					       : deploy;
	u->opt_out = tx == CONFIG_TX_NONE ? NULL : opt_out;
	if (!info->framework)
		info->framework = "plain";
	migration_why_addf(info,
			   "; the configuration sets \"transaction\": \"%s\"",
			   config_tx_name(tx));
}

/*
 * Another database's SQL file (dialect.h) is not audited: ROLE_OTHER_DB,
 * and why. A "migrations" folder or a "framework" of the configuration
 * holding it says it is PostgreSQL's.
 */
static void other_database(const char *path, const char *text, size_t len,
			   struct migration_info *info)
{
	struct dialect_other d;
	const char *slash = strrchr(path, '/');

	if (!discover_is_sql_name(slash ? slash + 1 : path))
		return;
	switch (dialect_of_path(path, &d)) {
	case DIALECT_PATH_POSTGRES:
		return; /* the folder says so: a sign in the text does not */
	case DIALECT_PATH_NONE:
		if (!dialect_other_by_text(text, len, &d))
			return;
		break;
	case DIALECT_PATH_OTHER:
		break;
	}
	info->role = ROLE_OTHER_DB;
	snprintf(info->why, sizeof(info->why),
		 "another database's SQL (%s: %s); fkaudit reads PostgreSQL's. "
		 "To audit it as PostgreSQL's, name its folder in "
		 "\"migrations\" or set \"framework\" in the configuration",
		 d.engine, d.why);
}

int audit_classify(const char *path, const char *text, size_t len,
		   const struct audit_opts *opts, struct migration_info *info)
{
	const struct config *cfg = opts->config;
	const char *forced = opts->framework;
	int err;

	memset(info, 0, sizeof(*info));
	if (cfg && !opts->config_walked && !config_is_seed(cfg, path) &&
	    config_leaves_out(cfg, path))
		return FK_LEFT_OUT; /* not a migration, says the configuration */
	if (cfg && !forced) {
		forced = config_framework_of(cfg, path);
		if (strcmp(forced, "auto") == 0)
			forced = NULL;
	}
	if (!forced && !(cfg && config_dir_of(cfg, path)) &&
	    !(cfg && config_is_seed(cfg, path)))
		other_database(path, text, len, info);
	if (info->role == ROLE_OTHER_DB)
		return 0;
	err = framework_detect(path, text, len, opts->near, forced, info);
	if (err < 0)
		return err;
	if (cfg && config_is_seed(cfg, path)) {
		info->role = ROLE_SEED;
		snprintf(info->why, sizeof(info->why),
			 "a schema dump named by the configuration's \"seed\": "
			 "it seeds the schema state and is not audited");
	}
	if (cfg)
		configure_tx(info, config_transaction_of(cfg, path));
	return 0;
}
