#ifndef FKAUDIT_CONFIG_SCHEMA_H
#define FKAUDIT_CONFIG_SCHEMA_H

#include <cjson/cJSON.h>

#include "buf.h"
#include "config.h"

/*
 * The configuration's schema: reads a parsed JSON document into `cfg`
 * (initialised, its arena holding what is read), checking each key,
 * type and value. `name` is the file's, for messages. Returns 0;
 * FK_ECONFIG with one line in `err` ("NAME: $.rules.FK099: unknown
 * rule"); or FK_ENOMEM. On failure `cfg` holds part of the document:
 * the caller releases it. For config_parse(), which checks the syntax
 * first.
 */
int config_schema_read(struct config *cfg, const char *name, const cJSON *root,
		       struct buf *err);

#endif
