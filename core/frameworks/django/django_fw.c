/* Django as a framework of the registry (core/frameworks/framework.c). */
#include <stdlib.h>

#include "django.h"
#include "error.h"
#include "framework_probe.h"

/*
 * A Python module: a Django migration, or nothing to audit. Its SQL and
 * transactions come from django_extract().
 */
static bool detect(struct probe *p, struct migration_info *out)
{
	if (!django_has_migration_class(p->text, p->len)) {
		framework_set(out, "django", ROLE_SKIP,
			      "a Python module that defines no Migration "
			      "class: not a Django migration, not audited");
		return true;
	}
	if (!django_is_migration_path(p->path) && !p->forced) {
		framework_set(out, "django", ROLE_SKIP,
			      "a Python module outside a migrations package: "
			      "not a Django migration, not audited");
		return true;
	}
	framework_set(out, "django", ROLE_UP,
		      "<app>/migrations/<name>.py with class Migration: a "
		      "Django migration, its SQL read from RunSQL and the "
		      "schema operations");
	return true;
}

static int node_read(void **node, const char *path,
		     const struct near_reader *near)
{
	struct django_node *n = malloc(sizeof(*n));
	int err;

	*node = NULL;
	if (!n)
		return FK_ENOMEM;
	if ((err = django_node_read(n, path, near)) < 0) {
		free(n);
		return err;
	}
	*node = n;
	return 0;
}

static int node_order(void *const *nodes, size_t n, size_t *order)
{
	struct django_node *v = calloc(n ? n : 1, sizeof(*v));
	size_t i;
	int err;

	if (!v)
		return FK_ENOMEM;
	for (i = 0; i < n; i++)
		v[i] = *(const struct django_node *)nodes[i]; /* borrowed */
	err = django_order(v, n, order);
	free(v);
	return err;
}

static void node_free(void *node)
{
	if (node)
		django_node_release(node);
	free(node);
}

const struct framework framework_django = {
	.name = "django",
	.detect = detect,
	.suffix = ".py",
	.owns_path = django_is_migration_path,
	.extract = django_extract,
	.node_read = node_read,
	.node_order = node_order,
	.node_free = node_free,
};
