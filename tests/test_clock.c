/* Unit tests of clock.c: the manual clock and the system clock. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clock.h"

static void
test_manual(void **state)
{
	struct clock_manual m = { 5000, 1700000000 };

	(void)state;
	clock_use_manual(&m);
	assert_int_equal(clock_monotonic_ms(), 5000);
	assert_int_equal(clock_wall_s(), 1700000000);
	clock_manual_advance_ms(&m, 400);
	assert_int_equal(clock_monotonic_ms(), 5400);
	assert_int_equal(clock_wall_s(), 1700000000);
	clock_manual_advance_ms(&m, 600);
	assert_int_equal(clock_wall_s(), 1700000001);
	clock_manual_advance_ms(&m, 60 * 1000);
	assert_int_equal(clock_monotonic_ms(), 66000);
	assert_int_equal(clock_wall_s(), 1700000061);
	clock_set(NULL);
}

static void
test_system(void **state)
{
	int64_t a, b;

	(void)state;
	clock_set(NULL);
	a = clock_monotonic_ms();
	b = clock_monotonic_ms();
	assert_true(b >= a);
	assert_true(clock_wall_s() > 1600000000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_manual),
		cmocka_unit_test(test_system),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
