#include "array.h"

#include <stdint.h>
#include <stdlib.h>

#include "error.h"

int array_grow(void **v, size_t *cap, size_t n, size_t size)
{
	size_t c;
	void *p;

	if (n < *cap)
		return 0;
	c = *cap ? *cap * 2 : 16;
	if (c > SIZE_MAX / size)
		return FK_ENOMEM;
	p = realloc(*v, c * size);
	if (!p)
		return FK_ENOMEM;
	*v = p;
	*cap = c;
	return 0;
}
