#include "diff_audit.h"

#include <stdlib.h>
#include <string.h>

#include "discover.h"
#include "git_content.h"
#include "error.h"
#include "framework.h"
#include "replay.h"
#include "rules.h"
#include "version_key.h"

/* Drops the findings from `first` on whose statement no changed line is. */
static void keep_changed(struct result *res, size_t first,
			 const struct line_ranges *lines)
{
	size_t i, n = first;

	for (i = first; i < res->nfindings; i++) {
		const struct finding *f = &res->findings[i];

		if (f->rule == &rule_fk012_migration_modified ||
		    line_ranges_touch(lines, f->stmt_line, f->stmt_end_line))
			res->findings[n++] = *f;
	}
	res->nfindings = n;
}

static int audit_change(struct repo *g, const struct diff_opts *o,
			const struct source_item *item, struct replay *deploy,
			struct result *res)
{
	const struct change *c = item->origin.change;
	struct audit_opts ao = o->audit;
	struct near_reader near = source_item_near(item);
	struct line_ranges lines = { 0 };
	struct buf err = BUF_INIT;
	struct rule_edit edit = { 0 };
	size_t first = res->nfindings;
	bool existed = c->kind != CHANGE_ADDED, unread = false;
	int rc = 0;

	if (!item->data)
		return result_add_problem(res, item->path, item->status,
					  item->problem);
	if (existed && strcmp(c->oid, c->old_oid) != 0) {
		rc = repo_changed_lines(g, c->old_oid, item->data, item->len,
					&lines, &err);
		/* the new version is still audited; FK012 says what is not known */
		unread = rc == FK_EGIT;
		if (rc < 0 && !unread)
			goto done;
	}
	edit.path = c->path;
	if (c->old_path && strcmp(c->old_path, c->path) != 0)
		edit.renamed_from = c->old_path;
	edit.base = o->base;
	if (unread || lines.n) {
		edit.unread = unread ? buf_str(&err) : NULL;
		edit.changed_lines = o->changed_lines;
		if (!unread) {
			edit.first_line = lines.v[0].first;
			edit.last_line = lines.v[lines.n - 1].last;
			/* read as the new version is, for the same SQL */
			rc = audit_version_key(
				g, o->base, c->old_path ? c->old_path : c->path,
				c->old_oid, o->max_size, &o->audit, deploy,
				&edit);
			if (rc < 0)
				goto done;
		}
		ao.edit = &edit;
	} else if (existed && edit.renamed_from) {
		edit.renamed_only = true;
		ao.edit = &edit;
	}
	ao.edits_known = true;
	/*
	 * Tables that an added migration creates are new for the migrations
	 * after it; an edited one ran long ago, and its tables are not.
	 */
	ao.schema = existed ? NULL : deploy;
	ao.context = existed ? deploy : NULL;
	ao.near = &near;
	rc = audit_text(res, item->path, item->data, item->len, &ao);
	if (rc == 0 && o->changed_lines && existed && !unread)
		keep_changed(res, first, &lines);
done:
	free(edit.old_lines);
	line_ranges_release(&lines);
	buf_release(&err);
	return rc;
}

/*
 * Replays the base's migrations, in the order they ran, into `state`:
 * the schema the change's migrations will meet. Their findings are not
 * the change's, and a file that cannot be read is left out.
 */
static int seed_base(struct repo *g, const struct diff_opts *o,
		     struct replay *state, struct buf *err)
{
	struct changes files;
	struct result scratch;
	struct audit_opts ao = o->audit;
	struct change_source src = { g, o->base, &files, o->max_size, true, 0 };
	struct source_item item;
	struct near_reader near;
	struct path_filter filter;
	int rc;

	discover_filter_init(&filter, o->audit.config);
	rc = repo_tree_files(g, o->base, &filter, &files, err);
	if (rc < 0)
		return rc;
	if ((rc = changes_sort_migrations(&files, g, o->base)) < 0)
		goto done;
	result_init(&scratch);
	ao.schema = state;
	ao.near = &near;
	ao.edit = NULL;
	/* a file too large or missing is left out */
	while ((rc = change_source_next(&src, &item)) == FK_ITEM) {
		near = source_item_near(&item);
		replay_begin_deploy(state);
		rc = audit_text(&scratch, item.path, item.data, item.len, &ao);
		source_item_release(&item);
		if (rc < 0)
			break;
	}
	result_release(&scratch);
done:
	changes_release(&files);
	buf_reset(err);
	return rc;
}

int diff_audit(struct repo *g, const struct diff_opts *o, struct result *res,
	       struct buf *err)
{
	struct changes changes;
	struct change_source src = { g, o->head, NULL, o->max_size, false, 0 };
	struct source_item item;
	struct replay deploy;
	struct path_filter filter;
	int rc;

	discover_filter_init(&filter, o->audit.config);
	rc = repo_diff(g, o->base, o->head, &filter, &changes, err);
	if (rc < 0)
		return rc;
	res->no_files =
		o->head ? "no migration file added or changed since the "
			  "merge base"
			: "no migration file added or changed since the "
			  "merge base, in commits or in the work tree";
	replay_init(&deploy);
	rc = changes_sort_migrations(&changes, g, o->head);
	if (rc == 0)
		rc = seed_base(g, o, &deploy, err);
	/* the base's own findings were not kept: nor are their links */
	replay_pending_clear(&deploy);
	/* the change's migrations: one deploy, in the order they will run */
	replay_begin_deploy(&deploy);
	src.changes = &changes;
	while (rc == 0 && (rc = change_source_next(&src, &item)) == FK_ITEM) {
		rc = audit_change(g, o, &item, &deploy, res);
		source_item_release(&item);
	}
	/* FK005, FK009: what holds once the whole change has run */
	if (rc == 0)
		audit_settle(res, &deploy);
	replay_release(&deploy);
	changes_release(&changes);
	return rc;
}
