#include "stmt.h"

#include <stdio.h>
#include <string.h>

#include "error.h"
#include "utf8.h"

/* The first token ending after `off` (tokens are sorted and disjoint). */
static size_t tok_index_at(const struct token_list *toks, uint32_t off)
{
	size_t lo = 0, hi = toks->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (toks->v[mid].end > off)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

uint32_t stmt_clause_end(const struct token_list *toks, uint32_t start,
			 uint32_t stmt_end)
{
	size_t i = tok_index_at(toks, start);
	uint32_t end = start;
	int depth = 0;

	for (; i < toks->n && toks->v[i].start < stmt_end; i++) {
		const struct token *t = &toks->v[i];

		if (tok_is_comment(t))
			continue;
		if (tok_is_char(t, '('))
			depth++;
		else if (tok_is_char(t, ')') && --depth < 0)
			break;
		else if (depth == 0 &&
			 (tok_is_char(t, ',') || tok_is_char(t, ';')))
			break;
		end = t->end;
	}
	return end > start ? end : stmt_end;
}

size_t stmt_segments(const struct token_list *toks, uint32_t from,
		     uint32_t stmt_end, struct span *out, size_t max)
{
	size_t i = tok_index_at(toks, from), n = 0;
	int depth = 0;
	bool open = false;

	for (; i < toks->n && toks->v[i].start < stmt_end; i++) {
		const struct token *t = &toks->v[i];

		if (tok_is_comment(t) || toks->v[i].start < from)
			continue;
		if (depth == 0 &&
		    (tok_is_char(t, ',') || tok_is_char(t, ';'))) {
			open = false;
			continue;
		}
		if (tok_is_char(t, '('))
			depth++;
		else if (tok_is_char(t, ')') && depth > 0)
			depth--;
		if (!open) {
			if (n == max)
				return n + 1; /* more than asked for */
			out[n].start = t->start;
			n++;
			open = true;
		}
		out[n - 1].end = t->end;
	}
	return n;
}

int stmt_add_fk(struct stmt *st, struct arena *arena, size_t cap,
		const struct fk_def *fk)
{
	if (!st->fks && !(st->fks = arena_alloc(arena, cap * sizeof(*fk))))
		return FK_ENOMEM;
	if (st->nfks < cap)
		st->fks[st->nfks++] = *fk;
	return 0;
}

int stmt_add_key(struct stmt *st, struct arena *arena, size_t cap,
		 const struct key_def *k)
{
	if (!st->keys && !(st->keys = arena_alloc(arena, cap * sizeof(*k))))
		return FK_ENOMEM;
	if (st->nkeys < cap)
		st->keys[st->nkeys++] = *k;
	return 0;
}

const struct fk_def *stmt_next_fk(const struct stmt *st, size_t *pos,
				  const struct alter_cmd **cmd)
{
	if (cmd)
		*cmd = NULL;
	if (st->kind == STMT_CREATE_TABLE)
		return *pos < st->nfks ? &st->fks[(*pos)++] : NULL;
	if (st->kind != STMT_ALTER_TABLE)
		return NULL;
	while (*pos < st->ncmds) {
		const struct alter_cmd *ac = &st->cmds[(*pos)++];

		if (ac->has_fk) {
			if (cmd)
				*cmd = ac;
			return &ac->fk;
		}
	}
	return NULL;
}

const char *stmt_kind_name(enum stmt_kind kind)
{
	switch (kind) {
	case STMT_CREATE_TABLE:
		return "CREATE TABLE";
	case STMT_ALTER_TABLE:
		return "ALTER TABLE";
	case STMT_CREATE_INDEX:
		return "CREATE INDEX";
	case STMT_DROP_INDEX:
		return "DROP INDEX";
	case STMT_DROP_TABLE:
		return "DROP TABLE";
	case STMT_RENAME:
		return "RENAME";
	case STMT_REINDEX:
		return "REINDEX";
	case STMT_SET:
		return "SET";
	case STMT_BEGIN:
		return "BEGIN";
	case STMT_COMMIT:
		return "COMMIT";
	case STMT_ROLLBACK:
		return "ROLLBACK";
	case STMT_OTHER:
		break;
	}
	return "statement";
}

#define NAMEDATALEN_MAX 63
#define INDEX_NAMES_MAX 64 /* PostgreSQL allows 32 columns */

static bool name_taken(const char *const *v, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], name) == 0)
			return true;
	return false;
}

/* `orig` cut to fit `suffix` in 63 bytes (at a character), then suffix. */
static const char *numbered(struct arena *arena, const char *orig,
			    unsigned suffix)
{
	char nbuf[16];
	size_t keep = strlen(orig), room;

	snprintf(nbuf, sizeof(nbuf), "%u", suffix);
	room = NAMEDATALEN_MAX - strlen(nbuf);
	if (keep > room)
		keep = utf8_clip(orig, keep, room);
	return arena_printf(arena, "%.*s%s", (int)keep, orig, nbuf);
}

int stmt_set_index_colnames(struct stmt *st, struct arena *arena,
			    const char *const *names, size_t n)
{
	const char **out;
	size_t i;

	if (n > INDEX_NAMES_MAX)
		n = INDEX_NAMES_MAX;
	st->nindex_colnames = 0;
	if (n == 0)
		return 0;
	if (!(out = arena_alloc(arena, n * sizeof(*out))))
		return FK_ENOMEM;
	for (i = 0; i < n; i++) {
		const char *orig = names[i] ? names[i] : "expr", *cur = orig;
		unsigned k;

		for (k = 1; cur && name_taken(out, i, cur); k++)
			cur = numbered(arena, orig, k);
		if (!cur)
			return FK_ENOMEM;
		out[i] = cur;
	}
	st->index_colnames = out;
	st->nindex_colnames = n;
	return 0;
}
