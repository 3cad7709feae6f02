/*
 * report_words.c: the words of the therapist's report, shared by every
 * format: section titles, the sentences on adherence and pain, the lines
 * of sessions, checks and the plan, the weeks' table cells.  The text and
 * Markdown writer (report_write.c) and the HTML writer (report_html.c)
 * only lay them out, so the formats cannot drift apart.  Pieces from the
 * records go through the writer's cleaner (report_clean_fn).  Pure.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "advice.h"
#include "day.h"
#include "plan.h"
#include "report.h"
#include "text.h"
#include "util.h"

static char *report_put_num(char *o, long n, int width);

const char *
report_section_title(enum report_section sec)
{
	static const char *const titles[] = {
		"Plan in force", "Sessions by week", "Pain", "Sessions",
		"Lessons", "Safety checks", "The patient's notes", "Prompts",
		"The last 12 weeks"
	};

	return titles[sec];
}

char *
report_title_text(const struct report_summary *s)
{
	char a[11], b[11];

	day_format(s->first, a);
	day_format(s->last, b);
	/* A one-day report names its day once. */
	if (strcmp(a, b) == 0)
		return xasprintf("backcare report, %s", a);
	return xasprintf("backcare report, %s to %s", a, b);
}

const char *
report_intro_text(void)
{
	return "From the patient's own records of self-massage, pain ratings "
	    "(0 to 10) and safety checks. It is a record of self-care, not a "
	    "diagnosis.";
}

const char *
report_weeks_legend(void)
{
	return "Done: completed sessions; Partial: stopped early; Time: "
	    "massage time done; Before, After: mean pain (0 to 10) rated "
	    "before and after sessions that week; Change: from the starting "
	    "level, with * marking a meaningful drop (2 points or 30%).";
}

double
report_mic_level(double baseline)
{
	double by_points = baseline - 2.0, by_share = baseline * 0.7;

	/* Whichever comes first on the way down is enough. */
	return by_points > by_share ? by_points : by_share;
}

void
report_adherence(const struct report_summary *s, int *done, int *target)
{
	size_t i;

	*done = *target = 0;
	for (i = 0; i < s->n_weeks; i++) {
		if (s->weeks[i].target <= 0)
			continue;
		*target += s->weeks[i].target;
		/* Only the plan's routines count against the plan. */
		*done += s->weeks[i].planned < s->weeks[i].target ?
		    s->weeks[i].planned : s->weeks[i].target;
	}
}

char *
report_adherence_text(const struct report_summary *s)
{
	int done, target;

	report_adherence(s, &done, &target);
	if (target == 0)
		return NULL;
	return xasprintf("Against the plan: %d of %d planned sessions done "
	    "(%d%%).", done, target, done * 100 / target);
}

/*
 * x as printf's "%.1f" (plus: "%+.1f") writes it, by hand when that is
 * sure: a long history has a table of hundreds of weeks.  printf rounds
 * the exact value; x * 10 is off by an ulp or so, which can only matter
 * next to a tie, and there (and for huge or odd values) printf decides.
 */
static void
report_fixed1(double x, int plus, char *out, size_t size)
{
	double a = x < 0 ? -x : x, t = a * 10, frac;
	long long k;
	char *o = out;

	if (!(a < 1e9) || size < 16)
		goto by_printf;
	k = (long long)t;
	frac = t - (double)k;
	if (frac > 0.5 - 1e-6 && frac < 0.5 + 1e-6)
		goto by_printf;
	k += frac > 0.5;
	if (x < 0)
		*o++ = '-';
	else if (plus)
		*o++ = '+';
	o = report_put_num(o, (long)(k / 10), 1);
	*o++ = '.';
	*o++ = (char)('0' + k % 10);
	*o = '\0';
	return;
by_printf:
	snprintf(out, size, plus ? "%+.1f" : "%.1f", x);
}

void
report_decimal1(double x, char *out, size_t size)
{
	report_fixed1(x, 0, out, size);
}

void
report_level(double v, char *out, size_t size)
{
	report_fixed1(v + (v >= 0 ? 1e-9 : -1e-9), 0, out, size);
}

/* "%d" into a cell of 24 bytes, by hand: a long history has thousands. */
static void
report_int_cell(int n, char out[24])
{
	char tmp[16];
	int i = (int)sizeof tmp;
	unsigned u = n < 0 ? 0u - (unsigned)n : (unsigned)n;

	do {
		tmp[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (n < 0)
		tmp[--i] = '-';
	memcpy(out, tmp + i, sizeof tmp - (size_t)i);
	out[sizeof tmp - (size_t)i] = '\0';
}

/* util_format_clock() into a cell, by hand: "M:SS" or "H:MM:SS". */
static void
report_clock_cell(long seconds, char out[24])
{
	char *o = out;

	if (seconds < 0)
		seconds = 0;
	if (seconds >= 3600) {
		o = report_put_num(o, seconds / 3600, 1);
		*o++ = ':';
		o = report_put_num(o, seconds / 60 % 60, 2);
	} else
		o = report_put_num(o, seconds / 60, 1);
	*o++ = ':';
	o = report_put_num(o, seconds % 60, 2);
	*o = '\0';
}

void
report_week_cells(const struct report_summary *s,
    const struct report_week *wk, char cells[REPORT_WEEK_CELLS][24])
{
	double diff;

	day_format(wk->start, cells[0]);
	report_int_cell(wk->sessions, cells[1]);
	if (wk->target > 0)
		report_int_cell(wk->target, cells[2]);
	else
		strcpy(cells[2], "-");
	report_int_cell(wk->partial, cells[3]);
	report_clock_cell(wk->seconds, cells[4]);
	strcpy(cells[5], "-");
	strcpy(cells[6], "-");
	strcpy(cells[7], "-");
	if (wk->n_before > 0)
		report_level(wk->pain_before, cells[5], 24);
	if (wk->n_after > 0)
		report_level(wk->pain_after, cells[6], 24);
	if (wk->n_before > 0 && s->has_baseline) {
		diff = wk->pain_before - s->baseline;
		report_fixed1(diff + (diff >= 0 ? 1e-9 : -1e-9), 1, cells[7],
		    22);
		if (report_meaningful(s->baseline, wk->pain_before))
			strcat(cells[7], " *");
		if (wk->start == s->baseline_week)
			strcpy(cells[7], "start");
	}
}

char *
report_pain_text(const struct report_summary *s, int which)
{
	char monday[11], base[16], latest[16];

	if (!s->has_baseline)
		return which == 0 ? xstrdup("No pain ratings before sessions "
		    "in this period.") : NULL;
	report_level(s->baseline, base, sizeof base);
	report_level(s->latest, latest, sizeof latest);
	switch (which) {
	case 0:
		day_format(s->baseline_week, monday);
		return xasprintf("Starting level: %s (mean rating before "
		    "sessions in the week of %s).", base, monday);
	case 1:
		return xasprintf("Latest level: %s, a change of %+.1f.",
		    latest, s->change + (s->change >= 0 ? 1e-9 : -1e-9));
	case 2:
		return xasprintf("This is %s.", s->sustained ?
		    "a meaningful drop (2 points or 30% of the starting "
		    "level), held for 2 weeks in a row" : s->meaningful ?
		    "a meaningful drop (2 points or 30% of the starting "
		    "level), not yet held for 2 weeks in a row" :
		    "not a meaningful drop (that needs 2 points or 30% of "
		    "the starting level)");
	}
	return NULL;
}

/* Writes n as exactly width digits (n from 0 to 10^width - 1). */
static void
report_digits(char *out, int n, int width)
{
	while (width-- > 0) {
		out[width] = (char)('0' + n % 10);
		n /= 10;
	}
}

/* "YYYY-MM-DD HH:MM" of a local day and minute into out (17 bytes).
 * The date of the last day asked for is kept: sessions come in time
 * order, several a day. */
static int32_t
report_time_local(int32_t day, int minute, char *out)
{
	static int32_t last_day;
	static char last_ymd[11];
	int y, m, d;

	if (last_ymd[0] == '\0' || day != last_day) {
		day_to_ymd(day, &y, &m, &d);
		report_digits(last_ymd, y, 4);
		last_ymd[4] = '-';
		report_digits(last_ymd + 5, m, 2);
		last_ymd[7] = '-';
		report_digits(last_ymd + 8, d, 2);
		last_ymd[10] = ' ';
		last_day = day;
	}
	memcpy(out, last_ymd, 11);
	out[11] = (char)('0' + minute / 600);
	out[12] = (char)('0' + minute / 60 % 10);
	out[13] = ':';
	out[14] = (char)('0' + minute % 60 / 10);
	out[15] = (char)('0' + minute % 10);
	out[16] = '\0';
	return day;
}

int32_t
report_time(int64_t t, char *out, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;
	int32_t day;
	int minute;

	/* The common case, by hand (a long history has thousands). */
	if (size >= 17 && day_local(t, &day, &minute) == 0)
		return report_time_local(day, minute, out);
	if (localtime_r(&tt, &tm) == NULL) {
		snprintf(out, size, "?");
		return day_of_time(t);
	}
	snprintf(out, size, "%04d-%02d-%02d %02d:%02d",
	    (tm.tm_year + 1900) % 10000, (tm.tm_mon + 1) % 100,
	    tm.tm_mday % 100, tm.tm_hour % 100, tm.tm_min % 100);
	return day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int32_t
report_session_when(const struct report_summary *s, size_t i, int64_t t,
    char *out)
{
	const struct report_when *w;

	/* What report_summarise() found, when it is this session's. */
	if (s->when != NULL && i < s->n_when) {
		w = &s->when[i];
		if (w->t == t && w->minute >= 0)
			return report_time_local(w->day, w->minute, out);
	}
	return report_time(t, out, 32);
}

/* Writes n with at least width digits (zero-padded) at o, without a
 * NUL (at most 21 bytes); returns the end. */
static char *
report_put_num(char *o, long n, int width)
{
	char tmp[24];
	int i = (int)sizeof tmp;
	unsigned long u = n < 0 ? 0ul - (unsigned long)n : (unsigned long)n;

	/* Minutes, seconds and ratings, the common case, at once. */
	if (n >= 0 && n < 100 && width <= 2) {
		if (n < 10 && width < 2) {
			*o = (char)('0' + n);
			return o + 1;
		}
		o[0] = (char)('0' + n / 10);
		o[1] = (char)('0' + n % 10);
		return o + 2;
	}
	do {
		tmp[--i] = (char)('0' + u % 10);
		u /= 10;
		width--;
	} while (u > 0 && i > 1);
	while (width-- > 0 && i > 1)
		tmp[--i] = '0';
	if (n < 0)
		tmp[--i] = '-';
	memcpy(o, tmp + i, sizeof tmp - (size_t)i);
	return o + (sizeof tmp - (size_t)i);
}

/* The local day of session i of the data s summarises. */
static int32_t
report_session_day(const struct report_summary *s, size_t i, int64_t t)
{
	if (s->when != NULL && i < s->n_when && s->when[i].t == t)
		return s->when[i].day;
	return day_of_time(t);
}

size_t
report_session_count(const struct report_data *d,
    const struct report_summary *s)
{
	size_t i, n = 0;
	int32_t day;

	for (i = 0; i < d->n_sessions; i++) {
		day = report_session_day(s, i, d->sessions[i].started_at);
		n += day >= s->first && day <= s->last;
	}
	return n;
}

/* Appends a number of at least width digits (zero-padded) to b. */
static void
report_add_num(struct buf *b, long n, int width)
{
	char tmp[24];

	buf_add(b, tmp, (size_t)(report_put_num(tmp, n, width) - tmp));
}

/* A session's line, its name already cleaned, into b.  Built by hand,
 * a piece at a time, not with printf: a long history has thousands. */
static void
report_session_line(struct buf *b, const struct report_session *rs,
    const char *when, const char *name, size_t name_len)
{
	char part[96], *o = part;

	buf_adds(b, when);
	buf_addc(b, ' ');
	buf_add(b, name, name_len);
	memcpy(o, ", ", 2);
	o = report_put_num(o + 2, rs->done_s / 60, 1);
	*o++ = ':';
	o = report_put_num(o, rs->done_s % 60, 2);
	memcpy(o, ", ", 2);
	buf_add(b, part, (size_t)(o + 2 - part));
	buf_adds(b, rs->state != NULL ? rs->state : "?");
	if (rs->pain_before < 0 && rs->pain_after < 0)
		return;
	o = part;
	o = stpcpy(o, rs->pain_after < 0 ? ", pain before " :
	    rs->pain_before < 0 ? ", pain after " : ", pain ");
	if (rs->pain_before >= 0)
		o = report_put_num(o, rs->pain_before, 1);
	if (rs->pain_before >= 0 && rs->pain_after >= 0)
		o = stpcpy(o, " to ");
	if (rs->pain_after >= 0)
		o = report_put_num(o, rs->pain_after, 1);
	buf_add(b, part, (size_t)(o - part));
}

static const char *
report_session_name(const struct report_session *rs)
{
	return rs->title != NULL ? rs->title : rs->routine_id;
}

/* "E1 (possible cauda equina syndrome), U1 (...)" from "E1 U1". */
static char *
report_rules_in_words(const char *codes, report_clean_fn clean, void *ctx)
{
	char *copy = clean(ctx, codes), *tok, *save = NULL;
	struct buf b = BUF_INIT;
	const char *name;

	for (tok = strtok_r(copy, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		name = advice_rule_name(tok);
		if (b.len > 0)
			buf_adds(&b, ", ");
		buf_adds(&b, tok);
		if (name != NULL) {
			buf_adds(&b, " (");
			buf_adds(&b, name);
			buf_addc(&b, ')');
		}
	}
	free(copy);
	return b.len > 0 ? buf_detach(&b) : (buf_free(&b), xstrdup(""));
}

/* Appends "; LABEL: cleaned text" when text is not empty. */
static void
report_add_part(struct buf *b, const char *label, const char *text,
    report_clean_fn clean, void *ctx)
{
	char *t;

	if (text == NULL || text[0] == '\0')
		return;
	t = clean(ctx, text);
	buf_adds(b, "; ");
	buf_adds(b, label);
	buf_adds(b, ": ");
	buf_adds(b, t);
	free(t);
}

/* The words for a check's kind; NULL when it is none of the known
 * ones (then shown as stored, cleaned). */
static const char *
report_kind_words(const char *kind)
{
	if (kind == NULL)
		return NULL;
	if (strcmp(kind, "recheck") == 0)
		return "re-check of the emergency questions";
	if (strcmp(kind, "full") == 0)
		return "full check";
	return NULL;
}

void
report_check_line(struct buf *b, const struct report_check *c,
    const char *when, report_clean_fn clean, void *ctx)
{
	const char *words = report_kind_words(c->kind);
	char *kind = NULL, *rules = NULL;

	/* Built by hand, not with printf, and the known kinds and no rules
	 * (the common case) are not cleaned: a long history has hundreds. */
	if (words == NULL) {
		kind = clean(ctx, c->kind);
		words = report_kind_words(kind);
	}
	if (c->rules != NULL && c->rules[0] != '\0')
		rules = report_rules_in_words(c->rules, clean, ctx);
	buf_adds(b, when);
	buf_add(b, "  ", 2);
	buf_adds(b, words != NULL ? words : kind);
	buf_add(b, ": ", 2);
	buf_adds(b, verdict_name(c->verdict));
	if (c->age >= 0) {
		buf_adds(b, ", age ");
		report_add_num(b, c->age, 1);
	}
	if (c->age >= 0 && c->weeks >= 0) {
		buf_adds(b, ", pain for ");
		report_add_num(b, c->weeks, 1);
		buf_adds(b, c->weeks == 1 ? " week" : " weeks");
	}
	buf_adds(b, "; rules: ");
	buf_adds(b, rules != NULL && rules[0] != '\0' ? rules : "none fired");
	report_add_part(b, "not sure (counted as yes)", c->unsure, clean,
	    ctx);
	report_add_part(b, "massage", c->actions, clean, ctx);
	report_add_part(b, "clearances used", c->clearances, clean, ctx);
	free(kind);
	free(rules);
}

/* The checks' lines (report_list_each()). */
static size_t
report_list_checks(const struct report_data *d,
    const struct report_summary *s, size_t skip, report_clean_fn clean,
    void *ctx, struct buf *line, report_line_fn emit, void *emit_ctx)
{
	size_t n = 0, i;
	char when[32];
	int32_t day;

	for (i = 0; i < d->n_checks; i++) {
		day = report_time(d->checks[i].at, when, sizeof when);
		if (day < s->first || day > s->last || n++ < skip)
			continue;
		buf_reset(line);
		report_check_line(line, &d->checks[i], when, clean, ctx);
		emit(emit_ctx, line->data, line->len);
	}
	return n;
}

/* The sessions' lines (report_list_each()). */
static size_t
report_list_sessions(const struct report_data *d,
    const struct report_summary *s, size_t skip, report_clean_fn clean,
    void *ctx, struct buf *line, report_line_fn emit, void *emit_ctx)
{
	size_t n = 0, i, name_len = 0;
	char when[32], *name = NULL;
	const char *raw = NULL;
	int32_t day;

	for (i = 0; i < d->n_sessions; i++) {
		if (n < skip) {
			day = report_session_day(s, i,
			    d->sessions[i].started_at);
			n += day >= s->first && day <= s->last;
			continue;
		}
		day = report_session_when(s, i, d->sessions[i].started_at,
		    when);
		if (day < s->first || day > s->last)
			continue;
		/* Runs of the same routine clean its name once. */
		if (name == NULL || strcmp(raw,
		    report_session_name(&d->sessions[i])) != 0) {
			free(name);
			raw = report_session_name(&d->sessions[i]);
			name = clean(ctx, raw);
			name_len = strlen(name);
		}
		buf_reset(line);
		report_session_line(line, &d->sessions[i], when, name,
		    name_len);
		emit(emit_ctx, line->data, line->len);
		n++;
	}
	free(name);
	return n;
}

size_t
report_list_each(const struct report_data *d,
    const struct report_summary *s, enum report_section sec, size_t skip,
    report_clean_fn clean, void *ctx, struct buf *line,
    report_line_fn emit, void *emit_ctx)
{
	int checks = sec == REPORT_SEC_CHECKS;
	const char *none = checks ? "No safety checks in this period." :
	    "No sessions in this period.";
	size_t n;

	n = checks ? report_list_checks(d, s, skip, clean, ctx, line, emit,
	    emit_ctx) : report_list_sessions(d, s, skip, clean, ctx, line,
	    emit, emit_ctx);
	if (n == 0) {
		emit(emit_ctx, none, strlen(none));
		n = 1;
	}
	return n;
}

/* report_list_lines()'s collector. */
struct report_collect {
	char **v;
	size_t n;
};

static void
report_collect_line(void *ctx, const char *line, size_t len)
{
	struct report_collect *c = ctx;

	c->v[c->n] = xmalloc(len + 1);
	memcpy(c->v[c->n], line, len);
	c->v[c->n++][len] = '\0';
}

size_t
report_list_lines(const struct report_data *d,
    const struct report_summary *s, enum report_section sec,
    report_clean_fn clean, void *ctx, char ***out)
{
	size_t total = sec == REPORT_SEC_CHECKS ? d->n_checks :
	    d->n_sessions;
	struct report_collect c = { NULL, 0 };
	struct buf line = BUF_INIT;

	c.v = xcalloc(total + 1, sizeof *c.v);
	report_list_each(d, s, sec, 0, clean, ctx, &line,
	    report_collect_line, &c);
	buf_free(&line);
	*out = c.v;
	return c.n;
}

size_t
report_plan_items(const struct plan *p, report_clean_fn clean, void *ctx,
    char ***out)
{
	char from[11], until[11], *t;
	size_t n = 0, i, max;

	*out = NULL;
	if (p == NULL)
		return 0;
	max = 3 + (p->n_routines > 0 ? p->n_routines : 1) + p->n_lessons;
	*out = xcalloc(max, sizeof **out);
	day_format(p->from, from);
	day_format(p->until, until);
	t = clean(ctx, p->title);
	(*out)[n++] = xasprintf("Title: %s", t);
	free(t);
	(*out)[n++] = strcmp(from, until) == 0 ? xasprintf("On %s only",
	    from) : xasprintf("From %s to %s", from, until);
	if (p->therapist != NULL) {
		t = clean(ctx, p->therapist);
		(*out)[n++] = xasprintf("Therapist: %s", t);
		free(t);
	}
	if (p->n_routines == 0)
		(*out)[n++] = xstrdup("No routines set in this plan.");
	for (i = 0; i < p->n_routines; i++) {
		t = clean(ctx, p->routines[i].id);
		(*out)[n++] = xasprintf("Routine %s: %d a week", t,
		    p->routines[i].per_week);
		free(t);
	}
	for (i = 0; i < p->n_lessons; i++) {
		t = clean(ctx, p->lessons[i].id);
		(*out)[n++] = xasprintf("Lesson %s", t);
		free(t);
	}
	return n;
}

void
report_strings_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

char *
report_lessons_text(const struct report_data *d,
    const struct report_summary *s)
{
	char lessons[32], checks[32];

	text_count(checks, sizeof checks, s->selfchecks_done, "self-check",
	    "self-checks");
	if (d->n_lessons_total > 0)
		return xasprintf("%d of %zu lessons read, %s done.",
		    s->lessons_read, d->n_lessons_total, checks);
	return xasprintf("%s read, %s done.", text_count(lessons,
	    sizeof lessons, s->lessons_read, "lesson", "lessons"), checks);
}

