#include "linemap.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/*
 * Columns of the characters that start in s[0..limit) (limit <= len), as
 * utf8_columns() counts them; *used: the bytes they take, which may reach
 * past limit to the end of the last one.
 */
static uint32_t count_to(const char *s, size_t len, size_t limit, size_t *used)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;
	uint32_t cols = 0;

	while (i < limit) {
		if (p[i] < 0x80) {
			i++;
		} else {
			n = utf8_seq_len(p + i, len - i);
			i += n ? n : 1;
		}
		cols++;
	}
	*used = i;
	return cols;
}

/*
 * The stops of the line text[s..e): each at the first character boundary
 * at least LINEMAP_STEP bytes after the one before (or the line start).
 * A line of n bytes gets at most n / LINEMAP_STEP.
 */
static void add_stops(struct linemap *map, size_t s, size_t e)
{
	size_t at = s, used;
	uint32_t col = 0;

	while (e - at > LINEMAP_STEP) {
		col += count_to(map->text + at, e - at, LINEMAP_STEP, &used);
		at += used;
		if (at >= e)
			break;
		map->stops[map->nstops].off = (uint32_t)at;
		map->stops[map->nstops].col = col;
		map->nstops++;
	}
}

/* The end of line `i`: its "\n", or the end of the text. */
static size_t line_end(const struct linemap *map, size_t i)
{
	return i + 1 < map->nlines ? map->starts[i + 1] - 1 : map->len;
}

static int build_stops(struct linemap *map)
{
	size_t i, max = 0;

	for (i = 0; i < map->nlines; i++)
		max += (line_end(map, i) - map->starts[i]) / LINEMAP_STEP;
	if (!max)
		return 0;
	if (!(map->stops = malloc(max * sizeof(*map->stops))))
		return -1;
	for (i = 0; i < map->nlines; i++)
		if (line_end(map, i) - map->starts[i] > LINEMAP_STEP)
			add_stops(map, map->starts[i], line_end(map, i));
	return 0;
}

int linemap_init(struct linemap *map, const char *text, size_t len)
{
	size_t n = 1, k = 0;
	const char *p = text, *end = text + len;

	while (p < end && (p = memchr(p, '\n', (size_t)(end - p)))) {
		n++;
		p++;
	}
	map->text = text;
	map->len = len;
	map->origin = NULL;
	map->nlines = n;
	map->stops = NULL;
	map->nstops = 0;
	map->starts = malloc(n * sizeof(*map->starts));
	if (!map->starts)
		return -1;
	/* a UTF-8 byte order mark is no column: line 1 starts after it */
	map->starts[k++] = len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0;
	if (map->starts[0])
		map->starts[0] = 3;
	for (p = text; p < end && (p = memchr(p, '\n', (size_t)(end - p))); p++)
		map->starts[k++] = (uint32_t)(p - text + 1);
	return build_stops(map);
}

void linemap_release(struct linemap *map)
{
	free(map->starts);
	free(map->stops);
	map->starts = NULL;
	map->stops = NULL;
	map->nlines = 0;
	map->nstops = 0;
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

static uint32_t clamp32(size_t off)
{
	return off > UINT32_MAX ? UINT32_MAX : (uint32_t)off;
}

void linemap_source_span(const struct linemap *map, size_t start, size_t end,
			 size_t *src_start, size_t *src_end)
{
	uint32_t s, e;

	if (end < start)
		end = start;
	if (!map->origin) {
		*src_start = start;
		*src_end = end;
		return;
	}
	srcmap_span(map->origin, clamp32(start), clamp32(end), &s, &e);
	*src_start = s;
	*src_end = e;
}

/* The last stop at or before `off`, or NULL. */
static const struct linemap_stop *stop_before(const struct linemap *map,
					      size_t off)
{
	size_t lo = 0, hi = map->nstops;

	if (!map->nstops || map->stops[0].off > off)
		return NULL;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (map->stops[mid].off <= off)
			lo = mid;
		else
			hi = mid;
	}
	return &map->stops[lo];
}

/* Line and column of this text's own offset `off`. */
static void locate(const struct linemap *map, size_t off, uint32_t *line,
		   uint32_t *col)
{
	const struct linemap_stop *stop;
	size_t idx, from;
	uint32_t base = 0;

	if (off > map->len)
		off = map->len;
	idx = line_index(map, off);
	*line = (uint32_t)idx + 1;
	from = map->starts[idx];
	if (off < from) { /* inside a skipped byte order mark */
		*col = 1;
		return;
	}
	/* the "\n" of a "\r\n" is where its "\r" is: both end the line */
	if (off > from && off < map->len && map->text[off] == '\n' &&
	    map->text[off - 1] == '\r')
		off--;
	/* a stop is a character boundary: counting on from it is the same */
	stop = stop_before(map, off);
	if (stop && stop->off >= from) {
		from = stop->off;
		base = stop->col;
	}
	*col = base + (uint32_t)utf8_columns(map->text + from, off - from) + 1;
}

void linemap_locate(const struct linemap *map, size_t off, uint32_t *line,
		    uint32_t *col)
{
	size_t s, e;

	linemap_source_span(map, off, off, &s, &e);
	locate(map, s, line, col);
}

void linemap_locate_span(const struct linemap *map, size_t start, size_t end,
			 uint32_t *line, uint32_t *col, uint32_t *end_line,
			 uint32_t *end_col)
{
	size_t s, e;

	linemap_source_span(map, start, end, &s, &e);
	locate(map, s, line, col);
	locate(map, e, end_line, end_col);
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
