/*
 * movement_due.h: whether the weekly function rating (PSFS) and the
 * four-weekly questions on how the back affects the person are due, read
 * from the store, for the home screen and the plain commands alike.
 */
#ifndef BACKCARE_MOVEMENT_DUE_H
#define BACKCARE_MOVEMENT_DUE_H

#include <stdint.h>

struct app;

enum {
	MOVEMENT_DUE_FUNCTION = 1 << 0,   /* backcare function */
	MOVEMENT_DUE_OUTLOOK = 1 << 1     /* backcare outlook */
};

/* The bits of what is due at now; 0 when nothing is (or on a store error,
 * which only loses the reminder). */
unsigned movement_due(struct app *app, int64_t now);

/* One sentence for the due bits, for a screen (keys f and o) or plain
 * output (the commands), as static text; NULL when nothing is due. */
const char *movement_due_text(unsigned due, int plain);

#endif
