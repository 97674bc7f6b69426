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
 * A copy of s[0..len) that is valid UTF-8: each byte that is not part of
 * a well-formed sequence becomes U+FFFD. With `xml`, characters that XML
 * 1.0 forbids (C0 controls but tab, CR and LF; U+FFFE, U+FFFF) become
 * U+FFFD too. NUL-terminated; the caller frees it. NULL when out of
 * memory.
 */
char *utf8_clean(const char *s, size_t len, int xml);

#endif
