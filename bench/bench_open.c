/*
 * bench_open.c: how long opening a lesson and re-wrapping it take, as the
 * viewer does them: parse and check the file, lay it out, then lay it out
 * again at each width from 40 to 200 (a resize).  Built and run by
 * bench_show.sh against the pure-module library.
 *
 * usage: bench_open FILE.md...
 * prints: FILE open_us rewrap_us (means over many repeats)
 */
#include <stdio.h>
#include <stdlib.h>

#include "clock.h"
#include "diag.h"
#include "layout.h"
#include "lesson.h"

#define REPEAT 200

int
main(int argc, char **argv)
{
	int i, r, w;
	int64_t t0, open_ms, wrap_ms;
	double worst_open = 0, worst_wrap = 0, o, wr;
	struct lesson *l;
	struct layout *L;
	struct diag d = DIAG_INIT;

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
