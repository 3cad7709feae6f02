/*
 * painmon.c: pain monitoring rules (painmon.h), worded for the person.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "painmon.h"
#include "util.h"

const char painmon_end_text[] =
    "Two steps were too much today, so we'll stop here. That's fine: "
    "rest, keep moving gently, and try an easier routine next time.";
const char painmon_skipped_text[] =
    "We skipped this one today. That's fine.";
const char painmon_new_symptoms_text[] =
    "Stop now. New numbness, weakness, or a change in your bladder or "
    "bowels needs the safety questions again, straight away.";
const char painmon_prompt_help[] =
    "0-10; add s if the pain is sharp, shooting or spreading down your "
    "leg; n for new numbness, weakness, or bladder or bowel change; Enter "
    "to skip";
const char painmon_raised_text[] =
    "Your back is a bit more sore after moving. This is common and "
    "usually settles within a day.";
const char painmon_not_settled_other_text[] =
    "Your back hasn't settled since your last session. Next time we'll "
    "make that routine a bit easier: one level lower.";
const char painmon_lower_text[] =
    "Your back hadn't settled after this routine last time, so today it "
    "runs one level lower: the easier version of each step.";
const char painmon_not_settled_text[] =
    "Your back hasn't settled since last time. Today, take this routine "
    "one level lower: the easier version of each step.";
const char painmon_lighter_text[] =
    "Let's try a lighter routine. It may help to talk to your therapist.";
const char painmon_ready_text[] =
    "You're ready to try the next level if you want to: the harder "
    "version of each exercise.";
const char painmon_review_text[] =
    "Your weekly pain has gone up two weeks in a row. Please arrange a "
    "review with your therapist or GP.";
const char painmon_flare_text[] =
    "Your back seems to have flared up today. Try 'Flare-up day' "
    "(backcare run flare-up-day) instead: small, easy movements. You may "
    "still choose this routine.";

enum painmon_step
painmon_classify(int pain, int spreading)
{
	if (spreading || pain >= 6)
		return PAINMON_STOP;
	return pain >= 4 ? PAINMON_SOME : PAINMON_OK;
}

const char *
painmon_step_text(enum painmon_step p)
{
	switch (p) {
	case PAINMON_SOME:
		return "Some pain is OK while you exercise. It should settle "
		    "within a day.";
	case PAINMON_STOP:
		return "That is too much for today: stop this exercise.";
	case PAINMON_OK:
		break;
	}
	return "Good: carry on.";
}

/*
 * A rating: an optional number from 0 to 10 and any of the letters in
 * allowed (each once), in any order ("3 n", "n 3", "s3n"), spaces
 * between allowed, case ignored.  found[k] is set for allowed[k].  At
 * least a number or a letter.  Returns 0 or -1.
 */
static int
painmon_parse_rating(const char *s, const char *allowed, int *pain,
    int *found)
{
	const char *at;
	long v = 0;
	int digits = 0, letters = 0;
	size_t k;

	*pain = -1;
	for (k = 0; allowed[k] != '\0'; k++)
		found[k] = 0;
	for (;;) {
		while (isspace((unsigned char)*s))
			s++;
		if (*s == '\0')
			break;
		if (isdigit((unsigned char)*s)) {
			if (digits > 0)
				return -1;      /* one number only */
			while (isdigit((unsigned char)*s) && digits < 3) {
				v = v * 10 + (*s++ - '0');
				digits++;
			}
			if (v > 10 || isdigit((unsigned char)*s))
				return -1;
			continue;
		}
		at = strchr(allowed, tolower((unsigned char)*s));
		if (at == NULL || found[at - allowed])
			return -1;
		found[at - allowed] = 1;
		letters++;
		s++;
	}
	if (digits == 0 && letters == 0)
		return -1;
	if (digits > 0)
		*pain = (int)v;
	return 0;
}

const char *
painmon_refused(const char *s)
{
	/* A refused answer with an n in it must not look as if the n was
	 * heard: say that nothing was taken, so it is typed again. */
	for (; *s != '\0'; s++)
		if (tolower((unsigned char)*s) == 'n')
			return "Not taken, n included: ";
	return "";
}

/* A rating with two letters allowed, as painmon_parse_rating. */
static int
painmon_parse_two(const char *s, const char *allowed, int *pain, int *first,
    int *second)
{
	int found[2];

	if (painmon_parse_rating(s, allowed, pain, found) != 0)
		return -1;
	*first = found[0];
	*second = found[1];
	return 0;
}

int
painmon_parse_answer(const char *s, int *pain, int *spreading,
    int *new_symptoms)
{
	return painmon_parse_two(s, "sn", pain, spreading, new_symptoms);
}

int
painmon_parse_before(const char *s, int *pain, int *flare,
    int *new_symptoms)
{
	return painmon_parse_two(s, "fn", pain, flare, new_symptoms);
}

int
painmon_parse_after(const char *s, int *pain, int *new_symptoms)
{
	return painmon_parse_rating(s, "n", pain, new_symptoms);
}

int
painmon_raised(int before, int after)
{
	return before >= 0 && after >= 0 && after - before >= 2;
}

int
painmon_not_settled(int64_t last_end, int last_before, int64_t now,
    int pain_now)
{
	int64_t since = now - last_end;

	return last_end > 0 && last_before >= 0 && pain_now >= 0 &&
	    since >= 12 * 3600 && since <= 36 * 3600 &&
	    pain_now - last_before >= 2;
}

int
painmon_lighter(int events_in_14_days)
{
	return events_in_14_days >= 2;
}

int
painmon_weekly_rising(const double *mean, const int *have, size_t n)
{
	size_t i;
	int run = 0, based = 0;
	double base = 0;

	/* Up by 2 or more from the starting level, two weeks in a row (the
	 * mirror of red-flags.md section 4 target 2; safety first). */
	for (i = 0; i < n; i++) {
		if (!have[i]) {
			run = 0;
			continue;
		}
		if (!based) {
			base = mean[i];
			based = 1;
			continue;
		}
		run = mean[i] - base >= 2.0 ? run + 1 : 0;
		if (run >= 2)
			return 1;
	}
	return 0;
}

static int
painmon_cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

int
painmon_flare(int pain_now, const int *recent, size_t n)
{
	int *sorted;
	double median;

	if (pain_now < 0 || n == 0)
		return 0;
	sorted = xreallocarray(NULL, n, sizeof *sorted);
	memcpy(sorted, recent, n * sizeof *sorted);
	qsort(sorted, n, sizeof *sorted, painmon_cmp_int);
	median = n % 2 ? sorted[n / 2] :
	    (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
	free(sorted);
	return pain_now - median >= 3.0;
}
