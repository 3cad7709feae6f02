/*
 * store_quiet.c: reading the progress file without touching it.
 *
 * The file is in WAL mode.  An SQLite connection to it, even a read-only
 * one, creates -wal and -shm beside it; a read-only one cannot remove
 * them again, and a writable one removes them at close, so every command
 * that only read created and deleted two files.  When no -wal (and no
 * -journal) is beside the file, the file alone holds every committed
 * change, and a reader can open it as immutable: no locks, no -wal, no
 * -shm, nothing created.  What keeps that safe while it reads:
 *
 * - the reader holds an open-file-description read lock on SQLite's
 *   shared-lock bytes (STORE_LOCK_FIRST on): a writer must lock them
 *   exclusively to checkpoint at close and delete its -wal, so it leaves
 *   the -wal for the next one instead, and a writer in rollback mode
 *   cannot write the file at all;
 * - the other way a writer changes the file is a checkpoint of its own
 *   (SQLite's automatic one, or the one after a full disk): writers make
 *   those through store_quiet_checkpoint(), which waits until no reader
 *   holds the last byte of the range (STORE_LOCK_READERS, past SQLite's).
 *
 * With a -wal beside the file (a writer is at work, or one was cut
 * short), the reader opens it the ordinary way and changes nothing that
 * was not already there.  Without open-file-description locks (not
 * Linux), readers always take the ordinary way.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store_private.h"
#include "util.h"

/* SQLite's unix locking bytes (os_unix.c): PENDING_BYTE, then RESERVED,
 * then the 510 shared bytes.  Ours is the first byte past them. */
#define STORE_PENDING_BYTE 0x40000000
#define STORE_LOCK_FIRST (STORE_PENDING_BYTE + 2)
#define STORE_LOCK_READERS (STORE_PENDING_BYTE + 512)
/* SQLite's own default for its automatic checkpoint. */
#define STORE_AUTOCHECKPOINT 1000

static int store_quiet_lock(int fd, int cmd, short type, off_t start,
    off_t len, short *found);

#ifdef F_OFD_SETLK
static int
store_quiet_lock(int fd, int cmd, short type, off_t start, off_t len,
    short *found)
{
	struct flock fl;

	memset(&fl, 0, sizeof fl);
	fl.l_type = type;
	fl.l_whence = SEEK_SET;
	fl.l_start = start;
	fl.l_len = len;
	if (fcntl(fd, cmd == 0 ? F_OFD_SETLK : F_OFD_GETLK, &fl) != 0)
		return -1;
	if (found != NULL)
		*found = fl.l_type;
	return 0;
}
#else
static int
store_quiet_lock(int fd, int cmd, short type, off_t start, off_t len,
    short *found)
{
	(void)fd; (void)cmd; (void)type; (void)start; (void)len; (void)found;
	errno = ENOSYS;
	return -1;
}
#endif

/* 1 when path followed by suffix names something that exists. */
static int
store_quiet_beside(const char *path, const char *suffix)
{
	char *side = xasprintf("%s%s", path, suffix);
	struct stat sb;
	int found = lstat(side, &sb) == 0 || errno != ENOENT;

	free(side);
	return found;
}

/*
 * 1 when the file's header (read into header) says WAL mode (read and
 * write versions 2).  A file in rollback mode (restored from a dump, or
 * switched by another tool) is read the ordinary way: there a writer
 * needs the file itself, exclusively, which a quiet reader's lock would
 * keep from it.
 */
static int
store_quiet_is_wal(int fd, unsigned char header[STORE_HEADER_SIZE])
{
	return pread(fd, header, STORE_HEADER_SIZE, 0) == STORE_HEADER_SIZE &&
	    header[18] == 2 && header[19] == 2;
}

/*
 * 1 when a writer holds SQLite's PENDING byte (it waits for the readers
 * to go): SQLite's own readers then hold off, and so does a quiet one,
 * or readers arriving one after another would starve the writer.
 */
static int
store_quiet_pending(int fd)
{
	short found = F_UNLCK;

	if (store_quiet_lock(fd, 1, F_RDLCK, STORE_PENDING_BYTE, 1,
	    &found) != 0)
		return 1;
	return found != F_UNLCK;
}

int
store_quiet_claim(const char *path, const struct stat *seen,
    unsigned char header[STORE_HEADER_SIZE])
{
	unsigned char mine[STORE_HEADER_SIZE] = { 0 };
	struct stat sb;
	int fd;

	/*
	 * SQLite puts the -wal beside the file a link points to.  seen is
	 * the caller's lstat() of path, just made: O_NOFOLLOW refuses a link
	 * put there since, and O_NONBLOCK keeps a FIFO from hanging us.
	 */
	if (seen == NULL && lstat(path, &sb) == 0)
		seen = &sb;
	if (seen == NULL || !S_ISREG(seen->st_mode))
		return -1;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0)
		return -1;
	/*
	 * The header is read under the lock, with no -wal beside the file:
	 * no writer can change it then, so it is the one SQLite reads.
	 */
	if (store_quiet_lock(fd, 0, F_RDLCK, STORE_LOCK_FIRST,
	    STORE_LOCK_READERS - STORE_LOCK_FIRST + 1, NULL) != 0 ||
	    store_quiet_pending(fd) ||
	    store_quiet_beside(path, "-wal") ||
	    store_quiet_beside(path, "-journal") ||
	    !store_quiet_is_wal(fd, header != NULL ? header : mine)) {
		/* No lock is held yet through SQLite: closing drops none. */
		close(fd);
		return -1;
	}
	return fd;
}

int
store_quiet_sides(const char *path)
{
	return (store_quiet_beside(path, "-wal") ? 1 : 0) |
	    (store_quiet_beside(path, "-shm") ? 2 : 0);
}

/* Unlinks path+suffix when it is a regular file (an empty one for the
 * -wal: one with frames in it holds somebody's commits). */
static void
store_quiet_unlink(const char *path, const char *suffix, int empty)
{
	char *side = xasprintf("%s%s", path, suffix);
	struct stat sb;

	if (lstat(side, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    (!empty || sb.st_size == 0))
		(void)unlink(side);
	free(side);
}

/*
 * A connection that only looked at a file it then refused (damaged, say)
 * leaves the -wal and -shm it made, as a read-only one cannot remove
 * them.  They go here under SQLite's own rule for that (its close
 * of the last connection): an exclusive lock on the pending, reserved
 * and shared bytes, which no connection in WAL mode lets go of while it
 * is open, and which quiet readers hold too.  Without the lock (the
 * file cannot be opened for writing, or somebody is at work), they stay.
 */
void
store_quiet_tidy(const char *path, int had)
{
	int fd;

	if ((had & 3) == 3 || (store_quiet_sides(path) & ~had) == 0)
		return;
	fd = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return;
	if (store_quiet_lock(fd, 0, F_WRLCK, STORE_PENDING_BYTE,
	    STORE_LOCK_READERS - STORE_PENDING_BYTE + 1, NULL) == 0) {
		if (!(had & 1))
			store_quiet_unlink(path, "-wal", 1);
		/* The next connection rebuilds a -shm from the -wal. */
		if (!(had & 2))
			store_quiet_unlink(path, "-shm", 0);
	}
	close(fd);
}

char *
store_quiet_uri(const char *path)
{
	struct buf b = BUF_INIT;
	const unsigned char *p;

	buf_adds(&b, "file:");
	for (p = (const unsigned char *)path; *p != '\0'; p++) {
		/* A second leading '/' would start an authority. */
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' ||
		    *p == '_' || (*p == '/' && !(p == (const unsigned char *)
		    path + 1 && path[0] == '/')))
			buf_addc(&b, (char)*p);
		else
			buf_printf(&b, "%%%02X", *p);
	}
	buf_adds(&b, "?immutable=1");
	return buf_detach(&b);
}

/*
 * 1 when the file at path may be in use or hold something: a lock on
 * SQLite's lock bytes or on the quiet readers' byte (a connection in WAL
 * mode holds one all its life), on its -shm's DMS byte, or a row in any
 * of its tables, its -wal's included.  What cannot be told
 * counts as in use.  For leftovers of store_create() (store_open.c),
 * which hold nothing when they are truly left over.
 */
int
store_quiet_in_use(const char *path)
{
	char *side = xasprintf("%s-shm", path), *sql;
	sqlite3_stmt *s = NULL, *t;
	sqlite3 *db = NULL;
	short found = F_UNLCK;
	struct stat sb;
	int fd, rc = SQLITE_DONE, used = 1;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0)
		goto out;
	if (store_quiet_lock(fd, 1, F_WRLCK, STORE_PENDING_BYTE,
	    STORE_LOCK_READERS + 1 - STORE_PENDING_BYTE, &found) != 0 ||
	    found != F_UNLCK)
		goto out;
	close(fd);
	/* SQLite's DMS byte of the -shm (os_unix.c): 120 + 8. */
	if ((fd = open(side, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) >= 0) {
		if (store_quiet_lock(fd, 1, F_WRLCK, 128, 1, &found) != 0 ||
		    found != F_UNLCK)
			goto out;
		close(fd);
	} else if (errno != ENOENT)
		goto out;
	fd = -1;
	free(side);
	side = xasprintf("%s-wal", path);
	if (lstat(side, &sb) != 0 && errno != ENOENT)
		goto out;
	/* Read the ordinary way, so that what its -wal holds counts. */
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK || sqlite3_prepare_v2(db, "SELECT name FROM "
	    "sqlite_master WHERE type = 'table'", -1, &s, NULL) != SQLITE_OK)
		goto out;
	used = 0;
	while (!used && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		t = NULL;
		sql = sqlite3_mprintf("SELECT 1 FROM \"%w\" LIMIT 1",
		    (const char *)sqlite3_column_text(s, 0));
		used = sql == NULL || sqlite3_prepare_v2(db, sql, -1, &t,
		    NULL) != SQLITE_OK || sqlite3_step(t) != SQLITE_DONE;
		sqlite3_finalize(t);
		sqlite3_free(sql);
	}
	if (!used && rc != SQLITE_DONE)
		used = 1;
out:
	if (fd >= 0)
		close(fd);
	sqlite3_finalize(s);
	sqlite3_close(db);
	free(side);
	return used;
}

/* 1 when a reader holds the file as immutable (or we cannot tell). */
static int
store_quiet_readers(struct store *st)
{
	short found = F_UNLCK;

	if (st->lock_fd < 0)
		return 0;
	if (store_quiet_lock(st->lock_fd, 1, F_WRLCK, STORE_LOCK_READERS, 1,
	    &found) != 0)
		return errno != EINVAL && errno != ENOSYS;
	return found != F_UNLCK;
}

int
store_quiet_checkpoint(struct store *st, const char *db_name)
{
	if (store_quiet_readers(st))
		return SQLITE_BUSY;
	return sqlite3_wal_checkpoint_v2(st->db, db_name,
	    SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
}

/* SQLite's automatic checkpoint, minus the readers it cannot see. */
static int
store_quiet_wal_hook(void *arg, sqlite3 *db, const char *name, int frames)
{
	(void)db;
	if (frames >= STORE_AUTOCHECKPOINT)
		(void)store_quiet_checkpoint(arg, name);
	return SQLITE_OK;
}

void
store_quiet_writer(struct store *st)
{
	/* Only asked through, never locked; closed after the connection,
	 * since closing any descriptor of a file drops the process's
	 * locks on it (store_close()). */
	st->lock_fd = open(st->path, O_RDONLY | O_CLOEXEC);
	sqlite3_wal_hook(st->db, store_quiet_wal_hook, st);
}
