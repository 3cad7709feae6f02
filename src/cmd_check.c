/*
 * cmd_check.c: "backcare check PATH...", validates content files before
 * they are used.  Each problem is printed on stdout as "file:line:
 * message" ("file: message" when the whole file is meant); the last line
 * counts files and problems.  Exit 1 when anything is wrong.
 *
 * Kinds of files are a table of checkers: the first whose detect()
 * accepts a file validates it.  Lessons accept any .md file outside a
 * routines/ folder, so they stay last; other parts add their checkers in
 * the marked slots above.  A routine no checker accepts is skipped (and
 * said to be), not called a problem.  Plans are told apart by their
 * folder (plans/) or by their head (lint_plan_detect()).
 *
 * Names here start with lint_ (the file checker), keeping check_ for the
 * safety check (ui_check.c, checkflow.c).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "app.h"
#include "cmd.h"
#include "content.h"
#include "diag.h"
#include "lesson.h"
#include "plan.h"
#include "routine.h"
#include "text.h"
#include "util.h"

/* What every checker may use besides the file itself. */
struct lint_ctx {
	struct app *app;
	struct lesson_cache *lessons;   /* checked lessons, then content */
};

struct lint_kind {
	/* 1 when this checker owns the file at path with this text. */
	int (*detect)(const char *path, const char *text, size_t len);
	/* Adds the file's problems to d. */
	void (*validate)(struct lint_ctx *ctx, const char *path,
	    const char *text, size_t len, struct diag *d);
};

/* 1 when the folder holding path is called name. */
static int
lint_in_folder(const char *path, const char *name)
{
	const char *end = strrchr(path, '/'), *start;
	size_t n = strlen(name);

	if (end == NULL)
		return 0;
	for (start = end; start > path && start[-1] != '/'; start--)
		;
	return (size_t)(end - start) == n && strncmp(start, name, n) == 0;
}

static int
lint_is_index(const char *path)
{
	const char *base = strrchr(path, '/');

	base = base != NULL ? base + 1 : path;
	return strcmp(base, "index.md") == 0;
}

/* ---- lessons ----------------------------------------------------------- */

static int
lint_lesson_index_detect(const char *path, const char *text, size_t len)
{
	(void)text;
	(void)len;
	return lint_is_index(path) && lint_in_folder(path, "lessons");
}

/* The index orders lessons: only its links are checked. */
static void
lint_lesson_index_validate(struct lint_ctx *ctx, const char *path,
    const char *text, size_t len, struct diag *d)
{
	struct lesson *l = lesson_parse(path, text, len);
	char *title = l->title;

	if (title == NULL)
		l->title = xstrdup("index");
	lesson_validate(l, lesson_cache_get, ctx->lessons, d);
	lesson_free(l);
}

/* Any .md file but routines (which only a routine checker may judge). */
static int
lint_lesson_detect(const char *path, const char *text, size_t len)
{
	size_t n = strlen(path);

	(void)text;
	(void)len;
	return n > 3 && strcmp(path + n - 3, ".md") == 0 &&
	    !lint_in_folder(path, "routines");
}

static void
lint_lesson_validate(struct lint_ctx *ctx, const char *path,
    const char *text, size_t len, struct diag *d)
{
	const struct lesson *l = NULL;
	char *id = lesson_id_of(path);
	struct lesson *own;

	/* Checked files were parsed up front so links can find them. */
	l = lesson_cache_get(ctx->lessons, id);
	if (l == NULL || strcmp(l->file, path) != 0) {
		own = lesson_parse(path, text, len);
		lesson_validate(own, lesson_cache_get, ctx->lessons, d);
		lesson_free(own);
	} else
		lesson_validate(l, lesson_cache_get, ctx->lessons, d);
	free(id);
}

/* ---- routines ---------------------------------------------------------- */

static int
lint_routine_detect(const char *path, const char *text, size_t len)
{
	(void)text;
	(void)len;
	return lint_in_folder(path, "routines");
}

static void
lint_routine_validate(struct lint_ctx *ctx, const char *path,
    const char *text, size_t len, struct diag *d)
{
	const char *base = strrchr(path, '/');
	char *id;
	struct routine *r;

	(void)ctx;
	base = base != NULL ? base + 1 : path;
	id = xstrndup(base, strlen(base) > 3 ? strlen(base) - 3 : 0);
	r = routine_parse(id, path, text, len, d);
	routine_free(r);
	free(id);
}

/* ---- plans ------------------------------------------------------------- */

/* The next line of text from *off (its length in *n); 0 at the end. */
static int
lint_next_line(const char *text, size_t len, size_t *off, const char **line,
    size_t *n)
{
	const char *nl;

	if (*off >= len)
		return 0;
	*line = text + *off;
	nl = memchr(*line, '\n', len - *off);
	*n = nl != NULL ? (size_t)(nl - *line) : len - *off;
	*off += *n + 1;
	while (*n > 0 && ((*line)[*n - 1] == '\r' || (*line)[*n - 1] == ' '))
		(*n)--;
	return 1;
}

/* 1 when line is a list item whose key is "from" or "until". */
static int
lint_is_date_key(const char *line, size_t n)
{
	size_t i = 2;

	while (i < n && line[i] == ' ')
		i++;
	return (n - i >= 5 && strncasecmp(line + i, "from:", 5) == 0) ||
	    (n - i >= 6 && strncasecmp(line + i, "until:", 6) == 0);
}

/*
 * A plan is a file in a plans/ folder, or one whose first line is a
 * "# Title" followed by a list holding "- from:" or "- until:" (see
 * backcare(5)).  No lesson or routine starts that way.
 */
static int
lint_plan_detect(const char *path, const char *text, size_t len)
{
	size_t off = 0, n;
	const char *line;
	int titled = 0;

	if (lint_in_folder(path, "plans"))
		return 1;
	if (text == NULL)
		return 0;
	while (lint_next_line(text, len, &off, &line, &n)) {
		if (n == 0)
			continue;
		if (!titled) {
			if (n < 2 || line[0] != '#' || line[1] != ' ')
				return 0;
			titled = 1;
			continue;
		}
		if (n < 2 || strchr("-*+", line[0]) == NULL || line[1] != ' ')
			return 0;
		if (lint_is_date_key(line, n))
			return 1;
	}
	return 0;
}

static void
lint_plan_validate(struct lint_ctx *ctx, const char *path,
    const char *text, size_t len, struct diag *d)
{
	struct plan *p = plan_parse(path, text, len, d);

	if (p != NULL)
		plan_check_ids(p, app_content(ctx->app), path, d);
	plan_free(p);
}

static const struct lint_kind lint_kinds[] = {
	/* the lesson index */
	{ lint_lesson_index_detect, lint_lesson_index_validate },

	/* routines */
	{ lint_routine_detect, lint_routine_validate },

	/* plans */
	{ lint_plan_detect, lint_plan_validate },

	/* lessons: any other .md file; keep last */
	{ lint_lesson_detect, lint_lesson_validate },
};

/* ---- files and folders ------------------------------------------------- */

struct lint_files {
	char **paths;
	size_t n;
};

static void
lint_files_add(struct lint_files *f, char *path)
{
	f->paths = xgrow(f->paths, f->n, sizeof *f->paths);
	f->paths[f->n++] = path;
}

static int
lint_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the .md files of DIR/sub (sub may be ""), sorted. */
static void
lint_scan(struct lint_files *f, const char *dir, const char *sub)
{
	char *folder = *sub ? xasprintf("%s/%s", dir, sub) : xstrdup(dir);
	DIR *d = opendir(folder);
	struct dirent *de;
	struct stat sb;
	size_t n, first = f->n;
	char *path;

	if (d != NULL) {
		while ((de = readdir(d)) != NULL) {
			n = strlen(de->d_name);
			if (n <= 3 || strcmp(de->d_name + n - 3, ".md") != 0 ||
			    de->d_name[0] == '.')
				continue;
			path = xasprintf("%s/%s", folder, de->d_name);
			if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
				free(path);
			else
				lint_files_add(f, path);
		}
		closedir(d);
	}
	if (f->n > first)
		qsort(f->paths + first, f->n - first, sizeof *f->paths,
		    lint_cmp);
	free(folder);
}

/* Expands the operands: folders to their content files. */
static void
lint_collect(struct lint_files *f, char **args, int n)
{
	struct stat sb;
	char *dir;
	size_t len;
	int i;

	for (i = 0; i < n; i++) {
		if (stat(args[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
			dir = xstrdup(args[i]);
			len = strlen(dir);
			while (len > 1 && dir[len - 1] == '/')
				dir[--len] = '\0';
			lint_scan(f, dir, "lessons");
			lint_scan(f, dir, "routines");
			lint_scan(f, dir, "plans");
			lint_scan(f, dir, "");
			free(dir);
		} else
			lint_files_add(f, xstrdup(args[i]));
	}
}

/* Parses every lesson among the files first, so links find each other. */
static void
lint_preload(struct lint_ctx *ctx, struct lint_files *f)
{
	size_t i;
	const char *p;

	for (i = 0; i < f->n; i++) {
		p = f->paths[i];
		if (lint_is_index(p) || lint_in_folder(p, "routines") ||
		    lint_in_folder(p, "plans") ||
		    !lint_lesson_detect(p, NULL, 0))
			continue;
		lesson_cache_add(ctx->lessons, lesson_load(p, NULL));
	}
}

/* Checks one file; returns 0 when no checker knows its kind. */
static int
lint_one(struct lint_ctx *ctx, const char *path, struct diag *d)
{
	size_t len, i;
	char *why, *text = util_read_file_max(path, UTIL_LIMIT_LESSON, &len,
	    &why);

	if (text == NULL) {
		diag_add(d, path, 0, "%s%s", util_read_doing(why, "cannot "
		    "read the file: "), why);
		free(why);
		return 1;
	}
	for (i = 0; i < BC_ARRAY_LEN(lint_kinds); i++)
		if (lint_kinds[i].detect(path, text, len)) {
			lint_kinds[i].validate(ctx, path, text, len, d);
			break;
		}
	free(text);
	if (i < BC_ARRAY_LEN(lint_kinds))
		return 1;
	/* A routine before there is a routine checker: not judged. */
	if (lint_in_folder(path, "routines"))
		return 0;
	diag_add(d, path, 0, "not a backcare content file (lessons, "
	    "routines and plans are .md files)");
	return 1;
}

static int
cmd_check_exec(struct app *app, int argc, char **argv)
{
	struct lint_files f = { NULL, 0 };
	struct lint_ctx ctx;
	struct diag d = DIAG_INIT;
	size_t i, checked = 0, all;
	int first;

	first = cmd_parse_options(app, argc, argv, NULL, NULL, NULL);
	if (first < 0)
		return CMD_USAGE;
	if (first >= argc)
		return cmd_usage_error("check", "give files or folders to "
		    "check");
	ctx.app = app;
	ctx.lessons = lesson_cache_new(app_content(app));
	lint_collect(&f, argv + first, argc - first);
	lint_preload(&ctx, &f);
	all = f.n;
	for (i = 0; i < f.n; i++)
		checked += (size_t)lint_one(&ctx, f.paths[i], &d);
	diag_print(&d, stdout);
	if (checked < f.n)
		printf("%zu file%s of a kind this backcare cannot check yet, "
		    "skipped\n", f.n - checked, f.n - checked == 1 ? "" : "s");
	f.n = checked;
	if (d.n == 0)
		printf("%zu file%s checked, no problems\n", f.n,
		    f.n == 1 ? "" : "s");
	else
		printf("%zu file%s checked, %zu problem%s\n", f.n,
		    f.n == 1 ? "" : "s", d.n, d.n == 1 ? "" : "s");
	for (i = 0; i < all; i++)
		free(f.paths[i]);
	free(f.paths);
	lesson_cache_free(ctx.lessons);
	i = d.n;
	diag_free(&d);
	return i == 0 && all > 0 ? CMD_OK : CMD_FAIL;
}

const struct cmd_entry cmd_check_entry = {
	"check", "PATH...", "check lesson and content files for problems",
	cmd_check_exec
};
