/* The progress view's windowed reads (store_progress_load()) against the
 * whole history (store_report_load() from 0): on random histories of a few
 * years, in a zone with daylight saving, everything the view shows is the
 * same: this week, the streak, the prompts, the pain trend and its weekly
 * averages, the calendar's days, the chart's rated sessions, the checks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>

#include "day.h"
#include "report.h"
#include "safety.h"
#include "screener.h"
#include "store.h"
#include "util.h"
#include "unit.h"

#define W_WEEKS 12
#define W_PAIN_WEEKS 6

static char root[64];
static unsigned long seed;
/* Each day's first session is completed: a streak as long as the file. */
static int w_every_day;

static int
w_rand(int n)
{
	seed = seed * 1103515245UL + 12345UL;
	return (int)((seed >> 16) % (unsigned long)n);
}

static int
setup(void **state)
{
	(void)state;
	/* Weeks and days must survive the clock changes. */
	setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);
	tzset();
	/* Thousands of small commits: in memory (/dev/shm) where there is
	 * one, since each commit's fsync is what takes the time. */
	strcpy(root, access("/dev/shm", W_OK) == 0 ?
	    "/dev/shm/bc_test_window_XXXXXX" : "/tmp/bc_test_window_XXXXXX");
	assert_non_null(mkdtemp(root));
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	unit_dir_remove(root);
	return 0;
}

static void
w_session(struct store *st, int64_t t, int quiet, int64_t now, int first)
{
	static const char *const states[] = { "completed", "completed",
	    "completed", "completed", "partial", "quit", "running" };
	struct store_step step;
	int64_t id = store_session_begin(st, w_rand(2) ? "a" : "b", "T",
	    "plain", 600, t);
	int i, n = 1 + w_rand(3);

	assert_true(id > 0);
	/* No ratings in the last quiet days, and not always before. */
	if (t < now - (int64_t)quiet * 86400 && w_rand(4) != 0)
		assert_int_equal(store_session_pain(st, id, 0, w_rand(11)), 0);
	if (t < now - (int64_t)quiet * 86400 && w_rand(3) != 0)
		assert_int_equal(store_session_pain(st, id, 1, w_rand(11)), 0);
	for (i = 0; i < n; i++) {
		memset(&step, 0, sizeof step);
		step.pos = i;
		step.title = "S";
		step.rep = 1;
		step.planned_s = 120;
		step.done_s = 30 + w_rand(200);
		step.state = "done";
		assert_int_equal(store_session_step(st, id, &step, t + i), 0);
	}
	i = w_rand(7);
	if (first && w_every_day)
		i = 0;
	if (strcmp(states[i], "running") != 0)
		assert_int_equal(store_session_end(st, id, states[i], NULL,
		    t + 600), 0);
}

static void
w_check(struct store *st, int64_t t)
{
	struct screener_answers ans;
	struct screener_result res;
	unsigned char asked[SCREENER_MAX_ITEMS];

	screener_answers_init(&ans);
	ans.age = w_rand(2) ? 55 : 40;
	ans.weeks = 6;
	memset(asked, 1, sizeof asked);
	screener_evaluate(&ans, &res);
	assert_true(store_check_record(st, &(struct store_check){ t,
	    w_rand(3) ? "full" : "recheck", "answers", &ans, asked, &res,
	    NULL, 0 }) > 0);
}

/* days of history before now; a day has sessions with chance busy/10,
 * rated except in the last quiet days. */
static void
w_fill(struct store *st, int64_t now, int days, int busy, int quiet)
{
	int32_t today = day_of_time(now), day;
	int k, n;

	for (day = today - days; day <= today; day++) {
		if ((day - today) % 7 == 0)
			w_check(st, day_start_time(day) + 7 * 3600);
		assert_int_equal(store_begin(st), 0);
		n = w_rand(10) < busy || w_every_day ? 1 + w_rand(3) : 0;
		for (k = 0; k < n; k++) {
			int64_t t = day_start_time(day) + 3600 * (6 + 5 * k) +
			    w_rand(3000);

			if (t <= now)
				w_session(st, t, quiet, now, k == 0);
		}
		assert_int_equal(store_commit(st), 0);
	}
}

/* What the view shows of d and s, as one string to compare. */
static char *
w_view(const struct report_data *d, const struct report_summary *s,
    int32_t first, size_t rated)
{
	struct buf b = BUF_INIT;
	const struct report_week *w = &s->weeks[s->n_weeks - 1];
	long secs[W_WEEKS * 7];
	size_t i, n = 0, count = 0;

	buf_printf(&b, "week %d %d %d %d %ld; streak %d; prompts %u; "
	    "lessons %d %d\n", w->start, w->sessions, w->planned, w->partial,
	    w->seconds, s->streak, s->prompts, s->lessons_read,
	    s->selfchecks_done);
	buf_printf(&b, "pain %d %.6f %d %d %.6f %.6f %d %d\n", s->has_baseline,
	    s->baseline, s->baseline_week, s->has_latest, s->latest,
	    s->change, s->meaningful, s->sustained);
	for (i = s->n_weeks; i > 0 && count < W_PAIN_WEEKS; i--)
		if (s->weeks[i - 1].n_before > 0 && ++count)
			buf_printf(&b, "avg %d %.6f\n", s->weeks[i - 1].start,
			    s->weeks[i - 1].pain_before);
	report_day_seconds(d, first, W_WEEKS * 7, secs);
	for (i = 0; i < W_WEEKS * 7; i++)
		buf_printf(&b, "%ld ", secs[i]);
	for (i = 0; i < d->n_sessions; i++)
		n += d->sessions[i].pain_before >= 0 ||
		    d->sessions[i].pain_after >= 0;
	buf_adds(&b, "\nrated");
	for (i = 0; i < d->n_sessions; i++) {
		const struct report_session *r = &d->sessions[i];

		if ((r->pain_before >= 0 || r->pain_after >= 0) && n-- <= rated)
			buf_printf(&b, " %lld:%d:%d", (long long)r->id,
			    r->pain_before, r->pain_after);
	}
	buf_adds(&b, "\nchecks");
	for (i = 0; i < d->n_checks; i++)
		buf_printf(&b, " %lld %lld %s %d %s", (long long)d->checks[i].id,
		    (long long)d->checks[i].at, d->checks[i].kind,
		    (int)d->checks[i].verdict, d->checks[i].rules);
	return buf_detach(&b);
}

static char *
w_whole(struct store *st, int64_t now, int32_t first, size_t rated)
{
	struct report_data d;
	struct report_summary s;
	int32_t today = day_of_time(now), from = today;
	size_t i;
	char *v;

	assert_int_equal(store_report_load(st, 0, now, today, &d), 0);
	for (i = 0; i < d.n_sessions; i++)
		if (day_of_time(d.sessions[i].started_at) < from)
			from = day_of_time(d.sessions[i].started_at);
	report_summarise(&d, day_week_start(from), today, today, &s);
	v = w_view(&d, &s, first, rated);
	report_summary_free(&s);
	report_data_free(&d);
	return v;
}

static char *
w_window(struct store *st, int64_t now, int32_t first, size_t rated,
    size_t *n_read)
{
	struct store_progress_ask a = { now, day_of_time(now), first, rated,
	    W_PAIN_WEEKS };
	struct report_data d;
	struct report_summary s;
	int32_t from = a.today;
	int streak;
	size_t i;
	char *v;

	assert_int_equal(store_progress_load(st, &a, &d, &streak), 0);
	for (i = 0; i < d.n_sessions; i++)
		if (day_of_time(d.sessions[i].started_at) < from)
			from = day_of_time(d.sessions[i].started_at);
	report_summarise(&d, day_week_start(from), a.today, a.today, &s);
	s.streak = streak;
	v = w_view(&d, &s, first, rated);
	*n_read = d.n_sessions;
	report_summary_free(&s);
	report_data_free(&d);
	return v;
}

static void
w_case(unsigned long sd, int days, int busy, int quiet)
{
	static const size_t rated[] = { 6, 74, 300 };
	char *err = NULL, *path = xasprintf("%s/w%lu.db", root, sd);
	struct store *st = store_open(path, &err);
	/* A Wednesday afternoon in summer time. */
	int64_t now = 1781708400 + (int64_t)(sd % 5) * 86400;
	int32_t first = day_week_start(day_of_time(now)) - 7 * (W_WEEKS - 1);
	long long total;
	size_t i, n_read;
	const char *vg = getenv("BC_VALGRIND");
	char *a, *b;

	seed = sd;
	assert_non_null(st);
	/* Under make check-valgrind, a quarter of the history: the same
	 * code paths for memory checks, at a quarter of the time. */
	if (vg != NULL && *vg != '\0')
		days /= 4;
	w_fill(st, now, days, busy, quiet);
	assert_int_equal(store_count_rows(st, "sessions", &total), 0);
	for (i = 0; i < BC_ARRAY_LEN(rated); i++) {
		a = w_whole(st, now, first, rated[i]);
		b = w_window(st, now, first, rated[i], &n_read);
		if (strcmp(a, b) != 0)
			fail_msg("seed %lu, %zu rated: whole history\n%s\n"
			    "window\n%s", sd, rated[i], a, b);
		/* It must be a window, when the history is long. */
		if (days > 500 && rated[i] < 100)
			assert_true(n_read * 2 < (size_t)total);
		free(a);
		free(b);
	}
	store_close(st);
	free(path);
}

static void
test_window_busy(void **state)
{
	(void)state;
	w_case(1, 1200, 9, 0);
	w_case(2, 900, 10, 0);
}

static void
test_window_sparse(void **state)
{
	(void)state;
	w_case(3, 1000, 3, 0);
	w_case(4, 40, 5, 0);
	w_case(5, 3, 10, 0);
}

static void
test_window_old_ratings(void **state)
{
	(void)state;
	/* Ratings stopped a while ago (or never came): the trend reaches
	 * back to them. */
	w_case(6, 800, 8, 30);
	w_case(7, 800, 8, 200);
	w_case(8, 800, 2, 5000);
}

static void
test_window_streak(void **state)
{
	(void)state;
	w_every_day = 1;
	w_case(10, 700, 10, 0);
	w_case(11, 700, 10, 100);
	w_every_day = 0;
}

static void
test_window_empty(void **state)
{
	(void)state;
	w_case(9, 0, 0, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_window_busy),
		cmocka_unit_test(test_window_sparse),
		cmocka_unit_test(test_window_old_ratings),
		cmocka_unit_test(test_window_streak),
		cmocka_unit_test(test_window_empty),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
