/*
 * ui_check.c: the safety check screens: the full check (age, weeks, the
 * questions one a screen, a summary to review, the verdict) and the short
 * re-check of the emergency questions before a routine.
 *
 * The rules and the order of questions come from screener.c; this file
 * only asks and shows.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "app.h"
#include "catalogue.h"
#include "checkflow.h"
#include "clock.h"
#include "content.h"
#include "recheck.h"
#include "screener.h"
#include "store.h"
#include "text.h"
#include "ui.h"
#include "ui_view.h"
#include "util.h"

enum check_stage {
	STAGE_AGE,
	STAGE_WEEKS,
	STAGE_QUESTION,
	STAGE_REGION,
	STAGE_SUMMARY,
	STAGE_VERDICT,
	STAGE_BROKEN      /* the catalogue could not be read */
};

struct check {
	enum check_stage stage;
	struct catalogue *cat;
	struct screener_answers ans;
	unsigned char asked[SCREENER_MAX_ITEMS];
	int history[SCREENER_MAX_ITEMS];   /* items in the order asked */
	int n_history;
	int item;                          /* the item on screen */
	int why;                           /* show the "why we ask" line */
	int confirm_quit;
	char entry[8];                     /* number being typed */
	unsigned region_mask;              /* STAGE_REGION choices */
	int region_cursor;
	int summary_cursor;                /* 0 = confirm, i+1 = history[i] */
	int summary_top;
	int returning;                     /* changing one answer from the
					      summary */
	unsigned char earlier[SCREENER_MAX_ITEMS];  /* answer + 1 before
					      going back, for the screen */
	struct ui_view *view;              /* the text of each stage */
	int view_for;                      /* the stage and item it shows */
	struct check_outcome outcome;      /* once finished */
	int finished;
	int recheck;                       /* 1: the E1 re-check only */
	struct recheck_request *request;
	char error[256];
};

/* How an answer reads on screen. */
static const char *
check_answer_text(enum answer a)
{
	return a == ANSWER_UNSURE ? "not sure" : answer_name(a);
}

static int
check_next(struct check *c, int after)
{
	size_t i;

	if (!c->recheck)
		return screener_next_item(&c->ans, after);
	for (i = 0; i < screener_e1_count; i++)
		if (screener_e1_items[i] > after)
			return screener_e1_items[i];
	return -1;
}

static void *
check_enter_common(struct ui *ui, int recheck, struct recheck_request *req)
{
	struct check *c = xcalloc(1, sizeof *c);

	c->recheck = recheck;
	c->request = req;
	c->view = ui_view_new(0);
	c->view_for = -1;
	screener_answers_init(&c->ans);
	if (!recheck)
		checkflow_mark_clearances(ui_app(ui), &c->ans);
	c->cat = recheck_load_catalogue(ui_app(ui), c->error,
	    sizeof c->error);
	if (c->cat == NULL)
		c->stage = STAGE_BROKEN;
	else if (recheck) {
		c->stage = STAGE_QUESTION;
		c->item = check_next(c, -1);
	} else
		c->stage = STAGE_AGE;
	return c;
}

static void *
check_enter(struct ui *ui, void *arg)
{
	(void)arg;
	return check_enter_common(ui, 0, NULL);
}

static void *
recheck_enter(struct ui *ui, void *arg)
{
	return check_enter_common(ui, 1, arg);
}

static void
check_leave(struct ui *ui, void *state)
{
	struct check *c = state;

	(void)ui;
	if (c->request != NULL && !c->request->done)
		c->request->cancelled = 1;
	catalogue_free(c->cat);
	if (c->finished)
		checkflow_free(&c->outcome);
	ui_view_free(c->view);
	free(c);
}

/*
 * Decides the finished check, then saves it: the verdict is shown whether
 * or not the save works (red-flags.md section 6 item 3).
 */
static void
check_finish(struct ui *ui, struct check *c)
{
	struct check_outcome *o = &c->outcome;
	char why[512] = "";

	checkflow_decide(ui_app(ui), c->cat, &c->ans, c->recheck, o);
	c->finished = 1;
	/* The reason first: a status line cut at 40 columns keeps it. */
	if (checkflow_save(ui_app(ui), o, c->asked, c->recheck ? "run" :
	    "interactive") != 0)
		ui_message(ui, "Not saved: %s", util_reason_first(o->error,
		    ui_app(ui)->db_path, why, sizeof why));
	if (c->request != NULL) {
		c->request->done = o->saved;
		c->request->verdict = o->result.verdict;
		c->request->unsaved = !o->saved;
		snprintf(c->request->why, sizeof c->request->why, "%s",
		    o->saved ? "" : why);
	}
	if (c->recheck && o->saved && o->result.verdict == VERDICT_NONE) {
		ui_pop(ui);
		return;
	}
	c->stage = STAGE_VERDICT;
}

/*
 * Leaving before the end: answers that already call for care still show
 * their verdict and advice, marked not saved (section 6 item 3).
 */
static void
check_leave_early(struct ui *ui, struct check *c)
{
	if (c->stage == STAGE_AGE || c->stage == STAGE_WEEKS ||
	    c->cat == NULL || c->finished ||
	    !checkflow_left_early(ui_app(ui), c->cat, &c->ans, c->recheck,
	    &c->outcome)) {
		ui_pop(ui);
		return;
	}
	c->finished = 1;
	if (c->request != NULL) {
		c->request->done = 0;
		c->request->cancelled = 1;
		c->request->verdict = c->outcome.result.verdict;
	}
	c->stage = STAGE_VERDICT;
}

static void
check_goto_question(struct check *c, int item)
{
	c->item = item;
	c->why = 0;
	c->stage = STAGE_QUESTION;
}

/* After an answer: the next question, or the summary. */
static void
check_advance(struct ui *ui, struct check *c)
{
	int next;

	if (c->returning) {
		/* A changed answer may bring in questions not yet asked. */
		for (next = check_next(c, -1); next >= 0;
		    next = check_next(c, next))
			if (!c->asked[next]) {
				check_goto_question(c, next);
				return;
			}
		c->returning = 0;
		c->stage = STAGE_SUMMARY;
		return;
	}
	next = check_next(c, c->item);
	if (next >= 0)
		check_goto_question(c, next);
	else if (c->recheck)
		check_finish(ui, c);
	else {
		c->stage = STAGE_SUMMARY;
		c->summary_cursor = 0;
		c->summary_top = 0;
	}
}

static void
check_record_answer(struct ui *ui, struct check *c, enum answer a)
{
	c->ans.a[c->item] = a;
	if (!c->asked[c->item]) {
		c->asked[c->item] = 1;
		c->history[c->n_history++] = c->item;
	}
	if (a != ANSWER_NO &&
	    (screener_items[c->item].actions & ACTION_AVOID_AREA) &&
	    screener_items[c->item].region == NULL) {
		c->stage = STAGE_REGION;
		c->region_mask = 0;
		c->region_cursor = 0;
		return;
	}
	if (a == ANSWER_NO)
		c->ans.region[c->item][0] = '\0';
	check_advance(ui, c);
}

/* Goes back one question (forgetting its answer). */
static void
check_back(struct check *c)
{
	int prev;

	if (c->n_history == 0) {
		if (!c->recheck)
			c->stage = STAGE_WEEKS;
		return;
	}
	prev = c->history[--c->n_history];
	/* Shown as "your earlier answer", but no longer counted. */
	c->earlier[prev] = (unsigned char)(c->ans.a[prev] + 1);
	c->asked[prev] = 0;
	c->ans.a[prev] = ANSWER_NO;
	c->ans.region[prev][0] = '\0';
	check_goto_question(c, prev);
}

static void
check_key_number(struct ui *ui, struct check *c, const struct ui_key *k)
{
	size_t n = strlen(c->entry);
	long v;
	int is_age = c->stage == STAGE_AGE;

	if (k->action == UI_CHAR && k->ch >= '0' && k->ch <= '9') {
		if (n < 3) {
			c->entry[n] = (char)k->ch;
			c->entry[n + 1] = '\0';
		}
	} else if (k->action == UI_BACKSPACE || k->action == UI_LEFT) {
		if (n > 0)
			c->entry[n - 1] = '\0';
		else if (!is_age)
			c->stage = STAGE_AGE;
	} else if (k->action == UI_ENTER) {
		if (util_parse_long(c->entry, 0, is_age ? 120 : 520, &v)
		    != 0) {
			ui_message(ui, "Please type a whole number from 0 to "
			    "%d.", is_age ? 120 : 520);
			return;
		}
		if (is_age) {
			c->ans.age = (int)v;
			c->stage = STAGE_WEEKS;
		} else {
			c->ans.weeks = (int)v;
			check_goto_question(c, check_next(c, -1));
		}
		c->entry[0] = '\0';
	} else if (k->action == UI_BACK)
		c->confirm_quit = 1;
	else
		ui_view_key(ui, c->view, k);
}

static void
check_key_question(struct ui *ui, struct check *c, const struct ui_key *k)
{
	if (k->action == UI_CHAR) {
		switch (k->ch) {
		case 'y': case 'Y':
			check_record_answer(ui, c, ANSWER_YES);
			return;
		case 'n': case 'N':
			check_record_answer(ui, c, ANSWER_NO);
			return;
		case 'u': case 'U': case 's': case 'S':
			check_record_answer(ui, c, ANSWER_UNSURE);
			return;
		case 'w': case 'W':
			c->why = c->why ? 0 : 2;
			return;
		case 'b':
			check_back(c);
			return;
		}
	}
	if (k->action == UI_LEFT || k->action == UI_BACKSPACE)
		check_back(c);
	else if (k->action == UI_BACK)
		c->confirm_quit = 1;
	else
		ui_view_key(ui, c->view, k);    /* a long question scrolls */
}

static void
check_key_region(struct ui *ui, struct check *c, const struct ui_key *k)
{
	struct buf b = BUF_INIT;
	size_t i;

	if (k->action == UI_CHAR && k->ch == ' ') {
		c->region_mask ^= 1u << c->region_cursor;
		return;
	}
	switch (ui_view_key(ui, c->view, k)) {
	case UI_VIEW_CHOSEN:            /* a click marks or unmarks */
		c->region_cursor = (int)ui_view_selected(c->view);
		c->region_mask ^= 1u << c->region_cursor;
		return;
	case UI_VIEW_MOVED:
		c->region_cursor = (int)ui_view_selected(c->view);
		return;
	default:
		break;
	}
	switch (k->action) {
	case UI_ENTER:
		if (c->region_mask == 0) {
			ui_message(ui, "Mark an area with Space first.");
			break;
		}
		for (i = 0; i < screener_region_count; i++)
			if (c->region_mask & (1u << i))
				buf_printf(&b, "%s%s", b.len ? ", " : "",
				    screener_regions[i]);
		snprintf(c->ans.region[c->item], sizeof c->ans.region[0], "%s",
		    b.data);
		buf_free(&b);
		check_advance(ui, c);
		break;
	case UI_BACK:
	case UI_LEFT:
		c->stage = STAGE_QUESTION;
		break;
	default:
		break;
	}
}

static void
check_summary_choose(struct ui *ui, struct check *c)
{
	if (c->summary_cursor == 0)
		check_finish(ui, c);
	else {
		/* Change one answer, then come back here. */
		c->returning = 1;
		check_goto_question(c, c->history[c->summary_cursor - 1]);
	}
}

static void
check_key_summary(struct ui *ui, struct check *c, const struct ui_key *k)
{
	switch (ui_view_key(ui, c->view, k)) {
	case UI_VIEW_CHOSEN:
		c->summary_cursor = (int)ui_view_selected(c->view);
		check_summary_choose(ui, c);
		return;
	case UI_VIEW_MOVED:
		c->summary_cursor = (int)ui_view_selected(c->view);
		return;
	default:
		break;
	}
	switch (k->action) {
	case UI_ENTER:
	case UI_RIGHT:
		check_summary_choose(ui, c);
		break;
	case UI_CHAR:
		if (k->ch == 'c')
			check_finish(ui, c);
		break;
	case UI_LEFT:
	case UI_BACKSPACE:
		check_back(c);
		break;
	case UI_BACK:
		c->confirm_quit = 1;
		break;
	default:
		break;
	}
}

static void
check_key(struct ui *ui, void *state, const struct ui_key *k)
{
	struct check *c = state;

	ui_dirty(ui);
	if (c->confirm_quit) {
		c->confirm_quit = 0;
		if (k->action == UI_CHAR && (k->ch == 'y' || k->ch == 'Y'))
			check_leave_early(ui, c);
		return;
	}
	switch (c->stage) {
	case STAGE_AGE:
	case STAGE_WEEKS:
		check_key_number(ui, c, k);
		break;
	case STAGE_QUESTION:
		check_key_question(ui, c, k);
		break;
	case STAGE_REGION:
		check_key_region(ui, c, k);
		break;
	case STAGE_SUMMARY:
		check_key_summary(ui, c, k);
		break;
	case STAGE_VERDICT:
	case STAGE_BROKEN:
		if (k->action == UI_ENTER || k->action == UI_BACK ||
		    k->action == UI_LEFT)
			ui_pop(ui);
		else
			ui_view_key(ui, c->view, k);
		break;
	}
}

/* ---- drawing ---------------------------------------------------------- */

static const char *
check_section(int item)
{
	switch (screener_items[item].tier) {
	case TIER_MODIFIER:
		return "More about your pain";
	case TIER_MASSAGE:
		/* NO-EXTENSION shapes the exercises, not the massage. */
		return (screener_items[item].actions & ACTION_NO_EXTENSION) ?
		    "Exercise checks" : "Massage checks";
	default:
		return "Warning signs";
	}
}

/* Starts the view afresh for what is on screen now: a new stage or
 * question begins at its top. */
static struct ui_view *
check_view(struct check *c, int cols)
{
	int now = (int)c->stage * 1000 + c->item;

	if (c->view_for != now) {
		ui_view_home(c->view);
		ui_view_select(c->view, 0);
		c->view_for = now;
	}
	ui_view_begin(c->view, cols - 5);
	return c->view;
}

static void
check_draw_number(struct ui *ui, struct check *c, int rows, int cols)
{
	struct ui_view *v = check_view(c, cols);
	int is_age = c->stage == STAGE_AGE, row;
	char field[32];

	/* The question and its field first; the note scrolls under them. */
	row = 2 + ui_put_wrapped(ui, 2, 2, 3, cols - 4, UI_ROLE_EMPHASIS,
	    is_age ? "How old are you, in years?" : "How many weeks has this "
	    "episode of back pain lasted? (0 if less than a week)");
	snprintf(field, sizeof field, "> %s_", c->entry);
	ui_put(ui, row + 1, 4, cols - 6, UI_ROLE_SELECTED, field);
	ui_view_add(v, UI_ROLE_NORMAL, 0,
	    "This check asks about warning signs of serious back problems. "
	    "It does not diagnose anything. Answer as well as you can; "
	    "\"not sure\" is a fine answer.");
	ui_view_draw(ui, v, row + 3, 2, rows - row - 4);
	ui_draw_status(ui, rows - 1, cols, is_age ?
	    "Type a number, Enter, q leave" :
	    "Type a number, Enter, Left back");
}

/* "question 3 of 41": where this question is among those the answers so
 * far lead to. */
static void
check_position(struct check *c, int *at, int *of)
{
	int i;

	*at = *of = 0;
	for (i = check_next(c, -1); i >= 0; i = check_next(c, i)) {
		(*of)++;
		if (i == c->item)
			*at = *of;
	}
	if (*at == 0)
		*at = c->n_history + 1;
	if (*of < *at)
		*of = *at;
}

/* The emergency questions asked in the middle of a session (P2). */
static int
check_mid_session(const struct check *c)
{
	return c->recheck && c->request != NULL && c->request->mid_session;
}

static void
check_draw_question(struct ui *ui, struct check *c, int rows, int cols)
{
	const struct catalogue_entry *e = &c->cat->e[c->item];
	struct ui_view *v = check_view(c, cols);
	enum answer was = ANSWER_NO;
	int at, of, have_was = 0;

	check_position(c, &at, &of);
	ui_view_addf(v, UI_ROLE_DIM, 0, "%s: question %d of %d", c->recheck ?
	    check_mid_session(c) ? c->request->mid_session == 2 ?
	    "After the session: the emergency questions" : "During the "
	    "session: the emergency questions" : "Before you start: the "
	    "emergency questions" :
	    check_section(c->item), at, of);
	if (c->asked[c->item]) {
		was = c->ans.a[c->item];
		have_was = 1;
	} else if (c->earlier[c->item] > 0) {
		was = (enum answer)(c->earlier[c->item] - 1);
		have_was = 1;
	}
	if (have_was)
		ui_view_addf(v, UI_ROLE_WARNING, 0, "Your earlier answer: %s",
		    check_answer_text(was));
	ui_view_add(v, UI_ROLE_NORMAL, 0, "");
	ui_view_add(v, UI_ROLE_EMPHASIS, 0, e->question);
	if (c->why) {
		ui_view_add(v, UI_ROLE_NORMAL, 0, "");
		/* Just asked for: bring it into sight. */
		if (c->why == 2) {
			ui_view_scroll_to(v, ui_view_lines(v) > 2 ?
			    ui_view_lines(v) - 2 : 0);
			c->why = 1;
		}
		ui_view_add(v, UI_ROLE_DIM, 0, e->why);
	}
	ui_view_draw(ui, v, 2, 2, rows - 5);
	ui_put(ui, rows - 3, 2, cols - 4, UI_ROLE_NORMAL,
	    "y yes   n no   u not sure");
	/* At 40 columns the short form keeps the back key and leaving. */
	ui_draw_status(ui, rows - 1, cols, c->why ?
	    "y/n/u answer  Left back  ? keys  q leave" : cols >= 58 ?
	    "y/n/u answer  w why we ask  Left back  ? keys  q leave" :
	    "y/n/u  w why  Left back  q leave");
}

static void
check_draw_region(struct ui *ui, struct check *c, int rows, int cols)
{
	struct ui_view *v = check_view(c, cols);
	size_t i;

	ui_view_add(v, UI_ROLE_EMPHASIS, 0,
	    "Which area should your routines leave out? Mark one or more "
	    "with Space, then press Enter.");
	ui_view_add(v, UI_ROLE_NORMAL, 0, "");
	for (i = 0; i < screener_region_count; i++) {
		ui_view_item(v);
		ui_view_addf(v, UI_ROLE_NORMAL, 2, "[%c] %s",
		    c->region_mask & (1u << i) ? 'x' : ' ',
		    screener_regions[i]);
	}
	ui_view_end_items(v);
	ui_view_select(v, (size_t)c->region_cursor);
	ui_view_draw(ui, v, 2, 2, rows - 3);
	ui_draw_status(ui, rows - 1, cols,
	    "Up/Down move  Space mark  Enter done");
}

static void
check_draw_summary(struct ui *ui, struct check *c, int rows, int cols)
{
	struct ui_view *v = check_view(c, cols);
	int i, item;

	ui_view_add(v, UI_ROLE_EMPHASIS, 0,
	    "Your answers: check them, then confirm.");
	for (i = 0; i <= c->n_history; i++) {
		ui_view_item(v);
		if (i == 0) {
			ui_view_addf(v, UI_ROLE_EMPHASIS, 0, "Confirm: see the "
			    "result (age %d, %d week%s)", c->ans.age,
			    c->ans.weeks, c->ans.weeks == 1 ? "" : "s");
			continue;
		}
		item = c->history[i - 1];
		char *line = xasprintf("%-8s %s%s%s",
		    check_answer_text(c->ans.a[item]),
		    c->cat->e[item].question, c->ans.region[item][0] ?
		    " - " : "", c->ans.region[item]);
		ui_view_add_hanging(v, UI_ROLE_NORMAL, 0, 9, line);
		free(line);
	}
	ui_view_end_items(v);
	ui_view_select(v, (size_t)c->summary_cursor);
	ui_view_draw(ui, v, 2, 2, rows - 3);
	ui_draw_status(ui, rows - 1, cols,
	    "Enter confirm or change  c confirm  ? keys");
}

/* The verdict's colour. */
static enum ui_role
check_verdict_role(enum verdict v)
{
	return v == VERDICT_EMERGENCY || v == VERDICT_URGENT ? UI_ROLE_DANGER :
	    v == VERDICT_SOON ? UI_ROLE_WARNING : UI_ROLE_GOOD;
}

/* The answers behind the verdict, as plain questions. */
static void
check_add_reasons(struct check *c, struct ui_view *v)
{
	size_t i;
	int item;

	if (c->outcome.result.n_hits == 0)
		return;
	ui_view_add(v, UI_ROLE_EMPHASIS, 0, "Because you answered:");
	for (i = 0; i < screener_item_count; i++) {
		item = (int)i;
		if (!c->asked[item] || c->ans.a[item] == ANSWER_NO ||
		    screener_items[item].tier == TIER_MASSAGE)
			continue;
		ui_view_addf(v, UI_ROLE_NORMAL, 2, "- %s: %s",
		    check_answer_text(c->ans.a[item]),
		    c->cat->e[item].question);
	}
	ui_view_add(v, UI_ROLE_NORMAL, 0, "");
}

/* The colour of a paragraph of advice. */
static enum ui_role
check_tone_role(enum advice_tone t)
{
	return t == ADVICE_DANGER ? UI_ROLE_DANGER : t == ADVICE_STRONG ?
	    UI_ROLE_EMPHASIS : t == ADVICE_QUIET ? UI_ROLE_DIM : UI_ROLE_NORMAL;
}

/*
 * The verdict, then every paragraph of its advice, in a window that
 * scrolls: at 40x12 nothing of it is cut.
 */
static void
check_draw_verdict(struct ui *ui, struct check *c, int rows, int cols)
{
	const struct advice *a = &c->outcome.advice;
	enum verdict verdict = c->outcome.result.verdict;
	struct ui_view *v = check_view(c, cols);
	char head[64];
	size_t i;

	/* The verdict's name stays in sight while its advice scrolls. */
	snprintf(head, sizeof head, " %s ", verdict_name(verdict));
	ui_put(ui, 2, 2, cols - 4, check_verdict_role(verdict), head);
	for (i = 0; i < a->n; i++) {
		if (i == 1)
			check_add_reasons(c, v);
		ui_view_addf(v, check_tone_role(a->p[i].tone), 0, "%s: %s",
		    a->p[i].label, a->p[i].text);
		ui_view_add(v, UI_ROLE_NORMAL, 0, "");
	}
	ui_view_draw(ui, v, 4, 2, rows - 5);
	ui_draw_status(ui, rows - 1, cols, c->outcome.saved ?
	    "Saved.  Up/Down scroll  Enter back" :
	    "NOT SAVED.  Up/Down scroll  Enter back");
}

static void
check_draw(struct ui *ui, void *state, int rows, int cols)
{
	struct check *c = state;

	ui_draw_title(ui, cols, c->recheck ? "Safety re-check" :
	    "Safety check");
	switch (c->stage) {
	case STAGE_AGE:
	case STAGE_WEEKS:
		check_draw_number(ui, c, rows, cols);
		break;
	case STAGE_QUESTION:
		check_draw_question(ui, c, rows, cols);
		break;
	case STAGE_REGION:
		check_draw_region(ui, c, rows, cols);
		break;
	case STAGE_SUMMARY:
		check_draw_summary(ui, c, rows, cols);
		break;
	case STAGE_VERDICT:
		check_draw_verdict(ui, c, rows, cols);
		break;
	case STAGE_BROKEN:
		ui_view_add(check_view(c, cols), UI_ROLE_WARNING, 0, c->error);
		ui_view_draw(ui, c->view, 2, 2, rows - 3);
		ui_draw_status(ui, rows - 1, cols, "Enter to go back");
		break;
	}
	/* Short enough for 40 columns; during a session, leaving locks the
	 * routines (ui_runner.c), and the question says so. */
	if (c->confirm_quit)
		ui_draw_status(ui, rows - 1, cols, check_mid_session(c) ?
		    (cols >= 60 ? "Leave? The routines stay locked. y leave, "
		    "other keys stay" : "Leave? Routines lock. y leave, n stay") :
		    cols >= 60 ? "Leave? Nothing is saved. y leave, other keys "
		    "stay" : "Leave? Nothing saved. y leave, n stay");
}

static const struct ui_help check_help[] = {
	{ "0-9, Enter", "type your age or weeks" },
	{ "y", "yes" },
	{ "n", "no" },
	{ "u, s", "not sure" },
	{ "w", "why we ask this question" },
	{ "Left, h, b, Backspace", "back to the previous question (its "
	    "answer is shown)" },
	{ "Up, Down, j, k", "scroll a long question; choose (areas, "
	    "summary)" },
	{ "PgUp, PgDn, g, G", "a page, the start or the end" },
	{ "1-9", "choose an area or an answer by its number" },
	{ "Space", "mark an area" },
	{ "Enter", "confirm, or change the chosen answer" },
	{ "c", "confirm the summary" },
	{ "Up, Down, PgUp, PgDn", "scroll the verdict" },
	{ "q, Esc", "leave without saving" },
	{ NULL, NULL }
};

const struct ui_screen ui_check_screen = {
	.name = "Safety check",
	.enter = check_enter,
	.key = check_key,
	.draw = check_draw,
	.leave = check_leave,
	.help = check_help,
};

const struct ui_screen ui_recheck_screen = {
	.name = "Safety re-check",
	.enter = recheck_enter,
	.key = check_key,
	.draw = check_draw,
	.leave = check_leave,
	.help = check_help,
};
