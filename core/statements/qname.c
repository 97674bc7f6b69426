#include "qname.h"

#include <stdio.h>
#include <string.h>

bool ident_needs_quotes(const char *ident)
{
	const unsigned char *p = (const unsigned char *)ident;

	if (!*p || (*p >= '0' && *p <= '9') || *p == '$')
		return true;
	for (; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '_' || *p == '$' || *p >= 0x80)
			continue;
		return true;
	}
	return false;
}

static int ident_format(char *out, unsigned size, const char *ident)
{
	unsigned n = 0;
	const char *p;

	if (!ident_needs_quotes(ident))
		return snprintf(out, size, "%s", ident);
#define PUT(c)                        \
	do {                          \
		if (n + 1 < size)     \
			out[n] = (c); \
		n++;                  \
	} while (0)
	PUT('"');
	for (p = ident; *p; p++) {
		PUT(*p);
		if (*p == '"')
			PUT('"');
	}
	PUT('"');
#undef PUT
	if (size)
		out[n < size ? n : size - 1] = '\0';
	return (int)n;
}

int qname_format(char *out, unsigned size, const struct qname *q)
{
	int n = 0, m;

	if (!q->name)
		return snprintf(out, size, "?");
	if (q->schema) {
		n = ident_format(out, size, q->schema);
		if ((unsigned)n + 1 < size)
			out[n] = '.';
		n++;
	}
	m = ident_format(out + ((unsigned)n < size ? (unsigned)n : size),
			 (unsigned)n < size ? size - (unsigned)n : 0, q->name);
	return n + m;
}

int qname_display(char *out, unsigned size, const struct qname *q)
{
	if (!q->name)
		return snprintf(out, size, "\"?\"");
	if (q->schema)
		return snprintf(out, size, "\"%s.%s\"", q->schema, q->name);
	return snprintf(out, size, "\"%s\"", q->name);
}
