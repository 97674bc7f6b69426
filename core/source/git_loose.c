/* Reading loose objects with zlib, ahead of libgit2's own reader. */
#include "git_loose.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <git2/sys/odb_backend.h>

/* Ahead of the packs (2) and the loose objects (1) libgit2 adds. */
#define GUARD_PRIORITY 1000
/* "commit 18446744073709551615" and its NUL fit */
#define HEADER_MAX 64

struct guard {
	git_odb_backend parent;
	char *dir; /* the objects folder, with a trailing '/' */
};

/* A loose object's file, read. */
struct loose {
	char hex[GIT_OID_HEXSZ + 1];
	const unsigned char *data; /* the file, zlib data */
	size_t len;
};

static int corrupt(const struct loose *o, const char *why)
{
	char msg[160];

	snprintf(msg, sizeof(msg), "loose object %.12s is corrupt: %s", o->hex,
		 why);
	git_error_set_str(GIT_ERROR_ODB, msg);
	return GIT_ERROR;
}

/*
 * Reads the loose file of `hex` under `dir` into o->data: 0;
 * GIT_PASSTHROUGH when there is no such file (or it cannot be read:
 * libgit2 then says why), or when it is not zlib data (the pack-like loose
 * format, which libgit2 reads); GIT_ERROR for an empty file or no memory.
 * (read(), not mmap(): most loose objects are a few hundred bytes.)
 */
static int loose_load(struct loose *o, const char *dir, const char *hex)
{
	char path[PATH_MAX];
	unsigned char *data;
	struct stat st;
	size_t got = 0;
	ssize_t n;
	int fd, rc = GIT_PASSTHROUGH;

	memset(o, 0, sizeof(*o));
	memcpy(o->hex, hex, GIT_OID_HEXSZ);
	n = snprintf(path, sizeof(path), "%s%.2s/%s", dir, hex, hex + 2);
	if (n < 0 || (size_t)n >= sizeof(path))
		return GIT_PASSTHROUGH;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return GIT_PASSTHROUGH;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (uintmax_t)st.st_size >= SIZE_MAX)
		goto out;
	if (st.st_size == 0) {
		rc = corrupt(o, "the file is empty");
		goto out;
	}
	if (!(data = malloc((size_t)st.st_size))) {
		git_error_set_oom();
		rc = GIT_ERROR;
		goto out;
	}
	while (got < (size_t)st.st_size &&
	       ((n = read(fd, data + got, (size_t)st.st_size - got)) > 0 ||
		(n < 0 && errno == EINTR)))
		got += n > 0 ? (size_t)n : 0;
	/* zlib's header: deflate, a window of at most 32K, a valid check */
	if (got < 2 || (data[0] & 0x8f) != 0x08 ||
	    ((unsigned)data[0] << 8 | data[1]) % 31 != 0) {
		free(data);
		goto out;
	}
	o->data = data;
	o->len = got;
	rc = 0;
out:
	close(fd);
	return rc;
}

static void loose_free(struct loose *o)
{
	free((void *)o->data);
	o->data = NULL;
}

enum inflated { INFLATED_END, INFLATED_FULL, INFLATED_SHORT, INFLATED_BAD };

/*
 * Inflates the rest of `o` (from zs->total_in) into out[*done, cap),
 * feeding zlib at most UINT_MAX bytes at a time. Stops at the end of the
 * stream, when `out` is full, when the input runs out, or at bad data;
 * never loops without progress.
 */
static enum inflated inflate_into(z_stream *zs, const struct loose *o,
				  unsigned char *out, size_t cap, size_t *done)
{
	for (;;) {
		size_t in_left = o->len - (size_t)zs->total_in;
		size_t out_left = cap - *done;
		uInt in_n = in_left > UINT_MAX ? UINT_MAX : (uInt)in_left;
		uInt out_n = out_left > UINT_MAX ? UINT_MAX : (uInt)out_left;
		uLong in0 = zs->total_in, out0 = zs->total_out;
		int rc;

		if (out_n == 0)
			return INFLATED_FULL;
		zs->next_in = (Bytef *)(o->data + zs->total_in);
		zs->avail_in = in_n;
		zs->next_out = out + *done;
		zs->avail_out = out_n;
		rc = inflate(zs, Z_NO_FLUSH);
		*done += (size_t)(zs->total_out - out0);
		if (rc == Z_STREAM_END)
			return INFLATED_END;
		if (rc != Z_OK && rc != Z_BUF_ERROR)
			return INFLATED_BAD;
		if (zs->total_in == in0 && zs->total_out == out0)
			return *done == cap ? INFLATED_FULL : INFLATED_SHORT;
	}
}

/*
 * Reads the header "TYPE SIZE\0" of `o` into `type` and `size`; `hdr`
 * then holds the `*hdr_len` bytes inflated so far, the header and
 * whatever content followed it. 0, or GIT_ERROR with the error set.
 */
static int header_read(z_stream *zs, const struct loose *o,
		       unsigned char hdr[HEADER_MAX], size_t *hdr_len,
		       git_object_t *type, size_t *size)
{
	char name[16];
	const unsigned char *nul, *p;
	size_t n = 0, word;
	enum inflated r;

	r = inflate_into(zs, o, hdr, HEADER_MAX, &n);
	*hdr_len = n;
	if (r == INFLATED_BAD)
		return corrupt(o, "it is not valid zlib data");
	if (!(nul = memchr(hdr, '\0', n)))
		return corrupt(o, r == INFLATED_FULL
					  ? "its header is too long"
					  : "it ends inside its header");
	p = memchr(hdr, ' ', (size_t)(nul - hdr));
	word = p ? (size_t)(p - hdr) : 0;
	if (!p || word == 0 || word >= sizeof(name))
		return corrupt(o, "its header names no object type");
	memcpy(name, hdr, word);
	name[word] = '\0';
	*type = git_object_string2type(name);
	if (*type != GIT_OBJECT_BLOB && *type != GIT_OBJECT_TREE &&
	    *type != GIT_OBJECT_COMMIT && *type != GIT_OBJECT_TAG)
		return corrupt(o, "its header names no object type");
	*size = 0;
	for (p++; p < nul; p++) {
		if (*p < '0' || *p > '9' || *size > (SIZE_MAX - 9) / 10)
			return corrupt(o, "its header's size is not a number");
		*size = *size * 10 + (size_t)(*p - '0');
	}
	if (p == hdr + word + 1)
		return corrupt(o, "its header's size is not a number");
	memmove(hdr, nul + 1, n - (size_t)(nul + 1 - hdr));
	*hdr_len = n - (size_t)(nul + 1 - hdr);
	return 0;
}

/*
 * Inflates all of `o` into `*data` (allocated for `backend`, `*len` bytes
 * and a NUL): 0, or GIT_ERROR with the error set.
 */
static int loose_inflate(git_odb_backend *backend, const struct loose *o,
			 void **data, size_t *len, git_object_t *type)
{
	unsigned char hdr[HEADER_MAX];
	unsigned char *out = NULL;
	z_stream zs;
	size_t size, done;
	enum inflated r;
	int rc;

	memset(&zs, 0, sizeof(zs));
	if (inflateInit(&zs) != Z_OK)
		return corrupt(o, "zlib cannot start");
	if ((rc = header_read(&zs, o, hdr, &done, type, &size)) < 0)
		goto out;
	rc = GIT_ERROR;
	if (size == SIZE_MAX ||
	    !(out = git_odb_backend_data_alloc(backend, size + 1))) {
		git_error_set_oom();
		goto out;
	}
	if (done > size) {
		rc = corrupt(o, "it holds more than its header says");
		goto out;
	}
	memcpy(out, hdr, done);
	/* room for one byte more than the header says: to notice it */
	r = inflate_into(&zs, o, out, size + 1, &done);
	if (r == INFLATED_END && done == size && zs.total_in == o->len) {
		out[size] = '\0';
		*data = out;
		*len = size;
		out = NULL;
		rc = 0;
	} else if (r == INFLATED_BAD) {
		rc = corrupt(o, "it is not valid zlib data");
	} else if (r == INFLATED_SHORT || (r == INFLATED_END && done < size)) {
		rc = corrupt(o, "it is shorter than its header says "
				"(truncated?)");
	} else if (r == INFLATED_END && done == size) {
		rc = corrupt(o, "it has bytes after its end");
	} else {
		rc = corrupt(o, "it holds more than its header says");
	}
out:
	if (out)
		git_odb_backend_data_free(backend, out);
	inflateEnd(&zs);
	return rc;
}

static int guard_read(void **data, size_t *len, git_object_t *type,
		      git_odb_backend *backend, const git_oid *oid)
{
	struct guard *g = (struct guard *)backend;
	char hex[GIT_OID_HEXSZ + 1];
	struct loose o;
	int rc;

	git_oid_tostr(hex, sizeof(hex), oid);
	if ((rc = loose_load(&o, g->dir, hex)) != 0)
		return rc;
	rc = loose_inflate(backend, &o, data, len, type);
	loose_free(&o);
	return rc;
}

static int guard_read_header(size_t *len, git_object_t *type,
			     git_odb_backend *backend, const git_oid *oid)
{
	struct guard *g = (struct guard *)backend;
	char hex[GIT_OID_HEXSZ + 1];
	unsigned char hdr[HEADER_MAX];
	struct loose o;
	z_stream zs;
	size_t n;
	int rc;

	git_oid_tostr(hex, sizeof(hex), oid);
	if ((rc = loose_load(&o, g->dir, hex)) != 0)
		return rc;
	memset(&zs, 0, sizeof(zs));
	if (inflateInit(&zs) != Z_OK)
		rc = corrupt(&o, "zlib cannot start");
	else
		rc = header_read(&zs, &o, hdr, &n, type, len);
	inflateEnd(&zs);
	loose_free(&o);
	return rc;
}

/*
 * The loose object whose id starts with the `n` hex digits of `prefix`:
 * its 40 hex digits in `hex`; GIT_ENOTFOUND, GIT_EAMBIGUOUS (error set).
 */
static int prefix_find(const struct guard *g, const char *prefix, size_t n,
		       char hex[GIT_OID_HEXSZ + 1])
{
	char path[PATH_MAX];
	struct dirent *e;
	int found = 0;
	DIR *d;

	snprintf(path, sizeof(path), "%s%.2s", g->dir, prefix);
	if (!(d = opendir(path)))
		return GIT_ENOTFOUND;
	while ((e = readdir(d)) && found < 2) {
		if (strlen(e->d_name) != GIT_OID_HEXSZ - 2 ||
		    strncmp(e->d_name, prefix + 2, n - 2) != 0)
			continue;
		memcpy(hex, prefix, 2);
		memcpy(hex + 2, e->d_name, GIT_OID_HEXSZ - 2);
		hex[GIT_OID_HEXSZ] = '\0';
		found++;
	}
	closedir(d);
	if (found == 2) {
		git_error_set_str(GIT_ERROR_ODB,
				  "more than one loose object has that prefix");
		return GIT_EAMBIGUOUS;
	}
	return found ? 0 : GIT_ENOTFOUND;
}

/*
 * libgit2 asks every backend for a prefix (to find ambiguities), so the
 * loose one would read a truncated object here too: read it first.
 */
static int guard_read_prefix(git_oid *out, void **data, size_t *len,
			     git_object_t *type, git_odb_backend *backend,
			     const git_oid *short_oid, size_t n)
{
	struct guard *g = (struct guard *)backend;
	char prefix[GIT_OID_HEXSZ + 1], hex[GIT_OID_HEXSZ + 1];
	int rc;

	git_oid_tostr(prefix, sizeof(prefix), short_oid);
	if (n < 2 || n > GIT_OID_HEXSZ)
		return GIT_PASSTHROUGH;
	if ((rc = prefix_find(g, prefix, n, hex)) < 0)
		return rc;
	if (git_oid_fromstr(out, hex) < 0)
		return GIT_PASSTHROUGH;
	return guard_read(data, len, type, backend, out);
}

/* libgit2 calls every backend's foreach; the loose one lists these. */
static int guard_foreach(git_odb_backend *backend, git_odb_foreach_cb cb,
			 void *payload)
{
	return 0;
}

static void guard_free(git_odb_backend *backend)
{
	struct guard *g = (struct guard *)backend;

	free(g->dir);
	free(g);
}

int loose_guard(git_repository *repo)
{
	git_buf dir = { 0 };
	struct guard *g = NULL;
	git_odb *odb = NULL;
	int rc;

	if ((rc = git_repository_item_path(&dir, repo,
					   GIT_REPOSITORY_ITEM_OBJECTS)) < 0 ||
	    (rc = git_repository_odb(&odb, repo)) < 0)
		goto out;
	rc = -1;
	if (!(g = calloc(1, sizeof(*g))) || !(g->dir = malloc(dir.size + 2))) {
		git_error_set_oom();
		goto out;
	}
	memcpy(g->dir, dir.ptr, dir.size);
	g->dir[dir.size] = '\0';
	if (dir.size == 0 || dir.ptr[dir.size - 1] != '/')
		strcat(g->dir, "/");
	if ((rc = git_odb_init_backend(&g->parent, GIT_ODB_BACKEND_VERSION)) <
	    0)
		goto out;
	g->parent.read = guard_read;
	g->parent.read_header = guard_read_header;
	g->parent.read_prefix = guard_read_prefix;
	g->parent.foreach = guard_foreach;
	g->parent.free = guard_free;
	if ((rc = git_odb_add_backend(odb, &g->parent, GUARD_PRIORITY)) == 0)
		g = NULL;
out:
	if (g)
		guard_free(&g->parent);
	git_odb_free(odb);
	git_buf_dispose(&dir);
	return rc;
}
