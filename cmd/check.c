/* fkaudit check: audit SQL files and folders of the file system. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_audit.h"
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
	"Audits migrations for unsafe foreign-key changes. A folder stands\n"
	"for the migrations under it (.sql files, and Django's\n"
	"<app>/migrations/*.py); '-' reads standard input; no PATH means the\n"
	"current folder. Inside a git work tree, reports name files relative\n"
	"to the repository's root.\n"
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

int check_walk_run(struct run_opts *o, int argc, char **argv,
		   const char *stdin_path, struct vcs_info *vcs,
		   struct result *res, bool refuse, int *code)
{
	static const char *const here[] = { "." };
	const char *const *paths = here;
	size_t npaths = 1;
	struct fs_source src = { 0 };
	struct check_filter filter;
	struct check_opts co = { 0 };
	int r;

	*code = 0;
	if (optind < argc) {
		paths = (const char *const *)argv + optind;
		npaths = (size_t)(argc - optind);
	}
	r = vcs_describe(vcs, ".") < 0 ? FK_ENOMEM : 0;
	if (r == 0 && (*code = run_config_load(o, vcs->found ? vcs->root : "")))
		goto done;
	check_filter_init(&filter, &o->config, vcs);
	if (r == 0)
		r = fs_source_open(&src, paths, npaths, o->max_size, stdin_path,
				   stdin, &filter.fs);
	/* the walk applied exclude and migrations; named files are audited */
	o->audit.config_walked = true;
	if (r == 0 && refuse && (*code = refuse_inputs(o, &src, vcs)))
		goto done;
	co.vcs = vcs;
	co.max_size = o->max_size;
	co.audit = o->audit;
	if (r == 0)
		r = check_audit(&src, &co, res);
done:
	fs_source_release(&src);
	return r;
}

int cmd_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "stdin-path", required_argument, NULL, OPT_STDIN_PATH },
		RUN_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	struct run_opts o = RUN_OPTS_INIT;
	const char *stdin_path = "<stdin>";
	struct result res;
	struct vcs_info vcs = { 0 };
	int r, code;

	r = run_opts_getopt(argc, argv, &o, "check", usage, longopts, parse_own,
			    &stdin_path);
	if (r != 0)
		return r > 0 ? EXIT_CLEAN : EXIT_USAGE;
	result_init(&res);
	r = check_walk_run(&o, argc, argv, stdin_path, &vcs, &res, true, &code);
	if (code == 0)
		code = run_finish("check", r, "", &res, &o, &vcs);
	vcs_info_release(&vcs);
	result_release(&res);
	run_opts_release(&o);
	return code;
}
