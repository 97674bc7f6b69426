#include "git_content.h"

#include <stdlib.h>

#include "discover.h"
#include "error.h"

int git_content_read(struct git_source *g, const char *oid,
		     const char *worktree_path, size_t max_size, char **data,
		     size_t *len, enum file_status *status, struct buf *why)
{
	int rc;

	buf_reset(why);
	if (worktree_path)
		rc = git_source_worktree_file(g, worktree_path, max_size, data,
					      len, why);
	else
		rc = git_source_blob(g, oid, max_size, data, len, why);
	if (rc < 0 && rc != FK_EGIT)
		return rc;
	*status = FILE_UNREADABLE; /* the message is in `why` */
	if (rc == 1) {
		*status = FILE_TOO_LARGE;
		buf_addf(why,
			 "%zu bytes, over --max-file-size (%zu bytes); not "
			 "audited",
			 *len, max_size);
	} else if (rc == 0 && discover_is_lfs_pointer(*data, *len)) {
		buf_adds(why, "Git LFS pointer: the migration itself is stored "
			      "in Git LFS, outside the repository's objects; "
			      "not audited");
	} else if (rc == 0) {
		return 1;
	}
	free(*data);
	*data = NULL;
	return why->failed ? FK_ENOMEM : 0;
}

const char *git_content_skip_reason(enum git_entry_kind kind)
{
	switch (kind) {
	case GIT_ENTRY_SUBMODULE:
		return "submodule: fkaudit does not look for migrations inside "
		       "submodules; audit that repository on its own";
	case GIT_ENTRY_SYMLINK:
		return "symbolic link: not followed; the file it points to is "
		       "audited where it lives";
	default:
		return NULL;
	}
}
