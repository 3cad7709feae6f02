/*
 * store_movement.h: what the store keeps for movement.md (schema 5):
 * each session's kind, the pain asked after each exercise step, the pain
 * monitoring events (raised, did not settle, ...), the PSFS activities
 * and weekly ratings, and the yellow-flag items.  Same rules as store.h:
 * each call commits at once and returns 0 or -1 with store_error() set.
 */
#ifndef BACKCARE_STORE_MOVEMENT_H
#define BACKCARE_STORE_MOVEMENT_H

#include <stddef.h>
#include <stdint.h>

struct store;
struct psfs_history;
struct psfs_answers;
struct outlook_set;

/* A session's kind: "massage" (the default) or "exercise". */
int store_session_kind(struct store *st, int64_t session, const char *kind);

/* P1: the pain given after an exercise step.  outcome is "carry on",
 * "some pain" or "stopped". */
int store_step_pain(struct store *st, int64_t session, int step_index,
    const char *title, int pain, int spreading, const char *outcome,
    int64_t at);

/* An event of the pain rules: "raised" (P3), "did not settle" (P4),
 * "lighter routine" (P5), "ended early" (P1), "new symptoms" (P2),
 * "review" (P7), "flare" (2.3). */
int store_pain_event(struct store *st, int64_t session,
    const char *routine_id, const char *event, int64_t at);

/*
 * The last session started before session except, of any routine: its
 * end time (0 while unended), pain before (-1 when unrated), routine id
 * (caller frees) and whether it was exercise.  Returns 1, 0 (none) or -1.
 */
int store_last_session(struct store *st, int64_t except, int64_t *ended_at,
    int *pain_before, char **routine_id, int *exercise);
/* P4: whether routine_id has a "did not settle" event, found while
 * another routine ran, since its last session other than except (its
 * next session runs one level lower).  Returns 0 or -1. */
int store_lower_pending(struct store *st, const char *routine_id,
    int64_t except, int *pending);
/* P4 on resume: whether session id (of routine_id) ran one level lower:
 * a "did not settle" found in it, or one pending when it began.
 * Returns 0 or -1. */
int store_session_lowered(struct store *st, const char *routine_id,
    int64_t id, int *lowered);
/* Events "raised" or "did not settle" of routine_id since time since. */
int store_pain_events_since(struct store *st, const char *routine_id,
    int64_t since, int *count);
/* The before-ratings of sessions since time since (caller frees). */
int store_pain_before_since(struct store *st, int64_t since, int **out,
    size_t *n);

/*
 * The week of routine_id's weekly plan at now: 1 in the week of its first
 * completed session (or before it), one more each 7 days after, less one
 * for each of those weeks with a "did not settle" event (movement.md 3.3:
 * such a week is repeated).  Returns 0 and fills *week, or -1.
 */
int store_routine_week(struct store *st, const char *routine_id,
    int64_t now, int *week);
/* The same for each of ids (n), into weeks[], with one statement. */
int store_routine_weeks(struct store *st, const char *const *ids, size_t n,
    int64_t now, int *weeks);

/*
 * P6: this session and the routine's last completed one before it both
 * had every exercise step rated 5 or less (at least one each), nothing
 * stopped, and the back settled.  Returns 0 and fills *ready, or -1.
 */
int store_routine_ready(struct store *st, const char *routine_id,
    int64_t session, int *ready);

/* The PSFS activities and every rating, oldest first (free with
 * psfs_history_free()). */
int store_psfs_load(struct store *st, struct psfs_history *h);
/* Adds an activity (source "person" or "plan") unless one of that text
 * exists; returns 0 or -1. */
int store_psfs_add(struct store *st, const char *text, const char *source,
    int64_t at);
/* Stores answers in one transaction: new activities, retirements and one
 * rating set at time at.  Returns 0 or -1 (nothing stored). */
int store_psfs_record(struct store *st, const struct psfs_answers *a,
    int64_t at);

/* Stores a set of yellow-flag answers; returns its id or -1. */
int64_t store_outlook_record(struct store *st, const struct outlook_set *s);
/* Every set, oldest first (caller frees *out).  Returns 0 or -1. */
int store_outlook_load(struct store *st, struct outlook_set **out,
    size_t *n);

/* The movement part of the report: sessions by kind, step pain stopped,
 * events, in [since, until]. */
struct movement_event {
	int64_t at;
	char *routine_id;
	char *event;
};
struct movement_data {
	int massage_sessions, exercise_sessions;   /* completed */
	int steps_rated, steps_stopped;
	struct movement_event *events;
	size_t n_events;
};
int store_movement_load(struct store *st, int64_t since, int64_t until,
    struct movement_data *out);
/*
 * The same without reading the sessions again: massage and exercise are
 * the completed sessions of [since, until] the caller has already counted
 * (the report's own, struct report_session's completed_kind).
 */
int store_movement_load_counted(struct store *st, int64_t since,
    int64_t until, int massage, int exercise, struct movement_data *out);
void movement_data_free(struct movement_data *d);

#endif
