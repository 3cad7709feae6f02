/*
 * catalogue.c: parses content/screener/questions.md (see catalogue.h).
 *
 * Shape: "### id" headings; right under each, a bullet list of
 * "key: value" lines (tier, why, points to, action, region); then one
 * paragraph, the question.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "catalogue.h"
#include "md.h"
#include "util.h"

static const char *const catalogue_tiers[] = {
	[TIER_EMERGENCY] = "EMERGENCY", [TIER_URGENT] = "URGENT",
	[TIER_SOON] = "SOON", [TIER_MODIFIER] = "modifier",
	[TIER_MASSAGE] = "massage",
};


/* Reads the "key: value" list under an item. */
static void
catalogue_keys(const char *path, cmark_node *list, int item,
    struct catalogue *c, struct diag *d)
{
	cmark_node *li;
	char *text, *colon, *key, *val;
	int line;
	const char *want = catalogue_tiers[screener_items[item].tier];
	int tier_seen = 0;

	for (li = cmark_node_first_child(list); li != NULL;
	    li = cmark_node_next(li)) {
		text = md_node_text(li);
		line = cmark_node_get_start_line(li);
		colon = strchr(text, ':');
		if (colon == NULL) {
			diag_add(d, path, line, "expected 'key: value'");
			free(text);
			continue;
		}
		*colon = '\0';
		key = util_trim(text);
		val = util_trim(colon + 1);
		if (strcmp(key, "tier") == 0) {
			tier_seen = 1;
			if (strcmp(val, want) != 0)
				diag_add(d, path, line, "%s is in tier %s, not "
				    "'%s'", screener_items[item].id, want, val);
		} else if (strcmp(key, "why") == 0) {
			free(c->e[item].why);
			c->e[item].why = xstrdup(val);
		} else if (strcmp(key, "points to") != 0 &&
		    strcmp(key, "action") != 0 && strcmp(key, "region") != 0)
			diag_add(d, path, line, "unknown key '%s'", key);
		free(text);
	}
	if (!tier_seen)
		diag_add(d, path, c->e[item].line, "%s has no tier",
		    screener_items[item].id);
}

struct catalogue *
catalogue_parse(const char *path, const char *text, size_t len,
    struct diag *d)
{
	struct catalogue *c = xcalloc(1, sizeof *c);
	cmark_node *doc = cmark_parse_document(text, len, CMARK_OPT_DEFAULT);
	cmark_node *n;
	int item = -1, line;
	char *id;
	size_t i;

	for (n = cmark_node_first_child(doc); n != NULL; n = cmark_node_next(n)) {
		line = cmark_node_get_start_line(n);
		if (cmark_node_get_type(n) == CMARK_NODE_HEADING) {
			item = -1;
			if (cmark_node_get_heading_level(n) != 3)
				continue;
			id = md_node_text(n);
			item = screener_item_index(util_trim(id));
			if (item < 0)
				diag_add(d, path, line, "unknown item '%s'",
				    util_trim(id));
			else if (c->e[item].line != 0) {
				diag_add(d, path, line, "%s appears twice "
				    "(first on line %d)", id, c->e[item].line);
				item = -1;
			} else
				c->e[item].line = line;
			free(id);
		} else if (item >= 0 &&
		    cmark_node_get_type(n) == CMARK_NODE_LIST)
			catalogue_keys(path, n, item, c, d);
		else if (item >= 0 &&
		    cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH &&
		    c->e[item].question == NULL)
			c->e[item].question = md_node_text(n);
	}
	cmark_node_free(doc);
	for (i = 0; i < screener_item_count; i++) {
		if (c->e[i].line == 0)
			diag_add(d, path, 0, "the question '%s' is missing",
			    screener_items[i].id);
		else if (c->e[i].question == NULL)
			diag_add(d, path, c->e[i].line, "%s has no question "
			    "paragraph", screener_items[i].id);
		else if (c->e[i].why == NULL)
			diag_add(d, path, c->e[i].line, "%s has no 'why' line",
			    screener_items[i].id);
	}
	return c;
}

void
catalogue_free(struct catalogue *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < SCREENER_MAX_ITEMS; i++) {
		free(c->e[i].question);
		free(c->e[i].why);
	}
	free(c);
}
