/*
 * store_report.c: what the report and the progress view read (see
 * store.h).
 *
 * A report over dates reads the sessions and checks of its window, each
 * table once; the whole history reads the sessions table straight through
 * (store_report_sessions_all()).  No step is read: a session keeps its
 * steps' total (schema 7).  A check's rules, clearances, actions and
 * unsure answers are joined in C from one pass over each table, not a
 * subquery a check.  The progress view reads only what it shows: the sessions
 * of its calendar's weeks, reaching further back only as far as the pain
 * chart, the pain trend and its prompts need (store_progress_since()), the
 * week the starting pain level was set in, the checks without their
 * answers, and the streak a day at a time, so its cost follows what is on
 * the screen, not the years of history behind it.
 */
#include "config.h"

#include <stddef.h>
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
#include "strpool.h"
#include "util.h"

/* A session's columns, with the sum of its steps' done time that the
 * session row keeps (schema 7): no step is read.  Where the file does
 * not keep it (store_steps_kept()), the sum is taken from the steps. */
#define STORE_SESSION_COLS_WITH(done) \
	"SELECT s.id, s.routine_id, s.routine_title, s.started_at, " \
	"coalesce(s.ended_at, 0), s.state, coalesce(s.planned_s, 0), " \
	"coalesce(s.pain_before, -1), coalesce(s.pain_after, -1), s.note, " \
	"s.kind, " done " FROM sessions s "
#define STORE_SESSION_KEPT STORE_SESSION_COLS_WITH("s.steps_done_s")
#define STORE_SESSION_SUMMED STORE_SESSION_COLS_WITH("(SELECT " \
	"CAST(total(t.done_s) AS INTEGER) FROM steps t WHERE " \
	"t.session_id = s.id)")

/* Prepares the sessions' columns and tail: NULL with the error set. */
static sqlite3_stmt *
store_session_prepare(struct store *st, const char *tail)
{
	int kept = store_steps_kept(st);
	sqlite3_stmt *s;
	char *sql;

	if (kept < 0)
		return NULL;
	sql = xasprintf("%s%s", kept ? STORE_SESSION_KEPT :
	    STORE_SESSION_SUMMED, tail);
	s = store_prepare(st, sql);
	free(sql);
	return s;
}

/*
 * Column col's text and its length in *n when it is text, else NULL; read
 * before any other read of the column, which could convert it.  What the
 * store compares it with is compared here, as SQL's col = 'want' would
 * (text only, byte for byte), rather than in SQL: an expression on the
 * row costs as much as reading a column.
 */
static const char *
store_column_if_text(sqlite3_stmt *s, int col, size_t *n)
{
	if (sqlite3_column_type(s, col) != SQLITE_TEXT)
		return NULL;
	*n = (size_t)sqlite3_column_bytes(s, col);
	return (const char *)sqlite3_column_text(s, col);
}

/* 1 when the n bytes at t are the text want. */
static int
store_text_is(const char *t, size_t n, const char *want)
{
	return t != NULL && n == strlen(want) && memcmp(t, want, n) == 0;
}

/* Column col as the pool's one copy of its text, or NULL. */
static char *
store_column_pooled(sqlite3_stmt *s, int col, struct strpool *p)
{
	const unsigned char *t = sqlite3_column_text(s, col);

	return t == NULL ? NULL : strpool_intern(p, (const char *)t,
	    (size_t)sqlite3_column_bytes(s, col));
}

/*
 * A session's steps' total, within a billion seconds either way: a
 * damaged step's absurd time (the total saturates in SQL) stays absurd
 * but cannot overflow the weeks' and the report's sums of sessions.
 */
static long
store_done_clamp(int64_t v)
{
	const int64_t max = 1000000000;

	return (long)(v > max ? max : v < -max ? -max : v);
}

/* One row of STORE_SESSION_KEPT or _SUMMED, its strings in the pool ctx. */
static void
store_session_row(sqlite3_stmt *s, void *elem, void *ctx)
{
	struct report_session *rs = elem;
	struct strpool *p = ctx;
	size_t n = 0, kn = 0;
	const char *state = store_column_if_text(s, 5, &n), *kind = NULL;

	if (store_text_is(state, n, "completed"))
		kind = store_column_if_text(s, 10, &kn);
	rs->completed_kind = store_text_is(kind, kn, "massage") ?
	    REPORT_KIND_MASSAGE : store_text_is(kind, kn, "exercise") ?
	    REPORT_KIND_EXERCISE : 0;
	rs->id = sqlite3_column_int64(s, 0);
	rs->routine_id = store_column_pooled(s, 1, p);
	rs->title = store_column_pooled(s, 2, p);
	rs->started_at = sqlite3_column_int64(s, 3);
	rs->ended_at = sqlite3_column_int64(s, 4);
	rs->state = state != NULL ? strpool_intern(p, state, n) :
	    store_column_pooled(s, 5, p);
	rs->planned_s = (long)sqlite3_column_int64(s, 6);
	rs->pain_before = sqlite3_column_int(s, 7);
	rs->pain_after = sqlite3_column_int(s, 8);
	rs->note = store_column_pooled(s, 9, p);
	rs->done_s = store_done_clamp(sqlite3_column_int64(s, 11));
	if (rs->routine_id == NULL)
		rs->routine_id = strpool_intern(p, "", 0);
}

/* Appends the sessions started between since and until, oldest first,
 * through the index sessions_started: a lookup a session. */
static int
store_report_sessions(struct store *st, int64_t since, int64_t until,
    struct report_data *out)
{
	sqlite3_stmt *s = store_session_prepare(st,
	    "WHERE s.started_at BETWEEN ?1 AND ?2 ORDER BY s.started_at, s.id");
	struct store_rows r = { out->sessions, out->n_sessions,
	    sizeof *out->sessions, store_session_row, NULL };
	int rc;

	if (s == NULL)
		return -1;
	if (out->strings == NULL)
		out->strings = strpool_new();
	r.ctx = out->strings;
	sqlite3_bind_int64(s, 1, since);
	sqlite3_bind_int64(s, 2, until);
	rc = store_rows(st, s, &r, "reading the sessions");
	out->sessions = r.items;
	out->n_sessions = r.n;
	return rc;
}

/* Time order, as ORDER BY started_at, id. */
static int
store_session_cmp(const void *a, const void *b)
{
	const struct report_session *x = a, *y = b;

	if (x->started_at != y->started_at)
		return x->started_at < y->started_at ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/*
 * The whole history up to until (the full report), every session and no
 * other: the table straight through in rowid order, sorted in C only when
 * that is not time order (a clock set back), instead of an index lookup a
 * session.  Returns 1, having read nothing, on a started_at that is not
 * an integer, which SQL orders and compares otherwise than C: the caller
 * then reads the general way.
 */
static int
store_report_sessions_all(struct store *st, int64_t until,
    struct report_data *out)
{
	sqlite3_stmt *s = store_session_prepare(st, "ORDER BY s.rowid");
	struct report_session *rs;
	int64_t at, last = INT64_MIN;
	int rc, sorted = 1;

	if (s == NULL)
		return -1;
	if (out->strings == NULL)
		out->strings = strpool_new();
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (sqlite3_column_type(s, 3) != SQLITE_INTEGER) {
			sqlite3_finalize(s);
			free(out->sessions);
			out->sessions = NULL;
			out->n_sessions = 0;
			return 1;
		}
		if ((at = sqlite3_column_int64(s, 3)) > until)
			continue;
		out->sessions = xgrow(out->sessions, out->n_sessions,
		    sizeof *out->sessions);
		rs = &out->sessions[out->n_sessions++];
		store_session_row(s, rs, out->strings);
		sorted &= at >= last;
		last = at;
	}
	if (rc == SQLITE_DONE && !sorted)
		qsort(out->sessions, out->n_sessions, sizeof *out->sessions,
		    store_session_cmp);
	return store_finish(st, s, rc, "reading the sessions");
}

/* The sessions of a report: the whole history in one pass when it can. */
static int
store_report_sessions_any(struct store *st, int64_t since, int64_t until,
    struct report_data *out)
{
	int rc;

	if (since == INT64_MIN &&
	    (rc = store_report_sessions_all(st, until, out)) <= 0)
		return rc;
	return store_report_sessions(st, since, until, out);
}

/* A check's columns; its rules, clearances, actions and unsure items come
 * from one pass over each table (store_report_join()). */
#define STORE_CHECK_SQL \
	"SELECT c.id, c.at, c.kind, coalesce(c.age, -1), " \
	"coalesce(c.weeks, -1), c.verdict FROM checks c " \
	"WHERE c.at BETWEEN ?1 AND ?2 ORDER BY c.id"

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
	if (c->kind == NULL)
		c->kind = xstrdup("");
}

/* The texts a check gathers, each by one query: its rows are (check_id,
 * text) in check_id order, and a check's texts join as SQL's
 * group_concat(text, sep) in the order that the correlated subquery the
 * report used to run per check reads them (the same index, so the same
 * order): rules by rowid, clearances by item (their primary key),
 * actions by rowid, unsure answers by item. */
struct store_join {
	const char *sql;
	const char *sep;
	size_t field;           /* offsetof the char * in report_check */
};

#define STORE_JOIN_RANGE " WHERE check_id BETWEEN ?1 AND ?2 "
static const struct store_join store_join_rules = {
	"SELECT check_id, rule FROM check_rules" STORE_JOIN_RANGE
	"ORDER BY check_id, rowid", " ", offsetof(struct report_check, rules)
};
static const struct store_join store_join_full[] = {
	{ "SELECT check_id, item || ', cleared by ' || cleared_by || "
	  "' until ' || until_date FROM check_clearances" STORE_JOIN_RANGE
	  "ORDER BY check_id, item", "; ",
	  offsetof(struct report_check, clearances) },
	{ "SELECT check_id, action || ' ' || item || coalesce(' ' || "
	  "region, '') FROM check_actions" STORE_JOIN_RANGE
	  "ORDER BY check_id, rowid", ", ",
	  offsetof(struct report_check, actions) },
	/* Through the partial index check_answers_unsure (schema 7). */
	{ "SELECT check_id, item FROM check_answers WHERE answer = 'unsure' "
	  "AND check_id BETWEEN ?1 AND ?2 ORDER BY check_id, item", ", ",
	  offsetof(struct report_check, unsure) },
};

/* Hands b's text to check c's field j->field (NULL when b is empty, as
 * group_concat over no value). */
static void
store_join_put(const struct store_join *j, struct report_check *c,
    struct buf *b, int any)
{
	char **field = (char **)(void *)((char *)c + j->field);

	*field = any ? (b->data != NULL ? buf_detach(b) : xstrdup("")) : NULL;
	buf_reset(b);
}

/* Fills each check's j->field in one pass of j's query over the checks'
 * ids; a check_id that is not an integer is no check's. */
static int
store_report_join(struct store *st, const struct store_join *j,
    struct report_data *out)
{
	sqlite3_stmt *s = store_prepare(st, j->sql);
	struct buf b = BUF_INIT;
	size_t k = 0;
	int any = 0, rc;
	int64_t id;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, out->checks[0].id);
	sqlite3_bind_int64(s, 2, out->checks[out->n_checks - 1].id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (sqlite3_column_type(s, 0) != SQLITE_INTEGER ||
		    sqlite3_column_type(s, 1) == SQLITE_NULL)
			continue;
		id = sqlite3_column_int64(s, 0);
		if (any && id != out->checks[k].id) {
			store_join_put(j, &out->checks[k], &b, any);
			any = 0;
		}
		while (k < out->n_checks && out->checks[k].id < id)
			k++;
		if (k == out->n_checks)
			break;
		if (out->checks[k].id != id)
			continue;
		if (any)
			buf_adds(&b, j->sep);
		buf_add(&b, (const char *)sqlite3_column_text(s, 1),
		    (size_t)sqlite3_column_bytes(s, 1));
		any = 1;
	}
	if (any)
		store_join_put(j, &out->checks[k], &b, any);
	buf_free(&b);
	if (rc == SQLITE_ROW)
		rc = SQLITE_DONE;
	return store_finish(st, s, rc, "reading the safety checks");
}

/* The checks made between since and until, oldest first; light: without
 * their answers, clearances and actions (the progress view). */
static int
store_report_checks(struct store *st, int64_t since, int64_t until,
    int light, struct report_data *out)
{
	sqlite3_stmt *s = store_prepare(st, STORE_CHECK_SQL);
	struct store_rows r = { NULL, 0, sizeof *out->checks,
	    store_check_row, NULL };
	size_t i;
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, since);
	sqlite3_bind_int64(s, 2, until);
	rc = store_rows(st, s, &r, "reading the safety checks");
	out->checks = r.items;
	out->n_checks = r.n;
	if (rc == 0 && out->n_checks > 0)
		rc = store_report_join(st, &store_join_rules, out) != 0 ||
		    (!light && (store_report_join(st, &store_join_full[0],
		    out) != 0 || store_report_join(st, &store_join_full[1],
		    out) != 0 || store_report_join(st, &store_join_full[2],
		    out) != 0)) ?
		    -1 : 0;
	for (i = 0; i < out->n_checks; i++)
		if (out->checks[i].rules == NULL)
			out->checks[i].rules = xstrdup("");
	return rc;
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
	rc = store_report_sessions_any(st, since, until, out) != 0 ||
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
