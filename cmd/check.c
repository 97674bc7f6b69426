/* fkaudit check: audit SQL files and folders of the file system. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "config.h"
#include "cmd.h"
#include "error.h"
#include "fs_source.h"
#include "options.h"
#include "report_paths.h"
#include "vcs.h"

static const char usage[] =
	"usage: fkaudit check [options] [PATH...]\n"
	"\n"
	"Audits SQL migration files for unsafe foreign-key changes. A folder\n"
	"stands for the .sql files under it; '-' reads standard input; no\n"
	"PATH means the current folder. Inside a git work tree, reports name\n"
	"files relative to the repository's root.\n"
	"\n"
	"Options:\n" RUN_HELP
	"  --stdin-path NAME    the name to report standard input under\n"
	"                       (default: <stdin>)\n"
	"\n" OUTPUT_HELP "\n"
	"Exit status: 0 no findings at or above --fail-level, 1 findings,\n"
	"2 usage error or a PATH that does not exist, 3 a file could not be\n"
	"audited.\n";

enum { OPT_STDIN_PATH = OPT_FIRST_PRIVATE };

static int parse_own(void *ctx, int code, const char *arg)
{
	const char **stdin_path = ctx;

	if (code != OPT_STDIN_PATH)
		return 0;
	*stdin_path = arg;
	return 1;
}

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
 * Refuses a report onto a file the run reads: a path named or found by
 * the walk, the configuration, a seed. 0, or the exit code.
 */
static int refuse_inputs(const struct run_opts *o, const struct fs_source *src,
			 const struct vcs_info *vcs)
{
	struct run_inputs in = RUN_INPUTS_INIT;
	size_t i;
	int r = run_inputs_add_config(&in, o, vcs->found ? vcs->root : "");

	for (i = 0; r == 0 && i < src->n; i++)
		r = run_inputs_add(&in, src->paths[i]);
	if (r < 0) {
		fprintf(stderr, "fkaudit check: out of memory\n");
		r = EXIT_RUNTIME;
	} else {
		r = report_paths_check(&o->out, "check", &in);
	}
	run_inputs_release(&in);
	return r;
}

/*
 * Audits the files in order, on one schema state: each file is a deploy
 * of its own, so the tables of the files before it are existing tables.
 */
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

static int audit_all(struct fs_source *src, struct result *res,
		     const struct audit_opts *base, const struct vcs_info *vcs,
		     size_t max_size)
{
	struct audit_opts opts = *base;
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
		struct near_reader near = { fs_near_read, item.path };

		opts.near = item.is_stdin ? NULL : &near;
		replay_begin_deploy(&schema);
		path = report_path(vcs, item.path, item.is_stdin);
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
 * What the walk of a folder leaves out: the configuration's "exclude",
 * and the files outside its "migrations" folders.
 */
struct walk_filter {
	const struct config *cfg;
	const struct vcs_info *vcs;
};

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
	const struct walk_filter *w = ctx;
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
	const struct walk_filter *w = ctx;
	struct buf b = BUF_INIT;
	bool yes = config_path(w->vcs, path, &b) && !b.failed &&
		   vcs_is_gitlink(w->vcs, buf_str(&b));

	buf_release(&b);
	return yes;
}

int cmd_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "stdin-path", required_argument, NULL, OPT_STDIN_PATH },
		RUN_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	static const char *const here[] = { "." };
	struct run_opts o = RUN_OPTS_INIT;
	const char *stdin_path = "<stdin>";
	struct fs_source src = { 0 };
	struct result res;
	struct vcs_info vcs = { 0 };
	struct walk_filter wf = { &o.config, &vcs };
	struct fs_filter filter = { NULL, NULL, &wf };
	const char *const *paths = here;
	size_t npaths = 1;
	int r, code;

	r = run_opts_getopt(argc, argv, &o, "check", usage, longopts, parse_own,
			    &stdin_path);
	if (r != 0)
		return r > 0 ? EXIT_CLEAN : EXIT_USAGE;
	if (optind < argc) {
		paths = (const char *const *)argv + optind;
		npaths = (size_t)(argc - optind);
	}
	result_init(&res);
	r = vcs_describe(&vcs, ".") < 0 ? FK_ENOMEM : 0;
	if (r == 0 && (code = run_config_load(&o, vcs.found ? vcs.root : "")))
		goto done;
	if (o.config.nexclude || o.config.has_dirs)
		filter.skip = excluded;
	if (vcs.ngitlinks)
		filter.is_submodule = gitlinked;
	if (r == 0)
		r = fs_source_open(&src, paths, npaths, o.max_size, stdin_path,
				   stdin, &filter);
	/* the walk applied exclude and migrations; named files are audited */
	o.audit.config_walked = true;
	if (r == 0 && (code = refuse_inputs(&o, &src, &vcs)))
		goto done;
	if (r == 0)
		r = audit_all(&src, &res, &o.audit, &vcs, o.max_size);
	code = run_finish("check", r, "", &res, &o, &vcs);
done:
	vcs_info_release(&vcs);
	fs_source_release(&src);
	result_release(&res);
	run_opts_release(&o);
	return code;
}
