/*
 * test_aging.c - aging: buckets, days past due, sums per customer,
 * statement of account.  Every expected value is worked out by hand in
 * the comment beside it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aging.h"
#include "tap.h"

static ar_date
D(const char *s)
{
	ar_date d;

	if (*s == '\0')
		return AR_NODATE;
	if (ar_date_parse(s, 0, &d) != NULL) {
		printf("# bad date in test: %s\n", s);
		exit(2);
	}
	return d;
}

/* ---- bucket of a number of days, default boundaries 30,60,90 ---- */

static const struct {
	int days;
	const char *want;
} bucket[] = {
	{ -400, "current" },
	{ -1, "current" },
	{ 0, "current" },	/* due today: not late */
	{ 1, "1-30" },
	{ 30, "1-30" },		/* exactly 30 days late */
	{ 31, "31-60" },
	{ 60, "31-60" },
	{ 61, "61-90" },
	{ 90, "61-90" },
	{ 91, "over_90" },
	{ 5000, "over_90" },
};

/* ---- boundaries given with --buckets ---- */

static const struct {
	const char *list;
	const char *want;	/* bucket names joined by '|', or the message */
} bounds[] = {
	{ "30,60,90", "current|1-30|31-60|61-90|over_90" },
	{ "30,60,90,120", "current|1-30|31-60|61-90|91-120|over_120" },
	{ "7", "current|1-7|over_7" },
	{ "1,2", "current|1-1|2-2|over_2" },
	{ "14,28,56", "current|1-14|15-28|29-56|over_56" },
	{ "36600", "current|1-36600|over_36600" },
	{ "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16",
	    "current|1-1|2-2|3-3|4-4|5-5|6-6|7-7|8-8|9-9|10-10|11-11|12-12|"
	    "13-13|14-14|15-15|16-16|over_16" },
	{ "", "expected days as whole numbers separated by commas" },
	{ "30,", "expected days as whole numbers separated by commas" },
	{ ",30", "expected days as whole numbers separated by commas" },
	{ "30;60", "expected days as whole numbers separated by commas" },
	{ "30, 60", "expected days as whole numbers separated by commas" },
	{ "-30", "expected days as whole numbers separated by commas" },
	{ "+30", "expected days as whole numbers separated by commas" },
	{ "0,30", "a boundary must be at least 1 day" },
	{ "60,30", "boundaries must be in ascending order" },
	{ "30,30", "boundaries must be in ascending order" },
	{ "36601", "a boundary is more than 36600 days" },
	{ "99999999999999999999", "a boundary is more than 36600 days" },
	{ "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17", "more than 16 boundaries" },
};

/*
 * ---- days past due: as-of minus due date, or issue date + terms, or
 * issue date with basis issue ----
 */
static const struct {
	const char *issue, *due, *as_of;
	int basis, terms;
	int days;		/* or -999: no date to age from */
	enum ar_age_how how;
	const char *bucket;
} days[] = {
	/* Leap day: 2024-02-29 + 30 days = 2024-03-30 (March has 31). */
	{ "", "2024-02-29", "2024-03-30", AR_AGE_DUE, 30, 30, AR_AGED_DUE, "1-30" },
	{ "", "2024-02-29", "2024-03-31", AR_AGE_DUE, 30, 31, AR_AGED_DUE, "31-60" },
	/* Month ends: Jan 31 to Feb 29 2024 is 29 days; to Mar 1 2024 30. */
	{ "", "2024-01-31", "2024-02-29", AR_AGE_DUE, 30, 29, AR_AGED_DUE, "1-30" },
	{ "", "2024-01-31", "2024-03-01", AR_AGE_DUE, 30, 30, AR_AGED_DUE, "1-30" },
	{ "", "2024-01-31", "2024-03-02", AR_AGE_DUE, 30, 31, AR_AGED_DUE, "31-60" },
	/* 2023 is not a leap year: Jan 31 + 28 = Feb 28, + 29 = Mar 1. */
	{ "", "2023-01-31", "2023-03-01", AR_AGE_DUE, 30, 29, AR_AGED_DUE, "1-30" },
	/* Year end: 2024-12-31 to 2025-03-31 = 0 + 31 + 28 + 31 = 90. */
	{ "", "2024-12-31", "2025-03-31", AR_AGE_DUE, 30, 90, AR_AGED_DUE, "61-90" },
	{ "", "2024-12-31", "2025-04-01", AR_AGE_DUE, 30, 91, AR_AGED_DUE, "over_90" },
	/* 2024-09-30 to 2024-11-29: 31 (Oct) + 29 = 60; +1 = 61. */
	{ "", "2024-09-30", "2024-11-29", AR_AGE_DUE, 30, 60, AR_AGED_DUE, "31-60" },
	{ "", "2024-09-30", "2024-11-30", AR_AGE_DUE, 30, 61, AR_AGED_DUE, "61-90" },
	/* Due today, due tomorrow. */
	{ "", "2025-06-15", "2025-06-15", AR_AGE_DUE, 30, 0, AR_AGED_DUE, "current" },
	{ "", "2025-06-16", "2025-06-15", AR_AGE_DUE, 30, -1, AR_AGED_DUE, "current" },
	{ "", "2025-06-14", "2025-06-15", AR_AGE_DUE, 30, 1, AR_AGED_DUE, "1-30" },
	/* The due date wins over the issue date. */
	{ "2025-01-01", "2025-06-14", "2025-06-15", AR_AGE_DUE, 30, 1, AR_AGED_DUE, "1-30" },
	/* No due date: 2024-01-31 + 30 days = 2024-03-01; to 2024-03-31 = 30. */
	{ "2024-01-31", "", "2024-03-31", AR_AGE_DUE, 30, 30, AR_AGED_TERMS, "1-30" },
	/* + 14 days = 2024-02-14; to 2024-03-31 = 15 + 31 = 46. */
	{ "2024-01-31", "", "2024-03-31", AR_AGE_DUE, 14, 46, AR_AGED_TERMS, "31-60" },
	/* + 0 days: the issue date itself; 2024-01-31 to 2024-03-31 = 60. */
	{ "2024-01-31", "", "2024-03-31", AR_AGE_DUE, 0, 60, AR_AGED_TERMS, "31-60" },
	/* Basis issue: 2024-01-31 to 2024-03-31 = 60, whatever the due date. */
	{ "2024-01-31", "2024-03-31", "2024-03-31", AR_AGE_ISSUE, 30, 60, AR_AGED_ISSUE, "31-60" },
	{ "2024-01-01", "", "2024-04-01", AR_AGE_ISSUE, 30, 91, AR_AGED_ISSUE, "over_90" },
	/* Nothing to age from. */
	{ "", "", "2024-03-31", AR_AGE_DUE, 30, -999, AR_AGED_NONE, "" },
	{ "", "2024-03-31", "2024-03-31", AR_AGE_ISSUE, 30, -999, AR_AGED_NONE, "" },
};

/* ---- items per customer ---- */

struct it {
	const char *cust, *name, *cur, *issue, *due, *amount, *open, *type;
};

static struct ar_item
mkitem(const struct it *t, const char *id)
{
	struct ar_item it;

	memset(&it, 0, sizeof it);
	it.invoice_id = id;
	it.type = t->type ? t->type : "";
	it.customer_id = t->cust;
	it.customer_name = t->name;
	it.currency = t->cur;
	it.reference = "";
	it.exp = ar_currency_exponent(t->cur);
	ar_money_parse(t->amount, it.exp, 0, &it.amount);
	it.open_amount = it.amount;
	if (t->open != NULL)
		ar_money_parse(t->open, it.exp, 0, &it.open_amount);
	it.paid_amount = it.amount - it.open_amount;
	it.issue_date = D(t->issue);
	it.due_date = D(t->due);
	it.last_payment_date = AR_NODATE;
	it.paid_date = AR_NODATE;
	it.credit = it.amount < 0;
	return it;
}

/*
 * As of 2025-03-31, default buckets.  Worked out:
 *   C1 EUR: 100.00 due 2025-03-31 (0 days, current)
 *           200.00 due 2025-03-01 (30 days, 1-30)
 *           300.00 due 2025-02-28 (31 days, 31-60)
 *           -50.00 credit note (credit)
 *           total 100 + 200 + 300 - 50 = 550.00; overdue 500.00;
 *           oldest 31; items 4
 *   C1 USD: 10.00 due 2024-12-31 (90 days: 61-90); 0.00 open (paid, not
 *           counted); total 10.00, items 1, oldest 90
 *   C2 JPY: 1000 due 2024-12-30 (91 days, over_90), name from the later
 *           issue date "Beta KK" (2024-12-01) not "Beta" (2024-11-01)
 *   C3 EUR: all paid: not listed
 *   C4 EUR: only a credit -20.00: total -20.00, overdue 0, oldest empty
 *   B0 KWD: 1.234 due 2025-04-30 (current), 3 decimals
 */
static const struct it book[] = {
	{ "C1", "Acme", "EUR", "2025-03-01", "2025-03-31", "100.00", NULL, NULL },
	{ "C1", "Acme", "EUR", "2025-02-01", "2025-03-01", "200.00", NULL, NULL },
	{ "C1", "Acme", "EUR", "2025-01-29", "2025-02-28", "300.00", "300.00", NULL },
	{ "C1", "Acme", "EUR", "2025-03-05", "", "-50.00", NULL, "credit_note" },
	{ "C1", "Acme", "USD", "2024-12-01", "2024-12-31", "10.00", NULL, NULL },
	{ "C1", "Acme", "USD", "2024-12-01", "2024-12-31", "99.00", "0.00", NULL },
	{ "C2", "Beta", "JPY", "2024-11-01", "2024-12-30", "600", NULL, NULL },
	{ "C2", "Beta KK", "JPY", "2024-12-01", "2024-12-30", "400", NULL, NULL },
	{ "C3", "Gamma", "EUR", "2025-01-01", "2025-01-31", "70.00", "0.00", NULL },
	{ "C4", "Delta", "EUR", "2025-01-01", "", "-20.00", NULL, NULL },
	{ "B0", "", "KWD", "2025-03-31", "2025-04-30", "1.234", NULL, NULL },
};

/* Rows as "id|name|cur|total|overdue|buckets...|credit|oldest|items". */
static const char *const by_id[] = {
	"B0||KWD|1.234|0.000|1.234|0.000|0.000|0.000|0.000|0.000||1",
	"C1|Acme|EUR|550.00|500.00|100.00|200.00|300.00|0.00|0.00|-50.00|31|4",
	"C1|Acme|USD|10.00|10.00|0.00|0.00|0.00|10.00|0.00|0.00|90|1",
	"C2|Beta KK|JPY|1000|1000|0|0|0|0|1000|0|91|2",
	"C4|Delta|EUR|-20.00|0.00|0.00|0.00|0.00|0.00|0.00|-20.00||1",
	NULL
};

/* By overdue: per currency (EUR, JPY, KWD, USD), largest overdue first. */
static const char *const by_overdue[] = {
	"C1|Acme|EUR|550.00|500.00|100.00|200.00|300.00|0.00|0.00|-50.00|31|4",
	"C4|Delta|EUR|-20.00|0.00|0.00|0.00|0.00|0.00|0.00|-20.00||1",
	"C2|Beta KK|JPY|1000|1000|0|0|0|0|1000|0|91|2",
	"B0||KWD|1.234|0.000|1.234|0.000|0.000|0.000|0.000|0.000||1",
	"C1|Acme|USD|10.00|10.00|0.00|0.00|0.00|10.00|0.00|0.00|90|1",
	NULL
};

/* Top 1 per currency, only those with something overdue; then totals. */
static const char *const top_totals[] = {
	"C1|Acme|EUR|550.00|500.00|100.00|200.00|300.00|0.00|0.00|-50.00|31|4",
	"C2|Beta KK|JPY|1000|1000|0|0|0|0|1000|0|91|2",
	"C1|Acme|USD|10.00|10.00|0.00|0.00|0.00|10.00|0.00|0.00|90|1",
	/* EUR: C1 + C4: 550 - 20 = 530, credit -70, items 5, oldest 31. */
	"|total|EUR|530.00|500.00|100.00|200.00|300.00|0.00|0.00|-70.00|31|5",
	"|total|JPY|1000|1000|0|0|0|0|1000|0|91|2",
	"|total|KWD|1.234|0.000|1.234|0.000|0.000|0.000|0.000|0.000||1",
	"|total|USD|10.00|10.00|0.00|0.00|0.00|10.00|0.00|0.00|90|1",
	NULL
};

static void
join(const char *const *f, size_t n, char *buf, size_t sz)
{
	size_t i, k = 0;

	buf[0] = '\0';
	for (i = 0; i < n; i++)
		k += snprintf(buf + k, sz - k, "%s%s", i ? "|" : "", f[i]);
}

static void
check_rows(struct ar_aging *a, const struct ar_age_view *v,
    const char *const *want, const char *what)
{
	const struct ar_age_row *rows;
	struct ar_age_fmt fb;
	struct ar_err err = { 0 };
	size_t i, n;
	char line[1024];

	is_int(ar_aging_rows(a, v, &rows, &n, &err), AR_OK, "%s: rows", what);
	for (i = 0; want[i] != NULL || i < n; i++) {
		if (i < n)
			join(ar_aging_format(a, &rows[i], &fb), ar_aging_ncols(a),
			    line, sizeof line);
		is_str(i < n ? line : NULL, want[i], "%s: row %zu", what, i);
		if (want[i] == NULL)
			break;
	}
}

/* ---- statement ---- */

/*
 * Items of C1 (and one of C2 that must not show), matches from a CSV.
 * As of 2025-03-31:
 *   2025-01-10 invoice I1 100.00 due 2025-02-09; paid 60.00 on 2025-02-01
 *              (T1) and 40.00 on 2025-02-20 (T2): open 0
 *   2025-02-01 invoice I2 250.00 due 2025-03-03; open 250.00, 28 days
 *   2025-02-15 credit note CN1 -30.00, open -30.00 (no due date shown:
 *              a credit does not fall due)
 *   2025-03-20 invoice I3 80.00, no due date: due 2025-04-19 (+30), open,
 *              not overdue
 * Sorted by date, items before payments on the same date:
 *   2025-01-10 I1  debit 100.00  balance 100.00
 *   2025-02-01 I2  debit 250.00  balance 350.00
 *   2025-02-01 T1  credit 60.00  balance 290.00
 *   2025-02-15 CN1 credit 30.00  balance 260.00
 *   2025-02-20 T2  credit 40.00  balance 220.00
 *   2025-03-20 I3  debit 80.00   balance 300.00 = 250 - 30 + 80, the open sum
 */
static const struct it stmt_items[] = {
	{ "C1", "Acme", "EUR", "2025-01-10", "2025-02-09", "100.00", "0.00", NULL },
	{ "C1", "Acme", "EUR", "2025-02-01", "2025-03-03", "250.00", "250.00", NULL },
	{ "C2", "Beta", "EUR", "2025-02-01", "2025-03-03", "999.00", "999.00", NULL },
	{ "C1", "Acme", "EUR", "2025-02-15", "", "-30.00", "-30.00", "credit_note" },
	{ "C1", "Acme", "EUR", "2025-03-20", "", "80.00", "80.00", NULL },
};
static const char *const stmt_ids[] = { "I1", "I2", "X9", "CN1", "I3" };

static const char stmt_matches[] =
    "txn_id,invoice_id,amount,booking_date,rule\n"
    "T2,I1,40.00,2025-02-20,reference\n"
    "T1,I1,60.00,2025-02-01,text\n"
    "T9,X9,999.00,2025-02-02,text\n"
    "T8,NOPE,1.00,2025-02-02,text\n";

static const char *const stmt_want[] = {
	"C1|Acme|EUR|2025-01-10|invoice|I1|I1|2025-02-09|100.00||100.00|0.00|",
	"C1|Acme|EUR|2025-02-01|invoice|I2|I2|2025-03-03|250.00||350.00|250.00|28",
	"C1|Acme|EUR|2025-02-01|payment|T1|I1|||60.00|290.00||",
	"C1|Acme|EUR|2025-02-15|credit_note|CN1|CN1|||30.00|260.00|-30.00|",
	"C1|Acme|EUR|2025-02-20|payment|T2|I1|||40.00|220.00||",
	"C1|Acme|EUR|2025-03-20|invoice|I3|I3|2025-04-19|80.00||300.00|80.00|",
	NULL
};

/*
 * Without matches: one payment row per item for amount - open, dated its
 * last payment date; none is given here, so I1's payment of 100.00 is
 * undated and listed right after I1.
 */
static const char *const stmt_nomatch_want[] = {
	"C1|Acme|EUR|2025-01-10|invoice|I1|I1|2025-02-09|100.00||100.00|0.00|",
	"C1|Acme|EUR||payment||I1|||100.00|0.00||",
	"C1|Acme|EUR|2025-02-01|invoice|I2|I2|2025-03-03|250.00||250.00|250.00|28",
	"C1|Acme|EUR|2025-02-15|credit_note|CN1|CN1|||30.00|220.00|-30.00|",
	"C1|Acme|EUR|2025-03-20|invoice|I3|I3|2025-04-19|80.00||300.00|80.00|",
	NULL
};

static const struct {
	const char *id, *ext, *want;
} fname[] = {
	{ "C1", ".csv", "C1.csv" },
	{ "ACME-01_b.v", ".txt", "ACME-01_b.v.txt" },
	{ "a/b", ".csv", "a%2Fb.csv" },
	{ "..", ".csv", "%2E..csv" },
	{ ".hidden", ".csv", "%2Ehidden.csv" },
	{ "50%", ".csv", "50%25.csv" },
	{ "Café", ".csv", "Caf%C3%A9.csv" },
	{ "a b", ".json", "a%20b.json" },
	{ "", ".csv", NULL },
};

static struct ar_csv_reader *
reader(const char *text, FILE **fp)
{
	struct ar_err err = { 0 };

	*fp = fmemopen((void *)text, strlen(text), "r");
	return ar_csv_open(*fp, "m.csv", ',', &err);
}

static void
test_statement(void)
{
	struct ar_age_opts o;
	struct ar_item_cols cols;
	struct ar_stmt_mcols mc;
	struct ar_csv_reader *r;
	const struct ar_stmt_row *rows;
	struct ar_stmt_fmt fb;
	struct ar_err err = { 0 };
	enum ar_age_how how;
	size_t i, n, k;
	char line[1024];
	FILE *fp;
	int pass;

	memset(&cols, 0xff, sizeof cols);	/* all -1 */
	cols.open_amount = 5;			/* the file has open_amount */
	for (k = 0; k < 2; k++) {
		struct ar_stmt *s;
		const char *const *want = k == 0 ? stmt_want : stmt_nomatch_want;

		ar_age_opts_init(&o, D("2025-03-31"));
		s = ar_stmt_new(&o, "C1");
		for (i = 0; i < sizeof stmt_items / sizeof stmt_items[0]; i++) {
			struct ar_item it = mkitem(&stmt_items[i], stmt_ids[i]);

			ok(ar_stmt_add_item(s, &cols, &it, &how, &err) == AR_OK,
			    "statement %zu: add item %zu", k, i);
		}
		if (k == 0) {
			r = reader(stmt_matches, &fp);
			is_str(ar_stmt_mcols_find(&mc, r), NULL, "match columns");
			while (ar_csv_read(r, &err) == AR_OK)
				ok(ar_stmt_add_match(s, &mc, r, &err) == AR_OK,
				    "add match line %ld", ar_csv_line(r));
			ar_csv_free(r);
			fclose(fp);
		}
		is_int(ar_stmt_finish(s), 1, "statement %zu: one customer", k);
		is_str(ar_stmt_customer(s, 0), "C1", "statement %zu: C1", k);
		n = ar_stmt_rows(s, 0, &rows);
		for (i = 0; i < n || want[i] != NULL; i++) {
			if (i < n) {
				join(ar_stmt_format(&rows[i], &fb), AR_STMT_NCOLS,
				    line, sizeof line);
			}
			is_str(i < n ? line : NULL, want[i],
			    "statement %zu: row %zu", k, i);
			if (want[i] == NULL)
				break;
		}
		/* With matches everything agrees: no check message. */
		is_int(ar_stmt_check(s, &err), AR_EOF, "statement %zu: consistent", k);
		ar_stmt_free(s);
	}

	/* Matches that do not add up to amount - open_amount are listed. */
	{
		static const char m[] = "txn_id,invoice_id,amount,date\n"
		    "T1,I1,60.00,2025-02-01\n";
		struct ar_stmt *s;
		struct ar_item it = mkitem(&stmt_items[0], "I1");

		ar_age_opts_init(&o, D("2025-03-31"));
		s = ar_stmt_new(&o, NULL);
		ar_stmt_add_item(s, &cols, &it, &how, &err);
		is_int(ar_stmt_add_item(s, &cols, &it, &how, &err), AR_SKIP,
		    "duplicate invoice_id skipped");
		is_str(err.msg, "invoice_id 'I1' seen before", "duplicate message");
		r = reader(m, &fp);
		is_str(ar_stmt_mcols_find(&mc, r), NULL, "date column named date");
		while (ar_csv_read(r, &err) == AR_OK)
			ar_stmt_add_match(s, &mc, r, &err);
		ar_csv_free(r);
		fclose(fp);
		ar_stmt_finish(s);
		pass = ar_stmt_check(s, &err) == AR_OK;
		ok(pass, "mismatch reported");
		is_str(err.msg, "invoice I1: amount 100.00 less 60.00 matched is not "
		    "its open_amount 0.00", "mismatch message");
		is_int(ar_stmt_check(s, &err), AR_EOF, "one mismatch only");
		ar_stmt_free(s);
	}
	/* A match file without a date column. */
	r = reader("txn_id,invoice_id,amount\nT1,I1,1.00\n", &fp);
	is_str(ar_stmt_mcols_find(&mc, r), "'date' or 'booking_date'",
	    "match file without a date");
	ar_csv_free(r);
	fclose(fp);
}

int
main(void)
{
	struct ar_age_opts o;
	struct ar_err err = { 0 };
	char name[AR_AGE_NAMESZ], buf[1024];
	size_t i;
	int b;

	ar_age_opts_init(&o, 0);
	for (i = 0; i < sizeof bucket / sizeof bucket[0]; i++) {
		ar_age_bucket_name(&o, ar_age_bucket(&o, bucket[i].days), name);
		is_str(name, bucket[i].want, "%d days past due", bucket[i].days);
	}

	for (i = 0; i < sizeof bounds / sizeof bounds[0]; i++) {
		const char *why;
		size_t k = 0;

		ar_age_opts_init(&o, 0);
		if ((why = ar_age_bounds_parse(&o, bounds[i].list)) != NULL) {
			is_str(why, bounds[i].want, "--buckets '%s'", bounds[i].list);
			is_int(o.nbounds, 3, "--buckets '%s' leaves the default",
			    bounds[i].list);
			continue;
		}
		buf[0] = '\0';
		for (b = 0; b < ar_age_nbuckets(&o); b++) {
			ar_age_bucket_name(&o, b, name);
			k += snprintf(buf + k, sizeof buf - k, "%s%s", b ? "|" : "",
			    name);
		}
		is_str(buf, bounds[i].want, "--buckets '%s'", bounds[i].list);
	}

	/* Custom boundaries: the edges of 91-120. */
	ar_age_opts_init(&o, 0);
	ar_age_bounds_parse(&o, "30,60,90,120");
	ar_age_bucket_name(&o, ar_age_bucket(&o, 91), name);
	is_str(name, "91-120", "91 days with 30,60,90,120");
	ar_age_bucket_name(&o, ar_age_bucket(&o, 120), name);
	is_str(name, "91-120", "120 days with 30,60,90,120");
	ar_age_bucket_name(&o, ar_age_bucket(&o, 121), name);
	is_str(name, "over_120", "121 days with 30,60,90,120");

	for (i = 0; i < sizeof days / sizeof days[0]; i++) {
		struct it t = { "C", "", "EUR", days[i].issue, days[i].due,
		    "1.00", NULL, NULL };
		struct ar_item it = mkitem(&t, "I");
		enum ar_age_how how;
		enum ar_rc rc;
		ar_date from;

		ar_age_opts_init(&o, D(days[i].as_of));
		o.basis = days[i].basis;
		o.terms = days[i].terms;
		rc = ar_age_from(&o, &it, &from, &how, &err);
		if (days[i].days == -999) {
			is_int(rc, AR_SKIP, "issue '%s' due '%s' basis %d: no date",
			    days[i].issue, days[i].due, days[i].basis);
			continue;
		}
		is_int(o.as_of - from, days[i].days, "due '%s' issue '%s' as of %s "
		    "(basis %d, terms %d): days", days[i].due, days[i].issue,
		    days[i].as_of, days[i].basis, days[i].terms);
		is_int(how, days[i].how, "due '%s' issue '%s': how", days[i].due,
		    days[i].issue);
		ar_age_bucket_name(&o, ar_age_bucket(&o, o.as_of - from), name);
		is_str(name, days[i].bucket, "due '%s' issue '%s' as of %s: bucket",
		    days[i].due, days[i].issue, days[i].as_of);
	}
	is_str(err.msg, "no issue_date to age from", "message with basis issue");

	/* The book, in its order and reversed: the same rows. */
	for (b = 0; b < 2; b++) {
		struct ar_age_view v = { AR_AGE_BY_ID, 0, 1, 0 };
		struct ar_aging *a;
		size_t n = sizeof book / sizeof book[0];

		ar_age_opts_init(&o, D("2025-03-31"));
		a = ar_aging_new(&o);
		for (i = 0; i < n; i++) {
			size_t k = b ? n - 1 - i : i;
			struct ar_item it = mkitem(&book[k], "I");
			enum ar_age_how how;

			ok(ar_aging_add(a, &it, (long)k + 2, &how, &err) == AR_OK,
			    "book %s: item %zu", b ? "reversed" : "in order", k);
		}
		is_int(ar_aging_flush(a, &err), AR_OK, "book: flush");
		is_int(ar_aging_count(a), 5, "book: 5 customer-currency pairs");
		check_rows(a, &v, by_id, b ? "reversed by id" : "by id");
		v.sort = AR_AGE_BY_OVERDUE;
		check_rows(a, &v, by_overdue, b ? "reversed by overdue" : "by overdue");
		v.top = 1;
		v.totals = 1;
		check_rows(a, &v, top_totals, b ? "reversed top 1" : "top 1");
		v.customers = 0;
		check_rows(a, &v, top_totals + 3, "totals only");
		ar_aging_free(a);
	}

	/* An item without a customer, or nothing to age from. */
	{
		struct it t1 = { "", "X", "EUR", "", "2025-01-01", "1.00", NULL, NULL };
		struct it t2 = { "C", "X", "EUR", "", "", "1.00", NULL, NULL };
		struct it t3 = { "C", "X", "EUR", "", "", "-1.00", NULL, NULL };
		struct ar_aging *a = ar_aging_new(&o);
		struct ar_item it;
		enum ar_age_how how;

		it = mkitem(&t1, "I");
		is_int(ar_aging_add(a, &it, 7, &how, &err), AR_SKIP, "empty customer");
		is_str(err.msg, "empty customer_id", "empty customer message");
		is_int(err.line, 7, "empty customer line");
		it = mkitem(&t2, "I");
		is_int(ar_aging_add(a, &it, 8, &how, &err), AR_SKIP, "no dates");
		is_str(err.msg, "no due_date or issue_date to age from",
		    "no dates message");
		is_int(err.line, 8, "no dates line");
		it = mkitem(&t3, "I");
		is_int(ar_aging_add(a, &it, 9, &how, &err), AR_OK,
		    "a credit needs no dates");
		ar_aging_free(a);
	}

	/* Sums out of range are refused, not wrapped. */
	{
		struct it t = { "C", "X", "EUR", "", "2025-01-01",
		    "92233720368547758.07", NULL, NULL };
		struct ar_aging *a = ar_aging_new(&o);
		struct ar_item it = mkitem(&t, "I");
		enum ar_age_how how;

		is_int(ar_aging_add(a, &it, 2, &how, &err), AR_OK, "INT64_MAX once");
		it.open_amount = 1;
		is_int(ar_aging_add(a, &it, 3, &how, &err), AR_OK, "then 0.01 more");
		/* Counted one call late: the next item, or the flush, says so. */
		is_int(ar_aging_flush(a, &err), AR_SKIP, "out of range at the flush");
		is_str(err.msg, "open_amount: the sum for customer C EUR is out of "
		    "range", "out of range message");
		is_int(err.line, 3, "out of range: the line of the item");
		it.open_amount = 1;
		is_int(ar_aging_add(a, &it, 4, &how, &err), AR_OK, "0.01 again");
		is_int(ar_aging_add(a, &it, 5, &how, &err), AR_SKIP,
		    "reported at the next item");
		is_int(err.line, 4, "with the line of the one before");
		is_int(ar_aging_flush(a, &err), AR_SKIP, "and the last at the flush");
		is_int(err.line, 5, "line 5");
		is_int(ar_aging_flush(a, &err), AR_OK, "nothing left");
		ar_aging_free(a);
	}

	/* Many customers: the table grows and finds each again. */
	{
		struct ar_age_view v = { AR_AGE_BY_ID, 0, 1, 1 };
		const struct ar_age_row *rows;
		struct ar_aging *a = ar_aging_new(&o);
		char id[64];
		size_t n;
		long bad = 0;
		int rep;

		for (rep = 0; rep < 3; rep++)
			for (i = 0; i < 20000; i++) {
				/* long ids too, beyond the prefix kept in the entry */
				struct it t = { id, "N", i % 3 ? "EUR" : "USD", "",
				    "2025-03-30", "1.00", NULL, NULL };
				struct ar_item it;
				enum ar_age_how how;

				snprintf(id, sizeof id, i % 2 ? "K%zu" :
				    "a-rather-long-customer-identifier-%zu", i);
				it = mkitem(&t, "I");
				if (ar_aging_add(a, &it, 1, &how, &err) != AR_OK)
					bad++;
			}
		is_int(bad, 0, "60000 items added");
		ar_aging_flush(a, &err);
		is_int(ar_aging_count(a), 20000, "20000 customers");
		ar_aging_rows(a, &v, &rows, &n, &err);
		is_int(n, 20002, "20000 rows and 2 totals");
		for (i = 0, bad = 0; i < 20000; i++)
			if (rows[i].items != 3 || rows[i].total != 300 ||
			    rows[i].bucket[1] != 300 || rows[i].oldest_days != 1)
				bad++;
		is_int(bad, 0, "each customer: 3 items of 1.00, 1 day late");
		for (i = 1, bad = 0; i < 20000; i++)
			if (strcmp(rows[i - 1].customer_id, rows[i].customer_id) >= 0)
				bad++;
		is_int(bad, 0, "sorted by id");
		/* 6667 USD customers (i % 3 == 0 for 0..19999) x 3.00 */
		is_str(rows[20001].currency, "USD", "USD total last");
		is_int(rows[20001].total, 6667 * 300, "USD total");
		is_int(rows[20000].total, 13333 * 300, "EUR total");
		ar_aging_free(a);
	}

	test_statement();

	for (i = 0; i < sizeof fname / sizeof fname[0]; i++)
		is_str(ar_stmt_filename(fname[i].id, fname[i].ext, buf, sizeof buf),
		    fname[i].want, "file name for '%s'", fname[i].id);
	is_str(ar_stmt_filename("abcdef", ".csv", buf, 8), NULL,
	    "file name too long");
	return tap_done();
}
