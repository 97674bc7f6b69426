#include "source.h"

#include <stdlib.h>
#include <string.h>

static int item_near_read(void *ctx, const char *rel, struct buf *out)
{
	const struct source_item *item = ctx;

	return item->near_read(item, rel, out);
}

struct near_reader source_item_near(const struct source_item *item)
{
	struct near_reader near = { NULL, NULL };

	if (item->near_read) {
		near.read = item_near_read;
		near.ctx = (void *)item;
	}
	return near;
}

void source_item_release(struct source_item *item)
{
	free(item->path);
	free(item->data);
	free(item->problem);
	memset(item, 0, sizeof(*item));
}
