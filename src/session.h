/*
 * session.h: one run of a routine, shared by `run --plain` and the
 * routine screen: finding and parsing the routine, the safety gate and
 * its massage limits, and the records (a session row at the start, a step
 * row as each segment ends, pain before and after, the end state).
 */
#ifndef BACKCARE_SESSION_H
#define BACKCARE_SESSION_H

#include <stdint.h>

#include "routine.h"
#include "safety.h"

struct app;
struct diag;

struct session {
	struct app *app;
	struct routine *routine;
	struct timeline tl;
	struct massage_limits limits;
	enum gate_state gate;
	int64_t id;              /* the session row, 0 before begin */
	int recorded_to;         /* segments [0, recorded_to) are stored */
	const char *ended_state; /* as stored by session_end (static) */
};

/*
 * Loads routine id from the content folders and parses it; problems go to
 * d.  Returns 0 or -1 (unknown id: d says so).
 */
int session_load(struct session *s, struct app *app, const char *id,
    struct diag *d);

/* Reads the gate from the store (checkflow_gate) and shapes the routine
 * by its massage limits.  Returns 0 or -1 (store error printed). */
int session_gate(struct session *s);

/*
 * Shapes a routine by the safety check's limits: the steps it leaves out,
 * each with its reason (routine_apply_limits).  The routine list, the
 * preview and the runner all call this, so they show the same time.
 */
void session_shape(struct routine *r, const struct massage_limits *l);

/*
 * When the shaped routine has nothing left to run: why, and another
 * routine that would run (caller frees).  NULL when it can run.
 */
char *session_refusal(struct session *s, int plain);

/*
 * A routine other than except that runs under l (one of the plan's when
 * it can, else the one that keeps the most time), as "'Title', M:SS for
 * you", with "(backcare run ID)" when plain; NULL when none (caller
 * frees).
 */
char *session_suggest(struct app *app, const struct massage_limits *l,
    const char *except, int plain);

/* Starts the records; from (a timeline position) is where a resumed
 * session picks up.  Returns 0 or -1 (message printed). */
int session_begin(struct session *s, const char *mode, int64_t resume_id,
    int from);
/* Stores segment i as done for done_s seconds (or "skipped"). */
int session_record(struct session *s, size_t i, long done_s, int skipped);
/* Ends the session in state ("completed", "partial", "quit"); a
 * "completed" run that did nothing at all (every step skipped) is stored
 * as "partial", and s->ended_state says which. */
int session_end(struct session *s, const char *state, const char *note);
void session_free(struct session *s);

/*
 * After a session has ended: the prompt its records now call for (pain
 * that rose by 2 or more after the last two sessions: report.c's
 * REPORT_PROMPT_LIGHTER), as static text, or NULL.
 */
const char *session_prompt(struct session *s);

/* Lists the routines that parse, for `routines` and the routine list,
 * each shaped by the last safety check's limits. */
struct routine_entry {
	char *id;
	char *title;
	long total;              /* what will run, after the safety check */
	long planned;            /* the whole routine */
	int n_left_out;          /* steps the safety check leaves out */
};
/* Returns the count; *out is allocated (free with session_list_free).
 * Files that do not parse are left out, their problems added to d. */
size_t session_list(struct app *app, struct routine_entry **out,
    struct diag *d);
void session_list_free(struct routine_entry *e, size_t n);

#endif
