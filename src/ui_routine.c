/*
 * ui_routine.c: the routine list: each routine with its time, whether
 * the safety check lets them run, and an unfinished session to resume.
 * Starting one asks the emergency questions first when they are due,
 * then pushes the runner (ui_runner.c).
 *
 * Timing, gating and records are session.c's and routine.c's; this file
 * asks and shows.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "app.h"
#include "clock.h"
#include "diag.h"
#include "advice.h"
#include "checkflow.h"
#include "painmon.h"
#include "recheck.h"
#include "screener.h"
#include "session.h"
#include "store.h"
#include "text.h"
#include "ui.h"
#include "ui_runner.h"
#include "ui_view.h"
#include "util.h"

/* ---- the list ---------------------------------------------------------- */

struct rlist {
	struct routine_entry *e;
	size_t n;
	struct ui_view *view;
	char problems[256];
	int64_t resume_id;       /* an unfinished session to offer */
	char *resume_routine;
	int resume_pos;
	int asking_resume;
	struct recheck_request recheck;
	int rechecking;          /* waiting for the re-check screen */
	char *pending;           /* the routine waiting on the re-check */
	struct runner_arg *arg;  /* handed to the runner it pushed */
};

static void *
rlist_enter(struct ui *ui, void *arg)
{
	struct rlist *l = xcalloc(1, sizeof *l);
	struct diag d = DIAG_INIT;
	struct store *st = ui_app(ui)->store;

	(void)arg;
	l->arg = xcalloc(1, sizeof *l->arg);
	l->view = ui_view_new(UI_VIEW_SEARCH);
	l->n = session_list(ui_app(ui), &l->e, &d);
	if (d.n > 0)
		snprintf(l->problems, sizeof l->problems, "%zu routine file(s) "
		    "have problems and are not offered: %s:%d: %s", d.n,
		    d.items[0].file, d.items[0].line, d.items[0].msg);
	diag_free(&d);
	if (st != NULL && store_session_unfinished(st, &l->resume_id,
	    &l->resume_routine, &l->resume_pos) == 1)
		l->asking_resume = 1;
	return l;
}

static void
rlist_leave(struct ui *ui, void *state)
{
	struct rlist *l = state;

	(void)ui;
	ui_view_free(l->view);
	session_list_free(l->e, l->n);
	free(l->resume_routine);
	free(l->pending);
	free(l->arg);
	free(l);
}

/* The gate now, from the store. */
static enum gate_state
rlist_gate(struct ui *ui)
{
	enum gate_state g;
	char *err = NULL;

	if (checkflow_gate(ui_app(ui), NULL, &g, &err) != 0) {
		free(err);
		return GATE_NO_CHECK;
	}
	return g;
}

/*
 * Starts routine id, asking the emergency questions first when they are
 * due; rechecked says they were just answered with nothing found.
 */
static void
rlist_start(struct ui *ui, struct rlist *l, const char *id, int64_t resume,
    int pos, int rechecked)
{
	enum gate_state g = rlist_gate(ui);
	char *copy;

	if (g == GATE_RECHECK && !rechecked) {
		copy = xstrdup(id);     /* id may be l->pending itself */
		free(l->pending);
		l->pending = copy;
		memset(&l->recheck, 0, sizeof l->recheck);
		l->rechecking = 1;
		ui_push(ui, &ui_recheck_screen, &l->recheck);
		return;
	}
	if (!safety_gate_open(g)) {
		ui_message(ui, "%s", safety_gate_reason(g));
		return;
	}
	l->arg->id = id;
	l->arg->resume_id = resume;
	l->arg->resume_pos = pos;
	ui_push(ui, &ui_runner_screen, l->arg);
}

/* After the re-check screen pops: start, or say why not. */
static int64_t
rlist_tick(struct ui *ui, void *state, int64_t now)
{
	struct rlist *l = state;

	(void)now;
	if (!l->rechecking || (!l->recheck.done && !l->recheck.cancelled))
		return -1;
	l->rechecking = 0;
	if (l->recheck.done && l->recheck.verdict == VERDICT_NONE)
		rlist_start(ui, l, l->pending, 0, 0, 1);
	else if (l->recheck.done)
		ui_message(ui, "Routines are locked: the emergency questions "
		    "found a warning sign. Follow the advice shown.");
	else if (l->recheck.unsaved)
		/* Answered: only the save failed, and that is what it says. */
		ui_message(ui, "The answers could not be saved, so the routine "
		    "will not start: %s", l->recheck.why);
	else
		ui_message(ui, "The routine needs the emergency questions "
		    "answered first.");
	ui_dirty(ui);
	return -1;
}

/*
 * n to "Resume?": the abandoned session is closed as partial, unless
 * another copy has resumed it since the question was asked.
 */
static void
rlist_close_abandoned(struct ui *ui, struct rlist *l)
{
	struct store *st = ui_app(ui)->store;
	long pid = 0;
	int rc;

	if (st == NULL)
		return;
	rc = store_session_close_abandoned(st, l->resume_id, clock_wall_s(),
	    &pid);
	if (rc > 0)
		ui_message(ui, "%s", session_live_message(l->resume_id, pid));
	else if (rc < 0)
		ui_message(ui, "Not saved: %s", store_error(st));
}

static void
rlist_key(struct ui *ui, void *state, const struct ui_key *k)
{
	struct rlist *l = state;
	enum ui_view_result vr;

	ui_dirty(ui);
	if (l->asking_resume) {
		if (k->action != UI_CHAR || (k->ch != 'y' && k->ch != 'Y' &&
		    k->ch != 'n' && k->ch != 'N')) {
			ui_view_key(ui, l->view, k);
			return;
		}
		l->asking_resume = 0;
		if (k->ch == 'y' || k->ch == 'Y')
			rlist_start(ui, l, l->resume_routine, l->resume_id,
			    l->resume_pos, 0);
		else
			rlist_close_abandoned(ui, l);
		return;
	}
	vr = ui_view_key(ui, l->view, k);
	if (vr == UI_VIEW_MOVED)
		return;
	if (vr == UI_VIEW_CHOSEN || k->action == UI_ENTER ||
	    k->action == UI_RIGHT) {
		if (l->n > 0)
			rlist_start(ui, l, l->e[ui_view_selected(l->view)].id, 0,
			    0, 0);
	} else if (k->action == UI_BACK || k->action == UI_LEFT)
		ui_pop(ui);
}

static void
rlist_draw(struct ui *ui, void *state, int rows, int cols)
{
	struct rlist *l = state;
	struct ui_view *v = l->view;
	enum gate_state g = rlist_gate(ui);
	char when[16], *line;
	size_t i;

	ui_draw_title(ui, cols, "Routines");
	ui_view_begin(v, cols - 5);
	if (l->asking_resume) {
		ui_view_addf(v, UI_ROLE_WARNING, 0, "An unfinished %s session "
		    "was found. Resume it from where it stopped? y/n",
		    l->resume_routine);
		ui_view_add(v, UI_ROLE_NORMAL, 0, "");
	}
	ui_view_add(v, safety_gate_open(g) ? UI_ROLE_GOOD :
	    UI_ROLE_WARNING, 0, safety_gate_reason(g));
	ui_view_add(v, UI_ROLE_NORMAL, 0, "");
	for (i = 0; i < l->n; i++) {
		util_format_clock(l->e[i].total, when, sizeof when);
		ui_view_item(v);
		/* A long title wraps under itself, past the time. */
		line = xasprintf("%2zu %6s  %s%s", i + 1, when, l->e[i].title,
		    l->e[i].exercise ? " (exercise)" : "");
		ui_view_add_hanging(v, UI_ROLE_NORMAL, 0, 11, line);
		free(line);
	}
	ui_view_end_items(v);
	if (l->n == 0)
		ui_view_add(v, UI_ROLE_DIM, 0, "No routines were found.");
	if (l->problems[0] != '\0') {
		ui_view_add(v, UI_ROLE_NORMAL, 0, "");
		ui_view_add(v, UI_ROLE_WARNING, 0, l->problems);
	}
	ui_view_draw(ui, v, 2, 2, rows - 3);
	ui_draw_status(ui, rows - 1, cols, l->asking_resume ?
	    "y resume  n no, start afresh" :
	    "Up/Down choose  Enter start  ? keys  q back");
}

static const struct ui_help rlist_help[] = {
	{ "Up, Down, j, k", "choose a routine" },
	{ "PgUp, PgDn", "a page of routines" },
	{ "Home, End, g, G", "the first or last routine" },
	{ "1-9", "choose a routine by its number" },
	{ "Enter, Right, l", "see what it holds, then start it (a click "
	    "too)" },
	{ "/, n, N", "search the list" },
	{ "y, n", "resume an unfinished session, or not" },
	{ "q, Esc, Left, h", "back to the home screen" },
	{ NULL, NULL }
};

const struct ui_screen ui_routines_screen = {
	.name = "Routines",
	.enter = rlist_enter,
	.key = rlist_key,
	.tick = rlist_tick,
	.draw = rlist_draw,
	.leave = rlist_leave,
	.help = rlist_help,
};
