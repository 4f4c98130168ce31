/*
 * ar-kpi - the figures that show how collection works: DSO (standard,
 * countback, best possible), days delinquent, CEI, on-time share, days
 * to pay and late, disputes, promises, at-risk share per period and
 * group; the top debtors; mergeable partial sums.
 */
#include "config.h"

#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "csvio.h"
#include "kpi.h"

static const char usage[] =
    "[-b column] [-c customers] [-d delim] [-e events] [-n count] [-o format]\n"
    "              [-p period] [--as-of date] [--currency code] [--from date]\n"
    "              [--to date] [--partial] [--merge] [file ...]";

static const char help[] =
    "\n"
    "Collection figures per period, group and currency from open items (the\n"
    "output of ar-match) or invoices with paid_date and paid_amount: DSO,\n"
    "countback DSO, best possible DSO, days delinquent, CEI, share paid on\n"
    "time, days to pay and late, disputes, promises kept, at-risk share.\n"
    "\n"
    "Options:\n"
    "  -p, --period P        week (ISO), month (default), quarter, year\n"
    "      --from DATE       first period: the one holding DATE (default: the\n"
    "                        first invoice's)\n"
    "      --to DATE         last period: the one holding DATE (default and\n"
    "                        at most: the --as-of date's)\n"
    "      --as-of DATE      what is known: nothing dated later (default today)\n"
    "  -b, --by COLUMN       a row per value: segment, customer, currency, or\n"
    "                        any column of the input or the customers file\n"
    "  -c, --customers FILE  customers (customer_id, segment, name, ...)\n"
    "  -e, --events FILE     events: disputes, resolutions, promises\n"
    "      --currency CODE   only this currency (default: a row per currency)\n"
    "  -n, --top N           instead: the N debtors with the most overdue money\n"
    "                        at --as-of, with their share and cumulative share\n"
    "      --partial         write mergeable sums instead of figures\n"
    "      --merge           read partial outputs instead of items\n"
    "  -d, --delimiter C     CSV field delimiter, input and output (default ,)\n"
    "  -o, --output FORMAT   csv (default), tsv, json, table\n"
    "  -h, --help            this help\n"
    "  -V, --version         the version\n"
    "\n"
    "Exit status: 0 success, 1 records reported and skipped, 2 bad usage,\n"
    "unreadable input or a failed write.  See ar-kpi(1) for every formula.\n";

static const struct option longopts[] = {
	{ "as-of", required_argument, NULL, 'A' },
	{ "by", required_argument, NULL, 'b' },
	{ "currency", required_argument, NULL, 'C' },
	{ "customers", required_argument, NULL, 'c' },
	{ "delimiter", required_argument, NULL, 'd' },
	{ "events", required_argument, NULL, 'e' },
	{ "from", required_argument, NULL, 'F' },
	{ "help", no_argument, NULL, 'h' },
	{ "merge", no_argument, NULL, 'M' },
	{ "output", required_argument, NULL, 'o' },
	{ "partial", no_argument, NULL, 'P' },
	{ "period", required_argument, NULL, 'p' },
	{ "to", required_argument, NULL, 'T' },
	{ "top", required_argument, NULL, 'n' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

#define NKINDS 4

/* One kind of input: how to find its columns and take a record. */
struct input {
	struct ar_kpi *k;
	enum ar_rc (*begin)(struct ar_kpi *, const struct ar_csv_reader *,
	    struct ar_err *);
	enum ar_rc (*read)(struct ar_kpi *, const struct ar_csv_reader *,
	    struct ar_err *);
	const char *kind[NKINDS];	/* the kinds of ar_kpi_note seen */
	long notes[NKINDS];		/* how many of each */
};

#define MAXNOTES 10

static int
open_input(struct ar_csv_reader *r, const char *name, void *arg)
{
	struct input *in = arg;
	struct ar_err err = { .file = name };

	if (in->begin(in->k, r, &err) != AR_OK) {
		cli_report(&err);
		return CLI_FAILED;
	}
	return CLI_OK;
}

static int
read_input(struct ar_csv_reader *r, void *arg)
{
	struct input *in = arg;
	struct ar_err err;	/* not zeroed: it is written before it is read */
	const char *note;
	size_t i, j;

	err.file = ar_csv_name(r);
	err.line = 0;
	err.msg[0] = '\0';
	if (in->read(in->k, r, &err) != AR_OK) {
		cli_report(&err);
		return CLI_SKIPPED;
	}
	/* the first MAXNOTES of each kind */
	for (j = 0; in->read == ar_kpi_items_read &&
	    (note = ar_kpi_note(in->k, j)) != NULL; j++) {
		for (i = 0; i < NKINDS && in->kind[i] != NULL &&
		    in->kind[i] != note; i++)
			;
		if (i < NKINDS) {
			in->kind[i] = note;
			if (in->notes[i]++ < MAXNOTES)
				cli_warn_at(ar_csv_name(r), ar_csv_line(r), "%s",
				    note);
		}
	}
	return CLI_OK;
}

static int
load(struct ar_kpi *k, const char *path, char delim,
    enum ar_rc (*begin)(struct ar_kpi *, const struct ar_csv_reader *,
    struct ar_err *),
    enum ar_rc (*read)(struct ar_kpi *, const struct ar_csv_reader *,
    struct ar_err *))
{
	struct input in = { k, begin, read, { NULL }, { 0 } };
	char *files[1];

	files[0] = (char *)path;
	return cli_each(files, 1, delim, open_input, read_input, &in);
}

int
main(int argc, char **argv)
{
	struct ar_kpi_opts o = { .period = AR_KPI_MONTH, .from = AR_NODATE,
	    .to = AR_NODATE };
	const char *customers = NULL, *events = NULL;
	const char *const *names, *const *fields;
	struct ar_err err = { 0 };
	struct ar_csvw *w;
	struct ar_kpi *k;
	struct input in;
	char delim = ',';
	int c, fmt = AR_FMT_CSV, status;
	size_t n, i;

	cli_init("ar-kpi", usage, help);
	argv[0] = (char *)cli_prog();	/* getopt's messages name the program so */
	o.as_of = ar_date_today();
	while ((c = getopt_long(argc, argv, "b:c:d:e:hn:o:p:V", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'A':
			o.as_of = cli_date("--as-of", optarg);
			o.set_as_of = 1;
			break;
		case 'b': o.by = optarg; o.set_by = 1; break;
		case 'C': o.currency = optarg; break;
		case 'c': customers = optarg; break;
		case 'd': delim = cli_delim(optarg); break;
		case 'e': events = optarg; break;
		case 'F': o.from = cli_date("--from", optarg); break;
		case 'h': cli_help();
		case 'M': o.merge = 1; break;
		case 'n': o.top = (int)cli_number("--top", optarg, 1, INT_MAX); break;
		case 'o': fmt = cli_format(optarg); break;
		case 'P': o.partial = 1; break;
		case 'p':
			if ((c = ar_kpi_period_parse(optarg)) < 0)
				cli_usage("unknown period '%s' (week, month, "
				    "quarter, year)", optarg);
			o.period = c;
			o.set_period = 1;
			break;
		case 'T': o.to = cli_date("--to", optarg); break;
		case 'V': cli_version();
		default: cli_usage(NULL);
		}
	}
	argc -= optind;
	argv += optind;
	if (o.top && (o.set_period || o.from != AR_NODATE || o.to != AR_NODATE))
		cli_usage("--top lists debtors as of --as-of: --period, --from "
		    "and --to do not apply");
	if (o.top && events != NULL)
		cli_usage("--events does not apply to --top");
	if (o.partial && (o.from != AR_NODATE || o.to != AR_NODATE))
		cli_usage("--partial writes every period: give --from and --to "
		    "to --merge");
	if (o.merge && (customers != NULL || events != NULL))
		cli_usage("--merge reads sums that already hold the customers "
		    "and events: give them to --partial");
	if (o.from != AR_NODATE && o.to != AR_NODATE && o.to < o.from)
		cli_usage("--to is before --from");
	if (o.from != AR_NODATE && (o.set_as_of || !o.merge) && o.as_of < o.from)
		cli_usage("--from is after --as-of");
	if ((k = ar_kpi_new(&o, &err)) == NULL)
		cli_usage("%s", err.msg);

	/* The customers and events must be whole, or nothing is written. */
	status = CLI_OK;
	if (customers != NULL)
		status = load(k, customers, delim, ar_kpi_customers_begin,
		    ar_kpi_customers_read);
	if (events != NULL && status != CLI_FAILED)
		status = cli_worse(status, load(k, events, delim,
		    ar_kpi_events_begin, ar_kpi_events_read));
	if (status == CLI_FAILED) {
		ar_kpi_free(k);
		return cli_finish(status);
	}

	in.k = k;
	memset(in.kind, 0, sizeof in.kind);
	memset(in.notes, 0, sizeof in.notes);
	in.begin = o.merge ? ar_kpi_merge_begin : ar_kpi_items_begin;
	in.read = o.merge ? ar_kpi_merge_read : ar_kpi_items_read;
	status = cli_worse(status, cli_each(argv, argc, delim, open_input,
	    read_input, &in));
	for (i = 0; i < NKINDS && in.kind[i] != NULL; i++)
		if (in.notes[i] > MAXNOTES)
			cli_warn("%ld more items (not shown): %s",
			    in.notes[i] - MAXNOTES, in.kind[i]);

	n = ar_kpi_header(k, &names);
	w = ar_csvw_new(stdout, fmt, delim, names, n);
	while (ar_kpi_row(k, &fields))
		ar_csvw_row(w, fields);
	ar_csvw_close(w);
	ar_kpi_free(k);
	return cli_finish(status);
}
