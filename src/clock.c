/*
 * clock.c: system and manual clocks behind one interface.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "util.h"

/* Time skipped by clock_sleep_until() under BACKCARE_TEST_CLOCK=skip. */
static int64_t clock_skipped_ms;

static int
clock_skipping(void)
{
	static int known = -1;
	const char *env;

	if (known < 0) {
		env = getenv("BACKCARE_TEST_CLOCK");
		known = env != NULL && strcmp(env, "skip") == 0;
	}
	return known;
}

/*
 * BACKCARE_TEST_CLOCK=/path: monotonic time is the number of milliseconds
 * written in that file, so an end-to-end test moves a countdown on the
 * screen exactly when it says (tests/lib.sh's tui_clock).  The file is
 * replaced whole (rename), so a read sees one value or the last one.
 */
static const char *
clock_file(void)
{
	static int known;
	static const char *path;
	const char *env;

	if (!known) {
		known = 1;
		env = getenv("BACKCARE_TEST_CLOCK");
		if (env != NULL && env[0] == '/')
			path = env;
	}
	return path;
}

static int64_t
clock_file_monotonic(const char *path)
{
	static int64_t last;
	char text[32], *end;
	long long v;
	size_t n;
	FILE *f = fopen(path, "r");

	if (f == NULL)
		return last;
	n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[n] = '\0';
	v = strtoll(text, &end, 10);
	/* Never backwards, whatever the file says. */
	if (end != text && v > last)
		last = v;
	return last;
}

static int64_t
clock_system_monotonic(void *ctx)
{
	struct timespec ts;

	(void)ctx;
	if (clock_file() != NULL)
		return clock_file_monotonic(clock_file());
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		fatal("clock_gettime(CLOCK_MONOTONIC) failed");
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 +
	    clock_skipped_ms;
}


static int64_t
clock_system_wall(void *ctx)
{
	static int checked;
	static long long pinned = -1;
	const char *env;
	char *end;

	(void)ctx;
	if (!checked) {
		checked = 1;
		env = getenv("BACKCARE_TEST_NOW");
		if (env != NULL && *env != '\0') {
			pinned = strtoll(env, &end, 10);
			if (*end != '\0' || pinned < 0)
				pinned = -1;
		}
	}
	if (pinned >= 0)
		return pinned;
	return (int64_t)time(NULL);
}

static const struct clock_ops clock_system = {
	clock_system_monotonic, clock_system_wall, NULL
};
static const struct clock_ops *clock_current = &clock_system;

int64_t
clock_monotonic_ms(void)
{
	return clock_current->monotonic_ms(clock_current->ctx);
}

int64_t
clock_wall_s(void)
{
	return clock_current->wall_s(clock_current->ctx);
}

void
clock_set(const struct clock_ops *ops)
{
	clock_current = ops != NULL ? ops : &clock_system;
}

static int64_t
clock_manual_monotonic(void *ctx)
{
	return ((struct clock_manual *)ctx)->mono_ms;
}

static int64_t
clock_manual_wall(void *ctx)
{
	return ((struct clock_manual *)ctx)->wall_s;
}

void
clock_use_manual(struct clock_manual *m)
{
	static struct clock_ops ops;

	ops.monotonic_ms = clock_manual_monotonic;
	ops.wall_s = clock_manual_wall;
	ops.ctx = m;
	clock_set(&ops);
}

void
clock_manual_advance_ms(struct clock_manual *m, int64_t ms)
{
	int64_t before = m->mono_ms / 1000;

	m->mono_ms += ms;
	/* Wall time follows in whole seconds, as a real clock would. */
	m->wall_s += m->mono_ms / 1000 - before;
}

int64_t
clock_wait_limit_ms(int64_t ms)
{
	/* Time in a file moves without waking the program: look often. */
	if (clock_current == &clock_system && clock_file() != NULL &&
	    (ms < 0 || ms > 20))
		return 20;
	return ms;
}

void
clock_sleep_until(int64_t until)
{
	int64_t left = until - clock_monotonic_ms();
	struct timespec ts;

	if (left <= 0)
		return;
	/* Tests of long routines jump to the deadline instead of waiting. */
	if (clock_current == &clock_system && clock_skipping()) {
		clock_skipped_ms += left;
		return;
	}
	ts.tv_sec = left / 1000;
	ts.tv_nsec = (left % 1000) * 1000000;
	nanosleep(&ts, NULL);
}
