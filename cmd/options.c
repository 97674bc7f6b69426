#include "options.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "reporter.h"

void usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "fkaudit %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'fkaudit %s --help'.\n", cmd);
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
		if (strcmp(arg, "auto") == 0)
			o->color = COLOR_AUTO;
		else if (strcmp(arg, "always") == 0)
			o->color = COLOR_ALWAYS;
		else if (strcmp(arg, "never") == 0)
			o->color = COLOR_NEVER;
		else {
			usage_error(cmd,
				    "--color takes auto, always or never, not "
				    "'%s'",
				    arg);
			return -1;
		}
		return 1;
	case OPT_FORMAT:
		if (reporter_find(arg)) {
			o->format = arg;
			return 1;
		}
		usage_error(cmd, "unknown format '%s' (known: text)", arg);
		return -1;
	default:
		return 0;
	}
}

static bool use_color(enum color_when when)
{
	const char *no_color = getenv("NO_COLOR");
	const char *term = getenv("TERM");

	if (no_color && *no_color)
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
		failed |= res->files[i].status != FILE_AUDITED;
	}
	if (not_found)
		return EXIT_USAGE;
	if (failed)
		return EXIT_RUNTIME;
	if (fail_level != LEVEL_NONE && result_max_level(res) >= fail_level)
		return EXIT_FINDINGS;
	return EXIT_CLEAN;
}

int output_finish(const struct result *res, const struct output_opts *o)
{
	const struct reporter *rep = reporter_find(o->format);
	struct report_opts ro = { use_color(o->color), FKAUDIT_VERSION };

	if (!rep || rep->emit(res, &ro, stdout) < 0) {
		fprintf(stderr, "fkaudit: cannot write the report\n");
		return EXIT_RUNTIME;
	}
	return exit_code(res, o->fail_level);
}
