/* sqlx: its detector, for the framework registry (core/frameworks/framework.c). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "frameworks.h"
#include "framework_markers.h"
#include "framework_probe.h"
#include "framework_text.h"

static bool detect_sqlx(struct probe *p, struct migration_info *out)
{
	bool no_tx =
		p->len >= 17 && memcmp(p->text, "-- no-transaction", 17) == 0;
	bool down = framework_versioned(p->base, '_', ".down.sql");

	if (!framework_versioned(p->base, '_', ".sql"))
		return false;
	if (!p->forced && !no_tx &&
	    !(framework_near_read(p, "../Cargo.toml") &&
	      text_contains(p->scratch.ptr, p->scratch.ptr + p->scratch.len,
			    "sqlx")))
		return false;
	if (down)
		framework_pair_with(out, p->base, ".down.sql", ".up.sql");
	framework_set(
		out, "sqlx", down ? ROLE_DOWN : ROLE_UP,
		no_tx ? "<version>_<name>.sql starting with -- no-transaction: "
			"the file is sent as one string"
		      : "<version>_<name>.sql of a crate using sqlx: one "
			"transaction per file");
	if (no_tx)
		framework_one_unit(
			out, TX_MODE_IMPLICIT,
			"sqlx sends the file as one string",
			"put it alone in a migration of its own that starts "
			"with -- no-transaction");
	else
		framework_one_unit(
			out, TX_MODE_WRAPPED, "sqlx puts around the file",
			"put it alone in a migration of its own whose first "
			"bytes are -- no-transaction (sqlx 0.8 or later)");
	return true;
}

const struct framework framework_sqlx = {
	.name = "sqlx",
	.detect = detect_sqlx,
	.try_order = 13,
};
