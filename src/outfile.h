/*
 * outfile.h: where a printable document goes: standard output, or a file
 * written in full or not at all.
 *
 * A file is written beside its final name (NAME.XXXXXX, mode 0600: the
 * documents hold health data) and renamed over it only once everything
 * was written, so a full disk or a killed program never leaves half a
 * report, and an older document of the same name survives a failure.
 */
#ifndef BACKCARE_OUTFILE_H
#define BACKCARE_OUTFILE_H

#include <stdio.h>

struct outfile {
	FILE *f;        /* write here */
	char *path;     /* the final name, NULL for standard output */
	char *tmp;      /* the name being written */
};

/*
 * Opens path for writing (NULL or "-": standard output).  Returns 0, or
 * -1 with *err set ("PATH: why", caller frees).
 */
int outfile_open(struct outfile *o, const char *path, char **err);

/*
 * Finishes the document: when failed is 0, flushes it to the disk and
 * renames it into place; otherwise (or when that fails) removes it.
 * Returns 0, or -1 with *err set (caller frees).
 */
int outfile_close(struct outfile *o, int failed, char **err);

#endif
