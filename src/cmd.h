/*
 * cmd.h: the table of non-interactive commands.
 *
 * A command is one file (cmd_NAME.c) exporting one struct cmd_entry; adding
 * a command means adding that file and one line in main.c's table.
 * exec() receives the arguments after the command name (argv[0] is the
 * command name) and returns the exit status: 0 success, 1 failure the user
 * must fix (bad file, damaged store), 2 bad usage.
 */
#ifndef BACKCARE_CMD_H
#define BACKCARE_CMD_H

#include <stdio.h>

struct app;

struct cmd_entry {
	const char *name;
	const char *args;     /* synopsis of the arguments, for --help */
	const char *summary;  /* one line, for --help */
	int (*exec)(struct app *app, int argc, char **argv);
};

/* Exit statuses shared by all commands. */
#define CMD_OK 0
#define CMD_FAIL 1
#define CMD_USAGE 2

/* Prints "backcare COMMAND: message" and a --help hint; returns CMD_USAGE. */
int cmd_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A command's own option: getopt_long style, val is the command's id. */
struct cmd_option {
	const char *name;
	int has_arg;      /* no_argument or required_argument */
	int id;           /* handed to the callback; use values below 1000 */
};

/*
 * Parses the options after a command name.  The global options (--db,
 * --content-dir, --width, ...) are applied to app; the command's own
 * (opts, ended by { NULL, 0, 0 }) go to cb, which returns 0 or -1 after
 * printing a message.  Options and operands may mix.  On success returns
 * the index in argv of the first operand (argv is permuted so operands come
 * last); on a bad option prints one line and returns -1 (exit 2).
 */
int cmd_parse_options(struct app *app, int argc, char **argv,
    const struct cmd_option *opts,
    int (*cb)(void *ctx, int id, const char *arg), void *ctx);

/*
 * Prints text word-wrapped at width columns, the lines after the first
 * indented by hang spaces.  The last line ends in a newline, or, for a
 * prompt (prompt = 1), in a space with the output flushed.
 */
void cmd_print_wrapped(FILE *f, int width, int hang, const char *text,
    int prompt);

/*
 * Prints CommonMark text laid out as plain text at the plain width less
 * indent, each line indented by indent spaces and made safe for the
 * terminal (a plan's notes, a routine step's instructions).  Returns 0,
 * or -1 when it could not be laid out (nothing printed then).
 */
int cmd_print_markdown(struct app *app, const char *text, int indent);

/*
 * Reads an answers file whole, "-" meaning standard input; *name is what
 * messages call it.  Returns the text (caller frees) and its length, or
 * NULL after one line on stderr.
 */
char *cmd_read_answers(const char *file, const char **name, size_t *len);

extern const struct cmd_entry cmd_info_entry;

/* lessons */
extern const struct cmd_entry cmd_lessons_entry;
extern const struct cmd_entry cmd_show_entry;
extern const struct cmd_entry cmd_check_entry;

/* safety check */
extern const struct cmd_entry cmd_screen_entry;

/* routines */
extern const struct cmd_entry cmd_routines_entry;
extern const struct cmd_entry cmd_run_entry;

/* progress */
extern const struct cmd_entry cmd_plan_entry;
extern const struct cmd_entry cmd_report_entry;
extern const struct cmd_entry cmd_export_entry;
extern const struct cmd_entry cmd_handout_entry;
extern const struct cmd_entry cmd_today_entry;

/* movement and function */
extern const struct cmd_entry cmd_function_entry;
extern const struct cmd_entry cmd_outlook_entry;

#endif
