/*
 * csvio.c - streaming CSV reader on libcsv, and the writer for
 * csv, tsv, json (one object a line) and aligned tables.
 *
 * libcsv gives no positions, so the reader feeds it one segment at a
 * time, each ending at the first CR or LF, and counts lines itself: a
 * record starts on the line being fed when libcsv's parser was between
 * rows before that segment.  One segment holds at most one line end, so
 * at most one record completes per libcsv call and no queue is needed.
 *
 * A line that holds no quote character and starts between rows is split
 * at its delimiters directly, which gives the same fields as libcsv and
 * saves its per-byte work; every other line goes through libcsv.
 *
 * The parser runs in libcsv's strict mode (RFC 4180 section 2: a quote
 * may only appear in a quoted field, doubled).  After a malformed field
 * the reader reports the record, starts a fresh parser and resumes on
 * the next line.  libcsv's trimming of blanks around unquoted fields is
 * switched off: RFC 4180 says spaces are part of a field.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "csvio.h"

#define AR_CSV_BUFSZ (64 * 1024)
/* libcsv's parser state between rows (ROW_NOT_BEGUN in libcsv.c). */
#define LIBCSV_ROW_NOT_BEGUN 0

struct ar_csv_reader {
	FILE *fp;
	const char *name;
	struct csv_parser p;
	char delim;

	char *buf;			/* input */
	size_t pos, len;
	int eof, fini, skip_eol, after_cr;
	long line;			/* line being fed, 1-based */
	long rec_start;			/* where the record being parsed began */

	char *fb;			/* fields being built, NUL-separated */
	size_t fblen, fbcap;
	size_t *off;			/* start of each field in fb */
	size_t nf, offcap;
	int done;			/* a record was completed */
	int nul;			/* a field being built has a NUL byte */

	char *cur;			/* the current record (swapped with fb) */
	size_t curcap;
	size_t *curoff;
	size_t curnf, curoffcap;
	long curline;
	int curnul;			/* a field of it has a NUL byte */

	char **cols;			/* header */
	size_t ncols;
	off_t start;			/* where a regular file began; -1 */
};

static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

static void
parser_init(struct ar_csv_reader *r)
{
	if (csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		ar_xmalloc(SIZE_MAX);	/* libcsv could not allocate */
	csv_set_delim(&r->p, (unsigned char)r->delim);
	csv_set_space_func(&r->p, no_space);
	csv_set_blk_size(&r->p, 1024);
}

static void
on_field(void *s, size_t n, void *data)
{
	struct ar_csv_reader *r = data;

	if (r->nf == r->offcap) {
		r->offcap = r->offcap ? 2 * r->offcap : 32;
		r->off = ar_xrealloc(r->off, r->offcap * sizeof *r->off);
	}
	if (r->fblen + n + 1 > r->fbcap) {
		while (r->fblen + n + 1 > r->fbcap)
			r->fbcap = r->fbcap ? 2 * r->fbcap : 1024;
		r->fb = ar_xrealloc(r->fb, r->fbcap);
	}
	r->off[r->nf++] = r->fblen;
	if (n > 0)
		memcpy(r->fb + r->fblen, s, n);
	r->fblen += n;
	r->fb[r->fblen++] = '\0';
}

/* libcsv's field: as on_field, and is there a NUL byte in it? */
static void
on_qfield(void *s, size_t n, void *data)
{
	struct ar_csv_reader *r = data;

	if (n > 0 && memchr(s, '\0', n) != NULL)
		r->nul = 1;
	on_field(s, n, data);
}

static void
on_record(int c, void *data)
{
	struct ar_csv_reader *r = data;
	char *t;
	size_t *o, cap;

	(void)c;
	/* Make the record just built current; reuse the old buffers. */
	t = r->cur, r->cur = r->fb, r->fb = t;
	cap = r->curcap, r->curcap = r->fbcap, r->fbcap = cap;
	o = r->curoff, r->curoff = r->off, r->off = o;
	cap = r->curoffcap, r->curoffcap = r->offcap, r->offcap = cap;
	r->curnf = r->nf;
	r->curline = r->rec_start;
	r->curnul = r->nul;
	r->nul = 0;
	r->nf = 0;
	r->fblen = 0;
	r->done = 1;
	/* Another record can only begin on this same line after a bare CR. */
	r->rec_start = r->line;
}

/*
 * The fast path for a line without quotes (n bytes, its line end
 * excluded): one field between each pair of delimiters.  An empty line
 * is no record, as in libcsv.
 */
static void
split_line(struct ar_csv_reader *r, const char *s, size_t n)
{
	const char *end = s + n, *d;

	if (n == 0)
		return;
	if (memchr(s, '\0', n) != NULL)
		r->nul = 1;
	for (;;) {
		d = memchr(s, r->delim, (size_t)(end - s));
		if (d == NULL)
			break;
		on_field((void *)s, (size_t)(d - s), r);
		s = d + 1;
	}
	on_field((void *)s, (size_t)(end - s), r);
	on_record(0, r);
}

static int
fill(struct ar_csv_reader *r, struct ar_err *err)
{
	size_t n;

	r->pos = 0;
	r->len = 0;
	n = fread(r->buf, 1, AR_CSV_BUFSZ, r->fp);
	if (n == 0) {
		if (ferror(r->fp)) {
			ar_err_set(err, r->line, "read error: %s", strerror(errno));
			return -1;
		}
		r->eof = 1;
	}
	r->len = n;
	return 0;
}

/*
 * Feed libcsv until a record completes.  Returns AR_OK (record in cur),
 * AR_EOF, AR_SKIP (malformed quoting, err set) or AR_FATAL.
 */
static enum ar_rc
next_record(struct ar_csv_reader *r, struct ar_err *err)
{
	r->done = 0;
	for (;;) {
		const char *s, *e, *cr;
		size_t n, got;
		long first;

		if (r->pos == r->len) {
			if (r->eof) {
				if (r->fini)
					return AR_EOF;
				r->fini = 1;
				first = r->rec_start;
				if (csv_fini(&r->p, on_qfield, on_record, r) != 0) {
					ar_err_set(err, first, "unterminated quoted field "
					    "(runs to the end of the input, line %ld)", r->line);
					r->nf = 0;
					r->fblen = 0;
					r->nul = 0;
					return AR_SKIP;
				}
				return r->done ? AR_OK : AR_EOF;
			}
			if (fill(r, err) != 0)
				return AR_FATAL;
			continue;
		}
		s = r->buf + r->pos;
		n = r->len - r->pos;
		/* One segment: up to and including the first CR or LF. */
		e = memchr(s, '\n', n);
		cr = memchr(s, '\r', e ? (size_t)(e - s) : n);
		if (cr != NULL)
			e = cr;
		if (e != NULL)
			n = (size_t)(e - s) + 1;
		if (r->skip_eol) {
			/* Resuming after malformed quoting: drop the rest of the line. */
			r->pos += n;
			if (e != NULL) {
				r->skip_eol = 0;
				r->line++;
				r->after_cr = *e == '\r';
			}
			continue;
		}
		if (r->p.pstate == LIBCSV_ROW_NOT_BEGUN) {
			r->rec_start = r->line;
			/*
			 * A whole line without a quote between rows: its
			 * fields are what lies between the delimiters, so
			 * split it here, as libcsv would, without its
			 * byte-at-a-time state machine.
			 */
			if (e != NULL && memchr(s, '"', n) == NULL) {
				split_line(r, s, n - 1);
				r->pos += n;
				if (!(*e == '\n' && n == 1 && r->after_cr))
					r->line++;
				r->after_cr = *e == '\r';
				if (r->done)
					return AR_OK;
				continue;
			}
		}
		got = csv_parse(&r->p, s, n, on_qfield, on_record, r);
		if (got < n) {
			first = r->rec_start;
			csv_free(&r->p);
			parser_init(r);
			r->nf = 0;
			r->fblen = 0;
			r->nul = 0;
			r->done = 0;
			r->pos += got;
			r->skip_eol = 1;
			if (first < r->line)
				ar_err_set(err, first, "malformed quoting: a quoted field "
				    "runs from here to line %ld (lines %ld to %ld skipped)",
				    r->line, first, r->line);
			else
				ar_err_set(err, first, "malformed quoting (a quote inside "
				    "an unquoted field, or text after a closing quote)");
			return AR_SKIP;
		}
		r->pos += n;
		if (e != NULL) {
			/* CR LF is one line end; so is a lone CR or LF. */
			if (!(*e == '\n' && n == 1 && r->after_cr))
				r->line++;
			r->after_cr = *e == '\r';
		} else if (n > 0)
			r->after_cr = 0;
		if (r->done)
			return AR_OK;
	}
}

static void
skip_bom(struct ar_csv_reader *r)
{
	if (r->len >= 3 && memcmp(r->buf, "\xef\xbb\xbf", 3) == 0)
		r->pos = 3;
}

/* The reader at the start of its input: the header row next. */
static int
start(struct ar_csv_reader *r, struct ar_err *err)
{
	r->pos = r->len = 0;
	r->eof = r->fini = r->skip_eol = r->after_cr = 0;
	r->line = 1;
	r->rec_start = 1;
	r->nf = r->fblen = r->curnf = 0;
	r->nul = r->done = 0;
	parser_init(r);
	if (fill(r, err) != 0)
		return -1;
	skip_bom(r);
	return 0;
}

struct ar_csv_reader *
ar_csv_open(FILE *fp, const char *name, char delim, struct ar_err *err)
{
	struct ar_csv_reader *r;
	struct stat st;
	enum ar_rc rc;
	size_t i;

	r = ar_xcalloc(1, sizeof *r);
	r->fp = fp;
	r->name = name;
	r->delim = delim;
	r->buf = ar_xmalloc(AR_CSV_BUFSZ);
	r->start = -1;
	if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode))
		r->start = ftello(fp);
	if (err != NULL)
		err->file = name;
	if (start(r, err) != 0)
		goto fail;
	rc = next_record(r, err);
	if (rc == AR_EOF) {
		ar_err_set(err, 0, "empty input: no header row");
		goto fail;
	}
	if (rc != AR_OK)
		goto fail;
	if (r->curnul) {
		ar_err_set(err, r->curline, "a NUL byte in the header row");
		goto fail;
	}
	if (!ar_utf8_valid(r->cur, r->curoff[r->curnf - 1] +
	    strlen(r->cur + r->curoff[r->curnf - 1]))) {
		ar_err_set(err, r->curline, "invalid UTF-8 in the header row");
		goto fail;
	}
	r->ncols = r->curnf;
	r->cols = ar_xcalloc(r->ncols, sizeof *r->cols);
	for (i = 0; i < r->ncols; i++) {
		size_t j;

		r->cols[i] = ar_xstrdup(r->cur + r->curoff[i]);
		/* Columns are found by name: two of one name cannot be told apart. */
		for (j = 0; j < i; j++)
			if (strcmp(r->cols[j], r->cols[i]) == 0) {
				ar_err_set(err, r->curline, "column name '%s' "
				    "appears twice in the header (columns %zu "
				    "and %zu)", r->cols[i], j + 1, i + 1);
				goto fail;
			}
	}
	r->curnf = 0;
	return r;
fail:
	ar_csv_free(r);
	return NULL;
}

int
ar_csv_rewindable(const struct ar_csv_reader *r)
{
	return r->start >= 0;
}

int
ar_csv_rewind(struct ar_csv_reader *r, struct ar_err *err)
{
	enum ar_rc rc;
	size_t i;

	if (err != NULL)
		err->file = r->name;
	if (r->start < 0 || fseeko(r->fp, r->start, SEEK_SET) != 0) {
		ar_err_set(err, 0, "cannot read the file again: %s",
		    r->start < 0 ? "not a regular file" : strerror(errno));
		return -1;
	}
	csv_free(&r->p);
	if (start(r, err) != 0 || (rc = next_record(r, err)) == AR_FATAL)
		return -1;
	if (rc != AR_OK || r->curnf != r->ncols)
		goto changed;
	for (i = 0; i < r->ncols; i++)
		if (strcmp(r->cur + r->curoff[i], r->cols[i]) != 0)
			goto changed;
	r->curnf = 0;
	return 0;
changed:
	r->curnf = 0;
	ar_err_set(err, 1, "the file changed while it was read: cannot read "
	    "it again");
	return -1;
}

void
ar_csv_free(struct ar_csv_reader *r)
{
	size_t i;

	if (r == NULL)
		return;
	csv_free(&r->p);
	for (i = 0; i < r->ncols; i++)
		free(r->cols[i]);
	free(r->cols);
	free(r->buf);
	free(r->fb);
	free(r->off);
	free(r->cur);
	free(r->curoff);
	free(r);
}

enum ar_rc
ar_csv_read(struct ar_csv_reader *r, struct ar_err *err)
{
	enum ar_rc rc;
	size_t i, end;

	if (err != NULL)
		err->file = r->name;
	r->curnf = 0;
	rc = next_record(r, err);
	if (rc != AR_OK)
		return rc;
	if (r->curnf != r->ncols) {
		ar_err_set(err, r->curline, "expected %zu fields, found %zu",
		    r->ncols, r->curnf);
		r->curnf = 0;
		return AR_SKIP;
	}
	if (r->curnul) {
		for (i = 0; i + 1 < r->curnf && strlen(r->cur + r->curoff[i]) ==
		    r->curoff[i + 1] - r->curoff[i] - 1; i++)
			;
		ar_err_set(err, r->curline, "a NUL byte in column %s",
		    r->cols[i]);
		r->curnf = 0;
		return AR_SKIP;
	}
	end = r->curoff[r->curnf - 1] + strlen(r->cur + r->curoff[r->curnf - 1]);
	if (!ar_utf8_valid(r->cur, end)) {
		for (i = 0; i < r->curnf; i++)
			if (!ar_utf8_valid(r->cur + r->curoff[i],
			    strlen(r->cur + r->curoff[i])))
				break;
		ar_err_set(err, r->curline, "invalid UTF-8 in column %s",
		    r->cols[i < r->curnf ? i : 0]);
		r->curnf = 0;
		return AR_SKIP;
	}
	return AR_OK;
}

size_t
ar_csv_ncols(const struct ar_csv_reader *r)
{
	return r->ncols;
}

const char *
ar_csv_colname(const struct ar_csv_reader *r, size_t i)
{
	return i < r->ncols ? r->cols[i] : NULL;
}

int
ar_csv_col(const struct ar_csv_reader *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->ncols; i++)
		if (strcmp(r->cols[i], name) == 0)
			return (int)i;
	return -1;
}

const char *
ar_csv_field(const struct ar_csv_reader *r, int i)
{
	if (i < 0 || (size_t)i >= r->curnf)
		return "";
	return r->cur + r->curoff[i];
}

size_t
ar_csv_fieldlen(const struct ar_csv_reader *r, int i)
{
	if (i < 0 || (size_t)i >= r->curnf)
		return 0;
	if ((size_t)i + 1 < r->curnf)
		return r->curoff[i + 1] - r->curoff[i] - 1;
	return strlen(r->cur + r->curoff[i]);
}

size_t
ar_csv_nfields(const struct ar_csv_reader *r)
{
	return r->curnf;
}

long
ar_csv_line(const struct ar_csv_reader *r)
{
	return r->curline;
}

const char *
ar_csv_name(const struct ar_csv_reader *r)
{
	return r->name;
}

/* RFC 3629: shortest form only, no surrogates, nothing above U+10FFFF. */
int
ar_utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i];

		if (c < 0x80) {
			/* ASCII fast path, eight bytes at a time. */
			while (i + 8 <= n) {
				uint64_t w;

				memcpy(&w, s + i, 8);
				if (w & 0x8080808080808080ULL)
					break;
				i += 8;
			}
			if (i < n && s[i] < 0x80)
				i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			if (i + 1 >= n || (s[i + 1] & 0xc0) != 0x80)
				return 0;
			i += 2;
		} else if (c >= 0xe0 && c <= 0xef) {
			unsigned lo = c == 0xe0 ? 0xa0 : 0x80;
			unsigned hi = c == 0xed ? 0x9f : 0xbf;

			if (i + 2 >= n || s[i + 1] < lo || s[i + 1] > hi ||
			    (s[i + 2] & 0xc0) != 0x80)
				return 0;
			i += 3;
		} else if (c >= 0xf0 && c <= 0xf4) {
			unsigned lo = c == 0xf0 ? 0x90 : 0x80;
			unsigned hi = c == 0xf4 ? 0x8f : 0xbf;

			if (i + 3 >= n || s[i + 1] < lo || s[i + 1] > hi ||
			    (s[i + 2] & 0xc0) != 0x80 || (s[i + 3] & 0xc0) != 0x80)
				return 0;
			i += 4;
		} else
			return 0;
	}
	return 1;
}

/* ---- writer ---- */

/* Where formatted bytes go: a buffer flushed to fp when full, or grown. */
struct sink {
	char *p;
	size_t len, cap;
	FILE *fp;		/* NULL: grown (ar_csvw_format) */
};

struct ar_csvw {
	enum ar_fmt fmt;
	char delim;
	size_t ncols;
	char **names;
	unsigned char stop[256];	/* 1: ends a field (NUL) or forces
					   quoting (csv) */

	struct sink out;		/* output buffer, to the FILE */

	char *rows;			/* table: every cell, NUL-terminated */
	size_t rowslen, rowscap, nrows;
};

#define AR_CSVW_BUFSZ (64 * 1024)

static void
w_flush(struct sink *o)
{
	if (o->len > 0 && o->fp != NULL)
		fwrite(o->p, 1, o->len, o->fp);
	o->len = 0;
}

/* Room for n more bytes: flushed to the FILE, or, without one, grown. */
static int
w_room(struct sink *o, size_t n)
{
	if (o->fp != NULL) {
		w_flush(o);
		return n <= o->cap;
	}
	while (o->len + n > o->cap)
		o->cap = o->cap ? 2 * o->cap : 4096;
	o->p = ar_xrealloc(o->p, o->cap);
	return 1;
}

static void
w_put(struct sink *o, const char *s, size_t n)
{
	if (o->len + n > o->cap && !w_room(o, n)) {
		fwrite(s, 1, n, o->fp);
		return;
	}
	memcpy(o->p + o->len, s, n);
	o->len += n;
}

static void
w_putc(struct sink *o, char c)
{
	if (o->len == o->cap)
		(void)w_room(o, 1);
	o->p[o->len++] = c;
}

int
ar_fmt_parse(const char *name)
{
	static const char *const names[] = { "csv", "tsv", "json", "table" };
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(name, names[i]) == 0)
			return (int)i;
	return -1;
}

static void
put_csv(const struct ar_csvw *w, struct sink *o, const char *s)
{
	const char *p, *q;
	size_t n = 0;

	/* a table, not strcspn(3): the fields are short, and many */
	while (!w->stop[(unsigned char)s[n]])
		n++;

	if (s[n] == '\0') {
		w_put(o, s, n);
		return;
	}
	/* RFC 4180 2.6, 2.7: enclose in quotes, double the quotes. */
	w_putc(o, '"');
	for (p = s; (q = strchr(p, '"')) != NULL; p = q + 1) {
		w_put(o, p, (size_t)(q - p) + 1);
		w_putc(o, '"');
	}
	w_put(o, p, strlen(p));
	w_putc(o, '"');
}

static void
put_tsv(struct sink *o, const char *s)
{
	const char *p;

	for (p = s; *p != '\0'; p++) {
		switch (*p) {
		case '\t': w_put(o, "\\t", 2); break;
		case '\n': w_put(o, "\\n", 2); break;
		case '\r': w_put(o, "\\r", 2); break;
		case '\\': w_put(o, "\\\\", 2); break;
		default: w_putc(o, *p); break;
		}
	}
}

static void
put_json_string(struct sink *o, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p;

	w_putc(o, '"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\') {
			w_putc(o, '\\');
			w_putc(o, (char)*p);
		} else if (*p == '\n')
			w_put(o, "\\n", 2);
		else if (*p == '\r')
			w_put(o, "\\r", 2);
		else if (*p == '\t')
			w_put(o, "\\t", 2);
		else if (*p < 0x20 || *p == 0x7f) {
			char u[6] = { '\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15] };

			w_put(o, u, 6);
		} else
			w_putc(o, (char)*p);
	}
	w_putc(o, '"');
}

/* A csv, tsv or json row into o. */
static void
put_line(const struct ar_csvw *w, struct sink *o, const char *const *f)
{
	size_t i;

	if (w->fmt == AR_FMT_JSON) {
		w_putc(o, '{');
		for (i = 0; i < w->ncols; i++) {
			if (i > 0)
				w_putc(o, ',');
			put_json_string(o, w->names[i]);
			w_putc(o, ':');
			put_json_string(o, f[i] ? f[i] : "");
		}
		w_put(o, "}\n", 2);
		return;
	}
	for (i = 0; i < w->ncols; i++) {
		if (i > 0)
			w_putc(o, w->fmt == AR_FMT_CSV ? w->delim : '\t');
		if (w->fmt == AR_FMT_CSV)
			put_csv(w, o, f[i] ? f[i] : "");
		else
			put_tsv(o, f[i] ? f[i] : "");
	}
	w_putc(o, '\n');
}

static void
put_row(struct ar_csvw *w, const char *const *f)
{
	size_t i;

	switch (w->fmt) {
	case AR_FMT_CSV:
	case AR_FMT_TSV:
	case AR_FMT_JSON:
		put_line(w, &w->out, f);
		break;
	case AR_FMT_TABLE:
		for (i = 0; i < w->ncols; i++) {
			const char *s = f[i] ? f[i] : "";
			size_t n = 2 * strlen(s) + 1;

			if (w->rowslen + n > w->rowscap) {
				while (w->rowslen + n > w->rowscap)
					w->rowscap = w->rowscap ? 2 * w->rowscap : 4096;
				w->rows = ar_xrealloc(w->rows, w->rowscap);
			}
			/* One line a row: line ends and tabs shown as \n \r \t. */
			for (; *s != '\0'; s++) {
				char *o = w->rows + w->rowslen;

				if (*s == '\n' || *s == '\r' || *s == '\t') {
					o[0] = '\\';
					o[1] = *s == '\n' ? 'n' : *s == '\r' ? 'r' : 't';
					w->rowslen += 2;
				} else {
					o[0] = *s;
					w->rowslen++;
				}
			}
			w->rows[w->rowslen++] = '\0';
		}
		w->nrows++;
		break;
	}
}

struct ar_csvw *
ar_csvw_new(FILE *fp, enum ar_fmt fmt, char delim, const char *const *names,
    size_t ncols)
{
	struct ar_csvw *w;
	size_t i;

	w = ar_xcalloc(1, sizeof *w);
	w->fmt = fmt;
	w->delim = delim;
	w->ncols = ncols;
	w->out.p = ar_xmalloc(AR_CSVW_BUFSZ);
	w->out.cap = AR_CSVW_BUFSZ;
	w->out.fp = fp;
	w->names = ar_xcalloc(ncols, sizeof *w->names);
	for (i = 0; i < ncols; i++)
		w->names[i] = ar_xstrdup(names[i]);
	/* RFC 4180 2.6: these force quotes. */
	w->stop[0] = 1;
	w->stop[(unsigned char)delim] = 1;
	w->stop['"'] = w->stop['\r'] = w->stop['\n'] = 1;
	if (fmt == AR_FMT_CSV || fmt == AR_FMT_TSV)
		put_row(w, (const char *const *)w->names);
	return w;
}

void
ar_csvw_row(struct ar_csvw *w, const char *const *fields)
{
	put_row(w, fields);
}

int
ar_csvw_format(const struct ar_csvw *w, const char *const *fields,
    char **buf, size_t *len, size_t *cap)
{
	struct sink o = { *buf, *len, *cap, NULL };

	if (w->fmt == AR_FMT_TABLE)
		return -1;
	put_line(w, &o, fields);
	*buf = o.p;
	*len = o.len;
	*cap = o.cap;
	return 0;
}

void
ar_csvw_put(struct ar_csvw *w, const char *bytes, size_t n)
{
	w_put(&w->out, bytes, n);
}

enum ar_fmt
ar_csvw_fmt(const struct ar_csvw *w)
{
	return w->fmt;
}

/* Display width: one column a UTF-8 character (no wide-character tables). */
static size_t
width(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* "-12.50", "3", "" count as numbers; the point splits int and fraction. */
static int
numeric(const char *s, size_t *intw, size_t *fracw)
{
	const char *p = s, *dot = NULL;

	if (*p == '-' || *p == '+')
		p++;
	if (*p < '0' || *p > '9')
		return 0;
	for (; *p != '\0'; p++) {
		if (*p == '.' && dot == NULL)
			dot = p;
		else if (*p < '0' || *p > '9')
			return 0;
	}
	if (dot != NULL && dot[1] == '\0')
		return 0;
	*intw = dot ? (size_t)(dot - s) : (size_t)(p - s);
	*fracw = dot ? (size_t)(p - dot) : 0;
	return 1;
}

/* Put s after the blanks owed; blanks owed at the end of a line are dropped. */
static void
put_cell(struct ar_csvw *w, size_t *owed, const char *s)
{
	size_t n = strlen(s);

	if (n == 0)
		return;
	for (; *owed > 0; (*owed)--)
		w_putc(&w->out, ' ');
	w_put(&w->out, s, n);
}

static void
put_table(struct ar_csvw *w)
{
	size_t *wid, *iw, *fw, i, r, owed;
	char *num, *p;
	const char **cell;

	wid = ar_xcalloc(w->ncols, sizeof *wid);
	iw = ar_xcalloc(w->ncols, sizeof *iw);
	fw = ar_xcalloc(w->ncols, sizeof *fw);
	num = ar_xcalloc(w->ncols, 1);
	cell = ar_xcalloc(w->ncols, sizeof *cell);
	for (i = 0; i < w->ncols; i++) {
		wid[i] = width(w->names[i]);
		num[i] = 2;	/* no value seen yet */
	}
	for (p = w->rows, r = 0; r < w->nrows; r++)
		for (i = 0; i < w->ncols; i++, p += strlen(p) + 1) {
			size_t a, b;

			if (*p == '\0')
				continue;
			if (num[i] != 0 && numeric(p, &a, &b)) {
				num[i] = 1;
				if (a > iw[i])
					iw[i] = a;
				if (b > fw[i])
					fw[i] = b;
			} else
				num[i] = 0;
			if (width(p) > wid[i])
				wid[i] = width(p);
		}
	for (i = 0; i < w->ncols; i++) {
		if (num[i] == 2)
			num[i] = 0;
		if (num[i] && iw[i] + fw[i] > wid[i])
			wid[i] = iw[i] + fw[i];
	}
	/* Row 0 is the header; numbers align on the decimal point. */
	for (p = w->rows, r = 0; r <= w->nrows; r++) {
		for (i = 0; i < w->ncols; i++) {
			if (r == 0)
				cell[i] = w->names[i];
			else {
				cell[i] = p;
				p += strlen(p) + 1;
			}
		}
		owed = 0;
		for (i = 0; i < w->ncols; i++) {
			size_t cw = width(cell[i]), a, b;

			if (i > 0)
				owed += 2;
			if (num[i] && r > 0 && *cell[i] != '\0') {
				numeric(cell[i], &a, &b);
				owed += wid[i] - fw[i] - a;
				put_cell(w, &owed, cell[i]);
				owed += fw[i] - b;
			} else if (num[i]) {
				owed += wid[i] - cw;
				put_cell(w, &owed, cell[i]);
			} else {
				put_cell(w, &owed, cell[i]);
				owed += wid[i] - cw;
			}
		}
		w_putc(&w->out, '\n');
	}
	free(wid);
	free(iw);
	free(fw);
	free(num);
	free(cell);
}

void
ar_csvw_flush(struct ar_csvw *w)
{
	if (w != NULL && w->fmt != AR_FMT_TABLE)
		w_flush(&w->out);
}

void
ar_csvw_close(struct ar_csvw *w)
{
	size_t i;

	if (w == NULL)
		return;
	if (w->fmt == AR_FMT_TABLE)
		put_table(w);
	w_flush(&w->out);
	for (i = 0; i < w->ncols; i++)
		free(w->names[i]);
	free(w->names);
	free(w->out.p);
	free(w->rows);
	free(w);
}
