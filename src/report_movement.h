/*
 * report_movement.h: the movement part of the therapist's report
 * (movement.md sections 3.6, 4, 6 and 7): massage and exercise sessions
 * side by side, the pain-monitoring events, the PSFS table and trend
 * against the meaningful change, and the yellow-flag items with their
 * note.  Pure: the caller loads everything (store_movement.h).
 */
#ifndef BACKCARE_REPORT_MOVEMENT_H
#define BACKCARE_REPORT_MOVEMENT_H

#include <stddef.h>
#include <stdio.h>

#include "report.h"

struct movement_data;
struct psfs_history;
struct outlook_set;

struct report_movement {
	const struct movement_data *md;
	const struct psfs_history *psfs;
	const struct outlook_set *outlook;   /* oldest first */
	size_t n_outlook;
	const struct report_data *d;         /* lessons read */
	const struct report_summary *sum;    /* weekly pain (P7) */
	const char *emergency_number;
};

/* Writes the part to f in fmt, lines wrapped at width columns (table
 * rows are not).  Returns 0, or -1 when writing failed. */
int report_movement_write(FILE *f, const struct report_movement *m,
    enum report_format fmt, int width);

#endif
