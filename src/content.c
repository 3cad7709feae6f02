/*
 * content.c: indexes the content folders (see content.h).
 */
#include "config.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "content.h"
#include "util.h"

struct content_list {
	struct content_item *items;
	size_t n;
	size_t cap;
};

struct content {
	struct content_list lists[CONTENT_KINDS];
	char *screener;
};

static const char *const content_subdir[CONTENT_KINDS] = {
	"lessons", "routines"
};

int
content_id_valid(const char *s)
{
	size_t n = 0;

	if (s == NULL || !((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
		return 0;
	for (; *s != '\0'; s++, n++) {
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '-' || *s == '_'))
			return 0;
	}
	return n <= 64;
}

static struct content_item *
content_list_find(struct content_list *l, const char *id)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->items[i].id, id) == 0)
			return &l->items[i];
	return NULL;
}

/* Adds or overrides id with path. */
static void
content_list_put(struct content_list *l, const char *id, const char *path,
    int builtin)
{
	struct content_item *it = content_list_find(l, id);

	if (it != NULL) {
		free(it->path);
		it->path = xstrdup(path);
		it->builtin = builtin;
		return;
	}
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->items = xreallocarray(l->items, l->cap, sizeof *l->items);
	}
	it = &l->items[l->n++];
	it->id = xstrdup(id);
	it->path = xstrdup(path);
	it->builtin = builtin;
	it->listed = 0;
}

static int
content_is_path_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/*
 * A regular file (a link to one counts).  The directory entry's type
 * spares a stat() per file on every start; a link, or a file system that
 * does not give the type, is looked at.
 */
static int
content_is_file(const struct dirent *de, const char *path)
{
#ifdef DT_REG
	if (de->d_type == DT_REG)
		return 1;
	if (de->d_type != DT_LNK && de->d_type != DT_UNKNOWN)
		return 0;
#else
	(void)de;
#endif
	return content_is_path_file(path);
}

static void
content_scan(struct content *c, enum content_kind kind, const char *dir,
    int builtin)
{
	char *sub = xasprintf("%s/%s", dir, content_subdir[kind]);
	DIR *d = opendir(sub);
	struct dirent *de;
	size_t n;
	char *id, *path;

	if (d == NULL) {
		free(sub);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		n = strlen(de->d_name);
		if (n <= 3 || strcmp(de->d_name + n - 3, ".md") != 0)
			continue;
		id = xstrndup(de->d_name, n - 3);
		/* index.md orders lessons; it is not a lesson itself. */
		if (content_id_valid(id) && strcmp(id, "index") != 0) {
			path = xasprintf("%s/%s", sub, de->d_name);
			if (content_is_file(de, path))
				content_list_put(&c->lists[kind], id, path,
				    builtin);
			free(path);
		}
		free(id);
	}
	closedir(d);
	free(sub);
}

/*
 * Reads the link targets of an index.md ("](name.md)") and marks them
 * listed, giving each its rank in *rank (in order of first mention).
 */
static void
content_read_index(struct content *c, const char *dir, size_t *next_rank,
    size_t *ranks)
{
	char *path = xasprintf("%s/lessons/index.md", dir);
	char *why, *text = util_read_file_max(path, UTIL_LIMIT_LESSON, NULL,
	    &why);
	char *p, *end, *id;
	struct content_list *l = &c->lists[CONTENT_LESSON];
	struct content_item *it;

	free(path);
	free(why);
	if (text == NULL)
		return;
	for (p = text; (p = strstr(p, "](")) != NULL; p = end) {
		p += 2;
		end = p + strcspn(p, ")#\n");
		if (end - p <= 3 || strncmp(end - 3, ".md", 3) != 0)
			continue;
		id = xstrndup(p, (size_t)(end - p - 3));
		it = content_list_find(l, id);
		if (it != NULL && !it->listed) {
			it->listed = 1;
			ranks[it - l->items] = (*next_rank)++;
		}
		free(id);
	}
	free(text);
}

/* Lessons sort by their index rank, then by id. */
struct content_ranked {
	size_t rank;
	struct content_item item;
};

static int
content_cmp_ranked(const void *a, const void *b)
{
	const struct content_ranked *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return strcmp(x->item.id, y->item.id);
}

static int
content_cmp_id(const void *a, const void *b)
{
	const struct content_item *x = a, *y = b;

	return strcmp(x->id, y->id);
}

/* Sorts lessons: listed ones in index order, then the rest by id. */
static void
content_order_lessons(struct content *c, const char *builtin_dir,
    char *const *dirs, size_t ndirs)
{
	struct content_list *l = &c->lists[CONTENT_LESSON];
	size_t *ranks, next = 0, i;
	struct content_ranked *r;

	if (l->n == 0)
		return;
	ranks = xcalloc(l->n, sizeof *ranks);
	for (i = 0; i < l->n; i++)
		ranks[i] = (size_t)-1;
	/* The last folder's index.md wins: a therapist's own order comes
	 * first, then the orders below it. */
	for (i = ndirs; i > 0; i--)
		content_read_index(c, dirs[i - 1], &next, ranks);
	if (builtin_dir != NULL)
		content_read_index(c, builtin_dir, &next, ranks);
	r = xcalloc(l->n, sizeof *r);
	for (i = 0; i < l->n; i++) {
		r[i].rank = ranks[i];
		r[i].item = l->items[i];
	}
	qsort(r, l->n, sizeof *r, content_cmp_ranked);
	for (i = 0; i < l->n; i++)
		l->items[i] = r[i].item;
	free(r);
	free(ranks);
}

struct content *
content_load(const char *builtin_dir, char *const *dirs, size_t ndirs)
{
	struct content *c = xcalloc(1, sizeof *c);
	int k;
	size_t i;
	char *q;

	for (k = 0; k < CONTENT_KINDS; k++) {
		if (builtin_dir != NULL)
			content_scan(c, k, builtin_dir, 1);
		for (i = 0; i < ndirs; i++)
			content_scan(c, k, dirs[i], 0);
	}
	content_order_lessons(c, builtin_dir, dirs, ndirs);
	if (c->lists[CONTENT_ROUTINE].n > 0)
		qsort(c->lists[CONTENT_ROUTINE].items,
		    c->lists[CONTENT_ROUTINE].n, sizeof(struct content_item),
		    content_cmp_id);
	for (i = 0; i <= ndirs; i++) {
		const char *d = i == 0 ? builtin_dir : dirs[i - 1];

		if (d == NULL)
			continue;
		q = xasprintf("%s/screener/questions.md", d);
		if (content_is_path_file(q)) {
			free(c->screener);
			c->screener = q;
		} else
			free(q);
	}
	return c;
}

void
content_free(struct content *c)
{
	int k;
	size_t i;

	if (c == NULL)
		return;
	for (k = 0; k < CONTENT_KINDS; k++) {
		for (i = 0; i < c->lists[k].n; i++) {
			free(c->lists[k].items[i].id);
			free(c->lists[k].items[i].path);
		}
		free(c->lists[k].items);
	}
	free(c->screener);
	free(c);
}

size_t
content_count(const struct content *c, enum content_kind kind)
{
	return c->lists[kind].n;
}

const struct content_item *
content_get(const struct content *c, enum content_kind kind, size_t i)
{
	return i < c->lists[kind].n ? &c->lists[kind].items[i] : NULL;
}

const struct content_item *
content_find(const struct content *c, enum content_kind kind, const char *id)
{
	return content_list_find((struct content_list *)&c->lists[kind], id);
}

const char *
content_screener_path(const struct content *c)
{
	return c->screener;
}
