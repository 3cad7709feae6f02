/*
 * cmd_plan.c: "backcare plan import FILE" stores a homework plan written
 * by the therapist, after checking its form and its routine and lesson ids;
 * "backcare plan show" prints the plan in force today.  The rules of the
 * file live in plan.c, the rules of replacement in store.c.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app.h"
#include "clock.h"
#include "cmd.h"
#include "content.h"
#include "day.h"
#include "diag.h"
#include "layout.h"
#include "plan.h"
#include "session.h"
#include "store.h"
#include "store_movement.h"
#include "text.h"
#include "util.h"

/* Prints label and s made safe for the terminal, on one line. */
static void
cmd_plan_field(const char *label, const char *s)
{
	char *safe = text_for_terminal(s, strlen(s));

	printf("%s%s\n", label, safe);
	free(safe);
}

/* Reads path; NULL after printing why (a folder is not a plan). */
static char *
cmd_plan_read(const char *path, size_t *len)
{
	char *safe = text_for_terminal(path, strlen(path));
	struct stat sb;
	char *text = NULL, *why = NULL;

	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
		util_warn("%s: is a folder, not a plan file", safe);
	else if ((text = util_read_file_max(path, UTIL_LIMIT_SMALL, len,
	    &why)) == NULL)
		util_warn("%s: %s%s", safe, util_read_doing(why, "cannot read "
		    "the plan: "), why);
	free(why);
	free(safe);
	return text;
}

/*
 * NICE NG59 offers massage only with exercise (movement.md 3.6): a plan
 * of massage routines alone gets a note for the therapist.
 */
static void
cmd_plan_pairing(struct app *app, const struct plan *p)
{
	struct routine_entry *e;
	struct diag d = DIAG_INIT;
	size_t n = session_list(app, &e, &d), i, k;
	int massage = 0, exercise = 0;

	for (i = 0; i < p->n_routines; i++)
		for (k = 0; k < n; k++)
			if (strcmp(e[k].id, p->routines[i].id) == 0) {
				exercise |= e[k].exercise;
				massage |= !e[k].exercise;
			}
	if (massage && !exercise)
		printf("note: this plan has massage routines but no exercise "
		    "routine; NICE NG59 offers massage only as part of a "
		    "package with exercise (add walking-plan, for example)\n");
	session_list_free(e, n);
	diag_free(&d);
}

/* The plan's activities join the person's PSFS list (movement.md 6). */
static int
cmd_plan_activities(struct store *st, const struct plan *p)
{
	size_t i;

	if (p == NULL)
		return 0;
	for (i = 0; i < p->n_activities; i++)
		if (store_psfs_add(st, p->activities[i].text, "plan",
		    clock_wall_s()) != 0)
			return -1;
	if (p->n_activities > 0)
		printf("activities to rate: %zu (backcare function)\n",
		    p->n_activities);
	return 0;
}

static int
cmd_plan_import(struct app *app, const char *path)
{
	struct diag d = DIAG_INIT;
	struct store *st;
	struct plan *p;
	char *text, from[11], until[11];
	size_t len;
	int32_t today;

	if ((text = cmd_plan_read(path, &len)) == NULL)
		return CMD_FAIL;
	p = plan_parse(path, text, len, &d);
	free(text);
	if (p != NULL)
		plan_check_ids(p, app_content(app), path, &d);
	if (d.n > 0) {
		diag_print(&d, stderr);
		diag_free(&d);
		plan_free(p);
		util_warn("plan import: nothing was stored");
		return CMD_FAIL;
	}
	if ((st = app_store(app)) == NULL ||
	    store_plan_put(st, p, path, clock_wall_s()) < 0 ||
	    cmd_plan_activities(st, p) != 0) {
		if (st != NULL)
			util_warn("%s", store_error(st));
		plan_free(p);
		return CMD_FAIL;
	}
	day_format(p->from, from);
	day_format(p->until, until);
	cmd_plan_field("imported: ", p->title);
	printf("dates: %s to %s\n", from, until);
	today = day_of_time(clock_wall_s());
	if (today > p->until)
		printf("note: this plan ended on %s, so it is not in force\n",
		    until);
	else if (today < p->from)
		printf("note: this plan takes over on %s\n", from);
	cmd_plan_pairing(app, p);
	plan_free(p);
	return CMD_OK;
}

static void
cmd_plan_print(struct app *app, const struct plan *p)
{
	char from[11], until[11], *safe;
	size_t i;

	day_format(p->from, from);
	day_format(p->until, until);
	cmd_plan_field("plan: ", p->title);
	printf("from: %s\nuntil: %s\n", from, until);
	if (p->therapist != NULL)
		cmd_plan_field("therapist: ", p->therapist);
	printf("routines:%s\n", p->n_routines == 0 ? " none" : "");
	for (i = 0; i < p->n_routines; i++) {
		safe = text_for_terminal(p->routines[i].id,
		    strlen(p->routines[i].id));
		printf("  %s: %d per week\n", safe, p->routines[i].per_week);
		free(safe);
	}
	printf("lessons:%s\n", p->n_lessons == 0 ? " none" : "");
	for (i = 0; i < p->n_lessons; i++)
		cmd_plan_field("  ", p->lessons[i].id);
	if (p->n_clearances > 0)
		printf("clearances:\n");
	for (i = 0; i < p->n_clearances; i++) {
		char *line;
		day_format(p->clearances[i].until, until);
		line = xasprintf("%s, cleared by %s until %s%s",
		    p->clearances[i].id, p->clearances[i].by, until,
		    p->clearances[i].until < day_of_time(clock_wall_s()) ?
		    " (ended)" : "");
		cmd_plan_field("  ", line);
		free(line);
	}
	if (p->notes != NULL) {
		printf("notes:\n");
		if (cmd_print_markdown(app, p->notes, 2) != 0)
			util_warn("plan show: could not lay out the notes");
	}
}

static int
cmd_plan_show(struct app *app)
{
	struct store *st = app_store_read(app);
	struct plan *p;
	int rc;

	if (st == NULL)
		return CMD_FAIL;
	rc = store_plan_in_force(st, day_of_time(clock_wall_s()), &p);
	if (rc < 0) {
		util_warn("%s", store_error(st));
		return CMD_FAIL;
	}
	if (rc == 0) {
		printf("no plan in force today (import one with 'backcare "
		    "plan import FILE')\n");
		return CMD_OK;
	}
	cmd_plan_print(app, p);
	plan_free(p);
	return CMD_OK;
}

static int
cmd_plan_exec(struct app *app, int argc, char **argv)
{
	const char *sub;
	char *safe;
	int first, n, rc;

	first = cmd_parse_options(app, argc, argv, NULL, NULL, NULL);
	if (first < 0)
		return CMD_USAGE;
	n = argc - first;
	if (n == 0)
		return cmd_usage_error("plan", "give 'import FILE' or 'show'");
	sub = argv[first];
	if (strcmp(sub, "import") == 0 && n == 2)
		return cmd_plan_import(app, argv[first + 1]);
	if (strcmp(sub, "import") == 0)
		return cmd_usage_error("plan", "import takes one file");
	if (strcmp(sub, "show") == 0 && n == 1)
		return cmd_plan_show(app);
	if (strcmp(sub, "show") == 0)
		return cmd_usage_error("plan", "show takes no arguments");
	safe = text_for_terminal(sub, strlen(sub));
	rc = cmd_usage_error("plan", "unknown subcommand '%s' (import or "
	    "show)", safe);
	free(safe);
	return rc;
}

const struct cmd_entry cmd_plan_entry = {
	"plan", "import FILE|show",
	"store or show the therapist's homework plan", cmd_plan_exec
};
