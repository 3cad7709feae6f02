/*
 * cmd_info.c: "backcare info", where backcare keeps things and what it
 * found there.  It reads the progress file without writing to it (and
 * creates nothing when there is none yet), and checks all of it with
 * PRAGMA integrity_check.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "cmd.h"
#include "content.h"
#include "lesson.h"
#include "routine_cache.h"
#include "store.h"
#include "util.h"

static int
cmd_info_exec(struct app *app, int argc, char **argv)
{
	struct content *c;
	struct store *st;
	size_t i;
	int first, rc;
	char *found = NULL, *cache;

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
	cache = rcache_file_path();
	printf("routine cache\t%s\n", cache != NULL ? cache : "(none)");
	free(cache);
	printf("emergency number\t%s\n", app->emergency_number);
	st = app_store_read(app);
	if (st == NULL)
		return CMD_FAIL;
	if (store_is_absent(st)) {
		printf("progress\tnone yet (made when you first record "
		    "something)\n");
		return CMD_OK;
	}
	printf("schema\t%d\n", store_schema_version(st));
	rc = store_verify(st, 1, &found);
	if (rc < 0) {
		util_warn("%s", store_error(st));
		return CMD_FAIL;
	}
	printf("integrity\t%s\n", rc == 0 ? "ok (PRAGMA integrity_check)" :
	    "DAMAGED");
	if (rc == 1) {
		util_warn("%s", store_error(st));
		free(found);
		return CMD_FAIL;
	}
	return CMD_OK;
}

const struct cmd_entry cmd_info_entry = {
	"info", "", "where backcare keeps progress and content",
	cmd_info_exec
};
