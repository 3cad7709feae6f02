/*
 * psfs.c: the Patient-Specific Functional Scale (psfs.h).
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "psfs.h"
#include "util.h"

const char psfs_question[] =
    "Think of up to 5 everyday things that are hard for you, or that you "
    "can't do, because of your back. Pick ones that matter to you. For "
    "each one, choose a number from 0 to 10. 0 means you can't do it at "
    "all. 10 means you can do it as well as before your back problem.";

const char psfs_footnote[] =
    "Changes under 2 points in the mean may be measurement noise.";

void
psfs_history_free(struct psfs_history *h)
{
	size_t i;

	for (i = 0; i < h->n_acts; i++) {
		free(h->acts[i].text);
		free(h->acts[i].source);
	}
	for (i = 0; i < h->n_sets; i++)
		free(h->sets[i].scores);
	free(h->acts);
	free(h->sets);
	memset(h, 0, sizeof *h);
}

void
psfs_answers_free(struct psfs_answers *a)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		free(a->a[i].text);
	free(a->a);
	memset(a, 0, sizeof *a);
}

const struct psfs_activity *
psfs_find(const struct psfs_history *h, const char *text)
{
	size_t i;

	for (i = 0; i < h->n_acts; i++)
		if (strcasecmp(h->acts[i].text, text) == 0)
			return &h->acts[i];
	return NULL;
}

size_t
psfs_active_count(const struct psfs_history *h)
{
	size_t i, n = 0;

	for (i = 0; i < h->n_acts; i++)
		n += h->acts[i].retired_at == 0;
	return n;
}

const char *
psfs_text_problem(const char *text)
{
	const unsigned char *p;

	if (*text == '\0')
		return "the activity has no name";
	if (strlen(text) > PSFS_MAX_TEXT)
		return "the activity's name is longer than 120 bytes";
	for (p = (const unsigned char *)text; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			return "the activity's name holds a control character";
	return NULL;
}

static int
psfs_answer_index(const struct psfs_answers *a, const char *text)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		if (strcasecmp(a->a[i].text, text) == 0)
			return (int)i;
	return -1;
}

static void
psfs_answer_add(struct psfs_answers *a, const char *text, int score,
    int retire, int line)
{
	a->a = xgrow(a->a, a->n, sizeof *a->a);
	a->a[a->n++] = (struct psfs_answer){ xstrdup(text), score, retire,
	    line };
}

/* One line of an answers file: "ACTIVITY = N" or "retire: ACTIVITY". */
static void
psfs_answer_line(const char *name, int line, char *s,
    const struct psfs_history *h, struct psfs_answers *out, struct diag *d)
{
	char *eq, *text, *val;
	const char *why;
	long v;
	int retire = strncasecmp(s, "retire:", 7) == 0, dup;

	if (retire) {
		text = util_trim(s + 7);
		val = NULL;
	} else if ((eq = strrchr(s, '=')) == NULL) {
		diag_add(d, name, line, "'%.40s' should be 'ACTIVITY = N' (a "
		    "number from 0 to 10) or 'retire: ACTIVITY'", s);
		return;
	} else {
		*eq = '\0';
		text = util_trim(s);
		val = util_trim(eq + 1);
	}
	if ((why = psfs_text_problem(text)) != NULL) {
		diag_add(d, name, line, "%s", why);
		return;
	}
	if ((dup = psfs_answer_index(out, text)) >= 0) {
		diag_add(d, name, line, "'%.40s' is given twice (first on line "
		    "%d)", text, out->a[dup].line);
		return;
	}
	if (retire) {
		const struct psfs_activity *a = psfs_find(h, text);
		if (a == NULL || a->retired_at != 0)
			diag_add(d, name, line, "retire: no active activity "
			    "'%.40s' (see 'backcare function --list')", text);
		else
			psfs_answer_add(out, text, -1, 1, line);
		return;
	}
	if (util_parse_long(val, 0, 10, &v) != 0) {
		diag_add(d, name, line, "%.40s: '%.20s' is not a whole number "
		    "from 0 (can't do it) to 10 (as well as before)", text,
		    val);
		return;
	}
	psfs_answer_add(out, text, (int)v, 0, line);
}

/* The whole file's rules: something to rate, and not too many at once. */
static void
psfs_answers_finish(const char *name, const struct psfs_history *h,
    const struct psfs_answers *out, struct diag *d)
{
	size_t i, active = psfs_active_count(h), rated = 0;
	const struct psfs_activity *a;

	for (i = 0; i < out->n; i++) {
		a = psfs_find(h, out->a[i].text);
		if (out->a[i].retire)
			active--;
		else {
			rated++;
			if (a == NULL)
				active++;
			else if (a->retired_at != 0)
				diag_add(d, name, out->a[i].line, "'%.40s' was "
				    "retired; name it in other words to rate "
				    "it again", out->a[i].text);
		}
	}
	if (rated == 0)
		diag_add(d, name, 0, "nothing is rated: give at least one "
		    "line 'ACTIVITY = N'");
	if (active > PSFS_MAX_ACTIVE)
		diag_add(d, name, 0, "that makes %zu activities: rate at most "
		    "%d at a time (retire one with 'retire: ACTIVITY')",
		    active, PSFS_MAX_ACTIVE);
}

struct psfs_parse {
	const char *name;
	const struct psfs_history *h;
	struct psfs_answers *out;
	struct diag *d;
};

/* One line, stopping at the first problem. */
static int
psfs_each_line(void *ctx, int line, char *s)
{
	struct psfs_parse *p = ctx;
	size_t before = p->d->n;

	psfs_answer_line(p->name, line, s, p->h, p->out, p->d);
	return p->d->n > before;
}

int
psfs_answers_parse(const char *name, const char *text, size_t len,
    const struct psfs_history *h, struct psfs_answers *out, struct diag *d)
{
	struct psfs_parse p = { name, h, out, d };
	size_t before = d->n;

	memset(out, 0, sizeof *out);
	if (memchr(text, '\0', len) != NULL)
		diag_add(d, name, 0, "the file holds NUL bytes");
	else
		util_each_line(text, len, psfs_each_line, &p);
	if (d->n == before)
		psfs_answers_finish(name, h, out, d);
	if (d->n > before) {
		psfs_answers_free(out);
		return -1;
	}
	return 0;
}

int
psfs_set_score(const struct psfs_set *s, int64_t activity)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->scores[i].activity == activity)
			return s->scores[i].score;
	return -1;
}

int
psfs_set_mean(const struct psfs_set *s, const struct psfs_set *only,
    double *mean)
{
	size_t i, n = 0;
	double sum = 0;

	for (i = 0; i < s->n; i++) {
		if (only != NULL && psfs_set_score(only,
		    s->scores[i].activity) < 0)
			continue;
		sum += s->scores[i].score;
		n++;
	}
	if (n == 0)
		return -1;
	*mean = sum / (double)n;
	return 0;
}

/* 1 when one baseline activity rose by PSFS_MIC_ONE or more. */
static int
psfs_one_up(const struct psfs_set *base, const struct psfs_set *last)
{
	size_t i;
	int now;

	for (i = 0; i < base->n; i++) {
		now = psfs_set_score(last, base->scores[i].activity);
		if (now >= 0 && now - base->scores[i].score >= PSFS_MIC_ONE)
			return 1;
	}
	return 0;
}

void
psfs_trend(const struct psfs_history *h, struct psfs_trend *t)
{
	const struct psfs_set *base, *last;
	size_t i;

	memset(t, 0, sizeof *t);
	t->label = PSFS_NO_BASELINE;
	if (h->n_sets == 0)
		return;
	base = &h->sets[0];
	last = &h->sets[h->n_sets - 1];
	t->have = psfs_set_mean(base, NULL, &t->baseline) == 0;
	if (!t->have)
		return;
	/* The change counts the baseline's activities rated in both, so
	 * an activity added or left unrated later cannot move the mean. */
	if (psfs_set_mean(last, base, &t->latest) != 0)
		t->latest = t->baseline;
	else
		psfs_set_mean(base, last, &t->baseline);
	t->change = t->latest - t->baseline;
	for (i = h->n_sets - 1; i-- > 0;)
		if (last->at - h->sets[i].at >= 28 * 86400) {
			t->have_four = psfs_set_mean(&h->sets[i], base,
			    &t->four_weeks_ago) == 0;
			break;
		}
	if (h->n_sets < 2)
		return;
	if (t->change <= -PSFS_MIC)
		t->label = PSFS_WORSE;
	else if (t->change >= PSFS_MIC || psfs_one_up(base, last))
		t->label = PSFS_MEANINGFUL;
	else
		t->label = PSFS_NOT_YET;
}

const char *
psfs_label_text(enum psfs_label l)
{
	switch (l) {
	case PSFS_MEANINGFUL:
		return "meaningful improvement";
	case PSFS_NOT_YET:
		return "not yet a meaningful change";
	case PSFS_WORSE:
		return "possible worsening: a review with your therapist or "
		    "doctor is a good idea";
	case PSFS_NO_BASELINE:
		break;
	}
	return "a first rating only";
}

char *
psfs_trend_sentence(const struct psfs_history *h)
{
	struct psfs_trend t;
	struct buf b = BUF_INIT;
	double mean;
	size_t i;

	psfs_trend(h, &t);
	if (!t.have)
		return NULL;
	for (i = 0; i < h->n_sets; i++)
		if (psfs_set_mean(&h->sets[i], NULL, &mean) == 0)
			buf_printf(&b, "%s%.1f", b.len ? ", " : "", mean);
	{
		char *s = xasprintf("Mean %.1f at first, %.1f now (%+.1f): %s. "
		    "Weekly means: %s. %s", t.baseline, t.latest, t.change,
		    psfs_label_text(t.label), b.data, psfs_footnote);
		buf_free(&b);
		return s;
	}
}

int
psfs_due(const struct psfs_history *h, int64_t now)
{
	int64_t last;

	if (h->n_sets == 0)
		return 1;
	last = h->sets[h->n_sets - 1].at;
	/* A clock that reads before the last rating waits for it. */
	return now - last >= PSFS_DUE_S;
}
