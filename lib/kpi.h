/*
 * kpi.h - the figures that show how collection works (ar-kpi(1)): DSO
 * (standard and countback), best possible DSO, average days delinquent,
 * collection effectiveness index, share paid by the due date, days to
 * pay and days late, disputes, promises kept, at-risk share, per period
 * and per group and currency; the debtors holding the most overdue money;
 * mergeable partial sums.  Computation only: nothing is printed.
 *
 * Use: ar_kpi_new; optionally the customers file (ar_kpi_customers_begin
 * once per file, ar_kpi_customers_read per record) and the events file
 * (ar_kpi_events_*); then the items (ar_kpi_items_*) or, with the merge
 * option, partial outputs (ar_kpi_merge_*); then ar_kpi_header and
 * ar_kpi_row until it returns 0; ar_kpi_free.  The *_begin functions
 * find the columns of a file and return AR_OK or AR_FATAL (the file
 * cannot be used: a column is missing); the *_read functions take the
 * reader's current record and return AR_OK or AR_SKIP (the record was
 * not counted; err says why, with its line).
 *
 * Memory: per group and currency one row of sums for each month (week
 * with the week period) from the first invoice to the as-of date, plus
 * the customers and events files; never per invoice.  The debtors mode
 * keeps one sum per customer and currency.
 *
 * Ownership: strings in the options are not copied and must outlive the
 * object; the header and the fields of a row are owned by the object and
 * valid until the next ar_kpi_row or ar_kpi_free.
 */
#ifndef AR_KPI_H
#define AR_KPI_H

#include <stddef.h>

#include "csvio.h"
#include "date.h"
#include "err.h"
#include "record.h"	/* AR_NODATE */

enum ar_kpi_period { AR_KPI_WEEK, AR_KPI_MONTH, AR_KPI_QUARTER, AR_KPI_YEAR };

/* Days after the period end at which an unpaid invoice is at risk. */
#define AR_KPI_RISK_DAYS	90
/* Terms assumed when an invoice has no due date (art. 6:119a lid 2 BW). */
#define AR_KPI_TERMS		30

struct ar_kpi_opts {
	enum ar_kpi_period period;
	ar_date as_of;
	ar_date from, to;	/* AR_NODATE: first invoice's period, as_of */
	const char *by;		/* NULL or "currency": no group column;
				   "customer": customer_id; else a column */
	const char *currency;	/* NULL: every currency, a row each */
	int top;		/* > 0: the top debtors, this many per group */
	int partial;		/* write mergeable sums */
	int merge;		/* the input is partial output */
	/* With merge: which of period, as_of and by were given (the others
	   are taken from the partial files, which must agree). */
	int set_period, set_as_of, set_by;
};

/* "week", "month", "quarter", "year" to a period; -1 if unknown. */
int ar_kpi_period_parse(const char *);
const char *ar_kpi_period_name(enum ar_kpi_period);

/*
 * A new computation.  Returns NULL and fills err (line 0) when the
 * options do not go together (a --by name that is also an output
 * column, an unknown currency).
 */
struct ar_kpi *ar_kpi_new(const struct ar_kpi_opts *, struct ar_err *err);
void ar_kpi_free(struct ar_kpi *);

/*
 * The customers file: customer_id, and the group column (when --by
 * names a column of this file) and name (debtors mode) when present.
 */
enum ar_rc ar_kpi_customers_begin(struct ar_kpi *, const struct ar_csv_reader *,
    struct ar_err *);
enum ar_rc ar_kpi_customers_read(struct ar_kpi *, const struct ar_csv_reader *,
    struct ar_err *);

/*
 * The events file: date, invoice_id, kind; until and amount for a
 * promise.  Kinds other than dispute, resolved and promise, and events
 * without an invoice_id, are passed over.
 */
enum ar_rc ar_kpi_events_begin(struct ar_kpi *, const struct ar_csv_reader *,
    struct ar_err *);
enum ar_rc ar_kpi_events_read(struct ar_kpi *, const struct ar_csv_reader *,
    struct ar_err *);

/* Open items or invoices with paid_date (see ar-kpi(1) for the columns). */
enum ar_rc ar_kpi_items_begin(struct ar_kpi *, const struct ar_csv_reader *,
    struct ar_err *);
enum ar_rc ar_kpi_items_read(struct ar_kpi *, const struct ar_csv_reader *,
    struct ar_err *);

/* Partial output of earlier runs (the merge option). */
enum ar_rc ar_kpi_merge_begin(struct ar_kpi *, const struct ar_csv_reader *,
    struct ar_err *);
enum ar_rc ar_kpi_merge_read(struct ar_kpi *, const struct ar_csv_reader *,
    struct ar_err *);

/*
 * The output, once all input is in: the column names (their number is
 * returned), then one row at a time; ar_kpi_row returns 1 with fields
 * set, 0 when there are no more rows.
 */
size_t ar_kpi_header(struct ar_kpi *, const char *const **names);
int ar_kpi_row(struct ar_kpi *, const char *const **fields);

/*
 * Helpers, exposed for the tests.  Units are months (y * 12 + m - 1),
 * or ISO weeks (Monday to Sunday, counted from the week of 1970-01-05)
 * with the week period.  ar_kpi_ratio writes num * mul / den rounded
 * half away from zero to places decimals ("" when den <= 0) and returns
 * buf (at least 48 bytes).
 */
long ar_kpi_unit(enum ar_kpi_period, ar_date);
ar_date ar_kpi_unit_start(enum ar_kpi_period, long unit);
size_t ar_kpi_period_label(enum ar_kpi_period, ar_date start, char *buf);
char *ar_kpi_ratio(__int128 num, __int128 mul, __int128 den, int places,
    char *buf);

/*
 * After ar_kpi_items_read: note i (from 0) about the item just read that
 * is no error (a figure it could not take part in, a due date assumed),
 * or NULL after the last.  Notes of one kind are the same pointer.
 */
const char *ar_kpi_note(const struct ar_kpi *, size_t i);

#endif
