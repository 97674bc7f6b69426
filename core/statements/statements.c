#include "statements.h"

#include <ctype.h>
#include <pg_query.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "array.h"
#include "error.h"
#include "utf8.h"

struct builder {
	struct statements *out;
	struct token_list toks;
	char *scratch; /* one statement's text, NUL-terminated */
	size_t scratch_cap;
	/* building the pieces of a span split again: none holds a ";" */
	bool in_pieces;
};

static int copy_scratch(struct builder *b, const struct span *sp)
{
	size_t len = sp->end - sp->start;

	if (len + 1 > b->scratch_cap) {
		char *p = realloc(b->scratch, len + 1);

		if (!p)
			return FK_ENOMEM;
		b->scratch = p;
		b->scratch_cap = len + 1;
	}
	memcpy(b->scratch, b->out->text + sp->start, len);
	b->scratch[len] = '\0';
	return 0;
}

static bool mentions_fkaudit(const char *text, const struct token *t)
{
	static const char needle[] = "fkaudit:";
	size_t n = t->end - t->start, k = sizeof(needle) - 1, i;

	for (i = 0; i + k <= n; i++)
		if (memcmp(text + t->start + i, needle, k) == 0)
			return true;
	return false;
}

/* Whether a comment at `off` trails the previous statement's ";". */
static bool trails_previous(const struct statements *out, uint32_t span_start,
			    uint32_t off)
{
	if (out->n == 0 || span_start == 0 || out->text[span_start - 1] != ';')
		return false;
	return memchr(out->text + span_start, '\n', off - span_start) == NULL;
}

static int add_marks(struct builder *b, uint32_t span_start,
		     uint32_t first_start, size_t stmt)
{
	struct statements *out = b->out;
	size_t i;

	for (i = 0; i < b->toks.n; i++) {
		const struct token *t = &b->toks.v[i];
		struct mark *m;

		if (!tok_is_comment(t) || !mentions_fkaudit(out->text, t))
			continue;
		if (array_grow((void **)&out->marks, &out->marks_cap,
			       out->nmarks, sizeof(*out->marks)) < 0)
			return FK_ENOMEM;
		m = &out->marks[out->nmarks++];
		m->span.start = t->start;
		m->span.end = t->end;
		m->stmt = stmt;
		if (t->start < first_start &&
		    trails_previous(out, span_start, t->start))
			m->stmt = out->n - 1;
	}
	return 0;
}

/*
 * The parser quotes the text it stopped at, up to the end of the input
 * for an unterminated literal: keep that quote to one short line. The
 * "end of input" of a statement that a ";" ends (`at_semicolon`) is that
 * ";", as PostgreSQL says when it parses the whole file.
 */
static const char *tidy_error(struct arena *arena, const char *msg,
			      bool at_semicolon)
{
	static const char eoi[] = "at end of input";
	const char *near = strstr(msg, "at or near \"");
	size_t keep, n = strlen(msg);

	if (at_semicolon && n >= sizeof(eoi) - 1 &&
	    strcmp(msg + n - (sizeof(eoi) - 1), eoi) == 0)
		return arena_printf(arena, "%.*sat or near \";\"",
				    (int)(n - (sizeof(eoi) - 1)), msg);
	if (!near)
		return arena_strdup(arena, msg);
	near += strlen("at or near \"");
	n = strlen(near);
	if (n > 0 && near[n - 1] == '"')
		n--;
	keep = strcspn(near, "\r\n");
	if (keep > n)
		keep = n;
	if (keep > 40)
		keep = 40;
	if (keep == n)
		return arena_strdup(arena, msg);
	return arena_printf(arena, "%.*s…\"", (int)(near - msg + keep), msg);
}

static int parse_stmt(struct builder *b, struct stmt *st, uint32_t base)
{
	struct statements *out = b->out;
	PgQueryParseResult r = pg_query_parse(b->scratch);
	int err = 0;

	if (!r.error) {
		st->parsed = true;
		err = stmt_from_tree(st, &out->arena, r.parse_tree, out->text,
				     &b->toks, base);
		if (err == FK_FALLBACK) /* unreadable tree: read the tokens */
			err = stmt_from_tokens(st, &out->arena, out->text,
					       &b->toks);
	} else {
		size_t pos = r.error->cursorpos > 0
				     ? (size_t)r.error->cursorpos - 1
				     : 0;
		size_t len = st->span.end - base;

		st->error_off = base + (uint32_t)utf8_pg_char_offset(b->scratch,
								     len, pos);
		/*
		 * The scanner's own error (an unterminated literal or
		 * comment) is where our scan stopped; a grammar error before
		 * it is where the parser says.
		 */
		if (b->toks.failed &&
		    (strncmp(r.error->message, "unterminated", 12) == 0 ||
		     st->error_off > b->toks.error_off))
			st->error_off = b->toks.error_off;
		st->error = tidy_error(&out->arena, r.error->message,
				       out->text[st->error_off] == ';');
		if (!st->error)
			err = FK_ENOMEM;
		else
			err = stmt_from_tokens(st, &out->arena, out->text,
					       &b->toks);
		st->from_tokens = st->kind != STMT_OTHER;
	}
	pg_query_free_parse_result(r);
	return err;
}

/* The first and last tokens that are not comments (nor a ";"). */
static bool code_bounds(const struct token_list *toks, uint32_t *first,
			uint32_t *last)
{
	size_t i;
	bool any = false;

	for (i = 0; i < toks->n; i++) {
		const struct token *t = &toks->v[i];

		if (tok_is_comment(t) || tok_is_char(t, ';'))
			continue;
		if (!any)
			*first = t->start;
		*last = t->end;
		any = true;
	}
	return any;
}

/*
 * A statement over BIG_STMT bytes that does not start with a keyword of
 * DDL or session control (a bulk INSERT, COPY data, …) is not scanned
 * nor parsed whole: the rules have nothing to read in it, and its parse
 * tree would cost many times its size. Its first BIG_PEEK bytes are.
 */
#define BIG_STMT ((uint32_t)1 << 20)
#define BIG_PEEK 4096

static bool worth_parsing(const struct builder *b, uint32_t first)
{
	static const char *const words[] = {
		"create",   "alter", "drop",	"reindex", "set",
		"reset",    "begin", "start",	"commit",  "end",
		"rollback", "abort", "prepare",
	};
	const char *p = b->out->text + first;
	size_t i, n;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		n = strlen(words[i]);
		if (strncasecmp(p, words[i], n) == 0 &&
		    !isalnum((unsigned char)p[n]) && p[n] != '_')
			return true;
	}
	return false;
}

/* The end of a big statement: its span without trailing blanks. */
static uint32_t trim_end(const char *text, uint32_t start, uint32_t end)
{
	while (end > start && isspace((unsigned char)text[end - 1]))
		end--;
	return end;
}

static int build_big(struct builder *b, const struct span *sp, uint32_t first)
{
	struct statements *out = b->out;
	struct stmt *st;
	int err;

	if ((err = array_grow((void **)&out->v, &out->cap, out->n,
			      sizeof(*out->v))) < 0)
		return err;
	st = &out->v[out->n++];
	memset(st, 0, sizeof(*st));
	st->span.start = first;
	st->span.end = trim_end(out->text, first, sp->end);
	st->lead.start = sp->start;
	st->lead.end = first;
	st->parsed = true; /* not parsed: nothing in it for the rules */
	return 0;
}

static int build_do_body(struct builder *b);
static int build_one(struct builder *b, const struct span *sp);

static uint64_t fnv(uint64_t h, unsigned char c)
{
	return (h ^ c) * 0x100000001b3ULL;
}

static unsigned char lower(char c)
{
	return (unsigned char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

/*
 * A dollar-quoted body ($$ … $$: a function's, a DO block's) as its
 * code, not its layout: white space and -- comments left out, letters
 * folded outside its own '…' literals. A formatter re-indents bodies and
 * changes the case of their keywords.
 */
static uint64_t body_key(uint64_t h, const char *s, uint32_t n)
{
	bool quoted = false;
	uint32_t k;

	for (k = 0; k < n; k++) {
		char c = s[k];

		if (!quoted && c == '-' && k + 1 < n && s[k + 1] == '-') {
			while (k < n && s[k] != '\n')
				k++;
			continue;
		}
		if (c == '\'')
			quoted = !quoted;
		if (!quoted && (c == ' ' || c == '\t' || c == '\n' ||
				c == '\r' || c == '\f' || c == '\v'))
			continue;
		h = fnv(h, quoted ? (unsigned char)c : lower(c));
	}
	return h;
}

/* stmt.key (stmt.h) from the statement's tokens in `src`. */
static uint64_t semantic_key(const char *src, const struct token_list *toks)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;
	uint32_t k;

	for (i = 0; i < toks->n; i++) {
		const struct token *t = &toks->v[i];
		const char *s = src + t->start;
		uint32_t n = t->end - t->start;

		if (tok_is_comment(t) || tok_is_char(t, ';'))
			continue;
		if (t->kind == TOK_SCONST && n >= 2 && s[0] == '$') {
			h = body_key(h, s, n);
		} else if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
			for (k = 1; k + 1 < n; k++)
				if (!(s[k] == '"' && s[k + 1] == '"'))
					h = fnv(h, (unsigned char)s[k]);
		} else if (t->kind == TOK_IDENT || t->keyword) {
			for (k = 0; k < n; k++)
				h = fnv(h,
					(unsigned char)(s[k] >= 'A' && s[k] <= 'Z'
								? s[k] - 'A' +
									  'a'
								: s[k]));
		} else {
			for (k = 0; k < n; k++)
				h = fnv(h, (unsigned char)s[k]);
		}
		h = fnv(h, 0);
	}
	return h;
}

/*
 * libpg_query's splitter ends a statement only at a ";" outside
 * parentheses, so one unbalanced "(" (or an extra ")", which wraps its
 * count) joins all the statements after it into one that does not
 * parse. Such a span is split again with its parentheses blanked out
 * (same length, so offsets hold), that is at each ";" outside quotes,
 * dollar quotes and comments, and each piece is built on its own; the
 * statement built from the whole span and its marks (from `nmarks` on)
 * are dropped. Returns 1 when it did so, 0 when the span is one piece,
 * or FK_ENOMEM.
 */
static int build_pieces(struct builder *b, const struct span *sp, size_t nmarks)
{
	const char *text = b->out->text + sp->start;
	size_t len = sp->end - sp->start, i;
	struct span_list pieces = { 0 };
	bool was_in_pieces;
	char *blank;
	int err;

	if (!memchr(text, ';', len))
		return 0;
	if (!(blank = malloc(len + 1)))
		return FK_ENOMEM;
	for (i = 0; i < len; i++)
		blank[i] = text[i] == '(' || text[i] == ')' ? ' ' : text[i];
	blank[len] = '\0';
	err = split_sql(blank, len, &pieces);
	free(blank);
	if (err < 0 || pieces.n < 2)
		goto done;
	/* the comments after the last piece stay with it */
	pieces.v[pieces.n - 1].end = (uint32_t)len;
	b->out->nmarks = nmarks;
	was_in_pieces = b->in_pieces;
	b->in_pieces = true;
	for (i = 0; i < pieces.n && err == 0; i++) {
		struct span piece = { sp->start + pieces.v[i].start,
				      sp->start + pieces.v[i].end };

		err = build_one(b, &piece);
	}
	b->in_pieces = was_in_pieces;
	if (err == 0)
		err = 1;
done:
	span_list_release(&pieces);
	return err;
}

/*
 * The statement runs into a literal or comment not closed before the end
 * of the file: record what (the scanner's "unterminated …" message
 * without its position) and on which line it starts.
 */
static int note_unterminated(struct builder *b, struct stmt *st)
{
	static const char prefix[] = "unterminated ";
	const char *msg = b->toks.message, *near, *p = b->out->text;
	const char *end = b->out->text + b->toks.error_off;
	uint32_t line = 1;

	if (strncmp(msg, prefix, sizeof(prefix) - 1) != 0)
		return 0;
	msg += sizeof(prefix) - 1;
	near = strstr(msg, " at or near");
	st->unterminated =
		arena_printf(&b->out->arena, "%.*s",
			     near ? (int)(near - msg) : (int)strlen(msg), msg);
	if (!st->unterminated)
		return FK_ENOMEM;
	while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		line++;
		p++;
	}
	st->unterminated_line = line;
	return 0;
}

static int build_one(struct builder *b, const struct span *sp)
{
	struct statements *out = b->out;
	struct stmt *st;
	uint32_t first = sp->end, last = sp->end;
	size_t nmarks;
	int err;

	token_list_reset(&b->toks);
	if (sp->end - sp->start > BIG_STMT) {
		struct span peek = { sp->start, sp->start + BIG_PEEK };

		if ((err = copy_scratch(b, &peek)) < 0 ||
		    (err = lex_scan(&b->toks, b->scratch, BIG_PEEK,
				    sp->start)) < 0)
			return err;
		if (code_bounds(&b->toks, &first, &last) &&
		    !worth_parsing(b, first)) {
			/*
			 * A ";" outside quotes anywhere in it: it is many,
			 * joined after an unbalanced "(" or ")" (one more
			 * scan, when it holds a ";" byte at all).
			 */
			if (!b->in_pieces &&
			    (err = build_pieces(b, sp, out->nmarks)) != 0)
				return err < 0 ? err : 0;
			if ((err = add_marks(b, sp->start, first, out->n)) < 0)
				return err;
			return build_big(b, sp, first);
		}
		token_list_reset(&b->toks);
	}
	if ((err = copy_scratch(b, sp)) < 0 ||
	    (err = lex_scan(&b->toks, b->scratch, sp->end - sp->start,
			    sp->start)) < 0)
		return err;
	if (!code_bounds(&b->toks, &first, &last) && !b->toks.failed)
		return add_marks(b, sp->start, first, out->n);
	if (b->toks.failed && first == sp->end) {
		/* nothing but an unterminated literal or comment */
		first = b->toks.error_off;
		last = sp->end;
	}
	if (b->toks.failed)
		last = sp->end;
	nmarks = out->nmarks;
	if ((err = add_marks(b, sp->start, first, out->n)) < 0 ||
	    (err = array_grow((void **)&out->v, &out->cap, out->n,
			      sizeof(*out->v))) < 0)
		return err;
	st = &out->v[out->n];
	memset(st, 0, sizeof(*st));
	st->key = semantic_key(out->text, &b->toks);
	st->span.start = first;
	st->span.end = last;
	st->lead.start = sp->start;
	st->lead.end = first;
	if ((err = parse_stmt(b, st, sp->start)) < 0)
		return err;
	if (!st->parsed) {
		err = build_pieces(b, sp, nmarks);
		if (err != 0)
			return err < 0 ? err : 0;
	}
	if (b->toks.failed && sp->end == out->len &&
	    (err = note_unterminated(b, st)) < 0)
		return err;
	out->n++;
	return st->kind == STMT_OTHER ? build_do_body(b) : 0;
}

/*
 * The body of `DO $$ … $$` (the statement just built, whose tokens are in
 * b->toks), between its dollar quotes: false when it has none.
 */
static bool do_body(const struct builder *b, struct span *body)
{
	const char *src = b->out->text;
	const struct token *t = NULL;
	size_t i, tag;
	bool seen_do = false;

	for (i = 0; i < b->toks.n; i++) {
		const struct token *k = &b->toks.v[i];

		if (tok_is_comment(k))
			continue;
		if (!seen_do) {
			if (!tok_is_word(src, k, "do"))
				return false;
			seen_do = true;
		} else if (k->kind == TOK_SCONST) {
			t = k;
			break;
		}
	}
	if (!t || src[t->start] != '$')
		return false;
	for (tag = 1; t->start + tag < t->end && src[t->start + tag] != '$';
	     tag++)
		;
	tag++;
	if (t->end - t->start < 2 * tag)
		return false;
	body->start = t->start + (uint32_t)tag;
	body->end = t->end - (uint32_t)tag;
	return true;
}

/*
 * EXECUTE '<SQL>' at tokens v[i..] of the DO body: the literal's SQL, as
 * a span of the file, when it is one plain literal (no quote inside it to
 * undouble, nothing joined to it); false else.
 */
static bool execute_literal(const char *src, const struct token *v, size_t i,
			    size_t n, struct span *out)
{
	const struct token *t;

	if (!tok_is_word(src, &v[i], "execute") || i + 1 >= n)
		return false;
	t = &v[i + 1];
	if (t->kind != TOK_SCONST || src[t->start] != '\'' ||
	    t->end - t->start < 3 ||
	    memchr(src + t->start + 1, '\'', t->end - t->start - 2) ||
	    (i + 2 < n && !tok_is_char(&v[i + 2], ';')))
		return false;
	out->start = t->start + 1;
	out->end = t->end - 1;
	return true;
}

/*
 * SQL inside `DO $$ … $$`: the ALTER, CREATE and DROP statements of the
 * block's body, and the plain literals its EXECUTEs run, become
 * statements of their own, after the DO (in_do set), so that the rules
 * see the foreign keys and indexes it adds (older drizzle-kit wraps
 * every foreign key in one). A statement starts after BEGIN, THEN, ELSE,
 * LOOP or ";" and ends at the next ";". They run in the DO's transaction.
 */
static int build_do_body(struct builder *b)
{
	static const char *const starts[] = { "alter", "create", "drop" };
	static const char *const opens[] = { "begin", "then", "else", "loop" };
	const char *src = b->out->text;
	struct span body, lit;
	struct span_list found = { 0 };
	struct token_list tl = { 0 };
	size_t i, k, at = b->out->n - 1, before;
	bool boundary = true;
	int err;

	if (!do_body(b, &body) || body.end <= body.start)
		return 0;
	if ((err = copy_scratch(b, &body)) < 0 ||
	    (err = lex_scan(&tl, b->scratch, body.end - body.start,
			    body.start)) < 0)
		goto done;
	for (i = 0; i < tl.n && !err; i++) {
		const struct token *t = &tl.v[i];
		bool start = false;

		if (tok_is_comment(t))
			continue;
		for (k = 0; boundary && k < 3; k++)
			start |= tok_is_word(src, t, starts[k]);
		if (boundary && execute_literal(src, tl.v, i, tl.n, &lit)) {
			if (array_grow((void **)&found.v, &found.cap, found.n,
				       sizeof(*found.v)) < 0) {
				err = FK_ENOMEM;
				break;
			}
			found.v[found.n++] = lit;
			i++;
			boundary = false;
			continue;
		}
		if (start) {
			size_t j = i;
			int depth = 0;

			for (; j < tl.n; j++) {
				depth += tok_is_char(&tl.v[j], '(') -
					 tok_is_char(&tl.v[j], ')');
				if (depth <= 0 && tok_is_char(&tl.v[j], ';'))
					break;
			}
			if (array_grow((void **)&found.v, &found.cap, found.n,
				       sizeof(*found.v)) < 0) {
				err = FK_ENOMEM;
				break;
			}
			found.v[found.n].start = t->start;
			found.v[found.n++].end =
				j < tl.n ? tl.v[j].start : tl.v[tl.n - 1].end;
			i = j;
			boundary = true;
			continue;
		}
		boundary = tok_is_char(t, ';');
		for (k = 0; k < 4; k++)
			boundary |= tok_is_word(src, t, opens[k]);
	}
	for (i = 0; i < found.n && !err; i++) {
		before = b->out->n;
		err = build_one(b, &found.v[i]);
		for (k = before; k < b->out->n; k++)
			b->out->v[k].in_do = at + 1;
	}
done:
	span_list_release(&found);
	token_list_release(&tl);
	return err;
}

/* The splitter leaves out comments after the last statement. */
static int build_tail(struct builder *b, const struct span_list *spans)
{
	struct span tail = { 0, (uint32_t)b->out->len };

	if (spans->n) {
		tail.start = spans->v[spans->n - 1].end;
		if (tail.start < tail.end && b->out->text[tail.start] == ';')
			tail.start++;
	}
	if (tail.start >= tail.end)
		return 0;
	return build_one(b, &tail);
}

int statements_build(struct statements *out, const char *text, size_t len)
{
	struct builder b = { out, { 0 }, NULL, 0, false };
	struct span_list spans = { 0 };
	size_t i;
	int err;

	memset(out, 0, sizeof(*out));
	out->text = text;
	out->len = len;
	if ((err = split_sql(text, len, &spans)) < 0)
		goto done;
	for (i = 0; i < spans.n && !err; i++)
		err = build_one(&b, &spans.v[i]);
	if (!err && (err = build_tail(&b, &spans)) < 0)
		goto done;
	/* comments after the last statement belong to none */
	for (i = 0; i < out->nmarks; i++)
		if (out->marks[i].stmt >= out->n)
			out->marks[i].stmt = SIZE_MAX;
	/* kept for the whole file: give back what doubling left unused */
	if (out->n && out->n < out->cap) {
		struct stmt *v = realloc(out->v, out->n * sizeof(*v));

		if (v) {
			out->v = v;
			out->cap = out->n;
		}
	}
done:
	span_list_release(&spans);
	token_list_release(&b.toks);
	free(b.scratch);
	return err;
}

void statements_release(struct statements *list)
{
	arena_release(&list->arena);
	free(list->v);
	free(list->marks);
	memset(list, 0, sizeof(*list));
}

uint64_t statements_key(const struct statements *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;
	int k;

	for (i = 0; i < s->n; i++)
		for (k = 0; k < 8; k++)
			h = fnv(h, (unsigned char)(s->v[i].key >> (8 * k)));
	return h;
}
