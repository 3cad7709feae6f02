/*
 * cmd_today.c: "backcare today", one line for a shell's start-up file or
 * a cron job: what the plan asks for today and this week, and "safety
 * check due" when the check is missing or too old; nothing when all is
 * done.  When what a check found locks the routines, only that: the
 * check's own advice, never a routine to do (red-flags.md section 6).
 * The words are report.c's (report_today_text()); the gate is the
 * safety check's own (checkflow_gate()).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/*
 * Why what the last check found locks the routines, in its own words, on
 * one line: "last safety check: EMERGENCY: go to the emergency department
 * or call 112 now", or the lock's reason ("routines locked: the massage
 * checks said no massage for now. ...").  Caller frees.
 */
static char *
cmd_today_locked(struct app *app, const struct gate_input *in,
    enum gate_state g)
{
	enum verdict v;
	char *head = checkflow_verdict_headline(app, in, &v), *line, *dot;
	const char *why = safety_gate_reason(g), *rest;

	if (g == GATE_FLAGGED && head != NULL) {
		/* Its first sentence: what to do and how fast. */
		if ((dot = strstr(head, ". ")) != NULL)
			*dot = '\0';
		else if ((dot = strrchr(head, '.')) != NULL && dot[1] == '\0')
			*dot = '\0';
		if (head[0] >= 'A' && head[0] <= 'Z')
			head[0] = (char)(head[0] - 'A' + 'a');
		line = xasprintf("last safety check: %s: %s", verdict_name(v),
		    head);
	} else {
		rest = strncmp(why, "Routines are locked: ", 21) == 0 ?
		    why + 21 : why;
		line = xasprintf("routines locked: %s", rest);
	}
	free(head);
	return line;
}

/* Prints "backcare: line" made safe for a terminal. */
static void
cmd_today_print(const char *line)
{
	char *safe = text_for_terminal(line, strlen(line));

	printf("backcare: %s\n", safe);
	free(safe);
}

static int
cmd_today_exec(struct app *app, int argc, char **argv)
{
	struct report_data d;
	struct report_summary s;
	struct store *st;
	struct gate_input gi;
	enum gate_state g;
	int64_t now = clock_wall_s();
	int32_t today = day_of_time(now), monday = day_week_start(today);
	char **titles, *line, *err = NULL;
	size_t i;
	int first;

	first = cmd_parse_options(app, argc, argv, NULL, NULL, NULL);
	if (first < 0)
		return CMD_USAGE;
	if (first < argc)
		return cmd_usage_error("today", "takes no arguments, not "
		    "'%s'", argv[first]);
	/* A reminder in a start-up file creates nothing: without a
	 * progress file there is no plan, and no check either. */
	if (app->db_path != NULL && access(app->db_path, F_OK) != 0 &&
	    errno == ENOENT) {
		cmd_today_print("safety check due");
		return CMD_OK;
	}
	if ((st = app_store_read(app)) == NULL)
		return CMD_FAIL;
	if (checkflow_gate(app, &gi, &g, &err) != 0) {
		util_warn("%s", err);
		free(err);
		return CMD_FAIL;
	}
	if (safety_gate_by_verdict(g)) {
		line = cmd_today_locked(app, &gi, g);
		cmd_today_print(line);
		free(line);
		return CMD_OK;
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
	if (line != NULL)
		cmd_today_print(line);
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
