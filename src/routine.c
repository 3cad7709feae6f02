/*
 * routine.c: routine files, their timeline and the timer (routine.h).
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
static const char *const routine_positions[] = {
	"standing", "sitting", "kneeling", "side-lying", "lying on the back",
	"lying on the front", NULL
};
static const char *const routine_pressures[] = {
	"light", "medium", "firm", NULL
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
		if (util_parse_long(val, 1, ROUTINE_MAX_REPEAT, &v) != 0)
			diag_add(d, name, line, "repeat: '%s' is not a whole "
			    "number from 1 to %d", val, ROUTINE_MAX_REPEAT);
		else
			s->repeat = (int)v;
	} else if (strcmp(key, "rest") == 0) {
		routine_time(name, line, key, val, &s->rest, d);
	} else if (strcmp(key, "sides") == 0) {
		if (strcmp(val, "left, right") == 0 ||
		    strcmp(val, "left,right") == 0)
			s->sides = 2;
		else
			diag_add(d, name, line, "sides: '%s' should be 'left, "
			    "right'", val);
	} else if (strcmp(key, "stroke") == 0) {
		if (!routine_in(routine_strokes, val))
			diag_add(d, name, line, "stroke: unknown stroke '%s'",
			    val);
		free(s->stroke);
		s->stroke = xstrdup(val);
	} else if (strcmp(key, "region") == 0) {
		free(s->region);
		s->region = routine_list(name, line, key, val,
		    routine_is_region, "lower back, upper back, glutes, hips, "
		    "abdomen, legs, neck, shoulders", d);
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
}

static void
routine_check_step(const char *name, struct routine_step *s,
    struct diag *d)
{
	if (s->seconds == 0)
		diag_add(d, name, s->line, "step '%s' has no time: add "
		    "'- duration: 2m' or '- hold: 60s'", s->title);
	if (s->rest > 0 && s->repeat < 2)
		diag_add(d, name, s->line, "step '%s' has a rest but no "
		    "repeat", s->title);
	if (s->stroke == NULL || s->region == NULL || s->pressure == NULL)
		diag_add(d, name, s->line, "step '%s' needs stroke, region and "
		    "pressure", s->title);
	if (s->position == NULL)
		diag_add(d, name, s->line, "step '%s' needs a position: add "
		    "'- position: standing' (or sitting, kneeling, side-lying, "
		    "lying on the back, lying on the front)", s->title);
}

static struct routine_step *
routine_add_step(struct routine *r, cmark_node *heading)
{
	struct routine_step *s;

	r->steps = xreallocarray(r->steps, r->nsteps + 1, sizeof *r->steps);
	s = &r->steps[r->nsteps++];
	memset(s, 0, sizeof *s);
	s->title = md_node_text(heading);
	s->line = cmark_node_get_start_line(heading);
	s->repeat = 1;
	return s;
}

/* Fills a step's instructions: the source lines of its body. */
static void
routine_body(struct routine_step *s, const char *text, size_t len,
    int from, int to)
{
	free(s->instructions);
	s->instructions = md_source_lines(text, len, from, to);
}

struct routine *
routine_parse(const char *id, const char *name, const char *text,
    size_t len, struct diag *d)
{
	struct routine *r = xcalloc(1, sizeof *r);
	cmark_node *doc, *n;
	struct routine_step *s = NULL;
	size_t before = d->n, i;
	int body_from = 0, intro_from = 0, intro_to = 0, last = 0;

	if (memchr(text, '\0', len) != NULL)
		diag_add(d, name, 0, "the file holds NUL bytes");
	doc = cmark_parse_document(text, len, CMARK_OPT_DEFAULT);
	r->id = xstrdup(id);
	for (n = cmark_node_first_child(doc); n != NULL; n = cmark_node_next(n)) {
		int type = cmark_node_get_type(n);
		int level = type == CMARK_NODE_HEADING ?
		    cmark_node_get_heading_level(n) : 0;

		if (level == 2) {
			if (s != NULL && body_from > 0)
				routine_body(s, text, len, body_from,
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
		routine_body(s, text, len, body_from, last);
	cmark_node_free(doc);
	r->intro = md_source_lines(text, len, intro_from, intro_to);
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
	}
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
	}
	free(r->steps);
	free(r->id);
	free(r->title);
	free(r->intro);
	free(r);
}

static long
routine_step_seconds(const struct routine_step *s)
{
	long one = s->repeat * s->seconds + (s->repeat - 1) * s->rest;

	return s->sides == 2 ? 2 * one : one;
}

long
routine_total_seconds(const struct routine *r)
{
	long total = 0;
	size_t i;

	for (i = 0; i < r->nsteps; i++)
		if (!r->steps[i].skipped)
			total += routine_step_seconds(&r->steps[i]);
	return total;
}

static void
routine_note(struct routine_step *s, int skip, int softened, const char *why)
{
	free(s->note);
	s->note = xstrdup(why);
	s->skipped |= skip;
	s->softened |= softened;
}

/* 1 when a pregnant person may take one of the step's positions. */
static int
routine_position_allowed(const struct routine_step *s)
{
	size_t i;

	for (i = 0; routine_positions[i] != NULL; i++)
		if (strncmp(routine_positions[i], "lying on the ", 13) != 0 &&
		    routine_list_has(s->position, routine_positions[i]))
			return 1;
	return 0;
}

/* Why the step must be left out under l (caller frees), or NULL. */
static char *
routine_skip_reason(const struct routine_step *s,
    const struct massage_limits *l)
{
	size_t k;

	for (k = 0; k < l->n_avoid; k++)
		if (routine_list_has(s->region, l->avoid_regions[k]))
			return xasprintf("Skipped: your safety check said to "
			    "leave out the %s.", l->avoid_regions[k]);
	if (l->pregnant && !routine_position_allowed(s))
		return xasprintf("Skipped: in pregnancy, steps done %s are "
		    "left out.", s->position);
	if (l->gentle && strcmp(s->stroke, "effleurage") != 0)
		return xasprintf("Skipped: your safety check said light "
		    "stroking (effleurage) only, and this step uses %s.",
		    s->stroke);
	if (l->no_percussion && (strcmp(s->stroke, "tapotement") == 0 ||
	    strcmp(s->stroke, "vibration") == 0))
		return xstrdup("Skipped: no tapping or vibration with thin "
		    "bones or blood thinners.");
	return NULL;
}

/* Lighter pressure or another position for a step that still runs. */
static void
routine_adapt(struct routine_step *s, const struct massage_limits *l)
{
	int lighter = strcmp(s->pressure, "light") != 0 && (l->gentle ||
	    (l->pregnant && routine_list_has(s->region, "legs")));

	if (lighter) {
		free(s->pressure);
		s->pressure = xstrdup("light");
		routine_note(s, 0, 1, l->gentle ? "Lighter: your safety check "
		    "said light stroking only, so keep the pressure light "
		    "here." : "Lighter: in pregnancy, no deep pressure on the "
		    "legs.");
	} else if (l->pregnant && (routine_list_has(s->position,
	    "lying on the back") || routine_list_has(s->position,
	    "lying on the front"))) {
		struct buf ok = BUF_INIT;
		size_t i;
		for (i = 0; routine_positions[i] != NULL; i++)
			if (strncmp(routine_positions[i], "lying on the ",
			    13) != 0 && routine_list_has(s->position,
			    routine_positions[i]))
				buf_printf(&ok, "%s%s", ok.len ? " or " : "",
				    routine_positions[i]);
		char *why = xasprintf("In pregnancy, do this step %s, not "
		    "lying on your back or front.", ok.data);
		routine_note(s, 0, 0, why);
		free(why);
		buf_free(&ok);
	}
}

void
routine_apply_limits(struct routine *r, const struct massage_limits *l)
{
	struct routine_step *s;
	size_t i;
	char *why;

	for (i = 0; i < r->nsteps; i++) {
		s = &r->steps[i];
		if ((why = routine_skip_reason(s, l)) != NULL) {
			routine_note(s, 1, 0, why);
			free(why);
		} else
			routine_adapt(s, l);
	}
}

/* ---- the timeline ----------------------------------------------------- */

static void
timeline_add(struct timeline *t, size_t *cap, struct segment seg)
{
	if (t->n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		t->seg = xreallocarray(t->seg, *cap, sizeof *t->seg);
	}
	t->seg[t->n++] = seg;
	t->total += seg.seconds;
}

void
timeline_build(const struct routine *r, struct timeline *t)
{
	const struct routine_step *s;
	size_t i, cap = 0;
	int side, rep, first, last;

	memset(t, 0, sizeof *t);
	for (i = 0; i < r->nsteps; i++) {
		s = &r->steps[i];
		if (s->skipped)
			continue;
		first = s->sides == 2 ? 1 : 0;
		last = s->sides == 2 ? 2 : 0;
		for (side = first; side <= last; side++) {
			for (rep = 1; rep <= s->repeat; rep++) {
				timeline_add(t, &cap, (struct segment){ i,
				    side, rep, s->repeat, 0, s->seconds });
				if (rep < s->repeat && s->rest > 0)
					timeline_add(t, &cap, (struct segment){
					    i, side, rep, s->repeat, 1,
					    s->rest });
			}
		}
	}
}

void
timeline_free(struct timeline *t)
{
	free(t->seg);
	memset(t, 0, sizeof *t);
}

long
timeline_elapsed_before(const struct timeline *t, size_t i)
{
	long s = 0;
	size_t k;

	for (k = 0; k < i && k < t->n; k++)
		s += t->seg[k].seconds;
	return s;
}

const char *
timeline_side_name(int side)
{
	return side == 1 ? "left" : side == 2 ? "right" : "";
}

/* ---- the timer -------------------------------------------------------- */

void
timer_start(struct timer *tm, const struct timeline *t, size_t seg,
    int64_t now)
{
	memset(tm, 0, sizeof *tm);
	tm->t = t;
	tm->seg = seg < t->n ? seg : t->n;
	tm->start_ms = now;
}

int
timer_finished(const struct timer *tm)
{
	return tm->seg >= tm->t->n;
}

int64_t
timer_done_ms(const struct timer *tm, int64_t now)
{
	int64_t at = tm->paused ? tm->paused_at : now;

	return at - tm->start_ms;
}

int64_t
timer_remaining_ms(const struct timer *tm, int64_t now)
{
	int64_t left;

	if (timer_finished(tm))
		return 0;
	left = tm->t->seg[tm->seg].seconds * 1000 + tm->extra_ms -
	    timer_done_ms(tm, now);
	return left > 0 ? left : 0;
}

enum timer_event
timer_tick(struct timer *tm, int64_t now)
{
	int64_t over;

	if (timer_finished(tm) || tm->paused ||
	    timer_remaining_ms(tm, now) > 0)
		return TIMER_NONE;
	/* The next segment starts when this one ended, not when we noticed. */
	over = timer_done_ms(tm, now) -
	    (tm->t->seg[tm->seg].seconds * 1000 + tm->extra_ms);
	tm->seg++;
	tm->start_ms = now - over;
	tm->extra_ms = 0;
	return timer_finished(tm) ? TIMER_FINISHED : TIMER_SEGMENT_DONE;
}

void
timer_pause(struct timer *tm, int64_t now)
{
	if (tm->paused || timer_finished(tm))
		return;
	tm->paused = 1;
	tm->paused_at = now;
}

void
timer_resume(struct timer *tm, int64_t now)
{
	if (!tm->paused)
		return;
	tm->start_ms += now - tm->paused_at;
	tm->paused = 0;
}

void
timer_suspended(struct timer *tm, int64_t ms)
{
	if (!tm->paused && ms > 0)
		tm->start_ms += ms;
}

void
timer_next(struct timer *tm, int64_t now)
{
	if (timer_finished(tm))
		return;
	tm->seg++;
	tm->start_ms = now;
	tm->extra_ms = 0;
	if (tm->paused)
		tm->paused_at = now;
}

void
timer_previous(struct timer *tm, int64_t now)
{
	if (tm->seg > 0)
		tm->seg--;
	tm->start_ms = now;
	tm->extra_ms = 0;
	if (tm->paused)
		tm->paused_at = now;
}

void
timer_adjust(struct timer *tm, int64_t now, int64_t delta_ms)
{
	int64_t left;

	if (timer_finished(tm))
		return;
	tm->extra_ms += delta_ms;
	left = tm->t->seg[tm->seg].seconds * 1000 + tm->extra_ms -
	    timer_done_ms(tm, now);
	if (left < 1000)
		tm->extra_ms += 1000 - left;
}

int64_t
timer_next_deadline(const struct timer *tm, int64_t now)
{
	int64_t left;

	if (timer_finished(tm) || tm->paused)
		return -1;
	left = timer_remaining_ms(tm, now);
	if (left == 0)
		return now;
	/* Wake when the shown whole second changes (or the segment ends). */
	return now + (left % 1000 == 0 ? 1000 : left % 1000);
}
