/*
 * The SQL path of `check`: bytes → statements → plan → rules → findings
 * → reports, as audit_text() runs it on one schema state.
 *
 * Input: two header bytes, then the file. Byte 0 chooses the transaction
 * mode (bits 0-1) and the framework with a path of its shape (bits 2-7,
 * modulo the table below). Byte 1: bit 0, the text after the first NUL
 * is a second migration audited after the first (else it is what every
 * file "near" the migration holds: its forward migration, .sql.conf,
 * metadata.toml, sqitch.plan, …); bit 1, render every report format
 * (else the text one); bits 2-7, when not 0, the line diff and history
 * would put an FK012 on.
 */
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "buf.h"
#include "rule.h"
#include "props.h"

struct shape {
	const char *framework; /* NULL: detected */
	const char *path;
};

static const struct shape shapes[] = {
	{ NULL, "db/migrate/001_x.sql" },
	{ "goose", "db/migrations/20240101000000_x.sql" },
	{ "dbmate", "db/migrations/20240101000000_x.sql" },
	{ "flyway", "db/migration/V1__x.sql" },
	{ "flyway", "db/migration/U1__x.sql" },
	{ "liquibase", "db/changelog/001.sql" },
	{ "drizzle", "drizzle/0001_x.sql" },
	{ "golang-migrate", "migrations/000001_x.up.sql" },
	{ "golang-migrate", "migrations/000001_x.down.sql" },
	{ "sqlx", "migrations/20240101_x.sql" },
	{ "prisma", "prisma/migrations/20240101000000_x/migration.sql" },
	{ "supabase", "supabase/migrations/20240101000000_x.sql" },
	{ "atlas", "migrations/20240101000000_x.sql" },
	{ "node-pg-migrate", "migrations/1700000000000_x.sql" },
	{ "graphile-migrate", "migrations/committed/000001.sql" },
	{ "diesel", "migrations/2024-01-01-000000_x/up.sql" },
	{ "diesel", "migrations/2024-01-01-000000_x/down.sql" },
	{ "sqitch", "deploy/x.sql" },
	{ "hasura", "migrations/default/1700000000000_x/up.sql" },
	{ "synapse", "synapse/storage/schema/main/delta/80/01x.sql" },
	{ "plain", "x.sql" },
	{ NULL, "db/structure.sql" }, /* a schema dump: seeds the second */
};

#define NSHAPES (sizeof(shapes) / sizeof(shapes[0]))

struct near_text {
	const char *text;
	size_t len;
};

static int near_read(void *ctx, const char *rel, struct buf *out)
{
	const struct near_text *n = ctx;

	(void)rel;
	if (!n->text)
		return 0;
	buf_release(out);
	return buf_add(out, n->text, n->len) < 0 ? -1 : 1;
}

/*
 * Audits one file; `orig` keeps the bytes as given (audit_text() blanks
 * a byte order mark in its copy).
 */
static void audit_one(struct result *res, const char *path, const char *text,
		      size_t len, struct audit_opts *opts,
		      struct fuzz_file *orig)
{
	char *copy = malloc(len + 1);

	if (!copy)
		abort();
	memcpy(copy, text, len);
	replay_begin_deploy(opts->schema);
	if (audit_text(res, path, copy, len, opts) < 0)
		fuzz_fail("audit_text() failed");
	free(copy);
	orig->text = text;
	orig->len = len;
	orig->map = NULL;
	orig->built_len = 0;
}

/* The audit options byte 0 and byte 1 ask for (`edit`: FK012's edit). */
static void set_opts(struct audit_opts *opts, struct rule_edit *edit,
		     const uint8_t *data)
{
	static const enum tx_mode modes[] = { TX_MODE_AUTOCOMMIT,
					      TX_MODE_WRAPPED, TX_MODE_IMPLICIT,
					      TX_MODE_AUTOCOMMIT };

	opts->tx_mode = modes[data[0] & 3];
	if (opts->tx_mode == TX_MODE_WRAPPED) {
		opts->tx_runner = "--assume-transaction puts around the file";
		opts->tx_opt_out = "run it alone";
	}
	opts->framework = shapes[(data[0] >> 2) % NSHAPES].framework;
	if (data[1] >> 2) {
		edit->path = "001.sql";
		edit->base = "0123456789abcdef";
		edit->first_line = edit->last_line = data[1] >> 2;
		opts->edit = edit;
		opts->edits_known = true;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct audit_opts opts = AUDIT_OPTS_INIT;
	struct rule_edit edit = { 0 };
	struct fuzz_file files[2];
	struct near_text near_text = { NULL, 0 };
	struct near_reader near = { near_read, &near_text };
	struct result res;
	struct replay schema;
	const char *text, *nul;
	size_t len, first_len, nfiles, i;

	if (size < 2)
		return 0;
	text = (const char *)data + 2;
	len = size - 2;
	nul = memchr(text, '\0', len);
	first_len = nul ? (size_t)(nul - text) : len;
	set_opts(&opts, &edit, data);
	opts.near = &near;
	if (nul && !(data[1] & 1)) {
		near_text.text = nul + 1;
		near_text.len = len - first_len - 1;
	}
	result_init(&res);
	replay_init(&schema);
	opts.schema = &schema;
	audit_one(&res, shapes[(data[0] >> 2) % NSHAPES].path, text, first_len,
		  &opts, &files[0]);
	nfiles = res.nfiles;
	if (nul && (data[1] & 1)) {
		opts.framework = NULL;
		audit_one(&res, "db/migrate/002_y.sql", nul + 1,
			  len - first_len - 1, &opts, &files[1]);
	}
	audit_settle(&res, &schema);
	replay_release(&schema);
	/* the dump adds no file: the second one is then file 0 */
	for (i = 0; i < res.nfindings; i++)
		fuzz_check_finding(
			&res.findings[i],
			&files[res.findings[i].file < nfiles ? 0 : 1]);
	result_sort(&res);
	fuzz_check_reports(&res, data[1] & 2);
	result_release(&res);
	return 0;
}
