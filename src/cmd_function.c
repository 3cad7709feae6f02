/*
 * cmd_function.c: "backcare function", the Patient-Specific Functional
 * Scale of movement.md section 6 as plain text: the person names everyday
 * activities their back makes hard and rates them 0-10, weekly, from an
 * answers file (--answers FILE, - for stdin) or at plain prompts;
 * --list shows the activities and the trend.  psfs.c decides; this file
 * asks and shows.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "clock.h"
#include "cmd.h"
#include "day.h"
#include "diag.h"
#include "psfs.h"
#include "store.h"
#include "store_movement.h"
#include "text.h"
#include "util.h"

enum { FUNCTION_OPT_ANSWERS = 1, FUNCTION_OPT_LIST };

struct function_opts {
	const char *answers;
	int list;
};

static int
cmd_function_option(void *ctx, int id, const char *arg)
{
	struct function_opts *o = ctx;

	if (id == FUNCTION_OPT_ANSWERS)
		o->answers = arg;
	else
		o->list = 1;
	return 0;
}

static void
cmd_function_say(const char *label, const char *text)
{
	char *safe = text_for_terminal(text, strlen(text));

	printf("%s%s\n", label, safe);
	free(safe);
}

/* The activities, their first and latest ratings, and the trend. */
static void
cmd_function_show(const struct psfs_history *h, int64_t now)
{
	const struct psfs_set *base = h->n_sets ? &h->sets[0] : NULL;
	const struct psfs_set *last = h->n_sets ? &h->sets[h->n_sets - 1] :
	    NULL;
	struct psfs_trend t;
	char day[11];
	size_t i;
	int a, b;

	for (i = 0; i < h->n_acts; i++) {
		a = base ? psfs_set_score(base, h->acts[i].id) : -1;
		b = last ? psfs_set_score(last, h->acts[i].id) : -1;
		printf("activity: ");
		cmd_function_say("", h->acts[i].text);
		if (a >= 0)
			printf("  first %d", a);
		if (b >= 0)
			printf("  latest %d", b);
		printf("%s\n", h->acts[i].retired_at ? "  (retired)" : "");
	}
	psfs_trend(h, &t);
	if (t.have) {
		printf("mean: %.1f at first, %.1f now (%+.1f): %s\n",
		    t.baseline, t.latest, t.change, psfs_label_text(t.label));
		if (t.have_four)
			printf("four weeks before the latest: %.1f\n",
			    t.four_weeks_ago);
		printf("note: %s\n", psfs_footnote);
	}
	if (psfs_due(h, now) || last == NULL)
		printf("next rating: due now\n");
	else {
		day_format(day_of_time(last->at + PSFS_DUE_S), day);
		printf("next rating: due on %s\n", day);
	}
}

/* Refuses a second rating within 7 days (movement.md 6: weekly). */
static int
cmd_function_not_due(const struct psfs_history *h, int64_t now)
{
	char day[11];

	if (psfs_due(h, now))
		return 0;
	day_format(day_of_time(h->sets[h->n_sets - 1].at + PSFS_DUE_S), day);
	util_warn("you rated your activities less than a week ago; the next "
	    "rating is due on %s", day);
	return 1;
}

static int
cmd_function_store(struct store *st, const struct psfs_answers *a,
    int64_t now)
{
	struct psfs_history h;

	if (store_psfs_record(st, a, now) != 0 ||
	    store_psfs_load(st, &h) != 0) {
		util_warn("%s", store_error(st));
		return CMD_FAIL;
	}
	printf("saved: %zu rating%s\n", a->n, a->n == 1 ? "" : "s");
	cmd_function_show(&h, now);
	psfs_history_free(&h);
	return CMD_OK;
}

static int
cmd_function_answers(struct app *app, const struct psfs_history *h,
    const char *file, int64_t now)
{
	struct store *st;
	const char *name;
	struct psfs_answers a;
	struct diag d = DIAG_INIT;
	char *text;
	size_t len;
	int rc;

	if ((text = cmd_read_answers(file, &name, &len)) == NULL)
		return CMD_USAGE;
	rc = psfs_answers_parse(name, text, len, h, &a, &d);
	free(text);
	if (rc != 0) {
		diag_print(&d, stderr);
		diag_free(&d);
		return CMD_USAGE;
	}
	if (cmd_function_not_due(h, now)) {
		psfs_answers_free(&a);
		return CMD_FAIL;
	}
	/* Opened for writing only once the file is good. */
	if ((st = app_store(app)) == NULL) {
		psfs_answers_free(&a);
		return CMD_FAIL;
	}
	rc = cmd_function_store(st, &a, now);
	psfs_answers_free(&a);
	return rc;
}

/* A line from stdin, trimmed (caller frees); NULL at end of input. */
static char *
cmd_function_read(const char *prompt)
{
	char line[256];

	printf("%s", prompt);
	fflush(stdout);
	if (fgets(line, sizeof line, stdin) == NULL) {
		printf("\n");
		return NULL;
	}
	return xstrdup(util_trim(line));
}

/* Asks a rating 0-10 for text into a; 0 done, -1 at end of input. */
static int
cmd_function_ask_one(struct psfs_answers *a, const char *text, int line)
{
	char *in, *prompt = xasprintf("  %s (0-10, Enter to skip): ", text);
	long v;

	for (;;) {
		if ((in = cmd_function_read(prompt)) == NULL) {
			free(prompt);
			return -1;
		}
		if (*in == '\0' || util_parse_long(in, 0, 10, &v) == 0)
			break;
		printf("Please give a number from 0 (can't do it) to 10 (as "
		    "well as before).\n");
		free(in);
	}
	if (*in != '\0') {
		a->a = xgrow(a->a, a->n, sizeof *a->a);
		a->a[a->n++] = (struct psfs_answer){ xstrdup(text), (int)v, 0,
		    line };
	}
	free(in);
	free(prompt);
	return 0;
}

/* The plain prompts: the activities there are, then new ones. */
static int
cmd_function_prompt(struct store *st, const struct psfs_history *h,
    int64_t now)
{
	struct psfs_answers a = { NULL, 0 };
	size_t i, active = psfs_active_count(h);
	char *name;
	const char *why;
	int rc = 0;

	if (cmd_function_not_due(h, now))
		return CMD_FAIL;
	printf("%s\n", psfs_question);
	for (i = 0; i < h->n_acts && rc == 0; i++)
		if (h->acts[i].retired_at == 0)
			rc = cmd_function_ask_one(&a, h->acts[i].text, 0);
	while (rc == 0 && active < PSFS_MAX_ACTIVE) {
		name = cmd_function_read(active == 0 ? "An activity: " :
		    "Another activity (Enter when done): ");
		if (name == NULL || *name == '\0') {
			free(name);
			break;
		}
		if ((why = psfs_text_problem(name)) != NULL ||
		    psfs_find(h, name) != NULL)
			printf("%s\n", why != NULL ? why : "That one is on "
			    "the list already.");
		else if ((rc = cmd_function_ask_one(&a, name, 0)) == 0)
			active++;
		free(name);
	}
	if (a.n == 0) {
		util_warn("nothing was rated, so nothing was saved");
		return CMD_FAIL;
	}
	rc = cmd_function_store(st, &a, now);
	psfs_answers_free(&a);
	return rc;
}

static int
cmd_function_exec(struct app *app, int argc, char **argv)
{
	static const struct cmd_option opts[] = {
		{ "answers", required_argument, FUNCTION_OPT_ANSWERS },
		{ "list", no_argument, FUNCTION_OPT_LIST },
		{ NULL, 0, 0 }
	};
	struct function_opts o = { NULL, 0 };
	struct psfs_history h;
	struct store *st;
	int64_t now = clock_wall_s();
	int first, rc;

	first = cmd_parse_options(app, argc, argv, opts, cmd_function_option,
	    &o);
	if (first < 0)
		return CMD_USAGE;
	if (first < argc)
		return cmd_usage_error("function", "unexpected argument '%s'",
		    argv[first]);
	if (o.list && o.answers != NULL)
		return cmd_usage_error("function", "--list and --answers do "
		    "not go together");
	/* --list only reads, and --answers reads until its file is good:
	 * neither creates a progress file for nothing. */
	if ((st = o.list || o.answers != NULL ? app_store_read(app) :
	    app_store(app)) == NULL)
		return CMD_FAIL;
	if (store_psfs_load(st, &h) != 0) {
		util_warn("%s", store_error(st));
		return CMD_FAIL;
	}
	/* Read: the file is let go while the answers are typed or the
	 * list is printed (app_store_done(); a writer reopens it). */
	app_store_done(app);
	if (o.list) {
		cmd_function_show(&h, now);
		rc = CMD_OK;
	} else if (o.answers != NULL)
		rc = cmd_function_answers(app, &h, o.answers, now);
	else
		rc = cmd_function_prompt(st, &h, now);
	psfs_history_free(&h);
	return rc;
}

const struct cmd_entry cmd_function_entry = {
	"function", "[--answers FILE | --list]",
	"rate the everyday activities your back makes hard (weekly)",
	cmd_function_exec
};
