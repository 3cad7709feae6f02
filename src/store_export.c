/*
 * store_export.c: every record as JSON or CSV (see store.h).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "csv.h"
#include "store.h"
#include "store_private.h"
#include "util.h"

/* ---- exports ---------------------------------------------------------- */

const char *const store_export_tables[] = {
	"lesson_progress", "selfcheck_answers",
	"checks", "check_answers", "check_rules", "check_actions",
	"check_clearances",
	"sessions", "steps",
	"plans", "plan_routines", "plan_lessons", "plan_clearances",
	"step_pain", "pain_events", "psfs_activities", "psfs_sets",
	"psfs_scores", "outlook_sets", "outlook_answers",
	NULL
};

int
store_export_begin(struct store *st)
{
	return store_exec(st, "BEGIN DEFERRED", "reading the progress file");
}

void
store_export_end(struct store *st)
{
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

static int
store_export_known(const char *table)
{
	size_t i;

	for (i = 0; store_export_tables[i] != NULL; i++)
		if (strcmp(store_export_tables[i], table) == 0)
			return 1;
	return 0;
}

/* Times are stored as Unix seconds in columns named "at" or "*_at". */
static int
store_export_is_time(const char *column)
{
	size_t n = strlen(column);

	return strcmp(column, "at") == 0 ||
	    (n > 3 && strcmp(column + n - 3, "_at") == 0);
}

/*
 * Builds the SELECT of one export: for JSON one json_object() per row,
 * for CSV the columns themselves, times made ISO 8601 UTC either way and
 * rows in the order they were first recorded.  Returns the SQL (caller
 * frees) or NULL with the error set.
 */
static char *
store_export_sql(struct store *st, const char *table,
    enum store_export_format fmt)
{
	sqlite3_stmt *s = store_prepare(st,
	    "SELECT name FROM pragma_table_info(?1) ORDER BY cid");
	struct buf b = BUF_INIT;
	const char *col;
	char *part;
	int rc, n = 0;

	if (s == NULL)
		return NULL;
	sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
	buf_adds(&b, fmt == STORE_EXPORT_JSON ? "SELECT json_object(" :
	    "SELECT ");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		col = (const char *)sqlite3_column_text(s, 0);
		/* Which process runs a session is no record of the user's;
		 * a session's steps' total (schema 7) is the steps' own. */
		if (col == NULL || strncmp(col, "owner_", 6) == 0 ||
		    strcmp(col, "steps_done_s") == 0)
			continue;
		if (fmt == STORE_EXPORT_JSON)
			part = sqlite3_mprintf("%s%Q, ", n ? ", " : "", col);
		else
			part = sqlite3_mprintf("%s", n ? ", " : "");
		buf_adds(&b, part);
		sqlite3_free(part);
		part = store_export_is_time(col) ? sqlite3_mprintf(
		    "strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', \"%w\", 'unixepoch')",
		    col) : sqlite3_mprintf("\"%w\"", col);
		buf_adds(&b, part);
		sqlite3_free(part);
		/* The CSV header is the column names: keep them. */
		if (fmt == STORE_EXPORT_CSV) {
			part = sqlite3_mprintf(" AS \"%w\"", col);
			buf_adds(&b, part);
			sqlite3_free(part);
		}
		n++;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE || n == 0) {
		if (rc != SQLITE_DONE)
			store_set_sqlite_error(st, "reading the progress file");
		else
			store_set_error(st, "exporting %s: the table is missing",
			    table);
		buf_free(&b);
		return NULL;
	}
	part = sqlite3_mprintf("%s FROM \"%w\" ORDER BY rowid",
	    fmt == STORE_EXPORT_JSON ? ")" : "", table);
	buf_adds(&b, part);
	sqlite3_free(part);
	return buf_detach(&b);
}

/* Writes the CSV header: the column names of the statement. */
static int
store_export_csv_header(sqlite3_stmt *s, FILE *f)
{
	int i, n = sqlite3_column_count(s);
	const char *name;

	for (i = 0; i < n; i++) {
		name = sqlite3_column_name(s, i);
		if ((i > 0 && fputc(',', f) == EOF) ||
		    csv_write_field(f, name) != 0)
			return -1;
	}
	return fputs("\r\n", f) == EOF ? -1 : 0;
}

static int
store_export_csv_row(sqlite3_stmt *s, FILE *f)
{
	int i, n = sqlite3_column_count(s);

	const char *v;
	int text;

	for (i = 0; i < n; i++) {
		/* The type first: reading the text may convert the value. */
		text = sqlite3_column_type(s, i) == SQLITE_TEXT;
		v = (const char *)sqlite3_column_text(s, i);
		/* Text is the user's: no formulas, no raw controls. */
		if ((i > 0 && fputc(',', f) == EOF) ||
		    (text ? csv_write_text(f, v) : csv_write_field(f, v)) != 0)
			return -1;
	}
	return fputs("\r\n", f) == EOF ? -1 : 0;
}

static int
store_export_json_row(sqlite3_stmt *s, FILE *f, int first)
{
	const char *row = (const char *)sqlite3_column_text(s, 0);
	char *safe;
	int rc;

	if (fputs(first ? "\n" : ",\n", f) == EOF)
		return -1;
	if (row == NULL)
		return fputs("null", f) == EOF ? -1 : 0;
	safe = csv_json_safe(row);
	rc = fputs(safe, f) == EOF ? -1 : 0;
	free(safe);
	return rc;
}

/* Records a write error on the export, keeping errno for the caller. */
static int
store_export_write_error(struct store *st, sqlite3_stmt *s)
{
	int saved = errno;

	sqlite3_finalize(s);
	store_set_error(st, "writing the export: %s", strerror(saved));
	errno = saved;
	return -1;
}

int
store_export_table(struct store *st, const char *table,
    enum store_export_format fmt, FILE *f)
{
	sqlite3_stmt *s;
	char *sql;
	int rc = SQLITE_DONE, werr = 0, rows = 0;

	if (!store_export_known(table)) {
		store_set_error(st, "exporting %s: not a table of the export",
		    table);
		return -1;
	}
	if ((sql = store_export_sql(st, table, fmt)) == NULL)
		return -1;
	s = store_prepare(st, sql);
	free(sql);
	if (s == NULL)
		return -1;
	if (fmt == STORE_EXPORT_CSV)
		werr = store_export_csv_header(s, f);
	else
		werr = fputc('[', f) == EOF;
	while (!werr && (rc = sqlite3_step(s)) == SQLITE_ROW)
		werr = fmt == STORE_EXPORT_CSV ? store_export_csv_row(s, f) :
		    store_export_json_row(s, f, rows++ == 0);
	if (!werr && fmt == STORE_EXPORT_JSON)
		werr = fputs(rows > 0 ? "\n]" : "]", f) == EOF;
	if (werr || fflush(f) != 0 || ferror(f))
		return store_export_write_error(st, s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_set_sqlite_error(st, "reading the progress file");
		return -1;
	}
	return 0;
}
