/*
 * The JSON report: a documented, versioned format for scripts (README,
 * "JSON report"). Format 1:
 *
 *   { "fkaudit": { "version", "format": 1 },
 *     "summary": { files, files_audited, files_not_audited, statements,
 *                  errors, warnings, notes, suppressed, exit_code },
 *     "files":    [ { path, status, problem, statements, parse_errors } ],
 *     "findings": [ { rule, name, level, path, start, end, message,
 *                     help, snippet, suppressed, suppression,
 *                     fingerprint } ] }
 *
 * start and end are { line, column, offset } (1-based line and column
 * in Unicode code points, end exclusive; byte offsets from 0). Every
 * finding is listed, suppressed ones with "suppressed": true. New
 * fields may be added within a format; a removed or changed field
 * raises "format".
 */
#include "reporter.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "rule.h"
#include "utf8.h"

#define JSON_FORMAT 1

struct json {
	bool oom;
};

static void add_str(struct json *j, cJSON *o, const char *key, const char *v)
{
	char *clean;

	if (!v) {
		if (!cJSON_AddNullToObject(o, key))
			j->oom = true;
		return;
	}
	clean = utf8_clean(v, strlen(v), 0);
	if (!clean || !cJSON_AddStringToObject(o, key, clean))
		j->oom = true;
	free(clean);
}

static void add_num(struct json *j, cJSON *o, const char *key, double v)
{
	if (!cJSON_AddNumberToObject(o, key, v))
		j->oom = true;
}

static void add_bool(struct json *j, cJSON *o, const char *key, bool v)
{
	if (!cJSON_AddBoolToObject(o, key, v))
		j->oom = true;
}

static void attach(struct json *j, cJSON *parent, const char *key,
		   cJSON *child)
{
	if (!child) {
		j->oom = true;
		return;
	}
	if (key ? !cJSON_AddItemToObject(parent, key, child)
		: !cJSON_AddItemToArray(parent, child)) {
		cJSON_Delete(child);
		j->oom = true;
	}
}

static const char *status_name(enum file_status s)
{
	static const char *const names[] = {
		[FILE_AUDITED] = "audited",	  [FILE_NOT_FOUND] = "not_found",
		[FILE_UNREADABLE] = "unreadable", [FILE_BINARY] = "binary",
		[FILE_TOO_LARGE] = "too_large",
	};

	return names[s];
}

static cJSON *position(struct json *j, uint32_t line, uint32_t col,
		       uint32_t off)
{
	cJSON *o = cJSON_CreateObject();

	if (o) {
		add_num(j, o, "line", line);
		add_num(j, o, "column", col);
		add_num(j, o, "offset", off);
	}
	return o;
}

static cJSON *finding_obj(struct json *j, const struct result *res,
			  const struct finding *f)
{
	cJSON *o = cJSON_CreateObject();
	char *snippet;

	if (!o)
		return NULL;
	add_str(j, o, "rule", f->rule->id);
	add_str(j, o, "name", f->rule->name);
	add_str(j, o, "level", level_name(f->level));
	add_str(j, o, "path", res->files[f->file].path);
	attach(j, o, "start", position(j, f->line, f->col, f->span.start));
	attach(j, o, "end", position(j, f->end_line, f->end_col, f->span.end));
	add_str(j, o, "message", f->message);
	add_str(j, o, "help", f->help);
	snippet = strndup(f->snippet, f->snippet_len);
	add_str(j, o, "snippet", snippet ? snippet : "");
	free(snippet);
	add_bool(j, o, "suppressed", f->suppressed);
	add_str(j, o, "suppression", f->suppressed ? f->suppression : NULL);
	add_str(j, o, "fingerprint", f->line_hash);
	return o;
}

static cJSON *file_obj(struct json *j, const struct file_result *fr)
{
	cJSON *o = cJSON_CreateObject();

	if (!o)
		return NULL;
	add_str(j, o, "path", fr->path);
	add_str(j, o, "status", status_name(fr->status));
	add_str(j, o, "problem", fr->problem);
	add_num(j, o, "statements", (double)fr->nstmts);
	add_num(j, o, "parse_errors", (double)fr->nparse_errors);
	return o;
}

static cJSON *summary_obj(struct json *j, const struct result *res,
			  const struct report_opts *opts)
{
	struct result_counts c;
	cJSON *o = cJSON_CreateObject();

	if (!o)
		return NULL;
	result_count(res, &c);
	add_num(j, o, "files", (double)res->nfiles);
	add_num(j, o, "files_audited", (double)c.files_audited);
	add_num(j, o, "files_not_audited", (double)c.files_failed);
	add_num(j, o, "statements", (double)c.statements);
	add_num(j, o, "errors", (double)c.by_level[LEVEL_ERROR]);
	add_num(j, o, "warnings", (double)c.by_level[LEVEL_WARNING]);
	add_num(j, o, "notes", (double)c.by_level[LEVEL_NOTE]);
	add_num(j, o, "suppressed", (double)c.suppressed);
	add_num(j, o, "exit_code", opts->exit_code);
	return o;
}

int report_json(const struct result *res, const struct report_opts *opts,
		FILE *out)
{
	struct json j = { false };
	cJSON *root = cJSON_CreateObject(), *tool = cJSON_CreateObject();
	cJSON *files = cJSON_CreateArray(), *findings = cJSON_CreateArray();
	char *text = NULL;
	size_t i;
	int err = -1;

	if (tool) {
		add_str(&j, tool, "version", FKAUDIT_VERSION);
		add_num(&j, tool, "format", JSON_FORMAT);
	}
	for (i = 0; files && i < res->nfiles; i++)
		attach(&j, files, NULL, file_obj(&j, &res->files[i]));
	for (i = 0; findings && i < res->nfindings; i++)
		attach(&j, findings, NULL,
		       finding_obj(&j, res, &res->findings[i]));
	if (!root) {
		cJSON_Delete(tool);
		cJSON_Delete(files);
		cJSON_Delete(findings);
		return -1;
	}
	attach(&j, root, "fkaudit", tool);
	attach(&j, root, "summary", summary_obj(&j, res, opts));
	attach(&j, root, "files", files);
	attach(&j, root, "findings", findings);
	if (!j.oom && (text = cJSON_Print(root))) {
		fputs(text, out);
		fputc('\n', out);
		err = ferror(out) ? -1 : 0;
	}
	free(text);
	cJSON_Delete(root);
	return err;
}
