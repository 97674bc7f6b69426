/*
 * Robustness of statement splitting after a statement that does not
 * parse: an unbalanced "(" or an extra ")" must not hide the statements
 * after it, and an unterminated literal or comment, after which nothing
 * can be split, must be reported as not audited. Each case runs the
 * binary and asserts the exit status and the findings' line:column.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "run.h"

TestSuite(robust_resync, .init = test_dir_setup, .fini = test_dir_teardown);

#define ADD_FK                                                           \
	"ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users " \
	"(id);\n"
#define ADD_INDEX "CREATE INDEX ON orders (user_id);\n"

static int check_dir(struct buf *out)
{
	int code = check_test_dir(out);

	cr_expect(code < 128, "killed by signal %d:\n%s", code - 128,
		  buf_str(out));
	return code;
}

static void expect_both_unsafe(const struct buf *out, int fk_line,
			       int index_line)
{
	char fk[64], idx[64];

	snprintf(fk, sizeof(fk), "001.sql:%d:24: error: [FK001 ", fk_line);
	snprintf(idx, sizeof(idx), "001.sql:%d:1: error: [FK006 ", index_line);
	cr_expect(test_has(out, fk), "no %s in:\n%s", fk, buf_str(out));
	cr_expect(test_has(out, idx), "no %s in:\n%s", idx, buf_str(out));
}

Test(robust_resync, unbalanced_open_paren)
{
	struct buf out = BUF_INIT;

	cr_assert(put_test_file("001.sql",
				"SET lock_timeout = '2s';\n" ADD_FK
				"SELECT (1;\n" ADD_INDEX ADD_FK) == 0);
	cr_expect_eq(check_dir(&out), 1, "%s", buf_str(&out));
	expect_both_unsafe(&out, 2, 4);
	cr_expect(test_has(&out, "001.sql:5:24: error: [FK001 "), "%s",
		  buf_str(&out));
	cr_expect(test_has(&out,
			   "001.sql:3:10: warning: [FK000 parse-error] "
			   "statement rejected by the PostgreSQL 15 grammar: "
			   "syntax error at or near \";\"; not audited (no "
			   "DDL that fkaudit checks was recognised in its "
			   "tokens); the rest of the file is audited"),
		  "%s", buf_str(&out));
	cr_expect(test_has(&out, "in 1 file (5 statements)"), "%s",
		  buf_str(&out));
	buf_release(&out);
}

/* The "(" opens in the first statement of the file. */
Test(robust_resync, unbalanced_open_paren_first)
{
	struct buf out = BUF_INIT;

	cr_assert(put_test_file("001.sql", "SELECT (1;\n" ADD_FK ADD_INDEX) ==
		  0);
	cr_expect_eq(check_dir(&out), 1, "%s", buf_str(&out));
	expect_both_unsafe(&out, 2, 3);
	cr_expect(test_has(&out, "001.sql:1:10: warning: [FK000 "), "%s",
		  buf_str(&out));
	buf_release(&out);
}

/* An extra ")" wraps the splitter's count of open parentheses. */
Test(robust_resync, extra_close_paren)
{
	struct buf out = BUF_INIT;

	cr_assert(put_test_file("001.sql", "SELECT 1);\n" ADD_FK ADD_INDEX) ==
		  0);
	cr_expect_eq(check_dir(&out), 1, "%s", buf_str(&out));
	expect_both_unsafe(&out, 2, 3);
	cr_expect(test_has(&out,
			   "001.sql:1:9: warning: [FK000 parse-error] "
			   "statement rejected by the PostgreSQL 15 grammar: "
			   "syntax error at or near \")\"; not audited"),
		  "%s", buf_str(&out));
	buf_release(&out);
}

/* ... and a later "(" brings the count back to 0 in a wrong place. */
Test(robust_resync, extra_close_paren_then_parens)
{
	struct buf out = BUF_INIT;

	cr_assert(put_test_file("001.sql", "SELECT 1);\n"
					   "SELECT (2;\n" ADD_FK
					   "SELECT 3);\n" ADD_INDEX) == 0);
	cr_expect_eq(check_dir(&out), 1, "%s", buf_str(&out));
	expect_both_unsafe(&out, 3, 5);
	buf_release(&out);
}

/* A ";" inside parentheses that parse stays inside its statement. */
Test(robust_resync, rule_with_parenthesised_actions_stays_whole)
{
	struct buf out = BUF_INIT;

	cr_assert(put_test_file("001.sql",
				"CREATE RULE r AS ON INSERT TO t DO ALSO "
				"(SELECT 1; SELECT 2);\n" ADD_INDEX) == 0);
	cr_expect_eq(check_dir(&out), 1, "%s", buf_str(&out));
	cr_expect(!test_has(&out, "FK000"), "%s", buf_str(&out));
	cr_expect(test_has(&out, "001.sql:2:1: error: [FK006 "), "%s",
		  buf_str(&out));
	cr_expect(test_has(&out, "(2 statements)"), "%s", buf_str(&out));
	buf_release(&out);
}

/* After an unterminated quote nothing can be split: say so. */
Test(robust_resync, unterminated_quote_not_audited)
{
	struct buf out = BUF_INIT;

	cr_assert(put_test_file("001.sql",
				ADD_FK "SELECT 1;\n"
				       "SELECT 'abc;\n" ADD_INDEX) == 0);
	cr_expect_eq(check_dir(&out), 1, "%s", buf_str(&out));
	cr_expect(test_has(&out, "001.sql:1:24: error: [FK001 "), "%s",
		  buf_str(&out));
	cr_expect(test_has(&out,
			   "001.sql:3:8: warning: [FK000 parse-error] "
			   "statement rejected by the PostgreSQL 15 grammar: "
			   "unterminated quoted string at or near "
			   "\"'abc;…\"; not audited (no DDL that fkaudit "
			   "checks was recognised in its tokens); the rest "
			   "of the file, from line 3, is inside an "
			   "unterminated quoted string, and is not audited"),
		  "%s", buf_str(&out));
	cr_expect(!test_has(&out, "the rest of the file is audited"), "%s",
		  buf_str(&out));
	buf_release(&out);
}

Test(robust_resync, unterminated_comment_not_audited)
{
	struct buf out = BUF_INIT;

	cr_assert(put_test_file("001.sql", "SELECT 1;\n/* note\n" ADD_INDEX) ==
		  0);
	cr_expect_eq(check_dir(&out), 0, "%s", buf_str(&out));
	cr_expect(test_has(&out,
			   "the rest of the file, from line 2, is inside an "
			   "unterminated /* comment, and is not audited"),
		  "%s", buf_str(&out));
	buf_release(&out);
}

/* Both at once: the statements before the quote are still split. */
Test(robust_resync, unbalanced_paren_then_unterminated_quote)
{
	struct buf out = BUF_INIT;

	cr_assert(put_test_file("001.sql", "SELECT (1;\n" ADD_FK
					   "SELECT 'abc;\n" ADD_INDEX) == 0);
	cr_expect_eq(check_dir(&out), 1, "%s", buf_str(&out));
	cr_expect(test_has(&out, "001.sql:1:10: warning: [FK000 "), "%s",
		  buf_str(&out));
	cr_expect(test_has(&out, "001.sql:2:24: error: [FK001 "), "%s",
		  buf_str(&out));
	cr_expect(test_has(&out, "001.sql:3:8: warning: [FK000 ") &&
			  test_has(&out,
				   "the rest of the file, from line 3, is "
				   "inside an unterminated quoted string, "
				   "and is not audited"),
		  "%s", buf_str(&out));
	buf_release(&out);
}

Test(robust_resync, extra_close_paren_then_unterminated_dollar_quote)
{
	struct buf out = BUF_INIT;

	cr_assert(put_test_file("001.sql",
				"SELECT 1);\n" ADD_FK "SELECT $$abc;\n") == 0);
	cr_expect_eq(check_dir(&out), 1, "%s", buf_str(&out));
	cr_expect(test_has(&out, "001.sql:2:24: error: [FK001 "), "%s",
		  buf_str(&out));
	cr_expect(test_has(&out, "inside an unterminated dollar-quoted string, "
				 "and is not audited"),
		  "%s", buf_str(&out));
	buf_release(&out);
}

/* The joined span is over 1 MB, which is not parsed whole. */
Test(robust_resync, unbalanced_paren_before_big_insert)
{
	struct buf out = BUF_INIT, sql = BUF_INIT;
	int i;

	buf_adds(&sql, "SELECT (1;\nINSERT INTO orders VALUES (0, 'a;b')");
	for (i = 1; i < 100000; i++)
		buf_addf(&sql, ", (%d, 'a;b')", i);
	buf_adds(&sql, ";\n" ADD_INDEX);
	cr_assert(!sql.failed);
	cr_assert(put_test_file("001.sql", buf_str(&sql)) == 0);
	cr_expect_eq(check_dir(&out), 1, "%s", buf_str(&out));
	cr_expect(test_has(&out, "001.sql:1:10: warning: [FK000 "), "%s",
		  buf_str(&out));
	cr_expect(test_has(&out, "001.sql:3:1: error: [FK006 "), "%s",
		  buf_str(&out));
	cr_expect(test_has(&out, "(3 statements)"), "%s", buf_str(&out));
	buf_release(&sql);
	buf_release(&out);
}

/*
 * The "(" left open is inside a bulk INSERT over 1 MB, past the first
 * 4 KB that are read of such a statement: the statements after it are
 * still found (the INSERT itself is not parsed, so it gets no FK000).
 */
Test(robust_resync, unbalanced_paren_deep_in_a_big_insert)
{
	struct buf out = BUF_INIT, sql = BUF_INIT;
	int i;

	buf_adds(&sql, "INSERT INTO orders VALUES (0, 'a;b')");
	for (i = 1; i < 100000; i++)
		buf_addf(&sql, i == 5000 ? ", (%d, 'a;b'" : ", (%d, 'a;b')", i);
	buf_adds(&sql, ";\n" ADD_FK ADD_INDEX);
	cr_assert(!sql.failed);
	cr_assert(put_test_file("001.sql", buf_str(&sql)) == 0);
	cr_expect_eq(check_dir(&out), 1, "%s", buf_str(&out));
	expect_both_unsafe(&out, 2, 3);
	cr_expect(test_has(&out, "(3 statements)"), "%s", buf_str(&out));
	buf_release(&sql);
	buf_release(&out);
}

/*
 * A grammar error before an unterminated comment is where the parser
 * says (the "~"), not where the comment opens.
 */
Test(robust_resync, grammar_error_before_an_unterminated_comment)
{
	struct buf out = BUF_INIT;

	cr_assert(put_test_file("001.sql",
				"SET lock_timeout = '2s';\n"
				"~ /* never closed\n" ADD_INDEX) == 0);
	check_dir(&out);
	cr_expect(test_has(&out, "001.sql:2:1: warning: [FK000 parse-error] "
				 "statement rejected by the PostgreSQL 15 "
				 "grammar: syntax error at or near \"~\""),
		  "%s", buf_str(&out));
	buf_release(&out);
}
