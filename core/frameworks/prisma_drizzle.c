/* Prisma and Drizzle: its detector, for the framework registry (core/frameworks/framework.c). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "frameworks.h"
#include "framework_markers.h"
#include "framework_probe.h"
#include "framework_text.h"

static const char drizzle_runner[] =
	"Drizzle's migrate() puts around all pending migrations";
static const char drizzle_opt_out[] =
	"run it outside Drizzle's migrate(), e.g. by hand after the deploy "
	"(Drizzle has no per-migration opt-out)";

static bool detect_prisma_drizzle(struct probe *p, struct migration_info *out)
{
	bool prisma;

	if (strcmp(p->base, "migration.sql") != 0 ||
	    (text_digits(p->dir) != 14 && !p->forced))
		return false;
	/* a forced "prisma" is Prisma; Drizzle v1 has a snapshot.json */
	prisma = p->forced || path_has_dirs(p->path, "prisma/") ||
		 framework_near_read(p, "../migration_lock.toml") ||
		 !framework_near_read(p, "snapshot.json");
	if (prisma) {
		framework_set(out, "prisma", ROLE_UP,
			      "migrations/<timestamp>_<name>/migration.sql: "
			      "Prisma sends "
			      "the file as one string (up to Prisma 7.3)");
		framework_one_unit(
			out, TX_MODE_IMPLICIT,
			"Prisma Migrate sends migration.sql as one string (up "
			"to Prisma 7.3; 7.4 and later send each statement on "
			"its own)",
			"put it alone in a migration of its own, or upgrade to "
			"Prisma 7.4 or later");
		return true;
	}
	framework_set(out, "drizzle", ROLE_UP,
		      "<timestamp>_<name>/migration.sql with snapshot.json: "
		      "all pending "
		      "migrations in one transaction");
	out->deploy_tx = true;
	framework_one_unit(out, TX_MODE_WRAPPED, drizzle_runner,
			   drizzle_opt_out);
	return true;
}

static bool detect_drizzle(struct probe *p, struct migration_info *out)
{
	if (!text_digits(p->base) && !p->forced)
		return false;
	if (!markers_drizzle(p->text, p->len) &&
	    !framework_near_read(p, "meta/_journal.json") && !p->forced)
		return false;
	framework_set(out, "drizzle", ROLE_UP,
		      "<NNNN>_<name>.sql with meta/_journal.json or statement "
		      "breakpoints: all pending migrations in one transaction");
	out->deploy_tx = true;
	framework_one_unit(out, TX_MODE_WRAPPED, drizzle_runner,
			   drizzle_opt_out);
	return true;
}

const struct framework framework_prisma = {
	.name = "prisma",
	.detect = detect_prisma_drizzle,
	.try_order = 9,
};

const struct framework framework_drizzle = {
	.name = "drizzle",
	.detect = detect_drizzle,
	.try_order = 10,
};
