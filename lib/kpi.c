/*
 * kpi.c - collection figures per period, group and currency (see kpi.h
 * and ar-kpi(1), which states every formula).
 *
 * Every invoice is turned, as it streams past, into a handful of
 * additions to integer sums kept per (group, currency) and per unit of
 * time (a month, or an ISO week with the week period): sales, counts,
 * days, and the changes of the receivables.  The receivables at the end
 * of a unit are the running total of their changes (a difference array
 * over the units): the amount is added in the unit of the issue date and
 * taken away in the unit of the payment, so nothing per invoice is kept.
 * The figures of a period are ratios of these sums, computed at the end
 * with 128-bit integers and rounded half away from zero.  The same sums
 * are what --partial writes and --merge adds up.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kpi.h"
#include "money.h"
#include "record.h"
#include "strmap.h"

typedef __int128 i128;

/* The sums kept per unit; their order is the column order of --partial. */
enum {
	S_ITEMS,	/* items (invoices and credit notes) issued */
	S_SALES,	/* their amounts: credit sales, net of credit notes */
	S_DAR,		/* change of the receivables */
	S_DCUR,		/* change of the receivables not yet due */
	S_INV,		/* invoices issued (not credit notes) */
	S_BILL,		/* their amounts */
	S_RISK,		/* of which open 90 days after the period end */
	S_DISP,		/* invoices issued that were disputed */
	S_RES,		/* disputes resolved */
	S_RESDAYS,	/* days from dispute to resolution */
	S_PROM,		/* promises falling due */
	S_KEPT,		/* of which kept */
	S_DUE,		/* invoices due, paid or overdue */
	S_DUEAMT,
	S_ONTIME,	/* of which paid by the due date */
	S_ONTIMEAMT,
	S_PAID,		/* invoices paid in full */
	S_PAIDAMT,
	S_DTP,		/* days from issue to payment */
	S_DTPW,		/* the same times the amount */
	S_LATE,		/* days after the due date */
	S_LATEW,	/* the same times the amount */
	NSUM
};

static const struct {
	const char *name;
	int amount;		/* written with the currency's decimals */
} sum_col[NSUM] = {
	{ "items", 0 }, { "sales", 1 }, { "receivables_change", 1 },
	{ "not_due_change", 1 }, { "invoices", 0 }, { "billed", 1 },
	{ "at_risk", 1 }, { "disputed", 0 }, { "resolved", 0 },
	{ "resolve_days", 0 }, { "promises", 0 }, { "promises_kept", 0 },
	{ "due", 0 }, { "due_amount", 1 }, { "on_time", 0 },
	{ "on_time_amount", 1 }, { "paid", 0 }, { "paid_amount", 1 },
	{ "pay_days", 0 }, { "pay_days_amount", 1 }, { "late_days", 0 },
	{ "late_days_amount", 1 }
};

/* The columns of the figures. */
enum {
	F_PERIOD, F_START, F_END, F_DAYS,
	F_AR_BEGIN, F_SALES, F_AR_END, F_NOT_DUE,
	F_DSO, F_CB_DSO, F_BEST_DSO, F_ADD, F_CEI,
	F_DUE, F_ONTIME, F_ONTIME_VAL,
	F_PAID, F_DTP, F_DTPW, F_LATE, F_LATEW,
	F_INV, F_DISP, F_RES, F_RESDAYS,
	F_PROM, F_KEPT, F_RISK,
	NFIG
};

static const char *const fig_col[] = {
	"period", "period_start", "period_end", "days",
	"receivables_begin", "sales", "receivables_end", "receivables_not_due",
	"dso", "countback_dso", "best_dso", "days_delinquent", "cei",
	"invoices_due", "on_time_pct", "on_time_value_pct",
	"invoices_paid", "days_to_pay", "days_to_pay_weighted", "days_late",
	"days_late_weighted",
	"invoices", "disputed_pct", "disputes_resolved", "dispute_days",
	"promises", "promises_kept_pct", "at_risk_pct"
};

_Static_assert(sizeof fig_col / sizeof fig_col[0] == NFIG, "fig_col");

/* Columns of the debtors mode and of the partial outputs. */
static const char *const top_col[] = { "rank", "customer_id", "customer_name",
    "overdue", "share_pct", "cumulative_pct" };
#define NTOP 6
#define NCOLMAX (2 + NFIG + NSUM + 8)

enum { EV_DISPUTE, EV_RESOLVED, EV_PROMISE };

struct event {
	ar_date date, until;
	int kind;
	int64_t amount4;		/* promised, 4 decimals; -1: all open */
	long line;
	size_t inv;
};

struct cell {
	size_t group, cur;
	int exp;
	long base, n;			/* units base .. base + n - 1 */
	long first;			/* first unit with an item */
	int64_t *sums;			/* n * NSUM */
	long *prev;			/* n: the last unit up to each with
					   sales, or base - 1 (cell_prev) */
};

struct debtor {
	size_t cust, group, cur;	/* cust: in the debtor-id table */
	int exp;
	long name;			/* in the names table, -1 for none */
	int64_t overdue;
};

struct contrib {
	long unit;
	int idx;
	int64_t v;
};

enum { G_NONE, G_COL, G_CUST };

/* Days before as_of (and after it) whose units are kept in a table. */
#define DAYS		8192
#define DAYS_AFTER	512

struct ar_kpi {
	const char *notes[2];	/* about the item just read */
	size_t nnotes;
	struct ar_kpi_opts o;
	const char *by;			/* group column name; NULL: none */
	long k;				/* units a period: 1, 3 or 12 */
	long last;			/* unit of as_of */
	/* For the days around as_of: the unit, and the last day of the
	   period, of each day (dates are turned into units on every row). */
	ar_date dbase;
	int32_t dunit[DAYS], dpend[DAYS];
	int have_as_of;			/* merge: as_of known */

	struct ar_strmap *groups, *curs, *names;
	size_t gnone;			/* the empty group */
	long **gcells;			/* [group][currency]: cell + 1 */
	size_t *gncells, gcap;
	struct cell *cells;
	size_t ncells, cellcap;
	char lastcur[8];
	size_t lastcid;

	/* customers */
	struct ar_strmap *custs;
	long *cust_group, *cust_name, *cust_line;
	size_t custcap;
	int cust_has_group;
	int cc_id, cc_group, cc_name;

	/* events */
	struct ar_strmap *evinv;
	struct event *ev;
	size_t nev, evcap, *evstart;
	int ev_ready;
	int ec_date, ec_inv, ec_kind, ec_until, ec_amount;

	/* the items file being read */
	struct ar_item_cols ic;
	int gmode, gcol;

	struct contrib *cb;
	size_t ncb, cbcap;
	int overflow;

	/* debtors */
	struct ar_strmap *dkeys, *dcust;
	struct debtor *d;
	size_t dcap;
	char *kbuf;
	size_t kbufcap;

	/* the partial file being merged */
	int mc_as_of, mc_period, mc_unit, mc_by, mc_group, mc_cur, mc_cust,
	    mc_name, mc_overdue, mc_sum[NSUM];
	int mc_told;			/* a settings mismatch was reported */

	/* output */
	const char *hdr[NCOLMAX];
	size_t nhdr;
	char fbuf[NCOLMAX][48];
	const char *fld[NCOLMAX];
	int started;
	size_t *order, norder, pos;
	long pfirst, plast, p;		/* periods written; the next */
	long ru;			/* running level through unit ru */
	i128 rar, rcur;
	size_t tstart, tend;		/* debtors of the current group */
	i128 ttotal, tcum;
};

/* ---- dates and units ---- */

static long
fdiv(long a, long b)
{
	long q = a / b;

	if (a % b != 0 && (a < 0) != (b < 0))
		q--;
	return q;
}

int
ar_kpi_period_parse(const char *s)
{
	static const char *const nm[] = { "week", "month", "quarter", "year" };
	int i;

	for (i = 0; i < 4; i++)
		if (strcmp(s, nm[i]) == 0)
			return i;
	return -1;
}

const char *
ar_kpi_period_name(enum ar_kpi_period p)
{
	static const char *const nm[] = { "week", "month", "quarter", "year" };

	return nm[p];
}

long
ar_kpi_unit(enum ar_kpi_period p, ar_date d)
{
	int y, m, day;

	if (p == AR_KPI_WEEK)
		return fdiv((long)d - 4, 7);	/* 1970-01-05 was a Monday */
	ar_date_to_ymd(d, &y, &m, &day);
	return (long)y * 12 + m - 1;
}

ar_date
ar_kpi_unit_start(enum ar_kpi_period p, long u)
{
	long y;
	ar_date d;

	if (p == AR_KPI_WEEK) {
		if (u < fdiv(AR_DATE_MIN - 4, 7))
			return AR_DATE_MIN;
		if (u > fdiv(AR_DATE_MAX - 4, 7))
			return AR_DATE_MAX + 1;
		return (ar_date)(u * 7 + 4);
	}
	y = fdiv(u, 12);
	if (y < 1)
		return AR_DATE_MIN;
	if (y > 9999)
		return AR_DATE_MAX + 1;
	ar_date_from_ymd((int)y, (int)(u - y * 12) + 1, 1, &d);
	return d;
}

size_t
ar_kpi_period_label(enum ar_kpi_period p, ar_date start, char *buf)
{
	int y, m, d;
	ar_date thu, jan1;

	ar_date_to_ymd(start, &y, &m, &d);
	switch (p) {
	case AR_KPI_WEEK:
		/* ISO 8601 week: the year and week of its Thursday. */
		thu = start + 3;
		ar_date_to_ymd(thu, &y, &m, &d);
		ar_date_from_ymd(y, 1, 1, &jan1);
		return (size_t)snprintf(buf, 16, "%04d-W%02d", y,
		    (int)((thu - jan1) / 7 + 1));
	case AR_KPI_MONTH:
		return (size_t)snprintf(buf, 16, "%04d-%02d", y, m);
	case AR_KPI_QUARTER:
		return (size_t)snprintf(buf, 16, "%04d-Q%d", y, (m - 1) / 3 + 1);
	default:
		return (size_t)snprintf(buf, 16, "%04d", y);
	}
}

/* The unit of a date, and the first and last day of a unit. */
static long
unit(const struct ar_kpi *k, ar_date d)
{
	if (d >= k->dbase && d < k->dbase + DAYS)
		return k->dunit[d - k->dbase];
	return ar_kpi_unit(k->o.period, d);
}

static ar_date
ustart(const struct ar_kpi *k, long u)
{
	return ar_kpi_unit_start(k->o.period, u);
}

static ar_date
uend(const struct ar_kpi *k, long u)
{
	return ar_kpi_unit_start(k->o.period, u + 1) - 1;
}

/* The period of a unit. */
static long
period_of(const struct ar_kpi *k, long u)
{
	return fdiv(u, k->k);
}

/* The last day of the period holding day d. */
static ar_date
period_end(const struct ar_kpi *k, ar_date d)
{
	if (d >= k->dbase && d < k->dbase + DAYS)
		return k->dpend[d - k->dbase];
	return uend(k, (period_of(k, unit(k, d)) + 1) * k->k - 1);
}

/* Set the period and as_of, and fill the tables of days. */
static void
set_period(struct ar_kpi *k, enum ar_kpi_period p, ar_date as_of)
{
	long u, prev = LONG_MIN;
	ar_date e = 0;
	int i;

	k->o.period = p;
	k->o.as_of = as_of;
	k->k = p == AR_KPI_QUARTER ? 3 : p == AR_KPI_YEAR ? 12 : 1;
	k->dbase = as_of + DAYS_AFTER - DAYS + 1;
	if (k->dbase < AR_DATE_MIN)
		k->dbase = AR_DATE_MIN;
	if (k->dbase + DAYS - 1 > AR_DATE_MAX)
		k->dbase = AR_DATE_MAX - DAYS + 1;
	for (i = 0; i < DAYS; i++) {
		u = ar_kpi_unit(p, k->dbase + i);
		if (u != prev) {
			e = ar_kpi_unit_start(p, (fdiv(u, k->k) + 1) * k->k) - 1;
			prev = u;
		}
		k->dunit[i] = (int32_t)u;
		k->dpend[i] = e;
	}
	k->last = ar_kpi_unit(p, as_of);
}

/* ---- numbers ---- */

char *
ar_kpi_ratio(i128 num, i128 mul, i128 den, int places, char *buf)
{
	char digits[48];
	i128 n, q, scale = 1;
	int neg, i, len, j;
	size_t at = 0;

	if (den <= 0) {
		buf[0] = '\0';
		return buf;
	}
	for (i = 0; i < places; i++)
		scale *= 10;
	n = num * mul * scale;
	neg = n < 0;
	if (neg)
		n = -n;
	q = (2 * n + den) / (2 * den);	/* half away from zero */
	if (neg && q != 0)
		buf[at++] = '-';
	len = 0;
	do {
		digits[len++] = (char)('0' + (int)(q % 10));
		q /= 10;
	} while (q > 0 || len <= places);
	for (j = len - 1; j >= 0; j--) {
		buf[at++] = digits[j];
		if (j == places && places > 0)
			buf[at++] = '.';
	}
	buf[at] = '\0';
	return buf;
}

/* An amount, or "" when it does not fit in 64 bits. */
static void
fmt_amount(i128 v, int exp, char *buf)
{
	if (v > INT64_MAX || v < INT64_MIN)
		buf[0] = '\0';
	else
		ar_money_format((int64_t)v, exp, buf);
}

/* ---- tables ---- */

static size_t
intern(struct ar_strmap *m, const char *s)
{
	return ar_strmap_intern(m, s, strlen(s), NULL);
}

static size_t
currency_id(struct ar_kpi *k, const char *cur)
{
	if (strcmp(cur, k->lastcur) != 0) {
		snprintf(k->lastcur, sizeof k->lastcur, "%s", cur);
		k->lastcid = intern(k->curs, cur);
	}
	return k->lastcid;
}

static struct cell *
cell_get(struct ar_kpi *k, size_t g, size_t cur, int exp)
{
	struct cell *c;
	size_t i;

	if (g >= k->gcap) {
		size_t n = k->gcap ? 2 * k->gcap : 16;

		while (n <= g)
			n *= 2;
		k->gcells = ar_xrealloc(k->gcells, n * sizeof *k->gcells);
		k->gncells = ar_xrealloc(k->gncells, n * sizeof *k->gncells);
		for (i = k->gcap; i < n; i++) {
			k->gcells[i] = NULL;
			k->gncells[i] = 0;
		}
		k->gcap = n;
	}
	if (cur >= k->gncells[g]) {
		size_t n = cur + 4;

		k->gcells[g] = ar_xrealloc(k->gcells[g], n * sizeof **k->gcells);
		for (i = k->gncells[g]; i < n; i++)
			k->gcells[g][i] = 0;
		k->gncells[g] = n;
	}
	if (k->gcells[g][cur] != 0)
		return &k->cells[k->gcells[g][cur] - 1];
	if (k->ncells == k->cellcap) {
		k->cellcap = k->cellcap ? 2 * k->cellcap : 16;
		k->cells = ar_xrealloc(k->cells, k->cellcap * sizeof *k->cells);
	}
	c = &k->cells[k->ncells++];
	memset(c, 0, sizeof *c);
	c->group = g;
	c->cur = cur;
	c->exp = exp;
	c->first = LONG_MAX;
	k->gcells[g][cur] = (long)k->ncells;
	return c;
}

/* Make the cell hold unit u (u <= k->last). */
static void
cell_hold(const struct ar_kpi *k, struct cell *c, long u)
{
	long lo, hi, nlo, nhi;
	int64_t *s;

	if (c->n > 0 && u >= c->base && u < c->base + c->n)
		return;
	if (c->n == 0) {
		nlo = u;
		nhi = k->last > u ? k->last : u;
	} else {
		lo = c->base;
		hi = c->base + c->n - 1;
		nlo = lo;
		nhi = hi;
		if (u < lo && (nlo = lo - c->n) > u)
			nlo = u;
		if (u > hi) {
			nhi = hi + c->n;
			if (nhi > k->last)
				nhi = k->last;
			if (nhi < u)
				nhi = u;
		}
	}
	s = ar_xcalloc((size_t)(nhi - nlo + 1) * NSUM, sizeof *s);
	if (c->n > 0)
		memcpy(s + (c->base - nlo) * NSUM, c->sums,
		    (size_t)c->n * NSUM * sizeof *s);
	free(c->sums);
	c->sums = s;
	c->base = nlo;
	c->n = nhi - nlo + 1;
}

static int64_t
sum_at(const struct cell *c, long u, int idx)
{
	if (u < c->base || u >= c->base + c->n)
		return 0;
	return c->sums[(u - c->base) * NSUM + idx];
}

/* ---- contributions of one record ---- */

static void
put(struct ar_kpi *k, long u, int idx, int64_t v)
{
	if (v == 0 || u > k->last)
		return;
	if (k->ncb == k->cbcap) {
		k->cbcap = k->cbcap ? 2 * k->cbcap : 64;
		k->cb = ar_xrealloc(k->cb, k->cbcap * sizeof *k->cb);
	}
	k->cb[k->ncb].unit = u;
	k->cb[k->ncb].idx = idx;
	k->cb[k->ncb].v = v;
	k->ncb++;
}

/* v * days, noting an overflow. */
static int64_t
times(struct ar_kpi *k, int64_t v, long days)
{
	int64_t r;

	if (__builtin_mul_overflow(v, (int64_t)days, &r)) {
		k->overflow = 1;
		return 0;
	}
	return r;
}

/* Add the contributions to the cell, all or none; -1 on overflow. */
static int
apply(struct ar_kpi *k, struct cell *c)
{
	size_t i, j;

	if (k->overflow)
		return -1;
	for (i = 0; i < k->ncb; i++)
		cell_hold(k, c, k->cb[i].unit);
	for (i = 0; i < k->ncb; i++) {
		int64_t *s = &c->sums[(k->cb[i].unit - c->base) * NSUM +
		    k->cb[i].idx], t;

		if (__builtin_add_overflow(*s, k->cb[i].v, &t)) {
			for (j = i; j-- > 0;)
				c->sums[(k->cb[j].unit - c->base) * NSUM +
				    k->cb[j].idx] -= k->cb[j].v;
			return -1;
		}
		*s = t;
	}
	return 0;
}

/* ---- creation ---- */

struct ar_kpi *
ar_kpi_new(const struct ar_kpi_opts *o, struct ar_err *err)
{
	struct ar_kpi *k;
	const char *by = o->by;
	size_t i;

	if (by != NULL && strcmp(by, "currency") == 0)
		by = NULL;
	else if (by != NULL && strcmp(by, "customer") == 0)
		by = "customer_id";
	if (by != NULL && *by == '\0') {
		ar_err_set(err, 0, "--by needs a column name");
		return NULL;
	}
	if (by != NULL) {
		const char *const *cols = o->top ? top_col : fig_col;
		size_t ncols = o->top ? NTOP : NFIG;

		for (i = 0; i < ncols; i++)
			if (strcmp(by, cols[i]) == 0) {
				ar_err_set(err, 0, "--by %s: that is the name of "
				    "an output column", by);
				return NULL;
			}
	}
	if (o->currency != NULL && ar_currency_exponent(o->currency) < 0) {
		ar_err_set(err, 0, "unknown currency '%s'", o->currency);
		return NULL;
	}
	k = ar_xcalloc(1, sizeof *k);
	k->o = *o;
	k->by = by;
	set_period(k, o->period, o->as_of);
	k->have_as_of = !o->merge || o->set_as_of;
	k->groups = ar_strmap_new();
	k->curs = ar_strmap_new();
	k->names = ar_strmap_new();
	k->custs = ar_strmap_new();
	k->evinv = ar_strmap_new();
	k->dkeys = ar_strmap_new();
	k->dcust = ar_strmap_new();
	k->gnone = intern(k->groups, "");
	k->cc_group = k->cc_name = -1;
	return k;
}

void
ar_kpi_free(struct ar_kpi *k)
{
	size_t i;

	if (k == NULL)
		return;
	for (i = 0; i < k->ncells; i++) {
		free(k->cells[i].sums);
		free(k->cells[i].prev);
	}
	for (i = 0; i < k->gcap; i++)
		free(k->gcells[i]);
	free(k->gcells);
	free(k->gncells);
	free(k->cells);
	free(k->cust_group);
	free(k->cust_name);
	free(k->cust_line);
	free(k->ev);
	free(k->evstart);
	free(k->cb);
	free(k->d);
	free(k->kbuf);
	free(k->order);
	ar_strmap_free(k->groups);
	ar_strmap_free(k->curs);
	ar_strmap_free(k->names);
	ar_strmap_free(k->custs);
	ar_strmap_free(k->evinv);
	ar_strmap_free(k->dkeys);
	ar_strmap_free(k->dcust);
	free(k);
}

static enum ar_rc
no_column(const struct ar_csv_reader *r, struct ar_err *err, const char *col)
{
	err->file = ar_csv_name(r);
	ar_err_set(err, 0, "no column '%s'", col);
	return AR_FATAL;
}

static enum ar_rc
bad(const struct ar_csv_reader *r, struct ar_err *err, const char *fmt,
    const char *arg)
{
	err->file = ar_csv_name(r);
	ar_err_set(err, ar_csv_line(r), fmt, arg);
	return AR_SKIP;
}

/* ---- customers ---- */

enum ar_rc
ar_kpi_customers_begin(struct ar_kpi *k, const struct ar_csv_reader *r,
    struct ar_err *err)
{
	if ((k->cc_id = ar_csv_col(r, "customer_id")) < 0)
		return no_column(r, err, "customer_id");
	k->cc_group = k->by != NULL ? ar_csv_col(r, k->by) : -1;
	k->cust_has_group = k->cc_group >= 0;
	k->cc_name = k->o.top ? ar_csv_col(r, "name") : -1;
	return AR_OK;
}

enum ar_rc
ar_kpi_customers_read(struct ar_kpi *k, const struct ar_csv_reader *r,
    struct ar_err *err)
{
	const char *id = ar_csv_field(r, k->cc_id), *s;
	size_t x;
	int added;

	if (*id == '\0')
		return bad(r, err, "empty customer_id%s", "");
	x = ar_strmap_intern(k->custs, id, strlen(id), &added);
	if (!added) {
		/* of the rows of one customer, the one whose group and name
		 * sort first, whatever their order */
		const char *g = k->cc_group >= 0 ? ar_csv_field(r, k->cc_group) :
		    "", *nm = ar_csv_field(r, k->cc_name);
		const char *og = k->cust_group[x] >= 0 ? ar_strmap_key(k->groups,
		    (size_t)k->cust_group[x]) : "", *on = k->cust_name[x] >= 0 ?
		    ar_strmap_key(k->names, (size_t)k->cust_name[x]) : "";
		int c = strcmp(g, og);

		if (c < 0 || (c == 0 && strcmp(nm, on) < 0)) {
			if (k->cc_group >= 0)
				k->cust_group[x] = (long)intern(k->groups, g);
			k->cust_name[x] = *nm != '\0' ? (long)intern(k->names,
			    nm) : -1;
		}
		err->file = ar_csv_name(r);
		ar_err_set(err, ar_csv_line(r), "customer_id '%s' again (first "
		    "on line %ld): the row whose group and name sort first is "
		    "used", id, k->cust_line[x]);
		return AR_SKIP;
	}
	if (x >= k->custcap) {
		k->custcap = k->custcap ? 2 * k->custcap : 256;
		k->cust_group = ar_xrealloc(k->cust_group,
		    k->custcap * sizeof *k->cust_group);
		k->cust_name = ar_xrealloc(k->cust_name,
		    k->custcap * sizeof *k->cust_name);
		k->cust_line = ar_xrealloc(k->cust_line,
		    k->custcap * sizeof *k->cust_line);
	}
	k->cust_line[x] = ar_csv_line(r);
	k->cust_group[x] = k->cc_group >= 0 ?
	    (long)intern(k->groups, ar_csv_field(r, k->cc_group)) : -1;
	s = ar_csv_field(r, k->cc_name);
	k->cust_name[x] = *s != '\0' ? (long)intern(k->names, s) : -1;
	return AR_OK;
}

/* ---- events ---- */

enum ar_rc
ar_kpi_events_begin(struct ar_kpi *k, const struct ar_csv_reader *r,
    struct ar_err *err)
{
	if ((k->ec_date = ar_csv_col(r, "date")) < 0)
		return no_column(r, err, "date");
	if ((k->ec_inv = ar_csv_col(r, "invoice_id")) < 0)
		return no_column(r, err, "invoice_id");
	if ((k->ec_kind = ar_csv_col(r, "kind")) < 0)
		return no_column(r, err, "kind");
	k->ec_until = ar_csv_col(r, "until");
	k->ec_amount = ar_csv_col(r, "amount");
	return AR_OK;
}

enum ar_rc
ar_kpi_events_read(struct ar_kpi *k, const struct ar_csv_reader *r,
    struct ar_err *err)
{
	const char *kind = ar_csv_field(r, k->ec_kind);
	const char *inv = ar_csv_field(r, k->ec_inv), *s, *why;
	struct event e = { 0 };

	if (strcmp(kind, "dispute") == 0)
		e.kind = EV_DISPUTE;
	else if (strcmp(kind, "resolved") == 0)
		e.kind = EV_RESOLVED;
	else if (strcmp(kind, "promise") == 0)
		e.kind = EV_PROMISE;
	else
		return AR_OK;
	if (*inv == '\0')
		return AR_OK;
	err->file = ar_csv_name(r);
	if (ar_col_date(r, k->ec_date, 0, &e.date, err) != AR_OK)
		return AR_SKIP;
	e.amount4 = -1;
	e.until = AR_NODATE;
	if (e.kind == EV_PROMISE) {
		if (ar_col_date(r, k->ec_until, 1, &e.until, err) != AR_OK)
			return AR_SKIP;
		if (e.until == AR_NODATE)
			return bad(r, err, "promise without an until date%s", "");
		if (e.until < e.date)
			return bad(r, err, "promise until '%s' is before its date",
			    ar_csv_field(r, k->ec_until));
		s = ar_csv_field(r, k->ec_amount);
		if (*s != '\0') {
			/* 4 decimals: the most any currency has (ISO 4217). */
			if ((why = ar_money_parse(s, 4, 0, &e.amount4)) != NULL) {
				err->file = ar_csv_name(r);
				ar_err_set(err, ar_csv_line(r), "amount '%s': %s",
				    s, why);
				return AR_SKIP;
			}
			if (e.amount4 < 0)
				return bad(r, err, "promised amount '%s' is "
				    "below zero", s);
		}
	}
	e.inv = ar_strmap_intern(k->evinv, inv, strlen(inv), NULL);
	e.line = ar_csv_line(r);
	if (k->nev == k->evcap) {
		k->evcap = k->evcap ? 2 * k->evcap : 64;
		k->ev = ar_xrealloc(k->ev, k->evcap * sizeof *k->ev);
	}
	k->ev[k->nev++] = e;
	k->ev_ready = 0;
	return AR_OK;
}

static int
ev_cmp(const void *a, const void *b)
{
	const struct event *x = a, *y = b;

	if (x->inv != y->inv)
		return x->inv < y->inv ? -1 : 1;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* Sort the events by invoice, date, kind; index where each invoice's start. */
static void
events_ready(struct ar_kpi *k)
{
	size_t i, n = ar_strmap_count(k->evinv);

	if (k->ev_ready)
		return;
	if (k->nev > 0)
		qsort(k->ev, k->nev, sizeof *k->ev, ev_cmp);
	free(k->evstart);
	k->evstart = ar_xcalloc(n + 1, sizeof *k->evstart);
	for (i = 0; i < k->nev; i++)
		k->evstart[k->ev[i].inv + 1]++;
	for (i = 0; i < n; i++)
		k->evstart[i + 1] += k->evstart[i];
	k->ev_ready = 1;
}

/* ---- items ---- */

enum ar_rc
ar_kpi_items_begin(struct ar_kpi *k, const struct ar_csv_reader *r,
    struct ar_err *err)
{
	unsigned need = AR_NEED_ISSUE | AR_NEED_DUE;
	const char *miss;

	events_ready(k);
	k->gmode = G_NONE;
	if (k->by != NULL) {
		if ((k->gcol = ar_csv_col(r, k->by)) >= 0)
			k->gmode = G_COL;
		else if (k->cust_has_group)
			k->gmode = G_CUST;
		else {
			err->file = ar_csv_name(r);
			ar_err_set(err, 0, "no column '%s' in the input or the "
			    "customers file", k->by);
			return AR_FATAL;
		}
	}
	if (k->gmode == G_CUST || k->o.top)
		need |= AR_NEED_CUST;
	if ((miss = ar_item_cols_find(&k->ic, r, need)) != NULL)
		return no_column(r, err, miss);
	if (k->ic.paid_date < 0) {
		err->file = ar_csv_name(r);
		ar_err_set(err, 0, "no column 'paid_date' (give open items, or "
		    "invoices with paid_date and paid_amount)");
		return AR_FATAL;
	}
	/* Parse only what is used. */
	k->ic.reference = -1;
	k->ic.open_amount = -1;
	return AR_OK;
}

/* One invoice's timeline (see ar-kpi(1), "Dating the payments"). */
struct tl {
	ar_date i, u, tp;	/* issued, due, paid (AR_NODATE: not paid) */
	int64_t a, p;		/* amount, paid on tp */
	int full;		/* settled in full on tp */
};

static int64_t
open_at(const struct tl *t, ar_date x)
{
	if (x < t->i)
		return 0;
	if (t->tp != AR_NODATE && x >= t->tp)
		return t->a - t->p;
	return t->a;
}

static void
timeline(const struct ar_kpi *k, const struct ar_item *it, struct tl *t)
{
	t->i = it->issue_date;
	t->u = it->due_date == AR_NODATE ? t->i + AR_KPI_TERMS : it->due_date;
	if (t->u < t->i)
		t->u = t->i;
	t->a = it->amount;
	t->tp = AR_NODATE;
	t->p = 0;
	t->full = 0;
	if (it->paid_date != AR_NODATE) {
		if (it->paid_date <= k->o.as_of) {
			t->tp = it->paid_date;
			t->p = t->a;
			t->full = 1;
		}
	} else if (it->paid_amount != 0 && it->last_payment_date != AR_NODATE &&
	    it->last_payment_date <= k->o.as_of) {
		t->tp = it->last_payment_date;
		t->p = it->paid_amount;
	}
	if (t->tp != AR_NODATE && t->tp < t->i)
		t->tp = t->i;
}

/* The events of an invoice: disputes and promises. */
static void
events_of(struct ar_kpi *k, const struct ar_item *it, const struct tl *t,
    int exp)
{
	ar_date since = AR_NODATE, d, until;
	size_t x, j;
	long f;
	int disputed = 0;

	if ((f = ar_strmap_find(k->evinv, it->invoice_id,
	    strlen(it->invoice_id))) < 0)
		return;
	x = (size_t)f;
	for (j = k->evstart[x]; j < k->evstart[x + 1]; j++) {
		const struct event *e = &k->ev[j];

		if (e->date > k->o.as_of)
			break;
		d = e->date < t->i ? t->i : e->date;
		switch (e->kind) {
		case EV_DISPUTE:
			disputed = 1;
			if (since == AR_NODATE)
				since = d;
			break;
		case EV_RESOLVED:
			if (since != AR_NODATE) {
				put(k, unit(k, d), S_RES, 1);
				put(k, unit(k, d), S_RESDAYS, d - since);
				since = AR_NODATE;
			}
			break;
		default:
			until = e->until < d ? d : e->until;
			if (until > k->o.as_of)
				break;
			put(k, unit(k, until), S_PROM, 1);
			{
				/* Kept: open at until <= open at the promise -
				   the amount promised (all of it if none). */
				i128 s = 1, ou, od, want;
				int n;

				for (n = exp; n < 4; n++)
					s *= 10;
				ou = (i128)open_at(t, until) * s;
				od = (i128)open_at(t, d) * s;
				want = e->amount4 < 0 ? 0 : od - e->amount4;
				if (want < 0)
					want = 0;
				if (ou <= want)
					put(k, unit(k, until), S_KEPT, 1);
			}
			break;
		}
	}
	if (disputed)
		put(k, unit(k, t->i), S_DISP, 1);
}

static size_t
group_of(struct ar_kpi *k, const struct ar_csv_reader *r,
    const struct ar_item *it)
{
	const char *s;
	long x;

	switch (k->gmode) {
	case G_COL:
		s = ar_csv_field(r, k->gcol);
		return ar_strmap_intern(k->groups, s, ar_csv_fieldlen(r, k->gcol),
		    NULL);
	case G_CUST:
		x = ar_strmap_find(k->custs, it->customer_id,
		    ar_csv_fieldlen(r, k->ic.customer_id));
		return x >= 0 && k->cust_group[x] >= 0 ? (size_t)k->cust_group[x] :
		    k->gnone;
	default:
		return k->gnone;
	}
}

/* Debtors mode: add an invoice's overdue amount to its customer. */
static enum ar_rc
debtor_add(struct ar_kpi *k, const struct ar_item *it, const struct tl *t,
    size_t g, size_t cur, struct ar_err *err)
{
	size_t glen = ar_strmap_keylen(k->groups, g), clen, n, x;
	uint32_t c32 = (uint32_t)cur;
	const char *nm;
	struct debtor *d;
	int64_t o, sum;
	long cx;
	int added;

	if (it->credit || t->u >= k->o.as_of)
		return AR_OK;
	if ((o = open_at(t, k->o.as_of)) <= 0)
		return AR_OK;
	/* Key: group (with its length), currency, customer. */
	clen = strlen(it->customer_id);
	n = sizeof glen + glen + 4 + clen;
	if (n > k->kbufcap) {
		k->kbufcap = n * 2;
		k->kbuf = ar_xrealloc(k->kbuf, k->kbufcap);
	}
	memcpy(k->kbuf, &glen, sizeof glen);
	memcpy(k->kbuf + sizeof glen, ar_strmap_key(k->groups, g), glen);
	memcpy(k->kbuf + sizeof glen + glen, &c32, 4);
	memcpy(k->kbuf + sizeof glen + glen + 4, it->customer_id, clen);
	x = ar_strmap_intern(k->dkeys, k->kbuf, n, &added);
	if (x >= k->dcap) {
		k->dcap = k->dcap ? 2 * k->dcap : 256;
		k->d = ar_xrealloc(k->d, k->dcap * sizeof *k->d);
	}
	d = &k->d[x];
	if (added) {
		d->cust = intern(k->dcust, it->customer_id);
		d->group = g;
		d->cur = cur;
		d->exp = it->exp;
		d->name = -1;
		d->overdue = 0;
	}
	if (__builtin_add_overflow(d->overdue, o, &sum)) {
		ar_err_set(err, 0, "amount too large: the sums would overflow");
		return AR_SKIP;
	}
	d->overdue = sum;
	/* The name: from the customers file, else the least in byte order. */
	cx = ar_strmap_find(k->custs, it->customer_id, clen);
	if (cx >= 0 && k->cust_name[cx] >= 0)
		d->name = k->cust_name[cx];
	else if (*(nm = it->customer_name) != '\0' && (d->name < 0 ||
	    strcmp(nm, ar_strmap_key(k->names, (size_t)d->name)) < 0))
		d->name = (long)intern(k->names, nm);
	return AR_OK;
}

enum ar_rc
ar_kpi_items_read(struct ar_kpi *k, const struct ar_csv_reader *r,
    struct ar_err *err)
{
	struct ar_item it;
	struct tl t;
	struct cell *c;
	size_t g, cur;
	long ui, ut;
	ar_date e;

	k->nnotes = 0;
	err->file = ar_csv_name(r);
	if (ar_item_parse(&k->ic, r, &it, err) != AR_OK)
		return AR_SKIP;
	if (it.paid_date == AR_NODATE && it.paid_amount != 0 &&
	    it.last_payment_date == AR_NODATE)
		k->notes[k->nnotes++] = "paid_amount without paid_date or "
		    "last_payment_date: "
		    "the payment cannot be dated and is not counted";
	if (it.issue_date == AR_NODATE)
		return bad(r, err, "empty issue_date%s", "");
	if (k->o.currency != NULL && strcmp(it.currency, k->o.currency) != 0)
		return AR_OK;
	if (it.issue_date > k->o.as_of)
		return AR_OK;
	if ((k->gmode == G_CUST || k->o.top) && *it.customer_id == '\0')
		return bad(r, err, "empty customer_id%s", "");
	if (it.due_date == AR_NODATE)
		k->notes[k->nnotes++] = "no due date: due on the issue date + "
		    "30 days";
	timeline(k, &it, &t);
	g = group_of(k, r, &it);
	cur = currency_id(k, it.currency);
	if (k->o.top) {
		if (debtor_add(k, &it, &t, g, cur, err) != AR_OK) {
			err->line = ar_csv_line(r);
			return AR_SKIP;
		}
		return AR_OK;
	}

	k->ncb = 0;
	k->overflow = 0;
	ui = unit(k, t.i);
	ut = t.tp != AR_NODATE ? unit(k, t.tp) : 0;
	/* Receivables: in at the issue, out at the payment. */
	put(k, ui, S_DAR, t.a);
	if (t.tp != AR_NODATE)
		put(k, ut, S_DAR, -t.p);
	/*
	 * Money ar-match holds for a customer (type unapplied) lowers the
	 * receivables; it is no sale, and neither due nor not yet due.
	 */
	if (strcmp(it.type, "unapplied") != 0) {
		put(k, ui, S_ITEMS, 1);
		put(k, ui, S_SALES, t.a);
		/* Not yet due: the open amount from the issue to the due date. */
		put(k, ui, S_DCUR, t.a);
		if (t.tp != AR_NODATE && t.tp <= t.u)
			put(k, ut, S_DCUR, -t.p);
		if (t.u < k->o.as_of)
			put(k, unit(k, t.u + 1), S_DCUR, -open_at(&t, t.u));
	}
	if (!it.credit) {
		put(k, ui, S_INV, 1);
		put(k, ui, S_BILL, t.a);
		e = period_end(k, t.i);
		if (e + AR_KPI_RISK_DAYS <= k->o.as_of)
			put(k, ui, S_RISK, open_at(&t, e + AR_KPI_RISK_DAYS));
		if (t.full) {
			long dtp = t.tp - t.i, late = t.tp > t.u ? t.tp - t.u : 0;

			put(k, ut, S_PAID, 1);
			put(k, ut, S_PAIDAMT, t.a);
			put(k, ut, S_DTP, dtp);
			put(k, ut, S_DTPW, times(k, t.a, dtp));
			put(k, ut, S_LATE, late);
			put(k, ut, S_LATEW, times(k, t.a, late));
		}
		if (t.full || t.u < k->o.as_of) {
			long uu = unit(k, t.u);

			put(k, uu, S_DUE, 1);
			put(k, uu, S_DUEAMT, t.a);
			if (t.full && t.tp <= t.u) {
				put(k, uu, S_ONTIME, 1);
				put(k, uu, S_ONTIMEAMT, t.a);
			}
		}
		if (k->nev > 0)
			events_of(k, &it, &t, it.exp);
	}
	c = cell_get(k, g, cur, it.exp);
	if (apply(k, c) != 0) {
		err->file = ar_csv_name(r);
		ar_err_set(err, ar_csv_line(r), "amount too large: the sums "
		    "would overflow");
		return AR_SKIP;
	}
	if (ui < c->first)
		c->first = ui;
	return AR_OK;
}

/* ---- merging partial output ---- */

enum ar_rc
ar_kpi_merge_begin(struct ar_kpi *k, const struct ar_csv_reader *r,
    struct ar_err *err)
{
	int i, top = ar_csv_col(r, "overdue") >= 0;

	if (ar_csv_col(r, "unit_start") < 0 && !top) {
		err->file = ar_csv_name(r);
		ar_err_set(err, 0, "not a partial output of ar-kpi (no column "
		    "'unit_start' or 'overdue')");
		return AR_FATAL;
	}
	if (top != (k->o.top > 0)) {
		err->file = ar_csv_name(r);
		ar_err_set(err, 0, top ? "partial output of --top: merge it "
		    "with --top" : "partial output of the figures: merge it "
		    "without --top");
		return AR_FATAL;
	}
#define COL(v, name) if ((k->v = ar_csv_col(r, name)) < 0) \
		return no_column(r, err, name)
	k->mc_told = 0;
	COL(mc_as_of, "as_of");
	COL(mc_by, "by");
	COL(mc_group, "group");
	COL(mc_cur, "currency");
	if (top) {
		COL(mc_cust, "customer_id");
		COL(mc_name, "customer_name");
		COL(mc_overdue, "overdue");
		return AR_OK;
	}
	COL(mc_period, "period");
	COL(mc_unit, "unit_start");
	for (i = 0; i < NSUM; i++)
		COL(mc_sum[i], sum_col[i].name);
#undef COL
	return AR_OK;
}

/*
 * The settings a partial row was made with must be those of the merge:
 * AR_OK, AR_SKIP (the row does not read), AR_FATAL (made otherwise).
 */
static enum ar_rc
merge_settings(struct ar_kpi *k, const struct ar_csv_reader *r,
    struct ar_err *err)
{
	const char *by = ar_csv_field(r, k->mc_by), *why, *s, *as_of;
	ar_date d;
	int p;

	as_of = ar_csv_field(r, k->mc_as_of);
	if ((why = ar_date_parse(as_of, 0, &d)) != NULL) {
		err->file = ar_csv_name(r);
		ar_err_set(err, ar_csv_line(r), "as_of '%s': %s", as_of, why);
		return AR_SKIP;
	}
	if (!k->o.top) {
		s = ar_csv_field(r, k->mc_period);
		if ((p = ar_kpi_period_parse(s)) < 0)
			return bad(r, err, "period '%s': expected week, month, "
			    "quarter or year", s);
	} else
		p = k->o.period;
	if (!k->have_as_of) {
		k->have_as_of = 1;
		if (!k->o.set_period)
			k->o.period = (enum ar_kpi_period)p;
		set_period(k, k->o.period, d);
		if (!k->o.set_by) {
			k->by = *by != '\0' ? ar_strmap_key(k->names,
			    intern(k->names, by)) : NULL;
			k->o.set_by = 1;
		}
	}
	if (d != k->o.as_of) {
		char want[AR_DATE_BUFSZ];

		ar_date_format(k->o.as_of, want);
		err->file = ar_csv_name(r);
		ar_err_set(err, ar_csv_line(r), "made with --as-of %s, not %s",
		    as_of, want);
		return AR_FATAL;
	}
	if (!k->o.top && p != (int)k->o.period) {
		err->file = ar_csv_name(r);
		ar_err_set(err, ar_csv_line(r), "made with --period %s, not %s",
		    ar_kpi_period_name(p), ar_kpi_period_name(k->o.period));
		return AR_FATAL;
	}
	if (strcmp(by, k->by != NULL ? k->by : "") != 0) {
		err->file = ar_csv_name(r);
		ar_err_set(err, ar_csv_line(r), "made with --by %s, not %s",
		    *by ? by : "currency", k->by ? k->by : "currency");
		return AR_FATAL;
	}
	return AR_OK;
}

static enum ar_rc
merge_top(struct ar_kpi *k, const struct ar_csv_reader *r, size_t g,
    size_t cur, int exp, struct ar_err *err)
{
	struct ar_item it;
	struct tl t;

	memset(&it, 0, sizeof it);
	it.customer_id = ar_csv_field(r, k->mc_cust);
	it.customer_name = ar_csv_field(r, k->mc_name);
	it.exp = exp;
	if (*it.customer_id == '\0')
		return bad(r, err, "empty customer_id%s", "");
	if (ar_col_sum(r, k->mc_overdue, exp, &it.amount, err) != AR_OK)
		return AR_SKIP;
	/* An item overdue since before as_of with that open amount. */
	memset(&t, 0, sizeof t);
	t.i = t.u = k->o.as_of - 1;
	t.tp = AR_NODATE;
	t.a = it.amount;
	if (debtor_add(k, &it, &t, g, cur, err) != AR_OK) {
		err->line = ar_csv_line(r);
		return AR_SKIP;
	}
	return AR_OK;
}

enum ar_rc
ar_kpi_merge_read(struct ar_kpi *k, const struct ar_csv_reader *r,
    struct ar_err *err)
{
	const char *cs, *s, *why;
	struct cell *c;
	size_t g, cur;
	ar_date d;
	long u;
	int exp, i;

	err->file = ar_csv_name(r);
	switch (merge_settings(k, r, err)) {
	case AR_OK:
		break;
	case AR_FATAL:
		/* Once a file: its other rows are most likely the same. */
		if (k->mc_told++)
			return AR_OK;
		strncat(err->msg, "; rows of this file made so are passed over",
		    sizeof err->msg - strlen(err->msg) - 1);
		return AR_SKIP;
	default:
		return AR_SKIP;
	}
	cs = ar_csv_field(r, k->mc_cur);
	if ((exp = ar_currency_exponent(cs)) < 0)
		return bad(r, err, *cs ? "unknown currency '%s'" :
		    "empty currency%s", cs);
	if (k->o.currency != NULL && strcmp(cs, k->o.currency) != 0)
		return AR_OK;
	g = intern(k->groups, ar_csv_field(r, k->mc_group));
	cur = currency_id(k, cs);
	if (k->o.top)
		return merge_top(k, r, g, cur, exp, err);
	s = ar_csv_field(r, k->mc_unit);
	if ((why = ar_date_parse(s, 0, &d)) != NULL) {
		ar_err_set(err, ar_csv_line(r), "unit_start '%s': %s", s, why);
		return AR_SKIP;
	}
	u = unit(k, d);
	if (ustart(k, u) != d)
		return bad(r, err, "unit_start '%s' is not the first day of "
		    "a unit", s);
	if (u > k->last)
		return bad(r, err, "unit_start '%s' is after as_of", s);
	k->ncb = 0;
	k->overflow = 0;
	for (i = 0; i < NSUM; i++) {
		int64_t v;

		if (ar_col_sum(r, k->mc_sum[i], sum_col[i].amount ? exp : 0,
		    &v, err) != AR_OK)
			return AR_SKIP;
		put(k, u, i, v);
	}
	c = cell_get(k, g, cur, exp);
	if (apply(k, c) != 0) {
		ar_err_set(err, ar_csv_line(r), "amount too large: the sums "
		    "would overflow");
		return AR_SKIP;
	}
	if (u < c->first)
		c->first = u;
	return AR_OK;
}

/* ---- output ---- */

static const struct ar_kpi *sort_k;

static int
cell_cmp(const void *a, const void *b)
{
	const struct cell *x = &sort_k->cells[*(const size_t *)a];
	const struct cell *y = &sort_k->cells[*(const size_t *)b];
	int c;

	if (x->group != y->group && (c = strcmp(ar_strmap_key(sort_k->groups,
	    x->group), ar_strmap_key(sort_k->groups, y->group))) != 0)
		return c;
	return strcmp(ar_strmap_key(sort_k->curs, x->cur),
	    ar_strmap_key(sort_k->curs, y->cur));
}

static int
debtor_cmp(const void *a, const void *b)
{
	const struct debtor *x = &sort_k->d[*(const size_t *)a];
	const struct debtor *y = &sort_k->d[*(const size_t *)b];
	int c;

	if (x->group != y->group && (c = strcmp(ar_strmap_key(sort_k->groups,
	    x->group), ar_strmap_key(sort_k->groups, y->group))) != 0)
		return c;
	if (x->cur != y->cur && (c = strcmp(ar_strmap_key(sort_k->curs, x->cur),
	    ar_strmap_key(sort_k->curs, y->cur))) != 0)
		return c;
	if (x->overdue != y->overdue)
		return x->overdue > y->overdue ? -1 : 1;
	return strcmp(ar_strmap_key(sort_k->dcust, x->cust),
	    ar_strmap_key(sort_k->dcust, y->cust));
}

size_t
ar_kpi_header(struct ar_kpi *k, const char *const **names)
{
	size_t n = 0, i;

	if (k->o.partial) {
		k->hdr[n++] = "as_of";
		if (!k->o.top) {
			k->hdr[n++] = "period";
			k->hdr[n++] = "unit_start";
		}
		k->hdr[n++] = "by";
		k->hdr[n++] = "group";
		k->hdr[n++] = "currency";
		if (k->o.top) {
			k->hdr[n++] = "customer_id";
			k->hdr[n++] = "customer_name";
			k->hdr[n++] = "overdue";
		} else
			for (i = 0; i < NSUM; i++)
				k->hdr[n++] = sum_col[i].name;
	} else {
		if (k->by != NULL)
			k->hdr[n++] = k->by;
		k->hdr[n++] = "currency";
		if (k->o.top)
			for (i = 0; i < NTOP; i++)
				k->hdr[n++] = top_col[i];
		else
			for (i = 0; i < NFIG; i++)
				k->hdr[n++] = fig_col[i];
	}
	k->nhdr = n;
	*names = k->hdr;
	return n;
}

static void
start_output(struct ar_kpi *k)
{
	size_t i, n;
	long first = LONG_MAX;

	k->started = 1;
	sort_k = k;
	if (k->o.top) {
		n = ar_strmap_count(k->dkeys);
		k->order = ar_xcalloc(n ? n : 1, sizeof *k->order);
		for (i = 0; i < n; i++)
			k->order[i] = i;
		qsort(k->order, n, sizeof *k->order, debtor_cmp);
		k->norder = n;
		k->tstart = k->tend = 0;
		return;
	}
	k->order = ar_xcalloc(k->ncells ? k->ncells : 1, sizeof *k->order);
	for (i = 0; i < k->ncells; i++) {
		k->order[i] = i;
		if (k->cells[i].first < first)
			first = k->cells[i].first;
	}
	qsort(k->order, k->ncells, sizeof *k->order, cell_cmp);
	k->norder = k->ncells;
	k->plast = period_of(k, k->last);
	if (k->o.to != AR_NODATE && k->o.to < k->o.as_of)
		k->plast = period_of(k, unit(k, k->o.to));
	if (k->o.from != AR_NODATE)
		k->pfirst = period_of(k, unit(k, k->o.from));
	else
		k->pfirst = first == LONG_MAX ? k->plast + 1 : period_of(k, first);
	k->pos = 0;
	k->p = k->pfirst;
	k->ru = LONG_MIN;
}

/* Running levels of the receivables through unit u (u ascending). */
static void
levels(struct ar_kpi *k, const struct cell *c, long u)
{
	long x;

	if (k->ru == LONG_MIN || u < k->ru) {
		k->rar = k->rcur = 0;
		k->ru = c->base - 1;
	}
	for (x = k->ru + 1; x <= u; x++) {
		k->rar += sum_at(c, x, S_DAR);
		k->rcur += sum_at(c, x, S_DCUR);
	}
	if (u > k->ru)
		k->ru = u;
}

/*
 * Countback DSO: peel the receivables r at the end of unit u (whose last
 * day counted is end) back over the sales of u, u - 1, ...: a unit whose
 * sales the rest covers counts all its days; the unit where it runs out
 * counts rest / sales of its days.  Empty when r outlasts the first unit.
 */
static void
countback(const struct ar_kpi *k, const struct cell *c, long u, ar_date end,
    i128 r, char *buf)
{
	i128 days = 0;			/* whole days so far */
	int64_t s;
	long n;

	if (r <= 0) {
		strcpy(buf, "0.0");
		return;
	}
	/* no sales below base, nor in a cell of no units */
	while (u >= c->first && u >= c->base && c->n > 0) {
		if ((s = sum_at(c, u, S_SALES)) == 0) {
			/* units without sales at once: linear, not quadratic */
			long v = c->prev[u < c->base + c->n ? u - c->base :
			    c->n - 1];

			if (v < c->first)
				break;
			days += end - uend(k, v);
			end = uend(k, v);
			u = v;
			continue;
		}
		n = (long)(end - ustart(k, u) + 1);
		if (s > 0 && r <= s) {
			ar_kpi_ratio(days * s + r * n, 1, s, 1, buf);
			return;
		}
		days += n;
		r -= s;
		end = ustart(k, u) - 1;
		u--;
	}
	buf[0] = '\0';
}

static void
figures_row(struct ar_kpi *k, const struct cell *c, long p)
{
	char (*f)[48] = k->fbuf + (k->by != NULL ? 2 : 1);
	long u0 = p * k->k, u1 = p * k->k + k->k - 1, u;
	ar_date start = ustart(k, u0), end = uend(k, u1), cal_end = end;
	int64_t s[NSUM];
	i128 sales, arb, are, nde, days, cei_num, cei_den;
	int i;

	if (u1 > k->last)
		u1 = k->last;
	if (end > k->o.as_of)
		end = k->o.as_of;
	for (i = 0; i < NSUM; i++)
		s[i] = 0;
	for (u = u0; u <= u1; u++)
		for (i = 0; i < NSUM; i++)
			s[i] += sum_at(c, u, i);
	levels(k, c, u0 - 1);
	arb = k->rar;
	levels(k, c, u1);
	are = k->rar;
	nde = k->rcur;
	sales = s[S_SALES];
	days = end - start + 1;

	ar_kpi_period_label(k->o.period, start, f[F_PERIOD]);
	ar_date_format(start, f[F_START]);
	ar_date_format(end, f[F_END]);
	snprintf(f[F_DAYS], 48, "%ld", (long)days);
	fmt_amount(arb, c->exp, f[F_AR_BEGIN]);
	fmt_amount(sales, c->exp, f[F_SALES]);
	fmt_amount(are, c->exp, f[F_AR_END]);
	fmt_amount(nde, c->exp, f[F_NOT_DUE]);
	ar_kpi_ratio(are, days, sales, 1, f[F_DSO]);
	countback(k, c, u1, end, are, f[F_CB_DSO]);
	ar_kpi_ratio(nde, days, sales, 1, f[F_BEST_DSO]);
	ar_kpi_ratio(are - nde, days, sales, 1, f[F_ADD]);
	cei_num = arb + sales - are;
	cei_den = arb + sales - nde;
	ar_kpi_ratio(cei_num, 100, cei_den, 1, f[F_CEI]);
	snprintf(f[F_DUE], 48, "%lld", (long long)s[S_DUE]);
	ar_kpi_ratio(s[S_ONTIME], 100, s[S_DUE], 1, f[F_ONTIME]);
	ar_kpi_ratio(s[S_ONTIMEAMT], 100, s[S_DUEAMT], 1, f[F_ONTIME_VAL]);
	snprintf(f[F_PAID], 48, "%lld", (long long)s[S_PAID]);
	ar_kpi_ratio(s[S_DTP], 1, s[S_PAID], 1, f[F_DTP]);
	ar_kpi_ratio(s[S_DTPW], 1, s[S_PAIDAMT], 1, f[F_DTPW]);
	ar_kpi_ratio(s[S_LATE], 1, s[S_PAID], 1, f[F_LATE]);
	ar_kpi_ratio(s[S_LATEW], 1, s[S_PAIDAMT], 1, f[F_LATEW]);
	snprintf(f[F_INV], 48, "%lld", (long long)s[S_INV]);
	ar_kpi_ratio(s[S_DISP], 100, s[S_INV], 1, f[F_DISP]);
	snprintf(f[F_RES], 48, "%lld", (long long)s[S_RES]);
	ar_kpi_ratio(s[S_RESDAYS], 1, s[S_RES], 1, f[F_RESDAYS]);
	snprintf(f[F_PROM], 48, "%lld", (long long)s[S_PROM]);
	ar_kpi_ratio(s[S_KEPT], 100, s[S_PROM], 1, f[F_KEPT]);
	if (cal_end + AR_KPI_RISK_DAYS <= k->o.as_of)
		ar_kpi_ratio(s[S_RISK], 100, s[S_BILL], 1, f[F_RISK]);
	else
		f[F_RISK][0] = '\0';
}

/* For each unit of c, the last unit up to it with sales (c->prev). */
static void
cell_prev(struct cell *c)
{
	long i, last = c->base - 1;

	free(c->prev);
	c->prev = ar_xcalloc(c->n ? (size_t)c->n : 1, sizeof *c->prev);
	for (i = 0; i < c->n; i++) {
		if (c->sums[i * NSUM + S_SALES] != 0)
			last = c->base + i;
		c->prev[i] = last;
	}
}

static int
figures_next(struct ar_kpi *k)
{
	const struct cell *c;
	size_t i, n = 0;

	if (k->pos >= k->norder || k->pfirst > k->plast)
		return 0;
	c = &k->cells[k->order[k->pos]];
	if (k->p == k->pfirst) {
		k->ru = LONG_MIN;
		cell_prev(&k->cells[k->order[k->pos]]);
	}
	if (k->by != NULL)
		k->fld[n++] = ar_strmap_key(k->groups, c->group);
	k->fld[n++] = ar_strmap_key(k->curs, c->cur);
	figures_row(k, c, k->p);
	for (i = 0; i < NFIG; i++, n++)
		k->fld[n] = k->fbuf[n];
	if (++k->p > k->plast) {
		k->p = k->pfirst;
		k->pos++;
	}
	return 1;
}

/* Partial: the next unit of a cell with a sum that is not zero. */
static int
partial_next(struct ar_kpi *k)
{
	const struct cell *c;
	const int64_t *s;
	size_t n = 0;
	int i;

	for (;;) {
		if (k->pos >= k->norder)
			return 0;
		c = &k->cells[k->order[k->pos]];
		if (k->ru == LONG_MIN)
			k->ru = c->base;
		if (k->ru >= c->base + c->n) {
			k->pos++;
			k->ru = LONG_MIN;
			continue;
		}
		s = &c->sums[(k->ru - c->base) * NSUM];
		for (i = 0; i < NSUM && s[i] == 0; i++)
			;
		if (i < NSUM)
			break;
		k->ru++;
	}
	ar_date_format(k->o.as_of, k->fbuf[n]);
	k->fld[n] = k->fbuf[n];
	n++;
	k->fld[n++] = ar_kpi_period_name(k->o.period);
	ar_date_format(ustart(k, k->ru), k->fbuf[n]);
	k->fld[n] = k->fbuf[n];
	n++;
	k->fld[n++] = k->by != NULL ? k->by : "";
	k->fld[n++] = ar_strmap_key(k->groups, c->group);
	k->fld[n++] = ar_strmap_key(k->curs, c->cur);
	for (i = 0; i < NSUM; i++, n++) {
		if (sum_col[i].amount)
			ar_money_format(s[i], c->exp, k->fbuf[n]);
		else
			snprintf(k->fbuf[n], 48, "%lld", (long long)s[i]);
		k->fld[n] = k->fbuf[n];
	}
	k->ru++;
	return 1;
}

static int
same_group(const struct debtor *a, const struct debtor *b)
{
	return a->group == b->group && a->cur == b->cur;
}

static int
top_next(struct ar_kpi *k)
{
	const struct debtor *d;
	size_t n = 0, i;

	for (;;) {
		if (k->pos >= k->norder)
			return 0;
		if (k->pos >= k->tend) {
			/* A new group and currency: its total. */
			k->tstart = k->pos;
			k->ttotal = k->tcum = 0;
			for (i = k->pos; i < k->norder && same_group(
			    &k->d[k->order[i]], &k->d[k->order[k->pos]]); i++)
				k->ttotal += k->d[k->order[i]].overdue;
			k->tend = i;
		}
		if (k->o.partial || k->pos - k->tstart < (size_t)k->o.top)
			break;
		k->pos = k->tend;
	}
	d = &k->d[k->order[k->pos]];
	if (k->o.partial) {
		ar_date_format(k->o.as_of, k->fbuf[n]);
		k->fld[n] = k->fbuf[n];
		n++;
		k->fld[n++] = k->by != NULL ? k->by : "";
		k->fld[n++] = ar_strmap_key(k->groups, d->group);
		k->fld[n++] = ar_strmap_key(k->curs, d->cur);
		k->fld[n++] = ar_strmap_key(k->dcust, d->cust);
		k->fld[n++] = d->name >= 0 ? ar_strmap_key(k->names,
		    (size_t)d->name) : "";
		ar_money_format(d->overdue, d->exp, k->fbuf[n]);
		k->fld[n] = k->fbuf[n];
		k->pos++;
		return 1;
	}
	if (k->by != NULL)
		k->fld[n++] = ar_strmap_key(k->groups, d->group);
	k->fld[n++] = ar_strmap_key(k->curs, d->cur);
	snprintf(k->fbuf[n], 48, "%zu", k->pos - k->tstart + 1);
	k->fld[n] = k->fbuf[n];
	n++;
	k->fld[n++] = ar_strmap_key(k->dcust, d->cust);
	k->fld[n++] = d->name >= 0 ? ar_strmap_key(k->names, (size_t)d->name) :
	    "";
	ar_money_format(d->overdue, d->exp, k->fbuf[n]);
	k->fld[n] = k->fbuf[n];
	n++;
	k->tcum += d->overdue;
	k->fld[n] = ar_kpi_ratio(d->overdue, 100, k->ttotal, 1, k->fbuf[n]);
	n++;
	k->fld[n] = ar_kpi_ratio(k->tcum, 100, k->ttotal, 1, k->fbuf[n]);
	k->pos++;
	return 1;
}

int
ar_kpi_row(struct ar_kpi *k, const char *const **fields)
{
	int more;

	if (!k->started) {
		const char *const *h;

		if (k->nhdr == 0)
			ar_kpi_header(k, &h);
		start_output(k);
	}
	if (k->o.top)
		more = top_next(k);
	else if (k->o.partial)
		more = partial_next(k);
	else
		more = figures_next(k);
	*fields = k->fld;
	return more;
}

const char *
ar_kpi_note(const struct ar_kpi *k, size_t i)
{
	return i < k->nnotes ? k->notes[i] : NULL;
}
