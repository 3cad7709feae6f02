/* Unit tests of day.c: civil dates, parsing, weeks, and local days across
 * daylight-saving changes (TZ set by the test). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "day.h"

static int32_t
parsed(const char *s)
{
	int32_t d = -12345;

	assert_int_equal(day_parse(s, &d), 0);
	return d;
}

static void
test_parse_valid(void **state)
{
	char out[11];

	(void)state;
	assert_int_equal(parsed("1970-01-01"), 0);
	assert_int_equal(parsed("1970-01-02"), 1);
	assert_int_equal(parsed("1969-12-31"), -1);
	assert_int_equal(parsed("2000-03-01") - parsed("2000-02-28"), 2);
	assert_int_equal(parsed("2028-02-29"), day_from_ymd(2028, 2, 29));
	assert_int_equal(parsed("2000-02-29") + 1, parsed("2000-03-01"));
	assert_int_equal(parsed("2026-12-31") - parsed("2026-01-01"), 364);
	assert_int_equal(parsed("2028-12-31") - parsed("2028-01-01"), 365);
	assert_int_equal(parsed("1900-01-01"), -25567);
	day_format(parsed("9999-12-31"), out);
	assert_string_equal(out, "9999-12-31");
}

static void
test_parse_invalid(void **state)
{
	static const char *const bad[] = {
		"2026-02-29", "1900-02-29", "2100-02-29", "2026-04-31",
		"2026-13-01", "2026-00-10", "2026-12-00", "2026-12-32",
		"1899-12-31", "0000-01-01", "2026-1-01", "2026-01-1",
		"26-01-01", "2026/01/01", "2026-01-01 ", " 2026-01-01",
		"2026-01-01x", "20260101", "2026-0a-01", "+026-01-01",
		"2026--1-01", "", "today", NULL
	};
	size_t i;
	int32_t d = 77;

	(void)state;
	for (i = 0; bad[i] != NULL; i++)
		if (day_parse(bad[i], &d) != -1)
			fail_msg("'%s' was taken as a date", bad[i]);
	assert_int_equal(day_parse(NULL, &d), -1);
}

/* Every day from 1900 to 2100 goes to a date and back, one apart. */
static void
test_round_trip(void **state)
{
	int32_t d, first = day_from_ymd(1900, 1, 1);
	int32_t last = day_from_ymd(2100, 12, 31);
	int y, m, md, py = 1899, pm = 12, pmd = 31;
	char s[11], expect[11];

	(void)state;
	for (d = first; d <= last; d++) {
		day_to_ymd(d, &y, &m, &md);
		if (!((y == py && m == pm && md == pmd + 1) ||
		    (y == py && m == pm + 1 && md == 1) ||
		    (y == py + 1 && m == 1 && md == 1 && pm == 12)))
			fail_msg("day %d: %d-%d-%d after %d-%d-%d", (int)d, y, m,
			    md, py, pm, pmd);
		assert_int_equal(day_from_ymd(y, m, md), d);
		day_format(d, s);
		snprintf(expect, sizeof expect, "%04d-%02d-%02d", y, m, md);
		assert_string_equal(s, expect);
		assert_int_equal(parsed(s), d);
		py = y;
		pm = m;
		pmd = md;
	}
	assert_int_equal(last - first + 1, 201 * 365 + 49);
}

static void
test_weeks(void **state)
{
	(void)state;
	assert_int_equal(day_weekday(0), 3);                  /* Thursday */
	assert_int_equal(day_weekday(parsed("2026-12-01")), 1);  /* Tuesday */
	assert_int_equal(day_weekday(parsed("2026-12-06")), 6);  /* Sunday */
	assert_int_equal(day_weekday(parsed("2026-12-07")), 0);  /* Monday */
	assert_int_equal(day_weekday(parsed("1900-01-01")), 0);  /* Monday */
	assert_int_equal(day_weekday(-4), 6);           /* 1969-12-28 */
	assert_int_equal(day_week_start(parsed("2026-12-01")),
	    parsed("2026-11-30"));
	assert_int_equal(day_week_start(parsed("2026-12-06")),
	    parsed("2026-11-30"));
	assert_int_equal(day_week_start(parsed("2026-12-07")),
	    parsed("2026-12-07"));
	assert_int_equal(day_week_start(parsed("2027-01-01")),
	    parsed("2026-12-28"));
	assert_int_equal(day_week_start(-1), -3);      /* 1969-12-29 */
}

static char *saved_tz;

static int
set_cet(void **state)
{
	const char *tz = getenv("TZ");

	(void)state;
	saved_tz = tz != NULL ? strdup(tz) : NULL;
	setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);
	tzset();
	return 0;
}

static int
restore_tz(void **state)
{
	(void)state;
	if (saved_tz != NULL)
		setenv("TZ", saved_tz, 1);
	else
		unsetenv("TZ");
	tzset();
	free(saved_tz);
	return 0;
}

/* Spring forward on 2026-03-29: that day lasts 23 hours. */
static void
test_local_spring(void **state)
{
	int32_t d = parsed("2026-03-29");

	(void)state;
	assert_int_equal(day_start_time(d), 1774738800);      /* 28th 23:00Z */
	assert_int_equal(day_start_time(d + 1), 1774821600);  /* 29th 22:00Z */
	assert_int_equal(day_start_time(d + 1) - day_start_time(d), 23 * 3600);
	assert_int_equal(day_of_time(1774738800), d);
	assert_int_equal(day_of_time(1774738799), d - 1);
	assert_int_equal(day_of_time(1774821599), d);
	assert_int_equal(day_of_time(1774821600), d + 1);
	assert_int_equal(day_of_time(1774823400), d + 1);     /* 00:30 CEST */
}

/* Fall back on 2026-10-25: that day lasts 25 hours. */
static void
test_local_autumn(void **state)
{
	int32_t d = parsed("2026-10-25");

	(void)state;
	assert_int_equal(day_start_time(d), 1792879200);      /* 24th 22:00Z */
	assert_int_equal(day_start_time(d + 1), 1792969200);  /* 25th 23:00Z */
	assert_int_equal(day_start_time(d + 1) - day_start_time(d), 25 * 3600);
	assert_int_equal(day_of_time(1792969199), d);
	assert_int_equal(day_of_time(1792969200), d + 1);
	/* Every local midnight of a year maps back to its own day. */
	for (d = parsed("2026-01-01"); d <= parsed("2026-12-31"); d++) {
		assert_int_equal(day_of_time(day_start_time(d)), d);
		assert_int_equal(day_of_time(day_start_time(d) - 1), d - 1);
	}
}

/* day_local(), from its memo or not, against localtime_r itself. */
static void
expect_local(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	int32_t day = -1;
	int minute = -1;

	assert_non_null(localtime_r(&tt, &tm));
	assert_int_equal(day_local(t, &day, &minute), 0);
	assert_int_equal(day, day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday));
	assert_int_equal(minute, tm.tm_hour * 60 + tm.tm_min);
	assert_int_equal(day_of_time(t), day);
}

/*
 * The memo of local times gives what localtime_r gives in zones with an
 * hour's change (New York, London), a half-hour's (Lord Howe) and none but
 * a 5:45 offset (Kathmandu): every 7 minutes for the days around each
 * change of 2024 to 2026, and every 41 minutes through those years, each
 * asked twice (the second answer comes from the memo), then again after
 * TZ changed under it, and past the memo's size (it starts again).
 */
static void
test_local_memo(void **state)
{
	static const char *const zones[] = {
		"America/New_York", "Europe/London", "Australia/Lord_Howe",
		"Asia/Kathmandu", "America/New_York", "UTC"
	};
	const int64_t from = 1704067200, to = 1798761600;  /* 2024 to 2027 */
	size_t z;
	int64_t t;
	time_t a, b;
	struct tm ta, tb;
	int pass;

	(void)state;
	for (z = 0; z < sizeof zones / sizeof zones[0]; z++) {
		setenv("TZ", zones[z], 1);
		tzset();
		/* The second pass holds the zone, as a report does. */
		for (pass = 0; pass < 2; pass++) {
			day_zone_hold(pass);
			for (t = from; t < to; t += 41 * 60)
				expect_local(t);
			day_zone_hold(0);
		}
		/* Around each change: the offset differs 12 hours apart. */
		for (t = from; t < to; t += 12 * 3600) {
			a = (time_t)t;
			b = (time_t)(t + 12 * 3600);
			assert_non_null(localtime_r(&a, &ta));
			assert_non_null(localtime_r(&b, &tb));
			if (ta.tm_gmtoff == tb.tm_gmtoff)
				continue;
			for (pass = 0; pass < 2; pass++)
				for (a = (time_t)t; a <= (time_t)t + 12 * 3600;
				    a += 7 * 60)
					expect_local(a);
		}
	}
}

/* While the zone is held a change of TZ is not looked for (the caller
 * promised none); released, the memo is emptied for the new zone. */
static void
test_local_hold(void **state)
{
	const int64_t t = 1790000000;      /* 2026-09-21 14:13:20 UTC */
	int32_t day;
	int minute;

	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	day_zone_hold(1);
	assert_int_equal(day_local(t, &day, &minute), 0);
	assert_int_equal(minute, 14 * 60 + 13);
	setenv("TZ", "Asia/Kathmandu", 1);
	tzset();
	assert_int_equal(day_local(t, &day, &minute), 0);
	assert_int_equal(minute, 14 * 60 + 13);
	day_zone_hold(0);
	assert_int_equal(day_local(t, &day, &minute), 0);
	assert_int_equal(minute, 19 * 60 + 58);
	/* Holds nest; a release too many is harmless. */
	day_zone_hold(1);
	day_zone_hold(1);
	day_zone_hold(0);
	setenv("TZ", "UTC", 1);
	tzset();
	assert_int_equal(day_local(t, &day, &minute), 0);
	assert_int_equal(minute, 19 * 60 + 58);
	day_zone_hold(0);
	day_zone_hold(0);
	assert_int_equal(day_local(t, &day, &minute), 0);
	assert_int_equal(minute, 14 * 60 + 13);
}

/* day_format() writes the digits by hand: as printf would, every day
 * of years 0 to 9999 (a step of 13 days, each month's days in turn),
 * and years beyond, which printf writes. */
static void
test_format_like_printf(void **state)
{
	char got[11], want[11];
	int32_t day;
	int y, m, d;

	(void)state;
	for (day = day_from_ymd(0, 1, 1) - 40; day <= day_from_ymd(10000, 2,
	    1); day += 13) {
		day_to_ymd(day, &y, &m, &d);
		snprintf(want, sizeof want, "%04u-%02u-%02u", (unsigned)y %
		    10000u, (unsigned)m % 100u, (unsigned)d % 100u);
		day_format(day, got);
		assert_string_equal(got, want);
	}
	day_format(day_from_ymd(2026, 11, 9), got);
	assert_string_equal(got, "2026-11-09");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_valid),
		cmocka_unit_test(test_parse_invalid),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_weeks),
		cmocka_unit_test(test_format_like_printf),
		cmocka_unit_test_setup_teardown(test_local_spring, set_cet,
		    restore_tz),
		cmocka_unit_test_setup_teardown(test_local_autumn, set_cet,
		    restore_tz),
		cmocka_unit_test_setup_teardown(test_local_memo, set_cet,
		    restore_tz),
		cmocka_unit_test_setup_teardown(test_local_hold, set_cet,
		    restore_tz),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
