/*
 * recheck.h: asking the emergency (E1, cauda equina) questions again
 * before a routine, as red-flags.md section 0 asks.
 *
 * The routines call these when safety_gate() says GATE_RECHECK: the plain
 * form on stdin/stdout for `run --plain`, the screen for the runner.
 * Either stores a check of kind "recheck".
 */
#ifndef BACKCARE_RECHECK_H
#define BACKCARE_RECHECK_H

#include <stdio.h>

#include "safety.h"

struct app;

/* Filled by ui_recheck_screen before it pops. */
struct recheck_request {
	int done;             /* all questions answered and stored */
	int cancelled;        /* the user went back without finishing */
	enum verdict verdict; /* EMERGENCY if any E1 answer is yes or unsure */
};

/*
 * Asks the E1 questions on in/out, one line per answer (yes, no, not sure;
 * y, n, u or ?), sets *verdict, shows a warning sign's verdict and advice
 * before saving, then stores the re-check.  Returns 0 when the routine may
 * start (NONE, saved); 1 when it must not (a warning sign, or the check
 * was not saved: all said on out and stderr); -1 after one line on stderr
 * when input ended early or the questions could not be read.
 */
int recheck_plain(struct app *app, FILE *in, FILE *out,
    enum verdict *verdict);

/*
 * Reads one answer line from in: yes/y, no/n, unsure/not sure/?.  Returns
 * 0, 1 for an unreadable answer (ask again), -1 at end of input.
 */
int recheck_read_answer(FILE *in, int *answer);

/*
 * Loads the question catalogue; returns NULL with a one-line reason in
 * err when it is missing or broken.  recheck_catalogue() prints that line
 * instead.  The caller frees with catalogue_free().
 */
struct catalogue *recheck_load_catalogue(struct app *app, char *err,
    size_t errlen);
struct catalogue *recheck_catalogue(struct app *app);

#endif
