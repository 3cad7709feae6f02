/*
 * store_checks.c: safety checks, what they decided, and the clearances
 * they and the plans use (see store.h).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "clearance.h"
#include "day.h"
#include "safety.h"
#include "screener.h"
#include "store.h"
#include "store_private.h"
#include "util.h"

/*
 * Steps s, whose rows are (item, cleared_by, until_date), appending one
 * clearance a row to *out (*n entries); finalizes s.  An unreadable date
 * ends the clearance (fail safe).  Returns 0 or -1.
 */
static void
store_clearance_row(sqlite3_stmt *s, void *elem, void *ctx)
{
	const unsigned char *until = sqlite3_column_text(s, 2);
	struct clearance *c = elem;

	(void)ctx;
	c->id = store_column_dup(s, 0);
	c->by = store_column_dup(s, 1);
	c->line = 0;
	if (until == NULL || day_parse((const char *)until, &c->until) != 0)
		c->until = INT32_MIN;
	if (c->id == NULL)
		c->id = xstrdup("");
	if (c->by == NULL)
		c->by = xstrdup("");
}

int
store_clearance_rows(struct store *st, sqlite3_stmt *s,
    struct clearance **out, size_t *n, const char *what)
{
	struct store_rows r = { *out, *n, sizeof **out, store_clearance_row,
	    NULL };
	int rc = store_rows(st, s, &r, what);

	*out = r.items;
	*n = r.n;
	return rc;
}

/* ---- safety checks ---------------------------------------------------- */

static int
store_check_rows(struct store *st, sqlite3_int64 id,
    const struct screener_answers *ans, const unsigned char *asked,
    const struct screener_result *res)
{
	sqlite3_stmt *s;
	size_t i;
	const char *detail;

	for (i = 0; i < screener_item_count; i++) {
		if (!asked[i])
			continue;
		s = store_prepare(st, "INSERT INTO check_answers (check_id, "
		    "item, answer, detail) VALUES (?1, ?2, ?3, ?4)");
		if (s == NULL)
			return -1;
		detail = ans->region[i][0] != '\0' ? ans->region[i] : NULL;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_text(s, 2, screener_items[i].id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, answer_name(ans->a[i]), -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(s, 4, detail, -1, SQLITE_STATIC);
		if (store_step_done(st, s, "saving the safety check") != 0)
			return -1;
	}
	for (i = 0; i < res->n_hits; i++) {
		s = store_prepare(st, "INSERT INTO check_rules (check_id, rule, "
		    "items) VALUES (?1, ?2, ?3)");
		if (s == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_text(s, 2, res->hits[i].rule, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, res->hits[i].items, -1, SQLITE_STATIC);
		if (store_step_done(st, s, "saving the safety check") != 0)
			return -1;
	}
	for (i = 0; i < res->n_actions; i++) {
		s = store_prepare(st, "INSERT INTO check_actions (check_id, "
		    "item, action, region) VALUES (?1, ?2, ?3, ?4)");
		if (s == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_text(s, 2, screener_items[res->actions[i].item].id,
		    -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3,
		    screener_action_name(res->actions[i].action), -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(s, 4, res->actions[i].region[0] != '\0' ?
		    res->actions[i].region : NULL, -1, SQLITE_STATIC);
		if (store_step_done(st, s, "saving the safety check") != 0)
			return -1;
	}
	return 0;
}

/* The clearances the check used, with who gave them and until when. */
static int
store_check_clearances(struct store *st, sqlite3_int64 id,
    const struct screener_result *res, const struct clearance *cl,
    size_t ncl)
{
	const struct clearance *c;
	sqlite3_stmt *s;
	char until[11];
	size_t i;

	for (i = 0; i < res->n_cleared; i++) {
		c = clearance_find(cl, ncl, screener_items[res->cleared[i]].id,
		    INT32_MIN);
		if (c == NULL)
			continue;
		s = store_prepare(st, "INSERT INTO check_clearances (check_id, "
		    "item, cleared_by, until_date) VALUES (?1, ?2, ?3, ?4)");
		if (s == NULL)
			return -1;
		day_format(c->until, until);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_text(s, 2, c->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, c->by, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, until, -1, SQLITE_STATIC);
		if (store_step_done(st, s, "saving the safety check") != 0)
			return -1;
	}
	return 0;
}

int64_t
store_check_record(struct store *st, const struct store_check *c)
{
	const struct screener_answers *ans = c->answers;
	const struct screener_result *res = c->result;
	sqlite3_stmt *s;
	sqlite3_int64 id;

	if (store_begin(st) != 0)
		return -1;
	s = store_prepare(st, "INSERT INTO checks (at, kind, source, age, "
	    "weeks, verdict, rules) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	if (s == NULL)
		goto fail;
	sqlite3_bind_int64(s, 1, c->at);
	sqlite3_bind_text(s, 2, c->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, c->source, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 7, SAFETY_RULES_VERSION);
	if (ans->age >= 0)
		sqlite3_bind_int(s, 4, ans->age);
	if (ans->weeks >= 0)
		sqlite3_bind_int(s, 5, ans->weeks);
	sqlite3_bind_text(s, 6, verdict_name(res->verdict), -1, SQLITE_STATIC);
	if (store_step_done(st, s, "saving the safety check") != 0)
		goto fail;
	id = sqlite3_last_insert_rowid(st->db);
	if (store_check_rows(st, id, ans, c->asked, res) != 0 ||
	    store_check_clearances(st, id, res, c->clearances,
	    c->n_clearances) != 0 || store_commit(st) != 0)
		goto fail;
	return id;
fail:
	store_rollback(st);
	return -1;
}

/* Reads the massage limits stored with check id into l. */
static int
store_check_limits(struct store *st, sqlite3_int64 id,
    struct massage_limits *l)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT action, region, item "
	    "FROM check_actions WHERE check_id = ?1");
	const char *action, *region;
	unsigned bit;
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		action = (const char *)sqlite3_column_text(s, 0);
		region = (const char *)sqlite3_column_text(s, 1);
		/* An action this version does not know: fail safe. */
		if (action == NULL || screener_action_parse(action, &bit) != 0)
			bit = ACTION_BLOCK;
		screener_limits_apply(l, bit, region);
		screener_limits_note_item(l,
		    (const char *)sqlite3_column_text(s, 2));
	}
	return store_finish(st, s, rc, "reading the safety checks");
}

/* The latest check (of kind, or of any kind when kind is NULL). */
static int
store_latest_check(struct store *st, const char *kind, int *have,
    int64_t *at, enum verdict *v, sqlite3_int64 *id, int *rules)
{
	/* The last stored, whatever its clock time (section 6 item 2). */
	sqlite3_stmt *s = store_prepare(st, kind != NULL ?
	    "SELECT at, verdict, id, rules FROM checks WHERE kind = ?1 "
	    "ORDER BY id DESC LIMIT 1" :
	    "SELECT at, verdict, id, rules FROM checks ORDER BY id DESC "
	    "LIMIT 1");
	int rc;

	if (s == NULL)
		return -1;
	if (kind != NULL)
		sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	*have = rc == SQLITE_ROW;
	if (rc == SQLITE_ROW) {
		*at = sqlite3_column_int64(s, 0);
		if (verdict_parse((const char *)sqlite3_column_text(s, 1), v)
		    != 0)
			*v = VERDICT_EMERGENCY;   /* unreadable: fail safe */
		*id = sqlite3_column_int64(s, 2);
		*rules = sqlite3_column_int(s, 3);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_set_sqlite_error(st, "reading the safety checks");
		return -1;
	}
	return 0;
}

int
store_last_check_clearances(struct store *st, struct clearance **out,
    size_t *n)
{
	sqlite3_stmt *s;

	*out = NULL;
	*n = 0;
	s = store_prepare(st, "SELECT item, cleared_by, until_date FROM "
	    "check_clearances WHERE check_id = (SELECT max(id) FROM checks "
	    "WHERE kind = 'full') ORDER BY rowid");
	if (s == NULL)
		return -1;
	return store_clearance_rows(st, s, out, n, "reading the safety checks");
}

int
store_gate_input(struct store *st, int32_t today, struct gate_input *in)
{
	sqlite3_int64 full_id = 0, any_id = 0;
	int any_rules = 0;
	sqlite3_stmt *s;
	char day[11];
	int rc;

	memset(in, 0, sizeof *in);
	if (store_latest_check(st, "full", &in->have_full, &in->last_full_at,
	    &in->last_full_verdict, &full_id, &in->last_full_rules) != 0 ||
	    store_latest_check(st, NULL, &in->have_any, &in->last_any_at,
	    &in->last_any_verdict, &any_id, &any_rules) != 0)
		return -1;
	if (!in->have_full)
		return 0;
	if (store_check_limits(st, full_id, &in->limits) != 0)
		return -1;
	s = store_prepare(st, "SELECT EXISTS (SELECT 1 FROM check_clearances "
	    "WHERE check_id = ?1 AND until_date < ?2)");
	if (s == NULL)
		return -1;
	day_format(today, day);
	sqlite3_bind_int64(s, 1, full_id);
	sqlite3_bind_text(s, 2, day, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		in->clearance_ended = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW) {
		store_set_sqlite_error(st, "reading the safety checks");
		return -1;
	}
	return 0;
}
