#include "arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_CHUNK_SIZE (64 * 1024)

struct arena_chunk {
	struct arena_chunk *next;
	size_t size;
	_Alignas(max_align_t) unsigned char data[];
};

static struct arena_chunk *chunk_new(size_t size)
{
	struct arena_chunk *chunk = malloc(sizeof(*chunk) + size);

	if (!chunk)
		return NULL;
	chunk->next = NULL;
	chunk->size = size;
	return chunk;
}

void *arena_alloc(struct arena *arena, size_t size)
{
	const size_t align = _Alignof(max_align_t);
	struct arena_chunk *chunk;
	void *p;

	size = (size + align - 1) & ~(align - 1);
	if (size == 0)
		size = align;
	if (!arena->head || arena->head->size - arena->used < size) {
		size_t want = size > ARENA_CHUNK_SIZE ? size : ARENA_CHUNK_SIZE;

		chunk = chunk_new(want);
		if (!chunk)
			return NULL;
		if (arena->head && want > ARENA_CHUNK_SIZE) {
			/* an oversized block: keep the current chunk in use */
			chunk->next = arena->head->next;
			arena->head->next = chunk;
			memset(chunk->data, 0, size);
			return chunk->data;
		}
		chunk->next = arena->head;
		arena->head = chunk;
		arena->used = 0;
	}
	p = arena->head->data + arena->used;
	arena->used += size;
	memset(p, 0, size);
	return p;
}

char *arena_strndup(struct arena *arena, const char *s, size_t len)
{
	char *p = arena_alloc(arena, len + 1);

	if (!p)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *arena_strdup(struct arena *arena, const char *s)
{
	return arena_strndup(arena, s, strlen(s));
}

char *arena_printf(struct arena *arena, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	p = arena_alloc(arena, (size_t)n + 1);
	if (!p)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void arena_release(struct arena *arena)
{
	struct arena_chunk *chunk = arena->head;

	while (chunk) {
		struct arena_chunk *next = chunk->next;

		free(chunk);
		chunk = next;
	}
	arena->head = NULL;
	arena->used = 0;
}
