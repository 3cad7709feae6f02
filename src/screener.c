/*
 * screener.c: the red-flag rules (see screener.h and red-flags.md 1c).
 *
 * The rules are written out one by one, in the reference's order and with
 * its names, so a clinician can read them against the table.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screener.h"
#include "util.h"

#define E TIER_EMERGENCY
#define U TIER_URGENT
#define S TIER_SOON
#define M TIER_MODIFIER
#define X TIER_MASSAGE

const struct screener_item screener_items[] = {
	/* 1a: items that escalate on their own */
	{ "saddle_numbness", E, "CES", 0, NULL, NULL },
	{ "bladder_difficulty", E, "CES", 0, NULL, NULL },
	{ "bladder_incontinence", E, "CES", 0, NULL, NULL },
	{ "bowel_incontinence", E, "CES", 0, NULL, NULL },
	{ "sexual_dysfunction_new", E, "CES", 0, NULL, NULL },
	{ "both_legs_symptoms", E, "CES", 0, NULL, NULL },
	{ "walking_difficulty_new", E, "CES, NEURO", 0, NULL, NULL },
	{ "major_trauma", E, "FRA", 0, NULL, NULL },
	{ "chest_pain_or_breathless", E, "VISC, VASC", 0, NULL, NULL },
	{ "sudden_severe_pain_faint", E, "VASC", 0, NULL, NULL },
	{ "fever_or_chills", U, "INF", 0, NULL, NULL },
	{ "history_of_cancer", U, "MAL", 0, NULL, NULL },
	{ "unexplained_weight_loss", U, "MAL, INF", 0, NULL, NULL },
	{ "iv_drug_use", U, "INF", 0, NULL, NULL },
	{ "one_leg_weakness_worsening", U, "NEURO", 0, NULL, NULL },
	{ "spine_shape_change_or_lump", U, "FRA, MAL, INF", 0, NULL, NULL },
	{ "known_aaa_or_pulsating_abdomen", U, "VASC", 0, NULL, NULL },
	/* Section 6 item 5: a new swollen calf is a red flag of its own. */
	{ "calf_swelling_new", U, "DVT", 0, NULL, NULL },
	{ "long_term_steroids", S, "FRA, INF", 0, NULL, NULL },
	{ "immunosuppressed", S, "INF", 0, NULL, NULL },
	{ "recent_infection", S, "INF", 0, NULL, NULL },
	{ "recent_spinal_procedure", S, "INF, CES", 0, NULL, NULL },
	{ "night_pain_unrelenting", S, "MAL", 0, NULL, NULL },
	{ "thoracic_pain", S, "MAL, FRA, VISC", 0, NULL, NULL },
	{ "pain_worse_cough_strain", S, "MAL", 0, NULL, NULL },
	{ "feels_unwell", S, "INF, MAL", 0, NULL, NULL },
	{ "colicky_loin_pain", S, "VISC, VASC", 0, NULL, NULL },
	/* 1b: modifiers */
	{ "first_ever_episode", M, "", 0, NULL, NULL },
	{ "not_improving", M, "", 0, NULL, NULL },
	{ "osteoporosis", M, "FRA", 0, NULL, NULL },
	{ "minor_trauma_onset", M, "FRA", 0, NULL, NULL },
	{ "night_pain_wakes", M, "INFL", 0, NULL, NULL },
	{ "buttock_pain", M, "INFL", 0, NULL, NULL },
	{ "better_with_movement", M, "INFL", 0, NULL, NULL },
	{ "nsaid_helps", M, "INFL", 0, NULL, NULL },
	{ "family_spa", M, "INFL", 0, NULL, NULL },
	{ "psoriasis", M, "INFL", 0, NULL, NULL },
	{ "joint_swelling_arthritis", M, "INFL", 0, NULL, NULL },
	{ "heel_or_tendon_pain", M, "INFL", 0, NULL, NULL },
	{ "morning_stiffness_long", M, "INFL", 0, NULL, NULL },
	{ "eye_inflammation_or_ibd", M, "INFL", 0, NULL, NULL },
	/* 1e: the massage checklist */
	{ "mc_fever_acute_illness", X, "", ACTION_BLOCK, NULL,
	  "no massage today; check again when you are well" },
	{ "mc_dvt_current", X, "", ACTION_BLOCK, NULL,
	  "no massage while a blood clot is being treated; ask your doctor "
	  "when massage is safe again" },
	{ "mc_dvt_history", X, "", ACTION_AVOID_AREA | ACTION_ASK, "legs",
	  "no massage on the legs; ask your doctor or therapist first" },
	{ "mc_anticoagulant_or_bleeding", X, "",
	  ACTION_GENTLE | ACTION_NO_PERCUSSION, NULL,
	  "light stroking (effleurage) only: every other step is left out, "
	  "and no tapping or vibration" },
	{ "mc_recent_surgery", X, "", ACTION_AVOID_AREA, NULL,
	  "keep away from the operated area; after spinal surgery, no "
	  "massage until your surgeon says so" },
	{ "mc_skin_problem_area", X, "", ACTION_AVOID_AREA, NULL,
	  "keep away from broken or infected skin" },
	{ "mc_osteoporosis", X, "", ACTION_GENTLE | ACTION_NO_PERCUSSION,
	  NULL,
	  "light stroking (effleurage) only: no tapping, vibration, "
	  "stripping or pressure holds" },
	{ "mc_cancer_active", X, "", ACTION_ASK, NULL,
	  "ask your cancer team first; no deep pressure over a tumour or "
	  "where cancer has spread" },
	{ "mc_pregnancy", X, "",
	  ACTION_AVOID_AREA | ACTION_ASK | ACTION_PREGNANCY, "abdomen",
	  "no massage on the tummy; no steps lying on your back or front; "
	  "no deep pressure on the legs" },
	{ "mc_recent_fracture", X, "", ACTION_AVOID_AREA, NULL,
	  "keep away from a healing fracture" },
	{ "mc_inflammatory_flare", X, "", ACTION_AVOID_AREA, NULL,
	  "keep away from a hot, swollen joint" },
	{ "mc_reduced_sensation", X, "", ACTION_GENTLE, NULL,
	  "light stroking (effleurage) only: you cannot judge pressure where "
	  "feeling is reduced" },
	{ "mc_uncontrolled_bp_heart", X, "", ACTION_ASK, NULL,
	  "ask your doctor before massage" },
	{ "mc_implanted_device", X, "", ACTION_AVOID_AREA, NULL,
	  "keep away from the implanted device" },
	{ "mc_varicose_veins_area", X, "", ACTION_AVOID_AREA, NULL,
	  "keep away from varicose veins" },
	/* movement.md 2.3, leg symptoms (S): exercise only. */
	{ "mc_stenosis_extension", X, "", ACTION_NO_EXTENSION, NULL,
	  "bending back only at its easiest level (lying flat on your "
	  "front), or not at all" },
};

#undef E
#undef U
#undef S
#undef M
#undef X

const size_t screener_item_count = BC_ARRAY_LEN(screener_items);

const int screener_e1_items[] = { 0, 1, 2, 3, 4, 5, 6 };
const size_t screener_e1_count = BC_ARRAY_LEN(screener_e1_items);

int
screener_item_index(const char *id)
{
	size_t i;

	for (i = 0; i < screener_item_count; i++)
		if (strcmp(screener_items[i].id, id) == 0)
			return (int)i;
	return -1;
}

const char *
answer_name(enum answer a)
{
	switch (a) {
	case ANSWER_YES:
		return "yes";
	case ANSWER_UNSURE:
		return "unsure";
	default:
		return "no";
	}
}

int
answer_parse(const char *s, enum answer *a)
{
	if (strcmp(s, "yes") == 0)
		*a = ANSWER_YES;
	else if (strcmp(s, "no") == 0)
		*a = ANSWER_NO;
	else if (strcmp(s, "unsure") == 0)
		*a = ANSWER_UNSURE;
	else
		return -1;
	return 0;
}

const char *
verdict_name(enum verdict v)
{
	switch (v) {
	case VERDICT_EMERGENCY:
		return "EMERGENCY";
	case VERDICT_URGENT:
		return "URGENT";
	case VERDICT_SOON:
		return "SOON";
	default:
		return "NONE";
	}
}

int
verdict_parse(const char *s, enum verdict *v)
{
	enum verdict all[] = { VERDICT_NONE, VERDICT_SOON, VERDICT_URGENT,
	    VERDICT_EMERGENCY };
	size_t i;

	for (i = 0; i < BC_ARRAY_LEN(all); i++)
		if (strcmp(s, verdict_name(all[i])) == 0) {
			*v = all[i];
			return 0;
		}
	return -1;
}

const char *
screener_action_name(unsigned action)
{
	switch (action) {
	case ACTION_BLOCK:
		return "BLOCK";
	case ACTION_AVOID_AREA:
		return "AVOID-AREA";
	case ACTION_GENTLE:
		return "GENTLE";
	case ACTION_PREGNANCY:
		return "PREGNANCY";
	case ACTION_NO_PERCUSSION:
		return "NO-PERCUSSION";
	case ACTION_NO_EXTENSION:
		return "NO-EXTENSION";
	default:
		return "ASK";
	}
}

int
screener_action_parse(const char *name, unsigned *action)
{
	unsigned bit;

	for (bit = 1; bit <= ACTION_LAST; bit <<= 1)
		if (strcmp(name, screener_action_name(bit)) == 0) {
			*action = bit;
			return 0;
		}
	return -1;
}

void
screener_answers_init(struct screener_answers *ans)
{
	memset(ans, 0, sizeof *ans);
	ans->age = -1;
	ans->weeks = -1;
}

/* ---- the rules -------------------------------------------------------- */

struct screener_eval {
	const struct screener_answers *ans;
	struct screener_result *out;
	int e_rule;       /* reading for an E rule: no clearance applies */
};

/*
 * Checklist answers that imply their red-flag twins (section 6 item 6):
 * mc_cancer_active counts as history_of_cancer, mc_osteoporosis as
 * osteoporosis.
 */
static const char *const screener_twins[][2] = {
	{ "history_of_cancer", "mc_cancer_active" },
	{ "osteoporosis", "mc_osteoporosis" },
};

/* 1 when item i was answered yes or not sure (section 6 item 1). */
static int
screener_answered(const struct screener_answers *ans, int i)
{
	return ans->a[i] == ANSWER_YES || ans->a[i] == ANSWER_UNSURE;
}

static int
screener_index_of(const char *id)
{
	int i = screener_item_index(id);

	if (i < 0)
		fatal("screener: unknown item %s", id);
	return i;
}

static void
screener_note_item(size_t *n, int *list, int item)
{
	size_t k;

	for (k = 0; k < *n; k++)
		if (list[k] == item)
			return;
	list[(*n)++] = item;
}

/*
 * The item whose answer makes id present for the rules: id itself, else
 * its checklist twin; -1 when absent.  Outside the E rules a clearance in
 * force on id makes it absent, and is noted as used.
 */
static int
screener_source(struct screener_eval *ev, const char *id)
{
	const struct screener_answers *ans = ev->ans;
	int i = screener_index_of(id), src = -1;
	size_t t;

	if (screener_answered(ans, i))
		src = i;
	for (t = 0; src < 0 && t < BC_ARRAY_LEN(screener_twins); t++) {
		int twin;
		if (strcmp(screener_twins[t][0], id) != 0)
			continue;
		twin = screener_index_of(screener_twins[t][1]);
		if (screener_answered(ans, twin))
			src = twin;
	}
	if (src >= 0 && !ev->e_rule && ans->cleared[i]) {
		screener_note_item(&ev->out->n_cleared, ev->out->cleared, i);
		return -1;
	}
	return src;
}

/* Adds the source item's id to the list b (when present); 1 if present. */
static int
screener_take(struct screener_eval *ev, const char *id, struct buf *b)
{
	int src = screener_source(ev, id);

	if (src < 0)
		return 0;
	if (b->len > 0)
		buf_addc(b, ' ');
	buf_adds(b, screener_items[src].id);
	if (ev->ans->a[src] == ANSWER_UNSURE)
		screener_note_item(&ev->out->n_unsure, ev->out->unsure, src);
	return 1;
}

static void
screener_fire(struct screener_eval *ev, const char *rule, enum verdict v,
    const char *items)
{
	struct screener_result *out = ev->out;
	struct screener_hit *h;

	if (out->n_hits == SCREENER_MAX_HITS)
		fatal("screener: too many rules fired");
	h = &out->hits[out->n_hits++];
	snprintf(h->rule, sizeof h->rule, "%s", rule);
	snprintf(h->items, sizeof h->items, "%s", items);
	if (v > out->verdict)
		out->verdict = v;
}

/*
 * "Any of" rules: fires once, naming every present item.  ids ends with
 * NULL.
 */
static void
screener_any(struct screener_eval *ev, const char *rule, enum verdict v,
    const char *const *ids)
{
	struct buf b = BUF_INIT;

	for (; *ids != NULL; ids++)
		screener_take(ev, *ids, &b);
	if (b.len > 0)
		screener_fire(ev, rule, v, b.data);
	buf_free(&b);
}

/*
 * "Both" rules: fires when a and b are both present.  The unsure items
 * of a pair that does not fire are not noted.
 */
static void
screener_both(struct screener_eval *ev, const char *rule, enum verdict v,
    const char *a, const char *b)
{
	struct buf items = BUF_INIT;

	if (screener_source(ev, a) >= 0 && screener_source(ev, b) >= 0) {
		screener_take(ev, a, &items);
		screener_take(ev, b, &items);
		screener_fire(ev, rule, v, items.data);
	}
	buf_free(&items);
}

/*
 * Onset age compared without fractions: age - weeks/52 < limit exactly
 * when 52 * age - weeks < 52 * limit.
 */
static int
screener_onset_below(const struct screener_answers *ans, int limit)
{
	return 52L * ans->age - ans->weeks < 52L * limit;
}

static const char *const screener_e1_ids[] = { "saddle_numbness",
    "bladder_difficulty", "bladder_incontinence", "bowel_incontinence",
    "sexual_dysfunction_new", "both_legs_symptoms", "walking_difficulty_new",
    NULL };

/* E7: colicky loin pain at 55 or over. */
static void
screener_rule_e7(struct screener_eval *ev)
{
	struct buf b = BUF_INIT;

	if (ev->ans->age >= 55 && screener_source(ev, "colicky_loin_pain") >= 0) {
		screener_take(ev, "colicky_loin_pain", &b);
		buf_adds(&b, " age55");
		screener_fire(ev, "E7", VERDICT_EMERGENCY, b.data);
	}
	buf_free(&b);
}

static void
screener_rules_emergency(struct screener_eval *ev)
{
	static const char *const e2[] = { "major_trauma", NULL };
	static const char *const e3[] = { "chest_pain_or_breathless", NULL };
	static const char *const e4[] = { "sudden_severe_pain_faint", NULL };

	ev->e_rule = 1;
	screener_any(ev, "E1", VERDICT_EMERGENCY, screener_e1_ids);
	screener_any(ev, "E2", VERDICT_EMERGENCY, e2);
	screener_any(ev, "E3", VERDICT_EMERGENCY, e3);
	screener_any(ev, "E4", VERDICT_EMERGENCY, e4);
	screener_both(ev, "E5", VERDICT_EMERGENCY, "fever_or_chills",
	    "one_leg_weakness_worsening");
	screener_both(ev, "E6", VERDICT_EMERGENCY, "history_of_cancer",
	    "one_leg_weakness_worsening");
	screener_rule_e7(ev);
	ev->e_rule = 0;
}

static void
screener_rules_urgent(struct screener_eval *ev)
{
	static const char *const u1[] = { "fever_or_chills",
	    "history_of_cancer", "unexplained_weight_loss", "iv_drug_use",
	    "one_leg_weakness_worsening", "spine_shape_change_or_lump",
	    "known_aaa_or_pulsating_abdomen", NULL };
	static const char *const u3[] = { "calf_swelling_new", NULL };
	const struct screener_answers *ans = ev->ans;
	struct buf b = BUF_INIT, factors = BUF_INIT;

	screener_any(ev, "U1", VERDICT_URGENT, u1);
	/* U2, fragility fracture: minor trauma and a weak-bone factor. */
	if (screener_source(ev, "minor_trauma_onset") >= 0) {
		screener_take(ev, "osteoporosis", &factors);
		screener_take(ev, "long_term_steroids", &factors);
		if (ans->age >= 70)
			buf_adds(&factors, factors.len > 0 ? " age70" : "age70");
		if (factors.len > 0) {
			screener_take(ev, "minor_trauma_onset", &b);
			buf_printf(&b, " %s", factors.data);
			screener_fire(ev, "U2", VERDICT_URGENT, b.data);
		}
	}
	buf_free(&b);
	buf_free(&factors);
	/* U3 (section 6 item 5): possible deep vein thrombosis.  No
	 * clearance covers it. */
	ev->e_rule = 1;
	screener_any(ev, "U3", VERDICT_URGENT, u3);
	ev->e_rule = 0;
}

/* S4, axial spondyloarthritis (NICE NG65). */
static void
screener_rule_s4(struct screener_eval *ev)
{
	static const char *const criteria[] = { "night_pain_wakes",
	    "buttock_pain", "better_with_movement", "nsaid_helps",
	    "family_spa", "joint_swelling_arthritis", "heel_or_tendon_pain",
	    "psoriasis", NULL };
	const struct screener_answers *ans = ev->ans;
	const char *const *c;
	struct buf b = BUF_INIT;
	int n = 0;

	if (!screener_onset_below(ans, 45) || ans->weeks < 12)
		return;
	if (screener_onset_below(ans, 35))
		n++;
	for (c = criteria; *c != NULL; c++)
		n += screener_source(ev, *c) >= 0;
	if (n >= 3) {
		struct buf crit = BUF_INIT;
		for (c = criteria; *c != NULL; c++)
			screener_take(ev, *c, &crit);
		buf_printf(&b, "onset_age<45 weeks>=12%s%s%s",
		    screener_onset_below(ans, 35) ? " onset_age<35" : "",
		    crit.len > 0 ? " " : "", crit.len > 0 ? crit.data : "");
		buf_free(&crit);
		screener_fire(ev, "S4", VERDICT_SOON, b.data);
	}
	buf_free(&b);
}

/* A modifier rule with an age condition: "age70 first_ever_episode". */
static void
screener_with_age(struct screener_eval *ev, const char *rule,
    const char *age, const char *id)
{
	struct buf b = BUF_INIT;

	if (screener_source(ev, id) >= 0) {
		buf_adds(&b, age);
		screener_take(ev, id, &b);
		screener_fire(ev, rule, VERDICT_SOON, b.data);
	}
	buf_free(&b);
}

static void
screener_rules_soon(struct screener_eval *ev)
{
	static const char *const s1[] = { "long_term_steroids",
	    "immunosuppressed", "recent_infection", "recent_spinal_procedure",
	    "night_pain_unrelenting", "thoracic_pain",
	    "pain_worse_cough_strain", "feels_unwell", "colicky_loin_pain",
	    NULL };
	const struct screener_answers *ans = ev->ans;

	screener_any(ev, "S1", VERDICT_SOON, s1);
	if (ans->age >= 50 && ans->weeks >= 4)
		screener_with_age(ev, "S2", "age50 weeks>=4", "not_improving");
	if (ans->age >= 70)
		screener_with_age(ev, "S3", "age70", "first_ever_episode");
	screener_rule_s4(ev);
	if (ans->age < 16)
		screener_fire(ev, "S5", VERDICT_SOON, "age<16");
	else if (ans->age < 20)
		screener_with_age(ev, "S5", "age<20", "first_ever_episode");
}

void
screener_limits_apply(struct massage_limits *l, unsigned action,
    const char *region)
{
	switch (action) {
	case ACTION_BLOCK:
		l->blocked = 1;
		break;
	case ACTION_GENTLE:
		l->gentle = 1;
		break;
	case ACTION_ASK:
		l->ask = 1;
		break;
	case ACTION_AVOID_AREA:
		if (region != NULL)
			safety_limits_add_regions(l, region);
		break;
	case ACTION_PREGNANCY:
		l->pregnant = 1;
		break;
	case ACTION_NO_PERCUSSION:
		l->no_percussion = 1;
		break;
	case ACTION_NO_EXTENSION:
		l->no_extension = 1;
		break;
	}
}

static void
screener_add_action(struct screener_result *out, int item, unsigned action,
    const char *region)
{
	struct screener_action *a;

	if (out->n_actions == SCREENER_MAX_ACTIONS)
		fatal("screener: too many massage actions");
	a = &out->actions[out->n_actions++];
	a->item = item;
	a->action = action;
	snprintf(a->region, sizeof a->region, "%s", region ? region : "");
	screener_limits_apply(&out->limits, action, a->region);
	screener_limits_note_item(&out->limits, screener_items[item].id);
}

void
screener_limits_note_item(struct massage_limits *l, const char *item)
{
	/* Thin bones shape exercise steps too (movement.md 2.3). */
	if (item != NULL && (strcmp(item, "osteoporosis") == 0 ||
	    strcmp(item, "mc_osteoporosis") == 0))
		l->osteoporosis = 1;
}

/* The actions of one checklist item answered yes or not sure. */
static void
screener_massage_item(struct screener_eval *ev, int i)
{
	const struct screener_answers *ans = ev->ans;
	const struct screener_item *it = &screener_items[i];
	unsigned bit;

	if (ans->a[i] == ANSWER_UNSURE)
		screener_note_item(&ev->out->n_unsure, ev->out->unsure, i);
	for (bit = 1; bit <= ACTION_LAST; bit <<= 1) {
		if (!(it->actions & bit))
			continue;
		/* ASK means locked until cleared (section 6 item 11). */
		if (bit == ACTION_ASK && ans->cleared[i]) {
			screener_note_item(&ev->out->n_cleared,
			    ev->out->cleared, i);
			continue;
		}
		screener_add_action(ev->out, i, bit, bit != ACTION_AVOID_AREA ?
		    NULL : it->region ? it->region : ans->region[i]);
	}
	/* After spinal surgery: no massage until the surgeon clears it
	 * (1e, mc_recent_surgery). */
	if (strcmp(it->id, "mc_recent_surgery") == 0 &&
	    screener_source(ev, "recent_spinal_procedure") >= 0)
		screener_add_action(ev->out, i, ACTION_BLOCK, NULL);
}

/* The massage checklist (1e).  "Not sure" counts as yes here. */
static void
screener_massage(struct screener_eval *ev)
{
	size_t i;
	int osteo = screener_index_of("osteoporosis");

	for (i = 0; i < screener_item_count; i++)
		if (screener_items[i].tier == TIER_MASSAGE &&
		    screener_answered(ev->ans, (int)i))
			screener_massage_item(ev, (int)i);
	/* No tapping or vibration with thin bones (section 4), whichever
	 * question said so. */
	if (screener_answered(ev->ans, osteo)) {
		if (ev->ans->a[osteo] == ANSWER_UNSURE)
			screener_note_item(&ev->out->n_unsure, ev->out->unsure,
			    osteo);
		screener_add_action(ev->out, osteo, ACTION_NO_PERCUSSION,
		    NULL);
	}
}

void
screener_evaluate(const struct screener_answers *ans,
    struct screener_result *out)
{
	struct screener_eval ev = { ans, out, 0 };
	size_t i;

	memset(out, 0, sizeof *out);
	out->verdict = VERDICT_NONE;
	screener_rules_emergency(&ev);
	screener_rules_urgent(&ev);
	screener_rules_soon(&ev);
	screener_massage(&ev);
	/* Every answer "not sure" is named, those that decided nothing
	 * too: a doctor can help with each (section 6 item 1). */
	for (i = 0; i < screener_item_count; i++)
		if (ans->a[i] == ANSWER_UNSURE)
			screener_note_item(&out->n_unsure, out->unsure,
			    (int)i);
}

void
screener_evaluate_e1(const struct screener_answers *ans,
    struct screener_result *out)
{
	struct screener_eval ev = { ans, out, 1 };

	memset(out, 0, sizeof *out);
	out->verdict = VERDICT_NONE;
	screener_any(&ev, "E1", VERDICT_EMERGENCY, screener_e1_ids);
}

static int
screener_is_e1(int item)
{
	size_t i;

	for (i = 0; i < screener_e1_count; i++)
		if (screener_e1_items[i] == item)
			return 1;
	return 0;
}

/*
 * Asked whatever the verdict: the cauda equina items (section 0), and
 * chest pain and collapse, whose advice differs (call an ambulance, do
 * not drive: section 6 item 12).
 */
static int
screener_always_asked(int item)
{
	const char *id = screener_items[item].id;

	return screener_is_e1(item) ||
	    strcmp(id, "chest_pain_or_breathless") == 0 ||
	    strcmp(id, "sudden_severe_pain_faint") == 0;
}

/* 1 for a checklist item that also counts for the rules (item 6). */
static int
screener_is_twin(int item)
{
	size_t t;

	for (t = 0; t < BC_ARRAY_LEN(screener_twins); t++)
		if (strcmp(screener_twins[t][1], screener_items[item].id) == 0)
			return 1;
	return 0;
}

int
screener_next_item(const struct screener_answers *ans, int after)
{
	struct screener_result r;
	int i;

	for (i = after + 1; i < (int)screener_item_count; i++) {
		if (screener_always_asked(i))
			return i;
		screener_evaluate(ans, &r);
		if (r.verdict == VERDICT_EMERGENCY)
			continue;
		/* The checklist matters only when routines may open; its
		 * twins can still raise the verdict. */
		if (screener_items[i].tier != TIER_MASSAGE ||
		    r.verdict == VERDICT_NONE || screener_is_twin(i))
			return i;
	}
	return -1;
}

/*
 * Items a clinician's clearance may cover (section 6 item 11): the ASK
 * checklist items, and the history items of rules U1, U2 and S1 to S5
 * that stay true after a doctor has assessed them.  Symptoms that should
 * pass (fever, weight loss, night pain, ...) need a new check instead;
 * the E items, calf_swelling_new (U3) and one_leg_weakness_worsening are
 * never cleared.
 */
static const char *const screener_clearable_ids[] = {
	"history_of_cancer", "known_aaa_or_pulsating_abdomen",
	"spine_shape_change_or_lump", "long_term_steroids", "immunosuppressed",
	"recent_spinal_procedure", "thoracic_pain", "osteoporosis",
	"not_improving", "first_ever_episode",
	"night_pain_wakes", "buttock_pain", "better_with_movement",
	"nsaid_helps", "family_spa", "psoriasis", "joint_swelling_arthritis",
	"heel_or_tendon_pain",
	"mc_dvt_history", "mc_cancer_active", "mc_pregnancy",
	"mc_uncontrolled_bp_heart",
	NULL
};

int
screener_clearable(int item)
{
	const char *const *c;

	if (item < 0 || (size_t)item >= screener_item_count)
		return 0;
	for (c = screener_clearable_ids; *c != NULL; c++)
		if (strcmp(*c, screener_items[item].id) == 0)
			return 1;
	return 0;
}

