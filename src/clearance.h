/*
 * clearance.h: a clinician's clearances, written in the homework plan
 * (red-flags.md section 6 item 11).
 *
 * A clearance names safety-check items that a doctor or therapist has
 * assessed, who did, and the last day it holds (at most 6 months after
 * the plan starts).  It may cover the ASK items of the massage checklist
 * and the history items of rules U1, U2 and S1-S5 (screener_clearable());
 * never an emergency item, the calf rule U3 or a worsening leg.  In a plan:
 *
 *     ## Clearances
 *     - history_of_cancer: Dr Ana Silva, until 2027-03-01
 *     - mc_pregnancy, mc_dvt_history: midwife Jo Brown, until 2027-01-15
 *
 * Pure: no curses, no SQL.
 */
#ifndef BACKCARE_CLEARANCE_H
#define BACKCARE_CLEARANCE_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

struct screener_answers;

#define CLEARANCE_MAX_BY 200       /* bytes in "who cleared it" */

struct clearance {
	char *id;             /* the item id */
	char *by;             /* who cleared it */
	int32_t until;        /* day.h day, inclusive */
	int line;             /* in the plan, for messages; 0 from the store */
};

/*
 * Parses one list item of a plan's Clearances section ("ID[, ID...]: WHO,
 * until YYYY-MM-DD") and appends one clearance per id to *list (*n
 * entries).  from is the plan's first day (INT32_MIN when unknown: the
 * 6-month bound is then not checked).  Problems go to d as name:line.
 */
void clearance_parse_item(const char *name, int line, const char *text,
    int32_t from, struct clearance **list, size_t *n, struct diag *d);

/* Frees n clearances and the array. */
void clearance_free(struct clearance *list, size_t n);

/* Marks in ans->cleared the items whose clearance holds on day today. */
void clearance_apply(const struct clearance *list, size_t n, int32_t today,
    struct screener_answers *ans);

/* The clearance of item id in force on today, or NULL. */
const struct clearance *clearance_find(const struct clearance *list,
    size_t n, const char *id, int32_t today);

#endif
