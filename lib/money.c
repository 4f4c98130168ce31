/*
 * money.c - exact amounts as int64 counts of minor units.
 *
 * No floating point and no locale: digits are compared with '0'..'9',
 * never with isdigit(3), and nothing here calls strtod(3) or printf(3).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "money.h"

static const char E_EMPTY[] = "empty amount";
static const char E_NAN[] = "not a number";
static const char E_GROUP[] = "misplaced thousands separator";
static const char E_DECIMALS[] = "too many decimals for the currency";
static const char E_RANGE[] = "amount out of range";
static const char E_EXP[] = "bad currency exponent";

#define MAXEXP	18	/* 10^18 is the largest power of ten in int64 */

struct currency {
	char		code[4];
	signed char	exp;
};

/*
 * ISO 4217 List One (current currency and funds), alphabetic code and
 * minor unit, as published by the maintenance agency (SIX) for
 * 2026-01-01.  "N.A." minor units (XAU, XDR, XXX, ...) are 0.  A few
 * codes withdrawn in the last years (List Three) are kept, because
 * receivables in them are still open or archived: ANG (2025, now XCG),
 * BGN (2026, now EUR), CUC (2021), HRK (2023, now EUR), SLL (2024, now
 * SLE), ZWL (2024, now ZWG).
 *
 * Sorted by code (strcmp order) for the binary search below.
 */
static const struct currency currencies[] = {
	{ "AED", 2 }, { "AFN", 2 }, { "ALL", 2 }, { "AMD", 2 },
	{ "ANG", 2 }, { "AOA", 2 }, { "ARS", 2 }, { "AUD", 2 },
	{ "AWG", 2 }, { "AZN", 2 }, { "BAM", 2 }, { "BBD", 2 },
	{ "BDT", 2 }, { "BGN", 2 }, { "BHD", 3 }, { "BIF", 0 },
	{ "BMD", 2 }, { "BND", 2 }, { "BOB", 2 }, { "BOV", 2 },
	{ "BRL", 2 }, { "BSD", 2 }, { "BTN", 2 }, { "BWP", 2 },
	{ "BYN", 2 }, { "BZD", 2 }, { "CAD", 2 }, { "CDF", 2 },
	{ "CHE", 2 }, { "CHF", 2 }, { "CHW", 2 }, { "CLF", 4 },
	{ "CLP", 0 }, { "CNY", 2 }, { "COP", 2 }, { "COU", 2 },
	{ "CRC", 2 }, { "CUC", 2 }, { "CUP", 2 }, { "CVE", 2 },
	{ "CZK", 2 }, { "DJF", 0 }, { "DKK", 2 }, { "DOP", 2 },
	{ "DZD", 2 }, { "EGP", 2 }, { "ERN", 2 }, { "ETB", 2 },
	{ "EUR", 2 }, { "FJD", 2 }, { "FKP", 2 }, { "GBP", 2 },
	{ "GEL", 2 }, { "GHS", 2 }, { "GIP", 2 }, { "GMD", 2 },
	{ "GNF", 0 }, { "GTQ", 2 }, { "GYD", 2 }, { "HKD", 2 },
	{ "HNL", 2 }, { "HRK", 2 }, { "HTG", 2 }, { "HUF", 2 },
	{ "IDR", 2 }, { "ILS", 2 }, { "INR", 2 }, { "IQD", 3 },
	{ "IRR", 2 }, { "ISK", 0 }, { "JMD", 2 }, { "JOD", 3 },
	{ "JPY", 0 }, { "KES", 2 }, { "KGS", 2 }, { "KHR", 2 },
	{ "KMF", 0 }, { "KPW", 2 }, { "KRW", 0 }, { "KWD", 3 },
	{ "KYD", 2 }, { "KZT", 2 }, { "LAK", 2 }, { "LBP", 2 },
	{ "LKR", 2 }, { "LRD", 2 }, { "LSL", 2 }, { "LYD", 3 },
	{ "MAD", 2 }, { "MDL", 2 }, { "MGA", 2 }, { "MKD", 2 },
	{ "MMK", 2 }, { "MNT", 2 }, { "MOP", 2 }, { "MRU", 2 },
	{ "MUR", 2 }, { "MVR", 2 }, { "MWK", 2 }, { "MXN", 2 },
	{ "MXV", 2 }, { "MYR", 2 }, { "MZN", 2 }, { "NAD", 2 },
	{ "NGN", 2 }, { "NIO", 2 }, { "NOK", 2 }, { "NPR", 2 },
	{ "NZD", 2 }, { "OMR", 3 }, { "PAB", 2 }, { "PEN", 2 },
	{ "PGK", 2 }, { "PHP", 2 }, { "PKR", 2 }, { "PLN", 2 },
	{ "PYG", 0 }, { "QAR", 2 }, { "RON", 2 }, { "RSD", 2 },
	{ "RUB", 2 }, { "RWF", 0 }, { "SAR", 2 }, { "SBD", 2 },
	{ "SCR", 2 }, { "SDG", 2 }, { "SEK", 2 }, { "SGD", 2 },
	{ "SHP", 2 }, { "SLE", 2 }, { "SLL", 2 }, { "SOS", 2 },
	{ "SRD", 2 }, { "SSP", 2 }, { "STN", 2 }, { "SVC", 2 },
	{ "SYP", 2 }, { "SZL", 2 }, { "THB", 2 }, { "TJS", 2 },
	{ "TMT", 2 }, { "TND", 3 }, { "TOP", 2 }, { "TRY", 2 },
	{ "TTD", 2 }, { "TWD", 2 }, { "TZS", 2 }, { "UAH", 2 },
	{ "UGX", 0 }, { "USD", 2 }, { "USN", 2 }, { "UYI", 0 },
	{ "UYU", 2 }, { "UYW", 4 }, { "UZS", 2 }, { "VED", 2 },
	{ "VES", 2 }, { "VND", 0 }, { "VUV", 0 }, { "WST", 2 },
	{ "XAD", 2 }, { "XAF", 0 }, { "XAG", 0 }, { "XAU", 0 },
	{ "XBA", 0 }, { "XBB", 0 }, { "XBC", 0 }, { "XBD", 0 },
	{ "XCD", 2 }, { "XCG", 2 }, { "XDR", 0 }, { "XOF", 0 },
	{ "XPD", 0 }, { "XPF", 0 }, { "XPT", 0 }, { "XSU", 0 },
	{ "XTS", 0 }, { "XUA", 0 }, { "XXX", 0 }, { "YER", 2 },
	{ "ZAR", 2 }, { "ZMW", 2 }, { "ZWG", 2 }, { "ZWL", 2 },
};

static int
isdig(char c)
{
	return c >= '0' && c <= '9';
}

static int
isupper_ascii(char c)
{
	return c >= 'A' && c <= 'Z';
}

int
ar_currency_exponent(const char *code)
{
	size_t lo, hi, mid;
	int c;

	/* ISO 4217 alphabetic codes are exactly three letters A-Z. */
	if (code == NULL || !isupper_ascii(code[0]) ||
	    !isupper_ascii(code[1]) || !isupper_ascii(code[2]) ||
	    code[3] != '\0')
		return -1;
	lo = 0;
	hi = sizeof currencies / sizeof currencies[0];
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(code, currencies[mid].code);
		if (c == 0)
			return currencies[mid].exp;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

/* Is c a thousands separator under flags?  See money.h. */
static int
isgroup(char c, int flags)
{
	if (flags & AR_MONEY_COMMA)
		return c == '.' || ((flags & AR_MONEY_GROUP) && c == ' ');
	return (flags & AR_MONEY_GROUP) && (c == ',' || c == ' ');
}

const char *
ar_money_parse(const char *s, int exp, int flags, int64_t *out)
{
	return ar_money_parsen(s, s == NULL ? 0 : strlen(s), exp, flags, out);
}

/*
 * Accumulate a digit into a magnitude bounded by lim; -1 when it would
 * exceed lim.
 */
static int
accum(uint64_t *mag, char c, uint64_t lim)
{
	uint64_t d = (uint64_t)(c - '0');

	if (*mag > (lim - d) / 10)
		return -1;
	*mag = *mag * 10 + d;
	return 0;
}

const char *
ar_money_parsen(const char *s, size_t n, int exp, int flags, int64_t *out)
{
	const char *p, *end, *ip, *ie, *fp;
	uint64_t mag, lim;
	size_t glen, nint, nfrac, i;
	char c, dec, sep;
	int neg;

	if (exp < 0 || exp > MAXEXP)
		return E_EXP;
	if (s == NULL || n == 0)
		return E_EMPTY;
	p = s;
	end = s + n;
	neg = 0;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	dec = (flags & AR_MONEY_COMMA) ? ',' : '.';

	/*
	 * Integer part.  A separator must stand between two digits, all
	 * separators must be the same character, the first group has one
	 * to three digits and every later group exactly three.
	 */
	ip = p;
	nint = glen = 0;
	sep = '\0';
	for (; p < end; p++) {
		c = *p;
		if (isdig(c)) {
			nint++;
			glen++;
			continue;
		}
		if (!isgroup(c, flags))
			break;
		if (nint == 0 || p + 1 == end || !isdig(p[1]))
			return E_NAN;
		if (sep != '\0' && c != sep)
			return E_GROUP;
		if (sep == '\0' ? glen > 3 : glen != 3)
			return E_GROUP;
		sep = c;
		glen = 0;
	}
	ie = p;
	if (sep != '\0' && glen != 3)
		return E_GROUP;

	/* Fraction. */
	fp = p;
	nfrac = 0;
	if (p < end && *p == dec) {
		fp = ++p;
		while (p < end && isdig(*p))
			p++;
		nfrac = (size_t)(p - fp);
	}
	if (p != end || (nint == 0 && nfrac == 0))
		return E_NAN;

	/* Decimals beyond exp: zeros are dropped, others need rounding. */
	if (!(flags & AR_MONEY_ROUND))
		for (i = (size_t)exp; i < nfrac; i++)
			if (fp[i] != '0')
				return E_DECIMALS;

	/*
	 * Magnitude, bounded by 2^63 - 1 either way: INT64_MIN is not
	 * read, so every amount read can be negated.
	 */
	lim = (uint64_t)INT64_MAX;
	mag = 0;
	for (; ip < ie; ip++)
		if (isdig(*ip) && accum(&mag, *ip, lim) == -1)
			return E_RANGE;
	for (i = 0; i < (size_t)exp; i++)
		if (accum(&mag, i < nfrac ? fp[i] : '0', lim) == -1)
			return E_RANGE;
	/*
	 * Round half-up in magnitude, i.e. half away from zero, as the
	 * euro rules do (Council Regulation (EC) No 1103/97, art. 5): the
	 * dropped part is at least one half iff its first digit is 5-9.
	 */
	if ((flags & AR_MONEY_ROUND) && (size_t)exp < nfrac &&
	    fp[exp] >= '5') {
		if (mag == lim)
			return E_RANGE;
		mag++;
	}
	*out = neg ? -(int64_t)mag : (int64_t)mag;
	return NULL;
}

size_t
ar_money_format(int64_t v, int exp, char *buf)
{
	char digits[24];
	uint64_t mag;
	size_t nd, len;

	if (exp < 0)
		exp = 0;
	if (exp > MAXEXP)
		exp = MAXEXP;
	/* Magnitude in unsigned arithmetic: no UB for INT64_MIN. */
	mag = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	nd = 0;
	do {
		digits[nd++] = (char)('0' + mag % 10);
		mag /= 10;
	} while (mag != 0 || nd <= (size_t)exp);

	len = 0;
	if (v < 0)
		buf[len++] = '-';
	while (nd > 0) {
		if (nd == (size_t)exp)
			buf[len++] = '.';
		buf[len++] = digits[--nd];
	}
	buf[len] = '\0';
	return len;
}

int
ar_money_add(int64_t a, int64_t b, int64_t *out)
{
	int64_t r;

	if (__builtin_add_overflow(a, b, &r))
		return -1;
	*out = r;
	return 0;
}

int
ar_money_sub(int64_t a, int64_t b, int64_t *out)
{
	int64_t r;

	if (__builtin_sub_overflow(a, b, &r))
		return -1;
	*out = r;
	return 0;
}
