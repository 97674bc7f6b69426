/* fkaudit check: audit SQL files and folders of the file system. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "cmd.h"
#include "error.h"
#include "fs_source.h"
#include "options.h"
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
	"\n" OUTPUT_HELP
	"\n"
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
 * Audits the files in order, on one schema state: each file is a deploy
 * of its own, so the tables of the files before it are existing tables.
 */
static int audit_all(struct fs_source *src, struct result *res,
		     const struct audit_opts *base, const struct vcs_info *vcs)
{
	struct audit_opts opts = *base;
	struct replay schema;
	struct source_item item;
	char *path;
	int r;

	replay_init(&schema);
	opts.schema = &schema;
	while ((r = fs_source_next(src, &item)) == 1) {
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
	int r, code;

	r = run_opts_getopt(argc, argv, &o, "check", usage, longopts,
			    parse_own, &stdin_path);
	if (r != 0)
		return r > 0 ? EXIT_CLEAN : EXIT_USAGE;
	result_init(&res);
	r = vcs_describe(&vcs, ".") < 0 ? FK_ENOMEM : 0;
	if (r == 0 && optind < argc)
		r = fs_source_open(&src, (const char *const *)argv + optind,
				   (size_t)(argc - optind), o.max_size,
				   stdin_path, stdin);
	else if (r == 0)
		r = fs_source_open(&src, here, 1, o.max_size, stdin_path,
				   stdin);
	if (r == 0)
		r = audit_all(&src, &res, &o.audit, &vcs);
	code = run_finish("check", r, "", &res, &o.out, &vcs);
	vcs_info_release(&vcs);
	fs_source_release(&src);
	result_release(&res);
	return code;
}
