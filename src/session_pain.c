/*
 * session_pain.c: the pain rules of movement.md section 4 for a routine
 * run (session.h), shared by the routine screen and run --plain: they ask,
 * this file decides, stores and words.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "clock.h"
#include "painmon.h"
#include "session.h"
#include "store.h"
#include "store_movement.h"
#include "util.h"

static void
session_advise(struct session_advice *a, const char *line)
{
	if (a->n < sizeof a->line / sizeof a->line[0])
		a->line[a->n++] = line;
}

/* Stores event for routine (NULL: the session's own). */
static int
session_event_for(struct session *s, const char *routine, const char *event)
{
	struct store *st = session_store(s);

	if (st == NULL || store_pain_event(st, s->id, routine != NULL ?
	    routine : s->routine->id, event, clock_wall_s()) != 0) {
		if (st != NULL)
			session_fail(s, "%s", store_error(st));
		return -1;
	}
	return 0;
}

static int
session_event(struct session *s, const char *event)
{
	return session_event_for(s, NULL, event);
}

/* Flare mode (2.3): well above the median before-pain of 7 days. */
static int
session_flare(struct session *s, struct store *st, int pain)
{
	int *recent = NULL, flare;
	size_t n = 0;

	if (store_pain_before_since(st, clock_wall_s() - 7 * 86400, &recent,
	    &n) != 0)
		return -1;
	flare = painmon_flare(pain, recent, n);
	free(recent);
	return flare;
}

/*
 * P5, after a P3 (raised) or a P4 (did not settle) event was stored: two
 * of them for this routine within 14 days suggest a lighter routine.
 */
static int
session_lighter(struct session *s, struct store *st, const char *routine,
    struct session_advice *a)
{
	int count = 0;

	if (s->lighter)
		return 0;       /* once a session is enough */
	if (store_pain_events_since(st, routine, clock_wall_s() -
	    PAINMON_P5_DAYS * 86400, &count) != 0)
		return session_fail(s, "%s", store_error(st));
	if (!painmon_lighter(count))
		return 0;
	s->lighter = 1;
	session_advise(a, painmon_lighter_text);
	return session_event_for(s, routine, "lighter routine") != 0 ? -1 : 0;
}

/*
 * P4 at the first use 12 to 36 hours after a session (the first session
 * started since, of any routine): pain still 2 or more above that
 * session's pain before.  Its routine runs one level lower: this session
 * when it is the same routine, else its next one (store_lower_pending).
 */
static int
session_not_settled(struct session *s, struct store *st, int pain,
    struct session_advice *a)
{
	int64_t ended = 0;
	int before = -1, exercise = 0, rc, pending = 0, same;
	char *last = NULL;

	rc = store_last_session(st, s->id, &ended, &before, &last, &exercise);
	if (rc < 0)
		return session_fail(s, "%s", store_error(st));
	if (rc == 1 && exercise && painmon_not_settled(ended, before,
	    clock_wall_s(), pain)) {
		same = strcmp(last, s->routine->id) == 0;
		session_advise(a, same ? painmon_not_settled_text :
		    painmon_not_settled_other_text);
		a->lower |= same;
		rc = session_event_for(s, last, "did not settle") != 0 ||
		    session_lighter(s, st, last, a) != 0 ? -1 : 0;
		free(last);
		if (rc != 0 || same)
			return rc;
	} else
		free(last);
	if (store_lower_pending(st, s->routine->id, s->id, &pending) != 0)
		return session_fail(s, "%s", store_error(st));
	if (pending) {
		session_advise(a, painmon_lower_text);
		a->lower = 1;
	}
	return 0;
}

int
session_pain_before(struct session *s, int pain, int says_flare,
    struct session_advice *a)
{
	struct store *st = session_store(s);
	int flare;

	memset(a, 0, sizeof *a);
	s->pain_before = pain;
	if (st == NULL)
		return -1;
	/* The flare test reads earlier sessions: before this one is rated. */
	flare = 0;
	if (s->routine->exercise && strcmp(s->routine->id,
	    "flare-up-day") != 0 && (flare = session_flare(s, st, pain)) >= 0)
		flare |= says_flare;
	if (pain >= 0 && store_session_pain(st, s->id, 0, pain) != 0) {
		return session_fail(s, "%s", store_error(st));
	}
	if (flare < 0)
		return session_fail(s, "%s", store_error(st));
	/* P4 looks at the first use after an exercise session, whichever
	 * routine that is (a massage one too): else it is never found. */
	if (session_not_settled(s, st, pain, a) != 0)
		return -1;
	if (!s->routine->exercise)
		return 0;
	/* One level lower: each step runs at its easier level (P1 then
	 * skips a step that is too much, as for an easier level taken). */
	s->all_easier = a->lower;
	if (flare) {
		session_advise(a, painmon_flare_text);
		if (session_event(s, "flare") != 0)
			return -1;
	}
	return 0;
}

int
session_new_symptoms(struct session *s, struct session_advice *a)
{
	/* P2 holds at any time: stop and ask the E1 questions now. */
	session_advise(a, painmon_new_symptoms_text);
	return session_event(s, "new symptoms");
}

int
session_asks_step_pain(const struct session *s, size_t i)
{
	const struct segment *seg = &s->tl.seg[i];

	/* The end of each exercise step, and the halfway cue of a walk. */
	return (seg->last_work || seg->half == 1) &&
	    routine_step_is_exercise(&s->routine->steps[seg->step]);
}

int
session_step_pain(struct session *s, size_t step, int pain, int spreading,
    int new_symptoms, int *recheck, struct session_advice *a)
{
	struct store *st = session_store(s);
	enum painmon_step p = painmon_classify(pain, spreading);
	static const char *const outcome[] = { "carry on", "some pain",
	    "stopped" };
	int easier, rc;
	char *title;

	memset(a, 0, sizeof *a);
	*recheck = 0;
	/* The clinical decision is taken from what was typed: a rating or
	 * an event that cannot be saved only sets a->unsaved (s->error). */
	if (new_symptoms) {
		*recheck = 1;
		a->unsaved = session_new_symptoms(s, a) != 0;
		return 1;
	}
	easier = s->easier_step == step + 1 || (s->all_easier &&
	    s->routine->steps[step].easier != NULL);
	s->easier_step = 0;
	/* The report names a rating of the easier level as such. */
	title = easier ? xasprintf("%s (easier version)",
	    s->routine->steps[step].title) : NULL;
	rc = st == NULL ? -1 : store_step_pain(st, s->id, (int)step,
	    title != NULL ? title : s->routine->steps[step].title, pain,
	    spreading, outcome[p], clock_wall_s());
	free(title);
	if (rc != 0) {
		a->unsaved = 1;
		if (st != NULL)
			session_fail(s, "%s", store_error(st));
	}
	if (easier && p == PAINMON_STOP) {
		/* P1: the easier level was too much as well: skip the step
		 * today.  The step counted as stopped once already. */
		session_advise(a, painmon_skipped_text);
		return 0;
	}
	session_advise(a, painmon_step_text(p));
	if (p != PAINMON_STOP)
		return 0;
	if (++s->stopped < PAINMON_STOPS_TO_END) {
		/* P1: offer its easier level now (when it has one). */
		if (!easier)
			a->easier = s->routine->steps[step].easier;
		return 0;
	}
	session_advise(a, painmon_end_text);
	a->unsaved |= session_event(s, "ended early") != 0;
	return 1;
}

size_t
session_try_easier(struct session *s, size_t step)
{
	size_t i;

	s->easier_step = step + 1;
	for (i = 0; i < s->tl.n; i++)
		if (s->tl.seg[i].step == step)
			return i;
	return s->tl.n;
}

size_t
session_step_end(const struct session *s, size_t i, size_t step)
{
	while (i < s->tl.n && s->tl.seg[i].step == step &&
	    s->tl.seg[i].rest != SEG_AFTER)
		i++;
	return i;
}

/* P6: two good sessions in a row offer the harder versions. */
static int
session_ready(struct session *s, struct store *st, struct session_advice *a)
{
	int ready = 0;

	if (store_routine_ready(st, s->routine->id, s->id, &ready) != 0) {
		return session_fail(s, "%s", store_error(st));
	}
	if (!ready)
		return 0;
	session_advise(a, painmon_ready_text);
	a->ready = 1;
	return session_event(s, "ready for more");
}

int
session_pain_after(struct session *s, int pain, struct session_advice *a)
{
	struct store *st = session_store(s);

	memset(a, 0, sizeof *a);
	if (st == NULL)
		return -1;
	if (store_session_pain(st, s->id, 1, pain) != 0) {
		return session_fail(s, "%s", store_error(st));
	}
	if (!s->routine->exercise)
		return 0;
	if (!painmon_raised(s->pain_before, pain))
		return session_ready(s, st, a);
	session_advise(a, painmon_raised_text);
	if (session_event(s, "raised") != 0)
		return -1;
	return session_lighter(s, st, s->routine->id, a);
}
