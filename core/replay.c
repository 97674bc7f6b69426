#include "replay.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

#define NAMEDATALEN_MAX 63

void replay_init(struct replay *r)
{
	memset(r, 0, sizeof(*r));
	r->next_tx = 1;
	r->deploy = 1;
}

void replay_begin_deploy(struct replay *r)
{
	r->deploy++;
}

void replay_begin_file(struct replay *r)
{
	r->search_path = NULL;
	r->nsearch_path = 0;
	r->lt_session = false;
	r->lt_local = false;
	r->lt_session_at_begin = false;
	r->any_tx = false;
}

void replay_release(struct replay *r)
{
	strmap_release(&r->tables);
	strmap_release(&r->fks);
	arena_release(&r->arena);
	memset(r, 0, sizeof(*r));
}

static const char *first_schema(const struct replay *r)
{
	size_t i;

	for (i = 0; i < r->nsearch_path; i++)
		if (strcmp(r->search_path[i], "$user") != 0 &&
		    strcmp(r->search_path[i], "pg_temp") != 0)
			return r->search_path[i];
	return "public";
}

/* Longer keys are neither stored nor found. */
#define KEY_MAX 768

/*
 * Map keys are the name parts joined by \x1f, a byte no identifier we
 * compare holds. Joins them into buf; false when they do not fit.
 */
static bool make_key(char *buf, size_t size, const char *const *parts,
		     size_t n)
{
	size_t len = 0, i;

	for (i = 0; i < n; i++) {
		size_t k = strlen(parts[i]);

		if (len + k + 2 > size)
			return false;
		if (i)
			buf[len++] = '\x1f';
		memcpy(buf + len, parts[i], k);
		len += k;
	}
	buf[len] = '\0';
	return true;
}

/* Stores `value` under the key of `parts` (copied into the arena). */
static int put_key(struct replay *r, struct strmap *map,
		   const char *const *parts, size_t n, void *value)
{
	char buf[KEY_MAX];
	char *key;

	if (!make_key(buf, sizeof(buf), parts, n))
		return 0; /* could never be looked up */
	if (!(key = arena_strdup(&r->arena, buf)))
		return FK_ENOMEM;
	return strmap_put(map, key, value) < 0 ? FK_ENOMEM : 0;
}

static const struct table_state *lookup(const struct replay *r,
					const char *schema, const char *name)
{
	const char *parts[] = { schema, name };
	char key[KEY_MAX];

	if (!make_key(key, sizeof(key), parts, 2))
		return NULL;
	return strmap_get(&r->tables, key);
}

const char *replay_schema_of(const struct replay *r, const struct qname *q)
{
	size_t i;

	if (q->schema)
		return q->schema;
	for (i = 0; i < r->nsearch_path; i++)
		if (lookup(r, r->search_path[i], q->name))
			return r->search_path[i];
	return first_schema(r);
}

bool replay_table_is_new(const struct replay *r, const struct qname *q)
{
	const struct table_state *t;

	if (!q->name)
		return false;
	t = lookup(r, replay_schema_of(r, q), q->name);
	return t && t->deploy == r->deploy;
}

const struct fk_state *replay_find_fk(const struct replay *r,
				      const struct qname *table,
				      const char *name)
{
	char key[KEY_MAX];
	const char *parts[3];

	if (!table->name || !name)
		return NULL;
	parts[0] = replay_schema_of(r, table);
	parts[1] = table->name;
	parts[2] = name;
	if (!make_key(key, sizeof(key), parts, 3))
		return NULL;
	return strmap_get(&r->fks, key);
}

bool replay_lock_timeout(const struct replay *r, const struct tx *tx)
{
	if (r->lt_local && r->lt_local_tx == tx->id)
		return true;
	return r->lt_session;
}

const char *fk_default_name(struct arena *arena, const char *table,
			    const char *const *cols, size_t ncols)
{
	char joined[NAMEDATALEN_MAX + 1] = "";
	size_t n1 = strlen(table), n2, i, avail;

	for (i = 0; i < ncols; i++) {
		size_t len = strlen(joined);

		if (len + 1 + strlen(cols[i]) > NAMEDATALEN_MAX)
			break;
		if (i)
			strcat(joined, "_");
		strcat(joined, cols[i]);
	}
	n2 = strlen(joined);
	/* makeObjectName(): trim the longer part until "<a>_<b>_fkey" fits */
	avail = NAMEDATALEN_MAX - strlen("_fkey") - (n2 ? 1 : 0);
	while (n1 + n2 > avail) {
		if (n1 > n2)
			n1--;
		else
			n2--;
	}
	if (!n2)
		return arena_printf(arena, "%.*s_fkey", (int)n1, table);
	return arena_printf(arena, "%.*s_%.*s_fkey", (int)n1, table, (int)n2,
			    joined);
}

static int add_table(struct replay *r, const struct stmt *st)
{
	struct table_state *t = arena_alloc(&r->arena, sizeof(*t));
	const char *schema = replay_schema_of(r, &st->table);

	if (!t || !(t->schema = arena_strdup(&r->arena, schema)) ||
	    !(t->name = arena_strdup(&r->arena, st->table.name)))
		return FK_ENOMEM;
	t->deploy = r->deploy;
	t->partitioned = st->partitioned;
	return put_key(r, &r->tables, (const char *[]){ t->schema, t->name },
		       2, t);
}

static int add_fk(struct replay *r, const struct qname *table,
		  const struct fk_def *fk, size_t i, const struct tx *tx)
{
	struct fk_state *f = arena_alloc(&r->arena, sizeof(*f));
	const char *schema = replay_schema_of(r, table);
	const struct qname *ref = &fk->ref_table;

	if (!f)
		return FK_ENOMEM;
	f->schema = arena_strdup(&r->arena, schema);
	f->table = arena_strdup(&r->arena, table->name);
	f->name = fk->name ? arena_strdup(&r->arena, fk->name)
			   : fk_default_name(&r->arena, table->name,
					     fk->cols, fk->ncols);
	/* the state outlives the statement's arena: copy every name */
	f->ref.schema = ref->schema ? arena_strdup(&r->arena, ref->schema)
				    : NULL;
	f->ref.name = ref->name ? arena_strdup(&r->arena, ref->name) : NULL;
	f->not_valid = fk->not_valid;
	f->added_tx = tx->id;
	f->added_stmt = i;
	f->added_off = fk->span.start;
	f->added_path = r->cur_path ? arena_strdup(&r->arena, r->cur_path)
				    : NULL;
	if (r->cur_lines) {
		uint32_t col;

		linemap_locate(r->cur_lines, fk->span.start, &f->added_line,
			       &col);
	}
	if (r->cur_path && !f->added_path)
		return FK_ENOMEM;
	if (!f->schema || !f->table || !f->name ||
	    (ref->schema && !f->ref.schema) || (ref->name && !f->ref.name))
		return FK_ENOMEM;
	return put_key(r, &r->fks,
		       (const char *[]){ f->schema, f->table, f->name }, 3, f);
}

static void drop_fk(struct replay *r, const struct qname *table,
		    const char *name)
{
	struct fk_state *f =
		(struct fk_state *)replay_find_fk(r, table, name);
	const char *parts[3];
	char key[KEY_MAX];

	if (!f)
		return;
	parts[0] = f->schema;
	parts[1] = f->table;
	parts[2] = f->name;
	if (make_key(key, sizeof(key), parts, 3))
		strmap_put(&r->fks, key, NULL); /* a tombstone: has room */
}

static int apply_alter(struct replay *r, const struct stmt *st, size_t i,
		       const struct tx *tx)
{
	size_t k;
	int err;

	for (k = 0; k < st->ncmds; k++) {
		const struct alter_cmd *ac = &st->cmds[k];
		struct fk_state *f;

		if (ac->has_fk &&
		    (err = add_fk(r, &st->table, &ac->fk, i, tx)) < 0)
			return err;
		if (ac->kind == ALTER_VALIDATE &&
		    (f = (struct fk_state *)replay_find_fk(r, &st->table,
							  ac->name)))
			f->not_valid = false;
		if (ac->kind == ALTER_DROP_CONSTRAINT)
			drop_fk(r, &st->table, ac->name);
	}
	return 0;
}

/* A lock_timeout value turns the timeout on unless it is zero. */
static bool timeout_on(const char *value)
{
	const char *p = value;

	while (*p == ' ')
		p++;
	if (*p == '+')
		p++;
	if (*p < '0' || *p > '9')
		return true; /* not a number PostgreSQL would accept as 0 */
	while (*p == '0' || *p == '.')
		p++;
	return !(*p < '1' || *p > '9');
}

static int apply_search_path(struct replay *r, const struct stmt *st)
{
	size_t k;

	r->nsearch_path = 0;
	if (st->set_action != SET_VALUE)
		return 0;
	r->search_path =
		arena_alloc(&r->arena, (st->nset_values + 1) * sizeof(char *));
	if (!r->search_path)
		return FK_ENOMEM;
	for (k = 0; k < st->nset_values; k++)
		if (!(r->search_path[r->nsearch_path++] =
			      arena_strdup(&r->arena, st->set_values[k])))
			return FK_ENOMEM;
	return 0;
}

static int apply_set(struct replay *r, const struct stmt *st,
		     const struct tx *tx)
{
	bool on;

	if (st->set_action == SET_RESET_ALL) {
		r->lt_session = r->lt_local = false;
		r->nsearch_path = 0;
		return 0;
	}
	if (!st->set_name)
		return 0;
	if (strcmp(st->set_name, "search_path") == 0)
		return st->set_local && tx->source == TX_NONE
			       ? 0
			       : apply_search_path(r, st);
	if (strcmp(st->set_name, "lock_timeout") != 0)
		return 0;
	on = st->set_action == SET_VALUE && st->nset_values > 0 &&
	     timeout_on(st->set_values[0]);
	if (!st->set_local) {
		r->lt_session = on;
		r->lt_local = false;
	} else if (tx->source != TX_NONE) { /* SET LOCAL outside: no-op */
		r->lt_local = on;
		r->lt_local_tx = tx->id;
	}
	return 0;
}

int replay_apply(struct replay *r, const struct stmt *st, size_t i,
		 const struct tx *tx)
{
	size_t k;
	int err;

	if (!r->any_tx || tx->id != r->last_tx) {
		r->lt_session_at_begin = r->lt_session;
		r->last_tx = tx->id;
		r->any_tx = true;
	}
	switch (st->kind) {
	case STMT_CREATE_TABLE:
		if (!st->table.name)
			return 0;
		if ((err = add_table(r, st)) < 0)
			return err;
		for (k = 0; k < st->nfks; k++)
			if ((err = add_fk(r, &st->table, &st->fks[k], i, tx)) <
			    0)
				return err;
		return 0;
	case STMT_ALTER_TABLE:
		return apply_alter(r, st, i, tx);
	case STMT_SET:
		return apply_set(r, st, tx);
	case STMT_ROLLBACK:
		if (tx->source != TX_NONE)
			r->lt_session = r->lt_session_at_begin;
		return 0;
	default:
		return 0;
	}
}
