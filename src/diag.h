/*
 * diag.h: problems found in a file, each as "file:line: message".
 *
 * Parsers of lessons, routines, plans and answers files fill a struct diag
 * instead of printing, so the same checks serve `backcare check`, the
 * plain commands and the screens (which show them as warnings).  Pure.
 */
#ifndef BACKCARE_DIAG_H
#define BACKCARE_DIAG_H

#include <stddef.h>
#include <stdio.h>

#include "util.h"

struct diag_item {
	char *file;     /* as the user named it */
	int line;       /* 1-based; 0 when the whole file is meant */
	char *msg;      /* one line, no trailing period needed */
};

struct diag {
	struct diag_item *items;
	size_t n;
	size_t cap;
};

#define DIAG_INIT { NULL, 0, 0 }

/* Adds a problem; the message is made safe for a terminal. */
void diag_add(struct diag *d, const char *file, int line, const char *fmt,
    ...) BC_PRINTF(4, 5);
/*
 * Adds "file:line: not UTF-8 text ..." for the first byte of text that is
 * not UTF-8 (or is NUL).  Returns 0 when all of text is UTF-8, else -1.
 * Text that is not UTF-8 never goes into the progress file.
 */
int diag_check_utf8(struct diag *d, const char *file, const char *text,
    size_t len);
/* Prints each problem as "file:line: message" (or "file: message"). */
void diag_print(const struct diag *d, FILE *f);
void diag_free(struct diag *d);

#endif
