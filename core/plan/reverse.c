#include "reverse.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "array.h"
#include "error.h"
#include "lex.h"
#include "replay.h"
#include "strmap.h"

/*
 * PostgreSQL truncates an identifier to 63 bytes (NAMEDATALEN - 1), at a
 * character boundary, in CREATE and in DROP alike: names compare so.
 */
#define IDENT_MAX 63

static size_t ident_clip(const char *s, size_t len)
{
	size_t k = IDENT_MAX;

	if (len <= IDENT_MAX)
		return len;
	while (k > 0 && ((unsigned char)s[k] & 0xc0) == 0x80)
		k--;
	return k;
}

/* Collects the identifiers of the forward migration's text. */
static int names_scan(struct reverse_names *n, const char *up, size_t up_len)
{
	struct token_list toks = { 0 };
	size_t i;
	int err;

	if ((err = lex_scan(&toks, up, up_len, 0)) < 0)
		goto done;
	for (i = 0; i < toks.n && !err; i++) {
		const struct token *t = &toks.v[i];
		char *id;

		if (t->kind != TOK_IDENT && t->keyword == 0)
			continue;
		if (!(id = tok_ident(&n->arena, up, t))) {
			err = FK_ENOMEM;
			break;
		}
		id[ident_clip(id, strlen(id))] = '\0';
		if (strmap_put(&n->seen, id, (void *)1) < 0)
			err = FK_ENOMEM;
	}
done:
	token_list_release(&toks);
	return err;
}

static int add_name(struct reverse_names *n, const char *name)
{
	size_t len = name ? strlen(name) : 0, k = ident_clip(name, len);

	if (name && k < len && !(name = arena_strndup(&n->arena, name, k)))
		return FK_ENOMEM;
	return name && strmap_put(&n->seen, name, (void *)1) < 0 ? FK_ENOMEM
								 : 0;
}

/*
 * The name PostgreSQL gives an unnamed foreign key or index of the
 * forward migration: <table>_<columns>_<label>, numbered (label1, …)
 * while a name the forward text holds or made already takes it.
 */
static int add_default(struct reverse_names *n, const char *table,
		       const char *const *cols, size_t ncols, const char *label)
{
	const char *name =
		replay_default_name(&n->arena, table, cols, ncols, label);
	char numbered[32];
	unsigned k;

	for (k = 1; name && strmap_get(&n->seen, name) && k < 10000; k++) {
		snprintf(numbered, sizeof(numbered), "%.20s%u", label, k);
		name = replay_default_name(&n->arena, table, cols, ncols,
					   numbered);
	}
	return add_name(n, name);
}

/*
 * The names PostgreSQL gives the forward migration's unnamed foreign keys
 * (<table>_<columns>_fkey) and indexes (<table>_<columns>_idx).
 */
static int names_defaults(struct reverse_names *n, const struct statements *up)
{
	size_t i;
	int err = 0;

	for (i = 0; i < up->n && !err; i++) {
		const struct stmt *st = &up->v[i];
		const struct fk_def *fk;
		size_t pos = 0;

		if (!st->table.name)
			continue;
		while (!err && (fk = stmt_next_fk(st, &pos, NULL)))
			if (!fk->name)
				err = add_default(n, st->table.name, fk->cols,
						  fk->ncols, "fkey");
		if (!err && st->kind == STMT_CREATE_INDEX && !st->index_name &&
		    st->nindex_colnames)
			err = add_default(n, st->table.name, st->index_colnames,
					  st->nindex_colnames, "idx");
	}
	return err;
}

int reverse_names_add(struct reverse_names *n, const struct statements *up)
{
	int err = names_scan(n, up->text, up->len);

	return err < 0 ? err : names_defaults(n, up);
}

void reverse_names_release(struct reverse_names *n)
{
	strmap_release(&n->seen);
	arena_release(&n->arena);
}

/*
 * Whether `name` is <table>_…<suffix> for a table the forward text
 * names: a primary key, unique or check constraint under the name
 * PostgreSQL gave it.
 */
static bool default_name(const struct reverse_names *n, const char *name)
{
	static const char *const suffixes[] = { "_pkey", "_key", "_check",
						"_excl" };
	char buf[128];
	size_t len = strlen(name), i, k;

	/* PostgreSQL numbers a taken name: t_col_check1, t_col_key2 */
	while (len > 1 && name[len - 1] >= '0' && name[len - 1] <= '9')
		len--;

	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		size_t sl = strlen(suffixes[i]);

		if (len <= sl || strncmp(name + len - sl, suffixes[i], sl) != 0)
			continue;
		/* every prefix ending before a "_" may be the table */
		for (k = 1; k <= len - sl && k < sizeof(buf); k++) {
			if (name[k] != '_')
				continue;
			memcpy(buf, name, k);
			buf[k] = '\0';
			if (strmap_get(&n->seen, buf))
				return true;
		}
	}
	return false;
}

static bool has_if_exists(const struct statements *s, const struct span *sp)
{
	const char *p = s->text + sp->start, *end = s->text + sp->end;

	for (; p + 9 <= end; p++)
		if (strncasecmp(p, "if exists", 9) == 0)
			return true;
	return false;
}

static bool missing(const struct reverse_names *n, const char *name)
{
	char clipped[IDENT_MAX + 1];
	size_t k;

	if (!name)
		return false;
	k = ident_clip(name, strlen(name));
	memcpy(clipped, name, k);
	clipped[k] = '\0';
	return !strmap_get(&n->seen, clipped) && !default_name(n, clipped);
}

static int miss_add(struct reverse_misses *out, struct reverse_miss m)
{
	if (array_grow((void **)&out->v, &out->cap, out->n, sizeof(*out->v)) <
	    0)
		return FK_ENOMEM;
	out->v[out->n++] = m;
	return 0;
}

int reverse_misses(const struct reverse_names *fwd,
		   const struct statements *down, struct reverse_misses *out)
{
	size_t i, k;
	int err = 0;

	for (i = 0; i < down->n && !err; i++) {
		const struct stmt *st = &down->v[i];

		if (has_if_exists(down, &st->span))
			continue;
		if (st->kind == STMT_DROP_INDEX)
			for (k = 0; k < st->ndrop_names && !err; k++)
				if (missing(fwd, st->drop_names[k].name))
					err = miss_add(
						out,
						(struct reverse_miss){
							i, st->span,
							st->drop_names[k].name,
							true });
		if (st->kind != STMT_ALTER_TABLE)
			continue;
		for (k = 0; k < st->ncmds && !err; k++)
			if (st->cmds[k].kind == ALTER_DROP_CONSTRAINT &&
			    missing(fwd, st->cmds[k].name))
				err = miss_add(out, (struct reverse_miss){
							    i, st->cmds[k].span,
							    st->cmds[k].name,
							    false });
	}
	return err;
}
