/* The repository: opening it, naming revisions, reading objects. */
#include "git_internal.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "array.h"
#include "error.h"
#include "git_loose.h"
#include "git_pack.h"
#include "strmap.h"
#include "utf8.h"

int repo_fail(struct buf *err, const char *fmt, ...)
{
	va_list ap;
	char msg[1024], why[1024];
	int n;

	va_start(ap, fmt);
	n = vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	utf8_fit(msg, sizeof(msg), n);
	repo_reason_take(why, sizeof(why));
	buf_reset(err);
	buf_adds(err, msg);
	buf_adds(err, why);
	return FK_EGIT;
}

void repo_reason_take(char *out, size_t size)
{
	const git_error *e = git_error_last();
	int n = 0;

	if (size == 0)
		return;
	*out = '\0';
	if (e && e->message && *e->message)
		n = snprintf(out, size, " (%s)", e->message);
	utf8_fit(out, size, n);
	git_error_clear();
}

void repo_hex(const git_oid *oid, char out[41])
{
	git_oid_tostr(out, 41, oid);
}

int repo_entry_kind_of(git_filemode_t mode)
{
	switch (mode) {
	case GIT_FILEMODE_TREE:
		return -1;
	case GIT_FILEMODE_LINK:
		return ENTRY_SYMLINK;
	case GIT_FILEMODE_COMMIT:
		return ENTRY_SUBMODULE;
	default:
		return ENTRY_FILE;
	}
}

int repo_open(struct repo **out, const char *dir, struct buf *err)
{
	struct repo *g;
	char real[PATH_MAX];
	const char *wd;
	int rc;

	*out = NULL;
	if (!realpath(dir, real)) {
		buf_reset(err);
		buf_addf(err, "cannot use folder '%s': %s", dir,
			 strerror(errno));
		return FK_EGIT;
	}
	if (!(g = calloc(1, sizeof(*g))))
		return FK_ENOMEM;
	git_libgit2_init();
	rc = git_repository_open_ext(&g->repo, real, 0,
				     getenv("GIT_CEILING_DIRECTORIES"));
	if (rc < 0) {
		git_error_clear();
		buf_reset(err);
		buf_addf(err, "not a git repository (or any parent folder): %s",
			 real);
		repo_free(g);
		return FK_EGIT;
	}
	if (loose_guard(g->repo) < 0) {
		rc = repo_fail(err, "cannot read the objects of %s", real);
		repo_free(g);
		return rc;
	}
	g->bare = git_repository_is_bare(g->repo);
	wd = git_repository_workdir(g->repo);
	if (wd && !(g->workdir = strdup(wd))) {
		repo_free(g);
		return FK_ENOMEM;
	}
	*out = g;
	return 0;
}

const char *repo_workdir(const struct repo *g)
{
	return g->workdir;
}

void repo_free(struct repo *g)
{
	if (!g)
		return;
	git_tree_free(g->tree);
	git_repository_free(g->repo);
	free(g->workdir);
	free(g);
	git_libgit2_shutdown();
}

/*
 * Why `rev`, which libgit2 did not find, does not resolve: the repository
 * has no commits, the branch it names has none, the object its reference
 * points to is missing (or in a pack that is corrupt), or nothing has
 * that name. Sets `err`; FK_EGIT, or FK_ENOMEM.
 */
/*
 * Why a revision may be unknown in a CI checkout, which fetches one
 * branch and often one commit: what to fetch.
 */
static void unknown_hint(struct repo *g, const char *rev, struct buf *err)
{
	bool shallow = git_repository_is_shallow(g->repo) == 1;
	bool remote = strncmp(rev, "origin/", 7) == 0;

	if (remote)
		buf_addf(err,
			 " in this %sclone; fetch it first ('git fetch origin "
			 "%s:refs/remotes/%s'; with actions/checkout, "
			 "'fetch-depth: 0' fetches every branch and the whole "
			 "history)",
			 shallow ? "shallow " : "", rev + 7, rev);
	else if (shallow)
		buf_adds(err,
			 " in this shallow clone; fetch more history "
			 "('git fetch --unshallow'; with actions/checkout, "
			 "'fetch-depth: 0')");
}

static int not_found(struct repo *g, const char *rev, struct buf *err)
{
	git_reference *ref = NULL, *target = NULL;
	git_buf objects = { 0 };
	struct buf pack = BUF_INIT;
	const char *name;
	char hex[41];

	buf_reset(err);
	if (git_repository_is_empty(g->repo) == 1) {
		buf_addf(err,
			 "revision '%s': the repository has no commits yet",
			 rev);
	} else if (git_reference_lookup(&ref, g->repo, rev) < 0 &&
		   git_reference_dwim(&ref, g->repo, rev) < 0) {
		buf_addf(err,
			 "unknown revision '%s': no branch, tag or commit has "
			 "that name",
			 rev);
		unknown_hint(g, rev, err);
	} else if (git_reference_resolve(&target, ref) < 0) {
		name = git_reference_symbolic_target(ref);
		if (name && strncmp(name, "refs/heads/", 11) == 0)
			name += 11;
		buf_addf(err, "revision '%s': branch '%s' has no commits yet",
			 rev, name ? name : rev);
	} else {
		repo_hex(git_reference_target(target), hex);
		if (git_repository_item_path(&objects, g->repo,
					     GIT_REPOSITORY_ITEM_OBJECTS) ==
			    0 &&
		    pack_find_broken(objects.ptr, hex, &pack))
			buf_addf(err,
				 "revision '%s': object %s is in pack %s, "
				 "which is corrupt (it does not match its "
				 "index: truncated?)",
				 rev, hex, buf_str(&pack));
		else
			buf_addf(err,
				 "revision '%s': object %s it points to is "
				 "missing from the repository's objects",
				 rev, hex);
	}
	git_buf_dispose(&objects);
	git_reference_free(target);
	git_reference_free(ref);
	git_error_clear();
	buf_release(&pack);
	return err->failed || pack.failed ? FK_ENOMEM : FK_EGIT;
}

int repo_resolve(struct repo *g, const char *rev, char sha[41], struct buf *err)
{
	git_object *obj = NULL, *commit = NULL;
	int rc = git_revparse_single(&obj, g->repo, rev);

	if (rc == GIT_EAMBIGUOUS) {
		git_error_clear();
		buf_reset(err);
		buf_addf(err, "revision '%s' is ambiguous", rev);
		return FK_EGIT;
	}
	if (rc == GIT_ENOTFOUND || rc == GIT_EINVALIDSPEC)
		return not_found(g, rev, err);
	if (rc < 0)
		return repo_fail(err, "cannot read revision '%s'", rev);
	rc = git_object_peel(&commit, obj, GIT_OBJECT_COMMIT);
	git_object_free(obj);
	if (rc < 0)
		return repo_fail(err, "revision '%s' does not name a commit",
				 rev);
	repo_hex(git_object_id(commit), sha);
	git_object_free(commit);
	return 0;
}

/* Whether `rev` resolves, without leaving an error behind. */
static bool exists(struct repo *g, const char *rev)
{
	git_object *obj = NULL;
	bool ok = git_revparse_single(&obj, g->repo, rev) == 0;

	git_object_free(obj);
	git_error_clear();
	return ok;
}

static int upstream_of_head(struct repo *g, struct buf *name, struct buf *why)
{
	git_reference *head = NULL, *up = NULL;
	int found = 0;

	if (git_repository_head(&head, g->repo) == 0 &&
	    git_reference_is_branch(head) &&
	    git_branch_upstream(&up, head) == 0) {
		buf_adds(name, git_reference_shorthand(up));
		buf_addf(why, "the upstream of %s",
			 git_reference_shorthand(head));
		found = 1;
	}
	git_reference_free(up);
	git_reference_free(head);
	git_error_clear();
	return found;
}

static int origin_head(struct repo *g, struct buf *name, struct buf *why)
{
	git_reference *ref = NULL, *resolved = NULL;
	int found = 0;

	if (git_reference_lookup(&ref, g->repo, "refs/remotes/origin/HEAD") ==
		    0 &&
	    git_reference_resolve(&resolved, ref) == 0) {
		buf_adds(name, git_reference_shorthand(resolved));
		buf_adds(why, "origin/HEAD");
		found = 1;
	}
	git_reference_free(resolved);
	git_reference_free(ref);
	git_error_clear();
	return found;
}

int repo_default_base(struct repo *g, struct buf *name, struct buf *why,
		      struct buf *err)
{
	static const char *const fallbacks[] = { "main", "origin/main",
						 "master", "origin/master" };
	size_t i;

	buf_reset(name);
	buf_reset(why);
	if (upstream_of_head(g, name, why) || origin_head(g, name, why))
		return name->failed || why->failed ? FK_ENOMEM : 0;
	for (i = 0; i < sizeof(fallbacks) / sizeof(fallbacks[0]); i++) {
		if (!exists(g, fallbacks[i]))
			continue;
		buf_adds(name, fallbacks[i]);
		buf_adds(why, "no upstream and no origin/HEAD; found");
		return name->failed || why->failed ? FK_ENOMEM : 0;
	}
	buf_reset(err);
	buf_adds(err, "no base to compare with: the branch has no upstream, "
		      "and there is no origin/HEAD, main or master; name one: "
		      "fkaudit diff BASE");
	return FK_EGIT;
}

struct oid_queue {
	git_oid *v;
	size_t n, cap, next;
};

static int queue_push(struct oid_queue *q, struct strmap *seen, struct arena *a,
		      const git_oid *oid)
{
	char hex[41], *key;

	repo_hex(oid, hex);
	if (strmap_get(seen, hex))
		return 0;
	if (!(key = arena_strdup(a, hex)) || strmap_put(seen, key, key) < 0 ||
	    array_grow((void **)&q->v, &q->cap, q->n, sizeof(*q->v)) < 0)
		return FK_ENOMEM;
	q->v[q->n++] = *oid;
	return 0;
}

/*
 * Breadth first from `start`: marks every commit reached in `seen`;
 * with `stop`, returns 1 at the first commit that `stop` holds (in
 * `out`). A parent that is not in the object database (the edge of a
 * shallow clone) ends that line.
 */
static int walk_ancestors(struct repo *g, const git_oid *start,
			  struct strmap *seen, struct arena *a,
			  const struct strmap *stop, git_oid *out)
{
	struct oid_queue q = { 0 };
	int rc = queue_push(&q, seen, a, start);

	while (rc == 0 && q.next < q.n) {
		git_oid oid = q.v[q.next++];
		git_commit *c = NULL;
		char hex[41];
		unsigned i;

		if (git_commit_lookup(&c, g->repo, &oid) < 0) {
			git_error_clear(); /* beyond the shallow edge */
			continue;
		}
		repo_hex(&oid, hex);
		if (stop && strmap_get(stop, hex)) {
			git_commit_free(c);
			*out = oid;
			rc = 1;
			break;
		}
		for (i = 0; rc == 0 && i < git_commit_parentcount(c); i++)
			rc = queue_push(&q, seen, a,
					git_commit_parent_id(c, i));
		git_commit_free(c);
	}
	free(q.v);
	return rc;
}

/*
 * The merge base in a shallow clone. libgit2 1.5 knows nothing of
 * shallow clones: its merge-base walk fails at the first missing parent
 * (and leaks). This walks what is there: the nearest commit, breadth
 * first from `b`, that `a` also reaches. 1 when found, 0 when not.
 */
static int shallow_merge_base(struct repo *g, const git_oid *oa,
			      const git_oid *ob, git_oid *out)
{
	struct strmap from_a = STRMAP_INIT, from_b = STRMAP_INIT;
	struct arena arena = ARENA_INIT;
	int rc = walk_ancestors(g, oa, &from_a, &arena, NULL, NULL);

	if (rc == 0)
		rc = walk_ancestors(g, ob, &from_b, &arena, &from_a, out);
	strmap_release(&from_a);
	strmap_release(&from_b);
	arena_release(&arena);
	return rc;
}

int repo_merge_base(struct repo *g, const char *a, const char *b, char out[41],
		    struct buf *err)
{
	git_oid oa, ob, base;
	int rc;

	if (git_oid_fromstr(&oa, a) < 0 || git_oid_fromstr(&ob, b) < 0)
		return repo_fail(err, "bad object id");
	if (git_repository_is_shallow(g->repo) == 1) {
		rc = shallow_merge_base(g, &oa, &ob, &base);
		if (rc < 0)
			return rc;
		rc = rc == 1 ? 0 : GIT_ENOTFOUND;
	} else {
		rc = git_merge_base(&base, g->repo, &oa, &ob);
	}
	if (rc == GIT_ENOTFOUND) {
		git_error_clear();
		buf_reset(err);
		if (git_repository_is_shallow(g->repo))
			buf_addf(err,
				 "no merge base between %.7s and %.7s in this "
				 "shallow clone: its history stops before "
				 "they meet. Fetch more history with 'git "
				 "fetch --deepen=200' (or 'git fetch "
				 "--unshallow'; with actions/checkout, "
				 "'fetch-depth: 0') and run again",
				 a, b);
		else
			buf_addf(err,
				 "%.7s and %.7s have no common ancestor: "
				 "their histories are unrelated",
				 a, b);
		return FK_EGIT;
	}
	if (rc < 0)
		return repo_fail(err,
				 "cannot find the merge base of %.7s and "
				 "%.7s",
				 a, b);
	repo_hex(&base, out);
	return 0;
}

int repo_commit_of(struct repo *g, const char *sha, git_commit **out,
		   struct buf *err)
{
	git_oid oid;

	if (git_oid_fromstr(&oid, sha) < 0)
		return repo_fail(err, "bad object id '%s'", sha);
	if (git_commit_lookup(out, g->repo, &oid) < 0)
		return repo_fail(err,
				 "commit %s is missing or corrupt in the "
				 "object database",
				 sha);
	return 0;
}

int repo_commit(struct repo *g, const char *sha, struct commit_info *out,
		struct arena *arena, struct buf *err)
{
	git_commit *c = NULL;
	const git_signature *a;
	const char *summary;
	int rc;

	if ((rc = repo_commit_of(g, sha, &c, err)) < 0)
		return rc;
	memset(out, 0, sizeof(*out));
	memcpy(out->sha, sha, 41);
	a = git_commit_author(c);
	summary = git_commit_summary(c);
	out->author = arena_strdup(arena, a && a->name ? a->name : "");
	out->email = arena_strdup(arena, a && a->email ? a->email : "");
	out->time = a ? (int64_t)a->when.time : 0;
	out->offset = a ? a->when.offset : 0;
	out->subject = arena_strdup(arena, summary ? summary : "");
	git_commit_free(c);
	if (!out->author || !out->email || !out->subject)
		return FK_ENOMEM;
	return 0;
}

int repo_describe(struct repo *g, const char *sha, struct vcs_info *out)
{
	git_reference *head = NULL;
	git_remote *remote = NULL;
	char hex[41];

	memset(out, 0, sizeof(*out));
	out->found = true;
	out->prefix = strdup("");
	out->root =
		strdup(g->workdir ? g->workdir : git_repository_path(g->repo));
	if (!out->prefix || !out->root)
		return FK_ENOMEM;
	if (git_repository_head(&head, g->repo) == 0) {
		if (!sha && git_reference_target(head)) {
			repo_hex(git_reference_target(head), hex);
			sha = hex;
		}
		if (git_reference_is_branch(head) &&
		    !(out->branch = strdup(git_reference_shorthand(head))))
			goto oom;
	}
	if (sha && !(out->revision = strdup(sha)))
		goto oom;
	if (git_remote_lookup(&remote, g->repo, "origin") == 0 &&
	    git_remote_url(remote))
		out->remote_url = vcs_normalize_remote(git_remote_url(remote));
	git_remote_free(remote);
	git_reference_free(head);
	git_error_clear();
	return 0;
oom:
	git_reference_free(head);
	return FK_ENOMEM;
}

/*
 * The size of object `oid` from its header, without inflating its
 * content (git_blob_lookup() reads all of it): false when the header
 * cannot be read, and then the lookup says why.
 */
static bool header_size(struct repo *g, const git_oid *oid,
			git_object_size_t *size)
{
	git_odb *odb = NULL;
	git_object_t type;
	size_t n = 0;
	bool ok;

	ok = git_repository_odb(&odb, g->repo) == 0 &&
	     git_odb_read_header(&n, &type, odb, oid) == 0 &&
	     type == GIT_OBJECT_BLOB;
	git_odb_free(odb);
	git_error_clear();
	*size = n;
	return ok;
}

int repo_blob(struct repo *g, const char *oid_hex, size_t max_size, char **data,
	      size_t *len, struct buf *err)
{
	git_blob *blob = NULL;
	git_oid oid;
	git_object_size_t size;

	*data = NULL;
	*len = 0;
	if (git_oid_fromstr(&oid, oid_hex) < 0)
		return repo_fail(err, "bad object id '%s'", oid_hex);
	if (header_size(g, &oid, &size) && size > max_size) {
		*len = (size_t)size;
		return FK_TOO_LARGE;
	}
	if (git_blob_lookup(&blob, g->repo, &oid) < 0)
		return repo_fail(err,
				 "blob %.12s is missing or corrupt in the "
				 "object database",
				 oid_hex);
	size = git_blob_rawsize(blob);
	if (size > max_size) {
		git_blob_free(blob);
		*len = (size_t)size;
		return FK_TOO_LARGE;
	}
	*data = malloc((size_t)size + 1);
	if (!*data) {
		git_blob_free(blob);
		return FK_ENOMEM;
	}
	memcpy(*data, git_blob_rawcontent(blob), (size_t)size);
	(*data)[size] = '\0';
	*len = (size_t)size;
	git_blob_free(blob);
	return 0;
}

int repo_worktree_file(struct repo *g, const char *path, size_t max_size,
		       char **data, size_t *len, struct buf *err)
{
	struct buf full = BUF_INIT;
	struct stat st;
	FILE *f = NULL;
	int rc = FK_EGIT;

	*data = NULL;
	*len = 0;
	buf_addf(&full, "%s%s", g->workdir ? g->workdir : "", path);
	if (full.failed)
		return FK_ENOMEM;
	if (stat(buf_str(&full), &st) < 0 ||
	    !(f = fopen(buf_str(&full), "rb"))) {
		buf_reset(err);
		buf_addf(err, "cannot read '%s': %s", path, strerror(errno));
		goto done;
	}
	if ((size_t)st.st_size > max_size) {
		*len = (size_t)st.st_size;
		rc = 1;
		goto done;
	}
	if (!(*data = malloc((size_t)st.st_size + 1))) {
		rc = FK_ENOMEM;
		goto done;
	}
	*len = fread(*data, 1, (size_t)st.st_size, f);
	if (ferror(f)) {
		free(*data);
		*data = NULL;
		buf_reset(err);
		buf_addf(err, "cannot read '%s': %s", path, strerror(errno));
		goto done;
	}
	(*data)[*len] = '\0';
	rc = 0;
done:
	if (f)
		fclose(f);
	buf_release(&full);
	return rc;
}

int changes_add(struct changes *c, enum change_kind kind, enum entry_kind entry,
		const char *path, const char *old_path, const git_oid *oid,
		const git_oid *old_oid)
{
	struct change *ch;

	if (array_grow((void **)&c->v, &c->cap, c->n, sizeof(*ch)) < 0)
		return FK_ENOMEM;
	ch = &c->v[c->n];
	memset(ch, 0, sizeof(*ch));
	ch->kind = kind;
	ch->entry = entry;
	ch->path = strdup(path);
	ch->old_path = old_path ? strdup(old_path) : NULL;
	if (oid)
		repo_hex(oid, ch->oid);
	if (old_oid)
		repo_hex(old_oid, ch->old_oid);
	if (!ch->path || (old_path && !ch->old_path)) {
		free(ch->path);
		free(ch->old_path);
		return FK_ENOMEM;
	}
	c->n++;
	return 0;
}

void changes_release(struct changes *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->v[i].path);
		free(c->v[i].old_path);
	}
	free(c->v);
	memset(c, 0, sizeof(*c));
}

static int change_cmp(const void *pa, const void *pb)
{
	const struct change *a = pa, *b = pb;

	return strcmp(a->path, b->path);
}

void changes_sort(struct changes *c)
{
	if (c->n > 1)
		qsort(c->v, c->n, sizeof(*c->v), change_cmp);
}

void line_ranges_release(struct line_ranges *r)
{
	free(r->v);
	memset(r, 0, sizeof(*r));
}

bool line_ranges_touch(const struct line_ranges *r, uint32_t first,
		       uint32_t last)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->v[i].first <= last && first <= r->v[i].last)
			return true;
	return false;
}
