/*
 * routine_cache.h: parsed routines kept between runs, for the listings
 * only (`routines`, `plan`, the home screen, the routine list, Progress).
 * `run`, the preview, `handout`, `check` and every safety path parse.
 *
 * An entry is keyed by the routine file's whole bytes, kept in the cache
 * and compared byte for byte (no hash: no two files can share a key, by
 * chance or by design), and the whole cache by the program's version and
 * GNU build ID, the CommonMark library's version and a format number:
 * an edited, copied or touched file is a new key, so a stale entry
 * cannot be found.  A program with no build ID uses no cache.  Only
 * routines that parse are stored, so a broken file's problems print
 * every time.
 *
 * Every field of struct routine and struct routine_step is written, in
 * the order of one table (routine_cache.c); a build check fails when the
 * struct grows and the table does not.
 *
 * Pure: no curses, no SQL.  The codec (rcache_*) does no I/O; the file
 * (rcache_file_*) is in routine_cache_file.c.
 */
#ifndef BACKCARE_ROUTINE_CACHE_H
#define BACKCARE_ROUTINE_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "routine.h"

/* Bump when the encoding or what the parse gives changes meaning. */
#define RCACHE_FORMAT 2
/* The largest cache file read or written: a routine that would take the
 * cache beyond it is parsed each time instead. */
#define RCACHE_MAX_BYTES ((size_t)8 << 20)

/* A routine file's bytes, as they key its entry (not owned: the cache
 * copies what it keeps). */
struct rcache_key {
	const char *text;
	size_t len;
};

/* The key of a routine file's bytes (k points into text). */
void rcache_key_of(const char *text, size_t len, struct rcache_key *k);
/* A 64-bit hash of bytes (xxHash64, seed 0): the file's checksum, which
 * catches damage, not forgery (the keys need no hash). */
uint64_t rcache_hash64(const void *data, size_t len);

struct rcache;

/* An empty cache for this version string ("backcare 1.2 cmark 0.30"). */
struct rcache *rcache_new(const char *version);
/*
 * The cache held in data, or NULL when anything is in doubt: short,
 * damaged (checksum), foreign (magic), another format or version, or any
 * length or count out of bounds.  Linear in len.
 */
struct rcache *rcache_decode(const void *data, size_t len,
    const char *version);
/* The bytes of the cache (caller frees); NULL when over the size limit. */
void *rcache_encode(const struct rcache *c, size_t *len);
size_t rcache_count(const struct rcache *c);
/*
 * The routine stored under k, as a fresh routine with id id (caller
 * frees with routine_free), or NULL when there is none or its entry does
 * not decode.
 */
struct routine *rcache_get(const struct rcache *c, const struct rcache_key *k,
    const char *id);
/*
 * Stores a freshly parsed routine (before routine_set_week and
 * routine_apply_limits) under k, with a copy of k's bytes.  Returns 0,
 * 1 when c holds k already (nothing added), or -1 when a field is out
 * of the bounds a parse gives or the entry would take the cache over
 * RCACHE_MAX_BYTES (then nothing is stored).
 */
int rcache_put(struct rcache *c, const struct rcache_key *k,
    const struct routine *r);
/* Copies old's entry for k, as it is, into next: 0, 1 when next holds
 * k already, or -1 when old has none or it does not fit. */
int rcache_keep(struct rcache *next, const struct rcache *old,
    const struct rcache_key *k);
void rcache_free(struct rcache *c);

/*
 * The cache file's path: $XDG_CACHE_HOME/backcare/routines.cache, else
 * ~/.cache/backcare/routines.cache; NULL when there is no home or no
 * version (caller frees).
 */
char *rcache_file_path(void);
/*
 * The version string that keys the cache (static), or NULL when the
 * program has no GNU build ID: then nothing tells one build's parser
 * from another's, and no cache is used.
 */
const char *rcache_version(void);
/*
 * Reads the cache at path; NULL when it is missing, not a regular file of
 * ours (a symlink is not followed), too big, or in any doubt.
 */
struct rcache *rcache_file_read(const char *path);
/* The age after which a temporary cache file is a dead writer's. */
#define RCACHE_STALE_S (10 * 60)
/*
 * Writes c to path through a temporary file of a unique name and a
 * rename; the file is 0600.  A missing folder is made (0700) only inside
 * an existing folder owned by this user (the effective uid), so root
 * with a user's HOME makes nothing.  Temporary files of ours older than
 * RCACHE_STALE_S (a killed writer's) are removed.  Never writes through
 * a symlink.  Returns 0 or -1 (nothing said: a cache that cannot be
 * written is skipped).
 */
int rcache_file_write(const char *path, const struct rcache *c);

#endif
