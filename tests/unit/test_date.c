/* test_date.c - civil dates: parse, format, arithmetic, weekdays */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "tap.h"

#define DT	AR_DATE_DATETIME

/* want: the date as "YYYY-MM-DD", or the message. */
static const struct {
	const char	*in;
	int		 flags;
	const char	*want;
} parse[] = {
	{ "1970-01-01", 0, "1970-01-01" },
	{ "2024-02-29", 0, "2024-02-29" },
	{ "2023-02-29", 0, "no such day" },
	{ "2023-02-28", 0, "2023-02-28" },
	{ "2000-02-29", 0, "2000-02-29" },
	{ "1900-02-29", 0, "no such day" },
	{ "2100-02-29", 0, "no such day" },
	{ "2400-02-29", 0, "2400-02-29" },
	{ "2024-01-31", 0, "2024-01-31" },
	{ "2024-04-31", 0, "no such day" },
	{ "2024-06-31", 0, "no such day" },
	{ "2024-09-31", 0, "no such day" },
	{ "2024-11-31", 0, "no such day" },
	{ "2024-12-31", 0, "2024-12-31" },
	{ "2024-12-32", 0, "no such day" },
	{ "2024-02-30", 0, "no such day" },
	{ "2024-13-01", 0, "no such day" },
	{ "2024-00-01", 0, "no such day" },
	{ "2024-01-00", 0, "no such day" },
	{ "2024-99-99", 0, "no such day" },
	{ "0001-01-01", 0, "0001-01-01" },
	{ "9999-12-31", 0, "9999-12-31" },
	{ "0000-01-01", 0, "year out of range" },
	{ "0000-13-01", 0, "year out of range" },
	/* shape */
	{ "", 0, "not a date (expected YYYY-MM-DD)" },
	{ "2024-1-01", 0, "not a date (expected YYYY-MM-DD)" },
	{ "2024-01-1", 0, "not a date (expected YYYY-MM-DD)" },
	{ "24-01-01", 0, "not a date (expected YYYY-MM-DD)" },
	{ "20240101", 0, "not a date (expected YYYY-MM-DD)" },
	{ "2024/01/01", 0, "not a date (expected YYYY-MM-DD)" },
	{ "2024-01-01 ", 0, "not a date (expected YYYY-MM-DD)" },
	{ " 2024-01-01", 0, "not a date (expected YYYY-MM-DD)" },
	{ "2024-01-011", 0, "not a date (expected YYYY-MM-DD)" },
	{ "+2024-01-01", 0, "not a date (expected YYYY-MM-DD)" },
	{ "-2024-01-01", 0, "not a date (expected YYYY-MM-DD)" },
	{ "12024-01-01", 0, "not a date (expected YYYY-MM-DD)" },
	{ "2024-0a-01", 0, "not a date (expected YYYY-MM-DD)" },
	{ "2024\xe2\x80\x90" "01-01", 0, "not a date (expected YYYY-MM-DD)" },
	{ "\xd9\xa2" "024-01-01", 0, "not a date (expected YYYY-MM-DD)" },
	{ "01-01-2024", 0, "not a date (expected YYYY-MM-DD)" },
	{ "2024-01", 0, "not a date (expected YYYY-MM-DD)" },
	/* a date-time without the flag */
	{ "2024-01-31T23:30:00+01:00", 0, "not a date (expected YYYY-MM-DD)" },
	{ "2024-01-31T12:00", 0, "not a date (expected YYYY-MM-DD)" },
	{ "2024-01-31T", 0, "not a date (expected YYYY-MM-DD)" },
	/* date-times: the date as written */
	{ "2024-01-31", DT, "2024-01-31" },
	{ "2024-01-31T23:30:00+01:00", DT, "2024-01-31" },
	{ "2014-01-27T23:59:59+01:00", DT, "2014-01-27" },
	{ "2014-01-27T00:30:00+05:00", DT, "2014-01-27" },
	{ "2014-01-27T23:30:00-05:00", DT, "2014-01-27" },
	{ "2024-02-29T12:00", DT, "2024-02-29" },
	{ "2024-02-29T12:00Z", DT, "2024-02-29" },
	{ "2024-02-29T12:00:00", DT, "2024-02-29" },
	{ "2024-02-29T12:00:00Z", DT, "2024-02-29" },
	{ "2024-02-29T12:00:00.5", DT, "2024-02-29" },
	{ "2024-02-29T12:00:00.123456789Z", DT, "2024-02-29" },
	{ "2024-02-29T12:00:00,5+01:00", DT, "2024-02-29" },
	{ "2024-02-29T12:00:00+0100", DT, "2024-02-29" },
	{ "2024-02-29T12:00:00+01", DT, "2024-02-29" },
	{ "2024-02-29T12:00:00-00:00", DT, "2024-02-29" },
	{ "2024-02-29T12:00-03:30", DT, "2024-02-29" },
	{ "2024-02-29T12:00+14:00", DT, "2024-02-29" },
	{ "2024-02-29T12:00+23:59", DT, "2024-02-29" },
	{ "2024-02-29T00:00:00", DT, "2024-02-29" },
	{ "2024-02-29T23:59:59.999", DT, "2024-02-29" },
	{ "2016-12-31T23:59:60Z", DT, "2016-12-31" },
	{ "2016-12-31T23:59:60.5Z", DT, "2016-12-31" },
	{ "2017-01-01T00:59:60+01:00", DT, "2017-01-01" },
	/* decision: 24:00 is the end of the day written */
	{ "2024-01-31T24:00", DT, "2024-01-31" },
	{ "2024-01-31T24:00:00", DT, "2024-01-31" },
	{ "2024-01-31T24:00:00.000Z", DT, "2024-01-31" },
	{ "2024-01-31T24:00:01", DT, "bad time of day" },
	{ "2024-01-31T24:01", DT, "bad time of day" },
	{ "2024-01-31T24:00:00.001", DT, "bad time of day" },
	{ "2024-01-31T24:00:60", DT, "bad time of day" },
	/* bad times */
	{ "2024-01-31T25:00", DT, "bad time of day" },
	{ "2024-01-31T23:60", DT, "bad time of day" },
	{ "2024-01-31T23:59:61", DT, "bad time of day" },
	{ "2024-01-31T99:99:99", DT, "bad time of day" },
	{ "2024-01-31T", DT, "bad time of day" },
	{ "2024-01-31T1", DT, "bad time of day" },
	{ "2024-01-31T12", DT, "bad time of day" },
	{ "2024-01-31T12:", DT, "bad time of day" },
	{ "2024-01-31T12:0", DT, "bad time of day" },
	{ "2024-01-31T1200", DT, "bad time of day" },
	{ "2024-01-31T12:00:", DT, "bad time of day" },
	{ "2024-01-31T12:00:0", DT, "bad time of day" },
	{ "2024-01-31T12:00:00.", DT, "bad time of day" },
	{ "2024-01-31T12:00:00.Z", DT, "bad time of day" },
	{ "2024-01-31T12:00.5", DT, "bad time of day" },
	{ "2024-01-31T12:00:00 ", DT, "bad time of day" },
	{ "2024-01-31T12:00:00x", DT, "bad time of day" },
	{ "2024-01-31T1a:00", DT, "bad time of day" },
	{ "2024-01-31 12:00", DT, "not a date (expected YYYY-MM-DD)" },
	{ "2024-01-31t12:00", DT, "not a date (expected YYYY-MM-DD)" },
	/* bad offsets */
	{ "2024-01-31T12:00:00z", DT, "bad time of day" },
	{ "2024-01-31T12:00:00ZZ", DT, "bad time zone offset" },
	{ "2024-01-31T12:00:00Z ", DT, "bad time zone offset" },
	{ "2024-01-31T12:00:00+", DT, "bad time zone offset" },
	{ "2024-01-31T12:00:00+1", DT, "bad time zone offset" },
	{ "2024-01-31T12:00:00+01:", DT, "bad time zone offset" },
	{ "2024-01-31T12:00:00+01:0", DT, "bad time zone offset" },
	{ "2024-01-31T12:00:00+010", DT, "bad time zone offset" },
	{ "2024-01-31T12:00:00+01000", DT, "bad time zone offset" },
	{ "2024-01-31T12:00:00+01:000", DT, "bad time zone offset" },
	{ "2024-01-31T12:00:00+24:00", DT, "bad time zone offset" },
	{ "2024-01-31T12:00:00+01:60", DT, "bad time zone offset" },
	{ "2024-01-31T12:00:00+0160", DT, "bad time zone offset" },
	{ "2024-01-31T12:00:00+01::00", DT, "bad time zone offset" },
	{ "2024-01-31T12:00:00+01:00Z", DT, "bad time zone offset" },
	{ "2024-01-31T12:00:00Z+01:00", DT, "bad time zone offset" },
	{ "2024-01-31T12:00:00+a1:00", DT, "bad time zone offset" },
	/* the date is still checked */
	{ "2023-02-29T12:00:00Z", DT, "no such day" },
	{ "0000-01-01T12:00:00Z", DT, "year out of range" },
	{ "2023-02-29T12", DT, "bad time of day" },
};

static const struct {
	int	y, m, d;
	int	rc;
	int32_t	days;
} ymd[] = {
	{ 1970, 1, 1, 0, 0 },
	{ 1970, 1, 2, 0, 1 },
	{ 1969, 12, 31, 0, -1 },
	{ 2000, 1, 1, 0, 10957 },
	{ 2000, 3, 1, 0, 11017 },
	{ 2024, 2, 29, 0, 19782 },
	{ 1900, 1, 1, 0, -25567 },
	{ 1, 1, 1, 0, AR_DATE_MIN },
	{ 9999, 12, 31, 0, AR_DATE_MAX },
	{ 2038, 1, 19, 0, 24855 },
	{ 0, 12, 31, -1, 0 },
	{ 10000, 1, 1, -1, 0 },
	{ -1, 1, 1, -1, 0 },
	{ 2023, 2, 29, -1, 0 },
	{ 2024, 0, 1, -1, 0 },
	{ 2024, 13, 1, -1, 0 },
	{ 2024, 1, 0, -1, 0 },
	{ 2024, 1, 32, -1, 0 },
	{ 2024, 4, 31, -1, 0 },
	{ 2024, 1, -1, -1, 0 },
};

static const struct {
	int	y;
	int	leap;
} leap[] = {
	{ 2000, 1 }, { 1900, 0 }, { 2100, 0 }, { 2200, 0 }, { 2300, 0 },
	{ 2400, 1 }, { 1600, 1 }, { 2024, 1 }, { 2023, 0 }, { 2020, 1 },
	{ 1, 0 }, { 4, 1 }, { 100, 0 }, { 400, 1 }, { 9996, 1 },
	{ 9999, 0 }, { 0, 1 }, { -4, 1 }, { -100, 0 }, { -400, 1 },
};

static const struct {
	int	y, m;
	int	days;
} dim[] = {
	{ 2024, 1, 31 }, { 2024, 2, 29 }, { 2023, 2, 28 }, { 2000, 2, 29 },
	{ 1900, 2, 28 }, { 2100, 2, 28 }, { 2024, 3, 31 }, { 2024, 4, 30 },
	{ 2024, 5, 31 }, { 2024, 6, 30 }, { 2024, 7, 31 }, { 2024, 8, 31 },
	{ 2024, 9, 30 }, { 2024, 10, 31 }, { 2024, 11, 30 },
	{ 2024, 12, 31 }, { 2024, 0, 0 }, { 2024, 13, 0 }, { 2024, -1, 0 },
};

static const struct {
	const char	*from;
	int		 n;
	const char	*want;
} months[] = {
	/* the examples of date.h */
	{ "2024-01-31", 1, "2024-02-29" },
	{ "2023-01-31", 1, "2023-02-28" },
	{ "2024-02-29", 12, "2025-02-28" },
	{ "2024-02-29", 1, "2024-03-29" },
	/* more month ends */
	{ "2024-03-31", 1, "2024-04-30" },
	{ "2024-03-31", -1, "2024-02-29" },
	{ "2023-03-31", -1, "2023-02-28" },
	{ "2024-05-31", -1, "2024-04-30" },
	{ "2024-08-31", 1, "2024-09-30" },
	{ "2024-01-30", 1, "2024-02-29" },
	{ "2024-01-29", 1, "2024-02-29" },
	{ "2024-01-28", 1, "2024-02-28" },
	{ "2024-04-30", 1, "2024-05-30" },
	{ "2024-02-29", 48, "2028-02-29" },
	{ "2096-02-29", 48, "2100-02-28" },
	{ "1996-02-29", 48, "2000-02-29" },
	{ "2024-02-29", -12, "2023-02-28" },
	{ "2024-01-15", 0, "2024-01-15" },
	{ "2024-01-31", 0, "2024-01-31" },
	/* across year boundaries, both ways */
	{ "2024-12-31", 1, "2025-01-31" },
	{ "2024-11-30", 2, "2025-01-30" },
	{ "2024-10-31", 4, "2025-02-28" },
	{ "2025-01-31", -1, "2024-12-31" },
	{ "2025-01-15", -1, "2024-12-15" },
	{ "2025-01-15", -12, "2024-01-15" },
	{ "2025-01-15", -13, "2023-12-15" },
	{ "2025-01-31", -11, "2024-02-29" },
	{ "2025-03-31", -25, "2023-02-28" },
	{ "2024-01-01", -1, "2023-12-01" },
	{ "2024-01-01", -24, "2022-01-01" },
	{ "2024-01-01", -25, "2021-12-01" },
	{ "2024-06-15", 120, "2034-06-15" },
	{ "2024-06-15", -120, "2014-06-15" },
	{ "2000-01-31", 1, "2000-02-29" },
	{ "1900-01-31", 1, "1900-02-28" },
	/* the ends of the range: clamped */
	{ "9999-12-15", 0, "9999-12-15" },
	{ "9999-11-30", 1, "9999-12-30" },
	{ "9999-12-31", 1, "9999-12-31" },
	{ "9999-12-01", 2147483647, "9999-12-31" },
	{ "0001-02-01", -1, "0001-01-01" },
	{ "0001-01-31", -1, "0001-01-01" },
	{ "0001-01-01", -2147483647 - 1, "0001-01-01" },
	{ "0001-01-31", 119987, "9999-12-31" },
	{ "9999-12-31", -119987, "0001-01-31" },
};

static const struct {
	const char	*date;
	int		 wd;
} weekday[] = {
	{ "1970-01-01", 4 },	/* Thursday */
	{ "1969-12-31", 3 },
	{ "1969-12-29", 1 },
	{ "1969-12-28", 7 },
	{ "2024-02-29", 4 },	/* Thursday */
	{ "2026-11-22", 7 },	/* Sunday */
	{ "2000-01-01", 6 },	/* Saturday */
	{ "1900-01-01", 1 },	/* Monday */
	{ "2001-09-11", 2 },	/* Tuesday */
	{ "2024-01-01", 1 },
	{ "2024-12-25", 3 },
	{ "0001-01-01", 1 },	/* Monday, proleptic Gregorian */
	{ "9999-12-31", 5 },	/* Friday */
	{ "1582-10-15", 5 },	/* the first Gregorian day, a Friday */
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* The test's own calendar, independent of date.c. */
static int
t_dim(int y, int m)
{
	if (m == 2)
		return (y % 400 == 0 || (y % 4 == 0 && y % 100 != 0)) ? 29 : 28;
	return (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31;
}

static void
walk(void)
{
	char want[32], got[AR_DATE_BUFSZ], firstwant[64], firstgot[64];
	const char *e;
	ar_date d;
	int32_t n;
	int y, m, day, wd, yy, mm, dd, nbad, ndays;

	/* 1900-01-01 is day -25567 and a Monday; step day by day. */
	y = 1900;
	m = 1;
	day = 1;
	n = -25567;
	wd = 1;
	nbad = ndays = 0;
	firstwant[0] = firstgot[0] = '\0';
	while (y <= 2100) {
		snprintf(want, sizeof want, "%04d-%02d-%02d", y, m, day);
		d = 0;
		e = ar_date_parse(want, 0, &d);
		if (e == NULL) {
			ar_date_format(d, got);
			ar_date_to_ymd(d, &yy, &mm, &dd);
		} else
			yy = mm = dd = 0;
		if (e != NULL || d != n || strcmp(got, want) != 0 ||
		    ar_date_weekday(d) != wd || yy != y || mm != m ||
		    dd != day || ar_date_from_ymd(y, m, day, &d) != 0 ||
		    d != n) {
			if (nbad++ == 0) {
				snprintf(firstwant, sizeof firstwant,
				    "%s %d %d", want, (int)n, wd);
				snprintf(firstgot, sizeof firstgot,
				    "%s %d %d", e != NULL ? e : got, (int)d,
				    ar_date_weekday(d));
			}
		}
		ndays++;
		n++;
		wd = wd % 7 + 1;
		if (++day > t_dim(y, m)) {
			day = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	is_int(ndays, 73414, "1900-01-01..2100-12-31 has 73414 days");
	is_int(nbad, 0, "every day 1900..2100: parse, format, ymd, weekday");
	is_str(firstgot, firstwant, "every day 1900..2100: first mismatch");
}

int
main(void)
{
	char got[64], buf[AR_DATE_BUFSZ];
	const char *e;
	ar_date d, d2;
	time_t now;
	size_t i;
	int rc, y, m, day;

	for (i = 0; i < NELEM(parse); i++) {
		d = 12345;
		e = ar_date_parse(parse[i].in, parse[i].flags, &d);
		if (e != NULL) {
			snprintf(got, sizeof got, "%s", e);
			if (d != 12345)
				ok(0, "parse \"%s\" wrote *out on error",
				    parse[i].in);
		} else
			ar_date_format(d, got);
		is_str(got, parse[i].want, "parse \"%s\"%s", parse[i].in,
		    parse[i].flags ? " (date-time)" : "");
	}

	/* parsen reads exactly n bytes */
	e = ar_date_parsen("2024-02-29T12:00garbage", 16, DT, &d);
	is_str(e, NULL, "parsen stops at n");
	e = ar_date_parsen("2024-02-29", 9, 0, &d);
	is_str(e, "not a date (expected YYYY-MM-DD)", "parsen too short");
	e = ar_date_parsen("2024-02-29\0", 11, DT, &d);
	is_str(e, "not a date (expected YYYY-MM-DD)", "parsen with a NUL");
	e = ar_date_parse(NULL, 0, &d);
	is_str(e, "not a date (expected YYYY-MM-DD)", "parse NULL");

	for (i = 0; i < NELEM(ymd); i++) {
		d = 12345;
		rc = ar_date_from_ymd(ymd[i].y, ymd[i].m, ymd[i].d, &d);
		is_int(rc, ymd[i].rc, "from_ymd %d-%d-%d status", ymd[i].y,
		    ymd[i].m, ymd[i].d);
		is_int(d, rc == 0 ? ymd[i].days : 12345, "from_ymd %d-%d-%d %s",
		    ymd[i].y, ymd[i].m, ymd[i].d,
		    rc == 0 ? "days" : "out untouched");
		if (rc == 0) {
			ar_date_to_ymd(d, &y, &m, &day);
			snprintf(got, sizeof got, "%d-%d-%d", y, m, day);
			snprintf(buf, sizeof buf, "%d-%d-%d", ymd[i].y,
			    ymd[i].m, ymd[i].d);
			is_str(got, buf, "to_ymd %d", (int)d);
		}
	}

	for (i = 0; i < NELEM(leap); i++)
		is_int(ar_date_is_leap(leap[i].y) != 0, leap[i].leap,
		    "is_leap %d", leap[i].y);

	for (i = 0; i < NELEM(dim); i++)
		is_int(ar_date_days_in_month(dim[i].y, dim[i].m), dim[i].days,
		    "days_in_month %d-%d", dim[i].y, dim[i].m);

	for (i = 0; i < NELEM(months); i++) {
		e = ar_date_parse(months[i].from, 0, &d);
		if (e != NULL) {
			is_str(e, NULL, "add_months: parse \"%s\"",
			    months[i].from);
			continue;
		}
		ar_date_format(ar_date_add_months(d, months[i].n), buf);
		is_str(buf, months[i].want, "%s %+d months", months[i].from,
		    months[i].n);
	}

	for (i = 0; i < NELEM(weekday); i++) {
		e = ar_date_parse(weekday[i].date, 0, &d);
		is_int(e == NULL ? ar_date_weekday(d) : -1, weekday[i].wd,
		    "weekday of %s", weekday[i].date);
	}
	/* 2^31 - 1 = 7 * 306783378 + 1, and -2^31 = 7 * -306783378 - 2 */
	is_int(ar_date_weekday(INT32_MAX), 5, "weekday of INT32_MAX");
	is_int(ar_date_weekday(INT32_MIN), 2, "weekday of INT32_MIN");

	/* format clamps to the range and always writes 10 bytes */
	is_int((long long)ar_date_format(INT32_MIN, buf), 10,
	    "format INT32_MIN: length");
	is_str(buf, "0001-01-01", "format INT32_MIN");
	ar_date_format(INT32_MAX, buf);
	is_str(buf, "9999-12-31", "format INT32_MAX");
	ar_date_format(AR_DATE_MIN - 1, buf);
	is_str(buf, "0001-01-01", "format AR_DATE_MIN - 1");
	ar_date_format(AR_DATE_MAX + 1, buf);
	is_str(buf, "9999-12-31", "format AR_DATE_MAX + 1");
	ar_date_to_ymd(AR_DATE_MAX + 1, &y, &m, &day);
	snprintf(got, sizeof got, "%d-%d-%d", y, m, day);
	is_str(got, "10000-1-1", "to_ymd past the range");
	ar_date_to_ymd(AR_DATE_MIN - 1, &y, &m, &day);
	snprintf(got, sizeof got, "%d-%d-%d", y, m, day);
	is_str(got, "0-12-31", "to_ymd before the range");

	walk();

	/* today, against the clock read around it */
	now = time(NULL);
	d = ar_date_today();
	d2 = (ar_date)(time(NULL) / 86400);
	ok(d == (ar_date)(now / 86400) || d == d2,
	    "today is the UTC day of time(NULL)");
	ok(d >= 19723, "today is after 2024-01-01");

	return tap_done();
}
