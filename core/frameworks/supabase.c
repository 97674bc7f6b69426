/* Supabase: its detector, for the framework registry (core/frameworks/framework.c). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "frameworks.h"
#include "framework_markers.h"
#include "framework_probe.h"
#include "framework_text.h"

static bool detect_supabase(struct probe *p, struct migration_info *out)
{
	if (!p->forced && (!path_has_dirs(p->path, "supabase/migrations/") ||
			   !framework_versioned(p->base, '_', ".sql")))
		return false;
	framework_set(out, "supabase", ROLE_UP,
		      "supabase/migrations/<version>_<name>.sql: the CLI sends "
		      "a file's "
		      "statements as one pipeline (an implicit transaction)");
	out->concurrent_alone = true;
	framework_one_unit(
		out, TX_MODE_IMPLICIT,
		"the Supabase CLI sends the file's statements as one pipeline",
		"put it in a migration of its own");
	return true;
}

const struct framework framework_supabase = {
	.name = "supabase",
	.detect = detect_supabase,
	.try_order = 12,
};
