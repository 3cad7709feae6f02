/*
 * clearance.c: clinicians' clearances in homework plans (clearance.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clearance.h"
#include "day.h"
#include "screener.h"
#include "util.h"

#define CLEARANCE_MAX 64          /* clearances in one plan */

/* Why item (a known id) cannot be cleared, in words. */
static const char *
clearance_refusal(int item)
{
	const struct screener_item *it = &screener_items[item];

	if (it->tier == TIER_EMERGENCY)
		return "an emergency sign is never cleared: it needs the "
		    "emergency department";
	if (strcmp(it->id, "calf_swelling_new") == 0 ||
	    strcmp(it->id, "one_leg_weakness_worsening") == 0)
		return "this sign is never cleared: it needs a new check "
		    "each time";
	if (strcmp(it->id, "minor_trauma_onset") == 0)
		return "a fall or strain is an event, not a lasting history: a "
		    "new fall needs a new check";
	if (it->tier == TIER_MASSAGE)
		return "only the checks that ask for a clinician (ASK) are "
		    "cleared; this one is applied as it stands";
	return "this is a passing symptom, not a history item: do the "
	    "safety check again when it has gone";
}

/* Splits "WHO, until YYYY-MM-DD"; returns 0 with *by and *until set. */
static int
clearance_tail(const char *name, int line, char *rest, char **by,
    int32_t *until, struct diag *d)
{
	char *comma = strrchr(rest, ','), *date;

	if (comma == NULL || strncmp(util_trim(comma + 1), "until ", 6) != 0) {
		diag_add(d, name, line, "a clearance ends with ', until "
		    "YYYY-MM-DD' (who cleared it, then the last day)");
		return -1;
	}
	*comma = '\0';
	date = util_trim(util_trim(comma + 1) + 6);
	*by = util_trim(rest);
	if (strstr(*by, ", until ") != NULL) {
		diag_add(d, name, line, "until is given twice");
		return -1;
	}
	if (**by == '\0') {
		diag_add(d, name, line, "a clearance names who gave it "
		    "(for example 'Dr Ana Silva')");
		return -1;
	}
	if (strlen(*by) > CLEARANCE_MAX_BY) {
		diag_add(d, name, line, "who cleared it is longer than %d "
		    "bytes", CLEARANCE_MAX_BY);
		return -1;
	}
	if (day_parse(date, until) != 0) {
		diag_add(d, name, line, "until: '%.40s' is not a date (use "
		    "YYYY-MM-DD)", date);
		return -1;
	}
	return 0;
}

/* The same day 6 calendar months after from (the 31st of a shorter
 * month becomes its last day). */
static int32_t
clearance_limit(int32_t from)
{
	int y, m, d, last;

	day_to_ymd(from, &y, &m, &d);
	m += 6;
	if (m > 12) {
		m -= 12;
		y++;
	}
	last = (int)(day_from_ymd(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1,
	    1) - day_from_ymd(y, m, 1));
	return day_from_ymd(y, m, d < last ? d : last);
}

/* Checks the end date against the plan's start. */
static int
clearance_dates(const char *name, int line, int32_t from, int32_t until,
    struct diag *d)
{
	char a[11], b[11];

	if (from == INT32_MIN)
		return 0;
	day_format(until, a);
	day_format(from, b);
	if (until < from) {
		diag_add(d, name, line, "until %s is before the plan starts "
		    "(%s)", a, b);
		return -1;
	}
	if (until > clearance_limit(from)) {
		day_format(clearance_limit(from), b);
		diag_add(d, name, line, "until %s is more than 6 months after "
		    "the plan starts: a clearance lasts until %s at the latest",
		    a, b);
		return -1;
	}
	return 0;
}

/* Checks one id; returns its item index or -1. */
static int
clearance_item(const char *name, int line, const char *id,
    const struct clearance *list, size_t n, struct diag *d)
{
	int item = screener_item_index(id);
	size_t i;

	if (item < 0) {
		diag_add(d, name, line, "unknown safety-check item '%.40s'",
		    id);
		return -1;
	}
	if (!screener_clearable(item)) {
		diag_add(d, name, line, "%s cannot be cleared: %s", id,
		    clearance_refusal(item));
		return -1;
	}
	for (i = 0; i < n; i++)
		if (strcmp(list[i].id, id) == 0) {
			diag_add(d, name, line, "%s is cleared twice (first on "
			    "line %d)", id, list[i].line);
			return -1;
		}
	return item;
}

void
clearance_parse_item(const char *name, int line, const char *text,
    int32_t from, struct clearance **list, size_t *n, struct diag *d)
{
	char *copy = xstrdup(text), *colon = strchr(copy, ':');
	char *ids, *id, *save = NULL, *by;
	int32_t until;
	size_t before = d->n, added = 0;

	if (colon == NULL) {
		diag_add(d, name, line, "a clearance reads '- ITEM-ID: WHO, "
		    "until YYYY-MM-DD'");
		free(copy);
		return;
	}
	*colon = '\0';
	ids = copy;
	if (clearance_tail(name, line, colon + 1, &by, &until, d) != 0 ||
	    clearance_dates(name, line, from, until, d) != 0) {
		free(copy);
		return;
	}
	for (id = strtok_r(ids, ",", &save); id != NULL;
	    id = strtok_r(NULL, ",", &save)) {
		id = util_trim(id);
		if (clearance_item(name, line, id, *list, *n, d) < 0)
			continue;
		if (*n == CLEARANCE_MAX) {
			diag_add(d, name, line, "more than %d clearances",
			    CLEARANCE_MAX);
			break;
		}
		*list = xgrow(*list, *n, sizeof **list);
		(*list)[(*n)++] = (struct clearance){ xstrdup(id),
		    xstrdup(by), until, line };
		added++;
	}
	if (d->n == before && added == 0)
		diag_add(d, name, line, "a clearance names at least one item");
	free(copy);
}

void
clearance_free(struct clearance *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(list[i].id);
		free(list[i].by);
	}
	free(list);
}

const struct clearance *
clearance_find(const struct clearance *list, size_t n, const char *id,
    int32_t today)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i].id, id) == 0 && list[i].until >= today)
			return &list[i];
	return NULL;
}

void
clearance_apply(const struct clearance *list, size_t n, int32_t today,
    struct screener_answers *ans)
{
	size_t i;
	int item;

	for (i = 0; i < n; i++) {
		item = screener_item_index(list[i].id);
		if (item >= 0 && screener_clearable(item) &&
		    list[i].until >= today)
			ans->cleared[item] = 1;
	}
}
