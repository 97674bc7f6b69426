/*
 * primaryLocationLineHash: the vectors of github/codeql-action's
 * src/fingerprints.test.ts (v4.36.3, commit f3f1edbe; the test "hash" and
 * the two results of "addFingerprints"), then UTF-16, invalid UTF-8 and
 * edge cases whose values come from upstream's algorithm run by Node.js.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fingerprint.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Hashes a copy of text[0..len) of exactly len bytes, for valgrind. */
static void compute(struct line_hashes *h, const char *text, size_t len)
{
	char *copy = malloc(len ? len : 1);

	cr_assert(copy);
	memcpy(copy, text, len);
	cr_assert_eq(line_hashes_compute(h, copy, len), 0);
	free(copy);
}

static void check(const char *text, size_t len, const char *const *want,
		  size_t n)
{
	struct line_hashes h;
	size_t i;

	compute(&h, text, len);
	cr_expect_eq(h.n, n, "%zu lines, expected %zu", h.n, n);
	for (i = 0; i < n && i < h.n; i++)
		cr_expect_str_eq(h.v[i], want[i], "line %zu", i + 1);
	line_hashes_release(&h);
}

/* text: a string literal or char array, its length taken by sizeof */
#define CHECK(text, want) check(text, sizeof(text) - 1, want, NELEM(want))

/* The seven lines of upstream's "hello" texts with a final line break. */
static const char *const hello_terminated[] = {
	"e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1",
	"e20e36e16fcb0cc8:1", "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1",
	"c129715d7a2bc9a3:1",
};

Test(fingerprint, upstream_empty_file)
{
	static const char *const want[] = { "c129715d7a2bc9a3:1" };

	CHECK("", want);
}

Test(fingerprint, upstream_spaces_and_tabs)
{
	static const char *const want[] = {
		"271789c17abda88f:1",
		"54703d4cd895b18:1",
		"180aee12dab6264:1",
		"a23a3dc5e078b07b:1",
	};

	CHECK(" a\nb\n  \t\tc\n d", want);
}

Test(fingerprint, upstream_no_final_newline)
{
	static const char *const want[] = {
		"8b7cf3e952e7aeb2:1", "b1ae1287ec4718d9:1",
		"bff680108adb0fcc:1", "c6805c5e1288b612:1",
		"b86d3392aea1be30:1", "e6ceba753e1a442:1",
	};

	CHECK(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End", want);
}

Test(fingerprint, upstream_lf)
{
	CHECK(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n",
	      hello_terminated);
}

Test(fingerprint, upstream_cr)
{
	CHECK(" hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r",
	      hello_terminated);
}

Test(fingerprint, upstream_crlf)
{
	CHECK(" hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n",
	      hello_terminated);
}

Test(fingerprint, upstream_mixed_line_ends)
{
	CHECK(" hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n",
	      hello_terminated);
}

Test(fingerprint, upstream_repeated_lines)
{
	static const char line[] = "Lorem ipsum dolor sit amet.\n";
	static const char *const want[] = {
		"a7f2ff13bc495cf2:1", "a7f2ff13bc495cf2:2",
		"a7f2ff13bc495cf2:3", "a7f2ff13bc495cf2:4",
		"a7f2ff13bc495cf2:5", "a7f2ff13bc495cf2:6",
		"a7f2ff1481e87703:1", "a9cf91f7bbf1862b:1",
		"55ec222b86bcae53:1", "cc97dc7b1d7d8f7b:1",
		"c129715d7a2bc9a3:1",
	};
	char text[10 * (sizeof(line) - 1) + 1];
	size_t i;

	for (i = 0; i < 10; i++)
		memcpy(text + i * (sizeof(line) - 1), line, sizeof(line));
	CHECK(text, want);
}

Test(fingerprint, upstream_reassignments)
{
	static const char *const want[] = {
		"e54938cc54b302f1:1", "bb609acbe9138d60:1",
		"1131fd5871777f34:1", "5c482a0f8b35ea28:1",
		"54517377da7028d2:1", "2c644846cb18d53e:1",
		"f1b89f20de0d133:1",  "c129715d7a2bc9a3:1",
	};

	CHECK("x = 2\nx = 1\nprint(x)\nx = 3\nprint(x)\nx = 4\nprint(x)\n",
	      want);
}

/* addFingerprints: src/testdata/testFile1.js line 1, testFile2.js line 2 */
Test(fingerprint, upstream_add_fingerprints)
{
	static const char file1[] =
		"var a = 0;\nvar b = 0;\nvar c = 0;\nvar d = 0;\n";
	static const char file2[] =
		"var foo = 0;\nvar bar = 0;\nvar baz = 0;\nvar qux = 0;\n";
	struct line_hashes h;

	compute(&h, file1, sizeof(file1) - 1);
	cr_expect_str_eq(line_hashes_get(&h, 1), "5e4d5a9cf1294ad9:1");
	line_hashes_release(&h);
	compute(&h, file2, sizeof(file2) - 1);
	cr_expect_str_eq(line_hashes_get(&h, 2), "f7592a95a9381ac0:1");
	line_hashes_release(&h);
}

/* U+1F600 is the surrogates D83D DE00, not one unit F600 */
Test(fingerprint, emoji_is_a_surrogate_pair)
{
	static const char *const want[] = {
		"4c551b8610d52790:1",
		"998f47628db7efd9:1",
		"c129715d7a2bc9a3:1",
	};
	static const char *const want_bmp[] = {
		"943af2176c93c763:1",
		"998f47628db7efd9:1",
		"c129715d7a2bc9a3:1",
	};

	CHECK("-- \xf0\x9f\x98\x80 smile\nSELECT 1;\n", want);
	CHECK("-- \xef\x98\x80 smile\nSELECT 1;\n", want_bmp);
}

/* Bad bytes, a UTF-8 surrogate, an overlong NUL, a stray continuation. */
Test(fingerprint, invalid_utf8_one_replacement_per_byte)
{
	static const char *const want[] = {
		"28ce206da3eb63a:1",
		"52bc0f1ca488be0f:1",
		"8989dec65f08d110:1",
	};

	CHECK("a\xff\xfe"
	      "b\n\xed\xa0\x80\xc0\x80\n\x80",
	      want);
	CHECK("a\xef\xbf\xbd\xef\xbf\xbd"
	      "b\n\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
	      "\xef\xbf\xbd\n\xef\xbf\xbd",
	      want);
}

/*
 * A truncated sequence is one U+FFFD per byte here; Node.js makes it one
 * U+FFFD ("3d3e97bd1785fee7:1" for both texts below).
 */
Test(fingerprint, invalid_utf8_truncated_sequences)
{
	static const char *const want2[] = {
		"14e2a725ea27e970:1",
		"c129715d7a2bc9a3:1",
	};
	static const char *const want3[] = {
		"896a8be38efbdb05:1",
		"c129715d7a2bc9a3:1",
	};

	CHECK("x\xe2\x82y\n", want2);
	CHECK("x\xf0\x9f\x98y\n", want3);
}

Test(fingerprint, invalid_utf8_never_crashes)
{
	static const char tails[][4] = {
		"\xf0", "\xf0\x9f", "\xf0\x9f\x98", "\xe2", "\xe2\x82", "\xc3",
	};
	struct line_hashes h;
	char bytes[256];
	size_t i;

	for (i = 0; i < sizeof(bytes); i++)
		bytes[i] = (char)(255 - i);
	compute(&h, bytes, sizeof(bytes));
	/* the CR at 0x0d then the LF at 0x0a: two line ends */
	cr_expect_eq(h.n, 3);
	line_hashes_release(&h);
	for (i = 0; i < NELEM(tails); i++) {
		compute(&h, tails[i], strlen(tails[i]));
		cr_expect_eq(h.n, 1);
		cr_expect_neq(line_hashes_get(&h, 1)[0], '\0');
		line_hashes_release(&h);
	}
}

Test(fingerprint, bom_nul_and_cr_space_lf)
{
	static const char *const bom[] = {
		"ff581c1991fa6548:1",
		"c129715d7a2bc9a3:1",
	};
	static const char *const nul[] = {
		"636f257f958bb544:1",
		"c129715d7a2bc9a3:1",
	};
	/* the space ends "\r\n": two line ends */
	static const char *const cr_space_lf[] = {
		"67c066a59e652f5e:1",
		"cc4c43d77869440f:1",
		"8ee5a81e681643c1:1",
	};

	CHECK("\xef\xbb\xbfSELECT 1;\n", bom);
	CHECK("a\0b\n", nul);
	CHECK("a\r \nb", cr_space_lf);
}

/* A line longer than the window: only its first 100 characters count. */
Test(fingerprint, line_longer_than_window)
{
	static const char *const want[] = {
		"d57476d8cef2ef4d:1",
		"1cc0ac04c6956ce:1",
		"c129715d7a2bc9a3:1",
	};
	char text[256];
	size_t n = 0, i;

	n += (size_t)snprintf(text + n, sizeof(text) - n, "SELECT ");
	for (i = 0; i < 40; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "%sc%zu",
				      i ? ", " : "", i);
	n += (size_t)snprintf(text + n, sizeof(text) - n,
			      " FROM t;\nSELECT 2;\n");
	cr_assert_eq(n, 214);
	check(text, n, want, NELEM(want));
}

Test(fingerprint, get_out_of_range_and_released)
{
	struct line_hashes h;

	compute(&h, "a\nb", 3);
	cr_assert_eq(h.n, 2);
	cr_expect_str_eq(line_hashes_get(&h, 2), h.v[1]);
	cr_expect_str_eq(line_hashes_get(&h, 0), h.v[0]);
	cr_expect_str_eq(line_hashes_get(&h, 3), h.v[0]);
	cr_expect_str_eq(line_hashes_get(&h, UINT32_MAX), h.v[0]);
	line_hashes_release(&h);
	cr_expect_str_eq(line_hashes_get(&h, 1), "");
	line_hashes_release(&h);
}

/* "x\n" over a million times: counts of seven digits fit. */
Test(fingerprint, large_counts_fit)
{
	size_t lines = 1000100, i;
	char *text = malloc(2 * lines);
	struct line_hashes h;

	cr_assert(text);
	for (i = 0; i < lines; i++)
		memcpy(text + 2 * i, "x\n", 2);
	cr_assert_eq(line_hashes_compute(&h, text, 2 * lines), 0);
	cr_expect_eq(h.n, lines + 1);
	cr_expect_eq(strcmp(strchr(h.v[1000000], ':'), ":1000001"), 0, "%s",
		     h.v[1000000]);
	line_hashes_release(&h);
	free(text);
}
