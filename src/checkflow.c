/*
 * checkflow.c: decide, then save, a safety check (checkflow.h).
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "checkflow.h"
#include "clearance.h"
#include "clock.h"
#include "day.h"
#include "plan.h"
#include "report.h"
#include "store.h"
#include "util.h"

size_t
checkflow_clearances(struct app *app, int32_t today, struct clearance **out)
{
	struct store *st;
	struct plan *p = NULL;
	char *err = NULL;
	size_t i, n = 0;

	*out = NULL;
	/* No store, no plan or an unreadable one: no clearance holds, which
	 * can only make the check stricter. */
	if ((st = app_store_read_quiet(app, &err)) == NULL) {
		free(err);
		return 0;
	}
	if (store_plan_in_force(st, today, &p) <= 0 || p == NULL)
		return 0;
	for (i = 0; i < p->n_clearances; i++) {
		if (p->clearances[i].until < today)
			continue;
		*out = xgrow(*out, n, sizeof **out);
		(*out)[n++] = (struct clearance){ xstrdup(p->clearances[i].id),
		    xstrdup(p->clearances[i].by), p->clearances[i].until,
		    p->clearances[i].line };
	}
	plan_free(p);
	return n;
}

void
checkflow_mark_clearances(struct app *app, struct screener_answers *ans)
{
	int32_t today = day_of_time(clock_wall_s());
	struct clearance *cl;
	size_t n = checkflow_clearances(app, today, &cl);

	clearance_apply(cl, n, today, ans);
	clearance_free(cl, n);
}

void
checkflow_decide(struct app *app, const struct catalogue *cat,
    const struct screener_answers *ans, int recheck,
    struct check_outcome *out)
{
	int32_t today = day_of_time(clock_wall_s());
	struct advice_input in;

	memset(out, 0, sizeof *out);
	out->answers = *ans;
	out->recheck = recheck;
	memset(out->answers.cleared, 0, sizeof out->answers.cleared);
	if (!recheck) {
		out->n_clearances = checkflow_clearances(app, today,
		    &out->clearances);
		clearance_apply(out->clearances, out->n_clearances, today,
		    &out->answers);
		screener_evaluate(&out->answers, &out->result);
	} else
		screener_evaluate_e1(&out->answers, &out->result);
	memset(&in, 0, sizeof in);
	in.result = &out->result;
	in.answers = &out->answers;
	in.number = app->emergency_number;
	in.cat = cat;
	in.clearances = out->clearances;
	in.n_clearances = out->n_clearances;
	in.today = today;
	in.recheck = recheck;
	advice_build(&in, &out->advice);
	out->gate = GATE_UNSAVED;
}

/*
 * The mark an unsaved check leaves beside the progress file, so that a
 * later run does not open the routines on an older NONE (red-flags.md
 * section 6 item 3).  Caller frees; NULL without a progress file.
 */
static char *
checkflow_mark_path(const struct app *app)
{
	return app->db_path != NULL ? xasprintf("%s-unsaved", app->db_path) :
	    NULL;
}

/* Leaves the mark (why, in words), when the folder takes a small file. */
static void
checkflow_mark(const struct app *app, const char *why)
{
	char *path = checkflow_mark_path(app), *line;
	int fd;

	if (path == NULL)
		return;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd >= 0) {
		line = xasprintf("%s; routines stay locked until a safety "
		    "check is saved\n", why);
		/* The file's presence is the mark; its words are for a
		 * person who finds it. */
		if (write(fd, line, strlen(line)) < 0) {
		}
		free(line);
		close(fd);
	}
	free(path);
}

static void
checkflow_mark_unsaved(const struct app *app, const struct check_outcome *o)
{
	char *why = xasprintf("a safety check with the verdict %s could not "
	    "be saved", verdict_name(o->result.verdict));

	checkflow_mark(app, why);
	free(why);
}

void
checkflow_hold(struct app *app, const char *why)
{
	app->check_unsaved = 1;
	checkflow_mark(app, why);
}

/* 1 when a run before this one left the mark. */
static int
checkflow_marked(const struct app *app)
{
	char *path = checkflow_mark_path(app);
	int marked = path != NULL && access(path, F_OK) == 0;

	free(path);
	return marked;
}

static void
checkflow_clear_mark(const struct app *app)
{
	char *path = checkflow_mark_path(app);

	/* A mark that cannot be removed only keeps the routines locked. */
	if (path != NULL)
		unlink(path);
	free(path);
}

/* The gate as it stands once this check is the last one stored. */
static enum gate_state
checkflow_gate_after(const struct check_outcome *o, int64_t now)
{
	struct gate_input in;

	memset(&in, 0, sizeof in);
	in.have_full = 1;
	in.last_full_at = now;
	in.last_full_verdict = o->result.verdict;
	in.last_full_rules = SAFETY_RULES_VERSION;
	in.have_any = 1;
	in.last_any_at = now;
	in.last_any_verdict = o->result.verdict;
	in.limits = o->result.limits;
	in.unsaved = !o->saved;
	return safety_gate(&in, now);
}

int
checkflow_save(struct app *app, struct check_outcome *o,
    const unsigned char *asked, const char *source)
{
	int64_t now = clock_wall_s();
	struct store_check rec;
	struct store *st;
	char *text;

	st = app_store_quiet(app, &o->error);
	if (st != NULL) {
		memset(&rec, 0, sizeof rec);
		rec.at = now;
		rec.kind = o->recheck ? "recheck" : "full";
		rec.source = source;
		rec.answers = &o->answers;
		rec.asked = asked;
		rec.result = &o->result;
		rec.clearances = o->clearances;
		rec.n_clearances = o->n_clearances;
		if (store_check_record(st, &rec) >= 0)
			o->saved = 1;
		else
			o->error = xstrdup(store_error(st));
	}
	app->check_unsaved = !o->saved;
	o->gate = checkflow_gate_after(o, now);
	if (o->saved && !o->recheck)
		checkflow_clear_mark(app);
	else if (!o->saved && (o->result.verdict != VERDICT_NONE ||
	    o->result.limits.blocked || o->result.limits.ask))
		checkflow_mark_unsaved(app, o);
	if (!o->saved) {
		text = xasprintf("this check was not saved (%s). Its advice "
		    "above still stands; the routines stay locked.", o->error);
		advice_add(&o->advice, "not saved", ADVICE_DANGER, text);
		free(text);
	}
	if (!o->recheck) {
		advice_add(&o->advice, "routines", safety_gate_open(o->gate) ?
		    ADVICE_PLAIN : ADVICE_STRONG, safety_gate_reason(o->gate));
	}
	return o->saved ? 0 : -1;
}

int
checkflow_left_early(struct app *app, const struct catalogue *cat,
    const struct screener_answers *ans, int recheck,
    struct check_outcome *out)
{
	checkflow_decide(app, cat, ans, recheck, out);
	if (out->result.verdict == VERDICT_NONE) {
		checkflow_free(out);
		return 0;
	}
	out->error = xstrdup("you left the check before the end");
	advice_add(&out->advice, "not saved", ADVICE_DANGER, "you left the "
	    "check before the end, so it was not saved. What you answered "
	    "already calls for the advice above; the routines stay locked.");
	app->check_unsaved = 1;
	checkflow_mark_unsaved(app, out);
	return 1;
}

void
checkflow_free(struct check_outcome *o)
{
	advice_free(&o->advice);
	clearance_free(o->clearances, o->n_clearances);
	free(o->error);
	memset(o, 0, sizeof *o);
}

void
checkflow_print(const struct advice *a, size_t from, FILE *out)
{
	size_t i;

	for (i = from; i < a->n; i++)
		fprintf(out, "%s: %s\n", a->p[i].label, a->p[i].text);
}

/*
 * A clearance the last check used holds only while the plan in force
 * still grants it: a therapist who withdraws or shortens it ends it at
 * once (not at the end date the check saw).
 */
static int
checkflow_clearances_hold(struct app *app, struct store *st, int32_t today,
    struct gate_input *in, struct gate_clearances *cl)
{
	size_t i;

	if (!in->have_full)
		return 0;
	if (store_last_check_clearances(st, &cl->used, &cl->n_used) != 0)
		return -1;
	cl->n_now = checkflow_clearances(app, today, &cl->now);
	for (i = 0; i < cl->n_used; i++)
		if (clearance_find(cl->now, cl->n_now, cl->used[i].id, today) ==
		    NULL)
			in->clearance_ended = 1;
	return 0;
}

void
checkflow_gate_clearances_free(struct gate_clearances *cl)
{
	clearance_free(cl->used, cl->n_used);
	clearance_free(cl->now, cl->n_now);
	memset(cl, 0, sizeof *cl);
}

int
checkflow_gate_with(struct app *app, struct gate_input *in,
    enum gate_state *g, struct gate_clearances *cl, char **err)
{
	int64_t now = clock_wall_s();
	struct gate_input local;
	struct gate_clearances mine;
	struct store *st;
	int rc = 0;

	if (in == NULL)
		in = &local;
	if (cl == NULL)
		cl = &mine;
	memset(in, 0, sizeof *in);
	memset(cl, 0, sizeof *cl);
	if ((st = app_store_read_quiet(app, err)) == NULL)
		return -1;
	if (store_gate_input(st, day_of_time(now), in) != 0 ||
	    checkflow_clearances_hold(app, st, day_of_time(now), in, cl) != 0) {
		*err = xstrdup(store_error(st));
		rc = -1;
	} else {
		in->unsaved = app->check_unsaved || checkflow_marked(app);
		*g = safety_gate(in, now);
	}
	if (rc != 0 || cl == &mine)
		checkflow_gate_clearances_free(cl);
	return rc;
}

int
checkflow_gate(struct app *app, struct gate_input *in, enum gate_state *g,
    char **err)
{
	return checkflow_gate_with(app, in, g, NULL, err);
}

char *
checkflow_verdict_headline(struct app *app, const struct gate_input *in,
    enum verdict *v)
{
	int any = in->have_any && in->last_any_verdict != VERDICT_NONE;
	int64_t at = any ? in->last_any_at : in->last_full_at;
	const struct report_check *c = NULL;
	struct report_data d;
	struct store *st;
	char *err = NULL, *text;
	size_t i;

	*v = any ? in->last_any_verdict : in->last_full_verdict;
	if (*v == VERDICT_NONE || (!any && !in->have_full))
		return NULL;
	/* The rules it fired choose between words (E3 and E4: an
	 * ambulance); without them the verdict's general words stand. */
	memset(&d, 0, sizeof d);
	if ((st = app_store_read_quiet(app, &err)) != NULL &&
	    store_report_load(st, at, at, day_of_time(at), &d) == 0)
		for (i = 0; i < d.n_checks; i++)
			if (d.checks[i].verdict == *v && (any ||
			    strcmp(d.checks[i].kind, "full") == 0) &&
			    (c == NULL || d.checks[i].id > c->id))
				c = &d.checks[i];
	free(err);
	text = advice_headline_stored(*v, c != NULL ? c->rules : NULL,
	    app->emergency_number);
	report_data_free(&d);
	return text;
}
