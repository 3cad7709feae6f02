/*
 * ui_printout.c: w on the Progress screen: the HTML report of the whole
 * history and the handout written beside the progress file (printout.c
 * makes them), and a status line that says what was written and where.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curses.h>

#include "app.h"
#include "clock.h"
#include "day.h"
#include "printout.h"
#include "report.h"
#include "text.h"
#include "ui.h"
#include "util.h"

/* The reason at the end of a printout's message ("PATH: could not write
 * it: REASON"). */
static const char *
printout_reason(const char *err)
{
	const char *r = err != NULL ? strrchr(err, ':') : NULL;

	return r != NULL ? r + 2 : err != NULL ? err : "";
}

/*
 * Says on the status line what was written and where, the folder last
 * and shortened (~ for home, ".../" for leading folders) so that the
 * words before it always show; the reason before the folder when a
 * document could not be written.
 */
static void
printout_written(struct ui *ui, const char *dir, int replaced, char *rerr,
    char *herr)
{
	char head[200], *where, *p;
	size_t room;

	if (rerr == NULL && herr == NULL)
		snprintf(head, sizeof head, "%s 2 HTML files (report, "
		    "handout)", replaced ? "Replaced" : "Wrote");
	else if (rerr != NULL && herr != NULL)
		snprintf(head, sizeof head, "Not written (%s)",
		    printout_reason(rerr));
	else
		snprintf(head, sizeof head, "Wrote the %s; the %s not (%s)",
		    rerr == NULL ? "report" : "handout", rerr == NULL ?
		    "handout" : "report", printout_reason(rerr != NULL ? rerr :
		    herr));
	room = (size_t)(COLS > 2 ? COLS - 2 : 1);
	/* Narrow: the names in brackets give way to the folder. */
	if ((p = strstr(head, " (report, handout)")) != NULL &&
	    strlen(head) + 20 > room)
		*p = '\0';
	room = room > strlen(head) + 4 ? room - strlen(head) - 4 : 1;
	where = text_fit_path(dir, getenv("HOME"), room);
	ui_message(ui, "%s in %s", head, where);
	free(where);
}

/*
 * Writes the HTML report of the whole history and the handout of the
 * plan's routines (or every routine) beside the progress file, or in the
 * current folder when that cannot be written, and says where.
 */
void
ui_printout_write(struct ui *ui)
{
	struct app *app = ui_app(ui);
	struct printout_report r;
	struct printout_handout h;
	char *rpath = printout_default_path(app, "backcare-report.html");
	char *hpath = printout_default_path(app, "backcare-handout.html");
	char *rerr = NULL, *herr = NULL;
	int replaced = access(rpath, F_OK) == 0;

	memset(&r, 0, sizeof r);
	memset(&h, 0, sizeof h);
	r.until = day_of_time(clock_wall_s());
	r.fmt = REPORT_HTML;
	h.fmt = HANDOUT_HTML;
	h.without_store = 1;
	if (printout_report(app, &r, rpath, &rerr) != 0 && rerr == NULL)
		rerr = xstrdup("could not write it");
	if (printout_handout(app, &h, hpath, &herr) != 0 && herr == NULL)
		herr = xstrdup("could not write it");
	app_store_view_done(app);
	*strrchr(rpath, '/') = '\0';
	printout_written(ui, rpath[0] != '\0' ? rpath : "/", replaced, rerr,
	    herr);
	free(rerr);
	free(herr);
	free(rpath);
	free(hpath);
}
