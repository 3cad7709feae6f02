/*
 * ui_home.c: the home screen (the menu of the four parts) and the
 * first-run welcome.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "app.h"
#include "clock.h"
#include "day.h"
#include "diag.h"
#include "lesson.h"
#include "plan.h"
#include "report.h"
#include "session.h"
#include "store.h"
#include "ui.h"
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
	size_t selected;
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
		int more = hw->per_week - hw->done;

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
	if (st != NULL) {
		seen = store_meta_get(st, "welcome_shown");
		if (seen == NULL)
			ui_push(ui, &ui_welcome_screen, NULL);
		free(seen);
	}
	return h;
}

static void
home_key(struct ui *ui, void *state, const struct ui_key *k)
{
	struct home *h = state;
	const struct home_entry *e;
	size_t n = BC_ARRAY_LEN(home_entries);

	switch (k->action) {
	case UI_UP:
		h->selected = (h->selected + n - 1) % n;
		break;
	case UI_DOWN:
		h->selected = (h->selected + 1) % n;
		break;
	case UI_HOME:
		h->selected = 0;
		break;
	case UI_END:
		h->selected = n - 1;
		break;
	case UI_BACK:
		ui_pop(ui);
		break;
	case UI_ENTER:
		e = &home_entries[h->selected];
		if (e->screen == NULL)
			ui_pop(ui);
		else
			ui_push(ui, e->screen, NULL);
		break;
	case UI_CHAR:
		if (k->ch >= '1' && k->ch <= '0' + (wint_t)n) {
			h->selected = k->ch - '1';
			ui_message(ui, "Press Enter to open %s.",
			    home_entries[h->selected].label);
		}
		break;
	default:
		break;
	}
	ui_dirty(ui);
}

static void
home_draw(struct ui *ui, void *state, int rows, int cols)
{
	struct home *h = state;
	size_t i;
	int row = 3, width = cols - 8;
	char label[64];
	struct buf hw = BUF_INIT;

	ui_draw_title(ui, cols, "backcare: looking after your back");
	ui_put(ui, 2, 2, cols - 4, UI_ROLE_DIM,
	    "Self-care for back pain. Not a diagnosis.");
	for (i = 0; i < BC_ARRAY_LEN(home_entries); i++) {
		snprintf(label, sizeof label, " %zu  %-14s", i + 1,
		    home_entries[i].label);
		ui_put(ui, row + 1 + (int)i, 4, width,
		    i == h->selected ? UI_ROLE_SELECTED : UI_ROLE_NORMAL,
		    label);
	}
	row += (int)BC_ARRAY_LEN(home_entries) + 2;
	row += ui_put_wrapped(ui, row, 4, rows - row - 2, cols - 8,
	    UI_ROLE_NORMAL, home_entries[h->selected].about);
	home_homework(ui, h, &hw);
	if (hw.len > 0)
		ui_put_wrapped(ui, row + 1, 4, rows - row - 3, cols - 8,
		    UI_ROLE_EMPHASIS, hw.data);
	buf_free(&hw);
	ui_draw_status(ui, rows - 1, cols,
	    "Up/Down choose  Enter open  ? keys  q quit");
}

static void
home_leave(struct ui *ui, void *state)
{
	struct home *h = state;

	(void)ui;
	session_list_free(h->routines, h->n_routines);
	if (h->lessons != NULL)
		lesson_cache_free(h->lessons);
	free(h);
}

static const struct ui_help home_help[] = {
	{ "Up, k", "previous entry" },
	{ "Down, j", "next entry" },
	{ "1-5", "jump to an entry" },
	{ "Enter", "open the entry" },
	{ "?", "this help" },
	{ "q, Esc", "quit backcare" },
	{ NULL, NULL }
};

const struct ui_screen ui_home_screen = {
	"Home", home_enter, home_key, NULL, home_draw, home_leave, NULL,
	home_help
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
	return arg;
}

static void
welcome_key(struct ui *ui, void *state, const struct ui_key *k)
{
	struct store *st = ui_app(ui)->store;

	(void)state;
	if (k->action != UI_ENTER && k->action != UI_BACK &&
	    !(k->action == UI_CHAR && k->ch == ' '))
		return;
	if (st != NULL && store_meta_set(st, "welcome_shown", "1") != 0)
		ui_message(ui, "%s", store_error(st));
	ui_pop(ui);
}

static void
welcome_draw(struct ui *ui, void *state, int rows, int cols)
{
	char *text = xasprintf(welcome_format, ui_app(ui)->emergency_number);

	(void)state;
	ui_draw_title(ui, cols, "Welcome to backcare");
	ui_put_wrapped(ui, 2, 2, rows - 4, cols - 4, UI_ROLE_NORMAL, text);
	free(text);
	ui_draw_status(ui, rows - 1, cols, "Press Enter to continue");
}

static const struct ui_help welcome_help[] = {
	{ "Enter, Space", "continue to the home screen" },
	{ NULL, NULL }
};

const struct ui_screen ui_welcome_screen = {
	"Welcome", welcome_enter, welcome_key, NULL, welcome_draw, NULL, NULL,
	welcome_help
};
