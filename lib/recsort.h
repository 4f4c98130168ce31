/*
 * recsort.h - records put in order, streamed while they arrive in order,
 * sorted with bounded memory when they do not.
 *
 * A record is an opaque byte string; cmp orders records totally and
 * group orders them coarsely (cmp must refine group: records of a lower
 * group come first).  While records arrive in group order the sorter
 * holds one group at a time and emits it, sorted by cmp, as soon as a
 * record of a later group arrives: memory holds one group.  Each record
 * is also appended to an unnamed temporary file (the spool).  When a
 * record arrives whose group is lower than the group being held, the
 * input is out of order: the sorter calls restart, reads the spool back,
 * and from then on sorts everything: runs of at most memcap bytes are
 * sorted in memory and written to temporary files, merged at the end.
 * Records are emitted in cmp order in both cases, so the consumer sees
 * the same sequence whatever the input order, once restart has told it
 * to forget what it saw before.
 *
 * A caller that can give the records again (its input is a regular file
 * it can read a second time) says so with ar_recsort_replayable: then no
 * spool is written, and on disorder the sorter calls replay instead of
 * reading its spool back.  replay must add, with ar_recsort_add, every
 * record added so far, the one being added included, in any order.
 *
 * Temporary files are made with mkstemp(3) in $TMPDIR (default /tmp) and
 * unlinked at once.  Records handed to emit are valid during the call.
 */
#ifndef AR_RECSORT_H
#define AR_RECSORT_H

#include <stddef.h>

#include "err.h"

typedef int (*ar_recsort_cmp)(const void *a, size_t alen, const void *b,
    size_t blen);

struct ar_recsort_fns {
	ar_recsort_cmp cmp;		/* total order */
	ar_recsort_cmp group;		/* coarse order the input should follow */
	void (*emit)(const void *rec, size_t len, void *arg);
	void (*restart)(void *arg);	/* forget what was emitted */
	void *arg;
	/* add every record again (see above); NULL: always spool */
	enum ar_rc (*replay)(void *arg, struct ar_err *);
};

struct ar_recsort;

struct ar_recsort *ar_recsort_new(const struct ar_recsort_fns *, size_t memcap);
void ar_recsort_free(struct ar_recsort *);

/*
 * Add a record (copied).  May emit records.  AR_OK, or AR_FATAL when a
 * temporary file cannot be written (err says why; the sorter is then
 * unusable).
 */
enum ar_rc ar_recsort_add(struct ar_recsort *, const void *rec, size_t len,
    struct ar_err *);

/* Emit everything still held.  AR_OK or AR_FATAL. */
enum ar_rc ar_recsort_finish(struct ar_recsort *, struct ar_err *);

/*
 * The records can be given again (f.replay): keep no spool.  Call before
 * the first ar_recsort_add; ignored when f.replay is NULL.
 */
void ar_recsort_replayable(struct ar_recsort *);

/* Nonzero once the input was found out of order. */
int ar_recsort_sorting(const struct ar_recsort *);

#endif
