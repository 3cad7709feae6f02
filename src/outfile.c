/*
 * outfile.c: documents written in full or not at all (see outfile.h).
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"
#include "util.h"

int
outfile_open(struct outfile *o, const char *path, char **err)
{
	int fd;

	memset(o, 0, sizeof *o);
	if (path == NULL || strcmp(path, "-") == 0) {
		o->f = stdout;
		return 0;
	}
	o->path = xstrdup(path);
	o->tmp = xasprintf("%s.XXXXXX", path);
	/* mkstemp() creates it 0600 whatever the umask. */
	if ((fd = mkstemp(o->tmp)) < 0 || (o->f = fdopen(fd, "w")) == NULL) {
		*err = xasprintf("%s: cannot write there: %s", path,
		    strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(o->tmp);
		}
		free(o->path);
		free(o->tmp);
		memset(o, 0, sizeof *o);
		return -1;
	}
	return 0;
}

int
outfile_close(struct outfile *o, int failed, char **err)
{
	int rc = 0, e;

	if (o->path == NULL) {
		if (!failed && (fflush(stdout) != 0 || ferror(stdout))) {
			*err = xasprintf("could not write the output: %s",
			    strerror(errno));
			rc = -1;
		}
		memset(o, 0, sizeof *o);
		return rc;
	}
	errno = 0;
	if (!failed && (fflush(o->f) != 0 || ferror(o->f) ||
	    fsync(fileno(o->f)) != 0))
		failed = 1;
	e = errno;
	if (fclose(o->f) != 0 && !failed) {
		failed = 1;
		e = errno;
	}
	if (!failed && rename(o->tmp, o->path) != 0) {
		failed = 1;
		e = errno;
	}
	if (failed) {
		*err = xasprintf("%s: could not write it: %s", o->path,
		    e != 0 ? strerror(e) : "write error");
		unlink(o->tmp);
		rc = -1;
	}
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof *o);
	return rc;
}
