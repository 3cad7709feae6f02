/*
 * timer.h: the countdown through a timeline: which segment, how much is
 * left, paused or not (timer.c).  Pure: time is handed in as monotonic
 * milliseconds (from clock.h by the callers), so tests drive it by hand.
 */
#ifndef BACKCARE_TIMER_H
#define BACKCARE_TIMER_H

#include <stddef.h>
#include <stdint.h>

#include "timeline.h"

/* The timer: which segment, how much is left, paused or not. */
enum timer_event {
	TIMER_NONE,
	TIMER_SEGMENT_DONE,     /* the current segment ran out */
	TIMER_FINISHED          /* the last segment ran out */
};

struct timer {
	const struct timeline *t;
	size_t seg;             /* current; == t->n when finished */
	int64_t start_ms;       /* when the segment started, paused time
				   excluded (moved forward on resume) */
	int64_t extra_ms;       /* + and - adjustments */
	int paused;
	int64_t paused_at;
	int64_t ran_ms;         /* how long the segment that last ran out
				   really ran (its time with + and -) */
};

void timer_start(struct timer *tm, const struct timeline *t, size_t seg,
    int64_t now);
/* Milliseconds left in the current segment (never below 0). */
int64_t timer_remaining_ms(const struct timer *tm, int64_t now);
/* Milliseconds done in the current segment. */
int64_t timer_done_ms(const struct timer *tm, int64_t now);
/*
 * Advances past a segment that ran out.  Returns TIMER_SEGMENT_DONE (the
 * finished segment is seg - 1), TIMER_FINISHED, or TIMER_NONE.  Call it
 * until it returns TIMER_NONE.
 */
enum timer_event timer_tick(struct timer *tm, int64_t now);
void timer_pause(struct timer *tm, int64_t now);
void timer_resume(struct timer *tm, int64_t now);
/* A span when the program was stopped: excluded from the countdown. */
void timer_suspended(struct timer *tm, int64_t ms);
/* Next or previous segment, starting it afresh. */
void timer_next(struct timer *tm, int64_t now);
void timer_previous(struct timer *tm, int64_t now);
/* Adds (or with a negative delta takes) time; at least 1 s stays. */
void timer_adjust(struct timer *tm, int64_t now, int64_t delta_ms);
/* The next moment the displayed whole seconds change, for sleeping. */
int64_t timer_next_deadline(const struct timer *tm, int64_t now);
int timer_finished(const struct timer *tm);
/* Whole seconds the segment that last ran out really ran (rounded). */
long timer_ran_s(const struct timer *tm);
/*
 * 1 when a segment planned for planned_s seconds that ran ran_s was cut
 * to less than half (with -): it is stored as skipped, as n would, so a
 * routine cut down to seconds does not count as done.
 */
int timer_cut_short(long planned_s, long ran_s);

#endif
