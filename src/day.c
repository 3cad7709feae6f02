/*
 * day.c: calendar days from civil dates and back (Howard Hinnant's
 * days_from_civil algorithm), and local time through localtime_r/mktime,
 * each time's answer remembered (the memo below: a report asks again and
 * again for the same sessions' days).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
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
	if (y < 0 || y > 9999) {
		snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
		    (unsigned)m % 100u, (unsigned)d % 100u);
		return;
	}
	/* By hand: a report of years formats thousands of days. */
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

/*
 * A memo of the local times already converted, keyed by the exact time:
 * a report asks for the local day of each session several times (weeks,
 * streaks, charts, lines), and localtime_r costs a search of the zone's
 * transitions each time.  Keyed by the exact second, not a day or an
 * hour, it cannot be wrong across a daylight-saving change, however the
 * zone moves; it is emptied when TZ changes and kept small.
 */
struct day_memo_slot {
	int64_t t;
	int32_t day;
	int32_t mark;           /* 0 empty, else minute of the day + 1 */
};

#define DAY_MEMO_MIN 1024u
#define DAY_MEMO_MAX 65536u

static struct {
	struct day_memo_slot *slots;
	size_t cap, used;
	char *tz;               /* TZ when filled, NULL when unset */
} day_memo;

/* Held by day_zone_hold(): TZ is not looked up (getenv() scans the
 * whole environment, which costs as much as the memo saves). */
static int day_memo_held;

/* Empties the memo when TZ is not what it was filled under. */
static void
day_memo_check_zone(void)
{
	const char *tz = getenv("TZ");

	if (tz == NULL ? day_memo.tz == NULL : day_memo.tz != NULL &&
	    strcmp(tz, day_memo.tz) == 0)
		return;
	free(day_memo.tz);
	day_memo.tz = tz != NULL ? strdup(tz) : NULL;
	if (day_memo.slots != NULL)
		memset(day_memo.slots, 0, day_memo.cap * sizeof *day_memo.slots);
	day_memo.used = 0;
	/* A TZ the memo could not copy is never matched: no memo then. */
	if (tz != NULL && day_memo.tz == NULL) {
		free(day_memo.slots);
		day_memo.slots = NULL;
		day_memo.cap = 0;
	}
}

static struct day_memo_slot *
day_memo_find(struct day_memo_slot *slots, size_t cap, int64_t t)
{
	size_t i = (size_t)(((uint64_t)t * 0x9e3779b97f4a7c15u) >> 32) &
	    (cap - 1);

	while (slots[i].mark != 0 && slots[i].t != t)
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

/* Makes room for one more entry: 0, or -1 (no memo this time). */
static int
day_memo_room(void)
{
	struct day_memo_slot *old = day_memo.slots, *slots;
	size_t cap = day_memo.cap == 0 ? DAY_MEMO_MIN : day_memo.cap * 2, i;

	/* Held, TZ was checked at the hold: no look through the
	 * environment for each new time (a report has thousands). */
	if (!day_memo_held && day_memo.tz == NULL && getenv("TZ") != NULL)
		return -1;
	if ((day_memo.used + 1) * 2 <= day_memo.cap)
		return 0;
	if (cap > DAY_MEMO_MAX) {
		/* A long-running screen: start again rather than grow. */
		memset(old, 0, day_memo.cap * sizeof *old);
		day_memo.used = 0;
		return 0;
	}
	if ((slots = calloc(cap, sizeof *slots)) == NULL)
		return -1;
	for (i = 0; i < day_memo.cap; i++)
		if (old[i].mark != 0)
			*day_memo_find(slots, cap, old[i].t) = old[i];
	free(old);
	day_memo.slots = slots;
	day_memo.cap = cap;
	return 0;
}

int
day_local(int64_t t, int32_t *day, int *minute)
{
	time_t tt = (time_t)t;
	struct day_memo_slot *slot;
	struct tm tm;

	if (!day_memo_held)
		day_memo_check_zone();
	if (day_memo.cap > 0) {
		slot = day_memo_find(day_memo.slots, day_memo.cap, t);
		if (slot->mark != 0) {
			*day = slot->day;
			*minute = slot->mark - 1;
			return 0;
		}
	}
	if (localtime_r(&tt, &tm) == NULL) {
		*day = (int32_t)(t / 86400);
		return -1;
	}
	/* Only years day_from_ymd() and day_to_ymd() agree on are kept. */
	if (tm.tm_year < 1 - 1900 || tm.tm_year > 9999 - 1900)
		return -1;
	*day = day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	*minute = tm.tm_hour * 60 + tm.tm_min;
	if (day_memo_room() == 0) {
		slot = day_memo_find(day_memo.slots, day_memo.cap, t);
		*slot = (struct day_memo_slot){ t, *day, *minute + 1 };
		day_memo.used++;
	}
	return 0;
}

void
day_zone_hold(int hold)
{
	if (hold) {
		day_memo_check_zone();
		day_memo_held++;
	} else if (day_memo_held > 0)
		day_memo_held--;
}

int32_t
day_of_time(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	int32_t day;
	int minute;

	if (day_local(t, &day, &minute) == 0)
		return day;
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
