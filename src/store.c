/*
 * store.c: the progress store (see store.h): what every part of it
 * shares, its errors, statements, settings and the row loader.  The
 * store is the only part of backcare that includes sqlite3.h; its files
 * split it along its seams:
 *
 *   store_schema.c    the schema, version by version
 *   store_open.c      opening, creating, checking and migrating the file
 *   store_quiet.c     reading it without touching it
 *   store_lessons.c   lesson progress
 *   store_checks.c    safety checks and clearances
 *   store_sessions.c  routine sessions and their steps
 *   store_plans.c     homework plans
 *   store_export.c    the export
 *   store_report.c    what the report and the progress view read
 *   store_movement.c  movement, pain monitoring and function
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store.h"
#include "store_private.h"
#include "text.h"
#include "util.h"

void
store_set_error(struct store *st, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	free(st->error);
	st->error = xasprintf("%s: %s", st->path, msg);
	free(msg);
}

/*
 * Turns the connection's last SQLite error into a user's sentence.  The
 * file is called damaged only on SQLite's own word (SQLITE_CORRUPT,
 * SQLITE_NOTADB), which it gives under its locks; a full disk is named
 * as such even when SQLite saw it as an I/O error (a write or a growing
 * -shm that failed with ENOSPC).
 */
void
store_set_sqlite_error(struct store *st, const char *doing)
{
	int code = sqlite3_extended_errcode(st->db) & 0xff;

	if (store_last_full(st))
		code = SQLITE_FULL;
	switch (code) {
	case SQLITE_FULL:
		store_set_error(st, "%s: the disk is full; free some space "
		    "and try again", doing);
		break;
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_CANTOPEN:
		store_set_error(st, "%s: cannot write here (%s); check the "
		    "folder's permissions or choose another file with --db",
		    doing, sqlite3_errmsg(st->db));
		break;
	case SQLITE_CORRUPT:
		store_set_error(st, "%s: " STORE_DAMAGED, doing,
		    sqlite3_errmsg(st->db));
		break;
	case SQLITE_NOTADB:
		store_set_error(st, "%s: not a backcare progress file (not an "
		    "SQLite database, or its first page is damaged); nothing "
		    "was written to it; choose another file with --db", doing);
		break;
	default:
		store_set_error(st, "%s: %s", doing, sqlite3_errmsg(st->db));
	}
}

const char *
store_error(const struct store *st)
{
	return st->error != NULL ? st->error : "no error";
}

int
store_exec(struct store *st, const char *sql, const char *doing)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		store_set_sqlite_error(st, doing);
		return -1;
	}
	return 0;
}

/* Runs a one-integer query; returns -1 (error set) on failure. */
int
store_query_int(struct store *st, const char *sql, long long *out)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		store_set_sqlite_error(st, "reading the progress file");
		return -1;
	}
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(s, 0);
	else if (rc == SQLITE_DONE)
		*out = 0;
	else {
		store_set_sqlite_error(st, "reading the progress file");
		sqlite3_finalize(s);
		return -1;
	}
	sqlite3_finalize(s);
	return 0;
}

int
store_begin(struct store *st)
{
	return store_exec(st, "BEGIN IMMEDIATE", "saving progress");
}

int
store_commit(struct store *st)
{
	return store_exec(st, "COMMIT", "saving progress");
}

void
store_rollback(struct store *st)
{
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

/*
 * Prepares sql; on failure sets the error and returns NULL.  Statements
 * are short-lived: prepare, bind, step, finalize in one function.
 */
sqlite3_stmt *
store_prepare(struct store *st, const char *sql)
{
	sqlite3_stmt *s;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		store_set_sqlite_error(st, "reading the progress file");
		return NULL;
	}
	return s;
}

/* Steps a statement that returns no rows, then finalizes it. */
int
store_step_done(struct store *st, sqlite3_stmt *s, const char *doing)
{
	int rc = sqlite3_step(s);

	if (rc != SQLITE_DONE) {
		store_set_sqlite_error(st, doing);
		sqlite3_finalize(s);
		return -1;
	}
	sqlite3_finalize(s);
	return 0;
}

/*
 * Text for the store must be UTF-8 (text that is not would make every
 * export invalid).  Returns 0, or -1 with the error set naming what.
 */
int
store_check_text(struct store *st, const char *doing, const char *what,
    const char *s)
{
	size_t n;

	if (s == NULL)
		return 0;
	n = strlen(s);
	if (text_utf8_invalid_at(s, n) == n)
		return 0;
	store_set_error(st, "%s: the %s is not UTF-8 text; nothing was "
	    "stored", doing, what);
	return -1;
}

char *
store_meta_get(struct store *st, const char *key)
{
	sqlite3_stmt *s = store_prepare(st,
	    "SELECT value FROM meta WHERE key = ?1");
	char *v = NULL;

	if (s == NULL)
		return NULL;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW &&
	    sqlite3_column_type(s, 0) != SQLITE_NULL)
		v = xstrdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return v;
}

int
store_meta_set(struct store *st, const char *key, const char *value)
{
	sqlite3_stmt *s = store_prepare(st,
	    "INSERT INTO meta (key, value) VALUES (?1, ?2) "
	    "ON CONFLICT (key) DO UPDATE SET value = excluded.value");

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
	return store_step_done(st, s, "saving a setting");
}

/* A copy of column i of s, or NULL for SQL NULL. */
char *
store_column_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t != NULL ? xstrdup((const char *)t) : NULL;
}

/* 1 when the connection's last error was a full disk. */
int
store_last_full(struct store *st)
{
	int code = sqlite3_extended_errcode(st->db) & 0xff;
	int sys = sqlite3_system_errno(st->db);

	return code == SQLITE_FULL ||
	    (code == SQLITE_IOERR && (sys == ENOSPC || sys == EDQUOT));
}

int
store_finish(struct store *st, sqlite3_stmt *s, int rc, const char *doing)
{
	if (rc != SQLITE_DONE)
		store_set_sqlite_error(st, doing);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
store_rows(struct store *st, sqlite3_stmt *s, struct store_rows *r,
    const char *doing)
{
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		r->items = xgrow(r->items, r->n, r->size);
		r->row(s, (char *)r->items + r->n * r->size, r->ctx);
		r->n++;
	}
	return store_finish(st, s, rc, doing);
}

/* ---- for the store's other files (store_private.h) ------------------- */

sqlite3 *
store_private_db(struct store *st)
{
	return st->db;
}

sqlite3_stmt *
store_private_prepare(struct store *st, const char *sql)
{
	return store_prepare(st, sql);
}

int
store_private_step_done(struct store *st, sqlite3_stmt *s, const char *doing)
{
	return store_step_done(st, s, doing);
}

void
store_private_error(struct store *st, const char *doing)
{
	store_set_sqlite_error(st, doing);
}
