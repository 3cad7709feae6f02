/*
 * day.c: calendar days from civil dates and back (Howard Hinnant's
 * days_from_civil algorithm), and local time through localtime_r/mktime.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "day.h"

int32_t
day_from_ymd(int year, int month, int mday)
{
	int y = year - (month <= 2);
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int mp = month > 2 ? month - 3 : month + 9;
	int doy = (153 * mp + 2) / 5 + mday - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (int32_t)era * 146097 + doe - 719468;
}

void
day_to_ymd(int32_t day, int *year, int *month, int *mday)
{
	int32_t z = day + 719468;
	int32_t era = (z >= 0 ? z : z - 146096) / 146097;
	int32_t doe = z - era * 146097;
	int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int32_t mp = (5 * doy + 2) / 153;
	int32_t d = doy - (153 * mp + 2) / 5 + 1;
	int32_t m = mp < 10 ? mp + 3 : mp - 9;

	*year = (int)(yoe + era * 400 + (m <= 2));
	*month = (int)m;
	*mday = (int)d;
}

static int
day_digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int
day_parse(const char *s, int32_t *day)
{
	int y, m, d, yy, mm, dd;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	y = day_digits(s, 4);
	m = day_digits(s + 5, 2);
	d = day_digits(s + 8, 2);
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	*day = day_from_ymd(y, m, d);
	/* 2026-02-30 comes back as another date: not a real one. */
	day_to_ymd(*day, &yy, &mm, &dd);
	if (yy != y || mm != m || dd != d)
		return -1;
	return 0;
}

void
day_format(int32_t day, char *out)
{
	int y, m, d;

	day_to_ymd(day, &y, &m, &d);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
	    (unsigned)m % 100u, (unsigned)d % 100u);
}

int32_t
day_of_time(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (localtime_r(&tt, &tm) == NULL)
		return (int32_t)(t / 86400);
	return day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int64_t
day_start_time(int32_t day)
{
	struct tm tm;
	int y, m, d;

	day_to_ymd(day, &y, &m, &d);
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

int
day_weekday(int32_t day)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	int32_t w = (day + 3) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

int32_t
day_week_start(int32_t day)
{
	return day - day_weekday(day);
}
