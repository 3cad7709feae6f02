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

/*
 * The byte offset of 1-based line in text, counting lines as cmark does:
 * LF, CR and CR LF each end one.
 */
static size_t
lo_line_offset(const char *text, size_t len, int line)
{
	size_t off = 0;
	const char *nl;

	if (memchr(text, '\r', len) == NULL) {
		/* LF only, as nearly every file is: memchr runs fast. */
		while (--line > 0 && off < len) {
			if ((nl = memchr(text + off, '\n', len - off)) == NULL)
				return len;
			off = (size_t)(nl - text) + 1;
		}
		return off;
	}
	while (--line > 0 && off < len) {
		while (off < len && text[off] != '\n' && text[off] != '\r')
			off++;
		if (off == len)
			return len;
		if (text[off] == '\r' && off + 1 < len && text[off + 1] == '\n')
			off++;
		off++;
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
 * definition, which reaches the whole document.  Every definition holds
 * "]:", so a text without it is parsed in chunks with the output of a
 * whole parse, and a text with it is parsed whole.  (Gathering the
 * definitions as the chunks go by means finding them where cmark would:
 * after setext headings, HTML blocks, in containers and lazy lines, with
 * its line ends; an attack on such a version found it losing paragraphs
 * and links.  Lessons with reference links are small.)
 */
struct lo_chunks {
	const char *text;
	size_t len;
	size_t start;            /* where the next chunk starts */
	size_t size, base;       /* its size now, and normally */
	/* The chunk parsed last. */
	cmark_node *doc;
	cmark_node *first;       /* its first block */
	cmark_node *stop;        /* the block left for the next chunk */
	int stop_line;           /* its line in the chunk, 1-based */
};

static int
lo_line_of(cmark_node *n)
{
	return cmark_node_get_start_line(n);
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
		ch->doc = layout_pool_parse(NULL, 0, ch->text + ch->start,
		    end - ch->start);
		ch->first = cmark_node_first_child(ch->doc);
		last = cmark_node_last_child(ch->doc);
		if (end < ch->len && (last == NULL || last == ch->first)) {
			ch->size *= 2;
			continue;
		}
		ch->stop = end < ch->len ? last : NULL;
		ch->stop_line = ch->stop != NULL ? lo_line_of(last) :
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

int
layout_write_plain_text(const char *text, size_t len, int width, FILE *f)
{
	struct layout L;
	struct lo lo;
	struct lo_chunks ch;

	lo_plain_begin(&lo, &L, width, f);
	memset(&ch, 0, sizeof ch);
	ch.text = text;
	ch.len = len;
	ch.size = ch.base = lo_defs_mark(text, len) ? len : LAYOUT_CHUNK;
	while (!lo.werr && lo_chunk_next(&ch))
		lo_chunk_write(&lo, &ch);
	layout_pool_reset(1);
	return lo_plain_end(&lo, &L, f);
}
