/*
 * owner.c: process identities that outlive pid reuse (see owner.h).
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "owner.h"
#include "util.h"

/*
 * Reads process pid's state (field 3 of /proc/PID/stat) and start time
 * (field 22, clock ticks after boot).  Returns 0, or -1 when it cannot be
 * read.  The command name in field 2 may hold spaces and parentheses:
 * fields are counted after the last ')'.
 */
static int
owner_stat(long pid, char *state, int64_t *start)
{
	char path[64], buf[1024], *p;
	long long v = 0;
	FILE *f;
	size_t n;
	int field;

	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	if ((f = fopen(path, "re")) == NULL)
		return -1;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	if ((p = strrchr(buf, ')')) == NULL || p[1] != ' ' || p[2] == '\0')
		return -1;
	*state = p[2];
	/* p + 1 is the space before field 3; walk to the one before 22. */
	for (field = 3; field < 22 && p != NULL; field++)
		p = strchr(p + 2, ' ');
	if (p == NULL || sscanf(p + 1, "%lld", &v) != 1)
		return -1;
	*start = (int64_t)v;
	return 0;
}

static void
owner_boot_id(char *out, size_t size)
{
	FILE *f = fopen("/proc/sys/kernel/random/boot_id", "re");
	size_t n = 0;

	out[0] = '\0';
	if (f == NULL)
		return;
	if (fgets(out, (int)size, f) != NULL)
		n = strcspn(out, "\n");
	out[n] = '\0';
	fclose(f);
}

void
owner_self(struct owner *o)
{
	char state;

	memset(o, 0, sizeof *o);
	o->pid = (long)getpid();
	if (owner_stat(o->pid, &state, &o->start) != 0)
		o->start = 0;
	owner_boot_id(o->boot, sizeof o->boot);
}

int
owner_alive(const struct owner *o)
{
	char boot[sizeof o->boot], state = 'R';
	int64_t start = 0;

	if (o->pid <= 0)
		return 0;
	owner_boot_id(boot, sizeof boot);
	if (o->boot[0] != '\0' && boot[0] != '\0' && strcmp(o->boot, boot) != 0)
		return 0;         /* the machine restarted since */
	if (kill((pid_t)o->pid, 0) != 0 && errno == ESRCH)
		return 0;
	if (owner_stat(o->pid, &state, &start) != 0)
		return kill((pid_t)o->pid, 0) == 0 || errno == EPERM;
	if (o->start != 0 && start != o->start)
		return 0;         /* the pid now belongs to another process */
	/* A zombie is dead: it will never write again. */
	return state != 'Z' && state != 'X';
}

int
owner_is_self(const struct owner *o)
{
	struct owner me;

	owner_self(&me);
	return o->pid == me.pid && o->start == me.start &&
	    strcmp(o->boot, me.boot) == 0;
}
