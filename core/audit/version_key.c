#include "version_key.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "git_content.h"
#include "result.h"

int audit_version_key(struct repo *g, const char *rev, const char *path,
		      const char *oid, size_t max_size,
		      const struct audit_opts *opts, struct replay *context,
		      struct rule_edit *edit)
{
	struct audit_opts ao = *opts;
	struct source_item item;
	struct near_reader near;
	struct result scratch;
	int rc;

	rc = repo_item_read(g, rev, path, oid, ENTRY_FILE, false, max_size,
			    &item);
	if (rc != FK_ITEM)
		return rc;
	if (item.data) {
		near = source_item_near(&item);
		ao.schema = NULL;
		ao.context = context;
		ao.edit = NULL;
		ao.stmt_lines = true;
		ao.near = near.read ? &near : NULL;
		result_init(&scratch);
		rc = audit_text(&scratch, item.path, item.data, item.len, &ao);
		if (rc == 0 && scratch.nfiles == 1 &&
		    scratch.files[0].status == FILE_AUDITED) {
			const struct file_result *fr = &scratch.files[0];
			size_t n = fr->nstmt_lines * sizeof(*fr->stmt_lines);

			edit->old_sql_known = true;
			edit->old_sql_key = fr->sql_key;
			free(edit->old_lines);
			edit->old_lines = n ? malloc(n) : NULL;
			edit->nold_lines =
				edit->old_lines ? fr->nstmt_lines : 0;
			if (edit->old_lines)
				memcpy(edit->old_lines, fr->stmt_lines, n);
			else if (n)
				rc = FK_ENOMEM;
		}
		result_release(&scratch);
	}
	source_item_release(&item);
	return rc < 0 ? rc : 0;
}
