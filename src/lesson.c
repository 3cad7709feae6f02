/*
 * lesson.c: lesson files parsed and checked (see lesson.h).
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark.h>

#include "content.h"
#include "lesson.h"
#include "md.h"
#include "util.h"

char *
lesson_id_of(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base != NULL ? base + 1 : path;
	n = strlen(base);
	if (n > 3 && strcmp(base + n - 3, ".md") == 0)
		n -= 3;
	return xstrndup(base, n);
}


static void
lesson_add_slug(struct lesson *l, const char *text, int line)
{
	char *slug = layout_slug(text, strlen(text));
	char *s = util_unique_slug(&l->slugset, slug);

	free(slug);
	l->slugs = xgrow(l->slugs, l->nslugs, sizeof *l->slugs);
	l->slug_lines = xgrow(l->slug_lines, l->nslugs,
	    sizeof *l->slug_lines);
	l->slugs[l->nslugs] = s;
	l->slug_lines[l->nslugs++] = line;
}

static void
lesson_heading(struct lesson *l, cmark_node *node, int *in_check)
{
	struct buf b = BUF_INIT;
	int level = cmark_node_get_heading_level(node);

	md_append_text(node, &b);
	lesson_add_slug(l, b.data, cmark_node_get_start_line(node));
	if (level == 1 && l->title == NULL) {
		l->title = xstrdup(util_trim(b.data));
		l->title_line = cmark_node_get_start_line(node);
	}
	if (level <= 2)
		*in_check = level == 2 && layout_is_check_heading(b.data);
	buf_free(&b);
}

static void
lesson_link(struct lesson *l, cmark_node *node, int line)
{
	struct lesson_link *k;
	const char *url = cmark_node_get_url(node);

	l->links = xgrow(l->links, l->nlinks, sizeof *l->links);
	k = &l->links[l->nlinks++];
	k->url = xstrdup(url != NULL ? url : "");
	k->kind = layout_link_parse(k->url, &k->lesson, &k->anchor);
	k->line = line;
}

/* A self-check item: its first paragraph asks, "Answer:" answers. */
static void
lesson_question(struct lesson *l, cmark_node *item)
{
	cmark_node *c;
	struct buf b = BUF_INIT;
	int first = 1;

	for (c = cmark_node_first_child(item); c != NULL;
	    c = cmark_node_next(c)) {
		if (cmark_node_get_type(c) != CMARK_NODE_PARAGRAPH)
			continue;
		buf_reset(&b);
		md_append_text(c, &b);
		if (first) {
			l->questions = xgrow(l->questions, l->nquestions, sizeof *l->questions);
			l->questions[l->nquestions++] = xstrdup(b.data);
			first = 0;
		} else if (strncasecmp(b.data, "Answer:", 7) == 0) {
			l->nanswers++;
			break;
		}
	}
	buf_free(&b);
}

/* The source line of node, or of its nearest block ancestor. */
static int
lesson_line(cmark_node *node)
{
	int line;

	for (; node != NULL; node = cmark_node_parent(node))
		if ((line = cmark_node_get_start_line(node)) > 0)
			return line;
	return 0;
}

static void
lesson_scan(struct lesson *l)
{
	cmark_iter *it = cmark_iter_new(l->doc);
	cmark_event_type ev;
	cmark_node *n, *parent;
	int in_check = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HEADING:
			lesson_heading(l, n, &in_check);
			break;
		case CMARK_NODE_LINK:
			lesson_link(l, n, lesson_line(n));
			break;
		case CMARK_NODE_ITEM:
			parent = cmark_node_parent(n);
			if (in_check && parent != NULL &&
			    cmark_node_parent(parent) == l->doc &&
			    cmark_node_get_list_type(parent) ==
			    CMARK_ORDERED_LIST)
				lesson_question(l, n);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

struct lesson *
lesson_parse(const char *file, const char *text, size_t len)
{
	struct lesson *l = xcalloc(1, sizeof *l);

	l->file = xstrdup(file);
	l->id = lesson_id_of(file);
	l->text = xmalloc(len + 1);
	memcpy(l->text, text, len);
	l->text[len] = '\0';
	l->len = len;
	l->doc = cmark_parse_document(l->text, len, CMARK_OPT_DEFAULT);
	lesson_scan(l);
	return l;
}

struct lesson *
lesson_load(const char *path, struct diag *d)
{
	struct lesson *l;
	size_t len;
	char *why, *text = util_read_file_max(path, UTIL_LIMIT_LESSON, &len,
	    &why);

	if (text == NULL) {
		if (d != NULL)
			diag_add(d, path, 0, "%s%s", util_read_doing(why,
			    "cannot read the lesson: "), why);
		free(why);
		l = lesson_parse(path, "", 0);
		l->unreadable = 1;
		return l;
	}
	l = lesson_parse(path, text, len);
	free(text);
	return l;
}

/*
 * The end of the first blank line at or after from, or len: a cut there
 * leaves every block that closed before it as a whole parse has it.
 */
static size_t
lesson_blank_cut(const char *text, size_t len, size_t from)
{
	size_t i = from;

	while (i > 0 && i < len && text[i - 1] != '\n')
		i++;
	while (i < len) {
		/* Spaces, tabs and CRs up to a newline: blank lines. */
		while (i < len && (text[i] == ' ' || text[i] == '\t' ||
		    text[i] == '\r'))
			i++;
		if (i == len)
			return len;
		if (text[i] == '\n')
			return i + 1;
		while (i < len && text[i] != '\n')
			i++;
		if (i < len)
			i++;
	}
	return len;
}

/* The first level-1 heading of doc, as lesson_heading takes it. */
static char *
lesson_doc_title(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	cmark_node *n;
	struct buf b = BUF_INIT;
	char *title = NULL;

	while (title == NULL && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
		if (ev == CMARK_EVENT_ENTER && (n = cmark_iter_get_node(it),
		    cmark_node_get_type(n) == CMARK_NODE_HEADING) &&
		    cmark_node_get_heading_level(n) == 1) {
			md_append_text(n, &b);
			title = xstrdup(util_trim(b.data));
		}
	cmark_iter_free(it);
	buf_free(&b);
	return title;
}

/*
 * The title when the text opens with a plain "# Title" line, or NULL.
 * Such a line is an ATX heading whatever follows it, and with none of
 * the characters that mean something inline (emphasis, code, links,
 * escapes, entities, HTML, a closing "#"), its text is the line's
 * words: no parse is needed.  Anything else goes to cmark.
 */
static char *
lesson_title_plain(const char *text, size_t len)
{
	size_t i = 2, start, end;
	unsigned char ch;

	if (len < 3 || text[0] != '#' || text[1] != ' ')
		return NULL;
	while (i < len && text[i] == ' ')
		i++;
	start = end = i;
	for (; i < len && text[i] != '\n' && text[i] != '\r'; i++) {
		ch = (unsigned char)text[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || (ch != '\0' &&
		    strchr(" ,.:;'\"?()/+=%$@^|{}!-", ch) != NULL)))
			return NULL;
		if (ch != ' ')
			end = i + 1;
	}
	return end > start ? xstrndup(text + start, end - start) : NULL;
}

/*
 * The title of the lesson in text, as lesson_parse() finds it, from the
 * text's first blocks when they hold it.  Blocks closed before a blank
 * line parse the same without what follows, but for reference links
 * defined later: a title with "[" in it is taken from the whole text.
 */
char *
lesson_title_of(const char *text, size_t len)
{
	size_t cut;
	cmark_node *doc;
	char *title;

	if ((title = lesson_title_plain(text, len)) != NULL)
		return title;
	cut = lesson_blank_cut(text, len, len < 1024 ? len : 1024);
	doc = cmark_parse_document(text, cut, CMARK_OPT_DEFAULT);
	title = lesson_doc_title(doc);
	cmark_node_free(doc);
	if (cut == len || (title != NULL && strchr(title, '[') == NULL))
		return title;
	free(title);
	doc = cmark_parse_document(text, len, CMARK_OPT_DEFAULT);
	title = lesson_doc_title(doc);
	cmark_node_free(doc);
	return title;
}

char *
lesson_title_load(const char *path)
{
	size_t len;
	char *why, *title, *text = util_read_file_max(path, UTIL_LIMIT_LESSON,
	    &len, &why);

	if (text == NULL) {
		free(why);
		return NULL;
	}
	title = lesson_title_of(text, len);
	free(text);
	return title;
}

void
lesson_free(struct lesson *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->nlinks; i++) {
		free(l->links[i].url);
		free(l->links[i].lesson);
		free(l->links[i].anchor);
	}
	for (i = 0; i < l->nslugs; i++)
		free(l->slugs[i]);
	for (i = 0; i < l->nquestions; i++)
		free(l->questions[i]);
	free(l->links);
	free(l->slugs);
	free(l->slug_lines);
	strmap_free(&l->slugset);
	free(l->questions);
	if (l->doc != NULL)
		cmark_node_free(l->doc);
	free(l->title);
	free(l->text);
	free(l->id);
	free(l->file);
	free(l);
}

int
lesson_has_anchor(const struct lesson *l, const char *slug)
{
	return strmap_get(&l->slugset, slug) != NULL;
}

/* Checks one link; returns 1 when it adds a problem. */
static int
lesson_check_link(const struct lesson *l, const struct lesson_link *k,
    lesson_lookup_fn lookup, void *ctx, struct diag *d)
{
	const struct lesson *target = l;

	if (k->kind == LAYOUT_LINK_EXTERNAL)
		return 0;
	if (k->kind == LAYOUT_LINK_LESSON) {
		target = strcmp(k->lesson, l->id) == 0 ? l :
		    lookup != NULL ? lookup(ctx, k->lesson) : NULL;
		if (target == NULL) {
			diag_add(d, l->file, k->line, "link to '%s': there is "
			    "no lesson '%s'", k->url, k->lesson);
			return 1;
		}
	}
	if (k->anchor == NULL || k->anchor[0] == '\0' || target->unreadable)
		return 0;
	if (!lesson_has_anchor(target, k->anchor)) {
		diag_add(d, l->file, k->line, "link to '%s': %s has no "
		    "heading '#%s'", k->url, target == l ? "this lesson" :
		    target->id, k->anchor);
		return 1;
	}
	return 0;
}

size_t
lesson_validate(const struct lesson *l, lesson_lookup_fn lookup, void *ctx,
    struct diag *d)
{
	size_t before = d->n, i;
	int line;

	if (l->unreadable)
		return 0;
	if (l->title == NULL)
		diag_add(d, l->file, 1, "no title: a lesson starts with a "
		    "level-1 heading (# Title)");
	else if (l->title[0] == '\0')
		diag_add(d, l->file, l->title_line, "the title is empty");
	for (i = 0; i < l->nlinks; i++)
		lesson_check_link(l, &l->links[i], lookup, ctx, d);
	for (line = md_find_pipe_table(l->text, l->len, 1); line > 0;
	    line = md_find_pipe_table(l->text, l->len, line + 2))
		diag_add(d, l->file, line, "a GitHub-style table: backcare "
		    "reads CommonMark, which has no tables, so it shows as a "
		    "paragraph of '|'; use a list instead");
	return d->n - before;
}

/* ---- the cache --------------------------------------------------------- */

struct lesson_cache {
	const struct content *content;
	struct lesson **items;
	size_t n;
};

struct lesson_cache *
lesson_cache_new(const struct content *c)
{
	struct lesson_cache *lc = xcalloc(1, sizeof *lc);

	lc->content = c;
	return lc;
}

void
lesson_cache_add(struct lesson_cache *lc, struct lesson *l)
{
	lc->items = xgrow(lc->items, lc->n, sizeof *lc->items);
	lc->items[lc->n++] = l;
}

const struct lesson *
lesson_cache_get(void *arg, const char *id)
{
	struct lesson_cache *lc = arg;
	const struct content_item *it;
	struct lesson *l;
	size_t i;

	for (i = 0; i < lc->n; i++)
		if (strcmp(lc->items[i]->id, id) == 0)
			return lc->items[i];
	if (lc->content == NULL ||
	    (it = content_find(lc->content, CONTENT_LESSON, id)) == NULL)
		return NULL;
	l = lesson_load(it->path, NULL);
	free(l->id);
	l->id = xstrdup(id);
	lesson_cache_add(lc, l);
	return l;
}

void
lesson_cache_free(struct lesson_cache *lc)
{
	size_t i;

	if (lc == NULL)
		return;
	for (i = 0; i < lc->n; i++)
		lesson_free(lc->items[i]);
	free(lc->items);
	free(lc);
}

const char *
lesson_status(long long read_at, long long selfcheck_at)
{
	if (selfcheck_at > 0)
		return "self-check done";
	return read_at > 0 ? "read" : "unread";
}

int
lesson_id_hidden(const char *id)
{
	return strcmp(id, "glossary") == 0;
}

size_t
lesson_course_count(const struct content *c)
{
	const struct content_item *it;
	size_t i, n = 0;

	for (i = 0; (it = content_get(c, CONTENT_LESSON, i)) != NULL; i++)
		if (!lesson_id_hidden(it->id))
			n++;
	return n;
}
