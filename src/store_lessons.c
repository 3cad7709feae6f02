/*
 * store_lessons.c: lesson progress and self-check answers (see store.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "clock.h"
#include "store.h"
#include "store_private.h"
#include "util.h"

/* ---- lessons ---------------------------------------------------------- */

static void
store_lesson_row(sqlite3_stmt *s, struct store_lesson *out)
{
	const unsigned char *id = sqlite3_column_text(s, 0);

	memset(out, 0, sizeof *out);
	snprintf(out->lesson_id, sizeof out->lesson_id, "%s",
	    id != NULL ? (const char *)id : "");
	out->place = (long)sqlite3_column_int64(s, 1);
	out->opened_at = sqlite3_column_int64(s, 2);
	out->read_at = sqlite3_column_int64(s, 3);
	out->selfcheck_at = sqlite3_column_int64(s, 4);
}

#define STORE_LESSON_COLUMNS \
	"lesson_id, place, coalesce(opened_at, 0), coalesce(read_at, 0), " \
	"coalesce(selfcheck_at, 0)"

int
store_lesson_get(struct store *st, const char *id, struct store_lesson *out)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT " STORE_LESSON_COLUMNS
	    " FROM lesson_progress WHERE lesson_id = ?1");
	int rc;

	memset(out, 0, sizeof *out);
	snprintf(out->lesson_id, sizeof out->lesson_id, "%s", id);
	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		store_lesson_row(s, out);
	else if (rc != SQLITE_DONE) {
		store_set_sqlite_error(st, "reading lesson progress");
		sqlite3_finalize(s);
		return -1;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW;
}

/* Runs an upsert on lesson_progress with ?1 id, ?2 now, ?3 value. */
static int
store_lesson_upsert(struct store *st, const char *sql, const char *id,
    long value)
{
	sqlite3_stmt *s;

	if (store_check_text(st, "saving lesson progress", "lesson id", id)
	    != 0 || (s = store_prepare(st, sql)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, clock_wall_s());
	sqlite3_bind_int64(s, 3, value);
	return store_step_done(st, s, "saving lesson progress");
}

int
store_lesson_set_place(struct store *st, const char *id, long place)
{
	return store_lesson_upsert(st, "INSERT INTO lesson_progress "
	    "(lesson_id, place, opened_at, updated_at) VALUES (?1, ?3, ?2, ?2) "
	    "ON CONFLICT (lesson_id) DO UPDATE SET place = excluded.place, "
	    "opened_at = coalesce(opened_at, excluded.opened_at), "
	    "updated_at = excluded.updated_at", id, place);
}

int
store_lesson_mark_read(struct store *st, const char *id)
{
	return store_lesson_upsert(st, "INSERT INTO lesson_progress "
	    "(lesson_id, opened_at, read_at, updated_at) "
	    "VALUES (?1, ?2, ?2, ?2 + 0 * ?3) "
	    "ON CONFLICT (lesson_id) DO UPDATE SET "
	    "read_at = coalesce(read_at, excluded.read_at), "
	    "updated_at = excluded.updated_at", id, 0);
}

int
store_lesson_mark_selfcheck(struct store *st, const char *id)
{
	return store_lesson_upsert(st, "INSERT INTO lesson_progress "
	    "(lesson_id, opened_at, selfcheck_at, updated_at) "
	    "VALUES (?1, ?2, ?2, ?2 + 0 * ?3) "
	    "ON CONFLICT (lesson_id) DO UPDATE SET "
	    "selfcheck_at = coalesce(selfcheck_at, excluded.selfcheck_at), "
	    "updated_at = excluded.updated_at", id, 0);
}

int
store_lesson_set_knew(struct store *st, const char *id, int q, int knew)
{
	sqlite3_stmt *s;

	if (store_check_text(st, "saving a self-check answer", "lesson id",
	    id) != 0)
		return -1;
	s = store_prepare(st, "INSERT INTO selfcheck_answers "
	    "(lesson_id, question, knew, at) VALUES (?1, ?2, ?3, ?4) "
	    "ON CONFLICT (lesson_id, question) DO UPDATE SET "
	    "knew = excluded.knew, at = excluded.at");
	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, q);
	sqlite3_bind_int(s, 3, knew != 0);
	sqlite3_bind_int64(s, 4, clock_wall_s());
	return store_step_done(st, s, "saving a self-check answer");
}

static void
store_lesson_list_row(sqlite3_stmt *s, void *elem, void *ctx)
{
	(void)ctx;
	store_lesson_row(s, elem);
}

long
store_lessons_list(struct store *st, struct store_lesson **out)
{
	/* Ids as store_lesson_get() matches them: text, whole (a blob or a
	 * NUL inside, written by hand, is no lesson's). */
	sqlite3_stmt *s = store_prepare(st, "SELECT " STORE_LESSON_COLUMNS
	    " FROM lesson_progress WHERE typeof(lesson_id) = 'text' AND "
	    "instr(CAST(lesson_id AS BLOB), x'00') = 0 ORDER BY lesson_id");
	struct store_rows r = { NULL, 0, sizeof **out, store_lesson_list_row,
	    NULL };

	*out = NULL;
	if (s == NULL)
		return -1;
	if (store_rows(st, s, &r, "reading lesson progress") != 0) {
		free(r.items);
		return -1;
	}
	*out = r.items;
	return (long)r.n;
}

const struct store_lesson *
store_lesson_find(const struct store_lesson *rows, long n, const char *id)
{
	long i;

	for (i = 0; i < n; i++)
		if (strcmp(rows[i].lesson_id, id) == 0)
			return &rows[i];
	return NULL;
}
