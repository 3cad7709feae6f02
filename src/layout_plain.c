/*
 * layout_plain.c: lessons as plain text, written line by line as they are
 * laid out (layout_write_plain), and from CommonMark text of any size in
 * chunks whose output is that of a whole parse (layout_write_plain_text).
 */
#include "config.h"

#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark.h>

#include "layout.h"
#include "layout_pool.h"
#include "layout_private.h"
#include "text.h"
#include "util.h"

static void
lo_plain_begin(struct lo *lo, struct layout *L, int width, FILE *f)
{
	memset(L, 0, sizeof *L);
	layout_init(lo, L, width, 0);
	lo->out = f;
}

static int
lo_plain_end(struct lo *lo, struct layout *L, FILE *f)
{
	if (lo->outbuf.len > 0 &&
	    fwrite(lo->outbuf.data, 1, lo->outbuf.len, f) != lo->outbuf.len)
		lo->werr = 1;
	layout_free_links(L);
	free(L->spans);
	buf_free(&lo->arena);
	layout_done(lo);
	return lo->werr || ferror(f) ? -1 : 0;
}

int
layout_write_plain(cmark_node *doc, int width, FILE *f)
{
	struct layout L;
	struct lo lo;

	lo_plain_begin(&lo, &L, width, f);
	layout_walk(&lo, doc);
	return lo_plain_end(&lo, &L, f);
}

/* The byte offset of 1-based line in text. */
static size_t
lo_line_offset(const char *text, size_t len, int line)
{
	size_t off = 0;
	const char *nl;

	while (--line > 0 && off < len) {
		nl = memchr(text + off, '\n', len - off);
		if (nl == NULL)
			return len;
		off = (size_t)(nl - text) + 1;
	}
	return off;
}

/*
 * Big inputs are parsed a chunk at a time so that memory stays a small
 * multiple of the chunk, not of the file.  A chunk ends at a line end;
 * every top-level block in it but the last is complete (the next one
 * closed it), so those are taken and parsing resumes at the last one's
 * first line.  A chunk holding a single unfinished block doubles.
 *
 * The one thing a block can take from another is a link reference
 * definition, which reaches the whole document.  So while "]:" lies
 * ahead, the definitions of each chunk are gathered (lo_defs_chunk) and
 * go before the chunks after it as "pre": lines that make no block that
 * is kept (every top-level node starting in them is skipped).  As the
 * first definition of a label wins, and pre holds them in document order,
 * a chunk sees the definitions a whole parse sees, but for those further
 * on.  Those matter only to a bracket that made no link: a chunk with one
 * (and "]:" after it) first has the rest of the text read for its
 * definitions (lo_defs_rest), then is parsed again.  So a file is read
 * twice at most, and lesson prose, without either, once.
 */
struct lo_chunks {
	const char *text;
	size_t len;
	const char *pre;         /* the definitions, or NULL */
	size_t pre_len;
	int pre_lines;
	size_t start;            /* where the next chunk starts */
	size_t size, base;       /* its size now, and normally */
	/* The chunk parsed last. */
	size_t at;               /* its offset in text */
	cmark_node *doc;
	cmark_node *first;       /* its first block of text, not of pre */
	cmark_node *stop;        /* the block left for the next chunk */
	int stop_line;           /* its line in the chunk, 1-based */
};

static int
lo_line_of(cmark_node *n, const struct lo_chunks *ch)
{
	return cmark_node_get_start_line(n) - ch->pre_lines;
}

/* Parses the next chunk; returns 0 when the text is done. */
static int
lo_chunk_next(struct lo_chunks *ch)
{
	cmark_node *last;
	size_t end;
	const char *nl;

	while (ch->start < ch->len) {
		end = ch->len - ch->start > ch->size ? ch->start + ch->size :
		    ch->len;
		if (end < ch->len && (nl = memchr(ch->text + end, '\n',
		    ch->len - end)) != NULL)
			end = (size_t)(nl - ch->text) + 1;
		else
			end = ch->len;
		layout_pool_reset(0);
		ch->doc = layout_pool_parse(ch->pre, ch->pre_len,
		    ch->text + ch->start, end - ch->start);
		for (ch->first = cmark_node_first_child(ch->doc);
		    ch->first != NULL && lo_line_of(ch->first, ch) < 1;
		    ch->first = cmark_node_next(ch->first))
			;
		last = cmark_node_last_child(ch->doc);
		if (last != NULL && lo_line_of(last, ch) < 1)
			last = NULL;
		if (end < ch->len && (last == NULL || last == ch->first)) {
			ch->size *= 2;
			continue;
		}
		ch->at = ch->start;
		ch->stop = end < ch->len ? last : NULL;
		ch->stop_line = ch->stop != NULL ? lo_line_of(last, ch) :
		    INT_MAX;
		ch->start = ch->stop != NULL ? ch->start + lo_line_offset(
		    ch->text + ch->start, end - ch->start, ch->stop_line) :
		    ch->len;
		ch->size = ch->base;
		return 1;
	}
	return 0;
}

/* Writes the blocks of the chunk parsed last. */
static void
lo_chunk_write(struct lo *lo, const struct lo_chunks *ch)
{
	cmark_node *c;

	for (c = ch->first; c != NULL && c != ch->stop; c = cmark_node_next(c))
		layout_walk(lo, c);
}

/* ---- link reference definitions of the whole document ------------------ */

/* How far into a paragraph the first definition's "]:" can be: a label
 * is at most 999 characters, on lines that may carry container marks. */
#define LO_DEFS_WINDOW 8192

/*
 * Lines from..to of a chunk where definitions may sit; col is the byte
 * column (1-based) where the first line's text starts, or 0 when that
 * line may begin with container marks ("> ", "- ", "1. ").
 */
struct lo_region {
	int from, to, col;
};

struct lo_regions {
	struct lo_region *v;
	size_t n, cap;
	int shift;               /* lines of pre before the chunk's */
};

/* 1 when "]:" occurs in the first n bytes of s. */
static int
lo_defs_mark(const char *s, size_t n)
{
	const char *p = s, *end = s + n;

	while ((p = memchr(p, ']', (size_t)(end - p))) != NULL &&
	    p + 1 < end) {
		if (p[1] == ':')
			return 1;
		p++;
	}
	return 0;
}

static void
lo_region_add(struct lo_regions *r, int from, int to, int col)
{
	from -= r->shift;
	to = to == INT_MAX ? to : to - r->shift;
	if (from > to)
		return;
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->v = xreallocarray(r->v, r->cap, sizeof *r->v);
	}
	r->v[r->n].from = from;
	r->v[r->n].to = to;
	r->v[r->n].col = col;
	r->n++;
}

/*
 * Where definitions may sit inside the top-level block top, in the order
 * of their lines: the lines of a quote or item not covered by its
 * children (where cmark dropped a paragraph that held definitions only),
 * and paragraphs (or setext headings) that may start with some.
 */
static void
lo_defs_block(struct lo_regions *r, cmark_node *top)
{
	cmark_iter *it = cmark_iter_new(top);
	cmark_event_type ev;
	cmark_node *n, *up, *near;
	cmark_node_type t;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		t = cmark_node_get_type(n);
		if (ev == CMARK_EVENT_EXIT) {
			if (t != CMARK_NODE_BLOCK_QUOTE && t != CMARK_NODE_ITEM)
				continue;
			/* After the container's last child. */
			near = cmark_node_last_child(n);
			lo_region_add(r, near != NULL ?
			    cmark_node_get_end_line(near) + 1 :
			    cmark_node_get_start_line(n),
			    cmark_node_get_end_line(n), 0);
			continue;
		}
		up = n != top ? cmark_node_parent(n) : NULL;
		if (up != NULL && (cmark_node_get_type(up) ==
		    CMARK_NODE_BLOCK_QUOTE || cmark_node_get_type(up) ==
		    CMARK_NODE_ITEM)) {
			/* Before this child of a container. */
			near = cmark_node_previous(n);
			lo_region_add(r, near != NULL ?
			    cmark_node_get_end_line(near) + 1 :
			    cmark_node_get_start_line(up),
			    cmark_node_get_start_line(n) - 1, 0);
		}
		if (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING) {
			lo_region_add(r, cmark_node_get_start_line(n),
			    cmark_node_get_end_line(n),
			    cmark_node_get_start_column(n));
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
		}
	}
	cmark_iter_free(it);
}

/* Where the text of a line starts after container marks: '>', blanks,
 * and with markers, list markers too. */
static size_t
lo_defs_strip(const char *s, size_t n, int markers)
{
	size_t i = 0, j;

	for (;;) {
		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '>'))
			i++;
		if (!markers || i >= n)
			return i;
		j = i;
		if (s[j] == '-' || s[j] == '+' || s[j] == '*')
			j++;
		else {
			while (j < n && j - i < 9 && s[j] >= '0' && s[j] <= '9')
				j++;
			if (j == i || j >= n || (s[j] != '.' && s[j] != ')'))
				return i;
			j++;
		}
		if (j < n && s[j] != ' ' && s[j] != '\t')
			return i;
		i = j;
	}
}

/* A cursor over the lines of a chunk. */
struct lo_lines {
	const char *text;
	size_t len, off;
	int line;
};

/* The current line's length; moves on to the next with lo_lines_next. */
static size_t
lo_lines_len(const struct lo_lines *c)
{
	const char *nl = memchr(c->text + c->off, '\n', c->len - c->off);

	return nl != NULL ? (size_t)(nl - c->text) - c->off : c->len - c->off;
}

static void
lo_lines_next(struct lo_lines *c)
{
	const char *nl = memchr(c->text + c->off, '\n', c->len - c->off);

	c->off = nl != NULL ? (size_t)(nl - c->text) + 1 : c->len;
	c->line++;
}

/* 1 when s[k, n) holds only blanks. */
static int
lo_blank_from(const char *s, size_t k, size_t n)
{
	for (; k < n; k++)
		if (s[k] != ' ' && s[k] != '\t' && s[k] != '\r')
			return 0;
	return 1;
}

/* 1 when "]:" occurs in the region from byte k of the current line on,
 * within LO_DEFS_WINDOW bytes. */
static int
lo_defs_near(const struct lo_lines *c, size_t k, int to)
{
	struct lo_lines d = *c;
	size_t seen = 0, n;

	for (; d.line <= to && d.off < d.len && seen < LO_DEFS_WINDOW;
	    lo_lines_next(&d), k = 0) {
		n = lo_lines_len(&d);
		if (lo_defs_mark(d.text + d.off + k, n - k))
			return 1;
		seen += n + 1;
	}
	return 0;
}

/* What may be definitions, and the paragraphs already kept (a file made
 * of copies repeats them, and a repeat defines nothing). */
struct lo_defs {
	struct buf text;
	struct buf para;
	struct strmap seen;
};

/* Ends the paragraph being kept: into the text, unless it is a repeat. */
static void
lo_defs_flush(struct lo_defs *d)
{
	if (d->para.len == 0)
		return;
	if (strmap_get(&d->seen, d->para.data) == NULL) {
		strmap_put(&d->seen, d->para.data, 1);
		buf_add(&d->text, d->para.data, d->para.len);
		buf_addc(&d->text, '\n');
	}
	buf_reset(&d->para);
}

/*
 * Keeps, with container marks stripped, each paragraph in the region's
 * lines that starts with '[' and has a "]:" near: what may be
 * definitions.  (Anything else in such a paragraph is parsed but not
 * kept, see lo_chunk_next.)
 */
static void
lo_defs_extract(struct lo_lines *c, const struct lo_region *rg,
    struct lo_defs *d)
{
	const char *s;
	size_t n, k;
	int para = 0, keep = 0;

	while (c->line < rg->from && c->off < c->len)
		lo_lines_next(c);
	for (; c->line <= rg->to && c->off < c->len; lo_lines_next(c)) {
		s = c->text + c->off;
		n = lo_lines_len(c);
		if (c->line == rg->from && rg->col > 0)
			k = (size_t)rg->col - 1 < n ? (size_t)rg->col - 1 : n;
		else
			k = lo_defs_strip(s, n, !para);
		if (lo_blank_from(s, k, n)) {
			lo_defs_flush(d);
			para = keep = 0;
			continue;
		}
		if (!para) {
			keep = s[k] == '[' && lo_defs_near(c, k, rg->to);
			para = 1;
		}
		if (keep) {
			buf_add(&d->para, s + k, n - k);
			buf_addc(&d->para, '\n');
		}
	}
	lo_defs_flush(d);
}

/*
 * Drops what the last chunk added to d (from byte was) unless it parses
 * as paragraphs (and setext headings) only, so that going before a chunk
 * it cannot reach into it.  (A title with a line that opens a fence
 * would; such definitions reach their own chunk only.)  Empties the pool.
 */
static void
lo_defs_check(struct lo_defs *d, size_t was)
{
	cmark_node *c;

	if (d->text.len == was)
		return;
	layout_pool_reset(0);
	for (c = cmark_node_first_child(layout_pool_parse(NULL, 0,
	    d->text.data + was, d->text.len - was)); c != NULL;
	    c = cmark_node_next(c))
		if (cmark_node_get_type(c) != CMARK_NODE_PARAGRAPH &&
		    cmark_node_get_type(c) != CMARK_NODE_HEADING) {
			d->text.len = was;
			d->text.data[was] = '\0';
			return;
		}
}

/* The regions of the chunk parsed last, into defs (the pool is emptied
 * after). */
static void
lo_defs_chunk(const struct lo_chunks *ch, struct lo_regions *r,
    struct lo_defs *defs)
{
	struct lo_lines c;
	cmark_node *b;
	int line = 1;
	size_t i, was = defs->text.len;

	r->n = 0;
	r->shift = ch->pre_lines;
	for (b = ch->first; b != NULL && b != ch->stop;
	    b = cmark_node_next(b)) {
		lo_region_add(r, line, cmark_node_get_start_line(b) - 1, 0);
		lo_defs_block(r, b);
		line = cmark_node_get_end_line(b) + 1;
	}
	/* The gap before the block left for the next chunk. */
	r->shift = 0;
	lo_region_add(r, line - ch->pre_lines, ch->stop_line - 1, 0);
	c.text = ch->text + ch->at;
	c.len = ch->start - ch->at;
	c.off = 0;
	c.line = 1;
	for (i = 0; i < r->n; i++)
		lo_defs_extract(&c, &r->v[i], defs);
	lo_defs_check(defs, was);
}

/* The number of lines in s (a last line without '\n' counts). */
static int
lo_count_lines(const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	int lines = 0;

	while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		p++;
		lines++;
	}
	return lines;
}

/* 1 when a text node among the chunk's blocks holds '[' or ']': a
 * bracket that made no link, which a definition further on could. */
static int
lo_chunk_brackets(const struct lo_chunks *ch)
{
	cmark_node *b, *n;
	cmark_iter *it;
	cmark_event_type ev;
	const char *lit;
	int found = 0;

	for (b = ch->first; b != NULL && b != ch->stop && !found;
	    b = cmark_node_next(b)) {
		it = cmark_iter_new(b);
		while (!found &&
		    (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
			n = cmark_iter_get_node(it);
			if (ev != CMARK_EVENT_ENTER ||
			    cmark_node_get_type(n) != CMARK_NODE_TEXT)
				continue;
			lit = cmark_node_get_literal(n);
			found = lit != NULL && strpbrk(lit, "[]") != NULL;
		}
		cmark_iter_free(it);
	}
	return found;
}

/* Puts the definitions so far before the chunks to come. */
static void
lo_chunks_pre(struct lo_chunks *ch, const struct lo_defs *d)
{
	ch->pre = d->text.data;
	ch->pre_len = d->text.len;
	ch->pre_lines = lo_count_lines(d->text.data, d->text.len);
	/* Chunks at least twice the definitions: they add at most half to
	 * the work. */
	ch->base = LAYOUT_CHUNK > 2 * d->text.len ? LAYOUT_CHUNK :
	    2 * d->text.len;
}

/*
 * The definitions of the rest of the text (from the chunk after the one
 * parsed last), then back to that chunk: it had a bracket that one of
 * them may make a link.
 */
static void
lo_defs_rest(struct lo_chunks *ch, struct lo_regions *r, struct lo_defs *d)
{
	size_t back = ch->at;

	while (lo_chunk_next(ch)) {
		lo_defs_chunk(ch, r, d);
		lo_chunks_pre(ch, d);
	}
	ch->start = back;
	ch->size = ch->base;
}

int
layout_write_plain_text(const char *text, size_t len, int width, FILE *f)
{
	struct layout L;
	struct lo lo;
	struct lo_chunks ch;
	struct lo_regions r = { NULL, 0, 0, 0 };
	struct lo_defs d = { BUF_INIT, BUF_INIT, STRMAP_INIT };
	/* Definitions are gathered as chunks go by, while there may be any
	 * ahead ("]:" is in every one).  A chunk is written at once unless
	 * one further on could change it. */
	int gather = lo_defs_mark(text, len);

	lo_plain_begin(&lo, &L, width, f);
	memset(&ch, 0, sizeof ch);
	ch.text = text;
	ch.len = len;
	ch.size = ch.base = LAYOUT_CHUNK;
	while (!lo.werr && lo_chunk_next(&ch)) {
		if (gather && lo_defs_mark(text + ch.start, len - ch.start) &&
		    lo_chunk_brackets(&ch)) {
			lo_defs_chunk(&ch, &r, &d);
			lo_chunks_pre(&ch, &d);
			lo_defs_rest(&ch, &r, &d);
			gather = 0;
			continue;
		}
		lo_chunk_write(&lo, &ch);
		if (gather && ch.start < len) {
			lo_defs_chunk(&ch, &r, &d);
			lo_chunks_pre(&ch, &d);
		}
	}
	layout_pool_reset(1);
	free(r.v);
	buf_free(&d.text);
	buf_free(&d.para);
	strmap_free(&d.seen);
	return lo_plain_end(&lo, &L, f);
}
