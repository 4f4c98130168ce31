/*
 * aging.h - aging of open items as of a date: days past due, buckets,
 * sums per customer and currency, rows per invoice, and the statement of
 * account ("debiteurenkaart").  Computation only: nothing is printed.
 *
 * Days past due = as-of date - the date an item is aged from: its due
 * date, or its issue date plus the terms when it has none (basis due,
 * the default), or its issue date (basis issue).  With boundaries
 * b1 < b2 < ... < bn (default 30, 60, 90) the buckets are
 *
 *	current		days <= 0 (not yet due, or due on the as-of date)
 *	1-b1		1 <= days <= b1
 *	b(k-1)+1-bk	b(k-1) < days <= bk
 *	over_bn		days > bn
 *
 * so an item exactly 30 days late is in 1-30 and one 31 days late in
 * 31-60.  Open amounts below zero (credit notes, unapplied cash) are
 * never put in a bucket: they are summed apart as credit.  Items whose
 * open amount is zero are paid and count in nothing.  Amounts of
 * different currencies are never added together.
 *
 * Ownership: every string a row points to is owned by the object that
 * made the row and lives until it is freed; strings of an ar_item are
 * copied when they must outlive the record.
 */
#ifndef AR_AGING_H
#define AR_AGING_H

#include <stdint.h>

#include "csvio.h"
#include "date.h"
#include "err.h"
#include "money.h"
#include "record.h"

#define AR_AGE_MAXBOUNDS	16
#define AR_AGE_MAXBUCKETS	(AR_AGE_MAXBOUNDS + 2)
#define AR_AGE_MAXDAYS		36600	/* largest boundary and --terms: about 100 years */
#define AR_AGE_NAMESZ		32	/* a bucket name and NUL: "36600-36600" */
#define AR_AGE_NODAYS		INT32_MIN

enum ar_age_basis { AR_AGE_DUE, AR_AGE_ISSUE };

struct ar_age_opts {
	ar_date as_of;
	enum ar_age_basis basis;
	int terms;			/* days after issue when there is no due date */
	int nbounds;			/* 1..AR_AGE_MAXBOUNDS */
	int bounds[AR_AGE_MAXBOUNDS];	/* ascending, 1..AR_AGE_MAXDAYS */
};

/*
 * Defaults: basis due, 30 days of terms (the statutory term when none is
 * agreed: Directive 2011/7/EU art. 3(3)(b); in the Netherlands art.
 * 6:119a lid 2 BW), boundaries 30, 60, 90.
 */
void ar_age_opts_init(struct ar_age_opts *, ar_date as_of);

/*
 * Parse a list of boundaries "30,60,90": 1 to AR_AGE_MAXBOUNDS whole
 * numbers of days, strictly ascending, from 1 to AR_AGE_MAXDAYS.
 * Returns NULL, or a message (and leaves the options alone).
 */
const char *ar_age_bounds_parse(struct ar_age_opts *, const char *list);

/* Number of buckets (nbounds + 2) and the name of bucket b into buf. */
int ar_age_nbuckets(const struct ar_age_opts *);
void ar_age_bucket_name(const struct ar_age_opts *, int b, char buf[AR_AGE_NAMESZ]);

/* The bucket of an item that many days past due: 0 current ... nbounds + 1. */
int ar_age_bucket(const struct ar_age_opts *, int days);

/* How an item's days are counted. */
enum ar_age_how {
	AR_AGED_NONE,		/* not aged (paid, or a credit without dates) */
	AR_AGED_DUE,		/* from its due date */
	AR_AGED_TERMS,		/* no due date: from its issue date + terms */
	AR_AGED_ISSUE		/* from its issue date (basis issue) */
};

/*
 * The date an item is aged from.  AR_OK, or AR_SKIP with err when it has
 * no date to count from (no due date nor issue date; no issue date with
 * basis issue).  err's line is left at 0: the caller knows the line.
 */
enum ar_rc ar_age_from(const struct ar_age_opts *, const struct ar_item *,
    ar_date *from, enum ar_age_how *how, struct ar_err *err);

/* ---- per customer and currency ---- */

struct ar_aging;

struct ar_age_row {
	const char *customer_id;	/* "" on a totals row */
	const char *customer_name;	/* "total" on a totals row */
	const char *currency;
	int exp;
	int is_total;
	int64_t total;			/* all open amounts: buckets + credit */
	int64_t overdue;		/* buckets 1 .. nbounds + 1 */
	int64_t credit;			/* open amounts below zero (<= 0) */
	const int64_t *bucket;		/* ar_age_nbuckets() sums, each >= 0 */
	int oldest_days;		/* most days past due; AR_AGE_NODAYS if none */
	long items;			/* open items counted */
};

/* Copies the options. */
struct ar_aging *ar_aging_new(const struct ar_age_opts *);
void ar_aging_free(struct ar_aging *);

/*
 * Count one item, the record on line line.  Paid items (open amount 0)
 * are ignored.  AR_OK, or AR_SKIP with err (its line set) when an item
 * is not counted: an empty customer_id, no date to age it from, or a sum
 * out of range.  *how says how the item's days were counted
 * (AR_AGED_TERMS deserves a warning).
 *
 * An item is counted at the next call (its customer's entry is fetched
 * from memory meanwhile), so a sum out of range is reported one call
 * late, with the line of the item it concerns; ar_aging_flush counts the
 * last item.
 */
enum ar_rc ar_aging_add(struct ar_aging *, const struct ar_item *, long line,
    enum ar_age_how *how, struct ar_err *err);
enum ar_rc ar_aging_flush(struct ar_aging *, struct ar_err *err);

enum ar_age_sort { AR_AGE_BY_ID, AR_AGE_BY_OVERDUE };

/* What ar_aging_rows lists. */
struct ar_age_view {
	enum ar_age_sort sort;
	long top;		/* > 0: that many largest overdue per currency */
	int customers;		/* list the customers */
	int totals;		/* then one totals row per currency */
};

/*
 * The rows, valid until the next call or ar_aging_free.  By id: customer
 * id (byte order), then currency.  By overdue: currency, then overdue
 * amount largest first, then customer id.  top keeps the first top
 * customers of each currency that have something overdue (and sorts by
 * overdue).  Totals rows (over all customers, whatever top keeps) come
 * last, by currency.  AR_OK, or AR_SKIP with err when a currency's total
 * is out of range (its totals row is left out) or, if ar_aging_flush was
 * not called, the last item could not be counted.
 */
enum ar_rc ar_aging_rows(struct ar_aging *, const struct ar_age_view *,
    const struct ar_age_row **rows, size_t *nrows, struct ar_err *err);

/* Number of customer-and-currency pairs counted so far (flushed). */
size_t ar_aging_count(const struct ar_aging *);

/*
 * Output columns: customer_id, customer_name, currency, total, overdue,
 * the buckets by name, credit, oldest_days, items.
 */
size_t ar_aging_ncols(const struct ar_aging *);
const char *const *ar_aging_header(const struct ar_aging *);

/* Fields of a row, as strings in buf, for ar_csvw_row. */
struct ar_age_fmt {
	char money[AR_AGE_MAXBUCKETS + 3][AR_MONEY_BUFSZ];
	char num[2][24];
	const char *f[AR_AGE_MAXBUCKETS + 8];
};
const char *const *ar_aging_format(const struct ar_aging *,
    const struct ar_age_row *, struct ar_age_fmt *buf);

/* ---- per invoice (--detail) ---- */

/*
 * Holds every open item it is given, with all its columns, until the
 * end (the rows must be sorted).  Output columns: the columns of the
 * inputs in order of first appearance, then those of open_amount,
 * aged_from, days_past_due and bucket that the inputs lack.  Those four
 * are always (re)computed: open_amount as parsed, aged_from the date the
 * item is aged from, days_past_due the as-of date minus that (negative
 * when not yet due), bucket its bucket's name; for a credit (open amount
 * below zero) aged_from and days_past_due are empty and bucket "credit".
 */
struct ar_age_detail;

struct ar_age_detail *ar_age_detail_new(const struct ar_age_opts *);
void ar_age_detail_free(struct ar_age_detail *);

/* A new input file: its columns join the output columns. */
void ar_age_detail_file(struct ar_age_detail *, const struct ar_csv_reader *);

/* Keep the current record of the last file given (same rules as ar_aging_add). */
enum ar_rc ar_age_detail_add(struct ar_age_detail *, const struct ar_csv_reader *,
    const struct ar_item *, enum ar_age_how *how, struct ar_err *err);

/*
 * Sort by customer id, currency, aged_from (credits last), invoice id,
 * then the whole record.  With totals, one row per currency follows with
 * bucket "total" and the sum of open_amount.  Returns the number of
 * rows; AR_SKIP in *rc (err set) when a currency's total is out of
 * range and that row is left out, else AR_OK.
 */
size_t ar_age_detail_finish(struct ar_age_detail *, int totals, enum ar_rc *rc,
    struct ar_err *err);
size_t ar_age_detail_ncols(const struct ar_age_detail *);
const char *const *ar_age_detail_header(const struct ar_age_detail *);
/* Row i's fields, valid until the next call. */
const char *const *ar_age_detail_row(struct ar_age_detail *, size_t i);

/* ---- statement of account ---- */

/*
 * The statement of one customer (or of every customer): its invoices and
 * credit notes, paid ones too, and the payments applied to them, in date
 * order with a running balance per currency.  Holds the items of the
 * customers it keeps and the matches that apply to them.
 */
struct ar_stmt;

struct ar_stmt_row {
	const char *customer_id, *customer_name, *currency;
	int exp;
	ar_date date;			/* AR_NODATE if none */
	ar_date order;			/* sorted by: date, or its item's */
	const char *type;		/* invoice, credit_note, payment, ... */
	const char *document;		/* invoice_id, or the payment's txn_id */
	const char *invoice_id;		/* the invoice the row concerns */
	ar_date due_date;		/* items: due date; if none, issue + terms
					   when the amount is above zero */
	int64_t debit, credit, balance;	/* debit, credit >= 0 */
	int is_item;
	int64_t open;			/* items: open amount */
	int days_overdue;		/* items open and overdue, else AR_AGE_NODAYS */
};

/* Keep the items of customer, or of every customer when it is NULL (copied). */
struct ar_stmt *ar_stmt_new(const struct ar_age_opts *, const char *customer);
void ar_stmt_free(struct ar_stmt *);

/*
 * Keep an item if it is the customer's (copied); cols tells whether the
 * file has an open_amount column.  AR_OK, or AR_SKIP with err (line 0)
 * for an empty customer_id or an invoice_id seen before.  *how says how
 * the days of an item kept and open are counted (AR_AGED_NONE if not).
 * err->file and err->line on entry say where the item was read, for
 * ar_stmt_check's messages: the file name must outlive the statement.
 */
enum ar_rc ar_stmt_add_item(struct ar_stmt *, const struct ar_item_cols *,
    const struct ar_item *, enum ar_age_how *how, struct ar_err *err);

/* Columns of a match file (ar-match --matches): txn_id, invoice_id, amount, date. */
struct ar_stmt_mcols {
	int txn_id, invoice_id, amount, date;
};

/*
 * Find them; the date is the column "date", else "booking_date".
 * Returns NULL or a description of the column that is missing.
 */
const char *ar_stmt_mcols_find(struct ar_stmt_mcols *, const struct ar_csv_reader *);

/*
 * A match row: kept when its invoice is one of the items kept (so all
 * items must be added first), else ignored.  AR_OK, or AR_SKIP with err
 * (an empty txn_id or invoice_id, a bad amount or date).  The first
 * match given marks the statement as having matches: then payments are
 * listed from them, else one payment row per item for what was paid
 * (amount - open_amount), dated its last_payment_date.
 */
enum ar_rc ar_stmt_add_match(struct ar_stmt *, const struct ar_stmt_mcols *,
    const struct ar_csv_reader *, struct ar_err *err);
/* Say that matches were given (even if none applied). */
void ar_stmt_use_matches(struct ar_stmt *);

/*
 * Build the rows.  Returns the number of customers.  Afterwards
 * ar_stmt_check lists, one call each, items whose amount less the
 * matches applied is not their open_amount (AR_OK with err set), then
 * returns AR_EOF.
 */
size_t ar_stmt_finish(struct ar_stmt *);
enum ar_rc ar_stmt_check(struct ar_stmt *, struct ar_err *err);

/* Customer k (0 .. finish - 1): its id and rows. */
const char *ar_stmt_customer(const struct ar_stmt *, size_t k);
size_t ar_stmt_rows(const struct ar_stmt *, size_t k, const struct ar_stmt_row **rows);

/*
 * Columns: customer_id, customer_name, currency, date, type, document,
 * invoice_id, due_date, debit, credit, balance, open_amount, days_overdue.
 */
#define AR_STMT_NCOLS 13
const char *const *ar_stmt_header(void);

struct ar_stmt_fmt {
	char date[2][AR_DATE_BUFSZ];
	char money[4][AR_MONEY_BUFSZ];
	char days[24];
	const char *f[AR_STMT_NCOLS];
};
const char *const *ar_stmt_format(const struct ar_stmt_row *, struct ar_stmt_fmt *buf);

/*
 * A file name for a customer's statement: bytes other than letters,
 * digits, '-', '_' and '.' (and a leading '.') written as %XX, then ext.
 * Returns NULL when it would not fit in n bytes (or the id is empty).
 */
char *ar_stmt_filename(const char *customer_id, const char *ext, char *buf, size_t n);

#endif
