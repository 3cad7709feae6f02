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

/* Prints the verdict, the rules, the massage actions and the advice. */
static void
cmd_screen_print(struct app *app, const struct screener_result *r)
{
	size_t i;
	const struct screener_action *a;

	printf("verdict: %s\n", verdict_name(r->verdict));
	for (i = 0; i < r->n_hits; i++)
		printf("rule: %s %s\n", r->hits[i].rule, r->hits[i].items);
	for (i = 0; i < r->n_actions; i++) {
		a = &r->actions[i];
		printf("massage: %s %s%s%s\n", screener_action_name(a->action),
		    screener_items[a->item].id, a->region[0] ? " " : "",
		    a->region);
	}
	printf("advice: ");
	printf(screener_advice(r->verdict), app->emergency_number);
	printf("\n");
	for (i = 0; i < r->n_actions; i++)
		printf("caution: %s\n",
		    screener_items[r->actions[i].item].caution);
	if (r->verdict == VERDICT_NONE)
		printf("safety net: %s\n", screener_safety_net);
}

static int
cmd_screen_store(struct app *app, const char *source,
    const struct screener_answers *ans, const unsigned char *asked,
    const struct screener_result *res)
{
	struct store *st = app_store(app);

	if (st == NULL)
		return CMD_FAIL;
	if (store_check_record(st, clock_wall_s(), "full", source, ans, asked,
	    res) < 0) {
		util_warn("%s", store_error(st));
		return CMD_FAIL;
	}
	return CMD_OK;
}

static int
cmd_screen_answers(struct app *app, const char *file)
{
	struct screener_answers ans;
	struct screener_result res;
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
	screener_evaluate(&ans, &res);
	if ((rc = cmd_screen_store(app, "answers", &ans, asked, &res)) != 0)
		return rc;
	cmd_screen_print(app, &res);
	return CMD_OK;
}

/* Reads a whole number within [min, max] at a prompt; -1 at end. */
static int
cmd_screen_ask_number(const char *prompt, long min, long max, long *out)
{
	char line[64];

	for (;;) {
		printf("%s ", prompt);
		fflush(stdout);
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
	char line[256];

	for (;;) {
		printf("   Which area should be left out? (lower back, upper "
		    "back, glutes, hips, abdomen, legs, neck, shoulders; "
		    "several with commas) ");
		fflush(stdout);
		if (fgets(line, sizeof line, stdin) == NULL)
			return -1;
		char bad[64];
		if (screener_regions_check(util_trim(line), bad,
		    sizeof bad) == 0) {
			snprintf(ans->region[item], sizeof ans->region[item],
			    "%s", util_trim(line));
			return 0;
		}
		char *safe = text_for_terminal(bad, strlen(bad));
		printf("'%s' is not one of the areas listed; please name one "
		    "or more of them.\n", safe);
		free(safe);
	}
}

/* The whole check as numbered prompts, for screen readers. */
static int
cmd_screen_prompts(struct app *app)
{
	struct catalogue *cat;
	struct screener_answers ans;
	struct screener_result res;
	unsigned char asked[SCREENER_MAX_ITEMS] = { 0 };
	long v;
	int item = -1, a, rc, n = 0;

	if (!isatty(STDIN_FILENO))
		return cmd_usage_error("screen", "needs --answers FILE when "
		    "its input is not a terminal");
	if ((cat = recheck_catalogue(app)) == NULL)
		return CMD_FAIL;
	screener_answers_init(&ans);
	printf("Safety check. Answer each question with yes, no or not sure "
	    "(y, n, ?). Nothing is stored until the end.\n");
	if (cmd_screen_ask_number("How old are you, in years?", 0, 120, &v))
		goto eof;
	ans.age = (int)v;
	if (cmd_screen_ask_number("How many weeks has this episode of back "
	    "pain lasted?", 0, 520, &v))
		goto eof;
	ans.weeks = (int)v;
	while ((item = screener_next_item(&ans, item)) >= 0) {
		do {
			printf("%d. %s [y/n/?] ", ++n, cat->e[item].question);
			fflush(stdout);
			rc = recheck_read_answer(stdin, &a);
			if (rc == 1) {
				printf("Please answer y, n or ?.\n");
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
	catalogue_free(cat);
	screener_evaluate(&ans, &res);
	if ((rc = cmd_screen_store(app, "prompt", &ans, asked, &res)) != 0)
		return rc;
	cmd_screen_print(app, &res);
	return CMD_OK;
eof:
	catalogue_free(cat);
	printf("\n");
	util_warn("the safety check was not finished, so nothing was stored");
	return CMD_FAIL;
}

static int
cmd_screen_status(struct app *app)
{
	struct store *st = app_store_read(app);
	struct gate_input in;
	enum gate_state g;

	if (st == NULL)
		return CMD_FAIL;
	if (store_gate_input(st, &in) != 0) {
		util_warn("%s", store_error(st));
		return CMD_FAIL;
	}
	g = safety_gate(&in, clock_wall_s());
	printf("routines: %s\n", g == GATE_OPEN || g == GATE_RECHECK ?
	    "open" : "locked");
	printf("reason: %s\n", safety_gate_reason(g));
	if (in.have_full)
		printf("last check: %s\n", verdict_name(in.last_full_verdict));
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
	"the safety check as plain text, or from an answers file",
	cmd_screen_exec
};
