/*
 * The suppression parser (suppress.h) in its pipeline: the bytes become
 * the text of a "fkaudit:" comment (byte 0 chooses its form) before, or
 * on the line of, statements that set off several rules, and the file is
 * audited as `check` audits it. Checked as fuzz_sql.c checks: positions,
 * snippets and reports; and FK014 notes are never suppressed, every
 * suppressed finding has its reason.
 */
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "buf.h"
#include "props.h"
#include "rule.h"

static const char *const prefixes[] = {
	"-- fkaudit:",
	"-- fkaudit:ignore ",
	"-- fkaudit:ignore-file ",
	"/* fkaudit:",
	"SELECT 1;-- fkaudit:ignore ",
	"SELECT 1; /* fkaudit:ignore ",
	"",
	"-- FK001 ",
};

static const char body[] =
	"CREATE TABLE users (id bigint PRIMARY KEY);\n"
	"CREATE TABLE orders (id bigint PRIMARY KEY, user_id int);\n"
	"ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY "
	"(user_id) REFERENCES users (id);\n"
	"CREATE INDEX orders_user_idx ON orders (user_id);\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct audit_opts opts = AUDIT_OPTS_INIT;
	struct fuzz_file file;
	struct buf text = BUF_INIT;
	struct result res;
	struct replay schema;
	const char *pre;
	char *copy;
	bool block;
	size_t i;

	if (size < 1)
		return 0;
	pre = prefixes[data[0] % (sizeof(prefixes) / sizeof(prefixes[0]))];
	block = strstr(pre, "/*") != NULL;
	buf_adds(&text, pre);
	buf_add(&text, (const char *)data + 1, size - 1);
	buf_adds(&text, block ? " */\n" : "\n");
	if (data[0] & 0x80)
		buf_adds(&text, "BEGIN;\n");
	buf_adds(&text, body);
	if (text.failed)
		abort();
	/* audit_text() blanks a byte order mark in its text: keep a copy */
	if (!(copy = malloc(text.len)))
		abort();
	memcpy(copy, text.ptr, text.len);
	file.text = copy;
	file.len = text.len;
	file.map = NULL;
	file.built_len = 0;
	result_init(&res);
	replay_init(&schema);
	opts.schema = &schema;
	if (audit_text(&res, "db/migrate/001_x.sql", text.ptr, text.len,
		       &opts) < 0)
		fuzz_fail("audit_text() failed");
	audit_settle(&res, &schema);
	replay_release(&schema);
	for (i = 0; i < res.nfindings; i++) {
		const struct finding *f = &res.findings[i];

		fuzz_check_finding(f, &file);
		if (f->suppressed && strcmp(f->rule->id, "FK014") == 0)
			fuzz_fail("suppress: an FK014 note is suppressed");
		if (f->suppressed && !f->suppression)
			fuzz_fail("suppress: a suppression without its reason");
	}
	result_sort(&res);
	fuzz_check_reports(&res, data[0] & 0x40);
	result_release(&res);
	free(copy);
	buf_release(&text);
	return 0;
}
