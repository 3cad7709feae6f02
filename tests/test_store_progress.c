/* Unit tests of store_report_load() on a temporary progress file filled
 * through the store's own functions, and of schema migration 2. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

#include <sqlite3.h>

#include "clock.h"
#include "day.h"
#include "plan.h"
#include "report.h"
#include "safety.h"
#include "screener.h"
#include "store.h"
#include "util.h"
#include "unit.h"

static char root[64];
static char *path;
static struct clock_manual manual;

static int
setup(void **state)
{
	(void)state;
	setenv("TZ", "UTC0", 1);
	strcpy(root, "/tmp/bc_test_progress_XXXXXX");
	assert_non_null(mkdtemp(root));
	path = xasprintf("%s/progress.db", root);
	manual.mono_ms = 0;
	manual.wall_s = 1800000000;
	clock_use_manual(&manual);
	return 0;
}

static int
teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", root);

	(void)state;
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(path);
	clock_set(NULL);
	return 0;
}

static struct store *
open_store(void)
{
	char *err = NULL;
	struct store *st = store_open(path, &err);

	if (st == NULL)
		fail_msg("store_open: %s", err);
	return st;
}

/* A session at t with steps of the given seconds (ended by -1). */
static int64_t
session(struct store *st, int64_t t, const char *routine, const char *state,
    int before, int after, const char *note, ...)
{
	struct store_step step;
	va_list ap;
	int64_t id;
	long s;
	int pos = 0;

	id = store_session_begin(st, routine, "Title", "plain", 600, t);
	assert_true(id > 0);
	if (before >= 0)
		assert_int_equal(store_session_pain(st, id, 0, before), 0);
	va_start(ap, note);
	while ((s = va_arg(ap, long)) >= 0) {
		memset(&step, 0, sizeof step);
		step.pos = pos;
		step.step_index = pos++;
		step.title = "Step";
		step.rep = 1;
		step.planned_s = 60;
		step.done_s = s;
		step.state = "done";
		assert_int_equal(store_session_step(st, id, &step, t + s), 0);
	}
	va_end(ap);
	if (after >= 0)
		assert_int_equal(store_session_pain(st, id, 1, after), 0);
	if (state != NULL)
		assert_int_equal(store_session_end(st, id, state, note, t + 600),
		    0);
	return id;
}

static void
check(struct store *st, int64_t t, int age, const char *yes_item)
{
	struct screener_answers ans;
	struct screener_result res;
	unsigned char asked[SCREENER_MAX_ITEMS];

	screener_answers_init(&ans);
	ans.age = age;
	ans.weeks = 2;
	if (yes_item != NULL)
		ans.a[screener_item_index(yes_item)] = ANSWER_YES;
	memset(asked, 1, sizeof asked);
	screener_evaluate(&ans, &res);
	assert_true(store_check_record(st, &(struct store_check){ t, "full",
	    "answers", &ans, asked, &res, NULL, 0 }) > 0);
}

#define T0 1800000000   /* 2027-01-15 08:00:00 UTC */

static void
test_load_order_and_fields(void **state)
{
	struct store *st = open_store();
	struct report_data d;

	(void)state;
	check(st, T0, 55, NULL);
	check(st, T0 + 100, 55, "major_trauma");
	session(st, T0 + 3600, "swedish", "completed", 5, 3, NULL, 60L, 90L,
	    -1L);
	session(st, T0 + 7200, "trigger", "partial", -1, -1, "Too *sore*",
	    30L, -1L);
	/* Started earlier but stored later: it still comes first. */
	session(st, T0 + 1800, "swedish", "quit", 6, -1, NULL, -1L);
	session(st, T0 + 9000, "swedish", NULL, 4, -1, NULL, 10L, -1L);
	assert_int_equal(store_lesson_mark_read(st, "anatomy"), 0);
	manual.wall_s += 60;
	assert_int_equal(store_lesson_mark_selfcheck(st, "anatomy"), 0);
	assert_int_equal(store_lesson_set_place(st, "massage", 12), 0);

	assert_int_equal(store_report_load(st, INT64_MIN, INT64_MAX,
	    day_of_time(T0), &d), 0);
	assert_int_equal(d.n_sessions, 4);
	assert_int_equal(d.sessions[0].started_at, T0 + 1800);
	assert_string_equal(d.sessions[0].state, "quit");
	assert_int_equal(d.sessions[0].done_s, 0);
	assert_int_equal(d.sessions[0].pain_before, 6);
	assert_int_equal(d.sessions[0].pain_after, -1);
	assert_int_equal(d.sessions[1].started_at, T0 + 3600);
	assert_string_equal(d.sessions[1].routine_id, "swedish");
	assert_string_equal(d.sessions[1].title, "Title");
	assert_string_equal(d.sessions[1].state, "completed");
	assert_int_equal(d.sessions[1].done_s, 150);
	assert_int_equal(d.sessions[1].planned_s, 600);
	assert_int_equal(d.sessions[1].pain_before, 5);
	assert_int_equal(d.sessions[1].pain_after, 3);
	assert_int_equal(d.sessions[1].ended_at, T0 + 3600 + 600);
	assert_null(d.sessions[1].note);
	assert_string_equal(d.sessions[2].note, "Too *sore*");
	assert_int_equal(d.sessions[2].done_s, 30);
	assert_string_equal(d.sessions[3].state, "running");
	assert_int_equal(d.sessions[3].ended_at, 0);

	assert_int_equal(d.n_checks, 2);
	assert_string_equal(d.checks[0].kind, "full");
	assert_int_equal(d.checks[0].age, 55);
	assert_int_equal(d.checks[0].weeks, 2);
	assert_int_equal(d.checks[0].verdict, VERDICT_NONE);
	assert_string_equal(d.checks[0].rules, "");
	assert_true(d.checks[1].verdict > VERDICT_NONE);
	assert_true(strlen(d.checks[1].rules) >= 2);

	assert_int_equal(d.n_lessons, 2);
	assert_string_equal(d.lessons[0].id, "anatomy");
	assert_int_equal(d.lessons[0].read_at, 1800000000);
	assert_int_equal(d.lessons[0].selfcheck_at, 1800000060);
	assert_string_equal(d.lessons[1].id, "massage");
	assert_int_equal(d.lessons[1].read_at, 0);
	assert_int_equal(d.n_lessons_total, 0);
	assert_null(d.plan);
	report_data_free(&d);
	store_close(st);
}

static void
test_load_range(void **state)
{
	struct store *st = open_store();
	struct report_data d;

	(void)state;
	session(st, T0 - 1, "a", "completed", -1, -1, NULL, -1L);
	session(st, T0, "b", "completed", -1, -1, NULL, -1L);
	session(st, T0 + 86399, "c", "completed", -1, -1, NULL, -1L);
	session(st, T0 + 86400, "d", "completed", -1, -1, NULL, -1L);
	check(st, T0 - 1, 40, NULL);
	check(st, T0 + 5, 40, NULL);
	/* Both ends are inclusive. */
	assert_int_equal(store_report_load(st, T0, T0 + 86399, 0, &d), 0);
	assert_int_equal(d.n_sessions, 2);
	assert_string_equal(d.sessions[0].routine_id, "b");
	assert_string_equal(d.sessions[1].routine_id, "c");
	assert_int_equal(d.n_checks, 1);
	assert_int_equal(d.checks[0].at, T0 + 5);
	report_data_free(&d);
	/* An empty range is not an error. */
	assert_int_equal(store_report_load(st, T0 + 10 * 86400, T0 + 11 * 86400,
	    0, &d), 0);
	assert_int_equal(d.n_sessions, 0);
	assert_null(d.sessions);
	assert_int_equal(d.n_checks, 0);
	report_data_free(&d);
	store_close(st);
}

static void
test_load_plan(void **state)
{
	struct store *st = open_store();
	struct report_data d;
	struct report_summary s;
	struct plan *p = xcalloc(1, sizeof *p);
	int32_t from = day_of_time(T0);

	(void)state;
	p->title = xstrdup("Weeks 1-2");
	p->from = from;
	p->until = from + 13;
	p->therapist = xstrdup("Sam Lee");
	p->n_routines = 1;
	p->routines = xcalloc(1, sizeof *p->routines);
	p->routines[0].id = xstrdup("swedish");
	p->routines[0].per_week = 3;
	assert_true(store_plan_put(st, p, "plan.md", T0) > 0);
	plan_free(p);
	session(st, T0 + 60, "swedish", "completed", 5, 3, NULL, 100L, -1L);

	assert_int_equal(store_report_load(st, INT64_MIN, INT64_MAX, from + 13,
	    &d), 0);
	assert_non_null(d.plan);
	assert_string_equal(d.plan->title, "Weeks 1-2");
	assert_int_equal(d.plan->n_routines, 1);
	assert_string_equal(d.plan->routines[0].id, "swedish");
	/* And the summary of what was loaded. */
	report_summarise(&d, from, from, from, &s);
	assert_int_equal(s.n_homework, 1);
	assert_int_equal(s.homework[0].done, 1);
	assert_int_equal(s.homework[0].done_today, 1);
	assert_int_equal(s.total_seconds, 100);
	assert_int_equal(s.streak, 1);
	assert_true(s.has_baseline);
	report_summary_free(&s);
	report_data_free(&d);
	/* The day after the plan ends, none is in force. */
	assert_int_equal(store_report_load(st, INT64_MIN, INT64_MAX, from + 14,
	    &d), 0);
	assert_null(d.plan);
	report_data_free(&d);
	store_close(st);
}

/* Runs sql on the file directly (outside the store). */
static void
raw_sql(const char *sql)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	sqlite3_close(db);
}

static void
test_load_error(void **state)
{
	struct store *st = open_store();
	struct report_data d;

	(void)state;
	session(st, T0, "a", "completed", -1, -1, NULL, -1L);
	store_close(st);
	raw_sql("DROP TABLE check_answers; DROP TABLE check_rules; "
	    "DROP TABLE check_actions; DROP TABLE checks;");
	st = open_store();
	memset(&d, 0xff, sizeof d);
	assert_int_equal(store_report_load(st, INT64_MIN, INT64_MAX, 0, &d),
	    -1);
	assert_non_null(strstr(store_error(st), path));
	assert_non_null(strstr(store_error(st), "checks"));
	/* Nothing left to free, and the store still works. */
	assert_int_equal(d.n_sessions, 0);
	assert_null(d.sessions);
	session(st, T0 + 1, "b", "completed", -1, -1, NULL, -1L);
	store_close(st);
}

/* A version 1 file gains the covering index, and keeps its rows. */
/* What schemas 7, 5, 4 and 3 added, taken away: files as earlier
 * versions left them. */
#define DOWN_TO_6 "DROP TRIGGER steps_done_insert; " \
    "DROP TRIGGER steps_done_delete; DROP TRIGGER steps_done_update; " \
    "DROP TRIGGER steps_done_session; " \
    "DROP INDEX check_answers_unsure; " \
    "ALTER TABLE sessions DROP COLUMN steps_done_s; " \
    "PRAGMA user_version = 6;"
#define DOWN_TO_4 DOWN_TO_6 "DROP TABLE step_pain; DROP TABLE pain_events; " \
    "DROP TABLE psfs_scores; DROP TABLE psfs_sets; " \
    "DROP TABLE psfs_activities; DROP TABLE outlook_answers; " \
    "DROP TABLE outlook_sets; ALTER TABLE sessions DROP COLUMN kind; " \
    "PRAGMA user_version = 4;"
#define DOWN_TO_3 DOWN_TO_4 "DROP INDEX steps_pos; ALTER TABLE sessions " \
    "DROP COLUMN owner_pid; ALTER TABLE sessions DROP COLUMN owner_start; " \
    "ALTER TABLE sessions DROP COLUMN owner_boot; PRAGMA user_version = 3;"
#define DOWN_TO_2 DOWN_TO_3 "DROP TABLE check_clearances; " \
    "DROP TABLE plan_clearances; ALTER TABLE checks DROP COLUMN rules; " \
    "PRAGMA user_version = 2;"

/*
 * Schema 3 (red-flags.md section 6): an old NONE check no longer opens the
 * routines, and an old mc_dvt_current_or_suspected answer keeps its words.
 */
static void
test_migration_3(void **state)
{
	struct store *st = open_store();
	struct gate_input in;
	sqlite3 *db;
	sqlite3_stmt *q;

	(void)state;
	store_close(st);
	raw_sql(DOWN_TO_2
	    "INSERT INTO checks (id, at, kind, source, age, weeks, verdict) "
	    "VALUES (1, 1800000000, 'full', 'answers', 40, 2, 'NONE');"
	    "INSERT INTO check_answers VALUES (1, "
	    "'mc_dvt_current_or_suspected', 'yes', NULL);"
	    "INSERT INTO check_actions VALUES (1, "
	    "'mc_dvt_current_or_suspected', 'BLOCK', NULL);");
	st = open_store();
	assert_int_equal(store_schema_version(st), STORE_SCHEMA_VERSION);
	assert_int_equal(store_gate_input(st, day_of_time(manual.wall_s), &in),
	    0);
	assert_true(in.have_full);
	assert_int_equal(in.last_full_rules, 1);
	assert_true(in.limits.blocked);
	assert_int_equal(safety_gate(&in, manual.wall_s + 60), GATE_OLD_RULES);
	store_close(st);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT item, answer, detail "
	    "FROM check_answers", -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(q, 0),
	    "mc_dvt_current");
	assert_string_equal((const char *)sqlite3_column_text(q, 1), "yes");
	assert_non_null(strstr((const char *)sqlite3_column_text(q, 2),
	    "a new painful, swollen calf"));
	sqlite3_finalize(q);
	sqlite3_close(db);
}

static void
test_migration_2(void **state)
{
	struct store *st = open_store();
	struct report_data d;
	sqlite3 *db;
	sqlite3_stmt *q;

	(void)state;
	session(st, T0, "a", "completed", -1, -1, NULL, 40L, 2L, -1L);
	store_close(st);
	raw_sql(DOWN_TO_2 "DROP INDEX steps_session; CREATE INDEX "
	    "steps_session ON steps (session_id, pos); PRAGMA user_version = 1;");
	st = open_store();
	assert_int_equal(store_schema_version(st), STORE_SCHEMA_VERSION);
	assert_int_equal(store_report_load(st, INT64_MIN, INT64_MAX, 0, &d),
	    0);
	assert_int_equal(d.n_sessions, 1);
	assert_int_equal(d.sessions[0].done_s, 42);
	report_data_free(&d);
	store_close(st);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM "
	    "pragma_index_info('steps_session') WHERE name = 'done_s'", -1, &q,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(q, 0), 1);
	sqlite3_finalize(q);
	sqlite3_close(db);
}

static long long
raw_int(const char *sql)
{
	return unit_raw_int(path, sql);
}

/* Sessions whose kept total (schema 7) is not their steps' sum. */
#define DRIFTED "SELECT count(*) FROM sessions WHERE steps_done_s != " \
    "(SELECT CAST(total(done_s) AS INTEGER) FROM steps WHERE " \
    "session_id = sessions.id) "

/* The done time of each session, as store_report_load() reads it. */
static void
expect_done(struct store *st, size_t n, const long *want)
{
	struct report_data d;
	size_t i;

	assert_int_equal(store_report_load(st, INT64_MIN, INT64_MAX, 0, &d),
	    0);
	assert_int_equal(d.n_sessions, n);
	for (i = 0; i < n; i++)
		assert_int_equal(d.sessions[i].done_s, want[i]);
	report_data_free(&d);
}

/*
 * Schema 7: the steps' total each session keeps follows every insert,
 * update and delete of a step, whoever makes it (here plain SQL beside
 * the store's own writes).
 */
static void
test_steps_total(void **state)
{
	struct store *st = open_store();
	struct store_step step;
	long want[3] = { 42, 0, 6 };

	(void)state;
	session(st, T0, "a", "completed", -1, -1, NULL, 40L, 2L, -1L);
	session(st, T0 + 10, "a", "completed", -1, -1, NULL, -1L);
	session(st, T0 + 20, "a", "running", -1, -1, NULL, 1L, 2L, 3L, -1L);
	expect_done(st, 3, want);
	/* A step done again keeps the longer time (the store's upsert). */
	memset(&step, 0, sizeof step);
	step.title = "Step";
	step.rep = 1;
	step.planned_s = 60;
	step.done_s = 50;
	step.state = "done";
	assert_int_equal(store_session_step(st, 3, &step, T0 + 90), 0);
	want[2] = 55;
	expect_done(st, 3, want);
	store_close(st);
	assert_int_equal(raw_int(DRIFTED), 0);
	/* Each change checked alone: a later one would mend what an
	 * earlier one left wrong. */
	raw_sql("UPDATE steps SET done_s = 100 WHERE session_id = 1 AND "
	    "pos = 0;");
	assert_int_equal(raw_int(DRIFTED), 0);
	raw_sql("UPDATE steps SET session_id = 2 WHERE session_id = 3 AND "
	    "pos = 2;");
	assert_int_equal(raw_int(DRIFTED), 0);
	raw_sql("DELETE FROM steps WHERE session_id = 3 AND pos = 0;");
	assert_int_equal(raw_int(DRIFTED), 0);
	raw_sql("UPDATE steps SET title = 'renamed';");
	assert_int_equal(raw_int(DRIFTED), 0);
	assert_int_equal(raw_int("SELECT steps_done_s FROM sessions WHERE "
	    "id = 1"), 102);
	assert_int_equal(raw_int("SELECT steps_done_s FROM sessions WHERE "
	    "id = 2"), 3);
	assert_int_equal(raw_int("SELECT steps_done_s FROM sessions WHERE "
	    "id = 3"), 2);
	raw_sql("PRAGMA foreign_keys = ON; DELETE FROM sessions WHERE id = 1;"
	    "DELETE FROM steps WHERE session_id = 2;");
	assert_int_equal(raw_int(DRIFTED), 0);
	assert_int_equal(raw_int("SELECT count(*) FROM steps WHERE "
	    "session_id = 1"), 0);
	st = open_store();
	want[0] = 0;
	want[1] = 2;
	expect_done(st, 2, want);
	/* The store's own writes after all that. */
	session(st, T0 + 30, "a", "completed", -1, -1, NULL, 7L, -1L);
	store_close(st);
	assert_int_equal(raw_int(DRIFTED), 0);
}

/* A reading open: the store as the report reads it. */
static struct store *
open_read(void)
{
	char *err = NULL;
	struct store *st = store_open_read(path, &err);

	if (st == NULL)
		fail_msg("store_open_read: %s", err);
	return st;
}

/*
 * Triggers dropped or changed by hand: a reader sums the steps (the
 * report stays right), a writer's open makes the triggers and every
 * total again.  A session row written after its steps (a restore) takes
 * their total; a step with an absurd time saturates, it does not stop
 * the writes.
 */
static void
test_steps_mend(void **state)
{
	struct store *st = open_store();
	long want[3] = { 42, 9, 0 };

	(void)state;
	session(st, T0, "a", "completed", -1, -1, NULL, 40L, 2L, -1L);
	session(st, T0 + 10, "a", "completed", -1, -1, NULL, 9L, -1L);
	store_close(st);
	raw_sql("DROP TRIGGER steps_done_insert; INSERT INTO steps "
	    "(session_id, pos, step_index, planned_s, done_s, state, at) "
	    "VALUES (2, 1, 1, 60, 1000, 'done', 1);");
	assert_int_equal(raw_int(DRIFTED), 1);
	want[1] = 1009;
	st = open_read();
	expect_done(st, 2, want);
	store_close(st);
	assert_int_equal(raw_int(DRIFTED), 1);
	/* A trigger of the same name that does something else. */
	raw_sql("CREATE TRIGGER steps_done_insert AFTER INSERT ON steps "
	    "BEGIN SELECT 1; END;");
	st = open_read();
	expect_done(st, 2, want);
	store_close(st);
	st = open_store();
	store_close(st);
	assert_int_equal(raw_int(DRIFTED), 0);
	assert_int_equal(raw_int("SELECT count(*) FROM sqlite_master WHERE "
	    "type = 'trigger' AND name GLOB 'steps_done_*'"), 4);
	/* Steps before their session, foreign keys off. */
	raw_sql("PRAGMA foreign_keys = OFF; INSERT INTO steps (session_id, "
	    "pos, step_index, planned_s, done_s, state, at) VALUES "
	    "(77, 0, 0, 60, 30, 'done', 1), (77, 1, 1, 60, 8, 'done', 1);"
	    "INSERT INTO sessions (id, routine_id, started_at, state) VALUES "
	    "(77, 'a', 1800000100, 'completed');");
	assert_int_equal(raw_int("SELECT steps_done_s FROM sessions WHERE "
	    "id = 77"), 38);
	/* A damaged step's absurd time. */
	raw_sql("INSERT INTO steps (session_id, pos, step_index, planned_s, "
	    "done_s, state, at) VALUES (77, 2, 2, 60, 9000000000000000000, "
	    "'done', 1), (77, 3, 3, 60, 9000000000000000000, 'done', 1);");
	assert_int_equal(raw_int("SELECT steps_done_s FROM sessions WHERE "
	    "id = 77"), INT64_MAX);
	st = open_store();
	session(st, T0 + 20, "a", "completed", -1, -1, NULL, 5L, -1L);
	store_close(st);
}

/*
 * A schema 6 file is read as it is, the steps summed, by every reader:
 * in WAL or rollback mode, with or without a folder it may write in (a
 * migration there could fail on a full disk, or not be allowed); the
 * first writer brings it up to date.
 */
static void
test_read_6(void **state)
{
	struct store *st = open_store();
	long want[2] = { 42, 9 };
	int mode;

	(void)state;
	session(st, T0, "a", "completed", -1, -1, NULL, 40L, 2L, -1L);
	session(st, T0 + 10, "a", "completed", -1, -1, NULL, 9L, -1L);
	store_close(st);
	raw_sql(DOWN_TO_6);
	for (mode = 0; mode < 2; mode++) {
		if (mode == 1)
			raw_sql("PRAGMA journal_mode = DELETE;");
		st = open_read();
		assert_int_equal(store_schema_version(st), 6);
		expect_done(st, 2, want);
		store_close(st);
		assert_int_equal(raw_int("PRAGMA user_version"), 6);
	}
	st = open_store();
	assert_int_equal(store_schema_version(st), STORE_SCHEMA_VERSION);
	expect_done(st, 2, want);
	store_close(st);
}

/* A negative schema version is damage, refused by readers and writers
 * alike (it indexed the migrations before the first element). */
static void
test_negative_version(void **state)
{
	struct store *st = open_store();
	char *err = NULL;

	(void)state;
	store_close(st);
	raw_sql("PRAGMA user_version = -1;");
	assert_null(store_open(path, &err));
	assert_non_null(strstr(err, "damaged (a schema version below 0)"));
	free(err);
	err = NULL;
	assert_null(store_open_read(path, &err));
	assert_non_null(strstr(err, "damaged (a schema version below 0)"));
	free(err);
	assert_int_equal(raw_int("PRAGMA user_version"), -1);
}

/* Another trigger that writes the totals (one added by hand): the
 * readers sum the steps, and a writer leaves it and ours alone. */
static void
test_foreign_trigger(void **state)
{
	struct store *st = open_store();
	long want[1] = { 42 };
	long clamp[2] = { 42, 1000000000 };

	(void)state;
	session(st, T0, "a", "completed", -1, -1, NULL, 40L, 2L, -1L);
	store_close(st);
	raw_sql("CREATE TRIGGER my_zero AFTER UPDATE OF steps_done_s ON "
	    "sessions BEGIN UPDATE sessions SET steps_done_s = 0 WHERE "
	    "id = NEW.id AND steps_done_s != 0; END;"
	    "UPDATE steps SET done_s = 40 WHERE session_id = 1 AND pos = 0;");
	assert_int_equal(raw_int(DRIFTED), 1);
	st = open_read();
	expect_done(st, 1, want);
	store_close(st);
	st = open_store();
	expect_done(st, 1, want);
	store_close(st);
	assert_int_equal(raw_int("SELECT count(*) FROM sqlite_master WHERE "
	    "type = 'trigger'"), 5);
	/* An absurd total is read within a billion seconds. */
	raw_sql("DROP TRIGGER my_zero; INSERT INTO sessions (id, routine_id, "
	    "started_at, state) VALUES (2, 'a', 1800000100, 'completed');"
	    "INSERT INTO steps (session_id, pos, step_index, planned_s, "
	    "done_s, state, at) VALUES (2, 0, 0, 60, 9000000000000000000, "
	    "'done', 1), (2, 1, 1, 60, 9000000000000000000, 'done', 1);");
	st = open_read();
	expect_done(st, 2, clamp);
	store_close(st);
	assert_int_equal(raw_int(DRIFTED "AND id = 1"), 1);
	st = open_store();
	store_close(st);
	assert_int_equal(raw_int(DRIFTED), 0);
	assert_int_equal(raw_int("SELECT count(*) FROM meta WHERE key = "
	    "'steps_totals'"), 0);
}

/* A version 6 file gains the totals, its steps' sums, and the triggers. */
static void
test_migration_6(void **state)
{
	struct store *st = open_store();
	long want[2] = { 42, 19 };

	(void)state;
	session(st, T0, "a", "completed", -1, -1, NULL, 40L, 2L, -1L);
	session(st, T0 + 10, "a", "completed", -1, -1, NULL, 9L, -1L);
	store_close(st);
	raw_sql(DOWN_TO_6 "INSERT INTO steps (session_id, pos, step_index, "
	    "planned_s, done_s, state, at) VALUES (2, 1, 1, 60, 10, 'done', 1);");
	assert_int_equal(raw_int("PRAGMA user_version"), 6);
	st = open_store();
	assert_int_equal(store_schema_version(st), STORE_SCHEMA_VERSION);
	expect_done(st, 2, want);
	store_close(st);
	assert_int_equal(raw_int(DRIFTED), 0);
	assert_int_equal(raw_int("SELECT count(*) FROM sqlite_schema WHERE "
	    "type = 'trigger' AND tbl_name = 'steps'"), 3);
	raw_sql("DELETE FROM steps WHERE session_id = 2 AND pos = 0;");
	assert_int_equal(raw_int("SELECT steps_done_s FROM sessions WHERE "
	    "id = 2"), 10);
}

/*
 * The whole history is read in rowid order and put in time order: a
 * session recorded later with an earlier time (a clock set back) comes
 * first, equal times go by id, and a started_at that is not an integer
 * is read as SQL compares it (a text is after every time; a real is
 * between them).
 */
static void
test_sessions_order(void **state)
{
	struct store *st = open_store();
	struct report_data d;
	static const int64_t want[] = { 4, 2, 3, 1 };
	size_t i;

	(void)state;
	session(st, T0 + 100, "a", "completed", -1, -1, NULL, -1L);
	session(st, T0 + 50, "b", "completed", -1, -1, NULL, -1L);
	session(st, T0 + 50, "c", "completed", -1, -1, NULL, -1L);
	session(st, T0 - 100, "d", "completed", -1, -1, NULL, 5L, -1L);
	assert_int_equal(store_report_load(st, INT64_MIN, T0 + 99, 0, &d), 0);
	assert_int_equal(d.n_sessions, 3);
	for (i = 0; i < 3; i++)
		assert_int_equal(d.sessions[i].id, want[i]);
	assert_int_equal(d.sessions[0].done_s, 5);
	assert_string_equal(d.sessions[0].routine_id, "d");
	assert_string_equal(d.sessions[1].state, "completed");
	report_data_free(&d);
	store_close(st);
	raw_sql("UPDATE sessions SET started_at = 'soon' WHERE id = 1;"
	    "UPDATE sessions SET started_at = 1800000050.5 WHERE id = 3;");
	st = open_store();
	assert_int_equal(store_report_load(st, INT64_MIN, INT64_MAX, 0, &d),
	    0);
	assert_int_equal(d.n_sessions, 3);
	assert_int_equal(d.sessions[0].id, 4);
	assert_int_equal(d.sessions[1].id, 2);
	assert_int_equal(d.sessions[2].id, 3);
	report_data_free(&d);
	store_close(st);
}

static void
test_count_rows(void **state)
{
	struct store *st = open_store();
	long long n = -1;

	(void)state;
	session(st, T0, "a", "completed", -1, -1, NULL, 1L, 2L, 3L, -1L);
	session(st, T0 + 1, "a", "completed", -1, -1, NULL, -1L);
	assert_int_equal(store_count_rows(st, "sessions", &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(store_count_rows(st, "steps", &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(store_count_rows(st, "meta; DROP TABLE x", &n), -1);
	store_close(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_load_order_and_fields,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_load_range, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_load_plan, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_load_error, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_migration_2, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_migration_3, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_steps_mend, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_read_6, setup, teardown),
		cmocka_unit_test_setup_teardown(test_negative_version, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_foreign_trigger, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_steps_total, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_migration_6, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_sessions_order, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_count_rows, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
