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
 * Asks the E1 questions on in/out, one line per answer (yes, no, unsure;
 * y, n, ?), stores the re-check and sets *verdict.  Returns 0, or -1 after
 * printing one line when input ends early, an answer cannot be read, or
 * the store fails: the routine must then not start.
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
