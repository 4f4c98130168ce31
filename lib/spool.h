/*
 * spool.h - rows of strings held until they may be written: in memory up
 * to a limit, then in an anonymous temporary file, so that holding the
 * records of a document of any size costs at most the limit in memory.
 *
 * ar-import holds each document's records until the document has been
 * read through (a document found bad half-way leaves nothing behind);
 * camt.c holds the transaction details of an entry until the entry ends.
 *
 * The temporary file is made in $TMPDIR (else /tmp) and removed at once,
 * so that nothing is left behind whatever happens.
 *
 * Rows have the fixed number of fields given to ar_spool_new.  A field is
 * a NUL-terminated string and cannot hold a NUL byte (XML text cannot).
 * Add rows, then ar_spool_rewind and ar_spool_next to read them back in
 * order; ar_spool_clear empties the spool for the next batch and keeps
 * its memory and temporary file for reuse.
 */
#ifndef AR_SPOOL_H
#define AR_SPOOL_H

#include <stddef.h>

#include "err.h"

struct ar_spool;

/* memlimit: bytes of rows kept in memory before spilling (at least 4096). */
struct ar_spool *ar_spool_new(size_t nfields, size_t memlimit);
void ar_spool_free(struct ar_spool *);

/* Add a row (copied; NULL fields are stored as "").  AR_OK, or AR_FATAL
 * with err set when the temporary file cannot be made or written. */
enum ar_rc ar_spool_add(struct ar_spool *, const char *const *fields,
    struct ar_err *err);

/* Rows added since the last clear. */
size_t ar_spool_count(const struct ar_spool *);

/* Nonzero when rows have gone to the temporary file. */
int ar_spool_spilled(const struct ar_spool *);

/* Start reading back from the first row (AR_OK or AR_FATAL). */
enum ar_rc ar_spool_rewind(struct ar_spool *, struct ar_err *err);

/*
 * The next row: AR_OK with *fields set (valid until the next call, clear
 * or free), AR_EOF after the last, AR_FATAL on a read error.
 */
enum ar_rc ar_spool_next(struct ar_spool *, const char *const **fields,
    struct ar_err *err);

/* Forget every row. */
void ar_spool_clear(struct ar_spool *);

#endif
