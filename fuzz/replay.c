/*
 * A main() for a fuzz harness built without libFuzzer: feeds each file
 * named on the command line (each file of a folder named, in name order)
 * to LLVMFuzzerTestOneInput(), so the normal and the sanitizer builds
 * replay fuzz/regressions/ and a property that fails aborts the run.
 * Prints one line per file; exits 0, or 2 when a file cannot be read.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "props.h"

static int replay_file(const char *path)
{
	struct buf data = BUF_INIT;
	char chunk[65536];
	size_t n;
	FILE *f = fopen(path, "rb");
	char *exact;
	int rc = 0;

	if (!f) {
		perror(path);
		return 2;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&data, chunk, n);
	if (ferror(f) || data.failed) {
		fprintf(stderr, "%s: cannot read it\n", path);
		rc = 2;
	} else {
		printf("replay %s (%zu bytes)\n", path, data.len);
		fflush(stdout);
		/* a copy of exactly its size, so ASan sees a read past it */
		if (!(exact = malloc(data.len ? data.len : 1)))
			abort();
		memcpy(exact, data.ptr ? data.ptr : "", data.len);
		LLVMFuzzerTestOneInput((const uint8_t *)exact, data.len);
		free(exact);
	}
	fclose(f);
	buf_release(&data);
	return rc;
}

static int compare(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int replay_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, i;
	int rc = 0;

	if (!d) {
		perror(dir);
		return 2;
	}
	while ((e = readdir(d))) {
		char **grown;

		if (e->d_name[0] == '.')
			continue;
		if (!(grown = realloc(names, (n + 1) * sizeof(*names))) ||
		    !(grown[n] = malloc(strlen(dir) + strlen(e->d_name) + 2)))
			abort();
		names = grown;
		sprintf(names[n++], "%s/%s", dir, e->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), compare);
	for (i = 0; i < n; i++) {
		struct stat st;

		if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode) &&
		    replay_file(names[i]))
			rc = 2;
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	int i, rc = 0;

	for (i = 1; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			rc |= replay_dir(argv[i]);
		else
			rc |= replay_file(argv[i]);
	}
	return rc;
}
