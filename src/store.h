/*
 * store.h: the progress store, the only module that speaks SQLite.
 *
 * One file holds everything backcare remembers: lesson progress, safety
 * checks, routine sessions and their steps, homework plans.  Every
 * record_* call commits at once, so a crash or kill loses nothing that had
 * finished.  The file and its -wal/-shm companions are 0600, the folder
 * created for it 0700.  Functions that can fail return -1 (or NULL) and
 * leave a one-line message in store_error(); the caller prints it once.
 *
 * Sections below are kept apart on purpose: each part of the program adds
 * its queries in its own section, here and in store.c.
 */
#ifndef BACKCARE_STORE_H
#define BACKCARE_STORE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct store;

/* The schema version this build writes (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 7

/*
 * Opens (creating when absent) the progress file at path for writing.
 * Refuses, with the file left byte-for-byte untouched, a file that is not
 * a backcare progress file, comes from a newer schema, or is damaged:
 * the verdict comes from SQLite alone (its SQLITE_CORRUPT or
 * SQLITE_NOTADB, or PRAGMA quick_check, all read under its locks), never
 * from a look at the raw file that a checkpoint could be changing.
 * Returns NULL and fills *err (caller frees) with a one-line message that
 * names the file and says what to do.
 */
struct store *store_open(const char *path, char **err);
/*
 * Opens the progress file at path for reading only: creates no folder and
 * no file.  When there is no file yet, the store is an empty one in
 * memory (store_is_absent() says so) and every query finds nothing.  A
 * file of an older schema is brought up to date first (after the same
 * checks as store_open()).  Writes through it fail.  With nothing beside
 * the file (no -wal: no other copy is writing), it is read through one
 * connection that creates and removes nothing (store_quiet.c); close it
 * soon, since a writer leaves its -wal in place while it is open.
 */
struct store *store_open_read(const char *path, char **err);
void store_close(struct store *st);
int store_is_absent(const struct store *st);
int store_is_readonly(const struct store *st);

/*
 * Checks the whole file with PRAGMA quick_check, or integrity_check when
 * full is non-zero (which also compares every index with its table).
 * Returns 0 when it is whole, 1 when damaged with *found (caller frees)
 * saying what the check found and store_error() the message for the
 * user, or -1 on another error (store_error()).
 */
int store_verify(struct store *st, int full, char **found);

/* The last error of st, "PATH: what happened" (owned by st). */
const char *store_error(const struct store *st);
/*
 * How long a write waits for another writer's lock before it fails:
 * ms, or the default (10 s) when ms < 0.  A screen waits briefly and
 * tries again from its own loop, so it never freezes.
 */
void store_busy_wait(struct store *st, int ms);
/* 1 when the last call failed only because another writer held the
 * file (nothing was written; trying again later may work). */
int store_busy(const struct store *st);
int store_schema_version(struct store *st);

/*
 * Groups many record_* calls into one transaction (for bulk loads such as
 * the benchmark generator).  Returns 0 or -1.
 */
int store_begin(struct store *st);
int store_commit(struct store *st);
void store_rollback(struct store *st);

/* Small settings (welcome shown, ...).  Returns a copy or NULL. */
char *store_meta_get(struct store *st, const char *key);
int store_meta_set(struct store *st, const char *key, const char *value);

/* ---- lessons ---------------------------------------------------------- */

/* What the store knows about one lesson; times are Unix seconds, 0 never. */
struct store_lesson {
	char lesson_id[72];
	long place;             /* source line at the top of the viewer */
	int64_t opened_at;
	int64_t read_at;        /* its end was shown */
	int64_t selfcheck_at;   /* its answers were revealed */
};

/*
 * Fills *out for id.  Returns 1 when the store has a row, 0 when it has
 * none (*out zeroed, the id filled in), -1 on error.
 */
int store_lesson_get(struct store *st, const char *id,
    struct store_lesson *out);
/* Remembers the place and the time it was opened (opened_at kept once
 * set).  Each of these commits at once and returns 0 or -1. */
int store_lesson_set_place(struct store *st, const char *id, long place);
/* Marks the lesson read (the first time counts). */
int store_lesson_mark_read(struct store *st, const char *id);
/* Marks the self-check done (the first time counts). */
int store_lesson_mark_selfcheck(struct store *st, const char *id);
/* Records whether the reader knew the answer to question q (1-based). */
int store_lesson_set_knew(struct store *st, const char *id, int q, int knew);
/*
 * Every lesson row, in no particular order.  Returns the count and an
 * array in *out (caller frees), or -1.
 */
long store_lessons_list(struct store *st, struct store_lesson **out);
/* The row for lesson id among rows (n, from store_lessons_list()), or
 * NULL when it has none yet. */
const struct store_lesson *store_lesson_find(const struct store_lesson *rows,
    long n, const char *id);

/* ---- safety checks ---------------------------------------------------- */

struct screener_answers;
struct screener_result;
struct gate_input;
struct clearance;

/* One finished safety check, as store_check_record() saves it. */
struct store_check {
	int64_t at;
	const char *kind;      /* "full" or "recheck" */
	const char *source;    /* "interactive", "answers", "prompt", "run" */
	const struct screener_answers *answers;
	const unsigned char *asked;     /* by item: stored when non-zero */
	const struct screener_result *result;
	const struct clearance *clearances;   /* those in force; the ones
						 the result used are kept */
	size_t n_clearances;
};

/*
 * Stores one safety check in one transaction: the check with the version
 * of the rules (SAFETY_RULES_VERSION), every asked answer, the rules that
 * fired, the massage actions and the clearances used.  Returns the
 * check's id, or -1.
 */
int64_t store_check_record(struct store *st, const struct store_check *c);

/*
 * Fills in what gating needs: the last stored full check (its verdict,
 * time, rules version, massage limits, and whether a clearance it used
 * ended before day today) and the last stored check of either kind.
 * Returns 0 or -1.
 */
int store_gate_input(struct store *st, int32_t today, struct gate_input *in);

/* The clearances the last stored full check used (caller frees with
 * clearance_free()).  Returns 0 or -1. */
int store_last_check_clearances(struct store *st, struct clearance **out,
    size_t *n);

/* ---- routine sessions ------------------------------------------------- */

/*
 * Starts a session (state "running") owned by this process (owner.h);
 * returns its id or -1.  Only the owner of a session adds its steps.
 */
int64_t store_session_begin(struct store *st, const char *routine_id,
    const char *title, const char *mode, long planned_s, int64_t at);

/* One finished (or skipped) segment of a session, committed at once. */
struct store_step {
	int pos;                 /* index in the timeline */
	int step_index;          /* index of the routine's step */
	const char *title;
	const char *side;        /* "left", "right" or NULL */
	int rep;
	long planned_s;
	long done_s;
	const char *state;       /* "done", "skipped" or "softened" */
	const char *note;
};
int store_session_step(struct store *st, int64_t session,
    const struct store_step *step, int64_t at);
/* Pain 0-10 before (which = 0) or after (which = 1). */
int store_session_pain(struct store *st, int64_t session, int which,
    int pain);
/* Ends a session: state "completed", "partial" or "quit"; note may be
 * NULL. */
int store_session_end(struct store *st, int64_t session, const char *state,
    const char *note, int64_t at);
/* The seconds of massage done in a session (its steps not skipped). */
int store_session_done_seconds(struct store *st, int64_t session,
    long *done);

/*
 * The latest session still "running" whose owner is gone (left by a crash
 * or kill): its id, routine id (caller frees) and the timeline position
 * to resume from (one past the last stored step).  Sessions another live
 * process is running are never offered.  Returns 1 when there is one, 0
 * when not, -1 on error.
 */
int store_session_unfinished(struct store *st, int64_t *session,
    char **routine_id, int *resume_pos);

/*
 * The latest session of routine_id (any routine when NULL) that another
 * live process is running: its id and that process's pid.  Returns 1
 * when there is one, 0 when not, -1 on error.
 */
int store_session_live(struct store *st, const char *routine_id,
    int64_t *session, long *pid);

/*
 * Makes this process the owner of an unfinished session before resuming
 * it, in one transaction.  Returns 0, 1 when another live process runs it
 * (its pid in *pid; nothing changed), or -1 (store_error(); also when the
 * session is no longer running).
 */
int store_session_claim(struct store *st, int64_t session, long *pid);

/*
 * Closes an abandoned session as partial, in one transaction with the
 * same owner check as store_session_claim(): returns 0 (also when it is
 * no longer running: nothing to do), 1 when another live process runs it
 * (its pid in *pid; nothing changed), or -1 (store_error()).
 */
int store_session_close_abandoned(struct store *st, int64_t session,
    int64_t at, long *pid);

/* ---- plans, reports and exports --------------------------------------- */

struct plan;
struct report_data;

/*
 * Stores plan p (source: the file it came from) in one transaction.  A
 * stored plan with the same title, or starting on the same day, is
 * replaced.  Returns the plan's id, or -1 (nothing stored).
 */
int64_t store_plan_put(struct store *st, const struct plan *p,
    const char *source, int64_t at);

/*
 * The plan in force on day (day.h): of the plans that started on or before
 * it, the latest to start, if day is not past its end.  Returns 1 and sets
 * *out (caller frees with plan_free()), 0 when no plan is in force, -1 on
 * error.
 */
int store_plan_in_force(struct store *st, int32_t day, struct plan **out);

/*
 * The first day of the newest imported plan that has not ended on day
 * (perhaps one that starts later, as imported at a clinic visit).
 * Returns 1 and sets *from, 0 when there is none, -1 on error.
 */
int store_plan_newest_start(struct store *st, int32_t day, int32_t *from);

/*
 * Loads the sessions and checks between the Unix times since and until
 * (inclusive), every lesson row and the plan in force on day plan_day
 * into *out (free with report_data_free()).  n_lessons_total is left 0
 * for the caller.  Returns 0 or -1.
 */
int store_report_load(struct store *st, int64_t since, int64_t until,
    int32_t plan_day, struct report_data *out);

/*
 * What the progress view shows (store_report.c): as of now (Unix time;
 * day today), the sessions from the start of day first (its calendar),
 * and as far back as the last `rated` sessions with a pain rating, the
 * last pain_weeks weeks with a rating before and the last two rated
 * before and after, plus those of the week of the first rating before;
 * every check without its answers, clearances and actions; every lesson
 * row; the plan in force today.  *streak is the streak report_summarise()
 * would give on the whole history, which is not read.  Fills *out (free
 * with report_data_free()); returns 0 or -1.
 */
struct store_progress_ask {
	int64_t now;
	int32_t today;
	int32_t first;
	size_t rated;
	size_t pain_weeks;
};
int store_progress_load(struct store *st, const struct store_progress_ask *a,
    struct report_data *out, int *streak);

/*
 * The number of rows in table ("sessions", "steps" or "checks"), for the
 * benchmark's baseline.  Returns 0 and fills *out, or -1.
 */
int store_count_rows(struct store *st, const char *table, long long *out);

enum store_export_format {
	STORE_EXPORT_JSON,
	STORE_EXPORT_CSV
};

/*
 * The tables an export holds, in order, ended by NULL: meta is left out,
 * every record of the user is in.  The sessions' owner_* columns (which
 * process is running a session) are left out too.
 */
extern const char *const store_export_tables[];

/*
 * Writes every row of table (one of store_export_tables), in the order the
 * rows were first recorded, to f: CSV with a header line of the column
 * names, RFC 4180 quoting and CRLF line ends (NULL as an empty field), or
 * JSON as an array of objects, one a line (built by SQLite's JSON
 * functions; NULL as null).  Times, the columns named "at" or "*_at", are
 * ISO 8601 UTC ("2026-12-01T08:30:00Z").  Flushes f.  Returns 0, or -1
 * with store_error() set; on a write error on f, ferror(f) is set and
 * errno kept for the caller, who names the output.
 */
int store_export_table(struct store *st, const char *table,
    enum store_export_format fmt, FILE *f);

/*
 * Holds one read snapshot across several store_export_table() calls (or
 * the loads of a report and its extra parts), so the tables agree with
 * each other even while another copy of backcare records a session.  Writes nothing.  begin returns 0 or -1; end always
 * ends the snapshot.
 */
int store_export_begin(struct store *st);
void store_export_end(struct store *st);

#endif
