#ifndef FKAUDIT_SQLTYPE_H
#define FKAUDIT_SQLTYPE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

/*
 * Column types as PostgreSQL's format_type() shows them, so that two
 * spellings of one type compare equal: int, int4, integer and serial are
 * all "integer"; varchar(255) is "character varying(255)".
 */

/*
 * The name of a built-in type, from the parser's type name: `names` are
 * its parts (a "pg_catalog" qualifier is dropped), `mods` its integer
 * modifiers (ignored where they are not a length or precision), `array`
 * appends "[]". Returns the name in `arena`, or NULL for a type that is
 * not built in (a domain, an enum, an extension's type, other than
 * citext), whose identity fkaudit cannot know, or when out of memory.
 */
const char *sqltype_name(struct arena *arena, const char *const *names,
			 size_t nnames, const int *mods, size_t nmods,
			 bool array);

/*
 * The largest value of an integer type ("2147483647" for "integer"), or
 * NULL when `type` is not smallint, integer or bigint.
 */
const char *sqltype_int_max(const char *type);

/* The width in bytes of smallint, integer or bigint; 0 otherwise. */
int sqltype_int_width(const char *type);

/*
 * What ALTER COLUMN … TYPE from type `from` to `to` (sqltype_name()
 * spellings) does to the table's rows, as PostgreSQL 15 decides it
 * (ATColumnChangeRequiresRewrite; measured, see FK011): the same type, a
 * longer or unlimited varchar, varchar to text, text to varchar without a
 * length, or a numeric of more precision and the same scale keep the rows
 * as they are and check nothing; other changes between built-in types
 * rewrite the table (and re-check a foreign key on the column). Unknown:
 * either type is not known, or the answer depends on the session
 * (timestamp to timestamptz is no rewrite only in time zone UTC).
 */
enum sqltype_change {
	SQLTYPE_CHANGE_UNKNOWN,
	SQLTYPE_CHANGE_KEEPS_ROWS,
	SQLTYPE_CHANGE_REWRITES,
};

enum sqltype_change sqltype_change_of(const char *from, const char *to);

#endif
