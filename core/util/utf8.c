#include "utf8.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

size_t utf8_seq_len(const unsigned char *s, size_t len)
{
	unsigned char c = s[0];
	size_t need, i;
	unsigned int cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		need = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (len < need)
		return 0;
	for (i = 1; i < need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((need == 3 && cp < 0x800) || (need == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return need;
}

size_t utf8_columns(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, cols = 0;

	while (i < len) {
		size_t n = p[i] < 0x80 ? 1 : utf8_seq_len(p + i, len - i);

		i += n ? n : 1;
		cols++;
	}
	return cols;
}

static size_t pg_mblen(unsigned char c)
{
	if ((c & 0x80) == 0)
		return 1;
	if ((c & 0xe0) == 0xc0)
		return 2;
	if ((c & 0xf0) == 0xe0)
		return 3;
	if ((c & 0xf8) == 0xf0)
		return 4;
	return 1;
}

size_t utf8_pg_char_offset(const char *s, size_t len, size_t n)
{
	size_t i = 0;

	while (n > 0 && i < len) {
		i += pg_mblen((unsigned char)s[i]);
		n--;
	}
	return i < len ? i : len;
}

size_t utf8_clip(const char *s, size_t len, size_t max)
{
	size_t i = 0, n;

	while (i < len && i + (n = pg_mblen((unsigned char)s[i])) <= max)
		i += n;
	return i < len ? i : len;
}

static bool replaced(const unsigned char *p, size_t n, unsigned flags)
{
	if (n == 1 && (flags & UTF8_CLEAN_CONTROLS))
		return (p[0] < 0x20 || p[0] == 0x7f) &&
		       !(p[0] == '\t' && (flags & UTF8_CLEAN_KEEP_TAB));
	if (!(flags & UTF8_CLEAN_XML))
		return false;
	if (n == 1)
		return p[0] < 0x20 && p[0] != '\t' && p[0] != '\n' &&
		       p[0] != '\r';
	return n == 3 && p[0] == 0xef && p[1] == 0xbf &&
	       (p[2] == 0xbe || p[2] == 0xbf);
}

char *utf8_clean(const char *s, size_t len, unsigned flags)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out = malloc(len * 3 + 1), *o = out;
	size_t i = 0;

	if (!out)
		return NULL;
	while (i < len) {
		size_t n = utf8_seq_len(p + i, len - i);

		if (n == 0 || replaced(p + i, n, flags)) {
			memcpy(o, "\xef\xbf\xbd", 3);
			o += 3;
			i += n ? n : 1;
			continue;
		}
		memcpy(o, p + i, n);
		o += n;
		i += n;
	}
	*o = '\0';
	return out;
}

/* The escape JSON writes for a backslash or a control; 0 if none. */
static int put_escape(char *o, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";
	char named = c == '\\'	 ? '\\'
		     : c == '\n' ? 'n'
		     : c == '\t' ? 't'
		     : c == '\r' ? 'r'
		     : c == '\b' ? 'b'
		     : c == '\f' ? 'f'
				 : 0;

	if (named) {
		o[0] = '\\';
		o[1] = named;
		return 2;
	}
	if (c >= 0x20 && c != 0x7f)
		return 0;
	memcpy(o, "\\u00", 4);
	o[4] = hex[c >> 4];
	o[5] = hex[c & 15];
	return 6;
}

char *utf8_escape(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i = 0, n;
	char *out = malloc(len * 6 + 1), *o = out;
	int e;

	if (!out)
		return NULL;
	while (i < len) {
		n = utf8_seq_len(p + i, len - i);
		if (n == 0) {
			memcpy(o, "\xef\xbf\xbd", 3);
			o += 3;
			i++;
		} else if (n == 1 && (e = put_escape(o, p[i])) > 0) {
			o += e;
			i++;
		} else {
			memcpy(o, p + i, n);
			o += n;
			i += n;
		}
	}
	*o = '\0';
	return out;
}

void utf8_fit(char *s, size_t size, int needed)
{
	size_t n, back;

	if (needed < 0) {
		s[0] = '\0';
		return;
	}
	if ((size_t)needed < size || size < 4)
		return;
	n = size - 4; /* room for "…" and the NUL */
	/* back to the lead byte of the sequence s[n] is inside of */
	for (back = 0;
	     n > 0 && back < 3 && ((unsigned char)s[n] & 0xc0) == 0x80; back++)
		n--;
	memcpy(s + n, "\xe2\x80\xa6", 4);
}
