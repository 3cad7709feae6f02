/*
 * store_report.c: what the report and the progress view read (see
 * store.h).
 *
 * A report over dates reads the sessions and checks of its window, each
 * table once.  The progress view reads only what it shows: the sessions
 * of its calendar's weeks, reaching further back only as far as the pain
 * chart, the pain trend and its prompts need (store_progress_since()), the
 * week the starting pain level was set in, the checks without their
 * answers, and the streak a day at a time, so its cost follows what is on
 * the screen, not the years of history behind it.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "day.h"
#include "plan.h"
#include "report.h"
#include "safety.h"
#include "store.h"
#include "store_private.h"
#include "util.h"

/* A session's columns, with the sum of its steps' done time read from
 * the covering index steps_session (schema 2): no step row is read. */
#define STORE_SESSION_SQL \
	"SELECT s.id, s.routine_id, s.routine_title, s.started_at, " \
	"coalesce(s.ended_at, 0), s.state, coalesce(s.planned_s, 0), " \
	"(SELECT coalesce(sum(t.done_s), 0) FROM steps t WHERE " \
	"t.session_id = s.id), coalesce(s.pain_before, -1), " \
	"coalesce(s.pain_after, -1), s.note, s.kind FROM sessions s "

/*
 * 1 when column col is the text want, as SQL's col = 'want' compares it
 * (text only, byte for byte); before any other read of the column, which
 * could convert it.  Compared here rather than in SQL: an expression on
 * the row costs as much as reading a column.
 */
static int
store_column_is(sqlite3_stmt *s, int col, const char *want)
{
	size_t n = strlen(want);

	return sqlite3_column_type(s, col) == SQLITE_TEXT &&
	    (size_t)sqlite3_column_bytes(s, col) == n &&
	    memcmp(sqlite3_column_text(s, col), want, n) == 0;
}

static void
store_session_row(sqlite3_stmt *s, void *elem, void *ctx)
{
	struct report_session *rs = elem;

	(void)ctx;
	rs->completed_kind = !store_column_is(s, 5, "completed") ? 0 :
	    store_column_is(s, 11, "massage") ? REPORT_KIND_MASSAGE :
	    store_column_is(s, 11, "exercise") ? REPORT_KIND_EXERCISE : 0;
	rs->id = sqlite3_column_int64(s, 0);
	rs->routine_id = store_column_dup(s, 1);
	rs->title = store_column_dup(s, 2);
	rs->started_at = sqlite3_column_int64(s, 3);
	rs->ended_at = sqlite3_column_int64(s, 4);
	rs->state = store_column_dup(s, 5);
	rs->planned_s = (long)sqlite3_column_int64(s, 6);
	rs->done_s = (long)sqlite3_column_int64(s, 7);
	rs->pain_before = sqlite3_column_int(s, 8);
	rs->pain_after = sqlite3_column_int(s, 9);
	rs->note = store_column_dup(s, 10);
	if (rs->routine_id == NULL)
		rs->routine_id = xstrdup("");
}

/* Appends the sessions started between since and until, oldest first. */
static int
store_report_sessions(struct store *st, int64_t since, int64_t until,
    struct report_data *out)
{
	sqlite3_stmt *s = store_prepare(st, STORE_SESSION_SQL
	    "WHERE s.started_at BETWEEN ?1 AND ?2 ORDER BY s.started_at, s.id");
	struct store_rows r = { out->sessions, out->n_sessions,
	    sizeof *out->sessions, store_session_row, NULL };
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, since);
	sqlite3_bind_int64(s, 2, until);
	rc = store_rows(st, s, &r, "reading the sessions");
	out->sessions = r.items;
	out->n_sessions = r.n;
	return rc;
}

/* A check's columns; the full ones add its clearances and actions. */
#define STORE_CHECK_SQL \
	"SELECT c.id, c.at, c.kind, coalesce(c.age, -1), " \
	"coalesce(c.weeks, -1), c.verdict, " \
	"(SELECT coalesce(group_concat(r.rule, ' '), '') FROM " \
	"(SELECT rule FROM check_rules WHERE check_id = c.id " \
	"ORDER BY rowid) r)"
#define STORE_CHECK_FULL_SQL STORE_CHECK_SQL ", " \
	"(SELECT group_concat(item || ', cleared by ' || cleared_by || " \
	"' until ' || until_date, '; ') FROM check_clearances " \
	"WHERE check_id = c.id), " \
	"(SELECT group_concat(action || ' ' || item || " \
	"coalesce(' ' || region, ''), ', ') FROM check_actions " \
	"WHERE check_id = c.id) "

static void
store_check_row(sqlite3_stmt *s, void *elem, void *ctx)
{
	struct report_check *c = elem;

	(void)ctx;
	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(s, 0);
	c->at = sqlite3_column_int64(s, 1);
	c->kind = store_column_dup(s, 2);
	c->age = sqlite3_column_int(s, 3);
	c->weeks = sqlite3_column_int(s, 4);
	if (verdict_parse((const char *)sqlite3_column_text(s, 5),
	    &c->verdict) != 0)
		c->verdict = VERDICT_EMERGENCY;   /* fail safe */
	c->rules = store_column_dup(s, 6);
	if (sqlite3_column_count(s) > 7) {
		c->clearances = store_column_dup(s, 7);
		c->actions = store_column_dup(s, 8);
	}
	if (c->kind == NULL)
		c->kind = xstrdup("");
	if (c->rules == NULL)
		c->rules = xstrdup("");
}

/*
 * The items answered "not sure" of the checks in out, as each check's
 * "a, b" in the items' order, in one pass over the answers: a whole
 * history reads the table straight through (the answers of a check sit
 * together), a window through the index of its checks.
 */
static int
store_report_unsure(struct store *st, int whole, struct report_data *out)
{
	sqlite3_stmt *s;
	struct report_check *c;
	const char *item;
	size_t j = 0;
	char *t;
	int rc;

	if (out->n_checks == 0)
		return 0;
	s = store_prepare(st, whole ? "SELECT check_id, item FROM "
	    "check_answers NOT INDEXED WHERE answer = 'unsure' AND check_id "
	    "BETWEEN ?1 AND ?2 ORDER BY check_id, item" : "SELECT check_id, "
	    "item FROM check_answers WHERE answer = 'unsure' AND check_id "
	    "BETWEEN ?1 AND ?2 ORDER BY check_id, item");
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, out->checks[0].id);
	sqlite3_bind_int64(s, 2, out->checks[out->n_checks - 1].id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		while (j < out->n_checks &&
		    out->checks[j].id < sqlite3_column_int64(s, 0))
			j++;
		item = (const char *)sqlite3_column_text(s, 1);
		if (j == out->n_checks || item == NULL ||
		    out->checks[j].id != sqlite3_column_int64(s, 0))
			continue;
		c = &out->checks[j];
		t = c->unsure == NULL ? xstrdup(item) :
		    xasprintf("%s, %s", c->unsure, item);
		free(c->unsure);
		c->unsure = t;
	}
	return store_finish(st, s, rc, "reading the safety checks");
}

/* The checks made between since and until, oldest first; light: without
 * their answers, clearances and actions (the progress view). */
static int
store_report_checks(struct store *st, int64_t since, int64_t until,
    int light, struct report_data *out)
{
	sqlite3_stmt *s = store_prepare(st, light ? STORE_CHECK_SQL
	    " FROM checks c WHERE c.at BETWEEN ?1 AND ?2 ORDER BY c.id" :
	    STORE_CHECK_FULL_SQL
	    "FROM checks c WHERE c.at BETWEEN ?1 AND ?2 ORDER BY c.id");
	struct store_rows r = { NULL, 0, sizeof *out->checks,
	    store_check_row, NULL };
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, since);
	sqlite3_bind_int64(s, 2, until);
	rc = store_rows(st, s, &r, "reading the safety checks");
	out->checks = r.items;
	out->n_checks = r.n;
	if (rc != 0 || light)
		return rc;
	return store_report_unsure(st, since == INT64_MIN, out);
}

static void
store_report_lesson_row(sqlite3_stmt *s, void *elem, void *ctx)
{
	struct report_lesson *l = elem;

	(void)ctx;
	l->id = store_column_dup(s, 0);
	l->read_at = sqlite3_column_int64(s, 1);
	l->selfcheck_at = sqlite3_column_int64(s, 2);
	if (l->id == NULL)
		l->id = xstrdup("");
}

static int
store_report_lessons(struct store *st, struct report_data *out)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT lesson_id, "
	    "coalesce(read_at, 0), coalesce(selfcheck_at, 0) "
	    "FROM lesson_progress ORDER BY lesson_id");
	struct store_rows r = { NULL, 0, sizeof *out->lessons,
	    store_report_lesson_row, NULL };
	int rc;

	if (s == NULL)
		return -1;
	rc = store_rows(st, s, &r, "reading lesson progress");
	out->lessons = r.items;
	out->n_lessons = r.n;
	return rc;
}

/* Opens a read transaction unless one is open: 1 when it did, 0, -1. */
static int
store_report_begin(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		return 0;
	return store_exec(st, "BEGIN", "reading the progress file") == 0 ?
	    1 : -1;
}

/* Ends what store_report_begin() opened; on failure (rc) frees out. */
static int
store_report_end(struct store *st, int own, int rc, struct report_data *out)
{
	if (rc == 0 && own &&
	    store_exec(st, "COMMIT", "reading the progress file") != 0)
		rc = -1;
	if (rc != 0) {
		if (own)
			store_rollback(st);
		report_data_free(out);
	}
	return rc;
}

int
store_report_load(struct store *st, int64_t since, int64_t until,
    int32_t plan_day, struct report_data *out)
{
	int own, rc;

	memset(out, 0, sizeof *out);
	/* One read transaction, so the parts agree with each other. */
	if ((own = store_report_begin(st)) < 0)
		return -1;
	rc = store_report_sessions(st, since, until, out) != 0 ||
	    store_report_checks(st, since, until, 0, out) != 0 ||
	    store_report_lessons(st, out) != 0 ||
	    store_plan_in_force(st, plan_day, &out->plan) < 0 ? -1 : 0;
	return store_report_end(st, own, rc, out);
}

/* ---- the progress view ------------------------------------------------ */

/*
 * Steps s (rows: started_at, in the order to go) until it has read want
 * rows or, with weeks set, reached the want-th distinct week; lowers *at
 * to each row's started_at (with weeks, to the start of each week).
 * Finalizes s.
 */
static int
store_progress_reach(struct store *st, sqlite3_stmt *s, size_t want,
    int weeks, int64_t *at)
{
	int32_t week, last = INT32_MAX;
	size_t seen = 0;
	int64_t t;
	int rc = SQLITE_DONE;

	while (seen < want && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		t = sqlite3_column_int64(s, 0);
		if (weeks) {
			week = day_week_start(day_of_time(t));
			if (week == last)
				continue;
			last = week;
			t = day_start_time(week);
		}
		seen++;
		if (t < *at)
			*at = t;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_set_sqlite_error(st, "reading the sessions");
		return -1;
	}
	return 0;
}

/* Runs store_progress_reach() on sql, bound to ?1 now. */
static int
store_progress_reach_sql(struct store *st, const char *sql, int64_t now,
    size_t want, int weeks, int64_t *at)
{
	sqlite3_stmt *s = store_prepare(st, sql);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, now);
	return store_progress_reach(st, s, want, weeks, at);
}

#define STORE_RATED_SQL(cond) "SELECT started_at FROM sessions WHERE " \
	"started_at BETWEEN 0 AND ?1 AND " cond \
	" ORDER BY started_at DESC, id DESC"

/*
 * How far back the view must read from now, besides its calendar from
 * *since: the last `rated` sessions with a pain rating (its chart), the
 * last pain_weeks weeks with a rating before (the trend and the weekly
 * averages), and the last two sessions rated before and after (the
 * prompt to go lighter).  Lowers *since; sets *base_from and *base_to to
 * the week of the first rating before (the starting level), or both to
 * -1 when there is none.
 */
static int
store_progress_since(struct store *st, int64_t now, size_t rated,
    size_t pain_weeks, int64_t *since, int64_t *base_from,
    int64_t *base_to)
{
	int64_t first = INT64_MAX;
	int32_t week;

	if (store_progress_reach_sql(st, STORE_RATED_SQL("(pain_before IS "
	    "NOT NULL OR pain_after IS NOT NULL)"), now, rated, 0, since) != 0 ||
	    store_progress_reach_sql(st, STORE_RATED_SQL("pain_before IS NOT "
	    "NULL"), now, pain_weeks, 1, since) != 0 ||
	    store_progress_reach_sql(st, STORE_RATED_SQL("pain_before IS NOT "
	    "NULL AND pain_after IS NOT NULL"), now, 2, 0, since) != 0 ||
	    store_progress_reach_sql(st, "SELECT started_at FROM sessions "
	    "WHERE started_at BETWEEN 0 AND ?1 AND pain_before IS NOT NULL "
	    "ORDER BY started_at, id", now, 1, 0, &first) != 0)
		return -1;
	*base_from = *base_to = -1;
	if (first == INT64_MAX)
		return 0;
	week = day_week_start(day_of_time(first));
	*base_from = day_start_time(week) > 0 ? day_start_time(week) : 0;
	*base_to = day_start_time(week + 7) - 1;
	/* A starting week that reaches the window is read with it. */
	if (*base_to >= *since) {
		*since = *base_from < *since ? *base_from : *since;
		*base_from = *base_to = -1;
	}
	return 0;
}

/*
 * The days in a row with a completed session up to today (report.h's
 * rule), a day at a time: each step asks for the newest completed session
 * before the day the streak has reached, so it reads a row or so a day
 * of the streak, however many sessions each day holds.
 */
static int
store_progress_streak(struct store *st, int64_t now, int32_t today,
    int *streak)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT started_at FROM sessions "
	    "WHERE started_at BETWEEN 0 AND ?1 AND state = 'completed' "
	    "ORDER BY started_at DESC LIMIT 1");
	struct report_streak rs;
	int64_t before = now;
	int32_t day;
	int rc;

	if (s == NULL)
		return -1;
	report_streak_begin(&rs, today);
	for (;;) {
		sqlite3_bind_int64(s, 1, before);
		if ((rc = sqlite3_step(s)) != SQLITE_ROW)
			break;
		day = day_of_time(sqlite3_column_int64(s, 0));
		before = day_start_time(day) - 1;
		if (!report_streak_step(&rs, day))
			break;
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_set_sqlite_error(st, "reading the sessions");
		return -1;
	}
	*streak = rs.streak;
	return 0;
}

int
store_progress_load(struct store *st, const struct store_progress_ask *a,
    struct report_data *out, int *streak)
{
	int64_t since = day_start_time(a->first), from, to;
	int own, rc;

	memset(out, 0, sizeof *out);
	*streak = 0;
	if ((own = store_report_begin(st)) < 0)
		return -1;
	rc = store_progress_since(st, a->now, a->rated, a->pain_weeks, &since,
	    &from, &to) != 0 ||
	    (from >= 0 && store_report_sessions(st, from, to, out) != 0) ||
	    store_report_sessions(st, since > 0 ? since : 0, a->now,
	    out) != 0 ||
	    store_report_checks(st, 0, a->now, 1, out) != 0 ||
	    store_report_lessons(st, out) != 0 ||
	    store_plan_in_force(st, a->today, &out->plan) < 0 ||
	    store_progress_streak(st, a->now, a->today, streak) != 0 ? -1 : 0;
	return store_report_end(st, own, rc, out);
}

int
store_count_rows(struct store *st, const char *table, long long *out)
{
	char *sql;
	int rc;

	if (strcmp(table, "sessions") != 0 && strcmp(table, "steps") != 0 &&
	    strcmp(table, "checks") != 0) {
		store_set_error(st, "cannot count the rows of '%s'", table);
		return -1;
	}
	sql = xasprintf("SELECT count(*) FROM %s", table);
	rc = store_query_int(st, sql, out);
	free(sql);
	return rc;
}
