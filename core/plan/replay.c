#include "replay.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "replay_schema.h"
#include "utf8.h"

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

void *replay_reader_state(struct replay *r, const void *key,
			  void *(*make)(void), void (*free_state)(void *))
{
	struct replay_reader *x;

	for (x = r->readers; x; x = x->next)
		if (x->key == key)
			return x->state;
	if (!(x = arena_alloc(&r->arena, sizeof(*x))))
		return NULL;
	if (!(x->state = make()))
		return NULL;
	x->key = key;
	x->free_state = free_state;
	x->next = r->readers;
	r->readers = x;
	return x->state;
}

void replay_release(struct replay *r)
{
	strmap_release(&r->tables);
	strmap_release(&r->fks);
	strmap_release(&r->indexes);
	strmap_release(&r->pending);
	for (; r->readers; r->readers = r->readers->next)
		r->readers->free_state(r->readers->state);
	arena_release(&r->arena);
	memset(r, 0, sizeof(*r));
}

static const char *pending_key(char *buf, size_t size, size_t file,
			       uint32_t off, const char *rule_id)
{
	snprintf(buf, size, "%zu\x1f%u\x1f%s", file, (unsigned)off, rule_id);
	return buf;
}

int replay_pend(struct replay *r, size_t file, uint32_t off,
		const char *rule_id, const struct fk_state *fk)
{
	char buf[96];
	char *key = arena_strdup(
		&r->arena, pending_key(buf, sizeof(buf), file, off, rule_id));

	if (!key || strmap_put(&r->pending, key, (void *)fk) < 0)
		return FK_ENOMEM;
	return 0;
}

const struct fk_state *replay_pending(const struct replay *r, size_t file,
				      uint32_t off, const char *rule_id)
{
	char buf[96];

	return strmap_get(&r->pending,
			  pending_key(buf, sizeof(buf), file, off, rule_id));
}

void replay_pending_clear(struct replay *r)
{
	strmap_release(&r->pending);
	memset(&r->pending, 0, sizeof(r->pending));
}

bool replay_lock_timeout(const struct replay *r, const struct tx *tx)
{
	if (r->lt_local && r->lt_local_tx == tx->id)
		return true;
	return r->lt_session;
}

const char *replay_default_name(struct arena *arena, const char *table,
				const char *const *cols, size_t ncols,
				const char *suffix)
{
	char joined[2 * (NAMEDATALEN_MAX + 1) + 1];
	size_t n1 = strlen(table), n2 = 0, i, avail;

	/* ChooseIndexNameAddition(): "_"-joined until 64 bytes are reached */
	for (i = 0; i < ncols && n2 <= NAMEDATALEN_MAX; i++) {
		const char *c = cols[i] ? cols[i] : "expr";
		size_t k = strlen(c);

		if (n2)
			joined[n2++] = '_';
		if (k > NAMEDATALEN_MAX)
			k = NAMEDATALEN_MAX;
		memcpy(joined + n2, c, k);
		n2 += k;
	}
	joined[n2] = '\0';
	/* makeObjectName(): trim the longer part until "<a>_<b>_idx" fits */
	avail = NAMEDATALEN_MAX - 1 - strlen(suffix) - (n2 ? 1 : 0);
	while (n1 + n2 > avail) {
		if (n1 > n2)
			n1--;
		else
			n2--;
	}
	n1 = utf8_clip(table, strlen(table), n1);
	n2 = utf8_clip(joined, strlen(joined), n2);
	if (!n2)
		return arena_printf(arena, "%.*s_%s", (int)n1, table, suffix);
	return arena_printf(arena, "%.*s_%.*s_%s", (int)n1, table, (int)n2,
			    joined, suffix);
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
	if (!r->any_tx || tx->id != r->last_tx) {
		r->lt_session_at_begin = r->lt_session;
		r->last_tx = tx->id;
		r->any_tx = true;
	}
	r->fk_applied = NULL;
	switch (st->kind) {
	case STMT_CREATE_TABLE:
	case STMT_ALTER_TABLE:
	case STMT_CREATE_INDEX:
	case STMT_DROP_INDEX:
	case STMT_DROP_TABLE:
	case STMT_RENAME:
		return replay_schema_apply(r, st, i, tx);
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
