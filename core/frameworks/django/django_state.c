/* Django's project state, kept with the replayed schema (django_state.h). */
#include "django_state.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "array.h"

struct django_model_state django_state_absent;

void *django_state_make(void)
{
	return calloc(1, sizeof(struct django_state));
}

static void model_free(struct django_model_state *m)
{
	free(m->fields);
	free(m->unique_together);
	free(m->index_together);
	free(m);
}

void django_state_free(void *state)
{
	struct django_state *st = state;
	size_t i;

	if (!st)
		return;
	for (i = 0; i < st->nall; i++)
		model_free(st->all[i]);
	for (i = 0; i < st->ncopies; i++)
		model_free(st->copies[i]);
	free(st->all);
	free(st->copies);
	strmap_release(&st->models);
	strmap_release(&st->before);
	strmap_release(&st->labels);
	arena_release(&st->arena);
	free(st);
}

/*
 * A copy of `m` without its fields (kept one by one, keep_field()): its
 * own together arrays, the strings shared (same arena).
 */
static struct django_model_state *model_copy(const struct django_model_state *m)
{
	struct django_model_state *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	*c = *m;
	c->fields = NULL;
	c->nfields = c->cap = 0;
	c->unique_together = c->index_together = NULL;
	if ((m->nunique &&
	     !(c->unique_together =
		       malloc(m->nunique * sizeof(*c->unique_together)))) ||
	    (m->nindex && !(c->index_together = malloc(
				    m->nindex * sizeof(*c->index_together))))) {
		model_free(c);
		return NULL;
	}
	if (m->nunique)
		memcpy(c->unique_together, m->unique_together,
		       m->nunique * sizeof(*c->unique_together));
	if (m->nindex)
		memcpy(c->index_together, m->index_together,
		       m->nindex * sizeof(*c->index_together));
	return c;
}

/* The marker of a field a model did not have before a migration. */
static struct django_field field_absent;

/*
 * Keeps field `name` of `m` as it is now, before the migration being
 * recorded changes it: "path\x1fkey\x1fname" -> a copy in the arena,
 * or &field_absent.
 */
static int keep_field(struct django_state *st,
		      const struct django_model_state *m, const char *name)
{
	const struct django_field *f;
	struct django_field *c;
	char *k;

	if (!st->recording)
		return 0;
	if (!(k = arena_printf(&st->arena, "%s\x1f%s\x1f%s", st->recording,
			       m->key, name)))
		return -1;
	if (strmap_get(&st->before, k))
		return 0;
	if (!(f = django_field_get(m, name)))
		return strmap_put(&st->before, k, &field_absent);
	if (!(c = arena_alloc(&st->arena, sizeof(*c))))
		return -1;
	*c = *f; /* its strings live in the same arena */
	return strmap_put(&st->before, k, c);
}

int django_state_keep(struct django_state *st, const char *key)
{
	struct django_model_state *m, *c;
	char *k;

	if (!st || !st->recording)
		return 0;
	if (!(k = arena_printf(&st->arena, "%s\x1f%s", st->recording, key)))
		return -1;
	if (strmap_get(&st->before, k))
		return 0;
	m = strmap_get(&st->models, key);
	if (!m) {
		c = &django_state_absent;
	} else {
		if (array_grow((void **)&st->copies, &st->copies_cap,
			       st->ncopies, sizeof(*st->copies)) < 0 ||
		    !(c = model_copy(m)))
			return -1;
		st->copies[st->ncopies++] = c;
	}
	return strmap_put(&st->before, k, c);
}

/* Field snapshots of model `key` for `path`: restored into `c`. */
static bool restore_fields(struct django_state *n, struct django_state *st,
			   const char *path, const char *key,
			   struct django_model_state *c)
{
	size_t plen = strlen(path), klen = strlen(key), i;

	for (i = 0; i < st->before.cap; i++) {
		const char *k = st->before.slots[i].key;
		struct django_field *f = st->before.slots[i].value;

		if (!k || !f || strncmp(k, path, plen) != 0 ||
		    k[plen] != '\x1f' ||
		    strncmp(k + plen + 1, key, klen) != 0 ||
		    k[plen + 1 + klen] != '\x1f')
			continue;
		if (f == &field_absent)
			django_field_remove(n, c, k + plen + klen + 2);
		else if (!django_field_put(n, c, f))
			return false;
	}
	return true;
}

struct django_state *django_state_before(struct django_state *st,
					 const char *path)
{
	struct django_state *n = django_state_make();
	size_t i, k;
	bool fail = !n;

	for (i = 0; !fail && i < st->nall; i++) {
		const struct django_model_state *m = st->all[i], *h = m;
		const char *key =
			arena_printf(&n->arena, "%s\x1f%s", path, m->key);
		const struct django_model_state *was =
			key ? strmap_get(&st->before, key) : NULL;
		struct django_model_state *c;

		fail = !key;
		if (was == &django_state_absent)
			continue;
		if (was)
			h = was; /* its table, together sets, gone, proxy */
		if (fail || !(c = django_model_add(n, m->key, h->table))) {
			fail = true;
			break;
		}
		for (k = 0; !fail && k < m->nfields; k++)
			fail = !django_field_put(n, c, &m->fields[k]);
		fail = fail || !restore_fields(n, st, path, m->key, c) ||
		       django_together_set(n, c, true, h->unique_together,
					   h->nunique) < 0 ||
		       django_together_set(n, c, false, h->index_together,
					   h->nindex) < 0;
		c->gone = h->gone;
		c->proxy_of = h->proxy_of;
	}
	if (fail) {
		django_state_free(n);
		return NULL;
	}
	return n;
}

struct django_model_state *django_model_get(struct django_state *st,
					    const char *key)
{
	struct django_model_state *m = st ? strmap_get(&st->models, key) : NULL;

	return m && !m->gone ? m : NULL;
}

struct django_model_state *django_model_add(struct django_state *st,
					    const char *key, const char *table)
{
	struct django_model_state *m = strmap_get(&st->models, key);

	if (django_state_keep(st, key) < 0)
		return NULL;
	if (m) {
		m->nfields = 0;
		m->nunique = m->nindex = 0;
		m->gone = false;
		m->proxy_of = NULL;
		m->table = arena_strdup(&st->arena, table);
		return m->table ? m : NULL;
	}
	if (array_grow((void **)&st->all, &st->all_cap, st->nall,
		       sizeof(*st->all)) < 0 ||
	    !(m = calloc(1, sizeof(*m))))
		return NULL;
	st->all[st->nall++] = m;
	m->key = arena_strdup(&st->arena, key);
	m->table = arena_strdup(&st->arena, table);
	if (!m->key || !m->table || strmap_put(&st->models, m->key, m) < 0)
		return NULL;
	return m;
}

struct django_field *django_field_get(const struct django_model_state *m,
				      const char *name)
{
	size_t i;

	for (i = 0; m && name && i < m->nfields; i++)
		if (strcmp(m->fields[i].name, name) == 0)
			return &m->fields[i];
	return NULL;
}

/* A copy of `s` in the state's arena; NULL stays NULL (*fail if OOM). */
static const char *dup(struct django_state *st, const char *s, bool *fail)
{
	const char *d;

	if (!s)
		return NULL;
	if (!(d = arena_strdup(&st->arena, s)))
		*fail = true;
	return d;
}

struct django_field *django_field_put(struct django_state *st,
				      struct django_model_state *m,
				      const struct django_field *f)
{
	struct django_field *to, c = *f;
	bool fail = false;

	if (django_state_keep(st, m->key) < 0 || keep_field(st, m, f->name) < 0)
		return NULL;
	to = django_field_get(m, f->name);

	c.name = dup(st, f->name, &fail);
	c.column = dup(st, f->column, &fail);
	c.type = dup(st, f->type, &fail);
	c.cls = dup(st, f->cls, &fail);
	c.def = dup(st, f->def, &fail);
	c.sig = dup(st, f->sig, &fail);
	c.check_name = dup(st, f->check_name, &fail);
	c.to_model = dup(st, f->to_model, &fail);
	c.to_table = dup(st, f->to_table, &fail);
	c.to_column = dup(st, f->to_column, &fail);
	c.m2m_table = dup(st, f->m2m_table, &fail);
	if (fail)
		return NULL;
	if (!to) {
		if (array_grow((void **)&m->fields, &m->cap, m->nfields,
			       sizeof(*m->fields)) < 0)
			return NULL;
		to = &m->fields[m->nfields++];
	}
	*to = c;
	return to;
}

int django_field_remove(struct django_state *st, struct django_model_state *m,
			const char *name)
{
	struct django_field *f = django_field_get(m, name);
	size_t i;

	if (!f)
		return 0;
	if (django_state_keep(st, m->key) < 0 || keep_field(st, m, name) < 0)
		return -1;
	f = django_field_get(m, name);
	i = (size_t)(f - m->fields);
	memmove(f, f + 1, (m->nfields - i - 1) * sizeof(*f));
	m->nfields--;
	return 0;
}

int django_together_set(struct django_state *st, struct django_model_state *m,
			bool unique, const char *const *sets, size_t n)
{
	const char **v = n ? calloc(n, sizeof(*v)) : NULL;
	bool fail = (n && !v) || django_state_keep(st, m->key) < 0;
	size_t i;

	for (i = 0; v && i < n; i++)
		v[i] = dup(st, sets[i], &fail);
	if (fail) {
		free(v);
		return -1;
	}
	if (unique) {
		free(m->unique_together);
		m->unique_together = v;
		m->nunique = n;
	} else {
		free(m->index_together);
		m->index_together = v;
		m->nindex = n;
	}
	return 0;
}

const struct django_field *django_model_pk(const struct django_model_state *m)
{
	size_t i;

	for (i = 0; m && i < m->nfields; i++)
		if (m->fields[i].primary)
			return &m->fields[i];
	return NULL;
}
