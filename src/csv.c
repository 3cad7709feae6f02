/*
 * csv.c: RFC 4180 quoting for exports.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "text.h"
#include "util.h"

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

/* Appends s made safe for a spreadsheet cell (see csv_write_text()). */
static void
csv_clean(struct buf *b, const char *s)
{
	size_t n = strlen(s), i = 0, k;
	uint32_t cp;
	char out[4];

	if (strchr("=+-@\t\r", s[0]) != NULL && s[0] != '\0')
		buf_addc(b, '\'');
	while (i < n) {
		k = text_decode(s + i, n - i, &cp);
		/* A bidirectional control would reorder what the cell
		 * shows (U+202E turns "12" into "21"): U+FFFD shows where
		 * one was. */
		if ((cp == 0xfffd && k == 1) || (cp >= 0x80 && cp < 0xa0) ||
		    text_is_bidi_control(cp))
			cp = 0xfffd;
		else if ((cp < 0x20 && cp != '\t' && cp != '\r' &&
		    cp != '\n') || cp == 0x7f)
			cp = cp == 0x7f ? 0x2421 : 0x2400 + cp;
		else {
			buf_add(b, s + i, k);
			i += k;
			continue;
		}
		buf_add(b, out, text_encode(cp, out));
		i += k;
	}
}

int
csv_write_text(FILE *f, const char *s)
{
	struct buf b = BUF_INIT;
	int rc;

	if (s == NULL || *s == '\0')
		return csv_write_field(f, s);
	csv_clean(&b, s);
	rc = csv_write_field(f, b.data);
	buf_free(&b);
	return rc;
}

char *
csv_json_safe(const char *json)
{
	struct buf b = BUF_INIT;
	size_t n = strlen(json), i = 0, k;
	uint32_t cp;

	buf_adds(&b, "");
	while (i < n) {
		k = text_decode(json + i, n - i, &cp);
		if (cp == 0xfffd && k == 1)
			buf_adds(&b, "\\ufffd");
		else if ((cp >= 0x7f && cp < 0xa0) || text_is_bidi_control(cp))
			buf_printf(&b, "\\u%04x", (unsigned)cp);
		else
			buf_add(&b, json + i, k);
		i += k;
	}
	return buf_detach(&b);
}
