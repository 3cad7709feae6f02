/*
 * cmd_run.c: "backcare run ROUTINE --plain", a routine as timed text cues
 * for screen readers and scripts: a line at each step, side, repeat and
 * rest, and every 10 seconds.  Same gating, re-check and records as the
 * routine screen (session.c).
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "advice.h"
#include "app.h"
#include "checkflow.h"
#include "clock.h"
#include "cmd.h"
#include "cmd_run.h"
#include "diag.h"
#include "layout.h"
#include "movement_due.h"
#include "painmon.h"
#include "recheck.h"
#include "screener.h"
#include "session.h"
#include "timer.h"
#include "store.h"
#include "text.h"
#include "util.h"

enum { RUN_OPT_PLAIN = 1, RUN_OPT_RESUME };

struct run_opts {
	int plain;
	int resume;
};

static volatile sig_atomic_t run_stop;

static void
run_on_signal(int sig)
{
	run_stop = sig;
}

static int
cmd_run_option(void *ctx, int id, const char *arg)
{
	struct run_opts *o = ctx;

	(void)arg;
	if (id == RUN_OPT_PLAIN)
		o->plain = 1;
	else
		o->resume = 1;
	return 0;
}

/* Prints a line stamped with the time since the start, and flushes it
 * (a script or screen reader must see each cue when it happens). */
static void
run_say(int64_t start, const char *fmt, ...) BC_PRINTF(2, 3);

static void
run_say(int64_t start, const char *fmt, ...)
{
	va_list ap;
	char when[16], *msg, *safe;

	util_format_clock((long)((clock_monotonic_ms() - start) / 1000), when,
	    sizeof when);
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	safe = text_for_terminal(msg, strlen(msg));
	printf("%s %s\n", when, safe);
	fflush(stdout);
	free(msg);
	free(safe);
}

/*
 * A step's instructions, once, when it starts: how to do it and when to
 * stop, for whoever cannot see the screen's version (a screen reader, a
 * script).  Indented under the step's line.
 */
static void
run_instructions(struct session *s, const struct routine_step *rs)
{
	if (rs->instructions == NULL || rs->instructions[0] == '\0')
		return;
	if (cmd_print_markdown(s->app, rs->instructions, 2) != 0)
		run_print("(the instructions could not be laid out)");
	fflush(stdout);
}

/* Announces segment i; fresh: the first step segment after --resume,
 * which says the step's instructions wherever in the step it starts. */
static void
run_announce(struct session *s, size_t i, int fresh, int64_t start)
{
	const struct segment *seg = &s->tl.seg[i];
	const struct routine_step *rs = &s->routine->steps[seg->step];
	char where[64] = "", *cue = timeline_cue(s->routine, &s->tl, i);
	char *what;
	int first = fresh || (seg->rep == 1 && seg->side <= 1 &&
	    seg->set <= 1 && seg->half <= 1);

	if (seg->rest) {
		run_say(start, "%s", cue);
		free(cue);
		return;
	}
	if (routine_step_is_exercise(rs)) {
		if (first) {
			what = routine_step_summary(rs);
			run_say(start, "step %zu/%zu: %s (%s)", seg->step + 1,
			    s->routine->nsteps, rs->title, what);
			free(what);
			if ((s->easier_step == seg->step + 1 ||
			    s->all_easier) && rs->easier != NULL)
				run_say(start, "easier version: %s", rs->easier);
			if (rs->note != NULL)
				run_say(start, "note: %s", rs->note);
			run_instructions(s, rs);
		}
		/* Each counted rep rings, so the person need not look. */
		if (*cue != '\0') {
			if (s->app->alerts && (seg->set > 0 || seg->reps > 1))
				fputc('\a', stdout);
			run_say(start, "%s%s%s", seg->side ?
			    timeline_side_name(seg->side) : "", seg->side ?
			    " side, " : "", cue);
		}
		free(cue);
		return;
	}
	free(cue);
	if (seg->side)
		snprintf(where, sizeof where, ", %s side",
		    timeline_side_name(seg->side));
	if (seg->reps > 1)
		snprintf(where + strlen(where), sizeof where - strlen(where),
		    ", repeat %d of %d", seg->rep, seg->reps);
	what = routine_step_summary(rs);
	run_say(start, "step %zu/%zu: %s%s (%s)", seg->step + 1,
	    s->routine->nsteps, rs->title, where, what);
	free(what);
	first = fresh || (seg->rep == 1 && seg->side <= 1);
	if (rs->note != NULL && first)
		run_say(start, "note: %s", rs->note);
	if (first)
		run_instructions(s, rs);
}

/*
 * P1: a step stopped halfway (a walk) leaves out the rest of its work,
 * stored as skipped; *next is where the run goes on.  Returns 0 or -1.
 */
static int
run_skip_step(struct session *s, size_t from, size_t step, size_t *next)
{
	size_t i;

	*next = session_step_end(s, from, step);
	for (i = from; i < *next; i++)
		if (run_said(s, session_record(s, i, 0, 1)) != 0)
			return -1;
	return 0;
}

/* Runs the timeline from position from; returns 0 done, -1 stopped, 1
 * ended by the pain rules. */
static int
run_timeline(struct session *s, size_t from, int64_t start)
{
	struct timer tm;
	size_t last = (size_t)-1;
	int fresh = from > 0;
	int64_t now, left, next_cue;
	long shown;
	char buf[16];

	timer_start(&tm, &s->tl, from, clock_monotonic_ms());
	while (!timer_finished(&tm)) {
		if (run_stop)
			return -1;
		now = clock_monotonic_ms();
		if (tm.seg != last) {
			run_announce(s, tm.seg, fresh, start);
			fresh &= s->tl.seg[tm.seg].rest;
			last = tm.seg;
		}
		if (timer_tick(&tm, now) != TIMER_NONE) {
			if (run_said(s, session_record(s, tm.seg - 1,
			    s->tl.seg[tm.seg - 1].seconds, 0)) != 0)
				return -1;
			if (session_asks_step_pain(s, tm.seg - 1)) {
				size_t step = s->tl.seg[tm.seg - 1].step;
				size_t next = tm.seg;
				int half = s->tl.seg[tm.seg - 1].half == 1, rc;

				/* Halfway: "turn back now" first, then the
				 * question about it. */
				if (half) {
					run_announce(s, tm.seg, 0, start);
					last = tm.seg;
				}
				rc = run_step_pain(s, step, half);

				if (rc == 1 || rc < 0)
					return rc > 0 ? 1 : -1;
				if (rc == RUN_EASIER)
					next = session_try_easier(s, step);
				else if (rc == RUN_STOPPED &&
				    run_skip_step(s, tm.seg, step, &next) != 0)
					return -1;
				/* The answer took time of its own. */
				timer_start(&tm, &s->tl, next,
				    clock_monotonic_ms());
				if (!half)      /* halfway: said above */
					last = (size_t)-1;
			}
			continue;
		}
		/* The next 10-second cue, or the end of the segment. */
		left = timer_remaining_ms(&tm, now);
		shown = (long)((left + 999) / 1000);
		next_cue = now + left;
		if (shown > 10) {
			long to_cue = (shown - 1) % 10 + 1;
			int64_t at = now + left - (shown - to_cue) * 1000;
			if (at < next_cue)
				next_cue = at;
		}
		clock_sleep_until(next_cue);
		now = clock_monotonic_ms();
		left = timer_remaining_ms(&tm, now);
		if (!run_stop && left > 0 && (left + 999) / 1000 % 10 == 0) {
			util_format_clock((long)((left + 999) / 1000), buf,
			    sizeof buf);
			run_say(start, "%s: %s left", s->tl.seg[tm.seg].rest ?
			    "rest" : s->routine->steps[s->tl.seg[tm.seg].step]
			    .title, buf);
		}
	}
	return 0;
}

/* Refuses or re-checks per the gate.  Returns 0 to go on, else status. */
static int
run_gate(struct session *s)
{
	enum verdict v;
	int rc;

	switch (s->gate) {
	case GATE_OPEN:
		return 0;
	case GATE_RECHECK:
		/* A warning sign's advice, or why it was not saved, is
		 * already printed. */
		if ((rc = run_recheck(s, &v)) == 0)
			return 0;
		if (rc > 0 && v != VERDICT_NONE)
			util_warn("the routine will not start: the emergency "
			    "questions found a warning sign");
		return CMD_FAIL;
	default:
		util_warn("%s", safety_gate_reason(s->gate));
		return CMD_FAIL;
	}
}

/* Says which steps the safety check leaves out or changes, and why. */
static void
run_print_notes(const struct session *s)
{
	const struct routine_step *st;
	size_t k;

	for (k = 0; k < s->routine->nsteps; k++) {
		st = &s->routine->steps[k];
		if (st->note != NULL)
			run_print("%s: step %zu (%s): %s", st->skipped ?
			    "left out" : "changed", k + 1, st->title, st->note);
	}
}

/*
 * --resume of a session another live process runs is refused (unless an
 * abandoned session of the routine is there to resume instead).
 * Returns 0 to go on, -1 after saying why not.
 */
static int
run_refuse_live(struct store *st, const char *id)
{
	int64_t live, old;
	char *routine = NULL;
	long pid;
	int from, mine;

	if (store_session_live(st, id, &live, &pid) != 1)
		return 0;
	mine = store_session_unfinished(st, &old, &routine, &from) == 1 &&
	    strcmp(routine, id) == 0;
	free(routine);
	if (mine)
		return 0;
	util_warn("run --resume: %s", session_live_message(live, pid));
	return -1;
}

/*
 * The session to resume (*old_id, 0 for a new one) and the position to
 * start from.  An abandoned session that is not resumed is closed as
 * partial; one another live copy runs is left alone, and --resume of it
 * refused.  Returns 0, or -1 after saying why not.
 */
static int
run_find_resume(struct store *st, const char *id, int resume,
    int64_t *old_id, int *from)
{
	char *old_routine = NULL;
	long pid;

	*old_id = 0;
	*from = 0;
	if (resume && run_refuse_live(st, id) != 0)
		return -1;
	if (store_session_unfinished(st, old_id, &old_routine, from) != 1) {
		*old_id = 0;
		*from = 0;
		return 0;
	}
	if (!resume || strcmp(old_routine, id) != 0) {
		/* Not resumed: the old session stays as it ended (unless
		 * another copy has resumed it meanwhile: it is left alone). */
		(void)store_session_close_abandoned(st, *old_id,
		    clock_wall_s(), &pid);
		*old_id = 0;
		*from = 0;
	}
	free(old_routine);
	return 0;
}

/*
 * After a step could not be stored (a full disk, say): closes the session
 * as partial in a transaction of its own when there is room for it, and
 * says on stderr what was kept and what was not.
 */
static void
run_store_failed(struct session *s, struct store *st)
{
	const struct segment *seg = &s->tl.seg[s->recorded_to];
	const char *title = seg->rest ? "rest" :
	    s->routine->steps[seg->step].title;
	char kept[48];
	int64_t live;
	long pid;

	/* Taken over by another copy: the session is that copy's now. */
	if (store_session_live(st, s->routine->id, &live, &pid) == 1 &&
	    live == s->id) {
		run_warn("stopped: %s", session_live_message(s->id, pid));
		return;
	}
	if (s->recorded_to > 1)
		snprintf(kept, sizeof kept, "segments 1-%d are kept",
		    s->recorded_to);
	else if (s->recorded_to == 1)
		snprintf(kept, sizeof kept, "segment 1 is kept");
	else
		snprintf(kept, sizeof kept, "no segment was done yet");
	if (store_session_end(st, s->id, "partial", NULL, clock_wall_s())
	    == 0)
		run_warn("stopped: segment %d (%s) was not saved; %s, and "
		    "the session is saved as partial", s->recorded_to + 1,
		    title, kept);
	else
		run_warn("stopped: segment %d (%s) was not saved; %s, but "
		    "the session could not be closed (%s); the next run "
		    "offers to resume it", s->recorded_to + 1, title, kept,
		    store_error(st));
}

/* What follows a finished run: whether it counted (not said when the end
 * was not saved), the prompt from the records, the safety net and what is
 * due. */
static void
run_finish(struct app *app, struct session *s, int lost)
{
	const char *prompt, *due;
	char *net;

	if (!lost && s->ended_state != NULL &&
	    strcmp(s->ended_state, "completed") != 0)
		printf("not counted: every step was skipped, so this session "
		    "is saved as partial and does not count toward your "
		    "plan\n");
	if ((prompt = session_prompt(s)) != NULL)
		printf("prompt: %s\n", prompt);
	net = advice_safety_net(app->emergency_number);
	printf("safety net: %s\n", net);
	free(net);
	if ((due = movement_due_text(movement_due(app, clock_wall_s()), 1)) !=
	    NULL)
		printf("%s\n", due);
}

/*
 * Loads routine id into s, reads the gate (asking the emergency questions
 * when they are due) and finds the session to resume.  Returns 0, or the
 * command's exit status after saying why on stderr; the caller frees s
 * either way.
 */
static int
run_prepare(struct app *app, struct session *s, const char *id, int resume,
    struct store **st, int64_t *old_id, int *from)
{
	struct diag d = DIAG_INIT;
	char *refusal;
	int rc;

	if (session_load(s, app, id, &d) != 0) {
		diag_print(&d, stderr);
		diag_free(&d);
		return CMD_FAIL;
	}
	if ((*st = app_store(app)) == NULL || run_said(s,
	    session_gate(s)) != 0)
		return CMD_FAIL;
	if ((refusal = session_refusal(s, 1)) != NULL) {
		run_print_notes(s);
		util_warn("%s", refusal);
		free(refusal);
		return CMD_FAIL;
	}
	if ((rc = run_gate(s)) != 0)
		return rc;
	if (run_find_resume(*st, id, resume, old_id, from) != 0)
		return CMD_FAIL;
	/* A check saved while "Resume?" waited (another copy) may have
	 * closed the gate. */
	if ((refusal = session_gate_again(s)) != NULL) {
		util_warn("%s", refusal);
		free(refusal);
		return CMD_FAIL;
	}
	return 0;
}

static int
run_plain(struct app *app, const char *id, int resume)
{
	struct session s;
	struct store *st = NULL;
	struct sigaction sa;
	int64_t start, old_id = 0;
	int rc, from = 0, lost = 0;
	char total[16];

	if ((rc = run_prepare(app, &s, id, resume, &st, &old_id, &from)) !=
	    0) {
		session_free(&s);
		return rc;
	}
	util_format_clock(s.tl.total, total, sizeof total);
	run_print("routine: %s (%s)", s.routine->title, total);
	if (old_id != 0)
		printf("resuming at segment %d\n", from + 1);
	/* The introduction says what you need and when to stop. */
	if (s.routine->intro != NULL && s.routine->intro[0] != '\0')
		layout_write_plain_text(s.routine->intro,
		    strlen(s.routine->intro), app_plain_width(app), stdout);
	if (s.routine->week > 0)
		printf("week %d of its weekly plan\n", s.routine->week);
	run_print_notes(&s);
	if (run_said(&s, session_begin(&s, "plain", old_id, from)) != 0) {
		session_free(&s);
		return CMD_FAIL;
	}
	if (old_id == 0 && run_before(&s, &rc) != 0) {
		session_free(&s);
		return rc;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = run_on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	start = clock_monotonic_ms();
	if ((rc = run_timeline(&s, (size_t)from, start)) > 0) {
		lost = !run_for_care && run_pain_after(&s) != 0;
		lost |= run_said(&s, session_end(&s, "partial", run_for_care ?
		    "stopped for the emergency questions" :
		    "ended by the pain rules")) != 0;
		/* After a failed save (said on stderr) nothing claims that
		 * the session is saved. */
		printf("%s\n", run_for_care ? run_care_text : lost ?
		    "ended early" : "ended early: saved as partial");
		session_free(&s);
		return run_for_care || lost ? CMD_FAIL : CMD_OK;
	}
	if (rc != 0) {
		if (run_stop) {
			lost = run_said(&s, session_end(&s, "partial", NULL))
			    != 0;
			printf("\nstopped%s\n", lost ? "" :
			    ": saved as partial");
		} else
			run_store_failed(&s, st);
		session_free(&s);
		return run_stop && !lost ? 128 + run_stop : CMD_FAIL;
	}
	run_say(start, "done: %s", s.routine->title);
	lost = run_pain_after(&s) != 0;
	lost |= run_said(&s, session_end(&s, "completed", NULL)) != 0;
	if (run_for_care) {
		/* P2 after the session: the verdict's advice stands alone. */
		printf("%s\n", run_care_text);
		session_free(&s);
		return CMD_FAIL;
	}
	run_finish(app, &s, lost);
	session_free(&s);
	return lost ? CMD_FAIL : CMD_OK;
}

static int
cmd_run_exec(struct app *app, int argc, char **argv)
{
	static const struct cmd_option opts[] = {
		{ "plain", no_argument, RUN_OPT_PLAIN },
		{ "resume", no_argument, RUN_OPT_RESUME },
		{ NULL, 0, 0 }
	};
	struct run_opts o = { 0, 0 };
	int first;

	first = cmd_parse_options(app, argc, argv, opts, cmd_run_option, &o);
	if (first < 0)
		return CMD_USAGE;
	if (first >= argc)
		return cmd_usage_error("run", "which routine? (see 'backcare "
		    "routines')");
	if (first + 1 < argc)
		return cmd_usage_error("run", "unexpected argument '%s'",
		    argv[first + 1]);
	if (!o.plain)
		return cmd_usage_error("run", "add --plain for text cues, or "
		    "run backcare without a command for the routine screen");
	return run_plain(app, argv[first], o.resume);
}

const struct cmd_entry cmd_run_entry = {
	"run", "ROUTINE --plain [--resume]",
	"run a routine as timed text cues",
	cmd_run_exec
};
