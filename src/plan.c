/*
 * plan.c: homework plans: parsing, id checks and the little questions the
 * report and the home screen ask of a plan.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "util.h"

/* PARSER: being written (plan_parse, plan_check_ids). */
struct plan *
plan_parse(const char *name, const char *text, size_t len, struct diag *d)
{
	(void)text;
	(void)len;
	diag_add(d, name, 0, "plans are not read yet");
	return NULL;
}

size_t
plan_check_ids(const struct plan *p, const struct content *c,
    const char *name, struct diag *d)
{
	(void)p;
	(void)c;
	(void)name;
	(void)d;
	return 0;
}

void
plan_free(struct plan *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n_routines; i++)
		free(p->routines[i].id);
	for (i = 0; i < p->n_lessons; i++)
		free(p->lessons[i].id);
	free(p->routines);
	free(p->lessons);
	free(p->title);
	free(p->therapist);
	free(p->notes);
	free(p);
}

int
plan_target(const struct plan *p, const char *routine_id)
{
	size_t i;

	for (i = 0; i < p->n_routines; i++)
		if (strcmp(p->routines[i].id, routine_id) == 0)
			return p->routines[i].per_week;
	return 0;
}

int
plan_sessions_per_week(const struct plan *p)
{
	size_t i;
	int n = 0;

	for (i = 0; i < p->n_routines; i++)
		n += p->routines[i].per_week;
	return n;
}

int
plan_covers(const struct plan *p, int32_t day)
{
	return day >= p->from && day <= p->until;
}
