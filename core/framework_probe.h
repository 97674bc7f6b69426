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

#endif
