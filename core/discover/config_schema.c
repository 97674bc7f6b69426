#include "config_schema.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "framework.h"
#include "rule.h"
#include "suggest.h"
#include "utf8.h"

/*
 * Every value is read by a function that knows what it must be; the
 * first problem, in file order, is the message. `path` follows the
 * reader down the document, for that message.
 */

/* Indexed by enum level; LEVEL_NONE is "off". */
static const char *const level_names[] = { "off", "note", "warning", "error" };

static const char *const top_keys[] = {
	"$schema",     "migrations", "exclude", "framework",
	"transaction", "seed",	     "rules",	"django",
};

static const char *const dir_keys[] = { "path", "framework", "transaction" };
static const char *const django_keys[] = { "foreign_key_fields",
					   "auth_user_model" };

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

struct parser {
	struct config *cfg;
	const char *name;
	struct buf *err;
	struct buf path; /* of the value being read: "$.migrations[1]" */
	bool oom;
};

/* Appends "name: $.path: " and the message; returns FK_ECONFIG. */
static int bad(struct parser *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int bad(struct parser *p, const char *fmt, ...)
{
	va_list ap;
	char msg[1024];
	int n;

	va_start(ap, fmt);
	n = vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	utf8_fit(msg, sizeof(msg), n);
	buf_addf(p->err, "%s: %s: %s", p->name, buf_str(&p->path), msg);
	return p->err->failed ? FK_ENOMEM : FK_ECONFIG;
}

/* `s` in double quotes, JSON-escaped, in the arena. */
static const char *quoted(struct parser *p, const char *s)
{
	struct buf b = BUF_INIT;
	const char *out;

	buf_addc(&b, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			buf_addf(&b, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			buf_addf(&b, "\\u%04x", (unsigned)*s);
		else
			buf_addc(&b, *s);
	}
	buf_addc(&b, '"');
	out = b.failed ? NULL : arena_strdup(&p->cfg->arena, buf_str(&b));
	buf_release(&b);
	if (!out)
		p->oom = true;
	return out ? out : "\"?\"";
}

static bool plain_key(const char *k)
{
	if (!*k)
		return false;
	for (; *k; k++)
		if (!(*k == '_' || *k == '-' || *k == '$' ||
		      (*k >= '0' && *k <= '9') || (*k >= 'a' && *k <= 'z') ||
		      (*k >= 'A' && *k <= 'Z')))
			return false;
	return true;
}

/* Descends into a member or an element; returns the mark for leave(). */
static size_t enter_key(struct parser *p, const char *key)
{
	size_t mark = p->path.len;

	if (plain_key(key))
		buf_addf(&p->path, ".%s", key);
	else
		buf_addf(&p->path, "[%s]", quoted(p, key));
	return mark;
}

static size_t enter_index(struct parser *p, int i)
{
	size_t mark = p->path.len;

	buf_addf(&p->path, "[%d]", i);
	return mark;
}

static void leave(struct parser *p, size_t mark)
{
	p->path.len = mark;
	if (p->path.ptr)
		p->path.ptr[mark] = '\0';
}

static const char *type_name(const cJSON *v)
{
	if (cJSON_IsString(v))
		return "a string";
	if (cJSON_IsNumber(v))
		return "a number";
	if (cJSON_IsArray(v))
		return "an array";
	if (cJSON_IsObject(v))
		return "an object";
	if (cJSON_IsTrue(v))
		return "true";
	if (cJSON_IsFalse(v))
		return "false";
	return "null";
}

static int want(struct parser *p, const cJSON *v, cJSON_bool ok,
		const char *expected)
{
	return ok ? 0 : bad(p, "expected %s, got %s", expected, type_name(v));
}

/* "a, b, c" into `out`. */
static void join_names(struct buf *out, const char *const *names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (names[i])
			buf_addf(out, "%s%s", out->len ? ", " : "", names[i]);
}

/* A key met earlier in the same object, or NULL. */
static const cJSON *earlier_key(const cJSON *obj, const cJSON *item)
{
	const cJSON *c;

	for (c = obj->child; c && c != item; c = c->next)
		if (strcmp(c->string, item->string) == 0)
			return c;
	return NULL;
}

/* Duplicate and unknown keys of `obj` (NULL `known`: any key). */
static int check_key(struct parser *p, const cJSON *obj, const cJSON *item,
		     const char *const *known, size_t nknown)
{
	struct buf list = BUF_INIT;
	const char *hint;
	size_t i;
	int rc;

	if (earlier_key(obj, item))
		return bad(p, "duplicate key %s", quoted(p, item->string));
	for (i = 0; known && i < nknown; i++)
		if (strcmp(item->string, known[i]) == 0)
			return 0;
	if (!known)
		return 0;
	hint = suggest_closest(item->string, known, nknown);
	if (hint)
		return bad(p, "unknown key %s; did you mean \"%s\"?",
			   quoted(p, item->string), hint);
	join_names(&list, known, nknown);
	rc = bad(p, "unknown key %s (expected one of: %s)",
		 quoted(p, item->string), buf_str(&list));
	buf_release(&list);
	return rc;
}

/*
 * A repository-relative path, normalised ("./db//m/" gives "db/m"), in
 * the arena. A folder may be the root itself ("." gives "").
 */
static int repo_path(struct parser *p, const cJSON *v, bool folder,
		     const char **out)
{
	const char *what = folder ? "a folder" : "a file", *s, *seg;
	struct buf b = BUF_INIT;
	char *slash;
	size_t n;
	int rc = 0;

	if ((rc = want(p, v, cJSON_IsString(v), "a string")) < 0)
		return rc;
	s = v->valuestring;
	if (!*s || *s == '/')
		return bad(p,
			   "expected %s relative to the repository root, "
			   "got %s",
			   what, quoted(p, s));
	for (seg = s; *seg && rc == 0; seg += n + (seg[n] == '/')) {
		n = strcspn(seg, "/");
		if (n == 0 || (n == 1 && seg[0] == '.'))
			continue;
		if (n == 2 && seg[0] == '.' && seg[1] == '.') {
			if (b.len == 0)
				rc = bad(p, "%s leaves the repository",
					 quoted(p, s));
			else if ((slash = strrchr(b.ptr, '/')))
				b.len = (size_t)(slash - b.ptr);
			else
				b.len = 0;
			if (b.ptr)
				b.ptr[b.len] = '\0';
			continue;
		}
		if (b.len)
			buf_addc(&b, '/');
		buf_add(&b, seg, n);
	}
	if (rc == 0 && !folder && b.len == 0)
		rc = bad(p,
			 "expected %s relative to the repository root, got %s",
			 what, quoted(p, s));
	if (rc == 0 &&
	    (b.failed || !(*out = arena_strdup(&p->cfg->arena, buf_str(&b)))))
		rc = FK_ENOMEM;
	buf_release(&b);
	return rc;
}

static int folder_item(struct parser *p, const cJSON *v, const char **out)
{
	return repo_path(p, v, true, out);
}

static int file_item(struct parser *p, const cJSON *v, const char **out)
{
	return repo_path(p, v, false, out);
}

/* A glob pattern; a leading "./" or "/" is dropped (all are anchored). */
static int pattern_item(struct parser *p, const cJSON *v, const char **out)
{
	const char *s;
	int rc;

	if ((rc = want(p, v, cJSON_IsString(v), "a string")) < 0)
		return rc;
	for (s = v->valuestring; s[0] == '.' && s[1] == '/';)
		s += 2;
	if (*s == '/')
		s++;
	if (!*s)
		return bad(p, "expected a glob pattern, got %s",
			   quoted(p, v->valuestring));
	*out = arena_strdup(&p->cfg->arena, s);
	return *out ? 0 : FK_ENOMEM;
}

static int string_list(struct parser *p, const cJSON *v,
		       int (*item)(struct parser *, const cJSON *,
				   const char **),
		       const char *const **out, size_t *nout)
{
	const char **list = NULL;
	const cJSON *c;
	int n, i = 0, rc;

	if ((rc = want(p, v, cJSON_IsArray(v), "an array")) < 0)
		return rc;
	n = cJSON_GetArraySize(v);
	if (n > 0 &&
	    !(list = arena_alloc(&p->cfg->arena, (size_t)n * sizeof(*list))))
		return FK_ENOMEM;
	for (c = v->child; c && rc == 0; c = c->next, i++) {
		size_t mark = enter_index(p, i);

		rc = item(p, c, &list[i]);
		leave(p, mark);
	}
	*out = list;
	*nout = (size_t)n;
	return rc;
}

static int framework(struct parser *p, const cJSON *v, const char **out)
{
	struct buf list = BUF_INIT;
	size_t i;
	int rc;

	if ((rc = want(p, v, cJSON_IsString(v), "a string")) < 0)
		return rc;
	if (strcmp(v->valuestring, "auto") == 0) {
		*out = "auto";
		return 0;
	}
	for (i = 0; i < framework_registry_count; i++)
		if (strcmp(v->valuestring, framework_registry[i]->name) == 0) {
			*out = framework_registry[i]->name;
			return 0;
		}
	buf_adds(&list, "auto");
	for (i = 0; i < framework_registry_count; i++)
		buf_addf(&list, ", %s", framework_registry[i]->name);
	rc = bad(p, "unknown framework %s (expected one of: %s)",
		 quoted(p, v->valuestring), buf_str(&list));
	buf_release(&list);
	return rc;
}

static int transaction(struct parser *p, const cJSON *v, enum config_tx *out)
{
	struct buf list = BUF_INIT;
	int i, rc;

	if ((rc = want(p, v, cJSON_IsString(v), "a string")) < 0)
		return rc;
	for (i = CONFIG_TX_AUTO; i <= CONFIG_TX_DEPLOY; i++)
		if (strcmp(v->valuestring, config_tx_name(i)) == 0) {
			*out = (enum config_tx)i;
			return 0;
		}
	for (i = CONFIG_TX_AUTO; i <= CONFIG_TX_DEPLOY; i++)
		buf_addf(&list, "%s%s", list.len ? ", " : "",
			 config_tx_name(i));
	rc = bad(p, "unknown transaction mode %s (expected one of: %s)",
		 quoted(p, v->valuestring), buf_str(&list));
	buf_release(&list);
	return rc;
}

/* One member of a "migrations" object. */
static int dir_member(struct parser *p, const cJSON *c, struct config_dir *d)
{
	if (strcmp(c->string, "path") == 0)
		return folder_item(p, c, &d->path);
	if (strcmp(c->string, "framework") == 0)
		return framework(p, c, &d->framework);
	return transaction(p, c, &d->transaction);
}

static int dir_item(struct parser *p, const cJSON *v, struct config_dir *d)
{
	const cJSON *c;
	int rc;

	if (cJSON_IsString(v))
		return folder_item(p, v, &d->path);
	if ((rc = want(p, v, cJSON_IsObject(v), "a string or an object")) < 0)
		return rc;
	for (c = v->child; c && rc == 0; c = c->next) {
		size_t mark;

		if ((rc = check_key(p, v, c, dir_keys, COUNT(dir_keys))) < 0)
			break;
		mark = enter_key(p, c->string);
		rc = dir_member(p, c, d);
		leave(p, mark);
	}
	if (rc == 0 && !d->path)
		rc = bad(p, "missing key \"path\"");
	return rc;
}

static int dirs(struct parser *p, const cJSON *v)
{
	struct config_dir *d;
	const cJSON *c;
	int n, i = 0, j, rc;

	if ((rc = want(p, v, cJSON_IsArray(v), "an array")) < 0)
		return rc;
	if ((n = cJSON_GetArraySize(v)) == 0)
		return bad(p, "expected at least one folder");
	if (!(d = arena_alloc(&p->cfg->arena, (size_t)n * sizeof(*d))))
		return FK_ENOMEM;
	for (c = v->child; c && rc == 0; c = c->next, i++) {
		size_t mark = enter_index(p, i);

		rc = dir_item(p, c, &d[i]);
		for (j = 0; rc == 0 && j < i; j++)
			if (strcmp(d[j].path, d[i].path) == 0)
				rc = bad(p,
					 "folder %s is already listed "
					 "($.migrations[%d])",
					 quoted(p, d[i].path), j);
		leave(p, mark);
	}
	p->cfg->dirs = d;
	p->cfg->ndirs = (size_t)n;
	p->cfg->has_dirs = true;
	return rc;
}

static int unknown_rule(struct parser *p, const char *key)
{
	const char **names =
		arena_alloc(&p->cfg->arena, rule_count * sizeof(*names));
	const char *hint;
	size_t i;

	if (!names)
		return FK_ENOMEM;
	for (i = 0; i < rule_count; i++)
		names[i] = rule_registry[i]->name;
	hint = suggest_closest(key, names, rule_count);
	if (hint)
		return bad(p, "unknown rule; did you mean \"%s\"?", hint);
	return bad(p, "unknown rule");
}

/* Member `c` of the "rules" object `obj`. */
static int rule_item(struct parser *p, const cJSON *obj, const cJSON *c,
		     struct config_rule *r)
{
	const struct rule *rule = rule_find(c->string);
	const cJSON *e;
	size_t k;
	int rc;

	if (!rule)
		return unknown_rule(p, c->string);
	for (e = obj->child; e != c; e = e->next)
		if (rule_find(e->string) == rule)
			return bad(p, "rule %s is already set, by key %s",
				   rule->id, quoted(p, e->string));
	if ((rc = want(p, c, cJSON_IsString(c), "a string")) < 0)
		return rc;
	for (k = 0; k < COUNT(level_names); k++)
		if (strcmp(c->valuestring, level_names[k]) == 0) {
			r->rule = rule;
			r->level = (enum level)k;
			return 0;
		}
	return bad(p,
		   "unknown level %s (expected one of: off, note, "
		   "warning, error)",
		   quoted(p, c->valuestring));
}

static int rules(struct parser *p, const cJSON *v)
{
	struct config_rule *r = NULL;
	const cJSON *c;
	int n, i = 0, rc;

	if ((rc = want(p, v, cJSON_IsObject(v), "an object")) < 0)
		return rc;
	n = cJSON_GetArraySize(v);
	if (n > 0 && !(r = arena_alloc(&p->cfg->arena, (size_t)n * sizeof(*r))))
		return FK_ENOMEM;
	for (c = v->child; c && rc == 0; c = c->next, i++) {
		size_t mark;

		if ((rc = check_key(p, v, c, NULL, 0)) < 0)
			break;
		mark = enter_key(p, c->string);
		rc = rule_item(p, v, c, &r[i]);
		leave(p, mark);
	}
	p->cfg->rules = r;
	p->cfg->nrules = (size_t)n;
	return rc;
}

/* A Python identifier, a class name: "ParentalKey". */
static int class_item(struct parser *p, const cJSON *v, const char **out)
{
	const char *s;
	int rc;

	if ((rc = want(p, v, cJSON_IsString(v), "a string")) < 0)
		return rc;
	for (s = v->valuestring; *s; s++)
		if (!(*s == '_' || (*s >= 'a' && *s <= 'z') ||
		      (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9' && s != v->valuestring)))
			break;
	if (*s || !*v->valuestring)
		return bad(p, "expected a field class name, got %s",
			   quoted(p, v->valuestring));
	*out = arena_strdup(&p->cfg->arena, v->valuestring);
	return *out ? 0 : FK_ENOMEM;
}

/* "django": { "foreign_key_fields": [...], "auth_user_model": "a.M" } */
static int django(struct parser *p, const cJSON *v)
{
	struct config *cfg = p->cfg;
	const cJSON *c;
	const char *s, *dot;
	int rc;

	if ((rc = want(p, v, cJSON_IsObject(v), "an object")) < 0)
		return rc;
	for (c = v->child; c && rc == 0; c = c->next) {
		size_t mark;

		if ((rc = check_key(p, v, c, django_keys, COUNT(django_keys))) <
		    0)
			break;
		mark = enter_key(p, c->string);
		if (strcmp(c->string, "foreign_key_fields") == 0) {
			rc = string_list(p, c, class_item,
					 &cfg->django_fk_fields,
					 &cfg->ndjango_fk_fields);
		} else if ((rc = want(p, c, cJSON_IsString(c), "a string")) ==
			   0) {
			s = c->valuestring;
			dot = strchr(s, '.');
			if (!dot || dot == s || !dot[1] || strchr(dot + 1, '.'))
				rc = bad(p,
					 "expected \"app_label.ModelName\", "
					 "got %s",
					 quoted(p, s));
			else if (!(cfg->django_user_model =
					   arena_strdup(&cfg->arena, s)))
				rc = FK_ENOMEM;
		}
		leave(p, mark);
	}
	return rc;
}

static int top_member(struct parser *p, const cJSON *c)
{
	struct config *cfg = p->cfg;
	const char *k = c->string;

	if (strcmp(k, "migrations") == 0)
		return dirs(p, c);
	if (strcmp(k, "exclude") == 0)
		return string_list(p, c, pattern_item, &cfg->exclude,
				   &cfg->nexclude);
	if (strcmp(k, "framework") == 0)
		return framework(p, c, &cfg->framework);
	if (strcmp(k, "transaction") == 0)
		return transaction(p, c, &cfg->transaction);
	if (strcmp(k, "seed") == 0)
		return string_list(p, c, file_item, &cfg->seed, &cfg->nseed);
	if (strcmp(k, "rules") == 0)
		return rules(p, c);
	if (strcmp(k, "django") == 0)
		return django(p, c);
	return 0; /* "$schema", for editors */
}

int config_schema_read(struct config *cfg, const char *name, const cJSON *root,
		       struct buf *err)
{
	struct parser p = { cfg, name, err, BUF_INIT, false };
	const cJSON *c;
	int rc;

	buf_adds(&p.path, "$");
	if ((rc = want(&p, root, cJSON_IsObject(root), "an object")) < 0)
		goto done;
	for (c = root->child; c && rc == 0; c = c->next) {
		size_t mark;

		if ((rc = check_key(&p, root, c, top_keys, COUNT(top_keys))) <
		    0)
			break;
		mark = enter_key(&p, c->string);
		rc = top_member(&p, c);
		leave(&p, mark);
	}
	if (rc == 0 && (p.oom || p.path.failed))
		rc = FK_ENOMEM;
done:
	buf_release(&p.path);
	return rc;
}
