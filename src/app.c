/*
 * app.c: defaults from the environment, the global options, and lazy
 * access to the store and the content index.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "app.h"
#include "content.h"
#include "store.h"
#include "text.h"
#include "util.h"

#ifndef BACKCARE_CONTENT_DIR
#define BACKCARE_CONTENT_DIR "/usr/local/share/backcare/content"
#endif

/*
 * The built-in content: the installed copy, unless a file named
 * backcare-content-dir sits beside the running program.  make writes that
 * file in the build tree, holding the source tree's content folder, so
 * ./src/backcare works before make install while no build path is
 * compiled in (two builds in different folders give the same program).
 */
static char *
app_find_builtin(void)
{
	char self[PATH_MAX], *slash, *mark, *text, *line, *dir = NULL;
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);

	if (n > 0) {
		self[n] = '\0';
		slash = strrchr(self, '/');
		if (slash != NULL)
			*slash = '\0';
		mark = xasprintf("%s/backcare-content-dir", self);
		text = util_read_file(mark, NULL);
		line = text != NULL ? util_trim(text) : NULL;
		if (line != NULL && line[0] == '/')
			dir = xstrdup(line);
		free(text);
		free(mark);
	}
	return dir != NULL ? dir : xstrdup(BACKCARE_CONTENT_DIR);
}

static char *
app_default_db(void)
{
	const char *env = getenv("BACKCARE_DB");
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (env != NULL && *env != '\0')
		return xstrdup(env);
	if (xdg != NULL && xdg[0] == '/')
		return xasprintf("%s/backcare/progress.db", xdg);
	if (home != NULL && *home != '\0')
		return xasprintf("%s/.local/share/backcare/progress.db", home);
	return NULL;
}

static int
app_emergency_valid(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > 15)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '+' ||
		    s[i] == ' ' || s[i] == '-'))
			return 0;
	return 1;
}

int
app_init(struct app *app)
{
	const char *nc = getenv("NO_COLOR");
	const char *em = getenv("BACKCARE_EMERGENCY");

	memset(app, 0, sizeof *app);
	app->color = !(nc != NULL && *nc != '\0');
	app->alerts = 1;
	app->builtin_content = app_find_builtin();
	app->emergency_number = xstrdup(em != NULL &&
	    app_emergency_valid(em) ? em : "112");
	app->db_path = app_default_db();
	return 0;
}

void
app_free(struct app *app)
{
	size_t i;

	store_close(app->store);
	store_close(app->reader);
	free(app->reader_error);
	content_free(app->content);
	for (i = 0; i < app->n_content_dirs; i++)
		free(app->content_dirs[i]);
	free(app->content_dirs);
	free(app->builtin_content);
	free(app->emergency_number);
	free(app->db_path);
	free(app->store_error);
	memset(app, 0, sizeof *app);
}

int
app_option(struct app *app, int id, const char *arg)
{
	long v;

	switch (id) {
	case APP_OPT_DB:
		if (*arg == '\0') {
			util_warn("--db needs a file name");
			return -1;
		}
		free(app->db_path);
		app->db_path = xstrdup(arg);
		return 0;
	case APP_OPT_CONTENT_DIR:
		if (*arg == '\0') {
			util_warn("--content-dir needs a folder");
			return -1;
		}
		app->content_dirs = xgrow(app->content_dirs, app->n_content_dirs, sizeof *app->content_dirs);
		app->content_dirs[app->n_content_dirs++] = xstrdup(arg);
		content_free(app->content);
		app->content = NULL;
		return 0;
	case APP_OPT_NO_COLOR:
		app->color = 0;
		return 0;
	case APP_OPT_NO_BELL:
		app->alerts = 0;
		return 0;
	case APP_OPT_WIDTH:
		if (util_parse_long(arg, 20, 1000, &v) != 0) {
			util_warn("--width '%s': give a number of columns "
			    "from 20 to 1000", arg);
			return -1;
		}
		app->width = (int)v;
		return 0;
	case APP_OPT_EMERGENCY:
		if (!app_emergency_valid(arg)) {
			char *safe = text_for_terminal(arg, strlen(arg));
			util_warn("--emergency-number '%s': give the digits "
			    "to call, such as 112, 999 or 911", safe);
			free(safe);
			return -1;
		}
		free(app->emergency_number);
		app->emergency_number = xstrdup(arg);
		return 0;
	default:
		fatal("unknown option id %d", id);
	}
}

/*
 * Opens the store for reading (creating nothing) or writing.  A failure to
 * open for writing is kept, so the screens do not try again at each draw.
 */
static struct store *
app_store_open(struct app *app, int readonly, char **err)
{
	*err = NULL;
	if (app->store_error != NULL) {
		*err = xstrdup(app->store_error);
		return NULL;
	}
	if (app->db_path == NULL) {
		*err = xstrdup("cannot tell where to keep your progress: set "
		    "HOME, or give a file with --db");
		return NULL;
	}
	app->store = readonly ? store_open_read(app->db_path, err) :
	    store_open(app->db_path, err);
	if (app->store == NULL && !readonly && *err != NULL)
		app->store_error = xstrdup(*err);
	return app->store;
}

struct store *
app_store_quiet(struct app *app, char **err)
{
	*err = NULL;
	if (app->store != NULL && !store_is_readonly(app->store))
		return app->store;
	/* Opened for reading first: open again for writing. */
	store_close(app->store);
	app->store = NULL;
	return app_store_open(app, 0, err);
}

struct store *
app_store_read_quiet(struct app *app, char **err)
{
	const char *why;
	struct store *st;

	*err = NULL;
	if (app->store != NULL)
		return app->store;
	if (app->store_error == NULL)
		return app_store_open(app, 1, err);
	/* Writing failed: reading alone may still work. */
	if ((st = app_store_view(app, &why)) == NULL)
		*err = xstrdup(why);
	return st;
}

struct store *
app_store(struct app *app)
{
	char *err = NULL;

	if (app_store_quiet(app, &err) == NULL) {
		util_warn("%s", err);
		free(err);
	}
	return app->store;
}

struct store *
app_store_read(struct app *app)
{
	char *err = NULL;

	if (app_store_read_quiet(app, &err) == NULL) {
		util_warn("%s", err);
		free(err);
	}
	return app->store;
}

struct store *
app_store_view(struct app *app, const char **why)
{
	*why = "The progress file is not open.";
	if (app->store != NULL)
		return app->store;
	if (app->store_error == NULL || app->db_path == NULL)
		return NULL;
	/* Reading may work where writing does not: tried once. */
	if (app->reader == NULL && app->reader_error == NULL)
		app->reader = store_open_read(app->db_path,
		    &app->reader_error);
	if (app->reader == NULL)
		*why = app->reader_error != NULL ? app->reader_error : *why;
	return app->reader;
}

void
app_store_done(struct app *app)
{
	if (app->store != NULL && store_is_readonly(app->store)) {
		store_close(app->store);
		app->store = NULL;
	}
}

void
app_store_view_done(struct app *app)
{
	store_close(app->reader);
	app->reader = NULL;
}

struct content *
app_content(struct app *app)
{
	if (app->content == NULL)
		app->content = content_load(app->builtin_content,
		    app->content_dirs, app->n_content_dirs);
	return app->content;
}

int
app_plain_width(const struct app *app)
{
	struct winsize ws;

	if (app->width > 0)
		return app->width;
	if (isatty(STDOUT_FILENO) &&
	    ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
	return 80;
}
