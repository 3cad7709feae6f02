/*
 * csv.h: RFC 4180 fields.  Pure.
 */
#ifndef BACKCARE_CSV_H
#define BACKCARE_CSV_H

#include <stddef.h>
#include <stdio.h>

/*
 * Writes one field to f, quoted when it holds a comma, a double quote, a
 * CR or an LF (quotes doubled inside); NULL writes an empty field.
 * Returns 0, or -1 when writing failed.
 */
int csv_write_field(FILE *f, const char *s);

#endif
