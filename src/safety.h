/*
 * safety.h: what the safety check hands to the rest of the program.
 *
 * The screener (screener.c, the safety-check part) decides verdicts; the
 * routines and the progress view only need the verdict, the massage limits
 * it set, and whether routines are open now.  This header is that
 * contract; it is pure (no curses, no SQL).
 */
#ifndef BACKCARE_SAFETY_H
#define BACKCARE_SAFETY_H

#include <stddef.h>
#include <stdint.h>

/* Ordered: a higher value is more urgent. */
enum verdict {
	VERDICT_NONE = 0,
	VERDICT_SOON,
	VERDICT_URGENT,
	VERDICT_EMERGENCY
};

/* "NONE", "SOON", "URGENT", "EMERGENCY". */
const char *verdict_name(enum verdict v);
/* Parses those names; returns 0 or -1. */
int verdict_parse(const char *s, enum verdict *v);

/*
 * The massage checklist's result (red-flags.md section 1e), carried into
 * the routines.  gentle: effleurage only, no deep pressure, stripping,
 * ischaemic compression or tapotement.  avoid_regions: routine regions to
 * skip ("legs", "lower back", ...).
 */
#define SAFETY_MAX_REGIONS 16
struct massage_limits {
	int blocked;            /* no massage until cleared */
	int gentle;
	int ask;                /* clinician sign-off needed, not given */
	int pregnant;           /* no lying on the back or front; light legs */
	int no_percussion;      /* no tapotement or vibration */
	int osteoporosis;       /* thin bones: exercise steps adapted */
	int no_extension;       /* stenosis or spondylolisthesis, worse
	                         * bending back: extension steps at their
	                         * lowest level only (movement.md 2.3 S) */
	size_t n_avoid;
	char avoid_regions[SAFETY_MAX_REGIONS][32];
};

/* Adds the comma-separated regions to l->avoid_regions, once each. */
void safety_limits_add_regions(struct massage_limits *l, const char *regions);

/* What the stored checks say about starting a routine now. */
enum gate_state {
	GATE_NO_CHECK,        /* never checked: locked */
	GATE_UNSAVED,         /* this run's check could not be saved: locked */
	GATE_FLAGGED,         /* latest verdict is not NONE: locked */
	GATE_CLOCK,           /* the clock reads before the last check */
	GATE_EXPIRED,         /* last NONE full check is 7 days old or more */
	GATE_OLD_RULES,       /* checked under an earlier version's rules */
	GATE_BLOCKED,         /* NONE, but the massage checklist said BLOCK */
	GATE_ASK,             /* NONE, but a clinician must clear massage */
	GATE_CLEARANCE_ENDED, /* a clearance the check used has ended */
	GATE_RECHECK,         /* open after the E1 questions are asked again */
	GATE_OPEN             /* open: a full check was completed < 60 min ago */
};

#define GATE_VALID_S (7 * 24 * 3600)     /* a NONE full check lasts 7 days */
#define GATE_RECHECK_S (60 * 60)         /* no re-check within 60 minutes
					    of a full check (section 6 item 4) */

/*
 * The version of the rules a check is decided by.  A stored check made
 * under an earlier version does not open the routines (version 2: "not
 * sure" counts everywhere, the calf rule, clearances, red-flags.md
 * section 6; version 3: rule S of movement.md 2.3, whose question shapes
 * the exercise routines).
 */
#define SAFETY_RULES_VERSION 3

/* The facts gating needs, read from the store by its caller.  "Latest"
 * means the last stored, whatever its clock time (section 6 item 2). */
struct gate_input {
	int have_full;             /* any full check stored */
	int64_t last_full_at;      /* the latest full check */
	enum verdict last_full_verdict;
	int last_full_rules;       /* its SAFETY_RULES_VERSION */
	int clearance_ended;       /* a clearance it used has ended */
	int have_any;              /* any check (full or re-check) stored */
	int64_t last_any_at;       /* the latest check of either kind */
	enum verdict last_any_verdict;
	struct massage_limits limits;   /* from the latest full check */
	int unsaved;               /* a check in this process failed to save */
};

/*
 * Decides whether a routine may start at time now (Unix seconds).  Pure.
 * The latest verdict of any kind wins: a later flag locks routines again.
 * A clock that reads earlier than the last check expires its window.
 */
enum gate_state safety_gate(const struct gate_input *in, int64_t now);

/* One plain sentence saying why routines are locked and what unlocks them
 * (or that they are open).  Static storage. */
const char *safety_gate_reason(enum gate_state g);

/* 1 when a routine may start (perhaps after the E1 re-check). */
int safety_gate_open(enum gate_state g);

/*
 * 1 when what a check found keeps the routines locked (a verdict other
 * than NONE, a massage BLOCK, a clearance missing or ended, a check that
 * could not be saved), not merely its age or absence: then no text may
 * say or imply that the routines can be done (red-flags.md section 6
 * items 3, 7 and 11), and the check's own advice is shown instead.
 */
int safety_gate_by_verdict(enum gate_state g);

#endif
