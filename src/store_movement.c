/*
 * store_movement.c: schema 5 and the queries of store_movement.h.  A part
 * of the store (it speaks SQLite through store_private.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "day.h"
#include "outlook.h"
#include "psfs.h"
#include "store.h"
#include "store_movement.h"
#include "store_private.h"
#include "util.h"

/*
 * Version 5, movement.md: sessions know their kind; the pain asked after
 * each exercise step, and the events of the pain rules; the PSFS
 * activities (never deleted: retired) and weekly ratings; the yellow-flag
 * items (one row an item, NULL when skipped).
 */
static const char store_schema_movement_v5[] =
    "ALTER TABLE sessions ADD COLUMN kind TEXT NOT NULL DEFAULT 'massage'"
    "  CHECK (kind IN ('massage', 'exercise'));"
    "CREATE TABLE step_pain ("
    "  session_id INTEGER NOT NULL REFERENCES sessions (id)"
    "    ON DELETE CASCADE,"
    "  step_index INTEGER NOT NULL,"
    "  title TEXT,"
    "  pain INTEGER CHECK (pain BETWEEN 0 AND 10),"
    "  spreading INTEGER NOT NULL DEFAULT 0,"
    "  outcome TEXT NOT NULL"
    "    CHECK (outcome IN ('carry on', 'some pain', 'stopped')),"
    "  at INTEGER NOT NULL"
    ");"
    "CREATE INDEX step_pain_session ON step_pain (session_id);"
    "CREATE TABLE pain_events ("
    "  id INTEGER PRIMARY KEY,"
    "  session_id INTEGER REFERENCES sessions (id) ON DELETE CASCADE,"
    "  routine_id TEXT NOT NULL,"
    "  event TEXT NOT NULL CHECK (event IN ('raised', 'did not settle',"
    "    'lighter routine', 'ended early', 'new symptoms', 'review',"
    "    'flare', 'ready for more')),"
    "  at INTEGER NOT NULL"
    ");"
    "CREATE INDEX pain_events_routine ON pain_events (routine_id, at);"
    "CREATE TABLE psfs_activities ("
    "  id INTEGER PRIMARY KEY,"
    "  text TEXT NOT NULL,"
    "  source TEXT NOT NULL CHECK (source IN ('person', 'plan')),"
    "  added_at INTEGER NOT NULL,"
    "  retired_at INTEGER"
    ");"
    "CREATE TABLE psfs_sets ("
    "  id INTEGER PRIMARY KEY,"
    "  at INTEGER NOT NULL"
    ");"
    "CREATE TABLE psfs_scores ("
    "  set_id INTEGER NOT NULL REFERENCES psfs_sets (id) ON DELETE CASCADE,"
    "  activity_id INTEGER NOT NULL REFERENCES psfs_activities (id),"
    "  score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),"
    "  PRIMARY KEY (set_id, activity_id)"
    ");"
    "CREATE TABLE outlook_sets ("
    "  id INTEGER PRIMARY KEY,"
    "  at INTEGER NOT NULL"
    ");"
    "CREATE TABLE outlook_answers ("
    "  set_id INTEGER NOT NULL REFERENCES outlook_sets (id)"
    "    ON DELETE CASCADE,"
    "  item TEXT NOT NULL,"
    "  value INTEGER CHECK (value BETWEEN 0 AND 10),"
    "  PRIMARY KEY (set_id, item)"
    ");";

const char *const store_migration_5[] = {
	store_schema_movement_v5, NULL
};

int
store_session_kind(struct store *st, int64_t session, const char *kind)
{
	sqlite3_stmt *s = store_private_prepare(st, "UPDATE sessions SET "
	    "kind = ?2 WHERE id = ?1");

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, session);
	sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC);
	return store_private_step_done(st, s, "saving the session");
}

int
store_step_pain(struct store *st, int64_t session, int step_index,
    const char *title, int pain, int spreading, const char *outcome,
    int64_t at)
{
	sqlite3_stmt *s = store_private_prepare(st, "INSERT INTO step_pain "
	    "(session_id, step_index, title, pain, spreading, outcome, at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, session);
	sqlite3_bind_int(s, 2, step_index);
	sqlite3_bind_text(s, 3, title, -1, SQLITE_STATIC);
	if (pain >= 0)
		sqlite3_bind_int(s, 4, pain);
	sqlite3_bind_int(s, 5, spreading != 0);
	sqlite3_bind_text(s, 6, outcome, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 7, at);
	return store_private_step_done(st, s, "saving a pain rating");
}

int
store_pain_event(struct store *st, int64_t session, const char *routine_id,
    const char *event, int64_t at)
{
	sqlite3_stmt *s = store_private_prepare(st, "INSERT INTO pain_events "
	    "(session_id, routine_id, event, at) VALUES (?1, ?2, ?3, ?4)");

	if (s == NULL)
		return -1;
	if (session > 0)
		sqlite3_bind_int64(s, 1, session);
	sqlite3_bind_text(s, 2, routine_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, event, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, at);
	return store_private_step_done(st, s, "saving a pain event");
}

/* Steps s for one row; 1 row, 0 none, -1 error (s finalized). */
static int
store_movement_one(struct store *st, sqlite3_stmt *s, const char *doing)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW)
		return 1;
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE)
		return 0;
	store_private_error(st, doing);
	return -1;
}

/* Runs s (prepared, or NULL after a failure) with ?1 = routine_id and
 * ?2 = id, reading one int into *out.  Returns 0 or -1. */
static int
store_routine_int(struct store *st, sqlite3_stmt *s, const char *routine_id,
    int64_t id, const char *doing, int *out)
{
	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, routine_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, id);
	if (store_movement_one(st, s, doing) != 1)
		return -1;
	*out = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return 0;
}

int
store_last_session(struct store *st, int64_t except, int64_t *ended_at,
    int *pain_before, char **routine_id, int *exercise)
{
	/* The last session started, of any routine: P4 looks at the first
	 * use after a session, whichever routine that use runs. */
	sqlite3_stmt *s = store_private_prepare(st, "SELECT coalesce(ended_at, "
	    "0), coalesce(pain_before, -1), routine_id, kind = 'exercise' "
	    "FROM sessions WHERE id != ?1 ORDER BY id DESC LIMIT 1");
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, except);
	if ((rc = store_movement_one(st, s, "reading the sessions")) != 1)
		return rc;
	*ended_at = sqlite3_column_int64(s, 0);
	*pain_before = sqlite3_column_int(s, 1);
	*routine_id = xstrdup((const char *)sqlite3_column_text(s, 2));
	*exercise = sqlite3_column_int(s, 3);
	sqlite3_finalize(s);
	return 1;
}

int
store_lower_pending(struct store *st, const char *routine_id,
    int64_t except, int *pending)
{
	/* A "did not settle" found while another routine ran, after this
	 * routine's last session: its next session runs one level lower.
	 * One found in a session of this routine was acted on there. */
	sqlite3_stmt *s = store_private_prepare(st, "SELECT count(*) FROM "
	    "pain_events e WHERE e.routine_id = ?1 AND e.event = 'did not "
	    "settle' AND e.at >= coalesce((SELECT max(started_at) FROM "
	    "sessions WHERE routine_id = ?1 AND id != ?2), 0) AND NOT EXISTS "
	    "(SELECT 1 FROM sessions x WHERE x.id = e.session_id AND "
	    "x.routine_id = ?1)");

	if (store_routine_int(st, s, routine_id, except, "reading the pain "
	    "events", pending) != 0)
		return -1;
	*pending = *pending > 0;
	return 0;
}

int
store_session_lowered(struct store *st, const char *routine_id, int64_t id,
    int *lowered)
{
	/* As store_lower_pending saw it when session ?2 began (sessions of
	 * this routine before it), or found in session ?2 itself. */
	sqlite3_stmt *s = store_private_prepare(st, "SELECT count(*) FROM "
	    "pain_events e WHERE e.routine_id = ?1 AND e.event = 'did not "
	    "settle' AND (e.session_id = ?2 OR (e.at >= coalesce((SELECT "
	    "max(started_at) FROM sessions WHERE routine_id = ?1 AND id < ?2), "
	    "0) AND e.session_id < ?2 AND NOT EXISTS (SELECT 1 FROM sessions "
	    "x WHERE x.id = e.session_id AND x.routine_id = ?1)))");

	if (store_routine_int(st, s, routine_id, id, "reading the pain "
	    "events", lowered) != 0)
		return -1;
	*lowered = *lowered > 0;
	return 0;
}

int
store_pain_events_since(struct store *st, const char *routine_id,
    int64_t since, int *count)
{
	sqlite3_stmt *s = store_private_prepare(st, "SELECT count(*) FROM "
	    "pain_events WHERE routine_id = ?1 AND at >= ?2 AND event IN "
	    "('raised', 'did not settle')");

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, routine_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, since);
	if (store_movement_one(st, s, "reading the pain events") != 1)
		return -1;
	*count = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return 0;
}

static void
store_movement_int_row(sqlite3_stmt *s, void *elem, void *ctx)
{
	(void)ctx;
	*(int *)elem = sqlite3_column_int(s, 0);
}

int
store_pain_before_since(struct store *st, int64_t since, int **out,
    size_t *n)
{
	sqlite3_stmt *s = store_private_prepare(st, "SELECT pain_before FROM "
	    "sessions WHERE started_at >= ?1 AND pain_before IS NOT NULL");
	struct store_rows r = { NULL, 0, sizeof **out, store_movement_int_row,
	    NULL };
	int rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, since);
	rc = store_rows(st, s, &r, "reading the sessions");
	*out = r.items;
	*n = r.n;
	return rc;
}

int
store_routine_weeks(struct store *st, const char *const *ids, size_t n,
    int64_t now, int *weeks)
{
	/* The first completion: one seek in sessions_routine (schema 6);
	 * prepared once for the whole list. */
	sqlite3_stmt *s = store_private_prepare(st, "WITH f(first) AS ("
	    "SELECT min(started_at) FROM sessions WHERE routine_id = ?1 AND "
	    "state = 'completed') SELECT f.first, "
	    "(SELECT count(DISTINCT (e.at - f.first) / 604800) FROM "
	    "pain_events e WHERE e.routine_id = ?1 AND "
	    "e.event = 'did not settle' AND e.at >= f.first) FROM f");
	int64_t first;
	size_t i;
	int held;

	for (i = 0; i < n; i++)
		weeks[i] = 1;
	if (s == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, ids[i], -1, SQLITE_STATIC);
		if (store_movement_one(st, s, "reading the sessions") != 1)
			return -1;
		if (sqlite3_column_type(s, 0) == SQLITE_NULL)
			continue;
		/* Before 1970 only by hand: as at 1970, with no overflow. */
		if ((first = sqlite3_column_int64(s, 0)) < 0)
			first = 0;
		held = sqlite3_column_int(s, 1);
		if (now > first)
			weeks[i] = 1 + (int)((now - first) / 604800) - held;
		if (weeks[i] < 1)
			weeks[i] = 1;
	}
	sqlite3_finalize(s);
	return 0;
}

int
store_routine_week(struct store *st, const char *routine_id, int64_t now,
    int *week)
{
	return store_routine_weeks(st, &routine_id, 1, now, week);
}

int
store_routine_ready(struct store *st, const char *routine_id,
    int64_t session, int *ready)
{
	sqlite3_stmt *s = store_private_prepare(st, "WITH two(id) AS ("
	    "SELECT ?2 UNION SELECT id FROM (SELECT id FROM sessions WHERE "
	    "routine_id = ?1 AND id != ?2 AND state = 'completed' ORDER BY "
	    "id DESC LIMIT 1)) SELECT "
	    "(SELECT count(*) FROM two) = 2 AND "
	    "(SELECT count(DISTINCT session_id) FROM step_pain WHERE "
	    "session_id IN two AND pain IS NOT NULL) = 2 AND "
	    "(SELECT count(*) FROM step_pain WHERE session_id IN two AND "
	    "(pain > 5 OR outcome = 'stopped')) = 0 AND "
	    "(SELECT count(*) FROM pain_events WHERE session_id IN two AND "
	    "event IN ('did not settle', 'ended early', 'new symptoms')) = 0");

	*ready = 0;
	return store_routine_int(st, s, routine_id, session, "reading the "
	    "sessions", ready);
}

/* ---- PSFS --------------------------------------------------------------- */

static char *
store_movement_text(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return xstrdup(t != NULL ? (const char *)t : "");
}

static void
store_psfs_act_row(sqlite3_stmt *s, void *elem, void *ctx)
{
	struct psfs_activity *a = elem;

	(void)ctx;
	a->id = sqlite3_column_int64(s, 0);
	a->text = store_movement_text(s, 1);
	a->source = store_movement_text(s, 2);
	a->added_at = sqlite3_column_int64(s, 3);
	a->retired_at = sqlite3_column_int64(s, 4);
}

static int
store_psfs_acts(struct store *st, struct psfs_history *h)
{
	sqlite3_stmt *s = store_private_prepare(st, "SELECT id, text, source, "
	    "added_at, coalesce(retired_at, 0) FROM psfs_activities "
	    "ORDER BY id");
	struct store_rows r = { NULL, 0, sizeof *h->acts, store_psfs_act_row,
	    NULL };
	int rc;

	if (s == NULL)
		return -1;
	rc = store_rows(st, s, &r, "reading the function ratings");
	h->acts = r.items;
	h->n_acts = r.n;
	return rc;
}

static int
store_psfs_sets(struct store *st, struct psfs_history *h)
{
	sqlite3_stmt *s = store_private_prepare(st, "SELECT p.id, p.at, "
	    "c.activity_id, c.score FROM psfs_sets p JOIN psfs_scores c ON "
	    "c.set_id = p.id ORDER BY p.id, c.activity_id");
	struct psfs_set *set = NULL;
	int rc;

	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (set == NULL || set->id != sqlite3_column_int64(s, 0)) {
			h->sets = xgrow(h->sets, h->n_sets,
			    sizeof *h->sets);
			set = &h->sets[h->n_sets++];
			memset(set, 0, sizeof *set);
			set->id = sqlite3_column_int64(s, 0);
			set->at = sqlite3_column_int64(s, 1);
		}
		set->scores = xgrow(set->scores, set->n,
		    sizeof *set->scores);
		set->scores[set->n].activity = sqlite3_column_int64(s, 2);
		set->scores[set->n++].score = sqlite3_column_int(s, 3);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
store_psfs_load(struct store *st, struct psfs_history *h)
{
	memset(h, 0, sizeof *h);
	if (store_psfs_acts(st, h) != 0 || store_psfs_sets(st, h) != 0) {
		store_private_error(st, "reading the function ratings");
		psfs_history_free(h);
		return -1;
	}
	return 0;
}

/* The id of the activity of that text (any case), or 0 when none. */
static int64_t
store_psfs_find(struct store *st, const char *text)
{
	sqlite3_stmt *s = store_private_prepare(st, "SELECT id FROM "
	    "psfs_activities WHERE lower(text) = lower(?1) ORDER BY id "
	    "LIMIT 1");
	int64_t id = 0;

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, text, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return id;
}

static int64_t
store_psfs_insert(struct store *st, const char *text, const char *source,
    int64_t at)
{
	sqlite3_stmt *s = store_private_prepare(st, "INSERT INTO "
	    "psfs_activities (text, source, added_at) VALUES (?1, ?2, ?3)");

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, text, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, source, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, at);
	if (store_private_step_done(st, s, "saving an activity") != 0)
		return -1;
	return sqlite3_last_insert_rowid(store_private_db(st));
}

int
store_psfs_add(struct store *st, const char *text, const char *source,
    int64_t at)
{
	int64_t id = store_psfs_find(st, text);

	if (id < 0)
		return -1;
	return id > 0 || store_psfs_insert(st, text, source, at) > 0 ? 0 : -1;
}

/* One answer: a retirement, or a score (adding the activity if new). */
static int
store_psfs_answer(struct store *st, int64_t set, const char *text,
    int score, int retire, int64_t at)
{
	int64_t id = store_psfs_find(st, text);
	sqlite3_stmt *s;

	if (id == 0 && !retire)
		id = store_psfs_insert(st, text, "person", at);
	if (id <= 0)
		return -1;
	s = store_private_prepare(st, retire ? "UPDATE psfs_activities SET "
	    "retired_at = ?3 WHERE id = ?2 AND ?1 IS NOT NULL" : "INSERT INTO "
	    "psfs_scores (set_id, activity_id, score) VALUES (?1, ?2, ?3)");
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, set);
	sqlite3_bind_int64(s, 2, id);
	sqlite3_bind_int64(s, 3, retire ? at : score);
	return store_private_step_done(st, s, "saving a rating");
}

/*
 * The weekly rule once more, inside the write transaction: the caller
 * checked it on what it read before, but another copy of backcare may
 * have saved a rating since (two `function --answers -` at once).
 * Returns 0 when due, else -1 with the error set.
 */
static int
store_psfs_not_due(struct store *st, int64_t at)
{
	long long n, last;
	char day[11];

	if (store_query_int(st, "SELECT count(*) FROM psfs_sets", &n) != 0 ||
	    store_query_int(st, "SELECT max(at) FROM psfs_sets", &last) != 0)
		return -1;
	if (n == 0 || at - last >= PSFS_DUE_S)
		return 0;
	day_format(day_of_time(last + PSFS_DUE_S), day);
	store_set_error(st, "saving the ratings: you rated your activities "
	    "less than a week ago (another copy of backcare saved a rating "
	    "meanwhile); the next rating is due on %s; nothing was saved",
	    day);
	return -1;
}

int
store_psfs_record(struct store *st, const struct psfs_answers *a,
    int64_t at)
{
	sqlite3_stmt *s;
	int64_t set;
	size_t i;

	if (store_begin(st) != 0)
		return -1;
	if (store_psfs_not_due(st, at) != 0)
		goto fail;
	s = store_private_prepare(st, "INSERT INTO psfs_sets (at) VALUES "
	    "(?1)");
	if (s == NULL)
		goto fail;
	sqlite3_bind_int64(s, 1, at);
	if (store_private_step_done(st, s, "saving the ratings") != 0)
		goto fail;
	set = sqlite3_last_insert_rowid(store_private_db(st));
	for (i = 0; i < a->n; i++)
		if (store_psfs_answer(st, set, a->a[i].text, a->a[i].score,
		    a->a[i].retire, at) != 0)
			goto fail;
	if (store_commit(st) != 0)
		goto fail;
	return 0;
fail:
	store_rollback(st);
	return -1;
}

/* ---- yellow-flag items ------------------------------------------------- */

int64_t
store_outlook_record(struct store *st, const struct outlook_set *o)
{
	sqlite3_stmt *s;
	int64_t set;
	int i;

	if (store_begin(st) != 0)
		return -1;
	if ((s = store_private_prepare(st, "INSERT INTO outlook_sets (at) "
	    "VALUES (?1)")) == NULL)
		goto fail;
	sqlite3_bind_int64(s, 1, o->at);
	if (store_private_step_done(st, s, "saving the answers") != 0)
		goto fail;
	set = sqlite3_last_insert_rowid(store_private_db(st));
	for (i = 0; i < OUTLOOK_N; i++) {
		if ((s = store_private_prepare(st, "INSERT INTO "
		    "outlook_answers (set_id, item, value) VALUES (?1, ?2, "
		    "?3)")) == NULL)
			goto fail;
		sqlite3_bind_int64(s, 1, set);
		sqlite3_bind_text(s, 2, outlook_items[i].id, -1,
		    SQLITE_STATIC);
		if (o->v[i] >= 0)
			sqlite3_bind_int(s, 3, o->v[i]);
		if (store_private_step_done(st, s, "saving the answers") != 0)
			goto fail;
	}
	if (store_commit(st) != 0)
		goto fail;
	return set;
fail:
	store_rollback(st);
	return -1;
}

int
store_outlook_load(struct store *st, struct outlook_set **out, size_t *n)
{
	sqlite3_stmt *s = store_private_prepare(st, "SELECT o.id, o.at, "
	    "a.item, coalesce(a.value, -1) FROM outlook_sets o JOIN "
	    "outlook_answers a ON a.set_id = o.id ORDER BY o.id");
	struct outlook_set *cur = NULL;
	int rc, k, i;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (cur == NULL || cur->id != sqlite3_column_int64(s, 0)) {
			*out = xgrow(*out, *n, sizeof **out);
			cur = &(*out)[(*n)++];
			cur->id = sqlite3_column_int64(s, 0);
			cur->at = sqlite3_column_int64(s, 1);
			for (i = 0; i < OUTLOOK_N; i++)
				cur->v[i] = -1;
		}
		k = outlook_index((const char *)sqlite3_column_text(s, 2));
		if (k >= 0)
			cur->v[k] = sqlite3_column_int(s, 3);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_private_error(st, "reading the answers");
		free(*out);
		*out = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

/* ---- the report's movement part ---------------------------------------- */

#define STORE_STEP_PAIN_COUNTS \
	"(SELECT count(*) FROM step_pain WHERE at BETWEEN ?1 AND ?2), " \
	"(SELECT count(*) FROM step_pain WHERE outcome = 'stopped' AND " \
	"at BETWEEN ?1 AND ?2)"

/* The step pain counts, and with sessions set the completed sessions of
 * each kind in one pass over the window's sessions. */
static int
store_movement_counts(struct store *st, int64_t since, int64_t until,
    int sessions, struct movement_data *d)
{
	sqlite3_stmt *s = store_private_prepare(st, sessions ? "SELECT "
	    STORE_STEP_PAIN_COUNTS ", "
	    "coalesce(sum(kind = 'massage'), 0), "
	    "coalesce(sum(kind = 'exercise'), 0) "
	    "FROM sessions WHERE state = 'completed' "
	    "AND started_at BETWEEN ?1 AND ?2" :
	    "SELECT " STORE_STEP_PAIN_COUNTS);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, since);
	sqlite3_bind_int64(s, 2, until);
	if (store_movement_one(st, s, "reading the sessions") != 1)
		return -1;
	d->steps_rated = sqlite3_column_int(s, 0);
	d->steps_stopped = sqlite3_column_int(s, 1);
	if (sessions) {
		d->massage_sessions = sqlite3_column_int(s, 2);
		d->exercise_sessions = sqlite3_column_int(s, 3);
	}
	sqlite3_finalize(s);
	return 0;
}

static void
store_movement_event_row(sqlite3_stmt *s, void *elem, void *ctx)
{
	struct movement_event *e = elem;

	(void)ctx;
	e->at = sqlite3_column_int64(s, 0);
	e->routine_id = store_movement_text(s, 1);
	e->event = store_movement_text(s, 2);
}

/* store_movement_load(), with the sessions counted or read (sessions). */
static int
store_movement_read(struct store *st, int64_t since, int64_t until,
    int sessions, struct movement_data *d)
{
	struct store_rows r = { NULL, 0, sizeof *d->events,
	    store_movement_event_row, NULL };
	sqlite3_stmt *s;
	int rc;

	if (store_movement_counts(st, since, until, sessions, d) != 0)
		return -1;
	s = store_private_prepare(st, "SELECT at, routine_id, event FROM "
	    "pain_events WHERE at BETWEEN ?1 AND ?2 ORDER BY id");
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, since);
	sqlite3_bind_int64(s, 2, until);
	rc = store_rows(st, s, &r, "reading the pain events");
	d->events = r.items;
	d->n_events = r.n;
	if (rc != 0) {
		movement_data_free(d);
		return -1;
	}
	return 0;
}

int
store_movement_load(struct store *st, int64_t since, int64_t until,
    struct movement_data *d)
{
	memset(d, 0, sizeof *d);
	return store_movement_read(st, since, until, 1, d);
}

int
store_movement_load_counted(struct store *st, int64_t since, int64_t until,
    int massage, int exercise, struct movement_data *d)
{
	memset(d, 0, sizeof *d);
	d->massage_sessions = massage;
	d->exercise_sessions = exercise;
	return store_movement_read(st, since, until, 0, d);
}

void
movement_data_free(struct movement_data *d)
{
	size_t i;

	for (i = 0; i < d->n_events; i++) {
		free(d->events[i].routine_id);
		free(d->events[i].event);
	}
	free(d->events);
	memset(d, 0, sizeof *d);
}
