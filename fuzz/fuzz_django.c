/*
 * Django: the Python module reader (py.h), and the SQL that django.h
 * builds on it, audited as `check` audits a migration, with every
 * finding's position checked through the SQL's map back to the .py file.
 *
 * Input: one header byte, then the module. Bit 0: the text after the
 * first NUL is an earlier migration (of another app) audited first, on
 * the same schema state; bit 1: render every report format; bits 2-7,
 * when not 0, the line an FK012 goes on.
 */
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "django.h"
#include "py.h"
#include "props.h"
#include "rule.h"

#define PY_PATH "accounts/migrations/0002_x.py"
#define PY_EARLIER "teams/migrations/0001_initial.py"

static void check_span(struct span sp, size_t len, const char *what)
{
	if (sp.start > sp.end || sp.end > len)
		fuzz_fail("py: %s span [%u, %u) outside the module (%zu)", what,
			  sp.start, sp.end, len);
}

static void check_str(const struct py_node *n, const char *src, size_t len)
{
	size_t i;

	if (!n->str || strlen(n->str) > n->len)
		fuzz_fail("py: string value without its NUL");
	for (i = 0; i < n->npieces; i++) {
		const struct py_piece *p = &n->pieces[i];

		if ((size_t)p->val + p->len > n->len ||
		    (size_t)p->src + p->src_len > len)
			fuzz_fail("py: piece %zu outside its value or module",
				  i);
		if (p->exact && (p->len != p->src_len ||
				 memcmp(n->str + p->val, src + p->src, p->len)))
			fuzz_fail("py: exact piece %zu differs from its source",
				  i);
		if (i && p->val < n->pieces[i - 1].val)
			fuzz_fail("py: pieces out of value order");
	}
}

static void check_node(const struct py_node *n, const char *src, size_t len,
		       int depth)
{
	size_t i;

	if (!n)
		return;
	if (depth > 200)
		fuzz_fail("py: nodes nested deeper than the reader's limit");
	check_span(n->span, len, "node");
	if (n->kind == PY_STR)
		check_str(n, src, len);
	if (n->kind == PY_CALL)
		check_node(n->fn, src, len, depth + 1);
	for (i = 0; i < n->nitems; i++)
		check_node(n->items[i], src, len, depth + 1);
	for (i = 0; i < n->nkw; i++) {
		if (!n->kw[i])
			fuzz_fail("py: keyword without a name");
		check_node(n->kwvals[i], src, len, depth + 1);
	}
}

static void check_assigns(const struct py_assign *a, size_t n, const char *src,
			  size_t len)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!a[i].name)
			fuzz_fail("py: assignment without a name");
		check_span(a[i].span, len, "assignment");
		check_node(a[i].value, src, len, 0);
	}
}

/* The reader alone: every span, piece and comment inside the module. */
static void check_module(const char *src, size_t len)
{
	struct py_module m;
	size_t i, k;

	if (py_module_read(&m, src, len) < 0)
		fuzz_fail("py_module_read() failed");
	check_assigns(m.globals, m.nglobals, src, len);
	for (i = 0; i < m.nclasses; i++) {
		check_span(m.classes[i].span, len, "class");
		for (k = 0; k < m.classes[i].nbases; k++)
			check_node(m.classes[i].bases[k], src, len, 0);
		check_assigns(m.classes[i].attrs, m.classes[i].nattrs, src,
			      len);
	}
	for (i = 0; i < m.ncomments; i++)
		check_span(m.comments[i].span, len, "comment");
	py_module_lookup(&m, py_module_class(&m, "Migration"), "operations");
	py_module_release(&m);
}

static void audit_one(struct result *res, const char *path, const char *src,
		      size_t len, struct audit_opts *opts)
{
	char *copy = malloc(len + 1);

	if (!copy)
		abort();
	memcpy(copy, src, len);
	replay_begin_deploy(opts->schema);
	if (audit_text(res, path, copy, len, opts) < 0)
		fuzz_fail("audit_text() failed");
	free(copy);
}

/*
 * The SQL audit_text() builds for the module, on a schema state that
 * saw what the audit's saw (the earlier migration).
 */
static void build_sql(struct extracted *dj, const char *src, size_t len,
		      const char *earlier, size_t earlier_len)
{
	struct audit_opts opts = AUDIT_OPTS_INIT;
	struct replay state;
	struct result scratch;
	struct extract_ctx ctx = { &state, NULL, NULL, false };

	result_init(&scratch);
	replay_init(&state);
	opts.schema = &state;
	if (earlier)
		audit_one(&scratch, PY_EARLIER, earlier, earlier_len, &opts);
	replay_begin_deploy(&state);
	if (django_extract(dj, PY_PATH, src, len, &ctx) < 0)
		fuzz_fail("django_extract() failed");
	replay_release(&state);
	result_release(&scratch);
}

/*
 * Each finding of the module against the .py file: FK012 in its own
 * offsets, FK013 and what follows it (the reverse SQL's suppressions)
 * through the reverse map, the others through the forward map.
 */
static void check_findings(const struct result *res, size_t file,
			   const struct extracted *dj, const char *src,
			   size_t len)
{
	struct fuzz_file fwd = { src, len, &dj->map, dj->sql.len };
	struct fuzz_file rev = { src, len, &dj->reverse_map, dj->reverse.len };
	struct fuzz_file own = { src, len, NULL, 0 };
	bool reverse = false;
	size_t i;

	for (i = 0; i < res->nfindings; i++) {
		const struct finding *f = &res->findings[i];

		if (f->file != file)
			continue;
		reverse |= strcmp(f->rule->id, "FK013") == 0;
		if (strcmp(f->rule->id, "FK012") == 0)
			fuzz_check_finding(f, &own);
		else
			fuzz_check_finding(f, reverse ? &rev : &fwd);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct audit_opts opts = AUDIT_OPTS_INIT;
	struct rule_edit edit = { 0 };
	struct extracted dj = EXTRACTED_INIT;
	struct result res;
	struct replay schema;
	const char *src, *nul, *earlier = NULL;
	size_t len, earlier_len = 0, first;

	if (size < 1)
		return 0;
	src = (const char *)data + 1;
	len = size - 1;
	if ((nul = memchr(src, '\0', len)) && (data[0] & 1)) {
		earlier = nul + 1;
		earlier_len = len - (size_t)(nul - src) - 1;
		len = (size_t)(nul - src);
	}
	check_module(src, len);
	result_init(&res);
	replay_init(&schema);
	opts.schema = &schema;
	opts.framework = "django";
	if (data[0] >> 2) {
		edit.path = PY_PATH;
		edit.base = "0123456789abcdef";
		edit.first_line = edit.last_line = data[0] >> 2;
		opts.edit = &edit;
		opts.edits_known = true;
	}
	if (earlier)
		audit_one(&res, PY_EARLIER, earlier, earlier_len, &opts);
	first = res.nfiles; /* the module's file, if it is audited */
	audit_one(&res, PY_PATH, src, len, &opts);
	audit_settle(&res, &schema);
	replay_release(&schema);
	if (!memchr(src, '\0', len)) {
		build_sql(&dj, src, len, earlier, earlier_len);
		check_findings(&res, first, &dj, src, len);
		extracted_release(&dj);
	}
	result_sort(&res);
	fuzz_check_reports(&res, data[0] & 2);
	result_release(&res);
	return 0;
}
