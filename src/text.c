/*
 * text.c: UTF-8 decoding, column widths and the ASCII fallback.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "text.h"
#include "util.h"

static int text_is_utf8 = 1;

void
text_set_utf8(int utf8)
{
	text_is_utf8 = utf8;
}

int
text_utf8(void)
{
	return text_is_utf8;
}

size_t
text_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len, i;
	uint32_t c;

	if (n == 0) {
		*cp = 0;
		return 0;
	}
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2, c = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		len = 3, c = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		len = 4, c = p[0] & 0x07;
	else
		goto bad;
	if (len > n)
		goto bad;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			goto bad;
		c = (c << 6) | (p[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		goto bad;
	*cp = c;
	return len;
bad:
	*cp = 0xfffd;
	return 1;
}

size_t
text_utf8_invalid_at(const char *s, size_t n)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			if (s[i] == '\0')
				return i;
			i++;
			continue;
		}
		k = text_decode(s + i, n - i, &cp);
		if (cp == 0xfffd && k == 1)
			return i;
		i += k;
	}
	return n;
}

char *
text_utf8_repair(const char *s)
{
	size_t n = strlen(s), i = 0, k, at;
	uint32_t cp;
	char *out, *o;

	if ((at = text_utf8_invalid_at(s, n)) == n)
		return xstrdup(s);
	o = out = xmalloc(n * 3 + 1);
	memcpy(o, s, at);
	o += at;
	for (i = at; i < n; i += k) {
		k = text_decode(s + i, n - i, &cp);
		if (cp == 0xfffd && k == 1)
			o += text_encode(0xfffd, o);
		else {
			memcpy(o, s + i, k);
			o += k;
		}
	}
	*o = '\0';
	return out;
}

size_t
text_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

int
text_cp_width(uint32_t cp)
{
	int w;

	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
		return 2;
	if (cp < 0x7f)
		return 1;
	if (!text_is_utf8)
		return (int)strlen(text_ascii_for(cp));
	w = wcwidth((wchar_t)cp);
	if (w < 0)
		return 1;
	return w;
}

size_t
text_width(const char *s, size_t n)
{
	size_t i = 0, w = 0, k;
	uint32_t cp;

	while (i < n) {
		/* Printable ASCII, the common case, is a column a byte. */
		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f) {
			w++;
			i++;
			continue;
		}
		k = text_decode(s + i, n - i, &cp);
		w += (size_t)text_cp_width(cp);
		i += k;
	}
	return w;
}

struct text_map {
	uint32_t lo, hi;
	const char *ascii;
};

/* Ranges checked in order; the first that holds cp wins. */
static const struct text_map text_ascii_map[] = {
	{ 0x2500, 0x2501, "-" }, { 0x2502, 0x2503, "|" },
	{ 0x2504, 0x2505, "-" }, { 0x2506, 0x2507, "|" },
	{ 0x2508, 0x2509, "-" }, { 0x250a, 0x250b, "|" },
	{ 0x250c, 0x254b, "+" }, { 0x254c, 0x254d, "-" },
	{ 0x254e, 0x254f, "|" }, { 0x2550, 0x2550, "=" },
	{ 0x2551, 0x2551, "|" }, { 0x2552, 0x256c, "+" },
	{ 0x256d, 0x2570, "+" }, { 0x2571, 0x2571, "/" },
	{ 0x2572, 0x2572, "\\" }, { 0x2573, 0x2573, "X" },
	{ 0x2574, 0x2574, "-" }, { 0x2575, 0x2575, "|" },
	{ 0x2576, 0x2576, "-" }, { 0x2577, 0x2577, "|" },
	{ 0x2578, 0x2578, "-" }, { 0x2579, 0x2579, "|" },
	{ 0x257a, 0x257a, "-" }, { 0x257b, 0x257b, "|" },
	{ 0x257c, 0x257c, "-" }, { 0x257d, 0x257d, "|" },
	{ 0x257e, 0x257e, "-" }, { 0x257f, 0x257f, "|" },
	{ 0x2580, 0x259f, "#" },  /* blocks and shades */
	{ 0x25b2, 0x25b2, "^" }, { 0x25b6, 0x25ba, ">" },
	{ 0x25bc, 0x25bc, "v" }, { 0x25c0, 0x25c4, "<" },
	{ 0x25cb, 0x25cb, "o" }, { 0x25cf, 0x25cf, "*" },
	{ 0x2022, 0x2022, "*" }, { 0x00b7, 0x00b7, "." },
	{ 0x2010, 0x2015, "-" }, { 0x2018, 0x201b, "'" },
	{ 0x201c, 0x201f, "\"" }, { 0x2026, 0x2026, "..." },
	{ 0x00b0, 0x00b0, " deg" }, { 0x00a0, 0x00a0, " " },
	{ 0x00d7, 0x00d7, "x" }, { 0x2190, 0x2190, "<-" },
	{ 0x2192, 0x2192, "->" }, { 0x2191, 0x2191, "^" },
	{ 0x2193, 0x2193, "v" }, { 0x2264, 0x2264, "<=" },
	{ 0x2265, 0x2265, ">=" }, { 0x2248, 0x2248, "~" },
	{ 0x2212, 0x2212, "-" }, { 0x00bd, 0x00bd, "1/2" },
	{ 0x2713, 0x2714, "v" }, { 0x2717, 0x2718, "x" },
	{ 0x00e9, 0x00e9, "e" }, { 0x00e8, 0x00e8, "e" },
	{ 0x00f6, 0x00f6, "o" }, { 0x00fc, 0x00fc, "u" },
	{ 0x00d6, 0x00d6, "O" }, { 0x00e4, 0x00e4, "a" },
};

const char *
text_ascii_for(uint32_t cp)
{
	size_t i;

	if (cp < 0x80)
		return "?";
	for (i = 0; i < BC_ARRAY_LEN(text_ascii_map); i++)
		if (cp >= text_ascii_map[i].lo && cp <= text_ascii_map[i].hi)
			return text_ascii_map[i].ascii;
	return "?";
}

char *
text_fit_path(const char *path, const char *home, size_t cols)
{
	size_t hl = home != NULL ? strlen(home) : 0;
	char *p, *q, *next;

	if (hl > 1 && strncmp(path, home, hl) == 0 &&
	    (path[hl] == '/' || path[hl] == '\0'))
		p = xasprintf("~%s", path + hl);
	else
		p = xstrdup(path);
	while (text_width(p, strlen(p)) > cols) {
		/* The first folder after the leading ".../", "~/" or "/". */
		q = strncmp(p, ".../", 4) == 0 ? p + 4 : strncmp(p, "~/", 2)
		    == 0 ? p + 2 : p + (p[0] == '/');
		if ((next = strchr(q, '/')) == NULL)
			break;
		next = xasprintf(".../%s", next + 1);
		free(p);
		p = next;
	}
	return p;
}

int
text_is_bidi_control(uint32_t cp)
{
	return cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

char *
text_clean_utf8(const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	size_t i = 0, k;
	uint32_t cp;

	buf_add(&b, "", 0);
	while (i < n) {
		k = text_decode(s + i, n - i, &cp);
		if (text_is_bidi_control(cp))
			;
		else if ((cp >= 0x80 && cp < 0xa0) || cp == 0xfffd ||
		    cp == 0xfffe || cp == 0xffff)
			buf_adds(&b, "\xef\xbf\xbd");
		else
			buf_add(&b, s + i, k);
		i += k;
	}
	return buf_detach(&b);
}

char *
text_for_terminal(const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	size_t i = 0, k;
	uint32_t cp;
	char ctl[3];

	buf_add(&b, "", 0);
	while (i < n) {
		/* A run of printable ASCII goes over as it is, at once. */
		for (k = i; k < n && s[k] >= 0x20 && s[k] < 0x7f; k++)
			;
		if (k > i) {
			buf_add(&b, s + i, k - i);
			i = k;
			continue;
		}
		k = text_decode(s + i, n - i, &cp);
		if (cp == '\t' || cp == '\n') {
			buf_addc(&b, (char)cp);
		} else if (cp < 0x20 || cp == 0x7f) {
			ctl[0] = '^';
			ctl[1] = cp == 0x7f ? '?' : (char)(cp + '@');
			buf_add(&b, ctl, 2);
		} else if (text_is_bidi_control(cp)) {
			/* left out: see text_is_bidi_control() */
		} else if ((cp >= 0x80 && cp < 0xa0) || cp == 0xfffe ||
		    cp == 0xffff) {
			buf_adds(&b, text_is_utf8 ? "\xef\xbf\xbd" : "?");
		} else if (cp < 0x80) {
			buf_addc(&b, (char)cp);
		} else if (!text_is_utf8) {
			buf_adds(&b, text_ascii_for(cp));
		} else if (cp == 0xfffd && k == 1) {
			buf_adds(&b, "\xef\xbf\xbd");
		} else {
			buf_add(&b, s + i, k);
		}
		i += k;
	}
	return buf_detach(&b);
}

/*
 * Bytes of s that fit in cols columns (at least one character); the
 * columns they take go in *used_out, so a caller cutting a long word
 * never measures the rest again (that made an 800 KB word quadratic).
 */
static size_t
text_fit_bytes(const char *s, size_t n, size_t cols, size_t *used_out)
{
	size_t i = 0, used = 0, k;
	uint32_t cp;
	int cw;

	while (i < n) {
		k = text_decode(s + i, n - i, &cp);
		cw = text_cp_width(cp);
		if (i > 0 && used + (size_t)cw > cols)
			break;
		used += (size_t)cw;
		i += k;
	}
	*used_out = used;
	return i;
}

/*
 * 1 when the 8 bytes at p are printable ASCII (0x20-0x7e) with no two
 * spaces side by side, tested at once (bit tricks on a 64-bit word, each
 * byte apart: no carry crosses from one byte to the next).  A report
 * wraps thousands of lines; most fit as they are.
 */
static int
text_ascii8(const unsigned char *p)
{
	const uint64_t ones = 0x0101010101010101u, high = ones * 0x80,
	    low7 = ones * 0x7f;
	uint64_t x, lo, bad, sp, zero;

	memcpy(&x, p, 8);
	lo = x & low7;
	/* below 0x20: high bit clear and low seven bits + 0x60 < 0x80;
	 * 0x7f and up: high bit set or low seven bits all ones */
	bad = (~((lo + ones * 0x60) | x) | x | (lo + ones)) & high;
	/* the spaces, as bytes of zero once xored with 0x20 */
	sp = x ^ (ones * 0x20);
	zero = ~(((sp & low7) + low7) | sp) & high;
	/* two side by side, whichever way round the bytes are stored */
	return (bad | (zero & (zero >> 8))) == 0;
}

/*
 * The length of text when it is one line as it stands after col columns
 * in width: printable ASCII, no space at either end or two in a row (the
 * wrap would drop them), no longer than the room; else (size_t)-1.
 */
static size_t
text_one_line(const char *text, size_t col, size_t width)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t n = strlen(text), i;

	if (col > width || n > width - col || (n > 0 &&
	    (p[0] == ' ' || p[n - 1] == ' ')))
		return (size_t)-1;
	/* Eight bytes a test, then the rest a byte at a time.  The last
	 * byte is no space (above), so p[i + 1] is in the text. */
	for (i = 0; i + 8 <= n; i += 8)
		if (!text_ascii8(p + i) || (p[i + 7] == ' ' && p[i + 8] == ' '))
			return (size_t)-1;
	for (; i < n; i++)
		if ((unsigned)(p[i] - 0x21) >= 0x5e &&
		    (p[i] != ' ' || p[i + 1] == ' '))
			return (size_t)-1;
	return n;
}

void
text_wrap(struct buf *b, const char *text, size_t width, const char *first,
    const char *rest)
{
	const char *p = text, *end;
	size_t col, rest_w, wlen, ww, avail, cut, cutw;
	int started = 0;

	buf_adds(b, first);
	col = text_width(first, strlen(first));
	/* Most report lines fit as they are: copied whole, not by words. */
	if ((wlen = text_one_line(text, col, width)) != (size_t)-1) {
		buf_add(b, text, wlen);
		buf_addc(b, '\n');
		return;
	}
	rest_w = text_width(rest, strlen(rest));
	while (*p == ' ')
		p++;
	while (*p != '\0') {
		end = strchr(p, ' ');
		wlen = end != NULL ? (size_t)(end - p) : strlen(p);
		ww = text_width(p, wlen);
		if (started && col + 1 + ww <= width) {
			buf_addc(b, ' ');
			col++;
		} else if (started) {
			buf_addc(b, '\n');
			buf_adds(b, rest);
			col = rest_w;
		}
		avail = width > col ? width - col : 1;
		while (ww > avail) {
			cut = text_fit_bytes(p, wlen, avail, &cutw);
			buf_add(b, p, cut);
			buf_addc(b, '\n');
			buf_adds(b, rest);
			col = rest_w;
			p += cut;
			wlen -= cut;
			ww = ww > cutw ? ww - cutw : 0;
			avail = width > col ? width - col : 1;
		}
		buf_add(b, p, wlen);
		col += ww;
		started = 1;
		p += wlen;
		while (*p == ' ')
			p++;
	}
	buf_addc(b, '\n');
}

/* Display width of one code point as wrapping sees it. */
static int
text_wrap_width(uint32_t cp)
{
	return cp == '\t' ? 1 : text_cp_width(cp);
}

size_t
text_wrap_line(const char *s, size_t n, int width, size_t *next)
{
	size_t i = 0, k, brk = 0, end;
	int w = 0, cw;
	uint32_t cp;

	if (width < 1)
		width = 1;
	while (i < n && s[i] != '\n') {
		k = text_decode(s + i, n - i, &cp);
		cw = text_wrap_width(cp);
		if (w + cw > width && cp != ' ')
			break;
		w += cw;
		i += k;
		if (cp == ' ' || cp == '\t')
			brk = i;
	}
	if (i < n && s[i] != '\n' && brk > 0)
		i = brk;
	else if (i == 0 && n > 0 && s[0] != '\n')   /* wider than the line */
		i = text_decode(s, n, &cp);
	end = i;
	while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\t'))
		end--;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i < n && s[i] == '\n')
		i++;
	*next = i;
	return end;
}

const char *
text_ellipsis(void)
{
	return text_is_utf8 ? "\xe2\x80\xa6" : "...";
}

char *
text_fit(const char *s, int width)
{
	size_t n = strlen(s), i = 0, k, keep = 0;
	int w = 0, cw, ew = text_is_utf8 ? 1 : 3;
	uint32_t cp;
	struct buf b = BUF_INIT;

	if (width < 0)
		width = 0;
	if ((int)text_width(s, n) <= width)
		return xstrdup(s);
	/* Keep what fits before the ellipsis. */
	while (i < n) {
		k = text_decode(s + i, n - i, &cp);
		cw = text_cp_width(cp);
		if (w + cw > width - ew)
			break;
		w += cw;
		i += k;
		keep = i;
	}
	while (keep > 0 && s[keep - 1] == ' ')
		keep--;
	buf_add(&b, s, keep);
	if (width >= ew)
		buf_adds(&b, text_ellipsis());
	else
		buf_add(&b, "", 0);
	return b.data != NULL ? b.data : xstrdup("");
}

char *
text_fit_tail(const char *s, int width)
{
	size_t n = strlen(s), i = 0;
	int w = (int)text_width(s, n), ew = text_is_utf8 ? 1 : 3;
	uint32_t cp;
	struct buf b = BUF_INIT;

	if (w <= width)
		return xstrdup(s);
	if (width < ew)
		return xstrdup("");
	/* Drop whole characters from the start until the rest fits. */
	while (i < n && w > width - ew) {
		size_t k = text_decode(s + i, n - i, &cp);

		w -= text_cp_width(cp);
		i += k;
	}
	buf_adds(&b, text_ellipsis());
	buf_adds(&b, s + i);
	return b.data;
}

char *
text_count(char *out, size_t size, long n, const char *one,
    const char *many)
{
	snprintf(out, size, "%ld %s", n, n == 1 ? one : many);
	return out;
}
