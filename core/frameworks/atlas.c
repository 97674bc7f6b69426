/* Atlas: its detector, for the framework registry (core/frameworks/framework.c). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "frameworks.h"
#include "framework_markers.h"
#include "framework_probe.h"
#include "framework_text.h"

static bool detect_atlas(struct probe *p, struct migration_info *out)
{
	bool none, directives = markers_atlas(p->text, p->len, &none);

	/*
	 * Atlas can write golang-migrate's layout beside its atlas.sum: the
	 * names NAME.up.sql and NAME.down.sql then decide (golang-migrate).
	 */
	if (!framework_ends_with(p->base, ".sql") ||
	    (!p->forced &&
	     (framework_names_direction(p->base) ||
	      (!directives && !framework_near_read(p, "atlas.sum")))))
		return false;
	framework_set(
		out, "atlas", ROLE_UP,
		none ? "a migration folder with atlas.sum; -- atlas:txmode "
		       "none: "
		       "each statement on its own"
		     : "a migration folder with atlas.sum: one transaction per "
		       "file (--tx-mode file)");
	if (none)
		framework_one_unit(out, TX_MODE_AUTOCOMMIT, NULL, NULL);
	else
		framework_one_unit(
			out, TX_MODE_WRAPPED,
			"atlas migrate apply puts around the file",
			"put it in a migration of its own whose header says "
			"-- atlas:txmode none");
	return true;
}

const struct framework framework_atlas = {
	.name = "atlas",
	.detect = detect_atlas,
	.try_order = 11,
};
