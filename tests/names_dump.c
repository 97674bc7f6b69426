/*
 * names_dump FILE...: replays the SQL files in order, as one deploy, and
 * prints the name of every index and foreign key of the tables they
 * create, one "index NAME" or "fkey NAME" per line: the names fkaudit
 * gives them. tests/pg_names.sh compares them with PostgreSQL's.
 */
#include <stdio.h>
#include <stdlib.h>

#include "audit.h"
#include "buf.h"
#include "error.h"
#include "fs_source.h"
#include "replay.h"
#include "result.h"
#include "statements.h"

static void print_indexes(const struct replay *r, const char *text, size_t len)
{
	struct statements s;
	const struct table_state *t;
	const struct index_state *x;
	size_t i;

	if (statements_build(&s, text, len) < 0)
		return;
	for (i = 0; i < s.n; i++) {
		if (s.v[i].kind != STMT_CREATE_TABLE ||
		    !(t = replay_find_table(r, &s.v[i].table)))
			continue;
		for (x = t->indexes; x; x = x->next)
			if (!x->dropped)
				printf("index %s\n", x->name);
	}
	statements_release(&s);
}

int main(int argc, char **argv)
{
	struct replay r;
	struct result res;
	struct audit_opts opts = AUDIT_OPTS_INIT;
	struct buf *texts = calloc((size_t)argc, sizeof(*texts));
	static char empty[1];
	const struct fk_state *f;
	int i, status = 0;

	if (!texts)
		return 2;
	replay_init(&r);
	result_init(&res);
	opts.schema = &r;
	replay_begin_deploy(&r);
	for (i = 1; i < argc && status == 0; i++) {
		if (fs_read_small(argv[i], (size_t)64 << 20, &texts[i]) !=
			    FK_FOUND ||
		    audit_text(&res, argv[i],
			       texts[i].ptr ? texts[i].ptr : empty,
			       texts[i].len, &opts) < 0) {
			fprintf(stderr, "names_dump: cannot audit %s\n",
				argv[i]);
			status = 2;
		}
	}
	for (i = 1; i < argc && status == 0; i++)
		print_indexes(&r, texts[i].ptr ? texts[i].ptr : "",
			      texts[i].len);
	for (f = r.fk_first; f && status == 0; f = f->next)
		if (!f->dropped)
			printf("fkey %s\n", f->name);
	for (i = 1; i < argc; i++)
		buf_release(&texts[i]);
	free(texts);
	result_release(&res);
	replay_release(&r);
	return status;
}
