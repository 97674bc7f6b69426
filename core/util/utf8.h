#ifndef FKAUDIT_UTF8_H
#define FKAUDIT_UTF8_H

#include <stddef.h>

/*
 * Length of the well-formed UTF-8 sequence at s[0..len), or 0 when the
 * bytes there are not one (a stray continuation byte, an overlong form,
 * a surrogate, a truncated sequence). Columns count one per well-formed
 * sequence and one per byte that is not part of one.
 */
size_t utf8_seq_len(const unsigned char *s, size_t len);

/* Number of columns (code points, invalid bytes one each) in s[0..len). */
size_t utf8_columns(const char *s, size_t len);

/*
 * Byte offset of the n-th character (0-based) of s, counting characters
 * the way PostgreSQL's pg_mbstrlen() does for UTF-8 (by lead byte only);
 * libpg_query reports error positions in those characters.
 */
size_t utf8_pg_char_offset(const char *s, size_t len, size_t n);

/*
 * After `needed = snprintf(s, size, ...)` (or vsnprintf) into a fixed
 * buffer: when the text did not fit (needed >= size), cuts it again at a
 * character boundary, so that no UTF-8 sequence is split, and ends it
 * with "…", all within `size` bytes (size >= 4). A text that fit, and a
 * negative `needed` (an encoding error: s becomes ""), are left whole.
 */
void utf8_fit(char *s, size_t size, int needed);

/*
 * The length of the longest prefix of s[0..len) of at most `max` bytes
 * that ends between characters, as PostgreSQL's pg_mbcliplen() cuts a
 * name for UTF-8 (by lead byte only).
 */
size_t utf8_clip(const char *s, size_t len, size_t max);

/* What utf8_clean() replaces besides invalid UTF-8. */
enum utf8_clean_flags {
	UTF8_CLEAN_XML = 1 << 0,      /* what XML 1.0 forbids: C0 controls
					 but tab, CR and LF; U+FFFE, U+FFFF */
	UTF8_CLEAN_CONTROLS = 1 << 1, /* every C0 control and DEL (terminal) */
	UTF8_CLEAN_KEEP_TAB = 1 << 2, /* with CONTROLS: but not the tab */
};

/*
 * A copy of s[0..len) that is valid UTF-8: each byte that is not part of
 * a well-formed sequence, and each character `flags` names, becomes
 * U+FFFD, so one column stays one column. NUL-terminated; the caller
 * frees it. NULL when out of memory.
 */
char *utf8_clean(const char *s, size_t len, unsigned flags);

/*
 * A copy of the string `s` as a name is shown on one line of the text
 * report or a message: valid UTF-8 is kept; each byte that is not part
 * of a well-formed sequence becomes U+FFFD, as in every report; a
 * backslash, each C0 control and DEL become the escapes a JSON report
 * writes for them (\\, \n, \t, \r, \b, \f, else \u00XX), so that
 * "a<newline>b.sql" is shown as a\nb.sql, the JSON report's text.
 * NUL-terminated; the caller frees it. NULL when out of memory.
 */
char *utf8_escape(const char *s);

#endif
