/*
 * util.h: memory, string and message helpers shared by every module.
 *
 * Two tiers of errors (see STYLE.md): the x* allocators and fatal() are for
 * the impossible (out of memory, a broken invariant) and end the program;
 * anything a user can cause is reported through return codes and messages.
 */
#ifndef BACKCARE_UTIL_H
#define BACKCARE_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define BC_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define BC_NORETURN __attribute__((noreturn))
#else
#define BC_PRINTF(a, b)
#define BC_NORETURN
#endif

#define BC_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Allocators that never return NULL: they call fatal() instead. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
void *xreallocarray(void *p, size_t n, size_t size);
/*
 * Returns array p of n elements (each of size bytes) with room for one
 * more.  Every element must have been added through xgrow(): the room
 * doubles when n reaches a power of two, so n appends copy O(n) bytes in
 * all, where growing by one would copy O(n^2) (and, under a sanitizer,
 * map and unmap memory for every append).
 */
void *xgrow(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Returns a newly allocated formatted string; the caller frees it. */
char *xasprintf(const char *fmt, ...) BC_PRINTF(1, 2);
char *xvasprintf(const char *fmt, va_list ap) BC_PRINTF(1, 0);

/* Prints "backcare: message" on stderr and exits with status 70. */
void fatal(const char *fmt, ...) BC_PRINTF(1, 2) BC_NORETURN;

/* The program name used in messages ("backcare"). */
extern const char *util_progname;

/* Prints "backcare: message" on stderr (one line, newline added). */
void util_warn(const char *fmt, ...) BC_PRINTF(1, 2);

/*
 * A growable byte buffer, always NUL-terminated once anything was added.
 * Initialise with BUF_INIT; release with buf_free().
 */
struct buf {
	char *data;
	size_t len;
	size_t cap;
};
#define BUF_INIT { NULL, 0, 0 }
void buf_add(struct buf *b, const char *s, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) BC_PRINTF(2, 3);
void buf_reset(struct buf *b);
void buf_free(struct buf *b);
/* Hands the contents to the caller (who frees them) and empties the buffer. */
char *buf_detach(struct buf *b);

/*
 * The most backcare reads of each kind of file, in bytes: an answers file,
 * a plan, a routine or the safety-check questions (UTIL_LIMIT_SMALL), a
 * lesson or a lesson index (UTIL_LIMIT_LESSON).  backcare(1) lists them.
 */
#define UTIL_LIMIT_SMALL ((size_t)4 << 20)
#define UTIL_LIMIT_LESSON ((size_t)32 << 20)

/*
 * Reads a whole regular file of at most limit bytes; path "-" is standard
 * input, which may also be a pipe.  A FIFO, device, socket or folder is
 * refused by name without waiting on it.  Returns the contents
 * (NUL-terminated, caller frees) and its length in *len, or NULL with
 * *why set (caller frees) to the reason without the file name, such as
 * "too large (5000000 bytes; the limit is 4 MiB)".
 */
char *util_read_file_max(const char *path, size_t limit, size_t *len,
    char **why);

/*
 * What goes between "PATH: " and the reason util_read_file_max() gave:
 * doing ("cannot read the plan: ") for an error of the system, nothing
 * for a refusal, so those read "PATH: too large (...)" and
 * "PATH: is a FIFO (a named pipe), not a file".
 */
const char *util_read_doing(const char *why, const char *doing);

/*
 * util_read_file_max() with the lesson limit, for tests and tools: NULL
 * with errno set (EFBIG when too large, EINVAL when not a regular file).
 */
char *util_read_file(const char *path, size_t *len);

/* FNV-1a, 64 bits, of the n bytes at s: for hash tables, not for
 * anything an attacker must not collide. */
uint64_t util_hash(const char *s, size_t n);

/*
 * A map from strings to numbers (open addressing, FNV-1a), for lookups
 * that hostile input must not turn quadratic.  Initialise with
 * STRMAP_INIT; keys are copied; release with strmap_free().
 */
struct strmap {
	char **keys;
	size_t *vals;
	size_t n;
	size_t cap;
};
#define STRMAP_INIT { NULL, NULL, 0, 0 }
/* The value stored for key, or NULL.  The pointer lasts until the next put. */
size_t *strmap_get(const struct strmap *m, const char *key);
/* Stores val for key (adding it, or replacing its value). */
void strmap_put(struct strmap *m, const char *key, size_t val);
void strmap_free(struct strmap *m);

/*
 * A heading's anchor made unique the way GitHub numbers repeats (intro,
 * intro-1, intro-2): returns a new string (caller frees) and records it
 * in seen, in time linear in the number of headings.
 */
char *util_unique_slug(struct strmap *seen, const char *slug);

/* Trims ASCII white space at both ends, in place; returns s. */
char *util_trim(char *s);

/*
 * Parses a whole decimal number within [min, max].  Returns 0 and fills
 * *out, or -1 when s is empty, not a number, or out of range.
 */
int util_parse_long(const char *s, long min, long max, long *out);

/*
 * Parses a duration such as "90s", "2m", "1m30s" or a bare "45" (seconds).
 * Returns 0 and fills *seconds, or -1 when s is malformed.
 */
int util_parse_duration(const char *s, long *seconds);

/* Formats seconds as "m:ss" (or "h:mm:ss") into out (at least 16 bytes). */
void util_format_clock(long seconds, char *out, size_t size);

/* Formats seconds as "1m30s"-style text into out. */
void util_format_duration(long seconds, char *out, size_t size);

/*
 * Calls fn with each line of an answers file (1-based number, the line
 * trimmed and writable), leaving out blank lines and "#" comments, until
 * fn returns non-zero.  Returns fn's last return value, or 0.
 */
int util_each_line(const char *text, size_t len,
    int (*fn)(void *ctx, int line, char *s), void *ctx);

/*
 * A store message "PATH: what: reason" as "what: reason (PATH)" in buf,
 * so that a status line cut at its end keeps the reason; any other
 * message (or a NULL or empty path) as it is.  Returns buf.
 */
const char *util_reason_first(const char *msg, const char *path, char *buf,
    size_t size);

#endif
