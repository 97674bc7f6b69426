/*
 * What the Django project around a migration says about it: its app's
 * label (apps.py) and the model AUTH_USER_MODEL names (the
 * configuration, or the settings module that manage.py names).
 */
#include "django_build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "error.h"
#include "framework_text.h"

/* Reads `rel` near the migration: FK_FOUND, 0, or FK_ENOMEM. */
static int near_read(const struct near_reader *near, const char *rel,
		     struct buf *out)
{
	buf_release(out);
	if (!near || !near->read)
		return 0;
	return near->read(near->ctx, rel, out);
}

/* The string value of global `name` (or an attribute of any class). */
static bool module_str(const char *text, size_t len, const char *name,
		       bool in_classes, char *out, size_t size, int *err)
{
	struct py_module m;
	const struct py_node *v = NULL;
	size_t i, k;
	bool found = false;

	if (py_module_read(&m, text, len) < 0) {
		*err = FK_ENOMEM;
		return false;
	}
	for (i = 0; !in_classes && i < m.nglobals; i++)
		if (strcmp(m.globals[i].name, name) == 0)
			v = m.globals[i].value;
	for (i = 0; in_classes && !v && i < m.nclasses; i++)
		for (k = 0; k < m.classes[i].nattrs; k++)
			if (strcmp(m.classes[i].attrs[k].name, name) == 0)
				v = m.classes[i].attrs[k].value;
	if (v && v->kind == PY_STR && v->len && v->len < size &&
	    !memchr(v->str, '\0', v->len)) {
		snprintf(out, size, "%s", v->str);
		found = true;
	}
	py_module_release(&m);
	return found;
}

struct sibling {
	const struct near_reader *near;
	long number;	    /* the migration's own number */
	const char *folder; /* the app's folder name */
	char label[128];    /* the one candidate, or "" */
	size_t candidates;  /* apps other than the folder's */
	bool folder_is_one; /* the folder's name is a candidate */
};

/*
 * A dependency on the migration before this one in this folder (its
 * number one less, the file there) names a candidate for this app's
 * label. 0001_initial is in every app's folder: the folder's own name
 * among the candidates wins, and several others tell nothing.
 */
static int sibling_dep(void *ctx, const char *app, const char *name)
{
	struct sibling *sb = ctx;
	struct buf text = BUF_INIT;
	char rel[300], *end;
	long n = strtol(name, &end, 10);
	int rc;

	if (strchr(name, '/') || end == name || n != sb->number - 1)
		return 0;
	snprintf(rel, sizeof(rel), "%s.py", name);
	rc = near_read(sb->near, rel, &text);
	if (rc == FK_FOUND && strcmp(app, sb->folder) != 0) {
		/* an app whose folder is its label, beside this one, has it */
		snprintf(rel, sizeof(rel), "../../%s/migrations/%s.py", app,
			 name);
		if ((rc = near_read(sb->near, rel, &text)) == FK_FOUND)
			rc = 0;
		else if (rc == 0)
			rc = FK_FOUND;
	}
	buf_release(&text);
	if (rc != FK_FOUND)
		return rc < 0 ? rc : 0;
	if (strcmp(app, sb->folder) == 0) {
		sb->folder_is_one = true;
	} else if (strcmp(app, sb->label) != 0) {
		snprintf(sb->label, sizeof(sb->label), "%s", app);
		sb->candidates++;
	}
	return 0;
}

int django_app_label(const struct near_reader *near, const char *name,
		     const struct py_module *mod, char *label, size_t size,
		     bool *settled)
{
	struct buf apps = BUF_INIT;
	struct sibling sb = {
		near, strtol(name, NULL, 10), label, "", 0, false
	};
	char found[128];
	int rc = near_read(near, "../apps.py", &apps), err = 0;

	*settled = false;
	if (rc == FK_FOUND && module_str(apps.ptr, apps.len, "label", true,
					 found, sizeof(found), &err)) {
		snprintf(label, size, "%s", found);
		*settled = true;
	} else if (rc >= 0 && !err &&
		   (rc = near_read(near, "../__init__.py", &apps)) ==
			   FK_FOUND &&
		   module_str(apps.ptr, apps.len, "label", true, found,
			      sizeof(found), &err)) {
		snprintf(label, size, "%s", found); /* pulp's app/__init__.py */
		*settled = true;
	} else if (rc >= 0 && !err) {
		rc = django_module_pairs(mod, "dependencies", sibling_dep, &sb);
		if (rc == 0 && !sb.folder_is_one && sb.candidates == 1)
			snprintf(label, size, "%s", sb.label);
		*settled = sb.folder_is_one || sb.candidates == 1;
	}
	buf_release(&apps);
	return rc < 0 ? rc : err;
}

/*
 * The module manage.py names in DJANGO_SETTINGS_MODULE, as a path
 * relative to manage.py's folder ("mysite/settings"), into `out`.
 */
static bool settings_module(const char *text, size_t len, char *out,
			    size_t size)
{
	const char *end = text + len;
	const char *p = text_find(text, end, "DJANGO_SETTINGS_MODULE");
	const char *q;
	char quote;
	size_t i;

	if (!p)
		return false;
	p += strlen("DJANGO_SETTINGS_MODULE");
	while (p < end && *p != '\n' && *p != '\'' && *p != '"')
		p++;
	if (p < end && (*p == '\'' || *p == '"'))
		p++; /* the closing quote of the name */
	while (p < end && *p != '\n' && *p != '\'' && *p != '"')
		p++;
	if (p >= end || *p == '\n')
		return false;
	quote = *p++;
	for (q = p; q < end && *q != quote && *q != '\n'; q++)
		if (!(*q == '.' || *q == '_' || (*q >= 'a' && *q <= 'z') ||
		      (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9')))
			return false;
	if (q >= end || *q != quote || q == p || (size_t)(q - p) >= size)
		return false;
	snprintf(out, size, "%.*s", (int)(q - p), p);
	for (i = 0; out[i]; i++)
		if (out[i] == '.')
			out[i] = '/';
	return true;
}

/*
 * AUTH_USER_MODEL in the settings file `rel`, or in the module its
 * `from .base import *` names (one level).
 */
static int settings_value(const struct near_reader *near, const char *rel,
			  const char *name, char *out, size_t size, int depth)
{
	struct buf text = BUF_INIT;
	int rc = near_read(near, rel, &text), err = 0;
	const char *p, *end;

	if (rc != FK_FOUND)
		goto done;
	rc = 0;
	if (module_str(text.ptr, text.len, name, false, out, size, &err) ||
	    err || depth > 0)
		goto done;
	end = text.ptr + text.len;
	for (p = text.ptr; (p = text_find(p, end, "from .")); p++) {
		const char *q = p + 6, *slash = strrchr(rel, '/');
		char base[300];
		size_t n = 0;

		while (q + n < end &&
		       (q[n] == '_' || (q[n] >= 'a' && q[n] <= 'z') ||
			(q[n] >= '0' && q[n] <= '9')))
			n++;
		if (!n || q + n + 9 > end ||
		    strncmp(q + n, " import *", 9) != 0)
			continue;
		snprintf(base, sizeof(base), "%.*s%.*s.py",
			 slash ? (int)(slash - rel + 1) : 0, rel, (int)n, q);
		rc = settings_value(near, base, name, out, size, depth + 1);
		if (rc < 0 || out[0])
			break;
	}
done:
	buf_release(&text);
	return rc < 0 ? rc : err;
}

const struct django_settings *django_settings_of(struct django_builder *b)
{
	int err;

	if (!b->settings_read) {
		b->settings_read = true;
		if ((err = django_settings(b->near, b->cfg, &b->settings)) < 0)
			b->err = err;
	}
	return &b->settings;
}

int django_settings(const struct near_reader *near, const struct config *cfg,
		    struct django_settings *out)
{
	static const char *const up[] = { "../../", "../../../",
					  "../../../../" };
	char user[256] = "", autof[256] = "", mod[200], rel[300];
	const char *dot,
		*names[2] = { "AUTH_USER_MODEL", "DEFAULT_AUTO_FIELD" };
	char *vals[2] = { user, autof };
	struct buf manage = BUF_INIT;
	size_t i, k;
	int rc = 0;

	for (i = 0; i < sizeof(up) / sizeof(up[0]); i++) {
		snprintf(rel, sizeof(rel), "%smanage.py", up[i]);
		if ((rc = near_read(near, rel, &manage)) != FK_FOUND)
			continue;
		rc = 0;
		if (!settings_module(manage.ptr, manage.len, mod, sizeof(mod)))
			break;
		for (k = 0; k < 2 && rc == 0; k++) {
			snprintf(rel, sizeof(rel), "%s%s.py", up[i], mod);
			rc = settings_value(near, rel, names[k], vals[k], 256,
					    0);
			if (rc == 0 && !vals[k][0]) {
				snprintf(rel, sizeof(rel), "%s%s/__init__.py",
					 up[i], mod);
				rc = settings_value(near, rel, names[k],
						    vals[k], 256, 0);
			}
		}
		out->read = rc == 0;
		break;
	}
	buf_release(&manage);
	if (rc < 0)
		return rc;
	if (cfg && cfg->django_user_model)
		snprintf(user, sizeof(user), "%s", cfg->django_user_model);
	if ((dot = strchr(user, '.')) && dot != user && dot[1] &&
	    !strchr(dot + 1, '.')) {
		snprintf(out->user_app, sizeof(out->user_app), "%.*s",
			 (int)(dot - user < 127 ? dot - user : 127), user);
		snprintf(out->user_model, sizeof(out->user_model), "%.127s",
			 dot + 1);
	}
	dot = strrchr(autof, '.');
	snprintf(out->auto_field, sizeof(out->auto_field), "%.63s",
		 dot ? dot + 1 : autof);
	return 0;
}
