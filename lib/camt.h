/*
 * camt.h - ISO 20022 bank-to-customer cash management messages to
 * payment records (ar-csv(5)), on the xmlstream reader:
 *
 *   camt.053 BkToCstmrStmt          statement        (Stmt)
 *   camt.052 BkToCstmrAcctRpt       intraday report  (Rpt)
 *   camt.054 BkToCstmrDbtCdtNtfctn  notification     (Ntfctn)
 *
 * versions .001.01 to .001.13 (the V01 message names of .001.01 too).
 *
 * Use: if ar_camt_is_root(name, ns) of the root element, make an ar_camt
 * with ar_camt_new, pass every start/end event of the document (root
 * included) to ar_camt_handler with the ar_camt as u, then call
 * ar_camt_finish.  Records go to the sink as each entry ends; warnings
 * (balances that do not add up, a batch whose details do not sum to it,
 * a summary that disagrees, amounts rounded) go to the sink when found.
 * A value that cannot be read (an amount, a currency, a date) stops the
 * parse through ar_xml_fail at its line: the caller should then drop the
 * records it was given for this document.
 *
 * Mapping (one record per TxDtls; an entry without TxDtls is one record):
 *   txn_id        see "Transaction id" below
 *   account       Stmt/Acct/Id/IBAN, else Acct/Id/Othr/Id, else
 *                 Acct/Id/PrtryAcct/Id (.001.01)
 *   booking_date  Ntry/BookgDt/Dt or DtTm (the date written; an offset
 *                 on an xs:date, 2017-04-01+02:00, is allowed), else the
 *                 value date with a warning
 *   value_date    Ntry/ValDt/Dt or DtTm
 *   amount        signed by Ntry/CdtDbtInd as booked: CRDT +, DBIT -,
 *                 also for a reversal (RvslInd true): a reversed credit
 *                 is booked DBIT and is money out.  One TxDtls: the
 *                 entry's amount.  Several: each TxDtls's
 *                 AmtDtls/TxAmt/Amt, else its Amt (.001.08 on), in the
 *                 entry's currency; when one of them has none, the entry
 *                 is one record (with a warning).  Exact minor units;
 *                 more decimals than the currency has are rounded half
 *                 away from zero, with a warning.
 *   currency      the entry's Amt/@Ccy
 *   counterparty_name, counterparty_iban
 *                 RltdPties/Dbtr (Nm, or Pty/Nm from .001.08) and
 *                 DbtrAcct/Id/IBAN for money in, Cdtr and CdtrAcct for
 *                 money out; for a reversal or return the direction of
 *                 the payment undone (the parties keep their roles).  When
 *                 that side names nobody, the other side, unless its
 *                 account is ours.
 *   reference     the first RmtInf/Strd/CdtrRefInf/Ref: the electronic
 *                 form when valid as the kind its Issr says (ISO: RF,
 *                 BBA: OGM, CUR: kenmerk) or, without Issr, as the kind
 *                 it is (ref.h); else as written
 *   reference_type  that CdtrRefInf's Tp/Issr, else Tp/CdOrPrtry/Cd,
 *                 else Tp/CdOrPrtry/Prtry
 *   remittance    the RmtInf/Ustrd lines, each trimmed, joined by one
 *                 space; when there are none and no reference either,
 *                 AddtlTxInf, else (entry of one record) AddtlNtryInf
 *   end_to_end_id Refs/EndToEndId, empty for NOTPROVIDED
 *   bank_code     BkTxCd/Domn as Cd/Fmly/SubFmlyCd, else BkTxCd/Prtry/Cd;
 *                 the entry's (what the bank booked), else the TxDtls's
 *   reversal      "true" when RvslInd is true or the TxDtls has RtrInf
 *                 (a return), else empty
 *   reversal_of   for a reversal or return, the EndToEndId it carries:
 *                 SEPA R-transactions keep the end-to-end id of the
 *                 payment they undo
 *   statement_id  Stmt/Id (Rpt/Id, Ntfctn/Id)
 *   source        as given to ar_camt_new
 *   status        Ntry/Sts (Sts/Cd from .001.08), BOOK when absent
 *   orig_amount, orig_currency
 *                 AmtDtls/InstdAmt/Amt of the TxDtls (else of the entry)
 *                 when its currency or amount differs from the record's
 *                 (a conversion, or charges taken), signed as amount
 *   entry_ref     Ntry/NtryRef
 * Text is trimmed; a run of white space holding a line break or tab
 * becomes one space.
 *
 * Transaction id (stable across runs and files): the TxDtls's
 * Refs/AcctSvcrRef, else the entry's AcctSvcrRef, else "camt:" and the
 * 16 hex digits of an FNV-1a 64 digest of the record (account, booking
 * and value date, currency, entry amount, record amount, counterparty
 * name and IBAN, reference, remittance, end-to-end id, NtryRef), the
 * entry's position in its statement and the TxDtls's position in its
 * entry.  With several TxDtls, a TxDtls whose AcctSvcrRef is not its own
 * (absent, the entry's, or shared with another TxDtls of the entry) gets
 * the entry's AcctSvcrRef followed by "/" and its position (1, 2, ...).
 * Placeholders (NONREF, NOTPROVIDED, NONE, N/A) count as absent.  NtryRef
 * is not an id on its own: Swiss banks write the ESR/QR participant
 * number or a direct-debit collection id there, the same for many
 * entries.
 *
 * Checks, as warnings: per statement, opening (OPBD, else PRCD) plus
 * booked entries equals closing (CLBD), with balances and entries in the
 * account's currency (Acct/Ccy, else the opening balance's); TxsSummry
 * counts and sums; per entry, details that sum to it and Btch/NbOfTxs.
 */
#ifndef AR_CAMT_H
#define AR_CAMT_H

#include <stddef.h>

#include "err.h"
#include "sink.h"
#include "xmlstream.h"

/* The payment record's columns, in output order, NULL-terminated. */
extern const char *const ar_camt_columns[];
size_t ar_camt_ncolumns(void);

/*
 * Nonzero if a root element of this name and namespace is a CAMT message
 * we read: Document (or the message element itself) in a namespace that
 * holds camt.052, camt.053 or camt.054 ".001.NN", matched without regard
 * to case, an "urn:" prefix, a ".xsd" suffix or surrounding text (banks
 * send all of these); or a Document in no namespace at all (then its
 * message element decides).
 */
int ar_camt_is_root(const char *name, const char *ns);

/* Entries included besides the booked ones (ar_camt_new flags). */
#define AR_CAMT_PENDING	0x01	/* Sts PDNG */
#define AR_CAMT_ALL	0x02	/* every status: PDNG, INFO, FUTR, ... */

struct ar_camt;

/* source: the value of the source column (not copied). */
struct ar_camt *ar_camt_new(const struct ar_sink *, const char *source,
    unsigned flags);
void ar_camt_free(struct ar_camt *);

extern const struct ar_xml_handler ar_camt_handler;

/*
 * After a parse that returned AR_OK: AR_OK, or AR_SKIP with err set when
 * the document held no statement, report or notification.
 */
enum ar_rc ar_camt_finish(struct ar_camt *, struct ar_err *);

/* What a document held: records written, entries left out by status. */
struct ar_camt_stats {
	size_t records;
	size_t pending, info, other;	/* entries left out: PDNG, INFO, others */
};
void ar_camt_stats(const struct ar_camt *, struct ar_camt_stats *);

#endif
