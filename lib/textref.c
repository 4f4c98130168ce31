/*
 * textref.c - invoice numbers in free text and party names, normalized
 * (see textref.h)
 */
#include <stdlib.h>
#include <string.h>

#include "textref.h"

#define MAXTOKS 255	/* a window's tokens are numbered in a byte */

struct tok {
	unsigned int off, len;
	unsigned char alpha;	/* letters, else digits */
	unsigned char join;	/* may be joined to the previous token */
	unsigned char glued;	/* nothing between it and the previous token */
	unsigned char excl;	/* a date, an amount or a percentage */
};

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_alpha(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int
upper(int c)
{
	return c >= 'a' && c <= 'z' ? c - 32 : c;
}

/* Characters a payer types inside one number: "INV-2025 000123". */
static int
is_joiner(int c)
{
	return c == ' ' || c == '-' || c == '/' || c == '.' || c == '_' ||
	    c == ':' || c == '#';
}

/*
 * Runs of letters and runs of digits, and whether each joins the last:
 * at most MAXTOKS.  *stop (unless stop is NULL): where reading stopped,
 * s's end when it read all.
 */
static size_t
tokenize(const char *s, struct tok *t, int joinall, size_t *stop)
{
	size_t n = 0, i = 0, prev_end = 0;

	while (s[i] != '\0' && n < MAXTOKS) {
		size_t j, k;
		int alpha;

		if (!is_alpha((unsigned char)s[i]) && !is_digit((unsigned char)s[i])) {
			i++;
			continue;
		}
		alpha = is_alpha((unsigned char)s[i]);
		for (j = i; s[j] != '\0' && (alpha ? is_alpha((unsigned char)s[j]) :
		    is_digit((unsigned char)s[j])); j++)
			;
		t[n].off = (unsigned int)i;
		t[n].len = (unsigned int)(j - i);
		t[n].alpha = (unsigned char)alpha;
		t[n].excl = 0;
		t[n].join = 0;
		t[n].glued = n > 0 && i == prev_end;
		if (n > 0) {
			if (joinall || i == prev_end)
				t[n].join = 1;
			else if (i - prev_end <= 3) {
				/*
				 * "2025-000123", not "123 - 45" nor "123 / 456":
				 * a separator between spaces parts a list
				 */
				t[n].join = 1;
				for (k = prev_end; k < i; k++)
					if (!is_joiner((unsigned char)s[k]) ||
					    (s[k] == ' ' && i - prev_end > 1 &&
					    (s[prev_end] == ' ') + (s[i - 1] == ' ') == 2))
						t[n].join = 0;
			}
		}
		prev_end = j;
		i = j;
		n++;
	}
	if (stop != NULL)
		*stop = i;
	return n;
}

static long
num(const char *s, const struct tok *t)
{
	long v = 0;
	size_t i;

	for (i = 0; i < t->len && i < 9; i++)
		v = v * 10 + (s[t->off + i] - '0');
	return v;
}

/* One separator character between tokens a and a + 1, or 0. */
static int
sep1(const char *s, const struct tok *t, size_t a)
{
	size_t e = t[a].off + t[a].len;

	return t[a + 1].off == e + 1 ? s[e] : 0;
}

/*
 * Mark dates (YYYY-MM-DD, DD-MM-YYYY with one of - / . throughout),
 * amounts (digits, '.' or ',', two digits, not followed by more of a
 * number) and percentages: they are not invoice numbers.
 */
/*
 * Words after which a number is not an invoice number (sorted), at most
 * NOTINV_MAX letters.
 */
#define NOTINV_MAX	14
static const char *const notinv[] = {
	"ABONNEMENTSNR", "AUFTRAG", "AUFTRAGSNR", "AUFTRAGSNUMMER",
	"BESTELLING", "BESTELLNR", "BESTELLNUMMER", "BESTELNR", "BESTELNUMMER",
	"BTW", "CLIENT", "COMMANDE", "CONTRACT", "CONTRACTNR",
	"CONTRACTNUMMER", "CONTRAT", "CUSTOMER", "DEBITEUR", "DEBITEURNR",
	"DEBITEURNUMMER", "DOSSIERNR", "DOSSIERNUMMER", "GIRO", "KLANT",
	"KLANTNR", "KLANTNUMMER", "KUNDE", "KUNDENNR", "KUNDENNUMMER", "KVK",
	"KW", "LIDNR", "LIDNUMMER", "MAAND", "MEMBER", "MITGLIEDSNR", "MOIS",
	"MONTH", "ORDER", "ORDERNR", "ORDERNUMMER", "PO", "POLICY", "POLIS",
	"POLISNR", "POLISNUMMER", "POSTBUS", "REKENINGNR", "REKENINGNUMMER",
	"RELATIENR", "RELATIENUMMER", "SEMAINE", "TEL", "VAT", "VERTRAG",
	"VERTRAGSNR", "VERTRAGSNUMMER", "WEEK", "WK",
};

static int
is_notinv(const char *s, const struct tok *t)
{
	size_t i, k;

	if (t->len < 2 || t->len > NOTINV_MAX)
		return 0;
	for (i = 0; i < sizeof notinv / sizeof notinv[0]; i++) {
		const char *w = notinv[i];

		if (upper((unsigned char)s[t->off]) != w[0] ||
		    strnlen(w, NOTINV_MAX + 1) != t->len)
			continue;
		for (k = 0; k < t->len && w[k] == upper((unsigned char)s[t->off + k]);
		    k++)
			;
		if (k == t->len)
			return 1;
	}
	return 0;
}

static void
mark(const char *s, struct tok *t, size_t n)
{
	size_t i;

	/* "week 33", "order PO-2025-00123": the number after such a word */
	for (i = 0; i + 1 < n; i++)
		if (t[i].alpha && is_notinv(s, &t[i]) && t[i + 1].off -
		    (t[i].off + t[i].len) <= 3) {
			size_t j;

			for (j = i + 1; j < n && (j == i + 1 || (t[j].join &&
			    (!t[j].alpha || t[j].glued))); j++)
				t[j].excl = 1;
		}
	for (i = 0; i < n; i++) {
		size_t e = t[i].off + t[i].len;

		if (t[i].alpha)
			continue;
		if (s[e] == '%' || (s[e] == ' ' && s[e + 1] == '%'))
			t[i].excl = 1;
		if (i + 2 < n && !t[i + 1].alpha && !t[i + 2].alpha) {
			int c = sep1(s, t, i), c2 = sep1(s, t, i + 1);
			long a = num(s, &t[i]), b = num(s, &t[i + 1]),
			    d = num(s, &t[i + 2]);

			if (c != 0 && c == c2 && (c == '-' || c == '/' || c == '.') &&
			    t[i + 1].len <= 2 &&
			    ((t[i].len == 4 && a >= 1900 && a <= 2099 &&
			    b >= 1 && b <= 12 && t[i + 2].len <= 2 && d >= 1 &&
			    d <= 31) ||
			    (t[i].len <= 2 && a >= 1 && a <= 31 && b >= 1 &&
			    b <= 12 && t[i + 2].len == 4 && d >= 1900 &&
			    d <= 2099))) {
				t[i].excl = t[i + 1].excl = t[i + 2].excl = 1;
				continue;
			}
		}
		if (i + 1 < n && !t[i + 1].alpha && t[i + 1].len == 2) {
			int c = sep1(s, t, i);
			size_t e2 = t[i + 1].off + 2;

			if ((c == '.' || c == ',') && !is_digit((unsigned char)s[e2]) &&
			    !((s[e2] == '.' || s[e2] == ',' || s[e2] == '-' ||
			    s[e2] == '/') && is_digit((unsigned char)s[e2 + 1])) &&
			    !(i > 0 && t[i].join && sep1(s, t, i - 1) != 0 &&
			    sep1(s, t, i - 1) != ' '))
				t[i].excl = t[i + 1].excl = 1;
		}
	}
}

/*
 * The a (FULL-like) and b (GROUPS-like) forms and the raw join of tokens
 * [from, to) of s.  Returns the raw length, or 0 if it exceeds max.
 */
static size_t
forms(const char *s, const struct tok *t, size_t from, size_t to, size_t max,
    char *a, size_t *alen, char *b, size_t *blen, char *raw)
{
	size_t i, k, n = 0, nb = 0, d;

	for (i = from; i < to; i++) {
		const char *p = s + t[i].off;
		size_t len = t[i].len;

		if (n + len > max)
			return 0;
		for (k = 0; k < len; k++)
			raw[n + k] = (char)upper((unsigned char)p[k]);
		n += len;
		if (b != NULL) {
			/* groups kept apart: INV.2025.123 is not INV.20251.23 */
			if (nb > 0 && nb + 1 + len <= max)
				b[nb++] = '.';
			k = 0;
			if (!t[i].alpha)
				while (k + 1 < len && p[k] == '0')
					k++;
			for (; k < len; k++)
				b[nb++] = (char)upper((unsigned char)p[k]);
		}
	}
	raw[n] = '\0';
	if (b != NULL) {
		b[nb] = '\0';
		*blen = nb;
	}
	/* a: the trailing run of digits without its leading zeros */
	for (d = n; d > 0 && is_digit((unsigned char)raw[d - 1]); d--)
		;
	k = d;
	while (k + 1 < n && raw[k] == '0')
		k++;
	memcpy(a, raw, d);
	memcpy(a + d, raw + k, n - k);
	*alen = d + (n - k);
	a[*alen] = '\0';
	return n;
}

int
ar_textref_keys(const char *id, char key[AR_TK_N][AR_TEXTREF_KEYMAX + 1],
    size_t len[AR_TK_N])
{
	struct tok t[MAXTOKS];
	char raw[AR_TEXTREF_KEYMAX + 1];
	size_t n, i, lead, last, k;
	int digit = 0, count = 0;

	for (k = 0; k < AR_TK_N; k++) {
		len[k] = 0;
		key[k][0] = '\0';
	}
	n = tokenize(id, t, 1, NULL);
	for (i = 0; i < n; i++)
		if (!t[i].alpha)
			digit = 1;
	if (!digit || forms(id, t, 0, n, AR_TEXTREF_KEYMAX, key[AR_TK_FULL],
	    &len[AR_TK_FULL], key[AR_TK_GROUPS], &len[AR_TK_GROUPS], raw) == 0) {
		len[AR_TK_FULL] = len[AR_TK_GROUPS] = 0;
		return 0;
	}
	if (len[AR_TK_GROUPS] == len[AR_TK_FULL] &&
	    memcmp(key[AR_TK_GROUPS], key[AR_TK_FULL], len[AR_TK_FULL]) == 0)
		len[AR_TK_GROUPS] = 0;
	for (lead = 0; lead < n && t[lead].alpha; lead++)
		;
	if (lead > 0 && lead < n)
		forms(id, t, lead, n, AR_TEXTREF_KEYMAX, key[AR_TK_BARE],
		    &len[AR_TK_BARE], NULL, NULL, raw);
	for (last = n; last > 0 && t[last - 1].alpha; last--)
		;
	if (n >= 2 && last > 0) {
		forms(id, t, last - 1, last, AR_TEXTREF_KEYMAX, key[AR_TK_SEQ],
		    &len[AR_TK_SEQ], NULL, NULL, raw);
		/* absent when a stronger key is the same */
		for (k = 0; k < AR_TK_SEQ; k++)
			if (len[k] == len[AR_TK_SEQ] &&
			    memcmp(key[k], key[AR_TK_SEQ], len[k]) == 0)
				len[AR_TK_SEQ] = 0;
	}
	for (k = 0; k < AR_TK_N; k++) {
		if (len[k] == 0)
			key[k][0] = '\0';
		else
			count++;
	}
	return count;
}

size_t
ar_textref_key(const char *id, enum ar_tk kind, char *out)
{
	char key[AR_TK_N][AR_TEXTREF_KEYMAX + 1];
	size_t len[AR_TK_N];

	ar_textref_keys(id, key, len);
	memcpy(out, key[kind], len[kind] + 1);
	return len[kind];
}

size_t
ar_textref_windows(const char *text, size_t maxlead, struct ar_textref_win *w,
    struct ar_textref_pos *pos)
{
	struct tok t[MAXTOKS];
	size_t n, s, e, k, nw = 0, first = 0, starts, stop, ctx, base, at;

	base = pos != NULL ? pos->ctx : 0;
	at = pos != NULL ? pos->at : 0;
	text += base;
	n = tokenize(text, t, 0, &stop);
	starts = n;
	if (pos != NULL)
		pos->more = 0;
	if (text[stop] != '\0' && pos != NULL) {
		/*
		 * The text goes on (n is MAXTOKS).  The windows that start in
		 * the last two windows' length of runs are left to the next
		 * part, which reads from before them: a window's length, and
		 * on back over runs joined to the one after ("order 1001 1002
		 * ..."), up to two windows' length.  So what comes before
		 * and after a number is read with it (a date, an amount, an
		 * order number) wherever the parts meet.  Parts start at a
		 * run not glued to the one before ("F0123" whole), and each
		 * reads at least 215 runs on.
		 */
		pos->more = 1;
		starts = n - 2 * AR_TEXTREF_MAXTOK;
		for (k = starts; k > n - 3 * AR_TEXTREF_MAXTOK && t[k].glued; k--)
			;
		if (!t[k].glued)
			starts = k;
		ctx = starts - AR_TEXTREF_MAXTOK;
		for (k = ctx; k > starts - 2 * AR_TEXTREF_MAXTOK &&
		    (t[k].glued || t[k].join); k--)
			;
		if (!t[k].glued)
			ctx = k;
		pos->ctx = base + t[ctx].off;
		pos->at = base + t[starts].off;
	}
	while (first < n && base + t[first].off < at)
		first++;
	mark(text, t, n);
	for (s = first; s < starts && nw < AR_TEXTREF_MAXWIN; s++) {
		struct ar_textref_win cand[AR_TEXTREF_MAXTOK];
		size_t nc = 0, digits = 0;
		int rf;

		if (t[s].excl)
			continue;
		rf = t[s].alpha && t[s].len == 2 &&
		    upper((unsigned char)text[t[s].off]) == 'R' &&
		    upper((unsigned char)text[t[s].off + 1]) == 'F';
		if (t[s].alpha && t[s].len > maxlead && !rf)
			continue;
		for (e = s + 1; e <= n && e - s <= AR_TEXTREF_MAXTOK; e++) {
			struct ar_textref_win *c = &cand[nc];
			size_t alen, blen, rlen;

			if (e > s + 1 && (!t[e - 1].join || t[e - 1].excl))
				break;
			/* "INV-1 d.d. ...": words after the number are not in it */
			if (e > s + 1 && t[e - 1].alpha && digits > 0 &&
			    !t[e - 1].glued && !rf)
				break;
			if (!t[e - 1].alpha)
				digits += t[e - 1].len;
			rlen = forms(text, t, s, e, AR_TEXTREF_RAWMAX, c->a, &alen,
			    c->b, &blen, c->raw);
			if (rlen == 0)
				break;
			if (digits == 0)
				continue;
			c->start = (unsigned char)s;
			c->end = (unsigned char)e;
			c->from = base + t[s].off;
			c->to = base + t[e - 1].off + t[e - 1].len;
			c->alen = (unsigned char)alen;
			c->blen = (unsigned char)blen;
			c->rawlen = (unsigned char)rlen;
			c->ndigits = (unsigned char)(digits > 255 ? 255 : digits);
			c->lead_alpha = (unsigned char)(t[s].alpha ? t[s].len : 0);
			nc++;
		}
		/* longest first */
		while (nc > 0 && nw < AR_TEXTREF_MAXWIN)
			w[nw++] = cand[--nc];
	}
	return nw;
}

/* ---- party names ---- */

/* Latin-1 supplement letters U+00C0..U+00FF (UTF-8 C3 80..BF) folded. */
static const char fold[65] =
    "AAAAAAACEEEEIIIIDNOOOOO OUUUUYTSAAAAAAACEEEEIIIIDNOOOOO OUUUUYTY";

static const char *const dropped[] = {	/* sorted (bsearch) */
	"AG", "AND", "ASBL", "BV", "BVBA", "COMMV", "CV", "CVA", "CVBA",
	"DA", "DE", "DEN", "DER", "DES", "DHR", "DI", "DU", "EN", "ET", "EV",
	"EZ", "FAM", "FAMILIE", "GCV", "GMBH", "HET", "HR", "INC", "KG",
	"LA", "LE", "LES", "LLC", "LTD", "MEVR", "MEVROUW", "MLLE", "MME",
	"MR", "MRS", "MS", "MW", "NV", "OHG", "PLC", "SA", "SARL", "SAS",
	"SC", "SCRL", "SCS", "SNC", "SPRL", "SRL", "TEN", "TER", "UG",
	"UND", "VAN", "VD", "VDN", "VOF", "VON", "VZW",
};

static const char *const abbrev[][2] = {
	{ "GEBR", "GEBROEDERS" },
	{ "GEM", "GEMEENTELIJKE" },
	{ "ST", "STICHTING" },
	{ "ZN", "ZONEN" },
};

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int
is_dropped(const char *w)
{
	const char *key = w;

	return bsearch(&key, dropped, sizeof dropped / sizeof dropped[0],
	    sizeof dropped[0], cmpstr) != NULL;
}

/* Append word w to out (space-separated); 0 if it did not fit. */
static int
put_word(char *out, size_t *n, const char *w)
{
	size_t k = strlen(w), i;

	if (k == 0 || is_dropped(w))
		return 1;
	for (i = 0; i < sizeof abbrev / sizeof abbrev[0]; i++)
		if (strcmp(w, abbrev[i][0]) == 0) {
			w = abbrev[i][1];
			k = strlen(w);
			break;
		}
	if (*n + (*n > 0) + k + 1 > AR_TEXTREF_NAMEMAX)
		return 0;
	if (*n > 0)
		out[(*n)++] = ' ';
	memcpy(out + *n, w, k);
	*n += k;
	out[*n] = '\0';
	return 1;
}

/*
 * A word as written, dots included: "B.V." (single letters between dots)
 * is one word BV; "A.JANSEN" or "St." are split at the dots.
 */
static int
put_dotted(char *out, size_t *n, const char *w)
{
	char part[AR_TEXTREF_NAMEMAX], joined[AR_TEXTREF_NAMEMAX];
	size_t i, k = 0, j = 0;
	int singles = 1, parts = 0;

	for (i = 0; ; i++) {
		if (w[i] == '.' || w[i] == '\0') {
			if (k > 1)
				singles = 0;
			if (k > 0) {
				parts++;
				joined[j++] = part[0];
			}
			k = 0;
			if (w[i] == '\0')
				break;
		} else if (k + 1 < sizeof part)
			part[k++] = w[i];
	}
	joined[j] = '\0';
	if (singles && parts > 1)
		return put_word(out, n, joined);
	for (i = 0, k = 0; ; i++) {
		if (w[i] == '.' || w[i] == '\0') {
			part[k] = '\0';
			if (!put_word(out, n, part))
				return 0;
			k = 0;
			if (w[i] == '\0')
				break;
		} else if (k + 1 < sizeof part)
			part[k++] = w[i];
	}
	return 1;
}

size_t
ar_textref_name(const char *name, char *out)
{
	const unsigned char *p = (const unsigned char *)name;
	char w[AR_TEXTREF_NAMEMAX];
	size_t n = 0, k = 0;
	int apos = 0, wapos = 0;	/* an apostrophe just before the word */

	out[0] = '\0';
	for (;;) {
		int c = *p, ch = 0, isapos = 0;

		if (c == 0xC3 && p[1] >= 0x80 && p[1] <= 0xBF) {
			ch = fold[p[1] - 0x80];
			p += 2;
		} else if (c >= 0x80) {
			/* U+2019 right single quotation mark: an apostrophe */
			isapos = c == 0xE2 && p[1] == 0x80 && p[2] == 0x99;
			p++;
			while ((*p & 0xC0) == 0x80)
				p++;
			ch = ' ';
		} else if (c != '\0') {
			p++;
			isapos = c == '\'';
			if (is_alpha(c) || is_digit(c))
				ch = upper(c);
			else if (c == '.')
				ch = '.';
			else
				ch = ' ';
		}
		if (ch == ' ' || c == '\0') {
			if (k > 0) {
				w[k] = '\0';
				/* 't, 's, d', l': an article, not an initial */
				if (!(k == 1 && (wapos || isapos)) &&
				    !put_dotted(out, &n, w))
					break;
				k = 0;
			}
			if (c == '\0')
				break;
		} else if (k + 1 < sizeof w) {
			if (k == 0)
				wapos = apos;
			w[k++] = (char)ch;
		}
		apos = isapos;
	}
	return n;
}

#define MAXWORDS 16

static size_t
words(const char *s, const char **w, size_t *len)
{
	size_t n = 0;

	while (*s != '\0' && n < MAXWORDS) {
		const char *e = strchr(s, ' ');
		size_t k = e ? (size_t)(e - s) : strlen(s);

		w[n] = s;
		len[n++] = k;
		s += k;
		while (*s == ' ')
			s++;
	}
	return n;
}

/* The start of a legal form, as a bank cuts "B.V." to "B". */
static int
legal_prefix(const char *w, size_t n)
{
	static const char *const form[] = { "ASBL", "BV", "BVBA", "CVBA", "GMBH",
	    "LTD", "NV", "SA", "SPRL", "SRL", "VOF", "VZW" };
	size_t i;

	for (i = 0; i < sizeof form / sizeof form[0]; i++)
		if (n < strlen(form[i]) && strncmp(w, form[i], n) == 0)
			return 1;
	return 0;
}

static int
fit_words(const char **a, const size_t *al, size_t na, const char **b,
    const size_t *bl, size_t nb)
{
	unsigned char used[MAXWORDS] = { 0 }, done[MAXWORDS] = { 0 };
	size_t i, j, matched = 0, equal3 = 0;

	if (na == 0 || nb == 0)
		return 0;
	/* the same words? */
	if (na == nb) {
		for (i = 0; i < na; i++)
			for (j = 0; j < nb; j++)
				if (!used[j] && al[i] == bl[j] &&
				    memcmp(a[i], b[j], al[i]) == 0) {
					used[j] = 1;
					done[i] = 1;
					matched++;
					break;
				}
		if (matched == na)
			return 2;
		memset(used, 0, sizeof used);
		memset(done, 0, sizeof done);
		matched = 0;
	}
	for (i = 0; i < na; i++)
		for (j = 0; j < nb; j++)
			if (!used[j] && al[i] == bl[j] &&
			    memcmp(a[i], b[j], al[i]) == 0) {
				used[j] = done[i] = 1;
				matched++;
				if (al[i] >= 3)
					equal3++;
				break;
			}
	for (i = 0; i < na; i++) {
		if (done[i])
			continue;
		/* "HOTEL DE LINDE B": the legal form cut short (a single
		 * letter only after two words: "JANSEN B" is an initial) */
		if (i == na - 1 && legal_prefix(a[i], al[i]) &&
		    (al[i] > 1 || na >= 3)) {
			done[i] = 1;
			continue;
		}
		for (j = 0; j < nb; j++) {
			if (used[j])
				continue;
			/* initials, either way */
			if ((al[i] == 1 || bl[j] == 1) && a[i][0] == b[j][0])
				break;
			/* the last word, cut by the bank */
			if (i == na - 1 && al[i] < bl[j] &&
			    memcmp(a[i], b[j], al[i]) == 0)
				break;
		}
		if (j == nb)
			return 0;
		used[j] = done[i] = 1;
		matched++;
	}
	if (equal3 == 0 || nb - matched > 1)
		return 0;
	return 1;
}

int
ar_textref_name_fit(const char *pay, const char *cust)
{
	const char *a[MAXWORDS], *b[MAXWORDS];
	size_t al[MAXWORDS], bl[MAXWORDS], na, nb, i, from, pl, cl;
	int best = 0, f;

	nb = words(cust, b, bl);
	na = words(pay, a, al);
	/* "A JANSEN EO B PIETERS": two holders, either may be the customer */
	for (from = 0, i = 0; i <= na; i++) {
		if (i < na && !(al[i] == 2 && memcmp(a[i], "EO", 2) == 0))
			continue;
		f = fit_words(a + from, al + from, i - from, b, bl, nb);
		if (f > best)
			best = f;
		from = i + 1;
	}
	/* a long name cut short by the bank, words in order */
	pl = strlen(pay);
	cl = strlen(cust);
	if (best == 0 && pl >= 8 && pl < cl && memcmp(pay, cust, pl) == 0)
		best = 1;
	return best;
}
