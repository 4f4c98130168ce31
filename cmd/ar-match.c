/*
 * ar-match - apply bank payments to open invoices, each application with
 * its rule, confidence and evidence; write the open items.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#ifdef HAVE_MALLOC_H
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "csvio.h"
#include "match.h"
#include "money.h"
#include "outfile.h"

static const char usage[] =
    "[-o format] [-d delim] [-c customers] [-H history] [-C confirmed]\n"
    "       [-m matches] [-u unmatched] [--pattern regex] [--min-confidence n]\n"
    "       [--tolerance amount|percent%] [--write-off] [--discount percent:days]\n"
    "       [--allocate oldest|newest|none] [--no-learn] [--as-of date]\n"
    "       -p payments [invoices ...]";

static const char help[] =
    "\n"
    "Apply payments to open invoices and write the open items: the invoice\n"
    "columns plus paid_amount, open_amount, last_payment_date, paid_date,\n"
    "discount_amount and writeoff_amount, ordered by invoice_id.  Invoices\n"
    "(or open items of an earlier run) are read from the files named, or\n"
    "standard input; payments from -p ('-' for standard input).\n"
    "\n"
    "Rules, in order of trust (confidence): reference (100), text (95/90),\n"
    "pattern, iban (85/80), name (75/70), amount (80), allocation (60),\n"
    "reversal, refund; a person's confirmed matches (100) always win.\n"
    "\n"
    "Options:\n"
    "  -p, --payments FILE        the payments (ar-import); required\n"
    "  -c, --customers FILE       customer_id, name, ibans: payers by IBAN\n"
    "  -H, --history FILE         earlier matches: the IBANs they teach, the\n"
    "                             payments the open items read hold already\n"
    "  -C, --confirmed FILE       matches a person made or approved\n"
    "  -m, --matches FILE         write every application here\n"
    "  -u, --unmatched FILE       write what was not applied here\n"
    "      --pattern REGEX        a PCRE2 pattern with a group (?<invoice>...)\n"
    "                             for invoice numbers in the free text\n"
    "      --min-confidence N     apply at or above N (default 70)\n"
    "      --tolerance AMOUNT     an amount that differs this much still fits;\n"
    "                             or PERCENT% of the invoice\n"
    "      --write-off            close such differences (default: left open)\n"
    "      --discount PCT:DAYS    early-payment discount, within DAYS of issue\n"
    "      --allocate ORDER       a customer's money to the oldest (default),\n"
    "                             newest due invoice first, or none\n"
    "      --no-learn             learn no IBANs from this run's matches\n"
    "      --as-of DATE           leave out payments booked after DATE\n"
    "  -d, --delimiter C          CSV field delimiter, input and output\n"
    "  -o, --output FORMAT        csv (default), tsv, json, table\n"
    "  -h, --help                 this help\n"
    "  -V, --version              the version\n"
    "\n"
    "Exit status: 0 all applied or reported as unmatched, 1 records were\n"
    "reported and skipped, 2 bad usage, unreadable input or a failed write.\n"
    "See ar-match(1).\n";

enum {
	OPT_ALLOCATE = 256, OPT_AS_OF, OPT_DISCOUNT, OPT_MIN_CONFIDENCE,
	OPT_NO_LEARN, OPT_PATTERN, OPT_TOLERANCE, OPT_WRITE_OFF
};

static const struct option longopts[] = {
	{ "allocate", required_argument, NULL, OPT_ALLOCATE },
	{ "as-of", required_argument, NULL, OPT_AS_OF },
	{ "confirmed", required_argument, NULL, 'C' },
	{ "customers", required_argument, NULL, 'c' },
	{ "delimiter", required_argument, NULL, 'd' },
	{ "discount", required_argument, NULL, OPT_DISCOUNT },
	{ "help", no_argument, NULL, 'h' },
	{ "history", required_argument, NULL, 'H' },
	{ "matches", required_argument, NULL, 'm' },
	{ "min-confidence", required_argument, NULL, OPT_MIN_CONFIDENCE },
	{ "no-learn", no_argument, NULL, OPT_NO_LEARN },
	{ "output", required_argument, NULL, 'o' },
	{ "pattern", required_argument, NULL, OPT_PATTERN },
	{ "payments", required_argument, NULL, 'p' },
	{ "tolerance", required_argument, NULL, OPT_TOLERANCE },
	{ "unmatched", required_argument, NULL, 'u' },
	{ "version", no_argument, NULL, 'V' },
	{ "write-off", no_argument, NULL, OPT_WRITE_OFF },
	{ NULL, 0, NULL, 0 }
};

/* A side file: written to a temporary name, renamed when done (outfile.h). */
struct side {
	const char *path;
	struct ar_outfile of;
	FILE *fp;
	struct ar_csvw *w;
	const char *const *cols;
	size_t ncols;
};

struct run {
	struct ar_match *m;
	struct side matches, unmatched;
	char delim;
	int status;
};

static int
side_open(struct side *s)
{
	struct ar_err e = { 0 };

	if (s->path == NULL)
		return 0;
	if ((s->fp = ar_outfile_open(&s->of, s->path, &e)) == NULL) {
		cli_warn("%s", e.msg);
		return -1;
	}
	return 0;
}

static void
side_start(struct side *s, char delim, const char *const *cols, size_t n)
{
	if (s->fp == NULL)
		return;
	s->cols = cols;
	s->ncols = n;
	s->w = ar_csvw_new(s->fp, AR_FMT_CSV, delim, cols, n);
}

/* Have the writes to a side file so far succeeded?  Said when not. */
static int
side_ok(struct side *s)
{
	struct ar_err e = { 0 };

	if (s->fp == NULL)
		return 0;
	ar_csvw_flush(s->w);
	if (ar_outfile_flush(&s->of, &e) != AR_OK) {
		cli_warn("%s", e.msg);
		return -1;
	}
	return 0;
}

/* Finish a side file: rename it into place, or remove it on failure. */
static int
side_close(struct side *s, int ok)
{
	struct ar_err e = { 0 };

	if (s->fp == NULL)
		return 0;
	ar_csvw_close(s->w);
	s->fp = NULL;
	if (!ok) {
		ar_outfile_abort(&s->of);
		return 0;
	}
	if (ar_outfile_commit(&s->of, &e) != AR_OK) {
		cli_warn("%s", e.msg);
		return -1;
	}
	return 0;
}

static void
on_match(void *arg, const char *const *f)
{
	struct run *r = arg;

	if (r->matches.w != NULL)
		ar_csvw_row(r->matches.w, f);
}

static void
on_unmatched(void *arg, const char *const *f)
{
	struct run *r = arg;

	if (r->unmatched.w != NULL)
		ar_csvw_row(r->unmatched.w, f);
}

static void
on_warn(void *arg, const struct ar_err *e)
{
	struct run *r = arg;

	cli_report(e);
	r->status = cli_worse(r->status, CLI_SKIPPED);
}

/* Start a side file again: the payments come again, in order. */
static void
side_restart(struct side *s, char delim)
{
	if (s->fp == NULL)
		return;
	ar_csvw_close(s->w);
	fflush(s->fp);
	if (ftruncate(fileno(s->fp), 0) != 0 || fseek(s->fp, 0, SEEK_SET) != 0)
		clearerr(s->fp);
	s->w = ar_csvw_new(s->fp, AR_FMT_CSV, delim, s->cols, s->ncols);
}

static void
on_restart(void *arg)
{
	struct run *r = arg;

	side_restart(&r->matches, r->delim);
	side_restart(&r->unmatched, r->delim);
}

/* The input loops: each kind of file finds its columns, then its records. */
static int
report_rc(enum ar_rc rc, struct ar_err *e)
{
	if (rc == AR_OK)
		return CLI_OK;
	cli_report(e);
	return rc == AR_FATAL ? CLI_FAILED : CLI_SKIPPED;
}

#define LOADER(kind, openf, recf)					\
static int								\
kind##_open(struct ar_csv_reader *rd, const char *name, void *arg)	\
{									\
	struct run *r = arg;						\
	const char *miss = openf(r->m, rd);				\
									\
	if (miss != NULL) {						\
		cli_warn_at(name, 0, "no column '%s'", miss);		\
		return CLI_FAILED;					\
	}								\
	return CLI_OK;							\
}									\
static int								\
kind##_rec(struct ar_csv_reader *rd, void *arg)			\
{									\
	struct run *r = arg;						\
	struct ar_err e = { 0 };					\
									\
	e.file = ar_csv_name(rd);					\
	return report_rc(recf(r->m, rd, &e), &e);			\
}

LOADER(cust, ar_match_customers_open, ar_match_customer)
LOADER(hist, ar_match_history_open, ar_match_history)
LOADER(conf, ar_match_confirmed_open, ar_match_confirmed)
LOADER(inv, ar_match_invoices_open, ar_match_invoice)

static int
pay_open(struct ar_csv_reader *rd, const char *name, void *arg)
{
	struct run *r = arg;
	const char *miss = ar_match_payments_open(r->m, rd);
	const char *const *cols;
	size_t n;

	if (miss != NULL) {
		cli_warn_at(name, 0, "no column '%s'", miss);
		return CLI_FAILED;
	}
	cols = ar_match_unmatched_cols(r->m, &n);
	side_start(&r->unmatched, r->delim, cols, n);
	return CLI_OK;
}

static int
pay_rec(struct ar_csv_reader *rd, void *arg)
{
	struct run *r = arg;
	struct ar_err e = { 0 };
	enum ar_rc rc;

	e.file = ar_csv_name(rd);
	rc = ar_match_payment(r->m, rd, &e);
	if (rc == AR_FATAL) {
		cli_report(&e);
		side_close(&r->matches, 0);
		side_close(&r->unmatched, 0);
		exit(cli_finish(CLI_FAILED));
	}
	return report_rc(rc, &e);
}

static void
tolerance(struct ar_match_opts *o, const char *s)
{
	size_t n = strlen(s);
	int64_t v;

	if (n > 0 && s[n - 1] == '%') {
		char *t = ar_xstrndup(s, n - 1);
		const char *why = ar_money_parse(t, 2, 0, &v);

		free(t);
		if (why != NULL || v < 0 || v > 10000)
			cli_usage("--tolerance '%s': expected an amount or a "
			    "percentage such as 0.5%%", s);
		o->tol_bp = (int)v;
		return;
	}
	if (ar_money_parse(s, 6, 0, &v) != NULL || v < 0)
		cli_usage("--tolerance '%s': expected an amount or a percentage "
		    "such as 0.5%%", s);
	o->tol_micro = v;
}

static void
discount(struct ar_match_opts *o, const char *s)
{
	const char *colon = strchr(s, ':');
	char *pct;
	int64_t v;

	if (colon == NULL)
		cli_usage("--discount '%s': expected PERCENT:DAYS, such as 2:10", s);
	pct = ar_xstrndup(s, (size_t)(colon - s));
	if (ar_money_parse(pct, 2, 0, &v) != NULL || v <= 0 || v >= 10000) {
		free(pct);
		cli_usage("--discount '%s': expected PERCENT:DAYS, such as 2:10", s);
	}
	free(pct);
	o->disc_bp = (int)v;
	o->disc_days = (int)cli_number("--discount days", colon + 1, 0, 3650);
}

int
main(int argc, char **argv)
{
	struct ar_match_opts o;
	struct ar_match_out out = { on_match, on_unmatched, on_warn, on_restart,
	    NULL };
	struct run r;
	const char *payments = NULL, *customers = NULL, *confirmed = NULL;
	const char **patterns = NULL, **history = NULL;
	size_t npat = 0, nhist = 0, i, n;
	struct ar_err e = { 0 };
	int c, k, fmt = AR_FMT_CSV, ok;
	char delim = ',';

#if defined(HAVE_MALLOPT) && defined(M_MMAP_THRESHOLD)
	/*
	 * The matcher's arrays grow to hundreds of megabytes on a big book.
	 * A fixed threshold keeps every block over 1 MiB in mmap(2): grown
	 * by mremap(2) instead of copied, and given back when freed.  (glibc
	 * would raise the threshold after the first such free and grow the
	 * arrays on the heap by copying.)
	 */
	(void)mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
	cli_init("ar-match", usage, help);
	argv[0] = (char *)cli_prog();	/* getopt's messages name the program so */
	ar_match_defaults(&o);
	memset(&r, 0, sizeof r);
	while ((c = getopt_long(argc, argv, "C:c:d:H:hm:o:p:u:V", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'C': confirmed = optarg; break;
		case 'c': customers = optarg; break;
		case 'd': delim = cli_delim(optarg); break;
		case 'H':
			history = ar_xrealloc(history, (nhist + 1) * sizeof *history);
			history[nhist++] = optarg;
			break;
		case 'h': cli_help();
		case 'm': r.matches.path = cli_outpath("-m", optarg); break;
		case 'o': fmt = cli_format(optarg); break;
		case 'p': payments = optarg; break;
		case 'u': r.unmatched.path = cli_outpath("-u", optarg); break;
		case 'V': cli_version();
		case OPT_ALLOCATE:
			if (strcmp(optarg, "oldest") == 0)
				o.alloc = AR_ALLOC_OLDEST;
			else if (strcmp(optarg, "newest") == 0)
				o.alloc = AR_ALLOC_NEWEST;
			else if (strcmp(optarg, "none") == 0)
				o.alloc = AR_ALLOC_NONE;
			else
				cli_usage("--allocate '%s': oldest, newest or none",
				    optarg);
			break;
		case OPT_AS_OF: o.as_of = cli_date("--as-of", optarg); break;
		case OPT_DISCOUNT: discount(&o, optarg); break;
		case OPT_MIN_CONFIDENCE:
			o.min_confidence = (int)cli_number("--min-confidence", optarg, 0,
			    100);
			break;
		case OPT_NO_LEARN: o.no_learn = 1; break;
		case OPT_PATTERN:
			patterns = ar_xrealloc(patterns, (npat + 1) *
			    sizeof *patterns);
			patterns[npat++] = optarg;
			break;
		case OPT_TOLERANCE: tolerance(&o, optarg); break;
		case OPT_WRITE_OFF: o.writeoff = 1; break;
		default: cli_usage(NULL);
		}
	}
	argc -= optind;
	argv += optind;
	if (payments == NULL)
		cli_usage("no payments: give -p FILE ('-' for standard input)");
	if (strcmp(payments, "-") == 0) {
		if (argc == 0)
			cli_usage("payments and invoices cannot both come from "
			    "standard input");
		for (i = 0; i < (size_t)argc; i++)
			if (strcmp(argv[i], "-") == 0)
				cli_usage("payments and invoices cannot both come "
				    "from standard input");
	}
	if (o.writeoff && o.tol_micro == 0 && o.tol_bp == 0)
		cli_usage("--write-off goes with --tolerance");
	/*
	 * A side file replaces what it names: never an input, nor the other
	 * (writing /dev/null or a pipe replaces nothing)
	 */
	for (k = 0; k < 2; k++) {
		const char *side = k == 0 ? r.matches.path : r.unmatched.path;
		const char *in = NULL;
		struct stat st, so;
		int exists;

		if (side == NULL)
			continue;
		if ((exists = stat(side, &st) == 0) && !S_ISREG(st.st_mode))
			continue;
		if (exists && fstat(1, &so) == 0 && S_ISREG(so.st_mode) &&
		    st.st_dev == so.st_dev && st.st_ino == so.st_ino)
			cli_usage("%s names the file standard output goes to, "
			    "which carries the open items", k == 0 ? "-m" : "-u");
		if (k == 0 && cli_same_file(side, r.unmatched.path))
			cli_usage("-m and -u name the same file");
		if (cli_same_file(side, payments))
			in = payments;
		else if (cli_same_file(side, customers))
			in = customers;
		else if (cli_same_file(side, confirmed))
			in = confirmed;
		for (i = 0; in == NULL && i < nhist; i++)
			if (cli_same_file(side, history[i]))
				in = history[i];
		for (i = 0; in == NULL && i < (size_t)(argc ? argc : 1); i++)
			if (cli_same_file(side, argc ? argv[i] : "-"))
				in = argc ? argv[i] : "-";
		if (in != NULL)
			cli_usage("%s names a file that is read: %s", k == 0 ?
			    "-m" : "-u", in);
	}

	r.delim = delim;
	out.arg = &r;
	r.m = ar_match_new(&o, &out);
	for (i = 0; i < npat; i++)
		if (ar_match_pattern(r.m, patterns[i], &e) != AR_OK) {
			cli_warn("--pattern: %s", e.msg);
			ar_match_free(r.m);
			free(patterns);
			free(history);
			return cli_finish(CLI_FAILED);
		}
	if (customers != NULL)
		r.status = cli_worse(r.status, cli_each((char **)&customers, 1,
		    delim, cust_open, cust_rec, &r));
	if (nhist > 0)	/* at once: a file named twice is read once */
		r.status = cli_worse(r.status, cli_each((char **)history,
		    (int)nhist, delim, hist_open, hist_rec, &r));
	if (confirmed != NULL)
		r.status = cli_worse(r.status, cli_each((char **)&confirmed, 1,
		    delim, conf_open, conf_rec, &r));
	r.status = cli_worse(r.status, cli_each(argv, argc, delim, inv_open,
	    inv_rec, &r));
	if (side_open(&r.matches) != 0 || side_open(&r.unmatched) != 0) {
		side_close(&r.matches, 0);
		ar_match_free(r.m);
		free(patterns);
		free(history);
		return cli_finish(CLI_FAILED);
	}
	side_start(&r.matches, delim, ar_match_cols, ar_match_ncols);
	r.status = cli_worse(r.status, cli_each((char **)&payments, 1, delim,
	    pay_open, pay_rec, &r));
	if (r.unmatched.fp != NULL && r.unmatched.w == NULL) {
		/* no payments were read: the file still gets a header */
		const char *const *cols = ar_match_unmatched_cols(r.m, &n);

		side_start(&r.unmatched, delim, cols, n);
	}
	if (ar_match_finish(r.m, &e) != AR_OK) {
		cli_report(&e);
		r.status = CLI_FAILED;
	}
	/*
	 * Open items only from a complete run: a pipeline must not see
	 * every invoice open because the payments could not be read, nor
	 * open items whose matches could not be written.  The side files
	 * only when everything, standard output too, was written.
	 */
	if (r.status < CLI_FAILED && (side_ok(&r.matches) != 0 ||
	    side_ok(&r.unmatched) != 0))
		r.status = CLI_FAILED;
	if (r.status < CLI_FAILED) {
		const char *const *cols = ar_match_item_cols(r.m, &n);
		struct ar_csvw *out_w = ar_csvw_new(stdout, fmt, delim, cols,
		    n);

		ar_match_items_csvw(r.m, out_w);
		ar_csvw_close(out_w);
	}
	ok = r.status < CLI_FAILED && cli_stdout_ok() == 0;
	if (side_close(&r.matches, ok) != 0) {
		r.status = CLI_FAILED;
		ok = 0;
	}
	if (side_close(&r.unmatched, ok) != 0)
		r.status = CLI_FAILED;
	ar_match_free(r.m);
	free(patterns);
	free(history);
	return cli_finish(r.status);
}
