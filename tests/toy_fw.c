/*
 * A toy framework, the template for a reader of migrations that are not
 * SQL: a file named *.toy holds one SQL statement per line, without the
 * ";", and each runs on its own (no transaction). It is one file and one
 * registry line (core/frameworks/framework.c, under FKAUDIT_TOY_FRAMEWORK): the
 * fkaudit-toy binary that tests/test_toy.c runs is fkaudit with it.
 */
#include <string.h>

#include "error.h"
#include "framework_probe.h"

extern const struct framework framework_toy;

static bool ends_with_toy(const char *path)
{
	size_t n = strlen(path);

	return n > 4 && strcmp(path + n - 4, ".toy") == 0;
}

static bool detect(struct probe *p, struct migration_info *out)
{
	framework_set(out, "toy", ROLE_UP,
		      "a .toy file: one statement per line, each on its own");
	return true;
}

/* Each line that is not blank, and ";\n" after it (mapped to its end). */
static int extract(struct extracted *out, const char *path, const char *text,
		   size_t len, const struct extract_ctx *ctx)
{
	size_t at = 0;
	int err = 0;

	*out = (struct extracted)EXTRACTED_INIT;
	while (at < len && !err) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t end = nl ? (size_t)(nl - text) : len;
		uint32_t off = (uint32_t)out->sql.len;

		if (strspn(text + at, " \t\r") < end - at) {
			buf_add(&out->sql, text + at, end - at);
			err = srcmap_add(&out->map, off, (uint32_t)(end - at),
					 (uint32_t)at, (uint32_t)(end - at),
					 true);
			off = (uint32_t)out->sql.len;
			buf_adds(&out->sql, ";\n");
			if (!err)
				err = srcmap_add(&out->map, off, 2,
						 (uint32_t)end, 0, false);
		}
		at = end + 1;
	}
	if (!err)
		err = extracted_add_unit(out, 0, TX_MODE_AUTOCOMMIT, NULL,
					 NULL);
	if (!err && out->sql.failed)
		err = FK_ENOMEM;
	if (err)
		extracted_release(out);
	return err;
}

const struct framework framework_toy = {
	.name = "toy",
	.detect = detect,
	.suffix = ".toy",
	.owns_path = ends_with_toy,
	.extract = extract,
};
