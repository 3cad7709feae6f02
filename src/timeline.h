/*
 * timeline.h: a parsed routine as timed segments: each side and repeat of
 * a step, counted reps and sets, and the pauses between, with the words a
 * runner says as each starts (timeline.c).  Pure.
 */
#ifndef BACKCARE_TIMELINE_H
#define BACKCARE_TIMELINE_H

#include <stddef.h>

struct routine;
struct timeline;

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

#endif
