/*
 * handout.h: the patient's homework sheet, to print and pin up.
 *
 * For each routine: its introduction, every step with its position,
 * areas, stroke, time, repeats and instructions, and what the safety
 * check changed for this person (the steps left out or made lighter, as
 * routine_apply_limits() marked them); the red-flag signs with the
 * emergency number written out; the plan's weekly targets as tick boxes.
 * As HTML (self-contained, for print in black and white), Markdown or
 * plain text.  Pure: the caller loads and shapes the routines.
 */
#ifndef BACKCARE_HANDOUT_H
#define BACKCARE_HANDOUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "safety.h"

struct plan;
struct routine;

enum handout_format {
	HANDOUT_TEXT,
	HANDOUT_MARKDOWN,
	HANDOUT_HTML
};

struct handout_input {
	struct routine *const *routines;   /* shaped by session_shape() */
	size_t n_routines;
	const struct plan *plan;           /* in force, or NULL */
	enum gate_state gate;              /* the routines now */
	const struct massage_limits *limits;   /* from the latest check */
	const char *number;                /* the emergency number */
	int32_t today;                     /* day.h day, for the date */
};

/*
 * Writes the sheet to f (text wrapped to width columns).  Returns 0, or
 * -1 when writing failed.
 */
int handout_write(FILE *f, const struct handout_input *in,
    enum handout_format fmt, int width);

/* The limits of a check in plain sentences, one a line; "" when none
 * (caller frees). */
char *handout_limits_text(const struct massage_limits *l);

#endif
