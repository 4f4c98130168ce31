/*
 * date.c - civil dates as a count of days, independent of TZ and locale.
 *
 * Conversions use the integer algorithms days_from_civil and
 * civil_from_days of H. Hinnant, "chrono-Compatible Low-Level Date
 * Algorithms" (http://howardhinnant.github.io/date_algorithms.html),
 * which count in 400-year eras of 146097 days starting on March 1 so
 * that the leap day is the last day of the year.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "date.h"

static const char E_NOTDATE[] = "not a date (expected YYYY-MM-DD)";
static const char E_NODAY[] = "no such day";
static const char E_YEAR[] = "year out of range";
static const char E_TIME[] = "bad time of day";
static const char E_ZONE[] = "bad time zone offset";

static int
isdig(char c)
{
	return c >= '0' && c <= '9';
}

/* Nonzero if s[0..n-1] are all ASCII digits. */
static int
alldig(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isdig(s[i]))
			return 0;
	return 1;
}

/* The value of n ASCII digits (already checked). */
static int
num(const char *s, size_t n)
{
	int v = 0;

	while (n-- > 0)
		v = v * 10 + (*s++ - '0');
	return v;
}

/* Hinnant's days_from_civil: y-m-d (valid) to days since 1970-01-01. */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;					/* [0, 399] */
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;	/* [0, 365] */
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;		/* [0, 146096] */
	return era * 146097 + doe - 719468;
}

/* Hinnant's civil_from_days: days since 1970-01-01 to y-m-d. */
static void
civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;					/* [0, 146096] */
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);		/* [0, 365] */
	mp = (5 * doy + 2) / 153;				/* [0, 11] */
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static ar_date
clamp(int64_t d)
{
	if (d < AR_DATE_MIN)
		return AR_DATE_MIN;
	if (d > AR_DATE_MAX)
		return AR_DATE_MAX;
	return (ar_date)d;
}

int
ar_date_is_leap(int y)
{
	/* Gregorian rule, applied proleptically. */
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
ar_date_days_in_month(int y, int m)
{
	static const unsigned char mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && ar_date_is_leap(y))
		return 29;
	return mdays[m - 1];
}

int
ar_date_from_ymd(int y, int m, int d, ar_date *out)
{
	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 ||
	    d > ar_date_days_in_month(y, m))
		return -1;
	*out = (ar_date)days_from_civil(y, m, d);
	return 0;
}

void
ar_date_to_ymd(ar_date d, int *y, int *m, int *day)
{
	int64_t yy;

	/* |d| < 2^31 days is under 6 million years: yy fits an int. */
	civil_from_days(d, &yy, m, day);
	*y = (int)yy;
}

size_t
ar_date_format(ar_date d, char *buf)
{
	int y, m, day;

	ar_date_to_ymd(clamp(d), &y, &m, &day);
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + day / 10);
	buf[9] = (char)('0' + day % 10);
	buf[10] = '\0';
	return 10;
}

ar_date
ar_date_add_months(ar_date d, int n)
{
	int64_t y, t, ny;
	int m, day, nm, dim;

	civil_from_days(d, &y, &m, &day);
	/* Months since year 0, then floor division back. */
	t = y * 12 + (m - 1) + n;
	ny = t >= 0 ? t / 12 : -((-t + 11) / 12);
	nm = (int)(t - ny * 12) + 1;
	if (ny < 1)
		return AR_DATE_MIN;
	if (ny > 9999)
		return AR_DATE_MAX;
	/* Clamp a day the target month lacks to its last day. */
	dim = ar_date_days_in_month((int)ny, nm);
	if (day > dim)
		day = dim;
	return (ar_date)days_from_civil(ny, nm, day);
}

int
ar_date_weekday(ar_date d)
{
	int r;

	/* 1970-01-01 (day 0) was a Thursday, ISO weekday 4. */
	r = d % 7;		/* -6..6, no overflow */
	return (r + 7 + 3) % 7 + 1;
}

ar_date
ar_date_today(void)
{
	time_t now;
	int64_t s, days;

	/*
	 * POSIX time counts 86400 seconds a day since 1970-01-01 UTC
	 * (XBD 4.16 "Seconds Since the Epoch"); floor division gives the
	 * UTC date with no help from TZ or localtime(3).
	 */
	now = time(NULL);
	s = (int64_t)now;
	days = s / 86400;
	if (s % 86400 < 0)
		days--;
	return clamp(days);
}

/*
 * The part after 'T' of an ISO 8601 date-time (ISO 8601:2004 4.2.2.2
 * time of day, 4.2.2.4 decimal fraction with '.' or ',', 4.2.3 midnight
 * as 24:00, 4.2.5.1 offset from UTC, 4.3.2 combined; RFC 3339 5.6 for
 * the leap second).  Checked, not converted.
 */
static const char *
parse_time(const char *s, size_t n)
{
	size_t i;
	int hh, mm, ss, zero;

	if (n < 5 || !alldig(s, 2) || s[2] != ':' || !alldig(s + 3, 2))
		return E_TIME;
	hh = num(s, 2);
	mm = num(s + 3, 2);
	ss = 0;
	zero = 1;
	i = 5;
	if (i < n && s[i] == ':') {
		if (n - i < 3 || !alldig(s + i + 1, 2))
			return E_TIME;
		ss = num(s + i + 1, 2);
		i += 3;
		if (i < n && (s[i] == '.' || s[i] == ',')) {
			i++;
			if (i == n || !isdig(s[i]))
				return E_TIME;
			for (; i < n && isdig(s[i]); i++)
				if (s[i] != '0')
					zero = 0;
		}
	}
	if (!(hh <= 23 && mm <= 59 && ss <= 60) &&
	    !(hh == 24 && mm == 0 && ss == 0 && zero))
		return E_TIME;

	if (i == n)
		return NULL;		/* local time, no offset */
	if (s[i] == 'Z')
		return i + 1 == n ? NULL : E_ZONE;
	if (s[i] != '+' && s[i] != '-')
		return E_TIME;
	i++;
	/* +hh, +hhmm or +hh:mm */
	if (n - i < 2 || !alldig(s + i, 2) || num(s + i, 2) > 23)
		return E_ZONE;
	i += 2;
	if (i == n)
		return NULL;
	if (s[i] == ':')
		i++;
	if (n - i != 2 || !alldig(s + i, 2) || num(s + i, 2) > 59)
		return E_ZONE;
	return NULL;
}

const char *
ar_date_parse(const char *s, int flags, ar_date *out)
{
	return ar_date_parsen(s, s == NULL ? 0 : strlen(s), flags, out);
}

const char *
ar_date_parsen(const char *s, size_t n, int flags, ar_date *out)
{
	const char *e;
	int y, m, d;

	/* ISO 8601:2004 4.1.2.2, extended format: YYYY-MM-DD. */
	if (s == NULL || n < 10 || !alldig(s, 4) || s[4] != '-' ||
	    !alldig(s + 5, 2) || s[7] != '-' || !alldig(s + 8, 2))
		return E_NOTDATE;
	if (n > 10) {
		if (!(flags & AR_DATE_DATETIME) || s[10] != 'T')
			return E_NOTDATE;
		if ((e = parse_time(s + 11, n - 11)) != NULL)
			return e;
	}
	y = num(s, 4);
	m = num(s + 5, 2);
	d = num(s + 8, 2);
	if (y < 1)
		return E_YEAR;
	if (ar_date_from_ymd(y, m, d, out) == -1)
		return E_NODAY;
	return NULL;
}
