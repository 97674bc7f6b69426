#include "reporter.h"

#include <string.h>

static const struct reporter text = { "text", report_text };

const struct reporter *const reporter_registry[] = {
	&text,
};

const size_t reporter_count =
	sizeof(reporter_registry) / sizeof(reporter_registry[0]);

const struct reporter *reporter_find(const char *name)
{
	size_t i;

	for (i = 0; i < reporter_count; i++)
		if (strcmp(reporter_registry[i]->name, name) == 0)
			return reporter_registry[i];
	return NULL;
}
