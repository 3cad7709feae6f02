/*
 * cmd_today.c: "backcare today", one line for a shell's start-up file or
 * a cron job: what the plan asks for today and this week, and "safety
 * check due" when the routines are locked; nothing when all is done.
 * The words are report.c's (report_today_text()); the gate is the
 * safety check's own (checkflow_gate()).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "checkflow.h"
#include "clock.h"
#include "cmd.h"
#include "day.h"
#include "diag.h"
#include "report.h"
#include "session.h"
#include "store.h"
#include "text.h"
#include "util.h"

/* The routine's title, or its id when it cannot be read (caller frees). */
static char *
cmd_today_title(struct app *app, const char *id)
{
	struct session s;
	struct diag d = DIAG_INIT;
	char *title;

	if (session_load(&s, app, id, &d) == 0)
		title = xstrdup(s.routine->title);
	else
		title = xstrdup(id);
	session_free(&s);
	diag_free(&d);
	return title;
}

static int
cmd_today_exec(struct app *app, int argc, char **argv)
{
	struct report_data d;
	struct report_summary s;
	struct store *st;
	enum gate_state g;
	int64_t now = clock_wall_s();
	int32_t today = day_of_time(now), monday = day_week_start(today);
	char **titles, *line, *safe, *err = NULL;
	size_t i;
	int first;

	first = cmd_parse_options(app, argc, argv, NULL, NULL, NULL);
	if (first < 0)
		return CMD_USAGE;
	if (first < argc)
		return cmd_usage_error("today", "takes no arguments, not "
		    "'%s'", argv[first]);
	if ((st = app_store(app)) == NULL)
		return CMD_FAIL;
	if (checkflow_gate(app, NULL, &g, &err) != 0) {
		util_warn("%s", err);
		free(err);
		return CMD_FAIL;
	}
	if (store_report_load(st, day_start_time(monday), now, today, &d) != 0) {
		util_warn("%s", store_error(st));
		return CMD_FAIL;
	}
	report_summarise(&d, monday, today, today, &s);
	titles = xcalloc(s.n_homework + 1, sizeof *titles);
	for (i = 0; i < s.n_homework; i++)
		titles[i] = cmd_today_title(app, s.homework[i].routine_id);
	line = report_today_text(&s, (const char *const *)titles,
	    !safety_gate_open(g));
	if (line != NULL) {
		safe = text_for_terminal(line, strlen(line));
		printf("backcare: %s\n", safe);
		free(safe);
	}
	free(line);
	report_strings_free(titles, s.n_homework);
	report_summary_free(&s);
	report_data_free(&d);
	return CMD_OK;
}

const struct cmd_entry cmd_today_entry = {
	"today", "", "one line: what the plan asks for today and this week",
	cmd_today_exec
};
