/*
 * day.h: calendar days and weeks in local time.
 *
 * A day is a whole number counted from 1970-01-01 (day 0) in the proleptic
 * Gregorian calendar, so that days subtract and weeks line up whatever the
 * daylight-saving changes in between: a day is never 86,400 seconds of
 * arithmetic.  Weeks start on Monday (ISO 8601).  Pure.
 */
#ifndef BACKCARE_DAY_H
#define BACKCARE_DAY_H

#include <stdint.h>

/* The day of a civil date (month 1-12, mday 1-31; not validated). */
int32_t day_from_ymd(int year, int month, int mday);
/* The civil date of a day. */
void day_to_ymd(int32_t day, int *year, int *month, int *mday);

/*
 * Parses "YYYY-MM-DD" (exactly, a real date from 1900 to 9999).  Returns 0
 * and fills *day, or -1.
 */
int day_parse(const char *s, int32_t *day);
/* Formats a day as "YYYY-MM-DD" into out (at least 11 bytes). */
void day_format(int32_t day, char *out);

/* The local calendar day of a Unix time (localtime_r, so TZ applies). */
int32_t day_of_time(int64_t t);
/*
 * The local day of a Unix time and the minute of that day (0-1439), as
 * localtime_r gives them, remembered by the exact time (emptied when TZ
 * changes).  Returns 0, or -1 when localtime_r fails or the year is not
 * 1-9999 (*day is then day_of_time()'s fallback only on failure).
 */
int day_local(int64_t t, int32_t *day, int *minute);
/*
 * day_zone_hold(1) checks TZ once and then trusts it until the matching
 * day_zone_hold(0): for a stretch of work that does not change TZ (a
 * report: thousands of times, each otherwise a look through the
 * environment).  Holds nest.
 */
void day_zone_hold(int hold);
/* The Unix time of local midnight at the start of day (mktime). */
int64_t day_start_time(int32_t day);

/* 0 Monday ... 6 Sunday. */
int day_weekday(int32_t day);
/* The Monday on or before day. */
int32_t day_week_start(int32_t day);

#endif
