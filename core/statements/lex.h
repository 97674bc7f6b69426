#ifndef FKAUDIT_LEX_H
#define FKAUDIT_LEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/*
 * Tokens of one SQL text, from libpg_query's scanner (PostgreSQL's own
 * scan.l). Kinds are libpg_query's Token numbers: single characters are
 * their ASCII code, the named ones are below; keywords carry their
 * keyword kind and are matched by text (tok_is_word).
 */
enum {
	TOK_IDENT = 258,
	TOK_UIDENT = 259,
	TOK_FCONST = 260,
	TOK_SCONST = 261,
	TOK_USCONST = 262,
	TOK_ICONST = 266,
	TOK_TYPECAST = 268, /* :: */
	TOK_SQL_COMMENT = 275,
	TOK_C_COMMENT = 276,
};

struct token {
	uint32_t start; /* byte offsets in the file, end exclusive */
	uint32_t end;
	uint16_t kind;
	uint8_t keyword; /* 0: not a keyword */
};

struct token_list {
	struct token *v;
	size_t n;
	size_t cap;
	/*
	 * When the scanner failed (an unterminated literal or comment), the
	 * tokens before the failure, the scanner's message and where it was.
	 */
	bool failed;
	uint32_t error_off;
	char message[160];
};

/*
 * Scans text[0..len), which must be NUL-terminated at len, and appends
 * its tokens with offsets shifted by `base` (the text's offset in the
 * file). Returns 0, or FK_ENOMEM. The list is reused across calls with
 * token_list_reset(); its storage is freed by token_list_release().
 */
int lex_scan(struct token_list *out, const char *text, size_t len,
	     uint32_t base);
void token_list_reset(struct token_list *list);
void token_list_release(struct token_list *list);

static inline bool tok_is_comment(const struct token *t)
{
	return t->kind == TOK_SQL_COMMENT || t->kind == TOK_C_COMMENT;
}

/*
 * Whether token `t` of the file text `src` is the unquoted word `word`
 * (ASCII, case-insensitive): a keyword or a plain identifier.
 */
bool tok_is_word(const char *src, const struct token *t, const char *word);

/* Whether `t` is the single character `c`. */
static inline bool tok_is_char(const struct token *t, char c)
{
	return t->kind == (unsigned char)c;
}

/*
 * The identifier that token `t` spells, as PostgreSQL folds it: an
 * unquoted word is lower-cased, a "quoted" one is kept with "" undoubled.
 * NULL when `t` is not a word or out of memory.
 */
char *tok_ident(struct arena *arena, const char *src, const struct token *t);

#endif
