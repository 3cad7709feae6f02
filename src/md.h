/*
 * md.h: small CommonMark helpers shared by the parsers of lessons,
 * routines, plans and the question catalogue.  Pure.
 */
#ifndef BACKCARE_MD_H
#define BACKCARE_MD_H

#include <stddef.h>

#include "util.h"

/* cmark's node, declared here so that including md.h does not pull
 * <cmark.h> into every file (cmark.h's cmark_node is this struct). */
struct cmark_node;

/* Appends the plain text of node's inlines to b (breaks become spaces). */
void md_append_text(struct cmark_node *node, struct buf *b);

/* The plain text of node's inlines, newly allocated (caller frees). */
char *md_node_text(struct cmark_node *node);

/*
 * Source lines from..to (1-based, inclusive) of text, as a new string
 * (caller frees); "" when the range is empty.  For keeping a section's
 * CommonMark source as written (cmark gives each node its lines, and
 * ends a line at "\n", "\r\n" or "\r", as these do).  md_lines indexes
 * the lines once, for many ranges of one text; md_source_lines() is one
 * range.
 */
struct md_lines {
	const char *text;
	size_t len;
	size_t *start;       /* line k starts at start[k - 1] */
	size_t n;
};
void md_lines_init(struct md_lines *m, const char *text, size_t len);
char *md_lines_get(const struct md_lines *m, int from, int to);
void md_lines_free(struct md_lines *m);
char *md_source_lines(const char *text, size_t len, int from, int to);

/*
 * The first GitHub-style table in text at or after line `from` (1-based):
 * a line with '|' followed by a delimiter row such as "|---|:--:|".
 * CommonMark has no tables, so such text shows as a paragraph of pipes.
 * Returns the table's first line, or 0.  Fenced code is skipped.
 */
int md_find_pipe_table(const char *text, size_t len, int from);

#endif
