/*
 * layout_pool.c: the memory of cmark while show writes plain text (see
 * layout_pool.h).
 */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "layout_pool.h"
#include "util.h"

/*
 * A bump allocator for cmark while writing plain text: allocating is a
 * pointer increment, freeing does nothing, and the whole pool is reset
 * between chunks.  cmark_mem has no context pointer, so the pool is a
 * static: layout_write_plain_text() is not reentrant.
 */
#define POOL_BLOCK (1024 * 1024)
#define POOL_ALIGN 16

struct pool_block {
	struct pool_block *next;
	size_t size, used;
	size_t big;                   /* made for one large request */
	max_align_t data[];
};

static struct pool_block *pool_head;    /* the block in use */
static struct pool_block *pool_all;     /* every block, newest first */

static struct pool_block *
pool_new_block(size_t size, int big)
{
	struct pool_block *b = xmalloc(sizeof *b + size);

	b->size = size;
	b->used = 0;
	b->big = (size_t)big;
	b->next = pool_all;
	pool_all = b;
	return b;
}

/* Returns room for n bytes, 16-aligned, with its size just before it. */
static void *
pool_alloc(size_t n)
{
	size_t need = (n + POOL_ALIGN + POOL_ALIGN - 1) &
	    ~(size_t)(POOL_ALIGN - 1);
	struct pool_block *b = pool_head;
	char *p;

	if (need > POOL_BLOCK / 4) {
		b = pool_new_block(need, 1);
	} else if (b == NULL || b->used + need > b->size) {
		/* Reuse a block emptied by the last reset, if any. */
		for (b = pool_all; b != NULL; b = b->next)
			if (!b->big && b->used == 0 && b != pool_head)
				break;
		if (b == NULL)
			b = pool_new_block(POOL_BLOCK, 0);
		pool_head = b;
	}
	p = (char *)b->data + b->used + POOL_ALIGN;
	b->used += need;
	((size_t *)(void *)p)[-1] = n;
	return p;
}

static void *
pool_calloc(size_t n, size_t size)
{
	void *p;

	if (size != 0 && n > (size_t)-1 / 2 / size)
		fatal("out of memory");
	p = pool_alloc(n * size);
	memset(p, 0, n * size);
	return p;
}

/* 1 when p (was bytes) is the newest allocation of the current block and
 * the block has room for it to become n bytes. */
static int
pool_grow_last(void *p, size_t was, size_t n)
{
	struct pool_block *b = pool_head;
	char *base;
	size_t need_was, need;

	if (b == NULL)
		return 0;
	need_was = (was + POOL_ALIGN + POOL_ALIGN - 1) &
	    ~(size_t)(POOL_ALIGN - 1);
	need = (n + POOL_ALIGN + POOL_ALIGN - 1) & ~(size_t)(POOL_ALIGN - 1);
	base = (char *)b->data;
	if ((char *)p != base + b->used - need_was + POOL_ALIGN ||
	    b->used - need_was + need > b->size)
		return 0;
	b->used = b->used - need_was + need;
	((size_t *)p)[-1] = n;
	return 1;
}

static void *
pool_realloc(void *old, size_t n)
{
	void *p;
	size_t was;

	if (old == NULL)
		return pool_alloc(n);
	was = ((size_t *)old)[-1];
	if (n <= was) {
		((size_t *)old)[-1] = n;
		return old;
	}
	/* The newest allocation grows in place: buffers that double as
	 * cmark reads would leave every old copy behind. */
	if (pool_grow_last(old, was, n))
		return old;
	p = pool_alloc(n);
	memcpy(p, old, was);
	return p;
}

static void
pool_free(void *p)
{
	(void)p;
}

/* Empties the pool, keeping its regular blocks for reuse. */
void
layout_pool_reset(int release)
{
	struct pool_block *b, *next, **prev = &pool_all;

	for (b = pool_all; b != NULL; b = next) {
		next = b->next;
		if (b->big || release) {
			*prev = next;
			free(b);
			continue;
		}
		b->used = 0;
		prev = &b->next;
	}
	pool_head = NULL;
}

static cmark_mem pool_mem = { pool_calloc, pool_realloc, pool_free };

/* Parses pre (whole lines ending in a blank line, or empty) then text. */
cmark_node *
layout_pool_parse(const char *pre, size_t pre_len, const char *text, size_t len)
{
	cmark_parser *p = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT,
	    &pool_mem);
	cmark_node *doc;

	if (pre_len > 0)
		cmark_parser_feed(p, pre, pre_len);
	cmark_parser_feed(p, text, len);
	doc = cmark_parser_finish(p);
	cmark_parser_free(p);
	return doc;
}
