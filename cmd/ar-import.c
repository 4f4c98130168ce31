/*
 * ar-import - UBL e-invoices and credit notes to invoice records, ISO
 * 20022 bank statements, reports and notifications (camt.053, camt.052,
 * camt.054) to payment records.
 *
 * Each file is recognized by its root element and namespace.  A
 * document's records are held (lib/spool.c) until it has been read
 * through, so that a bad document leaves nothing in the output; then
 * they are written, to standard output or to the file named for their
 * kind.  Invoice and payment records never share a stream.
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/time.h>

#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "camt.h"
#include "cli.h"
#include "csvio.h"
#include "outfile.h"
#include "spool.h"
#include "strmap.h"
#include "ubl.h"
#include "xmlstream.h"

#define SPOOL_MEM	(1024 * 1024)	/* a document's records in memory */

static const char usage[] =
    "[--pending] [--all] [--seen file] [--terms days] [--invoices file]\n"
    "                 [--payments file] [-d delim] [-o format] [file ...]";

static const char help[] =
    "\n"
    "Read UBL 2.1 invoices and credit notes (Peppol BIS Billing 3.0, EN 16931,\n"
    "NLCIUS, XRechnung, UBL.BE) and ISO 20022 bank statements, reports and\n"
    "notifications (camt.053, camt.052, camt.054, versions .001.01 to .13);\n"
    "write invoice records and payment records (see ar-csv(5)).  Each file\n"
    "(standard input when none or '-') is recognized by its root element.\n"
    "A file that cannot be read is reported and skipped, with nothing of it\n"
    "in the output.\n"
    "\n"
    "Options:\n"
    "  --all                 import entries of every status, not only booked\n"
    "  --pending             import pending (PDNG) entries too\n"
    "  --seen FILE           payment records imported before: leave out\n"
    "                        transactions whose txn_id is there (or already\n"
    "                        written in this run)\n"
    "  --terms DAYS          due date = issue date + DAYS for an invoice that\n"
    "                        has none\n"
    "  --invoices FILE       write invoice records to FILE\n"
    "  --payments FILE       write payment records to FILE\n"
    "                        (standard output takes the kind not sent to a\n"
    "                        file; when the files hold both kinds, name at\n"
    "                        least one of these)\n"
    "  -d, --delimiter C     CSV field delimiter (default ,), also for --seen\n"
    "  -o, --output FORMAT   csv (default), tsv, json, table\n"
    "  -h, --help            this help\n"
    "  -V, --version         the version\n"
    "\n"
    "Exit status: 0 all imported, 1 some file was reported and skipped, 2 bad\n"
    "usage, an unreadable file or a failed write.  See ar-import(1).\n";

static const struct option longopts[] = {
	{ "all", no_argument, NULL, 'A' },
	{ "delimiter", required_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ "invoices", required_argument, NULL, 'I' },
	{ "output", required_argument, NULL, 'o' },
	{ "payments", required_argument, NULL, 'P' },
	{ "pending", no_argument, NULL, 'N' },
	{ "seen", required_argument, NULL, 'S' },
	{ "terms", required_argument, NULL, 'T' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* Record kinds. */
#define K_NONE	(-1)
#define K_INV	0
#define K_PAY	1

static const char *const kind_name[] = { "invoices", "payments" };

struct run {
	int fmt;
	char delim;
	unsigned camt_flags;
	int terms;
	const char *path[2];		/* --invoices, --payments */
	int stdout_kind;		/* K_NONE: not decided yet */
	struct ar_outfile of[2];
	struct ar_csvw *w[2];
	struct ar_spool *sp[2];
	struct ar_strmap *seen;		/* --seen */
	int seen_col;
	size_t seen_skipped;
	struct ar_camt_stats left;	/* entries left out, summed */
	int status;
};

/* One document being read. */
struct doc {
	struct run *run;
	const char *name;
	int kind;
	struct ar_ubl *ubl;
	struct ar_camt *camt;
	struct ar_sink sink;
	struct ar_err spool_err;
	int spool_failed;
};

static void
doc_row(void *u, const char *const *fields)
{
	struct doc *d = u;

	if (!d->spool_failed &&
	    ar_spool_add(d->run->sp[d->kind], fields, &d->spool_err) != AR_OK)
		d->spool_failed = 1;
}

static void
doc_warn(void *u, long line, const char *msg)
{
	struct doc *d = u;

	cli_warn_at(d->name, line, "warning: %s", msg);
}

static void
doc_start(void *u, struct ar_xml *x, const char *name, const char *ns)
{
	struct doc *d = u;

	if (ar_xml_depth(x) == 1) {
		if (ar_ubl_is_root(name, ns)) {
			d->kind = K_INV;
			d->ubl = ar_ubl_new(&d->sink, d->name, d->run->terms);
		} else if (ar_camt_is_root(name, ns)) {
			d->kind = K_PAY;
			d->camt = ar_camt_new(&d->sink, d->name,
			    d->run->camt_flags);
		} else {
			ar_xml_fail(x, ar_xml_line(x), "not a UBL invoice or "
			    "credit note, nor an ISO 20022 bank statement "
			    "(camt.052/053/054): root element <%s>%s%.200s%s",
			    name, *ns ? " in namespace '" : " in no namespace",
			    ns, *ns ? "'" : "");
			return;
		}
	}
	if (d->ubl != NULL)
		ar_ubl_handler.start(d->ubl, x, name, ns);
	else if (d->camt != NULL)
		ar_camt_handler.start(d->camt, x, name, ns);
}

static void
doc_end(void *u, struct ar_xml *x, const char *name, const char *text,
    size_t len)
{
	struct doc *d = u;

	if (d->ubl != NULL)
		ar_ubl_handler.end(d->ubl, x, name, text, len);
	else if (d->camt != NULL)
		ar_camt_handler.end(d->camt, x, name, text, len);
}

static void rearm(void *);

static const struct ar_xml_handler doc_handler = { doc_start, doc_end, rearm };

/* ------------------------------------------------------------------ */
/* Which kind a file holds, from its root element, before reading it. */

struct sniff {
	int kind;
};

static void
sniff_start(void *u, struct ar_xml *x, const char *name, const char *ns)
{
	struct sniff *s = u;

	if (ar_ubl_is_root(name, ns))
		s->kind = K_INV;
	else if (ar_camt_is_root(name, ns))
		s->kind = K_PAY;
	ar_xml_fail(x, 0, "sniffed");
}

static const struct ar_xml_handler sniff_handler = { sniff_start, NULL,
    rearm };

/*
 * A watchdog for hostile documents: libxml2 2.9 checks the attributes of
 * one element against each other, so a start tag with hundreds of
 * thousands of attributes takes hours to parse.  A real document parses
 * at hundreds of megabytes a second; a chunk of 64 KiB that takes more
 * than WATCH_SECONDS of processor time stops ar-import with an error
 * rather than hang, whether it comes from a file or a pipe.  Processor
 * time, not time on the clock: a slow disk or pipe is no reason to stop.
 * Files named with --invoices and --payments are renamed into place only
 * at the end, so they are not written then.
 */
#define WATCH_SECONDS	2

static char watched[512];
static const char *tmpnames[2];	/* the named outputs being written */

static void
on_alarm(int sig)
{
	static const char pre[] = "ar-import: ", post[] =
	    ": parsing takes far too long (a hostile document?); stopped\n";
	int k;

	(void)sig;
	for (k = 0; k < 2; k++)
		if (tmpnames[k] != NULL)
			(void)unlink(tmpnames[k]);
	(void)!write(2, pre, sizeof pre - 1);
	(void)!write(2, watched, strlen(watched));
	(void)!write(2, post, sizeof post - 1);
	_exit(CLI_FAILED);
}

/* Each chunk gets WATCH_SECONDS afresh. */
static void
rearm(void *u)
{
	struct itimerval it = { { 0, 0 }, { WATCH_SECONDS, 0 } };

	(void)u;
	(void)setitimer(ITIMER_VIRTUAL, &it, NULL);
}

static void
watch(const char *name)
{
	snprintf(watched, sizeof watched, "%s", name);
	signal(SIGVTALRM, on_alarm);
}

static void
unwatch(void)
{
	struct itimerval it = { { 0, 0 }, { 0, 0 } };

	(void)setitimer(ITIMER_VIRTUAL, &it, NULL);
}

/*
 * Which file a path names: its device and inode when it exists ('-' is
 * standard input), else the real path of its folder and its own name
 * (an output not written yet), so that two spellings of one file match.
 */

/* Only regular files: reading a pipe would lose what was read. */
static int
sniff(const char *path)
{
	struct sniff s = { K_NONE };
	struct ar_err err = { 0 };
	struct stat sb;
	FILE *fp;

	if (strcmp(path, "-") == 0 || stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
		return K_NONE;
	if ((fp = fopen(path, "r")) == NULL)
		return K_NONE;
	watch(path);
	(void)ar_xml_parse(fp, path, &sniff_handler, &s, &err);
	unwatch();
	fclose(fp);
	return s.kind;
}

/* ------------------------------------------------------------------ */
/* Output. */

static const char *const *
columns(int kind, size_t *n)
{
	if (kind == K_INV) {
		*n = ar_ubl_ncolumns();
		return ar_ubl_columns;
	}
	*n = ar_camt_ncolumns();
	return ar_camt_columns;
}

/* The writer for a kind, made on first use; NULL if it has nowhere to go. */
static struct ar_csvw *
writer(struct run *r, int kind)
{
	const char *const *names;
	struct ar_err err = { 0 };
	size_t n;
	FILE *fp;

	if (r->w[kind] != NULL)
		return r->w[kind];
	if (r->path[kind] != NULL) {
		if ((fp = ar_outfile_open(&r->of[kind], r->path[kind], &err)) == NULL) {
			cli_warn("%s", err.msg);
			ar_outfile_abort(&r->of[!kind]);
			exit(cli_finish(CLI_FAILED));
		}
		tmpnames[kind] = r->of[kind].tmp;
	} else {
		if (r->stdout_kind == K_NONE)
			r->stdout_kind = kind;
		if (r->stdout_kind != kind)
			return NULL;
		fp = stdout;
	}
	names = columns(kind, &n);
	r->w[kind] = ar_csvw_new(fp, r->fmt, r->delim, names, n);
	return r->w[kind];
}

/* A document read through: write its records. */
static int
flush_doc(struct run *r, struct doc *d)
{
	const char *const *f;
	struct ar_err err = { 0 };
	struct ar_csvw *w;
	enum ar_rc rc;

	if ((w = writer(r, d->kind)) == NULL) {
		cli_warn_at(d->name, 0, "holds %s, but standard output carries "
		    "%s: name a file with --%s; file skipped",
		    kind_name[d->kind], kind_name[!d->kind], kind_name[d->kind]);
		return CLI_SKIPPED;
	}
	if (ar_spool_rewind(r->sp[d->kind], &err) != AR_OK)
		goto fatal;
	while ((rc = ar_spool_next(r->sp[d->kind], &f, &err)) == AR_OK) {
		if (d->kind == K_PAY && r->seen != NULL) {
			int added;

			ar_strmap_intern(r->seen, f[0], strlen(f[0]), &added);
			if (!added) {
				r->seen_skipped++;
				continue;
			}
		}
		ar_csvw_row(w, f);
	}
	if (rc == AR_EOF)
		return CLI_OK;
fatal:
	cli_warn_at(d->name, 0, "%s", err.msg);
	return CLI_FAILED;
}

static int
import(struct run *r, const char *path)
{
	struct doc d;
	struct ar_err err = { 0 };
	const char *name;
	enum ar_rc rc;
	FILE *fp;
	int st = CLI_OK;

	if ((fp = cli_open(path, &name)) == NULL)
		return CLI_FAILED;
	memset(&d, 0, sizeof d);
	d.run = r;
	d.name = name;
	d.kind = K_NONE;
	d.sink.row = doc_row;
	d.sink.warn = doc_warn;
	d.sink.u = &d;
	ar_spool_clear(r->sp[K_INV]);
	ar_spool_clear(r->sp[K_PAY]);
	watch(name);
	rc = ar_xml_parse(fp, name, &doc_handler, &d, &err);
	unwatch();
	if (rc == AR_OK && d.ubl != NULL)
		rc = ar_ubl_finish(d.ubl, &err);
	else if (rc == AR_OK && d.camt != NULL)
		rc = ar_camt_finish(d.camt, &err);
	if (rc == AR_OK && d.spool_failed) {
		cli_warn_at(name, 0, "%s", d.spool_err.msg);
		st = CLI_FAILED;
	} else if (rc == AR_OK)
		st = flush_doc(r, &d);
	else {
		if (err.file == NULL)
			err.file = name;
		cli_warn_at(err.file, err.line, "%s; file skipped", err.msg);
		st = rc == AR_FATAL ? CLI_FAILED : CLI_SKIPPED;
	}
	if (d.camt != NULL && rc == AR_OK) {
		struct ar_camt_stats s;

		ar_camt_stats(d.camt, &s);
		r->left.pending += s.pending;
		r->left.info += s.info;
		r->left.other += s.other;
	}
	ar_ubl_free(d.ubl);
	ar_camt_free(d.camt);
	cli_close(fp);
	return st;
}

/* ------------------------------------------------------------------ */
/* --seen */

static int
seen_open(struct ar_csv_reader *rd, const char *name, void *arg)
{
	struct run *r = arg;

	if ((r->seen_col = ar_csv_col(rd, "txn_id")) < 0) {
		cli_warn_at(name, 0, "no column 'txn_id'");
		return CLI_FAILED;
	}
	return CLI_OK;
}

static int
seen_record(struct ar_csv_reader *rd, void *arg)
{
	struct run *r = arg;

	ar_strmap_intern(r->seen, ar_csv_field(rd, r->seen_col),
	    ar_csv_fieldlen(rd, r->seen_col), NULL);
	return CLI_OK;
}

/* ------------------------------------------------------------------ */

static void
notes(struct run *r)
{
	const struct ar_camt_stats *s = &r->left;
	size_t n = s->pending + s->info + s->other;
	char buf[256];
	size_t len = 0;

	if (r->seen_skipped > 0)
		cli_warn("%zu transaction%s already imported (--seen), skipped",
		    r->seen_skipped, r->seen_skipped == 1 ? "" : "s");
	if (n == 0)
		return;
	buf[0] = '\0';
	if (s->pending > 0)
		len += snprintf(buf + len, sizeof buf - len, "%zu pending (PDNG)",
		    s->pending);
	if (s->info > 0)
		len += snprintf(buf + len, sizeof buf - len, "%s%zu "
		    "informational (INFO)", len ? ", " : "", s->info);
	if (s->other > 0)
		snprintf(buf + len, sizeof buf - len, "%s%zu of another status",
		    len ? ", " : "", s->other);
	cli_warn("%zu entr%s not booked left out: %s; --pending or --all "
	    "imports them", n, n == 1 ? "y" : "ies", buf);
}

int
main(int argc, char *argv[])
{
	static char *dash[] = { "-" };
	struct run r;
	const char *seen = NULL;
	char **files;
	int c, i, n, has[2] = { 0, 0 }, k, ok, made[2];
	struct cli_fid *ids;

	cli_init("ar-import", usage, help);
	argv[0] = (char *)cli_prog();	/* getopt's messages name the program so */
	memset(&r, 0, sizeof r);
	r.fmt = AR_FMT_CSV;
	r.delim = ',';
	r.terms = -1;
	r.stdout_kind = K_NONE;
	while ((c = getopt_long(argc, argv, "d:ho:V", longopts, NULL)) != -1) {
		switch (c) {
		case 'A':
			r.camt_flags |= AR_CAMT_ALL;
			break;
		case 'd':
			r.delim = cli_delim(optarg);
			break;
		case 'h':
			cli_help();
		case 'I':
			r.path[K_INV] = cli_outpath("--invoices", optarg);
			break;
		case 'N':
			r.camt_flags |= AR_CAMT_PENDING;
			break;
		case 'o':
			r.fmt = cli_format(optarg);
			break;
		case 'P':
			r.path[K_PAY] = cli_outpath("--payments", optarg);
			break;
		case 'S':
			seen = optarg;
			break;
		case 'T':
			r.terms = (int)cli_number("--terms", optarg, 0, 3660);
			break;
		case 'V':
			cli_version();
		default:
			cli_usage(NULL);
		}
	}
	files = argv + optind;
	n = argc - optind;
	if (n == 0) {
		files = dash;
		n = 1;
	}
	if (cli_same_file(r.path[K_INV], r.path[K_PAY]))
		cli_usage("--invoices and --payments name the same file");
	/* each input looked at once: against the outputs, then each other */
	ids = ar_xcalloc((size_t)n, sizeof *ids);
	for (i = 0; i < n; i++)
		cli_fid_of(files[i], &ids[i]);
	for (k = 0; k < 2; k++) {
		struct cli_fid out;

		if (r.path[k] == NULL)
			continue;
		cli_fid_of(r.path[k], &out);
		for (i = 0; i < n && !cli_fid_same(&out, &ids[i]) &&
		    strcmp(r.path[k], files[i]) != 0; i++)
			;
		free(out.path);
		if (i < n)
			cli_usage("--%s names a file to be read: %s",
			    k == K_INV ? "invoices" : "payments", files[i]);
	}
	for (i = 0; seen != NULL && i < n; i++)
		if (strcmp(files[i], "-") == 0 && (strcmp(seen, "-") == 0 ||
		    cli_same_file(seen, "-")))
			cli_usage("--seen and the documents both read standard "
			    "input: name a file for one of them");
	for (k = 0; k < 2; k++)
		if (cli_same_file(seen, r.path[k]))
			cli_usage("--seen and --%s name the same file: what was "
			    "imported before would be replaced by this run's records "
			    "(write to a new file and append it)", k == K_INV ?
			    "invoices" : "payments");

	/* Where each kind goes: a named file, or standard output. */
	for (i = 0; i < n; i++)
		if ((k = sniff(files[i])) != K_NONE)
			has[k] = 1;
	if (r.path[K_INV] == NULL && r.path[K_PAY] == NULL) {
		if (has[K_INV] && has[K_PAY])
			cli_usage("the files hold both invoices (UBL) and bank "
			    "statements (CAMT): name an output with --invoices "
			    "FILE or --payments FILE");
		if (has[K_INV] || has[K_PAY])
			r.stdout_kind = has[K_INV] ? K_INV : K_PAY;
	} else if (r.path[K_INV] == NULL)
		r.stdout_kind = K_INV;
	else if (r.path[K_PAY] == NULL)
		r.stdout_kind = K_PAY;

	if (seen != NULL) {
		r.seen = ar_strmap_new();
		/*
		 * An empty file (the first night of a growing history, or
		 * /dev/null): none seen.
		 */
		r.status = cli_each_empty_ok((char **)&seen, 1, r.delim,
		    seen_open, seen_record, &r);
		if (r.status == CLI_FAILED) {
			ar_strmap_free(r.seen);
			cli_fids_free(ids, n);
			return cli_finish(CLI_FAILED);
		}
	}

	/* Headers first, so that a file named for a kind is always written. */
	for (k = 0; k < 2; k++)
		if (r.path[k] != NULL || r.stdout_kind == k)
			(void)writer(&r, k);
	r.sp[K_INV] = ar_spool_new(ar_ubl_ncolumns(), SPOOL_MEM);
	r.sp[K_PAY] = ar_spool_new(ar_camt_ncolumns(), SPOOL_MEM);
	/* a file named twice is read once */
	for (i = 0; i < n; i++) {
		if (cli_named_before(files, ids, i)) {
			r.status = cli_worse(r.status, CLI_SKIPPED);
			continue;
		}
		r.status = cli_worse(r.status, import(&r, files[i]));
	}
	cli_fids_free(ids, n);
	notes(&r);

	/*
	 * The files named only when every output, stdout too, was written:
	 * the writers closed first (a table is written then), then checked.
	 */
	for (k = 0; k < 2; k++) {
		made[k] = r.w[k] != NULL;
		ar_csvw_close(r.w[k]);
		r.w[k] = NULL;
	}
	ok = cli_stdout_ok() == 0;
	for (k = 0; k < 2; k++) {
		struct ar_err err = { 0 };

		if (r.path[k] != NULL && made[k] &&
		    ar_outfile_flush(&r.of[k], &err) != AR_OK) {
			cli_warn("%s", err.msg);
			r.status = CLI_FAILED;
			ok = 0;
		}
	}
	for (k = 0; k < 2; k++) {
		struct ar_err err = { 0 };

		if (r.path[k] != NULL && made[k]) {
			tmpnames[k] = NULL;
			if (!ok)
				ar_outfile_abort(&r.of[k]);
			else if (ar_outfile_commit(&r.of[k], &err) != AR_OK) {
				cli_warn("%s", err.msg);
				r.status = CLI_FAILED;
				ok = 0;
			}
		}
		ar_spool_free(r.sp[k]);
	}
	if (r.seen != NULL)
		ar_strmap_free(r.seen);
	return cli_finish(r.status);
}
