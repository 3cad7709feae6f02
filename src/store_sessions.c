/*
 * store_sessions.c: routine sessions, their steps and pain ratings, and
 * which process runs each (see store.h).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "owner.h"
#include "store.h"
#include "store_private.h"
#include "text.h"
#include "util.h"

/* ---- routine sessions ------------------------------------------------- */

/* This process as a session's owner (read once). */
static const struct owner *
store_me(struct store *st)
{
	if (!st->have_me) {
		owner_self(&st->me);
		st->have_me = 1;
	}
	return &st->me;
}

/* Binds owner o to parameters i, i + 1 and i + 2 (pid, start, boot). */
static void
store_bind_owner(sqlite3_stmt *s, int i, const struct owner *o)
{
	sqlite3_bind_int64(s, i, o->pid);
	sqlite3_bind_int64(s, i + 1, o->start);
	sqlite3_bind_text(s, i + 2, o->boot, -1, SQLITE_TRANSIENT);
}

/* Reads the owner from columns i, i + 1 and i + 2 (NULL: nobody). */
static void
store_column_owner(sqlite3_stmt *s, int i, struct owner *o)
{
	const unsigned char *boot = sqlite3_column_text(s, i + 2);

	memset(o, 0, sizeof *o);
	o->pid = (long)sqlite3_column_int64(s, i);
	o->start = sqlite3_column_int64(s, i + 1);
	snprintf(o->boot, sizeof o->boot, "%s",
	    boot != NULL ? (const char *)boot : "");
}

int64_t
store_session_begin(struct store *st, const char *routine_id,
    const char *title, const char *mode, long planned_s, int64_t at)
{
	sqlite3_stmt *s;

	if (store_check_text(st, "saving the session", "routine id",
	    routine_id) != 0 || store_check_text(st, "saving the session",
	    "routine title", title) != 0)
		return -1;
	s = store_prepare(st, "INSERT INTO sessions (routine_id, "
	    "routine_title, mode, started_at, planned_s, owner_pid, "
	    "owner_start, owner_boot) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, routine_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, title, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, mode, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, at);
	sqlite3_bind_int64(s, 5, planned_s);
	store_bind_owner(s, 6, store_me(st));
	if (store_step_done(st, s, "saving the session") != 0)
		return -1;
	return sqlite3_last_insert_rowid(st->db);
}

/* Binds a step's columns to ?1 (session) to ?11 (at). */
static void
store_bind_step(sqlite3_stmt *s, int64_t session,
    const struct store_step *step, int64_t at)
{
	sqlite3_bind_int64(s, 1, session);
	sqlite3_bind_int(s, 2, step->pos);
	sqlite3_bind_int(s, 3, step->step_index);
	sqlite3_bind_text(s, 4, step->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, step->side, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 6, step->rep);
	sqlite3_bind_int64(s, 7, step->planned_s);
	sqlite3_bind_int64(s, 8, step->done_s);
	sqlite3_bind_text(s, 9, step->state, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 10, step->note, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 11, at);
}

int
store_session_step(struct store *st, int64_t session,
    const struct store_step *step, int64_t at)
{
	sqlite3_stmt *s;
	int rc;

	if (store_check_text(st, "saving a step", "step title",
	    step->title) != 0 || store_check_text(st, "saving a step",
	    "step note", step->note) != 0)
		return -1;
	/*
	 * Only the session's owner adds steps, each position once.  The
	 * owner may do a step again (going back with "p"): its row keeps
	 * the longer time, and a skip does not undo what was done.
	 */
	s = store_prepare(st, "INSERT INTO steps (session_id, pos, "
	    "step_index, title, side, rep, planned_s, done_s, state, note, "
	    "at) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11 "
	    "WHERE EXISTS (SELECT 1 FROM sessions WHERE id = ?1 AND "
	    "owner_pid = ?12 AND owner_start = ?13 AND owner_boot = ?14) "
	    "ON CONFLICT (session_id, pos) WHERE pos >= 0 DO UPDATE SET "
	    "done_s = max(done_s, excluded.done_s), state = CASE WHEN "
	    "excluded.state = 'skipped' THEN state ELSE excluded.state END, "
	    "note = excluded.note, at = excluded.at");
	if (s == NULL)
		return -1;
	store_bind_step(s, session, step, at);
	store_bind_owner(s, 12, store_me(st));
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_set_sqlite_error(st, "saving a step");
		return -1;
	}
	if (sqlite3_changes(st->db) == 0) {
		store_set_error(st, "saving a step: another copy of backcare "
		    "has taken over session %lld", (long long)session);
		return -1;
	}
	return 0;
}

int
store_session_pain(struct store *st, int64_t session, int which, int pain)
{
	sqlite3_stmt *s = store_prepare(st, which == 0 ?
	    "UPDATE sessions SET pain_before = ?2 WHERE id = ?1" :
	    "UPDATE sessions SET pain_after = ?2 WHERE id = ?1");

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, session);
	sqlite3_bind_int(s, 2, pain);
	return store_step_done(st, s, "saving a pain rating");
}

static int
store_session_end_once(struct store *st, int64_t session, const char *state,
    const char *note, int64_t at)
{
	sqlite3_stmt *s = store_prepare(st, "UPDATE sessions SET state = ?2, "
	    "note = coalesce(?3, note), ended_at = ?4 WHERE id = ?1");

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, session);
	sqlite3_bind_text(s, 2, state, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, note, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, at);
	return store_step_done(st, s, "ending the session");
}

static int
store_session_end_full(struct store *st, int64_t session, const char *state,
    const char *note, int64_t at)
{
	if (store_session_end_once(st, session, state, note, at) == 0)
		return 0;
	if (!store_last_full(st))
		return -1;
	/*
	 * A full disk: once a checkpoint has copied every frame back (a
	 * passive one: it waits for nobody), the next write starts the WAL
	 * again from its start, over blocks it already has, so the session
	 * can still be closed.
	 */
	(void)store_quiet_checkpoint(st, "main");
	return store_session_end_once(st, session, state, note, at);
}

int
store_session_end(struct store *st, int64_t session, const char *state,
    const char *note, int64_t at)
{
	char *fixed = note != NULL ? text_utf8_repair(note) : NULL;
	int rc;

	/* A note typed in a terminal that is not UTF-8 must not keep the
	 * session from closing: its stray bytes are stored as U+FFFD. */
	rc = store_session_end_full(st, session, state, fixed, at);
	free(fixed);
	return rc;
}

/*
 * The latest session still "running" that another live process runs
 * (want_live 1) or that nobody runs any more (0), of routine_id (any when
 * NULL): its id, routine id (caller frees), resume position and owner.
 * Returns 1, 0 when none, or -1.
 */
static int
store_session_find(struct store *st, int want_live, const char *routine_id,
    int64_t *session, char **routine, int *resume_pos, struct owner *o)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT s.id, s.routine_id, "
	    "(SELECT coalesce(max(pos), -1) + 1 FROM steps "
	    "WHERE session_id = s.id), coalesce(s.owner_pid, 0), "
	    "coalesce(s.owner_start, 0), s.owner_boot FROM sessions s "
	    "WHERE s.state = 'running' AND (?1 IS NULL OR s.routine_id = ?1) "
	    "ORDER BY s.started_at DESC, s.id DESC");
	int rc = SQLITE_DONE, found = 0;

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, routine_id, -1, SQLITE_STATIC);
	while (!found && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		store_column_owner(s, 3, o);
		/* Live: another process runs it.  Abandoned: nobody does. */
		if (want_live ? !owner_alive(o) || owner_is_self(o) :
		    owner_alive(o))
			continue;
		found = 1;
		*session = sqlite3_column_int64(s, 0);
		if (routine != NULL)
			*routine = store_column_dup(s, 1);
		if (resume_pos != NULL)
			*resume_pos = sqlite3_column_int(s, 2);
	}
	sqlite3_finalize(s);
	if (!found && rc != SQLITE_DONE) {
		store_set_sqlite_error(st, "reading the sessions");
		return -1;
	}
	return found;
}

int
store_session_done_seconds(struct store *st, int64_t session, long *done)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT coalesce(sum(done_s), 0) "
	    "FROM steps WHERE session_id = ?1 AND state <> 'skipped'");
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, session);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*done = (long)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW) {
		store_set_sqlite_error(st, "reading the session");
		return -1;
	}
	return 0;
}

int
store_session_unfinished(struct store *st, int64_t *session,
    char **routine_id, int *resume_pos)
{
	struct owner o;
	int rc = store_session_find(st, 0, NULL, session, routine_id,
	    resume_pos, &o);

	if (rc == 1 && *routine_id == NULL)
		*routine_id = xstrdup("");
	return rc;
}

int
store_session_live(struct store *st, const char *routine_id,
    int64_t *session, long *pid)
{
	struct owner o;
	int rc = store_session_find(st, 1, routine_id, session, NULL, NULL,
	    &o);

	if (rc == 1)
		*pid = o.pid;
	return rc;
}

/*
 * Opens a write transaction and reads who runs session: 0 when it is
 * running and nobody live (or this process) runs it, the transaction left
 * open; 1 when another live process does (*pid); 2 when it is no longer
 * running; -1 on error.  Read and change in one transaction: two copies
 * cannot both see the session free.
 */
static int
store_session_hold(struct store *st, int64_t session, long *pid)
{
	sqlite3_stmt *s;
	struct owner o;
	int rc;

	if (store_begin(st) != 0)
		return -1;
	s = store_prepare(st, "SELECT coalesce(owner_pid, 0), "
	    "coalesce(owner_start, 0), owner_boot, state FROM sessions "
	    "WHERE id = ?1");
	if (s == NULL) {
		store_rollback(st);
		return -1;
	}
	sqlite3_bind_int64(s, 1, session);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		store_column_owner(s, 0, &o);
		rc = strcmp((const char *)sqlite3_column_text(s, 3),
		    "running") == 0 ? SQLITE_ROW : SQLITE_DONE;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW) {
		store_rollback(st);
		if (rc == SQLITE_DONE)
			return 2;
		store_set_sqlite_error(st, "reading the session");
		return -1;
	}
	if (owner_alive(&o) && !owner_is_self(&o)) {
		store_rollback(st);
		*pid = o.pid;
		return 1;
	}
	return 0;
}

int
store_session_claim(struct store *st, int64_t session, long *pid)
{
	sqlite3_stmt *s;
	int rc = store_session_hold(st, session, pid);

	if (rc == 2)
		store_set_error(st, "resuming session %lld: it is no longer "
		    "unfinished", (long long)session);
	if (rc != 0)
		return rc == 1 ? 1 : -1;
	s = store_prepare(st, "UPDATE sessions SET owner_pid = ?2, "
	    "owner_start = ?3, owner_boot = ?4 WHERE id = ?1");
	if (s == NULL)
		goto fail;
	sqlite3_bind_int64(s, 1, session);
	store_bind_owner(s, 2, store_me(st));
	if (store_step_done(st, s, "resuming the session") != 0 ||
	    store_commit(st) != 0)
		goto fail;
	return 0;
fail:
	store_rollback(st);
	return -1;
}

int
store_session_close_abandoned(struct store *st, int64_t session, int64_t at,
    long *pid)
{
	int rc = store_session_hold(st, session, pid);

	if (rc != 0)
		return rc == 2 ? 0 : rc;
	if (store_session_end_once(st, session, "partial", NULL, at) != 0 ||
	    store_commit(st) != 0) {
		store_rollback(st);
		return -1;
	}
	return 0;
}
