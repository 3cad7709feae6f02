/*
 * md.c: CommonMark helpers (see md.h).
 */
#include "config.h"

#include <string.h>

#include <cmark.h>

#include "md.h"

void
md_append_text(cmark_node *node, struct buf *b)
{
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;
	cmark_node *n;
	const char *lit;

	buf_add(b, "", 0);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_HTML_INLINE:
			lit = cmark_node_get_literal(n);
			if (lit != NULL)
				buf_adds(b, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_addc(b, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

char *
md_node_text(cmark_node *node)
{
	struct buf b = BUF_INIT;

	md_append_text(node, &b);
	return buf_detach(&b);
}

char *
md_source_lines(const char *text, size_t len, int from, int to)
{
	size_t i = 0, start;
	int line = 1;

	if (from < 1 || to < from)
		return xstrdup("");
	for (; i < len && line < from; i++)
		if (text[i] == '\n')
			line++;
	start = i;
	for (; i < len && line <= to; i++)
		if (text[i] == '\n')
			line++;
	return xstrndup(text + start, i - start);
}

/* 1 when line (n bytes) is a table delimiter row: cells of dashes with
 * optional colons, split by '|', with at least one '|'. */
static int
md_delimiter_row(const char *line, size_t n)
{
	size_t i;
	int pipes = 0, dashes = 0, cell_dashes = 0;

	for (i = 0; i < n; i++) {
		switch (line[i]) {
		case '|':
			pipes++;
			if (cell_dashes > 0)
				dashes++;
			cell_dashes = 0;
			break;
		case '-':
			cell_dashes++;
			break;
		case ':':
		case ' ':
		case '\t':
		case '\r':
			break;
		default:
			return 0;
		}
	}
	if (cell_dashes > 0)
		dashes++;
	return pipes > 0 && dashes > 0;
}

int
md_find_pipe_table(const char *text, size_t len, int from)
{
	const char *p = text, *end = text + len, *nl, *prev = NULL;
	size_t prev_n = 0, n;
	int line = 1, fenced = 0;

	for (; p < end; p = nl + 1, line++) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		n = (size_t)(nl - p);
		while (n > 0 && p[0] == ' ')
			p++, n--;
		if (n >= 3 && (strncmp(p, "```", 3) == 0 ||
		    strncmp(p, "~~~", 3) == 0))
			fenced = !fenced;
		else if (!fenced && line - 1 >= from && prev != NULL &&
		    memchr(prev, '|', prev_n) != NULL &&
		    md_delimiter_row(p, n))
			return line - 1;
		prev = fenced ? NULL : p;
		prev_n = n;
		if (nl == end)
			break;
	}
	return 0;
}
