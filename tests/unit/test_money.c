/* test_money.c - money parsing, formatting, currencies and arithmetic */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "money.h"
#include "tap.h"

#define R	AR_MONEY_ROUND
#define C	AR_MONEY_COMMA
#define G	AR_MONEY_GROUP

/* want: the value in minor units as a decimal string, or the message. */
static const struct {
	const char	*in;
	int		 exp;
	int		 flags;
	const char	*want;
} parse[] = {
	/* plain */
	{ "0", 2, 0, "0" },
	{ "1", 2, 0, "100" },
	{ "1.5", 2, 0, "150" },
	{ "1.50", 2, 0, "150" },
	{ "1234.56", 2, 0, "123456" },
	{ "-1234.56", 2, 0, "-123456" },
	{ "+1234.56", 2, 0, "123456" },
	{ "-0", 2, 0, "0" },
	{ "-0.00", 2, 0, "0" },
	{ "007.50", 2, 0, "750" },
	{ "0.01", 2, 0, "1" },
	{ "-0.01", 2, 0, "-1" },
	/* decision: "5." and ".5" are accepted, "." and "-." are not */
	{ "5.", 2, 0, "500" },
	{ ".5", 2, 0, "50" },
	{ "-.5", 2, 0, "-50" },
	{ "+.05", 2, 0, "5" },
	{ "-5.", 2, 0, "-500" },
	{ ".", 2, 0, "not a number" },
	{ "-.", 2, 0, "not a number" },
	{ "+.", 2, 0, "not a number" },
	/* syntax errors */
	{ "", 2, 0, "empty amount" },
	{ "-", 2, 0, "not a number" },
	{ "+", 2, 0, "not a number" },
	{ " 1", 2, 0, "not a number" },
	{ "1 ", 2, 0, "not a number" },
	{ "1 000", 2, 0, "not a number" },
	{ "1\t", 2, 0, "not a number" },
	{ "1e3", 2, 0, "not a number" },
	{ "1E3", 2, 0, "not a number" },
	{ "+-1", 2, 0, "not a number" },
	{ "-+1", 2, 0, "not a number" },
	{ "--1", 2, 0, "not a number" },
	{ "1-", 2, 0, "not a number" },
	{ "0x10", 2, 0, "not a number" },
	{ "1.2.3", 2, 0, "not a number" },
	{ "1..2", 2, 0, "not a number" },
	{ "abc", 2, 0, "not a number" },
	{ "1,50", 2, 0, "not a number" },
	{ "1,234.56", 2, 0, "not a number" },
	{ "\xd9\xa1", 2, 0, "not a number" },		/* ARABIC-INDIC ONE */
	{ "\xef\xbc\x91", 2, 0, "not a number" },	/* FULLWIDTH ONE */
	{ "1\xc2\xa0" "000", 2, G, "not a number" },	/* NO-BREAK SPACE */
	{ "inf", 2, 0, "not a number" },
	{ "nan", 2, 0, "not a number" },
	{ "\xe2\x88\x92" "1", 2, 0, "not a number" },	/* MINUS SIGN */
	/* exponent 0 */
	{ "1234", 0, 0, "1234" },
	{ "1234.", 0, 0, "1234" },
	{ "1234.0", 0, 0, "1234" },
	{ "1234.000", 0, 0, "1234" },
	{ "1234.5", 0, 0, "too many decimals for the currency" },
	{ "1234.5", 0, R, "1235" },
	{ "1234.4", 0, R, "1234" },
	{ "-1234.5", 0, R, "-1235" },
	{ ".5", 0, R, "1" },
	{ ".4", 0, R, "0" },
	/* exponent 3 and 4 */
	{ "1.234", 3, 0, "1234" },
	{ "1.2345", 3, 0, "too many decimals for the currency" },
	{ "1.2345", 3, R, "1235" },
	{ "-1.2345", 3, R, "-1235" },
	{ "1.2", 3, 0, "1200" },
	{ "0.0001", 4, 0, "1" },
	{ "12.3456", 4, 0, "123456" },
	{ "12.34567", 4, 0, "too many decimals for the currency" },
	{ "12.34565", 4, R, "123457" },
	/* extra decimals */
	{ "1.500", 2, 0, "150" },
	{ "1.50000000000000000000000000", 2, 0, "150" },
	{ "1.501", 2, 0, "too many decimals for the currency" },
	{ "1.5000001", 2, 0, "too many decimals for the currency" },
	{ "-1.501", 2, 0, "too many decimals for the currency" },
	/* rounding half away from zero */
	{ "1.005", 2, R, "101" },
	{ "-1.005", 2, R, "-101" },
	{ "1.0049", 2, R, "100" },
	{ "-1.0049", 2, R, "-100" },
	{ "1.0050", 2, R, "101" },
	{ "1.00499999999", 2, R, "100" },
	{ "1.0051", 2, R, "101" },
	{ "1.015", 2, R, "102" },
	{ "1.025", 2, R, "103" },
	{ "2.675", 2, R, "268" },
	{ "-2.675", 2, R, "-268" },
	{ "0.995", 2, R, "100" },
	{ "-0.995", 2, R, "-100" },
	{ "9.999", 2, R, "1000" },
	{ "0.004", 2, R, "0" },
	{ "-0.004", 2, R, "0" },
	{ "-0.005", 2, R, "-1" },
	{ "1.00", 2, R, "100" },
	{ "1.5", 2, R, "150" },
	/* int64 limits at exponent 2: +-(2^63 - 1), so any value negates */
	{ "92233720368547758.07", 2, 0, "9223372036854775807" },
	{ "92233720368547758.08", 2, 0, "amount out of range" },
	{ "-92233720368547758.07", 2, 0, "-9223372036854775807" },
	{ "-92233720368547758.08", 2, 0, "amount out of range" },
	{ "-92233720368547758.09", 2, 0, "amount out of range" },
	{ "92233720368547758.070", 2, 0, "9223372036854775807" },
	{ "92233720368547758.074", 2, R, "9223372036854775807" },
	{ "92233720368547758.075", 2, R, "amount out of range" },
	{ "-92233720368547758.074", 2, R, "-9223372036854775807" },
	{ "-92233720368547758.075", 2, R, "amount out of range" },
	{ "92233720368547759", 2, 0, "amount out of range" },
	{ "100000000000000000", 2, 0, "amount out of range" },
	{ "99999999999999999999999999", 2, 0, "amount out of range" },
	{ "-99999999999999999999999999", 2, 0, "amount out of range" },
	/* int64 limits at exponent 0 and 4 */
	{ "9223372036854775807", 0, 0, "9223372036854775807" },
	{ "9223372036854775808", 0, 0, "amount out of range" },
	{ "-9223372036854775807", 0, 0, "-9223372036854775807" },
	{ "-9223372036854775808", 0, 0, "amount out of range" },
	{ "9223372036854775806.5", 0, R, "9223372036854775807" },
	{ "9223372036854775807.5", 0, R, "amount out of range" },
	{ "9223372036854775807.4", 0, R, "9223372036854775807" },
	{ "-9223372036854775806.5", 0, R, "-9223372036854775807" },
	{ "-9223372036854775807.5", 0, R, "amount out of range" },
	{ "00000000000000000000009223372036854775807", 0, 0,
	    "9223372036854775807" },
	{ "922337203685477.5807", 4, 0, "9223372036854775807" },
	{ "922337203685477.5808", 4, 0, "amount out of range" },
	{ "-922337203685477.5807", 4, 0, "-9223372036854775807" },
	{ "-922337203685477.5808", 4, 0, "amount out of range" },
	/* decimal comma, '.' groups thousands */
	{ "1234,56", 2, C, "123456" },
	{ "1.234,56", 2, C, "123456" },
	{ "1.234.567,89", 2, C, "123456789" },
	{ "-1.234.567,89", 2, C, "-123456789" },
	{ "123.456", 2, C, "12345600" },
	{ "0,5", 2, C, "50" },
	{ ",5", 2, C, "50" },
	{ "5,", 2, C, "500" },
	{ "1,005", 2, C | R, "101" },
	{ "1,005", 2, C, "too many decimals for the currency" },
	{ "1.23,45", 2, C, "misplaced thousands separator" },
	{ "1.2345,67", 2, C, "misplaced thousands separator" },
	{ "1234.567,89", 2, C, "misplaced thousands separator" },
	{ "1.234.56,78", 2, C, "misplaced thousands separator" },
	{ "1.5", 2, C, "misplaced thousands separator" },
	{ ".123,45", 2, C, "not a number" },
	{ "1.,5", 2, C, "not a number" },
	{ "1..234", 2, C, "not a number" },
	{ "1.234.", 2, C, "not a number" },
	{ "1,234.5", 2, C, "not a number" },
	{ "1,2,3", 2, C, "not a number" },
	{ "1 234,56", 2, C, "not a number" },
	{ "1 234,56", 2, C | G, "123456" },
	{ "1 234 567,89", 2, C | G, "123456789" },
	{ "1.234 567,89", 2, C | G, "misplaced thousands separator" },
	{ "1,234,567", 2, C | G, "not a number" },
	/* dot decimal with grouping */
	{ "1,234.56", 2, G, "123456" },
	{ "1,234,567.89", 2, G, "123456789" },
	{ "-1,234,567.89", 2, G, "-123456789" },
	{ "1 234 567.89", 2, G, "123456789" },
	{ "1234.56", 2, G, "123456" },
	{ "999,999", 2, G, "99999900" },
	{ "1,23.45", 2, G, "misplaced thousands separator" },
	{ "12,34", 2, G, "misplaced thousands separator" },
	{ "1,2345", 2, G, "misplaced thousands separator" },
	{ "1234,567", 2, G, "misplaced thousands separator" },
	{ "1,234 567", 2, G, "misplaced thousands separator" },
	{ ",123", 2, G, "not a number" },
	{ "-,123", 2, G, "not a number" },
	{ "1,", 2, G, "not a number" },
	{ "1,,234", 2, G, "not a number" },
	{ "1,234.", 2, G, "123400" },
	{ "1.234,5", 2, G, "not a number" },
	{ "1.234,567", 2, G, "not a number" },
	{ " 1,234", 2, G, "not a number" },
	{ "1,234 ", 2, G, "not a number" },
	{ "1.5", 2, G, "150" },
	{ "92,233,720,368,547,758.07", 2, G, "9223372036854775807" },
	{ "92,233,720,368,547,758.08", 2, G, "amount out of range" },
	/* bad exponent */
	{ "1", -1, 0, "bad currency exponent" },
	{ "1", 19, 0, "bad currency exponent" },
	{ "1", 18, 0, "1000000000000000000" },
};

static const struct {
	int64_t		 v;
	int		 exp;
	const char	*want;
} format[] = {
	{ 0, 2, "0.00" },
	{ 1, 2, "0.01" },
	{ -1, 2, "-0.01" },
	{ 10, 2, "0.10" },
	{ 100, 2, "1.00" },
	{ 123450, 2, "1234.50" },
	{ -123450, 2, "-1234.50" },
	{ 0, 0, "0" },
	{ 1234, 0, "1234" },
	{ -1234, 0, "-1234" },
	{ 1, 3, "0.001" },
	{ -1234, 3, "-1.234" },
	{ 1, 4, "0.0001" },
	{ 123456, 4, "12.3456" },
	{ INT64_MAX, 2, "92233720368547758.07" },
	{ INT64_MIN, 2, "-92233720368547758.08" },
	{ INT64_MIN + 1, 2, "-92233720368547758.07" },
	{ INT64_MAX, 0, "9223372036854775807" },
	{ INT64_MIN, 0, "-9223372036854775808" },
	{ INT64_MIN, 4, "-922337203685477.5808" },
	{ INT64_MIN, 18, "-9.223372036854775808" },
	{ INT64_MIN, 19, "-9.223372036854775808" },
	{ 5, 18, "0.000000000000000005" },
	{ 5, -1, "5" },
};

static const char *const roundtrip[] = {
	"0.00", "0.01", "-0.01", "1.00", "-1.00", "1234.56", "-1234.56",
	"99999999.99", "92233720368547758.07",
	"-92233720368547758.07", "10.10", "100.00",
};

static const struct {
	const char	*code;
	int		 exp;
} cur[] = {
	/* every code in the table */
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
	/* not codes */
	{ "eur", -1 }, { "Eur", -1 }, { "EU", -1 }, { "EURO", -1 },
	{ "", -1 }, { "E", -1 }, { "EU1", -1 }, { " EUR", -1 },
	{ "EUR ", -1 }, { "AAA", -1 }, { "ZZZ", -1 }, { "ABC", -1 },
	{ "DEM", -1 }, { "NLG", -1 }, { "BEF", -1 }, { "FRF", -1 },
	{ "XEU", -1 }, { "USS", -1 }, { "\xc3\x89UR", -1 },
};

static const struct {
	int64_t	a, b;
	char	op;
	int	rc;
	int64_t	want;
} arith[] = {
	{ 1, 2, '+', 0, 3 },
	{ -1, -2, '+', 0, -3 },
	{ INT64_MAX, 0, '+', 0, INT64_MAX },
	{ INT64_MAX, 1, '+', -1, 0 },
	{ INT64_MAX - 1, 1, '+', 0, INT64_MAX },
	{ INT64_MIN, -1, '+', -1, 0 },
	{ INT64_MIN, 1, '+', 0, INT64_MIN + 1 },
	{ INT64_MAX, INT64_MIN, '+', 0, -1 },
	{ INT64_MIN, INT64_MIN, '+', -1, 0 },
	{ 5, 3, '-', 0, 2 },
	{ 3, 5, '-', 0, -2 },
	{ INT64_MIN, 1, '-', -1, 0 },
	{ INT64_MIN + 1, 1, '-', 0, INT64_MIN },
	{ 0, INT64_MIN, '-', -1, 0 },
	{ -1, INT64_MIN, '-', 0, INT64_MAX },
	{ INT64_MAX, -1, '-', -1, 0 },
	{ INT64_MAX, INT64_MAX, '-', 0, 0 },
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

int
main(void)
{
	char got[64], buf[AR_MONEY_BUFSZ];
	const char *e;
	int64_t v, r;
	size_t i, len;
	int rc;

	for (i = 0; i < NELEM(parse); i++) {
		v = 12345;
		e = ar_money_parse(parse[i].in, parse[i].exp, parse[i].flags,
		    &v);
		if (e != NULL)
			snprintf(got, sizeof got, "%s", e);
		else
			snprintf(got, sizeof got, "%lld", (long long)v);
		is_str(got, parse[i].want, "parse \"%s\" exp %d flags %#x",
		    parse[i].in, parse[i].exp, (unsigned)parse[i].flags);
		if (e != NULL && v != 12345)
			ok(0, "parse \"%s\" wrote *out on error", parse[i].in);
	}

	/* parsen reads exactly n bytes */
	v = 0;
	e = ar_money_parsen("12.345", 4, 2, 0, &v);
	is_str(e, NULL, "parsen \"12.3\" of \"12.345\": no error");
	is_int(v, 1230, "parsen \"12.3\" of \"12.345\"");
	e = ar_money_parsen("7xyz", 1, 2, 0, &v);
	is_int(e == NULL ? v : -1, 700, "parsen \"7\" of \"7xyz\"");
	e = ar_money_parsen("1\0" "2", 3, 2, 0, &v);
	is_str(e, "not a number", "parsen with an embedded NUL");
	e = ar_money_parsen("", 0, 2, 0, &v);
	is_str(e, "empty amount", "parsen of length 0");
	e = ar_money_parse(NULL, 2, 0, &v);
	is_str(e, "empty amount", "parse NULL");

	for (i = 0; i < NELEM(format); i++) {
		len = ar_money_format(format[i].v, format[i].exp, buf);
		is_str(buf, format[i].want, "format %lld exp %d",
		    (long long)format[i].v, format[i].exp);
		if (len != strlen(format[i].want))
			is_int((long long)len, (long long)strlen(format[i].want),
			    "format %lld exp %d length", (long long)format[i].v,
			    format[i].exp);
	}

	for (i = 0; i < NELEM(roundtrip); i++) {
		e = ar_money_parse(roundtrip[i], 2, 0, &v);
		if (e != NULL)
			snprintf(buf, sizeof buf, "%s", e);
		else
			ar_money_format(v, 2, buf);
		is_str(buf, roundtrip[i], "round trip \"%s\"", roundtrip[i]);
	}

	/* parse then format at the currency's own exponent */
	{
		static const struct {
			const char *code, *in, *want;
		} cv[] = {
			{ "EUR", "1234.5", "1234.50" },
			{ "JPY", "1234", "1234" },
			{ "JPY", "1234.00", "1234" },
			{ "KWD", "1.5", "1.500" },
			{ "BHD", "-0.001", "-0.001" },
			{ "CLF", "1.2345", "1.2345" },
			{ "UYW", ".5", "0.5000" },
			{ "XAU", "3", "3" },
		};
		int x;

		for (i = 0; i < NELEM(cv); i++) {
			x = ar_currency_exponent(cv[i].code);
			e = ar_money_parse(cv[i].in, x, 0, &v);
			if (e != NULL)
				snprintf(buf, sizeof buf, "%s", e);
			else
				ar_money_format(v, x, buf);
			is_str(buf, cv[i].want, "%s \"%s\"", cv[i].code,
			    cv[i].in);
		}
	}

	for (i = 0; i < NELEM(cur); i++)
		is_int(ar_currency_exponent(cur[i].code), cur[i].exp,
		    "exponent of \"%s\"", cur[i].code);
	is_int(ar_currency_exponent(NULL), -1, "exponent of NULL");

	for (i = 0; i < NELEM(arith); i++) {
		r = 777;
		if (arith[i].op == '+')
			rc = ar_money_add(arith[i].a, arith[i].b, &r);
		else
			rc = ar_money_sub(arith[i].a, arith[i].b, &r);
		is_int(rc, arith[i].rc, "%lld %c %lld: status",
		    (long long)arith[i].a, arith[i].op, (long long)arith[i].b);
		is_int(r, rc == 0 ? arith[i].want : 777, "%lld %c %lld: %s",
		    (long long)arith[i].a, arith[i].op, (long long)arith[i].b,
		    rc == 0 ? "result" : "out untouched");
	}

	return tap_done();
}
