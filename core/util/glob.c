#include "glob.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/*
 * The matcher keeps, for each byte offset j of the path, whether the
 * pattern read so far can match path[0..j); each pattern token turns
 * one such row into the next. Time is pattern length × path length,
 * whatever the stars (no backtracking).
 */
enum token { LITERAL, QMARK, STAR, DSTAR, DSTAR_SLASH };

static enum token next_token(const char **p)
{
	const char *s = *p;

	if (s[0] == '*' && s[1] == '*') {
		*p += s[2] == '/' ? 3 : 2;
		return s[2] == '/' ? DSTAR_SLASH : DSTAR;
	}
	*p += 1;
	return s[0] == '*' ? STAR : s[0] == '?' ? QMARK : LITERAL;
}

static void step(enum token t, char c, const char *s, size_t n,
		 const unsigned char *cur, unsigned char *next)
{
	bool any = false;
	size_t j;

	memset(next, 0, n + 1);
	for (j = 0; j <= n; j++) {
		switch (t) {
		case LITERAL:
			if (j < n && cur[j] && s[j] == c)
				next[j + 1] = 1;
			break;
		case QMARK:
			if (j < n && cur[j] && s[j] != '/') {
				size_t k = utf8_seq_len(
					(const unsigned char *)s + j, n - j);

				next[j + (k ? k : 1)] = 1;
			}
			break;
		case STAR:
			if (j > 0 && s[j - 1] == '/')
				any = false;
			any |= cur[j];
			next[j] = any;
			break;
		case DSTAR:
			any |= cur[j];
			next[j] = any;
			break;
		case DSTAR_SLASH:
			next[j] = cur[j] || (j > 0 && s[j - 1] == '/' && any);
			any |= cur[j];
			break;
		}
	}
}

/*
 * Runs `pattern` over path[0..n) and calls `verdict` on the last row.
 * False when out of memory (a long path).
 */
static bool run(const char *pattern, const char *s, size_t n,
		bool (*verdict)(const char *s, size_t n,
				const unsigned char *row))
{
	unsigned char small[2][512], *rows = NULL, *cur, *next, *tmp;
	bool res;

	if (n + 1 > sizeof(small[0])) {
		if (!(rows = malloc(2 * (n + 1))))
			return false;
		cur = rows;
		next = rows + n + 1;
	} else {
		cur = small[0];
		next = small[1];
	}
	memset(cur, 0, n + 1);
	cur[0] = 1;
	while (*pattern) {
		char c = *pattern;
		enum token t = next_token(&pattern);

		step(t, c, s, n, cur, next);
		tmp = cur;
		cur = next;
		next = tmp;
	}
	res = verdict(s, n, cur);
	free(rows);
	return res;
}

static bool whole(const char *s, size_t n, const unsigned char *row)
{
	(void)s;
	return row[n];
}

/* The whole path, or a prefix that ends just before or after a '/'. */
static bool folder_or_whole(const char *s, size_t n, const unsigned char *row)
{
	size_t j;

	for (j = 1; j <= n; j++)
		if (row[j] && (j == n || s[j] == '/' || s[j - 1] == '/'))
			return true;
	return false;
}

bool glob_match(const char *pattern, const char *path)
{
	return run(pattern, path, strlen(path), whole);
}

bool glob_covers(const char *pattern, const char *path)
{
	return run(pattern, path, strlen(path), folder_or_whole);
}
