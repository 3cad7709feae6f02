/*
 * printout.c: the report and the handout, loaded, shaped and written to
 * their file (see printout.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "app.h"
#include "checkflow.h"
#include "clock.h"
#include "content.h"
#include "day.h"
#include "diag.h"
#include "lesson.h"
#include "outfile.h"
#include "plan.h"
#include "printout.h"
#include "session.h"
#include "store.h"
#include "util.h"

/* The first day with anything on record, or fallback when none. */
static int32_t
printout_first_day(const struct report_data *d, int32_t fallback)
{
	int32_t first = fallback, day;

	if (d->n_sessions > 0 &&
	    (day = day_of_time(d->sessions[0].started_at)) < first)
		first = day;
	if (d->n_checks > 0 && (day = day_of_time(d->checks[0].at)) < first)
		first = day;
	return first;
}

/*
 * Writes the report of d and s to path, then the extra part.  To
 * stdout (a pager, say) it goes to memory first: the file is let go
 * (*st becomes NULL) before the output waits on its reader, or another
 * copy's writes could not fold back meanwhile (attack17s F2).  Text and
 * Markdown are laid out there directly: a memory stream would copy
 * every byte again.  Returns 0 or -1 (*err set).
 */
static int
printout_report_out(struct app *app, const struct printout_report *o,
    struct store **st, const struct report_data *d,
    const struct report_summary *s, const char *path, char **err)
{
	struct outfile out;
	struct buf text = BUF_INIT;
	FILE *f, *mem = NULL;
	char *buf = NULL;
	size_t len = 0;
	int failed;

	if (outfile_open(&out, path, err) != 0)
		return -1;
	f = out.f;
	if (out.path == NULL && (mem = open_memstream(&buf, &len)) != NULL)
		f = mem;
	if (mem != NULL && o->fmt != REPORT_HTML) {
		report_write_text(&text, d, s, o->fmt, o->width);
		failed = 0;
	} else
		failed = report_write(f, d, s, o->fmt, o->width) != 0;
	if (!failed && o->extra != NULL && o->fmt != REPORT_HTML &&
	    o->extra(o->extra_ctx, f, *st, d, s) != 0) {
		failed = 1;
		*err = xstrdup(store_error(*st));
	}
	if (mem != NULL) {
		failed |= fclose(mem) != 0;
		store_export_end(*st);
		*st = NULL;
		app_store_done(app);
		/* A short write stays flagged on stdout for outfile_close()
		 * to tell. */
		if (!failed && text.len > 0)
			(void)fwrite(text.data, 1, text.len, stdout);
		if (!failed)
			(void)fwrite(buf, 1, len, stdout);
		free(buf);
	}
	buf_free(&text);
	if (outfile_close(&out, failed, err) != 0)
		return -1;
	if (failed && *err == NULL)
		*err = xstrdup("could not write the report");
	return failed ? -1 : 0;
}

int
printout_report(struct app *app, const struct printout_report *o,
    const char *path, char **err)
{
	struct report_data d;
	struct report_summary s;
	struct store *st;
	int32_t first;
	int failed;

	if ((st = app_store_read_quiet(app, err)) == NULL)
		return -1;
	/* One snapshot for every part, the extra ones included, so that a
	 * session recorded meanwhile is in all of them or in none. */
	if (store_export_begin(st) != 0) {
		*err = xstrdup(store_error(st));
		return -1;
	}
	if (store_report_load(st, o->has_since ? day_start_time(o->since) :
	    INT64_MIN, day_start_time(o->until + 1) - 1, o->until, &d) != 0) {
		*err = xstrdup(store_error(st));
		store_export_end(st);
		return -1;
	}
	d.n_lessons_total = lesson_course_count(app_content(app));
	first = o->has_since ? o->since : printout_first_day(&d, o->until);
	/* A report looks at its days as seen from their last. */
	day_zone_hold(1);
	report_summarise(&d, first, o->until, o->until, &s);
	failed = printout_report_out(app, o, &st, &d, &s, path, err) != 0;
	day_zone_hold(0);
	if (st != NULL)
		store_export_end(st);
	report_summary_free(&s);
	report_data_free(&d);
	return failed ? -1 : 0;
}

static int
printout_seen(const char **ids, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(ids[i], id) == 0)
			return 1;
	return 0;
}

/* The ids to print: those asked for, the plan's, or every routine.
 * Returns the count and fills *ids (caller frees the array only), or
 * (size_t)-1 with *err set. */
static size_t
printout_ids(struct app *app, const struct printout_handout *o,
    const struct plan *p, const char ***ids, char **err)
{
	struct content *c = app_content(app);
	size_t n, i;

	if (o->n_ids > 0) {
		/* A routine named twice is printed once. */
		*ids = xcalloc(o->n_ids, sizeof **ids);
		for (i = 0, n = 0; i < o->n_ids; i++)
			if (printout_seen(*ids, n, o->ids[i]) == 0)
				(*ids)[n++] = o->ids[i];
		return n;
	}
	if (p != NULL && p->n_routines > 0) {
		*ids = xcalloc(p->n_routines, sizeof **ids);
		for (i = 0; i < p->n_routines; i++)
			(*ids)[i] = p->routines[i].id;
		return p->n_routines;
	}
	if (o->plan_only) {
		*err = xstrdup("--plan: no homework plan with routines is in "
		    "force or to come (import one with 'backcare plan import', "
		    "or name the routines)");
		return (size_t)-1;
	}
	n = content_count(c, CONTENT_ROUTINE);
	*ids = xcalloc(n > 0 ? n : 1, sizeof **ids);
	for (i = 0; i < n; i++)
		(*ids)[i] = content_get(c, CONTENT_ROUTINE, i)->id;
	return n;
}

/* Loads and shapes each routine into r[0..n); returns -1 with *err on an
 * unknown or broken routine. */
static int
printout_routines(struct app *app, const char **ids, size_t n,
    const struct massage_limits *l, struct session *s, char **err)
{
	struct diag d = DIAG_INIT;
	size_t i;

	for (i = 0; i < n; i++) {
		if (session_load(&s[i], app, ids[i], &d) != 0) {
			if (d.items[0].line > 0)
				*err = xasprintf("%s:%d: %s", d.items[0].file,
				    d.items[0].line, d.items[0].msg);
			else
				*err = xasprintf("%s: %s", d.items[0].file,
				    d.items[0].msg);
			diag_free(&d);
			return -1;
		}
		session_shape(s[i].routine, l);
	}
	return 0;
}

/*
 * The plan for the sheet: the newest imported that has not ended, even
 * one that starts later (printed at the visit that set it); else the one
 * in force today.  Returns 0 (*plan may stay NULL), or -1 with *err.
 */
static int
printout_plan(struct store *st, int32_t today, struct plan **plan,
    char **err)
{
	int32_t from;
	int rc = store_plan_newest_start(st, today, &from);

	*plan = NULL;
	if (rc > 0 && from > today)
		rc = store_plan_in_force(st, from, plan);
	if (rc >= 0 && *plan == NULL)
		rc = store_plan_in_force(st, today, plan);
	if (rc < 0) {
		*err = xstrdup(store_error(st));
		return -1;
	}
	return 0;
}

int
printout_handout(struct app *app, const struct printout_handout *o,
    const char *path, char **err)
{
	struct handout_input in;
	struct gate_input gi;
	struct plan *plan = NULL;
	struct session *s = NULL;
	struct routine **r = NULL;
	struct outfile out;
	struct store *st;
	const char **ids = NULL;
	char *advice = NULL;
	enum verdict v;
	size_t n = 0, i;
	int rc = -1;

	memset(&in, 0, sizeof in);
	in.today = day_of_time(clock_wall_s());
	memset(&gi, 0, sizeof gi);
	if ((st = app_store_read_quiet(app, err)) == NULL) {
		if (!o->without_store)
			return -1;
		free(*err);
		*err = NULL;
		in.gate = GATE_NO_CHECK;
	} else if (printout_plan(st, in.today, &plan, err) != 0)
		return -1;
	if (st != NULL && checkflow_gate(app, &gi, &in.gate, err) != 0)
		goto done;
	n = printout_ids(app, o, plan, &ids, err);
	if (n == (size_t)-1) {
		n = 0;
		goto done;
	}
	s = xcalloc(n > 0 ? n : 1, sizeof *s);
	r = xcalloc(n > 0 ? n : 1, sizeof *r);
	if (printout_routines(app, ids, n, &gi.limits, s, err) != 0)
		goto done;
	for (i = 0; i < n; i++)
		r[i] = s[i].routine;
	in.routines = r;
	in.n_routines = n;
	in.plan = plan;
	in.limits = &gi.limits;
	in.number = app->emergency_number;
	if (safety_gate_by_verdict(in.gate))
		in.verdict_advice = advice = checkflow_verdict_headline(app,
		    &gi, &v);
	if (outfile_open(&out, path, err) != 0)
		goto done;
	rc = handout_write(out.f, &in, o->fmt, o->width);
	if (outfile_close(&out, rc != 0, err) != 0)
		rc = -1;
	else if (rc != 0)
		*err = xstrdup("could not write the handout");
done:
	for (i = 0; s != NULL && i < n; i++)
		session_free(&s[i]);
	free(s);
	free(r);
	free(ids);
	free(advice);
	plan_free(plan);
	return rc;
}

char *
printout_default_path(const struct app *app, const char *name)
{
	const char *slash = app->db_path != NULL ? strrchr(app->db_path, '/') :
	    NULL;
	char *dir, *path, cwd[4096];
	struct stat st;

	dir = slash == NULL ? xstrdup(".") : slash == app->db_path ?
	    xstrdup("/") : xstrndup(app->db_path,
	    (size_t)(slash - app->db_path));
	/* A folder it can write, or the current one, named in full: "."
	 * means nothing to someone who started backcare from a menu. */
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode) ||
	    access(dir, W_OK) != 0 || strcmp(dir, ".") == 0) {
		free(dir);
		dir = xstrdup(getcwd(cwd, sizeof cwd) != NULL ? cwd : ".");
	}
	path = xasprintf("%s/%s", strcmp(dir, "/") == 0 ? "" : dir, name);
	free(dir);
	return path;
}
