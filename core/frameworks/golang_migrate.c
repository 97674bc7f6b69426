/* golang-migrate: its detector, for the framework registry (core/frameworks/framework.c). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "frameworks.h"
#include "framework_markers.h"
#include "framework_probe.h"
#include "framework_text.h"

static bool detect_golang_migrate(struct probe *p, struct migration_info *out)
{
	bool down = framework_versioned(p->base, '_', ".down.sql");

	if (!down && !framework_versioned(p->base, '_', ".up.sql") &&
	    !p->forced)
		return false;
	if (down)
		framework_pair_with(out, p->base, ".down.sql", ".up.sql");
	framework_set(
		out, "golang-migrate", down ? ROLE_DOWN : ROLE_UP,
		"<version>_<name>.up.sql / .down.sql: the file is sent as one "
		"string (an implicit transaction)");
	framework_one_unit(
		out, TX_MODE_IMPLICIT,
		"golang-migrate sends the whole file as one string",
		"put it alone in a migration file of its own (golang-migrate "
		"has no transaction to opt out of), or run with "
		"x-multi-statement=true");
	return true;
}

const struct framework framework_golang_migrate = {
	.name = "golang-migrate",
	.detect = detect_golang_migrate,
	.try_order = 14,
};
