/* fkaudit history: audit a repository's whole history, commit by commit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "error.h"
#include "git_source.h"
#include "history.h"
#include "options.h"
#include "report_paths.h"
#include "vcs.h"

static const char usage[] =
	"usage: fkaudit history [options] [REV]\n"
	"\n"
	"Walks every commit reachable from REV (default HEAD), oldest first,\n"
	"and audits each version of a migration file that a commit adds or\n"
	"edits. Each finding names the commit that introduced it (sha,\n"
	"author, date, subject) and says where it stands at REV: present,\n"
	"fixed later (and by which commit), or in a deleted file. Edits of\n"
	"migrations that were already committed are FK012. A file version\n"
	"met again is not audited again. Works on bare repositories.\n"
	"\n"
	"Options:\n" RUN_HELP
	"  --since DATE         only commits made on or after DATE\n"
	"                       (YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] UTC, or\n"
	"                       @SECONDS); older findings are not reported\n"
	"  --first-parent       follow only the first parent of merges: each\n"
	"                       merge then stands for its whole branch\n"
	"  --max-commits N      only the newest N commits\n"
	"  --sarif-fixed        also put fixed findings in SARIF (GitHub\n"
	"                       shows every SARIF result as an open alert)\n"
	"\n" OUTPUT_HELP "\n"
	"Exit status: 0 no finding present at REV at or above --fail-level,\n"
	"1 such findings, 2 usage error, 3 a repository error (not a\n"
	"repository, unknown revision, missing objects) or a file at REV\n"
	"that could not be audited.\n";

enum {
	OPT_SINCE = OPT_FIRST_PRIVATE,
	OPT_FIRST_PARENT,
	OPT_MAX_COMMITS,
};

struct progress {
	bool on;
	struct timespec start, last;
	bool shown;
};

static int parse_date(const char *s, int64_t *out)
{
	struct tm tm;
	int y, mo, d, h = 0, mi = 0, sec = 0, n = 0;
	char *end;

	if (s[0] == '@') {
		long long v = strtoll(s + 1, &end, 10);

		if (end == s + 1 || *end)
			return -1;
		*out = v;
		return 0;
	}
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3)
		return -1;
	s += n;
	if (*s == 'T' && sscanf(s, "T%2d:%2d%n", &h, &mi, &n) == 2) {
		s += n;
		if (*s == ':' && sscanf(s, ":%2d%n", &sec, &n) == 1)
			s += n;
	}
	if (*s || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    sec > 60)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*out = (int64_t)timegm(&tm);
	return 0;
}

static int parse_own(void *ctx, int code, const char *arg)
{
	struct walk_opts *w = ctx;
	char *end;
	unsigned long long n;

	switch (code) {
	case OPT_SINCE:
		if (parse_date(arg, &w->since) == 0)
			return 1;
		usage_error("history",
			    "--since takes YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] "
			    "or @SECONDS, not '%s'",
			    arg);
		return -1;
	case OPT_FIRST_PARENT:
		w->first_parent = true;
		return 1;
	case OPT_MAX_COMMITS:
		n = strtoull(arg, &end, 10);
		if (end != arg && !*end && *arg != '-' && n > 0) {
			w->max_commits = (size_t)n;
			return 1;
		}
		usage_error("history",
			    "--max-commits takes a positive number, "
			    "not '%s'",
			    arg);
		return -1;
	default:
		return 0;
	}
}

static double seconds(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	       (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void clock_text(char *buf, size_t size, double s)
{
	long t = (long)(s + 0.5);

	if (t >= 3600)
		snprintf(buf, size, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60,
			 t % 60);
	else
		snprintf(buf, size, "%ld:%02ld", t / 60, t % 60);
}

/* "1,234/10,000 commits, 0:12 elapsed, about 1:30 left", at most 10/s */
static void show_progress(void *ctx, size_t done, size_t total)
{
	struct progress *p = ctx;
	struct timespec now;
	char el[32], left[32];
	double elapsed;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (p->shown && done < total && seconds(&p->last, &now) < 0.1)
		return;
	p->last = now;
	p->shown = true;
	elapsed = seconds(&p->start, &now);
	clock_text(el, sizeof(el), elapsed);
	fprintf(stderr, "\r\033[Kfkaudit history: %zu/%zu commits, %s elapsed",
		done, total, el);
	if (done > 0 && done < total) {
		clock_text(left, sizeof(left),
			   elapsed / (double)done * (double)(total - done));
		fprintf(stderr, ", about %s left", left);
	}
	fflush(stderr);
}

static void end_progress(struct progress *p)
{
	if (p->shown)
		fputs("\r\033[K", stderr);
}

/*
 * "fkaudit history: db: tree 'db' (…) of commit … is missing or corrupt…"
 * on its own line, under the progress line (drawn again after it).
 */
static void show_problem(void *ctx, const char *path, const char *message)
{
	struct progress *p = ctx;

	end_progress(p);
	p->shown = false;
	fputs("fkaudit history: ", stderr);
	put_shown(stderr, path);
	fprintf(stderr, ": %s\n", message);
	fflush(stderr);
}

int cmd_history(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "since", required_argument, NULL, OPT_SINCE },
		{ "first-parent", no_argument, NULL, OPT_FIRST_PARENT },
		{ "max-commits", required_argument, NULL, OPT_MAX_COMMITS },
		{ "sarif-fixed", no_argument, NULL, OPT_SARIF_FIXED },
		RUN_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	struct run_opts o = RUN_OPTS_INIT;
	struct history_opts h = { { 0 }, 0,   AUDIT_OPTS_INIT, NULL, NULL,
				  NULL,	 NULL };
	struct history_stats stats;
	struct progress prog = { 0 };
	struct repo *g = NULL;
	struct vcs_info vcs = { 0 };
	struct result res;
	struct buf err = BUF_INIT;
	int r, code;

	r = run_opts_getopt(argc, argv, &o, "history", usage, longopts,
			    parse_own, &h.walk);
	if (r != 0)
		return r > 0 ? EXIT_CLEAN : EXIT_USAGE;
	if (argc - optind > 1) {
		usage_error("history", "one revision at most");
		return EXIT_USAGE;
	}
	h.walk.rev = optind < argc ? argv[optind] : "HEAD";
	h.max_size = o.max_size;
	prog.on = !o.quiet && isatty(STDERR_FILENO);
	if (prog.on) {
		clock_gettime(CLOCK_MONOTONIC, &prog.start);
		h.progress = show_progress;
		h.progress_ctx = &prog;
	}
	h.problem = show_problem;
	h.problem_ctx = &prog;
	result_init(&res);
	r = repo_open(&g, ".", &err);
	if ((code = run_config_load(&o, r == 0 ? repo_workdir(g) : NULL)))
		goto done;
	if (r == 0 &&
	    (code = report_paths_check_repo(&o, "history", repo_workdir(g))))
		goto done;
	h.audit = o.audit; /* with the configuration run_config_load() read */
	if (r == 0) {
		r = history_audit(g, &h, &res, &stats, &err);
		end_progress(&prog);
	}
	if (r == 0)
		r = repo_describe(g, stats.rev, &vcs);
	code = run_finish("history", r, buf_str(&err), &res, &o, &vcs);
done:
	vcs_info_release(&vcs);
	repo_free(g);
	result_release(&res);
	buf_release(&err);
	run_opts_release(&o);
	return code;
}
