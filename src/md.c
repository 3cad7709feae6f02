/*
 * md.c: CommonMark helpers (see md.h).
 */
#include "config.h"

#include <stdlib.h>
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

void
md_lines_init(struct md_lines *m, const char *text, size_t len)
{
	const char *p = text, *end = text + len, *nl, *cr;

	memset(m, 0, sizeof *m);
	m->text = text;
	m->len = len;
	/* Line k (1-based) starts at start[k - 1]; ends as cmark's do:
	 * "\n", "\r\n" or "\r". */
	for (;;) {
		m->start = xgrow(m->start, m->n, sizeof *m->start);
		m->start[m->n++] = (size_t)(p - text);
		nl = memchr(p, '\n', (size_t)(end - p));
		cr = memchr(p, '\r', (size_t)((nl != NULL ? nl : end) - p));
		if (cr != NULL)
			p = cr + 1 < end && cr[1] == '\n' ? cr + 2 : cr + 1;
		else if (nl != NULL)
			p = nl + 1;
		else
			break;
		if (p == end)
			break;
	}
}

char *
md_lines_get(const struct md_lines *m, int from, int to)
{
	size_t a, b;

	if (from < 1 || to < from || (size_t)from > m->n)
		return xstrdup("");
	a = m->start[from - 1];
	b = (size_t)to < m->n ? m->start[to] : m->len;
	return xstrndup(m->text + a, b - a);
}

void
md_lines_free(struct md_lines *m)
{
	free(m->start);
	memset(m, 0, sizeof *m);
}

char *
md_source_lines(const char *text, size_t len, int from, int to)
{
	struct md_lines m;
	char *s;

	md_lines_init(&m, text, len);
	s = md_lines_get(&m, from, to);
	md_lines_free(&m);
	return s;
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
