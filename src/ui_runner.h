/*
 * ui_runner.h: the runner's state, shared by its keys and timer
 * (ui_runner.c) and its drawing (ui_runner_draw.c); the routine list
 * (ui_routine.c) pushes it.  Private to those three files.
 */
#ifndef BACKCARE_UI_RUNNER_H
#define BACKCARE_UI_RUNNER_H

#include <stddef.h>
#include <stdint.h>

#include "routine.h"
#include "recheck.h"
#include "session.h"
#include "timer.h"

struct ui;
struct ui_view;

/* What the routine list hands the runner (ui_push's arg); the list owns
 * it and keeps it while the runner is open. */
struct runner_arg {
	const char *id;
	int64_t resume_id;
	int resume_pos;
};

enum run_stage {
	RUN_PREVIEW,             /* what the routine holds, before it starts */
	RUN_PAIN_BEFORE,
	RUN_STEPS,
	RUN_STEP_PAIN,           /* after an exercise step, or on 'r' (P1) */
	RUN_OFFER_EASIER,        /* P1: a stopped step's easier level now? */
	RUN_CONFIRM_QUIT,
	RUN_PAIN_AFTER,
	RUN_NOTE,
	RUN_SUMMARY,
	RUN_BROKEN
};

/* A segment's record that waits for another writer's lock. */
struct runner_save {
	size_t seg;
	long done_s;
	int skipped;
};

struct runner {
	struct session s;
	struct timer tm;
	enum run_stage stage;
	char entry[1024];        /* the field being typed: a rating or the note */
	int pain_before, pain_after;
	int skipped;             /* segments skipped with n */
	int cut;                 /* segments cut to under half with - */
	long done_s;             /* seconds of massage done in this run */
	int quit_early;          /* q then y: pain and note, then partial */
	int help_paused;         /* the countdown waits while help is open */
	int ended;               /* the session row has its end state */
	const char *prompt;      /* from the records once it ended, or NULL */
	char error[1024];
	struct ui_view *view;    /* the preview, instructions, summary */
	int view_for;            /* the stage or segment the view shows */
	size_t pain_step;        /* the step RUN_STEP_PAIN asks about */
	int pain_halfway;        /* asked at a walk's halfway cue */
	struct session_advice advice;   /* the pain rules' last words */
	struct recheck_request recheck; /* P2: the E1 questions again */
	int ended_early;         /* by the pain rules: saved as partial */
	int awaiting_recheck;    /* P2's questions are on the screen above */
	int quit_paused;         /* the quit question paused the countdown */
	int for_care;            /* they were left or found a warning sign */
	struct runner_save *queue;  /* records not yet saved, oldest first */
	size_t nqueue, capqueue;
	int64_t retry_at;        /* when the queue is tried again */
};

/* The runner screen; ui_push() it with a struct runner_arg. */
extern const struct ui_screen ui_runner_screen;

/* Why the last session call failed, reason first and the progress
 * file's path after (in buf). */
const char *runner_reason(const struct runner *r, char *buf, size_t size);

/* Draws the runner in its stage (ui_runner_draw.c). */
void ui_runner_draw(struct ui *ui, void *state, int rows, int cols);

#endif
