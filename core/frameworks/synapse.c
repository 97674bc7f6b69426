/* Synapse: its detector, for the framework registry (core/frameworks/framework.c). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "frameworks.h"
#include "framework_markers.h"
#include "framework_probe.h"
#include "framework_text.h"

static bool detect_synapse(struct probe *p, struct migration_info *out)
{
	if (!p->forced && (!path_has_dirs(p->path, "schema/") ||
			   !path_has_dirs(p->path, "delta/") ||
			   !(framework_ends_with(p->base, ".sql") ||
			     framework_ends_with(p->base, ".sql.postgres"))))
		return false;
	if (!p->forced && !strstr(p->path, "storage/schema/"))
		return false;
	framework_set(out, "synapse", ROLE_UP,
		      "a synapse schema delta: run after COMMIT; BEGIN "
		      "TRANSACTION, in "
		      "a transaction of its own");
	framework_one_unit(
		out, TX_MODE_WRAPPED,
		"synapse opens (COMMIT; BEGIN TRANSACTION) before the delta",
		"register a background update instead "
		"(register_background_index_update, "
		"register_background_validate_constraint)");
	return true;
}

const struct framework framework_synapse = {
	.name = "synapse",
	.detect = detect_synapse,
	.try_order = 16,
};
