/*
 * ui_view.c: the scrolling text view and list (see ui_view.h).
 *
 * Wrapping is text.c's (pure); this file keeps the lines, the place, the
 * selection and the search, and draws them with the scroll bar.
 */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curses.h>

#include "layout.h"
#include "text.h"
#include "ui.h"
#include "ui_view.h"
#include "util.h"

#define UI_VIEW_NO_ITEM ((size_t)-1)
#define UI_VIEW_WHEEL 3

struct ui_view_span {
	size_t len;             /* bytes of the line's text */
	enum ui_role role;
};

struct ui_view_line {
	enum ui_role role;
	char *text;             /* fit for the terminal, within the width */
	int indent;
	size_t item;            /* UI_VIEW_NO_ITEM outside list items */
	struct ui_view_span *spans;   /* NULL: all of it in role */
	size_t nspans;
};

struct ui_view {
	int flags;
	struct ui_view_line *lines;
	size_t n, cap;
	int width;
	size_t item;            /* the item being added, or UI_VIEW_NO_ITEM */
	size_t nitems;
	size_t sel;
	size_t top;
	int rows;               /* rows at the last draw */
	int row0;               /* the screen row of the first line shown */
	int typed;              /* the number typed so far in a list */
	int searching;
	struct buf query;
};

struct ui_view *
ui_view_new(int flags)
{
	struct ui_view *v = xcalloc(1, sizeof *v);

	v->flags = flags;
	v->item = UI_VIEW_NO_ITEM;
	v->width = 1;
	v->rows = 1;
	return v;
}

static void
ui_view_clear(struct ui_view *v)
{
	size_t i;

	for (i = 0; i < v->n; i++) {
		free(v->lines[i].text);
		free(v->lines[i].spans);
	}
	v->n = 0;
}

void
ui_view_free(struct ui_view *v)
{
	if (v == NULL)
		return;
	ui_view_clear(v);
	free(v->lines);
	buf_free(&v->query);
	free(v);
}

void
ui_view_begin(struct ui_view *v, int width)
{
	ui_view_clear(v);
	v->width = width > 1 ? width : 1;
	v->item = UI_VIEW_NO_ITEM;
	v->nitems = 0;
}

/* Takes text (owned) as one more line. */
static void
ui_view_push(struct ui_view *v, enum ui_role role, int indent, char *text)
{
	struct ui_view_line *l;

	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 32;
		v->lines = xreallocarray(v->lines, v->cap, sizeof *v->lines);
	}
	l = &v->lines[v->n++];
	l->role = role;
	l->indent = indent;
	l->text = text;
	l->item = v->item;
	l->spans = NULL;
	l->nspans = 0;
}

void
ui_view_add_hanging(struct ui_view *v, enum ui_role role, int indent,
    int hang, const char *text)
{
	char *safe;
	size_t n, at = 0, len, next;
	int room, first = 1;

	if (indent > v->width / 2)
		indent = v->width / 2;
	if (indent + hang > v->width / 2)
		hang = 0;
	/* Measure what will be drawn: control characters as ^X and so on. */
	safe = text_for_terminal(text, strlen(text));
	n = strlen(safe);
	if (n == 0)
		ui_view_push(v, role, indent, xstrdup(""));
	while (at < n) {
		room = v->width - indent - (first ? 0 : hang);
		len = text_wrap_line(safe + at, n - at, room, &next);
		ui_view_push(v, role, indent + (first ? 0 : hang),
		    xstrndup(safe + at, len));
		first = 0;
		at += next;
		if (next == 0)
			break;
	}
	free(safe);
}

void
ui_view_add(struct ui_view *v, enum ui_role role, int indent,
    const char *text)
{
	ui_view_add_hanging(v, role, indent, 0, text);
}

void
ui_view_addf(struct ui_view *v, enum ui_role role, int indent,
    const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	ui_view_add(v, role, indent, s);
	free(s);
}

void
ui_view_add_layout(struct ui_view *v, const struct layout *l)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < l->nlines; i++) {
		buf_reset(&b);
		buf_add(&b, "", 0);
		layout_line_text(l, i, &b);
		/* Layout lines already fit: add each as it is. */
		ui_view_push(v, l->lines[i].flags & LAYOUT_LINE_HEADING ?
		    UI_ROLE_HEADING : UI_ROLE_NORMAL, 0, text_fit(b.data,
		    v->width));
	}
	buf_free(&b);
}

void
ui_view_add_markdown(struct ui_view *v, const char *md)
{
	struct layout *l;

	if (md == NULL || *md == '\0')
		return;
	l = layout_build_text(md, strlen(md), v->width, 0);
	ui_view_add_layout(v, l);
	layout_free(l);
}

void
ui_view_add_spans(struct ui_view *v, size_t n, const enum ui_role *roles,
    const char *const *texts)
{
	struct ui_view_line *l;
	struct buf b = BUF_INIT;
	char *safe;
	size_t i;

	buf_add(&b, "", 0);
	ui_view_push(v, n > 0 ? roles[0] : UI_ROLE_NORMAL, 0, NULL);
	l = &v->lines[v->n - 1];
	l->spans = xreallocarray(NULL, n > 0 ? n : 1, sizeof *l->spans);
	l->nspans = n;
	for (i = 0; i < n; i++) {
		safe = text_for_terminal(texts[i], strlen(texts[i]));
		l->spans[i].len = strlen(safe);
		l->spans[i].role = roles[i];
		buf_adds(&b, safe);
		free(safe);
	}
	l->text = buf_detach(&b);
}

void
ui_view_item(struct ui_view *v)
{
	v->item = v->nitems++;
}

void
ui_view_end_items(struct ui_view *v)
{
	v->item = UI_VIEW_NO_ITEM;
}

size_t
ui_view_lines(const struct ui_view *v)
{
	return v->n;
}

size_t
ui_view_selected(const struct ui_view *v)
{
	return v->sel;
}

void
ui_view_select(struct ui_view *v, size_t item)
{
	v->sel = item;
}

void
ui_view_home(struct ui_view *v)
{
	v->top = 0;
}

void
ui_view_scroll_to(struct ui_view *v, size_t line)
{
	v->top = line;
}

int
ui_view_at_end(const struct ui_view *v)
{
	return v->top + (size_t)v->rows >= v->n;
}

int
ui_view_searching(const struct ui_view *v)
{
	return v->searching;
}

/* ---- moving ------------------------------------------------------------ */

static size_t
ui_view_max_top(const struct ui_view *v)
{
	return v->n > (size_t)v->rows ? v->n - (size_t)v->rows : 0;
}

static void
ui_view_scroll(struct ui_view *v, long delta)
{
	long top = (long)v->top + delta;

	if (top < 0)
		top = 0;
	if ((size_t)top > ui_view_max_top(v))
		top = (long)ui_view_max_top(v);
	v->top = (size_t)top;
}

/* Moves the selection by delta items, within the list. */
static void
ui_view_move(struct ui_view *v, long delta)
{
	long s = (long)v->sel + delta;

	if (v->nitems == 0)
		return;
	/* Past either end, the text around the list comes into view. */
	if (s < 0) {
		s = 0;
		v->top = 0;
	}
	if (s >= (long)v->nitems) {
		s = (long)v->nitems - 1;
		v->top = ui_view_max_top(v);
	}
	v->sel = (size_t)s;
}

/* A page in a list: the text moves a page of lines (so no item is
 * skipped however tall), and the selection goes to the last item wholly
 * on the new page going down, the first going up. */
static void
ui_view_page(struct ui_view *v, int dir)
{
	size_t i, end, lo, hi;

	if (v->nitems == 0)
		return;
	ui_view_scroll(v, dir * (long)(v->rows > 1 ? v->rows - 1 : 1));
	end = v->top + (size_t)v->rows;
	if (end > v->n)
		end = v->n;
	if (dir < 0 && v->top == 0) {
		v->sel = 0;
		return;
	}
	if (dir > 0 && end == v->n) {
		v->sel = v->nitems - 1;
		return;
	}
	for (i = 0; i + v->top < end; i++) {
		size_t at = dir > 0 ? end - 1 - i : v->top + i;
		size_t it = v->lines[at].item;

		if (it == UI_VIEW_NO_ITEM)
			continue;
		/* Wholly on the page? */
		for (lo = at; lo > 0 && v->lines[lo - 1].item == it; lo--)
			;
		for (hi = at; hi + 1 < v->n && v->lines[hi + 1].item == it; hi++)
			;
		if (lo >= v->top && hi < end) {
			v->sel = it;
			return;
		}
	}
	/* Only part of a tall item shows: choose it. */
	i = dir > 0 ? end - 1 : v->top;
	if (i < v->n && v->lines[i].item != UI_VIEW_NO_ITEM)
		v->sel = v->lines[i].item;
}

/* Scrolls so that the selected item's lines are shown (its first line
 * at least, when it is taller than the view). */
static void
ui_view_follow(struct ui_view *v)
{
	size_t i, first = UI_VIEW_NO_ITEM, last = 0;

	if (v->nitems == 0)
		return;
	if (v->sel >= v->nitems)
		v->sel = v->nitems - 1;
	for (i = 0; i < v->n; i++)
		if (v->lines[i].item == v->sel) {
			if (first == UI_VIEW_NO_ITEM)
				first = i;
			last = i;
		}
	if (first == UI_VIEW_NO_ITEM)
		return;
	if (last - first + 1 > (size_t)v->rows) {
		/* Taller than the view: some of it in sight is enough. */
		if (last < v->top || first >= v->top + (size_t)v->rows)
			v->top = first;
		return;
	}
	if (last >= v->top + (size_t)v->rows)
		v->top = last + 1 - (size_t)v->rows;
	if (first < v->top)
		v->top = first;
}

/* The item on screen row y, or UI_VIEW_NO_ITEM. */
static size_t
ui_view_item_at(const struct ui_view *v, int y)
{
	size_t i;

	if (y < v->row0 || y >= v->row0 + v->rows)
		return UI_VIEW_NO_ITEM;
	i = v->top + (size_t)(y - v->row0);
	return i < v->n ? v->lines[i].item : UI_VIEW_NO_ITEM;
}

/* ---- search ------------------------------------------------------------ */

/* The next line (after from, going dir) holding the query, or -1. */
static long
ui_view_find(const struct ui_view *v, size_t from, int dir)
{
	size_t k, i;

	if (v->query.len == 0 || v->n == 0)
		return -1;
	for (k = 1; k <= v->n; k++) {
		i = (from + v->n + (dir > 0 ? k : v->n - k)) % v->n;
		if (strcasestr(v->lines[i].text, v->query.data) != NULL)
			return (long)i;
	}
	return -1;
}

static void
ui_view_search_go(struct ui *ui, struct ui_view *v, int dir, int here)
{
	long at = ui_view_find(v, here ? (v->top + v->n - 1) % (v->n ?
	    v->n : 1) : v->top, dir);

	if (at < 0) {
		ui_message(ui, v->query.len ? "\"%s\": not found" :
		    "%sPress / to search.", v->query.len ? v->query.data : "");
		return;
	}
	v->top = (size_t)at;
	if (v->top > ui_view_max_top(v))
		v->top = ui_view_max_top(v);
	if (v->nitems > 0 && v->lines[at].item != UI_VIEW_NO_ITEM)
		v->sel = v->lines[at].item;
	ui_message(ui, "\"%s\": n next, N previous", v->query.data);
}

static void
ui_view_search_key(struct ui *ui, struct ui_view *v, const struct ui_key *k)
{
	char enc[8];

	if (k->action == UI_ENTER) {
		v->searching = 0;
		ui_view_search_go(ui, v, 1, 1);
		return;
	}
	if (k->action == UI_BACKSPACE) {
		while (v->query.len > 0 &&
		    ((unsigned char)v->query.data[--v->query.len] & 0xc0) ==
		    0x80)
			;
		v->query.data[v->query.len] = '\0';
	} else if (k->code == 0 && k->ch == 27) {
		v->searching = 0;
		return;
	} else if (k->code == 0 && k->ch >= 32 && k->ch != 127 &&
	    v->query.len < 60)
		buf_add(&v->query, enc, text_encode((uint32_t)k->ch, enc));
	ui_message(ui, "Search: %s_", v->query.data);
}

/* ---- keys -------------------------------------------------------------- */

/* A digit in a numbered list: "1" "2" chooses item 12 when there is one. */
static void
ui_view_digit(struct ui *ui, struct ui_view *v, int d)
{
	int n = v->typed * 10 + d;

	if (n < 1 || (size_t)n > v->nitems)
		n = d;
	if (n < 1 || (size_t)n > v->nitems) {
		v->typed = 0;
		return;
	}
	v->typed = n;
	v->sel = (size_t)n - 1;
	ui_message(ui, "%d: Enter opens it.", n);
}

static enum ui_view_result
ui_view_char(struct ui *ui, struct ui_view *v, wint_t ch, long page)
{
	int list = v->nitems > 0;

	if (ch >= '0' && ch <= '9' && list) {
		ui_view_digit(ui, v, (int)(ch - '0'));
		return UI_VIEW_MOVED;
	}
	v->typed = 0;
	switch (ch) {
	case ' ':
		list ? ui_view_page(v, 1) : ui_view_scroll(v, page);
		return UI_VIEW_MOVED;
	case 'b':
		list ? ui_view_page(v, -1) : ui_view_scroll(v, -page);
		return UI_VIEW_MOVED;
	case 'g':
		v->top = 0;
		v->sel = 0;
		return UI_VIEW_MOVED;
	case 'G':
		v->top = ui_view_max_top(v);
		v->sel = list ? v->nitems - 1 : 0;
		return UI_VIEW_MOVED;
	}
	if (!(v->flags & UI_VIEW_SEARCH))
		return UI_VIEW_IGNORED;
	switch (ch) {
	case '/':
		v->searching = 1;
		buf_reset(&v->query);
		buf_add(&v->query, "", 0);
		ui_message(ui, "Search: _");
		return UI_VIEW_MOVED;
	case 'n':
	case 'N':
		ui_view_search_go(ui, v, ch == 'n' ? 1 : -1, 0);
		return UI_VIEW_MOVED;
	}
	return UI_VIEW_IGNORED;
}

enum ui_view_result
ui_view_key(struct ui *ui, struct ui_view *v, const struct ui_key *k)
{
	long page = v->rows > 1 ? v->rows - 1 : 1;
	int list = v->nitems > 0;
	size_t at;

	if (v->searching) {
		ui_view_search_key(ui, v, k);
		return UI_VIEW_MOVED;
	}
	if (k->action != UI_CHAR)
		v->typed = 0;
	switch (k->action) {
	case UI_UP:
		list ? ui_view_move(v, -1) : ui_view_scroll(v, -1);
		break;
	case UI_DOWN:
		list ? ui_view_move(v, 1) : ui_view_scroll(v, 1);
		break;
	case UI_PAGE_UP:
		list ? ui_view_page(v, -1) : ui_view_scroll(v, -page);
		break;
	case UI_PAGE_DOWN:
		list ? ui_view_page(v, 1) : ui_view_scroll(v, page);
		break;
	case UI_HOME:
		v->top = 0;
		v->sel = 0;
		break;
	case UI_END:
		v->top = ui_view_max_top(v);
		v->sel = list ? v->nitems - 1 : 0;
		break;
	case UI_WHEEL_UP:
	case UI_WHEEL_DOWN:
		ui_view_scroll(v, k->action == UI_WHEEL_UP ? -UI_VIEW_WHEEL :
		    UI_VIEW_WHEEL);
		/* A list keeps its selection on screen. */
		if (list) {
			at = ui_view_item_at(v, k->action == UI_WHEEL_UP ?
			    v->row0 : v->row0 + v->rows - 1);
			if (at != UI_VIEW_NO_ITEM)
				v->sel = at;
		}
		break;
	case UI_CLICK:
		at = ui_view_item_at(v, k->y);
		if (at == UI_VIEW_NO_ITEM)
			return UI_VIEW_IGNORED;
		v->sel = at;
		return UI_VIEW_CHOSEN;
	case UI_CHAR:
		return ui_view_char(ui, v, k->ch, page);
	default:
		return UI_VIEW_IGNORED;
	}
	ui_dirty(ui);
	return UI_VIEW_MOVED;
}

/* ---- drawing ----------------------------------------------------------- */

void
ui_draw_scrollbar(struct ui *ui, int row, int col, int rows, size_t top,
    size_t total)
{
	int utf8 = ui_utf8(ui), i, thumb, size;
	const char *up = utf8 ? "\xe2\x96\xb2" : "^";
	const char *down = utf8 ? "\xe2\x96\xbc" : "v";
	const char *bar = utf8 ? "\xe2\x94\x82" : "|";
	const char *fill = utf8 ? "\xe2\x96\x88" : "#";

	int lo, hi, at_end;

	if (rows < 1 || total <= (size_t)rows)
		return;
	/*
	 * The thumb moves between the arrows (rows lo to hi - 1), sits at
	 * the top at the start and at the bottom at the end, so the bar
	 * and the arrows never disagree.
	 */
	at_end = top + (size_t)rows >= total;
	lo = top > 0 ? 1 : 0;
	hi = at_end ? rows : rows - 1;
	size = (int)((size_t)rows * (size_t)(hi - lo) / total);
	if (size < 1)
		size = 1;
	if (at_end)
		thumb = hi - size;
	else if (top == 0)
		thumb = 0;
	else {
		thumb = lo + (int)(top * (size_t)(hi - lo) / total);
		if (thumb + size > hi)
			thumb = hi - size;
		if (thumb < lo)
			thumb = lo;
	}
	for (i = 0; i < rows; i++)
		ui_put(ui, row + i, col, 1, UI_ROLE_DIM,
		    hi > lo && i >= thumb && i < thumb + size ? fill : bar);
	if (top > 0)
		ui_put(ui, row, col, 1, UI_ROLE_EMPHASIS, up);
	if (top + (size_t)rows < total)
		ui_put(ui, row + rows - 1, col, 1, UI_ROLE_EMPHASIS, down);
}

/* Draws one line, with the search query's matches marked. */
static void
ui_view_draw_line(struct ui *ui, struct ui_view *v, size_t line, int row,
    int col)
{
	const struct ui_view_line *l = &v->lines[line];
	enum ui_role role = l->role;
	const char *p = l->text, *m;
	char *piece;
	int x = col + l->indent;
	size_t i;

	if (l->spans != NULL) {
		/* Styled pieces (a chart row): each cut at the edge. */
		for (i = 0; i < l->nspans && x < col + v->width; i++) {
			piece = xstrndup(p, l->spans[i].len);
			x += ui_put(ui, row, x, col + v->width - x,
			    l->spans[i].role, piece);
			free(piece);
			p += l->spans[i].len;
		}
		return;
	}
	if (v->nitems > 0 && l->item == v->sel && l->item != UI_VIEW_NO_ITEM) {
		role = UI_ROLE_SELECTED;
		/* The whole row shows the selection, even past the text. */
		attrset((attr_t)ui_role_attr(ui, role));
		mvhline(row, col, ' ', v->width);
		attrset(A_NORMAL);
	}
	while (v->query.len > 0 && !v->searching &&
	    (m = strcasestr(p, v->query.data)) != NULL) {
		piece = xstrndup(p, (size_t)(m - p));
		x += ui_put(ui, row, x, col + v->width - x, role, piece);
		free(piece);
		piece = xstrndup(m, v->query.len);
		x += ui_put(ui, row, x, col + v->width - x, UI_ROLE_MATCH,
		    piece);
		free(piece);
		p = m + v->query.len;
	}
	ui_put(ui, row, x, col + v->width - x, role, p);
}

void
ui_view_draw(struct ui *ui, struct ui_view *v, int row, int col, int rows)
{
	size_t i;

	v->rows = rows > 1 ? rows : 1;
	v->row0 = row;
	if (rows < 1)
		return;
	ui_view_follow(v);
	if (v->top > ui_view_max_top(v))
		v->top = ui_view_max_top(v);
	for (i = v->top; i < v->n && i < v->top + (size_t)rows; i++)
		ui_view_draw_line(ui, v, i, row + (int)(i - v->top), col);
	ui_draw_scrollbar(ui, row, col + v->width + 1, rows, v->top, v->n);
}
