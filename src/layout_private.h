/*
 * layout_private.h: the state of the line builder, shared by the files of
 * the layout module (layout.c, layout_walk.c, layout_plain.c) and by no
 * one else.
 */
#ifndef BACKCARE_LAYOUT_PRIVATE_H
#define BACKCARE_LAYOUT_PRIVATE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "layout.h"
#include "util.h"

#define LO_MAX_WIDTH 10000
#define LO_TABSTOP 4
#define LO_OUTBUF (64 * 1024)

struct lo_prefix {
	char first[24];      /* on the item's first line (a list marker) */
	char rest[24];       /* on later lines */
	int wfirst, wrest;
	int used;
	uint32_t style;
};

struct lo {
	struct layout *L;
	int width;
	int flags;
	FILE *out;            /* streaming: write lines here, keep none */
	struct buf outbuf;
	int werr;
	size_t line_count;    /* lines finished so far (also when streaming) */
	struct buf arena;
	size_t capspans, caplines, caplinks, capanchors;
	struct strmap slugs;	/* the anchors so far, to number repeats */

	/* The line being filled. */
	int in_line;
	size_t line_span0;
	int col, content_col;
	int src_line;
	unsigned line_flags;
	int last_space;
	int has_bp;           /* a space to break at in this line */
	size_t bp_span;       /* the span holding it */
	size_t bp_off;        /* its offset in the arena */
	int bp_col;           /* the column just after it */
	int heading_w;        /* widest content of the current heading */

	/* Styles. */
	uint32_t style;
	int32_t link;
	int strong, emph, quote, heading, image, in_answer, in_check;

	struct lo_prefix *pre;
	size_t npre, cappre;
	size_t nused;         /* pre[0, nused) have shown their first line */
	size_t nitems;        /* prefixes that are list items (for bullets) */
	int *nums;            /* the next number of each open list */
	size_t nnums, capnums;

	int need_blank;
	struct buf heading_text;
	size_t heading_line;

	/* Scratch for moving a word to the next line. */
	struct layout_span *tmp;
	size_t captmp;
	struct buf tmptext;
};

/* The line builder (layout.c). */
void layout_put(struct lo *, const char *s, size_t n, int w, uint32_t style,
    int32_t link);
void layout_text(struct lo *, const char *s, size_t n);
void layout_space(struct lo *);
void layout_line_start(struct lo *, int blank);
void layout_line_end(struct lo *);
void layout_verbatim(struct lo *, const char *lit, const char *indent);

/* The walk (layout_walk.c). */
void layout_init(struct lo *, struct layout *L, int width, int flags);
void layout_walk(struct lo *, struct cmark_node *root);
void layout_done(struct lo *);
/* Frees L's links and their array (not L). */
void layout_free_links(struct layout *L);

#endif
