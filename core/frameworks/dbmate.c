/* dbmate: its detector, for the framework registry (core/frameworks/framework.c). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "frameworks.h"
#include "framework_markers.h"
#include "framework_probe.h"
#include "framework_text.h"

static bool detect_dbmate(struct probe *p, struct migration_info *out)
{
	if (!text_digits(p->base) && !p->forced)
		return false;
	if (!markers_dbmate(p->text, p->len, out) && !p->forced) {
		migration_info_reset(out);
		return false;
	}
	framework_set(out, "dbmate", ROLE_UP,
		      "<version>*.sql with a -- migrate:up marker: one "
		      "transaction per "
		      "up section unless transaction:false");
	if (!out->nunits)
		framework_one_unit(
			out, TX_MODE_WRAPPED,
			"dbmate puts around the up section",
			"put it alone in a migration whose up section starts "
			"with -- migrate:up transaction:false");
	return true;
}

const struct framework framework_dbmate = {
	.name = "dbmate",
	.detect = detect_dbmate,
	.try_order = 3,
};
