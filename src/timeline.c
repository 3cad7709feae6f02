/*
 * timeline.c: a parsed routine as timed segments (steps, sides, repeats,
 * counted reps and the pauses between) and the words said as each starts
 * (timeline.h).  The timer that runs them is timer.c.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "routine.h"
#include "timeline.h"
#include "util.h"

/* ---- the timeline ----------------------------------------------------- */

static void
timeline_add(struct timeline *t, size_t *cap, struct segment seg)
{
	if (t->n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		t->seg = xreallocarray(t->seg, *cap, sizeof *t->seg);
	}
	t->seg[t->n++] = seg;
	t->total += seg.seconds;
}

/* The work and pauses of one side of an exercise step. */
static void
timeline_exercise_side(struct timeline *t, size_t *cap, size_t i,
    const struct routine_step *s, int side)
{
	struct segment seg = { i, side, 0, 0, SEG_WORK, 0, 0, 0, 0, 0 };
	int set, rep;

	if (s->reps > 0) {
		seg.reps = s->reps;
		seg.sets = s->sets;
		seg.seconds = routine_rep_seconds(s);
		for (set = 1; set <= s->sets; set++) {
			seg.set = set;
			for (rep = 1; rep <= s->reps; rep++) {
				seg.rep = rep;
				timeline_add(t, cap, seg);
			}
			if (set < s->sets && s->set_rest > 0)
				timeline_add(t, cap, (struct segment){ i, side,
				    s->reps, s->reps, SEG_SET_REST,
				    s->set_rest, set, s->sets, 0, 0 });
		}
		return;
	}
	seg.reps = s->repeat;
	seg.seconds = s->seconds;
	/* A long walk has a halfway cue (movement.md 3.3, and P1). */
	if (s->repeat == 1 && s->seconds >= 120 &&
	    strcmp(s->movement, "aerobic") == 0) {
		seg.rep = 1;
		seg.seconds = s->seconds / 2;
		seg.half = 1;
		timeline_add(t, cap, seg);
		seg.seconds = s->seconds - s->seconds / 2;
		seg.half = 2;
		timeline_add(t, cap, seg);
		return;
	}
	for (rep = 1; rep <= s->repeat; rep++) {
		seg.rep = rep;
		timeline_add(t, cap, seg);
	}
}

static void
timeline_exercise(struct timeline *t, size_t *cap, size_t i,
    const struct routine_step *s)
{
	if (s->sides == 2) {
		timeline_exercise_side(t, cap, i, s, 1);
		timeline_add(t, cap, (struct segment){ i, 2, 1, 1, SEG_SWITCH,
		    ROUTINE_SWITCH_S, 0, 0, 0, 0 });
		timeline_exercise_side(t, cap, i, s, 2);
	} else
		timeline_exercise_side(t, cap, i, s, 0);
	t->seg[t->n - 1].last_work = 1;
	if (s->rest > 0)
		timeline_add(t, cap, (struct segment){ i, 0, 1, 1, SEG_AFTER,
		    s->rest, 0, 0, 0, 0 });
}

void
timeline_build(const struct routine *r, struct timeline *t)
{
	const struct routine_step *s;
	size_t i, cap = 0;
	int side, rep, first, last;

	memset(t, 0, sizeof *t);
	for (i = 0; i < r->nsteps; i++) {
		s = &r->steps[i];
		if (s->skipped)
			continue;
		if (routine_step_is_exercise(s)) {
			timeline_exercise(t, &cap, i, s);
			continue;
		}
		first = s->sides == 2 ? 1 : 0;
		last = s->sides == 2 ? 2 : 0;
		for (side = first; side <= last; side++) {
			for (rep = 1; rep <= s->repeat; rep++) {
				timeline_add(t, &cap, (struct segment){ i,
				    side, rep, s->repeat, SEG_WORK, s->seconds,
				    0, 0, 0, 0 });
				if (rep < s->repeat && s->rest > 0)
					timeline_add(t, &cap, (struct segment){
					    i, side, rep, s->repeat, SEG_REST,
					    s->rest, 0, 0, 0, 0 });
			}
		}
		t->seg[t->n - 1].last_work = t->seg[t->n - 1].rest == SEG_WORK;
	}
}

char *
timeline_cue(const struct routine *r, const struct timeline *t, size_t i)
{
	const struct segment *seg = &t->seg[i];
	const struct routine_step *s = &r->steps[seg->step];
	char len[16];

	util_format_clock(seg->seconds, len, sizeof len);
	switch (seg->rest) {
	case SEG_REST:
		return xasprintf("rest %s, then repeat %d of %d", len,
		    seg->rep + 1, seg->reps);
	case SEG_SET_REST:
		return xasprintf("rest %s, then set %d of %d", len,
		    seg->set + 1, seg->sets);
	case SEG_SWITCH:
		return xasprintf("switch to the right side (%s)", len);
	case SEG_AFTER:
		return xasprintf("rest %s before the next step", len);
	}
	if (seg->half == 2)
		return xstrdup("halfway: turn back now");
	if (seg->half == 1)
		return xasprintf("walk out for %s", len);
	if (seg->set > 0 && seg->sets > 1)
		return xasprintf("set %d of %d, %d of %d", seg->set, seg->sets,
		    seg->rep, seg->reps);
	if (seg->set > 0 || (routine_step_is_exercise(s) && seg->reps > 1))
		return xasprintf("%d of %d", seg->rep, seg->reps);
	if (seg->reps > 1)
		return xasprintf("repeat %d of %d", seg->rep, seg->reps);
	return xstrdup("");
}

void
timeline_free(struct timeline *t)
{
	free(t->seg);
	memset(t, 0, sizeof *t);
}

long
timeline_elapsed_before(const struct timeline *t, size_t i)
{
	long s = 0;
	size_t k;

	for (k = 0; k < i && k < t->n; k++)
		s += t->seg[k].seconds;
	return s;
}

const char *
timeline_side_name(int side)
{
	return side == 1 ? "left" : side == 2 ? "right" : "";
}
