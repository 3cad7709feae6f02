/*
 * lesson.h: a lesson file parsed and checked.
 *
 * Pure: it parses text it is handed (lesson_parse) or one file it is
 * named (lesson_load) and reports problems into a struct diag; it prints
 * nothing.  The rendering is layout.c's business; this module knows what
 * a lesson must contain: a title (the first level-1 heading), links to
 * lessons that exist and anchors that exist in them, and the self-check
 * questions under "## Check yourself".
 */
#ifndef BACKCARE_LESSON_H
#define BACKCARE_LESSON_H

#include <stddef.h>

#include "diag.h"
#include "layout.h"

struct cmark_node;

struct lesson_link {
	enum layout_link_kind kind;
	char *url;
	char *lesson;        /* LESSON: the target id */
	char *anchor;        /* or NULL */
	int line;            /* source line */
};

struct lesson {
	char *file;          /* as named by the caller */
	char *id;            /* the file name without ".md" */
	char *text;
	size_t len;
	struct cmark_node *doc;
	char *title;         /* NULL when there is no level-1 heading */
	int title_line;
	struct lesson_link *links;
	size_t nlinks;
	char **slugs;        /* every heading's anchor */
	int *slug_lines;
	size_t nslugs;
	struct strmap slugset; /* the same anchors, to look up */
	char **questions;    /* the self-check questions, in order */
	size_t nquestions;
	size_t nanswers;     /* questions that have an "Answer:" paragraph */
	int unreadable;      /* lesson_load could not read the file */
};

/*
 * Parses text (len bytes; copied) as the lesson in file.  Never fails;
 * the caller frees with lesson_free().
 */
struct lesson *lesson_parse(const char *file, const char *text, size_t len);

/*
 * Reads and parses the file at path.  When it cannot be read, returns a
 * lesson with unreadable set and adds "path: cannot read: why" to d (when
 * d is not NULL).
 */
struct lesson *lesson_load(const char *path, struct diag *d);

/*
 * The title lesson_parse() would find in text (len bytes), or NULL, read
 * from the text's first blocks when they decide it; lesson_title_load()
 * the same for the file at path (NULL too when it cannot be read).  For
 * lists, which need the title alone.  The caller frees.
 */
char *lesson_title_of(const char *text, size_t len);
char *lesson_title_load(const char *path);
void lesson_free(struct lesson *l);

/* 1 when the lesson has a heading with this slug. */
int lesson_has_anchor(const struct lesson *l, const char *slug);

/*
 * Finds a lesson by id for lesson_validate: returns it (owned by the
 * lookup's keeper) or NULL when no such lesson exists.
 */
typedef const struct lesson *(*lesson_lookup_fn)(void *ctx, const char *id);

/*
 * Checks l, adding "file:line: message" problems to d: no title, a link
 * to a lesson that does not exist, an anchor missing from its target.
 * Returns the number of problems added.
 */
size_t lesson_validate(const struct lesson *l, lesson_lookup_fn lookup,
    void *ctx, struct diag *d);

/*
 * A cache of parsed lessons by id, for lookups during validation and for
 * titles: lessons added with lesson_cache_add() first, then the content
 * index (parsed on first use).  lesson_cache_get() fits lesson_lookup_fn.
 */
struct content;
struct lesson_cache;
struct lesson_cache *lesson_cache_new(const struct content *c);
/* Adds l (the cache takes it); it wins over content with the same id. */
void lesson_cache_add(struct lesson_cache *lc, struct lesson *l);
const struct lesson *lesson_cache_get(void *lc, const char *id);
void lesson_cache_free(struct lesson_cache *lc);

/*
 * The status words of `backcare lessons`: "unread", "read" (its end was
 * shown) or "self-check done" (its answers were revealed).
 */
const char *lesson_status(long long read_at, long long selfcheck_at);

/* 1 for ids that are not lessons in the list (the glossary). */
int lesson_id_hidden(const char *id);

/* The lessons of the course in c: every lesson but the hidden ones. */
size_t lesson_course_count(const struct content *c);

/* The id of a lesson file: its base name without ".md" (caller frees). */
char *lesson_id_of(const char *path);

#endif
