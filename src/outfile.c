/*
 * outfile.c: documents written in full or not at all (see outfile.h).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"
#include "util.h"

/* The file being written, for the signal handler to remove. */
static char *volatile outfile_pending;
static const int outfile_signals[] = { SIGINT, SIGTERM, SIGHUP };
static struct sigaction outfile_old[3];

/* A signal that ends the program removes the half-written file first,
 * then lets the handler that was there before (often the default: end)
 * have the signal. */
static void
outfile_on_signal(int sig)
{
	size_t i;

	if (outfile_pending != NULL)
		unlink(outfile_pending);
	outfile_pending = NULL;
	for (i = 0; i < BC_ARRAY_LEN(outfile_signals); i++)
		if (outfile_signals[i] == sig)
			sigaction(sig, &outfile_old[i], NULL);
	raise(sig);
}

static void
outfile_guard(char *tmp)
{
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = outfile_on_signal;
	sigemptyset(&sa.sa_mask);
	outfile_pending = tmp;
	for (i = 0; i < BC_ARRAY_LEN(outfile_signals); i++)
		sigaction(outfile_signals[i], &sa, &outfile_old[i]);
}

static void
outfile_unguard(void)
{
	size_t i;

	if (outfile_pending == NULL)
		return;
	outfile_pending = NULL;
	for (i = 0; i < BC_ARRAY_LEN(outfile_signals); i++)
		sigaction(outfile_signals[i], &outfile_old[i], NULL);
}

static int
outfile_fail(struct outfile *o, const char *path, int e, char **err)
{
	*err = xasprintf("%s: could not write it: %s", path, strerror(e));
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof *o);
	return -1;
}

/*
 * Something that is not a regular file (a terminal, a pipe, /dev/full,
 * /dev/stdout) is written through as it is, never replaced: a rename over
 * it would destroy a device node or a FIFO.
 */
static int
outfile_open_through(struct outfile *o, const char *path, char **err)
{
	int fd = open(path, O_WRONLY | O_APPEND | O_NOCTTY | O_CLOEXEC);

	if (fd < 0 || (o->f = fdopen(fd, "w")) == NULL) {
		if (fd >= 0)
			close(fd);
		return outfile_fail(o, path, errno, err);
	}
	o->path = xstrdup(path);
	return 0;
}

int
outfile_open(struct outfile *o, const char *path, char **err)
{
	struct stat st, lst;
	char *real = NULL;
	int fd;

	memset(o, 0, sizeof *o);
	if (path == NULL || strcmp(path, "-") == 0) {
		o->f = stdout;
		return 0;
	}
	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return outfile_fail(o, path, EISDIR, err);
		/* /dev and /proc hold no documents: no temporary file there,
		 * whatever their links lead to (/dev/stdout to a file). */
		if (!S_ISREG(st.st_mode) || strncmp(path, "/dev/", 5) == 0 ||
		    strncmp(path, "/proc/", 6) == 0)
			return outfile_open_through(o, path, err);
		/* A link to a document: the document is replaced, the link
		 * stays. */
		if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode) &&
		    (real = realpath(path, NULL)) == NULL)
			return outfile_fail(o, path, errno, err);
	} else if (errno != ENOENT)
		return outfile_fail(o, path, errno, err);
	else if (lstat(path, &lst) == 0)
		return outfile_fail(o, path, ENOENT, err);  /* a broken link */
	o->path = real != NULL ? real : xstrdup(path);
	o->tmp = xasprintf("%s.XXXXXX", o->path);
	outfile_guard(o->tmp);
	/* mkstemp() creates it 0600 whatever the umask. */
	if ((fd = mkstemp(o->tmp)) < 0 || (o->f = fdopen(fd, "w")) == NULL) {
		*err = xasprintf("%s: cannot write there: %s", path,
		    strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(o->tmp);
		}
		outfile_unguard();
		free(o->path);
		free(o->tmp);
		memset(o, 0, sizeof *o);
		return -1;
	}
	return 0;
}

/* Flushes and closes o->f; returns 0 or an errno value. */
static int
outfile_finish(struct outfile *o, int failed, int e)
{
	if (!failed && (fflush(o->f) != 0 || ferror(o->f) ||
	    (o->tmp != NULL && fsync(fileno(o->f)) != 0))) {
		failed = 1;
		e = errno;
	}
	if (fclose(o->f) != 0 && !failed) {
		failed = 1;
		e = errno;
	}
	if (!failed && o->tmp != NULL && rename(o->tmp, o->path) != 0) {
		failed = 1;
		e = errno;
	}
	return failed ? (e != 0 ? e : EIO) : 0;
}

int
outfile_close(struct outfile *o, int failed, char **err)
{
	/* The writer's own failed write left its reason in errno. */
	int rc = 0, e = failed ? errno : 0;

	if (o->path == NULL) {
		if (!failed && (fflush(stdout) != 0 || ferror(stdout))) {
			*err = xasprintf("could not write the output: %s",
			    strerror(errno));
			rc = -1;
		}
		memset(o, 0, sizeof *o);
		return rc;
	}
	if ((e = outfile_finish(o, failed, e)) != 0) {
		*err = xasprintf("%s: could not write it: %s", o->path,
		    strerror(e));
		if (o->tmp != NULL)
			unlink(o->tmp);
		rc = -1;
	}
	if (o->tmp != NULL)
		outfile_unguard();
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof *o);
	return rc;
}
