#ifndef FKAUDIT_LINEMAP_H
#define FKAUDIT_LINEMAP_H

#include <stddef.h>
#include <stdint.h>

#include "srcmap.h"

/*
 * Converts byte offsets of one file into 1-based line and column. Built
 * once per file; lines end at "\n" (a "\r" before it is part of no
 * column). Columns count Unicode code points, one per invalid byte, and a
 * tab is one column: what SARIF calls unicodeCodePoints. A UTF-8 byte
 * order mark at the start is not counted.
 *
 * Building it reads the text once; locating an offset costs a binary
 * search and counts at most about LINEMAP_STEP bytes, however long its
 * line: many findings on one long line cost time in proportion to their
 * number, not to their number times the line's length.
 */
#define LINEMAP_STEP 256

/* A character boundary on a long line, and its 0-based column. */
struct linemap_stop {
	uint32_t off;
	uint32_t col;
};

struct linemap {
	const char *text; /* borrowed */
	size_t len;
	uint32_t *starts; /* byte offset of each line's first byte */
	size_t nlines;
	/*
	 * On each line longer than LINEMAP_STEP bytes, a stop every
	 * LINEMAP_STEP bytes or so, in offset order (owned; NULL when no
	 * line is that long).
	 */
	struct linemap_stop *stops;
	size_t nstops;
	/*
	 * When the offsets given to linemap_locate() are those of a text
	 * built from this one (the SQL a framework reader built), where its
	 * bytes came from (borrowed; NULL: the offsets are this text's).
	 * linemap_line() speaks of this text's own offsets.
	 */
	const struct srcmap *origin;
};

/* 0, or -1 when out of memory. The text must outlive the map. */
int linemap_init(struct linemap *map, const char *text, size_t len);
void linemap_release(struct linemap *map);

/* 1-based line and column of byte offset `off` (clamped to the text). */
void linemap_locate(const struct linemap *map, size_t off, uint32_t *line,
		    uint32_t *col);

/*
 * Line and column of the start of span [start, end) and of its end (the
 * place just after its last byte). The end is never before the start.
 */
void linemap_locate_span(const struct linemap *map, size_t start, size_t end,
			 uint32_t *line, uint32_t *col, uint32_t *end_line,
			 uint32_t *end_col);

/*
 * The span [*src_start, *src_end) of this text that span [start, end) of
 * the built text came from (through `origin`; itself without one). It
 * never ends before it starts (srcmap_span()).
 */
void linemap_source_span(const struct linemap *map, size_t start, size_t end,
			 size_t *src_start, size_t *src_end);

/* Byte span [start, end) of 1-based line `line`, without "\r\n". */
void linemap_line(const struct linemap *map, uint32_t line, size_t *start,
		  size_t *end);

#endif
