#include "srcmap.h"

#include <stdlib.h>

#include "array.h"
#include "error.h"

int srcmap_add(struct srcmap *m, uint32_t off, uint32_t len, uint32_t src,
	       uint32_t src_len, bool exact)
{
	struct srcseg *s;

	if (array_grow((void **)&m->v, &m->cap, m->n, sizeof(*m->v)) < 0)
		return FK_ENOMEM;
	s = &m->v[m->n++];
	s->off = off;
	s->len = len;
	s->src = src;
	s->src_len = src_len;
	s->exact = exact && len == src_len;
	return 0;
}

/* The last segment that starts at or before `off`, or NULL. */
static const struct srcseg *seg_at(const struct srcmap *m, uint32_t off)
{
	size_t lo = 0, hi = m->n;

	if (!m->n || m->v[0].off > off)
		return NULL;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (m->v[mid].off <= off)
			lo = mid;
		else
			hi = mid;
	}
	return &m->v[lo];
}

uint32_t srcmap_start(const struct srcmap *m, uint32_t off)
{
	const struct srcseg *s = seg_at(m, off);

	if (!s)
		return m->n ? m->v[0].src : off;
	if (off >= s->off + s->len) /* between segments: after this one */
		return s->src + s->src_len;
	return s->exact ? s->src + (off - s->off) : s->src;
}

uint32_t srcmap_end(const struct srcmap *m, uint32_t end)
{
	const struct srcseg *s;

	if (!m->n)
		return end;
	if (end == 0 || !(s = seg_at(m, end - 1)))
		return m->v[0].src;
	if (end - 1 >= s->off + s->len || !s->exact)
		return s->src + s->src_len;
	return s->src + (end - s->off);
}

void srcmap_span(const struct srcmap *m, uint32_t start, uint32_t end,
		 uint32_t *src_start, uint32_t *src_end)
{
	*src_start = srcmap_start(m, start);
	*src_end = end > start ? srcmap_end(m, end) : *src_start;
	if (*src_end < *src_start)
		*src_end = *src_start;
}

void srcmap_release(struct srcmap *m)
{
	free(m->v);
	m->v = NULL;
	m->n = m->cap = 0;
}
