/*
 * ui_view.h: the one way screens lay out long text and lists.
 *
 * A view holds lines already wrapped by text.c at the width the screen
 * gives it, and shows as many as fit: what does not fit scrolls (Up/Down,
 * j/k, PgUp/PgDn, Space and b, g/G, Home/End, the mouse wheel), and a bar
 * in the column right of the text marks that there is more and where the
 * view is (an arrow at either end while there is more that way).  So no
 * screen can cut a word silently.
 *
 * A list is a view whose lines are grouped into items (a long label wraps
 * onto more lines); then the keys move the selection, digits choose an
 * item by its number, a click chooses one, and the selection always stays
 * on screen.  Views made with UI_VIEW_SEARCH also search (/ n N).
 *
 * Screens rebuild the lines at each draw (ui_view_begin, then ui_view_add
 * and friends); the place and the selection stay across rebuilds.
 */
#ifndef BACKCARE_UI_VIEW_H
#define BACKCARE_UI_VIEW_H

#include <stddef.h>

#include "ui.h"

struct layout;
struct ui_view;

#define UI_VIEW_SEARCH 0x01     /* '/', 'n' and 'N' search the text */

/* What ui_view_key() did with a key. */
enum ui_view_result {
	UI_VIEW_IGNORED,        /* not a view key: the screen's to handle */
	UI_VIEW_MOVED,          /* scrolled, moved the selection, searched */
	UI_VIEW_CHOSEN          /* a list item was clicked: open it */
};

/* A new empty view (free with ui_view_free()); never NULL. */
struct ui_view *ui_view_new(int flags);
void ui_view_free(struct ui_view *v);

/* Drops the lines, to add them again at width columns (the place and the
 * selection are kept). */
void ui_view_begin(struct ui_view *v, int width);

/* Adds text word-wrapped at the view's width, every line indented by
 * indent columns; '\n' starts a new line, "" adds a blank line. */
void ui_view_add(struct ui_view *v, enum ui_role role, int indent,
    const char *text);
/* The same, with the lines after the first indented hang more (a list
 * label wrapping under itself). */
void ui_view_add_hanging(struct ui_view *v, enum ui_role role, int indent,
    int hang, const char *text);
/* The same with printf-style arguments. */
void ui_view_addf(struct ui_view *v, enum ui_role role, int indent,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Adds one line of n styled pieces, not wrapped (a chart row, a
 * calendar row); what passes the width is cut with an ellipsis. */
void ui_view_add_spans(struct ui_view *v, size_t n, const enum ui_role *roles,
    const char *const *texts);
/* Adds the lines of a laid-out CommonMark text (already at the width). */
void ui_view_add_layout(struct ui_view *v, const struct layout *l);
/* Lays out CommonMark text at the view's width and adds it. */
void ui_view_add_markdown(struct ui_view *v, const char *md);

/* Starts the next list item (numbered from 0 after ui_view_begin()):
 * what is added next belongs to it, until the next ui_view_item() or
 * ui_view_end_items(). */
void ui_view_item(struct ui_view *v);
void ui_view_end_items(struct ui_view *v);
size_t ui_view_lines(const struct ui_view *v);

/* The selected item (0 when there are none); selecting keeps it shown. */
size_t ui_view_selected(const struct ui_view *v);
void ui_view_select(struct ui_view *v, size_t item);
/* Scrolls to the top. */
void ui_view_home(struct ui_view *v);
/* Scrolls so that line (a count from ui_view_lines() while adding) is at
 * the top, or as near as the end allows. */
void ui_view_scroll_to(struct ui_view *v, size_t line);

/* Handles the view's keys; see enum ui_view_result. */
enum ui_view_result ui_view_key(struct ui *ui, struct ui_view *v,
    const struct ui_key *k);

/*
 * Draws the lines that fit in rows rows from (row, col): the text in the
 * view's width, the scroll bar one column after it (when the lines do not
 * all fit), so a view needs width + 2 columns.  Keeps the selected item
 * on screen.
 */
void ui_view_draw(struct ui *ui, struct ui_view *v, int row, int col,
    int rows);

/* 1 when the last line was on screen at the last draw. */
int ui_view_at_end(const struct ui_view *v);
/* 1 when the view is typing a search (the screen leaves its keys alone). */
int ui_view_searching(const struct ui_view *v);

/*
 * The scroll bar for total lines seen from top, rows high, at (row, col):
 * an up arrow while there is more above, a down arrow while there is more
 * below, and a thumb where the view is.  Nothing when all fits.  For
 * screens that scroll lines of their own (the lesson pager).
 */
void ui_draw_scrollbar(struct ui *ui, int row, int col, int rows,
    size_t top, size_t total);

#endif
