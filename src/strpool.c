/*
 * strpool.c: strings kept once, freed together (strpool.h).
 *
 * An open-addressed hash table of the strings, whose bytes sit in blocks
 * of STRPOOL_BLOCK bytes (a longer string gets a block of its own).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strpool.h"
#include "util.h"

#define STRPOOL_BLOCK 16384

struct strpool_block {
	struct strpool_block *next;
	size_t used, size;
	char text[];
};

struct strpool_slot {
	const char *s;          /* NULL when the slot is free */
	size_t n;
	uint32_t hash;
};

struct strpool {
	struct strpool_block *blocks;
	struct strpool_slot *slots;
	size_t n_slots;         /* a power of two */
	size_t n_used;
};

struct strpool *
strpool_new(void)
{
	struct strpool *p = xcalloc(1, sizeof *p);

	p->n_slots = 64;
	p->slots = xcalloc(p->n_slots, sizeof *p->slots);
	return p;
}

/* The strings are short, and few are distinct. */
static uint32_t
strpool_hash(const char *s, size_t n)
{
	uint64_t h = util_hash(s, n);

	return (uint32_t)(h ^ (h >> 32));
}

/* Room for n bytes and a NUL, in the newest block or a new one. */
static char *
strpool_room(struct strpool *p, size_t n)
{
	struct strpool_block *b = p->blocks;
	size_t size;

	if (b == NULL || b->size - b->used < n + 1) {
		size = n + 1 > STRPOOL_BLOCK ? n + 1 : STRPOOL_BLOCK;
		b = xmalloc(sizeof *b + size);
		b->used = 0;
		b->size = size;
		/* A block of its own goes behind the current one, which
		 * keeps its room for the short strings to come. */
		if (size > STRPOOL_BLOCK && p->blocks != NULL) {
			b->next = p->blocks->next;
			p->blocks->next = b;
		} else {
			b->next = p->blocks;
			p->blocks = b;
		}
	}
	b->used += n + 1;
	return b->text + b->used - n - 1;
}

/* Doubles the table when it is half full. */
static void
strpool_grow(struct strpool *p)
{
	struct strpool_slot *old = p->slots;
	size_t n_old = p->n_slots, i, j;

	p->n_slots *= 2;
	p->slots = xcalloc(p->n_slots, sizeof *p->slots);
	for (i = 0; i < n_old; i++) {
		if (old[i].s == NULL)
			continue;
		j = old[i].hash & (p->n_slots - 1);
		while (p->slots[j].s != NULL)
			j = (j + 1) & (p->n_slots - 1);
		p->slots[j] = old[i];
	}
	free(old);
}

char *
strpool_intern(struct strpool *p, const char *s, size_t n)
{
	uint32_t h = strpool_hash(s, n);
	size_t j = h & (p->n_slots - 1);
	struct strpool_slot *slot;
	char *t;

	for (;; j = (j + 1) & (p->n_slots - 1)) {
		slot = &p->slots[j];
		if (slot->s == NULL)
			break;
		if (slot->hash == h && slot->n == n &&
		    memcmp(slot->s, s, n) == 0)
			return (char *)slot->s;
	}
	t = strpool_room(p, n);
	memcpy(t, s, n);
	t[n] = '\0';
	slot->s = t;
	slot->n = n;
	slot->hash = h;
	if (++p->n_used * 2 > p->n_slots)
		strpool_grow(p);
	return t;
}

void
strpool_free(struct strpool *p)
{
	struct strpool_block *b, *next;

	if (p == NULL)
		return;
	for (b = p->blocks; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(p->slots);
	free(p);
}
