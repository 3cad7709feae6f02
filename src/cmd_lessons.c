/*
 * cmd_lessons.c: "backcare lessons", one lesson a line:
 * id<TAB>title<TAB>status, in reading order.  The glossary is not listed.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cmd.h"
#include "content.h"
#include "lesson.h"
#include "store.h"
#include "text.h"
#include "util.h"

/* Prints s made safe, with tabs and newlines as spaces. */
static void
cmd_lessons_field(const char *s)
{
	char *safe = text_for_terminal(s, strlen(s)), *p;

	for (p = safe; *p != '\0'; p++)
		if (*p == '\t' || *p == '\n')
			*p = ' ';
	fputs(safe, stdout);
	free(safe);
}

static int
cmd_lessons_exec(struct app *app, int argc, char **argv)
{
	static const struct store_lesson none;
	struct content *c;
	struct store *st;
	const struct content_item *it;
	const struct store_lesson *sl;
	struct store_lesson *rows;
	char *title;
	long n;
	size_t i;
	int first;

	first = cmd_parse_options(app, argc, argv, NULL, NULL, NULL);
	if (first < 0)
		return CMD_USAGE;
	if (first < argc)
		return cmd_usage_error("lessons", "takes no arguments, not "
		    "'%s'", argv[first]);
	if ((st = app_store_read(app)) == NULL)
		return CMD_FAIL;
	/* One read of the progress, and each lesson's title alone. */
	if ((n = store_lessons_list(st, &rows)) < 0) {
		util_warn("%s", store_error(st));
		return CMD_FAIL;
	}
	c = app_content(app);
	for (i = 0; (it = content_get(c, CONTENT_LESSON, i)) != NULL; i++) {
		if (lesson_id_hidden(it->id))
			continue;
		if ((sl = store_lesson_find(rows, n, it->id)) == NULL)
			sl = &none;
		title = lesson_title_load(it->path);
		cmd_lessons_field(it->id);
		putchar('\t');
		cmd_lessons_field(title != NULL ? title : "(no title)");
		printf("\t%s\n", lesson_status(sl->read_at, sl->selfcheck_at));
		free(title);
	}
	free(rows);
	return CMD_OK;
}

const struct cmd_entry cmd_lessons_entry = {
	"lessons", "", "list the lessons and what you have read",
	cmd_lessons_exec
};
