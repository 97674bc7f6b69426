#include "discover.h"

#include <string.h>
#include <strings.h>


bool discover_is_sql_name(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && strcasecmp(name + n - 4, ".sql") == 0;
}

bool discover_is_migration(const char *path)
{
	const char *p = path, *base = path;

	for (;;) {
		if (*p == '.')
			return false; /* a hidden file or folder */
		p = strchr(p, '/');
		if (!p)
			break;
		base = ++p;
	}
	return discover_is_sql_name(base);
}

bool discover_is_lfs_pointer(const char *data, size_t len)
{
	static const char magic[] = "version https://git-lfs.github.com/spec/";

	return len < 1024 && len > sizeof(magic) - 1 &&
	       memcmp(data, magic, sizeof(magic) - 1) == 0;
}

/* The file name after the last '/'. */
static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* "<digits>_<something>" followed by `suffix` (any case). */
static bool versioned(const char *name, const char *suffix)
{
	size_t n = strlen(name), ns = strlen(suffix);
	const char *p = name;

	while (*p >= '0' && *p <= '9')
		p++;
	if (p == name || *p != '_' || n < ns + (size_t)(p - name) + 2)
		return false;
	return strcasecmp(name + n - ns, suffix) == 0;
}

/*
 * Whether a line starting at column 0 with "--" holds "+goose" and then
 * `word` (words compared without case, any spacing).
 */
static bool goose_marker(const char *text, size_t len, const char *word)
{
	const char *p = text, *end = text + len;
	size_t wn = strlen(word);

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *q = p, *le = eol ? eol : end;

		if (le - q > 2 && q[0] == '-' && q[1] == '-') {
			q += 2;
			while (q < le && (*q == ' ' || *q == '\t'))
				q++;
			if (le - q >= 6 && strncasecmp(q, "+goose", 6) == 0) {
				q += 6;
				while (q < le && (*q == ' ' || *q == '\t'))
					q++;
				if ((size_t)(le - q) >= wn &&
				    strncasecmp(q, word, wn) == 0)
					return true;
			}
		}
		p = eol ? eol + 1 : end;
	}
	return false;
}

bool discover_framework(const char *path, const char *text, size_t len,
			struct framework_info *out)
{
	const char *name = base_name(path);

	memset(out, 0, sizeof(*out));
	out->tx_mode = TX_MODE_AUTOCOMMIT;
	if (versioned(name, ".sql") && goose_marker(text, len, "up")) {
		out->name = "goose";
		if (goose_marker(text, len, "no transaction")) {
			out->tx_mode = TX_MODE_AUTOCOMMIT;
		} else {
			out->tx_mode = TX_MODE_WRAPPED;
			out->tx_runner = "goose puts";
			out->tx_opt_out = "put it in a migration of its own that "
					  "starts with -- +goose NO TRANSACTION "
					  "(goose then runs each statement on its "
					  "own)";
		}
		return true;
	}
	if (versioned(name, ".up.sql") || versioned(name, ".down.sql")) {
		out->name = "golang-migrate";
		out->tx_mode = TX_MODE_IMPLICIT;
		out->tx_runner = "golang-migrate sends the whole file as one "
				 "string";
		out->tx_opt_out = "put it alone in a migration file of its own "
				  "(golang-migrate has no transaction to opt out "
				  "of), or run with x-multi-statement=true";
		return true;
	}
	return false;
}
