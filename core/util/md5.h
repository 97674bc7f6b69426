#ifndef FKAUDIT_MD5_H
#define FKAUDIT_MD5_H

#include <stddef.h>
#include <stdint.h>

/*
 * MD5 (RFC 1321), for the names Django gives indexes and constraints
 * (django.db.backends.utils.names_digest); not for anything secret.
 */
struct md5 {
	uint32_t h[4];
	uint64_t len; /* bytes added so far */
	unsigned char block[64];
};

void md5_init(struct md5 *m);
void md5_add(struct md5 *m, const void *data, size_t len);
/* The digest as 32 lowercase hex digits and a NUL, into `hex`. */
void md5_hex(struct md5 *m, char hex[33]);

#endif
