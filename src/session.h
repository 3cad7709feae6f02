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
#include "timeline.h"
#include "util.h"

struct app;
struct diag;
struct store;

struct session {
	struct app *app;
	struct routine *routine;
	struct timeline tl;
	struct massage_limits limits;
	enum gate_state gate;
	int64_t id;              /* the session row, 0 before begin */
	int recorded_to;         /* segments [0, recorded_to) are stored */
	const char *ended_state; /* as stored by session_end (static);
	                          * NULL until that store succeeds */
	int unsaved;             /* a store call failed after begin: the
	                          * records are not whole (s->error says
	                          * the last reason) */
	int64_t db_ino, db_dev;  /* the progress file at begin, to tell
	                          * at the end that it was deleted */
	int pain_before;         /* -1 until rated */
	int stopped;             /* exercise steps stopped for pain (P1) */
	int lighter;             /* P5 was said in this session */
	int all_easier;          /* P4: every step at its easier level */
	size_t easier_step;      /* P1: 1 + the step being done again at
	                          * its easier level, 0 when none */
	/* Why the last call that returned -1 failed, for the caller to
	 * show (stderr, or a screen's status line): a flow never prints,
	 * since under curses the text would land on the display. */
	char error[512];
};

/*
 * Loads routine id from the content folders and parses it; problems go to
 * d.  Returns 0 or -1 (unknown id: d says so).
 */
int session_load(struct session *s, struct app *app, const char *id,
    struct diag *d);

/* Reads the gate from the store (checkflow_gate) and shapes the routine
 * by its massage limits.  Returns 0 or -1 (s->error says why). */
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
 * The gate read again as the routine starts: a preview may stay open for
 * any time, and another copy may save a check meanwhile.  NULL to go on,
 * or why not (caller frees): the gate closed, the emergency questions
 * fell due, or the check now shapes the routine otherwise.
 */
char *session_gate_again(struct session *s);

/*
 * A routine other than except, of the same kind (exercise or massage),
 * that runs under l (one of the plan's when it can, else the one that
 * keeps the most time), as "'Title', M:SS for you", with "(backcare run
 * ID)" when plain; NULL when none (caller frees).
 */
char *session_suggest(struct app *app, const struct massage_limits *l,
    const char *except, int exercise, int plain);

/* Starts the records; from (a timeline position) is where a resumed
 * session picks up.  Returns 0 or -1 (s->error says why). */
int session_begin(struct session *s, const char *mode, int64_t resume_id,
    int from);
/* What to say when session id is running in process pid (static). */
const char *session_live_message(int64_t id, long pid);
/* Stores segment i as done for done_s seconds (or "skipped").  This and
 * every call below that returns -1 leave the reason in s->error. */
int session_record(struct session *s, size_t i, long done_s, int skipped);
/*
 * As session_record, but waits at most wait_ms for another writer's lock:
 * returns 1 when the file stayed locked (nothing stored, nothing marked
 * unsaved: call again later), else what session_record returns.
 */
int session_record_try(struct session *s, size_t i, long done_s,
    int skipped, int wait_ms);
/* Ends the session in state ("completed", "partial", "quit"); a
 * "completed" run that did nothing at all (every step skipped) is stored
 * as "partial", and s->ended_state says which. */
int session_end(struct session *s, const char *state, const char *note);
void session_free(struct session *s);

/* For session*.c: keeps the message in s->error and returns -1; once
 * the session has begun, marks it unsaved. */
int session_fail(struct session *s, const char *fmt, ...)
    BC_PRINTF(2, 3);
/* For session*.c: the store, opened on first use; NULL with s->error
 * set when it cannot be. */
struct store *session_store(struct session *s);

/*
 * After a session has ended: the prompt its records now call for (pain
 * that rose by 2 or more after the last two sessions: report.c's
 * REPORT_PROMPT_LIGHTER; else weekly pain up by 2 or more from its
 * starting level two weeks in a row: a review, movement.md P7), as static
 * text, or NULL.
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
	int exercise;            /* an exercise routine (movement steps) */
};
/* Returns the count; *out is allocated (free with session_list_free),
 * the massage routines first, then the exercise routines.  Files that do
 * not parse are left out, their problems added to d. */
size_t session_list(struct app *app, struct routine_entry **out,
    struct diag *d);
void session_list_free(struct routine_entry *e, size_t n);

/* ---- pain monitoring (session_pain.c, movement.md section 4) ---------- */

/* What the pain rules have to say: up to four sentences (static). */
struct session_advice {
	const char *line[4];
	size_t n;
	const char *easier;      /* P1: the stopped step's easier version,
	                          * to offer now (session_try_easier), or
	                          * NULL */
	int ready;               /* P6: the steps' harder versions follow */
	int lower;               /* P4: the steps' easier versions follow */
	int unsaved;             /* session_step_pain: what was typed could
	                          * not be saved (s->error says why) */
};

/*
 * Stores the pain before (pain -1: not rated); for an exercise routine,
 * says when the last session of it has not settled (P4) or when the back
 * has flared up (says_flare: the person said so; or pain well above the
 * usual), and records those events.  Returns 0 or -1 (s->error).
 */
int session_pain_before(struct session *s, int pain, int says_flare,
    struct session_advice *a);
/*
 * P1 and P2: the answer given after exercise step i (pain -1 when only
 * "s" or "n" was given).  Stores it and fills a: a step stopped for pain
 * names its easier version in a->easier, to offer now.  Returns 1 when
 * the session should end now (two steps stopped, or new symptoms: then
 * *recheck is set and the E1 questions must be asked), else 0 to go on,
 * whatever the store says: what could not be saved sets a->unsaved.
 */
int session_step_pain(struct session *s, size_t step, int pain,
    int spreading, int new_symptoms, int *recheck,
    struct session_advice *a);
/*
 * P2 at the rating before or after a session (new numbness, weakness,
 * bladder or bowel change): stores the event and adds its words to a
 * (not cleared first); the caller stops and asks the E1 questions.
 * Returns 0 or -1 (s->error).
 */
int session_new_symptoms(struct session *s, struct session_advice *a);
/*
 * P1: the person takes the easier version of step now: the answer after
 * it is about that level (too much again: the step is skipped for today,
 * and it does not count as a second stop).  Returns the timeline position
 * where the step's work starts, for the runner to go back to.
 */
size_t session_try_easier(struct session *s, size_t step);
/* From timeline position i, the first position past the work of step
 * (its rest after, or the next step): where a stopped step ends. */
size_t session_step_end(const struct session *s, size_t i, size_t step);
/* P3 and P5 after the session: stores the pain after and fills a. */
int session_pain_after(struct session *s, int pain,
    struct session_advice *a);
/* 1 when the timeline's segment i ends an exercise step, so its pain is
 * asked (P1) when it ends. */
int session_asks_step_pain(const struct session *s, size_t i);

#endif
