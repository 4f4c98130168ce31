/*
 * test_match.c - the matcher on hand-worked books: every rule, the money
 * as it moves, and order independence.  Each case: the payments, the
 * options, and what must come out, worked out by hand from the book
 * below (see the comment on each case).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "tap.h"

/*
 * The book.  C1 Bakkerij Jansen (IBAN NL91ABNA0417164300), C2 Janssens
 * & Zonen (BE68539007547034), C3 Piet de Vries (DE89370400440532013000),
 * C4 Hotel De Linde (NL26VAYB8060476890).
 */
static const char customers[] =
    "customer_id,name,ibans\n"
    "C1,Bakkerij Jansen B.V.,NL91ABNA0417164300\n"
    "C2,Janssens & Zonen BV,BE68539007547034\n"
    "C3,Piet de Vries,DE89370400440532013000\n"
    "C4,Hotel De Linde,NL26 VAYB 8060 4768 90\n";

static const char invoices[] =
    "invoice_id,type,customer_id,customer_name,issue_date,due_date,currency,"
    "amount,reference,billing_ref,note\n"
    "INV-2025-0001,invoice,C1,Bakkerij Jansen B.V.,2025-01-01,2025-01-31,EUR,"
    "100.00,RF18 5390 0754 7034,,a\n"
    "INV-2025-0002,invoice,C1,Bakkerij Jansen B.V.,2025-01-05,2025-02-04,EUR,"
    "50.00,,,b\n"
    "INV-2025-0003,invoice,C1,Bakkerij Jansen B.V.,2025-01-10,2025-02-09,EUR,"
    "60.00,,,c\n"
    "INV-2025-0004,invoice,C2,Janssens & Zonen BV,2025-01-02,2025-02-01,EUR,"
    "242.00,+++010/8068/17183+++,,d\n"
    "INV-2025-0005,invoice,C2,Janssens & Zonen BV,2025-01-03,2025-02-02,EUR,"
    "30.00,,,e\n"
    "CN-2025-0001,credit_note,C2,Janssens & Zonen BV,2025-01-15,2025-01-15,"
    "EUR,-20.00,,INV-2025-0004,f\n"
    "INV-2025-0006,invoice,C3,Piet de Vries,2025-01-04,2025-01-18,EUR,75.25,"
    ",,g\n"
    "INV-2025-0007,invoice,C3,Piet de Vries,2025-01-20,2025-02-03,EUR,24.75,"
    ",,h\n"
    "INV-2025-0008,invoice,C4,Hotel De Linde,2025-01-06,2025-02-05,USD,"
    "500.00,RF712348231,,i\n"
    "INV-2025-0009,invoice,C4,Hotel De Linde,2025-01-10,2025-02-09,EUR,"
    "1000.00,,,j\n"
    "INV-2025-0010,invoice,C2,Janssens & Zonen BV,2025-01-08,2025-02-07,EUR,"
    "30.00,,,k\n";

#define PH "txn_id,booking_date,value_date,amount,currency,counterparty_name," \
    "counterparty_iban,reference,remittance,reversal\n"

/* payments that recur */
#define REF1 "P1,2025-02-01,2025-02-01,100.00,EUR,Jansen,NL91ABNA0417164300," \
    "RF18539007547034,,false\n"
#define OVER1 "P1,2025-02-01,2025-02-01,120.00,EUR,X,NL00UNKNOWN0001,," \
    "Factuur INV-2025-0001,false\n"

static const struct {
	const char *what;
	const char *opts;	/* tol= disc= min= alloc= writeoff nolearn pat= */
	const char *payments;	/* rows after the header */
	const char *confirmed, *history;
	const char *matches;	/* "txn>invoice amount rule conf" ... */
	const char *unmatched;	/* "txn amount customer reason [suggestion]" */
	const char *items;	/* "id open" of items touched */
	int warnings;
} t[] = {
	{ "reference: RF in electronic form, invoice printed", "", REF1, 0, 0,
	    "P1>INV-2025-0001 100.00 reference 100", "",
	    "INV-2025-0001 0.00", 0 },
	{ "reference: OGM, invoice printed with +++", "",
	    "P1,2025-02-01,,242.00,EUR,Janssens,BE68539007547034,010806817183,,\n",
	    0, 0, "P1>INV-2025-0004 242.00 reference 100", "",
	    "INV-2025-0004 0.00", 0 },
	{ "text: number written loosely, payer's IBAN unknown", "",
	    "P1,2025-02-01,,50.00,EUR,X,NL00UNKNOWN0001,,fnr inv 2025-0002,\n",
	    0, 0, "P1>INV-2025-0002 50.00 text 95", "", "INV-2025-0002 0.00", 0 },
	{ "text: two numbers, the amount fits both", "",
	    "P1,2025-02-01,,110.00,EUR,X,NL00UNKNOWN0001,,"
	    "INV-2025-0002 en INV2025-0003,\n", 0, 0,
	    "P1>INV-2025-0002 50.00 text 95; P1>INV-2025-0003 60.00 text 95", "",
	    "INV-2025-0002 0.00; INV-2025-0003 0.00", 0 },
	{ "partial payment: the rest stays open", "",
	    "P1,2025-02-01,,30.00,EUR,X,NL00UNKNOWN0001,,Factuur INV-2025-0001,\n",
	    0, 0, "P1>INV-2025-0001 30.00 text 90", "",
	    "INV-2025-0001 70.00", 0 },
	{ "overpayment: the excess is a credit on the customer", "", OVER1, 0, 0,
	    "P1>INV-2025-0001 100.00 text 90", "P1 20.00 C1 overpayment",
	    "INV-2025-0001 0.00; P1 -20.00", 0 },
	{ "iban: the amount equals one open invoice", "",
	    "P1,2025-02-05,,75.25,EUR,Piet,DE89370400440532013000,,,\n", 0, 0,
	    "P1>INV-2025-0006 75.25 iban 85", "", "INV-2025-0006 0.00", 0 },
	{ "iban: two open invoices of the amount, not guessed", "",
	    "P1,2025-02-05,,30.00,EUR,J,BE68539007547034,,,\n", 0, 0, "",
	    "P1 30.00 C2 ambiguous [INV-2025-0005 | INV-2025-0010 iban 50]",
	    "P1 -30.00",
	    0 },
	{ "iban: a set of two invoices", "",
	    "P1,2025-02-05,,100.00,EUR,Piet,DE89370400440532013000,,,\n", 0, 0,
	    "P1>INV-2025-0006 75.25 iban 80; P1>INV-2025-0007 24.75 iban 80", "",
	    "INV-2025-0006 0.00; INV-2025-0007 0.00", 0 },
	{ "name: close name and an amount that fits", "",
	    "P1,2025-02-05,,75.25,EUR,P. DE VRIES,NL00UNKNOWN0001,,,\n", 0, 0,
	    "P1>INV-2025-0006 75.25 name 70", "", "INV-2025-0006 0.00", 0 },
	{ "name: the same name", "",
	    "P1,2025-02-05,,75.25,EUR,PIET DE VRIES,NL00UNKNOWN0001,,,\n", 0, 0,
	    "P1>INV-2025-0006 75.25 name 75", "", "INV-2025-0006 0.00", 0 },
	{ "min-confidence: below it a match is a suggestion", "min=80",
	    "P1,2025-02-05,,75.25,EUR,P. DE VRIES,NL00UNKNOWN0001,,,\n", 0, 0, "",
	    "P1 75.25 - suggestion [INV-2025-0006 name 70]", "", 0 },
	{ "credit note netted with the invoice it corrects", "",
	    "P1,2025-02-01,,222.00,EUR,J,BE68539007547034,010806817183,,\n", 0, 0,
	    "P1>INV-2025-0004 242.00 reference 100; "
	    "P1>CN-2025-0001 -20.00 reference 100", "",
	    "CN-2025-0001 0.00; INV-2025-0004 0.00", 0 },
	{ "early-payment discount within its terms", "disc=2:10",
	    "P1,2025-01-15,2025-01-15,980.00,EUR,H,NL00UNKNOWN0001,,"
	    "INV-2025-0009,\n", 0, 0, "P1>INV-2025-0009 980.00 text 95 disc 20.00",
	    "", "INV-2025-0009 0.00", 0 },
	{ "discount: too late, a partial payment", "disc=2:10",
	    "P1,2025-01-25,2025-01-25,980.00,EUR,H,NL00UNKNOWN0001,,"
	    "INV-2025-0009,\n", 0, 0, "P1>INV-2025-0009 980.00 text 90", "",
	    "INV-2025-0009 20.00", 0 },
	{ "tolerance: short by bank charges, the rest left open", "tol=0.10",
	    "P1,2025-02-05,,75.20,EUR,Piet,DE89370400440532013000,,,\n", 0, 0,
	    "P1>INV-2025-0006 75.20 iban 75", "", "INV-2025-0006 0.05", 0 },
	{ "tolerance with write-off: the rest closed", "tol=0.10 writeoff",
	    "P1,2025-02-05,,75.20,EUR,Piet,DE89370400440532013000,,,\n", 0, 0,
	    "P1>INV-2025-0006 75.20 iban 75 woff 0.05", "", "INV-2025-0006 0.00",
	    0 },
	{ "reversal undoes what the payment did", "", REF1
	    "P2,2025-02-03,,-100.00,EUR,Jansen,NL91ABNA0417164300,"
	    "RF18539007547034,,true\n", 0, 0,
	    "P1>INV-2025-0001 100.00 reference 100; "
	    "P2>INV-2025-0001 -100.00 reversal 100", "", "", 0 },
	{ "refund of the credit an overpayment left", "", OVER1
	    "P2,2025-02-10,,-20.00,EUR,Jansen,NL91ABNA0417164300,,terugbetaling,\n",
	    0, 0, "P1>INV-2025-0001 100.00 text 90; P2>P1 -20.00 refund 85",
	    "P1 20.00 C1 overpayment", "INV-2025-0001 0.00; P1 0.00", 0 },
	{ "refund not covered by any credit", "",
	    "P1,2025-02-10,,-15.00,EUR,Piet,DE89370400440532013000,,,\n", 0, 0, "",
	    "P1 -15.00 C3 refund-uncovered", "", 0 },
	{ "money out that is not receivables", "",
	    "P1,2025-02-10,,-5.00,EUR,,,,Bank costs,\n", 0, 0, "",
	    "P1 -5.00 - money-out", "", 0 },
	{ "another currency is never applied", "",
	    "P1,2025-02-10,,500.00,EUR,Hotel,NL26VAYB8060476890,RF712348231,,\n",
	    0, 0, "", "P1 500.00 C4 other-currency [INV-2025-0008 reference 50]",
	    "P1 -500.00", 0 },
	{ "a txn_id seen twice counts once", "", REF1 REF1, 0, 0,
	    "P1>INV-2025-0001 100.00 reference 100", "P1 100.00 - duplicate",
	    "INV-2025-0001 0.00", 1 },
	{ "confirmed matches win over the reference", "", REF1,
	    "txn_id,invoice_id\nP1,INV-2025-0002\n", 0,
	    "P1>INV-2025-0002 50.00 confirmed 100", "P1 50.00 C1 overpayment",
	    "INV-2025-0002 0.00; P1 -50.00", 0 },
	{ "history teaches an IBAN", "",
	    "P1,2025-02-05,,75.25,EUR,Piet,GB29NWBK60161331926819,,,\n", 0,
	    "counterparty_iban,customer_id,rule\nGB29NWBK60161331926819,C3,text\n",
	    "P1>INV-2025-0006 75.25 iban 85", "", "INV-2025-0006 0.00", 0 },
	{ "history: a weak rule teaches nothing", "",
	    "P1,2025-02-05,,75.25,EUR,X,GB29NWBK60161331926819,,,\n", 0,
	    "counterparty_iban,customer_id,rule\nGB29NWBK60161331926819,C3,name\n",
	    "", "P1 75.25 - unidentified [INV-2025-0006 amount 30]", "", 0 },
	{ "an IBAN learned from this run's text match", "", REF1
	    "P3,2025-02-03,,50.00,EUR,Y,NL02ABNA0123456789,,INV-2025-0002,\n"
	    "P4,2025-02-04,,60.00,EUR,Y,NL02ABNA0123456789,,,\n", 0, 0,
	    "P1>INV-2025-0001 100.00 reference 100; "
	    "P3>INV-2025-0002 50.00 text 95; P4>INV-2025-0003 60.00 iban 80", "",
	    "INV-2025-0001 0.00; INV-2025-0002 0.00; INV-2025-0003 0.00", 0 },
	{ "paid twice: a credit, the invoice named", "", REF1
	    "P3,2025-02-03,,100.00,EUR,Y,NL02ABNA0123456789,RF18539007547034,,\n",
	    0, 0, "P1>INV-2025-0001 100.00 reference 100",
	    "P3 100.00 C1 already-paid", "INV-2025-0001 0.00; P3 -100.00", 0 },
	{ "a user's pattern finds what the built-in ones leave", "pat=1",
	    "P1,2025-02-01,,30.00,EUR,X,NL00UNKNOWN0001,,ORDER 2025-0005,\n", 0, 0,
	    "P1>INV-2025-0005 30.00 pattern 95", "", "INV-2025-0005 0.00", 0 },
	{ "without the pattern: nothing", "",
	    "P1,2025-02-01,,30.00,EUR,X,NL00UNKNOWN0001,,ORDER 2025-0005,\n", 0, 0,
	    "", "P1 30.00 - unidentified", "", 0 },
	{ "allocation, oldest due first, when allowed", "min=60",
	    "P1,2025-02-05,,130.00,EUR,J,NL91ABNA0417164300,,,\n", 0, 0,
	    "P1>INV-2025-0001 100.00 allocation 60; "
	    "P1>INV-2025-0002 30.00 allocation 60", "",
	    "INV-2025-0001 0.00; INV-2025-0002 20.00", 0 },
	{ "allocation below the threshold: a suggestion, a credit", "",
	    "P1,2025-02-05,,130.00,EUR,J,NL91ABNA0417164300,,,\n", 0, 0, "",
	    "P1 130.00 C1 suggestion [INV-2025-0001 INV-2025-0002 allocation 60]",
	    "P1 -130.00", 0 },
	{ "allocate none: a credit, no suggestion", "alloc=none",
	    "P1,2025-02-05,,130.00,EUR,J,NL91ABNA0417164300,,,\n", 0, 0, "",
	    "P1 130.00 C1 unapplied", "P1 -130.00", 0 },
	{ "newest due first", "min=60 alloc=newest",
	    "P1,2025-02-05,,130.00,EUR,J,NL91ABNA0417164300,,,\n", 0, 0,
	    "P1>INV-2025-0003 60.00 allocation 60; "
	    "P1>INV-2025-0002 50.00 allocation 60; "
	    "P1>INV-2025-0001 20.00 allocation 60", "",
	    "INV-2025-0001 80.00; INV-2025-0002 0.00; INV-2025-0003 0.00", 0 },
};

/* ---- running a case ---- */

struct out {
	char m[2048], u[2048], items[2048];
	int warnings;
	const char *const *ucols;
	size_t nucols;
};

static void
add(char *buf, size_t sz, const char *s)
{
	snprintf(buf + strlen(buf), sz - strlen(buf), "%s%s", *buf ? "; " : "",
	    s);
}

static void
on_match(void *arg, const char *const *f)
{
	struct out *o = arg;
	char s[256];

	/* txn_id,invoice_id,type,customer_id,booking_date,amount,currency,
	 * discount,writeoff,rule,confidence,... */
	snprintf(s, sizeof s, "%s>%s %s %s %s%s%s%s%s", f[0], f[1], f[5], f[9],
	    f[10], strcmp(f[7], "0.00") ? " disc " : "", strcmp(f[7], "0.00") ?
	    f[7] : "", strcmp(f[8], "0.00") ? " woff " : "", strcmp(f[8], "0.00") ?
	    f[8] : "");
	add(o->m, sizeof o->m, s);
}

static void
on_unmatched(void *arg, const char *const *f)
{
	struct out *o = arg;
	const char *const *c = o->ucols;
	size_t i, n = o->nucols;
	char s[512];
	int txn = -1;

	for (i = 0; i < n; i++)
		if (strcmp(c[i], "txn_id") == 0)
			txn = (int)i;
	/* the added columns are the last seven */
	snprintf(s, sizeof s, "%s %s %s %s", f[txn], f[n - 7],
	    *f[n - 6] ? f[n - 6] : "-", f[n - 5]);
	if (*f[n - 4])
		snprintf(s + strlen(s), sizeof s - strlen(s), " [%s %s %s]",
		    f[n - 4], f[n - 3], f[n - 2]);
	add(o->u, sizeof o->u, s);
}

static void
on_warn(void *arg, const struct ar_err *e)
{
	(void)e;
	((struct out *)arg)->warnings++;
}

static void
on_restart(void *arg)
{
	struct out *o = arg;

	o->m[0] = o->u[0] = '\0';
	o->warnings = 0;
}

static const char *const *icols;
static size_t nicols;

static void
on_item(void *arg, const char *const *f)
{
	struct out *o = arg;
	size_t i;
	int id = -1, paid = -1, open = -1, type = -1;
	char s[128];

	for (i = 0; i < nicols; i++) {
		if (strcmp(icols[i], "invoice_id") == 0)
			id = (int)i;
		if (strcmp(icols[i], "paid_amount") == 0)
			paid = (int)i;
		if (strcmp(icols[i], "open_amount") == 0)
			open = (int)i;
		if (strcmp(icols[i], "type") == 0)
			type = (int)i;
	}
	if (strcmp(f[paid], "0.00") == 0 && strcmp(f[type], "unapplied") != 0 &&
	    strcmp(f[open], "0.00") != 0 && strcmp(f[id], "CN-2025-0001") != 0)
		return;		/* untouched */
	if (strcmp(f[id], "CN-2025-0001") == 0 && strcmp(f[paid], "0.00") == 0)
		return;
	snprintf(s, sizeof s, "%s %s", f[id], f[open]);
	add(o->items, sizeof o->items, s);
}

typedef const char *(*open_fn)(struct ar_match *, struct ar_csv_reader *);
typedef enum ar_rc (*rec_fn)(struct ar_match *, struct ar_csv_reader *,
    struct ar_err *);

static void
feed(struct ar_match *m, const char *text, open_fn of, rec_fn rf)
{
	FILE *fp = fmemopen((void *)text, strlen(text), "r");
	struct ar_err e = { 0 };
	struct ar_csv_reader *r = ar_csv_open(fp, "<test>", ',', &e);
	enum ar_rc rc;

	if (r == NULL || of(m, r) != NULL) {
		printf("# cannot read test input: %s\n", e.msg);
		exit(1);
	}
	while ((rc = ar_csv_read(r, &e)) != AR_EOF)
		if (rc == AR_OK && rf(m, r, &e) != AR_OK)
			printf("# record: %s\n", e.msg);
	ar_csv_free(r);
	fclose(fp);
}

static const char *
opt(const char *opts, const char *key)
{
	const char *p = strstr(opts, key);

	return p ? p + strlen(key) : NULL;
}

static void
run(const char *opts, const char *payments, const char *confirmed,
    const char *history, struct out *o)
{
	struct ar_match_opts mo;
	struct ar_match_out out = { on_match, on_unmatched, on_warn, on_restart,
	    o };
	struct ar_match *m;
	struct ar_err e = { 0 };
	const char *v;
	char *pay;

	memset(o, 0, sizeof *o);
	ar_match_defaults(&mo);
	if ((v = opt(opts, "min=")) != NULL)
		mo.min_confidence = atoi(v);
	if ((v = opt(opts, "tol=")) != NULL)
		mo.tol_micro = (int64_t)(atof(v) * 1000000 + 0.5);
	if ((v = opt(opts, "disc=")) != NULL) {
		mo.disc_bp = atoi(v) * 100;
		mo.disc_days = atoi(strchr(v, ':') + 1);
	}
	if (opt(opts, "writeoff") != NULL)
		mo.writeoff = 1;
	if ((v = opt(opts, "alloc=")) != NULL)
		mo.alloc = *v == 'n' && v[1] == 'o' ? AR_ALLOC_NONE :
		    *v == 'n' ? AR_ALLOC_NEWEST : AR_ALLOC_OLDEST;
	m = ar_match_new(&mo, &out);
	if (opt(opts, "pat=") != NULL &&
	    ar_match_pattern(m, "ORDER (?<invoice>\\d{4}-\\d{4})", &e) != AR_OK)
		printf("# pattern: %s\n", e.msg);
	feed(m, customers, ar_match_customers_open, ar_match_customer);
	if (history != NULL)
		feed(m, history, ar_match_history_open, ar_match_history);
	if (confirmed != NULL)
		feed(m, confirmed, ar_match_confirmed_open, ar_match_confirmed);
	feed(m, invoices, ar_match_invoices_open, ar_match_invoice);
	pay = malloc(strlen(PH) + strlen(payments) + 1);
	strcpy(pay, PH);
	strcat(pay, payments);
	{
		FILE *fp = fmemopen(pay, strlen(pay), "r");
		struct ar_csv_reader *r = ar_csv_open(fp, "<pay>", ',', &e);
		enum ar_rc rc;

		ar_match_payments_open(m, r);
		o->ucols = ar_match_unmatched_cols(m, &o->nucols);
		while ((rc = ar_csv_read(r, &e)) != AR_EOF)
			if (rc == AR_OK && ar_match_payment(m, r, &e) != AR_OK)
				printf("# payment: %s\n", e.msg);
		ar_match_finish(m, &e);
		icols = ar_match_item_cols(m, &nicols);
		ar_match_items(m, on_item, o);
		ar_csv_free(r);
		fclose(fp);
	}
	ar_match_free(m);
	free(pay);
}

/* The rows of a payments text in reverse order. */
static char *
reversed(const char *rows)
{
	size_t n = strlen(rows);
	char *out = malloc(n + 1), *w = out;
	const char *end = rows + n, *p;

	while (end > rows) {
		for (p = end - 1; p > rows && p[-1] != '\n'; p--)
			;
		memcpy(w, p, (size_t)(end - p));
		w += end - p;
		end = p;
	}
	*w = '\0';
	return out;
}

int
main(void)
{
	struct out o, r;
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		run(t[i].opts, t[i].payments, t[i].confirmed, t[i].history, &o);
		is_str(o.m, t[i].matches, "%s: matches", t[i].what);
		is_str(o.u, t[i].unmatched, "%s: unmatched", t[i].what);
		is_str(o.items, t[i].items, "%s: open items", t[i].what);
		is_int(o.warnings, t[i].warnings, "%s: reported", t[i].what);
	}

	/* the same bytes whatever the order of the payments */
	{
		const char *p = REF1
		    "P2,2025-02-02,,60.00,EUR,Y,NL91ABNA0417164300,,,\n"
		    "P3,2025-02-02,,30.00,EUR,X,NL00UNKNOWN0001,,INV-2025-0010,\n"
		    "P4,2025-02-05,,75.20,EUR,Piet,DE89370400440532013000,,,\n"
		    "P5,2025-02-03,,-100.00,EUR,Jansen,NL91ABNA0417164300,"
		    "RF18539007547034,,true\n";
		char *rev = reversed(p);

		run("", p, 0, 0, &o);
		run("", rev, 0, 0, &r);
		is_str(r.m, o.m, "reversed payments: the same matches");
		is_str(r.u, o.u, "reversed payments: the same unmatched");
		is_str(r.items, o.items, "reversed payments: the same open items");
		free(rev);
	}
	/* a later payment does not move the earlier matches */
	{
		const char *p = REF1
		    "P2,2025-02-02,,30.00,EUR,J,BE68539007547034,,INV-2025-0005,\n";
		char *more = malloc(strlen(p) + 100);

		strcpy(more, p);
		strcat(more, "P9,2025-03-01,,30.00,EUR,J,BE68539007547034,,,\n");
		run("", p, 0, 0, &o);
		run("", more, 0, 0, &r);
		ok(strncmp(r.m, o.m, strlen(o.m)) == 0 &&
		    strstr(r.m, "P9>INV-2025-0010 30.00 iban 85") != NULL,
		    "a later payment adds its match, the earlier ones stay");
		free(more);
	}
	return tap_done();
}
