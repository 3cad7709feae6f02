/*
 * advice.h: what the safety check says to a frightened person at home
 * (red-flags.md sections 1d and 6 item 12).
 *
 * One place builds every text a verdict brings: the headline of what to
 * do, and for each rule that fired what it could mean, what to do and how
 * fast, and what to say on arrival; the items the person was not sure
 * about; the clearances used; the massage limits; whether the routines
 * open; and the safety net.  The check screens, `screen`, `run --plain`
 * and the re-check all print these paragraphs, so they cannot drift.
 * Every text writes the configured emergency number out.  Pure.
 */
#ifndef BACKCARE_ADVICE_H
#define BACKCARE_ADVICE_H

#include <stddef.h>
#include <stdint.h>

#include "safety.h"

struct screener_result;
struct screener_answers;
struct catalogue;
struct clearance;

/* How a paragraph is shown on a screen. */
enum advice_tone {
	ADVICE_PLAIN,
	ADVICE_STRONG,      /* the headline and what to do */
	ADVICE_DANGER,      /* emergency and urgent instructions */
	ADVICE_QUIET        /* rule codes and item ids */
};

struct advice_para {
	const char *label;  /* "advice", "rule", "what to do", ... (static) */
	char *text;         /* owned */
	enum advice_tone tone;
};

struct advice {
	struct advice_para *p;
	size_t n;
};

/* What advice_build needs besides the result. */
struct advice_input {
	const struct screener_result *result;
	const struct screener_answers *answers;
	const char *number;                 /* the emergency number */
	const struct catalogue *cat;        /* questions, for "not sure"; may
					       be NULL (ids are used) */
	const struct clearance *clearances; /* in force; may be NULL */
	size_t n_clearances;
	int32_t today;                      /* day.h day, for clearances */
	int recheck;                        /* 1: only E1 was asked */
};

/*
 * Builds the paragraphs for a finished check, in the order they are shown:
 * headline, rules, not sure, clearances, massage, safety net.  (Whether
 * the routines open is added by the caller once it knows if the check was
 * saved: advice_add().)  Free with advice_free().
 */
void advice_build(const struct advice_input *in, struct advice *out);
void advice_free(struct advice *a);

/* Appends a paragraph (text is copied). */
void advice_add(struct advice *a, const char *label, enum advice_tone tone,
    const char *text);

/* "112 (999 in the UK, 911 in the US)" for the default number, else the
 * number itself.  Caller frees. */
char *advice_number(const char *number);

/* The safety net with the number written out.  Caller frees. */
char *advice_safety_net(const char *number);

/* The verdict's headline: what to do, how fast.  Caller frees. */
char *advice_headline(const struct screener_result *r, const char *number);

/* A rule's name in words ("possible cauda equina syndrome"), or NULL. */
const char *advice_rule_name(const char *rule);

/* The default emergency number (112) and the others listed beside it. */
#define ADVICE_DEFAULT_NUMBER "112"

#endif
