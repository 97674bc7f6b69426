#ifndef FKAUDIT_JSON_OUT_H
#define FKAUDIT_JSON_OUT_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdio.h>

/*
 * Building a JSON report with cJSON without checking every call: each
 * helper records a failed allocation in `oom` and carries on, and
 * jstream_finish() (json_stream.h) fails a report that lost a member. Strings are
 * made valid UTF-8 first (invalid bytes become U+FFFD).
 */
struct jout {
	bool oom;
};

/* obj[key] = value as a string, or null when value is NULL. */
void jout_str(struct jout *j, cJSON *obj, const char *key, const char *value);
void jout_num(struct jout *j, cJSON *obj, const char *key, double value);
void jout_bool(struct jout *j, cJSON *obj, const char *key, bool value);

/*
 * Hands `child` to `parent`: as member `key`, or appended when key is
 * NULL (an array). A NULL child (its creation failed) sets oom; a child
 * that cannot be attached is freed.
 */
void jout_attach(struct jout *j, cJSON *parent, const char *key, cJSON *child);

#endif
