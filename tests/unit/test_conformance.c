/*
 * test_conformance.c - ar-import over every file of ../shared/testdata,
 * against the values that its MANIFEST.md records for them, as
 * transcribed in tests/data/import-conformance.txt.
 *
 * A TAP program so that each value checked is one test point and a
 * disagreement names the file, the record and the column.  The folder is
 * $ARTOOLS_SHARED/testdata, else $srcdir/../shared/testdata; when it is
 * not there the program says so in one skipped point ("ok 1 # SKIP") and
 * passes: the suite then runs without third-party data (a tarball,
 * another machine), and .ci/run, which has the folder, runs it for real.
 *
 * ar-import is $builddir/ar-import (else the one on PATH), run once per
 * file with -o csv and read back with the toolkit's own CSV reader.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvio.h"
#include "tap.h"

#define MAXROWS	64
#define MAXCOLS	32

/* What one run of ar-import gave. */
struct result {
	int status;
	size_t ncols, nrows;
	char *cols[MAXCOLS];
	char *rows[MAXROWS][MAXCOLS];
	size_t more;			/* records past MAXROWS */
	char *err;			/* standard error */
};

static const char *testdata, *prog;
static char scratch[64];

static char *
xstrdup(const char *s)
{
	char *p = strdup(s);

	if (p == NULL)
		abort();
	return p;
}

static void
result_free(struct result *r)
{
	size_t i, j;

	for (i = 0; i < r->ncols; i++)
		free(r->cols[i]);
	for (i = 0; i < r->nrows; i++)
		for (j = 0; j < r->ncols; j++)
			free(r->rows[i][j]);
	free(r->err);
	memset(r, 0, sizeof *r);
}

static char *
slurp(const char *path)
{
	FILE *fp = fopen(path, "r");
	char *s;
	long n;

	if (fp == NULL)
		return xstrdup("");
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	s = malloc((size_t)n + 1);
	if (s == NULL)
		abort();
	n = (long)fread(s, 1, (size_t)n, fp);
	s[n] = '\0';
	fclose(fp);
	return s;
}

/* Run ar-import OPTS testdata/PATH. */
static void
run(const char *path, const char *opts, struct result *r)
{
	struct ar_err err = { 0 };
	struct ar_csv_reader *rd;
	char cmd[4096];
	FILE *fp;
	int st;

	memset(r, 0, sizeof *r);
	snprintf(cmd, sizeof cmd, "'%s' %s '%s/%s' 2>'%s'", prog, opts, testdata,
	    path, scratch);
	if ((fp = popen(cmd, "r")) == NULL) {
		r->status = -1;
		return;
	}
	if ((rd = ar_csv_open(fp, path, ',', &err)) != NULL) {
		size_t i;
		enum ar_rc rc;

		r->ncols = ar_csv_ncols(rd);
		if (r->ncols > MAXCOLS)
			r->ncols = MAXCOLS;
		for (i = 0; i < r->ncols; i++)
			r->cols[i] = xstrdup(ar_csv_colname(rd, i));
		while ((rc = ar_csv_read(rd, &err)) != AR_EOF && rc != AR_FATAL) {
			if (rc != AR_OK)
				continue;
			if (r->nrows == MAXROWS) {
				r->more++;
				continue;
			}
			for (i = 0; i < r->ncols; i++)
				r->rows[r->nrows][i] = xstrdup(ar_csv_field(rd, (int)i));
			r->nrows++;
		}
		ar_csv_free(rd);
	}
	st = pclose(fp);
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	r->err = slurp(scratch);
}

static int
col(const struct result *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->ncols; i++)
		if (strcmp(r->cols[i], name) == 0)
			return (int)i;
	return -1;
}

/* The amounts in one currency added up exactly (all with the same places). */
static int
sum_of(const struct result *r, const char *ccy, char *out, size_t n)
{
	int a = col(r, "amount"), c = col(r, "currency");
	long long units = 0;
	int places = -1;
	size_t i;

	if (a < 0 || c < 0)
		return 0;
	for (i = 0; i < r->nrows; i++) {
		const char *s = r->rows[i][a], *dot;
		long long v = 0;
		int neg = *s == '-', p = 0;

		if (strcmp(r->rows[i][c], ccy) != 0)
			continue;
		if (neg)
			s++;
		dot = strchr(s, '.');
		for (; *s != '\0'; s++)
			if (*s != '.')
				v = v * 10 + (*s - '0');
		if (dot != NULL)
			p = (int)strlen(dot + 1);
		if (places >= 0 && p != places)
			return 0;
		places = p;
		units += neg ? -v : v;
	}
	if (places < 0)
		places = 2;
	{
		/* The digits of |units|, a point before the last places. */
		char d[32];
		int len, k = 0;

		len = snprintf(d, sizeof d, "%0*lld", places + 1,
		    units < 0 ? -units : units);
		if (units < 0)
			out[k++] = '-';
		memcpy(out + k, d, (size_t)(len - places));
		k += len - places;
		if (places > 0) {
			out[k++] = '.';
			memcpy(out + k, d + len - places, (size_t)places);
			k += places;
		}
		out[k] = '\0';
		(void)n;
	}
	return 1;
}

/* The files of testdata/ that the expectations name. */
static char **named;
static size_t nnamed;

static int
is_named(const char *path)
{
	size_t i;

	for (i = 0; i < nnamed; i++)
		if (strcmp(named[i], path) == 0)
			return 1;
	return 0;
}

/* Check one block of expectations: lines[0] is "file PATH". */
static void
check_block(char **lines, size_t n)
{
	const char *path = lines[0] + 5, *opts = "";
	char what[512];
	struct result r;
	size_t i;

	for (i = 1; i < n; i++)
		if (strncmp(lines[i], "opts ", 5) == 0)
			opts = lines[i] + 5;
	/* "camt/x.xml" or "camt/x.xml --pending" in the test names */
	snprintf(what, sizeof what, "%s%s%s", path, *opts ? " " : "", opts);
	named = realloc(named, (nnamed + 1) * sizeof *named);
	named[nnamed++] = xstrdup(path);
	run(path, opts, &r);
	is_int(r.status, 0, "%s: exit status", what);
	for (i = 1; i < n; i++) {
		char *l = lines[i], got[64];

		if (strncmp(l, "records ", 8) == 0)
			is_int((long long)(r.nrows + r.more), atoll(l + 8),
			    "%s: records", what);
		else if (strncmp(l, "sum ", 4) == 0) {
			char ccy[4] = "";

			memcpy(ccy, l + 4, 3);
			if (!sum_of(&r, ccy, got, sizeof got))
				snprintf(got, sizeof got, "(no sum)");
			is_str(got, l + 8, "%s: %s amounts add up to %s", what, ccy,
			    l + 8);
		} else if (strncmp(l, "row ", 4) == 0) {
			char name[64];
			long k;
			int off = 0, c;

			if (sscanf(l + 4, "%ld %63s %n", &k, name, &off) < 2)
				continue;
			if (off == 0) {
				/* "row K COLUMN" and nothing more: empty. */
				off = (int)strlen(l + 4);
			}
			c = col(&r, name);
			is_str(k >= 1 && (size_t)k <= r.nrows && c >= 0 ?
			    r.rows[k - 1][c] : "(no such record or column)",
			    l + 4 + off, "%s: record %ld %s", what, k, name);
		} else if (strncmp(l, "has ", 4) == 0) {
			char name[64];
			int off = 0, c, found = 0;
			size_t j;

			sscanf(l + 4, "%63s %n", name, &off);
			c = col(&r, name);
			for (j = 0; c >= 0 && j < r.nrows; j++)
				found |= strcmp(r.rows[j][c], l + 4 + off) == 0;
			ok(found, "%s: some record has %s %s", what, name, l + 4 + off);
		} else if (strncmp(l, "warn ", 5) == 0) {
			if (!ok(strstr(r.err, l + 5) != NULL, "%s: says \"%s\"", what,
			    l + 5))
				printf("#   stderr: %s", r.err);
		} else if (strncmp(l, "nowarn ", 7) == 0) {
			if (!ok(strstr(r.err, l + 7) == NULL, "%s: does not say "
			    "\"%s\"", what, l + 7))
				printf("#   stderr: %s", r.err);
		}
	}
	result_free(&r);
}

/* Every other file: read without an error. */
static void
check_rest(const char *sub)
{
	char dir[4096], path[4096];
	struct dirent **ents;
	int i, n;

	snprintf(dir, sizeof dir, "%s/%s", testdata, sub);
	if ((n = scandir(dir, &ents, NULL, alphasort)) < 0)
		return;
	for (i = 0; i < n; i++) {
		struct result r;
		const char *f = ents[i]->d_name;
		size_t len = strlen(f);

		if (len > 4 && strcmp(f + len - 4, ".xml") == 0) {
			snprintf(path, sizeof path, "%s/%s", sub, f);
			if (!is_named(path)) {
				run(path, "", &r);
				if (!is_int(r.status, 0, "%s: read without error", path))
					printf("#   stderr: %s", r.err);
				result_free(&r);
			}
		}
		free(ents[i]);
	}
	free(ents);
}

int
main(void)
{
	const char *srcdir = getenv("srcdir"), *shared = getenv("ARTOOLS_SHARED"),
	    *builddir = getenv("builddir");
	char td[4096], exp[4096], bin[4096], line[8192], *lines[256];
	struct stat sb;
	size_t n = 0, i;
	FILE *fp;
	int fd;

	if (srcdir == NULL)
		srcdir = ".";
	if (shared != NULL && *shared != '\0')
		snprintf(td, sizeof td, "%s/testdata", shared);
	else
		snprintf(td, sizeof td, "%s/../shared/testdata", srcdir);
	if (stat(td, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		printf("ok 1 - conformance # SKIP skipped: ../shared/testdata not "
		    "found (%s)\n", td);
		tap_n = 1;
		return tap_done();
	}
	testdata = td;
	snprintf(bin, sizeof bin, "%s/ar-import", builddir ? builddir : ".");
	prog = access(bin, X_OK) == 0 ? bin : "ar-import";
	snprintf(scratch, sizeof scratch, "/tmp/artools-conf.XXXXXX");
	if ((fd = mkstemp(scratch)) < 0) {
		printf("Bail out! mkstemp: %s\n", strerror(errno));
		return 1;
	}
	close(fd);

	snprintf(exp, sizeof exp, "%s/tests/data/import-conformance.txt", srcdir);
	if ((fp = fopen(exp, "r")) == NULL) {
		printf("Bail out! %s: %s\n", exp, strerror(errno));
		return 1;
	}
	while (fgets(line, sizeof line, fp) != NULL) {
		size_t len = strlen(line);

		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == ' '))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		if (strncmp(line, "file ", 5) == 0 && n > 0) {
			check_block(lines, n);
			for (i = 0; i < n; i++)
				free(lines[i]);
			n = 0;
		}
		if (n < sizeof lines / sizeof lines[0])
			lines[n++] = xstrdup(line);
	}
	if (n > 0)
		check_block(lines, n);
	for (i = 0; i < n; i++)
		free(lines[i]);
	fclose(fp);
	check_rest("camt");
	check_rest("ubl");
	for (i = 0; i < nnamed; i++)
		free(named[i]);
	free(named);
	unlink(scratch);
	return tap_done();
}
