/*
 * SARIF 2.1.0, as GitHub code scanning ingests it: one run; every rule
 * with its documentation; results with one repository-relative,
 * percent-encoded location, a 1-based region with an exclusive end
 * column, and primaryLocationLineHash; notifications for files that
 * could not be read or parsed. Suppressed findings are left out unless
 * asked for, since GitHub ignores SARIF suppressions.
 */
#include "reporter.h"

#include "json_out.h"
#include "json_stream.h"

#include <string.h>

#include "rule.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"

struct sarif {
	struct jout j;
	const struct result *res;
	const struct report_opts *opts;
};

static cJSON *text_obj(struct sarif *s, const char *text)
{
	cJSON *o = cJSON_CreateObject();

	if (!o)
		s->j.oom = true;
	else
		jout_str(&s->j, o, "text", text);
	return o;
}

static const char *problem_severity(enum level level)
{
	return level == LEVEL_ERROR	? "error"
	       : level == LEVEL_WARNING ? "warning"
					: "recommendation";
}

static void help_texts(const struct rule *r, struct buf *text, struct buf *md)
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

/*
 * A rule's level, as the configuration sets it; LEVEL_NONE when it is
 * turned off.
 */
static enum level configured_level(const struct sarif *s, const struct rule *r)
{
	int level = s->opts->config ? config_rule_level(s->opts->config, r->id)
				    : -1;

	return level < 0 ? r->level : (enum level)level;
}

static cJSON *rule_obj(struct sarif *s, const struct rule *r)
{
	cJSON *o = cJSON_CreateObject(), *help, *cfg, *props, *tags;
	struct buf text = BUF_INIT, md = BUF_INIT, uri = BUF_INIT;
	enum level level = configured_level(s, r);

	if (!o)
		return NULL;
	jout_str(&s->j, o, "id", r->id);
	jout_str(&s->j, o, "name", r->name);
	jout_attach(&s->j, o, "shortDescription", text_obj(s, r->summary));
	jout_attach(&s->j, o, "fullDescription", text_obj(s, r->facts));
	help_texts(r, &text, &md);
	help = text_obj(s, buf_str(&text));
	if (help)
		jout_str(&s->j, help, "markdown", buf_str(&md));
	jout_attach(&s->j, o, "help", help);
	buf_addf(&uri, "%s#rules", FKAUDIT_HOMEPAGE);
	jout_str(&s->j, o, "helpUri", buf_str(&uri));
	cfg = cJSON_CreateObject();
	if (cfg && level == LEVEL_NONE)
		jout_attach(&s->j, cfg, "enabled", cJSON_CreateFalse());
	if (cfg)
		jout_str(&s->j, cfg, "level",
			 level_name(level == LEVEL_NONE ? r->level : level));
	jout_attach(&s->j, o, "defaultConfiguration", cfg);
	props = cJSON_CreateObject();
	tags = cJSON_CreateArray();
	jout_attach(&s->j, tags, NULL, cJSON_CreateString("postgresql"));
	jout_attach(&s->j, tags, NULL, cJSON_CreateString("migration"));
	jout_attach(&s->j, tags, NULL,
		    cJSON_CreateString(r->check ? "foreign-key" : "hygiene"));
	if (props) {
		jout_attach(&s->j, props, "tags", tags);
		jout_str(&s->j, props, "precision", "high");
		jout_str(&s->j, props, "problem.severity",
			 problem_severity(level == LEVEL_NONE ? r->level
							      : level));
	} else {
		cJSON_Delete(tags);
	}
	jout_attach(&s->j, o, "properties", props);
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
	jout_str(&s->j, o, "uri", buf_str(&uri));
	if (inside)
		jout_str(&s->j, o, "uriBaseId", "%SRCROOT%");
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
	jout_num(&s->j, o, "startLine", line ? line : 1);
	jout_num(&s->j, o, "startColumn", col ? col : 1);
	if (end_line) {
		jout_num(&s->j, o, "endLine", end_line);
		jout_num(&s->j, o, "endColumn", end_col ? end_col : 1);
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
		s->j.oom = true;
		return NULL;
	}
	jout_attach(&s->j, phys, "artifactLocation",
		    artifact_location(s, path));
	if (reg)
		jout_attach(&s->j, phys, "region", reg);
	jout_attach(&s->j, loc, "physicalLocation", phys);
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

/* "commit 1a2b3c4 (2024-03-01): subject" */
static void commit_words(struct buf *b, const struct result *res, size_t i)
{
	const struct commit_info *c = &res->commits[i];

	buf_addf(b, "commit %.7s (", c->sha);
	report_date(b, c->time, c->offset);
	buf_addf(b, "): %s", c->subject);
}

/* GitHub shows the message text only: the commits go there too. */
static void history_message(struct buf *b, const struct result *res,
			    const struct finding *f)
{
	buf_adds(b, f->message);
	buf_adds(b, ". Introduced in ");
	commit_words(b, res, f->introduced);
	if (f->state != FINDING_CURRENT) {
		buf_adds(b, f->state == FINDING_FIXED ? "; fixed"
						      : "; file deleted");
		if (f->resolved != NO_COMMIT) {
			buf_adds(b, " in ");
			commit_words(b, res, f->resolved);
		}
	}
	buf_adds(b, ".");
}

static void commit_props(struct sarif *s, cJSON *props, const char *what,
			 size_t index)
{
	const struct commit_info *c = &s->res->commits[index];
	struct buf key = BUF_INIT, date = BUF_INIT;

	report_datetime(&date, c->time, c->offset);
	buf_addf(&key, "fkaudit/%sInCommit", what);
	jout_str(&s->j, props, buf_str(&key), c->sha);
	buf_reset(&key);
	buf_addf(&key, "fkaudit/%sAt", what);
	jout_str(&s->j, props, buf_str(&key), buf_str(&date));
	buf_reset(&key);
	buf_addf(&key, "fkaudit/%sSubject", what);
	jout_str(&s->j, props, buf_str(&key), c->subject);
	buf_release(&key);
	buf_release(&date);
}

static cJSON *history_props(struct sarif *s, const struct finding *f)
{
	cJSON *props = cJSON_CreateObject();

	if (!props)
		return NULL;
	jout_str(&s->j, props, "fkaudit/state", report_finding_state(f));
	commit_props(s, props, "introduced", f->introduced);
	if (f->suppressed_in != NO_COMMIT)
		commit_props(s, props, "suppressed", f->suppressed_in);
	if (f->resolved != NO_COMMIT)
		commit_props(s, props,
			     f->state == FINDING_FIXED ? "fixed" : "deleted",
			     f->resolved);
	return props;
}

static cJSON *result_obj(struct sarif *s, const struct finding *f)
{
	cJSON *o = cJSON_CreateObject(), *locs = cJSON_CreateArray(), *fp;
	const char *path = s->res->files[f->file].path;
	struct buf msg = BUF_INIT;
	char key[17];

	if (!o || !locs) {
		cJSON_Delete(o);
		cJSON_Delete(locs);
		return NULL;
	}
	jout_str(&s->j, o, "ruleId", f->rule->id);
	jout_num(&s->j, o, "ruleIndex", (double)rule_index(f->rule));
	if (f->state == FINDING_CURRENT) {
		jout_str(&s->j, o, "level", level_name(f->level));
	} else { /* --sarif-fixed: the rule passes now */
		jout_str(&s->j, o, "kind", "pass");
		jout_str(&s->j, o, "level", "none");
	}
	if (f->introduced != NO_COMMIT) {
		history_message(&msg, s->res, f);
		jout_attach(&s->j, o, "message", text_obj(s, buf_str(&msg)));
		jout_attach(&s->j, o, "properties", history_props(s, f));
	} else {
		jout_attach(&s->j, o, "message", text_obj(s, f->message));
	}
	buf_release(&msg);
	jout_attach(
		&s->j, locs, NULL,
		location(s, path,
			 region(s, f->line, f->col, f->end_line, f->end_col)));
	jout_attach(&s->j, o, "locations", locs);
	fp = cJSON_CreateObject();
	if (fp && f->line_hash && *f->line_hash)
		jout_str(&s->j, fp, "primaryLocationLineHash", f->line_hash);
	/* the identity --baseline matches (what the statement runs) */
	report_key(key, f);
	if (fp)
		jout_str(&s->j, fp, "fkaudit/v1", key);
	jout_attach(&s->j, o, "partialFingerprints", fp);
	if (s->res->baseline && report_baseline_name(f))
		jout_str(&s->j, o, "baselineState", report_baseline_name(f));
	if (s->opts->include_suppressed) {
		cJSON *sups = cJSON_CreateArray(), *sup;

		if (f->suppressed && (sup = cJSON_CreateObject())) {
			jout_str(&s->j, sup, "kind", "inSource");
			jout_str(&s->j, sup, "status", "accepted");
			if (*f->suppression)
				jout_str(&s->j, sup, "justification",
					 f->suppression);
			jout_attach(&s->j, sups, NULL, sup);
		}
		jout_attach(&s->j, o, "suppressions", sups);
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
	{ "FKN003", "part-not-audited",
	  "Part of a migration was not understood and not audited.",
	  "The framework reader did not understand this part of the "
	  "migration (a custom operation, a field class it does not know, "
	  "an argument that is not a literal): the SQL it sends was not "
	  "audited. The message names it.",
	  "Check its SQL yourself (fkaudit sql shows what was audited), or "
	  "name the field class in the configuration (\"django\": "
	  "{\"foreign_key_fields\"})." },
};

static cJSON *notification_descriptors(struct sarif *s)
{
	cJSON *arr = cJSON_CreateArray();
	size_t i;

	for (i = 0; arr && i < sizeof(notes) / sizeof(notes[0]); i++) {
		cJSON *d = cJSON_CreateObject();

		if (!d)
			break;
		jout_str(&s->j, d, "id", notes[i].id);
		jout_str(&s->j, d, "name", notes[i].name);
		jout_attach(&s->j, d, "shortDescription",
			    text_obj(s, notes[i].summary));
		jout_attach(&s->j, d, "fullDescription",
			    text_obj(s, notes[i].full));
		jout_attach(&s->j, d, "help", text_obj(s, notes[i].help));
		jout_attach(&s->j, arr, NULL, d);
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
	jout_str(&s->j, desc, "id", notes[which].id);
	jout_num(&s->j, desc, "index", (double)which);
	jout_attach(&s->j, n, "descriptor", desc);
	jout_str(&s->j, n, "level", level);
	jout_attach(&s->j, n, "message", text_obj(s, msg));
	jout_attach(&s->j, locs, NULL, location(s, path, reg));
	jout_attach(&s->j, n, "locations", locs);
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
	size_t k, i = 0, n;

	for (k = 0; arr && k < res->nfiles; k++) {
		const struct file_result *fr = &res->files[k];
		const struct finding *f = first_parse_error(res, k, &i);

		buf_reset(&msg);
		if (fr->gone) /* not in the revision: GitHub cannot place it */
			continue;
		if (fr->status != FILE_AUDITED) {
			buf_addf(&msg, "%s was not audited: %s", fr->path,
				 fr->problem ? fr->problem : "unknown");
			jout_attach(&s->j, arr, NULL,
				    notification(s, 0,
						 fr->status == FILE_SKIPPED
							 ? "warning"
							 : "error",
						 buf_str(&msg), fr->path,
						 region(s, 1, 1, 0, 0)));
		}
		for (n = 0; fr->status == FILE_AUDITED && n < fr->nnotices;
		     n++) {
			buf_reset(&msg);
			buf_addf(&msg, "not audited: %s",
				 fr->notices[n].message);
			jout_attach(
				&s->j, arr, NULL,
				notification(s, 2, "note", buf_str(&msg),
					     fr->path,
					     region(s, fr->notices[n].line,
						    fr->notices[n].col, 0, 0)));
		}
		if (fr->status == FILE_AUDITED && fr->nparse_errors && f) {
			buf_reset(&msg);
			buf_addf(&msg,
				 "%zu statement%s of %s rejected by the "
				 "PostgreSQL 15 grammar; see the FK000 results",
				 fr->nparse_errors,
				 fr->nparse_errors == 1 ? " is" : "s are",
				 fr->path);
			jout_attach(
				&s->j, arr, NULL,
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
	jout_str(&s->j, d, "name", "fkaudit");
	jout_str(&s->j, d, "fullName",
		 "fkaudit: foreign-key safety audit of "
		 "PostgreSQL migrations");
	jout_str(&s->j, d, "version", FKAUDIT_VERSION);
	jout_str(&s->j, d, "semanticVersion", FKAUDIT_VERSION);
	jout_str(&s->j, d, "informationUri", FKAUDIT_HOMEPAGE);
	for (i = 0; i < rule_count; i++)
		jout_attach(&s->j, rules, NULL, rule_obj(s, rule_registry[i]));
	jout_attach(&s->j, d, "rules", rules);
	jout_attach(&s->j, d, "notifications", notification_descriptors(s));
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
		s->j.oom = true;
		return NULL;
	}
	jout_str(&s->j, e, "repositoryUri", v->remote_url);
	if (v->revision)
		jout_str(&s->j, e, "revisionId", v->revision);
	if (v->branch)
		jout_str(&s->j, e, "branch", v->branch);
	jout_str(&s->j, mapped, "uriBaseId", "%SRCROOT%");
	jout_attach(&s->j, e, "mappedTo", mapped);
	jout_attach(&s->j, arr, NULL, e);
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
	jout_bool(&s->j, inv, "executionSuccessful",
		  s->opts->execution_successful);
	jout_num(&s->j, inv, "exitCode", s->opts->exit_code);
	jout_attach(&s->j, inv, "toolExecutionNotifications", notifications(s));
	jout_attach(&s->j, arr, NULL, inv);
	return arr;
}

static cJSON *tool_obj(struct sarif *s)
{
	cJSON *tool = cJSON_CreateObject();

	if (tool)
		jout_attach(&s->j, tool, "driver", driver(s));
	return tool;
}

static cJSON *automation(struct sarif *s)
{
	cJSON *auto_id = cJSON_CreateObject();

	if (auto_id)
		jout_str(&s->j, auto_id, "id", s->opts->sarif_category);
	return auto_id;
}

/* The results, streamed: one result's tree at a time. */
static void put_results(struct sarif *s, struct jstream *w)
{
	size_t i;

	jstream_open_array(w, "results");
	for (i = 0; i < s->res->nfindings && jstream_ok(w); i++) {
		const struct finding *f = &s->res->findings[i];

		/* GitHub cannot place a finding outside the revision */
		if (!report_placeable(s->res, f, s->opts->sarif_fixed))
			continue;
		if (!f->suppressed || s->opts->include_suppressed)
			jstream_value(w, NULL, result_obj(s, f));
	}
	jstream_close(w);
}

int report_sarif(const struct result *res, const struct report_opts *opts,
		 FILE *out)
{
	struct sarif s = { { false }, res, opts };
	struct jstream w;
	cJSON *prov;

	jstream_init(&w, out);
	jstream_open_object(&w, NULL);
	jstream_str(&w, "$schema", SARIF_SCHEMA);
	jstream_str(&w, "version", "2.1.0");
	jstream_open_array(&w, "runs");
	jstream_open_object(&w, NULL);
	jstream_value(&w, "tool", tool_obj(&s));
	jstream_value(&w, "automationDetails", automation(&s));
	if ((prov = provenance(&s)))
		jstream_value(&w, "versionControlProvenance", prov);
	jstream_value(&w, "invocations", invocation(&s));
	jstream_str(&w, "columnKind", "unicodeCodePoints");
	put_results(&s, &w);
	jstream_close(&w);
	jstream_close(&w);
	jstream_close(&w);
	if (s.j.oom)
		w.j.oom = true;
	return jstream_finish(&w);
}
