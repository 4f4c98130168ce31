/*
 * ubl.h - UBL 2.1 Invoice and CreditNote documents (Peppol BIS Billing
 * 3.0, EN 16931, NLCIUS/SI-UBL 2.0, XRechnung UBL, UBL.BE, plain OASIS
 * UBL 2.1) to invoice records (ar-csv(5)), on the xmlstream reader.
 *
 * Use: if ar_ubl_is_root(name, ns) of the root element, make an ar_ubl
 * with ar_ubl_new, pass every start/end event of the document (root
 * included) to ar_ubl_handler with the ar_ubl as u, then call
 * ar_ubl_finish, which hands the record to the sink or says why not.
 *
 * Mapping (paths below the root; only elements in the UBL cbc and cac
 * namespaces count, extensions and anything foreign are skipped whole):
 *   invoice_id      cbc:ID (the root's child, never a nested one)
 *   type_code       cbc:InvoiceTypeCode or cbc:CreditNoteTypeCode
 *   currency        cbc:DocumentCurrencyCode (never TaxCurrencyCode)
 *   amount          cac:LegalMonetaryTotal/cbc:PayableAmount, in minor
 *                   units of the document currency; more decimals than
 *                   the currency has are rounded half away from zero with
 *                   a warning; a currencyID other than the document
 *                   currency is a warning
 *   issue_date      cbc:IssueDate
 *   due_date        cbc:DueDate, else the first cac:PaymentMeans/
 *                   cbc:PaymentDueDate, else cac:PaymentTerms/
 *                   cbc:PaymentDueDate, else the cac:SettlementPeriod/
 *                   cbc:EndDate of a PaymentTerms without a settlement
 *                   discount (a discount's period is not the due date);
 *                   none: the issue date + terms days, or empty, with a
 *                   warning either way.  xsd:date with a time zone is read
 *                   as the date written.
 *   reference       the first cac:PaymentMeans/cbc:PaymentID: the
 *                   electronic form when it is a valid RF, OGM or
 *                   kenmerk (ref.h), else as written
 *   order_ref       cac:OrderReference/cbc:ID, else cbc:BuyerReference
 *   billing_ref     the first cac:BillingReference/
 *                   cac:InvoiceDocumentReference/cbc:ID
 *   customer_*, seller_*  of cac:AccountingCustomerParty/cac:Party and
 *                   cac:AccountingSupplierParty/cac:Party: id =
 *                   PartyIdentification/ID, else EndpointID, else
 *                   PartyLegalEntity/CompanyID, else the VAT number;
 *                   name = PartyLegalEntity/RegistrationName (EN 16931
 *                   BT-27/BT-44, the legal name), else PartyName/Name (the
 *                   trading name); vat = the PartyTaxScheme/CompanyID of
 *                   TaxScheme/ID VAT, else the first; email =
 *                   Contact/ElectronicMail
 *   source          as given to ar_ubl_new
 * Values are trimmed of white space; a run of white space holding a line
 * break or tab becomes one space.  The first occurrence of a value wins.
 *
 * Type and sign: a credit note (the CreditNote root, or a UNTDID 1001
 * credit note code on an Invoice: 81 83 261 262 296 308 381 396 420 458
 * 502 503 532) is type credit_note with amount -PayableAmount.  A credit
 * note with a negative PayableAmount is a negated credit note, a charge
 * to the customer: type invoice, amount -PayableAmount (positive), and a
 * warning.  An Invoice with a negative PayableAmount is a credit_note
 * with that negative amount.  384 (corrected invoice) is an invoice.
 *
 * Errors: a date or amount that does not parse, or an unknown currency,
 * stops the parse (ar_xml_fail) at its line; a missing cbc:ID,
 * cbc:IssueDate, cbc:DocumentCurrencyCode or PayableAmount is AR_SKIP
 * from ar_ubl_finish.  Warnings go to the sink from ar_ubl_finish, before
 * the record.
 */
#ifndef AR_UBL_H
#define AR_UBL_H

#include "err.h"
#include "sink.h"
#include "xmlstream.h"


/* The invoice record's columns, in output order, NULL-terminated. */
extern const char *const ar_ubl_columns[];
size_t ar_ubl_ncolumns(void);

/* Nonzero if a root element of this name and namespace is UBL we read. */
int ar_ubl_is_root(const char *name, const char *ns);

struct ar_ubl;

/*
 * source: the value of the source column (not copied).  terms: days
 * after the issue date for a due date when the document has none, or -1
 * to leave it empty (with a warning either way).
 */
struct ar_ubl *ar_ubl_new(const struct ar_sink *, const char *source, int terms);
void ar_ubl_free(struct ar_ubl *);

extern const struct ar_xml_handler ar_ubl_handler;

/*
 * After a parse that returned AR_OK: deliver the record (AR_OK), or
 * AR_SKIP with err set when a required value is missing.
 */
enum ar_rc ar_ubl_finish(struct ar_ubl *, struct ar_err *);

#endif
