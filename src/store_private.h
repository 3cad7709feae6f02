/*
 * store_private.h: what the store's files share (store.c and the files
 * beside it), so each part of the store keeps its queries in its own
 * file.  Only store files include this; it includes sqlite3.h.
 */
#ifndef BACKCARE_STORE_PRIVATE_H
#define BACKCARE_STORE_PRIVATE_H

#include <sqlite3.h>

#include "owner.h"

struct store {
	sqlite3 *db;
	char *path;
	char *error;
	int readonly;        /* opened with store_open_read() */
	int absent;          /* read-only, and no file yet: an empty store */
	int lock_fd;         /* -1, or the file itself (store_quiet.c) */
	struct owner me;     /* this process, as sessions record it */
	int have_me;
};

sqlite3 *store_private_db(struct store *st);
/* As store.c's own: NULL with the error set; finalize what it returns. */
sqlite3_stmt *store_private_prepare(struct store *st, const char *sql);
/* Steps a statement that returns no rows and finalizes it: 0 or -1. */
int store_private_step_done(struct store *st, sqlite3_stmt *s,
    const char *doing);
/* Turns SQLite's last error into store_error()'s sentence. */
void store_private_error(struct store *st, const char *doing);

/* Schema version 5 (store_movement.c). */
extern const char *const store_migration_5[];

/*
 * Reading without touching the file (store_quiet.c).  store_quiet_claim()
 * returns a descriptor holding the readers' lock when path may be read as
 * immutable (close it after the connection), else -1.
 * store_quiet_uri() is the URI that opens path so (caller frees).
 * store_quiet_writer() readies a writable connection: its checkpoints
 * wait for such readers.  store_quiet_checkpoint() is a passive
 * checkpoint unless a reader holds the file (SQLITE_BUSY).
 */
int store_quiet_claim(const char *path);
char *store_quiet_uri(const char *path);
void store_quiet_writer(struct store *st);
int store_quiet_checkpoint(struct store *st, const char *db_name);

#endif
