/* fkaudit diff: audit the migrations a branch adds or edits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "diff_audit.h"
#include "error.h"
#include "git_source.h"
#include "options.h"
#include "report_paths.h"
#include "vcs.h"

static const char usage[] =
	"usage: fkaudit diff [options] [BASE [HEAD]]\n"
	"\n"
	"Audits the migration files that HEAD adds or edits since its merge\n"
	"base with BASE, the way a pull request check does. Files are read\n"
	"from git's objects, so a bare repository works too.\n"
	"\n"
	"HEAD defaults to HEAD. BASE defaults to the current branch's\n"
	"upstream, else origin/HEAD, else main or master; the choice is\n"
	"printed on standard error. Tables that a migration of the same\n"
	"change creates count as new for the migrations after it. A\n"
	"migration that already existed at the merge base and changed (or\n"
	"was renamed) is reported as FK012.\n"
	"\n"
	"Options:\n" RUN_HELP
	"  --worktree           also audit uncommitted changes: the work\n"
	"                       tree and the index, new files included\n"
	"  --changed-lines      in edited files, report only statements that\n"
	"                       touch a changed line\n"
	"\n" OUTPUT_HELP "\n"
	"Exit status: 0 no findings at or above --fail-level, 1 findings,\n"
	"2 usage error, 3 a repository error (not a repository, unknown\n"
	"revision, shallow clone without the merge base, missing objects)\n"
	"or a file that could not be audited.\n";

enum { OPT_WORKTREE = OPT_FIRST_PRIVATE, OPT_CHANGED_LINES };

struct diff_flags {
	bool worktree;
	bool changed_lines;
};

static int parse_own(void *ctx, int code, const char *arg)
{
	struct diff_flags *f = ctx;

	(void)arg;
	if (code == OPT_WORKTREE)
		f->worktree = true;
	else if (code == OPT_CHANGED_LINES)
		f->changed_lines = true;
	else
		return 0;
	return 1;
}

/*
 * Resolves BASE, HEAD and their merge base; says which on stderr, and
 * warns (even with -q) when the merge base is HEAD itself and the work
 * tree is not compared: there is then nothing to audit.
 */
static int resolve(struct repo *g, int argc, char **argv, bool quiet,
		   bool worktree, char head[41], char base[41], struct buf *err)
{
	struct buf name = BUF_INIT, why = BUF_INIT;
	const char *head_rev = argc > 1 ? argv[1] : "HEAD";
	char base_tip[41];
	int rc;

	if ((rc = repo_resolve(g, head_rev, head, err)) < 0)
		goto done;
	if (argc > 0) {
		buf_adds(&name, argv[0]);
	} else if ((rc = repo_default_base(g, &name, &why, err)) < 0) {
		goto done;
	}
	if ((rc = repo_resolve(g, buf_str(&name), base_tip, err)) < 0 ||
	    (rc = repo_merge_base(g, base_tip, head, base, err)) < 0)
		goto done;
	if (!quiet) {
		fprintf(stderr, "fkaudit diff: comparing %s (%.7s)", head_rev,
			head);
		fprintf(stderr, " with %s", buf_str(&name));
		if (why.len)
			fprintf(stderr, " (%s)", buf_str(&why));
		fprintf(stderr, "; merge base %.7s\n", base);
	}
	if (!worktree && strcmp(base, head) == 0)
		fprintf(stderr,
			"fkaudit diff: warning: the merge base of %s and %s is "
			"%s itself (%.7s): there is no change to audit. On a "
			"push, compare with the commit before it (fkaudit diff "
			"${{ github.event.before }}); in a pull request, with "
			"the branch it goes into\n",
			head_rev, buf_str(&name), head_rev, head);
done:
	buf_release(&name);
	buf_release(&why);
	return rc;
}

int cmd_diff(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "worktree", no_argument, NULL, OPT_WORKTREE },
		{ "changed-lines", no_argument, NULL, OPT_CHANGED_LINES },
		RUN_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	struct run_opts o = RUN_OPTS_INIT;
	struct diff_flags flags = { false, false };
	struct diff_opts d;
	struct repo *g = NULL;
	struct vcs_info vcs = { 0 };
	struct result res;
	struct buf err = BUF_INIT;
	char head[41], base[41];
	int r, code, nargs;

	r = run_opts_getopt(argc, argv, &o, "diff", usage, longopts, parse_own,
			    &flags);
	if (r != 0)
		return r > 0 ? EXIT_CLEAN : EXIT_USAGE;
	nargs = argc - optind;
	if (nargs > 2) {
		usage_error("diff", "too many revisions: give BASE and HEAD "
				    "at most");
		return EXIT_USAGE;
	}
	if (flags.worktree && nargs > 1) {
		usage_error("diff", "--worktree compares with the work tree; "
				    "it takes no HEAD");
		return EXIT_USAGE;
	}
	result_init(&res);
	d.base = base;
	d.head = flags.worktree ? NULL : head;
	d.changed_lines = flags.changed_lines;
	d.max_size = o.max_size;
	r = repo_open(&g, ".", &err);
	if ((code = run_config_load(&o, r == 0 ? repo_workdir(g) : NULL)))
		goto done;
	if (r == 0 &&
	    (code = report_paths_check_repo(&o, "diff", repo_workdir(g))))
		goto done;
	d.audit = o.audit; /* with the configuration run_config_load() read */
	if (r == 0)
		r = resolve(g, nargs, argv + optind, o.quiet, flags.worktree,
			    head, base, &err);
	if (r == 0)
		r = diff_audit(g, &d, &res, &err);
	if (r == 0)
		r = repo_describe(g, head, &vcs);
	code = run_finish("diff", r, buf_str(&err), &res, &o, &vcs);
done:
	vcs_info_release(&vcs);
	repo_free(g);
	result_release(&res);
	buf_release(&err);
	run_opts_release(&o);
	return code;
}
