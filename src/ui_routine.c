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

#include <cmark.h>
#include <curses.h>

#include "app.h"
#include "clock.h"
#include "diag.h"
#include "advice.h"
#include "checkflow.h"
#include "layout.h"
#include "recheck.h"
#include "screener.h"
#include "session.h"
#include "store.h"
#include "text.h"
#include "ui.h"
#include "util.h"

/* ---- the list ---------------------------------------------------------- */

struct rlist {
	struct routine_entry *e;
	size_t n;
	size_t sel;
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

	ui_dirty(ui);
	if (l->asking_resume) {
		if (k->action != UI_CHAR)
			return;
		l->asking_resume = 0;
		if (k->ch == 'y' || k->ch == 'Y')
			rlist_start(ui, l, l->resume_routine, l->resume_id,
			    l->resume_pos, 0);
		else if (st != NULL)
			store_session_end(st, l->resume_id, "partial", NULL,
			    clock_wall_s());
		return;
	}
	switch (k->action) {
	case UI_UP:
		if (l->sel > 0)
			l->sel--;
		break;
	case UI_DOWN:
		if (l->sel + 1 < l->n)
			l->sel++;
		break;
	case UI_HOME:
		l->sel = 0;
		break;
	case UI_END:
		l->sel = l->n > 0 ? l->n - 1 : 0;
		break;
	case UI_ENTER:
		if (l->n > 0)
			rlist_start(ui, l, l->e[l->sel].id, 0, 0, 0);
		break;
	case UI_BACK:
		ui_pop(ui);
		break;
	default:
		break;
	}
}

static void
rlist_draw(struct ui *ui, void *state, int rows, int cols)
{
	struct rlist *l = state;
	enum gate_state g = rlist_gate(ui);
	char line[256], when[16];
	size_t i;
	int row;

	ui_draw_title(ui, cols, "Routines");
	row = 2 + ui_put_wrapped(ui, 2, 2, 3, cols - 4, safety_gate_open(g) ?
	    UI_ROLE_GOOD : UI_ROLE_WARNING, safety_gate_reason(g));
	row++;
	for (i = 0; i < l->n && row < rows - 3; i++, row++) {
		util_format_clock(l->e[i].total, when, sizeof when);
		snprintf(line, sizeof line, " %-6s %s ", when, l->e[i].title);
		ui_put(ui, row, 2, cols - 4, i == l->sel ? UI_ROLE_SELECTED :
		    UI_ROLE_NORMAL, line);
	}
	if (l->n == 0)
		ui_put(ui, row++, 2, cols - 4, UI_ROLE_DIM,
		    "No routines were found.");
	if (l->problems[0] != '\0' && row < rows - 2)
		ui_put_wrapped(ui, row + 1, 2, 2, cols - 4, UI_ROLE_WARNING,
		    l->problems);
	if (l->asking_resume) {
		snprintf(line, sizeof line, "An unfinished %s session was "
		    "found. Resume it from where it stopped? y/n",
		    l->resume_routine);
		ui_draw_status(ui, rows - 1, cols, line);
	} else
		ui_draw_status(ui, rows - 1, cols,
		    "Up/Down choose  Enter start  ? keys  q back");
}

static const struct ui_help rlist_help[] = {
	{ "Up, Down", "choose a routine" },
	{ "Home, End", "the first or last routine" },
	{ "Enter", "start it (after the emergency questions if due)" },
	{ "y, n", "resume an unfinished session, or not" },
	{ "q, Esc", "back to the home screen" },
	{ NULL, NULL }
};

const struct ui_screen ui_routines_screen = {
	"Routines", rlist_enter, rlist_key, rlist_tick, rlist_draw,
	rlist_leave, NULL, rlist_help
};

/* ---- the runner ------------------------------------------------------- */

enum run_stage {
	RUN_PAIN_BEFORE,
	RUN_STEPS,
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
	int ended;               /* the session row has its end state */
	const char *prompt;      /* from the records once it ended, or NULL */
	char error[1024];
	struct layout *lay;      /* the current step's instructions */
	size_t lay_step;
	int lay_width;
};

static void *
runner_enter(struct ui *ui, void *arg)
{
	const struct runner_arg *a = arg;
	struct runner *r = xcalloc(1, sizeof *r);
	struct diag d = DIAG_INIT;
	char *refusal;
	int ok;

	r->pain_before = r->pain_after = -1;
	r->lay_step = (size_t)-1;
	ok = session_load(&r->s, ui_app(ui), a->id, &d) == 0 &&
	    session_gate(&r->s) == 0;
	/* A routine the safety check leaves nothing of is not started. */
	if (ok && (refusal = session_refusal(&r->s, 0)) != NULL) {
		snprintf(r->error, sizeof r->error, "%s", refusal);
		free(refusal);
		r->stage = RUN_BROKEN;
		return r;
	}
	if (!ok || session_begin(&r->s, "interactive", a->resume_id,
	    a->resume_pos) != 0) {
		if (d.n > 0)
			snprintf(r->error, sizeof r->error, "%s:%d: %s",
			    d.items[0].file, d.items[0].line, d.items[0].msg);
		else
			snprintf(r->error, sizeof r->error, "The routine could "
			    "not start: the progress file could not be "
			    "written.");
		r->stage = RUN_BROKEN;
		diag_free(&d);
		return r;
	}
	timer_start(&r->tm, &r->s.tl, (size_t)a->resume_pos,
	    clock_monotonic_ms());
	r->stage = a->resume_id > 0 ? RUN_STEPS : RUN_PAIN_BEFORE;
	if (r->stage == RUN_PAIN_BEFORE)
		timer_pause(&r->tm, clock_monotonic_ms());
	return r;
}

static void
runner_end(struct runner *r, const char *state)
{
	if (r->ended || r->s.id <= 0)
		return;
	session_end(&r->s, state, r->entry[0] && r->stage == RUN_NOTE ?
	    r->entry : NULL);
	r->ended = 1;
}

static void
runner_leave(struct ui *ui, void *state)
{
	struct runner *r = state;

	(void)ui;
	/* Quit, Ctrl-C, TERM, HUP: what finished is stored; mark partial. */
	if (r->stage != RUN_BROKEN)
		runner_end(r, "partial");
	layout_free(r->lay);
	session_free(&r->s);
	free(r);
}

static int64_t
runner_tick(struct ui *ui, void *state, int64_t now)
{
	struct runner *r = state;
	enum timer_event ev;
	size_t done;

	if (r->stage != RUN_STEPS)
		return -1;
	while ((ev = timer_tick(&r->tm, now)) != TIMER_NONE) {
		done = r->tm.seg - 1;
		session_record(&r->s, done, r->s.tl.seg[done].seconds, 0);
		ui_alert(ui);
		ui_dirty(ui);
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
runner_key_steps(struct ui *ui, struct runner *r, const struct ui_key *k)
{
	int64_t now = clock_monotonic_ms();
	size_t cur = r->tm.seg;

	if (k->action == UI_BACK) {
		r->stage = RUN_CONFIRM_QUIT;
		return;
	}
	if (k->action == UI_RIGHT || (k->action == UI_CHAR && k->ch == 'n')) {
		if (cur < r->s.tl.n) {
			session_record(&r->s, cur,
			    (long)(timer_done_ms(&r->tm, now) / 1000), 1);
			r->skipped++;
		}
		timer_next(&r->tm, now);
		ui_alert(ui);
		if (timer_finished(&r->tm)) {
			r->stage = RUN_PAIN_AFTER;
			r->entry[0] = '\0';
		}
		return;
	}
	if (k->action == UI_LEFT || (k->action == UI_CHAR && k->ch == 'p')) {
		timer_previous(&r->tm, now);
		ui_alert(ui);
		return;
	}
	if (k->action != UI_CHAR)
		return;
	switch (k->ch) {
	case ' ':
		if (r->tm.paused)
			timer_resume(&r->tm, now);
		else
			timer_pause(&r->tm, now);
		break;
	case '+':
		timer_adjust(&r->tm, now, 10000);
		break;
	case '-':
		timer_adjust(&r->tm, now, -10000);
		break;
	}
}

static void
runner_key(struct ui *ui, void *state, const struct ui_key *k)
{
	struct runner *r = state;
	struct store *st = ui_app(ui)->store;
	int p;

	ui_dirty(ui);
	switch (r->stage) {
	case RUN_PAIN_BEFORE:
	case RUN_PAIN_AFTER:
		if (k->action == UI_ENTER) {
			p = runner_pain(r->entry);
			if (p == -2) {
				ui_message(ui, "Type a number from 0 (no pain) "
				    "to 10, or just Enter to skip.");
				return;
			}
			if (p >= 0 && st != NULL)
				store_session_pain(st, r->s.id,
				    r->stage == RUN_PAIN_AFTER, p);
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
		else if (k->action == UI_BACKSPACE ||
		    (k->action == UI_CHAR && k->ch >= '0' && k->ch <= '9'))
			runner_key_entry(r, k, 3);
		break;
	case RUN_STEPS:
		runner_key_steps(ui, r, k);
		break;
	case RUN_CONFIRM_QUIT:
		if (k->action == UI_CHAR && (k->ch == 'y' || k->ch == 'Y')) {
			runner_end(r, "partial");
			ui_pop(ui);
		} else
			r->stage = RUN_STEPS;
		break;
	case RUN_NOTE:
		if (k->action == UI_ENTER) {
			runner_end(r, "completed");
			r->prompt = session_prompt(&r->s);
			r->stage = RUN_SUMMARY;
		} else
			runner_key_entry(r, k, sizeof r->entry);
		break;
	case RUN_SUMMARY:
	case RUN_BROKEN:
		if (k->action == UI_ENTER || k->action == UI_BACK)
			ui_pop(ui);
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

/* Lays out the current step's instructions at width (cached). */
static struct layout *
runner_layout(struct runner *r, size_t step, int width)
{
	const char *md = r->s.routine->steps[step].instructions;
	cmark_node *doc;

	if (r->lay != NULL && r->lay_step == step && r->lay_width == width)
		return r->lay;
	layout_free(r->lay);
	doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
	r->lay = layout_build(doc, width, 0);
	cmark_node_free(doc);
	r->lay_step = step;
	r->lay_width = width;
	return r->lay;
}

static void
runner_draw_steps(struct ui *ui, struct runner *r, int rows, int cols)
{
	int64_t now = clock_monotonic_ms();
	const struct segment *seg = &r->s.tl.seg[r->tm.seg];
	const struct routine_step *st = &r->s.routine->steps[seg->step];
	struct layout *lay;
	struct buf b = BUF_INIT;
	char clock_text[16], head[256];
	long left = (long)((timer_remaining_ms(&r->tm, now) + 999) / 1000);
	long done_all = timeline_elapsed_before(&r->s.tl, r->tm.seg) +
	    (long)(timer_done_ms(&r->tm, now) / 1000);
	int row = 2, i, big;
	size_t k;

	if (seg->rest)
		snprintf(head, sizeof head, "Rest, then repeat %d of %d: %s",
		    seg->rep + 1, seg->reps, st->title);
	else
		snprintf(head, sizeof head, "Step %zu of %zu: %s%s%s%s",
		    seg->step + 1, r->s.routine->nsteps, st->title,
		    seg->side ? "  -  " : "", seg->side ?
		    timeline_side_name(seg->side) : "", seg->side ? " side" :
		    "");
	ui_put(ui, row++, 2, cols - 4, UI_ROLE_HEADING, head);
	snprintf(head, sizeof head, "%s, %s, %s pressure%s", st->hold ?
	    "hold" : st->stroke, st->region, st->pressure, seg->reps > 1 &&
	    !seg->rest ? "" : "");
	if (seg->reps > 1 && !seg->rest)
		snprintf(head + strlen(head), sizeof head - strlen(head),
		    "  -  repeat %d of %d", seg->rep, seg->reps);
	ui_put(ui, row++, 2, cols - 4, UI_ROLE_DIM, head);
	if (st->note != NULL)
		row += ui_put_wrapped(ui, row, 2, 2, cols - 4, UI_ROLE_WARNING,
		    st->note);
	util_format_clock(left, clock_text, sizeof clock_text);
	row++;
	big = rows >= 22 ? runner_big(ui, row, 4, cols - 8, clock_text) : 0;
	row += big;
	snprintf(head, sizeof head, "%s left%s", clock_text, r->tm.paused ?
	    "  -  PAUSED (Space to go on)" : "");
	ui_put(ui, row, 4, cols - 8, r->tm.paused ? UI_ROLE_WARNING :
	    UI_ROLE_NORMAL, head);
	row += 2;
	runner_bar(ui, row++, 2, cols - 4, seg->seconds - left, seg->seconds,
	    "step   ");
	runner_bar(ui, row++, 2, cols - 4, done_all, r->s.tl.total,
	    "routine");
	row++;
	if (!seg->rest) {
		lay = runner_layout(r, seg->step, cols - 4);
		for (k = 0; k < lay->nlines && row < rows - 3; k++, row++) {
			buf_reset(&b);
			layout_line_text(lay, k, &b);
			ui_put(ui, row, 2, cols - 4, UI_ROLE_NORMAL,
			    b.data ? b.data : "");
		}
	}
	if (r->tm.seg + 1 < r->s.tl.n) {
		const struct segment *nx = &r->s.tl.seg[r->tm.seg + 1];
		i = snprintf(head, sizeof head, "Next: %s", nx->rest ? "rest" :
		    r->s.routine->steps[nx->step].title);
		if (nx->side && !nx->rest)
			snprintf(head + i, sizeof head - (size_t)i, " (%s)",
			    timeline_side_name(nx->side));
	} else
		snprintf(head, sizeof head, "Next: the end");
	ui_put(ui, rows - 2, 2, cols - 4, UI_ROLE_DIM, head);
	buf_free(&b);
	ui_draw_status(ui, rows - 1, cols, "Space pause  n next  p back  "
	    "+/- 10 s  q quit  ? keys");
}

static void
runner_draw_summary(struct ui *ui, struct runner *r, int rows, int cols)
{
	char line[256], *net;
	int row = 2;

	if (r->s.ended_state != NULL &&
	    strcmp(r->s.ended_state, "completed") != 0)
		row += ui_put_wrapped(ui, row, 2, 3, cols - 4, UI_ROLE_WARNING,
		    "Every step was skipped: this session is saved as partial "
		    "and does not count toward your plan.");
	else
		ui_put(ui, row++, 2, cols - 4, UI_ROLE_GOOD, "Well done: "
		    "routine finished.");
	row++;
	snprintf(line, sizeof line, "Time: %ld min %ld s   Segments skipped: "
	    "%d", r->s.tl.total / 60, r->s.tl.total % 60, r->skipped);
	ui_put(ui, row++, 2, cols - 4, UI_ROLE_NORMAL, line);
	if (r->pain_before >= 0 && r->pain_after >= 0)
		snprintf(line, sizeof line, "Pain: %d before, %d after "
		    "(%+d)", r->pain_before, r->pain_after,
		    r->pain_after - r->pain_before);
	else
		snprintf(line, sizeof line, "Pain: not rated");
	ui_put(ui, row++, 2, cols - 4, UI_ROLE_NORMAL, line);
	row++;
	if (r->prompt != NULL)
		row += ui_put_wrapped(ui, row, 2, rows - row - 2, cols - 4,
		    UI_ROLE_WARNING, r->prompt) + 1;
	net = advice_safety_net(ui_app(ui)->emergency_number);
	ui_put_wrapped(ui, row, 2, rows - row - 2, cols - 4, UI_ROLE_NORMAL,
	    net);
	free(net);
	ui_draw_status(ui, rows - 1, cols, "Saved.  Enter to go back");
}

static void
runner_draw(struct ui *ui, void *state, int rows, int cols)
{
	struct runner *r = state;
	char line[200];

	ui_draw_title(ui, cols, r->s.routine != NULL ? r->s.routine->title :
	    "Routine");
	switch (r->stage) {
	case RUN_PAIN_BEFORE:
	case RUN_PAIN_AFTER:
		ui_put(ui, 3, 2, cols - 4, UI_ROLE_EMPHASIS,
		    r->stage == RUN_PAIN_BEFORE ? "Before you start: how "
		    "much does your back hurt now?" : "Finished. How much "
		    "does your back hurt now?");
		ui_put(ui, 5, 2, cols - 4, UI_ROLE_NORMAL,
		    "0 = no pain, 10 = the worst pain you can imagine");
		snprintf(line, sizeof line, "> %s_", r->entry);
		ui_put(ui, 7, 4, cols - 6, UI_ROLE_SELECTED, line);
		ui_draw_status(ui, rows - 1, cols,
		    "Type 0-10 and Enter, or Enter to skip");
		break;
	case RUN_STEPS:
	case RUN_CONFIRM_QUIT:
		if (!timer_finished(&r->tm))
			runner_draw_steps(ui, r, rows, cols);
		if (r->stage == RUN_CONFIRM_QUIT)
			ui_draw_status(ui, rows - 1, cols, "Quit the routine? "
			    "What you finished is saved.  y quit, any other key "
			    "goes on");
		break;
	case RUN_NOTE:
		ui_put(ui, 3, 2, cols - 4, UI_ROLE_EMPHASIS, "A note for your "
		    "therapist (optional):");
		snprintf(line, sizeof line, "> %s_", r->entry);
		ui_put(ui, 5, 4, cols - 6, UI_ROLE_SELECTED, line);
		ui_draw_status(ui, rows - 1, cols, "Type a note, Enter to "
		    "finish");
		break;
	case RUN_SUMMARY:
		runner_draw_summary(ui, r, rows, cols);
		break;
	case RUN_BROKEN:
		ui_put_wrapped(ui, 2, 2, rows - 4, cols - 4, UI_ROLE_WARNING,
		    r->error);
		ui_draw_status(ui, rows - 1, cols, "Enter to go back");
		break;
	}
}

static const struct ui_help runner_help[] = {
	{ "Space", "pause or resume" },
	{ "n, Right", "next step (this one is skipped)" },
	{ "p, Left", "previous step" },
	{ "+, -", "add or take 10 seconds" },
	{ "q, Esc", "quit (asks first; saved as partial)" },
	{ "0-9, Enter", "pain ratings; Enter alone skips" },
	{ NULL, NULL }
};

static const struct ui_screen ui_runner_screen = {
	"Routine", runner_enter, runner_key, runner_tick, runner_draw,
	runner_leave, runner_resumed, runner_help
};
