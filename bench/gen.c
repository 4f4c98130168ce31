/*
 * gen.c - deterministic test data for artools.
 *
 * Writes the book of receivables of a fictional Dutch bakery with NL and
 * BE customers: customers.csv, invoices.csv (invoices and credit notes,
 * with --ubl also one UBL 2.1 / Peppol BIS Billing 3.0 document each),
 * the bank account's payments as payments.csv and as ISO 20022
 * camt.053.001.02 statements, and truth.csv, which says which payment
 * pays which invoice, how much, and what makes the payment hard to
 * match (its "kind").  See bench/README.
 *
 * Same arguments, same bytes, on any machine: the only randomness is
 * xoshiro256** seeded from -s, and no float, clock, locale or time zone
 * touches what is written.  Money is an int64 count of cents.
 *
 * Self-contained (libc only) on purpose: the check digits it needs
 * (ISO 13616 IBAN, ISO 11649 RF, Belgian OGM/VCS, Dutch betalingskenmerk,
 * Dutch and Belgian VAT numbers) are computed here, so that the data can
 * test lib/ref.c rather than trust it.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N(a)		(sizeof(a) / sizeof((a)[0]))
#define PICK(r, a)	((a)[below((r), (uint32_t)N(a))])
#define OBUFSZ		(1 << 22)	/* stdio buffer of the big files */

/* ------------------------------------------------------------------ */
/* Errors and memory. */

static void
die(const char *fmt, ...)
{
	va_list ap;

	fputs("gen: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n ? n : 1)) == NULL)
		die("out of memory");
	return p;
}

static void *
xcalloc(size_t n, size_t sz)
{
	void *p;

	if ((p = calloc(n ? n : 1, sz)) == NULL)
		die("out of memory");
	return p;
}

/* ------------------------------------------------------------------ */
/* Random numbers: xoshiro256** seeded by splitmix64 (Blackman, Vigna). */

struct rng {
	uint64_t s[4];
};

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void
rng_seed(struct rng *r, uint64_t seed)
{
	uint64_t x = seed;
	int i;

	for (i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t
rnext(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t res = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return res;
}

/* Uniform in [0, n), n > 0 (Lemire's multiply, integer only). */
static uint32_t
below(struct rng *r, uint32_t n)
{
	return (uint32_t)(((rnext(r) >> 32) * (uint64_t)n) >> 32);
}

static int32_t
range(struct rng *r, int32_t lo, int32_t hi)
{
	return lo + (int32_t)below(r, (uint32_t)(hi - lo + 1));
}

/* True with a probability of permille / 1000. */
static int
pm(struct rng *r, uint32_t permille)
{
	return below(r, 1000) < permille;
}

/* Index drawn from integer weights. */
static int
draw(struct rng *r, const uint16_t *w, int n)
{
	uint32_t sum = 0, x;
	int i;

	for (i = 0; i < n; i++)
		sum += w[i];
	x = below(r, sum);
	for (i = 0; i < n - 1; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

/* ------------------------------------------------------------------ */
/* Dates: days since 1970-01-01, proleptic Gregorian (H. Hinnant). */

static int32_t
days_from_civil(int y, int m, int d)
{
	int era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int32_t)doe - 719468;
}

static void
civil_from_days(int32_t z, int *y, int *m, int *d)
{
	int era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)yoe + era * 400 + (*m <= 2);
}

static int
days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return 29;
	return dm[m - 1];
}

static int32_t
add_months(int32_t z, int k)
{
	int y, m, d, dim;

	civil_from_days(z, &y, &m, &d);
	m += k;
	y += (m - 1) / 12;
	m = (m - 1) % 12 + 1;
	if ((dim = days_in_month(y, m)) < d)
		d = dim;
	return days_from_civil(y, m, d);
}

/* 0 Sunday .. 6 Saturday; 1970-01-01 was a Thursday. */
static int
weekday(int32_t z)
{
	return (int)(((z % 7) + 11) % 7);
}

static int32_t
next_bday(int32_t z)
{
	while (weekday(z) == 0 || weekday(z) == 6)
		z++;
	return z;
}

static int32_t
add_bdays(int32_t z, int k)
{
	while (k-- > 0)
		z = next_bday(z + 1);
	return z;
}

static int
year_of(int32_t z)
{
	int y, m, d;

	civil_from_days(z, &y, &m, &d);
	return y;
}

static int
parse_date(const char *s, int32_t *out)
{
	int y, m, d, i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1971 || y > 9000 || m < 1 || m > 12 || d < 1 ||
	    d > days_in_month(y, m))
		return -1;
	*out = days_from_civil(y, m, d);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Growing byte buffer: one record is built here, then written at once. */

struct sb {
	char *p;
	size_t n, cap;
};

static void
sb_need(struct sb *b, size_t k)
{
	size_t c;

	if (b->n + k <= b->cap)
		return;
	for (c = b->cap ? b->cap : 4096; c < b->n + k; c *= 2)
		;
	b->p = xrealloc(b->p, c);
	b->cap = c;
}

static void
sb_put(struct sb *b, const char *s, size_t k)
{
	sb_need(b, k);
	memcpy(b->p + b->n, s, k);
	b->n += k;
}

static void
sb_s(struct sb *b, const char *s)
{
	sb_put(b, s, strlen(s));
}

/* A string literal, without measuring it. */
#define sb_l(b, lit)	sb_put((b), (lit), sizeof(lit) - 1)

static void
sb_c(struct sb *b, char c)
{
	sb_need(b, 1);
	b->p[b->n++] = c;
}

/* Unsigned decimal, at least w digits (zero-padded). */
static void
sb_u(struct sb *b, uint64_t v, int w)
{
	char t[24];
	int k = 0;

	do {
		t[k++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (k < w)
		t[k++] = '0';
	sb_need(b, (size_t)k);
	while (k)
		b->p[b->n++] = t[--k];
}

/* Cents as a decimal with two digits: -1234.50. */
static void
sb_amt(struct sb *b, int64_t c)
{
	uint64_t v;

	if (c < 0) {
		sb_c(b, '-');
		v = (uint64_t)0 - (uint64_t)c;
	} else
		v = (uint64_t)c;
	sb_u(b, v / 100, 1);
	sb_c(b, '.');
	sb_u(b, v % 100, 2);
}

static void
sb_date(struct sb *b, int32_t z)
{
	int y, m, d;

	civil_from_days(z, &y, &m, &d);
	sb_u(b, (uint64_t)y, 4);
	sb_c(b, '-');
	sb_u(b, (uint64_t)m, 2);
	sb_c(b, '-');
	sb_u(b, (uint64_t)d, 2);
}

/* XML character data or attribute value. */
static void
sb_xml(struct sb *b, const char *s)
{
	const char *e;

	for (;;) {
		e = s + strcspn(s, "&<>\"");
		sb_put(b, s, (size_t)(e - s));
		switch (*e) {
		case '&': sb_l(b, "&amp;"); break;
		case '<': sb_l(b, "&lt;"); break;
		case '>': sb_l(b, "&gt;"); break;
		case '"': sb_l(b, "&quot;"); break;
		default: return;
		}
		s = e + 1;
	}
}

/* One RFC 4180 field: quoted when it holds a comma, quote or newline. */
static void
sb_csv(struct sb *b, const char *s)
{
	if (s[strcspn(s, ",\"\r\n")] == '\0') {
		sb_s(b, s);
		return;
	}
	sb_c(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			sb_c(b, '"');
		sb_c(b, *s);
	}
	sb_c(b, '"');
}

/* <tag>escaped text</tag> */
static void
sb_el(struct sb *b, const char *tag, const char *text)
{
	sb_c(b, '<');
	sb_s(b, tag);
	sb_c(b, '>');
	sb_xml(b, text);
	sb_l(b, "</");
	sb_s(b, tag);
	sb_c(b, '>');
}

/* <tag currencyID="EUR">1.00</tag>, attr names the currency attribute */
static void
sb_money(struct sb *b, const char *tag, const char *attr, const char *ccy,
    int64_t c)
{
	sb_c(b, '<');
	sb_s(b, tag);
	sb_c(b, ' ');
	sb_s(b, attr);
	sb_l(b, "=\"");
	sb_s(b, ccy);
	sb_l(b, "\">");
	sb_amt(b, c);
	sb_l(b, "</");
	sb_s(b, tag);
	sb_c(b, '>');
}

/* Bounded string append that never splits a UTF-8 sequence. */
struct bstr {
	char *p;
	size_t n, cap;
};

static void
bs_init(struct bstr *s, char *buf, size_t cap)
{
	s->p = buf;
	s->n = 0;
	s->cap = cap;
	buf[0] = '\0';
}

static void
bs_add(struct bstr *s, const char *t)
{
	size_t k = strlen(t), room = s->cap - 1 - s->n;

	if (k > room) {
		k = room;
		while (k > 0 && ((unsigned char)t[k] & 0xC0) == 0x80)
			k--;
	}
	memcpy(s->p + s->n, t, k);
	s->n += k;
	s->p[s->n] = '\0';
}

static void
bs_fmt(struct bstr *s, const char *fmt, ...)
{
	char t[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t, sizeof t, fmt, ap);
	va_end(ap);
	bs_add(s, t);
}

/* Cut s to at most max bytes at a character boundary, drop end blanks. */
static void
utf8_cut(char *s, size_t max)
{
	size_t k = strlen(s);

	if (k > max) {
		k = max;
		while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
		s[k] = '\0';
	}
	while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '.' ||
	    s[k - 1] == ','))
		s[--k] = '\0';
}

/* Copy src into dst of size sz, cut at a character boundary. */
static void
str_copy(char *dst, size_t sz, const char *src)
{
	size_t k = strlen(src);

	if (k >= sz) {
		k = sz - 1;
		while (k > 0 && ((unsigned char)src[k] & 0xC0) == 0x80)
			k--;
	}
	memcpy(dst, src, k);
	dst[k] = '\0';
}

/*
 * Upper case as banks print it: ASCII letters upper-cased, Latin-1
 * accented letters (two bytes, C3 xx) folded to their base letter.
 */
static void
bank_upper(char *s)
{
	static const char fold[65] =
	    "AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTSAAAAAAACEEEEIIIIDNOOOOO/OUUUUYTY";
	unsigned char *r = (unsigned char *)s;
	char *w = s;

	while (*r) {
		if (*r == 0xC3 && r[1] >= 0x80 && r[1] <= 0xBF) {
			*w++ = fold[r[1] - 0x80];
			r += 2;
		} else if (*r >= 0x80) {
			r++;
			while ((*r & 0xC0) == 0x80)
				r++;
			*w++ = '?';
		} else {
			*w++ = (char)(*r >= 'a' && *r <= 'z' ? *r - 32 : *r);
			r++;
		}
	}
	*w = '\0';
}

static void
ascii_lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s + 32);
}

/* Replace the first "from" in s (of size sz) by "to". */
static void
replace1(char *s, size_t sz, const char *from, const char *to)
{
	char *p = strstr(s, from);
	size_t lf = strlen(from), lt = strlen(to), rest;

	if (p == NULL || strlen(s) - lf + lt >= sz)
		return;
	rest = strlen(p + lf) + 1;
	memmove(p + lt, p + lf, rest);
	memcpy(p, to, lt);
}

/* ------------------------------------------------------------------ */
/* Check digits. */

/* ISO 7064 MOD 97-10 of digits and upper-case letters (A = 10). */
static int
mod97(const char *s)
{
	int m = 0;

	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			m = (m * 10 + (*s - '0')) % 97;
		else if (*s >= 'A' && *s <= 'Z')
			m = (m * 100 + (*s - 'A' + 10)) % 97;
	}
	return m;
}

/* ISO 13616: check digits = 98 - mod97(BBAN + country + "00"). */
static void
iban_make(const char *cc, const char *bban, char *out)
{
	char t[48];

	int c;

	snprintf(t, sizeof t, "%s%s00", bban, cc);
	c = 98 - mod97(t);
	out[0] = cc[0];
	out[1] = cc[1];
	out[2] = (char)('0' + c / 10);
	out[3] = (char)('0' + c % 10);
	strcpy(out + 4, bban);
}

static void
digits(struct rng *r, char *out, int n)
{
	int i;

	for (i = 0; i < n; i++)
		out[i] = (char)('0' + below(r, 10));
	out[n] = '\0';
}

static void
nl_iban(struct rng *r, char *out)
{
	static const char *const bank[] = {"ABNA", "INGB", "INGB", "RABO",
	    "RABO", "SNSB", "TRIO", "ASNB", "KNAB", "BUNQ", "RBRB"};
	char bban[16];

	strcpy(bban, PICK(r, bank));
	digits(r, bban + 4, 10);
	iban_make("NL", bban, out);
}

/* Belgian account: bank 3 + account 7 + (first 10 mod 97, 0 -> 97). */
static void
be_iban(struct rng *r, char *out)
{
	static const char *const bank[] = {"001", "063", "068", "103",
	    "310", "363", "377", "734", "735", "737", "750", "751", "973"};
	char bban[16];
	long long v;
	int c;

	strcpy(bban, PICK(r, bank));
	digits(r, bban + 3, 7);
	v = strtoll(bban, NULL, 10);
	c = (int)(v % 97);
	snprintf(bban + 10, 6, "%02d", c ? c : 97);
	iban_make("BE", bban, out);
}

/* ISO 11649 creditor reference: "RF" + (98 - mod97(base + "RF00")). */
static void
rf_make(const char *base, char *out)
{
	char t[32];

	int c;

	snprintf(t, sizeof t, "%sRF00", base);
	c = 98 - mod97(t);
	out[0] = 'R';
	out[1] = 'F';
	out[2] = (char)('0' + c / 10);
	out[3] = (char)('0' + c % 10);
	strcpy(out + 4, base);
}

/* Belgian OGM/VCS: 10 digits + (those mod 97, 0 -> 97). */
static void
ogm_make(uint64_t base, char *out)
{
	int c = (int)(base % 97);

	snprintf(out, 16, "%010llu%02d", (unsigned long long)base,
	    c ? c : 97);
}

/*
 * Dutch betalingskenmerk, 16-digit form: check digit + 15 digits.
 * Weights from the right 2,4,8,5,10,9,7,3,6,1 repeating; C = 11 -
 * (sum mod 11), 10 -> 1, 11 -> 0 (Betaalvereniging Nederland).
 */
static void
kenmerk_make(const char *d15, char *out)
{
	static const int w[10] = {2, 4, 8, 5, 10, 9, 7, 3, 6, 1};
	int k, sum = 0, c;

	for (k = 0; k < 15; k++)
		sum += (d15[14 - k] - '0') * w[k % 10];
	c = 11 - sum % 11;
	if (c == 10)
		c = 1;
	else if (c == 11)
		c = 0;
	out[0] = (char)('0' + c);
	memcpy(out + 1, d15, 15);
	out[16] = '\0';
}

/* Dutch VAT number (old form): 9 digits passing the elfproef + B01. */
static void
nl_vat(struct rng *r, char *out)
{
	char d[10];
	int i, sum;

	for (;;) {
		digits(r, d, 8);
		if (d[0] == '0')
			d[0] = '8';
		for (sum = 0, i = 0; i < 8; i++)
			sum += (d[i] - '0') * (9 - i);
		if (sum % 11 < 10)
			break;
	}
	d[8] = (char)('0' + sum % 11);
	d[9] = '\0';
	memcpy(out, "NL", 2);
	memcpy(out + 2, d, 9);
	memcpy(out + 11, "B0", 2);
	out[13] = (char)('1' + below(r, 3));
	out[14] = '\0';
}

/* Belgian enterprise number: 0 + 7 digits + (97 - first 8 mod 97). */
static void
be_enterprise(struct rng *r, char *out)
{
	char d[12];
	long v;

	d[0] = '0';
	digits(r, d + 1, 7);
	if (d[1] == '0')
		d[1] = '4';
	v = 97 - strtol(d, NULL, 10) % 97;
	d[8] = (char)('0' + v / 10);
	d[9] = (char)('0' + v % 10);
	d[10] = '\0';
	strcpy(out, d);
}

/* ------------------------------------------------------------------ */
/* Options and the period. */

static long opt_n = 1000;
static long opt_c = -1;
static uint64_t opt_seed = 1;
static const char *opt_dir = ".";
static int32_t opt_start;
static int opt_months = 12;
static int opt_ubl, opt_permonth;

static int32_t d_start, d_end;	/* the book covers [d_start, d_end) */
static int32_t *mstart;		/* opt_months + 1 period boundaries */
static int32_t *bd;		/* business days of the period */
static size_t nbd;
static int32_t *mend;		/* last business day of each month */

/* ------------------------------------------------------------------ */
/* The firm. */

#define FIRM_NAME	"Bakkerij De Gouden Korst B.V."
#define FIRM_KVK	"30274419"
#define FIRM_BIC	"RABONL2U"
#define FIRM_STREET	"Korenmolenweg 14"
#define FIRM_ZIP	"3812 PG"
#define FIRM_CITY	"Amersfoort"
#define FIRM_MAIL	"debiteuren@goudenkorst.example"
static char firm_iban[24], firm_savings[24], firm_vat[20];
static int64_t opening;		/* balance at the start of the period */

/* ------------------------------------------------------------------ */
/* Names. */

enum { NL, BE };
enum { LNL, LFR, LEN };
enum { SEG_CONSUMER, SEG_RETAIL, SEG_HORECA, SEG_WHOLESALE, SEG_SMB,
    SEG_PUBLIC };

static const char *const lang_name[] = {"nl", "fr", "en"};
static const char *const seg_name[] = {"consumer", "retail", "horeca",
    "wholesale", "smb", "public"};

/* Dutch surnames keep the tussenvoegsel lower case after a first name. */
static const char *const sur_nl[] = {"Jansen", "de Vries", "van den Berg",
    "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
    "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen",
    "Dekker", "Brouwer", "de Wit", "Dijkstra", "de Graaf", "van der Meer",
    "van der Linden", "Kok", "de Haan", "van den Heuvel", "van der Veen",
    "van den Broek", "de Bruijn", "van der Heijden", "Schouten",
    "van Beek", "van Vliet", "Hoekstra", "Maas", "Verhoeven", "Koster",
    "van Dam", "Prins", "Blom", "Huisman", "Kuipers", "Veenstra", "Post",
    "Scholten", "van Wijk", "Timmermans", "Groen", "Gerritsen", "Bosman",
    "van der Berg", "'t Hart"};
static const char *const sur_be[] = {"Peeters", "Janssens", "Maes",
    "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters",
    "De Smet", "Van Damme", "Hermans", "Michiels", "Vermeulen",
    "De Clercq", "Lemmens", "Stevens", "Verstraete", "Pauwels", "Aerts",
    "Hendrickx", "Vandenberghe", "Van den Broeck", "De Backer", "Cools",
    "Verhaegen", "Coppens", "Van Acker", "Segers", "Vanhoutte"};
static const char *const sur_fr[] = {"Dubois", "Lambert", "Dupont",
    "Martin", "Leclercq", "Lejeune", "Renard", "Dumont", "Simon",
    "Laurent", "Gérard", "François", "Lefèvre", "Mathieu", "Denis",
    "Collard", "Noël", "Leroy", "Fontaine", "Delvaux"};
static const char *const first_nl[] = {"Jan", "Piet", "Kees", "Anna",
    "Sanne", "Lotte", "Daan", "Emma", "Sophie", "Bram", "Thijs", "Eva",
    "Femke", "Ruben", "Lucas", "Marieke", "Willem", "Joost", "Ingrid",
    "Henk"};
static const char *const first_be[] = {"Luc", "Marc", "Els", "Katrien",
    "Bart", "Wim", "Sofie", "Jeroen", "An", "Tom", "Lieve", "Koen",
    "Nathalie", "Pieter", "Griet"};
static const char *const first_fr[] = {"Pierre", "Hélène", "François",
    "Camille", "Julie", "Nathalie", "Jean", "Luc", "Sophie", "Michel",
    "Isabelle", "Benoît", "Céline", "Philippe", "Anne"};
static const char *const noun_nl[] = {"Gouden Leeuw", "Zwaan", "Molen",
    "Linde", "Hoek", "Kroon", "Eik", "Sterre", "Haven", "Vlinder",
    "Klaproos", "Hooiberg", "Zon", "Brug", "Tulp", "Kastanje"};
static const char *const noun_fr[] = {"Soleil", "Moulin", "Lion d'Or",
    "Marché", "Tilleul", "Pont", "Étoile", "Coin", "Chêne", "Jardin"};
static const char *const trade_nl[] = {"Installatie", "Transport",
    "Consultancy", "Bouw", "Techniek", "Advies", "Logistiek",
    "Schoonmaak", "Media", "Events", "Vastgoed", "Automatisering"};
static const char *const trade_fr[] = {"Construction", "Transports",
    "Conseil", "Nettoyage", "Logistique", "Services", "Informatique",
    "Événements"};

struct city {
	const char *name;
	int lo, hi;	/* postal codes */
};
static const struct city city_nl[] = {{"Amsterdam", 1011, 1109},
    {"Rotterdam", 3011, 3089}, {"Utrecht", 3511, 3585},
    {"Amersfoort", 3811, 3829}, {"Zwolle", 8011, 8043},
    {"Haarlem", 2011, 2037}, {"Leiden", 2311, 2334}, {"Delft", 2611, 2629},
    {"Breda", 4811, 4839}, {"Tilburg", 5011, 5049},
    {"Eindhoven", 5611, 5658}, {"Nijmegen", 6511, 6546},
    {"Arnhem", 6811, 6846}, {"Groningen", 9711, 9747},
    {"'s-Hertogenbosch", 5211, 5249}, {"Maastricht", 6211, 6229},
    {"Deventer", 7411, 7443}, {"Alkmaar", 1811, 1834},
    {"Gouda", 2801, 2809}, {"Ede", 6711, 6720}};
static const struct city city_be[] = {{"Antwerpen", 2000, 2000},
    {"Gent", 9000, 9000}, {"Brugge", 8000, 8000}, {"Leuven", 3000, 3001},
    {"Mechelen", 2800, 2800}, {"Hasselt", 3500, 3500},
    {"Kortrijk", 8500, 8500}, {"Aalst", 9300, 9300},
    {"Sint-Niklaas", 9100, 9100}, {"Genk", 3600, 3600},
    {"Oostende", 8400, 8400}, {"Roeselare", 8800, 8800}};
static const struct city city_fr[] = {{"Liège", 4000, 4000},
    {"Namur", 5000, 5000}, {"Charleroi", 6000, 6000}, {"Mons", 7000, 7000},
    {"Wavre", 1300, 1300}, {"Tournai", 7500, 7500},
    {"Louvain-la-Neuve", 1348, 1348}, {"Arlon", 6700, 6700}};
static const char *const street_nl[] = {"Kerkstraat", "Dorpsstraat",
    "Molenweg", "Stationsweg", "Industrieweg", "Marktplein", "Nieuwstraat",
    "Hoofdstraat", "Schoolstraat", "Julianalaan", "Beatrixstraat",
    "Havenkade", "Lindenlaan", "Parallelweg", "Ambachtsweg"};
static const char *const street_be[] = {"Kerkstraat", "Stationsstraat",
    "Molenstraat", "Nieuwstraat", "Grote Markt", "Industrielaan",
    "Kapelstraat", "Dorpsplein", "Bredabaan", "Leopoldlaan"};
static const char *const street_fr[] = {"Rue de la Station",
    "Rue de l'Église", "Chaussée de Namur", "Place du Marché", "Rue Haute",
    "Avenue des Tilleuls", "Rue du Moulin", "Rue de la Gare"};

/* ------------------------------------------------------------------ */
/* Customers. */

struct cust {
	char id[24];
	char name[160];
	char first[24];		/* persons: first name */
	char sur[40];		/* persons: surname as after a first name */
	char email[96];
	char vat[20];
	char eas[8], endpoint[24];
	char street[56], zip[12], city[32];
	char iban[3][24];
	int64_t credit;
	uint8_t niban, country, lang, b2c, seg, terms, payer;
};

static struct cust *C;
static size_t nc;

/* A surname at the start of a name: first letter upper case. */
static void
cap_first(char *dst, size_t sz, const char *s)
{
	str_copy(dst, sz, s);
	if (dst[0] >= 'a' && dst[0] <= 'z')	/* 't Hart stays */
		dst[0] = (char)(dst[0] - 32);
}

/* a-z0-9 with single dashes, for e-mail domains. */
static void
slug(const char *s, char *out, size_t sz)
{
	char t[96];
	size_t n = 0;
	int dash = 0;
	const char *p;

	str_copy(t, sizeof t, s);
	bank_upper(t);
	ascii_lower(t);
	for (p = t; *p && n + 2 < sz && n < 30; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) {
			if (dash && n > 0)
				out[n++] = '-';
			out[n++] = *p;
			dash = 0;
		} else if (*p == ' ' || *p == '-' || *p == '&')
			dash = 1;
	}
	if (n == 0)
		out[n++] = 'x';
	out[n] = '\0';
}

static void
gen_customer(struct rng *r, struct cust *c, size_t k, int idw)
{
	static const uint16_t wseg[] = {0, 35, 25, 15, 15, 10};
	const char *const *sur, *const *first, *const *noun, *const *trade;
	size_t nsur, nfirst, nnoun, ntrade;
	const struct city *ct;
	char s1[48], s2[48], core[128], dom[40];
	const char *form = "", *street;
	int g, i, x, l1, l2;

	{
		char num[24];
		int nd = snprintf(num, sizeof num, "%lu", (unsigned long)k + 1);

		c->id[0] = 'C';
		memset(c->id + 1, '0', 12);
		nd = nd < idw ? idw - nd : 0;
		strcpy(c->id + 1 + nd, num);
	}
	c->country = pm(r, 650) ? NL : BE;
	if (c->country == NL)
		c->lang = pm(r, 950) ? LNL : LEN;
	else {
		x = (int)below(r, 100);
		c->lang = x < 55 ? LNL : x < 95 ? LFR : LEN;
	}
	g = c->country == NL ? 0 : c->lang == LFR ? 2 : 1;
	c->b2c = (uint8_t)pm(r, 250);
	c->seg = c->b2c ? SEG_CONSUMER : (uint8_t)draw(r, wseg, N(wseg));

	if (g == 0) {
		sur = sur_nl, nsur = N(sur_nl), first = first_nl;
		nfirst = N(first_nl), noun = noun_nl, nnoun = N(noun_nl);
		trade = trade_nl, ntrade = N(trade_nl);
		ct = &city_nl[below(r, N(city_nl))];
		street = PICK(r, street_nl);
		x = range(r, ct->lo, ct->hi);
		l1 = 'A' + range(r, 0, 23);
		l2 = 'A' + range(r, 0, 25);
		snprintf(c->zip, sizeof c->zip, "%04d %c%c", x, l1, l2);
	} else {
		if (g == 1) {
			sur = sur_be, nsur = N(sur_be), first = first_be;
			nfirst = N(first_be), noun = noun_nl;
			nnoun = N(noun_nl), trade = trade_nl;
			ntrade = N(trade_nl);
			ct = &city_be[below(r, N(city_be))];
			street = PICK(r, street_be);
		} else {
			sur = sur_fr, nsur = N(sur_fr), first = first_fr;
			nfirst = N(first_fr), noun = noun_fr;
			nnoun = N(noun_fr), trade = trade_fr;
			ntrade = N(trade_fr);
			ct = &city_fr[below(r, N(city_fr))];
			street = PICK(r, street_fr);
		}
		snprintf(c->zip, sizeof c->zip, "%d", range(r, ct->lo, ct->hi));
	}
	x = range(r, 1, 240);
	snprintf(c->street, sizeof c->street, "%s %d", street, x);
	str_copy(c->city, sizeof c->city, ct->name);

	str_copy(c->sur, sizeof c->sur, sur[below(r, (uint32_t)nsur)]);
	snprintf(c->first, sizeof c->first, "%s",
	    first[below(r, (uint32_t)nfirst)]);
	cap_first(s1, sizeof s1, c->sur);
	cap_first(s2, sizeof s2, sur[below(r, (uint32_t)nsur)]);
	const char *nn = noun[below(r, (uint32_t)nnoun)];
	const char *tr = trade[below(r, (uint32_t)ntrade)];

	x = (int)below(r, 6);
	switch (c->seg) {
	case SEG_CONSUMER:
		if (pm(r, 300))
			snprintf(core, sizeof core, "%c. %s", c->first[0],
			    c->sur);
		else
			snprintf(core, sizeof core, "%s %s", c->first, c->sur);
		break;
	case SEG_RETAIL:
		if (g == 2) {
			static const char *const f[] = {"Épicerie %s",
			    "Boucherie %s", "Supérette %s", "%s Alimentation"};
			snprintf(core, sizeof core, f[x % 4], s1);
		} else {
			static const char *const f[] = {"Supermarkt %s",
			    "%s Versmarkt", "Slagerij %s", "Delicatessen %s",
			    "Buurtwinkel %s", "%s Retail"};
			snprintf(core, sizeof core, f[x], s1);
		}
		break;
	case SEG_HORECA:
		if (g == 2) {
			static const char *const f[] = {"Restaurant Le %s",
			    "Brasserie du %s", "Taverne %s", "Hôtel du %s"};
			snprintf(core, sizeof core, f[x % 4],
			    x % 4 == 2 ? s1 : nn);
		} else {
			static const char *const f[] = {"Restaurant De %s",
			    "Café De %s", "Hotel De %s", "Lunchroom De %s",
			    "Brasserie %s", "%s Catering"};
			snprintf(core, sizeof core, f[x], x >= 4 ? s1 : nn);
		}
		break;
	case SEG_WHOLESALE:
		if (g == 2) {
			static const char *const f[] = {"%s & Fils",
			    "Grossiste %s", "%s Distribution"};
			snprintf(core, sizeof core, f[x % 3], s1);
		} else if (x < 2)
			snprintf(core, sizeof core, "%s & %s", s1,
			    g == 0 ? "Zn." : "Zonen");
		else if (x < 4)
			snprintf(core, sizeof core, "%s Groothandel", s1);
		else
			snprintf(core, sizeof core, "Foodservice %s", ct->name);
		break;
	case SEG_SMB:
		if (x < 4 && g == 2)
			snprintf(core, sizeof core, "%s %s", tr, s1);
		else if (x < 4)
			snprintf(core, sizeof core, "%s %s", s1, tr);
		else
			snprintf(core, sizeof core, "%s & %s %s", s1, s2,
			    g == 2 ? "Associés" : x == 4 ? "Advocaten" :
			    "Accountants");
		break;
	default:	/* public */
		if (g == 0) {
			static const char *const f[] = {"Gemeente %s",
			    "Stichting Zorggroep %s", "Stichting Welzijn %s",
			    "Basisschool De %s"};
			snprintf(core, sizeof core, f[x % 4],
			    x % 4 == 3 ? nn : ct->name);
		} else if (g == 1) {
			static const char *const f[] = {"Stad %s", "OCMW %s",
			    "Gemeentelijke Basisschool %s"};
			snprintf(core, sizeof core, f[x % 3], ct->name);
		} else {
			static const char *const f[] = {"Ville de %s",
			    "CPAS de %s", "Athénée Royal de %s"};
			snprintf(core, sizeof core, f[x % 3], ct->name);
		}
		break;
	}
	if (c->seg != SEG_CONSUMER && c->seg != SEG_PUBLIC) {
		x = (int)below(r, 100);
		if (g == 0)
			form = x < 45 ? " B.V." : x < 55 ? " V.O.F." : "";
		else if (g == 1)
			form = x < 35 ? " BV" : x < 50 ? " BVBA" : x < 60 ?
			    " NV" : "";
		else
			form = x < 35 ? " SRL" : x < 50 ? " SPRL" : x < 60 ?
			    " SA" : "";
	}
	snprintf(c->name, sizeof c->name, "%s%s", core, form);

	/* e-mail: fictional, RFC 2606 reserved top-level domain */
	if (c->b2c) {
		slug(c->sur, dom, sizeof dom);
		snprintf(c->email, sizeof c->email, "%c.%s%02d@mail.example",
		    c->first[0] >= 'A' && c->first[0] <= 'Z' ?
		    c->first[0] + 32 : 'x', dom, range(r, 1, 99));
	} else {
		static const char *const box[3][4] = {
		    {"info", "administratie", "facturen", "crediteuren"},
		    {"info", "comptabilite", "factures", "admin"},
		    {"info", "accounts", "invoices", "finance"}};
		slug(core, dom, sizeof dom);
		snprintf(c->email, sizeof c->email, "%s@%s.example",
		    box[c->lang][below(r, 4)], dom);
	}

	/* identifiers for Peppol: KvK (0106), KBO (0208), else e-mail */
	c->vat[0] = '\0';
	if (c->b2c) {
		strcpy(c->eas, "EM");
		str_copy(c->endpoint, sizeof c->endpoint, "");
	} else if (c->country == NL) {
		nl_vat(r, c->vat);
		strcpy(c->eas, "0106");
		snprintf(c->endpoint, sizeof c->endpoint, "%d",
		    range(r, 10000000, 99999999));
	} else {
		char ent[12];

		be_enterprise(r, ent);
		snprintf(c->vat, sizeof c->vat, "BE%s", ent);
		strcpy(c->eas, "0208");
		str_copy(c->endpoint, sizeof c->endpoint, ent);
	}

	x = (int)below(r, 100);
	c->niban = (uint8_t)(x < 80 ? 1 : x < 97 ? 2 : 3);
	for (i = 0; i < c->niban; i++) {
		if ((c->country == NL) != pm(r, 50))
			nl_iban(r, c->iban[i]);
		else
			be_iban(r, c->iban[i]);
	}

	switch (c->seg) {
	case SEG_CONSUMER:
		c->terms = 14;
		break;
	case SEG_WHOLESALE:
		c->terms = pm(r, 600) ? 30 : 60;
		break;
	case SEG_PUBLIC:
		c->terms = pm(r, 700) ? 30 : 60;
		break;
	default:
		c->terms = pm(r, 500) ? 14 : 30;
		break;
	}
	x = (int)below(r, 100);
	if (c->seg == SEG_PUBLIC)
		c->payer = (uint8_t)(x < 20 ? 0 : x < 70 ? 1 : 2);
	else if (c->seg == SEG_CONSUMER)
		c->payer = (uint8_t)(x < 60 ? 0 : x < 90 ? 1 : 2);
	else
		c->payer = (uint8_t)(x < 50 ? 0 : x < 85 ? 1 : 2);

	switch (c->seg) {
	case SEG_CONSUMER:
		c->credit = pm(r, 700) ? 0 : 100000;
		break;
	case SEG_WHOLESALE:
		c->credit = (int64_t)range(r, 10, 100) * 250000;
		break;
	case SEG_PUBLIC:
		c->credit = (int64_t)range(r, 4, 40) * 250000;
		break;
	default:
		c->credit = (int64_t)range(r, 1, 20) * 250000;
		break;
	}
}

static void
gen_customers(void)
{
	struct rng r;
	size_t k;
	int idw = 5;

	rng_seed(&r, opt_seed ^ 0x637573746f6d6572ULL);
	for (k = 100000; k <= nc && idw < 12; k *= 10)
		idw++;
	C = xcalloc(nc, sizeof *C);
	for (k = 0; k < nc; k++)
		gen_customer(&r, &C[k], k, idw);
}

/* ------------------------------------------------------------------ */
/* Invoices and credit notes. */

enum { T_INV, T_CN };
enum { CUR_EUR, CUR_USD, CUR_GBP };
enum { REF_NONE, REF_KENMERK, REF_OGM, REF_RF };
enum { F_OPEN, F_UNPAID, F_CREDITED, F_PAID };

static const char *const cur_name[] = {"EUR", "USD", "GBP"};
/* EUR per unit of the currency, in millionths */
static const uint32_t cur_rate[] = {1000000, 924300, 1171500};

struct prod {
	const char *name;
	int32_t price;		/* cents */
	int svc;		/* 1: a service or a one-off, quantity 1-4 */
};
static const struct prod prods[] = {
	{"Volkorenbrood", 265, 0}, {"Witbrood heel", 235, 0},
	{"Stokbrood", 189, 0}, {"Croissants (doos 24)", 1680, 0},
	{"Krentenbollen (zak 6)", 329, 0}, {"Appeltaart groot", 2450, 0},
	{"Slagroomtaart", 2995, 0}, {"Tompouces (doos 12)", 1440, 0},
	{"Broodjes wit (zak 50)", 1750, 0}, {"Speculaas 500 g", 595, 0},
	{"Koffiebroodjes (doos 40)", 2200, 0}, {"Glutenvrij brood", 495, 0},
	{"Catering lunchpakket", 1295, 0},
	{"Verjaardagstaart op maat", 5950, 1}, {"Bezorgkosten", 1500, 1},
	{"Weekabonnement broodlevering", 18500, 1},
	{"Bruidstaart & bonbons", 34500, 1},
};
static const int qty_hi[] = {6, 200, 80, 2000, 40, 400};	/* by segment */

struct inv {
	int64_t net, amount;	/* cents; amount = net + VAT, always >= 0 */
	int32_t issue, due, cust;
	int32_t credit;		/* invoice: its credit note, else -1 */
	int32_t billing;	/* credit note: the invoice, else -1 */
	int32_t prev, next;	/* same customer's documents, by date */
	int32_t seq;
	int32_t qty[2], price[2];
	int16_t year;
	uint8_t type, cur, nlines, item[2], reftype, fate;
	char ref[24];		/* electronic form */
	char oref[32];
};

static struct inv *I;
static size_t ni;
static int idw[2] = {6, 6};	/* digits of the sequence, per type */

static void
inv_id(const struct inv *v, char *buf)
{
	snprintf(buf, 32, "%s-%04d-%0*d", v->type == T_CN ? "CN" : "INV",
	    v->year, idw[v->type], v->seq);
}

static int64_t
vat21(int64_t net)
{
	return (net * 21 + 50) / 100;	/* half up, non-negative net */
}

static void
set_totals(struct inv *v)
{
	int k;

	v->net = 0;
	for (k = 0; k < v->nlines; k++)
		v->net += (int64_t)v->qty[k] * v->price[k];
	v->amount = v->net + vat21(v->net);
}

static void
gen_invoices(void)
{
	struct rng r;
	int32_t ndays = d_end - d_start, dd, *last;
	uint32_t *cnt, k;
	size_t i, j;
	int y0 = year_of(d_start), ny = year_of(d_end - 1) - y0 + 1, x, t;
	int32_t *ctr;

	rng_seed(&r, opt_seed ^ 0x696e766f69636573ULL);
	cnt = xcalloc((size_t)ndays, sizeof *cnt);
	for (i = 0; i < ni; i++) {
		dd = pm(&r, 100) ? mend[below(&r, (uint32_t)opt_months)] :
		    bd[below(&r, (uint32_t)nbd)];
		cnt[dd - d_start]++;
	}
	I = xcalloc(ni, sizeof *I);
	last = xcalloc(nc, sizeof *last);
	for (j = 0; j < nc; j++)
		last[j] = -1;
	i = 0;
	for (dd = 0; dd < ndays; dd++)
	for (k = 0; k < cnt[dd]; k++, i++) {
		struct inv *v = &I[i];
		uint32_t a = below(&r, (uint32_t)nc), b = below(&r, (uint32_t)nc);
		const struct cust *c;
		int32_t cand = -1, p;
		int steps;

		v->issue = d_start + dd;
		v->cust = (int32_t)(a < b ? a : b);
		c = &C[v->cust];
		v->due = v->issue + c->terms;
		v->credit = v->billing = v->next = -1;
		v->prev = last[v->cust];
		if (v->prev >= 0)
			I[v->prev].next = (int32_t)i;
		last[v->cust] = (int32_t)i;
		v->year = (int16_t)year_of(v->issue);

		/* ~3%: a credit note on one of the customer's last invoices */
		if (pm(&r, 34))
			for (p = v->prev, steps = 0; p >= 0 && steps < 5;
			    p = I[p].prev, steps++)
				if (I[p].type == T_INV && I[p].credit < 0 &&
				    I[p].issue >= v->issue - 90) {
					cand = p;
					if (pm(&r, 600))
						break;
				}
		if (cand >= 0) {
			struct inv *o = &I[cand];

			v->type = T_CN;
			v->billing = cand;
			o->credit = (int32_t)i;
			v->cur = o->cur;
			if (pm(&r, 300)) {	/* full credit */
				v->nlines = o->nlines;
				memcpy(v->qty, o->qty, sizeof v->qty);
				memcpy(v->price, o->price, sizeof v->price);
				memcpy(v->item, o->item, sizeof v->item);
			} else {		/* goods returned */
				t = (int)below(&r, o->nlines);
				v->nlines = 1;
				v->item[0] = o->item[t];
				v->price[0] = o->price[t];
				v->qty[0] = range(&r, 1, o->qty[t] > 1 ?
				    o->qty[t] - 1 : 1);
			}
			memcpy(v->oref, o->oref, sizeof v->oref);
			set_totals(v);
			continue;
		}

		v->type = T_INV;
		v->cur = CUR_EUR;
		if (pm(&r, 10))
			v->cur = pm(&r, 600) ? CUR_USD : CUR_GBP;
		v->nlines = (uint8_t)(pm(&r, 550) ? 1 : 2);
		for (t = 0; t < v->nlines; t++) {
			const struct prod *pr;

			do
				v->item[t] = (uint8_t)below(&r, N(prods));
			while (t == 1 && v->item[1] == v->item[0]);
			pr = &prods[v->item[t]];
			v->price[t] = pr->price;
			v->qty[t] = pr->svc ? range(&r, 1, 4) :
			    range(&r, 1, qty_hi[c->seg]);
		}
		set_totals(v);

		x = (int)below(&r, 100);
		if (c->seg == SEG_CONSUMER) {
			if (x < 20)
				snprintf(v->oref, sizeof v->oref, "WS-%d",
				    range(&r, 100000, 999999));
		} else if (c->seg == SEG_WHOLESALE || c->seg == SEG_PUBLIC) {
			if (x < 80)
				snprintf(v->oref, sizeof v->oref, "4500%06d",
				    range(&r, 0, 999999));
		} else if (x < 50)
			snprintf(v->oref, sizeof v->oref, "PO-%d-%05d",
			    v->year, range(&r, 1, 99999));
	}

	/* number by type and year, in date order; then the references */
	ctr = xcalloc((size_t)(2 * ny), sizeof *ctr);
	for (i = 0; i < ni; i++) {
		struct inv *v = &I[i];
		const struct cust *c = &C[v->cust];
		char base[24];

		v->seq = ++ctr[v->type * ny + (v->year - y0)];
		if (v->seq >= 1000000 && idw[v->type] < 7)
			idw[v->type] = 7;
		if (v->type != T_INV)
			continue;
		x = (int)below(&r, 100);
		if (c->country == NL)
			v->reftype = x < 50 ? REF_KENMERK : x < 60 ? REF_RF :
			    REF_NONE;
		else
			v->reftype = x < 60 ? REF_OGM : x < 80 ? REF_RF :
			    REF_NONE;
		switch (v->reftype) {
		case REF_KENMERK:
			snprintf(base, sizeof base, "%06d%02d%07d",
			    v->cust % 1000000, v->year % 100,
			    v->seq % 10000000);
			kenmerk_make(base, v->ref);
			break;
		case REF_OGM:
			ogm_make((uint64_t)(v->year % 100) * 100000000u +
			    (uint64_t)(v->seq % 100000000), v->ref);
			break;
		case REF_RF:
			snprintf(base, sizeof base, "%02d%06d%07d",
			    v->year % 100, v->cust % 1000000,
			    v->seq % 10000000);
			rf_make(base, v->ref);
			break;
		}
	}
	free(ctr);
	free(cnt);
	free(last);
}

/* ------------------------------------------------------------------ */
/* Payments. */

enum {
	K_REFERENCE, K_TEXT, K_IBAN, K_NAME, K_PARTIAL, K_OVER, K_MULTI,
	K_DISCOUNT, K_SMALLDIFF, K_CURRENCY, K_NETTED, K_REVERSAL, K_REFUND,
	K_UNRELATED, NKIND,
	K_UNPAID = NKIND	/* a fate, not a payment kind */
};
static const char *const kind_name[] = {"reference", "text", "iban_amount",
    "name_amount", "partial", "overpayment", "multi", "discount",
    "small_diff", "currency", "credit_netted", "reversal", "refund",
    "unrelated"};

/* How the payer identifies what is paid. */
enum { M_REF, M_TEXT, M_IBAN, M_NAME };
/* Unrelated payments. */
enum { U_UNKNOWN, U_FEE, U_INTEREST, U_SWEEP };

#define PF_REVERSED	0x01	/* has been reversed */
#define PF_PART2	0x02	/* second (closing) partial payment */

struct pay {
	int64_t amount;		/* signed cents, booked in EUR */
	int64_t instd;		/* instructed amount in icur, 0 if EUR */
	uint64_t seed;		/* of its texts, see render() */
	int32_t book, val, cust, link, nlink, aux, entry;
	uint32_t rate;		/* EUR per unit of icur, 1e-6 */
	uint8_t kind, rkind, mode, sub, icur, flags, bidx, bn;
};

struct link {
	int64_t amount;
	int32_t inv;
};

static struct pay *P;
static size_t np, capp;
static struct link *L;
static size_t nlk, capl;

static size_t
new_pay(struct rng *r, int kind, int mode, int32_t cust, int32_t day)
{
	struct pay *p;

	if (np == capp) {
		capp = capp ? capp * 2 : 1024;
		P = xrealloc(P, capp * sizeof *P);
	}
	p = &P[np];
	memset(p, 0, sizeof *p);
	p->seed = rnext(r);
	p->val = next_bday(day);
	p->book = pm(r, 150) ? add_bdays(p->val, 1) : p->val;
	p->cust = cust;
	p->kind = p->rkind = (uint8_t)kind;
	p->mode = (uint8_t)mode;
	p->link = (int32_t)nlk;
	p->aux = -1;
	return np++;
}

static void
add_link(size_t pi, int32_t inv, int64_t amt)
{
	if (nlk == capl) {
		capl = capl ? capl * 2 : 1024;
		L = xrealloc(L, capl * sizeof *L);
	}
	L[nlk].inv = inv;
	L[nlk].amount = amt;
	nlk++;
	P[pi].nlink++;
	P[pi].amount += amt;
}

/* When the customer pays an invoice: by its payer profile and terms. */
static int32_t
pay_day(struct rng *r, const struct inv *v)
{
	const struct cust *c = &C[v->cust];
	int32_t d, off;

	switch (c->payer) {
	case 0:
		off = -range(r, 0, c->terms / 2);
		off += range(r, 0, 3);
		break;
	case 1:
		off = range(r, -7, 20);
		break;
	default:
		off = pm(r, 150) ? range(r, 76, 150) : range(r, 0, 75);
		break;
	}
	d = v->due + off;
	if (d <= v->issue)
		d = v->issue + range(r, 1, 3);
	/*
	 * The statements end with the period.  Two thirds of the invoices
	 * that would be paid after it are paid early instead, so that a
	 * short book is mostly paid; the others stay open at the end.
	 */
	if (d >= d_end - 2 && v->issue < d_end - 4 && pm(r, 650))
		d = range(r, v->issue + 1, d_end - 3);
	return d;
}

static int
pick_mode(struct rng *r, const struct inv *v, int wref, int wtext)
{
	int x = (int)below(r, 100);

	if (v->reftype == REF_NONE)
		return x < wtext * 100 / (100 - wref) ? M_TEXT : M_IBAN;
	return x < wref ? M_REF : x < wref + wtext ? M_TEXT : M_IBAN;
}

/* Following unassigned invoices of the same customer, within 45 days. */
static int
collect(size_t i, int want, int32_t *out)
{
	int n = 0, steps = 0;
	int32_t j;

	for (j = I[i].next; j >= 0 && n < want && steps < 12;
	    j = I[j].next, steps++) {
		const struct inv *v = &I[j];

		if (v->issue > I[i].issue + 45)
			break;
		if (v->type == T_INV && v->fate == F_OPEN && v->credit < 0 &&
		    v->cur == I[i].cur)
			out[n++] = j;
	}
	return n;
}

/* Booked EUR for an amount the payer sends in another currency. */
static void
convert(struct rng *r, size_t pi, int icur, int64_t instd)
{
	struct pay *p = &P[pi];
	uint32_t rate = cur_rate[icur] + (uint32_t)range(r, 0, 30000) - 15000;

	p->icur = (uint8_t)icur;
	p->instd = instd;
	p->rate = rate;
	p->amount = (instd * rate + 500000) / 1000000;
}

/* Per-mille weights of the fate of an invoice, by having a reference. */
static const uint16_t fate_ref[NKIND + 1] = {
	[K_REFERENCE] = 480, [K_TEXT] = 125, [K_IBAN] = 65, [K_NAME] = 32,
	[K_PARTIAL] = 31, [K_OVER] = 11, [K_MULTI] = 42, [K_DISCOUNT] = 19,
	[K_SMALLDIFF] = 20, [K_CURRENCY] = 2, [K_UNPAID] = 130,
};
static const uint16_t fate_noref[NKIND + 1] = {
	[K_TEXT] = 475, [K_IBAN] = 185, [K_NAME] = 75,
	[K_PARTIAL] = 31, [K_OVER] = 11, [K_MULTI] = 42, [K_DISCOUNT] = 19,
	[K_SMALLDIFF] = 20, [K_CURRENCY] = 2, [K_UNPAID] = 130,
};

static void
gen_payments(void)
{
	struct rng r;
	size_t i, pi, q;
	int32_t grp[5], d;
	int k, n, kind, mode;

	rng_seed(&r, opt_seed ^ 0x7061796d656e7473ULL);
	for (i = 0; i < ni; i++) {
		struct inv *v = &I[i];

		if (v->type != T_INV || v->fate != F_OPEN)
			continue;
		if (v->credit >= 0) {
			struct inv *cn = &I[v->credit];

			if (cn->amount == v->amount) {
				v->fate = cn->fate = F_CREDITED;
				continue;
			}
			if (!pm(&r, 850)) {
				v->fate = F_UNPAID;
				continue;
			}
			d = pay_day(&r, v);
			if (d <= cn->issue)
				d = cn->issue + range(&r, 1, 10);
			mode = pick_mode(&r, v, 40, 40);
			pi = new_pay(&r, K_NETTED, mode, v->cust, d);
			add_link(pi, (int32_t)i, v->amount);
			add_link(pi, v->credit, -cn->amount);
			v->fate = cn->fate = F_PAID;
			continue;
		}
		if (v->cur != CUR_EUR) {
			if (pm(&r, fate_ref[K_UNPAID])) {
				v->fate = F_UNPAID;
				continue;
			}
			mode = pick_mode(&r, v, 40, 60);
			d = pay_day(&r, v);
			pi = new_pay(&r, K_CURRENCY, mode, v->cust, d);
			add_link(pi, (int32_t)i, 0);
			convert(&r, pi, v->cur, v->amount);
			L[P[pi].link].amount = P[pi].amount;
			v->fate = F_PAID;
			continue;
		}
		kind = draw(&r, v->reftype ? fate_ref : fate_noref, NKIND + 1);
		v->fate = F_PAID;
		switch (kind) {
		case K_UNPAID:
			v->fate = F_UNPAID;
			break;
		case K_REFERENCE:
			pi = new_pay(&r, K_REFERENCE, M_REF, v->cust,
			    pay_day(&r, v));
			add_link(pi, (int32_t)i, v->amount);
			break;
		case K_TEXT:
			n = pm(&r, 120) ? collect(i, 1, grp) : 0;
			d = pay_day(&r, n ? &I[grp[0]] : v);
			pi = new_pay(&r, K_TEXT, M_TEXT, v->cust, d);
			add_link(pi, (int32_t)i, v->amount);
			if (n) {
				add_link(pi, grp[0], I[grp[0]].amount);
				I[grp[0]].fate = F_PAID;
			}
			break;
		case K_IBAN:
		case K_NAME:
			pi = new_pay(&r, kind, kind == K_IBAN ? M_IBAN : M_NAME,
			    v->cust, pay_day(&r, v));
			add_link(pi, (int32_t)i, v->amount);
			break;
		case K_PARTIAL: {
			int64_t a1 = v->amount * range(&r, 30, 90) / 100, t;

			if (pm(&r, 500)) {
				t = a1 >= 50000 ? a1 / 10000 * 10000 :
				    a1 / 100 * 100;
				if (t > 0)
					a1 = t;
			}
			if (a1 <= 0 || a1 >= v->amount) {
				pi = new_pay(&r, K_TEXT, M_TEXT, v->cust,
				    pay_day(&r, v));
				add_link(pi, (int32_t)i, v->amount);
				break;
			}
			mode = pick_mode(&r, v, 45, 40);
			d = pay_day(&r, v);
			pi = new_pay(&r, K_PARTIAL, mode, v->cust, d);
			add_link(pi, (int32_t)i, a1);
			if (pm(&r, 700)) {
				d = P[pi].val + range(&r, 14, 60);
				mode = pick_mode(&r, v, 45, 40);
				q = new_pay(&r, K_PARTIAL, mode, v->cust, d);
				add_link(q, (int32_t)i, v->amount - a1);
				P[q].flags |= PF_PART2;
			}
			break;
		}
		case K_OVER: {
			int64_t extra;

			if (pm(&r, 450)) {	/* rounded up */
				extra = 1000 - v->amount % 1000;
				if (v->amount > 50000)
					extra += 1000 * range(&r, 0, 4);
			} else if (pm(&r, 700))	/* a little more */
				extra = range(&r, 1, 2500);
			else			/* a tenth too much */
				extra = v->amount / 10 + 1;
			mode = pick_mode(&r, v, 45, 40);
			d = pay_day(&r, v);
			pi = new_pay(&r, K_OVER, mode, v->cust, d);
			add_link(pi, (int32_t)i, v->amount + extra);
			P[pi].aux = (int32_t)extra;
			break;
		}
		case K_MULTI: {
			static const uint16_t wk[] = {45, 30, 15, 10};

			n = collect(i, 1 + draw(&r, wk, N(wk)), grp);
			if (n == 0) {
				pi = new_pay(&r, K_TEXT, M_TEXT, v->cust,
				    pay_day(&r, v));
				add_link(pi, (int32_t)i, v->amount);
				break;
			}
			pi = new_pay(&r, K_MULTI, M_TEXT, v->cust,
			    pay_day(&r, &I[grp[n - 1]]));
			add_link(pi, (int32_t)i, v->amount);
			for (k = 0; k < n; k++) {
				add_link(pi, grp[k], I[grp[k]].amount);
				I[grp[k]].fate = F_PAID;
			}
			break;
		}
		case K_DISCOUNT:	/* 2% less, within 10 days of issue */
			mode = pick_mode(&r, v, 40, 45);
			d = v->issue + range(&r, 1, 8);
			pi = new_pay(&r, K_DISCOUNT, mode, v->cust, d);
			add_link(pi, (int32_t)i, v->amount - (v->amount * 2 +
			    50) / 100);
			break;
		case K_SMALLDIFF:	/* charges: a few cents to 1 EUR less */
			mode = pick_mode(&r, v, 40, 30);
			d = pay_day(&r, v);
			pi = new_pay(&r, K_SMALLDIFF, mode, v->cust, d);
			add_link(pi, (int32_t)i, v->amount -
			    (pm(&r, 500) ? range(&r, 1, 20) :
			    range(&r, 21, 100)));
			break;
		case K_CURRENCY: {	/* sent in USD/GBP, booked in EUR */
			int icur = pm(&r, 600) ? CUR_USD : CUR_GBP;
			int64_t instd = (v->amount * 1000000 +
			    cur_rate[icur] / 2) / cur_rate[icur];

			mode = pick_mode(&r, v, 40, 60);
			d = pay_day(&r, v);
			pi = new_pay(&r, K_CURRENCY, mode, v->cust, d);
			add_link(pi, (int32_t)i, 0);
			convert(&r, pi, icur, instd);
			L[P[pi].link].amount = P[pi].amount;
			break;
		}
		}
	}
}

/* Drop what the bank books after the period: those stay open. */
static void
drop_late(void)
{
	size_t i, j = 0;

	for (i = 0; i < np; i++)
		if (P[i].book < d_end)
			P[j++] = P[i];
	np = j;
}

static int
simple_credit(const struct pay *p)
{
	return p->amount > 0 && p->nlink == 1 && p->instd == 0 &&
	    (p->kind <= K_NAME || p->kind == K_SMALLDIFF ||
	    p->kind == K_PARTIAL || p->kind == K_DISCOUNT);
}

/* Refunds, reversals and unrelated entries, after the main payments. */
static void
gen_extra(void)
{
	struct rng r;
	size_t base = np, i, pi, want, tries;
	int32_t d;

	rng_seed(&r, opt_seed ^ 0x6578747261657874ULL);

	/* refunds: the excess of overpayments, and goodwill refunds */
	for (i = 0; i < base; i++) {
		if (P[i].kind != K_OVER || !pm(&r, 400))
			continue;
		d = P[i].book + range(&r, 5, 30);
		if (next_bday(d) >= d_end)
			continue;
		pi = new_pay(&r, K_REFUND, M_TEXT, P[i].cust, d);
		P[pi].amount = -(int64_t)P[i].aux;
		P[pi].aux = L[P[i].link].inv;
		P[pi].sub = 1;
	}
	want = base * 2 / 1000;
	for (tries = 0; want > 0 && tries < want * 20 + 10; tries++) {
		i = below(&r, (uint32_t)base);
		if (!simple_credit(&P[i]))
			continue;
		d = P[i].book + range(&r, 7, 45);
		if (next_bday(d) >= d_end)
			continue;
		pi = new_pay(&r, K_REFUND, M_TEXT, P[i].cust, d);
		P[pi].amount = -(P[i].amount * range(&r, 10, 100) / 100);
		if (P[pi].amount == 0)
			P[pi].amount = -1;
		P[pi].aux = L[P[i].link].inv;
		want--;
	}

	/* reversals of an earlier credit, same texts, amount negative */
	want = base * 5 / 1000;
	for (tries = 0; want > 0 && tries < want * 20 + 10; tries++) {
		struct pay *o;

		i = below(&r, (uint32_t)base);
		o = &P[i];
		if (!simple_credit(o) || (o->flags & PF_REVERSED))
			continue;
		d = add_bdays(o->book, range(&r, 1, 5));
		if (d >= d_end)
			continue;
		o->flags |= PF_REVERSED;
		pi = new_pay(&r, K_REVERSAL, o->mode, o->cust, d);
		o = &P[i];	/* P may have moved */
		P[pi].val = P[pi].book = d;
		P[pi].seed = o->seed;
		P[pi].rkind = o->kind;
		P[pi].flags = o->flags & PF_PART2;
		P[pi].aux = (int32_t)i;
		add_link(pi, L[o->link].inv, -o->amount);
		want--;
	}

	/* unrelated: money from unknown parties, bank fees, interest */
	want = base * 20 / 1000;
	for (i = 0; i < want; i++) {
		int x = (int)below(&r, 100);

		pi = new_pay(&r, K_UNRELATED, M_NAME, -1, bd[below(&r,
		    (uint32_t)nbd)]);
		P[pi].val = P[pi].book;
		if (x < 55) {
			P[pi].sub = U_UNKNOWN;
			P[pi].amount = pm(&r, 700) ? range(&r, 500, 50000) :
			    range(&r, 50000, 2500000);
		} else if (x < 85) {
			P[pi].sub = U_FEE;
			P[pi].amount = -range(&r, 250, 7500);
		} else {
			P[pi].sub = U_INTEREST;
			P[pi].amount = range(&r, 1, 5000);
		}
	}

	/*
	 * At each month's end what the account holds above the opening
	 * balance goes to the savings account, in thousands of euros.
	 */
	{
		int64_t *net = xcalloc((size_t)opt_months, sizeof *net), bal;
		int k = 0;

		for (i = 0; i < np; i++) {
			if (P[i].book >= d_end)
				continue;
			while (k > 0 && P[i].book < mstart[k])
				k--;
			while (k + 1 < opt_months && P[i].book >= mstart[k + 1])
				k++;
			net[k] += P[i].amount;
		}
		for (bal = opening, k = 0; k < opt_months; k++) {
			int64_t a = (bal + net[k] - opening) / 100000 * 100000;

			bal += net[k];
			if (a <= 0)
				continue;
			bal -= a;
			pi = new_pay(&r, K_UNRELATED, M_NAME, -1, mend[k]);
			P[pi].val = P[pi].book = mend[k];
			P[pi].sub = U_SWEEP;
			P[pi].amount = -a;
		}
		free(net);
	}
	drop_late();
}

/* Sort by booking date (stable counting sort), then group batches. */
static void
sort_and_batch(void)
{
	int32_t ndays = d_end - d_start, e = 0;
	size_t *pos = xcalloc((size_t)ndays + 1, sizeof *pos), i, k, want;
	struct pay *s = xcalloc(np, sizeof *s);
	struct rng r;

	for (i = 0; i < np; i++)
		pos[P[i].book - d_start + 1]++;
	for (i = 1; i <= (size_t)ndays; i++)
		pos[i] += pos[i - 1];
	for (i = 0; i < np; i++)
		s[pos[P[i].book - d_start]++] = P[i];
	free(P);
	free(pos);
	P = s;
	capp = np;

	/*
	 * ~1% of entries: a batch of 2-4 credits booked as one entry (the
	 * next credits of the same booking and value date)
	 */
	rng_seed(&r, opt_seed ^ 0x6261746368657321ULL);
	for (i = 0; i < np; i += k) {
		k = 1;
		if (simple_credit(&P[i]) && P[i].kind != K_REVERSAL &&
		    pm(&r, 17)) {
			want = 2 + below(&r, 3);
			while (k < want && i + k < np &&
			    P[i + k].book == P[i].book &&
			    P[i + k].val == P[i].val &&
			    simple_credit(&P[i + k]))
				k++;
		}
		e++;
		for (want = 0; want < k; want++) {
			P[i + want].entry = e;
			P[i + want].bn = (uint8_t)(k > 1 ? k : 0);
			P[i + want].bidx = (uint8_t)(k > 1 ? want + 1 : 0);
		}
	}
}

/* ------------------------------------------------------------------ */
/* What a payment looks like: names, IBAN, reference and free text. */

struct rend {
	char name[96], iban[24], ref[32], rmt[160], e2e[40];
	int reftype;
};

static const char *const month_nl[] = {"januari", "februari", "maart",
    "april", "mei", "juni", "juli", "augustus", "september", "oktober",
    "november", "december"};
static const char *const month_fr[] = {"janvier", "février", "mars",
    "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
    "novembre", "décembre"};
static const char *const month_en[] = {"January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October",
    "November", "December"};

static const char *
month_name(int lang, int m)
{
	if (lang == LFR)
		return month_fr[m - 1];
	if (lang == LEN)
		return month_en[m - 1];
	return month_nl[m - 1];
}

/* Bank-style variants of a customer's name. */
static void
name_variant(struct rng *r, const struct cust *c, char *out, size_t sz)
{
	int x = (int)below(r, 100);
	char s[48];

	str_copy(out, sz, c->name);
	if (c->b2c) {
		cap_first(s, sizeof s, c->sur);
		if (x < 50)
			return;
		if (x < 70)
			bank_upper(out);
		else if (x < 85) {
			snprintf(out, sz, "%s %c", s, c->first[0]);
			bank_upper(out);
		} else if (x < 95) {
			snprintf(out, sz, "%c %s", c->first[0], c->sur);
			if (pm(r, 500))
				bank_upper(out);
		} else {
			int ini = 'A' + range(r, 0, 25);

			snprintf(out, sz, "%c. %s EO %c. %s", c->first[0],
			    c->sur, ini, PICK(r, sur_nl));
			bank_upper(out);
		}
		return;
	}
	if (x < 55)
		return;
	if (x < 75) {
		bank_upper(out);
		return;
	}
	if (x < 88) {
		replace1(out, sz, " B.V.", " BV");
		replace1(out, sz, " V.O.F.", " VOF");
		replace1(out, sz, "Van der ", "V.D. ");
		replace1(out, sz, "Van den ", "V.D. ");
		replace1(out, sz, "Stichting ", "St. ");
		replace1(out, sz, "Gemeentelijke ", "Gem. ");
		replace1(out, sz, " & ", " EN ");
		if (pm(r, 500)) {
			static const char *const form[] = {" BV", " BVBA",
			    " NV", " SRL", " SPRL", " SA", " VOF"};
			size_t k, n = strlen(out), f;

			for (k = 0; k < N(form); k++) {
				f = strlen(form[k]);
				if (n > f && strcmp(out + n - f, form[k]) == 0) {
					out[n - f] = '\0';
					break;
				}
			}
		}
		if (pm(r, 500))
			bank_upper(out);
		return;
	}
	bank_upper(out);
	utf8_cut(out, (size_t)range(r, 18, 30));
}

static void
random_person(struct rng *r, int country, char *out, size_t sz)
{
	const char *f;

	if (country == NL) {
		f = PICK(r, first_nl);
		snprintf(out, sz, "%s %s", f, PICK(r, sur_nl));
	} else if (pm(r, 500)) {
		f = PICK(r, first_be);
		snprintf(out, sz, "%s %s", f, PICK(r, sur_be));
	} else {
		f = PICK(r, first_fr);
		snprintf(out, sz, "%s %s", f, PICK(r, sur_fr));
	}
	if (pm(r, 400))
		bank_upper(out);
}

static int
inv_lang(const struct pay *p)
{
	return p->cust >= 0 ? C[p->cust].lang : LNL;
}

/* An invoice number as a payer types it (style < 0: draw one). */
static void
invno(struct rng *r, const struct inv *v, int style, char *out)
{
	static const uint16_t w[] = {36, 10, 10, 10, 8, 8, 7, 4, 7};
	const char *px = v->type == T_CN ? "CN" : "INV";
	int wd = idw[v->type];

	if (style < 0)
		style = draw(r, w, N(w));
	switch (style) {
	case 0:	/* INV-2025-000123 */
		snprintf(out, 32, "%s-%04d-%0*d", px, v->year, wd, v->seq);
		break;
	case 1:	/* inv-2025-000123 */
		snprintf(out, 32, "%s-%04d-%0*d", px, v->year, wd, v->seq);
		ascii_lower(out);
		break;
	case 2:	/* INV2025000123 */
		snprintf(out, 32, "%s%04d%0*d", px, v->year, wd, v->seq);
		break;
	case 3:	/* 2025000123 */
		snprintf(out, 32, "%04d%0*d", v->year, wd, v->seq);
		break;
	case 4:	/* 2025-000123 */
		snprintf(out, 32, "%04d-%0*d", v->year, wd, v->seq);
		break;
	case 5:	/* 123 */
		snprintf(out, 32, "%d", v->seq);
		break;
	case 6:	/* INV 2025 000123 */
		snprintf(out, 32, "%s %04d %0*d", px, v->year, wd, v->seq);
		break;
	case 7:	/* 000123 */
		snprintf(out, 32, "%0*d", wd, v->seq);
		break;
	default:	/* INV-2025-123 */
		snprintf(out, 32, "%s-%04d-%d", px, v->year, v->seq);
		break;
	}
}

static const char *
word_invoice(struct rng *r, int lang)
{
	static const char *const nl[] = {"Factuur ", "factuur ", "Fact. ",
	    "fact ", "Factuurnr. ", "Factuurnummer ", "Betaling factuur ",
	    "Betreft ", "", "Inz. ", "fnr ", "nota "};
	static const char *const fr[] = {"Facture ", "facture n° ", "Fact. ",
	    "fact ", "Paiement facture ", "Réf. ", "", "FACT "};
	static const char *const en[] = {"Invoice ", "invoice no. ", "Inv ",
	    "inv ", "Payment invoice ", "", "Ref "};

	if (lang == LFR)
		return PICK(r, fr);
	if (lang == LEN)
		return PICK(r, en);
	return PICK(r, nl);
}

/* The printed form of a reference, as some payers type it. */
static void
ref_in_text(struct rng *r, const struct inv *v, int lang, struct bstr *s)
{
	const char *f = v->ref;

	switch (v->reftype) {
	case REF_OGM:
		bs_add(s, lang == LFR ? "communication " : pm(r, 500) ?
		    "mededeling " : "");
		bs_fmt(s, pm(r, 700) ? "+++%.3s/%.4s/%.5s+++" :
		    pm(r, 500) ? "***%.3s/%.4s/%.5s***" : "%.3s/%.4s/%.5s",
		    f, f + 3, f + 7);
		break;
	case REF_KENMERK:
		bs_add(s, pm(r, 500) ? "betalingskenmerk " : pm(r, 500) ?
		    "kenmerk " : "");
		if (pm(r, 500))
			bs_fmt(s, "%.4s %.4s %.4s %.4s", f, f + 4, f + 8,
			    f + 12);
		else
			bs_add(s, f);
		break;
	default:
		bs_add(s, pm(r, 500) ? "ref " : "");
		if (pm(r, 600)) {
			size_t k, n = strlen(f);

			for (k = 0; k < n; k += 4)
				bs_fmt(s, "%s%.4s", k ? " " : "", f + k);
		} else
			bs_add(s, f);
		break;
	}
}

/* "Factuur INV-2025-000123" with a variation, maybe an addition. */
static void
text_invoice(struct rng *r, const struct inv *v, int lang, struct bstr *s,
    int extra)
{
	char no[32];
	int style = -1;
	const char *w = word_invoice(r, lang);

	invno(r, v, style, no);
	bs_add(s, w);
	bs_add(s, no);
	if (!extra || !pm(r, 250))
		return;
	switch (below(r, 4)) {
	case 0:
		bs_add(s, lang == LFR ? " client " : lang == LEN ?
		    " customer " : " klantnr ");
		bs_add(s, C[v->cust].id);
		break;
	case 1: {
		int y, m, d;

		civil_from_days(v->issue, &y, &m, &d);
		if (lang == LEN)
			bs_fmt(s, " dated %04d-%02d-%02d", y, m, d);
		else
			bs_fmt(s, lang == LFR ? " du %02d/%02d/%04d" :
			    " d.d. %02d-%02d-%04d", d, m, y);
		break;
	}
	case 2:
		if (v->oref[0]) {
			bs_add(s, lang == LFR ? " commande " : lang == LEN ?
			    " order " : " order ");
			bs_add(s, v->oref);
		}
		break;
	default:
		bs_add(s, " ");
		bs_add(s, C[v->cust].name);
		break;
	}
}

/* Texts that name no invoice. */
static void
text_generic(struct rng *r, const struct pay *p, int lang, struct bstr *s)
{
	static const char *const nl[] = {"Betaling", "Zie factuur",
	    "Betaling bestelling", "Overboeking", "Bedankt!", "Broodlevering",
	    "Levering week %d", "Rekening %s", "Betaling %s"};
	static const char *const fr[] = {"Paiement", "Virement",
	    "Voir facture", "Livraison semaine %d", "Merci", "Paiement %s"};
	static const char *const en[] = {"Payment", "Transfer", "See invoice",
	    "Delivery week %d", "Thank you", "Payment %s"};
	const char *f;
	int y, m, d;

	if (pm(r, 450))
		return;
	f = lang == LFR ? PICK(r, fr) : lang == LEN ? PICK(r, en) :
	    PICK(r, nl);
	civil_from_days(p->val, &y, &m, &d);
	if (strstr(f, "%d"))
		bs_fmt(s, f, range(r, 1, 52));
	else if (strstr(f, "%s"))
		bs_fmt(s, f, pm(r, 500) ? month_name(lang, m) :
		    C[p->cust].name);
	else
		bs_add(s, f);
}

static void
e2e_id(struct rng *r, const struct pay *p, const struct inv *v, char *out)
{
	const struct cust *c = &C[p->cust];
	char d[24];
	int x = (int)below(r, 100);

	if (c->b2c) {
		if (x < 70)
			strcpy(out, "NOTPROVIDED");
		else {
			digits(r, d, 16);
			strcpy(out, d);
		}
		return;
	}
	if (x < 35)
		strcpy(out, "NOTPROVIDED");
	else if (x < 70) {
		digits(r, d, 10);
		snprintf(out, 40, "PAY%s", d);
	} else if (x < 85 || p->mode != M_TEXT) {
		int a = 'A' + range(r, 0, 25), b = 'A' + range(r, 0, 25);

		digits(r, d, 12);
		snprintf(out, 40, "E2E-%c%c%s", a, b, d);
	} else
		inv_id(v, out);
}

static void
set_ref(struct rend *o, const struct inv *v)
{
	str_copy(o->ref, sizeof o->ref, v->ref);
	o->reftype = v->reftype;
}

static void
render_unrelated(struct rng *r, const struct pay *p, struct rend *o,
    struct bstr *s)
{
	static const char *const who[] = {"Stichting Vrienden van Korenstad",
	    "Verhuurbedrijf Oost B.V.", "Belastingdienst",
	    "Zonnestroom Noord B.V.", "Verzekeringen De Anker N.V.",
	    "Sportclub Hercules", "Marktvereniging Eemland"};
	static const char *const what[] = {"Huur %s", "Donatie",
	    "Terugbetaling voorschot", "Retour borg", "Bestelling %d",
	    "Teruggaaf", "Schadevergoeding", "Sponsoring %s", ""};
	int y, m, d;
	const char *f;

	civil_from_days(p->book, &y, &m, &d);
	switch (p->sub) {
	case U_SWEEP:
		str_copy(o->name, sizeof o->name, FIRM_NAME);
		strcpy(o->iban, firm_savings);
		bs_fmt(s, "Overboeking naar spaarrekening %s %d",
		    month_nl[m - 1], y);
		return;
	case U_FEE:
		bs_fmt(s, pm(r, 500) ? "Kosten zakelijk betalingsverkeer %s %d"
		    : "Tarief transacties %s %d", month_nl[m - 1], y);
		return;
	case U_INTEREST:
		bs_fmt(s, "Creditrente %de kwartaal %d", (m - 1) / 3 + 1, y);
		return;
	}
	if (pm(r, 400))
		str_copy(o->name, sizeof o->name, PICK(r, who));
	else
		random_person(r, pm(r, 650) ? NL : BE, o->name,
		    sizeof o->name);
	if (pm(r, 650))
		nl_iban(r, o->iban);
	else
		be_iban(r, o->iban);
	f = PICK(r, what);
	if (strstr(f, "%d"))
		bs_fmt(s, f, range(r, 10000, 99999));
	else if (strstr(f, "%s"))
		bs_fmt(s, f, month_nl[m - 1]);
	else
		bs_add(s, f);
}

/*
 * The texts of a payment, from its own seed: the same payment renders
 * the same way every time (a reversal reuses its original's seed).
 */
static void
render(const struct pay *p, struct rend *o)
{
	struct rng r;
	struct bstr s;
	const struct cust *c;
	const struct inv *v, *w;
	int lang, k, x, i;
	char no[32];

	rng_seed(&r, p->seed);
	o->name[0] = o->iban[0] = o->ref[0] = o->e2e[0] = '\0';
	o->reftype = REF_NONE;
	bs_init(&s, o->rmt, 141);	/* Ustrd is Max140Text */
	if (p->rkind == K_UNRELATED) {
		strcpy(o->e2e, "NOTPROVIDED");
		render_unrelated(&r, p, o, &s);
		return;
	}
	c = &C[p->cust];
	lang = inv_lang(p);
	name_variant(&r, c, o->name, sizeof o->name);
	utf8_cut(o->name, 70);		/* Nm is Max70Text */
	if (p->mode == M_NAME || (p->mode != M_IBAN && pm(&r, 40))) {
		if ((c->country == NL) != pm(&r, 100))
			nl_iban(&r, o->iban);
		else
			be_iban(&r, o->iban);
	} else
		strcpy(o->iban, c->iban[below(&r, c->niban)]);

	if (p->rkind == K_REFUND) {
		v = &I[p->aux];
		strcpy(o->e2e, "NOTPROVIDED");
		invno(&r, v, 0, no);
		if (p->sub == 1)
			bs_fmt(&s, lang == LFR ?
			    "Remboursement trop-perçu facture %s" : lang == LEN ?
			    "Refund overpayment invoice %s" :
			    "Terugbetaling teveel betaald factuur %s", no);
		else
			bs_fmt(&s, lang == LFR ? "Remboursement facture %s" :
			    lang == LEN ? "Refund invoice %s" :
			    pm(&r, 500) ? "Creditering retour %s" :
			    "Terugbetaling %s", no);
		return;
	}
	v = &I[L[p->link].inv];
	e2e_id(&r, p, v, o->e2e);

	if (p->mode == M_REF) {
		set_ref(o, v);
		switch (p->rkind) {
		case K_PARTIAL:
			if (pm(&r, 300))
				bs_add(&s, (p->flags & PF_PART2) ?
				    (lang == LFR ? "Solde" : lang == LEN ?
				    "Balance" : "Restbetaling") :
				    (lang == LFR ? "Acompte" : lang == LEN ?
				    "Part payment" : "Deelbetaling"));
			break;
		case K_DISCOUNT:
			if (pm(&r, 200))
				bs_add(&s, lang == LFR ? "escompte 2%" :
				    lang == LEN ? "less 2% discount" :
				    "2% betalingskorting");
			break;
		case K_NETTED:
			if (pm(&r, 300)) {
				invno(&r, &I[L[p->link + 1].inv], 0, no);
				bs_fmt(&s, lang == LFR ? "moins NC %s" :
				    lang == LEN ? "less credit note %s" :
				    "minus creditnota %s", no);
			}
			break;
		}
		return;
	}
	if (p->mode == M_IBAN || p->mode == M_NAME) {
		if (p->rkind == K_PARTIAL && pm(&r, 300))
			bs_add(&s, lang == LFR ? "Acompte" : lang == LEN ?
			    "Part payment" : "Termijnbetaling");
		else
			text_generic(&r, p, lang, &s);
		if (s.n && pm(&r, 120))
			bank_upper(o->rmt);
		return;
	}

	/* M_TEXT */
	switch (p->rkind) {
	case K_PARTIAL:
		if (p->flags & PF_PART2) {
			static const char *const a[3][3] = {{"Restbetaling ",
			    "2e termijn ", "Restant "}, {"Solde ",
			    "2e versement ", "Solde "}, {"Balance ",
			    "Remaining amount ", "Instalment 2 "}};
			bs_add(&s, a[lang][below(&r, 3)]);
		} else {
			static const char *const a[3][4] = {{"Deelbetaling ",
			    "1e termijn ", "Aanbetaling ",
			    "Gedeeltelijke betaling "}, {"Acompte ",
			    "Paiement partiel ", "1er versement ", "Acompte "},
			    {"Part payment ", "Partial payment ",
			    "Instalment 1 ", "Part payment "}};
			bs_add(&s, a[lang][below(&r, 4)]);
		}
		text_invoice(&r, v, lang, &s, 0);
		break;
	case K_DISCOUNT: {
		static const char *const a[3][4] = {{" -2% kb",
		    " minus 2% betalingskorting", " 2% korting", " kort. 2%"},
		    {" escompte 2%", " -2% escompte", " escompte 2%",
		    " moins 2%"}, {" less 2% discount", " -2% early payment",
		    " 2% discount", " less 2%"}};

		text_invoice(&r, v, lang, &s, 0);
		bs_add(&s, a[lang][below(&r, 4)]);
		break;
	}
	case K_NETTED:
		text_invoice(&r, v, lang, &s, 0);
		if (pm(&r, 600)) {
			invno(&r, &I[L[p->link + 1].inv], -1, no);
			x = (int)below(&r, 3);
			if (lang == LFR)
				bs_fmt(&s, x ? " moins NC %s" : " - %s", no);
			else if (lang == LEN)
				bs_fmt(&s, x ? " less credit note %s" :
				    " - %s", no);
			else
				bs_fmt(&s, x == 0 ? " -/- %s" : x == 1 ?
				    " minus creditnota %s" : " min %s", no);
		}
		break;
	case K_MULTI:
		x = (int)below(&r, 100);
		if (x < 10 && v->reftype != REF_NONE) {
			set_ref(o, v);
			break;
		}
		if (x < 45) {	/* all of them */
			k = p->nlink;
		} else if (x < 65) {	/* some */
			k = range(&r, 1, p->nlink - 1);
		} else {	/* none */
			static const char *const a[3][5] = {{
			    "Verzamelbetaling", "Betaling openstaande facturen",
			    "Facturen %s", "Zie specificatie",
			    "Betaling diverse facturen"}, {"Paiement factures",
			    "Paiement groupé", "Factures %s", "Voir détail",
			    "Paiement factures %s"}, {"Payment of invoices",
			    "Batch payment", "Invoices %s",
			    "See remittance advice", "Invoices %s"}};
			int y, m, d;

			civil_from_days(v->issue, &y, &m, &d);
			bs_fmt(&s, a[lang][below(&r, 5)],
			    month_name(lang, m));
			break;
		}
		bs_add(&s, lang == LFR ? "Factures " : lang == LEN ?
		    "Invoices " : pm(&r, 500) ? "Facturen " : "Fact ");
		x = (int)below(&r, 9);
		for (i = 0; i < k; i++) {
			invno(&r, &I[L[p->link + i].inv], x, no);
			bs_add(&s, i == 0 ? "" : pm(&r, 700) ? ", " : " ");
			bs_add(&s, no);
		}
		if (k < p->nlink)
			bs_add(&s, lang == LFR ? " etc." : lang == LEN ?
			    " and others" : " e.a.");
		break;
	default:	/* text, overpayment, small difference, currency */
		if (p->nlink == 2) {
			w = &I[L[p->link + 1].inv];
			x = (int)below(&r, 9);
			bs_add(&s, word_invoice(&r, lang));
			invno(&r, v, x, no);
			bs_add(&s, no);
			switch (below(&r, 4)) {
			case 0:
				bs_add(&s, lang == LFR ? " et " : lang == LEN ?
				    " and " : " en ");
				break;
			case 1:
				bs_add(&s, " + ");
				break;
			case 2:
				bs_add(&s, ", ");
				break;
			default:
				bs_add(&s, "/");
				x = 5;
				break;
			}
			invno(&r, w, x, no);
			bs_add(&s, no);
		} else if (v->reftype != REF_NONE && pm(&r, 200))
			ref_in_text(&r, v, lang, &s);
		else
			text_invoice(&r, v, lang, &s, 1);
		break;
	}
	if (pm(&r, 120))
		bank_upper(o->rmt);
}

/* ------------------------------------------------------------------ */
/* Files: written under a temporary name, renamed into place. */

struct ofile {
	FILE *f;
	char path[4096], tmp[4200];
	char *buf;
};

static void
of_open(struct ofile *o, const char *rel, size_t bufsz)
{
	snprintf(o->path, sizeof o->path, "%s/%s", opt_dir, rel);
	snprintf(o->tmp, sizeof o->tmp, "%s.tmp", o->path);
	if ((o->f = fopen(o->tmp, "wb")) == NULL)
		die("%s: %s", o->tmp, strerror(errno));
	o->buf = NULL;
	if (bufsz) {
		o->buf = xrealloc(NULL, bufsz);
		setvbuf(o->f, o->buf, _IOFBF, bufsz);
	}
}

static void
of_write(struct ofile *o, struct sb *b)
{
	if (b->n && fwrite(b->p, 1, b->n, o->f) != b->n)
		die("%s: %s", o->tmp, strerror(errno));
	b->n = 0;
}

static void
of_close(struct ofile *o)
{
	if (fflush(o->f) != 0 || ferror(o->f))
		die("%s: %s", o->tmp, strerror(errno));
	if (fclose(o->f) != 0)
		die("%s: %s", o->tmp, strerror(errno));
	free(o->buf);
	if (rename(o->tmp, o->path) != 0)
		die("%s: %s", o->path, strerror(errno));
}

static void
make_dir(const char *rel)
{
	char p[4096];
	size_t k;

	if (rel)
		snprintf(p, sizeof p, "%s/%s", opt_dir, rel);
	else
		str_copy(p, sizeof p, opt_dir);
	for (k = 1; p[k]; k++) {
		if (p[k] != '/')
			continue;
		p[k] = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST)
			die("%s: %s", p, strerror(errno));
		p[k] = '/';
	}
	if (mkdir(p, 0777) != 0 && errno != EEXIST)
		die("%s: %s", p, strerror(errno));
}

static void
write_customers(void)
{
	struct ofile o;
	struct sb b = {0};
	size_t k;
	int i;

	of_open(&o, "customers.csv", OBUFSZ);
	sb_l(&b, "customer_id,name,email,language,kind,country,segment,"
	    "terms_days,credit_limit,ibans\n");
	for (k = 0; k < nc; k++) {
		const struct cust *c = &C[k];

		sb_csv(&b, c->id);
		sb_c(&b, ',');
		sb_csv(&b, c->name);
		sb_c(&b, ',');
		sb_csv(&b, c->email);
		sb_c(&b, ',');
		sb_s(&b, lang_name[c->lang]);
		sb_s(&b, c->b2c ? ",b2c," : ",b2b,");
		sb_s(&b, c->country == NL ? "NL," : "BE,");
		sb_s(&b, seg_name[c->seg]);
		sb_c(&b, ',');
		sb_u(&b, c->terms, 1);
		sb_c(&b, ',');
		sb_amt(&b, c->credit);
		sb_c(&b, ',');
		for (i = 0; i < c->niban; i++) {
			if (i)
				sb_c(&b, ' ');
			sb_s(&b, c->iban[i]);
		}
		sb_c(&b, '\n');
		if (b.n > 65536)
			of_write(&o, &b);
	}
	of_write(&o, &b);
	of_close(&o);
	free(b.p);
}

static void
ubl_name(const struct inv *v, char *out, size_t sz)
{
	char id[32], *p;

	inv_id(v, id);
	for (p = id; *p; p++)
		if (*p == '/' || *p == '\\')
			*p = '_';
	snprintf(out, sz, "ubl/%s.xml", id);
}

static void
write_invoices(void)
{
	struct ofile o;
	struct sb b = {0};
	size_t i;
	char id[32], src[64];

	of_open(&o, "invoices.csv", OBUFSZ);
	sb_l(&b, "invoice_id,type,customer_id,customer_name,issue_date,"
	    "due_date,currency,amount,reference,order_ref,customer_email,"
	    "customer_vat,source,billing_ref\n");
	for (i = 0; i < ni; i++) {
		const struct inv *v = &I[i];
		const struct cust *c = &C[v->cust];

		inv_id(v, id);
		sb_csv(&b, id);
		sb_s(&b, v->type == T_CN ? ",credit_note," : ",invoice,");
		sb_s(&b, c->id);
		sb_c(&b, ',');
		sb_csv(&b, c->name);
		sb_c(&b, ',');
		sb_date(&b, v->issue);
		sb_c(&b, ',');
		sb_date(&b, v->due);
		sb_c(&b, ',');
		sb_s(&b, cur_name[v->cur]);
		sb_c(&b, ',');
		sb_amt(&b, v->type == T_CN ? -v->amount : v->amount);
		sb_c(&b, ',');
		sb_s(&b, v->ref);
		sb_c(&b, ',');
		sb_csv(&b, v->oref);
		sb_c(&b, ',');
		sb_csv(&b, c->email);
		sb_c(&b, ',');
		sb_s(&b, c->vat);
		sb_c(&b, ',');
		if (opt_ubl)
			ubl_name(v, src, sizeof src);
		else
			strcpy(src, "erp");
		sb_csv(&b, src);
		sb_c(&b, ',');
		if (v->billing >= 0) {
			inv_id(&I[v->billing], id);
			sb_csv(&b, id);
		}
		sb_c(&b, '\n');
		if (b.n > 65536)
			of_write(&o, &b);
	}
	of_write(&o, &b);
	of_close(&o);
	free(b.p);
}

/* ------------------------------------------------------------------ */
/* UBL 2.1, Peppol BIS Billing 3.0. */

static void
ubl_tax_category(struct sb *b, const char *el)
{
	sb_l(b, "<cac:");
	sb_s(b, el);
	sb_l(b, "><cbc:ID>S</cbc:ID><cbc:Percent>21</cbc:Percent>"
	    "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:");
	sb_s(b, el);
	sb_l(b, ">\n");
}

static void
ubl_address(struct sb *b, const char *street, const char *city,
    const char *zip, const char *country)
{
	sb_l(b, "      <cac:PostalAddress>");
	sb_el(b, "cbc:StreetName", street);
	sb_el(b, "cbc:CityName", city);
	sb_el(b, "cbc:PostalZone", zip);
	sb_l(b, "<cac:Country>");
	sb_el(b, "cbc:IdentificationCode", country);
	sb_l(b, "</cac:Country></cac:PostalAddress>\n");
}

static void
write_ubl(size_t i, struct sb *b)
{
	const struct inv *v = &I[i];
	const struct cust *c = &C[v->cust];
	const char *ccy = cur_name[v->cur];
	int cn = v->type == T_CN, k;
	char id[32], rel[64];
	struct ofile o;

	inv_id(v, id);
	ubl_name(v, rel, sizeof rel);
	b->n = 0;
	sb_l(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	sb_s(b, cn ? "<CreditNote xmlns=\"urn:oasis:names:specification:ubl:"
	    "schema:xsd:CreditNote-2\"" : "<Invoice xmlns=\"urn:oasis:names:"
	    "specification:ubl:schema:xsd:Invoice-2\"");
	sb_l(b, " xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:"
	    "CommonAggregateComponents-2\" xmlns:cbc=\"urn:oasis:names:"
	    "specification:ubl:schema:xsd:CommonBasicComponents-2\">\n");
	sb_l(b, "  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#"
	    "urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>\n"
	    "  <cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
	    "</cbc:ProfileID>\n  ");
	sb_el(b, "cbc:ID", id);
	sb_l(b, "\n  <cbc:IssueDate>");
	sb_date(b, v->issue);
	sb_l(b, "</cbc:IssueDate>\n");
	if (!cn) {
		sb_l(b, "  <cbc:DueDate>");
		sb_date(b, v->due);
		sb_l(b, "</cbc:DueDate>\n"
		    "  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>\n");
	} else
		sb_l(b, "  <cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>"
		    "\n");
	sb_l(b, "  <cbc:DocumentCurrencyCode>");
	sb_s(b, ccy);
	sb_l(b, "</cbc:DocumentCurrencyCode>\n");
	if (v->cur != CUR_EUR)
		sb_l(b, "  <cbc:TaxCurrencyCode>EUR</cbc:TaxCurrencyCode>\n");
	sb_l(b, "  ");
	sb_el(b, "cbc:BuyerReference", v->oref[0] ? v->oref : c->id);
	sb_c(b, '\n');
	if (v->oref[0]) {
		sb_l(b, "  <cac:OrderReference>");
		sb_el(b, "cbc:ID", v->oref);
		sb_l(b, "</cac:OrderReference>\n");
	}
	if (cn) {
		inv_id(&I[v->billing], id);
		sb_l(b, "  <cac:BillingReference><cac:InvoiceDocumentReference>");
		sb_el(b, "cbc:ID", id);
		sb_l(b, "<cbc:IssueDate>");
		sb_date(b, I[v->billing].issue);
		sb_l(b, "</cbc:IssueDate></cac:InvoiceDocumentReference>"
		    "</cac:BillingReference>\n");
	}

	sb_l(b, "  <cac:AccountingSupplierParty>\n    <cac:Party>\n"
	    "      <cbc:EndpointID schemeID=\"0106\">" FIRM_KVK
	    "</cbc:EndpointID>\n      <cac:PartyName>");
	sb_el(b, "cbc:Name", FIRM_NAME);
	sb_l(b, "</cac:PartyName>\n");
	ubl_address(b, FIRM_STREET, FIRM_CITY, FIRM_ZIP, "NL");
	sb_l(b, "      <cac:PartyTaxScheme>");
	sb_el(b, "cbc:CompanyID", firm_vat);
	sb_l(b, "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>"
	    "</cac:PartyTaxScheme>\n      <cac:PartyLegalEntity>");
	sb_el(b, "cbc:RegistrationName", FIRM_NAME);
	sb_l(b, "<cbc:CompanyID schemeID=\"0106\">" FIRM_KVK "</cbc:CompanyID>"
	    "</cac:PartyLegalEntity>\n      <cac:Contact>"
	    "<cbc:Name>Debiteurenadministratie</cbc:Name>"
	    "<cbc:Telephone>+31 33 555 0140</cbc:Telephone>"
	    "<cbc:ElectronicMail>" FIRM_MAIL "</cbc:ElectronicMail>"
	    "</cac:Contact>\n    </cac:Party>\n"
	    "  </cac:AccountingSupplierParty>\n");

	sb_l(b, "  <cac:AccountingCustomerParty>\n    <cac:Party>\n"
	    "      <cbc:EndpointID schemeID=\"");
	sb_s(b, c->eas);
	sb_l(b, "\">");
	sb_xml(b, c->b2c ? c->email : c->endpoint);
	sb_l(b, "</cbc:EndpointID>\n      <cac:PartyIdentification>");
	sb_el(b, "cbc:ID", c->id);
	sb_l(b, "</cac:PartyIdentification>\n      <cac:PartyName>");
	sb_el(b, "cbc:Name", c->name);
	sb_l(b, "</cac:PartyName>\n");
	ubl_address(b, c->street, c->city, c->zip,
	    c->country == NL ? "NL" : "BE");
	if (c->vat[0]) {
		sb_l(b, "      <cac:PartyTaxScheme>");
		sb_el(b, "cbc:CompanyID", c->vat);
		sb_l(b, "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>"
		    "</cac:PartyTaxScheme>\n");
	}
	sb_l(b, "      <cac:PartyLegalEntity>");
	sb_el(b, "cbc:RegistrationName", c->name);
	if (!c->b2c) {
		sb_l(b, "<cbc:CompanyID schemeID=\"");
		sb_s(b, c->eas);
		sb_l(b, "\">");
		sb_s(b, c->endpoint);
		sb_l(b, "</cbc:CompanyID>");
	}
	sb_l(b, "</cac:PartyLegalEntity>\n      <cac:Contact>");
	sb_el(b, "cbc:ElectronicMail", c->email);
	sb_l(b, "</cac:Contact>\n    </cac:Party>\n"
	    "  </cac:AccountingCustomerParty>\n");

	sb_l(b, "  <cac:PaymentMeans>\n    <cbc:PaymentMeansCode "
	    "name=\"Credit transfer\">30</cbc:PaymentMeansCode>\n");
	if (cn) {
		sb_l(b, "    <cbc:PaymentDueDate>");
		sb_date(b, v->due);
		sb_l(b, "</cbc:PaymentDueDate>\n");
	}
	if (v->ref[0]) {
		sb_l(b, "    ");
		sb_el(b, "cbc:PaymentID", v->ref);
		sb_c(b, '\n');
	}
	sb_l(b, "    <cac:PayeeFinancialAccount>");
	sb_el(b, "cbc:ID", firm_iban);
	sb_el(b, "cbc:Name", FIRM_NAME);
	sb_l(b, "<cac:FinancialInstitutionBranch><cbc:ID>" FIRM_BIC
	    "</cbc:ID></cac:FinancialInstitutionBranch>"
	    "</cac:PayeeFinancialAccount>\n  </cac:PaymentMeans>\n");
	sb_l(b, "  <cac:PaymentTerms><cbc:Note>");
	if (c->lang == LFR)
		sb_l(b, "Paiement à ");
	else if (c->lang == LEN)
		sb_l(b, "Payment within ");
	else
		sb_l(b, "Betaling binnen ");
	sb_u(b, c->terms, 1);
	sb_s(b, c->lang == LFR ? " jours" : c->lang == LEN ? " days" :
	    " dagen");
	if (!c->b2c && !cn)
		sb_s(b, c->lang == LFR ? "; escompte 2% à 10 jours" :
		    c->lang == LEN ? "; 2% discount within 10 days" :
		    "; 2% korting bij betaling binnen 10 dagen");
	sb_l(b, "</cbc:Note></cac:PaymentTerms>\n");

	sb_l(b, "  <cac:TaxTotal>\n    ");
	sb_money(b, "cbc:TaxAmount", "currencyID", ccy, v->amount - v->net);
	sb_l(b, "\n    <cac:TaxSubtotal>");
	sb_money(b, "cbc:TaxableAmount", "currencyID", ccy, v->net);
	sb_money(b, "cbc:TaxAmount", "currencyID", ccy, v->amount - v->net);
	sb_c(b, '\n');
	sb_l(b, "      ");
	ubl_tax_category(b, "TaxCategory");
	sb_l(b, "    </cac:TaxSubtotal>\n  </cac:TaxTotal>\n");
	if (v->cur != CUR_EUR) {	/* BR-53: VAT in the VAT currency */
		sb_l(b, "  <cac:TaxTotal>");
		sb_money(b, "cbc:TaxAmount", "currencyID", "EUR",
		    ((v->amount - v->net) * cur_rate[v->cur] + 500000) /
		    1000000);
		sb_l(b, "</cac:TaxTotal>\n");
	}
	sb_l(b, "  <cac:LegalMonetaryTotal>\n    ");
	sb_money(b, "cbc:LineExtensionAmount", "currencyID", ccy, v->net);
	sb_l(b, "\n    ");
	sb_money(b, "cbc:TaxExclusiveAmount", "currencyID", ccy, v->net);
	sb_l(b, "\n    ");
	sb_money(b, "cbc:TaxInclusiveAmount", "currencyID", ccy, v->amount);
	sb_l(b, "\n    ");
	sb_money(b, "cbc:PayableAmount", "currencyID", ccy, v->amount);
	sb_l(b, "\n  </cac:LegalMonetaryTotal>\n");

	for (k = 0; k < v->nlines; k++) {
		sb_s(b, cn ? "  <cac:CreditNoteLine>\n    <cbc:ID>" :
		    "  <cac:InvoiceLine>\n    <cbc:ID>");
		sb_u(b, (uint64_t)k + 1, 1);
		sb_s(b, cn ? "</cbc:ID>\n    <cbc:CreditedQuantity "
		    "unitCode=\"C62\">" : "</cbc:ID>\n    <cbc:InvoicedQuantity "
		    "unitCode=\"C62\">");
		sb_u(b, (uint64_t)v->qty[k], 1);
		sb_s(b, cn ? "</cbc:CreditedQuantity>\n    " :
		    "</cbc:InvoicedQuantity>\n    ");
		sb_money(b, "cbc:LineExtensionAmount", "currencyID", ccy,
		    (int64_t)v->qty[k] * v->price[k]);
		sb_l(b, "\n    <cac:Item>");
		sb_el(b, "cbc:Name", prods[v->item[k]].name);
		sb_l(b, "\n      ");
		ubl_tax_category(b, "ClassifiedTaxCategory");
		sb_l(b, "    </cac:Item>\n    <cac:Price>");
		sb_money(b, "cbc:PriceAmount", "currencyID", ccy,
		    v->price[k]);
		sb_l(b, "</cac:Price>\n");
		sb_s(b, cn ? "  </cac:CreditNoteLine>\n" :
		    "  </cac:InvoiceLine>\n");
	}
	sb_s(b, cn ? "</CreditNote>\n" : "</Invoice>\n");

	of_open(&o, rel, 0);
	of_write(&o, b);
	of_close(&o);
}

/* ------------------------------------------------------------------ */
/* Payments: payments.csv, truth.csv and camt.053 in one pass. */

struct bank_code {
	const char *domn, *fmly, *sub, *prtry;
};
static const struct bank_code bc_credit = {"PMNT", "RCDT", "ESCT", "N541"};
static const struct bank_code bc_xb = {"PMNT", "RCDT", "XBCT", "N546"};
static const struct bank_code bc_rvsl = {"PMNT", "RCDT", "RRTN", "N543"};
static const struct bank_code bc_out = {"PMNT", "ICDT", "ESCT", "N658"};
static const struct bank_code bc_fee = {"ACMT", "MDOP", "CHRG", "N093"};
static const struct bank_code bc_int = {"ACMT", "MCOP", "INTR", "N095"};
static const struct bank_code bc_book = {"PMNT", "ICDT", "BOOK", "N601"};

static const struct bank_code *
bank_code(const struct pay *p)
{
	if (p->kind == K_REVERSAL)
		return &bc_rvsl;
	if (p->kind == K_UNRELATED && p->sub == U_FEE)
		return &bc_fee;
	if (p->kind == K_UNRELATED && p->sub == U_INTEREST)
		return &bc_int;
	if (p->kind == K_UNRELATED && p->sub == U_SWEEP)
		return &bc_book;
	if (p->amount < 0)
		return &bc_out;
	return p->instd ? &bc_xb : &bc_credit;
}

static void
entry_ref(const struct pay *p, char *out)
{
	int y, m, d;

	civil_from_days(p->book, &y, &m, &d);
	snprintf(out, 32, "%04d%02d%02d%08ld", y, m, d, (long)p->entry);
}

static void
txn_id(const struct pay *p, char *out)
{
	entry_ref(p, out);
	if (p->bn)
		snprintf(out + strlen(out), 8, "/%d", p->bidx);
}

static const char *const issuer[] = {"", "CUR", "BBA", "ISO"};

static void
camt_bal(struct sb *b, const char *tp, int64_t amt, int32_t day)
{
	sb_l(b, "      <Bal><Tp><CdOrPrtry><Cd>");
	sb_s(b, tp);
	sb_l(b, "</Cd></CdOrPrtry></Tp>");
	sb_money(b, "Amt", "Ccy", "EUR", amt < 0 ? -amt : amt);
	sb_s(b, amt < 0 ? "<CdtDbtInd>DBIT</CdtDbtInd>" :
	    "<CdtDbtInd>CRDT</CdtDbtInd>");
	sb_l(b, "<Dt><Dt>");
	sb_date(b, day);
	sb_l(b, "</Dt></Dt></Bal>\n");
}

static void
camt_txdtls(struct sb *b, const struct pay *p, const struct rend *o,
    int batch)
{
	int credit = p->amount > 0 || p->kind == K_REVERSAL;
	int64_t a = p->amount < 0 ? -p->amount : p->amount;

	sb_l(b, "          <TxDtls>\n            <Refs>");
	sb_el(b, "EndToEndId", o->e2e);
	sb_l(b, "</Refs>\n");
	if (batch || p->instd) {
		sb_l(b, "            <AmtDtls>");
		if (p->instd) {
			sb_l(b, "<InstdAmt>");
			sb_money(b, "Amt", "Ccy", cur_name[p->icur], p->instd);
			sb_l(b, "<CcyXchg><SrcCcy>");
			sb_s(b, cur_name[p->icur]);
			sb_l(b, "</SrcCcy><TrgtCcy>EUR</TrgtCcy><UnitCcy>");
			sb_s(b, cur_name[p->icur]);
			sb_l(b, "</UnitCcy><XchgRate>");
			sb_u(b, p->rate / 1000000, 1);
			sb_c(b, '.');
			sb_u(b, p->rate % 1000000, 6);
			sb_l(b, "</XchgRate></CcyXchg></InstdAmt>");
		}
		sb_l(b, "<TxAmt>");
		sb_money(b, "Amt", "Ccy", "EUR", a);
		sb_l(b, "</TxAmt></AmtDtls>\n");
	}
	if (o->name[0] || o->iban[0]) {
		const char *pt = credit ? "Dbtr" : "Cdtr";

		sb_l(b, "            <RltdPties>");
		if (o->name[0]) {
			sb_c(b, '<');
			sb_s(b, pt);
			sb_c(b, '>');
			sb_el(b, "Nm", o->name);
			sb_l(b, "</");
			sb_s(b, pt);
			sb_c(b, '>');
		}
		if (o->iban[0]) {
			sb_c(b, '<');
			sb_s(b, pt);
			sb_l(b, "Acct><Id>");
			sb_el(b, "IBAN", o->iban);
			sb_l(b, "</Id></");
			sb_s(b, pt);
			sb_l(b, "Acct>");
		}
		sb_l(b, "</RltdPties>\n");
	}
	if (o->rmt[0] || o->ref[0]) {
		sb_l(b, "            <RmtInf>");
		if (o->rmt[0])
			sb_el(b, "Ustrd", o->rmt);
		if (o->ref[0]) {
			sb_l(b, "<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd>"
			    "</CdOrPrtry><Issr>");
			sb_s(b, issuer[o->reftype]);
			sb_l(b, "</Issr></Tp>");
			sb_el(b, "Ref", o->ref);
			sb_l(b, "</CdtrRefInf></Strd>");
		}
		sb_l(b, "</RmtInf>\n");
	}
	sb_l(b, "          </TxDtls>\n");
}

static void
csv_row(struct sb *b, const struct pay *p, const struct rend *o,
    const char *stmt, const char *src)
{
	char id[40];
	const struct bank_code *bc = bank_code(p);

	txn_id(p, id);
	sb_s(b, id);
	sb_c(b, ',');
	sb_s(b, firm_iban);
	sb_c(b, ',');
	sb_date(b, p->book);
	sb_c(b, ',');
	sb_date(b, p->val);
	sb_c(b, ',');
	sb_amt(b, p->amount);
	sb_l(b, ",EUR,");
	sb_csv(b, o->name);
	sb_c(b, ',');
	sb_s(b, o->iban);
	sb_c(b, ',');
	sb_s(b, o->ref);
	sb_c(b, ',');
	sb_csv(b, o->rmt);
	sb_c(b, ',');
	/* As ar-import writes them: no NOTPROVIDED, Domn/Fmly/Sub, true or empty. */
	sb_csv(b, strcmp(o->e2e, "NOTPROVIDED") != 0 ? o->e2e : "");
	sb_c(b, ',');
	sb_s(b, bc->domn);
	sb_c(b, '/');
	sb_s(b, bc->fmly);
	sb_c(b, '/');
	sb_s(b, bc->sub);
	sb_s(b, p->kind == K_REVERSAL ? ",true," : ",,");
	sb_s(b, stmt);
	sb_c(b, ',');
	sb_s(b, src);
	sb_c(b, '\n');
}

static void
truth_rows(struct sb *b, const struct pay *p)
{
	char id[40], iv[32];
	int32_t k;

	txn_id(p, id);
	if (p->nlink == 0) {
		sb_s(b, id);
		sb_l(b, ",,");
		sb_amt(b, p->amount);
		sb_c(b, ',');
		sb_s(b, kind_name[p->kind]);
		sb_c(b, '\n');
		return;
	}
	for (k = 0; k < p->nlink; k++) {
		inv_id(&I[L[p->link + k].inv], iv);
		sb_s(b, id);
		sb_c(b, ',');
		sb_s(b, iv);
		sb_c(b, ',');
		sb_amt(b, L[p->link + k].amount);
		sb_c(b, ',');
		sb_s(b, kind_name[p->kind]);
		sb_c(b, '\n');
	}
}

/*
 * One camt.053 file with one statement of the payments [a, b), booked
 * in [from, to].  Returns the closing balance.
 */
static int64_t
write_stmt(const char *rel, const char *stmt, int seqno, int32_t from,
    int32_t to, size_t a, size_t b, int64_t open, struct ofile *pcsv,
    struct ofile *ptruth)
{
	struct ofile o;
	struct sb x = {0}, cb = {0}, tb = {0};
	struct rend rs[4];
	int64_t cr = 0, dr = 0, ent, close;
	uint64_t ncr = 0, ndr = 0;
	size_t i, j, k;
	char ref[32];

	/* first pass: the sums the statement opens with */
	for (i = a; i < b; i = j) {
		for (ent = 0, j = i; j < b && P[j].entry == P[i].entry; j++)
			ent += P[j].amount;
		if (ent >= 0)
			cr += ent, ncr++;
		else
			dr -= ent, ndr++;
	}
	close = open + cr - dr;

	of_open(&o, rel, OBUFSZ);
	sb_l(&x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:"
	    "camt.053.001.02\" xmlns:xsi=\"http://www.w3.org/2001/"
	    "XMLSchema-instance\">\n  <BkToCstmrStmt>\n    <GrpHdr><MsgId>");
	sb_l(&x, "MSG-");
	sb_s(&x, stmt);
	sb_l(&x, "</MsgId><CreDtTm>");
	sb_date(&x, to + 1);
	sb_l(&x, "T06:00:00</CreDtTm><MsgPgntn><PgNb>1</PgNb>"
	    "<LastPgInd>true</LastPgInd></MsgPgntn></GrpHdr>\n    <Stmt>\n"
	    "      <Id>");
	sb_s(&x, stmt);
	sb_l(&x, "</Id><ElctrncSeqNb>");
	sb_u(&x, (uint64_t)seqno, 1);
	sb_l(&x, "</ElctrncSeqNb><CreDtTm>");
	sb_date(&x, to + 1);
	sb_l(&x, "T06:00:00</CreDtTm>\n      <FrToDt><FrDtTm>");
	sb_date(&x, from);
	sb_l(&x, "T00:00:00</FrDtTm><ToDtTm>");
	sb_date(&x, to);
	sb_l(&x, "T23:59:59</ToDtTm></FrToDt>\n      <Acct><Id><IBAN>");
	sb_s(&x, firm_iban);
	sb_l(&x, "</IBAN></Id><Ccy>EUR</Ccy><Ownr><Nm>" FIRM_NAME
	    "</Nm></Ownr><Svcr><FinInstnId><BIC>" FIRM_BIC "</BIC>"
	    "</FinInstnId></Svcr></Acct>\n");
	camt_bal(&x, "OPBD", open, from);
	camt_bal(&x, "CLBD", close, to);
	sb_l(&x, "      <TxsSummry><TtlNtries><NbOfNtries>");
	sb_u(&x, ncr + ndr, 1);
	sb_l(&x, "</NbOfNtries><Sum>");
	sb_amt(&x, cr + dr);
	sb_l(&x, "</Sum><TtlNetNtryAmt>");
	sb_amt(&x, cr >= dr ? cr - dr : dr - cr);
	sb_s(&x, cr >= dr ? "</TtlNetNtryAmt><CdtDbtInd>CRDT</CdtDbtInd>" :
	    "</TtlNetNtryAmt><CdtDbtInd>DBIT</CdtDbtInd>");
	sb_l(&x, "</TtlNtries><TtlCdtNtries><NbOfNtries>");
	sb_u(&x, ncr, 1);
	sb_l(&x, "</NbOfNtries><Sum>");
	sb_amt(&x, cr);
	sb_l(&x, "</Sum></TtlCdtNtries><TtlDbtNtries><NbOfNtries>");
	sb_u(&x, ndr, 1);
	sb_l(&x, "</NbOfNtries><Sum>");
	sb_amt(&x, dr);
	sb_l(&x, "</Sum></TtlDbtNtries></TxsSummry>\n");
	of_write(&o, &x);

	for (i = a; i < b; i = j) {
		const struct pay *p = &P[i];
		const struct bank_code *bc = bank_code(p);
		size_t n;

		for (ent = 0, j = i; j < b && P[j].entry == p->entry; j++)
			ent += P[j].amount;
		n = j - i;
		for (k = 0; k < n; k++) {
			render(&P[i + k], &rs[k]);
			csv_row(&cb, &P[i + k], &rs[k], stmt, rel);
			truth_rows(&tb, &P[i + k]);
		}
		entry_ref(p, ref);
		sb_l(&x, "      <Ntry>\n        ");
		sb_money(&x, "Amt", "Ccy", "EUR", ent < 0 ? -ent : ent);
		sb_s(&x, ent < 0 ? "<CdtDbtInd>DBIT</CdtDbtInd>" :
		    "<CdtDbtInd>CRDT</CdtDbtInd>");
		if (p->kind == K_REVERSAL)
			sb_l(&x, "<RvslInd>true</RvslInd>");
		sb_l(&x, "<Sts>BOOK</Sts>\n        <BookgDt><Dt>");
		sb_date(&x, p->book);
		sb_l(&x, "</Dt></BookgDt><ValDt><Dt>");
		sb_date(&x, p->val);
		sb_l(&x, "</Dt></ValDt><AcctSvcrRef>");
		sb_s(&x, ref);
		sb_l(&x, "</AcctSvcrRef>\n        <BkTxCd><Domn><Cd>");
		sb_s(&x, bc->domn);
		sb_l(&x, "</Cd><Fmly><Cd>");
		sb_s(&x, bc->fmly);
		sb_l(&x, "</Cd><SubFmlyCd>");
		sb_s(&x, bc->sub);
		sb_l(&x, "</SubFmlyCd></Fmly></Domn><Prtry><Cd>");
		sb_s(&x, bc->prtry);
		sb_l(&x, "</Cd></Prtry></BkTxCd>\n        <NtryDtls>\n");
		if (n > 1) {
			sb_l(&x, "          <Btch><NbOfTxs>");
			sb_u(&x, n, 1);
			sb_l(&x, "</NbOfTxs>");
			sb_money(&x, "TtlAmt", "Ccy", "EUR", ent);
			sb_l(&x, "<CdtDbtInd>CRDT</CdtDbtInd></Btch>\n");
		}
		for (k = 0; k < n; k++)
			camt_txdtls(&x, &P[i + k], &rs[k], n > 1);
		sb_l(&x, "        </NtryDtls>\n");
		if (p->kind == K_UNRELATED && p->sub != U_UNKNOWN &&
		    p->sub != U_SWEEP) {
			sb_l(&x, "        ");
			sb_el(&x, "AddtlNtryInf", rs[0].rmt);
			sb_c(&x, '\n');
		}
		sb_l(&x, "      </Ntry>\n");
		if (x.n > 65536)
			of_write(&o, &x);
		if (cb.n > 65536)
			of_write(pcsv, &cb);
		if (tb.n > 65536)
			of_write(ptruth, &tb);
	}
	sb_l(&x, "    </Stmt>\n  </BkToCstmrStmt>\n</Document>\n");
	of_write(&o, &x);
	of_write(pcsv, &cb);
	of_write(ptruth, &tb);
	of_close(&o);
	free(x.p);
	free(cb.p);
	free(tb.p);
	return close;
}

static void
write_payments(int64_t open)
{
	struct ofile pc, pt;
	struct sb b = {0};
	char rel[64], stmt[64];
	size_t a, e;
	int k, y, m, d, y2, m2, d2;

	of_open(&pc, "payments.csv", OBUFSZ);
	of_open(&pt, "truth.csv", OBUFSZ);
	sb_l(&b, "txn_id,account,booking_date,value_date,amount,currency,"
	    "counterparty_name,counterparty_iban,reference,remittance,"
	    "end_to_end_id,bank_code,reversal,statement_id,source\n");
	of_write(&pc, &b);
	sb_l(&b, "txn_id,invoice_id,amount,kind\n");
	of_write(&pt, &b);
	free(b.p);

	if (!opt_permonth) {
		civil_from_days(d_start, &y, &m, &d);
		civil_from_days(d_end - 1, &y2, &m2, &d2);
		snprintf(stmt, sizeof stmt, "STMT-%04d%02d%02d-%04d%02d%02d",
		    y, m, d, y2, m2, d2);
		write_stmt("payments.camt053.xml", stmt, 1, d_start, d_end - 1,
		    0, np, open, &pc, &pt);
	} else {
		make_dir("camt");
		for (a = 0, k = 0; k < opt_months; k++, a = e) {
			for (e = a; e < np && P[e].book < mstart[k + 1]; e++)
				;
			civil_from_days(mstart[k], &y, &m, &d);
			snprintf(rel, sizeof rel, "camt/%04d-%02d.xml", y, m);
			snprintf(stmt, sizeof stmt, "STMT-%04d-%02d", y, m);
			open = write_stmt(rel, stmt, k + 1, mstart[k],
			    mstart[k + 1] - 1, a, e, open, &pc, &pt);
		}
	}
	of_close(&pc);
	of_close(&pt);
}

/* ------------------------------------------------------------------ */

static const char usage_line[] =
    "usage: gen [-n invoices] [-c customers] [-s seed] [-o dir] "
    "[--start YYYY-MM-DD]\n"
    "           [--months M] [--ubl] [--camt-per-month]\n";

static void
help(void)
{
	fputs(usage_line, stdout);
	fputs("\n"
	    "Write deterministic test data for artools into dir:\n"
	    "customers.csv, invoices.csv, payments.csv, truth.csv and\n"
	    "payments.camt053.xml (camt/YYYY-MM.xml with --camt-per-month),\n"
	    "with --ubl also ubl/INVOICE_ID.xml.\n\n"
	    "  -n invoices        documents to issue (default 1000)\n"
	    "  -c customers       customers (default n/20, at least 10)\n"
	    "  -s seed            random seed (default 1)\n"
	    "  -o dir             output folder (default .)\n"
	    "  --start date       first day of the period (default 2025-01-01)\n"
	    "  --months M         length of the period (default 12)\n"
	    "  --ubl              also write a UBL document per invoice\n"
	    "  --camt-per-month   one camt.053 file per month\n", stdout);
	if (fflush(stdout) != 0 || ferror(stdout))
		die("stdout: %s", strerror(errno));
	exit(0);
}

static void
bad_usage(const char *fmt, const char *arg)
{
	fputs("gen: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	fputs(usage_line, stderr);
	fputs("try 'gen --help'\n", stderr);
	exit(2);
}

static long
num_arg(const char *opt, const char *s, long lo, long hi)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		bad_usage("bad value for %s", opt);
	return v;
}

int
main(int argc, char **argv)
{
	const char *a, *val;
	struct rng r;
	int i, k;
	char *end;

	if (parse_date("2025-01-01", &opt_start) != 0)
		return 2;
	for (i = 1; i < argc; i++) {
		a = argv[i];
		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
			help();
		if (strcmp(a, "--ubl") == 0) {
			opt_ubl = 1;
			continue;
		}
		if (strcmp(a, "--camt-per-month") == 0) {
			opt_permonth = 1;
			continue;
		}
		if (strncmp(a, "--start", 7) == 0 ||
		    strncmp(a, "--months", 8) == 0) {
			size_t l = a[3] == 't' ? 7 : 8;

			if (a[l] == '=')
				val = a + l + 1;
			else if (a[l] == '\0' && i + 1 < argc)
				val = argv[++i];
			else if (a[l] == '\0')
				bad_usage("option %s needs a value", a);
			else
				bad_usage("unknown option %s", a);
			if (l == 7) {
				if (parse_date(val, &opt_start) != 0)
					bad_usage("bad date for --start: %s",
					    val);
			} else
				opt_months = (int)num_arg("--months", val, 1,
				    1200);
			continue;
		}
		if (a[0] == '-' && a[1] && strchr("ncso", a[1]) != NULL) {
			if (a[2])
				val = a + 2;
			else if (i + 1 < argc)
				val = argv[++i];
			else
				bad_usage("option %s needs a value", a);
			switch (a[1]) {
			case 'n':
				opt_n = num_arg("-n", val, 0, 20000000);
				break;
			case 'c':
				opt_c = num_arg("-c", val, 1, 2000000);
				break;
			case 's':
				errno = 0;
				opt_seed = strtoull(val, &end, 10);
				if (errno || end == val || *end || *val == '-')
					bad_usage("bad value for %s", "-s");
				break;
			default:
				if (*val == '\0')
					bad_usage("bad value for %s", "-o");
				opt_dir = val;
				break;
			}
			continue;
		}
		if (a[0] != '-')
			break;
		bad_usage("unknown option %s", a);
	}
	if (i < argc)
		bad_usage("unexpected operand %s", argv[i]);

	ni = (size_t)opt_n;
	nc = opt_c > 0 ? (size_t)opt_c : ni / 20 < 10 ? 10 : ni / 20;

	/* the period, its business days and month ends */
	d_start = opt_start;
	mstart = xcalloc((size_t)opt_months + 1, sizeof *mstart);
	mend = xcalloc((size_t)opt_months, sizeof *mend);
	for (k = 0; k <= opt_months; k++)
		mstart[k] = add_months(d_start, k);
	d_end = mstart[opt_months];
	bd = xcalloc((size_t)(d_end - d_start), sizeof *bd);
	for (int32_t z = d_start; z < d_end; z++)
		if (weekday(z) != 0 && weekday(z) != 6)
			bd[nbd++] = z;
	for (k = 0; k < opt_months; k++) {
		int32_t z = mstart[k + 1] - 1;

		while (z > mstart[k] && (weekday(z) == 0 || weekday(z) == 6))
			z--;
		mend[k] = z;
	}

	rng_seed(&r, opt_seed ^ 0x6669726d00000000ULL);
	iban_make("NL", "RABO0327491106", firm_iban);
	iban_make("NL", "RABO3581406627", firm_savings);
	nl_vat(&r, firm_vat);
	opening = 5000000 + (int64_t)below(&r, 20000000);

	gen_customers();
	gen_invoices();
	gen_payments();
	drop_late();
	gen_extra();
	sort_and_batch();

	make_dir(NULL);
	write_customers();
	write_invoices();
	if (opt_ubl) {
		struct sb b = {0};
		size_t j;

		make_dir("ubl");
		for (j = 0; j < ni; j++)
			write_ubl(j, &b);
		free(b.p);
	}
	write_payments(opening);
	return 0;
}
