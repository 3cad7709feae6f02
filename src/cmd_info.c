/*
 * cmd_info.c: "backcare info", where backcare keeps things and what it
 * found there.  It opens (and so checks) the progress file.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>

#include "app.h"
#include "cmd.h"
#include "content.h"
#include "lesson.h"
#include "store.h"

static int
cmd_info_exec(struct app *app, int argc, char **argv)
{
	struct content *c;
	struct store *st;
	size_t i;
	int first;

	first = cmd_parse_options(app, argc, argv, NULL, NULL, NULL);
	if (first < 0)
		return CMD_USAGE;
	if (first < argc)
		return cmd_usage_error("info", "takes no arguments, not '%s'",
		    argv[first]);
	c = app_content(app);
	printf("version\t%s\n", PACKAGE_VERSION);
	printf("progress file\t%s\n", app->db_path ? app->db_path : "(none)");
	printf("built-in content\t%s\n", app->builtin_content);
	for (i = 0; i < app->n_content_dirs; i++)
		printf("content dir\t%s\n", app->content_dirs[i]);
	/* The course, as the lesson list counts it: not the glossary. */
	printf("lessons\t%zu\n", lesson_course_count(c));
	printf("routines\t%zu\n", content_count(c, CONTENT_ROUTINE));
	printf("emergency number\t%s\n", app->emergency_number);
	st = app_store(app);
	if (st == NULL)
		return CMD_FAIL;
	printf("schema\t%d\n", store_schema_version(st));
	return CMD_OK;
}

const struct cmd_entry cmd_info_entry = {
	"info", "", "where backcare keeps progress and content",
	cmd_info_exec
};
