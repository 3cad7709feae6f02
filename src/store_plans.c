/*
 * store_plans.c: homework plans, their routines, lessons and clearances
 * (see store.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "clearance.h"
#include "day.h"
#include "plan.h"
#include "store.h"
#include "store_private.h"
#include "text.h"
#include "util.h"

/* ---- plans, reports and exports --------------------------------------- */

/* ---- plans ------------------------------------------------------------ */

static int
store_plan_clearance_rows(struct store *st, sqlite3_int64 id,
    const struct plan *p)
{
	sqlite3_stmt *s;
	char until[11];
	size_t i;

	for (i = 0; i < p->n_clearances; i++) {
		s = store_prepare(st, "INSERT INTO plan_clearances (plan_id, "
		    "item, cleared_by, until_date) VALUES (?1, ?2, ?3, ?4)");
		if (s == NULL)
			return -1;
		day_format(p->clearances[i].until, until);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_text(s, 2, p->clearances[i].id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, p->clearances[i].by, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, until, -1, SQLITE_TRANSIENT);
		if (store_step_done(st, s, "saving the plan") != 0)
			return -1;
	}
	return 0;
}

static int
store_plan_rows(struct store *st, sqlite3_int64 id, const struct plan *p)
{
	sqlite3_stmt *s;
	size_t i;

	for (i = 0; i < p->n_routines; i++) {
		s = store_prepare(st, "INSERT INTO plan_routines (plan_id, "
		    "routine_id, per_week) VALUES (?1, ?2, ?3)");
		if (s == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_text(s, 2, p->routines[i].id, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 3, p->routines[i].per_week);
		if (store_step_done(st, s, "saving the plan") != 0)
			return -1;
	}
	for (i = 0; i < p->n_lessons; i++) {
		s = store_prepare(st, "INSERT INTO plan_lessons (plan_id, "
		    "lesson_id, pos) VALUES (?1, ?2, ?3)");
		if (s == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_text(s, 2, p->lessons[i].id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 3, (sqlite3_int64)i);
		if (store_step_done(st, s, "saving the plan") != 0)
			return -1;
	}
	return store_plan_clearance_rows(st, id, p);
}

int64_t
store_plan_put(struct store *st, const struct plan *p, const char *source,
    int64_t at)
{
	sqlite3_stmt *s;
	sqlite3_int64 id;
	char from[11], until[11], *path = NULL;
	const char *doing = "saving the plan";

	if (store_check_text(st, doing, "plan title", p->title) != 0 ||
	    store_check_text(st, doing, "therapist", p->therapist) != 0 ||
	    store_check_text(st, doing, "plan notes", p->notes) != 0)
		return -1;
	day_format(p->from, from);
	day_format(p->until, until);
	if (store_begin(st) != 0)
		return -1;
	/* The children go with their plan: foreign_keys is on. */
	s = store_prepare(st, "DELETE FROM plans WHERE title = ?1 OR "
	    "from_date = ?2");
	if (s == NULL)
		goto fail;
	sqlite3_bind_text(s, 1, p->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, from, -1, SQLITE_STATIC);
	if (store_step_done(st, s, "replacing the plan") != 0)
		goto fail;
	s = store_prepare(st, "INSERT INTO plans (title, from_date, "
	    "until_date, therapist, notes, source_path, imported_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	if (s == NULL)
		goto fail;
	sqlite3_bind_text(s, 1, p->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, until, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, p->therapist, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, p->notes, -1, SQLITE_STATIC);
	/* A file name need not be UTF-8; what is stored of it must be. */
	path = source != NULL ? text_utf8_repair(source) : NULL;
	sqlite3_bind_text(s, 6, path, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 7, at);
	if (store_step_done(st, s, "saving the plan") != 0)
		goto fail;
	free(path);
	path = NULL;
	id = sqlite3_last_insert_rowid(st->db);
	if (store_plan_rows(st, id, p) != 0 || store_commit(st) != 0)
		goto fail;
	return id;
fail:
	free(path);
	store_rollback(st);
	return -1;
}

/* Reads the clearances of plan id into p. */
static int
store_plan_clearances(struct store *st, sqlite3_int64 id, struct plan *p)
{
	sqlite3_stmt *s;

	s = store_prepare(st, "SELECT item, cleared_by, until_date FROM "
	    "plan_clearances WHERE plan_id = ?1 ORDER BY rowid");
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	return store_clearance_rows(st, s, &p->clearances, &p->n_clearances,
	    "reading the plan");
}

static void
store_plan_routine_row(sqlite3_stmt *s, void *elem, void *ctx)
{
	struct plan_routine *r = elem;

	(void)ctx;
	r->id = store_column_dup(s, 0);
	r->per_week = sqlite3_column_int(s, 1);
	r->line = 0;
	if (r->id == NULL)
		r->id = xstrdup("");
}

static void
store_plan_lesson_row(sqlite3_stmt *s, void *elem, void *ctx)
{
	struct plan_lesson *l = elem;

	(void)ctx;
	l->id = store_column_dup(s, 0);
	l->line = 0;
	if (l->id == NULL)
		l->id = xstrdup("");
}

/* Reads the routines and lessons of plan id into p, in their order. */
static int
store_plan_children(struct store *st, sqlite3_int64 id, struct plan *p)
{
	struct store_rows r = { p->routines, p->n_routines,
	    sizeof *p->routines, store_plan_routine_row, NULL };
	struct store_rows l = { p->lessons, p->n_lessons, sizeof *p->lessons,
	    store_plan_lesson_row, NULL };
	sqlite3_stmt *s;
	int rc;

	s = store_prepare(st, "SELECT routine_id, per_week FROM "
	    "plan_routines WHERE plan_id = ?1 ORDER BY rowid");
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = store_rows(st, s, &r, "reading the plan");
	p->routines = r.items;
	p->n_routines = r.n;
	if (rc != 0 || (s = store_prepare(st, "SELECT lesson_id FROM "
	    "plan_lessons WHERE plan_id = ?1 ORDER BY pos")) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = store_rows(st, s, &l, "reading the plan");
	p->lessons = l.items;
	p->n_lessons = l.n;
	return rc != 0 ? -1 : store_plan_clearances(st, id, p);
}

static int store_plan_in_force_read(struct store *st, int32_t day,
    struct plan **out);

/*
 * The plan and its routines, lessons and clearances are read in one read
 * transaction (unless the caller's is open), so a plan imported at the
 * same moment cannot give one plan's title with another's routines.
 */
int
store_plan_in_force(struct store *st, int32_t day, struct plan **out)
{
	int own = sqlite3_get_autocommit(st->db), rc;

	*out = NULL;
	if (own && store_exec(st, "BEGIN", "reading the plans") != 0)
		return -1;
	rc = store_plan_in_force_read(st, day, out);
	if (own && rc >= 0 &&
	    store_exec(st, "COMMIT", "reading the plans") != 0) {
		plan_free(*out);
		*out = NULL;
		rc = -1;
	}
	if (own && rc < 0)
		store_rollback(st);
	return rc;
}

static int
store_plan_in_force_read(struct store *st, int32_t day, struct plan **out)
{
	sqlite3_stmt *s;
	sqlite3_int64 id = 0;
	struct plan *p = NULL;
	char today[11];
	int rc, ok = 1;

	*out = NULL;
	day_format(day, today);
	s = store_prepare(st, "SELECT id, title, from_date, until_date, "
	    "therapist, notes FROM plans WHERE from_date <= ?1 "
	    "ORDER BY from_date DESC, id DESC LIMIT 1");
	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, today, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		p = xcalloc(1, sizeof *p);
		id = sqlite3_column_int64(s, 0);
		p->title = store_column_dup(s, 1);
		ok = day_parse((const char *)sqlite3_column_text(s, 2),
		    &p->from) == 0 &&
		    day_parse((const char *)sqlite3_column_text(s, 3),
		    &p->until) == 0;
		p->therapist = store_column_dup(s, 4);
		p->notes = store_column_dup(s, 5);
		if (p->title == NULL)
			p->title = xstrdup("");
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_set_sqlite_error(st, "reading the plans");
		return -1;
	}
	if (p == NULL)
		return 0;
	if (!ok) {
		store_set_error(st, "reading the plans: plan %lld has a bad "
		    "date; import it again", (long long)id);
		plan_free(p);
		return -1;
	}
	if (day > p->until) {
		plan_free(p);
		return 0;
	}
	if (store_plan_children(st, id, p) != 0) {
		plan_free(p);
		return -1;
	}
	*out = p;
	return 1;
}

int
store_plan_newest_start(struct store *st, int32_t day, int32_t *from)
{
	sqlite3_stmt *s;
	char today[11];
	int rc, found = 0;

	day_format(day, today);
	s = store_prepare(st, "SELECT from_date FROM plans WHERE "
	    "until_date >= ?1 ORDER BY id DESC LIMIT 1");
	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, today, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		found = day_parse((const char *)sqlite3_column_text(s, 0),
		    from) == 0;
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_set_sqlite_error(st, "reading the plans");
		return -1;
	}
	return found;
}
