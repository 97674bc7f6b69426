#ifndef FKAUDIT_ARRAY_H
#define FKAUDIT_ARRAY_H

#include <stddef.h>

/*
 * Makes room for one more element in a realloc()ed array `*v` of `n`
 * elements of `size` bytes and capacity `*cap`, doubling it (from 16)
 * when full. Returns 0, or FK_ENOMEM with the array unchanged.
 */
int array_grow(void **v, size_t *cap, size_t n, size_t size);

#endif
