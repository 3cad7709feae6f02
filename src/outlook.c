/*
 * outlook.c: the yellow-flag items (outlook.h).  The wording is our own
 * (movement.md section 7); no questionnaire's text is used.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "outlook.h"
#include "util.h"

/*
 * Lessons: movement.md proposes ids; each maps to the lesson backcare has
 * that covers it (hurt-not-harm, and stress, low mood and poor sleep, lie
 * in why-backs-hurt; pacing and people around you in
 * staying-active-at-work; passive treatment in
 * working-with-your-therapist, which says nothing of mood or sleep).
 */
const struct outlook_item outlook_items[OUTLOOK_N] = {
	{ "yf_harm_belief", "How worried are you that moving or exercising "
	  "will damage your back?", "not worried", "extremely worried",
	  "why-backs-hurt", "Worry that movement causes damage" },
	{ "yf_avoidance", "How much have you stopped doing things you used to "
	  "do, in case your back gets worse?", "not at all",
	  "stopped almost everything", "staying-active-at-work",
	  "Activities avoided for fear of worsening" },
	{ "yf_mood", "In the last 2 weeks, how much has your back pain left "
	  "you feeling down or wanting to keep away from people?",
	  "not at all", "all the time", "why-backs-hurt",
	  "Low mood / withdrawal linked to pain" },
	{ "yf_passive", "How much do you feel that getting better is mostly "
	  "up to a doctor, therapist or scan, rather than things you do?",
	  "mostly up to me", "all up to them", "working-with-your-therapist",
	  "Expects recovery mainly from others' treatment" },
	{ "yf_catastrophising", "When your back hurts, how much do your "
	  "thoughts jump to the worst?", "not at all", "every time",
	  "flare-up-plan, why-backs-hurt", "Worst-case thinking during pain" },
	{ "yf_work", "How much is your back causing problems or worry about "
	  "work, money or a claim?", "none", "very serious",
	  "staying-active-at-work", "Work / financial / claim concerns" },
	{ "yf_people", "How much do people close to you make it harder to "
	  "stay active, by doing everything for you or by not taking your "
	  "pain seriously?", "not at all", "very much",
	  "staying-active-at-work", "Others' responses hinder activity" },
	{ "yf_sleep", "In the last week, how much has back pain spoiled your "
	  "sleep?", "not at all", "every night",
	  "why-backs-hurt", "Sleep disturbed by pain" },
};

const char outlook_report_note[] =
    "Patient-reported single items written for backcare. Not a validated "
    "instrument and not a risk score. Use them to start a conversation.";

const char outlook_intro[] =
    "A few questions about how your back affects you. There are no right "
    "answers, and you may skip any of them. They help backcare suggest "
    "lessons and help you talk with your therapist; they are not a test.";

int
outlook_index(const char *id)
{
	int i;

	for (i = 0; i < OUTLOOK_N; i++)
		if (strcmp(outlook_items[i].id, id) == 0)
			return i;
	return -1;
}

static void
outlook_line(const char *name, int line, char *s, struct outlook_set *out,
    int *seen, struct diag *d)
{
	char *eq = strchr(s, '='), *id, *val;
	long v;
	int i;

	if (eq == NULL) {
		diag_add(d, name, line, "'%.40s' should be 'ITEM=N' (0 to 10) "
		    "or 'ITEM=skip'", s);
		return;
	}
	*eq = '\0';
	id = util_trim(s);
	val = util_trim(eq + 1);
	if ((i = outlook_index(id)) < 0) {
		diag_add(d, name, line, "unknown item '%.40s' (the items are "
		    "yf_harm_belief, yf_avoidance, yf_mood, yf_passive, "
		    "yf_catastrophising, yf_work, yf_people, yf_sleep)", id);
		return;
	}
	if (seen[i] != 0) {
		diag_add(d, name, line, "%s is given twice (first on line %d)",
		    id, seen[i]);
		return;
	}
	seen[i] = line;
	if (strcmp(val, "skip") == 0)
		out->v[i] = -1;
	else if (util_parse_long(val, 0, 10, &v) == 0)
		out->v[i] = (int)v;
	else
		diag_add(d, name, line, "%s: '%.20s' is not a whole number "
		    "from 0 to 10 (or skip)", id, val);
}

struct outlook_parse {
	const char *name;
	struct outlook_set *out;
	int seen[OUTLOOK_N];
	struct diag *d;
};

/* One line, stopping at the first problem. */
static int
outlook_each_line(void *ctx, int line, char *s)
{
	struct outlook_parse *p = ctx;
	size_t before = p->d->n;

	outlook_line(p->name, line, s, p->out, p->seen, p->d);
	return p->d->n > before;
}

int
outlook_answers_parse(const char *name, const char *text, size_t len,
    struct outlook_set *out, struct diag *d)
{
	struct outlook_parse p = { name, out, { 0 }, d };
	size_t before = d->n;
	int i;

	memset(out, 0, sizeof *out);
	for (i = 0; i < OUTLOOK_N; i++)
		out->v[i] = -1;
	if (memchr(text, '\0', len) != NULL)
		diag_add(d, name, 0, "the file holds NUL bytes");
	else
		util_each_line(text, len, outlook_each_line, &p);
	return d->n > before ? -1 : 0;
}

/* Adds each lesson of list to b unless it is there already. */
static void
outlook_add_lessons(struct buf *b, const char *list)
{
	char *copy = xstrdup(list), *tok, *save = NULL;

	for (tok = strtok_r(copy, ", ", &save); tok != NULL;
	    tok = strtok_r(NULL, ", ", &save)) {
		if (b->len > 0 && strstr(b->data, tok) != NULL)
			continue;
		if (b->len > 0)
			buf_adds(b, ", ");
		buf_adds(b, tok);
	}
	free(copy);
}

void
outlook_suggest(const struct outlook_set *s, char **high, char **some)
{
	struct buf h = BUF_INIT, m = BUF_INIT;
	int i;

	for (i = 0; i < OUTLOOK_N; i++)
		if (s->v[i] >= OUTLOOK_HIGH)
			outlook_add_lessons(&h, outlook_items[i].lessons);
	for (i = 0; i < OUTLOOK_N; i++)
		if (s->v[i] >= OUTLOOK_SOME && s->v[i] < OUTLOOK_HIGH &&
		    (h.len == 0 || strstr(h.data, outlook_items[i].lessons) ==
		    NULL))
			outlook_add_lessons(&m, outlook_items[i].lessons);
	*high = h.len > 0 ? buf_detach(&h) : NULL;
	*some = m.len > 0 ? buf_detach(&m) : NULL;
	buf_free(&h);
	buf_free(&m);
}

int
outlook_due(const struct outlook_set *last, int64_t now)
{
	return last == NULL || now - last->at >= OUTLOOK_DUE_S;
}

char *
outlook_mood_advice(const struct outlook_set *s, const char *number)
{
	if (s->v[outlook_index("yf_mood")] < OUTLOOK_HIGH)
		return NULL;
	return xasprintf("Feeling down with pain is common and can be helped: "
	    "talk to your GP about it. If you ever feel you might harm "
	    "yourself, call %s now.", number);
}
