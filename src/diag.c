/*
 * diag.c: collected problems (see diag.h).
 */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "text.h"

void
diag_add(struct diag *d, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	char *raw;
	struct diag_item *it;

	va_start(ap, fmt);
	raw = xvasprintf(fmt, ap);
	va_end(ap);
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->items = xreallocarray(d->items, d->cap, sizeof *d->items);
	}
	it = &d->items[d->n++];
	it->file = text_for_terminal(file, strlen(file));
	it->line = line;
	/* A message quotes user text: keep it on one line and harmless. */
	for (char *p = raw; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	it->msg = text_for_terminal(raw, strlen(raw));
	free(raw);
}

void
diag_print(const struct diag *d, FILE *f)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		if (d->items[i].line > 0)
			fprintf(f, "%s:%d: %s\n", d->items[i].file,
			    d->items[i].line, d->items[i].msg);
		else
			fprintf(f, "%s: %s\n", d->items[i].file,
			    d->items[i].msg);
	}
}

void
diag_free(struct diag *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->items[i].file);
		free(d->items[i].msg);
	}
	free(d->items);
	d->items = NULL;
	d->n = d->cap = 0;
}

int
diag_check_utf8(struct diag *d, const char *file, const char *text,
    size_t len)
{
	size_t at = text_utf8_invalid_at(text, len), i, line = 1, col = 1;

	if (at == len)
		return 0;
	for (i = 0; i < at; i++) {
		if (text[i] == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)text[i] & 0xc0) != 0x80)
			col++;
	}
	if (text[at] == '\0')
		diag_add(d, file, (int)line, "a NUL byte at column %zu; this "
		    "is not a text file", col);
	else
		diag_add(d, file, (int)line, "not UTF-8 text (byte 0x%02X at "
		    "column %zu); save the file as UTF-8",
		    (unsigned)(unsigned char)text[at], col);
	return -1;
}
