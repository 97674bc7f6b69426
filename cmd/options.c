#include "options.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "error.h"
#include "fs_source.h"
#include "report_tmp.h"
#include "reporter.h"
#include "utf8.h"

void put_shown(FILE *out, const char *s)
{
	char *shown = utf8_escape(s);

	fputs(shown ? shown : "(out of memory)", out);
	free(shown);
}

void usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "fkaudit %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'fkaudit %s --help'.\n", cmd);
}

static int parse_color(struct output_opts *o, const char *cmd, const char *arg)
{
	if (strcmp(arg, "auto") == 0)
		o->color = COLOR_AUTO;
	else if (strcmp(arg, "always") == 0)
		o->color = COLOR_ALWAYS;
	else if (strcmp(arg, "never") == 0)
		o->color = COLOR_NEVER;
	else {
		usage_error(cmd,
			    "--color takes auto, always or never, not '%s'",
			    arg);
		return -1;
	}
	return 1;
}

int output_opts_parse(struct output_opts *o, const char *cmd, int code,
		      const char *arg)
{
	switch (code) {
	case OPT_FAIL_LEVEL:
		if (level_parse(arg, &o->fail_level) == 0)
			return 1;
		usage_error(cmd,
			    "--fail-level takes error, warning, note or none, "
			    "not '%s'",
			    arg);
		return -1;
	case OPT_COLOR:
		return parse_color(o, cmd, arg);
	case OPT_FORMAT:
		if (reporter_find(arg)) {
			o->format = arg;
			return 1;
		}
		usage_error(cmd,
			    "unknown format '%s' (known: text, sarif, junit, "
			    "json, github)",
			    arg);
		return -1;
	case OPT_OUTPUT:
		o->output = arg;
		return 1;
	case OPT_SARIF:
		o->sarif = arg;
		return 1;
	case OPT_JUNIT:
		o->junit = arg;
		return 1;
	case OPT_JSON:
		o->json = arg;
		return 1;
	case OPT_INCLUDE_SUPPRESSED:
		o->include_suppressed = true;
		return 1;
	case OPT_SARIF_CATEGORY:
		o->sarif_category = arg;
		return 1;
	case OPT_SARIF_FIXED:
		o->sarif_fixed = true;
		return 1;
	default:
		return 0;
	}
}

static int parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	int shift = 0;

	if (end == s || *s == '-')
		return -1;
	switch (*end) {
	case 'k':
	case 'K':
		shift = 10;
		end++;
		break;
	case 'm':
	case 'M':
		shift = 20;
		end++;
		break;
	case 'g':
	case 'G':
		shift = 30;
		end++;
		break;
	}
	if (*end || v > (~0ULL >> (shift + 1)))
		return -1;
	*out = (size_t)(v << shift);
	return 0;
}

int run_opts_parse(struct run_opts *o, const char *cmd, int code,
		   const char *arg)
{
	switch (code) {
	case 'C':
		if (chdir(arg) != 0) {
			fprintf(stderr, "fkaudit %s: cannot change to '", cmd);
			put_shown(stderr, arg);
			fprintf(stderr, "': %s\n", strerror(errno));
			return -1;
		}
		return 1;
	case 'o':
		o->out.output = arg;
		return 1;
	case 'q':
	case OPT_QUIET:
		o->quiet = true;
		return 1;
	case OPT_ASSUME_TX:
		o->audit.tx_mode = TX_MODE_WRAPPED;
		o->audit.tx_runner =
			"--assume-transaction puts around the file";
		o->audit.tx_opt_out = "run it alone, in a migration that the "
				      "runner does not wrap in a transaction";
		return 1;
	case OPT_CONFIG:
		o->config_file = arg;
		return 1;
	case OPT_BASELINE:
		o->baseline_file = arg;
		return 1;
	case OPT_MAX_SIZE:
		if (parse_size(arg, &o->max_size) == 0)
			return 1;
		usage_error(cmd, "bad --max-file-size '%s'", arg);
		return -1;
	default:
		return output_opts_parse(&o->out, cmd, code, arg);
	}
}

#define BASELINE_MAX ((size_t)256 << 20)

/* --baseline FILE: read before anything is audited. */
static int baseline_load(struct run_opts *o)
{
	struct buf text = BUF_INIT, err = BUF_INIT;
	int rc;

	if (!o->baseline_file)
		return 0;
	o->baseline.name = o->baseline_file;
	errno = 0;
	rc = fs_read_small(o->baseline_file, BASELINE_MAX, &text);
	rc = rc == FK_FOUND ? 0 : rc == 0 ? FK_EIO : rc;
	if (rc == 0)
		rc = baseline_parse(&o->baseline, buf_str(&text), text.len,
				    &err);
	if (rc < 0) {
		fputs("fkaudit: --baseline ", stderr);
		put_shown(stderr, o->baseline_file);
		if (rc == FK_ENOMEM)
			fputs(": out of memory\n", stderr);
		else if (rc == FK_ECONFIG)
			fprintf(stderr, ": %s\n", buf_str(&err));
		else if (errno)
			fprintf(stderr, ": cannot read: %s\n", strerror(errno));
		else
			fputs(": not a regular file of at most 256 MiB\n",
			      stderr);
	}
	buf_release(&text);
	buf_release(&err);
	return rc == 0 ? 0 : rc == FK_ENOMEM ? EXIT_RUNTIME : EXIT_USAGE;
}

int run_config_load(struct run_opts *o, const char *root)
{
	struct buf path = BUF_INIT, err = BUF_INIT;
	int rc;

	if ((rc = baseline_load(o)))
		return rc;
	if (!o->config_file && !root)
		return 0;
	if (o->config_file)
		rc = config_load(&o->config, o->config_file, NULL, &err);
	else if (buf_addf(&path, "%s.fkaudit.json", root) == 0)
		rc = config_load(&o->config, buf_str(&path), ".fkaudit.json",
				 &err);
	else
		rc = FK_ENOMEM;
	if (rc == CONFIG_MISSING && o->config_file) {
		fputs("fkaudit: --config ", stderr);
		put_shown(stderr, o->config_file);
		fputs(": no such file\n", stderr);
	} else if (rc == FK_ECONFIG)
		fprintf(stderr, "fkaudit: %s\n", buf_str(&err));
	else if (rc == FK_ENOMEM)
		fprintf(stderr, "fkaudit: out of memory\n");
	buf_release(&path);
	buf_release(&err);
	if (rc == FK_ENOMEM)
		return EXIT_RUNTIME;
	/* the audit reads migrations, exclude, framework, transaction, seed */
	o->audit.config = &o->config;
	return rc == 0 || (rc == CONFIG_MISSING && !o->config_file)
		       ? 0
		       : EXIT_USAGE;
}

void run_opts_release(struct run_opts *o)
{
	config_release(&o->config);
	baseline_release(&o->baseline);
}

int run_opts_getopt(int argc, char **argv, struct run_opts *o, const char *cmd,
		    const char *usage, const struct option *longopts,
		    int (*extra)(void *ctx, int code, const char *arg),
		    void *ctx)
{
	int c, r;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":C:ho:q", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(usage, stdout);
			return 1;
		case '?':
			usage_error(cmd, "unknown option '%s'",
				    argv[optind - 1]);
			return -1;
		case ':':
			usage_error(cmd, "option '%s' needs a value",
				    argv[optind - 1]);
			return -1;
		default:
			r = run_opts_parse(o, cmd, c, optarg);
			if (r == 0 && extra)
				r = extra(ctx, c, optarg);
			if (r == 0) {
				usage_error(cmd, "unknown option '%s'",
					    argv[optind - 1]);
				return -1;
			}
			if (r < 0)
				return -1;
		}
	}
	return 0;
}

bool output_needs_vcs(const struct output_opts *o)
{
	return o->sarif || strcmp(o->format, "sarif") == 0 ||
	       strcmp(o->format, "github") == 0;
}

static bool use_color(enum color_when when, bool to_stdout)
{
	const char *no_color = getenv("NO_COLOR");
	const char *term = getenv("TERM");

	if ((no_color && *no_color) || !to_stdout)
		return false;
	if (when != COLOR_AUTO)
		return when == COLOR_ALWAYS;
	return isatty(STDOUT_FILENO) && !(term && strcmp(term, "dumb") == 0);
}

static int exit_code(const struct result *res, enum level fail_level)
{
	bool not_found = false, failed = false;
	size_t i;

	for (i = 0; i < res->nfiles; i++) {
		not_found |= res->files[i].status == FILE_NOT_FOUND;
		failed |= res->files[i].status != FILE_AUDITED &&
			  res->files[i].status != FILE_SKIPPED &&
			  !res->files[i].gone;
	}
	if (not_found)
		return EXIT_USAGE;
	if (failed)
		return EXIT_RUNTIME;
	if (fail_level != LEVEL_NONE && result_max_level(res) >= fail_level)
		return EXIT_FINDINGS;
	return EXIT_CLEAN;
}

static bool all_paths_read(const struct result *res)
{
	size_t i;

	for (i = 0; i < res->nfiles; i++)
		if (res->files[i].status == FILE_NOT_FOUND ||
		    res->files[i].status == FILE_UNREADABLE)
			return false;
	return true;
}

static mode_t current_umask(void)
{
	mode_t m = umask(0);

	umask(m);
	return m;
}

/*
 * A report to something that is not a regular file (/dev/null, a pipe,
 * a terminal) is written in place: renaming over it would replace the
 * device with a file.
 */
/*
 * Writes the report to `f` and closes it. Returns 0, or the errno of
 * the failure (-1 when the reporter gave none).
 */
static int emit_close(FILE *f, const struct reporter *rep,
		      const struct result *res, const struct report_opts *ro)
{
	int err = rep->emit(res, ro, f), saved = errno;

	if (fclose(f) != 0 && !err) {
		saved = errno;
		err = -1;
	}
	return err ? (saved ? saved : -1) : 0;
}

/*
 * A relative report path is the current folder's: after -C DIR, DIR's,
 * as in git. The message names the folder, so the path can be found.
 */
static int write_error(const char *path, int saved)
{
	char cwd[4096];

	fputs("fkaudit: cannot write '", stderr);
	put_shown(stderr, path);
	fputc('\'', stderr);
	if (path[0] != '/' && getcwd(cwd, sizeof(cwd))) {
		fputs(" (relative to ", stderr);
		put_shown(stderr, cwd);
		fputc(')', stderr);
	}
	fprintf(stderr, ": %s\n", saved > 0 ? strerror(saved) : "write error");
	return -1;
}

static int write_special(const char *path, const struct reporter *rep,
			 const struct result *res, const struct report_opts *ro)
{
	FILE *f = fopen(path, "w");
	int saved = f ? emit_close(f, rep, res, ro) : errno;

	return saved ? write_error(path, saved) : 0;
}

/*
 * Writes one report to `path` through a temporary file and rename(), so
 * that it is whole or absent. A symbolic link is followed: the file it
 * names is replaced, not the link.
 */
static int write_file(const char *path, const struct reporter *rep,
		      const struct result *res, const struct report_opts *ro)
{
	struct stat st;
	char *real = NULL;
	FILE *f = NULL;
	int fd = -1, slot, saved = 0;

	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) &&
	    !S_ISDIR(st.st_mode))
		return write_special(path, rep, res, ro);
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) &&
	    (real = realpath(path, NULL)))
		path = real;
	/* recorded, so that SIGINT or SIGTERM removes it (report_tmp.h) */
	if ((slot = report_tmp_create(path, &fd)) < 0 ||
	    !(f = fdopen(fd, "w"))) {
		saved = errno;
		if (slot >= 0) {
			close(fd);
			report_tmp_finish(slot, NULL);
		}
		goto done;
	}
	fchmod(fd, 0666 & ~current_umask()); /* mkstemp() made it 0600 */
	saved = emit_close(f, rep, res, ro);
	if (saved)
		report_tmp_finish(slot, NULL);
	else
		saved = report_tmp_finish(slot, path);
done:
	if (saved)
		write_error(path, saved);
	free(real);
	return saved ? -1 : 0;
}

/*
 * The report on standard output. A reader that goes away (EPIPE, as
 * after `| head -1`; SIGPIPE is ignored) ends the report, and is not a
 * failure. After a failure what is still buffered goes to /dev/null,
 * so that main()'s final check of stdout says nothing more. Returns 0,
 * or 1 after a message.
 */
static int emit_stdout(const struct reporter *rep, const struct result *res,
		       const struct report_opts *ro)
{
	int err = rep->emit(res, ro, stdout), saved, fd;

	if (fflush(stdout) == 0 && !err && !ferror(stdout))
		return 0;
	saved = errno;
	if (saved != EPIPE)
		fprintf(stderr,
			"fkaudit: cannot write the report to standard output: "
			"%s\n",
			saved ? strerror(saved) : "write error");
	if ((fd = open("/dev/null", O_WRONLY)) >= 0) {
		dup2(fd, STDOUT_FILENO);
		close(fd);
		clearerr(stdout);
		fflush(stdout);
	}
	return saved != EPIPE;
}

int run_finish(const char *cmd, int err, const char *msg, struct result *res,
	       const struct run_opts *o, const struct vcs_info *vcs)
{
	if (err == FK_ENOMEM) {
		fprintf(stderr, "fkaudit %s: out of memory\n", cmd);
		return EXIT_RUNTIME;
	}
	if (err < 0) {
		/* a repository error names its paths */
		fprintf(stderr, "fkaudit %s: ", cmd);
		put_shown(stderr, msg);
		fputc('\n', stderr);
		return EXIT_RUNTIME;
	}
	config_apply_levels(&o->config, res);
	result_sort(res);
	if (o->baseline_file && baseline_apply(&o->baseline, res) < 0) {
		fprintf(stderr, "fkaudit %s: out of memory\n", cmd);
		return EXIT_RUNTIME;
	}
	return output_finish(res, &o->out, vcs, &o->config);
}

int output_finish(const struct result *res, const struct output_opts *o,
		  const struct vcs_info *vcs, const struct config *cfg)
{
	struct report_opts ro = {
		use_color(o->color, !o->output),
		o->include_suppressed,
		o->sarif_category,
		vcs,
		exit_code(res, o->fail_level),
		all_paths_read(res),
		getenv("GITHUB_STEP_SUMMARY"),
		o->sarif_fixed,
		cfg,
	};
	const struct reporter *rep = reporter_find(o->format);
	int failed = 0;

	report_tmp_arm();
	/* the files first: a reader of stdout that stops must not lose them */
	if (o->output)
		failed |= write_file(o->output, rep, res, &ro);
	if (o->sarif)
		failed |=
			write_file(o->sarif, reporter_find("sarif"), res, &ro);
	if (o->junit)
		failed |=
			write_file(o->junit, reporter_find("junit"), res, &ro);
	if (o->json)
		failed |= write_file(o->json, reporter_find("json"), res, &ro);
	report_tmp_disarm();
	if (!o->output)
		failed |= emit_stdout(rep, res, &ro);
	return failed ? EXIT_RUNTIME : ro.exit_code;
}
