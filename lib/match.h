/*
 * match.h - cash application: payments applied to open invoices, each
 * application with its rule, confidence and evidence (ar-match(1)).
 *
 * Use: ar_match_new; feed the side files (customers, history, confirmed
 * matches) and the invoices, each file through its _open function (which
 * finds the columns) and then one call per record; then the payments;
 * ar_match_finish; ar_match_items writes the open items.  Matches and
 * unmatched payments leave through the callbacks of struct ar_match_out
 * as they are decided, in the canonical payment order (booking date,
 * money in before money out before reversals, txn_id).
 *
 * Rules, in order of trust, and their confidence (0-100):
 *
 *   confirmed   100  a match a person made (--confirmed)
 *   reference   100  the payment's structured reference (RF, OGM/VCS,
 *                    betalingskenmerk) equals an invoice's, compared in
 *                    electronic form; 98 when the reference is found
 *                    printed in the free text, 95 when an unstructured
 *                    reference equals the invoice's exactly
 *   text         95  an invoice number in the free text, and the amount
 *                    fits (exactly, less the early-payment discount,
 *                    within the tolerance, with credit notes netted);
 *                90  the same when the amount does not fit (a partial
 *                    payment, an overpayment); 85 / 80 when only the
 *                    sequence number is written ("fact 123") and the
 *                    payer is that invoice's customer by IBAN or name
 *   pattern          as text, for numbers found by a --pattern
 *   iban         85  the payer is a customer by IBAN (5 less when the IBAN
 *                    was learned, not known from the customers file or the
 *                    history) and the amount equals one open item; 80 for
 *                    a set of two to five invoices (with their credit
 *                    notes) or one less the early-payment discount; 75 one
 *                    short by bank charges within the tolerance (65 any
 *                    other difference within it); 75 a part of the
 *                    customer's only open invoice
 *   name         75  the payer's name is a customer's (70 close) and the
 *                    amount equals one open invoice of a customer of that
 *                    name; 65 less the discount; 55 for "A EO B"
 *   amount       80  the rest of a payment whose customer is known fits a
 *                    set of that customer's other open items
 *   allocation   60  money of a known customer applied to the oldest due
 *                    open invoices first (--allocate); 65 when it pays
 *                    them all
 *   reversal    100  a reversal undoes the payment it reverses
 *   refund       90  money out applied to the customer's credit (unapplied
 *                    cash or an open credit note); 85 by IBAN
 *
 * Ties are never guessed: two candidates of the same rule and confidence
 * give a suggestion (confidence 50).  A candidate below min_confidence is
 * not applied; it becomes the suggestion of the unmatched row.
 */
#ifndef AR_MATCH_H
#define AR_MATCH_H

#include <stdint.h>

#include "csvio.h"
#include "date.h"

enum ar_alloc { AR_ALLOC_OLDEST, AR_ALLOC_NEWEST, AR_ALLOC_NONE };

struct ar_match_opts {
	int min_confidence;	/* apply at or above this (default 70) */
	int64_t tol_micro;	/* tolerance in millionths of a currency unit */
	int tol_bp;		/* or in hundredths of a percent of the target */
	int writeoff;		/* differences within the tolerance closed */
	int disc_bp;		/* early-payment discount, hundredths of a % */
	int disc_days;		/* within this many days of the issue date */
	enum ar_alloc alloc;	/* order for a known customer's money */
	int no_learn;		/* do not learn IBANs from this run's matches */
	ar_date as_of;		/* payments booked later are left out;
				   AR_NODATE for none */
	size_t sort_memory;	/* bytes for sorting payments out of order */
};

/* The defaults above; as_of AR_NODATE. */
void ar_match_defaults(struct ar_match_opts *);

struct ar_match_out {
	/* A row of the matches file (ar_match_cols). */
	void (*match)(void *arg, const char *const *fields);
	/* A row of the unmatched file (ar_match_unmatched_cols). */
	void (*unmatched)(void *arg, const char *const *fields);
	/* A payment reported and skipped (a duplicate txn_id, a confirmed
	 * match that cannot be applied): file and line in the error. */
	void (*warn)(void *arg, const struct ar_err *);
	/* The payments were out of order: forget the match and unmatched rows
	 * given so far, they come again in order. */
	void (*restart)(void *arg);
	void *arg;
};

struct ar_match;

struct ar_match *ar_match_new(const struct ar_match_opts *,
    const struct ar_match_out *);
void ar_match_free(struct ar_match *);

/*
 * A PCRE2 pattern with a named group "invoice", compiled once; given
 * before the invoices are ready (the first payment).  AR_OK, or
 * AR_FATAL with err saying why (the offset in the pattern included).
 */
enum ar_rc ar_match_pattern(struct ar_match *, const char *re,
    struct ar_err *err);

/*
 * Side files.  Each _open finds the columns of a file and returns NULL,
 * or the name of a required column that is missing; then one call per
 * record returns AR_OK or AR_SKIP with err set.
 *
 *   customers  customer_id, name, ibans (space-separated; optional)
 *   history    counterparty_iban and customer_id or invoice_id: earlier
 *              matches; each row with a rule of confirmed, reference,
 *              text or pattern (or with no rule column) teaches that the
 *              IBAN pays for that customer.  A row's txn_id (with
 *              invoice_id, amount, and optionally currency, discount,
 *              writeoff) says what that payment applied in an earlier
 *              run: when the items read are that run's open items, the
 *              payment is not applied again, and a reversal undoes it
 *   confirmed  txn_id, invoice_id, amount (optional): matches a person
 *              made or approved; an empty invoice_id says the payment is
 *              for no invoice.  With counterparty_iban they also teach
 *              the IBAN.
 */
const char *ar_match_customers_open(struct ar_match *, struct ar_csv_reader *);
enum ar_rc ar_match_customer(struct ar_match *, struct ar_csv_reader *,
    struct ar_err *);
const char *ar_match_history_open(struct ar_match *, struct ar_csv_reader *);
enum ar_rc ar_match_history(struct ar_match *, struct ar_csv_reader *,
    struct ar_err *);
const char *ar_match_confirmed_open(struct ar_match *, struct ar_csv_reader *);
enum ar_rc ar_match_confirmed(struct ar_match *, struct ar_csv_reader *,
    struct ar_err *);

/*
 * Invoices or open items (several files; the output has the union of
 * their columns).  Also read: discount_percent and discount_days (the
 * early-payment discount of that invoice, overriding the option),
 * billing_ref (the invoice a credit note corrects).  A record is skipped
 * (AR_SKIP) for an empty invoice_id or amount, a value that does not
 * parse, or an invoice_id seen before (the row whose fields sort first is
 * kept, whatever the input order).
 */
const char *ar_match_invoices_open(struct ar_match *, struct ar_csv_reader *);
enum ar_rc ar_match_invoice(struct ar_match *, struct ar_csv_reader *,
    struct ar_err *);

/*
 * Payments (one file): txn_id, amount, currency and booking_date needed.
 * ar_match_payments_open returns a missing column's name or NULL; the
 * columns of the unmatched file are known from then on.  ar_match_payment
 * is given the same reader.  Payments out of order are sorted; when the
 * reader is a regular file (ar_csv_rewindable), ar_match_payment then
 * reads it again from the start, up to the payment it was given, and
 * leaves it there; otherwise the payments are kept in a temporary file.
 * ar_match_payment returns AR_OK, AR_SKIP (err set) or AR_FATAL (a
 * temporary file failed, or the file changed while it was read).
 */
const char *ar_match_payments_open(struct ar_match *, struct ar_csv_reader *);
enum ar_rc ar_match_payment(struct ar_match *, struct ar_csv_reader *,
    struct ar_err *);

/* After the last payment (also when there was none).  AR_OK or AR_FATAL. */
enum ar_rc ar_match_finish(struct ar_match *, struct ar_err *);

/* Columns of the matches file. */
extern const char *const ar_match_cols[];
extern const size_t ar_match_ncols;

/* Columns of the unmatched file: the payment columns, then the added ones. */
const char *const *ar_match_unmatched_cols(const struct ar_match *, size_t *n);

/*
 * The open items, ordered by invoice_id: every invoice with its columns,
 * the added ones replaced or appended (paid_amount, open_amount,
 * last_payment_date, paid_date, discount_amount, writeoff_amount), and
 * a row of type "unapplied" for each payment's money held as a credit on
 * a customer.
 */
const char *const *ar_match_item_cols(const struct ar_match *, size_t *n);
void ar_match_items(struct ar_match *,
    void (*row)(void *arg, const char *const *fields), void *arg);
/* The same rows through a writer, formatted on two threads. */
void ar_match_items_csvw(struct ar_match *, struct ar_csvw *);

struct ar_match_stats {
	size_t invoices, payments, applied, partly, unapplied, duplicates,
	    later, matches, suggestions;
};
/* After ar_match_finish (before it, payments may be in flight). */
void ar_match_stats(const struct ar_match *, struct ar_match_stats *);

#endif
