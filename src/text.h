/*
 * text.h: UTF-8 text measured in terminal columns.
 *
 * Pure helpers shared by the layout engine, the plain commands and the
 * screens: decode UTF-8, measure display width (wide characters count 2,
 * combining marks 0), and fall back to ASCII when the locale cannot show
 * UTF-8.  Widths follow wcwidth() in a UTF-8 locale; text_set_utf8(0)
 * makes every non-ASCII character go through the ASCII fallback instead.
 */
#ifndef BACKCARE_TEXT_H
#define BACKCARE_TEXT_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decodes one code point from s (n bytes available).  Returns the number
 * of bytes used (at least 1); an invalid sequence yields U+FFFD and 1.
 */
size_t text_decode(const char *s, size_t n, uint32_t *cp);

/*
 * The offset of the first byte of s[0, n) that is not valid UTF-8 text
 * (invalid sequences, and NUL bytes, which no text file holds), or n
 * when every byte is.
 */
size_t text_utf8_invalid_at(const char *s, size_t n);

/*
 * A copy of s (caller frees) in which every byte that is not UTF-8 is
 * U+FFFD; valid text comes back unchanged.
 */
char *text_utf8_repair(const char *s);

/* Appends the UTF-8 form of cp to out (at least 4 bytes); returns length. */
size_t text_encode(uint32_t cp, char *out);

/*
 * Display width of one code point: 0 for combining marks and zero-width
 * characters, 2 for wide ones, 1 otherwise.  Control characters count 2
 * (they are shown as ^X).
 */
int text_cp_width(uint32_t cp);

/* Display width of the first n bytes of s. */
size_t text_width(const char *s, size_t n);

/*
 * Tells the module whether output is UTF-8.  Called once at start-up by
 * main.c from the locale's codeset; defaults to 1.
 */
void text_set_utf8(int utf8);
int text_utf8(void);

/*
 * Returns an ASCII rendering of one code point (box-drawing lines become
 * - | +, dashes -, quotes ' and ", others ?).  Never NULL.
 */
const char *text_ascii_for(uint32_t cp);

/*
 * Returns a new string (caller frees) fit for the terminal: control
 * characters as ^X, invalid UTF-8 and the noncharacters U+FFFE and
 * U+FFFF as U+FFFD, bidirectional controls left out, and, when the
 * output is not UTF-8, every non-ASCII character through
 * text_ascii_for().
 */
char *text_for_terminal(const char *s, size_t n);

/*
 * 1 for the invisible controls of text direction (U+061C, U+200E-200F,
 * U+202A-202E, U+2066-2069): in untrusted text they can reverse what
 * follows them on the line (a title turning "(3 a week)" round), so
 * every writer leaves them out.
 */
int text_is_bidi_control(uint32_t cp);

/*
 * path shortened to fit cols columns, for a status line (caller frees):
 * home (may be NULL) at its start written "~", then, while too long, the
 * leading folders replaced by "..." (the last part is always kept).
 */
char *text_fit_path(const char *path, const char *home, size_t cols);

/*
 * Returns a new string (caller frees): s as valid UTF-8, with bytes that
 * are not UTF-8, C1 controls and U+FFFE/U+FFFF as U+FFFD and the
 * bidirectional controls left out; other characters as they are.
 */
char *text_clean_utf8(const char *s, size_t n);

/*
 * Appends text word-wrapped to width columns to b: the first line after
 * the prefix first, the others after rest (both count towards the
 * width), each line ended by '\n'.  Runs of spaces collapse; a word too
 * long for a line is cut.
 */
struct buf;
void text_wrap(struct buf *b, const char *text, size_t width,
    const char *first, const char *rest);

/*
 * The first line of s (n bytes) word-wrapped at width columns: returns
 * the bytes of that line (trailing spaces left out) and sets *next to the
 * offset where the following line starts (spaces after a break and one
 * newline skipped).  A line breaks after a space when it can; a word
 * wider than the line is split, so nothing is ever dropped.  Tabs count
 * as one column.  *next == n when s is used up.
 */
size_t text_wrap_line(const char *s, size_t n, int width, size_t *next);

/*
 * The string s cut to at most width columns (caller frees).  A string
 * that must be cut ends in the ellipsis ("\xe2\x80\xa6", or "..." when the
 * output is not UTF-8), so a cut label is never silent.
 */
char *text_fit(const char *s, int width);

/*
 * The end of s in at most width columns (caller frees): s whole when it
 * fits, else the ellipsis and as much of the end as fits after it, so a
 * field being typed into keeps its last characters (and the cursor after
 * them) in sight.
 */
char *text_fit_tail(const char *s, int width);

/* The ellipsis this output uses: "\xe2\x80\xa6" or "...". */
const char *text_ellipsis(void);

/*
 * "1 week", "2 weeks": n and the singular or plural word into out.
 * Returns out.
 */
char *text_count(char *out, size_t size, long n, const char *one,
    const char *many);

#endif
