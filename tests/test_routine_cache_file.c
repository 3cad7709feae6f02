/*
 * tests/test_routine_cache_file.c: the routine cache's file
 * (routine_cache_file.c): written 0600 in a 0700 folder and read back; a
 * symlink planted as the file is neither read nor written through; a
 * damaged file, a folder others may write to and a read-only one are no
 * cache; a dead writer's temporary file blocks nothing and is removed;
 * no folder is made inside another user's; the path follows XDG.
 */
#include "config.h"

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>
#include <sys/time.h>

#include <cmocka.h>

#include "routine.h"
#include "routine_cache.h"
#include "util.h"
#include "unit.h"

/* A cache of one small routine, keyed by k (k->text: caller frees). */
static struct rcache *
one_routine_cache(struct rcache_key *k)
{
	static const char text[] = "# Mine\n\nA test routine.\n\n## Hold it"
	    "\n\n- hold: 30s\n- region: lower back\n- position: sitting\n"
	    "- stroke: compression\n- pressure: medium\n\nPress and hold.\n";
	struct rcache *c = rcache_new(rcache_version());
	struct diag d = DIAG_INIT;
	struct routine *r = routine_parse("mine", "mine", text,
	    sizeof text - 1, &d);

	assert_non_null(r);
	diag_free(&d);
	rcache_key_of(xstrdup(text), sizeof text - 1, k);
	assert_int_equal(rcache_put(c, k, r), 0);
	routine_free(r);
	return c;
}

static void
test_file(void **state)
{
	char root[64], *path, *victim, *dir;
	struct rcache_key k;
	struct rcache *c = one_routine_cache(&k), *back;
	struct routine *r;
	struct stat sb;
	FILE *f;

	(void)state;
	unit_dir_make(root, sizeof root, "rcache");
	path = xasprintf("%s/cache/backcare/routines.cache", root);
	dir = xasprintf("%s/cache/backcare", root);
	victim = xasprintf("%s/victim", root);
	/* Written with its folders (0700) as 0600, and read back. */
	assert_int_equal(rcache_file_write(path, c), 0);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(stat(dir, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	back = rcache_file_read(path);
	assert_non_null(back);
	r = rcache_get(back, &k, "mine");
	assert_non_null(r);
	routine_free(r);
	rcache_free(back);
	/* A symlink planted as the file: not read, and replaced, not
	 * written through. */
	f = fopen(victim, "w");
	assert_non_null(f);
	fputs("keep me\n", f);
	fclose(f);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(symlink(victim, path), 0);
	assert_null(rcache_file_read(path));
	assert_int_equal(rcache_file_write(path, c), 0);
	assert_int_equal(lstat(path, &sb), 0);
	assert_true(S_ISREG(sb.st_mode));
	assert_int_equal(stat(victim, &sb), 0);
	assert_int_equal(sb.st_size, 8);
	/* A damaged file is no cache. */
	f = fopen(path, "r+");
	assert_non_null(f);
	fseek(f, 40, SEEK_SET);
	fputc('!', f);
	fclose(f);
	assert_null(rcache_file_read(path));
	/* A folder others may write to is not used. */
	assert_int_equal(chmod(dir, 0777), 0);
	assert_int_equal(rcache_file_write(path, c), -1);
	/* A read-only folder: -1, nothing said. */
	assert_int_equal(chmod(dir, 0500), 0);
	if (access(dir, W_OK) != 0)
		assert_int_equal(rcache_file_write(path, c), -1);
	assert_int_equal(chmod(dir, 0700), 0);
	/* No folder for a relative or slash-less path. */
	assert_int_equal(rcache_file_write("routines.cache", c), -1);
	unit_dir_remove(root);
	free(path);
	free(dir);
	free(victim);
	free((char *)k.text);
	rcache_free(c);
}

/* An empty file at root/name, its time age seconds ago. */
static void
plant(const char *root, const char *name, long age)
{
	char *p = xasprintf("%s/%s", root, name);
	struct timeval tv[2];
	FILE *f = fopen(p, "w");

	assert_non_null(f);
	fclose(f);
	gettimeofday(&tv[0], NULL);
	tv[0].tv_sec -= age;
	tv[1] = tv[0];
	assert_int_equal(utimes(p, tv), 0);
	free(p);
}

/* Whether name is in folder dir (a symlink counts, not followed). */
static int
exists(const char *dir, const char *name)
{
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc;

	assert_true(dfd >= 0);
	rc = faccessat(dfd, name, F_OK, AT_SYMLINK_NOFOLLOW) == 0;
	close(dfd);
	return rc;
}

/*
 * A killed writer's temporary file, even one named for this very pid (a
 * container's pid 1 started again), blocks nothing, and once older than
 * RCACHE_STALE_S is removed; a live writer's (new) is left, and so is
 * what is not a temporary of the cache (attack20 F6).
 */
static void
test_stale_temp(void **state)
{
	char root[64], *path, *mine, *cmd;
	struct rcache_key k;
	struct rcache *c = one_routine_cache(&k);

	(void)state;
	unit_dir_make(root, sizeof root, "rcache_temp");
	path = xasprintf("%s/routines.cache", root);
	mine = xasprintf(".routines.cache.%ld", (long)getpid());
	plant(root, mine, 0);
	plant(root, ".routines.cache.0123456789abcdef", RCACHE_STALE_S + 60);
	plant(root, ".routines.cache.00000000000000a2", 10);
	/* Old, named like ours but not ours (attack21 F7). */
	plant(root, ".routines.cache.1", RCACHE_STALE_S + 60);
	plant(root, ".routines.cache.bak", RCACHE_STALE_S + 60);
	plant(root, ".routines.cache.0123456789ABCDEF", RCACHE_STALE_S + 60);
	plant(root, ".routines.cache.0123456789abcdef0", RCACHE_STALE_S + 60);
	plant(root, "routines.cache.old", RCACHE_STALE_S + 60);
	assert_int_equal(chmod(root, 0700), 0);
	assert_int_equal(rcache_file_write(path, c), 0);
	assert_true(exists(root, "routines.cache"));
	assert_false(exists(root, ".routines.cache.0123456789abcdef"));
	assert_true(exists(root, ".routines.cache.00000000000000a2"));
	assert_true(exists(root, ".routines.cache.1"));
	assert_true(exists(root, ".routines.cache.bak"));
	assert_true(exists(root, ".routines.cache.0123456789ABCDEF"));
	assert_true(exists(root, ".routines.cache.0123456789abcdef0"));
	assert_true(exists(root, "routines.cache.old"));
	/* Written again: still one cache, no temporary of ours left. */
	assert_int_equal(rcache_file_write(path, c), 0);
	/* (the six planted: the pid's, the new one and four not ours) */
	cmd = xasprintf("test $(ls -a '%s' | grep -c '^\\.routines') -eq 6",
	    root);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	unit_dir_remove(root);
	free(mine);
	free(path);
	free((char *)k.text);
	rcache_free(c);
}

/*
 * No folder is made inside a folder owned by another user: root with a
 * user's HOME (sudo -E) made the user's ~/.cache as root (attack20 F1).
 * As root the other folder is one given to nobody; otherwise a folder
 * of root's that we may write to (/tmp), when there is one.
 */
static void
test_other_owner(void **state)
{
	char root[64], *other = NULL, *path, *made;
	struct rcache_key k;
	struct rcache *c = one_routine_cache(&k);
	struct stat sb;

	(void)state;
	unit_dir_make(root, sizeof root, "rcache_owner");
	if (geteuid() == 0) {
		other = xasprintf("%s/home", root);
		assert_int_equal(mkdir(other, 0755), 0);
		assert_int_equal(chown(other, 65534, 65534), 0);
	} else if (stat("/tmp", &sb) == 0 && sb.st_uid != geteuid() &&
	    access("/tmp", W_OK) == 0) {
		other = xasprintf("/tmp/bc_test_notours_%ld/home",
		    (long)getpid());
	} else {
		unit_dir_remove(root);
		free((char *)k.text);
		rcache_free(c);
		skip();
		return;
	}
	path = xasprintf("%s/.cache/backcare/routines.cache", other);
	assert_int_equal(rcache_file_write(path, c), -1);
	made = xasprintf("%s/.cache", other);
	assert_int_equal(lstat(made, &sb), -1);
	free(made);
	if (geteuid() != 0) {
		made = xasprintf("/tmp/bc_test_notours_%ld", (long)getpid());
		assert_int_equal(lstat(made, &sb), -1);
		free(made);
	} else {
		/* Its ~/.cache there already, the user's: no backcare/ in it. */
		made = xasprintf("%s/.cache", other);
		assert_int_equal(mkdir(made, 0700), 0);
		assert_int_equal(chown(made, 65534, 65534), 0);
		assert_int_equal(rcache_file_write(path, c), -1);
		assert_false(exists(made, "backcare"));
		free(made);
	}
	unit_dir_remove(root);
	free(other);
	free(path);
	free((char *)k.text);
	rcache_free(c);
}

static void
test_path(void **state)
{
	char *p;

	(void)state;
	setenv("XDG_CACHE_HOME", "/x/cache", 1);
	setenv("HOME", "/home/h", 1);
	p = rcache_file_path();
	assert_string_equal(p, "/x/cache/backcare/routines.cache");
	free(p);
	/* The XDG spec: a relative value is ignored. */
	setenv("XDG_CACHE_HOME", "rel", 1);
	p = rcache_file_path();
	assert_string_equal(p, "/home/h/.cache/backcare/routines.cache");
	free(p);
	unsetenv("XDG_CACHE_HOME");
	unsetenv("HOME");
	assert_null(rcache_file_path());
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_file),
		cmocka_unit_test(test_stale_temp),
		cmocka_unit_test(test_other_owner),
		cmocka_unit_test(test_path),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
