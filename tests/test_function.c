/* Unit tests of psfs.c, outlook.c and painmon.c (movement.md sections 4,
 * 6 and 7), and of their store (schema 5, migrated from a schema 3 file). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "clock.h"
#include "day.h"
#include "outlook.h"
#include "painmon.h"
#include "psfs.h"
#include "report.h"
#include "store.h"
#include "store_movement.h"
#include "util.h"
#include "unit.h"

static void
expect_psfs_problem(const struct psfs_history *h, const char *text,
    const char *want)
{
	struct diag d = DIAG_INIT;
	struct psfs_answers a;
	struct buf all = BUF_INIT;
	size_t i;

	assert_int_equal(psfs_answers_parse("a.txt", text, strlen(text), h, &a,
	    &d), -1);
	assert_int_equal(a.n, 0);
	for (i = 0; i < d.n; i++)
		buf_printf(&all, "a.txt:%d: %s\n", d.items[i].line,
		    d.items[i].msg);
	if (all.data == NULL || strstr(all.data, want) == NULL)
		fail_msg("wanted '%s' in:\n%s", want, all.data ? all.data : "");
	buf_free(&all);
	diag_free(&d);
}

/* A history of two activities, one retired, and ratings. */
static void
history(struct psfs_history *h)
{
	static struct psfs_score s1[] = { { 1, 2 }, { 2, 4 }, { 3, 6 } };
	static struct psfs_score s2[] = { { 1, 5 }, { 2, 5 } };

	memset(h, 0, sizeof *h);
	h->acts = xcalloc(3, sizeof *h->acts);
	h->acts[0] = (struct psfs_activity){ 1, xstrdup("Walking the dog"),
	    xstrdup("person"), 100, 0 };
	h->acts[1] = (struct psfs_activity){ 2, xstrdup("Lifting a child"),
	    xstrdup("plan"), 100, 0 };
	h->acts[2] = (struct psfs_activity){ 3, xstrdup("Gardening"),
	    xstrdup("person"), 100, 500 };
	h->n_acts = 3;
	h->sets = xcalloc(2, sizeof *h->sets);
	h->sets[0] = (struct psfs_set){ 1, 1000, xmalloc(sizeof s1), 3 };
	memcpy(h->sets[0].scores, s1, sizeof s1);
	h->sets[1] = (struct psfs_set){ 2, 1000 + 29 * 86400,
	    xmalloc(sizeof s2), 2 };
	memcpy(h->sets[1].scores, s2, sizeof s2);
	h->n_sets = 2;
}

static void
test_psfs_answers(void **state)
{
	struct psfs_history h;
	struct psfs_answers a;
	struct diag d = DIAG_INIT;
	const char good[] = "# this week\n\nwalking the dog = 7\n"
	    "Sitting through a film=3\nretire: Lifting a child\n";

	(void)state;
	history(&h);
	assert_int_equal(psfs_answers_parse("a.txt", good, strlen(good), &h,
	    &a, &d), 0);
	assert_int_equal(a.n, 3);
	assert_string_equal(a.a[0].text, "walking the dog");
	assert_int_equal(a.a[0].score, 7);
	assert_int_equal(a.a[1].line, 4);
	assert_true(a.a[2].retire);
	psfs_answers_free(&a);
	expect_psfs_problem(&h, "Walking the dog = 11\n", "a.txt:1: Walking "
	    "the dog: '11' is not a whole number from 0");
	expect_psfs_problem(&h, "\nWalking the dog: 5\n", "a.txt:2: "
	    "'Walking the dog: 5' should be 'ACTIVITY = N'");
	expect_psfs_problem(&h, "Walking = 5\nwalking = 6\n", "a.txt:2: "
	    "'walking' is given twice (first on line 1)");
	expect_psfs_problem(&h, " = 5\n", "a.txt:1: the activity has no name");
	expect_psfs_problem(&h, "retire: Swimming\nA = 1\n", "a.txt:1: "
	    "retire: no active activity 'Swimming'");
	expect_psfs_problem(&h, "Gardening = 4\n", "a.txt:1: 'Gardening' was "
	    "retired");
	expect_psfs_problem(&h, "# nothing\n", "a.txt:0: nothing is rated");
	expect_psfs_problem(&h, "A = 1\nB = 1\nC = 1\nD = 1\n",
	    "that makes 6 activities: rate at most 5");
	expect_psfs_problem(&h, "A\x01 = 1\n", "control character");
	psfs_history_free(&h);
}

static void
test_psfs_trend(void **state)
{
	struct psfs_history h;
	struct psfs_trend t;

	(void)state;
	history(&h);
	psfs_trend(&h, &t);
	/* On the activities rated in both: 3.0 -> 5.0. */
	assert_true(t.have);
	assert_true(t.baseline > 2.99 && t.baseline < 3.01);
	assert_true(t.latest > 4.99 && t.latest < 5.01);
	assert_int_equal(t.label, PSFS_MEANINGFUL);
	assert_true(t.have_four);
	/* One activity up 3 is meaningful on its own; a mean down 2 is not. */
	h.sets[1].scores[0].score = 2;
	h.sets[1].scores[1].score = 4;
	psfs_trend(&h, &t);
	assert_int_equal(t.label, PSFS_NOT_YET);
	h.sets[1].scores[0].score = 0;
	h.sets[1].scores[1].score = 2;
	psfs_trend(&h, &t);
	assert_int_equal(t.label, PSFS_WORSE);
	assert_non_null(strstr(psfs_label_text(t.label), "worsening"));
	/* Weekly: due 7 days after the last rating, not before. */
	assert_false(psfs_due(&h, h.sets[1].at + 6 * 86400));
	assert_true(psfs_due(&h, h.sets[1].at + 7 * 86400));
	h.n_sets = 1;
	psfs_trend(&h, &t);
	assert_int_equal(t.label, PSFS_NO_BASELINE);
	h.n_sets = 2;
	psfs_history_free(&h);
	memset(&h, 0, sizeof h);
	assert_true(psfs_due(&h, 0));
}

/* Items a (answered va) and b (vb) suggest only the lesson high. */
static void
expect_only_lesson(const char *a, int va, const char *b, int vb,
    const char *high)
{
	struct outlook_set s;
	char *h, *m;

	memset(&s, 0, sizeof s);
	memset(s.v, 0xff, sizeof s.v);
	s.v[outlook_index(a)] = va;
	s.v[outlook_index(b)] = vb;
	outlook_suggest(&s, &h, &m);
	assert_non_null(h);
	assert_string_equal(h, high);
	assert_null(m);
	free(h);
}

static void
test_outlook(void **state)
{
	struct outlook_set s;
	struct diag d = DIAG_INIT;
	const char good[] = "# items\nyf_harm_belief=8\nyf_mood = 5\n"
	    "yf_work=skip\nyf_catastrophising=9\nyf_passive=4\n";
	char *high, *some, *mood;

	(void)state;
	assert_int_equal(outlook_answers_parse("o", good, strlen(good), &s,
	    &d), 0);
	assert_int_equal(s.v[outlook_index("yf_harm_belief")], 8);
	assert_int_equal(s.v[outlook_index("yf_work")], -1);
	assert_int_equal(s.v[outlook_index("yf_sleep")], -1);
	outlook_suggest(&s, &high, &some);
	assert_string_equal(high, "why-backs-hurt, flare-up-plan");
	/* Low mood's lesson (why-backs-hurt) is high already. */
	assert_string_equal(some, "working-with-your-therapist");
	free(high);
	free(some);
	/* Mood and sleep point to the lesson that covers them, on stress
	 * and poor sleep (attack15 #10). */
	expect_only_lesson("yf_sleep", 9, "yf_mood", 6, "why-backs-hurt");
	expect_only_lesson("yf_mood", 8, "yf_work", -1, "why-backs-hurt");
	memset(s.v, 0xff, sizeof s.v);
	s.v[outlook_index("yf_harm_belief")] = 8;
	s.v[outlook_index("yf_mood")] = 5;
	s.v[outlook_index("yf_passive")] = 4;
	assert_null(outlook_mood_advice(&s, "112"));
	s.v[outlook_index("yf_mood")] = 7;
	mood = outlook_mood_advice(&s, "999");
	assert_non_null(strstr(mood, "call 999 now"));
	free(mood);
	/* Nothing answered high or middling: nothing suggested. */
	memset(s.v, 0xff, sizeof s.v);
	s.v[0] = 3;
	outlook_suggest(&s, &high, &some);
	assert_null(high);
	assert_null(some);
	s.at = 1000;
	assert_true(outlook_due(NULL, 0));
	assert_false(outlook_due(&s, 1000 + 27 * 86400));
	assert_true(outlook_due(&s, 1000 + 28 * 86400));
	assert_int_equal(outlook_answers_parse("o", "yf_mood=11\n", 11, &s,
	    &d), -1);
	assert_non_null(strstr(d.items[0].msg, "yf_mood: '11' is not a whole "
	    "number from 0 to 10 (or skip)"));
	diag_free(&d);
	assert_int_equal(outlook_answers_parse("o", "yf_x=1\n", 7, &s, &d), -1);
	assert_non_null(strstr(d.items[0].msg, "unknown item 'yf_x'"));
	diag_free(&d);
	assert_int_equal(outlook_answers_parse("o", "yf_mood=1\nyf_mood=2\n",
	    20, &s, &d), -1);
	assert_int_equal(d.items[0].line, 2);
	diag_free(&d);
	assert_int_equal(outlook_answers_parse("o", "yf_mood\n", 8, &s, &d),
	    -1);
	diag_free(&d);
}

static void
test_painmon(void **state)
{
	int pain, spread, numb;
	double mean[] = { 3, 4, 5.5, 4.5 };
	int have[] = { 1, 1, 1, 1 };
	int recent[] = { 2, 3, 3, 4, 9 };

	(void)state;
	assert_int_equal(painmon_classify(3, 0), PAINMON_OK);
	assert_int_equal(painmon_classify(4, 0), PAINMON_SOME);
	assert_int_equal(painmon_classify(5, 0), PAINMON_SOME);
	assert_int_equal(painmon_classify(6, 0), PAINMON_STOP);
	assert_int_equal(painmon_classify(1, 1), PAINMON_STOP);
	assert_int_equal(painmon_parse_answer("7", &pain, &spread, &numb), 0);
	assert_int_equal(pain, 7);
	assert_int_equal(painmon_parse_answer(" 3 s ", &pain, &spread, &numb),
	    0);
	assert_true(spread);
	assert_int_equal(painmon_parse_answer("s", &pain, &spread, &numb), 0);
	assert_int_equal(pain, -1);
	assert_int_equal(painmon_parse_answer("N", &pain, &spread, &numb), 0);
	assert_true(numb);
	assert_int_equal(painmon_parse_answer("11", &pain, &spread, &numb), -1);
	assert_int_equal(painmon_parse_answer("x", &pain, &spread, &numb), -1);
	assert_int_equal(painmon_parse_answer("3 x", &pain, &spread, &numb),
	    -1);
	assert_int_equal(painmon_parse_before("4", &pain, &spread, &numb), 0);
	assert_int_equal(pain, 4);
	assert_false(spread);
	assert_false(numb);
	assert_int_equal(painmon_parse_before(" 7 F ", &pain, &spread, &numb),
	    0);
	assert_int_equal(pain, 7);
	assert_true(spread);
	assert_int_equal(painmon_parse_before("f", &pain, &spread, &numb), 0);
	assert_int_equal(pain, -1);
	assert_int_equal(painmon_parse_before("", &pain, &spread, &numb), -1);
	assert_int_equal(painmon_parse_before("11", &pain, &spread, &numb),
	    -1);
	assert_int_equal(painmon_parse_before("3 s", &pain, &spread, &numb),
	    -1);
	/* P2 at any time: n before a session, alone or with the rest. */
	assert_int_equal(painmon_parse_before("n", &pain, &spread, &numb), 0);
	assert_int_equal(pain, -1);
	assert_true(numb);
	assert_false(spread);
	assert_int_equal(painmon_parse_before("3 N f", &pain, &spread, &numb),
	    0);
	assert_int_equal(pain, 3);
	assert_true(numb);
	assert_true(spread);
	assert_int_equal(painmon_parse_before("3 n n", &pain, &spread, &numb),
	    -1);
	/* attack19 F6: the letters in any order with the number. */
	assert_int_equal(painmon_parse_before("n3", &pain, &spread, &numb),
	    0);
	assert_int_equal(pain, 3);
	assert_true(numb);
	assert_int_equal(painmon_parse_answer("n 5", &pain, &spread, &numb),
	    0);
	assert_int_equal(pain, 5);
	assert_true(numb);
	assert_false(spread);
	assert_int_equal(painmon_parse_answer("s 7 n", &pain, &spread, &numb),
	    0);
	assert_int_equal(pain, 7);
	assert_true(numb && spread);
	assert_int_equal(painmon_parse_after("n 4", &pain, &numb), 0);
	assert_int_equal(pain, 4);
	assert_true(numb);
	assert_int_equal(painmon_parse_answer("3 n 4", &pain, &spread, &numb),
	    -1);
	/* A refused answer with an n in it says the n was not taken. */
	assert_int_equal(painmon_parse_after("3 s n", &pain, &numb), -1);
	assert_string_equal(painmon_refused("3 s n"), "Not taken, n included: ");
	assert_string_equal(painmon_refused("3 s"), "");
	/* ... and after it. */
	assert_int_equal(painmon_parse_after("5", &pain, &numb), 0);
	assert_int_equal(pain, 5);
	assert_false(numb);
	assert_int_equal(painmon_parse_after("5 n", &pain, &numb), 0);
	assert_int_equal(pain, 5);
	assert_true(numb);
	assert_int_equal(painmon_parse_after(" n ", &pain, &numb), 0);
	assert_int_equal(pain, -1);
	assert_true(numb);
	assert_int_equal(painmon_parse_after("5 f", &pain, &numb), -1);
	assert_int_equal(painmon_parse_after("5 s", &pain, &numb), -1);
	assert_int_equal(painmon_parse_after("12", &pain, &numb), -1);
	assert_int_equal(painmon_parse_after("", &pain, &numb), -1);
	/* A rating with both letters after a step. */
	assert_int_equal(painmon_parse_answer("3 n", &pain, &spread, &numb),
	    0);
	assert_int_equal(pain, 3);
	assert_true(numb);
	assert_false(spread);
	assert_int_equal(painmon_parse_answer("3s n", &pain, &spread, &numb),
	    0);
	assert_true(numb);
	assert_true(spread);
	assert_int_equal(painmon_parse_answer("3 f", &pain, &spread, &numb),
	    -1);
	assert_int_equal(painmon_parse_answer("1 0", &pain, &spread, &numb),
	    -1);
	assert_true(painmon_raised(3, 5));
	assert_false(painmon_raised(3, 4));
	assert_false(painmon_raised(-1, 9));
	assert_true(painmon_not_settled(1000, 3, 1000 + 12 * 3600, 5));
	assert_true(painmon_not_settled(1000, 3, 1000 + 36 * 3600, 5));
	assert_false(painmon_not_settled(1000, 3, 1000 + 11 * 3600, 5));
	assert_false(painmon_not_settled(1000, 3, 1000 + 37 * 3600, 5));
	assert_false(painmon_not_settled(1000, 3, 1000 + 20 * 3600, 4));
	assert_true(painmon_lighter(2));
	assert_false(painmon_lighter(1));
	assert_false(painmon_weekly_rising(mean, have, 4));
	mean[2] = 5;
	mean[3] = 6;
	assert_true(painmon_weekly_rising(mean, have, 4));
	have[2] = 0;
	assert_false(painmon_weekly_rising(mean, have, 4));
	/* Median 3: 6 is a flare, 5 is not. */
	assert_true(painmon_flare(6, recent, 5));
	assert_false(painmon_flare(5, recent, 5));
	assert_false(painmon_flare(9, recent, 0));
}

/* util_each_line: blank lines and comments left out, numbers kept. */
static int
collect(void *ctx, int line, char *s)
{
	struct buf *b = ctx;

	buf_printf(b, "%d:%s;", line, s);
	return strcmp(s, "stop") == 0;
}

static void
test_each_line(void **state)
{
	struct buf b = BUF_INIT;
	const char text[] = "  a = 1 \n\n# no\n\tb\nstop\nnever";

	(void)state;
	assert_int_equal(util_each_line(text, strlen(text), collect, &b), 1);
	assert_string_equal(b.data, "1:a = 1;4:b;5:stop;");
	buf_free(&b);
	assert_int_equal(util_each_line("", 0, collect, &b), 0);
	assert_null(b.data);
}

/* ---- the store ----------------------------------------------------------- */

static char root[64];
static char *path;
static struct clock_manual manual;

static int
setup(void **state)
{
	(void)state;
	unit_dir_make(root, sizeof root, "function");
	path = xasprintf("%s/progress.db", root);
	manual.mono_ms = 0;
	manual.wall_s = 1800000000;
	clock_use_manual(&manual);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	unit_dir_remove(root);
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

static void
raw_sql(const char *sql)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	sqlite3_close(db);
}

/* A schema 3 file (as main had it) with a session opens, upgrades to 5
 * and keeps the session, now of kind massage. */
static void
test_migration_5(void **state)
{
	struct store *st = open_store();
	struct movement_data md;
	struct report_data rd;
	int64_t id;

	(void)state;
	id = store_session_begin(st, "swedish-basics", "S", "plain", 600,
	    manual.wall_s);
	assert_int_equal(store_session_end(st, id, "completed", NULL,
	    manual.wall_s + 600), 0);
	store_close(st);
	raw_sql("DROP TRIGGER steps_done_insert; "
	    "DROP TRIGGER steps_done_delete; DROP TRIGGER steps_done_update; DROP TRIGGER steps_done_session; "
	    "DROP INDEX check_answers_unsure; "
	    "ALTER TABLE sessions DROP COLUMN steps_done_s; "
	    "DROP TABLE step_pain; DROP TABLE pain_events; "
	    "DROP TABLE psfs_scores; DROP TABLE psfs_sets; "
	    "DROP TABLE psfs_activities; DROP TABLE outlook_answers; "
	    "DROP TABLE outlook_sets; ALTER TABLE sessions DROP COLUMN kind; "
	    "PRAGMA user_version = 4;");
	st = open_store();
	assert_int_equal(store_schema_version(st), STORE_SCHEMA_VERSION);
	assert_int_equal(store_movement_load(st, 0, INT64_MAX, &md), 0);
	assert_int_equal(md.massage_sessions, 1);
	assert_int_equal(md.exercise_sessions, 0);
	movement_data_free(&md);
	id = store_session_begin(st, "core-basics", "C", "plain", 720,
	    manual.wall_s + 700);
	assert_int_equal(store_session_kind(st, id, "exercise"), 0);
	assert_int_equal(store_step_pain(st, id, 1, "Bridge", 7, 0, "stopped",
	    manual.wall_s + 800), 0);
	assert_int_equal(store_pain_event(st, id, "core-basics", "raised",
	    manual.wall_s + 900), 0);
	assert_int_equal(store_session_end(st, id, "completed", NULL,
	    manual.wall_s + 1400), 0);
	assert_int_equal(store_movement_load(st, 0, INT64_MAX, &md), 0);
	assert_int_equal(md.exercise_sessions, 1);
	assert_int_equal(md.steps_stopped, 1);
	assert_int_equal(md.n_events, 1);
	assert_string_equal(md.events[0].event, "raised");
	movement_data_free(&md);
	/* The report's sessions carry the same kinds, so `report` counts
	 * them there (store_movement_load_counted) instead of reading again;
	 * a running one counts as neither. */
	id = store_session_begin(st, "core-basics", "C", "plain", 720,
	    manual.wall_s + 1500);
	assert_int_equal(store_session_kind(st, id, "exercise"), 0);
	assert_int_equal(store_report_load(st, 0, INT64_MAX, 0, &rd), 0);
	assert_int_equal(rd.n_sessions, 3);
	assert_int_equal(rd.sessions[0].completed_kind, REPORT_KIND_MASSAGE);
	assert_int_equal(rd.sessions[1].completed_kind, REPORT_KIND_EXERCISE);
	assert_int_equal(rd.sessions[2].completed_kind, 0);
	report_data_free(&rd);
	/* Kinds the CHECKs would refuse (a hand-edited file) count as SQL
	 * compares them: a blob 'massage' or a 'massage ' is neither. */
	raw_sql("PRAGMA ignore_check_constraints = 1; UPDATE sessions SET "
	    "kind = CAST('massage' AS BLOB) WHERE id = 1; UPDATE sessions "
	    "SET kind = 'exercise ' WHERE id = 2;");
	assert_int_equal(store_movement_load(st, 0, INT64_MAX, &md), 0);
	assert_int_equal(md.massage_sessions, 0);
	assert_int_equal(md.exercise_sessions, 0);
	movement_data_free(&md);
	assert_int_equal(store_report_load(st, 0, INT64_MAX, 0, &rd), 0);
	assert_int_equal(rd.sessions[0].completed_kind, 0);
	assert_int_equal(rd.sessions[1].completed_kind, 0);
	report_data_free(&rd);
	assert_int_equal(store_movement_load_counted(st, 0, INT64_MAX, 5, 6,
	    &md), 0);
	assert_int_equal(md.massage_sessions, 5);
	assert_int_equal(md.exercise_sessions, 6);
	assert_int_equal(md.steps_rated, 1);
	assert_int_equal(md.steps_stopped, 1);
	assert_int_equal(md.n_events, 1);
	movement_data_free(&md);
	/* The CHECKs hold: an unknown event is refused. */
	assert_int_equal(store_pain_event(st, id, "core-basics", "fine", 1), -1);
	store_close(st);
}

static void
test_store_psfs_outlook(void **state)
{
	struct store *st = open_store();
	struct psfs_history h;
	struct psfs_answers a;
	struct diag d = DIAG_INIT;
	struct outlook_set o, *sets;
	size_t n;
	const char first[] = "Walking the dog = 3\nCarrying bags = 4\n";
	const char later[] = "walking the dog = 7\nretire: Carrying bags\n";
	char due[11];

	(void)state;
	assert_int_equal(store_psfs_add(st, "Carrying bags", "plan", 5), 0);
	assert_int_equal(store_psfs_add(st, "carrying BAGS", "plan", 6), 0);
	assert_int_equal(store_psfs_load(st, &h), 0);
	assert_int_equal(h.n_acts, 1);
	assert_string_equal(h.acts[0].source, "plan");
	assert_int_equal(psfs_answers_parse("f", first, strlen(first), &h, &a,
	    &d), 0);
	assert_int_equal(store_psfs_record(st, &a, 1000), 0);
	psfs_answers_free(&a);
	psfs_history_free(&h);
	assert_int_equal(store_psfs_load(st, &h), 0);
	assert_int_equal(h.n_acts, 2);
	assert_int_equal(psfs_answers_parse("f", later, strlen(later), &h, &a,
	    &d), 0);
	/* A rating within the week, as from a second copy that read the
	 * history before the first saved: refused inside the transaction. */
	assert_int_equal(store_psfs_record(st, &a, 1000 + 7 * 86400 - 1),
	    -1);
	assert_non_null(strstr(store_error(st), "less than a week ago"));
	day_format(day_of_time(1000 + 7 * 86400), due);
	assert_non_null(strstr(store_error(st), due));
	assert_int_equal(store_psfs_record(st, &a, 1000 + 7 * 86400), 0);
	psfs_answers_free(&a);
	psfs_history_free(&h);
	assert_int_equal(store_psfs_load(st, &h), 0);
	assert_int_equal(h.n_sets, 2);
	assert_int_equal(h.sets[0].n, 2);
	assert_int_equal(h.sets[1].n, 1);
	assert_int_equal(psfs_set_score(&h.sets[1], h.acts[1].id), 7);
	assert_true(h.acts[0].retired_at == 1000 + 7 * 86400);
	psfs_history_free(&h);

	memset(&o, 0, sizeof o);
	memset(o.v, 0xff, sizeof o.v);
	o.v[1] = 8;
	o.at = 2000;
	assert_true(store_outlook_record(st, &o) > 0);
	o.v[1] = 4;
	o.at = 3000;
	assert_true(store_outlook_record(st, &o) > 0);
	assert_int_equal(store_outlook_load(st, &sets, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(sets[0].v[1], 8);
	assert_int_equal(sets[1].v[1], 4);
	assert_int_equal(sets[1].v[0], -1);
	assert_int_equal(sets[1].at, 3000);
	free(sets);
	store_close(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_psfs_answers),
		cmocka_unit_test(test_psfs_trend),
		cmocka_unit_test(test_outlook),
		cmocka_unit_test(test_painmon),
		cmocka_unit_test(test_each_line),
		cmocka_unit_test_setup_teardown(test_migration_5, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_store_psfs_outlook, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
