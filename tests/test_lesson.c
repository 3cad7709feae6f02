/* Unit tests of lesson.c: title, links, questions, validation. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "lesson.h"
#include "md.h"
#include "util.h"

static struct lesson *
parse(const char *file, const char *md)
{
	return lesson_parse(file, md, strlen(md));
}

static void
test_title(void **state)
{
	struct lesson *l = parse("dir/pain.md", "Intro line.\n\n# The *real* "
	    "title\n\n# Second\n");

	(void)state;
	assert_string_equal(l->id, "pain");
	assert_string_equal(l->title, "The real title");
	assert_int_equal(l->title_line, 3);
	lesson_free(l);
	l = parse("x.md", "## Only a section\n");
	assert_null(l->title);
	lesson_free(l);
}

static void
test_links_and_lines(void **state)
{
	struct lesson *l = parse("a.md", "# A\n\nFirst line of a paragraph\n"
	    "with [b](b.md) on line four\nand [c](../lessons/c.md#part) on "
	    "five.\n\n[web](https://example.org) [self](#a)\n");

	(void)state;
	assert_int_equal(l->nlinks, 4);
	assert_string_equal(l->links[0].lesson, "b");
	assert_int_equal(l->links[0].line, 4);
	assert_string_equal(l->links[1].lesson, "c");
	assert_string_equal(l->links[1].anchor, "part");
	assert_int_equal(l->links[1].line, 5);
	assert_int_equal(l->links[2].kind, LAYOUT_LINK_EXTERNAL);
	assert_int_equal(l->links[2].line, 7);
	assert_int_equal(l->links[3].kind, LAYOUT_LINK_ANCHOR);
	lesson_free(l);
}

static void
test_slugs_and_questions(void **state)
{
	struct lesson *l = parse("a.md", "# A title\n\n## Why it hurts?\n\n"
	    "## Check yourself\n\n1. First question?\n\n   Answer: one.\n\n"
	    "2. Second *question*?\n\n   Answer: two.\n\n3. No answer here\n");

	(void)state;
	assert_int_equal(l->nslugs, 3);
	assert_true(lesson_has_anchor(l, "a-title"));
	assert_true(lesson_has_anchor(l, "why-it-hurts"));
	assert_true(lesson_has_anchor(l, "check-yourself"));
	assert_false(lesson_has_anchor(l, "nope"));
	assert_int_equal(l->nquestions, 3);
	assert_string_equal(l->questions[0], "First question?");
	assert_string_equal(l->questions[1], "Second question?");
	assert_int_equal(l->nanswers, 2);
	lesson_free(l);
}

/* A tiny lookup over a fixed set of lessons. */
static struct lesson *known[4];

static const struct lesson *
lookup(void *ctx, const char *id)
{
	size_t i;

	(void)ctx;
	for (i = 0; i < BC_ARRAY_LEN(known) && known[i] != NULL; i++)
		if (strcmp(known[i]->id, id) == 0)
			return known[i];
	return NULL;
}

static void
test_validate(void **state)
{
	struct diag d = DIAG_INIT;
	struct lesson *l;
	char *out = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	known[0] = parse("glossary.md", "# Glossary\n\n## Fascia\n\nTissue.\n");
	known[1] = NULL;
	l = parse("les/bad.md", "Text first.\n\n[ok](glossary.md#fascia)\n"
	    "[gone](missing.md)\n[dead](glossary.md#nerve)\n[here](#nowhere)\n"
	    "[web](http://x.org/y.md)\n");
	assert_int_equal(lesson_validate(l, lookup, NULL, &d), 4);
	f = open_memstream(&out, &len);
	diag_print(&d, f);
	fclose(f);
	assert_string_equal(out,
	    "les/bad.md:1: no title: a lesson starts with a level-1 heading "
	    "(# Title)\n"
	    "les/bad.md:4: link to 'missing.md': there is no lesson "
	    "'missing'\n"
	    "les/bad.md:5: link to 'glossary.md#nerve': glossary has no "
	    "heading '#nerve'\n"
	    "les/bad.md:6: link to '#nowhere': this lesson has no heading "
	    "'#nowhere'\n");
	free(out);
	diag_free(&d);
	lesson_free(l);
	l = parse("good.md", "# Good\n\n[g](glossary.md#fascia) [s](#good) "
	    "[me](good.md#good)\n");
	assert_int_equal(lesson_validate(l, lookup, NULL, &d), 0);
	assert_int_equal(d.n, 0);
	lesson_free(l);
	lesson_free(known[0]);
	known[0] = NULL;
}

static void
test_unreadable(void **state)
{
	struct diag d = DIAG_INIT;
	struct lesson *l;

	(void)state;
	l = lesson_load("/nonexistent/dir/x.md", &d);
	assert_true(l->unreadable);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.items[0].line, 0);
	assert_non_null(strstr(d.items[0].msg, "cannot read"));
	assert_int_equal(lesson_validate(l, lookup, NULL, &d), 0);
	lesson_free(l);
	diag_free(&d);
}

static void
test_hostile(void **state)
{
	static const char md[] = "# T\033[2Jitle\0x\n\n[a\033](b\033.md)\n";
	struct lesson *l = lesson_parse("h.md", md, sizeof md - 1);
	struct diag d = DIAG_INIT;
	size_t i;

	(void)state;
	assert_non_null(l->title);
	assert_int_equal(lesson_validate(l, lookup, NULL, &d), 1);
	for (i = 0; d.items[0].msg[i] != '\0'; i++)
		assert_int_not_equal(d.items[0].msg[i], '\033');
	diag_free(&d);
	lesson_free(l);
}

static void
test_status_words(void **state)
{
	(void)state;
	assert_string_equal(lesson_status(0, 0), "unread");
	assert_string_equal(lesson_status(5, 0), "read");
	assert_string_equal(lesson_status(5, 6), "self-check done");
	assert_true(lesson_id_hidden("glossary"));
	assert_false(lesson_id_hidden("intro"));
	{
		char *id = lesson_id_of("/a/b/spine-anatomy.md");

		assert_string_equal(id, "spine-anatomy");
		free(id);
	}
}

/* GitHub-style tables are found with their line; fenced ones, pipes
 * without a delimiter row and a lone rule are not tables. */
static void
test_pipe_tables(void **state)
{
	const char *t = "# T\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n\n"
	    "```\n| x |\n|---|\n```\n\na | b\n--- | ---\n\n"
	    "just | pipes\nmore | pipes\n\n---\n";

	(void)state;
	assert_int_equal(md_find_pipe_table(t, strlen(t), 1), 3);
	assert_int_equal(md_find_pipe_table(t, strlen(t), 4), 12);
	assert_int_equal(md_find_pipe_table(t, strlen(t), 13), 0);
	assert_int_equal(md_find_pipe_table("", 0, 1), 0);
}

/* lesson_title_of(md) says what the whole parse says. */
static void
title_same(const char *md, size_t len)
{
	struct lesson *l = lesson_parse("t.md", md, len);
	char *t = lesson_title_of(md, len);

	if ((l->title == NULL) != (t == NULL) ||
	    (t != NULL && strcmp(l->title, t) != 0))
		fail_msg("whole parse '%s', title only '%s', text:\n%.*s",
		    l->title != NULL ? l->title : "(none)",
		    t != NULL ? t : "(none)", (int)len, md);
	free(t);
	lesson_free(l);
}

/* A filler of n bytes of prose lines, to pass the first cut. */
static void
filler(struct buf *b, size_t n)
{
	while (b->len < n)
		buf_adds(b, "Some words of prose, said plainly.\n");
}

static void
test_title_alone(void **state)
{
	static const char *const after[] = {
		"\n# Late title\n",
		"Setext\ntitle\n===\n",
		"\n# See [the notes][n]\n\n[n]: /x\n",
		"\n```\n# not a title\n\n# still code\n```\n# Real\n",
		"\n<!--\n\n# in a comment\n\n-->\n# After comment\n",
		"\n> # Quoted title\n",
		"\n- item\n\n  # Title in an item\n",
		"\n    # indented code\n\n# Title\n",
		"\n## Section only\n",
		"\n# \\[escaped\\] title\n",
		"\n# A &amp; B\n",
		"\n<div>\n\n# after html\n",
		"",
	};
	static const char *const frag[] = {
		"# One\n", "Two\n===\n", "\n", "   \n", "\t\r\n", "```\n",
		"<!--\n", "-->\n", "> ", "- ", "    # code\n", "[n]: /u\n",
		"# [n]\n", "para [n]\n", "\r", "<pre>\n", "</pre>\n", "text\n",
		"---\n", "~~~\n", "1. x\n", "# T [a](b)\n",
	};
	struct buf b = BUF_INIT;
	size_t i, k, pre;
	unsigned seed = 7;

	(void)state;
	for (pre = 0; pre <= 2048; pre += 1024)
		for (i = 0; i < sizeof after / sizeof *after; i++) {
			buf_reset(&b);
			filler(&b, pre);
			buf_adds(&b, after[i]);
			title_same(b.data, b.len);
			/* CR line ends throughout. */
			for (k = 0; k < b.len; k++)
				if (b.data[k] == '\n')
					b.data[k] = '\r';
			title_same(b.data, b.len);
		}
	/* Random texts of the fragments, around the first cut. */
	for (i = 0; i < 3000; i++) {
		buf_reset(&b);
		filler(&b, (seed = seed * 1103515245u + 12345u) % 1400);
		for (k = 0; k < 40; k++) {
			seed = seed * 1103515245u + 12345u;
			buf_adds(&b, frag[(seed >> 16) % (sizeof frag /
			    sizeof *frag)]);
		}
		title_same(b.data, b.len);
	}
	buf_free(&b);
	assert_null(lesson_title_load("/nonexistent/lesson.md"));
}

/*
 * A text that opens with "# ..." takes its title without a parse when the
 * line is plain (lesson_title_plain): random first lines of plain and
 * special characters, and what may follow them, say what the whole
 * parse says.
 */
static void
test_title_first_line(void **state)
{
	static const char *const fixed[] = {
		"# Plain title\n", "#  Spaced   words  \n", "# A - b: (c)!\n",
		"# t #\n", "# t ##  \n", "#\tTab\n", "   # Indented\n",
		"# CR line\r\nnext\n", "# CR alone\rnext\n", "# \n\n# Real\n",
		"#No space\n\n# Real\n", "# a *b*\n", "# a_b_\n", "# x `c`\n",
		"# caf\xc3\xa9\n", "# see [n]\n\n[n]: /u\n", "# a &amp; b\n",
		"# a\\b\n", "# <b>x</b>\n", "# last line, no end",
		"# x\n===\n", "# x\n    code\n", "# a ~~b~~\n", "# 100% {ok} |\n",
	};
	static const char alphabet[] = " ,.:;'\"?()/+=%$@^|{}!-aZ09#*_[]"
	    "\\`<>&~\t\r\x01\xc3\xa9";
	static const char *const rest[] = {
		"", "\n", "\nText.\n", "\n===\n", "\n\n[n]: /x\n",
		"\n\n# Second\n",
	};
	struct buf b = BUF_INIT;
	size_t i, k, n;
	unsigned seed = 11;

	(void)state;
	for (i = 0; i < sizeof fixed / sizeof *fixed; i++)
		title_same(fixed[i], strlen(fixed[i]));
	for (i = 0; i < 4000; i++) {
		buf_reset(&b);
		buf_adds(&b, "# ");
		seed = seed * 1103515245u + 12345u;
		n = (seed >> 16) % 24;
		for (k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			/* Mostly plain letters, sometimes a special. */
			buf_addc(&b, (seed >> 16) % 4 != 0 ? "abc XYZ"[(seed >>
			    8) % 7] : alphabet[(seed >> 16) % (sizeof alphabet -
			    1)]);
		}
		buf_adds(&b, rest[i % (sizeof rest / sizeof *rest)]);
		title_same(b.data, b.len);
	}
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_title),
		cmocka_unit_test(test_title_alone),
		cmocka_unit_test(test_title_first_line),
		cmocka_unit_test(test_links_and_lines),
		cmocka_unit_test(test_slugs_and_questions),
		cmocka_unit_test(test_validate),
		cmocka_unit_test(test_unreadable),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_status_words),
		cmocka_unit_test(test_pipe_tables),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
