/* diesel and Hasura (a folder per migration): its detector, for the framework registry (core/frameworks/framework.c). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "frameworks.h"
#include "framework_markers.h"
#include "framework_probe.h"
#include "framework_text.h"

/*
 * The length of diesel's version at the start of a folder name, up to
 * its "_": 2024-01-31-101500_name, 2024-01-31-101500-0000_name (diesel 2
 * adds a dash and four digits), or 00000000000000_name; 0 for another
 * name. (diesel's version is the text before the first "_" without its
 * dashes, and it runs migrations in the byte order of their versions.)
 */
static size_t diesel_version_len(const char *dir)
{
	size_t n;

	if (text_digits(dir) == 14 && dir[14] == '_')
		return 14;
	if (text_digits(dir) != 4 || dir[4] != '-' ||
	    text_digits(dir + 5) != 2 || dir[7] != '-' ||
	    text_digits(dir + 8) != 2 || dir[10] != '-' ||
	    text_digits(dir + 11) != 6)
		return 0;
	n = 17;
	while (dir[n] == '-' && text_digits(dir + n + 1))
		n += 1 + text_digits(dir + n + 1);
	return dir[n] == '_' ? n : 0;
}

static bool diesel_version(const char *dir)
{
	return diesel_version_len(dir) > 0;
}

/*
 * up.sql and down.sql of a folder named by a diesel version: the order
 * of the folders above, then the version without its dashes, compared
 * as bytes as diesel compares them (so 20140924113530 runs before
 * 2017-08-31-230457, and 2026-05-27-120000 before 2026-05-27-120000-0000).
 */
static int diesel_order_key(const char *path, const struct near_reader *near,
			    struct buf *out)
{
	const char *base = path_base(path), *dir = base - 1;
	size_t n, i;

	if ((strcmp(base, "up.sql") != 0 && strcmp(base, "down.sql") != 0) ||
	    base == path)
		return 0;
	while (dir > path && dir[-1] != '/') /* the version folder */
		dir--;
	if (!(n = diesel_version_len(dir)))
		return 0;
	framework_key_natural(out, path, (size_t)(dir - path));
	buf_addc(out, '\x01');
	for (i = 0; i < n; i++)
		if (dir[i] != '-')
			buf_addc(out, dir[i]);
	buf_adds(out, dir + n); /* "_name/up.sql" */
	return FK_FOUND;
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
	.order_key = diesel_order_key,
};
