#ifndef FKAUDIT_FINGERPRINT_H
#define FKAUDIT_FINGERPRINT_H

#include <stddef.h>
#include <stdint.h>

/*
 * GitHub code scanning's primaryLocationLineHash for every line of a file,
 * computed the way github/codeql-action does it (src/fingerprints.ts) when
 * it uploads SARIF that has none, so that alerts found by fkaudit keep
 * their identity across runs and code moves.
 *
 * The text is decoded from UTF-8 into UTF-16 code units (a code point
 * above U+FFFF is two surrogates), as JavaScript's charCodeAt() sees it.
 * A byte order mark is a character like any other. Invalid UTF-8 becomes
 * one U+FFFD per byte that is not part of a well-formed sequence, as
 * utf8_columns() counts; Node.js's decoder differs only for a truncated
 * sequence (a lead byte and some of its continuation bytes), which it
 * turns into one U+FFFD rather than one per byte.
 *
 * Spaces and tabs are skipped; "\r", "\n" and "\r\n" each end a line. A
 * line's hash is a polynomial rolling hash (base 37, modulo 2^64) of the
 * 100 characters that start with its first one, reaching into the lines
 * after it; past the end of the text come the character 0xffff, then
 * zeros. Its string is the hash in lowercase hex without leading zeros, a
 * colon, and how many lines so far (this one included) had that hash:
 * "a7f2ff13bc495cf2:2". Every line has one, including the empty line
 * after a final line break and the one line of an empty text.
 *
 * Lines are numbered as the hash numbers them: a lone "\r" ends a line
 * here, unlike in struct linemap.
 */
struct line_hashes {
	char (*v)[32]; /* v[i] is line i+1's "hex:n", NUL-terminated */
	size_t n;      /* number of lines */
};

/*
 * Computes the hash of every line of text[0..len) (borrowed, read only
 * during the call) into *out, which owns the array it allocates: free it
 * with line_hashes_release(). Returns 0, or -1 with *out empty when out of
 * memory (errno ENOMEM), or when a count does not fit in an entry (it
 * would take 10^14 lines with one hash; errno EOVERFLOW). One pass,
 * memory proportional to the number of lines.
 */
int line_hashes_compute(struct line_hashes *out, const char *text, size_t len);

/* Frees the array and empties *h; harmless on an empty or released one. */
void line_hashes_release(struct line_hashes *h);

/*
 * The hash of 1-based line `line`, or of line 1 when out of range, or ""
 * when there are none. Borrowed from *h: valid until it is released.
 */
const char *line_hashes_get(const struct line_hashes *h, uint32_t line);

#endif
