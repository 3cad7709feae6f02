/* Unit tests of the lessons section of store.c. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "store.h"
#include "util.h"

static char root[64];
static char path[128];

static struct store *
open_fresh(void)
{
	struct store *st;
	char *err = NULL;

	strcpy(root, "/tmp/bc_test_store_lessons_XXXXXX");
	assert_non_null(mkdtemp(root));
	snprintf(path, sizeof path, "%s/p.db", root);
	st = store_open(path, &err);
	assert_non_null(st);
	return st;
}

static void
close_and_remove(struct store *st)
{
	char cmd[160];

	store_close(st);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	assert_int_equal(system(cmd), 0);
}

static void
test_lesson_progress(void **state)
{
	struct clock_manual m = { 0, 1000 };
	struct store *st;
	struct store_lesson sl, *rows;
	long n;

	(void)state;
	clock_use_manual(&m);
	st = open_fresh();
	assert_int_equal(store_lesson_get(st, "intro", &sl), 0);
	assert_string_equal(sl.lesson_id, "intro");
	assert_int_equal(sl.place, 0);
	assert_int_equal(sl.read_at, 0);
	assert_int_equal(store_lesson_set_place(st, "intro", 42), 0);
	assert_int_equal(store_lesson_get(st, "intro", &sl), 1);
	assert_int_equal(sl.place, 42);
	assert_int_equal(sl.opened_at, 1000);
	assert_int_equal(sl.read_at, 0);
	m.wall_s = 2000;
	assert_int_equal(store_lesson_set_place(st, "intro", 7), 0);
	assert_int_equal(store_lesson_mark_read(st, "intro"), 0);
	m.wall_s = 3000;
	/* The first time counts. */
	assert_int_equal(store_lesson_mark_read(st, "intro"), 0);
	assert_int_equal(store_lesson_get(st, "intro", &sl), 1);
	assert_int_equal(sl.place, 7);
	assert_int_equal(sl.opened_at, 1000);
	assert_int_equal(sl.read_at, 2000);
	assert_int_equal(sl.selfcheck_at, 0);
	/* A self-check on a lesson never opened creates its row. */
	assert_int_equal(store_lesson_mark_selfcheck(st, "discs"), 0);
	assert_int_equal(store_lesson_set_knew(st, "discs", 1, 1), 0);
	assert_int_equal(store_lesson_set_knew(st, "discs", 1, 0), 0);
	assert_int_equal(store_lesson_get(st, "discs", &sl), 1);
	assert_int_equal(sl.selfcheck_at, 3000);
	assert_int_equal(sl.read_at, 0);
	n = store_lessons_list(st, &rows);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].lesson_id, "discs");
	assert_string_equal(rows[1].lesson_id, "intro");
	free(rows);
	/* Kept across a reopen. */
	store_close(st);
	{
		char *err = NULL;

		st = store_open(path, &err);
		assert_non_null(st);
	}
	assert_int_equal(store_lesson_get(st, "intro", &sl), 1);
	assert_int_equal(sl.place, 7);
	close_and_remove(st);
	clock_set(NULL);
}

static void
test_lesson_errors(void **state)
{
	struct store *st;
	struct store_lesson sl, *rows;
	char cmd[200];

	(void)state;
	st = open_fresh();
	/* A read-only file: writes fail with a message, reads still work. */
	store_close(st);
	snprintf(cmd, sizeof cmd, "chmod 0400 '%s'", path);
	assert_int_equal(system(cmd), 0);
	{
		char *err = NULL;

		st = store_open(path, &err);
		if (st == NULL) {     /* refused outright: fine too */
			free(err);
			snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
			assert_int_equal(system(cmd), 0);
			return;
		}
	}
	if (getuid() != 0) {
		assert_int_equal(store_lesson_set_place(st, "x", 1), -1);
		assert_non_null(strstr(store_error(st), path));
	}
	assert_true(store_lesson_get(st, "x", &sl) >= 0);
	assert_true(store_lessons_list(st, &rows) >= 0);
	free(rows);
	close_and_remove(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lesson_progress),
		cmocka_unit_test(test_lesson_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
