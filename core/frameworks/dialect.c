#include "dialect.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "framework_text.h"
#include "lex.h"

/* Section: paths. */

struct engine_name {
	const char *name;   /* a word of a path, any case */
	const char *engine; /* NULL: PostgreSQL itself */
	bool whole;	    /* only a whole folder or name part, not a word */
};

static const struct engine_name engine_names[] = {
	{ "mysql", "MySQL or MariaDB", false },
	{ "mariadb", "MySQL or MariaDB", false },
	{ "sqlite", "SQLite", false },
	{ "sqlite3", "SQLite", false },
	{ "h2", "H2", false },
	{ "hsqldb", "HSQLDB", false },
	{ "clickhouse", "ClickHouse", false },
	{ "mssql", "SQL Server", false },
	{ "sqlserver", "SQL Server", false },
	/* CockroachDB's schema changes run online: other locks, other rules */
	{ "cockroach", "CockroachDB", false },
	{ "cockroachdb", "CockroachDB", false },
	{ "crdb", "CockroachDB", false },
	/* a word of many other meanings ("price-oracle"): whole names only */
	{ "oracle", "Oracle", true },
	{ "postgres", NULL, false },
	{ "postgresql", NULL, false },
	{ "pg", NULL, true },
};

static const struct engine_name *engine_of(const char *s, size_t n, bool whole)
{
	size_t i;

	for (i = 0; i < sizeof(engine_names) / sizeof(engine_names[0]); i++)
		if ((whole || !engine_names[i].whole) &&
		    strlen(engine_names[i].name) == n &&
		    strncasecmp(engine_names[i].name, s, n) == 0)
			return &engine_names[i];
	return NULL;
}

/*
 * The engine a path part names (`n` bytes at `s`): the part itself, or
 * one of its words ("mysql-init", "migrations_sqlite").
 */
static const struct engine_name *engine_of_part(const char *s, size_t n)
{
	const struct engine_name *e = engine_of(s, n, true);
	size_t i = 0, k;

	while (!e && i < n) {
		for (k = i; k < n && s[k] != '-' && s[k] != '_' && s[k] != '.';
		     k++)
			;
		if (k > i && k - i < n)
			e = engine_of(s + i, k - i, false);
		i = k + 1;
	}
	return e;
}

/*
 * The first engine the path names, and where: a folder, or a dotted part
 * of the file name between its first part and ".sql"
 * ("001_init.mysql.sql" has "mysql").
 */
static const struct engine_name *
engine_of_path(const char *path, const char **part, size_t *n, bool *folder)
{
	const char *p = path, *slash, *dot, *next;
	const struct engine_name *e;

	*folder = true;
	while ((slash = strchr(p, '/'))) {
		*part = p;
		*n = (size_t)(slash - p);
		if ((e = engine_of_part(p, *n)))
			return e;
		p = slash + 1;
	}
	*folder = false;
	for (dot = strchr(p, '.'); dot && (next = strchr(dot + 1, '.'));
	     dot = next) {
		*part = dot + 1;
		*n = (size_t)(next - dot - 1);
		if ((e = engine_of(*part, *n, true)))
			return e;
	}
	return NULL;
}

enum dialect_path dialect_of_path(const char *path, struct dialect_other *out)
{
	const char *part;
	size_t n;
	bool folder;
	const struct engine_name *e = engine_of_path(path, &part, &n, &folder);

	if (!e)
		return DIALECT_PATH_NONE;
	if (!e->engine)
		return DIALECT_PATH_POSTGRES;
	out->engine = e->engine;
	snprintf(out->why, sizeof(out->why),
		 folder ? "the folder \"%.*s\" in its path"
			: "\".%.*s\" in its file name",
		 (int)n, part);
	return DIALECT_PATH_OTHER;
}

/* Section: text. */

/*
 * Whether the text may hold a sign at all: one pass over the bytes, so
 * that PostgreSQL's own files are not scanned a second time.
 */
static bool may_hold_sign(const char *text, size_t len)
{
	static const struct {
		const char *word;
		size_t len;
	} words[] = {
		{ "engine", 6 },	 { "auto_increment", 14 },
		{ "autoincrement", 13 }, { "pragma", 6 },
		{ "identity", 8 },	 { "nvarchar", 8 },
		{ "varchar2", 8 },
	};
	size_t i, k;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i] | 0x20;

		if (text[i] == '`')
			return true;
		for (k = 0; k < sizeof(words) / sizeof(words[0]); k++)
			if ((unsigned char)words[k].word[0] == c &&
			    len - i >= words[k].len &&
			    strncasecmp(text + i, words[k].word,
					words[k].len) == 0)
				return true;
	}
	return false;
}

/* Whether tokens v[i..] are IDENTITY ( number , number ). */
static bool identity_seed(const char *text, const struct token *v, size_t i,
			  size_t n)
{
	return i + 5 < n && tok_is_word(text, &v[i], "identity") &&
	       tok_is_char(&v[i + 1], '(') && v[i + 2].kind == TOK_ICONST &&
	       tok_is_char(&v[i + 3], ',') && v[i + 4].kind == TOK_ICONST &&
	       tok_is_char(&v[i + 5], ')');
}

/*
 * The sign at token i of the n (comments left out), as the engine and
 * what it is; NULL when there is none. `prev` is the token before, or
 * NULL at a statement's start.
 */
static const char *sign_at(const char *text, const struct token *v, size_t i,
			   size_t n, const struct token *prev,
			   const char **engine)
{
	const struct token *t = &v[i];
	bool starts = !prev || tok_is_char(prev, ';');

	*engine = "MySQL or MariaDB";
	/* PostgreSQL's scanner reads a backtick as (part of) an operator */
	if (text[t->start] == '`' && t->kind != TOK_IDENT)
		return "a backtick-quoted name";
	if (tok_is_word(text, t, "engine") && prev && tok_is_char(prev, ')') &&
	    i + 2 < n && tok_is_char(&v[i + 1], '=') &&
	    (v[i + 2].kind == TOK_IDENT || v[i + 2].keyword))
		return "a table ENGINE option";
	if (tok_is_word(text, t, "auto_increment"))
		return "AUTO_INCREMENT";
	*engine = "SQLite";
	if (tok_is_word(text, t, "autoincrement"))
		return "AUTOINCREMENT";
	if (starts && tok_is_word(text, t, "pragma"))
		return "a PRAGMA statement";
	*engine = "SQL Server";
	if (identity_seed(text, v, i, n))
		return "IDENTITY(seed, increment)";
	if (tok_is_word(text, t, "nvarchar") && i + 1 < n &&
	    tok_is_char(&v[i + 1], '('))
		return "the NVARCHAR type";
	*engine = "Oracle";
	if (tok_is_word(text, t, "varchar2") ||
	    tok_is_word(text, t, "nvarchar2"))
		return "the VARCHAR2 type";
	return NULL;
}

bool dialect_other_by_text(const char *text, size_t len,
			   struct dialect_other *out)
{
	struct token_list toks = { 0 };
	const struct token *prev = NULL;
	const char *what = NULL;
	size_t i, n = 0;

	if (!may_hold_sign(text, len) || lex_scan(&toks, text, len, 0) < 0) {
		token_list_release(&toks);
		return false;
	}
	/* the tokens that are not comments, in place */
	for (i = 0; i < toks.n; i++)
		if (!tok_is_comment(&toks.v[i]))
			toks.v[n++] = toks.v[i];
	for (i = 0; i < n && !what; i++) {
		what = sign_at(text, toks.v, i, n, prev, &out->engine);
		if (!what)
			prev = &toks.v[i];
	}
	if (what)
		snprintf(out->why, sizeof(out->why), "%s at line %u", what,
			 text_line_of(text, toks.v[i - 1].start));
	token_list_release(&toks);
	return what != NULL;
}
