/*
 * cmd_show.c: "backcare show LESSON|FILE.md", a lesson as plain text for
 * pipes and screen readers.  It never opens the progress file, and never
 * writes escape codes: text from the lesson is made safe first.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cmd.h"
#include "content.h"
#include "layout.h"
#include "text.h"
#include "util.h"

/* A path names a file; anything else is a lesson id. */
static int
cmd_show_is_path(const char *arg)
{
	size_t n = strlen(arg);

	return strchr(arg, '/') != NULL || (n > 3 &&
	    strcmp(arg + n - 3, ".md") == 0);
}

static int
cmd_show_exec(struct app *app, int argc, char **argv)
{
	const struct content_item *it;
	const char *path;
	char *text, *safe, *why;
	size_t len;
	int first, rc;

	first = cmd_parse_options(app, argc, argv, NULL, NULL, NULL);
	if (first < 0)
		return CMD_USAGE;
	if (argc - first != 1)
		return cmd_usage_error("show", "give one lesson id or file "
		    "(see 'backcare lessons')");
	path = argv[first];
	if (!cmd_show_is_path(path)) {
		it = content_find(app_content(app), CONTENT_LESSON, path);
		if (it == NULL) {
			safe = text_for_terminal(path, strlen(path));
			util_warn("show: there is no lesson '%s' (see "
			    "'backcare lessons')", safe);
			free(safe);
			return CMD_FAIL;
		}
		path = it->path;
	}
	if ((text = util_read_file_max(path, UTIL_LIMIT_LESSON, &len, &why))
	    == NULL) {
		safe = text_for_terminal(path, strlen(path));
		util_warn("%s: %s%s", safe, util_read_doing(why, "cannot read "
		    "the lesson: "), why);
		free(safe);
		free(why);
		return CMD_FAIL;
	}
	rc = layout_write_plain_text(text, len, app_plain_width(app), stdout);
	free(text);
	if (rc != 0) {
		util_warn("show: could not write the output");
		return CMD_FAIL;
	}
	return CMD_OK;
}

const struct cmd_entry cmd_show_entry = {
	"show", "LESSON|FILE.md", "print a lesson as plain text",
	cmd_show_exec
};
