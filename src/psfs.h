/*
 * psfs.h: the Patient-Specific Functional Scale as movement.md section 6
 * has it (after Stratford et al., Physiotherapy Canada 1995; our wording,
 * not a validated version): the person names everyday activities that
 * are hard because of their back and rates each 0-10 (0 unable, 10 as
 * well as before), at most once every 7 days.  The score is the mean; the
 * change is read on the activities present at baseline.
 *
 * Pure: no curses, no SQL.  The store fills struct psfs_history; this
 * module parses answers files, scores, labels the change, and says when a
 * rating is due.
 */
#ifndef BACKCARE_PSFS_H
#define BACKCARE_PSFS_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

#define PSFS_MAX_ACTIVE 5       /* activities rated at once */
#define PSFS_MAX_TEXT 120       /* bytes of an activity's name */
#define PSFS_DUE_S (7 * 86400)  /* weekly, at most once in 7 days */
#define PSFS_MIC 2.0            /* the mean's meaningful change */
#define PSFS_MIC_ONE 3          /* one activity's meaningful change */

/* The question, in our own words (movement.md section 6). */
extern const char psfs_question[];
extern const char psfs_footnote[];

struct psfs_activity {
	int64_t id;             /* the store's, 0 for a new one */
	char *text;             /* exactly as typed */
	char *source;           /* "person" or "plan" */
	int64_t added_at;
	int64_t retired_at;     /* 0 while active */
};

struct psfs_score {
	int64_t activity;       /* psfs_activity.id */
	int score;              /* 0-10 */
};

/* One weekly rating: the scores given at time at. */
struct psfs_set {
	int64_t id;
	int64_t at;
	struct psfs_score *scores;
	size_t n;
};

/* What the store holds, sets oldest first. */
struct psfs_history {
	struct psfs_activity *acts;
	size_t n_acts;
	struct psfs_set *sets;
	size_t n_sets;
};
void psfs_history_free(struct psfs_history *h);

/* The activity whose text matches (case-insensitive), or NULL. */
const struct psfs_activity *psfs_find(const struct psfs_history *h,
    const char *text);
/* Active activities (not retired). */
size_t psfs_active_count(const struct psfs_history *h);

/* What an answers file or a prompt gives: ratings by activity text, new
 * activities among them, and activities to retire. */
struct psfs_answer {
	char *text;
	int score;              /* 0-10, or -1 with retire */
	int retire;
	int line;
};
struct psfs_answers {
	struct psfs_answer *a;
	size_t n;
};
void psfs_answers_free(struct psfs_answers *a);

/*
 * Parses an answers file against h (see backcare(5)): "ACTIVITY = N" per
 * line, "retire: ACTIVITY", "#" comments.  Returns 0, or -1 with every
 * problem in d as "name:line: message" (nothing is to be stored then).
 */
int psfs_answers_parse(const char *name, const char *text, size_t len,
    const struct psfs_history *h, struct psfs_answers *out, struct diag *d);
/* Checks one activity name typed at a prompt; NULL when fine, else why
 * (static). */
const char *psfs_text_problem(const char *text);

/* The mean of a set's scores, over the activities in only (NULL: all);
 * returns 0 and *mean, or -1 when none is rated. */
int psfs_set_mean(const struct psfs_set *s, const struct psfs_set *only,
    double *mean);
/* A set's score for activity id, or -1. */
int psfs_set_score(const struct psfs_set *s, int64_t activity);

enum psfs_label {
	PSFS_NO_BASELINE,       /* fewer than two ratings */
	PSFS_NOT_YET,           /* change under the meaningful amount */
	PSFS_MEANINGFUL,        /* mean up >= 2, or one activity up >= 3 */
	PSFS_WORSE              /* mean down >= 2 */
};

/* Baseline, latest and the change on the baseline's activities. */
struct psfs_trend {
	int have;               /* a rating exists */
	double baseline, latest, change;
	double four_weeks_ago;  /* the mean of the last set 28+ days before
				   the latest; valid when have_four */
	int have_four;
	enum psfs_label label;
};
void psfs_trend(const struct psfs_history *h, struct psfs_trend *t);
/* "meaningful improvement", "not yet a meaningful change", "possible
 * worsening: ...", "a baseline only" (static). */
const char *psfs_label_text(enum psfs_label l);

/* The trend in a sentence for the progress view ("Mean 4.3 at first,
 * 6.0 now (+1.7): meaningful improvement."), or NULL before any rating
 * (caller frees). */
char *psfs_trend_sentence(const struct psfs_history *h);

/* 1 when a rating is due at now: never rated, or 7 days since the last. */
int psfs_due(const struct psfs_history *h, int64_t now);

#endif
