/*
 * The JSON report: a documented, versioned format for scripts (README,
 * "JSON report"). Format 1:
 *
 *   { "fkaudit": { "version", "format": 1 },
 *     "summary": { files, files_audited, files_not_audited,
 *                  files_other_databases (left out, not listed in files),
 *                  statements, errors, warnings, notes, suppressed,
 *                  not_audited, exit_code },
 *     "files":    [ { path, status, problem, statements, parse_errors,
 *                     not_audited: [ { line, column, message } ] } ],
 *     "findings": [ { rule, name, level, path, start, end, message,
 *                     help, snippet, suppressed, suppression,
 *                     fingerprint } ] }
 *
 * A history run adds "history": { revision, commits, file_versions },
 * "gone" on files (not in the revision, or not this version), and on
 * findings "state" (present, fixed, deleted), "introduced" and
 * "resolved" (the fixing or deleting commit, or null): commits are
 * { sha, author, email, date, subject }, date in ISO 8601.
 *
 * not_audited lists what a framework reader did not understand and left
 * out (a Django migration's custom operation, an unknown field class).
 *
 * start and end are { line, column, offset } (1-based line and column
 * in Unicode code points, end exclusive; byte offsets from 0). Every
 * finding is listed, suppressed ones with "suppressed": true. New
 * fields may be added within a format; a removed or changed field
 * raises "format".
 */
#include "reporter.h"

#include "json_out.h"
#include "json_stream.h"

#include <stdlib.h>
#include <string.h>

#include "rule.h"

#define JSON_FORMAT 1

static const char *status_name(enum file_status s)
{
	static const char *const names[] = {
		[FILE_AUDITED] = "audited",
		[FILE_NOT_FOUND] = "not_found",
		[FILE_UNREADABLE] = "unreadable",
		[FILE_BINARY] = "binary",
		[FILE_TOO_LARGE] = "too_large",
		[FILE_SKIPPED] = "skipped",
	};

	return names[s];
}

static cJSON *position(struct jout *j, uint32_t line, uint32_t col,
		       uint32_t off)
{
	cJSON *o = cJSON_CreateObject();

	if (o) {
		jout_num(j, o, "line", line);
		jout_num(j, o, "column", col);
		jout_num(j, o, "offset", off);
	}
	return o;
}

static cJSON *commit_obj(struct jout *j, const struct result *res, size_t index)
{
	const struct commit_info *c;
	struct buf date = BUF_INIT;
	cJSON *o;

	if (index == NO_COMMIT)
		return cJSON_CreateNull();
	if (!(o = cJSON_CreateObject()))
		return NULL;
	c = &res->commits[index];
	report_datetime(&date, c->time, c->offset);
	jout_str(j, o, "sha", c->sha);
	jout_str(j, o, "author", c->author);
	jout_str(j, o, "email", c->email);
	jout_str(j, o, "date", buf_str(&date));
	jout_str(j, o, "subject", c->subject);
	buf_release(&date);
	return o;
}

static cJSON *finding_obj(struct jout *j, const struct result *res,
			  const struct finding *f)
{
	cJSON *o = cJSON_CreateObject();
	char *snippet, key[17];

	if (!o)
		return NULL;
	jout_str(j, o, "rule", f->rule->id);
	jout_str(j, o, "name", f->rule->name);
	jout_str(j, o, "level", level_name(f->level));
	jout_str(j, o, "path", res->files[f->file].path);
	/* offsets in the file itself, as lines and columns are */
	jout_attach(j, o, "start", position(j, f->line, f->col, f->src_start));
	jout_attach(j, o, "end",
		    position(j, f->end_line, f->end_col, f->src_end));
	jout_str(j, o, "message", f->message);
	jout_str(j, o, "help", f->help);
	snippet = strndup(f->snippet, f->snippet_len);
	jout_str(j, o, "snippet", snippet ? snippet : "");
	free(snippet);
	jout_bool(j, o, "suppressed", f->suppressed);
	jout_str(j, o, "suppression", f->suppressed ? f->suppression : NULL);
	jout_str(j, o, "fingerprint", f->line_hash);
	report_key(key, f);
	jout_str(j, o, "key", key);
	if (res->baseline)
		jout_str(j, o, "baseline", report_baseline_name(f));
	if (res->history) {
		jout_str(j, o, "state", report_finding_state(f));
		jout_attach(j, o, "introduced",
			    commit_obj(j, res, f->introduced));
		jout_attach(j, o, "resolved", commit_obj(j, res, f->resolved));
		jout_attach(j, o, "suppressed_by",
			    commit_obj(j, res, f->suppressed_in));
	}
	return o;
}

static cJSON *notices_arr(struct jout *j, const struct file_result *fr)
{
	cJSON *arr = cJSON_CreateArray();
	size_t i;

	for (i = 0; arr && i < fr->nnotices; i++) {
		cJSON *n = cJSON_CreateObject();

		if (!n)
			break;
		jout_num(j, n, "line", fr->notices[i].line);
		jout_num(j, n, "column", fr->notices[i].col);
		jout_str(j, n, "message", fr->notices[i].message);
		jout_attach(j, arr, NULL, n);
	}
	return arr;
}

static cJSON *file_obj(struct jout *j, const struct result *res,
		       const struct file_result *fr)
{
	cJSON *o = cJSON_CreateObject();

	if (!o)
		return NULL;
	jout_str(j, o, "path", fr->path);
	jout_str(j, o, "status", status_name(fr->status));
	jout_str(j, o, "problem", fr->problem);
	jout_num(j, o, "statements", (double)fr->nstmts);
	jout_num(j, o, "parse_errors", (double)fr->nparse_errors);
	jout_attach(j, o, "not_audited", notices_arr(j, fr));
	if (res->history) {
		jout_bool(j, o, "gone", fr->gone);
		jout_bool(j, o, "history_problem", fr->walk_problem);
	}
	return o;
}

static cJSON *summary_obj(struct jout *j, const struct result *res,
			  const struct report_opts *opts)
{
	struct result_counts c;
	cJSON *o = cJSON_CreateObject();

	if (!o)
		return NULL;
	result_count(res, &c);
	jout_num(j, o, "files", (double)res->nfiles);
	jout_num(j, o, "files_audited", (double)c.files_audited);
	jout_num(j, o, "files_not_audited", (double)c.files_failed);
	jout_num(j, o, "files_other_databases", (double)res->other_db_files);
	jout_num(j, o, "statements", (double)c.statements);
	jout_num(j, o, "errors", (double)c.by_level[LEVEL_ERROR]);
	jout_num(j, o, "warnings", (double)c.by_level[LEVEL_WARNING]);
	jout_num(j, o, "notes", (double)c.by_level[LEVEL_NOTE]);
	jout_num(j, o, "suppressed", (double)c.suppressed);
	jout_num(j, o, "not_audited", (double)c.not_audited);
	jout_num(j, o, "exit_code", opts->exit_code);
	if (res->baseline) {
		cJSON *b = cJSON_CreateObject();

		if (b) {
			jout_num(j, b, "new", (double)res->baseline_new);
			jout_num(j, b, "unchanged",
				 (double)res->baseline_unchanged);
			jout_num(j, b, "absent", (double)res->baseline_absent);
		}
		jout_attach(j, o, "baseline", b);
	}
	return o;
}

static cJSON *history_obj(struct jout *j, const struct result *res,
			  const struct report_opts *opts)
{
	struct result_counts c;
	cJSON *o = cJSON_CreateObject();

	if (!o)
		return NULL;
	result_count(res, &c);
	jout_str(j, o, "revision", opts->vcs ? opts->vcs->revision : NULL);
	jout_num(j, o, "commits", (double)res->history_commits);
	jout_num(j, o, "file_versions", (double)res->history_blobs);
	jout_num(j, o, "unreadable", (double)c.walk_problems);
	return o;
}

int report_json(const struct result *res, const struct report_opts *opts,
		FILE *out)
{
	struct jstream w;
	cJSON *tool = cJSON_CreateObject();
	size_t i;

	jstream_init(&w, out);
	if (tool) {
		jout_str(&w.j, tool, "version", FKAUDIT_VERSION);
		jout_num(&w.j, tool, "format", JSON_FORMAT);
	}
	jstream_open_object(&w, NULL);
	jstream_value(&w, "fkaudit", tool);
	jstream_value(&w, "summary", summary_obj(&w.j, res, opts));
	if (res->history)
		jstream_value(&w, "history", history_obj(&w.j, res, opts));
	/* streamed: one file's or finding's tree at a time */
	jstream_open_array(&w, "files");
	for (i = 0; i < res->nfiles && jstream_ok(&w); i++)
		jstream_value(&w, NULL, file_obj(&w.j, res, &res->files[i]));
	jstream_close(&w);
	jstream_open_array(&w, "findings");
	for (i = 0; i < res->nfindings && jstream_ok(&w); i++)
		jstream_value(&w, NULL,
			      finding_obj(&w.j, res, &res->findings[i]));
	jstream_close(&w);
	jstream_close(&w);
	return jstream_finish(&w);
}
