#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int buf_grow(struct buf *buf, size_t extra)
{
	size_t need, cap;
	char *p;

	if (buf->failed)
		return -1;
	need = buf->len + extra + 1;
	if (need <= buf->cap)
		return 0;
	cap = buf->cap ? buf->cap : 64;
	while (cap < need)
		cap *= 2;
	p = realloc(buf->ptr, cap);
	if (!p) {
		buf->failed = true;
		return -1;
	}
	buf->ptr = p;
	buf->cap = cap;
	return 0;
}

int buf_add(struct buf *buf, const char *s, size_t len)
{
	if (buf_grow(buf, len) < 0)
		return -1;
	memcpy(buf->ptr + buf->len, s, len);
	buf->len += len;
	buf->ptr[buf->len] = '\0';
	return 0;
}

int buf_adds(struct buf *buf, const char *s)
{
	return buf_add(buf, s, strlen(s));
}

int buf_addc(struct buf *buf, char c)
{
	return buf_add(buf, &c, 1);
}

int buf_addf(struct buf *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || buf_grow(buf, (size_t)n) < 0)
		return -1;
	va_start(ap, fmt);
	vsnprintf(buf->ptr + buf->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	buf->len += (size_t)n;
	return 0;
}

const char *buf_str(const struct buf *buf)
{
	return buf->ptr ? buf->ptr : "";
}

void buf_truncate(struct buf *buf, size_t len)
{
	if (buf->ptr && len <= buf->len) {
		buf->len = len;
		buf->ptr[len] = '\0';
	}
}

void buf_reset(struct buf *buf)
{
	buf->len = 0;
	if (buf->ptr)
		buf->ptr[0] = '\0';
}

void buf_release(struct buf *buf)
{
	free(buf->ptr);
	buf->ptr = NULL;
	buf->len = buf->cap = 0;
	buf->failed = false;
}
