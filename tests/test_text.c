/* Unit tests of text.c: UTF-8, widths, the ASCII fallback, sanitising. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

static void
test_decode(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(text_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(text_decode("\xc3\xa9", 2, &cp), 2);
	assert_int_equal(cp, 0xe9);
	assert_int_equal(text_decode("\xe2\x94\x80", 3, &cp), 3);
	assert_int_equal(cp, 0x2500);
	assert_int_equal(text_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1f600);
	/* Truncated, overlong, surrogate and stray bytes: one byte, U+FFFD. */
	assert_int_equal(text_decode("\xe2\x94", 2, &cp), 1);
	assert_int_equal(cp, 0xfffd);
	assert_int_equal(text_decode("\xc0\xaf", 2, &cp), 1);
	assert_int_equal(cp, 0xfffd);
	assert_int_equal(text_decode("\xed\xa0\x80", 3, &cp), 1);
	assert_int_equal(cp, 0xfffd);
	assert_int_equal(text_decode("\x80", 1, &cp), 1);
	assert_int_equal(cp, 0xfffd);
}

static void
test_encode_roundtrip(void **state)
{
	uint32_t cps[] = { 0x41, 0xe9, 0x2500, 0x1f600, 0x10ffff };
	char out[4];
	uint32_t back;
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof cps / sizeof cps[0]; i++) {
		n = text_encode(cps[i], out);
		assert_int_equal(text_decode(out, n, &back), n);
		assert_int_equal(back, cps[i]);
	}
}

static void
test_widths(void **state)
{
	(void)state;
	text_set_utf8(1);
	assert_int_equal(text_width("abc", 3), 3);
	assert_int_equal(text_width("\xe6\x97\xa5\xe6\x9c\xac", 6), 4);
	/* e + combining acute accent: one column. */
	assert_int_equal(text_width("e\xcc\x81", 3), 1);
	assert_int_equal(text_width("\x1b", 1), 2);
}

static void
test_terminal_safe(void **state)
{
	const char in[] = "a\x1b[31mred\x07\x9b" "b\xff" "c\tn\n";
	char *out;

	(void)state;
	text_set_utf8(1);
	out = text_for_terminal(in, sizeof in - 1);
	assert_null(strchr(out, 0x1b));
	assert_null(strchr(out, 0x07));
	assert_non_null(strstr(out, "^[[31mred^G"));
	assert_non_null(strstr(out, "\t"));
	assert_non_null(strstr(out, "\xef\xbf\xbd"));
	free(out);
	/* NUL bytes inside the text do not cut it short. */
	out = text_for_terminal("a\0b", 3);
	assert_string_equal(out, "a^@b");
	free(out);
}

static void
test_ascii_fallback(void **state)
{
	const char box[] = "\xe2\x94\x8c\xe2\x94\x80\xe2\x94\x90 \xe2\x94\x82 "
	    "\xe2\x80\x94 \xe2\x80\x9cq\xe2\x80\x9d \xe2\x97\x8f \xe6\x97\xa5";
	char *out;
	const char *p;

	(void)state;
	text_set_utf8(0);
	out = text_for_terminal(box, sizeof box - 1);
	assert_string_equal(out, "+-+ | - \"q\" * ?");
	for (p = out; *p != '\0'; p++)
		assert_true((unsigned char)*p < 0x80);
	assert_int_equal(text_width(box, sizeof box - 1), strlen(out));
	free(out);
	text_set_utf8(1);
}

/* Wraps s at width and joins the lines with '|'. */
static char *
wrap_all(const char *s, int width)
{
	static char out[512];
	size_t n = strlen(s), at = 0, len, next, o = 0;

	out[0] = '\0';
	while (at < n) {
		len = text_wrap_line(s + at, n - at, width, &next);
		if (o > 0)
			out[o++] = '|';
		memcpy(out + o, s + at, len);
		o += len;
		out[o] = '\0';
		at += next;
		if (next == 0)
			break;
	}
	return out;
}

static void
test_wrap(void **state)
{
	(void)state;
	text_set_utf8(1);
	/* Breaks after spaces; no line over the width; nothing lost. */
	assert_string_equal(wrap_all("new numbness, tingling or odd feeling",
	    12), "new|numbness,|tingling or|odd feeling");
	/* A word wider than the line is split, never dropped. */
	assert_string_equal(wrap_all("abcdefghij kl", 4), "abcd|efgh|ij|kl");
	/* Newlines start lines; blank lines stay. */
	assert_string_equal(wrap_all("a\n\nb", 10), "a||b");
	/* Wide characters count two columns. */
	assert_string_equal(wrap_all("\xe6\x97\xa5\xe6\x9c\xac \xe6\x97\xa5",
	    4), "\xe6\x97\xa5\xe6\x9c\xac|\xe6\x97\xa5");
	assert_string_equal(wrap_all("", 5), "");
}

static void
test_fit(void **state)
{
	char *s;

	(void)state;
	text_set_utf8(1);
	s = text_fit("How your spine is built", 10);
	assert_string_equal(s, "How your\xe2\x80\xa6");
	assert_true(text_width(s, strlen(s)) <= 10);
	free(s);
	s = text_fit("fits", 4);
	assert_string_equal(s, "fits");
	free(s);
	text_set_utf8(0);
	s = text_fit("odd feeling", 7);
	assert_string_equal(s, "odd...");
	free(s);
	text_set_utf8(1);
}

/* A field being typed into keeps its end in sight (attack 13, 14). */
static void
test_fit_tail(void **state)
{
	char *s;

	(void)state;
	text_set_utf8(1);
	s = text_fit_tail("the left side felt much looser", 10);
	assert_string_equal(s, "\xe2\x80\xa6" "ch looser");
	assert_int_equal(text_width(s, strlen(s)), 10);
	free(s);
	s = text_fit_tail("fits", 4);
	assert_string_equal(s, "fits");
	free(s);
	/* Whole characters only: é is two bytes, a wide one two columns. */
	s = text_fit_tail("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 3);
	assert_string_equal(s, "\xe2\x80\xa6\xc3\xa9\xc3\xa9");
	free(s);
	s = text_fit_tail("ab\xe6\x97\xa5\xe6\x9c\xac", 4);
	assert_string_equal(s, "\xe2\x80\xa6\xe6\x9c\xac");
	free(s);
	s = text_fit_tail("abc", 0);
	assert_string_equal(s, "");
	free(s);
	text_set_utf8(0);
	s = text_fit_tail("odd feeling", 7);
	assert_string_equal(s, "...ling");
	free(s);
	text_set_utf8(1);
}

static void
test_count(void **state)
{
	char b[32];

	(void)state;
	assert_string_equal(text_count(b, sizeof b, 1, "week", "weeks"),
	    "1 week");
	assert_string_equal(text_count(b, sizeof b, 0, "week", "weeks"),
	    "0 weeks");
	assert_string_equal(text_count(b, sizeof b, 2, "self-check",
	    "self-checks"), "2 self-checks");
}

/* Bidi controls never reach the terminal (attack14 #12); the clean-up
 * of libcmark's Markdown (#13); a folder fitted to a status line (#10). */
static void
test_bidi_and_paths(void **state)
{
	static const char rlo[] = "Evil \xe2\x80\xaetitle (3 a week)";
	char *t;

	(void)state;
	assert_true(text_is_bidi_control(0x202e));
	assert_true(text_is_bidi_control(0x2066));
	assert_true(text_is_bidi_control(0x200f));
	assert_false(text_is_bidi_control(0x200d));
	t = text_for_terminal(rlo, strlen(rlo));
	assert_string_equal(t, "Evil title (3 a week)");
	free(t);
	t = text_clean_utf8("a\xef\xbf\xbe b\xc2\x85 c\xfe d\xe2\x81\xa7" "e\x1b",
	    18);
	assert_string_equal(t, "a\xef\xbf\xbd b\xef\xbf\xbd c\xef\xbf\xbd de\x1b");
	free(t);
	t = text_fit_path("/home/ann/.local/share/backcare", "/home/ann", 80);
	assert_string_equal(t, "~/.local/share/backcare");
	free(t);
	t = text_fit_path("/home/ann/.local/share/backcare", "/home/ann", 18);
	assert_string_equal(t, ".../share/backcare");
	free(t);
	t = text_fit_path("/home/ann/.local/share/backcare", "/home/ann", 3);
	assert_string_equal(t, ".../backcare");
	free(t);
	t = text_fit_path("/home/annex/x", "/home/ann", 80);
	assert_string_equal(t, "/home/annex/x");
	free(t);
	t = text_fit_path("/srv/a/b", NULL, 6);
	assert_string_equal(t, ".../b");
	free(t);
}

/* text_wrap() of s after "- " (then "  ") in width, as a new string. */
static char *
wrapped(const char *s, size_t width)
{
	struct buf b = BUF_INIT;

	text_wrap(&b, s, width, "- ", "  ");
	return buf_detach(&b);
}

/*
 * A line that fits is copied whole (text_wrap's fast path); it must be
 * what the word-by-word wrap gives, which a leading space forces (the wrap
 * drops it): texts of letters, spaces, an accented letter and a control
 * character, at every width from 1 to 30, including the lines that fit
 * exactly and those a column too long.
 */
static void
test_wrap_one_line(void **state)
{
	static const char *const pieces[] = {
		"a", "bc", " ", "  ", "d\xc3\xa9" "f", "g\x01", "hijklmnop", "x"
	};
	unsigned seed = 17;
	char text[64], spaced[66], *fast, *slow;
	size_t i, k, width;

	(void)state;
	text_set_utf8(1);
	fast = wrapped("fits exactly", 14);
	assert_string_equal(fast, "- fits exactly\n");
	free(fast);
	fast = wrapped("one too long", 13);
	assert_string_equal(fast, "- one too\n  long\n");
	free(fast);
	for (i = 0; i < 4000; i++) {
		text[0] = '\0';
		for (k = 0; k < 1 + i % 7; k++) {
			seed = seed * 1103515245u + 12345u;
			strcat(text, pieces[(seed >> 16) % 8]);
		}
		width = 1 + i % 30;
		snprintf(spaced, sizeof spaced, " %s", text);
		fast = wrapped(text, width);
		slow = wrapped(spaced, width);
		assert_string_equal(fast, slow);
		free(fast);
		free(slow);
	}
}

/*
 * The fast path looks at eight bytes at once: a control character (two
 * columns, so a line of exactly the width no longer fits) or two spaces
 * side by side (the wrap makes them one) at any place of a line, across
 * the eight-byte steps too, must send the line the long way, as a
 * leading space does.
 */
static void
test_wrap_one_line_bytes(void **state)
{
	char text[24], spaced[26], *fast, *slow;
	size_t at, len = 19;
	int c;

	(void)state;
	text_set_utf8(1);
	for (c = 1; c < 0x80; c++) {
		if (c >= 0x21 && c < 0x7f)
			continue;
		for (at = 1; at + 1 < len; at++) {
			memset(text, 'a', len);
			text[len] = '\0';
			text[at] = (char)c;
			if (c == ' ')
				text[at + 1] = ' ';
			snprintf(spaced, sizeof spaced, " %s", text);
			fast = wrapped(text, len + 2);
			slow = wrapped(spaced, len + 2);
			assert_string_equal(fast, slow);
			free(fast);
			free(slow);
		}
	}
	/* one space is no reason to leave the fast path */
	fast = wrapped("abcdefg hijklmno pqrstuv", 26);
	assert_string_equal(fast, "- abcdefg hijklmno pqrstuv\n");
	free(fast);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_encode_roundtrip),
		cmocka_unit_test(test_widths),
		cmocka_unit_test(test_terminal_safe),
		cmocka_unit_test(test_ascii_fallback),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_wrap_one_line),
		cmocka_unit_test(test_wrap_one_line_bytes),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_fit_tail),
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_bidi_and_paths),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
