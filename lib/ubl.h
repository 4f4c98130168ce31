/*
 * ubl.h - UBL 2.1 Invoice and CreditNote documents (Peppol BIS Billing
 * 3.0, EN 16931, NLCIUS/SI-UBL 2.0, XRechnung UBL, UBL.BE, plain OASIS
 * UBL 2.1) to invoice records (ar-csv(5)), on the xmlstream reader.
 *
 * Use: if ar_ubl_is_root(name, ns) of the root element, make an ar_ubl
 * with ar_ubl_new, pass every start/end event of the document (root
 * included) to ar_ubl_handler with the ar_ubl as u, then call
 * ar_ubl_finish, which hands the record to the sink or says why not.
 */
#ifndef AR_UBL_H
#define AR_UBL_H

#include "err.h"
#include "xmlstream.h"

/* Where a document module delivers records and warnings. */
struct ar_sink {
	/* One record: exactly as many fields as the module's columns. */
	void (*row)(void *u, const char *const *fields);
	/* A located warning about the document (line 0: the whole document). */
	void (*warn)(void *u, long line, const char *msg);
	void *u;
};

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
