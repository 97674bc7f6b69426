#ifndef FKAUDIT_FUZZ_PROPS_H
#define FKAUDIT_FUZZ_PROPS_H

/*
 * What the fuzz harnesses (fuzz/fuzz_*.c) check beyond "no crash". Each
 * check abort()s, after one line on standard error, when its property
 * does not hold, so that libFuzzer (or the replay of fuzz/regressions/)
 * reports the input. Nothing here uses the core's own line map or UTF-8
 * code: positions and characters are recomputed independently.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "result.h"
#include "srcmap.h"

/* libFuzzer's entry point, defined by each harness. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Prints "fuzz: property violated: …" and aborts. */
void fuzz_fail(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));

/* Whether s[0..n) is well-formed UTF-8 (Unicode Table 3-7). */
bool fuzz_utf8_valid(const char *s, size_t n);

/*
 * The 1-based line and column of byte `off` of `text`, as core/statements/linemap.h
 * defines them: lines end at "\n"; columns count Unicode code points,
 * one per byte that is not part of a well-formed sequence, a tab one;
 * a "\r" just before "\n" is no column; a UTF-8 byte order mark at the
 * start is no column (an offset inside it is column 1).
 */
void fuzz_locate(const char *text, size_t len, size_t off, uint32_t *line,
		 uint32_t *col);

/* What a finding's offsets are relative to. */
struct fuzz_file {
	const char *text; /* the file as given, before any blanking */
	size_t len;
	/*
	 * NULL: findings' spans are offsets of `text`. Else they are
	 * offsets of a text built from it (Django's SQL, `built_len`
	 * bytes), mapped back through `map`.
	 */
	const struct srcmap *map;
	size_t built_len;
};

/*
 * Checks finding `f` against its file: its span lies inside the file (or
 * the built text), line:column of both ends agree with the offsets,
 * the snippet is a piece of its line and the underline lies in it.
 */
void fuzz_check_finding(const struct finding *f, const struct fuzz_file *file);

/*
 * Checks the result as a whole: each finding names a file and a rule;
 * then renders it through the text reporter into memory (and, with
 * `all_formats`, the JSON, SARIF and JUnit ones) and checks that each
 * report is valid UTF-8 (and the JSON ones parse).
 */
void fuzz_check_reports(const struct result *res, bool all_formats);

#endif
