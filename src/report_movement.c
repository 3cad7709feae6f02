/*
 * report_movement.c: the movement part of the report (report_movement.h).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "day.h"
#include "outlook.h"
#include "painmon.h"
#include "psfs.h"
#include "report_movement.h"
#include "store_movement.h"
#include "text.h"
#include "util.h"

/* Where the part goes: the file, its format and the width to wrap at. */
struct rm {
	FILE *f;
	enum report_format fmt;
	int width;
};

/*
 * One list item, formatted and wrapped at the width: "- " and "  " in
 * Markdown, two spaces and four in text (as report.c lays out its own).
 */
static void
rm_say(const struct rm *w, const char *fmt, ...) BC_PRINTF(2, 3);

static void
rm_say(const struct rm *w, const char *fmt, ...)
{
	va_list ap;
	char *s, *p, *word, *save = NULL;
	const char *first = w->fmt == REPORT_MARKDOWN ? "- " : "  ";
	const char *next = w->fmt == REPORT_MARKDOWN ? "  " : "    ";
	int col = 0, len;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	for (p = s, word = strtok_r(p, " ", &save); word != NULL;
	    word = strtok_r(NULL, " ", &save)) {
		len = (int)strlen(word);
		if (col == 0)
			col = fprintf(w->f, "%s%s", first, word);
		else if (col + 1 + len > w->width)
			col = fprintf(w->f, "\n%s%s", next, word) - 1;
		else
			col += fprintf(w->f, " %s", word);
	}
	fprintf(w->f, "\n");
	free(s);
}

static void
rm_heading(FILE *f, enum report_format fmt, const char *title)
{
	if (fmt == REPORT_MARKDOWN)
		fprintf(f, "\n## %s\n\n", title);
	else
		fprintf(f, "\n%s\n", title);
}

static void
rm_sessions(const struct rm *w, const struct report_movement *m)
{
	const struct movement_data *md = m->md;
	const struct report_summary *s = m->sum;
	double mean[64];
	int have[64];
	size_t i, n = 0;

	rm_heading(w->f, w->fmt, "Exercise and massage");
	rm_say(w, "Completed sessions: %d massage, %d exercise.",
	    md->massage_sessions, md->exercise_sessions);
	if (md->massage_sessions > 0 && md->exercise_sessions == 0)
		rm_say(w, "No exercise yet: NICE NG59 advises massage only as "
		    "part of a package that includes exercise.");
	rm_say(w, "Exercise steps rated for pain: %d; stopped for pain: %d.",
	    md->steps_rated, md->steps_stopped);
	for (i = 0; i < s->n_weeks && n < 64; i++, n++) {
		have[n] = s->weeks[i].n_before > 0;
		mean[n] = s->weeks[i].pain_before;
	}
	if (painmon_weekly_rising(mean, have, n))
		rm_say(w, "Weekly pain has risen by 2 or more from its starting "
		    "level two weeks in a row: a review is advised (P7).");
}

static void
rm_events(const struct rm *w, const struct report_movement *m)
{
	const struct movement_data *md = m->md;
	char day[11];
	size_t i;

	rm_heading(w->f, w->fmt, "Pain monitoring during exercise");
	if (md->n_events == 0) {
		rm_say(w, "No events.");
		return;
	}
	for (i = 0; i < md->n_events; i++) {
		day_format(day_of_time(md->events[i].at), day);
		rm_say(w, "%s %s: %s", day, md->events[i].routine_id,
		    md->events[i].event);
	}
	rm_say(w, "Raised: pain 2 or more above the before-rating after a "
	    "session. Did not settle: still up 12 to 36 hours later. Lighter "
	    "routine: two of those within 14 days.");
}

/* The weekly means, oldest first, as "4.3 5.0 6.0". */
static void
rm_psfs_trend(const struct rm *w, const struct psfs_history *h)
{
	struct buf b = BUF_INIT;
	double mean;
	size_t i;

	for (i = 0; i < h->n_sets; i++)
		if (psfs_set_mean(&h->sets[i], NULL, &mean) == 0)
			buf_printf(&b, " %.1f", mean);
	rm_say(w, "Weekly means:%s", b.data != NULL ? b.data : "");
	buf_free(&b);
}

/*
 * An activity's text made safe to print: control characters shown, and
 * in Markdown a '|' escaped so it cannot split a table cell (caller
 * frees).
 */
static char *
rm_cell(const struct rm *w, const char *s)
{
	char *safe = text_for_terminal(s, strlen(s));
	struct buf b = BUF_INIT;
	const char *p;

	if (w->fmt != REPORT_MARKDOWN)
		return safe;
	for (p = safe; *p != '\0'; p++) {
		if (*p == '|' || *p == '\\')
			buf_addc(&b, '\\');
		buf_addc(&b, *p);
	}
	free(safe);
	return b.data != NULL ? buf_detach(&b) : xstrdup("");
}

/* The table: one activity a row, with its baseline, latest and change. */
static void
rm_psfs_table(const struct rm *w, const struct psfs_history *h)
{
	const struct psfs_set *base = &h->sets[0];
	const struct psfs_set *last = &h->sets[h->n_sets - 1];
	int md = w->fmt == REPORT_MARKDOWN, a, b;
	char *text;
	size_t i;

	fprintf(w->f, md ? "| Activity | Baseline | Latest | Change |\n"
	    "|---|---|---|---|\n" : "  %-40s %8s %6s %6s\n", "Activity",
	    "Baseline", "Latest", "Change");
	for (i = 0; i < h->n_acts; i++) {
		char as[16] = "-", bs[16] = "-", cs[16] = "-";
		a = psfs_set_score(base, h->acts[i].id);
		b = psfs_set_score(last, h->acts[i].id);
		if (a >= 0)
			snprintf(as, sizeof as, "%d", a);
		if (b >= 0)
			snprintf(bs, sizeof bs, "%d", b);
		if (a >= 0 && b >= 0)
			snprintf(cs, sizeof cs, "%+d", b - a);
		text = rm_cell(w, h->acts[i].text);
		fprintf(w->f, md ? "| %s%s | %s | %s | %s |\n" :
		    "  %-40.40s%s %8s %6s %6s\n", text,
		    h->acts[i].retired_at ? " (retired)" : "", as, bs, cs);
		free(text);
	}
	if (md)
		fprintf(w->f, "\n");
}

static void
rm_psfs(const struct rm *w, const struct report_movement *m)
{
	const struct psfs_history *h = m->psfs;
	struct psfs_trend t;

	rm_heading(w->f, w->fmt, "Function (PSFS)");
	if (h->n_sets == 0) {
		rm_say(w, "No ratings yet.");
		return;
	}
	rm_psfs_table(w, h);
	psfs_trend(h, &t);
	rm_say(w, "Mean: %.1f at baseline, %.1f latest, change %+.1f: %s.",
	    t.baseline, t.latest, t.change, t.label == PSFS_MEANINGFUL ?
	    "meaningful" : t.label == PSFS_WORSE ? "possible worsening" :
	    t.label == PSFS_NOT_YET ? "not yet" : "baseline only");
	if (t.have_four)
		rm_say(w, "Four weeks before the latest: %.1f.",
		    t.four_weeks_ago);
	rm_psfs_trend(w, h);
	rm_say(w, "Patient-Specific Functional Scale, in our wording, after "
	    "Stratford et al. 1995; not a validated version. Meaningful: the "
	    "mean up 2 or more, or one activity up 3 or more. %s",
	    psfs_footnote);
}

/* 1 when lesson id was read, by the report's lesson rows. */
static int
rm_read(const struct report_data *d, const char *id)
{
	size_t i;

	for (i = 0; i < d->n_lessons; i++)
		if (strcmp(d->lessons[i].id, id) == 0)
			return d->lessons[i].read_at != 0;
	return 0;
}

static void
rm_lessons(const struct rm *w, const struct report_movement *m,
    const char *list)
{
	char *copy = xstrdup(list), *tok, *save = NULL;
	struct buf b = BUF_INIT;

	for (tok = strtok_r(copy, ", ", &save); tok != NULL;
	    tok = strtok_r(NULL, ", ", &save))
		buf_printf(&b, "%s%s (%s)", b.len > 0 ? ", " : "", tok,
		    rm_read(m->d, tok) ? "read" : "not read yet");
	rm_say(w, "Lessons suggested: %s", b.data);
	buf_free(&b);
	free(copy);
}

static void
rm_outlook(const struct rm *w, const struct report_movement *m)
{
	const struct outlook_set *last, *prev;
	char day[11], *high, *some, change[48];
	int i;

	rm_heading(w->f, w->fmt, "Single items (yellow flags)");
	rm_say(w, "%s", outlook_report_note);
	if (m->n_outlook == 0) {
		rm_say(w, "Not answered yet.");
		return;
	}
	last = &m->outlook[m->n_outlook - 1];
	prev = m->n_outlook > 1 ? &m->outlook[m->n_outlook - 2] : NULL;
	day_format(day_of_time(last->at), day);
	rm_say(w, "Answered on %s.", day);
	for (i = 0; i < OUTLOOK_N; i++) {
		change[0] = '\0';
		if (prev != NULL && prev->v[i] >= 0 && last->v[i] >= 0)
			snprintf(change, sizeof change, " (%+d since the last "
			    "answers)", last->v[i] - prev->v[i]);
		if (last->v[i] < 0)
			rm_say(w, "%s: skipped", outlook_items[i].report);
		else
			rm_say(w, "%s: %d/10%s", outlook_items[i].report,
			    last->v[i], change);
	}
	outlook_suggest(last, &high, &some);
	if (high != NULL)
		rm_lessons(w, m, high);
	free(high);
	free(some);
}

int
report_movement_write(FILE *f, const struct report_movement *m,
    enum report_format fmt, int width)
{
	struct rm w = { f, fmt, width > 20 ? width : 20 };

	rm_sessions(&w, m);
	rm_events(&w, m);
	rm_psfs(&w, m);
	rm_outlook(&w, m);
	fflush(f);
	return ferror(f) ? -1 : 0;
}
