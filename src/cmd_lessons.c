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
	struct content *c;
	struct store *st;
	struct lesson_cache *lc;
	const struct content_item *it;
	const struct lesson *l;
	struct store_lesson sl;
	size_t i;
	int first, rc = CMD_OK;

	first = cmd_parse_options(app, argc, argv, NULL, NULL, NULL);
	if (first < 0)
		return CMD_USAGE;
	if (first < argc)
		return cmd_usage_error("lessons", "takes no arguments, not "
		    "'%s'", argv[first]);
	if ((st = app_store_read(app)) == NULL)
		return CMD_FAIL;
	c = app_content(app);
	lc = lesson_cache_new(c);
	for (i = 0; (it = content_get(c, CONTENT_LESSON, i)) != NULL; i++) {
		if (lesson_id_hidden(it->id))
			continue;
		l = lesson_cache_get(lc, it->id);
		if (store_lesson_get(st, it->id, &sl) < 0) {
			util_warn("%s", store_error(st));
			rc = CMD_FAIL;
			break;
		}
		cmd_lessons_field(it->id);
		putchar('\t');
		cmd_lessons_field(l->title != NULL ? l->title : "(no title)");
		printf("\t%s\n", lesson_status(sl.read_at, sl.selfcheck_at));
	}
	lesson_cache_free(lc);
	return rc;
}

const struct cmd_entry cmd_lessons_entry = {
	"lessons", "", "list the lessons and what you have read",
	cmd_lessons_exec
};
