/*
 * util.c: allocation, buffers, file reading and small parsers.
 * Nothing here knows about curses, SQLite or the clinical rules.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

const char *util_progname = "backcare";

void
fatal(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", util_progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(70);
}

void
util_warn(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", util_progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		fatal("out of memory");
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		fatal("out of memory");
	return p;
}

void *
xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (p == NULL)
		fatal("out of memory");
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		fatal("out of memory");
	return xrealloc(p, n * size);
}

void *
xgrow(void *p, size_t n, size_t size)
{
	if (n != 0 && (n & (n - 1)) != 0)
		return p;
	if (n > SIZE_MAX / 2)
		fatal("out of memory");
	return xreallocarray(p, n == 0 ? 1 : n * 2, size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	char small[256], *p;
	va_list aq;
	int n;

	/* Most results (paths, messages) fit here: formatted once, not
	 * measured first and then formatted again. */
	va_copy(aq, ap);
	n = vsnprintf(small, sizeof small, fmt, aq);
	va_end(aq);
	if (n < 0)
		fatal("bad format string");
	p = xmalloc((size_t)n + 1);
	if ((size_t)n < sizeof small)
		memcpy(p, small, (size_t)n + 1);
	else
		vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

static void
buf_grow(struct buf *b, size_t extra)
{
	size_t need;

	if (extra > SIZE_MAX - b->len - 1)
		fatal("out of memory");
	need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap = b->cap > SIZE_MAX / 2 ? need : b->cap * 2;
	b->data = xrealloc(b->data, b->cap);
}

void
buf_add(struct buf *b, const char *s, size_t n)
{
	/* With room, the common case, no call to grow it. */
	if (b->data != NULL && n < b->cap - b->len) {
		memcpy(b->data + b->len, s, n);
		b->len += n;
		b->data[b->len] = '\0';
		return;
	}
	buf_grow(b, n);
	if (n > 0)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct buf *b, char c)
{
	/* The common case, with room, without a call: text is often built
	 * a character at a time. */
	if (b->len + 2 <= b->cap) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
		return;
	}
	buf_add(b, &c, 1);
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap, aq;
	int n;

	va_start(ap, fmt);
	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		fatal("bad format string");
	buf_grow(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

char *
buf_detach(struct buf *b)
{
	char *p = b->data != NULL ? b->data : xstrdup("");

	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

/* What kind of thing a non-regular file is, for "PATH: is a ...". */
static const char *
util_file_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return "is a folder, not a file";
	if (S_ISFIFO(mode))
		return "is a FIFO (a named pipe), not a file";
	if (S_ISSOCK(mode))
		return "is a socket, not a file";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "is a device, not a file";
	return "is not a regular file";
}

static char *
util_too_large(unsigned long long n, int more, size_t limit)
{
	if (limit % ((size_t)1 << 20) == 0)
		return xasprintf("too large (%s%llu bytes; the limit is %zu MiB)",
		    more ? "more than " : "", n, limit >> 20);
	return xasprintf("too large (%s%llu bytes; the limit is %zu bytes)",
	    more ? "more than " : "", n, limit);
}

/* Reads fd to its end, refusing more than limit bytes. */
static char *
util_read_fd(int fd, size_t limit, size_t *len, char **why)
{
	struct buf b = BUF_INIT;
	char chunk[65536];
	ssize_t n;

	for (;;) {
		n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*why = xstrdup(strerror(errno));
			buf_free(&b);
			return NULL;
		}
		if (n == 0)
			break;
		if (b.len + (size_t)n > limit) {
			*why = util_too_large(limit, 1, limit);
			buf_free(&b);
			return NULL;
		}
		buf_add(&b, chunk, (size_t)n);
	}
	if (len != NULL)
		*len = b.len;
	return buf_detach(&b);
}

/*
 * Reads a regular file of size bytes (fstat()) with one read() when it
 * can: asking for a byte more than its size and getting exactly its size
 * is its end, since a regular file's read() stops short only there, so no
 * second read() is needed to see the end.  Anything else (a file that
 * grew or shrank meanwhile, a short read on some odd file system) reads
 * on to the end the ordinary way.
 */
static char *
util_read_sized(int fd, size_t size, size_t limit, size_t *len, char **why)
{
	struct buf b = BUF_INIT;
	char *rest;
	size_t more;
	ssize_t n;

	buf_grow(&b, size + 1);
	do
		n = read(fd, b.data, size + 1);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		*why = xstrdup(strerror(errno));
		buf_free(&b);
		return NULL;
	}
	b.len = (size_t)n;
	b.data[b.len] = '\0';
	if (b.len > limit) {
		*why = util_too_large(limit, 1, limit);
		buf_free(&b);
		return NULL;
	}
	if ((size_t)n != size) {
		if ((rest = util_read_fd(fd, limit - b.len, &more, why)) ==
		    NULL) {
			buf_free(&b);
			if (strncmp(*why, "too large", 9) == 0) {
				free(*why);
				*why = util_too_large(limit, 1, limit);
			}
			return NULL;
		}
		buf_add(&b, rest, more);
		free(rest);
	}
	if (len != NULL)
		*len = b.len;
	return buf_detach(&b);
}

char *
util_read_file_max(const char *path, size_t limit, size_t *len,
    char **why)
{
	struct stat sb;
	char *text;
	int fd;

	*why = NULL;
	if (strcmp(path, "-") == 0)
		return util_read_fd(STDIN_FILENO, limit, len, why);
	/* Look first, so a FIFO or a device is never even opened. */
	if (stat(path, &sb) != 0) {
		*why = xstrdup(strerror(errno));
		return NULL;
	}
	if (!S_ISREG(sb.st_mode)) {
		*why = xstrdup(util_file_kind(sb.st_mode));
		return NULL;
	}
	/* O_NONBLOCK: a FIFO swapped in since the stat() cannot hang us. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		*why = xstrdup(strerror(errno));
		return NULL;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		*why = xstrdup(util_file_kind(sb.st_mode));
		close(fd);
		return NULL;
	}
	if ((unsigned long long)sb.st_size > limit) {
		*why = util_too_large((unsigned long long)sb.st_size, 0, limit);
		close(fd);
		return NULL;
	}
	text = util_read_sized(fd, (size_t)sb.st_size, limit, len, why);
	close(fd);
	return text;
}

const char *
util_read_doing(const char *why, const char *doing)
{
	return strncmp(why, "too large", 9) == 0 ||
	    strncmp(why, "is ", 3) == 0 ? "" : doing;
}

char *
util_read_file(const char *path, size_t *len)
{
	char *why = NULL, *text;
	int saved;

	text = util_read_file_max(path, UTIL_LIMIT_LESSON, len, &why);
	if (text == NULL) {
		saved = errno;
		if (strncmp(why, "too large", 9) == 0)
			saved = EFBIG;
		else if (strncmp(why, "is ", 3) == 0)
			saved = EINVAL;
		free(why);
		errno = saved;
	}
	return text;
}

char *
util_trim(char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\r' || s[n - 1] == '\n'))
		s[--n] = '\0';
	return s;
}

int
util_parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (s == NULL || *s == '\0' || isspace((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int
util_parse_duration(const char *s, long *seconds)
{
	long total = 0, v;
	int seen_m = 0, seen_s = 0, any = 0;
	const char *p = s;

	if (s == NULL || *s == '\0')
		return -1;
	while (*p != '\0') {
		if (!isdigit((unsigned char)*p))
			return -1;
		v = 0;
		while (isdigit((unsigned char)*p)) {
			if (v > 100000000)
				return -1;
			v = v * 10 + (*p - '0');
			p++;
		}
		any = 1;
		if (*p == 'm' && !seen_m && !seen_s) {
			seen_m = 1;
			total += v * 60;
			p++;
		} else if (*p == 's' && !seen_s) {
			seen_s = 1;
			total += v;
			p++;
		} else if (*p == '\0' && !seen_m && !seen_s) {
			total += v;
		} else
			return -1;
	}
	if (!any)
		return -1;
	*seconds = total;
	return 0;
}

void
util_format_clock(long seconds, char *out, size_t size)
{
	if (seconds < 0)
		seconds = 0;
	if (seconds >= 3600)
		snprintf(out, size, "%ld:%02ld:%02ld", seconds / 3600,
		    (seconds / 60) % 60, seconds % 60);
	else
		snprintf(out, size, "%ld:%02ld", seconds / 60, seconds % 60);
}

void
util_format_duration(long seconds, char *out, size_t size)
{
	if (seconds < 0)
		seconds = 0;
	if (seconds >= 60 && seconds % 60 != 0)
		snprintf(out, size, "%ldm%02lds", seconds / 60, seconds % 60);
	else if (seconds >= 60)
		snprintf(out, size, "%ldm", seconds / 60);
	else
		snprintf(out, size, "%lds", seconds);
}

int
util_each_line(const char *text, size_t len,
    int (*fn)(void *ctx, int line, char *s), void *ctx)
{
	size_t start = 0, i;
	int line = 0, rc = 0;
	char *s, *t;

	for (i = 0; i <= len && rc == 0; i++) {
		if (i < len && text[i] != '\n')
			continue;
		line++;
		s = xmalloc(i - start + 1);
		memcpy(s, text + start, i - start);
		s[i - start] = '\0';
		start = i + 1;
		t = util_trim(s);
		if (*t != '\0' && *t != '#')
			rc = fn(ctx, line, t);
		free(s);
	}
	return rc;
}

/* ---- a map from strings to numbers -------------------------------------- */

uint64_t
util_hash(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ULL;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

static size_t
strmap_hash(const char *s)
{
	return (size_t)util_hash(s, strlen(s));
}

/* The slot that holds key, or the empty slot where it would go. */
static size_t
strmap_slot(const struct strmap *m, const char *key)
{
	size_t i = strmap_hash(key) & (m->cap - 1);

	while (m->keys[i] != NULL && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

size_t *
strmap_get(const struct strmap *m, const char *key)
{
	size_t i;

	if (m->cap == 0 || m->keys == NULL || m->vals == NULL)
		return NULL;
	i = strmap_slot(m, key);
	return m->keys[i] != NULL ? &m->vals[i] : NULL;
}

static void
strmap_grow(struct strmap *m)
{
	struct strmap old = *m;
	size_t i, j;

	m->cap = old.cap != 0 ? old.cap * 2 : 16;
	m->keys = xcalloc(m->cap, sizeof *m->keys);
	m->vals = xcalloc(m->cap, sizeof *m->vals);
	for (i = 0; old.keys != NULL && old.vals != NULL && i < old.cap; i++)
		if (old.keys[i] != NULL) {
			j = strmap_slot(m, old.keys[i]);
			m->keys[j] = old.keys[i];
			m->vals[j] = old.vals[i];
		}
	free(old.keys);
	free(old.vals);
}

void
strmap_put(struct strmap *m, const char *key, size_t val)
{
	size_t i;

	/* At most half full, so probes stay short. */
	if (m->keys == NULL || m->vals == NULL || 2 * (m->n + 1) > m->cap)
		strmap_grow(m);
	i = strmap_slot(m, key);
	if (m->keys[i] == NULL) {
		m->keys[i] = xstrdup(key);
		m->n++;
	}
	m->vals[i] = val;
}

void
strmap_free(struct strmap *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	*m = (struct strmap)STRMAP_INIT;
}

/*
 * seen maps each anchor to the next number to try after it.  A number
 * once taken stays taken, so the search for "slug-N" goes on from where
 * the last one for this slug ended: the result is GitHub's smallest free
 * N, and each number is tried once.
 */
char *
util_unique_slug(struct strmap *seen, const char *slug)
{
	size_t *next = strmap_get(seen, slug), k;
	char *s;

	if (next == NULL) {
		strmap_put(seen, slug, 1);
		return xstrdup(slug);
	}
	for (k = *next;; k++) {
		s = xasprintf("%s-%zu", slug, k);
		if (strmap_get(seen, s) == NULL)
			break;
		free(s);
	}
	*next = k + 1;
	strmap_put(seen, s, 1);
	return s;
}

const char *
util_reason_first(const char *msg, const char *path, char *buf, size_t size)
{
	size_t n = path != NULL ? strlen(path) : 0;

	if (msg == NULL)
		msg = "";
	if (n > 0 && strncmp(msg, path, n) == 0 &&
	    strncmp(msg + n, ": ", 2) == 0)
		snprintf(buf, size, "%s (%s)", msg + n + 2, path);
	else
		snprintf(buf, size, "%s", msg);
	return buf;
}
