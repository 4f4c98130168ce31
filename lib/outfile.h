/*
 * outfile.h - files written besides standard output, written to a
 * temporary name in the same folder and renamed into place when
 * complete, so that a crash or a failed write never leaves half a file
 * under the real name (rename(2) replaces atomically within a file
 * system).
 *
 * An existing path that is not a regular file (a device such as
 * /dev/full or /dev/stdout, a FIFO) is written into directly, and a
 * symbolic link is followed, so that the file it points to is replaced.
 *
 * Ownership: the struct is the caller's; ar_outfile_open copies the
 * path; commit or abort frees what open allocated and closes the FILE.
 */
#ifndef AR_OUTFILE_H
#define AR_OUTFILE_H

#include <stdio.h>

#include "err.h"

struct ar_outfile {
	FILE *fp;		/* write here between open and commit */
	char *path;		/* the final name */
	char *tmp;		/* the temporary name; NULL when writing in place */
};

/*
 * Create "DIR/.NAME.XXXXXX" next to path, mode 0666 less the umask.
 * Returns the FILE, or NULL with err set ("path: reason").
 */
FILE *ar_outfile_open(struct ar_outfile *, const char *path, struct ar_err *err);

/*
 * Flush and close; if every write succeeded rename the temporary file to
 * the final name and return AR_OK, else remove it and return AR_FATAL
 * with err set.
 */
enum ar_rc ar_outfile_commit(struct ar_outfile *, struct ar_err *err);

/*
 * Flush, and say whether every write so far succeeded: AR_OK, or
 * AR_FATAL with err set ("path: reason").  The file stays open: commit
 * or abort it.
 */
enum ar_rc ar_outfile_flush(struct ar_outfile *, struct ar_err *err);

/* Close and remove the temporary file (nothing if not open). */
void ar_outfile_abort(struct ar_outfile *);

/*
 * An anonymous scratch file, read and written, in $TMPDIR (else /tmp):
 * created with mkstemp and unlinked at once, so it goes when it is closed
 * or the program ends.  NULL with err set when it cannot be made.
 */
FILE *ar_tmpfile(struct ar_err *err);

#endif
