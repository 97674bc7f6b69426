#include "json_out.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

void jout_str(struct jout *j, cJSON *obj, const char *key, const char *value)
{
	char *clean;

	if (!value) {
		if (!cJSON_AddNullToObject(obj, key))
			j->oom = true;
		return;
	}
	clean = utf8_clean(value, strlen(value), 0);
	if (!clean || !cJSON_AddStringToObject(obj, key, clean))
		j->oom = true;
	free(clean);
}

void jout_num(struct jout *j, cJSON *obj, const char *key, double value)
{
	if (!cJSON_AddNumberToObject(obj, key, value))
		j->oom = true;
}

void jout_bool(struct jout *j, cJSON *obj, const char *key, bool value)
{
	if (!cJSON_AddBoolToObject(obj, key, value))
		j->oom = true;
}

void jout_attach(struct jout *j, cJSON *parent, const char *key, cJSON *child)
{
	if (!child) {
		j->oom = true;
		return;
	}
	if (key ? !cJSON_AddItemToObject(parent, key, child)
		: !cJSON_AddItemToArray(parent, child)) {
		cJSON_Delete(child);
		j->oom = true;
	}
}
