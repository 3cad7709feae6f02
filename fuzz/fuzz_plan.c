/* libFuzzer target: plan files through the parser and the little
 * questions the report asks of a plan. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "plan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d = DIAG_INIT;
	struct plan *p = plan_parse("fuzz.md", (const char *)data, size, &d);
	size_t i;
	int sum = 0;

	if ((p == NULL) != (d.n > 0))
		abort();
	for (i = 0; i < d.n; i++)
		if (strchr(d.items[i].msg, '\033') != NULL ||
		    strchr(d.items[i].msg, '\n') != NULL)
			abort();
	diag_free(&d);
	if (p == NULL)
		return 0;
	if (p->title == NULL || p->until < p->from || !plan_covers(p, p->from))
		abort();
	for (i = 0; i < p->n_routines; i++) {
		if (p->routines[i].per_week < 1 ||
		    p->routines[i].per_week > PLAN_MAX_PER_WEEK ||
		    plan_target(p, p->routines[i].id) != p->routines[i].per_week)
			abort();
		sum += p->routines[i].per_week;
	}
	if (sum != plan_sessions_per_week(p))
		abort();
	plan_free(p);
	return 0;
}
