/*
 * tests/test_routine_cache_noid.c: this program is linked with
 * --build-id=none (Makefile.am).  Without a build ID nothing tells one
 * build's routine parser from another's of the same version, so there is
 * no cache: no version to key it, no path, and a cache file left by some
 * build is not read (attack20 F8).
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "routine_cache.h"
#include "util.h"
#include "unit.h"

static void
test_no_build_id(void **state)
{
	char root[64], *path;
	struct rcache *c = rcache_new("backcare " PACKAGE_VERSION " build ");

	(void)state;
	assert_null(rcache_version());
	setenv("HOME", "/home/h", 1);
	setenv("XDG_CACHE_HOME", "/x/cache", 1);
	assert_null(rcache_file_path());
	unsetenv("XDG_CACHE_HOME");
	assert_null(rcache_file_path());
	/* A cache file there already (an older build's): not read. */
	unit_dir_make(root, sizeof root, "rcache_noid");
	path = xasprintf("%s/routines.cache", root);
	assert_int_equal(rcache_file_write(path, c), 0);
	assert_null(rcache_file_read(path));
	unit_dir_remove(root);
	free(path);
	rcache_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_build_id),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
