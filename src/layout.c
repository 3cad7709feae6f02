/*
 * layout.c: the lesson renderer's line builder (see layout.h): spans and
 * lines, wrapping, text made safe, verbatim lines.
 *
 * Text goes into the current line as it comes, a line-sized run at a time
 * when it is plain, else a word at a time; when a word does not fit, the
 * line is cut at its last space and what followed moves to the next line.
 * Lines start with the prefixes of the enclosing quotes and list items
 * (a list item's marker on its first line, spaces after: a hanging
 * indent).  The same builder either keeps every line (layout_build) or
 * writes each finished line out and forgets it (layout_write_plain).
 * The walk over the tree is in layout_walk.c, the plain writer in
 * layout_plain.c, the queries in layout_query.c.
 */
#include "config.h"

#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark.h>

#include "layout.h"
#include "layout_private.h"
#include "text.h"
#include "util.h"

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
void
layout_put(struct lo *lo, const char *s, size_t n, int w, uint32_t style,
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

void
layout_line_end(struct lo *lo)
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
		layout_put(lo, s, strlen(s), w, LAYOUT_MARKER | style, -1);
}

/*
 * Starts a line with the prefixes of the open containers.  Prefixes take
 * at most half the width; deeper ones are left out, so text always has
 * room.  A blank line neither shows nor uses up a list marker.
 */
void
layout_line_start(struct lo *lo, int blank)
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
	layout_line_end(lo);
	layout_line_start(lo, 0);
	for (i = 0; i < ntmp; i++)
		layout_put(lo, lo->tmptext.data + lo->tmp[i].off,
		    lo->tmp[i].len,
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
		layout_line_start(lo, 0);
	if (lo->col + w <= lo->width)
		return 0;
	if (lo->has_bp)
		lo_wrap(lo);
	if (lo->col + w > lo->width && lo->col > lo->content_col) {
		layout_line_end(lo);
		layout_line_start(lo, 0);
	}
	return lo->col + w <= lo->width ? 0 : -1;
}

void
layout_space(struct lo *lo)
{
	if (!lo->in_line || lo->last_space)
		return;
	lo->bp_off = lo->arena.len;
	layout_put(lo, " ", 1, 1, lo->style, lo->link);
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
	} else if (text_is_bidi_control(cp)) {
		/* Left out, as text_for_terminal() does: it could reorder
		 * what the terminal shows. */
		*outlen = 0;
		*w = 0;
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
			layout_line_start(lo, 0);
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
				layout_put(lo, "?", 1, 1, lo->style, lo->link);
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
		layout_put(lo, s, take, tw, lo->style, lo->link);
		lo->last_space = 0;
		s += take;
		n -= take;
		w -= tw;
		if (n > 0)
			layout_line_end(lo);
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
		if ((cp == 0xfffd && k == 1) || cp < 0xa0 ||
		    text_is_bidi_control(cp))
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
lo_plain8(const char *s, int prev, uint64_t *spaces)
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
	*spaces = sp;
	return (sp & (sp << 8)) == 0 && !(prev && s[0] == ' ');
}

/* The offset of the last space among the eight bytes at s, given their
 * space mask from lo_plain8 (not 0). */
static size_t
lo_last_space8(const char *s, uint64_t sp)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	(void)s;
	return (size_t)(63 - __builtin_clzll(sp)) / 8;
#else
	size_t c = 8;

	(void)sp;
	while (c-- > 1 && s[c] != ' ')
		;
	return c;
#endif
}

/*
 * The fast path of layout_text: of plain ASCII text at s (printable bytes and
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
	uint64_t spaces;
	unsigned char c;
	int prev = last_space;

	/* Eight bytes at a time while they are printable ASCII and single
	 * spaces. */
	while (k + 8 <= lim && lo_plain8(s + k, prev, &spaces)) {
		if (spaces != 0)
			lsp = k + lo_last_space8(s + k, spaces);
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

	layout_put(lo, s, take, (int)take, lo->style, lo->link);
	if (sp != (size_t)-1) {
		lo->bp_off = at + sp;
		lo->bp_span = lo->L->nspans - 1;
		lo->bp_col = col + (int)sp + 1;
		lo->has_bp = 1;
	}
	lo->last_space = s[take - 1] == ' ';
}

/* Adds wrapped text in the current style. */
void
layout_text(struct lo *lo, const char *s, size_t n)
{
	size_t i = 0, k, outlen, sp;
	unsigned char c;
	char out[8];
	int w, r;

	while (i < n) {
		if (!lo->in_line)
			layout_line_start(lo, 0);
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
			layout_space(lo);
			i++;
			continue;
		}
		/* A safe word that fits (maybe after wrapping) goes at once. */
		r = lo_word(s + i, n - i, &k, &w);
		if (r == 0 && k > 0) {
			if (!lo->in_line)
				layout_line_start(lo, 0);
			if (lo->col + w > lo->width && lo->has_bp &&
			    lo->bp_col - lo->content_col > 0 &&
			    w <= lo->width - lo->content_col)
				lo_wrap(lo);
			if (lo->col + w <= lo->width) {
				layout_put(lo, s + i, k, w, lo->style,
				    lo->link);
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
		if (outlen == 0) {
			i += k;
			continue;
		}
		if (lo_room(lo, w) != 0) {
			out[0] = '?';
			outlen = 1;
			w = 1;
		}
		layout_put(lo, out, outlen, w, lo->style, lo->link);
		lo->last_space = 0;
		i += k;
	}
}

/* ---- verbatim lines (code, HTML blocks) -------------------------------- */

/* The number of printable ASCII bytes (no tab) at the start of s. */
static size_t
lo_ascii_run(const char *s, size_t n)
{
	size_t k = 0;

	while (k < n && (unsigned char)s[k] >= 0x20 &&
	    (unsigned char)s[k] < 0x7f)
		k++;
	return k;
}

/* The width of a code line with tabs expanded from column 0. */
static int
lo_verbatim_width(const char *s, size_t n)
{
	size_t i = 0, k, outlen;
	int col = 0, w;
	char out[8];

	while (i < n) {
		k = lo_ascii_run(s + i, n - i);
		col += (int)k;
		if ((i += k) == n)
			break;
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
	size_t i = 0, k, outlen, room, take;
	int avail, col = 0, w, clip;
	char out[8];

	layout_line_start(lo, 0);
	layout_put(lo, indent, strlen(indent), (int)strlen(indent), lo->style,
	    -1);
	avail = lo->width - lo->col;
	clip = lo_verbatim_width(s, n) > avail;
	if (clip)
		avail--;
	while (i < n) {
		if ((k = lo_ascii_run(s + i, n - i)) > 0) {
			/* Printable ASCII goes as it is, as much as fits. */
			room = avail > col ? (size_t)(avail - col) : 0;
			take = k < room ? k : room;
			if (take > 0)
				layout_put(lo, s + i, take, (int)take,
				    lo->style, -1);
			col += (int)take;
			i += take;
			if (take < k)
				break;
			continue;
		}
		if (s[i] == '\t') {
			w = LO_TABSTOP - col % LO_TABSTOP;
			if (col + w > avail)
				break;
			layout_put(lo, "    ", (size_t)w, w, lo->style, -1);
			col += w;
			i++;
			continue;
		}
		k = lo_char(s + i, n - i, out, &outlen, &w);
		if (col + w > avail)
			break;
		if (outlen > 0)
			layout_put(lo, out, outlen, w, lo->style, -1);
		col += w;
		i += k;
	}
	if (clip && avail >= 0)
		layout_put(lo, mark, strlen(mark), 1, lo->style | LAYOUT_CLIP,
		    -1);
	layout_line_end(lo);
}

void
layout_verbatim(struct lo *lo, const char *lit, const char *indent)
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
