#include "suggest.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define MAX_WORD 64

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;

	return m < c ? m : c;
}

static bool same(char a, char b)
{
	return tolower((unsigned char)a) == tolower((unsigned char)b);
}

/* Optimal string alignment distance over three rows of the table. */
size_t suggest_distance(const char *a, const char *b)
{
	size_t rows[3][MAX_WORD + 1], *prev2 = rows[0], *prev = rows[1],
				      *cur = rows[2], *tmp;
	size_t la = strlen(a), lb = strlen(b), i, j;

	if (la > MAX_WORD || lb > MAX_WORD)
		return SIZE_MAX;
	for (j = 0; j <= lb; j++)
		prev[j] = j;
	for (i = 1; i <= la; i++) {
		cur[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t cost = same(a[i - 1], b[j - 1]) ? 0 : 1;

			cur[j] = min3(prev[j] + 1, cur[j - 1] + 1,
				      prev[j - 1] + cost);
			if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) &&
			    same(a[i - 2], b[j - 1]) &&
			    prev2[j - 2] + 1 < cur[j])
				cur[j] = prev2[j - 2] + 1;
		}
		tmp = prev2;
		prev2 = prev;
		prev = cur;
		cur = tmp;
	}
	return prev[lb];
}

const char *suggest_closest(const char *word, const char *const *candidates,
			    size_t n)
{
	const char *best = NULL;
	size_t best_d = SIZE_MAX, i, len = strlen(word);

	for (i = 0; i < n; i++) {
		size_t d = suggest_distance(word, candidates[i]);

		if (d < best_d) {
			best_d = d;
			best = candidates[i];
		}
	}
	if (best_d > 2 || best_d * 2 >= len)
		return NULL;
	return best;
}
