/*
 * content.h: finds lessons, routines and the safety-check catalogue.
 *
 * Content comes from the built-in folder first, then from each
 * --content-dir in order; a later file with the same id (its file name
 * without ".md") overrides an earlier one.  Lessons live in
 * DIR/lessons/NAME.md, ordered by DIR/lessons/index.md (a list of links; the
 * last folder's index.md comes first, then the ones below it);
 * routines in DIR/routines/NAME.md, ordered by id; the question catalogue is
 * DIR/screener/questions.md.  This module only lists files: parsing them
 * is the business of layout.c, routine.c and screener.c.
 */
#ifndef BACKCARE_CONTENT_H
#define BACKCARE_CONTENT_H

#include <stddef.h>

enum content_kind {
	CONTENT_LESSON,
	CONTENT_ROUTINE,
	CONTENT_KINDS
};

struct content_item {
	char *id;       /* file name without ".md" */
	char *path;     /* full path of the file that won */
	int builtin;    /* 1 when it comes from the built-in folder */
	int listed;     /* lessons: 1 when an index.md lists it */
};

struct content;

/*
 * Scans builtin_dir (may be NULL) and then dirs[0..ndirs).  Missing
 * folders are skipped silently.  The caller frees with content_free().
 */
struct content *content_load(const char *builtin_dir, char *const *dirs,
    size_t ndirs);
void content_free(struct content *c);

size_t content_count(const struct content *c, enum content_kind kind);
/* The i-th item in display order; NULL when i is out of range. */
const struct content_item *content_get(const struct content *c,
    enum content_kind kind, size_t i);
/* The item with this id, or NULL. */
const struct content_item *content_find(const struct content *c,
    enum content_kind kind, const char *id);
/* The question catalogue that won, or NULL when none exists. */
const char *content_screener_path(const struct content *c);

/* 1 when s is a valid content id: [a-z0-9][a-z0-9_-]*, at most 64 bytes. */
int content_id_valid(const char *s);

#endif
