/*
 * report_html.c: the therapist's report as one self-contained HTML page
 * for print: no scripts, nothing loaded from outside, the charts drawn in
 * inline SVG, each with a table or a description beside it so that a
 * screen reader reads what the picture shows.
 *
 * The words are report.c's, shared with the text and Markdown report;
 * every piece from the records or the plan goes through html.c's
 * escaping.  Pure: the page is built in memory and written with one call.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "day.h"
#include "html.h"
#include "plan.h"
#include "report.h"
#include "util.h"

#define RH_CHART_W 680          /* SVG user units; scaled to the page */
#define RH_MAX_BARS 26          /* weeks in the adherence chart */
#define RH_MAX_SESSIONS 300     /* sessions listed in the printout */
#define RH_CAL_WEEKS 12

/* The pieces from records need no cleaning before escaping: html.c does
 * it all, on the whole sentence. */
static char *
rh_keep(void *ctx, const char *raw)
{
	(void)ctx;
	return xstrdup(raw != NULL ? raw : "");
}

/* <TAG>escaped text</TAG>\n */
static void
rh_elem(struct buf *b, const char *tag, const char *text)
{
	buf_addc(b, '<');
	buf_adds(b, tag);
	buf_addc(b, '>');
	html_escape(b, text);
	buf_add(b, "</", 2);
	buf_adds(b, tag);
	buf_add(b, ">\n", 2);
}

/* A list item from an allocated sentence, which it frees. */
static void
rh_item_free(struct buf *b, char *text)
{
	rh_elem(b, "li", text);
	free(text);
}

static void
rh_heading(struct buf *b, enum report_section sec, const char *id)
{
	buf_printf(b, "<section id=\"%s\">\n<h2>", id);
	html_escape(b, report_section_title(sec));
	buf_adds(b, "</h2>\n");
}

static void
rh_plan(struct buf *b, const struct plan *p)
{
	char **items;
	size_t n, i;

	rh_heading(b, REPORT_SEC_PLAN, "plan");
	if (p == NULL)
		rh_elem(b, "p", "No homework plan is in force.");
	n = report_plan_items(p, rh_keep, NULL, &items);
	if (n > 0)
		buf_adds(b, "<ul>\n");
	for (i = 0; i < n; i++)
		rh_elem(b, "li", items[i]);
	if (n > 0)
		buf_adds(b, "</ul>\n");
	report_strings_free(items, n);
	buf_adds(b, "</section>\n");
}

/* The first week the adherence chart shows (at most RH_MAX_BARS). */
static size_t
rh_first_bar(const struct report_summary *s)
{
	return s->n_weeks > RH_MAX_BARS ? s->n_weeks - RH_MAX_BARS : 0;
}

/* Bars of sessions done; an outlined dashed box for the plan's target. */
static void
rh_adherence_svg(struct buf *b, const struct report_summary *s)
{
	size_t first = rh_first_bar(s), i, n = s->n_weeks - first;
	int top = 1, h = 150, x0 = 40, y0 = 120, bw, y, t, k, x, w, done;
	int part;
	const struct report_week *wk;
	char monday[11];

	for (i = first; i < s->n_weeks; i++) {
		if (s->weeks[i].sessions + s->weeks[i].partial > top)
			top = s->weeks[i].sessions + s->weeks[i].partial;
		if (s->weeks[i].target > top)
			top = s->weeks[i].target;
	}
	bw = (RH_CHART_W - x0 - 10) / (int)(n > 0 ? n : 1);
	buf_printf(b, "<svg role=\"img\" aria-labelledby=\"adh-t adh-d\" "
	    "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
	    "font-size=\"10\">\n"
	    "<title id=\"adh-t\">Sessions done each week against the plan"
	    "</title>\n<desc id=\"adh-d\">", RH_CHART_W, h, RH_CHART_W, h);
	html_escapef(b, "One bar a week for %zu week%s: black for completed "
	    "sessions, grey for those stopped early, a dashed box for the "
	    "sessions the plan asked for. The same figures are in the table "
	    "below.", n, n == 1 ? "" : "s");
	buf_adds(b, "</desc>\n");
	for (k = 0; k <= top; k += top > 8 ? (top + 3) / 4 : 1) {
		y = y0 - k * 100 / top;
		buf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		    "stroke=\"#bbb\" stroke-width=\"0.5\"/><text x=\"%d\" "
		    "y=\"%d\" text-anchor=\"end\">%d</text>\n", x0, y,
		    RH_CHART_W - 10, y, x0 - 4, y + 3, k);
	}
	for (i = 0; i < n; i++) {
		wk = &s->weeks[first + i];
		x = x0 + (int)i * bw + 2;
		w = bw - 4 > 2 ? bw - 4 : 2;
		done = wk->sessions * 100 / top;
		part = wk->partial * 100 / top;
		buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\""
		    " fill=\"#000\"/>\n", x, y0 - done, w, done);
		if (part > 0)
			buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
			    "height=\"%d\" fill=\"#999\"/>\n", x,
			    y0 - done - part, w, part);
		if ((t = wk->target * 100 / top) > 0)
			buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
			    "height=\"%d\" fill=\"none\" stroke=\"#000\" "
			    "stroke-dasharray=\"3 2\"/>\n", x - 1, y0 - t, w + 2,
			    t);
		if (n <= 13 || i % 2 == 0) {
			day_format(wk->start, monday);
			buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor="
			    "\"middle\">%s</text>\n", x + w / 2, y0 + 14,
			    monday + 5);
		}
	}
	buf_printf(b, "<text x=\"%d\" y=\"%d\">week starting (month-day)"
	    "</text>\n</svg>\n", x0, y0 + 28);
}

static void
rh_weeks_table(struct buf *b, const struct report_summary *s)
{
	static const char *const head[REPORT_WEEK_CELLS] = {
		"Week of", "Done", "Plan", "Partial", "Time", "Pain before",
		"Pain after", "Change"
	};
	char c[REPORT_WEEK_CELLS][24];
	size_t i;
	int k;

	buf_adds(b, "<table>\n<caption class=\"small\">Sessions by week "
	    "(the chart's figures)</caption>\n<tr>");
	for (k = 0; k < REPORT_WEEK_CELLS; k++)
		buf_printf(b, "<th scope=\"col\"%s>%s</th>", k > 0 && k < 7 ?
		    " class=\"n\"" : "", head[k]);
	buf_adds(b, "</tr>\n");
	for (i = 0; i < s->n_weeks; i++) {
		report_week_cells(s, &s->weeks[i], c);
		buf_adds(b, "<tr>");
		for (k = 0; k < REPORT_WEEK_CELLS; k++) {
			buf_adds(b, k == 0 ? "<th scope=\"row\">" : k < 7 ?
			    "<td class=\"n\">" : "<td>");
			html_escape(b, c[k]);
			buf_adds(b, k == 0 ? "</th>" : "</td>");
		}
		buf_adds(b, "</tr>\n");
	}
	buf_adds(b, "</table>\n");
}

static void
rh_weeks(struct buf *b, const struct report_summary *s)
{
	char *t;

	rh_heading(b, REPORT_SEC_WEEKS, "weeks");
	if (s->n_weeks > 0) {
		buf_adds(b, "<figure>\n");
		rh_adherence_svg(b, s);
		buf_adds(b, "</figure>\n");
	}
	if ((t = report_adherence_text(s)) != NULL) {
		rh_elem(b, "p", t);
		free(t);
	}
	rh_weeks_table(b, s);
	buf_adds(b, "<p class=\"small\">");
	html_escape(b, report_weeks_legend());
	buf_adds(b, "</p>\n</section>\n");
}

/* A chart's time axis: days first..last from x0, w wide.  Their
 * midnights are found once (mktime() each: a chart of years has
 * hundreds of marks). */
struct rh_axis {
	int64_t start;
	double span;
	int x0, w;
};

static void
rh_axis_init(struct rh_axis *a, const struct report_summary *s, int x0,
    int w)
{
	a->start = day_start_time(s->first);
	a->span = (double)(day_start_time(s->last + 1) - a->start);
	a->x0 = x0;
	a->w = w;
}

/* x of time t on the axis. */
static double
rh_x(const struct rh_axis *a, int64_t t)
{
	if (a->span <= 0)
		return a->x0;
	return a->x0 + a->w * (double)(t - a->start) / a->span;
}

/* y of a pain level 0-10. */
static double
rh_y(double level)
{
	return 170.0 - level * 15.0;
}

/* The grid, the starting level, the meaningful-change zone, the key. */
static void
rh_pain_frame(struct buf *b, const struct report_summary *s, int x0, int w)
{
	char lv[16];
	double mic;
	int k;

	for (k = 0; k <= 10; k += 2)
		buf_printf(b, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
		    "stroke=\"#bbb\" stroke-width=\"0.5\"/><text x=\"%d\" "
		    "y=\"%.1f\" text-anchor=\"end\">%d</text>\n", x0, rh_y(k),
		    x0 + w, rh_y(k), x0 - 4, rh_y(k) + 3, k);
	mic = report_mic_level(s->baseline);
	report_level(mic, lv, sizeof lv);
	buf_printf(b, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" "
	    "fill=\"#e4e4e4\"/>\n<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" "
	    "y2=\"%.1f\" stroke=\"#000\" stroke-dasharray=\"1 2\"/>\n"
	    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">meaningful change: "
	    "%s or less</text>\n", x0, rh_y(mic < 0 ? 0 : mic), w,
	    rh_y(0) - rh_y(mic < 0 ? 0 : mic), x0, rh_y(mic), x0 + w,
	    rh_y(mic), x0 + w - 2, rh_y(mic) + 11, lv);
	report_level(s->baseline, lv, sizeof lv);
	buf_printf(b, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
	    "stroke=\"#000\" stroke-dasharray=\"6 3\"/>\n<text x=\"%d\" "
	    "y=\"%.1f\" text-anchor=\"end\">starting level %s</text>\n", x0,
	    rh_y(s->baseline), x0 + w, rh_y(s->baseline), x0 + w - 2,
	    rh_y(s->baseline) - 3, lv);
	buf_printf(b, "<circle cx=\"%d\" cy=\"202\" r=\"3\" fill=\"#000\"/>"
	    "<text x=\"%d\" y=\"205\">before a session</text>\n"
	    "<circle cx=\"%d\" cy=\"202\" r=\"3\" fill=\"#fff\" "
	    "stroke=\"#000\"/><text x=\"%d\" y=\"205\">after</text>\n"
	    "<line x1=\"%d\" y1=\"202\" x2=\"%d\" y2=\"202\" stroke=\"#000\" "
	    "stroke-width=\"3\"/><text x=\"%d\" y=\"205\">the week's level "
	    "(mean before)</text>\n", x0, x0 + 6, x0 + 110, x0 + 116,
	    x0 + 160, x0 + 180, x0 + 186);
}

/* Appends " NAME=\"X\"" with x as "%.1f" writes it. */
static void
rh_attr(struct buf *b, const char *name, double x)
{
	char v[32];

	report_decimal1(x, v, sizeof v);
	buf_addc(b, ' ');
	buf_adds(b, name);
	buf_add(b, "=\"", 2);
	buf_adds(b, v);
	buf_addc(b, '"');
}

/* A week's level: a thick bar from x1 to x2 at y.  By hand: a chart of
 * years has hundreds, and printf's floating point is slow. */
static void
rh_level_bar(struct buf *b, double x1, double x2, double y)
{
	buf_adds(b, "<line");
	rh_attr(b, "x1", x1);
	rh_attr(b, "y1", y);
	rh_attr(b, "x2", x2);
	rh_attr(b, "y2", y);
	buf_adds(b, " stroke=\"#000\" stroke-width=\"3\"/>\n");
}

/* A session's rating: a dot at x, y, filled (before) or hollow (after). */
static void
rh_dot(struct buf *b, double x, double y, int filled)
{
	buf_adds(b, "<circle");
	rh_attr(b, "cx", x);
	rh_attr(b, "cy", y);
	buf_adds(b, filled ? " r=\"2.5\" fill=\"#000\"/>\n" :
	    " r=\"2.5\" fill=\"#fff\" stroke=\"#000\"/>\n");
}

/* Each rated session as two marks; each week's level as a thick bar. */
static void
rh_pain_marks(struct buf *b, const struct report_data *d,
    const struct report_summary *s, int x0, int w)
{
	const struct report_session *rs;
	const struct report_week *wk;
	struct rh_axis axis;
	char monday[11];
	int32_t day;
	int64_t start, end = 0;
	double x, x2;
	size_t i;

	rh_axis_init(&axis, s, x0, w);
	for (i = 0; i < s->n_weeks; i++) {
		wk = &s->weeks[i];
		/* A week starts where the one before it ended (the weeks
		 * follow each other): one mktime() a week, not two. */
		start = i > 0 && end != 0 ? end : day_start_time(wk->start);
		end = 0;
		x = rh_x(&axis, start);
		if (x >= x0 && i % (s->n_weeks > 13 ? (s->n_weeks + 12) / 13 :
		    1) == 0) {
			/* Over a year, month-day labels read as out of
			 * order: year-month then. */
			day_format(wk->start, monday);
			if (s->n_weeks > 52)
				monday[7] = '\0';
			buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n",
			    x, rh_y(0) + 11, s->n_weeks > 52 ? monday :
			    monday + 5);
		}
		if (wk->n_before == 0)
			continue;
		end = day_start_time(wk->start + 7);
		x2 = rh_x(&axis, end);
		rh_level_bar(b, x < x0 ? x0 : x, x2 > x0 + w ? x0 + w : x2,
		    rh_y(wk->pain_before));
	}
	/* Over a year, a dot a session is a smear: the weeks' levels
	 * carry the chart, the sessions are listed. */
	for (i = 0; s->n_weeks <= 52 && i < d->n_sessions; i++) {
		rs = &d->sessions[i];
		day = day_of_time(rs->started_at);
		if (day < s->first || day > s->last)
			continue;
		x = rh_x(&axis, rs->started_at);
		if (rs->pain_before >= 0)
			rh_dot(b, x, rh_y(rs->pain_before), 1);
		if (rs->pain_after >= 0)
			rh_dot(b, x + 2, rh_y(rs->pain_after), 0);
	}
}

static void
rh_pain(struct buf *b, const struct report_data *d,
    const struct report_summary *s)
{
	char *t;
	int i, x0 = 40, w = RH_CHART_W - 50;

	rh_heading(b, REPORT_SEC_PAIN, "pain");
	if (s->has_baseline) {
		buf_printf(b, "<figure>\n<svg role=\"img\" aria-labelledby="
		    "\"pain-t pain-d\" viewBox=\"0 0 %d 212\" width=\"%d\" "
		    "height=\"212\" "
		    "font-size=\"10\">\n<title id=\"pain-t\">Pain before and "
		    "after each session, 0 to 10</title>\n<desc id=\"pain-d\">"
		    "Described in the list below the chart; each session's "
		    "ratings are listed under Sessions, each week's level in "
		    "the table of weeks.</desc>\n", RH_CHART_W, RH_CHART_W);
		rh_pain_frame(b, s, x0, w);
		rh_pain_marks(b, d, s, x0, w);
		buf_adds(b, "</svg>\n</figure>\n");
	}
	buf_adds(b, "<ul>\n");
	for (i = 0; i < 3 && (t = report_pain_text(s, i)) != NULL; i++)
		rh_item_free(b, t);
	buf_adds(b, "</ul>\n</section>\n");
}

/* A calendar day's cell, shaded by minutes (greys print in black and
 * white; the number is there for those who cannot see the shade). */
static void
rh_cal_cell(struct buf *b, long seconds, int future)
{
	long min = (seconds + 59) / 60;
	const char *style = min >= 20 ? "background:#555;color:#fff" :
	    min >= 10 ? "background:#aaa" : min > 0 ? "background:#ddd" : "";

	if (future)
		buf_adds(b, "<td></td>");
	else if (style[0] != '\0')
		buf_printf(b, "<td class=\"n\" style=\"%s\">%ld</td>", style,
		    min);
	else
		buf_adds(b, "<td class=\"n\">0</td>");
}

static void
rh_calendar(struct buf *b, const struct report_data *d,
    const struct report_summary *s)
{
	static const char *const wd[7] = {
		"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"
	};
	int32_t first = day_week_start(s->last) - (RH_CAL_WEEKS - 1) * 7;
	long seconds[RH_CAL_WEEKS * 7];
	char monday[11];
	int wk, k;

	rh_heading(b, REPORT_SEC_CALENDAR, "calendar");
	report_day_seconds(d, first, RH_CAL_WEEKS * 7, seconds);
	buf_adds(b, "<table class=\"cal\">\n<caption class=\"small\">Minutes "
	    "of massage each day; darker is more</caption>\n<tr><th scope="
	    "\"col\">Week of</th>");
	for (k = 0; k < 7; k++)
		buf_printf(b, "<th scope=\"col\">%s</th>", wd[k]);
	buf_adds(b, "</tr>\n");
	for (wk = 0; wk < RH_CAL_WEEKS; wk++) {
		day_format(first + wk * 7, monday);
		buf_printf(b, "<tr><th scope=\"row\">%s</th>", monday);
		for (k = 0; k < 7; k++)
			rh_cal_cell(b, seconds[wk * 7 + k],
			    first + wk * 7 + k > s->last);
		buf_adds(b, "</tr>\n");
	}
	buf_adds(b, "</table>\n</section>\n");
}

/* report_list_each()'s emit: the line as an escaped list item. */
static void
rh_list_item(void *ctx, const char *line, size_t len)
{
	struct buf *b = ctx;

	(void)len;
	buf_add(b, "<li>", 4);
	html_escape(b, line);
	buf_add(b, "</li>\n", 6);
}

/* The sessions or the checks, a list item each. */
static void
rh_list(struct buf *b, const struct report_data *d,
    const struct report_summary *s, enum report_section sec)
{
	struct buf line = BUF_INIT;
	size_t n, skip = 0;

	buf_adds(b, sec == REPORT_SEC_SESSIONS ? "<ul class=\"small\">\n" :
	    "<ul>\n");
	/* A printout of years would run to a hundred pages: the latest
	 * sessions, and where the others are (not built at all). */
	if (sec == REPORT_SEC_SESSIONS &&
	    (n = report_session_count(d, s)) > RH_MAX_SESSIONS) {
		skip = n - RH_MAX_SESSIONS;
		buf_adds(b, "<li>");
		html_escapef(b, "%zu earlier sessions are left out of this "
		    "printout; 'backcare report' lists them all.", skip);
		buf_adds(b, "</li>\n");
	}
	report_list_each(d, s, sec, skip, rh_keep, NULL, &line, rh_list_item,
	    b);
	buf_free(&line);
	buf_adds(b, "</ul>\n");
}

static void
rh_checks(struct buf *b, const struct report_data *d,
    const struct report_summary *s)
{
	char until[11];
	size_t i;

	rh_heading(b, REPORT_SEC_CHECKS, "checks");
	rh_list(b, d, s, REPORT_SEC_CHECKS);
	if (d->plan != NULL && d->plan->n_clearances > 0) {
		buf_adds(b, "<p>Clearances in the plan:</p>\n<ul>\n");
		for (i = 0; i < d->plan->n_clearances; i++) {
			day_format(d->plan->clearances[i].until, until);
			buf_adds(b, "<li>");
			html_escapef(b, "%s, cleared by %s until %s",
			    d->plan->clearances[i].id,
			    d->plan->clearances[i].by, until);
			buf_adds(b, "</li>\n");
		}
		buf_adds(b, "</ul>\n");
	}
	buf_adds(b, "</section>\n");
}

static void
rh_notes(struct buf *b, const struct report_data *d,
    const struct report_summary *s)
{
	const struct report_session *rs;
	char when[32];
	size_t i;
	int any = 0;

	rh_heading(b, REPORT_SEC_NOTES, "notes");
	for (i = 0; i < d->n_sessions; i++) {
		rs = &d->sessions[i];
		if (rs->note == NULL || rs->note[0] == '\0' ||
		    report_time(rs->started_at, when, sizeof when) < s->first ||
		    day_of_time(rs->started_at) > s->last)
			continue;
		buf_adds(b, any++ == 0 ? "<ul>\n<li>" : "<li>");
		html_escapef(b, "%s  %s", when, rs->note);
		buf_adds(b, "</li>\n");
	}
	if (!any && (d->plan == NULL || d->plan->notes == NULL))
		buf_adds(b, "<ul>\n<li>No notes.</li>\n</ul>\n");
	else if (any)
		buf_adds(b, "</ul>\n");
	if (d->plan != NULL && d->plan->notes != NULL) {
		rh_elem(b, "h3", "From the plan");
		html_markdown(b, d->plan->notes, 3);
	}
	buf_adds(b, "</section>\n");
}

static void
rh_lessons(struct buf *b, const struct report_data *d,
    const struct report_summary *s)
{
	rh_heading(b, REPORT_SEC_LESSONS, "lessons");
	buf_adds(b, "<ul>\n");
	rh_item_free(b, report_lessons_text(d, s));
	buf_adds(b, "</ul>\n</section>\n");
}

static void
rh_prompts(struct buf *b, const struct report_summary *s)
{
	rh_heading(b, REPORT_SEC_PROMPTS, "prompts");
	buf_adds(b, "<ul>\n");
	if (s->prompts == 0)
		rh_elem(b, "li", "None.");
	if (s->prompts & REPORT_PROMPT_LIGHTER)
		rh_elem(b, "li", report_prompt_text(REPORT_PROMPT_LIGHTER));
	if (s->prompts & REPORT_PROMPT_RECHECK)
		rh_elem(b, "li", report_prompt_text(REPORT_PROMPT_RECHECK));
	buf_adds(b, "</ul>\n</section>\n");
}

static const char rh_css[] =
    "table.cal td { width: 11mm; height: 4.5mm; font-size: 8.5pt; }\n"
    "#sessions ul { columns: 2; column-gap: 6mm; }\n";

int
report_write_html(FILE *f, const struct report_data *d,
    const struct report_summary *s)
{
	struct buf b = BUF_INIT;
	char *title = report_title_text(s);
	int rc = 0;

	html_begin(&b, title, rh_css);
	rh_elem(&b, "h1", title);
	rh_elem(&b, "p", report_intro_text());
	free(title);
	rh_plan(&b, d->plan);
	rh_weeks(&b, s);
	rh_pain(&b, d, s);
	rh_calendar(&b, d, s);
	rh_checks(&b, d, s);
	rh_notes(&b, d, s);
	rh_prompts(&b, s);
	rh_lessons(&b, d, s);
	rh_heading(&b, REPORT_SEC_SESSIONS, "sessions");
	rh_list(&b, d, s, REPORT_SEC_SESSIONS);
	buf_adds(&b, "</section>\n");
	html_end(&b);
	if (fwrite(b.data, 1, b.len, f) != b.len || fflush(f) != 0 ||
	    ferror(f))
		rc = -1;
	buf_free(&b);
	return rc;
}
