/* diesel and Hasura (a folder per migration): its detector, for the framework registry (core/frameworks/framework.c). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "frameworks.h"
#include "framework_markers.h"
#include "framework_probe.h"
#include "framework_text.h"

static bool diesel_version(const char *dir)
{
	/* 2024-01-31-101500_name, or 00000000000000_name */
	return (strlen(dir) > 18 && text_digits(dir) == 4 && dir[4] == '-' &&
		dir[7] == '-' && dir[10] == '-' && text_digits(dir + 11) == 6 &&
		dir[17] == '_') ||
	       (text_digits(dir) == 14 && dir[14] == '_');
}

static bool detect_hasura(struct probe *p, struct migration_info *out)
{
	char dir3[256];
	bool up = strcmp(p->base, "up.sql") == 0,
	     down = strcmp(p->base, "down.sql") == 0;
	bool flat = framework_versioned(p->base, '_', ".up.sql") ||
		    framework_versioned(p->base, '_', ".down.sql");

	path_dir_name(p->path, 2, dir3, sizeof(dir3));
	if (!p->forced) {
		bool shaped = (up || down) &&
			      framework_versioned(p->dir, '_', "") &&
			      !diesel_version(p->dir) &&
			      (strcmp(dir3, "migrations") == 0 ||
			       path_has_dirs(p->path, "hasura/"));

		if (!shaped && !(flat && path_has_dirs(p->path, "hasura/")))
			return false;
		if (!flat && framework_near_read(p, "metadata.toml"))
			return false; /* diesel's */
	}
	if (down)
		framework_pair_with(out, p->base, "down.sql", "up.sql");
	else if (framework_ends_with(p->base, ".down.sql"))
		framework_pair_with(out, p->base, ".down.sql", ".up.sql");
	framework_set(
		out, "hasura",
		down || framework_ends_with(p->base, ".down.sql") ? ROLE_DOWN
								  : ROLE_UP,
		"migrations/<database>/<version>_<name>/up.sql: the Hasura "
		"CLI sends all pending migrations in one transaction");
	out->deploy_tx = true;
	framework_one_unit(
		out, TX_MODE_WRAPPED,
		"the Hasura CLI puts around all pending migrations (one bulk "
		"request)",
		"run it outside the Hasura CLI's migrate apply (the CLI cannot "
		"opt out of its transaction)");
	return true;
}

static bool detect_diesel(struct probe *p, struct migration_info *out)
{
	bool up = strcmp(p->base, "up.sql") == 0,
	     down = strcmp(p->base, "down.sql") == 0;
	int no_tx = -1;

	if (!up && !down)
		return false;
	if (!diesel_version(p->dir) && !framework_versioned(p->dir, '_', "") &&
	    !p->forced)
		return false;
	if (framework_near_read(p, "metadata.toml")) {
		no_tx = markers_config_false(p->scratch.ptr, p->scratch.len,
					     "run_in_transaction");
		/* serde(default): a file without the key reads as false */
		if (no_tx < 0)
			no_tx = 1;
	}
	if (down)
		framework_pair_with(out, p->base, "down.sql", "up.sql");
	framework_set(
		out, "diesel", down ? ROLE_DOWN : ROLE_UP,
		no_tx == 1
			? "migrations/<version>_<name>/up.sql, metadata.toml "
			  "without run_in_transaction = true: no transaction "
			  "of "
			  "diesel's, the file is sent as one string"
			: "migrations/<version>_<name>/up.sql: one transaction "
			  "per migration");
	if (no_tx == 1)
		framework_one_unit(
			out, TX_MODE_IMPLICIT,
			"diesel sends up.sql as one string (batch_execute)",
			"put it alone in a migration of its own (with "
			"run_in_transaction = false, the other statements of "
			"the file still make a transaction)");
	else
		framework_one_unit(
			out, TX_MODE_WRAPPED,
			"diesel puts around the migration",
			"put it alone in a migration of its own with "
			"run_in_transaction = false in its metadata.toml");
	return true;
}

const struct framework framework_hasura = {
	.name = "hasura",
	.detect = detect_hasura,
	.try_order = 7,
};

const struct framework framework_diesel = {
	.name = "diesel",
	.detect = detect_diesel,
	.try_order = 8,
};
