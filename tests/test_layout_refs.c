/*
 * Unit tests of the chunked plain-text writer with link reference
 * definitions (layout_plain.c, layout_refs.c): with chunks made tiny, so
 * that every document spans many, its output is that of one whole parse,
 * for generated documents mixing definitions and references in every
 * kind of block, for the CommonMark spec examples and for pathological
 * inputs.
 */
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

static const size_t chunks[] = { 1, 40, 300, LAYOUT_CHUNK };
static const int widths[] = { 12, 50, 80 };

/* The output of md in chunks of chunk bytes, and whole: the same. */
static void
check_md(const char *md, size_t len, size_t chunk, int width)
{
	char *whole = NULL, *chunked = NULL;
	size_t wl = 0, cl = 0;
	FILE *f;
	cmark_node *doc;

	f = open_memstream(&chunked, &cl);
	assert_int_equal(layout_write_plain_text_chunk(md, len, width, f,
	    chunk), 0);
	fclose(f);
	doc = cmark_parse_document(md, len, CMARK_OPT_DEFAULT);
	f = open_memstream(&whole, &wl);
	assert_int_equal(layout_write_plain(doc, width, f), 0);
	fclose(f);
	cmark_node_free(doc);
	if (wl != cl || memcmp(whole, chunked, wl) != 0) {
		fprintf(stderr, "chunk %zu width %d differs on:\n%.*s\n"
		    "---- whole:\n%s\n---- chunked:\n%s\n", chunk, width,
		    (int)(len > 4000 ? 4000 : len), md, whole, chunked);
		fail();
	}
	free(whole);
	free(chunked);
}

static void
check_all(const struct buf *md)
{
	size_t c, w;

	for (c = 0; c < BC_ARRAY_LEN(chunks); c++)
		for (w = 0; w < BC_ARRAY_LEN(widths); w++)
			check_md(md->data, md->len, chunks[c], widths[w]);
}

/* Labels that collide: by case, by Unicode folding, by spaces. */
static const char *const labels[] = {
	"foo", "Foo", "FOO", "foo  bar", "Foo\tBar", "ß", "SS", "ss", "ẞ",
	"Σ", "σ", "ς", "\xe2\x84\xaa", "k", "K", "a\\]b", "a\\[b", "&amp;",
	"*em*", "`c`", "1", "über", "ÜBER", " sp ", "x", "<http://a>",
	"a\\\\", "l>q",
};

/* Definitions, %s the label, %d a number. */
static const char *const defs[] = {
	"[%s]: /u%d\n\n",
	"[%s]: /u%d \"title %%d\"\n\n",
	"[%s]: <a b %d> 'ti\"tle'\n\n",
	"[%s]:\n/multi%d\n\"multi\nline title\"\n\n",
	"[%s]: /e&amp;%d\\*w (paren \\) &#10; &quot;)\n\n",
	"[%s]: /n%d '&#10;&#10;two&#13;'\n\n",
	"[%s]: <a&#9;b&amp;amp;c\\&copy;&#10;d\\\\%d>\n\n",
	"[%s]: /&#x5c;&#42;\\;&#59;%d\n\n",
	"> [%s]: /quote%d\n\n",
	"- [%s]: /item%d\n\n",
	"> para\n[%s]: /lazy%d\n\n",
	"Head\n===\n[%s]: /setext%d\n\n",
	"<div>\n[%s]: /html%d\n</div>\n\n",
	"<!-- c -->\n[%s]: /comment%d\n\n",
	"```\n[%s]: /fenced%d\n```\n\n",
	"    [%s]: /indented%d\n\n",
	"[%s]: /a%d\n[zz]: /b\ntext after\n\n",
	"[%s]: /t%d\n===\n\n",
	"Text [%s]: /not%d\n\n",
	"[%s]: /bad%d 'unclosed\n\n",
	"[%s]: <>\n\nx%d\n\n",
	"- a\n\n  [%s]: /deep%d\n  > [q]: /q\n\n",
	"1. [%s]: /ol%d\n   para\n\n",
	"[%s]: /sp%d  \n  'title on next line'  \n\n",
	"[%s %s]: /twice%d\n\n",
	"[%s\n%s]: /twolines%d\n\n",
	"> [%s\n> %s]: /qtwo%d\n\n",
	"- [%s\n  %s]: /itwo%d\n\n",
};

/* Uses, %s the label. */
static const char *const uses[] = {
	"See [%s] and [text][%s] and [%s][].\n\n",
	"![img][%s] and ![%s]\n\n",
	"- item [%s]\n- two [t][%s]\n\n",
	"> quote [%s]\n> [q][%s]\n\n",
	"# head [%s]\n\n",
	"Setext [%s]\nline\n---\n\n",
	"<span>[%s]</span>\n\n",
	"Inline [%s](/inline) and [x][%s] *emph [%s]*\n\n",
	"`[%s]` code, \\[%s] escaped\n\n",
	"[%s][%s]\n\n",
	"lazy\n> [%s]\ncontinued [%s]\n\n",
	"[[%s]]\n\n",
	"[link [%s]][%s]\n\n",
	"> [%s\n> %s] and [t][%s\n>%s]\n\n",
	"- [%s\n  %s]\n\n",
};

static const char *const fillers[] = {
	"Paragraph with some words that wrap around.\n\n",
	"```\ncode\n```\n\n",
	"    indented\n\n",
	"***\n\n",
	"<div>\nhtml\n\n",
	"Term\n: not a definition\n\n",
	"a]: b\n\n",
	"[x]:\n\n",
	"\n\n\n",
	"- a\n- b\n\n  c\n",
	"> a\nb\n",
	"| a |\n",
};

static unsigned long rng;

static unsigned
rnd(unsigned n)
{
	rng = rng * 6364136223846793005ul + 1442695040888963407ul;
	return n == 0 ? 0 : (unsigned)((rng >> 33) % n);
}

/* Appends fmt with every %s the label lab (and %d the number i). */
static void
add_with(struct buf *md, const char *fmt, const char *lab, int i)
{
	const char *p;

	for (p = fmt; *p != '\0'; p++) {
		if (p[0] == '%' && p[1] == 's') {
			buf_adds(md, lab);
			p++;
		} else if (p[0] == '%' && p[1] == 'd') {
			buf_printf(md, "%d", i);
			p++;
		} else if (p[0] == '%' && p[1] == '%') {
			buf_addc(md, '%');
			p++;
		} else
			buf_addc(md, *p);
	}
}

/* A random document of n pieces. */
static void
generate(struct buf *md, int n)
{
	int i;
	const char *lab;

	buf_reset(md);
	for (i = 0; i < n; i++) {
		lab = labels[rnd(BC_ARRAY_LEN(labels))];
		switch (rnd(3)) {
		case 0:
			add_with(md, defs[rnd(BC_ARRAY_LEN(defs))], lab, i);
			break;
		case 1:
			add_with(md, uses[rnd(BC_ARRAY_LEN(uses))], lab, i);
			break;
		default:
			buf_adds(md, fillers[rnd(BC_ARRAY_LEN(fillers))]);
			break;
		}
	}
	/* Sometimes a fence or a comment left open at the end. */
	if (rnd(8) == 0)
		buf_adds(md, "```\n[foo]: /in-fence\n");
	else if (rnd(8) == 0)
		buf_adds(md, "<!-- open\n[foo]: /in-comment\n");
}

/* n, or a tenth of it under valgrind (make check-valgrind), where each
 * document costs fifty times as much: the same kinds, fewer draws. */
static int
rounds(int n)
{
	const char *vg = getenv("BC_VALGRIND");

	return vg != NULL && *vg != '\0' ? n / 10 : n;
}

/* Thousands of generated documents: chunked as whole. */
static void
test_generated(void **state)
{
	struct buf md = BUF_INIT;
	int d;

	(void)state;
	rng = 17;
	for (d = 0; d < rounds(3000); d++) {
		generate(&md, 2 + (int)rnd(40));
		check_all(&md);
	}
	buf_free(&md);
}

static char *
read_spec(size_t *len)
{
	const char *top = getenv("TOP_SRCDIR");
	char *path, *text;

	if (top == NULL)
		return NULL;
	path = xasprintf("%s/tests/fixtures/commonmark-spec-examples.md", top);
	text = util_read_file(path, len);
	free(path);
	return text;
}

/*
 * The spec examples, whole, then in random runs of their blank-line
 * separated pieces mixed with definitions and uses.
 */
static void
test_spec_examples(void **state)
{
	struct buf md = BUF_INIT;
	char *text, *p;
	size_t len, npiece = 0, i, from, to;
	size_t *piece = NULL;
	int d, k;

	(void)state;
	if ((text = read_spec(&len)) == NULL) {
		skip();
		return;
	}
	buf_add(&md, text, len);
	check_all(&md);
	/* The pieces start at the text's start and after each blank line. */
	piece = xgrow(piece, npiece, sizeof *piece);
	piece[npiece++] = 0;
	for (p = strstr(text, "\n\n"); p != NULL && p + 2 < text + len;
	    p = strstr(p + 2, "\n\n")) {
		piece = xgrow(piece, npiece, sizeof *piece);
		piece[npiece++] = (size_t)(p + 2 - text);
	}
	rng = 5;
	for (d = 0; d < rounds(1500); d++) {
		buf_reset(&md);
		for (k = 0; k < 1 + (int)rnd(20); k++) {
			i = rnd((unsigned)npiece);
			from = piece[i];
			to = i + 1 < npiece ? piece[i + 1] : len;
			buf_add(&md, text + from, to - from);
			if (rnd(3) == 0)
				add_with(&md, rnd(2) ? defs[rnd(
				    BC_ARRAY_LEN(defs))] : uses[rnd(
				    BC_ARRAY_LEN(uses))], labels[rnd(
				    BC_ARRAY_LEN(labels))], k);
		}
		check_all(&md);
	}
	free(piece);
	free(text);
	buf_free(&md);
}

/* Inputs that are hard on parsers, and on the chunks' bounds. */
static void
test_pathological(void **state)
{
	struct buf md = BUF_INIT;
	int i;

	(void)state;
	for (i = 0; i < 3000; i++)
		buf_printf(&md, "[l%d]: /u%d\n", i, i);
	for (i = 0; i < 3000; i++)
		buf_printf(&md, "[l%d] ", 2999 - i);
	check_all(&md);
	buf_reset(&md);
	for (i = 0; i < 5000; i++)
		buf_adds(&md, "[]:");
	check_all(&md);
	buf_reset(&md);
	for (i = 0; i < 3000; i++)
		buf_adds(&md, "[a\n");
	buf_adds(&md, "]: /x\n");
	check_all(&md);
	buf_reset(&md);
	/* Past cmark's limit on expansion: a long url used often. */
	buf_adds(&md, "[big]: /");
	for (i = 0; i < 20000; i++)
		buf_addc(&md, 'u');
	buf_adds(&md, "\n\n");
	for (i = 0; i < 200; i++)
		buf_adds(&md, "Use [big] here.\n\n");
	check_all(&md);
	buf_reset(&md);
	for (i = 0; i < 2000; i++)
		buf_adds(&md, "> [q]: /q\n> [q]\n");
	check_all(&md);
	buf_reset(&md);
	for (i = 0; i < 3000; i++)
		buf_adds(&md, i % 2 ? "\\]: \\[x]: [" : "]:\\\\]:");
	check_all(&md);
	buf_free(&md);
}

/*
 * attack22: a title or url ending in a backslash, written back before
 * another definition, must not run on into it ("\\"" read as a
 * backslash and an escaped quote); and thousands of labels of one match
 * key (different for cmark) fall back to the whole parse in linear time,
 * with its output.
 */
static void
test_backslash_and_one_key(void **state)
{
	struct buf md = BUF_INIT;
	int i, b;

	(void)state;
	buf_adds(&md, "[win]: /c \"C:\\\\\"\n\n[doc]: /d \"t\"\n\n"
	    "[dir]: <c:\\\\> 'u\\\\'\n\n[end]: /e (p\\\\)\n\n");
	for (i = 0; i < 40; i++)
		buf_adds(&md, "Some words, then [win] and [doc], [dir], [end].\n\n");
	check_all(&md);
	buf_reset(&md);
	for (i = 0; i < 3000; i++) {
		buf_addc(&md, '[');
		for (b = 0; b < 12; b++) {
			buf_addc(&md, 'a');
			if ((i >> b) & 1)
				buf_addc(&md, '>');
		}
		buf_adds(&md, "]: u\n\np\n\n");
	}
	for (i = 0; i < 3000; i++)
		buf_adds(&md, i % 10 == 9 ? "[aaaaaaaaaaaa]\n\n" :
		    "[aaaaaaaaaaaa] ");
	check_md(md.data, md.len, 300, 80);
	check_md(md.data, md.len, LAYOUT_CHUNK, 80);
	buf_free(&md);
}

/* A use 400 KB before its definition, at the real chunk size: a link. */
static void
test_far_definition(void **state)
{
	struct buf md = BUF_INIT;
	char *out = NULL;
	size_t ol = 0;
	FILE *f;

	(void)state;
	buf_adds(&md, "See [the notes][n1].\n\n");
	while (md.len < 400 * 1024)
		buf_adds(&md, "Some prose to fill the lesson, long enough.\n\n");
	buf_adds(&md, "[n1]: https://example.org/notes\n");
	check_md(md.data, md.len, LAYOUT_CHUNK, 80);
	f = open_memstream(&out, &ol);
	assert_int_equal(layout_write_plain_text(md.data, md.len, 80, f), 0);
	fclose(f);
	assert_null(strstr(out, "[the notes][n1]"));
	assert_non_null(strstr(out, "the notes"));
	free(out);
	buf_free(&md);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_far_definition),
		cmocka_unit_test(test_backslash_and_one_key),
		cmocka_unit_test(test_pathological),
		cmocka_unit_test(test_generated),
		cmocka_unit_test(test_spec_examples),
	};

	setlocale(LC_ALL, "C.UTF-8");
	text_set_utf8(1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
