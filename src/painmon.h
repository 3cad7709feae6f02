/*
 * painmon.h: pain monitoring during and after exercise, movement.md
 * section 4 (rules P1 to P5 and P7; P6 waits for exercise levels).
 *
 * Pure: the runner and run --plain ask, this module decides and words;
 * the store keeps what happened (store_movement.h).
 */
#ifndef BACKCARE_PAINMON_H
#define BACKCARE_PAINMON_H

#include <stddef.h>
#include <stdint.h>

/* P1: pain asked at the end of each exercise step. */
enum painmon_step {
	PAINMON_OK,             /* 0-3: carry on */
	PAINMON_SOME,           /* 4-5: some pain is fine */
	PAINMON_STOP            /* 6+, or sharp, shooting or spreading */
};

#define PAINMON_STOPS_TO_END 2  /* steps stopped before the session ends */

/* What a step's answer means; spreading: sharp or shooting pain, or pain
 * or tingling spreading down the leg. */
enum painmon_step painmon_classify(int pain, int spreading);
/* The words for it (static); easier is the step's easier level or NULL,
 * and the caller fills it in with %s when the text holds one. */
const char *painmon_step_text(enum painmon_step p);
/* P1: the easier level, offered at once, was too much as well. */
extern const char painmon_skipped_text[];
/* Saying that the session ends after two steps stopped (static). */
extern const char painmon_end_text[];
/* P2: new numbness, weakness, bladder or bowel change (static). */
extern const char painmon_new_symptoms_text[];
/* How to answer at a prompt (static). */
extern const char painmon_prompt_help[];

/*
 * Reads an answer to the step prompt: "0"-"10", with "s" after the
 * number (or "s" alone) for sharp, shooting or spreading pain, and/or "n"
 * for new numbness, weakness, bladder or bowel change ("3 n", "3s n").
 * Returns 0 and fills *pain (-1 when only letters), *spreading and
 * *new_symptoms, or -1.
 */
int painmon_parse_answer(const char *s, int *pain, int *spreading,
    int *new_symptoms);

/* P3: pain after at least 2 above before. */
int painmon_raised(int before, int after);
extern const char painmon_raised_text[];

/* P4: the last session of this routine ended between 12 and 36 hours
 * before now, and pain now is at least 2 above its before-rating. */
int painmon_not_settled(int64_t last_end, int last_before, int64_t now,
    int pain_now);
extern const char painmon_not_settled_text[];
/* P4 found for another routine than the one starting, and, when that one
 * starts next, what it says (static). */
extern const char painmon_not_settled_other_text[];
extern const char painmon_lower_text[];

/* P5: two raised or not-settled events for one routine within 14 days. */
#define PAINMON_P5_DAYS 14
int painmon_lighter(int events_in_14_days);
extern const char painmon_lighter_text[];

/* P6: two good sessions in a row at a level: an offer, never automatic. */
extern const char painmon_ready_text[];

/* P7: weekly average pain up by 2 or more from the starting level on two
 * rated weeks in a row, from the weeks' means (oldest first; have[i]
 * says which weeks are rated). */
int painmon_weekly_rising(const double *mean, const int *have, size_t n);
extern const char painmon_review_text[];

/*
 * The rating before an exercise routine: "0"-"10", with "f" after it (or
 * alone) when the person says their back has flared up, and/or "n" for
 * new numbness, weakness, bladder or bowel change (P2 holds at any
 * time).  Returns 0 and fills *pain (-1 when only letters), *flare and
 * *new_symptoms, or -1.
 */
int painmon_parse_before(const char *s, int *pain, int *flare,
    int *new_symptoms);
/* The rating after a session: "0"-"10" and/or "n" (P2), as above. */
int painmon_parse_after(const char *s, int *pain, int *new_symptoms);
/* What opens the message for a refused answer s: that an n in it was
 * not taken either (static, "" when s has none). */
const char *painmon_refused(const char *s);

/* Flare mode (2.3): pain before at least 3 above the median before-pain
 * of the last 7 days (n ratings).  Suggests "Flare-up day". */
int painmon_flare(int pain_now, const int *recent, size_t n);
extern const char painmon_flare_text[];

#endif
