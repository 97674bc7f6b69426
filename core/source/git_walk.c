/*
 * The history walk: the commits reachable from a revision, oldest first,
 * each with the migration files it changed. Trees are compared by id
 * first, so a commit that leaves a folder alone costs one id comparison
 * for that folder, whatever it holds.
 */
#include "git_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "error.h"
#include "git_revs.h"

struct walk {
	struct repo *g;
	git_oid *commits; /* oldest first */
	size_t n, cap, next;
	char rev[41];
	git_tree *rev_tree;
	bool first_parent;
	const struct path_filter *filter;
	git_commit *current;
	struct changes changes;
	struct arena arena; /* the current commit's strings */
	struct buf path;
	struct buf *err; /* during walk_next() */
	/*
	 * The trees read for this commit and for the one before: a
	 * folder's new tree in one commit is its old tree in the next.
	 * libgit2 does not cache trees over 4 KiB (a migration folder of a
	 * hundred files), so the walk keeps them itself, and frees them
	 * one commit later: memory does not grow with the history.
	 */
	struct held_trees {
		struct held_tree {
			git_oid id;
			git_tree *tree;
		} * v;
		size_t n, cap;
	} cur, prev;
	/* walk_rev_blob()'s last folder */
	char *rev_dir;
	size_t rev_dir_len;
	git_tree *rev_dir_tree;
	/* the commits that could not be read, each with its child */
	struct rev_missing *missing;
	size_t nmissing;
	/* the current commit's problems (strings in `arena`) */
	struct walk_problem *problems;
	size_t nproblems, problems_cap;
	char sha[41], parent_sha[41]; /* the commit compared and its parent */
	char why[160]; /* why the tree looked up last could not be read */
	/*
	 * Each tree that could not be read as a commit's new tree, with
	 * the tree read at its place in that commit's parent (none: the
	 * folder was not there). A child of that commit compares with the
	 * stand-in, so what changed in between is seen in the child.
	 */
	struct stand_in {
		git_oid missing;
		git_oid good;
		bool has_good;
	} * stand_ins;
	size_t nstand_ins, stand_ins_cap;
};

static void held_release(struct held_trees *h);

/*
 * The commits read one by one (rev_list_readable()), when libgit2's walk
 * stops at one it cannot read.
 */
static int collect_readable(struct walk *w, const git_oid *start,
			    const struct walk_opts *o)
{
	struct rev_list revs;
	int rc;

	git_error_clear();
	if ((rc = rev_list_readable(&revs, w->g->repo, start, o)) < 0)
		return rc;
	free(w->commits);
	w->commits = revs.v;
	w->n = revs.n;
	w->cap = revs.cap;
	w->missing = revs.missing;
	w->nmissing = revs.nmissing;
	return 0;
}

static int collect(struct walk *w, const git_oid *start,
		   const struct walk_opts *o, struct buf *err)
{
	git_revwalk *rw = NULL;
	git_oid oid;
	size_t i;
	int rc;

	if (git_revwalk_new(&rw, w->g->repo) < 0)
		return repo_fail(err, "cannot walk the history");
	git_revwalk_sorting(rw, GIT_SORT_TOPOLOGICAL);
	if (o->first_parent)
		git_revwalk_simplify_first_parent(rw);
	if (git_revwalk_push(rw, start) < 0) {
		rc = repo_fail(err, "cannot walk the history of %.12s", w->rev);
		goto done;
	}
	while ((rc = git_revwalk_next(&oid, rw)) == 0) {
		if (o->since) {
			git_commit *c = NULL;
			bool old;

			if (git_commit_lookup(&c, w->g->repo, &oid) < 0) {
				rc = GIT_ERROR;
				break;
			}
			old = (int64_t)git_commit_time(c) < o->since;
			git_commit_free(c);
			if (old)
				continue;
		}
		if (array_grow((void **)&w->commits, &w->cap, w->n,
			       sizeof(oid)) < 0) {
			rc = FK_ENOMEM;
			goto done;
		}
		w->commits[w->n++] = oid;
		if (o->max_commits && w->n == o->max_commits)
			break;
	}
	if (rc < 0 && rc != GIT_ITEROVER) {
		/* a commit that cannot be read: the problems say which */
		w->n = 0;
		rc = collect_readable(w, start, o);
		goto done;
	}
	git_error_clear();
	rc = 0;
	for (i = 0; i < w->n / 2; i++) { /* newest first → oldest first */
		oid = w->commits[i];
		w->commits[i] = w->commits[w->n - 1 - i];
		w->commits[w->n - 1 - i] = oid;
	}
done:
	git_revwalk_free(rw);
	return rc;
}

int walk_open(struct walk **out, struct repo *g, const struct walk_opts *o,
	      struct buf *err)
{
	struct walk *w = calloc(1, sizeof(*w));
	git_commit *c = NULL;
	git_oid oid;
	int rc;

	*out = NULL;
	if (!w)
		return FK_ENOMEM;
	if (git_repository_is_shallow(g->repo) == 1) {
		free(w);
		buf_reset(err);
		buf_adds(err,
			 "this is a shallow clone: its history stops short, "
			 "so findings cannot be attributed to the commits "
			 "that introduced them. Fetch the whole history "
			 "with 'git fetch --unshallow' (with "
			 "actions/checkout, 'fetch-depth: 0') and run "
			 "again");
		return FK_EGIT;
	}
	/*
	 * libgit2 hashes every object it reads again, to check it: most of
	 * a history walk's time. git does not; a corrupt object still fails
	 * to inflate or parse.
	 */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	/*
	 * The walk keeps the trees it needs again (held_trees); libgit2's
	 * own cache (256 MiB by default) would only fill with every commit
	 * and small tree of the history.
	 */
	git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)4 << 20);
	w->g = g;
	w->first_parent = o->first_parent;
	w->filter = o->filter;
	if ((rc = repo_resolve(g, o->rev ? o->rev : "HEAD", w->rev, err)) < 0)
		goto fail;
	git_oid_fromstr(&oid, w->rev);
	if ((rc = repo_commit_of(g, w->rev, &c, err)) < 0)
		goto fail;
	rc = git_commit_tree(&w->rev_tree, c);
	git_commit_free(c);
	if (rc < 0) {
		rc = repo_fail(err, "the tree of %.12s is missing or corrupt",
			       w->rev);
		goto fail;
	}
	if ((rc = collect(w, &oid, o, err)) < 0)
		goto fail;
	*out = w;
	return 0;
fail:
	walk_free(w);
	return rc;
}

void walk_free(struct walk *w)
{
	if (!w)
		return;
	git_commit_free(w->current);
	held_release(&w->cur);
	held_release(&w->prev);
	free(w->cur.v);
	free(w->prev.v);
	git_tree_free(w->rev_tree);
	git_tree_free(w->rev_dir_tree);
	free(w->rev_dir);
	free(w->missing);
	free(w->problems);
	free(w->stand_ins);
	changes_release(&w->changes);
	arena_release(&w->arena);
	buf_release(&w->path);
	free(w->commits);
	free(w);
}

const char *walk_rev(const struct walk *w)
{
	return w->rev;
}

size_t walk_total(const struct walk *w)
{
	return w->n;
}

/* Whether the walk goes into folder `dir` (or sees a submodule there). */
static bool walk_enters(const struct walk *w, const char *dir)
{
	return !w->filter->enters || w->filter->enters(w->filter->ctx, dir);
}

/* Records one changed non-tree entry at w->path, if it matters. */
static int record(struct walk *w, const git_tree_entry *now,
		  const git_tree_entry *before)
{
	const git_tree_entry *e = now ? now : before;
	int kind = repo_entry_kind_of(git_tree_entry_filemode(e));
	const char *path = buf_str(&w->path);

	if (kind < 0)
		return 0;
	if (kind == ENTRY_SUBMODULE ? !walk_enters(w, path)
				    : !w->filter->wants(w->filter->ctx, path))
		return 0;
	if (!now)
		return changes_add(&w->changes, CHANGE_DELETED,
				   (enum entry_kind)kind, path, NULL, NULL,
				   git_tree_entry_id(before));
	return changes_add(&w->changes, before ? CHANGE_MODIFIED : CHANGE_ADDED,
			   (enum entry_kind)kind, path, before ? path : NULL,
			   git_tree_entry_id(now),
			   before ? git_tree_entry_id(before) : NULL);
}

static bool is_tree(const git_tree_entry *e)
{
	return git_tree_entry_type(e) == GIT_OBJECT_TREE;
}

static void held_release(struct held_trees *h)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		git_tree_free(h->v[i].tree);
	h->n = 0;
}

static git_tree *held_find(const struct held_trees *h, const git_oid *id)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		if (git_oid_equal(&h->v[i].id, id))
			return h->v[i].tree;
	return NULL;
}

/*
 * Tree `id`, borrowed from the walk until the commit after next: 0, 1
 * with *out NULL when it is missing or corrupt, or FK_ENOMEM.
 */
static int tree_by_id(struct walk *w, const git_oid *id, git_tree **out)
{
	struct held_tree *t;

	if ((*out = held_find(&w->cur, id)) || (*out = held_find(&w->prev, id)))
		return 0;
	if (array_grow((void **)&w->cur.v, &w->cur.cap, w->cur.n, sizeof(*t)) <
	    0)
		return FK_ENOMEM;
	if (git_tree_lookup(out, w->g->repo, id) < 0) {
		repo_reason_take(w->why, sizeof(w->why));
		*out = NULL;
		return 1;
	}
	t = &w->cur.v[w->cur.n++];
	t->id = *id;
	t->tree = *out;
	return 0;
}

/* Adds a problem at `path` to the current commit's. */
static int add_problem(struct walk *w, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int add_problem(struct walk *w, const char *path, const char *fmt, ...)
{
	struct walk_problem *p;
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (array_grow((void **)&w->problems, &w->problems_cap, w->nproblems,
		       sizeof(*p)) < 0)
		return FK_ENOMEM;
	p = &w->problems[w->nproblems];
	p->path = arena_strdup(&w->arena, path);
	p->message = arena_strdup(&w->arena, msg);
	if (!p->path || !p->message)
		return FK_ENOMEM;
	w->nproblems++;
	return 0;
}

/* Notes that tree `id` at w->path of commit `sha` cannot be read. */
static int tree_missing(struct walk *w, const git_oid *id, const char *sha)
{
	const char *path = w->path.len ? buf_str(&w->path) : ".";
	char hex[41];

	repo_hex(id, hex);
	return add_problem(w, path,
			   "tree '%s' (%.12s) of commit %.7s is missing or "
			   "corrupt; what changed in it at that commit is "
			   "seen in the next commit that can read the folder%s",
			   path, hex, sha, w->why);
}

static const struct stand_in *stand_in_of(const struct walk *w,
					  const git_oid *id)
{
	size_t i;

	for (i = 0; i < w->nstand_ins; i++)
		if (git_oid_equal(&w->stand_ins[i].missing, id))
			return &w->stand_ins[i];
	return NULL;
}

/*
 * The old tree `id` at w->path (the parent's): itself, or the stand-in of
 * a tree that could not be read (noted when the parent was compared), or
 * NULL (the folder compares as added). 0 or FK_ENOMEM.
 */
static int before_tree(struct walk *w, const git_oid *id, git_tree **out)
{
	const struct stand_in *s;
	int rc = tree_by_id(w, id, out);

	if (rc != 1)
		return rc;
	if (!(s = stand_in_of(w, id)))
		return tree_missing(w, id, w->parent_sha);
	if (s->has_good && tree_by_id(w, &s->good, out) < 0)
		return FK_ENOMEM;
	return 0;
}

/*
 * The new tree `id` at w->path: 0 with *out, 1 when it cannot be read
 * (noted; `before` is its stand-in from now on), or FK_ENOMEM.
 */
static int now_tree(struct walk *w, const git_oid *id, const git_tree *before,
		    git_tree **out)
{
	struct stand_in *s;
	int rc = tree_by_id(w, id, out);

	if (rc != 1)
		return rc;
	if ((rc = tree_missing(w, id, w->sha)) < 0)
		return rc;
	if (stand_in_of(w, id))
		return 1;
	if (array_grow((void **)&w->stand_ins, &w->stand_ins_cap, w->nstand_ins,
		       sizeof(*s)) < 0)
		return FK_ENOMEM;
	s = &w->stand_ins[w->nstand_ins++];
	s->missing = *id;
	s->has_good = before != NULL;
	if (before)
		s->good = *git_tree_id(before);
	return 1;
}

static void path_truncate(struct buf *b, size_t len)
{
	if (b->ptr) {
		b->len = len;
		b->ptr[len] = '\0';
	}
}

static int compare(struct walk *w, const git_tree *before, const git_tree *now);

/* Compares what two entries at w->path hold; either may be NULL. */
static int compare_entries(struct walk *w, const git_tree_entry *before,
			   const git_tree_entry *now)
{
	bool tb = before && is_tree(before), tn = now && is_tree(now);
	bool unread = false;
	git_tree *sb = NULL, *sn = NULL;
	size_t len = w->path.len;
	int rc = 0;

	/* a folder that holds no migration is not read */
	if ((tb || tn) && !walk_enters(w, buf_str(&w->path))) {
		if (tb)
			before = NULL;
		if (tn)
			now = NULL;
		tb = tn = false;
	}

	if (tb && (rc = before_tree(w, git_tree_entry_id(before), &sb)) < 0)
		return rc;
	if (tn && (rc = now_tree(w, git_tree_entry_id(now), sb, &sn)) < 0)
		return rc;
	/* a new folder that cannot be read brings no changes here */
	unread = rc == 1;
	rc = 0;
	if ((tb || tn) && !unread) {
		buf_addc(&w->path, '/');
		rc = w->path.failed ? FK_ENOMEM : compare(w, sb, sn);
		path_truncate(&w->path, len);
	}
	/* the sides that are not folders: a file added, changed, deleted */
	if (rc == 0 && ((before && !tb) || (now && !tn)))
		rc = record(w, tn ? NULL : now, tb ? NULL : before);
	return rc; /* the trees are held by the walk */
}

/*
 * Git's order of tree entries: by name, a folder's name compared as if
 * it ended in '/'.
 */
static int entry_cmp(const git_tree_entry *a, const git_tree_entry *b)
{
	const char *na = git_tree_entry_name(a), *nb = git_tree_entry_name(b);
	size_t la = strlen(na), lb = strlen(nb), n = la < lb ? la : lb;
	int c = memcmp(na, nb, n);
	unsigned char ca, cb;

	if (c)
		return c;
	ca = la > n ? (unsigned char)na[n] : is_tree(a) ? '/' : '\0';
	cb = lb > n ? (unsigned char)nb[n] : is_tree(b) ? '/' : '\0';
	return ca < cb ? -1 : ca > cb;
}

/* Compares the entry or entries at one name under w->path. */
static int compare_at(struct walk *w, const git_tree_entry *before,
		      const git_tree_entry *now)
{
	size_t len = w->path.len;
	int rc;

	buf_adds(&w->path, git_tree_entry_name(now ? now : before));
	rc = w->path.failed ? FK_ENOMEM : compare_entries(w, before, now);
	path_truncate(&w->path, len);
	return rc;
}

/*
 * Walks both trees' sorted entries side by side, as git does: an entry
 * whose id and mode did not change costs one comparison, whatever it
 * holds. A name that changed from file to folder (or back) sorts apart
 * and is seen as a deletion and an addition.
 */
static int compare(struct walk *w, const git_tree *before, const git_tree *now)
{
	size_t n = now ? git_tree_entrycount(now) : 0;
	size_t m = before ? git_tree_entrycount(before) : 0;
	size_t i = 0, k = 0;
	int rc = 0;

	while (rc == 0 && (i < n || k < m)) {
		const git_tree_entry *e =
			i < n ? git_tree_entry_byindex(now, i) : NULL;
		const git_tree_entry *o =
			k < m ? git_tree_entry_byindex(before, k) : NULL;
		int c = !e ? 1 : !o ? -1 : entry_cmp(e, o);

		if (c < 0) {
			rc = compare_at(w, NULL, e);
			i++;
		} else if (c > 0) {
			rc = compare_at(w, o, NULL);
			k++;
		} else {
			if (!git_oid_equal(git_tree_entry_id(o),
					   git_tree_entry_id(e)) ||
			    git_tree_entry_filemode(o) !=
				    git_tree_entry_filemode(e))
				rc = compare_at(w, o, e);
			i++;
			k++;
		}
	}
	return rc;
}

/* Drops the changes whose path was taken by a rename. */
static void compact(struct changes *c)
{
	size_t i, n = 0;

	for (i = 0; i < c->n; i++) {
		if (c->v[i].path)
			c->v[n++] = c->v[i];
		else
			free(c->v[i].old_path);
	}
	c->n = n;
}

/*
 * Turns a deletion and an addition of the same content in one commit
 * into a rename.
 */
static void pair_exact_renames(struct changes *c)
{
	size_t i, j;

	for (i = 0; i < c->n; i++) {
		struct change *add = &c->v[i];

		if (add->kind != CHANGE_ADDED || add->entry != ENTRY_FILE)
			continue;
		for (j = 0; j < c->n; j++) {
			struct change *del = &c->v[j];

			if (del->kind != CHANGE_DELETED || !del->path ||
			    del->entry != ENTRY_FILE ||
			    strcmp(del->old_oid, add->oid) != 0)
				continue;
			add->kind = CHANGE_RENAMED;
			add->old_path = del->path;
			del->path = NULL;
			memcpy(add->old_oid, del->old_oid, 41);
			break;
		}
	}
	compact(c);
}

/* An added or deleted file whose blob is there to compare. */
static bool rename_candidate(git_odb *odb, const struct change *c)
{
	git_oid id;

	if ((c->kind != CHANGE_ADDED && c->kind != CHANGE_DELETED) ||
	    c->entry != ENTRY_FILE)
		return false;
	return git_oid_fromstr(&id,
			       c->kind == CHANGE_ADDED ? c->oid : c->old_oid) ==
		       0 &&
	       git_odb_exists(odb, &id) == 1;
}

/*
 * Pairs the deletions and additions left by pair_exact_renames() by
 * similar content, as git does (50%), asking libgit2 about those paths
 * only. A blob that is missing (a partial clone, a broken repository)
 * is left out: its file stays a deletion or an addition. When libgit2
 * still fails, the files stay unpaired.
 */
static int pair_similar_renames(struct walk *w, git_tree *before, git_tree *now)
{
	git_diff_options opts;
	git_diff_find_options find;
	struct changes *c = &w->changes;
	git_diff *diff = NULL;
	git_odb *odb = NULL;
	char **paths = NULL;
	size_t i, j, k, np = 0, nadd = 0, ndel = 0;
	int rc = 0;

	for (i = 0; i < c->n; i++) {
		nadd += c->v[i].kind == CHANGE_ADDED &&
			c->v[i].entry == ENTRY_FILE;
		ndel += c->v[i].kind == CHANGE_DELETED &&
			c->v[i].entry == ENTRY_FILE;
	}
	if (!nadd || !ndel)
		return 0;
	if (git_repository_odb(&odb, w->g->repo) < 0)
		goto done;
	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	git_diff_find_options_init(&find, GIT_DIFF_FIND_OPTIONS_VERSION);
	if (!(paths = calloc(c->n, sizeof(*paths)))) {
		rc = FK_ENOMEM;
		goto done;
	}
	nadd = ndel = 0;
	for (i = 0; i < c->n; i++) {
		if (!rename_candidate(odb, &c->v[i]))
			continue;
		paths[np++] = c->v[i].path;
		nadd += c->v[i].kind == CHANGE_ADDED;
		ndel += c->v[i].kind == CHANGE_DELETED;
	}
	if (!nadd || !ndel)
		goto done;
	opts.pathspec.strings = paths;
	opts.pathspec.count = np;
	opts.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH;
	find.flags = GIT_DIFF_FIND_RENAMES;
	if (git_diff_tree_to_tree(&diff, w->g->repo, before, now, &opts) < 0 ||
	    git_diff_find_similar(diff, &find) < 0)
		goto done;
	for (k = 0; k < git_diff_num_deltas(diff); k++) {
		const git_diff_delta *d = git_diff_get_delta(diff, k);
		size_t add = SIZE_MAX, del = SIZE_MAX;

		if (d->status != GIT_DELTA_RENAMED)
			continue;
		for (j = 0; j < c->n; j++) {
			if (!c->v[j].path)
				continue;
			if (c->v[j].kind == CHANGE_ADDED &&
			    !strcmp(c->v[j].path, d->new_file.path))
				add = j;
			if (c->v[j].kind == CHANGE_DELETED &&
			    !strcmp(c->v[j].path, d->old_file.path))
				del = j;
		}
		if (add == SIZE_MAX || del == SIZE_MAX)
			continue;
		c->v[add].kind = CHANGE_RENAMED;
		c->v[add].old_path = c->v[del].path;
		c->v[del].path = NULL;
		memcpy(c->v[add].old_oid, c->v[del].old_oid, 41);
	}
	compact(c);
done:
	git_error_clear();
	git_diff_free(diff);
	git_odb_free(odb);
	free(paths);
	return rc;
}

/* `why`: libgit2's reason, " (…)", or empty */
static int parent_problem(struct walk *w, const git_oid *parent,
			  const char *why)
{
	char hex[41];

	repo_hex(parent, hex);
	return add_problem(w, ".",
			   "commit %s, a parent of commit %.7s, is missing or "
			   "corrupt; the history behind it that no other "
			   "commit reaches is not walked%s",
			   hex, w->sha, why);
}

/* Notes the parents of commit `id` that the walk could not read. */
static int missing_parents(struct walk *w, const git_oid *id)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < w->nmissing && rc == 0; i++)
		if (git_oid_equal(&w->missing[i].child, id))
			rc = parent_problem(w, &w->missing[i].id,
					    w->missing[i].why);
	return rc;
}

/* The first parent cannot be read: noted unless missing_parents() did. */
static int parent_missing(struct walk *w, const git_oid *parent)
{
	char why[160];
	size_t i;

	repo_reason_take(why, sizeof(why));
	for (i = 0; i < w->nmissing; i++)
		if (git_oid_equal(&w->missing[i].id, parent) &&
		    git_oid_equal(&w->missing[i].child,
				  git_commit_id(w->current)))
			return 0;
	return parent_problem(w, parent, why);
}

int walk_next(struct walk *w, struct walk_commit *out, struct buf *err)
{
	git_commit *parent = NULL;
	git_tree *before = NULL, *now = NULL;
	char sha[41];
	int rc;

	memset(out, 0, sizeof(*out));
	if (w->next == w->n)
		return 0;
	w->err = err;
	git_commit_free(w->current);
	w->current = NULL;
	changes_release(&w->changes);
	arena_release(&w->arena);
	w->nproblems = 0;
	repo_hex(&w->commits[w->next], sha);
	memcpy(w->sha, sha, sizeof(w->sha));
	if ((rc = repo_commit(w->g, sha, &out->info, &w->arena, err)) < 0)
		return rc;
	if ((rc = repo_commit_of(w->g, sha, &w->current, err)) < 0)
		return rc;
	if ((rc = missing_parents(w, &w->commits[w->next++])) < 0)
		return rc;
	out->problems = w->problems;
	out->nproblems = w->nproblems;
	out->merge = git_commit_parentcount(w->current) > 1;
	if (out->merge && !w->first_parent)
		return 1;
	/* this commit's trees become the old ones; the older ones go */
	held_release(&w->prev);
	{
		struct held_trees t = w->prev;

		w->prev = w->cur;
		w->cur = t;
	}
	buf_reset(&w->path);
	if (git_commit_parentcount(w->current) > 0) {
		const git_oid *pid = git_commit_parent_id(w->current, 0);

		repo_hex(pid, w->parent_sha);
		if (git_commit_parent(&parent, w->current, 0) < 0)
			rc = parent_missing(w, pid); /* compared as a root */
		else
			rc = before_tree(w, git_commit_tree_id(parent),
					 &before);
		if (rc < 0)
			goto done;
	}
	rc = now_tree(w, git_commit_tree_id(w->current), before, &now);
	if (rc < 0)
		goto done;
	if (rc == 0 && (!before || !git_oid_equal(git_tree_id(before),
						  git_tree_id(now)))) {
		buf_reset(&w->path);
		rc = compare(w, before, now);
		if (rc == 0)
			pair_exact_renames(&w->changes);
		if (rc == 0 && before)
			rc = pair_similar_renames(w, before, now);
		if (rc == 0)
			changes_sort(&w->changes);
	}
	out->changes = w->changes;
	rc = rc < 0 ? rc : 1;
done:
	out->problems = w->problems;
	out->nproblems = w->nproblems;
	git_commit_free(parent);
	return rc;
}

/*
 * The folder `dir` of the revision's tree, kept for the next call: the
 * files are asked for folder by folder. NULL when there is none.
 */
static const git_tree *rev_folder(struct walk *w, const char *dir, size_t len)
{
	git_tree_entry *e = NULL;

	if (w->rev_dir && w->rev_dir_len == len &&
	    memcmp(w->rev_dir, dir, len) == 0)
		return w->rev_dir_tree;
	git_tree_free(w->rev_dir_tree);
	free(w->rev_dir);
	w->rev_dir_tree = NULL;
	w->rev_dir = NULL;
	if (len == 0)
		return w->rev_tree;
	if (!(w->rev_dir = strndup(dir, len)))
		return NULL;
	w->rev_dir_len = len;
	if (git_tree_entry_bypath(&e, w->rev_tree, w->rev_dir) < 0 ||
	    git_tree_entry_type(e) != GIT_OBJECT_TREE ||
	    git_tree_lookup(&w->rev_dir_tree, w->g->repo,
			    git_tree_entry_id(e)) < 0)
		git_error_clear();
	git_tree_entry_free(e);
	return w->rev_dir_tree;
}

int walk_rev_blob(struct walk *w, const char *path, char oid[41],
		  enum entry_kind *kind)
{
	const char *slash = strrchr(path, '/');
	const git_tree *dir =
		rev_folder(w, path, slash ? (size_t)(slash - path) : 0);
	const git_tree_entry *e;
	int k;

	if (!dir || !(e = git_tree_entry_byname(dir, slash ? slash + 1 : path)))
		return 0;
	k = repo_entry_kind_of(git_tree_entry_filemode(e));
	if (k < 0)
		return 0;
	repo_hex(git_tree_entry_id(e), oid);
	*kind = (enum entry_kind)k;
	return 1;
}
