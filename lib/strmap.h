/*
 * strmap.h - a string table: each distinct key gets a dense index
 * 0, 1, 2, ... in order of first insertion, so that callers keep what
 * belongs to a key in parallel arrays.
 *
 * Keys are byte strings of a given length (they may hold any byte) and
 * are copied into chunks the table owns; no allocation per lookup, one
 * only now and then per insertion.  Lookup and insertion take expected
 * constant time (open addressing, FNV-1a, grown at three quarters full).
 * ar_strmap_key returns the stored copy, NUL-terminated, valid until
 * ar_strmap_free.  At most 2^32 - 1 keys; more is out of memory.
 */
#ifndef AR_STRMAP_H
#define AR_STRMAP_H

#include <stddef.h>

struct ar_strmap;

struct ar_strmap *ar_strmap_new(void);
void ar_strmap_free(struct ar_strmap *);

/* The index of key, or -1 when it is not in the table. */
long ar_strmap_find(const struct ar_strmap *, const char *key, size_t len);

/*
 * The index of key, adding it with the next index when absent; *added
 * (if not NULL) says whether it was added.
 */
size_t ar_strmap_intern(struct ar_strmap *, const char *key, size_t len,
    int *added);

/* The number of keys; the key of index i and its length. */
size_t ar_strmap_count(const struct ar_strmap *);
const char *ar_strmap_key(const struct ar_strmap *, size_t i);
size_t ar_strmap_keylen(const struct ar_strmap *, size_t i);

#endif
