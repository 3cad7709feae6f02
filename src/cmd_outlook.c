/*
 * cmd_outlook.c: "backcare outlook", the yellow-flag items of movement.md
 * section 7 as plain text: eight questions answered 0-10 or skipped, from
 * an answers file (--answers FILE, - for stdin) or at plain prompts.  The
 * answers only suggest lessons (outlook.c decides which) and go to the
 * therapist's report; nothing is scored.
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
#include "outlook.h"
#include "store.h"
#include "store_movement.h"
#include "util.h"

enum { OUTLOOK_OPT_ANSWERS = 1 };

static int
cmd_outlook_option(void *ctx, int id, const char *arg)
{
	(void)id;
	*(const char **)ctx = arg;
	return 0;
}

/* Says which lessons the answers suggest, and the GP advice for mood. */
static void
cmd_outlook_suggest(struct app *app, const struct outlook_set *s)
{
	char *high, *some, *mood;

	outlook_suggest(s, &high, &some);
	if (high != NULL)
		printf("suggested lessons: %s (backcare show ID)\n", high);
	if (some != NULL)
		printf("might help: %s\n", some);
	if (high == NULL && some == NULL)
		printf("suggested lessons: none for now\n");
	if ((mood = outlook_mood_advice(s, app->emergency_number)) != NULL)
		printf("%s\n", mood);
	free(high);
	free(some);
	free(mood);
}

static int
cmd_outlook_save(struct app *app, struct store *st, struct outlook_set *s)
{
	s->at = clock_wall_s();
	if (store_outlook_record(st, s) < 0) {
		util_warn("%s", store_error(st));
		return CMD_FAIL;
	}
	printf("saved: your answers go into your therapist's report\n");
	cmd_outlook_suggest(app, s);
	return CMD_OK;
}

static int
cmd_outlook_answers(struct app *app, struct store *st, const char *file)
{
	const char *name;
	struct outlook_set s;
	struct diag d = DIAG_INIT;
	char *text;
	size_t len;
	int rc;

	if ((text = cmd_read_answers(file, &name, &len)) == NULL)
		return CMD_USAGE;
	rc = outlook_answers_parse(name, text, len, &s, &d);
	free(text);
	if (rc != 0) {
		diag_print(&d, stderr);
		diag_free(&d);
		return CMD_USAGE;
	}
	/* The progress file is opened only for a good file. */
	if (st == NULL && (st = app_store(app)) == NULL)
		return CMD_FAIL;
	return cmd_outlook_save(app, st, &s);
}

/* One item at a prompt: 0-10, or Enter to skip; -2 at end of input. */
static int
cmd_outlook_ask(int i)
{
	const struct outlook_item *it = &outlook_items[i];
	char line[64];
	long v;

	printf("%d of %d. %s\n", i + 1, OUTLOOK_N, it->question);
	for (;;) {
		printf("  0 = %s, 10 = %s (Enter to skip): ", it->low,
		    it->high);
		fflush(stdout);
		if (fgets(line, sizeof line, stdin) == NULL) {
			printf("\n");
			return -2;
		}
		if (*util_trim(line) == '\0')
			return -1;
		if (util_parse_long(util_trim(line), 0, 10, &v) == 0)
			return (int)v;
		printf("Please give a number from 0 to 10.\n");
	}
}

static int
cmd_outlook_prompt(struct app *app, struct store *st)
{
	struct outlook_set s;
	int i, v, any = 0;

	memset(&s, 0, sizeof s);
	printf("%s\n", outlook_intro);
	for (i = 0; i < OUTLOOK_N; i++) {
		v = cmd_outlook_ask(i);
		if (v == -2) {
			util_warn("the questions were not finished, so nothing "
			    "was saved");
			return CMD_FAIL;
		}
		s.v[i] = v;
		any |= v >= 0;
	}
	if (!any) {
		printf("every question was skipped: nothing to save\n");
		return CMD_OK;
	}
	return cmd_outlook_save(app, st, &s);
}

static int
cmd_outlook_exec(struct app *app, int argc, char **argv)
{
	static const struct cmd_option opts[] = {
		{ "answers", required_argument, OUTLOOK_OPT_ANSWERS },
		{ NULL, 0, 0 }
	};
	const char *answers = NULL;
	struct store *st;
	int first;

	first = cmd_parse_options(app, argc, argv, opts, cmd_outlook_option,
	    &answers);
	if (first < 0)
		return CMD_USAGE;
	if (first < argc)
		return cmd_usage_error("outlook", "unexpected argument '%s'",
		    argv[first]);
	if (answers != NULL)
		return cmd_outlook_answers(app, NULL, answers);
	if ((st = app_store(app)) == NULL)
		return CMD_FAIL;
	return cmd_outlook_prompt(app, st);
}

const struct cmd_entry cmd_outlook_entry = {
	"outlook", "[--answers FILE]",
	"questions on how your back affects you, to suggest lessons",
	cmd_outlook_exec
};
