/*
 * timer.c: the countdown through a timeline (timer.h): start, tick,
 * pause and resume, skip and go back, +/- time, and the next moment the
 * shown seconds change.
 */
#include "config.h"

#include <string.h>

#include "timer.h"

void
timer_start(struct timer *tm, const struct timeline *t, size_t seg,
    int64_t now)
{
	memset(tm, 0, sizeof *tm);
	tm->t = t;
	tm->seg = seg < t->n ? seg : t->n;
	tm->start_ms = now;
}

int
timer_finished(const struct timer *tm)
{
	return tm->seg >= tm->t->n;
}

int64_t
timer_done_ms(const struct timer *tm, int64_t now)
{
	int64_t at = tm->paused ? tm->paused_at : now;

	return at - tm->start_ms;
}

int64_t
timer_remaining_ms(const struct timer *tm, int64_t now)
{
	int64_t left;

	if (timer_finished(tm))
		return 0;
	left = tm->t->seg[tm->seg].seconds * 1000 + tm->extra_ms -
	    timer_done_ms(tm, now);
	return left > 0 ? left : 0;
}

enum timer_event
timer_tick(struct timer *tm, int64_t now)
{
	int64_t over;

	if (timer_finished(tm) || tm->paused ||
	    timer_remaining_ms(tm, now) > 0)
		return TIMER_NONE;
	/* The next segment starts when this one ended, not when we noticed. */
	tm->ran_ms = tm->t->seg[tm->seg].seconds * 1000 + tm->extra_ms;
	over = timer_done_ms(tm, now) - tm->ran_ms;
	tm->seg++;
	tm->start_ms = now - over;
	tm->extra_ms = 0;
	return timer_finished(tm) ? TIMER_FINISHED : TIMER_SEGMENT_DONE;
}

void
timer_pause(struct timer *tm, int64_t now)
{
	if (tm->paused || timer_finished(tm))
		return;
	tm->paused = 1;
	tm->paused_at = now;
}

void
timer_resume(struct timer *tm, int64_t now)
{
	if (!tm->paused)
		return;
	tm->start_ms += now - tm->paused_at;
	tm->paused = 0;
}

void
timer_suspended(struct timer *tm, int64_t ms)
{
	if (!tm->paused && ms > 0)
		tm->start_ms += ms;
}

void
timer_next(struct timer *tm, int64_t now)
{
	if (timer_finished(tm))
		return;
	tm->seg++;
	tm->start_ms = now;
	tm->extra_ms = 0;
	if (tm->paused)
		tm->paused_at = now;
}

void
timer_previous(struct timer *tm, int64_t now)
{
	if (tm->seg > 0)
		tm->seg--;
	tm->start_ms = now;
	tm->extra_ms = 0;
	if (tm->paused)
		tm->paused_at = now;
}

void
timer_adjust(struct timer *tm, int64_t now, int64_t delta_ms)
{
	int64_t left;

	if (timer_finished(tm))
		return;
	tm->extra_ms += delta_ms;
	left = tm->t->seg[tm->seg].seconds * 1000 + tm->extra_ms -
	    timer_done_ms(tm, now);
	if (left < 1000)
		tm->extra_ms += 1000 - left;
}

int64_t
timer_next_deadline(const struct timer *tm, int64_t now)
{
	int64_t left;

	if (timer_finished(tm) || tm->paused)
		return -1;
	left = timer_remaining_ms(tm, now);
	if (left == 0)
		return now;
	/* Wake when the shown whole second changes (or the segment ends). */
	return now + (left % 1000 == 0 ? 1000 : left % 1000);
}

long
timer_ran_s(const struct timer *tm)
{
	return (long)((tm->ran_ms + 500) / 1000);
}

int
timer_cut_short(long planned_s, long ran_s)
{
	return ran_s * 2 < planned_s;
}
