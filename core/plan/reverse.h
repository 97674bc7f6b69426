#ifndef FKAUDIT_REVERSE_H
#define FKAUDIT_REVERSE_H

/*
 * FK013's comparison: the names a down migration drops against the names
 * its forward migration creates.
 */
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "split.h"
#include "statements.h"
#include "strmap.h"

/*
 * The names a forward migration gives: every identifier of its text,
 * and the names PostgreSQL gives its unnamed foreign keys and indexes.
 * Zeroed is empty; everything is owned and freed by
 * reverse_names_release().
 */
struct reverse_names {
	struct arena arena;
	struct strmap seen;
};

/* Adds the names of the forward statements `up` (its text included). */
int reverse_names_add(struct reverse_names *n, const struct statements *up);
void reverse_names_release(struct reverse_names *n);

struct reverse_miss {
	size_t stmt;	  /* index in the down statements */
	struct span span; /* the DROP INDEX statement or DROP CONSTRAINT */
	const char *name; /* borrowed from the down statements */
	bool index;	  /* DROP INDEX; else DROP CONSTRAINT */
};

struct reverse_misses {
	struct reverse_miss *v; /* owned */
	size_t n, cap;
};

/*
 * The index and constraint names that the `down` statements drop (without
 * IF EXISTS) and that the forward migration `fwd` never names, nor
 * creates under PostgreSQL's default name (<table>_…_pkey/_key/_check/
 * _excl of a table it names), appended to `out` (all of them; free
 * out->v). Returns 0 or FK_ENOMEM.
 */
int reverse_misses(const struct reverse_names *fwd,
		   const struct statements *down, struct reverse_misses *out);

#endif
