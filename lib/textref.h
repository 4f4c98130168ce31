/*
 * textref.h - what a payer writes: invoice numbers in free text and
 * party names, reduced to the forms ar-match compares.
 *
 * Invoice numbers.  A number is cut into tokens: runs of ASCII letters
 * and runs of ASCII digits ("INV-2025-000123" is INV, 2025, 000123;
 * "fnr12" is FNR, 12).  From the tokens come keys, all upper case:
 *
 *   AR_TK_FULL    the tokens joined, the leading zeros of the trailing run
 *                 of digits dropped: INV2025000123 (so "inv 2025-000123",
 *                 "INV2025000123" and "INV-2025-0000123" find it)
 *   AR_TK_GROUPS  every run of digits without its leading zeros:
 *                 INV2025123 ("INV-2025-123")
 *   AR_TK_BARE    FULL without its leading letters: 2025000123
 *                 ("factuur 2025-000123")
 *   AR_TK_SEQ     the last run of digits alone: 123 ("Fact 000123"); weak,
 *                 it is shared by INV-2024-000123, CN-2025-000123, ...
 *
 * A key kind is absent when it would equal a stronger one (a plain
 * "12345" has only FULL).  Free text is cut the same way into windows of
 * up to AR_TEXTREF_MAXTOK consecutive tokens that a payer could have
 * typed as one number: tokens glued or separated by at most three of
 * " -/._:#".  Each window carries the same two forms, FULL-like (a) and
 * GROUPS-like (b), and the plain upper-case join (raw) for structured
 * references written in their printed form ("+++010/8068/17183+++",
 * "RF18 5390 0754 7034").  Dates (2025-03-15, 15-03-2025, 15/03/2025),
 * amounts (1234.50, 12,50) and percentages (2%) are not part of any
 * window.
 *
 * Party names.  ar_textref_name reduces a name to its words: ASCII upper
 * case, Latin-1 accents folded (UTF-8 C3 xx), dots inside abbreviations
 * dropped (B.V. is BV), legal forms (BV, NV, BVBA, VOF, SRL, SA, GMBH,
 * LTD, ...), name particles (van, der, de, 't, le, du, ...), titles and
 * joiners (&, en, et, and) dropped, and the abbreviations banks print
 * expanded (ST. is STICHTING, GEM. is GEMEENTELIJKE).
 */
#ifndef AR_TEXTREF_H
#define AR_TEXTREF_H

#include <stddef.h>

#define AR_TEXTREF_KEYMAX	40	/* longest key, letters and digits */
#define AR_TEXTREF_RAWMAX	35	/* longest window, raw form */
#define AR_TEXTREF_MAXTOK	8	/* tokens in a window */
#define AR_TEXTREF_MAXWIN	2048	/* windows of one text: 8 a token */
#define AR_TEXTREF_NAMEMAX	128	/* normalized name, with NUL */

enum ar_tk { AR_TK_FULL, AR_TK_GROUPS, AR_TK_BARE, AR_TK_SEQ };
#define AR_TK_N 4

/*
 * The key of the given kind of an invoice number into out
 * (AR_TEXTREF_KEYMAX + 1 bytes).  Returns its length, or 0 when the
 * number has no such key (no digit, too long, or equal to a stronger
 * kind).
 */
size_t ar_textref_key(const char *id, enum ar_tk kind, char *out);

/*
 * All keys at once: key[k] and len[k] for each kind k (len 0 when absent).
 * Returns the number of keys present.
 */
int ar_textref_keys(const char *id, char key[AR_TK_N][AR_TEXTREF_KEYMAX + 1],
    size_t len[AR_TK_N]);

struct ar_textref_win {
	unsigned char start, end;	/* tokens [start, end) */
	size_t from, to;		/* bytes of the text [from, to) */
	unsigned char alen, blen, rawlen;
	unsigned char ndigits;		/* digits in the window */
	unsigned char lead_alpha;	/* length of a leading letter token, 0 if
					   the window starts with digits */
	char a[AR_TEXTREF_RAWMAX + 1];	/* FULL-like form */
	char b[AR_TEXTREF_RAWMAX + 1];	/* GROUPS-like form */
	char raw[AR_TEXTREF_RAWMAX + 1];	/* tokens joined as written */
};

/* Where the reading of a long text is, part by part. */
struct ar_textref_pos {
	size_t ctx;		/* runs are read from this byte */
	size_t at;		/* windows start at this byte or after */
	int more;		/* set: read on from ctx and at */
};

/*
 * The windows of a text, ordered by first token and, for one first token,
 * longest first, so that a reader who takes the first window of each
 * start that it knows, and then skips to its end, reads leftmost-longest.
 * A window starting with a letter token of more than maxlead letters is
 * left out (no invoice number starts with the word "factuur"), except
 * "RF".  Only windows with a digit are listed.  Returns the number of
 * windows written into w (at most AR_TEXTREF_MAXWIN).
 *
 * A text is read 255 runs at a time.  With pos NULL, only
 * its first part.  Else pos starts zeroed, and after each call pos->more
 * says whether to call again for the next part; from and to of a window
 * count from text.  A part reads the runs around its windows with them,
 * so a number is read the same wherever the parts meet.
 */
size_t ar_textref_windows(const char *text, size_t maxlead,
    struct ar_textref_win *w, struct ar_textref_pos *pos);

/*
 * The normalized words of a party name, separated by one space, in the
 * order written, into out (AR_TEXTREF_NAMEMAX bytes, cut at a word
 * boundary).  Returns the length.
 */
size_t ar_textref_name(const char *name, char *out);

/*
 * How well the name a payer's bank printed (pay, normalized) fits a
 * customer's name (cust, normalized):
 *   2  the same words (in any order)
 *   1  close: every word of pay is a word of cust, an initial of one, or
 *      (the last word only) its first three or more letters, as a bank
 *      cuts a long name; at most one word of cust is left over, and at
 *      least one word of three or more letters is the same.  A name of
 *      two holders ("A JANSEN EO B PIETERS") fits when either does.
 *   0  otherwise
 */
int ar_textref_name_fit(const char *pay, const char *cust);

#endif
