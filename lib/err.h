/*
 * err.h - errors as values, and the one place that aborts.
 *
 * The library never prints and never exits.  A function that can fail
 * fills a caller-owned struct ar_err (where and what) and returns one of
 * the graded codes below; the front end words the message and picks the
 * exit status.  Out of memory is the only abort (ar_xmalloc and friends).
 */
#ifndef AR_ERR_H
#define AR_ERR_H

#include <stddef.h>

enum ar_rc {
	AR_OK = 0,	/* done; a record is available */
	AR_EOF,		/* no more records */
	AR_SKIP,	/* this record is bad (see the error); go on with the next */
	AR_FATAL	/* the input cannot be read further */
};

struct ar_err {
	const char *file;	/* name as given by the caller, not copied */
	long line;		/* line where the record starts, 0 if none */
	char msg[512];		/* lowercase, no final period */
};

void ar_err_set(struct ar_err *, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

void *ar_xmalloc(size_t);
void *ar_xcalloc(size_t, size_t);
void *ar_xrealloc(void *, size_t);
char *ar_xstrdup(const char *);
char *ar_xstrndup(const char *, size_t);

#endif
