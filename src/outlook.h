/*
 * outlook.h: the yellow-flag items of movement.md section 7: eight
 * single questions written for backcare, one for each domain of
 * red-flags.md section 1f, each answered 0-10 or skipped.
 *
 * They are not a validated instrument and not a risk score: they are
 * never summed, and never label anyone.  They only suggest lessons to the
 * person (7 or more: suggested; 4 to 6: "might help") and start a
 * conversation with the therapist (the report shows them, with that
 * note).  Asked first and then every four weeks.  Pure: no curses, no SQL.
 */
#ifndef BACKCARE_OUTLOOK_H
#define BACKCARE_OUTLOOK_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

#define OUTLOOK_N 8
#define OUTLOOK_DUE_S (28 * 86400)
#define OUTLOOK_HIGH 7          /* suggest the lessons */
#define OUTLOOK_SOME 4          /* "might help" */

struct outlook_item {
	const char *id;
	const char *question;
	const char *low;        /* what 0 means */
	const char *high;       /* what 10 means */
	const char *lessons;    /* lesson ids, comma-separated */
	const char *report;     /* the therapist's wording */
};
extern const struct outlook_item outlook_items[OUTLOOK_N];
/* Always shown above the items in the report. */
extern const char outlook_report_note[];
extern const char outlook_intro[];

/* The index of item id, or -1. */
int outlook_index(const char *id);

/* One set of answers; -1 is skipped. */
struct outlook_set {
	int64_t id;
	int64_t at;
	int v[OUTLOOK_N];
};

/*
 * Parses an answers file: "ITEM=N" (0-10) or "ITEM=skip" a line, "#"
 * comments; items left out count as skipped.  Returns 0, or -1 with every
 * problem in d as "name:line: message".
 */
int outlook_answers_parse(const char *name, const char *text, size_t len,
    struct outlook_set *out, struct diag *d);

/*
 * The lessons a set suggests: ids of items at OUTLOOK_HIGH or more into
 * high, and at OUTLOOK_SOME to 6 into some, each lesson once, in item
 * order ("a, b"; caller frees each; NULL when none).
 */
void outlook_suggest(const struct outlook_set *s, char **high, char **some);

/* 1 when the items are due at now: never answered, or 28 days on. */
int outlook_due(const struct outlook_set *last, int64_t now);

/* The extra words for the low-mood item at OUTLOOK_HIGH or more, with the
 * emergency number written in (caller frees), or NULL. */
char *outlook_mood_advice(const struct outlook_set *s, const char *number);

#endif
