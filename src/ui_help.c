/*
 * ui_help.c: the '?' overlay: the keys of the screen under it, from that
 * screen's help table, side by side when wide and one under the other
 * when narrow, scrolled and searched when longer than the terminal.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui.h"
#include "ui_view.h"
#include "util.h"

struct ui_help_state {
	const struct ui_screen *screen;
	struct ui_view *view;
	int scrolls;            /* longer than the screen at the last draw */
};

static void *
ui_help_enter(struct ui *ui, void *arg)
{
	struct ui_help_state *h = xcalloc(1, sizeof *h);

	(void)ui;
	h->screen = arg;
	h->view = ui_view_new(UI_VIEW_SEARCH);
	return h;
}

static void
ui_help_leave(struct ui *ui, void *state)
{
	struct ui_help_state *h = state;

	(void)ui;
	ui_view_free(h->view);
	free(h);
}

/* Keys scroll the help when it is longer than the screen; q, Esc, Enter
 * and any other key close it. */
static void
ui_help_key(struct ui *ui, void *state, const struct ui_key *k)
{
	struct ui_help_state *h = state;

	if (h->scrolls && k->action != UI_BACK && k->action != UI_ENTER &&
	    k->action != UI_HELP && ui_view_key(ui, h->view, k) !=
	    UI_VIEW_IGNORED)
		return;
	ui_pop(ui);
}

static void
ui_help_draw(struct ui *ui, void *state, int rows, int cols)
{
	struct ui_help_state *h = state;
	const struct ui_help *e;
	char title[128];
	int keyw = cols >= 60 ? 20 : 0;

	snprintf(title, sizeof title, "Keys: %s", h->screen->name);
	ui_draw_title(ui, cols, title);
	ui_view_begin(h->view, cols - 4);
	for (e = h->screen->help; e->keys != NULL; e++) {
		if (keyw > 0 && (int)text_width(e->keys, strlen(e->keys)) <
		    keyw) {
			/* Wide enough: keys and meaning side by side. */
			ui_view_addf(h->view, UI_ROLE_NORMAL, 0, "%-*s%s",
			    keyw + (int)(strlen(e->keys) - text_width(e->keys,
			    strlen(e->keys))), e->keys, e->what);
		} else {
			ui_view_add(h->view, UI_ROLE_EMPHASIS, 0, e->keys);
			ui_view_add(h->view, UI_ROLE_NORMAL, 4, e->what);
		}
	}
	ui_view_add(h->view, UI_ROLE_NORMAL, 0, "");
	ui_view_add(h->view, UI_ROLE_DIM, 0, "Everywhere: Ctrl-L draws the "
	    "screen again; the mouse wheel scrolls and a click chooses.");
	ui_view_draw(ui, h->view, 2, 2, rows - 4);
	h->scrolls = ui_view_lines(h->view) > (size_t)(rows - 4);
	ui_draw_status(ui, rows - 1, cols, h->scrolls ?
	    "Up/Down scroll  / search  q close" : "Press any key to go back");
}

static const struct ui_help ui_help_help[] = {
	{ "Up, Down, PgUp, PgDn", "scroll" },
	{ "any other key", "close this help" },
	{ NULL, NULL }
};

const struct ui_screen ui_help_screen = {
	.name = "help",
	.enter = ui_help_enter,
	.key = ui_help_key,
	.draw = ui_help_draw,
	.leave = ui_help_leave,
	.help = ui_help_help,
};
