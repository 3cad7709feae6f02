/*
 * report.c: the aggregates behind the progress view and `backcare
 * report`: weeks, streaks, pain trends against the starting level,
 * homework left and prompts, and the therapist's report as text or
 * Markdown.
 *
 * Pure: the store fills struct report_data, this file only reads it.
 * Days are local calendar days (day.h); weeks run Monday to Sunday.
 * The pain thresholds come from red-flags.md section 4 (OSTELO08): a drop
 * of 2 points or 30% from the starting level is meaningful.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "advice.h"
#include "day.h"
#include "lesson.h"
#include "plan.h"
#include "report.h"
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
	for (i = 0; i < d->n_sessions; i++) {
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
	memset(d, 0, sizeof *d);
}

void
report_summary_free(struct report_summary *s)
{
	if (s == NULL)
		return;
	free(s->weeks);
	free(s->homework);
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

/*
 * The sessions the plan asks for in the week starting on monday: its
 * weekly total, scaled by the days of that week the plan covers (rounded
 * up), so a plan that starts on a Thursday asks for part of a week.
 */
static int
report_week_target(const struct plan *p, int32_t monday)
{
	int covered = 0, i, per_week;

	if (p == NULL)
		return 0;
	for (i = 0; i < 7; i++)
		covered += plan_covers(p, monday + i);
	per_week = plan_sessions_per_week(p);
	return (per_week * covered + 6) / 7;
}

/* Fills the weeks first..last from the sessions: counts, time, pain. */
static void
report_fill_weeks(const struct report_data *d, struct report_summary *s)
{
	const struct report_session *rs;
	struct report_week *w;
	int32_t day, monday = day_week_start(s->first);
	size_t i;

	s->n_weeks = (size_t)(day_week_start(s->last) - monday) / 7 + 1;
	s->weeks = xcalloc(s->n_weeks, sizeof *s->weeks);
	for (i = 0; i < s->n_weeks; i++) {
		s->weeks[i].start = monday + (int32_t)i * 7;
		s->weeks[i].target = report_week_target(d->plan,
		    s->weeks[i].start);
	}
	for (i = 0; i < d->n_sessions; i++) {
		rs = &d->sessions[i];
		day = day_of_time(rs->started_at);
		if (day < s->first || day > s->last)
			continue;
		w = &s->weeks[(day - monday) / 7];
		if (report_is_completed(rs)) {
			w->sessions++;
			s->total_sessions++;
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

/* Days in a row with a completed session, ending today or yesterday. */
static int
report_streak(const struct report_data *d, int32_t today)
{
	int32_t *days, want;
	size_t i, n = 0;
	int streak = 0;

	if (d->n_sessions == 0)
		return 0;
	days = xreallocarray(NULL, d->n_sessions, sizeof *days);
	for (i = 0; i < d->n_sessions; i++)
		if (report_is_completed(&d->sessions[i]))
			days[n++] = day_of_time(d->sessions[i].started_at);
	qsort(days, n, sizeof *days, report_cmp_day);
	i = n;
	while (i > 0 && days[i - 1] > today)
		i--;
	/* Nothing yet today: the streak may still end yesterday. */
	want = i > 0 && days[i - 1] == today ? today : today - 1;
	for (; i > 0; i--) {
		if (days[i - 1] > want)
			continue;       /* a second session on a counted day */
		if (days[i - 1] != want)
			break;
		streak++;
		want--;
	}
	free(days);
	return streak;
}

/* Each plan routine: the sessions done this week and today. */
static void
report_fill_homework(const struct report_data *d, struct report_summary *s)
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
	}
	for (i = 0; i < d->n_sessions; i++) {
		rs = &d->sessions[i];
		if (!report_is_completed(rs) || rs->routine_id == NULL)
			continue;
		day = day_of_time(rs->started_at);
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
report_prompt_lighter(const struct report_data *d,
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
		day = day_of_time(rs->started_at);
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

void
report_summarise(const struct report_data *d, int32_t first, int32_t last,
    int32_t today, struct report_summary *out)
{
	size_t i;

	memset(out, 0, sizeof *out);
	out->today = today;
	out->first = first;
	out->last = last;
	if (last >= first) {
		report_fill_weeks(d, out);
		report_fill_pain(out);
	}
	out->streak = report_streak(d, today);
	for (i = 0; i < d->n_lessons; i++) {
		/* The glossary is read too, but it is not a lesson. */
		if (lesson_id_hidden(d->lessons[i].id))
			continue;
		out->lessons_read += d->lessons[i].read_at != 0;
		out->selfchecks_done += d->lessons[i].selfcheck_at != 0;
	}
	report_fill_homework(d, out);
	if (last >= first && report_prompt_lighter(d, out))
		out->prompts |= REPORT_PROMPT_LIGHTER;
	if (report_prompt_recheck(d, out))
		out->prompts |= REPORT_PROMPT_RECHECK;
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

/* ---- the therapist's report --------------------------------------------- */

struct report_writer {
	FILE *f;
	enum report_format fmt;
	int width;
	struct buf line;        /* the paragraph being wrapped */
};

/* 1 when p follows a word made only of digits ("1." could start a list). */
static int
report_after_number(const char *start, const char *p)
{
	const char *q = p;

	while (q > start && q[-1] >= '0' && q[-1] <= '9')
		q--;
	return q < p && (q == start || q[-1] == ' ');
}

/*
 * A copy of s fit for the output (caller frees): line breaks and tabs
 * become spaces, control characters ^X, bad UTF-8 U+FFFD; for Markdown
 * the characters that mean something inline are escaped with '\'.
 */
static char *
report_clean(struct report_writer *w, const char *s)
{
	struct buf b = BUF_INIT;
	char *flat, *t, *p;

	if (s == NULL)
		s = "";
	flat = xstrdup(s);
	for (p = flat; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	t = text_for_terminal(flat, strlen(flat));
	free(flat);
	if (w->fmt == REPORT_TEXT)
		return t;
	buf_adds(&b, "");
	for (p = t; *p != '\0'; p++) {
		if (strchr("\\`*_[]<>|~&#!", *p) != NULL ||
		    (strchr("-+=", *p) != NULL && (p == t || p[-1] == ' ')) ||
		    ((*p == '.' || *p == ')') && report_after_number(t, p)))
			buf_addc(&b, '\\');
		buf_addc(&b, *p);
	}
	free(t);
	return buf_detach(&b);
}

/* Bytes of s that fit in cols columns (at least one character). */
static size_t
report_fit(const char *s, size_t n, size_t cols)
{
	size_t i = 0, used = 0, k;
	uint32_t cp;
	int cw;

	while (i < n) {
		k = text_decode(s + i, n - i, &cp);
		cw = text_cp_width(cp);
		if (i > 0 && used + (size_t)cw > cols)
			break;
		used += (size_t)cw;
		i += k;
	}
	return i;
}

/*
 * Writes text word-wrapped to the width: the first line after first, the
 * others after rest (both prefixes count towards the width).  A word too
 * long for a line is cut.  The lines are built in w->line and written
 * with one call.
 */
static void
report_wrap(struct report_writer *w, const char *first, const char *rest,
    const char *text)
{
	struct buf *b = &w->line;
	const char *p = text, *end;
	size_t width = (size_t)w->width, col, rest_w, wlen, ww, avail, cut;
	int started = 0;

	buf_reset(b);
	rest_w = text_width(rest, strlen(rest));
	buf_adds(b, first);
	col = text_width(first, strlen(first));
	while (*p == ' ')
		p++;
	while (*p != '\0') {
		end = strchr(p, ' ');
		wlen = end != NULL ? (size_t)(end - p) : strlen(p);
		ww = text_width(p, wlen);
		if (started && col + 1 + ww <= width) {
			buf_addc(b, ' ');
			col++;
		} else if (started) {
			buf_addc(b, '\n');
			buf_adds(b, rest);
			col = rest_w;
		}
		avail = width > col ? width - col : 1;
		while (ww > avail) {
			cut = report_fit(p, wlen, avail);
			buf_add(b, p, cut);
			buf_addc(b, '\n');
			buf_adds(b, rest);
			col = rest_w;
			p += cut;
			wlen -= cut;
			ww = text_width(p, wlen);
			avail = width > col ? width - col : 1;
		}
		buf_add(b, p, wlen);
		col += ww;
		started = 1;
		p += wlen;
		while (*p == ' ')
			p++;
	}
	buf_addc(b, '\n');
	fwrite(b->data, 1, b->len, w->f);
}

/* A printf-style paragraph, wrapped with the given prefixes. */
static void
report_line(struct report_writer *w, const char *first,
    const char *rest, const char *fmt, ...) BC_PRINTF(4, 5);

static void
report_line(struct report_writer *w, const char *first,
    const char *rest, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	report_wrap(w, first, rest, s);
	free(s);
}

/* A section heading, after a blank line. */
static void
report_heading(struct report_writer *w, const char *title)
{
	if (w->fmt == REPORT_MARKDOWN)
		fprintf(w->f, "\n## %s\n\n", title);
	else
		fprintf(w->f, "\n%s\n", title);
}

/* A list item: "- " in Markdown, indented in text. */
static void
report_item(struct report_writer *w, const char *fmt, ...)
    BC_PRINTF(2, 3);

static void
report_item(struct report_writer *w, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	if (w->fmt == REPORT_MARKDOWN)
		report_wrap(w, "- ", "  ", s);
	else
		report_wrap(w, "  ", "    ", s);
	free(s);
}

/* A list item from a ready string (no formatting). */
static void
report_item_text(struct report_writer *w, const char *text)
{
	if (w->fmt == REPORT_MARKDOWN)
		report_wrap(w, "- ", "  ", text);
	else
		report_wrap(w, "  ", "    ", text);
}

/* Appends a number of at least width digits (zero-padded) to b. */
static void
report_add_num(struct buf *b, long n, int width)
{
	char tmp[24];
	int i = (int)sizeof tmp;

	if (n < 0) {
		buf_addc(b, '-');
		n = -n;
	}
	do {
		tmp[--i] = (char)('0' + n % 10);
		n /= 10;
		width--;
	} while (n > 0 && i > 0);
	while (width-- > 0 && i > 0)
		tmp[--i] = '0';
	buf_add(b, tmp + i, sizeof tmp - (size_t)i);
}

/* Formats t as local "YYYY-MM-DD HH:MM" into out; returns its day. */
static int32_t
report_time(int64_t t, char *out, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (localtime_r(&tt, &tm) == NULL) {
		snprintf(out, size, "?");
		return day_of_time(t);
	}
	snprintf(out, size, "%04d-%02d-%02d %02d:%02d",
	    (tm.tm_year + 1900) % 10000, (tm.tm_mon + 1) % 100,
	    tm.tm_mday % 100, tm.tm_hour % 100, tm.tm_min % 100);
	return day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* "5.0" for a mean. */
static void
report_level(double v, char *out, size_t size)
{
	snprintf(out, size, "%.1f", v + (v >= 0 ? 1e-9 : -1e-9));
}

static void
report_write_title(struct report_writer *w,
    const struct report_summary *s)
{
	char a[11], b[11];

	day_format(s->first, a);
	day_format(s->last, b);
	if (w->fmt == REPORT_MARKDOWN)
		fprintf(w->f, "# backcare report, %s to %s\n\n", a, b);
	else
		report_line(w, "", "", "backcare report, %s to %s", a, b);
	report_line(w, "", "", "From the patient's own records "
	    "of self-massage, pain ratings (0 to 10) and safety checks. It "
	    "is a record of self-care, not a diagnosis.");
}

static void
report_write_plan(struct report_writer *w, const struct plan *p)
{
	char from[11], until[11], *title, *ther, *id;
	size_t i;

	report_heading(w, "Plan in force");
	if (p == NULL) {
		report_line(w, w->fmt == REPORT_TEXT ? "  " : "",
		    w->fmt == REPORT_TEXT ? "  " : "",
		    "No homework plan is in force.");
		return;
	}
	day_format(p->from, from);
	day_format(p->until, until);
	title = report_clean(w, p->title);
	report_item(w, "Title: %s", title);
	report_item(w, "From %s to %s", from, until);
	free(title);
	if (p->therapist != NULL) {
		ther = report_clean(w, p->therapist);
		report_item(w, "Therapist: %s", ther);
		free(ther);
	}
	if (p->n_routines == 0)
		report_item(w, "No routines set in this plan.");
	for (i = 0; i < p->n_routines; i++) {
		id = report_clean(w, p->routines[i].id);
		report_item(w, "Routine %s: %d a week", id,
		    p->routines[i].per_week);
		free(id);
	}
	for (i = 0; i < p->n_lessons; i++) {
		id = report_clean(w, p->lessons[i].id);
		report_item(w, "Lesson %s", id);
		free(id);
	}
}

/* One week's row: done, target, partial, time, pain, change. */
static void
report_write_week(struct report_writer *w,
    const struct report_summary *s, const struct report_week *wk)
{
	char monday[11], target[16], time[16], before[16], after[16];
	char change[24];
	double diff;

	day_format(wk->start, monday);
	if (wk->target > 0)
		snprintf(target, sizeof target, "%d", wk->target);
	else
		snprintf(target, sizeof target, "-");
	util_format_clock(wk->seconds, time, sizeof time);
	snprintf(before, sizeof before, "-");
	snprintf(after, sizeof after, "-");
	snprintf(change, sizeof change, "-");
	if (wk->n_before > 0)
		report_level(wk->pain_before, before, sizeof before);
	if (wk->n_after > 0)
		report_level(wk->pain_after, after, sizeof after);
	if (wk->n_before > 0 && s->has_baseline) {
		diff = wk->pain_before - s->baseline;
		snprintf(change, sizeof change, "%+.1f%s", diff +
		    (diff >= 0 ? 1e-9 : -1e-9),
		    report_meaningful_drop(s->baseline, wk->pain_before) ?
		    " *" : "");
		if (wk->start == s->baseline_week)
			snprintf(change, sizeof change, "start");
	}
	if (w->fmt == REPORT_MARKDOWN)
		fprintf(w->f, "| %s | %d | %s | %d | %s | %s | %s | %s |\n",
		    monday, wk->sessions, target, wk->partial, time, before,
		    after, change);
	else
		fprintf(w->f, "  %-10s  %4d  %4s  %7d  %7s  %6s  %5s  %s\n",
		    monday, wk->sessions, target, wk->partial, time, before,
		    after, change);
}

static void
report_write_weeks(struct report_writer *w,
    const struct report_summary *s)
{
	size_t i;
	int target = 0, done = 0;

	report_heading(w, "Sessions by week");
	if (w->fmt == REPORT_MARKDOWN)
		fputs("| Week of | Done | Plan | Partial | Time | Pain before "
		    "| Pain after | Change |\n|---|--:|--:|--:|--:|--:|--:|---|\n",
		    w->f);
	else
		fprintf(w->f, "  %-10s  %4s  %4s  %7s  %7s  %6s  %5s  %s\n",
		    "Week of", "Done", "Plan", "Partial", "Time", "Before",
		    "After", "Change");
	for (i = 0; i < s->n_weeks; i++) {
		report_write_week(w, s, &s->weeks[i]);
		if (s->weeks[i].target > 0) {
			target += s->weeks[i].target;
			done += s->weeks[i].sessions < s->weeks[i].target ?
			    s->weeks[i].sessions : s->weeks[i].target;
		}
	}
	fputc('\n', w->f);
	report_line(w, w->fmt == REPORT_TEXT ? "  " : "",
	    w->fmt == REPORT_TEXT ? "  " : "",
	    "Done: completed sessions; Partial: stopped early; Time: "
	    "massage time done; Before, After: mean pain (0 to 10) rated "
	    "before and after sessions that week; Change: from the starting "
	    "level, with * marking a meaningful drop (2 points or 30%%).");
	if (target > 0)
		report_line(w, w->fmt == REPORT_TEXT ? "  " : "",
		    w->fmt == REPORT_TEXT ? "  " : "",
		    "Against the plan: %d of %d planned sessions done (%d%%).",
		    done, target, done * 100 / target);
}

static void
report_write_pain(struct report_writer *w,
    const struct report_summary *s)
{
	char monday[11], base[16], latest[16], change[16];
	const char *verdict;

	report_heading(w, "Pain");
	if (!s->has_baseline) {
		report_item(w, "No pain ratings before sessions in this "
		    "period.");
		return;
	}
	day_format(s->baseline_week, monday);
	report_level(s->baseline, base, sizeof base);
	report_level(s->latest, latest, sizeof latest);
	snprintf(change, sizeof change, "%+.1f", s->change +
	    (s->change >= 0 ? 1e-9 : -1e-9));
	report_item(w, "Starting level: %s (mean rating before sessions in "
	    "the week of %s).", base, monday);
	report_item(w, "Latest level: %s, a change of %s.", latest, change);
	if (s->sustained)
		verdict = "a meaningful drop (2 points or 30% of the "
		    "starting level), held for 2 weeks in a row";
	else if (s->meaningful)
		verdict = "a meaningful drop (2 points or 30% of the "
		    "starting level), not yet held for 2 weeks in a row";
	else
		verdict = "not a meaningful drop (that needs 2 points or 30% "
		    "of the starting level)";
	report_item(w, "This is %s.", verdict);
}

static void
report_write_sessions(struct report_writer *w,
    const struct report_data *d, const struct report_summary *s)
{
	const struct report_session *rs;
	struct buf line = BUF_INIT;
	char when[32], *name = NULL;
	const char *raw = NULL;
	int32_t day;
	size_t i;
	int any = 0;

	report_heading(w, "Sessions");
	for (i = 0; i < d->n_sessions; i++) {
		rs = &d->sessions[i];
		day = report_time(rs->started_at, when, sizeof when);
		if (day < s->first || day > s->last)
			continue;
		any = 1;
		/* Built by hand: a long history has thousands of these. */
		buf_reset(&line);
		buf_adds(&line, when);
		buf_addc(&line, ' ');
		if (name == NULL || strcmp(raw, rs->title != NULL ? rs->title :
		    rs->routine_id) != 0) {
			free(name);
			raw = rs->title != NULL ? rs->title : rs->routine_id;
			name = report_clean(w, raw);
		}
		buf_adds(&line, name);
		buf_adds(&line, ", ");
		report_add_num(&line, rs->done_s / 60, 1);
		buf_addc(&line, ':');
		report_add_num(&line, rs->done_s % 60, 2);
		buf_adds(&line, ", ");
		buf_adds(&line, rs->state != NULL ? rs->state : "?");
		if (rs->pain_before >= 0 || rs->pain_after >= 0)
			buf_adds(&line, rs->pain_after < 0 ? ", pain before " :
			    rs->pain_before < 0 ? ", pain after " : ", pain ");
		if (rs->pain_before >= 0)
			report_add_num(&line, rs->pain_before, 1);
		if (rs->pain_before >= 0 && rs->pain_after >= 0)
			buf_adds(&line, " to ");
		if (rs->pain_after >= 0)
			report_add_num(&line, rs->pain_after, 1);
		report_item_text(w, line.data);
	}
	free(name);
	buf_free(&line);
	if (!any)
		report_item(w, "No sessions in this period.");
}

static void
report_write_lessons(struct report_writer *w,
    const struct report_data *d, const struct report_summary *s)
{
	char read[32], check[32], *id;
	size_t i;

	report_heading(w, "Lessons");
	if (d->n_lessons_total > 0)
		report_item(w, "%d of %zu lessons read, %d self-checks done.",
		    s->lessons_read, d->n_lessons_total, s->selfchecks_done);
	else
		report_item(w, "%d lessons read, %d self-checks done.",
		    s->lessons_read, s->selfchecks_done);
	for (i = 0; i < d->n_lessons; i++) {
		if (d->lessons[i].read_at == 0 &&
		    d->lessons[i].selfcheck_at == 0)
			continue;
		id = report_clean(w, d->lessons[i].id);
		read[0] = check[0] = '\0';
		if (d->lessons[i].read_at != 0)
			report_time(d->lessons[i].read_at, read, sizeof read);
		if (d->lessons[i].selfcheck_at != 0)
			report_time(d->lessons[i].selfcheck_at, check,
			    sizeof check);
		report_item(w, "%s: %s%s%s%s%s", id,
		    read[0] != '\0' ? "read " : "", read,
		    read[0] != '\0' && check[0] != '\0' ? ", " : "",
		    check[0] != '\0' ? "self-check done " : "", check);
		free(id);
	}
}

/* "E1 (possible cauda equina syndrome), U1 (...)" from "E1 U1". */
static char *
report_rules_in_words(struct report_writer *w, const char *codes)
{
	char *copy = report_clean(w, codes), *tok, *save = NULL;
	struct buf b = BUF_INIT;
	const char *name;

	for (tok = strtok_r(copy, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		name = advice_rule_name(tok);
		buf_printf(&b, "%s%s%s%s%s", b.len > 0 ? ", " : "", tok,
		    name != NULL ? " (" : "", name != NULL ? name : "",
		    name != NULL ? ")" : "");
	}
	free(copy);
	return b.len > 0 ? buf_detach(&b) : (buf_free(&b), xstrdup(""));
}

/* "; not sure: ...; massage: ...; clearances used: ..." for one check,
 * or "". */
static char *
report_check_extra(struct report_writer *w, const struct report_check *c)
{
	struct buf b = BUF_INIT;
	char *t;

	if (c->unsure != NULL && c->unsure[0] != '\0') {
		t = report_clean(w, c->unsure);
		buf_printf(&b, "; not sure (counted as yes): %s", t);
		free(t);
	}
	if (c->actions != NULL && c->actions[0] != '\0') {
		t = report_clean(w, c->actions);
		buf_printf(&b, "; massage: %s", t);
		free(t);
	}
	if (c->clearances != NULL && c->clearances[0] != '\0') {
		t = report_clean(w, c->clearances);
		buf_printf(&b, "; clearances used: %s", t);
		free(t);
	}
	return b.len > 0 ? buf_detach(&b) : (buf_free(&b), xstrdup(""));
}

static void
report_write_checks(struct report_writer *w,
    const struct report_data *d, const struct report_summary *s)
{
	const struct report_check *c;
	char when[32], age[64], *kind, *rules, *extra;
	int32_t day;
	size_t i;
	int any = 0;

	report_heading(w, "Safety checks");
	for (i = 0; i < d->n_checks; i++) {
		c = &d->checks[i];
		day = report_time(c->at, when, sizeof when);
		if (day < s->first || day > s->last)
			continue;
		any = 1;
		if (c->age >= 0 && c->weeks >= 0)
			snprintf(age, sizeof age, ", age %d, pain for %d "
			    "weeks", c->age, c->weeks);
		else if (c->age >= 0)
			snprintf(age, sizeof age, ", age %d", c->age);
		else
			age[0] = '\0';
		kind = report_clean(w, c->kind);
		rules = report_rules_in_words(w, c->rules);
		extra = report_check_extra(w, c);
		report_item(w, "%s  %s: %s%s; rules: %s%s", when,
		    strcmp(kind, "recheck") == 0 ?
		    "re-check of the emergency questions" :
		    strcmp(kind, "full") == 0 ? "full check" : kind,
		    verdict_name(c->verdict), age,
		    rules[0] != '\0' ? rules : "none fired", extra);
		free(kind);
		free(rules);
		free(extra);
	}
	if (!any)
		report_item(w, "No safety checks in this period.");
}

static void
report_write_notes(struct report_writer *w,
    const struct report_data *d, const struct report_summary *s)
{
	const struct report_session *rs;
	char when[32], *note;
	int32_t day;
	size_t i;
	int any = 0;

	report_heading(w, "The patient's notes");
	for (i = 0; i < d->n_sessions; i++) {
		rs = &d->sessions[i];
		if (rs->note == NULL || rs->note[0] == '\0')
			continue;
		day = report_time(rs->started_at, when, sizeof when);
		if (day < s->first || day > s->last)
			continue;
		any = 1;
		note = report_clean(w, rs->note);
		report_item(w, "%s  %s", when, note);
		free(note);
	}
	if (d->plan != NULL && d->plan->notes != NULL) {
		any = 1;
		note = report_clean(w, d->plan->notes);
		report_item(w, "From the plan: %s", note);
		free(note);
	}
	if (!any)
		report_item(w, "No notes.");
}

static void
report_write_prompts(struct report_writer *w,
    const struct report_summary *s)
{
	report_heading(w, "Prompts");
	if (s->prompts == 0)
		report_item(w, "None.");
	if (s->prompts & REPORT_PROMPT_LIGHTER)
		report_item(w, "%s", report_prompt_text(REPORT_PROMPT_LIGHTER));
	if (s->prompts & REPORT_PROMPT_RECHECK)
		report_item(w, "%s", report_prompt_text(REPORT_PROMPT_RECHECK));
}

int
report_write(FILE *f, const struct report_data *d,
    const struct report_summary *s, enum report_format fmt, int width)
{
	struct report_writer w = { f, fmt, width < 20 ? 20 : width, BUF_INIT };

	report_write_title(&w, s);
	report_write_plan(&w, d->plan);
	report_write_weeks(&w, s);
	report_write_pain(&w, s);
	report_write_sessions(&w, d, s);
	report_write_lessons(&w, d, s);
	report_write_checks(&w, d, s);
	report_write_notes(&w, d, s);
	report_write_prompts(&w, s);
	buf_free(&w.line);
	if (fflush(f) != 0 || ferror(f))
		return -1;
	return 0;
}
