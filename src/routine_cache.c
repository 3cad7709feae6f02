/*
 * routine_cache.c: the routine cache's codec and checksum (routine_cache.h).
 * No I/O here: the file is routine_cache_file.c.
 *
 * The bytes, all integers little-endian:
 *   "BCRCACHE", u32 format, u64 checksum of everything after it,
 *   u32 version length, the version, u32 count, then count entries:
 *   u32 file length, the routine file's bytes, u32 payload length,
 *   payload.
 * A payload is the routine's fields, u32 nsteps, then each step's fields,
 * in the order of the tables below.  A string is u32 length and its bytes
 * (0xffffffff: NULL); an int is i32, a long i64; an int array is u32
 * count (0xffffffff: NULL) and that many i32.
 */
#include "config.h"

#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "routine_cache.h"
#include "util.h"

#define RCACHE_MAGIC "BCRCACHE"
#define RCACHE_NULL 0xffffffffu

enum rcache_type { RC_STR, RC_INT, RC_LONG, RC_INTS };

struct rcache_field {
	enum rcache_type type;
	size_t off;
	long min, max;          /* of the value (RC_INTS: of each item) */
	size_t count_off;       /* RC_INTS: the int holding the count */
	int max_count;          /* RC_INTS */
};

#define STR(f) { RC_STR, offsetof(struct routine_step, f), 0, 0, 0, 0 }
#define INT(f, lo, hi) { RC_INT, offsetof(struct routine_step, f), lo, hi, \
	0, 0 }
#define LONG(f, lo, hi) { RC_LONG, offsetof(struct routine_step, f), lo, \
	hi, 0, 0 }

/*
 * Every field of struct routine_step, in the order of the encoding.  The
 * bounds are those a parse gives (routine.c); a routine outside them is
 * parsed each time rather than cached.
 */
static const struct rcache_field rcache_step_fields[] = {
	STR(title),
	INT(line, 0, INT_MAX),
	INT(hold, 0, 1),
	LONG(seconds, 0, 2 * ROUTINE_MAX_S),
	INT(repeat, 0, ROUTINE_MAX_REPEAT),
	LONG(rest, 0, 2 * ROUTINE_MAX_S),
	INT(sides, 0, 2),
	STR(stroke),
	STR(region),
	STR(position),
	STR(pressure),
	STR(instructions),
	STR(movement),
	INT(reps, 0, ROUTINE_MAX_REPS),
	INT(sets, 0, ROUTINE_MAX_SETS),
	INT(tempo[0], 0, 60),
	INT(tempo[1], 0, 60),
	INT(tempo[2], 0, 60),
	LONG(set_rest, 0, 2 * ROUTINE_MAX_S),
	STR(alt_position),
	STR(tags),
	STR(bones),
	STR(bones_position),
	STR(easier),
	STR(harder),
	{ RC_INTS, offsetof(struct routine_step, weeks), 1, 60,
	    offsetof(struct routine_step, n_weeks), ROUTINE_MAX_WEEKS },
	INT(skipped, 0, 1),
	INT(softened, 0, 1),
	STR(note),
};

#undef STR
#undef INT
#undef LONG

/* The routine's own fields; id is the caller's, steps follow. */
static const struct rcache_field rcache_routine_fields[] = {
	{ RC_STR, offsetof(struct routine, title), 0, 0, 0, 0 },
	{ RC_STR, offsetof(struct routine, intro), 0, 0, 0, 0 },
	{ RC_INT, offsetof(struct routine, exercise), 0, 1, 0, 0 },
	{ RC_INT, offsetof(struct routine, week), 0, ROUTINE_MAX_WEEKS, 0, 0 },
};

#define NFIELDS(t) (sizeof (t) / sizeof (t)[0])

/*
 * A field added to the structs must be added to the tables above (and
 * RCACHE_FORMAT bumped): the sizes on LP64 are those of the fields the
 * tables name plus their padding.  Fails the build when they differ.
 */
#if defined(__LP64__)
typedef char rcache_step_fields_complete[
    sizeof(struct routine_step) == 208 ? 1 : -1];
typedef char rcache_routine_fields_complete[
    sizeof(struct routine) == 48 ? 1 : -1];
#endif

struct rcache_entry {
	size_t key_off, key_len; /* the routine file's bytes in data */
	size_t off, size;       /* the payload in data */
};

struct rcache {
	char *version;
	struct buf data;        /* the keys and payloads */
	struct rcache_entry *e;
	size_t n;
	size_t bytes;           /* the size encoded, kept under the limit */
};

/* The header's size, and an entry's beyond its key and payload. */
#define RCACHE_HEAD(vlen) (8 + 4 + 8 + 4 + (vlen) + 4)
#define RCACHE_ENTRY_HEAD 8

/* ---- the checksum: xxHash64, written out -------------------------- */

#define P1 0x9E3779B185EBCA87ULL
#define P2 0xC2B2AE3D27D4EB4FULL
#define P3 0x165667B19E3779F9ULL
#define P4 0x85EBCA77C2B2AE63ULL
#define P5 0x27D4EB2F165667C5ULL

static uint64_t
rcache_rotl(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

static uint64_t
rcache_rd64(const unsigned char *p)
{
	uint64_t v;

	/* One load where the machine is little-endian, as the format is. */
	memcpy(&v, p, sizeof v);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	return v;
}

static uint32_t
rcache_rd32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static uint64_t
rcache_round(uint64_t acc, uint64_t in)
{
	acc += in * P2;
	acc = rcache_rotl(acc, 31);
	return acc * P1;
}

static uint64_t
rcache_merge(uint64_t acc, uint64_t v)
{
	acc ^= rcache_round(0, v);
	return acc * P1 + P4;
}

/* xxHash64, seed 0: damage in the file shows, whatever its place. */
uint64_t
rcache_hash64(const void *data, size_t len)
{
	const unsigned char *p = data, *end = p + len;
	uint64_t v1 = P1 + P2, v2 = P2, v3 = 0, v4 = -P1, h;

	if (len >= 32) {
		do {
			v1 = rcache_round(v1, rcache_rd64(p));
			v2 = rcache_round(v2, rcache_rd64(p + 8));
			v3 = rcache_round(v3, rcache_rd64(p + 16));
			v4 = rcache_round(v4, rcache_rd64(p + 24));
			p += 32;
		} while (p + 32 <= end);
		h = rcache_rotl(v1, 1) + rcache_rotl(v2, 7) +
		    rcache_rotl(v3, 12) + rcache_rotl(v4, 18);
		h = rcache_merge(rcache_merge(rcache_merge(rcache_merge(h,
		    v1), v2), v3), v4);
	} else
		h = P5;
	h += (uint64_t)len;
	for (; p + 8 <= end; p += 8)
		h = rcache_rotl(h ^ rcache_round(0, rcache_rd64(p)), 27) * P1 +
		    P4;
	if (p + 4 <= end) {
		h = rcache_rotl(h ^ (uint64_t)rcache_rd32(p) * P1, 23) * P2 +
		    P3;
		p += 4;
	}
	for (; p < end; p++)
		h = rcache_rotl(h ^ *p * P5, 11) * P1;
	h ^= h >> 33;
	h *= P2;
	h ^= h >> 29;
	h *= P3;
	h ^= h >> 32;
	return h;
}

void
rcache_key_of(const char *text, size_t len, struct rcache_key *k)
{
	k->text = text;
	k->len = len;
}

/* ---- writing ------------------------------------------------------- */

static void
rcache_w32(struct buf *b, uint32_t v)
{
	char c[4];
	int i;

	for (i = 0; i < 4; i++)
		c[i] = (char)(v >> (8 * i) & 0xff);
	buf_add(b, c, 4);
}

static void
rcache_w64(struct buf *b, uint64_t v)
{
	rcache_w32(b, (uint32_t)v);
	rcache_w32(b, (uint32_t)(v >> 32));
}

static void
rcache_wstr(struct buf *b, const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;

	rcache_w32(b, s != NULL ? (uint32_t)n : RCACHE_NULL);
	buf_add(b, s != NULL ? s : "", n);
}

/* Checks one field of the struct at base against its bounds. */
static int
rcache_field_ok(const struct rcache_field *f, const char *base)
{
	const char *s;
	const int *ints;
	int i, n;
	long v;

	switch (f->type) {
	case RC_STR:
		memcpy(&s, base + f->off, sizeof s);
		return s == NULL || strlen(s) < RCACHE_NULL;
	case RC_INT:
		memcpy(&i, base + f->off, sizeof i);
		return i >= f->min && i <= f->max;
	case RC_LONG:
		memcpy(&v, base + f->off, sizeof v);
		return v >= f->min && v <= f->max;
	case RC_INTS:
		memcpy(&ints, base + f->off, sizeof ints);
		memcpy(&n, base + f->count_off, sizeof n);
		if (ints == NULL)
			return n == 0;
		if (n < 1 || n > f->max_count)
			return 0;
		for (i = 0; i < n; i++)
			if (ints[i] < f->min || ints[i] > f->max)
				return 0;
		return 1;
	}
	return 0;
}

static int
rcache_fields_ok(const struct rcache_field *t, size_t nt, const void *base)
{
	size_t i;

	for (i = 0; i < nt; i++)
		if (!rcache_field_ok(&t[i], base))
			return 0;
	return 1;
}

static void
rcache_write_fields(struct buf *b, const struct rcache_field *t, size_t nt,
    const char *base)
{
	const struct rcache_field *f;
	const char *s;
	const int *ints;
	size_t i;
	int v, n, k;
	long l;

	for (i = 0; i < nt; i++) {
		f = &t[i];
		switch (f->type) {
		case RC_STR:
			memcpy(&s, base + f->off, sizeof s);
			rcache_wstr(b, s);
			break;
		case RC_INT:
			memcpy(&v, base + f->off, sizeof v);
			rcache_w32(b, (uint32_t)v);
			break;
		case RC_LONG:
			memcpy(&l, base + f->off, sizeof l);
			rcache_w64(b, (uint64_t)(int64_t)l);
			break;
		case RC_INTS:
			memcpy(&ints, base + f->off, sizeof ints);
			memcpy(&n, base + f->count_off, sizeof n);
			rcache_w32(b, ints != NULL ? (uint32_t)n : RCACHE_NULL);
			for (k = 0; ints != NULL && k < n; k++)
				rcache_w32(b, (uint32_t)ints[k]);
			break;
		}
	}
}

struct rcache *
rcache_new(const char *version)
{
	struct rcache *c = xcalloc(1, sizeof *c);

	c->version = xstrdup(version);
	c->bytes = RCACHE_HEAD(strlen(version));
	return c;
}

static const struct rcache_entry *
rcache_find(const struct rcache *c, const struct rcache_key *k)
{
	size_t i;

	/* Byte for byte: 27 KB of built-in routines cost less to compare
	 * than to hash, and no two files can be taken for each other. */
	for (i = 0; i < c->n; i++)
		if (c->e[i].key_len == k->len && (k->len == 0 ||
		    memcmp(c->data.data + c->e[i].key_off, k->text,
		    k->len) == 0))
			return &c->e[i];
	return NULL;
}

/* Adds the entry whose key and payload were just appended to data from
 * start on, the payload from off; -1 (and data as it was) when it would
 * take the cache over the limit. */
static int
rcache_commit(struct rcache *c, size_t start, size_t key_len, size_t off)
{
	struct rcache_entry *e;
	size_t size = c->data.len - off;

	if (key_len >= RCACHE_NULL || size >= RCACHE_NULL ||
	    RCACHE_MAX_BYTES - c->bytes < RCACHE_ENTRY_HEAD + key_len + size) {
		c->data.len = start;
		return -1;
	}
	c->e = xgrow(c->e, c->n, sizeof *c->e);
	e = &c->e[c->n++];
	e->key_off = start;
	e->key_len = key_len;
	e->off = off;
	e->size = size;
	c->bytes += RCACHE_ENTRY_HEAD + key_len + size;
	return 0;
}

int
rcache_put(struct rcache *c, const struct rcache_key *k,
    const struct routine *r)
{
	size_t i, start = c->data.len, off;

	if (rcache_find(c, k) != NULL)
		return 1;
	if (!rcache_fields_ok(rcache_routine_fields,
	    NFIELDS(rcache_routine_fields), r) || r->nsteps >= RCACHE_NULL)
		return -1;
	for (i = 0; i < r->nsteps; i++)
		if (!rcache_fields_ok(rcache_step_fields,
		    NFIELDS(rcache_step_fields), &r->steps[i]))
			return -1;
	/* A routine too big to keep (the limit) is parsed each time. */
	if (k->len > RCACHE_MAX_BYTES)
		return -1;
	buf_add(&c->data, k->text, k->len);
	off = c->data.len;
	rcache_write_fields(&c->data, rcache_routine_fields,
	    NFIELDS(rcache_routine_fields), (const char *)r);
	rcache_w32(&c->data, (uint32_t)r->nsteps);
	for (i = 0; i < r->nsteps; i++)
		rcache_write_fields(&c->data, rcache_step_fields,
		    NFIELDS(rcache_step_fields), (const char *)&r->steps[i]);
	return rcache_commit(c, start, k->len, off);
}

void *
rcache_encode(const struct rcache *c, size_t *len)
{
	struct buf b = BUF_INIT;
	size_t i;
	uint64_t sum;
	char *out;

	buf_add(&b, RCACHE_MAGIC, 8);
	rcache_w32(&b, RCACHE_FORMAT);
	rcache_w64(&b, 0);      /* the checksum, filled in below */
	rcache_wstr(&b, c->version);
	rcache_w32(&b, (uint32_t)c->n);
	for (i = 0; i < c->n; i++) {
		rcache_w32(&b, (uint32_t)c->e[i].key_len);
		buf_add(&b, c->data.data + c->e[i].key_off, c->e[i].key_len);
		rcache_w32(&b, (uint32_t)c->e[i].size);
		buf_add(&b, c->data.data + c->e[i].off, c->e[i].size);
		if (b.len > RCACHE_MAX_BYTES) {
			buf_free(&b);
			return NULL;
		}
	}
	*len = b.len;
	out = buf_detach(&b);
	sum = rcache_hash64(out + 20, *len - 20);
	for (i = 0; i < 8; i++)
		out[12 + i] = (char)(sum >> (8 * i) & 0xff);
	return out;
}

/* ---- reading: every length and count checked against what is left -- */

struct rcache_rd {
	const unsigned char *p, *end;
	int bad;
};

static uint32_t
rcache_r32(struct rcache_rd *r)
{
	uint32_t v;

	if (r->bad || r->end - r->p < 4) {
		r->bad = 1;
		return 0;
	}
	v = rcache_rd32(r->p);
	r->p += 4;
	return v;
}

static uint64_t
rcache_r64(struct rcache_rd *r)
{
	uint64_t lo = rcache_r32(r);

	return lo | (uint64_t)rcache_r32(r) << 32;
}

/* A string, or NULL for the NULL mark; *bad set when it does not fit or
 * holds a NUL. */
static char *
rcache_rstr(struct rcache_rd *r)
{
	uint32_t n = rcache_r32(r);
	char *s;

	if (r->bad || n == RCACHE_NULL)
		return NULL;
	if ((size_t)(r->end - r->p) < n || memchr(r->p, '\0', n) != NULL) {
		r->bad = 1;
		return NULL;
	}
	s = xmalloc((size_t)n + 1);
	memcpy(s, r->p, n);
	s[n] = '\0';
	r->p += n;
	return s;
}

static void
rcache_read_field(struct rcache_rd *r, const struct rcache_field *f,
    char *base)
{
	char *s;
	int *ints = NULL, i, n = 0;
	long l;
	uint32_t count;

	switch (f->type) {
	case RC_STR:
		s = rcache_rstr(r);
		memcpy(base + f->off, &s, sizeof s);
		break;
	case RC_INT:
		i = (int)(int32_t)rcache_r32(r);
		memcpy(base + f->off, &i, sizeof i);
		break;
	case RC_LONG:
		l = (long)(int64_t)rcache_r64(r);
		memcpy(base + f->off, &l, sizeof l);
		break;
	case RC_INTS:
		count = rcache_r32(r);
		if (r->bad || count == RCACHE_NULL)
			break;
		if (count == 0 || count > (uint32_t)f->max_count ||
		    (size_t)(r->end - r->p) / 4 < count) {
			r->bad = 1;
			break;
		}
		ints = xcalloc(count, sizeof *ints);
		for (n = 0; n < (int)count; n++)
			ints[n] = (int)(int32_t)rcache_r32(r);
		memcpy(base + f->off, &ints, sizeof ints);
		memcpy(base + f->count_off, &n, sizeof n);
		break;
	}
}

static void
rcache_read_fields(struct rcache_rd *r, const struct rcache_field *t,
    size_t nt, void *base)
{
	size_t i;

	for (i = 0; i < nt; i++)
		rcache_read_field(r, &t[i], base);
	if (!r->bad && !rcache_fields_ok(t, nt, base))
		r->bad = 1;
}

/* The least a step takes in the encoding: 4 bytes a field. */
#define RCACHE_MIN_STEP (4 * NFIELDS(rcache_step_fields))

static struct routine *
rcache_decode_routine(const unsigned char *p, size_t size, const char *id)
{
	struct rcache_rd r = { p, p + size, 0 };
	struct routine *rt = xcalloc(1, sizeof *rt);
	uint32_t n;
	size_t i;

	rt->id = xstrdup(id);
	rcache_read_fields(&r, rcache_routine_fields,
	    NFIELDS(rcache_routine_fields), rt);
	n = rcache_r32(&r);
	if (!r.bad && (size_t)(r.end - r.p) / RCACHE_MIN_STEP < n)
		r.bad = 1;
	if (!r.bad && n > 0) {
		rt->steps = xcalloc(n, sizeof *rt->steps);
		for (i = 0; i < n && !r.bad; i++) {
			rt->nsteps++;
			rcache_read_fields(&r, rcache_step_fields,
			    NFIELDS(rcache_step_fields), &rt->steps[i]);
		}
	}
	/* A parse always gives a title, steps and instructions. */
	if (!r.bad && (r.p != r.end || rt->title == NULL || rt->nsteps == 0))
		r.bad = 1;
	for (i = 0; i < rt->nsteps && !r.bad; i++)
		if (rt->steps[i].title == NULL ||
		    rt->steps[i].instructions == NULL)
			r.bad = 1;
	if (r.bad) {
		routine_free(rt);
		return NULL;
	}
	return rt;
}

/* A copy of key k and payload p into c: 0, or -1 when it does not fit. */
static int
rcache_add(struct rcache *c, const struct rcache_key *k, const char *p,
    size_t size)
{
	size_t start = c->data.len;

	buf_add(&c->data, k->text, k->len);
	buf_add(&c->data, p, size);
	return rcache_commit(c, start, k->len, start + k->len);
}

int
rcache_keep(struct rcache *next, const struct rcache *old,
    const struct rcache_key *k)
{
	const struct rcache_entry *e = rcache_find(old, k);

	if (e == NULL)
		return -1;
	if (rcache_find(next, k) != NULL)
		return 1;
	return rcache_add(next, k, old->data.data + e->off, e->size);
}

struct routine *
rcache_get(const struct rcache *c, const struct rcache_key *k,
    const char *id)
{
	const struct rcache_entry *e = rcache_find(c, k);

	return e == NULL ? NULL : rcache_decode_routine((const unsigned char *)
	    c->data.data + e->off, e->size, id);
}

/* The header: magic, format, checksum and version; 0 when they fit. */
static int
rcache_header_ok(struct rcache_rd *r, const unsigned char *data, size_t len,
    const char *version)
{
	size_t vlen = strlen(version);
	uint64_t sum;

	if (len < 20 || len > RCACHE_MAX_BYTES ||
	    memcmp(data, RCACHE_MAGIC, 8) != 0)
		return -1;
	r->p = data + 8;
	if (rcache_r32(r) != RCACHE_FORMAT)
		return -1;
	sum = rcache_r64(r);
	if (sum != rcache_hash64(data + 20, len - 20))
		return -1;
	if (rcache_r32(r) != vlen || (size_t)(r->end - r->p) < vlen ||
	    memcmp(r->p, version, vlen) != 0)
		return -1;
	r->p += vlen;
	return r->bad ? -1 : 0;
}

struct rcache *
rcache_decode(const void *data, size_t len, const char *version)
{
	struct rcache_rd r;
	struct rcache *c;
	struct rcache_key k;
	uint32_t n, size, i;

	if (data == NULL)
		return NULL;
	r.p = data;
	r.end = (const unsigned char *)data + len;
	r.bad = 0;
	if (rcache_header_ok(&r, data, len, version) != 0)
		return NULL;
	n = rcache_r32(&r);
	/* An entry takes 8 bytes at least: no count beyond what fits. */
	if (r.bad || (size_t)(r.end - r.p) / RCACHE_ENTRY_HEAD < n)
		return NULL;
	c = rcache_new(version);
	for (i = 0; i < n && !r.bad; i++) {
		k.len = rcache_r32(&r);
		if (r.bad || (size_t)(r.end - r.p) < k.len) {
			r.bad = 1;
			break;
		}
		k.text = (const char *)r.p;
		r.p += k.len;
		size = rcache_r32(&r);
		if (r.bad || (size_t)(r.end - r.p) < size ||
		    rcache_add(c, &k, (const char *)r.p, size) != 0) {
			r.bad = 1;
			break;
		}
		r.p += size;
	}
	if (r.bad || r.p != r.end) {
		rcache_free(c);
		return NULL;
	}
	return c;
}

size_t
rcache_count(const struct rcache *c)
{
	return c->n;
}

void
rcache_free(struct rcache *c)
{
	if (c == NULL)
		return;
	free(c->version);
	buf_free(&c->data);
	free(c->e);
	free(c);
}
