/*
 * md.h: small CommonMark helpers shared by the parsers of lessons,
 * routines, plans and the question catalogue.  Pure.
 */
#ifndef BACKCARE_MD_H
#define BACKCARE_MD_H

#include <cmark.h>

#include "util.h"

/* Appends the plain text of node's inlines to b (breaks become spaces). */
void md_append_text(cmark_node *node, struct buf *b);

/* The plain text of node's inlines, newly allocated (caller frees). */
char *md_node_text(cmark_node *node);

#endif
