/*
 * layout_pool.h: a bump allocator for cmark while writing plain text:
 * allocating is a pointer increment, freeing does nothing, and the whole
 * pool is emptied between chunks.  cmark_mem has no context pointer, so
 * the pool is static: one parse at a time (layout_write_plain_text is not
 * reentrant).
 */
#ifndef BACKCARE_LAYOUT_POOL_H
#define BACKCARE_LAYOUT_POOL_H

#include <stddef.h>

struct cmark_node;

/*
 * Parses pre (whole lines ending in a blank line, or NULL) then text into
 * the pool.  The tree lives until the next layout_pool_reset().
 */
struct cmark_node *layout_pool_parse(const char *pre, size_t pre_len,
    const char *text, size_t len);

/* Empties the pool, keeping its regular blocks unless release. */
void layout_pool_reset(int release);

#endif
