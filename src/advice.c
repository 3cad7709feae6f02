/*
 * advice.c: the words a verdict brings (advice.h).
 *
 * The texts are written for a person alone at home, in plain words; each
 * rule says what it could mean, what to do and how fast, and what to say
 * on arrival.  "{num}" stands for the emergency number and "{items}" for
 * the person's own signs, in the first person.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advice.h"
#include "catalogue.h"
#include "clearance.h"
#include "day.h"
#include "screener.h"
#include "util.h"

struct advice_rule {
	const char *rule;
	const char *name;
	const char *means;
	const char *todo;
	const char *say;
};

#define TODAY_GP "See a doctor today: ask for an urgent GP appointment, " \
	"or call your out-of-hours service (111 in the UK). "
#define SOON_GP "Book an appointment with a doctor or physiotherapist " \
	"within the next 1 to 2 weeks, and skip massage until then. Go " \
	"sooner if it gets worse."

static const struct advice_rule advice_rules[] = {
	{ "E1", "possible cauda equina syndrome",
	  "The bundle of nerves at the bottom of your spine may be squeezed "
	  "(cauda equina syndrome). Treated within hours, lasting harm to "
	  "the bladder, bowel, sex life and legs can often be prevented.",
	  "Go to the emergency department (A&E) now, or call {num}. Do not "
	  "wait for a GP appointment, and do not wait to see if it passes.",
	  "I have back pain and {items}. I am worried about cauda equina "
	  "syndrome." },
	{ "E2", "possible broken bone in the spine after an accident",
	  "A serious accident can break a bone in the spine, even when it "
	  "does not hurt much at first.",
	  "Go to the emergency department now, or call {num}. If your legs "
	  "feel weak or numb, or moving hurts a lot, keep still and call "
	  "{num} for an ambulance.",
	  "I hurt my back in a serious accident. I am worried I have broken "
	  "a bone in my spine." },
	{ "E3", "chest pain or breathlessness",
	  "Chest pain, pain spreading to the arm or jaw, or new "
	  "breathlessness with back pain can come from the heart, the lungs "
	  "or the main artery (the aorta).",
	  "Call {num} now and ask for an ambulance. Do not drive yourself. "
	  "Sit and rest while you wait, and unlock the door if you can.",
	  "I have back pain and {items}." },
	{ "E4", "possible bleeding from the main artery (aorta)",
	  "Sudden severe back or tummy pain with feeling faint, cold, "
	  "clammy or collapsing can mean the main artery in the tummy (an "
	  "aortic aneurysm) is bleeding.",
	  "Call {num} now and ask for an ambulance. Do not drive yourself. "
	  "Lie down while you wait, and unlock the door if you can.",
	  "I have sudden severe back pain and I feel faint. I am worried "
	  "about an aortic aneurysm." },
	{ "E5", "possible infection pressing on the spinal nerves",
	  "A fever with a leg that is getting weaker can mean an infection "
	  "next to the spinal cord (an epidural abscess).",
	  "Go to the emergency department now, or call {num}.",
	  "I have back pain, {items}. I am worried about an infection in my "
	  "spine." },
	{ "E6", "possible cancer pressing on the spinal cord",
	  "After cancer, a leg that is getting weaker can mean cancer in the "
	  "spine pressing on the spinal cord. It needs a scan within 24 "
	  "hours.",
	  "Go to the emergency department now, or call {num}. If your cancer "
	  "team gave you a helpline number, call it too.",
	  "I have had cancer, and now I have back pain and one leg getting "
	  "weaker. I am worried about spinal cord compression." },
	{ "E7", "pain in the side at 55 or over",
	  "Pain in one side that comes in waves can feel like a kidney "
	  "stone, but at 55 or over it can come from the main artery (an "
	  "aortic aneurysm).",
	  "Go to the emergency department now, or call {num}.",
	  "I am over 55 and have pain in my side that comes in waves. I am "
	  "worried about an aortic aneurysm." },
	{ "U1", "a sign of a serious cause",
	  "Your answers can be a sign of an infection, cancer, a fracture, "
	  "nerve damage or a problem with the main artery. Most people with "
	  "them turn out to be fine, but a doctor should check today.",
	  TODAY_GP "Do not massage until a doctor has seen you.",
	  "I have back pain and {items}." },
	{ "U2", "possible fracture of a weakened bone",
	  "A minor fall, slip or lift can break a weakened bone in the spine "
	  "(a fragility fracture).",
	  TODAY_GP "Do not massage until a doctor has seen you.",
	  "My back pain started after a minor fall or strain. I also have "
	  "{items}. I am worried about a fracture." },
	{ "U3", "possible blood clot in the leg",
	  "A new painful, swollen, red or warm calf can be a blood clot in a "
	  "deep vein of the leg (deep vein thrombosis).",
	  TODAY_GP "Do not massage your legs or anywhere else until then. "
	  "Call {num} at once if you become breathless, have chest pain or "
	  "cough up blood.",
	  "One of my calves is newly painful and swollen. I am worried about "
	  "a blood clot." },
	{ "S1", "a sign a doctor should look at",
	  "Your answers can, now and then, point to an infection, cancer, a "
	  "fracture or a problem of an organ near the spine. Most often they "
	  "do not, but a doctor should check.",
	  SOON_GP,
	  "I have back pain and {items}." },
	{ "S2", "pain not getting better at 50 or over",
	  "Back pain that has not got better after 4 weeks, at 50 or over, "
	  "is worth a doctor's check.",
	  SOON_GP,
	  "I am over 50 and my back pain has not got better in 4 weeks." },
	{ "S3", "first back pain at 70 or over",
	  "A first ever bout of back pain at 70 or over is worth a doctor's "
	  "check, to rule out a fracture.",
	  SOON_GP,
	  "I am over 70 and this is the first back pain I have had." },
	{ "S4", "possible inflammatory back pain",
	  "Your answers fit inflammatory back pain (axial "
	  "spondyloarthritis), which a rheumatologist can diagnose and "
	  "treat.",
	  SOON_GP " Ask whether you should see a rheumatologist.",
	  "My back pain began before I was 45 and has lasted over 3 months. I "
	  "also have {items}. Could it be axial spondyloarthritis?" },
	{ "S5", "back pain at a young age",
	  "Back pain in children, and new back pain before 20, is less often "
	  "a simple strain, so a doctor should look.",
	  SOON_GP,
	  "I am young and have back pain for the first time." },
};

/* The person's own signs, in the first person, for "what to say". */
static const char *const advice_phrases[][2] = {
	{ "saddle_numbness", "new numbness around my bottom or genitals" },
	{ "bladder_difficulty", "new trouble passing urine" },
	{ "bladder_incontinence", "new leaking of urine" },
	{ "bowel_incontinence", "new loss of control of my bowels" },
	{ "sexual_dysfunction_new", "new loss of sexual feeling" },
	{ "both_legs_symptoms", "new pain, numbness or weakness in both legs" },
	{ "walking_difficulty_new", "legs that newly feel heavy or clumsy" },
	{ "chest_pain_or_breathless", "chest pain or new shortness of breath" },
	{ "fever_or_chills", "a fever or chills" },
	{ "history_of_cancer", "a history of cancer" },
	{ "mc_cancer_active", "cancer treatment now" },
	{ "unexplained_weight_loss", "weight loss without trying" },
	{ "iv_drug_use", "injecting drugs" },
	{ "one_leg_weakness_worsening", "one leg getting weaker" },
	{ "spine_shape_change_or_lump", "a new change of shape or lump on my "
	  "spine" },
	{ "known_aaa_or_pulsating_abdomen", "an aortic aneurysm or a "
	  "throbbing lump in my tummy" },
	{ "long_term_steroids", "steroid tablets taken for months" },
	{ "osteoporosis", "thin bones (osteoporosis)" },
	{ "mc_osteoporosis", "fragile bones" },
	{ "immunosuppressed", "a weakened immune system" },
	{ "recent_infection", "a recent bacterial infection" },
	{ "recent_spinal_procedure", "a spinal operation or injection in the "
	  "last 3 months" },
	{ "night_pain_unrelenting", "severe pain at night that nothing eases" },
	{ "thoracic_pain", "pain mainly in my upper or middle back" },
	{ "pain_worse_cough_strain", "pain that is worse when I cough or "
	  "strain" },
	{ "feels_unwell", "feeling unwell in a new way" },
	{ "colicky_loin_pain", "pain in my side that comes in waves" },
	{ "night_pain_wakes", "pain that wakes me at night" },
	{ "buttock_pain", "pain deep in my buttocks" },
	{ "better_with_movement", "pain that eases when I move" },
	{ "nsaid_helps", "anti-inflammatory painkillers that help a lot" },
	{ "family_spa", "a relative with spondyloarthritis" },
	{ "psoriasis", "psoriasis" },
	{ "joint_swelling_arthritis", "swollen joints" },
	{ "heel_or_tendon_pain", "painful heels or tendons" },
};

void
advice_add(struct advice *a, const char *label, enum advice_tone tone,
    const char *text)
{
	a->p = xgrow(a->p, a->n, sizeof *a->p);
	a->p[a->n++] = (struct advice_para){ label, xstrdup(text), tone };
}

void
advice_free(struct advice *a)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		free(a->p[i].text);
	free(a->p);
	a->p = NULL;
	a->n = 0;
}

char *
advice_number(const char *number)
{
	if (strcmp(number, ADVICE_DEFAULT_NUMBER) == 0)
		return xasprintf("%s (999 in the UK, 911 in the US)", number);
	return xstrdup(number);
}

/* Copies text with {num} and {items} filled in.  Caller frees. */
static char *
advice_fill(const char *text, const char *number, const char *items)
{
	struct buf b = BUF_INIT;
	char *num = advice_number(number);
	const char *p;

	for (p = text; *p != '\0'; p++) {
		if (strncmp(p, "{num}", 5) == 0) {
			buf_adds(&b, num);
			p += 4;
		} else if (strncmp(p, "{items}", 7) == 0) {
			buf_adds(&b, items);
			p += 6;
		} else
			buf_addc(&b, *p);
	}
	free(num);
	return buf_detach(&b);
}

char *
advice_safety_net(const char *number)
{
	return advice_fill("Stop and get help at once if any of these "
	    "appear: new numbness or tingling around your bottom, genitals or "
	    "inner thighs; new trouble starting to pee, a weak stream or not "
	    "emptying your bladder; leaking urine or stools, or not feeling "
	    "them pass; new loss of sexual feeling; new pain, numbness or "
	    "weakness in both legs; legs that feel heavy or clumsy, or "
	    "walking that is suddenly harder. Then go to the emergency "
	    "department or call {num} now. With chest pain, or if you feel "
	    "faint, call {num} for an ambulance and do not drive. Do the "
	    "safety check again in 7 days, or at once if anything new "
	    "appears.", number, "");
}

const char *
advice_rule_name(const char *rule)
{
	size_t i;

	for (i = 0; i < BC_ARRAY_LEN(advice_rules); i++)
		if (strcmp(advice_rules[i].rule, rule) == 0)
			return advice_rules[i].name;
	return NULL;
}

static const struct advice_rule *
advice_rule(const char *rule)
{
	size_t i;

	for (i = 0; i < BC_ARRAY_LEN(advice_rules); i++)
		if (strcmp(advice_rules[i].rule, rule) == 0)
			return &advice_rules[i];
	return NULL;
}

/* The verdict a rule gives on its own, from its letter. */
static enum verdict
advice_rule_tier(const char *rule)
{
	return rule[0] == 'E' ? VERDICT_EMERGENCY : rule[0] == 'U' ?
	    VERDICT_URGENT : VERDICT_SOON;
}

static int
advice_fired(const struct screener_result *r, const char *rule)
{
	size_t i;

	for (i = 0; i < r->n_hits; i++)
		if (strcmp(r->hits[i].rule, rule) == 0)
			return 1;
	return 0;
}

/* The ids of the items that took action (one ACTION_* bit), "a, b". */
static void
advice_action_items(const struct screener_result *r, unsigned action,
    struct buf *b, int cautions)
{
	size_t i, n = 0;

	for (i = 0; i < r->n_actions; i++) {
		const struct screener_item *it = &screener_items[r->actions[i].item];
		if (r->actions[i].action != action)
			continue;
		buf_adds(b, n++ > 0 ? "; " : "");
		buf_adds(b, cautions && it->caution ? it->caution : it->id);
	}
}

/*
 * NONE: no warning signs.  When the checklist blocks massage or asks for
 * a clinician, its reason replaces any word of open routines (section 6
 * items 7 and 11).
 */
static char *
advice_headline_none(const struct screener_result *r)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, "No warning signs came up.");
	if (r->limits.blocked) {
		buf_adds(&b, " But no massage for now: ");
		advice_action_items(r, ACTION_BLOCK, &b, 1);
		buf_adds(&b, ". The routines stay locked; do the safety check "
		    "again once that has changed.");
	} else if (r->limits.ask) {
		buf_adds(&b, " But massage needs a clinician's clearance "
		    "first, for: ");
		advice_action_items(r, ACTION_ASK, &b, 0);
		buf_adds(&b, ". The routines stay locked until your doctor or "
		    "therapist writes the clearance into your homework plan "
		    "(see 'man 5 backcare'); then do the safety check again.");
	} else
		buf_adds(&b, " Keep an eye on the signs below.");
	return buf_detach(&b);
}

char *
advice_headline(const struct screener_result *r, const char *number)
{
	switch (r->verdict) {
	case VERDICT_EMERGENCY:
		if (advice_fired(r, "E3") || advice_fired(r, "E4"))
			return advice_fill("Call {num} now and ask for an "
			    "ambulance. Do not drive yourself. Do not "
			    "massage.", number, "");
		return advice_fill("Go to the emergency department or call "
		    "{num} now. Do not wait for a GP appointment. Do not "
		    "massage.", number, "");
	case VERDICT_URGENT:
		return xstrdup(TODAY_GP "Do not massage until a doctor has "
		    "seen you.");
	case VERDICT_SOON:
		return xstrdup("Book an appointment with a doctor or "
		    "physiotherapist within the next 1 to 2 weeks. Skip "
		    "massage until then.");
	default:
		return advice_headline_none(r);
	}
}

char *
advice_headline_stored(enum verdict v, const char *rules, const char *number)
{
	struct screener_result r;
	char *copy = xstrdup(rules != NULL ? rules : ""), *tok, *save = NULL;
	char *text;

	memset(&r, 0, sizeof r);
	r.verdict = v;
	for (tok = strtok_r(copy, " ", &save); tok != NULL &&
	    r.n_hits < SCREENER_MAX_HITS; tok = strtok_r(NULL, " ", &save))
		snprintf(r.hits[r.n_hits++].rule, sizeof r.hits[0].rule, "%s",
		    tok);
	free(copy);
	text = advice_headline(&r, number);
	return text;
}

/* "a, b and c" from the items of a hit that have phrases. */
static char *
advice_items(const char *items)
{
	char *copy = xstrdup(items), *tok, *save = NULL;
	const char *said[16];
	size_t n = 0, i;
	struct buf b = BUF_INIT;

	for (tok = strtok_r(copy, " ", &save); tok != NULL && n < 16;
	    tok = strtok_r(NULL, " ", &save))
		for (i = 0; i < BC_ARRAY_LEN(advice_phrases); i++)
			if (strcmp(advice_phrases[i][0], tok) == 0)
				said[n++] = advice_phrases[i][1];
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_adds(&b, i + 1 == n ? " and " : ", ");
		buf_adds(&b, said[i]);
	}
	free(copy);
	return n > 0 ? buf_detach(&b) : (buf_free(&b), xstrdup("these signs"));
}

static void
advice_rules_add(const struct advice_input *in, struct advice *out)
{
	const struct screener_result *r = in->result;
	const struct advice_rule *ar;
	enum advice_tone tone;
	size_t i;
	char *line, *items;

	for (i = 0; i < r->n_hits; i++) {
		ar = advice_rule(r->hits[i].rule);
		line = xasprintf("%s %s", r->hits[i].rule, r->hits[i].items);
		advice_add(out, "rule", ADVICE_QUIET, line);
		free(line);
		if (ar == NULL)
			continue;
		/* A rule below the verdict says what it could mean; what to
		 * do comes from the rules that decided the verdict, so a
		 * frightened reader gets one instruction. */
		if (advice_rule_tier(ar->rule) < r->verdict) {
			line = xasprintf("%s (%s): %s", ar->name, ar->rule,
			    ar->means);
			advice_add(out, "also", ADVICE_PLAIN, line);
			free(line);
			continue;
		}
		tone = r->hits[i].rule[0] == 'S' ? ADVICE_STRONG :
		    ADVICE_DANGER;
		line = xasprintf("%s (%s): %s", ar->name, ar->rule, ar->means);
		advice_add(out, "what it could mean", ADVICE_PLAIN, line);
		free(line);
		line = advice_fill(ar->todo, in->number, "");
		advice_add(out, "what to do", tone, line);
		free(line);
		items = advice_items(r->hits[i].items);
		line = advice_fill(ar->say, in->number, items);
		free(items);
		items = xasprintf("\"%s\"", line);
		advice_add(out, "what to say", ADVICE_PLAIN, items);
		free(items);
		free(line);
	}
}

/* The question of item, or its id when there is no catalogue. */
static const char *
advice_question(const struct advice_input *in, int item)
{
	if (in->cat != NULL && in->cat->e[item].question != NULL)
		return in->cat->e[item].question;
	return screener_items[item].id;
}

static void
advice_unsure_add(const struct advice_input *in, struct advice *out)
{
	const struct screener_result *r = in->result;
	struct buf b = BUF_INIT;
	size_t i;

	if (r->n_unsure == 0)
		return;
	buf_adds(&b, "You were not sure about: ");
	for (i = 0; i < r->n_unsure; i++)
		buf_printf(&b, "%s\"%s\" (%s)", i > 0 ? "; " : "",
		    advice_question(in, r->unsure[i]),
		    screener_items[r->unsure[i]].id);
	buf_adds(&b, ". Not sure counts as yes, to be safe; a doctor, your "
	    "midwife or your therapist can help you decide.");
	advice_add(out, "not sure", ADVICE_STRONG, b.data);
	buf_free(&b);
}

static void
advice_clearances_add(const struct advice_input *in, struct advice *out)
{
	const struct screener_result *r = in->result;
	const struct clearance *c;
	char until[11], *line;
	size_t i;

	for (i = 0; i < r->n_cleared; i++) {
		const char *id = screener_items[r->cleared[i]].id;
		c = clearance_find(in->clearances, in->n_clearances, id,
		    in->today);
		if (c == NULL)
			continue;
		day_format(c->until, until);
		line = xasprintf("%s, cleared by %s until %s", id, c->by,
		    until);
		advice_add(out, "clearance", ADVICE_PLAIN, line);
		free(line);
	}
}

static void
advice_massage_add(const struct advice_input *in, struct advice *out)
{
	const struct screener_result *r = in->result;
	const struct screener_action *a;
	char *line;
	size_t i;

	for (i = 0; i < r->n_actions; i++) {
		a = &r->actions[i];
		line = xasprintf("%s %s%s%s", screener_action_name(a->action),
		    screener_items[a->item].id, a->region[0] ? " " : "",
		    a->region);
		advice_add(out, a->action == ACTION_NO_EXTENSION ?
		    "exercise" : "massage", ADVICE_QUIET, line);
		free(line);
	}
	for (i = 0; i < r->n_actions; i++) {
		const char *caution = screener_items[r->actions[i].item].caution;
		if (caution == NULL && r->actions[i].action ==
		    ACTION_NO_PERCUSSION)
			caution = "no tapping or vibration: thin bones could "
			    "be hurt";
		/* One caution per item, however many actions it took. */
		if (caution == NULL || (i > 0 &&
		    r->actions[i - 1].item == r->actions[i].item))
			continue;
		advice_add(out, "caution", r->actions[i].action ==
		    ACTION_BLOCK ? ADVICE_STRONG : ADVICE_PLAIN, caution);
	}
}

void
advice_build(const struct advice_input *in, struct advice *out)
{
	char *text;

	memset(out, 0, sizeof *out);
	text = advice_headline(in->result, in->number);
	advice_add(out, "advice", in->result->verdict >= VERDICT_URGENT ?
	    ADVICE_DANGER : ADVICE_STRONG, text);
	free(text);
	advice_rules_add(in, out);
	advice_unsure_add(in, out);
	advice_clearances_add(in, out);
	if (!in->recheck)
		advice_massage_add(in, out);
	text = advice_safety_net(in->number);
	advice_add(out, "safety net", ADVICE_PLAIN, text);
	free(text);
}
