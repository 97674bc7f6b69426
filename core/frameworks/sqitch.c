/* sqitch: its detector, for the framework registry (core/frameworks/framework.c). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "frameworks.h"
#include "framework_markers.h"
#include "framework_probe.h"
#include "framework_text.h"

/*
 * Where the last "deploy/", "revert/" or "verify/" folder of the path
 * starts (and which it is, in *kind); NULL when the path has none.
 */
static const char *sqitch_dir(const char *path, const char **kind)
{
	static const char *const kinds[] = { "deploy/", "revert/", "verify/" };
	const char *hit = NULL, *p;
	size_t k;

	for (k = 0; k < 3; k++)
		if ((p = path_last_dir(path, kinds[k])) && (!hit || p > hit)) {
			hit = p;
			*kind = kinds[k];
		}
	return hit;
}

static bool detect_sqitch(struct probe *p, struct migration_info *out)
{
	char rel[300];
	const char *kind = NULL, *dir = sqitch_dir(p->path, &kind);

	if (!dir)
		return false;
	path_up_rel(dir, "sqitch.plan", rel, sizeof(rel));
	if (!framework_near_read(p, rel) && !p->forced)
		return false;
	if (kind[0] == 'r') { /* revert/x.sql reverses deploy/x.sql */
		char deploy[300];

		snprintf(deploy, sizeof(deploy), "deploy/%s", dir + 7);
		path_up_rel(dir, deploy, out->up_rel, sizeof(out->up_rel));
	}
	if (kind[0] == 'd' && strchr(p->base, '@')) {
		framework_set(out, "sqitch", ROLE_SKIP,
			      "a reworked sqitch change's earlier deploy "
			      "script: not run "
			      "again");
		return true;
	}
	framework_set(
		out, "sqitch",
		kind[0] == 'd'	 ? ROLE_UP
		: kind[0] == 'r' ? ROLE_DOWN
				 : ROLE_SKIP,
		kind[0] == 'd'	 ? "deploy/ script of a sqitch.plan: psql runs "
				   "it, in the transactions the script opens"
		: kind[0] == 'r' ? "revert/ script of a sqitch.plan"
				 : "verify/ script of a sqitch.plan: not a "
				   "migration");
	framework_one_unit(out, TX_MODE_AUTOCOMMIT, NULL, NULL);
	return true;
}

const struct framework framework_sqitch = {
	.name = "sqitch",
	.detect = detect_sqitch,
	.try_order = 6,
};
