#include "framework_markers.h"

#include <string.h>

#include "framework_text.h"

void info_add_unit(struct migration_info *out, size_t start, enum tx_mode mode,
		   const char *runner, const char *opt_out)
{
	struct tx_unit *u;

	if (out->nunits && out->units[out->nunits - 1].start == start)
		u = &out->units[out->nunits - 1];
	else if (migration_info_grow(out, (void **)&out->units, &out->units_cap,
				     out->nunits, sizeof(*out->units)))
		u = &out->units[out->nunits++];
	else
		return;
	u->start = (uint32_t)start;
	u->mode = mode;
	u->runner = runner;
	u->opt_out = opt_out;
}

void info_add_mask(struct migration_info *out, size_t start, size_t end)
{
	if (end <= start)
		return;
	if (out->nmasks && out->masks[out->nmasks - 1].end == start) {
		out->masks[out->nmasks - 1].end = (uint32_t)end;
		return;
	}
	if (!migration_info_grow(out, (void **)&out->masks, &out->masks_cap,
				 out->nmasks, sizeof(*out->masks)))
		return;
	out->masks[out->nmasks].start = (uint32_t)start;
	out->masks[out->nmasks++].end = (uint32_t)end;
}

void info_add_down(struct migration_info *out, size_t start, size_t end)
{
	if (end > start &&
	    migration_info_grow(out, (void **)&out->downs, &out->downs_cap,
				out->ndowns, sizeof(*out->downs))) {
		out->downs[out->ndowns].start = (uint32_t)start;
		out->downs[out->ndowns++].end = (uint32_t)end;
	}
}

/*
 * A "--" comment line's words after `prefix` ("+goose", "migrate:"):
 * returns where they start, or NULL when the line is not such a marker.
 */
static const char *marker(const struct text_line *l, const char *prefix)
{
	const char *p = l->start;

	if (l->end - p < 2 || p[0] != '-' || p[1] != '-')
		return NULL;
	p = text_skip_blanks(p + 2, l->end);
	if (!text_starts_with(p, l->end, prefix, &p))
		return NULL;
	return text_skip_blanks(p, l->end);
}

static const char goose_runner[] = "goose puts around the file";
static const char goose_opt_out[] =
	"put it in a migration of its own that starts with -- +goose NO "
	"TRANSACTION (goose then runs each statement on its own)";
static const char goose_block_runner[] =
	"goose sends a StatementBegin … StatementEnd block as one string";
static const char goose_block_opt_out[] =
	"take it out of the StatementBegin … StatementEnd block";

bool markers_goose(const char *text, size_t len, struct migration_info *out)
{
	const char *p = text, *end = text + len, *w;
	bool up = false, no_tx = false, live = false, down = false;
	size_t masked_from = 0;

	for (; p < end; p = text_line_at(p, end).next) {
		struct text_line l = text_line_at(p, end);

		if ((w = marker(&l, "+goose")) &&
		    text_starts_with(w, l.end, "no transaction", NULL))
			no_tx = true;
	}
	info_add_unit(out, 0, no_tx ? TX_MODE_AUTOCOMMIT : TX_MODE_WRAPPED,
		      no_tx ? NULL : goose_runner,
		      no_tx ? NULL : goose_opt_out);
	for (p = text; p < end; p = text_line_at(p, end).next) {
		struct text_line l = text_line_at(p, end);
		size_t at = (size_t)(l.start - text);

		if (!(w = marker(&l, "+goose")))
			continue;
		if (text_starts_with(w, l.end, "up", NULL) && !live) {
			info_add_mask(out, masked_from, at);
			if (down)
				info_add_down(out, masked_from, at);
			up = live = true;
			down = false;
		} else if (text_starts_with(w, l.end, "down", NULL) && live) {
			live = false;
			down = true;
			masked_from = at;
		} else if (no_tx && live &&
			   text_starts_with(w, l.end, "statementbegin", NULL)) {
			info_add_unit(out, at, TX_MODE_IMPLICIT,
				      goose_block_runner, goose_block_opt_out);
		} else if (no_tx && live &&
			   text_starts_with(w, l.end, "statementend", NULL)) {
			info_add_unit(out, (size_t)(l.next - text),
				      TX_MODE_AUTOCOMMIT, NULL, NULL);
		}
	}
	if (!live)
		info_add_mask(out, masked_from, len);
	if (down)
		info_add_down(out, masked_from, len);
	return up;
}

static const char dbmate_runner[] = "dbmate puts around the up section";
static const char dbmate_opt_out[] =
	"put it alone in a migration of its own whose up section starts "
	"with -- migrate:up transaction:false";
static const char dbmate_implicit[] =
	"dbmate sends the up section as one string";
static const char dbmate_implicit_opt_out[] =
	"put it alone in the up section of a migration of its own "
	"(transaction:false is already set: the other statements sent with "
	"it still make a transaction)";

bool markers_dbmate(const char *text, size_t len, struct migration_info *out)
{
	const char *p = text, *end = text + len, *w;
	bool any = false, live = false, down = false;
	size_t masked_from = 0;

	for (; p < end; p = text_line_at(p, end).next) {
		struct text_line l = text_line_at(p, end);
		size_t at = (size_t)(l.start - text);

		if (!(w = marker(&l, "migrate:")))
			continue;
		if (text_starts_with(w, l.end, "up", &w) &&
		    (w == l.end || *w == ' ' || *w == '\t')) {
			bool no_tx =
				text_contains(w, l.end, "transaction:false");

			if (!live)
				info_add_mask(out, masked_from, at);
			if (down)
				info_add_down(out, masked_from, at);
			down = false;
			info_add_unit(out, at,
				      no_tx ? TX_MODE_IMPLICIT
					    : TX_MODE_WRAPPED,
				      no_tx ? dbmate_implicit : dbmate_runner,
				      no_tx ? dbmate_implicit_opt_out
					    : dbmate_opt_out);
			any = live = true;
		} else if (text_starts_with(w, l.end, "down", &w) &&
			   (w == l.end || *w == ' ' || *w == '\t') && live) {
			live = false;
			down = true;
			masked_from = at;
		}
	}
	if (!live)
		info_add_mask(out, masked_from, len);
	if (down)
		info_add_down(out, masked_from, len);
	return any;
}

/* ^\s*--[\s-]*(up|down)\s+migration, any case. 1 up, 2 down, 0 none. */
static int node_pg_marker(const struct text_line *l)
{
	const char *p = text_skip_blanks(l->start, l->end);
	int kind;

	if (l->end - p < 2 || p[0] != '-' || p[1] != '-')
		return 0;
	p += 2;
	while (p < l->end && (*p == ' ' || *p == '\t' || *p == '-'))
		p++;
	if (text_starts_with(p, l->end, "up", &p))
		kind = 1;
	else if (text_starts_with(p, l->end, "down", &p))
		kind = 2;
	else
		return 0;
	if (p == l->end || (*p != ' ' && *p != '\t'))
		return 0;
	p = text_skip_blanks(p, l->end);
	return text_starts_with(p, l->end, "migration", NULL) ? kind : 0;
}

bool markers_node_pg(const char *text, size_t len, struct migration_info *out)
{
	const char *p = text, *end = text + len;
	bool any = false, live = true;
	size_t masked_from = 0;

	for (; p < end; p = text_line_at(p, end).next) {
		struct text_line l = text_line_at(p, end);
		size_t at = (size_t)(l.start - text);
		int kind = node_pg_marker(&l);

		if (kind == 1 && !live) {
			info_add_mask(out, masked_from, at);
			info_add_down(out, masked_from, at);
			live = true;
		} else if (kind == 2 && live) {
			masked_from = at;
			live = false;
		}
		any |= kind != 0;
	}
	if (!live) {
		info_add_mask(out, masked_from, len);
		info_add_down(out, masked_from, len);
	}
	return any;
}

bool markers_is_liquibase(const char *text, size_t len)
{
	const char *p = text, *end = text + len;

	for (; p < end; p = text_line_at(p, end).next) {
		struct text_line l = text_line_at(p, end);
		const char *q = text_skip_blanks(l.start, l.end);

		if (q == l.end)
			continue;
		if (l.end - q < 2 || q[0] != '-' || q[1] != '-')
			return false;
		q = text_skip_blanks(q + 2, l.end);
		if (!text_starts_with(q, l.end, "liquibase", &q))
			return false;
		q = text_skip_blanks(q, l.end);
		return text_starts_with(q, l.end, "formatted", NULL);
	}
	return false;
}

static const char liquibase_runner[] = "Liquibase puts around the changeset";
static const char liquibase_opt_out[] =
	"put it in a changeset of its own with runInTransaction:false";
static const char liquibase_implicit[] =
	"splitStatements:false makes Liquibase send the changeset as one "
	"pipeline";
static const char liquibase_implicit_opt_out[] =
	"put it alone in a changeset of its own with runInTransaction:false "
	"(and without splitStatements:false)";

void markers_liquibase(const char *text, size_t len, struct migration_info *out)
{
	const char *p = text, *end = text + len, *w;
	bool any = false;

	for (; p < end; p = text_line_at(p, end).next) {
		struct text_line l = text_line_at(p, end);
		const char *q = text_skip_blanks(l.start, l.end);
		struct text_line ml = { q, l.end, l.next };
		bool no_tx, no_split;

		if (any &&
		    ((l.end - q == 1 && *q == '/') ||
		     (l.end - q == 2 &&
		      text_starts_with(q, l.end, "go", NULL))) &&
		    migration_info_grow(out, (void **)&out->delims,
					&out->delims_cap, out->ndelims,
					sizeof(*out->delims)))
			out->delims[out->ndelims++] = (uint32_t)(q - text);
		if (!(w = marker(&ml, "changeset")) || w == ml.start)
			continue;
		no_tx = text_contains(w, l.end, "runInTransaction:false");
		no_split = text_contains(w, l.end, "splitStatements:false");
		if (!any)
			info_add_mask(out, 0, (size_t)(l.start - text));
		any = true;
		if (no_split)
			info_add_unit(out, (size_t)(l.start - text),
				      TX_MODE_IMPLICIT, liquibase_implicit,
				      liquibase_implicit_opt_out);
		else if (no_tx)
			info_add_unit(out, (size_t)(l.start - text),
				      TX_MODE_AUTOCOMMIT, NULL, NULL);
		else
			info_add_unit(out, (size_t)(l.start - text),
				      TX_MODE_WRAPPED, liquibase_runner,
				      liquibase_opt_out);
	}
}

bool markers_atlas(const char *text, size_t len, bool *txmode_none)
{
	const char *p = text, *end = text + len;
	bool any = false;

	*txmode_none = false;
	for (; p < end; p = text_line_at(p, end).next) {
		struct text_line l = text_line_at(p, end);
		const char *q = text_skip_blanks(l.start, l.end);

		if (q == l.end || (*q != '#' && (l.end - q < 2 || q[1] != '-' ||
						 q[0] != '-')))
			break; /* the header block ends */
		for (; q < l.end; q++)
			if (text_starts_with(q, l.end, "atlas:", &q)) {
				any = true;
				if (text_starts_with(q, l.end, "txmode", &q) &&
				    text_starts_with(text_skip_blanks(q, l.end),
						     l.end, "none", NULL))
					*txmode_none = true;
				break;
			}
	}
	return any;
}

bool markers_graphile_no_tx(const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	bool header = true;

	for (; p < end; p = text_line_at(p, end).next) {
		struct text_line l = text_line_at(p, end);
		const char *q;

		if (header && text_starts_with(l.start, l.end, "--!", &q) &&
		    !text_starts_with(text_skip_blanks(q, l.end), l.end,
				      "no-transaction", NULL))
			continue;
		if (header && l.start == l.end) {
			header = false;
			continue;
		}
		return text_starts_with(l.start, l.end, "--!", &q) &&
		       text_starts_with(text_skip_blanks(q, l.end), l.end,
					"no-transaction", NULL);
	}
	return false;
}

bool markers_drizzle(const char *text, size_t len)
{
	return text_contains(text, text + len, "--> statement-breakpoint");
}

int markers_config_false(const char *text, size_t len, const char *key)
{
	const char *p = text, *end = text + len;

	for (; p < end; p = text_line_at(p, end).next) {
		struct text_line l = text_line_at(p, end);
		const char *q = text_skip_blanks(l.start, l.end);

		if (!text_starts_with(q, l.end, key, &q))
			continue;
		q = text_skip_blanks(q, l.end);
		if (q == l.end || (*q != '=' && *q != ':'))
			continue;
		q = text_skip_blanks(q + 1, l.end);
		return text_starts_with(q, l.end, "false", NULL) ? 1 : 0;
	}
	return -1;
}
