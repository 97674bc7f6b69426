#include "fingerprint.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "utf8.h"

#define FP_WINDOW 100	       /* characters hashed per line */
#define FP_BASE 37u	       /* the polynomial's base */
#define FP_END 0xffffu	       /* the character after the last one */
#define FP_REPLACEMENT 0xfffdu /* stands for each invalid byte */

/* How many lines so far had one hash value; count 0 marks a free slot. */
struct fp_count {
	uint64_t hash;
	size_t count;
};

/* Open addressing, linear probing; cap is a power of two, or 0. */
struct fp_counts {
	struct fp_count *slots;
	size_t cap;
	size_t used;
};

/*
 * The rolling hash over the last FP_WINDOW characters. window[index] is
 * the oldest, the next to leave; starts[i] says window[i] began a line
 * whose hash is still to come. Lines come out in order, so the next one
 * is simply appended to out.
 */
struct fp_state {
	uint64_t hash;
	uint64_t leave_mul; /* FP_BASE^FP_WINDOW: weight of the oldest */
	uint16_t window[FP_WINDOW];
	bool starts[FP_WINDOW];
	unsigned int index;
	bool line_start; /* the next character begins a line */
	bool prev_cr;	 /* the previous code unit was "\r" */
	struct line_hashes *out;
	size_t out_cap;
	struct fp_counts counts;
};

static size_t mix(uint64_t h)
{
	h ^= h >> 33;
	h *= UINT64_C(0xff51afd7ed558ccd);
	h ^= h >> 33;
	return (size_t)h;
}

static struct fp_count *counts_slot(struct fp_count *slots, size_t cap,
				    uint64_t hash)
{
	size_t i = mix(hash) & (cap - 1);

	while (slots[i].count && slots[i].hash != hash)
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

static int counts_grow(struct fp_counts *c)
{
	size_t cap = c->cap ? c->cap * 2 : 64, i;
	struct fp_count *slots;

	if (cap > SIZE_MAX / 2 / sizeof(*slots))
		return -1;
	slots = calloc(cap, sizeof(*slots));
	if (!slots)
		return -1;
	for (i = 0; i < c->cap; i++)
		if (c->slots[i].count)
			*counts_slot(slots, cap, c->slots[i].hash) =
				c->slots[i];
	free(c->slots);
	c->slots = slots;
	c->cap = cap;
	return 0;
}

/* Counts one more line with `hash`: its 1-based occurrence, or 0. */
static size_t counts_bump(struct fp_counts *c, uint64_t hash)
{
	struct fp_count *slot;

	if (c->used + 1 > c->cap / 2 && counts_grow(c) < 0)
		return 0;
	slot = counts_slot(c->slots, c->cap, hash);
	if (!slot->count) {
		slot->hash = hash;
		c->used++;
	}
	return ++slot->count;
}

/* Writes "hex:count" into dst[0..size); false when it does not fit. */
static bool format_hash(char *dst, size_t size, uint64_t hash, size_t count)
{
	static const char digits[] = "0123456789abcdef";
	char dec[32]; /* 20 digits at most */
	size_t hex_len = 1, dec_len = 0, i;
	uint64_t rest;

	for (rest = hash >> 4; rest; rest >>= 4)
		hex_len++;
	do {
		dec[dec_len++] = (char)('0' + count % 10);
		count /= 10;
	} while (count);
	if (hex_len + 1 + dec_len + 1 > size)
		return false;
	for (i = hex_len; i-- > 0; hash >>= 4)
		dst[i] = digits[hash & 0xf];
	dst[hex_len] = ':';
	for (i = 0; i < dec_len; i++)
		dst[hex_len + 1 + i] = dec[dec_len - 1 - i];
	dst[hex_len + 1 + dec_len] = '\0';
	return true;
}

/* Records the hash of the line that began with the oldest character. */
static int emit_line(struct fp_state *st)
{
	struct line_hashes *out = st->out;
	void *v = out->v;
	size_t count;

	st->starts[st->index] = false;
	if (array_grow(&v, &st->out_cap, out->n, sizeof(*out->v)) < 0) {
		errno = ENOMEM;
		return -1;
	}
	out->v = v;
	count = counts_bump(&st->counts, st->hash);
	if (!count) {
		errno = ENOMEM;
		return -1;
	}
	if (!format_hash(out->v[out->n], sizeof(*out->v), st->hash, count)) {
		errno = EOVERFLOW;
		return -1;
	}
	out->n++;
	return 0;
}

/* Shifts c into the window, the oldest character out. */
static void roll(struct fp_state *st, unsigned int c)
{
	uint64_t leaving = st->window[st->index];

	st->window[st->index] = (uint16_t)c;
	st->hash = st->hash * FP_BASE + c - st->leave_mul * leaving;
	st->index = (st->index + 1) % FP_WINDOW;
}

/* One UTF-16 code unit of the text, or FP_END. */
static int add_unit(struct fp_state *st, unsigned int c)
{
	if (c == ' ' || c == '\t' || (c == '\n' && st->prev_cr)) {
		st->prev_cr = false;
		return 0;
	}
	st->prev_cr = c == '\r';
	if (c == '\r')
		c = '\n';
	if (st->starts[st->index] && emit_line(st) < 0)
		return -1;
	if (st->line_start) {
		st->line_start = false;
		st->starts[st->index] = true;
	}
	if (c == '\n')
		st->line_start = true;
	roll(st, c);
	return 0;
}

/* One code point, as one code unit or a surrogate pair. */
static int add_code_point(struct fp_state *st, uint32_t cp)
{
	if (cp < 0x10000)
		return add_unit(st, cp);
	cp -= 0x10000;
	if (add_unit(st, 0xd800 + (cp >> 10)) < 0)
		return -1;
	return add_unit(st, 0xdc00 + (cp & 0x3ff));
}

/*
 * Decodes the character at s[0..len) (len > 0) into *cp and returns its
 * length in bytes: a well-formed sequence, or one invalid byte as U+FFFD.
 */
static size_t decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	size_t n = utf8_seq_len(s, len), i;

	if (n == 0) {
		*cp = FP_REPLACEMENT;
		return 1;
	}
	*cp = n == 1 ? s[0] : s[0] & (0x7fu >> n);
	for (i = 1; i < n; i++)
		*cp = (*cp << 6) | (s[i] & 0x3fu);
	return n;
}

static int add_text(struct fp_state *st, const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;

	while (i < len) {
		uint32_t cp = s[i];
		size_t n = 1;

		if (cp >= 0x80)
			n = decode(s + i, len - i, &cp);
		if (add_code_point(st, cp) < 0)
			return -1;
		i += n;
	}
	return 0;
}

/* The end mark, then zeros until every line's hash is out. */
static int finish(struct fp_state *st)
{
	unsigned int i;

	if (add_unit(st, FP_END) < 0)
		return -1;
	for (i = 0; i < FP_WINDOW; i++) {
		if (st->starts[st->index] && emit_line(st) < 0)
			return -1;
		roll(st, 0);
	}
	return 0;
}

static void state_init(struct fp_state *st, struct line_hashes *out)
{
	unsigned int i;

	memset(st, 0, sizeof(*st));
	st->leave_mul = 1;
	for (i = 0; i < FP_WINDOW; i++)
		st->leave_mul *= FP_BASE;
	st->line_start = true;
	st->out = out;
}

int line_hashes_compute(struct line_hashes *out, const char *text, size_t len)
{
	struct fp_state st;
	int ret;

	out->v = NULL;
	out->n = 0;
	state_init(&st, out);
	ret = add_text(&st, text, len);
	if (ret == 0)
		ret = finish(&st);
	free(st.counts.slots);
	if (ret < 0) {
		int e = errno;

		line_hashes_release(out);
		errno = e;
	} else if (st.out_cap > out->n) {
		void *v = realloc(out->v, out->n * sizeof(*out->v));

		if (v)
			out->v = v;
	}
	return ret;
}

void line_hashes_release(struct line_hashes *h)
{
	free(h->v);
	h->v = NULL;
	h->n = 0;
}

const char *line_hashes_get(const struct line_hashes *h, uint32_t line)
{
	if (h->n == 0)
		return "";
	if (line < 1 || line > h->n)
		return h->v[0];
	return h->v[line - 1];
}
