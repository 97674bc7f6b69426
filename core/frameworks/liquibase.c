/* Liquibase: its detector, for the framework registry (core/frameworks/framework.c). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "frameworks.h"
#include "framework_markers.h"
#include "framework_probe.h"
#include "framework_text.h"

static bool detect_liquibase(struct probe *p, struct migration_info *out)
{
	if (!markers_is_liquibase(p->text, p->len) && !p->forced)
		return false;
	framework_set(
		out, "liquibase", ROLE_UP,
		"first line \"--liquibase formatted sql\": one transaction per "
		"--changeset unless runInTransaction:false");
	markers_liquibase(p->text, p->len, out);
	if (!out->nunits)
		framework_one_unit(out, TX_MODE_WRAPPED,
				   "Liquibase puts around the changeset",
				   "put it in a changeset of its own with "
				   "runInTransaction:false");
	return true;
}

const struct framework framework_liquibase = {
	.name = "liquibase",
	.detect = detect_liquibase,
	.try_order = 1,
};
