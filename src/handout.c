/*
 * handout.c: the homework sheet (see handout.h).
 *
 * The sheet is first built as a list of blocks (title, headings,
 * paragraphs, steps, the tick boxes), then written in the chosen format,
 * so the three formats say the same things in the same order.  Text from
 * routine files and plans is CommonMark: HTML goes through html.c (raw
 * HTML dropped, nothing loaded), Markdown through libcmark's own writer
 * after the same clean-up, plain text as wrapped paragraphs made safe for
 * a terminal.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark.h>

#include "advice.h"
#include "day.h"
#include "handout.h"
#include "html.h"
#include "md.h"
#include "plan.h"
#include "routine.h"
#include "text.h"
#include "util.h"

#define HO_MAX_WEEKS 12         /* tick-box rows: a sheet, not a diary */
#define HO_MAX_BOXES 14         /* more a week: a line to write the count */

enum ho_kind {
	HO_TITLE,
	HO_HEADING,
	HO_PARA,
	HO_SMALL,
	HO_WARN,
	HO_MD,          /* CommonMark text from a routine or the plan */
	HO_TICKS,       /* the plan's weekly targets */
	HO_STEP,
	HO_STEPS_END
};

struct ho_block {
	enum ho_kind kind;
	char *text;     /* the title or paragraph (owned) */
	char *facts;    /* HO_STEP: position, areas, stroke, time (owned) */
	char *note;     /* HO_STEP: what the safety check changed, or NULL */
	const char *md; /* HO_STEP, HO_MD: CommonMark (borrowed) */
	int skipped;
};

struct ho_sheet {
	const struct handout_input *in;
	struct ho_block *b;
	size_t n;
	struct buf out;
	int width;
};

static struct ho_block *
ho_add(struct ho_sheet *h, enum ho_kind kind, char *text)
{
	struct ho_block *b;

	h->b = xgrow(h->b, h->n, sizeof *h->b);
	b = &h->b[h->n++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->text = text;
	return b;
}

static void
ho_free(struct ho_sheet *h)
{
	size_t i;

	for (i = 0; i < h->n; i++) {
		free(h->b[i].text);
		free(h->b[i].facts);
		free(h->b[i].note);
	}
	free(h->b);
	buf_free(&h->out);
}

char *
handout_limits_text(const struct massage_limits *l)
{
	struct buf b = BUF_INIT;
	size_t i;

	buf_add(&b, "", 0);
	if (l->gentle)
		buf_adds(&b, "Keep it gentle: light stroking (effleurage) "
		    "only, no deep pressure.\n");
	if (l->pregnant)
		buf_adds(&b, "In pregnancy: nothing lying on your back or "
		    "front, and only light pressure on the legs.\n");
	if (l->no_percussion)
		buf_adds(&b, "No tapping or vibration.\n");
	for (i = 0; i < l->n_avoid; i++)
		buf_printf(&b, "Leave out the %s.\n", l->avoid_regions[i]);
	return buf_detach(&b);
}

/* "hold 45s on each side (left, then right), 2 times, 15s rest between" */
static void
ho_step_time(struct buf *b, const struct routine_step *s)
{
	char t[32];

	util_format_duration(s->seconds, t, sizeof t);
	buf_printf(b, "%s%s", s->hold ? "hold " : "", t);
	if (s->sides == 2)
		buf_adds(b, " on each side (left, then right)");
	if (s->repeat > 1)
		buf_printf(b, ", %d times", s->repeat);
	if (s->repeat > 1 && s->rest > 0) {
		util_format_duration(s->rest, t, sizeof t);
		buf_printf(b, ", %s rest between", t);
	}
}

static void
ho_add_step(struct ho_sheet *h, const struct routine_step *s, size_t i)
{
	struct buf f = BUF_INIT;
	struct ho_block *b;

	buf_printf(&f, "Position: %s; areas: %s; stroke: %s; time: ",
	    s->position, s->region, s->stroke);
	ho_step_time(&f, s);
	buf_printf(&f, "; pressure: %s.", s->pressure);
	b = ho_add(h, HO_STEP, xasprintf("%zu. %s", i + 1, s->title));
	b->facts = buf_detach(&f);
	b->skipped = s->skipped;
	if (s->note != NULL)
		b->note = xasprintf("%s%s", s->skipped ? "Left out for you. " :
		    "For you: ", s->note);
	/* A step that does not run needs no instructions on paper. */
	b->md = s->skipped ? NULL : s->instructions;
}

static void
ho_add_routine(struct ho_sheet *h, const struct routine *r)
{
	char yours[16];
	long total = routine_total_seconds(r);
	size_t i;

	util_format_clock(total, yours, sizeof yours);
	ho_add(h, HO_HEADING, xstrdup(r->title));
	if (total == 0)
		ho_add(h, HO_WARN, xstrdup("Your safety check leaves out every "
		    "step of this routine: do not do it for now."));
	else
		ho_add(h, HO_SMALL, xasprintf("About %s for you (backcare run "
		    "%s).", yours, r->id));
	ho_add(h, HO_MD, NULL)->md = r->intro;
	for (i = 0; i < r->nsteps; i++)
		ho_add_step(h, &r->steps[i], i);
	ho_add(h, HO_STEPS_END, NULL);
}

/* The safety check's part: whether routines are open, and its limits. */
static void
ho_add_check(struct ho_sheet *h)
{
	const struct handout_input *in = h->in;
	char *lines, *p, *nl;

	ho_add(h, HO_HEADING, xstrdup("What your safety check changes"));
	/* Locked until the check is done again: said in the bold box. */
	ho_add(h, safety_gate_open(in->gate) ? HO_PARA : HO_WARN,
	    xstrdup(safety_gate_reason(in->gate)));
	if (in->gate == GATE_NO_CHECK || in->limits == NULL)
		return;
	lines = handout_limits_text(in->limits);
	for (p = lines; (nl = strchr(p, '\n')) != NULL; p = nl + 1)
		ho_add(h, HO_PARA, xstrndup(p, (size_t)(nl - p)));
	if (lines[0] == '\0' && !safety_gate_open(in->gate))
		;   /* nothing runs until the check is done again */
	else if (lines[0] == '\0')
		ho_add(h, HO_PARA, xstrdup("It sets no limits: every step "
		    "runs as written."));
	else
		ho_add(h, HO_PARA, xstrdup("The steps it leaves out or makes "
		    "lighter say so below."));
	free(lines);
}

/*
 * The sheet when what the check found locks the routines: its advice in
 * the warning boxes at the top, then the routines by name only, marked
 * not to be done; no tick boxes, no steps, nothing that reads as
 * homework.
 */
static void
ho_build_locked(struct ho_sheet *h)
{
	const struct handout_input *in = h->in;
	size_t i;

	ho_add(h, HO_HEADING, xstrdup("What your safety check said"));
	if (in->verdict_advice != NULL)
		ho_add(h, HO_WARN, xstrdup(in->verdict_advice));
	ho_add(h, HO_WARN, xstrdup(safety_gate_reason(in->gate)));
	ho_add(h, HO_WARN, advice_safety_net(in->number));
	if (in->n_routines == 0)
		return;
	ho_add(h, HO_HEADING, xstrdup("Your routines, for later"));
	ho_add(h, HO_WARN, xstrdup("Do not do these routines until the "
	    "safety check opens them again; print this sheet again then, "
	    "with their steps."));
	for (i = 0; i < in->n_routines; i++)
		ho_add(h, HO_PARA, xasprintf("%s: not until the routines open.",
		    in->routines[i]->title));
}

/* The plan's Notes (CommonMark, made inert like every other text) and
 * lessons: the sheet is the patient's copy of the plan. */
static void
ho_add_plan_notes(struct ho_sheet *h, const struct plan *p)
{
	struct buf b = BUF_INIT;
	size_t i;

	if (p->notes != NULL && p->notes[0] != '\0') {
		ho_add(h, HO_HEADING, xstrdup("Notes from your plan"));
		ho_add(h, HO_MD, NULL)->md = p->notes;
	}
	if (p->n_lessons == 0)
		return;
	buf_adds(&b, "Lessons to read in backcare (Lessons on the home "
	    "screen, or backcare show ID): ");
	for (i = 0; i < p->n_lessons; i++)
		buf_printf(&b, "%s%s", i > 0 ? ", " : "", p->lessons[i].id);
	buf_adds(&b, ".");
	ho_add(h, HO_PARA, buf_detach(&b));
}

static void
ho_build(struct ho_sheet *h)
{
	const struct handout_input *in = h->in;
	const struct plan *p = in->plan;
	char today[11], from[11], until[11], *num;
	size_t i;

	day_format(in->today, today);
	/* Locked by a check, the sheet is not homework, title included. */
	ho_add(h, HO_TITLE, safety_gate_by_verdict(in->gate) ?
	    xstrdup("No massage for now") : p != NULL ?
	    xasprintf("Homework: %s", p->title) :
	    xstrdup("Your self-massage routines"));
	if (p != NULL) {
		day_format(p->from, from);
		day_format(p->until, until);
		ho_add(h, HO_SMALL, xasprintf("From %s to %s%s%s.%s Printed on "
		    "%s by backcare.", from, until, p->therapist != NULL ?
		    ", set by " : "", p->therapist != NULL ? p->therapist : "",
		    p->from > in->today ? " It has not started yet." : "",
		    today));
	} else
		ho_add(h, HO_SMALL, xasprintf("Printed on %s by backcare.",
		    today));
	num = advice_number(in->number);
	ho_add(h, HO_WARN, xasprintf("In an emergency call %s.", num));
	free(num);
	if (safety_gate_by_verdict(in->gate)) {
		ho_build_locked(h);
		return;
	}
	ho_add(h, HO_WARN, advice_safety_net(in->number));
	if (p != NULL && p->n_routines > 0) {
		ho_add(h, HO_HEADING, xstrdup("Your weekly targets"));
		ho_add(h, HO_SMALL, xstrdup("Tick a box each time you finish "
		    "a routine."));
		ho_add(h, HO_TICKS, NULL);
	}
	if (p != NULL)
		ho_add_plan_notes(h, p);
	ho_add_check(h);
	for (i = 0; i < in->n_routines; i++)
		ho_add_routine(h, in->routines[i]);
}

/* ---- tick boxes --------------------------------------------------------- */

/* The title of the plan's routine j: from the sheet's routines, else its
 * id. */
static const char *
ho_tick_title(const struct handout_input *in, size_t j)
{
	const char *id = in->plan->routines[j].id;
	size_t i;

	for (i = 0; i < in->n_routines; i++)
		if (strcmp(in->routines[i]->id, id) == 0)
			return in->routines[i]->title;
	return id;
}

/* The weeks with tick boxes: from the week of printing (or the plan's
 * first, when later) to the plan's last, at most HO_MAX_WEEKS. */
static int
ho_tick_weeks(const struct handout_input *in, int32_t *first)
{
	const struct plan *p = in->plan;
	int weeks;

	*first = day_week_start(p->from > in->today ? p->from : in->today);
	weeks = (day_week_start(p->until) - *first) / 7 + 1;
	if (weeks < 0)
		weeks = 0;
	return weeks > HO_MAX_WEEKS ? HO_MAX_WEEKS : weeks;
}

/* ---- HTML --------------------------------------------------------------- */

static void
ho_html_ticks(struct ho_sheet *h)
{
	const struct plan *p = h->in->plan;
	int32_t first;
	int weeks = ho_tick_weeks(h->in, &first), w, k, n;
	char monday[11];
	size_t j;

	buf_adds(&h->out, "<table class=\"ticks\">\n<tr><th scope=\"col\">"
	    "Week of</th>");
	for (j = 0; j < p->n_routines; j++) {
		buf_adds(&h->out, "<th scope=\"col\">");
		html_escapef(&h->out, "%s (%d a week)", ho_tick_title(h->in, j),
		    p->routines[j].per_week);
		buf_adds(&h->out, "</th>");
	}
	buf_adds(&h->out, "</tr>\n");
	for (w = 0; w < weeks; w++) {
		day_format(first + w * 7, monday);
		buf_printf(&h->out, "<tr><th scope=\"row\">%s</th>", monday);
		for (j = 0; j < p->n_routines; j++) {
			n = plan_week_target(p, j, first + w * 7);
			if (n > HO_MAX_BOXES) {
				buf_printf(&h->out, "<td>____ of %d</td>", n);
				continue;
			}
			buf_printf(&h->out, "<td aria-label=\"%d boxes\">", n);
			for (k = 0; k < n; k++)
				buf_adds(&h->out, "<span class=\"box\"></span>");
			buf_adds(&h->out, "</td>");
		}
		buf_adds(&h->out, "</tr>\n");
	}
	buf_adds(&h->out, "</table>\n");
}

static void
ho_html_step(struct ho_sheet *h, const struct ho_block *b, int first)
{
	struct buf *o = &h->out;

	if (first)
		buf_adds(o, "<div class=\"steps\">\n");
	buf_printf(o, "<div class=\"step%s\">\n<h3>", b->skipped ?
	    " skipped" : "");
	html_escape(o, b->text);
	buf_adds(o, "</h3>\n<p class=\"facts\">");
	html_escape(o, b->facts);
	buf_adds(o, "</p>\n");
	if (b->note != NULL) {
		buf_adds(o, "<p class=\"note\"><strong>");
		html_escape(o, b->note);
		buf_adds(o, "</strong></p>\n");
	}
	html_markdown(o, b->md, 3);
	buf_adds(o, "</div>\n");
}

static const char ho_css[] =
    "body { line-height: 1.28; }\n"
    "h2 { margin-top: 8pt; }\n"
    ".warn p, p.warn { font-weight: bold; }\n"
    ".steps { columns: 2; column-gap: 7mm; }\n"
    ".step { margin-bottom: 4pt; font-size: 9.5pt; }\n"
    ".step p { orphans: 2; widows: 2; }\n"
    ".step h3 { margin-top: 2pt; }\n"
    ".step p { margin: 1pt 0 3pt; }\n"
    ".facts { font-size: 9pt; }\n"
    ".skipped { color: #333; }\n"
    ".note { border-left: 2pt solid #000; padding-left: 4pt; }\n"
    /* However many routines, the table keeps to the page's width; the
     * boxes wrap within their column. */
    "table.ticks { width: 100%; table-layout: fixed; }\n"
    "table.ticks th, table.ticks td { padding: 0 3pt; }\n"
    "table.ticks th[scope=row] { width: 19mm; }\n";

static void
ho_write_html(struct ho_sheet *h)
{
	struct buf *o = &h->out;
	const struct ho_block *b;
	size_t i;
	int in_steps = 0;

	html_begin(o, h->b[0].text, ho_css);
	for (i = 0; i < h->n; i++) {
		b = &h->b[i];
		switch (b->kind) {
		case HO_TITLE:
			buf_adds(o, "<h1>");
			html_escape(o, b->text);
			buf_adds(o, "</h1>\n");
			break;
		case HO_HEADING:
			buf_adds(o, "<h2>");
			html_escape(o, b->text);
			buf_adds(o, "</h2>\n");
			break;
		case HO_PARA:
		case HO_SMALL:
		case HO_WARN:
			buf_printf(o, "<p%s>", b->kind == HO_SMALL ?
			    " class=\"small\"" : b->kind == HO_WARN ?
			    " class=\"warn\"" : "");
			html_escape(o, b->text);
			buf_adds(o, "</p>\n");
			break;
		case HO_MD:
			html_markdown(o, b->md, 3);
			break;
		case HO_TICKS:
			ho_html_ticks(h);
			break;
		case HO_STEP:
			ho_html_step(h, b, !in_steps);
			in_steps = 1;
			break;
		case HO_STEPS_END:
			if (in_steps)
				buf_adds(o, "</div>\n");
			in_steps = 0;
			break;
		}
	}
	html_end(o);
}

/* ---- plain text and Markdown -------------------------------------------- */

/* A copy of s on one line, safe for a terminal (caller frees). */
static char *
ho_flat(const char *s)
{
	char *flat = xstrdup(s != NULL ? s : ""), *p, *t;

	for (p = flat; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	t = text_for_terminal(flat, strlen(flat));
	free(flat);
	return t;
}

/* Appends s wrapped, made safe first. */
static void
ho_wrap(struct ho_sheet *h, const char *s, const char *first,
    const char *rest)
{
	char *t = ho_flat(s);

	text_wrap(&h->out, t, (size_t)h->width, first, rest);
	free(t);
}

/* CommonMark as wrapped plain paragraphs and list items. */
static void
ho_text_md(struct ho_sheet *h, const char *md, const char *indent)
{
	cmark_node *doc, *n, *item;
	char *t, *bullet;

	if (md == NULL || md[0] == '\0')
		return;
	doc = cmark_parse_document(md, strlen(md), CMARK_OPT_VALIDATE_UTF8);
	/* As on paper: raw HTML to its words, links and images to text. */
	html_sanitise_tree(doc, 0);
	bullet = xasprintf("%s- ", indent);
	for (n = cmark_node_first_child(doc); n != NULL;
	    n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) == CMARK_NODE_LIST) {
			for (item = cmark_node_first_child(n); item != NULL;
			    item = cmark_node_next(item)) {
				t = md_node_text(item);
				ho_wrap(h, t, bullet, indent);
				free(t);
			}
		} else {
			t = cmark_node_get_type(n) == CMARK_NODE_CODE_BLOCK ?
			    xstrdup(cmark_node_get_literal(n)) :
			    md_node_text(n);
			ho_wrap(h, t, indent, indent);
			free(t);
		}
	}
	free(bullet);
	cmark_node_free(doc);
}

/* CommonMark cleaned of raw HTML, images and links, rewrapped. */
static void
ho_md_md(struct ho_sheet *h, const char *md, int shift)
{
	cmark_node *doc;
	char *out, *clean;

	if (md == NULL || md[0] == '\0')
		return;
	doc = cmark_parse_document(md, strlen(md), CMARK_OPT_VALIDATE_UTF8);
	html_sanitise_tree(doc, shift);
	out = cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, h->width);
	/* libcmark's writer passes C1 controls and can split U+FFFE. */
	clean = text_clean_utf8(out, strlen(out));
	buf_adds(&h->out, clean);
	buf_addc(&h->out, '\n');
	free(clean);
	free(out);
	cmark_node_free(doc);
}

/* s for Markdown: what could start markup is escaped (caller frees). */
static char *
ho_md_escape(const char *s)
{
	char *t = ho_flat(s), *p;
	struct buf b = BUF_INIT;

	buf_add(&b, "", 0);
	for (p = t; *p != '\0'; p++) {
		/* ':' and '@' (and the dot of "www.") too, so that a GFM
		 * viewer makes no live link of an address. */
		if (strchr("\\`*_[]<>|~&#!@", *p) != NULL ||
		    (*p == ':' && strncmp(p, "://", 3) == 0) || (*p == '.' &&
		    p - t >= 3 && strncasecmp(p - 3, "www", 3) == 0))
			buf_addc(&b, '\\');
		buf_addc(&b, *p);
	}
	free(t);
	return buf_detach(&b);
}

/* The header of the plan's routine j's column (caller frees). */
static char *
ho_tick_head(struct ho_sheet *h, size_t j, int md)
{
	char *t = md ? ho_md_escape(ho_tick_title(h->in, j)) :
	    ho_flat(ho_tick_title(h->in, j)), *head;

	head = xasprintf("%s (%d a week)", t, h->in->plan->routines[j].per_week);
	free(t);
	return head;
}

/* The weeks as rows, a column of "[ ]" per routine under its title. */
static void
ho_plain_ticks(struct ho_sheet *h, int md)
{
	const struct plan *p = h->in->plan;
	size_t j, *cols = xcalloc(p->n_routines, sizeof *cols), len;
	int32_t first;
	int weeks = ho_tick_weeks(h->in, &first), w, k, n;
	char monday[11], *t;

	buf_adds(&h->out, md ? "| Week of |" : "  Week of   ");
	for (j = 0; j < p->n_routines; j++) {
		t = ho_tick_head(h, j, md);
		cols[j] = text_width(t, strlen(t));
		buf_printf(&h->out, md ? " %s |" : "  %s", t);
		free(t);
	}
	buf_adds(&h->out, md ? "\n|---|" : "\n");
	for (j = 0; md && j < p->n_routines; j++)
		buf_adds(&h->out, "---|");
	buf_adds(&h->out, md ? "\n" : "");
	for (w = 0; w < weeks; w++) {
		day_format(first + w * 7, monday);
		buf_printf(&h->out, md ? "| %s |" : "  %s", monday);
		for (j = 0; j < p->n_routines; j++) {
			buf_adds(&h->out, md ? " " : "  ");
			n = plan_week_target(p, j, first + w * 7);
			len = h->out.len;
			if (n > HO_MAX_BOXES)
				buf_printf(&h->out, "____ of %d", n);
			for (k = 0; n <= HO_MAX_BOXES && k < n; k++)
				buf_adds(&h->out, k > 0 ? " [ ]" : "[ ]");
			len = h->out.len - len;
			for (; !md && len < cols[j] && j + 1 < p->n_routines;
			    len++)
				buf_addc(&h->out, ' ');
			buf_adds(&h->out, md ? " |" : "");
		}
		while (!md && h->out.len > 0 && h->out.data[h->out.len - 1] == ' ')
			h->out.len--;
		buf_addc(&h->out, '\n');
	}
	free(cols);
}

static void
ho_plain_step(struct ho_sheet *h, const struct ho_block *b, int md)
{
	char *t;

	if (md) {
		t = ho_md_escape(b->text);
		buf_printf(&h->out, "\n### %s\n\n", t);
		free(t);
		t = ho_md_escape(b->facts);
		text_wrap(&h->out, t, (size_t)h->width, "", "");
		free(t);
		if (b->note != NULL) {
			t = ho_md_escape(b->note);
			buf_addc(&h->out, '\n');
			text_wrap(&h->out, t, (size_t)h->width, "> ", "> ");
			free(t);
		}
		buf_addc(&h->out, '\n');
		ho_md_md(h, b->md, 3);
		return;
	}
	buf_addc(&h->out, '\n');
	ho_wrap(h, b->text, "  ", "     ");
	ho_wrap(h, b->facts, "     ", "     ");
	if (b->note != NULL)
		ho_wrap(h, b->note, "   ! ", "     ");
	ho_text_md(h, b->md, "     ");
}

static void
ho_write_plain(struct ho_sheet *h, int md)
{
	const struct ho_block *b;
	char *t;
	size_t i;

	for (i = 0; i < h->n; i++) {
		b = &h->b[i];
		t = b->text == NULL ? NULL : md ? ho_md_escape(b->text) :
		    ho_flat(b->text);
		switch (b->kind) {
		case HO_TITLE:
			buf_printf(&h->out, md ? "# %s\n\n" : "%s\n", t);
			break;
		case HO_HEADING:
			buf_printf(&h->out, md ? "\n## %s\n\n" : "\n%s\n", t);
			break;
		case HO_PARA:
		case HO_SMALL:
			text_wrap(&h->out, t, (size_t)h->width, md ? "" : "  ",
			    md ? "" : "  ");
			buf_adds(&h->out, md ? "\n" : "");
			break;
		case HO_WARN:
			text_wrap(&h->out, t, (size_t)h->width, md ? "**" :
			    "! ", md ? "" : "  ");
			if (md) {
				h->out.len--;
				buf_adds(&h->out, "**\n\n");
			}
			break;
		case HO_MD:
			if (md)
				ho_md_md(h, b->md, 2);
			else
				ho_text_md(h, b->md, "  ");
			break;
		case HO_TICKS:
			ho_plain_ticks(h, md);
			break;
		case HO_STEP:
			ho_plain_step(h, b, md);
			break;
		case HO_STEPS_END:
			break;
		}
		free(t);
	}
}

int
handout_write(FILE *f, const struct handout_input *in,
    enum handout_format fmt, int width)
{
	struct ho_sheet h;
	int rc = 0;

	memset(&h, 0, sizeof h);
	h.in = in;
	h.width = width < 30 ? 30 : width;
	ho_build(&h);
	if (fmt == HANDOUT_HTML)
		ho_write_html(&h);
	else
		ho_write_plain(&h, fmt == HANDOUT_MARKDOWN);
	if (fwrite(h.out.data, 1, h.out.len, f) != h.out.len ||
	    fflush(f) != 0 || ferror(f))
		rc = -1;
	ho_free(&h);
	return rc;
}
