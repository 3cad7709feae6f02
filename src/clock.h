/*
 * clock.h: the one source of time.
 *
 * Every module asks this interface for time; nothing else calls
 * clock_gettime() or time().  Monotonic time (milliseconds) drives
 * countdowns so that redraws, resizes and suspends cannot bend them;
 * wall time (Unix seconds) stamps records.  Tests install their own clock
 * with clock_set(), and end-to-end tests may pin the wall clock with the
 * BACKCARE_TEST_NOW environment variable (Unix seconds), and make waits
 * take no time with BACKCARE_TEST_CLOCK=skip (monotonic time then jumps
 * to each deadline, so a 12-minute routine runs in an instant).  With
 * BACKCARE_TEST_CLOCK=/absolute/path monotonic time is the milliseconds
 * written in that file: a screen test moves a countdown step by step.
 */
#ifndef BACKCARE_CLOCK_H
#define BACKCARE_CLOCK_H

#include <stdint.h>

struct clock_ops {
	int64_t (*monotonic_ms)(void *ctx);
	int64_t (*wall_s)(void *ctx);
	void *ctx;
};

/* Milliseconds from an arbitrary fixed point; never goes backwards. */
int64_t clock_monotonic_ms(void);
/* Seconds since the Unix epoch. */
int64_t clock_wall_s(void);
/* Sleeps until monotonic time until (or a signal). */
void clock_sleep_until(int64_t until);
/*
 * How long (real milliseconds; -1 = for ever) a wait for ms of monotonic
 * time may block: ms, except under a test clock kept in a file
 * (BACKCARE_TEST_CLOCK=/path), whose time moves without a wake-up.
 */
int64_t clock_wait_limit_ms(int64_t ms);

/*
 * Replaces the clock; NULL restores the system clock.  The ops struct must
 * outlive its use.
 */
void clock_set(const struct clock_ops *ops);

/*
 * A manual clock for tests: time moves only when the test says so.
 */
struct clock_manual {
	int64_t mono_ms;
	int64_t wall_s;
};
void clock_use_manual(struct clock_manual *m);
void clock_manual_advance_ms(struct clock_manual *m, int64_t ms);

#endif
