/*
 * ui_outlook.c: the yellow-flag items of movement.md section 7 on the
 * screen: one question at a time on a 0-10 slider with its end labels,
 * any of them skippable; then the lessons they suggest.  outlook.c
 * decides; this file asks and shows.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "app.h"
#include "clock.h"
#include "outlook.h"
#include "store.h"
#include "store_movement.h"
#include "ui.h"
#include "ui_view.h"
#include "util.h"

struct ol {
	struct outlook_set s;
	int item;               /* the question shown; OUTLOOK_N when done */
	int value;              /* the slider, -1 until moved */
	int saved;
	char *high, *some, *mood;
	char error[512];
	struct ui_view *view;   /* the question and scale, or the result */
	int view_for;           /* the item the view shows */
};

static void *
ol_enter(struct ui *ui, void *arg)
{
	struct ol *o = xcalloc(1, sizeof *o);
	int i;

	(void)ui;
	(void)arg;
	for (i = 0; i < OUTLOOK_N; i++)
		o->s.v[i] = -1;
	o->value = -1;
	o->view = ui_view_new(0);
	o->view_for = -1;
	return o;
}

static void
ol_leave(struct ui *ui, void *state)
{
	struct ol *o = state;

	(void)ui;
	free(o->high);
	free(o->some);
	free(o->mood);
	ui_view_free(o->view);
	free(o);
}

static void
ol_finish(struct ui *ui, struct ol *o)
{
	struct store *st = ui_app(ui)->store;

	o->s.at = clock_wall_s();
	if (st == NULL || store_outlook_record(st, &o->s) < 0)
		snprintf(o->error, sizeof o->error, "Not saved: %s", st != NULL ?
		    store_error(st) : "the progress file could not be opened");
	else
		o->saved = 1;
	outlook_suggest(&o->s, &o->high, &o->some);
	o->mood = outlook_mood_advice(&o->s, ui_app(ui)->emergency_number);
}

/* The next question (value kept, or skipped with -1). */
static void
ol_next(struct ui *ui, struct ol *o, int value)
{
	o->s.v[o->item] = value;
	o->item++;
	o->value = o->item < OUTLOOK_N ? o->s.v[o->item] : -1;
	if (o->item == OUTLOOK_N)
		ol_finish(ui, o);
}

static void
ol_key(struct ui *ui, void *state, const struct ui_key *k)
{
	struct ol *o = state;

	ui_dirty(ui);
	/* Paging reads on; the other keys answer. */
	if (k->action == UI_PAGE_UP || k->action == UI_PAGE_DOWN ||
	    k->action == UI_HOME || k->action == UI_END ||
	    (o->item == OUTLOOK_N && (k->action == UI_UP ||
	    k->action == UI_DOWN))) {
		ui_view_key(ui, o->view, k);
		return;
	}
	if (o->item == OUTLOOK_N || k->action == UI_BACK) {
		if (k->action == UI_BACK || k->action == UI_ENTER)
			ui_pop(ui);
		return;
	}
	if (k->action == UI_RIGHT)
		o->value = o->value < 10 ? o->value + 1 : 10;
	else if (k->action == UI_LEFT)
		o->value = o->value > 0 ? o->value - 1 : 0;
	else if (k->action == UI_CHAR && k->ch >= '0' && k->ch <= '9')
		o->value = (int)(k->ch - '0');
	else if (k->action == UI_CHAR && k->ch == 's')
		ol_next(ui, o, -1);
	else if (k->action == UI_ENTER) {
		if (o->value < 0)
			ui_message(ui, "Choose a number first (0-9, or Left and "
			    "Right), or press s to skip.");
		else
			ol_next(ui, o, o->value);
	} else if (k->action == UI_UP && o->item > 0) {
		o->item--;
		o->value = o->s.v[o->item];
	}
}

/* "0 . . [#] . . 10", or at narrow widths the number alone. */
static void
ol_add_slider(struct ol *o, struct ui_view *v, int width)
{
	const struct outlook_item *it = &outlook_items[o->item];
	char line[128];
	int i, n = 0;

	if (width >= 42) {
		n += snprintf(line + n, sizeof line - (size_t)n, "0 ");
		for (i = 0; i <= 10; i++)
			n += snprintf(line + n, sizeof line - (size_t)n, "%s",
			    i == o->value ? "[#]" : " . ");
		snprintf(line + n, sizeof line - (size_t)n, " 10");
		ui_view_add(v, UI_ROLE_SELECTED, 2, line);
	}
	ui_view_addf(v, UI_ROLE_DIM, 2, "0 = %s;  10 = %s", it->low, it->high);
}

static void
ol_draw_done(struct ui *ui, struct ol *o, int rows, int cols)
{
	struct ui_view *v = o->view;

	ui_view_begin(v, cols - 5);
	ui_view_add(v, o->saved ? UI_ROLE_GOOD : UI_ROLE_WARNING, 0, o->saved ?
	    "Thank you. Your answers are saved for your therapist's report." :
	    o->error);
	ui_view_add(v, UI_ROLE_NORMAL, 0, "");
	if (o->high != NULL) {
		ui_view_addf(v, UI_ROLE_NORMAL, 0, "Lessons that may help you: "
		    "%s (Lessons, on the home screen).", o->high);
		ui_view_add(v, UI_ROLE_NORMAL, 0, "");
	}
	if (o->some != NULL) {
		ui_view_addf(v, UI_ROLE_NORMAL, 0, "These might help too: %s.",
		    o->some);
		ui_view_add(v, UI_ROLE_NORMAL, 0, "");
	}
	if (o->mood != NULL)
		ui_view_add(v, UI_ROLE_WARNING, 0, o->mood);
	ui_view_draw(ui, v, 2, 2, rows - 3);
	ui_draw_status(ui, rows - 1, cols, "Enter to go back");
}

/*
 * The question through the one text view, so that at 40x12 every word
 * of it, the scale and its end labels can be reached (PgUp, PgDn).
 */
static void
ol_draw(struct ui *ui, void *state, int rows, int cols)
{
	struct ol *o = state;
	struct ui_view *v = o->view;

	ui_draw_title(ui, cols, "How your back affects you");
	if (o->item == OUTLOOK_N) {
		ol_draw_done(ui, o, rows, cols);
		return;
	}
	if (o->view_for != o->item) {
		ui_view_home(v);
		o->view_for = o->item;
	}
	ui_view_begin(v, cols - 5);
	if (o->item == 0) {
		ui_view_add(v, UI_ROLE_DIM, 0, outlook_intro);
		ui_view_add(v, UI_ROLE_NORMAL, 0, "");
	}
	ui_view_addf(v, UI_ROLE_HEADING, 0, "Question %d of %d", o->item + 1,
	    OUTLOOK_N);
	ui_view_add(v, UI_ROLE_NORMAL, 0, outlook_items[o->item].question);
	ui_view_add(v, UI_ROLE_NORMAL, 0, "");
	ol_add_slider(o, v, cols - 5);
	ui_view_draw(ui, v, 2, 2, rows - 4);
	/* The answer stays in sight while the question scrolls. */
	if (o->value >= 0) {
		char *line = xasprintf("Your answer: %d (0 to 10)", o->value);
		ui_put(ui, rows - 2, 2, cols - 4, UI_ROLE_EMPHASIS, line);
		free(line);
	} else
		ui_put(ui, rows - 2, 2, cols - 4, UI_ROLE_DIM, "Your answer: "
		    "0-9, or Left/Right up to 10");
	ui_draw_status(ui, rows - 1, cols, "0-9 or Left/Right choose  Enter "
	    "next  s skip  Up back  PgDn more  q leave");
}

static const struct ui_help ol_help[] = {
	{ "0-9, Left, Right", "choose a number (Right goes up to 10)" },
	{ "Enter", "next question" },
	{ "s", "skip this question" },
	{ "Up", "the question before" },
	{ "PgUp, PgDn", "read the question and its scale" },
	{ "q, Esc", "leave, saving nothing" },
	{ NULL, NULL }
};

const struct ui_screen ui_outlook_screen = {
	.name = "How your back affects you",
	.enter = ol_enter,
	.key = ol_key,
	.draw = ol_draw,
	.leave = ol_leave,
	.help = ol_help,
};
