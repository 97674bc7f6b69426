#include "sqltype.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How a type's modifiers are shown. */
enum mods_style {
	MODS_NONE,   /* ignored: interval's field mask, serial, … */
	MODS_PAREN,  /* name(a[,b]) */
	MODS_INSIDE, /* "timestamp(3) without time zone": after word 1 */
};

static const struct {
	const char *alias;
	const char *name;
	enum mods_style mods;
} types[] = {
	{ "bigint", "bigint", MODS_NONE },
	{ "bigserial", "bigint", MODS_NONE },
	{ "bit", "bit", MODS_PAREN },
	{ "bool", "boolean", MODS_NONE },
	{ "boolean", "boolean", MODS_NONE },
	{ "bpchar", "character", MODS_PAREN },
	{ "bytea", "bytea", MODS_NONE },
	{ "cidr", "cidr", MODS_NONE },
	{ "citext", "citext", MODS_NONE },
	{ "date", "date", MODS_NONE },
	{ "decimal", "numeric", MODS_PAREN },
	{ "float4", "real", MODS_NONE },
	{ "float8", "double precision", MODS_NONE },
	{ "inet", "inet", MODS_NONE },
	{ "int", "integer", MODS_NONE },
	{ "int2", "smallint", MODS_NONE },
	{ "int4", "integer", MODS_NONE },
	{ "int8", "bigint", MODS_NONE },
	{ "integer", "integer", MODS_NONE },
	{ "interval", "interval", MODS_NONE },
	{ "json", "json", MODS_NONE },
	{ "jsonb", "jsonb", MODS_NONE },
	{ "macaddr", "macaddr", MODS_NONE },
	{ "money", "money", MODS_NONE },
	{ "numeric", "numeric", MODS_PAREN },
	{ "oid", "oid", MODS_NONE },
	{ "real", "real", MODS_NONE },
	{ "serial", "integer", MODS_NONE },
	{ "serial2", "smallint", MODS_NONE },
	{ "serial4", "integer", MODS_NONE },
	{ "serial8", "bigint", MODS_NONE },
	{ "smallint", "smallint", MODS_NONE },
	{ "smallserial", "smallint", MODS_NONE },
	{ "text", "text", MODS_NONE },
	{ "time", "time without time zone", MODS_INSIDE },
	{ "timestamp", "timestamp without time zone", MODS_INSIDE },
	{ "timestamptz", "timestamp with time zone", MODS_INSIDE },
	{ "timetz", "time with time zone", MODS_INSIDE },
	{ "uuid", "uuid", MODS_NONE },
	{ "varbit", "bit varying", MODS_PAREN },
	{ "varchar", "character varying", MODS_PAREN },
	{ "xml", "xml", MODS_NONE },
};

static void mods_text(char *buf, size_t size, const int *mods, size_t n)
{
	size_t len = 0, i;

	buf[0] = '\0';
	for (i = 0; i < n && i < 2 && len + 1 < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%d",
					i ? "," : "(", mods[i]);
	if (n && len + 1 < size)
		snprintf(buf + len, size - len, ")");
}

const char *sqltype_name(struct arena *arena, const char *const *names,
			 size_t nnames, const int *mods, size_t nmods,
			 bool array)
{
	const char *base = nnames ? names[nnames - 1] : NULL;
	const char *arr = array ? "[]" : "";
	const char *sp;
	char m[48];
	size_t i;

	if (!base || nnames > 2 ||
	    (nnames == 2 && strcmp(names[0], "pg_catalog") != 0))
		return NULL;
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(types[i].alias, base) == 0)
			break;
	if (i == sizeof(types) / sizeof(types[0]))
		return NULL;
	mods_text(m, sizeof(m), mods, types[i].mods == MODS_NONE ? 0 : nmods);
	if (types[i].mods == MODS_INSIDE && m[0] &&
	    (sp = strchr(types[i].name, ' ')))
		return arena_printf(arena, "%.*s%s%s%s",
				    (int)(sp - types[i].name), types[i].name, m,
				    sp, arr);
	return arena_printf(arena, "%s%s%s", types[i].name, m, arr);
}

const char *sqltype_int_max(const char *type)
{
	switch (sqltype_int_width(type)) {
	case 2:
		return "32767";
	case 4:
		return "2147483647";
	case 8:
		return "9223372036854775807";
	default:
		return NULL;
	}
}

int sqltype_int_width(const char *type)
{
	if (!type)
		return 0;
	if (strcmp(type, "smallint") == 0)
		return 2;
	if (strcmp(type, "integer") == 0)
		return 4;
	if (strcmp(type, "bigint") == 0)
		return 8;
	return 0;
}

/*
 * The modifiers of `type` after `base` ("character varying(40)" with
 * base "character varying": 1 mod, 40): the count (0 for the bare base),
 * or -1 when `type` is not `base`.
 */
static int mods_of(const char *type, const char *base, long mods[2])
{
	size_t n = strlen(base);
	const char *p = type + n;
	char *end;
	int k = 0;

	if (strncmp(type, base, n) != 0)
		return -1;
	if (!*p)
		return 0;
	if (*p != '(')
		return -1;
	do {
		mods[k++] = strtol(p + 1, &end, 10);
		p = end;
	} while (k < 2 && *p == ',');
	return *p == ')' && !p[1] ? k : -1;
}

static bool is_string(const char *type)
{
	long m[2];

	return strcmp(type, "text") == 0 ||
	       mods_of(type, "character varying", m) >= 0;
}

/*
 * varchar(n), varchar and text (`base` "character varying"), or bit
 * varying(n), as PostgreSQL's varchar_support and varbit_support see them
 */
static enum sqltype_change length_change(const char *from, const char *to,
					 const char *base)
{
	long f[2], t[2];
	int nf = mods_of(from, base, f);
	int nt = mods_of(to, base, t);

	if (strcmp(to, "text") == 0 || nt == 0)
		return SQLTYPE_CHANGE_KEEPS_ROWS; /* no limit left */
	/* to varchar(m): from text or varchar only if n ≤ m */
	return nf == 1 && f[0] <= t[0] ? SQLTYPE_CHANGE_KEEPS_ROWS
				       : SQLTYPE_CHANGE_REWRITES;
}

static enum sqltype_change numeric_change(const char *from, const char *to)
{
	long f[2] = { 0, 0 }, t[2] = { 0, 0 };
	int nf = mods_of(from, "numeric", f), nt = mods_of(to, "numeric", t);

	if (nt == 0)
		return SQLTYPE_CHANGE_KEEPS_ROWS;
	if (nf <= 0)
		return SQLTYPE_CHANGE_REWRITES;
	/* numeric(p) is numeric(p,0); same scale, no less precision */
	return f[1] == t[1] && f[0] <= t[0] ? SQLTYPE_CHANGE_KEEPS_ROWS
					    : SQLTYPE_CHANGE_REWRITES;
}

enum sqltype_change sqltype_change_of(const char *from, const char *to)
{
	long m[2];

	if (!from || !to)
		return SQLTYPE_CHANGE_UNKNOWN;
	if (strcmp(from, to) == 0)
		return SQLTYPE_CHANGE_KEEPS_ROWS;
	if (is_string(from) && is_string(to))
		return length_change(from, to, "character varying");
	if (mods_of(from, "numeric", m) >= 0 && mods_of(to, "numeric", m) >= 0)
		return numeric_change(from, to);
	if (mods_of(from, "bit varying", m) >= 0 &&
	    mods_of(to, "bit varying", m) >= 0)
		return length_change(from, to, "bit varying");
	if ((strncmp(from, "timestamp", 9) == 0 &&
	     strncmp(to, "timestamp", 9) == 0) ||
	    strcmp(from, "citext") == 0 || strcmp(to, "citext") == 0)
		return SQLTYPE_CHANGE_UNKNOWN;
	return SQLTYPE_CHANGE_REWRITES;
}
