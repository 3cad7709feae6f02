/*
 * ui_home.c: the home screen (the menu of the four parts) and the
 * first-run welcome.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "advice.h"
#include "app.h"
#include "checkflow.h"
#include "clock.h"
#include "day.h"
#include "diag.h"
#include "lesson.h"
#include "movement_due.h"
#include "plan.h"
#include "report.h"
#include "session.h"
#include "store.h"
#include "screener.h"
#include "ui.h"
#include "ui_view.h"
#include "util.h"

struct home_entry {
	const char *label;
	const char *about;
	const struct ui_screen *screen;   /* NULL: quit */
};

static const struct home_entry home_entries[] = {
	{ "Lessons", "Learn how your back is built, why it hurts, and what "
	    "massage can and cannot do.", &ui_lessons_screen },
	{ "Safety check", "Answer questions about warning signs before you "
	    "massage. Routines open once the check says it is safe.",
	    &ui_check_screen },
	{ "Routines", "Timed self-massage sessions that talk you through "
	    "every step.", &ui_routines_screen },
	{ "Progress", "Sessions, pain ratings, lessons read and your "
	    "homework plan.", &ui_progress_screen },
	{ "Quit", "Leave backcare. Everything is already saved.", NULL },
};

struct home {
	struct ui_view *view;     /* the menu */
	struct ui_view *text;     /* what the entry is, homework, verdict */
	enum verdict shown;       /* the verdict at the last draw */
	struct routine_entry *routines;   /* for titles; loaded when needed */
	size_t n_routines;
	int routines_loaded;
	struct lesson_cache *lessons;     /* for titles; made when needed */
};

static const char *
home_routine_title(struct ui *ui, struct home *h, const char *id)
{
	struct diag d = DIAG_INIT;
	size_t i;

	if (!h->routines_loaded) {
		h->n_routines = session_list(ui_app(ui), &h->routines, &d);
		h->routines_loaded = 1;
		diag_free(&d);
	}
	for (i = 0; i < h->n_routines; i++)
		if (strcmp(h->routines[i].id, id) == 0)
			return h->routines[i].title;
	return id;
}

/*
 * Today's homework and what is left this week, from the plan in force, as
 * one sentence in b; empty when no plan is in force.  Read afresh at each
 * draw, so it is right after a routine or an import.
 */
static void
home_homework(struct ui *ui, struct home *h, struct buf *b)
{
	struct store *st = ui_app(ui)->store;
	struct report_data d;
	struct report_summary s;
	struct store_lesson sl;
	const struct lesson *l;
	int64_t now = clock_wall_s();
	int32_t today = day_of_time(now), monday = day_week_start(today);
	size_t i, left = 0;
	const char *sep = "";

	memset(&d, 0, sizeof d);
	memset(&s, 0, sizeof s);
	if (st == NULL && ui_app(ui)->store_error != NULL) {
		buf_printf(b, "Nothing can be saved now (%s). The lessons and "
		    "the safety check still work; routines stay locked.",
		    ui_app(ui)->store_error);
		return;
	}
	if (st == NULL || store_report_load(st, day_start_time(monday), now,
	    today, &d) != 0 || d.plan == NULL) {
		report_data_free(&d);
		return;
	}
	report_summarise(&d, monday, today, today, &s);
	buf_adds(b, "Homework: ");
	for (i = 0; i < s.n_homework; i++) {
		const struct report_homework *hw = &s.homework[i];
		int more = hw->target - hw->done;

		if (more <= 0)
			continue;
		buf_printf(b, "%s%s, %d more this week%s", sep,
		    home_routine_title(ui, h, hw->routine_id), more,
		    hw->done_today > 0 ? " (one done today)" : "");
		sep = "; ";
		left++;
	}
	for (i = 0; i < d.plan->n_lessons; i++) {
		if (store_lesson_get(st, d.plan->lessons[i].id, &sl) == 1 &&
		    sl.read_at != 0)
			continue;
		if (h->lessons == NULL)
			h->lessons = lesson_cache_new(app_content(ui_app(ui)));
		l = lesson_cache_get(h->lessons, d.plan->lessons[i].id);
		buf_printf(b, "%sread \"%s\"", sep, l != NULL &&
		    l->title != NULL ? l->title : d.plan->lessons[i].id);
		sep = "; ";
		left++;
	}
	if (left == 0)
		buf_adds(b, "all done for this week. Well done.");
	else
		buf_adds(b, ".");
	report_summary_free(&s);
	report_data_free(&d);
}

static void *
home_enter(struct ui *ui, void *arg)
{
	struct home *h = xcalloc(1, sizeof *h);
	struct store *st = ui_app(ui)->store;
	char *seen;

	(void)arg;
	h->view = ui_view_new(0);
	h->text = ui_view_new(UI_VIEW_SEARCH);
	if (st != NULL) {
		seen = store_meta_get(st, "welcome_shown");
		if (seen == NULL)
			ui_push(ui, &ui_welcome_screen, NULL);
		free(seen);
	}
	return h;
}

static void
home_open(struct ui *ui, struct home *h)
{
	const struct home_entry *e = &home_entries[ui_view_selected(h->view)];

	if (e->screen == NULL)
		ui_pop(ui);
	else
		ui_push(ui, e->screen, NULL);
}

/* The menu takes the moving keys; the text under it pages (PgUp, PgDn,
 * Space, b, the wheel) and searches. */
static void
home_key(struct ui *ui, void *state, const struct ui_key *k)
{
	struct home *h = state;
	int paging = k->action == UI_PAGE_UP || k->action == UI_PAGE_DOWN ||
	    k->action == UI_WHEEL_UP || k->action == UI_WHEEL_DOWN ||
	    ui_view_searching(h->text) || (k->action == UI_CHAR &&
	    (k->ch == ' ' || k->ch == 'b' || k->ch == '/' || k->ch == 'n' ||
	    k->ch == 'N'));

	ui_dirty(ui);
	if (paging) {
		ui_view_key(ui, h->text, k);
		return;
	}
	switch (ui_view_key(ui, h->view, k)) {
	case UI_VIEW_CHOSEN:
		home_open(ui, h);
		return;
	case UI_VIEW_MOVED:
		ui_view_home(h->text);
		return;
	default:
		break;
	}
	switch (k->action) {
	case UI_BACK:
	case UI_LEFT:
		ui_pop(ui);
		break;
	case UI_ENTER:
	case UI_RIGHT:
		home_open(ui, h);
		break;
	case UI_CHAR:
		/* The weekly function rating and the four-weekly questions
		 * (movement.md sections 6 and 7). */
		if (k->ch == 'f')
			ui_push(ui, &ui_function_screen, NULL);
		else if (k->ch == 'o')
			ui_push(ui, &ui_outlook_screen, NULL);
		break;
	default:
		break;
	}
}

/*
 * The latest safety check's verdict when it is not NONE, in its own
 * words, so a warning is never hidden behind the homework.  Empty when
 * there is no check or it found nothing.
 */
static enum verdict
home_verdict(struct ui *ui, enum gate_state *g, char **headline)
{
	struct gate_input in;
	enum verdict v = VERDICT_NONE;
	char *err = NULL;

	*g = GATE_NO_CHECK;
	*headline = NULL;
	if (checkflow_gate(ui_app(ui), &in, g, &err) != 0) {
		free(err);
		return VERDICT_NONE;
	}
	/* The check's own words: an ambulance for chest pain, say. */
	*headline = checkflow_verdict_headline(ui_app(ui), &in, &v);
	return *headline != NULL ? v : VERDICT_NONE;
}

static void
home_draw(struct ui *ui, void *state, int rows, int cols)
{
	struct home *h = state;
	struct ui_view *v = h->view, *t = h->text;
	enum gate_state gate;
	char *advice;
	enum verdict verdict = home_verdict(ui, &gate, &advice);
	size_t i;
	int used;
	struct buf hw = BUF_INIT;
	const char *due;

	ui_draw_title(ui, cols, "backcare: looking after your back");
	ui_view_begin(v, cols - 6);
	if (verdict != VERDICT_NONE)
		ui_view_addf(v, verdict == VERDICT_SOON ? UI_ROLE_WARNING :
		    UI_ROLE_DANGER, 0, "Your last safety check: %s",
		    verdict_name(verdict));
	else
		ui_view_add(v, UI_ROLE_DIM, 0,
		    "Self-care for back pain. Not a diagnosis.");
	for (i = 0; i < BC_ARRAY_LEN(home_entries); i++) {
		ui_view_item(v);
		ui_view_addf(v, UI_ROLE_NORMAL, 2, " %zu  %s", i + 1,
		    home_entries[i].label);
	}
	ui_view_end_items(v);
	used = (int)ui_view_lines(v);
	if (used > rows - 5)
		used = rows - 5;
	ui_view_draw(ui, v, 2, 3, used);

	/* Under the menu: the verdict's advice first, then the entry. */
	if (verdict != h->shown) {
		ui_view_home(t);
		h->shown = verdict;
	}
	ui_view_begin(t, cols - 6);
	if (advice != NULL) {
		ui_view_add(t, verdict == VERDICT_SOON ? UI_ROLE_WARNING :
		    UI_ROLE_DANGER, 0, advice);
		ui_view_add(t, UI_ROLE_NORMAL, 0, "");
		free(advice);
	} else if (gate == GATE_UNSAVED || gate == GATE_BLOCKED ||
	    gate == GATE_ASK) {
		ui_view_add(t, UI_ROLE_WARNING, 0, safety_gate_reason(gate));
		ui_view_add(t, UI_ROLE_NORMAL, 0, "");
	}
	ui_view_add(t, UI_ROLE_NORMAL, 0,
	    home_entries[ui_view_selected(v)].about);
	home_homework(ui, h, &hw);
	if (hw.len > 0) {
		ui_view_add(t, UI_ROLE_NORMAL, 0, "");
		ui_view_add(t, UI_ROLE_EMPHASIS, 0, hw.data);
	}
	buf_free(&hw);
	due = movement_due_text(movement_due(ui_app(ui), clock_wall_s()), 0);
	if (due != NULL) {
		ui_view_add(t, UI_ROLE_NORMAL, 0, "");
		ui_view_add(t, UI_ROLE_EMPHASIS, 0, due);
	}
	ui_view_draw(ui, t, 3 + used, 3, rows - 4 - used);
	ui_draw_status(ui, rows - 1, cols, ui_view_lines(t) > (size_t)(rows -
	    4 - used) ? "Up/Down choose  Enter open  Space more  q quit" :
	    "Up/Down choose  Enter open  ? keys  q quit");
}

static void
home_leave(struct ui *ui, void *state)
{
	struct home *h = state;

	(void)ui;
	ui_view_free(h->view);
	ui_view_free(h->text);
	session_list_free(h->routines, h->n_routines);
	if (h->lessons != NULL)
		lesson_cache_free(h->lessons);
	free(h);
}

static const struct ui_help home_help[] = {
	{ "Up, k", "previous entry" },
	{ "Down, j", "next entry" },
	{ "Home, End, g, G", "first or last entry" },
	{ "1-5", "jump to an entry" },
	{ "Enter, Right, l", "open the entry (or click it)" },
	{ "PgUp, PgDn, Space, b", "page the text under the menu" },
	{ "/, n, N", "search the text" },
	{ "f", "rate your everyday activities (weekly)" },
	{ "o", "questions on how your back affects you" },
	{ "?", "this help" },
	{ "q, Esc, Left, h", "quit backcare" },
	{ NULL, NULL }
};

const struct ui_screen ui_home_screen = {
	.name = "Home",
	.enter = home_enter,
	.key = home_key,
	.draw = home_draw,
	.leave = home_leave,
	.help = home_help,
};

/* ---- first-run welcome ------------------------------------------------ */

/* %s: the configured emergency number. */
static const char welcome_format[] =
    "backcare helps you look after a sore back at home: short lessons, "
    "a safety check, and timed self-massage routines your therapist can "
    "set as homework.\n\n"
    "It does not diagnose anything and it does not replace a doctor or "
    "therapist.\n\n"
    "Call %s now (or 999 in the UK, 911 in the US) if you have new "
    "numbness around your bottom or genitals, new trouble peeing or "
    "controlling your bladder or bowels, new weakness or numbness in both "
    "legs, or back pain after a serious accident.\n\n"
    "Start with the Safety check: routines open once it says massage is "
    "safe for you. Your progress stays on this computer only.";

static void *
welcome_enter(struct ui *ui, void *arg)
{
	(void)ui;
	(void)arg;
	return ui_view_new(0);
}

static void
welcome_leave(struct ui *ui, void *state)
{
	(void)ui;
	ui_view_free(state);
}

static void
welcome_key(struct ui *ui, void *state, const struct ui_key *k)
{
	struct store *st = ui_app(ui)->store;

	ui_dirty(ui);
	/* Space reads on, and goes on once all of it has been shown. */
	if (k->action != UI_ENTER && k->action != UI_BACK &&
	    !(k->action == UI_CHAR && k->ch == ' ' &&
	    ui_view_at_end(state))) {
		ui_view_key(ui, state, k);
		return;
	}
	if (st != NULL && store_meta_set(st, "welcome_shown", "1") != 0)
		ui_message(ui, "%s", store_error(st));
	ui_pop(ui);
}

static void
welcome_draw(struct ui *ui, void *state, int rows, int cols)
{
	char *text = xasprintf(welcome_format, ui_app(ui)->emergency_number);

	ui_draw_title(ui, cols, "Welcome to backcare");
	ui_view_begin(state, cols - 5);
	ui_view_add(state, UI_ROLE_NORMAL, 0, text);
	free(text);
	ui_view_draw(ui, state, 2, 2, rows - 3);
	ui_draw_status(ui, rows - 1, cols, ui_view_lines(state) >
	    (size_t)(rows - 3) ? "Down/Space read on  Enter continue" :
	    "Press Enter to continue");
}

static const struct ui_help welcome_help[] = {
	{ "Up, Down, Space", "read on" },
	{ "Enter, q", "continue to the home screen (Space too, at the end)" },
	{ NULL, NULL }
};

const struct ui_screen ui_welcome_screen = {
	.name = "Welcome",
	.enter = welcome_enter,
	.key = welcome_key,
	.draw = welcome_draw,
	.leave = welcome_leave,
	.help = welcome_help,
};
