/*
 * ui_progress.c: the progress view: this week against the plan, the
 * streak, a calendar of the last 12 weeks shaded by minutes, a chart of
 * pain before and after each session with the starting level and the
 * weekly averages, lessons read, and the history of safety checks.
 *
 * Everything shown is computed by report.c from what store.c loads; this
 * file only lays it out.  The view is built as lines of styled segments
 * for the current width and scrolled like a pager, so it stays readable
 * on a small terminal.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "app.h"
#include "clock.h"
#include "day.h"
#include "lesson.h"
#include "plan.h"
#include "report.h"
#include "session.h"
#include "store.h"
#include "store_movement.h"
#include "psfs.h"
#include "text.h"
#include "ui.h"
#include "ui_view.h"
#include "util.h"

#define PV_WEEKS 12
/* The newest weeks with a rating before whose averages the chart lists. */
#define PV_PAIN_WEEKS 6
/* The most rated sessions the pain chart shows at cols columns. */
#define PV_CHART_MAX(cols) ((cols) > 12 ? (size_t)((cols) - 6) : 6)
#define PV_CHART_ROWS 11        /* pain 10 down to 0 */

struct pv_seg {
	enum ui_role role;
	char *text;
};

struct pv_line {
	struct pv_seg *segs;
	size_t n;
};

struct progress {
	struct report_data data;
	struct report_summary sum;
	struct routine_entry *routines;   /* for titles */
	size_t n_routines;
	char *error;             /* the store could not be read */
	char *note;              /* read only: why nothing can be saved */
	struct pv_line *lines;
	size_t n_lines;
	int built_cols;          /* the width the lines were built for */
	struct ui_view *view;    /* shows, scrolls and searches the lines */
	char *function;          /* the PSFS trend, or NULL (psfs.h) */
	size_t rated;            /* the rated sessions asked of the store */
};

static const char *const pv_months[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

/* ---- lines ------------------------------------------------------------- */

static struct pv_line *
pv_line_new(struct progress *p)
{
	struct pv_line *l;

	p->lines = xgrow(p->lines, p->n_lines, sizeof *p->lines);
	l = &p->lines[p->n_lines++];
	l->segs = NULL;
	l->n = 0;
	return l;
}

static void
pv_seg_add(struct pv_line *l, enum ui_role role, const char *text)
{
	l->segs = xgrow(l->segs, l->n, sizeof *l->segs);
	l->segs[l->n].role = role;
	l->segs[l->n].text = xstrdup(text);
	l->n++;
}

static void pv_text(struct progress *p, enum ui_role role, const char *fmt,
    ...) BC_PRINTF(3, 4);

static void pv_wrapped(struct progress *p, enum ui_role role, int indent,
    int cols, const char *text);

/* Adds text of a single role (wrapped at the width being built). */
static void
pv_text(struct progress *p, enum ui_role role, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	/* Wrapped like any text, so a narrow screen cuts nothing. */
	if (*s == '\0')
		pv_seg_add(pv_line_new(p), role, s);
	else
		pv_wrapped(p, role, 0, p->built_cols, s);
	free(s);
}

/* Adds text word-wrapped to cols, each line indented by indent spaces. */
static void
pv_wrapped(struct progress *p, enum ui_role role, int indent, int cols,
    const char *text)
{
	const char *s = text, *brk;
	size_t k;
	int w, room = cols - indent;
	uint32_t cp;
	char *piece;
	struct pv_line *l;

	if (room < 8)
		room = 8;
	while (*s != '\0') {
		const char *e = s;

		brk = NULL;
		w = 0;
		while (*e != '\0') {
			k = text_decode(e, strlen(e), &cp);
			if (w + text_cp_width(cp) > room)
				break;
			w += text_cp_width(cp);
			e += k;
			if (cp == ' ')
				brk = e;
		}
		if (*e != '\0' && brk != NULL)
			e = brk;
		if (e == s)
			e += text_decode(e, strlen(e), &cp);
		piece = xasprintf("%*s%.*s", indent, "", (int)(e - s), s);
		l = pv_line_new(p);
		pv_seg_add(l, role, piece);
		free(piece);
		s = e;
		while (*s == ' ')
			s++;
	}
}

static void
pv_lines_free(struct progress *p)
{
	size_t i, j;

	for (i = 0; i < p->n_lines; i++) {
		for (j = 0; j < p->lines[i].n; j++)
			free(p->lines[i].segs[j].text);
		free(p->lines[i].segs);
	}
	free(p->lines);
	p->lines = NULL;
	p->n_lines = 0;
}

/* "16 Nov" for a day. */
static void
pv_short_date(int32_t day, char *out, size_t size)
{
	int y, m, d;

	day_to_ymd(day, &y, &m, &d);
	snprintf(out, size, "%d %s", d, pv_months[(m - 1) % 12]);
}

static const char *
pv_routine_title(const struct progress *p, const char *id)
{
	size_t i;

	for (i = 0; i < p->n_routines; i++)
		if (strcmp(p->routines[i].id, id) == 0)
			return p->routines[i].title;
	return id;
}

/* ---- sections ---------------------------------------------------------- */

static void
pv_build_week(struct progress *p, int cols)
{
	const struct report_summary *s = &p->sum;
	const struct plan *plan = p->data.plan;
	const struct report_week *w = s->n_weeks > 0 ?
	    &s->weeks[s->n_weeks - 1] : NULL;
	/* Against a plan only its routines count; without one, all do. */
	int done = w == NULL ? 0 : plan != NULL ? w->planned : w->sessions;
	char *line;
	size_t i;
	struct buf b = BUF_INIT;

	if (plan != NULL && plan_sessions_per_week(plan) > 0)
		line = xasprintf("This week: %d of %d planned sessions done%s",
		    done, plan_sessions_per_week(plan), w != NULL &&
		    w->sessions > w->planned ? " (more outside the plan)" : "");
	else
		line = xasprintf("This week: %d session%s done", done,
		    done == 1 ? "" : "s");
	{
		char *all = xasprintf("%s.  Streak: %d day%s in a row.", line,
		    s->streak, s->streak == 1 ? "" : "s");

		pv_wrapped(p, UI_ROLE_EMPHASIS, 0, cols, all);
		free(all);
	}
	free(line);
	if (plan == NULL) {
		pv_wrapped(p, UI_ROLE_DIM, 0, cols, "No homework plan is in "
		    "force. Your therapist can give you one: backcare plan "
		    "import FILE.");
		return;
	}
	buf_printf(&b, "Plan: %s, until ", plan->title);
	{
		char until[16];

		pv_short_date(plan->until, until, sizeof until);
		buf_adds(&b, until);
	}
	if (plan->therapist != NULL)
		buf_printf(&b, " (%s)", plan->therapist);
	buf_adds(&b, ".");
	pv_wrapped(p, UI_ROLE_NORMAL, 0, cols, b.data);
	buf_reset(&b);
	for (i = 0; i < s->n_homework; i++) {
		const struct report_homework *h = &s->homework[i];
		int left = h->target - h->done;

		buf_reset(&b);
		buf_printf(&b, "%s: %d of %d this week", pv_routine_title(p,
		    h->routine_id), h->done, h->target);
		if (left > 0)
			buf_printf(&b, ", %d to go", left);
		else
			buf_adds(&b, ", done");
		pv_wrapped(p, left > 0 ? UI_ROLE_NORMAL : UI_ROLE_GOOD, 2,
		    cols, b.data);
	}
	buf_free(&b);
}

static void
pv_build_prompts(struct progress *p, int cols)
{
	unsigned bit;

	for (bit = 1; bit != 0 && bit <= REPORT_PROMPT_RECHECK; bit <<= 1)
		if (p->sum.prompts & bit)
			pv_wrapped(p, UI_ROLE_WARNING, 0, cols,
			    report_prompt_text((enum report_prompt)bit));
}

/* The glyph and role for a day's minutes on the calendar. */
static const char *
pv_shade(long seconds, int utf8, enum ui_role *role)
{
	static const char *const uni[] = { "\xc2\xb7", "\xe2\x96\x91",
	    "\xe2\x96\x92", "\xe2\x96\x93", "\xe2\x96\x88" };
	static const char *const ascii[] = { ".", ":", "+", "*", "#" };
	int level;

	if (seconds <= 0)
		level = 0;
	else if (seconds < 5 * 60)
		level = 1;
	else if (seconds < 10 * 60)
		level = 2;
	else if (seconds < 20 * 60)
		level = 3;
	else
		level = 4;
	*role = level == 0 ? UI_ROLE_DIM : UI_ROLE_GOOD;
	return utf8 ? uni[level] : ascii[level];
}

static void
pv_build_calendar(struct progress *p, int cols)
{
	static const char *const wd[7] = { "Mon", "Tue", "Wed", "Thu", "Fri",
	    "Sat", "Sun" };
	int32_t first = day_week_start(p->sum.today) - 7 * (PV_WEEKS - 1);
	long secs[PV_WEEKS * 7];
	int utf8 = text_utf8(), r, c, weeks = PV_WEEKS;
	enum ui_role role;
	struct pv_line *l;
	char head[PV_WEEKS * 2 + 8], cell[8];

	/* Two columns a week; fewer weeks when the screen is narrow. */
	while (weeks > 1 && 5 + weeks * 2 > cols)
		weeks--;
	report_day_seconds(&p->data, first, PV_WEEKS * 7, secs);
	pv_text(p, UI_ROLE_HEADING, "Last %d weeks (darker: more minutes)",
	    weeks);
	/* Month labels above the first week of each month shown. */
	memset(head, ' ', sizeof head);
	head[sizeof head - 1] = '\0';
	for (c = PV_WEEKS - weeks; c < PV_WEEKS; c++) {
		int y, m, d, at = 4 + (c - (PV_WEEKS - weeks)) * 2;

		day_to_ymd(first + 7 * c, &y, &m, &d);
		if (d <= 7 && at + 3 < (int)sizeof head)
			memcpy(head + at, pv_months[m - 1], 3);
	}
	head[4 + weeks * 2] = '\0';
	pv_text(p, UI_ROLE_DIM, "%s", head);
	for (r = 0; r < 7; r++) {
		l = pv_line_new(p);
		pv_seg_add(l, UI_ROLE_DIM, wd[r]);
		pv_seg_add(l, UI_ROLE_NORMAL, " ");
		for (c = PV_WEEKS - weeks; c < PV_WEEKS; c++) {
			int32_t day = first + 7 * c + r;

			if (day > p->sum.today) {
				pv_seg_add(l, UI_ROLE_NORMAL, "  ");
				continue;
			}
			snprintf(cell, sizeof cell, "%s ",
			    pv_shade(secs[7 * c + r], utf8, &role));
			pv_seg_add(l, role, cell);
		}
	}
	l = pv_line_new(p);
	pv_seg_add(l, UI_ROLE_DIM, "    none ");
	for (r = 0; r < 5; r++) {
		static const long sample[5] = { 0, 60, 300, 600, 1200 };
		const char *g = pv_shade(sample[r], utf8, &role);

		pv_seg_add(l, role, g);
		pv_seg_add(l, UI_ROLE_NORMAL, " ");
	}
	pv_seg_add(l, UI_ROLE_DIM, "20+ min");
}

/* Sessions with at least one pain rating, oldest first. */
static size_t
pv_rated(const struct report_data *d, const struct report_session **out,
    size_t max)
{
	size_t i, n = 0, start;

	for (i = 0; i < d->n_sessions; i++)
		if (d->sessions[i].pain_before >= 0 ||
		    d->sessions[i].pain_after >= 0)
			n++;
	start = n > max ? n - max : 0;
	n = 0;
	for (i = 0; i < d->n_sessions; i++) {
		const struct report_session *s = &d->sessions[i];

		if (s->pain_before < 0 && s->pain_after < 0)
			continue;
		if (start > 0) {
			start--;
			continue;
		}
		out[n++] = s;
	}
	return n;
}

/* The weekly averages and the change from the starting level. */
static void
pv_build_averages(struct progress *p, int cols)
{
	const struct report_summary *s = &p->sum;
	struct buf b = BUF_INIT;

	if (s->has_baseline) {
		buf_printf(&b, "Starting level %.1f", s->baseline);
		if (s->has_latest)
			buf_printf(&b, "; latest week %.1f (%+.1f)", s->latest,
			    s->change);
		buf_adds(&b, s->sustained ? ": a meaningful drop, held two "
		    "weeks." : s->meaningful ? ": a meaningful drop (2 points "
		    "or 30%)." : ".");
		pv_wrapped(p, s->meaningful ? UI_ROLE_GOOD : UI_ROLE_NORMAL, 0,
		    cols, b.data);
		buf_reset(&b);
	}
	{
		size_t k, count = 0;
		char date[16];

		buf_adds(&b, "Weekly average before:");
		for (k = s->n_weeks; k > 0 && count < PV_PAIN_WEEKS; k--) {
			const struct report_week *w = &s->weeks[k - 1];

			if (w->n_before == 0)
				continue;
			pv_short_date(w->start, date, sizeof date);
			buf_printf(&b, "%s %s %.1f", count > 0 ? "," : "", date,
			    w->pain_before);
			count++;
		}
		if (count > 0) {
			buf_adds(&b, " (weeks from Monday, newest first).");
			pv_wrapped(p, UI_ROLE_NORMAL, 0, cols, b.data);
		}
	}
	buf_free(&b);
}

static void
pv_build_chart(struct progress *p, int cols)
{
	const struct report_summary *s = &p->sum;
	int utf8 = text_utf8(), level, base = -1;
	size_t max = PV_CHART_MAX(cols), n, i;
	char from[16], to[16];
	const struct report_session **rated;
	struct pv_line *l;
	const char *before = utf8 ? "\xe2\x97\x8f" : "b";
	const char *after = utf8 ? "\xe2\x97\x8b" : "a";
	const char *both = utf8 ? "\xe2\x97\x89" : "*";
	const char *start = utf8 ? "\xe2\x94\x84" : "-";

	rated = xreallocarray(NULL, max, sizeof *rated);
	n = pv_rated(&p->data, rated, max);
	pv_text(p, UI_ROLE_HEADING, "Pain, 0 to 10, at each session");
	if (n == 0) {
		pv_wrapped(p, UI_ROLE_DIM, 0, cols, "No pain ratings yet: "
		    "routines ask how much it hurts before and after.");
		free(rated);
		return;
	}
	if (s->has_baseline)
		base = (int)(s->baseline + 0.5);
	for (level = 10; level >= 0; level--) {
		l = pv_line_new(p);
		{
			char lab[8];

			snprintf(lab, sizeof lab, "%2d ", level);
			pv_seg_add(l, UI_ROLE_DIM, lab);
		}
		pv_seg_add(l, UI_ROLE_DIM, utf8 ? "\xe2\x94\x82" : "|");
		for (i = 0; i < n; i++) {
			int pb = rated[i]->pain_before, pa = rated[i]->pain_after;

			if (pb == level && pa == level)
				pv_seg_add(l, UI_ROLE_EMPHASIS, both);
			else if (pb == level)
				pv_seg_add(l, UI_ROLE_WARNING, before);
			else if (pa == level)
				pv_seg_add(l, UI_ROLE_GOOD, after);
			else if (level == base)
				pv_seg_add(l, UI_ROLE_DIM, start);
			else
				pv_seg_add(l, UI_ROLE_NORMAL, " ");
		}
	}
	l = pv_line_new(p);
	pv_seg_add(l, UI_ROLE_WARNING, before);
	pv_seg_add(l, UI_ROLE_NORMAL, " before  ");
	pv_seg_add(l, UI_ROLE_GOOD, after);
	pv_seg_add(l, UI_ROLE_NORMAL, " after  ");
	pv_seg_add(l, UI_ROLE_EMPHASIS, both);
	pv_seg_add(l, UI_ROLE_NORMAL, " both  ");
	if (base >= 0) {
		pv_seg_add(l, UI_ROLE_DIM, start);
		pv_seg_add(l, UI_ROLE_NORMAL, " starting level");
	}
	pv_short_date(day_of_time(rated[0]->started_at), from, sizeof from);
	pv_short_date(day_of_time(rated[n - 1]->started_at), to, sizeof to);
	if (strcmp(from, to) == 0)
		pv_text(p, UI_ROLE_DIM, "The last %zu rated session%s, on %s, "
		    "oldest on the left.", n, n == 1 ? "" : "s", from);
	else
		pv_text(p, UI_ROLE_DIM, "The last %zu rated session%s, %s to "
		    "%s, oldest on the left.", n, n == 1 ? "" : "s", from, to);
	free(rated);

	pv_build_averages(p, cols);
}

static void
pv_build_lessons(struct progress *p, int cols)
{
	char *s;

	pv_text(p, UI_ROLE_HEADING, "Lessons");
	s = xasprintf("%d of %zu lessons read; %d self-check%s done.",
	    p->sum.lessons_read, p->data.n_lessons_total,
	    p->sum.selfchecks_done, p->sum.selfchecks_done == 1 ? "" : "s");
	pv_wrapped(p, UI_ROLE_NORMAL, 0, cols, s);
	free(s);
}

static void
pv_build_checks(struct progress *p, int cols)
{
	size_t i;
	struct pv_line *l;
	char date[16], *s;

	pv_text(p, UI_ROLE_HEADING, "Safety checks, newest first");
	if (p->data.n_checks == 0) {
		pv_wrapped(p, UI_ROLE_DIM, 0, cols, "No safety check yet. "
		    "Routines open after one says massage is safe for you.");
		return;
	}
	for (i = p->data.n_checks; i > 0; i--) {
		const struct report_check *c = &p->data.checks[i - 1];
		enum verdict v = c->verdict;

		day_format(day_of_time(c->at), date);
		l = pv_line_new(p);
		s = xasprintf("%s  %-8s ", date, strcmp(c->kind, "full") == 0 ?
		    "check" : "re-check");
		pv_seg_add(l, UI_ROLE_NORMAL, s);
		free(s);
		pv_seg_add(l, v == VERDICT_NONE ? UI_ROLE_GOOD :
		    v == VERDICT_SOON ? UI_ROLE_WARNING : UI_ROLE_DANGER,
		    verdict_name(v));
		if (c->rules != NULL && c->rules[0] != '\0') {
			s = xasprintf("  %s", c->rules);
			pv_seg_add(l, UI_ROLE_DIM, s);
			free(s);
		}
	}
}

static void
pv_build(struct progress *p, int cols)
{
	pv_lines_free(p);
	p->built_cols = cols;
	if (p->error != NULL) {
		pv_wrapped(p, UI_ROLE_WARNING, 0, cols, p->error);
		return;
	}
	if (p->note != NULL)
		pv_wrapped(p, UI_ROLE_WARNING, 0, cols, p->note);
	pv_build_prompts(p, cols);
	pv_build_week(p, cols);
	pv_text(p, UI_ROLE_NORMAL, "%s", "");
	pv_build_calendar(p, cols);
	pv_text(p, UI_ROLE_NORMAL, "%s", "");
	pv_build_chart(p, cols);
	pv_text(p, UI_ROLE_NORMAL, "%s", "");
	pv_build_lessons(p, cols);
	pv_text(p, UI_ROLE_NORMAL, "%s", "");
	/* The weekly activity rating against its meaningful change. */
	pv_text(p, UI_ROLE_HEADING, "Everyday activities");
	pv_wrapped(p, p->function ? UI_ROLE_NORMAL : UI_ROLE_DIM, 0, cols,
	    p->function ? p->function : "Not rated yet: press f on the home "
	    "screen.");
	pv_text(p, UI_ROLE_NORMAL, "%s", "");
	pv_build_checks(p, cols);
}

/* ---- the screen -------------------------------------------------------- */

/*
 * Loads what the view shows (store_progress_load(): never the whole
 * history), for a chart of up to rated sessions, and summarises it as of
 * today.  On a store error the view shows the message.
 */
static void
progress_load(struct progress *p, struct app *app, size_t rated)
{
	const char *why;
	struct store *st = app_store_view(app, &why);
	struct store_progress_ask a;
	int32_t first;
	int streak;
	size_t i;

	if (st == NULL) {
		p->error = xstrdup(why);
		return;
	}
	free(p->note);
	p->note = st == app->store ? NULL : xasprintf("Read only: nothing "
	    "can be saved now (%s).", app->store_error);
	a.now = clock_wall_s();
	a.today = first = day_of_time(a.now);
	a.first = day_week_start(a.today) - 7 * (PV_WEEKS - 1);
	a.rated = p->rated = rated;
	a.pain_weeks = PV_PAIN_WEEKS;
	if (store_progress_load(st, &a, &p->data, &streak) != 0) {
		p->error = xstrdup(store_error(st));
		return;
	}
	p->data.n_lessons_total = lesson_course_count(app_content(app));
	for (i = 0; i < p->data.n_sessions; i++) {
		int32_t day = day_of_time(p->data.sessions[i].started_at);

		if (day < first)
			first = day;
	}
	report_summarise(&p->data, day_week_start(first), a.today, a.today,
	    &p->sum);
	p->sum.streak = streak;
}

static void *
progress_enter(struct ui *ui, void *arg)
{
	struct progress *p = xcalloc(1, sizeof *p);
	struct app *app = ui_app(ui);
	struct diag d = DIAG_INIT;
	struct psfs_history h;
	const char *why;

	(void)arg;
	p->view = ui_view_new(UI_VIEW_SEARCH);
	progress_load(p, app, PV_CHART_MAX(COLS - 3));
	if (p->error != NULL) {
		app_store_view_done(app);
		return p;
	}
	p->n_routines = session_list(app, &p->routines, &d);
	diag_free(&d);
	if (store_psfs_load(app_store_view(app, &why), &h) == 0) {
		p->function = psfs_trend_sentence(&h);
		psfs_history_free(&h);
	}
	app_store_view_done(app);
	return p;
}

static void
progress_key(struct ui *ui, void *state, const struct ui_key *k)
{
	struct progress *p = state;

	ui_dirty(ui);
	if (ui_view_key(ui, p->view, k) != UI_VIEW_IGNORED)
		return;
	if (k->action == UI_BACK || k->action == UI_BACKSPACE ||
	    k->action == UI_LEFT)
		ui_pop(ui);
	else if (k->action == UI_CHAR && k->ch == 'w')
		ui_printout_write(ui);
}

static void
progress_draw(struct ui *ui, void *state, int rows, int cols)
{
	struct progress *p = state;
	const struct pv_line *l;
	enum ui_role roles[64];
	const char *texts[64];
	size_t i, j;

	if (p->built_cols != cols - 3) {
		/* A chart wider than the sessions read: read as many. */
		if (p->error == NULL && PV_CHART_MAX(cols - 3) > p->rated) {
			report_summary_free(&p->sum);
			report_data_free(&p->data);
			progress_load(p, ui_app(ui), PV_CHART_MAX(cols - 3));
			app_store_view_done(ui_app(ui));
		}
		pv_build(p, cols - 3);
	}
	ui_draw_title(ui, cols, "Progress");
	/* The lines are built to the width; the view shows and scrolls them. */
	ui_view_begin(p->view, cols - 3);
	for (i = 0; i < p->n_lines; i++) {
		l = &p->lines[i];
		for (j = 0; j < l->n && j < BC_ARRAY_LEN(roles); j++) {
			roles[j] = l->segs[j].role;
			texts[j] = l->segs[j].text;
		}
		ui_view_add_spans(p->view, j, roles, texts);
	}
	ui_view_draw(ui, p->view, 1, 1, rows - 2);
	ui_draw_status(ui, rows - 1, cols, ui_view_lines(p->view) >
	    (size_t)(rows - 2) ? "Up/Down scroll  / search  w print  q back" :
	    "w print  q back  ? keys");
}

static void
progress_leave(struct ui *ui, void *state)
{
	struct progress *p = state;

	(void)ui;
	ui_view_free(p->view);
	pv_lines_free(p);
	report_summary_free(&p->sum);
	report_data_free(&p->data);
	session_list_free(p->routines, p->n_routines);
	free(p->function);
	free(p->error);
	free(p->note);
	free(p);
}

static const struct ui_help progress_help[] = {
	{ "Up, k / Down, j", "scroll a line" },
	{ "PgUp / PgDn, Space", "scroll a page" },
	{ "g, Home / G, End", "top / bottom" },
	{ "/, n, N", "search" },
	{ "mouse wheel", "scroll" },
	{ "w", "write the report and the handout as HTML to print" },
	{ "q, Esc, Left, h", "back to the home screen" },
	{ NULL, NULL }
};

const struct ui_screen ui_progress_screen = {
	.name = "Progress",
	.enter = progress_enter,
	.key = progress_key,
	.draw = progress_draw,
	.leave = progress_leave,
	.help = progress_help,
};
