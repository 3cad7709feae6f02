/*
 * main.c: parses the global options and dispatches to the interactive
 * program or to one plain command.  Nothing else lives here.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "cmd.h"
#include "text.h"
#include "ui.h"
#include "util.h"

/* One line per command; adding a command adds a line here. */
static const struct cmd_entry *const main_commands[] = {
	&cmd_info_entry,

	/* lessons */
	&cmd_lessons_entry,
	&cmd_show_entry,
	&cmd_check_entry,

	/* safety check */
	&cmd_screen_entry,

	/* routines */
	&cmd_routines_entry,
	&cmd_run_entry,

	/* progress */
	&cmd_plan_entry,
	&cmd_report_entry,
	&cmd_export_entry,
	&cmd_handout_entry,
	&cmd_today_entry,

	/* movement and function */
	&cmd_function_entry,
	&cmd_outlook_entry,
};

/* The help stays within 80 columns: a summary wraps under itself. */
#define MAIN_HELP_COLS 80
#define MAIN_SUMMARY_COL 35

static void
main_usage_summary(FILE *f, const char *text, int indent_first)
{
	size_t n = strlen(text), at = 0, len, next;
	int first = 1;

	while (at < n) {
		len = text_wrap_line(text + at, n - at, MAIN_HELP_COLS -
		    MAIN_SUMMARY_COL, &next);
		if (!first || indent_first)
			fprintf(f, "%*s", MAIN_SUMMARY_COL, "");
		fprintf(f, "%.*s\n", (int)len, text + at);
		first = 0;
		at += next;
		if (next == 0)
			break;
	}
}

static void
main_usage(FILE *f)
{
	size_t i;
	const struct cmd_entry *c;

	fprintf(f,
	    "usage: backcare [options]                start the interactive program\n"
	    "       backcare [options] COMMAND [args] run one plain command\n"
	    "\n"
	    "backcare helps you look after back pain at home: lessons, a safety\n"
	    "check, timed self-massage and exercise routines and a record of\n"
	    "your progress.\n"
	    "It does not diagnose. In an emergency call your emergency number.\n"
	    "\n"
	    "Commands:\n");
	for (i = 0; i < BC_ARRAY_LEN(main_commands); i++) {
		c = main_commands[i];
		/* Long synopses put the summary on a line of its own. */
		if (strlen(c->args) > 22)
			fprintf(f, "  %-9s %s\n", c->name, c->args);
		else
			fprintf(f, "  %-9s %-22s ", c->name, c->args);
		main_usage_summary(f, c->summary, strlen(c->args) > 22);
	}
	fprintf(f,
	    "\n"
	    "Options:\n"
	    "  -h, --help                 show this help and exit\n"
	    "  -V, --version              show the version and exit\n"
	    "  --db PATH                  the progress file (also BACKCARE_DB;\n"
	    "                             default $XDG_DATA_HOME/backcare/progress.db\n"
	    "                             or ~/.local/share/backcare/progress.db)\n"
	    "  --content-dir DIR          extra lessons and routines; repeatable\n"
	    "  --no-color                 no colour (NO_COLOR is honoured too)\n"
	    "  --no-bell                  no bell or flash when a step changes\n"
	    "  --width N                  columns for plain output (default: the\n"
	    "                             terminal's, or 80)\n"
	    "  --emergency-number N       the number to call in an emergency\n"
	    "                             (also BACKCARE_EMERGENCY; default 112)\n"
	    "\n"
	    "See backcare(1) and backcare(5).\n");
}

static const struct cmd_entry *
main_find_command(const char *name)
{
	size_t i;

	for (i = 0; i < BC_ARRAY_LEN(main_commands); i++)
		if (strcmp(main_commands[i]->name, name) == 0)
			return main_commands[i];
	return NULL;
}

static int
main_interactive(struct app *app)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		util_warn("the interactive program needs a terminal on its "
		    "input and output; for scripts and screen readers use the "
		    "plain commands (see backcare --help)");
		return 1;
	}
	/*
	 * Without a progress file that opens (read-only, full, damaged) the
	 * screens still run: the safety check shows its verdict and says it
	 * was not saved, and the routines stay locked.
	 */
	if (app_store(app) == NULL)
		util_warn("going on without saving anything");
	return ui_run(app);
}

/*
 * Makes sure stdout really got everything, then frees the app (before:
 * closing the store may change errno, and the message needs it).
 */
static int
main_finish(struct app *app, int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		util_warn("could not write the output: %s", strerror(errno));
		status = status ? status : 1;
	}
	app_free(app);
	return status;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		APP_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct app app;
	const struct cmd_entry *cmd;
	int c, status;
	const char *codeset;

	/*
	 * The character set alone: backcare's words are its own, and a
	 * decimal comma (LC_NUMERIC) would break CSV and JSON numbers.  It
	 * also spares loading a dozen locale files at each start.
	 */
	setlocale(LC_CTYPE, "");
	codeset = nl_langinfo(CODESET);
	text_set_utf8(codeset != NULL && strcmp(codeset, "UTF-8") == 0);
	/* Health data: whatever we create is ours alone. */
	umask(077);
	app_init(&app);

	opterr = 0;
	/* "+": stop at the command name; the command parses the rest. */
	while ((c = getopt_long(argc, argv, "+:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			main_usage(stdout);
			return main_finish(&app, 0);
		case 'V':
			printf("backcare %s\n", PACKAGE_VERSION);
			printf("libraries: ncursesw, libcmark, sqlite3\n");
			return main_finish(&app, 0);
		case ':':
			util_warn("option '%s' needs a value (see 'backcare "
			    "--help')", argv[optind - 1]);
			app_free(&app);
			return 2;
		case '?':
			if (optopt != 0)
				util_warn("unknown option '-%c' (see "
				    "'backcare --help')", optopt);
			else
				util_warn("unknown option '%s' (see "
				    "'backcare --help')", argv[optind - 1]);
			app_free(&app);
			return 2;
		default:
			if (app_option(&app, c, optarg) != 0) {
				app_free(&app);
				return 2;
			}
		}
	}
	if (optind >= argc) {
		status = main_interactive(&app);
	} else if ((cmd = main_find_command(argv[optind])) == NULL) {
		util_warn("unknown command '%s' (see 'backcare --help')",
		    argv[optind]);
		status = 2;
	} else {
		status = cmd->exec(&app, argc - optind, argv + optind);
	}
	return main_finish(&app, status);
}
