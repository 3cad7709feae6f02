/* Unit tests of util.c: buffers, parsers, formatting. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "strpool.h"
#include "util.h"

static void
test_buf_grows(void **state)
{
	struct buf b = BUF_INIT;
	int i;
	char *s;

	(void)state;
	for (i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i);
	assert_int_equal(b.len, strlen(b.data));
	assert_true(strncmp(b.data, "0,1,2,", 6) == 0);
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	buf_adds(&b, "x");
	buf_addc(&b, 'y');
	s = buf_detach(&b);
	assert_string_equal(s, "xy");
	assert_null(b.data);
	free(s);
	s = buf_detach(&b);   /* an empty buffer hands out "" */
	assert_string_equal(s, "");
	free(s);
}

static void
test_parse_long(void **state)
{
	long v = -1;

	(void)state;
	assert_int_equal(util_parse_long("42", 0, 120, &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(util_parse_long("0", 0, 120, &v), 0);
	assert_int_equal(util_parse_long("120", 0, 120, &v), 0);
	assert_int_equal(util_parse_long("121", 0, 120, &v), -1);
	assert_int_equal(util_parse_long("-1", 0, 120, &v), -1);
	assert_int_equal(util_parse_long("", 0, 120, &v), -1);
	assert_int_equal(util_parse_long(" 4", 0, 120, &v), -1);
	assert_int_equal(util_parse_long("4x", 0, 120, &v), -1);
	assert_int_equal(util_parse_long("99999999999999999999", 0, 120, &v),
	    -1);
}

static void
test_parse_duration(void **state)
{
	static const struct {
		const char *in;
		long want;   /* -1: rejected */
	} cases[] = {
		{ "90s", 90 }, { "2m", 120 }, { "1m30s", 90 }, { "45", 45 },
		{ "0s", 0 }, { "30m", 1800 }, { "1m", 60 }, { "", -1 },
		{ "s", -1 }, { "m", -1 }, { "1h", -1 }, { "1s30m", -1 },
		{ "1m1m", -1 }, { "1 m", -1 }, { "-5s", -1 }, { "5s5", -1 },
		{ "2m 10s", -1 }, { "99999999999s", -1 },
	};
	size_t i;
	long v;

	(void)state;
	for (i = 0; i < BC_ARRAY_LEN(cases); i++) {
		v = -7;
		if (cases[i].want < 0)
			assert_int_equal(util_parse_duration(cases[i].in, &v),
			    -1);
		else {
			assert_int_equal(util_parse_duration(cases[i].in, &v),
			    0);
			assert_int_equal(v, cases[i].want);
		}
	}
}

static void
test_format(void **state)
{
	char out[32];

	(void)state;
	util_format_clock(0, out, sizeof out);
	assert_string_equal(out, "0:00");
	util_format_clock(61, out, sizeof out);
	assert_string_equal(out, "1:01");
	util_format_clock(3725, out, sizeof out);
	assert_string_equal(out, "1:02:05");
	util_format_clock(-5, out, sizeof out);
	assert_string_equal(out, "0:00");
	util_format_duration(90, out, sizeof out);
	assert_string_equal(out, "1m30s");
	util_format_duration(120, out, sizeof out);
	assert_string_equal(out, "2m");
	util_format_duration(45, out, sizeof out);
	assert_string_equal(out, "45s");
}

static void
test_trim_and_strings(void **state)
{
	char s[] = " \t hello world \r\n";
	char *p;

	(void)state;
	assert_string_equal(util_trim(s), "hello world");
	p = xasprintf("%s-%d", "a", 7);
	assert_string_equal(p, "a-7");
	free(p);
	p = xstrndup("abcdef", 3);
	assert_string_equal(p, "abc");
	free(p);
}

static void
test_read_file(void **state)
{
	char path[] = "/tmp/bc_test_util_XXXXXX";
	int fd = mkstemp(path);
	size_t len = 0;
	char *text;

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "a\0b", 3), 3);
	close(fd);
	text = util_read_file(path, &len);
	assert_non_null(text);
	assert_int_equal(len, 3);
	assert_int_equal(text[1], '\0');
	assert_int_equal(text[3], '\0');
	free(text);
	unlink(path);
	assert_null(util_read_file(path, &len));
}

/* xgrow keeps every element while it doubles. */
static void
test_grow(void **state)
{
	size_t *a = NULL, n, i;

	(void)state;
	for (n = 0; n < 1000; n++) {
		a = xgrow(a, n, sizeof *a);
		a[n] = n * 7;
	}
	for (i = 0; i < n; i++)
		assert_int_equal(a[i], i * 7);
	free(a);
}

/* The map finds what was put, across many growths, and replaces values. */
static void
test_strmap(void **state)
{
	struct strmap m = STRMAP_INIT;
	char key[32];
	size_t i;

	(void)state;
	assert_null(strmap_get(&m, "a"));
	for (i = 0; i < 5000; i++) {
		snprintf(key, sizeof key, "k%zu", i);
		strmap_put(&m, key, i);
	}
	strmap_put(&m, "k17", 99);
	assert_int_equal(m.n, 5000);
	for (i = 0; i < 5000; i++) {
		snprintf(key, sizeof key, "k%zu", i);
		assert_non_null(strmap_get(&m, key));
		assert_int_equal(*strmap_get(&m, key), i == 17 ? 99 : i);
	}
	assert_null(strmap_get(&m, "k5000"));
	assert_null(strmap_get(&m, ""));
	strmap_free(&m);
	assert_null(strmap_get(&m, "k1"));
}

/* Repeated anchors are numbered as GitHub does, skipping taken names. */
static void
test_unique_slug(void **state)
{
	static const char *in[] = { "a-1", "a", "a", "a", "a-2-1", "a-2", "b" };
	static const char *want[] = { "a-1", "a", "a-2", "a-3", "a-2-1",
	    "a-2-2", "b" };
	struct strmap seen = STRMAP_INIT;
	char *s;
	size_t i;

	(void)state;
	for (i = 0; i < BC_ARRAY_LEN(in); i++) {
		s = util_unique_slug(&seen, in[i]);
		assert_string_equal(s, want[i]);
		free(s);
	}
	strmap_free(&seen);
}

/* A store message puts the reason first, the file after (attack 13). */
static void
test_reason_first(void **state)
{
	char b[128];

	(void)state;
	assert_string_equal(util_reason_first("/a/p.db: saving: full",
	    "/a/p.db", b, sizeof b), "saving: full (/a/p.db)");
	assert_string_equal(util_reason_first("/a/p.dbx: saving", "/a/p.db",
	    b, sizeof b), "/a/p.dbx: saving");
	assert_string_equal(util_reason_first("no path here", NULL, b,
	    sizeof b), "no path here");
	assert_string_equal(util_reason_first(NULL, "/a", b, sizeof b), "");
	assert_string_equal(util_reason_first("/a/p.db: x", "/a/p.db", b, 5),
	    "x (/");
}

/* Equal bytes give one copy; other bytes, NULs included, their own; all
 * survive the table's growth and the blocks filling up, a string longer
 * than a block included. */
static void
test_strpool(void **state)
{
	struct strpool *p = strpool_new();
	char key[32], *first[1000], *big = xmalloc(40000);
	char *a, *b;
	int i;

	(void)state;
	a = strpool_intern(p, "completed", 9);
	b = strpool_intern(p, "completed!", 9);
	assert_ptr_equal(a, b);
	assert_string_equal(a, "completed");
	assert_ptr_not_equal(strpool_intern(p, "complete", 8), a);
	assert_string_equal(strpool_intern(p, "", 0), "");
	assert_ptr_not_equal(strpool_intern(p, "a\0b", 3),
	    strpool_intern(p, "a\0c", 3));
	for (i = 0; i < 1000; i++) {
		snprintf(key, sizeof key, "routine-%d-%0*d", i, i % 20, 0);
		first[i] = strpool_intern(p, key, strlen(key));
	}
	memset(big, 'x', 40000);
	assert_int_equal(strlen(strpool_intern(p, big, 40000)), 40000);
	for (i = 0; i < 1000; i++) {
		snprintf(key, sizeof key, "routine-%d-%0*d", i, i % 20, 0);
		assert_ptr_equal(strpool_intern(p, key, strlen(key)), first[i]);
		assert_string_equal(first[i], key);
	}
	assert_ptr_equal(strpool_intern(p, "completed", 9), a);
	free(big);
	strpool_free(p);
	strpool_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_grows),
		cmocka_unit_test(test_parse_long),
		cmocka_unit_test(test_parse_duration),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_trim_and_strings),
		cmocka_unit_test(test_read_file),
		cmocka_unit_test(test_grow),
		cmocka_unit_test(test_strmap),
		cmocka_unit_test(test_strpool),
		cmocka_unit_test(test_unique_slug),
		cmocka_unit_test(test_reason_first),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
