/*
 * ui_lesson.c: the lesson pager (the list is ui_lessons.c).
 *
 * The pager shows one lesson laid out by layout.c at the screen's width: scrolling,
 * search, links with a history, the self-check answers on a key, and the
 * place remembered in the store.  All rendering decisions live in
 * layout.c; this file only draws lines and handles keys.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curses.h>

#include "app.h"
#include "content.h"
#include "diag.h"
#include "layout.h"
#include "lesson.h"
#include "store.h"
#include "text.h"
#include "ui.h"
#include "ui_view.h"
#include "util.h"

#define LV_MAX_WIDTH 100
#define LV_HISTORY 64

struct lv_place {
	char id[72];
	int src_line;
};

struct lv_match {
	size_t line;
	size_t off, len;
};

struct lv {
	struct app *app;
	struct store *store;
	struct lesson_cache *cache;
	struct lesson *les;          /* the lesson shown (owned) */
	char id[72];
	struct layout *L;
	int width;                   /* of L */
	int answers;                 /* answers shown */
	size_t top;
	int rows;                    /* text rows at the last draw */
	struct diag problems;
	int marked_read;
	long link;                   /* selected link, or -1 */

	int searching;               /* typing a search */
	struct buf query;
	struct lv_match *matches;
	size_t nmatches, match;

	struct lv_place history[LV_HISTORY];
	size_t nhistory;
};

static void lv_find(struct lv *);

/* ---- loading ----------------------------------------------------------- */

/* The number of lines from source line src, starting at line first. */
static size_t
lv_block_lines(const struct layout *L, size_t first, int src)
{
	size_t n = 0;

	while (first + n < L->nlines && L->lines[first + n].src_line == src)
		n++;
	return n;
}

/*
 * Lays the lesson out again (new width, answers shown or hidden) keeping
 * the place: the same source block at the top, as far into it as before.
 */
static void
lv_relayout(struct lv *v, int width)
{
	int src = 0;
	size_t first, into = 0, was = 1, now;

	if (v->L != NULL && v->top < v->L->nlines) {
		src = v->L->lines[v->top].src_line;
		first = layout_line_for_source(v->L, src);
		into = v->top - first;
		was = lv_block_lines(v->L, first, src);
	}
	layout_free(v->L);
	v->L = layout_build(v->les->doc, width, v->answers ? 0 :
	    LAYOUT_HIDE_ANSWERS);
	v->width = width;
	v->top = 0;
	if (src > 0 && v->L->nlines > 0) {
		first = layout_line_for_source(v->L, src);
		now = lv_block_lines(v->L, first, src);
		v->top = first + (was > 0 ? into * now / was : 0);
		if (v->top >= v->L->nlines)
			v->top = v->L->nlines - 1;
	}
	v->link = -1;
	/* Matches are positions in lines: find them again. */
	v->nmatches = 0;
	if (v->query.len > 0 && !v->searching)
		lv_find(v);
	if (v->match >= v->nmatches)
		v->match = 0;
}

static void
lv_save_place(struct lv *v)
{
	int src;

	if (v->store == NULL || v->L == NULL || v->les->unreadable)
		return;
	src = v->top < v->L->nlines ? v->L->lines[v->top].src_line : 0;
	if (v->top == 0)
		src = 0;
	(void)store_lesson_set_place(v->store, v->id, src);
}

/*
 * Shows lesson id (from the content index); anchor may be NULL or "".
 * src_line > 0 puts that source line at the top instead.  Returns 0, or
 * -1 (message shown, nothing changed) for an unknown id.
 */
static int
lv_open(struct ui *ui, struct lv *v, const char *id, const char *anchor,
    int src_line)
{
	const struct content_item *it;
	struct store_lesson sl;
	long line;

	it = content_find(app_content(v->app), CONTENT_LESSON, id);
	if (it == NULL) {
		ui_message(ui, "There is no lesson '%s'.", id);
		return -1;
	}
	lesson_free(v->les);
	layout_free(v->L);
	v->L = NULL;
	diag_free(&v->problems);
	v->les = lesson_load(it->path, &v->problems);
	snprintf(v->id, sizeof v->id, "%s", id);
	lesson_validate(v->les, lesson_cache_get, v->cache, &v->problems);
	v->answers = 0;
	v->marked_read = 0;
	v->top = 0;
	lv_relayout(v, v->width > 0 ? v->width : 78);
	if (src_line == 0 && (anchor == NULL || *anchor == '\0') &&
	    v->store != NULL && store_lesson_get(v->store, id, &sl) > 0)
		src_line = (int)sl.place;
	if (anchor != NULL && *anchor != '\0') {
		line = layout_find_anchor(v->L, anchor);
		if (line >= 0)
			v->top = (size_t)line;
		else
			ui_message(ui, "This lesson has no heading '#%s'.",
			    anchor);
	} else if (src_line > 0)
		v->top = layout_line_for_source(v->L, src_line);
	return 0;
}

static void *
lv_enter(struct ui *ui, void *arg)
{
	struct lv *v = xcalloc(1, sizeof *v);
	struct lv_target *t = arg;

	v->app = ui_app(ui);
	v->store = v->app->store;
	v->cache = lesson_cache_new(app_content(v->app));
	v->link = -1;
	buf_add(&v->query, "", 0);
	if (lv_open(ui, v, t->id, t->anchor, 0) != 0) {
		v->les = lesson_parse(t->id, "", 0);
		v->les->unreadable = 1;
		diag_add(&v->problems, t->id, 0, "there is no such lesson");
		lv_relayout(v, 78);
	}
	return v;
}

static void
lv_leave(struct ui *ui, void *state)
{
	struct lv *v = state;

	(void)ui;
	lv_save_place(v);
	lesson_free(v->les);
	layout_free(v->L);
	lesson_cache_free(v->cache);
	diag_free(&v->problems);
	buf_free(&v->query);
	free(v->matches);
	free(v);
}

/* ---- moving ------------------------------------------------------------ */

static size_t
lv_max_top(struct lv *v)
{
	size_t rows = v->rows > 0 ? (size_t)v->rows : 1;

	return v->L->nlines > rows ? v->L->nlines - rows : 0;
}

static void
lv_scroll(struct lv *v, long delta)
{
	long top = (long)v->top + delta;

	if (top < 0)
		top = 0;
	if ((size_t)top > lv_max_top(v))
		top = (long)lv_max_top(v);
	v->top = (size_t)top;
}

/* Scrolls so that line is in view, a few lines below the top. */
static void
lv_show_line(struct lv *v, size_t line)
{
	if (line >= v->top && line < v->top + (size_t)v->rows)
		return;
	v->top = line > 2 ? line - 2 : 0;
	if (v->top > lv_max_top(v))
		v->top = lv_max_top(v);
}

/* ---- search ------------------------------------------------------------ */

static void
lv_find(struct lv *v)
{
	struct buf b = BUF_INIT;
	size_t i, cap = 0, qlen = v->query.len;
	const char *p;

	v->nmatches = 0;
	if (qlen == 0)
		return;
	for (i = 0; i < v->L->nlines; i++) {
		buf_reset(&b);
		layout_line_text(v->L, i, &b);
		for (p = b.data; (p = strcasestr(p, v->query.data)) != NULL;
		    p += qlen) {
			if (v->nmatches == cap) {
				cap = cap ? cap * 2 : 16;
				v->matches = xreallocarray(v->matches, cap,
				    sizeof *v->matches);
			}
			v->matches[v->nmatches].line = i;
			v->matches[v->nmatches].off = (size_t)(p - b.data);
			v->matches[v->nmatches].len = qlen;
			v->nmatches++;
		}
	}
	buf_free(&b);
}

static void
lv_goto_match(struct ui *ui, struct lv *v, size_t m)
{
	v->match = m;
	lv_show_line(v, v->matches[m].line);
	ui_message(ui, "\"%s\": match %zu of %zu", v->query.data, m + 1,
	    v->nmatches);
}

static void
lv_search_done(struct ui *ui, struct lv *v)
{
	size_t m;

	v->searching = 0;
	lv_find(v);
	if (v->nmatches == 0) {
		if (v->query.len > 0)
			ui_message(ui, "\"%s\": not found", v->query.data);
		return;
	}
	for (m = 0; m < v->nmatches && v->matches[m].line < v->top; m++)
		;
	lv_goto_match(ui, v, m < v->nmatches ? m : 0);
}

static void
lv_search_next(struct ui *ui, struct lv *v, int dir)
{
	if (v->nmatches == 0) {
		ui_message(ui, v->query.len ? "\"%s\": not found" :
		    "%sPress / to search.", v->query.data);
		return;
	}
	lv_goto_match(ui, v, (v->match + v->nmatches + (size_t)(long)dir) %
	    v->nmatches);
}

static void
lv_search_key(struct ui *ui, struct lv *v, const struct ui_key *k)
{
	char enc[8];
	size_t n;

	switch (k->action) {
	case UI_ENTER:
		lv_search_done(ui, v);
		return;
	case UI_BACKSPACE:
		while (v->query.len > 0 &&
		    ((unsigned char)v->query.data[--v->query.len] & 0xc0) ==
		    0x80)
			;
		v->query.data[v->query.len] = '\0';
		return;
	case UI_BACK:
		if (k->ch == 27) {
			v->searching = 0;
			return;
		}
		break;
	default:
		break;
	}
	if (k->ch >= 32 && k->ch != 127 && v->query.len < 60) {
		n = text_encode((uint32_t)k->ch, enc);
		buf_add(&v->query, enc, n);
	}
}

/* ---- links ------------------------------------------------------------- */

static void
lv_select_link(struct ui *ui, struct lv *v, int dir)
{
	size_t n = v->L->nlinks, i;

	if (n == 0) {
		ui_message(ui, "This lesson has no links.");
		return;
	}
	if (v->link < 0 || v->L->links[v->link].line < v->top ||
	    v->L->links[v->link].line >= v->top + (size_t)v->rows) {
		/* Start from what is on screen. */
		for (i = 0; i < n && v->L->links[i].line < v->top; i++)
			;
		if (dir < 0)
			i = i > 0 ? i - 1 : n - 1;
		v->link = (long)(i < n ? i : 0);
	} else
		v->link = (v->link + (long)n + dir) % (long)n;
	lv_show_line(v, v->L->links[v->link].line);
	ui_message(ui, "Link: %s (Enter to follow)", v->L->links[v->link].url);
}

static void
lv_history_push(struct lv *v)
{
	struct lv_place *p;

	if (v->nhistory == LV_HISTORY) {
		memmove(v->history, v->history + 1,
		    (LV_HISTORY - 1) * sizeof *v->history);
		v->nhistory--;
	}
	p = &v->history[v->nhistory++];
	snprintf(p->id, sizeof p->id, "%s", v->id);
	p->src_line = v->top < v->L->nlines ? v->L->lines[v->top].src_line : 0;
	if (v->top == 0)
		p->src_line = 0;
}

static void
lv_follow(struct ui *ui, struct lv *v)
{
	const struct layout_link *k;
	struct lv_target t;
	long line;

	if (v->link < 0) {
		ui_message(ui, "Press Tab to choose a link first.");
		return;
	}
	k = &v->L->links[v->link];
	if (k->kind == LAYOUT_LINK_EXTERNAL) {
		ui_message(ui, "A web page: open %s in a browser.", k->url);
		return;
	}
	if (k->kind == LAYOUT_LINK_ANCHOR) {
		line = layout_find_anchor(v->L, k->anchor);
		if (line < 0) {
			ui_message(ui, "This lesson has no heading '#%s'.",
			    k->anchor);
			return;
		}
		lv_history_push(v);
		v->top = (size_t)line;
		if (v->top > lv_max_top(v))
			v->top = lv_max_top(v);
		v->link = -1;
		return;
	}
	if (content_find(app_content(v->app), CONTENT_LESSON, k->lesson) ==
	    NULL) {
		ui_message(ui, "There is no lesson '%s'.", k->lesson);
		return;
	}
	lv_history_push(v);
	lv_save_place(v);
	/* lv_open() frees the layout that k points into: copy first. */
	snprintf(t.id, sizeof t.id, "%s", k->lesson);
	snprintf(t.anchor, sizeof t.anchor, "%s", k->anchor != NULL ?
	    k->anchor : "");
	lv_open(ui, v, t.id, t.anchor, t.anchor[0] == '\0' ? 1 : 0);
	if (v->top > lv_max_top(v))
		v->top = lv_max_top(v);
}

static void
lv_back(struct ui *ui, struct lv *v)
{
	struct lv_place p;

	if (v->nhistory == 0) {
		ui_message(ui, "Nothing to go back to (q closes the lesson).");
		return;
	}
	p = v->history[--v->nhistory];
	if (strcmp(p.id, v->id) != 0) {
		lv_save_place(v);
		if (lv_open(ui, v, p.id, NULL, p.src_line > 0 ? p.src_line :
		    1) != 0)
			return;
	}
	v->top = p.src_line > 0 ? layout_line_for_source(v->L, p.src_line) :
	    0;
	v->link = -1;
}

static void
lv_toggle_answers(struct ui *ui, struct lv *v)
{
	v->answers = !v->answers;
	lv_relayout(v, v->width);
	if (!v->answers) {
		ui_message(ui, "Answers hidden.");
		return;
	}
	if (v->les->nquestions == 0) {
		ui_message(ui, "This lesson has no self-check questions.");
		return;
	}
	if (v->store != NULL &&
	    store_lesson_mark_selfcheck(v->store, v->id) != 0)
		ui_message(ui, "%s", store_error(v->store));
	else
		ui_message(ui, "Answers shown: self-check done.");
}

static void
lv_key(struct ui *ui, void *state, const struct ui_key *k)
{
	struct lv *v = state;
	long page = v->rows > 1 ? v->rows - 1 : 1;

	ui_dirty(ui);
	if (v->searching) {
		lv_search_key(ui, v, k);
		return;
	}
	switch (k->action) {
	case UI_UP: lv_scroll(v, -1); break;
	case UI_DOWN: lv_scroll(v, 1); break;
	case UI_PAGE_UP: lv_scroll(v, -page); break;
	case UI_PAGE_DOWN: lv_scroll(v, page); break;
	case UI_HOME: v->top = 0; break;
	case UI_END: v->top = lv_max_top(v); break;
	case UI_TAB: lv_select_link(ui, v, 1); break;
	case UI_BACKTAB: lv_select_link(ui, v, -1); break;
	case UI_ENTER: case UI_RIGHT: lv_follow(ui, v); break;
	case UI_BACKSPACE: lv_back(ui, v); break;
	case UI_LEFT:
		if (v->nhistory > 0)
			lv_back(ui, v);
		else
			ui_pop(ui);
		break;
	case UI_WHEEL_UP: lv_scroll(v, -3); break;
	case UI_WHEEL_DOWN: lv_scroll(v, 3); break;
	case UI_BACK: ui_pop(ui); break;
	case UI_CHAR:
		switch (k->ch) {
		case ' ': lv_scroll(v, page); break;
		case 'b': lv_scroll(v, -page); break;
		case 'g': v->top = 0; break;
		case 'G': v->top = lv_max_top(v); break;
		case 'n': lv_search_next(ui, v, 1); break;
		case 'N': lv_search_next(ui, v, -1); break;
		case 'a': lv_toggle_answers(ui, v); break;
		case '/':
			v->searching = 1;
			buf_reset(&v->query);
			buf_add(&v->query, "", 0);
			break;
		default: break;
		}
		break;
	default:
		break;
	}
}

/* ---- drawing ----------------------------------------------------------- */

static attr_t
lv_attr(struct ui *ui, struct lv *v, const struct layout_span *s)
{
	unsigned h = LAYOUT_HEADING(s->style);
	attr_t a = (attr_t)ui_role_attr(ui, UI_ROLE_NORMAL);

	if (s->style & (LAYOUT_CODE | LAYOUT_DIAGRAM))
		a = (attr_t)ui_role_attr(ui, UI_ROLE_CODE);
	if (h > 0) {
		a = (attr_t)ui_role_attr(ui, UI_ROLE_HEADING);
		if (h >= 3)
			a |= A_DIM;
	}
	if (s->style & LAYOUT_LINK)
		a = (attr_t)ui_role_attr(ui, s->link == v->link ?
		    UI_ROLE_SELECTED : UI_ROLE_LINK);
	if (s->style & LAYOUT_ANSWER)
		a = (attr_t)ui_role_attr(ui, UI_ROLE_GOOD);
	if (s->style & LAYOUT_BOLD)
		a |= A_BOLD;
	if (s->style & LAYOUT_ITALIC)
		a |= A_ITALIC;
	if (s->style & (LAYOUT_DIM | LAYOUT_MARKER | LAYOUT_RULE |
	    LAYOUT_URL | LAYOUT_CLIP))
		a |= A_DIM;
	return a;
}

/* Draws len bytes of already safe text at the cursor. */
static void
lv_text(attr_t a, const char *s, size_t len)
{
	if (len == 0)
		return;
	attrset(a);
	addnstr(s, (int)len);
}

/* Draws one line, with search matches highlighted. */
static void
lv_draw_line(struct ui *ui, struct lv *v, size_t i, int row, size_t *m)
{
	const struct layout_line *ln = &v->L->lines[i];
	const struct layout_span *s;
	attr_t match = (attr_t)ui_role_attr(ui, UI_ROLE_MATCH), a;
	size_t k, pos = 0, a0, a1, cut;
	const char *t;

	move(row, 1);
	while (*m < v->nmatches && v->matches[*m].line < i)
		(*m)++;
	for (k = ln->span; k < ln->span + ln->nspans; k++) {
		s = &v->L->spans[k];
		t = v->L->text + s->off;
		a = lv_attr(ui, v, s);
		a0 = pos;
		a1 = pos + s->len;
		while (a0 < a1) {
			const struct lv_match *mt = NULL;
			size_t j;

			for (j = *m; j < v->nmatches &&
			    v->matches[j].line == i; j++)
				if (v->matches[j].off + v->matches[j].len >
				    a0) {
					mt = &v->matches[j];
					break;
				}
			if (mt == NULL || mt->off >= a1) {
				lv_text(a, t + (a0 - pos), a1 - a0);
				break;
			}
			if (mt->off > a0) {
				lv_text(a, t + (a0 - pos), mt->off - a0);
				a0 = mt->off;
			}
			cut = mt->off + mt->len < a1 ? mt->off + mt->len : a1;
			lv_text(match, t + (a0 - pos), cut - a0);
			a0 = cut;
		}
		pos += s->len;
	}
	attrset(A_NORMAL);
}

static void
lv_draw(struct ui *ui, void *state, int rows, int cols)
{
	struct lv *v = state;
	int width = cols - 2 > LV_MAX_WIDTH ? LV_MAX_WIDTH : cols - 2;
	int row = 1, last;
	size_t i, m = 0;
	char title[256], hint[160];
	unsigned pct;

	if (width != v->width)
		lv_relayout(v, width);
	if (v->problems.n > 0) {
		const struct diag_item *p = &v->problems.items[0];

		snprintf(hint, sizeof hint, "%s %zu problem%s: %s",
		    text_utf8() ? "\xe2\x9a\xa0" : "!", v->problems.n,
		    v->problems.n == 1 ? "" : "s", p->msg);
		ui_put(ui, row++, 1, cols - 2, UI_ROLE_WARNING, hint);
	}
	last = rows - 2;
	v->rows = last - row + 1;
	if (v->top > lv_max_top(v))
		v->top = lv_max_top(v);
	for (i = v->top; i < v->L->nlines && row <= last; i++, row++)
		lv_draw_line(ui, v, i, row, &m);
	if (v->L->nlines == 0)
		ui_put(ui, row, 1, cols - 2, UI_ROLE_DIM,
		    "(this lesson is empty)");
	ui_draw_scrollbar(ui, last - v->rows + 1, cols - 1, v->rows, v->top,
	    v->L->nlines);
	pct = v->L->nlines == 0 || v->top + (size_t)v->rows >= v->L->nlines ?
	    100 : (unsigned)((v->top + (size_t)v->rows) * 100 /
	    v->L->nlines);
	snprintf(title, sizeof title, "%s", v->les->title != NULL ?
	    v->les->title : v->id);
	/* The title is cut (with its mark) before the percentage. */
	ui_draw_title(ui, cols, "");
	ui_put(ui, 0, 1, cols - 9, UI_ROLE_TITLE, title);
	snprintf(hint, sizeof hint, " %3u%% ", pct);
	ui_put(ui, 0, cols - 7, 6, UI_ROLE_TITLE, hint);
	if (v->searching) {
		snprintf(hint, sizeof hint, "Search: %s_", v->query.data);
		ui_draw_status(ui, rows - 1, cols, "");
		ui_put(ui, rows - 1, 1, cols - 2, UI_ROLE_STATUS, hint);
	} else
		ui_draw_status(ui, rows - 1, cols, "Space page  / search  "
		    "Tab links  a answers  Bksp back  ? keys  q close");
	/* Reaching the end counts as having read the lesson. */
	if (pct == 100 && !v->marked_read && v->store != NULL &&
	    !v->les->unreadable) {
		v->marked_read = 1;
		if (store_lesson_mark_read(v->store, v->id) != 0)
			ui_message(ui, "%s", store_error(v->store));
	}
}

static const struct ui_help lv_help[] = {
	{ "Up, Down, j, k", "scroll a line" },
	{ "PgUp, PgDn, Space", "scroll a page (b: back a page)" },
	{ "g, G, Home, End", "go to the start or the end" },
	{ "/", "search (type a word, Enter)" },
	{ "n, N", "next or previous match" },
	{ "Tab, Shift-Tab", "next or previous link" },
	{ "Enter, Right, l", "follow the chosen link" },
	{ "Backspace", "go back where you came from" },
	{ "Left, h", "go back, or close the lesson" },
	{ "a", "show or hide the self-check answers" },
	{ "q, Esc", "close the lesson (your place is kept)" },
	{ NULL, NULL }
};

const struct ui_screen ui_lesson_screen = {
	.name = "Lesson",
	.enter = lv_enter,
	.key = lv_key,
	.draw = lv_draw,
	.leave = lv_leave,
	.help = lv_help,
};

