/*
 * cmd_handout.c: "backcare handout", the homework sheet for the patient:
 * each routine step by step, what the safety check changes, the signs to
 * stop for with the emergency number, and the plan's weekly tick boxes
 * (handout.c writes it, printout.c loads and shapes the routines; this
 * file only reads the options).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cmd.h"
#include "printout.h"
#include "util.h"

enum { HANDOUT_OPT_PLAN = 1, HANDOUT_OPT_FORMAT, HANDOUT_OPT_OUTPUT };

struct handout_opts {
	struct printout_handout p;
	const char *output;
	int format_given;
};

static int
cmd_handout_option(void *ctx, int id, const char *arg)
{
	struct handout_opts *o = ctx;

	switch (id) {
	case HANDOUT_OPT_PLAN:
		o->p.plan_only = 1;
		return 0;
	case HANDOUT_OPT_FORMAT:
		o->format_given = 1;
		if (strcmp(arg, "html") == 0)
			o->p.fmt = HANDOUT_HTML;
		else if (strcmp(arg, "markdown") == 0)
			o->p.fmt = HANDOUT_MARKDOWN;
		else if (strcmp(arg, "text") == 0)
			o->p.fmt = HANDOUT_TEXT;
		else {
			cmd_usage_error("handout", "unknown format '%s' for "
			    "--format (html, markdown or text)", arg);
			return -1;
		}
		return 0;
	case HANDOUT_OPT_OUTPUT:
		if (arg[0] == '\0') {
			cmd_usage_error("handout", "--output needs a file "
			    "name");
			return -1;
		}
		o->output = arg;
		return 0;
	}
	return -1;
}

static int
cmd_handout_exec(struct app *app, int argc, char **argv)
{
	static const struct cmd_option opts[] = {
		{ "plan", no_argument, HANDOUT_OPT_PLAN },
		{ "format", required_argument, HANDOUT_OPT_FORMAT },
		{ "output", required_argument, HANDOUT_OPT_OUTPUT },
		{ NULL, 0, 0 }
	};
	struct handout_opts o;
	char *err = NULL;
	int first;

	memset(&o, 0, sizeof o);
	o.p.fmt = HANDOUT_TEXT;
	first = cmd_parse_options(app, argc, argv, opts, cmd_handout_option,
	    &o);
	if (first < 0)
		return CMD_USAGE;
	if (o.p.plan_only && first < argc)
		return cmd_usage_error("handout", "--plan or routines, not "
		    "both ('%s')", argv[first]);
	/* A file is for printing: HTML unless asked otherwise. */
	if (!o.format_given && o.output != NULL)
		o.p.fmt = HANDOUT_HTML;
	o.p.ids = argv + first;
	o.p.n_ids = (size_t)(argc - first);
	o.p.width = app_plain_width(app);
	if (printout_handout(app, &o.p, o.output, &err) != 0) {
		if (o.output != NULL || !ferror(stdout))
			util_warn("%s", err);
		free(err);
		return CMD_FAIL;
	}
	return CMD_OK;
}

const struct cmd_entry cmd_handout_entry = {
	"handout", "[ROUTINE...|--plan] [--format html|markdown|text] "
	"[--output FILE]",
	"the homework sheet to print: routines, limits, warning signs",
	cmd_handout_exec
};
