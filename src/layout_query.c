/*
 * layout_query.c: what screens ask of a built layout (a line's text, the
 * line of a source line or an anchor), and the rules for slugs and link
 * targets.
 */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "layout.h"
#include "text.h"
#include "util.h"

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
