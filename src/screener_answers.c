/*
 * screener_answers.c: answers files (key=value lines) read into answers
 * for the screener, and the body regions an answer may name (screener.h).
 * The rules are in screener.c.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screener.h"
#include "util.h"

/* ---- regions ---------------------------------------------------------- */

const char *const screener_regions[] = {
	"lower back", "upper back", "glutes", "hips", "abdomen", "legs",
	"neck", "shoulders"
};
const size_t screener_region_count = BC_ARRAY_LEN(screener_regions);

const char *
screener_region_list(void)
{
	static char list[160];
	size_t i;

	if (list[0] == '\0')
		for (i = 0; i < screener_region_count; i++)
			snprintf(list + strlen(list), sizeof list - strlen(list),
			    "%s%s", i > 0 ? ", " : "", screener_regions[i]);
	return list;
}

int
screener_region_valid(const char *region)
{
	size_t i;

	for (i = 0; i < screener_region_count; i++)
		if (strcmp(region, screener_regions[i]) == 0)
			return 1;
	return 0;
}

int
screener_regions_check(const char *list, char *bad, size_t badlen)
{
	char copy[SCREENER_REGIONS_LEN], *r, *save = NULL;
	int any = 0;

	if (strlen(list) >= sizeof copy) {
		snprintf(bad, badlen, "%.40s", list);
		return -1;
	}
	snprintf(copy, sizeof copy, "%s", list);
	for (r = strtok_r(copy, ",", &save); r != NULL;
	    r = strtok_r(NULL, ",", &save)) {
		if (!screener_region_valid(util_trim(r))) {
			snprintf(bad, badlen, "%s", util_trim(r));
			return -1;
		}
		any = 1;
	}
	if (!any) {
		snprintf(bad, badlen, "%s", list);
		return -1;
	}
	return 0;
}

/* ---- answers files ---------------------------------------------------- */

static void
screener_parse_line(const char *name, int lineno, char *line,
    struct screener_answers *ans, unsigned char *seen, struct diag *d)
{
	char *eq = strchr(line, '='), *key, *val, *dot;
	long n;
	int i;
	enum answer a;

	if (eq == NULL) {
		diag_add(d, name, lineno, "expected ID=yes|no|unsure, not "
		    "'%.60s'", line);
		return;
	}
	*eq = '\0';
	key = util_trim(line);
	val = util_trim(eq + 1);
	if (strcmp(key, "age") == 0 || strcmp(key, "weeks") == 0) {
		int is_age = key[0] == 'a';
		if (util_parse_long(val, 0, is_age ? 120 : 520, &n) != 0) {
			diag_add(d, name, lineno, "%s must be a whole number "
			    "from 0 to %d, not '%.40s'", key,
			    is_age ? 120 : 520, val);
			return;
		}
		if ((is_age ? ans->age : ans->weeks) >= 0)
			diag_add(d, name, lineno, "%s given twice", key);
		if (is_age)
			ans->age = (int)n;
		else
			ans->weeks = (int)n;
		return;
	}
	dot = strchr(key, '.');
	if (dot != NULL) {
		*dot = '\0';
		i = screener_item_index(key);
		if (i >= 0 && strcmp(dot + 1, "region") == 0 &&
		    screener_items[i].region != NULL) {
			diag_add(d, name, lineno, "%s always leaves out the %s; "
			    "it takes no .region", key,
			    screener_items[i].region);
			return;
		}
		if (i < 0 || strcmp(dot + 1, "region") != 0 ||
		    !(screener_items[i].actions & ACTION_AVOID_AREA)) {
			diag_add(d, name, lineno, "unknown setting '%s.%.40s' "
			    "(only AVOID-AREA checks take .region)", key,
			    dot + 1);
			return;
		}
		char bad[64];
		if (screener_regions_check(val, bad, sizeof bad) != 0) {
			diag_add(d, name, lineno, "unknown region '%.40s' (use: "
			    "%s)", bad, screener_region_list());
			return;
		}
		snprintf(ans->region[i], sizeof ans->region[i], "%s", val);
		return;
	}
	i = screener_item_index(key);
	if (i < 0 && strcmp(key, "mc_dvt_current_or_suspected") == 0) {
		diag_add(d, name, lineno, "mc_dvt_current_or_suspected was split "
		    "in two: answer mc_dvt_current (treated for a blood clot "
		    "now) and calf_swelling_new (a calf newly painful, swollen, "
		    "red or warm)");
		return;
	}
	if (i < 0) {
		diag_add(d, name, lineno, "unknown item '%.60s'", key);
		return;
	}
	if (answer_parse(val, &a) != 0) {
		diag_add(d, name, lineno, "%s: answer yes, no or unsure, not "
		    "'%.40s'", key, val);
		return;
	}
	if (seen[i])
		diag_add(d, name, lineno, "%s answered twice", key);
	seen[i] = 1;
	ans->a[i] = a;
}

int
screener_parse_answers(const char *name, const char *text, size_t len,
    struct screener_answers *ans, struct diag *d)
{
	unsigned char seen[SCREENER_MAX_ITEMS] = { 0 };
	size_t before = d->n, i, start = 0, n;
	int lineno = 0;
	char *line, *p;

	screener_answers_init(ans);
	while (start < len) {
		lineno++;
		for (i = start; i < len && text[i] != '\n'; i++)
			;
		n = i - start;
		if (memchr(text + start, '\0', n) != NULL)
			diag_add(d, name, lineno, "the line holds a NUL byte");
		else if (n > 4096)
			diag_add(d, name, lineno, "the line is too long");
		else {
			line = xstrndup(text + start, n);
			p = util_trim(line);
			if (*p != '\0' && *p != '#')
				screener_parse_line(name, lineno, p, ans, seen,
				    d);
			free(line);
		}
		start = i + 1;
	}
	if (ans->age < 0)
		diag_add(d, name, 0, "age is missing (add a line age=N)");
	if (ans->weeks < 0)
		diag_add(d, name, 0, "weeks is missing (add a line weeks=N: "
		    "how many weeks this episode has lasted)");
	for (i = 0; i < screener_item_count; i++) {
		if (ans->a[i] != ANSWER_NO &&
		    (screener_items[i].actions & ACTION_AVOID_AREA) &&
		    screener_items[i].region == NULL &&
		    ans->region[i][0] == '\0')
			diag_add(d, name, 0, "%s needs the area to avoid: add "
			    "a line %s.region=lower back (or upper back, "
			    "glutes, hips, abdomen, legs, neck, shoulders)",
			    screener_items[i].id, screener_items[i].id);
	}
	return d->n > before ? -1 : 0;
}
