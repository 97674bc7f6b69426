#include "git_pack.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"

/* Pack index version 2: magic, version, fanout, names, …, checksums. */
#define IDX_HEADER 8
#define IDX_FANOUT (256 * 4)
#define OID_RAW 20
#define PACK_MIN (12 + OID_RAW)

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static bool hex_to_raw(const char *hex, unsigned char raw[OID_RAW])
{
	unsigned int byte;
	int i;

	for (i = 0; i < OID_RAW; i++) {
		if (sscanf(hex + 2 * i, "%2x", &byte) != 1)
			return false;
		raw[i] = (unsigned char)byte;
	}
	return true;
}

/* Whether the version 2 index `idx` (`len` bytes) lists `raw`. */
static bool idx_lists(const unsigned char *idx, size_t len,
		      const unsigned char raw[OID_RAW])
{
	static const unsigned char magic[] = {
		0xff, 't', 'O', 'c', 0, 0, 0, 2
	};
	const unsigned char *fan = idx + IDX_HEADER, *names;
	uint32_t lo, hi, n;

	if (len < IDX_HEADER + IDX_FANOUT + 2 * OID_RAW ||
	    memcmp(idx, magic, sizeof(magic)) != 0)
		return false;
	n = be32(fan + 255 * 4);
	if ((len - IDX_HEADER - IDX_FANOUT) / OID_RAW < n)
		return false;
	names = fan + IDX_FANOUT;
	lo = raw[0] ? be32(fan + (raw[0] - 1) * 4) : 0;
	hi = be32(fan + raw[0] * 4);
	if (hi > n)
		return false;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = memcmp(names + (size_t)mid * OID_RAW, raw, OID_RAW);

		if (c == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* Whether pack `path` ends with `sum`, the checksum its index records. */
static bool pack_matches(const char *path, const unsigned char *sum)
{
	unsigned char tail[OID_RAW];
	struct stat sb;
	bool ok = false;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return false;
	if (fstat(fd, &sb) == 0 && sb.st_size >= PACK_MIN &&
	    pread(fd, tail, OID_RAW, sb.st_size - OID_RAW) == OID_RAW)
		ok = memcmp(tail, sum, OID_RAW) == 0;
	close(fd);
	return ok;
}

/* Whether index `idx_path` lists `raw` and its pack is broken. */
static bool idx_blames_pack(const char *idx_path,
			    const unsigned char raw[OID_RAW])
{
	struct stat sb;
	unsigned char *idx;
	char pack[4096];
	size_t n = strlen(idx_path);
	bool broken = false;
	int fd = open(idx_path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return false;
	if (fstat(fd, &sb) != 0 || sb.st_size < IDX_HEADER + IDX_FANOUT ||
	    n >= sizeof(pack)) {
		close(fd);
		return false;
	}
	idx = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (idx == MAP_FAILED)
		return false;
	if (idx_lists(idx, (size_t)sb.st_size, raw)) {
		memcpy(pack, idx_path, n - 3);
		strcpy(pack + n - 3, "pack");
		broken = !pack_matches(pack, idx + sb.st_size - 2 * OID_RAW);
	}
	munmap(idx, (size_t)sb.st_size);
	return broken;
}

bool pack_find_broken(const char *objects_dir, const char *hex, struct buf *out)
{
	unsigned char raw[OID_RAW];
	struct buf path = BUF_INIT;
	struct dirent *e;
	bool found = false;
	DIR *d;

	if (!hex_to_raw(hex, raw))
		return false;
	buf_addf(&path, "%s/pack", objects_dir);
	if (path.failed || !(d = opendir(buf_str(&path)))) {
		buf_release(&path);
		return false;
	}
	while (!found && (e = readdir(d))) {
		size_t n = strlen(e->d_name);

		if (n < 4 || strcmp(e->d_name + n - 4, ".idx") != 0)
			continue;
		buf_reset(&path);
		buf_addf(&path, "%s/pack/%s", objects_dir, e->d_name);
		if (!path.failed && idx_blames_pack(buf_str(&path), raw)) {
			buf_addf(out, "%.*s.pack", (int)(n - 4), e->d_name);
			found = true;
		}
	}
	closedir(d);
	buf_release(&path);
	return found;
}
