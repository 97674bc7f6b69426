/*
 * Bad input is normal input: each case must end with a defined exit
 * status (never a signal), a clear message naming the file, and the rest
 * of the work done.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"
#include "utf8.h"

#define ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* Writes `name` in the test folder; returns its path (static buffer). */
static const char *put(const char *name, const void *data, size_t len)
{
	static char path[512];

	snprintf(path, sizeof(path), "%s/%s", test_dir, name);
	cr_assert(write_file(path, data, len) == 0);
	return path;
}

static int audit(const char *path, struct buf *out)
{
	int code = run_fkaudit(ARGS("check", "--color=never", path), NULL, NULL,
			       NULL, out, NULL);

	cr_expect(code < 128, "killed by signal %d", code - 128);
	return code;
}

static const char unsafe[] =
	"ALTER TABLE messages ADD CONSTRAINT fk FOREIGN KEY (user_id) "
	"REFERENCES users (id);\n";

TestSuite(badinput, .init = test_dir_setup, .fini = test_dir_teardown);

Test(badinput, empty_file)
{
	struct buf out = BUF_INIT;

	cr_expect_eq(audit(put("empty.sql", "", 0), &out), 0);
	cr_expect(
		strstr(buf_str(&out), "no findings in 1 file (0 statements)"));
	buf_release(&out);
}

Test(badinput, random_bytes_without_nul)
{
	unsigned char data[8192];
	struct buf out = BUF_INIT;
	unsigned seed = 12345;
	size_t i;
	int code;

	for (i = 0; i < sizeof(data); i++) {
		seed = seed * 1103515245u + 12345u;
		data[i] = (unsigned char)((seed >> 16) % 255 + 1);
	}
	code = audit(put("random.sql", data, sizeof(data)), &out);
	cr_expect(code == 0 || code == 1, "exit %d", code);
	cr_expect(strstr(buf_str(&out), "in 1 file"));
	cr_expect(test_valid_utf8(&out), "the report is valid UTF-8");
	buf_release(&out);
}

Test(badinput, nul_bytes_are_binary)
{
	static const char data[] = "SELECT 1;\nSELECT\0 2;\n";
	struct buf out = BUF_INIT;
	char path2[600];

	put("bin.sql", data, sizeof(data) - 1);
	snprintf(path2, sizeof(path2), "%s/ok.sql", test_dir);
	cr_assert(write_file(path2, unsafe, strlen(unsafe)) == 0);
	cr_expect_eq(run_fkaudit(ARGS("check", "--color=never", test_dir), NULL,
				 NULL, NULL, &out, NULL),
		     3);
	cr_expect(strstr(buf_str(&out), "bin.sql: error: binary file (NUL "
					"byte at line 2, column 7); not "
					"audited"),
		  "%s", buf_str(&out));
	cr_expect(strstr(buf_str(&out), "ok.sql:1:26: error: [FK001"),
		  "the other file is still audited: %s", buf_str(&out));
	buf_release(&out);
}

Test(badinput, utf16_file)
{
	static const char data[] = "\xff\xfeS\0E\0L\0E\0C\0T\0";
	struct buf out = BUF_INIT;

	cr_expect_eq(audit(put("u16.sql", data, sizeof(data) - 1), &out), 3);
	cr_expect(strstr(buf_str(&out), "UTF-16"), "%s", buf_str(&out));
	buf_release(&out);
}

Test(badinput, invalid_utf8_still_audited)
{
	static const char data[] =
		"-- caf\xe9 \xff\xfe comment\n"
		"ALTER TABLE m\xe9ssages ADD CONSTRAINT fk FOREIGN KEY (u) "
		"REFERENCES users (id);\n";
	struct buf out = BUF_INIT;

	cr_expect_eq(audit(put("latin1.sql", data, sizeof(data) - 1), &out), 1);
	cr_expect(strstr(buf_str(&out), "latin1.sql:2:26: error: [FK001"), "%s",
		  buf_str(&out));
	cr_expect(test_valid_utf8(&out),
		  "invalid bytes are replaced in output");
	buf_release(&out);
}

Test(badinput, utf8_bom_and_crlf)
{
	static const char data[] = "\xef\xbb\xbf-- m\r\nALTER TABLE a ADD "
				   "FOREIGN KEY (b) REFERENCES c (id);\r\n";
	struct buf out = BUF_INIT;

	cr_expect_eq(audit(put("bom.sql", data, sizeof(data) - 1), &out), 1);
	cr_expect(strstr(buf_str(&out), "bom.sql:2:19: error: [FK001"), "%s",
		  buf_str(&out));
	cr_expect(!strstr(buf_str(&out), "\r"), "no CR in the report");
	buf_release(&out);
}

Test(badinput, unterminated_dollar_quote)
{
	static const char data[] =
		"ALTER TABLE a ADD FOREIGN KEY (b) REFERENCES c (id);\n"
		"CREATE FUNCTION f() RETURNS int AS $$ SELECT 1;\n"
		"ALTER TABLE x ADD FOREIGN KEY (y) REFERENCES z (id);\n";
	struct buf out = BUF_INIT;

	cr_expect_eq(audit(put("dollar.sql", data, sizeof(data) - 1), &out), 1);
	cr_expect(strstr(buf_str(&out), "dollar.sql:1:19: error: [FK001"));
	cr_expect(strstr(buf_str(&out),
			 "dollar.sql:2:36: warning: [FK000 parse-error] "
			 "statement rejected by the PostgreSQL 15 grammar: "
			 "unterminated dollar-quoted string"),
		  "%s", buf_str(&out));
	buf_release(&out);
}

Test(badinput, unterminated_comment_and_quote)
{
	static const char data[] =
		"ALTER TABLE a ADD FOREIGN KEY (b) REFERENCES c (id);\n"
		"SELECT 'abc;\n"
		"/* never closed\n";
	struct buf out = BUF_INIT;

	cr_expect_eq(audit(put("open.sql", data, sizeof(data) - 1), &out), 1);
	cr_expect(strstr(buf_str(&out), "open.sql:1:19: error: [FK001"));
	cr_expect(strstr(buf_str(&out), "open.sql:2:8: warning: [FK000"), "%s",
		  buf_str(&out));
	cr_expect(strstr(buf_str(&out), "unterminated quoted string"));
	buf_release(&out);
}

Test(badinput, deep_nesting)
{
	size_t depth = 10000, n = 0, i;
	char *data = malloc(2 * depth + 256);

	n += (size_t)sprintf(data + n, "SELECT ");
	for (i = 0; i < depth; i++)
		data[n++] = '(';
	data[n++] = '1';
	for (i = 0; i < depth; i++)
		data[n++] = ')';
	n += (size_t)sprintf(data + n, ";\n%s", unsafe);
	{
		struct buf out = BUF_INIT;

		cr_expect_eq(audit(put("deep.sql", data, n), &out), 1);
		cr_expect(strstr(buf_str(&out), "deep.sql:1:"));
		cr_expect(strstr(buf_str(&out), "[FK000 parse-error]"));
		cr_expect(strstr(buf_str(&out), "deep.sql:2:26: error: [FK001"),
			  "the next statement is audited");
		buf_release(&out);
	}
	free(data);
}

Test(badinput, fifty_megabytes)
{
	size_t size = 50u << 20, n = 0;
	char *data = malloc(size + 4096);
	const char *row = "(123456, 'abcdefgh'),";
	size_t rl = strlen(row);
	struct buf out = BUF_INIT;

	n += (size_t)sprintf(data, "%sINSERT INTO t VALUES ", unsafe);
	while (n + rl < size) {
		memcpy(data + n, row, rl);
		n += rl;
	}
	n += (size_t)sprintf(data + n, "(0, 'x');\n%s", unsafe);
	cr_expect_eq(audit(put("big.sql", data, n), &out), 1);
	cr_expect(strstr(buf_str(&out), "big.sql:1:26: error: [FK001"));
	cr_expect(strstr(buf_str(&out), "big.sql:3:26: error: [FK001"),
		  "%.400s", buf_str(&out));
	cr_expect(strstr(buf_str(&out), "(3 statements)"));
	buf_release(&out);
	free(data);
}

Test(badinput, over_max_file_size)
{
	struct buf out = BUF_INIT;
	const char *p = put("x.sql", unsafe, strlen(unsafe));

	cr_expect_eq(run_fkaudit(ARGS("check", "--max-file-size", "10", p),
				 NULL, NULL, NULL, &out, NULL),
		     3);
	cr_expect(strstr(buf_str(&out), "x.sql: error: file is larger than "
					"--max-file-size (10 bytes)"),
		  "%s", buf_str(&out));
	buf_release(&out);
}

Test(badinput, folder_without_sql)
{
	struct buf out = BUF_INIT;

	put("README.md", "hi", 2);
	cr_expect_eq(run_fkaudit(ARGS("check", test_dir), NULL, NULL, NULL,
				 &out, NULL),
		     0);
	cr_expect(strstr(buf_str(&out), "no SQL files found"));
	buf_release(&out);
}
