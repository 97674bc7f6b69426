#include "dialect.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "lex.h"

/* Section: paths. */

struct engine_name {
	const char *name; /* a path component, any case */
	const char *engine;
};

static const struct engine_name engine_names[] = {
	{ "mysql", "MySQL or MariaDB" },
	{ "mariadb", "MySQL or MariaDB" },
	{ "sqlite", "SQLite" },
	{ "sqlite3", "SQLite" },
	{ "h2", "H2" },
	{ "hsqldb", "HSQLDB" },
	{ "clickhouse", "ClickHouse" },
	{ "mssql", "SQL Server" },
	{ "sqlserver", "SQL Server" },
	{ "oracle", "Oracle" },
};

static const char *engine_of(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(engine_names) / sizeof(engine_names[0]); i++)
		if (strlen(engine_names[i].name) == n &&
		    strncasecmp(engine_names[i].name, s, n) == 0)
			return engine_names[i].engine;
	return NULL;
}

/*
 * The dotted parts of a file name between its first part and ".sql":
 * "001_init.mysql.sql" has "mysql".
 */
static const char *engine_of_name(const char *name, const char **part,
				  size_t *n)
{
	const char *dot = strchr(name, '.'), *next;
	const char *engine;

	while (dot && (next = strchr(dot + 1, '.'))) {
		*part = dot + 1;
		*n = (size_t)(next - dot - 1);
		if ((engine = engine_of(*part, *n)))
			return engine;
		dot = next;
	}
	return NULL;
}

bool dialect_other_by_path(const char *path, struct dialect_other *out)
{
	const char *p = path, *slash, *part;
	size_t n;

	while ((slash = strchr(p, '/'))) {
		if ((out->engine = engine_of(p, (size_t)(slash - p)))) {
			snprintf(out->why, sizeof(out->why),
				 "the folder \"%.*s\" in its path",
				 (int)(slash - p), p);
			return true;
		}
		p = slash + 1;
	}
	if ((out->engine = engine_of_name(p, &part, &n))) {
		snprintf(out->why, sizeof(out->why),
			 "\".%.*s\" in its file name", (int)n, part);
		return true;
	}
	return false;
}

/* Section: text. */

/*
 * Whether the text may hold a sign at all: one pass over the bytes, so
 * that PostgreSQL's own files are not scanned a second time.
 */
static bool may_hold_sign(const char *text, size_t len)
{
	static const char *const words[] = {
		"engine",   "auto_increment", "autoincrement", "pragma",
		"identity", "nvarchar",	      "varchar2",
	};
	size_t i, k;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i] | 0x20;

		if (text[i] == '`')
			return true;
		if (c != 'e' && c != 'a' && c != 'p' && c != 'g' && c != 'i' &&
		    c != 'n' && c != 'v')
			continue;
		for (k = 0; k < sizeof(words) / sizeof(words[0]); k++)
			if ((unsigned char)words[k][0] == c &&
			    len - i >= strlen(words[k]) &&
			    strncasecmp(text + i, words[k], strlen(words[k])) ==
				    0)
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

static unsigned line_at(const char *text, uint32_t off)
{
	unsigned line = 1;
	uint32_t i;

	for (i = 0; i < off; i++)
		line += text[i] == '\n';
	return line;
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
			 line_at(text, toks.v[i - 1].start));
	token_list_release(&toks);
	return what != NULL;
}
