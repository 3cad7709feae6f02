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

/*
 * Writes a text cell from the user's records, made safe for a
 * spreadsheet and a terminal: a cell that begins with '=', '+', '-', '@',
 * a tab or a CR gets a leading single quote, so no spreadsheet takes it
 * for a formula (as OWASP's "CSV injection" advises); control characters
 * other than tab, CR and LF become their Unicode control pictures (ESC
 * shows as U+241B), C1 controls and bytes that are not UTF-8 become
 * U+FFFD.  Then quoted as csv_write_field() does.  Returns 0 or -1.
 */
int csv_write_text(FILE *f, const char *s);

/*
 * A copy (caller frees) of JSON text that SQLite made, with what it leaves
 * raw made safe: DEL and C1 controls escaped as \u007f .. \u009f, bytes
 * that are not UTF-8 as \ufffd.  SQLite already escapes C0 controls.
 * Bytes at or above 0x7f only occur inside strings, so this is exact.
 */
char *csv_json_safe(const char *json);

#endif
