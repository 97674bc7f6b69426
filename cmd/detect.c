/*
 * fkaudit detect: which SQL files were taken as which framework's
 * migrations, and why; the transactions each will run in.
 */
#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_audit.h"
#include "cmd.h"
#include "error.h"
#include "framework.h"
#include "fs_source.h"
#include "options.h"
#include "replay.h"
#include "vcs.h"

static const char usage[] =
	"usage: fkaudit detect [--format text|json] [--config FILE] [PATH...]\n"
	"\n"
	"Lists the SQL files under PATH (default: the current folder) in the\n"
	"order their frameworks apply them, with the framework each was taken\n"
	"for and why, whether it runs forward, is a rollback, a schema dump\n"
	"(seeds the schema state) or is not run, and the transactions its\n"
	"framework runs it in, as the configuration (.fkaudit.json) sets\n"
	"them. `fkaudit check` audits them the same way.\n"
	"\n"
	"Options:\n"
	"  --format FORMAT  text (default) or json\n"
	"  --config FILE    the configuration (default: .fkaudit.json at the\n"
	"                   repository root)\n"
	"  -h, --help       show this help\n"
	"\n"
	"Exit status: 0, or 2 on a usage error or a PATH that does not "
	"exist.\n";

static const char *role_name(enum migration_role role)
{
	switch (role) {
	case ROLE_UP:
		return "up";
	case ROLE_DOWN:
		return "down";
	case ROLE_SEED:
		return "seed";
	case ROLE_SKIP:
		return "skip";
	case ROLE_OTHER_DB:
		return "other-database";
	}
	return "?";
}

static const char *mode_name(enum tx_mode mode)
{
	switch (mode) {
	case TX_MODE_AUTOCOMMIT:
		return "none";
	case TX_MODE_WRAPPED:
		return "transaction";
	case TX_MODE_IMPLICIT:
		return "implicit";
	}
	return "?";
}

static const char *mode_words(enum tx_mode mode)
{
	switch (mode) {
	case TX_MODE_AUTOCOMMIT:
		return "no transaction from the framework: each statement on "
		       "its own, or in the file's own BEGIN … COMMIT";
	case TX_MODE_WRAPPED:
		return "in a transaction";
	case TX_MODE_IMPLICIT:
		return "sent as one string: an implicit transaction";
	}
	return "?";
}

static unsigned line_of(const char *text, size_t len, uint32_t off)
{
	unsigned line = 1;
	size_t i;

	for (i = 0; i < off && i < len; i++)
		line += text[i] == '\n';
	return line;
}

static void print_text(const char *path, const struct migration_info *info,
		       const char *text, size_t len)
{
	size_t k;

	put_shown(stdout, path);
	if (info->role == ROLE_OTHER_DB)
		printf("\n  another database's: not audited");
	else
		printf("\n  %s, %s",
		       info->framework ? info->framework : "plain SQL",
		       info->role == ROLE_UP	 ? "runs forward"
		       : info->role == ROLE_DOWN ? "a rollback: not audited"
		       : info->role == ROLE_SEED ? "seeds the schema state"
						 : "not run: not audited");
	if (info->role == ROLE_UP && info->nunits == 1)
		printf("; %s%s", mode_words(info->units[0].mode),
		       info->deploy_tx ? " shared by the whole deploy" : "");
	printf("\n  why: %s\n", info->why);
	if (info->role == ROLE_UP && info->nunits > 1)
		for (k = 0; k < info->nunits; k++)
			printf("  from line %u: %s\n",
			       line_of(text, len, info->units[k].start),
			       mode_words(info->units[k].mode));
}

static cJSON *to_json(const char *path, const struct migration_info *info,
		      const char *text, size_t len)
{
	cJSON *o = cJSON_CreateObject(), *units = cJSON_CreateArray();
	size_t k;

	cJSON_AddStringToObject(o, "path", path);
	if (info->framework)
		cJSON_AddStringToObject(o, "framework", info->framework);
	else
		cJSON_AddNullToObject(o, "framework");
	cJSON_AddStringToObject(o, "role", role_name(info->role));
	cJSON_AddStringToObject(o, "why", info->why);
	cJSON_AddBoolToObject(o, "deployTransaction", info->deploy_tx);
	for (k = 0; info->role == ROLE_UP && k < info->nunits; k++) {
		cJSON *u = cJSON_CreateObject();

		cJSON_AddNumberToObject(
			u, "line", line_of(text, len, info->units[k].start));
		cJSON_AddStringToObject(u, "mode",
					mode_name(info->units[k].mode));
		cJSON_AddItemToArray(units, u);
	}
	cJSON_AddItemToObject(o, "transactions", units);
	return o;
}

static char *shown_path(const struct vcs_info *vcs, const char *path)
{
	struct buf b = BUF_INIT;

	if (!vcs->found || !vcs_repo_path(vcs, path, &b) || !b.ptr) {
		buf_release(&b);
		return strdup(path);
	}
	return b.ptr;
}

/*
 * A migration that is not SQL: its transactions come from the SQL it
 * runs. `reader` carries what its reader learns from one migration to
 * the next (Django's models), as `check` does.
 */
static int describe_extracted(const struct framework *fw, const char *path,
			      const struct source_item *item,
			      struct migration_info *info,
			      struct replay *reader)
{
	struct extracted x;
	struct near_reader near = source_item_near(item);
	struct extract_ctx ctx = { reader, near.read ? &near : NULL, NULL,
				   false };
	int r = fw->extract(&x, path, item->data, item->len, &ctx);

	if (r == 0) {
		framework_describe(&x, info);
		extracted_release(&x);
	}
	return r;
}

/*
 * A path that does not exist: said on standard error as `check` says it
 * (standard output stays a valid JSON list); the run exits 2.
 */
static void say_not_found(const char *path, const struct source_item *item,
			  bool *missing)
{
	put_shown(stderr, path);
	fprintf(stderr, ": error: %s\n", item->problem);
	*missing = true;
}

static int detect_all(struct fs_source *src, const struct vcs_info *vcs,
		      const struct audit_opts *base, bool json, cJSON *list,
		      bool *missing)
{
	struct audit_opts opts = *base;
	struct source_item item;
	struct replay reader;
	int r;

	replay_init(&reader);
	while ((r = fs_source_next(src, &item)) == FK_ITEM) {
		struct near_reader near = source_item_near(&item);
		struct migration_info info = { 0 };
		const struct framework *fw;
		char *path = shown_path(vcs, item.path);

		opts.near = near.read ? &near : NULL;
		r = path ? 0 : FK_ENOMEM;
		if (r == 0 && item.data)
			r = audit_classify(path, item.data, item.len, &opts,
					   &info);
		fw = r == 0 && item.data && info.role == ROLE_UP
			     ? framework_find(info.framework)
			     : NULL;
		if (fw && fw->extract)
			r = describe_extracted(fw, path, &item, &info, &reader);
		if (r == 0 && info.failed)
			r = FK_ENOMEM;
		if (r == FK_LEFT_OUT) {
			migration_info_reset(&info);
			info.role = ROLE_SKIP;
			snprintf(info.why, sizeof(info.why),
				 "left out by the configuration (exclude, or "
				 "outside its migrations folders)");
			r = 0;
		}
		if (r == 0 && item.status == FILE_NOT_FOUND) {
			say_not_found(path, &item, missing);
		} else if (r == 0 && !item.data && !json) {
			put_shown(stdout, path);
			printf("\n  not read: %s\n",
			       item.problem ? item.problem : "unreadable");
		} else if (r == 0 && json && item.data) {
			cJSON_AddItemToArray(
				list,
				to_json(path, &info, item.data, item.len));
		} else if (r == 0 && item.data) {
			print_text(path, &info, item.data, item.len);
		}
		free(path);
		migration_info_release(&info);
		source_item_release(&item);
		if (r < 0)
			break;
	}
	replay_release(&reader);
	return r;
}

int cmd_detect(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const here[] = { "." };
	struct fs_source src = { 0 };
	struct fs_filter walk;
	struct vcs_info vcs = { 0 };
	struct run_opts o = RUN_OPTS_INIT;
	cJSON *list = NULL;
	bool json = false, missing = false;
	int c, r;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (c == 'h') {
			fputs(usage, stdout);
			return EXIT_CLEAN;
		}
		if (c == 'c') {
			o.config_file = optarg;
			continue;
		}
		if (c == 'f' && (strcmp(optarg, "json") == 0 ||
				 strcmp(optarg, "text") == 0)) {
			json = strcmp(optarg, "json") == 0;
			continue;
		}
		if (c == 'f')
			fprintf(stderr,
				"fkaudit detect: unknown format '%s' "
				"(text or json)\n",
				optarg);
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	r = vcs_describe(&vcs, ".") < 0 ? FK_ENOMEM : 0;
	if (r == 0 && (c = run_config_load(&o, vcs.found ? vcs.root : ""))) {
		vcs_info_release(&vcs);
		run_opts_release(&o);
		return c;
	}
	o.audit.config_walked = false; /* detect shows what it leaves out */
	check_walk_filter(&walk);
	if (r == 0)
		r = optind < argc
			    ? fs_source_open(
				      &src, (const char *const *)argv + optind,
				      (size_t)(argc - optind), NEAR_MAX * 16,
				      "<stdin>", stdin, &walk)
			    : fs_source_open(&src, here, 1, NEAR_MAX * 16,
					     "<stdin>", stdin, &walk);
	if (r == 0 && json && !(list = cJSON_CreateArray()))
		r = FK_ENOMEM;
	if (r == 0)
		r = detect_all(&src, &vcs, &o.audit, json, list, &missing);
	if (r == 0 && json) {
		char *s = cJSON_Print(list);

		if (!s)
			r = FK_ENOMEM;
		else
			printf("%s\n", s);
		free(s);
	}
	if (r < 0)
		fprintf(stderr, "fkaudit detect: out of memory\n");
	cJSON_Delete(list);
	run_opts_release(&o);
	vcs_info_release(&vcs);
	fs_source_release(&src);
	if (r < 0)
		return EXIT_RUNTIME;
	return missing ? EXIT_USAGE : EXIT_CLEAN;
}
