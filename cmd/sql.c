/*
 * fkaudit sql: the SQL fkaudit audits for each migration, as its
 * framework sends it: the statements in the order they run, where each
 * comes from in the file, and the transactions around them.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "error.h"
#include "linemap.h"
#include "options.h"
#include "statements.h"
#include "vcs.h"

static const char usage[] =
	"usage: fkaudit sql [options] [PATH...]\n"
	"\n"
	"Prints the SQL that `fkaudit check` audits for the migrations under\n"
	"PATH (default: the current folder), in the order their frameworks\n"
	"apply them: for a framework whose migrations are not SQL (Django),\n"
	"the SQL its reader builds. Each statement is preceded by a comment\n"
	"giving its place in the file (line:column-line:column; for a built\n"
	"statement, the operation it comes from); a transaction the framework\n"
	"opens is shown as BEGIN; … COMMIT; with a comment saying who opens\n"
	"it. Files that do not run forward are named with what they are. The\n"
	"output is itself SQL.\n"
	"\n"
	"Options:\n"
	"  -C DIR               run as if started in DIR\n"
	"  --config FILE        read the configuration from FILE (default:\n"
	"                       .fkaudit.json at the repository root)\n"
	"  --assume-transaction each plain SQL file runs in one transaction\n"
	"  --max-file-size SIZE skip larger files, with an error (default\n"
	"                       256M; suffixes K, M, G)\n"
	"  --stdin-path NAME    the name standard input ('-') stands for\n"
	"  -h, --help           show this help\n"
	"\n"
	"Exit status: 0; 2 on a usage error or a PATH that does not exist; 3\n"
	"when a file could not be read.\n";

enum { OPT_STDIN_PATH = OPT_FIRST_PRIVATE };

static int parse_own(void *ctx, int code, const char *arg)
{
	const char **stdin_path = ctx;

	if (code != OPT_STDIN_PATH)
		return 0;
	*stdin_path = arg;
	return 1;
}

static const char *role_words(enum migration_role role)
{
	switch (role) {
	case ROLE_UP:
		return "runs forward";
	case ROLE_DOWN:
		return "a rollback: never runs forward";
	case ROLE_SEED:
		return "a schema dump: only seeds the schema state";
	case ROLE_SKIP:
		return "never run by its framework";
	case ROLE_OTHER_DB:
		return "another database's migration: not audited";
	}
	return "?";
}

/* The words after "BEGIN; -- " for a transaction fkaudit infers. */
static void put_opened(const struct tx *t)
{
	if (t->source == TX_IMPLICIT) {
		fputs("one string: PostgreSQL runs it as one implicit "
		      "transaction",
		      stdout);
		if (t->runner) {
			fputs(" (", stdout);
			put_shown(stdout, t->runner);
			fputs(")", stdout);
		}
	} else {
		fputs("the transaction that ", stdout);
		put_shown(stdout,
			  t->runner ? t->runner : "the migration runner opens");
	}
	putchar('\n');
}

static bool inferred(const struct tx *t)
{
	return t->source == TX_WRAPPED || t->source == TX_IMPLICIT;
}

static void planned(void *ctx, const struct audit_planned *p)
{
	const struct stmt *v = p->stmts ? p->stmts->v : NULL;
	size_t n = p->stmts ? p->stmts->n : 0, i;
	const struct tx *open = NULL;

	(void)ctx;
	fputs("-- ", stdout);
	put_shown(stdout, p->path);
	printf(": %s, %s%s\n",
	       p->info->framework ? p->info->framework : "plain SQL",
	       role_words(p->info->role),
	       p->info->fresh_only ? ", only on a fresh database (it replaces "
				     "migrations: a squash)"
				   : "");
	if (p->notes && p->notes[0]) {
		fputs("-- ", stdout);
		put_shown(stdout, p->notes + strspn(p->notes, "; "));
		putchar('\n');
	}
	for (i = 0; i < n; i++) {
		const struct tx *t = &p->txs[i];
		uint32_t line, col, eline, ecol;

		if (v[i].in_do)
			continue; /* it runs as part of its DO statement */
		if (open && open->id != t->id) {
			fputs("COMMIT;\n", stdout);
			open = NULL;
		}
		if (!open && inferred(t)) {
			fputs("BEGIN; -- ", stdout);
			put_opened(t);
			open = t;
		}
		linemap_locate_span(p->lines, v[i].span.start, v[i].span.end,
				    &line, &col, &eline, &ecol);
		printf("-- %u:%u-%u:%u\n", line, col, eline, ecol);
		fwrite(p->sql + v[i].span.start, 1,
		       v[i].span.end - v[i].span.start, stdout);
		fputs(";\n", stdout);
	}
	if (open)
		fputs("COMMIT;\n", stdout);
	putchar('\n');
}

/* The files that could not be read, on standard error; the exit code. */
static int say_problems(const struct result *res)
{
	int code = EXIT_CLEAN;
	size_t i;

	for (i = 0; i < res->nfiles; i++) {
		const struct file_result *f = &res->files[i];

		if (f->status == FILE_AUDITED || f->status == FILE_SKIPPED)
			continue;
		put_shown(stderr, f->path);
		fputs(": error: ", stderr);
		put_shown(stderr, f->problem ? f->problem : "not read");
		fputc('\n', stderr);
		if (f->status == FILE_NOT_FOUND && code == EXIT_CLEAN)
			code = EXIT_USAGE;
		else if (f->status != FILE_NOT_FOUND)
			code = EXIT_RUNTIME;
	}
	return code;
}

int cmd_sql(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "stdin-path", required_argument, NULL, OPT_STDIN_PATH },
		{ "assume-transaction", no_argument, NULL, OPT_ASSUME_TX },
		{ "max-file-size", required_argument, NULL, OPT_MAX_SIZE },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct audit_observer observer = { planned, NULL };
	struct run_opts o = RUN_OPTS_INIT;
	const char *stdin_path = "<stdin>";
	struct result res;
	struct vcs_info vcs = { 0 };
	int r, code;

	r = run_opts_getopt(argc, argv, &o, "sql", usage, longopts, parse_own,
			    &stdin_path);
	if (r != 0)
		return r > 0 ? EXIT_CLEAN : EXIT_USAGE;
	result_init(&res);
	o.audit.observer = &observer;
	r = check_walk_run(&o, argc, argv, stdin_path, &vcs, &res, false,
			   &code);
	if (code == 0 && r < 0) {
		fprintf(stderr, "fkaudit sql: out of memory\n");
		code = EXIT_RUNTIME;
	} else if (code == 0) {
		code = say_problems(&res);
	}
	vcs_info_release(&vcs);
	result_release(&res);
	run_opts_release(&o);
	return code;
}
