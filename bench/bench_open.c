/*
 * bench_open.c: how long opening a lesson and re-wrapping it take, as the
 * viewer does them: parse and check the file, lay it out, then lay it out
 * again at each width from 40 to 200 (a resize).  Built and run by
 * bench_show.sh against the pure-module library.
 *
 * usage: bench_open FILE.md...
 * prints: FILE open_us rewrap_us (means over many repeats)
 *
 * usage: bench_open -p FILE.md
 * prints the median time in seconds of writing FILE as plain text at 80
 * columns (as `backcare show` does), warm: in one process, file read once,
 * after a first run that is not counted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "diag.h"
#include "layout.h"
#include "lesson.h"
#include "util.h"

#define REPEAT 200
#define PLAIN_RUNS 11

static int
cmp_ms(const void *a, const void *b)
{
	const int64_t *x = a, *y = b;

	return (*x > *y) - (*x < *y);
}

static int64_t
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* The warm figure of `show`: layout_write_plain_text in a loop. */
static int
bench_plain(const char *path)
{
	int64_t ms[PLAIN_RUNS], t0;
	char *text, *why;
	size_t len;
	FILE *null = fopen("/dev/null", "w");
	int r;

	text = util_read_file_max(path, UTIL_LIMIT_LESSON, &len, &why);
	if (text == NULL || null == NULL) {
		fprintf(stderr, "%s: cannot read\n", path);
		return 1;
	}
	(void)layout_write_plain_text(text, len, 80, null);
	for (r = 0; r < PLAIN_RUNS; r++) {
		t0 = now_us();
		(void)layout_write_plain_text(text, len, 80, null);
		ms[r] = now_us() - t0;
	}
	qsort(ms, PLAIN_RUNS, sizeof ms[0], cmp_ms);
	printf("%.3f\n", (double)ms[PLAIN_RUNS / 2] / 1e6);
	fclose(null);
	free(text);
	return 0;
}

int
main(int argc, char **argv)
{
	int i, r, w;
	int64_t t0, open_ms, wrap_ms;
	double worst_open = 0, worst_wrap = 0, o, wr;
	struct lesson *l;
	struct layout *L;
	struct diag d = DIAG_INIT;

	if (argc == 3 && strcmp(argv[1], "-p") == 0)
		return bench_plain(argv[2]);
	for (i = 1; i < argc; i++) {
		t0 = clock_monotonic_ms();
		for (r = 0; r < REPEAT; r++) {
			l = lesson_load(argv[i], &d);
			lesson_validate(l, NULL, NULL, &d);
			L = layout_build(l->doc, 78, LAYOUT_HIDE_ANSWERS);
			layout_free(L);
			lesson_free(l);
			diag_free(&d);
		}
		open_ms = clock_monotonic_ms() - t0;
		l = lesson_load(argv[i], NULL);
		t0 = clock_monotonic_ms();
		for (r = 0; r < REPEAT / 10; r++)
			for (w = 40; w < 200; w += 16) {
				L = layout_build(l->doc, w, LAYOUT_HIDE_ANSWERS);
				(void)layout_line_for_source(L, 10);
				layout_free(L);
			}
		wrap_ms = clock_monotonic_ms() - t0;
		lesson_free(l);
		o = open_ms * 1000.0 / REPEAT;
		wr = wrap_ms * 1000.0 / (REPEAT / 10 * 10);
		printf("%s open %.0f us, re-wrap %.0f us\n", argv[i], o, wr);
		if (o > worst_open)
			worst_open = o;
		if (wr > worst_wrap)
			worst_wrap = wr;
	}
	printf("worst: open %.0f us, re-wrap %.0f us (target: under 1000 us "
	    "each): %s\n", worst_open, worst_wrap, worst_open < 1000 &&
	    worst_wrap < 1000 ? "ok" : "TOO SLOW");
	return worst_open < 1000 && worst_wrap < 1000 ? 0 : 1;
}
