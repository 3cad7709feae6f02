/*
 * cmd_run_pain.c: the questions of "backcare run --plain" about pain and
 * new symptoms (movement.md section 4: P1 with its easier level now, P2
 * at every rating, P3 to P5, flare mode) and what the pain rules say;
 * cmd_run.c runs the timeline.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "app.h"
#include "checkflow.h"
#include "cmd.h"
#include "cmd_run.h"
#include "painmon.h"
#include "recheck.h"
#include "screener.h"
#include "session.h"
#include "text.h"
#include "util.h"

int run_for_care;

/* A line made safe for the terminal (content can hold escapes): on
 * stdout, or on stderr after "backcare: " when it says what went wrong
 * (no part of the session's text on stdout). */
static void
run_vemit(int warn, const char *fmt, va_list ap)
{
	char *msg = xvasprintf(fmt, ap);
	char *safe = text_for_terminal(msg, strlen(msg));

	if (warn)
		util_warn("%s", safe);
	else
		printf("%s\n", safe);
	free(msg);
	free(safe);
}

void
run_print(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	run_vemit(0, fmt, ap);
	va_end(ap);
}

void
run_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	run_vemit(1, fmt, ap);
	va_end(ap);
}

int
run_said(const struct session *s, int rc)
{
	if (rc < 0 && s->error[0] != '\0')
		util_warn("%s", s->error);
	return rc;
}

/* The emergency questions on the terminal, introduced by when ("Before
 * you start", "During the session"); what went wrong on stderr. */
static int
run_recheck_when(struct session *s, const char *when, enum verdict *v)
{
	char why[512];
	int rc = recheck_plain(s->app, when, stdin, stdout, v, why,
	    sizeof why);

	if (why[0] != '\0')
		util_warn("%s", why);
	return rc;
}

int
run_recheck(struct session *s, enum verdict *v)
{
	return run_recheck_when(s, "Before you start", v);
}

/*
 * Asks prompt on stdout and reads one answer from stdin into line (size
 * n), trimmed.  Returns 0, or -1 when the answer is empty or input ended.
 */
static int
run_read_answer(const char *prompt, char *line, size_t n)
{
	printf("%s", prompt);
	fflush(stdout);
	if (fgets(line, (int)n, stdin) == NULL) {
		printf("\n");
		return -1;
	}
	/* A terminal echoes the answer and its Enter; from a file or a
	 * pipe, end the prompt's line here so the next line starts clean. */
	if (!isatty(STDIN_FILENO))
		printf("\n");
	memmove(line, util_trim(line), strlen(util_trim(line)) + 1);
	return *line == '\0' ? -1 : 0;
}

/*
 * The rating before an exercise routine, where "f" says the back has
 * flared up (movement.md 2.3) and "n" new numbness or weakness (P2).
 * Returns the pain, -1 when not given.
 */
static int
run_ask_pain_before(int *flare, int *numb)
{
	char line[64];
	int pain;

	for (;;) {
		*flare = *numb = 0;
		if (run_read_answer("Pain now (0-10; add f if your back has "
		    "flared up; n for new numbness, weakness, or bladder or "
		    "bowel change; Enter to skip): ", line, sizeof line) != 0)
			return -1;
		if (painmon_parse_before(line, &pain, flare, numb) == 0)
			return pain;
		printf("%sPlease give a number from 0 (no pain) to 10 (worst "
		    "imaginable), perhaps with f, or n.\n", painmon_refused(line));
	}
}

/* Asks for a pain rating; -1 when skipped or at end of input.  numb,
 * when not NULL, also takes "n" (P2, after an exercise routine). */
static int
run_ask_pain(const char *prompt, int *numb)
{
	char line[64], *ask = xasprintf(numb != NULL ? "%s (0-10; n for new "
	    "numbness, weakness, or bladder or bowel change; Enter to skip): " :
	    "%s (0-10, Enter to skip): ", prompt);
	int pain = -1, bad;
	long v;

	if (numb != NULL)
		*numb = 0;
	while (run_read_answer(ask, line, sizeof line) == 0) {
		if (numb != NULL)
			bad = painmon_parse_after(line, &pain, numb) != 0;
		else
			bad = util_parse_long(line, 0, 10, &v) != 0;
		if (!bad) {
			if (numb == NULL)
				pain = (int)v;
			break;
		}
		printf("%sPlease give a number from 0 (no pain) to 10 (worst "
		    "imaginable)%s.\n", numb != NULL ? painmon_refused(line) :
		    "", numb != NULL ? ", or n" : "");
	}
	free(ask);
	return pain;
}

static void
run_advice(const struct session_advice *a)
{
	size_t i;

	/* A stopped step's easier version is named by its offer. */
	for (i = 0; i < a->n; i++)
		printf("%s\n", a->line[i]);
	fflush(stdout);
}

/* P6 and P4: the harder, or easier, version of each step that has one. */
static void
run_levels(const struct session *s, const struct session_advice *a)
{
	const struct routine_step *st;
	const char *text;
	size_t i;

	for (i = 0; (a->ready || a->lower) && i < s->routine->nsteps; i++) {
		st = &s->routine->steps[i];
		text = a->ready ? st->harder : st->easier;
		if (text != NULL && !st->skipped)
			run_print("%s: %s: %s.", a->ready ? "harder" : "easier",
			    st->title, text);
	}
}

const char run_care_text[] = "stopped for your safety: follow the "
    "advice above; the routines stay locked until a safety check says "
    "otherwise";

/*
 * P2: the E1 questions now; their advice prints itself.  Unanswered, or
 * calling for care, the session ends there: no pain rating, no comfort,
 * and no routine until a check is saved (run_for_care).
 */
static void
run_p2(struct session *s, const char *when)
{
	enum verdict v;
	int rc;

	if ((rc = run_recheck_when(s, when, &v)) != 0) {
		run_for_care = 1;
		/* Unanswered or not saved, nothing else records what was
		 * reported (its event may have failed too): hold. */
		if (rc < 0 || s->app->check_unsaved)
			checkflow_hold(s->app, "new numbness or weakness was "
			    "reported during a session and the emergency "
			    "questions were not answered or not saved");
	}
}

/*
 * P1: a step stopped for pain has its easier version offered now.
 * Returns 1 when taken.
 */
static int
run_offer_easier(const char *easier)
{
	char line[64], *text, *ask;
	int rc;

	text = text_for_terminal(easier, strlen(easier));
	ask = xasprintf("Try the easier version now (%s)? y or n: ", text);
	free(text);
	while ((rc = run_read_answer(ask, line, sizeof line)) == 0 &&
	    strcasecmp(line, "y") != 0 && strcasecmp(line, "yes") != 0 &&
	    strcasecmp(line, "n") != 0 && strcasecmp(line, "no") != 0)
		printf("Please answer y or n.\n");
	free(ask);
	return rc == 0 && tolower((unsigned char)line[0]) == 'y';
}

/*
 * P1 and P2 after an exercise step: asks, stores, says.  Returns 0 to go
 * on, 1 when the session ends now, -1 on a store error, RUN_EASIER when
 * the step is done again at its easier level, RUN_STOPPED when the rest
 * of the step is left out.
 */
int
run_step_pain(struct session *s, size_t step, int halfway)
{
	char line[64], *ask, *title;
	int pain, spreading, numb, recheck, rc;
	struct session_advice a;

	/* The title comes from a content file: made safe to print. */
	title = text_for_terminal(s->routine->steps[step].title,
	    strlen(s->routine->steps[step].title));
	ask = xasprintf("Pain now, %s '%s' (%s): ", halfway ? "halfway "
	    "through" : "after", title, painmon_prompt_help);
	free(title);
	while ((rc = run_read_answer(ask, line, sizeof line)) == 0 &&
	    painmon_parse_answer(line, &pain, &spreading, &numb) != 0)
		printf("%sPlease give a number from 0 to 10, perhaps with s, or "
		    "n.\n", painmon_refused(line));
	if (rc == 0 && numb)
		spreading = 0;  /* P2 comes first: no offer after it */
	free(ask);
	if (rc != 0)
		return 0;
	/* Said first, whatever the store says; then what was not saved. */
	rc = session_step_pain(s, step, pain, spreading, numb, &recheck, &a);
	run_advice(&a);
	run_said(s, a.unsaved ? -1 : 0);
	if (recheck)
		run_p2(s, "During the session");
	/* Not saved, the plain run stops there (as for a step record that
	 * fails), so the step stops too: no easier version is offered. */
	if (rc == 1 || a.unsaved)
		return rc == 1 ? 1 : -1;
	/* Halfway through a walk, stopping is turning back: the way back
	 * is the shorter walk, so it runs, with its cue. */
	if (halfway || painmon_classify(pain, spreading) != PAINMON_STOP)
		return 0;
	if (a.easier != NULL && run_offer_easier(a.easier))
		return RUN_EASIER;
	return RUN_STOPPED;
}

/* The pain after, and what the pain rules say of it (P3, P5).  Returns
 * -1 when the rating could not be saved (said on stderr), else 0. */
int
run_pain_after(struct session *s)
{
	struct session_advice advice;
	int pain, rc = 0;

	int numb = 0;

	pain = run_ask_pain("Pain now", s->routine->exercise ? &numb : NULL);
	if (pain >= 0) {
		rc = run_said(s, session_pain_after(s, pain, &advice)) < 0 ?
		    -1 : 0;
		/* P2 overrides any comfort the pain rules would give. */
		if (!numb) {
			run_advice(&advice);
			run_levels(s, &advice);
		}
	}
	if (numb) {
		memset(&advice, 0, sizeof advice);
		rc |= run_said(s, session_new_symptoms(s, &advice)) < 0 ?
		    -1 : 0;
		run_advice(&advice);
		run_p2(s, "After the session");
	}
	return rc;
}

/*
 * The pain before, and what the pain rules say of it (P4, P5, flare);
 * "n" (P2) stops the session there: the E1 questions, then the end,
 * stored as partial.  Returns 0 to run the steps, or 1 when stopped,
 * with the exit status in *status.
 */
int
run_before(struct session *s, int *status)
{
	struct session_advice advice;
	int pain, flare = 0, numb = 0, lost;

	pain = s->routine->exercise ? run_ask_pain_before(&flare, &numb) :
	    run_ask_pain("Pain now", NULL);
	memset(&advice, 0, sizeof advice);
	/* Unrated, an exercise routine may still run one level lower (P4). */
	if (pain >= 0 || flare || s->routine->exercise)
		run_said(s, session_pain_before(s, pain, flare, &advice));
	if (!numb) {
		run_advice(&advice);
		run_levels(s, &advice);
		return 0;
	}
	memset(&advice, 0, sizeof advice);
	lost = run_said(s, session_new_symptoms(s, &advice)) != 0;
	run_advice(&advice);
	run_p2(s, "Before you start");
	lost |= run_said(s, session_end(s, "partial", run_for_care ?
	    "stopped for the emergency questions" :
	    "stopped for new symptoms")) != 0;
	printf("%s\n", run_for_care ? run_care_text : lost ? "stopped" :
	    "stopped: saved as partial; the routines stay open, as the "
	    "emergency questions found nothing");
	*status = run_for_care || lost ? CMD_FAIL : CMD_OK;
	return 1;
}

