#include "linemap.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

int linemap_init(struct linemap *map, const char *text, size_t len)
{
	size_t n = 1, i, k = 0;
	const char *p = text, *end = text + len;

	while (p < end && (p = memchr(p, '\n', (size_t)(end - p)))) {
		n++;
		p++;
	}
	map->text = text;
	map->len = len;
	map->origin = NULL;
	map->nlines = n;
	map->starts = malloc(n * sizeof(*map->starts));
	if (!map->starts)
		return -1;
	/* a UTF-8 byte order mark is no column: line 1 starts after it */
	map->starts[k++] = len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0;
	if (map->starts[0])
		map->starts[0] = 3;
	for (i = 0; i < len; i++)
		if (text[i] == '\n')
			map->starts[k++] = (uint32_t)(i + 1);
	return 0;
}

void linemap_release(struct linemap *map)
{
	free(map->starts);
	map->starts = NULL;
	map->nlines = 0;
}

static size_t line_index(const struct linemap *map, size_t off)
{
	size_t lo = 0, hi = map->nlines;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (map->starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

size_t linemap_source(const struct linemap *map, size_t off, bool end)
{
	if (!map->origin)
		return off;
	off = off > UINT32_MAX ? UINT32_MAX : off;
	return end ? srcmap_end(map->origin, (uint32_t)off)
		   : srcmap_start(map->origin, (uint32_t)off);
}

/* Line and column of this text's own offset `off`. */
static void locate(const struct linemap *map, size_t off, uint32_t *line,
		   uint32_t *col)
{
	size_t idx;

	if (off > map->len)
		off = map->len;
	idx = line_index(map, off);
	*line = (uint32_t)idx + 1;
	if (off < map->starts[idx]) { /* inside a skipped byte order mark */
		*col = 1;
		return;
	}
	*col = (uint32_t)utf8_columns(map->text + map->starts[idx],
				      off - map->starts[idx]) + 1;
}

void linemap_locate(const struct linemap *map, size_t off, uint32_t *line,
		    uint32_t *col)
{
	locate(map, linemap_source(map, off, false), line, col);
}

void linemap_locate_end(const struct linemap *map, size_t end, uint32_t *line,
			uint32_t *col)
{
	locate(map, linemap_source(map, end, true), line, col);
}

void linemap_line(const struct linemap *map, uint32_t line, size_t *start,
		  size_t *end)
{
	size_t s, e;

	if (line < 1 || line > map->nlines) {
		*start = *end = map->len;
		return;
	}
	s = map->starts[line - 1];
	e = line < map->nlines ? map->starts[line] - 1 : map->len;
	if (e > s && map->text[e - 1] == '\r')
		e--;
	*start = s;
	*end = e;
}
