/*
 * The commits of a history that libgit2's walk cannot read to the end
 * (a missing or corrupt commit): read one by one, depth first, so that
 * every readable commit is still walked.
 */
#include "git_revs.h"

#include "git_internal.h"

#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "error.h"
#include "strmap.h"

/* A commit on the way down, and how many of its parents were visited. */
struct frame {
	git_oid id;
	git_commit *commit;
	unsigned next;
};

struct revs {
	git_repository *repo;
	const struct walk_opts *o;
	struct rev_list *out;
	struct frame *stack;
	size_t depth, cap;
	struct strmap seen;
	struct arena arena; /* the keys of `seen` */
};

/* Marks `id` seen; 1 when it already was, 0, or FK_ENOMEM. */
static int see(struct revs *r, const git_oid *id)
{
	char hex[41], *key;

	git_oid_tostr(hex, sizeof(hex), id);
	if (strmap_get(&r->seen, hex))
		return 1;
	if (!(key = arena_strdup(&r->arena, hex)) ||
	    strmap_put(&r->seen, key, key) < 0)
		return FK_ENOMEM;
	return 0;
}

/* Goes down to commit `id`, a parent of `child` (NULL: the start). */
static int push(struct revs *r, const git_oid *id, const git_oid *child)
{
	git_commit *c = NULL;
	struct frame *f;
	int rc;

	if ((rc = see(r, id)) != 0)
		return rc < 0 ? rc : 0;
	if (git_commit_lookup(&c, r->repo, id) < 0) {
		rc = array_grow((void **)&r->out->missing, &r->out->missing_cap,
				r->out->nmissing, sizeof(*r->out->missing));
		if (rc < 0)
			return rc;
		r->out->missing[r->out->nmissing].id = *id;
		r->out->missing[r->out->nmissing].child = child ? *child : *id;
		repo_reason_take(r->out->missing[r->out->nmissing].why,
				 sizeof(r->out->missing[0].why));
		r->out->nmissing++;
		return 0;
	}
	if (array_grow((void **)&r->stack, &r->cap, r->depth,
		       sizeof(*r->stack)) < 0) {
		git_commit_free(c);
		return FK_ENOMEM;
	}
	f = &r->stack[r->depth++];
	f->id = *id;
	f->commit = c;
	f->next = 0;
	return 0;
}

/* Comes back up from the top commit: all its parents are listed. */
static int pop(struct revs *r)
{
	struct frame *f = &r->stack[--r->depth];
	bool old = r->o->since &&
		   (int64_t)git_commit_time(f->commit) < r->o->since;
	int rc = 0;

	git_commit_free(f->commit);
	if (old)
		return 0;
	rc = array_grow((void **)&r->out->v, &r->out->cap, r->out->n,
			sizeof(*r->out->v));
	if (rc == 0)
		r->out->v[r->out->n++] = f->id;
	return rc;
}

/* Keeps the newest `max` commits (the last ones: parents come first). */
static void keep_newest(struct rev_list *out, size_t max)
{
	if (!max || out->n <= max)
		return;
	memmove(out->v, out->v + (out->n - max), max * sizeof(*out->v));
	out->n = max;
}

int rev_list_readable(struct rev_list *out, git_repository *repo,
		      const git_oid *start, const struct walk_opts *o)
{
	struct revs r = { repo, o, out, NULL, 0, 0, STRMAP_INIT, ARENA_INIT };
	int rc;

	memset(out, 0, sizeof(*out));
	rc = push(&r, start, NULL);
	while (rc == 0 && r.depth > 0) {
		struct frame *f = &r.stack[r.depth - 1];
		unsigned n = git_commit_parentcount(f->commit);

		if (o->first_parent && n > 1)
			n = 1;
		if (f->next < n) {
			git_oid id = *git_commit_parent_id(f->commit, f->next);

			f->next++;
			rc = push(&r, &id, &f->id);
		} else {
			rc = pop(&r);
		}
	}
	while (r.depth > 0)
		git_commit_free(r.stack[--r.depth].commit);
	free(r.stack);
	strmap_release(&r.seen);
	arena_release(&r.arena);
	if (rc < 0) {
		rev_list_release(out);
		return rc;
	}
	keep_newest(out, o->max_commits);
	return 0;
}

void rev_list_release(struct rev_list *r)
{
	free(r->v);
	free(r->missing);
	memset(r, 0, sizeof(*r));
}
