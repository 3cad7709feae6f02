/*
 * layout.h: the lesson renderer, a libcmark document laid out as lines of
 * styled spans at a given width.
 *
 * Pure: no curses, no printing except into the FILE handed to
 * layout_write_plain().  The tree is walked once with cmark_iter and text
 * is wrapped as it is emitted, with a stack of prefixes for block quotes
 * and list items (as cmark's render.c does).  Every byte of span text is
 * already fit for a terminal: control characters become ^X, invalid UTF-8
 * U+FFFD, and without a UTF-8 locale everything non-ASCII goes through
 * text_ascii_for().  Every line is at most `width` columns wide; a code
 * line too long for the width is clipped and ends in a marker (a span
 * styled LAYOUT_CLIP, "›" or ">") that keeps it within the width.
 */
#ifndef BACKCARE_LAYOUT_H
#define BACKCARE_LAYOUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "util.h"

struct cmark_node;

/* Span styles: bit flags. */
#define LAYOUT_BOLD       0x0001u
#define LAYOUT_ITALIC     0x0002u
#define LAYOUT_CODE       0x0004u   /* code spans and code blocks */
#define LAYOUT_LINK       0x0008u   /* text of a link (see span.link) */
#define LAYOUT_QUOTE      0x0010u   /* inside a block quote */
#define LAYOUT_DIM        0x0020u
#define LAYOUT_ANSWER     0x0040u   /* a self-check answer */
#define LAYOUT_DIAGRAM    0x0080u   /* a ```diagram block */
#define LAYOUT_MARKER     0x0100u   /* list markers and quote bars */
#define LAYOUT_RULE       0x0200u   /* heading underlines, thematic breaks */
#define LAYOUT_HTML       0x0400u   /* raw HTML, shown as text */
#define LAYOUT_CLIP       0x0800u   /* the marker of a clipped code line */
#define LAYOUT_IMAGE      0x1000u
#define LAYOUT_URL        0x2000u   /* an external link's <url> */
#define LAYOUT_HEADING_SHIFT 16     /* bits 16-18: heading level 1-6 */
#define LAYOUT_HEADING(style) (((style) >> LAYOUT_HEADING_SHIFT) & 7u)

/* Line flags. */
#define LAYOUT_LINE_ANSWER  0x01u   /* part of a self-check answer */
#define LAYOUT_LINE_HEADING 0x02u   /* a heading or its underline */
#define LAYOUT_LINE_BLANK   0x04u

/* Flags of layout_build(). */
#define LAYOUT_HIDE_ANSWERS 0x01    /* answers become one placeholder line */

/* The placeholder shown for a hidden answer. */
#define LAYOUT_ANSWER_HIDDEN "Answer hidden: press a to show the answers"

struct layout_span {
	uint32_t off;        /* into layout.text */
	uint32_t len;        /* bytes */
	uint32_t style;
	int32_t link;        /* index into layout.links, or -1 */
};

struct layout_line {
	size_t span;         /* first span */
	uint32_t nspans;
	uint32_t width;      /* display columns */
	int src_line;        /* 1-based source line of its block */
	unsigned flags;
};

enum layout_link_kind {
	LAYOUT_LINK_EXTERNAL,   /* a URL, shown as text <url> */
	LAYOUT_LINK_LESSON,     /* another lesson (maybe #anchor) */
	LAYOUT_LINK_ANCHOR      /* #anchor in this document */
};

struct layout_link {
	enum layout_link_kind kind;
	char *url;           /* as written */
	char *lesson;        /* LESSON: the lesson id */
	char *anchor;        /* the #anchor without '#', or NULL */
	size_t line;         /* output line of its first character */
	int src_line;
};

struct layout_anchor {
	char *slug;
	size_t line;         /* the heading's first output line */
};

/* Read-only for callers; built by layout_build(), freed by layout_free(). */
struct layout {
	int width;
	char *text;          /* the arena every span points into */
	size_t text_len;
	struct layout_span *spans;
	size_t nspans;
	struct layout_line *lines;
	size_t nlines;
	struct layout_link *links;
	size_t nlinks;
	struct layout_anchor *anchors;
	size_t nanchors;
	char *title;         /* the first H1's text, or NULL */
};

/*
 * Lays doc out at width columns (clamped to 1..10000).  The caller keeps
 * doc and frees the result with layout_free().
 */
struct layout *layout_build(struct cmark_node *doc, int width, int flags);
void layout_free(struct layout *l);

/*
 * The same from CommonMark text (len bytes): the one place where screens
 * turn Markdown into lines, so none of them parses it itself.  The caller
 * frees the result with layout_free().
 */
struct layout *layout_build_text(const char *md, size_t len, int width,
    int flags);

/*
 * Writes doc as plain text at width columns to f, line by line, without
 * keeping the lines (memory stays small).  Headings are followed by a
 * line of '=' (level 1) or '-' (level 2).  Returns 0, or -1 when writing
 * failed.
 */
int layout_write_plain(struct cmark_node *doc, int width, FILE *f);

/*
 * The same from CommonMark text, with the output of a whole parse.  The
 * text is parsed a chunk of whole top-level blocks at a time when it is
 * over LAYOUT_CHUNK bytes, so memory stays small on huge files; link
 * reference definitions reach the whole file (see layout_plain.c).  Not
 * reentrant (cmark's memory here is one static pool).  Returns 0 or -1.
 */
#define LAYOUT_CHUNK (32u * 1024)
int layout_write_plain_text(const char *text, size_t len, int width,
    FILE *f);
/* The same in chunks of about chunk bytes (for the tests: tiny ones). */
int layout_write_plain_text_chunk(const char *text, size_t len, int width,
    FILE *f, size_t chunk);

/* Appends the text of line i to b (no newline). */
void layout_line_text(const struct layout *l, size_t i, struct buf *b);

/* The first line that comes from source line src or later (0 if none). */
size_t layout_line_for_source(const struct layout *l, int src);

/* The line of the heading with this slug, or -1. */
long layout_find_anchor(const struct layout *l, const char *slug);

/*
 * The GitHub-style slug of a heading's text (lowercase ASCII, spaces to
 * hyphens, punctuation other than '-' and '_' removed, non-ASCII kept).
 * The caller frees it.
 */
char *layout_slug(const char *text, size_t n);

/*
 * Classifies a link target.  For LESSON, *lesson gets the id (the file
 * name without ".md"); for LESSON and ANCHOR *anchor gets the part after
 * '#' (or NULL).  Both are allocated for the caller to free.
 */
enum layout_link_kind layout_link_parse(const char *url, char **lesson,
    char **anchor);

/* 1 when the heading text names the self-check section ("Check yourself"). */
int layout_is_check_heading(const char *text);

#endif
