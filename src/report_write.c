/*
 * report_write.c: the therapist's report as plain text or Markdown,
 * wrapped to a width.  The words come from report.c, which the HTML
 * writer (report_html.c) shares; this file only lays them out.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "day.h"
#include "plan.h"
#include "report.h"
#include "text.h"
#include "util.h"

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

/*
 * Writes text word-wrapped to the width (text_wrap()): the first line
 * after first, the others after rest.  The lines are built in w->line and
 * written with one call.
 */
static void
report_wrap(struct report_writer *w, const char *first, const char *rest,
    const char *text)
{
	buf_reset(&w->line);
	text_wrap(&w->line, text, (size_t)w->width, first, rest);
	fwrite(w->line.data, 1, w->line.len, w->f);
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


/* report_clean() as the report's words want it. */
static char *
report_clean_cb(void *ctx, const char *raw)
{
	return report_clean(ctx, raw);
}

/* A paragraph: indented under a heading in text, flush in Markdown. */
static void
report_para(struct report_writer *w, const char *text)
{
	const char *indent = w->fmt == REPORT_TEXT ? "  " : "";

	report_wrap(w, indent, indent, text);
}

static void
report_write_title(struct report_writer *w,
    const struct report_summary *s)
{
	char *title = report_title_text(s);

	if (w->fmt == REPORT_MARKDOWN)
		fprintf(w->f, "# %s\n\n", title);
	else
		report_wrap(w, "", "", title);
	free(title);
	report_wrap(w, "", "", report_intro_text());
}

static void
report_write_plan(struct report_writer *w, const struct plan *p)
{
	char **items;
	size_t n, i;

	report_heading(w, report_section_title(REPORT_SEC_PLAN));
	if (p == NULL) {
		report_para(w, "No homework plan is in force.");
		return;
	}
	n = report_plan_items(p, report_clean_cb, w, &items);
	for (i = 0; i < n; i++)
		report_item_text(w, items[i]);
	report_strings_free(items, n);
}

static void
report_write_weeks(struct report_writer *w,
    const struct report_summary *s)
{
	char c[REPORT_WEEK_CELLS][24], *adherence;
	size_t i;

	report_heading(w, report_section_title(REPORT_SEC_WEEKS));
	if (w->fmt == REPORT_MARKDOWN)
		fputs("| Week of | Done | Plan | Partial | Time | Pain before "
		    "| Pain after | Change |\n|---|--:|--:|--:|--:|--:|--:|---|\n",
		    w->f);
	else
		fprintf(w->f, "  %-10s  %4s  %4s  %7s  %7s  %6s  %5s  %s\n",
		    "Week of", "Done", "Plan", "Partial", "Time", "Before",
		    "After", "Change");
	for (i = 0; i < s->n_weeks; i++) {
		report_week_cells(s, &s->weeks[i], c);
		if (w->fmt == REPORT_MARKDOWN)
			fprintf(w->f, "| %s | %s | %s | %s | %s | %s | %s | %s "
			    "|\n", c[0], c[1], c[2], c[3], c[4], c[5], c[6],
			    c[7]);
		else
			fprintf(w->f, "  %-10s  %4s  %4s  %7s  %7s  %6s  %5s  "
			    "%s\n", c[0], c[1], c[2], c[3], c[4], c[5], c[6],
			    c[7]);
	}
	fputc('\n', w->f);
	report_para(w, report_weeks_legend());
	if ((adherence = report_adherence_text(s)) != NULL) {
		report_para(w, adherence);
		free(adherence);
	}
}

static void
report_write_pain(struct report_writer *w,
    const struct report_summary *s)
{
	char *t;
	int i;

	report_heading(w, report_section_title(REPORT_SEC_PAIN));
	for (i = 0; i < 3; i++) {
		if ((t = report_pain_text(s, i)) == NULL)
			break;
		report_item_text(w, t);
		free(t);
	}
}

/* The sessions or the checks, a list item each. */
static void
report_write_list(struct report_writer *w, const struct report_data *d,
    const struct report_summary *s, enum report_section sec)
{
	char **lines;
	size_t n, i;

	report_heading(w, report_section_title(sec));
	n = report_list_lines(d, s, sec, report_clean_cb, w, &lines);
	for (i = 0; i < n; i++)
		report_item_text(w, lines[i]);
	report_strings_free(lines, n);
}

static void
report_write_lessons(struct report_writer *w,
    const struct report_data *d, const struct report_summary *s)
{
	char read[32], check[32], *id;
	size_t i;

	report_heading(w, report_section_title(REPORT_SEC_LESSONS));
	id = report_lessons_text(d, s);
	report_item_text(w, id);
	free(id);
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

static void
report_write_notes(struct report_writer *w,
    const struct report_data *d, const struct report_summary *s)
{
	const struct report_session *rs;
	char when[32], *note;
	int32_t day;
	size_t i;
	int any = 0;

	report_heading(w, report_section_title(REPORT_SEC_NOTES));
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
	report_heading(w, report_section_title(REPORT_SEC_PROMPTS));
	if (s->prompts == 0)
		report_item(w, "None.");
	if (s->prompts & REPORT_PROMPT_LIGHTER)
		report_item_text(w, report_prompt_text(REPORT_PROMPT_LIGHTER));
	if (s->prompts & REPORT_PROMPT_RECHECK)
		report_item_text(w, report_prompt_text(REPORT_PROMPT_RECHECK));
}

int
report_write(FILE *f, const struct report_data *d,
    const struct report_summary *s, enum report_format fmt, int width)
{
	struct report_writer w = { f, fmt, width < 20 ? 20 : width, BUF_INIT };

	if (fmt == REPORT_HTML)
		return report_write_html(f, d, s);
	report_write_title(&w, s);
	report_write_plan(&w, d->plan);
	report_write_weeks(&w, s);
	report_write_pain(&w, s);
	report_write_list(&w, d, s, REPORT_SEC_SESSIONS);
	report_write_lessons(&w, d, s);
	report_write_list(&w, d, s, REPORT_SEC_CHECKS);
	report_write_notes(&w, d, s);
	report_write_prompts(&w, s);
	buf_free(&w.line);
	if (fflush(f) != 0 || ferror(f))
		return -1;
	return 0;
}
