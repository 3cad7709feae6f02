/*
 * checkflow.c: decide, then save, a safety check (checkflow.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "checkflow.h"
#include "clearance.h"
#include "clock.h"
#include "day.h"
#include "plan.h"
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
	if ((st = app_store_quiet(app, &err)) == NULL) {
		free(err);
		return 0;
	}
	if (store_plan_in_force(st, today, &p) <= 0 || p == NULL)
		return 0;
	for (i = 0; i < p->n_clearances; i++) {
		if (p->clearances[i].until < today)
			continue;
		*out = xreallocarray(*out, n + 1, sizeof **out);
		(*out)[n++] = (struct clearance){ xstrdup(p->clearances[i].id),
		    xstrdup(p->clearances[i].by), p->clearances[i].until,
		    p->clearances[i].line };
	}
	plan_free(p);
	return n;
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
	if (!o->recheck) {
		advice_add(&o->advice, "routines", safety_gate_open(o->gate) ?
		    ADVICE_PLAIN : ADVICE_STRONG, safety_gate_reason(o->gate));
	}
	if (!o->saved) {
		text = xasprintf("this check was not saved (%s). Its advice "
		    "above still stands; the routines stay locked.", o->error);
		advice_add(&o->advice, "not saved", ADVICE_DANGER, text);
		free(text);
		return -1;
	}
	return 0;
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

int
checkflow_gate(struct app *app, struct gate_input *in, enum gate_state *g,
    char **err)
{
	int64_t now = clock_wall_s();
	struct gate_input local;
	struct store *st;

	if (in == NULL)
		in = &local;
	memset(in, 0, sizeof *in);
	if ((st = app_store_quiet(app, err)) == NULL)
		return -1;
	if (store_gate_input(st, day_of_time(now), in) != 0) {
		*err = xstrdup(store_error(st));
		return -1;
	}
	in->unsaved = app->check_unsaved;
	*g = safety_gate(in, now);
	return 0;
}
