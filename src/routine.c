/*
 * routine.c: routine files parsed into steps (routine.h); their times
 * and the safety limits are in routine_limits.c, the timeline and the
 * timer in timeline.c.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "md.h"
#include "routine.h"
#include "screener.h"
#include "util.h"

static const char *const routine_strokes[] = {
	"effleurage", "petrissage", "friction", "tapotement", "vibration",
	"stripping", "compression", "myofascial", NULL
};
/* Where a step is done (red-flags.md section 6 item 9). */
const char *const routine_positions[] = {
	"standing", "sitting", "kneeling", "side-lying", "lying on the back",
	"lying on the front", NULL
};
static const char *const routine_pressures[] = {
	"light", "medium", "firm", NULL
};
/* Exercise steps (movement.md section 2.0). */
static const char *const routine_movements[] = {
	"mobility", "stretch", "strength", "aerobic", NULL
};
static const char *const routine_tags[] = {
	"end_range_flexion", "twist", "extension", NULL
};
/* The rest after an exercise step when the file gives none (2.0), in the
 * order of routine_movements. */
static const long routine_default_rest[] = { 15, 20, 30, 0 };

/* Key bits a step has seen, for the checks that need the whole step. */
enum {
	SEEN_TIME = 1 << 0, SEEN_REST = 1 << 1, SEEN_REPEAT = 1 << 2,
	SEEN_TEMPO = 1 << 3, SEEN_SET_REST = 1 << 4, SEEN_SETS = 1 << 5
};

static int
routine_in(const char *const *list, const char *s)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, s) == 0)
			return 1;
	return 0;
}

static int
routine_is_region(const char *s)
{
	return screener_region_valid(s);
}

static int
routine_is_position(const char *s)
{
	return routine_in(routine_positions, s);
}

static int
routine_is_tag(const char *s)
{
	return routine_in(routine_tags, s);
}

int
routine_set_week(struct routine *r, int week)
{
	struct routine_step *s;
	size_t i;
	int any = 0;

	if (week < 1)
		week = 1;
	for (i = 0; i < r->nsteps; i++) {
		s = &r->steps[i];
		if (s->weeks == NULL)
			continue;
		s->seconds = 60L * s->weeks[(week < s->n_weeks ? week :
		    s->n_weeks) - 1];
		any = 1;
	}
	r->week = any ? week : 0;
	return any;
}

int
routine_step_is_exercise(const struct routine_step *s)
{
	return s->movement != NULL;
}

const char *
routine_kind(const struct routine *r)
{
	return r->exercise ? "exercise" : "massage";
}

long
routine_rep_seconds(const struct routine_step *s)
{
	return s->tempo[0] + s->tempo[1] + s->tempo[2];
}

int
routine_list_has(const char *list, const char *item)
{
	size_t n = strlen(item);
	const char *p = list;

	while (p != NULL && *p != '\0') {
		while (*p == ' ' || *p == ',')
			p++;
		if (strncmp(p, item, n) == 0 && (p[n] == '\0' || p[n] == ','))
			return 1;
		p = strchr(p, ',');
	}
	return 0;
}

/*
 * Reads "a, b, c" where each is accepted by valid: returns the list
 * written canonically ("a, b, c"; caller frees), or NULL with a message.
 */
static char *
routine_list(const char *name, int line, const char *key, const char *val,
    int (*valid)(const char *), const char *choices, struct diag *d)
{
	char *copy = xstrdup(val), *tok, *next;
	struct buf b = BUF_INIT;

	for (tok = copy; tok != NULL; tok = next) {
		if ((next = strchr(tok, ',')) != NULL)
			*next++ = '\0';
		tok = util_trim(tok);
		if (*tok == '\0' && (next != NULL || b.len > 0)) {
			diag_add(d, name, line, "%s: an empty item in the "
			    "list '%.40s'", key, val);
			goto fail;
		}
		if (*tok == '\0')
			break;
		if (!valid(tok)) {
			diag_add(d, name, line, "%s: unknown %s '%.40s' (use %s)",
			    key, key, tok, choices);
			goto fail;
		}
		if (b.len > 0 && routine_list_has(b.data, tok)) {
			diag_add(d, name, line, "%s: '%s' is given twice", key,
			    tok);
			goto fail;
		}
		if (b.len > 0)
			buf_adds(&b, ", ");
		buf_adds(&b, tok);
	}
	free(copy);
	if (b.len == 0) {
		diag_add(d, name, line, "%s: name at least one %s", key, key);
		return NULL;
	}
	return buf_detach(&b);
fail:
	free(copy);
	buf_free(&b);
	return NULL;
}


/* 1 when every item of the list reads "key: value". */
static int
routine_is_keys(cmark_node *list)
{
	cmark_node *li;
	char *t;
	int ok = 1;

	if (cmark_node_get_list_type(list) != CMARK_BULLET_LIST)
		return 0;
	for (li = cmark_node_first_child(list); li != NULL && ok;
	    li = cmark_node_next(li)) {
		t = md_node_text(li);
		ok = strchr(t, ':') != NULL && strchr(t, ':') != t;
		free(t);
	}
	return ok;
}

static int
routine_time(const char *name, int line, const char *key, const char *val,
    long *out, struct diag *d)
{
	if (util_parse_duration(val, out) != 0) {
		diag_add(d, name, line, "%s: '%s' is not a time (use 90s, 2m "
		    "or 1m30s)", key, val);
		return -1;
	}
	if (*out < ROUTINE_MIN_S || *out > ROUTINE_MAX_S) {
		diag_add(d, name, line, "%s: %s is out of range (1s to 30m)",
		    key, val);
		return -1;
	}
	return 0;
}

/* "2-3-2": up, hold and down seconds (0 to 60 each, 1 s at least). */
static int
routine_tempo(const char *val, int tempo[3])
{
	char *copy = xstrdup(val), *tok, *save = NULL;
	long v;
	int n = 0, ok = 1;

	for (tok = strtok_r(copy, "-", &save); tok != NULL && ok;
	    tok = strtok_r(NULL, "-", &save)) {
		if (n == 3 || util_parse_long(util_trim(tok), 0, 60, &v) != 0)
			ok = 0;
		else
			tempo[n++] = (int)v;
	}
	free(copy);
	return ok && n == 3 && tempo[0] + tempo[1] + tempo[2] > 0 &&
	    strstr(val, "--") == NULL && val[0] != '-' &&
	    val[strlen(val) - 1] != '-' ? 0 : -1;
}

static void
routine_text_key(char **field, const char *val)
{
	free(*field);
	*field = xstrdup(val);
}

/* "10, 10, 15": the minutes of each week of a plan (1 to 60 each). */
static void
routine_weeks(const char *name, int line, struct routine_step *s,
    const char *val, struct diag *d)
{
	char *copy = xstrdup(val), *tok, *save = NULL;
	long v;

	free(s->weeks);
	s->weeks = NULL;
	s->n_weeks = 0;
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		if (s->n_weeks == ROUTINE_MAX_WEEKS ||
		    util_parse_long(util_trim(tok), 1, 60, &v) != 0) {
			diag_add(d, name, line, "weeks: '%.40s' should be the "
			    "minutes of each week, 1 to 60, such as 10, 10, "
			    "15 (at most %d weeks)", val, ROUTINE_MAX_WEEKS);
			break;
		}
		s->weeks = xgrow(s->weeks, (size_t)s->n_weeks,
		    sizeof *s->weeks);
		s->weeks[s->n_weeks++] = (int)v;
	}
	free(copy);
}

/* The keys of exercise steps; returns 0 when key is not one of them. */
static int
routine_exercise_key(const char *name, int line, struct routine_step *s,
    const char *key, const char *val, unsigned *seen, struct diag *d)
{
	long v;

	if (strcmp(key, "movement") == 0) {
		if (!routine_in(routine_movements, val))
			diag_add(d, name, line, "movement: unknown movement "
			    "'%.40s' (use mobility, stretch, strength or "
			    "aerobic)", val);
		routine_text_key(&s->movement, val);
	} else if (strcmp(key, "reps") == 0 || strcmp(key, "sets") == 0) {
		int reps = key[0] == 'r';
		long max = reps ? ROUTINE_MAX_REPS : ROUTINE_MAX_SETS;
		if (util_parse_long(val, 1, max, &v) != 0)
			diag_add(d, name, line, "%s: '%.40s' is not a whole "
			    "number from 1 to %ld", key, val, max);
		else if (reps)
			s->reps = (int)v;
		else {
			s->sets = (int)v;
			*seen |= SEEN_SETS;
		}
	} else if (strcmp(key, "tempo") == 0) {
		*seen |= SEEN_TEMPO;
		if (routine_tempo(val, s->tempo) != 0)
			diag_add(d, name, line, "tempo: '%.40s' should be up-"
			    "hold-down seconds, such as 2-3-2", val);
	} else if (strcmp(key, "set_rest") == 0) {
		*seen |= SEEN_SET_REST;
		routine_time(name, line, key, val, &s->set_rest, d);
	} else if (strcmp(key, "alt_position") == 0 ||
	    strcmp(key, "bones_position") == 0) {
		if (!routine_is_position(val))
			diag_add(d, name, line, "%s: unknown position "
			    "'%.40s' (use standing, sitting, kneeling, "
			    "side-lying, lying on the back, lying on the "
			    "front)", key, val);
		routine_text_key(key[0] == 'a' ? &s->alt_position :
		    &s->bones_position, val);
	} else if (strcmp(key, "tags") == 0) {
		free(s->tags);
		s->tags = routine_list(name, line, key, val, routine_is_tag,
		    "end_range_flexion, twist, extension", d);
	} else if (strcmp(key, "bones") == 0) {
		routine_text_key(&s->bones, val);
	} else if (strcmp(key, "easier") == 0) {
		routine_text_key(&s->easier, val);
	} else if (strcmp(key, "harder") == 0) {
		routine_text_key(&s->harder, val);
	} else if (strcmp(key, "weeks") == 0) {
		routine_weeks(name, line, s, val, d);
	} else
		return 0;
	return 1;
}

static void
routine_key(const char *name, int line, struct routine_step *s,
    const char *key, const char *val, unsigned *seen, struct diag *d)
{
	long v;

	if (strcmp(key, "duration") == 0 || strcmp(key, "hold") == 0) {
		if (*seen & 1)
			diag_add(d, name, line, "a step takes one of duration "
			    "and hold, once");
		*seen |= 1;
		s->hold = key[0] == 'h';
		routine_time(name, line, key, val, &s->seconds, d);
	} else if (strcmp(key, "repeat") == 0) {
		*seen |= SEEN_REPEAT;
		if (util_parse_long(val, 1, ROUTINE_MAX_REPEAT, &v) != 0)
			diag_add(d, name, line, "repeat: '%s' is not a whole "
			    "number from 1 to %d", val, ROUTINE_MAX_REPEAT);
		else
			s->repeat = (int)v;
	} else if (strcmp(key, "rest") == 0) {
		*seen |= SEEN_REST;
		if (strcmp(val, "0") == 0 || strcmp(val, "0s") == 0)
			s->rest = 0;
		else
			routine_time(name, line, key, val, &s->rest, d);
	} else if (strcmp(key, "sides") == 0) {
		if (strcmp(val, "left, right") == 0 ||
		    strcmp(val, "left,right") == 0 || strcmp(val, "both") == 0)
			s->sides = 2;
		else
			diag_add(d, name, line, "sides: '%s' should be 'both' "
			    "(or 'left, right')", val);
	} else if (routine_exercise_key(name, line, s, key, val, seen, d)) {
		/* reps, sets, tempo, set_rest, movement, alt_position, ... */
	} else if (strcmp(key, "stroke") == 0) {
		if (!routine_in(routine_strokes, val))
			diag_add(d, name, line, "stroke: unknown stroke '%s'",
			    val);
		free(s->stroke);
		s->stroke = xstrdup(val);
	} else if (strcmp(key, "region") == 0) {
		free(s->region);
		s->region = routine_list(name, line, key, val,
		    routine_is_region, screener_region_list(), d);
		if (s->region == NULL)
			s->region = xstrdup("");
	} else if (strcmp(key, "position") == 0) {
		free(s->position);
		s->position = routine_list(name, line, key, val,
		    routine_is_position, "standing, sitting, kneeling, "
		    "side-lying, lying on the back, lying on the front", d);
		if (s->position == NULL)
			s->position = xstrdup("");
	} else if (strcmp(key, "pressure") == 0) {
		if (!routine_in(routine_pressures, val))
			diag_add(d, name, line, "pressure: '%s' should be "
			    "light, medium or firm", val);
		free(s->pressure);
		s->pressure = xstrdup(val);
	} else
		diag_add(d, name, line, "unknown key '%s'", key);
}

/* What only the whole list of an exercise step shows, and its defaults. */
static void
routine_exercise_checks(const char *name, struct routine_step *s,
    unsigned seen, struct diag *d)
{
	size_t k;

	if (s->movement == NULL) {
		if (s->reps > 0 || (seen & (SEEN_TEMPO | SEEN_SETS |
		    SEEN_SET_REST)) || s->alt_position != NULL ||
		    s->tags != NULL || s->bones != NULL || s->easier != NULL ||
		    s->harder != NULL || s->weeks != NULL ||
		    s->bones_position != NULL)
			diag_add(d, name, s->line, "step '%s': reps, sets, "
			    "tempo, set_rest, alt_position, tags, bones, "
			    "bones_position, easier, harder and weeks are for "
			    "exercise steps (add '- movement: mobility', or "
			    "stretch, strength, aerobic)", s->title);
		return;
	}
	if (s->sets == 0)
		s->sets = 1;
	if (s->reps > 0 && (seen & SEEN_TIME))
		diag_add(d, name, s->line, "step '%s' takes reps or a duration "
		    "or hold, not both", s->title);
	if (s->reps > 0 && !(seen & SEEN_TEMPO))
		diag_add(d, name, s->line, "step '%s' counts reps but has no "
		    "tempo: add '- tempo: 2-3-2' (up-hold-down seconds)",
		    s->title);
	if (s->reps == 0 && (seen & (SEEN_TEMPO | SEEN_SETS | SEEN_SET_REST)))
		diag_add(d, name, s->line, "step '%s': tempo, sets and "
		    "set_rest need '- reps: N'", s->title);
	if ((seen & SEEN_SET_REST) && s->sets < 2)
		diag_add(d, name, s->line, "step '%s' has a set_rest but one "
		    "set", s->title);
	if (s->weeks != NULL && (s->reps > 0 || s->hold || s->repeat > 1))
		diag_add(d, name, s->line, "step '%s': weeks goes with a "
		    "duration only", s->title);
	if (s->reps > 0)
		s->seconds = routine_rep_seconds(s);
	if (!(seen & SEEN_REST))
		for (k = 0; routine_movements[k] != NULL; k++)
			if (strcmp(s->movement, routine_movements[k]) == 0)
				s->rest = routine_default_rest[k];
}

static void
routine_keys(const char *name, cmark_node *list, struct routine_step *s,
    struct diag *d)
{
	cmark_node *li;
	char *t, *colon, *key, *val, *p;
	unsigned seen = 0;
	int line;

	for (li = cmark_node_first_child(list); li != NULL;
	    li = cmark_node_next(li)) {
		t = md_node_text(li);
		line = cmark_node_get_start_line(li);
		colon = strchr(t, ':');
		*colon = '\0';
		key = util_trim(t);
		for (p = key; *p != '\0'; p++)
			*p = (char)tolower((unsigned char)*p);
		val = util_trim(colon + 1);
		routine_key(name, line, s, key, val, &seen, d);
		free(t);
	}
	routine_exercise_checks(name, s, seen, d);
}

static void
routine_check_step(const char *name, struct routine_step *s,
    struct diag *d)
{
	int ex = routine_step_is_exercise(s);

	if (s->seconds == 0 && s->reps == 0)
		diag_add(d, name, s->line, "step '%s' has no time: add "
		    "'- duration: 2m' or '- hold: 60s'%s", s->title, ex ?
		    " or '- reps: 10' with a tempo" : "");
	if (!ex && s->rest > 0 && s->repeat < 2)
		diag_add(d, name, s->line, "step '%s' has a rest but no "
		    "repeat", s->title);
	if (ex && (s->stroke != NULL || s->pressure != NULL))
		diag_add(d, name, s->line, "step '%s' names a movement and a "
		    "stroke or pressure: an exercise step takes movement, "
		    "region and position", s->title);
	else if (ex && s->region == NULL)
		diag_add(d, name, s->line, "step '%s' needs a region (the "
		    "areas it works)", s->title);
	else if (!ex && (s->stroke == NULL || s->region == NULL ||
	    s->pressure == NULL))
		diag_add(d, name, s->line, "step '%s' needs stroke, region and "
		    "pressure (or movement, region and position for an "
		    "exercise)", s->title);
	if (s->position == NULL)
		diag_add(d, name, s->line, "step '%s' needs a position: add "
		    "'- position: standing' (or sitting, kneeling, side-lying, "
		    "lying on the back, lying on the front)", s->title);
}

static struct routine_step *
routine_add_step(struct routine *r, cmark_node *heading)
{
	struct routine_step *s;

	r->steps = xgrow(r->steps, r->nsteps, sizeof *r->steps);
	s = &r->steps[r->nsteps++];
	memset(s, 0, sizeof *s);
	s->title = md_node_text(heading);
	s->line = cmark_node_get_start_line(heading);
	s->repeat = 1;
	return s;
}

/* Fills a step's instructions: the source lines of its body. */
static void
routine_body(struct routine_step *s, const struct md_lines *lines,
    int from, int to)
{
	free(s->instructions);
	s->instructions = md_lines_get(lines, from, to);
}

struct routine *
routine_parse(const char *id, const char *name, const char *text,
    size_t len, struct diag *d)
{
	struct routine *r = xcalloc(1, sizeof *r);
	cmark_node *doc, *n;
	struct md_lines lines;
	struct routine_step *s = NULL;
	size_t before = d->n, i, exercise = 0;
	int body_from = 0, intro_from = 0, intro_to = 0, last = 0;

	if (memchr(text, '\0', len) != NULL)
		diag_add(d, name, 0, "the file holds NUL bytes");
	else   /* its title and notes go into the progress file */
		(void)diag_check_utf8(d, name, text, len);
	doc = cmark_parse_document(text, len, CMARK_OPT_DEFAULT);
	md_lines_init(&lines, text, len);
	r->id = xstrdup(id);
	for (n = cmark_node_first_child(doc); n != NULL; n = cmark_node_next(n)) {
		int type = cmark_node_get_type(n);
		int level = type == CMARK_NODE_HEADING ?
		    cmark_node_get_heading_level(n) : 0;

		if (level == 2) {
			if (s != NULL && body_from > 0)
				routine_body(s, &lines, body_from,
				    cmark_node_get_start_line(n) - 1);
			s = routine_add_step(r, n);
			body_from = 0;
			if (cmark_node_next(n) != NULL &&
			    cmark_node_get_type(cmark_node_next(n)) ==
			    CMARK_NODE_LIST &&
			    routine_is_keys(cmark_node_next(n))) {
				n = cmark_node_next(n);
				routine_keys(name, n, s, d);
			}
			continue;
		}
		if (level == 1 && r->title == NULL && s == NULL) {
			r->title = md_node_text(n);
			continue;
		}
		if (s == NULL) {
			if (intro_from == 0)
				intro_from = cmark_node_get_start_line(n);
			intro_to = cmark_node_get_end_line(n);
		} else if (body_from == 0)
			body_from = cmark_node_get_start_line(n);
		last = cmark_node_get_end_line(n);
	}
	if (s != NULL && body_from > 0)
		routine_body(s, &lines, body_from, last);
	cmark_node_free(doc);
	r->intro = md_lines_get(&lines, intro_from, intro_to);
	md_lines_free(&lines);
	if (r->title == NULL || *util_trim(r->title) == '\0')
		diag_add(d, name, 1, "the routine has no title (a '# Title' "
		    "line first)");
	if (r->nsteps == 0)
		diag_add(d, name, 0, "the routine has no steps (each step is a "
		    "'## Step' heading)");
	for (i = 0; i < r->nsteps; i++) {
		if (r->steps[i].instructions == NULL)
			r->steps[i].instructions = xstrdup("");
		routine_check_step(name, &r->steps[i], d);
		if (routine_step_is_exercise(&r->steps[i]))
			exercise++;
	}
	/* One kind a routine: the list keeps massage and exercise apart. */
	r->exercise = r->nsteps > 0 && exercise == r->nsteps;
	if (exercise > 0 && exercise < r->nsteps)
		diag_add(d, name, 0, "the routine mixes massage steps and "
		    "exercise steps (movement:): keep them in separate "
		    "routines");
	if (d->n > before) {
		routine_free(r);
		return NULL;
	}
	return r;
}

void
routine_free(struct routine *r)
{
	size_t i;
	struct routine_step *s;

	if (r == NULL)
		return;
	for (i = 0; i < r->nsteps; i++) {
		s = &r->steps[i];
		free(s->title);
		free(s->stroke);
		free(s->region);
		free(s->position);
		free(s->pressure);
		free(s->instructions);
		free(s->note);
		free(s->movement);
		free(s->alt_position);
		free(s->bones_position);
		free(s->tags);
		free(s->bones);
		free(s->easier);
		free(s->harder);
		free(s->weeks);
	}
	free(r->steps);
	free(r->id);
	free(r->title);
	free(r->intro);
	free(r);
}

