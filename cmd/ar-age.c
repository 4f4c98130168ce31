/*
 * ar-age - aging of open items as of a date, per customer (default), per
 * invoice or in totals, and the statement of account of a customer.
 * The computation is in lib/aging.c; this is options, input and output.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "aging.h"
#include "cli.h"
#include "csvio.h"
#include "outfile.h"
#include "record.h"

static const char usage[] =
    "[-DtT] [-a date] [-b basis] [-B days,...] [-p days] [-s key] [-n count]\n"
    "              [-d delim] [-o format] [file ...]\n"
    "       ar-age -S customer | -F dir [-m matches] [-a date] [-b basis] [-p days]\n"
    "              [-d delim] [-o format] [file ...]";

static const char help[] =
    "\n"
    "Aging of open items (ar-match output, or invoices: open_amount defaults to\n"
    "amount) as of a date: per customer and currency by default, per invoice\n"
    "with -D, or the statement of account of a customer with -S.\n"
    "\n"
    "Options:\n"
    "  -a, --as-of DATE          age as of DATE, YYYY-MM-DD (default today, UTC)\n"
    "  -b, --basis due|issue     count days past the due date (default) or past\n"
    "                            the issue date\n"
    "  -B, --buckets D1,D2,...   bucket boundaries in days (default 30,60,90):\n"
    "                            current (<= 0), 1-30, 31-60, 61-90, over_90\n"
    "  -p, --terms DAYS          an item without a due date is due DAYS after its\n"
    "                            issue date (default 30), with a warning\n"
    "  -D, --detail              one row per open item, all its columns kept\n"
    "  -t, --totals              add a totals row per currency\n"
    "  -T, --totals-only         only the totals rows\n"
    "  -s, --sort id|overdue     customers by id (default) or by overdue amount,\n"
    "                            largest first, within each currency\n"
    "  -n, --top N               the N largest overdue debtors of each currency\n"
    "  -S, --statement CUSTOMER  the statement of account of CUSTOMER\n"
    "  -F, --statement-dir DIR   a statement for every customer, one file each\n"
    "  -m, --matches FILE        payments applied (ar-match --matches) for the\n"
    "                            statement\n"
    "  -d, --delimiter C         CSV field delimiter for input and output\n"
    "  -o, --output FORMAT       csv (default), tsv, json, table\n"
    "  -h, --help                this help\n"
    "  -V, --version             the version\n"
    "\n"
    "Exit status: 0 success, 1 some records or files were reported and\n"
    "skipped (a file without a required column too), 2 bad usage,\n"
    "unreadable input or a failed write.\n"
    "See ar-age(1).\n";

static const struct option longopts[] = {
	{ "as-of", required_argument, NULL, 'a' },
	{ "basis", required_argument, NULL, 'b' },
	{ "buckets", required_argument, NULL, 'B' },
	{ "delimiter", required_argument, NULL, 'd' },
	{ "detail", no_argument, NULL, 'D' },
	{ "help", no_argument, NULL, 'h' },
	{ "matches", required_argument, NULL, 'm' },
	{ "output", required_argument, NULL, 'o' },
	{ "sort", required_argument, NULL, 's' },
	{ "statement", required_argument, NULL, 'S' },
	{ "statement-dir", required_argument, NULL, 'F' },
	{ "terms", required_argument, NULL, 'p' },
	{ "top", required_argument, NULL, 'n' },
	{ "totals", no_argument, NULL, 't' },
	{ "totals-only", no_argument, NULL, 'T' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* Warnings of items aged on issue date + terms shown per file. */
#define MAXWARN 10

enum mode { BY_CUSTOMER, BY_INVOICE, STATEMENT };

struct run {
	struct ar_age_opts o;
	enum mode mode;
	char delim;
	int fmt;
	struct ar_aging *a;
	struct ar_age_detail *d;
	struct ar_stmt *s;

	/* The file being read. */
	const char *file;
	struct ar_item_cols cols;	/* its columns */
	struct ar_item_cols parse;	/* those parsed */
	int has_due;
	long warned, unwarned;
	long future;		/* items issued after --as-of, this file */
	int late;			/* status of what end_file reported */
	struct ar_stmt_mcols mcols;
};

/*
 * The file just read is done: count its last item, and say how many of
 * its items were aged on terms unsaid.
 */
static void
end_file(struct run *u)
{
	struct ar_err err = { .file = u->file };

	if (u->mode == BY_CUSTOMER && ar_aging_flush(u->a, &err) != AR_OK) {
		cli_report(&err);
		u->late = CLI_SKIPPED;
	}
	if (u->unwarned > 0)
		cli_warn_at(u->file, 0, "%ld more items without a due date; "
		    "aged on issue date + %d days", u->unwarned, u->o.terms);
	if (u->future > 0)
		cli_warn_at(u->file, 0, "%ld item%s issued after the --as-of date "
		    "left out", u->future, u->future == 1 ? "" : "s");
	u->warned = u->unwarned = u->future = 0;
}

static int
open_items(struct ar_csv_reader *r, const char *name, void *arg)
{
	struct run *u = arg;
	unsigned need = AR_NEED_CUST;
	const char *missing;

	end_file(u);
	u->file = name;
	if (u->o.basis == AR_AGE_ISSUE)
		need |= AR_NEED_ISSUE;
	if ((missing = ar_item_cols_find(&u->cols, r, need)) != NULL) {
		cli_warn_at(name, 1, "no column '%s'; file skipped", missing);
		return CLI_SKIPPED;	/* issue 4: the rest is still aged */
	}
	if (u->o.basis == AR_AGE_DUE && u->cols.due_date < 0 &&
	    u->cols.issue_date < 0) {
		cli_warn_at(name, 1, "no column 'due_date' (nor 'issue_date' "
		    "to age from); file skipped");
		return CLI_SKIPPED;
	}
	u->has_due = u->cols.due_date >= 0;
	if (u->o.basis == AR_AGE_DUE && !u->has_due)
		cli_warn_at(name, 0, "no due_date column; items aged on issue "
		    "date + %d days", u->o.terms);
	/* Parse only what is used. */
	u->parse = u->cols;
	u->parse.reference = -1;
	if (u->o.basis == AR_AGE_ISSUE && u->mode != STATEMENT)
		u->parse.due_date = -1;
	if (u->mode != STATEMENT) {
		u->parse.paid_amount = -1;
		u->parse.last_payment_date = -1;
		u->parse.paid_date = -1;
	}
	if (u->mode == BY_INVOICE)
		ar_age_detail_file(u->d, r);
	return CLI_OK;
}

static int
read_item(struct ar_csv_reader *r, void *arg)
{
	struct run *u = arg;
	struct ar_err err = { .file = u->file };
	enum ar_age_how how = AR_AGED_NONE;
	struct ar_item it;
	enum ar_rc rc;

	if (ar_item_parse(&u->parse, r, &it, &err) != AR_OK) {
		cli_report(&err);
		return CLI_SKIPPED;
	}
	/* Not yet issued on the --as-of date: not owed then. */
	if (it.issue_date != AR_NODATE && it.issue_date > u->o.as_of) {
		u->future++;
		return CLI_OK;
	}
	err.line = ar_csv_line(r);
	switch (u->mode) {
	case BY_CUSTOMER:
		/* An error may concern the item before: it sets the line. */
		rc = ar_aging_add(u->a, &it, ar_csv_line(r), &how, &err);
		break;
	case BY_INVOICE:
		rc = ar_age_detail_add(u->d, r, &it, &how, &err);
		err.line = ar_csv_line(r);
		break;
	default:
		rc = ar_stmt_add_item(u->s, &u->cols, &it, &how, &err);
		err.line = ar_csv_line(r);
		break;
	}
	if (rc != AR_OK)
		cli_report(&err);
	if (how == AR_AGED_TERMS && u->has_due) {
		if (u->warned++ < MAXWARN)
			cli_warn_at(u->file, ar_csv_line(r), "no due date; aged on "
			    "issue date + %d days", u->o.terms);
		else
			u->unwarned++;
	}
	return rc == AR_OK ? CLI_OK : CLI_SKIPPED;
}

static int
by_customer(struct run *u, const struct ar_age_view *v)
{
	const struct ar_age_row *rows;
	struct ar_err err = { .file = "<output>" };
	struct ar_age_fmt buf;
	struct ar_csvw *w;
	size_t i, n;
	int status = CLI_OK;

	if (ar_aging_rows(u->a, v, &rows, &n, &err) != AR_OK) {
		cli_warn("%s", err.msg);
		status = CLI_SKIPPED;
	}
	w = ar_csvw_new(stdout, u->fmt, u->delim, ar_aging_header(u->a),
	    ar_aging_ncols(u->a));
	for (i = 0; i < n; i++)
		ar_csvw_row(w, ar_aging_format(u->a, &rows[i], &buf));
	ar_csvw_close(w);
	return status;
}

static int
by_invoice(struct run *u, int totals)
{
	struct ar_err err = { 0 };
	struct ar_csvw *w;
	enum ar_rc rc;
	size_t i, n;
	int status = CLI_OK;

	n = ar_age_detail_finish(u->d, totals, &rc, &err);
	if (rc != AR_OK) {
		cli_warn("%s", err.msg);
		status = CLI_SKIPPED;
	}
	w = ar_csvw_new(stdout, u->fmt, u->delim, ar_age_detail_header(u->d),
	    ar_age_detail_ncols(u->d));
	for (i = 0; i < n; i++)
		ar_csvw_row(w, ar_age_detail_row(u->d, i));
	ar_csvw_close(w);
	return status;
}

static int
open_matches(struct ar_csv_reader *r, const char *name, void *arg)
{
	struct run *u = arg;
	const char *missing;

	u->file = name;
	if ((missing = ar_stmt_mcols_find(&u->mcols, r)) != NULL) {
		cli_warn_at(name, 0, "no column %s", missing);
		return CLI_FAILED;
	}
	return CLI_OK;
}

static int
read_match(struct ar_csv_reader *r, void *arg)
{
	struct run *u = arg;
	struct ar_err err = { .file = u->file };

	if (ar_stmt_add_match(u->s, &u->mcols, r, &err) != AR_OK) {
		cli_report(&err);
		return CLI_SKIPPED;
	}
	return CLI_OK;
}

static void
write_rows(struct ar_csvw *w, const struct ar_stmt_row *rows, size_t n)
{
	struct ar_stmt_fmt buf;
	size_t i;

	for (i = 0; i < n; i++)
		ar_csvw_row(w, ar_stmt_format(&rows[i], &buf));
}

/* One file per customer in dir; their names listed on stdout. */
static int
statement_dir(struct run *u, const char *dir, size_t ncust)
{
	static const char *const ext[] = { ".csv", ".tsv", ".json", ".txt" };
	static const char *const lh[] = { "customer_id", "customer_name", "file" };
	const struct ar_stmt_row *rows;
	struct ar_csvw *list;
	int status = CLI_OK;
	size_t k, n;

	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		cli_warn("%s: %s", dir, strerror(errno));
		return CLI_FAILED;
	}
	list = ar_csvw_new(stdout, u->fmt, u->delim, lh, 3);
	for (k = 0; k < ncust; k++) {
		const char *id = ar_stmt_customer(u->s, k);
		char name[256], *path;
		struct ar_err err = { 0 };
		struct ar_outfile of;
		struct ar_csvw *w;
		size_t len;
		FILE *fp;

		n = ar_stmt_rows(u->s, k, &rows);
		if (ar_stmt_filename(id, ext[u->fmt], name, sizeof name) == NULL) {
			cli_warn("customer '%s': id too long for a file name; "
			    "no statement written", id);
			status = CLI_FAILED;
			continue;
		}
		len = strlen(dir) + strlen(name) + 2;
		path = ar_xmalloc(len);
		snprintf(path, len, "%s/%s", dir, name);
		if ((fp = ar_outfile_open(&of, path, &err)) == NULL) {
			cli_warn("%s", err.msg);
			free(path);
			status = CLI_FAILED;
			continue;
		}
		w = ar_csvw_new(fp, u->fmt, u->delim, ar_stmt_header(),
		    AR_STMT_NCOLS);
		write_rows(w, rows, n);
		ar_csvw_close(w);
		if (ar_outfile_commit(&of, &err) != AR_OK) {
			cli_warn("%s", err.msg);
			status = CLI_FAILED;
		} else {
			const char *f[] = { id, rows[0].customer_name, path };

			ar_csvw_row(list, f);
		}
		free(path);
	}
	ar_csvw_close(list);
	return status;
}

static int
statement(struct run *u, const char *customer, const char *dir,
    const char *matches)
{
	const struct ar_stmt_row *rows;
	struct ar_err err = { 0 };
	struct ar_csvw *w;
	int status = CLI_OK;
	size_t ncust, n;

	if (matches != NULL) {
		char *m[] = { (char *)matches };

		ar_stmt_use_matches(u->s);
		status = cli_each(m, 1, u->delim, open_matches, read_match, u);
		/* A statement without its payments would be wrong. */
		if (status == CLI_FAILED)
			return status;
	}
	ncust = ar_stmt_finish(u->s);
	while (ar_stmt_check(u->s, &err) == AR_OK)
		cli_report(&err);
	if (dir != NULL)
		return cli_worse(status, statement_dir(u, dir, ncust));
	if (ncust == 0) {
		cli_warn("no items of customer '%s'", customer);
		status = cli_worse(status, CLI_SKIPPED);
	}
	w = ar_csvw_new(stdout, u->fmt, u->delim, ar_stmt_header(), AR_STMT_NCOLS);
	n = ar_stmt_rows(u->s, 0, &rows);
	write_rows(w, rows, n);
	ar_csvw_close(w);
	return status;
}

int
main(int argc, char **argv)
{
	struct run u = { .delim = ',', .fmt = AR_FMT_CSV };
	struct ar_age_view v = { .sort = AR_AGE_BY_ID, .customers = 1 };
	const char *as_of = NULL, *buckets = NULL, *customer = NULL,
	    *dir = NULL, *matches = NULL, *sort = NULL, *why;
	int c, detail = 0, status;

	cli_init("ar-age", usage, help);
	argv[0] = (char *)cli_prog();	/* getopt's messages name the program so */
	ar_age_opts_init(&u.o, 0);
	while ((c = getopt_long(argc, argv, "a:B:b:Dd:F:hm:n:o:p:S:s:TtV",
	    longopts, NULL)) != -1) {
		switch (c) {
		case 'a': as_of = optarg; break;
		case 'B': buckets = optarg; break;
		case 'b':
			if (strcmp(optarg, "due") == 0)
				u.o.basis = AR_AGE_DUE;
			else if (strcmp(optarg, "issue") == 0)
				u.o.basis = AR_AGE_ISSUE;
			else
				cli_usage("unknown basis '%s' (due, issue)", optarg);
			break;
		case 'D': detail = 1; break;
		case 'd': u.delim = cli_delim(optarg); break;
		case 'F': dir = optarg; break;
		case 'h': cli_help();
		case 'm': matches = optarg; break;
		case 'n':
			v.top = cli_number("--top", optarg, 1, LONG_MAX);
			break;
		case 'o': u.fmt = cli_format(optarg); break;
		case 'p': u.o.terms = (int)cli_number("--terms", optarg, 0, AR_AGE_MAXDAYS); break;
		case 'S': customer = optarg; break;
		case 's': sort = optarg; break;
		case 'T': v.totals = 1; v.customers = 0; break;
		case 't': v.totals = 1; break;
		case 'V': cli_version();
		default: cli_usage(NULL);
		}
	}
	argc -= optind;
	argv += optind;
	u.o.as_of = as_of ? cli_date("--as-of", as_of) : ar_date_today();
	if (buckets != NULL && (why = ar_age_bounds_parse(&u.o, buckets)) != NULL)
		cli_usage("--buckets '%s': %s", buckets, why);
	if (sort != NULL) {
		if (strcmp(sort, "overdue") == 0)
			v.sort = AR_AGE_BY_OVERDUE;
		else if (strcmp(sort, "id") != 0)
			cli_usage("unknown sort key '%s' (id, overdue)", sort);
		else if (v.top > 0)
			cli_usage("--top sorts by overdue, not by id");
	}
	if (customer != NULL && dir != NULL)
		cli_usage("--statement and --statement-dir: choose one");
	if (customer != NULL || dir != NULL) {
		if (detail || v.totals || sort != NULL || v.top > 0 || buckets != NULL)
			cli_usage("a statement takes none of --detail, --totals, "
			    "--totals-only, --sort, --top, --buckets");
		u.mode = STATEMENT;
	} else if (matches != NULL)
		cli_usage("--matches goes with --statement or --statement-dir");
	else if (detail) {
		if (!v.customers || sort != NULL || v.top > 0)
			cli_usage("--detail takes none of --totals-only, --sort, --top");
		u.mode = BY_INVOICE;
	}
	if (customer != NULL && *customer == '\0')
		cli_usage("--statement: empty customer id");
	if (dir != NULL && *dir == '\0')
		cli_usage("--statement-dir: empty folder name");

	switch (u.mode) {
	case BY_CUSTOMER:
		u.a = ar_aging_new(&u.o);
		break;
	case BY_INVOICE:
		u.d = ar_age_detail_new(&u.o);
		break;
	case STATEMENT:
		u.s = ar_stmt_new(&u.o, customer);
		break;
	}
	status = cli_each(argv, argc, u.delim, open_items, read_item, &u);
	end_file(&u);
	status = cli_worse(status, u.late);
	switch (u.mode) {
	case BY_CUSTOMER:
		status = cli_worse(status, by_customer(&u, &v));
		ar_aging_free(u.a);
		break;
	case BY_INVOICE:
		status = cli_worse(status, by_invoice(&u, v.totals));
		ar_age_detail_free(u.d);
		break;
	case STATEMENT:
		status = cli_worse(status, statement(&u, customer, dir, matches));
		ar_stmt_free(u.s);
		break;
	}
	return cli_finish(status);
}
