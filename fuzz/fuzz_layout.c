/* libFuzzer target: lesson text through the parser, the lesson checks
 * and the layout at a width taken from the input. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "diag.h"
#include "layout.h"
#include "lesson.h"
#include "text.h"

static const struct lesson *
fuzz_lookup(void *ctx, const char *id)
{
	(void)ctx;
	(void)id;
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null;
	int width = size > 0 ? 1 + data[0] % 200 : 80;
	cmark_node *doc;
	struct layout *l;
	struct lesson *les;
	struct diag d = DIAG_INIT;

	if (null == NULL)
		null = fopen("/dev/null", "w");
	text_set_utf8(size > 1 ? data[1] & 1 : 1);
	doc = cmark_parse_document((const char *)data, size, CMARK_OPT_DEFAULT);
	l = layout_build(doc, width, size > 2 && (data[2] & 1) ?
	    LAYOUT_HIDE_ANSWERS : 0);
	/* Nothing a terminal would act on may come out. */
	for (size_t i = 0; i < l->text_len; i++)
		if (l->text[i] == 0x1b)
			abort();
	layout_free(l);
	cmark_node_free(doc);
	layout_write_plain_text((const char *)data, size, width, null);
	les = lesson_parse("fuzz.md", (const char *)data, size);
	if (les != NULL) {
		lesson_validate(les, fuzz_lookup, NULL, &d);
		lesson_free(les);
	}
	diag_free(&d);
	return 0;
}
