/*
 * routine.h: self-massage routines: the file format, the timeline of
 * timed segments, the massage limits applied to it, and the timer.
 *
 * Pure: no curses, no SQL; time is handed in as monotonic milliseconds
 * (from clock.h by the callers), so tests drive the timer by hand.
 *
 * A routine file: the H1 is the title, the paragraphs after it the
 * introduction; each H2 is a step, with a bullet list of "key: value"
 * right under its heading (duration or hold, repeat, rest, sides, stroke,
 * region, position, pressure) and its instructions after that.
 */
#ifndef BACKCARE_ROUTINE_H
#define BACKCARE_ROUTINE_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "safety.h"

#define ROUTINE_MIN_S 1
#define ROUTINE_MAX_S (30 * 60)
#define ROUTINE_MAX_REPEAT 20

struct routine_step {
	char *title;
	int line;               /* of the heading */
	int hold;               /* 1: a static hold, 0: a moving stroke */
	long seconds;           /* each repeat */
	int repeat;             /* >= 1 */
	long rest;              /* between repeats */
	int sides;              /* 0: the middle; 2: left then right */
	char *stroke;
	char *region;           /* one or more, "glutes, hips" */
	char *position;         /* one or more, the preferred first */
	char *pressure;
	char *instructions;     /* CommonMark text of the step's body */
	/* Set by routine_apply_limits(): */
	int skipped;
	int softened;           /* made lighter */
	char *note;             /* why it was skipped or changed, or NULL */
};

struct routine {
	char *id;
	char *title;
	char *intro;            /* CommonMark text */
	struct routine_step *steps;
	size_t nsteps;
};

/*
 * Parses a routine (name for messages: usually its path).  Returns the
 * routine, or NULL with every problem in d as "name:line: message".  The
 * caller frees with routine_free().
 */
struct routine *routine_parse(const char *id, const char *name,
    const char *text, size_t len, struct diag *d);
void routine_free(struct routine *r);

/* 1 when the comma-separated list ("glutes, hips") holds item. */
int routine_list_has(const char *list, const char *item);

/* The whole time of the routine in seconds (steps, sides, repeats, rests;
 * skipped steps left out). */
long routine_total_seconds(const struct routine *r);

/*
 * Applies the safety check's massage limits (red-flags.md sections 1e, 4
 * and 6 items 8-10).  A step is skipped when any of its regions is to be
 * avoided; in pregnancy when none of its positions is allowed (lying on
 * the back or front); under GENTLE when its stroke is not effleurage; with
 * thin bones or blood thinners when it taps or vibrates.  GENTLE makes
 * effleurage light, and pregnancy makes leg steps light.  Each changed
 * step gets a note saying why.  Apply once, to a freshly parsed routine.
 */
void routine_apply_limits(struct routine *r, const struct massage_limits *l);

/* One timed piece of a routine: a side and repeat of a step, or a rest. */
struct segment {
	size_t step;
	int side;               /* 0 none, 1 left, 2 right */
	int rep;                /* 1-based */
	int reps;
	int rest;               /* 1 for a rest between repeats */
	long seconds;
};

struct timeline {
	struct segment *seg;
	size_t n;
	long total;             /* seconds */
};

/* Builds the timeline (skipped steps left out).  Free with
 * timeline_free(). */
void timeline_build(const struct routine *r, struct timeline *t);
void timeline_free(struct timeline *t);
/* Seconds of the segments before index i. */
long timeline_elapsed_before(const struct timeline *t, size_t i);
const char *timeline_side_name(int side);   /* "", "left", "right" */

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

#endif
