/*
 * cmd_export.c: "backcare export --format csv|json [--output DIR]", every
 * record of the progress file (all tables but meta) for the therapist:
 * one JSON document, or CSV sections, on standard output; or files in a
 * private folder.  The rows themselves come from store_export_table();
 * this file frames them, names the outputs and reports their errors.
 * It never creates a progress file and never writes to one.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "clock.h"
#include "cmd.h"
#include "store.h"
#include "text.h"
#include "util.h"

enum { EXPORT_OPT_FORMAT = 1, EXPORT_OPT_OUTPUT, EXPORT_OPT_FORCE };

struct export_opts {
	int have_format;
	enum store_export_format format;
	const char *output;
	int force;
};

/* The files an --output export writes, so a failure can take them back. */
struct export_files {
	char **paths;
	size_t n;
};

static int
cmd_export_option(void *ctx, int id, const char *arg)
{
	struct export_opts *o = ctx;

	switch (id) {
	case EXPORT_OPT_FORMAT:
		if (strcmp(arg, "csv") == 0)
			o->format = STORE_EXPORT_CSV;
		else if (strcmp(arg, "json") == 0)
			o->format = STORE_EXPORT_JSON;
		else {
			cmd_usage_error("export", "unknown format '%s': give "
			    "--format csv or --format json", arg);
			return -1;
		}
		o->have_format = 1;
		return 0;
	case EXPORT_OPT_OUTPUT:
		if (*arg == '\0') {
			cmd_usage_error("export", "--output needs a folder");
			return -1;
		}
		o->output = arg;
		return 0;
	default:
		o->force = 1;
		return 0;
	}
}

/* The JSON document: a header, then each table's array under "tables". */
static int
cmd_export_json(struct store *st, FILE *f)
{
	char when[32];
	time_t now = (time_t)clock_wall_s();
	struct tm tm;
	size_t i;

	if (gmtime_r(&now, &tm) == NULL ||
	    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(when, sizeof when, "1970-01-01T00:00:00Z");
	if (fprintf(f, "{\"backcare\": \"%s\", \"schema\": %d, "
	    "\"exported_at\": \"%s\",\n\"tables\": {", PACKAGE_VERSION,
	    store_schema_version(st), when) < 0)
		return -1;
	for (i = 0; store_export_tables[i] != NULL; i++) {
		if (fprintf(f, "%s\n\"%s\": ", i > 0 ? "," : "",
		    store_export_tables[i]) < 0 ||
		    store_export_table(st, store_export_tables[i],
		    STORE_EXPORT_JSON, f) != 0)
			return -1;
	}
	if (fputs("\n}}\n", f) == EOF || fflush(f) != 0)
		return -1;
	return 0;
}

/*
 * CSV on one stream: per table a line "# table: NAME", the header and the
 * rows; a blank line between tables.  Every table has several columns, so
 * neither line can be taken for a row.
 */
static int
cmd_export_csv_stream(struct store *st, FILE *f)
{
	size_t i;

	for (i = 0; store_export_tables[i] != NULL; i++) {
		if (fprintf(f, "%s# table: %s\r\n", i > 0 ? "\r\n" : "",
		    store_export_tables[i]) < 0 ||
		    store_export_table(st, store_export_tables[i],
		    STORE_EXPORT_CSV, f) != 0)
			return -1;
	}
	return fflush(f) != 0 ? -1 : 0;
}

/* Reports a failed export to name: a write error, or the store's. */
static int
cmd_export_failed(struct store *st, FILE *f, const char *name)
{
	if (ferror(f))
		util_warn("%s: cannot write the export: %s", name,
		    strerror(errno));
	else
		util_warn("%s", store_error(st));
	return CMD_FAIL;
}

static int
cmd_export_write(struct store *st, const struct export_opts *o, FILE *f)
{
	return o->format == STORE_EXPORT_JSON ? cmd_export_json(st, f) :
	    cmd_export_csv_stream(st, f);
}

/*
 * On a terminal the export is shown, not saved: each line goes through
 * text_for_terminal(), so escape sequences in notes or plans never reach
 * the terminal raw (CSV's CR before LF is dropped).
 */
static int
cmd_export_terminal(struct store *st, const struct export_opts *o)
{
	char *data = NULL, *line, *nl, *safe;
	size_t size = 0, n;
	FILE *mem = open_memstream(&data, &size);
	int rc;

	if (mem == NULL)
		fatal("open_memstream: %s", strerror(errno));
	rc = cmd_export_write(st, o, mem);
	if (fclose(mem) != 0)
		rc = -1;
	for (line = data; rc == 0 && line < data + size; line = nl + 1) {
		nl = memchr(line, '\n', (size_t)(data + size - line));
		if (nl == NULL)
			nl = data + size;
		n = (size_t)(nl - line);
		if (n > 0 && line[n - 1] == '\r')
			n--;
		safe = text_for_terminal(line, n);
		if (puts(safe) == EOF)
			rc = -1;
		free(safe);
	}
	free(data);
	return rc;
}

static int
cmd_export_stdout(struct store *st, const struct export_opts *o)
{
	int rc = isatty(STDOUT_FILENO) ? cmd_export_terminal(st, o) :
	    cmd_export_write(st, o, stdout);

	if (rc == 0 && fflush(stdout) == 0)
		return CMD_OK;
	cmd_export_failed(st, stdout, "standard output");
	/* Reported once here: main's last check of stdout stays quiet. */
	clearerr(stdout);
	return CMD_FAIL;
}

/* Makes the folder 0700 when absent; an existing one is left as it is. */
static int
cmd_export_folder(const char *dir)
{
	struct stat sb;

	if (stat(dir, &sb) == 0) {
		if (!S_ISDIR(sb.st_mode)) {
			util_warn("%s: not a folder; give a folder to "
			    "--output", dir);
			return -1;
		}
		return 0;
	}
	if (errno != ENOENT || mkdir(dir, 0700) != 0) {
		util_warn("%s: cannot create the folder: %s", dir,
		    strerror(errno));
		return -1;
	}
	(void)chmod(dir, 0700);
	return 0;
}

/* The files of an export to dir, in table order (caller frees). */
static char **
cmd_export_targets(const char *dir, enum store_export_format fmt,
    size_t *n)
{
	char **t;
	size_t i;

	if (fmt == STORE_EXPORT_JSON) {
		t = xcalloc(1, sizeof *t);
		t[0] = xasprintf("%s/backcare.json", dir);
		*n = 1;
		return t;
	}
	for (*n = 0; store_export_tables[*n] != NULL; (*n)++)
		;
	t = xcalloc(*n, sizeof *t);
	for (i = 0; i < *n; i++)
		t[i] = xasprintf("%s/%s.csv", dir, store_export_tables[i]);
	return t;
}

/*
 * Opens path for an export, 0600: a new file, or with force an existing
 * one truncated (never through a symbolic link).  The file is remembered
 * in files.  Returns the stream or NULL (message printed).
 */
static FILE *
cmd_export_create(const char *path, int force, struct export_files *files)
{
	int fd, flags = O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC;
	FILE *f;

	flags |= force ? O_TRUNC : O_EXCL;
	if ((fd = open(path, flags, 0600)) < 0) {
		if (errno == EEXIST)
			util_warn("%s: already exists; remove it, or give "
			    "--force to replace it", path);
		else
			util_warn("%s: cannot create: %s", path,
			    strerror(errno));
		return NULL;
	}
	(void)fchmod(fd, 0600);
	files->paths = xgrow(files->paths, files->n,
	    sizeof *files->paths);
	files->paths[files->n++] = xstrdup(path);
	if ((f = fdopen(fd, "w")) == NULL) {
		util_warn("%s: %s", path, strerror(errno));
		close(fd);
	}
	return f;
}

/* Writes table i (or, for JSON, the whole document) to path. */
static int
cmd_export_file(struct store *st, const struct export_opts *o,
    const char *path, size_t i, struct export_files *files)
{
	FILE *f = cmd_export_create(path, o->force, files);
	int rc;

	if (f == NULL)
		return -1;
	rc = o->format == STORE_EXPORT_JSON ? cmd_export_json(st, f) :
	    store_export_table(st, store_export_tables[i], STORE_EXPORT_CSV,
	    f);
	if (rc != 0) {
		cmd_export_failed(st, f, path);
		fclose(f);
		return -1;
	}
	if (fclose(f) != 0) {
		util_warn("%s: cannot write the export: %s", path,
		    strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * Writes the export into dir.  An existing file is refused before anything
 * is written (unless --force); on any failure the files written so far are
 * removed, so a folder never holds half an export.
 */
static int
cmd_export_dir(struct store *st, const struct export_opts *o)
{
	struct export_files files = { NULL, 0 };
	struct stat sb;
	char **targets;
	size_t n, i;
	int rc = CMD_OK;

	if (cmd_export_folder(o->output) != 0)
		return CMD_FAIL;
	targets = cmd_export_targets(o->output, o->format, &n);
	for (i = 0; i < n && !o->force; i++)
		if (lstat(targets[i], &sb) == 0) {
			util_warn("%s: already exists; remove it, or give "
			    "--force to replace it", targets[i]);
			rc = CMD_FAIL;
			break;
		}
	for (i = 0; i < n && rc == CMD_OK; i++)
		if (cmd_export_file(st, o, targets[i], i, &files) != 0)
			rc = CMD_FAIL;
	for (i = 0; i < files.n; i++) {
		if (rc != CMD_OK)
			(void)unlink(files.paths[i]);
		free(files.paths[i]);
	}
	free(files.paths);
	for (i = 0; i < n; i++)
		free(targets[i]);
	free(targets);
	return rc;
}

/*
 * An export reads every row, so a damaged page would come out as missing
 * or null rows: check the whole file first (PRAGMA quick_check) and
 * refuse, writing nothing, when it is damaged.
 */
static int
cmd_export_whole(struct store *st)
{
	char *found = NULL;
	int rc = store_verify(st, 0, &found);

	if (rc != 0)
		util_warn("%s", store_error(st));
	free(found);
	return rc == 0 ? 0 : -1;
}

static int
cmd_export_exec(struct app *app, int argc, char **argv)
{
	static const struct cmd_option opts[] = {
		{ "format", required_argument, EXPORT_OPT_FORMAT },
		{ "output", required_argument, EXPORT_OPT_OUTPUT },
		{ "force", no_argument, EXPORT_OPT_FORCE },
		{ NULL, 0, 0 }
	};
	struct export_opts o = { 0, STORE_EXPORT_JSON, NULL, 0 };
	struct store *st;
	struct stat sb;
	int first, rc;

	if ((first = cmd_parse_options(app, argc, argv, opts,
	    cmd_export_option, &o)) < 0)
		return CMD_USAGE;
	if (first < argc)
		return cmd_usage_error("export", "unexpected argument '%s'",
		    argv[first]);
	if (!o.have_format)
		return cmd_usage_error("export", "say which format: --format "
		    "csv or --format json");
	/* An export reads: it never creates a progress file. */
	if (app->db_path != NULL && stat(app->db_path, &sb) != 0 &&
	    errno == ENOENT) {
		util_warn("%s: no progress file yet, so nothing to export "
		    "(choose another with --db)", app->db_path);
		return CMD_FAIL;
	}
	if ((st = app_store_read(app)) == NULL)
		return CMD_FAIL;
	if (cmd_export_whole(st) != 0)
		return CMD_FAIL;
	if (store_export_begin(st) != 0) {
		util_warn("%s", store_error(st));
		return CMD_FAIL;
	}
	rc = o.output != NULL ? cmd_export_dir(st, &o) :
	    cmd_export_stdout(st, &o);
	store_export_end(st);
	return rc;
}

const struct cmd_entry cmd_export_entry = {
	"export", "--format csv|json [--output DIR] [--force]",
	"every record, as JSON or CSV", cmd_export_exec
};
