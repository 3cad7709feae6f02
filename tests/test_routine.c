/* Unit tests of routine.c: the file format, the timeline, the massage
 * limits and the timer, with time handed in by the test. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "routine.h"
#include "timer.h"
#include "util.h"

static const char good[] =
    "# Test routine\n"
    "\n"
    "What it is for. You need a ball.\n"
    "\n"
    "## Warm\n"
    "\n"
    "- duration: 1m30s\n"
    "- stroke: effleurage\n"
    "- region: lower back\n"
    "- position: standing, lying on the back\n"
    "- pressure: light\n"
    "\n"
    "Stroke *slowly*.\n"
    "\n"
    "## Hold\n"
    "\n"
    "- hold: 60s\n"
    "- repeat: 2\n"
    "- rest: 30s\n"
    "- sides: left, right\n"
    "- stroke: compression\n"
    "- region: glutes, hips\n"
    "- position: lying on the back\n"
    "- pressure: firm\n"
    "\n"
    "Press.\n"
    "\n"
    "## Tap\n"
    "\n"
    "- duration: 1m\n"
    "- stroke: tapotement\n"
    "- region: upper back\n"
    "- position: sitting\n"
    "- pressure: medium\n";

static struct routine *
parse(const char *text, struct diag *d)
{
	return routine_parse("t", "t.md", text, strlen(text), d);
}

static void
test_parse_good(void **state)
{
	struct diag d = DIAG_INIT;
	struct routine *r = parse(good, &d);

	(void)state;
	assert_non_null(r);
	assert_int_equal(d.n, 0);
	assert_string_equal(r->title, "Test routine");
	assert_non_null(strstr(r->intro, "You need a ball."));
	assert_int_equal(r->nsteps, 3);
	assert_string_equal(r->steps[0].title, "Warm");
	assert_int_equal(r->steps[0].seconds, 90);
	assert_false(r->steps[0].hold);
	assert_non_null(strstr(r->steps[0].instructions, "Stroke *slowly*."));
	assert_null(strstr(r->steps[0].instructions, "duration"));
	assert_true(r->steps[1].hold);
	assert_int_equal(r->steps[1].repeat, 2);
	assert_int_equal(r->steps[1].rest, 30);
	assert_int_equal(r->steps[1].sides, 2);
	assert_string_equal(r->steps[1].region, "glutes, hips");
	assert_string_equal(r->steps[0].position, "standing, lying on the back");
	/* 90 + 2 sides x (2 x 60 + 30) + 60 */
	assert_int_equal(routine_total_seconds(r), 90 + 2 * 150 + 60);
	routine_free(r);
}

/* Steps keep their own instructions with CR or CRLF line ends too. */
static void
test_parse_line_ends(void **state)
{
	static const char *const ends[] = { "\r\n", "\r" };
	struct diag d = DIAG_INIT;
	struct buf b = BUF_INIT;
	struct routine *r;
	const char *p;
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++) {
		buf_reset(&b);
		for (p = good; *p != '\0'; p++)
			if (*p == '\n')
				buf_adds(&b, ends[i]);
			else
				buf_add(&b, p, 1);
		r = routine_parse("t", "t.md", b.data, b.len, &d);
		assert_non_null(r);
		assert_int_equal(d.n, 0);
		assert_int_equal(r->nsteps, 3);
		assert_non_null(strstr(r->intro, "You need a ball."));
		assert_non_null(strstr(r->steps[0].instructions,
		    "Stroke *slowly*."));
		assert_null(strstr(r->steps[0].instructions, "Press."));
		assert_non_null(strstr(r->steps[1].instructions, "Press."));
		assert_null(strstr(r->steps[1].instructions, "stroke:"));
		routine_free(r);
	}
	buf_free(&b);
	diag_free(&d);
}

static void
expect_problem(const char *text, const char *want)
{
	struct diag d = DIAG_INIT;
	struct routine *r = parse(text, &d);
	struct buf all = BUF_INIT;
	size_t i;

	assert_null(r);
	for (i = 0; i < d.n; i++)
		buf_printf(&all, "t.md:%d: %s\n", d.items[i].line,
		    d.items[i].msg);
	if (all.data == NULL || strstr(all.data, want) == NULL)
		fail_msg("wanted '%s' in:\n%s", want, all.data ? all.data : "");
	buf_free(&all);
	diag_free(&d);
}

#define STEP(keys) "# R\n\n## S\n\n" keys "\nText.\n"
#define OK3 "- stroke: effleurage\n- region: hips\n- position: sitting\n" \
    "- pressure: light\n"

static void
test_parse_bad(void **state)
{
	(void)state;
	expect_problem(STEP("- duration: 2m\n- colour: red\n" OK3),
	    "t.md:6: unknown key 'colour'");
	expect_problem(STEP("- duration: soon\n" OK3),
	    "t.md:5: duration: 'soon' is not a time");
	expect_problem(STEP("- duration: 31m\n" OK3),
	    "t.md:5: duration: 31m is out of range");
	expect_problem(STEP("- hold: 0s\n" OK3),
	    "t.md:5: hold: 0s is out of range");
	expect_problem(STEP(OK3), "t.md:3: step 'S' has no time");
	expect_problem(STEP("- duration: 1m\n- hold: 1m\n" OK3),
	    "t.md:6: a step takes one of duration and hold");
	expect_problem(STEP("- duration: 1m\n- repeat: 0\n" OK3),
	    "t.md:6: repeat: '0' is not a whole number");
	expect_problem(STEP("- duration: 1m\n- rest: 10s\n" OK3),
	    "t.md:3: step 'S' has a rest but no repeat");
	expect_problem(STEP("- duration: 1m\n- sides: all\n" OK3),
	    "sides: 'all' should be 'both' (or 'left, right')");
	expect_problem(STEP("- duration: 1m\n- stroke: punch\n- region: hips\n"
	    "- position: sitting\n- pressure: light\n"),
	    "stroke: unknown stroke 'punch'");
	expect_problem(STEP("- duration: 1m\n- stroke: friction\n- region: "
	    "elbow\n- position: sitting\n- pressure: light\n"),
	    "t.md:7: region: unknown region 'elbow'");
	expect_problem(STEP("- duration: 1m\n- stroke: friction\n- region: "
	    "hips, elbow\n- position: sitting\n- pressure: light\n"),
	    "t.md:7: region: unknown region 'elbow'");
	expect_problem(STEP("- duration: 1m\n- stroke: friction\n- region: "
	    "hips, hips\n- position: sitting\n- pressure: light\n"),
	    "t.md:7: region: 'hips' is given twice");
	expect_problem(STEP("- duration: 1m\n- stroke: friction\n- region: "
	    "hips\n- position: sitting\n- pressure: hard\n"),
	    "pressure: 'hard' should be");
	/* Positions (red-flags.md section 6 item 9). */
	expect_problem(STEP("- duration: 1m\n- stroke: friction\n- region: "
	    "hips\n- position: upside down\n- pressure: light\n"),
	    "t.md:8: position: unknown position 'upside down' (use standing, "
	    "sitting, kneeling, side-lying, lying on the back, lying on the "
	    "front)");
	expect_problem(STEP("- duration: 1m\n- stroke: friction\n- region: "
	    "hips\n- position: \n- pressure: light\n"),
	    "position: name at least one position");
	expect_problem(STEP("- duration: 1m\n- stroke: friction\n- region: "
	    "hips\n- position: sitting,\n- pressure: light\n"),
	    "t.md:8: position: an empty item in the list 'sitting,'");
	expect_problem(STEP("- duration: 1m\n- stroke: friction\n- region: "
	    ", lower back\n- position: sitting\n- pressure: light\n"),
	    "t.md:7: region: an empty item in the list");
	expect_problem(STEP("- duration: 1m\n- stroke: friction\n- region: "
	    "hips\n- pressure: light\n"),
	    "t.md:3: step 'S' needs a position: add '- position: standing'");
	expect_problem(STEP("- duration: 1m\n"), "needs stroke, region and "
	    "pressure");
	expect_problem("# R\n\nNo steps here.\n", "the routine has no steps");
	expect_problem("## S\n\n- duration: 1m\n" OK3, "t.md:1: the routine "
	    "has no title");
	expect_problem("", "has no title");
}

static void
test_timeline(void **state)
{
	struct diag d = DIAG_INIT;
	struct routine *r = parse(good, &d);
	struct timeline t;

	(void)state;
	timeline_build(r, &t);
	/* warm; L1 rest L2; R1 rest R2; tap */
	assert_int_equal(t.n, 8);
	assert_int_equal(t.total, routine_total_seconds(r));
	assert_int_equal(t.seg[1].side, 1);
	assert_int_equal(t.seg[1].rep, 1);
	assert_true(t.seg[2].rest);
	assert_int_equal(t.seg[2].seconds, 30);
	assert_int_equal(t.seg[3].rep, 2);
	assert_false(t.seg[3].rest);
	/* no rest after the last repeat */
	assert_int_equal(t.seg[4].side, 2);
	assert_false(t.seg[4].rest);
	assert_int_equal(t.seg[7].step, 2);
	assert_int_equal(timeline_elapsed_before(&t, 1), 90);
	assert_string_equal(timeline_side_name(2), "right");
	timeline_free(&t);
	routine_free(r);
}

static void
test_limits(void **state)
{
	struct diag d = DIAG_INIT;
	struct routine *r = parse(good, &d);
	struct massage_limits l;
	struct timeline t;

	(void)state;
	memset(&l, 0, sizeof l);
	l.gentle = 1;
	routine_apply_limits(r, &l);
	assert_false(r->steps[0].skipped);          /* light effleurage */
	assert_null(r->steps[0].note);
	assert_true(r->steps[1].skipped);           /* compression */
	assert_non_null(strstr(r->steps[1].note, "effleurage"));
	assert_true(r->steps[2].skipped);           /* tapotement */
	assert_int_equal(routine_total_seconds(r), 90);
	timeline_build(r, &t);
	assert_int_equal(t.n, 1);
	timeline_free(&t);
	routine_free(r);

	r = parse(good, &d);
	memset(&l, 0, sizeof l);
	l.n_avoid = 1;
	strcpy(l.avoid_regions[0], "glutes");
	routine_apply_limits(r, &l);
	assert_true(r->steps[1].skipped);
	assert_non_null(strstr(r->steps[1].note, "leave out the glutes"));
	assert_false(r->steps[2].skipped);
	routine_free(r);

	/* GENTLE is light effleurage only (section 6 item 8): kneading is
	 * left out, firm stroking made light. */
	r = parse(STEP("- duration: 1m\n- stroke: petrissage\n- region: hips\n"
	    "- position: sitting\n- pressure: firm\n"), &d);
	memset(&l, 0, sizeof l);
	l.gentle = 1;
	routine_apply_limits(r, &l);
	assert_true(r->steps[0].skipped);
	assert_non_null(strstr(r->steps[0].note, "light stroking "
	    "(effleurage) only, and this step uses petrissage"));
	routine_free(r);
	r = parse(STEP("- duration: 1m\n- stroke: effleurage\n- region: hips\n"
	    "- position: sitting\n- pressure: firm\n"), &d);
	routine_apply_limits(r, &l);
	assert_false(r->steps[0].skipped);
	assert_true(r->steps[0].softened);
	assert_string_equal(r->steps[0].pressure, "light");
	routine_free(r);
}

/* Every stroke but effleurage under GENTLE, each with its reason. */
static void
test_limits_gentle_strokes(void **state)
{
	const char *strokes[] = { "petrissage", "friction", "tapotement",
	    "vibration", "stripping", "compression", "myofascial" };
	struct diag d = DIAG_INIT;
	struct massage_limits l;
	struct routine *r;
	size_t i;
	char *text;

	(void)state;
	memset(&l, 0, sizeof l);
	l.gentle = 1;
	for (i = 0; i < BC_ARRAY_LEN(strokes); i++) {
		text = xasprintf(STEP("- duration: 2m\n- stroke: %s\n- region: "
		    "lower back\n- position: sitting\n- pressure: light\n"),
		    strokes[i]);
		r = parse(text, &d);
		assert_non_null(r);
		routine_apply_limits(r, &l);
		assert_true(r->steps[0].skipped);
		assert_non_null(strstr(r->steps[0].note, strokes[i]));
		assert_int_equal(routine_total_seconds(r), 0);
		routine_free(r);
		free(text);
	}
}

/* Tapping and vibration go with thin bones or blood thinners. */
static void
test_limits_no_percussion(void **state)
{
	struct diag d = DIAG_INIT;
	struct massage_limits l;
	struct routine *r = parse(good, &d);

	(void)state;
	memset(&l, 0, sizeof l);
	l.no_percussion = 1;
	routine_apply_limits(r, &l);
	assert_false(r->steps[0].skipped);
	assert_false(r->steps[1].skipped);
	assert_true(r->steps[2].skipped);
	assert_non_null(strstr(r->steps[2].note, "no tapping or vibration"));
	routine_free(r);
}

/* Pregnancy: no step lying on the back or front; a step that can be done
 * another way says how; light pressure on the legs. */
static void
test_limits_pregnancy(void **state)
{
	struct diag d = DIAG_INIT;
	struct massage_limits l;
	struct routine *r = parse(good, &d);

	(void)state;
	memset(&l, 0, sizeof l);
	l.pregnant = 1;
	routine_apply_limits(r, &l);
	assert_false(r->steps[0].skipped);
	assert_string_equal(r->steps[0].note, "In pregnancy, do this step "
	    "standing, not lying on your back or front.");
	assert_true(r->steps[1].skipped);
	assert_non_null(strstr(r->steps[1].note, "in pregnancy"));
	assert_false(r->steps[2].skipped);
	routine_free(r);
	r = parse(STEP("- duration: 1m\n- stroke: petrissage\n- region: legs\n"
	    "- position: side-lying\n- pressure: firm\n"), &d);
	routine_apply_limits(r, &l);
	assert_false(r->steps[0].skipped);
	assert_string_equal(r->steps[0].pressure, "light");
	assert_non_null(strstr(r->steps[0].note, "no deep pressure on the "
	    "legs"));
	routine_free(r);
	r = parse(STEP("- duration: 1m\n- stroke: petrissage\n- region: "
	    "lower back\n- position: lying on the front\n- pressure: light\n"),
	    &d);
	routine_apply_limits(r, &l);
	assert_true(r->steps[0].skipped);
	routine_free(r);
}

/* A step with several regions is skipped when any is to be avoided. */
static void
test_limits_regions(void **state)
{
	struct diag d = DIAG_INIT;
	struct massage_limits l;
	struct routine *r = parse(good, &d);

	(void)state;
	memset(&l, 0, sizeof l);
	safety_limits_add_regions(&l, "hips");
	routine_apply_limits(r, &l);
	assert_false(r->steps[0].skipped);
	assert_true(r->steps[1].skipped);
	assert_string_equal(r->steps[1].note, "Skipped: your safety check "
	    "said to leave out the hips.");
	routine_free(r);
	assert_true(routine_list_has("glutes, hips", "hips"));
	assert_true(routine_list_has("glutes, hips", "glutes"));
	assert_false(routine_list_has("glutes, hips", "hip"));
	assert_false(routine_list_has("lower back", "back"));
	assert_true(routine_list_has("lying on the back, sitting", "sitting"));
}

static void
test_timer(void **state)
{
	struct diag d = DIAG_INIT;
	struct routine *r = parse(good, &d);
	struct timeline t;
	struct timer tm;
	int64_t now = 1000;

	(void)state;
	timeline_build(r, &t);
	timer_start(&tm, &t, 0, now);
	assert_int_equal(timer_remaining_ms(&tm, now), 90000);
	assert_int_equal(timer_next_deadline(&tm, now), now + 1000);
	assert_int_equal(timer_tick(&tm, now + 89999), TIMER_NONE);
	/* Exactly 90 s after it began, whatever the redraws in between. */
	assert_int_equal(timer_tick(&tm, now + 90000), TIMER_SEGMENT_DONE);
	assert_int_equal(tm.seg, 1);
	/* Late ticks do not stretch the next segment. */
	assert_int_equal(timer_remaining_ms(&tm, now + 90500), 59500);
	now += 90000;
	/* Pause 10 s: nothing moves. */
	timer_pause(&tm, now + 1000);
	assert_int_equal(timer_remaining_ms(&tm, now + 11000), 59000);
	assert_int_equal(timer_tick(&tm, now + 100000), TIMER_NONE);
	assert_int_equal(timer_next_deadline(&tm, now + 11000), -1);
	timer_resume(&tm, now + 11000);
	assert_int_equal(timer_remaining_ms(&tm, now + 11000), 59000);
	/* A Ctrl-Z of 5 s is excluded. */
	timer_suspended(&tm, 5000);
	assert_int_equal(timer_remaining_ms(&tm, now + 16000), 59000);
	/* +10 s and -10 s; at least 1 s stays. */
	timer_adjust(&tm, now + 16000, 10000);
	assert_int_equal(timer_remaining_ms(&tm, now + 16000), 69000);
	timer_adjust(&tm, now + 16000, -10000);
	timer_adjust(&tm, now + 16000, -100000);
	assert_int_equal(timer_remaining_ms(&tm, now + 16000), 1000);
	/* What ran out is the time it really ran, not the 60 s planned:
	 * 2 s (1 s done, and 1 s left after -100 s). */
	{
		struct timer cut = tm;

		assert_int_equal(timer_tick(&cut, now + 17000),
		    TIMER_SEGMENT_DONE);
		assert_int_equal(cut.ran_ms, 2000);
		assert_int_equal(timer_ran_s(&cut), 2);
		assert_true(timer_cut_short(60, timer_ran_s(&cut)));
	}
	/* The first segment ran its 90 s whole. */
	assert_int_equal(timer_ran_s(&tm), 90);
	assert_false(timer_cut_short(90, 90));
	assert_false(timer_cut_short(60, 30));
	assert_true(timer_cut_short(60, 29));
	assert_false(timer_cut_short(30, 40));
	/* Next and previous start segments afresh. */
	timer_next(&tm, now + 20000);
	assert_int_equal(tm.seg, 2);
	assert_int_equal(timer_remaining_ms(&tm, now + 20000), 30000);
	timer_previous(&tm, now + 21000);
	assert_int_equal(tm.seg, 1);
	assert_int_equal(timer_remaining_ms(&tm, now + 21000), 60000);
	/* Run out every segment: the last tick says finished. */
	now += 21000;
	while (!timer_finished(&tm)) {
		enum timer_event ev;
		now += timer_remaining_ms(&tm, now);
		ev = timer_tick(&tm, now);
		assert_true(ev == TIMER_SEGMENT_DONE || ev == TIMER_FINISHED);
	}
	assert_int_equal(timer_remaining_ms(&tm, now), 0);
	assert_int_equal(timer_next_deadline(&tm, now), -1);
	timeline_free(&t);
	routine_free(r);
}

/* The deadline falls on the next whole displayed second. */
static void
test_deadline(void **state)
{
	struct diag d = DIAG_INIT;
	struct routine *r = parse(good, &d);
	struct timeline t;
	struct timer tm;

	(void)state;
	timeline_build(r, &t);
	timer_start(&tm, &t, 0, 0);
	assert_int_equal(timer_next_deadline(&tm, 250), 1000);
	assert_int_equal(timer_next_deadline(&tm, 1000), 2000);
	assert_int_equal(timer_next_deadline(&tm, 90000), 90000);
	timeline_free(&t);
	routine_free(r);
}

static struct routine *
builtin(const char *id)
{
	const char *top = getenv("TOP_SRCDIR") ? getenv("TOP_SRCDIR") : "..";
	char *path = xasprintf("%s/content/routines/%s.md", top, id);
	struct diag d = DIAG_INIT;
	struct routine *r;
	size_t len;
	char *text = util_read_file(path, &len);

	assert_non_null(text);
	r = routine_parse(id, path, text, len, &d);
	if (r == NULL) {
		diag_print(&d, stderr);
		fail();
	}
	free(text);
	free(path);
	return r;
}

/* The built-in routines as the safety check shapes them: pregnancy
 * refuses the abdominal routine, hips skip the buttock holds, GENTLE runs
 * effleurage alone. */
static void
test_builtin_shaped(void **state)
{
	const char *ids[] = { "swedish-basics", "trigger-point-release",
	    "abdominal-trigger-points", "myofascial-release", "gentle-five" };
	struct massage_limits l;
	struct routine *r;
	size_t i, k;

	(void)state;
	memset(&l, 0, sizeof l);
	l.pregnant = 1;
	safety_limits_add_regions(&l, "abdomen");
	r = builtin("abdominal-trigger-points");
	routine_apply_limits(r, &l);
	assert_int_equal(routine_total_seconds(r), 0);
	routine_free(r);

	memset(&l, 0, sizeof l);
	safety_limits_add_regions(&l, "hips");
	r = builtin("trigger-point-release");
	routine_apply_limits(r, &l);
	for (k = 0; k < r->nsteps; k++)
		if (strstr(r->steps[k].title, "luteus") != NULL ||
		    strstr(r->steps[k].title, "iriformis") != NULL)
			assert_true(r->steps[k].skipped);
		else
			assert_false(r->steps[k].skipped);
	routine_free(r);

	memset(&l, 0, sizeof l);
	l.gentle = 1;
	for (i = 0; i < BC_ARRAY_LEN(ids); i++) {
		r = builtin(ids[i]);
		routine_apply_limits(r, &l);
		for (k = 0; k < r->nsteps; k++) {
			const struct routine_step *st = &r->steps[k];
			assert_int_equal(st->skipped,
			    strcmp(st->stroke, "effleurage") != 0);
			if (!st->skipped)
				assert_string_equal(st->pressure, "light");
		}
		routine_free(r);
	}
}

static void
test_builtin_routines(void **state)
{
	const char *ids[] = { "swedish-basics", "trigger-point-release",
	    "abdominal-trigger-points", "myofascial-release", "gentle-five" };
	const char *top = getenv("TOP_SRCDIR") ? getenv("TOP_SRCDIR") : "..";
	size_t i, len;
	long total;

	(void)state;
	for (i = 0; i < BC_ARRAY_LEN(ids); i++) {
		char *path = xasprintf("%s/content/routines/%s.md", top,
		    ids[i]);
		char *text = util_read_file(path, &len);
		struct diag d = DIAG_INIT;
		struct routine *r;

		assert_non_null(text);
		r = routine_parse(ids[i], path, text, len, &d);
		if (r == NULL) {
			diag_print(&d, stderr);
			fail();
		}
		total = routine_total_seconds(r);
		/* Each built-in routine takes 5 to 20 minutes. */
		assert_true(total >= 5 * 60 && total <= 20 * 60);
		routine_free(r);
		free(text);
		free(path);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_good),
		cmocka_unit_test(test_parse_line_ends),
		cmocka_unit_test(test_parse_bad),
		cmocka_unit_test(test_timeline),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_timer),
		cmocka_unit_test(test_deadline),
		cmocka_unit_test(test_builtin_routines),
		cmocka_unit_test(test_builtin_shaped),
		cmocka_unit_test(test_limits_gentle_strokes),
		cmocka_unit_test(test_limits_no_percussion),
		cmocka_unit_test(test_limits_pregnancy),
		cmocka_unit_test(test_limits_regions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
