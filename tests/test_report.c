/* Unit tests of report.c on hand-made records (no store): weeks across a
 * year end and daylight-saving changes, midnight, the pain thresholds at
 * their boundaries, streaks, homework, prompts, and the written report. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "day.h"
#include "plan.h"
#include "report.h"
#include "text.h"
#include "util.h"

/* ---- building records ------------------------------------------------- */

static int32_t
D(const char *ymd)
{
	int32_t d;

	assert_int_equal(day_parse(ymd, &d), 0);
	return d;
}

/* Unix time of a local "YYYY-MM-DD HH:MM:SS" (mktime, so TZ applies). */
static int64_t
T(const char *s)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	assert_int_equal(sscanf(s, "%d-%d-%d %d:%d:%d", &tm.tm_year,
	    &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec), 6);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

static struct report_session *
add_session(struct report_data *d, const char *when, const char *routine,
    const char *state, long done_s, int before, int after)
{
	struct report_session *s;

	d->sessions = xreallocarray(d->sessions, d->n_sessions + 1,
	    sizeof *d->sessions);
	s = &d->sessions[d->n_sessions];
	memset(s, 0, sizeof *s);
	s->id = (int64_t)++d->n_sessions;
	s->routine_id = xstrdup(routine);
	s->title = xasprintf("Routine %s", routine);
	s->started_at = T(when);
	s->ended_at = s->started_at + done_s;
	s->state = xstrdup(state);
	s->planned_s = done_s;
	s->done_s = done_s;
	s->pain_before = before;
	s->pain_after = after;
	return s;
}

/* A completed 10-minute session at noon on day ymd. */
static struct report_session *
rated(struct report_data *d, const char *ymd, int before, int after)
{
	char when[32];

	snprintf(when, sizeof when, "%s 12:00:00", ymd);
	return add_session(d, when, "swedish", "completed", 600, before, after);
}

static void
add_check(struct report_data *d, const char *when, const char *kind, int age,
    enum verdict v, const char *rules)
{
	struct report_check *c;

	d->checks = xreallocarray(d->checks, d->n_checks + 1,
	    sizeof *d->checks);
	c = &d->checks[d->n_checks];
	c->id = (int64_t)++d->n_checks;
	c->at = T(when);
	c->kind = xstrdup(kind);
	c->age = age;
	c->weeks = age >= 0 ? 3 : -1;
	c->verdict = v;
	c->rules = xstrdup(rules);
	c->unsure = NULL;
	c->clearances = NULL;
	c->actions = NULL;
}

static void
add_lesson(struct report_data *d, const char *id, int64_t read,
    int64_t check)
{
	d->lessons = xreallocarray(d->lessons, d->n_lessons + 1,
	    sizeof *d->lessons);
	d->lessons[d->n_lessons].id = xstrdup(id);
	d->lessons[d->n_lessons].read_at = read;
	d->lessons[d->n_lessons].selfcheck_at = check;
	d->n_lessons++;
}

/* A plan from..until with routines given as "id", per_week pairs. */
static struct plan *
make_plan(const char *title, const char *from, const char *until, int n, ...)
{
	struct plan *p = xcalloc(1, sizeof *p);
	va_list ap;
	int i;

	p->title = xstrdup(title);
	p->from = D(from);
	p->until = D(until);
	p->routines = xcalloc((size_t)n + 1, sizeof *p->routines);
	va_start(ap, n);
	for (i = 0; i < n; i++) {
		p->routines[i].id = xstrdup(va_arg(ap, const char *));
		p->routines[i].per_week = va_arg(ap, int);
	}
	va_end(ap);
	p->n_routines = (size_t)n;
	return p;
}

static int
setup_utc(void **state)
{
	(void)state;
	setenv("TZ", "UTC0", 1);
	tzset();
	return 0;
}

/* Runs report_write into memory; the caller frees. */
static char *
write_report(const struct report_data *d, const struct report_summary *s,
    enum report_format fmt, int width)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	assert_int_equal(report_write(f, d, s, fmt, width), 0);
	fclose(f);
	return text;
}

/* ---- weeks ------------------------------------------------------------ */

static void
test_weeks_across_year_end(void **state)
{
	struct report_data d = { 0 };
	struct report_summary s;

	(void)state;
	add_session(&d, "2026-12-27 10:00:00", "a", "completed", 60, -1, -1);
	add_session(&d, "2026-12-28 10:00:00", "a", "completed", 300, -1, -1);
	add_session(&d, "2026-12-31 22:00:00", "a", "partial", 100, -1, -1);
	add_session(&d, "2027-01-01 08:00:00", "a", "completed", 200, -1, -1);
	add_session(&d, "2027-01-03 23:00:00", "a", "quit", 50, -1, -1);
	add_session(&d, "2027-01-04 07:00:00", "a", "completed", 400, -1, -1);
	add_session(&d, "2027-01-10 21:00:00", "a", "completed", 500, -1, -1);
	add_session(&d, "2027-01-11 09:00:00", "a", "completed", 900, -1, -1);
	report_summarise(&d, D("2026-12-28"), D("2027-01-10"), D("2027-01-10"),
	    &s);
	assert_int_equal(s.n_weeks, 2);
	assert_int_equal(s.weeks[0].start, D("2026-12-28"));
	assert_int_equal(s.weeks[1].start, D("2027-01-04"));
	assert_int_equal(s.weeks[0].sessions, 2);
	assert_int_equal(s.weeks[0].partial, 2);
	assert_int_equal(s.weeks[0].seconds, 650);
	assert_int_equal(s.weeks[1].sessions, 2);
	assert_int_equal(s.weeks[1].partial, 0);
	assert_int_equal(s.weeks[1].seconds, 900);
	assert_int_equal(s.total_sessions, 4);
	assert_int_equal(s.total_partial, 2);
	assert_int_equal(s.total_seconds, 1550);
	assert_int_equal(s.weeks[0].target, 0);
	report_summary_free(&s);

	/* A range starting mid-week still has whole Monday weeks. */
	report_summarise(&d, D("2026-12-31"), D("2027-01-04"), D("2027-01-04"),
	    &s);
	assert_int_equal(s.n_weeks, 2);
	assert_int_equal(s.weeks[0].start, D("2026-12-28"));
	assert_int_equal(s.weeks[0].sessions, 1);   /* 12-28 is outside */
	assert_int_equal(s.weeks[0].partial, 2);
	assert_int_equal(s.weeks[1].sessions, 1);
	report_summary_free(&s);
	report_data_free(&d);
}

static void
test_daylight_saving(void **state)
{
	struct report_data d = { 0 };
	struct report_summary s;
	long sec[5];

	(void)state;
	setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);
	tzset();
	/* Summer time starts on Sunday 2027-03-28, ends on 2027-10-31. */
	add_session(&d, "2027-03-27 00:30:00", "a", "completed", 10, -1, -1);
	add_session(&d, "2027-03-28 00:30:00", "a", "completed", 20, -1, -1);
	add_session(&d, "2027-03-29 00:30:00", "a", "completed", 40, -1, -1);
	add_session(&d, "2027-10-30 00:30:00", "a", "completed", 1, -1, -1);
	add_session(&d, "2027-10-31 00:30:00", "a", "completed", 2, -1, -1);
	add_session(&d, "2027-11-01 00:30:00", "a", "completed", 4, -1, -1);
	report_day_seconds(&d, D("2027-03-26"), 5, sec);
	assert_int_equal(sec[0], 0);
	assert_int_equal(sec[1], 10);
	assert_int_equal(sec[2], 20);
	assert_int_equal(sec[3], 40);
	assert_int_equal(sec[4], 0);
	report_day_seconds(&d, D("2027-10-30"), 3, sec);
	assert_int_equal(sec[0], 1);
	assert_int_equal(sec[1], 2);
	assert_int_equal(sec[2], 4);

	report_summarise(&d, D("2027-03-22"), D("2027-04-04"), D("2027-04-04"),
	    &s);
	assert_int_equal(s.n_weeks, 2);
	assert_int_equal(s.weeks[0].sessions, 2);
	assert_int_equal(s.weeks[0].seconds, 30);
	assert_int_equal(s.weeks[1].sessions, 1);
	assert_int_equal(s.weeks[1].seconds, 40);
	report_summary_free(&s);
	report_summarise(&d, D("2027-10-25"), D("2027-11-07"), D("2027-11-01"),
	    &s);
	assert_int_equal(s.weeks[0].seconds, 3);
	assert_int_equal(s.weeks[1].seconds, 4);
	/* Three days in a row across the change back. */
	assert_int_equal(s.streak, 3);
	report_summary_free(&s);
	report_data_free(&d);
	setup_utc(NULL);
}

static void
test_midnight(void **state)
{
	struct report_data d = { 0 };
	struct report_summary s;
	long sec[2];

	(void)state;
	/* Sunday 23:59:59 belongs to the old week, Monday 00:00:00 not. */
	add_session(&d, "2027-01-10 23:59:59", "a", "completed", 7, -1, -1);
	add_session(&d, "2027-01-11 00:00:00", "a", "completed", 11, -1, -1);
	report_summarise(&d, D("2027-01-04"), D("2027-01-17"), D("2027-01-17"),
	    &s);
	assert_int_equal(s.weeks[0].seconds, 7);
	assert_int_equal(s.weeks[1].seconds, 11);
	report_summary_free(&s);
	/* The last day counts up to its last second, and no further. */
	report_summarise(&d, D("2027-01-04"), D("2027-01-10"), D("2027-01-10"),
	    &s);
	assert_int_equal(s.n_weeks, 1);
	assert_int_equal(s.total_seconds, 7);
	report_summary_free(&s);
	report_day_seconds(&d, D("2027-01-10"), 2, sec);
	assert_int_equal(sec[0], 7);
	assert_int_equal(sec[1], 11);
	report_data_free(&d);
}

/* The glossary is read like a lesson but is not counted as one. */
static void
test_lessons_counted(void **state)
{
	struct report_data d = { 0 };
	struct report_summary s;

	(void)state;
	add_lesson(&d, "spine-anatomy", T("2027-01-04 20:00:00"),
	    T("2027-01-04 20:05:00"));
	add_lesson(&d, "glossary", T("2027-01-04 20:10:00"), 0);
	add_lesson(&d, "why-backs-hurt", T("2027-01-05 20:00:00"), 0);
	add_lesson(&d, "opened-only", 0, 0);
	report_summarise(&d, D("2027-01-04"), D("2027-01-06"), D("2027-01-06"),
	    &s);
	assert_int_equal(s.lessons_read, 2);
	assert_int_equal(s.selfchecks_done, 1);
	report_summary_free(&s);
	report_data_free(&d);
}

static void
test_empty_history(void **state)
{
	struct report_data d = { 0 };
	struct report_summary s;
	long sec[3] = { 5, 5, 5 };
	char *text;

	(void)state;
	report_summarise(&d, D("2027-01-06"), D("2027-01-06"), D("2027-01-06"),
	    &s);
	assert_int_equal(s.n_weeks, 1);
	assert_int_equal(s.weeks[0].start, D("2027-01-04"));
	assert_int_equal(s.total_sessions, 0);
	assert_int_equal(s.streak, 0);
	assert_false(s.has_baseline);
	assert_false(s.has_latest);
	assert_false(s.meaningful);
	assert_int_equal(s.prompts, 0);
	assert_int_equal(s.n_homework, 0);
	report_day_seconds(&d, D("2027-01-06"), 3, sec);
	assert_int_equal(sec[0] + sec[1] + sec[2], 0);
	text = write_report(&d, &s, REPORT_TEXT, 80);
	assert_non_null(strstr(text, "No homework plan is in force."));
	assert_non_null(strstr(text, "No pain ratings before sessions"));
	assert_non_null(strstr(text, "No sessions in this period."));
	assert_non_null(strstr(text, "\nPrompts\n  None.\n"));
	free(text);
	text = write_report(&d, &s, REPORT_MARKDOWN, 80);
	assert_non_null(strstr(text, "## Prompts\n\n- None.\n"));
	free(text);
	report_summary_free(&s);
	/* An empty range has no weeks at all. */
	report_summarise(&d, D("2027-01-06"), D("2027-01-05"), D("2027-01-06"),
	    &s);
	assert_int_equal(s.n_weeks, 0);
	assert_null(s.weeks);
	report_summary_free(&s);
}

/* ---- plans and homework ----------------------------------------------- */

static void
test_plan_targets_and_homework(void **state)
{
	struct report_data d = { 0 };
	struct report_summary s;

	(void)state;
	/* From Thursday 2027-01-07 to Sunday 2027-01-17: 3 + 2 a week. */
	d.plan = make_plan("Weeks 1-2", "2027-01-07", "2027-01-17", 2,
	    "swedish", 3, "trigger", 2);
	rated(&d, "2027-01-11", -1, -1);
	rated(&d, "2027-01-13", -1, -1);
	add_session(&d, "2027-01-13 18:00:00", "trigger", "completed", 60, -1,
	    -1);
	add_session(&d, "2027-01-13 19:00:00", "trigger", "partial", 60, -1,
	    -1);
	rated(&d, "2027-01-14", -1, -1);
	report_summarise(&d, D("2027-01-04"), D("2027-01-24"), D("2027-01-13"),
	    &s);
	assert_int_equal(s.n_weeks, 3);
	/* 4 of 7 days covered: 5 * 4 / 7 rounded up. */
	assert_int_equal(s.weeks[0].target, 3);
	assert_int_equal(s.weeks[1].target, 5);
	assert_int_equal(s.weeks[2].target, 0);
	assert_int_equal(s.n_homework, 2);
	assert_string_equal(s.homework[0].routine_id, "swedish");
	assert_int_equal(s.homework[0].per_week, 3);
	/* As seen on the 13th: the 14th has not happened. */
	assert_int_equal(s.homework[0].done, 2);
	assert_int_equal(s.homework[0].done_today, 1);
	assert_int_equal(s.homework[1].done, 1);
	assert_int_equal(s.homework[1].done_today, 1);
	report_summary_free(&s);
	report_data_free(&d);
}

static void
test_plan_without_routines(void **state)
{
	struct report_data d = { 0 };
	struct report_summary s;
	char *text;

	(void)state;
	d.plan = make_plan("Read first", "2027-01-04", "2027-01-31", 0);
	rated(&d, "2027-01-05", 4, 3);
	report_summarise(&d, D("2027-01-04"), D("2027-01-10"), D("2027-01-10"),
	    &s);
	assert_int_equal(s.n_homework, 0);
	assert_null(s.homework);
	assert_int_equal(s.weeks[0].target, 0);
	text = write_report(&d, &s, REPORT_TEXT, 80);
	assert_non_null(strstr(text, "Title: Read first"));
	assert_non_null(strstr(text, "No routines set in this plan."));
	assert_null(strstr(text, "Against the plan"));
	free(text);
	report_summary_free(&s);
	report_data_free(&d);
}

/* ---- pain ------------------------------------------------------------- */

/*
 * Baseline b in the week of 2027-01-04, then the weeks' mean ratings in
 * later (consecutive) weeks; returns the summary over all of them.
 */
static void
pain_weeks(struct report_data *d, struct report_summary *s, int n, ...)
{
	va_list ap;
	char ymd[11];
	int i, k, count, r;

	va_start(ap, n);
	for (i = 0; i < n; i++) {
		count = va_arg(ap, int);
		for (k = 0; k < count; k++) {
			r = va_arg(ap, int);
			day_format(D("2027-01-04") + 7 * i + k, ymd);
			if (r >= 0)
				rated(d, ymd, r, -1);
		}
	}
	va_end(ap);
	report_summarise(d, D("2027-01-04"), D("2027-01-04") + 7 * n - 1,
	    D("2027-01-04") + 7 * n - 1, s);
}

static void
check_drop(int nb, const int *base, int nl, const int *latest,
    int meaningful)
{
	struct report_data d = { 0 };
	struct report_summary s;
	char ymd[11];
	int i;

	for (i = 0; i < nb; i++) {
		day_format(D("2027-01-04") + i, ymd);
		rated(&d, ymd, base[i], -1);
	}
	for (i = 0; i < nl; i++) {
		day_format(D("2027-01-11") + i, ymd);
		rated(&d, ymd, latest[i], -1);
	}
	report_summarise(&d, D("2027-01-04"), D("2027-01-17"), D("2027-01-17"),
	    &s);
	assert_true(s.has_baseline);
	assert_true(s.has_latest);
	assert_int_equal(s.baseline_week, D("2027-01-04"));
	assert_int_equal(s.meaningful, meaningful);
	assert_false(s.sustained);    /* one week after the start only */
	report_summary_free(&s);
	report_data_free(&d);
}

static void
test_meaningful_boundaries(void **state)
{
	(void)state;
	/* Exactly 2 points (25%): meaningful; 1.5 points (18.75%): not. */
	check_drop(1, (int[]){ 8 }, 1, (int[]){ 6 }, 1);
	check_drop(1, (int[]){ 8 }, 2, (int[]){ 6, 7 }, 0);
	/* Exactly 30% (1.2 of 4): meaningful; 25% (1 of 4): not. */
	check_drop(1, (int[]){ 4 }, 5, (int[]){ 3, 3, 3, 3, 2 }, 1);
	check_drop(1, (int[]){ 4 }, 1, (int[]){ 3 }, 0);
	/* 30% of 10 is 3 (also 2 points); 30% of 5 is 1.5. */
	check_drop(1, (int[]){ 10 }, 1, (int[]){ 7 }, 1);
	check_drop(1, (int[]){ 5 }, 2, (int[]){ 4, 3 }, 1);
	check_drop(3, (int[]){ 5, 5, 5 }, 5, (int[]){ 4, 4, 3, 4, 3 }, 0);
	/* Means: a start of 5.5 and 3.5 is exactly 2 points. */
	check_drop(2, (int[]){ 5, 6 }, 2, (int[]){ 3, 4 }, 1);
	/* No drop at a start of 0; a rise is never meaningful. */
	check_drop(1, (int[]){ 0 }, 1, (int[]){ 0 }, 0);
	check_drop(1, (int[]){ 3 }, 1, (int[]){ 6 }, 0);
}

static void
test_baseline_and_sustained(void **state)
{
	struct report_data d = { 0 };
	struct report_summary s;

	(void)state;
	/* Week 0 unrated, week 1 the start (mean 7), then 5 and 5. */
	pain_weeks(&d, &s, 4, 1, -1, 2, 6, 8, 1, 5, 1, 5);
	assert_true(s.has_baseline);
	assert_int_equal(s.baseline_week, D("2027-01-11"));
	assert_true(s.baseline > 6.99 && s.baseline < 7.01);
	assert_true(s.latest > 4.99 && s.latest < 5.01);
	assert_true(s.change > -2.01 && s.change < -1.99);
	assert_true(s.meaningful);
	assert_true(s.sustained);
	report_summary_free(&s);
	report_data_free(&d);

	/* A gap between the last two rated weeks: not 2 weeks in a row. */
	memset(&d, 0, sizeof d);
	pain_weeks(&d, &s, 4, 1, 7, 1, 5, 1, -1, 1, 5);
	assert_true(s.meaningful);
	assert_false(s.sustained);
	report_summary_free(&s);
	report_data_free(&d);

	/* The week before the latest is not a meaningful drop. */
	memset(&d, 0, sizeof d);
	pain_weeks(&d, &s, 3, 1, 7, 1, 6, 1, 5);
	assert_true(s.meaningful);
	assert_false(s.sustained);
	report_summary_free(&s);
	report_data_free(&d);

	/* After ratings, and pain after sessions, do not set the start. */
	memset(&d, 0, sizeof d);
	rated(&d, "2027-01-04", -1, 9);
	rated(&d, "2027-01-12", 6, 2);
	report_summarise(&d, D("2027-01-04"), D("2027-01-17"), D("2027-01-17"),
	    &s);
	assert_int_equal(s.baseline_week, D("2027-01-11"));
	assert_int_equal(s.weeks[0].n_before, 0);
	assert_int_equal(s.weeks[0].n_after, 1);
	assert_true(s.weeks[1].pain_after > 1.99 && s.weeks[1].pain_after <
	    2.01);
	assert_false(s.meaningful);
	report_summary_free(&s);
	report_data_free(&d);
}

/* ---- streak ----------------------------------------------------------- */

static void
test_streak(void **state)
{
	struct report_data d = { 0 };
	struct report_summary s;
	struct report_session t;
	size_t i;
	int pass;

	(void)state;
	rated(&d, "2027-01-01", -1, -1);
	rated(&d, "2027-01-03", -1, -1);
	rated(&d, "2027-01-04", -1, -1);
	add_session(&d, "2027-01-04 20:00:00", "a", "completed", 1, -1, -1);
	add_session(&d, "2027-01-05 20:00:00", "a", "partial", 1, -1, -1);
	add_session(&d, "2027-01-06 20:00:00", "a", "quit", 1, -1, -1);
	rated(&d, "2027-01-05", -1, -1);
	rated(&d, "2027-01-09", -1, -1);       /* in the future */
#define STREAK_ON(day, want) do { \
	report_summarise(&d, D("2027-01-01"), D(day), D(day), &s); \
	assert_int_equal(s.streak, want); \
	report_summary_free(&s); \
} while (0)
	/* Twice: as stored (in time order, so the days are already in
	 * order), then backwards (a clock set back), which sorts them. */
	for (pass = 0; pass < 2; pass++) {
		STREAK_ON("2027-01-05", 3); /* today, and two days before */
		STREAK_ON("2027-01-06", 3); /* ending yesterday still counts */
		STREAK_ON("2027-01-07", 0); /* a whole day missed */
		STREAK_ON("2027-01-03", 1);
		STREAK_ON("2027-01-02", 1);
		STREAK_ON("2026-12-31", 0);
		for (i = 0; i < d.n_sessions / 2; i++) {
			t = d.sessions[i];
			d.sessions[i] = d.sessions[d.n_sessions - 1 - i];
			d.sessions[d.n_sessions - 1 - i] = t;
		}
	}
#undef STREAK_ON
	report_data_free(&d);
}

/* ---- prompts ---------------------------------------------------------- */

static unsigned
prompts_of(struct report_data *d, const char *last)
{
	struct report_summary s;
	unsigned p;

	report_summarise(d, D("2027-01-04"), D(last), D(last), &s);
	p = s.prompts;
	report_summary_free(&s);
	return p;
}

static void
test_prompt_lighter(void **state)
{
	struct report_data d = { 0 };

	(void)state;
	rated(&d, "2027-01-04", 3, 5);
	assert_false(prompts_of(&d, "2027-01-10") & REPORT_PROMPT_LIGHTER);
	/* A session rated only before does not break the pair. */
	rated(&d, "2027-01-05", 3, -1);
	rated(&d, "2027-01-06", 4, 6);
	assert_true(prompts_of(&d, "2027-01-10") & REPORT_PROMPT_LIGHTER);
	/* A rise of 1 ends it. */
	rated(&d, "2027-01-07", 4, 5);
	assert_false(prompts_of(&d, "2027-01-10") & REPORT_PROMPT_LIGHTER);
	rated(&d, "2027-01-08", 2, 4);
	assert_false(prompts_of(&d, "2027-01-10") & REPORT_PROMPT_LIGHTER);
	rated(&d, "2027-01-09", 0, 10);
	assert_true(prompts_of(&d, "2027-01-10") & REPORT_PROMPT_LIGHTER);
	/* Seen from before the last one: the rise of 1 is in the pair. */
	assert_false(prompts_of(&d, "2027-01-08") & REPORT_PROMPT_LIGHTER);
	/* A drop after the session ends it. */
	rated(&d, "2027-01-10", 5, 3);
	assert_false(prompts_of(&d, "2027-01-10") & REPORT_PROMPT_LIGHTER);
	report_data_free(&d);
}

static void
test_prompt_recheck(void **state)
{
	struct report_data d = { 0 };

	(void)state;
	add_check(&d, "2027-01-04 09:00:00", "full", 50, VERDICT_NONE, "");
	rated(&d, "2027-01-04", 6, 6);
	rated(&d, "2027-01-28", 5, 5);
	/* 4 weeks after the starting week begins on 2027-02-01. */
	assert_false(prompts_of(&d, "2027-01-31") & REPORT_PROMPT_RECHECK);
	assert_true(prompts_of(&d, "2027-02-01") & REPORT_PROMPT_RECHECK);
	/* A meaningful drop (6 to 4) silences it. */
	rated(&d, "2027-01-29", 3, 3);
	assert_false(prompts_of(&d, "2027-02-01") & REPORT_PROMPT_RECHECK);
	report_data_free(&d);

	/* 49 at the check: not yet; a year later, 50. */
	memset(&d, 0, sizeof d);
	add_check(&d, "2026-02-05 09:00:00", "full", 49, VERDICT_NONE, "");
	add_check(&d, "2027-01-05 09:00:00", "recheck", -1, VERDICT_NONE, "");
	rated(&d, "2027-01-04", 6, 6);
	rated(&d, "2027-02-01", 6, 6);
	assert_false(prompts_of(&d, "2027-02-01") & REPORT_PROMPT_RECHECK);
	assert_true(prompts_of(&d, "2027-02-10") & REPORT_PROMPT_RECHECK);
	/* A full check after the 4 weeks has asked again: quiet. */
	add_check(&d, "2027-02-11 09:00:00", "full", 50, VERDICT_SOON, "S2");
	assert_false(prompts_of(&d, "2027-02-11") & REPORT_PROMPT_RECHECK);
	report_data_free(&d);

	/* 49 and still 49: never. */
	memset(&d, 0, sizeof d);
	add_check(&d, "2027-01-04 09:00:00", "full", 49, VERDICT_NONE, "");
	rated(&d, "2027-01-04", 6, 6);
	assert_false(prompts_of(&d, "2027-03-01") & REPORT_PROMPT_RECHECK);
	report_data_free(&d);

	assert_non_null(strstr(report_prompt_text(REPORT_PROMPT_LIGHTER),
	    "lighter pressure"));
	assert_non_null(strstr(report_prompt_text(REPORT_PROMPT_RECHECK),
	    "safety check"));
}

/* ---- the written report ----------------------------------------------- */

static void
fill_history(struct report_data *d)
{
	struct report_session *s;

	d->plan = make_plan("Homework *weeks* 1-2", "2027-01-04",
	    "2027-01-17", 1, "swedish", 3);
	d->plan->therapist = xstrdup("Sam Lee, 555-0100");
	d->plan->notes = xstrdup("Walk daily.\nKeep moving.");
	add_check(d, "2027-01-04 09:00:00", "full", 52, VERDICT_NONE, "");
	add_check(d, "2027-01-11 09:00:00", "full", 52, VERDICT_SOON, "S2 S4");
	rated(d, "2027-01-04", 6, 5);
	rated(d, "2027-01-06", 6, 4);
	s = rated(d, "2027-01-08", 6, 4);
	s->note = xstrdup("Felt *better* [really]\n\033[31mred");
	rated(d, "2027-01-11", 4, 3);
	add_session(d, "2027-01-12 18:00:00", "swedish", "partial", 120, 4, 6);
	add_session(d, "2027-01-13 18:00:00", "swedish", "completed", 600, 3,
	    6);
	add_lesson(d, "anatomy", T("2027-01-04 20:00:00"),
	    T("2027-01-05 20:00:00"));
	add_lesson(d, "opened-only", 0, 0);
	d->n_lessons_total = 8;
}

static void
assert_width(const char *text, int width)
{
	const char *line = text, *nl;

	while (*line != '\0') {
		nl = strchr(line, '\n');
		if (nl == NULL)
			nl = line + strlen(line);
		/* Table rows cannot wrap. */
		if (line[0] != '|' && !(strncmp(line, "  20", 4) == 0 &&
		    nl - line > 14 && line[12] == ' ' && line[13] == ' ') &&
		    strncmp(line, "  Week of", 9) != 0 &&
		    (int)text_width(line, (size_t)(nl - line)) > width)
			fail_msg("line wider than %d: %.*s", width,
			    (int)(nl - line), line);
		line = *nl != '\0' ? nl + 1 : nl;
	}
}

static void
test_write_text(void **state)
{
	struct report_data d = { 0 };
	struct report_summary s;
	char *text;

	(void)state;
	fill_history(&d);
	report_summarise(&d, D("2027-01-04"), D("2027-01-17"), D("2027-01-17"),
	    &s);
	assert_true(s.prompts & REPORT_PROMPT_LIGHTER);
	text = write_report(&d, &s, REPORT_TEXT, 60);
	assert_width(text, 60);
	assert_non_null(strstr(text, "\n  2027-01-11 09:00 full check: SOON, "
	    "age 52, pain for 3\n    weeks; rules: S2 (pain not getting better "
	    "at 50 or\n    over), S4 (possible inflammatory back pain)\n"));
	free(text);
	text = write_report(&d, &s, REPORT_TEXT, 200);
	assert_non_null(strstr(text, "backcare report, 2027-01-04 to "
	    "2027-01-17\n"));
	assert_non_null(strstr(text, "not a diagnosis"));
	assert_non_null(strstr(text, "Title: Homework *weeks* 1-2"));
	assert_non_null(strstr(text, "Therapist: Sam Lee, 555-0100"));
	assert_non_null(strstr(text, "Routine swedish: 3 a week"));
	/* Adherence: 3 of 3, then 2 of 3 (the partial one does not count). */
	assert_non_null(strstr(text, "  2027-01-04     3     3        0"));
	assert_non_null(strstr(text, "  2027-01-11     2     3        1"));
	assert_non_null(strstr(text, "5 of 6 planned sessions done (83%)"));
	/* Pain: start 6.0, then 3.7 (-2.3, marked). */
	assert_non_null(strstr(text, "  6.0    4.3  start\n"));
	assert_non_null(strstr(text, "  3.7    5.0  -2.3 *\n"));
	assert_non_null(strstr(text, "Starting level: 6.0"));
	assert_non_null(strstr(text, "Latest level: 3.7, a change of -2.3."));
	assert_non_null(strstr(text, "not yet held for 2 weeks"));
	assert_non_null(strstr(text, "2027-01-12 18:00 Routine swedish, 2:00, "
	    "partial, pain 4 to 6"));
	assert_non_null(strstr(text, "1 of 8 lessons read, 1 self-check done"));
	assert_non_null(strstr(text, "anatomy: read 2027-01-04 20:00, "
	    "self-check done 2027-01-05 20:00"));
	assert_null(strstr(text, "opened-only"));
	assert_non_null(strstr(text, "full check: SOON, age 52, pain for 3 "
	    "weeks; rules: S2 (pain not getting better at 50 or over), S4 "
	    "(possible inflammatory back pain)"));
	assert_non_null(strstr(text, "rules: none fired"));
	/* Notes: flattened, control characters shown, never sent raw. */
	assert_non_null(strstr(text, "Felt *better* [really] ^[[31mred"));
	assert_null(strchr(text, '\033'));
	assert_non_null(strstr(text, "From the plan: Walk daily. Keep"));
	assert_non_null(strstr(text, "try lighter pressure and talk to your"));
	free(text);
	report_summary_free(&s);
	report_data_free(&d);
}

static void
test_write_markdown(void **state)
{
	struct report_data d = { 0 };
	struct report_summary s;
	char *text;

	(void)state;
	fill_history(&d);
	d.sessions[0].note = xstrdup("- 1. not a list | pipe # <b>");
	report_summarise(&d, D("2027-01-04"), D("2027-01-17"), D("2027-01-17"),
	    &s);
	text = write_report(&d, &s, REPORT_MARKDOWN, 72);
	assert_width(text, 72);
	assert_true(strncmp(text, "# backcare report, 2027-01-04 to "
	    "2027-01-17\n", 44) == 0);
	assert_non_null(strstr(text, "\n## Plan in force\n\n- Title: "
	    "Homework \\*weeks\\* 1-2\n"));
	assert_non_null(strstr(text, "| Week of | Done | Plan |"));
	assert_non_null(strstr(text, "| 2027-01-11 | 2 | 3 | 1 | 22:00 | 3.7 "
	    "| 5.0 | -2.3 * |"));
	assert_non_null(strstr(text, "\n## Pain\n\n- Starting level: 6.0"));
	assert_non_null(strstr(text, "Felt \\*better\\* \\[really\\]"));
	assert_non_null(strstr(text, "\\- 1\\. not a list \\| pipe \\# "
	    "\\<b\\>"));
	assert_non_null(strstr(text, "\n## Prompts\n\n- Pain rose by 2 or "
	    "more"));
	free(text);
	report_summary_free(&s);
	report_data_free(&d);
}

static void
test_write_error(void **state)
{
	struct report_data d = { 0 };
	struct report_summary s;
	FILE *f = fopen("/dev/full", "w");

	(void)state;
	if (f == NULL)
		skip();
	fill_history(&d);
	report_summarise(&d, D("2027-01-04"), D("2027-01-17"), D("2027-01-17"),
	    &s);
	assert_int_equal(report_write(f, &d, &s, REPORT_TEXT, 80), -1);
	fclose(f);
	report_summary_free(&s);
	report_data_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_weeks_across_year_end),
		cmocka_unit_test(test_daylight_saving),
		cmocka_unit_test(test_midnight),
		cmocka_unit_test(test_empty_history),
		cmocka_unit_test(test_lessons_counted),
		cmocka_unit_test(test_plan_targets_and_homework),
		cmocka_unit_test(test_plan_without_routines),
		cmocka_unit_test(test_meaningful_boundaries),
		cmocka_unit_test(test_baseline_and_sustained),
		cmocka_unit_test(test_streak),
		cmocka_unit_test(test_prompt_lighter),
		cmocka_unit_test(test_prompt_recheck),
		cmocka_unit_test(test_write_text),
		cmocka_unit_test(test_write_markdown),
		cmocka_unit_test(test_write_error),
	};

	text_set_utf8(1);
	return cmocka_run_group_tests(tests, setup_utc, NULL);
}
