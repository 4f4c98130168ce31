/*
 * money.h - exact amounts as int64 counts of minor units.
 *
 * No floating point and no locale anywhere.  The number of minor digits
 * of a currency is its ISO 4217 exponent (EUR 2, JPY 0, KWD 3, ...).
 * Functions that can fail return NULL on success and otherwise a static
 * message (lowercase, no final period) that the caller may print.
 */
#ifndef AR_MONEY_H
#define AR_MONEY_H

#include <stddef.h>
#include <stdint.h>

/* ar_money_parse flags */
#define AR_MONEY_ROUND	0x01	/* round extra decimals half-up (away from zero at .5) */
#define AR_MONEY_COMMA	0x02	/* decimal comma: "1.234,56"; '.' then groups thousands */
#define AR_MONEY_GROUP	0x04	/* allow thousands separators ("1,234.56", "1 234.56") */

/* Longest formatted amount, with sign and NUL: int64 has 19 digits. */
#define AR_MONEY_BUFSZ 32

/* The most minor digits of any ISO 4217 currency (CLF, UYW). */
#define AR_CURRENCY_MAXEXP 4

/*
 * The ISO 4217 exponent of a three-letter code (upper case), or -1 if
 * the code is unknown.  Codes without minor units (XAU, XXX, ...) are 0.
 */
int ar_currency_exponent(const char *code);

/*
 * Parse a decimal string into minor units at exponent exp (0..18; the
 * currencies use 0..4).  The syntax, in ASCII only and never the locale:
 *
 *	[+|-] digits [point [digits]]	or	[+|-] point digits
 *
 * so "5." and ".5" are accepted (bank exports write both) but a lone
 * sign or point, "+-1", "1e3", "0x10" and blanks anywhere are not.
 * The point is '.', or ',' with AR_MONEY_COMMA.  Thousands separators
 * are allowed between digits of the integer part only, all alike, in
 * groups of exactly three after a first group of one to three digits:
 * with AR_MONEY_COMMA a '.' ("1.234.567,89"), with AR_MONEY_GROUP a ','
 * (dot decimal) and a ' ' (either decimal): "1,234.56", "1 234,56".
 *
 * At most exp decimals are taken.  Extra decimals that are all zero are
 * dropped; other extra decimals are an error unless AR_MONEY_ROUND is
 * given, which rounds half-up in magnitude, i.e. half away from zero
 * (EUR: 1.005 -> 1.01, -1.005 -> -1.01, 1.0049 -> 1.00).  A value,
 * rounded or not, beyond +-(2^63 - 1) is an error ("amount out of range"):
 * INT64_MIN is never read, so every amount read can be negated.
 * *out is written only on success.  The messages are "empty amount",
 * "not a number", "misplaced thousands separator", "too many decimals
 * for the currency", "amount out of range" and "bad currency exponent".
 */
const char *ar_money_parse(const char *s, int exp, int flags, int64_t *out);

/*
 * The largest amount the programs take, in minor units (ten trillion
 * euro), either way: sums of what a book holds stay far from the int64
 * limit.  The readers of records and documents refuse larger ones.
 */
#define AR_AMOUNT_MAX ((int64_t)1000000000000000LL)
#define AR_AMOUNT_BIG "too large (the limit is 10^15 minor units)"

/* Same, for a string of length n that need not be NUL-terminated. */
const char *ar_money_parsen(const char *s, size_t n, int exp, int flags, int64_t *out);

/*
 * Format v at exponent exp as "-1234.50" (dot, no grouping, exactly exp
 * decimals, no point when exp is 0, "-" only for negative values; all of
 * int64 including INT64_MIN).  An exp outside 0..18 is taken as the
 * nearer bound.  buf must hold AR_MONEY_BUFSZ bytes.  Returns the length
 * written, not counting the NUL.
 */
size_t ar_money_format(int64_t v, int exp, char *buf);

/*
 * Overflow-checked arithmetic: return 0 on success, -1 on overflow
 * (then *out is left unchanged).
 */
int ar_money_add(int64_t a, int64_t b, int64_t *out);
int ar_money_sub(int64_t a, int64_t b, int64_t *out);

#endif
