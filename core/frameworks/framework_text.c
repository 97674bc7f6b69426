#include "framework_text.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

struct text_line text_line_at(const char *p, const char *end)
{
	struct text_line l;
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	l.start = p;
	l.end = nl ? nl : end;
	l.next = nl ? nl + 1 : end;
	if (l.end > l.start && l.end[-1] == '\r')
		l.end--;
	return l;
}

const char *text_skip_blanks(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

bool text_starts_with(const char *p, const char *end, const char *word,
		      const char **after)
{
	size_t n = strlen(word);

	if ((size_t)(end - p) < n || strncasecmp(p, word, n) != 0)
		return false;
	if (after)
		*after = p + n;
	return true;
}

const char *text_find(const char *p, const char *end, const char *word)
{
	size_t k = strlen(word);

	for (; k && p < end && (size_t)(end - p) >= k; p++)
		if (*p == word[0] && memcmp(p, word, k) == 0)
			return p;
	return NULL;
}

bool text_contains(const char *p, const char *end, const char *word)
{
	char lo = (char)tolower((unsigned char)word[0]);
	char up = (char)toupper((unsigned char)word[0]);

	for (; p < end; p++)
		if ((*p == lo || *p == up) &&
		    text_starts_with(p, end, word, NULL))
			return true;
	return false;
}

const char *path_base(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

const char *path_dir_name(const char *path, int up, char *buf, size_t size)
{
	const char *end = strrchr(path, '/'), *start;
	size_t n;

	buf[0] = '\0';
	while (end && up-- > 0) {
		const char *p = end;

		while (p > path && p[-1] != '/')
			p--;
		if (p == path)
			return buf;
		end = p - 1;
	}
	if (!end)
		return buf;
	start = end;
	while (start > path && start[-1] != '/')
		start--;
	n = (size_t)(end - start);
	if (n >= size)
		n = size - 1;
	memcpy(buf, start, n);
	buf[n] = '\0';
	return buf;
}

bool path_has_dirs(const char *path, const char *dirs)
{
	size_t n = strlen(dirs);
	const char *p = path;

	for (;;) {
		if (strncmp(p, dirs, n) == 0)
			return true;
		p = strchr(p, '/');
		if (!p)
			return false;
		p++;
	}
}

const char *path_last_dir(const char *path, const char *dir)
{
	const char *p, *hit = NULL;

	for (p = path; (p = strstr(p, dir)); p++)
		if (p == path || p[-1] == '/')
			hit = p;
	return hit;
}

void path_up_rel(const char *from, const char *name, char *out, size_t size)
{
	size_t n = 0;

	out[0] = '\0';
	for (from = strchr(from, '/'); from && n + 4 < size;
	     from = strchr(from + 1, '/')) {
		memcpy(out + n, "../", 4);
		n += 3;
	}
	snprintf(out + n, size - n, "%s", name);
}

size_t text_digits(const char *s)
{
	size_t n = 0;

	while (s[n] >= '0' && s[n] <= '9')
		n++;
	return n;
}

unsigned text_line_of(const char *text, size_t off)
{
	unsigned line = 1;
	size_t i;

	for (i = 0; i < off; i++)
		line += text[i] == '\n';
	return line;
}
