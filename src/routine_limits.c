/*
 * routine_limits.c: a routine's times, and the safety check's massage
 * limits applied to its steps: what is left out, softened or shortened,
 * and why (routine.h).  Parsing is in routine.c, timing in timeline.c.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "routine.h"
#include "screener.h"
#include "util.h"

/* One side of a step, without the rest after an exercise step. */
static long
routine_side_seconds(const struct routine_step *s)
{
	if (!routine_step_is_exercise(s))
		return s->repeat * s->seconds + (s->repeat - 1) * s->rest;
	if (s->reps > 0)
		return s->sets * s->reps * routine_rep_seconds(s) +
		    (s->sets - 1) * s->set_rest;
	return s->repeat * s->seconds;
}

/* movement.md 2.0: sets x reps x tempo + (sets - 1) x set_rest, once per
 * side, + 5 s to switch sides, + the rest after the step. */
long
routine_step_seconds(const struct routine_step *s)
{
	long one = routine_side_seconds(s);
	int ex = routine_step_is_exercise(s);

	if (s->sides == 2)
		one = 2 * one + (ex ? ROUTINE_SWITCH_S : 0);
	return ex ? one + s->rest : one;
}

long
routine_total_seconds(const struct routine *r)
{
	long total = 0;
	size_t i;

	for (i = 0; i < r->nsteps; i++)
		if (!r->steps[i].skipped)
			total += routine_step_seconds(&r->steps[i]);
	return total;
}

static void
routine_note(struct routine_step *s, int skip, int softened, const char *why)
{
	free(s->note);
	s->note = xstrdup(why);
	s->skipped |= skip;
	s->softened |= softened;
}

/* 1 when a pregnant person may take one of the step's positions. */
static int
routine_position_allowed(const struct routine_step *s)
{
	size_t i;

	for (i = 0; routine_positions[i] != NULL; i++)
		if (strncmp(routine_positions[i], "lying on the ", 13) != 0 &&
		    routine_list_has(s->position, routine_positions[i]))
			return 1;
	return 0;
}

/* Why the step must be left out under l (caller frees), or NULL. */
static char *
routine_skip_reason(const struct routine_step *s,
    const struct massage_limits *l)
{
	size_t k;

	for (k = 0; k < l->n_avoid; k++)
		if (routine_list_has(s->region, l->avoid_regions[k]))
			return xasprintf("Skipped: your safety check said to "
			    "leave out the %s.", l->avoid_regions[k]);
	if (l->pregnant && !routine_position_allowed(s))
		return xasprintf("Skipped: in pregnancy, steps done %s are "
		    "left out.", s->position);
	if (l->gentle && strcmp(s->stroke, "effleurage") != 0)
		return xasprintf("Skipped: your safety check said light "
		    "stroking (effleurage) only, and this step uses %s.",
		    s->stroke);
	if (l->no_percussion && (strcmp(s->stroke, "tapotement") == 0 ||
	    strcmp(s->stroke, "vibration") == 0))
		return xstrdup("Skipped: no tapping or vibration with thin "
		    "bones or blood thinners.");
	return NULL;
}

/* Lighter pressure or another position for a step that still runs. */
static void
routine_adapt(struct routine_step *s, const struct massage_limits *l)
{
	int lighter = strcmp(s->pressure, "light") != 0 && (l->gentle ||
	    (l->pregnant && routine_list_has(s->region, "legs")));

	if (lighter) {
		free(s->pressure);
		s->pressure = xstrdup("light");
		routine_note(s, 0, 1, l->gentle ? "Lighter: your safety check "
		    "said light stroking only, so keep the pressure light "
		    "here." : "Lighter: in pregnancy, no deep pressure on the "
		    "legs.");
	} else if (l->pregnant && (routine_list_has(s->position,
	    "lying on the back") || routine_list_has(s->position,
	    "lying on the front"))) {
		struct buf ok = BUF_INIT;
		size_t i;
		for (i = 0; routine_positions[i] != NULL; i++)
			if (strncmp(routine_positions[i], "lying on the ",
			    13) != 0 && routine_list_has(s->position,
			    routine_positions[i]))
				buf_printf(&ok, "%s%s", ok.len ? " or " : "",
				    routine_positions[i]);
		char *why = xasprintf("In pregnancy, do this step %s, not "
		    "lying on your back or front.", ok.data);
		routine_note(s, 0, 0, why);
		free(why);
		buf_free(&ok);
	}
}

/* Adds a sentence to a step's note (exercise steps can gather two). */
static void
routine_note_add(struct routine_step *s, const char *why)
{
	char *both;

	if (s->note == NULL) {
		s->note = xstrdup(why);
		return;
	}
	both = xasprintf("%s %s", s->note, why);
	free(s->note);
	s->note = both;
}

/* 1 when a pregnant person may take the position pos. */
static int
routine_pregnancy_allows(const char *pos)
{
	return strncmp(pos, "lying on the ", 13) != 0;
}

/*
 * The positions of an exercise step, composed so that no rule's ban comes
 * back: the bones position first (unless pregnancy rules it out), then the
 * pregnancy rule on whatever position that left.  Returns -1 when the step
 * is left out, 1 when its position was changed, 0 when not.
 */
static int
routine_exercise_position(struct routine_step *s,
    const struct massage_limits *l)
{
	int moved = 0;
	char *why;

	/* With thin bones some steps have a safer position of their own
	 * (movement.md 2.1, O: the glute stretch sitting). */
	if (l->osteoporosis && s->bones_position != NULL &&
	    strcmp(s->bones_position, s->position) != 0 &&
	    (!l->pregnant || routine_pregnancy_allows(s->bones_position))) {
		free(s->position);
		s->position = xstrdup(s->bones_position);
		moved = 1;
	}
	if (l->pregnant && !routine_position_allowed(s)) {
		if (s->alt_position == NULL ||
		    !routine_pregnancy_allows(s->alt_position)) {
			why = xasprintf("Skipped: in pregnancy, exercises "
			    "done %s are left out.", s->position);
			routine_note(s, 1, 0, why);
			free(why);
			return -1;
		}
		why = xasprintf("In pregnancy, do this %s instead of %s.",
		    s->alt_position, s->position);
		routine_note_add(s, why);
		free(why);
		free(s->position);
		s->position = xstrdup(s->alt_position);
		moved = 1;
	}
	return moved;
}

/*
 * Exercise steps (movement.md 2.3): in pregnancy a step lying on the back
 * or front moves to its alt_position, or is left out; with thin bones the
 * step says how to do it safely.  Avoided areas (red-flags.md 1e
 * AVOID-AREA), GENTLE and no-percussion are about pressure from hands or
 * tools: movement.md 2.3 gives exercise no area rule, and NICE NG59 says
 * keep walking, so they leave exercise alone.
 */
static void
routine_limit_exercise(struct routine_step *s, const struct massage_limits *l)
{
	char *why;
	int moved;

	if ((moved = routine_exercise_position(s, l)) < 0)
		return;
	/* movement.md 2.3 S: bending back at level -2 or not at all.  A
	 * step with no easier level is at its lowest (lying flat on the
	 * front); one that has an easier level is left out. */
	if (l->no_extension && routine_list_has(s->tags, "extension")) {
		if (s->easier != NULL) {
			routine_note(s, 1, 0, "Skipped: with spinal stenosis or "
			    "spondylolisthesis, when bending back makes it "
			    "worse, only the easiest level (lying flat on your "
			    "front) is done.");
			return;
		}
		routine_note_add(s, "With spinal stenosis or "
		    "spondylolisthesis: this is the easiest level; skip it "
		    "if bending back makes you feel worse.");
	}
	/* The easier level is written for the step's own position (the
	 * press-up's "on your elbows" lies on the front): once the safety
	 * check moved the step, it is not offered, so that it cannot put
	 * the person back in the position ruled out. */
	if (moved && s->easier != NULL) {
		free(s->easier);
		s->easier = NULL;
		routine_note_add(s, "No easier version in this position: if "
		    "it is too much, stop this step.");
	}
	if (l->osteoporosis && (s->bones != NULL ||
	    routine_list_has(s->tags, "end_range_flexion") ||
	    routine_list_has(s->tags, "twist"))) {
		why = xasprintf("With thin bones: %s", s->bones != NULL ?
		    s->bones : "keep the range small and slow; bend at your "
		    "hips and knees, not your back.");
		routine_note_add(s, why);
		free(why);
		s->softened = 1;
	}
}

void
routine_apply_limits(struct routine *r, const struct massage_limits *l)
{
	struct routine_step *s;
	size_t i;
	char *why;

	for (i = 0; i < r->nsteps; i++) {
		s = &r->steps[i];
		if (routine_step_is_exercise(s)) {
			routine_limit_exercise(s, l);
			continue;
		}
		if ((why = routine_skip_reason(s, l)) != NULL) {
			routine_note(s, 1, 0, why);
			free(why);
		} else
			routine_adapt(s, l);
	}
}

char *
routine_step_summary(const struct routine_step *s)
{
	char len[16], dose[96];

	util_format_clock(s->seconds, len, sizeof len);
	if (!routine_step_is_exercise(s))
		return xasprintf("%s %s; %s, %s, %s pressure", s->hold ?
		    "hold" : "strokes", len, s->stroke, s->region,
		    s->pressure);
	if (s->reps > 0 && s->sets > 1)
		snprintf(dose, sizeof dose, "%d sets of %d, tempo %d-%d-%d",
		    s->sets, s->reps, s->tempo[0], s->tempo[1], s->tempo[2]);
	else if (s->reps > 0)
		snprintf(dose, sizeof dose, "%d reps, tempo %d-%d-%d", s->reps,
		    s->tempo[0], s->tempo[1], s->tempo[2]);
	else if (s->repeat > 1)
		snprintf(dose, sizeof dose, "%s %s x %d", s->hold ? "hold" :
		    "for", len, s->repeat);
	else
		snprintf(dose, sizeof dose, "%s %s", s->hold ? "hold" : "for",
		    len);
	return xasprintf("%s, %s; %s%s", s->movement, s->position, dose,
	    s->sides == 2 ? ", each side" : "");
}
