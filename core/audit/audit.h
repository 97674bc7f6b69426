#ifndef FKAUDIT_AUDIT_H
#define FKAUDIT_AUDIT_H

#include <stddef.h>

#include "config.h"
#include "framework.h"
#include "plan.h"
#include "replay.h"
#include "result.h"

/*
 * Audits SQL texts: statements → transaction plan → replayed state →
 * rules → suppressions, adding each file and its findings to a result.
 */
struct rule_edit;
struct linemap;
struct statements;

/*
 * What `fkaudit sql` is shown of each file audit_text() classifies: the
 * SQL its statements are in (the file's, or what its framework reader
 * built), the statements with their transactions, and the map of that
 * SQL to the file. `stmts` is NULL for a file that does not run forward
 * (info->role tells what it is). All borrowed, for the call only.
 */
struct audit_planned {
	const char *path;
	const struct migration_info *info;
	const char *sql;
	size_t len;
	const struct statements *stmts;
	const struct tx *txs;
	const struct linemap *lines;
	/* the framework reader's notes ("; left out: …"), or "" */
	const char *notes;
};

struct audit_observer {
	void (*planned)(void *ctx, const struct audit_planned *p);
	void *ctx;
};

struct audit_opts {
	enum tx_mode tx_mode;
	/*
	 * Who wraps a file in a transaction (TX_MODE_WRAPPED), for
	 * messages, and how to opt out of it. check's defaults speak of
	 * --assume-transaction; framework discovery will name the
	 * framework and its marker.
	 */
	const char *tx_runner;
	const char *tx_opt_out;
	/*
	 * Schema state shared by the files of one deploy (the migrations a
	 * diff adds, a commit's migrations), in the order they run; NULL:
	 * each file starts from nothing. Borrowed.
	 */
	struct replay *schema;
	/*
	 * With `schema` NULL (an edited migration, audited apart): the schema
	 * state its framework reader reads to make its SQL (Django's model
	 * names and key types), so that a reformatted version sends what the
	 * first one did. Its tables are not applied to; the reader may note a
	 * model's table there. Borrowed; NULL: none.
	 */
	struct replay *context;
	/*
	 * Keep each statement's key and lines in the file record
	 * (file_result.stmt_lines): for the earlier version of an edit,
	 * which FK012 compares statement by statement (version_key.h).
	 */
	bool stmt_lines;
	/*
	 * From a git source: the file changed after it was committed (NULL:
	 * it did not, or the source cannot tell). The rules' check_edit
	 * hooks (FK012) report it on its first changed line (line 1 when
	 * not known), before suppressions apply. Borrowed.
	 */
	const struct rule_edit *edit;
	/*
	 * The source knows whether each file was edited (diff): a
	 * suppression of FK012 that matches nothing is then unused.
	 */
	bool edits_known;
	/*
	 * Framework discovery: the files next to the migration (Flyway's
	 * .sql.conf, diesel's metadata.toml, sqitch.plan, …), and the
	 * framework the configuration sets (NULL: detected). Borrowed.
	 */
	const struct near_reader *near;
	const char *framework;
	/*
	 * The configuration (borrowed; NULL: none): the framework and
	 * transaction mode of each folder, the schema dumps to seed from,
	 * and, unless `config_walked` (check's walk applied them already),
	 * the migration folders and exclude patterns a file must pass.
	 */
	const struct config *config;
	bool config_walked;
	/* told of each file once it is planned; NULL: nobody. Borrowed. */
	const struct audit_observer *observer;
};

#define AUDIT_OPTS_INIT                       \
	{                                     \
		.tx_mode = TX_MODE_AUTOCOMMIT \
	}

/*
 * Audits `text` (`len` bytes, owned by the caller, which must have one
 * writable byte after it; the text may be modified: a UTF-8 byte order
 * mark becomes spaces) under the name `path`, as its framework runs it
 * (framework.h): the parts that do not run forward are left out, a
 * schema dump only seeds opts->schema, and a down migration or a file
 * the framework never runs is not audited. A file that holds NUL bytes
 * is recorded as FILE_BINARY and not audited. Returns 0, or FK_ENOMEM.
 */
int audit_text(struct result *res, const char *path, char *text, size_t len,
	       const struct audit_opts *opts);

/*
 * What audit_text() takes the file for: its framework as recognised
 * (framework_detect()), then as the configuration in `opts` sets it.
 * `text` must be NUL-terminated at `len` (as source items are).
 * Returns 0 with `info` filled; FK_LEFT_OUT when the configuration leaves the
 * file out (exclude, outside its migrations folders); FK_ENOMEM. Release
 * `info` with migration_info_release() whatever it returns.
 */
int audit_classify(const char *path, const char *text, size_t len,
		   const struct audit_opts *opts, struct migration_info *info);

/*
 * Ends a run that shares one replay (audit_opts.schema) across files.
 * FK005 and FK009 hold "after all migrations up to this revision": each
 * is reported where its foreign key is added (position, snippet,
 * suppressions and line hash as usual) and linked to that key in the
 * replay. audit_settle() drops the linked findings of `res` whose
 * condition no longer holds on the final schema: an index leading with
 * the key's columns was created later, the key was validated later, or
 * the key, its column or its table was dropped. It then forgets the
 * links. A finding without a link stays.
 *
 * Call it once, after the last file audited on `schema` and before
 * replay_release(schema). Without the call, the findings stay, as if no
 * later migration existed. A file audited with audit_opts.schema == NULL
 * is settled by audit_text() itself, before its suppressions apply.
 *
 *   check:   after its last file (cmd/check.c);
 *   diff:    after the last file audited on its `deploy` replay, before
 *            replay_release(&deploy);
 *   history: once per deploy replay, after that deploy's last file.
 *
 * Suppressions are matched before settling: a suppression whose only
 * finding is dropped here is not reported as unused (FK014).
 */
void audit_settle(struct result *res, struct replay *schema);

/*
 * Whether audit_settle() would drop finding `f` (of the result the
 * pending links were made for), without dropping it: history keeps its
 * findings in place and leaves these out of its report.
 */
bool audit_finding_settled(const struct replay *schema,
			   const struct finding *f);

#endif
