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

struct buf;
struct plan;
struct strpool;

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
	/* Completed, as the store compares: REPORT_KIND_MASSAGE or
	 * REPORT_KIND_EXERCISE; 0 when not completed. */
	int completed_kind;
};
#define REPORT_KIND_MASSAGE 1
#define REPORT_KIND_EXERCISE 2

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
	/* The sessions' strings when the store interned them (strpool.h):
	 * freed with the pool, not one by one; NULL when each session owns
	 * its strings. */
	struct strpool *strings;
};
void report_data_free(struct report_data *d);

/* One Monday-to-Sunday week. */
struct report_week {
	int32_t start;              /* the Monday (day.h) */
	int sessions;               /* completed sessions */
	int planned;                /* completed sessions of routines the
				       plan sets (others do not count
				       against it) */
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
	int per_week;               /* the plan's weekly target */
	int target;                 /* this week's: plan_week_target() */
	int days;                   /* days of this week the plan covers */
	int day;                    /* today is the day-th of those (1..) */
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
	/* Each session's local time as report_summarise() found it, so the
	 * writers look each one up once (owned; see report_session_when()). */
	struct report_when *when;
	size_t n_when;
};

/* A session's start in local time: its day and minute (-1 when
 * day_local() could not tell, and report_time() must). */
struct report_when {
	int64_t t;
	int32_t day;
	int32_t minute;
};

/*
 * Summarises d over the days first..last (inclusive), as seen on day
 * today.  Fills *out (free with report_summary_free()).
 */
void report_summarise(const struct report_data *d, int32_t first,
    int32_t last, int32_t today, struct report_summary *out);
void report_summary_free(struct report_summary *s);

/*
 * The streak a day at a time, for a caller that reads the days itself
 * (the store, for the progress view): give the days of completed
 * sessions newest first, repeats and all, to report_streak_step(), which
 * returns 0 once the streak is broken and no older day can change it.
 * streak is then the count report_summarise() gives.
 */
struct report_streak {
	int32_t today;
	int32_t want;           /* the day the streak needs next */
	int started;
	int streak;
};
void report_streak_begin(struct report_streak *s, int32_t today);
int report_streak_step(struct report_streak *s, int32_t day);

/*
 * Fills seconds[0..ndays) with the massage time done on each day from
 * first on (for the progress calendar).
 */
void report_day_seconds(const struct report_data *d, int32_t first,
    int ndays, long *seconds);

/*
 * The reminder of `backcare today`: "today: A, B; this week: A 1 of 3
 * done, B 0 of 2 done; safety check due", from s's homework (titles[i]
 * names s->homework[i]), or NULL when nothing is left to do (caller
 * frees).  Today's part spreads each week's target evenly over the week.
 */
char *report_today_text(const struct report_summary *s,
    const char *const *titles, int check_due);

/* One plain sentence for a prompt bit (static storage). */
const char *report_prompt_text(enum report_prompt p);

enum report_format {
	REPORT_TEXT,
	REPORT_MARKDOWN,
	REPORT_HTML
};

/*
 * Writes the therapist's report for d and s to f, lines at most width
 * columns where text can wrap (text and Markdown; report_write.c).
 * Returns 0, or -1 when writing failed.
 */
int report_write(FILE *f, const struct report_data *d,
    const struct report_summary *s, enum report_format fmt, int width);
/* The same in text or Markdown, appended to out (a caller that keeps
 * the whole report in memory anyway: no stdio stream in between). */
void report_write_text(struct buf *out, const struct report_data *d,
    const struct report_summary *s, enum report_format fmt, int width);

/*
 * The report as one self-contained HTML page for print (report_html.c):
 * the plan and adherence chart, the pain chart with the starting level
 * and the minimal important change, the 12-week calendar (its last week
 * is the one of s->last), checks, notes, prompts, and a table or a
 * description beside every chart.  Returns 0, or -1 when writing failed.
 */
int report_write_html(FILE *f, const struct report_data *d,
    const struct report_summary *s);

/* ---- the report's words, shared by every format ---------------------- */

/*
 * A writer's cleaner for the pieces that come from records and files (a
 * title, a note): returns a new string fit for the writer's format
 * (caller frees).  The sentences below are otherwise fixed words, safe in
 * every format; the HTML writer escapes the whole sentence instead.
 */
typedef char *(*report_clean_fn)(void *ctx, const char *raw);

enum report_section {
	REPORT_SEC_PLAN,
	REPORT_SEC_WEEKS,
	REPORT_SEC_PAIN,
	REPORT_SEC_SESSIONS,
	REPORT_SEC_LESSONS,
	REPORT_SEC_CHECKS,
	REPORT_SEC_NOTES,
	REPORT_SEC_PROMPTS,
	REPORT_SEC_CALENDAR
};
const char *report_section_title(enum report_section sec);

/* "backcare report, FIRST to LAST" (caller frees). */
char *report_title_text(const struct report_summary *s);
/* What the report is (static). */
const char *report_intro_text(void);
/* What the columns of the weeks mean (static). */
const char *report_weeks_legend(void);

/* The sessions the plan asked for in s's weeks, and those done (at most
 * the target each week). */
void report_adherence(const struct report_summary *s, int *done,
    int *target);
/* "Against the plan: D of T planned sessions done (P%)." or NULL when
 * the plan asked for nothing (caller frees). */
char *report_adherence_text(const struct report_summary *s);

/* 1 when going from baseline to level is a meaningful drop. */
int report_meaningful(double baseline, double level);
/* The pain level at or below which a drop from baseline is meaningful:
 * 2 points or 30% down, whichever comes first. */
double report_mic_level(double baseline);
/* "5.0" for a mean. */
void report_level(double v, char *out, size_t size);
/* x as printf's "%.1f" writes it (out: at least 16 bytes), for a chart's
 * hundreds of coordinates. */
void report_decimal1(double x, char *out, size_t size);

/* A week's row: week of, done, plan, partial, time, before, after,
 * change (from the starting level; " *" marks a meaningful drop). */
#define REPORT_WEEK_CELLS 8
void report_week_cells(const struct report_summary *s,
    const struct report_week *wk, char cells[REPORT_WEEK_CELLS][24]);

/* The pain sentences: which 0 the starting level (or that there are no
 * ratings), 1 the latest level and change, 2 whether it is meaningful.
 * NULL when there is no such sentence (caller frees). */
char *report_pain_text(const struct report_summary *s, int which);

/* Formats t as local "YYYY-MM-DD HH:MM" into out; returns its day. */
int32_t report_time(int64_t t, char *out, size_t size);
/* report_time() of session i of the data s summarises, from what
 * report_summarise() found (out: at least 32 bytes). */
int32_t report_session_when(const struct report_summary *s, size_t i,
    int64_t t, char *out);

/* "WHEN  full check: VERDICT, age A, pain for W weeks; rules: E1 (in
 * words); not sure ...; massage: ...; clearances used: ..." appended to
 * b. */
void report_check_line(struct buf *b, const struct report_check *c,
    const char *when, report_clean_fn clean, void *ctx);
/* The sessions (sec REPORT_SEC_SESSIONS) or safety checks
 * (REPORT_SEC_CHECKS) within s's days as lines, oldest first, or one line
 * saying there are none; returns their count (free with
 * report_strings_free()). */
size_t report_list_lines(const struct report_data *d,
    const struct report_summary *s, enum report_section sec,
    report_clean_fn clean, void *ctx, char ***out);
/* The same lines one at a time, for a writer that lays each out at
 * once: each is built in line (reused, no allocation per line) and
 * given to emit, but for the first skip, which are only counted.
 * Returns their count, the skipped ones included. */
typedef void (*report_line_fn)(void *ctx, const char *line, size_t len);
size_t report_list_each(const struct report_data *d,
    const struct report_summary *s, enum report_section sec, size_t skip,
    report_clean_fn clean, void *ctx, struct buf *line,
    report_line_fn emit, void *emit_ctx);
/* The number of sessions within s's days (report_list_each() lists
 * them). */
size_t report_session_count(const struct report_data *d,
    const struct report_summary *s);
/* The plan's lines (title, dates, therapist, routines, lessons) into
 * *out; returns their count (free with report_strings_free()). */
size_t report_plan_items(const struct plan *p, report_clean_fn clean,
    void *ctx, char ***out);
void report_strings_free(char **v, size_t n);
/* "R of N lessons read, S self-checks done." (caller frees). */
char *report_lessons_text(const struct report_data *d,
    const struct report_summary *s);

#endif
