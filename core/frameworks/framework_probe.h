#ifndef FKAUDIT_FRAMEWORK_PROBE_H
#define FKAUDIT_FRAMEWORK_PROBE_H

/* For the detectors of struct framework; framework.c and their files. */
#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "framework.h"

/* What a detector sees of one file. */
struct probe {
	const char *path;
	const char *base; /* file name */
	char dir[256];	  /* the folder that holds it */
	char dir2[256];	  /* the folder above */
	const char *text;
	size_t len;
	const struct near_reader *near;
	bool forced; /* the configuration names this framework */
	struct buf scratch;
	int err;
};

/* Sets the framework, role and description of `out`. */
void framework_set(struct migration_info *out, const char *name,
		   enum migration_role role, const char *why);

/*
 * Reads the file `rel` near the migration (relative to its folder) into
 * p->scratch: true when it is there; p->err is set when reading failed.
 */
bool framework_near_read(struct probe *p, const char *rel);

/* "<digits><sep><rest>" ending in `suffix` (any case). */
bool framework_versioned(const char *name, char sep, const char *suffix);

/*
 * Whether the file name says up or down itself (NAME.up.sql,
 * NAME.down.sql): such a name decides before markers and near files, so
 * a rollback is never taken for a forward migration of another
 * framework (golang-migrate, sqlx and Hasura name their files so).
 */
bool framework_names_direction(const char *base);

/* Whether `s` ends in `suffix`, in any case. */
bool framework_ends_with(const char *s, const char *suffix);

/* One transaction unit for the whole file. */
void framework_one_unit(struct migration_info *out, enum tx_mode mode,
			const char *runner, const char *opt_out);

/*
 * For order keys (struct framework's order_key): appends a digit run so
 * that keys compare as numbers (its length in two digits, then the
 * digits without leading zeros), or `s` with every digit run so.
 */
void framework_key_number(struct buf *out, const char *s, size_t n);
void framework_key_natural(struct buf *out, const char *s, size_t n);

/* out->up_rel: the file name `base` with its ending `from` made `to`. */
void framework_pair_with(struct migration_info *out, const char *base,
			 const char *from, const char *to);

#endif
