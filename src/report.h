/*
 * report.h: what the progress view, `backcare report` and the home
 * screen's homework line compute from the stored records.
 *
 * The store fills a struct report_data (store_report_load()); this module
 * turns it into weeks, streaks, pain trends, homework left and prompts,
 * and writes the therapist's report.  Pure: no curses, no SQL; local
 * calendar days come from day.h, so weeks survive year ends and
 * daylight-saving changes.
 *
 * Pain: each session may carry a rating before and after (0-10).  A
 * week's pain level is the mean of that week's "before" ratings; the
 * starting level is the first week that has any.  A drop of 2 points or
 * 30% from it is meaningful (red-flags.md section 4).
 */
#ifndef BACKCARE_REPORT_H
#define BACKCARE_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "safety.h"

struct plan;

/* One routine session, as stored. */
struct report_session {
	int64_t id;
	char *routine_id;
	char *title;            /* the routine's title then, or NULL */
	int64_t started_at;
	int64_t ended_at;       /* 0 while still running */
	char *state;            /* running, completed, partial, quit */
	long planned_s;
	long done_s;            /* the sum of its steps' done time */
	int pain_before;        /* 0-10, -1 when not rated */
	int pain_after;
	char *note;             /* NULL when none */
};

/* One safety check, as stored. */
struct report_check {
	int64_t id;
	int64_t at;
	char *kind;             /* full, recheck */
	int age;                /* -1 when not asked (re-checks) */
	int weeks;
	enum verdict verdict;
	char *rules;            /* the rules that fired, "E1 U1", or "" */
	char *unsure;           /* items answered "not sure", or NULL */
	char *clearances;       /* "ITEM, cleared by WHO until DATE; ...",
				   or NULL */
	char *actions;          /* massage checks, "BLOCK mc_dvt_current,
				   AVOID-AREA mc_... hips", or NULL */
};

/* One lesson the store knows about. */
struct report_lesson {
	char *id;
	int64_t read_at;        /* 0 when not read */
	int64_t selfcheck_at;   /* 0 when its self-check was not done */
};

/*
 * Everything a report or the progress view reads, sessions and checks in
 * time order.  The caller fills it (the store does) and frees it with
 * report_data_free(), which frees every string and the plan.
 */
struct report_data {
	struct report_session *sessions;
	size_t n_sessions;
	struct report_check *checks;
	size_t n_checks;
	struct report_lesson *lessons;
	size_t n_lessons;
	size_t n_lessons_total;     /* lessons installed (from content) */
	struct plan *plan;          /* the plan in force, or NULL */
};
void report_data_free(struct report_data *d);

/* One Monday-to-Sunday week. */
struct report_week {
	int32_t start;              /* the Monday (day.h) */
	int sessions;               /* completed sessions */
	int partial;                /* partial or quit */
	long seconds;               /* massage time done, all sessions */
	int target;                 /* sessions the plan asked for; 0 none */
	double pain_before;         /* means; valid when n_before > 0 */
	int n_before;
	double pain_after;
	int n_after;
};

enum report_prompt {
	/* Pain rose by 2 or more after a session, twice in a row. */
	REPORT_PROMPT_LIGHTER = 1 << 0,
	/* Age 50 or over and no meaningful improvement after 4 weeks: a new
	 * safety check (rule S2). */
	REPORT_PROMPT_RECHECK = 1 << 1
};

/* What one routine of the plan still needs this week. */
struct report_homework {
	const char *routine_id;     /* points into the plan */
	int per_week;
	int done;                   /* completed this week */
	int done_today;
};

struct report_summary {
	int32_t today;
	int32_t first;              /* the first and last day summarised */
	int32_t last;
	int streak;                 /* days in a row with a completed session,
	                               ending today (or yesterday) */
	int total_sessions;         /* completed, within first..last */
	int total_partial;
	long total_seconds;
	struct report_week *weeks;  /* first..last, oldest first (owned) */
	size_t n_weeks;
	int has_baseline;
	double baseline;            /* the starting pain level */
	int32_t baseline_week;
	int has_latest;
	double latest;              /* the latest week's pain level */
	double change;              /* latest - baseline (negative: better) */
	int meaningful;             /* a drop of >= 2 points or >= 30% */
	int sustained;              /* ... held for 2 weeks in a row */
	int lessons_read;
	int selfchecks_done;
	unsigned prompts;           /* enum report_prompt bits */
	struct report_homework *homework;   /* the plan's routines (owned) */
	size_t n_homework;
};

/*
 * Summarises d over the days first..last (inclusive), as seen on day
 * today.  Fills *out (free with report_summary_free()).
 */
void report_summarise(const struct report_data *d, int32_t first,
    int32_t last, int32_t today, struct report_summary *out);
void report_summary_free(struct report_summary *s);

/*
 * Fills seconds[0..ndays) with the massage time done on each day from
 * first on (for the progress calendar).
 */
void report_day_seconds(const struct report_data *d, int32_t first,
    int ndays, long *seconds);

/* One plain sentence for a prompt bit (static storage). */
const char *report_prompt_text(enum report_prompt p);

enum report_format {
	REPORT_TEXT,
	REPORT_MARKDOWN
};

/*
 * Writes the therapist's report for d and s to f, lines at most width
 * columns where text can wrap.  Returns 0, or -1 when writing failed.
 */
int report_write(FILE *f, const struct report_data *d,
    const struct report_summary *s, enum report_format fmt, int width);

#endif
