/*
 * html.h: writing self-contained HTML for print, shared by the
 * therapist's report (report_html.c) and the patient's handout
 * (handout.c).
 *
 * Nothing here pastes a string into the document as it is: text goes
 * through html_escape(), CommonMark through html_markdown(), which drops
 * raw HTML and turns images and links into words, so a document never
 * loads anything from outside and hostile text comes out inert.  Pure:
 * everything is appended to a struct buf the caller writes.
 */
#ifndef BACKCARE_HTML_H
#define BACKCARE_HTML_H

#include <cmark.h>

#include "util.h"

/*
 * Appends s as HTML text: & < > " ' as references, control characters
 * as ^X (as on the terminal), C1 controls and bytes that are not UTF-8 as
 * U+FFFD.  Fit for element content and for quoted attribute values.
 */
void html_escape(struct buf *b, const char *s);

/* html_escape() of a printf-style text. */
void html_escapef(struct buf *b, const char *fmt, ...) BC_PRINTF(2, 3);

/*
 * Appends CommonMark text rendered as HTML by libcmark, after taking out
 * what could load or run anything: raw HTML is dropped, an image becomes
 * its description in brackets, a link its text followed by the address
 * in brackets.  Headings are moved down by shift levels (1: # becomes
 * h2), so embedded text never outranks the page's own.
 */
void html_markdown(struct buf *b, const char *md, int shift);

/*
 * What html_markdown() does to the tree before rendering it, for other
 * writers of CommonMark (the Markdown handout): raw HTML out, images and
 * links to words, headings down by shift levels.
 */
void html_sanitise_tree(cmark_node *doc, int shift);

/*
 * Starts a document: doctype, UTF-8, the title (escaped), the shared
 * print styles (A4 and US Letter both: the margins fit the narrower and
 * the shorter of the two) and then css, the caller's own rules (a
 * constant, not escaped).  html_end() closes body and html.
 */
void html_begin(struct buf *b, const char *title, const char *css);
void html_end(struct buf *b);

#endif
