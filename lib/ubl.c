/*
 * ubl.c - UBL 2.1 Invoice and CreditNote to an invoice record (see ubl.h
 * for the field mapping and the rules on sign, type and due date).
 *
 * Driven by the xmlstream events.  Every value is found by its path from
 * the root, anchored at its depth, so a cbc:ID nested anywhere else (an
 * order line, a party, a document reference) is never taken for the
 * document's own.  Only elements in the UBL namespaces count: anything
 * else (ext:UBLExtensions, signatures, foreign extensions) is skipped with
 * all it holds.  Text is asked for only for the leaves we keep, so an
 * embedded attachment (cac:AdditionalDocumentReference/cac:Attachment/
 * cbc:EmbeddedDocumentBinaryObject, base64 of many megabytes) costs
 * nothing.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "money.h"
#include "ref.h"
#include "ubl.h"

#define NS_PFX	"urn:oasis:names:specification:ubl:schema:xsd:"
#define NS_CBC	NS_PFX "CommonBasicComponents-2"
#define NS_CAC	NS_PFX "CommonAggregateComponents-2"
#define NS_INV	NS_PFX "Invoice-2"
#define NS_CN	NS_PFX "CreditNote-2"

#define NWARN	16		/* warnings kept for one document */

const char *const ar_ubl_columns[] = {
	"invoice_id", "type", "customer_id", "customer_name", "issue_date",
	"due_date", "currency", "amount", "reference", "order_ref",
	"customer_email", "customer_vat", "billing_ref", "type_code",
	"seller_id", "seller_name", "source", NULL
};

enum {
	C_ID, C_TYPE, C_CUST_ID, C_CUST_NAME, C_ISSUE, C_DUE, C_CUR, C_AMOUNT,
	C_REF, C_ORDER, C_EMAIL, C_VAT, C_BILLING, C_TYPECODE, C_SELLER_ID,
	C_SELLER_NAME, C_SOURCE, NCOL
};

/* Document-level values. */
enum {
	F_ID, F_ISSUE, F_DUE, F_TYPECODE, F_CUR, F_BUYERREF, F_ORDERREF,
	F_BILLING, F_PAYID, F_PM_DUE, F_PT_DUE, F_PT_END, F_PT_SETTLE,
	F_PAYABLE, NF
};

/* Values of a party (AccountingCustomerParty, AccountingSupplierParty). */
enum {
	P_IDENT, P_ENDPOINT, P_LEGALID, P_REGNAME, P_NAME, P_EMAIL,
	P_PTS_CO, P_PTS_SCHEME,		/* of the PartyTaxScheme being read */
	P_VAT_FIRST, P_VAT, NP
};
#define PARTY_CUST	0
#define PARTY_SELLER	1

/* Flags of a path. */
#define K_DATE	0x01		/* an xsd:date, parsed at its end */
#define K_AMT	0x02		/* the payable amount */

struct path {
	const char *path;	/* local names below the anchor, '/'-separated */
	int field;
	int flags;
};

/* Below the root (anchor depth 1).  Schema order: see UBL-Invoice-2.1.xsd. */
static const struct path doc_paths[] = {
	{ "ID", F_ID, 0 },
	{ "IssueDate", F_ISSUE, K_DATE },
	{ "DueDate", F_DUE, K_DATE },
	{ "InvoiceTypeCode", F_TYPECODE, 0 },
	{ "CreditNoteTypeCode", F_TYPECODE, 0 },
	{ "DocumentCurrencyCode", F_CUR, 0 },
	{ "BuyerReference", F_BUYERREF, 0 },
	{ "OrderReference/ID", F_ORDERREF, 0 },
	{ "BillingReference/InvoiceDocumentReference/ID", F_BILLING, 0 },
	{ "PaymentMeans/PaymentDueDate", F_PM_DUE, K_DATE },
	{ "PaymentMeans/PaymentID", F_PAYID, 0 },
	{ "PaymentTerms/PaymentDueDate", F_PT_DUE, K_DATE },
	{ "PaymentTerms/SettlementPeriod/EndDate", F_PT_END, K_DATE },
	{ "LegalMonetaryTotal/PayableAmount", F_PAYABLE, K_AMT },
	{ NULL, 0, 0 }
};

/* Below Accounting{Customer,Supplier}Party/Party (anchor depth 3). */
static const struct path party_paths[] = {
	{ "PartyIdentification/ID", P_IDENT, 0 },
	{ "EndpointID", P_ENDPOINT, 0 },
	{ "PartyLegalEntity/CompanyID", P_LEGALID, 0 },
	{ "PartyLegalEntity/RegistrationName", P_REGNAME, 0 },
	{ "PartyName/Name", P_NAME, 0 },
	{ "PartyTaxScheme/CompanyID", P_PTS_CO, 0 },
	{ "PartyTaxScheme/TaxScheme/ID", P_PTS_SCHEME, 0 },
	{ "Contact/ElectronicMail", P_EMAIL, 0 },
	{ NULL, 0, 0 }
};

/*
 * UNTDID 1001 document name codes that EN 16931's code list (BT-3)
 * classes as credit notes: 81 credit note related to goods or services,
 * 83 credit note related to financial adjustments, 261 self-billed credit
 * note, 262 consolidated credit note - goods and services, 296 credit note
 * for price variation, 308 delcredere credit note, 381 credit note, 396
 * factored credit note, 420 optical character reading (OCR) payment credit
 * note, 458 reversal of credit, 502 self-billed factored credit note, 503
 * prepayment credit note, 532 forwarder's credit note.  384 (corrected
 * invoice) is an invoice.
 */
static const char *const credit_codes[] = {
	"81", "83", "261", "262", "296", "308", "381", "396", "420", "458",
	"502", "503", "532", NULL
};

struct warning {
	long line;
	char msg[256];
};

struct ar_ubl {
	const struct ar_sink *sink;
	const char *source;
	int terms;

	int root_cn;			/* root is a CreditNote */
	long root_line;
	int skip_depth;			/* inside a foreign element, 0 none */

	char *f[NF];
	ar_date date[NF];		/* of the K_DATE fields that are set */
	char *p[2][NP];

	int exp;			/* of DocumentCurrencyCode, -1 unknown */
	int have_payable;
	int64_t payable;
	long payable_line;
	char *payable_ccy;		/* its currencyID attribute */

	int pt_discount;		/* PaymentTerms being read has a discount */

	struct warning w[NWARN];
	int nw;
};

size_t
ar_ubl_ncolumns(void)
{
	return NCOL;
}

int
ar_ubl_is_root(const char *name, const char *ns)
{
	return (strcmp(name, "Invoice") == 0 && strcmp(ns, NS_INV) == 0) ||
	    (strcmp(name, "CreditNote") == 0 && strcmp(ns, NS_CN) == 0);
}

struct ar_ubl *
ar_ubl_new(const struct ar_sink *sink, const char *source, int terms)
{
	struct ar_ubl *u = ar_xcalloc(1, sizeof *u);

	u->sink = sink;
	u->source = source;
	u->terms = terms;
	u->exp = -1;
	return u;
}

void
ar_ubl_free(struct ar_ubl *u)
{
	int i, j;

	if (u == NULL)
		return;
	for (i = 0; i < NF; i++)
		free(u->f[i]);
	for (i = 0; i < 2; i++)
		for (j = 0; j < NP; j++)
			free(u->p[i][j]);
	free(u->payable_ccy);
	free(u);
}

static void
warn(struct ar_ubl *u, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
warn(struct ar_ubl *u, long line, const char *fmt, ...)
{
	va_list ap;

	if (u->nw == NWARN)
		return;
	u->w[u->nw].line = line;
	va_start(ap, fmt);
	vsnprintf(u->w[u->nw].msg, sizeof u->w[u->nw].msg, fmt, ap);
	va_end(ap);
	u->nw++;
}

static int
is_xml_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * A copy of s with the XML white space around it removed and each inner
 * run of white space that holds a line break or tab made one space (a
 * record field is one line; TSV cannot hold either).  NULL if nothing is
 * left: an empty element counts as absent.
 */
static char *
clean(const char *s, size_t n)
{
	char *out, *o;
	size_t i, j;

	while (n > 0 && is_xml_space((unsigned char)*s))
		s++, n--;
	while (n > 0 && is_xml_space((unsigned char)s[n - 1]))
		n--;
	if (n == 0)
		return NULL;
	o = out = ar_xmalloc(n + 1);
	for (i = 0; i < n; i = j) {
		int brk = 0;

		if (!is_xml_space((unsigned char)s[i])) {
			*o++ = s[i];
			j = i + 1;
			continue;
		}
		for (j = i; j < n && is_xml_space((unsigned char)s[j]); j++)
			if (s[j] != ' ')
				brk = 1;
		if (brk)
			*o++ = ' ';
		else {
			memcpy(o, s + i, j - i);
			o += j - i;
		}
	}
	*o = '\0';
	return out;
}

/* Number of local names in a path. */
static int
path_len(const char *p)
{
	int n = 1;

	for (; *p != '\0'; p++)
		if (*p == '/')
			n++;
	return n;
}

/* The path, in the table, of the current element below the anchor, or NULL. */
static const struct path *
match(const struct ar_xml *x, int anchor, const struct path *tab)
{
	int d = ar_xml_depth(x);

	for (; tab->path != NULL; tab++)
		if (d == anchor + path_len(tab->path) && ar_xml_in(x, tab->path))
			return tab;
	return NULL;
}

/* Which party the current element is in, or -1. */
static int
party_of(const struct ar_xml *x)
{
	const char *p;

	if (ar_xml_depth(x) < 4 || strcmp(ar_xml_name_at(x, 3), "Party") != 0)
		return -1;
	p = ar_xml_name_at(x, 2);
	if (strcmp(p, "AccountingCustomerParty") == 0)
		return PARTY_CUST;
	if (strcmp(p, "AccountingSupplierParty") == 0)
		return PARTY_SELLER;
	return -1;
}

/*
 * An xsd:date (XML Schema Part 2, 3.2.9): YYYY-MM-DD with an optional
 * time zone, Z or +hh:mm or -hh:mm, which does not change the date.  A
 * date-time, which the schema does not allow but some producers write,
 * is taken as its date as written.
 */
static const char *
parse_xsd_date(const char *s, ar_date *out)
{
	size_t n = strlen(s);
	const char *z;

	if (n <= 10)
		return ar_date_parsen(s, n, 0, out);
	z = s + 10;
	if (n == 11 && *z == 'Z')
		n = 10;
	else if (n == 16 && (*z == '+' || *z == '-') &&
	    z[1] >= '0' && z[1] <= '1' && z[2] >= '0' && z[2] <= '9' &&
	    z[3] == ':' && z[4] >= '0' && z[4] <= '5' && z[5] >= '0' &&
	    z[5] <= '9')
		n = 10;
	else if (*z == 'Z' || *z == '+' || *z == '-')
		return "bad time zone offset";
	else if (*z == 'T')
		return ar_date_parsen(s, n, AR_DATE_DATETIME, out);
	return ar_date_parsen(s, n, 0, out);
}

/*
 * The payable amount in minor units of the document currency.  More
 * decimals than the currency has are rounded half away from zero, with a
 * warning (EN 16931 BT-115 is an amount of at most two decimals; UBL
 * allows more).  NULL, or the reason it does not parse.
 */
static const char *
parse_payable(struct ar_ubl *u, const char *s, long line)
{
	char buf[AR_MONEY_BUFSZ];
	const char *e;
	int64_t v;

	e = ar_money_parse(s, u->exp, 0, &v);
	if (e != NULL && strcmp(e, "too many decimals for the currency") == 0) {
		if ((e = ar_money_parse(s, u->exp, AR_MONEY_ROUND, &v)) == NULL) {
			ar_money_format(v, u->exp, buf);
			warn(u, line, "PayableAmount '%s' has more decimals than "
			    "%s has: rounded to %s", s, u->f[F_CUR], buf);
		}
	}
	if (e == NULL && (v > AR_AMOUNT_MAX || v < -AR_AMOUNT_MAX))
		e = AR_AMOUNT_BIG;
	if (e != NULL)
		return e;
	u->payable = v;
	u->have_payable = 1;
	return NULL;
}

static int
is_ubl_ns(const char *ns)
{
	return strcmp(ns, NS_CBC) == 0 || strcmp(ns, NS_CAC) == 0;
}

static void
ubl_start(void *arg, struct ar_xml *x, const char *name, const char *ns)
{
	struct ar_ubl *u = arg;
	const struct path *pt;
	int d = ar_xml_depth(x), party;
	const char *a;

	if (u->skip_depth != 0)
		return;
	if (d == 1) {
		if (!ar_ubl_is_root(name, ns)) {
			ar_xml_fail(x, ar_xml_line(x), "<%s> is not a UBL 2.1 "
			    "Invoice or CreditNote", name);
			return;
		}
		u->root_cn = strcmp(name, "CreditNote") == 0;
		u->root_line = ar_xml_line(x);
		return;
	}
	if (!is_ubl_ns(ns)) {
		u->skip_depth = d;
		return;
	}

	/* Blocks whose parts are judged together at their end. */
	if (d == 2 && strcmp(name, "PaymentTerms") == 0) {
		free(u->f[F_PT_END]);
		u->f[F_PT_END] = NULL;
		u->pt_discount = 0;
		return;
	}
	if (d == 3 && (ar_xml_in(x, "PaymentTerms/SettlementDiscountPercent") ||
	    ar_xml_in(x, "PaymentTerms/SettlementDiscountAmount"))) {
		u->pt_discount = 1;
		return;
	}
	if ((party = party_of(x)) >= 0) {
		if (d == 4 && strcmp(name, "PartyTaxScheme") == 0) {
			free(u->p[party][P_PTS_CO]);
			free(u->p[party][P_PTS_SCHEME]);
			u->p[party][P_PTS_CO] = u->p[party][P_PTS_SCHEME] = NULL;
			return;
		}
		if ((pt = match(x, 3, party_paths)) != NULL &&
		    u->p[party][pt->field] == NULL)
			ar_xml_want_text(x);
		return;
	}
	if ((pt = match(x, 1, doc_paths)) == NULL || u->f[pt->field] != NULL)
		return;
	/* A due date from a later source only when no earlier one was found. */
	if (pt->field == F_PM_DUE && u->f[F_DUE] != NULL)
		return;
	if ((pt->field == F_PT_DUE || pt->field == F_PT_END) &&
	    (u->f[F_DUE] != NULL || u->f[F_PM_DUE] != NULL))
		return;
	if (pt->field == F_PT_END &&
	    (u->f[F_PT_DUE] != NULL || u->f[F_PT_SETTLE] != NULL))
		return;
	if (pt->flags & K_AMT) {
		u->payable_line = ar_xml_line(x);
		free(u->payable_ccy);
		u->payable_ccy = (a = ar_xml_attr(x, "currencyID")) != NULL ?
		    clean(a, strlen(a)) : NULL;
	}
	ar_xml_want_text(x);
}

/* A kept value: the field's slot, or NULL when the element is not one. */
static char **
slot(struct ar_ubl *u, struct ar_xml *x, const struct path **ptp)
{
	int party = party_of(x);
	const struct path *pt;

	if (party >= 0) {
		if ((pt = match(x, 3, party_paths)) == NULL)
			return NULL;
		*ptp = pt;
		return &u->p[party][pt->field];
	}
	if ((pt = match(x, 1, doc_paths)) == NULL)
		return NULL;
	*ptp = pt;
	return &u->f[pt->field];
}

static void
end_party_tax_scheme(struct ar_ubl *u, int party)
{
	char **p = u->p[party];

	if (p[P_PTS_CO] == NULL)
		return;
	/* The VAT identifier (EN 16931 BT-48/BT-31) is the one of scheme VAT. */
	if (p[P_VAT] == NULL && p[P_PTS_SCHEME] != NULL &&
	    strcmp(p[P_PTS_SCHEME], "VAT") == 0)
		p[P_VAT] = ar_xstrdup(p[P_PTS_CO]);
	if (p[P_VAT_FIRST] == NULL)
		p[P_VAT_FIRST] = ar_xstrdup(p[P_PTS_CO]);
}

static void
ubl_end(void *arg, struct ar_xml *x, const char *name, const char *text,
    size_t len)
{
	struct ar_ubl *u = arg;
	const struct path *pt = NULL;
	int d = ar_xml_depth(x), party;
	long line = ar_xml_line(x);
	const char *e;
	char **sp, *v;

	if (u->skip_depth != 0) {
		if (d == u->skip_depth)
			u->skip_depth = 0;
		return;
	}
	if (d == 2 && strcmp(name, "PaymentTerms") == 0) {
		/*
		 * The end of a settlement period is the due date only when
		 * it is not the window of an early-payment discount.
		 */
		if (u->f[F_PT_END] != NULL && !u->pt_discount &&
		    u->f[F_PT_SETTLE] == NULL) {
			u->f[F_PT_SETTLE] = u->f[F_PT_END];
			u->date[F_PT_SETTLE] = u->date[F_PT_END];
			u->f[F_PT_END] = NULL;
		}
		return;
	}
	if (d == 4 && strcmp(name, "PartyTaxScheme") == 0 &&
	    (party = party_of(x)) >= 0) {
		end_party_tax_scheme(u, party);
		return;
	}
	if (text == NULL || (sp = slot(u, x, &pt)) == NULL || *sp != NULL)
		return;
	if (ar_xml_text_cut(x))
		warn(u, line, "%s longer than %d bytes: cut", name,
		    AR_XML_TEXT_MAX);
	if ((v = clean(text, len)) == NULL)
		return;
	if (pt->flags & K_DATE) {
		if ((e = parse_xsd_date(v, &u->date[pt->field])) != NULL) {
			ar_xml_fail(x, line, "%s '%.64s': %s", name, v, e);
			free(v);
			return;
		}
	} else if (pt->field == F_CUR && sp == &u->f[F_CUR]) {
		if ((u->exp = ar_currency_exponent(v)) < 0) {
			ar_xml_fail(x, line, "DocumentCurrencyCode '%.64s': "
			    "unknown currency", v);
			free(v);
			return;
		}
	} else if (pt->flags & K_AMT) {
		/* Without the currency yet, judged at the end. */
		if (u->exp >= 0 && (e = parse_payable(u, v, line)) != NULL) {
			ar_xml_fail(x, line, "PayableAmount '%.64s': %s", v, e);
			free(v);
			return;
		}
	}
	*sp = v;
}

const struct ar_xml_handler ar_ubl_handler = { ubl_start, ubl_end, NULL };

static int
is_credit_code(const char *code)
{
	int i;

	for (i = 0; code != NULL && credit_codes[i] != NULL; i++)
		if (strcmp(code, credit_codes[i]) == 0)
			return 1;
	return 0;
}

static const char *
first(const char *a, const char *b, const char *c, const char *d)
{
	return a != NULL ? a : b != NULL ? b : c != NULL ? c : d;
}

static void
flush_warnings(struct ar_ubl *u)
{
	int i;

	for (i = 0; i < u->nw; i++)
		if (u->sink != NULL && u->sink->warn != NULL)
			u->sink->warn(u->sink->u, u->w[i].line, u->w[i].msg);
	u->nw = 0;
}

static enum ar_rc
skip(struct ar_ubl *u, struct ar_err *err, long line, const char *what)
{
	flush_warnings(u);
	ar_err_set(err, line, "%s", what);
	return AR_SKIP;
}

enum ar_rc
ar_ubl_finish(struct ar_ubl *u, struct ar_err *err)
{
	const char *fld[NCOL + 1];
	char amt[AR_MONEY_BUFSZ], pay[AR_MONEY_BUFSZ], issue[AR_DATE_BUFSZ];
	char due[AR_DATE_BUFSZ], ref[AR_REF_BUFSZ];
	char **cust = u->p[PARTY_CUST], **sell = u->p[PARTY_SELLER];
	const char *e, *doc = u->root_cn ? "CreditNote" : "Invoice";
	enum ar_ref_kind k;
	int credit_doc, credit, i;
	int64_t amount;
	ar_date dd;

	if (u->f[F_ID] == NULL)
		return skip(u, err, u->root_line, "missing cbc:ID (the document number)");
	if (u->f[F_ISSUE] == NULL)
		return skip(u, err, u->root_line, "missing cbc:IssueDate");
	if (u->f[F_CUR] == NULL)
		return skip(u, err, u->root_line, "missing cbc:DocumentCurrencyCode");
	if (u->f[F_PAYABLE] == NULL)
		return skip(u, err, u->root_line,
		    "missing cac:LegalMonetaryTotal/cbc:PayableAmount");
	if (!u->have_payable &&
	    (e = parse_payable(u, u->f[F_PAYABLE], u->payable_line)) != NULL) {
		char m[160];

		snprintf(m, sizeof m, "PayableAmount '%.64s': %s",
		    u->f[F_PAYABLE], e);
		return skip(u, err, u->payable_line, m);
	}
	if (u->payable_ccy != NULL && strcmp(u->payable_ccy, u->f[F_CUR]) != 0)
		warn(u, u->payable_line, "PayableAmount currencyID '%s' is not "
		    "the DocumentCurrencyCode %s: taken as %s", u->payable_ccy,
		    u->f[F_CUR], u->f[F_CUR]);

	/*
	 * Type and sign.  A credit note (the CreditNote root, or a credit
	 * note type code on an Invoice) credits the customer: its positive
	 * PayableAmount is a negative amount receivable.  A credit note
	 * whose PayableAmount is negative (UBL.BE 15000024) is a negated
	 * credit note, that is a charge to the customer: a positive amount,
	 * recorded as an invoice so that type and sign agree (ar-csv(5)),
	 * with a warning.  An Invoice whose PayableAmount is negative (a
	 * correction by negative invoice, Peppol BIS 3.0; or prepaid more
	 * than the total, XRechnung 03.01a) owes the customer money: it
	 * stays negative and is a credit_note.
	 */
	credit_doc = u->root_cn || is_credit_code(u->f[F_TYPECODE]);
	amount = u->payable;
	if (credit_doc && ar_money_sub(0, u->payable, &amount) != 0)
		return skip(u, err, u->payable_line, "PayableAmount out of range");
	ar_money_format(amount, u->exp, amt);
	if (credit_doc && u->payable < 0) {
		ar_money_format(u->payable, u->exp, pay);
		warn(u, u->payable_line, "%s%s%s with negative PayableAmount "
		    "%s: a negated credit note, taken as an invoice of %s",
		    doc, u->f[F_TYPECODE] ? " type " : "",
		    u->f[F_TYPECODE] ? u->f[F_TYPECODE] : "", pay, amt);
		credit = 0;
	} else
		credit = credit_doc || u->payable < 0;

	/* Due date: EN 16931 BT-9, in the order of ubl.h. */
	due[0] = '\0';
	if (u->f[F_DUE] != NULL)
		ar_date_format(u->date[F_DUE], due);
	else if (u->f[F_PM_DUE] != NULL)
		ar_date_format(u->date[F_PM_DUE], due);
	else if (u->f[F_PT_DUE] != NULL)
		ar_date_format(u->date[F_PT_DUE], due);
	else if (u->f[F_PT_SETTLE] != NULL)
		ar_date_format(u->date[F_PT_SETTLE], due);
	else if (u->terms >= 0) {
		dd = u->date[F_ISSUE];
		dd = (long)dd + u->terms > AR_DATE_MAX ? AR_DATE_MAX :
		    (ar_date)(dd + u->terms);
		ar_date_format(dd, due);
		warn(u, u->root_line, "no due date in the document: issue date + "
		    "%d days = %s", u->terms, due);
	} else
		warn(u, u->root_line, "no due date in the document");
	ar_date_format(u->date[F_ISSUE], issue);

	/* A structured reference in its electronic form, else as written. */
	fld[C_REF] = u->f[F_PAYID] ? u->f[F_PAYID] : "";
	if (u->f[F_PAYID] != NULL) {
		k = ar_ref_detect(u->f[F_PAYID], ref, NULL);
		if (k == AR_REF_RF || k == AR_REF_OGM || k == AR_REF_KENMERK)
			fld[C_REF] = ref;
	}

	fld[C_ID] = u->f[F_ID];
	fld[C_TYPE] = credit ? "credit_note" : "invoice";
	fld[C_CUST_ID] = first(cust[P_IDENT], cust[P_ENDPOINT], cust[P_LEGALID],
	    first(cust[P_VAT], cust[P_VAT_FIRST], NULL, NULL));
	fld[C_CUST_NAME] = first(cust[P_REGNAME], cust[P_NAME], NULL, NULL);
	fld[C_ISSUE] = issue;
	fld[C_DUE] = due;
	fld[C_CUR] = u->f[F_CUR];
	fld[C_AMOUNT] = amt;
	fld[C_ORDER] = first(u->f[F_ORDERREF], u->f[F_BUYERREF], NULL, NULL);
	fld[C_EMAIL] = cust[P_EMAIL];
	fld[C_VAT] = first(cust[P_VAT], cust[P_VAT_FIRST], NULL, NULL);
	fld[C_BILLING] = u->f[F_BILLING];
	fld[C_TYPECODE] = u->f[F_TYPECODE];
	fld[C_SELLER_ID] = first(sell[P_IDENT], sell[P_ENDPOINT],
	    sell[P_LEGALID], first(sell[P_VAT], sell[P_VAT_FIRST], NULL, NULL));
	fld[C_SELLER_NAME] = first(sell[P_REGNAME], sell[P_NAME], NULL, NULL);
	fld[C_SOURCE] = u->source;
	fld[NCOL] = NULL;
	for (i = 0; i < NCOL; i++)
		if (fld[i] == NULL)
			fld[i] = "";

	flush_warnings(u);
	if (u->sink != NULL && u->sink->row != NULL)
		u->sink->row(u->sink->u, fld);
	return AR_OK;
}
