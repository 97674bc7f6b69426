#include "rules.h"

#include "buf.h"
#include "error.h"

static const char diverge[] = ": databases that already ran it never see "
			      "the edit, so environments diverge";

/* diff: the file existed at the merge base and this change edits it. */
static void diff_message(struct buf *m, const struct rule_edit *e)
{
	buf_addf(m,
		 "migration %s already existed at the merge base (%.7s) and "
		 "this change edits it",
		 e->renamed_from ? e->renamed_from : e->path, e->base);
	if (e->changed)
		buf_addf(m, " (what runs changes at %s)", e->changed);
	else if (e->first_line && e->first_line == e->last_line)
		buf_addf(m, " (line %u)", e->first_line);
	else if (e->first_line)
		buf_addf(m, " (lines %u-%u)", e->first_line, e->last_line);
	buf_adds(m, diverge);
	if (e->unread)
		buf_addf(m,
			 "; which lines it edits could not be decided: its "
			 "merge-base version could not be read (%s), so FK012 "
			 "is on line 1%s",
			 e->unread,
			 e->changed_lines ? " and --changed-lines keeps every "
					    "statement"
					  : "");
}

/* history: commit e->commit edits what an earlier one committed. */
static void history_message(struct buf *m, const struct rule_edit *e)
{
	buf_addf(m, "migration %s was edited by commit %.7s (%s)", e->path,
		 e->commit, e->commit_date);
	if (e->renamed_from)
		buf_addf(m, ", which also renamed it from %s,",
			 e->renamed_from);
	if (e->first_commit)
		buf_addf(m, " after commit %.7s (%s) had committed it",
			 e->first_commit, e->first_date);
	else
		buf_adds(m, " after it had been committed");
	if (e->changed)
		buf_addf(m, " (what runs changes at %s)", e->changed);
	buf_adds(m, diverge);
}

/*
 * Called by the git sources (core/audit/diff_audit.c, core/audit/history.c through
 * core/audit/audit.c), which alone know that a file existed before: a
 * statement cannot tell.
 */
static int check_edit(struct rule_file_ctx *ctx, const struct rule_edit *e,
		      size_t stmt, struct span span)
{
	struct buf m = BUF_INIT;
	int err;

	if (e->commit)
		history_message(&m, e);
	else if (e->renamed_only)
		buf_addf(&m,
			 "migration %s was renamed from %s, which already "
			 "existed at the merge base (%.7s): runners that "
			 "record migrations by file name or version will run "
			 "it again on databases that already ran it",
			 e->path, e->renamed_from, e->base);
	else
		diff_message(&m, e);
	err = m.failed ? FK_ENOMEM
		       : rule_file_report(ctx, stmt, span, NULL, "%s",
					  buf_str(&m));
	buf_release(&m);
	return err;
}

const struct rule rule_fk012_migration_modified = {
	.id = "FK012",
	.name = "migration-modified",
	.level = LEVEL_WARNING,
	.summary = "A migration that was already committed changed.",
	.facts = "Migration runners record which migrations a database has "
		 "run, by version or file name, and never run one again. A "
		 "database that ran the migration before the edit never sees "
		 "the edit, while a new database (a fresh test or staging "
		 "environment) runs the edited version: the environments "
		 "diverge without an error anywhere. In diff mode the file "
		 "existed at the merge base; in history mode an earlier commit "
		 "had committed it. Some runners also refuse to start when a "
		 "checksum changed (Flyway's validate, sqlx, Prisma).",
	.fix = "undo the edit and write a new migration that makes the "
	       "change; if the edit only changes comments or layout, "
	       "suppress this with a reason",
	.unsafe_sql = "-- 001_orders.sql, committed and deployed last week,\n"
		      "-- edited today:\n"
		      "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey\n"
		      "  FOREIGN KEY (user_id) REFERENCES users (id) NOT "
		      "VALID;\n",
	.safe_sql = "-- 001_orders.sql left as it was; the change goes in\n"
		    "-- 002_validate_orders_user.sql:\n"
		    "ALTER TABLE orders VALIDATE CONSTRAINT "
		    "orders_user_id_fkey;\n",
	.check_edit = check_edit,
};
