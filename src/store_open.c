/*
 * store_open.c: opening the progress file (see store.h): creating it,
 * refusing what is not ours or is damaged, and bringing its schema up to
 * date.
 *
 * A new file is built under a temporary name and linked into place only
 * once its schema is complete, so no other copy of backcare ever sees a
 * half-made file, and an empty or foreign file at the path is always
 * somebody else's and is refused rather than taken over.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store.h"
#include "store_private.h"
#include "util.h"

/* "BCAR": marks a file as a backcare progress file (PRAGMA application_id). */
#define STORE_APPLICATION_ID 0x42434152
#define STORE_BUSY_MS 10000

/* mkdir -p for the folders above path, each new one made 0700. */
static int
store_make_parents(const char *path, char **err)
{
	char *dir = xstrdup(path), *p;
	struct stat sb;

	p = strrchr(dir, '/');
	if (p == NULL || p == dir) {
		free(dir);
		return 0;
	}
	*p = '\0';
	for (p = dir + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char saved = *p;
		*p = '\0';
		if (stat(dir, &sb) != 0) {
			if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
				*err = xasprintf("%s: cannot create the folder "
				    "%s: %s", path, dir, strerror(errno));
				free(dir);
				return -1;
			}
			(void)chmod(dir, 0700);
		} else if (!S_ISDIR(sb.st_mode)) {
			*err = xasprintf("%s: %s is not a folder", path, dir);
			free(dir);
			return -1;
		}
		*p = saved;
		if (saved == '\0')
			break;
	}
	free(dir);
	return 0;
}

int
store_schema_version(struct store *st)
{
	long long v;

	if (store_query_int(st, "PRAGMA user_version", &v) != 0)
		return -1;
	return (int)v;
}

void
store_busy_wait(struct store *st, int ms)
{
	if (st != NULL && st->db != NULL)
		sqlite3_busy_timeout(st->db, ms >= 0 ? ms : STORE_BUSY_MS);
}

int
store_busy(const struct store *st)
{
	int code;

	if (st == NULL || st->db == NULL)
		return 0;
	code = sqlite3_extended_errcode(st->db) & 0xff;
	return code == SQLITE_BUSY || code == SQLITE_LOCKED;
}

static int
store_connect(struct store *st, int flags)
{
	const char *name = st->absent ? ":memory:" : st->path;

	if (sqlite3_open_v2(name, &st->db, flags | SQLITE_OPEN_NOMUTEX,
	    NULL) != SQLITE_OK) {
		store_set_sqlite_error(st, "opening the progress file");
		return -1;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
	if ((flags & SQLITE_OPEN_READWRITE) && !st->absent)
		store_quiet_writer(st);
	return 0;
}

/* The oldest schema readers read as it is (store_open_quiet()). */
#define STORE_READ_AS_IS 6

/*
 * Decides, without writing, whether the open file is ours: our
 * application_id and a schema no newer than this build's, as SQLite
 * reads them (not from a header read before SQLite opened the path,
 * which a rename may have replaced since).  The count of sqlite_master
 * reads and checks the schema, which the command's first statement
 * needs anyway.
 */
static int
store_check_identity(struct store *st, long long *version_out)
{
	long long app, version, tables;

	if (store_query_int(st, "PRAGMA application_id", &app) != 0 ||
	    store_query_int(st, "PRAGMA user_version", &version) != 0)
		return -1;
	if (store_query_int(st, "SELECT count(*) FROM sqlite_master", &tables)
	    != 0)
		return -1;
	/*
	 * A blank SQLite file (no tables) is refused too: ours are made
	 * whole under another name and linked into place, so a blank one
	 * belongs to some other program, and taking it over would put
	 * health data in a file whose mode (0644, say) was not ours.
	 */
	if (app == 0 && tables == 0) {
		store_set_error(st, "not a backcare progress file (an empty "
		    "SQLite database of another program); nothing was written "
		    "to it; remove it or choose another file with --db");
		return -1;
	}
	if (app != STORE_APPLICATION_ID) {
		store_set_error(st, "not a backcare progress file (another "
		    "program's database); choose another file with --db");
		return -1;
	}
	if (version < 0) {
		store_set_error(st, STORE_DAMAGED, "a schema version below 0");
		return -1;
	}
	if (version > STORE_SCHEMA_VERSION) {
		store_set_error(st, "written by a newer backcare (schema %lld, "
		    "this one knows %d); upgrade backcare, or choose another "
		    "file with --db", version, STORE_SCHEMA_VERSION);
		return -1;
	}
	*version_out = version;
	return 0;
}

/* Applies every migration the file lacks, each in its own transaction. */
static int
store_migrate(struct store *st)
{
	long long version;
	const char *const *part;
	char *sql;

	for (;;) {
		if (store_exec(st, "BEGIN IMMEDIATE", "updating the progress "
		    "file") != 0)
			return -1;
		if (store_query_int(st, "PRAGMA user_version", &version) != 0)
			goto fail;
		if (version >= STORE_SCHEMA_VERSION)
			break;
		if (version < 0) {
			store_set_error(st, STORE_DAMAGED, "a schema version "
			    "below 0");
			goto fail;
		}
		for (part = store_migrations[version]; *part != NULL; part++)
			if (store_exec(st, *part, "updating the progress "
			    "file") != 0)
				goto fail;
		sql = xasprintf("PRAGMA application_id = %d; "
		    "PRAGMA user_version = %lld", STORE_APPLICATION_ID,
		    version + 1);
		if (store_exec(st, sql, "updating the progress file") != 0) {
			free(sql);
			goto fail;
		}
		free(sql);
		if (store_exec(st, "COMMIT", "updating the progress file") != 0)
			goto fail;
	}
	return store_exec(st, "COMMIT", "updating the progress file");
fail:
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

static int
store_configure(struct store *st)
{
	long long fk;

	if (store_exec(st, "PRAGMA journal_mode = WAL", "opening the "
	    "progress file") != 0 ||
	    store_exec(st, "PRAGMA synchronous = FULL", "opening the "
	    "progress file") != 0 ||
	    store_exec(st, "PRAGMA foreign_keys = ON", "opening the "
	    "progress file") != 0 ||
	    store_query_int(st, "PRAGMA foreign_keys", &fk) != 0)
		return -1;
	return 0;
}

/*
 * Folds the whole WAL into the database file: 0, or -1 with the error set
 * (the disk is full, say) when any of it stays in the WAL.
 */
static int
store_checkpoint_all(struct store *st)
{
	sqlite3_stmt *s = store_prepare(st, "PRAGMA wal_checkpoint(TRUNCATE)");
	int rc, busy = 1;

	if (s == NULL)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		busy = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW || busy != 0) {
		store_set_sqlite_error(st, "creating the progress file");
		return -1;
	}
	return 0;
}

/* Removes a new file that was not linked into place, and its WAL. */
static void
store_unlink_new(const char *path)
{
	char *side;

	(void)unlink(path);
	side = xasprintf("%s-wal", path);
	(void)unlink(side);
	free(side);
	side = xasprintf("%s-shm", path);
	(void)unlink(side);
	free(side);
}

/*
 * Builds a complete new progress file next to path and links it into
 * place.  Losing the race to another copy is fine: its file is used.
 */
static int
store_create(const char *path, char **err)
{
	struct store tmp;
	int fd, rc = -1;

	memset(&tmp, 0, sizeof tmp);
	tmp.lock_fd = -1;
	tmp.path = xasprintf("%s.new-%ld", path, (long)getpid());
	(void)unlink(tmp.path);
	fd = open(tmp.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		*err = xasprintf("%s: cannot create the progress file: %s",
		    path, strerror(errno));
		free(tmp.path);
		return -1;
	}
	(void)fchmod(fd, 0600);
	close(fd);
	if (store_connect(&tmp, SQLITE_OPEN_READWRITE) == 0 &&
	    store_configure(&tmp) == 0 && store_migrate(&tmp) == 0)
		rc = 0;
	if (rc != 0)
		*err = xasprintf("%s: cannot create the progress file: %s",
		    path, tmp.error != NULL ? strchr(tmp.error, ' ') + 1 :
		    "unknown error");
	/*
	 * The WAL must be folded back into the file before it is linked into
	 * place: closing does that too, but says nothing when it fails (a
	 * full disk), and a cut-short file would then be taken for damaged.
	 */
	if (rc == 0 && store_checkpoint_all(&tmp) != 0) {
		*err = xasprintf("%s: cannot create the progress file: %s",
		    path, tmp.error != NULL ? strchr(tmp.error, ' ') + 1 :
		    "unknown error");
		rc = -1;
	}
	if (tmp.db != NULL && sqlite3_close(tmp.db) != SQLITE_OK)
		rc = -1;
	if (tmp.lock_fd >= 0)
		close(tmp.lock_fd);
	if (rc == 0 && link(tmp.path, path) != 0 && errno != EEXIST) {
		*err = xasprintf("%s: cannot create the progress file: %s",
		    path, strerror(errno));
		rc = -1;
	}
	store_unlink_new(tmp.path);
	free(tmp.error);
	free(tmp.path);
	return rc;
}

/* A leftover's age before it is swept: making a file takes well under a
 * second, so this covers a copy in another PID namespace (a container
 * sharing the folder) that kill() cannot see. */
#define STORE_STALE_S 60

/*
 * 1 when name is base.new-PID (store_create()) of a process that is
 * gone, 2 when it is its -wal or -shm; 0 otherwise.
 */
static int
store_new_leftover(const char *name, const char *base)
{
	size_t n = strlen(base);
	char *end;
	long pid;

	if (strncmp(name, base, n) != 0 || strncmp(name + n, ".new-", 5) != 0)
		return 0;
	name += n + 5;
	if (*name < '0' || *name > '9')
		return 0;
	errno = 0;
	pid = strtol(name, &end, 10);
	if (errno != 0 || pid <= 0 || pid > INT_MAX ||
	    (*end != '\0' && strcmp(end, "-wal") != 0 &&
	    strcmp(end, "-shm") != 0))
		return 0;
	if (pid == (long)getpid() || kill((pid_t)pid, 0) == 0 ||
	    errno != ESRCH)
		return 0;
	return *end == '\0' ? 1 : 2;
}

/* 1 when name in dfd is an old regular file (not a link). */
static int
store_new_stale(int dfd, const char *name)
{
	struct stat sb;

	return fstatat(dfd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISREG(sb.st_mode) && time(NULL) - sb.st_mtime >= STORE_STALE_S;
}

/*
 * Removes what a copy of backcare killed while it made a new file left
 * beside path (store_create()): its process is gone, the files are old,
 * and the file holds nothing and is open nowhere (store_quiet_in_use()),
 * so that a progress file someone named like a leftover, or one still in
 * use, is never touched.  A -wal or -shm goes with its file, or alone
 * when its file is gone.
 */
static void
store_sweep_new(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/'), *full, *side;
	const char *base = slash != NULL ? slash + 1 : path;
	const char *folder = slash == NULL ? "." : slash == dir ? "/" : dir;
	struct dirent *e;
	struct stat sb;
	DIR *d;
	int dfd, kind;

	if (slash != NULL)
		*slash = '\0';
	if ((d = opendir(folder)) == NULL) {
		free(dir);
		return;
	}
	dfd = dirfd(d);
	while ((e = readdir(d)) != NULL) {
		if ((kind = store_new_leftover(e->d_name, base)) == 0 ||
		    !store_new_stale(dfd, e->d_name))
			continue;
		full = xasprintf("%s/%s", folder, e->d_name);
		if (kind == 1 && !store_quiet_in_use(full) &&
		    unlinkat(dfd, e->d_name, 0) == 0) {
			/* Empty: its -wal held no rows (store_quiet_in_use()). */
			side = xasprintf("%s-wal", e->d_name);
			(void)unlinkat(dfd, side, 0);
			free(side);
			side = xasprintf("%s-shm", e->d_name);
			(void)unlinkat(dfd, side, 0);
			free(side);
		} else if (kind == 2) {
			/* Alone: its file is gone (name less "-wal"). */
			side = xstrndup(e->d_name, strlen(e->d_name) - 4);
			if (fstatat(dfd, side, &sb, AT_SYMLINK_NOFOLLOW) != 0 &&
			    errno == ENOENT)
				(void)unlinkat(dfd, e->d_name, 0);
			free(side);
		}
		free(full);
	}
	closedir(d);
	free(dir);
}

/* Refuses, by its kind alone, what cannot be a progress file. */
static int
store_check_kind(const char *path, const struct stat *sb, char **err)
{
	if (S_ISDIR(sb->st_mode)) {
		*err = xasprintf("%s: is a folder, not a progress file; "
		    "choose a file with --db", path);
		return -1;
	}
	if (!S_ISREG(sb->st_mode)) {
		*err = xasprintf("%s: not a regular file; choose another "
		    "file with --db", path);
		return -1;
	}
	/* Ours are made whole under another name and linked into place,
	 * so an empty file at the path is never one of ours. */
	if (sb->st_size == 0) {
		*err = xasprintf("%s: the file is empty, so it is not a "
		    "backcare progress file; remove it or choose another "
		    "with --db", path);
		return -1;
	}
	/* No SQLite file is smaller than one 512-byte page, and SQLite
	 * itself takes a one-byte file for an empty database. */
	if (sb->st_size < 512) {
		*err = xasprintf("%s: not a backcare progress file: it is too "
		    "small (%lld byte%s); nothing was written to it; choose "
		    "another file with --db", path,
		    (long long)sb->st_size, sb->st_size == 1 ? "" : "s");
		return -1;
	}
	return 0;
}

int
store_verify(struct store *st, int full, char **found)
{
	sqlite3_stmt *s;
	struct buf b = BUF_INIT;
	const char *row;
	int rc, n = 0;

	*found = NULL;
	/* The pragma reads in a transaction of its own, under SQLite's
	 * locks: a checkpoint of another process cannot fool it. */
	s = store_prepare(st, full ? "PRAGMA integrity_check(20)" :
	    "PRAGMA quick_check(20)");
	if (s == NULL)
		goto error;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		row = (const char *)sqlite3_column_text(s, 0);
		if (row == NULL || strcmp(row, "ok") == 0)
			continue;
		if (n++ < 3)
			buf_printf(&b, "%s%s", n > 1 ? "; " : "", row);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		goto error;
	if (n == 0) {
		buf_free(&b);
		return 0;
	}
	if (n > 3)
		buf_printf(&b, "; and %d more", n - 3);
	*found = buf_detach(&b);
	/* One line: SQLite's report may hold line breaks of its own. */
	for (char *p = *found; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	store_set_error(st, STORE_DAMAGED, *found);
	return 1;
error:
	buf_free(&b);
	rc = sqlite3_extended_errcode(st->db) & 0xff;
	if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB) {
		*found = xstrdup(sqlite3_errmsg(st->db));
		store_set_error(st, STORE_DAMAGED, *found);
		return 1;
	}
	store_set_sqlite_error(st, "checking the progress file");
	return -1;
}

/* Refuses to go on with a file that PRAGMA quick_check finds damaged. */
static int
store_check_whole(struct store *st)
{
	char *found;
	int rc = store_verify(st, 0, &found);

	free(found);
	return rc == 0 ? 0 : -1;
}

/* An empty store in memory, for reading a progress file not made yet. */
static struct store *
store_open_absent(const char *path, char **err)
{
	struct store *st = xcalloc(1, sizeof *st);

	st->lock_fd = -1;
	st->path = xstrdup(path);
	st->absent = st->readonly = 1;
	if (store_connect(st, SQLITE_OPEN_READWRITE) != 0 ||
	    store_migrate(st) != 0 || store_exec(st, "PRAGMA query_only = 1",
	    "opening the progress file") != 0) {
		*err = xstrdup(store_error(st));
		store_close(st);
		return NULL;
	}
	return st;
}

/*
 * Replaces st's connection to a file of an older schema, which cannot be
 * written (read-only media), with a copy of it in memory brought up to
 * date there: reading then needs no write to the file, which stays as it
 * was.  Returns 0, or -1 with the error set.
 */
static int
store_open_copy(struct store *st)
{
	sqlite3 *mem;
	sqlite3_backup *b;
	int rc;

	if (sqlite3_open_v2(":memory:", &mem, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		sqlite3_close(mem);
		store_set_error(st, "reading the progress file: out of memory");
		return -1;
	}
	b = sqlite3_backup_init(mem, "main", st->db, "main");
	rc = b != NULL ? sqlite3_backup_step(b, -1) : SQLITE_ERROR;
	if (b != NULL)
		sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		store_set_sqlite_error(st, "reading the progress file");
		sqlite3_close(mem);
		return -1;
	}
	sqlite3_close(st->db);
	st->db = mem;
	sqlite3_extended_result_codes(st->db, 1);
	/* Read: the file's lock is not needed for the copy. */
	close(st->lock_fd);
	st->lock_fd = -1;
	if (store_exec(st, "PRAGMA foreign_keys = ON", "reading the progress "
	    "file") != 0 || store_migrate(st) != 0 || store_exec(st,
	    "PRAGMA query_only = 1", "reading the progress file") != 0)
		return -1;
	return 0;
}

/*
 * Opens st->path for reading with one connection that creates nothing
 * (store_quiet.c).  Returns 0 when st is open on an up-to-date file, 1
 * when the ordinary way must be taken (nothing is left open), -1 with the
 * error set (store_close() releases what is open).
 */
static int
store_open_quiet(struct store *st, const struct stat *seen)
{
	long long version;
	char *uri;
	int rc;

	if ((st->lock_fd = store_quiet_claim(st->path, seen, NULL)) < 0)
		return 1;
	uri = store_quiet_uri(st->path);
	rc = sqlite3_open_v2(uri, &st->db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
	free(uri);
	if (rc == SQLITE_OK)
		sqlite3_extended_result_codes(st->db, 1);
	/* The identity as SQLite reads it: the file at the path may have
	 * been replaced since the claim read its header. */
	if (rc != SQLITE_OK || store_check_identity(st, &version) != 0) {
		if (rc != SQLITE_OK)
			store_set_sqlite_error(st, "opening the progress file");
		return -1;
	}
	/*
	 * Schema 6 lacks only the sessions' kept totals, which readers then
	 * take from the steps (store_steps_kept()), and an index: readers
	 * read it as it is (the first writer brings it up to date), with no
	 * copy where it cannot be written (a file of 110,000 sessions took
	 * 0.25 s and 100 MB a command in a copy) and no migration to fail
	 * on a full disk.  An older schema is brought up to date the
	 * ordinary way, or in a copy in memory where the file cannot be
	 * written.
	 */
	if (version >= STORE_READ_AS_IS)
		return 0;
	if (!store_why_writable(st->path))
		return store_open_copy(st);
	sqlite3_close(st->db);
	st->db = NULL;
	close(st->lock_fd);
	st->lock_fd = -1;
	return 1;
}

/*
 * SQLite set up for this program, once, before its first connection:
 * backcare runs one thread, so SQLite's mutexes, and the memory
 * statistics that take one on every allocation, only cost time (a fifth
 * of the instructions of opening the file and reading its schema).
 * Without effect (SQLITE_MISUSE) once SQLite has started.
 */
static void
store_sqlite_setup(void)
{
	static int done;

	if (done)
		return;
	done = 1;
	(void)sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/*
 * Looks at path (making it when writing and it is not there): 1 when it
 * is there, 2 when it is there and is no symbolic link (lstat() alone
 * tells, so store_why_not() looks up less), 0 when a reader finds nothing
 * there, -1 with *err set.
 */
static int
store_open_look(const char *path, int readonly, struct stat *sb, char **err)
{
	int missing, link = 0;

	if (lstat(path, sb) == 0 && !(link = S_ISLNK(sb->st_mode)))
		return 2;
	if (link && stat(path, sb) == 0)
		return 1;
	missing = errno == ENOENT;
	if (readonly && missing)
		return 0;
	if (missing && store_why_not(path, 1, 0, err) != 0)
		return -1;
	if (!missing || store_create(path, err) != 0 || stat(path, sb) != 0) {
		if (*err == NULL)
			*err = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	return 1;
}

/*
 * Opens path for writing (readonly 0) or reading (1).  Nothing is written
 * before the file has shown itself ours and, for writing, whole: a
 * foreign or damaged file stays byte for byte as it was.  Reading a file
 * from an older backcare brings its schema up to date first.
 */
static struct store *
store_open_mode(const char *path, int readonly, char **err)
{
	struct store *st;
	struct stat sb;
	long long version = 0;
	int mutate, quiet, had, there;

	*err = NULL;
	store_sqlite_setup();
	if (!readonly && store_make_parents(path, err) != 0)
		return NULL;
	if (!readonly)
		store_sweep_new(path);
	if ((there = store_open_look(path, readonly, &sb, err)) < 0)
		return NULL;
	if (there == 0)
		return store_open_absent(path, err);
	/* A reader checks the rest only when it cannot read quietly: a quiet
	 * open is had only on a readable file with no -wal or -journal
	 * beside it, which is all the rest would look at. */
	if (store_check_kind(path, &sb, err) != 0 ||
	    store_why_not(path, !readonly, STORE_WHY_THERE | (there == 2 ?
	    STORE_WHY_PLAIN : 0) | (readonly ? STORE_WHY_LENGTH : 0), err) != 0)
		return NULL;
	st = xcalloc(1, sizeof *st);
	st->lock_fd = -1;
	st->path = xstrdup(path);
	had = -1;
	if (readonly && (quiet = store_open_quiet(st,
	    there == 2 ? &sb : NULL)) <= 0) {
		if (quiet < 0)
			goto fail;
		st->readonly = 1;
		return st;
	}
	if (readonly && store_why_not(path, 0, STORE_WHY_THERE, &st->error) != 0)
		goto fail;
	had = store_quiet_sides(path);
	if (store_connect(st, SQLITE_OPEN_READONLY) != 0 ||
	    store_check_identity(st, &version) != 0)
		goto fail;
	mutate = !readonly || version < STORE_READ_AS_IS;
	if (mutate && store_check_whole(st) != 0)
		goto fail;
	sqlite3_close(st->db);
	st->db = NULL;
	/*
	 * Reading goes through a connection that may write but is told not
	 * to (query_only): a connection opened read-only would leave -wal
	 * and -shm files behind that only a writer removes.
	 */
	if (store_connect(st, SQLITE_OPEN_READWRITE) != 0 ||
	    (mutate && (store_configure(st) != 0 || store_migrate(st) != 0)) ||
	    (!readonly && store_steps_mend(st) != 0) ||
	    (readonly && store_exec(st, "PRAGMA query_only = 1", "opening "
	    "the progress file") != 0))
		goto fail;
	st->readonly = readonly;
	return st;
fail:
	*err = xstrdup(st->error != NULL ? st->error : path);
	store_close(st);
	if (had >= 0)
		store_quiet_tidy(path, had);
	return NULL;
}

struct store *
store_open(const char *path, char **err)
{
	return store_open_mode(path, 0, err);
}

struct store *
store_open_read(const char *path, char **err)
{
	return store_open_mode(path, 1, err);
}

int
store_is_absent(const struct store *st)
{
	return st->absent;
}

int
store_is_readonly(const struct store *st)
{
	return st->readonly;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	if (st->db != NULL)
		sqlite3_close_v2(st->db);
	if (st->lock_fd >= 0)
		close(st->lock_fd);
	free(st->path);
	free(st->error);
	free(st);
}
