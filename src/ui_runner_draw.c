/*
 * ui_runner_draw.c: how the runner looks in each stage: the preview, the
 * countdown in big digits with progress bars and the step's instructions,
 * the pain questions, the note and the summary (ui_runner.c has the keys
 * and the timer).
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

/* The pain rules' last words, then P6's harder or P4's easier version
 * of each step, at the top of the step's view: there they scroll with
 * the instructions, so on a small screen they push nothing out of reach
 * and the countdown stays in sight. */
static void
runner_add_advice(struct runner *r, struct ui_view *v)
{
	const struct routine_step *st;
	const char *text;
	size_t i;

	for (i = 0; i < r->advice.n; i++) {
		ui_view_add(v, UI_ROLE_WARNING, 0, r->advice.line[i]);
		if (i == 0 && r->advice.easier != NULL)
			ui_view_addf(v, UI_ROLE_NORMAL, 0, "Easier version: "
			    "%s.", r->advice.easier);
	}
	for (i = 0; (r->advice.ready || r->advice.lower) &&
	    i < r->s.routine->nsteps; i++) {
		st = &r->s.routine->steps[i];
		text = r->advice.ready ? st->harder : st->easier;
		if (text != NULL && !st->skipped)
			ui_view_addf(v, UI_ROLE_NORMAL, 0, "%s: %s: %s.",
			    r->advice.ready ? "Harder" : "Easier", st->title,
			    text);
	}
	if (r->advice.n > 0 || r->advice.ready || r->advice.lower)
		ui_view_add(v, UI_ROLE_NORMAL, 0, "");
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
	runner_add_advice(r, v);
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
	if ((r->s.easier_step == seg->step + 1 || r->s.all_easier) &&
	    st->easier != NULL)
		ui_view_addf(v, UI_ROLE_EMPHASIS, 0, "Easier version: %s.",
		    st->easier);
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
	/* Narrow, + and - give way (help has them) to quit and help. */
	ui_draw_status(ui, rows - 1, cols, cols >= 56 ? "Space pause  n next  "
	    "p back  +/- 10 s  q quit  ? keys" : "Space pause  n/p step  "
	    "q quit  ? keys");
}

/* The summary's first words: how the session ended, and whether that is
 * on record.  Nothing here claims "saved" when a store call failed. */
static void
runner_add_outcome(struct runner *r, struct ui_view *v)
{
	char why[600];
	const char *state = r->s.ended_state;

	if (r->for_care)
		ui_view_add(v, UI_ROLE_DANGER, 0, "Stopped for your safety: "
		    "follow the advice of the emergency questions. The routines "
		    "stay locked until a safety check says otherwise.");
	else if (r->ended_early)
		ui_view_add(v, UI_ROLE_WARNING, 0, r->s.stopped >=
		    PAINMON_STOPS_TO_END ? painmon_end_text : "The session "
		    "ended when you reported new numbness, weakness, or a "
		    "change in your bladder or bowels.");
	if (r->s.unsaved) {
		ui_view_addf(v, UI_ROLE_WARNING, 0, "Not everything was saved: "
		    "%s.", runner_reason(r, why, sizeof why));
		if (state == NULL)
			ui_view_add(v, UI_ROLE_WARNING, 0, "The end of this "
			    "session is not on record: it stays unfinished in "
			    "your progress file.");
	} else if (r->for_care)
		;
	else if (r->ended_early)
		ui_view_add(v, UI_ROLE_NORMAL, 0, "This session is saved as "
		    "partial.");
	else if (state != NULL && strcmp(state, "completed") != 0 &&
	    !r->quit_early)
		ui_view_add(v, UI_ROLE_WARNING, 0, "Every step was skipped "
		    "or cut short: this session is saved as partial and does "
		    "not count toward your plan.");
	else
		ui_view_add(v, r->quit_early ? UI_ROLE_WARNING : UI_ROLE_GOOD,
		    0, r->quit_early ? "Stopped early: what you did is saved." :
		    "Well done: routine finished.");
}

static void
runner_draw_summary(struct ui *ui, struct runner *r, int rows, int cols)
{
	struct ui_view *v = r->view;
	char done[16], planned[16], *net, *care;

	if (r->view_for != RUN_SUMMARY + 10000) {
		ui_view_home(v);
		r->view_for = RUN_SUMMARY + 10000;
	}
	ui_view_begin(v, cols - 5);
	runner_add_outcome(r, v);
	ui_view_add(v, UI_ROLE_NORMAL, 0, "");
	util_format_clock(r->done_s, done, sizeof done);
	util_format_clock(r->s.tl.total, planned, sizeof planned);
	ui_view_addf(v, UI_ROLE_NORMAL, 0, "Time done: %s of %s.", done,
	    planned);
	if (r->skipped > 0)
		ui_view_addf(v, UI_ROLE_NORMAL, 0, "Parts skipped with n: %d.",
		    r->skipped);
	if (r->cut > 0)
		ui_view_addf(v, UI_ROLE_NORMAL, 0, "Parts cut to under half "
		    "with -, saved as skipped: %d.", r->cut);
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
	/* After a warning sign in P2's questions, their verdict's words
	 * stand in for "needs the safety questions again". */
	care = r->recheck.done && r->recheck.verdict != VERDICT_NONE ?
	    advice_headline_stored(r->recheck.verdict, "E1",
	    ui_app(ui)->emergency_number) : NULL;
	if (care != NULL)
		ui_view_add(v, UI_ROLE_DANGER, 0, care);
	free(care);
	for (size_t i = 0; i < r->advice.n; i++) {
		if ((r->ended_early && r->advice.line[i] == painmon_end_text) ||
		    (r->recheck.done && r->recheck.verdict != VERDICT_NONE &&
		    r->advice.line[i] == painmon_new_symptoms_text))
			continue;   /* said first */
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
	ui_draw_status(ui, rows - 1, cols, r->s.unsaved ? "Not all of it was "
	    "saved.  Enter to go back" : "Saved.  Enter to go back");
}

/* An entry field, "> " and the text with the cursor after it: a long
 * text shows its end, so what is typed is always in sight. */
static void
runner_draw_field(struct ui *ui, const struct runner *r, int row, int cols)
{
	char *tail = text_fit_tail(r->entry, cols - 6 - 3);
	char *line = xasprintf("> %s_", tail);

	ui_put(ui, row, 4, cols - 6, UI_ROLE_SELECTED, line);
	free(line);
	free(tail);
}

/* A question starts at its top, whatever the view showed before it. */
static void
runner_view_top(struct runner *r)
{
	if (r->view_for != (int)r->stage + 20000) {
		ui_view_home(r->view);
		r->view_for = (int)r->stage + 20000;
	}
}

/* The pain ratings and the note: a question and a field. */
static void
runner_draw_entry(struct ui *ui, struct runner *r, int rows, int cols)
{
	struct ui_view *v = r->view;
	int used;

	runner_view_top(r);
	ui_view_begin(v, cols - 5);
	if (r->stage == RUN_NOTE)
		ui_view_add(v, UI_ROLE_EMPHASIS, 0, "A note for your therapist "
		    "(optional):");
	else {
		ui_view_add(v, UI_ROLE_EMPHASIS, 0, r->stage ==
		    RUN_PAIN_BEFORE ? "Before you start: how much does your "
		    "back hurt now?" : r->quit_early ? "You stopped early. "
		    "How much does your back hurt now?" : r->ended_early ?
		    "The session ended early. How much does your back hurt "
		    "now?" : "Finished. How much does your back hurt now?");
		/* Short enough to fit whole at 40x12: these keys do not
		 * scroll. */
		ui_view_add(v, UI_ROLE_NORMAL, 0, !r->s.routine->exercise ?
		    "0 = no pain, 10 = the worst pain you can imagine" :
		    r->stage == RUN_PAIN_BEFORE ? "0 = no pain, 10 = the "
		    "worst; add f if your back has flared up; n for new "
		    "numbness, weakness, or bladder or bowel change." :
		    "0 = no pain, 10 = the worst pain you can imagine; n for "
		    "new numbness, weakness, or bladder or bowel change.");
	}
	used = (int)ui_view_lines(v);
	if (used > rows - 6)
		used = rows - 6;
	ui_view_draw(ui, v, 2, 2, used);
	runner_draw_field(ui, r, 3 + used, cols);
	ui_draw_status(ui, rows - 1, cols, r->stage == RUN_NOTE ? "Type a "
	    "note, Enter to finish" : "Type 0-10 and Enter, or Enter to skip");
}

/* P1's question after an exercise step.  Its last sentence (n for new
 * numbness or weakness) is the only way to P2's emergency questions from
 * a session, so the text gets every row but the entry's: at 40x12 the
 * title, the six rows of text and the entry just fit. */
static void
runner_draw_step_pain(struct ui *ui, struct runner *r, int rows, int cols)
{
	char line[200];
	int gap = rows >= 16, row = 2 + gap;

	snprintf(line, sizeof line, "How is your back %s \"%s\"?",
	    r->pain_halfway ? "halfway through" : "after",
	    r->s.routine->steps[r->pain_step].title);
	row += ui_put_wrapped(ui, row, 2, 2, cols - 4, UI_ROLE_EMPHASIS, line);
	row += gap;
	row += ui_put_wrapped(ui, row, 2, rows - row - 2 - gap, cols - 4,
	    UI_ROLE_NORMAL, "0 = no pain, 10 = the worst you can imagine. "
	    "Add s if the pain is sharp, shooting, or spreading down your "
	    "leg. Type n for new numbness, weakness, or a change in your "
	    "bladder or bowels.");
	runner_draw_field(ui, r, row + gap, cols);
	ui_draw_status(ui, rows - 1, cols, "Type 0-10 and Enter, or Enter to "
	    "go on");
}

/* P1's offer after a step stopped for pain: its easier level, now. */
static void
runner_draw_offer(struct ui *ui, struct runner *r, int rows, int cols)
{
	struct ui_view *v = r->view;

	runner_view_top(r);
	ui_view_begin(v, cols - 5);
	ui_view_add(v, UI_ROLE_WARNING, 0, painmon_step_text(PAINMON_STOP));
	ui_view_addf(v, UI_ROLE_EMPHASIS, 0, "Try the easier version of "
	    "\"%s\" now?", r->s.routine->steps[r->pain_step].title);
	ui_view_addf(v, UI_ROLE_NORMAL, 0, "Easier version: %s.",
	    r->advice.easier != NULL ? r->advice.easier : "");
	ui_view_draw(ui, v, 2, 2, rows - 3);
	ui_draw_status(ui, rows - 1, cols, "y try it now  other keys: skip "
	    "this step");
}

void
ui_runner_draw(struct ui *ui, void *state, int rows, int cols)
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
	case RUN_OFFER_EASIER:
		runner_draw_offer(ui, r, rows, cols);
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
	/* A record waits for another program's lock (ui_runner.c tries
	 * again): said, so the wait is not a silent freeze. */
	if (r->nqueue > 0 && r->stage != RUN_CONFIRM_QUIT)
		ui_draw_status(ui, rows - 1, cols, "Waiting for the progress "
		    "file (another program is writing it)...");
}
