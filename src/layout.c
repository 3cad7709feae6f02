/*
 * layout.c: the lesson renderer (see layout.h).
 *
 * One walk over the tree with cmark_iter.  Text goes into the current
 * line as it comes, a word at a time; when a word does not fit, the line
 * is cut at its last space and what followed moves to the next line.
 * Lines start with the prefixes of the enclosing quotes and list items
 * (a list item's marker on its first line, spaces after: a hanging
 * indent).  The same builder either keeps every line (layout_build) or
 * writes each finished line out and forgets it (layout_write_plain).
 */
#include "config.h"

#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark.h>

#include "layout.h"
#include "text.h"
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

static void lo_line_start(struct lo *, int);
static void lo_line_end(struct lo *);

/* ---- spans and lines -------------------------------------------------- */

static void
lo_span_push(struct lo *lo, size_t off, size_t len, uint32_t style,
    int32_t link)
{
	struct layout *L = lo->L;
	struct layout_span *s;

	if (L->nspans == lo->capspans) {
		lo->capspans = lo->capspans ? lo->capspans * 2 : 64;
		L->spans = xreallocarray(L->spans, lo->capspans,
		    sizeof *L->spans);
	}
	s = &L->spans[L->nspans++];
	s->off = (uint32_t)off;
	s->len = (uint32_t)len;
	s->style = style;
	s->link = link;
}

/* buf_add without the call when there is room: the hot path. */
static inline void
lo_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 <= b->cap) {
		memcpy(b->data + b->len, s, n);
		b->len += n;
		b->data[b->len] = '\0';
	} else
		buf_add(b, s, n);
}

/* Appends text already fit for a terminal, w columns wide. */
static void
lo_put(struct lo *lo, const char *s, size_t n, int w, uint32_t style,
    int32_t link)
{
	struct layout *L = lo->L;
	struct layout_span *last;

	if (L->nspans > lo->line_span0) {
		last = &L->spans[L->nspans - 1];
		if (last->style == style && last->link == link &&
		    last->off + last->len == lo->arena.len) {
			lo_add(&lo->arena, s, n);
			last->len += (uint32_t)n;
			lo->col += w;
			return;
		}
	}
	if (link >= 0 && L->links[link].line == (size_t)-1)
		L->links[link].line = lo->line_count;
	lo_span_push(lo, lo->arena.len, n, style, link);
	lo_add(&lo->arena, s, n);
	lo->col += w;
}

/* Writes the finished line's text to the output buffer. */
static void
lo_write_line(struct lo *lo, size_t span0, size_t nspans)
{
	struct layout *L = lo->L;
	size_t i;

	for (i = span0; i < span0 + nspans; i++)
		lo_add(&lo->outbuf, lo->arena.data + L->spans[i].off,
		    L->spans[i].len);
	lo_add(&lo->outbuf, "\n", 1);
	if (lo->outbuf.len >= LO_OUTBUF) {
		if (fwrite(lo->outbuf.data, 1, lo->outbuf.len, lo->out) !=
		    lo->outbuf.len)
			lo->werr = 1;
		lo->outbuf.len = 0;
	}
}

/* Drops trailing spaces of the line; returns the columns removed. */
static int
lo_trim(struct lo *lo)
{
	struct layout *L = lo->L;
	struct layout_span *s;
	int cut = 0;

	while (L->nspans > lo->line_span0) {
		s = &L->spans[L->nspans - 1];
		while (s->len > 0 && lo->arena.data[s->off + s->len - 1] == ' ') {
			s->len--;
			cut++;
		}
		if (s->len > 0)
			break;
		L->nspans--;
	}
	return cut;
}

static void
lo_line_end(struct lo *lo)
{
	struct layout *L = lo->L;
	struct layout_line *ln;
	size_t n;

	if (!lo->in_line)
		return;
	lo->col -= lo_trim(lo);
	if (lo->heading && lo->col - lo->content_col > lo->heading_w)
		lo->heading_w = lo->col - lo->content_col;
	n = L->nspans - lo->line_span0;
	if (lo->out != NULL) {
		lo_write_line(lo, lo->line_span0, n);
		L->nspans = lo->line_span0 = 0;
		lo->arena.len = 0;
	} else {
		if (L->nlines == lo->caplines) {
			lo->caplines = lo->caplines ? lo->caplines * 2 : 64;
			L->lines = xreallocarray(L->lines, lo->caplines,
			    sizeof *L->lines);
		}
		ln = &L->lines[L->nlines++];
		ln->span = lo->line_span0;
		ln->nspans = (uint32_t)n;
		ln->width = (uint32_t)lo->col;
		ln->src_line = lo->src_line;
		ln->flags = lo->line_flags | (n == 0 ? LAYOUT_LINE_BLANK : 0);
		lo->line_span0 = L->nspans;
	}
	lo->line_count++;
	lo->in_line = 0;
}

/* The narrowest prefix: a quote bar or a bullet and its space. */
#define LO_PREFIX_MIN_W 2

/* Shows one prefix when it fits within limit columns. */
static void
lo_prefix_show(struct lo *lo, const char *s, int w, uint32_t style,
    int limit)
{
	if (lo->col + w <= limit)
		lo_put(lo, s, strlen(s), w, LAYOUT_MARKER | style, -1);
}

/*
 * Starts a line with the prefixes of the open containers.  Prefixes take
 * at most half the width; deeper ones are left out, so text always has
 * room.  A blank line neither shows nor uses up a list marker.
 */
static void
lo_line_start(struct lo *lo, int blank)
{
	struct lo_prefix *p;
	size_t i;
	int limit = lo->width / 2;

	lo->in_line = 1;
	lo->line_span0 = lo->L->nspans;
	lo->col = 0;
	/*
	 * Only the prefixes that fit are visited, and each prefix is marked
	 * used once, so a line costs O(width), not O(depth): 100,000 nested
	 * items stay linear.  Every prefix is at least LO_PREFIX_MIN_W wide.
	 */
	for (i = 0; i < lo->npre && lo->col + LO_PREFIX_MIN_W <= limit; i++) {
		p = &lo->pre[i];
		if (i >= lo->nused && !blank)
			lo_prefix_show(lo, p->first, p->wfirst, p->style, limit);
		else
			lo_prefix_show(lo, p->rest, p->wrest, p->style, limit);
	}
	if (!blank) {
		for (i = lo->nused; i < lo->npre; i++)
			lo->pre[i].used = 1;
		lo->nused = lo->npre;
	}
	lo->content_col = lo->col;
	lo->has_bp = 0;
	lo->last_space = 1;
}

/* ---- wrapping --------------------------------------------------------- */

/* 1 when a span of the current line before span end shows link k. */
static int
lo_line_has_link(struct lo *lo, size_t end, int32_t k)
{
	size_t i;

	for (i = lo->line_span0; i < end; i++)
		if (lo->L->spans[i].link == k && lo->L->spans[i].len > 0)
			return 1;
	return 0;
}

/* Moves what follows the last space to a new line. */
static void
lo_wrap(struct lo *lo)
{
	struct layout *L = lo->L;
	struct layout_span *s;
	size_t i, ntmp = 0, start, end;
	int remw = lo->col - lo->bp_col;

	buf_reset(&lo->tmptext);
	for (i = lo->bp_span; i < L->nspans; i++) {
		s = &L->spans[i];
		start = i == lo->bp_span ? lo->bp_off + 1 : s->off;
		end = (size_t)s->off + s->len;
		if (start >= end)
			continue;
		if (ntmp == lo->captmp) {
			lo->captmp = lo->captmp ? lo->captmp * 2 : 8;
			lo->tmp = xreallocarray(lo->tmp, lo->captmp,
			    sizeof *lo->tmp);
		}
		lo->tmp[ntmp] = *s;
		lo->tmp[ntmp].off = (uint32_t)lo->tmptext.len;
		lo->tmp[ntmp].len = (uint32_t)(end - start);
		buf_add(&lo->tmptext, lo->arena.data + start, end - start);
		ntmp++;
	}
	s = &L->spans[lo->bp_span];
	s->len = (uint32_t)(lo->bp_off - s->off);
	L->nspans = lo->bp_span + 1;
	/* A link that now starts on the next line is found there. */
	for (i = 0; i < ntmp; i++)
		if (lo->tmp[i].link >= 0 &&
		    !lo_line_has_link(lo, L->nspans, lo->tmp[i].link))
			L->links[lo->tmp[i].link].line = (size_t)-1;
	lo->col = lo->bp_col - 1;
	lo_line_end(lo);
	lo_line_start(lo, 0);
	for (i = 0; i < ntmp; i++)
		lo_put(lo, lo->tmptext.data + lo->tmp[i].off, lo->tmp[i].len,
		    0, lo->tmp[i].style, lo->tmp[i].link);
	lo->col += remw;
	lo->last_space = 0;
}

/*
 * Makes room for w columns: wraps at the last space, or cuts a word too
 * long for a line.  Returns 0, or -1 when w can never fit (the caller
 * shows '?' instead).
 */
static int
lo_room(struct lo *lo, int w)
{
	if (!lo->in_line)
		lo_line_start(lo, 0);
	if (lo->col + w <= lo->width)
		return 0;
	if (lo->has_bp)
		lo_wrap(lo);
	if (lo->col + w > lo->width && lo->col > lo->content_col) {
		lo_line_end(lo);
		lo_line_start(lo, 0);
	}
	return lo->col + w <= lo->width ? 0 : -1;
}

static void
lo_space(struct lo *lo)
{
	if (!lo->in_line || lo->last_space)
		return;
	lo->bp_off = lo->arena.len;
	lo_put(lo, " ", 1, 1, lo->style, lo->link);
	lo->bp_span = lo->L->nspans - 1;
	lo->bp_col = lo->col;
	lo->has_bp = 1;
	lo->last_space = 1;
}

/*
 * Turns one character at s into terminal-safe bytes in out (at least 8
 * bytes) and its width in *w.  Returns the source bytes used.
 */
static size_t
lo_char(const char *s, size_t n, char *out, size_t *outlen, int *w)
{
	uint32_t cp;
	size_t k = text_decode(s, n, &cp);
	const char *a;

	if (cp >= 0x20 && cp < 0x7f) {
		out[0] = (char)cp;
		*outlen = 1;
		*w = 1;
	} else if (cp < 0x20 || cp == 0x7f) {
		out[0] = '^';
		out[1] = cp == 0x7f ? '?' : (char)(cp + '@');
		*outlen = 2;
		*w = 2;
	} else if ((cp >= 0x80 && cp < 0xa0) || (cp == 0xfffd && k == 1)) {
		if (text_utf8()) {
			memcpy(out, "\xef\xbf\xbd", 3);
			*outlen = 3;
		} else {
			out[0] = '?';
			*outlen = 1;
		}
		*w = 1;
	} else if (!text_utf8()) {
		a = text_ascii_for(cp);
		*outlen = strlen(a);
		memcpy(out, a, *outlen);
		*w = (int)*outlen;
	} else {
		memcpy(out, s, k);
		*outlen = k;
		*w = text_cp_width(cp);
	}
	return k;
}

/*
 * Adds a run of characters that can go out as they are (no spaces), w
 * columns wide in all: whole when it fits, else after wrapping, else cut
 * into line-sized pieces, each one span.  Linear in n.
 */
static void
lo_run(struct lo *lo, const char *s, size_t n, int w)
{
	size_t take, k;
	uint32_t cp;
	int tw, cw;

	while (n > 0) {
		if (!lo->in_line)
			lo_line_start(lo, 0);
		if (lo->col + w > lo->width)
			(void)lo_room(lo, w);
		/* As many characters as fit (marks of width 0 stay with the
		 * character before them). */
		for (take = 0, tw = 0; take < n; take += k, tw += cw) {
			k = text_decode(s + take, n - take, &cp);
			cw = text_cp_width(cp);
			if (take > 0 && lo->col + tw + cw > lo->width)
				break;
			if (take == 0 && lo->col + cw > lo->width) {
				/* Wider than the whole line: shown as '?'. */
				lo_put(lo, "?", 1, 1, lo->style, lo->link);
				lo->last_space = 0;
				s += k;
				n -= k;
				w -= cw;
				take = (size_t)-1;
				break;
			}
		}
		if (take == (size_t)-1)
			continue;
		lo_put(lo, s, take, tw, lo->style, lo->link);
		lo->last_space = 0;
		s += take;
		n -= take;
		w -= tw;
		if (n > 0)
			lo_line_end(lo);
	}
}

/*
 * Measures the word at s (up to a space): its byte length in *n and its
 * width in *w.  Returns 0 when the bytes can go out as they are, or -1
 * when some character needs making safe (a control character, invalid
 * UTF-8, or any non-ASCII without a UTF-8 locale); *n is then its offset.
 */
static int
lo_word(const char *s, size_t len, size_t *n, int *w)
{
	size_t i = 0, k;
	unsigned char c;
	uint32_t cp;
	int width = 0, utf8 = text_utf8();

	while (i < len) {
		c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
			break;
		if (c > ' ' && c < 0x7f) {
			width++;
			i++;
			continue;
		}
		if (c < 0x80 || !utf8)
			break;
		k = text_decode(s + i, len - i, &cp);
		if ((cp == 0xfffd && k == 1) || cp < 0xa0)
			break;
		width += text_cp_width(cp);
		i += k;
	}
	*n = i;
	*w = width;
	return i < len && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' &&
	    s[i] != '\r' ? -1 : 0;
}

#define LO_ONES  0x0101010101010101ull
#define LO_HIGHS 0x8080808080808080ull

/*
 * 1 when the eight bytes at s are printable ASCII or spaces, with no two
 * spaces together (nor a space first when prev, the byte before, was
 * one): the test of lo_fit's loop for eight bytes in a few instructions.
 */
static int
lo_plain8(const char *s, int prev)
{
	uint64_t v, x, ctl, del, sp, y;

	memcpy(&v, s, 8);
	x = v & ~LO_HIGHS;
	ctl = ~(x + 0x60 * LO_ONES) & LO_HIGHS;     /* below 0x20 */
	del = (x + LO_ONES) & LO_HIGHS;             /* 0x7f */
	if (((v & LO_HIGHS) | ctl | del) != 0)
		return 0;
	y = v ^ 0x20 * LO_ONES;
	sp = ~(((y & ~LO_HIGHS) + ~LO_HIGHS) | y) & LO_HIGHS;
	return (sp & (sp << 8)) == 0 && !(prev && s[0] == ' ');
}

/*
 * The fast path of lo_text: of plain ASCII text at s (printable bytes and
 * single spaces), the longest start that ends at a word's end (or after
 * its space) and fits in the room left, in *take; *sp gets the offset of
 * its last space, or (size_t)-1.  last_space: the text before s ended in
 * a space.  Everything else (a word that needs wrapping or making safe,
 * runs of blanks) is left to the word-at-a-time path, which gives the
 * same lines.
 */
static void
lo_fit(const char *s, size_t n, size_t room, int last_space, size_t *take,
    size_t *sp)
{
	size_t k = 0, lim = n < room ? n : room, lsp = (size_t)-1;
	unsigned char c;
	int prev = last_space;

	/* Eight bytes at a time while they are printable ASCII and single
	 * spaces. */
	while (k + 8 <= lim && lo_plain8(s + k, prev)) {
		for (c = 8; c-- > 0;)
			if (s[k + c] == ' ') {
				lsp = k + c;
				break;
			}
		prev = s[k + 7] == ' ';
		k += 8;
	}
	while (k < lim) {
		c = (unsigned char)s[k];
		if (c > ' ' && c < 0x7f)
			prev = 0;
		else if (c == ' ' && !prev) {
			lsp = k;
			prev = 1;
		} else
			break;
		k++;
	}
	*sp = lsp;
	if (k == n || (k < n && (s[k] == ' ' || s[k] == '\t' ||
	    s[k] == '\n' || s[k] == '\r')) || (k > 0 && s[k - 1] == ' ')) {
		*take = k;
		return;
	}
	/* The word at k goes on: stop before it. */
	*take = lsp == (size_t)-1 ? 0 : lsp + 1;
	if (*take <= lsp)
		*sp = (size_t)-1;
}

/* Puts the first take bytes of plain ASCII text s (see lo_fit) at once. */
static void
lo_put_fit(struct lo *lo, const char *s, size_t take, size_t sp)
{
	size_t at = lo->arena.len;
	int col = lo->col;

	lo_put(lo, s, take, (int)take, lo->style, lo->link);
	if (sp != (size_t)-1) {
		lo->bp_off = at + sp;
		lo->bp_span = lo->L->nspans - 1;
		lo->bp_col = col + (int)sp + 1;
		lo->has_bp = 1;
	}
	lo->last_space = s[take - 1] == ' ';
}

/* Adds wrapped text in the current style. */
static void
lo_text(struct lo *lo, const char *s, size_t n)
{
	size_t i = 0, k, outlen, sp;
	unsigned char c;
	char out[8];
	int w, r;

	while (i < n) {
		if (!lo->in_line)
			lo_line_start(lo, 0);
		if (lo->col < lo->width) {
			lo_fit(s + i, n - i, (size_t)(lo->width - lo->col),
			    lo->last_space, &k, &sp);
			if (k > 0) {
				lo_put_fit(lo, s + i, k, sp);
				if ((i += k) == n)
					break;
			}
		}
		c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			lo_space(lo);
			i++;
			continue;
		}
		/* A safe word that fits (maybe after wrapping) goes at once. */
		r = lo_word(s + i, n - i, &k, &w);
		if (r == 0 && k > 0) {
			if (!lo->in_line)
				lo_line_start(lo, 0);
			if (lo->col + w > lo->width && lo->has_bp &&
			    lo->bp_col - lo->content_col > 0 &&
			    w <= lo->width - lo->content_col)
				lo_wrap(lo);
			if (lo->col + w <= lo->width) {
				lo_put(lo, s + i, k, w, lo->style, lo->link);
				lo->last_space = 0;
				i += k;
				continue;
			}
		}
		/* Too long for a line, or safe up to a character that is
		 * not: the safe part goes in line-sized pieces, measured once
		 * (a character at a time was quadratic). */
		if (k > 0) {
			lo_run(lo, s + i, k, w);
			i += k;
			continue;
		}
		k = lo_char(s + i, n - i, out, &outlen, &w);
		if (lo_room(lo, w) != 0) {
			out[0] = '?';
			outlen = 1;
			w = 1;
		}
		lo_put(lo, out, outlen, w, lo->style, lo->link);
		lo->last_space = 0;
		i += k;
	}
}

/* ---- verbatim lines (code, HTML blocks) -------------------------------- */

/* The width of a code line with tabs expanded from column 0. */
static int
lo_verbatim_width(const char *s, size_t n)
{
	size_t i = 0, k, outlen;
	int col = 0, w;
	char out[8];

	while (i < n) {
		if (s[i] == '\t') {
			col += LO_TABSTOP - col % LO_TABSTOP;
			i++;
			continue;
		}
		k = lo_char(s + i, n - i, out, &outlen, &w);
		col += w;
		i += k;
	}
	return col;
}

/* One line of a code block: never wrapped, clipped with a marker. */
static void
lo_verbatim_line(struct lo *lo, const char *s, size_t n, const char *indent)
{
	const char *mark = text_utf8() ? "\xe2\x80\xba" : ">";
	size_t i = 0, k, outlen;
	int avail, col = 0, w, clip;
	char out[8];

	lo_line_start(lo, 0);
	lo_put(lo, indent, strlen(indent), (int)strlen(indent), lo->style, -1);
	avail = lo->width - lo->col;
	clip = lo_verbatim_width(s, n) > avail;
	if (clip)
		avail--;
	while (i < n) {
		if (s[i] == '\t') {
			w = LO_TABSTOP - col % LO_TABSTOP;
			if (col + w > avail)
				break;
			lo_put(lo, "    ", (size_t)w, w, lo->style, -1);
			col += w;
			i++;
			continue;
		}
		k = lo_char(s + i, n - i, out, &outlen, &w);
		if (col + w > avail)
			break;
		lo_put(lo, out, outlen, w, lo->style, -1);
		col += w;
		i += k;
	}
	if (clip && avail >= 0)
		lo_put(lo, mark, strlen(mark), 1, lo->style | LAYOUT_CLIP, -1);
	lo_line_end(lo);
}

static void
lo_verbatim(struct lo *lo, const char *lit, const char *indent)
{
	const char *p = lit, *nl;

	if (lit == NULL)
		return;
	while (*p != '\0') {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		lo_verbatim_line(lo, p, (size_t)(nl - p), indent);
		p = *nl == '\n' ? nl + 1 : nl;
	}
}

/* ---- blocks ------------------------------------------------------------ */

static void
lo_restyle(struct lo *lo)
{
	uint32_t s = 0;

	if (lo->strong)
		s |= LAYOUT_BOLD;
	if (lo->emph)
		s |= LAYOUT_ITALIC;
	if (lo->quote)
		s |= LAYOUT_QUOTE;
	if (lo->in_answer)
		s |= LAYOUT_ANSWER;
	if (lo->image)
		s |= LAYOUT_IMAGE;
	if (lo->link >= 0)
		s |= LAYOUT_LINK;
	if (lo->heading)
		s |= LAYOUT_BOLD | ((uint32_t)lo->heading <<
		    LAYOUT_HEADING_SHIFT);
	lo->style = s;
}

/* Before a leaf block: a blank line when the last block asked for one. */
static void
lo_block_start(struct lo *lo, cmark_node *node, unsigned line_flags)
{
	lo_line_end(lo);
	/* The blank line belongs to the block before it. */
	if (lo->need_blank && lo->line_count > 0) {
		lo->line_flags = line_flags;
		lo_line_start(lo, 1);
		lo_line_end(lo);
	}
	lo->src_line = cmark_node_get_start_line(node);
	lo->need_blank = 0;
	lo->line_flags = line_flags;
}

/* 1 when node sits directly in an item of a tight list. */
static int
lo_tight(cmark_node *node)
{
	cmark_node *item = cmark_node_parent(node), *list;

	if (item == NULL || cmark_node_get_type(item) != CMARK_NODE_ITEM)
		return 0;
	list = cmark_node_parent(item);
	return list != NULL && cmark_node_get_list_tight(list);
}

/* Copies a prefix (at most 23 bytes, as snprintf did) into to, its
 * width into *w; spaces, the common case, without measuring. */
static void
lo_prefix_copy(char to[24], const char *from, int *w)
{
	size_t n = strlen(from), i;

	if (n > 23)
		n = 23;
	memcpy(to, from, n);
	to[n] = '\0';
	for (i = 0; i < n && from[i] == ' '; i++)
		;
	*w = i == n ? (int)n : (int)text_width(to, n);
}

static void
lo_prefix_push(struct lo *lo, const char *first, const char *rest,
    uint32_t style)
{
	struct lo_prefix *p;

	if (lo->npre == lo->cappre) {
		lo->cappre = lo->cappre ? lo->cappre * 2 : 16;
		lo->pre = xreallocarray(lo->pre, lo->cappre, sizeof *lo->pre);
	}
	p = &lo->pre[lo->npre++];
	lo_prefix_copy(p->first, first, &p->wfirst);
	lo_prefix_copy(p->rest, rest, &p->wrest);
	p->used = 0;
	p->style = style;
	if (p->first[0] != p->rest[0])
		lo->nitems++;
}

/* Closes the innermost container's prefix. */
static void
lo_prefix_pop(struct lo *lo)
{
	struct lo_prefix *p;

	if (lo->npre == 0)
		return;
	p = &lo->pre[--lo->npre];
	if (p->first[0] != p->rest[0])
		lo->nitems--;
	if (lo->nused > lo->npre)
		lo->nused = lo->npre;
}

static void
lo_item_enter(struct lo *lo, cmark_node *item)
{
	static const char *const bullets[] = { "\xe2\x80\xa2 ",
	    "\xe2\x97\xa6 ", "\xe2\x96\xaa " };
	static const char *const ascii[] = { "* ", "- ", "+ " };
	cmark_node *list = cmark_node_parent(item);
	char marker[24], spaces[24];
	size_t depth = lo->nitems, w;

	if (list != NULL &&
	    cmark_node_get_list_type(list) == CMARK_ORDERED_LIST &&
	    lo->nnums > 0) {
		snprintf(marker, sizeof marker, "%d%c ",
		    lo->nums[lo->nnums - 1]++,
		    cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM ?
		    ')' : '.');
	} else
		snprintf(marker, sizeof marker, "%s", text_utf8() ?
		    bullets[depth % 3] : ascii[depth % 3]);
	w = text_width(marker, strlen(marker));
	memset(spaces, ' ', w);
	spaces[w] = '\0';
	lo_prefix_push(lo, marker, spaces, 0);
}

static void
lo_item_exit(struct lo *lo, cmark_node *item)
{
	/* An empty item still shows its marker. */
	if (lo->npre > 0 && !lo->pre[lo->npre - 1].used) {
		lo_block_start(lo, item, lo->line_flags);
		lo_line_start(lo, 0);
		lo_line_end(lo);
	}
	lo_line_end(lo);
	lo_prefix_pop(lo);
	lo->need_blank = !cmark_node_get_list_tight(cmark_node_parent(item));
}

static void
lo_list(struct lo *lo, cmark_node *list, int enter)
{
	if (enter) {
		if (lo->nnums == lo->capnums) {
			lo->capnums = lo->capnums ? lo->capnums * 2 : 16;
			lo->nums = xreallocarray(lo->nums, lo->capnums,
			    sizeof *lo->nums);
		}
		lo->nums[lo->nnums++] = cmark_node_get_list_start(list);
		return;
	}
	lo->nnums--;
	lo->need_blank = !lo_tight(list);
}

/* The first text inside node, or "". */
static const char *
lo_first_text(cmark_node *node)
{
	cmark_node *c = node;

	while (c != NULL && cmark_node_get_type(c) != CMARK_NODE_TEXT)
		c = cmark_node_first_child(c);
	return c != NULL && cmark_node_get_literal(c) != NULL ?
	    cmark_node_get_literal(c) : "";
}

static int
lo_is_answer(struct lo *lo, cmark_node *para)
{
	cmark_node *parent = cmark_node_parent(para);

	return lo->in_check && parent != NULL &&
	    cmark_node_get_type(parent) == CMARK_NODE_ITEM &&
	    strncasecmp(lo_first_text(para), "Answer:", 7) == 0;
}

/* Returns 1 when the paragraph's children are to be skipped. */
static int
lo_paragraph_enter(struct lo *lo, cmark_node *node)
{
	int answer = lo_is_answer(lo, node);

	lo_block_start(lo, node, answer ? LAYOUT_LINE_ANSWER : 0);
	lo->in_answer = answer;
	lo_restyle(lo);
	if (answer && (lo->flags & LAYOUT_HIDE_ANSWERS)) {
		lo->style = LAYOUT_DIM | LAYOUT_ANSWER;
		lo_text(lo, LAYOUT_ANSWER_HIDDEN, strlen(LAYOUT_ANSWER_HIDDEN));
		return 1;
	}
	return 0;
}

static void
lo_paragraph_exit(struct lo *lo, cmark_node *node)
{
	lo_line_end(lo);
	lo->in_answer = 0;
	lo->line_flags = 0;
	lo_restyle(lo);
	lo->need_blank = !lo_tight(node);
}

static void
lo_add_anchor(struct lo *lo, const char *slug0, size_t line)
{
	struct layout *L = lo->L;
	/* GitHub numbers repeated slugs: intro, intro-1, intro-2. */
	char *slug = util_unique_slug(&lo->slugs, slug0);

	if (L->nanchors == lo->capanchors) {
		lo->capanchors = lo->capanchors ? lo->capanchors * 2 : 16;
		L->anchors = xreallocarray(L->anchors, lo->capanchors,
		    sizeof *L->anchors);
	}
	L->anchors[L->nanchors].slug = slug;
	L->anchors[L->nanchors].line = line;
	L->nanchors++;
}

static void
lo_heading(struct lo *lo, cmark_node *node, int enter)
{
	int level = cmark_node_get_heading_level(node), i;
	char *slug;

	if (enter) {
		lo_block_start(lo, node, LAYOUT_LINE_HEADING);
		lo->heading = level;
		lo->heading_w = 0;
		lo->heading_line = lo->line_count;
		buf_reset(&lo->heading_text);
		buf_add(&lo->heading_text, "", 0);
		lo_restyle(lo);
		return;
	}
	lo_line_end(lo);
	if (level <= 2) {
		lo_line_start(lo, 0);
		for (i = 0; i < lo->heading_w && lo->col < lo->width; i++)
			lo_put(lo, level == 1 ? "=" : "-", 1, 1, lo->style |
			    LAYOUT_RULE, -1);
		lo_line_end(lo);
	}
	if (lo->out == NULL) {
		slug = layout_slug(lo->heading_text.data,
		    lo->heading_text.len);
		lo_add_anchor(lo, slug, lo->heading_line);
		free(slug);
		if (level == 1 && lo->L->title == NULL)
			lo->L->title = text_for_terminal(lo->heading_text.data,
			    lo->heading_text.len);
	}
	if (level <= 2)
		lo->in_check = level == 2 &&
		    layout_is_check_heading(lo->heading_text.data);
	lo->heading = 0;
	lo->line_flags = 0;
	lo_restyle(lo);
	lo->need_blank = 1;
}

static void
lo_code_block(struct lo *lo, cmark_node *node, int html)
{
	const char *info = html ? NULL : cmark_node_get_fence_info(node);
	int diagram = info != NULL && strncmp(info, "diagram", 7) == 0 &&
	    (info[7] == '\0' || info[7] == ' ');
	uint32_t saved = lo->style;

	lo_block_start(lo, node, lo->in_answer ? LAYOUT_LINE_ANSWER : 0);
	lo->style = (lo->quote ? LAYOUT_QUOTE : 0) | (html ? LAYOUT_HTML |
	    LAYOUT_DIM : diagram ? LAYOUT_DIAGRAM : LAYOUT_CODE);
	lo_verbatim(lo, cmark_node_get_literal(node), diagram || html ?
	    "" : "  ");
	lo->style = saved;
	lo->need_blank = 1;
}

static void
lo_thematic_break(struct lo *lo, cmark_node *node)
{
	const char *dash = text_utf8() ? "\xe2\x94\x80" : "-";

	lo_block_start(lo, node, 0);
	lo_line_start(lo, 0);
	while (lo->col < lo->width && lo->col < lo->content_col + 40)
		lo_put(lo, dash, strlen(dash), 1, LAYOUT_RULE | LAYOUT_DIM, -1);
	lo_line_end(lo);
	lo->need_blank = 1;
}

/* ---- inlines ----------------------------------------------------------- */

static void
lo_link_enter(struct lo *lo, cmark_node *node)
{
	struct layout *L = lo->L;
	struct layout_link *k;
	const char *url = cmark_node_get_url(node);

	if (url == NULL)
		url = "";
	if (L->nlinks == lo->caplinks) {
		lo->caplinks = lo->caplinks ? lo->caplinks * 2 : 16;
		L->links = xreallocarray(L->links, lo->caplinks,
		    sizeof *L->links);
	}
	k = &L->links[L->nlinks];
	memset(k, 0, sizeof *k);
	k->kind = layout_link_parse(url, &k->lesson, &k->anchor);
	k->url = xstrdup(url);
	k->line = (size_t)-1;
	k->src_line = lo->src_line;
	lo->link = (int32_t)L->nlinks++;
	lo_restyle(lo);
}

/* 1 when the link's text is its own URL (an autolink). */
static int
lo_autolink(cmark_node *node, const char *url)
{
	cmark_node *c = cmark_node_first_child(node);
	const char *t;

	if (c == NULL || cmark_node_next(c) != NULL ||
	    cmark_node_get_type(c) != CMARK_NODE_TEXT)
		return 0;
	t = cmark_node_get_literal(c);
	if (t == NULL)
		return 0;
	return strcmp(t, url) == 0 || (strncmp(url, "mailto:", 7) == 0 &&
	    strcmp(t, url + 7) == 0);
}

static void
lo_link_exit(struct lo *lo, cmark_node *node)
{
	struct layout_link *k = &lo->L->links[lo->link];
	uint32_t saved;

	lo->link = -1;
	lo_restyle(lo);
	if (k->kind != LAYOUT_LINK_EXTERNAL || k->url[0] == '\0' ||
	    lo_autolink(node, k->url))
		return;
	saved = lo->style;
	lo_space(lo);
	lo->style |= LAYOUT_URL | LAYOUT_DIM;
	lo_text(lo, "<", 1);
	lo_text(lo, k->url, strlen(k->url));
	lo_text(lo, ">", 1);
	lo->style = saved;
}

static void
lo_literal(struct lo *lo, cmark_node *node, uint32_t extra)
{
	const char *lit = cmark_node_get_literal(node);
	uint32_t saved = lo->style;

	if (lit == NULL)
		return;
	if (lo->heading)
		buf_adds(&lo->heading_text, lit);
	lo->style |= extra;
	lo_text(lo, lit, strlen(lit));
	lo->style = saved;
}

/* Returns 1 when the node's children are to be skipped. */
static int
lo_enter(struct lo *lo, cmark_node *node)
{
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_PARAGRAPH:
		return lo_paragraph_enter(lo, node);
	case CMARK_NODE_HEADING:
		lo_heading(lo, node, 1);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		/* The blank before a quote goes outside its bar. */
		lo_block_start(lo, node, lo->line_flags);
		lo->need_blank = 0;
		lo_prefix_push(lo, text_utf8() ? "\xe2\x94\x82 " : "| ",
		    text_utf8() ? "\xe2\x94\x82 " : "| ", LAYOUT_QUOTE);
		lo->quote++;
		lo_restyle(lo);
		break;
	case CMARK_NODE_LIST:
		lo_list(lo, node, 1);
		break;
	case CMARK_NODE_ITEM:
		lo_line_end(lo);
		lo_item_enter(lo, node);
		break;
	case CMARK_NODE_CODE_BLOCK:
		lo_code_block(lo, node, 0);
		break;
	case CMARK_NODE_HTML_BLOCK:
		lo_code_block(lo, node, 1);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		lo_thematic_break(lo, node);
		break;
	case CMARK_NODE_TEXT:
		lo_literal(lo, node, 0);
		break;
	case CMARK_NODE_CODE:
		lo_literal(lo, node, LAYOUT_CODE);
		break;
	case CMARK_NODE_HTML_INLINE:
		lo_literal(lo, node, LAYOUT_HTML | LAYOUT_DIM);
		break;
	case CMARK_NODE_SOFTBREAK:
		if (lo->heading)
			buf_addc(&lo->heading_text, ' ');
		lo_space(lo);
		break;
	case CMARK_NODE_LINEBREAK:
		lo_line_end(lo);
		break;
	case CMARK_NODE_EMPH:
		lo->emph++;
		lo_restyle(lo);
		break;
	case CMARK_NODE_STRONG:
		lo->strong++;
		lo_restyle(lo);
		break;
	case CMARK_NODE_LINK:
		if (lo->link < 0)
			lo_link_enter(lo, node);
		break;
	case CMARK_NODE_IMAGE:
		lo->image++;
		lo_restyle(lo);
		lo_text(lo, "[image: ", 8);
		break;
	default:
		break;
	}
	return 0;
}

static void
lo_exit(struct lo *lo, cmark_node *node)
{
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_PARAGRAPH:
		lo_paragraph_exit(lo, node);
		break;
	case CMARK_NODE_HEADING:
		lo_heading(lo, node, 0);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		lo_line_end(lo);
		lo_prefix_pop(lo);
		lo->quote--;
		lo_restyle(lo);
		lo->need_blank = 1;
		break;
	case CMARK_NODE_LIST:
		lo_list(lo, node, 0);
		break;
	case CMARK_NODE_ITEM:
		lo_item_exit(lo, node);
		break;
	case CMARK_NODE_EMPH:
		lo->emph--;
		lo_restyle(lo);
		break;
	case CMARK_NODE_STRONG:
		lo->strong--;
		lo_restyle(lo);
		break;
	case CMARK_NODE_LINK:
		if (lo->link >= 0)
			lo_link_exit(lo, node);
		break;
	case CMARK_NODE_IMAGE:
		lo_text(lo, "]", 1);
		lo->image--;
		lo_restyle(lo);
		break;
	default:
		break;
	}
}

/* Walks the tree under root once, filling lo->L (or writing to lo->out). */
static void
lo_walk(struct lo *lo, cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	cmark_node *node;
	int link_depth = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		node = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER) {
			/* Links inside links (images in links): only the
			 * outer one is followable. */
			if (cmark_node_get_type(node) == CMARK_NODE_LINK &&
			    link_depth++ > 0)
				continue;
			if (lo_enter(lo, node) && cmark_node_first_child(node))
				cmark_iter_reset(it, node, CMARK_EVENT_EXIT);
		} else {
			if (cmark_node_get_type(node) == CMARK_NODE_LINK &&
			    --link_depth > 0)
				continue;
			lo_exit(lo, node);
		}
	}
	lo_line_end(lo);
	cmark_iter_free(it);
}

static void
lo_init(struct lo *lo, struct layout *L, int width, int flags)
{
	memset(lo, 0, sizeof *lo);
	if (width < 1)
		width = 1;
	if (width > LO_MAX_WIDTH)
		width = LO_MAX_WIDTH;
	L->width = width;
	lo->L = L;
	lo->width = width;
	lo->flags = flags;
	lo->link = -1;
	buf_add(&lo->arena, "", 0);
}

static void
lo_done(struct lo *lo)
{
	free(lo->pre);
	free(lo->nums);
	free(lo->tmp);
	buf_free(&lo->tmptext);
	buf_free(&lo->heading_text);
	buf_free(&lo->outbuf);
	strmap_free(&lo->slugs);
}

struct layout *
layout_build(cmark_node *doc, int width, int flags)
{
	struct layout *L = xcalloc(1, sizeof *L);
	struct lo lo;

	lo_init(&lo, L, width, flags);
	lo_walk(&lo, doc);
	L->text_len = lo.arena.len;
	L->text = buf_detach(&lo.arena);
	lo_done(&lo);
	return L;
}

void
layout_free(struct layout *L)
{
	size_t i;

	if (L == NULL)
		return;
	for (i = 0; i < L->nlinks; i++) {
		free(L->links[i].url);
		free(L->links[i].lesson);
		free(L->links[i].anchor);
	}
	for (i = 0; i < L->nanchors; i++)
		free(L->anchors[i].slug);
	free(L->links);
	free(L->anchors);
	free(L->spans);
	free(L->lines);
	free(L->text);
	free(L->title);
	free(L);
}

static void
lo_plain_begin(struct lo *lo, struct layout *L, int width, FILE *f)
{
	memset(L, 0, sizeof *L);
	lo_init(lo, L, width, 0);
	lo->out = f;
}

static int
lo_plain_end(struct lo *lo, struct layout *L, FILE *f)
{
	size_t i;

	if (lo->outbuf.len > 0 &&
	    fwrite(lo->outbuf.data, 1, lo->outbuf.len, f) != lo->outbuf.len)
		lo->werr = 1;
	for (i = 0; i < L->nlinks; i++) {
		free(L->links[i].url);
		free(L->links[i].lesson);
		free(L->links[i].anchor);
	}
	free(L->links);
	free(L->spans);
	buf_free(&lo->arena);
	lo_done(lo);
	return lo->werr || ferror(f) ? -1 : 0;
}

int
layout_write_plain(cmark_node *doc, int width, FILE *f)
{
	struct layout L;
	struct lo lo;

	lo_plain_begin(&lo, &L, width, f);
	lo_walk(&lo, doc);
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
 * A bump allocator for cmark while writing plain text: allocating is a
 * pointer increment, freeing does nothing, and the whole pool is reset
 * between chunks.  cmark_mem has no context pointer, so the pool is a
 * static: layout_write_plain_text() is not reentrant.
 */
#define POOL_BLOCK (1024 * 1024)
#define POOL_ALIGN 16

struct pool_block {
	struct pool_block *next;
	size_t size, used;
	size_t big;                   /* made for one large request */
	max_align_t data[];
};

static struct pool_block *pool_head;    /* the block in use */
static struct pool_block *pool_all;     /* every block, newest first */

static struct pool_block *
pool_new_block(size_t size, int big)
{
	struct pool_block *b = xmalloc(sizeof *b + size);

	b->size = size;
	b->used = 0;
	b->big = (size_t)big;
	b->next = pool_all;
	pool_all = b;
	return b;
}

/* Returns room for n bytes, 16-aligned, with its size just before it. */
static void *
pool_alloc(size_t n)
{
	size_t need = (n + POOL_ALIGN + POOL_ALIGN - 1) &
	    ~(size_t)(POOL_ALIGN - 1);
	struct pool_block *b = pool_head;
	char *p;

	if (need > POOL_BLOCK / 4) {
		b = pool_new_block(need, 1);
	} else if (b == NULL || b->used + need > b->size) {
		/* Reuse a block emptied by the last reset, if any. */
		for (b = pool_all; b != NULL; b = b->next)
			if (!b->big && b->used == 0 && b != pool_head)
				break;
		if (b == NULL)
			b = pool_new_block(POOL_BLOCK, 0);
		pool_head = b;
	}
	p = (char *)b->data + b->used + POOL_ALIGN;
	b->used += need;
	((size_t *)(void *)p)[-1] = n;
	return p;
}

static void *
pool_calloc(size_t n, size_t size)
{
	void *p;

	if (size != 0 && n > (size_t)-1 / 2 / size)
		fatal("out of memory");
	p = pool_alloc(n * size);
	memset(p, 0, n * size);
	return p;
}

/* 1 when p (was bytes) is the newest allocation of the current block and
 * the block has room for it to become n bytes. */
static int
pool_grow_last(void *p, size_t was, size_t n)
{
	struct pool_block *b = pool_head;
	char *base;
	size_t need_was, need;

	if (b == NULL)
		return 0;
	need_was = (was + POOL_ALIGN + POOL_ALIGN - 1) &
	    ~(size_t)(POOL_ALIGN - 1);
	need = (n + POOL_ALIGN + POOL_ALIGN - 1) & ~(size_t)(POOL_ALIGN - 1);
	base = (char *)b->data;
	if ((char *)p != base + b->used - need_was + POOL_ALIGN ||
	    b->used - need_was + need > b->size)
		return 0;
	b->used = b->used - need_was + need;
	((size_t *)p)[-1] = n;
	return 1;
}

static void *
pool_realloc(void *old, size_t n)
{
	void *p;
	size_t was;

	if (old == NULL)
		return pool_alloc(n);
	was = ((size_t *)old)[-1];
	if (n <= was) {
		((size_t *)old)[-1] = n;
		return old;
	}
	/* The newest allocation grows in place: buffers that double as
	 * cmark reads would leave every old copy behind. */
	if (pool_grow_last(old, was, n))
		return old;
	p = pool_alloc(n);
	memcpy(p, old, was);
	return p;
}

static void
pool_free(void *p)
{
	(void)p;
}

/* Empties the pool, keeping its regular blocks for reuse. */
static void
pool_reset(int release)
{
	struct pool_block *b, *next, **prev = &pool_all;

	for (b = pool_all; b != NULL; b = next) {
		next = b->next;
		if (b->big || release) {
			*prev = next;
			free(b);
			continue;
		}
		b->used = 0;
		prev = &b->next;
	}
	pool_head = NULL;
}

static cmark_mem pool_mem = { pool_calloc, pool_realloc, pool_free };

/* Parses pre (whole lines ending in a blank line, or empty) then text. */
static cmark_node *
pool_parse(const char *pre, size_t pre_len, const char *text, size_t len)
{
	cmark_parser *p = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT,
	    &pool_mem);
	cmark_node *doc;

	if (pre_len > 0)
		cmark_parser_feed(p, pre, pre_len);
	cmark_parser_feed(p, text, len);
	doc = cmark_parser_finish(p);
	cmark_parser_free(p);
	return doc;
}

/*
 * Big inputs are parsed a chunk at a time so that memory stays a small
 * multiple of the chunk, not of the file.  A chunk ends at a line end;
 * every top-level block in it but the last is complete (the next one
 * closed it), so those are taken and parsing resumes at the last one's
 * first line.  A chunk holding a single unfinished block doubles.
 *
 * The one thing a block can take from another is a link reference
 * definition, which reaches the whole document.  So a document that has
 * any is read twice: first for its definitions (lo_defs_collect), which
 * then go before every chunk as "pre", lines that make no block of their
 * own that is kept (every top-level node starting in them is skipped).
 * As the first definition of a label wins, and pre holds all of them in
 * document order, each chunk sees exactly the definitions a whole parse
 * sees.
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
		pool_reset(0);
		ch->doc = pool_parse(ch->pre, ch->pre_len, ch->text + ch->start,
		    end - ch->start);
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
		lo_walk(lo, c);
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

/* The lines of a quote or item not covered by its children: where cmark
 * dropped a paragraph that held definitions only. */
static void
lo_defs_gaps(struct lo_regions *r, cmark_node *cont)
{
	cmark_node *c;
	int line = cmark_node_get_start_line(cont);

	for (c = cmark_node_first_child(cont); c != NULL;
	    c = cmark_node_next(c)) {
		lo_region_add(r, line, cmark_node_get_start_line(c) - 1, 0);
		line = cmark_node_get_end_line(c) + 1;
	}
	lo_region_add(r, line, cmark_node_get_end_line(cont), 0);
}

/* Where definitions may sit inside the top-level block top: the gaps of
 * its containers, and paragraphs (or setext headings) that start with
 * them. */
static void
lo_defs_block(struct lo_regions *r, cmark_node *top)
{
	cmark_iter *it = cmark_iter_new(top);
	cmark_event_type ev;
	cmark_node *n;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_BLOCK_QUOTE:
		case CMARK_NODE_ITEM:
			lo_defs_gaps(r, n);
			break;
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
			lo_region_add(r, cmark_node_get_start_line(n),
			    cmark_node_get_end_line(n),
			    cmark_node_get_start_column(n));
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			break;
		default:
			break;
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

static int
lo_region_cmp(const void *a, const void *b)
{
	const struct lo_region *x = a, *y = b;

	return (x->from > y->from) - (x->from < y->from);
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

/*
 * Appends to defs, with container marks stripped, each paragraph in the
 * region's lines that starts with '[' and has a "]:" near: what may be
 * definitions.  (Anything else in such a paragraph is parsed but not
 * kept, see lo_chunk_next.)
 */
static void
lo_defs_extract(struct lo_lines *c, const struct lo_region *rg,
    struct buf *defs)
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
			para = keep = 0;
			continue;
		}
		if (!para) {
			keep = s[k] == '[' && lo_defs_mark(s + k,
			    c->len - c->off - k < LO_DEFS_WINDOW ?
			    c->len - c->off - k : LO_DEFS_WINDOW);
			para = 1;
			/* A blank line between paragraphs. */
			if (keep && defs->len > 0)
				buf_addc(defs, '\n');
		}
		if (keep) {
			buf_add(defs, s + k, n - k);
			buf_addc(defs, '\n');
		}
	}
}

/* The regions of the chunk parsed last, into defs. */
static void
lo_defs_chunk(const struct lo_chunks *ch, struct lo_regions *r,
    struct buf *defs)
{
	struct lo_lines c;
	cmark_node *b;
	int line = 1;
	size_t i;

	r->n = 0;
	for (b = ch->first; b != NULL && b != ch->stop;
	    b = cmark_node_next(b)) {
		lo_region_add(r, line, cmark_node_get_start_line(b) - 1, 0);
		lo_defs_block(r, b);
		line = cmark_node_get_end_line(b) + 1;
	}
	lo_region_add(r, line, ch->stop_line - 1, 0);
	qsort(r->v, r->n, sizeof *r->v, lo_region_cmp);
	c.text = ch->text + ch->at;
	c.len = ch->start - ch->at;
	c.off = 0;
	c.line = 1;
	for (i = 0; i < r->n; i++)
		lo_defs_extract(&c, &r->v[i], defs);
}

/* 1 when defs parse as paragraphs (and headings) only, so that nothing
 * in them can reach into the chunk after them. */
static int
lo_defs_safe(const struct buf *defs)
{
	cmark_node *c;

	pool_reset(0);
	for (c = cmark_node_first_child(pool_parse(NULL, 0, defs->data,
	    defs->len)); c != NULL; c = cmark_node_next(c))
		if (cmark_node_get_type(c) != CMARK_NODE_PARAGRAPH &&
		    cmark_node_get_type(c) != CMARK_NODE_HEADING)
			return 0;
	return 1;
}

/*
 * The first pass: what may be the document's definitions, into defs,
 * ending in a blank line.  Returns 1 when the text took a single chunk
 * (then ch holds that parse, and there is no need for a second pass),
 * else 0 with ch rewound.  A document without "]:" has none.
 */
static int
lo_defs_collect(struct lo_chunks *ch, struct buf *defs)
{
	struct lo_regions r = { NULL, 0, 0 };

	if (!lo_defs_mark(ch->text, ch->len))
		return 0;
	while (lo_chunk_next(ch)) {
		if (ch->at == 0 && ch->stop == NULL) {
			free(r.v);
			return 1;
		}
		lo_defs_chunk(ch, &r, defs);
	}
	free(r.v);
	ch->start = 0;
	if (defs->len > 0)
		buf_addc(defs, '\n');
	/* Text that would not stay paragraphs (a contrived title): the
	 * definitions reach their chunk only, as before. */
	if (defs->len > 0 && !lo_defs_safe(defs))
		buf_reset(defs);
	return 0;
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

int
layout_write_plain_text(const char *text, size_t len, int width, FILE *f)
{
	struct layout L;
	struct lo lo;
	struct lo_chunks ch;
	struct buf defs = BUF_INIT;

	lo_plain_begin(&lo, &L, width, f);
	memset(&ch, 0, sizeof ch);
	ch.text = text;
	ch.len = len;
	ch.size = ch.base = LAYOUT_CHUNK;
	if (lo_defs_collect(&ch, &defs)) {
		/* It took one chunk: that was the whole parse. */
		lo_chunk_write(&lo, &ch);
		ch.start = len;
	} else if (defs.len > 0) {
		ch.pre = defs.data;
		ch.pre_len = defs.len;
		ch.pre_lines = lo_count_lines(defs.data, defs.len);
		/* Chunks at least twice the definitions: they add at most
		 * half to the work. */
		if (ch.base < 2 * defs.len)
			ch.base = 2 * defs.len;
	}
	ch.size = ch.base;
	while (!lo.werr && lo_chunk_next(&ch))
		lo_chunk_write(&lo, &ch);
	pool_reset(1);
	buf_free(&defs);
	return lo_plain_end(&lo, &L, f);
}

/* ---- queries ----------------------------------------------------------- */

void
layout_line_text(const struct layout *L, size_t i, struct buf *b)
{
	const struct layout_line *ln;
	size_t k;

	buf_add(b, "", 0);
	if (i >= L->nlines)
		return;
	ln = &L->lines[i];
	for (k = ln->span; k < ln->span + ln->nspans; k++)
		buf_add(b, L->text + L->spans[k].off, L->spans[k].len);
}

size_t
layout_line_for_source(const struct layout *L, int src)
{
	size_t lo = 0, hi = L->nlines, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (L->lines[mid].src_line < src)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo >= L->nlines)
		return L->nlines > 0 ? L->nlines - 1 : 0;
	return lo;
}

long
layout_find_anchor(const struct layout *L, const char *slug)
{
	size_t i;

	for (i = 0; i < L->nanchors; i++)
		if (strcmp(L->anchors[i].slug, slug) == 0)
			return (long)L->anchors[i].line;
	return -1;
}

/*
 * 1 when a non-ASCII code point is punctuation or a symbol, which GitHub
 * drops from slugs (Latin-1 signs, general punctuation, arrows, maths,
 * box drawing, CJK punctuation, full-width signs, emoji).
 */
static int
lo_slug_drops(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0xbf) || cp == 0xd7 || cp == 0xf7 ||
	    (cp >= 0x2000 && cp <= 0x2bff) || (cp >= 0x3000 && cp <= 0x303f) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff0f) ||
	    (cp >= 0xff1a && cp <= 0xff20) || (cp >= 0x1f000 && cp <= 0x1faff) ||
	    cp == 0xfffd || (cp >= 0xfe00 && cp <= 0xfe0f);
}

char *
layout_slug(const char *text, size_t n)
{
	struct buf b = BUF_INIT;
	size_t i = 0, k;
	unsigned char c;
	uint32_t cp;
	char enc[4];

	buf_add(&b, "", 0);
	while (i < n) {
		c = (unsigned char)text[i];
		if (c < 0x80) {
			if (c >= 'A' && c <= 'Z')
				buf_addc(&b, (char)(c - 'A' + 'a'));
			else if ((c >= 'a' && c <= 'z') ||
			    (c >= '0' && c <= '9') || c == '-' || c == '_')
				buf_addc(&b, (char)c);
			else if (c == ' ')
				buf_addc(&b, '-');
			i++;
			continue;
		}
		k = text_decode(text + i, n - i, &cp);
		if (!lo_slug_drops(cp)) {
			/* Latin-1 capitals lower-case as GitHub does. */
			if (cp >= 0xc0 && cp <= 0xde)
				cp += 0x20;
			buf_add(&b, enc, text_encode(cp, enc));
		}
		i += k;
	}
	return buf_detach(&b);
}

enum layout_link_kind
layout_link_parse(const char *url, char **lesson, char **anchor)
{
	const char *hash = strchr(url, '#'), *end, *base;
	size_t i, n;

	*lesson = NULL;
	*anchor = NULL;
	/* A scheme ("http:", "mailto:") makes it external. */
	for (i = 0; url[i] != '\0' && url[i] != '/' && url[i] != '#'; i++)
		if (url[i] == ':')
			return LAYOUT_LINK_EXTERNAL;
	if (url[0] == '/' && url[1] == '/')
		return LAYOUT_LINK_EXTERNAL;
	if (url[0] == '#') {
		*anchor = xstrdup(url + 1);
		return LAYOUT_LINK_ANCHOR;
	}
	end = hash != NULL ? hash : url + strlen(url);
	n = (size_t)(end - url);
	if (n <= 3 || strncmp(end - 3, ".md", 3) != 0)
		return LAYOUT_LINK_EXTERNAL;
	base = url;
	for (i = 0; i < n; i++)
		if (url[i] == '/')
			base = url + i + 1;
	*lesson = xstrndup(base, (size_t)(end - 3 - base));
	if (hash != NULL)
		*anchor = xstrdup(hash + 1);
	return LAYOUT_LINK_LESSON;
}

int
layout_is_check_heading(const char *text)
{
	while (*text == ' ')
		text++;
	return strncasecmp(text, "check yourself", 14) == 0;
}
