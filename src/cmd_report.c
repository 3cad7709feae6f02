/*
 * cmd_report.c: "backcare report", the therapist's report as plain text
 * or Markdown: the plan, sessions by week, pain against the starting
 * level, lessons, safety checks, notes and prompts (report.c writes it;
 * this file only picks the days and the format).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "app.h"
#include "clock.h"
#include "cmd.h"
#include "lesson.h"
#include "content.h"
#include "day.h"
#include "report.h"
#include "store.h"
#include "store_movement.h"
#include "outlook.h"
#include "psfs.h"
#include "report_movement.h"
#include "util.h"

enum { REPORT_OPT_SINCE = 1, REPORT_OPT_UNTIL, REPORT_OPT_FORMAT };

struct report_opts {
	int has_since, has_until;
	int32_t since, until;
	enum report_format fmt;
};

static int
cmd_report_option(void *ctx, int id, const char *arg)
{
	struct report_opts *o = ctx;
	const char *name = id == REPORT_OPT_SINCE ? "--since" : "--until";

	switch (id) {
	case REPORT_OPT_FORMAT:
		if (strcmp(arg, "text") == 0)
			o->fmt = REPORT_TEXT;
		else if (strcmp(arg, "markdown") == 0)
			o->fmt = REPORT_MARKDOWN;
		else {
			cmd_usage_error("report", "unknown format '%s' for "
			    "--format (text or markdown)", arg);
			return -1;
		}
		return 0;
	case REPORT_OPT_SINCE:
	case REPORT_OPT_UNTIL:
		if (day_parse(arg, id == REPORT_OPT_SINCE ? &o->since :
		    &o->until) != 0) {
			cmd_usage_error("report", "%s '%s' is not a date "
			    "(YYYY-MM-DD)", name, arg);
			return -1;
		}
		if (id == REPORT_OPT_SINCE)
			o->has_since = 1;
		else
			o->has_until = 1;
		return 0;
	}
	return -1;
}

/* The first day with anything on record, or fallback when none. */
static int32_t
cmd_report_first_day(const struct report_data *d, int32_t fallback)
{
	int32_t first = fallback, day;

	if (d->n_sessions > 0 &&
	    (day = day_of_time(d->sessions[0].started_at)) < first)
		first = day;
	if (d->n_checks > 0 && (day = day_of_time(d->checks[0].at)) < first)
		first = day;
	return first;
}

/* The movement part: exercise, pain monitoring, PSFS, single items. */
static int
cmd_report_movement(struct app *app, struct store *st,
    const struct report_data *d, const struct report_summary *s,
    const struct report_opts *o)
{
	struct movement_data md;
	struct psfs_history h;
	struct outlook_set *sets = NULL;
	struct report_movement m;
	size_t n = 0;
	int rc;

	if (store_movement_load(st, o->has_since ? day_start_time(o->since) :
	    INT64_MIN, day_start_time(o->until + 1) - 1, &md) != 0)
		goto fail;
	if (store_psfs_load(st, &h) != 0) {
		movement_data_free(&md);
		goto fail;
	}
	if (store_outlook_load(st, &sets, &n) != 0) {
		psfs_history_free(&h);
		movement_data_free(&md);
		goto fail;
	}
	m = (struct report_movement){ &md, &h, sets, n, d, s,
	    app->emergency_number };
	rc = report_movement_write(stdout, &m, o->fmt, app_plain_width(app));
	free(sets);
	psfs_history_free(&h);
	movement_data_free(&md);
	return rc;
fail:
	util_warn("%s", store_error(st));
	return -1;
}

static int
cmd_report_exec(struct app *app, int argc, char **argv)
{
	static const struct cmd_option opts[] = {
		{ "since", required_argument, REPORT_OPT_SINCE },
		{ "until", required_argument, REPORT_OPT_UNTIL },
		{ "format", required_argument, REPORT_OPT_FORMAT },
		{ NULL, 0, 0 }
	};
	struct report_opts o = { 0, 0, 0, 0, REPORT_TEXT };
	struct report_data d;
	struct report_summary s;
	struct store *st;
	char a[11], b[11];
	int32_t today = day_of_time(clock_wall_s()), first;
	int first_arg, rc;

	first_arg = cmd_parse_options(app, argc, argv, opts, cmd_report_option,
	    &o);
	if (first_arg < 0)
		return CMD_USAGE;
	if (first_arg < argc)
		return cmd_usage_error("report", "unexpected argument '%s'",
		    argv[first_arg]);
	if (!o.has_until)
		o.until = today;
	if (o.has_since && o.since > o.until) {
		day_format(o.since, a);
		day_format(o.until, b);
		return cmd_usage_error("report", "--since %s is after %s%s", a,
		    o.has_until ? "--until " : "today, ", b);
	}
	if ((st = app_store(app)) == NULL)
		return CMD_FAIL;
	if (store_report_load(st, o.has_since ? day_start_time(o.since) :
	    INT64_MIN, day_start_time(o.until + 1) - 1, o.until, &d) != 0) {
		util_warn("%s", store_error(st));
		return CMD_FAIL;
	}
	d.n_lessons_total = lesson_course_count(app_content(app));
	first = o.has_since ? o.since : cmd_report_first_day(&d, o.until);
	/* A report looks at its days as seen from their last. */
	report_summarise(&d, first, o.until, o.until, &s);
	rc = report_write(stdout, &d, &s, o.fmt, app_plain_width(app));
	if (rc == 0)
		rc = cmd_report_movement(app, st, &d, &s, &o);
	report_summary_free(&s);
	report_data_free(&d);
	/* A write error stays flagged on stdout: main.c says it, once. */
	return rc != 0 ? CMD_FAIL : CMD_OK;
}

const struct cmd_entry cmd_report_entry = {
	"report", "[--since DATE] [--until DATE] [--format text|markdown]",
	"a report of sessions, pain and checks for the therapist",
	cmd_report_exec
};
