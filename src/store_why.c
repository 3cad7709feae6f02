/*
 * store_why.c: why the progress file cannot be opened, said before SQLite
 * is asked.  SQLite reports most of these as "unable to open database
 * file" or "attempt to write a readonly database", which the store would
 * have to call "cannot write here" whatever the cause; here each cause is
 * named: a path too long for SQLite, a companion that is a folder, a file
 * the user may not read or write, a read-only file system, and a -wal
 * waiting to be folded in where nothing can be written.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "store_private.h"
#include "util.h"

/*
 * SQLite's unix limit on a full path (512) less its longest suffix
 * ("-journal"): measured with SQLite 3.40, a 504-byte path opens and a
 * 505-byte one does not.
 */
#define STORE_PATH_LIMIT 504
/* SQLite builds the path, links and all, in a buffer this long. */
#define STORE_PATH_BUFFER 512

/* The folder that holds path (caller frees). */
static char *
store_why_dir(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xasprintf("%.*s", (int)(slash - path), path);
}

/*
 * The lengths SQLite gives the path: *named, its folder with links
 * resolved and then the name, as it is built (SQLite's buffer holds 512
 * bytes); *full, with the file's own link resolved too, to which it adds
 * "-journal" or "-wal".  0 when that cannot be told.  When the file is
 * there and is no link (plain), the two are the same, and one realpath()
 * tells both: each resolves every folder on the way with a readlink().
 */
static void
store_why_full_length(const char *path, int plain, size_t *named,
    size_t *full)
{
	char *dir, *real;
	const char *slash = strrchr(path, '/');

	*named = *full = 0;
	if (plain) {
		if ((real = realpath(path, NULL)) != NULL)
			*named = *full = strlen(real);
		free(real);
		return;
	}
	dir = store_why_dir(path);
	real = realpath(dir, NULL);
	if (real != NULL)
		*named = strlen(real) + 1 + strlen(slash != NULL ? slash + 1 :
		    path);
	free(real);
	free(dir);
	*full = *named;
	if ((real = realpath(path, NULL)) != NULL)
		*full = strlen(real);
	free(real);
}

static int
store_why_length(const char *path, int creating, int plain, char **err)
{
	size_t named, full;
	char extra[32];
	int limit = STORE_PATH_LIMIT;

	store_why_full_length(path, !creating && plain, &named, &full);
	/* A new file is made under path.new-PID first (store_create()). */
	if (creating)
		limit -= snprintf(extra, sizeof extra, ".new-%ld",
		    (long)getpid());
	if (full <= (size_t)limit && named <= STORE_PATH_BUFFER)
		return 0;
	*err = xasprintf("%s: the path is too long for SQLite (%zu bytes in "
	    "full; the limit is %d%s); choose a shorter one with --db", path,
	    full > (size_t)limit ? full : named, full > (size_t)limit ? limit :
	    STORE_PATH_BUFFER, creating && full > (size_t)limit ?
	    " for a new file" : "");
	return -1;
}

/* A folder where SQLite keeps a companion of the file. */
static int
store_why_companions(const char *path, int writing, int wal, char **err)
{
	static const char *const sides[] = { "-journal", "-wal", "-shm" };
	struct stat sb;
	char *side;
	size_t i;

	for (i = 0; i < sizeof sides / sizeof *sides; i++) {
		/* A reader without a -wal opens the file alone. */
		if (i == 2 && !writing && !wal)
			break;
		side = xasprintf("%s%s", path, sides[i]);
		if (lstat(side, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			*err = xasprintf("%s: %s is a folder, and SQLite needs "
			    "that name for the file's %s; move it away", path,
			    side, sides[i] + 1);
			free(side);
			return -1;
		}
		free(side);
	}
	return 0;
}

/* 1 when the file system that holds path is mounted read-only. */
static int
store_why_rofs(const char *path)
{
	struct statvfs vs;

	return statvfs(path, &vs) == 0 && (vs.f_flag & ST_RDONLY);
}

/* The file itself: may it be read, and written when writing? */
static int
store_why_access(const char *path, int writing, char **err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 && errno == EACCES) {
		*err = xasprintf("%s: cannot read the file (permission denied "
		    "on the file itself); it belongs to another user, or its "
		    "permissions keep you out", path);
		return -1;
	}
	if (fd >= 0)
		close(fd);
	if (!writing)
		return 0;
	if (store_why_rofs(path)) {
		*err = xasprintf("%s: cannot write: the file system is "
		    "read-only; nothing can be saved there; choose another "
		    "file with --db", path);
		return -1;
	}
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0 && errno == EACCES) {
		*err = xasprintf("%s: cannot write the file (permission denied "
		    "on the file itself); nothing can be saved; check its "
		    "permissions or choose another file with --db", path);
		return -1;
	}
	if (fd >= 0)
		close(fd);
	return 0;
}

/*
 * A -wal with no -shm beside a file in a folder that cannot be written:
 * the -wal may hold committed changes, which SQLite reads only through a
 * -shm it must create, and opening the file alone would not show them.
 */
static int
store_why_stranded_wal(const char *path, int wal, char **err)
{
	char *dir, *shm;
	struct stat sb;
	int stranded, empty;

	if (!wal)
		return 0;
	shm = xasprintf("%s-wal", path);
	empty = stat(shm, &sb) == 0 && sb.st_size == 0;
	free(shm);
	shm = xasprintf("%s-shm", path);
	dir = store_why_dir(path);
	stranded = access(shm, F_OK) != 0 && errno == ENOENT &&
	    (store_why_rofs(path) || (access(dir, W_OK) != 0 &&
	    (errno == EACCES || errno == EROFS)));
	free(shm);
	free(dir);
	if (!stranded)
		return 0;
	if (empty)
		*err = xasprintf("%s: an empty -wal lies beside it, and SQLite "
		    "then needs a -shm file that this folder cannot take "
		    "(read-only); open it once where the folder can be "
		    "written, or copy the file alone somewhere that can", path);
	else
		*err = xasprintf("%s: its -wal holds changes not yet folded "
		    "into it, and reading them needs a -shm file that this "
		    "folder cannot take (read-only); open it once where the "
		    "folder can be written, or copy the file with its -wal "
		    "somewhere that can", path);
	return -1;
}

int
store_why_not(const char *path, int writing, int exists, char **err)
{
	struct stat sb;
	char *wal;
	int has_wal;

	if (store_why_length(path, writing && !(exists & STORE_WHY_THERE),
	    (exists & STORE_WHY_PLAIN) != 0, err) != 0)
		return -1;
	if (!(exists & STORE_WHY_THERE) || (exists & STORE_WHY_LENGTH))
		return 0;
	wal = xasprintf("%s-wal", path);
	has_wal = lstat(wal, &sb) == 0;
	free(wal);
	if (store_why_companions(path, writing, has_wal, err) != 0 ||
	    store_why_access(path, writing, err) != 0 ||
	    (!writing && store_why_stranded_wal(path, has_wal, err) != 0))
		return -1;
	return 0;
}

int
store_why_writable(const char *path)
{
	char *dir = store_why_dir(path);
	int ok = !store_why_rofs(path) && access(path, W_OK) == 0 &&
	    access(dir, W_OK) == 0;

	free(dir);
	return ok;
}
