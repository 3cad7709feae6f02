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

/* The report is laid out in out and written in large pieces: one
 * fprintf() or fwrite() a line cost more than building the line. */
#define REPORT_OUT_CHUNK 65536

struct report_writer {
	FILE *f;
	enum report_format fmt;
	int width;
	struct buf out;         /* laid out, not yet written */
	struct buf line;        /* a list line being built */
};

/* Writes what is laid out once there is a chunk of it (or all, at the
 * end). */
static void
report_out(struct report_writer *w, int all)
{
	if (w->f == NULL || w->out.len == 0 ||
	    (!all && w->out.len < REPORT_OUT_CHUNK))
		return;
	fwrite(w->out.data, 1, w->out.len, w->f);
	buf_reset(&w->out);
}

/* 1 when p follows a word made only of digits ("1." could start a list). */
static int
report_after_number(const char *start, const char *p)
{
	const char *q = p;

	while (q > start && q[-1] >= '0' && q[-1] <= '9')
		q--;
	return q < p && (q == start || q[-1] == ' ');
}

/* 1 when the character at p (in t) means something inline in Markdown. */
static int
report_md_escapes(const char *t, const char *p)
{
	switch (*p) {
	case '\\': case '`': case '*': case '_': case '[': case ']':
	case '<': case '>': case '|': case '~': case '&': case '#': case '!':
		return 1;
	case '-': case '+': case '=':
		return p == t || p[-1] == ' ';
	case '.': case ')':
		return report_after_number(t, p);
	default:
		return 0;
	}
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
	char *flat, *t, *p, *start;

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
	/* Runs between escapes are copied whole: one call per escape, not
	 * two per character (a 900 KB note is common enough in tests). */
	for (p = start = t; *p != '\0'; p++) {
		if (!report_md_escapes(t, p))
			continue;
		buf_add(&b, start, (size_t)(p - start));
		buf_addc(&b, '\\');
		start = p;
	}
	buf_add(&b, start, (size_t)(p - start));
	free(t);
	return buf_detach(&b);
}

/*
 * Lays out text word-wrapped to the width (text_wrap()): the first line
 * after first, the others after rest.
 */
static void
report_wrap(struct report_writer *w, const char *first, const char *rest,
    const char *text)
{
	text_wrap(&w->out, text, (size_t)w->width, first, rest);
	report_out(w, 0);
}

/* A section heading, after a blank line. */
static void
report_heading(struct report_writer *w, const char *title)
{
	buf_adds(&w->out, w->fmt == REPORT_MARKDOWN ? "\n## " : "\n");
	buf_adds(&w->out, title);
	buf_adds(&w->out, w->fmt == REPORT_MARKDOWN ? "\n\n" : "\n");
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

	if (w->fmt == REPORT_MARKDOWN) {
		buf_adds(&w->out, "# ");
		buf_adds(&w->out, title);
		buf_adds(&w->out, "\n\n");
	} else
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

/* s padded with spaces to width bytes, on the left or the right, as
 * printf's %*s and %-*s do (the cells are ASCII). */
static void
report_pad(struct buf *b, const char *s, size_t width, int left)
{
	static const char spaces[] = "            ";
	size_t n = strlen(s), pad = n < width ? width - n : 0;

	if (left)
		buf_add(b, s, n);
	buf_add(b, spaces, pad < sizeof spaces - 1 ? pad : sizeof spaces - 1);
	if (!left)
		buf_add(b, s, n);
}

/* One week's row of the text table, as "  %-10s  %4s  %4s  %7s  %7s
 * %6s  %5s  %s\n" would print it. */
static void
report_week_row(struct buf *b, const char *const c[REPORT_WEEK_CELLS])
{
	static const size_t widths[REPORT_WEEK_CELLS - 1] = {
		10, 4, 4, 7, 7, 6, 5
	};
	size_t i;

	for (i = 0; i < REPORT_WEEK_CELLS - 1; i++) {
		buf_add(b, "  ", 2);
		report_pad(b, c[i], widths[i], i == 0);
	}
	buf_add(b, "  ", 2);
	buf_adds(b, c[REPORT_WEEK_CELLS - 1]);
	buf_addc(b, '\n');
}

/* One week's row of the Markdown table. */
static void
report_week_md_row(struct buf *b, const char *const c[REPORT_WEEK_CELLS])
{
	size_t i;

	for (i = 0; i < REPORT_WEEK_CELLS; i++) {
		buf_add(b, "| ", 2);
		buf_adds(b, c[i]);
		buf_addc(b, ' ');
	}
	buf_add(b, "|\n", 2);
}

static void
report_write_weeks(struct report_writer *w,
    const struct report_summary *s)
{
	static const char *const head[REPORT_WEEK_CELLS] = {
		"Week of", "Done", "Plan", "Partial", "Time", "Before",
		"After", "Change"
	};
	char c[REPORT_WEEK_CELLS][24], *adherence;
	const char *cells[REPORT_WEEK_CELLS];
	size_t i;

	report_heading(w, report_section_title(REPORT_SEC_WEEKS));
	if (w->fmt == REPORT_MARKDOWN)
		buf_adds(&w->out, "| Week of | Done | Plan | Partial | Time "
		    "| Pain before | Pain after | Change |\n"
		    "|---|--:|--:|--:|--:|--:|--:|---|\n");
	else
		report_week_row(&w->out, head);
	for (i = 0; i < REPORT_WEEK_CELLS; i++)
		cells[i] = c[i];
	for (i = 0; i < s->n_weeks; i++) {
		report_week_cells(s, &s->weeks[i], c);
		if (w->fmt == REPORT_MARKDOWN)
			report_week_md_row(&w->out, cells);
		else
			report_week_row(&w->out, cells);
		report_out(w, 0);
	}
	buf_addc(&w->out, '\n');
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

/* report_list_each()'s emit: the line as a list item, laid out at once. */
static void
report_list_item(void *ctx, const char *line, size_t len)
{
	(void)len;
	report_item_text(ctx, line);
}

/* The sessions or the checks, a list item each. */
static void
report_write_list(struct report_writer *w, const struct report_data *d,
    const struct report_summary *s, enum report_section sec)
{
	report_heading(w, report_section_title(sec));
	report_list_each(d, s, sec, 0, report_clean_cb, w, &w->line,
	    report_list_item, w);
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
		day = report_session_when(s, i, rs->started_at, when);
		if (day < s->first || day > s->last)
			continue;
		any = 1;
		/* "WHEN  NOTE", built in the reused line, not by printf */
		note = report_clean(w, rs->note);
		buf_reset(&w->line);
		buf_adds(&w->line, when);
		buf_add(&w->line, "  ", 2);
		buf_adds(&w->line, note);
		report_item_text(w, w->line.data);
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

/* Every section in turn into w. */
static void
report_write_all(struct report_writer *w, const struct report_data *d,
    const struct report_summary *s)
{
	report_write_title(w, s);
	report_write_plan(w, d->plan);
	report_write_weeks(w, s);
	report_write_pain(w, s);
	report_write_list(w, d, s, REPORT_SEC_SESSIONS);
	report_write_lessons(w, d, s);
	report_write_list(w, d, s, REPORT_SEC_CHECKS);
	report_write_notes(w, d, s);
	report_write_prompts(w, s);
	buf_free(&w->line);
}

void
report_write_text(struct buf *out, const struct report_data *d,
    const struct report_summary *s, enum report_format fmt, int width)
{
	struct report_writer w = { NULL, fmt, width < 20 ? 20 : width, *out,
	    BUF_INIT };

	report_write_all(&w, d, s);
	*out = w.out;
}

int
report_write(FILE *f, const struct report_data *d,
    const struct report_summary *s, enum report_format fmt, int width)
{
	struct report_writer w = { f, fmt, width < 20 ? 20 : width, BUF_INIT,
	    BUF_INIT };

	if (fmt == REPORT_HTML)
		return report_write_html(f, d, s);
	report_write_all(&w, d, s);
	report_out(&w, 1);
	buf_free(&w.out);
	if (fflush(f) != 0 || ferror(f))
		return -1;
	return 0;
}
