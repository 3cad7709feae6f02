/*
 * app.h: what the command line decided, shared by commands and screens.
 *
 * main.c fills a struct app from options and the environment; commands and
 * the interactive program read it.  The progress store and the content
 * index are opened on first use, so a command that needs neither touches
 * neither.
 */
#ifndef BACKCARE_APP_H
#define BACKCARE_APP_H

#include <stddef.h>

struct store;
struct content;

struct app {
	char *db_path;            /* the progress file (resolved, owned) */
	char *builtin_content;    /* the built-in content folder (owned) */
	char **content_dirs;      /* --content-dir folders, in order (owned) */
	size_t n_content_dirs;
	int color;                /* 0 with --no-color or NO_COLOR */
	int width;                /* --width for plain output; 0 = not given */
	int alerts;               /* 0 with --no-bell */
	char *emergency_number;   /* --emergency-number, BACKCARE_EMERGENCY */

	struct store *store;      /* opened by app_store() */
	struct content *content;  /* loaded by app_content() */
	int check_unsaved;        /* a safety check in this run could not be
				     saved: routines stay locked */
	char *store_error;        /* why the store could not be opened (it
				     is not tried again), or NULL */
	struct store *reader;     /* app_store_view()'s, when writing failed */
	char *reader_error;       /* why that one could not be opened */
};

/* Fills defaults from the environment; always returns 0.  With no
 * default progress file location (no HOME, no XDG_DATA_HOME) db_path stays
 * NULL, and app_store() says so when a command needs the file. */
int app_init(struct app *app);
void app_free(struct app *app);

/*
 * Opens the progress store on first call.  On failure prints one line
 * naming the file and what to do, and returns NULL; callers exit 1.
 */
struct store *app_store(struct app *app);

/* The same without printing: on failure returns NULL and sets *err (the
 * caller frees). */
struct store *app_store_quiet(struct app *app, char **err);

/*
 * Opens the progress store for reading only, on first call (a store
 * already open is returned as it is).  Creates no folder and no file:
 * with no progress file yet the store is empty (store_is_absent()).  On
 * failure prints one line and returns NULL; app_store_read_quiet() sets
 * *err instead (the caller frees).
 */
struct store *app_store_read(struct app *app);
struct store *app_store_read_quiet(struct app *app, char **err);

/*
 * The store to show progress from: the one open (app->store), else, when
 * it could not be opened for writing (a read-only folder), the file
 * opened for reading alone, once.  NULL with *why set (the reason, owned
 * by app) when neither opens.
 */
struct store *app_store_view(struct app *app, const char **why);
/* Closes that reader once what it read is loaded: a reader held open
 * would keep another user's writers from folding their -wal back. */
void app_store_view_done(struct app *app);

/* Closes the store when it was opened for reading only, once a command
 * has read all it needs: a quiet reader's lock held while the output
 * waits on a pager would keep every writer's -wal from folding back.
 * The next app_store_read() opens it again. */
void app_store_done(struct app *app);

/* Loads the content index on first call (never fails; problems in single
 * files are reported by the modules that parse them). */
struct content *app_content(struct app *app);

/* The width for plain output: --width, else the terminal's, else 80. */
int app_plain_width(const struct app *app);

/* ---- options shared by every command ---------------------------------- */

/* Ids of the global long options (getopt_long's val). */
enum app_option_id {
	APP_OPT_DB = 1000,
	APP_OPT_CONTENT_DIR,
	APP_OPT_NO_COLOR,
	APP_OPT_WIDTH,
	APP_OPT_NO_BELL,
	APP_OPT_EMERGENCY
};

/* The global long options, for splicing into a getopt_long table. */
#define APP_LONG_OPTIONS \
	{ "db", required_argument, NULL, APP_OPT_DB }, \
	{ "content-dir", required_argument, NULL, APP_OPT_CONTENT_DIR }, \
	{ "no-color", no_argument, NULL, APP_OPT_NO_COLOR }, \
	{ "width", required_argument, NULL, APP_OPT_WIDTH }, \
	{ "no-bell", no_argument, NULL, APP_OPT_NO_BELL }, \
	{ "emergency-number", required_argument, NULL, APP_OPT_EMERGENCY }

/*
 * Applies one global option.  Returns 0, or -1 after printing a one-line
 * message naming the bad value (the caller exits 2).
 */
int app_option(struct app *app, int id, const char *arg);

#endif
