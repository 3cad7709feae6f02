/*
 * recheck.c: plain prompts shared by `screen` and `run --plain`: reading
 * answers from a line-oriented input, loading the catalogue, and the E1
 * re-check before a routine.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "catalogue.h"
#include "checkflow.h"
#include "clock.h"
#include "content.h"
#include "recheck.h"
#include "screener.h"
#include "store.h"
#include "util.h"

struct catalogue *
recheck_load_catalogue(struct app *app, char *err, size_t errlen)
{
	const char *path = content_screener_path(app_content(app));
	struct diag d = DIAG_INIT;
	struct catalogue *c;
	char *text, *why;
	size_t len;

	if (path == NULL) {
		snprintf(err, errlen, "the safety-check questions "
		    "(screener/questions.md) were not found; reinstall "
		    "backcare");
		return NULL;
	}
	if ((text = util_read_file_max(path, UTIL_LIMIT_SMALL, &len, &why))
	    == NULL) {
		snprintf(err, errlen, "%s: %s%s", path, util_read_doing(why,
		    "cannot read the safety-check questions: "), why);
		free(why);
		return NULL;
	}
	c = catalogue_parse(path, text, len, &d);
	free(text);
	if (d.n > 0) {
		snprintf(err, errlen, "%s:%d: %s", d.items[0].file,
		    d.items[0].line, d.items[0].msg);
		diag_free(&d);
		catalogue_free(c);
		return NULL;
	}
	return c;
}

int
recheck_read_answer(FILE *in, int *answer)
{
	char line[256], *p;
	size_t i;

	if (fgets(line, sizeof line, in) == NULL)
		return -1;
	p = util_trim(line);
	for (i = 0; p[i] != '\0'; i++)
		p[i] = (char)tolower((unsigned char)p[i]);
	if (strcmp(p, "y") == 0 || strcmp(p, "yes") == 0)
		*answer = ANSWER_YES;
	else if (strcmp(p, "n") == 0 || strcmp(p, "no") == 0)
		*answer = ANSWER_NO;
	else if (strcmp(p, "?") == 0 || strcmp(p, "u") == 0 ||
	    strcmp(p, "s") == 0 ||
	    strcmp(p, "unsure") == 0 || strcmp(p, "not sure") == 0)
		*answer = ANSWER_UNSURE;
	else
		return 1;
	return 0;
}

/* Asks the seven E1 questions; returns 0, or -1 when input ended (err
 * says so). */
static int
recheck_ask(const struct catalogue *cat, const char *when, FILE *in,
    FILE *out, struct screener_answers *ans, unsigned char *asked, char *err,
    size_t errlen)
{
	size_t i;
	int item, a, rc;

	fprintf(out, "%s: the emergency questions again. "
	    "Answer yes, no or not sure (y, n, u).\n", when);
	for (i = 0; i < screener_e1_count; i++) {
		item = screener_e1_items[i];
		do {
			fprintf(out, "%zu/%zu. %s [y/n/u] ", i + 1,
			    screener_e1_count, cat->e[item].question);
			fflush(out);
			rc = recheck_read_answer(in, &a);
			if (rc == 1)
				fprintf(out, "\nPlease answer y, n or u (not "
				    "sure).\n");
		} while (rc == 1);
		if (rc < 0) {
			fprintf(out, "\n");
			snprintf(err, errlen, "the emergency questions were "
			    "not all answered, so the routine will not start");
			return -1;
		}
		fprintf(out, "\n");
		ans->a[item] = (enum answer)a;
		asked[item] = 1;
	}
	return 0;
}

int
recheck_plain(struct app *app, const char *when, FILE *in, FILE *out,
    enum verdict *verdict, char *err, size_t errlen)
{
	struct catalogue *cat;
	struct screener_answers ans;
	struct check_outcome o;
	unsigned char asked[SCREENER_MAX_ITEMS] = { 0 };
	size_t shown = 0;
	int rc;

	err[0] = '\0';
	if ((cat = recheck_load_catalogue(app, err, errlen)) == NULL)
		return -1;
	screener_answers_init(&ans);
	rc = recheck_ask(cat, when, in, out, &ans, asked, err, errlen);
	if (rc != 0) {
		/* Answers that already call for care are shown, unsaved. */
		if (checkflow_left_early(app, cat, &ans, 1, &o)) {
			*verdict = o.result.verdict;
			fprintf(out, "verdict: %s\n",
			    verdict_name(o.result.verdict));
			checkflow_print(&o.advice, 0, out);
			checkflow_free(&o);
		}
		catalogue_free(cat);
		return -1;
	}
	/* Age and weeks do not bear on E1; the record leaves them empty. */
	checkflow_decide(app, cat, &ans, 1, &o);
	catalogue_free(cat);
	*verdict = o.result.verdict;
	/* A warning sign is shown before anything is saved. */
	if (o.result.verdict != VERDICT_NONE) {
		fprintf(out, "verdict: %s\n", verdict_name(o.result.verdict));
		checkflow_print(&o.advice, 0, out);
		fflush(out);
		shown = o.advice.n;
	}
	rc = checkflow_save(app, &o, asked, "run") == 0 &&
	    o.result.verdict == VERDICT_NONE ? 0 : 1;
	checkflow_print(&o.advice, shown == 0 && o.saved ? o.advice.n : shown,
	    out);
	if (!o.saved)
		snprintf(err, errlen, "the emergency questions were not saved "
		    "(%s), so the routine will not start", o.error);
	checkflow_free(&o);
	return rc;
}
