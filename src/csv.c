/*
 * csv.c: RFC 4180 quoting for exports.
 */
#include "config.h"

#include <string.h>

#include "csv.h"

int
csv_write_field(FILE *f, const char *s)
{
	const char *p;

	if (s == NULL)
		return 0;
	if (strpbrk(s, ",\"\r\n") == NULL)
		return fputs(s, f) == EOF ? -1 : 0;
	if (fputc('"', f) == EOF)
		return -1;
	for (p = s; *p != '\0'; p++) {
		if (*p == '"' && fputc('"', f) == EOF)
			return -1;
		if (fputc(*p, f) == EOF)
			return -1;
	}
	return fputc('"', f) == EOF ? -1 : 0;
}
