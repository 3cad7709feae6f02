/*
 * session.c: a routine run's loading, gating and records (session.h).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>

#include "app.h"
#include "checkflow.h"
#include "clock.h"
#include "content.h"
#include "day.h"
#include "diag.h"
#include "plan.h"
#include "painmon.h"
#include "report.h"
#include "routine_cache.h"
#include "session.h"
#include "store.h"
#include "store_movement.h"
#include "util.h"

/* The routine file's bytes, or NULL with the reason in d. */
static char *
session_read_item(const struct content_item *it, size_t *len,
    struct diag *d)
{
	char *text, *why;

	text = util_read_file_max(it->path, UTIL_LIMIT_SMALL, len, &why);
	if (text == NULL) {
		diag_add(d, it->path, 0, "%s%s", util_read_doing(why,
		    "cannot read the routine: "), why);
		free(why);
	}
	return text;
}

static struct routine *
session_parse_item(const struct content_item *it, struct diag *d)
{
	char *text;
	size_t len;
	struct routine *r;

	if ((text = session_read_item(it, &len, d)) == NULL)
		return NULL;
	r = routine_parse(it->id, it->path, text, len, d);
	free(text);
	return r;
}

/*
 * For the listings only: the routine from the cache when the file's
 * bytes are those cached, else parsed.  What parses goes into next, for
 * the cache written after the listing; *missed is set only when it was
 * stored, so a routine that does not parse (or is too big to keep) does
 * not make every listing write the cache again.
 */
static struct routine *
session_list_item(const struct content_item *it, const struct rcache *old,
    struct rcache *next, int *missed, struct diag *d)
{
	struct rcache_key k;
	struct routine *r = NULL;
	char *text;
	size_t len;

	if ((text = session_read_item(it, &len, d)) == NULL)
		return NULL;
	rcache_key_of(text, len, &k);
	if (old != NULL && (r = rcache_get(old, &k, it->id)) != NULL) {
		if (next != NULL)
			(void)rcache_keep(next, old, &k);
		free(text);
		return r;
	}
	r = routine_parse(it->id, it->path, text, len, d);
	if (r != NULL && next != NULL && rcache_put(next, &k, r) == 0)
		*missed = 1;
	free(text);
	return r;
}

int
session_load(struct session *s, struct app *app, const char *id,
    struct diag *d)
{
	const struct content_item *it;

	memset(s, 0, sizeof *s);
	s->app = app;
	s->pain_before = -1;
	it = content_find(app_content(app), CONTENT_ROUTINE, id);
	if (it == NULL) {
		diag_add(d, id, 0, "no such routine (see 'backcare "
		    "routines')");
		return -1;
	}
	s->routine = session_parse_item(it, d);
	return s->routine != NULL ? 0 : -1;
}

/* A routine that builds up week by week takes this week's times. */
static void
session_week(struct app *app, struct routine *r)
{
	struct store *st = app->store;
	int week = 1;

	if (st != NULL && store_routine_week(st, r->id, clock_wall_s(),
	    &week) != 0)
		week = 1;
	routine_set_week(r, week);
}

int
session_fail(struct session *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->error, sizeof s->error, fmt, ap);
	va_end(ap);
	if (s->id > 0)
		s->unsaved = 1;
	return -1;
}

struct store *
session_store(struct session *s)
{
	char *err = NULL;
	struct store *st = app_store_quiet(s->app, &err);

	if (st == NULL) {
		session_fail(s, "%s", err != NULL ? err : "the progress file "
		    "could not be opened");
		free(err);
	}
	return st;
}

int
session_gate(struct session *s)
{
	struct gate_input in;
	char *err = NULL;

	if (checkflow_gate(s->app, &in, &s->gate, &err) != 0) {
		session_fail(s, "%s", err);
		free(err);
		return -1;
	}
	s->limits = in.limits;
	session_week(s->app, s->routine);
	session_shape(s->routine, &s->limits);
	timeline_free(&s->tl);
	timeline_build(s->routine, &s->tl);
	return 0;
}

char *
session_gate_again(struct session *s)
{
	struct gate_input in;
	enum gate_state g;
	char *err = NULL;

	if (checkflow_gate(s->app, &in, &g, &err) != 0)
		return err != NULL ? err : xstrdup("the safety check could "
		    "not be read");
	if (!safety_gate_open(g))
		return xstrdup(safety_gate_reason(g));
	if (g == GATE_RECHECK && s->gate == GATE_OPEN)
		return xstrdup("Your safety check is now over an hour old: go "
		    "back and open the routine again to answer the emergency "
		    "questions first.");
	if (memcmp(&in.limits, &s->limits, sizeof in.limits) != 0)
		return xstrdup("Your safety check has changed since this "
		    "routine was opened: go back and open it again to see "
		    "what it leaves out now.");
	return NULL;
}

void
session_shape(struct routine *r, const struct massage_limits *l)
{
	routine_apply_limits(r, l);
}

/* 1 when the plan in force today asks for routine id. */
static int
session_in_plan(const struct plan *p, const char *id)
{
	return p != NULL && plan_target(p, id) > 0;
}

char *
session_suggest(struct app *app, const struct massage_limits *l,
    const char *except, int exercise, int plain)
{
	struct content *c = app_content(app);
	size_t n = content_count(c, CONTENT_ROUTINE), i;
	struct diag d = DIAG_INIT;
	struct plan *p = NULL;
	struct routine *r;
	char *found = NULL, total[16];
	long best = 0, t;
	int best_planned = 0, planned;
	struct store *st = app->store;

	/* The plan's routines first, then the one that keeps most time. */
	if (st != NULL && store_plan_in_force(st, day_of_time(clock_wall_s()),
	    &p) < 0)
		p = NULL;
	for (i = 0; i < n; i++) {
		const struct content_item *it = content_get(c, CONTENT_ROUTINE,
		    i);
		if (strcmp(it->id, except) == 0 ||
		    (r = session_parse_item(it, &d)) == NULL)
			continue;
		/* Massage is no alternative to exercise, nor the reverse. */
		if (r->exercise != exercise) {
			routine_free(r);
			continue;
		}
		routine_apply_limits(r, l);
		t = routine_total_seconds(r);
		planned = session_in_plan(p, r->id);
		if (t > 0 && (planned > best_planned || (planned ==
		    best_planned && t > best))) {
			best = t;
			best_planned = planned;
			free(found);
			util_format_clock(t, total, sizeof total);
			found = plain ? xasprintf("'%s' (backcare run %s), %s "
			    "for you", r->title, r->id, total) :
			    xasprintf("'%s', %s for you", r->title, total);
		}
		routine_free(r);
	}
	plan_free(p);
	diag_free(&d);
	return found;
}

char *
session_refusal(struct session *s, int plain)
{
	struct buf b = BUF_INIT;
	char *other;
	size_t i;

	if (routine_total_seconds(s->routine) > 0)
		return NULL;
	buf_printf(&b, "'%s' has nothing left to run for you: your safety "
	    "check leaves out every step", s->routine->title);
	if (plain)
		buf_adds(&b, " (see the reasons above).");
	else
		for (i = 0; i < s->routine->nsteps; i++)
			buf_printf(&b, "%s %s: %s", i == 0 ? ":" : ";",
			    s->routine->steps[i].title,
			    s->routine->steps[i].note != NULL ?
			    s->routine->steps[i].note : "left out");
	other = session_suggest(s->app, &s->limits, s->routine->id,
	    s->routine->exercise, plain);
	if (other != NULL)
		buf_printf(&b, "%sTry %s instead.", plain ? " " : ". ", other);
	else
		buf_printf(&b, "%sNo other routine runs for you either; ask your "
		    "therapist what is safe.", plain ? " " : ". ");
	free(other);
	return buf_detach(&b);
}

/* Notes which file the progress file is, as the session begins. */
static void
session_file_note(struct session *s)
{
	struct stat sb;

	if (s->app->db_path != NULL && stat(s->app->db_path, &sb) == 0) {
		s->db_ino = (int64_t)sb.st_ino;
		s->db_dev = (int64_t)sb.st_dev;
	}
}

/* 1 when the progress file was deleted or replaced since the session
 * began: SQLite goes on writing into the unlinked file without a word,
 * and everything the session stored is lost when backcare exits. */
static int
session_file_moved(const struct session *s)
{
	struct stat sb;

	if (s->app->db_path == NULL || (s->db_ino == 0 && s->db_dev == 0))
		return 0;
	return stat(s->app->db_path, &sb) != 0 ||
	    (int64_t)sb.st_ino != s->db_ino || (int64_t)sb.st_dev != s->db_dev;
}

int
session_begin(struct session *s, const char *mode, int64_t resume_id,
    int from)
{
	struct store *st = session_store(s);
	struct store_step row;
	size_t i;
	long pid;
	int rc;

	if (st == NULL)
		return -1;
	s->recorded_to = from;
	if (resume_id > 0) {
		/* One process runs a session at a time. */
		if ((rc = store_session_claim(st, resume_id, &pid)) != 0) {
			if (rc == 1)
				return session_fail(s, "%s",
				    session_live_message(resume_id, pid));
			return session_fail(s, "%s", store_error(st));
		}
		s->id = resume_id;
		/* P4: a session begun one level lower goes on so. */
		if (s->routine->exercise && store_session_lowered(st,
		    s->routine->id, s->id, &s->all_easier) != 0)
			return session_fail(s, "%s", store_error(st));
		session_file_note(s);
		return 0;
	}
	s->id = store_session_begin(st, s->routine->id, s->routine->title,
	    mode, s->tl.total, clock_wall_s());
	if (s->id < 0 || (s->routine->exercise &&
	    store_session_kind(st, s->id, "exercise") != 0)) {
		return session_fail(s, "%s", store_error(st));
	}
	/* Steps the safety check ruled out are on record as skipped. */
	for (i = 0; i < s->routine->nsteps; i++) {
		const struct routine_step *rs = &s->routine->steps[i];
		if (!rs->skipped)
			continue;
		memset(&row, 0, sizeof row);
		row.pos = -1;
		row.step_index = (int)i;
		row.title = rs->title;
		row.rep = 1;
		row.planned_s = rs->seconds;
		row.state = "skipped";
		row.note = rs->note;
		if (store_session_step(st, s->id, &row, clock_wall_s()) != 0) {
			return session_fail(s, "%s", store_error(st));
		}
	}
	session_file_note(s);
	return 0;
}

int
session_record(struct session *s, size_t i, long done_s, int skipped)
{
	struct store *st = session_store(s);
	const struct segment *seg = &s->tl.seg[i];
	const struct routine_step *rs = &s->routine->steps[seg->step];
	struct store_step row;

	if (st == NULL || s->id <= 0)
		return -1;
	if (seg->rest) {
		s->recorded_to = (int)i + 1;
		return 0;   /* rests are not steps */
	}
	memset(&row, 0, sizeof row);
	row.pos = (int)i;
	row.step_index = (int)seg->step;
	row.title = rs->title;
	row.side = seg->side ? timeline_side_name(seg->side) : NULL;
	row.rep = seg->rep;
	row.planned_s = seg->seconds;
	row.done_s = done_s;
	row.state = skipped ? "skipped" : rs->softened ? "softened" : "done";
	row.note = rs->note;
	if (store_session_step(st, s->id, &row, clock_wall_s()) != 0) {
		return session_fail(s, "%s", store_error(st));
	}
	s->recorded_to = (int)i + 1;
	return 0;
}

int
session_record_try(struct session *s, size_t i, long done_s, int skipped,
    int wait_ms)
{
	struct store *st = session_store(s);
	int unsaved = s->unsaved, rc, busy;
	char said[sizeof s->error];

	if (st == NULL)
		return -1;
	/* A lock is no failure: what was said before stays. */
	memcpy(said, s->error, sizeof said);
	store_busy_wait(st, wait_ms);
	rc = session_record(s, i, done_s, skipped);
	busy = rc != 0 && store_busy(st);
	store_busy_wait(st, -1);
	if (!busy)
		return rc;
	s->unsaved = unsaved;
	memcpy(s->error, said, sizeof said);
	return 1;
}

int
session_end(struct session *s, const char *state, const char *note)
{
	struct store *st = session_store(s);
	long done = 0;

	if (st == NULL || s->id <= 0)
		return -1;
	/* A run whose every step was skipped did nothing: it is not a
	 * completed session and does not count toward the plan. */
	if (strcmp(state, "completed") == 0 &&
	    store_session_done_seconds(st, s->id, &done) == 0 && done == 0)
		state = "partial";
	if (store_session_end(st, s->id, state, note, clock_wall_s()) != 0) {
		return session_fail(s, "%s", store_error(st));
	}
	if (session_file_moved(s))
		return session_fail(s, "%s: the progress file was deleted or "
		    "replaced during the session; this session is lost",
		    s->app->db_path);
	s->ended_state = state;
	return 0;
}

const char *
session_live_message(int64_t id, long pid)
{
	static char msg[200];

	snprintf(msg, sizeof msg, "session %lld is running in another copy "
	    "of backcare (process %ld); let it finish there, or stop it, "
	    "before resuming", (long long)id, pid);
	return msg;
}

void
session_free(struct session *s)
{
	routine_free(s->routine);
	timeline_free(&s->tl);
	memset(s, 0, sizeof *s);
}

/* Massage first, then exercise, each kind in content order. */
static void
session_list_by_kind(struct routine_entry *e, size_t n)
{
	struct routine_entry *sorted = xcalloc(n + 1, sizeof *sorted);
	size_t i, k = 0;
	int kind;

	for (kind = 0; kind <= 1; kind++)
		for (i = 0; i < n; i++)
			if (e[i].exercise == kind)
				sorted[k++] = e[i];
	memcpy(e, sorted, n * sizeof *e);
	free(sorted);
}

/* 1 when a routine builds up week by week (routine_set_week). */
static int
session_weekly(const struct routine *r)
{
	size_t i;

	for (i = 0; i < r->nsteps; i++)
		if (r->steps[i].weeks != NULL)
			return 1;
	return 0;
}

/*
 * Each routine that parses into rs (*k of them), through the cache: read
 * before, written after when anything was parsed or left behind (so it
 * holds only what the content has now).  No cache file, or one that
 * cannot be written, only means parsing.
 */
static void
session_list_parse(struct content *c, struct routine **rs, size_t *k,
    struct diag *d)
{
	size_t n = content_count(c, CONTENT_ROUTINE), i;
	char *path = rcache_file_path();
	struct rcache *old = NULL, *next = NULL;
	int missed = 0;

	/* No path when there is no home or no build ID to key by. */
	if (path != NULL) {
		old = rcache_file_read(path);
		next = rcache_new(rcache_version());
	}
	*k = 0;
	for (i = 0; i < n; i++)
		if ((rs[*k] = session_list_item(content_get(c, CONTENT_ROUTINE,
		    i), old, next, &missed, d)) != NULL)
			(*k)++;
	if (next != NULL && (missed || old == NULL ||
	    rcache_count(old) != rcache_count(next)))
		(void)rcache_file_write(path, next);
	rcache_free(old);
	rcache_free(next);
	free(path);
}

size_t
session_list(struct app *app, struct routine_entry **out, struct diag *d)
{
	struct content *c = app_content(app);
	size_t n = content_count(c, CONTENT_ROUTINE), i, k = 0, j;
	struct routine **rs = xcalloc(n + 1, sizeof *rs), *r;
	const char **ids = xcalloc(n + 1, sizeof *ids);
	int *weeks = xcalloc(n + 1, sizeof *weeks);
	int *weekly = xcalloc(n + 1, sizeof *weekly);
	size_t n_weekly = 0;
	struct gate_input in;
	enum gate_state g;
	char *err = NULL;

	/* The time shown is the time that will run for this person. */
	if (checkflow_gate(app, &in, &g, &err) != 0) {
		free(err);
		memset(&in, 0, sizeof in);
	}
	session_list_parse(c, rs, &k, d);
	/* Each weekly routine's week, in one pass over the progress file:
	 * the others have no week (routine_set_week leaves them as they
	 * are), so they cost no query. */
	for (i = 0; i < k; i++)
		weeks[i] = 1;
	for (i = 0; i < k; i++)
		if (session_weekly(rs[i]))
			ids[n_weekly++] = rs[i]->id;
	if (n_weekly > 0 && app->store != NULL && store_routine_weeks(
	    app->store, ids, n_weekly, clock_wall_s(), weekly) == 0)
		for (i = 0, j = 0; i < k; i++)
			if (session_weekly(rs[i]))
				weeks[i] = weekly[j++];
	*out = xcalloc(k + 1, sizeof **out);
	for (i = 0; i < k; i++) {
		r = rs[i];
		routine_set_week(r, weeks[i]);
		(*out)[i].planned = routine_total_seconds(r);
		session_shape(r, &in.limits);
		(*out)[i].id = xstrdup(r->id);
		(*out)[i].title = xstrdup(r->title);
		(*out)[i].total = routine_total_seconds(r);
		for (j = 0; j < r->nsteps; j++)
			(*out)[i].n_left_out += r->steps[j].skipped;
		(*out)[i].exercise = r->exercise;
		routine_free(r);
	}
	free(rs);
	free(ids);
	free(weeks);
	free(weekly);
	session_list_by_kind(*out, k);
	return k;
}

void
session_list_free(struct routine_entry *e, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(e[i].id);
		free(e[i].title);
	}
	free(e);
}

/* P7 (movement.md 4): weekly pain up 2 or more two weeks in a row. */
static int
session_weeks_rising(const struct report_summary *sum)
{
	double mean[16];
	int have[16];
	size_t i, n = 0;

	for (i = sum->n_weeks > 16 ? sum->n_weeks - 16 : 0;
	    i < sum->n_weeks; i++, n++) {
		mean[n] = sum->weeks[i].pain_before;
		have[n] = sum->weeks[i].n_before > 0;
	}
	return painmon_weekly_rising(mean, have, n);
}

const char *
session_prompt(struct session *s)
{
	struct store *st = s->app->store;
	struct report_data d;
	struct report_summary sum;
	int64_t now = clock_wall_s(), since = now - 84 * 86400;
	int32_t today = day_of_time(now);
	unsigned prompts = 0;
	int rising = 0;

	memset(&d, 0, sizeof d);
	/* Twelve weeks hold the last two rated sessions of anyone who
	 * comes back; a store error only loses the prompt. */
	if (st != NULL && store_report_load(st, since, now, today, &d) == 0) {
		report_summarise(&d, day_of_time(since), today, today, &sum);
		prompts = sum.prompts;
		rising = session_weeks_rising(&sum);
		report_summary_free(&sum);
	}
	report_data_free(&d);
	/* Exercise routines have their own lighter advice (P3-P5). */
	if ((prompts & REPORT_PROMPT_LIGHTER) && !s->routine->exercise)
		return report_prompt_text(REPORT_PROMPT_LIGHTER);
	return rising ? painmon_review_text : NULL;
}
