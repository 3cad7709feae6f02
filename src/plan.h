/*
 * plan.h: homework plans written by the therapist.
 *
 * A plan is a CommonMark file (see backcare(5)):
 *
 *     # Homework for weeks 1-4            <- the title (H1)
 *     - from: 2026-12-01                  <- a list of key: value
 *     - until: 2026-12-28
 *     - therapist: Sam Lee, 555-0100      (optional)
 *     ## Routines                         <- "- ROUTINE-ID: N per week"
 *     ## Lessons                          <- "- LESSON-ID"
 *     ## Clearances                       <- "- ITEM-ID: WHO, until DATE"
 *     ## Notes                            <- free text for the patient
 *
 * Parsing checks the form; plan_check_ids() checks the routine and lesson
 * ids against the content that is installed.  Pure: no curses, no SQL.
 */
#ifndef BACKCARE_PLAN_H
#define BACKCARE_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "clearance.h"
#include "diag.h"

#define PLAN_MAX_PER_WEEK 50

struct content;

struct plan_routine {
	char *id;
	int per_week;           /* 1 to PLAN_MAX_PER_WEEK */
	int line;               /* in the file, for messages */
};

struct plan_lesson {
	char *id;
	int line;
};

struct plan {
	char *title;
	int32_t from;           /* day.h days, inclusive */
	int32_t until;          /* inclusive; >= from */
	char *therapist;        /* NULL when not given */
	char *notes;            /* CommonMark text of "Notes", or NULL */
	struct plan_routine *routines;
	size_t n_routines;
	struct plan_lesson *lessons;
	size_t n_lessons;
	struct clearance *clearances;   /* a clinician's, see clearance.h */
	size_t n_clearances;
};

/*
 * Parses a plan (name is used in messages: usually the path).  Returns the
 * plan, or NULL with every problem in d as "name:line: message".  The
 * caller frees with plan_free().
 */
struct plan *plan_parse(const char *name, const char *text, size_t len,
    struct diag *d);
void plan_free(struct plan *p);

/*
 * Adds to d a "name:line: message" for each routine or lesson id that c
 * does not know.  Returns the number of problems added.
 */
size_t plan_check_ids(const struct plan *p, const struct content *c,
    const char *name, struct diag *d);

/* The per-week target for routine id, or 0 when the plan has none. */
int plan_target(const struct plan *p, const char *routine_id);
/* The total sessions a week the plan asks for (0 for none). */
int plan_sessions_per_week(const struct plan *p);
/* 1 when day falls within the plan's dates. */
int plan_covers(const struct plan *p, int32_t day);

#endif
