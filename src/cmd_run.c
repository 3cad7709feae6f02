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
#include "clock.h"
#include "cmd.h"
#include "diag.h"
#include "layout.h"
#include "recheck.h"
#include "screener.h"
#include "session.h"
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

/* Prints a line made safe for the terminal (content can hold escapes). */
static void
run_print(const char *fmt, ...) BC_PRINTF(1, 2);

static void
run_print(const char *fmt, ...)
{
	va_list ap;
	char *msg, *safe;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	safe = text_for_terminal(msg, strlen(msg));
	printf("%s\n", safe);
	free(msg);
	free(safe);
}

/* Asks for a pain rating; -1 when skipped or at end of input. */
static int
run_ask_pain(const char *prompt)
{
	char line[64];
	long v;

	for (;;) {
		printf("%s (0-10, Enter to skip): ", prompt);
		fflush(stdout);
		if (fgets(line, sizeof line, stdin) == NULL) {
			printf("\n");
			return -1;
		}
		if (*util_trim(line) == '\0')
			return -1;
		if (util_parse_long(util_trim(line), 0, 10, &v) == 0)
			return (int)v;
		printf("Please give a number from 0 (no pain) to 10 (worst "
		    "imaginable).\n");
	}
}

static void
run_announce(struct session *s, size_t i, int64_t start)
{
	const struct segment *seg = &s->tl.seg[i];
	const struct routine_step *rs = &s->routine->steps[seg->step];
	char len[16], where[64] = "";

	util_format_clock(seg->seconds, len, sizeof len);
	if (seg->rest) {
		run_say(start, "rest %s, then repeat %d of %d", len,
		    seg->rep + 1, seg->reps);
		return;
	}
	if (seg->side)
		snprintf(where, sizeof where, ", %s side",
		    timeline_side_name(seg->side));
	if (seg->reps > 1)
		snprintf(where + strlen(where), sizeof where - strlen(where),
		    ", repeat %d of %d", seg->rep, seg->reps);
	run_say(start, "step %zu/%zu: %s%s (%s %s; %s, %s, %s pressure)",
	    seg->step + 1, s->routine->nsteps, rs->title, where,
	    rs->hold ? "hold" : "strokes", len, rs->stroke, rs->region,
	    rs->pressure);
	if (rs->note != NULL && seg->rep == 1 && seg->side <= 1)
		run_say(start, "note: %s", rs->note);
}

/* Sleeps until the monotonic time `until`, or a signal. */
static void
run_sleep_until(int64_t until)
{
	int64_t left = until - clock_monotonic_ms();
	struct timespec ts;

	if (left <= 0)
		return;
	ts.tv_sec = left / 1000;
	ts.tv_nsec = (left % 1000) * 1000000;
	nanosleep(&ts, NULL);
}

/* Runs the timeline from position from; returns 0 done, -1 stopped. */
static int
run_timeline(struct session *s, size_t from, int64_t start)
{
	struct timer tm;
	size_t last = (size_t)-1;
	int64_t now, left, next_cue;
	long shown;
	char buf[16];

	timer_start(&tm, &s->tl, from, clock_monotonic_ms());
	while (!timer_finished(&tm)) {
		if (run_stop)
			return -1;
		now = clock_monotonic_ms();
		if (tm.seg != last) {
			run_announce(s, tm.seg, start);
			last = tm.seg;
		}
		if (timer_tick(&tm, now) != TIMER_NONE) {
			if (session_record(s, tm.seg - 1,
			    s->tl.seg[tm.seg - 1].seconds, 0) != 0)
				return -1;
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
		run_sleep_until(next_cue);
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
		if ((rc = recheck_plain(s->app, stdin, stdout, &v)) == 0)
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

static int
run_plain(struct app *app, const char *id, int resume)
{
	struct session s;
	struct diag d = DIAG_INIT;
	struct store *st;
	struct sigaction sa;
	int64_t start, old_id = 0;
	char *old_routine = NULL;
	int rc, from = 0, pain;
	const char *prompt;
	char total[16], *refusal, *net;

	if (session_load(&s, app, id, &d) != 0) {
		diag_print(&d, stderr);
		diag_free(&d);
		session_free(&s);
		return CMD_FAIL;
	}
	if ((st = app_store(app)) == NULL || session_gate(&s) != 0) {
		session_free(&s);
		return CMD_FAIL;
	}
	if ((refusal = session_refusal(&s, 1)) != NULL) {
		run_print_notes(&s);
		util_warn("%s", refusal);
		free(refusal);
		session_free(&s);
		return CMD_FAIL;
	}
	if ((rc = run_gate(&s)) != 0) {
		session_free(&s);
		return rc;
	}
	if (store_session_unfinished(st, &old_id, &old_routine, &from) == 1) {
		if (resume && strcmp(old_routine, id) == 0)
			printf("resuming at segment %d\n", from + 1);
		else {
			/* Not resumed: the old session stays as it ended. */
			store_session_end(st, old_id, "partial", NULL,
			    clock_wall_s());
			old_id = 0;
			from = 0;
		}
	} else
		from = 0;
	free(old_routine);
	util_format_clock(s.tl.total, total, sizeof total);
	run_print("routine: %s (%s)", s.routine->title, total);
	/* The introduction says what you need and when to stop. */
	if (s.routine->intro != NULL && s.routine->intro[0] != '\0')
		layout_write_plain_text(s.routine->intro,
		    strlen(s.routine->intro), app_plain_width(app), stdout);
	run_print_notes(&s);
	if (session_begin(&s, "plain", old_id, from) != 0) {
		session_free(&s);
		return CMD_FAIL;
	}
	if (old_id == 0 && (pain = run_ask_pain("Pain now")) >= 0)
		store_session_pain(st, s.id, 0, pain);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = run_on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	start = clock_monotonic_ms();
	if (run_timeline(&s, (size_t)from, start) != 0) {
		session_end(&s, "partial", NULL);
		printf("\nstopped: saved as partial\n");
		session_free(&s);
		return run_stop ? 128 + run_stop : CMD_FAIL;
	}
	run_say(start, "done: %s", s.routine->title);
	if ((pain = run_ask_pain("Pain now")) >= 0)
		store_session_pain(st, s.id, 1, pain);
	session_end(&s, "completed", NULL);
	if (s.ended_state != NULL && strcmp(s.ended_state, "completed") != 0)
		printf("not counted: every step was skipped, so this session "
		    "is saved as partial and does not count toward your "
		    "plan\n");
	if ((prompt = session_prompt(&s)) != NULL)
		printf("prompt: %s\n", prompt);
	net = advice_safety_net(app->emergency_number);
	printf("safety net: %s\n", net);
	free(net);
	session_free(&s);
	return CMD_OK;
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
