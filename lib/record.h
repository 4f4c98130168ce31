/*
 * record.h - the toolkit's record kinds (ar-csv(5)) read from a CSV row:
 * columns found by name once per file, values parsed and checked once
 * per record.
 *
 * Strings in a parsed record point into the reader's current record and
 * are valid until the next ar_csv_read.
 */
#ifndef AR_RECORD_H
#define AR_RECORD_H

#include <stdint.h>

#include "csvio.h"
#include "date.h"
#include "money.h"

/* A date column that is empty. */
#define AR_NODATE INT32_MIN


/* ---- invoices and open items ---- */

struct ar_item_cols {
	int invoice_id, type, customer_id, customer_name, issue_date, due_date,
	    currency, amount, reference, paid_amount, open_amount,
	    last_payment_date, paid_date;
};

struct ar_item {
	const char *invoice_id, *type, *customer_id, *customer_name,
	    *currency, *reference;
	int exp;			/* the currency's minor digits */
	int credit;			/* type credit_note, or amount < 0 */
	int64_t amount;			/* total payable, signed */
	int64_t paid_amount;		/* 0 when there is no such column */
	int64_t open_amount;		/* amount when there is no such column */
	ar_date issue_date, due_date;	/* AR_NODATE when empty */
	ar_date last_payment_date, paid_date;
};

/* Which columns a program needs (AR_COL_*), for ar_item_cols_find. */
#define AR_NEED_ISSUE	0x01	/* issue_date */
#define AR_NEED_DUE	0x02	/* due_date */
#define AR_NEED_CUST	0x04	/* customer_id */

/*
 * Find the columns by name (-1 when absent).  invoice_id, currency and
 * amount are always needed, plus those named in need.  Returns NULL, or
 * the name of the first needed column that is missing.
 */
const char *ar_item_cols_find(struct ar_item_cols *, const struct ar_csv_reader *,
    unsigned need);

/*
 * Parse the current record.  AR_OK, or AR_SKIP with err saying which
 * column holds what (an empty invoice_id, an unknown currency, an amount
 * or date that does not parse, an amount with more decimals than the
 * currency has or beyond AR_AMOUNT_MAX, a credit_note with a positive
 * amount).
 */
enum ar_rc ar_item_parse(const struct ar_item_cols *, const struct ar_csv_reader *,
    struct ar_item *, struct ar_err *);

/* ---- payments ---- */

struct ar_pay_cols {
	int txn_id, account, booking_date, value_date, amount, currency,
	    counterparty_name, counterparty_iban, reference, remittance,
	    end_to_end_id, reversal, reversal_of, status;
};

struct ar_pay {
	const char *txn_id, *account, *currency, *counterparty_name,
	    *counterparty_iban, *reference, *remittance, *end_to_end_id,
	    *reversal_of, *status;
	int exp;
	int reversal;			/* the reversal column is "true" */
	int64_t amount;			/* signed: money in is positive */
	ar_date booking_date, value_date;
};

/* txn_id, amount, currency and booking_date are needed. */
const char *ar_pay_cols_find(struct ar_pay_cols *, const struct ar_csv_reader *);
enum ar_rc ar_pay_parse(const struct ar_pay_cols *, const struct ar_csv_reader *,
    struct ar_pay *, struct ar_err *);

/*
 * Helpers for any column: parse an amount in the given exponent (at most
 * AR_AMOUNT_MAX either way), a sum of amounts (any int64 but INT64_MIN:
 * the rows a program wrote to be merged), or a date (empty allowed when
 * opt), setting err with the column's name.
 */
enum ar_rc ar_col_amount(const struct ar_csv_reader *, int col, int exp,
    int64_t *out, struct ar_err *);
enum ar_rc ar_col_sum(const struct ar_csv_reader *, int col, int exp,
    int64_t *out, struct ar_err *);
enum ar_rc ar_col_date(const struct ar_csv_reader *, int col, int opt,
    ar_date *out, struct ar_err *);

#endif
