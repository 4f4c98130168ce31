/*
 * date.h - civil dates as a count of days, independent of TZ and locale.
 *
 * A date is the number of days since 1970-01-01 in the proleptic
 * Gregorian calendar (negative before).  Range: years 0001 to 9999.
 * Functions that can fail return NULL on success and otherwise a static
 * message (lowercase, no final period).
 */
#ifndef AR_DATE_H
#define AR_DATE_H

#include <stddef.h>
#include <stdint.h>

typedef int32_t ar_date;

#define AR_DATE_BUFSZ 11	/* "YYYY-MM-DD" and NUL */

#define AR_DATE_MIN	(-719162)	/* 0001-01-01 */
#define AR_DATE_MAX	2932896		/* 9999-12-31 */

/*
 * Parse an ISO 8601 calendar date "YYYY-MM-DD" (extended format, ISO
 * 8601:2004 4.1.2.2) of a year 0001..9999.  With AR_DATE_DATETIME also
 * a date-time "YYYY-MM-DDThh:mm[:ss[.f...]][Z|+hh:mm|+hhmm|+hh|-...]";
 * its date is the calendar date as written, that is the local date at the
 * stated offset (a bank's 2024-01-31T23:30:00+01:00 is 2024-01-31), never
 * converted to UTC or to the machine's zone.  The time is checked only:
 * hh 00-23, mm 00-59, ss 00-60 (60 for a leap second, at any minute since
 * the offset may be local), a fraction of any number of digits after '.'
 * or ',', and "24:00", "24:00:00" or "24:00:00.000" for the end of the
 * day, which keeps the date written (2024-01-31T24:00 is 2024-01-31).
 * An offset has hh 00-23 and mm 00-59.  'T' and 'Z' are upper case.
 * Without the flag a date-time is an error.  *out is written only on
 * success.  The messages are "not a date (expected YYYY-MM-DD)", "no such
 * day", "year out of range", "bad time of day", "bad time zone offset".
 */
#define AR_DATE_DATETIME 0x01
const char *ar_date_parse(const char *s, int flags, ar_date *out);
const char *ar_date_parsen(const char *s, size_t n, int flags, ar_date *out);

/*
 * Write "YYYY-MM-DD" into buf (AR_DATE_BUFSZ bytes); returns 10.  A date
 * outside AR_DATE_MIN..AR_DATE_MAX is written as the nearer bound.
 */
size_t ar_date_format(ar_date d, char *buf);

/*
 * From and to year, month (1-12), day (1-31).  from_ymd returns 0, or -1
 * (and leaves *out alone) if the day does not exist or the year is
 * outside 1..9999.  to_ymd works for any ar_date.
 */
int ar_date_from_ymd(int y, int m, int d, ar_date *out);
void ar_date_to_ymd(ar_date d, int *y, int *m, int *day);

/*
 * Add n months.  When the day does not exist in the target month it is
 * clamped to that month's last day (2024-01-31 + 1 month = 2024-02-29,
 * 2023-01-31 + 1 month = 2023-02-28, 2024-02-29 + 12 months =
 * 2025-02-28); a date on the last day of a shorter month does not move
 * to the end of the target month (2024-02-29 + 1 month = 2024-03-29).
 * n may be negative.  A result outside 0001..9999 is clamped to
 * AR_DATE_MIN or AR_DATE_MAX.
 */
ar_date ar_date_add_months(ar_date d, int n);

/*
 * Days in month m (1-12) of year y, 0 if m is not a month; nonzero if y
 * is a leap year of the proleptic Gregorian calendar.
 */
int ar_date_days_in_month(int y, int m);
int ar_date_is_leap(int y);

/* ISO weekday: 1 = Monday ... 7 = Sunday. */
int ar_date_weekday(ar_date d);

/*
 * Today's date in UTC, from time(3) with integer arithmetic (no TZ, no
 * localtime); 1969-12-31 if the clock cannot be read.
 */
ar_date ar_date_today(void);

#endif
