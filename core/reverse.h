#ifndef FKAUDIT_REVERSE_H
#define FKAUDIT_REVERSE_H

/*
 * FK013's comparison: the names a down migration drops against the names
 * its forward migration creates.
 */
#include <stdbool.h>
#include <stddef.h>

#include "split.h"
#include "statements.h"

struct reverse_miss {
	size_t stmt;       /* index in the down statements */
	struct span span;  /* the DROP INDEX statement or DROP CONSTRAINT */
	const char *name;  /* borrowed from the down statements */
	bool index;        /* DROP INDEX; else DROP CONSTRAINT */
};

#define REVERSE_MAX_MISSES 32

/*
 * The index and constraint names that the `down` statements drop (without
 * IF EXISTS) and that the forward migration's text `up` (`up_len` bytes,
 * NUL-terminated) never names, nor creates under PostgreSQL's default
 * name (<table>_…_pkey/_key/_fkey/_idx/_check/_excl of a table it
 * names). Fills at most REVERSE_MAX_MISSES into `out`; returns how many,
 * or FK_ENOMEM.
 */
int reverse_misses(const char *up, size_t up_len,
		   const struct statements *down, struct reverse_miss *out);

#endif
