/* Unit tests of layout.c: every construct, widths, hostile bytes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "layout.h"
#include "text.h"
#include "util.h"

static cmark_node *
parse(const char *md)
{
	return cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
}

static struct layout *
build(const char *md, int width, int flags)
{
	cmark_node *doc = parse(md);
	struct layout *L = layout_build(doc, width, flags);

	cmark_node_free(doc);
	return L;
}

/* The plain rendering of md at width (caller frees). */
static char *
plain(const char *md, int width)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	cmark_node *doc = parse(md);

	assert_int_equal(layout_write_plain(doc, width, f), 0);
	fclose(f);
	cmark_node_free(doc);
	return out;
}

static char *
line_text(const struct layout *L, size_t i)
{
	struct buf b = BUF_INIT;

	layout_line_text(L, i, &b);
	return buf_detach(&b);
}

/* Every line's width is within width, and the recorded width is true. */
static void
check_widths(const struct layout *L, int width)
{
	size_t i;
	char *t;

	for (i = 0; i < L->nlines; i++) {
		t = line_text(L, i);
		if (text_width(t, strlen(t)) > (size_t)width ||
		    text_width(t, strlen(t)) != L->lines[i].width)
			fail_msg("width %d line %zu: '%s' is %zu wide "
			    "(recorded %u)", width, i, t,
			    text_width(t, strlen(t)), L->lines[i].width);
		assert_null(strchr(t, '\033'));
		free(t);
	}
}

static void
test_headings(void **state)
{
	char *out = plain("# Title here\n\n## Sub\n\n### Third\n\nText.\n", 40);
	struct layout *L;

	(void)state;
	assert_string_equal(out, "Title here\n==========\n\nSub\n---\n\n"
	    "Third\n\nText.\n");
	free(out);
	L = build("# Title *here*\n\n### Third\n", 40, 0);
	assert_string_equal(L->title, "Title here");
	assert_int_equal(LAYOUT_HEADING(L->spans[L->lines[0].span].style), 1);
	assert_true(L->spans[L->lines[0].span].style & LAYOUT_BOLD);
	assert_true(L->lines[1].flags & LAYOUT_LINE_HEADING);
	assert_true(L->spans[L->lines[1].span].style & LAYOUT_RULE);
	assert_int_equal(LAYOUT_HEADING(L->spans[L->lines[3].span].style), 3);
	layout_free(L);
}

static void
test_lists_hanging_indent(void **state)
{
	char *out = plain("1. alpha beta gamma delta\n2. two\n"
	    "   - nested item words here\n   - x\n\nAfter.\n", 16);

	(void)state;
	assert_string_equal(out,
	    "1. alpha beta\n"
	    "   gamma delta\n"
	    "2. two\n"
	    "   \xe2\x97\xa6 nested item\n"
	    "     words here\n"
	    "   \xe2\x97\xa6 x\n"
	    "\n"
	    "After.\n");
	free(out);
	out = plain("- a\n\n- b\n", 20);
	assert_string_equal(out, "\xe2\x80\xa2 a\n\n\xe2\x80\xa2 b\n");
	free(out);
	out = plain("3) c\n-\n", 20);
	assert_string_equal(out, "3) c\n\n\xe2\x80\xa2\n");
	free(out);
}

static void
test_quotes(void **state)
{
	char *out = plain("Before.\n\n> quoted words that wrap\n>\n> more\n", 14);

	(void)state;
	assert_string_equal(out, "Before.\n\n"
	    "\xe2\x94\x82 quoted words\n"
	    "\xe2\x94\x82 that wrap\n"
	    "\xe2\x94\x82\n"
	    "\xe2\x94\x82 more\n");
	free(out);
}

static void
test_wide_and_combining(void **state)
{
	struct layout *L;
	char *t;

	(void)state;
	L = build("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\n", 5, 0);
	assert_int_equal(L->nlines, 2);
	t = line_text(L, 0);
	assert_string_equal(t, "\xe6\x97\xa5\xe6\x9c\xac");
	assert_int_equal(L->lines[0].width, 4);
	free(t);
	check_widths(L, 5);
	layout_free(L);
	/* e + combining acute is one column. */
	L = build("cafe\xcc\x81 ok\n", 7, 0);
	assert_int_equal(L->nlines, 1);
	assert_int_equal(L->lines[0].width, 7);
	layout_free(L);
	L = build("cafe\xcc\x81 ok\n", 6, 0);
	assert_int_equal(L->nlines, 2);
	assert_int_equal(L->lines[0].width, 4);
	layout_free(L);
	/* A wide character never fits in one column: shown as '?'. */
	L = build("\xe6\x97\xa5\n", 1, 0);
	check_widths(L, 1);
	layout_free(L);
}

static void
test_tabs_and_long_words(void **state)
{
	char word[101], *out;
	struct layout *L;
	size_t i;

	(void)state;
	out = plain("a\tb\n\n```\nx\ty\n```\n", 20);
	assert_string_equal(out, "a b\n\n  x   y\n");
	free(out);
	memset(word, 'w', 100);
	word[100] = '\0';
	L = build(word, 10, 0);
	assert_int_equal(L->nlines, 10);
	for (i = 0; i < 10; i++)
		assert_int_equal(L->lines[i].width, 10);
	layout_free(L);
	out = plain("short wwwwwwwwwwwwwwwwwwwwwwwww end\n", 10);
	assert_string_equal(out, "short\nwwwwwwwwww\nwwwwwwwwww\nwwwww end\n");
	free(out);
}

static const char sample[] =
    "# A title that is fairly long \xe2\x80\x94 with a dash\n\n"
    "Some *emphasis*, **strong**, `code span`, a [link](other.md#x) and "
    "[web](https://example.org/a/very/long/path/indeed) plus "
    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe6\x96\x87 and "
    "cafe\xcc\x81.\n\n"
    "> quote with - list:\n> 1. one two three\n>    - deep deeper deepest\n\n"
    "```diagram\n\xe2\x94\x8c\xe2\x94\x80\xe2\x94\x90 box line here "
    "that is long\n```\n\n"
    "    code\tblock with a long line that goes on and on and on\n\n"
    "***\n\n![alt text](x.png) <span>html</span>\n\n<div>\nblock\n</div>\n\n"
    "Hard  \nbreak and "
    "supercalifragilisticexpialidocious-words-without-spaces.\n\n"
    "## Check yourself\n\n1. Question one?\n\n   Answer: yes.\n";

static void
test_all_widths(void **state)
{
	struct layout *L;
	cmark_node *doc = parse(sample);
	int w;

	(void)state;
	for (w = 1; w <= 300; w++) {
		L = layout_build(doc, w, 0);
		check_widths(L, w);
		layout_free(L);
		L = layout_build(doc, w, LAYOUT_HIDE_ANSWERS);
		check_widths(L, w);
		layout_free(L);
	}
	cmark_node_free(doc);
}

static void
test_empty(void **state)
{
	struct layout *L = build("", 80, 0);
	char *out = plain("", 80);

	(void)state;
	assert_int_equal(L->nlines, 0);
	assert_null(L->title);
	assert_int_equal(layout_line_for_source(L, 5), 0);
	assert_int_equal(layout_find_anchor(L, "x"), -1);
	layout_free(L);
	assert_string_equal(out, "");
	free(out);
}

static void
test_deep_nesting(void **state)
{
	struct buf b = BUF_INIT;
	struct layout *L;
	int i, w;

	(void)state;
	for (i = 0; i < 1000; i++)
		buf_adds(&b, ">");
	buf_adds(&b, " deep text here\n\n");
	for (i = 0; i < 1000; i++) {
		int k;

		for (k = 0; k < i * 2; k++)
			buf_addc(&b, ' ');
		buf_adds(&b, "- item\n");
	}
	for (w = 1; w <= 120; w += 7) {
		L = build(b.data, w, 0);
		assert_true(L->nlines > 0);
		check_widths(L, w);
		layout_free(L);
	}
	buf_free(&b);
}

static void
test_hostile_bytes(void **state)
{
	static const char md[] = "a\033[31mred\033]0;title\007 b\0 c\x7f d"
	    "\xc2\x9b e \xff\xfe f\n\n```\n\033[2J\n```\n";
	cmark_node *doc = cmark_parse_document(md, sizeof md - 1,
	    CMARK_OPT_DEFAULT);
	char *out = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&out, &len);

	(void)state;
	assert_int_equal(layout_write_plain(doc, 40, f), 0);
	fclose(f);
	cmark_node_free(doc);
	for (i = 0; i < len; i++) {
		assert_int_not_equal(out[i], '\033');
		assert_int_not_equal(out[i], '\007');
		assert_int_not_equal(out[i], '\0');
		assert_int_not_equal((unsigned char)out[i], 0x9b);
		assert_int_not_equal(out[i], 0x7f);
	}
	assert_non_null(strstr(out, "a^[[31mred"));
	assert_non_null(strstr(out, "^?"));
	assert_non_null(strstr(out, "^[[2J"));
	free(out);
}

static void
test_code_blocks_clipped(void **state)
{
	struct layout *L = build("```\n0123456789abcdefghij\nshort\n```\n",
	    12, 0);
	const struct layout_span *s;
	char *t;

	(void)state;
	assert_int_equal(L->nlines, 2);
	t = line_text(L, 0);
	assert_string_equal(t, "  012345678\xe2\x80\xba");
	free(t);
	s = &L->spans[L->lines[0].span + L->lines[0].nspans - 1];
	assert_true(s->style & LAYOUT_CLIP);
	assert_true(L->spans[L->lines[0].span].style & LAYOUT_CODE);
	t = line_text(L, 1);
	assert_string_equal(t, "  short");
	free(t);
	check_widths(L, 12);
	layout_free(L);
	/* A diagram is not indented and keeps its own line breaks. */
	L = build("```diagram\n\xe2\x94\x8c\xe2\x94\x80\xe2\x94\x90\n"
	    "\xe2\x94\x94\xe2\x94\x80\xe2\x94\x98\n```\n", 40, 0);
	assert_int_equal(L->nlines, 2);
	assert_true(L->spans[L->lines[0].span].style & LAYOUT_DIAGRAM);
	assert_int_equal(L->lines[0].width, 3);
	layout_free(L);
}

static void
test_links(void **state)
{
	struct layout *L = build("# T\n\nSee [the discs](spine-anatomy.md) "
	    "and [fascia](glossary.md#fascia), [up](#t), [NHS](https://nhs.uk)"
	    " and <https://x.org>.\n", 30, 0);
	char *t;
	size_t i;
	int seen = 0;

	(void)state;
	assert_int_equal(L->nlinks, 5);
	assert_int_equal(L->links[0].kind, LAYOUT_LINK_LESSON);
	assert_string_equal(L->links[0].lesson, "spine-anatomy");
	assert_null(L->links[0].anchor);
	assert_int_equal(L->links[1].kind, LAYOUT_LINK_LESSON);
	assert_string_equal(L->links[1].lesson, "glossary");
	assert_string_equal(L->links[1].anchor, "fascia");
	assert_int_equal(L->links[2].kind, LAYOUT_LINK_ANCHOR);
	assert_string_equal(L->links[2].anchor, "t");
	assert_int_equal(L->links[3].kind, LAYOUT_LINK_EXTERNAL);
	assert_int_equal(L->links[0].src_line, 3);
	/* Each link's line holds a span of it. */
	for (i = 0; i < L->nlinks; i++) {
		const struct layout_line *ln = &L->lines[L->links[i].line];
		size_t k;
		int found = 0;

		for (k = ln->span; k < ln->span + ln->nspans; k++)
			if (L->spans[k].link == (int32_t)i &&
			    (L->spans[k].style & LAYOUT_LINK))
				found = 1;
		assert_true(found);
	}
	for (i = 0; i < L->nlines; i++) {
		t = line_text(L, i);
		if (strstr(t, "<https://nhs.uk>") != NULL)
			seen = 1;
		assert_null(strstr(t, "<https://x.org>"));
		free(t);
	}
	assert_true(seen);
	check_widths(L, 30);
	layout_free(L);
}

static void
test_link_parse(void **state)
{
	char *l, *a;

	(void)state;
	assert_int_equal(layout_link_parse("https://a.b/c.md", &l, &a),
	    LAYOUT_LINK_EXTERNAL);
	assert_int_equal(layout_link_parse("mailto:x@y", &l, &a),
	    LAYOUT_LINK_EXTERNAL);
	assert_int_equal(layout_link_parse("picture.png", &l, &a),
	    LAYOUT_LINK_EXTERNAL);
	assert_int_equal(layout_link_parse("../lessons/pain.md#why-it-hurts",
	    &l, &a), LAYOUT_LINK_LESSON);
	assert_string_equal(l, "pain");
	assert_string_equal(a, "why-it-hurts");
	free(l);
	free(a);
	assert_int_equal(layout_link_parse("#here", &l, &a),
	    LAYOUT_LINK_ANCHOR);
	assert_null(l);
	assert_string_equal(a, "here");
	free(a);
}

static void
test_anchors(void **state)
{
	static const char heading[] = "What\xe2\x80\x99s a disc? \xe2\x80\x94 "
	    "\xc3\x89tude \xc2\xbd \xf0\x9f\x98\x80 \xe6\x97\xa5";
	struct layout *L = build("# Why it hurts!\n\n## Why it hurts!\n\n"
	    "## Discs & `nerves` (2)\n\n## Caf\xc3\xa9 au lait\n", 40, 0);
	char *s;

	(void)state;
	assert_int_equal(L->nanchors, 4);
	assert_string_equal(L->anchors[0].slug, "why-it-hurts");
	assert_string_equal(L->anchors[1].slug, "why-it-hurts-1");
	assert_string_equal(L->anchors[2].slug, "discs--nerves-2");
	assert_string_equal(L->anchors[3].slug, "caf\xc3\xa9-au-lait");
	assert_int_equal(layout_find_anchor(L, "why-it-hurts"), 0);
	assert_int_equal(layout_find_anchor(L, "why-it-hurts-1"), 3);
	assert_int_equal(layout_find_anchor(L, "nope"), -1);
	layout_free(L);
	s = layout_slug("Check Yourself", 14);
	assert_string_equal(s, "check-yourself");
	free(s);
	/* Unicode punctuation goes, letters stay (lower-cased). */
	s = layout_slug(heading, strlen(heading));
	assert_string_equal(s, "whats-a-disc--\xc3\xa9tude---\xe6\x97\xa5");
	free(s);
}

static void
test_answers(void **state)
{
	static const char md[] = "# T\n\nAnswer: not in the check.\n\n"
	    "## Check yourself\n\n1. Why?\n\n   Answer: because.\n\n"
	    "2. How?\n\n   Answer: gently.\n";
	struct layout *L = build(md, 40, 0);
	size_t i, answers = 0;
	char *t;

	(void)state;
	for (i = 0; i < L->nlines; i++) {
		t = line_text(L, i);
		if (strstr(t, "Answer: because") || strstr(t, "Answer: gently"))
			assert_true(L->lines[i].flags & LAYOUT_LINE_ANSWER);
		if (strstr(t, "not in the check") || strstr(t, "Why?"))
			assert_false(L->lines[i].flags & LAYOUT_LINE_ANSWER);
		if (L->lines[i].flags & LAYOUT_LINE_ANSWER && *t != '\0')
			answers++;
		free(t);
	}
	assert_int_equal(answers, 2);
	layout_free(L);
	L = build(md, 40, LAYOUT_HIDE_ANSWERS);
	for (i = 0; i < L->nlines; i++) {
		t = line_text(L, i);
		assert_null(strstr(t, "because"));
		free(t);
	}
	answers = 0;
	for (i = 0; i < L->nlines; i++) {
		t = line_text(L, i);
		if (strstr(t, "Answer hidden") != NULL)
			answers++;
		free(t);
	}
	assert_int_equal(answers, 2);
	layout_free(L);
}

static void
test_source_lines(void **state)
{
	static const char md[] = "# Title\n\nPara one has quite a few words "
	    "so that it wraps.\n\nPara two\nstarts on line five and also "
	    "wraps around.\n\n## Later\n\nEnd.\n";
	cmark_node *doc = parse(md);
	struct layout *a = layout_build(doc, 20, 0), *b;
	size_t i, top, again;
	char *t1, *t2;

	(void)state;
	for (i = 0; i + 1 < a->nlines; i++)
		assert_true(a->lines[i].src_line <= a->lines[i + 1].src_line);
	top = layout_line_for_source(a, 5);
	t1 = line_text(a, top);
	assert_string_equal(t1, "Para two starts on");
	assert_int_equal(a->lines[top].src_line, 5);
	/* Re-wrapped wider: the same block is found at the top. */
	b = layout_build(doc, 60, 0);
	again = layout_line_for_source(b, a->lines[top].src_line);
	t2 = line_text(b, again);
	assert_true(strncmp(t2, "Para two", 8) == 0);
	assert_int_equal(layout_line_for_source(b, 9999), b->nlines - 1);
	free(t1);
	free(t2);
	layout_free(a);
	layout_free(b);
	cmark_node_free(doc);
}

static void
test_inline_kinds(void **state)
{
	char *out = plain("![a spine](s.png) <b>raw</b> x\\\ny\n\n---\n\n"
	    "<div>\n<script>alert(1)</script>\n</div>\n", 20);

	(void)state;
	assert_string_equal(out, "[image: a spine]\n<b>raw</b> x\ny\n\n"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\n\n"
	    "<div>\n<script>alert(1)</s\xe2\x80\xba\n</div>\n");
	free(out);
}

static void
test_styles(void **state)
{
	struct layout *L = build("*it* **bo** `co` [li](a.md)\n", 40, 0);
	uint32_t want[] = { LAYOUT_ITALIC, LAYOUT_BOLD, LAYOUT_CODE,
	    LAYOUT_LINK };
	size_t i, k;
	int found;

	(void)state;
	for (i = 0; i < BC_ARRAY_LEN(want); i++) {
		found = 0;
		for (k = 0; k < L->nspans; k++)
			if (L->spans[k].style & want[i])
				found = 1;
		assert_true(found);
	}
	layout_free(L);
}

static void
test_ascii_fallback(void **state)
{
	char *out;

	(void)state;
	text_set_utf8(0);
	out = plain("> - caf\xc3\xa9 \xe2\x80\x94 x\n\n```diagram\n"
	    " \xe2\x94\x8c\xe2\x94\x80\xe2\x94\x90 a\n```\n", 40);
	text_set_utf8(1);
	assert_string_equal(out, "| * cafe - x\n\n +-+ a\n");
	free(out);
}

/* The CommonMark spec examples at every width: no crash, no overflow. */
static void
test_spec_examples(void **state)
{
	const char *top = getenv("TOP_SRCDIR");
	char *path, *text;
	size_t len;
	cmark_node *doc;
	struct layout *L;
	int w;

	(void)state;
	if (top == NULL)
		skip();
	path = xasprintf("%s/tests/fixtures/commonmark-spec-examples.md", top);
	text = util_read_file(path, &len);
	assert_non_null(text);
	doc = cmark_parse_document(text, len, CMARK_OPT_DEFAULT);
	for (w = 1; w <= 300; w++) {
		L = layout_build(doc, w, w % 2 ? LAYOUT_HIDE_ANSWERS : 0);
		assert_true(L->nlines > 1000);
		check_widths(L, w);
		layout_free(L);
	}
	cmark_node_free(doc);
	free(text);
	free(path);
}

/* md through the chunked writer and through one whole parse: the same. */
static void
check_chunked_is_whole(const struct buf *md)
{
	char *whole = NULL, *chunked = NULL;
	size_t wl = 0, cl = 0;
	FILE *f;
	cmark_node *doc;

	f = open_memstream(&chunked, &cl);
	assert_int_equal(layout_write_plain_text(md->data, md->len, 50, f), 0);
	fclose(f);
	doc = cmark_parse_document(md->data, md->len, CMARK_OPT_DEFAULT);
	f = open_memstream(&whole, &wl);
	assert_int_equal(layout_write_plain(doc, 50, f), 0);
	fclose(f);
	cmark_node_free(doc);
	assert_int_equal(wl, cl);
	assert_true(memcmp(whole, chunked, wl) == 0);
	free(whole);
	free(chunked);
}

/* The chunked writer gives the same text as one whole parse. */
static void
test_chunked_plain(void **state)
{
	struct buf md = BUF_INIT;
	int i;

	(void)state;
	for (i = 0; md.len < 5 * 1024 * 1024; i++)
		buf_printf(&md, "## Part %d\n\nSome *words* in a paragraph "
		    "that wraps around the edge of the line, number %d.\n\n"
		    "- a list\n- of two\n\n> quoted\n\n```\ncode %d\n```\n\n",
		    i, i, i);
	check_chunked_is_whole(&md);
	buf_free(&md);
}

/*
 * Link reference definitions reach the whole file in the chunked writer
 * too: defined long before or long after their use, in a quote or a list
 * item, on two lines, twice (the first wins), inside code (no
 * definition), and uses that stay text ("[none]").
 */
static void
test_chunked_definitions(void **state)
{
	struct buf md = BUF_INIT;
	int i;

	(void)state;
	buf_printf(&md, "[early]: /early\n\nSee [later], [Quoted][], "
	    "[item][], [two\nlines], [early] and [none].\n\n");
	for (i = 0; md.len < 3 * LAYOUT_CHUNK; i++)
		buf_printf(&md, "Paragraph %d uses [early] and [later][].\n\n"
		    "    [code%d]: /not-a-definition\n\n", i, i);
	buf_printf(&md, "[later]: /later 'A title'\n\n> [quoted]:\n> /quote"
	    "\n\n- [item]: </item x>\n\n[two lines]: /two\n\n"
	    "[later]: /wrong\n\n[code1] stays text.\n");
	check_chunked_is_whole(&md);
	buf_free(&md);
}

/*
 * CR and CR LF end lines as LF does, and the chunks must count them so:
 * a file of CR lines, then LF lines (two files pasted together), and a
 * stray CR near the top, each over several chunks, lose no paragraph.
 */
static void
test_chunked_line_ends(void **state)
{
	static const char *const ends[][2] = {
		{ "\r", "\n" }, { "\r\n", "\n" }, { "\n", "\r" },
		{ "\r\n", "\r" },
	};
	struct buf md = BUF_INIT;
	size_t e;
	int i;

	(void)state;
	for (e = 0; e < BC_ARRAY_LEN(ends); e++) {
		buf_reset(&md);
		buf_printf(&md, "Top line%sstill top%s%s", ends[e][0],
		    ends[e][0], ends[e][0]);
		for (i = 0; md.len < 2 * LAYOUT_CHUNK; i++)
			buf_printf(&md, "Paragraph number %d, words to fill"
			    "%sthe line.%s%s", i, ends[e][0], ends[e][0],
			    ends[e][0]);
		for (i = 0; md.len < 4 * LAYOUT_CHUNK; i++)
			buf_printf(&md, "Later paragraph %d.%s%s", i,
			    ends[e][1], ends[e][1]);
		check_chunked_is_whole(&md);
	}
	buf_free(&md);
}

/*
 * Where cmark's source positions mislead (a setext heading followed at
 * once by a block, an HTML comment right above the definitions, lazy
 * lines that keep their blanks, labels with a NUL byte), definitions
 * still reach the whole file exactly as in a whole parse.
 */
static void
test_chunked_definitions_hard(void **state)
{
	static const char *const heads[] = {
		"[b]: /first\n\n[c]: /c\nTitle\n---\n- item\n\n",
		"<!-- links -->\n[a]: /a\n\n",
		"<!-- a\ncomment -->\n[a]: /a\n\n",
		"Title\n---\n[a]: /a\n\n",
		"> [a]: /a\n   [b]: /b\n\n",
		"[a]: /a 'one\n    - two'\n\n",
		"[a]: /1\r[b]: /2\n\n",
	};
	struct buf md = BUF_INIT;
	size_t h;
	int i;

	(void)state;
	for (h = 0; h < BC_ARRAY_LEN(heads); h++) {
		buf_reset(&md);
		buf_adds(&md, heads[h]);
		for (i = 0; md.len < 2 * LAYOUT_CHUNK; i++)
			buf_printf(&md, "Paragraph number %d with [x](/x) "
			    "and `]`.\n\n", i);
		buf_adds(&md, "See [a], [b], [c] and [z].\n\n[b]: /second\n"
		    "[z]: /z\n");
		check_chunked_is_whole(&md);
	}
	buf_reset(&md);
	buf_add(&md, "[a\0x]: /1\n\n[a\0y]: /2\n\n", 22);
	for (i = 0; md.len < 2 * LAYOUT_CHUNK; i++)
		buf_printf(&md, "Paragraph number %d.\n\n", i);
	buf_add(&md, "See [a\0x] and [a\0y].\n", 21);
	check_chunked_is_whole(&md);
	buf_free(&md);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_headings),
		cmocka_unit_test(test_lists_hanging_indent),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_wide_and_combining),
		cmocka_unit_test(test_tabs_and_long_words),
		cmocka_unit_test(test_all_widths),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_hostile_bytes),
		cmocka_unit_test(test_code_blocks_clipped),
		cmocka_unit_test(test_links),
		cmocka_unit_test(test_link_parse),
		cmocka_unit_test(test_anchors),
		cmocka_unit_test(test_answers),
		cmocka_unit_test(test_source_lines),
		cmocka_unit_test(test_inline_kinds),
		cmocka_unit_test(test_styles),
		cmocka_unit_test(test_ascii_fallback),
		cmocka_unit_test(test_chunked_plain),
		cmocka_unit_test(test_chunked_definitions),
		cmocka_unit_test(test_chunked_line_ends),
		cmocka_unit_test(test_chunked_definitions_hard),
		cmocka_unit_test(test_spec_examples),
	};

	setlocale(LC_ALL, "C.UTF-8");
	text_set_utf8(1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
