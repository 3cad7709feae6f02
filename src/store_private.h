/*
 * store_private.h: what the store's files share (store.c and the files
 * beside it), so each part of the store keeps its queries in its own
 * file.  Only store files include this; it includes sqlite3.h.
 */
#ifndef BACKCARE_STORE_PRIVATE_H
#define BACKCARE_STORE_PRIVATE_H

#include <sqlite3.h>

#include <stddef.h>

#include "owner.h"
#include "util.h"

struct store {
	sqlite3 *db;
	char *path;
	char *error;
	int readonly;        /* opened with store_open_read() */
	int absent;          /* read-only, and no file yet: an empty store */
	int lock_fd;         /* -1, or the file itself (store_quiet.c) */
	struct owner me;     /* this process, as sessions record it */
	int have_me;
	int steps_kept;      /* 0 not known yet; 1 when sessions keep their
				steps' total by this build's triggers; -1,
				-2 or -3 not (store_steps_kept()) */
};

/* What a damaged file is told; backcare(1), DAMAGED FILES, says more. */
#define STORE_DAMAGED "the progress file is damaged (%s); nothing was " \
    "written to it; keep a copy, then see DAMAGED FILES in backcare(1)"

/* Errors: st->error becomes "PATH: " and the words (store.c). */
void store_set_error(struct store *st, const char *fmt, ...)
    BC_PRINTF(2, 3);
/* Turns SQLite's last error, while doing something, into a sentence. */
void store_set_sqlite_error(struct store *st, const char *doing);
/* 1 when the connection's last error was a full disk. */
int store_last_full(struct store *st);

/* Runs sql (no rows): 0, or -1 with the error set. */
int store_exec(struct store *st, const char *sql, const char *doing);
/* Runs a one-integer query (0 when it has no row): 0 or -1. */
int store_query_int(struct store *st, const char *sql, long long *out);
/* Prepares sql: NULL with the error set; finalize what it returns. */
sqlite3_stmt *store_prepare(struct store *st, const char *sql);
/* Steps a statement that returns no rows and finalizes it: 0 or -1. */
int store_step_done(struct store *st, sqlite3_stmt *s, const char *doing);
/* 0 when s (or NULL) is UTF-8, else -1 with the error naming what. */
int store_check_text(struct store *st, const char *doing, const char *what,
    const char *s);
/* Finalizes s after its last step returned rc: 0 when that was
 * SQLITE_DONE, else -1 with the error set (doing). */
int store_finish(struct store *st, sqlite3_stmt *s, int rc,
    const char *doing);
/* A copy of column i of s (caller frees), or NULL for SQL NULL. */
char *store_column_dup(sqlite3_stmt *s, int i);

/*
 * The one row loader: steps s to its end, and for each row grows the
 * array items (n elements of size bytes, grown by xgrow(), so it may hold
 * elements already) and has row() fill the new element from s; then
 * finalizes s.  Returns 0, or -1 with the error set (doing).
 */
struct store_rows {
	void *items;
	size_t n;
	size_t size;
	void (*row)(sqlite3_stmt *s, void *elem, void *ctx);
	void *ctx;
};
int store_rows(struct store *st, sqlite3_stmt *s, struct store_rows *r,
    const char *doing);

/*
 * Steps s, whose rows are (item, cleared_by, until_date), appending one
 * clearance a row to *out (*n entries); finalizes s (store_checks.c).
 */
struct clearance;
int store_clearance_rows(struct store *st, sqlite3_stmt *s,
    struct clearance **out, size_t *n, const char *what);

/* store_migrations[v] takes the schema from version v to v + 1. */
extern const char *const *const store_migrations[];

/*
 * Schema 7's totals (store_schema.c).  store_steps_kept() is 1 when each
 * session's steps_done_s is kept by the triggers as this build writes
 * them, 0 when it is not (a schema 6 file read where it cannot be
 * written, triggers dropped or changed by hand), -1 on error; readers
 * then sum the steps.  store_steps_mend() makes the triggers and every
 * total again when they are not kept (a writer's open): 0 or -1.
 */
#define STORE_STEPS_TRIGGERS 4
extern const char *const store_steps_triggers[STORE_STEPS_TRIGGERS][2];
int store_steps_kept(struct store *st);
int store_steps_mend(struct store *st);

/* The old names of store_movement.c. */
sqlite3 *store_private_db(struct store *st);
sqlite3_stmt *store_private_prepare(struct store *st, const char *sql);
int store_private_step_done(struct store *st, sqlite3_stmt *s,
    const char *doing);
void store_private_error(struct store *st, const char *doing);

/* Schema version 5 (store_movement.c). */
extern const char *const store_migration_5[];

/*
 * Reading without touching the file (store_quiet.c).  store_quiet_claim()
 * returns a descriptor holding the readers' lock when path may be read as
 * immutable (close it after the connection), else -1; seen is the
 * caller's lstat() of path, or NULL; header (or NULL) gets the file's
 * header as SQLite will read it.
 * store_quiet_uri() is the URI that opens path so (caller frees).
 * store_quiet_writer() readies a writable connection: its checkpoints
 * wait for such readers.  store_quiet_checkpoint() is a passive
 * checkpoint unless a reader holds the file (SQLITE_BUSY).
 */
struct stat;
/* The SQLite file header's length: store_quiet_claim() hands it over. */
#define STORE_HEADER_SIZE 100
int store_quiet_claim(const char *path, const struct stat *seen,
    unsigned char header[STORE_HEADER_SIZE]);
char *store_quiet_uri(const char *path);
void store_quiet_writer(struct store *st);
int store_quiet_checkpoint(struct store *st, const char *db_name);
/*
 * Companions of a refused file: store_quiet_sides() says which of -wal
 * (1) and -shm (2) are beside path; store_quiet_tidy() removes those of
 * them that were not there before (had) and that no connection uses.
 */
/*
 * 0 when nothing keeps path from being opened (writing, or reading) as
 * far as can be told before SQLite is asked, else -1 with *err the one
 * line that names the cause (store_why.c).  exists: 0 for a file to be
 * made, else STORE_WHY_THERE, with STORE_WHY_PLAIN when it is known to be
 * no symbolic link (fewer lookups), and STORE_WHY_LENGTH to check the
 * path's length alone (a reader whose quiet open, store_quiet_claim(),
 * shows the rest: when it cannot be had, the rest is checked then).
 */
enum { STORE_WHY_THERE = 1, STORE_WHY_PLAIN = 2, STORE_WHY_LENGTH = 4 };
int store_why_not(const char *path, int writing, int exists, char **err);
/* 1 when path and its folder can be written (an older schema is then
 * brought up to date in the file itself). */
int store_why_writable(const char *path);
int store_quiet_sides(const char *path);
/* 1 when path may be in use or hold data (or it cannot be told): a leftover
 * of store_create() that is neither can go (store_quiet.c). */
int store_quiet_in_use(const char *path);
void store_quiet_tidy(const char *path, int had);

#endif
