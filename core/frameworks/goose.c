/* goose: its detector, for the framework registry (core/frameworks/framework.c). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "frameworks.h"
#include "framework_markers.h"
#include "framework_probe.h"
#include "framework_text.h"

static bool detect_goose(struct probe *p, struct migration_info *out)
{
	if (!framework_versioned(p->base, '_', ".sql") && !p->forced)
		return false;
	if (!markers_goose(p->text, p->len, out) && !p->forced) {
		migration_info_reset(out);
		return false;
	}
	framework_set(out, "goose", ROLE_UP,
		      out->units[0].mode == TX_MODE_WRAPPED
			      ? "<version>_<name>.sql with a -- +goose Up "
				"marker: one "
				"transaction per file"
			      : "<version>_<name>.sql with -- +goose Up and NO "
				"TRANSACTION: each statement on its own");
	return true;
}

const struct framework framework_goose = {
	.name = "goose",
	.detect = detect_goose,
	.try_order = 2,
};
