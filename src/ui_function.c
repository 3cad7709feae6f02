/*
 * ui_function.c: the weekly function rating (the PSFS of movement.md
 * section 6) on the screen: the activities, a 0-10 rating each, adding
 * and retiring activities, and the trend after saving.  psfs.c decides;
 * the store keeps; this file asks and shows.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curses.h>

#include "app.h"
#include "clock.h"
#include "day.h"
#include "psfs.h"
#include "store.h"
#include "store_movement.h"
#include "text.h"
#include "ui.h"
#include "ui_view.h"
#include "util.h"

enum fn_mode { FN_LIST, FN_ADDING, FN_SAVED, FN_NOT_DUE, FN_BROKEN };

struct fn_row {
	char *text;
	int score;              /* -1: not rated this time */
	int retire;
	int is_new;
};

struct fn {
	enum fn_mode mode;
	struct psfs_history h;
	struct fn_row *rows;
	size_t n, sel;
	char entry[PSFS_MAX_TEXT + 1];
	char error[512];
	struct ui_view *view;   /* the question, the list and the trend */
};

static void
fn_add_row(struct fn *f, const char *text, int is_new)
{
	f->rows = xgrow(f->rows, f->n, sizeof *f->rows);
	f->rows[f->n++] = (struct fn_row){ xstrdup(text), -1, 0, is_new };
}

static void
fn_load(struct ui *ui, struct fn *f)
{
	struct store *st = ui_app(ui)->store;
	size_t i;

	if (st == NULL || store_psfs_load(st, &f->h) != 0) {
		snprintf(f->error, sizeof f->error, "%s", st != NULL ?
		    store_error(st) : "The progress file could not be opened.");
		f->mode = FN_BROKEN;
		return;
	}
	f->mode = psfs_due(&f->h, clock_wall_s()) ? FN_LIST : FN_NOT_DUE;
	for (i = 0; i < f->h.n_acts; i++) {
		if (f->h.acts[i].retired_at != 0)
			continue;
		fn_add_row(f, f->h.acts[i].text, 0);
		/* Not due: show the latest ratings, to look at. */
		if (f->mode == FN_NOT_DUE)
			f->rows[f->n - 1].score = psfs_set_score(
			    &f->h.sets[f->h.n_sets - 1], f->h.acts[i].id);
	}
}

static void *
fn_enter(struct ui *ui, void *arg)
{
	struct fn *f = xcalloc(1, sizeof *f);

	(void)arg;
	f->view = ui_view_new(0);
	fn_load(ui, f);
	return f;
}

static void
fn_free_rows(struct fn *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		free(f->rows[i].text);
	free(f->rows);
	f->rows = NULL;
	f->n = f->sel = 0;
}

static void
fn_leave(struct ui *ui, void *state)
{
	struct fn *f = state;

	(void)ui;
	fn_free_rows(f);
	psfs_history_free(&f->h);
	ui_view_free(f->view);
	free(f);
}

/* Stores the ratings given; shows the trend, or says why not. */
static void
fn_save(struct ui *ui, struct fn *f)
{
	struct store *st = ui_app(ui)->store;
	struct psfs_answers a = { NULL, 0 };
	size_t i, rated = 0;

	for (i = 0; i < f->n; i++) {
		if (f->rows[i].score < 0 && !f->rows[i].retire)
			continue;
		rated += f->rows[i].score >= 0 && !f->rows[i].retire;
		a.a = xgrow(a.a, a.n, sizeof *a.a);
		a.a[a.n++] = (struct psfs_answer){ xstrdup(f->rows[i].text),
		    f->rows[i].retire ? -1 : f->rows[i].score,
		    f->rows[i].retire, 0 };
	}
	if (rated == 0) {
		ui_message(ui, "Rate at least one activity (0-9, or Right for "
		    "10) before saving.");
		psfs_answers_free(&a);
		return;
	}
	if (store_psfs_record(st, &a, clock_wall_s()) != 0)
		ui_message(ui, "Not saved: %s", store_error(st));
	else {
		psfs_history_free(&f->h);
		fn_free_rows(f);
		fn_load(ui, f);
		f->mode = FN_SAVED;
	}
	psfs_answers_free(&a);
}

static size_t
fn_active(const struct fn *f)
{
	size_t i, n = 0;

	for (i = 0; i < f->n; i++)
		n += !f->rows[i].retire;
	return n;
}

static void
fn_key_adding(struct ui *ui, struct fn *f, const struct ui_key *k)
{
	size_t n = strlen(f->entry), len;
	char buf[8], *t;
	const char *why;
	size_t i;

	/* Esc cancels; q is a letter here ("Squat"). */
	if (k->action == UI_BACK && k->ch != 'q' && k->ch != 'Q') {
		f->mode = FN_LIST;
	} else if (k->action == UI_ENTER) {
		t = util_trim(f->entry);
		why = psfs_text_problem(t);
		for (i = 0; why == NULL && i < f->n; i++)
			if (strcasecmp(f->rows[i].text, t) == 0)
				why = "that one is on the list already";
		if (why == NULL && psfs_find(&f->h, t) != NULL)
			why = "that one was retired; put it in other words";
		if (why != NULL) {
			ui_message(ui, "Not added: %s.", why);
			return;
		}
		fn_add_row(f, t, 1);
		f->sel = f->n - 1;
		f->mode = FN_LIST;
	} else if (k->action == UI_BACKSPACE) {
		while (n > 0 && ((unsigned char)f->entry[n - 1] & 0xc0) == 0x80)
			n--;
		if (n > 0)
			f->entry[n - 1] = '\0';
	} else if (k->code == 0 && k->ch >= ' ' && k->ch != 127) {
		len = text_encode((uint32_t)k->ch, buf);
		if (n + len < sizeof f->entry) {
			memcpy(f->entry + n, buf, len);
			f->entry[n + len] = '\0';
		}
	}
}

static void
fn_key_list(struct ui *ui, struct fn *f, const struct ui_key *k)
{
	struct fn_row *r = f->n > 0 ? &f->rows[f->sel] : NULL;

	if (k->action == UI_BACK)
		ui_pop(ui);
	else if (k->action == UI_UP && f->sel > 0)
		f->sel--;
	else if (k->action == UI_DOWN && f->sel + 1 < f->n)
		f->sel++;
	else if (k->action == UI_RIGHT && r != NULL && r->score < 10)
		r->score++;
	else if (k->action == UI_LEFT && r != NULL && r->score > -1)
		r->score--;
	else if (k->action == UI_ENTER)
		fn_save(ui, f);
	else if (k->action == UI_CHAR && k->ch >= '0' && k->ch <= '9' &&
	    r != NULL)
		r->score = (int)(k->ch - '0');
	else if (k->action == UI_CHAR && k->ch == 'a') {
		if (fn_active(f) >= PSFS_MAX_ACTIVE)
			ui_message(ui, "Five activities at most: retire one "
			    "first (x).");
		else {
			f->entry[0] = '\0';
			f->mode = FN_ADDING;
		}
	} else if (k->action == UI_CHAR && k->ch == 'x' && r != NULL) {
		if (r->is_new)
			ui_message(ui, "Only activities rated before can be "
			    "retired.");
		else
			r->retire = !r->retire;
	}
}

static void
fn_key(struct ui *ui, void *state, const struct ui_key *k)
{
	struct fn *f = state;

	ui_dirty(ui);
	if (f->mode != FN_ADDING && (k->action == UI_PAGE_UP ||
	    k->action == UI_PAGE_DOWN || k->action == UI_HOME ||
	    k->action == UI_END)) {
		ui_view_key(ui, f->view, k);
		return;
	}
	if (f->mode == FN_ADDING)
		fn_key_adding(ui, f, k);
	else if (f->mode == FN_LIST)
		fn_key_list(ui, f, k);
	else if (k->action == UI_BACK || k->action == UI_ENTER)
		ui_pop(ui);
}

/* The trend and when the next rating is due. */
static void
fn_add_trend(struct fn *f, struct ui_view *v)
{
	struct psfs_trend t;
	char day[11];

	psfs_trend(&f->h, &t);
	if (t.have) {
		ui_view_addf(v, t.label == PSFS_MEANINGFUL ? UI_ROLE_GOOD :
		    t.label == PSFS_WORSE ? UI_ROLE_WARNING : UI_ROLE_NORMAL, 0,
		    "Your mean: %.1f at first, %.1f now (%+.1f): %s.",
		    t.baseline, t.latest, t.change, psfs_label_text(t.label));
		ui_view_add(v, UI_ROLE_DIM, 0, psfs_footnote);
	}
	if (f->h.n_sets > 0 && !psfs_due(&f->h, clock_wall_s())) {
		day_format(day_of_time(f->h.sets[f->h.n_sets - 1].at +
		    PSFS_DUE_S), day);
		ui_view_add(v, UI_ROLE_NORMAL, 0, "");
		ui_view_addf(v, UI_ROLE_NORMAL, 0, "Next rating due on %s.", day);
	}
}

/* The activities as a list whose selection stays on screen. */
static void
fn_add_rows(struct fn *f, struct ui_view *v)
{
	char score[16];
	size_t i;

	for (i = 0; i < f->n; i++) {
		if (f->rows[i].retire)
			snprintf(score, sizeof score, "retire");
		else if (f->rows[i].score >= 0)
			snprintf(score, sizeof score, "%d", f->rows[i].score);
		else
			snprintf(score, sizeof score, "-");
		ui_view_item(v);
		ui_view_addf(v, UI_ROLE_NORMAL, 0, "%6s  %s%s", score,
		    f->rows[i].text, f->rows[i].is_new ? " (new)" : "");
	}
	ui_view_end_items(v);
	if (f->n > 0 && f->mode == FN_LIST)
		ui_view_select(v, f->sel);
	if (f->n == 0)
		ui_view_add(v, UI_ROLE_DIM, 0, "No activities yet: press a to "
		    "add one.");
}

/*
 * Everything through the one text view, so that at 40x12 the question,
 * every activity and the trend can be reached (PgUp, PgDn).
 */
static void
fn_draw(struct ui *ui, void *state, int rows, int cols)
{
	struct fn *f = state;
	struct ui_view *v = f->view;
	int bottom = f->mode == FN_ADDING ? 2 : 0;

	ui_draw_title(ui, cols, "Everyday activities");
	ui_view_begin(v, cols - 5);
	if (f->mode == FN_BROKEN)
		ui_view_add(v, UI_ROLE_WARNING, 0, f->error);
	else if (f->mode == FN_SAVED)
		ui_view_add(v, UI_ROLE_GOOD, 0, "Saved. Your therapist sees "
		    "these in your report.");
	else
		ui_view_add(v, UI_ROLE_NORMAL, 0, psfs_question);
	ui_view_add(v, UI_ROLE_NORMAL, 0, "");
	if (f->mode != FN_SAVED && f->mode != FN_BROKEN)
		fn_add_rows(f, v);
	if (f->mode != FN_LIST && f->mode != FN_BROKEN &&
	    f->mode != FN_ADDING) {
		ui_view_add(v, UI_ROLE_NORMAL, 0, "");
		fn_add_trend(f, v);
	}
	ui_view_draw(ui, v, 2, 2, rows - 3 - bottom);
	if (f->mode == FN_ADDING) {
		char *line = xasprintf("New activity: %s_", f->entry);
		/* The end of what is typed stays in sight. */
		size_t w = text_width(line, strlen(line)), skip = 0;
		while (w > (size_t)(cols - 4) && line[skip] != '\0') {
			skip++;
			while (((unsigned char)line[skip] & 0xc0) == 0x80)
				skip++;
			w = text_width(line + skip, strlen(line + skip));
		}
		ui_put(ui, rows - 3, 2, cols - 4, UI_ROLE_SELECTED, line + skip);
		free(line);
		ui_draw_status(ui, rows - 1, cols, "Type it, Enter to add, Esc "
		    "to cancel");
		return;
	}
	ui_draw_status(ui, rows - 1, cols, f->mode == FN_BROKEN ? "q back" :
	    f->mode == FN_LIST ? "0-9 or Left/Right rate  a add  x retire  "
	    "Enter save  PgDn more  q back" : "q back");
}

static const struct ui_help fn_help[] = {
	{ "Up, Down", "choose an activity" },
	{ "0-9, Left, Right", "rate it (Right goes up to 10)" },
	{ "a", "add an activity (five at most)" },
	{ "x", "retire an activity (kept in your records)" },
	{ "Enter", "save the ratings (once a week)" },
	{ "q, Esc", "back, saving nothing" },
	{ NULL, NULL }
};

const struct ui_screen ui_function_screen = {
	.name = "Everyday activities",
	.enter = fn_enter,
	.key = fn_key,
	.draw = fn_draw,
	.leave = fn_leave,
	.help = fn_help,
};
