#include "lex.h"

#include <pg_query.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "array.h"
#include "error.h"
#include "utf8.h"

/*
 * libpg_query returns the tokens as a protobuf ScanResult:
 *   message ScanResult { int32 version = 1; repeated ScanToken tokens = 2; }
 *   message ScanToken { int32 start = 1; int32 end = 2;
 *                       Token token = 4; KeywordKind keyword_kind = 5; }
 * The five fields are varints, so a decoder of a few lines replaces a
 * dependency on protobuf-c. A field that holds 0 is not written.
 */
struct pb {
	const uint8_t *p;
	const uint8_t *end;
};

static int pb_varint(struct pb *pb, uint64_t *out)
{
	uint64_t v = 0;
	int shift = 0;

	while (pb->p < pb->end && shift < 64) {
		uint8_t b = *pb->p++;

		v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			*out = v;
			return 0;
		}
		shift += 7;
	}
	return -1;
}

static int pb_skip(struct pb *pb, unsigned wire)
{
	uint64_t n;

	switch (wire) {
	case 0:
		return pb_varint(pb, &n);
	case 1:
		n = 8;
		break;
	case 2:
		if (pb_varint(pb, &n) < 0)
			return -1;
		break;
	case 5:
		n = 4;
		break;
	default:
		return -1;
	}
	if (n > (uint64_t)(pb->end - pb->p))
		return -1;
	pb->p += n;
	return 0;
}

/*
 * proto3 leaves out a field that holds its default: a token that starts
 * at offset 0 has no start field, so every field starts at its default.
 */
static int token_decode(struct pb *pb, struct token *t, uint32_t base)
{
	uint64_t key, v;

	memset(t, 0, sizeof(*t));
	t->start = base;
	t->end = base;
	while (pb->p < pb->end) {
		if (pb_varint(pb, &key) < 0)
			return -1;
		if ((key & 7) != 0) {
			if (pb_skip(pb, key & 7) < 0)
				return -1;
			continue;
		}
		if (pb_varint(pb, &v) < 0)
			return -1;
		switch (key >> 3) {
		case 1:
			t->start = (uint32_t)v + base;
			break;
		case 2:
			t->end = (uint32_t)v + base;
			break;
		case 4:
			t->kind = (uint16_t)v;
			break;
		case 5:
			t->keyword = (uint8_t)v;
			break;
		}
	}
	return 0;
}

static int list_push(struct token_list *list, const struct token *t)
{
	if (array_grow((void **)&list->v, &list->cap, list->n,
		       sizeof(*list->v)) < 0)
		return FK_ENOMEM;
	list->v[list->n++] = *t;
	return 0;
}

static int decode_all(struct token_list *out, const PgQueryProtobuf *buf,
		      uint32_t base)
{
	struct pb pb = { (const uint8_t *)buf->data,
			 (const uint8_t *)buf->data + buf->len };
	uint64_t key, len;

	while (pb.p < pb.end) {
		if (pb_varint(&pb, &key) < 0)
			return 0;
		if (key == ((2 << 3) | 2)) {
			struct pb sub;
			struct token t;

			if (pb_varint(&pb, &len) < 0 ||
			    len > (uint64_t)(pb.end - pb.p))
				return 0;
			sub.p = pb.p;
			sub.end = pb.p + len;
			pb.p += len;
			if (token_decode(&sub, &t, base) == 0 &&
			    list_push(out, &t) < 0)
				return FK_ENOMEM;
		} else if (pb_skip(&pb, key & 7) < 0) {
			return 0;
		}
	}
	return 0;
}

static void set_message(struct token_list *out, const char *msg)
{
	snprintf(out->message, sizeof(out->message), "%s", msg);
}

int lex_scan(struct token_list *out, const char *text, size_t len,
	     uint32_t base)
{
	PgQueryScanResult r = pg_query_scan(text);
	int err = 0;

	if (r.error) {
		size_t off = 0;
		char *prefix;

		if (r.error->cursorpos > 0)
			off = utf8_pg_char_offset(
				text, len, (size_t)r.error->cursorpos - 1);
		out->failed = true;
		out->error_off = base + (uint32_t)off;
		set_message(out, r.error->message);
		pg_query_free_scan_result(r);
		/* the tokens before the failure are still worth having */
		if (off == 0 || !(prefix = strndup(text, off)))
			return off == 0 ? 0 : FK_ENOMEM;
		r = pg_query_scan(prefix);
		if (!r.error)
			err = decode_all(out, &r.pbuf, base);
		pg_query_free_scan_result(r);
		free(prefix);
		return err;
	}
	err = decode_all(out, &r.pbuf, base);
	pg_query_free_scan_result(r);
	return err;
}

void token_list_reset(struct token_list *list)
{
	list->n = 0;
	list->failed = false;
	list->error_off = 0;
	list->message[0] = '\0';
}

void token_list_release(struct token_list *list)
{
	free(list->v);
	memset(list, 0, sizeof(*list));
}

bool tok_is_word(const char *src, const struct token *t, const char *word)
{
	size_t n = strlen(word);

	if (t->kind != TOK_IDENT && t->keyword == 0)
		return false;
	if (t->end - t->start != n)
		return false;
	return strncasecmp(src + t->start, word, n) == 0;
}

char *tok_ident(struct arena *arena, const char *src, const struct token *t)
{
	const char *s = src + t->start;
	size_t n = t->end - t->start, i, k = 0;
	char *out;

	if (t->kind == TOK_IDENT && n >= 2 && s[0] == '"') {
		out = arena_alloc(arena, n);
		if (!out)
			return NULL;
		for (i = 1; i + 1 < n; i++) {
			out[k++] = s[i];
			if (s[i] == '"' && s[i + 1] == '"')
				i++;
		}
		out[k] = '\0';
		return out;
	}
	if (t->kind != TOK_IDENT && t->keyword == 0)
		return NULL;
	out = arena_strndup(arena, s, n);
	if (!out)
		return NULL;
	for (i = 0; i < n; i++) /* PostgreSQL folds ASCII letters only */
		if (out[i] >= 'A' && out[i] <= 'Z')
			out[i] = (char)(out[i] - 'A' + 'a');
	return out;
}
