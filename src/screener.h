/*
 * screener.h: the red-flag screener, exactly as the clinical reference
 * (red-flags.md sections 1a-1e) says.
 *
 * Pure: no curses, no SQL, no I/O.  The items and their tiers are fixed
 * here because the rules name them; the wording of the questions is
 * content (content/screener/questions.md, read by catalogue.c) and a test
 * keeps the two in step.  The verdict is the highest rule that fires; the
 * massage checklist (1e) never changes it, it only sets massage limits.
 */
#ifndef BACKCARE_SCREENER_H
#define BACKCARE_SCREENER_H

#include <stddef.h>

#include "diag.h"
#include "safety.h"

enum screener_tier {
	TIER_EMERGENCY,     /* 1a, escalates alone to EMERGENCY */
	TIER_URGENT,        /* 1a, alone to URGENT */
	TIER_SOON,          /* 1a, alone to SOON */
	TIER_MODIFIER,      /* 1b, counts only in combinations */
	TIER_MASSAGE        /* 1e, the massage checklist */
};

/* Massage checklist actions (bit flags). */
#define ACTION_BLOCK      0x01u
#define ACTION_AVOID_AREA 0x02u
#define ACTION_GENTLE     0x04u
#define ACTION_ASK        0x08u
#define ACTION_PREGNANCY  0x10u   /* no steps lying on the back or front,
				     light pressure on the legs */
#define ACTION_NO_PERCUSSION 0x20u   /* no tapotement or vibration */
#define ACTION_NO_EXTENSION 0x40u    /* movement.md 2.3 S: bending back
					only at its lowest level, or not */
#define ACTION_LAST       ACTION_NO_EXTENSION

struct screener_item {
	const char *id;
	enum screener_tier tier;
	const char *points_to;     /* condition codes: "CES", "FRA, INF" */
	unsigned actions;          /* massage items: ACTION_* */
	const char *region;        /* massage items with a fixed region */
	const char *caution;       /* massage items: what the action means */
};

extern const struct screener_item screener_items[];
extern const size_t screener_item_count;

/* The index of id in screener_items, or -1. */
int screener_item_index(const char *id);

/* Indexes of the seven cauda equina (rule E1) items, asked every time. */
extern const int screener_e1_items[];
extern const size_t screener_e1_count;

enum answer {
	ANSWER_NO = 0,     /* also: not asked, not listed */
	ANSWER_YES,
	ANSWER_UNSURE
};

const char *answer_name(enum answer a);   /* "no", "yes", "unsure" */
int answer_parse(const char *s, enum answer *a);

/* The regions routines use; AVOID-AREA answers name some of them. */
extern const char *const screener_regions[];
extern const size_t screener_region_count;

#define SCREENER_MAX_ITEMS 64
#define SCREENER_REGIONS_LEN 128

struct screener_answers {
	int age;                                  /* years, 0-120 */
	int weeks;                                /* this episode, 0-520 */
	enum answer a[SCREENER_MAX_ITEMS];        /* by item index */
	/* AVOID-AREA items: the regions, comma-separated ("" if none). */
	char region[SCREENER_MAX_ITEMS][SCREENER_REGIONS_LEN];
	/* 1: a clinician's clearance in force covers the item (set by the
	 * caller from the plan; see screener_clearable()). */
	unsigned char cleared[SCREENER_MAX_ITEMS];
};

/* One rule that fired, with the items behind it ("E1", "saddle_numbness
 * bladder_difficulty"). */
struct screener_hit {
	char rule[4];
	char items[256];
};

/* One massage checklist action taken. */
struct screener_action {
	int item;                    /* item index */
	unsigned action;             /* one ACTION_* bit */
	char region[SCREENER_REGIONS_LEN];
};

#define SCREENER_MAX_HITS 20
#define SCREENER_MAX_ACTIONS 32

struct screener_result {
	enum verdict verdict;
	size_t n_hits;
	struct screener_hit hits[SCREENER_MAX_HITS];
	size_t n_actions;
	struct screener_action actions[SCREENER_MAX_ACTIONS];
	struct massage_limits limits;
	/* Items answered "not sure" (section 6 item 1), by index: first
	 * those that made a rule fire or an action apply, then the rest. */
	size_t n_unsure;
	int unsure[SCREENER_MAX_ITEMS];
	/* Items whose clearance changed the outcome, by index. */
	size_t n_cleared;
	int cleared[SCREENER_MAX_ITEMS];
};

/* Clears answers: everything "no", age and weeks -1 (not given). */
void screener_answers_init(struct screener_answers *ans);

/*
 * Applies the rules to ans (age and weeks must be set).  "Not sure"
 * counts as yes for every item a rule reads, and for the massage
 * checklist (red-flags.md section 6 item 1); mc_cancer_active counts as
 * history_of_cancer and mc_osteoporosis as osteoporosis (item 6).  An
 * item cleared in ans->cleared counts as absent for the rules other than
 * E1-E7 and U3, and its ASK action is lifted (item 11).
 */
void screener_evaluate(const struct screener_answers *ans,
    struct screener_result *out);

/* Applies rule E1 alone: the re-check before a routine. */
void screener_evaluate_e1(const struct screener_answers *ans,
    struct screener_result *out);

/*
 * The next item to ask after item `after` (-1 to start), given the
 * answers so far (with ans->cleared set from the clearances in force),
 * or -1 when the check is complete.  Red flags, then modifiers, then the
 * massage checklist.  The E1 items, chest pain and collapse are always
 * asked; once the verdict is EMERGENCY nothing else is.  The checklist
 * is asked when the verdict is NONE (it matters only when routines open),
 * and its twins (mc_cancer_active, mc_osteoporosis) whenever they can
 * still raise the verdict.
 */
int screener_next_item(const struct screener_answers *ans, int after);

/* "BLOCK", "AVOID-AREA", "GENTLE", "ASK", "PREGNANCY" or
 * "NO-PERCUSSION" for one ACTION_* bit. */
const char *screener_action_name(unsigned action);
/* The bit for one of those names; returns 0 or -1. */
int screener_action_parse(const char *name, unsigned *action);

/* Applies one ACTION_* bit (region for AVOID-AREA, else ignored) to l. */
/* Marks what an action's item says beyond the action (thin bones). */
void screener_limits_note_item(struct massage_limits *l, const char *item);
void screener_limits_apply(struct massage_limits *l, unsigned action,
    const char *region);

/* 1 when a clinician's clearance may cover item (section 6 item 11). */
int screener_clearable(int item);

/* The regions as one line, "lower back, upper back, ...", for messages
 * and questions (static). */
const char *screener_region_list(void);
/* 1 when region is one of screener_regions. */
int screener_region_valid(const char *region);

/*
 * Checks a comma-separated list of regions.  Returns 0, or -1 with the
 * first unknown region copied into bad (badlen bytes).
 */
int screener_regions_check(const char *list, char *bad, size_t badlen);

/*
 * Reads an answers file: lines "ID=yes|no|unsure", "ID.region=R[, R]",
 * "age=N", "weeks=N", blank lines and # comments.  name is how messages
 * name the file.  Returns 0, or -1 with every problem in d ("name:3:
 * unknown item 'sadle_numbness'").
 */
int screener_parse_answers(const char *name, const char *text, size_t len,
    struct screener_answers *ans, struct diag *d);

#endif
