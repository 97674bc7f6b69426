/* sqitch: its detector, for the framework registry (core/frameworks/framework.c). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "error.h"
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

/*
 * sqitch: the change's line number in sqitch.plan, found from the path
 * after "deploy/"; false when there is no plan or the change is not in
 * it.
 */
static int add_sqitch(struct buf *out, const char *path,
		      const struct near_reader *near, bool *done)
{
	const char *d = path_last_dir(path, "deploy/"), *change, *p, *end;
	struct buf plan = BUF_INIT;
	char rel[300];
	size_t clen, line = 0;
	int rc;

	*done = false;
	if (!d || !near || !near->read)
		return 0;
	change = d + 7;
	clen = strlen(change);
	if (clen < 5 || strcmp(change + clen - 4, ".sql") != 0)
		return 0;
	clen -= 4;
	path_up_rel(d, "sqitch.plan", rel, sizeof(rel));
	rc = near->read(near->ctx, rel, &plan);
	if (rc != FK_FOUND) {
		buf_release(&plan);
		return rc < 0 ? rc : 0;
	}
	p = plan.ptr ? plan.ptr : "";
	end = p + plan.len;
	for (; p < end; p = text_line_at(p, end).next) {
		struct text_line l = text_line_at(p, end);

		line++;
		if ((size_t)(l.end - l.start) > clen &&
		    memcmp(l.start, change, clen) == 0 &&
		    (l.start[clen] == ' ' || l.start[clen] == '\t')) {
			char num[24];

			framework_key_natural(out, path, (size_t)(d - path));
			snprintf(num, sizeof(num), "%zu", line);
			buf_adds(out, "deploy/");
			framework_key_number(out, num, strlen(num));
			*done = true;
			break;
		}
	}
	buf_release(&plan);
	return 0;
}

/* The change's place in sqitch.plan. */
static int order_key(const char *path, const struct near_reader *near,
		     struct buf *out)
{
	bool done;
	int rc = add_sqitch(out, path, near, &done);

	return rc < 0 ? rc : done ? FK_FOUND : 0;
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
	.order_key = order_key,
};
