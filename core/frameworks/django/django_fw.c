/* Django as a framework of the registry (core/frameworks/framework.c). */
#include <stdio.h>
#include <stdlib.h>

#include "django.h"
#include "error.h"
#include "framework_probe.h"

struct replaced {
	struct probe *p;
	size_t n, present;
};

static int count_replaced(void *ctx, const char *app, const char *name)
{
	struct replaced *r = ctx;
	char rel[300];

	(void)app; /* squashmigrations squashes one app's migrations */
	r->n++;
	snprintf(rel, sizeof(rel), "%s.py", name);
	if (framework_near_read(r->p, rel))
		r->present++;
	return r->p->err;
}

/*
 * A squashed migration (`replaces`): Django runs it only on a database
 * that ran none of the migrations it replaces. When they are all gone
 * from its folder, it stands for them.
 */
static void squashed(struct probe *p, struct migration_info *out)
{
	struct replaced r = { p, 0, 0 };

	if (django_pairs(p->text, p->len, "replaces", count_replaced, &r) < 0)
		p->err = FK_ENOMEM;
	if (!r.n)
		return;
	out->fresh_only = true;
	out->fresh_seeds = r.present == 0;
	migration_why_addf(
		out,
		"; squashed: it replaces %zu migrations (%zu of them "
		"here), so only a fresh database runs it, on empty "
		"tables%s",
		r.n, r.present,
		r.present ? ""
			  : "; it stands for them in the schema "
			    "state");
}

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
	squashed(p, out);
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
