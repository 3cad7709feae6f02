/*
 * layout_refs.c: link reference definitions for the chunked plain-text
 * writer (see layout_refs.h).  Definitions are not found here: each "]:"
 * gives a candidate label, and cmark, parsing the chunk after one probe
 * "[x][label]" per candidate, says which are defined and as what (in
 * containers, lazy lines, after setext headings, as it would anywhere).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "layout_pool.h"
#include "layout_refs.h"
#include "util.h"

#define NONE UINT32_MAX
#define LO_SEEN 1024
/* cmark's floor for its limit on reference expansion (max_ref_size). */
#define REF_FLOOR 100000

struct lo_def {
	/* 32 bits where they do: a dense file of definitions keeps one
	 * of these for each dozen bytes or so. */
	size_t at;                  /* label, url, title, one after another */
	uint32_t label_len, url_len, title_len;
	uint32_t match, dedup;      /* hashes of the keys below */
	uint32_t mnext, dnext;      /* chains of the two tables */
	uint32_t stamp;             /* picked for the current chunk */
	unsigned char wild;         /* label with non-ASCII bytes or NUL */
};

struct lo_seen {
	uint32_t h, stamp;
	size_t most;
	int picked;
};

struct lo_refs {
	struct buf store;
	struct lo_def *defs;
	size_t ndefs;
	uint32_t *mtab, *dtab;      /* heads of chains, nbucket each */
	size_t nbucket;
	size_t nwild, maxsize, maxwild;
	uint32_t stamp;
	size_t *pick;
	size_t cappick;
	struct buf probe;
	/* The bracket texts' keys met in the current chunk, direct-mapped:
	 * a key's chain is walked once a chunk, not once a bracket text. */
	struct lo_seen seen[LO_SEEN];
	size_t work;                /* chain and list steps taken, in all */
};

static int
lo_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	    c == '\f';
}

static int
lo_wild(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80 || s[i] == '\0')
			return 1;
	return 0;
}

/*
 * The key a label is matched by, loosely: ASCII lowercased, without
 * whitespace or '>' (a label over lines in a block quote keeps the
 * quote's markers in the raw text).  Labels cmark matches always have
 * the same key (ASCII only; others are wild); some that it does not
 * match do too, which costs a definition too many in a prefix.
 */
static uint32_t
lo_match_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	size_t i;
	unsigned char c;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (lo_space(c) || c == '>')
			continue;
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		h = (h ^ c) * 1099511628211ull;
	}
	return (uint32_t)(h ^ (h >> 32));
}

/*
 * The exact key for dropping a later definition: for an ASCII label,
 * lowercased with whitespace runs as one space and trimmed (cmark's
 * normalization); a wild label is kept as written.
 */
static size_t
lo_dedup_key(const char *s, size_t n, int wild, char *out)
{
	size_t i, k = 0;
	int sp = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!wild && lo_space(c)) {
			sp = k > 0;
			continue;
		}
		if (sp)
			out[k++] = ' ';
		sp = 0;
		out[k++] = (char)(!wild && c >= 'A' && c <= 'Z' ?
		    c - 'A' + 'a' : c);
	}
	return k;
}

static uint32_t
lo_hash(const char *s, size_t n)
{
	uint64_t h = util_hash(s, n);

	return (uint32_t)(h ^ (h >> 32));
}

struct lo_refs *
lo_refs_new(void)
{
	return xcalloc(1, sizeof(struct lo_refs));
}

void
lo_refs_free(struct lo_refs *R)
{
	if (R == NULL)
		return;
	buf_free(&R->store);
	buf_free(&R->probe);
	free(R->defs);
	free(R->mtab);
	free(R->dtab);
	free(R->pick);
	free(R);
}

static void
lo_rehash(struct lo_refs *R)
{
	size_t i, b;

	R->nbucket = R->nbucket ? R->nbucket * 2 : 64;
	free(R->mtab);
	free(R->dtab);
	R->mtab = xreallocarray(NULL, R->nbucket, sizeof *R->mtab);
	R->dtab = xreallocarray(NULL, R->nbucket, sizeof *R->dtab);
	for (i = 0; i < R->nbucket; i++)
		R->mtab[i] = R->dtab[i] = NONE;
	for (i = 0; i < R->ndefs; i++) {
		b = R->defs[i].match & (R->nbucket - 1);
		R->defs[i].mnext = R->mtab[b];
		R->mtab[b] = (uint32_t)i;
		b = R->defs[i].dedup & (R->nbucket - 1);
		R->defs[i].dnext = R->dtab[b];
		R->dtab[b] = (uint32_t)i;
	}
}

/* 1 when a definition with the same dedup key came first. */
static int
lo_seen(struct lo_refs *R, uint32_t h, const char *key, size_t klen)
{
	size_t i;
	char *tmp;
	int same;

	if (R->nbucket == 0)
		return 0;
	for (i = R->dtab[h & (R->nbucket - 1)]; i != NONE;
	    i = R->defs[i].dnext) {
		struct lo_def *d = &R->defs[i];

		if (d->dedup != h)
			continue;
		tmp = xmalloc(d->label_len + 1);
		same = lo_dedup_key(R->store.data + d->at, d->label_len,
		    d->wild, tmp) == klen && memcmp(tmp, key, klen) == 0;
		free(tmp);
		if (same)
			return 1;
	}
	return 0;
}

static void
lo_add_def(struct lo_refs *R, const char *label, size_t ln, const char *url,
    const char *title)
{
	struct lo_def *d;
	int wild = lo_wild(label, ln);
	char *key = xmalloc(ln + 1);
	size_t klen = lo_dedup_key(label, ln, wild, key);
	uint32_t dh = lo_hash(key, klen);
	size_t size;

	if (lo_seen(R, dh, key, klen)) {
		free(key);
		return;
	}
	free(key);
	R->defs = xgrow(R->defs, R->ndefs, sizeof *R->defs);
	d = &R->defs[R->ndefs];
	memset(d, 0, sizeof *d);
	d->at = R->store.len;
	d->label_len = (uint32_t)ln;
	d->url_len = (uint32_t)strlen(url);
	d->title_len = (uint32_t)strlen(title);
	buf_add(&R->store, label, ln);
	buf_add(&R->store, url, d->url_len);
	buf_add(&R->store, title, d->title_len);
	d->match = lo_match_hash(label, ln);
	d->dedup = dh;
	d->wild = (unsigned char)wild;
	size = d->url_len + d->title_len;
	if (size > R->maxsize)
		R->maxsize = size;
	if (wild) {
		R->nwild++;
		if (size > R->maxwild)
			R->maxwild = size;
	}
	R->ndefs++;
	if (R->ndefs > R->nbucket)
		lo_rehash(R);
	else {
		d->mnext = R->mtab[d->match & (R->nbucket - 1)];
		R->mtab[d->match & (R->nbucket - 1)] = (uint32_t)R->ndefs - 1;
		d->dnext = R->dtab[dh & (R->nbucket - 1)];
		R->dtab[dh & (R->nbucket - 1)] = (uint32_t)R->ndefs - 1;
	}
}

/* 1 when s[i] is backslash-escaped (an odd run of backslashes before). */
static int
lo_escaped(const char *s, size_t i)
{
	size_t k = 0;

	while (i > k && s[i - k - 1] == '\\')
		k++;
	return k % 2;
}

/*
 * Appends the label s[0, n) to b with each run of whitespace that holds a
 * line end as one space (cmark matches labels so).  Returns -1 when a
 * line in it starts with '>': a label in a block quote, whose markers are
 * not part of it, or no label at all.
 */
static int
lo_add_label(struct buf *b, const char *s, size_t n)
{
	size_t i = 0, k;
	int nl;

	while (i < n) {
		if (!lo_space((unsigned char)s[i])) {
			buf_addc(b, s[i++]);
			continue;
		}
		for (k = i, nl = 0; k < n && lo_space((unsigned char)s[k]); k++)
			nl |= s[k] == '\n' || s[k] == '\r';
		if (!nl)
			buf_add(b, s + i, k - i);
		else if (k < n && s[k] == '>')
			return -1;
		else
			buf_addc(b, ' ');
		i = k;
	}
	return 0;
}

/*
 * Appends a probe "[x][label]" for the label that the "]:" at s[i] may
 * close.  Returns 0, or -1 when in doubt.
 */
static int
lo_candidate(struct lo_refs *R, const char *s, size_t i, size_t *nprobe)
{
	size_t j = i;
	int blank = 1;

	while (j-- > 0) {
		if ((s[j] == '[' || s[j] == ']') && !lo_escaped(s, j))
			break;
		if (!lo_space((unsigned char)s[j]))
			blank = 0;
	}
	if (j == SIZE_MAX || s[j] == ']' || blank)
		return 0;      /* no label ends here */
	buf_adds(&R->probe, "[x][");
	if (lo_add_label(&R->probe, s + j + 1, i - j - 1) < 0)
		return -1;
	buf_adds(&R->probe, "]\n\n");
	(*nprobe)++;
	return 0;
}

/* The label of the probe that starts at p (after "[x["). */
static size_t
lo_probe_label(const char *p)
{
	const char *e = p;

	while (!(e[0] == ']' && e[1] == '\n' && e[2] == '\n'))
		e++;
	return (size_t)(e - p);
}

/* Reads the answers of the n probes heading doc into R. */
static int
lo_read_probes(struct lo_refs *R, cmark_node *doc, size_t n, size_t rlen,
    size_t fed)
{
	cmark_node *par = cmark_node_first_child(doc), *l, *t;
	const char *p = R->probe.data;
	size_t ln, found = 0, limit = fed > REF_FLOOR ? fed : REF_FLOOR;
	const char *url, *title;

	for (; n > 0; n--, par = cmark_node_next(par)) {
		if (par == NULL || cmark_node_get_type(par) !=
		    CMARK_NODE_PARAGRAPH)
			return -1;
		ln = lo_probe_label(p + 4);
		l = cmark_node_first_child(par);
		t = l != NULL ? cmark_node_first_child(l) : NULL;
		if (l != NULL && cmark_node_get_type(l) == CMARK_NODE_LINK &&
		    cmark_node_next(l) == NULL && t != NULL &&
		    cmark_node_next(t) == NULL &&
		    cmark_node_get_type(t) == CMARK_NODE_TEXT &&
		    strcmp(cmark_node_get_literal(t), "x") == 0) {
			url = cmark_node_get_url(l);
			title = cmark_node_get_title(l);
			found += strlen(url) + strlen(title);
			lo_add_def(R, p + 4, ln, url, title);
		}
		p += 4 + ln + 3;
	}
	/*
	 * cmark stops expanding references past a limit; a probe it
	 * refused would look undefined.  Its size is under twice the
	 * chunk's (entities grow by less), so below the limit it was not.
	 */
	return found + 2 * rlen + 2 <= limit ? 0 : -1;
}

int
lo_refs_probes(struct lo_refs *R, const char *s, size_t n,
    const char **probe, size_t *plen, size_t *nprobe)
{
	const char *p = s, *end = s + n;

	buf_reset(&R->probe);
	*nprobe = 0;
	while ((p = memchr(p, ']', (size_t)(end - p))) != NULL &&
	    p + 1 < end) {
		if (p[1] == ':' && !lo_escaped(s, (size_t)(p - s)) &&
		    lo_candidate(R, s, (size_t)(p - s), nprobe) < 0)
			return -1;
		p++;
	}
	*probe = R->probe.data;
	*plen = R->probe.len;
	return 0;
}

int
lo_refs_read(struct lo_refs *R, struct cmark_node *doc, size_t nprobe,
    size_t n)
{
	return nprobe == 0 ? 0 : lo_read_probes(R, doc, nprobe, n,
	    R->probe.len + n);
}

int
lo_refs_gather(struct lo_refs *R, const char *s, size_t n)
{
	const char *probe;
	size_t plen, nprobe;
	cmark_node *doc;

	if (lo_refs_probes(R, s, n, &probe, &plen, &nprobe) < 0)
		return -1;
	if (nprobe == 0)
		return 0;
	/*
	 * The probes go first: nothing in the chunk (an open fence) can
	 * swallow them, and the blank line after them closes them.
	 */
	layout_pool_reset(0);
	doc = layout_pool_parse(probe, plen, s, n);
	return lo_read_probes(R, doc, nprobe, n, plen + n);
}

size_t
lo_refs_max_size(const struct lo_refs *R)
{
	return R->maxsize;
}

size_t
lo_refs_work(const struct lo_refs *R)
{
	return R->work;
}

static void
lo_pick(struct lo_refs *R, size_t i, size_t *npick)
{
	if (R->defs[i].stamp == R->stamp)
		return;
	R->defs[i].stamp = R->stamp;
	if (*npick == R->cappick) {
		R->cappick = R->cappick ? R->cappick * 2 : 64;
		R->pick = xreallocarray(R->pick, R->cappick, sizeof *R->pick);
	}
	R->pick[(*npick)++] = i;
}

/*
 * The bracket text s[0, n): picks the definitions it may name (when
 * pick), and returns the most cmark may count for expanding it.
 */
static size_t
lo_bracket(struct lo_refs *R, const char *s, size_t n, int pick,
    size_t *npick, int *wild)
{
	uint32_t h;
	size_t i, most = R->maxwild;
	struct lo_seen *e;

	if (lo_wild(s, n)) {
		/* Unicode case folding can match other bytes. */
		*wild |= pick;
		return R->maxsize;
	}
	if (R->nbucket == 0)
		return 0;
	h = lo_match_hash(s, n);
	e = &R->seen[h & (LO_SEEN - 1)];
	if (e->stamp == R->stamp && e->h == h && (e->picked || !pick))
		return e->most;
	for (i = R->mtab[h & (R->nbucket - 1)]; i != NONE;
	    i = R->defs[i].mnext) {
		R->work++;
		if (R->defs[i].match != h)
			continue;
		if (R->defs[i].url_len + R->defs[i].title_len > most)
			most = R->defs[i].url_len + R->defs[i].title_len;
		if (pick)
			lo_pick(R, i, npick);
	}
	e->stamp = R->stamp;
	e->h = h;
	e->most = most;
	e->picked = pick;
	return most;
}

static int
lo_cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Appends s with every ASCII punctuation character backslash-escaped, and
 * control characters and the backslash as entities, so that cmark's unescaping gives back
 * the same bytes; returns the length appended (or that would be).
 */
static size_t
lo_escape(struct buf *b, const char *s, size_t n)
{
	size_t i, len = 0;
	unsigned char c;
	char ent[8];

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		/* A backslash written "\\" can end a title or a <url>
		 * otherwise than meant: cmark 0.30 may read "\\"" as a
		 * backslash and an escaped quote.  An entity cannot. */
		if (c < 0x20 || c == '\\') {
			snprintf(ent, sizeof ent, "&#%u;", (unsigned)c);
			len += strlen(ent);
			if (b != NULL)
				buf_adds(b, ent);
			continue;
		}
		if ((c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
		    (c >= '[' && c <= '`') || (c >= '{' && c <= '~')) {
			len++;
			if (b != NULL)
				buf_addc(b, '\\');
		}
		len++;
		if (b != NULL)
			buf_addc(b, (char)c);
	}
	return len;
}

/* Appends definition i as one line; returns its length. */
static size_t
lo_emit(struct lo_refs *R, size_t i, struct buf *b)
{
	const struct lo_def *d = &R->defs[i];
	const char *at = R->store.data + d->at;
	size_t len = d->label_len + 6;

	if (b != NULL) {
		buf_addc(b, '[');
		buf_add(b, at, d->label_len);
		buf_adds(b, "]: <");
	}
	len += lo_escape(b, at + d->label_len, d->url_len);
	if (b != NULL)
		buf_addc(b, '>');
	if (d->title_len > 0) {
		len += 3;
		if (b != NULL)
			buf_adds(b, " \"");
		len += lo_escape(b, at + d->label_len + d->url_len,
		    d->title_len);
		if (b != NULL)
			buf_addc(b, '"');
	}
	if (b != NULL)
		buf_addc(b, '\n');
	return len;
}

/* The first unescaped ch in s[from, n), or n. */
static size_t
lo_next(const char *s, size_t from, size_t n, char ch)
{
	const char *p;

	while (from < n && (p = memchr(s + from, ch, n - from)) != NULL) {
		from = (size_t)(p - s);
		if (!lo_escaped(s, from))
			return from;
		from++;
	}
	return n;
}

size_t
lo_refs_prefix(struct lo_refs *R, const char *s, size_t npick, size_t nall,
    struct buf *pre, size_t *cost, size_t *cost_pick)
{
	size_t i, o, c, c2, npk = 0, len = 0;
	int wild = 0, any = 0;

	R->stamp++;
	*cost = *cost_pick = 0;
	/* Each bracket text with no bracket inside: memchr, and the two
	 * positions only move forward. */
	o = lo_next(s, 0, nall, '[');
	c = lo_next(s, 0, nall, ']');
	while (o < nall) {
		if (c < o)
			c = lo_next(s, o + 1, nall, ']');
		c2 = lo_next(s, o + 1, c, '[');
		if (c < nall && c2 == c) {
			size_t k = lo_bracket(R, s + o + 1, c - o - 1,
			    o < npick, &npk, &wild);

			*cost += k;
			if (o < npick) {
				*cost_pick += k;
				any = 1;
			}
			c2 = lo_next(s, c + 1, nall, '[');
		}
		o = c2;
	}
	if (wild || (any && R->nwild > 0))
		R->work += R->ndefs;
	for (i = 0; i < R->ndefs && (wild || (any && R->nwild > 0)); i++)
		if (wild || R->defs[i].wild)
			lo_pick(R, i, &npk);
	if (npk == 0)
		return 0;
	qsort(R->pick, npk, sizeof *R->pick, lo_cmp_size);
	for (i = 0; i < npk; i++)
		len += lo_emit(R, R->pick[i], pre);
	if (pre != NULL)
		buf_addc(pre, '\n');
	return len + 1;
}
