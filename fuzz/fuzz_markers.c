/*
 * The framework marker parsers (framework_markers.h): goose and dbmate
 * sections, node-pg-migrate's, Liquibase changesets and delimiters,
 * Atlas and Graphile headers, Drizzle breakpoints, and Flyway / psql /
 * Go template placeholders; then framework_detect() for the framework
 * byte 0 names, the blanking audit_text() does with what it found, and
 * the statements of the blanked text.
 *
 * Checked: units, masks, down sections and delimiters lie in the text
 * and in order; blanking keeps the length and every line break, and
 * changes bytes only to the neutral ones it documents; statement spans
 * lie in the text, in order.
 */
#include <stdlib.h>
#include <string.h>

#include "framework.h"
#include "framework_markers.h"
#include "props.h"
#include "statements.h"

struct shape {
	const char *framework;
	const char *path;
};

static const struct shape shapes[] = {
	{ "goose", "db/migrations/20240101000000_x.sql" },
	{ "dbmate", "db/migrations/20240101000000_x.sql" },
	{ "flyway", "db/migration/V1__x.sql" },
	{ "drizzle", "drizzle/0001_x.sql" },
	{ "liquibase", "db/changelog/001.sql" },
	{ "node-pg-migrate", "migrations/1700000000000_x.sql" },
	{ "atlas", "migrations/20240101000000_x.sql" },
	{ "graphile-migrate", "migrations/committed/000001.sql" },
	{ NULL, "db/migrations/001_x.sql" },
};

#define NSHAPES (sizeof(shapes) / sizeof(shapes[0]))

static void check_spans(const struct span *v, size_t n, size_t len,
			const char *what)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (v[i].start >= v[i].end || v[i].start > len ||
		    v[i].end > len)
			fuzz_fail("markers: %s %zu is [%u, %u) in %zu bytes",
				  what, i, v[i].start, v[i].end, len);
		if (i && v[i].start < v[i - 1].end)
			fuzz_fail("markers: %s %zu overlaps the one before",
				  what, i);
	}
}

static void check_info(const struct migration_info *info, size_t len,
		       bool detected)
{
	size_t i;

	/* Liquibase's first unit is its first changeset (before: masked) */
	if (info->nunits > info->units_cap || info->failed ||
	    (detected && info->nunits == 0) ||
	    (info->nunits && info->units[0].start &&
	     (info->nmasks == 0 || info->masks[0].start != 0 ||
	      info->masks[0].end < info->units[0].start)))
		fuzz_fail("markers: %zu units, the first at %u", info->nunits,
			  info->nunits ? info->units[0].start : 0);
	for (i = 0; i < info->nunits; i++)
		if (info->units[i].start > len ||
		    (i && info->units[i].start <= info->units[i - 1].start))
			fuzz_fail("markers: unit %zu starts at %u", i,
				  info->units[i].start);
	check_spans(info->masks, info->nmasks, len, "mask");
	check_spans(info->downs, info->ndowns, len, "down section");
	if (info->ndelims > info->delims_cap ||
	    info->nmasks > info->masks_cap || info->ndowns > info->downs_cap)
		fuzz_fail("markers: more entries than room for them");
	for (i = 0; i < info->ndelims; i++)
		if (info->delims[i] >= len ||
		    (i && info->delims[i] <= info->delims[i - 1]))
			fuzz_fail("markers: delimiter %zu at %u", i,
				  info->delims[i]);
	if (!memchr(info->why, '\0', sizeof(info->why)) ||
	    !fuzz_utf8_valid(info->why, strlen(info->why)))
		fuzz_fail("markers: the description is not a UTF-8 string");
}

/* Each marker parser on its own, as its detector calls it. */
static void run_parsers(const char *text, size_t len)
{
	struct migration_info info;
	bool none;

	memset(&info, 0, sizeof(info));
	markers_goose(text, len, &info);
	check_info(&info, len, false);
	migration_info_release(&info);
	markers_dbmate(text, len, &info);
	check_info(&info, len, false);
	migration_info_release(&info);
	markers_node_pg(text, len, &info);
	check_info(&info, len, false);
	migration_info_release(&info);
	if (markers_is_liquibase(text, len))
		markers_liquibase(text, len, &info);
	check_info(&info, len, false);
	migration_info_release(&info);
	markers_atlas(text, len, &none);
	markers_graphile_no_tx(text, len);
	markers_drizzle(text, len);
	markers_config_false(text, len, "executeInTransaction");
	markers_config_false(text, len, "run_in_transaction");
}

/* `after` is `before` blanked: same length, line breaks kept. */
static void check_blanked(const char *before, const char *after, size_t len,
			  const char *what)
{
	size_t i;

	for (i = 0; i < len; i++) {
		char b = before[i], a = after[i];

		if (a == b)
			continue;
		if (b == '\n' || b == '\r' || a == '\n' || a == '\r')
			fuzz_fail("markers: %s moved a line break at %zu", what,
				  i);
		/* "$name" for ${name}: the '$' moves one place */
		if (a != ' ' && a != '_' && a != 'x' && a != ';' && a != '\'' &&
		    a != '"' && a != '$')
			fuzz_fail("markers: %s wrote 0x%02x at %zu", what,
				  (unsigned char)a, i);
	}
}

static void check_statements(const char *text, size_t len)
{
	struct statements st = { 0 };
	size_t i;

	if (memchr(text, '\0', len))
		return;
	if (statements_build(&st, text, len) < 0)
		fuzz_fail("statements_build() failed");
	for (i = 0; i < st.n; i++)
		if (st.v[i].span.start > st.v[i].span.end ||
		    st.v[i].span.end > len ||
		    (i && st.v[i].span.start < st.v[i - 1].span.start))
			fuzz_fail("markers: statement %zu is [%u, %u) in %zu",
				  i, st.v[i].span.start, st.v[i].span.end, len);
	for (i = 0; i < st.nmarks; i++)
		if (st.marks[i].span.end > len ||
		    (st.marks[i].stmt != SIZE_MAX && st.marks[i].stmt >= st.n))
			fuzz_fail("markers: suppression mark %zu", i);
	statements_release(&st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct migration_info info;
	const struct shape *sh;
	const char *text;
	char *work, *downs;
	size_t len;

	if (size < 1)
		return 0;
	sh = &shapes[data[0] % NSHAPES];
	text = (const char *)data + 1;
	len = size - 1;
	run_parsers(text, len);
	if (framework_detect(sh->path, text, len, NULL, sh->framework, &info) <
	    0)
		fuzz_fail("framework_detect() failed");
	check_info(&info, len, true);
	work = malloc(len + 1);
	downs = malloc(len + 1);
	if (!work || !downs)
		abort();
	memcpy(work, text, len);
	work[len] = '\0';
	memcpy(downs, work, len + 1);
	framework_apply_masks(&info, work, len);
	check_blanked(text, work, len, "masking");
	framework_blank_placeholders(work, len);
	check_blanked(text, work, len, "placeholders");
	check_statements(work, len);
	framework_keep_downs(&info, downs, len);
	check_blanked(text, downs, len, "keeping the downs");
	framework_blank_placeholders(downs, len);
	check_statements(downs, len);
	free(work);
	free(downs);
	migration_info_release(&info);
	return 0;
}
