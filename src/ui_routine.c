/*
 * ui_routine.c: the routine list and the runner: pain before, each step
 * with its instructions, a large countdown, progress bars, side, repeat
 * and what comes next; pain after, a note and a summary.
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

struct runner_arg {
	const char *id;
	int64_t resume_id;
	int resume_pos;
};

static const struct ui_screen ui_runner_screen;

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
	else
		ui_message(ui, "The routine needs the emergency questions "
		    "answered first.");
	ui_dirty(ui);
	return -1;
}

static void
rlist_key(struct ui *ui, void *state, const struct ui_key *k)
{
	struct rlist *l = state;
	struct store *st = ui_app(ui)->store;
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
		else if (st != NULL && store_session_end(st, l->resume_id,
		    "partial", NULL, clock_wall_s()) != 0)
			ui_message(ui, "Not saved: %s", store_error(st));
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
	"Routines", rlist_enter, rlist_key, rlist_tick, rlist_draw,
	rlist_leave, NULL, rlist_help
};

/* ---- the runner ------------------------------------------------------- */

enum run_stage {
	RUN_PREVIEW,             /* what the routine holds, before it starts */
	RUN_PAIN_BEFORE,
	RUN_STEPS,
	RUN_STEP_PAIN,           /* after an exercise step, or on 'r' (P1) */
	RUN_CONFIRM_QUIT,
	RUN_PAIN_AFTER,
	RUN_NOTE,
	RUN_SUMMARY,
	RUN_BROKEN
};

struct runner {
	struct session s;
	struct timer tm;
	enum run_stage stage;
	char entry[128];
	int pain_before, pain_after;
	int skipped;             /* segments skipped with n */
	long done_s;             /* seconds of massage done in this run */
	int quit_early;          /* q then y: pain and note, then partial */
	int help_paused;         /* the countdown waits while help is open */
	int ended;               /* the session row has its end state */
	const char *prompt;      /* from the records once it ended, or NULL */
	char error[1024];
	struct ui_view *view;    /* the preview, instructions, summary */
	int view_for;            /* the stage or segment the view shows */
	size_t pain_step;        /* the step RUN_STEP_PAIN asks about */
	struct session_advice advice;   /* the pain rules' last words */
	struct recheck_request recheck; /* P2: the E1 questions again */
	int ended_early;         /* by the pain rules: saved as partial */
	int awaiting_recheck;    /* P2's questions are on the screen above */
	int quit_paused;         /* the quit question paused the countdown */
	int for_care;            /* they were left or found a warning sign */
};

/* The routine cannot run: the routine file's first problem, else what
 * the session said. */
static void
runner_broken(struct runner *r, struct diag *d)
{
	if (d->n > 0)
		snprintf(r->error, sizeof r->error, "%s:%d: %s",
		    d->items[0].file, d->items[0].line, d->items[0].msg);
	else
		snprintf(r->error, sizeof r->error, "The routine could not "
		    "start: %s", r->s.error[0] != '\0' ? r->s.error :
		    "the progress file could not be written.");
	r->stage = RUN_BROKEN;
}

/* Shows on the status line why a session call failed (the session does
 * not print: under curses it would land on the display); returns rc. */
static int
runner_said(struct ui *ui, struct runner *r, int rc)
{
	if (rc < 0 && r->s.error[0] != '\0')
		ui_message(ui, "Not saved: %s", r->s.error);
	return rc;
}

/* Starts the records and the timer, paused for the pain rating unless a
 * session is resumed. */
static int
runner_begin(struct runner *r, int64_t resume_id, int resume_pos)
{
	if (session_begin(&r->s, "interactive", resume_id, resume_pos) != 0)
		return -1;
	timer_start(&r->tm, &r->s.tl, (size_t)resume_pos,
	    clock_monotonic_ms());
	r->stage = resume_id > 0 ? RUN_STEPS : RUN_PAIN_BEFORE;
	if (r->stage == RUN_PAIN_BEFORE)
		timer_pause(&r->tm, clock_monotonic_ms());
	return 0;
}

static void *
runner_enter(struct ui *ui, void *arg)
{
	const struct runner_arg *a = arg;
	struct runner *r = xcalloc(1, sizeof *r);
	struct diag d = DIAG_INIT;
	char *refusal;

	r->pain_before = r->pain_after = -1;
	r->view = ui_view_new(UI_VIEW_SEARCH);
	r->view_for = -1;
	if (session_load(&r->s, ui_app(ui), a->id, &d) != 0 ||
	    session_gate(&r->s) != 0)
		runner_broken(r, &d);
	else if ((refusal = session_refusal(&r->s, 0)) != NULL) {
		/* A routine the safety check leaves nothing of is not
		 * started. */
		snprintf(r->error, sizeof r->error, "%s", refusal);
		free(refusal);
		r->stage = RUN_BROKEN;
	} else if (a->resume_id > 0) {
		if (runner_begin(r, a->resume_id, a->resume_pos) != 0)
			runner_broken(r, &d);
	} else
		r->stage = RUN_PREVIEW;
	diag_free(&d);
	return r;
}

static void
runner_end(struct ui *ui, struct runner *r, const char *state)
{
	if (r->ended || r->s.id <= 0)
		return;
	runner_said(ui, r, session_end(&r->s, state, r->entry[0] &&
	    r->stage == RUN_NOTE ? r->entry : NULL));
	r->ended = 1;
}

static void
runner_leave(struct ui *ui, void *state)
{
	struct runner *r = state;

	/* Quit, Ctrl-C, TERM, HUP: what finished is stored; mark partial. */
	if (r->stage != RUN_BROKEN)
		runner_end(ui, r, "partial");
	ui_view_free(r->view);
	session_free(&r->s);
	free(r);
}

/* The countdown stands still while help (or any screen) covers it. */
static int
runner_covered(struct ui *ui, struct runner *r, int64_t now)
{
	if (!ui_on_top(ui, r)) {
		if (!r->tm.paused) {
			timer_pause(&r->tm, now);
			r->help_paused = 1;
		}
		return 1;
	}
	if (r->help_paused) {
		r->help_paused = 0;
		timer_resume(&r->tm, now);
		ui_dirty(ui);
	}
	return 0;
}

/* P1: asks how the back is after step (the timer waits). */
static void
runner_ask_step_pain(struct runner *r, size_t step, int64_t now)
{
	r->stage = RUN_STEP_PAIN;
	r->pain_step = step;
	r->entry[0] = '\0';
	timer_pause(&r->tm, now);
}

/* The answer to the step's pain question; Enter alone goes on. */
static void
runner_step_pain_done(struct ui *ui, struct runner *r)
{
	int pain, spreading, numb, recheck = 0, rc = 0;

	if (r->entry[0] != '\0') {
		if (painmon_parse_answer(r->entry, &pain, &spreading,
		    &numb) != 0) {
			ui_message(ui, "Type 0-10 (add s if sharp or spreading), "
			    "or n, then Enter.");
			return;
		}
		rc = runner_said(ui, r, session_step_pain(&r->s, r->pain_step,
		    pain, spreading, numb, &recheck, &r->advice));
	}
	r->entry[0] = '\0';
	if (rc == 1 && recheck) {
		memset(&r->recheck, 0, sizeof r->recheck);
		r->awaiting_recheck = 1;
		ui_push(ui, &ui_recheck_screen, &r->recheck);
	}
	r->ended_early |= rc == 1;
	if (rc == 1 || timer_finished(&r->tm)) {
		r->stage = RUN_PAIN_AFTER;
		return;
	}
	r->stage = RUN_STEPS;
	timer_resume(&r->tm, clock_monotonic_ms());
}

static int64_t
runner_tick(struct ui *ui, void *state, int64_t now)
{
	struct runner *r = state;
	enum timer_event ev;
	size_t done;

	/* Back from P2's emergency questions: unanswered, or calling for
	 * care, the session stops there, with no pain rating or comfort,
	 * and no routine until a check is saved. */
	if (r->awaiting_recheck && (r->recheck.done || r->recheck.cancelled ||
	    ui_on_top(ui, r))) {
		r->awaiting_recheck = 0;
		if (!r->recheck.done)
			checkflow_hold(ui_app(ui), "new numbness or weakness was "
			    "reported during a session and the emergency "
			    "questions were not answered");
		if (!r->recheck.done || r->recheck.verdict != VERDICT_NONE) {
			r->for_care = 1;
			runner_end(ui, r, "partial");
			r->stage = RUN_SUMMARY;
			ui_dirty(ui);
			return -1;
		}
	}
	if (r->stage != RUN_STEPS || runner_covered(ui, r, now))
		return -1;
	while ((ev = timer_tick(&r->tm, now)) != TIMER_NONE) {
		done = r->tm.seg - 1;
		runner_said(ui, r, session_record(&r->s, done,
		    r->s.tl.seg[done].seconds, 0));
		r->done_s += r->s.tl.seg[done].seconds;
		ui_alert(ui);
		ui_dirty(ui);
		if (session_asks_step_pain(&r->s, done)) {
			runner_ask_step_pain(r, r->s.tl.seg[done].step, now);
			return -1;
		}
		if (ev == TIMER_FINISHED) {
			r->stage = RUN_PAIN_AFTER;
			r->entry[0] = '\0';
			return -1;
		}
	}
	/* Redraw each whole second of the countdown. */
	ui_dirty(ui);
	return timer_next_deadline(&r->tm, now);
}

static void
runner_resumed(struct ui *ui, void *state, int64_t ms)
{
	struct runner *r = state;

	(void)ui;
	timer_suspended(&r->tm, ms);
}

/* Reads a 0-10 rating from the entry; -1 for none, -2 when bad. */
static int
runner_pain(const char *entry)
{
	long v;

	if (entry[0] == '\0')
		return -1;
	return util_parse_long(entry, 0, 10, &v) == 0 ? (int)v : -2;
}

static void
runner_key_entry(struct runner *r, const struct ui_key *k, size_t max)
{
	size_t n = strlen(r->entry);
	char buf[8];
	size_t len;

	if (k->action == UI_BACKSPACE && k->ch != ' ') {
		/* Drop a whole UTF-8 character. */
		while (n > 0 && ((unsigned char)r->entry[n - 1] & 0xc0) == 0x80)
			n--;
		if (n > 0)
			n--;
		r->entry[n] = '\0';
	} else if (k->code == 0 && k->ch >= ' ' && k->ch != 127) {
		/* Any printable key, even one that is also a command key. */
		len = text_encode((uint32_t)k->ch, buf);
		if (n + len < max) {
			memcpy(r->entry + n, buf, len);
			r->entry[n + len] = '\0';
		}
	}
}

static void
runner_finish_steps(struct runner *r)
{
	r->stage = RUN_PAIN_AFTER;
	r->entry[0] = '\0';
}

static void
runner_key_steps(struct ui *ui, struct runner *r, const struct ui_key *k)
{
	int64_t now = clock_monotonic_ms();
	size_t cur = r->tm.seg;
	long part;

	if (k->action == UI_BACK) {
		/* The countdown waits while the question is asked. */
		r->quit_paused = !r->tm.paused;
		if (r->quit_paused)
			timer_pause(&r->tm, now);
		r->stage = RUN_CONFIRM_QUIT;
		return;
	}
	if (k->action == UI_RIGHT || (k->action == UI_CHAR && k->ch == 'n')) {
		if (cur < r->s.tl.n) {
			part = (long)(timer_done_ms(&r->tm, now) / 1000);
			runner_said(ui, r, session_record(&r->s, cur, part, 1));
			r->done_s += part;
			r->skipped++;
		}
		timer_next(&r->tm, now);
		ui_alert(ui);
		if (timer_finished(&r->tm))
			runner_finish_steps(r);
		return;
	}
	if (k->action == UI_LEFT || (k->action == UI_CHAR && k->ch == 'p')) {
		timer_previous(&r->tm, now);
		ui_alert(ui);
		return;
	}
	if (k->action == UI_CHAR && k->ch == ' ') {
		if (r->tm.paused)
			timer_resume(&r->tm, now);
		else
			timer_pause(&r->tm, now);
	} else if (k->action == UI_CHAR && (k->ch == '+' || k->ch == '-'))
		timer_adjust(&r->tm, now, k->ch == '+' ? 10000 : -10000);
	else if (k->action == UI_CHAR && k->ch == 'r') {
		/* Rate pain now (P1); p already means "back". */
		if (cur < r->s.tl.n && routine_step_is_exercise(
		    &r->s.routine->steps[r->s.tl.seg[cur].step]))
			runner_ask_step_pain(r, r->s.tl.seg[cur].step, now);
	} else
		ui_view_key(ui, r->view, k);   /* scroll the instructions */
}

/* The pain before or after: a rating, or Enter alone to skip. */
static void
runner_key_pain(struct ui *ui, struct runner *r, const struct ui_key *k)
{
	struct store *st = ui_app(ui)->store;
	int p, flare = 0;

	if (k->action == UI_ENTER) {
		p = runner_pain(r->entry);
		/* Before an exercise routine, f says the back flared up. */
		if (r->stage == RUN_PAIN_BEFORE && r->s.routine->exercise &&
		    painmon_parse_before(r->entry, &p, &flare) != 0)
			p = r->entry[0] == '\0' ? -1 : -2;
		if (p == -2) {
			ui_message(ui, "Type a number from 0 (no pain) to 10, "
			    "or just Enter to skip.");
			return;
		}
		if ((p >= 0 || flare) && st != NULL) {
			if (r->stage == RUN_PAIN_AFTER)
				runner_said(ui, r, session_pain_after(&r->s, p,
				    &r->advice));
			else
				runner_said(ui, r, session_pain_before(&r->s, p,
				    flare, &r->advice));
		}
		r->entry[0] = '\0';
		if (r->stage == RUN_PAIN_BEFORE) {
			r->pain_before = p;
			r->stage = RUN_STEPS;
			timer_start(&r->tm, &r->s.tl, r->tm.seg,
			    clock_monotonic_ms());
		} else {
			r->pain_after = p;
			r->stage = RUN_NOTE;
		}
	} else if (k->action == UI_BACK && r->stage == RUN_PAIN_BEFORE)
		ui_pop(ui);
	else if (k->action == UI_BACK && r->quit_early) {
		runner_end(ui, r, "partial");
		ui_pop(ui);
	} else if (k->action == UI_BACKSPACE ||
	    (k->action == UI_CHAR && ((k->ch >= '0' && k->ch <= '9') ||
	    (k->ch == 'f' && r->stage == RUN_PAIN_BEFORE &&
	    r->s.routine->exercise))))
		runner_key_entry(r, k, 4);
}

static void
runner_key(struct ui *ui, void *state, const struct ui_key *k)
{
	struct runner *r = state;

	ui_dirty(ui);
	switch (r->stage) {
	case RUN_PREVIEW:
		if (k->action == UI_ENTER || k->action == UI_RIGHT) {
			struct diag d = DIAG_INIT;

			if (runner_begin(r, 0, 0) != 0)
				runner_broken(r, &d);
		} else if (k->action == UI_BACK || k->action == UI_LEFT)
			ui_pop(ui);
		else
			ui_view_key(ui, r->view, k);
		break;
	case RUN_PAIN_BEFORE:
	case RUN_PAIN_AFTER:
		runner_key_pain(ui, r, k);
		break;
	case RUN_STEPS:
		runner_key_steps(ui, r, k);
		break;
	case RUN_STEP_PAIN:
		if (k->action == UI_ENTER)
			runner_step_pain_done(ui, r);
		else if (k->action == UI_BACKSPACE || (k->action == UI_CHAR &&
		    strchr("0123456789snSN ", (int)k->ch) != NULL))
			runner_key_entry(r, k, 8);
		break;
	case RUN_CONFIRM_QUIT:
		if (k->action == UI_CHAR && (k->ch == 'y' || k->ch == 'Y')) {
			/* Stopping early still asks how the back feels. */
			r->quit_early = 1;
			runner_finish_steps(r);
		} else {
			r->stage = RUN_STEPS;
			if (r->quit_paused)
				timer_resume(&r->tm, clock_monotonic_ms());
		}
		r->quit_paused = 0;
		break;
	case RUN_NOTE:
		if (k->action == UI_ENTER) {
			runner_end(ui, r, r->quit_early || r->ended_early ?
			    "partial" : "completed");
			r->prompt = session_prompt(&r->s);
			r->stage = RUN_SUMMARY;
		} else
			runner_key_entry(r, k, sizeof r->entry);
		break;
	case RUN_SUMMARY:
	case RUN_BROKEN:
		if (k->action == UI_ENTER || k->action == UI_BACK ||
		    k->action == UI_LEFT)
			ui_pop(ui);
		else
			ui_view_key(ui, r->view, k);
		break;
	}
}

/* ---- runner drawing --------------------------------------------------- */

/* Digits 0-9 and ':' as 3x5 blocks. */
static const char *const runner_font[11][5] = {
	{ "###", "# #", "# #", "# #", "###" }, { " # ", "## ", " # ", " # ", "###" },
	{ "###", "  #", "###", "#  ", "###" }, { "###", "  #", "###", "  #", "###" },
	{ "# #", "# #", "###", "  #", "  #" }, { "###", "#  ", "###", "  #", "###" },
	{ "###", "#  ", "###", "# #", "###" }, { "###", "  #", "  #", "  #", "  #" },
	{ "###", "# #", "###", "# #", "###" }, { "###", "# #", "###", "  #", "###" },
	{ "   ", " # ", "   ", " # ", "   " },
};

/* Draws text (digits and ':') in big blocks; returns the rows used. */
static int
runner_big(struct ui *ui, int row, int col, int cols, const char *text)
{
	struct buf b = BUF_INIT;
	const char *p;
	int y, g;
	const char *block = ui_utf8(ui) ? "\xe2\x96\x88" : "#";

	if ((int)strlen(text) * 4 > cols)
		return 0;
	for (y = 0; y < 5; y++) {
		buf_reset(&b);
		for (p = text; *p != '\0'; p++) {
			g = *p == ':' ? 10 : *p - '0';
			for (const char *c = runner_font[g][y]; *c; c++)
				buf_adds(&b, *c == '#' ? block : " ");
			buf_addc(&b, ' ');
		}
		ui_put(ui, row + y, col, cols, UI_ROLE_EMPHASIS, b.data);
	}
	buf_free(&b);
	return 5;
}

static void
runner_bar(struct ui *ui, int row, int col, int width, long done,
    long total, const char *label)
{
	struct buf b = BUF_INIT;
	int fill, i, w = width - (int)strlen(label) - 3;
	const char *full = ui_utf8(ui) ? "\xe2\x96\x88" : "#";
	const char *empty = ui_utf8(ui) ? "\xe2\x96\x91" : ".";

	if (w < 4)
		return;
	fill = total > 0 ? (int)(done * w / total) : 0;
	buf_printf(&b, "%s [", label);
	for (i = 0; i < w; i++)
		buf_adds(&b, i < fill ? full : empty);
	buf_addc(&b, ']');
	ui_put(ui, row, col, width, UI_ROLE_NORMAL, b.data);
	buf_free(&b);
}

/* Names the steps the safety check left out, from first up to (not
 * including) end, each with its reason. */
static void
runner_add_left_out(struct ui_view *v, const struct routine *rt,
    size_t first, size_t end)
{
	size_t i;

	for (i = first; i < end && i < rt->nsteps; i++)
		if (rt->steps[i].skipped)
			ui_view_addf(v, UI_ROLE_WARNING, 0, "Left out by your "
			    "safety check: step %zu, %s%s%s", i + 1,
			    rt->steps[i].title, rt->steps[i].note ? ": " : ".",
			    rt->steps[i].note ? rt->steps[i].note : "");
}

/* The first step after `step` that the timeline runs (or nsteps). */
static size_t
runner_next_active(const struct routine *rt, size_t step)
{
	size_t i;

	for (i = step + 1; i < rt->nsteps && rt->steps[i].skipped; i++)
		;
	return i;
}

/* What the routine holds: introduction, steps and time, and what the
 * safety check leaves out and why. */
static void
runner_build_preview(struct runner *r, int width)
{
	const struct routine *rt = r->s.routine;
	struct ui_view *v = r->view;
	char when[16], total[16];
	const struct routine_step *st;
	size_t i;

	ui_view_begin(v, width);
	util_format_clock(r->s.tl.total, total, sizeof total);
	ui_view_add(v, UI_ROLE_HEADING, 0, rt->title);
	ui_view_addf(v, UI_ROLE_DIM, 0, "%zu step%s, %s in all.", rt->nsteps,
	    rt->nsteps == 1 ? "" : "s", total);
	ui_view_add(v, UI_ROLE_NORMAL, 0, "");
	ui_view_add_markdown(v, rt->intro);
	ui_view_add(v, UI_ROLE_NORMAL, 0, "");
	ui_view_add(v, UI_ROLE_EMPHASIS, 0, "Steps:");
	for (i = 0; i < rt->nsteps; i++) {
		st = &rt->steps[i];
		util_format_clock(routine_step_seconds(st), when, sizeof when);
		ui_view_addf(v, st->skipped ? UI_ROLE_DIM : UI_ROLE_NORMAL, 2,
		    "%zu. %s (%s, %s, %s, %s)", i + 1, st->title, st->skipped ?
		    "left out by your safety check" : when,
		    routine_step_is_exercise(st) ? st->movement : st->hold ?
		    "hold" : st->stroke, st->region, st->position);
		if (st->note != NULL)
			ui_view_add(v, st->skipped ? UI_ROLE_WARNING :
			    UI_ROLE_NORMAL, 5, st->note);
	}
	ui_view_add(v, UI_ROLE_NORMAL, 0, "");
	ui_view_add(v, UI_ROLE_DIM, 0, "Press Enter to start, q to go back.");
}

/* The current step: what, how, where, its instructions and what comes
 * next, in the view under the countdown. */
static void
runner_build_step(struct runner *r, int width)
{
	const struct routine *rt = r->s.routine;
	const struct segment *seg = &r->s.tl.seg[r->tm.seg];
	const struct routine_step *st = &rt->steps[seg->step];
	size_t prev = 0, k;
	struct ui_view *v = r->view;

	ui_view_begin(v, width);
	if (seg->rest == SEG_REST)
		ui_view_addf(v, UI_ROLE_HEADING, 0, "Rest, then repeat %d of "
		    "%d: %s", seg->rep + 1, seg->reps, st->title);
	else if (seg->rest) {
		char *cue = timeline_cue(rt, &r->s.tl, r->tm.seg);
		ui_view_addf(v, UI_ROLE_HEADING, 0, "%s: %s", st->title, cue);
		free(cue);
	} else
		ui_view_addf(v, UI_ROLE_HEADING, 0, "Step %zu of %zu: %s%s%s%s",
		    seg->step + 1, rt->nsteps, st->title, seg->side ? " - " :
		    "", seg->side ? timeline_side_name(seg->side) : "",
		    seg->side ? " side" : "");
	if (routine_step_is_exercise(st)) {
		char *what = routine_step_summary(st);
		char *cue = timeline_cue(rt, &r->s.tl, r->tm.seg);
		ui_view_addf(v, UI_ROLE_DIM, 0, "%s%s%s", what, *cue ?
		    " - " : "", cue);
		free(what);
		free(cue);
	} else {
		ui_view_addf(v, UI_ROLE_DIM, 0, "%s, %s, %s, %s pressure",
		    st->hold ? "hold" : st->stroke, st->region, st->position,
		    st->pressure);
		if (seg->reps > 1 && !seg->rest)
			ui_view_addf(v, UI_ROLE_DIM, 0, "repeat %d of %d",
			    seg->rep, seg->reps);
	}
	/* Steps left out just before this one are named here. */
	for (k = seg->step; k > 0; k--)
		if (!rt->steps[k - 1].skipped) {
			prev = k;
			break;
		}
	runner_add_left_out(v, rt, prev, seg->step);
	if (st->note != NULL && !st->skipped)
		ui_view_add(v, UI_ROLE_WARNING, 0, st->note);
	if (!seg->rest) {
		ui_view_add(v, UI_ROLE_NORMAL, 0, "");
		ui_view_add_markdown(v, st->instructions);
	}
	ui_view_add(v, UI_ROLE_NORMAL, 0, "");
	if (r->tm.seg + 1 < r->s.tl.n) {
		const struct segment *nx = &r->s.tl.seg[r->tm.seg + 1];

		ui_view_addf(v, UI_ROLE_DIM, 0, "Next: %s%s%s%s", nx->rest ?
		    "rest" : rt->steps[nx->step].title, nx->side && !nx->rest ?
		    " (" : "", nx->side && !nx->rest ?
		    timeline_side_name(nx->side) : "", nx->side && !nx->rest ?
		    ")" : "");
	} else
		ui_view_add(v, UI_ROLE_DIM, 0, "Next: the end");
	/* And those between this step and the next. */
	runner_add_left_out(v, rt, seg->step + 1, runner_next_active(rt,
	    seg->step));
}

/* P6 and P4: the harder version of each step after two good sessions,
 * or the easier one when the back has not settled. */
static int
runner_draw_levels(struct ui *ui, struct runner *r, int row, int rows,
    int cols)
{
	const struct routine_step *st;
	const char *text;
	size_t i;
	int used = 0;
	char *line;

	for (i = 0; (r->advice.ready || r->advice.lower) &&
	    i < r->s.routine->nsteps && row + used < rows - 2; i++) {
		st = &r->s.routine->steps[i];
		text = r->advice.ready ? st->harder : st->easier;
		if (text == NULL || st->skipped)
			continue;
		line = xasprintf("%s: %s: %s.", r->advice.ready ? "Harder" :
		    "Easier", st->title, text);
		used += ui_put_wrapped(ui, row + used, 2, rows - row - used - 2,
		    cols - 4, UI_ROLE_NORMAL, line);
		free(line);
	}
	return used;
}

/* The pain rules' last words, from row; returns the rows used. */
static int
runner_draw_advice(struct ui *ui, struct runner *r, int row, int rows,
    int cols)
{
	size_t i;
	int used = 0;
	char *easier;

	for (i = 0; i < r->advice.n && row + used < rows - 2; i++) {
		used += ui_put_wrapped(ui, row + used, 2, rows - row - used - 2,
		    cols - 4, UI_ROLE_WARNING, r->advice.line[i]);
		if (i == 0 && r->advice.easier != NULL) {
			easier = xasprintf("Easier version: %s.",
			    r->advice.easier);
			used += ui_put_wrapped(ui, row + used, 2,
			    rows - row - used - 2, cols - 4, UI_ROLE_NORMAL,
			    easier);
			free(easier);
		}
	}
	return used + runner_draw_levels(ui, r, row + used, rows, cols);
}

static void
runner_draw_steps(struct ui *ui, struct runner *r, int rows, int cols)
{
	int64_t now = clock_monotonic_ms();
	const struct segment *seg = &r->s.tl.seg[r->tm.seg];
	char clock_text[16], head[128];
	long left = (long)((timer_remaining_ms(&r->tm, now) + 999) / 1000);
	long done_all = timeline_elapsed_before(&r->s.tl, r->tm.seg) +
	    (long)(timer_done_ms(&r->tm, now) / 1000);
	int row = 2;

	/* The pain rules' advice stays in sight above the countdown. */
	row += runner_draw_advice(ui, r, row, rows, cols);
	util_format_clock(left, clock_text, sizeof clock_text);
	if (rows >= 24)
		row += runner_big(ui, row, 4, cols - 8, clock_text) + 1;
	snprintf(head, sizeof head, "%s left%s", clock_text,
	    r->help_paused ? "" : r->tm.paused ? "  PAUSED (Space goes on)" :
	    "");
	ui_put(ui, row++, 2, cols - 4, r->tm.paused ? UI_ROLE_WARNING :
	    UI_ROLE_NORMAL, head);
	runner_bar(ui, row++, 2, cols - 4, seg->seconds - left, seg->seconds,
	    "step   ");
	runner_bar(ui, row++, 2, cols - 4, done_all, r->s.tl.total,
	    "routine");
	if (rows >= 16)
		row++;
	if (r->view_for != (int)r->tm.seg) {
		ui_view_home(r->view);
		r->view_for = (int)r->tm.seg;
	}
	runner_build_step(r, cols - 5);
	ui_view_draw(ui, r->view, row, 2, rows - 1 - row);
	ui_draw_status(ui, rows - 1, cols, "Space pause  n next  p back  "
	    "+/- 10 s  q quit  ? keys");
}

static void
runner_draw_summary(struct ui *ui, struct runner *r, int rows, int cols)
{
	struct ui_view *v = r->view;
	char done[16], planned[16], *net;

	if (r->view_for != RUN_SUMMARY + 10000) {
		ui_view_home(v);
		r->view_for = RUN_SUMMARY + 10000;
	}
	ui_view_begin(v, cols - 5);
	if (r->for_care)
		ui_view_add(v, UI_ROLE_DANGER, 0, "Stopped for your safety: "
		    "follow the advice of the emergency questions. The routines "
		    "stay locked until a safety check says otherwise.");
	else if (r->s.ended_state != NULL &&
	    strcmp(r->s.ended_state, "completed") != 0 && !r->quit_early)
		ui_view_add(v, UI_ROLE_WARNING, 0, "Every step was skipped: "
		    "this session is saved as partial and does not count "
		    "toward your plan.");
	else
		ui_view_add(v, r->quit_early ? UI_ROLE_WARNING : UI_ROLE_GOOD,
		    0, r->quit_early ? "Stopped early: what you did is saved." :
		    "Well done: routine finished.");
	ui_view_add(v, UI_ROLE_NORMAL, 0, "");
	util_format_clock(r->done_s, done, sizeof done);
	util_format_clock(r->s.tl.total, planned, sizeof planned);
	ui_view_addf(v, UI_ROLE_NORMAL, 0, "Time done: %s of %s.", done,
	    planned);
	if (r->skipped > 0)
		ui_view_addf(v, UI_ROLE_NORMAL, 0, "Parts skipped with n: %d.",
		    r->skipped);
	if (r->pain_before >= 0 && r->pain_after >= 0)
		ui_view_addf(v, UI_ROLE_NORMAL, 0, "Pain: %d before, %d after "
		    "(%+d)", r->pain_before, r->pain_after,
		    r->pain_after - r->pain_before);
	else
		ui_view_add(v, UI_ROLE_NORMAL, 0, "Pain: not rated");
	runner_add_left_out(v, r->s.routine, 0, r->s.routine->nsteps);
	ui_view_add(v, UI_ROLE_NORMAL, 0, "");
	if (r->prompt != NULL) {
		ui_view_add(v, UI_ROLE_WARNING, 0, r->prompt);
		ui_view_add(v, UI_ROLE_NORMAL, 0, "");
	}
	for (size_t i = 0; i < r->advice.n; i++) {
		ui_view_add(v, UI_ROLE_WARNING, 0, r->advice.line[i]);
		if (i == 0 && r->advice.easier != NULL)
			ui_view_addf(v, UI_ROLE_NORMAL, 0, "Easier version: "
			    "%s.", r->advice.easier);
	}
	if (r->advice.n > 0)
		ui_view_add(v, UI_ROLE_NORMAL, 0, "");
	net = advice_safety_net(ui_app(ui)->emergency_number);
	ui_view_add(v, UI_ROLE_NORMAL, 0, net);
	free(net);
	ui_view_draw(ui, v, 2, 2, rows - 3);
	ui_draw_status(ui, rows - 1, cols, "Saved.  Enter to go back");
}

/* The pain ratings and the note: a question and a field. */
static void
runner_draw_entry(struct ui *ui, struct runner *r, int rows, int cols)
{
	struct ui_view *v = r->view;
	char line[160];
	int used;

	ui_view_begin(v, cols - 5);
	if (r->stage == RUN_NOTE)
		ui_view_add(v, UI_ROLE_EMPHASIS, 0, "A note for your therapist "
		    "(optional):");
	else {
		ui_view_add(v, UI_ROLE_EMPHASIS, 0, r->stage ==
		    RUN_PAIN_BEFORE ? "Before you start: how much does your "
		    "back hurt now?" : r->quit_early ? "You stopped early. "
		    "How much does your back hurt now?" : "Finished. How much "
		    "does your back hurt now?");
		ui_view_add(v, UI_ROLE_NORMAL, 0, r->stage == RUN_PAIN_BEFORE &&
		    r->s.routine->exercise ? "0 = no pain, 10 = the worst pain "
		    "you can imagine; add f if your back has flared up" :
		    "0 = no pain, 10 = the worst pain you can imagine");
	}
	used = (int)ui_view_lines(v);
	if (used > rows - 6)
		used = rows - 6;
	ui_view_draw(ui, v, 2, 2, used);
	snprintf(line, sizeof line, "> %s_", r->entry);
	ui_put(ui, 3 + used, 4, cols - 6, UI_ROLE_SELECTED, line);
	ui_draw_status(ui, rows - 1, cols, r->stage == RUN_NOTE ? "Type a "
	    "note, Enter to finish" : "Type 0-10 and Enter, or Enter to skip");
}

static void
runner_draw_step_pain(struct ui *ui, struct runner *r, int rows, int cols)
{
	char line[200];
	int row = 3;

	snprintf(line, sizeof line, "How is your back after \"%s\"?",
	    r->s.routine->steps[r->pain_step].title);
	ui_put(ui, row, 2, cols - 4, UI_ROLE_EMPHASIS, line);
	row += 2;
	row += ui_put_wrapped(ui, row, 2, rows - row - 4, cols - 4,
	    UI_ROLE_NORMAL, "0 = no pain, 10 = the worst you can imagine. "
	    "Add s if the pain is sharp, shooting, or spreading down your "
	    "leg. Type n for new numbness, weakness, or a change in your "
	    "bladder or bowels.");
	snprintf(line, sizeof line, "> %s_", r->entry);
	ui_put(ui, row + 1, 4, cols - 6, UI_ROLE_SELECTED, line);
	ui_draw_status(ui, rows - 1, cols, "Type 0-10 and Enter, or Enter to "
	    "go on");
}

static void
runner_draw(struct ui *ui, void *state, int rows, int cols)
{
	struct runner *r = state;

	ui_draw_title(ui, cols, r->s.routine != NULL ? r->s.routine->title :
	    "Routine");
	switch (r->stage) {
	case RUN_PREVIEW:
		runner_build_preview(r, cols - 5);
		ui_view_draw(ui, r->view, 2, 2, rows - 3);
		ui_draw_status(ui, rows - 1, cols,
		    "Enter start  Down read on  q back");
		break;
	case RUN_PAIN_BEFORE:
	case RUN_PAIN_AFTER:
	case RUN_NOTE:
		runner_draw_entry(ui, r, rows, cols);
		break;
	case RUN_STEP_PAIN:
		runner_draw_step_pain(ui, r, rows, cols);
		break;
	case RUN_STEPS:
	case RUN_CONFIRM_QUIT:
		if (!timer_finished(&r->tm))
			runner_draw_steps(ui, r, rows, cols);
		if (r->stage == RUN_CONFIRM_QUIT)
			ui_draw_status(ui, rows - 1, cols, "Quit? y quit, "
			    "other keys go on");
		break;
	case RUN_SUMMARY:
		runner_draw_summary(ui, r, rows, cols);
		break;
	case RUN_BROKEN:
		ui_view_begin(r->view, cols - 5);
		ui_view_add(r->view, UI_ROLE_WARNING, 0, r->error);
		ui_view_draw(ui, r->view, 2, 2, rows - 3);
		ui_draw_status(ui, rows - 1, cols, "Enter to go back");
		break;
	}
}

static const struct ui_help runner_help[] = {
	{ "Enter", "start the routine (from its preview)" },
	{ "Space", "pause or resume" },
	{ "n, Right, l", "next step (this one is skipped)" },
	{ "p, Left, h", "previous step" },
	{ "+, -", "add or take 10 seconds" },
	{ "Up, Down, j, k", "scroll the instructions" },
	{ "PgUp, PgDn, g, G", "a page, the start or the end of them" },
	{ "q, Esc", "quit (asks first; then the pain rating; saved as "
	    "partial)" },
	{ "0-9, Enter", "pain ratings; Enter alone skips" },
	{ "r", "rate your pain now (exercise routines)" },
	{ NULL, NULL }
};

static const struct ui_screen ui_runner_screen = {
	"Routine", runner_enter, runner_key, runner_tick, runner_draw,
	runner_leave, runner_resumed, runner_help
};
