/*
 * cmd_report.c: "backcare report", the therapist's report as plain text,
 * Markdown or a printable HTML page: the plan, sessions by week, pain
 * against the starting level, lessons, safety checks, notes and prompts
 * (report*.c write it, printout.c loads it and writes the file; this
 * file only picks the days, the format and where it goes).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "clock.h"
#include "cmd.h"
#include "day.h"
#include "printout.h"
#include "store.h"
#include "store_movement.h"
#include "outlook.h"
#include "psfs.h"
#include "report_movement.h"
#include "util.h"

enum { REPORT_OPT_SINCE = 1, REPORT_OPT_UNTIL, REPORT_OPT_FORMAT,
    REPORT_OPT_OUTPUT };

struct report_opts {
	int has_since, has_until;
	int32_t since, until;
	enum report_format fmt;
	const char *output;
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
		else if (strcmp(arg, "html") == 0)
			o->fmt = REPORT_HTML;
		else {
			cmd_usage_error("report", "unknown format '%s' for "
			    "--format (text, markdown or html)", arg);
			return -1;
		}
		return 0;
	case REPORT_OPT_OUTPUT:
		if (arg[0] == '\0') {
			cmd_usage_error("report", "--output needs a file name");
			return -1;
		}
		o->output = arg;
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

/* The movement part: exercise, pain monitoring, PSFS, single items. */
struct cmd_report_ctx {
	struct app *app;
	const struct report_opts *o;
};

static int
cmd_report_movement(void *ctx, FILE *f, struct store *st,
    const struct report_data *d, const struct report_summary *s)
{
	const struct cmd_report_ctx *c = ctx;
	const struct report_opts *o = c->o;
	struct movement_data md;
	struct psfs_history h;
	struct outlook_set *sets = NULL;
	struct report_movement m;
	size_t n = 0, i;
	int rc, massage = 0, exercise = 0;

	/* The report read the same days' sessions: count them there. */
	for (i = 0; i < d->n_sessions; i++) {
		massage += d->sessions[i].completed_kind == REPORT_KIND_MASSAGE;
		exercise += d->sessions[i].completed_kind ==
		    REPORT_KIND_EXERCISE;
	}
	if (store_movement_load_counted(st, o->has_since ?
	    day_start_time(o->since) : INT64_MIN,
	    day_start_time(o->until + 1) - 1, massage, exercise, &md) != 0)
		return -1;
	if (store_psfs_load(st, &h) != 0) {
		movement_data_free(&md);
		return -1;
	}
	if (store_outlook_load(st, &sets, &n) != 0) {
		psfs_history_free(&h);
		movement_data_free(&md);
		return -1;
	}
	m = (struct report_movement){ &md, &h, sets, n, d, s,
	    c->app->emergency_number };
	rc = report_movement_write(f, &m, o->fmt, app_plain_width(c->app));
	free(sets);
	psfs_history_free(&h);
	movement_data_free(&md);
	return rc;
}

static int
cmd_report_exec(struct app *app, int argc, char **argv)
{
	static const struct cmd_option opts[] = {
		{ "since", required_argument, REPORT_OPT_SINCE },
		{ "until", required_argument, REPORT_OPT_UNTIL },
		{ "format", required_argument, REPORT_OPT_FORMAT },
		{ "output", required_argument, REPORT_OPT_OUTPUT },
		{ NULL, 0, 0 }
	};
	struct report_opts o = { 0, 0, 0, 0, REPORT_TEXT, NULL };
	struct printout_report pr;
	struct cmd_report_ctx ctx;
	char a[11], b[11], *err = NULL;
	int32_t today = day_of_time(clock_wall_s());
	int first_arg;

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
	pr.has_since = o.has_since;
	pr.since = o.since;
	pr.until = o.until;
	pr.fmt = o.fmt;
	pr.width = app_plain_width(app);
	ctx.app = app;
	ctx.o = &o;
	pr.extra = cmd_report_movement;
	pr.extra_ctx = &ctx;
	if (printout_report(app, &pr, o.output, &err) != 0) {
		/* A write error on stdout stays flagged: main.c says it. */
		if (o.output != NULL || !ferror(stdout))
			util_warn("%s", err);
		free(err);
		return CMD_FAIL;
	}
	return CMD_OK;
}

const struct cmd_entry cmd_report_entry = {
	"report", "[--since DATE] [--until DATE] [--format FMT] [--output FILE]",
	"a report of sessions, pain and checks for the therapist (FMT: text, "
	"markdown or html)",
	cmd_report_exec
};
