#include "framework.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "array.h"
#include "error.h"
#include "framework_markers.h"
#include "framework_probe.h"
#include "framework_text.h"
#include "utf8.h"

/* Reads a file near the migration into p->scratch: true when it is there. */
static int near_read(struct probe *p, const char *rel)
{
	int rc;

	buf_reset(&p->scratch);
	if (!p->near || !p->near->read)
		return 0;
	rc = p->near->read(p->near->ctx, rel, &p->scratch);
	if (rc < 0)
		p->err = rc;
	return rc == FK_FOUND;
}

/* "<digits>_<rest>" ending in `suffix` (any case); `sep` the separator. */
static bool versioned(const char *name, char sep, const char *suffix)
{
	size_t d = text_digits(name), n = strlen(name), ns = strlen(suffix);

	return d > 0 && name[d] == sep && n > d + 1 + ns &&
	       strcasecmp(name + n - ns, suffix) == 0;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

void migration_info_release(struct migration_info *info)
{
	arena_release(&info->arena);
	memset(info, 0, sizeof(*info));
}

void migration_info_reset(struct migration_info *info)
{
	struct arena keep = info->arena;
	bool failed = info->failed;

	memset(info, 0, sizeof(*info));
	info->arena = keep;
	info->failed = failed;
}

bool migration_info_grow(struct migration_info *info, void **v, size_t *cap,
			 size_t n, size_t size)
{
	size_t ncap = *cap ? *cap * 2 : 8;
	void *p;

	if (n < *cap)
		return true;
	if (info->failed || ncap > SIZE_MAX / size ||
	    !(p = arena_alloc(&info->arena, ncap * size))) {
		info->failed = true;
		return false;
	}
	if (n)
		memcpy(p, *v, n * size);
	*v = p;
	*cap = ncap;
	return true;
}

void extracted_release(struct extracted *x)
{
	buf_release(&x->sql);
	buf_release(&x->reverse);
	srcmap_release(&x->map);
	srcmap_release(&x->reverse_map);
	free(x->units);
	free(x->ranges);
	*x = (struct extracted)EXTRACTED_INIT;
}

int extracted_add_unit(struct extracted *x, uint32_t start, enum tx_mode mode,
		       const char *runner, const char *opt_out)
{
	struct tx_unit *u;

	if (array_grow((void **)&x->units, &x->units_cap, x->nunits,
		       sizeof(*x->units)) < 0)
		return FK_ENOMEM;
	u = &x->units[x->nunits++];
	u->start = start;
	u->mode = mode;
	u->runner = runner;
	u->opt_out = opt_out;
	return 0;
}

void framework_describe(const struct extracted *x, struct migration_info *info)
{
	size_t i;

	info->nunits = 0;
	for (i = 0;
	     i < x->nunits &&
	     migration_info_grow(info, (void **)&info->units, &info->units_cap,
				 i, sizeof(*info->units));
	     i++) {
		info->units[i] = x->units[i];
		info->units[i].start = srcmap_start(&x->map, x->units[i].start);
		info->nunits = i + 1;
	}
	if (x->notes[0])
		migration_why_addf(info, "%s", x->notes);
}

void migration_why_addf(struct migration_info *info, const char *fmt, ...)
{
	size_t n = strlen(info->why);
	va_list ap;
	int k;

	va_start(ap, fmt);
	k = vsnprintf(info->why + n, sizeof(info->why) - n, fmt, ap);
	va_end(ap);
	utf8_fit(info->why, sizeof(info->why), k < 0 ? k : (int)n + k);
}

void framework_set(struct migration_info *out, const char *name,
		   enum migration_role role, const char *why)
{
	out->framework = name;
	out->role = role;
	snprintf(out->why, sizeof(out->why), "%s", why);
}

static void one_unit(struct migration_info *out, enum tx_mode mode,
		     const char *runner, const char *opt_out)
{
	info_add_unit(out, 0, mode, runner, opt_out);
}

bool framework_near_path(const char *path, const char *rel, struct buf *out)
{
	size_t dir = (size_t)(path_base(path) - path);

	buf_reset(out);
	buf_add(out, path, dir);
	while (strncmp(rel, "../", 3) == 0) {
		size_t n = out->len;

		if (n == 0)
			return false;
		n--; /* the trailing '/' */
		while (n > 0 && out->ptr[n - 1] != '/')
			n--;
		out->len = n;
		out->ptr[n] = '\0';
		rel += 3;
	}
	buf_adds(out, rel);
	return !out->failed;
}

/* up_rel: the file name with `from` (its ending) replaced by `to`. */
static void pair_with(struct migration_info *out, const char *base,
		      const char *from, const char *to)
{
	size_t n = strlen(base), k = strlen(from);

	if (n >= k && n - k + strlen(to) < sizeof(out->up_rel))
		snprintf(out->up_rel, sizeof(out->up_rel), "%.*s%s",
			 (int)(n - k), base, to);
}

/* ---- schema dumps ---------------------------------------------------- */

bool framework_is_dump(const char *path)
{
	const char *base = path_base(path);

	return strcasecmp(base, "structure.sql") == 0 ||
	       strcasecmp(base, "schema.sql") == 0 ||
	       path_has_dirs(path, "full_schemas/");
}

static bool detect_dump(struct probe *p, struct migration_info *out)
{
	if (!framework_is_dump(p->path))
		return false;
	if (!path_has_dirs(p->path, "full_schemas/")) {
		framework_set(out, "schema dump", ROLE_SEED, "");
		migration_why_addf(
			out,
			"%s is a schema dump (pg_dump output): it seeds the "
			"schema state and is not audited",
			p->base);
		return true;
	}
	framework_set(out, "synapse", ROLE_SEED,
		      "a synapse full_schemas baseline: it seeds the schema "
		      "state and "
		      "is not audited");
	return true;
}

/* ---- Liquibase ------------------------------------------------------- */

static bool detect_liquibase(struct probe *p, struct migration_info *out)
{
	if (!markers_is_liquibase(p->text, p->len) && !p->forced)
		return false;
	framework_set(
		out, "liquibase", ROLE_UP,
		"first line \"--liquibase formatted sql\": one transaction per "
		"--changeset unless runInTransaction:false");
	markers_liquibase(p->text, p->len, out);
	if (!out->nunits)
		one_unit(out, TX_MODE_WRAPPED,
			 "Liquibase puts around the changeset",
			 "put it in a changeset of its own with "
			 "runInTransaction:false");
	return true;
}

/* ---- goose ----------------------------------------------------------- */

static bool detect_goose(struct probe *p, struct migration_info *out)
{
	if (!versioned(p->base, '_', ".sql") && !p->forced)
		return false;
	if (!markers_goose(p->text, p->len, out) && !p->forced) {
		migration_info_reset(out);
		return false;
	}
	framework_set(out, "goose", ROLE_UP,
		      out->units[0].mode == TX_MODE_WRAPPED
			      ? "<version>_<name>.sql with a -- +goose Up "
				"marker: one "
				"transaction per file"
			      : "<version>_<name>.sql with -- +goose Up and NO "
				"TRANSACTION: each statement on its own");
	return true;
}

/* ---- dbmate ---------------------------------------------------------- */

static bool detect_dbmate(struct probe *p, struct migration_info *out)
{
	if (!text_digits(p->base) && !p->forced)
		return false;
	if (!markers_dbmate(p->text, p->len, out) && !p->forced) {
		migration_info_reset(out);
		return false;
	}
	framework_set(out, "dbmate", ROLE_UP,
		      "<version>*.sql with a -- migrate:up marker: one "
		      "transaction per "
		      "up section unless transaction:false");
	if (!out->nunits)
		one_unit(out, TX_MODE_WRAPPED,
			 "dbmate puts around the up section",
			 "put it alone in a migration whose up section starts "
			 "with -- migrate:up transaction:false");
	return true;
}

/* ---- node-pg-migrate ------------------------------------------------- */

static bool detect_node_pg(struct probe *p, struct migration_info *out)
{
	if (!text_digits(p->base) && !p->forced)
		return false;
	if (!markers_node_pg(p->text, p->len, out) && !p->forced) {
		migration_info_reset(out);
		return false;
	}
	framework_set(out, "node-pg-migrate", ROLE_UP,
		      "<prefix>_<name>.sql with -- Up Migration: all pending "
		      "migrations in one transaction (singleTransaction)");
	out->deploy_tx = true;
	one_unit(out, TX_MODE_WRAPPED,
		 "node-pg-migrate puts around all pending migrations "
		 "(singleTransaction, its default)",
		 "run node-pg-migrate with --no-single-transaction and put it "
		 "alone in a migration of its own (a SQL migration cannot opt "
		 "out of its transaction)");
	return true;
}

/* ---- Graphile Migrate ------------------------------------------------ */

static bool detect_graphile(struct probe *p, struct migration_info *out)
{
	size_t d = text_digits(p->base);
	bool committed = strcmp(p->dir, "committed") == 0 &&
			 strcmp(p->dir2, "migrations") == 0 && d &&
			 (p->base[d] == '-' || p->base[d] == '.') &&
			 ends_with(p->base, ".sql");
	bool current = (strcmp(p->base, "current.sql") == 0 &&
			strcmp(p->dir, "migrations") == 0) ||
		       (strcmp(p->dir, "current") == 0 &&
			strcmp(p->dir2, "migrations") == 0);

	if (!committed && !current && !p->forced)
		return false;
	framework_set(
		out, "graphile-migrate", ROLE_UP,
		"migrations/committed/<NNNNNN>.sql or migrations/current: one "
		"transaction per migration unless --! no-transaction");
	if (markers_graphile_no_tx(p->text, p->len))
		one_unit(
			out, TX_MODE_IMPLICIT,
			"Graphile Migrate sends the migration as one string",
			"a --! no-transaction migration must hold exactly this "
			"one statement");
	else
		one_unit(out, TX_MODE_WRAPPED,
			 "Graphile Migrate puts around the migration",
			 "put it alone in a migration whose first line is --! "
			 "no-transaction");
	return true;
}

/* ---- sqitch ---------------------------------------------------------- */

/*
 * Where the last "deploy/", "revert/" or "verify/" folder of the path
 * starts (and which it is, in *kind); NULL when the path has none.
 */
static const char *sqitch_dir(const char *path, const char **kind)
{
	static const char *const kinds[] = { "deploy/", "revert/", "verify/" };
	const char *hit = NULL, *p;
	size_t k;

	for (k = 0; k < 3; k++)
		if ((p = path_last_dir(path, kinds[k])) && (!hit || p > hit)) {
			hit = p;
			*kind = kinds[k];
		}
	return hit;
}

static bool detect_sqitch(struct probe *p, struct migration_info *out)
{
	char rel[300];
	const char *kind = NULL, *dir = sqitch_dir(p->path, &kind);

	if (!dir)
		return false;
	path_up_rel(dir, "sqitch.plan", rel, sizeof(rel));
	if (!near_read(p, rel) && !p->forced)
		return false;
	if (kind[0] == 'r') { /* revert/x.sql reverses deploy/x.sql */
		char deploy[300];

		snprintf(deploy, sizeof(deploy), "deploy/%s", dir + 7);
		path_up_rel(dir, deploy, out->up_rel, sizeof(out->up_rel));
	}
	if (kind[0] == 'd' && strchr(p->base, '@')) {
		framework_set(out, "sqitch", ROLE_SKIP,
			      "a reworked sqitch change's earlier deploy "
			      "script: not run "
			      "again");
		return true;
	}
	framework_set(
		out, "sqitch",
		kind[0] == 'd'	 ? ROLE_UP
		: kind[0] == 'r' ? ROLE_DOWN
				 : ROLE_SKIP,
		kind[0] == 'd'	 ? "deploy/ script of a sqitch.plan: psql runs "
				   "it, in the transactions the script opens"
		: kind[0] == 'r' ? "revert/ script of a sqitch.plan"
				 : "verify/ script of a sqitch.plan: not a "
				   "migration");
	one_unit(out, TX_MODE_AUTOCOMMIT, NULL, NULL);
	return true;
}

/* ---- diesel and Hasura (a folder per migration) ---------------------- */

static bool diesel_version(const char *dir)
{
	/* 2024-01-31-101500_name, or 00000000000000_name */
	return (strlen(dir) > 18 && text_digits(dir) == 4 && dir[4] == '-' &&
		dir[7] == '-' && dir[10] == '-' && text_digits(dir + 11) == 6 &&
		dir[17] == '_') ||
	       (text_digits(dir) == 14 && dir[14] == '_');
}

static bool detect_hasura(struct probe *p, struct migration_info *out)
{
	char dir3[256];
	bool up = strcmp(p->base, "up.sql") == 0,
	     down = strcmp(p->base, "down.sql") == 0;
	bool flat = versioned(p->base, '_', ".up.sql") ||
		    versioned(p->base, '_', ".down.sql");

	path_dir_name(p->path, 2, dir3, sizeof(dir3));
	if (!p->forced) {
		bool shaped = (up || down) && versioned(p->dir, '_', "") &&
			      !diesel_version(p->dir) &&
			      (strcmp(dir3, "migrations") == 0 ||
			       path_has_dirs(p->path, "hasura/"));

		if (!shaped && !(flat && path_has_dirs(p->path, "hasura/")))
			return false;
		if (!flat && near_read(p, "metadata.toml"))
			return false; /* diesel's */
	}
	if (down)
		pair_with(out, p->base, "down.sql", "up.sql");
	else if (ends_with(p->base, ".down.sql"))
		pair_with(out, p->base, ".down.sql", ".up.sql");
	framework_set(
		out, "hasura",
		down || ends_with(p->base, ".down.sql") ? ROLE_DOWN : ROLE_UP,
		"migrations/<database>/<version>_<name>/up.sql: the Hasura "
		"CLI sends all pending migrations in one transaction");
	out->deploy_tx = true;
	one_unit(
		out, TX_MODE_WRAPPED,
		"the Hasura CLI puts around all pending migrations (one bulk "
		"request)",
		"run it outside the Hasura CLI's migrate apply (the CLI cannot "
		"opt out of its transaction)");
	return true;
}

static bool detect_diesel(struct probe *p, struct migration_info *out)
{
	bool up = strcmp(p->base, "up.sql") == 0,
	     down = strcmp(p->base, "down.sql") == 0;
	int no_tx = -1;

	if (!up && !down)
		return false;
	if (!diesel_version(p->dir) && !versioned(p->dir, '_', "") &&
	    !p->forced)
		return false;
	if (near_read(p, "metadata.toml")) {
		no_tx = markers_config_false(p->scratch.ptr, p->scratch.len,
					     "run_in_transaction");
		/* serde(default): a file without the key reads as false */
		if (no_tx < 0)
			no_tx = 1;
	}
	if (down)
		pair_with(out, p->base, "down.sql", "up.sql");
	framework_set(
		out, "diesel", down ? ROLE_DOWN : ROLE_UP,
		no_tx == 1
			? "migrations/<version>_<name>/up.sql, metadata.toml "
			  "without run_in_transaction = true: no transaction "
			  "of "
			  "diesel's, the file is sent as one string"
			: "migrations/<version>_<name>/up.sql: one transaction "
			  "per migration");
	if (no_tx == 1)
		one_unit(out, TX_MODE_IMPLICIT,
			 "diesel sends up.sql as one string (batch_execute)",
			 "put it alone in a migration of its own (with "
			 "run_in_transaction = false, the other statements of "
			 "the file still make a transaction)");
	else
		one_unit(out, TX_MODE_WRAPPED,
			 "diesel puts around the migration",
			 "put it alone in a migration of its own with "
			 "run_in_transaction = false in its metadata.toml");
	return true;
}

/* ---- Prisma and Drizzle ---------------------------------------------- */

static const char drizzle_runner[] =
	"Drizzle's migrate() puts around all pending migrations";
static const char drizzle_opt_out[] =
	"run it outside Drizzle's migrate(), e.g. by hand after the deploy "
	"(Drizzle has no per-migration opt-out)";

static bool detect_prisma_drizzle(struct probe *p, struct migration_info *out)
{
	bool prisma;

	if (strcmp(p->base, "migration.sql") != 0 ||
	    (text_digits(p->dir) != 14 && !p->forced))
		return false;
	/* a forced "prisma" is Prisma; Drizzle v1 has a snapshot.json */
	prisma = p->forced || path_has_dirs(p->path, "prisma/") ||
		 near_read(p, "../migration_lock.toml") ||
		 !near_read(p, "snapshot.json");
	if (prisma) {
		framework_set(out, "prisma", ROLE_UP,
			      "migrations/<timestamp>_<name>/migration.sql: "
			      "Prisma sends "
			      "the file as one string (up to Prisma 7.3)");
		one_unit(
			out, TX_MODE_IMPLICIT,
			"Prisma Migrate sends migration.sql as one string (up "
			"to Prisma 7.3; 7.4 and later send each statement on "
			"its own)",
			"put it alone in a migration of its own, or upgrade to "
			"Prisma 7.4 or later");
		return true;
	}
	framework_set(out, "drizzle", ROLE_UP,
		      "<timestamp>_<name>/migration.sql with snapshot.json: "
		      "all pending "
		      "migrations in one transaction");
	out->deploy_tx = true;
	one_unit(out, TX_MODE_WRAPPED, drizzle_runner, drizzle_opt_out);
	return true;
}

static bool detect_drizzle(struct probe *p, struct migration_info *out)
{
	if (!text_digits(p->base) && !p->forced)
		return false;
	if (!markers_drizzle(p->text, p->len) &&
	    !near_read(p, "meta/_journal.json") && !p->forced)
		return false;
	framework_set(out, "drizzle", ROLE_UP,
		      "<NNNN>_<name>.sql with meta/_journal.json or statement "
		      "breakpoints: all pending migrations in one transaction");
	out->deploy_tx = true;
	one_unit(out, TX_MODE_WRAPPED, drizzle_runner, drizzle_opt_out);
	return true;
}

/* ---- Atlas ----------------------------------------------------------- */

static bool detect_atlas(struct probe *p, struct migration_info *out)
{
	bool none, directives = markers_atlas(p->text, p->len, &none);

	if (!ends_with(p->base, ".sql") ||
	    (!p->forced && !directives && !near_read(p, "atlas.sum")))
		return false;
	framework_set(
		out, "atlas", ROLE_UP,
		none ? "a migration folder with atlas.sum; -- atlas:txmode "
		       "none: "
		       "each statement on its own"
		     : "a migration folder with atlas.sum: one transaction per "
		       "file (--tx-mode file)");
	if (none)
		one_unit(out, TX_MODE_AUTOCOMMIT, NULL, NULL);
	else
		one_unit(out, TX_MODE_WRAPPED,
			 "atlas migrate apply puts around the file",
			 "put it in a migration of its own whose header says "
			 "-- atlas:txmode none");
	return true;
}

/* ---- Supabase -------------------------------------------------------- */

static bool detect_supabase(struct probe *p, struct migration_info *out)
{
	if (!p->forced && (!path_has_dirs(p->path, "supabase/migrations/") ||
			   !versioned(p->base, '_', ".sql")))
		return false;
	framework_set(out, "supabase", ROLE_UP,
		      "supabase/migrations/<version>_<name>.sql: the CLI sends "
		      "a file's "
		      "statements as one pipeline (an implicit transaction)");
	out->concurrent_alone = true;
	one_unit(out, TX_MODE_IMPLICIT,
		 "the Supabase CLI sends the file's statements as one pipeline",
		 "put it in a migration of its own");
	return true;
}

/* ---- sqlx ------------------------------------------------------------ */

static bool detect_sqlx(struct probe *p, struct migration_info *out)
{
	bool no_tx =
		p->len >= 17 && memcmp(p->text, "-- no-transaction", 17) == 0;
	bool down = versioned(p->base, '_', ".down.sql");

	if (!versioned(p->base, '_', ".sql"))
		return false;
	if (!p->forced && !no_tx &&
	    !(near_read(p, "../Cargo.toml") &&
	      text_contains(p->scratch.ptr, p->scratch.ptr + p->scratch.len,
			    "sqlx")))
		return false;
	if (down)
		pair_with(out, p->base, ".down.sql", ".up.sql");
	framework_set(
		out, "sqlx", down ? ROLE_DOWN : ROLE_UP,
		no_tx ? "<version>_<name>.sql starting with -- no-transaction: "
			"the file is sent as one string"
		      : "<version>_<name>.sql of a crate using sqlx: one "
			"transaction per file");
	if (no_tx)
		one_unit(out, TX_MODE_IMPLICIT,
			 "sqlx sends the file as one string",
			 "put it alone in a migration of its own that starts "
			 "with -- no-transaction");
	else
		one_unit(out, TX_MODE_WRAPPED, "sqlx puts around the file",
			 "put it alone in a migration of its own whose first "
			 "bytes are -- no-transaction (sqlx 0.8 or later)");
	return true;
}

/* ---- golang-migrate -------------------------------------------------- */

static bool detect_golang_migrate(struct probe *p, struct migration_info *out)
{
	bool down = versioned(p->base, '_', ".down.sql");

	if (!down && !versioned(p->base, '_', ".up.sql") && !p->forced)
		return false;
	if (down)
		pair_with(out, p->base, ".down.sql", ".up.sql");
	framework_set(
		out, "golang-migrate", down ? ROLE_DOWN : ROLE_UP,
		"<version>_<name>.up.sql / .down.sql: the file is sent as one "
		"string (an implicit transaction)");
	one_unit(out, TX_MODE_IMPLICIT,
		 "golang-migrate sends the whole file as one string",
		 "put it alone in a migration file of its own (golang-migrate "
		 "has no transaction to opt out of), or run with "
		 "x-multi-statement=true");
	return true;
}

/* ---- Flyway ---------------------------------------------------------- */

/*
 * Flyway's own detection: a script of only CONCURRENTLY statements runs
 * without a transaction; one that mixes them with others is refused
 * (unless mixed=true, and then nothing of it runs in a transaction).
 */
static const char flyway_mixed[] =
	"Flyway puts around the migration (Flyway refuses a script that mixes "
	"it with other statements: \"Detected both transactional and "
	"non-transactional statements within the same migration\"; with "
	"mixed=true the whole script runs without a transaction)";
static const char flyway_mixed_opt_out[] =
	"put it alone in a migration of its own (Flyway then runs it without "
	"a transaction), or set executeInTransaction=false in its .sql.conf";

/* V1__x.sql, V1_2__x.sql, V1.2__x.sql after the prefix letter. */
static bool flyway_version(const char *s)
{
	size_t d = text_digits(s);

	if (!d)
		return false;
	while (s[d] == '.' || (s[d] == '_' && s[d + 1] != '_'))
		d += 1 + text_digits(s + d + 1);
	return s[d] == '_' && s[d + 1] == '_';
}

static bool detect_flyway(struct probe *p, struct migration_info *out)
{
	const char *b = p->base;
	char conf[300];
	int no_tx = -1;

	if (!ends_with(b, ".sql"))
		return false;
	if (b[0] == 'U' && flyway_version(b + 1)) {
		snprintf(out->up_rel, sizeof(out->up_rel), "V%s", b + 1);
		framework_set(out, "flyway", ROLE_DOWN,
			      "U<version>__<name>.sql: a "
			      "Flyway undo migration");
		return true;
	}
	if (b[0] == 'B' && flyway_version(b + 1)) {
		framework_set(out, "flyway", ROLE_SEED,
			      "B<version>__<name>.sql: a Flyway baseline "
			      "migration; it "
			      "seeds the schema state and is not audited");
		return true;
	}
	if (!((b[0] == 'V' && flyway_version(b + 1)) ||
	      strncmp(b, "R__", 3) == 0) &&
	    !p->forced)
		return false;
	snprintf(conf, sizeof(conf), "%s.conf", b);
	if (near_read(p, conf))
		no_tx = markers_config_false(p->scratch.ptr, p->scratch.len,
					     "executeInTransaction");
	framework_set(out, "flyway", ROLE_UP,
		      no_tx == 1 ? "V<version>__<name>.sql with "
				   "executeInTransaction=false "
				   "in its .sql.conf: each statement on its own"
				 : "V<version>__<name>.sql: one transaction "
				   "per migration");
	if (no_tx == 1) {
		one_unit(out, TX_MODE_AUTOCOMMIT, NULL, NULL);
	} else {
		if (no_tx < 0) {
			out->mixed_runner = flyway_mixed;
			out->mixed_opt_out = flyway_mixed_opt_out;
		}
		one_unit(out, TX_MODE_WRAPPED,
			 "Flyway puts around the migration",
			 "put it in a migration of its own with "
			 "executeInTransaction=false in its .sql.conf");
	}
	return true;
}

/* ---- Synapse --------------------------------------------------------- */

static bool detect_synapse(struct probe *p, struct migration_info *out)
{
	if (!p->forced && (!path_has_dirs(p->path, "schema/") ||
			   !path_has_dirs(p->path, "delta/") ||
			   !(ends_with(p->base, ".sql") ||
			     ends_with(p->base, ".sql.postgres"))))
		return false;
	if (!p->forced && !strstr(p->path, "storage/schema/"))
		return false;
	framework_set(out, "synapse", ROLE_UP,
		      "a synapse schema delta: run after COMMIT; BEGIN "
		      "TRANSACTION, in "
		      "a transaction of its own");
	one_unit(out, TX_MODE_WRAPPED,
		 "synapse opens (COMMIT; BEGIN TRANSACTION) before the delta",
		 "register a background update instead "
		 "(register_background_index_update, "
		 "register_background_validate_constraint)");
	return true;
}

/* ---- the registry ---------------------------------------------------- */

/*
 * The registry, in the order messages list the frameworks; `try_order`
 * is the order detection tries them in: content markers before folder
 * shapes, specific shapes before general ones.
 */
#define SQL_FRAMEWORK(var, fname, fn, order)                 \
	static const struct framework var = { .name = fname, \
					      .detect = fn,  \
					      .try_order = order }

SQL_FRAMEWORK(fw_golang_migrate, "golang-migrate", detect_golang_migrate, 14);
SQL_FRAMEWORK(fw_goose, "goose", detect_goose, 2);
SQL_FRAMEWORK(fw_flyway, "flyway", detect_flyway, 15);
SQL_FRAMEWORK(fw_liquibase, "liquibase", detect_liquibase, 1);
SQL_FRAMEWORK(fw_dbmate, "dbmate", detect_dbmate, 3);
SQL_FRAMEWORK(fw_sqitch, "sqitch", detect_sqitch, 6);
SQL_FRAMEWORK(fw_diesel, "diesel", detect_diesel, 8);
SQL_FRAMEWORK(fw_sqlx, "sqlx", detect_sqlx, 13);
SQL_FRAMEWORK(fw_prisma, "prisma", detect_prisma_drizzle, 9);
SQL_FRAMEWORK(fw_drizzle, "drizzle", detect_drizzle, 10);
SQL_FRAMEWORK(fw_atlas, "atlas", detect_atlas, 11);
SQL_FRAMEWORK(fw_supabase, "supabase", detect_supabase, 12);
SQL_FRAMEWORK(fw_node_pg, "node-pg-migrate", detect_node_pg, 4);
SQL_FRAMEWORK(fw_graphile, "graphile-migrate", detect_graphile, 5);
SQL_FRAMEWORK(fw_hasura, "hasura", detect_hasura, 7);
SQL_FRAMEWORK(fw_synapse, "synapse", detect_synapse, 16);
static const struct framework fw_plain = { .name = "plain" };
/* the frameworks whose migrations are not SQL, each in a file of its own */
extern const struct framework framework_django; /* core/django_fw.c */
#ifdef FKAUDIT_TOY_FRAMEWORK
extern const struct framework framework_toy; /* tests/toy_fw.c */
#endif

const struct framework *const framework_registry[] = {
	&fw_golang_migrate, &fw_goose,	  &fw_flyway, &fw_liquibase,
	&fw_dbmate,	    &fw_sqitch,	  &fw_diesel, &fw_sqlx,
	&fw_prisma,	    &fw_drizzle,  &fw_atlas,  &fw_supabase,
	&fw_node_pg,	    &fw_graphile, &fw_hasura, &fw_synapse,
	&framework_django,
#ifdef FKAUDIT_TOY_FRAMEWORK
	&framework_toy, /* the template of tests/test_toy.c */
#endif
	&fw_plain,
};
const size_t framework_registry_count =
	sizeof(framework_registry) / sizeof(framework_registry[0]);
#define FRAMEWORKS_MAX 32 /* sql_frameworks()'s room */
_Static_assert(sizeof(framework_registry) / sizeof(framework_registry[0]) <=
		       FRAMEWORKS_MAX,
	       "FRAMEWORKS_MAX is too small for the registry");

const struct framework *framework_find(const char *name)
{
	size_t i;

	for (i = 0; name && i < framework_registry_count; i++)
		if (strcmp(framework_registry[i]->name, name) == 0)
			return framework_registry[i];
	return NULL;
}

const struct framework *framework_owner(const char *path)
{
	size_t i;

	for (i = 0; i < framework_registry_count; i++)
		if (framework_registry[i]->owns_path &&
		    framework_registry[i]->owns_path(path))
			return framework_registry[i];
	return NULL;
}

/* The .sql frameworks, in the order detection tries them. */
static size_t sql_frameworks(const struct framework **out, size_t cap)
{
	size_t i, k, n = 0;

	for (i = 0; i < framework_registry_count && n < cap; i++) {
		const struct framework *f = framework_registry[i];

		if (!f->detect || f->suffix)
			continue;
		for (k = n; k > 0 && out[k - 1]->try_order > f->try_order; k--)
			out[k] = out[k - 1];
		out[k] = f;
		n++;
	}
	return n;
}

/*
 * A migration that is not a .sql file: the framework whose suffix its
 * name has detects it alone. False when no framework has that suffix.
 */
static bool detect_by_suffix(struct probe *p, const char *forced,
			     struct migration_info *out)
{
	size_t i;

	for (i = 0; i < framework_registry_count; i++) {
		const struct framework *f = framework_registry[i];

		if (!f->suffix || !ends_with(p->base, f->suffix))
			continue;
		p->forced = forced && strcmp(forced, f->name) == 0;
		f->detect(p, out);
		if (p->forced && out->framework)
			migration_why_addf(out, " (framework set by the "
						"configuration)");
		return true;
	}
	return false;
}

int framework_detect(const char *path, const char *text, size_t len,
		     const struct near_reader *near, const char *forced,
		     struct migration_info *out)
{
	const struct framework *sql[FRAMEWORKS_MAX];
	struct probe p = { 0 };
	size_t i, nsql;
	bool found = false;

	memset(out, 0, sizeof(*out));
	p.path = path;
	p.base = path_base(path);
	path_dir_name(path, 0, p.dir, sizeof(p.dir));
	path_dir_name(path, 1, p.dir2, sizeof(p.dir2));
	p.text = text;
	p.len = len;
	p.near = near;
	if (detect_by_suffix(&p, forced, out))
		goto done;
	if (forced && strcmp(forced, "plain") == 0) {
		snprintf(out->why, sizeof(out->why),
			 "plain SQL, each statement on its own (set by the "
			 "configuration)");
		goto plain;
	}
	if (!forced)
		found = detect_dump(&p, out);
	nsql = sql_frameworks(sql, sizeof(sql) / sizeof(sql[0]));
	for (i = 0; !found && !p.err && i < nsql; i++) {
		if (forced && strcmp(forced, sql[i]->name) != 0)
			continue;
		p.forced = forced != NULL;
		found = sql[i]->detect(&p, out);
	}
	if (found && forced)
		migration_why_addf(out, " (framework set by the "
					"configuration)");
plain:
	if (!found && !p.err && !(forced && strcmp(forced, "plain") == 0)) {
		migration_info_reset(out);
		if (forced)
			snprintf(out->why, sizeof(out->why),
				 "not shaped like a %s migration (set by the "
				 "configuration): plain SQL, each statement on "
				 "its own",
				 forced);
		else
			snprintf(out->why, sizeof(out->why),
				 "a .sql file that matches no framework: plain "
				 "SQL, each statement on its own");
	}
done:
	if (!out->nunits)
		one_unit(out, TX_MODE_AUTOCOMMIT, NULL, NULL);
	buf_release(&p.scratch);
	return p.err ? p.err : out->failed ? FK_ENOMEM : 0;
}

void framework_keep_downs(const struct migration_info *info, char *text,
			  size_t len)
{
	size_t i, k = 0;

	for (i = 0; i <= info->ndowns; i++) {
		size_t to = i < info->ndowns ? info->downs[i].start : len;

		for (; k < to && k < len; k++)
			if (text[k] != '\n' && text[k] != '\r')
				text[k] = ' ';
		if (i < info->ndowns)
			k = info->downs[i].end;
	}
}

void framework_apply_masks(const struct migration_info *info, char *text,
			   size_t len)
{
	size_t i, k;

	for (i = 0; i < info->ndelims; i++)
		if (info->delims[i] < len) {
			for (k = info->delims[i];
			     k < len && text[k] != '\n' && text[k] != '\r'; k++)
				text[k] = ' ';
			text[info->delims[i]] = ';';
		}
	for (i = 0; i < info->nmasks; i++)
		for (k = info->masks[i].start;
		     k < info->masks[i].end && k < len; k++)
			if (text[k] != '\n' && text[k] != '\r')
				text[k] = ' ';
}
