/*
 * cmd.c: what every plain command shares: option parsing and usage errors.
 */
#include "config.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cmd.h"
#include "diag.h"
#include "layout.h"
#include "text.h"
#include "util.h"

int
cmd_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s %s: ", util_progname, cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see '%s --help')\n", util_progname);
	return CMD_USAGE;
}

int
cmd_parse_options(struct app *app, int argc, char **argv,
    const struct cmd_option *opts,
    int (*cb)(void *ctx, int id, const char *arg), void *ctx)
{
	static const struct option global[] = { APP_LONG_OPTIONS };
	size_t nglobal = BC_ARRAY_LEN(global), nown = 0, i;
	struct option *all;
	int c, rc = 0;

	while (opts != NULL && opts[nown].name != NULL)
		nown++;
	all = xcalloc(nglobal + nown + 1, sizeof *all);
	memcpy(all, global, sizeof global);
	for (i = 0; i < nown; i++) {
		all[nglobal + i].name = opts[i].name;
		all[nglobal + i].has_arg = opts[i].has_arg;
		all[nglobal + i].val = opts[i].id;
	}
	opterr = 0;
	optind = 0;   /* GNU: start afresh, permuting operands to the end */
	while (rc == 0 && (c = getopt_long(argc, argv, ":", all, NULL)) != -1) {
		if (c == '?') {
			if (optopt != 0)
				rc = cmd_usage_error(argv[0], "unknown option "
				    "'-%c'", optopt);
			else
				rc = cmd_usage_error(argv[0], "unknown option "
				    "'%s'", argv[optind - 1]);
		} else if (c == ':')
			rc = cmd_usage_error(argv[0], "option '%s' needs a "
			    "value", argv[optind - 1]);
		else if (c >= APP_OPT_DB) {
			if (app_option(app, c, optarg) != 0)
				rc = CMD_USAGE;
		} else if (cb == NULL || cb(ctx, c, optarg) != 0)
			rc = CMD_USAGE;
	}
	free(all);
	return rc == 0 ? optind : -1;
}

void
cmd_print_wrapped(FILE *f, int width, int hang, const char *text,
    int prompt)
{
	size_t n = strlen(text), at = 0, len, next;
	int first = 1;

	if (width < 20)
		width = 20;
	while (at < n) {
		len = text_wrap_line(text + at, n - at, width - (first ? 0 :
		    hang), &next);
		fprintf(f, "%*s%.*s", first ? 0 : hang, "", (int)len,
		    text + at);
		first = 0;
		at += next;
		if (at < n && next > 0)
			fputc('\n', f);
		if (next == 0)
			break;
	}
	fputs(prompt ? " " : "\n", f);
	if (prompt)
		fflush(f);
}

char *
cmd_read_answers(const char *file, const char **name, size_t *len)
{
	int stdin_ = strcmp(file, "-") == 0;
	struct diag d = DIAG_INIT;
	char *text, *why, *safe;

	*name = stdin_ ? "stdin" : file;
	/* Bounded, regular files only (backcare(1) LIMITS). */
	text = util_read_file_max(file, UTIL_LIMIT_SMALL, len, &why);
	if (text == NULL) {
		safe = text_for_terminal(*name, strlen(*name));
		util_warn("%s: %s%s", safe, util_read_doing(why, "cannot read "
		    "the answers file: "), why);
		free(safe);
		free(why);
		return NULL;
	}
	/* Nothing that is not UTF-8 goes into the progress file. */
	if (diag_check_utf8(&d, *name, text, *len) != 0) {
		diag_print(&d, stderr);
		diag_free(&d);
		free(text);
		return NULL;
	}
	return text;
}

int
cmd_print_markdown(struct app *app, const char *text, int indent)
{
	char *out = NULL, *line, *next, *safe;
	size_t size = 0;
	FILE *mem = open_memstream(&out, &size);
	int width = app_plain_width(app) - indent, rc;

	if (mem == NULL)
		fatal("out of memory");
	rc = layout_write_plain_text(text, strlen(text),
	    width < 20 ? 20 : width, mem);
	if (fclose(mem) != 0)
		rc = -1;
	for (line = out; rc == 0 && line != NULL && *line != '\0';
	    line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		safe = text_for_terminal(line, strlen(line));
		printf("%*s%s\n", *safe != '\0' ? indent : 0, "", safe);
		free(safe);
	}
	free(out);
	return rc;
}
