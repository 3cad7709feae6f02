/*
 * ui_runner.c: the runner: the preview, pain before, the countdown through
 * each step with its keys (pause, skip, back, +/- 10 s, quit), the pain
 * asked after exercise steps, pain after, a note and the summary.  How it
 * looks is ui_runner_draw.c's; timing, gating and records are
 * session.c's and routine.c's: this file asks and shows.
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

/* Why the last session call failed, the reason first: the store says
 * "PATH: doing: reason", and a long path would push the reason off the
 * status line. */
const char *
runner_reason(const struct runner *r, char *buf, size_t size)
{
	return util_reason_first(r->s.error, r->s.app != NULL ?
	    r->s.app->db_path : NULL, buf, size);
}

/* Shows on the status line why a session call failed (the session does
 * not print: under curses it would land on the display); returns rc. */
static int
runner_said(struct ui *ui, struct runner *r, int rc)
{
	char why[600];

	if (rc < 0 && r->s.error[0] != '\0')
		ui_message(ui, "Not saved: %s", runner_reason(r, why,
		    sizeof why));
	return rc;
}

/* How long one try waits for another writer's lock, and how often the
 * screen tries again: the countdown and the keys go on meanwhile. */
#define RUNNER_BUSY_MS 50
#define RUNNER_RETRY_MS 250

/*
 * Saves the queued records in order.  While another program holds the
 * progress file, each try waits only RUNNER_BUSY_MS and the rest stays
 * queued for runner_tick; with block set (the session's end), it waits as
 * long as the store does, so nothing queued is lost.
 */
static void
runner_flush(struct ui *ui, struct runner *r, int block)
{
	const struct runner_save *q;
	int rc;

	while (r->nqueue > 0) {
		q = &r->queue[0];
		rc = block ? session_record(&r->s, q->seg, q->done_s,
		    q->skipped) : session_record_try(&r->s, q->seg, q->done_s,
		    q->skipped, RUNNER_BUSY_MS);
		if (rc == 1) {
			r->retry_at = clock_monotonic_ms() + RUNNER_RETRY_MS;
			return;
		}
		runner_said(ui, r, rc);
		memmove(r->queue, r->queue + 1, --r->nqueue * sizeof *q);
		ui_dirty(ui);
	}
}

/* Records segment i (in order, after any that wait for a lock). */
static void
runner_save(struct ui *ui, struct runner *r, size_t i, long done_s,
    int skipped)
{
	if (r->nqueue == r->capqueue) {
		r->capqueue = r->capqueue ? 2 * r->capqueue : 8;
		r->queue = xreallocarray(r->queue, r->capqueue,
		    sizeof *r->queue);
	}
	r->queue[r->nqueue].seg = i;
	r->queue[r->nqueue].done_s = done_s;
	r->queue[r->nqueue].skipped = skipped;
	r->nqueue++;
	if (r->nqueue == 1)
		runner_flush(ui, r, 0);
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
	/* A resumed session's summary counts what the earlier run did. */
	if (resume_id > 0 && r->s.app->store != NULL &&
	    store_session_done_seconds(r->s.app->store, resume_id,
	    &r->done_s) != 0)
		r->done_s = 0;
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
	runner_flush(ui, r, 1);
	runner_said(ui, r, session_end(&r->s, state, r->entry[0] &&
	    r->stage == RUN_NOTE ? r->entry : NULL));
	r->ended = 1;
}

/* On Ctrl-C, TERM or HUP, the whole end waits this long for another
 * writer's lock (not the store's 10 s per record), so the program ends
 * promptly and says what it could not save. */
#define RUNNER_LEAVE_MS 1000

static void
runner_leave_end(struct ui *ui, struct runner *r)
{
	struct store *st = session_store(&r->s);
	const struct runner_save *q;
	char why[600];
	size_t lost = 0;
	int rc;

	while (r->nqueue > 0) {
		q = &r->queue[0];
		rc = session_record_try(&r->s, q->seg, q->done_s, q->skipped,
		    RUNNER_LEAVE_MS);
		if (rc == 1)
			break;
		lost += rc != 0;
		memmove(r->queue, r->queue + 1, --r->nqueue * sizeof *q);
	}
	lost += r->nqueue;
	if (r->nqueue == 0 && st != NULL) {
		store_busy_wait(st, RUNNER_LEAVE_MS);
		runner_end(ui, r, "partial");
		store_busy_wait(st, -1);
	}
	if (lost > 0)
		ui_exit_note(ui, "not saved: %zu step record%s, and the session "
		    "was not closed (another program holds the progress file, "
		    "or it could not be written); it is offered for resuming "
		    "next time", lost, lost == 1 ? "" : "s");
	else if (r->s.ended_state == NULL)
		ui_exit_note(ui, "the session was not closed: %s",
		    runner_reason(r, why, sizeof why));
}

static void
runner_leave(struct ui *ui, void *state)
{
	struct runner *r = state;

	/* Quit, Ctrl-C, TERM, HUP: what finished is stored; mark partial.
	 * When that fails no screen is left to say so: stderr will. */
	if (r->stage != RUN_BROKEN && !r->ended && r->s.id > 0)
		runner_leave_end(ui, r);
	ui_view_free(r->view);
	session_free(&r->s);
	free(r->queue);
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
	r->pain_halfway = 0;
	r->entry[0] = '\0';
	timer_pause(&r->tm, now);
}

/*
 * P1: a step stopped for pain leaves out the rest of its work (when
 * asked halfway, or with r), stored as skipped; the timer waits paused
 * at the step's end.
 */
static void
runner_stop_step(struct ui *ui, struct runner *r)
{
	int64_t now = clock_monotonic_ms();
	size_t end = session_step_end(&r->s, r->tm.seg, r->pain_step), i;
	long part;

	for (i = r->tm.seg; i < end; i++) {
		part = i == r->tm.seg ? (long)(timer_done_ms(&r->tm, now) /
		    1000) : 0;
		runner_said(ui, r, session_record(&r->s, i, part, 1));
		r->done_s += part;
	}
	if (end != r->tm.seg) {
		timer_start(&r->tm, &r->s.tl, end, now);
		timer_pause(&r->tm, now);
	}
}

/* The answer to the step's pain question; Enter alone goes on. */
static void
runner_step_pain_done(struct ui *ui, struct runner *r)
{
	int pain = -1, spreading = 0, numb = 0, recheck = 0, rc = 0;

	if (r->entry[0] != '\0') {
		if (painmon_parse_answer(r->entry, &pain, &spreading,
		    &numb) != 0) {
			ui_message(ui, "%sType 0-10 (add s if sharp or "
			    "spreading), or n, then Enter.",
			    painmon_refused(r->entry));
			return;
		}
		/* Decided from what was typed; the store's failure is
		 * said beside it. */
		rc = session_step_pain(&r->s, r->pain_step, pain, spreading,
		    numb, &recheck, &r->advice);
		runner_said(ui, r, r->advice.unsaved ? -1 : 0);
	}
	r->entry[0] = '\0';
	if (recheck) {
		memset(&r->recheck, 0, sizeof r->recheck);
		r->recheck.mid_session = 1;
		r->awaiting_recheck = 1;
		ui_push(ui, &ui_recheck_screen, &r->recheck);
	}
	r->ended_early |= rc == 1;
	/* Halfway through a walk, stopping is turning back: the way back
	 * runs, with its cue. */
	if (rc == 0 && !numb && !r->pain_halfway && painmon_classify(pain,
	    spreading) == PAINMON_STOP) {
		/* P1: offer its easier level now, else stop the step. */
		if (r->advice.easier != NULL) {
			r->stage = RUN_OFFER_EASIER;
			return;
		}
		runner_stop_step(ui, r);
	}
	if (rc == 1 || timer_finished(&r->tm)) {
		r->stage = RUN_PAIN_AFTER;
		return;
	}
	r->stage = RUN_STEPS;
	timer_resume(&r->tm, clock_monotonic_ms());
}

/* Segment i ran out: it is stored with the time it really ran (+ and -
 * change it), and as skipped when - cut it to under half. */
static void
runner_ran_out(struct ui *ui, struct runner *r, size_t i)
{
	long ran = timer_ran_s(&r->tm);
	int cut = !r->s.tl.seg[i].rest &&
	    timer_cut_short(r->s.tl.seg[i].seconds, ran);

	runner_save(ui, r, i, ran, cut);
	r->done_s += ran;
	r->cut += cut;
}

/* P1's offer: y does the step again at its easier level; any other key
 * stops the step. */
static void
runner_key_offer(struct ui *ui, struct runner *r, const struct ui_key *k)
{
	int64_t now = clock_monotonic_ms();

	r->advice.easier = NULL;        /* answered: the offer is gone */
	if (k->action == UI_CHAR && (k->ch == 'y' || k->ch == 'Y')) {
		timer_start(&r->tm, &r->s.tl, session_try_easier(&r->s,
		    r->pain_step), now);
		r->stage = RUN_STEPS;
		return;
	}
	runner_stop_step(ui, r);
	if (timer_finished(&r->tm)) {
		r->stage = RUN_PAIN_AFTER;
		r->entry[0] = '\0';
		return;
	}
	r->stage = RUN_STEPS;
	timer_resume(&r->tm, now);
}

static int64_t
runner_tick_steps(struct ui *ui, struct runner *r, int64_t now)
{
	enum timer_event ev;
	size_t done;

	/* Back from P2's emergency questions: unanswered, or calling for
	 * care, the session stops there, with no pain rating or comfort,
	 * and no routine until a check is saved. */
	if (r->awaiting_recheck && (r->recheck.done || r->recheck.cancelled ||
	    ui_on_top(ui, r))) {
		r->awaiting_recheck = 0;
		/* Unanswered or not saved, nothing else records what was
		 * reported (its event may have failed too): hold. */
		if (!r->recheck.done || r->recheck.unsaved ||
		    ui_app(ui)->check_unsaved)
			checkflow_hold(ui_app(ui), "new numbness or weakness was "
			    "reported during a session and the emergency "
			    "questions were not answered or not saved");
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
		runner_ran_out(ui, r, done);
		ui_alert(ui);
		ui_dirty(ui);
		if (session_asks_step_pain(&r->s, done)) {
			runner_ask_step_pain(r, r->s.tl.seg[done].step, now);
			r->pain_halfway = r->s.tl.seg[done].half == 1;
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

/* Records that wait for a lock are tried again every RUNNER_RETRY_MS,
 * whatever the stage; the countdown goes on meanwhile. */
static int64_t
runner_tick(struct ui *ui, void *state, int64_t now)
{
	struct runner *r = state;
	int64_t next;

	if (r->nqueue > 0 && now >= r->retry_at)
		runner_flush(ui, r, 0);
	next = runner_tick_steps(ui, r, now);
	if (r->nqueue > 0 && (next < 0 || next > r->retry_at))
		next = r->retry_at;
	return next;
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

/* Edits the entry with a key; returns -1 when a character did not fit
 * in max bytes. */
static int
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
		if (n + len >= max)
			return -1;
		memcpy(r->entry + n, buf, len);
		r->entry[n + len] = '\0';
	}
	return 0;
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
	int skip;

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
			/* Run for half its planned time (before + and -),
			 * a step is done, whichever key ended it. */
			part = (long)(timer_done_ms(&r->tm, now) / 1000);
			skip = r->s.tl.seg[cur].rest ||
			    timer_cut_short(r->s.tl.seg[cur].seconds, part);
			runner_save(ui, r, cur, part, skip);
			r->done_s += part;
			r->skipped += skip;
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

/*
 * P2 at the rating before or after (pain, or -1): the E1 questions now.
 * Before, the session stops there; runner_tick ends it for care when the
 * questions are left or find a warning sign.
 */
static void
runner_p2(struct ui *ui, struct runner *r, int pain)
{
	int after = r->stage == RUN_PAIN_AFTER;

	memset(&r->advice, 0, sizeof r->advice);
	runner_said(ui, r, session_new_symptoms(&r->s, &r->advice));
	if (r->stage == RUN_PAIN_BEFORE) {
		r->pain_before = pain;
		r->ended_early = 1;
	} else
		r->pain_after = pain;
	r->stage = RUN_NOTE;
	memset(&r->recheck, 0, sizeof r->recheck);
	r->recheck.mid_session = after ? 2 : 0;   /* "After the session" */
	r->awaiting_recheck = 1;
	ui_push(ui, &ui_recheck_screen, &r->recheck);
}

/* The pain before or after: a rating, or Enter alone to skip. */
static void
runner_key_pain(struct ui *ui, struct runner *r, const struct ui_key *k)
{
	struct store *st = ui_app(ui)->store;
	int p, flare = 0, numb = 0;

	if (k->action == UI_ENTER) {
		p = runner_pain(r->entry);
		/* In an exercise routine f (before) says the back flared up,
		 * and n (P2, at any time) new numbness or weakness. */
		if (r->s.routine->exercise && r->entry[0] != '\0' &&
		    (r->stage == RUN_PAIN_BEFORE ? painmon_parse_before(
		    r->entry, &p, &flare, &numb) : painmon_parse_after(
		    r->entry, &p, &numb)) != 0)
			p = -2;
		if (p == -2) {
			ui_message(ui, "%sType a number from 0 (no pain) to "
			    "10, or just Enter to skip.",
			    painmon_refused(r->entry));
			return;
		}
		/* Unrated, an exercise routine may still run one level
		 * lower (P4). */
		if ((p >= 0 || flare || (r->stage == RUN_PAIN_BEFORE &&
		    r->s.routine->exercise)) && st != NULL) {
			if (r->stage == RUN_PAIN_AFTER)
				runner_said(ui, r, session_pain_after(&r->s, p,
				    &r->advice));
			else
				runner_said(ui, r, session_pain_before(&r->s, p,
				    flare, &r->advice));
		}
		r->entry[0] = '\0';
		if (numb) {
			runner_p2(ui, r, p);
			return;
		}
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
	    (r->s.routine->exercise && (k->ch == 'n' || k->ch == 'N' ||
	    k->ch == ' ' || (k->ch == 'f' && r->stage ==
	    RUN_PAIN_BEFORE))))))
		runner_key_entry(r, k, 8);
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
			char *no = session_gate_again(&r->s);

			if (no != NULL) {
				/* Closed while the preview was open. */
				snprintf(r->error, sizeof r->error, "%s", no);
				free(no);
				r->stage = RUN_BROKEN;
			} else if (runner_begin(r, 0, 0) != 0)
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
	case RUN_OFFER_EASIER:
		runner_key_offer(ui, r, k);
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
		} else if (runner_key_entry(r, k, sizeof r->entry) != 0)
			ui_message(ui, "The note is full: Enter saves it.");
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

const struct ui_screen ui_runner_screen = {
	.name = "Routine",
	.enter = runner_enter,
	.key = runner_key,
	.tick = runner_tick,
	.draw = ui_runner_draw,
	.leave = runner_leave,
	.resumed = runner_resumed,
	.help = runner_help,
};
