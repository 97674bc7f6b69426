/* The order migrations run in, and placeholders blanked before parsing. */
#include "framework.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "framework_probe.h"
#include "framework_text.h"

/*
 * Appends a digit run so that keys compare as numbers: its length in two
 * digits, then the digits without leading zeros.
 */
void framework_key_number(struct buf *out, const char *s, size_t n)
{
	while (n > 1 && *s == '0') {
		s++;
		n--;
	}
	buf_addf(out, "%02zu", n > 99 ? (size_t)99 : n);
	buf_add(out, s, n);
}

/* Appends `s` (n bytes) with every digit run encoded by framework_key_number(). */
void framework_key_natural(struct buf *out, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t d = 0;

		while (i + d < n && s[i + d] >= '0' && s[i + d] <= '9')
			d++;
		if (d) {
			framework_key_number(out, s + i, d);
			i += d;
		} else {
			buf_addc(out, s[i++]);
		}
	}
}

/*
 * A key that sorts migrations in the order their frameworks apply them:
 * the first of `fw` (the frameworks in detection order) whose order_key
 * knows the path, else digit runs compared as numbers. Returns 0 with
 * the key in `out`, or FK_ENOMEM.
 */
static int order_key(const struct framework *const *fw, size_t nfw,
		     const char *path, const struct near_reader *near,
		     struct buf *out)
{
	const char *base = path_base(path);
	size_t i;
	int rc = 0;

	buf_reset(out);
	/* schema dumps first: they seed the state the migrations start from */
	buf_addc(out, framework_is_dump(path) ? '0' : '1');
	for (i = 0; i < nfw && rc == 0; i++)
		if (fw[i]->order_key)
			rc = fw[i]->order_key(path, near, out);
	if (rc < 0)
		return rc;
	if (rc == 0) {
		buf_reset(out);
		buf_addc(out, '1');
		framework_key_natural(out, path, (size_t)(base - path));
		buf_addc(out, '1');
		framework_key_natural(out, base, strlen(base));
	}
	return out->failed ? FK_ENOMEM : 0;
}

struct order_entry {
	size_t index;
	const char *path;
	char *key;
	/* a migration that names the ones it runs after: its node */
	const struct framework *fw;
	void *node;
};

static int entry_cmp(const void *a, const void *b)
{
	const struct order_entry *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : strcmp(x->path, y->path);
}

/*
 * The migrations of framework `fw` that name the ones they run after
 * keep the places they sorted to, in fw->node_order()'s order.
 */
static int order_nodes(struct order_entry *v, size_t n,
		       const struct framework *fw)
{
	void **nodes = NULL;
	struct order_entry *was = NULL;
	size_t *slot = NULL, *order = NULL, m = 0, i;
	int err = FK_ENOMEM;

	for (i = 0; i < n; i++)
		m += v[i].fw == fw;
	if (m < 2)
		return 0;
	if (!(nodes = calloc(m, sizeof(*nodes))) ||
	    !(slot = calloc(m, sizeof(*slot))) ||
	    !(order = calloc(m, sizeof(*order))) ||
	    !(was = calloc(m, sizeof(*was))))
		goto done;
	for (i = 0, m = 0; i < n; i++)
		if (v[i].fw == fw) {
			nodes[m] = v[i].node;
			was[m] = v[i];
			slot[m++] = i;
		}
	if ((err = fw->node_order(nodes, m, order)) < 0)
		goto done;
	for (i = 0; i < m; i++)
		v[slot[i]] = was[order[i]];
done:
	free(nodes);
	free(slot);
	free(order);
	free(was);
	return err;
}

int framework_sort(void *base, size_t n, size_t size, framework_item_fn item,
		   void *ctx)
{
	const struct framework *fw[FRAMEWORKS_MAX];
	struct order_entry *v;
	struct buf key = BUF_INIT;
	char *copy = NULL;
	size_t i, nfw;
	int err = 0;

	if (n < 2)
		return 0;
	/* once per sort, not per path */
	nfw = framework_by_try_order(fw, FRAMEWORKS_MAX);
	if (!(v = calloc(n, sizeof(*v))) || !(copy = malloc(n * size))) {
		free(v);
		return FK_ENOMEM;
	}
	for (i = 0; i < n && !err; i++) {
		struct near_reader near = { NULL, NULL };
		const char *path = item(ctx, (char *)base + i * size, &near);

		v[i].index = i;
		v[i].path = path ? path : "";
		if (path && (err = order_key(fw, nfw, path, &near, &key)) < 0)
			break;
		if (!(v[i].key = strdup(path ? buf_str(&key) : ""))) {
			err = FK_ENOMEM;
			break;
		}
		v[i].fw = path ? framework_owner(path) : NULL;
		if (v[i].fw && !v[i].fw->node_read)
			v[i].fw = NULL;
		if (v[i].fw &&
		    (err = v[i].fw->node_read(&v[i].node, path, &near)) < 0)
			v[i].fw = NULL;
	}
	if (!err) {
		qsort(v, n, sizeof(*v), entry_cmp);
		for (i = 0; i < framework_registry_count && !err; i++)
			if (framework_registry[i]->node_order)
				err = order_nodes(v, n, framework_registry[i]);
	}
	if (!err) {
		memcpy(copy, base, n * size);
		for (i = 0; i < n; i++)
			memcpy((char *)base + i * size,
			       copy + v[i].index * size, size);
	}
	for (i = 0; i < n; i++) {
		free(v[i].key);
		if (v[i].fw)
			v[i].fw->node_free(v[i].node);
	}
	free(v);
	free(copy);
	buf_release(&key);
	return err;
}

/* ---- placeholders ----------------------------------------------------- */

static bool ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

/* Fills [from, to) with `fill`, keeping line breaks. */
static void blank(char *text, size_t from, size_t to, char fill)
{
	for (; from < to; from++)
		if (text[from] != '\n' && text[from] != '\r')
			text[from] = fill;
}

/* The end of a quoted run starting at i (the quote char), or len. */
static size_t skip_quoted(const char *t, size_t len, size_t i, char q)
{
	for (i++; i < len; i++)
		if (t[i] == q) {
			if (i + 1 < len && t[i + 1] == q)
				i++;
			else
				return i + 1;
		}
	return len;
}

/*
 * Whether the quote at i opens an escape string, E'…' (e'…'), where a
 * backslash escapes the next character, \' included.
 */
static bool escape_string(const char *t, size_t i)
{
	return t[i] == '\'' && i > 0 && (t[i - 1] == 'E' || t[i - 1] == 'e') &&
	       (i < 2 || !ident_char(t[i - 2]));
}

/* The end of the escape string whose quote is at i, or len. */
static size_t skip_escaped(const char *t, size_t len, size_t i)
{
	for (i++; i < len; i++) {
		if (t[i] == '\\' && i + 1 < len)
			i++;
		else if (t[i] == '\'') {
			if (i + 1 < len && t[i + 1] == '\'')
				i++;
			else
				return i + 1;
		}
	}
	return len;
}

/* A $tag$ … $tag$ string starting at i, or i when it is not one. */
static size_t skip_dollar(const char *t, size_t len, size_t i)
{
	size_t k = i + 1, taglen;

	while (k < len && ident_char(t[k]) &&
	       !(t[k] >= '0' && t[k] <= '9' && k == i + 1))
		k++;
	if (k >= len || t[k] != '$')
		return i;
	taglen = k + 1 - i;
	for (k++; k + taglen <= len; k++)
		if (t[k] == '$' && memcmp(t + k, t + i, taglen) == 0)
			return k + taglen;
	return len;
}

/* A Flyway ${…} placeholder at i: its end, or i. */
static size_t placeholder_end(const char *t, size_t len, size_t i)
{
	size_t k;

	if (t[i] == '$' && i + 1 < len && t[i + 1] == '{') {
		for (k = i + 2; k < len && t[k] != '}' && t[k] != '\n'; k++)
			;
		return k < len && t[k] == '}' ? k + 1 : i;
	}
	return i;
}

/* The end of a Go template {{ … }} at i, or i when there is none. */
static size_t template_end(const char *t, size_t len, size_t i)
{
	size_t k;

	if (t[i] != '{' || i + 1 >= len || t[i + 1] != '{')
		return i;
	for (k = i + 2; k + 1 < len; k++)
		if (t[k] == '}' && t[k + 1] == '}')
			return k + 2;
	return i;
}

/* Replaces the quote `from` by `to` in [i, e). */
static void swap_quotes(char *t, size_t i, size_t e, char from, char to)
{
	for (; i < e; i++)
		if (t[i] == from)
			t[i] = to;
}

/*
 * Go templates, wherever they stand, become text of the same length that
 * keeps their words for messages: inside a quoted name the template's
 * own double quotes become single ones ("{{ index .Options 'Namespace'
 * }}"), inside a literal its single quotes become double ones, and
 * elsewhere it becomes a quoted name ({{ .Name }} → "{ .Name }").
 * Comments are left alone.
 */
static void rewrite_templates(char *t, size_t len)
{
	char quote = 0; /* the quote we are inside, or 0 */
	size_t i = 0, e;

	if (!memchr(t, '{', len))
		return;
	while (i < len) {
		char c = t[i];

		if ((e = template_end(t, len, i)) > i) {
			if (quote == '"' || quote == '\'')
				swap_quotes(t, i, e, quote,
					    quote == '"' ? '\'' : '"');
			else if (!quote) {
				swap_quotes(t, i, e, '"', '\'');
				t[i] = '"';
				t[e - 1] = '"';
			}
			i = e;
		} else if (quote == '-' || quote == '*') {
			if ((quote == '-' && c == '\n') ||
			    (quote == '*' && c == '*' && i + 1 < len &&
			     t[i + 1] == '/')) {
				i += quote == '*';
				quote = 0;
			}
			i++;
		} else if (quote) {
			/* a doubled quote closes and opens again: the same */
			if (c == quote)
				quote = 0;
			i++;
		} else if (escape_string(t, i)) {
			i = skip_escaped(t, len, i); /* a \' is no quote */
		} else if (c == '"' || c == '\'') {
			quote = c;
			i++;
		} else if (c == '-' && i + 1 < len && t[i + 1] == '-') {
			quote = '-';
			i += 2;
		} else if (c == '/' && i + 1 < len && t[i + 1] == '*') {
			quote = '*';
			i += 2;
		} else {
			i++;
		}
	}
}

/* A psql :name, :'name' or :"name" at i: its end, or i. */
static size_t psql_var_end(const char *t, size_t len, size_t i)
{
	size_t k = i + 1;
	char prev = i ? t[i - 1] : ' ';

	if (prev == ':' || ident_char(prev) || prev == ']' || prev == '[' ||
	    k >= len)
		return i;
	if (t[k] == '\'' || t[k] == '"') {
		char q = t[k];

		for (k++; k < len && ident_char(t[k]); k++)
			;
		return k < len && t[k] == q && k > i + 2 ? k + 1 : i;
	}
	if (!((t[k] >= 'a' && t[k] <= 'z') || (t[k] >= 'A' && t[k] <= 'Z') ||
	      t[k] == '_'))
		return i;
	while (k < len && ident_char(t[k]))
		k++;
	return k;
}

/*
 * A psql meta-command at i (an unquoted backslash): it runs to the end of
 * its line. Blanked, or with `meta` set noted there ("1 \set") and left.
 */
static size_t meta_command(char *t, size_t len, size_t i, struct buf *meta)
{
	const char *nl = memchr(t + i, '\n', len - i);
	size_t e = nl ? (size_t)(nl - t) : len, k = i + 1;

	if (!meta) {
		blank(t, i, e, ' ');
		return e;
	}
	/* the command's name: psql's are ASCII letters (\set, \i, \copy) */
	while (k < e && k < i + 16 &&
	       ((t[k] >= 'a' && t[k] <= 'z') || (t[k] >= 'A' && t[k] <= 'Z') ||
		t[k] == '!' || t[k] == '?'))
		k++;
	buf_addf(meta, "%s%u (%.*s)", meta->len ? ", " : "", text_line_of(t, i),
		 (int)(k - i), t + i);
	return e;
}

/*
 * The quote-aware pass: placeholders and psql meta-commands outside
 * quotes and comments are blanked, or, with `meta` set, nothing is
 * changed and the meta-commands are listed there.
 */
static void scan_text(char *t, size_t len, struct buf *meta)
{
	size_t i = 0, e;

	while (i < len) {
		char c = t[i];

		if (c == '\\') {
			i = meta_command(t, len, i, meta);
		} else if ((e = placeholder_end(t, len, i)) > i) {
			/* ${name} → "$name": a quoted name that keeps its word */
			if (!meta) {
				t[i] = '"';
				t[i + 1] = '$';
				t[e - 1] = '"';
			}
			i = e;
		} else if (escape_string(t, i)) {
			i = skip_escaped(t, len, i);
		} else if (c == '\'' || c == '"') {
			i = skip_quoted(t, len, i, c);
		} else if (c == '$' && (e = skip_dollar(t, len, i)) > i) {
			i = e;
		} else if (c == '-' && i + 1 < len && t[i + 1] == '-') {
			const char *nl = memchr(t + i, '\n', len - i);

			i = nl ? (size_t)(nl - t) : len;
		} else if (c == '/' && i + 1 < len && t[i + 1] == '*') {
			const char *p = t + i + 2;

			while (p + 1 < t + len && !(p[0] == '*' && p[1] == '/'))
				p++;
			i = p + 1 < t + len ? (size_t)(p - t) + 2 : len;
		} else if (c == ':' && (e = psql_var_end(t, len, i)) > i) {
			if (meta) {
				/* listing only */
			} else if (t[i + 1] == '\'' || t[i + 1] == '"') {
				/* :'name' → 'xxxx': a literal of the same size */
				t[i] = t[i + 1];
				blank(t, i + 1, e - 1, 'x');
				t[e - 1] = t[i];
			} else {
				blank(t, i, e, '_');
			}
			i = e;
		} else {
			i++;
		}
	}
}

void framework_blank_placeholders(char *t, size_t len)
{
	rewrite_templates(t, len);
	scan_text(t, len, NULL);
}

int framework_psql_meta(const char *text, size_t len, struct buf *out)
{
	if (!memchr(text, '\\', len))
		return 0;
	/* with `out` set, scan_text() writes nothing into the text */
	scan_text((char *)text, len, out);
	return out->failed ? FK_ENOMEM : 0;
}
