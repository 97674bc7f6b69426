#include "git_content.h"

#include <stdlib.h>
#include <string.h>

#include "discover.h"
#include "error.h"
#include "framework.h"

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
	if (rc == FK_TOO_LARGE) {
		*status = FILE_TOO_LARGE;
		buf_addf(why,
			 "%zu bytes, over --max-file-size (%zu bytes); not "
			 "audited",
			 *len, max_size);
	} else if (rc == 0 && discover_is_lfs_pointer(*data, *len)) {
		buf_adds(why, discover_lfs_problem());
	} else if (rc == 0) {
		return FK_FOUND;
	}
	free(*data);
	*data = NULL;
	return why->failed ? FK_ENOMEM : 0;
}

const char *git_content_skip_reason(enum git_entry_kind kind)
{
	switch (kind) {
	case GIT_ENTRY_SUBMODULE:
		return result_skip_reason(SKIP_SUBMODULE);
	case GIT_ENTRY_SYMLINK:
		return result_skip_reason(SKIP_SYMLINK);
	default:
		return NULL;
	}
}

int git_near_read(void *ctx, const char *rel, struct buf *out)
{
	const struct git_near *n = ctx;
	struct buf path = BUF_INIT;
	int rc;

	if (!framework_near_path(n->path, rel, &path)) {
		rc = path.failed ? FK_ENOMEM : 0;
		buf_release(&path);
		return rc;
	}
	rc = git_source_path_read(n->g, n->sha, buf_str(&path), NEAR_MAX, out);
	buf_release(&path);
	return rc;
}

/* A change's path, and the reader of the files near it in `ctx`'s tree. */
static const char *changed(void *ctx, const void *elem,
			   struct near_reader *near)
{
	struct git_near *gn = ctx;
	const struct git_change *c = elem;

	gn->path = c->path;
	near->read = git_near_read;
	near->ctx = gn;
	return c->path;
}

int git_changes_sort_migrations(struct git_changes *c, struct git_source *g,
				const char *sha)
{
	struct git_near gn = { g, sha, NULL };

	return framework_sort(c->v, c->n, sizeof(*c->v), changed, &gn);
}
