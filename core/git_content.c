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

struct keyed_change {
	struct git_change change;
	char *key;
};

static int keyed_cmp(const void *a, const void *b)
{
	const struct keyed_change *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : strcmp(x->change.path, y->change.path);
}

int git_changes_sort_migrations(struct git_changes *c, struct git_source *g,
			const char *sha)
{
	struct keyed_change *v;
	struct buf key = BUF_INIT;
	size_t i;
	int rc = 0;

	if (c->n < 2)
		return 0;
	if (!(v = calloc(c->n, sizeof(*v))))
		return FK_ENOMEM;
	for (i = 0; i < c->n && rc == 0; i++) {
		struct git_near near = { g, sha, c->v[i].path };
		struct near_reader reader = { git_near_read, &near };

		v[i].change = c->v[i];
		rc = framework_order_key(c->v[i].path, &reader, &key);
		if (rc == 0 && !(v[i].key = strdup(buf_str(&key))))
			rc = FK_ENOMEM;
	}
	if (rc == 0) {
		qsort(v, c->n, sizeof(*v), keyed_cmp);
		for (i = 0; i < c->n; i++)
			c->v[i] = v[i].change;
	}
	for (i = 0; i < c->n; i++)
		free(v[i].key);
	free(v);
	buf_release(&key);
	return rc;
}
