/* node-pg-migrate: its detector, for the framework registry (core/frameworks/framework.c). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "frameworks.h"
#include "framework_markers.h"
#include "framework_probe.h"
#include "framework_text.h"

static bool detect_node_pg(struct probe *p, struct migration_info *out)
{
	/* its files are <prefix>_<name>.sql; a comment's words do not decide */
	if ((!text_digits(p->base) || framework_names_direction(p->base)) &&
	    !p->forced)
		return false;
	if (!markers_node_pg(p->text, p->len, out) && !p->forced) {
		migration_info_reset(out);
		return false;
	}
	framework_set(out, "node-pg-migrate", ROLE_UP,
		      "<prefix>_<name>.sql with -- Up Migration: all pending "
		      "migrations in one transaction (singleTransaction)");
	out->deploy_tx = true;
	framework_one_unit(
		out, TX_MODE_WRAPPED,
		"node-pg-migrate puts around all pending migrations "
		"(singleTransaction, its default)",
		"run node-pg-migrate with --no-single-transaction and put it "
		"alone in a migration of its own (a SQL migration cannot opt "
		"out of its transaction)");
	return true;
}

const struct framework framework_node_pg = {
	.name = "node-pg-migrate",
	.detect = detect_node_pg,
	.try_order = 4,
};
