/*
 * csvio.h - streaming CSV reader (on libcsv) and multi-format writer.
 *
 * Reader: RFC 4180 with a header row; columns found by name; the line
 * where each record starts; quoted fields with delimiters, quotes and
 * newlines; LF, CRLF or CR line ends; a UTF-8 byte-order mark skipped.
 * Bad records (wrong number of fields, invalid UTF-8) are returned as
 * AR_SKIP with the error filled in; an unterminated quote at the end of
 * input is AR_SKIP too, then AR_EOF.  Memory holds one record at a time.
 *
 * Ownership: the reader does not own the FILE.  Field strings are
 * NUL-terminated and valid until the next ar_csv_read or ar_csv_free.
 */
#ifndef AR_CSVIO_H
#define AR_CSVIO_H

#include <stdio.h>

#include "err.h"

struct ar_csv_reader;

/*
 * Start reading fp; name is used in errors (not copied).  Reads the
 * header row.  Returns NULL and fills err when there is no header (empty
 * input) or it cannot be read.
 */
struct ar_csv_reader *ar_csv_open(FILE *fp, const char *name, char delim,
    struct ar_err *err);
void ar_csv_free(struct ar_csv_reader *);

/*
 * Next record: AR_OK (fields available), AR_EOF, AR_SKIP (a bad record,
 * err says what and where; call again), AR_FATAL (read error).
 */
enum ar_rc ar_csv_read(struct ar_csv_reader *, struct ar_err *err);

/* The header. */
size_t ar_csv_ncols(const struct ar_csv_reader *);
const char *ar_csv_colname(const struct ar_csv_reader *, size_t i);
/* Index of the column named name, or -1. */
int ar_csv_col(const struct ar_csv_reader *, const char *name);

/* The current record: field i ("" if i is out of range or negative). */
const char *ar_csv_field(const struct ar_csv_reader *, int i);
size_t ar_csv_fieldlen(const struct ar_csv_reader *, int i);
size_t ar_csv_nfields(const struct ar_csv_reader *);
/* Line where the current record (or, after AR_SKIP, the bad one) starts. */
long ar_csv_line(const struct ar_csv_reader *);
const char *ar_csv_name(const struct ar_csv_reader *);

/*
 * Read again from the first record: only for a regular file, which
 * ar_csv_rewindable tells.  0, or -1 with err filled in (a read or seek
 * error, or a header that is no longer the same).
 */
int ar_csv_rewindable(const struct ar_csv_reader *);
int ar_csv_rewind(struct ar_csv_reader *, struct ar_err *err);

/* Nonzero if s[0..n) is valid UTF-8. */
int ar_utf8_valid(const char *s, size_t n);

/*
 * Writer.  Formats:
 *   csv    RFC 4180, the given delimiter, fields quoted when they hold the
 *          delimiter, a quote, CR or LF; LF line ends.
 *   tsv    tab-separated; tab, LF, CR and backslash in a field written as
 *          \t \n \r \\.
 *   json   one object a line, keys from the header, every value a string
 *          (amounts keep their exact decimal form).
 *   table  aligned columns for a terminal: two spaces between columns;
 *          a column whose values are all numbers is right-aligned on the
 *          decimal point.  Rows are held until ar_csvw_close.
 */
enum ar_fmt { AR_FMT_CSV, AR_FMT_TSV, AR_FMT_JSON, AR_FMT_TABLE };

/* "csv", "tsv", "json", "table" to a format; -1 if unknown. */
int ar_fmt_parse(const char *name);

struct ar_csvw;

/* Does not own fp.  Header names are copied. */
struct ar_csvw *ar_csvw_new(FILE *fp, enum ar_fmt, char delim,
    const char *const *names, size_t ncols);
/* A row of exactly ncols fields (NULL is written as empty). */
void ar_csvw_row(struct ar_csvw *, const char *const *fields);
/* Flush what is held (table), free.  Does not close fp. */
void ar_csvw_close(struct ar_csvw *);
/* Hand the rows written so far to the FILE (a table's wait for close). */
void ar_csvw_flush(struct ar_csvw *);
/*
 * A row as ar_csvw_row would write it, appended to *buf (*len bytes used
 * of *cap, grown with realloc), so that one thread can format rows while
 * another writes them (w is only read).  -1 for the table format, whose
 * rows wait for ar_csvw_close: write those with ar_csvw_row.
 */
int ar_csvw_format(const struct ar_csvw *, const char *const *fields,
    char **buf, size_t *len, size_t *cap);
/* Rows made by ar_csvw_format, written after the rows before. */
void ar_csvw_put(struct ar_csvw *, const char *bytes, size_t n);
enum ar_fmt ar_csvw_fmt(const struct ar_csvw *);

#endif
