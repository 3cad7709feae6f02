/* libFuzzer target: routine files through the parser, the limits, the
 * timeline and the timer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "routine.h"
#include "timer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d = DIAG_INIT;
	struct routine *r = routine_parse("fuzz", "fuzz.md",
	    (const char *)data, size, &d);
	struct massage_limits l;
	struct timeline t;
	struct timer tm;
	int64_t now = 0;

	diag_free(&d);
	if (r == NULL)
		return 0;
	memset(&l, 0, sizeof l);
	l.gentle = size & 1;
	l.n_avoid = 1;
	strcpy(l.avoid_regions[0], "glutes");
	routine_apply_limits(r, &l);
	timeline_build(r, &t);
	if (t.total != routine_total_seconds(r))
		abort();
	timer_start(&tm, &t, 0, now);
	while (!timer_finished(&tm) && now < 100000000) {
		now += timer_remaining_ms(&tm, now) + 1;
		timer_tick(&tm, now);
	}
	timeline_free(&t);
	routine_free(r);
	return 0;
}
