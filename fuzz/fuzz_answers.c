/* libFuzzer target: safety-check answers files and the question
 * catalogue format through their parsers and the rules. */
#include <stdint.h>
#include <stdlib.h>

#include "catalogue.h"
#include "diag.h"
#include "screener.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct screener_answers ans;
	struct screener_result res;
	struct diag d = DIAG_INIT;
	struct catalogue *c;

	if (screener_parse_answers("fuzz", (const char *)data, size, &ans,
	    &d) == 0) {
		screener_evaluate(&ans, &res);
		if (res.verdict > VERDICT_EMERGENCY)
			abort();
		(void)screener_next_item(&ans, -1);
	}
	diag_free(&d);
	c = catalogue_parse("fuzz.md", (const char *)data, size, &d);
	catalogue_free(c);
	diag_free(&d);
	return 0;
}
