/*
 * safety.c: whether routines may start now (see safety.h).  Pure.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "safety.h"
#include "util.h"

void
safety_limits_add_regions(struct massage_limits *l, const char *regions)
{
	char copy[256], *r, *save = NULL;
	size_t i;
	int seen;

	snprintf(copy, sizeof copy, "%s", regions);
	for (r = strtok_r(copy, ",", &save); r != NULL;
	    r = strtok_r(NULL, ",", &save)) {
		r = util_trim(r);
		seen = 0;
		for (i = 0; i < l->n_avoid; i++)
			seen |= strcmp(l->avoid_regions[i], r) == 0;
		if (*r != '\0' && !seen && l->n_avoid < SAFETY_MAX_REGIONS)
			snprintf(l->avoid_regions[l->n_avoid++],
			    sizeof l->avoid_regions[0], "%s", r);
	}
}

enum gate_state
safety_gate(const struct gate_input *in, int64_t now)
{
	if (in->unsaved)
		return GATE_UNSAVED;
	if (!in->have_full)
		return GATE_NO_CHECK;
	/* The latest answer of any kind wins: a later flag locks again. */
	if (in->have_any && in->last_any_verdict != VERDICT_NONE)
		return GATE_FLAGGED;
	if (in->last_full_verdict != VERDICT_NONE)
		return GATE_FLAGGED;
	if (now < in->last_full_at || (in->have_any && now < in->last_any_at))
		return GATE_CLOCK;
	if (now - in->last_full_at >= GATE_VALID_S)
		return GATE_EXPIRED;
	if (in->last_full_rules < SAFETY_RULES_VERSION)
		return GATE_OLD_RULES;
	if (in->limits.blocked)
		return GATE_BLOCKED;
	if (in->limits.ask)
		return GATE_ASK;
	if (in->clearance_ended)
		return GATE_CLEARANCE_ENDED;
	if (now - in->last_full_at < GATE_RECHECK_S)
		return GATE_OPEN;
	return GATE_RECHECK;
}

int
safety_gate_open(enum gate_state g)
{
	return g == GATE_OPEN || g == GATE_RECHECK;
}

int
safety_gate_by_verdict(enum gate_state g)
{
	return g == GATE_FLAGGED || g == GATE_UNSAVED || g == GATE_BLOCKED ||
	    g == GATE_ASK || g == GATE_CLEARANCE_ENDED;
}

const char *
safety_gate_reason(enum gate_state g)
{
	switch (g) {
	case GATE_NO_CHECK:
		return "Routines are locked until you have done the safety "
		    "check. Choose Safety check on the home screen.";
	case GATE_UNSAVED:
		return "Routines are locked: your last safety check was not "
		    "finished, or could not be saved. Its advice still stands. "
		    "Do the safety check again (if it could not be saved, free "
		    "some space or fix the progress file first).";
	case GATE_FLAGGED:
		return "Routines are locked: your last safety check found "
		    "warning signs. Follow its advice and see a doctor; do the "
		    "safety check again once a doctor has cleared you.";
	case GATE_CLOCK:
		return "Routines are locked: your computer's clock reads "
		    "earlier than your last safety check, so backcare cannot "
		    "tell how old it is. Do the safety check again.";
	case GATE_EXPIRED:
		return "Routines are locked: your last safety check is 7 days "
		    "old or more. Do the safety check again to unlock them.";
	case GATE_OLD_RULES:
		return "Routines are locked: the safety check has changed "
		    "since your last one. Do the safety check again to unlock "
		    "them.";
	case GATE_BLOCKED:
		return "Routines are locked: the massage checks said no "
		    "massage for now. Do the safety check again once that has "
		    "changed.";
	case GATE_ASK:
		return "Routines are locked: your safety check asked for a "
		    "clinician's clearance first. Once your doctor or therapist "
		    "has written it into your homework plan, import the plan "
		    "and do the safety check again.";
	case GATE_CLEARANCE_ENDED:
		return "Routines are locked: a clinician's clearance your last "
		    "safety check used has ended. Ask for a new one, or do "
		    "the safety check again.";
	case GATE_RECHECK:
		return "Routines are open. Before you start, backcare asks "
		    "the emergency questions again.";
	default:
		return "Routines are open.";
	}
}
