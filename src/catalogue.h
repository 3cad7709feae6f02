/*
 * catalogue.h: the safety-check questions as content.
 *
 * content/screener/questions.md holds, for each item id, the question in
 * plain words and a "why we ask" line; a clinician can review it without
 * reading C.  This module parses it and checks it against the items the
 * rules know (screener.h): every id present once, none unknown, each in
 * its tier.  Pure: it is handed the text.
 */
#ifndef BACKCARE_CATALOGUE_H
#define BACKCARE_CATALOGUE_H

#include <stddef.h>

#include "diag.h"
#include "screener.h"

struct catalogue_entry {
	char *question;   /* NULL when the file lacks the item */
	char *why;
	int line;         /* of its heading */
};

struct catalogue {
	struct catalogue_entry e[SCREENER_MAX_ITEMS];   /* by item index */
};

/*
 * Parses text (named path in messages).  Returns a catalogue (free with
 * catalogue_free) and fills d with every problem; the catalogue is usable
 * only when d got no new problems.
 */
struct catalogue *catalogue_parse(const char *path, const char *text,
    size_t len, struct diag *d);
void catalogue_free(struct catalogue *c);

#endif
