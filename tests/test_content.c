/* Unit tests of content.c: discovery, order, overrides. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "content.h"
#include "util.h"

static char root[64];

static void
put(const char *rel, const char *text)
{
	char *path = xasprintf("%s/%s", root, rel), *p;
	FILE *f;

	for (p = path + strlen(root) + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		mkdir(path, 0700);
		*p = '/';
	}
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(path);
}

static int
setup(void **state)
{
	(void)state;
	strcpy(root, "/tmp/bc_test_content_XXXXXX");
	assert_non_null(mkdtemp(root));
	put("base/lessons/index.md", "# Lessons\n\n1. [B](b-two.md)\n"
	    "2. [A](a-one.md)\n3. [Missing](gone.md)\n");
	put("base/lessons/a-one.md", "# A\n");
	put("base/lessons/b-two.md", "# B\n");
	put("base/lessons/z-extra.md", "# Z\n");
	put("base/lessons/Bad Name.md", "# bad\n");
	put("base/lessons/notes.txt", "not a lesson\n");
	put("base/routines/r2.md", "# R2\n");
	put("base/routines/r1.md", "# R1\n");
	put("base/screener/questions.md", "# Q\n");
	put("extra/lessons/a-one.md", "# A override\n");
	put("extra/lessons/c-new.md", "# C\n");
	put("extra/routines/r1.md", "# R1 override\n");
	put("extra/screener/questions.md", "# Q2\n");
	return 0;
}

static int
teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", root);

	(void)state;
	assert_int_equal(system(cmd), 0);
	free(cmd);
	return 0;
}

static void
test_builtin_only(void **state)
{
	char *base = xasprintf("%s/base", root);
	struct content *c = content_load(base, NULL, 0);

	(void)state;
	assert_int_equal(content_count(c, CONTENT_LESSON), 3);
	/* index order first, then the unlisted ones by id */
	assert_string_equal(content_get(c, CONTENT_LESSON, 0)->id, "b-two");
	assert_string_equal(content_get(c, CONTENT_LESSON, 1)->id, "a-one");
	assert_string_equal(content_get(c, CONTENT_LESSON, 2)->id, "z-extra");
	assert_true(content_get(c, CONTENT_LESSON, 0)->listed);
	assert_false(content_get(c, CONTENT_LESSON, 2)->listed);
	assert_null(content_get(c, CONTENT_LESSON, 3));
	assert_int_equal(content_count(c, CONTENT_ROUTINE), 2);
	assert_string_equal(content_get(c, CONTENT_ROUTINE, 0)->id, "r1");
	assert_null(content_find(c, CONTENT_LESSON, "index"));
	assert_non_null(strstr(content_screener_path(c), "base/screener"));
	content_free(c);
	free(base);
}

static void
test_override(void **state)
{
	char *base = xasprintf("%s/base", root);
	char *extra = xasprintf("%s/extra", root);
	char *dirs[] = { extra };
	struct content *c = content_load(base, dirs, 1);
	const struct content_item *it;

	(void)state;
	assert_int_equal(content_count(c, CONTENT_LESSON), 4);
	it = content_find(c, CONTENT_LESSON, "a-one");
	assert_non_null(it);
	assert_non_null(strstr(it->path, "/extra/"));
	assert_false(it->builtin);
	/* An override keeps its place in the order. */
	assert_string_equal(content_get(c, CONTENT_LESSON, 1)->id, "a-one");
	assert_non_null(content_find(c, CONTENT_LESSON, "c-new"));
	it = content_find(c, CONTENT_ROUTINE, "r1");
	assert_non_null(strstr(it->path, "/extra/"));
	assert_non_null(strstr(content_screener_path(c), "extra/screener"));
	content_free(c);
	free(base);
	free(extra);
}

/* Regression: a long index kept its order (qsort once scrambled it). */
static void
test_long_index_order(void **state)
{
	char *base = xasprintf("%s/long", root);
	static const char *const ids[] = { "zeta", "eta", "theta", "iota",
	    "kappa", "alpha", "beta", "gamma", "delta", "epsilon", "mu",
	    "lambda" };
	struct buf idx = BUF_INIT;
	struct content *c;
	size_t i;
	char *rel;

	(void)state;
	buf_adds(&idx, "# Lessons\n\n");
	for (i = 0; i < BC_ARRAY_LEN(ids); i++) {
		buf_printf(&idx, "%zu. [x](%s.md)\n", i + 1, ids[i]);
		rel = xasprintf("long/lessons/%s.md", ids[i]);
		put(rel, "# x\n");
		free(rel);
	}
	put("long/lessons/index.md", idx.data);
	put("long/lessons/aaa-unlisted.md", "# x\n");
	c = content_load(base, NULL, 0);
	for (i = 0; i < BC_ARRAY_LEN(ids); i++)
		assert_string_equal(content_get(c, CONTENT_LESSON, i)->id,
		    ids[i]);
	assert_string_equal(content_get(c, CONTENT_LESSON, i)->id,
	    "aaa-unlisted");
	content_free(c);
	buf_free(&idx);
	free(base);
}

/* A --content-dir's own index.md orders its lessons first. */
static void
test_extra_index_first(void **state)
{
	char *base = xasprintf("%s/base", root);
	char *extra = xasprintf("%s/extra", root);
	char *dirs[] = { extra };
	struct content *c;

	(void)state;
	put("extra/lessons/index.md", "# L\n\n1. [C](c-new.md)\n");
	c = content_load(base, dirs, 1);
	assert_string_equal(content_get(c, CONTENT_LESSON, 0)->id, "c-new");
	assert_string_equal(content_get(c, CONTENT_LESSON, 1)->id, "b-two");
	content_free(c);
	free(base);
	free(extra);
}

static void
test_missing_dirs(void **state)
{
	char *nodir[] = { "/nonexistent/backcare" };
	struct content *c = content_load("/nonexistent/x", nodir, 1);

	(void)state;
	assert_int_equal(content_count(c, CONTENT_LESSON), 0);
	assert_int_equal(content_count(c, CONTENT_ROUTINE), 0);
	assert_null(content_screener_path(c));
	content_free(c);
}

static void
test_ids(void **state)
{
	(void)state;
	assert_true(content_id_valid("spine-anatomy"));
	assert_true(content_id_valid("a_1"));
	assert_false(content_id_valid(""));
	assert_false(content_id_valid("-x"));
	assert_false(content_id_valid("Upper"));
	assert_false(content_id_valid("a b"));
	assert_false(content_id_valid("../x"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_only),
		cmocka_unit_test(test_override),
		cmocka_unit_test(test_long_index_order),
		cmocka_unit_test(test_extra_index_first),
		cmocka_unit_test(test_missing_dirs),
		cmocka_unit_test(test_ids),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
