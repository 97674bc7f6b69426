/* The order Django applies migrations in: each after its dependencies. */
#include "django_build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "error.h"
#include "framework_text.h"
#include "strmap.h"

int django_module_pairs(const struct py_module *mod, const char *attr,
			int (*fn)(void *ctx, const char *app, const char *name),
			void *ctx)
{
	struct django_builder b = { 0 };
	const struct py_node *deps;
	size_t i;
	int err = 0;

	b.mod = mod;
	b.cls = py_module_class(mod, "Migration");
	deps = b.cls ? py_module_lookup(mod, b.cls, attr) : NULL;
	if (deps && deps->kind == PY_NAME)
		deps = py_module_lookup(mod, NULL, deps->name);
	for (i = 0; deps && (deps->kind == PY_LIST || deps->kind == PY_TUPLE) &&
		    i < deps->nitems && !err;
	     i++) {
		const struct py_node *d = deps->items[i];
		const char *app, *name;

		if (!d || d->kind != PY_TUPLE || d->nitems != 2)
			continue;
		app = django_str(&b, d->items[0]);
		name = django_str(&b, d->items[1]);
		if (app && name)
			err = fn(ctx, app, name);
	}
	return err;
}

int django_pairs(const char *src, size_t len, const char *attr,
		 int (*fn)(void *ctx, const char *app, const char *name),
		 void *ctx)
{
	struct py_module mod;
	int err;

	if ((err = py_module_read(&mod, src, len)) < 0)
		return err;
	err = django_module_pairs(&mod, attr, fn, ctx);
	py_module_release(&mod);
	return err;
}

static int add_dep(void *ctx, const char *app, const char *name)
{
	struct django_node *n = ctx;
	size_t k = strlen(app) + strlen(name) + 2;
	char *s;

	if (array_grow((void **)&n->deps, &n->cap, n->ndeps, sizeof(*n->deps)) <
		    0 ||
	    !(s = malloc(k)))
		return FK_ENOMEM;
	snprintf(s, k, "%s\x1f%s", app, name);
	n->deps[n->ndeps++] = s;
	return 0;
}

int django_node_read(struct django_node *n, const char *path,
		     const struct near_reader *near)
{
	struct buf text = BUF_INIT;
	int rc = 0;

	memset(n, 0, sizeof(*n));
	django_path_key(path, n->app, sizeof(n->app), n->name, sizeof(n->name));
	if (near && near->read)
		rc = near->read(near->ctx, path_base(path), &text);
	if (rc == FK_FOUND && !memchr(buf_str(&text), '\0', text.len)) {
		struct py_module mod;

		/* its app by its label, as the dependencies name apps */
		if ((rc = py_module_read(&mod, text.ptr, text.len)) == 0) {
			bool settled;

			rc = django_app_label(near, n->name, &mod, n->app,
					      sizeof(n->app), &settled);
			if (rc == 0)
				rc = django_module_pairs(&mod, "dependencies",
							 add_dep, n);
			py_module_release(&mod);
		}
	}
	buf_release(&text);
	return rc < 0 ? rc : 0;
}

void django_node_release(struct django_node *n)
{
	size_t i;

	for (i = 0; i < n->ndeps; i++)
		free(n->deps[i]);
	free(n->deps);
	memset(n, 0, sizeof(*n));
}

/* Keys "app\x1fname", "app\x1f__first__" and "app\x1f__latest__". */
static int index_nodes(const struct django_node *nodes, size_t n,
		       struct strmap *map, char **keys)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const char *app = nodes[i].app;
		size_t k = strlen(app) + 12;

		if (!(keys[3 * i] = malloc(k + strlen(nodes[i].name))) ||
		    !(keys[3 * i + 1] = malloc(k)) ||
		    !(keys[3 * i + 2] = malloc(k)))
			return FK_ENOMEM;
		sprintf(keys[3 * i], "%s\x1f%s", app, nodes[i].name);
		sprintf(keys[3 * i + 1], "%s\x1f__first__", app);
		sprintf(keys[3 * i + 2], "%s\x1f__latest__", app);
		/* values are index + 1: NULL means none */
		if (strmap_put(map, keys[3 * i], (void *)(i + 1)) < 0 ||
		    (!strmap_get(map, keys[3 * i + 1]) &&
		     strmap_put(map, keys[3 * i + 1], (void *)(i + 1)) < 0) ||
		    strmap_put(map, keys[3 * i + 2], (void *)(i + 1)) < 0)
			return FK_ENOMEM;
	}
	return 0;
}

int django_order(const struct django_node *nodes, size_t n, size_t *order)
{
	struct strmap map = STRMAP_INIT;
	char **keys = calloc(3 * n + 1, sizeof(*keys));
	size_t *waits = calloc(n + 1, sizeof(*waits));	/* unplaced deps */
	size_t **users = calloc(n + 1, sizeof(*users)); /* who waits on i */
	size_t *nusers = calloc(n + 1, sizeof(*nusers)), *cap = NULL;
	bool *placed = calloc(n + 1, sizeof(*placed));
	size_t i, k, done = 0, scan = 0;
	int err = FK_ENOMEM;

	if (!keys || !waits || !users || !nusers || !placed ||
	    !(cap = calloc(n + 1, sizeof(*cap))) ||
	    index_nodes(nodes, n, &map, keys) < 0)
		goto done;
	for (i = 0; i < n; i++)
		for (k = 0; k < nodes[i].ndeps; k++) {
			size_t d = (size_t)strmap_get(&map, nodes[i].deps[k]);

			if (!d-- || d == i)
				continue;
			if (array_grow((void **)&users[d], &cap[d], nusers[d],
				       sizeof(**users)) < 0)
				goto done;
			users[d][nusers[d]++] = i;
			waits[i]++;
		}
	/*
	 * Each time, the first in file order that waits on nothing; after a
	 * cycle, the first not placed.
	 */
	while (done < n) {
		size_t pick = SIZE_MAX;

		for (i = scan; i < n && pick == SIZE_MAX; i++)
			if (!placed[i] && !waits[i])
				pick = i;
		for (i = 0; i < n && pick == SIZE_MAX; i++)
			if (!placed[i])
				pick = i;
		placed[pick] = true;
		order[done++] = pick;
		for (k = 0; k < nusers[pick]; k++)
			if (waits[users[pick][k]]-- == 1 &&
			    users[pick][k] < scan)
				scan = users[pick][k];
		while (scan < n && placed[scan])
			scan++;
	}
	err = 0;
done:
	for (i = 0; keys && i < 3 * n; i++)
		free(keys[i]);
	for (i = 0; users && i < n; i++)
		free(users[i]);
	free(keys);
	free(waits);
	free(users);
	free(nusers);
	free(cap);
	free(placed);
	strmap_release(&map);
	return err;
}
