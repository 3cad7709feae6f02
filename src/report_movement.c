/*
 * report_movement.c: the movement part of the report (report_movement.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "day.h"
#include "outlook.h"
#include "painmon.h"
#include "psfs.h"
#include "report_movement.h"
#include "store_movement.h"
#include "util.h"

static void
rm_heading(FILE *f, enum report_format fmt, const char *title)
{
	if (fmt == REPORT_MARKDOWN)
		fprintf(f, "\n## %s\n\n", title);
	else
		fprintf(f, "\n%s\n", title);
}

static const char *
rm_bullet(enum report_format fmt)
{
	return fmt == REPORT_MARKDOWN ? "- " : "  ";
}

static void
rm_sessions(FILE *f, const struct report_movement *m, enum report_format fmt)
{
	const struct movement_data *md = m->md;
	const struct report_summary *s = m->sum;
	double mean[64];
	int have[64];
	size_t i, n = 0;

	rm_heading(f, fmt, "Exercise and massage");
	fprintf(f, "%sCompleted sessions: %d massage, %d exercise.\n",
	    rm_bullet(fmt), md->massage_sessions, md->exercise_sessions);
	if (md->massage_sessions > 0 && md->exercise_sessions == 0)
		fprintf(f, "%sNo exercise yet: NICE NG59 advises massage only "
		    "as part of a package that includes exercise.\n",
		    rm_bullet(fmt));
	fprintf(f, "%sExercise steps rated for pain: %d; stopped for pain: "
	    "%d.\n", rm_bullet(fmt), md->steps_rated, md->steps_stopped);
	for (i = 0; i < s->n_weeks && n < 64; i++, n++) {
		have[n] = s->weeks[i].n_before > 0;
		mean[n] = s->weeks[i].pain_before;
	}
	if (painmon_weekly_rising(mean, have, n))
		fprintf(f, "%sWeekly pain has risen by 2 or more from its "
		    "starting level two weeks in a row: a review is advised "
		    "(P7).\n", rm_bullet(fmt));
}

static void
rm_events(FILE *f, const struct report_movement *m, enum report_format fmt)
{
	const struct movement_data *md = m->md;
	char day[11];
	size_t i;

	rm_heading(f, fmt, "Pain monitoring during exercise");
	if (md->n_events == 0) {
		fprintf(f, "%sNo events.\n", rm_bullet(fmt));
		return;
	}
	for (i = 0; i < md->n_events; i++) {
		day_format(day_of_time(md->events[i].at), day);
		fprintf(f, "%s%s  %s: %s\n", rm_bullet(fmt), day,
		    md->events[i].routine_id, md->events[i].event);
	}
	fprintf(f, "%sraised: pain 2 or more above the before-rating after a "
	    "session;\n%sdid not settle: still up 12 to 36 hours later;\n"
	    "%slighter routine: two of those within 14 days.\n",
	    rm_bullet(fmt), rm_bullet(fmt), rm_bullet(fmt));
}

/* The weekly means, oldest first, as "4.3 5.0 6.0". */
static void
rm_psfs_trend(FILE *f, const struct psfs_history *h, enum report_format fmt)
{
	double mean;
	size_t i;

	fprintf(f, "%sWeekly means:", rm_bullet(fmt));
	for (i = 0; i < h->n_sets; i++)
		if (psfs_set_mean(&h->sets[i], NULL, &mean) == 0)
			fprintf(f, " %.1f", mean);
	fprintf(f, "\n");
}

static void
rm_psfs(FILE *f, const struct report_movement *m, enum report_format fmt)
{
	const struct psfs_history *h = m->psfs;
	const struct psfs_set *base, *last;
	struct psfs_trend t;
	size_t i;
	int a, b;

	rm_heading(f, fmt, "Function (Patient-Specific Functional Scale)");
	if (h->n_sets == 0) {
		fprintf(f, "%sNo ratings yet.\n", rm_bullet(fmt));
		return;
	}
	base = &h->sets[0];
	last = &h->sets[h->n_sets - 1];
	fprintf(f, fmt == REPORT_MARKDOWN ? "| Activity | Baseline | Latest "
	    "| Change |\n|---|---|---|---|\n" : "  %-40s %8s %6s %6s\n",
	    "Activity", "Baseline", "Latest", "Change");
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
		fprintf(f, fmt == REPORT_MARKDOWN ? "| %s%s | %s | %s | %s |\n" :
		    "  %-40.40s%s %8s %6s %6s\n", h->acts[i].text,
		    h->acts[i].retired_at ? " (retired)" : "", as, bs, cs);
	}
	psfs_trend(h, &t);
	fprintf(f, "%s%sMean: %.1f at baseline, %.1f latest, change %+.1f: "
	    "%s.\n", fmt == REPORT_MARKDOWN ? "\n" : "", rm_bullet(fmt),
	    t.baseline, t.latest, t.change, t.label == PSFS_MEANINGFUL ?
	    "meaningful" : t.label == PSFS_WORSE ? "possible worsening" :
	    t.label == PSFS_NOT_YET ? "not yet" : "baseline only");
	if (t.have_four)
		fprintf(f, "%sFour weeks before the latest: %.1f.\n",
		    rm_bullet(fmt), t.four_weeks_ago);
	rm_psfs_trend(f, h, fmt);
	fprintf(f, "%sMeaningful: the mean up 2 or more, or one activity up 3 "
	    "or more.\n%s%s\n%sOur wording, after Stratford et al. 1995; "
	    "not a validated version.\n", rm_bullet(fmt), rm_bullet(fmt),
	    psfs_footnote, rm_bullet(fmt));
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
rm_lessons(FILE *f, const struct report_movement *m, const char *list,
    enum report_format fmt)
{
	char *copy = xstrdup(list), *tok, *save = NULL;

	fprintf(f, "%sLessons suggested:", rm_bullet(fmt));
	for (tok = strtok_r(copy, ", ", &save); tok != NULL;
	    tok = strtok_r(NULL, ", ", &save))
		fprintf(f, " %s (%s)", tok, rm_read(m->d, tok) ? "read" :
		    "not read yet");
	fprintf(f, "\n");
	free(copy);
}

static void
rm_outlook(FILE *f, const struct report_movement *m, enum report_format fmt)
{
	const struct outlook_set *last, *prev;
	char day[11], *high, *some;
	int i;

	rm_heading(f, fmt, "How the back affects the patient (single items)");
	fprintf(f, "%s%s\n", rm_bullet(fmt), outlook_report_note);
	if (m->n_outlook == 0) {
		fprintf(f, "%sNot answered yet.\n", rm_bullet(fmt));
		return;
	}
	last = &m->outlook[m->n_outlook - 1];
	prev = m->n_outlook > 1 ? &m->outlook[m->n_outlook - 2] : NULL;
	day_format(day_of_time(last->at), day);
	fprintf(f, "%sAnswered on %s.\n", rm_bullet(fmt), day);
	for (i = 0; i < OUTLOOK_N; i++) {
		fprintf(f, "%s%s: ", rm_bullet(fmt), outlook_items[i].report);
		if (last->v[i] < 0)
			fprintf(f, "skipped");
		else
			fprintf(f, "%d/10", last->v[i]);
		if (prev != NULL && prev->v[i] >= 0 && last->v[i] >= 0)
			fprintf(f, " (%+d since the last answers)",
			    last->v[i] - prev->v[i]);
		fprintf(f, "\n");
	}
	outlook_suggest(last, &high, &some);
	if (high != NULL)
		rm_lessons(f, m, high, fmt);
	free(high);
	free(some);
}

int
report_movement_write(FILE *f, const struct report_movement *m,
    enum report_format fmt)
{
	rm_sessions(f, m, fmt);
	rm_events(f, m, fmt);
	rm_psfs(f, m, fmt);
	rm_outlook(f, m, fmt);
	fflush(f);
	return ferror(f) ? -1 : 0;
}
