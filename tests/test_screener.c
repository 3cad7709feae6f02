/*
 * Unit tests of the screener: every rule of red-flags.md 1c, every
 * boundary the issue names, "not sure" handling, the massage checklist,
 * answers files, the question order, gating, and the catalogue.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advice.h"
#include "catalogue.h"
#include "clearance.h"
#include "day.h"
#include "safety.h"
#include "screener.h"
#include "util.h"

/*
 * A vignette: age, weeks, answers as "id=yes id=unsure ..." (spaces
 * between), the verdict, and the rules that must fire, in order, as
 * "E1 U2" ("" for none).
 */
struct vignette {
	int age, weeks;
	const char *answers;
	enum verdict want;
	const char *rules;
};

#define EM VERDICT_EMERGENCY
#define UR VERDICT_URGENT
#define SO VERDICT_SOON
#define NO VERDICT_NONE

static const struct vignette vignettes[] = {
	/* D: nothing fires */
	{ 35, 2, "", NO, "" },
	{ 45, 1, "first_ever_episode=yes", NO, "" },
	{ 40, 6, "not_improving=yes", NO, "" },
	/* E1: each cauda equina item alone; not sure counts as yes */
	{ 40, 1, "saddle_numbness=yes", EM, "E1" },
	{ 40, 1, "bladder_difficulty=yes", EM, "E1" },
	{ 40, 1, "bladder_incontinence=yes", EM, "E1" },
	{ 40, 1, "bowel_incontinence=yes", EM, "E1" },
	{ 40, 1, "sexual_dysfunction_new=yes", EM, "E1" },
	{ 40, 1, "both_legs_symptoms=yes", EM, "E1" },
	{ 40, 1, "walking_difficulty_new=yes", EM, "E1" },
	{ 40, 1, "saddle_numbness=unsure", EM, "E1" },
	{ 40, 1, "walking_difficulty_new=unsure", EM, "E1" },
	{ 40, 1, "saddle_numbness=yes bowel_incontinence=yes", EM, "E1" },
	/* E2-E4 */
	{ 40, 1, "major_trauma=yes", EM, "E2" },
	{ 40, 1, "major_trauma=unsure", EM, "E2" },
	{ 40, 1, "chest_pain_or_breathless=yes", EM, "E3" },
	{ 40, 1, "chest_pain_or_breathless=unsure", EM, "E3" },
	{ 40, 1, "sudden_severe_pain_faint=yes", EM, "E4" },
	{ 40, 1, "sudden_severe_pain_faint=yes known_aaa_or_pulsating_abdomen=yes",
	    EM, "E4 U1" },
	{ 40, 1, "sudden_severe_pain_faint=unsure", EM, "E4" },
	/* E5, E6: pairs; one half alone is URGENT */
	{ 40, 1, "fever_or_chills=yes one_leg_weakness_worsening=yes", EM,
	    "E5 U1" },
	{ 40, 1, "history_of_cancer=yes one_leg_weakness_worsening=yes", EM,
	    "E6 U1" },
	{ 40, 1, "fever_or_chills=yes", UR, "U1" },
	{ 40, 1, "one_leg_weakness_worsening=yes", UR, "U1" },
	/* Not sure counts as yes for every item (red-flags.md 6.1) */
	{ 40, 1, "fever_or_chills=unsure one_leg_weakness_worsening=yes", EM,
	    "E5 U1" },
	{ 60, 1, "history_of_cancer=unsure", UR, "U1" },
	{ 60, 1, "colicky_loin_pain=unsure", EM, "E7 S1" },
	{ 40, 1, "history_of_cancer=unsure one_leg_weakness_worsening=unsure",
	    EM, "E6 U1" },
	{ 50, 4, "not_improving=unsure", SO, "S2" },
	{ 70, 1, "first_ever_episode=unsure", SO, "S3" },
	{ 19, 1, "first_ever_episode=unsure", SO, "S5" },
	{ 30, 12, "night_pain_wakes=unsure buttock_pain=unsure", SO, "S4" },
	{ 40, 1, "minor_trauma_onset=unsure long_term_steroids=unsure", UR,
	    "U2 S1" },
	/* U3: a new swollen calf (6.5) */
	{ 40, 1, "calf_swelling_new=yes", UR, "U3" },
	{ 40, 1, "calf_swelling_new=unsure", UR, "U3" },
	{ 40, 1, "calf_swelling_new=yes saddle_numbness=yes", EM, "E1 U3" },
	/* Checklist answers imply their twins (6.6) */
	{ 40, 1, "mc_cancer_active=yes history_of_cancer=no", UR, "U1" },
	{ 40, 1, "mc_cancer_active=unsure", UR, "U1" },
	{ 40, 1, "mc_cancer_active=yes one_leg_weakness_worsening=yes", EM,
	    "E6 U1" },
	{ 40, 1, "mc_osteoporosis=yes minor_trauma_onset=yes", UR, "U2" },
	{ 40, 1, "mc_osteoporosis=yes", NO, "" },
	/* E7 at the 54/55 boundary */
	{ 54, 1, "colicky_loin_pain=yes", SO, "S1" },
	{ 55, 1, "colicky_loin_pain=yes", EM, "E7 S1" },
	{ 56, 1, "colicky_loin_pain=yes", EM, "E7 S1" },
	/* U1: each item */
	{ 40, 1, "history_of_cancer=yes", UR, "U1" },
	{ 40, 1, "unexplained_weight_loss=yes", UR, "U1" },
	{ 40, 1, "iv_drug_use=yes", UR, "U1" },
	{ 40, 1, "spine_shape_change_or_lump=yes", UR, "U1" },
	{ 40, 1, "known_aaa_or_pulsating_abdomen=yes", UR, "U1" },
	/* U2: minor trauma and each of its three arms; 69/70 boundary */
	{ 40, 1, "minor_trauma_onset=yes", NO, "" },
	{ 40, 1, "minor_trauma_onset=yes osteoporosis=yes", UR, "U2" },
	{ 40, 1, "minor_trauma_onset=yes long_term_steroids=yes", UR,
	    "U2 S1" },
	{ 69, 1, "minor_trauma_onset=yes", NO, "" },
	{ 70, 1, "minor_trauma_onset=yes", UR, "U2" },
	{ 70, 1, "osteoporosis=yes", NO, "" },
	{ 40, 1, "minor_trauma_onset=unsure osteoporosis=yes", UR, "U2" },
	/* S1: each item */
	{ 40, 1, "long_term_steroids=yes", SO, "S1" },
	{ 40, 1, "immunosuppressed=yes", SO, "S1" },
	{ 40, 1, "recent_infection=yes", SO, "S1" },
	{ 40, 1, "recent_spinal_procedure=yes", SO, "S1" },
	{ 40, 1, "night_pain_unrelenting=yes", SO, "S1" },
	{ 40, 1, "thoracic_pain=yes", SO, "S1" },
	{ 40, 1, "pain_worse_cough_strain=yes", SO, "S1" },
	{ 40, 1, "feels_unwell=yes", SO, "S1" },
	{ 40, 1, "thoracic_pain=unsure", SO, "S1" },
	/* S2: ages 49/50, weeks 3/4 */
	{ 49, 8, "not_improving=yes", NO, "" },
	{ 50, 8, "not_improving=yes", SO, "S2" },
	{ 50, 3, "not_improving=yes", NO, "" },
	{ 50, 4, "not_improving=yes", SO, "S2" },
	{ 60, 10, "", NO, "" },
	/* S3: 69/70 */
	{ 69, 1, "first_ever_episode=yes", NO, "" },
	{ 70, 1, "first_ever_episode=yes", SO, "S3" },
	{ 70, 1, "", NO, "" },
	/* S5: ages 15/16 and 19/20 */
	{ 15, 1, "", SO, "S5" },
	{ 16, 1, "", NO, "" },
	{ 0, 0, "", SO, "S5" },
	{ 19, 1, "first_ever_episode=yes", SO, "S5" },
	{ 20, 1, "first_ever_episode=yes", NO, "" },
	{ 19, 1, "", NO, "" },
	/* S4: weeks 11/12; onset age (age - weeks/52) at 45 and 35 */
	{ 30, 12, "night_pain_wakes=yes buttock_pain=yes better_with_movement=yes",
	    SO, "S4" },
	{ 30, 11, "night_pain_wakes=yes buttock_pain=yes better_with_movement=yes",
	    NO, "" },
	/* onset_age < 35 counts as one of the three */
	{ 30, 12, "night_pain_wakes=yes buttock_pain=yes", SO, "S4" },
	{ 40, 12, "night_pain_wakes=yes buttock_pain=yes", NO, "" },
	{ 40, 12, "night_pain_wakes=yes buttock_pain=yes nsaid_helps=yes",
	    SO, "S4" },
	/* age 45, 52 weeks: onset exactly 44 -> < 45 */
	{ 45, 52, "family_spa=yes psoriasis=yes heel_or_tendon_pain=yes", SO,
	    "S4" },
	/* age 45, 51 weeks: onset just over 44 -> still < 45 */
	{ 45, 51, "family_spa=yes psoriasis=yes heel_or_tendon_pain=yes", SO,
	    "S4" },
	/* age 45, 12 weeks: onset just under 45 (44.77) -> < 45 */
	{ 45, 12, "family_spa=yes psoriasis=yes joint_swelling_arthritis=yes",
	    SO, "S4" },
	/* age 46, 52 weeks: onset exactly 45 -> not < 45 */
	{ 46, 52, "family_spa=yes psoriasis=yes heel_or_tendon_pain=yes", NO,
	    "" },
	/* onset exactly 35 does not count; just under does */
	{ 36, 52, "night_pain_wakes=yes buttock_pain=yes", NO, "" },
	{ 36, 53, "night_pain_wakes=yes buttock_pain=yes", SO, "S4" },
	/* supporting-only items never count */
	{ 40, 20, "morning_stiffness_long=yes eye_inflammation_or_ibd=yes "
	    "night_pain_wakes=yes buttock_pain=yes", NO, "" },
	/* the highest rule wins; every rule is reported */
	{ 72, 6, "saddle_numbness=yes history_of_cancer=yes thoracic_pain=yes "
	    "not_improving=yes first_ever_episode=yes", EM, "E1 U1 S1 S2 S3" },
	{ 17, 1, "fever_or_chills=yes first_ever_episode=yes", UR, "U1 S5" },
	/* the massage checklist never changes the verdict */
	{ 40, 1, "mc_fever_acute_illness=yes", NO, "" },
	{ 40, 1, "mc_dvt_current=yes history_of_cancer=yes", UR, "U1" },
	{ 40, 1, "mc_pregnancy=yes mc_dvt_history=unsure", NO, "" },
};

static void
parse_vignette(const struct vignette *v, struct screener_answers *ans)
{
	struct diag d = DIAG_INIT;
	struct buf b = BUF_INIT;
	char *copy = xstrdup(v->answers), *tok, *save = NULL;

	buf_printf(&b, "age=%d\nweeks=%d\n", v->age, v->weeks);
	for (tok = strtok_r(copy, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save))
		buf_printf(&b, "%s\n", tok);
	if (screener_parse_answers("vignette", b.data, b.len, ans, &d) != 0) {
		diag_print(&d, stderr);
		fail_msg("bad vignette %s", v->answers);
	}
	diag_free(&d);
	buf_free(&b);
	free(copy);
}

static void
test_vignettes(void **state)
{
	struct screener_answers ans;
	struct screener_result r;
	struct buf got = BUF_INIT;
	size_t i, k;

	(void)state;
	assert_true(BC_ARRAY_LEN(vignettes) >= 60);
	for (i = 0; i < BC_ARRAY_LEN(vignettes); i++) {
		parse_vignette(&vignettes[i], &ans);
		screener_evaluate(&ans, &r);
		buf_reset(&got);
		for (k = 0; k < r.n_hits; k++)
			buf_printf(&got, "%s%s", k ? " " : "", r.hits[k].rule);
		if (r.verdict != vignettes[i].want ||
		    strcmp(got.data ? got.data : "", vignettes[i].rules) != 0)
			fail_msg("vignette %zu (age %d, weeks %d, %s): got %s "
			    "[%s], want %s [%s]", i, vignettes[i].age,
			    vignettes[i].weeks, vignettes[i].answers,
			    verdict_name(r.verdict), got.data ? got.data : "",
			    verdict_name(vignettes[i].want), vignettes[i].rules);
	}
	buf_free(&got);
}

static void
test_rule_items_named(void **state)
{
	struct screener_answers ans;
	struct screener_result r;
	const struct vignette v = { 72, 1, "minor_trauma_onset=yes "
	    "osteoporosis=yes long_term_steroids=yes saddle_numbness=yes "
	    "both_legs_symptoms=unsure", EM, "" };

	(void)state;
	parse_vignette(&v, &ans);
	screener_evaluate(&ans, &r);
	assert_string_equal(r.hits[0].rule, "E1");
	assert_string_equal(r.hits[0].items,
	    "saddle_numbness both_legs_symptoms");
	assert_string_equal(r.hits[1].rule, "U2");
	assert_string_equal(r.hits[1].items,
	    "minor_trauma_onset osteoporosis long_term_steroids age70");
}

static void
test_massage_checklist(void **state)
{
	struct screener_answers ans;
	struct screener_result r;
	struct diag d = DIAG_INIT;
	const char text[] = "age=40\nweeks=2\n"
	    "mc_anticoagulant_or_bleeding=yes\n"
	    "mc_dvt_history=yes\n"
	    "mc_skin_problem_area=unsure\n"
	    "mc_skin_problem_area.region=lower back, glutes\n"
	    "mc_uncontrolled_bp_heart=yes\n"
	    "mc_varicose_veins_area=yes\nmc_varicose_veins_area.region=legs\n";

	(void)state;
	assert_int_equal(screener_parse_answers("t", text, sizeof text - 1,
	    &ans, &d), 0);
	screener_evaluate(&ans, &r);
	assert_int_equal(r.verdict, VERDICT_NONE);
	assert_true(r.limits.gentle);
	assert_true(r.limits.ask);
	assert_false(r.limits.blocked);
	assert_int_equal(r.limits.n_avoid, 3);
	assert_string_equal(r.limits.avoid_regions[0], "legs");
	assert_string_equal(r.limits.avoid_regions[1], "lower back");
	assert_string_equal(r.limits.avoid_regions[2], "glutes");
	/* Blocks: fever today, a clot, spinal surgery. */
	const char block[] = "age=40\nweeks=2\nmc_dvt_current=yes\n";
	assert_int_equal(screener_parse_answers("t", block, sizeof block - 1,
	    &ans, &d), 0);
	screener_evaluate(&ans, &r);
	assert_true(r.limits.blocked);
	const char surgery[] = "age=40\nweeks=2\nrecent_spinal_procedure=yes\n"
	    "mc_recent_surgery=yes\nmc_recent_surgery.region=lower back\n";
	assert_int_equal(screener_parse_answers("t", surgery,
	    sizeof surgery - 1, &ans, &d), 0);
	screener_evaluate(&ans, &r);
	assert_true(r.limits.blocked);
	assert_int_equal(r.verdict, VERDICT_SOON);
	const char plain_surgery[] = "age=40\nweeks=2\nmc_recent_surgery=yes\n"
	    "mc_recent_surgery.region=hips\n";
	assert_int_equal(screener_parse_answers("t", plain_surgery,
	    sizeof plain_surgery - 1, &ans, &d), 0);
	screener_evaluate(&ans, &r);
	assert_false(r.limits.blocked);
	assert_string_equal(r.limits.avoid_regions[0], "hips");
	diag_free(&d);
}

/* expect_bad: the answers file is refused with this message. */
static void
expect_bad_n(const char *text, size_t len, const char *want)
{
	struct screener_answers ans;
	struct diag d = DIAG_INIT;
	size_t i;
	int found = 0;

	assert_int_equal(screener_parse_answers("answers", text, len, &ans,
	    &d), -1);
	for (i = 0; i < d.n; i++) {
		char *line = xasprintf("answers:%d: %s", d.items[i].line,
		    d.items[i].msg);
		if (d.items[i].line == 0) {
			free(line);
			line = xasprintf("answers: %s", d.items[i].msg);
		}
		found |= strstr(line, want) != NULL;
		free(line);
	}
	if (!found)
		fail_msg("no message '%s' for %s", want, text);
	diag_free(&d);
}

static void
expect_bad(const char *text, const char *want)
{
	expect_bad_n(text, strlen(text), want);
}

static void
test_bad_answers(void **state)
{
	(void)state;
	expect_bad("age=30\nweeks=2\nsadle_numbness=yes\n",
	    "answers:3: unknown item 'sadle_numbness'");
	expect_bad("age=30\nweeks=2\nsaddle_numbness=maybe\n",
	    "answers:3: saddle_numbness: answer yes, no or unsure");
	expect_bad("weeks=2\n", "answers: age is missing");
	expect_bad("age=30\n", "answers: weeks is missing");
	expect_bad("age=121\nweeks=2\n", "answers:1: age must be");
	expect_bad("age=-1\nweeks=2\n", "answers:1: age must be");
	expect_bad("age=30\nweeks=521\n", "answers:2: weeks must be");
	expect_bad("age=thirty\nweeks=2\n", "answers:1: age must be");
	expect_bad("age=30\nage=31\nweeks=2\n", "answers:2: age given twice");
	expect_bad("age=30\nweeks=2\nthoracic_pain=yes\nthoracic_pain=no\n",
	    "answers:4: thoracic_pain answered twice");
	expect_bad("age=30\nweeks=2\njust words\n", "answers:3: expected");
	expect_bad("age=30\nweeks=2\nmc_skin_problem_area=yes\n",
	    "mc_skin_problem_area needs the area");
	expect_bad("age=30\nweeks=2\nmc_skin_problem_area=yes\n"
	    "mc_skin_problem_area.region=elbow\n", "unknown region 'elbow'");
	expect_bad("age=30\nweeks=2\nthoracic_pain.region=legs\n",
	    "unknown setting");
	expect_bad("age=30\nweeks=2\nmc_dvt_history=yes\n"
	    "mc_dvt_history.region=legs\n", "answers:4: mc_dvt_history always "
	    "leaves out the legs; it takes no .region");
	expect_bad_n("age=30\nweeks=2\nx\0y=yes\n", 20,
	    "answers:3: the line holds a NUL byte");
	expect_bad("age=30\nweeks=2\nmc_dvt_current_or_suspected=no\n",
	    "answers:3: mc_dvt_current_or_suspected was split in two: answer "
	    "mc_dvt_current");
}

static void
test_good_answers_format(void **state)
{
	struct screener_answers ans;
	struct diag d = DIAG_INIT;
	const char text[] = "# a comment\n\n  age = 30  \r\nweeks=2\n"
	    "saddle_numbness=no\nthoracic_pain = unsure\n";

	(void)state;
	assert_int_equal(screener_parse_answers("a", text, sizeof text - 1,
	    &ans, &d), 0);
	assert_int_equal(ans.age, 30);
	assert_int_equal(ans.weeks, 2);
	assert_int_equal(ans.a[screener_item_index("thoracic_pain")],
	    ANSWER_UNSURE);
	assert_int_equal(ans.a[screener_item_index("major_trauma")],
	    ANSWER_NO);
}

static void
test_question_order(void **state)
{
	struct screener_answers ans;
	int item, n = 0, e1 = 0, massage = 0;

	(void)state;
	screener_answers_init(&ans);
	ans.age = 40;
	ans.weeks = 2;
	for (item = screener_next_item(&ans, -1); item >= 0;
	    item = screener_next_item(&ans, item), n++)
		massage += screener_items[item].tier == TIER_MASSAGE;
	assert_int_equal(n, (int)screener_item_count);
	assert_int_equal(massage, 16);
	/* Once EMERGENCY: the other E1 items still come, and chest pain
	 * and collapse (their advice differs), then nothing. */
	screener_answers_init(&ans);
	ans.age = 40;
	ans.weeks = 2;
	ans.a[0] = ANSWER_YES;
	n = 0;
	for (item = screener_next_item(&ans, 0); item >= 0;
	    item = screener_next_item(&ans, item), n++)
		e1 += item < 7;
	assert_int_equal(n, 8);
	assert_int_equal(e1, 6);
	screener_answers_init(&ans);
	ans.age = 40;
	ans.weeks = 2;
	ans.a[screener_item_index("major_trauma")] = ANSWER_YES;
	assert_int_equal(screener_next_item(&ans,
	    screener_item_index("major_trauma")),
	    screener_item_index("chest_pain_or_breathless"));
	assert_int_equal(screener_next_item(&ans,
	    screener_item_index("chest_pain_or_breathless")),
	    screener_item_index("sudden_severe_pain_faint"));
	assert_int_equal(screener_next_item(&ans,
	    screener_item_index("sudden_severe_pain_faint")), -1);
	/* URGENT: every red flag and modifier; of the checklist only the
	 * twins, which can still raise the verdict (6.6). */
	screener_answers_init(&ans);
	ans.age = 40;
	ans.weeks = 2;
	ans.a[screener_item_index("iv_drug_use")] = ANSWER_YES;
	n = 0;
	massage = 0;
	for (item = screener_next_item(&ans, -1); item >= 0;
	    item = screener_next_item(&ans, item), n++)
		if (screener_items[item].tier == TIER_MASSAGE) {
			massage++;
			assert_true(strcmp(screener_items[item].id,
			    "mc_cancer_active") == 0 ||
			    strcmp(screener_items[item].id,
			    "mc_osteoporosis") == 0);
		}
	assert_int_equal(n, 43);
	assert_int_equal(massage, 2);
	/* The twin is asked after a URGENT one-leg answer, and raises the
	 * verdict to E6. */
	screener_answers_init(&ans);
	ans.age = 40;
	ans.weeks = 2;
	ans.a[screener_item_index("one_leg_weakness_worsening")] = ANSWER_YES;
	item = screener_next_item(&ans, screener_item_index(
	    "eye_inflammation_or_ibd"));
	while (item >= 0 && strcmp(screener_items[item].id,
	    "mc_cancer_active") != 0)
		item = screener_next_item(&ans, item);
	assert_true(item >= 0);
	/* A clearance in force during the questions: the checklist is asked
	 * (the verdict without the cleared item is NONE). */
	screener_answers_init(&ans);
	ans.age = 60;
	ans.weeks = 2;
	ans.a[screener_item_index("history_of_cancer")] = ANSWER_YES;
	ans.cleared[screener_item_index("history_of_cancer")] = 1;
	assert_int_equal(screener_next_item(&ans, screener_item_index(
	    "eye_inflammation_or_ibd")), screener_item_index(
	    "mc_fever_acute_illness"));
}

static void
test_e1_only(void **state)
{
	struct screener_answers ans;
	struct screener_result r;

	(void)state;
	screener_answers_init(&ans);   /* no age: S5 must not fire */
	screener_evaluate_e1(&ans, &r);
	assert_int_equal(r.verdict, VERDICT_NONE);
	assert_int_equal(r.n_hits, 0);
	ans.a[screener_item_index("bladder_difficulty")] = ANSWER_UNSURE;
	screener_evaluate_e1(&ans, &r);
	assert_int_equal(r.verdict, VERDICT_EMERGENCY);
	assert_string_equal(r.hits[0].items, "bladder_difficulty");
}

static void
test_gate(void **state)
{
	struct gate_input in;
	const int64_t t = 1800000000;

	(void)state;
	memset(&in, 0, sizeof in);
	assert_int_equal(safety_gate(&in, t), GATE_NO_CHECK);
	in.have_full = in.have_any = 1;
	in.last_full_at = in.last_any_at = t;
	in.last_full_verdict = in.last_any_verdict = VERDICT_NONE;
	in.last_full_rules = SAFETY_RULES_VERSION;
	assert_int_equal(safety_gate(&in, t), GATE_OPEN);
	/* Within 60 minutes of a full check no re-check (6.4). */
	assert_int_equal(safety_gate(&in, t + 3599), GATE_OPEN);
	assert_int_equal(safety_gate(&in, t + 3600), GATE_RECHECK);
	assert_int_equal(safety_gate(&in, t + GATE_VALID_S - 1), GATE_RECHECK);
	assert_int_equal(safety_gate(&in, t + GATE_VALID_S), GATE_EXPIRED);
	/* A re-check never spares the next one: every session asks. */
	in.last_any_at = t + 6 * 86400;
	assert_int_equal(safety_gate(&in, t + 6 * 86400 + 60), GATE_RECHECK);
	assert_int_equal(safety_gate(&in, t + GATE_VALID_S + 60),
	    GATE_EXPIRED);
	/* A clock that reads before the last check expires it (6.2). */
	in.last_any_at = t;
	assert_int_equal(safety_gate(&in, t - 1), GATE_CLOCK);
	assert_int_equal(safety_gate(&in, t - 300), GATE_CLOCK);
	in.last_any_at = t + 600;      /* a re-check stamped later */
	assert_int_equal(safety_gate(&in, t + 300), GATE_CLOCK);
	in.last_any_at = t;
	/* A later flag (a re-check saying EMERGENCY) locks again. */
	in.last_any_verdict = VERDICT_EMERGENCY;
	assert_int_equal(safety_gate(&in, t + 60), GATE_FLAGGED);
	/* ... even when its clock time is earlier than the full check:
	 * "last" is the order of storing, which the store reports. */
	in.last_any_at = t - 600;
	assert_int_equal(safety_gate(&in, t + 60), GATE_FLAGGED);
	in.last_any_at = t;
	/* A flagged full check is not unlocked by a calm re-check. */
	in.last_full_verdict = VERDICT_SOON;
	in.last_any_verdict = VERDICT_NONE;
	assert_int_equal(safety_gate(&in, t + 60), GATE_FLAGGED);
	in.last_full_verdict = VERDICT_NONE;
	/* An unsaved check in this run locks whatever is stored (6.3). */
	in.unsaved = 1;
	assert_int_equal(safety_gate(&in, t + 60), GATE_UNSAVED);
	in.unsaved = 0;
	/* Checks decided by an earlier version's rules. */
	in.last_full_rules = 1;
	assert_int_equal(safety_gate(&in, t + 60), GATE_OLD_RULES);
	/* Version 3 added rule S: a version 2 check asked nothing of it. */
	in.last_full_rules = 2;
	assert_int_equal(safety_gate(&in, t + 60), GATE_OLD_RULES);
	in.last_full_rules = SAFETY_RULES_VERSION;
	in.limits.blocked = 1;
	assert_int_equal(safety_gate(&in, t + 60), GATE_BLOCKED);
	in.limits.blocked = 0;
	/* ASK locks until cleared (6.11). */
	in.limits.ask = 1;
	assert_int_equal(safety_gate(&in, t + 60), GATE_ASK);
	in.limits.ask = 0;
	in.clearance_ended = 1;
	assert_int_equal(safety_gate(&in, t + 60), GATE_CLEARANCE_ENDED);
	assert_false(safety_gate_open(GATE_CLEARANCE_ENDED));
	assert_true(safety_gate_open(GATE_RECHECK));
	assert_non_null(strstr(safety_gate_reason(GATE_NO_CHECK),
	    "safety check"));
	assert_non_null(strstr(safety_gate_reason(GATE_CLOCK), "clock"));
}

/* The items the person was not sure about are named (6.1). */
static void
test_unsure_named(void **state)
{
	struct screener_answers ans;
	struct screener_result r;
	const struct vignette v = { 60, 1, "history_of_cancer=unsure "
	    "thoracic_pain=yes mc_pregnancy=unsure first_ever_episode=unsure",
	    UR, "" };

	(void)state;
	parse_vignette(&v, &ans);
	screener_evaluate(&ans, &r);
	assert_int_equal(r.verdict, VERDICT_URGENT);
	/* Those that decided something first; first_ever_episode decides
	 * nothing at 60 but is named too. */
	assert_int_equal(r.n_unsure, 3);
	assert_string_equal(screener_items[r.unsure[0]].id,
	    "history_of_cancer");
	assert_string_equal(screener_items[r.unsure[1]].id, "mc_pregnancy");
	assert_string_equal(screener_items[r.unsure[2]].id,
	    "first_ever_episode");
	assert_true(r.limits.pregnant);
	assert_true(r.limits.ask);
	assert_string_equal(r.limits.avoid_regions[0], "abdomen");
}

/* Clearances: history items and ASK, never E rules, U3 or a worsening
 * leg (6.11). */
static void
test_clearances_rules(void **state)
{
	struct screener_answers ans;
	struct screener_result r;
	const struct vignette past_cancer = { 60, 1, "history_of_cancer=yes",
	    UR, "" };
	const struct vignette cancer_leg = { 60, 1, "history_of_cancer=yes "
	    "one_leg_weakness_worsening=yes", EM, "" };
	const struct vignette ask = { 40, 1, "mc_pregnancy=yes "
	    "mc_uncontrolled_bp_heart=yes", NO, "" };

	(void)state;
	parse_vignette(&past_cancer, &ans);
	ans.cleared[screener_item_index("history_of_cancer")] = 1;
	screener_evaluate(&ans, &r);
	assert_int_equal(r.verdict, VERDICT_NONE);
	assert_int_equal(r.n_cleared, 1);
	/* E6 still fires: a clearance never covers an E rule. */
	parse_vignette(&cancer_leg, &ans);
	ans.cleared[screener_item_index("history_of_cancer")] = 1;
	screener_evaluate(&ans, &r);
	assert_int_equal(r.verdict, VERDICT_EMERGENCY);
	assert_string_equal(r.hits[0].rule, "E6");
	assert_string_equal(r.hits[1].rule, "U1");
	assert_string_equal(r.hits[1].items, "one_leg_weakness_worsening");
	/* The ASK of pregnancy cleared, the heart's not: still locked. */
	parse_vignette(&ask, &ans);
	ans.cleared[screener_item_index("mc_pregnancy")] = 1;
	screener_evaluate(&ans, &r);
	assert_true(r.limits.ask);
	assert_true(r.limits.pregnant);
	ans.cleared[screener_item_index("mc_uncontrolled_bp_heart")] = 1;
	screener_evaluate(&ans, &r);
	assert_false(r.limits.ask);
	assert_int_equal(r.n_cleared, 2);
	assert_false(screener_clearable(screener_item_index(
	    "calf_swelling_new")));
	assert_false(screener_clearable(screener_item_index(
	    "one_leg_weakness_worsening")));
	assert_false(screener_clearable(screener_item_index(
	    "saddle_numbness")));
	assert_false(screener_clearable(screener_item_index(
	    "mc_fever_acute_illness")));
	assert_true(screener_clearable(screener_item_index(
	    "history_of_cancer")));
	assert_true(screener_clearable(screener_item_index("mc_dvt_history")));
}

static void
expect_clearance(const char *text, int32_t from, const char *want)
{
	struct diag d = DIAG_INIT;
	struct clearance *cl = NULL;
	size_t n = 0;

	clearance_parse_item("plan.md", 9, text, from, &cl, &n, &d);
	if (want == NULL) {
		if (d.n > 0)
			fail_msg("'%s': %s", text, d.items[0].msg);
	} else if (d.n == 0 || d.items[0].line != 9 ||
	    strstr(d.items[0].msg, want) == NULL)
		fail_msg("'%s': wanted '%s', got '%s'", text, want,
		    d.n ? d.items[0].msg : "nothing");
	clearance_free(cl, n);
	diag_free(&d);
}

static void
test_clearance_parse(void **state)
{
	struct diag d = DIAG_INIT;
	struct clearance *cl = NULL;
	struct screener_answers ans;
	int32_t from;
	size_t n = 0;

	(void)state;
	assert_int_equal(day_parse("2026-12-01", &from), 0);
	clearance_parse_item("plan.md", 9, "history_of_cancer, mc_pregnancy: "
	    "Dr Ana Silva, MD, until 2027-05-31", from, &cl, &n, &d);
	assert_int_equal(d.n, 0);
	assert_int_equal(n, 2);
	assert_string_equal(cl[0].id, "history_of_cancer");
	assert_string_equal(cl[0].by, "Dr Ana Silva, MD");
	assert_string_equal(cl[1].id, "mc_pregnancy");
	screener_answers_init(&ans);
	clearance_apply(cl, n, from, &ans);
	assert_true(ans.cleared[screener_item_index("history_of_cancer")]);
	screener_answers_init(&ans);
	clearance_apply(cl, n, cl[0].until + 1, &ans);   /* ended */
	assert_false(ans.cleared[screener_item_index("history_of_cancer")]);
	assert_non_null(clearance_find(cl, n, "mc_pregnancy", cl[0].until));
	assert_null(clearance_find(cl, n, "mc_pregnancy", cl[0].until + 1));
	clearance_parse_item("plan.md", 12, "history_of_cancer: Dr B, until "
	    "2027-01-01", from, &cl, &n, &d);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.items[0].msg, "cleared twice (first on "
	    "line 9)"));
	clearance_free(cl, n);
	diag_free(&d);
	expect_clearance("not_improving: Dr B, until 2027-05-31", from, NULL);
	expect_clearance("saddle_numbness: Dr B, until 2027-01-01", from,
	    "saddle_numbness cannot be cleared: an emergency sign");
	expect_clearance("calf_swelling_new: Dr B, until 2027-01-01", from,
	    "calf_swelling_new cannot be cleared");
	expect_clearance("one_leg_weakness_worsening: Dr B, until 2027-01-01",
	    from, "cannot be cleared");
	expect_clearance("fever_or_chills: Dr B, until 2027-01-01", from,
	    "passing symptom");
	expect_clearance("minor_trauma_onset: Dr B, until 2027-01-01", from,
	    "a new fall needs a new check");
	expect_clearance("mc_recent_fracture: Dr B, until 2027-01-01", from,
	    "only the checks that ask for a clinician");
	expect_clearance("sadle_numbness: Dr B, until 2027-01-01", from,
	    "unknown safety-check item 'sadle_numbness'");
	expect_clearance("history_of_cancer: Dr B", from, "ends with ', until "
	    "YYYY-MM-DD'");
	expect_clearance("history_of_cancer: Dr X, until 2026-12-10, until "
	    "2026-12-20", from, "until is given twice");
	expect_clearance("history_of_cancer: , until 2027-01-01", from,
	    "names who gave it");
	expect_clearance("history_of_cancer Dr B until 2027-01-01", from,
	    "a clearance reads");
	expect_clearance("history_of_cancer: Dr B, until 2027-02-30", from,
	    "is not a date");
	expect_clearance("history_of_cancer: Dr B, until 2026-11-30", from,
	    "before the plan starts");
	expect_clearance("history_of_cancer: Dr B, until 2027-06-02", from,
	    "more than 6 months after the plan starts");
	expect_clearance(": Dr B, until 2027-01-01", from, "a clearance names "
	    "at least one item");
	expect_clearance("history_of_cancer: Dr B, until 2027-06-01", from,
	    NULL);
}

/* Finds the first paragraph with label; NULL when none. */
static const char *
para(const struct advice *a, const char *label)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		if (strcmp(a->p[i].label, label) == 0)
			return a->p[i].text;
	return NULL;
}

static void
build(const struct vignette *v, const char *number, struct advice *a,
    struct screener_result *r)
{
	struct screener_answers ans;
	struct advice_input in;

	parse_vignette(v, &ans);
	screener_evaluate(&ans, r);
	memset(&in, 0, sizeof in);
	in.result = r;
	in.answers = &ans;
	in.number = number;
	advice_build(&in, a);
}

/* What a frightened person reads (6.12). */
static void
test_advice(void **state)
{
	const struct vignette cauda = { 40, 1, "saddle_numbness=yes", EM, "" };
	const struct vignette chest = { 40, 1, "chest_pain_or_breathless=yes "
	    "saddle_numbness=yes", EM, "" };
	const struct vignette calf = { 40, 1, "calf_swelling_new=yes", UR, "" };
	const struct vignette block = { 40, 1, "mc_fever_acute_illness=yes",
	    NO, "" };
	const struct vignette ask = { 40, 1, "mc_dvt_history=yes", NO, "" };
	const struct vignette soon = { 40, 1, "thoracic_pain=unsure", SO, "" };
	struct screener_result r;
	struct advice a;
	size_t i;

	(void)state;
	build(&cauda, "112", &a, &r);
	assert_string_equal(a.p[0].label, "advice");
	assert_non_null(strstr(para(&a, "advice"), "call 112 (999 in the UK, "
	    "911 in the US) now"));
	assert_non_null(strstr(para(&a, "what it could mean"),
	    "cauda equina"));
	assert_non_null(strstr(para(&a, "what to say"), "I have back pain and "
	    "new numbness around my bottom or genitals. I am worried about "
	    "cauda equina syndrome."));
	assert_null(para(&a, "not sure"));     /* nothing was unsure */
	assert_non_null(para(&a, "safety net"));
	advice_free(&a);
	/* A configured number is written out alone. */
	build(&cauda, "911", &a, &r);
	assert_non_null(strstr(para(&a, "advice"), "call 911 now"));
	for (i = 0; i < a.n; i++)
		assert_null(strstr(a.p[i].text, "999 in the UK"));
	assert_non_null(strstr(para(&a, "safety net"), "call 911"));
	advice_free(&a);
	/* Chest pain: an ambulance, not the car. */
	build(&chest, "999", &a, &r);
	assert_non_null(strstr(para(&a, "advice"), "Call 999 now and ask for "
	    "an ambulance. Do not drive yourself."));
	advice_free(&a);
	/* The calf: today, and the number at once if breathless. */
	build(&calf, "112", &a, &r);
	assert_non_null(strstr(para(&a, "what to do"), "breathless, have "
	    "chest pain or cough up blood"));
	assert_non_null(strstr(para(&a, "what it could mean"),
	    "deep vein thrombosis"));
	advice_free(&a);
	/* A block replaces any word of open routines (6.7). */
	build(&block, "112", &a, &r);
	assert_non_null(strstr(para(&a, "advice"), "But no massage for now"));
	for (i = 0; i < a.n; i++)
		assert_null(strstr(a.p[i].text, "routines are open"));
	advice_free(&a);
	build(&ask, "112", &a, &r);
	assert_non_null(strstr(para(&a, "advice"), "clinician's clearance"));
	assert_non_null(strstr(para(&a, "advice"), "mc_dvt_history"));
	advice_free(&a);
	/* SOON gets the safety net too, and names the unsure item. */
	build(&soon, "112", &a, &r);
	assert_non_null(para(&a, "safety net"));
	assert_non_null(strstr(para(&a, "not sure"), "thoracic_pain"));
	assert_string_equal(advice_rule_name("U3"),
	    "possible blood clot in the leg");
	advice_free(&a);
}

static void
test_names(void **state)
{
	enum verdict v;
	enum answer a;

	(void)state;
	assert_int_equal(verdict_parse("URGENT", &v), 0);
	assert_int_equal(v, VERDICT_URGENT);
	assert_int_equal(verdict_parse("urgent", &v), -1);
	assert_string_equal(verdict_name(VERDICT_SOON), "SOON");
	assert_int_equal(answer_parse("unsure", &a), 0);
	assert_int_equal(a, ANSWER_UNSURE);
	assert_int_equal(answer_parse("Yes", &a), -1);
	assert_int_equal(screener_item_count, 27 + 14 + 16);
}

/* The built-in catalogue matches the items the rules know, exactly. */
static void
test_catalogue_builtin(void **state)
{
	char *path = xasprintf("%s/content/screener/questions.md",
	    getenv("TOP_SRCDIR") ? getenv("TOP_SRCDIR") : "..");
	struct diag d = DIAG_INIT;
	size_t len, i;
	char *text = util_read_file(path, &len);
	struct catalogue *c;

	(void)state;
	assert_non_null(text);
	c = catalogue_parse(path, text, len, &d);
	if (d.n > 0) {
		diag_print(&d, stderr);
		fail();
	}
	for (i = 0; i < screener_item_count; i++) {
		assert_non_null(c->e[i].question);
		assert_non_null(c->e[i].why);
		assert_true(strlen(c->e[i].question) > 10);
	}
	catalogue_free(c);
	free(text);
	free(path);
}

static void
test_catalogue_bad(void **state)
{
	const char text[] = "# Q\n\n### saddle_numbness\n\n- tier: URGENT\n"
	    "- why: x\n- colour: blue\n\nA question?\n\n### sadle\n\n"
	    "### saddle_numbness\n";
	struct diag d = DIAG_INIT;
	struct catalogue *c;
	struct buf all = BUF_INIT;
	size_t i;

	(void)state;
	c = catalogue_parse("q.md", text, sizeof text - 1, &d);
	for (i = 0; i < d.n; i++)
		buf_printf(&all, "%d: %s\n", d.items[i].line, d.items[i].msg);
	assert_non_null(strstr(all.data, "5: saddle_numbness is in tier "
	    "EMERGENCY, not 'URGENT'"));
	assert_non_null(strstr(all.data, "7: unknown key 'colour'"));
	assert_non_null(strstr(all.data, "11: unknown item 'sadle'"));
	assert_non_null(strstr(all.data, "13: saddle_numbness appears twice"));
	assert_non_null(strstr(all.data, "the question 'major_trauma' is "
	    "missing"));
	buf_free(&all);
	diag_free(&d);
	catalogue_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vignettes),
		cmocka_unit_test(test_rule_items_named),
		cmocka_unit_test(test_massage_checklist),
		cmocka_unit_test(test_bad_answers),
		cmocka_unit_test(test_good_answers_format),
		cmocka_unit_test(test_question_order),
		cmocka_unit_test(test_e1_only),
		cmocka_unit_test(test_gate),
		cmocka_unit_test(test_unsure_named),
		cmocka_unit_test(test_clearances_rules),
		cmocka_unit_test(test_clearance_parse),
		cmocka_unit_test(test_advice),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_catalogue_builtin),
		cmocka_unit_test(test_catalogue_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
