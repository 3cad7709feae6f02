/*
 * store_private.h: what store.c lends the store's other files (for now,
 * store_movement.c), so each part of the store keeps its queries in its
 * own file.  Only store files include this; it includes sqlite3.h.
 */
#ifndef BACKCARE_STORE_PRIVATE_H
#define BACKCARE_STORE_PRIVATE_H

#include <sqlite3.h>

struct store;

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

#endif
