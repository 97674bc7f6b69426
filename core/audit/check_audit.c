/* The driver of `fkaudit check`: files of the file system, audited in order. */
#include "check_audit.h"

#include <stdlib.h>
#include <string.h>

#include "discover.h"
#include "error.h"
#include "framework.h"

/*
 * The path reports show: relative to the repository root when the file
 * is inside the work tree, else as given. NULL when out of memory.
 */
static char *report_path(const struct vcs_info *vcs, const char *path,
			 bool is_stdin)
{
	struct buf b = BUF_INIT;

	if (is_stdin || !vcs->found || !vcs_repo_path(vcs, path, &b)) {
		buf_release(&b);
		return strdup(path);
	}
	return b.ptr ? b.ptr : strdup(path);
}

/*
 * The schema dumps the configuration's "seed" names, replayed before the
 * migrations (a dump that cannot be read is left out).
 */
static int seed_from_config(struct result *res, const struct audit_opts *opts,
			    const struct vcs_info *vcs, size_t max_size)
{
	const struct config *cfg = opts->config;
	size_t i;
	int r = 0;

	for (i = 0; cfg && i < cfg->nseed && r == 0; i++) {
		struct buf path = BUF_INIT, data = BUF_INIT;

		buf_addf(&path, "%s%s", vcs->found ? vcs->root : "",
			 cfg->seed[i]);
		if (path.failed)
			r = FK_ENOMEM;
		else if ((r = fs_read_small(buf_str(&path), max_size, &data)) ==
				 FK_FOUND &&
			 buf_addc(&data, '\0') == 0)
			r = audit_text(res, cfg->seed[i], data.ptr,
				       data.len - 1, opts);
		else if (r != FK_ENOMEM)
			r = 0;
		buf_release(&path);
		buf_release(&data);
	}
	return r;
}

int check_audit(struct fs_source *src, const struct check_opts *o,
		struct result *res)
{
	const struct vcs_info *vcs = o->vcs;
	size_t max_size = o->max_size;
	struct audit_opts opts = o->audit;
	struct replay schema;
	struct source_item item;
	char *path;
	int r;

	replay_init(&schema);
	opts.schema = &schema;
	if ((r = seed_from_config(res, &opts, vcs, max_size)) < 0) {
		replay_release(&schema);
		return r;
	}
	while ((r = fs_source_next(src, &item)) == FK_ITEM) {
		struct near_reader near = source_item_near(&item);
		bool is_stdin = item.origin.kind == ORIGIN_STDIN;

		opts.near = near.read ? &near : NULL;
		replay_begin_deploy(&schema);
		path = report_path(vcs, item.path, is_stdin);
		if (!path)
			r = FK_ENOMEM;
		else if (item.data)
			r = audit_text(res, path, item.data, item.len, &opts);
		else
			r = result_add_problem(res, path, item.status,
					       item.problem ? item.problem
							    : "not audited");
		free(path);
		source_item_release(&item);
		if (r < 0)
			break;
	}
	/* FK005 and FK009 hold only if still true after the last file */
	if (r >= 0)
		audit_settle(res, &schema);
	replay_release(&schema);
	return r;
}

/*
 * A path as the configuration names it: relative to the repository's
 * root, or outside a repository to the current folder. False for a path
 * outside them.
 */
static bool config_path(const struct vcs_info *vcs, const char *path,
			struct buf *out)
{
	size_t n;

	if (!vcs->found)
		return path_normalize("", path, out);
	n = strlen(vcs->root);
	if (path[0] == '/' && strncmp(path, vcs->root, n) == 0)
		return path_normalize("", path + n, out);
	return vcs_repo_path(vcs, path, out);
}

static bool excluded(void *ctx, const char *path, bool is_dir)
{
	const struct check_filter *w = ctx;
	struct buf b = BUF_INIT;
	bool skip = false;

	if (config_path(w->vcs, path, &b)) {
		if (is_dir)
			buf_addc(&b, '/');
		skip = !b.failed && config_excluded(w->cfg, buf_str(&b));
		/* "migrations" given: the files outside those folders are not */
		if (!skip && !is_dir && !b.failed && w->cfg->has_dirs)
			skip = !config_dir_of(w->cfg, buf_str(&b));
	}
	buf_release(&b);
	return skip;
}

/* A folder the index names as a submodule (checked out or not). */
static bool gitlinked(void *ctx, const char *path)
{
	const struct check_filter *w = ctx;
	struct buf b = BUF_INIT;
	bool yes = config_path(w->vcs, path, &b) && !b.failed &&
		   vcs_is_gitlink(w->vcs, buf_str(&b));

	buf_release(&b);
	return yes;
}

void check_walk_filter(struct fs_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->is_migration = discover_is_migration_file;
	f->sort = framework_sort;
}

void check_filter_init(struct check_filter *f, const struct config *cfg,
		       const struct vcs_info *vcs)
{
	check_walk_filter(&f->fs);
	f->cfg = cfg;
	f->vcs = vcs;
	f->fs.skip = cfg->nexclude || cfg->has_dirs ? excluded : NULL;
	f->fs.is_submodule = vcs->ngitlinks ? gitlinked : NULL;
	f->fs.ctx = f;
}
