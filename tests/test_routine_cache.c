/*
 * tests/test_routine_cache.c: the routine cache (routine_cache.h): what
 * comes back from it lists exactly as what the parse gives, for every
 * content routine and for generated ones, under every kind of safety
 * limit and week; damaged, truncated, foreign and hostile bytes are
 * refused without a crash; files that an xxHash-style key took for one
 * are told apart; the size limit holds.  The file is tested in
 * test_routine_cache_file.c.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "routine.h"
#include "routine_cache.h"
#include "util.h"

#define TVERSION "test 1"

static const char *const content_ids[] = {
	"abdominal-trigger-points", "core-basics", "flare-up-day",
	"gentle-five", "gentle-mobility", "hips-and-hamstrings",
	"myofascial-release", "swedish-basics", "trigger-point-release",
	"walking-plan"
};

/* A file under the source tree (caller frees). */
static char *
src_file(const char *rel, size_t *len)
{
	const char *top = getenv("TOP_SRCDIR") ? getenv("TOP_SRCDIR") : "..";
	char *path = xasprintf("%s/%s", top, rel);
	char *text = util_read_file(path, len);

	assert_non_null(text);
	free(path);
	return text;
}

static char *
content_text(const char *id, size_t *len)
{
	char *rel = xasprintf("content/routines/%s.md", id);
	char *text = src_file(rel, len);

	free(rel);
	return text;
}

static struct routine *
parse(const char *id, const char *text, size_t len)
{
	struct diag d = DIAG_INIT;
	struct routine *r = routine_parse(id, id, text, len, &d);

	diag_free(&d);
	return r;
}

/* The safety limits the listing is shaped by: none, then each kind. */
static void
limits_nth(int i, struct massage_limits *l)
{
	memset(l, 0, sizeof *l);
	switch (i) {
	case 1: l->pregnant = 1; break;
	case 2: l->osteoporosis = 1; break;
	case 3: safety_limits_add_regions(l, "lower back, glutes"); break;
	case 4: safety_limits_add_regions(l, "hips, legs, neck"); break;
	case 5: l->no_extension = 1; break;
	case 6: l->gentle = 1; break;
	case 7: l->no_percussion = 1; break;
	case 8:
		l->pregnant = l->osteoporosis = l->no_extension = 1;
		safety_limits_add_regions(l, "abdomen");
		break;
	}
}
#define N_LIMITS 9

static void
add_opt(struct buf *b, const char *name, const char *s)
{
	buf_printf(b, " %s=%s", name, s != NULL ? s : "(none)");
}

/*
 * Everything the listing and the screens after it can show of r at week
 * under l: session_list's line (title, kind, planned and shaped totals,
 * steps left out) and each shaped step, with its easier level (P4 offers
 * it), note, position and dose.
 */
static char *
listing(int week, const struct massage_limits *l, struct routine *r)
{
	struct buf b = BUF_INIT;
	size_t i;
	int left = 0;
	char *sum;

	routine_set_week(r, week);
	buf_printf(&b, "%s|%s|%s|week %d|planned %ld", r->id, r->title,
	    routine_kind(r), r->week, routine_total_seconds(r));
	routine_apply_limits(r, l);
	for (i = 0; i < r->nsteps; i++) {
		const struct routine_step *s = &r->steps[i];
		left += s->skipped;
		sum = routine_step_summary(s);
		buf_printf(&b, "\n%zu %s line %d [%s] %ld s skip %d soft %d",
		    i, s->title, s->line, sum, routine_step_seconds(s),
		    s->skipped, s->softened);
		free(sum);
		add_opt(&b, "position", s->position);
		add_opt(&b, "pressure", s->pressure);
		add_opt(&b, "easier", s->easier);
		add_opt(&b, "harder", s->harder);
		add_opt(&b, "note", s->note);
		add_opt(&b, "bones", s->bones);
		add_opt(&b, "tags", s->tags);
		buf_printf(&b, " instructions=%zu", strlen(s->instructions));
	}
	buf_printf(&b, "\ntotal %ld left out %d intro %s",
	    routine_total_seconds(r), left, r->intro != NULL ? r->intro :
	    "(none)");
	return buf_detach(&b);
}

/* Parsed and cached, r lists the same at every week under every limit. */
static void
check_same(const char *id, const char *text, size_t len)
{
	struct rcache *c = rcache_new(TVERSION), *back;
	struct rcache_key k;
	struct massage_limits l;
	struct routine *a, *b;
	const int weeks[] = { 1, 2, 3, 8, 60 };
	size_t n, w;
	void *bytes;
	char *la, *lb;
	int i;

	a = parse(id, text, len);
	assert_non_null(a);
	rcache_key_of(text, len, &k);
	assert_int_equal(rcache_put(c, &k, a), 0);
	routine_free(a);
	bytes = rcache_encode(c, &n);
	assert_non_null(bytes);
	back = rcache_decode(bytes, n, TVERSION);
	assert_non_null(back);
	for (i = 0; i < N_LIMITS; i++)
		for (w = 0; w < BC_ARRAY_LEN(weeks); w++) {
			limits_nth(i, &l);
			a = parse(id, text, len);
			b = rcache_get(back, &k, id);
			assert_non_null(b);
			la = listing(weeks[w], &l, a);
			lb = listing(weeks[w], &l, b);
			assert_string_equal(la, lb);
			free(la);
			free(lb);
			routine_free(a);
			routine_free(b);
		}
	free(bytes);
	rcache_free(c);
	rcache_free(back);
}

static void
test_content_same(void **state)
{
	size_t i, len;
	char *text;

	(void)state;
	for (i = 0; i < BC_ARRAY_LEN(content_ids); i++) {
		text = content_text(content_ids[i], &len);
		check_same(content_ids[i], text, len);
		free(text);
	}
}

/* A deterministic choice, so a failure can be reproduced. */
static unsigned
pick(unsigned *seed, unsigned n)
{
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 16) % n;
}

static const char *const positions[] = { "standing", "sitting",
	"kneeling", "side-lying", "lying on the back", "lying on the front",
	"sitting, lying on the back" };
static const char *const regions[] = { "lower back", "glutes", "hips",
	"legs", "glutes, hips", "abdomen", "upper back" };

/* A routine of a few exercise or massage steps, of every key. */
static char *
generate(unsigned seed)
{
	static const char *const strokes[] = { "effleurage", "petrissage",
		"friction", "tapotement", "vibration", "compression" };
	static const char *const moves[] = { "mobility", "stretch",
		"strength", "aerobic" };
	static const char *const tags[] = { "extension", "twist",
		"end_range_flexion", "twist, extension" };
	struct buf b = BUF_INIT;
	int exercise = (int)pick(&seed, 2), n = 1 + (int)pick(&seed, 4), i;

	buf_printf(&b, "# Generated %u\n\nAn introduction.\n", seed);
	for (i = 0; i < n; i++) {
		buf_printf(&b, "\n## Step %d\n\n", i + 1);
		buf_printf(&b, "- region: %s\n- position: %s\n",
		    regions[pick(&seed, BC_ARRAY_LEN(regions))],
		    positions[pick(&seed, BC_ARRAY_LEN(positions))]);
		if (pick(&seed, 2))
			buf_adds(&b, "- sides: both\n");
		if (!exercise) {
			buf_printf(&b, "- %s: %us\n- repeat: %u\n- rest: %us\n"
			    "- stroke: %s\n- pressure: %s\n",
			    pick(&seed, 2) ? "hold" : "duration",
			    10 + pick(&seed, 100), 1 + pick(&seed, 3),
			    5 + pick(&seed, 20),
			    strokes[pick(&seed, BC_ARRAY_LEN(strokes))],
			    pick(&seed, 2) ? "firm" : "light");
		} else {
			buf_printf(&b, "- movement: %s\n",
			    moves[pick(&seed, BC_ARRAY_LEN(moves))]);
			if (pick(&seed, 2))
				buf_printf(&b, "- reps: %u\n- sets: %u\n- tempo: "
				    "2-%u-2\n- set_rest: 20s\n",
				    1 + pick(&seed, 10), 1 + pick(&seed, 3),
				    pick(&seed, 5));
			else if (pick(&seed, 2))
				buf_adds(&b, "- duration: 60s\n- weeks: 10, 15, "
				    "20\n");
			else
				buf_printf(&b, "- hold: %us\n- repeat: 2\n",
				    5 + pick(&seed, 30));
			buf_printf(&b, "- rest: %us\n", pick(&seed, 40));
			if (pick(&seed, 2))
				buf_printf(&b, "- tags: %s\n",
				    tags[pick(&seed, BC_ARRAY_LEN(tags))]);
			if (pick(&seed, 2))
				buf_printf(&b, "- alt_position: %s\n",
				    positions[pick(&seed, 4)]);
			if (pick(&seed, 2))
				buf_adds(&b, "- bones: keep it small\n");
			if (pick(&seed, 2))
				buf_printf(&b, "- bones_position: %s\n",
				    positions[pick(&seed, 4)]);
			if (pick(&seed, 2))
				buf_adds(&b, "- easier: less of it\n");
			if (pick(&seed, 2))
				buf_adds(&b, "- harder: more of it\n");
		}
		buf_printf(&b, "\nDo step %d *gently*.\n", i + 1);
	}
	return buf_detach(&b);
}

static void
test_generated_same(void **state)
{
	unsigned seed;
	int parsed = 0, weekly = 0;
	struct routine *r;
	char *text;
	size_t i;

	(void)state;
	for (seed = 1; seed <= 400; seed++) {
		text = generate(seed);
		r = parse("gen", text, strlen(text));
		if (r != NULL) {
			parsed++;
			for (i = 0; i < r->nsteps; i++)
				weekly += r->steps[i].weeks != NULL;
			routine_free(r);
			check_same("gen", text, strlen(text));
		}
		free(text);
	}
	/* The generator is worth something only when most parse, some of
	 * them weekly. */
	assert_true(parsed > 200);
	assert_true(weekly > 10);
}

/* The cache of every content routine, encoded; keys[] hold the files'
 * texts (free_keys frees them). */
static void *
content_cache(size_t *n, struct rcache_key keys[])
{
	struct rcache *c = rcache_new(TVERSION);
	struct routine *r;
	size_t i, len;
	char *text;
	void *bytes;

	for (i = 0; i < BC_ARRAY_LEN(content_ids); i++) {
		text = content_text(content_ids[i], &len);
		r = parse(content_ids[i], text, len);
		rcache_key_of(text, len, &keys[i]);
		assert_int_equal(rcache_put(c, &keys[i], r), 0);
		routine_free(r);
	}
	assert_int_equal(rcache_count(c), BC_ARRAY_LEN(content_ids));
	bytes = rcache_encode(c, n);
	rcache_free(c);
	return bytes;
}

static void
free_keys(struct rcache_key keys[])
{
	size_t i;

	for (i = 0; i < BC_ARRAY_LEN(content_ids); i++)
		free((char *)keys[i].text);
}

/* Sets the checksum, so that what follows it is what gets tested. */
static void
fix_sum(unsigned char *p, size_t n)
{
	uint64_t sum = rcache_hash64(p + 20, n - 20);
	int i;

	for (i = 0; i < 8; i++)
		p[12 + i] = (unsigned char)(sum >> (8 * i));
}

/* Whatever decodes, every entry gives a routine or NULL, no crash. */
static void
try_all(const unsigned char *p, size_t n, const struct rcache_key keys[])
{
	struct rcache *c = rcache_decode(p, n, TVERSION);
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < BC_ARRAY_LEN(content_ids); i++)
		routine_free(rcache_get(c, &keys[i], "x"));
	rcache_free(c);
}

static void
test_damaged(void **state)
{
	struct rcache_key keys[BC_ARRAY_LEN(content_ids)];
	unsigned char *p, *copy;
	size_t n, i, bit;

	(void)state;
	p = content_cache(&n, keys);
	copy = xmalloc(n);
	/* Truncated anywhere: refused. */
	for (i = 0; i < n; i += i < 200 ? 1 : 61)
		assert_null(rcache_decode(p, i, TVERSION));
	/* A flipped bit anywhere: the checksum refuses it. */
	for (i = 0; i < n; i += i < 200 ? 1 : 37) {
		bit = i % 8;
		memcpy(copy, p, n);
		copy[i] ^= (unsigned char)(1u << bit);
		assert_null(rcache_decode(copy, n, TVERSION));
		/* With the checksum made right, the structure's own checks
		 * must hold: a routine or nothing, never a crash. */
		if (i >= 20) {
			fix_sum(copy, n);
			try_all(copy, n, keys);
		}
	}
	/* Another version or format, foreign bytes: refused. */
	assert_null(rcache_decode(p, n, "test 2"));
	memcpy(copy, p, n);
	copy[8] = RCACHE_FORMAT + 1;
	assert_null(rcache_decode(copy, n, TVERSION));
	memcpy(copy, p, n);
	memcpy(copy, "SQLite f", 8);
	assert_null(rcache_decode(copy, n, TVERSION));
	assert_null(rcache_decode(NULL, 0, TVERSION));
	/* The round trip itself works. */
	try_all(p, n, keys);
	free(copy);
	free(p);
	free_keys(keys);
}

/* A count of 0xffffffff where a small one belongs, at each count the
 * format has: refused at once, nothing allocated for it. */
static void
test_huge_counts(void **state)
{
	struct rcache_key keys[BC_ARRAY_LEN(content_ids)];
	struct rcache *c;
	unsigned char *p, *copy;
	size_t n, vlen = strlen(TVERSION), off, i;
	struct routine *r;
	int found;

	(void)state;
	p = content_cache(&n, keys);
	copy = xmalloc(n);
	/* The entry count. */
	off = 20 + 4 + vlen;
	memcpy(copy, p, n);
	memset(copy + off, 0xff, 3);
	fix_sum(copy, n);
	assert_null(rcache_decode(copy, n, TVERSION));
	/* The first file's length, and the first payload's size. */
	memcpy(copy, p, n);
	memset(copy + off + 4, 0xff, 4);
	fix_sum(copy, n);
	assert_null(rcache_decode(copy, n, TVERSION));
	memcpy(copy, p, n);
	memset(copy + off + 4 + 4 + keys[0].len, 0xff, 4);
	fix_sum(copy, n);
	assert_null(rcache_decode(copy, n, TVERSION));
	/* Every 4-byte word inside the payloads set huge in turn: string
	 * lengths, the step count, the weeks count.  Each entry then gives
	 * a routine or nothing, and the test ends in time. */
	for (i = off + 4; i + 4 <= n; i += 4) {
		memcpy(copy, p, n);
		memset(copy + i, 0x7f, 4);
		fix_sum(copy, n);
		c = rcache_decode(copy, n, TVERSION);
		if (c == NULL)
			continue;
		for (found = 0; found < (int)BC_ARRAY_LEN(content_ids);
		    found++) {
			r = rcache_get(c, &keys[found], "x");
			routine_free(r);
		}
		rcache_free(c);
	}
	free(copy);
	free(p);
	free_keys(keys);
}

/* A step out of the bounds a parse gives is not stored; a file the parse
 * refuses is never handed to the cache (the caller's rule), so here only
 * the bounds. */
static void
test_put_bounds(void **state)
{
	struct rcache *c = rcache_new(TVERSION);
	struct rcache_key k;
	struct routine *r;
	size_t len;
	char *text = content_text("gentle-five", &len);

	(void)state;
	r = parse("gentle-five", text, len);
	rcache_key_of(text, len, &k);
	r->steps[0].repeat = 999;
	assert_int_equal(rcache_put(c, &k, r), -1);
	r->steps[0].repeat = 1;
	r->steps[0].seconds = -1;
	assert_int_equal(rcache_put(c, &k, r), -1);
	assert_int_equal(rcache_count(c), 0);
	assert_null(rcache_get(c, &k, "x"));
	routine_free(r);
	free(text);
	rcache_free(c);
}

/* The cache of one routine file's text, as id. */
static struct rcache *
cache_of(const char *id, const char *text, size_t len)
{
	struct rcache *c = rcache_new(TVERSION);
	struct rcache_key k;
	struct routine *r = parse(id, text, len);

	assert_non_null(r);
	rcache_key_of(text, len, &k);
	assert_int_equal(rcache_put(c, &k, r), 0);
	routine_free(r);
	return c;
}

/*
 * Only the same bytes find an entry: not one changed byte, not one byte
 * fewer, and not the two files the old 128-bit key (xxHash64's lanes,
 * invertible) took for one (attack20 F3; b.md's step 1 takes 9m, not 1m).
 */
static void
test_keys(void **state)
{
	struct rcache *c;
	struct rcache_key k;
	struct routine *r;
	size_t n, nb, i;
	char *a = src_file("tests/fixtures/cache-collision/a.md", &n);
	char *b = src_file("tests/fixtures/cache-collision/b.md", &nb);

	(void)state;
	assert_int_equal(n, nb);
	c = cache_of("gentle-five", a, n);
	rcache_key_of(b, nb, &k);
	assert_null(rcache_get(c, &k, "gentle-five"));
	for (i = 0; i < n; i += 7) {
		a[i] ^= 1;
		rcache_key_of(a, n, &k);
		assert_null(rcache_get(c, &k, "x"));
		a[i] ^= 1;
	}
	rcache_key_of(a, n - 1, &k);
	assert_null(rcache_get(c, &k, "x"));
	rcache_key_of(a, n, &k);
	r = rcache_get(c, &k, "gentle-five");
	assert_non_null(r);
	assert_int_equal(routine_total_seconds(r), 300);
	routine_free(r);
	/* The same bytes again are not stored twice. */
	r = parse("gentle-five", a, n);
	assert_int_equal(rcache_put(c, &k, r), 1);
	assert_int_equal(rcache_count(c), 1);
	routine_free(r);
	rcache_free(c);
	/* And b.md's own entry is b.md's routine. */
	c = cache_of("gentle-five", b, nb);
	rcache_key_of(b, nb, &k);
	r = rcache_get(c, &k, "gentle-five");
	assert_non_null(r);
	assert_int_equal(routine_total_seconds(r), 780);
	routine_free(r);
	rcache_free(c);
	free(a);
	free(b);
}

/*
 * The cache keeps under RCACHE_MAX_BYTES: a routine file too big to keep
 * is not stored (it is parsed each time), and a cache filled to the
 * limit still encodes, so the routines that fit stay cached.
 */
static void
test_size_limit(void **state)
{
	struct rcache *c = rcache_new(TVERSION), *back, *d;
	struct rcache_key k;
	struct routine *r;
	size_t len, big = RCACHE_MAX_BYTES / 3, n, kept;
	char *text = content_text("gentle-five", &len), *pad;
	void *bytes;
	int i;

	(void)state;
	r = parse("gentle-five", text, len);
	/* Bigger than the whole limit: refused at once. */
	pad = xcalloc(RCACHE_MAX_BYTES + 1, 1);
	memcpy(pad, text, len);
	rcache_key_of(pad, RCACHE_MAX_BYTES + 1, &k);
	assert_int_equal(rcache_put(c, &k, r), -1);
	assert_int_equal(rcache_count(c), 0);
	/* A third of the limit each: two fit, the third does not. */
	for (i = 0, kept = 0; i < 4; i++) {
		pad[len + (size_t)i] = 'x';
		rcache_key_of(pad, big, &k);
		kept += rcache_put(c, &k, r) == 0;
	}
	assert_int_equal(kept, 2);
	assert_int_equal(rcache_count(c), 2);
	bytes = rcache_encode(c, &n);
	assert_non_null(bytes);
	assert_true(n <= RCACHE_MAX_BYTES);
	back = rcache_decode(bytes, n, TVERSION);
	assert_non_null(back);
	assert_int_equal(rcache_count(back), 2);
	/* keep copies what fits, and refuses what would not. */
	d = rcache_new(TVERSION);
	rcache_key_of(pad, big, &k);            /* four x: its own entry */
	assert_int_equal(rcache_put(d, &k, r), 0);
	pad[len + 2] = pad[len + 3] = '\0';     /* two x: the second */
	assert_int_equal(rcache_keep(d, back, &k), 0);
	assert_int_equal(rcache_keep(d, back, &k), 1);
	pad[len + 1] = '\0';                    /* one x: the first */
	assert_int_equal(rcache_keep(d, back, &k), -1);
	assert_int_equal(rcache_count(d), 2);
	rcache_free(d);
	rcache_free(back);
	free(bytes);
	free(pad);
	routine_free(r);
	free(text);
	rcache_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_content_same),
		cmocka_unit_test(test_generated_same),
		cmocka_unit_test(test_damaged),
		cmocka_unit_test(test_huge_counts),
		cmocka_unit_test(test_put_bounds),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_size_limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
