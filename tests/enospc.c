/*
 * tests/enospc.c: an LD_PRELOAD shim for tests/robust.sh that makes writes
 * to SQLite's -wal files fail with ENOSPC, as on a full disk.  It acts
 * while the file named by BC_ENOSPC_TRIGGER exists; unless BC_ENOSPC_STICKY
 * is set it removes that file at the first failure, so only one write
 * fails and the space "comes back" for the next transaction.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static int
shim_fail(int fd)
{
	const char *trigger = getenv("BC_ENOSPC_TRIGGER");
	char link[64], target[4096];
	ssize_t n;

	if (trigger == NULL || access(trigger, F_OK) != 0)
		return 0;
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	n = readlink(link, target, sizeof target - 1);
	if (n < 4)
		return 0;
	target[n] = '\0';
	if (strcmp(target + n - 4, "-wal") != 0)
		return 0;
	if (getenv("BC_ENOSPC_STICKY") == NULL)
		unlink(trigger);
	errno = ENOSPC;
	return 1;
}

ssize_t
pwrite64(int fd, const void *buf, size_t count, off_t offset)
{
	static ssize_t (*real)(int, const void *, size_t, off_t);

	if (real == NULL)
		real = (ssize_t (*)(int, const void *, size_t, off_t))
		    dlsym(RTLD_NEXT, "pwrite64");
	if (shim_fail(fd))
		return -1;
	return real(fd, buf, count, offset);
}

ssize_t
pwrite(int fd, const void *buf, size_t count, off_t offset)
{
	static ssize_t (*real)(int, const void *, size_t, off_t);

	if (real == NULL)
		real = (ssize_t (*)(int, const void *, size_t, off_t))
		    dlsym(RTLD_NEXT, "pwrite");
	if (shim_fail(fd))
		return -1;
	return real(fd, buf, count, offset);
}

ssize_t
write(int fd, const void *buf, size_t count)
{
	static ssize_t (*real)(int, const void *, size_t);

	if (real == NULL)
		real = (ssize_t (*)(int, const void *, size_t))
		    dlsym(RTLD_NEXT, "write");
	if (shim_fail(fd))
		return -1;
	return real(fd, buf, count);
}
