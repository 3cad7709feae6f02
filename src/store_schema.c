/*
 * store_schema.c: the progress file's schema, one migration per version
 * (store_migrations[v] takes a file from version v to v + 1).  Migrations
 * are forward-only: a later version appends and never edits an earlier
 * entry once released.
 */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include <sqlite3.h>

#include "store.h"
#include "store_private.h"

/*
 * Schema version 1, one string per part of the program.  Migrations are
 * forward-only: a later version appends to store_migrations[] and never
 * edits an earlier entry once released.
 */
static const char store_schema_core[] =
    "CREATE TABLE meta ("
    "  key TEXT PRIMARY KEY,"
    "  value TEXT"
    ");";

static const char store_schema_lessons[] =
    "CREATE TABLE lesson_progress ("
    "  lesson_id TEXT PRIMARY KEY,"
    "  place INTEGER NOT NULL DEFAULT 0,"
    "  opened_at INTEGER,"
    "  read_at INTEGER,"
    "  selfcheck_at INTEGER,"
    "  updated_at INTEGER NOT NULL"
    ");"
    "CREATE TABLE selfcheck_answers ("
    "  lesson_id TEXT NOT NULL,"
    "  question INTEGER NOT NULL,"
    "  knew INTEGER NOT NULL CHECK (knew IN (0, 1)),"
    "  at INTEGER NOT NULL,"
    "  PRIMARY KEY (lesson_id, question)"
    ");";

static const char store_schema_checks[] =
    "CREATE TABLE checks ("
    "  id INTEGER PRIMARY KEY,"
    "  at INTEGER NOT NULL,"
    "  kind TEXT NOT NULL CHECK (kind IN ('full', 'recheck')),"
    "  source TEXT NOT NULL,"
    "  age INTEGER,"
    "  weeks INTEGER,"
    "  verdict TEXT NOT NULL"
    "    CHECK (verdict IN ('EMERGENCY', 'URGENT', 'SOON', 'NONE'))"
    ");"
    "CREATE INDEX checks_at ON checks (at);"
    "CREATE TABLE check_answers ("
    "  check_id INTEGER NOT NULL REFERENCES checks (id) ON DELETE CASCADE,"
    "  item TEXT NOT NULL,"
    "  answer TEXT NOT NULL CHECK (answer IN ('yes', 'no', 'unsure')),"
    "  detail TEXT,"
    "  PRIMARY KEY (check_id, item)"
    ");"
    "CREATE TABLE check_rules ("
    "  check_id INTEGER NOT NULL REFERENCES checks (id) ON DELETE CASCADE,"
    "  rule TEXT NOT NULL,"
    "  items TEXT NOT NULL"
    ");"
    "CREATE INDEX check_rules_check ON check_rules (check_id);"
    "CREATE TABLE check_actions ("
    "  check_id INTEGER NOT NULL REFERENCES checks (id) ON DELETE CASCADE,"
    "  item TEXT NOT NULL,"
    "  action TEXT NOT NULL,"
    "  region TEXT"
    ");"
    "CREATE INDEX check_actions_check ON check_actions (check_id);";

static const char store_schema_sessions[] =
    "CREATE TABLE sessions ("
    "  id INTEGER PRIMARY KEY,"
    "  routine_id TEXT NOT NULL,"
    "  routine_title TEXT,"
    "  mode TEXT NOT NULL DEFAULT 'interactive',"
    "  started_at INTEGER NOT NULL,"
    "  ended_at INTEGER,"
    "  state TEXT NOT NULL DEFAULT 'running'"
    "    CHECK (state IN ('running', 'completed', 'partial', 'quit')),"
    "  planned_s INTEGER,"
    "  pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),"
    "  pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10),"
    "  note TEXT"
    ");"
    "CREATE INDEX sessions_started ON sessions (started_at);"
    "CREATE TABLE steps ("
    "  id INTEGER PRIMARY KEY,"
    "  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,"
    "  pos INTEGER NOT NULL,"
    "  step_index INTEGER NOT NULL,"
    "  title TEXT,"
    "  side TEXT,"
    "  rep INTEGER NOT NULL DEFAULT 1,"
    "  planned_s INTEGER NOT NULL,"
    "  done_s INTEGER NOT NULL,"
    "  state TEXT NOT NULL CHECK (state IN ('done', 'skipped', 'softened')),"
    "  note TEXT,"
    "  at INTEGER NOT NULL"
    ");"
    "CREATE INDEX steps_session ON steps (session_id, pos);";

static const char store_schema_plans[] =
    "CREATE TABLE plans ("
    "  id INTEGER PRIMARY KEY,"
    "  title TEXT NOT NULL,"
    "  from_date TEXT NOT NULL,"
    "  until_date TEXT NOT NULL,"
    "  therapist TEXT,"
    "  notes TEXT,"
    "  source_path TEXT,"
    "  imported_at INTEGER NOT NULL"
    ");"
    "CREATE TABLE plan_routines ("
    "  plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,"
    "  routine_id TEXT NOT NULL,"
    "  per_week INTEGER NOT NULL CHECK (per_week BETWEEN 1 AND 50),"
    "  PRIMARY KEY (plan_id, routine_id)"
    ");"
    "CREATE TABLE plan_lessons ("
    "  plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,"
    "  lesson_id TEXT NOT NULL,"
    "  pos INTEGER NOT NULL,"
    "  PRIMARY KEY (plan_id, lesson_id)"
    ");";

static const char *const store_migration_1[] = {
	store_schema_core, store_schema_lessons, store_schema_checks,
	store_schema_sessions, store_schema_plans, NULL
};

/*
 * Version 2: the report and progress view sum each session's steps; with
 * done_s in the index that sum reads no table rows (bench_progress: 10
 * years of use load in well under 20 ms).  The index keeps its name and
 * still serves lookups by (session_id, pos).
 */
static const char store_schema_steps_done[] =
    "DROP INDEX steps_session;"
    "CREATE INDEX steps_session ON steps (session_id, pos, done_s);";

static const char *const store_migration_2[] = {
	store_schema_steps_done, NULL
};

/*
 * Version 3, the safety check of red-flags.md section 6: each check keeps
 * the version of the rules that decided it (earlier checks do not open the
 * routines), the clearances it used, and plans keep their clearances.  The
 * old item mc_dvt_current_or_suspected became mc_dvt_current (BLOCK) and
 * the new calf_swelling_new (rule U3): a stored old answer keeps its
 * words in the detail column, so its meaning is not lost.
 */
static const char store_schema_rules_v3[] =
    "ALTER TABLE checks ADD COLUMN rules INTEGER NOT NULL DEFAULT 1;"
    "UPDATE check_answers SET item = 'mc_dvt_current',"
    "  detail = 'answered in an earlier version as: a known blood clot, or "
    "a new painful, swollen calf'"
    "  WHERE item = 'mc_dvt_current_or_suspected';"
    "UPDATE check_actions SET item = 'mc_dvt_current'"
    "  WHERE item = 'mc_dvt_current_or_suspected';"
    "CREATE TABLE check_clearances ("
    "  check_id INTEGER NOT NULL REFERENCES checks (id) ON DELETE CASCADE,"
    "  item TEXT NOT NULL,"
    "  cleared_by TEXT NOT NULL,"
    "  until_date TEXT NOT NULL,"
    "  PRIMARY KEY (check_id, item)"
    ");"
    "CREATE TABLE plan_clearances ("
    "  plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,"
    "  item TEXT NOT NULL,"
    "  cleared_by TEXT NOT NULL,"
    "  until_date TEXT NOT NULL,"
    "  PRIMARY KEY (plan_id, item)"
    ");";

static const char *const store_migration_3[] = {
	store_schema_rules_v3, NULL
};

/*
 * Version 4: one process runs a session at a time.  A session records its
 * owner (owner.h: pid, start time, boot) while it runs, and a step's
 * position is unique within its session.  Duplicates left by two
 * processes writing one session before this version keep their first
 * row.  steps_session (schema 2) stays as the covering index of the
 * report; steps_pos enforces the rule.
 */
static const char store_schema_session_owner[] =
    "ALTER TABLE sessions ADD COLUMN owner_pid INTEGER;"
    "ALTER TABLE sessions ADD COLUMN owner_start INTEGER;"
    "ALTER TABLE sessions ADD COLUMN owner_boot TEXT;"
    "DELETE FROM steps WHERE pos >= 0 AND id NOT IN "
    "  (SELECT min(id) FROM steps WHERE pos >= 0 "
    "   GROUP BY session_id, pos);"
    "CREATE UNIQUE INDEX steps_pos ON steps (session_id, pos) "
    "  WHERE pos >= 0;";

static const char *const store_migration_4[] = {
	store_schema_session_owner, NULL
};

/*
 * Version 6: the routine list asks, routine by routine, when each was
 * first completed (its week of the programme, store_routine_week());
 * without this index every routine read every session (ten routines, ten
 * years: 125 million instructions for `backcare routines`).
 */
static const char store_schema_routine_first[] =
    "CREATE INDEX IF NOT EXISTS sessions_routine ON sessions "
    "(routine_id, started_at) "
    "WHERE state = 'completed';";

static const char *const store_migration_6[] = {
	store_schema_routine_first, NULL
};

/*
 * Version 7: each session keeps the sum of its steps' done time, so the
 * full report reads no step (ten years of use: the correlated sum over
 * steps_session cost some 60 M instructions of the report's 162 M).  The
 * triggers recompute it (a session's few steps, through the covering
 * index steps_session) whenever a step comes, goes, moves or changes its
 * done time, and when a session row comes after its steps (a restore).
 * A row that REPLACE deletes fires no delete trigger (SQLite's
 * recursive_triggers is off): a hand "INSERT OR REPLACE" that moves a
 * step's id to another session leaves the first session's total, which
 * backcare(5) tells how to mend.  total() rather than sum(): a damaged
 * step with an absurd time gives an absurd total, not an overflow that
 * would stop every write.  A file whose triggers are not these (dropped or changed
 * by hand) is mended when it is opened for writing, and read meanwhile
 * with the sums taken from the steps (store_steps_kept()).  The report's
 * "not sure" answers, few among many, get an index of their own (ten
 * years: scanning all the answers for them cost 16 M).
 */
#define STORE_STEPS_SUM(id) \
    "(SELECT CAST(total(done_s) AS INTEGER) FROM steps WHERE " \
    "session_id = " id ")"
#define STORE_STEPS_DONE(who) \
    "UPDATE sessions SET steps_done_s = " STORE_STEPS_SUM(who ".session_id") \
    " WHERE id = " who ".session_id;"
#define STORE_TRIGGER_INSERT \
    "CREATE TRIGGER steps_done_insert AFTER INSERT ON steps BEGIN " \
    STORE_STEPS_DONE("NEW") " END"
#define STORE_TRIGGER_DELETE \
    "CREATE TRIGGER steps_done_delete AFTER DELETE ON steps BEGIN " \
    STORE_STEPS_DONE("OLD") " END"
#define STORE_TRIGGER_UPDATE \
    "CREATE TRIGGER steps_done_update AFTER UPDATE OF session_id, done_s " \
    "ON steps BEGIN " STORE_STEPS_DONE("OLD") \
    STORE_STEPS_DONE("NEW") " END"
#define STORE_TRIGGER_SESSION \
    "CREATE TRIGGER steps_done_session AFTER INSERT ON sessions BEGIN " \
    "UPDATE sessions SET steps_done_s = " STORE_STEPS_SUM("NEW.id") \
    " WHERE id = NEW.id; END"
#define STORE_STEPS_RECOMPUTE \
    "UPDATE sessions SET steps_done_s = " STORE_STEPS_SUM("sessions.id") ";"

/* The triggers as sqlite_schema keeps them (without the ";"). */
const char *const store_steps_triggers[STORE_STEPS_TRIGGERS][2] = {
	{ "steps_done_insert", STORE_TRIGGER_INSERT },
	{ "steps_done_delete", STORE_TRIGGER_DELETE },
	{ "steps_done_update", STORE_TRIGGER_UPDATE },
	{ "steps_done_session", STORE_TRIGGER_SESSION },
};

/* Makes the triggers and the totals again (store_steps_mend()). */
const char store_steps_remake[] =
    "DROP TRIGGER IF EXISTS steps_done_insert;"
    "DROP TRIGGER IF EXISTS steps_done_delete;"
    "DROP TRIGGER IF EXISTS steps_done_update;"
    "DROP TRIGGER IF EXISTS steps_done_session;"
    STORE_TRIGGER_INSERT ";" STORE_TRIGGER_DELETE
    ";" STORE_TRIGGER_UPDATE ";" STORE_TRIGGER_SESSION ";"
    STORE_STEPS_RECOMPUTE;

int
store_steps_kept(struct store *st)
{
	sqlite3_stmt *s;
	const char *name, *sql;
	unsigned found = 0, mine;
	long long version, noted;
	int rc, i, foreign = 0;

	if (st->steps_kept != 0)
		return st->steps_kept > 0;
	if (store_query_int(st, "PRAGMA user_version", &version) != 0)
		return -1;
	if (version < 7) {
		st->steps_kept = -3;
		return 0;
	}
	/* Ours by name and words; any other trigger that names the column
	 * (one added by hand) could change it after ours. */
	s = store_prepare(st, "SELECT name, sql FROM sqlite_master WHERE "
	    "type = 'trigger' AND (name GLOB 'steps_done_*' OR "
	    "sql LIKE '%steps_done_s%')");
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(s, 0);
		sql = (const char *)sqlite3_column_text(s, 1);
		for (mine = 0, i = 0; i < STORE_STEPS_TRIGGERS; i++)
			if (name != NULL && sql != NULL &&
			    strcmp(name, store_steps_triggers[i][0]) == 0 &&
			    strcmp(sql, store_steps_triggers[i][1]) == 0)
				mine = 1u << i;
		found |= mine;
		foreign |= mine == 0;
	}
	if (store_finish(st, s, rc, "reading the progress file") != 0)
		return -1;
	/* -1: ours are not all there as written (store_steps_mend() makes
	 * them again); -2: they are, beside another; -3 (above): schema 6. */
	st->steps_kept = found != (1u << STORE_STEPS_TRIGGERS) - 1 ? -1 :
	    foreign ? -2 : 1;
	/* Ours alone again after another trigger: mended once first. */
	if (st->steps_kept == 1) {
		if (store_query_int(st, "SELECT count(*) FROM meta WHERE "
		    "key = 'steps_totals'", &noted) != 0)
			return -1;
		if (noted != 0)
			st->steps_kept = -1;
	}
	return st->steps_kept > 0;
}

/*
 * Another trigger beside ours may have changed the totals: a writer that
 * sees one notes it in meta ("steps_totals"); with ours alone again, the
 * readers sum the steps until a writer has made every total again.
 */
int
store_steps_mend(struct store *st)
{
	int kept = store_steps_kept(st);

	if (kept != 0 || st->steps_kept == -3)
		return kept < 0 ? -1 : 0;
	if (st->steps_kept == -2)
		return store_exec(st, "INSERT OR IGNORE INTO meta (key, value) "
		    "VALUES ('steps_totals', 'another trigger')", "mending the "
		    "progress file");
	if (store_exec(st, "BEGIN IMMEDIATE", "mending the progress file") != 0)
		return -1;
	if (store_exec(st, store_steps_remake, "mending the progress file") !=
	    0 || store_exec(st, "DELETE FROM meta WHERE key = 'steps_totals';"
	    "COMMIT", "mending the progress file") != 0) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	/* Looked at again: another trigger may stand beside ours. */
	st->steps_kept = 0;
	return store_steps_kept(st) < 0 ? -1 : 0;
}

static const char store_schema_steps_total[] =
    "ALTER TABLE sessions ADD COLUMN steps_done_s INTEGER NOT NULL "
    "  DEFAULT 0;"
    STORE_STEPS_RECOMPUTE
    STORE_TRIGGER_INSERT ";" STORE_TRIGGER_DELETE
    ";" STORE_TRIGGER_UPDATE ";" STORE_TRIGGER_SESSION ";"
    "CREATE INDEX check_answers_unsure ON check_answers (check_id, item)"
    "  WHERE answer = 'unsure';";

static const char *const store_migration_7[] = {
	store_schema_steps_total, NULL
};

/* store_migrations[v] takes the schema from version v to v + 1. */
const char *const *const store_migrations[] = {
	store_migration_1,
	store_migration_2,
	store_migration_3,
	store_migration_4,
	store_migration_5,      /* movement and function: store_movement.c */
	store_migration_6,
	store_migration_7,
};
_Static_assert(sizeof store_migrations / sizeof store_migrations[0] ==
    STORE_SCHEMA_VERSION, "one migration per schema version");
