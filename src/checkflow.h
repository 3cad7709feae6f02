/*
 * checkflow.h: the safety check's flow, shared by the check screens,
 * `screen`, the re-check before a routine and `screen --status`.
 *
 * One place decides, in this order (red-flags.md section 6 item 3): the
 * clearances in force are applied, the rules give the verdict, the advice
 * is built, and only then is the check saved.  A check that cannot be
 * saved keeps its verdict and advice, says why it was not saved, and
 * locks the routines for the rest of the run.  Nothing here prints: the
 * caller shows the paragraphs (a screen, or stdout).
 */
#ifndef BACKCARE_CHECKFLOW_H
#define BACKCARE_CHECKFLOW_H

#include <stdint.h>
#include <stdio.h>

#include "advice.h"
#include "safety.h"
#include "screener.h"

struct app;
struct catalogue;
struct clearance;

struct check_outcome {
	struct screener_answers answers;     /* with the clearances marked */
	struct screener_result result;
	struct advice advice;
	struct clearance *clearances;        /* in force today (owned) */
	size_t n_clearances;
	int recheck;
	int saved;
	char *error;                         /* why not saved, or NULL */
	enum gate_state gate;                /* the routines after this check */
};

/*
 * Decides a finished check: marks the clearances in force today (from the
 * plan in force; none when the store cannot be read), evaluates all the
 * rules (or E1 alone for a re-check) and builds the advice.  Never saves,
 * never prints.  Free with checkflow_free().
 */
void checkflow_decide(struct app *app, const struct catalogue *cat,
    const struct screener_answers *ans, int recheck,
    struct check_outcome *out);

/*
 * Saves a decided check (source "interactive", "answers", "prompt" or
 * "run"; asked marks the answers to keep) and appends to the advice what
 * the routines are now, and, when the save failed, that it was not saved
 * and why.  Returns 0, or -1 when not saved.
 */
int checkflow_save(struct app *app, struct check_outcome *o,
    const unsigned char *asked, const char *source);

/*
 * A check left before its end: decides what the answers so far say.
 * Returns 1 when they already call for care (a verdict other than NONE):
 * then out holds the verdict and its advice ending with "not saved", the
 * routines are locked as after an unsaved check, and the caller shows
 * it; 0 (out freed) when there is nothing to say.
 */
int checkflow_left_early(struct app *app, const struct catalogue *cat,
    const struct screener_answers *ans, int recheck,
    struct check_outcome *out);

void checkflow_free(struct check_outcome *o);

/*
 * Locks the routines until a full check is saved, in this run and later
 * ones (the mark beside the progress file): for a warning the person gave
 * that no check has settled, such as new numbness during a session whose
 * emergency questions were left unanswered.  why is for the mark's text.
 */
void checkflow_hold(struct app *app, const char *why);

/* Prints the paragraphs from index from on as "label: text" lines. */
void checkflow_print(const struct advice *a, size_t from, FILE *out);

/*
 * Reads the stored checks and decides the gate now, for the routines and
 * `screen --status`.  Fills *in (may be NULL).  Returns 0, or -1 with a
 * message in *err (caller frees).
 */
int checkflow_gate(struct app *app, struct gate_input *in,
    enum gate_state *g, char **err);

/* The clearances the gate read: the last full check's, and those the plan
 * in force grants (all owned; none when there is no full check). */
struct gate_clearances {
	struct clearance *used, *now;
	size_t n_used, n_now;
};

/*
 * checkflow_gate(), handing over the clearances it read in *cl (may be
 * NULL), so that `screen --status` prints them without reading them
 * twice.  Free them with checkflow_gate_clearances_free().
 */
int checkflow_gate_with(struct app *app, struct gate_input *in,
    enum gate_state *g, struct gate_clearances *cl, char **err);
void checkflow_gate_clearances_free(struct gate_clearances *cl);

/*
 * The headline of the stored check that locks the routines with its
 * verdict (in as checkflow_gate() filled it), in the check's own words
 * ("Go to the emergency department or call 112 now. ..."), and its
 * verdict in *v; NULL when the last checks found nothing (caller frees).
 */
char *checkflow_verdict_headline(struct app *app, const struct gate_input *in,
    enum verdict *v);

/*
 * Marks in ans->cleared the clearances in force today, so that the
 * questions asked (screener_next_item) follow the verdict the check will
 * give.  Call it before asking.
 */
void checkflow_mark_clearances(struct app *app, struct screener_answers *ans);

/* The clearances in force today (caller frees with clearance_free()). */
size_t checkflow_clearances(struct app *app, int32_t today,
    struct clearance **out);

#endif
