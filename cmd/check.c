/* fkaudit check: audit SQL files and folders of the file system. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "cmd.h"
#include "fs_source.h"
#include "options.h"
#include "error.h"
#include "vcs.h"

#define DEFAULT_MAX_FILE_SIZE ((size_t)256 << 20)

static const char usage[] =
	"usage: fkaudit check [options] [PATH...]\n"
	"\n"
	"Audits SQL migration files for unsafe foreign-key changes. A folder\n"
	"stands for the .sql files under it; '-' reads standard input; no\n"
	"PATH means the current folder.\n"
	"\n"
	"Options:\n"
	"  --assume-transaction each file runs in one transaction, as most\n"
	"                       migration runners do (goose, Flyway, sqlx, …)\n"
	"  --stdin-path NAME    the name to report standard input under\n"
	"                       (default: <stdin>)\n"
	"  --max-file-size SIZE skip larger files, with an error (default\n"
	"                       256M; suffixes K, M, G)\n"
	"  -h, --help           show this help\n"
	"\n" OUTPUT_HELP
	"\n"
	"Exit status: 0 no findings at or above --fail-level, 1 findings,\n"
	"2 usage error or a PATH that does not exist, 3 a file could not be\n"
	"audited.\n";

enum { OPT_ASSUME_TX = OPT_FIRST_PRIVATE, OPT_STDIN_PATH, OPT_MAX_SIZE };

struct check_opts {
	struct output_opts out;
	struct audit_opts audit;
	const char *stdin_path;
	size_t max_size;
};

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

static int parse_args(int argc, char **argv, struct check_opts *o)
{
	static const struct option longopts[] = {
		{ "assume-transaction", no_argument, NULL, OPT_ASSUME_TX },
		{ "stdin-path", required_argument, NULL, OPT_STDIN_PATH },
		{ "max-file-size", required_argument, NULL, OPT_MAX_SIZE },
		{ "help", no_argument, NULL, 'h' },
		OUTPUT_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	int c, r;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			o->out.output = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return 1;
		case OPT_ASSUME_TX:
			o->audit.tx_mode = TX_MODE_WRAPPED;
			break;
		case OPT_STDIN_PATH:
			o->stdin_path = optarg;
			break;
		case OPT_MAX_SIZE:
			if (parse_size(optarg, &o->max_size) < 0) {
				usage_error("check", "bad --max-file-size '%s'",
					    optarg);
				return -1;
			}
			break;
		case '?':
			usage_error("check", "unknown option '%s'",
				    argv[optind - 1]);
			return -1;
		case ':':
			usage_error("check", "option '%s' needs a value",
				    argv[optind - 1]);
			return -1;
		default:
			r = output_opts_parse(&o->out, "check", c, optarg);
			if (r <= 0)
				return -1;
		}
	}
	return 0;
}

static int audit_all(struct fs_source *src, struct result *res,
		     const struct audit_opts *opts)
{
	struct source_item item;
	int r;

	while ((r = fs_source_next(src, &item)) == 1) {
		if (item.data) {
			r = audit_text(res, item.path, item.data, item.len,
				       opts);
		} else {
			r = result_add_problem(res, item.path, item.status,
					       item.problem ? item.problem
							    : "not audited");
		}
		source_item_release(&item);
		if (r < 0)
			return r;
	}
	return r;
}

int cmd_check(int argc, char **argv)
{
	struct check_opts o = { OUTPUT_OPTS_INIT, AUDIT_OPTS_INIT, "<stdin>",
				DEFAULT_MAX_FILE_SIZE };
	static const char *const here[] = { "." };
	struct fs_source src;
	struct result res;
	struct vcs_info vcs = { 0 };
	int r, code = EXIT_RUNTIME;

	if ((r = parse_args(argc, argv, &o)) != 0)
		return r > 0 ? EXIT_CLEAN : EXIT_USAGE;
	o.audit.tx_runner = "--assume-transaction puts";
	o.audit.tx_opt_out = "run it alone, in a migration that the runner "
			     "does not wrap in a transaction";
	result_init(&res);
	if (optind < argc)
		r = fs_source_open(&src, (const char *const *)argv + optind,
				   (size_t)(argc - optind), o.max_size,
				   o.stdin_path, stdin);
	else
		r = fs_source_open(&src, here, 1, o.max_size, o.stdin_path,
				   stdin);
	if (r == 0)
		r = audit_all(&src, &res, &o.audit);
	if (r < 0) {
		fprintf(stderr, "fkaudit check: out of memory\n");
		goto done;
	}
	result_sort(&res);
	if (output_needs_vcs(&o.out) && vcs_describe(&vcs, ".") < 0) {
		fprintf(stderr, "fkaudit check: out of memory\n");
		goto done;
	}
	code = output_finish(&res, &o.out, &vcs);
done:
	vcs_info_release(&vcs);
	fs_source_release(&src);
	result_release(&res);
	return code;
}
