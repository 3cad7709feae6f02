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
#include "layout_refs.h"
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
 * "]:", so a text without it is parsed in chunks in one pass.  A text
 * with it takes two: the first finds the chunks and, where a chunk holds
 * "]:", lets cmark say which labels it defines and as what (layout_refs.c:
 * finding definitions ourselves, where cmark would, lost paragraphs and
 * links); the second parses each chunk after the definitions it may use.
 * What that cannot give exactly (a label over two lines, cmark's limit on
 * reference expansion in reach, prefixes that would grow past the text)
 * is parsed whole, as before.
 */
struct lo_chunks {
	const char *text;
	size_t len;
	size_t start;            /* where the next chunk starts */
	size_t size, base;       /* its size now, and normally */
	size_t end;              /* where the chunk parsed last ends */
	/* The chunk parsed last. */
	cmark_node *doc;
	cmark_node *first;       /* its first block */
	cmark_node *stop;        /* the block left for the next chunk */
	int stop_line;           /* its line in the chunk, 1-based */
	/* With definitions: probes parsed before the chunk (layout_refs.c). */
	struct lo_refs *R;
	size_t nprobe;
	int probed, probe_err;
};

static int
lo_line_of(cmark_node *n)
{
	return cmark_node_get_start_line(n);
}

/* The n-th top-level block of doc (from 0), or NULL. */
static cmark_node *
lo_nth_child(cmark_node *doc, size_t n)
{
	cmark_node *c = cmark_node_first_child(doc);

	while (c != NULL && n-- > 0)
		c = cmark_node_next(c);
	return c;
}

static int lo_defs_mark(const char *s, size_t n);

/*
 * Parses the next chunk; returns 0 when the text is done (or, with R,
 * when in doubt: probe_err).
 */
static int
lo_chunk_next(struct lo_chunks *ch)
{
	cmark_node *last;
	size_t end, plen;
	const char *nl, *probe;

	while (ch->start < ch->len) {
		end = ch->len - ch->start > ch->size ? ch->start + ch->size :
		    ch->len;
		if (end < ch->len && (nl = memchr(ch->text + end, '\n',
		    ch->len - end)) != NULL)
			end = (size_t)(nl - ch->text) + 1;
		else
			end = ch->len;
		/* Probes on a chunk's first try only (it seldom doubles),
		 * and not on the whole text (that parse is the output). */
		ch->nprobe = 0;
		probe = NULL;
		plen = 0;
		ch->probed = ch->R != NULL && ch->size == ch->base &&
		    (ch->start > 0 || end < ch->len) &&
		    lo_defs_mark(ch->text + ch->start, end - ch->start);
		if (ch->probed && lo_refs_probes(ch->R, ch->text + ch->start,
		    end - ch->start, &probe, &plen, &ch->nprobe) < 0) {
			ch->probe_err = 1;
			return 0;
		}
		layout_pool_reset(0);
		ch->doc = layout_pool_parse(probe, plen, ch->text + ch->start,
		    end - ch->start);
		ch->first = lo_nth_child(ch->doc, ch->nprobe);
		last = ch->first != NULL ? cmark_node_last_child(ch->doc) :
		    NULL;
		if (end < ch->len && (last == NULL || last == ch->first)) {
			ch->size *= 2;
			continue;
		}
		ch->stop = end < ch->len ? last : NULL;
		/* Each probe is two lines. */
		ch->stop_line = ch->stop != NULL ? lo_line_of(last) -
		    2 * (int)ch->nprobe : INT_MAX;
		ch->start = ch->stop != NULL ? ch->start + lo_line_offset(
		    ch->text + ch->start, end - ch->start, ch->stop_line) :
		    ch->len;
		ch->size = ch->base;
		ch->end = end;
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

/* A chunk of the first pass: parsed from start to end, written to cut. */
struct lo_span {
	size_t start, cut, end;
};

/* The larger of cmark's limit on reference expansion and 100000. */
static size_t
lo_ref_limit(size_t fed)
{
	return fed > 100000 ? fed : 100000;
}

/*
 * 1 when every chunk's prefix keeps the time linear and cmark's limit on
 * reference expansion is out of reach, in each chunk and in a whole parse.
 */
static int
lo_refs_fit(struct lo_refs *R, const char *text, size_t len,
    const struct lo_span *sp, size_t n)
{
	size_t i, pre, cost, cost_pick, total = 0, doc = 0;
	size_t most = lo_refs_max_size(R);

	for (i = 0; i < n; i++) {
		pre = lo_refs_prefix(R, text + sp[i].start,
		    sp[i].cut - sp[i].start, sp[i].end - sp[i].start, NULL,
		    &cost, &cost_pick);
		total += pre;
		doc += cost_pick;
		if (cost + most > lo_ref_limit(pre + sp[i].end - sp[i].start))
			return 0;
		/* Stopped as soon as it is over: the whole parse is linear,
		 * going on to find out is not (attack22: labels of one key). */
		if (total > 2 * len + 65536 || lo_refs_work(R) > 8 * len +
		    1000000)
			return 0;
	}
	return total <= 2 * len + 65536 && doc + most <= lo_ref_limit(len);
}

/*
 * The first pass: the chunks, and the definitions in them, from probes
 * parsed with the chunk; again on the chunk's own blocks when the probes
 * were not parsed with it, or when the block left for the next chunk may
 * hold a definition (cut short, it could answer a probe wrongly).  When
 * one chunk is the whole text, *whole gets its parse, to be written.
 */
static struct lo_span *
lo_first_pass(struct lo_refs *R, const char *text, size_t len, size_t chunk,
    size_t *n, cmark_node **whole)
{
	struct lo_chunks ch;
	struct lo_span *sp = NULL;
	size_t from;
	int rc = 0;

	memset(&ch, 0, sizeof ch);
	ch.text = text;
	ch.len = len;
	ch.size = ch.base = chunk;
	ch.R = R;
	*n = 0;
	*whole = NULL;
	for (from = 0; rc == 0 && lo_chunk_next(&ch); from = ch.start) {
		sp = xgrow(sp, *n, sizeof *sp);
		sp[*n].start = from;
		sp[*n].cut = ch.start;
		sp[(*n)++].end = ch.end;
		if (from == 0 && ch.end == len) {
			*whole = ch.doc;
			break;
		}
		if (ch.probed && ch.nprobe == 0)
			continue;
		if (ch.probed && !lo_defs_mark(text + ch.start,
		    ch.end - ch.start))
			rc = lo_refs_read(R, ch.doc, ch.nprobe, ch.end - from);
		else if (lo_defs_mark(text + from, ch.start - from))
			rc = lo_refs_gather(R, text + from, ch.start - from);
	}
	if (rc < 0 || ch.probe_err) {
		free(sp);
		return NULL;
	}
	return sp;
}

/* Writes text in chunks, each after the definitions it may use. */
static int
lo_write_with_defs(struct lo *lo, const char *text, size_t len, size_t chunk)
{
	struct lo_refs *R = lo_refs_new();
	struct lo_span *sp;
	struct buf pre = BUF_INIT;
	size_t i, n, cost, cost_pick;
	cmark_node *doc, *c, *stop;

	sp = lo_first_pass(R, text, len, chunk, &n, &doc);
	if (sp != NULL && doc != NULL) {
		/* One chunk: the text's own parse, nothing to add. */
		for (c = cmark_node_first_child(doc); c != NULL;
		    c = cmark_node_next(c))
			layout_walk(lo, c);
		n = 0;
	} else if (sp == NULL || !lo_refs_fit(R, text, len, sp, n)) {
		free(sp);
		lo_refs_free(R);
		return -1;
	}
	for (i = 0; i < n && !lo->werr; i++) {
		buf_reset(&pre);
		lo_refs_prefix(R, text + sp[i].start, sp[i].cut - sp[i].start,
		    sp[i].end - sp[i].start, &pre, &cost, &cost_pick);
		layout_pool_reset(0);
		doc = layout_pool_parse(pre.data, pre.len, text + sp[i].start,
		    sp[i].end - sp[i].start);
		/* The definitions leave no block: the chunk's are all. */
		stop = sp[i].end < len ? cmark_node_last_child(doc) : NULL;
		for (c = cmark_node_first_child(doc); c != NULL && c != stop;
		    c = cmark_node_next(c))
			layout_walk(lo, c);
	}
	buf_free(&pre);
	free(sp);
	lo_refs_free(R);
	return 0;
}

int
layout_write_plain_text_chunk(const char *text, size_t len, int width,
    FILE *f, size_t chunk)
{
	struct layout L;
	struct lo lo;
	struct lo_chunks ch;

	lo_plain_begin(&lo, &L, width, f);
	memset(&ch, 0, sizeof ch);
	ch.text = text;
	ch.len = len;
	ch.size = ch.base = chunk;
	/* With definitions: written there, or whole when that cannot be
	 * exact. */
	if (lo_defs_mark(text, len)) {
		if (lo_write_with_defs(&lo, text, len, chunk) == 0)
			ch.start = len;
		else
			ch.size = ch.base = len;
	}
	while (!lo.werr && lo_chunk_next(&ch))
		lo_chunk_write(&lo, &ch);
	layout_pool_reset(1);
	return lo_plain_end(&lo, &L, f);
}

int
layout_write_plain_text(const char *text, size_t len, int width, FILE *f)
{
	return layout_write_plain_text_chunk(text, len, width, f,
	    LAYOUT_CHUNK);
}
