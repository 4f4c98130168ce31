/*
 * ar-ref - check, normalize and generate structured payment references
 * (ISO 11649 RF, Belgian OGM/VCS, Dutch betalingskenmerk) and IBANs,
 * given as arguments or as a column of a CSV stream.
 */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "csvio.h"
#include "ref.h"

static const char usage[] =
    "[-np] [-k kind] [-c column [-a name]] [-d delim] [-o format] check|make [ARG...]";

static const char help[] =
    "\n"
    "Check, normalize and generate payment references: ISO 11649 RF, Belgian\n"
    "OGM/VCS, Dutch betalingskenmerk, and IBANs.\n"
    "\n"
    "  check REF...         check references given as arguments\n"
    "  make BASE...         make references of kind -k from the given bases\n"
    "  -c COLUMN check|make [FILE...]\n"
    "                       the same for a column of CSV input (standard input\n"
    "                       when no FILE or '-'), adding columns\n"
    "\n"
    "Options:\n"
    "  -k, --kind KIND       any (check only, the default), rf, ogm, kenmerk, iban\n"
    "  -c, --column NAME     read CSV; NAME holds the references (check) or the\n"
    "                        bases (make)\n"
    "  -a, --add NAME        make: the column to fill (default reference);\n"
    "                        check: the prefix of the added columns (default\n"
    "                        the column's own name)\n"
    "  -n, --normalize       check: rewrite valid references in the column\n"
    "  -p, --print           with -c: write the printed form (RF18 5390 0754\n"
    "                        7034, +++010/8068/17183+++) instead of the\n"
    "                        electronic one (without -c both are written)\n"
    "  -d, --delimiter C     CSV field delimiter for input and output (default ,)\n"
    "  -o, --output FORMAT   csv (default), tsv, json, table\n"
    "  -h, --help            this help\n"
    "  -V, --version         the version\n"
    "\n"
    "Exit status: 0 all valid, 1 some reference was invalid or could not be\n"
    "made, or a record or file was skipped (each is reported), 2 bad usage,\n"
    "unreadable input or a failed write.\n"
    "See ar-ref(1).\n";

static const struct option longopts[] = {
	{ "add", required_argument, NULL, 'a' },
	{ "column", required_argument, NULL, 'c' },
	{ "delimiter", required_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ "kind", required_argument, NULL, 'k' },
	{ "normalize", no_argument, NULL, 'n' },
	{ "output", required_argument, NULL, 'o' },
	{ "print", no_argument, NULL, 'p' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

struct opts {
	int make;		/* verb: make, else check */
	int any;		/* -k any */
	enum ar_ref_kind kind;
	const char *column;
	const char *add;
	int normalize, print;
	char delim;
	int fmt;
};

/*
 * Check one reference.  Fills kind, the output form and why; returns 1
 * if valid.
 */
static int
check_one(const struct opts *o, const char *s, enum ar_ref_kind *kind,
    char *norm, char *out, const char **why)
{
	*why = NULL;
	if (o->any) {
		*kind = ar_ref_detect(s, norm, why);
		if (*kind == AR_REF_NONE && *why == NULL)
			*why = "not a structured reference or IBAN";
	} else {
		*kind = o->kind;
		*why = ar_ref_check(o->kind, s, norm);
	}
	if (*why != NULL)
		return 0;
	if (o->print)
		ar_ref_format(*kind, norm, out);
	else
		strcpy(out, norm);
	return 1;
}

static int
run_args(const struct opts *o, char **argv, int argc)
{
	static const char *const cc[] = { "input", "kind", "status",
	    "electronic", "printed", "message" };
	static const char *const mc[] = { "base", "kind", "electronic", "printed" };
	struct ar_csvw *w;
	int i, status = CLI_OK;

	if (o->make)
		w = ar_csvw_new(stdout, o->fmt, o->delim, mc, 4);
	else
		w = ar_csvw_new(stdout, o->fmt, o->delim, cc, 6);
	for (i = 0; i < argc; i++) {
		char norm[AR_REF_BUFSZ] = "", out[AR_REF_BUFSZ] = "",
		    printed[AR_REF_BUFSZ] = "";
		enum ar_ref_kind kind = o->kind;
		const char *why;

		if (o->make) {
			why = ar_ref_make(o->kind, argv[i], norm);
			if (why == NULL)
				ar_ref_format(o->kind, norm, printed);
			else {
				cli_warn("cannot make %s from '%s': %s",
				    ar_ref_kind_name(o->kind), argv[i], why);
				status = CLI_SKIPPED;
			}
			{
				const char *f[] = { argv[i], ar_ref_kind_name(kind),
				    norm, printed };

				ar_csvw_row(w, f);
			}
			continue;
		}
		if (check_one(o, argv[i], &kind, norm, out, &why))
			ar_ref_format(kind, norm, printed);
		else {
			cli_warn("'%s': %s", argv[i], why);
			status = CLI_SKIPPED;
		}
		{
			const char *f[] = { argv[i], ar_ref_kind_name(kind),
			    why ? "invalid" : "valid", norm, printed,
			    why ? why : "" };

			ar_csvw_row(w, f);
		}
	}
	ar_csvw_close(w);
	return status;
}

/* The CSV stream mode: output columns and this file's mapping. */
struct stream {
	const struct opts *o;
	struct ar_csvw *w;
	char **names;		/* output header */
	size_t nout, nin;	/* output columns; input columns (first file) */
	size_t col, kcol, scol;	/* column; added kind, status (check) */
	int *map;		/* output column -> this file's column */
	const char **f;		/* the row being written */
};

static char *
joined(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 1;
	char *s = ar_xmalloc(n);

	snprintf(s, n, "%s%s", a, b);
	return s;
}

/* Find or add an output column; returns its index. */
static size_t
out_col(struct stream *st, const char *name)
{
	size_t i;

	for (i = 0; i < st->nout; i++)
		if (strcmp(st->names[i], name) == 0)
			return i;
	st->names = ar_xrealloc(st->names, (st->nout + 1) * sizeof *st->names);
	st->names[st->nout] = ar_xstrdup(name);
	return st->nout++;
}

/* The first file fixes the output columns. */
static int
setup(struct stream *st, struct ar_csv_reader *r, const char *name)
{
	const struct opts *o = st->o;
	size_t i;
	char *s;

	if (ar_csv_col(r, o->column) < 0) {
		cli_warn_at(name, 0, "no column '%s'", o->column);
		return CLI_FAILED;
	}
	st->nin = ar_csv_ncols(r);
	st->names = ar_xcalloc(st->nin, sizeof *st->names);
	for (i = 0; i < st->nin; i++)
		st->names[i] = ar_xstrdup(ar_csv_colname(r, i));
	st->nout = st->nin;
	st->col = (size_t)ar_csv_col(r, o->column);
	if (o->make) {
		st->kcol = out_col(st, o->add ? o->add : "reference");
	} else {
		const char *pre = o->add ? o->add : o->column;

		st->kcol = out_col(st, s = joined(pre, "_kind"));
		free(s);
		st->scol = out_col(st, s = joined(pre, "_status"));
		free(s);
	}
	st->map = ar_xcalloc(st->nin ? st->nin : 1, sizeof *st->map);
	st->f = ar_xcalloc(st->nout, sizeof *st->f);
	st->w = ar_csvw_new(stdout, o->fmt, o->delim,
	    (const char *const *)st->names, st->nout);
	return CLI_OK;
}

/* cli_each: map this file's columns onto the output. */
static int
on_open(struct ar_csv_reader *r, const char *name, void *arg)
{
	struct stream *st = arg;
	size_t i;

	if (st->w == NULL && setup(st, r, name) != CLI_OK)
		return CLI_FAILED;
	for (i = 0; i < st->nin; i++)
		if (ar_csv_ncols(r) != st->nin ||
		    (st->map[i] = ar_csv_col(r, st->names[i])) < 0) {
			cli_warn_at(name, 1, "header differs from the first "
			    "file's; file skipped");
			return CLI_SKIPPED;
		}
	return CLI_OK;
}

/* cli_each: one record. */
static int
on_record(struct ar_csv_reader *r, void *arg)
{
	struct stream *st = arg;
	const struct opts *o = st->o;
	char norm[AR_REF_BUFSZ], out[AR_REF_BUFSZ];
	const char **f = st->f, *why, *v;
	enum ar_ref_kind kind;
	int status = CLI_OK;
	size_t i;

	for (i = 0; i < st->nin; i++)
		f[i] = ar_csv_field(r, st->map[i]);
	for (; i < st->nout; i++)
		f[i] = "";
	v = f[st->col];
	if (o->make) {
		if (*f[st->kcol] != '\0')
			;	/* keep the reference it has */
		else if ((why = ar_ref_make(o->kind, v, norm)) != NULL) {
			cli_warn_at(ar_csv_name(r), ar_csv_line(r),
			    "cannot make %s from %s '%s': %s",
			    ar_ref_kind_name(o->kind), o->column, v, why);
			status = CLI_SKIPPED;
		} else {
			if (o->print)
				ar_ref_format(o->kind, norm, out);
			else
				strcpy(out, norm);
			f[st->kcol] = out;
		}
	} else if (*v == '\0') {
		f[st->kcol] = "";
		f[st->scol] = "empty";
	} else if (check_one(o, v, &kind, norm, out, &why)) {
		f[st->kcol] = ar_ref_kind_name(kind);
		f[st->scol] = "valid";
		if (o->normalize)
			f[st->col] = out;
	} else {
		cli_warn_at(ar_csv_name(r), ar_csv_line(r), "%s '%s': %s",
		    o->column, v, why);
		f[st->kcol] = ar_ref_kind_name(kind);
		f[st->scol] = "invalid";
		status = CLI_SKIPPED;
	}
	ar_csvw_row(st->w, f);
	return status;
}

static int
run_stream(const struct opts *o, char **argv, int argc)
{
	struct stream st = { .o = o };
	int status;
	size_t k;

	status = cli_each(argv, argc, o->delim, on_open, on_record, &st);
	ar_csvw_close(st.w);
	for (k = 0; k < st.nout; k++)
		free(st.names[k]);
	free(st.names);
	free(st.map);
	free(st.f);
	return status;
}

int
main(int argc, char **argv)
{
	struct opts o = { .any = 1, .delim = ',', .fmt = AR_FMT_CSV };
	const char *kind = NULL;
	int c;

	cli_init("ar-ref", usage, help);
	argv[0] = (char *)cli_prog();	/* getopt's messages name the program so */
	while ((c = getopt_long(argc, argv, "a:c:d:hk:no:pV", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'a': o.add = optarg; break;
		case 'c': o.column = optarg; break;
		case 'd': o.delim = cli_delim(optarg); break;
		case 'h': cli_help();
		case 'k': kind = optarg; break;
		case 'n': o.normalize = 1; break;
		case 'o': o.fmt = cli_format(optarg); break;
		case 'p': o.print = 1; break;
		case 'V': cli_version();
		default: cli_usage(NULL);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0)
		cli_usage("no verb: check or make");
	if (strcmp(argv[0], "make") == 0)
		o.make = 1;
	else if (strcmp(argv[0], "check") != 0)
		cli_usage("unknown verb '%s': check or make", argv[0]);
	argc--;
	argv++;
	if (kind != NULL && strcmp(kind, "any") != 0) {
		if ((o.kind = ar_ref_kind_parse(kind)) == AR_REF_NONE)
			cli_usage("unknown kind '%s' (any, rf, ogm, kenmerk, iban)",
			    kind);
		o.any = 0;
	}
	if (o.make && (o.any || o.kind == AR_REF_IBAN))
		cli_usage("make needs -k rf, ogm or kenmerk");
	if (o.make && o.normalize)
		cli_usage("-n goes with check");
	if (o.column == NULL && o.add != NULL)
		cli_usage("-a goes with -c");
	if (o.column == NULL && o.normalize)
		cli_usage("-n goes with -c");
	if (o.column == NULL && argc == 0)
		cli_usage("nothing to %s: give arguments, or -c COLUMN to read CSV",
		    o.make ? "make" : "check");
	if (o.column != NULL)
		return cli_finish(run_stream(&o, argv, argc));
	return cli_finish(run_args(&o, argv, argc));
}
