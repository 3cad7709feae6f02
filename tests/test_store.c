/* Unit tests of store.c on temporary files: creation, permissions,
 * refusal of files that are not ours, settings, concurrent handles. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store.h"
#include "util.h"

static char root[64];

static int
setup(void **state)
{
	(void)state;
	strcpy(root, "/tmp/bc_test_store_XXXXXX");
	assert_non_null(mkdtemp(root));
	return 0;
}

static int
teardown(void **state)
{
	char *cmd = xasprintf("chmod -R u+rwx '%s'; rm -rf '%s'", root, root);

	(void)state;
	assert_int_equal(system(cmd), 0);
	free(cmd);
	return 0;
}

static mode_t
mode_of(const char *path)
{
	struct stat sb;

	assert_int_equal(stat(path, &sb), 0);
	return sb.st_mode & 07777;
}

static char *
slurp(const char *path, size_t *len)
{
	char *t = util_read_file(path, len);

	assert_non_null(t);
	return t;
}

static void
write_bytes(const char *path, const char *bytes, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, bytes, n), (ssize_t)n);
	close(fd);
}

static void
test_create_private(void **state)
{
	char *path = xasprintf("%s/new/deeper/progress.db", root);
	char *dir = xasprintf("%s/new/deeper", root);
	char *wal = xasprintf("%s-wal", path);
	char *err = NULL;
	mode_t old = umask(0);
	struct store *st = store_open(path, &err);

	(void)state;
	umask(old);
	assert_non_null(st);
	assert_null(err);
	assert_int_equal(mode_of(dir), 0700);
	assert_int_equal(mode_of(path), 0600);
	assert_int_equal(store_meta_set(st, "k", "v"), 0);
	assert_int_equal(mode_of(wal), 0600);
	assert_int_equal(store_schema_version(st), STORE_SCHEMA_VERSION);
	store_close(st);
	free(path);
	free(dir);
	free(wal);
}

static void
test_meta_persists(void **state)
{
	char *path = xasprintf("%s/meta.db", root);
	char *err = NULL, *v;
	struct store *st = store_open(path, &err);

	(void)state;
	assert_non_null(st);
	assert_null(store_meta_get(st, "missing"));
	assert_int_equal(store_meta_set(st, "welcome_shown", "1"), 0);
	assert_int_equal(store_meta_set(st, "welcome_shown", "2"), 0);
	store_close(st);
	st = store_open(path, &err);
	assert_non_null(st);
	v = store_meta_get(st, "welcome_shown");
	assert_string_equal(v, "2");
	free(v);
	store_close(st);
	free(path);
}

/* Opens a file that must be refused; checks the message and that the
 * file is byte-for-byte unchanged. */
static void
expect_refused(const char *path, const char *words)
{
	size_t before_len, after_len;
	char *before = slurp(path, &before_len), *after, *err = NULL;
	struct store *st = store_open(path, &err);

	assert_null(st);
	assert_non_null(err);
	assert_non_null(strstr(err, path));
	if (strstr(err, words) == NULL)
		fail_msg("message '%s' lacks '%s'", err, words);
	assert_null(strchr(err, '\n'));
	after = slurp(path, &after_len);
	assert_int_equal(before_len, after_len);
	assert_memory_equal(before, after, before_len);
	free(before);
	free(after);
	free(err);
}

static void
test_refuses_foreign(void **state)
{
	char *path = xasprintf("%s/foreign.db", root);
	char junk[4096];
	size_t i;

	(void)state;
	write_bytes(path, "", 0);
	expect_refused(path, "empty");
	for (i = 0; i < sizeof junk; i++)
		junk[i] = (char)(i * 7919 % 251);
	write_bytes(path, junk, sizeof junk);
	expect_refused(path, "not a backcare progress file");
	write_bytes(path, "SQLite format 3", 16);
	expect_refused(path, "not a backcare progress file");
	free(path);
}

static void
test_refuses_truncated(void **state)
{
	char *path = xasprintf("%s/cut.db", root);
	char *err = NULL, key[32], *text;
	struct store *st = store_open(path, &err);
	size_t len;
	int i;

	(void)state;
	assert_non_null(st);
	for (i = 0; i < 300; i++) {
		snprintf(key, sizeof key, "key%d", i);
		assert_int_equal(store_meta_set(st, key,
		    "a longish value to fill a few pages of the file"), 0);
	}
	store_close(st);
	text = slurp(path, &len);
	assert_true(len > 8192);
	write_bytes(path, text, len / 2);
	expect_refused(path, "damaged");
	free(text);
	free(path);
}

static void
test_refuses_directory(void **state)
{
	char *path = xasprintf("%s/adir", root);
	char *err = NULL;

	(void)state;
	assert_int_equal(mkdir(path, 0700), 0);
	assert_null(store_open(path, &err));
	assert_non_null(strstr(err, "is a folder"));
	free(err);
	free(path);
}

static void
test_readonly_folder(void **state)
{
	char *dir, *path, *err = NULL;

	(void)state;
	if (geteuid() == 0)
		skip();   /* root writes anywhere; the e2e test drops rights */
	dir = xasprintf("%s/ro", root);
	path = xasprintf("%s/ro/progress.db", root);
	assert_int_equal(mkdir(dir, 0500), 0);
	assert_null(store_open(path, &err));
	assert_non_null(err);
	assert_non_null(strstr(err, path));
	free(err);
	free(dir);
	free(path);
}

static void
test_two_handles(void **state)
{
	char *path = xasprintf("%s/two.db", root);
	char *err = NULL, key[32];
	struct store *a = store_open(path, &err);
	struct store *b = store_open(path, &err);
	int i;

	(void)state;
	assert_non_null(a);
	assert_non_null(b);
	for (i = 0; i < 50; i++) {
		snprintf(key, sizeof key, "a%d", i);
		assert_int_equal(store_meta_set(a, key, "x"), 0);
		snprintf(key, sizeof key, "b%d", i);
		assert_int_equal(store_meta_set(b, key, "y"), 0);
	}
	/* b sees a's writes at once: every event is committed. */
	{
		char *v = store_meta_get(b, "a49");
		assert_string_equal(v, "x");
		free(v);
	}
	store_close(a);
	store_close(b);
	free(path);
}

static int
exists(const char *path, const char *suffix)
{
	char *p = xasprintf("%s%s", path, suffix);
	struct stat sb;
	int rc = stat(p, &sb) == 0;

	free(p);
	return rc;
}

/*
 * A reader that opened the file with nothing beside it keeps reading what
 * was committed then, while a writer in the same process commits more
 * than an automatic checkpoint's worth and closes: the writer leaves its
 * -wal for the next one rather than change the file under the reader,
 * and the next reader sees everything.
 */
static void
test_quiet_reader(void **state)
{
	char *path = xasprintf("%s/quiet.db", root);
	char *err = NULL, *v, key[32], big[3000];
	struct store *w = store_open(path, &err), *r;
	int i;

	(void)state;
	assert_non_null(w);
	assert_int_equal(store_meta_set(w, "k", "old"), 0);
	store_close(w);
	assert_false(exists(path, "-wal"));
	r = store_open_read(path, &err);
	assert_non_null(r);
	assert_false(exists(path, "-wal"));
	assert_false(exists(path, "-shm"));
	w = store_open(path, &err);
	assert_non_null(w);
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_int_equal(store_begin(w), 0);
	for (i = 0; i < 1500; i++) {
		snprintf(key, sizeof key, "big%d", i);
		assert_int_equal(store_meta_set(w, key, big), 0);
	}
	assert_int_equal(store_meta_set(w, "k", "new"), 0);
	assert_int_equal(store_commit(w), 0);
	v = store_meta_get(r, "k");
	assert_string_equal(v, "old");
	free(v);
	store_close(w);
	assert_true(exists(path, "-wal"));
	v = store_meta_get(r, "k");
	assert_string_equal(v, "old");
	free(v);
	assert_int_equal(store_meta_set(r, "k", "no"), -1);
	store_close(r);
	r = store_open_read(path, &err);
	assert_non_null(r);
	v = store_meta_get(r, "k");
	assert_string_equal(v, "new");
	free(v);
	v = store_meta_get(r, "big1499");
	assert_string_equal(v, big);
	free(v);
	store_close(r);
	/* The reader that found the -wal was the last: it folded it in. */
	assert_false(exists(path, "-wal"));
	free(path);
}

/*
 * A file in rollback mode (restored from a dump, or switched by another
 * tool) is read the ordinary way: a writer, which needs the file itself
 * to switch it back to WAL, gets it while a reader is open (a quiet
 * reader's lock, held for the reader's life, would keep it out).
 */
static void
test_quiet_reader_rollback(void **state)
{
	char *path = xasprintf("%s/rollback.db", root);
	char *err = NULL, *v;
	struct store *w = store_open(path, &err), *r;
	sqlite3 *db;

	(void)state;
	assert_non_null(w);
	assert_int_equal(store_meta_set(w, "k", "old"), 0);
	store_close(w);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA journal_mode = DELETE",
	    NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	r = store_open_read(path, &err);
	assert_non_null(r);
	v = store_meta_get(r, "k");
	assert_string_equal(v, "old");
	free(v);
	w = store_open(path, &err);
	assert_non_null(w);
	assert_int_equal(store_meta_set(w, "k", "new"), 0);
	store_close(w);
	store_close(r);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_private),
		cmocka_unit_test(test_meta_persists),
		cmocka_unit_test(test_refuses_foreign),
		cmocka_unit_test(test_refuses_truncated),
		cmocka_unit_test(test_refuses_directory),
		cmocka_unit_test(test_readonly_folder),
		cmocka_unit_test(test_two_handles),
		cmocka_unit_test(test_quiet_reader),
		cmocka_unit_test(test_quiet_reader_rollback),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
