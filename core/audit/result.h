#ifndef FKAUDIT_RESULT_H
#define FKAUDIT_RESULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "split.h"

struct rule;

enum level {
	LEVEL_NONE = 0, /* only as a --fail-level: fail on nothing */
	LEVEL_NOTE,
	LEVEL_WARNING,
	LEVEL_ERROR,
};

/* "error", "warning", "note", "none" */
const char *level_name(enum level level);
/* 0, or -1 when `s` names no level. */
int level_parse(const char *s, enum level *out);

/*
 * A commit that a history finding names (git sources only). Strings
 * live in the result's arena.
 */
struct commit_info {
	char sha[41];	    /* 40 hex digits */
	const char *author; /* name */
	const char *email;
	int64_t time; /* seconds since the epoch */
	int offset;   /* the author's UTC offset, in minutes */
	const char *subject;
};

/* Where a finding stands at the audited revision (history). */
/*
 * A commit time in its author's time zone (`offset` minutes from UTC):
 * "2024-03-01", or with `time_of_day` "2024-03-01T10:00:00+01:00".
 * "?" when the time is out of range.
 */
void commit_date(char *buf, size_t size, int64_t time, int offset,
		 bool time_of_day);

enum finding_state {
	FINDING_CURRENT = 0, /* in the audited files (check, diff, present) */
	FINDING_FIXED,	     /* a later commit removed it */
	FINDING_DELETED,     /* a later commit deleted its file */
};

#define NO_COMMIT ((size_t)-1)

/* Against a baseline (baseline.h): not compared, new, or in it already. */
enum baseline_mark {
	BASELINE_NONE = 0,
	BASELINE_NEW,
	BASELINE_UNCHANGED,
};

/*
 * One finding. Positions are final: 1-based lines and columns in Unicode
 * code points, the end column exclusive. `snippet` is the raw source
 * line of `line` (it may hold invalid UTF-8; reporters clean it), and
 * [mark_start, mark_end) the bytes of it to underline. Strings live in
 * the result's arena.
 */
struct finding {
	const struct rule *rule;
	enum level level;
	size_t file; /* index into result.files */
	size_t stmt; /* statement index in its file; SIZE_MAX: the file */
	/* in the SQL audited: the file's, or what a reader built from it */
	struct span span;
	/* the same in the file itself (the .py of a Django migration) */
	uint32_t src_start, src_end;
	uint32_t line, col, end_line, end_col;
	const char *message;
	const char *help;
	const char *snippet;
	uint32_t snippet_len;
	uint32_t mark_start, mark_end;
	bool suppressed;
	const char *suppression; /* the reason given, or "" */
	const char *line_hash;	 /* GitHub's primaryLocationLineHash */
	/* the statement's lines, for --changed-lines */
	uint32_t stmt_line, stmt_end_line;
	/*
	 * Identity across versions of a file: rule, message and the
	 * statement's text without its layout, so that a finding keeps its
	 * key when lines above it move.
	 */
	uint64_t key;
	/* history: where it stands, and the commits that made it so */
	enum finding_state state;
	size_t introduced; /* index into result.commits, or NO_COMMIT */
	size_t resolved;   /* the fixing or deleting commit, or NO_COMMIT */
	/* history, a suppressed finding: the commit that suppressed it */
	size_t suppressed_in;
	enum baseline_mark baseline;
};

enum file_status {
	FILE_AUDITED,
	FILE_NOT_FOUND,	 /* a path given by the user does not exist */
	FILE_UNREADABLE, /* open or read failed */
	FILE_BINARY,	 /* holds NUL bytes (binary, UTF-16, …) */
	FILE_TOO_LARGE,	 /* over --max-file-size */
	FILE_SKIPPED, /* a symbolic link or submodule: noted, not a failure */
};

struct stmt_line;

/* What the framework reader left out of a file, and where. */
struct file_notice {
	uint32_t line, col;
	const char *message; /* "custom operation AddFieldIfNotExists" */
};

struct file_result {
	const char *path; /* as shown in reports */
	enum file_status status;
	const char *problem; /* why it was not audited; NULL if audited */
	size_t nstmts;
	size_t nparse_errors;
	/*
	 * history: the file, or this version of it, is not in the audited
	 * revision: its findings cannot be placed there (SARIF leaves them
	 * out), and a problem with it does not fail the run.
	 */
	bool gone;
	/*
	 * history: not a file but a folder or commit the walk could not read
	 * (its path is the folder's, "." for a commit or a root tree)
	 */
	bool walk_problem;
	/* what its statements run (statements_key()); 0 when not audited */
	uint64_t sql_key;
	/* with audit_opts.stmt_lines: each statement's key and lines */
	const struct stmt_line *stmt_lines;
	size_t nstmt_lines;
	/* not audited: what the reader did not understand (result arena) */
	const struct file_notice *notices;
	size_t nnotices;
};

struct stmt_line {
	uint64_t key;
	uint32_t first, last;
};

/*
 * Everything one run found, in the order reporters show it. Built by the
 * core, then read-only for reporters. Owns all its memory.
 */
struct result {
	struct arena arena;
	struct file_result *files;
	size_t nfiles;
	size_t files_cap;
	struct finding *findings;
	size_t nfindings;
	size_t findings_cap;
	struct commit_info *commits; /* named by history findings */
	size_t ncommits;
	size_t commits_cap;
	/* what the text says when there is no file: NULL for "no SQL files found" */
	const char *no_files;
	/* history runs: what the walk covered, for the summary */
	bool history;
	size_t history_commits;
	size_t history_blobs;
	/* files left out as another database's (ROLE_OTHER_DB) */
	size_t other_db_files;
	/* compared with a baseline (baseline.h): how many of each */
	bool baseline;
	size_t baseline_new, baseline_unchanged, baseline_absent;
};

void result_init(struct result *res);
void result_release(struct result *res);

/* Appends a file entry (path copied). NULL when out of memory. */
struct file_result *result_add_file(struct result *res, const char *path);

/*
 * Appends a file that could not be audited, with its status and the
 * reason (both copied). Returns 0 or FK_ENOMEM.
 */
int result_add_problem(struct result *res, const char *path,
		       enum file_status status, const char *problem);

/*
 * What is noted and not followed among the migrations (FILE_SKIPPED), in
 * every command: the reason reports give for it. A static string.
 */
enum skip_kind {
	SKIP_SYMLINK,
	SKIP_SUBMODULE,
};

const char *result_skip_reason(enum skip_kind kind);

/*
 * Appends a copy of file entry `src` under the name `path` (strings
 * copied). NULL when out of memory.
 */
struct file_result *result_copy_file(struct result *res,
				     const struct file_result *src,
				     const char *path);

/*
 * Sets the notices of file `f` to copies of the `n` in `v` (messages
 * copied into the result). Returns 0 or FK_ENOMEM.
 */
int result_set_notices(struct result *res, struct file_result *f,
		       const struct file_notice *v, size_t n);

/* Appends a zeroed finding. NULL when out of memory. */
struct finding *result_add_finding(struct result *res);

/*
 * Appends a copy of finding `src` of result `from` (strings copied) to
 * `res`, as a finding of res->files[file]. NULL when out of memory.
 */
struct finding *result_copy_finding(struct result *res, size_t file,
				    const struct finding *src);

/*
 * Appends a copy of commit `c` (strings copied); returns its index, or
 * NO_COMMIT when out of memory.
 */
size_t result_add_commit(struct result *res, const struct commit_info *c);

/* Whether a finding counts: not suppressed, and still in the files. */
bool finding_counts(const struct finding *f);

/* Sorts findings by file, position and rule id (a stable order). */
void result_sort(struct result *res);

struct result_counts {
	size_t by_level[LEVEL_ERROR + 1]; /* unsuppressed, by level */
	size_t suppressed;
	size_t files_audited;
	size_t files_failed;
	size_t walk_problems; /* folders and commits history could not read */
	size_t not_audited;   /* notices: what readers left out */
	size_t statements;
};

void result_count(const struct result *res, struct result_counts *out);

/* The highest level among unsuppressed findings, LEVEL_NONE if none. */
enum level result_max_level(const struct result *res);

#endif
