/*
 * bench_progress.c: how long the progress view and `backcare report` take
 * on ten years of daily use.
 *
 * Fills a progress file through the store's own functions: 3,650 days,
 * 1-3 sessions a day, each with 6-8 steps and pain ratings, and a full
 * safety check every week.  Then times (median of BENCH_RUNS runs, with
 * CLOCK_MONOTONIC) the whole-history load and summary, the last 12 weeks,
 * the calendar's day totals, and beside them a plain count of sessions and
 * of steps, and prints the file's size.
 *
 * Targets: the report and each progress query under 20 ms, the last 12
 * weeks under 2 ms, the file under 20 MB.
 *
 * Usage: bench_progress [FOLDER]  (a temporary folder by default; the
 * file is removed afterwards unless FOLDER is given).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "day.h"
#include "report.h"
#include "safety.h"
#include "screener.h"
#include "store.h"
#include "util.h"

#define BENCH_DAYS 3650
#define BENCH_RUNS 21

static unsigned long bench_seed = 12345;
/* Sessions a day are 1-3 times this before the last year (--scale; 16
 * makes about 110,000), so the last year looks the same at any scale. */
static int bench_scale = 1;

/* A small fixed pseudo-random sequence, so every run builds the same file. */
static int
bench_rand(int n)
{
	bench_seed = bench_seed * 1103515245UL + 12345UL;
	return (int)((bench_seed >> 16) % (unsigned long)n);
}

static double
bench_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
bench_die(struct store *st, const char *what)
{
	fprintf(stderr, "bench_progress: %s: %s\n", what,
	    st != NULL ? store_error(st) : "failed");
	exit(1);
}

static const char *const bench_routines[] = {
	"swedish-basics", "trigger-points", "foam-roller", "gentle-evening"
};

/* One session with its steps, ratings and end, on day at time t. */
static void
bench_session(struct store *st, int64_t t)
{
	struct store_step step;
	int64_t id;
	int i, nsteps = 6 + bench_rand(3), before = 2 + bench_rand(6);
	long total = 0;
	const char *r = bench_routines[bench_rand(4)];

	id = store_session_begin(st, r, "A routine", "interactive", 900, t);
	if (id < 0)
		bench_die(st, "session");
	if (store_session_pain(st, id, 0, before) != 0)
		bench_die(st, "pain");
	for (i = 0; i < nsteps; i++) {
		memset(&step, 0, sizeof step);
		step.pos = i;
		step.step_index = i;
		step.title = "Effleurage";
		step.side = i % 2 ? "left" : NULL;
		step.rep = 1;
		step.planned_s = 120;
		step.done_s = 100 + bench_rand(21);
		step.state = "done";
		total += step.done_s;
		if (store_session_step(st, id, &step, t + total) != 0)
			bench_die(st, "step");
	}
	if (store_session_pain(st, id, 1, before - bench_rand(3)) != 0 ||
	    store_session_end(st, id, bench_rand(10) ? "completed" : "partial",
	    bench_rand(20) ? NULL : "Felt stiff in the morning.", t + total)
	    != 0)
		bench_die(st, "end");
}

static void
bench_check(struct store *st, int64_t t)
{
	struct screener_answers ans;
	struct screener_result res;
	unsigned char asked[SCREENER_MAX_ITEMS];

	screener_answers_init(&ans);
	ans.age = 55;
	ans.weeks = 6;
	memset(asked, 1, sizeof asked);
	screener_evaluate(&ans, &res);
	if (store_check_record(st, &(struct store_check){ t, "full",
	    "answers", &ans, asked, &res, NULL, 0 }) < 0)
		bench_die(st, "check");
}

/* Ten years of use ending yesterday; a week per transaction. */
static void
bench_fill(struct store *st, int32_t today)
{
	int32_t day, first = today - BENCH_DAYS;
	int n, k, scale;

	for (day = first; day < today; day++) {
		if ((day - first) % 7 == 0) {
			if (day != first && store_commit(st) != 0)
				bench_die(st, "commit");
			bench_check(st, day_start_time(day) + 8 * 3600);
			if (store_begin(st) != 0)
				bench_die(st, "begin");
		}
		scale = day < today - 365 ? bench_scale : 1;
		n = (1 + bench_rand(3)) * scale;
		for (k = 0; k < n; k++)
			bench_session(st, day_start_time(day) + 9 * 3600 +
			    k * 4 * 3600 / scale + bench_rand(1800));
	}
	if (store_commit(st) != 0)
		bench_die(st, "commit");
}

enum bench_what {
	BENCH_WHOLE,            /* load + summarise, all ten years */
	BENCH_WEEKS12,          /* load + summarise, the last 12 weeks */
	BENCH_REPORT,           /* `backcare report`: load, summarise, write */
	BENCH_CALENDAR,         /* report_day_seconds, ten years */
	BENCH_COUNT_SESSIONS,
	BENCH_COUNT_STEPS
};

static FILE *bench_null;

static double
bench_once(struct store *st, enum bench_what what, int32_t today)
{
	struct report_data d;
	struct report_summary s;
	static long seconds[BENCH_DAYS + 1];
	long long n;
	int32_t first = what == BENCH_WEEKS12 ?
	    day_week_start(today) - 11 * 7 : today - BENCH_DAYS;
	double t0 = bench_now_ms(), t1;

	switch (what) {
	case BENCH_WHOLE:
	case BENCH_WEEKS12:
		if (store_report_load(st, day_start_time(first),
		    day_start_time(today + 1) - 1, today, &d) != 0)
			bench_die(st, "load");
		report_summarise(&d, first, today, today, &s);
		t1 = bench_now_ms();
		report_summary_free(&s);
		report_data_free(&d);
		return t1 - t0;
	case BENCH_REPORT:
		if (store_report_load(st, day_start_time(first),
		    day_start_time(today + 1) - 1, today, &d) != 0)
			bench_die(st, "load");
		report_summarise(&d, first, today, today, &s);
		if (report_write(bench_null, &d, &s, REPORT_TEXT, 80) != 0)
			bench_die(NULL, "write");
		t1 = bench_now_ms();
		report_summary_free(&s);
		report_data_free(&d);
		return t1 - t0;
	case BENCH_CALENDAR:
		/* The progress calendar: load the history, then day totals. */
		if (store_report_load(st, day_start_time(first),
		    day_start_time(today + 1) - 1, today, &d) != 0)
			bench_die(st, "load");
		t0 = bench_now_ms();
		report_day_seconds(&d, first, BENCH_DAYS + 1, seconds);
		t1 = bench_now_ms();
		report_data_free(&d);
		return t1 - t0;
	case BENCH_COUNT_SESSIONS:
	case BENCH_COUNT_STEPS:
		if (store_count_rows(st, what == BENCH_COUNT_SESSIONS ?
		    "sessions" : "steps", &n) != 0)
			bench_die(st, "count");
		return bench_now_ms() - t0;
	}
	return 0;
}

static double
bench_median(struct store *st, enum bench_what what, int32_t today)
{
	double t[BENCH_RUNS];
	int i;

	(void)bench_once(st, what, today);     /* warm the page cache */
	for (i = 0; i < BENCH_RUNS; i++)
		t[i] = bench_once(st, what, today);
	qsort(t, BENCH_RUNS, sizeof t[0], bench_cmp);
	return t[BENCH_RUNS / 2];
}

/*
 * One cold run of what the progress view reads, as a process of its own
 * (bench_progress.sh times it whole): "view", the windowed reads of
 * store_progress_load(), or "whole", the whole history as the view read
 * it before (store_report_load() from 0).
 */
static int
bench_view_once(const char *what, const char *path)
{
	struct store_progress_ask a;
	struct report_data d;
	struct report_summary s;
	struct store *st;
	char *err;
	int streak = 0, rc;

	if ((st = store_open_read(path, &err)) == NULL) {
		fprintf(stderr, "bench_progress: %s\n", err);
		return 1;
	}
	a.now = (int64_t)time(NULL);
	a.today = day_of_time(a.now);
	a.first = day_week_start(a.today) - 7 * 11;
	a.rated = 74;           /* an 80-column screen's chart */
	a.pain_weeks = 6;
	rc = strcmp(what, "view") == 0 ?
	    store_progress_load(st, &a, &d, &streak) :
	    store_report_load(st, 0, a.now, a.today, &d);
	if (rc != 0)
		bench_die(st, "load");
	report_summarise(&d, d.n_sessions > 0 ? day_week_start(day_of_time(
	    d.sessions[0].started_at)) : a.today, a.today, a.today, &s);
	report_summary_free(&s);
	report_data_free(&d);
	store_close(st);
	return 0;
}

/* Fills path with ten years of use (today excluded); prints nothing. */
static void
bench_make(const char *path, int32_t today, long long *sessions,
    long long *steps, double *fill_ms)
{
	struct store *st;
	char *err;

	(void)unlink(path);
	if ((st = store_open(path, &err)) == NULL) {
		fprintf(stderr, "bench_progress: %s\n", err);
		exit(1);
	}
	*fill_ms = bench_now_ms();
	bench_fill(st, today);
	*fill_ms = bench_now_ms() - *fill_ms;
	if (store_count_rows(st, "sessions", sessions) != 0 ||
	    store_count_rows(st, "steps", steps) != 0)
		bench_die(st, "count");
	store_close(st);
}

int
main(int argc, char **argv)
{
	char tmpl[] = "/tmp/bench_progress.XXXXXX", *dir, *path, *err, *cmd;
	struct store *st;
	struct stat sb;
	long long sessions, steps;
	double fill_ms, whole, weeks, rep, cal, cs, cst;
	int32_t today;
	int fill_only = 0, keep;

	if (argc == 4 && strcmp(argv[1], "--once") == 0)
		return bench_view_once(argv[2], argv[3]);
	for (; argc > 1 && argv[1][0] == '-'; argc--, argv++) {
		if (strcmp(argv[1], "--fill-only") == 0)
			fill_only = 1;
		else if (strcmp(argv[1], "--scale") == 0 && argc > 2 &&
		    (bench_scale = atoi(argv[2])) > 0) {
			argc--;
			argv++;
		} else {
			fprintf(stderr, "usage: bench_progress [--scale N] "
			    "[--fill-only] [FOLDER]\n"
			    "       bench_progress --once view|whole FILE\n");
			return 2;
		}
	}
	keep = argc > 1;
	dir = keep ? argv[1] : mkdtemp(tmpl);
	if (dir == NULL || (fill_only && !keep)) {
		fprintf(stderr, "bench_progress: %s\n", dir == NULL ?
		    "mkdtemp failed" : "--fill-only needs a FOLDER");
		return 1;
	}
	path = xasprintf("%s/progress.db", dir);
	today = day_of_time((int64_t)time(NULL));
	bench_make(path, today, &sessions, &steps, &fill_ms);
	if (fill_only) {
		printf("%lld sessions, %lld steps in %s\n", sessions, steps,
		    path);
		free(path);
		return 0;
	}
	/* Time a freshly opened file, as a user starting backcare would. */
	if ((st = store_open(path, &err)) == NULL) {
		fprintf(stderr, "bench_progress: %s\n", err);
		return 1;
	}
	whole = bench_median(st, BENCH_WHOLE, today);
	weeks = bench_median(st, BENCH_WEEKS12, today);
	if ((bench_null = fopen("/dev/null", "w")) == NULL) {
		perror("/dev/null");
		return 1;
	}
	rep = bench_median(st, BENCH_REPORT, today);
	fclose(bench_null);
	cal = bench_median(st, BENCH_CALENDAR, today);
	cs = bench_median(st, BENCH_COUNT_SESSIONS, today);
	cst = bench_median(st, BENCH_COUNT_STEPS, today);
	store_close(st);
	if (stat(path, &sb) != 0) {
		perror(path);
		return 1;
	}
	printf("backcare progress queries, %d days of use: %lld sessions, "
	    "%lld steps, %d checks (filled in %.1f s)\n", BENCH_DAYS,
	    sessions, steps, (BENCH_DAYS + 6) / 7, fill_ms / 1e3);
	printf("median of %d runs, milliseconds:\n", BENCH_RUNS);
	printf("  report/progress, 10 years (load + summarise)  %8.3f  "
	    "(target < 20)\n", whole);
	printf("  progress, last 12 weeks (load + summarise)    %8.3f  "
	    "(target < 2)\n", weeks);
	printf("  backcare report, 10 years (+ writing text)    %8.3f  "
	    "(target < 20)\n", rep);
	printf("  calendar day totals, 10 years                 %8.3f  "
	    "(target < 20)\n", cal);
	printf("  baseline: SELECT count(*) FROM sessions       %8.3f\n", cs);
	printf("  baseline: SELECT count(*) FROM steps          %8.3f\n", cst);
	printf("file size: %.1f MB (target < 20)\n",
	    (double)sb.st_size / (1024.0 * 1024.0));
	printf("%s\n", whole < 20 && weeks < 2 && rep < 20 && cal < 20 &&
	    sb.st_size < 20L * 1024 * 1024 ? "all targets met" :
	    "TARGET MISSED");
	if (!keep) {
		cmd = xasprintf("rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "bench_progress: could not remove %s\n",
			    dir);
		free(cmd);
	}
	free(path);
	return 0;
}
