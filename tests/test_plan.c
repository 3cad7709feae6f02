/* Unit tests of plan.c (the file format, every problem with its line, the
 * id checks) and of the plans in store.c (put, replace, the plan in
 * force, all or nothing). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "content.h"
#include "day.h"
#include "plan.h"
#include "store.h"
#include "util.h"
#include "unit.h"

static char root[64];

static const char good[] =
    "# Homework for weeks 1-4\n"                         /* 1 */
    "\n"
    "- from: 2026-12-01\n"                               /* 3 */
    "- until: 2026-12-28\n"
    "- therapist: Sam Lee, 555-0100\n"                   /* 5 */
    "\n"
    "## Routines\n"                                      /* 7 */
    "- swedish-basics: 3 per week\n"                     /* 8 */
    "- trigger-point-release: 2 per week\n"              /* 9 */
    "\n"
    "## Lessons\n"                                       /* 11 */
    "- spine-anatomy\n"                                  /* 12 */
    "- why-backs-hurt\n"
    "\n"
    "## Notes\n"                                         /* 15 */
    "\n"
    "Free text for the *patient*.\n"                     /* 17 */
    "\n"
    "### Walking\n"
    "Walk every day.\n"                                  /* 20 */
    "\n\n";

/* A plan head (lines 1-3) followed by rest, from line 4. */
#define HEAD "# T\n- from: 2026-12-01\n- until: 2026-12-28\n"

static int
setup(void **state)
{
	(void)state;
	unit_dir_make(root, sizeof root, "plan");
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	unit_dir_remove(root);
	return 0;
}

static struct plan *
parse_n(const char *text, size_t len, struct diag *d)
{
	return plan_parse("t.md", text, len, d);
}

static struct plan *
parse(const char *text, struct diag *d)
{
	return parse_n(text, strlen(text), d);
}

static void
test_parse_good(void **state)
{
	struct diag d = DIAG_INIT;
	struct plan *p = parse(good, &d);

	(void)state;
	assert_int_equal(d.n, 0);
	assert_non_null(p);
	assert_string_equal(p->title, "Homework for weeks 1-4");
	assert_int_equal(p->from, day_from_ymd(2026, 12, 1));
	assert_int_equal(p->until, day_from_ymd(2026, 12, 28));
	assert_string_equal(p->therapist, "Sam Lee, 555-0100");
	assert_int_equal(p->n_routines, 2);
	assert_string_equal(p->routines[0].id, "swedish-basics");
	assert_int_equal(p->routines[0].per_week, 3);
	assert_int_equal(p->routines[0].line, 8);
	assert_string_equal(p->routines[1].id, "trigger-point-release");
	assert_int_equal(p->routines[1].per_week, 2);
	assert_int_equal(p->n_lessons, 2);
	assert_string_equal(p->lessons[0].id, "spine-anatomy");
	assert_int_equal(p->lessons[0].line, 12);
	assert_string_equal(p->lessons[1].id, "why-backs-hurt");
	/* The notes are the section's source, blank ends trimmed. */
	assert_string_equal(p->notes, "Free text for the *patient*.\n\n"
	    "### Walking\nWalk every day.");
	assert_int_equal(plan_target(p, "swedish-basics"), 3);
	assert_int_equal(plan_target(p, "gentle-five"), 0);
	assert_int_equal(plan_sessions_per_week(p), 5);
	assert_true(plan_covers(p, day_from_ymd(2026, 12, 28)));
	assert_false(plan_covers(p, day_from_ymd(2026, 12, 29)));
	plan_free(p);
}

static void
test_parse_minimal(void **state)
{
	struct diag d = DIAG_INIT;
	struct plan *p;

	(void)state;
	/* No therapist, no routines, no notes; any case of section names;
	 * one day long. */
	p = parse("Plan\n====\n\n- FROM: 2026-12-01\n- Until : 2026-12-01\n\n"
	    "## lessons\n\n- spine-anatomy\n", &d);
	assert_int_equal(d.n, 0);
	assert_non_null(p);
	assert_string_equal(p->title, "Plan");
	assert_int_equal(p->from, p->until);
	assert_null(p->therapist);
	assert_null(p->notes);
	assert_int_equal(p->n_routines, 0);
	assert_int_equal(p->n_lessons, 1);
	assert_int_equal(plan_sessions_per_week(p), 0);
	plan_free(p);

	/* An empty Notes section is no notes; 50 per week is allowed. */
	p = parse(HEAD "## Routines\n- a: 50 per week\n- b: 1 per week\n"
	    "## Notes\n\n", &d);
	assert_int_equal(d.n, 0);
	assert_non_null(p);
	assert_null(p->notes);
	assert_int_equal(plan_sessions_per_week(p), 51);
	plan_free(p);
}

struct bad_case {
	const char *text;
	int line;
	const char *msg;
};

static const struct bad_case bad[] = {
	{ "", 1, "the file is empty" },
	{ "  \n\n\t\n", 1, "the file is empty" },
	{ "# T\n\xff\n", 2, "not UTF-8" },
	{ HEAD "\xc0\xaf\n", 4, "not UTF-8" },               /* overlong */
	{ HEAD "\xed\xa0\x80\n", 4, "not UTF-8" },           /* surrogate */
	{ HEAD "\xe2\x82\n", 4, "not UTF-8" },               /* cut short */
	{ "- from: 2026-12-01\n- until: 2026-12-28\n", 1,
	    "must start with its title" },
	{ "#\n- from: 2026-12-01\n- until: 2026-12-28\n", 1,
	    "the title is empty" },
	{ "# T\n- until: 2026-12-28\n", 1, "no start date" },
	{ "# T\n- from: 2026-12-28\n", 1, "no end date" },
	{ "# T\n- from: 2026-02-29\n- until: 2026-12-28\n", 2,
	    "from: '2026-02-29' is not a date" },
	{ "# T\n- from: 2026-12-01\n- until: 2026-13-01\n", 3,
	    "until: '2026-13-01' is not a date" },
	{ "# T\n- from: 26-12-01\n- until: 2026-12-28\n", 2, "not a date" },
	{ "# T\n- from: 2026-12-1\n- until: 2026-12-28\n", 2, "not a date" },
	{ "# T\n- from: 1st December\n- until: 2026-12-28\n", 2,
	    "not a date" },
	{ "# T\n- from: 2026-12-01\n- until: 2026-11-30\n", 3,
	    "until: 2026-11-30 is before from: 2026-12-01" },
	{ HEAD "- colour: red\n", 4, "unknown key 'colour'" },
	{ HEAD "- from: 2026-12-02\n", 4,
	    "from: given twice (first on line 2)" },
	{ HEAD "- therapist:\n", 4, "therapist: is empty" },
	{ HEAD "- hello\n", 4, "'hello' is not 'key: value'" },
	{ HEAD "\nSome words.\n", 5, "text outside a section" },
	{ HEAD "## Exercises\n- a: 1 per week\n", 4,
	    "unknown section 'Exercises'" },
	{ HEAD "## Routines\n- a: 1 per week\n## Routines\n", 6,
	    "section 'Routines' is given twice (first on line 4)" },
	{ HEAD "## Routines\n- a: 1 per week\n- b: 1 per week\n"
	    "- a: 2 per week\n", 7,
	    "routine 'a' is listed twice (first on line 5)" },
	{ HEAD "## Routines\n- a: 0 per week\n", 5, "out of range" },
	{ HEAD "## Routines\n- a: 51 per week\n", 5, "out of range" },
	{ HEAD "## Routines\n- a: 99999999999 per week\n", 5,
	    "out of range" },
	{ HEAD "## Routines\n- a: 3/week\n", 5,
	    "a: '3/week' is not 'N per week'" },
	{ HEAD "## Routines\n- a: 3 times a week\n", 5, "not 'N per week'" },
	{ HEAD "## Routines\n- a: three per week\n", 5, "not 'N per week'" },
	{ HEAD "## Routines\n- a: 3  per week\n", 5, "not 'N per week'" },
	{ HEAD "## Routines\n- a: -3 per week\n", 5, "not 'N per week'" },
	{ HEAD "## Routines\n- a: per week\n", 5, "not 'N per week'" },
	{ HEAD "## Routines\n- a:\n", 5, "not 'N per week'" },
	{ HEAD "## Routines\n- swedish-basics\n", 5, "needs a target" },
	{ HEAD "## Routines\n- Swedish-Basics: 3 per week\n", 5,
	    "'Swedish-Basics' is not a routine id" },
	{ HEAD "## Routines\n1. a: 3 per week\n", 5, "holds only a list" },
	{ HEAD "## Routines\nDo them all.\n", 5, "holds only a list" },
	{ HEAD "## Routines\n- a: 3 per week\n  - b: 1 per week\n", 5,
	    "each item here is one line" },
	{ HEAD "## Routines\n# Another title\n", 5, "a second title" },
	{ HEAD "## Lessons\n- a\n- b\n- a\n", 7,
	    "lesson 'a' is listed twice (first on line 5)" },
	{ HEAD "## Lessons\n- spine anatomy\n", 5,
	    "'spine anatomy' is not a lesson id" },
	{ HEAD "## Lessons\nRead them.\n", 5, "holds only a list" },
};

static void
test_parse_bad(void **state)
{
	size_t i;
	struct diag d;
	struct plan *p;

	(void)state;
	for (i = 0; i < BC_ARRAY_LEN(bad); i++) {
		memset(&d, 0, sizeof d);
		p = parse(bad[i].text, &d);
		if (p != NULL || d.n != 1 || d.items[0].line != bad[i].line ||
		    strstr(d.items[0].msg, bad[i].msg) == NULL) {
			print_error("case %zu: %s\n", i, bad[i].text);
			if (d.n > 0)
				print_error("got %zu, first line %d: %s\n",
				    d.n, d.items[0].line, d.items[0].msg);
			fail();
		}
		assert_string_equal(d.items[0].file, "t.md");
		diag_free(&d);
	}
}

static void
test_parse_nul(void **state)
{
	static const char text[] = HEAD "## Notes\nab\0cd\n";
	struct diag d = DIAG_INIT;

	(void)state;
	assert_null(parse_n(text, sizeof text - 1, &d));
	assert_int_equal(d.n, 1);
	assert_int_equal(d.items[0].line, 5);
	assert_non_null(strstr(d.items[0].msg, "NUL"));
	diag_free(&d);
}

/* Every problem of a file at once, in file order, each at its line. */
static void
test_parse_many(void **state)
{
	struct diag d = DIAG_INIT;

	(void)state;
	assert_null(parse("# T\n- from: 2026-12-01\n- until: 2026-12-x\n"
	    "- pace: fast\n## Routines\n- a: 9 per day\n## Extras\n", &d));
	assert_int_equal(d.n, 4);
	assert_int_equal(d.items[0].line, 3);
	assert_int_equal(d.items[1].line, 4);
	assert_int_equal(d.items[2].line, 6);
	assert_int_equal(d.items[3].line, 7);
	diag_free(&d);
}

/* Hostile text: long lines, deep nesting, escapes; nothing raw comes out. */
static void
test_parse_hostile(void **state)
{
	struct diag d = DIAG_INIT;
	struct buf b = BUF_INIT;
	struct plan *p;
	size_t i;

	(void)state;
	buf_adds(&b, "# T\n- from: 2026-12-01\n- until: 2026-12-28\n- ");
	for (i = 0; i < 1024 * 1024; i++)
		buf_addc(&b, 'k');
	buf_adds(&b, ": v\n");
	assert_null(parse(b.data, &d));
	assert_int_equal(d.n, 1);
	assert_int_equal(d.items[0].line, 4);
	/* The message quotes the start of the key, not a megabyte. */
	assert_true(strlen(d.items[0].msg) < 200);
	diag_free(&d);
	buf_reset(&b);

	buf_adds(&b, HEAD "## Notes\n");
	for (i = 0; i < 10000; i++)
		buf_adds(&b, "> - ");
	buf_adds(&b, "deep\n");
	p = parse(b.data, &d);
	assert_int_equal(d.n, 0);
	assert_non_null(p);
	assert_non_null(strstr(p->notes, "deep"));
	plan_free(p);
	buf_reset(&b);

	buf_adds(&b, HEAD "## Routines\n");
	for (i = 0; i < 10000; i++)
		buf_adds(&b, "- ");
	buf_adds(&b, "a: 1 per week\n");
	assert_null(parse(b.data, &d));
	assert_int_equal(d.n, 1);
	diag_free(&d);
	buf_free(&b);

	assert_null(parse(HEAD "- \x1b]0;owned\x07\x1b[2J: 1\n", &d));
	assert_int_equal(d.n, 1);
	assert_null(strchr(d.items[0].msg, '\x1b'));
	assert_null(strchr(d.items[0].msg, '\x07'));
	diag_free(&d);

	/* At most 500 routines: more would be no plan and slow to check. */
	buf_adds(&b, HEAD "## Routines\n");
	for (i = 0; i < 501; i++)
		buf_printf(&b, "- r%zu: 1 per week\n", i);
	assert_null(parse(b.data, &d));
	assert_int_equal(d.n, 1);
	assert_int_equal(d.items[0].line, 5 + 500);
	assert_string_equal(d.items[0].msg, "more than 500 routines");
	diag_free(&d);
	buf_reset(&b);

	buf_adds(&b, "# ");
	for (i = 0; i < 201; i++)
		buf_addc(&b, 't');
	buf_adds(&b, "\n- from: 2026-12-01\n- until: 2026-12-28\n");
	assert_null(parse(b.data, &d));
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.items[0].msg, "longer than 200"));
	diag_free(&d);
	buf_free(&b);
}

static void
touch(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f;

	(void)mkdir(dir, 0700);         /* there already, the second time */
	assert_non_null(f = fopen(path, "w"));
	fputs("# X\n", f);
	fclose(f);
	free(path);
}

static void
test_check_ids(void **state)
{
	char *base = xasprintf("%s/content", root);
	char *routines = xasprintf("%s/routines", base);
	char *lessons = xasprintf("%s/lessons", base);
	struct diag d = DIAG_INIT;
	struct content *c;
	struct plan *p;

	(void)state;
	assert_int_equal(mkdir(base, 0700), 0);
	touch(routines, "swedish-basics.md");
	touch(lessons, "spine-anatomy.md");
	c = content_load(base, NULL, 0);
	p = parse(good, &d);
	assert_non_null(p);
	assert_int_equal(plan_check_ids(p, c, "t.md", &d), 2);
	assert_int_equal(d.n, 2);
	assert_int_equal(d.items[0].line, 9);
	assert_string_equal(d.items[0].msg, "unknown routine "
	    "'trigger-point-release' (see 'backcare routines')");
	assert_int_equal(d.items[1].line, 13);
	assert_string_equal(d.items[1].msg, "unknown lesson 'why-backs-hurt' "
	    "(see 'backcare lessons')");
	diag_free(&d);
	plan_free(p);

	p = parse(HEAD "## Routines\n- swedish-basics: 1 per week\n"
	    "## Lessons\n- spine-anatomy\n", &d);
	assert_non_null(p);
	assert_int_equal(plan_check_ids(p, c, "t.md", &d), 0);
	assert_int_equal(d.n, 0);
	plan_free(p);
	content_free(c);
	free(base);
	free(routines);
	free(lessons);
}

/* ---- the store -------------------------------------------------------- */

static struct store *
open_store(const char *name)
{
	char *path = xasprintf("%s/%s", root, name), *err = NULL;
	struct store *st = store_open(path, &err);

	assert_non_null(st);
	free(path);
	return st;
}

static long
count(const char *name, const char *sql)
{
	char *path = xasprintf("%s/%s", root, name);
	sqlite3 *db;
	sqlite3_stmt *s;
	long n;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	n = (long)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	free(path);
	return n;
}

static struct plan *
make(const char *title, const char *from, const char *until,
    const char *routines)
{
	struct diag d = DIAG_INIT;
	char *text = xasprintf("# %s\n- from: %s\n- until: %s\n"
	    "## Routines\n%s", title, from, until, routines);
	struct plan *p = parse(text, &d);

	assert_int_equal(d.n, 0);
	assert_non_null(p);
	free(text);
	return p;
}

static int32_t
day(const char *s)
{
	int32_t d;

	assert_int_equal(day_parse(s, &d), 0);
	return d;
}

/* The title of the plan in force on s, or "" for none. */
static char *
in_force(struct store *st, const char *s)
{
	struct plan *p = NULL;
	int rc = store_plan_in_force(st, day(s), &p);
	char *t;

	assert_true(rc == 0 || rc == 1);
	if (rc == 0) {
		assert_null(p);
		return xstrdup("");
	}
	t = xstrdup(p->title);
	plan_free(p);
	return t;
}

#define assert_in_force(st, day, title) do {				\
	char *t_ = in_force((st), (day));				\
	assert_string_equal(t_, (title));				\
	free(t_);							\
} while (0)

static void
test_store_round_trip(void **state)
{
	struct store *st = open_store("round.db");
	struct diag d = DIAG_INIT;
	struct plan *p = parse(good, &d), *q = NULL;

	(void)state;
	assert_true(store_plan_put(st, p, "/x/plan.md", 1800000000) > 0);
	assert_int_equal(store_plan_in_force(st, day("2026-11-30"), &q), 0);
	assert_int_equal(store_plan_in_force(st, day("2026-12-29"), &q), 0);
	assert_int_equal(store_plan_in_force(st, day("2026-12-01"), &q), 1);
	assert_string_equal(q->title, p->title);
	assert_int_equal(q->from, p->from);
	assert_int_equal(q->until, p->until);
	assert_string_equal(q->therapist, p->therapist);
	assert_string_equal(q->notes, p->notes);
	assert_int_equal(q->n_routines, 2);
	assert_string_equal(q->routines[1].id, "trigger-point-release");
	assert_int_equal(q->routines[1].per_week, 2);
	assert_int_equal(q->n_lessons, 2);
	assert_string_equal(q->lessons[0].id, "spine-anatomy");
	assert_string_equal(q->lessons[1].id, "why-backs-hurt");
	plan_free(q);
	assert_int_equal(store_plan_in_force(st, day("2026-12-28"), &q), 1);
	plan_free(q);
	plan_free(p);
	store_close(st);
	assert_int_equal(count("round.db", "SELECT count(*) FROM plans "
	    "WHERE from_date = '2026-12-01' AND until_date = '2026-12-28' "
	    "AND source_path = '/x/plan.md' AND imported_at = 1800000000"), 1);
}

static void
test_store_replace(void **state)
{
	struct store *st = open_store("replace.db");
	struct plan *a = make("A", "2026-12-01", "2026-12-28",
	    "- x: 1 per week\n- y: 2 per week\n");
	struct plan *a2 = make("A", "2026-12-03", "2026-12-31",
	    "- z: 4 per week\n");
	struct plan *b = make("B", "2026-12-03", "2027-01-10",
	    "- x: 5 per week\n");
	struct plan *q;

	(void)state;
	assert_true(store_plan_put(st, a, "a.md", 1) > 0);
	/* The same title: replaced, rows and all. */
	assert_true(store_plan_put(st, a2, "a.md", 2) > 0);
	assert_int_equal(count("replace.db", "SELECT count(*) FROM plans"), 1);
	assert_int_equal(count("replace.db", "SELECT count(*) FROM "
	    "plan_routines"), 1);
	assert_in_force(st, "2026-12-02", "");
	assert_int_equal(store_plan_in_force(st, day("2026-12-31"), &q), 1);
	assert_int_equal(plan_target(q, "z"), 4);
	assert_int_equal(plan_target(q, "x"), 0);
	plan_free(q);
	/* The same start day: replaced too. */
	assert_true(store_plan_put(st, b, "b.md", 3) > 0);
	assert_int_equal(count("replace.db", "SELECT count(*) FROM plans"), 1);
	assert_in_force(st, "2027-01-10", "B");
	/* The same plan again: still one. */
	assert_true(store_plan_put(st, b, "b.md", 4) > 0);
	assert_int_equal(count("replace.db", "SELECT count(*) FROM plans"), 1);
	assert_int_equal(count("replace.db", "SELECT count(*) FROM "
	    "plan_routines"), 1);
	plan_free(a);
	plan_free(a2);
	plan_free(b);
	store_close(st);
}

static void
test_store_takes_over(void **state)
{
	struct store *st = open_store("over.db");
	struct plan *a = make("A", "2026-12-01", "2027-03-01", "");
	struct plan *b = make("B", "2026-12-15", "2026-12-20", "");
	struct plan *c = make("C", "2027-04-01", "2027-04-30", "");

	(void)state;
	assert_true(store_plan_put(st, c, "c.md", 1) > 0);
	assert_true(store_plan_put(st, a, "a.md", 1) > 0);
	assert_true(store_plan_put(st, b, "b.md", 1) > 0);
	assert_in_force(st, "2026-11-30", "");
	assert_in_force(st, "2026-12-01", "A");
	assert_in_force(st, "2026-12-14", "A");
	assert_in_force(st, "2026-12-15", "B");
	assert_in_force(st, "2026-12-20", "B");
	/* B took over from A: once B ends, no plan is in force. */
	assert_in_force(st, "2026-12-21", "");
	assert_in_force(st, "2027-03-31", "");
	assert_in_force(st, "2027-04-01", "C");
	assert_in_force(st, "2027-05-01", "");
	plan_free(a);
	plan_free(b);
	plan_free(c);
	store_close(st);
}

/* A plan the database refuses half way leaves the old one untouched. */
static void
test_store_all_or_nothing(void **state)
{
	struct store *st = open_store("atomic.db");
	struct plan *a = make("A", "2026-12-01", "2026-12-28",
	    "- x: 1 per week\n");
	struct plan *refused = make("A", "2026-12-01", "2026-12-28",
	    "- x: 1 per week\n- y: 2 per week\n");

	(void)state;
	assert_true(store_plan_put(st, a, "a.md", 1) > 0);
	refused->routines[1].per_week = 99;     /* the schema's CHECK fails */
	assert_int_equal(store_plan_put(st, refused, "a.md", 2), -1);
	assert_non_null(strstr(store_error(st), "saving the plan"));
	assert_int_equal(count("atomic.db", "SELECT count(*) FROM plans "
	    "WHERE imported_at = 1"), 1);
	assert_int_equal(count("atomic.db", "SELECT count(*) FROM plans"), 1);
	assert_int_equal(count("atomic.db", "SELECT count(*) FROM "
	    "plan_routines"), 1);
	assert_in_force(st, "2026-12-05", "A");
	plan_free(a);
	plan_free(refused);
	store_close(st);
}

/*
 * One week's target: a whole week asks for each routine's own; a part
 * week prorates the total once, rounded up, and shares it out so the
 * routines add up to it (attack14 #5: handout, today and report agree).
 */
static void
test_week_target(void **state)
{
	static const char text[] = "# W\n\n- from: 2027-03-18\n"
	    "- until: 2027-03-23\n\n## Routines\n- a: 3 per week\n"
	    "- b: 2 per week\n- c: 50 per week\n";
	struct diag d = DIAG_INIT;
	struct plan *p = parse(text, &d);
	int32_t mon = day_from_ymd(2027, 3, 15), next = mon + 7;
	int sum = 0;
	size_t j;

	(void)state;
	assert_non_null(p);
	/* Thursday to Sunday: 4 days of 55 a week is 32 (31.4 up). */
	assert_int_equal(plan_week_days(p, mon), 4);
	assert_int_equal(plan_week_total(p, mon), 32);
	for (j = 0; j < 3; j++)
		sum += plan_week_target(p, j, mon);
	assert_int_equal(sum, 32);
	assert_int_equal(plan_week_target(p, 0, mon), 2);   /* 1.71 */
	assert_int_equal(plan_week_target(p, 1, mon), 1);   /* 1.14 */
	assert_int_equal(plan_week_target(p, 2, mon), 29);  /* 28.57 */
	/* Monday and Tuesday of the last week: 2 days, 16 (15.7 up). */
	assert_int_equal(plan_week_days(p, next), 2);
	assert_int_equal(plan_week_total(p, next), 16);
	assert_int_equal(plan_week_target(p, 0, next) + plan_week_target(p, 1,
	    next) + plan_week_target(p, 2, next), 16);
	/* Outside the plan: nothing; an index out of range: nothing. */
	assert_int_equal(plan_week_total(p, mon - 7), 0);
	assert_int_equal(plan_week_target(p, 3, mon), 0);
	plan_free(p);
	/* A whole week: each routine's own target. */
	p = parse("# W\n\n- from: 2027-03-15\n- until: 2027-03-21\n\n"
	    "## Routines\n- a: 3 per week\n- b: 2 per week\n", &d);
	assert_non_null(p);
	assert_int_equal(plan_week_target(p, 0, mon), 3);
	assert_int_equal(plan_week_target(p, 1, mon), 2);
	plan_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_good),
		cmocka_unit_test(test_week_target),
		cmocka_unit_test(test_parse_minimal),
		cmocka_unit_test(test_parse_bad),
		cmocka_unit_test(test_parse_nul),
		cmocka_unit_test(test_parse_many),
		cmocka_unit_test(test_parse_hostile),
		cmocka_unit_test(test_check_ids),
		cmocka_unit_test(test_store_round_trip),
		cmocka_unit_test(test_store_replace),
		cmocka_unit_test(test_store_takes_over),
		cmocka_unit_test(test_store_all_or_nothing),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
