/* test_textref.c - invoice number keys, text windows, party names */
#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "textref.h"

static const struct {
	const char *id, *full, *groups, *bare, *seq;
} keys[] = {
	{ "INV-2025-000123", "INV2025000123", "INV.2025.123", "2025000123", "123" },
	{ "inv 2025 000123", "INV2025000123", "INV.2025.123", "2025000123", "123" },
	{ "CN-2025-000017", "CN2025000017", "CN.2025.17", "2025000017", "17" },
	{ "INV-000123", "INV123", "INV.123", "123", "" },
	{ "12345", "12345", "", "", "" },
	{ "00012345", "12345", "", "", "" },
	{ "F 00789", "F789", "F.789", "789", "" },
	{ "2025-0001", "20250001", "2025.1", "", "1" },
	{ "2024-001-A", "2024001A", "2024.1.A", "", "1" },
	{ "ABC", "", "", "", "" },
	{ "", "", "", "", "" },
};

static const struct {
	const char *text;
	const char *want;	/* "a|b|raw" of each window, ';'-separated */
} wins[] = {
	{ "INV-2025-000123", "INV2025000123|INV.2025.123|INV2025000123;"
	    "INV2025|INV.2025|INV2025;2025000123|2025.123|2025000123;"
	    "2025|2025|2025;123|123|000123" },
	/* words before, dates, percentages and amounts are left out */
	{ "Factuur 12 d.d. 15-03-2025 -2% 12,50", "12|12|12" },
	{ "2025-01-06 fnr 7", "FNR7|FNR.7|FNR7;7|7|7" },
	{ "week 33", "" },
	{ "order PO-2025-00123 fact 9", "9|9|9" },
	/* " - " separates two numbers, "-" joins one */
	{ "647 - 6", "647|647|647;6|6|6" },
	{ "647-6", "6476|647.6|6476;647|647|647;6|6|6" },
	/* nor does any other separator between spaces: a list */
	{ "123 / 456", "123|123|123;456|456|456" },
	/* order, customer and contract numbers are left out */
	{ "ordernummer 4711001", "" },
	{ "Kundennummer: 4711001", "" },
	{ "debiteurnummer 4711001 fnr 8", "FNR8|FNR.8|FNR8;8|8|8" },
	/* printed references */
	{ "+++010/8068/17183+++", "10806817183|10.8068.17183|010806817183;"
	    "108068|10.8068|0108068;10|10|010;806817183|8068.17183|806817183;"
	    "8068|8068|8068;17183|17183|17183" },
	{ "RF18 5390", "RF185390|RF.18.5390|RF185390;RF18|RF.18|RF18;"
	    "185390|18.5390|185390;18|18|18;5390|5390|5390" },
	{ "", "" },
};

static const struct {
	const char *name, *norm;
} names[] = {
	{ "Van der Berg Installatie B.V.", "BERG INSTALLATIE" },
	{ "Janssens & Zonen BV", "JANSSENS ZONEN" },
	{ "Jansen & Zn.", "JANSEN ZONEN" },
	{ "Supérette François SRL", "SUPERETTE FRANCOIS" },
	{ "'t Hart Events V.O.F.", "HART EVENTS" },
	{ "ST. ZORGGROEP AMSTERDAM", "STICHTING ZORGGROEP AMSTERDAM" },
	{ "Gem. Basisschool", "GEMEENTELIJKE BASISSCHOOL" },
	{ "A.JANSEN", "A JANSEN" },
	{ "Dhr. J. de Vries", "J VRIES" },
	{ "Lion d'Or", "LION OR" },
	{ "", "" },
};

static const struct {
	const char *pay, *cust;
	int fit;
} fits[] = {
	{ "Van Acker EN Zonen", "Van Acker & Zonen", 2 },
	{ "ZONEN VAN ACKER", "Van Acker & Zonen", 2 },
	{ "JANSEN J", "Jan Jansen", 1 },
	{ "J. Jansen", "Jan Jansen", 1 },
	{ "Jan Jansen", "J. Jansen", 1 },
	{ "'T HART M", "Marieke 't Hart", 1 },
	{ "B. VAN DEN BROEK EO P. BLOM", "Bram van den Broek", 1 },
	{ "GEMEENTELIJKE BASI", "Gemeentelijke Basisschool Sint-Niklaas", 1 },
	{ "STICHTING ZORGGROEP AMSTERD", "Stichting Zorggroep Amsterdam", 1 },
	{ "RESTAURANT DE HOOIBERG B", "Restaurant De Hooiberg B.V.", 1 },
	{ "HOTEL DE LINDE", "Hotel De Linde BV", 2 },
	{ "Piet Jansen", "Jan Jansen", 0 },
	{ "Jansen", "Supermarkt Jansen Groothandel", 0 },
	{ "K. Visser", "Kees de Vries", 0 },
	{ "", "Jan Jansen", 0 },
};

/*
 * The windows of every part of text read leftmost-longest (the first at
 * a start, then on from its end), as their raw forms, space-separated;
 * "@from" after one when from > 65535.
 */
static void
all_windows(const char *text, struct ar_textref_win *w, char *out, size_t cap)
{
	struct ar_textref_pos pos = { 0, 0, 0 };
	size_t n, j, len = 0, skip = 0;

	out[0] = '\0';
	do {
		n = ar_textref_windows(text, 3, w, &pos);
		for (j = 0; j < n; j++) {
			if (w[j].from < skip)
				continue;
			skip = w[j].to;
			len += (size_t)snprintf(out + len, cap - len, "%s%s",
			    len ? " " : "", w[j].raw);
			if (w[j].from > 65535)
				len += (size_t)snprintf(out + len, cap - len, "@%zu",
				    w[j].from);
		}
	} while (pos.more);
}

int
main(void)
{
	struct ar_textref_win w[AR_TEXTREF_MAXWIN];
	char k[AR_TEXTREF_KEYMAX + 1], buf[2048], a[AR_TEXTREF_NAMEMAX],
	    b[AR_TEXTREF_NAMEMAX];
	size_t i, j, n;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const char *want[AR_TK_N] = { keys[i].full, keys[i].groups,
		    keys[i].bare, keys[i].seq };

		for (j = 0; j < AR_TK_N; j++) {
			if (ar_textref_key(keys[i].id, (enum ar_tk)j, k) == 0)
				k[0] = '\0';
			is_str(k, want[j], "key %zu of '%s'", j, keys[i].id);
		}
	}
	for (i = 0; i < sizeof wins / sizeof wins[0]; i++) {
		n = ar_textref_windows(wins[i].text, 3, w, NULL);
		buf[0] = '\0';
		for (j = 0; j < n; j++)
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf),
			    "%s%s|%s|%s", j ? ";" : "", w[j].a, w[j].b, w[j].raw);
		is_str(buf, wins[i].want, "windows of '%s'", wins[i].text);
	}
	/* a long text is read in parts: every window once, with its context */
	{
		static char text[140000];
		char got[4096];

		for (i = 0, text[0] = '\0'; i < 150; i++)
			snprintf(text + strlen(text), sizeof text - strlen(text),
			    "F%04zu ", i);
		all_windows(text, w, got, sizeof got);
		for (i = 0, buf[0] = '\0'; i < 150; i++)
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf),
			    "%sF%04zu", i ? " " : "", i);
		is_str(got, buf, "300 runs: each number once, in parts");
		/* "2025" "01" "15" are runs 237 to 239: the second part's first */
		for (i = 0, text[0] = '\0'; i < 237; i++)
			strcat(text, "word ");
		strcat(text, "2025-01-15");
		for (i = 0; i < 30; i++)
			strcat(text, " word");
		strcat(text, " 5");
		all_windows(text, w, got, sizeof got);
		is_str(got, "5", "a date where two parts meet is still a date");
		/* "order 1001 ... 1012", read whole and where parts meet */
		{
			char got2[4096];
			size_t at, pass;

			for (pass = 0; pass < 2; pass++) {
				at = pass == 0 ? 100 : 228;
				for (i = 0, text[0] = '\0'; i < at; i++)
					strcat(text, "word ");
				strcat(text, "order");
				for (i = 1001; i <= 1012; i++)
					snprintf(text + strlen(text),
					    sizeof text - strlen(text), " %zu", i);
				for (i = 0; i < 60; i++)
					strcat(text, " word");
				strcat(text, " 9");
				all_windows(text, w, pass == 0 ? got : got2,
				    sizeof got);
			}
			is_str(got, "9", "an order number list is no invoice "
			    "number");
			is_str(got2, got, "an order number list where two parts "
			    "meet is read as it is whole");
		}
		memset(text, '9', 65540);
		strcpy(text + 65540, "12345 plus 77");
		all_windows(text, w, got, sizeof got);
		snprintf(buf, sizeof buf, "77@%d", 65545 + 6);
		is_str(got, buf, "a run over 64 KiB names nothing");
		memset(text, ' ', 70000);
		strcpy(text + 70000, "INV 2025-000123");
		all_windows(text, w, got, sizeof got);
		is_str(got, "INV2025000123@70000", "after a gap of 70,000 bytes");
	}
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		ar_textref_name(names[i].name, a);
		is_str(a, names[i].norm, "name '%s'", names[i].name);
	}
	for (i = 0; i < sizeof fits / sizeof fits[0]; i++) {
		ar_textref_name(fits[i].pay, a);
		ar_textref_name(fits[i].cust, b);
		is_int(ar_textref_name_fit(a, b), fits[i].fit, "'%s' fits '%s'",
		    fits[i].pay, fits[i].cust);
	}
	/* a name too long is cut at a word, not in one */
	memset(buf, 0, sizeof buf);
	for (i = 0; i < 40; i++)
		strcat(buf, "Abcdefg ");
	n = ar_textref_name(buf, a);
	ok(n < AR_TEXTREF_NAMEMAX && (n == 0 || a[n - 1] == 'G'),
	    "a long name is cut at a word boundary");
	return tap_done();
}
