/* Unit tests of exports: csv_write_field (RFC 4180 quoting) and
 * store_export_table on a temporary store filled through the store's own
 * record functions, with awkward notes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "clock.h"
#include "csv.h"
#include "diag.h"
#include "screener.h"
#include "store.h"
#include "util.h"
#include "unit.h"

/* 2026-12-01T08:30:00Z */
#define T0 1796113800

/* Commas, quotes, CR, LF, a tab, UTF-8 and an emoji. */
static const char awkward[] =
    "Sore, then \"better\"\r\nnext line\ttab \xc3\xa9 \xf0\x9f\x99\x82";

static char root[64];
static char *path;
static struct clock_manual manual = { 0, T0 };

static int
setup(void **state)
{
	(void)state;
	unit_dir_make(root, sizeof root, "export");
	path = xasprintf("%s/progress.db", root);
	clock_use_manual(&manual);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	clock_set(NULL);
	unit_dir_remove(root);
	free(path);
	return 0;
}

/* The bytes written to a temporary stream by fn (caller frees). */
static char *
captured(FILE *f)
{
	long n;
	char *s;

	assert_int_equal(fflush(f), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	s = xmalloc((size_t)n + 1);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	return s;
}

static char *
csv_of(const char *field)
{
	FILE *f = tmpfile();

	assert_non_null(f);
	assert_int_equal(csv_write_field(f, field), 0);
	return captured(f);
}

static void
expect_csv(const char *field, const char *want)
{
	char *got = csv_of(field);

	if (strcmp(got, want) != 0)
		fail_msg("field '%s': got '%s', want '%s'", field ? field :
		    "(null)", got, want);
	free(got);
}

static void
test_csv_fields(void **state)
{
	(void)state;
	expect_csv(NULL, "");
	expect_csv("", "");
	expect_csv("plain", "plain");
	expect_csv("lower back", "lower back");
	expect_csv("a,b", "\"a,b\"");
	expect_csv("say \"hi\"", "\"say \"\"hi\"\"\"");
	expect_csv("\"", "\"\"\"\"");
	expect_csv("one\ntwo", "\"one\ntwo\"");
	expect_csv("one\rtwo", "\"one\rtwo\"");
	expect_csv("one\r\ntwo", "\"one\r\ntwo\"");
	/* Tabs and UTF-8 need no quotes in RFC 4180. */
	expect_csv("a\tb", "a\tb");
	expect_csv("\xc3\xa9 \xf0\x9f\x99\x82", "\xc3\xa9 \xf0\x9f\x99\x82");
	expect_csv(awkward, "\"Sore, then \"\"better\"\"\r\nnext line\ttab "
	    "\xc3\xa9 \xf0\x9f\x99\x82\"");
}

static void
test_csv_write_error(void **state)
{
	FILE *f = fopen("/dev/full", "w");

	(void)state;
	if (f == NULL)
		skip();
	setvbuf(f, NULL, _IONBF, 0);
	assert_int_equal(csv_write_field(f, "plain"), -1);
	assert_int_equal(csv_write_field(f, "a,b"), -1);
	fclose(f);
}

static struct store *
open_store(void)
{
	char *err = NULL;
	struct store *st = store_open(path, &err);

	if (st == NULL)
		fail_msg("%s", err);
	return st;
}

static void
record_check(struct store *st)
{
	static const char answers[] = "age=40\nweeks=2\n"
	    "mc_recent_surgery=yes\n"
	    "mc_recent_surgery.region=lower back, legs\n";
	struct screener_answers ans;
	struct screener_result res;
	unsigned char asked[SCREENER_MAX_ITEMS];
	struct diag d = DIAG_INIT;

	assert_int_equal(screener_parse_answers("test", answers,
	    strlen(answers), &ans, &d), 0);
	diag_free(&d);
	screener_evaluate(&ans, &res);
	memset(asked, 1, sizeof asked);
	assert_true(store_check_record(st, &(struct store_check){
	    T0 - 60, "full", "answers", &ans, asked, &res, NULL, 0 }) > 0);
}

/* One of everything a user records, through the store's own calls. */
static void
fill(struct store *st)
{
	struct store_step step = { 0, 0, "Long strokes", NULL, 1, 60, 60,
	    "done", awkward };
	int64_t id;

	record_check(st);
	assert_int_equal(store_lesson_set_place(st, "spine-anatomy", 12), 0);
	assert_int_equal(store_lesson_mark_read(st, "spine-anatomy"), 0);
	assert_int_equal(store_lesson_set_knew(st, "spine-anatomy", 2, 1), 0);
	id = store_session_begin(st, "swedish-basics", "Swedish, \"basics\"",
	    "plain", 300, T0);
	assert_true(id > 0);
	assert_int_equal(store_session_pain(st, id, 0, 5), 0);
	assert_int_equal(store_session_step(st, id, &step, T0 + 60), 0);
	step.pos = 1;
	step.side = "left";
	step.note = NULL;
	step.state = "skipped";
	assert_int_equal(store_session_step(st, id, &step, T0 + 61), 0);
	assert_int_equal(store_session_end(st, id, "partial", awkward,
	    T0 + 90), 0);
	/* A second session still running: ended_at and pain_after NULL. */
	assert_true(store_session_begin(st, "quick", NULL, "interactive", 60,
	    T0 + 3600) > 0);
}

static char *
export_of(struct store *st, const char *table, enum store_export_format fmt)
{
	FILE *f = tmpfile();

	assert_non_null(f);
	if (store_export_table(st, table, fmt, f) != 0)
		fail_msg("export %s: %s", table, store_error(st));
	return captured(f);
}

static void
expect_has(const char *text, const char *want)
{
	if (strstr(text, want) == NULL)
		fail_msg("export lacks [%s]:\n%s", want, text);
}

static void
test_csv_sessions(void **state)
{
	struct store *st;
	char *csv;

	(void)state;
	unlink(path);
	st = open_store();
	fill(st);
	csv = export_of(st, "sessions", STORE_EXPORT_CSV);
	/* Header, CRLF line ends, quoted fields, ISO times, NULL empty. */
	{
		static const char head[] = "id,routine_id,routine_title,mode,"
		    "started_at,ended_at,state,planned_s,pain_before,"
		    "pain_after,note,kind\r\n";

		assert_memory_equal(csv, head, sizeof head - 1);
	}
	expect_has(csv, "\r\n1,swedish-basics,\"Swedish, \"\"basics\"\"\","
	    "plain,2026-12-01T08:30:00Z,2026-12-01T08:31:30Z,partial,300,5,,"
	    "\"Sore, then \"\"better\"\"\r\nnext line\ttab \xc3\xa9 "
	    "\xf0\x9f\x99\x82\",massage\r\n");
	expect_has(csv, "\r\n2,quick,,interactive,2026-12-01T09:30:00Z,,"
	    "running,60,,,,massage\r\n");
	assert_int_equal(csv[strlen(csv) - 1], '\n');
	free(csv);

	csv = export_of(st, "steps", STORE_EXPORT_CSV);
	expect_has(csv, "id,session_id,pos,step_index,title,side,rep,"
	    "planned_s,done_s,state,note,at\r\n");
	expect_has(csv, "\xf0\x9f\x99\x82\",2026-12-01T08:31:00Z\r\n");
	expect_has(csv, ",left,1,60,60,skipped,,2026-12-01T08:31:01Z\r\n");
	free(csv);

	csv = export_of(st, "check_answers", STORE_EXPORT_CSV);
	expect_has(csv, "check_id,item,answer,detail\r\n");
	expect_has(csv, "1,mc_recent_surgery,yes,\"lower back, legs\"\r\n");
	free(csv);

	csv = export_of(st, "lesson_progress", STORE_EXPORT_CSV);
	expect_has(csv, "spine-anatomy,12,2026-12-01T08:30:00Z,"
	    "2026-12-01T08:30:00Z,,2026-12-01T08:30:00Z\r\n");
	free(csv);
	store_close(st);
}

static void
test_json_sessions(void **state)
{
	struct store *st;
	char *json;

	(void)state;
	unlink(path);
	st = open_store();
	fill(st);
	json = export_of(st, "sessions", STORE_EXPORT_JSON);
	assert_int_equal(json[0], '[');
	assert_int_equal(json[strlen(json) - 1], ']');
	expect_has(json, "\n{\"id\":1,\"routine_id\":\"swedish-basics\","
	    "\"routine_title\":\"Swedish, \\\"basics\\\"\",\"mode\":\"plain\","
	    "\"started_at\":\"2026-12-01T08:30:00Z\","
	    "\"ended_at\":\"2026-12-01T08:31:30Z\",\"state\":\"partial\","
	    "\"planned_s\":300,\"pain_before\":5,\"pain_after\":null,"
	    "\"note\":\"Sore, then \\\"better\\\"\\r\\nnext line\\ttab "
	    "\xc3\xa9 \xf0\x9f\x99\x82\",\"kind\":\"massage\"},\n");
	expect_has(json, "\"ended_at\":null");
	free(json);

	json = export_of(st, "checks", STORE_EXPORT_JSON);
	expect_has(json, "\"at\":\"2026-12-01T08:29:00Z\"");
	expect_has(json, "\"verdict\":\"NONE\"");
	free(json);
	json = export_of(st, "check_actions", STORE_EXPORT_JSON);
	expect_has(json, "\"action\":\"AVOID-AREA\"");
	expect_has(json, "\"region\":\"lower back, legs\"");
	free(json);
	json = export_of(st, "plans", STORE_EXPORT_JSON);
	assert_string_equal(json, "[]");
	free(json);
	store_close(st);
}

/* Every table exports in both formats, even empty. */
static void
test_every_table(void **state)
{
	struct store *st;
	char *out;
	size_t i;

	(void)state;
	unlink(path);
	st = open_store();
	for (i = 0; store_export_tables[i] != NULL; i++) {
		assert_string_not_equal(store_export_tables[i], "meta");
		out = export_of(st, store_export_tables[i], STORE_EXPORT_JSON);
		assert_string_equal(out, "[]");
		free(out);
		out = export_of(st, store_export_tables[i], STORE_EXPORT_CSV);
		/* Only the header, with several columns. */
		assert_non_null(strchr(out, ','));
		assert_non_null(strstr(out, "\r\n"));
		assert_ptr_equal(strstr(out, "\r\n") + 2, out + strlen(out));
		free(out);
	}
	assert_true(i >= 11);
	store_close(st);
}

/* A table added to the schema is added to the export, or this fails. */
static void
test_tables_cover_schema(void **state)
{
	struct store *st;
	sqlite3 *db;
	sqlite3_stmt *s;
	size_t i, n = 0;
	int found;
	const char *name;

	(void)state;
	unlink(path);
	st = open_store();
	store_close(st);
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT name FROM "
	    "sqlite_master WHERE type = 'table' AND name <> 'meta'", -1, &s,
	    NULL), SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(s, 0);
		for (found = 0, i = 0; store_export_tables[i] != NULL; i++)
			found |= strcmp(store_export_tables[i], name) == 0;
		if (!found)
			fail_msg("table %s is not exported", name);
		n++;
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
	for (i = 0; store_export_tables[i] != NULL; i++)
		;
	assert_int_equal(i, n);
}

static void
test_unknown_table(void **state)
{
	struct store *st;
	FILE *f = tmpfile();

	(void)state;
	unlink(path);
	st = open_store();
	assert_int_equal(store_export_table(st, "meta", STORE_EXPORT_CSV, f),
	    -1);
	assert_non_null(strstr(store_error(st), "meta"));
	assert_int_equal(store_export_table(st, "sessions; DROP TABLE steps",
	    STORE_EXPORT_JSON, f), -1);
	assert_int_equal(ftell(f), 0);
	fclose(f);
	store_close(st);
}

static void
test_write_error(void **state)
{
	struct store *st;
	FILE *f = fopen("/dev/full", "w");

	(void)state;
	if (f == NULL)
		skip();
	unlink(path);
	st = open_store();
	fill(st);
	errno = 0;
	assert_int_equal(store_export_table(st, "sessions", STORE_EXPORT_CSV,
	    f), -1);
	assert_true(ferror(f));
	assert_int_equal(errno, ENOSPC);
	assert_non_null(strstr(store_error(st), "writing the export"));
	clearerr(f);
	assert_int_equal(store_export_table(st, "steps", STORE_EXPORT_JSON,
	    f), -1);
	assert_true(ferror(f));
	fclose(f);
	store_close(st);
}

/* A snapshot holds across tables while another handle records. */
static void
test_snapshot(void **state)
{
	struct store *st, *other;
	char *out;

	(void)state;
	unlink(path);
	st = open_store();
	other = open_store();
	fill(st);
	assert_int_equal(store_export_begin(st), 0);
	out = export_of(st, "sessions", STORE_EXPORT_CSV);
	free(out);
	assert_true(store_session_begin(other, "late", NULL, "plain", 60,
	    T0 + 7200) > 0);
	out = export_of(st, "sessions", STORE_EXPORT_CSV);
	assert_null(strstr(out, "late"));
	free(out);
	store_export_end(st);
	out = export_of(st, "sessions", STORE_EXPORT_CSV);
	expect_has(out, "late");
	free(out);
	store_close(other);
	store_close(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_fields),
		cmocka_unit_test(test_csv_write_error),
		cmocka_unit_test(test_csv_sessions),
		cmocka_unit_test(test_json_sessions),
		cmocka_unit_test(test_every_table),
		cmocka_unit_test(test_tables_cover_schema),
		cmocka_unit_test(test_unknown_table),
		cmocka_unit_test(test_write_error),
		cmocka_unit_test(test_snapshot),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
