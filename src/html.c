/*
 * html.c: escaped text, sanitised CommonMark and the page frame of the
 * printable documents (see html.h).
 */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "md.h"
#include "text.h"

/* Appends one code point of text, escaped. */
static void
html_add_cp(struct buf *b, uint32_t cp, const char *raw, size_t k)
{
	switch (cp) {
	case '&':
		buf_adds(b, "&amp;");
		return;
	case '<':
		buf_adds(b, "&lt;");
		return;
	case '>':
		buf_adds(b, "&gt;");
		return;
	case '"':
		buf_adds(b, "&quot;");
		return;
	case '\'':
		buf_adds(b, "&#39;");
		return;
	case '\t':
	case '\n':
		buf_addc(b, (char)cp);
		return;
	}
	if (cp < 0x20 || cp == 0x7f) {
		buf_addc(b, '^');
		buf_addc(b, cp == 0x7f ? '?' : (char)(cp + '@'));
	} else if ((cp >= 0x80 && cp < 0xa0) || cp == 0xfffd || cp == 0xfffe ||
	    cp == 0xffff)
		buf_adds(b, "\xef\xbf\xbd");
	else if (!text_is_bidi_control(cp))
		buf_add(b, raw, k);
}

void
html_escape(struct buf *b, const char *s)
{
	size_t n, k;
	uint32_t cp;

	buf_add(b, "", 0);
	if (s == NULL)
		return;
	n = strlen(s);
	while (n > 0) {
		k = text_decode(s, n, &cp);
		html_add_cp(b, cp, s, k);
		s += k;
		n -= k;
	}
}

void
html_escapef(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	html_escape(b, s);
	free(s);
}

/* Puts a text node with s before node. */
static void
html_text_before(cmark_node *node, const char *s)
{
	cmark_node *t = cmark_node_new(CMARK_NODE_TEXT);

	cmark_node_set_literal(t, s);
	cmark_node_insert_before(node, t);
}

/* An image becomes "[its description]". */
static void
html_unimage(cmark_node *img)
{
	char *alt = md_node_text(img), *s;

	s = xasprintf("[%s]", alt[0] != '\0' ? alt : "picture");
	html_text_before(img, s);
	free(s);
	free(alt);
	cmark_node_free(img);
}

/*
 * A link becomes its text, then " [address]" when that is a web or mail
 * address other than the text (a javascript: or data: address says
 * nothing a reader could use).
 */
static void
html_unlink(cmark_node *link)
{
	const char *url = cmark_node_get_url(link);
	char *text = md_node_text(link), *s;
	cmark_node *c;

	while ((c = cmark_node_first_child(link)) != NULL)
		cmark_node_insert_before(link, c);
	if (url != NULL && (strncmp(url, "https://", 8) == 0 ||
	    strncmp(url, "http://", 7) == 0 || strncmp(url, "mailto:", 7) == 0)
	    && strcmp(url, text) != 0) {
		s = xasprintf(" [%s]", url);
		html_text_before(link, s);
		free(s);
	}
	free(text);
	cmark_node_free(link);
}

/*
 * The words of a raw HTML block, markup taken out: a therapist's
 * "<!-- draft --> Walk daily." keeps "Walk daily.", a CDATA section its
 * text.  Caller frees; "" when nothing is left.
 */
static char *
html_block_words(const char *raw)
{
	struct buf b = BUF_INIT;
	const char *p = raw != NULL ? raw : "", *end;

	buf_add(&b, "", 0);
	while (*p != '\0') {
		if (strncmp(p, "<!--", 4) == 0)
			end = (end = strstr(p + 4, "-->")) ? end + 3 : NULL;
		else if (strncmp(p, "<![CDATA[", 9) == 0) {
			p += 9;
			continue;
		} else if (strncmp(p, "]]>", 3) == 0)
			end = p + 3;
		else if (*p == '<')
			end = (end = strchr(p, '>')) ? end + 1 : NULL;
		else {
			buf_addc(&b, *p++ == '\n' ? ' ' : p[-1]);
			continue;
		}
		if (end == NULL)
			break;
		buf_addc(&b, ' ');
		p = end;
	}
	return buf_detach(&b);
}

/* A raw HTML block becomes a paragraph of its words, or goes. */
static void
html_unblock(cmark_node *block)
{
	char *words = html_block_words(cmark_node_get_literal(block)), *t, *end;
	cmark_node *para, *text;

	t = words + strspn(words, " \t");
	for (end = t + strlen(t); end > t && (end[-1] == ' ' || end[-1] == '\t');
	    end--)
		end[-1] = '\0';
	if (*t != '\0') {
		para = cmark_node_new(CMARK_NODE_PARAGRAPH);
		text = cmark_node_new(CMARK_NODE_TEXT);
		cmark_node_set_literal(text, t);
		cmark_node_append_child(para, text);
		cmark_node_insert_before(block, para);
	}
	free(words);
	cmark_node_free(block);
}

/*
 * The nodes are collected first and handled last to first, so every
 * node's children are done before the node itself is replaced.
 */
void
html_sanitise_tree(cmark_node *doc, int shift)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_node **nodes = NULL, *n;
	size_t count = 0, i;
	int level;

	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		if (cmark_iter_get_event_type(it) != CMARK_EVENT_ENTER)
			continue;
		n = cmark_iter_get_node(it);
		nodes = xgrow(nodes, count, sizeof *nodes);
		nodes[count++] = n;
	}
	cmark_iter_free(it);
	for (i = count; i > 0; i--) {
		n = nodes[i - 1];
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HTML_BLOCK:
			html_unblock(n);
			break;
		case CMARK_NODE_HTML_INLINE:
			cmark_node_free(n);
			break;
		case CMARK_NODE_CODE_BLOCK:
			/* Its info string would become a class name. */
			cmark_node_set_fence_info(n, "");
			break;
		case CMARK_NODE_IMAGE:
			html_unimage(n);
			break;
		case CMARK_NODE_LINK:
			html_unlink(n);
			break;
		case CMARK_NODE_HEADING:
			level = cmark_node_get_heading_level(n) + shift;
			cmark_node_set_heading_level(n, level > 6 ? 6 : level);
			break;
		default:
			break;
		}
	}
	free(nodes);
}

void
html_markdown(struct buf *b, const char *md, int shift)
{
	cmark_node *doc;
	char *out, *clean, *p;

	buf_add(b, "", 0);
	if (md == NULL || md[0] == '\0')
		return;
	doc = cmark_parse_document(md, strlen(md), CMARK_OPT_VALIDATE_UTF8);
	html_sanitise_tree(doc, shift);
	out = cmark_render_html(doc, CMARK_OPT_DEFAULT);
	cmark_node_free(doc);
	/* libcmark escapes markup but passes control characters through. */
	clean = text_clean_utf8(out, strlen(out));
	for (p = clean; *p != '\0'; p++) {
		if ((unsigned char)*p < 0x20 && *p != '\n' && *p != '\t') {
			buf_addc(b, '^');
			buf_addc(b, (char)(*p + '@'));
		} else if (*p == 0x7f)
			buf_adds(b, "^?");
		else
			buf_addc(b, *p);
	}
	free(clean);
	free(out);
}

/*
 * Shared by both documents.  No page size is set, so the printer's paper
 * is used; 14 mm margins leave 182 mm by 269 mm on A4 and 188 mm by 251
 * mm on US Letter, and nothing below is wider than 180 mm.  Colours are
 * black, white and greys only, so a black-and-white printer loses nothing.
 */
static const char html_css[] =
    "@page { margin: 14mm; }\n"
    "* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
    "html { font: 10.5pt/1.35 \"DejaVu Sans\", \"Liberation Sans\", Arial, "
    "sans-serif; color: #000; background: #fff; }\n"
    "body { max-width: 180mm; margin: 0 auto; padding: 0 2mm; }\n"
    /* A long address or word breaks rather than runs off the page or
     * over the next column. */
    "body, td, th, li, p, h1, h2, h3 { overflow-wrap: anywhere; }\n"
    "pre { white-space: pre-wrap; overflow-wrap: anywhere; }\n"
    "h1 { font-size: 16pt; margin: 0 0 3pt; }\n"
    "h2 { font-size: 12.5pt; margin: 10pt 0 3pt; border-bottom: 1pt solid "
    "#000; break-after: avoid; }\n"
    "h3 { font-size: 11pt; margin: 6pt 0 2pt; break-after: avoid; }\n"
    "p { margin: 2pt 0 4pt; }\n"
    "ul { margin: 2pt 0 4pt; padding-left: 14pt; }\n"
    "table { border-collapse: collapse; margin: 3pt 0; }\n"
    "th, td { border: 0.75pt solid #444; padding: 1pt 4pt; text-align: "
    "left; vertical-align: top; }\n"
    "td.n, th.n { text-align: right; }\n"
    "th[scope=row] { white-space: nowrap; }\n"
    "svg { display: block; max-width: 100%; height: auto; }\n"
    "figure { margin: 4pt 0; break-inside: avoid; }\n"
    "figcaption { font-size: 9pt; }\n"
    ".small { font-size: 9pt; }\n"
    ".warn { border: 2pt solid #000; padding: 3pt 8pt; margin: 6pt 0; "
    "break-inside: avoid; }\n"
    ".box { display: inline-block; width: 8pt; height: 8pt; border: 1pt "
    "solid #000; margin: 0 2pt; vertical-align: -1pt; }\n"
    "@media print { body { max-width: none; padding: 0; } "
    "tr { break-inside: avoid; } }\n";

void
html_begin(struct buf *b, const char *title, const char *css)
{
	buf_adds(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<title>");
	html_escape(b, title);
	buf_adds(b, "</title>\n<style>\n");
	buf_adds(b, html_css);
	if (css != NULL)
		buf_adds(b, css);
	buf_adds(b, "</style>\n</head>\n<body>\n");
}

void
html_end(struct buf *b)
{
	buf_adds(b, "</body>\n</html>\n");
}
