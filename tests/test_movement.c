/* Unit tests of exercise steps in routine.c (movement.md section 2.0):
 * the new keys and their errors, step times, the timeline of counted
 * repetitions and its cues, the safety limits on exercise, and the
 * built-in exercise routines. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "routine.h"
#include "safety.h"
#include "screener.h"
#include "timer.h"
#include "util.h"

#define EX(keys) "# R\n\n## S\n\n" keys "\nText.\n"
#define WHERE "- movement: mobility\n- region: lower back\n" \
    "- position: lying on the back\n"

static struct routine *
parse(const char *text, struct diag *d)
{
	return routine_parse("t", "t.md", text, strlen(text), d);
}

static struct routine *
parse_ok(const char *text)
{
	struct diag d = DIAG_INIT;
	struct routine *r = parse(text, &d);

	if (r == NULL) {
		diag_print(&d, stderr);
		fail();
	}
	return r;
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

static long
total_of(const char *text)
{
	struct routine *r = parse_ok(text);
	long t = routine_total_seconds(r);
	struct timeline tl;

	timeline_build(r, &tl);
	assert_int_equal(tl.total, t);
	timeline_free(&tl);
	routine_free(r);
	return t;
}

/* The step times of movement.md section 3, by the 2.0 rule. */
static void
test_step_times(void **state)
{
	(void)state;
	assert_int_equal(total_of(EX("- reps: 10\n- tempo: 2-3-2\n- rest: 0\n"
	    WHERE)), 70);
	assert_int_equal(total_of(EX("- hold: 10s\n- repeat: 3\n- sides: "
	    "both\n- rest: 15s\n" WHERE)), 65 + 15);
	assert_int_equal(total_of(EX("- reps: 6\n- tempo: 2-5-2\n- sides: "
	    "both\n- rest: 0\n" WHERE)), 113);
	assert_int_equal(total_of(EX("- sets: 2\n- reps: 8\n- tempo: 3-0-3\n"
	    "- set_rest: 30s\n- rest: 0\n" WHERE)), 126);
	assert_int_equal(total_of(EX("- duration: 35s\n- rest: 0\n" WHERE)),
	    35);
	/* The default rest after a step by its movement (2.0). */
	assert_int_equal(total_of(EX("- reps: 10\n- tempo: 2-3-2\n" WHERE)),
	    70 + 15);
	assert_int_equal(total_of("# R\n\n## S\n\n- reps: 10\n- tempo: 1-0-1\n"
	    "- movement: strength\n- region: hips\n- position: sitting\n"),
	    20 + 30);
	assert_int_equal(total_of("# R\n\n## S\n\n- hold: 30s\n"
	    "- movement: stretch\n- region: hips\n- position: sitting\n"),
	    30 + 20);
	assert_int_equal(total_of("# R\n\n## S\n\n- duration: 2m\n"
	    "- movement: aerobic\n- region: legs\n- position: standing\n"),
	    120);
}

static void
test_exercise_bad(void **state)
{
	(void)state;
	expect_problem(EX("- reps: 10\n- tempo: 2-3-2\n- movement: dance\n"
	    "- region: hips\n- position: sitting\n"),
	    "t.md:7: movement: unknown movement 'dance' (use mobility, "
	    "stretch, strength or aerobic)");
	expect_problem(EX("- reps: 0\n- tempo: 2-3-2\n" WHERE),
	    "t.md:5: reps: '0' is not a whole number from 1 to 50");
	expect_problem(EX("- reps: 51\n- tempo: 2-3-2\n" WHERE),
	    "t.md:5: reps: '51' is not a whole number from 1 to 50");
	expect_problem(EX("- sets: 6\n- reps: 5\n- tempo: 2-3-2\n" WHERE),
	    "t.md:5: sets: '6' is not a whole number from 1 to 5");
	expect_problem(EX("- reps: 5\n- tempo: 2-3\n" WHERE),
	    "t.md:6: tempo: '2-3' should be up-hold-down seconds");
	expect_problem(EX("- reps: 5\n- tempo: 2-x-2\n" WHERE),
	    "t.md:6: tempo: '2-x-2' should be");
	expect_problem(EX("- reps: 5\n- tempo: 0-0-0\n" WHERE),
	    "t.md:6: tempo: '0-0-0' should be");
	expect_problem(EX("- reps: 5\n- tempo: 2-3-2-1\n" WHERE),
	    "tempo: '2-3-2-1' should be");
	expect_problem(EX("- reps: 5\n- tempo: 61-0-0\n" WHERE),
	    "tempo: '61-0-0' should be");
	expect_problem(EX("- reps: 5\n" WHERE),
	    "t.md:3: step 'S' counts reps but has no tempo");
	expect_problem(EX("- tempo: 2-3-2\n- duration: 1m\n" WHERE),
	    "t.md:3: step 'S': tempo, sets and set_rest need '- reps: N'");
	expect_problem(EX("- reps: 5\n- tempo: 2-3-2\n- duration: 1m\n" WHERE),
	    "t.md:3: step 'S' takes reps or a duration or hold, not both");
	expect_problem(EX("- reps: 5\n- tempo: 2-3-2\n- set_rest: 30s\n" WHERE),
	    "t.md:3: step 'S' has a set_rest but one set");
	expect_problem(EX("- sets: 2\n- reps: 5\n- tempo: 2-3-2\n- set_rest: "
	    "soon\n" WHERE), "t.md:8: set_rest: 'soon' is not a time");
	expect_problem(EX("- reps: 5\n- tempo: 2-3-2\n- alt_position: upside "
	    "down\n" WHERE), "t.md:7: alt_position: unknown position "
	    "'upside down'");
	expect_problem(EX("- reps: 5\n- tempo: 2-3-2\n- tags: crunch\n" WHERE),
	    "t.md:7: tags: unknown tags 'crunch' (use end_range_flexion, "
	    "twist, extension)");
	expect_problem(EX("- reps: 5\n- tempo: 2-3-2\n- movement: mobility\n"
	    "- position: sitting\n"), "t.md:3: step 'S' needs a region");
	expect_problem(EX("- reps: 5\n- tempo: 2-3-2\n- movement: mobility\n"
	    "- region: hips\n"), "t.md:3: step 'S' needs a position");
	expect_problem(EX("- reps: 5\n- tempo: 2-3-2\n- stroke: effleurage\n"
	    WHERE), "t.md:3: step 'S' names a movement and a stroke");
	expect_problem(EX("- reps: 5\n- tempo: 2-3-2\n- stroke: effleurage\n"
	    "- region: hips\n- position: sitting\n- pressure: light\n"),
	    "t.md:3: step 'S': reps, sets, tempo, set_rest, alt_position, "
	    "tags, bones, bones_position, easier, harder and weeks are for "
	    "exercise steps");
	expect_problem("# R\n\n## A\n\n- duration: 1m\n- stroke: effleurage\n"
	    "- region: hips\n- position: sitting\n- pressure: light\n\n"
	    "## B\n\n- duration: 1m\n" WHERE,
	    "the routine mixes massage steps and exercise steps");
	expect_problem(EX("- sides: left\n- duration: 1m\n" WHERE),
	    "t.md:5: sides: 'left' should be 'both'");
	expect_problem(EX("- duration: 10m\n- weeks: 10, 0\n" WHERE),
	    "t.md:6: weeks: '10, 0' should be the minutes of each week");
	expect_problem(EX("- duration: 10m\n- weeks: ten\n" WHERE),
	    "t.md:6: weeks: 'ten' should be");
	expect_problem(EX("- reps: 3\n- tempo: 1-1-1\n- weeks: 10\n" WHERE),
	    "t.md:3: step 'S': weeks goes with a duration only");
}

/* The walking plan's weeks (movement.md 3.3): the last week repeats. */
static void
test_weeks(void **state)
{
	struct routine *r = parse_ok(EX("- duration: 10m\n- weeks: 10, 15, "
	    "30\n- rest: 0\n" WHERE));
	struct timeline t;

	(void)state;
	assert_int_equal(r->week, 0);
	assert_true(routine_set_week(r, 2));
	assert_int_equal(r->week, 2);
	assert_int_equal(routine_total_seconds(r), 15 * 60);
	routine_set_week(r, 9);
	assert_int_equal(routine_total_seconds(r), 30 * 60);
	routine_set_week(r, 0);
	assert_int_equal(routine_total_seconds(r), 10 * 60);
	timeline_build(r, &t);
	assert_int_equal(t.total, 600);
	timeline_free(&t);
	routine_free(r);
	r = parse_ok(EX("- duration: 10m\n- rest: 0\n" WHERE));
	assert_false(routine_set_week(r, 3));
	assert_int_equal(routine_total_seconds(r), 600);
	routine_free(r);
}

static const char reps_routine[] =
    "# Reps\n\n"
    "## Walk\n\n- duration: 3m\n- movement: aerobic\n- region: legs\n"
    "- position: standing\n\nWalk.\n\n"
    "## Bird dog\n\n- reps: 3\n- tempo: 1-2-1\n- sides: both\n"
    "- rest: 10s\n- movement: strength\n- region: lower back\n"
    "- position: kneeling\n\nReach.\n\n"
    "## Sit to stand\n\n- sets: 2\n- reps: 2\n- tempo: 3-0-3\n"
    "- set_rest: 30s\n- rest: 0\n- movement: strength\n- region: legs\n"
    "- position: sitting\n\nStand.\n";

static char *
cue(const struct routine *r, const struct timeline *t, size_t i)
{
	return timeline_cue(r, t, i);
}

static void
expect_cue(const struct routine *r, const struct timeline *t, size_t i,
    const char *want)
{
	char *c = cue(r, t, i);

	assert_string_equal(c, want);
	free(c);
}

static void
test_reps_timeline(void **state)
{
	struct routine *r = parse_ok(reps_routine);
	struct timeline t;

	(void)state;
	assert_true(r->exercise);
	assert_string_equal(routine_kind(r), "exercise");
	timeline_build(r, &t);
	/* walk out, back; 3 left, switch, 3 right, rest; 2, set rest, 2 */
	assert_int_equal(t.n, 2 + 3 + 1 + 3 + 1 + 2 + 1 + 2);
	assert_int_equal(t.total, 180 + (3 * 4 * 2 + 5 + 10) + (2 * 2 * 6 + 30));
	assert_int_equal(t.total, routine_total_seconds(r));
	expect_cue(r, &t, 0, "walk out for 1:30");
	expect_cue(r, &t, 1, "halfway: turn back now");
	expect_cue(r, &t, 2, "1 of 3");
	assert_int_equal(t.seg[2].side, 1);
	assert_int_equal(t.seg[2].seconds, 4);
	expect_cue(r, &t, 4, "3 of 3");
	expect_cue(r, &t, 5, "switch to the right side (0:05)");
	assert_int_equal(t.seg[5].rest, SEG_SWITCH);
	expect_cue(r, &t, 6, "1 of 3");
	assert_int_equal(t.seg[6].side, 2);
	assert_true(t.seg[8].last_work);
	assert_false(t.seg[7].last_work);
	expect_cue(r, &t, 9, "rest 0:10 before the next step");
	assert_int_equal(t.seg[9].rest, SEG_AFTER);
	expect_cue(r, &t, 10, "set 1 of 2, 1 of 2");
	expect_cue(r, &t, 12, "rest 0:30, then set 2 of 2");
	expect_cue(r, &t, 14, "set 2 of 2, 2 of 2");
	assert_true(t.seg[14].last_work);
	timeline_free(&t);
	routine_free(r);
}

static void
test_summary(void **state)
{
	struct routine *r = parse_ok(reps_routine);
	char *s;

	(void)state;
	s = routine_step_summary(&r->steps[1]);
	assert_string_equal(s, "strength, kneeling; 3 reps, tempo 1-2-1, "
	    "each side");
	free(s);
	s = routine_step_summary(&r->steps[2]);
	assert_string_equal(s, "strength, sitting; 2 sets of 2, tempo 3-0-3");
	free(s);
	routine_free(r);
}

static const char *const builtin_ids[] = {
	"gentle-mobility", "core-basics", "walking-plan",
	"hips-and-hamstrings", "flare-up-day"
};
/* The times movement.md section 3 states. */
static const long builtin_secs[] = { 480, 720, 600, 600, 300 };

static struct routine *
builtin(const char *id)
{
	const char *top = getenv("TOP_SRCDIR") ? getenv("TOP_SRCDIR") : "..";
	char *path = xasprintf("%s/content/routines/%s.md", top, id);
	size_t len;
	char *text = util_read_file(path, &len);
	struct diag d = DIAG_INIT;
	struct routine *r;

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

static void
test_builtin_times(void **state)
{
	struct routine *r;
	size_t i;

	(void)state;
	for (i = 0; i < BC_ARRAY_LEN(builtin_ids); i++) {
		r = builtin(builtin_ids[i]);
		assert_true(r->exercise);
		assert_int_equal(routine_total_seconds(r), builtin_secs[i]);
		routine_free(r);
	}
}

/* Pregnancy: nothing lying on the back or front runs; steps move to their
 * alt_position, or are left out when they have none. */
static void
test_builtin_pregnancy(void **state)
{
	struct massage_limits l;
	struct routine *r;
	size_t i, k;

	(void)state;
	memset(&l, 0, sizeof l);
	l.pregnant = 1;
	safety_limits_add_regions(&l, "abdomen");
	for (i = 0; i < BC_ARRAY_LEN(builtin_ids); i++) {
		r = builtin(builtin_ids[i]);
		routine_apply_limits(r, &l);
		for (k = 0; k < r->nsteps; k++) {
			const struct routine_step *s = &r->steps[k];
			if (s->skipped) {
				assert_non_null(strstr(s->note, "pregnancy"));
				continue;
			}
			assert_null(strstr(s->position, "lying on the"));
		}
		assert_true(routine_total_seconds(r) > 0);
		routine_free(r);
	}
	r = builtin("gentle-mobility");
	routine_apply_limits(r, &l);
	/* Lie flat (no alt) is left out; the press-ups move to standing. */
	assert_true(r->steps[5].skipped);
	assert_false(r->steps[6].skipped);
	assert_string_equal(r->steps[6].position, "standing");
	assert_non_null(strstr(r->steps[6].note, "In pregnancy, do this "
	    "standing instead of lying on the front."));
	assert_int_equal(routine_total_seconds(r), 480 - 35);
	/* attack19 F3: its easier level lies on the front, so it goes. */
	assert_null(r->steps[6].easier);
	assert_non_null(strstr(r->steps[6].note, "No easier version in this "
	    "position"));
	routine_free(r);
}

/* attack19 F3b: a lying bones_position never comes back in pregnancy;
 * the step moves to its alt_position instead. */
static void
test_bones_position_pregnancy(void **state)
{
	struct massage_limits l;
	struct routine *r;

	(void)state;
	memset(&l, 0, sizeof l);
	l.pregnant = l.osteoporosis = 1;
	r = parse_ok(EX("- movement: stretch\n- region: lower back\n"
	    "- position: side-lying\n- alt_position: sitting\n"
	    "- bones_position: lying on the back\n- hold: 10s\n"
	    "- easier: bend less\n"));
	routine_apply_limits(r, &l);
	assert_false(r->steps[0].skipped);
	assert_string_equal(r->steps[0].position, "side-lying");
	assert_non_null(r->steps[0].easier);
	routine_free(r);
	r = parse_ok(EX("- movement: stretch\n- region: lower back\n"
	    "- position: lying on the front\n- alt_position: sitting\n"
	    "- bones_position: lying on the back\n- hold: 10s\n"));
	routine_apply_limits(r, &l);
	assert_string_equal(r->steps[0].position, "sitting");
	routine_free(r);
	l.pregnant = 0;
	r = parse_ok(EX("- movement: stretch\n- region: lower back\n"
	    "- position: side-lying\n- bones_position: lying on the back\n"
	    "- hold: 10s\n- easier: bend less\n"));
	routine_apply_limits(r, &l);
	assert_string_equal(r->steps[0].position, "lying on the back");
	assert_null(r->steps[0].easier);
	routine_free(r);
}

static void
test_builtin_osteoporosis(void **state)
{
	struct massage_limits l;
	struct routine *r;
	size_t i, k, notes = 0;

	(void)state;
	memset(&l, 0, sizeof l);
	l.osteoporosis = l.gentle = l.no_percussion = 1;
	for (i = 0; i < BC_ARRAY_LEN(builtin_ids); i++) {
		r = builtin(builtin_ids[i]);
		routine_apply_limits(r, &l);
		/* GENTLE and no tapping are for massage: every step runs. */
		assert_int_equal(routine_total_seconds(r), builtin_secs[i]);
		for (k = 0; k < r->nsteps; k++) {
			const struct routine_step *s = &r->steps[k];
			if (routine_list_has(s->tags, "end_range_flexion") ||
			    routine_list_has(s->tags, "twist") ||
			    s->bones != NULL) {
				assert_non_null(s->note);
				assert_non_null(strstr(s->note,
				    "With thin bones"));
				notes++;
			}
		}
		routine_free(r);
	}
	assert_true(notes >= 8);
	r = builtin("gentle-mobility");
	routine_apply_limits(r, &l);
	assert_string_equal(r->steps[4].note, "With thin bones: skip the "
	    "rounding up: let your back dip gently, then come back to flat.");
	routine_free(r);
}

/* movement.md 2.3 S: stenosis or spondylolisthesis, worse bending
 * back: extension steps at level -2 (lying flat) or not at all. */
/* movement.md 2.1 O: with thin bones the glute stretch is done sitting,
 * so the step's position says so, as its note does (attack15 #9). */
static void
test_builtin_bones_position(void **state)
{
	struct massage_limits l;
	struct routine *r;

	(void)state;
	memset(&l, 0, sizeof l);
	r = builtin("hips-and-hamstrings");
	assert_string_equal(r->steps[2].bones_position, "sitting");
	routine_apply_limits(r, &l);
	assert_string_equal(r->steps[2].position, "lying on the back");
	routine_free(r);
	l.osteoporosis = 1;
	r = builtin("hips-and-hamstrings");
	routine_apply_limits(r, &l);
	assert_string_equal(r->steps[2].position, "sitting");
	assert_non_null(strstr(r->steps[2].note, "sitting version"));
	/* The hamstring stretch keeps its position: no bones_position. */
	assert_string_equal(r->steps[3].position, "lying on the back");
	assert_int_equal(routine_total_seconds(r), 10 * 60);
	routine_free(r);
}

static void
test_builtin_stenosis(void **state)
{
	struct massage_limits l;
	struct routine *r;
	unsigned bit = 0;
	size_t k;

	(void)state;
	memset(&l, 0, sizeof l);
	assert_int_equal(screener_action_parse("NO-EXTENSION", &bit), 0);
	assert_int_equal(bit, ACTION_NO_EXTENSION);
	assert_string_equal(screener_action_name(bit), "NO-EXTENSION");
	screener_limits_apply(&l, bit, NULL);
	assert_true(l.no_extension);
	r = builtin("gentle-mobility");
	routine_apply_limits(r, &l);
	assert_int_equal(r->steps[5].skipped, 0);
	assert_non_null(strstr(r->steps[5].note, "this is the easiest level"));
	assert_int_equal(r->steps[6].skipped, 1);
	assert_non_null(strstr(r->steps[6].note, "only the easiest level"));
	for (k = 0; k < 5; k++)
		assert_int_equal(r->steps[k].skipped, 0);
	assert_int_equal(routine_total_seconds(r), 8 * 60 - 50);
	routine_free(r);
	/* Nothing else bends back: the other routines stay whole. */
	r = builtin("core-basics");
	routine_apply_limits(r, &l);
	assert_int_equal(routine_total_seconds(r), 12 * 60);
	routine_free(r);
	/* With pregnancy too: lying flat is out (lying on the front),
	 * the press-ups (moved to standing) are out by S. */
	l.pregnant = 1;
	r = builtin("gentle-mobility");
	routine_apply_limits(r, &l);
	assert_int_equal(r->steps[5].skipped, 1);
	assert_int_equal(r->steps[6].skipped, 1);
	routine_free(r);
	/* An item answered yes gives the limit (and not sure as well). */
	k = (size_t)screener_item_index("mc_stenosis_extension");
	assert_true(screener_items[k].actions & ACTION_NO_EXTENSION);
}

static void
test_builtin_areas(void **state)
{
	struct massage_limits l;
	struct routine *r;
	size_t k;

	(void)state;
	memset(&l, 0, sizeof l);
	/* Avoided areas are about massage pressure (red-flags.md 1e):
	 * no exercise step is left out or changed by them, walking
	 * included (movement.md 2.3 gives exercise no area rule). */
	safety_limits_add_regions(&l, "hips");
	safety_limits_add_regions(&l, "legs");
	safety_limits_add_regions(&l, "lower back");
	r = builtin("core-basics");
	routine_apply_limits(r, &l);
	for (k = 0; k < r->nsteps; k++) {
		assert_int_equal(r->steps[k].skipped, 0);
		assert_null(r->steps[k].note);
	}
	assert_int_equal(routine_total_seconds(r), 12 * 60);
	routine_free(r);
	r = builtin("walking-plan");
	routine_apply_limits(r, &l);
	assert_int_equal(r->steps[0].skipped, 0);
	assert_true(routine_total_seconds(r) > 0);
	routine_free(r);
	/* Both: the position rules, then the easier level, then bones. */
	memset(&l, 0, sizeof l);
	l.pregnant = l.osteoporosis = 1;
	r = builtin("flare-up-day");
	routine_apply_limits(r, &l);
	assert_string_equal(r->steps[3].note, "In pregnancy, do this sitting "
	    "instead of lying on the back. No easier version in this position: "
	    "if it is too much, stop this step. With thin bones: bring one knee up "
	    "only, and stop before your low back lifts off the floor.");
	routine_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_step_times),
		cmocka_unit_test(test_exercise_bad),
		cmocka_unit_test(test_weeks),
		cmocka_unit_test(test_reps_timeline),
		cmocka_unit_test(test_summary),
		cmocka_unit_test(test_builtin_times),
		cmocka_unit_test(test_builtin_pregnancy),
		cmocka_unit_test(test_builtin_osteoporosis),
		cmocka_unit_test(test_bones_position_pregnancy),
		cmocka_unit_test(test_builtin_bones_position),
		cmocka_unit_test(test_builtin_stenosis),
		cmocka_unit_test(test_builtin_areas),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
