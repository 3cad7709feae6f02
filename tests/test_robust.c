/* Unit tests for issue 12: exports safe for spreadsheets and terminals,
 * text that is not UTF-8 found by line, bounded reads of regular files
 * only, process owners, the session lease and unique steps of schema 4,
 * and the lesson screen's layout in linear time. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmark.h>
#include <locale.h>
#include <sqlite3.h>
#include <time.h>

#include "csv.h"
#include "diag.h"
#include "layout.h"
#include "owner.h"
#include "store.h"
#include "text.h"
#include "util.h"
#include "unit.h"

static char root[64];
static char *path;

static int
setup(void **state)
{
	(void)state;
	unit_dir_make(root, sizeof root, "robust");
	path = xasprintf("%s/progress.db", root);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	unit_dir_remove(root);
	free(path);
	return 0;
}

/* ---- exports ------------------------------------------------------------ */

/* What csv_write_text() writes for s. */
static char *
csv_text(const char *s)
{
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);

	assert_non_null(f);
	assert_int_equal(csv_write_text(f, s), 0);
	fclose(f);
	return out;
}

static void
test_csv_defused(void **state)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "=HYPERLINK(\"http://x/\",\"y\")",
		    "\"'=HYPERLINK(\"\"http://x/\"\",\"\"y\"\")\"" },
		{ "=1+2", "'=1+2" },
		{ "+1", "'+1" },
		{ "-1", "'-1" },
		{ "@SUM(A1)", "'@SUM(A1)" },
		{ "\t=1", "'\t=1" },
		{ "\r=1", "\"'\r=1\"" },
		{ "a=b", "a=b" },
		{ "plain", "plain" },
		{ "", "" },
		/* ESC ] 52 (a clipboard write) and BEL as control pictures. */
		{ "\x1b]52;c;eA==\x07", "\xe2\x90\x9b]52;c;eA==\xe2\x90\x87" },
		{ "del \x7f", "del \xe2\x90\xa1" },
		/* A C1 CSI and a byte that is not UTF-8: U+FFFD. */
		{ "c1 \xc2\x9b" "31m", "c1 \xef\xbf\xbd" "31m" },
		{ "Sl\xe9w", "Sl\xef\xbf\xbdw" },
		/* Tab, CR and LF inside a cell are kept (CR and LF quoted). */
		{ "a\tb", "a\tb" },
		{ "a\r\nb", "\"a\r\nb\"" },
		{ "caf\xc3\xa9 \xf0\x9f\x99\x82", "caf\xc3\xa9 \xf0\x9f\x99\x82" },
		/* Bidirectional controls (U+202E, U+2066, U+200F) as U+FFFD. */
		{ "pain \xe2\x80\xae" "21", "pain \xef\xbf\xbd" "21" },
		{ "a\xe2\x81\xa6" "b\xe2\x80\x8f", "a\xef\xbf\xbd" "b\xef\xbf\xbd" },
	};
	size_t i;
	char *got;

	(void)state;
	for (i = 0; i < BC_ARRAY_LEN(cases); i++) {
		got = csv_text(cases[i].in);
		assert_string_equal(got, cases[i].out);
		free(got);
	}
	got = csv_text(NULL);
	assert_string_equal(got, "");
	free(got);
}

static void
test_json_safe(void **state)
{
	char *s;

	(void)state;
	s = csv_json_safe("{\"a\":\"x\x7fy\xc2\x9bz\xffw \xc3\xa9 \\u001b\"}");
	assert_string_equal(s,
	    "{\"a\":\"x\\u007fy\\u009bz\\ufffdw \xc3\xa9 \\u001b\"}");
	free(s);
	/* Bidirectional controls are escaped: the same text, none raw. */
	s = csv_json_safe("{\"a\":\"1\xe2\x80\xae" "2\xe2\x81\xa9\"}");
	assert_string_equal(s, "{\"a\":\"1\\u202e2\\u2069\"}");
	free(s);
	s = csv_json_safe("");
	assert_string_equal(s, "");
	free(s);
}

/* ---- UTF-8 ------------------------------------------------------------- */

static void
test_utf8_invalid_at(void **state)
{
	char *s;

	(void)state;
	assert_int_equal(text_utf8_invalid_at("abc", 3), 3);
	assert_int_equal(text_utf8_invalid_at("caf\xc3\xa9", 5), 5);
	assert_int_equal(text_utf8_invalid_at("caf\xe9!", 5), 3);
	assert_int_equal(text_utf8_invalid_at("a\0b", 3), 1);
	/* Overlong, surrogate, cut short. */
	assert_int_equal(text_utf8_invalid_at("x\xc0\xaf", 3), 1);
	assert_int_equal(text_utf8_invalid_at("x\xed\xa0\x80", 4), 1);
	assert_int_equal(text_utf8_invalid_at("x\xe2\x82", 3), 1);
	s = text_utf8_repair("a\xff\xc3\xa9\xe2\x82");
	assert_string_equal(s, "a\xef\xbf\xbd\xc3\xa9\xef\xbf\xbd\xef\xbf\xbd");
	free(s);
	s = text_utf8_repair("fine");
	assert_string_equal(s, "fine");
	free(s);
}

static void
test_diag_utf8(void **state)
{
	struct diag d = DIAG_INIT;
	static const char text[] = "# Title\n\nline \xc3\xa9 \xff here\n";

	(void)state;
	assert_int_equal(diag_check_utf8(&d, "f.md", "ok\n", 3), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(diag_check_utf8(&d, "f.md", text, sizeof text - 1),
	    -1);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.items[0].line, 3);
	assert_non_null(strstr(d.items[0].msg, "byte 0xFF at column 8"));
	assert_int_equal(diag_check_utf8(&d, "g.md", "a\n\0", 3), -1);
	assert_int_equal(d.items[1].line, 2);
	assert_non_null(strstr(d.items[1].msg, "NUL"));
	diag_free(&d);
}

/* ---- bounded reads ------------------------------------------------------ */

static void
test_read_limits(void **state)
{
	char *file = xasprintf("%s/f", root), *fifo = xasprintf("%s/p", root);
	char *why = NULL, *text;
	size_t len = 0;
	FILE *f;

	(void)state;
	f = fopen(file, "w");
	assert_non_null(f);
	fputs("12345678", f);
	fclose(f);
	text = util_read_file_max(file, 8, &len, &why);
	assert_non_null(text);
	assert_int_equal(len, 8);
	free(text);
	assert_null(util_read_file_max(file, 7, &len, &why));
	assert_string_equal(why, "too large (8 bytes; the limit is 7 bytes)");
	free(why);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	/* Refused at once: no writer is needed for it to return. */
	assert_null(util_read_file_max(fifo, 8, &len, &why));
	assert_string_equal(why, "is a FIFO (a named pipe), not a file");
	free(why);
	assert_null(util_read_file_max("/dev/zero", 8, &len, &why));
	assert_string_equal(why, "is a device, not a file");
	free(why);
	assert_null(util_read_file_max(root, 8, &len, &why));
	assert_string_equal(why, "is a folder, not a file");
	free(why);
	assert_null(util_read_file_max("/nonexistent/x", 8, &len, &why));
	assert_string_equal(util_read_doing(why, "cannot read: "),
	    "cannot read: ");
	free(why);
	assert_null(util_read_file(fifo, &len));
	assert_int_equal(errno, EINVAL);
	/* A file with more in it than fstat() says (a /proc file says 0
	 * bytes) is read to its end, and its limit still holds. */
	text = util_read_file_max("/proc/self/status", 65536, &len, &why);
	assert_non_null(text);
	assert_true(len > 100);
	assert_int_equal(strlen(text), len);
	assert_int_equal(strncmp(text, "Name:", 5), 0);
	assert_non_null(strstr(text, "\nPid:"));
	free(text);
	assert_null(util_read_file_max("/proc/self/status", 1, &len, &why));
	assert_string_equal(why, "too large (more than 1 bytes; the limit is "
	    "1 bytes)");
	free(why);
	free(file);
	free(fifo);
}

/* ---- process owners ---------------------------------------------------- */

static void
test_owner(void **state)
{
	struct owner me, o;
	pid_t child;

	(void)state;
	owner_self(&me);
	assert_int_equal(me.pid, (long)getpid());
	assert_true(owner_alive(&me));
	assert_true(owner_is_self(&me));
	/* Another start time: the pid was reused by a later process. */
	o = me;
	o.start = me.start + 1;
	if (me.start != 0)
		assert_false(owner_alive(&o));
	/* Another boot: the machine restarted. */
	o = me;
	snprintf(o.boot, sizeof o.boot, "not-this-boot");
	if (me.boot[0] != '\0')
		assert_false(owner_alive(&o));
	/* A process that has ended. */
	child = fork();
	assert_true(child >= 0);
	if (child == 0)
		_exit(0);
	assert_int_equal(waitpid(child, NULL, 0), child);
	o = me;
	o.pid = child;
	assert_false(owner_alive(&o));
	o.pid = 0;
	assert_false(owner_alive(&o));
}

/* ---- the session lease and unique steps (schema 4) ---------------------- */

static struct store *
open_store(void)
{
	char *err = NULL;
	struct store *st = store_open(path, &err);

	if (st == NULL)
		fail_msg("store_open: %s", err);
	return st;
}

static void
raw_sql(const char *sql)
{
	sqlite3 *db;
	char *msg = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
	sqlite3_close(db);
}

static int
raw_int(const char *sql)
{
	return (int)unit_raw_int(path, sql);
}

static int
add_step(struct store *st, int64_t session, int pos)
{
	struct store_step step;

	memset(&step, 0, sizeof step);
	step.pos = pos;
	step.title = "Glide";
	step.rep = 1;
	step.planned_s = 10;
	step.done_s = 10;
	step.state = "done";
	return store_session_step(st, session, &step, 1000 + pos);
}

static void
test_unique_steps(void **state)
{
	struct store *st = open_store();
	int64_t id;
	long done;
	struct store_step skip;

	(void)state;
	id = store_session_begin(st, "r", "R", "plain", 20, 1000);
	assert_true(id > 0);
	assert_int_equal(add_step(st, id, 0), 0);
	assert_int_equal(add_step(st, id, 1), 0);
	/* The owner doing a step again ("p") updates its row, quietly. */
	assert_int_equal(add_step(st, id, 1), 0);
	assert_int_equal(store_session_done_seconds(st, id, &done), 0);
	assert_int_equal(done, 20);
	/* Going back and skipping it with n does not undo it. */
	memset(&skip, 0, sizeof skip);
	skip.pos = 1;
	skip.title = "Glide";
	skip.rep = 1;
	skip.planned_s = 10;
	skip.state = "skipped";
	assert_int_equal(store_session_step(st, id, &skip, 1100), 0);
	assert_int_equal(store_session_done_seconds(st, id, &done), 0);
	assert_int_equal(done, 20);
	/* Safety-skipped steps all sit at position -1. */
	assert_int_equal(add_step(st, id, -1), 0);
	assert_int_equal(add_step(st, id, -1), 0);
	/* A typed note that is not UTF-8 still ends the session. */
	assert_int_equal(store_session_end(st, id, "partial", "caf\xe9", 2000),
	    0);
	store_close(st);
	assert_int_equal(raw_int("SELECT note = 'caf' || char(65533) FROM "
	    "sessions"), 1);
	/* Another owner's step is refused. */
	raw_sql("UPDATE sessions SET state = 'running', owner_pid = 1, "
	    "owner_start = 1");
	st = open_store();
	assert_int_equal(add_step(st, id, 2), -1);
	assert_non_null(strstr(store_error(st), "taken over"));
	store_close(st);
	assert_int_equal(raw_int("SELECT count(*) FROM steps"), 4);
}

static void
test_migration_4(void **state)
{
	struct store *st = open_store();
	int64_t id;

	(void)state;
	id = store_session_begin(st, "r", "R", "plain", 20, 1000);
	assert_int_equal(add_step(st, id, 0), 0);
	assert_int_equal(add_step(st, id, 1), 0);
	store_close(st);
	/* Back to schema 3, with the duplicates two processes left. */
	raw_sql("DROP TRIGGER steps_done_insert; "
	    "DROP TRIGGER steps_done_delete; DROP TRIGGER steps_done_update; DROP TRIGGER steps_done_session; "
	    "DROP INDEX check_answers_unsure; "
	    "ALTER TABLE sessions DROP COLUMN steps_done_s; "
	    "DROP TABLE step_pain; DROP TABLE pain_events; "
	    "DROP TABLE psfs_scores; DROP TABLE psfs_sets; "
	    "DROP TABLE psfs_activities; DROP TABLE outlook_answers; "
	    "DROP TABLE outlook_sets; ALTER TABLE sessions DROP COLUMN kind; "
	    "DROP INDEX steps_pos; "
	    "ALTER TABLE sessions DROP COLUMN owner_pid; "
	    "ALTER TABLE sessions DROP COLUMN owner_start; "
	    "ALTER TABLE sessions DROP COLUMN owner_boot; "
	    "INSERT INTO steps (session_id, pos, step_index, planned_s, done_s,"
	    " state, at) VALUES (1, 0, 0, 10, 10, 'done', 5), "
	    "(1, 1, 1, 10, 10, 'done', 6), (1, -1, 2, 10, 0, 'skipped', 7), "
	    "(1, -1, 3, 10, 0, 'skipped', 8); "
	    "PRAGMA user_version = 3;");
	assert_int_equal(raw_int("SELECT count(*) FROM steps"), 6);
	st = open_store();
	assert_int_equal(store_schema_version(st), STORE_SCHEMA_VERSION);
	store_close(st);
	/* The first row of each position is kept; skipped ones all stay. */
	assert_int_equal(raw_int("SELECT count(*) FROM steps"), 4);
	assert_int_equal(raw_int("SELECT max(at) FROM steps WHERE pos >= 0"),
	    1001);
	assert_int_equal(raw_int("SELECT count(*) FROM sqlite_master "
	    "WHERE name = 'steps_pos'"), 1);
}

static void
test_lease(void **state)
{
	struct store *st = open_store();
	int64_t id, got;
	char *routine = NULL, *sql;
	long pid = 0;
	int pos = -1;
	pid_t child;
	struct owner me;

	(void)state;
	id = store_session_begin(st, "r", "R", "plain", 20, 1000);
	assert_int_equal(add_step(st, id, 0), 0);
	/* This process owns it: not offered for resuming, not "live". */
	assert_int_equal(store_session_unfinished(st, &got, &routine, &pos),
	    0);
	assert_int_equal(store_session_live(st, "r", &got, &pid), 0);
	/* A live process owns it. */
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		pause();
		_exit(0);
	}
	/* Its start time unknown (0): the pid alone decides. */
	owner_self(&me);
	sql = xasprintf("UPDATE sessions SET owner_pid = %ld, owner_start = 0, "
	    "owner_boot = '%s'", (long)child, me.boot);
	raw_sql(sql);
	free(sql);
	assert_int_equal(store_session_unfinished(st, &got, &routine, &pos),
	    0);
	assert_int_equal(store_session_live(st, "r", &got, &pid), 1);
	assert_int_equal(got, id);
	assert_int_equal(pid, (long)child);
	assert_int_equal(store_session_claim(st, id, &pid), 1);
	assert_int_equal(add_step(st, id, 1), -1);
	/* n to a stale "Resume?" leaves the live copy's session alone. */
	pid = 0;
	assert_int_equal(store_session_close_abandoned(st, id, 1500, &pid),
	    1);
	assert_int_equal(pid, (long)child);
	assert_int_equal(raw_int("SELECT state = 'running' AND ended_at IS "
	    "NULL FROM sessions"), 1);
	/* The owner dies: the session is offered, and can be claimed. */
	kill(child, SIGKILL);
	assert_int_equal(waitpid(child, NULL, 0), child);
	assert_int_equal(store_session_live(st, "r", &got, &pid), 0);
	assert_int_equal(store_session_unfinished(st, &got, &routine, &pos),
	    1);
	assert_int_equal(got, id);
	assert_string_equal(routine, "r");
	assert_int_equal(pos, 1);
	free(routine);
	assert_int_equal(store_session_claim(st, id, &pid), 0);
	assert_int_equal(add_step(st, id, 1), 0);
	assert_int_equal(store_session_end(st, id, "completed", NULL, 2000),
	    0);
	assert_int_equal(store_session_claim(st, id, &pid), -1);
	/* A session that has ended already: nothing to close. */
	assert_int_equal(store_session_close_abandoned(st, id, 2100, &pid),
	    0);
	assert_int_equal(raw_int("SELECT state = 'completed' FROM sessions"),
	    1);
	/* An abandoned one is closed as partial. */
	id = store_session_begin(st, "r", "R", "plain", 20, 3000);
	raw_sql("UPDATE sessions SET owner_pid = 0 WHERE state = 'running'");
	assert_int_equal(store_session_close_abandoned(st, id, 3100, &pid),
	    0);
	assert_int_equal(raw_int("SELECT count(*) FROM sessions WHERE "
	    "state = 'partial' AND ended_at = 3100"), 1);
	store_close(st);
}

/* ---- reading only -------------------------------------------------------- */

static void
test_read_only(void **state)
{
	char *err = NULL, *found = NULL, *deep = xasprintf("%s/a/b/p.db", root);
	struct store *st;
	struct stat sb;

	(void)state;
	st = store_open_read(deep, &err);
	assert_non_null(st);
	assert_true(store_is_absent(st));
	assert_true(store_is_readonly(st));
	assert_int_equal(store_session_begin(st, "r", "R", "plain", 1, 1), -1);
	store_close(st);
	assert_int_equal(stat(deep, &sb), -1);
	free(deep);
	deep = xasprintf("%s/a", root);
	assert_int_equal(stat(deep, &sb), -1);
	free(deep);
	/* An existing file: read, verified, never written. */
	store_close(open_store());
	st = store_open_read(path, &err);
	assert_non_null(st);
	assert_false(store_is_absent(st));
	assert_int_equal(store_verify(st, 1, &found), 0);
	assert_null(found);
	assert_int_equal(store_meta_set(st, "k", "v"), -1);
	store_close(st);
}

/* ---- every layout path in linear time -------------------------------- */

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* s repeated n times, then tail (caller frees). */
static char *
repeat(const char *s, size_t n, const char *tail)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < n; i++)
		buf_adds(&b, s);
	buf_adds(&b, tail);
	return buf_detach(&b);
}

/* The best of three times of parsing text and laying it out (ours 1) or
 * rendering it as HTML with cmark (ours 0), in milliseconds. */
static double
time_layout(const char *text, int ours, int width)
{
	double best = 1e9, t;
	cmark_node *doc;
	struct layout *l;
	char *html;
	int i;

	for (i = 0; i < 3; i++) {
		t = now_ms();
		doc = cmark_parse_document(text, strlen(text),
		    CMARK_OPT_DEFAULT);
		if (ours) {
			l = layout_build(doc, width, 0);
			assert_non_null(l);
			layout_free(l);
		} else {
			html = cmark_render_html(doc, CMARK_OPT_DEFAULT);
			free(html);
		}
		cmark_node_free(doc);
		t = now_ms() - t;
		if (t < best)
			best = t;
	}
	return best;
}

/*
 * The lesson screen's path (layout_build on the whole document, kept in
 * memory) within 10 times cmark's HTML renderer on the same hostile
 * input, plus 5 ms: a quadratic path takes seconds on each of these.
 * (The whole-process bound of 3 times cmark -t html is
 * tests/pathological.sh's; in process, a long word of non-ASCII letters
 * measured for bidi controls runs about 7 times cmark, still linear.)
 */
static void
test_layout_linear(void **state)
{
	static const struct { const char *unit; size_t n; const char *tail; }
	    cases[] = {
		{ "- ", 100000, "x\n" },        /* nested list markers */
		{ "1. ", 60000, "x\n" },        /* nested ordered items */
		{ "> ", 50000, "a\n" },         /* nested quotes */
		{ "[", 100000, "\n" },          /* link openers */
		{ "[a](b", 100000, "\n" },      /* unclosed links */
		{ "*a **a ", 30000, "b\n" },    /* emphasis openers */
		{ "a", 800000, "\n" },          /* one long word */
		{ "\xc3\xa9", 300000, "\x01\n" },  /* long word, then a control */
		{ "ab ", 300000, "\n" },        /* many short words */
		{ "a\x1b[2J ", 100000, "\n" },  /* escapes */
	};
	size_t i;
	char *text;
	double ref, ours = 0;
	int w, slow;
	const char *vg = getenv("BC_VALGRIND");

	(void)state;
	/* Under valgrind (make check-valgrind) times mean nothing. */
	if (vg != NULL && *vg != '\0')
		skip();
	setlocale(LC_ALL, "C.UTF-8");
	for (i = 0; i < BC_ARRAY_LEN(cases); i++) {
		text = repeat(cases[i].unit, cases[i].n, cases[i].tail);
		ref = time_layout(text, 0, 80);
		slow = 0;
		for (w = 20; w <= 80 && !slow; w += 60) {
			ours = time_layout(text, 1, w);
			slow = ours > 10 * ref + 5;
		}
		free(text);
		/* Failed after the text is freed: fail_msg() does not return. */
		if (slow)
			fail_msg("case %zu at width %d: %.1f ms, cmark %.1f ms", i,
			    w - 60, ours, ref);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_defused),
		cmocka_unit_test(test_json_safe),
		cmocka_unit_test(test_utf8_invalid_at),
		cmocka_unit_test(test_diag_utf8),
		cmocka_unit_test_setup_teardown(test_read_limits, setup,
		    teardown),
		cmocka_unit_test(test_owner),
		cmocka_unit_test_setup_teardown(test_unique_steps, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_migration_4, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_lease, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_only, setup,
		    teardown),
		cmocka_unit_test(test_layout_linear),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
