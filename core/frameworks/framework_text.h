#ifndef FKAUDIT_FRAMEWORK_TEXT_H
#define FKAUDIT_FRAMEWORK_TEXT_H

/*
 * Small text helpers shared by framework discovery's files (internal to
 * framework*.c): lines, words and path parts. Nothing here allocates.
 */
#include <stdbool.h>
#include <stddef.h>

/* One line of a text: [start, end) without its line break. */
struct text_line {
	const char *start;
	const char *end;
	const char *next; /* the start of the next line, or the text's end */
};

/* The line starting at p (p < end). */
struct text_line text_line_at(const char *p, const char *end);

/* Skips spaces and tabs from p, up to end. */
const char *text_skip_blanks(const char *p, const char *end);

/*
 * Whether [p, end) starts with `word` (any case); then *after (if not
 * NULL) is the position after it.
 */
bool text_starts_with(const char *p, const char *end, const char *word,
		      const char **after);

/* The first `word` in [p, end) (this case), or NULL. */
const char *text_find(const char *p, const char *end, const char *word);

/* The 1-based line of offset `off` of `text` (which holds off bytes). */
unsigned text_line_of(const char *text, size_t off);

/* Whether [p, end) contains `word` (any case). */
bool text_contains(const char *p, const char *end, const char *word);

/* The file name after the last '/'. */
const char *path_base(const char *path);

/*
 * The name of the folder `up` levels above the file (0: the folder that
 * holds it), copied into buf; "" when the path is not that deep.
 */
const char *path_dir_name(const char *path, int up, char *buf, size_t size);

/*
 * Whether the path has the folders `dirs` ("supabase/migrations/")
 * somewhere, at folder boundaries.
 */
bool path_has_dirs(const char *path, const char *dirs);

/*
 * The last place where folder `dir` ("deploy/") starts in `path`, at a
 * folder boundary; NULL when there is none.
 */
const char *path_last_dir(const char *path, const char *dir);

/*
 * The path of file `name` in the folder that holds `from` (a place in a
 * path, such as path_last_dir()'s), relative to the path's own folder:
 * one "../" for each '/' after `from`, then `name` ("../sqitch.plan").
 */
void path_up_rel(const char *from, const char *name, char *out, size_t size);

/* The number of leading ASCII digits of s. */
size_t text_digits(const char *s);

#endif
