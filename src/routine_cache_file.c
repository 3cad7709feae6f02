/*
 * routine_cache_file.c: the routine cache's file (routine_cache.h).
 *
 * A cache that cannot be read is parsed around, one that cannot be
 * written is skipped: neither is ever an error the person sees.  The
 * file is replaced by a rename, so a reader sees the old file or the new
 * one, never half of one, and two writers at once leave one of theirs;
 * the checksum catches what a crash leaves, and a crash's temporary file
 * is removed by a later writer.  Neither reading nor writing follows a
 * symlink planted as the file, and no folder is made inside another
 * user's (root with a user's HOME, `sudo -E`, makes none).
 */
#include "config.h"

#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sys/stat.h>

#include <cmark.h>

#include "routine_cache.h"
#include "util.h"

#define RCACHE_NAME "routines.cache"
/* Every temporary file's name starts so, and only theirs. */
#define RCACHE_TEMP "." RCACHE_NAME "."

char *
rcache_file_path(void)
{
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");

	if (rcache_version() == NULL)
		return NULL;
	/* The XDG base directory spec: a relative value is ignored. */
	if (xdg != NULL && xdg[0] == '/')
		return xasprintf("%s/backcare/" RCACHE_NAME, xdg);
	if (home != NULL && *home != '\0')
		return xasprintf("%s/.cache/backcare/" RCACHE_NAME, home);
	return NULL;
}

/* dl_iterate_phdr's callback: the program's own GNU build ID, as hex,
 * from its notes (the program is the first object); 1 to stop. */
static int
rcache_build_id(struct dl_phdr_info *info, size_t size, void *out)
{
	const unsigned char *p, *end, *desc;
	uint32_t namesz, descsz, type;
	char *hex = out;
	int i, k;

	(void)size;
	for (i = 0; i < info->dlpi_phnum; i++) {
		if (info->dlpi_phdr[i].p_type != PT_NOTE)
			continue;
		p = (const unsigned char *)(info->dlpi_addr +
		    info->dlpi_phdr[i].p_vaddr);
		end = p + info->dlpi_phdr[i].p_memsz;
		while (end - p >= 12) {
			memcpy(&namesz, p, 4);
			memcpy(&descsz, p + 4, 4);
			memcpy(&type, p + 8, 4);
			desc = p + 12 + ((namesz + 3) & ~3u);
			if (desc > end || (size_t)(end - desc) < descsz)
				break;
			if (type == NT_GNU_BUILD_ID && namesz == 4 &&
			    memcmp(p + 12, "GNU", 4) == 0) {
				for (k = 0; k < (int)descsz && k < 32; k++)
					snprintf(hex + 2 * k, 3, "%02x",
					    desc[k]);
				return 1;
			}
			p = desc + ((descsz + 3) & ~3u);
		}
	}
	return 1;
}

const char *
rcache_version(void)
{
	static char v[160];
	char id[65] = "";

	/*
	 * The parse is this program's and the CommonMark library's.  The
	 * build ID, a hash of the program as linked, changes with any change
	 * to the code, so a build whose parser changed without a new version
	 * number or RCACHE_FORMAT still finds no old entries.  Without one
	 * (linked with --build-id=none) nothing would: no cache at all.
	 */
	static int done;

	if (!done) {
		done = 1;
		dl_iterate_phdr(rcache_build_id, id);
		if (id[0] != '\0')
			snprintf(v, sizeof v, "backcare %s cmark %s build %s",
			    PACKAGE_VERSION, cmark_version_string(), id);
	}
	return v[0] != '\0' ? v : NULL;
}

struct rcache *
rcache_file_read(const char *path)
{
	struct rcache *c = NULL;
	struct stat sb;
	char *data;
	size_t got = 0;
	ssize_t n;
	int fd;

	if (rcache_version() == NULL)
		return NULL;
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    sb.st_uid != geteuid() || sb.st_size < 0 ||
	    (size_t)sb.st_size > RCACHE_MAX_BYTES) {
		close(fd);
		return NULL;
	}
	/* One byte more than the size, to see a file that grew. */
	data = xmalloc((size_t)sb.st_size + 1);
	while (got <= (size_t)sb.st_size && (n = read(fd, data + got,
	    (size_t)sb.st_size + 1 - got)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		got += (size_t)n;
	}
	if (got == (size_t)sb.st_size)
		c = rcache_decode(data, got, rcache_version());
	free(data);
	close(fd);
	return c;
}

/*
 * mkdir -p of the folders above path, each new one 0700, but each only
 * inside a folder this user owns: run as root with a user's HOME (sudo
 * -E), a missing ~/.cache made as root would lock the user out of it.
 * Stops at the first folder it may not make.
 */
static void
rcache_make_folders(const char *path)
{
	char *dir = xstrdup(path), *p, *parent;
	struct stat sb;

	for (p = dir + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (lstat(dir, &sb) != 0 && errno == ENOENT) {
			parent = xstrdup(dir);
			*strrchr(parent, '/') = '\0';
			if (stat(parent[0] != '\0' ? parent : "/", &sb) != 0 ||
			    sb.st_uid != geteuid() || mkdir(dir, 0700) != 0) {
				free(parent);
				break;
			}
			free(parent);
		}
		*p = '/';
	}
	free(dir);
}

/* The cache's folder, opened without following a symlink, when it is
 * ours and no one else may write to it; else -1. */
static int
rcache_open_folder(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	struct stat sb;
	int fd;

	*slash = '\0';
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT) {
		rcache_make_folders(path);
		fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
	}
	free(dir);
	if (fd >= 0 && (fstat(fd, &sb) != 0 || sb.st_uid != geteuid() ||
	    (sb.st_mode & 022) != 0)) {
		close(fd);
		fd = -1;
	}
	return fd;
}

static int
rcache_write_all(int fd, const char *p, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* 1 when name is one of our temporary names: RCACHE_TEMP and 16
 * lower-case hex digits, nothing else (a copy the person made, say
 * ".routines.cache.bak", is not ours to remove). */
static int
rcache_is_temp(const char *name)
{
	size_t n = strlen(RCACHE_TEMP), i;

	if (strncmp(name, RCACHE_TEMP, n) != 0 || strlen(name) != n + 16)
		return 0;
	for (i = n; i < n + 16; i++)
		if (!((name[i] >= '0' && name[i] <= '9') ||
		    (name[i] >= 'a' && name[i] <= 'f')))
			return 0;
	return 1;
}

/* Removes our temporary files older than RCACHE_STALE_S: a writer killed
 * between open and rename (a closed terminal, OOM) leaves one. */
static void
rcache_sweep(int dfd)
{
	int fd = dup(dfd);
	DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *de;
	struct stat sb;
	time_t now = time(NULL);

	if (dir == NULL) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((de = readdir(dir)) != NULL)
		if (rcache_is_temp(de->d_name) && fstatat(dfd, de->d_name, &sb,
		    AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(sb.st_mode) &&
		    sb.st_uid == geteuid() && now - sb.st_mtime > RCACHE_STALE_S)
			(void)unlinkat(dfd, de->d_name, 0);
	closedir(dir);
}

/*
 * A new temporary file in the folder, 0600, its name in tmp: random, so
 * no leftover (or other process) can hold it; O_EXCL refuses anything
 * planted.  -1 when none can be made.
 */
static int
rcache_temp_open(int dfd, char *tmp, size_t size)
{
	struct { struct timespec ts; pid_t pid; int n; void *p; } seed;
	int fd;

	memset(&seed, 0, sizeof seed);
	seed.pid = getpid();
	seed.p = &seed;
	for (seed.n = 0; seed.n < 100; seed.n++) {
		(void)clock_gettime(CLOCK_REALTIME, &seed.ts);
		snprintf(tmp, size, RCACHE_TEMP "%016llx", (unsigned long long)
		    rcache_hash64(&seed, sizeof seed));
		fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0600);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	return -1;
}

int
rcache_file_write(const char *path, const struct rcache *c)
{
	char tmp[64];
	void *data;
	size_t len;
	int dfd, fd, rc = -1;

	if (path == NULL || strrchr(path, '/') == NULL ||
	    (data = rcache_encode(c, &len)) == NULL)
		return -1;
	if ((dfd = rcache_open_folder(path)) < 0) {
		free(data);
		return -1;
	}
	rcache_sweep(dfd);
	fd = rcache_temp_open(dfd, tmp, sizeof tmp);
	if (fd >= 0) {
		rc = rcache_write_all(fd, data, len);
		if (close(fd) != 0)
			rc = -1;
		/* rename replaces a symlink there, never what it points to. */
		if (rc == 0 && renameat(dfd, tmp, dfd, RCACHE_NAME) != 0)
			rc = -1;
		if (rc != 0)
			(void)unlinkat(dfd, tmp, 0);
	}
	close(dfd);
	free(data);
	return rc;
}
