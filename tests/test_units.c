/* Unit tests of the core: positions, splitting, statements, plan. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "framework.h"
#include "lex.h"
#include "linemap.h"
#include "plan.h"
#include "qname.h"
#include "replay.h"
#include "srcmap.h"
#include "split.h"
#include "statements.h"
#include "utf8.h"
#include "vcs.h"

Test(utf8, columns_and_pg_offsets)
{
	cr_expect_eq(utf8_columns("abc", 3), 3);
	cr_expect_eq(utf8_columns("h\xc3\xa9\xf0\x9f\x98\x80!", 8), 4);
	cr_expect_eq(utf8_columns("\xff\xfe", 2), 2, "one per bad byte");
	cr_expect_eq(utf8_columns("\xe2\x82", 2), 2, "truncated sequence");
	cr_expect_eq(utf8_columns("\xed\xa0\x80", 3), 3, "surrogate");
	/* libpg_query counts characters by lead byte */
	cr_expect_eq(utf8_pg_char_offset("\xc3\xa9x", 3, 1), 2);
	cr_expect_eq(utf8_pg_char_offset("ab", 2, 5), 2, "clamped");
}

Test(utf8, clean_by_flags)
{
	static const char in[] = "a\tb\n\x01\xff\xef\xbf\xbe";
	char *json = utf8_clean(in, sizeof(in) - 1, 0);
	char *xml = utf8_clean(in, sizeof(in) - 1, UTF8_CLEAN_XML);
	char *term = utf8_clean(in, sizeof(in) - 1,
				UTF8_CLEAN_CONTROLS | UTF8_CLEAN_KEEP_TAB);
	char *line = utf8_clean(in, sizeof(in) - 1, UTF8_CLEAN_CONTROLS);

	/* U+FFFD is EF BF BD */
	cr_expect_str_eq(json, "a\tb\n\x01\xef\xbf\xbd\xef\xbf\xbe");
	cr_expect_str_eq(xml, "a\tb\n\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	cr_expect_str_eq(term, "a\tb\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
			       "\xef\xbf\xbe");
	cr_expect_str_eq(line, "a\xef\xbf\xbd"
			       "b\xef\xbf\xbd\xef\xbf\xbd"
			       "\xef\xbf\xbd\xef\xbf\xbe");
	free(json);
	free(xml);
	free(term);
	free(line);
}

/* snprintf() of a text the compiler does not see, then utf8_fit(). */
static __attribute__((noinline)) void fit(char *b, size_t size, const char *s)
{
	utf8_fit(b, size, snprintf(b, size, "%s", s));
}

/* Text cut in a fixed buffer ends on a character, with "…". */
Test(utf8, fit_cuts_at_a_character)
{
	char b[10];
	struct migration_info info = { 0 };
	size_t i, n;

	fit(b, sizeof(b), "abc");
	cr_expect_str_eq(b, "abc", "fits: whole");
	fit(b, sizeof(b), "abcd\xc3\xa9\xc3\xa9xyz");
	cr_expect_str_eq(b, "abcd\xc3\xa9\xe2\x80\xa6");
	fit(b, sizeof(b), "abcde\xc3\xa9\xc3\xa9xyz");
	cr_expect_str_eq(b, "abcde\xe2\x80\xa6", "not inside the \xc3\xa9");
	fit(b, sizeof(b), "\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80");
	cr_expect_str_eq(b, "\xf0\x9f\x98\x80\xe2\x80\xa6");
	for (i = 0; i < 400; i++)
		migration_why_addf(&info, "\xc3\xa9");
	n = strlen(info.why);
	cr_expect_lt(n, sizeof(info.why));
	cr_expect_str_eq(info.why + n - 5, "\xc3\xa9\xe2\x80\xa6");
}

Test(linemap, lines_columns_crlf_bom)
{
	static const char text[] = "ab\r\n\xc3\xa9\tx\n\nlast";
	struct linemap m;
	uint32_t line, col;
	size_t s, e;

	cr_assert(linemap_init(&m, text, sizeof(text) - 1) == 0);
	linemap_locate(&m, 1, &line, &col);
	cr_expect(line == 1 && col == 2);
	linemap_locate(&m, 7, &line, &col); /* the x after é and a tab */
	cr_expect(line == 2 && col == 3, "got %u:%u", line, col);
	linemap_locate(&m, 10, &line, &col);
	cr_expect(line == 4 && col == 1);
	linemap_line(&m, 1, &s, &e);
	cr_expect(s == 0 && e == 2, "CR is not part of the line");
	/* the CR and the LF of a line end are both where the line ends */
	linemap_locate(&m, 2, &line, &col);
	cr_expect(line == 1 && col == 3, "CR: got %u:%u", line, col);
	linemap_locate(&m, 3, &line, &col);
	cr_expect(line == 1 && col == 3, "LF after CR: got %u:%u", line, col);
	linemap_release(&m);
	cr_assert(linemap_init(&m, "\xef\xbb\xbfSELECT", 9) == 0);
	linemap_locate(&m, 3, &line, &col);
	cr_expect(line == 1 && col == 1, "a BOM is no column");
	linemap_release(&m);
}

/*
 * A span of a built text never ends before it starts in the source: not
 * when it is empty at the start of a segment (the segment before it ends
 * on an earlier line), nor when it covers segments out of source order.
 */
Test(linemap, built_span_never_ends_before_it_starts)
{
	static const char src[] = "a\n   bcdef\n";
	struct srcmap map = SRCMAP_INIT;
	struct linemap m;
	uint32_t line, col, eline, ecol;
	size_t s, e;

	cr_assert(linemap_init(&m, src, sizeof(src) - 1) == 0);
	cr_assert(srcmap_add(&map, 0, 1, 0, 1, true) == 0);  /* a */
	cr_assert(srcmap_add(&map, 1, 5, 5, 5, true) == 0);  /* bcdef */
	cr_assert(srcmap_add(&map, 6, 1, 0, 1, false) == 0); /* a again */
	m.origin = &map;
	linemap_source_span(&m, 1, 1, &s, &e);
	cr_expect(s == 5 && e == 5, "empty span at a segment: [%zu, %zu)", s,
		  e);
	linemap_locate_span(&m, 1, 1, &line, &col, &eline, &ecol);
	cr_expect(line == 2 && col == 4 && eline == 2 && ecol == 4,
		  "got %u:%u-%u:%u", line, col, eline, ecol);
	linemap_source_span(&m, 2, 7, &s, &e);
	cr_expect(s == 6 && e >= s, "out of source order: [%zu, %zu)", s, e);
	linemap_source_span(&m, 0, 3, &s, &e);
	cr_expect(s == 0 && e == 7, "in order: [%zu, %zu)", s, e);
	srcmap_release(&map);
	linemap_release(&m);
}

static void split(const char *sql, struct span_list *out)
{
	memset(out, 0, sizeof(*out));
	cr_assert(split_sql(sql, strlen(sql), out) == 0);
}

Test(split, recovers_after_unterminated_quote)
{
	static const char sql[] = "SELECT 1; SELECT 'x;\nSELECT 3;";
	struct span_list l;

	split(sql, &l);
	cr_assert_eq(l.n, 2);
	cr_expect_eq(l.v[0].end, 8);
	cr_expect_eq(l.v[1].start, 9, "the broken statement starts after ;");
	cr_expect_eq(l.v[1].end, sizeof(sql) - 1, "and runs to the end");
	span_list_release(&l);
}

Test(split, resumes_after_other_scanner_errors)
{
	static const char sql[] =
		"SELECT U&'\\zz'; ALTER TABLE a ADD FOREIGN KEY (b) "
		"REFERENCES c (id);";
	struct span_list l;

	split(sql, &l);
	cr_assert_eq(l.n, 2, "got %zu", l.n);
	cr_expect(strncmp(sql + l.v[1].start, " ALTER TABLE", 12) == 0);
	span_list_release(&l);
}

Test(split, begin_atomic_body_is_one_statement)
{
	static const char sql[] =
		"CREATE FUNCTION f() RETURNS int LANGUAGE sql "
		"BEGIN ATOMIC SELECT 1; SELECT 2; END; COMMIT;";
	struct span_list l;

	split(sql, &l);
	cr_assert_eq(l.n, 2, "got %zu", l.n);
	cr_expect(strncmp(sql + l.v[1].start, " COMMIT", 7) == 0);
	span_list_release(&l);
}

static void build(const char *sql, struct statements *out)
{
	cr_assert(statements_build(out, sql, strlen(sql)) == 0);
}

Test(statements, spans_comments_and_marks)
{
	static const char sql[] = "-- lead\n"
				  "SELECT 1; -- fkaudit:ignore FK001 trailing\n"
				  "/* fkaudit:ignore FK006 */\n"
				  "CREATE INDEX i ON t (a);\n"
				  "-- fkaudit:ignore-file FK004 at the end\n";
	struct statements s;

	build(sql, &s);
	cr_assert_eq(s.n, 2);
	cr_expect_eq(s.v[0].span.start, 8);
	cr_expect_eq(s.v[0].span.end, 16, "no ';' in the span");
	cr_expect_eq(s.v[1].kind, STMT_CREATE_INDEX);
	cr_assert_eq(s.nmarks, 3);
	cr_expect_eq(s.marks[0].stmt, 0, "same line after ';': previous");
	cr_expect_eq(s.marks[1].stmt, 1, "the line before: next");
	cr_expect_eq(s.marks[2].stmt, SIZE_MAX, "after the last statement");
	statements_release(&s);
}

Test(statements, parse_error_position_in_bytes)
{
	static const char sql[] = "SELECT 1;\n-- caf\xc3\xa9\nSELEC 2;";
	struct statements s;

	build(sql, &s);
	cr_assert_eq(s.n, 2);
	cr_expect(s.v[0].parsed);
	cr_expect(!s.v[1].parsed);
	cr_expect_eq(s.v[1].error_off, 19, "the byte offset of SELEC");
	cr_expect(strstr(s.v[1].error, "syntax error at or near \"SELEC\""));
	statements_release(&s);
}

/* A token at offset 0 (left out of the protobuf) keeps its base. */
Test(lex, token_at_offset_zero)
{
	struct token_list toks = { 0 };

	cr_assert(lex_scan(&toks, "SELECT 1", 8, 100) == 0);
	cr_assert_eq(toks.n, 2);
	cr_expect_eq(toks.v[0].start, 100);
	cr_expect_eq(toks.v[0].end, 106);
	cr_expect_eq(toks.v[1].start, 107);
	token_list_release(&toks);
}

Test(statements, right_after_semicolon)
{
	static const char sql[] = "SELECT 1;CREATE INDEX i ON t (a);"
				  "-- fkaudit:ignore FK006 r";
	struct statements s;

	build(sql, &s);
	cr_assert_eq(s.n, 2);
	cr_expect_eq(s.v[1].span.start, 9, "got %u", s.v[1].span.start);
	cr_expect_eq(s.v[1].lead.start, 9);
	cr_assert_eq(s.nmarks, 1);
	cr_expect_eq(s.marks[0].span.start, 33);
	cr_expect_eq(s.marks[0].span.end, sizeof(sql) - 1);
	cr_expect_eq(s.marks[0].stmt, 1, "it trails the CREATE INDEX");
	statements_release(&s);
}

static bool same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static void expect_same_fk(const char *sql, const struct fk_def *a,
			   const struct fk_def *b)
{
	size_t k;

	cr_expect(same_str(a->name, b->name), "%s: fk name", sql);
	cr_expect(same_str(a->ref_table.schema, b->ref_table.schema) &&
			  same_str(a->ref_table.name, b->ref_table.name),
		  "%s: referenced table", sql);
	cr_expect_eq(a->not_valid, b->not_valid, "%s: NOT VALID", sql);
	cr_expect_eq(a->deferrable, b->deferrable, "%s: DEFERRABLE", sql);
	cr_expect_eq(a->on_delete, b->on_delete, "%s: ON DELETE", sql);
	cr_expect_eq(a->span.start, b->span.start, "%s: fk span", sql);
	cr_expect_eq(a->ncols, b->ncols, "%s: columns", sql);
	for (k = 0; k < a->ncols && k < b->ncols; k++)
		cr_expect(same_str(a->cols[k], b->cols[k]), "%s: column", sql);
	cr_expect_eq(a->nref_cols, b->nref_cols, "%s: ref columns", sql);
}

static void expect_same_key(const char *sql, const struct key_def *a,
			    const struct key_def *b)
{
	size_t k;

	cr_expect(same_str(a->name, b->name), "%s: key name", sql);
	cr_expect_eq(a->primary, b->primary, "%s: PRIMARY KEY", sql);
	cr_expect(same_str(a->using_index, b->using_index), "%s: USING INDEX",
		  sql);
	cr_expect_eq(a->ncols, b->ncols, "%s: key columns", sql);
	for (k = 0; k < a->ncols && k < b->ncols; k++)
		cr_expect(same_str(a->cols[k], b->cols[k]), "%s: key col", sql);
}

static void expect_same(const char *sql, const struct stmt *a,
			const struct stmt *b)
{
	size_t k;

	cr_expect_eq(a->kind, b->kind, "%s: kind %d vs %d", sql, a->kind,
		     b->kind);
	cr_expect(same_str(a->table.schema, b->table.schema) &&
			  same_str(a->table.name, b->table.name),
		  "%s: table", sql);
	cr_expect_eq(a->partitioned, b->partitioned, "%s: partitioned", sql);
	cr_expect(same_str(a->partition_of.schema, b->partition_of.schema) &&
			  same_str(a->partition_of.name, b->partition_of.name),
		  "%s: PARTITION OF", sql);
	cr_expect_eq(a->ncolumns, b->ncolumns, "%s: columns", sql);
	for (k = 0; k < a->ncolumns && k < b->ncolumns; k++)
		cr_expect(same_str(a->columns[k].name, b->columns[k].name) &&
				  same_str(a->columns[k].type,
					   b->columns[k].type),
			  "%s: column %zu: %s %s vs %s %s", sql, k,
			  a->columns[k].name, a->columns[k].type,
			  b->columns[k].name, b->columns[k].type);
	cr_expect_eq(a->nkeys, b->nkeys, "%s: keys", sql);
	for (k = 0; k < a->nkeys && k < b->nkeys; k++)
		expect_same_key(sql, &a->keys[k], &b->keys[k]);
	cr_expect_eq(a->rename, b->rename, "%s: rename", sql);
	cr_expect(same_str(a->rename_from, b->rename_from) &&
			  same_str(a->rename_to, b->rename_to),
		  "%s: rename names", sql);
	cr_expect_eq(a->nfks, b->nfks, "%s: fks", sql);
	for (k = 0; k < a->nfks && k < b->nfks; k++)
		expect_same_fk(sql, &a->fks[k], &b->fks[k]);
	cr_expect_eq(a->ncmds, b->ncmds, "%s: subcommands", sql);
	for (k = 0; k < a->ncmds && k < b->ncmds; k++) {
		const struct alter_cmd *x = &a->cmds[k], *y = &b->cmds[k];

		cr_expect_eq(x->kind, y->kind, "%s: cmd %zu kind", sql, k);
		cr_expect(same_str(x->name, y->name), "%s: cmd name", sql);
		cr_expect_eq(x->span.start, y->span.start, "%s: cmd span", sql);
		cr_expect_eq(x->span.end, y->span.end, "%s: cmd end", sql);
		cr_expect_eq(x->has_fk, y->has_fk, "%s: cmd fk", sql);
		cr_expect_eq(x->has_default, y->has_default, "%s: default",
			     sql);
		if (x->has_fk && y->has_fk)
			expect_same_fk(sql, &x->fk, &y->fk);
		cr_expect(same_str(x->type, y->type), "%s: cmd type %s vs %s",
			  sql, x->type, y->type);
		cr_expect_eq(x->has_key, y->has_key, "%s: cmd key", sql);
		if (x->has_key && y->has_key)
			expect_same_key(sql, &x->key, &y->key);
	}
	cr_expect_eq(a->concurrently, b->concurrently, "%s: CONCURRENTLY", sql);
	cr_expect_eq(a->unique, b->unique, "%s: UNIQUE", sql);
	cr_expect(same_str(a->index_name, b->index_name), "%s: index", sql);
	cr_expect_eq(a->nindex_cols, b->nindex_cols, "%s: index cols", sql);
	for (k = 0; k < a->nindex_cols && k < b->nindex_cols; k++)
		cr_expect(same_str(a->index_cols[k], b->index_cols[k]),
			  "%s: index col %zu", sql, k);
	cr_expect_eq(a->nindex_colnames, b->nindex_colnames,
		     "%s: index column names", sql);
	for (k = 0; k < a->nindex_colnames && k < b->nindex_colnames; k++)
		cr_expect(same_str(a->index_colnames[k], b->index_colnames[k]),
			  "%s: index column name %s vs %s", sql,
			  a->index_colnames[k], b->index_colnames[k]);
	cr_expect_eq(a->ndrop_names, b->ndrop_names, "%s: drop names", sql);
	cr_expect(same_str(a->set_name, b->set_name), "%s: set name", sql);
	cr_expect_eq(a->set_local, b->set_local, "%s: LOCAL", sql);
	cr_expect_eq(a->set_action, b->set_action, "%s: set action", sql);
	cr_expect_eq(a->nset_values, b->nset_values, "%s: values", sql);
	for (k = 0; k < a->nset_values && k < b->nset_values; k++)
		cr_expect(same_str(a->set_values[k], b->set_values[k]),
			  "%s: value %s vs %s", sql, a->set_values[k],
			  b->set_values[k]);
	cr_expect_eq(a->chain, b->chain, "%s: AND CHAIN", sql);
}

/* Column types are named as PostgreSQL's format_type() names them. */
Test(statements, column_types)
{
	static const char sql[] =
		"CREATE TABLE t (a int, b serial, c bigserial, d int8, e "
		"varchar(255), f timestamp(3) with time zone, g numeric(10,2), "
		"h text[], i uuid, j my.dom, k smallserial, l character)";
	static const char *const want[] = {
		"integer",
		"integer",
		"bigint",
		"bigint",
		"character varying(255)",
		"timestamp(3) with time zone",
		"numeric(10,2)",
		"text[]",
		"uuid",
		NULL,
		"smallint",
		"character(1)",
	};
	struct statements s;
	size_t k;

	build(sql, &s);
	cr_assert_eq(s.v[0].ncolumns, sizeof(want) / sizeof(want[0]));
	for (k = 0; k < s.v[0].ncolumns; k++)
		cr_expect(same_str(s.v[0].columns[k].type, want[k]),
			  "column %s: %s, want %s", s.v[0].columns[k].name,
			  s.v[0].columns[k].type, want[k]);
	statements_release(&s);
}

/*
 * The token reader must learn what the parse tree tells, so that a
 * statement PostgreSQL 15 rejects loses nothing the rules need.
 */
Test(statements, tokens_agree_with_tree)
{
	static const char *const cases[] = {
		"ALTER TABLE messages ADD CONSTRAINT fk FOREIGN KEY (user_id)"
		" REFERENCES users (id)",
		"alter table if exists only \"Msg\" add foreign key (a, b) "
		"references x.y (c, d) deferrable initially deferred not valid",
		"ALTER TABLE s.t ADD CONSTRAINT c FOREIGN KEY (u) REFERENCES "
		"p ON DELETE CASCADE NOT DEFERRABLE NOT VALID, VALIDATE "
		"CONSTRAINT z, DROP CONSTRAINT IF EXISTS q",
		"ALTER TABLE t ADD COLUMN IF NOT EXISTS k int NOT NULL "
		"DEFAULT 1 REFERENCES p (id)",
		"ALTER TABLE t ADD k int DEFAULT NULL CONSTRAINT kfk "
		"REFERENCES p",
		"ALTER TABLE t ADD COLUMN k bigint, ADD CONSTRAINT u UNIQUE "
		"(k)",
		"ALTER TABLE t ALTER COLUMN u TYPE bigint, DROP COLUMN w",
		"ALTER TABLE t ALTER u SET DATA TYPE bigint USING (u + 0)",
		"ALTER TABLE t VALIDATE CONSTRAINT \"Fk\"",
		"CREATE TABLE IF NOT EXISTS s.t (id int PRIMARY KEY, u bigint "
		"CONSTRAINT c1 REFERENCES users (id) ON DELETE CASCADE, "
		"CONSTRAINT c2 FOREIGN KEY (u) REFERENCES p (id)) PARTITION BY "
		"RANGE (id)",
		"CREATE UNLOGGED TABLE t (a int REFERENCES p, b text "
		"DEFAULT 'x,y')",
		"CREATE TABLE t2 PARTITION OF t FOR VALUES FROM (1) TO (2)",
		"CREATE TABLE s.t3 PARTITION OF s.t (CONSTRAINT t3_pk PRIMARY "
		"KEY (id)) FOR VALUES IN (1)",
		"CREATE TABLE ty (a int, b integer, c int4, d serial, e "
		"bigserial, f int8, g smallint, h varchar(255), i character "
		"varying, j char, k character(3), l double precision, m "
		"timestamp(3) with time zone, n timestamp, o time with time "
		"zone, p numeric(10, 2), q decimal, r text[], s uuid, t "
		"pg_catalog.int4, u my.dom, v dom, w boolean, x float, y "
		"bit varying(5), z int ARRAY)",
		"CREATE TABLE k (id bigint CONSTRAINT k_pk PRIMARY KEY, e text "
		"UNIQUE NOT NULL, a int, b int, UNIQUE (a, b), CONSTRAINT k_c "
		"UNIQUE NULLS NOT DISTINCT (b), CHECK (a > 0))",
		"ALTER TABLE t ADD PRIMARY KEY (a, b), ADD CONSTRAINT u UNIQUE "
		"USING INDEX ix, ADD COLUMN z uuid PRIMARY KEY",
		"ALTER TABLE t ADD FOREIGN KEY (a) REFERENCES p ON UPDATE "
		"CASCADE ON DELETE SET NULL, ADD b int REFERENCES q ON DELETE "
		"RESTRICT, ADD FOREIGN KEY (c) REFERENCES r ON DELETE NO "
		"ACTION",
		"ALTER TABLE t RENAME COLUMN a TO b",
		"ALTER TABLE t RENAME b TO c",
		"ALTER TABLE IF EXISTS s.t RENAME TO u",
		"ALTER TABLE t RENAME CONSTRAINT c TO d",
		"ALTER INDEX s.i RENAME TO j",
		"DROP TABLE IF EXISTS a, s.b CASCADE",
		"CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS idx ON ONLY "
		"s.t USING btree (a, lower(b), c DESC)",
		"CREATE INDEX ON t (a)",
		"CREATE INDEX ON t (lower(a), \"B\", (c), (a + b), s.f(x)) "
		"INCLUDE (d, a)",
		"DROP INDEX CONCURRENTLY IF EXISTS s.i1, i2",
		"REINDEX INDEX CONCURRENTLY s.i1",
		"REINDEX (CONCURRENTLY) TABLE t",
		"SET LOCAL lock_timeout TO 5000",
		"SET lock_timeout = '2s'",
		"SET SESSION lock_timeout TO DEFAULT",
		"RESET lock_timeout",
		"RESET ALL",
		"SET search_path = staging, public",
		"BEGIN",
		"BEGIN TRANSACTION ISOLATION LEVEL SERIALIZABLE",
		"START TRANSACTION",
		"COMMIT AND CHAIN",
		"END",
		"ABORT",
		"ROLLBACK TO SAVEPOINT a",
		"PREPARE TRANSACTION 'x'",
		"SELECT 1",
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct statements s;
		struct token_list toks = { 0 };
		struct stmt alt;
		struct arena a = ARENA_INIT;

		build(cases[i], &s);
		cr_assert_eq(s.n, 1, "%s", cases[i]);
		cr_assert(s.v[0].parsed, "%s: must parse", cases[i]);
		cr_assert(lex_scan(&toks, cases[i], strlen(cases[i]), 0) == 0);
		memset(&alt, 0, sizeof(alt));
		alt.span = s.v[0].span;
		cr_assert(stmt_from_tokens(&alt, &a, cases[i], &toks) == 0);
		expect_same(cases[i], &s.v[0], &alt);
		token_list_release(&toks);
		arena_release(&a);
		statements_release(&s);
	}
}

Test(plan, explicit_wrapped_and_implicit)
{
	static const char sql[] = "SELECT 1; BEGIN; SELECT 2; COMMIT; "
				  "SELECT 3; SELECT 4;";
	struct statements s;
	struct tx tx[6];

	build(sql, &s);
	cr_assert_eq(s.n, 6);
	plan_build(s.v, s.n, TX_MODE_AUTOCOMMIT, 1, tx);
	cr_expect(tx[0].source == TX_NONE && !tx[0].block);
	cr_expect(tx[1].id == tx[2].id && tx[2].id == tx[3].id);
	cr_expect(tx[2].source == TX_EXPLICIT && tx[2].block);
	cr_expect_eq(tx[2].begin, 1);
	cr_expect(tx[4].id != tx[5].id && !tx[4].block);
	plan_build(s.v, s.n, TX_MODE_WRAPPED, 1, tx);
	cr_expect(tx[0].id == tx[2].id && tx[0].source == TX_WRAPPED);
	cr_expect(tx[4].source == TX_NONE, "after COMMIT: autocommit");
	plan_build(s.v, s.n, TX_MODE_IMPLICIT, 1, tx);
	cr_expect(tx[4].block && tx[4].id == tx[5].id,
		  "a COMMIT mid-string opens a new implicit transaction");
	statements_release(&s);
}

Test(replay, names_and_default_fk_names)
{
	struct arena a = ARENA_INIT;
	const char *cols[] = { "user_id" };
	const char *long_cols[] = { "a_very_long_column_name_that_goes_on",
				    "and_another_one_that_is_long" };
	const char *n;
	char buf[64];
	struct qname q = { "Staging", "my table" };

	cr_expect_str_eq(replay_default_name(&a, "messages", cols, 1, "fkey"),
			 "messages_user_id_fkey");
	n = replay_default_name(&a, "a_table_with_a_rather_long_name_too",
				long_cols, 2, "fkey");
	cr_expect_eq(strlen(n), 63, "%s", n);
	cr_expect(strstr(n, "_fkey") == n + 58);
	qname_format(buf, sizeof(buf), &q);
	cr_expect_str_eq(buf, "\"Staging\".\"my table\"");
	arena_release(&a);
}

/*
 * The names PostgreSQL 15 gave these unnamed indexes (measured: CREATE
 * TABLE t (…), the statement, then pg_index), on a fresh table each.
 */
Test(replay, default_index_names_as_postgresql)
{
	static const char *const cases[][2] = {
		{ "CREATE UNIQUE INDEX ON t (lower(name))", "t_lower_idx" },
		{ "CREATE INDEX ON t ((a + b))", "t_expr_idx" },
		{ "CREATE INDEX ON t ((a))", "t_a_idx" },
		{ "CREATE INDEX ON t (lower(name), upper(name))",
		  "t_lower_upper_idx" },
		{ "CREATE INDEX ON t (lower(name), lower(name))",
		  "t_lower_lower1_idx" },
		{ "CREATE INDEX ON t ((a+b), (a-b))", "t_expr_expr1_idx" },
		{ "CREATE INDEX ON t (a, a, a)", "t_a_a1_a2_idx" },
		{ "CREATE INDEX ON t (a) INCLUDE (b)", "t_a_b_idx" },
		{ "CREATE INDEX ON t ((name::varchar))", "t_name_idx" },
		{ "CREATE INDEX ON t ((a::bigint + 1))", "t_expr_idx" },
		{ "CREATE INDEX ON t ((1::bigint))", "t_int8_idx" },
		{ "CREATE INDEX ON t ((a::bigint::int))", "t_a_idx" },
		{ "CREATE INDEX ON t (coalesce(a, b))", "t_coalesce_idx" },
		{ "CREATE INDEX ON t ((j->>'k'))", "t_expr_idx" },
		{ "CREATE INDEX ON t (pg_catalog.lower(name))", "t_lower_idx" },
		{ "CREATE INDEX ON t ((name COLLATE \"C\"))", "t_name_idx" },
		{ "CREATE INDEX ON t ((CASE WHEN a > 0 THEN b END))",
		  "t_case_idx" },
		{ "CREATE INDEX ON t ((CASE WHEN a > 0 THEN b ELSE c END))",
		  "t_c_idx" },
		{ "CREATE INDEX ON t ((CASE WHEN a > 0 THEN b ELSE c+1 END))",
		  "t_case_idx" },
		{ "CREATE INDEX ON t (greatest(a, b))", "t_greatest_idx" },
		{ "CREATE INDEX ON t ((ARRAY[a, b]))", "t_array_idx" },
		{ "CREATE INDEX ON t ((nullif(a, b)))", "t_nullif_idx" },
		{ "CREATE INDEX ON t (\"Mixed\")", "t_Mixed_idx" },
		{ "CREATE INDEX ON t ((\"Mixed\" + 1))", "t_expr_idx" },
		{ "CREATE INDEX ON t (a, lower(name)) INCLUDE (c)",
		  "t_a_lower_c_idx" },
		{ "CREATE INDEX ON t ((a IS NULL))", "t_expr_idx" },
		{ "CREATE INDEX ON t ((\"t\".a))", "t_a_idx" },
		{ "CREATE INDEX ON t ((t.j['k']))", "t_j_idx" },
		{ "CREATE INDEX ON t (lower(name) text_pattern_ops)",
		  "t_lower_idx" },
		{ "CREATE INDEX ON t USING gin (j jsonb_path_ops)", "t_j_idx" },
		{ "CREATE INDEX ON t ((lower(name)::text))", "t_lower_idx" },
		{ "CREATE INDEX ON t (a, expr1, lower(name), lower(name))",
		  "t_a_expr1_lower_lower1_idx" },
		{ "CREATE INDEX ON t (lower(name), a, a, a1)",
		  "t_lower_a_a1_a11_idx" },
		{ "CREATE INDEX ON t "
		  "(aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		  "aaaaaaaaaaaaaaaaaaaaa, "
		  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		  "aaaaaaaaaaaaaaaaaaaaaaaa)",
		  "t_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_"
		  "idx" },
		{ "CREATE INDEX ON t "
		  "(bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
		  "bbbbbbbbbbbb, c, a, b)",
		  "t_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb_c__"
		  "idx" },
		{ "CREATE INDEX ON t (c, a, "
		  "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
		  "bbbbbbbbbbbbbbbbbb, b)",
		  "t_c_a_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb_"
		  "idx" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct statements s;
		struct arena a = ARENA_INIT;
		const char *name;

		build(cases[i][0], &s);
		cr_assert_eq(s.n, 1, "%s", cases[i][0]);
		name = replay_default_name(&a, "t", s.v[0].index_colnames,
					   s.v[0].nindex_colnames, "idx");
		cr_expect_str_eq(name, cases[i][1], "%s", cases[i][0]);
		arena_release(&a);
		statements_release(&s);
	}
}

/* A name over 63 bytes is cut at a character, as pg_mbcliplen() does. */
Test(replay, default_names_cut_at_a_character)
{
	struct arena a = ARENA_INIT;
	const char *cols[] = { "xy\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
			       "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
			       "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
			       "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
			       "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
			       "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9" };
	const char *n = replay_default_name(&a, "t", cols, 1, "idx");

	/* 57 bytes are left for the column: xy and 27 é, half of the 28th */
	cr_expect_eq(strlen(n), 2 + 2 + 27 * 2 + 4, "%s", n);
	cr_expect(strncmp(n + strlen(n) - 6, "\xc3\xa9_idx", 6) == 0, "%s", n);
	arena_release(&a);
}

Test(vcs, remote_urls_lose_credentials)
{
	static const char *const cases[][2] = {
		{ "git@github.com:acme/shop.git",
		  "https://github.com/acme/shop" },
		{ "https://x-access-token:s3cr3t@github.com/acme/shop.git",
		  "https://github.com/acme/shop" },
		{ "ssh://git@gitlab.example.com:2222/g/p.git",
		  "https://gitlab.example.com/g/p" },
		{ "https://github.com/acme/shop/",
		  "https://github.com/acme/shop" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = vcs_normalize_remote(cases[i][0]);

		cr_expect(got && strcmp(got, cases[i][1]) == 0, "%s gave %s",
			  cases[i][0], got ? got : "NULL");
		free(got);
	}
	cr_expect_null(vcs_normalize_remote("/srv/git/shop.git"),
		       "a local path is no repository URI");
	cr_expect_null(vcs_normalize_remote("../shop"));
}
