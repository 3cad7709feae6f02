/*
 * movement_due.c: what is due (movement_due.h).
 */
#include "config.h"

#include <stdlib.h>

#include "app.h"
#include "movement_due.h"
#include "outlook.h"
#include "psfs.h"
#include "store.h"
#include "store_movement.h"

unsigned
movement_due(struct app *app, int64_t now)
{
	struct store *st = app->store;
	struct psfs_history h;
	struct outlook_set *sets = NULL;
	size_t n = 0;
	unsigned due = 0;

	if (st == NULL)
		return 0;
	if (store_psfs_load(st, &h) == 0) {
		if (psfs_due(&h, now))
			due |= MOVEMENT_DUE_FUNCTION;
		psfs_history_free(&h);
	}
	if (store_outlook_load(st, &sets, &n) == 0 &&
	    outlook_due(n > 0 ? &sets[n - 1] : NULL, now))
		due |= MOVEMENT_DUE_OUTLOOK;
	free(sets);
	return due;
}

const char *
movement_due_text(unsigned due, int plain)
{
	static const char *const screen[] = { NULL,
	    "Due: rate your everyday activities (press f).",
	    "Due: a few questions on how your back affects you (press o).",
	    "Due: rate your everyday activities (press f), and a few "
	    "questions on how your back affects you (press o)." };
	static const char *const text[] = { NULL,
	    "due: rate your everyday activities (backcare function)",
	    "due: a few questions on how your back affects you (backcare "
	    "outlook)",
	    "due: rate your everyday activities (backcare function), and a "
	    "few questions on how your back affects you (backcare outlook)" };

	due &= MOVEMENT_DUE_FUNCTION | MOVEMENT_DUE_OUTLOOK;
	return plain ? text[due] : screen[due];
}
