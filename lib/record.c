/* record.c - invoice, open-item and payment records from CSV rows */
#include <string.h>

#include "money.h"
#include "record.h"

static enum ar_rc
col_money(const struct ar_csv_reader *r, int col, int exp, int64_t max,
    int64_t *out, struct ar_err *err)
{
	const char *s = ar_csv_field(r, col), *why;

	if ((why = ar_money_parse(s, exp, 0, out)) == NULL &&
	    (*out > max || *out < -max))
		why = AR_AMOUNT_BIG;
	if (why != NULL) {
		ar_err_set(err, ar_csv_line(r), "%s '%s': %s",
		    ar_csv_colname(r, (size_t)col), s, why);
		return AR_SKIP;
	}
	return AR_OK;
}

enum ar_rc
ar_col_amount(const struct ar_csv_reader *r, int col, int exp, int64_t *out,
    struct ar_err *err)
{
	return col_money(r, col, exp, AR_AMOUNT_MAX, out, err);
}

enum ar_rc
ar_col_sum(const struct ar_csv_reader *r, int col, int exp, int64_t *out,
    struct ar_err *err)
{
	return col_money(r, col, exp, INT64_MAX, out, err);
}

enum ar_rc
ar_col_date(const struct ar_csv_reader *r, int col, int opt, ar_date *out,
    struct ar_err *err)
{
	const char *s = ar_csv_field(r, col), *why;

	if (*s == '\0' && (opt || col < 0)) {
		*out = AR_NODATE;
		return AR_OK;
	}
	if ((why = ar_date_parse(s, 0, out)) != NULL) {
		ar_err_set(err, ar_csv_line(r), "%s '%s': %s",
		    col >= 0 ? ar_csv_colname(r, (size_t)col) : "date", s, why);
		return AR_SKIP;
	}
	return AR_OK;
}

static enum ar_rc
currency(const struct ar_csv_reader *r, int col, const char **cur, int *exp,
    struct ar_err *err)
{
	*cur = ar_csv_field(r, col);
	if ((*exp = ar_currency_exponent(*cur)) < 0) {
		ar_err_set(err, ar_csv_line(r), **cur ? "unknown currency '%s'" :
		    "empty currency%s", *cur);
		return AR_SKIP;
	}
	return AR_OK;
}

const char *
ar_item_cols_find(struct ar_item_cols *c, const struct ar_csv_reader *r,
    unsigned need)
{
	c->invoice_id = ar_csv_col(r, "invoice_id");
	c->type = ar_csv_col(r, "type");
	c->customer_id = ar_csv_col(r, "customer_id");
	c->customer_name = ar_csv_col(r, "customer_name");
	c->issue_date = ar_csv_col(r, "issue_date");
	c->due_date = ar_csv_col(r, "due_date");
	c->currency = ar_csv_col(r, "currency");
	c->amount = ar_csv_col(r, "amount");
	c->reference = ar_csv_col(r, "reference");
	c->paid_amount = ar_csv_col(r, "paid_amount");
	c->open_amount = ar_csv_col(r, "open_amount");
	c->last_payment_date = ar_csv_col(r, "last_payment_date");
	c->paid_date = ar_csv_col(r, "paid_date");
	if (c->invoice_id < 0)
		return "invoice_id";
	if (c->currency < 0)
		return "currency";
	if (c->amount < 0)
		return "amount";
	if ((need & AR_NEED_CUST) && c->customer_id < 0)
		return "customer_id";
	if ((need & AR_NEED_ISSUE) && c->issue_date < 0)
		return "issue_date";
	if ((need & AR_NEED_DUE) && c->due_date < 0)
		return "due_date";
	return NULL;
}

enum ar_rc
ar_item_parse(const struct ar_item_cols *c, const struct ar_csv_reader *r,
    struct ar_item *it, struct ar_err *err)
{
	memset(it, 0, sizeof *it);
	it->invoice_id = ar_csv_field(r, c->invoice_id);
	it->type = ar_csv_field(r, c->type);
	it->customer_id = ar_csv_field(r, c->customer_id);
	it->customer_name = ar_csv_field(r, c->customer_name);
	it->reference = ar_csv_field(r, c->reference);
	if (*it->invoice_id == '\0') {
		ar_err_set(err, ar_csv_line(r), "empty invoice_id");
		return AR_SKIP;
	}
	if (currency(r, c->currency, &it->currency, &it->exp, err) != AR_OK ||
	    ar_col_amount(r, c->amount, it->exp, &it->amount, err) != AR_OK ||
	    ar_col_date(r, c->issue_date, 1, &it->issue_date, err) != AR_OK ||
	    ar_col_date(r, c->due_date, 1, &it->due_date, err) != AR_OK ||
	    ar_col_date(r, c->last_payment_date, 1, &it->last_payment_date, err) != AR_OK ||
	    ar_col_date(r, c->paid_date, 1, &it->paid_date, err) != AR_OK)
		return AR_SKIP;
	it->paid_amount = 0;
	if (c->paid_amount >= 0 && *ar_csv_field(r, c->paid_amount) != '\0' &&
	    ar_col_amount(r, c->paid_amount, it->exp, &it->paid_amount, err) != AR_OK)
		return AR_SKIP;
	it->open_amount = it->amount;
	if (c->open_amount >= 0 && *ar_csv_field(r, c->open_amount) != '\0' &&
	    ar_col_amount(r, c->open_amount, it->exp, &it->open_amount, err) != AR_OK)
		return AR_SKIP;
	it->credit = strcmp(it->type, "credit_note") == 0 || it->amount < 0;
	if (it->credit && it->amount > 0) {
		/* an export that writes credit notes unsigned: not guessed */
		ar_err_set(err, ar_csv_line(r), "credit_note with a positive "
		    "amount '%s' (a credit note's amount is negative)",
		    ar_csv_field(r, c->amount));
		return AR_SKIP;
	}
	return AR_OK;
}

const char *
ar_pay_cols_find(struct ar_pay_cols *c, const struct ar_csv_reader *r)
{
	c->txn_id = ar_csv_col(r, "txn_id");
	c->account = ar_csv_col(r, "account");
	c->booking_date = ar_csv_col(r, "booking_date");
	c->value_date = ar_csv_col(r, "value_date");
	c->amount = ar_csv_col(r, "amount");
	c->currency = ar_csv_col(r, "currency");
	c->counterparty_name = ar_csv_col(r, "counterparty_name");
	c->counterparty_iban = ar_csv_col(r, "counterparty_iban");
	c->reference = ar_csv_col(r, "reference");
	c->remittance = ar_csv_col(r, "remittance");
	c->end_to_end_id = ar_csv_col(r, "end_to_end_id");
	c->reversal = ar_csv_col(r, "reversal");
	c->reversal_of = ar_csv_col(r, "reversal_of");
	c->status = ar_csv_col(r, "status");
	if (c->txn_id < 0)
		return "txn_id";
	if (c->amount < 0)
		return "amount";
	if (c->currency < 0)
		return "currency";
	if (c->booking_date < 0)
		return "booking_date";
	return NULL;
}

enum ar_rc
ar_pay_parse(const struct ar_pay_cols *c, const struct ar_csv_reader *r,
    struct ar_pay *p, struct ar_err *err)
{
	const char *rv;

	memset(p, 0, sizeof *p);
	p->txn_id = ar_csv_field(r, c->txn_id);
	p->account = ar_csv_field(r, c->account);
	p->counterparty_name = ar_csv_field(r, c->counterparty_name);
	p->counterparty_iban = ar_csv_field(r, c->counterparty_iban);
	p->reference = ar_csv_field(r, c->reference);
	p->remittance = ar_csv_field(r, c->remittance);
	p->end_to_end_id = ar_csv_field(r, c->end_to_end_id);
	p->reversal_of = ar_csv_field(r, c->reversal_of);
	p->status = ar_csv_field(r, c->status);
	if (*p->txn_id == '\0') {
		ar_err_set(err, ar_csv_line(r), "empty txn_id");
		return AR_SKIP;
	}
	if (currency(r, c->currency, &p->currency, &p->exp, err) != AR_OK ||
	    ar_col_amount(r, c->amount, p->exp, &p->amount, err) != AR_OK ||
	    ar_col_date(r, c->booking_date, 0, &p->booking_date, err) != AR_OK ||
	    ar_col_date(r, c->value_date, 1, &p->value_date, err) != AR_OK)
		return AR_SKIP;
	rv = ar_csv_field(r, c->reversal);
	p->reversal = strcmp(rv, "true") == 0;
	if (*rv != '\0' && !p->reversal && strcmp(rv, "false") != 0) {
		ar_err_set(err, ar_csv_line(r), "reversal '%s': expected true, "
		    "false or empty", rv);
		return AR_SKIP;
	}
	return AR_OK;
}
