#include "git_content.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "framework.h"

/*
 * FK_FOUND with *data (malloc'd, one spare byte) and *len; 0 with *status
 * and the reason in `why`; FK_ENOMEM.
 */
static int repo_content_read(struct repo *g, const char *oid,
			     const char *worktree_path, size_t max_size,
			     char **data, size_t *len, enum file_status *status,
			     struct buf *why)
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

/*
 * A near_reader on a revision: the files next to migration `path` are
 * read from commit `sha`'s tree, or from the work tree when `sha` is NULL.
 */
struct repo_near {
	struct repo *g;
	const char *sha;
	const char *path;
};

static int repo_near_read(void *ctx, const char *rel, struct buf *out)
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

static int item_near_read(const struct source_item *item, const char *rel,
			  struct buf *out)
{
	struct repo_near near = { item->origin.repo, item->origin.rev,
				  item->path };

	return repo_near_read(&near, rel, out);
}

int repo_item_read(struct repo *g, const char *rev, const char *path,
		   const char *oid, enum entry_kind entry, bool worktree,
		   size_t max_size, struct source_item *item)
{
	struct buf why = BUF_INIT;
	const char *skip = repo_content_skip_reason(entry);
	int rc = 0;

	memset(item, 0, sizeof(*item));
	item->origin.kind = worktree ? ORIGIN_WORKTREE : ORIGIN_BLOB;
	item->origin.repo = g;
	item->origin.rev = rev;
	if (oid)
		snprintf(item->origin.oid, sizeof(item->origin.oid), "%s", oid);
	item->near_read = item_near_read;
	if (!(item->path = strdup(path)))
		return FK_ENOMEM;
	if (skip) {
		item->status = FILE_SKIPPED;
		item->problem = strdup(skip);
	} else {
		rc = repo_content_read(g, oid, worktree ? path : NULL, max_size,
				       &item->data, &item->len, &item->status,
				       &why);
		if (rc == 0)
			item->problem = strdup(buf_str(&why));
		if (item->data) /* the spare byte (source.h) */
			item->data[item->len] = '\0';
	}
	buf_release(&why);
	if (rc < 0 || (!item->data && !item->problem)) {
		source_item_release(item);
		return FK_ENOMEM;
	}
	return FK_ITEM;
}

int change_source_next(struct change_source *src, struct source_item *item)
{
	const struct change *c;
	int rc;

	memset(item, 0, sizeof(*item));
	while (src->next < src->changes->n) {
		c = &src->changes->v[src->next++];
		if (c->kind == CHANGE_DELETED ||
		    (src->files_only && c->entry != ENTRY_FILE))
			continue;
		rc = repo_item_read(src->g, src->rev, c->path, c->oid, c->entry,
				    c->worktree, src->max_size, item);
		if (rc != FK_ITEM)
			return rc;
		item->origin.change = c;
		if (item->data || !src->files_only)
			return FK_ITEM;
		source_item_release(item);
	}
	return 0;
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
