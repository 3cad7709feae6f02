/*
 * printout.h: writing the therapist's report and the patient's handout to
 * a file or to standard output, shared by `report`, `handout` and the
 * Progress view.  Nothing here prints: each returns a status and a
 * message, and the caller shows it (stderr, or a screen's status line).
 */
#ifndef BACKCARE_PRINTOUT_H
#define BACKCARE_PRINTOUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "handout.h"
#include "report.h"

struct app;
struct store;

struct printout_report {
	int has_since;
	int32_t since;          /* first day; else the first on record */
	int32_t until;          /* last day */
	enum report_format fmt;
	int width;              /* text and Markdown */
	/* Written after the report in text and Markdown (the movement part:
	 * report_movement.c); may be NULL.  Returns 0 or -1. */
	int (*extra)(void *ctx, FILE *f, struct store *st,
	    const struct report_data *d, const struct report_summary *s);
	void *extra_ctx;
};

/*
 * Writes the report to path (NULL or "-": standard output; a file is
 * made 0600 and replaces path only once complete).  Returns 0, or -1
 * with *err set (caller frees).
 */
int printout_report(struct app *app, const struct printout_report *o,
    const char *path, char **err);

struct printout_handout {
	char **ids;             /* routines to print; none: the plan's, or
				   every routine when no plan is in force */
	size_t n_ids;
	int plan_only;          /* --plan: the plan's routines, or fail */
	int without_store;      /* a progress file that cannot be opened is
				   no error: no plan, no check (locked) */
	enum handout_format fmt;
	int width;
};

/* Writes the handout like printout_report(). */
int printout_handout(struct app *app, const struct printout_handout *o,
    const char *path, char **err);

/*
 * Where the Progress view writes a document named name: the folder of
 * the progress file when it is a folder it can write, else the current
 * folder, named in full.  Caller frees.
 */
char *printout_default_path(const struct app *app, const char *name);

#endif
