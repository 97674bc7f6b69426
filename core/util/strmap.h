#ifndef FKAUDIT_STRMAP_H
#define FKAUDIT_STRMAP_H

#include <stddef.h>

/*
 * A hash map from NUL-terminated strings to pointers. Keys and values are
 * borrowed: the caller keeps them alive (usually in an arena) for as long
 * as the map.
 */
struct strmap_entry {
	const char *key;
	void *value;
};

struct strmap {
	struct strmap_entry *slots;
	size_t cap; /* a power of two, or 0 */
	size_t count;
};

#define STRMAP_INIT \
	{           \
		0   \
	}

void *strmap_get(const struct strmap *map, const char *key);

/* Sets or replaces; 0, or -1 when out of memory. */
int strmap_put(struct strmap *map, const char *key, void *value);

void strmap_release(struct strmap *map);

#endif
