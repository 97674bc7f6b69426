#include "json_stream.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

void jstream_init(struct jstream *w, FILE *out)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
}

static void tabs(struct jstream *w, int n)
{
	while (n-- > 0)
		fputc('\t', w->out);
}

/* What cJSON writes before a member or an element: separator, key. */
static void item_start(struct jstream *w, const char *key)
{
	bool first;

	if (w->depth == 0)
		return;
	first = !w->has_items[w->depth - 1];
	w->has_items[w->depth - 1] = true;
	if (w->in_array[w->depth - 1]) {
		if (!first)
			fputs(", ", w->out);
		return;
	}
	if (!first)
		fputs(",\n", w->out);
	tabs(w, w->depth);
	fprintf(w->out, "\"%s\":\t", key ? key : "");
}

static void open_container(struct jstream *w, const char *key, bool array)
{
	item_start(w, key);
	if (w->depth == JSTREAM_MAX_DEPTH) {
		w->failed = true;
		return;
	}
	fputs(array ? "[" : "{\n", w->out);
	w->in_array[w->depth] = array;
	w->has_items[w->depth] = false;
	w->depth++;
}

void jstream_open_object(struct jstream *w, const char *key)
{
	open_container(w, key, false);
}

void jstream_open_array(struct jstream *w, const char *key)
{
	open_container(w, key, true);
}

void jstream_close(struct jstream *w)
{
	if (w->depth == 0) {
		w->failed = true;
		return;
	}
	w->depth--;
	if (w->in_array[w->depth]) {
		fputc(']', w->out);
		return;
	}
	if (w->has_items[w->depth])
		fputc('\n', w->out);
	tabs(w, w->depth);
	fputc('}', w->out);
}

/*
 * cJSON_Print() of a value at depth 0, shifted to the current depth: a
 * tab more after each newline (strings print theirs as "\n").
 */
static void put_shifted(struct jstream *w, const char *text)
{
	const char *nl;

	while ((nl = strchr(text, '\n'))) {
		fwrite(text, 1, (size_t)(nl - text) + 1, w->out);
		tabs(w, w->depth);
		text = nl + 1;
	}
	fputs(text, w->out);
}

void jstream_value(struct jstream *w, const char *key, cJSON *value)
{
	char *text;

	item_start(w, key);
	if (!value) {
		w->j.oom = true;
		return;
	}
	text = cJSON_Print(value);
	cJSON_Delete(value);
	if (!text) {
		w->failed = true;
		return;
	}
	put_shifted(w, text);
	free(text);
}

void jstream_str(struct jstream *w, const char *key, const char *value)
{
	char *clean;

	if (!value) {
		jstream_value(w, key, cJSON_CreateNull());
		return;
	}
	clean = utf8_clean(value, strlen(value), 0);
	jstream_value(w, key, clean ? cJSON_CreateString(clean) : NULL);
	free(clean);
}

bool jstream_ok(const struct jstream *w)
{
	return !w->j.oom && !w->failed && !ferror(w->out);
}

int jstream_finish(struct jstream *w)
{
	fputc('\n', w->out);
	return w->j.oom || w->failed || w->depth != 0 || ferror(w->out) ? -1
									: 0;
}
