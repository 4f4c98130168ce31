/*
 * camt.c - ISO 20022 camt.052, camt.053 and camt.054 to payment records
 * (see camt.h for the mapping, the transaction id and the checks).
 *
 * Driven by the xmlstream events.  The paths wanted, the union of those
 * of versions .001.01 to .001.13 (what a version does not have never
 * occurs in it), make a tree of element names below the statement (Stmt,
 * Rpt or Ntfctn), built once per document; each open element has its node
 * in the tree or none, so that an element costs one look among its
 * parent's few children, and an element of a subtree nothing is wanted
 * from (addresses, agents, charges) costs nothing more.  Nodes mark the
 * containers: a balance (Bal), the transactions summary (TxsSummry), an
 * entry (Ntry), a transaction (Ntry/NtryDtls/TxDtls).  Text is asked for
 * only for the leaves kept.
 *
 * An entry's transactions are held until the entry ends: only then is it
 * known how many there are, whether each has an amount, and the entry's
 * AddtlNtryInf, which follows them.  The first is held as it is (most
 * entries have one); from the second on they go to a spool (memory up to
 * a limit, then a temporary file), so that a batch of any size costs
 * little memory.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "camt.h"
#include "date.h"
#include "money.h"
#include "ref.h"
#include "spool.h"

#define TEXT_CAP	AR_XML_TEXT_MAX	/* longest value kept, Ustrd joined */
#define DET_MEM		(256 * 1024)	/* transactions of an entry in memory */
#define VERSION_MAX	13		/* camt.05x.001.13 */
#define FNV_BASIS	UINT64_C(0xcbf29ce484222325)

const char *const ar_camt_columns[] = {
	"txn_id", "account", "booking_date", "value_date", "amount", "currency",
	"counterparty_name", "counterparty_iban", "reference", "remittance",
	"end_to_end_id", "bank_code", "reversal", "statement_id", "source",
	"status", "orig_amount", "orig_currency", "reversal_of",
	"reference_type", "entry_ref", NULL
};

enum {
	C_TXN, C_ACCT, C_BOOK, C_VAL, C_AMT, C_CUR, C_CP_NM, C_CP_IBAN, C_REF,
	C_RMT, C_E2E, C_BANK, C_RVSL, C_STMT, C_SRC, C_STS, C_OAMT, C_OCUR,
	C_RVSL_OF, C_REFTP, C_NTRYREF, NCOL
};

/* The values read, by container. */
enum {
	/* statement */
	F_STMT_ID, F_ACCT_IBAN, F_ACCT_OTHR, F_ACCT_CCY,
	/* balance */
	F_BAL_CD, F_BAL_AMT, F_BAL_CDI,
	/* transactions summary */
	F_SUM_N, F_SUM_SUM, F_SUM_NET, F_SUM_NETCDI, F_SUM_CN, F_SUM_CSUM,
	F_SUM_DN, F_SUM_DSUM,
	/* entry */
	F_NTRYREF, F_AMT, F_CDI, F_RVSL, F_STS, F_BOOK, F_VAL, F_ASREF,
	F_DOMN, F_FMLY, F_SUBF, F_PRTRY, F_INSTD, F_TXAMT, F_CNTRVAL,
	F_NBOFTXS, F_ADDTL,
	/* transaction */
	F_TX_ASREF, F_TX_E2E, F_TX_AMT, F_TX_CDI, F_TX_TXAMT, F_TX_INSTD,
	F_TX_DOMN, F_TX_FMLY, F_TX_SUBF, F_TX_PRTRY, F_DBTR_NM, F_DBTR_IBAN,
	F_CDTR_NM, F_CDTR_IBAN, F_USTRD, F_REF, F_REF_CD, F_REF_PRTRY,
	F_REF_ISSR, F_TX_ADDTL,
	NF
};
#define F_STMT_FIRST	F_STMT_ID
#define F_BAL_FIRST	F_BAL_CD
#define F_SUM_FIRST	F_SUM_N
#define F_NTRY_FIRST	F_NTRYREF
#define F_TX_FIRST	F_TX_ASREF

/* Containers. */
enum { X_STMT, X_BAL, X_SUM, X_NTRY, X_TX, NX };

/* Kinds of value. */
#define K_AMT	0x01		/* an amount with its Ccy attribute */
#define K_DATE	0x02		/* ISODate or ISODateTime */
#define K_COUNT	0x04		/* a count */
#define K_JOIN	0x08		/* every occurrence, joined by a space */
#define K_CRI	0x10		/* of a CdtrRefInf: only the first with a Ref */

struct path {
	int ctx;
	const char *path;	/* local names below the container */
	int field;
	int flags;
};

/* Schema order within each container (camt.053.001.02 and .08). */
static const struct path paths[] = {
	{ X_STMT, "Id", F_STMT_ID, 0 },
	{ X_STMT, "Acct/Id/IBAN", F_ACCT_IBAN, 0 },
	{ X_STMT, "Acct/Id/Othr/Id", F_ACCT_OTHR, 0 },
	{ X_STMT, "Acct/Id/PrtryAcct/Id", F_ACCT_OTHR, 0 },	/* .001.01 */
	{ X_STMT, "Acct/Ccy", F_ACCT_CCY, 0 },

	{ X_BAL, "Tp/CdOrPrtry/Cd", F_BAL_CD, 0 },
	{ X_BAL, "Tp/Cd", F_BAL_CD, 0 },
	{ X_BAL, "Amt", F_BAL_AMT, K_AMT },
	{ X_BAL, "CdtDbtInd", F_BAL_CDI, 0 },

	{ X_SUM, "TtlNtries/NbOfNtries", F_SUM_N, K_COUNT },
	{ X_SUM, "TtlNtries/Sum", F_SUM_SUM, 0 },
	{ X_SUM, "TtlNtries/TtlNetNtryAmt", F_SUM_NET, 0 },
	{ X_SUM, "TtlNtries/CdtDbtInd", F_SUM_NETCDI, 0 },
	{ X_SUM, "TtlNtries/TtlNetNtry/Amt", F_SUM_NET, 0 },
	{ X_SUM, "TtlNtries/TtlNetNtry/CdtDbtInd", F_SUM_NETCDI, 0 },
	{ X_SUM, "TtlCdtNtries/NbOfNtries", F_SUM_CN, K_COUNT },
	{ X_SUM, "TtlCdtNtries/Sum", F_SUM_CSUM, 0 },
	{ X_SUM, "TtlDbtNtries/NbOfNtries", F_SUM_DN, K_COUNT },
	{ X_SUM, "TtlDbtNtries/Sum", F_SUM_DSUM, 0 },

	{ X_NTRY, "NtryRef", F_NTRYREF, 0 },
	{ X_NTRY, "Amt", F_AMT, K_AMT },
	{ X_NTRY, "CdtDbtInd", F_CDI, 0 },
	{ X_NTRY, "RvslInd", F_RVSL, 0 },
	{ X_NTRY, "Sts", F_STS, 0 },			/* to .001.07 */
	{ X_NTRY, "Sts/Cd", F_STS, 0 },			/* from .001.08 */
	{ X_NTRY, "Sts/Prtry", F_STS, 0 },
	{ X_NTRY, "BookgDt/Dt", F_BOOK, K_DATE },
	{ X_NTRY, "BookgDt/DtTm", F_BOOK, K_DATE },
	{ X_NTRY, "ValDt/Dt", F_VAL, K_DATE },
	{ X_NTRY, "ValDt/DtTm", F_VAL, K_DATE },
	{ X_NTRY, "AcctSvcrRef", F_ASREF, 0 },
	{ X_NTRY, "BkTxCd/Domn/Cd", F_DOMN, 0 },
	{ X_NTRY, "BkTxCd/Domn/Fmly/Cd", F_FMLY, 0 },
	{ X_NTRY, "BkTxCd/Domn/Fmly/SubFmlyCd", F_SUBF, 0 },
	{ X_NTRY, "BkTxCd/Prtry/Cd", F_PRTRY, 0 },
	{ X_NTRY, "AmtDtls/InstdAmt/Amt", F_INSTD, K_AMT },
	{ X_NTRY, "AmtDtls/TxAmt/Amt", F_TXAMT, K_AMT },
	{ X_NTRY, "AmtDtls/CntrValAmt/Amt", F_CNTRVAL, K_AMT },
	{ X_NTRY, "NtryDtls/Btch/NbOfTxs", F_NBOFTXS, K_COUNT },
	{ X_NTRY, "AddtlNtryInf", F_ADDTL, 0 },

	{ X_TX, "Refs/AcctSvcrRef", F_TX_ASREF, 0 },
	{ X_TX, "Refs/EndToEndId", F_TX_E2E, 0 },
	{ X_TX, "Amt", F_TX_AMT, K_AMT },		/* from .001.08 */
	{ X_TX, "CdtDbtInd", F_TX_CDI, 0 },
	{ X_TX, "AmtDtls/InstdAmt/Amt", F_TX_INSTD, K_AMT },
	{ X_TX, "AmtDtls/TxAmt/Amt", F_TX_TXAMT, K_AMT },
	{ X_TX, "BkTxCd/Domn/Cd", F_TX_DOMN, 0 },
	{ X_TX, "BkTxCd/Domn/Fmly/Cd", F_TX_FMLY, 0 },
	{ X_TX, "BkTxCd/Domn/Fmly/SubFmlyCd", F_TX_SUBF, 0 },
	{ X_TX, "BkTxCd/Prtry/Cd", F_TX_PRTRY, 0 },
	{ X_TX, "RltdPties/Dbtr/Nm", F_DBTR_NM, 0 },
	{ X_TX, "RltdPties/Dbtr/Pty/Nm", F_DBTR_NM, 0 },	/* .001.08 */
	{ X_TX, "RltdPties/DbtrAcct/Id/IBAN", F_DBTR_IBAN, 0 },
	{ X_TX, "RltdPties/Cdtr/Nm", F_CDTR_NM, 0 },
	{ X_TX, "RltdPties/Cdtr/Pty/Nm", F_CDTR_NM, 0 },
	{ X_TX, "RltdPties/CdtrAcct/Id/IBAN", F_CDTR_IBAN, 0 },
	{ X_TX, "RmtInf/Ustrd", F_USTRD, K_JOIN },
	{ X_TX, "RmtInf/Strd/CdtrRefInf/Tp/CdOrPrtry/Cd", F_REF_CD, K_CRI },
	{ X_TX, "RmtInf/Strd/CdtrRefInf/Tp/CdOrPrtry/Prtry", F_REF_PRTRY, K_CRI },
	{ X_TX, "RmtInf/Strd/CdtrRefInf/Tp/Issr", F_REF_ISSR, K_CRI },
	{ X_TX, "RmtInf/Strd/CdtrRefInf/Ref", F_REF, K_CRI },
	{ X_TX, "AddtlTxInf", F_TX_ADDTL, 0 },
	{ 0, NULL, 0, 0 }
};

/* Kinds of node. */
enum { N_PLAIN, N_STMT, N_BAL, N_SUM, N_NTRY, N_TX, N_CRI, N_RTR };

/* A node of the tree of wanted element names. */
struct node {
	const char *name;
	int kind;
	int field, flags;	/* field -1: no value here */
	struct node *child;	/* first child; siblings may be shared */
	struct node *next;	/* next sibling */
};

#define MAXNODES	128

/* One value. */
struct fld {
	char *s;
	size_t n, cap;
	int set;
	long line;
	char ccy[4];		/* K_AMT */
	int exp;		/* K_AMT: of ccy */
	int64_t v;		/* K_AMT: minor units; K_COUNT */
	ar_date d;		/* K_DATE */
};

/* A balance kept for the check. */
struct bal {
	int set;
	char ccy[4];
	int exp;
	int64_t v;		/* signed */
	long line;
};

/* A transaction held until its entry ends: these strings. */
enum {
	R_ASREF, R_E2E, R_AMT, R_INSTD, R_INSTD_CCY, R_CDI, R_BANK, R_DBTR_NM,
	R_DBTR_IBAN, R_CDTR_NM, R_CDTR_IBAN, R_RMT, R_REF, R_REFTP, R_ADDTL,
	R_RTR, R_LINE, NR
};

#define NT	(NF - F_TX_FIRST)	/* values of a transaction */

/* A transaction as a row: r points into f and the buffers. */
struct txrow {
	struct fld f[NT];
	char amt[24], instd[24], line[24], bank[256], nref[AR_REF_BUFSZ];
	const char *r[NR];
};

struct ar_camt {
	const struct ar_sink *sink;
	const char *source;
	unsigned flags;

	struct node node[MAXNODES];	/* the tree */
	char names[MAXNODES][24];
	int nnode;
	struct node *msg;		/* the message element's node */
	struct node *node_at[AR_XML_DEPTH_MAX + 2];	/* of each open element */
	int field_at[AR_XML_DEPTH_MAX + 2];

	int doc_depth, msg_depth;	/* Document, BkToCstmr... */
	int nstmt;
	const char *stmt_kind;		/* "statement", "report", "notification" */
	int in_cri, cri_skip, cri_ref;	/* the CdtrRefInf being read */
	int rtr;			/* the transaction has RtrInf */
	int failed;

	struct fld f[NF];

	/* statement */
	long stmt_line, sum_line, bal_line;
	struct bal opbd, prcd, clbd;
	size_t nentry;			/* entries so far, for positions */
	char acct_ccy[4];		/* for the checks, once known */
	int64_t booked;			/* booked entries in acct_ccy */
	long bal_nocheck;		/* line of an entry that prevents it */
	int bal_overflow;
	size_t n_cdt, n_dbt;		/* for TxsSummry */
	int64_t s_cdt, s_dbt;
	int sum_mixed;			/* entries in another currency */

	/* entry */
	long ntry_line;
	struct ar_spool *det;
	long tx_line;
	size_t ndet;			/* transactions of the entry */
	struct txrow held;		/* the first one; the others spooled */
	struct txrow *more;		/* (a row of the others, made once) */
	int64_t ntry_signed;
	uint64_t *hash;			/* of the transactions' AcctSvcrRef */
	size_t nhash, hcap;

	struct ar_camt_stats st;
};

/* ------------------------------------------------------------------ */
/* Small helpers. */

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
eq_nocase(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++)
		if (lower((unsigned char)*a) != lower((unsigned char)*b))
			return 0;
	return *a == *b;
}

/* Bank placeholders for "no reference". */
static int
placeholder(const char *s)
{
	static const char *const ph[] = { "NONREF", "NOTPROVIDED",
	    "NOT PROVIDED", "NONE", "N/A", NULL };
	int i;

	if (*s == '\0')
		return 1;
	if (*s != 'N' && *s != 'n')	/* (all of them) */
		return 0;
	for (i = 0; ph[i] != NULL; i++)
		if (eq_nocase(s, ph[i]))
			return 1;
	return 0;
}

static uint64_t
fnv1a(uint64_t h, const char *s)
{
	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= UINT64_C(0x100000001b3);
	}
	h ^= 0x1f;			/* field separator */
	h *= UINT64_C(0x100000001b3);
	return h;
}

static void
warn(struct ar_camt *c, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
warn(struct ar_camt *c, long line, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	if (c->sink == NULL || c->sink->warn == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	c->sink->warn(c->sink->u, line, msg);
}

static void
fail(struct ar_camt *c, struct ar_xml *x, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
fail(struct ar_camt *c, struct ar_xml *x, long line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	c->failed = 1;
	ar_xml_fail(x, line, "%s", msg);
}

static const char *
val(const struct ar_camt *c, int f)
{
	return c->f[f].set ? c->f[f].s : "";
}

static void
clear(struct ar_camt *c, int from, int to)
{
	int i;

	for (i = from; i < to; i++) {
		c->f[i].set = 0;
		c->f[i].n = 0;
		if (c->f[i].s != NULL)
			c->f[i].s[0] = '\0';
	}
}

/*
 * Set (or with join, append to) a value: trimmed, and a run of white
 * space holding a line break or tab as one space; at most TEXT_CAP bytes.
 */
static void
put_text(struct fld *f, const char *t, size_t n, int join)
{
	size_t i, start, want;

	while (n > 0 && is_space((unsigned char)t[n - 1]))
		n--;
	for (start = 0; start < n && is_space((unsigned char)t[start]); start++)
		;
	if (!join)
		f->n = 0;
	/* Most values have no line break or tab: copied as they are. */
	for (i = start; i < n && (unsigned char)t[i] >= ' '; i++)
		;
	if (f->n == 0 && i == n && n - start <= TEXT_CAP) {
		if (n - start + 1 > f->cap) {
			f->cap = n - start + 1 < 64 ? 64 : n - start + 1;
			f->s = ar_xrealloc(f->s, f->cap);
		}
		memcpy(f->s, t + start, n - start);
		f->n = n - start;
		f->s[f->n] = '\0';
		return;
	}
	want = f->n + (n - start) + 2;
	if (want > TEXT_CAP + 2)
		want = TEXT_CAP + 2;
	if (want < 64)
		want = 64;
	if (want > f->cap) {
		f->cap = want;
		f->s = ar_xrealloc(f->s, f->cap);
	}
	if (join && f->n > 0 && start < n && f->n < TEXT_CAP)
		f->s[f->n++] = ' ';
	for (i = start; i < n && f->n < TEXT_CAP; i++) {
		if (is_space((unsigned char)t[i])) {
			size_t j = i;
			int hard = 0;

			while (j < n && is_space((unsigned char)t[j])) {
				hard |= t[j] != ' ';
				j++;
			}
			if (hard) {
				f->s[f->n++] = ' ';
				i = j - 1;
				continue;
			}
		}
		f->s[f->n++] = t[i];
	}
	f->s[f->n] = '\0';
}

/*
 * An ISODate, possibly with a time zone (xs:date allows 2017-04-01+02:00,
 * some banks write it), or an ISODateTime: the date as written.
 */
static const char *
parse_date(const char *s, size_t n, ar_date *d)
{
	if (n > 10 && (s[10] == 'Z' || s[10] == '+' || s[10] == '-')) {
		const char *z = s + 10;

		if (!(n == 11 && *z == 'Z') &&
		    !(n == 16 && z[1] >= '0' && z[1] <= '1' && z[2] >= '0' &&
		    z[2] <= '9' && z[3] == ':' && z[4] >= '0' && z[4] <= '5' &&
		    z[5] >= '0' && z[5] <= '9'))
			return "bad time zone offset";
		return ar_date_parsen(s, 10, 0, d);
	}
	return ar_date_parsen(s, n, AR_DATE_DATETIME, d);
}

/* A long long in decimal, without printf (this is done per record). */
static char *
fmt_ll(long long v, char *buf)
{
	unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
	char t[24];
	int n = 0, i = 0;

	do
		t[n++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		buf[i++] = '-';
	while (n > 0)
		buf[i++] = t[--n];
	buf[i] = '\0';
	return buf;
}

/* ------------------------------------------------------------------ */
/* Namespaces and roots. */

/*
 * Find "camt.05K.001.NN" in ns without regard to case: K is 2, 3 or 4.
 * Returns 1 and sets *kind (52, 53, 54) and *ver, else 0.
 */
static int
camt_ns(const char *ns, int *kind, int *ver)
{
	size_t n = strlen(ns), i;

	for (i = 0; i + 15 <= n; i++) {
		const char *p = ns + i;

		if (lower((unsigned char)p[0]) == 'c' &&
		    lower((unsigned char)p[1]) == 'a' &&
		    lower((unsigned char)p[2]) == 'm' &&
		    lower((unsigned char)p[3]) == 't' && p[4] == '.' &&
		    p[5] == '0' && p[6] == '5' && p[7] >= '2' && p[7] <= '4' &&
		    strncmp(p + 8, ".001.", 5) == 0 &&
		    p[13] >= '0' && p[13] <= '9' && p[14] >= '0' && p[14] <= '9' &&
		    !(p[15] >= '0' && p[15] <= '9')) {
			if (kind != NULL)
				*kind = 50 + (p[7] - '0');
			if (ver != NULL)
				*ver = (p[13] - '0') * 10 + (p[14] - '0');
			return 1;
		}
	}
	return 0;
}

/* The message elements, and .001.01's names with V01. */
static const char *
msg_kind(const char *name)
{
	static const struct {
		const char *name, *kind;
	} m[] = {
		{ "BkToCstmrStmt", "statement" },
		{ "BkToCstmrStmtV01", "statement" },
		{ "BkToCstmrAcctRpt", "report" },
		{ "BkToCstmrAcctRptV01", "report" },
		{ "BkToCstmrDbtCdtNtfctn", "notification" },
		{ "BkToCstmrDbtCdtNtfctnV01", "notification" },
		{ NULL, NULL }
	};
	int i;

	for (i = 0; m[i].name != NULL; i++)
		if (strcmp(name, m[i].name) == 0)
			return m[i].kind;
	return NULL;
}

int
ar_camt_is_root(const char *name, const char *ns)
{
	if (strcmp(name, "Document") != 0 && msg_kind(name) == NULL)
		return 0;
	return camt_ns(ns, NULL, NULL) ||
	    (ns[0] == '\0' && strcmp(name, "Document") == 0);
}

size_t
ar_camt_ncolumns(void)
{
	return NCOL;
}

/* ------------------------------------------------------------------ */

static struct node *
new_node(struct ar_camt *c, const char *name, size_t n, int kind)
{
	struct node *nd = &c->node[c->nnode++];

	if (c->nnode > MAXNODES)
		abort();		/* the table above is fixed: cannot happen */
	memset(nd, 0, sizeof *nd);
	snprintf(c->names[c->nnode - 1], sizeof c->names[0], "%.*s", (int)n, name);
	nd->name = c->names[c->nnode - 1];
	nd->kind = kind;
	nd->field = -1;
	return nd;
}

/*
 * The node of path below parent, made as needed; the last one gets kind
 * (when not plain), field and flags.
 */
static struct node *
add_path(struct ar_camt *c, struct node *parent, const char *path, int kind,
    int field, int flags)
{
	const char *p = path;

	for (;;) {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		struct node *k;

		for (k = parent->child; k != NULL; k = k->next)
			if (strlen(k->name) == n && memcmp(k->name, p, n) == 0)
				break;
		if (k == NULL) {
			k = new_node(c, p, n, N_PLAIN);
			k->next = parent->child;
			parent->child = k;
		}
		parent = k;
		if (e == NULL)
			break;
		p = e + 1;
	}
	if (kind != N_PLAIN)
		parent->kind = kind;
	if (field >= 0) {
		parent->field = field;
		parent->flags = flags;
	}
	return parent;
}

/* The tree: message element, statement, containers, values. */
static void
build(struct ar_camt *c)
{
	static const char *const stmts[] = { "Stmt", "Rpt", "Ntfctn" };
	struct node *root[NX], *msg, *st;
	const struct path *p;
	int i;

	msg = new_node(c, "", 0, N_PLAIN);
	st = add_path(c, msg, "Stmt", N_STMT, -1, 0);
	root[X_STMT] = st;
	root[X_BAL] = add_path(c, st, "Bal", N_BAL, -1, 0);
	root[X_SUM] = add_path(c, st, "TxsSummry", N_SUM, -1, 0);
	root[X_NTRY] = add_path(c, st, "Ntry", N_NTRY, -1, 0);
	root[X_TX] = add_path(c, root[X_NTRY], "NtryDtls/TxDtls", N_TX, -1, 0);
	add_path(c, root[X_TX], "RtrInf", N_RTR, -1, 0);
	add_path(c, root[X_TX], "RmtInf/Strd/CdtrRefInf", N_CRI, -1, 0);
	for (p = paths; p->path != NULL; p++)
		add_path(c, root[p->ctx], p->path, N_PLAIN, p->field, p->flags);
	/* Rpt and Ntfctn are Stmt by other names. */
	for (i = 1; i < 3; i++) {
		struct node *o = new_node(c, stmts[i], strlen(stmts[i]), N_STMT);

		o->child = st->child;
		o->next = msg->child;
		msg->child = o;
	}
	c->msg = msg;
}

struct ar_camt *
ar_camt_new(const struct ar_sink *sink, const char *source, unsigned flags)
{
	struct ar_camt *c = ar_xcalloc(1, sizeof *c);

	c->sink = sink;
	c->source = source;
	c->flags = flags;
	build(c);
	c->det = ar_spool_new(NR, DET_MEM);
	return c;
}

void
ar_camt_free(struct ar_camt *c)
{
	int i;

	if (c == NULL)
		return;
	for (i = 0; i < NF; i++)
		free(c->f[i].s);
	for (i = 0; i < NT; i++)
		free(c->held.f[i].s);
	ar_spool_free(c->det);
	free(c->more);
	free(c->hash);
	free(c);
}

void
ar_camt_stats(const struct ar_camt *c, struct ar_camt_stats *st)
{
	*st = c->st;
}

enum ar_rc
ar_camt_finish(struct ar_camt *c, struct ar_err *err)
{
	if (c->nstmt == 0) {
		ar_err_set(err, 0, "no statement, report or notification "
		    "(Stmt, Rpt, Ntfctn) in the document");
		return AR_SKIP;
	}
	return AR_OK;
}

/* ------------------------------------------------------------------ */
/* Statements. */

static const char *
stmt_label(struct ar_camt *c, char *buf, size_t n)
{
	if (c->f[F_STMT_ID].set && c->f[F_STMT_ID].n > 0)
		snprintf(buf, n, "%s %s", c->stmt_kind, c->f[F_STMT_ID].s);
	else
		snprintf(buf, n, "%s", c->stmt_kind);
	return buf;
}

static void
begin_stmt(struct ar_camt *c, struct ar_xml *x, const char *name)
{
	c->stmt_line = ar_xml_line(x);
	c->stmt_kind = strcmp(name, "Rpt") == 0 ? "report" :
	    strcmp(name, "Ntfctn") == 0 ? "notification" : "statement";
	c->nstmt++;
	clear(c, F_STMT_FIRST, F_BAL_FIRST);
	clear(c, F_SUM_FIRST, F_NTRY_FIRST);
	memset(&c->opbd, 0, sizeof c->opbd);
	memset(&c->prcd, 0, sizeof c->prcd);
	memset(&c->clbd, 0, sizeof c->clbd);
	c->sum_line = 0;
	c->nentry = 0;
	c->acct_ccy[0] = '\0';
	c->booked = 0;
	c->bal_nocheck = 0;
	c->bal_overflow = 0;
	c->n_cdt = c->n_dbt = 0;
	c->s_cdt = c->s_dbt = 0;
	c->sum_mixed = 0;
}

/* The account's currency, once the statement's head has been read. */
static void
settle_ccy(struct ar_camt *c)
{
	if (c->acct_ccy[0] != '\0')
		return;
	if (c->f[F_ACCT_CCY].set && strlen(c->f[F_ACCT_CCY].s) == 3)
		memcpy(c->acct_ccy, c->f[F_ACCT_CCY].s, 4);
	else if (c->opbd.set)
		memcpy(c->acct_ccy, c->opbd.ccy, 4);
	else if (c->prcd.set)
		memcpy(c->acct_ccy, c->prcd.ccy, 4);
	else if (c->clbd.set)
		memcpy(c->acct_ccy, c->clbd.ccy, 4);
}

static void
end_bal(struct ar_camt *c)
{
	const char *cd = val(c, F_BAL_CD);
	struct bal *b = NULL;

	if (strcmp(cd, "OPBD") == 0)
		b = &c->opbd;
	else if (strcmp(cd, "PRCD") == 0)
		b = &c->prcd;
	else if (strcmp(cd, "CLBD") == 0)
		b = &c->clbd;
	if (b == NULL || b->set || !c->f[F_BAL_AMT].set)
		return;
	b->set = 1;
	memcpy(b->ccy, c->f[F_BAL_AMT].ccy, 4);
	b->exp = c->f[F_BAL_AMT].exp;
	b->v = c->f[F_BAL_AMT].v;
	if (strcmp(val(c, F_BAL_CDI), "DBIT") == 0)
		b->v = -b->v;
	b->line = c->bal_line;
}

/* A TxsSummry sum, in the account currency's minor units; 0 if absent. */
static int
sum_value(struct ar_camt *c, int f, int exp, int64_t *out)
{
	if (!c->f[f].set || c->f[f].n == 0)
		return 0;
	return ar_money_parse(c->f[f].s, exp, AR_MONEY_ROUND, out) == NULL;
}

static void
check_summary(struct ar_camt *c, const char *label)
{
	char msg[768], a[AR_MONEY_BUFSZ], b[AR_MONEY_BUFSZ];
	size_t len = 0, n = c->n_cdt + c->n_dbt;
	int exp = ar_currency_exponent(c->acct_ccy);
	int64_t v, total, net;
	int sums = exp >= 0 && !c->sum_mixed;

	msg[0] = '\0';
#define ADD(...) do { \
	if (len < sizeof msg) \
		len += snprintf(msg + len, sizeof msg - len, "%s", len ? ", " : ""); \
	if (len < sizeof msg) \
		len += snprintf(msg + len, sizeof msg - len, __VA_ARGS__); \
} while (0)
	if (c->f[F_SUM_N].set && (size_t)c->f[F_SUM_N].v != n)
		ADD("entries %lld (counted %zu)", (long long)c->f[F_SUM_N].v, n);
	if (c->f[F_SUM_CN].set && (size_t)c->f[F_SUM_CN].v != c->n_cdt)
		ADD("credit entries %lld (counted %zu)", (long long)c->f[F_SUM_CN].v,
		    c->n_cdt);
	if (c->f[F_SUM_DN].set && (size_t)c->f[F_SUM_DN].v != c->n_dbt)
		ADD("debit entries %lld (counted %zu)", (long long)c->f[F_SUM_DN].v,
		    c->n_dbt);
	if (sums && ar_money_add(c->s_cdt, c->s_dbt, &total) == 0 &&
	    ar_money_sub(c->s_cdt, c->s_dbt, &net) == 0) {
		if (sum_value(c, F_SUM_SUM, exp, &v) && v != total) {
			ar_money_format(v, exp, a);
			ar_money_format(total, exp, b);
			ADD("sum %s (entries %s)", a, b);
		}
		if (sum_value(c, F_SUM_CSUM, exp, &v) && v != c->s_cdt) {
			ar_money_format(v, exp, a);
			ar_money_format(c->s_cdt, exp, b);
			ADD("credit sum %s (entries %s)", a, b);
		}
		if (sum_value(c, F_SUM_DSUM, exp, &v) && v != c->s_dbt) {
			ar_money_format(v, exp, a);
			ar_money_format(c->s_dbt, exp, b);
			ADD("debit sum %s (entries %s)", a, b);
		}
		if (sum_value(c, F_SUM_NET, exp, &v)) {
			if (strcmp(val(c, F_SUM_NETCDI), "DBIT") == 0)
				v = -v;
			if (v != net) {
				ar_money_format(v, exp, a);
				ar_money_format(net, exp, b);
				ADD("net %s (entries %s)", a, b);
			}
		}
	}
#undef ADD
	if (len > 0)
		warn(c, c->sum_line, "%s: the transactions summary (TxsSummry) "
		    "does not match the entries: %s", label, msg);
}

static void
end_stmt(struct ar_camt *c)
{
	char label[160], a[AR_MONEY_BUFSZ], b[AR_MONEY_BUFSZ],
	    s[AR_MONEY_BUFSZ], e[AR_MONEY_BUFSZ];
	const struct bal *o = c->opbd.set ? &c->opbd : &c->prcd;
	int64_t want;

	settle_ccy(c);
	stmt_label(c, label, sizeof label);
	if (o->set && c->clbd.set) {
		if (strcmp(o->ccy, c->acct_ccy) != 0 ||
		    strcmp(c->clbd.ccy, c->acct_ccy) != 0)
			warn(c, c->clbd.line, "%s: opening balance in %s, closing "
			    "balance in %s, account in %s: balances not checked",
			    label, o->ccy, c->clbd.ccy, c->acct_ccy);
		else if (c->bal_nocheck != 0)
			warn(c, c->bal_nocheck, "%s: entry in another currency "
			    "with no amount in %s: balances not checked", label,
			    c->acct_ccy);
		else if (c->bal_overflow ||
		    ar_money_add(o->v, c->booked, &want) != 0)
			warn(c, c->clbd.line, "%s: entries too large to add up: "
			    "balances not checked", label);
		else if (want != c->clbd.v) {
			ar_money_format(o->v, o->exp, a);
			ar_money_format(c->booked, o->exp, s);
			ar_money_format(want, o->exp, e);
			ar_money_format(c->clbd.v, o->exp, b);
			warn(c, c->clbd.line, "%s: opening balance %s %s plus "
			    "booked entries %s is %s, but the closing balance "
			    "(CLBD) is %s", label, a, o->ccy, s, e, b);
		}
	}
	if (c->sum_line != 0)
		check_summary(c, label);
}

/* ------------------------------------------------------------------ */
/* Transactions and entries. */

static void
bank_code(const char *domn, const char *fmly, const char *subf,
    const char *prtry, char *out, size_t n)
{
	const char *part[3] = { domn, fmly, subf };
	size_t k = 0, i;

	if (*domn == '\0') {
		part[0] = prtry;
		part[1] = part[2] = "";
	}
	for (i = 0; i < 3; i++) {
		const char *p = part[i];

		if (*p == '\0')
			continue;
		if (i > 0 && k + 1 < n)
			out[k++] = '/';
		while (*p != '\0' && k + 1 < n)
			out[k++] = *p++;
	}
	out[k] = '\0';
}

/* The reference in electronic form when valid, else as written. */
static const char *
norm_ref(const char *ref, const char *issr, char *buf)
{
	enum ar_ref_kind k;

	if (*ref == '\0')
		return ref;
	if (*issr != '\0') {
		if (eq_nocase(issr, "ISO"))
			k = AR_REF_RF;
		else if (eq_nocase(issr, "BBA"))
			k = AR_REF_OGM;
		else if (eq_nocase(issr, "CUR"))
			k = AR_REF_KENMERK;
		else
			return ref;
		return ar_ref_check(k, ref, buf) == NULL ? buf : ref;
	}
	k = ar_ref_detect(ref, buf, NULL);
	return k == AR_REF_RF || k == AR_REF_OGM || k == AR_REF_KENMERK ?
	    buf : ref;
}

static void
begin_tx(struct ar_camt *c, struct ar_xml *x)
{
	c->tx_line = ar_xml_line(x);
	c->in_cri = 0;
	c->cri_ref = 0;
	c->rtr = 0;
	clear(c, F_TX_FIRST, NF);
}

static int
same_ccy(const struct fld *f, const struct fld *g)
{
	return f->set && g->set && strcmp(f->ccy, g->ccy) == 0;
}

static const char *
tval(const struct fld *tf, int f)
{
	return tf[f - F_TX_FIRST].set ? tf[f - F_TX_FIRST].s : "";
}

/* The row of a transaction whose values are tf (indexed from F_TX_FIRST). */
static void
make_row(struct ar_camt *c, const struct fld *tf, struct txrow *b)
{
	const struct fld *e = &c->f[F_AMT], *a = NULL, *ta, *tt, *ti;
	const char **r = b->r, *tp;

	ta = &tf[F_TX_AMT - F_TX_FIRST];
	tt = &tf[F_TX_TXAMT - F_TX_FIRST];
	ti = &tf[F_TX_INSTD - F_TX_FIRST];
	if (same_ccy(tt, e))
		a = tt;
	else if (same_ccy(ta, e))
		a = ta;
	b->amt[0] = b->instd[0] = '\0';
	if (a != NULL)
		fmt_ll(a->v, b->amt);
	if (ti->set)
		fmt_ll(ti->v, b->instd);
	fmt_ll(c->tx_line, b->line);
	bank_code(tval(tf, F_TX_DOMN), tval(tf, F_TX_FMLY), tval(tf, F_TX_SUBF),
	    tval(tf, F_TX_PRTRY), b->bank, sizeof b->bank);
	tp = tval(tf, F_REF_ISSR);
	if (*tp == '\0')
		tp = tval(tf, F_REF_CD);
	if (*tp == '\0')
		tp = tval(tf, F_REF_PRTRY);
	r[R_ASREF] = tval(tf, F_TX_ASREF);
	r[R_E2E] = tval(tf, F_TX_E2E);
	r[R_AMT] = b->amt;
	r[R_INSTD] = b->instd;
	r[R_INSTD_CCY] = ti->set ? ti->ccy : "";
	r[R_CDI] = tval(tf, F_TX_CDI);
	r[R_BANK] = b->bank;
	r[R_DBTR_NM] = tval(tf, F_DBTR_NM);
	r[R_DBTR_IBAN] = tval(tf, F_DBTR_IBAN);
	r[R_CDTR_NM] = tval(tf, F_CDTR_NM);
	r[R_CDTR_IBAN] = tval(tf, F_CDTR_IBAN);
	r[R_RMT] = tval(tf, F_USTRD);
	r[R_REF] = norm_ref(tval(tf, F_REF), tval(tf, F_REF_ISSR), b->nref);
	r[R_REFTP] = tp;
	r[R_ADDTL] = tval(tf, F_TX_ADDTL);
	r[R_RTR] = c->rtr ? "1" : "";
	r[R_LINE] = b->line;
}

/*
 * A transaction ends.  The first of an entry is held as it is (its
 * values swapped out, nothing copied): most entries have one.  From the
 * second on, all go to the spool.
 */
static void
end_tx(struct ar_camt *c, struct ar_xml *x)
{
	struct ar_err err = { 0 };
	struct txrow *b;
	int i;

	if (c->ndet++ == 0) {
		for (i = 0; i < NT; i++) {
			struct fld t = c->held.f[i];

			c->held.f[i] = c->f[F_TX_FIRST + i];
			c->f[F_TX_FIRST + i] = t;
		}
		make_row(c, c->held.f, &c->held);
		return;
	}
	if (c->ndet == 2 && ar_spool_add(c->det, c->held.r, &err) != AR_OK) {
		fail(c, x, c->tx_line, "%s", err.msg);
		return;
	}
	if ((b = c->more) == NULL)
		b = c->more = ar_xmalloc(sizeof *b);
	make_row(c, c->f + F_TX_FIRST, b);
	if (ar_spool_add(c->det, b->r, &err) != AR_OK)
		fail(c, x, c->tx_line, "%s", err.msg);
}

static void
begin_ntry(struct ar_camt *c, struct ar_xml *x)
{
	c->ntry_line = ar_xml_line(x);
	c->nentry++;
	clear(c, F_NTRY_FIRST, NF);
	c->ndet = 0;
	ar_spool_clear(c->det);
}

/* Same IBAN or account number, ignoring spaces and case. */
static int
same_account(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ')
			a++;
		while (*b == ' ')
			b++;
		if (*a == '\0' || *b == '\0')
			return *a == *b;
		if (lower((unsigned char)*a) != lower((unsigned char)*b))
			return 0;
		a++, b++;
	}
}

/*
 * One record.  r: the transaction (NULL for an entry without one that
 * is used), k its position (0 none), several: the entry has more than
 * one record, own: the transaction's AcctSvcrRef is its own (unique in
 * the entry, not the entry's), mag: the record's amount without sign.
 */
static void
emit(struct ar_camt *c, const char *const *r, int k, int several, int own,
    int64_t mag)
{
	const struct fld *e = &c->f[F_AMT];
	const char *fields[NCOL], *acct, *e2e, *nm, *iban, *rmt, *ref, *id;
	char amount[AR_MONEY_BUFSZ], oamt[AR_MONEY_BUFSZ] = "", book[AR_DATE_BUFSZ],
	    vald[AR_DATE_BUFSZ] = "", txn[512], bank[256], pos[48];
	int sign = c->ntry_signed < 0 ? -1 : 1;
	int rvsl, in, side_dbtr;
	int64_t v = sign * mag;
	uint64_t h;

	acct = c->f[F_ACCT_IBAN].set ? val(c, F_ACCT_IBAN) : val(c, F_ACCT_OTHR);
	ar_money_format(v, e->exp, amount);
	ar_date_format(c->f[F_BOOK].set ? c->f[F_BOOK].d : c->f[F_VAL].d, book);
	if (c->f[F_VAL].set)
		ar_date_format(c->f[F_VAL].d, vald);

	/* Reversal or return: the parties are those of the payment undone. */
	rvsl = eq_nocase(val(c, F_RVSL), "true") ||
	    strcmp(val(c, F_RVSL), "1") == 0 || (r != NULL && *r[R_RTR] != '\0');
	in = sign > 0;
	side_dbtr = rvsl ? !in : in;
	nm = iban = "";
	if (r != NULL) {
		const char *snm = side_dbtr ? r[R_DBTR_NM] : r[R_CDTR_NM];
		const char *sib = side_dbtr ? r[R_DBTR_IBAN] : r[R_CDTR_IBAN];
		const char *onm = side_dbtr ? r[R_CDTR_NM] : r[R_DBTR_NM];
		const char *oib = side_dbtr ? r[R_CDTR_IBAN] : r[R_DBTR_IBAN];

		if (*snm != '\0' || *sib != '\0') {
			nm = snm;
			iban = sib;
		} else if ((*onm != '\0' || *oib != '\0') &&
		    !(*oib != '\0' && same_account(oib, acct))) {
			nm = onm;
			iban = oib;
		}
	}
	e2e = r != NULL && !placeholder(r[R_E2E]) ? r[R_E2E] : "";
	ref = r != NULL ? r[R_REF] : "";
	rmt = r != NULL ? r[R_RMT] : "";
	if (*rmt == '\0' && *ref == '\0') {
		if (r != NULL && *r[R_ADDTL] != '\0')
			rmt = r[R_ADDTL];
		else if (!several)
			rmt = val(c, F_ADDTL);
	}
	/* The entry's code (Ntry/BkTxCd is mandatory), else the TxDtls's. */
	bank_code(val(c, F_DOMN), val(c, F_FMLY), val(c, F_SUBF),
	    val(c, F_PRTRY), bank, sizeof bank);
	if (*bank == '\0' && r != NULL)
		snprintf(bank, sizeof bank, "%s", r[R_BANK]);

	/* The instructed amount, when it differs. */
	fields[C_OCUR] = "";
	{
		const char *ic = NULL;
		int64_t iv = 0;

		if (r != NULL && *r[R_INSTD] != '\0') {
			ic = r[R_INSTD_CCY];
			iv = strtoll(r[R_INSTD], NULL, 10);
		} else if (!several && c->f[F_INSTD].set) {
			ic = c->f[F_INSTD].ccy;
			iv = c->f[F_INSTD].v;
		}
		if (ic != NULL && (strcmp(ic, e->ccy) != 0 || iv != mag)) {
			ar_money_format(sign * iv, ar_currency_exponent(ic), oamt);
			fields[C_OCUR] = ic;
		}
	}

	/*
	 * The transaction id: the transaction's AcctSvcrRef (with several,
	 * only one that is its own: unique in the entry and not the
	 * entry's), else the entry's (with several, "/k" added), else a
	 * digest.  NtryRef is not used on its own: Swiss banks put the
	 * ESR/QR participant number or a collection id there, the same for
	 * many entries; it goes into the digest.
	 */
	id = NULL;
	if (r != NULL && !placeholder(r[R_ASREF]) && (!several || own))
		id = r[R_ASREF];
	else if (!placeholder(val(c, F_ASREF)))
		id = val(c, F_ASREF);
	if (id != NULL && several && (r == NULL || id != r[R_ASREF])) {
		snprintf(txn, sizeof txn, "%s/%d", id, k);
		id = txn;
	} else if (id == NULL) {
		h = FNV_BASIS;
		h = fnv1a(h, acct);
		h = fnv1a(h, book);
		h = fnv1a(h, vald);
		h = fnv1a(h, e->ccy);
		snprintf(pos, sizeof pos, "%lld", (long long)c->ntry_signed);
		h = fnv1a(h, pos);
		h = fnv1a(h, amount);
		h = fnv1a(h, nm);
		h = fnv1a(h, iban);
		h = fnv1a(h, ref);
		h = fnv1a(h, rmt);
		h = fnv1a(h, e2e);
		h = fnv1a(h, val(c, F_NTRYREF));
		snprintf(pos, sizeof pos, "%zu/%d", c->nentry, k);
		h = fnv1a(h, pos);
		snprintf(txn, sizeof txn, "camt:%016llx", (unsigned long long)h);
		id = txn;
	}

	fields[C_TXN] = id;
	fields[C_ACCT] = acct;
	fields[C_BOOK] = book;
	fields[C_VAL] = vald;
	fields[C_AMT] = amount;
	fields[C_CUR] = e->ccy;
	fields[C_CP_NM] = nm;
	fields[C_CP_IBAN] = iban;
	fields[C_REF] = ref;
	fields[C_RMT] = rmt;
	fields[C_E2E] = e2e;
	fields[C_BANK] = bank;
	fields[C_RVSL] = rvsl ? "true" : "";
	fields[C_STMT] = val(c, F_STMT_ID);
	fields[C_SRC] = c->source ? c->source : "";
	fields[C_STS] = c->f[F_STS].set && c->f[F_STS].n > 0 ? val(c, F_STS) : "BOOK";
	fields[C_OAMT] = oamt;
	fields[C_RVSL_OF] = rvsl ? e2e : "";
	fields[C_REFTP] = r != NULL && *ref != '\0' ? r[R_REFTP] : "";
	fields[C_NTRYREF] = val(c, F_NTRYREF);
	c->st.records++;
	if (c->sink != NULL && c->sink->row != NULL)
		c->sink->row(c->sink->u, fields);
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * A transaction's AcctSvcrRef is its own when no other transaction of
 * the entry has it (by digest: a collision only costs the "/k" form) and
 * it is not the entry's.
 */
static int
own_ref(struct ar_camt *c, const char *ref)
{
	uint64_t h = fnv1a(FNV_BASIS, ref);
	size_t lo = 0, hi = c->nhash;

	if (placeholder(ref) || strcmp(ref, val(c, F_ASREF)) == 0)
		return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->hash[mid] < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->nhash && c->hash[lo] == h &&
	    (lo + 1 == c->nhash || c->hash[lo + 1] != h);
}

/* Read the held transactions back; AR_OK, or fail()ed. */
static int
each_tx(struct ar_camt *c, struct ar_xml *x, int rewind, const char *const **r)
{
	struct ar_err err = { 0 };
	enum ar_rc rc;

	if (c->ndet == 1) {
		*r = c->held.r;
		return rewind;
	}
	if (rewind && ar_spool_rewind(c->det, &err) != AR_OK) {
		fail(c, x, c->ntry_line, "%s", err.msg);
		return 0;
	}
	rc = ar_spool_next(c->det, r, &err);
	if (rc == AR_FATAL)
		fail(c, x, c->ntry_line, "%s", err.msg);
	return rc == AR_OK;
}

static void
end_ntry(struct ar_camt *c, struct ar_xml *x)
{
	const struct fld *e = &c->f[F_AMT];
	const char *sts, *cdi = val(c, F_CDI);
	const char *const *r;
	char a[AR_MONEY_BUFSZ], b[AR_MONEY_BUFSZ];
	size_t nd = c->ndet, i;
	int64_t sum = 0;
	int all = 1, booked;

	if (!e->set) {
		fail(c, x, c->ntry_line, "entry without an amount (Ntry/Amt)");
		return;
	}
	if (strcmp(cdi, "CRDT") == 0)
		c->ntry_signed = e->v;
	else if (strcmp(cdi, "DBIT") == 0)
		c->ntry_signed = -e->v;
	else {
		fail(c, x, c->ntry_line, "entry %s CdtDbtInd%s%s%s (CRDT or DBIT "
		    "expected)", c->f[F_CDI].set ? "with" : "without",
		    c->f[F_CDI].set ? " '" : "", c->f[F_CDI].set ? cdi : "",
		    c->f[F_CDI].set ? "'" : "");
		return;
	}
	sts = c->f[F_STS].set && c->f[F_STS].n > 0 ? val(c, F_STS) : "BOOK";
	booked = strcmp(sts, "BOOK") == 0;

	/* For the statement's checks. */
	settle_ccy(c);
	if (c->acct_ccy[0] == '\0')
		memcpy(c->acct_ccy, e->ccy, 4);
	if (strcmp(e->ccy, c->acct_ccy) != 0)
		c->sum_mixed = 1;
	if (c->ntry_signed < 0) {
		c->n_dbt++;
		if (ar_money_add(c->s_dbt, e->v, &c->s_dbt) != 0)
			c->sum_mixed = 1;
	} else {
		c->n_cdt++;
		if (ar_money_add(c->s_cdt, e->v, &c->s_cdt) != 0)
			c->sum_mixed = 1;
	}
	if (booked) {
		int64_t v = 0;
		int ok = 1;

		if (strcmp(e->ccy, c->acct_ccy) == 0)
			v = e->v;
		else if (c->f[F_CNTRVAL].set &&
		    strcmp(c->f[F_CNTRVAL].ccy, c->acct_ccy) == 0)
			v = c->f[F_CNTRVAL].v;
		else if (c->f[F_TXAMT].set &&
		    strcmp(c->f[F_TXAMT].ccy, c->acct_ccy) == 0)
			v = c->f[F_TXAMT].v;
		else if (c->f[F_INSTD].set &&
		    strcmp(c->f[F_INSTD].ccy, c->acct_ccy) == 0)
			v = c->f[F_INSTD].v;
		else
			ok = 0;
		if (!ok) {
			if (c->bal_nocheck == 0)
				c->bal_nocheck = c->ntry_line;
		} else if (ar_money_add(c->booked, c->ntry_signed < 0 ? -v : v,
		    &c->booked) != 0)
			c->bal_overflow = 1;
	}

	/* Only booked entries, unless asked for more. */
	if (!booked && !(c->flags & AR_CAMT_ALL) &&
	    !(strcmp(sts, "PDNG") == 0 && (c->flags & AR_CAMT_PENDING))) {
		if (strcmp(sts, "PDNG") == 0)
			c->st.pending++;
		else if (strcmp(sts, "INFO") == 0)
			c->st.info++;
		else
			c->st.other++;
		return;
	}
	if (!c->f[F_BOOK].set) {
		if (!c->f[F_VAL].set) {
			fail(c, x, c->ntry_line, "entry without a booking or "
			    "value date (BookgDt, ValDt)");
			return;
		}
		warn(c, c->ntry_line, "entry without a booking date (BookgDt): "
		    "the value date is used");
	}
	if (c->f[F_NBOFTXS].set && nd > 0 && (size_t)c->f[F_NBOFTXS].v != nd)
		warn(c, c->ntry_line, "batch of %lld transactions (Btch/NbOfTxs) "
		    "but %zu transaction detail%s (TxDtls)",
		    (long long)c->f[F_NBOFTXS].v, nd, nd == 1 ? "" : "s");

	/* Transactions that say another direction than their entry. */
	for (i = 0; nd > 0 && each_tx(c, x, i == 0, &r); i++)
		if (*r[R_CDI] != '\0' && strcmp(r[R_CDI], cdi) != 0) {
			warn(c, strtol(r[R_LINE], NULL, 10), "transaction "
			    "details say %s, the entry %s: the entry's direction "
			    "is used", r[R_CDI], cdi);
			break;
		}
	if (c->failed)
		return;

	if (nd == 0) {
		emit(c, NULL, 0, 0, 0, e->v);
		return;
	}
	if (nd == 1) {
		if (!each_tx(c, x, 1, &r))
			return;
		if (*r[R_AMT] != '\0' && strtoll(r[R_AMT], NULL, 10) != e->v) {
			ar_money_format(strtoll(r[R_AMT], NULL, 10), e->exp, a);
			ar_money_format(e->v, e->exp, b);
			warn(c, strtol(r[R_LINE], NULL, 10), "transaction amount "
			    "%s %s differs from its entry's %s: the entry's is "
			    "used", a, e->ccy, b);
		}
		emit(c, r, 0, 0, 0, e->v);
		return;
	}
	c->nhash = 0;
	for (i = 0; each_tx(c, x, i == 0, &r); i++) {
		if (*r[R_AMT] == '\0')
			all = 0;
		else if (ar_money_add(sum, strtoll(r[R_AMT], NULL, 10), &sum) != 0)
			all = 0;
		if (!placeholder(r[R_ASREF])) {
			if (c->nhash == c->hcap) {
				c->hcap = c->hcap ? 2 * c->hcap : 64;
				c->hash = ar_xrealloc(c->hash,
				    c->hcap * sizeof *c->hash);
			}
			c->hash[c->nhash++] = fnv1a(FNV_BASIS, r[R_ASREF]);
		}
	}
	if (c->nhash > 1)
		qsort(c->hash, c->nhash, sizeof *c->hash, cmp_u64);
	if (c->failed)
		return;
	if (!all) {
		warn(c, c->ntry_line, "entry of %zu transactions, not all with "
		    "an amount in %s: imported as one record", nd, e->ccy);
		emit(c, NULL, 0, 0, 0, e->v);
		return;
	}
	if (sum != e->v) {
		ar_money_format(sum, e->exp, a);
		ar_money_format(e->v, e->exp, b);
		warn(c, c->ntry_line, "the %zu transactions of the entry add up "
		    "to %s %s, the entry is %s", nd, a, e->ccy, b);
	}
	for (i = 0; each_tx(c, x, i == 0, &r); i++)
		emit(c, r, (int)i + 1, 1, own_ref(c, r[R_ASREF]),
		    strtoll(r[R_AMT], NULL, 10));
}

/* ------------------------------------------------------------------ */
/* Values. */

static void
store(struct ar_camt *c, struct ar_xml *x, int fi, int flags, const char *text,
    size_t len)
{
	struct fld *f = &c->f[fi];
	const char *why;

	if (ar_xml_text_cut(x))
		warn(c, f->line, "value longer than %d bytes: cut", AR_XML_TEXT_MAX);
	put_text(f, text, len, flags & K_JOIN);
	f->set = 1;
	if (flags & K_AMT) {
		const char *name = ar_xml_name_at(x, ar_xml_depth(x) - 1);

		if (f->ccy[0] == '\0') {
			fail(c, x, f->line, "%s/Amt '%.64s' without a currency "
			    "(Ccy)", name, f->s);
			return;
		}
		if ((f->exp = ar_currency_exponent(f->ccy)) < 0) {
			fail(c, x, f->line, "%s/Amt: unknown currency '%s'", name,
			    f->ccy);
			return;
		}
		why = ar_money_parse(f->s, f->exp, 0, &f->v);
		if (why != NULL && strcmp(why, "too many decimals for the "
		    "currency") == 0 &&
		    ar_money_parse(f->s, f->exp, AR_MONEY_ROUND, &f->v) == NULL) {
			char buf[AR_MONEY_BUFSZ];

			ar_money_format(f->v, f->exp, buf);
			warn(c, f->line, "amount %s %s has more decimals than %s "
			    "has: rounded to %s", f->s, f->ccy, f->ccy, buf);
			why = NULL;
		}
		/*
		 * ISO 20022 amounts are not signed: CdtDbtInd says which way.
		 * (A balance only feeds a check: its sign is left as it is.)
		 */
		if (why == NULL && f->v < 0 && strcmp(name, "Bal") != 0)
			why = "negative (the direction is CdtDbtInd's)";
		if (why == NULL && (f->v > AR_AMOUNT_MAX || f->v < -AR_AMOUNT_MAX))
			why = AR_AMOUNT_BIG;
		if (why != NULL)
			fail(c, x, f->line, "%s/Amt '%.64s': %s", name, f->s, why);
	} else if (flags & K_DATE) {
		if ((why = parse_date(f->s, f->n, &f->d)) != NULL)
			fail(c, x, f->line, "%s '%.64s': %s",
			    ar_xml_name_at(x, ar_xml_depth(x) - 1), f->s, why);
	} else if (flags & K_COUNT) {
		char *end;
		long long n = strtoll(f->s, &end, 10);

		if (f->n == 0 || *end != '\0' || n < 0) {
			warn(c, f->line, "%s '%.64s' is not a count: ignored",
			    ar_xml_name_at(x, ar_xml_depth(x)), f->s);
			f->set = 0;
		} else
			f->v = n;
	}
}

static void
c_start(void *u, struct ar_xml *x, const char *name, const char *ns)
{
	struct ar_camt *c = u;
	struct node *parent, *n;
	int d = ar_xml_depth(x);

	c->field_at[d] = -1;
	c->node_at[d] = NULL;
	if (c->failed)
		return;
	if (c->msg_depth == 0) {
		int kind, ver;

		if (d == 1 && strcmp(name, "Document") == 0) {
			c->doc_depth = 1;
			if (!camt_ns(ns, &kind, &ver)) {
				if (*ns != '\0') {
					fail(c, x, ar_xml_line(x), "namespace '%.200s'"
					    " is not that of camt.052, camt.053 or "
					    "camt.054", ns);
					return;
				}
				warn(c, ar_xml_line(x), "Document in no namespace: "
				    "read as CAMT by its message element");
			} else if (ver < 1 || ver > VERSION_MAX)
				warn(c, ar_xml_line(x), "camt.%03d.001.%02d is not "
				    "a version known here (.001.01 to .001.%02d): "
				    "read as those", kind, ver, VERSION_MAX);
			return;
		}
		if (d == c->doc_depth + 1 && msg_kind(name) != NULL) {
			c->msg_depth = d;
			c->node_at[d] = c->msg;
			return;
		}
		fail(c, x, ar_xml_line(x), "<%s> is not a bank-to-customer "
		    "statement, report or notification (camt.052, camt.053, "
		    "camt.054)", name);
		return;
	}
	if ((parent = c->node_at[d - 1]) == NULL)
		return;
	for (n = parent->child; n != NULL; n = n->next) {
		const char *a = n->name, *b = name;

		/* strcmp, inline: this is done for every element */
		while (*a != '\0' && *a == *b)
			a++, b++;
		if (*a == *b)
			break;
	}
	if (n == NULL)
		return;
	c->node_at[d] = n;
	switch (n->kind) {
	case N_STMT:
		begin_stmt(c, x, name);
		break;
	case N_BAL:
		c->bal_line = ar_xml_line(x);
		clear(c, F_BAL_FIRST, F_SUM_FIRST);
		break;
	case N_SUM:
		c->sum_line = ar_xml_line(x);
		clear(c, F_SUM_FIRST, F_NTRY_FIRST);
		break;
	case N_NTRY:
		begin_ntry(c, x);
		break;
	case N_TX:
		begin_tx(c, x);
		break;
	case N_CRI:
		/* The first CdtrRefInf with a Ref is the reference. */
		c->in_cri = 1;
		c->cri_skip = c->cri_ref;
		if (!c->cri_skip)
			clear(c, F_REF, F_REF_ISSR + 1);
		break;
	case N_RTR:
		c->rtr = 1;
		break;
	}
	if (n->field < 0)
		return;
	if (n->flags & K_CRI) {
		if (!c->in_cri || c->cri_skip)
			return;
	} else if (c->f[n->field].set && !(n->flags & K_JOIN))
		return;			/* the first one counts */
	c->field_at[d] = n->field | n->flags << 8;
	c->f[n->field].line = ar_xml_line(x);
	if (n->flags & K_AMT) {
		const char *ccy = ar_xml_attr(x, "Ccy");
		struct fld *f = &c->f[n->field];

		f->ccy[0] = '\0';
		if (ccy != NULL) {
			size_t len = strlen(ccy);

			while (len > 0 && is_space((unsigned char)ccy[len - 1]))
				len--;
			while (len > 0 && is_space((unsigned char)*ccy))
				ccy++, len--;
			if (len != 3) {
				fail(c, x, f->line, "currency '%.16s' is not a "
				    "three-letter ISO 4217 code", ccy);
				return;
			}
			memcpy(f->ccy, ccy, 3);
			f->ccy[3] = '\0';
		}
	}
	ar_xml_want_text(x);
}

static void
c_end(void *u, struct ar_xml *x, const char *name, const char *text, size_t len)
{
	struct ar_camt *c = u;
	int d = ar_xml_depth(x), fa;
	struct node *n;

	(void)name;
	if (c->failed)
		return;
	/* No text: a child asked for its own (Sts/Cd below Sts). */
	if ((fa = c->field_at[d]) >= 0 && text != NULL) {
		c->field_at[d] = -1;
		store(c, x, fa & 0xff, fa >> 8, text, len);
		if (c->failed)
			return;
		if ((fa & 0xff) == F_REF && c->f[F_REF].n > 0)
			c->cri_ref = 1;
	}
	if ((n = c->node_at[d]) == NULL)
		return;
	c->node_at[d] = NULL;
	switch (n->kind) {
	case N_STMT:
		end_stmt(c);
		break;
	case N_BAL:
		end_bal(c);
		break;
	case N_NTRY:
		end_ntry(c, x);
		break;
	case N_TX:
		end_tx(c, x);
		break;
	case N_CRI:
		c->in_cri = 0;
		break;
	}
}

const struct ar_xml_handler ar_camt_handler = { c_start, c_end, NULL };
