/* Django's project state, kept with the replayed schema (django_state.h). */
#include "django_state.h"

#include <stdlib.h>
#include <string.h>

#include "array.h"

void *django_state_make(void)
{
	return calloc(1, sizeof(struct django_state));
}

void django_state_free(void *state)
{
	struct django_state *st = state;
	size_t i;

	if (!st)
		return;
	for (i = 0; i < st->nall; i++) {
		free(st->all[i]->fields);
		free(st->all[i]->unique_together);
		free(st->all[i]->index_together);
		free(st->all[i]);
	}
	free(st->all);
	strmap_release(&st->models);
	arena_release(&st->arena);
	free(st);
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

	if (m) {
		m->nfields = 0;
		m->nunique = m->nindex = 0;
		m->gone = false;
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
	struct django_field *to = django_field_get(m, f->name), c = *f;
	bool fail = false;

	c.name = dup(st, f->name, &fail);
	c.column = dup(st, f->column, &fail);
	c.type = dup(st, f->type, &fail);
	c.cls = dup(st, f->cls, &fail);
	c.def = dup(st, f->def, &fail);
	c.sig = dup(st, f->sig, &fail);
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

void django_field_remove(struct django_model_state *m, const char *name)
{
	struct django_field *f = django_field_get(m, name);
	size_t i;

	if (!f)
		return;
	i = (size_t)(f - m->fields);
	memmove(f, f + 1, (m->nfields - i - 1) * sizeof(*f));
	m->nfields--;
}

int django_together_set(struct django_state *st, struct django_model_state *m,
			bool unique, const char *const *sets, size_t n)
{
	const char **v = n ? calloc(n, sizeof(*v)) : NULL;
	bool fail = n && !v;
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
