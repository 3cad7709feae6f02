/*
 * tests/unit.h: what the unit tests that use a progress file share: a
 * private temporary folder made before each test and removed after it.
 * Include after <cmocka.h>.
 */
#ifndef BACKCARE_TESTS_UNIT_H
#define BACKCARE_TESTS_UNIT_H

#include <stdio.h>
#include <stdlib.h>

#include "util.h"

/* Makes /tmp/bc_test_NAME_XXXXXX in root (at least 64 bytes). */
static inline void
unit_dir_make(char *root, size_t size, const char *name)
{
	snprintf(root, size, "/tmp/bc_test_%s_XXXXXX", name);
	assert_non_null(mkdtemp(root));
}

/* Removes root and everything in it, even what a test made read-only. */
static inline void
unit_dir_remove(const char *root)
{
	char *cmd = xasprintf("chmod -R u+rwx '%s'; rm -rf '%s'", root, root);

	assert_int_equal(system(cmd), 0);
	free(cmd);
}

#ifdef SQLITE_VERSION
/* The value of the one-row, one-column sql on the file at path, read
 * directly (outside the store).  Include after <sqlite3.h>. */
static inline long long
unit_raw_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	long long v;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}
#endif

#endif
