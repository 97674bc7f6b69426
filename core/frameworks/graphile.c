/* Graphile Migrate: its detector, for the framework registry (core/frameworks/framework.c). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "frameworks.h"
#include "framework_markers.h"
#include "framework_probe.h"
#include "framework_text.h"

static bool detect_graphile(struct probe *p, struct migration_info *out)
{
	size_t d = text_digits(p->base);
	bool committed = strcmp(p->dir, "committed") == 0 &&
			 strcmp(p->dir2, "migrations") == 0 && d &&
			 (p->base[d] == '-' || p->base[d] == '.') &&
			 framework_ends_with(p->base, ".sql");
	bool current = (strcmp(p->base, "current.sql") == 0 &&
			strcmp(p->dir, "migrations") == 0) ||
		       (strcmp(p->dir, "current") == 0 &&
			strcmp(p->dir2, "migrations") == 0);

	if (!committed && !current && !p->forced)
		return false;
	framework_set(
		out, "graphile-migrate", ROLE_UP,
		"migrations/committed/<NNNNNN>.sql or migrations/current: one "
		"transaction per migration unless --! no-transaction");
	if (markers_graphile_no_tx(p->text, p->len))
		framework_one_unit(
			out, TX_MODE_IMPLICIT,
			"Graphile Migrate sends the migration as one string",
			"a --! no-transaction migration must hold exactly this "
			"one statement");
	else
		framework_one_unit(
			out, TX_MODE_WRAPPED,
			"Graphile Migrate puts around the migration",
			"put it alone in a migration whose first line is --! "
			"no-transaction");
	return true;
}

const struct framework framework_graphile = {
	.name = "graphile-migrate",
	.detect = detect_graphile,
	.try_order = 5,
};
