/*
 * routine.h: self-massage routines: the file format and the massage
 * limits applied to it.  The timeline of timed segments is timeline.h,
 * the countdown timer.h.
 *
 * Pure: no curses, no SQL.
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
	char *bones_position;   /* the position with thin bones, or NULL */
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

#endif
