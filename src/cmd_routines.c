/*
 * cmd_routines.c: "backcare routines", one routine a line: id, title and
 * total time in seconds and as m:ss, tab-separated.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cmd.h"
#include "diag.h"
#include "session.h"
#include "text.h"
#include "util.h"

static int
cmd_routines_exec(struct app *app, int argc, char **argv)
{
	struct routine_entry *e;
	struct diag d = DIAG_INIT;
	size_t n, i;
	int first;
	char when[16];
	char *title;

	first = cmd_parse_options(app, argc, argv, NULL, NULL, NULL);
	if (first < 0)
		return CMD_USAGE;
	if (first < argc)
		return cmd_usage_error("routines", "takes no arguments, not "
		    "'%s'", argv[first]);
	n = session_list(app, &e, &d);
	for (i = 0; i < n; i++) {
		util_format_clock(e[i].total, when, sizeof when);
		title = text_for_terminal(e[i].title, strlen(e[i].title));
		printf("%s\t%s\t%s", e[i].id, title, when);
		if (e[i].total == 0)
			printf("\tnothing runs for you now: your safety check "
			    "leaves out every step");
		else if (e[i].n_left_out > 0) {
			util_format_clock(e[i].planned, when, sizeof when);
			printf("\t%d step%s left out by your safety check (the "
			    "whole routine is %s)", e[i].n_left_out,
			    e[i].n_left_out == 1 ? "" : "s", when);
		}
		printf("\n");
		free(title);
	}
	/* Broken files are not offered; say why on stderr. */
	diag_print(&d, stderr);
	diag_free(&d);
	session_list_free(e, n);
	return CMD_OK;
}

const struct cmd_entry cmd_routines_entry = {
	"routines", "", "list the routines and how long each takes",
	cmd_routines_exec
};
