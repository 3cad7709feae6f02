/* libFuzzer target: answers files of `backcare function` (PSFS) and
 * `backcare outlook` (the single items), and the trend of what parses. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "outlook.h"
#include "psfs.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d = DIAG_INIT;
	struct psfs_history h;
	struct psfs_answers a;
	struct psfs_trend t;
	struct outlook_set o;
	struct psfs_score sc[PSFS_MAX_ACTIVE + 1];
	struct psfs_set set;
	char *high, *some;
	size_t i;

	memset(&h, 0, sizeof h);
	if (psfs_answers_parse("fuzz", (const char *)data, size, &h, &a,
	    &d) == 0) {
		if (a.n == 0 || a.n > PSFS_MAX_ACTIVE + 1)
			abort();
		for (i = 0; i < a.n; i++) {
			if (a.a[i].score < 0 || a.a[i].score > 10 ||
			    psfs_text_problem(a.a[i].text) != NULL)
				abort();
			sc[i].activity = (int64_t)i + 1;
			sc[i].score = a.a[i].score;
		}
		set = (struct psfs_set){ 1, 0, sc, a.n };
		h.sets = &set;
		h.n_sets = 1;
		psfs_trend(&h, &t);
		psfs_answers_free(&a);
	}
	diag_free(&d);
	if (outlook_answers_parse("fuzz", (const char *)data, size, &o,
	    &d) == 0) {
		for (i = 0; i < OUTLOOK_N; i++)
			if (o.v[i] < -1 || o.v[i] > 10)
				abort();
		outlook_suggest(&o, &high, &some);
		free(high);
		free(some);
	}
	diag_free(&d);
	return 0;
}
