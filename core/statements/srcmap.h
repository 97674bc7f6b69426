#ifndef FKAUDIT_SRCMAP_H
#define FKAUDIT_SRCMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Where the bytes of a built text came from in its source: the SQL that
 * a framework reader builds from a migration that is not SQL (taken out
 * of string literals, or written for its schema operations), against
 * that file.
 *
 * A segment maps text bytes [off, off + len) to source bytes [src, src +
 * src_len). An exact segment was copied byte for byte (len == src_len);
 * any other (an escape, SQL written for an operation) maps as a whole:
 * its bytes start at `src` and end at `src + src_len`. Segments are
 * added in text order; a text byte between two segments belongs to the
 * one before it.
 */
struct srcseg {
	uint32_t off;
	uint32_t len;
	uint32_t src;
	uint32_t src_len;
	bool exact;
};

struct srcmap {
	struct srcseg *v; /* owned */
	size_t n, cap;
};

#define SRCMAP_INIT        \
	{                  \
		NULL, 0, 0 \
	}

/* Adds a segment after the last one. Returns 0 or FK_ENOMEM. */
int srcmap_add(struct srcmap *m, uint32_t off, uint32_t len, uint32_t src,
	       uint32_t src_len, bool exact);

/* The source offset of the text byte at `off` (identity when empty). */
uint32_t srcmap_start(const struct srcmap *m, uint32_t off);

/* The source offset just after the text byte before `end`. */
uint32_t srcmap_end(const struct srcmap *m, uint32_t end);

/*
 * The source span [*src_start, *src_end) of text span [start, end). It
 * never ends before it starts: an empty span is empty where it starts
 * (at the start of a segment, not at the end of the one before), and a
 * span whose last byte came from earlier in the source than its first
 * (segments out of source order) ends where it starts.
 */
void srcmap_span(const struct srcmap *m, uint32_t start, uint32_t end,
		 uint32_t *src_start, uint32_t *src_end);

void srcmap_release(struct srcmap *m);

#endif
