/*
 * ui_lessons.c: the lesson list.
 *
 * It shows every lesson in reading order with its mark (unread, read,
 * self-check done) and suggests the next unread one; Enter opens the pager
 * (ui_lesson.c).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curses.h>

#include "app.h"
#include "content.h"
#include "diag.h"
#include "layout.h"
#include "lesson.h"
#include "store.h"
#include "text.h"
#include "ui.h"
#include "ui_view.h"
#include "util.h"

struct ll {
	struct app *app;
	struct lesson_cache *cache;
	size_t *items;               /* content indexes of listed lessons */
	size_t n;
	struct ui_view *view;
	struct lv_target target;
};

static void *
ll_enter(struct ui *ui, void *arg)
{
	struct ll *l = xcalloc(1, sizeof *l);
	struct content *c;
	const struct content_item *it;
	size_t i;

	(void)arg;
	l->app = ui_app(ui);
	l->view = ui_view_new(UI_VIEW_SEARCH);
	c = app_content(l->app);
	l->cache = lesson_cache_new(c);
	for (i = 0; (it = content_get(c, CONTENT_LESSON, i)) != NULL; i++) {
		if (lesson_id_hidden(it->id))
			continue;
		l->items = xgrow(l->items, l->n,
		    sizeof *l->items);
		l->items[l->n++] = i;
	}
	return l;
}

static void
ll_leave(struct ui *ui, void *state)
{
	struct ll *l = state;

	(void)ui;
	lesson_cache_free(l->cache);
	ui_view_free(l->view);
	free(l->items);
	free(l);
}

static const struct content_item *
ll_item(struct ll *l, size_t i)
{
	return content_get(app_content(l->app), CONTENT_LESSON, l->items[i]);
}

static void
ll_open(struct ui *ui, struct ll *l, const char *id)
{
	snprintf(l->target.id, sizeof l->target.id, "%s", id);
	l->target.anchor[0] = '\0';
	ui_push(ui, &ui_lesson_screen, &l->target);
}

static void
ll_key(struct ui *ui, void *state, const struct ui_key *k)
{
	struct ll *l = state;
	enum ui_view_result r;

	ui_dirty(ui);
	if (k->action == UI_CHAR && k->ch == 'g') {
		/* g opens the glossary here; Home goes to the top. */
		if (content_find(app_content(l->app), CONTENT_LESSON,
		    "glossary") != NULL)
			ll_open(ui, l, "glossary");
		else
			ui_message(ui, "There is no glossary.");
		return;
	}
	r = ui_view_key(ui, l->view, k);
	if (r == UI_VIEW_MOVED)
		return;
	if (r == UI_VIEW_CHOSEN || k->action == UI_ENTER ||
	    k->action == UI_RIGHT) {
		if (l->n > 0)
			ll_open(ui, l, ll_item(l, ui_view_selected(l->view))->id);
		return;
	}
	if (k->action == UI_BACK || k->action == UI_LEFT)
		ui_pop(ui);
}

static void
ll_draw(struct ui *ui, void *state, int rows, int cols)
{
	struct ll *l = state;
	struct store *st = l->app->store;
	struct store_lesson *sr = NULL;
	const struct store_lesson *s;
	const struct content_item *it;
	const struct lesson *les;
	long nsr = 0;
	size_t i, next = (size_t)-1;
	int utf8 = text_utf8();
	const char *word, *mark;
	char *line;

	ui_draw_title(ui, cols, "Lessons");
	if (st != NULL && (nsr = store_lessons_list(st, &sr)) < 0)
		nsr = 0;
	for (i = 0; i < l->n && next == (size_t)-1; i++) {
		s = store_lesson_find(sr, nsr, ll_item(l, i)->id);
		if (s == NULL || s->read_at == 0)
			next = i;
	}
	ui_view_begin(l->view, cols - 5);
	if (l->n == 0)
		ui_view_add(l->view, UI_ROLE_DIM, 0, "No lessons found.");
	for (i = 0; i < l->n; i++) {
		it = ll_item(l, i);
		les = lesson_cache_get(l->cache, it->id);
		s = store_lesson_find(sr, nsr, it->id);
		word = lesson_status(s ? s->read_at : 0, s ? s->selfcheck_at :
		    0);
		mark = s && s->selfcheck_at ? (utf8 ? "\xe2\x9c\x94\xe2\x9c\x94"
		    : "**") : s && s->read_at ? (utf8 ? "\xe2\x9c\x94 " : "* ") :
		    "  ";
		/* The title wraps under itself; its state follows it. */
		line = xasprintf("%s %2zu  %s%s  - %s", mark, i + 1,
		    les->title != NULL ? les->title : it->id,
		    i == next ? "  (next)" : "", word);
		ui_view_item(l->view);
		ui_view_add_hanging(l->view, UI_ROLE_NORMAL, 0, 7, line);
		free(line);
	}
	ui_view_end_items(l->view);
	free(sr);
	ui_view_draw(ui, l->view, 2, 2, rows - 3);
	ui_draw_status(ui, rows - 1, cols,
	    "Enter read  g glossary  ? keys  q back");
}

static const struct ui_help ll_help[] = {
	{ "Up, Down, j, k", "choose a lesson" },
	{ "PgUp, PgDn, Home, End", "a page, the first or the last" },
	{ "1-9", "choose a lesson by its number" },
	{ "Enter, Right, l", "read it (it opens where you left off)" },
	{ "g", "open the glossary" },
	{ "/, n, N", "search the list" },
	{ "q, Esc, Left, h", "back to the home screen" },
	{ NULL, NULL }
};

const struct ui_screen ui_lessons_screen = {
	.name = "Lessons",
	.enter = ll_enter,
	.key = ll_key,
	.draw = ll_draw,
	.leave = ll_leave,
	.help = ll_help,
};
