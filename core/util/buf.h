#ifndef FKAUDIT_BUF_H
#define FKAUDIT_BUF_H

#include <stdbool.h>
#include <stddef.h>

/*
 * A growable byte string. `ptr` is NULL until the first append, and is
 * always NUL-terminated after a successful append. Appends return 0 or
 * -1 on allocation failure; after a failure the buffer keeps what it had
 * and `failed` is set, so a caller may append many times and check once.
 */
struct buf {
	char *ptr;
	size_t len;
	size_t cap;
	bool failed;
};

#define BUF_INIT  \
	{         \
		0 \
	}

int buf_add(struct buf *buf, const char *s, size_t len);
int buf_adds(struct buf *buf, const char *s);
int buf_addc(struct buf *buf, char c);
int buf_addf(struct buf *buf, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The contents as a string ("" when empty); borrowed from the buffer. */
const char *buf_str(const struct buf *buf);

void buf_reset(struct buf *buf);

/* Cuts the text back to its first `len` bytes (len <= buf->len). */
void buf_truncate(struct buf *buf, size_t len);
void buf_release(struct buf *buf);

#endif
