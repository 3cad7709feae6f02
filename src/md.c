/*
 * md.c: CommonMark helpers (see md.h).
 */
#include "config.h"

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
