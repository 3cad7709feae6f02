/*
 * layout_refs.h: the link reference definitions of a text parsed in
 * chunks (layout_plain.c), found by cmark itself and handed to each chunk
 * as a prefix of definitions.
 */
#ifndef BACKCARE_LAYOUT_REFS_H
#define BACKCARE_LAYOUT_REFS_H

#include <stddef.h>

#include "util.h"

struct lo_refs;
struct cmark_node;

struct lo_refs *lo_refs_new(void);
void lo_refs_free(struct lo_refs *);

/*
 * Adds the definitions of s[0, n), whole top-level blocks, in document
 * order after those added before.  Uses (and resets) the layout pool.
 * Returns 0, or -1 when in doubt (a label over lines of a block quote, a
 * definition that cmark's limit on reference expansion might hide): the
 * caller parses the text whole.
 */
int lo_refs_gather(struct lo_refs *, const char *s, size_t n);

/*
 * The same in two steps, for a caller that parses the chunk anyway: the
 * probes for s[0, n) (*nprobe of them, two lines each, in *probe), to be
 * parsed first, right before s (-1: in doubt, as above); then reading
 * their answers from the first *nprobe blocks of that parse, when none of
 * the chunk's definitions is cut off at its end.
 */
int lo_refs_probes(struct lo_refs *, const char *s, size_t n,
    const char **probe, size_t *plen, size_t *nprobe);
int lo_refs_read(struct lo_refs *, struct cmark_node *doc, size_t nprobe,
    size_t n);

/*
 * For a chunk s[0, nall) whose blocks in s[0, npick) are written: the
 * definitions those blocks may use, as lines of CommonMark ending in a
 * blank line, appended to pre (NULL: only counted).  Returns the length
 * of that prefix; *cost gets an upper bound of what cmark counts against
 * its limit on reference expansion while parsing s[0, nall), *cost_pick
 * the same for s[0, npick).
 */
size_t lo_refs_prefix(struct lo_refs *, const char *s, size_t npick,
    size_t nall, struct buf *pre, size_t *cost, size_t *cost_pick);

/* The largest url + title of a definition (cmark's size of it). */
size_t lo_refs_max_size(const struct lo_refs *);
/* The steps lo_refs_prefix() has taken over chains and lists, in all:
 * beyond a multiple of the text, the whole parse is cheaper. */
size_t lo_refs_work(const struct lo_refs *);

#endif
