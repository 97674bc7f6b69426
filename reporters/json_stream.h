#ifndef FKAUDIT_JSON_STREAM_H
#define FKAUDIT_JSON_STREAM_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdio.h>

#include "json_out.h"

/*
 * Writing a JSON report as it is made, byte for byte as cJSON_Print()
 * prints the whole tree (tabs, "key":<tab>value, ", " between array
 * elements), but without holding it: the envelope's objects and arrays
 * are written as they are opened and closed, and each value put in them
 * is a small cJSON tree, printed at its depth and freed. So a report of
 * many findings costs one finding's tree at a time, not the whole
 * report twice (tree, then string).
 */
#define JSTREAM_MAX_DEPTH 16

struct jstream {
	FILE *out;
	struct jout j; /* the values' builders record lost members here */
	int depth;     /* containers open, as cJSON counts them */
	bool in_array[JSTREAM_MAX_DEPTH];
	bool has_items[JSTREAM_MAX_DEPTH];
	bool failed; /* too deep, or a value that could not be printed */
};

void jstream_init(struct jstream *w, FILE *out);

/*
 * Opens an object or an array: as member `key` of the open object, or
 * as the next element of the open array or the document (key NULL).
 */
void jstream_open_object(struct jstream *w, const char *key);
void jstream_open_array(struct jstream *w, const char *key);

/* Closes the innermost open object or array. */
void jstream_close(struct jstream *w);

/*
 * Writes `value` (owned: freed here; NULL records a failed allocation)
 * at the same place as jstream_open_*() would open a container.
 */
void jstream_value(struct jstream *w, const char *key, cJSON *value);

/* A string member (made valid UTF-8), or null when `value` is NULL. */
void jstream_str(struct jstream *w, const char *key, const char *value);

/* False once something was lost or writing failed: stop early. */
bool jstream_ok(const struct jstream *w);

/*
 * Ends the document with a newline. Returns 0, or -1 when a value was
 * lost to oom, something could not be printed, or writing failed.
 */
int jstream_finish(struct jstream *w);

#endif
