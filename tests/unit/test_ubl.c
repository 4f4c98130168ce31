/*
 * test_ubl.c - UBL Invoice and CreditNote to invoice records: one vector a
 * mapping rule on small inline documents, then every file of the shared
 * test data (../shared/testdata/ubl) against the values its MANIFEST.md
 * records.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "ubl.h"

#define NS "urn:oasis:names:specification:ubl:schema:xsd:"
#define DECL " xmlns:cbc=\"" NS "CommonBasicComponents-2\"" \
	" xmlns:cac=\"" NS "CommonAggregateComponents-2\""
#define INV(body) "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<Invoice xmlns=\"" NS "Invoice-2\"" DECL ">\n" body "</Invoice>\n"
#define CN(body) "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<CreditNote xmlns=\"" NS "CreditNote-2\"" DECL ">\n" body "</CreditNote>\n"
#define E(n, v) "<cbc:" n ">" v "</cbc:" n ">\n"
#define HEAD(due) E("ID", "A1") E("IssueDate", "2024-01-15") due \
	E("DocumentCurrencyCode", "EUR")
#define DUE E("DueDate", "2024-02-14")
#define PAY(v) "<cac:LegalMonetaryTotal>\n" \
	"<cbc:PayableAmount currencyID=\"EUR\">" v "</cbc:PayableAmount>\n" \
	"</cac:LegalMonetaryTotal>\n"
#define PM(inner) "<cac:PaymentMeans>\n" E("PaymentMeansCode", "30") inner \
	"</cac:PaymentMeans>\n"
#define CUST(inner) "<cac:AccountingCustomerParty><cac:Party>\n" inner \
	"</cac:Party></cac:AccountingCustomerParty>\n"
#define SELL(inner) "<cac:AccountingSupplierParty><cac:Party>\n" inner \
	"</cac:Party></cac:AccountingSupplierParty>\n"

struct result {
	char *f[32];
	int row;
	char err[600];
	char warns[2048];
};

static void
on_row(void *arg, const char *const *fields)
{
	struct result *r = arg;
	size_t i;

	r->row++;
	for (i = 0; i < ar_ubl_ncolumns() && i < 32; i++) {
		free(r->f[i]);
		r->f[i] = strdup(fields[i]);
	}
}

static void
on_warn(void *arg, long line, const char *msg)
{
	struct result *r = arg;
	size_t n = strlen(r->warns);

	snprintf(r->warns + n, sizeof r->warns - n, "%s%ld:%s",
	    n ? " / " : "", line, msg);
}

static void
clear(struct result *r)
{
	size_t i;

	for (i = 0; i < 32; i++)
		free(r->f[i]);
	memset(r, 0, sizeof *r);
}

static void
run_fp(FILE *fp, const char *name, int terms, struct result *r)
{
	struct ar_sink sink = { on_row, on_warn, r };
	struct ar_err err = { 0 };
	struct ar_ubl *u = ar_ubl_new(&sink, name, terms);
	enum ar_rc rc;

	rc = ar_xml_parse(fp, name, &ar_ubl_handler, u, &err);
	if (rc == AR_OK)
		rc = ar_ubl_finish(u, &err);
	if (rc != AR_OK)
		snprintf(r->err, sizeof r->err, "%ld:%s", err.line, err.msg);
	ar_ubl_free(u);
}

static void
run_doc(const char *doc, size_t n, int terms, struct result *r)
{
	FILE *fp = fmemopen((void *)doc, n, "r");

	run_fp(fp, "t.xml", terms, r);
	fclose(fp);
}

static const char *
col(const struct result *r, const char *name)
{
	size_t i;

	if (!r->row)
		return "(no row)";
	for (i = 0; ar_ubl_columns[i] != NULL; i++)
		if (strcmp(ar_ubl_columns[i], name) == 0)
			return r->f[i];
	return "(no such column)";
}

/*
 * The result shown with the keys of want, "key=value|key=value": a
 * column name, "err" (line:message of a document not imported) or "warn"
 * (line:message of each warning, " / " between).
 */
static const char *
render(const struct result *r, const char *want)
{
	static char out[4096];
	const char *p = want, *bar, *eq;
	size_t o = 0;

	out[0] = '\0';
	while (*p != '\0') {
		char key[64];
		const char *v;
		size_t k;

		bar = strchr(p, '|');
		if (bar == NULL)
			bar = p + strlen(p);
		eq = memchr(p, '=', (size_t)(bar - p));
		k = (size_t)((eq ? eq : bar) - p);
		snprintf(key, sizeof key, "%.*s", (int)k, p);
		if (strcmp(key, "err") == 0)
			v = r->err;
		else if (strcmp(key, "warn") == 0)
			v = r->warns;
		else
			v = col(r, key);
		o += (size_t)snprintf(out + o, sizeof out - o, "%s%s=%s",
		    o ? "|" : "", key, v);
		if (o >= sizeof out)
			break;
		p = *bar ? bar + 1 : bar;
	}
	return out;
}

static const struct {
	const char *name;
	int terms;
	const char *doc;
	const char *want;
} v[] = {
	/* The plain case, and the columns in order. */
	{ "minimal invoice", -1, INV(HEAD(DUE) PAY("100.00")),
	  "invoice_id=A1|type=invoice|customer_id=|customer_name=|issue_date=2024-01-15|"
	  "due_date=2024-02-14|currency=EUR|amount=100.00|reference=|order_ref=|"
	  "customer_email=|customer_vat=|billing_ref=|type_code=|seller_id=|"
	  "seller_name=|source=t.xml|err=|warn=" },

	/* Type and sign. */
	{ "credit note root: positive payable is a negative amount", -1,
	  CN(HEAD(DUE) E("CreditNoteTypeCode", "381") PAY("100.00")),
	  "type=credit_note|amount=-100.00|type_code=381|warn=" },
	{ "credit note root without a type code", -1,
	  CN(HEAD(DUE) PAY("5")), "type=credit_note|amount=-5.00|type_code=" },
	{ "credit note root with zero payable", -1,
	  CN(HEAD(DUE) PAY("0.00")), "type=credit_note|amount=0.00" },
	{ "negated credit note: negative payable is an invoice, positive, warned", -1,
	  CN(HEAD(DUE) E("CreditNoteTypeCode", "381") PAY("-484")),
	  "type=invoice|amount=484.00|type_code=381|warn=9:CreditNote type 381 "
	  "with negative PayableAmount -484.00: a negated credit note, taken as "
	  "an invoice of 484.00" },
	{ "invoice with type code 381 is a credit note", -1,
	  INV(HEAD(DUE) E("InvoiceTypeCode", "381") PAY("100.00")),
	  "type=credit_note|amount=-100.00|type_code=381" },
	{ "UNTDID 1001 81 is a credit note", -1,
	  INV(HEAD(DUE) E("InvoiceTypeCode", "81") PAY("1.00")), "type=credit_note|amount=-1.00" },
	{ "UNTDID 1001 83 is a credit note", -1,
	  INV(HEAD(DUE) E("InvoiceTypeCode", "83") PAY("1.00")), "type=credit_note|amount=-1.00" },
	{ "UNTDID 1001 261 is a credit note", -1,
	  INV(HEAD(DUE) E("InvoiceTypeCode", "261") PAY("1.00")), "type=credit_note|amount=-1.00" },
	{ "UNTDID 1001 262 is a credit note", -1,
	  INV(HEAD(DUE) E("InvoiceTypeCode", "262") PAY("1.00")), "type=credit_note|amount=-1.00" },
	{ "UNTDID 1001 296 is a credit note", -1,
	  INV(HEAD(DUE) E("InvoiceTypeCode", "296") PAY("1.00")), "type=credit_note|amount=-1.00" },
	{ "UNTDID 1001 308 is a credit note", -1,
	  INV(HEAD(DUE) E("InvoiceTypeCode", "308") PAY("1.00")), "type=credit_note|amount=-1.00" },
	{ "UNTDID 1001 396 is a credit note", -1,
	  INV(HEAD(DUE) E("InvoiceTypeCode", "396") PAY("1.00")), "type=credit_note|amount=-1.00" },
	{ "UNTDID 1001 532 is a credit note", -1,
	  INV(HEAD(DUE) E("InvoiceTypeCode", "532") PAY("1.00")), "type=credit_note|amount=-1.00" },
	{ "invoice with code 381 and negative payable is a negated credit note", -1,
	  INV(HEAD(DUE) E("InvoiceTypeCode", "381") PAY("-2.50")),
	  "type=invoice|amount=2.50|warn=9:Invoice type 381 with negative "
	  "PayableAmount -2.50: a negated credit note, taken as an invoice of 2.50" },
	{ "380 is an invoice", -1,
	  INV(HEAD(DUE) E("InvoiceTypeCode", "380") PAY("1.00")), "type=invoice|amount=1.00" },
	{ "384 corrected invoice stays an invoice with its billing reference", -1,
	  INV(HEAD(DUE) E("InvoiceTypeCode", "384")
	  "<cac:BillingReference><cac:InvoiceDocumentReference>" E("ID", "INV-7")
	  E("IssueDate", "2023-12-01") "</cac:InvoiceDocumentReference></cac:BillingReference>\n"
	  PAY("10.00")),
	  "type=invoice|amount=10.00|type_code=384|billing_ref=INV-7" },
	{ "invoice with negative payable is a credit note, negative", -1,
	  INV(HEAD(DUE) E("InvoiceTypeCode", "380") PAY("-225.14")),
	  "type=credit_note|amount=-225.14|warn=" },
	{ "type code trimmed", -1,
	  INV(HEAD(DUE) E("InvoiceTypeCode", " 381\n") PAY("1")),
	  "type=credit_note|type_code=381" },

	/* Amounts and currency. */
	{ "amount without decimals gets the currency's", -1,
	  INV(HEAD(DUE) PAY("729")), "amount=729.00" },
	{ "JPY has no minor unit", -1,
	  INV(E("ID", "J") E("IssueDate", "2024-01-15") DUE E("DocumentCurrencyCode", "JPY")
	  "<cac:LegalMonetaryTotal>" E("PayableAmount", "1500") "</cac:LegalMonetaryTotal>"),
	  "currency=JPY|amount=1500|warn=" },
	{ "KWD has three", -1,
	  INV(E("ID", "K") E("IssueDate", "2024-01-15") DUE E("DocumentCurrencyCode", "KWD")
	  "<cac:LegalMonetaryTotal>" E("PayableAmount", "1.5") "</cac:LegalMonetaryTotal>"),
	  "currency=KWD|amount=1.500" },
	{ "five decimals rounded half away from zero, warned", -1,
	  INV(HEAD(DUE) PAY("100.12500")),
	  "amount=100.13|warn=8:PayableAmount '100.12500' has more decimals than "
	  "EUR has: rounded to 100.13" },
	{ "five decimals rounded down, warned", -1,
	  INV(HEAD(DUE) PAY("-0.00499")),
	  "amount=0.00|warn=8:PayableAmount '-0.00499' has more decimals than "
	  "EUR has: rounded to 0.00" },
	{ "extra zero decimals are not rounding", -1,
	  INV(HEAD(DUE) PAY("100.10000")), "amount=100.10|warn=" },
	{ "credit note with five decimals", -1,
	  CN(HEAD(DUE) PAY("0.12345")),
	  "type=credit_note|amount=-0.12|warn=8:PayableAmount '0.12345' has more "
	  "decimals than EUR has: rounded to 0.12" },
	{ "currencyID other than the document currency is a warning", -1,
	  INV(HEAD(DUE) "<cac:LegalMonetaryTotal><cbc:PayableAmount currencyID=\"USD\">"
	  "5.00</cbc:PayableAmount></cac:LegalMonetaryTotal>"),
	  "currency=EUR|amount=5.00|warn=7:PayableAmount currencyID 'USD' is not "
	  "the DocumentCurrencyCode EUR: taken as EUR" },
	{ "tax currency is not the invoice currency", -1,
	  INV(HEAD(DUE) E("TaxCurrencyCode", "SEK")
	  "<cac:TaxTotal><cbc:TaxAmount currencyID=\"SEK\">93.24</cbc:TaxAmount></cac:TaxTotal>\n"
	  PAY("61.25")),
	  "currency=EUR|amount=61.25|warn=" },
	{ "payable, not tax inclusive, prepaid or rounding amounts", -1,
	  INV(HEAD(DUE) "<cac:LegalMonetaryTotal>\n"
	  "<cbc:TaxInclusiveAmount currencyID=\"EUR\">1801.78</cbc:TaxInclusiveAmount>\n"
	  "<cbc:PrepaidAmount currencyID=\"EUR\">1000</cbc:PrepaidAmount>\n"
	  "<cbc:PayableRoundingAmount currencyID=\"EUR\">0.22</cbc:PayableRoundingAmount>\n"
	  "<cbc:PayableAmount currencyID=\"EUR\">802.00</cbc:PayableAmount>\n"
	  "</cac:LegalMonetaryTotal>\n"),
	  "amount=802.00" },
	{ "a payable amount elsewhere is not the document's", -1,
	  INV(HEAD(DUE) "<cac:InvoiceLine>" E("ID", "1")
	  "<cac:LegalMonetaryTotal>" E("PayableAmount", "999") "</cac:LegalMonetaryTotal>"
	  "</cac:InvoiceLine>\n" PAY("1.00")),
	  "invoice_id=A1|amount=1.00" },
	{ "payable amount before the currency", -1,
	  INV(E("ID", "A1") E("IssueDate", "2024-01-15") DUE PAY("3.5")
	  E("DocumentCurrencyCode", "EUR")),
	  "currency=EUR|amount=3.50|err=" },
	{ "bad amount before the currency: skipped at its line", -1,
	  INV(E("ID", "A1") E("IssueDate", "2024-01-15") DUE PAY("3.5x")
	  E("DocumentCurrencyCode", "EUR")),
	  "err=7:PayableAmount '3.5x': not a number" },
	{ "bad amount fails at its line", -1,
	  INV(HEAD(DUE) PAY("12,5x")), "err=8:PayableAmount '12,5x': not a number" },
	{ "decimal comma is not an xsd:decimal", -1,
	  INV(HEAD(DUE) PAY("12,50")), "err=8:PayableAmount '12,50': not a number" },
	{ "amount out of range", -1,
	  INV(HEAD(DUE) PAY("92233720368547758.08")),
	  "err=8:PayableAmount '92233720368547758.08': amount out of range" },
	{ "credit note of the most negative int64 amount: out of range", -1,
	  CN(HEAD(DUE) PAY("-92233720368547758.08")),
	  "err=8:PayableAmount '-92233720368547758.08': amount out of range" },
	{ "unknown currency", -1,
	  INV(E("ID", "A1") E("IssueDate", "2024-01-15") E("DocumentCurrencyCode", "XYZ") PAY("1")),
	  "err=5:DocumentCurrencyCode 'XYZ': unknown currency" },
	{ "currency code in lower case is unknown", -1,
	  INV(E("ID", "A1") E("IssueDate", "2024-01-15") E("DocumentCurrencyCode", "eur") PAY("1")),
	  "err=5:DocumentCurrencyCode 'eur': unknown currency" },

	/* Required values. */
	{ "missing PayableAmount", -1, INV(HEAD(DUE)),
	  "err=2:missing cac:LegalMonetaryTotal/cbc:PayableAmount" },
	{ "empty PayableAmount", -1, INV(HEAD(DUE) PAY(" ")),
	  "err=2:missing cac:LegalMonetaryTotal/cbc:PayableAmount" },
	{ "missing ID", -1,
	  INV(E("IssueDate", "2024-01-15") E("DocumentCurrencyCode", "EUR") PAY("1")),
	  "err=2:missing cbc:ID (the document number)" },
	{ "blank ID", -1,
	  INV(E("ID", " \n ") E("IssueDate", "2024-01-15") E("DocumentCurrencyCode", "EUR") PAY("1")),
	  "err=2:missing cbc:ID (the document number)" },
	{ "missing IssueDate", -1,
	  INV(E("ID", "A1") E("DocumentCurrencyCode", "EUR") PAY("1")),
	  "err=2:missing cbc:IssueDate" },
	{ "missing DocumentCurrencyCode", -1,
	  INV(E("ID", "A1") E("IssueDate", "2024-01-15") PAY("1")),
	  "err=2:missing cbc:DocumentCurrencyCode" },
	{ "only nested IDs: no document ID", -1,
	  INV("<cac:OrderReference>" E("ID", "PO1") "</cac:OrderReference>\n"
	  E("IssueDate", "2024-01-15") E("DocumentCurrencyCode", "EUR")
	  "<cac:InvoiceLine>" E("ID", "1") "</cac:InvoiceLine>\n" PAY("1")),
	  "err=2:missing cbc:ID (the document number)" },

	/* Dates. */
	{ "bad issue date fails at its line", -1,
	  INV(E("ID", "A1") E("IssueDate", "2024-02-30") PAY("1")),
	  "err=4:IssueDate '2024-02-30': no such day" },
	{ "bad due date fails at its line", -1,
	  INV(E("ID", "A1") E("IssueDate", "2024-01-15") E("DueDate", "15.02.2024") PAY("1")),
	  "err=5:DueDate '15.02.2024': not a date (expected YYYY-MM-DD)" },
	{ "xsd:date with time zone Z", -1,
	  INV(E("ID", "A1") E("IssueDate", "2024-01-15Z") E("DueDate", "2024-02-14+01:00")
	  E("DocumentCurrencyCode", "EUR") PAY("1")),
	  "issue_date=2024-01-15|due_date=2024-02-14|err=" },
	{ "xsd:date with a bad time zone", -1,
	  INV(E("ID", "A1") E("IssueDate", "2024-01-15+1:00") PAY("1")),
	  "err=4:IssueDate '2024-01-15+1:00': bad time zone offset" },
	{ "date-time taken as its date as written", -1,
	  INV(E("ID", "A1") E("IssueDate", "2024-01-15T23:30:00-05:00") DUE
	  E("DocumentCurrencyCode", "EUR") PAY("1")),
	  "issue_date=2024-01-15|err=" },

	/* Due date sources, in order. */
	{ "DueDate wins over PaymentMeans and PaymentTerms", -1,
	  INV(HEAD(DUE) PM(E("PaymentDueDate", "2024-03-01"))
	  "<cac:PaymentTerms>" E("PaymentDueDate", "2024-04-01") "</cac:PaymentTerms>\n"
	  PAY("1")),
	  "due_date=2024-02-14|warn=" },
	{ "PaymentMeans/PaymentDueDate when no DueDate", -1,
	  CN(HEAD("") PM(E("PaymentDueDate", "2024-03-01"))
	  "<cac:PaymentTerms>" E("PaymentDueDate", "2024-04-01") "</cac:PaymentTerms>\n"
	  PAY("1")),
	  "due_date=2024-03-01|warn=" },
	{ "the first PaymentMeans with a PaymentDueDate", -1,
	  INV(HEAD("") PM("") PM(E("PaymentDueDate", "2024-03-02"))
	  PM(E("PaymentDueDate", "2024-03-03")) PAY("1")),
	  "due_date=2024-03-02|warn=" },
	{ "PaymentTerms/PaymentDueDate when neither", -1,
	  INV(HEAD("") PM("") "<cac:PaymentTerms>" E("Note", "30 days")
	  E("PaymentDueDate", "2024-04-01") "</cac:PaymentTerms>\n" PAY("1")),
	  "due_date=2024-04-01|warn=" },
	{ "PaymentTerms settlement period end", -1,
	  INV(HEAD("") "<cac:PaymentTerms><cac:SettlementPeriod>"
	  E("StartDate", "2024-01-15") E("EndDate", "2024-02-15")
	  "</cac:SettlementPeriod></cac:PaymentTerms>\n" PAY("1")),
	  "due_date=2024-02-15|warn=" },
	{ "settlement period of a discount is not the due date", -1,
	  INV(HEAD("") "<cac:PaymentTerms>" E("SettlementDiscountPercent", "2")
	  "<cac:SettlementPeriod>" E("EndDate", "2024-01-25")
	  "</cac:SettlementPeriod></cac:PaymentTerms>\n" PAY("1")),
	  "due_date=|warn=2:no due date in the document" },
	{ "PaymentTerms/PaymentDueDate wins over a settlement period", -1,
	  INV(HEAD("") "<cac:PaymentTerms><cac:SettlementPeriod>" E("EndDate", "2024-02-15")
	  "</cac:SettlementPeriod></cac:PaymentTerms>\n"
	  "<cac:PaymentTerms>" E("PaymentDueDate", "2024-03-15") "</cac:PaymentTerms>\n"
	  PAY("1")),
	  "due_date=2024-03-15" },
	{ "a bad date in an unused source does not matter", -1,
	  INV(HEAD(DUE) PM(E("PaymentDueDate", "soon")) PAY("1")),
	  "due_date=2024-02-14|err=" },
	{ "a bad PaymentDueDate that is used fails", -1,
	  INV(HEAD("") PM(E("PaymentDueDate", "2024-13-01")) PAY("1")),
	  "err=8:PaymentDueDate '2024-13-01': no such day" },
	{ "a payment terms note is not a date", -1,
	  INV(HEAD("") "<cac:PaymentTerms>" E("Note", "Payment within 30 days")
	  "</cac:PaymentTerms>\n" PAY("1")),
	  "due_date=|warn=2:no due date in the document" },
	{ "no due date, terms 30", 30, INV(HEAD("") PAY("1")),
	  "due_date=2024-02-14|warn=2:no due date in the document: issue date + 30 "
	  "days = 2024-02-14" },
	{ "no due date, terms 0", 0, INV(HEAD("") PAY("1")),
	  "due_date=2024-01-15|warn=2:no due date in the document: issue date + 0 "
	  "days = 2024-01-15" },
	{ "terms are not used when the document has a due date", 30,
	  INV(HEAD(DUE) PAY("1")), "due_date=2024-02-14|warn=" },

	/* Payment reference. */
	{ "PaymentID of the first PaymentMeans that has one", -1,
	  INV(HEAD(DUE) PM("") PM(E("PaymentID", "PGR12345")) PM(E("PaymentID", "OTHER"))
	  PAY("1")),
	  "reference=PGR12345" },
	{ "PaymentID as written, trimmed", -1,
	  INV(HEAD(DUE) PM(E("PaymentID", "  Deb. 10202 / Fact. 12115118 \n")) PAY("1")),
	  "reference=Deb. 10202 / Fact. 12115118" },
	{ "RF in its electronic form", -1,
	  INV(HEAD(DUE) PM(E("PaymentID", "RF18 5390 0754 7034")) PAY("1")),
	  "reference=RF18539007547034" },
	{ "OGM in its electronic form", -1,
	  CN(HEAD(DUE) PM(E("PaymentID", "+++010/6766/09538+++")) PAY("1")),
	  "reference=010676609538" },
	{ "kenmerk in its electronic form", -1,
	  INV(HEAD(DUE) PM(E("PaymentID", "(5)000 0567 8901 2345")) PAY("1")),
	  "reference=5000056789012345" },
	{ "invalid kenmerk kept as written", -1,
	  INV(HEAD(DUE) PM(E("PaymentID", "2015 0483 0000 0000")) PAY("1")),
	  "reference=2015 0483 0000 0000" },
	{ "invalid OGM kept as written", -1,
	  INV(HEAD(DUE) PM(E("PaymentID", "+++123/4567/89012+++")) PAY("1")),
	  "reference=+++123/4567/89012+++" },
	{ "an IBAN is not a payment reference: kept as written", -1,
	  INV(HEAD(DUE) PM(E("PaymentID", "NL91 ABNA 0417 1643 00")) PAY("1")),
	  "reference=NL91 ABNA 0417 1643 00" },
	{ "a mandate or account ID is not the reference", -1,
	  INV(HEAD(DUE) PM("<cac:PayeeFinancialAccount>" E("ID", "NL91ABNA0417164300")
	  "</cac:PayeeFinancialAccount><cac:PaymentMandate>" E("ID", "M1")
	  "</cac:PaymentMandate>") PAY("1")),
	  "reference=" },

	/* The buyer and the seller. */
	{ "customer: PartyIdentification first, the legal name, VAT, email", -1,
	  INV(HEAD(DUE) CUST(
	  "<cbc:EndpointID schemeID=\"0088\">5790000436057</cbc:EndpointID>\n"
	  "<cac:PartyIdentification><cbc:ID schemeID=\"0088\">C-1</cbc:ID></cac:PartyIdentification>\n"
	  "<cac:PartyIdentification>" E("ID", "C-2") "</cac:PartyIdentification>\n"
	  "<cac:PartyName>" E("Name", "Buyco") "</cac:PartyName>\n"
	  "<cac:PartyTaxScheme>" E("CompanyID", "123/456") "<cac:TaxScheme>" E("ID", "FC")
	  "</cac:TaxScheme></cac:PartyTaxScheme>\n"
	  "<cac:PartyTaxScheme>" E("CompanyID", "DK16356607") "<cac:TaxScheme>" E("ID", "VAT")
	  "</cac:TaxScheme></cac:PartyTaxScheme>\n"
	  "<cac:PartyLegalEntity>" E("RegistrationName", "Buyercompany ltd")
	  E("CompanyID", "DK99") "</cac:PartyLegalEntity>\n"
	  "<cac:Contact>" E("Name", "John") E("ElectronicMail", "john@buyco.dk") "</cac:Contact>\n")
	  PAY("1")),
	  "customer_id=C-1|customer_name=Buyercompany ltd|customer_vat=DK16356607|"
	  "customer_email=john@buyco.dk" },
	{ "customer id: EndpointID when no PartyIdentification", -1,
	  INV(HEAD(DUE) CUST(E("EndpointID", "0000000295")
	  "<cac:PartyLegalEntity>" E("CompanyID", "LE1") "</cac:PartyLegalEntity>") PAY("1")),
	  "customer_id=0000000295" },
	{ "customer id: legal CompanyID when no EndpointID", -1,
	  INV(HEAD(DUE) CUST("<cac:PartyTaxScheme>" E("CompanyID", "BE0000000295")
	  "<cac:TaxScheme>" E("ID", "VAT") "</cac:TaxScheme></cac:PartyTaxScheme>"
	  "<cac:PartyLegalEntity>" E("CompanyID", "LE1") "</cac:PartyLegalEntity>") PAY("1")),
	  "customer_id=LE1|customer_vat=BE0000000295" },
	{ "customer id: the VAT number last", -1,
	  INV(HEAD(DUE) CUST("<cac:PartyTaxScheme>" E("CompanyID", "BE0000000295")
	  "<cac:TaxScheme>" E("ID", "VAT") "</cac:TaxScheme></cac:PartyTaxScheme>") PAY("1")),
	  "customer_id=BE0000000295|customer_vat=BE0000000295" },
	{ "customer vat: the first scheme when none is VAT", -1,
	  INV(HEAD(DUE) CUST("<cac:PartyTaxScheme>" E("CompanyID", "NO987654325MVA")
	  "<cac:TaxScheme>" E("ID", "TAX") "</cac:TaxScheme></cac:PartyTaxScheme>"
	  "<cac:PartyTaxScheme>" E("CompanyID", "X2")
	  "<cac:TaxScheme>" E("ID", "FC") "</cac:TaxScheme></cac:PartyTaxScheme>") PAY("1")),
	  "customer_vat=NO987654325MVA" },
	{ "customer name: the trading name when no legal name", -1,
	  INV(HEAD(DUE) CUST("<cac:PartyName>" E("Name", "Buyco") "</cac:PartyName>") PAY("1")),
	  "customer_name=Buyco" },
	{ "names trimmed, line breaks and tabs made one space", -1,
	  INV(HEAD(DUE) CUST("<cac:PartyLegalEntity>"
	  E("RegistrationName", "\n   My Customer\n\t  Company  S.A.\t")
	  "</cac:PartyLegalEntity>")
	  SELL("<cac:PartyName>" E("Name", " Sel\r\nCo ") "</cac:PartyName>") PAY("1")),
	  "customer_name=My Customer Company  S.A.|seller_name=Sel Co" },
	{ "seller: the same rules", -1,
	  INV(HEAD(DUE) SELL(E("EndpointID", "seller@example.com")
	  "<cac:PartyName>" E("Name", "SelCo") "</cac:PartyName>"
	  "<cac:PartyLegalEntity>" E("RegistrationName", "SellerCompany") "</cac:PartyLegalEntity>")
	  CUST("<cac:PartyName>" E("Name", "Buyco") "</cac:PartyName>") PAY("1")),
	  "seller_id=seller@example.com|seller_name=SellerCompany|customer_name=Buyco|"
	  "customer_id=" },
	{ "other parties are not the buyer", -1,
	  INV(HEAD(DUE) "<cac:PayeeParty><cac:PartyName>" E("Name", "Payee")
	  "</cac:PartyName></cac:PayeeParty>\n"
	  "<cac:Delivery><cac:DeliveryParty><cac:PartyName>" E("Name", "Dock 4")
	  "</cac:PartyName></cac:DeliveryParty></cac:Delivery>\n"
	  "<cac:AccountingCustomerParty>" E("SupplierAssignedAccountID", "47805")
	  "<cac:Party><cac:Contact>" E("ElectronicMail", "a@b.example")
	  "</cac:Contact></cac:Party></cac:AccountingCustomerParty>\n" PAY("1")),
	  "customer_name=|customer_id=|customer_email=a@b.example" },

	/* Order and billing references. */
	{ "order_ref: OrderReference/ID", -1,
	  INV(HEAD(DUE) E("BuyerReference", "0150abc")
	  "<cac:OrderReference>" E("ID", "PO4711") E("SalesOrderID", "123")
	  "</cac:OrderReference>\n" PAY("1")),
	  "order_ref=PO4711" },
	{ "order_ref: BuyerReference when no OrderReference", -1,
	  INV(HEAD(DUE) E("BuyerReference", " 0150abc ") PAY("1")),
	  "order_ref=0150abc" },
	{ "billing_ref: the first", -1,
	  CN(HEAD(DUE)
	  "<cac:BillingReference><cac:InvoiceDocumentReference>" E("ID", "V01/1")
	  "</cac:InvoiceDocumentReference></cac:BillingReference>\n"
	  "<cac:BillingReference><cac:InvoiceDocumentReference>" E("ID", "V01/2")
	  "</cac:InvoiceDocumentReference></cac:BillingReference>\n" PAY("1")),
	  "billing_ref=V01/1" },

	/* Namespaces and nesting. */
	{ "nested and foreign IDs are not the document's", -1,
	  INV("<ext:UBLExtensions xmlns:ext=\"" NS "CommonExtensionComponents-2\">"
	  "<ext:UBLExtension><ext:ExtensionContent>" E("ID", "EXT") E("IssueDate", "1999-01-01")
	  "</ext:ExtensionContent></ext:UBLExtension></ext:UBLExtensions>\n"
	  "<x:ID xmlns:x=\"urn:example:other\">FOREIGN</x:ID>\n"
	  "<ID>NO-NAMESPACE</ID>\n"
	  "<cac:AdditionalDocumentReference>" E("ID", "DOC1") "</cac:AdditionalDocumentReference>\n"
	  HEAD(DUE)
	  "<cac:InvoiceLine>" E("ID", "1") "<cac:OrderLineReference>" E("LineID", "1")
	  "</cac:OrderLineReference></cac:InvoiceLine>\n" PAY("1")),
	  "invoice_id=A1|issue_date=2024-01-15|err=" },
	{ "a UBL element inside a foreign one is skipped", -1,
	  INV(HEAD(DUE) "<x:Wrap xmlns:x=\"urn:example:other\">"
	  "<cac:PaymentMeans>" E("PaymentID", "HIDDEN") "</cac:PaymentMeans></x:Wrap>\n"
	  PM(E("PaymentID", "SEEN")) PAY("1")),
	  "reference=SEEN" },
	{ "the first of a repeated value wins", -1,
	  INV(HEAD(DUE) E("ID", "A2") PAY("1")), "invoice_id=A1" },
	{ "a root that is not UBL", -1,
	  "<Invoice xmlns=\"urn:example:not-ubl\"><ID>1</ID></Invoice>",
	  "err=1:<Invoice> is not a UBL 2.1 Invoice or CreditNote" },
	{ "a CreditNote in the Invoice namespace is not UBL", -1,
	  "<CreditNote xmlns=\"" NS "Invoice-2\"/>",
	  "err=1:<CreditNote> is not a UBL 2.1 Invoice or CreditNote" },
	{ "prefixed root and default-namespace children", -1,
	  "<ubl:Invoice xmlns:ubl=\"" NS "Invoice-2\">"
	  "<ID xmlns=\"" NS "CommonBasicComponents-2\">P1</ID>"
	  "<IssueDate xmlns=\"" NS "CommonBasicComponents-2\">2024-01-15</IssueDate>"
	  "<DocumentCurrencyCode xmlns=\"" NS "CommonBasicComponents-2\">EUR</DocumentCurrencyCode>"
	  "<LegalMonetaryTotal xmlns=\"" NS "CommonAggregateComponents-2\">"
	  "<PayableAmount xmlns=\"" NS "CommonBasicComponents-2\">7</PayableAmount>"
	  "</LegalMonetaryTotal></ubl:Invoice>",
	  "invoice_id=P1|amount=7.00" },
	{ "entities in values", -1,
	  INV(HEAD(DUE) CUST("<cac:PartyName>" E("Name", "Smith &amp; Sons") "</cac:PartyName>")
	  PAY("1")),
	  "customer_name=Smith & Sons" },
};

static void
test_is_root(void)
{
	ok(ar_ubl_is_root("Invoice", NS "Invoice-2"), "is_root: Invoice");
	ok(ar_ubl_is_root("CreditNote", NS "CreditNote-2"), "is_root: CreditNote");
	ok(!ar_ubl_is_root("Invoice", NS "CreditNote-2"), "is_root: Invoice in the CreditNote namespace");
	ok(!ar_ubl_is_root("Invoice", ""), "is_root: Invoice without namespace");
	ok(!ar_ubl_is_root("Document",
	    "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"), "is_root: camt.053");
	is_int((long long)ar_ubl_ncolumns(), 17, "17 columns");
	is_str(ar_ubl_columns[0], "invoice_id", "first column");
	is_str(ar_ubl_columns[16], "source", "last column");
	ok(ar_ubl_columns[17] == NULL, "columns NULL-terminated");
}

/* A 20 MB base64 attachment before the values: read, not kept. */
static void
test_attachment(void)
{
	static const char head[] = INV(E("ID", "BIG-1") E("IssueDate", "2024-01-15") DUE
	    E("DocumentCurrencyCode", "EUR")
	    "<cac:AdditionalDocumentReference>" E("ID", "invoice.pdf")
	    "<cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode=\"application/pdf\" "
	    "filename=\"invoice.pdf\">");
	static const char tail[] = "</cbc:EmbeddedDocumentBinaryObject></cac:Attachment>"
	    "</cac:AdditionalDocumentReference>\n"
	    PM(E("PaymentID", "RF18 5390 0754 7034")) PAY("1234.56") "</Invoice>\n";
	size_t big = 20 * 1024 * 1024, hn, i, n;
	struct result r = { 0 };
	char *doc, *p;

	/* head ends with "</Invoice>\n" from the macro: cut it off. */
	hn = strlen(head) - strlen("</Invoice>\n");
	n = hn + big + big / 76 + strlen(tail);
	doc = malloc(n + 1);
	memcpy(doc, head, hn);
	p = doc + hn;
	for (i = 0; i < big; i++) {
		*p++ = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[i % 64];
		if (i % 76 == 75)
			*p++ = '\n';
	}
	memcpy(p, tail, strlen(tail));
	p += strlen(tail);
	run_doc(doc, (size_t)(p - doc), -1, &r);
	is_str(render(&r, "invoice_id=|amount=|reference=|due_date=|err=|warn="),
	    "invoice_id=BIG-1|amount=1234.56|reference=RF18539007547034|"
	    "due_date=2024-02-14|err=|warn=",
	    "20 MB embedded attachment skipped, values after it read");
	clear(&r);
	free(doc);
}

/*
 * The shared fixtures.  Every expected value is from MANIFEST.md: the
 * document's kind, ID, type code, dates, currency, PayableAmount (a credit
 * note's negated, per the sign rule), the PaymentID of the first
 * PaymentMeans that has one, BillingReference, BuyerReference (order_ref
 * when the file has no OrderReference, whose ID the MANIFEST does not
 * record: then order_ref is not checked), and the Buyer and Seller names
 * (the legal names, RegistrationName).  A DueDate of None there means an
 * empty due_date and the "no due date" warning.
 */
static const struct fix {
	const char *file, *id, *type, *code, *issue, *due, *cur, *amount,
	    *ref, *billing, *order, *buyer, *seller;
} fx[] = {
	{ "peppol-base-example.xml", "Snippet1", "invoice", "380", "2017-11-13",
	  "2017-12-01", "EUR", "1656.25", "Snippet1", "", "0150abc",
	  "Buyer Official Name", "SupplierOfficialName Ltd" },
	{ "peppol-allowance-example-taxcurrency-sek.xml", "Snippet1", "invoice", "380",
	  "2017-11-13", "2017-12-01", "EUR", "6125.00", "Snippet1", "", "0150abc",
	  "Buyer Official Name", "SupplierOfficialName Ltd" },
	{ "peppol-base-creditnote-correction.xml", "Snippet1", "credit_note", "381",
	  "2017-11-13", "", "EUR", "-1656.25", "Snippet1", "Snippet1", "0150abc",
	  "Buyer Official Name", "SupplierOfficialName Ltd" },
	{ "peppol-base-negative-invoice-correction.xml", "Correction1", "credit_note", "380",
	  "2017-11-13", "2017-12-01", "EUR", "-1656.25", "Snippet1", "Snippet1", "0150abc",
	  "Buyer Official Name", "SupplierOfficialName Ltd" },
	{ "peppol-vat-category-O-sek.xml", "Vat-O", "invoice", "380", "2018-08-30", "",
	  "SEK", "3200.00", "", "", "test reference", "The Buyercompany",
	  "The Sellercompany Incorporated" },
	{ "peppol-vat-category-E-gbp.xml", "Vat-Z", "invoice", "380", "2018-08-30", "",
	  "GBP", "1200.00", "", "", "test reference", "The Buyercompany",
	  "The Sellercompany Incorporated" },
	{ "peppol-no-norwegian-example-1-nok-kid.xml", "TOSL108", "invoice", "380",
	  "2013-06-30", "2013-07-20", "NOK", "802.00", "0003434323213231", "", NULL,
	  "Buyercompany ASA", "The Sellercompany ASA" },
	{ "en16931-ubl-tc434-creditnote1-be-ogm.xml", "018304 / 28865", "credit_note", "381",
	  "2019-09-23", "", "EUR", "-100.11", "010676609538", "", "018304 / 28865",
	  "My Customer Company", "My Supplier Company" },
	{ "en16931-ubl-tc434-example1-nl-20lines.xml", "12115118", "invoice", "380",
	  "2015-01-09", "2015-01-09", "EUR", "250.33", "Deb. 10202 / Fact. 12115118", "", "",
	  "ODIN 59", "De Koksmaat" },
	{ "en16931-ubl-tc434-example5-dkk-directdebit.xml", "TOSL110", "invoice", "380",
	  "2013-04-10", "2013-05-10", "DKK", "2337.50", "Payref1", "TOSL109", NULL,
	  "Buyercompany ltd", "SellerCompany" },
	{ "en16931-ubl-tc434-example9-nl-betalingskenmerk.xml", "20150483", "invoice", "380",
	  "2015-04-01", "2015-04-14", "EUR", "177.87", "2015 0483 0000 0000", "", "",
	  "Provide Verzekeringen", "Bluem BV" },
	{ "siubl-2.0.3.2-ok-base.xml", "12115118", "invoice", "380", "2015-01-09",
	  "2015-01-09", "EUR", "227.00", "Deb. 10202 / Fact. 12115118", "", NULL,
	  "Ontvanger", "SimplerInvoicing" },
	{ "siubl-2.0.3.2-ok-full.xml", "TOSL108", "invoice", "380", "2009-12-15", "",
	  "EUR", "729.00", "Payref1", "", NULL, "The buyercompany inc.",
	  "The Sellercompany Incorporated" },
	{ "siubl-2.0.3.2-ok-allowance.xml", "12115118", "invoice", "380", "2015-01-09",
	  "2015-01-09", "EUR", "106.00", "Deb. 10202 / Fact. 12115118", "", NULL,
	  "Ontvanger", "SimplerInvoicing" },
	{ "siubl-2.0.3.2-ok-charge.xml", "12115118", "invoice", "380", "2015-01-09",
	  "2015-01-09", "EUR", "348.00", "Deb. 10202 / Fact. 12115118", "", NULL,
	  "Ontvanger", "SimplerInvoicing" },
	{ "siubl-2.0.3.2-ok-negative.xml", "12115118", "credit_note", "380", "2015-01-09",
	  "2015-01-09", "EUR", "-242.00", "Deb. 10202 / Fact. 12115118", "", NULL,
	  "Ontvanger", "SimplerInvoicing" },
	{ "siubl-2.0.3.2-creditnote-381-ok.xml", "12115118", "credit_note", "381",
	  "2015-01-09", "", "EUR", "-227.00", "Deb. 10202 / Fact. 12115118", "46568", NULL,
	  "Ontvanger", "SimplerInvoicing" },
	{ "siubl-2.0-ext-gaccount-ok-sample.xml", "12115118", "invoice", "380",
	  "2015-01-09", "2015-01-09", "EUR", "771.98", "PGR12345", "", NULL,
	  "Ontvanger", "SimplerInvoicing" },
	{ "xrechnung-01.01a-invoice.xml", "123456XX", "invoice", "380", "2016-04-04", "",
	  "EUR", "336.90", "", "", "04011000-12345-03", "[Buyer name]", "[Seller name]" },
	{ "xrechnung-01.15a-invoice-paymentid.xml", "0000123456", "invoice", "380",
	  "2017-12-11", "2018-01-10", "EUR", "10686.20", "0000123456", "", NULL,
	  "[Buyer name]", "[Seller name]" },
	{ "xrechnung-01.17a-invoice-rounding.xml", "123456XX", "invoice", "380",
	  "2016-04-04", "", "EUR", "336.91", "", "", "04011000-12345-03",
	  "[Buyer name]", "[Seller name]" },
	{ "xrechnung-01.18a-corrected-invoice-384.xml", "PRG1502112", "invoice", "384",
	  "2015-04-24", "", "EUR", "10555.30", "", "PRG1502168", "99000000-18188-18",
	  "[Buyer name]", "[Seller name]" },
	{ "xrechnung-02.01a-invoice-taxcurrency-gbp.xml", "1234567", "invoice", "380",
	  "2018-04-13", "2018-04-13", "EUR", "12829.69", "Deb. 12345 / Fact. 9876543", "",
	  NULL, "[Buyer name]", "[Seller name]" },
	{ "xrechnung-03.01a-directdebit-negative-payable.xml", "123456789", "credit_note",
	  "380", "2019-02-28", "2019-03-14", "EUR", "-225.14", "", "", "90000000-03083-72",
	  "[Buyer name]", "[Seller name]" },
	{ "xrechnung-2.1-creditnote-381.xml", "1234567", "credit_note", "381", "2018-04-13",
	  "", "EUR", "-12829.69", "Deb. 12345 / Fact. 9876543", "", NULL, "[Buyer name]",
	  "[Seller trading name]" },
	{ "ublbe-15000002-creditnote.xml", "V01/15000002", "credit_note", "381",
	  "2018-04-09", "", "EUR", "-484.00", "Credit note 15000002", "V01/15000001", NULL,
	  "My Customer Company", "My Supplier Company" },
	/* A negated credit note: a charge to the customer (see ubl.h). */
	{ "ublbe-15000024-creditnote-negative-amounts.xml", "V01/15000024", "invoice", "381",
	  "2018-04-09", "", "EUR", "484.00", "Credit note 15000024", "V01/15000001", NULL,
	  "My Customer Company", "My Supplier Company" },
	{ "ublbe-15000023-invoice-usd-taxcurrency-eur.xml", "V01/15000023", "invoice", "380",
	  "2018-04-09", "2018-05-09", "USD", "484.00", "Invoice 15000023", "", NULL,
	  "My Customer Company", "My Supplier Company" },
	{ "oasis-ubl-2.1-invoice-example.xml", "TOSL108", "invoice", "380", "2009-12-15",
	  "2009-12-31", "EUR", "729.00", "Payref1", "", NULL, "The buyercompany inc.",
	  "The Sellercompany Incorporated" },
	{ "oasis-ubl-2.1-creditnote-example.xml", "TOSL108", "credit_note", "", "2009-12-15",
	  "", "EUR", "-729.00", "", "", NULL, "The buyercompany inc.",
	  "The Sellercompany Incorporated" },
};
#define NFX (sizeof fx / sizeof fx[0])

/*
 * The line where a file's first element's start tag ends, as libxml2
 * counts the line of a start tag: the first '<' a letter follows (not a
 * declaration, comment or processing instruction), then its '>' outside
 * quoted attribute values.
 */
static long
root_line(FILE *fp)
{
	long line = 1;
	int c, prev = 0, in = 0, quote = 0;

	rewind(fp);
	while ((c = getc(fp)) != EOF) {
		if (c == '\n')
			line++;
		if (!in)
			in = prev == '<' &&
			    (c == '_' || ((c | 32) >= 'a' && (c | 32) <= 'z'));
		else if (quote != 0) {
			if (c == quote)
				quote = 0;
		} else if (c == '"' || c == '\'')
			quote = c;
		else if (c == '>')
			return line;
		prev = c;
	}
	return 0;
}

static void
check_fixture(const char *dir, const struct fix *f)
{
	char path[8192], want[2048], wwarn[512];
	struct result r = { 0 };
	FILE *fp;
	long root;
	int n;

	snprintf(path, sizeof path, "%s/%s", dir, f->file);
	if ((fp = fopen(path, "r")) == NULL) {
		ok(0, "%s: cannot open", f->file);
		return;
	}
	run_fp(fp, f->file, -1, &r);
	root = root_line(fp);
	fclose(fp);
	n = snprintf(want, sizeof want, "invoice_id=%s|type=%s|type_code=%s|"
	    "issue_date=%s|due_date=%s|currency=%s|amount=%s|reference=%s|"
	    "billing_ref=%s|customer_name=%s|seller_name=%s|source=%s|err=",
	    f->id, f->type, f->code, f->issue, f->due, f->cur, f->amount,
	    f->ref, f->billing, f->buyer, f->seller, f->file);
	if (f->order != NULL)
		snprintf(want + n, sizeof want - (size_t)n, "|order_ref=%s", f->order);
	is_str(render(&r, want), want, "%s: MANIFEST values", f->file);

	wwarn[0] = '\0';
	if (strcmp(f->amount, "484.00") == 0 && strcmp(f->code, "381") == 0)
		snprintf(wwarn, sizeof wwarn, "132:CreditNote type 381 with negative "
		    "PayableAmount -484.00: a negated credit note, taken as an "
		    "invoice of 484.00");
	if (*f->due == '\0')
		snprintf(wwarn + strlen(wwarn), sizeof wwarn - strlen(wwarn),
		    "%s%ld:no due date in the document", *wwarn ? " / " : "",
		    root);
	is_str(r.warns, wwarn, "%s: warnings", f->file);
	clear(&r);
}

static void
test_shared(void)
{
	const char *shared = getenv("ARTOOLS_SHARED"), *srcdir = getenv("srcdir");
	char dir[4096];
	int seen[NFX] = { 0 };
	struct dirent *de;
	size_t i, nfiles = 0;
	DIR *d;

	if (shared != NULL)
		snprintf(dir, sizeof dir, "%s/testdata/ubl", shared);
	else
		snprintf(dir, sizeof dir, "%s/../shared/testdata/ubl",
		    srcdir != NULL ? srcdir : ".");
	if ((d = opendir(dir)) == NULL) {
		printf("# skip: %s not found (set ARTOOLS_SHARED)\n", dir);
		ok(1, "shared UBL test data skipped: not present");
		return;
	}
	while ((de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name);

		if (n < 5 || strcmp(de->d_name + n - 4, ".xml") != 0)
			continue;
		nfiles++;
		for (i = 0; i < NFX; i++)
			if (strcmp(fx[i].file, de->d_name) == 0)
				break;
		if (i < NFX) {
			seen[i] = 1;
			check_fixture(dir, &fx[i]);
		} else {
			/* Not in the table: it must at least import. */
			char path[8192];
			struct result r = { 0 };
			FILE *fp;

			snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
			if ((fp = fopen(path, "r")) == NULL) {
				ok(0, "%s: cannot open", de->d_name);
				continue;
			}
			run_fp(fp, de->d_name, -1, &r);
			fclose(fp);
			ok(r.row == 1 && r.err[0] == '\0', "%s: imported (no MANIFEST "
			    "values in this test) %s", de->d_name, r.err);
			clear(&r);
		}
	}
	closedir(d);
	for (i = 0; i < NFX; i++)
		if (!seen[i])
			ok(0, "%s: listed in MANIFEST.md but not found", fx[i].file);
	ok(nfiles >= NFX, "%zu UBL files in the shared test data", nfiles);
}

int
main(void)
{
	struct result r = { 0 };
	size_t i;

	test_is_root();
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		run_doc(v[i].doc, strlen(v[i].doc), v[i].terms, &r);
		is_str(render(&r, v[i].want), v[i].want, "%s", v[i].name);
		clear(&r);
	}
	test_attachment();
	test_shared();
	return tap_done();
}
