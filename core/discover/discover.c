#include "discover.h"

#include <string.h>
#include <strings.h>

#include "config.h"
#include "framework.h"
#include "source.h"

bool discover_is_sql_name(const char *name)
{
	size_t n = strlen(name);

	return (n > 4 && strcasecmp(name + n - 4, ".sql") == 0) ||
	       (n > 13 && strcasecmp(name + n - 13, ".sql.postgres") == 0);
}

bool discover_is_migration(const char *path)
{
	const char *p = path, *base = path;

	for (;;) {
		if (*p == '.')
			return false; /* a hidden file or folder */
		p = strchr(p, '/');
		if (!p)
			break;
		base = ++p;
	}
	return discover_is_sql_name(base) || framework_owner(path) != NULL;
}

static bool wants(void *ctx, const char *path)
{
	const struct config *cfg = ctx;

	if (cfg && config_is_seed(cfg, path))
		return true;
	return discover_is_migration(path) &&
	       !(cfg && config_leaves_out(cfg, path));
}

static bool enters(void *ctx, const char *dir)
{
	const struct config *cfg = ctx;
	const char *name = strrchr(dir, '/');

	name = name ? name + 1 : dir;
	if (name[0] == '.')
		return false; /* hidden */
	return !cfg || config_may_hold(cfg, dir);
}

void discover_filter_init(struct path_filter *f, const struct config *cfg)
{
	f->wants = wants;
	f->enters = enters;
	f->ctx = (void *)cfg;
}

bool discover_is_migration_file(const char *name, const char *path)
{
	return discover_is_sql_name(name) || framework_owner(path) != NULL;
}

bool discover_is_lfs_pointer(const char *data, size_t len)
{
	static const char magic[] = "version https://git-lfs.github.com/spec/";

	return len < 1024 && len > sizeof(magic) - 1 &&
	       memcmp(data, magic, sizeof(magic) - 1) == 0;
}

const char *discover_lfs_problem(void)
{
	return "Git LFS pointer: the migration itself is stored in Git LFS, "
	       "outside the repository's objects; not audited";
}
