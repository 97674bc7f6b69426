#include "git_content.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "framework.h"

int repo_content_read(struct repo *g, const char *oid,
		      const char *worktree_path, size_t max_size, char **data,
		      size_t *len, enum file_status *status, struct buf *why)
{
	int rc;

	buf_reset(why);
	if (worktree_path)
		rc = repo_worktree_file(g, worktree_path, max_size, data, len,
					why);
	else
		rc = repo_blob(g, oid, max_size, data, len, why);
	if (rc < 0 && rc != FK_EGIT)
		return rc;
	*status = FILE_UNREADABLE; /* the message is in `why` */
	if (rc == FK_TOO_LARGE) {
		*status = FILE_TOO_LARGE;
		buf_addf(why,
			 "%zu bytes, over --max-file-size (%zu bytes); not "
			 "audited",
			 *len, max_size);
	} else if (rc == 0) {
		return FK_FOUND;
	}
	free(*data);
	*data = NULL;
	return why->failed ? FK_ENOMEM : 0;
}

const char *repo_content_skip_reason(enum entry_kind kind)
{
	switch (kind) {
	case ENTRY_SUBMODULE:
		return result_skip_reason(SKIP_SUBMODULE);
	case ENTRY_SYMLINK:
		return result_skip_reason(SKIP_SYMLINK);
	default:
		return NULL;
	}
}

int repo_near_read(void *ctx, const char *rel, struct buf *out)
{
	const struct repo_near *n = ctx;
	struct buf path = BUF_INIT;
	int rc;

	if (!framework_near_path(n->path, rel, &path)) {
		rc = path.failed ? FK_ENOMEM : 0;
		buf_release(&path);
		return rc;
	}
	rc = repo_path_read(n->g, n->sha, buf_str(&path), NEAR_MAX, out);
	buf_release(&path);
	return rc;
}

/* A change's path, and the reader of the files near it in `ctx`'s tree. */
static const char *changed(void *ctx, const void *elem,
			   struct near_reader *near)
{
	struct repo_near *gn = ctx;
	const struct change *c = elem;

	gn->path = c->path;
	near->read = repo_near_read;
	near->ctx = gn;
	return c->path;
}

int changes_sort_migrations(struct changes *c, struct repo *g, const char *sha)
{
	struct repo_near gn = { g, sha, NULL };

	return framework_sort(c->v, c->n, sizeof(*c->v), changed, &gn);
}
