/* strmap.c - string table with dense indices (see strmap.h) */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "strmap.h"

#define CHUNK (64 * 1024)

struct key {
	const char *s;
	size_t len;
	uint32_t hash;
};

/*
 * A slot: the hash, the index, and a key of up to 7 bytes in place (its
 * length in tag[7]; 0xff for a longer key, compared in the key array),
 * so that most lookups touch one place in memory.  An empty slot has
 * idx EMPTY.
 */
#define EMPTY	UINT32_MAX
#define INLINE	7

struct slot {
	uint32_t hash;
	uint32_t idx;
	unsigned char tag[8];
};

struct ar_strmap {
	struct key *keys;		/* by index */
	size_t n, cap;
	struct slot *slots;
	size_t nslots;			/* a power of two */
	char **chunks;			/* key storage */
	size_t nchunks;
	size_t used, room;		/* in the last chunk */
};

/* FNV-1a, 32 bits. */
static uint32_t
hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	while (n-- > 0) {
		h ^= (unsigned char)*s++;
		h *= 16777619u;
	}
	return h;
}

struct ar_strmap *
ar_strmap_new(void)
{
	struct ar_strmap *m = ar_xcalloc(1, sizeof *m);

	m->nslots = 64;
	m->slots = ar_xmalloc(m->nslots * sizeof *m->slots);
	memset(m->slots, 0xff, m->nslots * sizeof *m->slots);
	return m;
}

void
ar_strmap_free(struct ar_strmap *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->nchunks; i++)
		free(m->chunks[i]);
	free(m->chunks);
	free(m->keys);
	free(m->slots);
	free(m);
}

static void
tag(struct slot *e, const char *key, size_t len)
{
	memset(e->tag, 0, sizeof e->tag);
	if (len <= INLINE) {
		memcpy(e->tag, key, len);
		e->tag[INLINE] = (unsigned char)len;
	} else
		e->tag[INLINE] = 0xff;
}

/* The slot holding key, or the empty one where it would go. */
static size_t
slot_of(const struct ar_strmap *m, const char *key, size_t len, uint32_t h)
{
	size_t mask = m->nslots - 1, i = h & mask;
	const struct slot *e;
	const struct key *k;

	while ((e = &m->slots[i])->idx != EMPTY) {
		if (e->hash == h) {
			if (len <= INLINE) {
				if (e->tag[INLINE] == len &&
				    memcmp(e->tag, key, len) == 0)
					break;
			} else if (e->tag[INLINE] == 0xff) {
				k = &m->keys[e->idx];
				if (k->len == len && memcmp(k->s, key, len) == 0)
					break;
			}
		}
		i = (i + 1) & mask;
	}
	return i;
}

long
ar_strmap_find(const struct ar_strmap *m, const char *key, size_t len)
{
	const struct slot *e = &m->slots[slot_of(m, key, len, hash(key, len))];

	return e->idx != EMPTY ? (long)e->idx : -1;
}

static const char *
store(struct ar_strmap *m, const char *key, size_t len)
{
	char *p;

	if (len + 1 > m->room) {
		size_t sz = len + 1 > CHUNK ? len + 1 : CHUNK;

		m->chunks = ar_xrealloc(m->chunks,
		    (m->nchunks + 1) * sizeof *m->chunks);
		m->chunks[m->nchunks++] = ar_xmalloc(sz);
		m->used = 0;
		m->room = sz;
	}
	p = m->chunks[m->nchunks - 1] + m->used;
	memcpy(p, key, len);
	p[len] = '\0';
	m->used += len + 1;
	m->room -= len + 1;
	return p;
}

static void
grow(struct ar_strmap *m)
{
	size_t i, j, mask;

	free(m->slots);
	m->nslots *= 2;
	mask = m->nslots - 1;
	m->slots = ar_xmalloc(m->nslots * sizeof *m->slots);
	memset(m->slots, 0xff, m->nslots * sizeof *m->slots);
	for (i = 0; i < m->n; i++) {
		for (j = m->keys[i].hash & mask; m->slots[j].idx != EMPTY;
		    j = (j + 1) & mask)
			;
		m->slots[j].hash = m->keys[i].hash;
		m->slots[j].idx = (uint32_t)i;
		tag(&m->slots[j], m->keys[i].s, m->keys[i].len);
	}
}

size_t
ar_strmap_intern(struct ar_strmap *m, const char *key, size_t len, int *added)
{
	uint32_t h = hash(key, len);
	size_t i = slot_of(m, key, len, h);

	if (m->slots[i].idx != EMPTY) {
		if (added != NULL)
			*added = 0;
		return m->slots[i].idx;
	}
	if (m->n == EMPTY)	/* more keys than indices: out of memory */
		ar_xmalloc(SIZE_MAX);
	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 64;
		m->keys = ar_xrealloc(m->keys, m->cap * sizeof *m->keys);
	}
	m->keys[m->n].s = store(m, key, len);
	m->keys[m->n].len = len;
	m->keys[m->n].hash = h;
	m->slots[i].hash = h;
	m->slots[i].idx = (uint32_t)m->n;
	tag(&m->slots[i], key, len);
	m->n++;
	if (4 * m->n > 3 * m->nslots)
		grow(m);
	if (added != NULL)
		*added = 1;
	return m->n - 1;
}

size_t
ar_strmap_count(const struct ar_strmap *m)
{
	return m->n;
}

const char *
ar_strmap_key(const struct ar_strmap *m, size_t i)
{
	return m->keys[i].s;
}

size_t
ar_strmap_keylen(const struct ar_strmap *m, size_t i)
{
	return m->keys[i].len;
}
