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
	struct check_outcome outcome;      /* once finished */
	int finished;
	struct ui_window verdict;          /* the verdict, scrolled */
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

	checkflow_decide(ui_app(ui), c->cat, &c->ans, c->recheck, o);
	c->finished = 1;
	if (checkflow_save(ui_app(ui), o, c->asked, c->recheck ? "run" :
	    "interactive") != 0)
		ui_message(ui, "Not saved: %s", o->error);
	if (c->request != NULL) {
		c->request->done = o->saved;
		c->request->verdict = o->result.verdict;
	}
	if (c->recheck && o->saved && o->result.verdict == VERDICT_NONE) {
		ui_pop(ui);
		return;
	}
	memset(&c->verdict, 0, sizeof c->verdict);
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
	memset(&c->verdict, 0, sizeof c->verdict);
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
			c->why = !c->why;
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
}

static void
check_key_region(struct ui *ui, struct check *c, const struct ui_key *k)
{
	struct buf b = BUF_INIT;
	size_t i;
	int n = (int)screener_region_count;

	switch (k->action) {
	case UI_UP:
		c->region_cursor = (c->region_cursor + n - 1) % n;
		break;
	case UI_DOWN:
		c->region_cursor = (c->region_cursor + 1) % n;
		break;
	case UI_CHAR:
		if (k->ch == ' ')
			c->region_mask ^= 1u << c->region_cursor;
		break;
	case UI_ENTER:
		if (c->region_mask == 0)
			c->region_mask = 1u << c->region_cursor;
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
check_key_summary(struct ui *ui, struct check *c, const struct ui_key *k)
{
	int n = c->n_history + 1;

	switch (k->action) {
	case UI_UP:
		if (c->summary_cursor > 0)
			c->summary_cursor--;
		break;
	case UI_DOWN:
		if (c->summary_cursor < n - 1)
			c->summary_cursor++;
		break;
	case UI_HOME:
		c->summary_cursor = 0;
		break;
	case UI_END:
		c->summary_cursor = n - 1;
		break;
	case UI_PAGE_DOWN:
		c->summary_cursor = c->summary_cursor + 10 < n ?
		    c->summary_cursor + 10 : n - 1;
		break;
	case UI_PAGE_UP:
		c->summary_cursor = c->summary_cursor > 10 ?
		    c->summary_cursor - 10 : 0;
		break;
	case UI_ENTER:
		if (c->summary_cursor == 0)
			check_finish(ui, c);
		else {
			/* Change one answer, then come back here. */
			c->returning = 1;
			check_goto_question(c,
			    c->history[c->summary_cursor - 1]);
		}
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
		if (ui_window_key(&c->verdict, k))
			break;
		if (k->action == UI_ENTER || k->action == UI_BACK)
			ui_pop(ui);
		break;
	case STAGE_BROKEN:
		if (k->action == UI_ENTER || k->action == UI_BACK ||
		    (k->action == UI_CHAR && k->ch == ' '))
			ui_pop(ui);
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
		return "Massage checks";
	default:
		return "Warning signs";
	}
}

static void
check_draw_number(struct ui *ui, struct check *c, int rows, int cols)
{
	int is_age = c->stage == STAGE_AGE;
	char field[32];

	ui_put_wrapped(ui, 2, 2, 4, cols - 4, UI_ROLE_NORMAL,
	    "This check asks about warning signs of serious back problems. "
	    "It does not diagnose anything. Answer as well as you can; "
	    "\"not sure\" is a fine answer.");
	ui_put(ui, 7, 2, cols - 4, UI_ROLE_EMPHASIS, is_age ?
	    "How old are you, in years?" :
	    "How many weeks has this episode of back pain lasted?");
	snprintf(field, sizeof field, "> %s_", c->entry);
	ui_put(ui, 9, 4, cols - 6, UI_ROLE_SELECTED, field);
	ui_draw_status(ui, rows - 1, cols, is_age ?
	    "Type a number, Enter to go on, q to leave" :
	    "Type a number (0 if less than a week), Enter, Left back");
}

static void
check_draw_question(struct ui *ui, struct check *c, int rows, int cols)
{
	const struct catalogue_entry *e = &c->cat->e[c->item];
	char head[96];
	int row = 4;

	snprintf(head, sizeof head, "%s  -  question %d", c->recheck ?
	    "Before you start: the emergency questions" :
	    check_section(c->item), c->n_history + 1);
	ui_put(ui, 2, 2, cols - 4, UI_ROLE_DIM, head);
	row += ui_put_wrapped(ui, row, 2, rows - 10, cols - 4,
	    UI_ROLE_EMPHASIS, e->question);
	row++;
	if (c->why && row < rows - 4)
		row += ui_put_wrapped(ui, row, 2, rows - row - 4, cols - 4,
		    UI_ROLE_DIM, e->why) + 1;
	if (c->asked[c->item] && row < rows - 3) {
		snprintf(head, sizeof head, "Your answer was: %s",
		    check_answer_text(c->ans.a[c->item]));
		ui_put(ui, row, 2, cols - 4, UI_ROLE_DIM, head);
	}
	ui_put(ui, rows - 3, 2, cols - 4, UI_ROLE_NORMAL,
	    "y  yes     n  no     u  not sure");
	ui_draw_status(ui, rows - 1, cols,
	    "y/n/u answer  w why we ask  Left back  q leave");
}

static void
check_draw_region(struct ui *ui, struct check *c, int rows, int cols)
{
	size_t i;
	char line[64];

	ui_put_wrapped(ui, 2, 2, 3, cols - 4, UI_ROLE_EMPHASIS,
	    "Which area should your routines leave out?");
	for (i = 0; i < screener_region_count && (int)i + 5 < rows - 2; i++) {
		snprintf(line, sizeof line, "[%c] %s",
		    c->region_mask & (1u << i) ? 'x' : ' ',
		    screener_regions[i]);
		ui_put(ui, 5 + (int)i, 4, cols - 6, (int)i == c->region_cursor ?
		    UI_ROLE_SELECTED : UI_ROLE_NORMAL, line);
	}
	ui_draw_status(ui, rows - 1, cols,
	    "Up/Down move  Space mark  Enter done");
}

static void
check_draw_summary(struct ui *ui, struct check *c, int rows, int cols)
{
	int visible = rows - 5, i, row = 3, item;
	char line[256];

	ui_put(ui, 2, 2, cols - 4, UI_ROLE_EMPHASIS,
	    "Your answers: check them, then confirm.");
	if (c->summary_cursor < c->summary_top)
		c->summary_top = c->summary_cursor;
	if (c->summary_cursor >= c->summary_top + visible)
		c->summary_top = c->summary_cursor - visible + 1;
	for (i = c->summary_top; i <= c->n_history && row < rows - 2;
	    i++, row++) {
		if (i == 0)
			snprintf(line, sizeof line, "Confirm: see the result "
			    "(age %d, %d weeks)", c->ans.age, c->ans.weeks);
		else {
			item = c->history[i - 1];
			snprintf(line, sizeof line, "%-8s %s%s%s",
			    check_answer_text(c->ans.a[item]),
			    c->cat->e[item].question,
			    c->ans.region[item][0] ? " - " : "",
			    c->ans.region[item]);
		}
		ui_put(ui, row, 2, cols - 4, i == c->summary_cursor ?
		    UI_ROLE_SELECTED : (i == 0 ? UI_ROLE_EMPHASIS :
		    UI_ROLE_NORMAL), line);
	}
	ui_draw_status(ui, rows - 1, cols,
	    "Enter: confirm, or change the chosen answer  c confirm");
}

static enum ui_role
check_verdict_role(enum verdict v)
{
	switch (v) {
	case VERDICT_EMERGENCY:
	case VERDICT_URGENT:
		return UI_ROLE_DANGER;
	case VERDICT_SOON:
		return UI_ROLE_WARNING;
	default:
		return UI_ROLE_GOOD;
	}
}

/* The answers behind the verdict, as plain questions. */
static void
check_draw_reasons(struct ui *ui, struct check *c, int cols)
{
	size_t i;
	char *line;

	if (c->outcome.result.n_hits == 0)
		return;
	ui_put_window(ui, &c->verdict, 2, cols - 4, UI_ROLE_EMPHASIS,
	    "Because you answered:");
	for (i = 0; i < screener_item_count; i++) {
		if (!c->asked[i] || c->ans.a[i] == ANSWER_NO ||
		    screener_items[i].tier == TIER_MASSAGE)
			continue;
		line = xasprintf("- %s: %s", check_answer_text(c->ans.a[i]),
		    c->cat->e[i].question);
		ui_put_window(ui, &c->verdict, 4, cols - 6, UI_ROLE_NORMAL,
		    line);
		free(line);
	}
}

static enum ui_role
check_tone_role(enum advice_tone t)
{
	switch (t) {
	case ADVICE_DANGER:
		return UI_ROLE_DANGER;
	case ADVICE_STRONG:
		return UI_ROLE_EMPHASIS;
	case ADVICE_QUIET:
		return UI_ROLE_DIM;
	default:
		return UI_ROLE_NORMAL;
	}
}

/*
 * The verdict, then every paragraph of its advice, in a window that
 * scrolls: at 40x12 nothing of it is cut.
 */
static void
check_draw_verdict(struct ui *ui, struct check *c, int rows, int cols)
{
	const struct advice *a = &c->outcome.advice;
	enum verdict v = c->outcome.result.verdict;
	char head[64], *line;
	size_t i;

	snprintf(head, sizeof head, " %s ", verdict_name(v));
	ui_put(ui, 2, 2, cols - 4, check_verdict_role(v), head);
	c->verdict.row = 3;
	c->verdict.rows = rows - 5 > 1 ? rows - 5 : 1;
	c->verdict.line = 0;
	for (i = 0; i < a->n; i++) {
		if (i == 1)
			check_draw_reasons(ui, c, cols);
		line = xasprintf("%s: %s", a->p[i].label, a->p[i].text);
		ui_put_window(ui, &c->verdict, 2, cols - 4,
		    check_tone_role(a->p[i].tone), line);
		free(line);
	}
	ui_window_finish(ui, &c->verdict, cols);
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
		ui_put_wrapped(ui, 2, 2, rows - 4, cols - 4, UI_ROLE_WARNING,
		    c->error);
		ui_draw_status(ui, rows - 1, cols, "Enter to go back");
		break;
	}
	if (c->confirm_quit)
		ui_draw_status(ui, rows - 1, cols,
		    "Leave the check? Nothing is saved.  y leave, any other "
		    "key stays");
}

static const struct ui_help check_help[] = {
	{ "0-9, Enter", "type your age or weeks" },
	{ "y", "yes" },
	{ "n", "no" },
	{ "u, s", "not sure" },
	{ "w", "why we ask this question" },
	{ "Left, b", "back to the previous question" },
	{ "Up, Down", "choose (areas, summary)" },
	{ "Home, End, PgUp", "move in the summary" },
	{ "Space", "mark an area" },
	{ "Enter", "confirm, or change the chosen answer" },
	{ "c", "confirm the summary" },
	{ "Up, Down, PgUp, PgDn", "scroll the verdict" },
	{ "q, Esc", "leave without saving" },
	{ NULL, NULL }
};

const struct ui_screen ui_check_screen = {
	"Safety check", check_enter, check_key, NULL, check_draw, check_leave,
	NULL, check_help
};

const struct ui_screen ui_recheck_screen = {
	"Safety re-check", recheck_enter, check_key, NULL, check_draw,
	check_leave, NULL, check_help
};
