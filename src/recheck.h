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
	int mid_session;      /* asked during (1) or after (2) a session
	                       * (P2), not before (0) */
	int unsaved;          /* answered, but the answers were not saved */
	char why[512];        /* and why not (the store's words) */
};

/*
 * Asks the E1 questions on in/out, one line per answer (yes, no, not sure;
 * y, n, u or ?), sets *verdict, shows a warning sign's verdict and advice
 * on out before saving, then stores the re-check.  Returns 0 when the
 * routine may start (NONE, saved); 1 when it must not (a warning sign, or
 * the check was not saved); -1 when input ended early or the questions
 * could not be read.  What went wrong (not saved, not answered, no
 * questions) is left as one line in err, "" when nothing did: the caller
 * shows it (stderr); this flow writes only the questions and advice.
 */
int recheck_plain(struct app *app, const char *when, FILE *in, FILE *out,
    enum verdict *verdict, char *err, size_t errlen);

/*
 * Reads one answer line from in: yes/y, no/n, unsure/not sure/?.  Returns
 * 0, 1 for an unreadable answer (ask again), -1 at end of input.
 */
int recheck_read_answer(FILE *in, int *answer);

/*
 * Loads the question catalogue; returns NULL with a one-line reason in
 * err when it is missing or broken.  The caller frees with
 * catalogue_free().
 */
struct catalogue *recheck_load_catalogue(struct app *app, char *err,
    size_t errlen);

#endif
