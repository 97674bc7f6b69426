/* Flyway: its detector, for the framework registry (core/frameworks/framework.c). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "frameworks.h"
#include "framework_markers.h"
#include "framework_probe.h"
#include "framework_text.h"

/*
 * Flyway's own detection: a script of only CONCURRENTLY statements runs
 * without a transaction; one that mixes them with others is refused
 * (unless mixed=true, and then nothing of it runs in a transaction).
 */
static const char flyway_mixed[] =
	"Flyway puts around the migration (Flyway refuses a script that mixes "
	"it with other statements: \"Detected both transactional and "
	"non-transactional statements within the same migration\"; with "
	"mixed=true the whole script runs without a transaction)";
static const char flyway_mixed_opt_out[] =
	"put it alone in a migration of its own (Flyway then runs it without "
	"a transaction), or set executeInTransaction=false in its .sql.conf";

/* V1__x.sql, V1_2__x.sql, V1.2__x.sql after the prefix letter. */
static bool flyway_version(const char *s)
{
	size_t d = text_digits(s);

	if (!d)
		return false;
	while (s[d] == '.' || (s[d] == '_' && s[d + 1] != '_'))
		d += 1 + text_digits(s + d + 1);
	return s[d] == '_' && s[d + 1] == '_';
}

/* Flyway: V<parts>__desc → "1" parts " " desc; R__desc → "2" desc. */
static bool add_flyway(struct buf *out, const char *base)
{
	const char *p = base + 1;
	size_t d;

	if (strncmp(base, "R__", 3) == 0) {
		buf_addc(out, '2');
		buf_adds(out, base + 3);
		return true;
	}
	if ((base[0] != 'V' && base[0] != 'U' && base[0] != 'B') ||
	    !(d = text_digits(p)))
		return false;
	buf_addc(out, base[0] == 'B' ? '0' : '1');
	for (;;) {
		framework_key_number(out, p, d);
		p += d;
		if ((*p == '.' || *p == '_') && (d = text_digits(p + 1))) {
			buf_addc(out, '.');
			p++;
			continue;
		}
		break;
	}
	if (strncmp(p, "__", 2) != 0)
		return false;
	buf_addc(out, ' ');
	buf_adds(out, p + 2);
	return true;
}

/* The directory's natural order, then Flyway's order of versions. */
static int order_key(const char *path, const struct near_reader *near,
		     struct buf *out)
{
	const char *base = path_base(path);
	size_t at = out->len;

	framework_key_natural(out, path, (size_t)(base - path));
	if (add_flyway(out, base))
		return FK_FOUND;
	buf_truncate(out, at);
	return 0;
}

static bool detect_flyway(struct probe *p, struct migration_info *out)
{
	const char *b = p->base;
	char conf[300];
	int no_tx = -1;

	if (!framework_ends_with(b, ".sql"))
		return false;
	if (b[0] == 'U' && flyway_version(b + 1)) {
		snprintf(out->up_rel, sizeof(out->up_rel), "V%s", b + 1);
		framework_set(out, "flyway", ROLE_DOWN,
			      "U<version>__<name>.sql: a "
			      "Flyway undo migration");
		return true;
	}
	if (b[0] == 'B' && flyway_version(b + 1)) {
		framework_set(out, "flyway", ROLE_SEED,
			      "B<version>__<name>.sql: a Flyway baseline "
			      "migration; it "
			      "seeds the schema state and is not audited");
		return true;
	}
	if (!((b[0] == 'V' && flyway_version(b + 1)) ||
	      strncmp(b, "R__", 3) == 0) &&
	    !p->forced)
		return false;
	snprintf(conf, sizeof(conf), "%s.conf", b);
	if (framework_near_read(p, conf))
		no_tx = markers_config_false(p->scratch.ptr, p->scratch.len,
					     "executeInTransaction");
	framework_set(out, "flyway", ROLE_UP,
		      no_tx == 1 ? "V<version>__<name>.sql with "
				   "executeInTransaction=false "
				   "in its .sql.conf: each statement on its own"
				 : "V<version>__<name>.sql: one transaction "
				   "per migration");
	if (no_tx == 1) {
		framework_one_unit(out, TX_MODE_AUTOCOMMIT, NULL, NULL);
	} else {
		if (no_tx < 0) {
			out->mixed_runner = flyway_mixed;
			out->mixed_opt_out = flyway_mixed_opt_out;
		}
		framework_one_unit(
			out, TX_MODE_WRAPPED,
			"Flyway puts around the migration",
			"put it in a migration of its own with "
			"executeInTransaction=false in its .sql.conf");
	}
	return true;
}

const struct framework framework_flyway = {
	.name = "flyway",
	.detect = detect_flyway,
	.try_order = 15,
	.order_key = order_key,
};
