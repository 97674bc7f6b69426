/* fkaudit: the entry point and the table of subcommands. */
#include <errno.h>
#include <pg_query.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "options.h"

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{ "check", cmd_check, "audit SQL migration files and folders" },
	{ "diff", cmd_diff,
	  "audit the migrations a branch adds or edits (pull requests)" },
	{ "history", cmd_history,
	  "audit every commit's migrations; who introduced what, and when" },
	{ "detect", cmd_detect,
	  "show which files are taken as which framework's migrations, and "
	  "why" },
	{ "sql", cmd_sql,
	  "print the SQL each migration runs, as fkaudit audits it" },
	{ "rules", cmd_rules, "list the rules" },
	{ "explain", cmd_explain, "show one rule's documentation" },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void print_help(FILE *out)
{
	size_t i;

	fputs("usage: fkaudit <command> [options] [args]\n"
	      "\n"
	      "Audits PostgreSQL migrations for foreign-key changes that lock\n"
	      "production tables: validating ADD FOREIGN KEY, REFERENCES on a\n"
	      "new column, VALIDATE in the same transaction, missing\n"
	      "lock_timeout, non-concurrent indexes, CONCURRENTLY inside a\n"
	      "transaction.\n"
	      "\n"
	      "Commands:\n",
	      out);
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-9s %s\n", commands[i].name,
			commands[i].summary);
	fputs("\n'fkaudit <command> --help' describes a command's options.\n"
	      "  -C DIR         run as if started in DIR (before the command): "
	      "relative\n"
	      "                 paths, report files included, are DIR's, as "
	      "in git\n"
	      "  -h, --help     show this help\n"
	      "  -V, --version  show the version\n",
	      out);
}

static const struct command *find(const char *name)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static int dispatch(int argc, char **argv)
{
	const struct command *cmd;

	/* -C DIR before the command, as in git; may be repeated */
	while (argc >= 2 && strcmp(argv[1], "-C") == 0) {
		if (argc < 3) {
			fprintf(stderr, "fkaudit: -C needs a folder\n");
			return EXIT_USAGE;
		}
		if (chdir(argv[2]) != 0) {
			fputs("fkaudit: cannot change to '", stderr);
			put_shown(stderr, argv[2]);
			fprintf(stderr, "': %s\n", strerror(errno));
			return EXIT_USAGE;
		}
		argv[2] = argv[0];
		argc -= 2;
		argv += 2;
	}
	if (argc < 2) {
		print_help(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "help")) {
		if (argc > 2 && strcmp(argv[1], "help") == 0 &&
		    (cmd = find(argv[2]))) {
			char *args[] = { argv[2], "--help", NULL };

			return cmd->fn(2, args);
		}
		print_help(stdout);
		return EXIT_CLEAN;
	}
	if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version")) {
		printf("fkaudit %s (PostgreSQL %s grammar)\n", FKAUDIT_VERSION,
		       PG_VERSION);
		return EXIT_CLEAN;
	}
	if (!(cmd = find(argv[1]))) {
		fprintf(stderr,
			"fkaudit: unknown command '%s'\nTry 'fkaudit "
			"--help'.\n",
			argv[1]);
		return EXIT_USAGE;
	}
	return cmd->fn(argc - 1, argv + 1);
}

int main(int argc, char **argv)
{
	int code;

	/*
	 * A reader of stdout that stops early (| head -1) must not kill the
	 * run before the report files are written: a write then fails with
	 * EPIPE, which ends the text report (options.c: emit_stdout()).
	 */
	signal(SIGPIPE, SIG_IGN);
	/* pg_query_exit() crashes unless libpg_query was set up first */
	pg_query_init();
	code = dispatch(argc, argv);
	pg_query_exit();
	/* a full disk must not pass for a clean audit */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "fkaudit: write error on standard output\n");
		code = EXIT_RUNTIME;
	}
	return code;
}
