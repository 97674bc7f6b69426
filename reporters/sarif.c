/*
 * SARIF 2.1.0, as GitHub code scanning ingests it: one run; every rule
 * with its documentation; results with one repository-relative,
 * percent-encoded location, a 1-based region with an exclusive end
 * column, and primaryLocationLineHash; notifications for files that
 * could not be read or parsed. Suppressed findings are left out unless
 * asked for, since GitHub ignores SARIF suppressions.
 */
#include "reporter.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "rule.h"
#include "utf8.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"

struct sarif {
	const struct result *res;
	const struct report_opts *opts;
	bool oom;
};

/* Adds a string member, made valid UTF-8 first. */
static void add_str(struct sarif *s, cJSON *obj, const char *key,
		    const char *value)
{
	char *clean = utf8_clean(value, strlen(value), 0);

	if (!clean || !cJSON_AddStringToObject(obj, key, clean))
		s->oom = true;
	free(clean);
}

static cJSON *text_obj(struct sarif *s, const char *text)
{
	cJSON *o = cJSON_CreateObject();

	if (!o)
		s->oom = true;
	else
		add_str(s, o, "text", text);
	return o;
}

static void add_obj(struct sarif *s, cJSON *parent, const char *key,
		    cJSON *child)
{
	if (!child || !cJSON_AddItemToObject(parent, key, child)) {
		cJSON_Delete(child);
		s->oom = true;
	}
}

static void add_num(struct sarif *s, cJSON *obj, const char *key, double v)
{
	if (!cJSON_AddNumberToObject(obj, key, v))
		s->oom = true;
}

static void push(struct sarif *s, cJSON *array, cJSON *item)
{
	if (!item || !cJSON_AddItemToArray(array, item)) {
		cJSON_Delete(item);
		s->oom = true;
	}
}

static const char *problem_severity(enum level level)
{
	return level == LEVEL_ERROR     ? "error"
	       : level == LEVEL_WARNING ? "warning"
					: "recommendation";
}

static void help_texts(const struct rule *r, struct buf *text,
		       struct buf *md)
{
	buf_addf(text, "%s\n\n%s\n\nFix: %s.\n\nUnsafe:\n%s\nSafe:\n%s",
		 r->summary, r->facts, r->fix, r->unsafe_sql, r->safe_sql);
	buf_addf(md,
		 "**%s %s**: %s\n\n%s\n\n**Fix:** %s.\n\nUnsafe:\n\n```sql\n%s"
		 "```\n\nSafe:\n\n```sql\n%s```\n\nRun `fkaudit explain %s` "
		 "for the same text in a terminal.",
		 r->id, r->name, r->summary, r->facts, r->fix, r->unsafe_sql,
		 r->safe_sql, r->id);
}

static cJSON *rule_obj(struct sarif *s, const struct rule *r)
{
	cJSON *o = cJSON_CreateObject(), *help, *cfg, *props, *tags;
	struct buf text = BUF_INIT, md = BUF_INIT, uri = BUF_INIT;

	if (!o)
		return NULL;
	add_str(s, o, "id", r->id);
	add_str(s, o, "name", r->name);
	add_obj(s, o, "shortDescription", text_obj(s, r->summary));
	add_obj(s, o, "fullDescription", text_obj(s, r->facts));
	help_texts(r, &text, &md);
	help = text_obj(s, buf_str(&text));
	if (help)
		add_str(s, help, "markdown", buf_str(&md));
	add_obj(s, o, "help", help);
	buf_addf(&uri, "%s#rules", FKAUDIT_HOMEPAGE);
	add_str(s, o, "helpUri", buf_str(&uri));
	cfg = cJSON_CreateObject();
	if (cfg)
		add_str(s, cfg, "level", level_name(r->level));
	add_obj(s, o, "defaultConfiguration", cfg);
	props = cJSON_CreateObject();
	tags = cJSON_CreateArray();
	push(s, tags, cJSON_CreateString("postgresql"));
	push(s, tags, cJSON_CreateString("migration"));
	push(s, tags, cJSON_CreateString(r->check ? "foreign-key" : "hygiene"));
	if (props) {
		add_obj(s, props, "tags", tags);
		add_str(s, props, "precision", "high");
		add_str(s, props, "problem.severity",
			problem_severity(r->level));
	} else {
		cJSON_Delete(tags);
	}
	add_obj(s, o, "properties", props);
	buf_release(&text);
	buf_release(&md);
	buf_release(&uri);
	return o;
}

static cJSON *artifact_location(struct sarif *s, const char *path)
{
	cJSON *o = cJSON_CreateObject();
	struct buf rel = BUF_INIT, uri = BUF_INIT;
	bool inside = report_repo_path(s->opts, path, &rel);

	if (!o)
		return NULL;
	if (!inside && rel.len && rel.ptr[0] == '/')
		buf_adds(&uri, "file://");
	report_uri_encode(&uri, buf_str(&rel));
	add_str(s, o, "uri", buf_str(&uri));
	if (inside)
		add_str(s, o, "uriBaseId", "%SRCROOT%");
	buf_release(&rel);
	buf_release(&uri);
	return o;
}

static cJSON *region(struct sarif *s, uint32_t line, uint32_t col,
		     uint32_t end_line, uint32_t end_col)
{
	cJSON *o = cJSON_CreateObject();

	if (!o)
		return NULL;
	add_num(s, o, "startLine", line ? line : 1);
	add_num(s, o, "startColumn", col ? col : 1);
	if (end_line) {
		add_num(s, o, "endLine", end_line);
		add_num(s, o, "endColumn", end_col ? end_col : 1);
	}
	return o;
}

static cJSON *location(struct sarif *s, const char *path, cJSON *reg)
{
	cJSON *loc = cJSON_CreateObject(), *phys = cJSON_CreateObject();

	if (!loc || !phys) {
		cJSON_Delete(loc);
		cJSON_Delete(phys);
		cJSON_Delete(reg);
		s->oom = true;
		return NULL;
	}
	add_obj(s, phys, "artifactLocation", artifact_location(s, path));
	if (reg)
		add_obj(s, phys, "region", reg);
	add_obj(s, loc, "physicalLocation", phys);
	return loc;
}

static size_t rule_index(const struct rule *r)
{
	size_t i;

	for (i = 0; i < rule_count; i++)
		if (rule_registry[i] == r)
			return i;
	return 0;
}

static cJSON *result_obj(struct sarif *s, const struct finding *f)
{
	cJSON *o = cJSON_CreateObject(), *locs = cJSON_CreateArray(), *fp;
	const char *path = s->res->files[f->file].path;

	if (!o || !locs) {
		cJSON_Delete(o);
		cJSON_Delete(locs);
		return NULL;
	}
	add_str(s, o, "ruleId", f->rule->id);
	add_num(s, o, "ruleIndex", (double)rule_index(f->rule));
	add_str(s, o, "level", level_name(f->level));
	add_obj(s, o, "message", text_obj(s, f->message));
	push(s, locs,
	     location(s, path,
		      region(s, f->line, f->col, f->end_line, f->end_col)));
	add_obj(s, o, "locations", locs);
	fp = cJSON_CreateObject();
	if (fp && f->line_hash && *f->line_hash)
		add_str(s, fp, "primaryLocationLineHash", f->line_hash);
	add_obj(s, o, "partialFingerprints", fp);
	if (s->opts->include_suppressed) {
		cJSON *sups = cJSON_CreateArray(), *sup;

		if (f->suppressed && (sup = cJSON_CreateObject())) {
			add_str(s, sup, "kind", "inSource");
			add_str(s, sup, "status", "accepted");
			if (*f->suppression)
				add_str(s, sup, "justification",
					f->suppression);
			push(s, sups, sup);
		}
		add_obj(s, o, "suppressions", sups);
	}
	return o;
}

static const struct {
	const char *id, *name, *summary, *full, *help;
} notes[] = {
	{ "FKN001", "file-not-audited",
	  "A file that could not be read or audited.",
	  "The file named could not be audited: it does not exist, could not "
	  "be read, holds NUL bytes (binary or UTF-16 text) or is larger "
	  "than --max-file-size. Its migrations were not checked.",
	  "Check the path and the file's encoding (fkaudit reads UTF-8), or "
	  "raise --max-file-size." },
	{ "FKN002", "statements-not-parsed",
	  "Statements that the PostgreSQL 15 grammar rejects.",
	  "Some statements of the file were rejected by PostgreSQL 15's "
	  "grammar. They were audited from their tokens where fkaudit "
	  "recognised foreign-key DDL; each is also reported as an FK000 "
	  "result.",
	  "See the FK000 results of the file." },
};

static cJSON *notification_descriptors(struct sarif *s)
{
	cJSON *arr = cJSON_CreateArray();
	size_t i;

	for (i = 0; arr && i < sizeof(notes) / sizeof(notes[0]); i++) {
		cJSON *d = cJSON_CreateObject();

		if (!d)
			break;
		add_str(s, d, "id", notes[i].id);
		add_str(s, d, "name", notes[i].name);
		add_obj(s, d, "shortDescription", text_obj(s, notes[i].summary));
		add_obj(s, d, "fullDescription", text_obj(s, notes[i].full));
		add_obj(s, d, "help", text_obj(s, notes[i].help));
		push(s, arr, d);
	}
	return arr;
}

static cJSON *notification(struct sarif *s, size_t which, const char *level,
			   const char *msg, const char *path, cJSON *reg)
{
	cJSON *n = cJSON_CreateObject(), *desc = cJSON_CreateObject();
	cJSON *locs = cJSON_CreateArray();

	if (!n || !desc || !locs) {
		cJSON_Delete(n);
		cJSON_Delete(desc);
		cJSON_Delete(locs);
		cJSON_Delete(reg);
		return NULL;
	}
	add_str(s, desc, "id", notes[which].id);
	add_num(s, desc, "index", (double)which);
	add_obj(s, n, "descriptor", desc);
	add_str(s, n, "level", level);
	add_obj(s, n, "message", text_obj(s, msg));
	push(s, locs, location(s, path, reg));
	add_obj(s, n, "locations", locs);
	return n;
}

/*
 * The first FK000 finding of file `k`, from findings[*i] on; findings are
 * sorted by file, so *i moves on to the next file's first finding.
 */
static const struct finding *first_parse_error(const struct result *res,
					       size_t k, size_t *i)
{
	const struct finding *found = NULL;

	for (; *i < res->nfindings && res->findings[*i].file == k; (*i)++)
		if (!found && strcmp(res->findings[*i].rule->id, "FK000") == 0)
			found = &res->findings[*i];
	return found;
}

static cJSON *notifications(struct sarif *s)
{
	const struct result *res = s->res;
	cJSON *arr = cJSON_CreateArray();
	struct buf msg = BUF_INIT;
	size_t k, i = 0;

	for (k = 0; arr && k < res->nfiles; k++) {
		const struct file_result *fr = &res->files[k];
		const struct finding *f = first_parse_error(res, k, &i);

		buf_reset(&msg);
		if (fr->status != FILE_AUDITED) {
			buf_addf(&msg, "%s was not audited: %s", fr->path,
				 fr->problem ? fr->problem : "unknown");
			push(s, arr,
			     notification(s, 0, "error", buf_str(&msg),
					  fr->path, region(s, 1, 1, 0, 0)));
		} else if (fr->nparse_errors && f) {
			buf_addf(&msg,
				 "%zu statement%s of %s rejected by the "
				 "PostgreSQL 15 grammar; see the FK000 results",
				 fr->nparse_errors,
				 fr->nparse_errors == 1 ? " is" : "s are",
				 fr->path);
			push(s, arr,
			     notification(s, 1, "warning", buf_str(&msg),
					  fr->path,
					  region(s, f->line, f->col,
						 f->end_line, f->end_col)));
		}
	}
	buf_release(&msg);
	return arr;
}

static cJSON *driver(struct sarif *s)
{
	cJSON *d = cJSON_CreateObject(), *rules = cJSON_CreateArray();
	size_t i;

	if (!d || !rules) {
		cJSON_Delete(d);
		cJSON_Delete(rules);
		return NULL;
	}
	add_str(s, d, "name", "fkaudit");
	add_str(s, d, "fullName", "fkaudit: foreign-key safety audit of "
				  "PostgreSQL migrations");
	add_str(s, d, "version", FKAUDIT_VERSION);
	add_str(s, d, "semanticVersion", FKAUDIT_VERSION);
	add_str(s, d, "informationUri", FKAUDIT_HOMEPAGE);
	for (i = 0; i < rule_count; i++)
		push(s, rules, rule_obj(s, rule_registry[i]));
	add_obj(s, d, "rules", rules);
	add_obj(s, d, "notifications", notification_descriptors(s));
	return d;
}

static cJSON *provenance(struct sarif *s)
{
	const struct vcs_info *v = s->opts->vcs;
	cJSON *arr, *e, *mapped;

	if (!v || !v->found || !v->remote_url)
		return NULL;
	arr = cJSON_CreateArray();
	e = cJSON_CreateObject();
	mapped = cJSON_CreateObject();
	if (!arr || !e || !mapped) {
		cJSON_Delete(arr);
		cJSON_Delete(e);
		cJSON_Delete(mapped);
		s->oom = true;
		return NULL;
	}
	add_str(s, e, "repositoryUri", v->remote_url);
	if (v->revision)
		add_str(s, e, "revisionId", v->revision);
	if (v->branch)
		add_str(s, e, "branch", v->branch);
	add_str(s, mapped, "uriBaseId", "%SRCROOT%");
	add_obj(s, e, "mappedTo", mapped);
	push(s, arr, e);
	return arr;
}

static cJSON *invocation(struct sarif *s)
{
	cJSON *arr = cJSON_CreateArray(), *inv = cJSON_CreateObject();

	if (!arr || !inv) {
		cJSON_Delete(arr);
		cJSON_Delete(inv);
		return NULL;
	}
	if (!cJSON_AddBoolToObject(inv, "executionSuccessful",
				   s->opts->execution_successful))
		s->oom = true;
	add_num(s, inv, "exitCode", s->opts->exit_code);
	add_obj(s, inv, "toolExecutionNotifications", notifications(s));
	push(s, arr, inv);
	return arr;
}

static cJSON *run_obj(struct sarif *s)
{
	cJSON *run = cJSON_CreateObject(), *tool = cJSON_CreateObject();
	cJSON *results = cJSON_CreateArray(), *auto_id = cJSON_CreateObject();
	cJSON *prov;
	size_t i;

	if (!run || !tool || !results || !auto_id) {
		cJSON_Delete(run);
		cJSON_Delete(tool);
		cJSON_Delete(results);
		cJSON_Delete(auto_id);
		return NULL;
	}
	add_obj(s, tool, "driver", driver(s));
	add_obj(s, run, "tool", tool);
	add_str(s, auto_id, "id", s->opts->sarif_category);
	add_obj(s, run, "automationDetails", auto_id);
	if ((prov = provenance(s)))
		add_obj(s, run, "versionControlProvenance", prov);
	add_obj(s, run, "invocations", invocation(s));
	add_str(s, run, "columnKind", "unicodeCodePoints");
	for (i = 0; i < s->res->nfindings; i++) {
		const struct finding *f = &s->res->findings[i];

		if (!f->suppressed || s->opts->include_suppressed)
			push(s, results, result_obj(s, f));
	}
	add_obj(s, run, "results", results);
	return run;
}

int report_sarif(const struct result *res, const struct report_opts *opts,
		 FILE *out)
{
	struct sarif s = { res, opts, false };
	cJSON *log = cJSON_CreateObject(), *runs = cJSON_CreateArray();
	char *text = NULL;
	int err = -1;

	if (!log || !runs) {
		cJSON_Delete(runs);
		goto done;
	}
	add_str(&s, log, "$schema", SARIF_SCHEMA);
	add_str(&s, log, "version", "2.1.0");
	push(&s, runs, run_obj(&s));
	add_obj(&s, log, "runs", runs);
	if (s.oom || !(text = cJSON_Print(log)))
		goto done;
	fputs(text, out);
	fputc('\n', out);
	err = ferror(out) ? -1 : 0;
done:
	free(text);
	cJSON_Delete(log);
	return err;
}
