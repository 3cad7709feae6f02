/*
 * report.c: the aggregates behind the progress view and `backcare
 * report`: weeks, streaks, pain trends against the starting level,
 * homework left and prompts, and today's reminder.  The report's words
 * are in report_words.c; report_write.c writes text and Markdown,
 * report_html.c HTML.
 *
 * Pure: the store fills struct report_data, this file only reads it.
 * Days are local calendar days (day.h); weeks run Monday to Sunday.
 * The pain thresholds come from red-flags.md section 4 (OSTELO08): a drop
 * of 2 points or 30% from the starting level is meaningful.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "day.h"
#include "lesson.h"
#include "plan.h"
#include "report.h"
#include "strpool.h"
#include "text.h"
#include "util.h"

/* Comparisons of means made of whole ratings: allow for rounding. */
#define REPORT_EPSILON 1e-9

void
report_data_free(struct report_data *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; d->strings == NULL && i < d->n_sessions; i++) {
		free(d->sessions[i].routine_id);
		free(d->sessions[i].title);
		free(d->sessions[i].state);
		free(d->sessions[i].note);
	}
	for (i = 0; i < d->n_checks; i++) {
		free(d->checks[i].kind);
		free(d->checks[i].rules);
		free(d->checks[i].unsure);
		free(d->checks[i].clearances);
		free(d->checks[i].actions);
	}
	for (i = 0; i < d->n_lessons; i++)
		free(d->lessons[i].id);
	free(d->sessions);
	free(d->checks);
	free(d->lessons);
	plan_free(d->plan);
	strpool_free(d->strings);
	memset(d, 0, sizeof *d);
}

void
report_summary_free(struct report_summary *s)
{
	if (s == NULL)
		return;
	free(s->weeks);
	free(s->homework);
	free(s->when);
	memset(s, 0, sizeof *s);
}

static int
report_is_completed(const struct report_session *rs)
{
	return rs->state != NULL && strcmp(rs->state, "completed") == 0;
}

static int
report_is_partial(const struct report_session *rs)
{
	return rs->state != NULL && (strcmp(rs->state, "partial") == 0 ||
	    strcmp(rs->state, "quit") == 0);
}

/*
 * 1 when going from baseline to level is a meaningful drop: at least 2
 * points, or at least 30% of the baseline (and a real drop at all).
 */
static int
report_meaningful_drop(double baseline, double level)
{
	double drop = baseline - level;

	if (drop <= REPORT_EPSILON)
		return 0;
	return drop >= 2.0 - REPORT_EPSILON ||
	    drop * 10.0 >= baseline * 3.0 - REPORT_EPSILON;
}

int
report_meaningful(double baseline, double level)
{
	return report_meaningful_drop(baseline, level);
}

/* 1 when the plan sets this routine. */
static int
report_in_plan(const struct plan *p, const char *routine_id)
{
	size_t i;

	if (p == NULL || routine_id == NULL)
		return 0;
	for (i = 0; i < p->n_routines; i++)
		if (strcmp(p->routines[i].id, routine_id) == 0)
			return 1;
	return 0;
}

/* Fills the weeks first..last from the sessions: counts, time, pain. */
static void
report_fill_weeks(const struct report_data *d, const int32_t *days,
    struct report_summary *s)
{
	const struct report_session *rs;
	struct report_week *w;
	int32_t day, monday = day_week_start(s->first);
	size_t i;

	s->n_weeks = (size_t)(day_week_start(s->last) - monday) / 7 + 1;
	s->weeks = xcalloc(s->n_weeks, sizeof *s->weeks);
	for (i = 0; i < s->n_weeks; i++) {
		s->weeks[i].start = monday + (int32_t)i * 7;
		s->weeks[i].target = plan_week_total(d->plan,
		    s->weeks[i].start);
	}
	for (i = 0; i < d->n_sessions; i++) {
		rs = &d->sessions[i];
		day = days[i];
		if (day < s->first || day > s->last)
			continue;
		w = &s->weeks[(day - monday) / 7];
		if (report_is_completed(rs)) {
			w->sessions++;
			s->total_sessions++;
			w->planned += report_in_plan(d->plan, rs->routine_id);
		} else if (report_is_partial(rs)) {
			w->partial++;
			s->total_partial++;
		}
		w->seconds += rs->done_s;
		s->total_seconds += rs->done_s;
		if (rs->pain_before >= 0) {
			w->pain_before += rs->pain_before;
			w->n_before++;
		}
		if (rs->pain_after >= 0) {
			w->pain_after += rs->pain_after;
			w->n_after++;
		}
	}
	for (i = 0; i < s->n_weeks; i++) {
		w = &s->weeks[i];
		if (w->n_before > 0)
			w->pain_before /= w->n_before;
		if (w->n_after > 0)
			w->pain_after /= w->n_after;
	}
}

/* The starting and latest pain levels, the change, and whether it holds. */
static void
report_fill_pain(struct report_summary *s)
{
	const struct report_week *prev = NULL, *last = NULL;
	size_t i;

	for (i = 0; i < s->n_weeks; i++) {
		if (s->weeks[i].n_before == 0)
			continue;
		if (!s->has_baseline) {
			s->has_baseline = 1;
			s->baseline = s->weeks[i].pain_before;
			s->baseline_week = s->weeks[i].start;
		}
		prev = last;
		last = &s->weeks[i];
	}
	if (last == NULL)
		return;
	s->has_latest = 1;
	s->latest = last->pain_before;
	s->change = s->latest - s->baseline;
	s->meaningful = report_meaningful_drop(s->baseline, s->latest);
	s->sustained = s->meaningful && prev != NULL &&
	    prev->start + 7 == last->start &&
	    report_meaningful_drop(s->baseline, prev->pain_before);
}

static int
report_cmp_day(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;

	return x < y ? -1 : x > y;
}

void
report_streak_begin(struct report_streak *s, int32_t today)
{
	memset(s, 0, sizeof *s);
	s->today = today;
}

int
report_streak_step(struct report_streak *s, int32_t day)
{
	if (day > s->today)
		return 1;
	/* Nothing yet today: the streak may still end yesterday. */
	if (!s->started) {
		s->started = 1;
		s->want = day == s->today ? s->today : s->today - 1;
	}
	if (day > s->want)
		return 1;       /* a second session on a counted day */
	if (day != s->want)
		return 0;
	s->streak++;
	s->want--;
	return 1;
}

/* Days in a row with a completed session, ending today or yesterday. */
static int
report_streak(const struct report_data *d, const int32_t *all_days,
    int32_t today)
{
	struct report_streak st;
	int32_t *days;
	size_t i, n = 0;
	int sorted = 1;

	report_streak_begin(&st, today);
	if (d->n_sessions == 0)
		return 0;
	days = xreallocarray(NULL, d->n_sessions, sizeof *days);
	for (i = 0; i < d->n_sessions; i++) {
		if (!report_is_completed(&d->sessions[i]))
			continue;
		days[n] = all_days[i];
		sorted &= n == 0 || days[n - 1] <= days[n];
		n++;
	}
	/* The store's sessions come in time order, so their days nearly
	 * always do too; a clock set back at midnight is sorted here. */
	if (!sorted)
		qsort(days, n, sizeof *days, report_cmp_day);
	for (i = n; i > 0 && report_streak_step(&st, days[i - 1]); i--)
		;
	free(days);
	return st.streak;
}

/* Each plan routine: the sessions done this week and today. */
static void
report_fill_homework(const struct report_data *d, const int32_t *days,
    struct report_summary *s)
{
	const struct plan *p = d->plan;
	const struct report_session *rs;
	struct report_homework *h;
	int32_t monday = day_week_start(s->today), day;
	size_t i, j;

	if (p == NULL || p->n_routines == 0)
		return;
	s->n_homework = p->n_routines;
	s->homework = xcalloc(p->n_routines, sizeof *s->homework);
	for (j = 0; j < p->n_routines; j++) {
		s->homework[j].routine_id = p->routines[j].id;
		s->homework[j].per_week = p->routines[j].per_week;
		s->homework[j].target = plan_week_target(p, j, monday);
		s->homework[j].days = plan_week_days(p, monday);
		s->homework[j].day = s->today - (p->from > monday ? p->from :
		    monday) + 1;
	}
	for (i = 0; i < d->n_sessions; i++) {
		rs = &d->sessions[i];
		if (!report_is_completed(rs) || rs->routine_id == NULL)
			continue;
		day = days[i];
		if (day < monday || day > s->today)
			continue;
		for (j = 0; j < p->n_routines; j++) {
			h = &s->homework[j];
			if (strcmp(h->routine_id, rs->routine_id) != 0)
				continue;
			h->done++;
			if (day == s->today)
				h->done_today++;
		}
	}
}

/*
 * REPORT_PROMPT_LIGHTER: in the last two sessions (within first..last)
 * rated both before and after, pain rose by 2 or more each time.
 */
static int
report_prompt_lighter(const struct report_data *d, const int32_t *days,
    const struct report_summary *s)
{
	const struct report_session *rs;
	size_t i;
	int seen = 0;
	int32_t day;

	for (i = d->n_sessions; i > 0 && seen < 2; i--) {
		rs = &d->sessions[i - 1];
		if (rs->pain_before < 0 || rs->pain_after < 0)
			continue;
		day = days[i - 1];
		if (day < s->first || day > s->last)
			continue;
		if (rs->pain_after - rs->pain_before < 2)
			return 0;
		seen++;
	}
	return seen == 2;
}

/* Whole years from day from to day to (birthdays in between). */
static int
report_years_between(int32_t from, int32_t to)
{
	int y1, m1, d1, y2, m2, d2, years;

	if (to <= from)
		return 0;
	day_to_ymd(from, &y1, &m1, &d1);
	day_to_ymd(to, &y2, &m2, &d2);
	years = y2 - y1;
	if (m2 < m1 || (m2 == m1 && d2 < d1))
		years--;
	return years;
}

/*
 * REPORT_PROMPT_RECHECK (rule S2 of red-flags.md, target 3): the age
 * given at the latest full check, plus the whole years since, is 50 or
 * more, 4 weeks or more have passed since the starting week, and there is
 * no meaningful drop.  A full check made after those 4 weeks has asked
 * the question again, so the prompt goes quiet.
 */
static int
report_prompt_recheck(const struct report_data *d,
    const struct report_summary *s)
{
	const struct report_check *c = NULL;
	int32_t check_day;
	size_t i;

	if (!s->has_baseline || s->meaningful ||
	    s->last - s->baseline_week < 28)
		return 0;
	for (i = d->n_checks; i > 0; i--) {
		c = &d->checks[i - 1];
		if (c->kind != NULL && strcmp(c->kind, "full") == 0 &&
		    c->age >= 0 && day_of_time(c->at) <= s->today)
			break;
		c = NULL;
	}
	if (c == NULL)
		return 0;
	check_day = day_of_time(c->at);
	if (check_day >= s->baseline_week + 28)
		return 0;
	return c->age + report_years_between(check_day, s->today) >= 50;
}

/* t's local day and minute into *w (minute -1 when day_local() cannot
 * tell: report_time() then finds them as it always did). */
static int32_t
report_when_of(int64_t t, struct report_when *w)
{
	int minute;

	w->t = t;
	if (day_local(t, &w->day, &minute) == 0) {
		w->minute = minute;
		return w->day;
	}
	w->minute = -1;
	w->day = day_of_time(t);
	return w->day;
}

void
report_summarise(const struct report_data *d, int32_t first, int32_t last,
    int32_t today, struct report_summary *out)
{
	/* Each session's local day, found once for every part below and
	 * kept, with its minute, for the writers. */
	int32_t *days = xreallocarray(NULL, d->n_sessions + 1, sizeof *days);
	size_t i;

	memset(out, 0, sizeof *out);
	out->when = xreallocarray(NULL, d->n_sessions + 1, sizeof *out->when);
	out->n_when = d->n_sessions;
	for (i = 0; i < d->n_sessions; i++)
		days[i] = report_when_of(d->sessions[i].started_at,
		    &out->when[i]);
	out->today = today;
	out->first = first;
	out->last = last;
	if (last >= first) {
		report_fill_weeks(d, days, out);
		report_fill_pain(out);
	}
	out->streak = report_streak(d, days, today);
	for (i = 0; i < d->n_lessons; i++) {
		/* The glossary is read too, but it is not a lesson. */
		if (lesson_id_hidden(d->lessons[i].id))
			continue;
		out->lessons_read += d->lessons[i].read_at != 0;
		out->selfchecks_done += d->lessons[i].selfcheck_at != 0;
	}
	report_fill_homework(d, days, out);
	if (last >= first && report_prompt_lighter(d, days, out))
		out->prompts |= REPORT_PROMPT_LIGHTER;
	if (report_prompt_recheck(d, out))
		out->prompts |= REPORT_PROMPT_RECHECK;
	free(days);
}

void
report_day_seconds(const struct report_data *d, int32_t first, int ndays,
    long *seconds)
{
	int32_t day;
	size_t i;

	if (ndays <= 0)
		return;
	memset(seconds, 0, (size_t)ndays * sizeof *seconds);
	for (i = 0; i < d->n_sessions; i++) {
		day = day_of_time(d->sessions[i].started_at);
		if (day >= first && day - first < ndays)
			seconds[day - first] += d->sessions[i].done_s;
	}
}

const char *
report_prompt_text(enum report_prompt p)
{
	switch (p) {
	case REPORT_PROMPT_LIGHTER:
		return "Pain rose by 2 or more after the last two sessions: "
		    "try lighter pressure and talk to your therapist.";
	case REPORT_PROMPT_RECHECK:
		return "Your pain has not eased by 2 points or 30% after 4 "
		    "weeks, and you are 50 or over: please do the safety "
		    "check again and arrange a review with your doctor or "
		    "therapist.";
	}
	return "";
}

/* ---- today's reminder ---------------------------------------------------- */

/*
 * Sessions of h the plan asks for today: the week's target spread evenly
 * over the days of the week the plan covers (by the end of day k of n,
 * ceil(target * k / n)), less those done; so 3 a week asks on Monday,
 * Wednesday and Friday, and a missed day is asked for the next, one
 * day's share at most.
 */
static int
report_today_wanted(const struct report_homework *h)
{
	int n = h->days > 0 ? h->days : 7, k = h->day < 1 ? 1 : h->day;
	int by_tonight = (h->target * k + n - 1) / n;
	int daily = (h->target + n - 1) / n, want = by_tonight - h->done;

	/* Catching up is one day's share at a time, not all at once. */
	if (want > daily - h->done_today)
		want = daily - h->done_today;
	return want > 0 ? want : 0;
}

char *
report_today_text(const struct report_summary *s,
    const char *const *titles, int check_due)
{
	struct buf today = BUF_INIT, week = BUF_INIT, line = BUF_INIT;
	const struct report_homework *h;
	int want;
	size_t i;

	for (i = 0; i < s->n_homework; i++) {
		h = &s->homework[i];
		if (h->done >= h->target)
			continue;
		want = report_today_wanted(h);
		if (want > 1)
			buf_printf(&today, "%s%s %d times", today.len ? ", " :
			    "", titles[i], want);
		else if (want == 1)
			buf_printf(&today, "%s%s", today.len ? ", " : "",
			    titles[i]);
		buf_printf(&week, "%s%s %d of %d done", week.len ? ", " : "",
		    titles[i], h->done, h->target);
	}
	if (today.len > 0)
		buf_printf(&line, "today: %s", today.data);
	if (week.len > 0)
		buf_printf(&line, "%sthis week: %s", line.len ? "; " : "",
		    week.data);
	if (check_due)
		buf_printf(&line, "%ssafety check due", line.len ? "; " : "");
	buf_free(&today);
	buf_free(&week);
	if (line.len == 0)
		return NULL;
	return buf_detach(&line);
}
