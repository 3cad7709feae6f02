/*
 * cmd_run.h: shared by cmd_run.c (the timeline of "run --plain") and
 * cmd_run_pain.c (its pain and symptom questions).  Private to them.
 */
#ifndef BACKCARE_CMD_RUN_H
#define BACKCARE_CMD_RUN_H

#include <stddef.h>

#include "util.h"

#include "safety.h"

struct session;

/* What run_step_pain says beyond go on (0), end (1) and error (-1). */
#define RUN_EASIER  2           /* the step again, at its easier level */
#define RUN_STOPPED 3           /* the rest of the step is left out */

/* The session stopped for the emergency questions (P2): see a doctor,
 * not a pain rating. */
extern int run_for_care;
/* What a run stopped for care says last (static). */
extern const char run_care_text[];

/* Prints a line made safe for the terminal (content can hold escapes);
 * run_warn() the same on stderr, after "backcare: ", for what went wrong. */
void run_print(const char *fmt, ...) BC_PRINTF(1, 2);
void run_warn(const char *fmt, ...) BC_PRINTF(1, 2);
/* Says once on stderr why a session call failed (flows do not print);
 * returns rc. */
int run_said(const struct session *s, int rc);
/* The emergency questions on the terminal; what went wrong on stderr.
 * Returns recheck_plain's value, the verdict in *v. */
int run_recheck(struct session *s, enum verdict *v);
/* P1 and P2 after exercise step (halfway: at a walk's halfway cue). */
int run_step_pain(struct session *s, size_t step, int halfway);
/* The pain after, P2 to P5.  Returns -1 when it could not be saved. */
int run_pain_after(struct session *s);
/* The pain before, P2, P4, P5 and flare; 1 when the session stopped
 * there, with the exit status in *status, else 0. */
int run_before(struct session *s, int *status);

#endif
