/*
 * layout_walk.c: one walk over a libcmark tree with cmark_iter, block by
 * block and inline by inline, feeding the line builder (layout.c).
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
	layout_line_end(lo);
	/* The blank line belongs to the block before it. */
	if (lo->need_blank && lo->line_count > 0) {
		lo->line_flags = line_flags;
		layout_line_start(lo, 1);
		layout_line_end(lo);
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
		layout_line_start(lo, 0);
		layout_line_end(lo);
	}
	layout_line_end(lo);
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
		layout_text(lo, LAYOUT_ANSWER_HIDDEN,
		    strlen(LAYOUT_ANSWER_HIDDEN));
		return 1;
	}
	return 0;
}

static void
lo_paragraph_exit(struct lo *lo, cmark_node *node)
{
	layout_line_end(lo);
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
	layout_line_end(lo);
	if (level <= 2) {
		layout_line_start(lo, 0);
		for (i = 0; i < lo->heading_w && lo->col < lo->width; i++)
			layout_put(lo, level == 1 ? "=" : "-", 1, 1, lo->style |
			    LAYOUT_RULE, -1);
		layout_line_end(lo);
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
	layout_verbatim(lo, cmark_node_get_literal(node), diagram || html ?
	    "" : "  ");
	lo->style = saved;
	lo->need_blank = 1;
}

static void
lo_thematic_break(struct lo *lo, cmark_node *node)
{
	const char *dash = text_utf8() ? "\xe2\x94\x80" : "-";

	lo_block_start(lo, node, 0);
	layout_line_start(lo, 0);
	while (lo->col < lo->width && lo->col < lo->content_col + 40)
		layout_put(lo, dash, strlen(dash), 1, LAYOUT_RULE | LAYOUT_DIM,
		    -1);
	layout_line_end(lo);
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
	layout_space(lo);
	lo->style |= LAYOUT_URL | LAYOUT_DIM;
	layout_text(lo, "<", 1);
	layout_text(lo, k->url, strlen(k->url));
	layout_text(lo, ">", 1);
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
	layout_text(lo, lit, strlen(lit));
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
		layout_line_end(lo);
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
		layout_space(lo);
		break;
	case CMARK_NODE_LINEBREAK:
		layout_line_end(lo);
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
		layout_text(lo, "[image: ", 8);
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
		layout_line_end(lo);
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
		layout_text(lo, "]", 1);
		lo->image--;
		lo_restyle(lo);
		break;
	default:
		break;
	}
}

/* Walks the tree under root once, filling lo->L (or writing to lo->out). */
void
layout_walk(struct lo *lo, cmark_node *root)
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
	layout_line_end(lo);
	cmark_iter_free(it);
}

void
layout_init(struct lo *lo, struct layout *L, int width, int flags)
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

void
layout_done(struct lo *lo)
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

	layout_init(&lo, L, width, flags);
	layout_walk(&lo, doc);
	L->text_len = lo.arena.len;
	L->text = buf_detach(&lo.arena);
	layout_done(&lo);
	return L;
}

struct layout *
layout_build_text(const char *md, size_t len, int width, int flags)
{
	cmark_node *doc = cmark_parse_document(md, len, CMARK_OPT_DEFAULT);
	struct layout *L = layout_build(doc, width, flags);

	cmark_node_free(doc);
	return L;
}

void
layout_free_links(struct layout *L)
{
	size_t i;

	for (i = 0; i < L->nlinks; i++) {
		free(L->links[i].url);
		free(L->links[i].lesson);
		free(L->links[i].anchor);
	}
	free(L->links);
}

void
layout_free(struct layout *L)
{
	size_t i;

	if (L == NULL)
		return;
	layout_free_links(L);
	for (i = 0; i < L->nanchors; i++)
		free(L->anchors[i].slug);
	free(L->anchors);
	free(L->spans);
	free(L->lines);
	free(L->text);
	free(L->title);
	free(L);
}
