/*
 * seed_history.c: fills a progress file with 12 weeks of use, through the
 * store's own functions, for the printout tests (tests/printout.sh).
 *
 * Usage: seed_history DB NOW ROUTINE TITLE [NOTE]
 *
 * The 12 weeks end the day before NOW (Unix seconds): a session of
 * ROUTINE (stored with TITLE) on Monday, Wednesday and Friday at 09:00
 * local time, with pain before easing from 7 to 3 over the weeks and
 * after one point lower; a Friday missed every third week and a
 * Wednesday stopped early every fourth; a full safety check with no
 * warning signs every Monday at 08:00 and one 30 minutes before NOW, so
 * the routines are open at NOW.  NOTE (hostile text, say) is stored on
 * the first session and every tenth.  Prints the number of sessions.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "day.h"
#include "safety.h"
#include "screener.h"
#include "store.h"
#include "util.h"

#define SEED_WEEKS 12

static void
seed_die(struct store *st, const char *what)
{
	fprintf(stderr, "seed_history: %s: %s\n", what,
	    st != NULL ? store_error(st) : "failed");
	exit(1);
}

static void
seed_check(struct store *st, int64_t t)
{
	struct screener_answers ans;
	struct screener_result res;
	unsigned char asked[SCREENER_MAX_ITEMS];

	screener_answers_init(&ans);
	ans.age = 45;
	ans.weeks = 6;
	memset(asked, 1, sizeof asked);
	screener_evaluate(&ans, &res);
	if (store_check_record(st, &(struct store_check){ t, "full",
	    "answers", &ans, asked, &res, NULL, 0 }) < 0)
		seed_die(st, "check");
}

/* One session of four 2-minute steps; partial ones stop after two. */
static void
seed_session(struct store *st, int64_t t, const char *routine,
    const char *title, int before, int partial, const char *note)
{
	struct store_step step;
	int64_t id;
	int i;

	id = store_session_begin(st, routine, title, "interactive", 480, t);
	if (id < 0 || store_session_pain(st, id, 0, before) != 0)
		seed_die(st, "session");
	for (i = 0; i < (partial ? 2 : 4); i++) {
		memset(&step, 0, sizeof step);
		step.pos = i;
		step.step_index = i;
		step.title = "A step";
		step.rep = 1;
		step.planned_s = 120;
		step.done_s = 120;
		step.state = "done";
		if (store_session_step(st, id, &step, t + 120 * (i + 1)) != 0)
			seed_die(st, "step");
	}
	if (store_session_pain(st, id, 1, before > 0 ? before - 1 : 0) != 0 ||
	    store_session_end(st, id, partial ? "partial" : "completed", note,
	    t + 600) != 0)
		seed_die(st, "end");
}

int
main(int argc, char **argv)
{
	struct store *st;
	char *err = NULL;
	int64_t now;
	int32_t today, first, day;
	int week, wd, n = 0;

	if (argc < 5 || argc > 6) {
		fprintf(stderr, "usage: seed_history DB NOW ROUTINE TITLE "
		    "[NOTE]\n");
		return 2;
	}
	now = strtoll(argv[2], NULL, 10);
	today = day_of_time(now);
	first = day_week_start(today) - SEED_WEEKS * 7;
	if ((st = store_open(argv[1], &err)) == NULL) {
		fprintf(stderr, "seed_history: %s\n", err);
		return 1;
	}
	for (day = first; day < today; day++) {
		week = (day - first) / 7;
		wd = day_weekday(day);
		if (wd == 0)
			seed_check(st, day_start_time(day) + 8 * 3600);
		if ((wd != 0 && wd != 2 && wd != 4) ||
		    (wd == 4 && week % 3 == 2))
			continue;
		seed_session(st, day_start_time(day) + 9 * 3600, argv[3],
		    argv[4], 7 - week * 4 / (SEED_WEEKS - 1),
		    wd == 2 && week % 4 == 3,
		    n % 10 == 0 && argc == 6 ? argv[5] : NULL);
		n++;
	}
	seed_check(st, now - 1800);
	store_close(st);
	printf("%d\n", n);
	return 0;
}
