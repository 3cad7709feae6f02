/*
 * strpool.h: strings kept once, freed together.
 *
 * A report over ten years holds some 7,000 sessions, whose routine ids,
 * titles and states are a few distinct strings each: a pool keeps one copy
 * of each (and every other string in a few large blocks), so loading the
 * report does not pay a malloc and a free per string.  Pure: no SQL.
 */
#ifndef BACKCARE_STRPOOL_H
#define BACKCARE_STRPOOL_H

#include <stddef.h>

struct strpool;

struct strpool *strpool_new(void);
/*
 * The n bytes at s, NUL-terminated, as the one copy in p of those bytes:
 * equal strings get the same pointer.  The caller must not change it; it
 * lives until strpool_free(p).
 */
char *strpool_intern(struct strpool *p, const char *s, size_t n);
void strpool_free(struct strpool *p);

#endif
