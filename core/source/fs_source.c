#include "fs_source.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "array.h"
#include "buf.h"
#include "error.h"
#include "framework.h"

#define WALK_MAX_DEPTH 64

/*
 * An entry is a path, or a path after one of these bytes: an entry that
 * is reported, not read.
 */
enum {
	MARK_FAILED = 1,    /* a folder that could not be opened */
	MARK_SYMLINK = 2,   /* a symbolic link: noted, not followed */
	MARK_SUBMODULE = 3, /* a folder holding .git: noted, not walked */
	MARK_TOO_DEEP = 4,  /* a folder below WALK_MAX_DEPTH: not walked */
};

static bool is_marked(const char *path)
{
	return (unsigned char)path[0] >= MARK_FAILED &&
	       (unsigned char)path[0] <= MARK_TOO_DEEP;
}

static int push(struct fs_source *src, size_t *cap, char *path)
{
	if (!path)
		return FK_ENOMEM;
	if (array_grow((void **)&src->paths, cap, src->n, sizeof(*src->paths)) <
	    0) {
		free(path);
		return FK_ENOMEM;
	}
	src->paths[src->n++] = path;
	return 0;
}

static int push_marked(struct fs_source *src, size_t *cap, char mark,
		       const char *path)
{
	char *m = malloc(strlen(path) + 2);

	if (m) {
		m[0] = mark;
		strcpy(m + 1, path);
	}
	return push(src, cap, m);
}

static char *join(const char *dir, const char *name)
{
	size_t n = strlen(dir);
	char *p;

	if (strcmp(dir, ".") == 0)
		return strdup(name);
	p = malloc(n + strlen(name) + 2);
	if (!p)
		return NULL;
	memcpy(p, dir, n);
	if (n && dir[n - 1] != '/')
		p[n++] = '/';
	strcpy(p + n, name);
	return p;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk(struct fs_source *src, size_t *cap, const char *dir, int depth,
		const struct fs_filter *filter);

static bool skipped(const struct fs_filter *filter, const char *path,
		    bool is_dir)
{
	return filter && filter->skip &&
	       filter->skip(filter->ctx, path, is_dir);
}

/*
 * A folder with a .git file or folder: another repository's work tree;
 * or one the filter knows for a submodule.
 */
static bool is_submodule(const char *dir, const struct fs_filter *filter)
{
	struct stat sb;
	char *git = join(dir, ".git");
	bool yes = git && lstat(git, &sb) == 0;

	free(git);
	return yes || (filter && filter->is_submodule &&
		       filter->is_submodule(filter->ctx, dir));
}

static bool is_migration_name(const struct fs_filter *filter, const char *name,
			      const char *path)
{
	return filter && filter->is_migration &&
	       filter->is_migration(name, path);
}

/*
 * A symbolic link is noted when it names a folder or a migration (a
 * broken or looping one too), never followed: what it points to is
 * walked where it lives, if at all.
 */
static int walk_link(struct fs_source *src, size_t *cap, const char *name,
		     const char *path, const struct fs_filter *filter)
{
	struct stat sb;
	bool is_dir = stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);

	if ((!is_dir && !is_migration_name(filter, name, path)) ||
	    skipped(filter, path, is_dir))
		return 0;
	return push_marked(src, cap, MARK_SYMLINK, path);
}

static int walk_entry(struct fs_source *src, size_t *cap, const char *dir,
		      const char *name, int depth,
		      const struct fs_filter *filter)
{
	struct stat sb;
	char *path;
	int err = 0;

	if (name[0] == '.')
		return 0;
	if (!(path = join(dir, name)))
		return FK_ENOMEM;
	if (lstat(path, &sb) != 0)
		sb.st_mode = 0; /* gone since readdir(): nothing to walk */
	if (S_ISLNK(sb.st_mode))
		err = walk_link(src, cap, name, path, filter);
	else if (S_ISDIR(sb.st_mode) && !skipped(filter, path, true))
		err = is_submodule(path, filter)
			      ? push_marked(src, cap, MARK_SUBMODULE, path)
			      : walk(src, cap, path, depth + 1, filter);
	else if (S_ISREG(sb.st_mode) && is_migration_name(filter, name, path) &&
		 !skipped(filter, path, false)) {
		err = push(src, cap, path);
		path = NULL; /* owned by src */
	}
	free(path);
	return err;
}

static int walk(struct fs_source *src, size_t *cap, const char *dir, int depth,
		const struct fs_filter *filter)
{
	DIR *d;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, ncap = 0, i;
	int err = 0;

	if (depth > WALK_MAX_DEPTH)
		return push_marked(src, cap, MARK_TOO_DEEP, dir);
	if (!(d = opendir(dir)))
		return push_marked(src, cap, MARK_FAILED, dir);
	while (!err && (de = readdir(d))) {
		if (array_grow((void **)&names, &ncap, n, sizeof(*names)) < 0) {
			err = FK_ENOMEM;
			break;
		}
		if (!(names[n] = strdup(de->d_name)))
			err = FK_ENOMEM;
		else
			n++;
	}
	closedir(d);
	if (!err)
		qsort(names, n, sizeof(*names), name_cmp);
	for (i = 0; i < n && !err; i++)
		err = walk_entry(src, cap, dir, names[i], depth, filter);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return err;
}

int fs_read_small(const char *path, size_t max_size, struct buf *out)
{
	struct stat sb;
	char chunk[4096];
	ssize_t got;
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc = 0;

	if (fd < 0)
		return 0;
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    (size_t)sb.st_size <= max_size) {
		rc = FK_FOUND;
		while ((got = read(fd, chunk, sizeof(chunk))) > 0)
			buf_add(out, chunk, (size_t)got);
		if (got < 0)
			rc = 0;
		if (out->failed)
			rc = FK_ENOMEM;
	}
	close(fd);
	return rc;
}

int fs_near_read(void *ctx, const char *rel, struct buf *out)
{
	const char *path = ctx, *slash = strrchr(path, '/');
	struct buf full = BUF_INIT;
	int rc;

	if (slash)
		buf_add(&full, path, (size_t)(slash - path) + 1);
	buf_adds(&full, rel);
	rc = full.failed ? FK_ENOMEM
			 : fs_read_small(buf_str(&full), NEAR_MAX, out);
	buf_release(&full);
	return rc;
}

static int item_near_read(const struct source_item *item, const char *rel,
			  struct buf *out)
{
	return fs_near_read(item->path, rel, out);
}

/* A walked path: its reader of near files (marked entries sort first). */
static const char *walked(void *ctx, const void *elem, struct near_reader *near)
{
	char *path = *(char *const *)elem;

	(void)ctx;
	near->read = fs_near_read;
	near->ctx = path;
	return is_marked(path) ? NULL : path;
}

int fs_source_open(struct fs_source *src, const char *const *args, size_t nargs,
		   size_t max_size, const char *stdin_name, FILE *stdin_file,
		   const struct fs_filter *filter)
{
	size_t cap = 0, i;
	int err = 0;

	memset(src, 0, sizeof(*src));
	src->max_size = max_size;
	src->stdin_name = stdin_name;
	src->stdin_file = stdin_file;
	for (i = 0; i < nargs && !err; i++) {
		struct stat sb;
		size_t from = src->n;

		if (strcmp(args[i], "-") != 0 && stat(args[i], &sb) == 0 &&
		    S_ISDIR(sb.st_mode)) {
			err = walk(src, &cap, args[i], 0, filter);
			if (!err && filter && filter->sort)
				err = filter->sort(
					src->paths + from, src->n - from,
					sizeof(*src->paths), walked, NULL);
		} else
			err = push(src, &cap, strdup(args[i]));
	}
	return err;
}

static char *problem_errno(const char *what, int e)
{
	size_t n = strlen(what) + strlen(strerror(e)) + 3;
	char *p = malloc(n);

	if (p)
		snprintf(p, n, "%s: %s", what, strerror(e));
	return p;
}

/*
 * Reads all of fd into item->data, up to max_size bytes. `hint`: the
 * file's size when known (0 else): the buffer is made that size and one
 * byte more (to see the end), not doubled up to the next power of two.
 */
static int read_all(int fd, struct source_item *item, size_t max_size,
		    size_t hint)
{
	size_t cap = hint >= 65536 && hint < max_size ? hint + 1 : 65536;
	size_t len = 0;
	char *buf = malloc(cap + 1);

	if (!buf)
		return FK_ENOMEM;
	for (;;) {
		ssize_t r;

		if (len == cap) {
			char *p;

			if (cap > max_size) {
				free(buf);
				item->status = FILE_TOO_LARGE;
				return 0;
			}
			cap *= 2;
			if (!(p = realloc(buf, cap + 1))) {
				free(buf);
				return FK_ENOMEM;
			}
			buf = p;
		}
		r = read(fd, buf + len, cap - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			item->status = FILE_UNREADABLE;
			item->problem = problem_errno("cannot read", errno);
			free(buf);
			return item->problem ? 0 : FK_ENOMEM;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	if (len > max_size) {
		free(buf);
		item->status = FILE_TOO_LARGE;
		return 0;
	}
	item->data = buf;
	item->len = len;
	return 0;
}

/* A path named on the command line that is a link to nothing: say so. */
static void broken_link_problem(const char *path, struct source_item *item)
{
	struct stat sb;
	char target[PATH_MAX];
	ssize_t n;
	struct buf b = BUF_INIT;

	if (lstat(path, &sb) != 0 || !S_ISLNK(sb.st_mode) ||
	    (n = readlink(path, target, sizeof(target) - 1)) < 0)
		return;
	target[n] = '\0';
	buf_addf(&b,
		 "broken symbolic link: it points to %s, which does not "
		 "exist",
		 target);
	if (b.failed) {
		buf_release(&b);
		return;
	}
	free(item->problem);
	item->problem = b.ptr;
}

static int read_file(struct fs_source *src, const char *path,
		     struct source_item *item)
{
	struct stat sb;
	size_t hint = 0;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		item->status =
			errno == ENOENT ? FILE_NOT_FOUND : FILE_UNREADABLE;
		item->problem =
			problem_errno(errno == ENOENT ? "no such file or folder"
						      : "cannot open",
				      errno);
		if (errno == ENOENT && item->problem)
			strcpy(item->problem, "no such file or folder");
		if (item->status == FILE_NOT_FOUND && item->problem)
			broken_link_problem(path, item);
		return item->problem ? 0 : FK_ENOMEM;
	}
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode)) {
		if ((size_t)sb.st_size > src->max_size) {
			close(fd);
			item->status = FILE_TOO_LARGE;
			return 0;
		}
		hint = (size_t)sb.st_size;
	}
	err = read_all(fd, item, src->max_size, hint);
	close(fd);
	return err;
}

static int too_large_problem(struct fs_source *src, struct source_item *item)
{
	char buf[160];

	snprintf(buf, sizeof(buf),
		 "file is larger than --max-file-size (%zu bytes); not "
		 "audited",
		 src->max_size);
	item->problem = strdup(buf);
	return item->problem ? 0 : FK_ENOMEM;
}

/* The item of an entry that is reported, not read (see MARK_*). */
static int marked_item(const char *path, struct source_item *item)
{
	char depth[128];

	item->path = strdup(path + 1);
	item->status = FILE_UNREADABLE;
	if (path[0] == MARK_SYMLINK || path[0] == MARK_SUBMODULE) {
		item->status = FILE_SKIPPED;
		item->problem = strdup(result_skip_reason(
			path[0] == MARK_SYMLINK ? SKIP_SYMLINK
						: SKIP_SUBMODULE));
	} else if (path[0] == MARK_TOO_DEEP) {
		snprintf(depth, sizeof(depth),
			 "folder nested deeper than the walk's limit of %d "
			 "levels; nothing under it is audited",
			 WALK_MAX_DEPTH);
		item->problem = strdup(depth);
	} else {
		DIR *d = opendir(path + 1); /* again, for its errno */

		item->problem = d ? strdup("cannot read folder: it could not "
					   "be opened during the walk")
				  : problem_errno("cannot read folder", errno);
		if (d)
			closedir(d);
	}
	return item->path && item->problem ? 1 : FK_ENOMEM;
}

int fs_source_next(struct fs_source *src, struct source_item *item)
{
	const char *path;
	int err;

	memset(item, 0, sizeof(*item));
	if (src->next == src->n)
		return 0;
	path = src->paths[src->next++];
	if (is_marked(path))
		return marked_item(path, item);
	if (strcmp(path, "-") == 0) {
		item->path = strdup(src->stdin_name);
		item->origin.kind = ORIGIN_STDIN;
		err = item->path ? read_all(fileno(src->stdin_file), item,
					    src->max_size, 0)
				 : FK_ENOMEM;
	} else {
		item->path = strdup(path);
		item->origin.kind = ORIGIN_FILE;
		item->near_read = item_near_read;
		err = item->path ? read_file(src, path, item) : FK_ENOMEM;
	}
	if (!err && item->status == FILE_TOO_LARGE)
		err = too_large_problem(src, item);
	if (item->data) /* the spare byte: the text ends there (source.h) */
		item->data[item->len] = '\0';
	return err < 0 ? err : FK_ITEM;
}

void fs_source_release(struct fs_source *src)
{
	size_t i;

	for (i = 0; i < src->n; i++)
		free(src->paths[i]);
	free(src->paths);
	memset(src, 0, sizeof(*src));
}
