/*
 * test_kpi.c - collection figures: rounding, periods, and every figure's
 * worked example of ar-kpi(1), one vector a line.
 *
 * The book below is the one of the manual (tests/data/kpi-book.csv); the
 * working of each expected value is written next to its vector.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kpi.h"
#include "tap.h"

/* ---- the example book (amounts in EUR) ----
 *
 *  id  customer  issued      due         amount   paid
 *  I1  A         2023-01-10  2023-02-09  1000.00  in full 2023-02-05
 *  I2  B         2023-02-01  2023-03-03  2000.00  in full 2023-03-20
 *  I3  C         2023-02-15  2023-03-17  3000.00  1000.00 on 2023-03-10, 2000 open
 *  I7  C         2023-02-20  2023-03-22   500.00  in full 2023-03-22
 *  I4  A         2023-03-05  2023-04-04  4000.00  in full 2023-04-04
 *  I5  B         2023-03-20  2023-04-19  1000.00  open
 *  I6  C         2023-03-25  2023-04-24  1200.00  in full 2023-03-31
 *
 *  events: I3 disputed 03-01, resolved 03-11; I3 promise 03-05 of 1000.00
 *  until 03-12 (kept); I2 promise 03-06 until 03-15 (broken: paid 03-20);
 *  I5 disputed 03-25, resolved 04-14; I5 promise 04-20 until 04-30 (broken).
 *  customers: A and B retail, C wholesale.  As of 2023-07-31.
 */
static const char book[] =
    "invoice_id,type,customer_id,customer_name,issue_date,due_date,currency,"
    "amount,paid_amount,open_amount,last_payment_date,paid_date\n"
    "I1,invoice,A,Alfa BV,2023-01-10,2023-02-09,EUR,1000.00,1000.00,0.00,2023-02-05,2023-02-05\n"
    "I2,invoice,B,Bravo NV,2023-02-01,2023-03-03,EUR,2000.00,2000.00,0.00,2023-03-20,2023-03-20\n"
    "I3,invoice,C,Charlie BV,2023-02-15,2023-03-17,EUR,3000.00,1000.00,2000.00,2023-03-10,\n"
    "I7,invoice,C,Charlie BV,2023-02-20,2023-03-22,EUR,500.00,500.00,0.00,2023-03-22,2023-03-22\n"
    "I4,invoice,A,Alfa BV,2023-03-05,2023-04-04,EUR,4000.00,4000.00,0.00,2023-04-04,2023-04-04\n"
    "I5,invoice,B,Bravo NV,2023-03-20,2023-04-19,EUR,1000.00,0.00,1000.00,,\n"
    "I6,invoice,C,Charlie BV,2023-03-25,2023-04-24,EUR,1200.00,1200.00,0.00,2023-03-31,2023-03-31\n";

static const char events[] =
    "date,invoice_id,customer_id,kind,amount,until\n"
    "2023-03-01,I3,C,dispute,,\n"
    "2023-03-05,I3,C,promise,1000.00,2023-03-12\n"
    "2023-03-06,I2,B,promise,,2023-03-15\n"
    "2023-03-11,I3,C,resolved,,\n"
    "2023-03-25,I5,B,dispute,,\n"
    "2023-04-01,,B,note,,\n"
    "2023-04-14,I5,B,resolved,,\n"
    "2023-04-20,I5,B,promise,,2023-04-30\n";

static const char customers[] =
    "customer_id,name,segment\n"
    "A,Alfa B.V.,retail\n"
    "B,Bravo NV,retail\n"
    "C,Charlie B.V.,wholesale\n";

/* Several currencies and a credit note, as of 2023-03-31. */
static const char multi[] =
    "invoice_id,type,issue_date,due_date,currency,amount,paid_date\n"
    "U1,invoice,2023-03-10,2023-04-09,USD,300.00,\n"
    "U2,invoice,2023-03-01,2023-03-31,USD,600.00,2023-03-16\n"
    "J1,invoice,2023-03-15,2023-04-14,JPY,10000,\n"
    "E1,invoice,2023-03-01,2023-03-31,EUR,100.00,2023-03-31\n"
    "K1,invoice,2023-03-01,2023-03-31,CHF,1000.00,\n"
    "K2,credit_note,2023-03-10,2023-03-10,CHF,-200.00,\n";

/* ISO weeks across a year end, as of Wednesday 2021-01-06. */
static const char weeks[] =
    "invoice_id,issue_date,due_date,currency,amount,paid_date\n"
    "X1,2020-12-30,2021-01-29,EUR,700.00,\n"
    "X2,2021-01-05,2021-02-04,EUR,300.00,\n";

static void
feed(struct ar_kpi *k, const char *text,
    enum ar_rc (*begin)(struct ar_kpi *, const struct ar_csv_reader *,
    struct ar_err *),
    enum ar_rc (*read)(struct ar_kpi *, const struct ar_csv_reader *,
    struct ar_err *), char *errs, size_t errsz)
{
	struct ar_err err = { 0 };
	struct ar_csv_reader *r;
	enum ar_rc rc;
	FILE *fp;
	size_t n;

	fp = fmemopen((void *)text, strlen(text), "r");
	r = ar_csv_open(fp, "t.csv", ',', &err);
	if (r == NULL || begin(k, r, &err) != AR_OK) {
		n = strlen(errs);
		snprintf(errs + n, errsz - n, "%s!%ld:%s", n ? " " : "",
		    err.line, err.msg);
	} else
		while ((rc = ar_csv_read(r, &err)) != AR_EOF)
			if (rc != AR_OK || read(k, r, &err) != AR_OK) {
				n = strlen(errs);
				snprintf(errs + n, errsz - n, "%s%ld:%s",
				    n ? " " : "", err.line, err.msg);
			}
	ar_csv_free(r);
	fclose(fp);
}

struct run {
	const char *items, *events, *customers;
	const char *period, *as_of, *by, *from;
	int top;
};

/*
 * Run and return the value of column col in the row whose first fields
 * are key (fields joined by '|', e.g. "EUR|2023-03" or "retail|EUR|2023-03"),
 * or the errors when errors is set; "(no row)" when there is none.
 */
static const char *
value(const struct run *u, const char *key, const char *col, int errors)
{
	static char out[2048];
	struct ar_kpi_opts o = { .period = AR_KPI_MONTH, .from = AR_NODATE,
	    .to = AR_NODATE };
	const char *const *h, *const *f;
	char errs[1024] = "", rowkey[512];
	struct ar_err err = { 0 };
	struct ar_kpi *k;
	size_t n, i, c, len;

	if (u->period != NULL)
		o.period = ar_kpi_period_parse(u->period);
	ar_date_parse(u->as_of, 0, &o.as_of);
	if (u->from != NULL)
		ar_date_parse(u->from, 0, &o.from);
	o.by = u->by;
	o.top = u->top;
	if ((k = ar_kpi_new(&o, &err)) == NULL) {
		snprintf(out, sizeof out, "new:%s", err.msg);
		return out;
	}
	if (u->customers != NULL)
		feed(k, u->customers, ar_kpi_customers_begin,
		    ar_kpi_customers_read, errs, sizeof errs);
	if (u->events != NULL)
		feed(k, u->events, ar_kpi_events_begin, ar_kpi_events_read,
		    errs, sizeof errs);
	feed(k, u->items, ar_kpi_items_begin, ar_kpi_items_read, errs,
	    sizeof errs);
	if (errors) {
		snprintf(out, sizeof out, "%s", errs);
		ar_kpi_free(k);
		return out;
	}
	n = ar_kpi_header(k, &h);
	for (c = 0; c < n && strcmp(h[c], col) != 0; c++)
		;
	snprintf(out, sizeof out, "(no row)");
	while (ar_kpi_row(k, &f)) {
		/* The key: group, currency, then period or rank. */
		len = 0;
		rowkey[0] = '\0';
		for (i = 0; i < n && len < sizeof rowkey; i++) {
			if (strcmp(h[i], "period") != 0 && strcmp(h[i], "rank") != 0 &&
			    strcmp(h[i], "currency") != 0 && i != 0)
				continue;
			len += snprintf(rowkey + len, sizeof rowkey - len, "%s%s",
			    len ? "|" : "", f[i]);
			if (strcmp(h[i], "period") == 0 || strcmp(h[i], "rank") == 0)
				break;
		}
		if (strcmp(rowkey, key) == 0) {
			snprintf(out, sizeof out, "%s", c < n ? f[c] : "(no column)");
			break;
		}
	}
	ar_kpi_free(k);
	return out;
}

static const struct run base = { book, events, NULL, NULL, "2023-07-31",
    NULL, NULL, 0 };

static void
figures(void)
{
	static const struct {
		const char *key, *col, *want, *why;
	} v[] = {
	/* March 2023 (31 days): the worked examples of ar-kpi(1). */
	{ "EUR|2023-03", "period_start", "2023-03-01", "" },
	{ "EUR|2023-03", "period_end", "2023-03-31", "" },
	{ "EUR|2023-03", "days", "31", "" },
	{ "EUR|2023-03", "receivables_begin", "5500.00", "I2 2000 + I3 3000 + I7 500 open on 02-28" },
	{ "EUR|2023-03", "sales", "6200.00", "I4 4000 + I5 1000 + I6 1200" },
	{ "EUR|2023-03", "receivables_end", "7000.00", "I3 3000-1000 + I4 4000 + I5 1000" },
	{ "EUR|2023-03", "receivables_not_due", "5000.00", "I4 4000 + I5 1000 (I3 due 03-17)" },
	{ "EUR|2023-03", "dso", "35.0", "7000 / 6200 * 31 = 35.0" },
	{ "EUR|2023-03", "countback_dso", "35.1", "7000-6200 = 800 left: 31 + 800/5500*28 = 35.07" },
	{ "EUR|2023-03", "best_dso", "25.0", "5000 / 6200 * 31 = 25.0" },
	{ "EUR|2023-03", "days_delinquent", "10.0", "(7000-5000) / 6200 * 31 = 10.0" },
	{ "EUR|2023-03", "cei", "70.1", "(5500+6200-7000) / (5500+6200-5000) = 4700/6700 = 70.15%" },
	{ "EUR|2023-03", "invoices_due", "3", "I2, I3, I7 due in March" },
	{ "EUR|2023-03", "on_time_pct", "33.3", "I7 only: 1/3" },
	{ "EUR|2023-03", "on_time_value_pct", "9.1", "500 / 5500 = 9.09%" },
	{ "EUR|2023-03", "invoices_paid", "3", "I2, I7, I6 paid in full in March" },
	{ "EUR|2023-03", "days_to_pay", "27.7", "(47 + 30 + 6) / 3 = 27.67" },
	{ "EUR|2023-03", "days_to_pay_weighted", "31.4", "(47*2000 + 30*500 + 6*1200) / 3700 = 31.41" },
	{ "EUR|2023-03", "days_late", "5.7", "(17 + 0 + 0) / 3 = 5.67" },
	{ "EUR|2023-03", "days_late_weighted", "9.2", "17*2000 / 3700 = 9.19" },
	{ "EUR|2023-03", "invoices", "3", "I4, I5, I6 issued" },
	{ "EUR|2023-03", "disputed_pct", "33.3", "I5 of 3" },
	{ "EUR|2023-03", "disputes_resolved", "1", "I3 on 03-11" },
	{ "EUR|2023-03", "dispute_days", "10.0", "03-01 to 03-11" },
	{ "EUR|2023-03", "promises", "2", "I3 until 03-12, I2 until 03-15" },
	{ "EUR|2023-03", "promises_kept_pct", "50.0", "I3: 2000 open on 03-12 <= 3000 - 1000; I2 open" },
	{ "EUR|2023-03", "at_risk_pct", "16.1", "I5 1000 open on 06-29 of 6200 billed" },
	/* The other months. */
	{ "EUR|2023-01", "cei", "", "0 / 0: nothing to collect" },
	{ "EUR|2023-01", "at_risk_pct", "0.0", "I1 paid by 05-01" },
	{ "EUR|2023-02", "cei", "100.0", "(1000+5500-5500) / (1000+5500-5500)" },
	{ "EUR|2023-02", "days_to_pay", "26.0", "I1: 01-10 to 02-05" },
	{ "EUR|2023-02", "at_risk_pct", "36.4", "I3 2000 open on 05-29 of 5500" },
	{ "EUR|2023-04", "dso", "", "no sales" },
	{ "EUR|2023-04", "best_dso", "", "no sales" },
	{ "EUR|2023-04", "days_delinquent", "", "no sales" },
	{ "EUR|2023-04", "countback_dso", "45.0", "3000: April no sales 30 + 3000/6200*31 = 15" },
	{ "EUR|2023-04", "cei", "57.1", "(7000-3000) / 7000" },
	{ "EUR|2023-04", "on_time_pct", "66.7", "I4 on its due date, I6 early; I5 late" },
	{ "EUR|2023-04", "on_time_value_pct", "83.9", "5200 / 6200" },
	{ "EUR|2023-04", "dispute_days", "20.0", "I5: 03-25 to 04-14" },
	{ "EUR|2023-04", "promises_kept_pct", "0.0", "I5 still open on 04-30" },
	{ "EUR|2023-04", "disputed_pct", "", "no invoices issued" },
	{ "EUR|2023-04", "at_risk_pct", "", "nothing billed" },
	{ "EUR|2023-05", "countback_dso", "76.0", "31 + 30 + 15" },
	{ "EUR|2023-05", "cei", "0.0", "nothing collected of 3000" },
	{ "EUR|2023-05", "at_risk_pct", "", "05-31 + 90 days is after the as-of date" },
	{ "EUR|2023-07", "countback_dso", "137.0", "31 + 30 + 31 + 30 + 15" },
	{ "EUR|2023-08", "dso", "(no row)", "after the as-of date" },
	{ "EUR|2022-12", "dso", "(no row)", "before the first invoice" },
	};
	size_t i;

	for (i = 0; i < sizeof v / sizeof v[0]; i++)
		is_str(value(&base, v[i].key, v[i].col, 0), v[i].want,
		    "%s %s (%s)", v[i].key, v[i].col, v[i].why);
}

static void
periods(void)
{
	static const struct {
		const char *period, *key, *col, *want, *why;
	} v[] = {
	{ "quarter", "EUR|2023-Q1", "days", "90", "" },
	{ "quarter", "EUR|2023-Q1", "dso", "49.6", "7000 / 12700 * 90 = 49.61" },
	{ "quarter", "EUR|2023-Q1", "best_dso", "35.4", "5000 / 12700 * 90 = 35.43" },
	{ "quarter", "EUR|2023-Q1", "days_delinquent", "14.2", "2000 / 12700 * 90 = 14.17" },
	{ "quarter", "EUR|2023-Q1", "countback_dso", "35.1", "by months, as at 03-31" },
	{ "quarter", "EUR|2023-Q1", "cei", "74.0", "5700 / 7700" },
	{ "quarter", "EUR|2023-Q1", "days_to_pay", "27.3", "109 / 4 = 27.25, half up" },
	{ "quarter", "EUR|2023-Q1", "days_late", "4.3", "17 / 4 = 4.25, half up" },
	{ "quarter", "EUR|2023-Q1", "disputed_pct", "28.6", "2 / 7" },
	{ "quarter", "EUR|2023-Q1", "at_risk_pct", "23.6", "3000 open on 06-29 of 12700" },
	{ "quarter", "EUR|2023-Q2", "countback_dso", "106.0", "30 + 31 + 30 + 15" },
	{ "quarter", "EUR|2023-Q3", "period_end", "2023-07-31", "cut at the as-of date" },
	{ "quarter", "EUR|2023-Q3", "days", "31", "" },
	{ "year", "EUR|2023", "days", "212", "01-01 to 07-31" },
	{ "year", "EUR|2023", "dso", "50.1", "3000 / 12700 * 212 = 50.08" },
	{ "year", "EUR|2023", "cei", "76.4", "9700 / 12700" },
	{ "year", "EUR|2023", "dispute_days", "15.0", "(10 + 20) / 2" },
	{ "year", "EUR|2023", "promises_kept_pct", "33.3", "1 of 3" },
	{ "year", "EUR|2023", "at_risk_pct", "", "12-31 + 90 is after the as-of date" },
	};
	size_t i;

	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		struct run u = base;

		u.period = v[i].period;
		is_str(value(&u, v[i].key, v[i].col, 0), v[i].want,
		    "%s %s %s (%s)", v[i].period, v[i].key, v[i].col, v[i].why);
	}
}

static void
weekly(void)
{
	static const struct {
		const char *key, *col, *want, *why;
	} v[] = {
	{ "EUR|2020-W53", "period_start", "2020-12-28", "ISO week of 2020-12-30" },
	{ "EUR|2020-W53", "period_end", "2021-01-03", "a Sunday" },
	{ "EUR|2020-W53", "dso", "7.0", "700 / 700 * 7" },
	{ "EUR|2021-W01", "period_end", "2021-01-06", "cut at the as-of date" },
	{ "EUR|2021-W01", "days", "3", "" },
	{ "EUR|2021-W01", "dso", "10.0", "1000 / 300 * 3" },
	{ "EUR|2021-W01", "countback_dso", "10.0", "3 days for 300, then 7 for 700" },
	{ "EUR|2021-W01", "cei", "", "0 / 0" },
	};
	struct run u = { weeks, NULL, NULL, "week", "2021-01-06", NULL, NULL, 0 };
	size_t i;

	for (i = 0; i < sizeof v / sizeof v[0]; i++)
		is_str(value(&u, v[i].key, v[i].col, 0), v[i].want,
		    "week %s %s (%s)", v[i].key, v[i].col, v[i].why);
}

static void
groups(void)
{
	static const struct {
		const char *by, *key, *col, *want, *why;
	} v[] = {
	{ "segment", "retail|EUR|2023-03", "receivables_begin", "2000.00", "I2" },
	{ "segment", "retail|EUR|2023-03", "dso", "31.0", "5000 / 5000 * 31" },
	{ "segment", "retail|EUR|2023-03", "cei", "100.0", "(2000+5000-5000) / (2000+5000-5000)" },
	{ "segment", "retail|EUR|2023-03", "disputed_pct", "50.0", "I5 of I4, I5" },
	{ "segment", "retail|EUR|2023-03", "at_risk_pct", "20.0", "I5 1000 of 5000" },
	{ "segment", "wholesale|EUR|2023-03", "dso", "51.7", "2000 / 1200 * 31 = 51.67" },
	{ "segment", "wholesale|EUR|2023-03", "countback_dso", "37.4", "31 + 800/3500*28 = 37.4" },
	{ "segment", "wholesale|EUR|2023-03", "best_dso", "0.0", "I3 overdue" },
	{ "segment", "wholesale|EUR|2023-03", "cei", "57.4", "2700 / 4700" },
	{ "segment", "wholesale|EUR|2023-03", "days_to_pay_weighted", "13.1", "22200 / 1700" },
	{ "segment", "wholesale|EUR|2023-03", "promises_kept_pct", "100.0", "I3" },
	{ "customer", "B|EUR|2023-03", "days_late", "17.0", "I2" },
	{ "customer", "A|EUR|2023-03", "cei", "", "0 / 0" },
	{ "customer_id", "C|EUR|2023-03", "dso", "51.7", "the same as wholesale" },
	{ "currency", "EUR|2023-03", "dso", "35.0", "one group" },
	};
	size_t i;

	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		struct run u = base;

		u.by = v[i].by;
		u.customers = customers;
		is_str(value(&u, v[i].key, v[i].col, 0), v[i].want,
		    "by %s %s %s (%s)", v[i].by, v[i].key, v[i].col, v[i].why);
	}
}

static void
currencies(void)
{
	static const struct {
		const char *key, *col, *want, *why;
	} v[] = {
	{ "EUR|2023-03", "sales", "100.00", "" },
	{ "EUR|2023-03", "countback_dso", "0.0", "nothing open" },
	{ "EUR|2023-03", "on_time_pct", "100.0", "paid on its due date" },
	{ "JPY|2023-03", "sales", "10000", "no minor unit" },
	{ "JPY|2023-03", "dso", "31.0", "" },
	{ "USD|2023-03", "dso", "10.3", "300 / 900 * 31 = 10.33" },
	{ "USD|2023-03", "days_to_pay", "15.0", "U2" },
	{ "CHF|2023-03", "sales", "800.00", "net of the credit note" },
	{ "CHF|2023-03", "receivables_not_due", "1000.00", "the credit note is past due" },
	{ "CHF|2023-03", "best_dso", "38.8", "1000 / 800 * 31 = 38.75" },
	{ "CHF|2023-03", "days_delinquent", "-7.8", "-200 / 800 * 31 = -7.75, away from zero" },
	{ "CHF|2023-03", "cei", "", "divisor 0 + 800 - 1000 below zero" },
	{ "CHF|2023-03", "invoices", "1", "credit notes are not invoices" },
	{ "CHF|2023-03", "invoices_due", "0", "K1 due on the as-of date: not yet late" },
	};
	struct run u = { multi, NULL, NULL, NULL, "2023-03-31", NULL, NULL, 0 };
	size_t i;

	for (i = 0; i < sizeof v / sizeof v[0]; i++)
		is_str(value(&u, v[i].key, v[i].col, 0), v[i].want,
		    "%s %s (%s)", v[i].key, v[i].col, v[i].why);
}

static void
debtors(void)
{
	static const struct {
		const char *by, *key, *col, *want, *why;
	} v[] = {
	{ NULL, "EUR|1", "customer_id", "C", "I3 2000 overdue on 04-30" },
	{ NULL, "EUR|1", "share_pct", "66.7", "2000 / 3000" },
	{ NULL, "EUR|2", "customer_id", "B", "I5 1000" },
	{ NULL, "EUR|2", "customer_name", "Bravo NV", "" },
	{ NULL, "EUR|2", "cumulative_pct", "100.0", "" },
	{ NULL, "EUR|3", "customer_id", "(no row)", "A paid I4 on its due date" },
	{ "segment", "wholesale|EUR|1", "customer_name", "Charlie B.V.", "from the customers file" },
	{ "segment", "retail|EUR|1", "share_pct", "100.0", "" },
	};
	size_t i;

	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		struct run u = { book, NULL, customers, NULL, "2023-04-30",
		    v[i].by, NULL, 5 };

		is_str(value(&u, v[i].key, v[i].col, 0), v[i].want,
		    "top by %s %s %s (%s)", v[i].by ? v[i].by : "-", v[i].key,
		    v[i].col, v[i].why);
	}
}

static void
errors(void)
{
	static const struct {
		const char *items, *ev, *want;
	} v[] = {
	{ "invoice_id,issue_date,due_date,currency,amount\nX,2023-01-01,,EUR,1\n",
	    NULL, "!0:no column 'paid_date' (give open items, or invoices with "
	    "paid_date and paid_amount)" },
	{ "invoice_id,currency,amount,due_date,paid_date\n", NULL,
	    "!0:no column 'issue_date'" },
	{ "invoice_id,issue_date,due_date,currency,amount,paid_date\n"
	    "X,,,EUR,1.00,\n", NULL, "2:empty issue_date" },
	{ "invoice_id,issue_date,due_date,currency,amount,paid_date\n"
	    "X,2023-02-30,,EUR,1.00,\n", NULL, "2:issue_date '2023-02-30': no such day" },
	{ "invoice_id,issue_date,due_date,currency,amount,paid_date\n"
	    "X,2023-01-01,,EUR,1.001,\n", NULL,
	    "2:amount '1.001': too many decimals for the currency" },
	{ "invoice_id,issue_date,due_date,currency,amount,paid_date\n"
	    "X,2023-01-01,,XYZ,1,\n", NULL, "2:unknown currency 'XYZ'" },
	{ "invoice_id,issue_date,due_date,currency,amount,paid_date\n"
	    "X,2023-01-01,,EUR,92233720368547758.07,\n"
	    "Y,2023-01-01,,EUR,1.00,\n", NULL,
	    "2:amount '92233720368547758.07': too large (the limit is 10^15 "
	    "minor units)" },
	{ "invoice_id,issue_date,due_date,currency,amount,paid_date\n", 
	    "date,invoice_id,kind,until,amount\n"
	    "2023-01-01,X,promise,,\n"
	    "2023-01-05,X,promise,2023-01-04,\n"
	    "2023-01-05,X,promise,2023-01-06,-1\n"
	    "2023-01-05,X,promise,2023-01-06,1.00001\n"
	    "2023-13-01,X,dispute,,\n"
	    "bad,X,note,,\n"
	    "bad,,dispute,,\n",
	    "2:promise without an until date 3:promise until '2023-01-04' is "
	    "before its date 4:promised amount '-1' is below zero 5:amount "
	    "'1.00001': too many decimals for the currency 6:date '2023-13-01': "
	    "no such day" },
	};
	size_t i;

	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		struct run u = { v[i].items, v[i].ev, NULL, NULL, "2023-07-31",
		    NULL, NULL, 0 };

		is_str(value(&u, "", "", 1), v[i].want, "errors %zu", i);
	}
}

static void
helpers(void)
{
	static const struct {
		long long num, mul, den;
		int places;
		const char *want;
	} r[] = {
		{ 7000, 31, 6200, 1, "35.0" },
		{ 109, 1, 4, 1, "27.3" },		/* 27.25: half up */
		{ 1, 1, 20, 1, "0.1" },			/* 0.05 */
		{ 1, 1, 21, 1, "0.0" },			/* 0.0476 */
		{ -775, 1, 100, 1, "-7.8" },		/* half away from zero */
		{ -1, 1, 1000, 1, "0.0" },		/* never "-0.0" */
		{ 2, 1, 3, 1, "0.7" },
		{ 2, 1, 3, 0, "1" },
		{ 2, 100, 3, 2, "66.67" },
		{ 0, 31, 5, 1, "0.0" },
		{ 5, 31, 0, 1, "" },			/* no sales */
		{ 5, 31, -5, 1, "" },			/* below zero */
		{ 9223372036854775807LL, 366, 1, 1, "3375754165488847945362.0" },
	};
	static const struct {
		const char *period, *date, *label, *start;
	} p[] = {
		{ "week", "2021-01-01", "2020-W53", "2020-12-28" },
		{ "week", "2021-01-04", "2021-W01", "2021-01-04" },
		{ "week", "2024-12-30", "2025-W01", "2024-12-30" },
		{ "week", "2026-01-01", "2026-W01", "2025-12-29" },
		{ "week", "1970-01-01", "1970-W01", "1969-12-29" },
		{ "week", "1969-12-28", "1969-W52", "1969-12-22" },
		{ "month", "2024-02-29", "2024-02", "2024-02-01" },
		{ "month", "0001-01-01", "0001-01", "0001-01-01" },
		{ "quarter", "2024-05-15", "2024-Q2", "2024-04-01" },
		{ "quarter", "2024-12-31", "2024-Q4", "2024-10-01" },
		{ "year", "9999-12-31", "9999", "9999-01-01" },
	};
	char buf[64], d[AR_DATE_BUFSZ];
	size_t i;

	for (i = 0; i < sizeof r / sizeof r[0]; i++)
		is_str(ar_kpi_ratio(r[i].num, r[i].mul, r[i].den, r[i].places, buf),
		    r[i].want, "ratio %lld*%lld/%lld", r[i].num, r[i].mul, r[i].den);
	for (i = 0; i < sizeof p / sizeof p[0]; i++) {
		int per = ar_kpi_period_parse(p[i].period);
		long k = per == AR_KPI_QUARTER ? 3 : per == AR_KPI_YEAR ? 12 : 1;
		ar_date x, s;
		long u;

		ar_date_parse(p[i].date, 0, &x);
		u = ar_kpi_unit(per, x);
		/* The first unit of the period. */
		u = (u >= 0 ? u / k : -((-u + k - 1) / k)) * k;
		s = ar_kpi_unit_start(per, u);
		ar_date_format(s, d);
		is_str(d, p[i].start, "%s of %s starts", p[i].period, p[i].date);
		ar_kpi_period_label(per, s, buf);
		is_str(buf, p[i].label, "%s of %s is named", p[i].period,
		    p[i].date);
	}
	is_int(ar_kpi_period_parse("fortnight"), -1, "unknown period");
}

static void
options(void)
{
	static const struct {
		const char *by;
		int top;
		const char *cur, *want;
	} v[] = {
		{ "dso", 0, NULL, "--by dso: that is the name of an output column" },
		{ "rank", 5, NULL, "--by rank: that is the name of an output column" },
		{ "rank", 0, NULL, NULL },
		{ "", 0, NULL, "--by needs a column name" },
		{ NULL, 0, "EURO", "unknown currency 'EURO'" },
	};
	size_t i;

	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		struct ar_kpi_opts o = { .period = AR_KPI_MONTH, .from = AR_NODATE,
		    .to = AR_NODATE, .by = v[i].by, .top = v[i].top,
		    .currency = v[i].cur };
		struct ar_err err = { 0 };
		struct ar_kpi *k = ar_kpi_new(&o, &err);

		is_str(k == NULL ? err.msg : NULL, v[i].want, "options %zu", i);
		ar_kpi_free(k);
	}
}

int
main(void)
{
	helpers();
	options();
	figures();
	periods();
	weekly();
	groups();
	currencies();
	debtors();
	errors();
	return tap_done();
}
