/*
 * owner.h: which process owns something, in a form that survives the
 * process: its pid, its start time and the boot it ran in.  A pid alone
 * is not enough, since pids are reused; a process that crashed or a
 * machine that rebooted gives up what it owned.  Linux reads both from
 * /proc; elsewhere the start time and boot are unknown (0 and "") and
 * only the pid is compared.
 */
#ifndef BACKCARE_OWNER_H
#define BACKCARE_OWNER_H

#include <stdint.h>

struct owner {
	long pid;
	int64_t start;        /* clock ticks after boot; 0 unknown */
	char boot[40];        /* /proc/sys/kernel/random/boot_id; "" unknown */
};

/* Fills o with this process. */
void owner_self(struct owner *o);

/*
 * 1 when the process o names is still running (the same process, not a
 * later one with its pid), 0 when it is gone.  A pid of 0 or less is gone.
 */
int owner_alive(const struct owner *o);

/* 1 when o is this process. */
int owner_is_self(const struct owner *o);

#endif
