#include "history.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "discover.h"
#include "git_content.h"
#include "error.h"
#include "replay.h"
#include "rules.h"
#include "strmap.h"
#include "version_key.h"

/*
 * One distinct blob's audit: a file of `store` and its findings, each
 * with its occurrence number (how many findings before it in the blob
 * share its key), so that two identical statements stay two findings.
 * A blob the audit made no file record for (a down file without
 * findings, a schema dump, a file the configuration leaves out) has
 * `file` NO_FILE and no findings.
 */
#define NO_FILE ((size_t)-1)

struct analysis {
	size_t file;
	size_t first, n;  /* findings in store */
	uint32_t *occ;	  /* n entries */
	bool other_db;	  /* left out as another database's */
	bool edited;	  /* audited as an edit: its FK012 is its lineage's */
	const char *path; /* where it was audited */
};

struct lineage;

/*
 * One finding followed across the versions of its file. `finding` is
 * its latest place: a finding of `store`.
 */
struct record {
	uint64_t key;
	uint32_t occ; /* the same key's earlier findings in the version */
	bool event;   /* FK012: about a commit, not the text; never fixed */
	struct lineage *lin;
	size_t introduced; /* in out->commits */
	size_t finding;
	enum finding_state state;
	size_t resolved;
	size_t suppressed_in; /* the commit that suppressed it, or NO_COMMIT */
	const char *path;     /* where it was when it ended */
};

/* A migration file followed through renames. */
struct lineage {
	const char *path; /* the current one */
	struct record **open;
	size_t nopen, cap;
	bool gone;
	char first_sha[41]; /* the commit that added it; "" if before */
	int64_t first_time;
	int first_offset;
};

/* A version of a file that could not be audited. */
struct problem {
	size_t file; /* in out->files */
	char oid[41];
};

struct history {
	struct repo *g;
	const struct history_opts *o;
	struct result *out;
	struct history_stats *stats;
	struct result store;	 /* every audited blob */
	struct strmap blobs;	 /* "oid:path" -> struct analysis */
	struct strmap by_oid;	 /* oid -> its first struct analysis */
	struct buf key;		 /* scratch for a key of `blobs` */
	struct strmap paths;	 /* current path -> struct lineage */
	struct strmap noted;	 /* paths already noted as not audited */
	struct strmap out_files; /* path -> 1 + its index in out->files */
	struct arena arena;
	struct record **ended; /* fixed or deleted */
	size_t nended, ended_cap;
	struct lineage **lineages;
	size_t nlineages, lineages_cap;
	struct problem *problems;
	size_t nproblems, problems_cap;
	/* the schema state at the end of the walk (FK005, FK009) */
	const struct replay *schema;
	/* the schema state of the walk so far (audit_opts.context) */
	struct replay *walked;
	/* the commit being walked, added to out->commits when first named */
	const struct commit_info *cur;
	size_t cur_index;
};

static int push_ptr(void ***v, size_t *n, size_t *cap, void *p)
{
	if (array_grow((void **)v, cap, *n, sizeof(void *)) < 0)
		return FK_ENOMEM;
	(*v)[(*n)++] = p;
	return 0;
}

static size_t current_commit(struct history *h)
{
	if (h->cur_index == NO_COMMIT)
		h->cur_index = result_add_commit(h->out, h->cur);
	return h->cur_index;
}

/* Remembers that out->files' last entry is `path`'s. */
static int out_file_added(struct history *h)
{
	size_t i = h->out->nfiles - 1;

	return strmap_put(&h->out_files, h->out->files[i].path,
			  (void *)(uintptr_t)(i + 1));
}

/*
 * A version of a file that cannot be audited: noted once per path. It
 * fails the run only if it is the version at the revision (finish()).
 */
static int note_problem(struct history *h, const char *path, const char *oid,
			enum file_status st, const char *why)
{
	struct problem *p;
	char *key;

	if (strmap_get(&h->noted, path))
		return 0;
	if (!(key = arena_strdup(&h->arena, path)) ||
	    strmap_put(&h->noted, key, key) < 0 ||
	    array_grow((void **)&h->problems, &h->problems_cap, h->nproblems,
		       sizeof(*p)) < 0 ||
	    result_add_problem(h->out, path, st, why) < 0 ||
	    out_file_added(h) < 0)
		return FK_ENOMEM;
	p = &h->problems[h->nproblems++];
	p->file = h->out->nfiles - 1;
	snprintf(p->oid, sizeof(p->oid), "%s", oid ? oid : "");
	return 0;
}

/*
 * A part of the history the walk went past (walk_problem): an
 * unreadable entry at its folder, noted once per folder. It is never
 * "gone": the run fails, since what it held was not audited.
 */
static int note_walk_problem(struct history *h, const struct walk_problem *p)
{
	char *key;

	if (h->o->problem)
		h->o->problem(h->o->problem_ctx, p->path, p->message);
	if (strmap_get(&h->noted, p->path))
		return 0;
	if (!(key = arena_strdup(&h->arena, p->path)) ||
	    strmap_put(&h->noted, key, key) < 0 ||
	    result_add_problem(h->out, p->path, FILE_UNREADABLE, p->message) <
		    0 ||
	    out_file_added(h) < 0)
		return FK_ENOMEM;
	h->out->files[h->out->nfiles - 1].walk_problem = true;
	return 0;
}

/* Numbers each finding among the blob's findings with the same key. */
static int count_occurrences(struct history *h, struct analysis *a)
{
	size_t i, k;

	if (!(a->occ = arena_alloc(&h->arena, (a->n + 1) * sizeof(*a->occ))))
		return FK_ENOMEM;
	for (i = 0; i < a->n; i++)
		for (k = 0; k < i; k++)
			a->occ[i] += h->store.findings[a->first + k].key ==
				     h->store.findings[a->first + i].key;
	return 0;
}

/* Whether two migration_info say the same of a file. */
static bool same_info(const struct migration_info *a,
		      const struct migration_info *b)
{
	size_t i;

	if (a->role != b->role || a->nunits != b->nunits ||
	    (a->framework == NULL) != (b->framework == NULL) ||
	    (a->framework && strcmp(a->framework, b->framework) != 0))
		return false;
	for (i = 0; i < a->nunits; i++)
		if (a->units[i].mode != b->units[i].mode ||
		    a->units[i].start != b->units[i].start)
			return false;
	return true;
}

/*
 * Whether `item`'s bytes, audited before at `first` (a rename, a copy),
 * are read the same at item->path: the same framework, role and
 * transactions. Then that audit stands, with the schema state it was
 * made in (what the migrations of its deploy created, the foreign keys
 * the walk's end settles).
 */
static bool read_alike(struct history *h, const char *first,
		       const struct source_item *item)
{
	struct audit_opts ao = h->o->audit;
	struct source_item there = *item;
	struct migration_info a, b;
	struct near_reader na, nb;
	bool same;

	there.path = (char *)first;
	na = source_item_near(item);
	nb = source_item_near(&there);
	ao.near = na.read ? &na : NULL;
	same = audit_classify(item->path, item->data, item->len, &ao, &a) == 0;
	ao.near = nb.read ? &nb : NULL;
	same = audit_classify(first, item->data, item->len, &ao, &b) == 0 &&
	       same && same_info(&a, &b) && !a.failed && !b.failed;
	migration_info_release(&a);
	migration_info_release(&b);
	return same;
}

/*
 * The audit of blob `oid` (met at `path`), from the cache or made now.
 * `deploy` is the schema state of the commit's added migrations; `edit`
 * (FK012) is reported on the first line that differs from `edited_from`.
 * NULL with *err_out = 0 when the blob could not be
 * audited (noted as a problem).
 */
static struct analysis *analyse(struct history *h, const char *oid,
				const char *path, struct replay *deploy,
				const char *edited_from,
				const struct rule_edit *edit, int *err_out)
{
	struct rule_edit e;
	struct analysis *a;
	struct audit_opts ao = h->o->audit;
	struct source_item item = { 0 };
	struct near_reader near;
	struct line_ranges lines = { 0 };
	struct buf why = BUF_INIT;
	char *key;
	size_t first = h->store.nfindings, nfiles = h->store.nfiles;
	size_t other_db = h->store.other_db_files;
	int rc;

	*err_out = 0;
	/* what a file is depends on its path too: the same bytes elsewhere
	 * may be another framework's, or another database's */
	buf_reset(&h->key);
	buf_addf(&h->key, "%s:%s", oid, path);
	if (h->key.failed) {
		*err_out = FK_ENOMEM;
		return NULL;
	}
	if ((a = strmap_get(&h->blobs, buf_str(&h->key)))) {
		h->stats->reused++;
		return a;
	}
	rc = repo_item_read(h->g, h->cur ? h->cur->sha : h->stats->rev, path,
			    oid, ENTRY_FILE, false, h->o->max_size, &item);
	if (rc == FK_ITEM && !item.data)
		rc = note_problem(h, path, oid, item.status, item.problem);
	if (rc != FK_ITEM || !item.data)
		goto done;
	/* the same bytes met at another path first, read alike: the same */
	if (!edit && (a = strmap_get(&h->by_oid, oid)) && !a->edited &&
	    read_alike(h, a->path, &item)) {
		if (!(key = arena_strdup(&h->arena, buf_str(&h->key))) ||
		    strmap_put(&h->blobs, key, a) < 0) {
			rc = FK_ENOMEM;
			a = NULL;
			goto done;
		}
		h->stats->reused++;
		goto done;
	}
	a = NULL;
	if (edited_from && edit) {
		rc = repo_changed_lines(h->g, edited_from, item.data, item.len,
					&lines, &why);
		if (rc < 0 && rc != FK_EGIT)
			goto done;
		e = *edit;
		e.first_line = lines.n ? lines.v[0].first : 1;
		ao.edit = &e;
	}
	ao.schema = deploy;
	/* an edit is audited apart, its reader given the schema it knows */
	ao.context = deploy ? NULL : h->walked;
	near = source_item_near(&item);
	ao.near = &near;
	if ((rc = audit_text(&h->store, path, item.data, item.len, &ao)) < 0)
		goto done;
	a = arena_alloc(&h->arena, sizeof(*a));
	key = arena_strdup(&h->arena, buf_str(&h->key));
	if (!a || !key || strmap_put(&h->blobs, key, a) < 0) {
		rc = FK_ENOMEM;
		a = NULL;
		goto done;
	}
	/* audit_text() adds one file record, or none */
	a->file = h->store.nfiles > nfiles ? h->store.nfiles - 1 : NO_FILE;
	a->first = first;
	a->n = h->store.nfindings - first;
	a->other_db = h->store.other_db_files > other_db;
	a->edited = edit != NULL;
	if (!(a->path = arena_strdup(&h->arena, path)) ||
	    (!strmap_get(&h->by_oid, oid) &&
	     strmap_put(&h->by_oid, arena_strndup(&h->arena, oid, 40), a) <
		     0)) {
		rc = FK_ENOMEM;
		a = NULL;
		goto done;
	}
	if ((rc = count_occurrences(h, a)) < 0) {
		a = NULL;
		goto done;
	}
	h->stats->blobs++;
done:
	source_item_release(&item);
	line_ranges_release(&lines);
	buf_release(&why);
	*err_out = rc < 0 ? rc : 0;
	return a;
}

static struct lineage *lineage_new(struct history *h, const char *path,
				   bool first_here)
{
	struct lineage *l = arena_alloc(&h->arena, sizeof(*l));

	if (!l || !(l->path = arena_strdup(&h->arena, path)) ||
	    strmap_put(&h->paths, l->path, l) < 0 ||
	    push_ptr((void ***)&h->lineages, &h->nlineages, &h->lineages_cap,
		     l) < 0)
		return NULL;
	if (first_here) {
		memcpy(l->first_sha, h->cur->sha, 41);
		l->first_time = h->cur->time;
		l->first_offset = h->cur->offset;
	}
	return l;
}

static bool analysis_has(const struct result *store, const struct analysis *a,
			 uint64_t key, uint32_t occ, size_t *where)
{
	size_t i;

	if (!a)
		return false;
	for (i = a->first; i < a->first + a->n; i++)
		if (store->findings[i].key == key &&
		    a->occ[i - a->first] == occ) {
			if (where)
				*where = i;
			return true;
		}
	return false;
}

static void end_record(struct history *h, struct record *r,
		       enum finding_state st, size_t resolved)
{
	r->state = st;
	r->resolved = resolved;
	r->path = r->lin->path;
}

/*
 * A record found again in the current commit's version at `where`: it
 * moves there, and a suppression that version adds (or drops) dates
 * from this commit.
 */
/*
 * The foreign key the finding `from` is about (FK005, FK009: settled by
 * the walk's end) is the one finding `to`, the same in a later version,
 * is about: a version audited apart knows none.
 */
static int keep_link(struct history *h, size_t from, size_t to)
{
	const struct finding *old = &h->store.findings[from];
	const struct finding *f = &h->store.findings[to];
	const struct fk_state *fk;

	if (from == to ||
	    !(fk = replay_pending(h->walked, old->file, old->span.start,
				  old->rule->id)) ||
	    replay_pending(h->walked, f->file, f->span.start, f->rule->id))
		return 0;
	return replay_pend(h->walked, f->file, f->span.start, f->rule->id, fk);
}

static int record_moves(struct history *h, struct record *r, size_t where)
{
	bool now = h->store.findings[where].suppressed;
	bool was = h->store.findings[r->finding].suppressed;

	if (keep_link(h, r->finding, where) < 0)
		return FK_ENOMEM;
	r->finding = where;
	if (now && !was)
		r->suppressed_in = current_commit(h);
	else if (!now)
		r->suppressed_in = NO_COMMIT;
	return 0;
}

/* Moves the records of `l` that `keep` rejects to the ended list. */
static int close_records(struct history *h, struct lineage *l,
			 const struct analysis *now, enum finding_state st)
{
	size_t i, n = 0;

	for (i = 0; i < l->nopen; i++) {
		struct record *r = l->open[i];
		size_t where;

		if (st == FINDING_FIXED &&
		    (r->event ||
		     analysis_has(&h->store, now, r->key, r->occ, &where))) {
			/* it moved with the text */
			if (!r->event && record_moves(h, r, where) < 0)
				return FK_ENOMEM;
			l->open[n++] = r;
			continue;
		}
		end_record(h, r, st, current_commit(h));
		if (push_ptr((void ***)&h->ended, &h->nended, &h->ended_cap,
			     r) < 0)
			return FK_ENOMEM;
	}
	l->nopen = n;
	return 0;
}

/*
 * A new version `now` of lineage `l` replaces `before` (NULL: none):
 * findings it has that `before` lacked are introduced by the current
 * commit; open findings it lacks are fixed by it.
 */
/*
 * A version that runs what the one before ran (reformatted, commented,
 * a suppression added): nothing is introduced or fixed by it. What it
 * still finds moves to its place there; what it no longer finds (its
 * context differs: it is audited apart from the migrations it was first
 * deployed with) stays as it was.
 */
static int carry(struct history *h, struct lineage *l,
		 const struct analysis *now)
{
	size_t k, where;

	for (k = 0; k < l->nopen; k++) {
		struct record *r = l->open[k];

		if (!r->event &&
		    analysis_has(&h->store, now, r->key, r->occ, &where) &&
		    record_moves(h, r, where) < 0)
			return FK_ENOMEM;
	}
	return 0;
}

static int compare(struct history *h, struct lineage *l,
		   const struct analysis *before, const struct analysis *now,
		   bool reformatted)
{
	size_t i, k;
	int err;

	if (reformatted)
		return carry(h, l, now);
	if ((err = close_records(h, l, now, FINDING_FIXED)) < 0)
		return err;
	for (i = now->first; i < now->first + now->n; i++) {
		const struct finding *f = &h->store.findings[i];
		uint32_t occ = now->occ[i - now->first];
		struct record *r;
		bool known = false;

		for (k = 0; k < l->nopen && !known; k++)
			known = !l->open[k]->event &&
				l->open[k]->key == f->key &&
				l->open[k]->occ == occ;
		/* in the version before: known, or older than the walk */
		if (known || analysis_has(&h->store, before, f->key, occ, NULL))
			continue;
		if (!(r = arena_alloc(&h->arena, sizeof(*r))))
			return FK_ENOMEM;
		r->key = f->key;
		r->occ = occ;
		r->event = f->rule == &rule_fk012_migration_modified;
		r->lin = l;
		r->introduced = current_commit(h);
		r->finding = i;
		r->resolved = NO_COMMIT;
		r->suppressed_in = f->suppressed ? r->introduced : NO_COMMIT;
		if (r->introduced == NO_COMMIT ||
		    push_ptr((void ***)&l->open, &l->nopen, &l->cap, r) < 0)
			return FK_ENOMEM;
	}
	return 0;
}

/* What FK012 says of an edit of `l` by the current commit, in `e`. */
static int edit_of(struct history *h, const struct lineage *l,
		   const char *old_path, struct rule_edit *e)
{
	char now[16], first[16];

	memset(e, 0, sizeof(*e));
	commit_date(now, sizeof(now), h->cur->time, h->cur->offset, false);
	e->path = l->path;
	if (old_path && strcmp(old_path, l->path) != 0)
		e->renamed_from = old_path;
	e->commit = h->cur->sha;
	if (!(e->commit_date = arena_strdup(&h->arena, now)))
		return FK_ENOMEM;
	if (l->first_sha[0]) {
		commit_date(first, sizeof(first), l->first_time,
			    l->first_offset, false);
		e->first_commit = l->first_sha;
		if (!(e->first_date = arena_strdup(&h->arena, first)))
			return FK_ENOMEM;
	}
	return 0;
}

/* Stops following `path` with `l`, unless another lineage took it. */
static void path_release(struct history *h, const char *path,
			 const struct lineage *l)
{
	if (strmap_get(&h->paths, path) == l)
		strmap_put(&h->paths, path, NULL);
}

/*
 * `pre`: for a rename or a deletion, the lineage its old path had when
 * the commit began (the commit's renames may swap paths).
 */
static int apply_change(struct history *h, const struct change *c,
			struct replay *deploy, struct lineage *pre)
{
	struct lineage *l;
	const struct analysis *before = NULL, *now;
	struct rule_edit edit = { 0 }, *msg = NULL;
	bool reformatted;
	int err = 0;

	if (c->entry != ENTRY_FILE) {
		if (c->kind == CHANGE_DELETED)
			return 0;
		return note_problem(h, c->path, c->oid, FILE_SKIPPED,
				    repo_content_skip_reason(c->entry));
	}
	l = c->kind == CHANGE_RENAMED || c->kind == CHANGE_DELETED
		    ? pre
		    : strmap_get(&h->paths, c->path);
	if (c->kind == CHANGE_DELETED) {
		if (!l)
			return 0;
		path_release(h, l->path, l);
		l->gone = true;
		return close_records(h, l, NULL, FINDING_DELETED);
	}
	if (c->kind == CHANGE_ADDED || !l) {
		if (l) /* added over a path we still follow: a new file */
			l->gone = true;
		if (!(l = lineage_new(h, c->path, c->kind == CHANGE_ADDED)))
			return FK_ENOMEM;
	}
	if (c->kind != CHANGE_ADDED) {
		before = analyse(h, c->old_oid, c->old_path, NULL, NULL, NULL,
				 &err);
		if (err < 0)
			return err;
	}
	if (c->kind == CHANGE_RENAMED && before && before->file != NO_FILE) {
		now = analyse(h, c->oid, c->path, NULL, NULL, NULL, &err);
		if (err < 0)
			return err;
		/* moved where it is no migration (another database's
		   folder): its findings end at the old path, as if deleted */
		if (now && now->file == NO_FILE) {
			path_release(h, l->path, l);
			l->gone = true;
			if ((err = close_records(h, l, NULL, FINDING_DELETED)))
				return err;
			/* the new path is followed as a file of its own */
			return lineage_new(h, c->path, false) ? 0 : FK_ENOMEM;
		}
	}
	if (c->kind == CHANGE_RENAMED) {
		struct lineage *there = strmap_get(&h->paths, c->path);

		/* renamed over a path we still follow (another branch added
		   it): that file is replaced, as by an addition */
		if (there && there != l)
			there->gone = true;
		path_release(h, l->path, l);
		if (!(l->path = arena_strdup(&h->arena, c->path)) ||
		    strmap_put(&h->paths, l->path, l) < 0)
			return FK_ENOMEM;
	}
	if (c->kind != CHANGE_ADDED) {
		if (strcmp(c->oid, c->old_oid) == 0)
			return 0; /* renamed as it was */
		if ((err = edit_of(h, l, c->old_path, &edit)) < 0)
			return err;
		if (before && before->file != NO_FILE &&
		    (err = audit_version_key(h->g, h->cur->sha, c->old_path,
					     c->old_oid, h->o->max_size,
					     &h->o->audit, h->walked, &edit)) <
			    0) {
			free(edit.old_lines);
			return err;
		}
		msg = &edit;
	}
	now = analyse(h, c->oid, c->path,
		      c->kind == CHANGE_ADDED ? deploy : NULL,
		      c->kind == CHANGE_ADDED ? NULL : c->old_oid, msg, &err);
	free(edit.old_lines);
	if (err < 0 || !now)
		return err;
	reformatted = msg && msg->old_sql_known && now->file != NO_FILE &&
		      h->store.files[now->file].sql_key == msg->old_sql_key;
	return compare(h, l, before, now, reformatted);
}

/*
 * The entry of out->files for `path`: the file at the revision, or a
 * new one marked gone (a file that is not there any more).
 */
static int out_file(struct history *h, const char *path, size_t *index)
{
	uintptr_t known = (uintptr_t)strmap_get(&h->out_files, path);
	struct file_result *fr;

	if (known) {
		*index = (size_t)known - 1;
		return 0;
	}
	if (!(fr = result_add_file(h->out, path)) || out_file_added(h) < 0)
		return FK_ENOMEM;
	fr->gone = true;
	*index = h->out->nfiles - 1;
	return 0;
}

static int emit(struct history *h, const struct record *r, size_t file)
{
	struct finding *f;

	/* a missing index or validation that a later commit supplied */
	if (h->schema &&
	    audit_finding_settled(h->schema, &h->store.findings[r->finding]))
		return 0;
	f = result_copy_finding(h->out, file, &h->store.findings[r->finding]);
	if (!f)
		return FK_ENOMEM;
	f->state = r->state;
	f->introduced = r->introduced;
	f->resolved = r->resolved;
	f->suppressed_in = f->suppressed ? r->suppressed_in : NO_COMMIT;
	return 0;
}

/* Ends every open record of `l` as `st`, at no commit (the revision). */
static int end_open(struct history *h, struct lineage *l, enum finding_state st)
{
	size_t k;
	int err = 0;

	for (k = 0; k < l->nopen && !err; k++) {
		end_record(h, l->open[k], st, NO_COMMIT);
		err = push_ptr((void ***)&h->ended, &h->nended, &h->ended_cap,
			       l->open[k]);
	}
	l->nopen = 0;
	return err;
}

/*
 * Settles each followed file against the revision's own tree (which a
 * walk through merged branches may disagree with) and copies the files
 * and findings into the result.
 */
static int finish(struct history *h, struct walk *w)
{
	size_t i, k, file;
	uintptr_t known;
	int err = 0;

	for (i = 0; i < h->nlineages && !err; i++) {
		struct lineage *l = h->lineages[i];
		const struct analysis *a = NULL;
		enum entry_kind kind;
		char oid[41];
		bool there = !l->gone &&
			     walk_rev_blob(w, l->path, oid, &kind) == 1 &&
			     kind == ENTRY_FILE;

		if (there) {
			a = analyse(h, oid, l->path, NULL, NULL, NULL, &err);
			if (err < 0)
				break;
		}
		if (there && !a) { /* noted as a problem; keep what we know */
			for (k = 0; k < l->nopen && !err; k++)
				if ((err = out_file(h, l->path, &file)) == 0)
					err = emit(h, l->open[k], file);
			continue;
		}
		if (!there) {
			err = end_open(h, l, FINDING_DELETED);
			continue;
		}
		/* not a migration that runs forward any more */
		if (a->file == NO_FILE) {
			h->out->other_db_files += a->other_db;
			err = end_open(h, l, FINDING_FIXED);
			continue;
		}
		/* two lineages may end at one path (branches that added and
		   renamed onto it): one file at the revision */
		known = (uintptr_t)strmap_get(&h->out_files, l->path);
		if (known && !h->out->files[known - 1].gone) {
			file = (size_t)known - 1;
		} else if (!result_copy_file(h->out, &h->store.files[a->file],
					     l->path) ||
			   out_file_added(h) < 0) {
			err = FK_ENOMEM;
			break;
		} else {
			file = h->out->nfiles - 1;
			h->out->files[file].gone = false;
		}
		for (k = 0; k < l->nopen && !err; k++) {
			struct record *r = l->open[k];
			size_t where;

			if (!r->event &&
			    !analysis_has(&h->store, a, r->key, r->occ,
					  &where) &&
			    h->store.files[h->store.findings[r->finding].file]
					    .sql_key !=
				    h->store.files[a->file].sql_key) {
				end_record(h, r, FINDING_FIXED, NO_COMMIT);
				err = push_ptr((void ***)&h->ended, &h->nended,
					       &h->ended_cap, r);
				continue;
			}
			if (!r->event && analysis_has(&h->store, a, r->key,
						      r->occ, &where)) {
				if ((err = keep_link(h, r->finding, where)) < 0)
					break;
				r->finding = where;
			}
			err = emit(h, r, file);
		}
	}
	for (i = 0; i < h->nended && !err; i++)
		if ((err = out_file(h, h->ended[i]->path, &file)) == 0)
			err = emit(h, h->ended[i], file);
	/* a version that could not be audited matters if it is the last */
	for (i = 0; i < h->nproblems; i++) {
		struct file_result *fr = &h->out->files[h->problems[i].file];
		enum entry_kind kind;
		char oid[41];

		fr->gone = walk_rev_blob(w, fr->path, oid, &kind) != 1 ||
			   strcmp(oid, h->problems[i].oid) != 0;
	}
	return err;
}

static void history_release(struct history *h)
{
	size_t i;

	for (i = 0; i < h->nlineages; i++)
		free(h->lineages[i]->open);
	free(h->lineages);
	free(h->ended);
	free(h->problems);
	strmap_release(&h->blobs);
	strmap_release(&h->by_oid);
	buf_release(&h->key);
	strmap_release(&h->paths);
	strmap_release(&h->noted);
	strmap_release(&h->out_files);
	result_release(&h->store);
	arena_release(&h->arena);
}

/*
 * A commit's changes, in the order they run. The lineages its renames
 * and deletions leave are found first, so that renames that swap or
 * chain paths (A to B, B to A) each move their own file.
 */
static int apply_changes(struct history *h, const struct changes *cs,
			 struct replay *deploy)
{
	struct lineage **pre = calloc(cs->n + 1, sizeof(*pre));
	size_t i;
	int rc = 0;

	if (!pre)
		return FK_ENOMEM;
	for (i = 0; i < cs->n; i++) {
		const struct change *c = &cs->v[i];

		if (c->kind == CHANGE_RENAMED || c->kind == CHANGE_DELETED)
			pre[i] = strmap_get(&h->paths, c->old_path ? c->old_path
								   : c->path);
	}
	for (i = 0; i < cs->n && rc == 0; i++)
		rc = apply_change(h, &cs->v[i], deploy, pre[i]);
	free(pre);
	return rc;
}

int history_audit(struct repo *g, const struct history_opts *o,
		  struct result *out, struct history_stats *stats,
		  struct buf *err)
{
	struct history h = { 0 };
	struct walk *w = NULL;
	struct walk_commit c;
	struct replay schema;
	struct walk_opts wo = o->walk;
	struct path_filter filter;
	size_t i;
	int rc;

	/* the walk reads only what the configuration keeps */
	discover_filter_init(&filter, o->audit.config);
	wo.filter = &filter;
	memset(stats, 0, sizeof(*stats));
	replay_init(&schema);
	h.g = g;
	h.o = o;
	h.out = out;
	h.stats = stats;
	h.walked = &schema;
	result_init(&h.store);
	if ((rc = walk_open(&w, g, &wo, err)) < 0)
		goto done;
	memcpy(stats->rev, walk_rev(w), 41);
	/*
	 * One schema state through the walk: each commit's new migrations
	 * are a deploy, on the tables of the commits before it.
	 */
	while ((rc = walk_next(w, &c, err)) == FK_ITEM) {
		stats->commits++;
		h.cur = &c.info;
		h.cur_index = NO_COMMIT;
		stats->with_changes += c.changes.n > 0;
		replay_begin_deploy(&schema);
		rc = 0;
		for (i = 0; i < c.nproblems && rc == 0; i++)
			rc = note_walk_problem(&h, &c.problems[i]);
		if (rc == 0)
			rc = changes_sort_migrations(&c.changes, g, c.info.sha);
		if (rc == 0)
			rc = apply_changes(&h, &c.changes, &schema);
		if (rc < 0)
			goto done;
		if (o->progress)
			o->progress(o->progress_ctx, stats->commits,
				    walk_total(w));
	}
	if (rc < 0)
		goto done;
	h.cur = NULL;
	h.schema = &schema;
	rc = finish(&h, w);
	out->history = true;
	out->history_commits = stats->commits;
	out->history_blobs = stats->blobs;
done:
	replay_release(&schema);
	walk_free(w);
	history_release(&h);
	return rc;
}
