#include "report_paths.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "config.h"
#include "discover.h"
#include "error.h"

int run_inputs_add(struct run_inputs *in, const char *path)
{
	char **grown;

	if (strcmp(path, "-") == 0)
		return 0;
	if (in->n == in->cap) {
		size_t cap = in->cap ? in->cap * 2 : 16;

		if (!(grown = realloc(in->paths, cap * sizeof(*grown))))
			return FK_ENOMEM;
		in->paths = grown;
		in->cap = cap;
	}
	if (!(in->paths[in->n] = strdup(path)))
		return FK_ENOMEM;
	in->n++;
	return 0;
}

int run_inputs_add_config(struct run_inputs *in, const struct run_opts *o,
			  const char *root)
{
	struct buf b = BUF_INIT;
	size_t i;
	int r = 0;

	if (o->config_file)
		r = run_inputs_add(in, o->config_file);
	else if (root && buf_addf(&b, "%s.fkaudit.json", root) == 0)
		r = run_inputs_add(in, buf_str(&b));
	for (i = 0; r == 0 && root && i < o->config.nseed; i++) {
		buf_reset(&b);
		if (buf_addf(&b, "%s%s", root, o->config.seed[i]) == 0)
			r = run_inputs_add(in, buf_str(&b));
	}
	if (b.failed)
		r = FK_ENOMEM;
	buf_release(&b);
	return r;
}

void run_inputs_release(struct run_inputs *in)
{
	size_t i;

	for (i = 0; i < in->n; i++)
		free(in->paths[i]);
	free(in->paths);
	in->paths = NULL;
	in->n = in->cap = 0;
}

/* One report option, and the file it names. */
struct target {
	const char *option; /* "--sarif" */
	const char *path;   /* as given */
	bool exists, regular;
	dev_t dev;
	ino_t ino;
	char *resolved; /* absolute; owned; NULL when out of memory */
};

/*
 * The absolute path of a file, its folder resolved when the file itself
 * does not exist yet (the report is then created there).
 */
static char *resolve(const char *path, bool exists)
{
	const char *slash = strrchr(path, '/');
	char *dir, *real, *out;
	size_t n;

	if (exists)
		return realpath(path, NULL);
	if (!slash)
		dir = strdup(".");
	else if (slash == path)
		dir = strdup("/");
	else
		dir = strndup(path, (size_t)(slash - path));
	real = dir ? realpath(dir, NULL) : NULL;
	free(dir);
	if (!real)
		return strdup(path); /* the write will fail and say why */
	n = strlen(real) + strlen(path) + 2;
	if ((out = malloc(n)))
		snprintf(out, n, "%s/%s", strcmp(real, "/") ? real : "",
			 slash ? slash + 1 : path);
	free(real);
	return out;
}

static int target_init(struct target *t, const char *option, const char *path)
{
	struct stat st;

	t->option = option;
	t->path = path;
	t->exists = stat(path, &st) == 0;
	t->regular = t->exists && S_ISREG(st.st_mode);
	t->dev = t->exists ? st.st_dev : 0;
	t->ino = t->exists ? st.st_ino : 0;
	t->resolved = resolve(path, t->exists);
	return t->resolved ? 0 : FK_ENOMEM;
}

static bool same_file(const struct target *a, const struct target *b)
{
	if (a->exists != b->exists)
		return false;
	if (a->exists)
		return a->regular && b->regular && a->dev == b->dev &&
		       a->ino == b->ino;
	return strcmp(a->resolved, b->resolved) == 0;
}

/* A migration of the work tree, as the configuration sees it. */
static bool work_tree_migration(const struct run_inputs *in,
				const struct target *t)
{
	size_t n = in->workdir ? strlen(in->workdir) : 0;
	const char *rel;

	if (!n || !t->regular || strncmp(t->resolved, in->workdir, n) != 0)
		return false;
	rel = t->resolved + n;
	if (!discover_is_migration(rel))
		return false;
	return !in->config || !config_leaves_out(in->config, rel);
}

/* The input `t` would replace, or NULL. */
static const char *input_of(const struct run_inputs *in, const struct target *t)
{
	struct stat st;
	size_t i;

	if (!t->regular)
		return NULL;
	for (i = 0; i < in->n; i++)
		if (stat(in->paths[i], &st) == 0 && st.st_dev == t->dev &&
		    st.st_ino == t->ino)
			return in->paths[i];
	return NULL;
}

static int refuse_input(const char *cmd, const struct target *t,
			const char *input)
{
	fprintf(stderr, "fkaudit %s: %s '", cmd, t->option);
	put_shown(stderr, t->path);
	fputs("' is ", stderr);
	if (!input) {
		fputs("a migration of the repository", stderr);
	} else if (strcmp(input, t->path) != 0) {
		fputc('\'', stderr);
		put_shown(stderr, input);
		fputs("', a file this run reads", stderr);
	} else
		fputs("a file this run reads", stderr);
	fputs(": the report would replace it; nothing was audited or "
	      "written\n",
	      stderr);
	return EXIT_USAGE;
}

static void same_file_error(const char *cmd, const struct target *a,
			    const struct target *b)
{
	fprintf(stderr, "fkaudit %s: %s '", cmd, a->option);
	put_shown(stderr, a->path);
	fprintf(stderr, "' and %s '", b->option);
	put_shown(stderr, b->path);
	fputs("' name the same file: one report would replace the other; "
	      "nothing was audited or written\n",
	      stderr);
}

static int check_targets(const struct target *t, size_t n, const char *cmd,
			 const struct run_inputs *in)
{
	const char *input;
	size_t i, j;

	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (same_file(&t[i], &t[j])) {
				same_file_error(cmd, &t[i], &t[j]);
				return EXIT_USAGE;
			}
	for (i = 0; i < n; i++) {
		if ((input = input_of(in, &t[i])))
			return refuse_input(cmd, &t[i], input);
		if (work_tree_migration(in, &t[i]))
			return refuse_input(cmd, &t[i], NULL);
	}
	return 0;
}

int report_paths_check(const struct output_opts *o, const char *cmd,
		       const struct run_inputs *in)
{
	const char *const options[] = { "--output", "--sarif", "--junit",
					"--json" };
	const char *const paths[] = { o->output, o->sarif, o->junit, o->json };
	struct target t[4];
	size_t i, n = 0;
	int code = 0;

	for (i = 0; i < 4; i++) {
		if (!paths[i])
			continue;
		if (target_init(&t[n++], options[i], paths[i]) < 0)
			code = EXIT_RUNTIME;
	}
	if (code)
		fprintf(stderr, "fkaudit %s: out of memory\n", cmd);
	else
		code = check_targets(t, n, cmd, in);
	for (i = 0; i < n; i++)
		free(t[i].resolved);
	return code;
}

int report_paths_check_repo(const struct run_opts *o, const char *cmd,
			    const char *workdir)
{
	struct run_inputs in = RUN_INPUTS_INIT;
	int r = run_inputs_add_config(&in, o, workdir);

	in.workdir = workdir;
	in.config = &o->config;
	if (r < 0) {
		fprintf(stderr, "fkaudit %s: out of memory\n", cmd);
		r = EXIT_RUNTIME;
	} else {
		r = report_paths_check(&o->out, cmd, &in);
	}
	run_inputs_release(&in);
	return r;
}
