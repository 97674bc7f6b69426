#include "vcs.h"

#include <git2.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"

/* Appends path segment [s, s+n) to `out`, resolving "." and "..". */
static bool push_segment(struct buf *out, const char *s, size_t n)
{
	char *slash;

	if (n == 0 || (n == 1 && s[0] == '.'))
		return true;
	if (n == 2 && s[0] == '.' && s[1] == '.') {
		if (out->len == 0)
			return false;
		out->ptr[out->len - 1] = '\0'; /* drop the trailing '/' */
		slash = strrchr(out->ptr, '/');
		out->len = slash ? (size_t)(slash - out->ptr) + 1 : 0;
		out->ptr[out->len] = '\0';
		return true;
	}
	buf_add(out, s, n);
	buf_addc(out, '/');
	return true;
}

bool path_normalize(const char *prefix, const char *path, struct buf *out)
{
	struct buf tmp = BUF_INIT, joined = BUF_INIT;
	const char *p;
	bool ok = path[0] != '/';

	if (ok) {
		buf_adds(&joined, prefix);
		buf_adds(&joined, path);
		for (p = buf_str(&joined); ok && *p;) {
			size_t n = strcspn(p, "/");

			ok = push_segment(&tmp, p, n);
			p += n;
			if (*p == '/')
				p++;
		}
	}
	if (ok && tmp.len > 0)
		tmp.len--; /* the trailing '/' */
	ok = ok && tmp.len > 0;
	if (ok)
		buf_add(out, tmp.ptr, tmp.len);
	else
		buf_adds(out, path);
	buf_release(&joined);
	buf_release(&tmp);
	return ok;
}

bool vcs_repo_path(const struct vcs_info *vcs, const char *path,
		   struct buf *out)
{
	return path_normalize(vcs->prefix ? vcs->prefix : "", path, out);
}

static char *strip_git_suffix(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && s[n - 1] == '/')
		s[--n] = '\0';
	if (n > 4 && strcmp(s + n - 4, ".git") == 0)
		s[n - 4] = '\0';
	return s;
}

char *vcs_normalize_remote(const char *url)
{
	const char *at, *host, *colon, *slash;
	char *out;

	if (!strncmp(url, "https://", 8) || !strncmp(url, "http://", 7) ||
	    !strncmp(url, "ssh://", 6) || !strncmp(url, "git://", 6)) {
		host = strstr(url, "://") + 3;
		slash = strchr(host, '/');
		at = memchr(host, '@',
			    slash ? (size_t)(slash - host) : strlen(host));
		if (at)
			host = at + 1;
		colon = strchr(host, ':');
		slash = strchr(host, '/');
		if (!slash)
			return NULL;
		if (!colon || colon > slash) /* no port */
			colon = slash;
		out = malloc(strlen(host) + 10);
		if (!out)
			return NULL;
		sprintf(out, "https://%.*s%s", (int)(colon - host), host,
			slash);
		return strip_git_suffix(out);
	}
	/* scp-like: [user@]host:path */
	colon = strchr(url, ':');
	slash = strchr(url, '/');
	if (!colon || (slash && slash < colon) || colon == url)
		return NULL;
	at = memchr(url, '@', (size_t)(colon - url));
	host = at ? at + 1 : url;
	out = malloc(strlen(url) + 10);
	if (!out)
		return NULL;
	sprintf(out, "https://%.*s/%s", (int)(colon - host), host, colon + 1);
	return strip_git_suffix(out);
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* The part of absolute `dir` below `root` (both with trailing '/'). */
static char *relative_prefix(const char *root, const char *dir)
{
	size_t n = strlen(root);

	if (strncmp(dir, root, n) != 0)
		return strdup("");
	return strdup(dir + n);
}

static int describe_head(struct vcs_info *out, git_repository *repo)
{
	git_reference *head = NULL;
	const git_oid *oid;
	char hex[GIT_OID_HEXSZ + 1];

	if (git_repository_head(&head, repo) < 0)
		return 0; /* unborn branch or detached oddity: no revision */
	oid = git_reference_target(head);
	if (oid) {
		git_oid_tostr(hex, sizeof(hex), oid);
		out->revision = strdup(hex);
	}
	if (git_reference_is_branch(head))
		out->branch = dup_or_null(git_reference_shorthand(head));
	git_reference_free(head);
	return 0;
}

static int describe_remote(struct vcs_info *out, git_repository *repo)
{
	git_remote *remote = NULL;

	if (git_remote_lookup(&remote, repo, "origin") < 0)
		return 0;
	if (git_remote_url(remote))
		out->remote_url = vcs_normalize_remote(git_remote_url(remote));
	git_remote_free(remote);
	return 0;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The index's gitlinks; an index that cannot be read has none. */
static int describe_gitlinks(struct vcs_info *out, git_repository *repo)
{
	git_index *index = NULL;
	size_t i, n, cap = 0;
	int err = 0;

	if (git_repository_index(&index, repo) < 0)
		return 0;
	n = git_index_entrycount(index);
	for (i = 0; i < n && !err; i++) {
		const git_index_entry *e = git_index_get_byindex(index, i);
		char *path;

		if (!e || e->mode != GIT_FILEMODE_COMMIT)
			continue;
		if (!(path = strdup(e->path)) ||
		    array_grow((void **)&out->gitlinks, &cap, out->ngitlinks,
			       sizeof(*out->gitlinks)) < 0) {
			free(path);
			err = -1;
		} else {
			out->gitlinks[out->ngitlinks++] = path;
		}
	}
	git_index_free(index);
	if (!err && out->ngitlinks)
		qsort(out->gitlinks, out->ngitlinks, sizeof(*out->gitlinks),
		      str_cmp);
	return err;
}

bool vcs_is_gitlink(const struct vcs_info *vcs, const char *path)
{
	return vcs->ngitlinks && bsearch(&path, vcs->gitlinks, vcs->ngitlinks,
					 sizeof(*vcs->gitlinks), str_cmp);
}

int vcs_describe(struct vcs_info *out, const char *dir)
{
	git_repository *repo = NULL;
	char real[PATH_MAX + 2];
	size_t n;
	int err = 0;

	memset(out, 0, sizeof(*out));
	if (!realpath(dir, real))
		return 0;
	/* reference-counted; costs megabytes (TLS set-up), so only here */
	git_libgit2_init();
	n = strlen(real);
	if (n == 0 || real[n - 1] != '/')
		strcat(real, "/");
	if (git_repository_open_ext(&repo, real, 0,
				    getenv("GIT_CEILING_DIRECTORIES")) < 0 ||
	    git_repository_is_bare(repo) || !git_repository_workdir(repo))
		goto done;
	out->found = true;
	out->root = strdup(git_repository_workdir(repo));
	out->prefix = out->root ? relative_prefix(out->root, real) : NULL;
	if (!out->root || !out->prefix)
		err = -1;
	if (!err)
		err = describe_head(out, repo);
	if (!err)
		err = describe_remote(out, repo);
	if (!err)
		err = describe_gitlinks(out, repo);
done:
	git_repository_free(repo);
	git_libgit2_shutdown();
	return err;
}

void vcs_info_release(struct vcs_info *info)
{
	free(info->prefix);
	free(info->root);
	free(info->remote_url);
	free(info->revision);
	free(info->branch);
	while (info->ngitlinks)
		free(info->gitlinks[--info->ngitlinks]);
	free(info->gitlinks);
	memset(info, 0, sizeof(*info));
}
