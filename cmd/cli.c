/* cli.c - shared front-end helpers (see cli.h) */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "csvio.h"

static const char *prog = "artools";
static const char *usage_line = "";
static const char *help_text = "";

void
cli_init(const char *name, const char *usage, const char *help)
{
	prog = name;
	usage_line = usage;
	help_text = help;
	signal(SIGPIPE, SIG_DFL);
}

const char *
cli_prog(void)
{
	return prog;
}

/*
 * s on stderr with its control characters written as \n, \r, \t or
 * \xNN: a field quoted in a message cannot break it into lines that
 * look like messages of their own.
 */
static void
put_clean(const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\n')
			fputs("\\n", stderr);
		else if (c == '\r')
			fputs("\\r", stderr);
		else if (c == '\t')
			fputs("\\t", stderr);
		else if (c < 0x20 || c == 0x7f)
			fprintf(stderr, "\\x%02x", c);
		else
			fputc(c, stderr);
	}
}

/* "prog: [file[:line]: ]message" on one line of stderr. */
static void
vwarn(const char *file, long line, const char *fmt, va_list ap)
{
	char buf[1024], *p = buf;
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(buf, sizeof buf, fmt, aq);
	va_end(aq);
	if (n >= (int)sizeof buf) {
		p = ar_xmalloc((size_t)n + 1);
		(void)vsnprintf(p, (size_t)n + 1, fmt, ap);
	} else if (n < 0)
		buf[0] = '\0';
	fprintf(stderr, "%s: ", prog);
	if (file != NULL) {
		put_clean(file);
		if (line > 0)
			fprintf(stderr, ":%ld", line);
		fputs(": ", stderr);
	}
	put_clean(p);
	fputc('\n', stderr);
	if (p != buf)
		free(p);
}

void
cli_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(NULL, 0, fmt, ap);
	va_end(ap);
}

void
cli_warn_at(const char *file, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(file, line, fmt, ap);
	va_end(ap);
}

void
cli_report(const struct ar_err *e)
{
	cli_warn_at(e->file ? e->file : "<input>", e->line, "%s", e->msg);
}

void
cli_usage(const char *fmt, ...)
{
	va_list ap;

	if (fmt != NULL) {
		va_start(ap, fmt);
		vwarn(NULL, 0, fmt, ap);
		va_end(ap);
	}
	fprintf(stderr, "usage: %s %s\nTry '%s --help' for more information.\n",
	    prog, usage_line, prog);
	exit(CLI_FAILED);
}

void
cli_help(void)
{
	printf("usage: %s %s\n%s", prog, usage_line, help_text);
	exit(cli_finish(CLI_OK));
}

void
cli_version(void)
{
	printf("%s (artools) %s\n", prog, PACKAGE_VERSION);
	exit(cli_finish(CLI_OK));
}

FILE *
cli_open(const char *path, const char **name)
{
	FILE *fp;

	if (strcmp(path, "-") == 0) {
		*name = "<stdin>";
		return stdin;
	}
	*name = path;
	if ((fp = fopen(path, "r")) == NULL)
		cli_warn("%s: %s", path, strerror(errno));
	return fp;
}

void
cli_close(FILE *fp)
{
	if (fp != NULL && fp != stdin)
		fclose(fp);
}

char
cli_delim(const char *arg)
{
	if (strcmp(arg, "\\t") == 0 || strcmp(arg, "tab") == 0)
		return '\t';
	if (strlen(arg) != 1 || arg[0] == '"' || arg[0] == '\n' ||
	    arg[0] == '\r')
		cli_usage("bad delimiter '%s': one character, not a quote or "
		    "line end", arg);
	return arg[0];
}

int
cli_format(const char *arg)
{
	int f = ar_fmt_parse(arg);

	if (f < 0)
		cli_usage("unknown output format '%s' (csv, tsv, json, table)", arg);
	return f;
}

int
cli_worse(int a, int b)
{
	return a > b ? a : b;
}

long
cli_number(const char *opt, const char *arg, long lo, long hi)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (*arg < '0' || *arg > '9' || *end != '\0' || errno != 0 ||
	    v < lo || v > hi) {
		if (hi >= INT_MAX)	/* no bound worth saying */
			cli_usage("%s '%s': expected a whole number from %ld",
			    opt, arg, lo);
		cli_usage("%s '%s': expected a whole number from %ld to %ld",
		    opt, arg, lo, hi);
	}
	return v;
}

ar_date
cli_date(const char *opt, const char *arg)
{
	const char *why;
	ar_date d;

	if ((why = ar_date_parse(arg, 0, &d)) != NULL)
		cli_usage("%s '%s': %s", opt, arg, why);
	return d;
}

const char *
cli_outpath(const char *opt, const char *arg)
{
	if (*arg == '\0')
		cli_usage("%s: empty file name", opt);
	if (strcmp(arg, "-") == 0)
		cli_usage("%s '-': standard output carries the main result; "
		    "name a file", opt);
	return arg;
}

static int
each(char **files, int n, char delim,
    int (*open_fn)(struct ar_csv_reader *, const char *, void *),
    int (*rec_fn)(struct ar_csv_reader *, void *), void *arg, int empty_ok)
{
	static char *dash[] = { "-" };
	struct cli_fid *ids = NULL;
	int i, status = CLI_OK;

	if (n == 0) {
		files = dash;
		n = 1;
	}
	if (n > 1) {
		ids = ar_xcalloc((size_t)n, sizeof *ids);
		for (i = 0; i < n; i++)
			cli_fid_of(files[i], &ids[i]);
	}
	for (i = 0; i < n; i++) {
		struct ar_err err = { 0 };
		struct ar_csv_reader *r;
		const char *name;
		enum ar_rc rc;
		FILE *fp;
		int st;

		if (ids != NULL && cli_named_before(files, ids, i)) {
			status = cli_worse(status, CLI_SKIPPED);
			continue;
		}
		if ((fp = cli_open(files[i], &name)) == NULL) {
			status = CLI_FAILED;
			continue;
		}
		if (empty_ok) {
			int c = getc(fp);

			if (c == EOF && !ferror(fp)) {
				cli_close(fp);
				continue;
			}
			if (c != EOF)
				(void)ungetc(c, fp);
		}
		if ((r = ar_csv_open(fp, name, delim, &err)) == NULL) {
			cli_report(&err);
			status = CLI_FAILED;
			cli_close(fp);
			continue;
		}
		st = open_fn ? open_fn(r, name, arg) : CLI_OK;
		status = cli_worse(status, st);
		while (st == CLI_OK && (rc = ar_csv_read(r, &err)) != AR_EOF) {
			if (rc == AR_OK)
				status = cli_worse(status, rec_fn(r, arg));
			else {
				cli_report(&err);
				status = cli_worse(status,
				    rc == AR_FATAL ? CLI_FAILED : CLI_SKIPPED);
				if (rc == AR_FATAL)
					break;
			}
		}
		ar_csv_free(r);
		cli_close(fp);
	}
	if (ids != NULL)
		cli_fids_free(ids, n);
	return status;
}

int
cli_each(char **files, int n, char delim,
    int (*open_fn)(struct ar_csv_reader *, const char *, void *),
    int (*rec_fn)(struct ar_csv_reader *, void *), void *arg)
{
	return each(files, n, delim, open_fn, rec_fn, arg, 0);
}

int
cli_each_empty_ok(char **files, int n, char delim,
    int (*open_fn)(struct ar_csv_reader *, const char *, void *),
    int (*rec_fn)(struct ar_csv_reader *, void *), void *arg)
{
	return each(files, n, delim, open_fn, rec_fn, arg, 1);
}

static int stdout_errno;	/* why cli_stdout_ok found it failed */

int
cli_stdout_ok(void)
{
	errno = 0;
	if (fflush(stdout) != 0)
		stdout_errno = errno;
	return ferror(stdout) ? -1 : 0;
}

int
cli_finish(int status)
{
	int bad = ferror(stdout), e = 0;

	errno = 0;
	if (fflush(stdout) != 0) {
		e = errno;
		bad = 1;
	}
	if (fclose(stdout) != 0) {
		if (e == 0)
			e = errno;
		bad = 1;
	}
	if (bad) {
		if (e == 0)
			e = stdout_errno;
		if (e != 0)
			cli_warn("error writing standard output: %s", strerror(e));
		else
			cli_warn("error writing standard output");
		return CLI_FAILED;
	}
	return status;
}

/* ---- which file a path names ---- */

void
cli_fid_of(const char *path, struct cli_fid *f)
{
	struct stat st;
	const char *slash;
	char *dir, *real;

	memset(f, 0, sizeof *f);
	if (strcmp(path, "-") == 0 ? fstat(0, &st) == 0 : stat(path, &st) == 0) {
		f->dev = st.st_dev;
		f->ino = st.st_ino;
		f->exists = 1;
		return;
	}
	slash = strrchr(path, '/');
	dir = slash == NULL ? ar_xstrdup(".") : slash == path ? ar_xstrdup("/") :
	    ar_xstrndup(path, (size_t)(slash - path));
	real = realpath(dir, NULL);
	free(dir);
	if (real == NULL) {
		f->path = ar_xstrdup(path);
		return;
	}
	f->path = ar_xmalloc(strlen(real) + strlen(path) + 2);
	sprintf(f->path, "%s/%s", real, slash == NULL ? path : slash + 1);
	free(real);
}

int
cli_fid_same(const struct cli_fid *a, const struct cli_fid *b)
{
	if (a->exists && b->exists)
		return a->dev == b->dev && a->ino == b->ino;
	return !a->exists && !b->exists && strcmp(a->path, b->path) == 0;
}

void
cli_fids_free(struct cli_fid *f, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(f[i].path);
	free(f);
}

/* Do paths a and b name one file? */
int
cli_same_file(const char *a, const char *b)
{
	struct cli_fid fa, fb;
	int same;

	if (a == NULL || b == NULL)
		return 0;
	if (strcmp(a, b) == 0)
		return 1;
	cli_fid_of(a, &fa);
	cli_fid_of(b, &fb);
	same = cli_fid_same(&fa, &fb);
	free(fa.path);
	free(fb.path);
	return same;
}

int
cli_named_before(char *const *files, const struct cli_fid *ids, int i)
{
	int j;

	for (j = 0; j < i && !cli_fid_same(&ids[j], &ids[i]); j++)
		;
	if (j == i || !ids[i].exists)
		return 0;
	cli_warn_at(strcmp(files[i], "-") == 0 ? "<stdin>" : files[i], 0,
	    "the same file as %s: skipped", strcmp(files[j], "-") == 0 ?
	    "<stdin>" : files[j]);
	return 1;
}
