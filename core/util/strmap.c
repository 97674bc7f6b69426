#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	return h;
}

static struct strmap_entry *find_slot(struct strmap_entry *slots, size_t cap,
				      const char *key)
{
	size_t i = (size_t)hash_str(key) & (cap - 1);

	while (slots[i].key && strcmp(slots[i].key, key) != 0)
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

void *strmap_get(const struct strmap *map, const char *key)
{
	if (!map->cap)
		return NULL;
	return find_slot(map->slots, map->cap, key)->value;
}

static int strmap_grow(struct strmap *map)
{
	size_t cap = map->cap ? map->cap * 2 : 16, i;
	struct strmap_entry *slots = calloc(cap, sizeof(*slots));

	if (!slots)
		return -1;
	for (i = 0; i < map->cap; i++)
		if (map->slots[i].key)
			*find_slot(slots, cap, map->slots[i].key) =
				map->slots[i];
	free(map->slots);
	map->slots = slots;
	map->cap = cap;
	return 0;
}

int strmap_put(struct strmap *map, const char *key, void *value)
{
	struct strmap_entry *slot;

	if ((map->count + 1) * 4 > map->cap * 3 && strmap_grow(map) < 0)
		return -1;
	slot = find_slot(map->slots, map->cap, key);
	if (!slot->key) {
		slot->key = key;
		map->count++;
	}
	slot->value = value;
	return 0;
}

void strmap_release(struct strmap *map)
{
	free(map->slots);
	map->slots = NULL;
	map->cap = map->count = 0;
}
