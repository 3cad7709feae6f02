/*
 * plan.c: homework plans: parsing, id checks and the little questions the
 * report and the home screen ask of a plan.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark.h>

#include "content.h"
#include "day.h"
#include "md.h"
#include "plan.h"
#include "psfs.h"
#include "util.h"

#define PLAN_MAX_LINE 200         /* bytes in a title or a therapist */
#define PLAN_CLIP 40              /* bytes of user text quoted in a message */
#define PLAN_MAX_ITEMS 500        /* routines, and lessons, in one plan */

enum plan_section {
	PLAN_NONE,              /* before the first "## " heading */
	PLAN_ROUTINES,
	PLAN_LESSONS,
	PLAN_CLEARANCES,
	PLAN_ACTIVITIES,        /* PSFS activities (movement.md section 6) */
	PLAN_NOTES,
	PLAN_SKIP               /* an unknown section, already reported */
};

static const char *const plan_section_names[] = {
	NULL, "Routines", "Lessons", "Clearances", "Activities", "Notes"
};

/* The state of one parse; every message goes to d. */
struct plan_parser {
	const char *name;
	const char *text;
	size_t len;
	struct diag *d;
	struct plan *p;
	enum plan_section section;
	int section_line[6];    /* where each section began, 0 not yet */
	int title_line;         /* -1 when its absence was reported */
	int keys_seen;          /* the list of keys under the title was read */
	int from_line, until_line, therapist_line;
	int notes_from, notes_to;
};

/*
 * Copies at most PLAN_CLIP bytes of s into out (PLAN_CLIP + 4 bytes),
 * cutting on a character boundary and marking the cut with "...".
 */
static const char *
plan_clip(const char *s, char *out)
{
	size_t n = strlen(s);

	if (n <= PLAN_CLIP)
		return s;
	n = PLAN_CLIP;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	memcpy(out, s, n);
	memcpy(out + n, "...", 4);
	return out;
}

/* Checks that the file is text at all; returns 0, or -1 with a message. */
static int
plan_check_bytes(struct plan_parser *pp)
{
	size_t i;
	int blank = 1;

	/* Names the line, the column and the byte, as answers files do. */
	if (diag_check_utf8(pp->d, pp->name, pp->text, pp->len) != 0)
		return -1;
	for (i = 0; i < pp->len && blank; i++)
		if (strchr(" \t\n\r", pp->text[i]) == NULL)
			blank = 0;
	if (blank) {
		diag_add(pp->d, pp->name, 1, "the file is empty: a plan starts "
		    "with a '# Title' line");
		return -1;
	}
	return 0;
}

/*
 * The text of a list item that is a single paragraph, trimmed (caller
 * frees); NULL, with a message, for anything else.
 */
static char *
plan_item_text(struct plan_parser *pp, cmark_node *li, const char *what)
{
	cmark_node *c = cmark_node_first_child(li);
	char *t, *trimmed;

	if (c == NULL || cmark_node_get_type(c) != CMARK_NODE_PARAGRAPH ||
	    cmark_node_next(c) != NULL) {
		diag_add(pp->d, pp->name, cmark_node_get_start_line(li),
		    "each item here is one line: %s", what);
		return NULL;
	}
	t = md_node_text(c);
	trimmed = xstrdup(util_trim(t));
	free(t);
	return trimmed;
}

static void
plan_date(struct plan_parser *pp, int line, const char *key,
    const char *val, int32_t *out)
{
	char clip[PLAN_CLIP + 4];
	int32_t day;

	if (day_parse(val, &day) == 0)
		*out = day;
	else
		diag_add(pp->d, pp->name, line, "%s: '%s' is not a date (use "
		    "YYYY-MM-DD, for example 2026-12-01)", key,
		    plan_clip(val, clip));
}

/* One "key: value" under the title (key in lower case, as written). */
static void
plan_key(struct plan_parser *pp, int line, const char *key,
    const char *written, const char *val)
{
	int *seen;
	char clip[PLAN_CLIP + 4];

	if (strcmp(key, "from") == 0)
		seen = &pp->from_line;
	else if (strcmp(key, "until") == 0)
		seen = &pp->until_line;
	else if (strcmp(key, "therapist") == 0)
		seen = &pp->therapist_line;
	else {
		diag_add(pp->d, pp->name, line, "unknown key '%s' (a plan has "
		    "from, until and therapist)", plan_clip(written, clip));
		return;
	}
	if (*seen != 0) {
		diag_add(pp->d, pp->name, line, "%s: given twice (first on "
		    "line %d)", key, *seen);
		return;
	}
	*seen = line;
	if (seen == &pp->from_line)
		plan_date(pp, line, key, val, &pp->p->from);
	else if (seen == &pp->until_line)
		plan_date(pp, line, key, val, &pp->p->until);
	else if (*val == '\0')
		diag_add(pp->d, pp->name, line, "therapist: is empty");
	else if (strlen(val) > PLAN_MAX_LINE)
		diag_add(pp->d, pp->name, line, "therapist: longer than %d "
		    "bytes", PLAN_MAX_LINE);
	else
		pp->p->therapist = xstrdup(val);
}

/* The list of "key: value" items under the title. */
static void
plan_keys(struct plan_parser *pp, cmark_node *list)
{
	cmark_node *li;
	char *t, *colon, *key, *written, *val, *c;
	char clip[PLAN_CLIP + 4];
	int line;

	pp->keys_seen = 1;
	for (li = cmark_node_first_child(list); li != NULL;
	    li = cmark_node_next(li)) {
		line = cmark_node_get_start_line(li);
		if ((t = plan_item_text(pp, li, "'key: value'")) == NULL)
			continue;
		colon = strchr(t, ':');
		if (colon == NULL || colon == t) {
			diag_add(pp->d, pp->name, line, "'%s' is not 'key: "
			    "value' (for example '- from: 2026-12-01')",
			    plan_clip(t, clip));
			free(t);
			continue;
		}
		*colon = '\0';
		written = util_trim(t);
		key = xstrdup(written);
		for (c = key; *c != '\0'; c++)
			*c = (char)tolower((unsigned char)*c);
		val = util_trim(colon + 1);
		plan_key(pp, line, key, written, val);
		free(key);
		free(t);
	}
}

/*
 * Parses "N per week" (exactly: digits, one space, "per week").  Returns
 * N, 0 when out of range, -1 when not of that form.
 */
static int
plan_per_week(const char *s)
{
	long v = 0;
	size_t i = 0;

	for (; s[i] >= '0' && s[i] <= '9'; i++)
		if (i < 6)
			v = v * 10 + (s[i] - '0');
		else
			v = PLAN_MAX_PER_WEEK + 1;
	if (i == 0 || strcmp(s + i, " per week") != 0)
		return -1;
	return v >= 1 && v <= PLAN_MAX_PER_WEEK ? (int)v : 0;
}

/* Checks an id's form; returns 0, or -1 with a message. */
static int
plan_id(struct plan_parser *pp, int line, const char *kind, const char *id)
{
	char clip[PLAN_CLIP + 4];

	if (content_id_valid(id))
		return 0;
	diag_add(pp->d, pp->name, line, "'%s' is not a %s id (lower-case "
	    "letters, digits, '-' and '_')", plan_clip(id, clip), kind);
	return -1;
}

static void
plan_routine(struct plan_parser *pp, int line, char *t)
{
	struct plan *p = pp->p;
	char *colon = strchr(t, ':'), *id, *val;
	char clip[PLAN_CLIP + 4];
	size_t i;
	int n;

	if (colon == NULL) {
		diag_add(pp->d, pp->name, line, "'%s' needs a target: '- "
		    "routine-id: N per week'", plan_clip(t, clip));
		return;
	}
	*colon = '\0';
	id = util_trim(t);
	val = util_trim(colon + 1);
	if (plan_id(pp, line, "routine", id) != 0)
		return;
	if (p->n_routines == PLAN_MAX_ITEMS) {
		diag_add(pp->d, pp->name, line, "more than %d routines",
		    PLAN_MAX_ITEMS);
		return;
	}
	for (i = 0; i < p->n_routines; i++)
		if (strcmp(p->routines[i].id, id) == 0) {
			diag_add(pp->d, pp->name, line, "routine '%s' is "
			    "listed twice (first on line %d)", id,
			    p->routines[i].line);
			return;
		}
	n = plan_per_week(val);
	if (n < 0) {
		diag_add(pp->d, pp->name, line, "%s: '%s' is not 'N per "
		    "week' (for example '3 per week')", id,
		    plan_clip(val, clip));
		return;
	}
	if (n == 0) {
		diag_add(pp->d, pp->name, line, "%s: '%s' is out of range (1 "
		    "to %d per week)", id, plan_clip(val, clip),
		    PLAN_MAX_PER_WEEK);
		return;
	}
	p->routines = xgrow(p->routines, p->n_routines,
	    sizeof *p->routines);
	p->routines[p->n_routines++] = (struct plan_routine){ xstrdup(id), n,
	    line };
}

static void
plan_lesson(struct plan_parser *pp, int line, const char *id)
{
	struct plan *p = pp->p;
	size_t i;

	if (plan_id(pp, line, "lesson", id) != 0)
		return;
	if (p->n_lessons == PLAN_MAX_ITEMS) {
		diag_add(pp->d, pp->name, line, "more than %d lessons",
		    PLAN_MAX_ITEMS);
		return;
	}
	for (i = 0; i < p->n_lessons; i++)
		if (strcmp(p->lessons[i].id, id) == 0) {
			diag_add(pp->d, pp->name, line, "lesson '%s' is listed "
			    "twice (first on line %d)", id, p->lessons[i].line);
			return;
		}
	p->lessons = xgrow(p->lessons, p->n_lessons,
	    sizeof *p->lessons);
	p->lessons[p->n_lessons++] = (struct plan_lesson){ xstrdup(id), line };
}

/* One PSFS activity the therapist names; the person rates it. */
static void
plan_activity(struct plan_parser *pp, int line, const char *text)
{
	struct plan *p = pp->p;
	const char *why;
	char clip[PLAN_CLIP + 4];
	size_t i;

	if ((why = psfs_text_problem(text)) != NULL) {
		diag_add(pp->d, pp->name, line, "activity: %s", why);
		return;
	}
	for (i = 0; i < p->n_activities; i++)
		if (strcasecmp(p->activities[i].text, text) == 0) {
			diag_add(pp->d, pp->name, line, "activity '%s' is "
			    "listed twice (first on line %d)",
			    plan_clip(text, clip), p->activities[i].line);
			return;
		}
	if (p->n_activities == PSFS_MAX_ACTIVE) {
		diag_add(pp->d, pp->name, line, "more than %d activities (the "
		    "person rates at most %d)", PSFS_MAX_ACTIVE,
		    PSFS_MAX_ACTIVE);
		return;
	}
	p->activities = xgrow(p->activities, p->n_activities,
	    sizeof *p->activities);
	p->activities[p->n_activities++] = (struct plan_activity){
	    xstrdup(text), line };
}

/* A block inside the Routines or Lessons section. */
static void
plan_list_block(struct plan_parser *pp, cmark_node *n)
{
	int routines = pp->section == PLAN_ROUTINES;
	const char *form = routines ? "'- routine-id: N per week'" :
	    pp->section == PLAN_CLEARANCES ?
	    "'- item-id: who cleared it, until YYYY-MM-DD'" :
	    pp->section == PLAN_ACTIVITIES ? "'- an everyday activity'" :
	    "'- lesson-id'";
	cmark_node *li;
	char *t;

	if (cmark_node_get_type(n) != CMARK_NODE_LIST ||
	    cmark_node_get_list_type(n) != CMARK_BULLET_LIST) {
		diag_add(pp->d, pp->name, cmark_node_get_start_line(n), "the "
		    "%s section holds only a list of %s",
		    plan_section_names[pp->section], form);
		return;
	}
	for (li = cmark_node_first_child(n); li != NULL;
	    li = cmark_node_next(li)) {
		if ((t = plan_item_text(pp, li, form)) == NULL)
			continue;
		if (routines)
			plan_routine(pp, cmark_node_get_start_line(li), t);
		else if (pp->section == PLAN_CLEARANCES)
			clearance_parse_item(pp->name,
			    cmark_node_get_start_line(li), t, pp->p->from,
			    &pp->p->clearances, &pp->p->n_clearances, pp->d);
		else if (pp->section == PLAN_ACTIVITIES)
			plan_activity(pp, cmark_node_get_start_line(li), t);
		else
			plan_lesson(pp, cmark_node_get_start_line(li), t);
		free(t);
	}
}

/* A "## " heading: the start of a section. */
static void
plan_section(struct plan_parser *pp, cmark_node *n)
{
	char *t = md_node_text(n), *name = util_trim(t);
	char clip[PLAN_CLIP + 4];
	int line = cmark_node_get_start_line(n);
	int i;

	pp->section = PLAN_SKIP;
	for (i = PLAN_ROUTINES; i <= PLAN_NOTES; i++)
		if (strcasecmp(name, plan_section_names[i]) == 0)
			break;
	if (i > PLAN_NOTES)
		diag_add(pp->d, pp->name, line, "unknown section '%s' (a plan "
		    "has Routines, Lessons, Clearances, Activities and Notes)",
		    plan_clip(name, clip));
	else if (pp->section_line[i] != 0)
		diag_add(pp->d, pp->name, line, "section '%s' is given twice "
		    "(first on line %d)", plan_section_names[i],
		    pp->section_line[i]);
	else {
		pp->section_line[i] = line;
		pp->section = (enum plan_section)i;
	}
	free(t);
}

static void
plan_title(struct plan_parser *pp, cmark_node *n)
{
	char *t = md_node_text(n), *title = util_trim(t);
	int line = cmark_node_get_start_line(n);

	if (pp->title_line != 0)
		diag_add(pp->d, pp->name, line, "a second title (a plan has one "
		    "'# Title'; sections are '## Routines', '## Lessons', "
		    "'## Clearances' and '## Notes')");
	else if (*title == '\0')
		diag_add(pp->d, pp->name, line, "the title is empty");
	else if (strlen(title) > PLAN_MAX_LINE)
		diag_add(pp->d, pp->name, line, "the title is longer than %d "
		    "bytes", PLAN_MAX_LINE);
	else
		pp->p->title = xstrdup(title);
	if (pp->title_line == 0)
		pp->title_line = line;
	free(t);
}

/* A block before the first section: the title, its keys, nothing else. */
static void
plan_head_block(struct plan_parser *pp, cmark_node *n)
{
	int line = cmark_node_get_start_line(n);

	if (pp->title_line == 0) {
		diag_add(pp->d, pp->name, line, "the plan must start with its "
		    "title (a '# Title' line)");
		pp->title_line = -1;
	}
	if (cmark_node_get_type(n) == CMARK_NODE_LIST && !pp->keys_seen &&
	    cmark_node_get_list_type(n) == CMARK_BULLET_LIST)
		plan_keys(pp, n);
	else if (pp->title_line > 0)
		diag_add(pp->d, pp->name, line, "text outside a section (only "
		    "the '- from:', '- until:' and '- therapist:' list goes "
		    "under the title; put notes under '## Notes')");
}

static void
plan_block(struct plan_parser *pp, cmark_node *n)
{
	int level = cmark_node_get_type(n) == CMARK_NODE_HEADING ?
	    cmark_node_get_heading_level(n) : 0;

	if (level == 1 && pp->section != PLAN_NOTES) {
		plan_title(pp, n);
	} else if (level == 2) {
		plan_section(pp, n);
	} else if (pp->section == PLAN_NOTES) {
		if (pp->notes_from == 0)
			pp->notes_from = cmark_node_get_start_line(n);
		pp->notes_to = cmark_node_get_end_line(n);
	} else if (pp->section == PLAN_ROUTINES ||
	    pp->section == PLAN_LESSONS || pp->section == PLAN_CLEARANCES ||
	    pp->section == PLAN_ACTIVITIES) {
		plan_list_block(pp, n);
	} else if (pp->section == PLAN_NONE)
		plan_head_block(pp, n);
}

/* Source lines [from, to] (1-based) of text without trailing space. */
static char *
plan_lines(const char *text, size_t len, int from, int to)
{
	char *s = md_source_lines(text, len, from, to);
	size_t n = strlen(s);

	while (n > 0 && strchr("\r\n \t", s[n - 1]) != NULL)
		s[--n] = '\0';
	return s;
}

/* The checks that need the whole file read. */
static void
plan_finish(struct plan_parser *pp)
{
	struct plan *p = pp->p;
	int at = pp->title_line > 0 ? pp->title_line : 1;
	char a[11], b[11];

	if (pp->title_line == 0)
		diag_add(pp->d, pp->name, 1, "the plan has no title (a "
		    "'# Title' line first)");
	if (pp->from_line == 0)
		diag_add(pp->d, pp->name, at, "the plan has no start date: add "
		    "'- from: YYYY-MM-DD' under the title");
	if (pp->until_line == 0)
		diag_add(pp->d, pp->name, at, "the plan has no end date: add "
		    "'- until: YYYY-MM-DD' under the title");
	if (pp->from_line != 0 && pp->until_line != 0 &&
	    p->from != INT32_MIN && p->until != INT32_MIN &&
	    p->until < p->from) {
		day_format(p->until, a);
		day_format(p->from, b);
		diag_add(pp->d, pp->name, pp->until_line, "until: %s is before "
		    "from: %s", a, b);
	}
	if (pp->notes_from > 0) {
		p->notes = plan_lines(pp->text, pp->len, pp->notes_from,
		    pp->notes_to);
		if (p->notes[0] == '\0') {
			free(p->notes);
			p->notes = NULL;
		}
	}
}

struct plan *
plan_parse(const char *name, const char *text, size_t len, struct diag *d)
{
	struct plan_parser pp;
	cmark_node *doc, *n;
	size_t before = d->n;

	memset(&pp, 0, sizeof pp);
	pp.name = name;
	pp.text = text;
	pp.len = len;
	pp.d = d;
	if (plan_check_bytes(&pp) != 0)
		return NULL;
	pp.p = xcalloc(1, sizeof *pp.p);
	pp.p->from = pp.p->until = INT32_MIN;
	doc = cmark_parse_document(text, len, CMARK_OPT_DEFAULT);
	for (n = cmark_node_first_child(doc); n != NULL; n = cmark_node_next(n))
		plan_block(&pp, n);
	cmark_node_free(doc);
	plan_finish(&pp);
	if (d->n > before) {
		plan_free(pp.p);
		return NULL;
	}
	return pp.p;
}

size_t
plan_check_ids(const struct plan *p, const struct content *c,
    const char *name, struct diag *d)
{
	size_t i, n = 0;

	for (i = 0; i < p->n_routines; i++)
		if (content_find(c, CONTENT_ROUTINE, p->routines[i].id) ==
		    NULL) {
			diag_add(d, name, p->routines[i].line, "unknown routine "
			    "'%s' (see 'backcare routines')",
			    p->routines[i].id);
			n++;
		}
	for (i = 0; i < p->n_lessons; i++)
		if (content_find(c, CONTENT_LESSON, p->lessons[i].id) ==
		    NULL) {
			diag_add(d, name, p->lessons[i].line, "unknown lesson "
			    "'%s' (see 'backcare lessons')", p->lessons[i].id);
			n++;
		}
	return n;
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
	for (i = 0; i < p->n_activities; i++)
		free(p->activities[i].text);
	free(p->routines);
	free(p->lessons);
	free(p->activities);
	clearance_free(p->clearances, p->n_clearances);
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

int
plan_week_days(const struct plan *p, int32_t monday)
{
	int covered = 0, i;

	for (i = 0; i < 7; i++)
		covered += plan_covers(p, monday + i);
	return covered;
}

/*
 * The week's total is prorated once, rounded up, and shared out among the
 * routines: each gets its exact share rounded down, and the sessions left
 * go one each to the largest remainders (the plan's order breaking ties),
 * so the routines' targets add up to the report's figure.
 */
int
plan_week_target(const struct plan *p, size_t j, int32_t monday)
{
	int days, total, left, base, rem_j, rem, ahead = 0;
	size_t i;

	if (p == NULL || j >= p->n_routines)
		return 0;
	days = plan_week_days(p, monday);
	total = (plan_sessions_per_week(p) * days + 6) / 7;
	left = total;
	for (i = 0; i < p->n_routines; i++)
		left -= p->routines[i].per_week * days / 7;
	base = p->routines[j].per_week * days / 7;
	rem_j = p->routines[j].per_week * days % 7;
	if (left <= 0 || rem_j == 0)
		return base;
	/* The routines served before j: a larger remainder, or as large
	 * and earlier in the plan. */
	for (i = 0; i < p->n_routines; i++) {
		rem = p->routines[i].per_week * days % 7;
		if (rem > rem_j || (rem == rem_j && i < j))
			ahead++;
	}
	return base + (ahead < left);
}

int
plan_week_total(const struct plan *p, int32_t monday)
{
	size_t j;
	int n = 0;

	for (j = 0; p != NULL && j < p->n_routines; j++)
		n += plan_week_target(p, j, monday);
	return n;
}
