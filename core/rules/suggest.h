#ifndef FKAUDIT_SUGGEST_H
#define FKAUDIT_SUGGEST_H

#include <stddef.h>

/*
 * "Did you mean …?" for a misspelt name: the candidate closest to
 * `word` by edit distance (insertions, deletions, substitutions and
 * swaps of two neighbours, ASCII case ignored), when it is close enough
 * to be a likely typo: at most 2 edits, and fewer than half the word's
 * length. NULL when none is. Returns one of `candidates` (borrowed), the
 * first one on a tie.
 */
const char *suggest_closest(const char *word, const char *const *candidates,
			    size_t n);

/* The edit distance described above; SIZE_MAX for words over 64 bytes. */
size_t suggest_distance(const char *a, const char *b);

#endif
