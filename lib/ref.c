/*
 * ref.c - structured payment references and IBANs.
 *
 * Standards applied:
 *   ISO 7064:2003 MOD 97-10    the check of RF references and IBANs
 *   ISO 11649:2009             RF creditor reference, "RF" 2!n 21c
 *   Febelfin OGM/VCS           Belgian structured communication
 *   Betaalvereniging Nederland "Specificaties betalingskenmerk"
 *   ISO 13616-1                IBAN, lengths from the SWIFT IBAN Registry
 *
 * The library never prints and never exits; failures are returned as
 * static messages (lowercase, no final period).  Characters are classified
 * by hand, never with <ctype.h>, so nothing depends on the locale and any
 * byte (including non-ASCII) is merely an invalid character.
 */
#include <stddef.h>
#include <string.h>

#include "ref.h"

#define RF_MAX		25	/* ISO 11649: "RF" + 2!n + at most 21c */
#define RF_REF_MAX	21
#define OGM_LEN		12	/* 10 digits + 2 check digits */
#define OGM_BASE_MAX	10
#define KEN_BASE_MAX	15	/* the 16-digit form: C + 15 */
#define KEN_SHORT_MAX	12	/* C + L + at most 12 digits */
#define IBAN_MAX	34	/* ISO 13616-1: at most 34 characters */

static const char *const kind_names[] = {
	"", "rf", "ogm", "kenmerk", "iban"
};

/*
 * IBAN length per country code (ISO 3166-1 alpha-2), from the SWIFT IBAN
 * Registry (89 countries, release of 2024 with HN effective Oct 2024 and
 * YE Jul 2024).  Territories that the registry lists under another
 * country (AX under FI; GF, GP, MQ, RE, PF, TF, YT, NC, BL, MF, PM, WF
 * under FR; IM, JE, GG under GB) use that country's code in their IBANs
 * and are therefore not in the table.  Sorted by code.
 */
static const struct iban_country {
	char		cc[3];
	unsigned char	len;
} iban_countries[] = {
	{ "AD", 24 }, { "AE", 23 }, { "AL", 28 }, { "AT", 20 },
	{ "AZ", 28 }, { "BA", 20 }, { "BE", 16 }, { "BG", 22 },
	{ "BH", 22 }, { "BI", 27 }, { "BR", 29 }, { "BY", 28 },
	{ "CH", 21 }, { "CR", 22 }, { "CY", 28 }, { "CZ", 24 },
	{ "DE", 22 }, { "DJ", 27 }, { "DK", 18 }, { "DO", 28 },
	{ "EE", 20 }, { "EG", 29 }, { "ES", 24 }, { "FI", 18 },
	{ "FK", 18 }, { "FO", 18 }, { "FR", 27 }, { "GB", 22 },
	{ "GE", 22 }, { "GI", 23 }, { "GL", 18 }, { "GR", 27 },
	{ "GT", 28 }, { "HN", 28 }, { "HR", 21 }, { "HU", 28 },
	{ "IE", 22 }, { "IL", 23 }, { "IQ", 23 }, { "IS", 26 },
	{ "IT", 27 }, { "JO", 30 }, { "KW", 30 }, { "KZ", 20 },
	{ "LB", 28 }, { "LC", 32 }, { "LI", 21 }, { "LT", 20 },
	{ "LU", 20 }, { "LV", 21 }, { "LY", 25 }, { "MC", 27 },
	{ "MD", 24 }, { "ME", 22 }, { "MK", 19 }, { "MN", 20 },
	{ "MR", 27 }, { "MT", 31 }, { "MU", 30 }, { "NI", 28 },
	{ "NL", 18 }, { "NO", 15 }, { "OM", 23 }, { "PK", 24 },
	{ "PL", 28 }, { "PS", 29 }, { "PT", 25 }, { "QA", 29 },
	{ "RO", 24 }, { "RS", 22 }, { "RU", 33 }, { "SA", 24 },
	{ "SC", 31 }, { "SD", 18 }, { "SE", 24 }, { "SI", 19 },
	{ "SK", 24 }, { "SM", 27 }, { "SO", 23 }, { "ST", 25 },
	{ "SV", 28 }, { "TL", 23 }, { "TN", 24 }, { "TR", 26 },
	{ "UA", 29 }, { "VA", 22 }, { "VG", 24 }, { "XK", 20 },
	{ "YE", 30 }
};

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_upper(int c)
{
	return c >= 'A' && c <= 'Z';
}

static int
is_lower(int c)
{
	return c >= 'a' && c <= 'z';
}

static int
is_alnum(int c)
{
	return is_digit(c) || is_upper(c) || is_lower(c);
}

static int
to_upper(int c)
{
	return is_lower(c) ? c - 'a' + 'A' : c;
}

/*
 * Copy s into buf (bufsz bytes) without the bytes listed in skip,
 * upper-casing ASCII letters.  Returns the length, or -1 when the result
 * does not fit; never reads past the terminating NUL of s nor writes
 * past buf.
 */
static int
compact(const char *s, const char *skip, char *buf, size_t bufsz)
{
	size_t n = 0;

	for (; *s != '\0'; s++) {
		if (strchr(skip, *s) != NULL)
			continue;
		if (n + 1 >= bufsz)
			return -1;
		buf[n++] = (char)to_upper((unsigned char)*s);
	}
	buf[n] = '\0';
	return (int)n;
}

/*
 * ISO 7064 MOD 97-10: continue remainder r over len characters of s,
 * digits as themselves and letters as two digits, A (or a) = 10 ...
 * Z = 35 (ISO 11649 clause 6, ISO 13616-1 annex).  Digit by digit, so
 * any length works in int arithmetic (r * 100 + 35 < 9700).  Returns -1
 * on a character that is not an ASCII letter or digit.
 */
static int
mod97_feed(int r, const char *s, size_t len)
{
	size_t i;
	int c;

	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (is_digit(c))
			r = (r * 10 + (c - '0')) % 97;
		else if (is_upper(c))
			r = (r * 100 + (c - 'A' + 10)) % 97;
		else if (is_lower(c))
			r = (r * 100 + (c - 'a' + 10)) % 97;
		else
			return -1;
	}
	return r;
}

/*
 * ISO 7064 MOD 97-10 as used by ISO 11649 (clause 6.2) and ISO 13616-1:
 * move the first four characters to the end; valid iff the remainder
 * is 1.  s holds len >= 4 alphanumerics.
 */
static int
mod97_rotated(const char *s, size_t len)
{
	int r;

	r = mod97_feed(0, s + 4, len - 4);
	if (r < 0)
		return -1;
	return mod97_feed(r, s, 4);
}

/*
 * The generating rule (check = 98 - remainder, ISO 7064 MOD 97-10 as in
 * ISO 11649 clause 6.2 and ISO 13616-1) yields 02..98 only.  00, 01 and
 * 99 also satisfy "remainder = 1" (they equal 97, 98 and 02 modulo 97)
 * but no conforming issuer produces them, so they are rejected.
 */
static int
check_digits_possible(const char *cd)
{
	int v = (cd[0] - '0') * 10 + (cd[1] - '0');

	return v >= 2 && v <= 98;
}

static unsigned
iban_length(const char *cc)
{
	size_t i;

	for (i = 0; i < sizeof iban_countries / sizeof iban_countries[0];
	    i++)
		if (iban_countries[i].cc[0] == cc[0] &&
		    iban_countries[i].cc[1] == cc[1])
			return iban_countries[i].len;
	return 0;
}

/*
 * Betaalvereniging "Specificaties betalingskenmerk": weights from the
 * rightmost digit leftwards 2, 4, 8, 5, 10, 9, 7, 3, 6, 1, repeating;
 * the length code is included.  C = 11 - (A mod 11); 10 gives 1 and
 * 11 gives 0.  d holds the n digits after the check digit.
 */
static int
kenmerk_check_digit(const char *d, size_t n)
{
	static const int w[10] = { 2, 4, 8, 5, 10, 9, 7, 3, 6, 1 };
	size_t i;
	int a = 0, c;

	for (i = 0; i < n; i++)
		a += (d[n - 1 - i] - '0') * w[i % 10];
	c = 11 - a % 11;
	if (c == 10)
		return 1;
	if (c == 11)
		return 0;
	return c;
}

/* ISO 11649: "RF" + 2 check digits + 1..21 alphanumerics. */
static const char *
rf_check(const char *s, char *norm)
{
	char b[AR_REF_BUFSZ];
	int n, i;

	n = compact(s, " ", b, sizeof b);
	if (n < 0 || n > RF_MAX)
		return "rf reference longer than 25 characters";
	if (n < 2 || b[0] != 'R' || b[1] != 'F')
		return "rf reference does not start with rf";
	if (n < 4 || !is_digit(b[2]) || !is_digit(b[3]))
		return "rf check digits are not two digits";
	if (n == 4)
		return "rf reference has nothing after the check digits";
	for (i = 4; i < n; i++)
		if (!is_alnum((unsigned char)b[i]))
			return "rf reference has a character other than a "
			    "letter or digit";
	if (!check_digits_possible(b + 2))
		return "rf check digits 00, 01 and 99 are never issued";
	if (mod97_rotated(b, (size_t)n) != 1)
		return "rf check digits do not match";
	if (norm != NULL)
		memcpy(norm, b, (size_t)n + 1);
	return NULL;
}

/*
 * Febelfin OGM/VCS: 12 digits, the last two the first ten mod 97, 97
 * when that is 0; printed +++ddd/dddd/ddddd+++, *** also seen.  The
 * wrapper, when present, must be the same at both ends.
 */
static const char *
ogm_check(const char *s, char *norm)
{
	char b[AR_REF_BUFSZ], d[OGM_LEN + 1];
	const char *p, *e;
	size_t nd = 0;
	int n, r;

	n = compact(s, " ", b, sizeof b);
	if (n < 0)
		return "ogm must have 12 digits";
	p = b;
	e = b + n;
	if (n >= 3 && (memcmp(b, "+++", 3) == 0 || memcmp(b, "***", 3) == 0)) {
		if (n < 6 || memcmp(e - 3, b, 3) != 0)
			return "ogm wrapper must be +++ or *** at both ends";
		p += 3;
		e -= 3;
	}
	for (; p < e; p++) {
		if (*p == '/')
			continue;
		if (*p == '+' || *p == '*')
			return "ogm wrapper must be +++ or *** at both ends";
		if (!is_digit((unsigned char)*p))
			return "ogm has a character other than a digit or "
			    "slash";
		if (nd < OGM_LEN)
			d[nd] = *p;
		nd++;
	}
	if (nd != OGM_LEN)
		return "ogm must have 12 digits";
	d[OGM_LEN] = '\0';
	r = mod97_feed(0, d, 10);
	if (r == 0)
		r = 97;
	if (r != (d[10] - '0') * 10 + (d[11] - '0'))
		return "ogm check digits do not match";
	if (norm != NULL)
		memcpy(norm, d, sizeof d);
	return NULL;
}

/*
 * Betaalvereniging betalingskenmerk: 7 digits (no check digit), 9..14
 * digits C + L + N with length code L = 7, 8, 9, 0, 1, 2 for N = 7..12
 * following digits, or 16 digits C + 15.  Dots and the parentheses
 * around the check digit, as in "(5)000 0567 8901 2345", are ignored.
 */
static const char *
kenmerk_check(const char *s, char *norm)
{
	char b[AR_REF_BUFSZ];
	const char *d;
	int n, i, paren = 0;

	n = compact(s, " .", b, sizeof b);
	if (n < 0)
		return "kenmerk length must be 7, 9 to 14 or 16 digits";
	d = b;
	if (n >= 3 && b[0] == '(' && b[2] == ')' &&
	    is_digit((unsigned char)b[1])) {
		/* "(C)rest": keep C, drop the parentheses. */
		b[2] = b[1];
		d = b + 2;
		n -= 2;
		paren = 1;
	}
	for (i = 0; i < n; i++) {
		if (d[i] == '(' || d[i] == ')')
			return "kenmerk parentheses may enclose only the "
			    "check digit";
		if (!is_digit((unsigned char)d[i]))
			return "kenmerk has a character other than a digit";
	}
	if (n == 7) {
		if (paren)
			return "kenmerk of 7 digits has no check digit";
	} else if (n >= 9 && n <= 14) {
		if (d[1] - '0' != (n - 2) % 10)
			return "kenmerk length code does not match its length";
	} else if (n != 16)
		return "kenmerk length must be 7, 9 to 14 or 16 digits";
	if (n != 7 && d[0] - '0' != kenmerk_check_digit(d + 1, (size_t)n - 1))
		return "kenmerk check digit does not match";
	if (norm != NULL)
		memcpy(norm, d, (size_t)n + 1);
	return NULL;
}

/* ISO 13616-1: country code, 2 check digits, BBAN; mod 97 = 1. */
static const char *
iban_check(const char *s, char *norm)
{
	char b[AR_REF_BUFSZ];
	int n, i;

	n = compact(s, " ", b, sizeof b);
	if (n < 0 || n > IBAN_MAX)
		return "iban longer than 34 characters";
	if (n < 2 || !is_upper((unsigned char)b[0]) ||
	    !is_upper((unsigned char)b[1]))
		return "iban does not start with a country code";
	if (n < 4 || !is_digit((unsigned char)b[2]) ||
	    !is_digit((unsigned char)b[3]))
		return "iban check digits are not two digits";
	for (i = 4; i < n; i++)
		if (!is_alnum((unsigned char)b[i]))
			return "iban has a character other than a letter or "
			    "digit";
	if (iban_length(b) == 0)
		return "iban country code unknown";
	if ((unsigned)n != iban_length(b))
		return "iban length does not match its country";
	if (!check_digits_possible(b + 2))
		return "iban check digits 00, 01 and 99 are never issued";
	if (mod97_rotated(b, (size_t)n) != 1)
		return "iban check digits do not match";
	if (norm != NULL)
		memcpy(norm, b, (size_t)n + 1);
	return NULL;
}

const char *
ar_ref_kind_name(enum ar_ref_kind k)
{
	if ((unsigned)k >= sizeof kind_names / sizeof kind_names[0])
		return "";
	return kind_names[k];
}

enum ar_ref_kind
ar_ref_kind_parse(const char *name)
{
	size_t k, i;

	if (name == NULL || *name == '\0')
		return AR_REF_NONE;
	for (k = 1; k < sizeof kind_names / sizeof kind_names[0]; k++) {
		for (i = 0; kind_names[k][i] != '\0'; i++)
			if (to_upper((unsigned char)name[i]) !=
			    to_upper((unsigned char)kind_names[k][i]))
				break;
		if (kind_names[k][i] == '\0' && name[i] == '\0')
			return (enum ar_ref_kind)k;
	}
	return AR_REF_NONE;
}

const char *
ar_ref_check(enum ar_ref_kind k, const char *s, char *norm)
{
	if (s == NULL)
		s = "";
	switch (k) {
	case AR_REF_RF:
		return rf_check(s, norm);
	case AR_REF_OGM:
		return ogm_check(s, norm);
	case AR_REF_KENMERK:
		return kenmerk_check(s, norm);
	case AR_REF_IBAN:
		return iban_check(s, norm);
	default:
		return "unknown reference kind";
	}
}

/*
 * When no kind passes: the kind s most resembles, judged by its shape
 * (spaces ignored), or NONE when it resembles none.
 */
static enum ar_ref_kind
likeliest(const char *s)
{
	char head[4];
	size_t nh = 0, digits = 0, letters = 0;
	int wrap = 0, slash = 0, kpunct = 0, other = 0, c;

	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if (c == ' ')
			continue;
		if (nh < sizeof head)
			head[nh++] = (char)to_upper(c);
		if (is_digit(c))
			digits++;
		else if (is_upper(c) || is_lower(c))
			letters++;
		else if (c == '+' || c == '*')
			wrap = 1;
		else if (c == '/')
			slash = 1;
		else if (c == '.' || c == '(' || c == ')')
			kpunct = 1;
		else
			other = 1;
	}
	if (nh >= 2 && head[0] == 'R' && head[1] == 'F')
		return AR_REF_RF;
	/* Country code and check digits: an IBAN if the country is known
	 * or it is alphanumeric and of an IBAN's length. */
	if (nh == 4 && is_upper((unsigned char)head[0]) &&
	    is_upper((unsigned char)head[1]) &&
	    is_digit((unsigned char)head[2]) &&
	    is_digit((unsigned char)head[3]) &&
	    (iban_length(head) != 0 ||
	    (!other && !wrap && !slash && !kpunct &&
	    digits + letters >= 15 && digits + letters <= IBAN_MAX)))
		return AR_REF_IBAN;
	if (other || letters)
		return AR_REF_NONE;
	if (wrap && !kpunct)
		return AR_REF_OGM;
	if (slash && !kpunct && digits >= 10 && digits <= 14)
		return AR_REF_OGM;
	if (wrap || slash)
		return AR_REF_NONE;
	/* Twelve bare digits: the OGM complaint (the tie goes to OGM). */
	if (!kpunct && digits == OGM_LEN)
		return AR_REF_OGM;
	if (digits >= 7 && digits <= 16)
		return AR_REF_KENMERK;
	return AR_REF_NONE;
}

enum ar_ref_kind
ar_ref_detect(const char *s, char *norm, const char **why)
{
	static const enum ar_ref_kind order[] = {
		AR_REF_RF, AR_REF_OGM, AR_REF_KENMERK, AR_REF_IBAN
	};
	enum ar_ref_kind like;
	size_t i;

	if (s == NULL)
		s = "";
	for (i = 0; i < sizeof order / sizeof order[0]; i++)
		if (ar_ref_check(order[i], s, norm) == NULL) {
			if (why != NULL)
				*why = NULL;
			return order[i];
		}
	if (why != NULL) {
		like = likeliest(s);
		*why = like == AR_REF_NONE ? NULL :
		    ar_ref_check(like, s, NULL);
	}
	return AR_REF_NONE;
}

/* Groups of four from the left after a first group of first chars. */
static void
group4(const char *b, size_t n, size_t first, char *out)
{
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		if (i > 0 && (i == first || (i > first &&
		    (i - first) % 4 == 0)))
			out[o++] = ' ';
		out[o++] = b[i];
	}
	out[o] = '\0';
}

const char *
ar_ref_format(enum ar_ref_kind k, const char *norm, char *out)
{
	char b[AR_REF_BUFSZ];
	const char *err;
	size_t n;

	if ((err = ar_ref_check(k, norm, b)) != NULL)
		return err;
	if (out == NULL)
		return "no output buffer";
	n = strlen(b);
	switch (k) {
	case AR_REF_OGM:
		/* +++ddd/dddd/ddddd+++ (Febelfin). */
		memcpy(out, "+++", 3);
		memcpy(out + 3, b, 3);
		out[6] = '/';
		memcpy(out + 7, b + 3, 4);
		out[11] = '/';
		memcpy(out + 12, b + 7, 5);
		memcpy(out + 17, "+++", 4);
		break;
	case AR_REF_KENMERK:
		/* Groups of four from the right (Betaalvereniging). */
		group4(b, n, n % 4 == 0 ? 4 : n % 4, out);
		break;
	default:
		/* RF (ISO 11649) and IBAN (ISO 13616-1): from the left. */
		group4(b, n, 4, out);
		break;
	}
	return NULL;
}

/*
 * Collect the usable characters of base: letters (upper-cased) and
 * digits when alpha, else digits only.  Stores at most max of them in
 * buf and returns how many there were in all.
 */
static size_t
collect(const char *base, int alpha, char *buf, size_t max)
{
	size_t n = 0;
	int c;

	for (; *base != '\0'; base++) {
		c = (unsigned char)*base;
		if (!(is_digit(c) || (alpha && is_alnum(c))))
			continue;
		if (n < max)
			buf[n] = (char)to_upper(c);
		n++;
	}
	return n;
}

/* Right-align the n digits of src in a zero-filled field of w. */
static void
zero_pad(char *dst, size_t w, const char *src, size_t n)
{
	memset(dst, '0', w - n);
	memcpy(dst + w - n, src, n);
}

const char *
ar_ref_make(enum ar_ref_kind k, const char *base, char *out)
{
	char b[AR_REF_BUFSZ], d[RF_REF_MAX + 1];	/* the longest base */
	size_t n, w;
	int r;

	if (base == NULL)
		base = "";
	switch (k) {
	case AR_REF_RF:
		/* ISO 11649 clause 6.2: append "RF00", 98 - mod 97. */
		n = collect(base, 1, d, RF_REF_MAX);
		if (n == 0)
			return "rf base has no letters or digits";
		if (n > RF_REF_MAX)
			return "rf base has more than 21 letters and digits";
		r = mod97_feed(mod97_feed(0, d, n), "RF00", 4);
		r = 98 - r;
		b[0] = 'R';
		b[1] = 'F';
		b[2] = (char)('0' + r / 10);
		b[3] = (char)('0' + r % 10);
		memcpy(b + 4, d, n);
		b[4 + n] = '\0';
		break;
	case AR_REF_OGM:
		/* Febelfin: ten digits, then their mod 97, 97 for 0. */
		n = collect(base, 0, d, OGM_BASE_MAX);
		if (n == 0)
			return "ogm base has no digits";
		if (n > OGM_BASE_MAX)
			return "ogm base has more than 10 digits";
		zero_pad(b, OGM_BASE_MAX, d, n);
		r = mod97_feed(0, b, OGM_BASE_MAX);
		if (r == 0)
			r = 97;
		b[10] = (char)('0' + r / 10);
		b[11] = (char)('0' + r % 10);
		b[12] = '\0';
		break;
	case AR_REF_KENMERK:
		/*
		 * Betaalvereniging: shortest form C + L + N for up to 12
		 * digits (N at least 7), else C + 15.
		 */
		n = collect(base, 0, d, KEN_BASE_MAX);
		if (n == 0)
			return "kenmerk base has no digits";
		if (n > KEN_BASE_MAX)
			return "kenmerk base has more than 15 digits";
		if (n <= KEN_SHORT_MAX) {
			w = n < 7 ? 7 : n;
			b[1] = (char)('0' + w % 10);
			zero_pad(b + 2, w, d, n);
			w += 1;
		} else {
			w = KEN_BASE_MAX;
			zero_pad(b + 1, w, d, n);
		}
		b[0] = (char)('0' + kenmerk_check_digit(b + 1, w));
		b[w + 1] = '\0';
		break;
	case AR_REF_IBAN:
		return "ibans are not generated";
	default:
		return "unknown reference kind";
	}
	if (out == NULL)
		return "no output buffer";
	memcpy(out, b, strlen(b) + 1);
	return NULL;
}

int
ar_ref_mod97(const char *s)
{
	if (s == NULL)
		return -1;
	return mod97_feed(0, s, strlen(s));
}
