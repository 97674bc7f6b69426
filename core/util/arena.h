#ifndef FKAUDIT_ARENA_H
#define FKAUDIT_ARENA_H

#include <stddef.h>

/*
 * A chunked allocator for everything one file's audit allocates: tokens
 * copied out of libpg_query, statement facts, names, findings' strings.
 * Nothing is freed on its own; arena_release() frees it all at once.
 *
 * Allocation failure is reported by a NULL return, never by aborting;
 * callers pass it up as FK_ENOMEM.
 */
struct arena_chunk;

struct arena {
	struct arena_chunk *head;
	size_t used; /* bytes used in head */
};

#define ARENA_INIT \
	{          \
		0  \
	}

/* Zeroed memory, aligned for any type; valid until arena_release(). */
void *arena_alloc(struct arena *arena, size_t size);

/* A NUL-terminated copy of s[0..len). */
char *arena_strndup(struct arena *arena, const char *s, size_t len);
char *arena_strdup(struct arena *arena, const char *s);

/* printf into the arena. */
char *arena_printf(struct arena *arena, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Frees every chunk; the arena can be used again afterwards. */
void arena_release(struct arena *arena);

#endif
