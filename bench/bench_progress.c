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
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
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

/* Warm, in-process medians on the file at path (made by bench_make()). */
static int
bench_warm(const char *path, int32_t today)
{
	struct store *st;
	struct stat sb;
	long long sessions, steps, checks;
	double whole, weeks, rep, cal, cs, cst;
	char *err;

	/* Time a freshly opened file, as a user starting backcare would. */
	if ((st = store_open_read(path, &err)) == NULL ||
	    (bench_null = fopen("/dev/null", "w")) == NULL) {
		fprintf(stderr, "bench_progress: %s\n", st == NULL ? err :
		    "/dev/null");
		return 1;
	}
	if (store_count_rows(st, "sessions", &sessions) != 0 ||
	    store_count_rows(st, "steps", &steps) != 0 ||
	    store_count_rows(st, "checks", &checks) != 0)
		bench_die(st, "count");
	whole = bench_median(st, BENCH_WHOLE, today);
	weeks = bench_median(st, BENCH_WEEKS12, today);
	rep = bench_median(st, BENCH_REPORT, today);
	cal = bench_median(st, BENCH_CALENDAR, today);
	cs = bench_median(st, BENCH_COUNT_SESSIONS, today);
	cst = bench_median(st, BENCH_COUNT_STEPS, today);
	fclose(bench_null);
	store_close(st);
	if (stat(path, &sb) != 0) {
		perror(path);
		return 1;
	}
	printf("warm, in one process (the file open, its pages cached), "
	    "%lld sessions, %lld steps, %lld checks, %.1f MB:\n", sessions,
	    steps, checks, (double)sb.st_size / (1024.0 * 1024.0));
	printf("median of %d runs, milliseconds:\n", BENCH_RUNS);
	printf("  report load + summarise, all years            %8.3f\n", whole);
	printf("  the last 12 weeks, load + summarise           %8.3f\n", weeks);
	printf("  report, all years (+ writing text)            %8.3f\n", rep);
	printf("  calendar day totals, all years                %8.3f\n", cal);
	printf("  reference: SELECT count(*) FROM sessions      %8.3f\n", cs);
	printf("  reference: SELECT count(*) FROM steps         %8.3f\n", cst);
	return 0;
}

/* One cold run of argv, its output thrown away: wall milliseconds. */
static double
bench_run(char **argv)
{
	double t0 = bench_now_ms();
	int status, fd;
	pid_t pid = fork();

	if (pid == 0) {
		fd = open("/dev/null", O_WRONLY);
		dup2(fd, 1);
		dup2(fd, 2);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid ||
	    !WIFEXITED(status) || WEXITSTATUS(status) > 1) {
		fprintf(stderr, "bench_progress: %s failed\n", argv[0]);
		exit(1);
	}
	return bench_now_ms() - t0;
}

static double
bench_mid(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, bench_cmp);
	return v[n / 2];
}

/*
 * Cold, whole-process: argv is REFERENCE ... -- COMMAND ...; runs the two
 * in turn, runs times each after one unmeasured run, and prints the
 * median milliseconds of each and the median of the pairs' ratios.
 */
static int
bench_cold(int runs, char **argv)
{
	double a[101], b[101], r[101];
	char **cmd;
	int i;

	for (cmd = argv; *cmd != NULL && strcmp(*cmd, "--") != 0; cmd++)
		;
	if (runs < 1 || runs > 101 || cmd == argv || *cmd == NULL ||
	    cmd[1] == NULL)
		return 2;
	*cmd++ = NULL;
	(void)bench_run(cmd);
	(void)bench_run(argv);
	for (i = 0; i < runs; i++) {
		a[i] = bench_run(cmd);
		b[i] = bench_run(argv);
		r[i] = a[i] / b[i];
	}
	printf("%.2f %.2f %.2f\n", bench_mid(a, runs), bench_mid(b, runs),
	    bench_mid(r, runs));
	return 0;
}

static int
bench_usage(void)
{
	fprintf(stderr, "usage: bench_progress [--scale N] [--fill-only] "
	    "[FOLDER]\n"
	    "       bench_progress --warm FILE\n"
	    "       bench_progress --once view|whole FILE\n"
	    "       bench_progress --cold RUNS REFERENCE ... -- COMMAND ...\n");
	return 2;
}

int
main(int argc, char **argv)
{
	char tmpl[] = "/tmp/bench_progress.XXXXXX", *dir, *path, *cmd;
	long long sessions, steps;
	double fill_ms;
	int32_t today = day_of_time((int64_t)time(NULL));
	int fill_only = 0, keep, rc;

	if (argc == 4 && strcmp(argv[1], "--once") == 0)
		return bench_view_once(argv[2], argv[3]);
	if (argc == 3 && strcmp(argv[1], "--warm") == 0)
		return bench_warm(argv[2], today);
	if (argc > 5 && strcmp(argv[1], "--cold") == 0)
		return bench_cold(atoi(argv[2]), argv + 3) == 0 ? 0 :
		    bench_usage();
	for (; argc > 1 && argv[1][0] == '-'; argc--, argv++) {
		if (strcmp(argv[1], "--fill-only") == 0)
			fill_only = 1;
		else if (strcmp(argv[1], "--scale") == 0 && argc > 2 &&
		    (bench_scale = atoi(argv[2])) > 0) {
			argc--;
			argv++;
		} else
			return bench_usage();
	}
	keep = argc > 1;
	dir = keep ? argv[1] : mkdtemp(tmpl);
	if (dir == NULL || (fill_only && !keep))
		return bench_usage();
	path = xasprintf("%s/progress.db", dir);
	bench_make(path, today, &sessions, &steps, &fill_ms);
	printf("%lld sessions, %lld steps, %d days (filled in %.1f s)\n",
	    sessions, steps, BENCH_DAYS, fill_ms / 1e3);
	rc = fill_only ? 0 : bench_warm(path, today);
	if (!keep) {
		cmd = xasprintf("rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "bench_progress: could not remove %s\n",
			    dir);
		free(cmd);
	}
	free(path);
	return rc;
}
