/*
 * cmd_screen.c: "backcare screen", the safety check without the screen:
 * from an answers file (--answers FILE, - for stdin), as plain prompts on
 * a terminal, or --status to say whether routines are open.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "catalogue.h"
#include "checkflow.h"
#include "clearance.h"
#include "day.h"
#include "clock.h"
#include "cmd.h"
#include "recheck.h"
#include "safety.h"
#include "screener.h"
#include "store.h"
#include "text.h"
#include "util.h"

enum { SCREEN_OPT_ANSWERS = 1, SCREEN_OPT_STATUS };

struct screen_opts {
	const char *answers;
	int status;
};

static int
cmd_screen_option(void *ctx, int id, const char *arg)
{
	struct screen_opts *o = ctx;

	if (id == SCREEN_OPT_ANSWERS)
		o->answers = arg;
	else
		o->status = 1;
	return 0;
}

/*
 * Decides the check, prints the verdict and all its advice, and only then
 * saves it and says whether the routines open (or that it was not saved:
 * red-flags.md section 6 item 3).  Returns CMD_OK or CMD_FAIL.
 */
static int
cmd_screen_finish(struct app *app, const struct catalogue *cat,
    const struct screener_answers *ans, const unsigned char *asked,
    const char *source)
{
	struct check_outcome o;
	size_t shown;
	int rc;

	checkflow_decide(app, cat, ans, 0, &o);
	printf("verdict: %s\n", verdict_name(o.result.verdict));
	checkflow_print(&o.advice, 0, stdout);
	fflush(stdout);
	shown = o.advice.n;
	rc = checkflow_save(app, &o, asked, source);
	checkflow_print(&o.advice, shown, stdout);
	if (rc != 0)
		util_warn("the safety check was not saved: %s", o.error);
	checkflow_free(&o);
	return rc == 0 ? CMD_OK : CMD_FAIL;
}

static int
cmd_screen_answers(struct app *app, const char *file)
{
	struct screener_answers ans;
	struct catalogue *cat;
	char err[512];
	unsigned char asked[SCREENER_MAX_ITEMS];
	struct diag d = DIAG_INIT;
	const char *name = strcmp(file, "-") == 0 ? "stdin" : file;
	char *text, *why, *safe;
	size_t len;
	int rc;

	text = util_read_file_max(file, UTIL_LIMIT_SMALL, &len, &why);
	if (text == NULL) {
		safe = text_for_terminal(name, strlen(name));
		util_warn("%s: %s%s", safe, util_read_doing(why, "cannot read "
		    "the answers file: "), why);
		free(safe);
		free(why);
		return CMD_USAGE;
	}
	/* Nothing that is not UTF-8 goes into the progress file. */
	rc = diag_check_utf8(&d, name, text, len) != 0 ? -1 :
	    screener_parse_answers(name, text, len, &ans, &d);
	free(text);
	if (rc != 0) {
		diag_print(&d, stderr);
		diag_free(&d);
		return CMD_USAGE;
	}
	/* Items not listed count as no, and are stored as answered no. */
	memset(asked, 1, sizeof asked);
	cat = recheck_load_catalogue(app, err, sizeof err);
	rc = cmd_screen_finish(app, cat, &ans, asked, "answers");
	catalogue_free(cat);
	return rc;
}

/* Prompts wrap at the plain width (--width, or the terminal's). */
static int cmd_screen_width = 80;

/* Reads a whole number within [min, max] at a prompt; -1 at end. */
static int
cmd_screen_ask_number(const char *prompt, long min, long max, long *out)
{
	char line[64];

	for (;;) {
		cmd_print_wrapped(stdout, cmd_screen_width, 0, prompt, 1);
		if (fgets(line, sizeof line, stdin) == NULL)
			return -1;
		if (util_parse_long(util_trim(line), min, max, out) == 0)
			return 0;
		printf("Please give a whole number from %ld to %ld.\n", min,
		    max);
	}
}

static int
cmd_screen_ask_region(int item, struct screener_answers *ans)
{
	char line[256], *ask = xasprintf("   Which area should be left out? "
	    "(%s; several with commas)", screener_region_list());

	for (;;) {
		cmd_print_wrapped(stdout, cmd_screen_width, 3, ask, 1);
		if (fgets(line, sizeof line, stdin) == NULL) {
			free(ask);
			return -1;
		}
		char bad[64];
		if (screener_regions_check(util_trim(line), bad,
		    sizeof bad) == 0) {
			snprintf(ans->region[item], sizeof ans->region[item],
			    "%s", util_trim(line));
			free(ask);
			return 0;
		}
		char *safe = text_for_terminal(bad, strlen(bad));
		printf("'%s' is not one of the areas listed; please name one "
		    "or more of them.\n", safe);
		free(safe);
	}
}

/* Input ended: answers that already call for care are shown, unsaved. */
static void
cmd_screen_left_early(struct app *app, const struct catalogue *cat,
    const struct screener_answers *ans, int any)
{
	struct check_outcome o;

	if (!any || ans->age < 0 || ans->weeks < 0 ||
	    !checkflow_left_early(app, cat, ans, 0, &o))
		return;
	printf("verdict: %s\n", verdict_name(o.result.verdict));
	checkflow_print(&o.advice, 0, stdout);
	checkflow_free(&o);
}

/* The whole check as numbered prompts, for screen readers. */
static int
cmd_screen_prompts(struct app *app)
{
	struct catalogue *cat;
	struct screener_answers ans;
	unsigned char asked[SCREENER_MAX_ITEMS] = { 0 };
	long v;
	int item = -1, a, rc, n = 0;
	char why[512];

	if (!isatty(STDIN_FILENO))
		return cmd_usage_error("screen", "needs --answers FILE when "
		    "its input is not a terminal");
	if ((cat = recheck_load_catalogue(app, why, sizeof why)) == NULL) {
		util_warn("%s", why);
		return CMD_FAIL;
	}
	screener_answers_init(&ans);
	checkflow_mark_clearances(app, &ans);
	cmd_screen_width = app_plain_width(app);
	/* The same letters as the screen: u for not sure (? works too). */
	cmd_print_wrapped(stdout, cmd_screen_width, 0, "Safety check. Answer "
	    "each question with yes, no or not sure (y, n, u). Nothing is "
	    "stored until the end.", 0);
	if (cmd_screen_ask_number("How old are you, in years?", 0, 120, &v))
		goto eof;
	ans.age = (int)v;
	if (cmd_screen_ask_number("How many weeks has this episode of back "
	    "pain lasted?", 0, 520, &v))
		goto eof;
	ans.weeks = (int)v;
	while ((item = screener_next_item(&ans, item)) >= 0) {
		do {
			char *q = xasprintf("%d. %s [y/n/u]", ++n,
			    cat->e[item].question);

			cmd_print_wrapped(stdout, cmd_screen_width, 3, q, 1);
			free(q);
			rc = recheck_read_answer(stdin, &a);
			if (rc == 1) {
				printf("Please answer y, n or u.\n");
				n--;
			}
		} while (rc == 1);
		if (rc < 0)
			goto eof;
		ans.a[item] = (enum answer)a;
		asked[item] = 1;
		if (a != ANSWER_NO &&
		    (screener_items[item].actions & ACTION_AVOID_AREA) &&
		    screener_items[item].region == NULL &&
		    cmd_screen_ask_region(item, &ans) != 0)
			goto eof;
	}
	rc = cmd_screen_finish(app, cat, &ans, asked, "prompt");
	catalogue_free(cat);
	return rc;
eof:
	printf("\n");
	cmd_screen_left_early(app, cat, &ans, n > 0);
	catalogue_free(cat);
	util_warn("the safety check was not finished, so nothing was stored");
	return CMD_FAIL;
}

/* The clearances the last full check used, with their dates, as the
 * gate read them. */
static void
cmd_screen_status_clearances(const struct gate_clearances *cl)
{
	int32_t today = day_of_time(clock_wall_s());
	char until[11];
	size_t i;

	for (i = 0; i < cl->n_used; i++) {
		const struct clearance *c = &cl->used[i];
		char *by = text_for_terminal(c->by, strlen(c->by));

		day_format(c->until, until);
		printf("clearance: %s, cleared by %s until %s%s\n", c->id,
		    by, until, c->until < today ? " (ended)" :
		    clearance_find(cl->now, cl->n_now, c->id, today) == NULL ?
		    " (no longer in the plan in force)" : "");
		free(by);
	}
}

static int
cmd_screen_status(struct app *app)
{
	struct gate_clearances cl;
	struct gate_input in;
	enum gate_state g;
	char *err = NULL;

	if (checkflow_gate_with(app, &in, &g, &cl, &err) != 0) {
		util_warn("%s", err);
		free(err);
		return CMD_FAIL;
	}
	printf("routines: %s\n", safety_gate_open(g) ? "open" : "locked");
	printf("reason: %s\n", safety_gate_reason(g));
	if (in.have_full)
		printf("last check: %s\n", verdict_name(in.last_any_verdict));
	cmd_screen_status_clearances(&cl);
	checkflow_gate_clearances_free(&cl);
	return CMD_OK;
}

static int
cmd_screen_exec(struct app *app, int argc, char **argv)
{
	static const struct cmd_option opts[] = {
		{ "answers", required_argument, SCREEN_OPT_ANSWERS },
		{ "status", no_argument, SCREEN_OPT_STATUS },
		{ NULL, 0, 0 }
	};
	struct screen_opts o = { NULL, 0 };
	int first;

	first = cmd_parse_options(app, argc, argv, opts, cmd_screen_option,
	    &o);
	if (first < 0)
		return CMD_USAGE;
	if (first < argc)
		return cmd_usage_error("screen", "unexpected argument '%s'",
		    argv[first]);
	if (o.status && o.answers != NULL)
		return cmd_usage_error("screen", "--status and --answers go "
		    "separately");
	if (o.status)
		return cmd_screen_status(app);
	if (o.answers != NULL)
		return cmd_screen_answers(app, o.answers);
	return cmd_screen_prompts(app);
}

const struct cmd_entry cmd_screen_entry = {
	"screen", "[--answers FILE|--status]",
	"the safety check as text, or from a file",
	cmd_screen_exec
};
