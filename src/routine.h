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
 *
 * An exercise step (movement.md section 2.0) names movement: instead of
 * stroke: and pressure:, and may count repetitions (reps, sets, tempo,
 * set_rest).  Its rest comes after the step, and "sides: both" adds a
 * 5-second switch between the sides.
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
#define ROUTINE_MAX_REPS 50
#define ROUTINE_MAX_SETS 5
#define ROUTINE_SWITCH_S 5      /* the pause to change sides, exercise */

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
	/* Exercise steps (movement: is set; stroke and pressure are NULL): */
	char *movement;         /* mobility, stretch, strength, aerobic */
	int reps;               /* > 0: counted repetitions */
	int sets;               /* >= 1 */
	int tempo[3];           /* up, hold, down seconds of one rep */
	long set_rest;          /* between sets */
	char *alt_position;     /* when the position is ruled out, or NULL */
	char *tags;             /* end_range_flexion, twist, extension */
	char *bones;            /* how to do it with thin bones, or NULL */
	char *easier;           /* the easier level, or NULL */
	char *harder;           /* the next level, or NULL */
	int *weeks;             /* minutes per week of a plan (walking), or
				   NULL; the last repeats */
	int n_weeks;
	/* Set by routine_apply_limits(): */
	int skipped;
	int softened;           /* made lighter */
	char *note;             /* why it was skipped or changed, or NULL */
};

struct routine {
	char *id;
	char *title;
	char *intro;            /* CommonMark text */
	int exercise;           /* every step is an exercise step */
	int week;               /* of its weekly plan, once set; 0 none */
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
/* The positions a step may give, NULL-terminated (red-flags.md 6.9). */
extern const char *const routine_positions[];

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

struct timeline;

#define ROUTINE_MAX_WEEKS 52

/*
 * Sets the week of a routine whose steps build up week by week (the
 * walking plan's "weeks:"), 1 or more: those steps then last that week's
 * minutes.  Returns 1 when the routine has such steps, else 0.
 */
int routine_set_week(struct routine *r, int week);

/* 1 for an exercise step. */
int routine_step_is_exercise(const struct routine_step *s);
/* "massage" or "exercise". */
const char *routine_kind(const struct routine *r);
/* Seconds of one repetition (the tempo's sum). */
long routine_rep_seconds(const struct routine_step *s);

/*
 * A step's kind and dose in a line: "hold 1:00; effleurage, lower back,
 * light pressure" for massage, "stretch, kneeling; hold 0:30 x 2, each
 * side" or "strength, sitting; 2 sets of 8, tempo 3-0-3" for exercise
 * (caller frees).
 */
char *routine_step_summary(const struct routine_step *s);

/* The whole time of one step (sides, repeats or sets, rests), as the
 * routine's total counts it. */
long routine_step_seconds(const struct routine_step *s);

/* What a segment is (segment.rest): work, or one of the pauses. */
enum segment_kind {
	SEG_WORK = 0,
	SEG_REST,               /* between repeats (massage) */
	SEG_SET_REST,           /* between sets */
	SEG_SWITCH,             /* changing sides */
	SEG_AFTER               /* after an exercise step */
};

/* One timed piece of a routine: a side and repeat of a step, or a rest. */
struct segment {
	size_t step;
	int side;               /* 0 none, 1 left, 2 right */
	int rep;                /* 1-based: a repeat, or a counted rep */
	int reps;
	int rest;               /* enum segment_kind; 0 for work */
	long seconds;
	int set;                /* 1-based set of counted reps, else 0 */
	int sets;
	int half;               /* 1, 2: the halves of a long walk, else 0 */
	int last_work;          /* the step's last work segment */
};

/*
 * The words a runner says as segment i starts ("rep 3 of 10", "switch
 * sides", "halfway: turn back now", "rest 0:15"), shared by the routine
 * screen and run --plain (caller frees).  Never NULL.
 */
char *timeline_cue(const struct routine *r, const struct timeline *t,
    size_t i);

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
