/*
 * match.c - cash application (see match.h and ar-match(1))
 *
 * Memory: the invoices (their fields in a pool, a fixed record each, and
 * hash tables keyed by invoice_id, payment reference and the invoice
 * number keys of textref.h), the customers, and per payment seen a few
 * dozen bytes (its txn_id hash for duplicates, what it applied for a
 * later reversal).  Payments themselves stream through recsort.h.
 *
 * Hash tables are open addressing with linear probing over 64-bit slots:
 * a 32-bit tag of the key's hash and a 32-bit value.  Several values may
 * share a key; every hit is verified against the real key, so a tag
 * collision costs a comparison, never a wrong answer.
 *
 * Threads: besides the caller's, up to three at a time: one faults in
 * memory about to be written (struct prefault), one builds the
 * invoice-number index while the rest of ready() runs, and while the
 * payments are read one processes them (struct worker), one at a time in
 * the canonical order, while the caller's thread reads, sorts and scans
 * the next ones; the open items are formatted by two.  Every callback is
 * made on the caller's thread, at points that do not depend on how the
 * threads ran (see rec_emit); so the output does not either.
 */
#include <sys/mman.h>

#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "match.h"
#include "money.h"
#include "record.h"
#include "recsort.h"
#include "ref.h"
#include "textref.h"

#define NONE		UINT32_MAX
#define AMBIG		(UINT32_MAX - 1)
#define MAXCUR		250
#define NOCUR		255
#define MAXHIT		256	/* invoices a payment names, weighed */
#define MAXSET		MAXHIT
#define MAXK		5	/* invoices in a set found by amount */
#define BUDGET		200000	/* search nodes per subset search */
#define SEARCH_MAX	((int64_t)1000000000000000LL)	/* larger: not summed */
#define SEARCH_ITEMS	200	/* open items a subset search looks at */
#define READ_ITEMS	2000	/* a customer's open items a rule reads */
#define REVNAME		60	/* a txn_id in a reversal's evidence, cut */
#define CHUNK		128	/* invoices whose keys are inserted together */
#define MAXRATE		8	/* discount rates the name rule tries */
#define MAXNK		1024	/* name keys a payment looks up */
#define CKEY		16	/* customer ids shorter are kept inline */
#define MAXCAND		256	/* invoices the name rule weighs */

/* rules */
enum { R_CONFIRMED, R_REFERENCE, R_TEXT, R_PATTERN, R_IBAN, R_NAME, R_AMOUNT,
    R_ALLOCATION, R_REVERSAL, R_REFUND, R_NONE };
static const char *const rule_names[] = { "confirmed", "reference", "text",
    "pattern", "iban", "name", "amount", "allocation", "reversal", "refund",
    "" };

/* confidence scale (match.h, ar-match(1)) */
#define C_CONFIRMED	100
#define C_REF		100
#define C_REFTEXT	98
#define C_UREF		95
#define C_TEXT_FIT	95
#define C_TEXT		90
#define C_WEAK_FIT	85
#define C_WEAK		80
#define C_IBAN_ONE	85
#define C_IBAN_SET	80
#define C_IBAN_TOL	75
#define C_IBAN_TOLX	65	/* more, or short by over 0.5% */
#define C_IBAN_PART	75
#define C_LEARNED	5	/* less when the IBAN was learned */
#define C_NAME_EXACT	75
#define C_NAME_CLOSE	70
#define C_NAME_SET	65
#define C_AMOUNT	80
#define C_ALLOC		60
#define C_ALLOC_ALL	65
#define C_REFUND	90
#define C_REFUND_IBAN	85
#define C_REFUND_PART	15	/* less for a part of the credit */
#define C_TIE		50
#define C_NEAR		55	/* a set fits, but others come near */
#define C_WEAK_ALONE	50

/* ---- small tools ---- */

/* 64-bit hash of a byte string: 8 bytes at a time, then a final mix. */
static uint64_t
hash(const char *s, size_t n)
{
	uint64_t h = 0x9E3779B97F4A7C15ULL ^ (n * 0xff51afd7ed558ccdULL), x;

	while (n >= 8) {
		memcpy(&x, s, 8);
		h = (h ^ (x * 0xbf58476d1ce4e5b9ULL)) * 0x94d049bb133111ebULL;
		h ^= h >> 29;
		s += 8;
		n -= 8;
	}
	if (n > 0) {
		x = 0;
		memcpy(&x, s, n);
		h = (h ^ (x * 0xbf58476d1ce4e5b9ULL)) * 0x94d049bb133111ebULL;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

static uint64_t
hashs(const char *s)
{
	return hash(s, strlen(s));
}

/*
 * Large blocks (pools, tables) are asked for in huge pages where the
 * system has them: far fewer page faults and TLB misses on a big book.
 */
#define HUGE	((size_t)2 << 20)

static void *
big_alloc(size_t n, int zero)
{
	void *p;

	if (n < HUGE)
		return zero ? ar_xcalloc(1, n) : ar_xmalloc(n);
	n = (n + HUGE - 1) & ~(HUGE - 1);
	if (posix_memalign(&p, HUGE, n) != 0)
		return zero ? ar_xcalloc(1, n) : ar_xmalloc(n);
#ifdef MADV_HUGEPAGE
	(void)madvise(p, n, MADV_HUGEPAGE);
#endif
	if (zero)
		memset(p, 0, n);
	return p;
}

/*
 * The kernel clears each page the first time it is touched, and on a big
 * book that is a good part of the work.  Memory that will soon be written
 * (the pool's next block, the new half of a grown array of invoices or
 * payments) is handed to a helper thread that faults it in with
 * MADV_POPULATE_WRITE, which changes no byte: the working thread finds
 * the pages there.  Only a hint; a request that finds the queue full, or
 * memory since freed, does nothing.
 */
#define PF_NREQ		8	/* requests queued */
#define PF_START	4	/* pool blocks before the pool asks */

struct prefault {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t th;
	struct { char *p; size_t n; } req[PF_NREQ];
	size_t head, nreq;
	int running, stop, failed;
};

static void *
pf_main(void *arg)
{
	struct prefault *pf = arg;
	uintptr_t a, b, e;

	pthread_mutex_lock(&pf->mu);
	for (;;) {
		while (!pf->stop && pf->nreq == 0)
			pthread_cond_wait(&pf->cv, &pf->mu);
		if (pf->stop)
			break;
		a = (uintptr_t)pf->req[pf->head].p & ~(uintptr_t)4095;
		e = (uintptr_t)pf->req[pf->head].p + pf->req[pf->head].n;
		pf->head = (pf->head + 1) % PF_NREQ;
		pf->nreq--;
		pthread_mutex_unlock(&pf->mu);
#ifdef MADV_POPULATE_WRITE
		for (; a < e; a = b) {
			b = (a + HUGE) & ~(uintptr_t)(HUGE - 1);
			if (b > e)
				b = (e + 4095) & ~(uintptr_t)4095;
			(void)madvise((void *)a, b - a, MADV_POPULATE_WRITE);
		}
#else
		(void)b;
#endif
		pthread_mutex_lock(&pf->mu);
	}
	pthread_mutex_unlock(&pf->mu);
	return NULL;
}

/* Ask for the n bytes at p to be faulted in. */
static void
pf_want(struct prefault *pf, void *p, size_t n)
{
	if (!pf->running) {
		if (pf->failed)
			return;
		pf->head = pf->nreq = 0;
		pf->stop = 0;
		if (pthread_mutex_init(&pf->mu, NULL) != 0) {
			pf->failed = 1;
			return;
		}
		if (pthread_cond_init(&pf->cv, NULL) != 0) {
			pthread_mutex_destroy(&pf->mu);
			pf->failed = 1;
			return;
		}
		if (pthread_create(&pf->th, NULL, pf_main, pf) != 0) {
			pthread_cond_destroy(&pf->cv);
			pthread_mutex_destroy(&pf->mu);
			pf->failed = 1;
			return;
		}
		pf->running = 1;
	}
	pthread_mutex_lock(&pf->mu);
	if (pf->nreq < PF_NREQ) {
		pf->req[(pf->head + pf->nreq) % PF_NREQ].p = p;
		pf->req[(pf->head + pf->nreq) % PF_NREQ].n = n;
		pf->nreq++;
		pthread_cond_signal(&pf->cv);
	}
	pthread_mutex_unlock(&pf->mu);
}

static void
pf_stop(struct prefault *pf)
{
	if (!pf->running)
		return;
	pthread_mutex_lock(&pf->mu);
	pf->stop = 1;
	pthread_cond_signal(&pf->cv);
	pthread_mutex_unlock(&pf->mu);
	pthread_join(pf->th, NULL);
	pthread_cond_destroy(&pf->cv);
	pthread_mutex_destroy(&pf->mu);
	pf->running = 0;
}

/* The new part of an array GROW has just grown, when it is big. */
#define GROWN(pf, p, n, cap) do {					\
	if ((n) == (cap) / 2 && (cap) * sizeof *(p) >= HUGE)		\
		pf_want((pf), (p) + (n), ((cap) - (n)) * sizeof *(p));	\
} while (0)

/* Strings that live as long as the matcher: 2 MiB blocks. */
struct pool {
	char *cur;
	size_t left;
	char **blk;
	size_t nblk;
	char *next;		/* the next block, being faulted in */
	struct prefault *pf;	/* who does that, or NULL */
};

static void *
pool_alloc(struct pool *p, size_t n, size_t align)
{
	size_t pad = (align - ((uintptr_t)p->cur & (align - 1))) & (align - 1);
	char *r;

	if (p->cur == NULL || pad + n > p->left) {
		size_t sz = n + align > HUGE ? n + align : HUGE;
		char *b;

		if (sz == HUGE && p->next != NULL) {
			b = p->next;
			p->next = NULL;
		} else
			b = big_alloc(sz, 0);
		if (sz == HUGE && p->pf != NULL && p->nblk >= PF_START) {
			p->next = big_alloc(HUGE, 0);
			pf_want(p->pf, p->next, HUGE);
		}
		p->blk = ar_xrealloc(p->blk, (p->nblk + 1) * sizeof *p->blk);
		p->blk[p->nblk++] = p->cur = b;
		p->left = sz;
		pad = (align - ((uintptr_t)p->cur & (align - 1))) & (align - 1);
	}
	r = p->cur + pad;
	p->cur += pad + n;
	p->left -= pad + n;
	return r;
}

static char *
pool_str(struct pool *p, const char *s, size_t n)
{
	char *r = pool_alloc(p, n + 1, 1);

	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

static void
pool_free(struct pool *p)
{
	size_t i;

	for (i = 0; i < p->nblk; i++)
		free(p->blk[i]);
	free(p->blk);
	free(p->next);
	memset(p, 0, sizeof *p);
}

/* Hash table: slots of (tag << 32 | value); 0 is empty. */
struct htab {
	uint64_t *s;
	size_t n, cap;		/* cap a power of two */
	int shift;
};

static uint32_t
tagof(uint64_t h)
{
	return (uint32_t)(h >> 32) | 1u;
}

static size_t
home(const struct htab *t, uint32_t tag)
{
	return (size_t)(((uint64_t)tag * 0x9E3779B97F4A7C15ULL) >> t->shift);
}

static void ht_put(struct htab *, uint64_t h, uint32_t v);

static void
ht_init(struct htab *t, size_t want)
{
	size_t cap = 64;
	int bits = 6;

	while (cap < want * 2) {
		cap *= 2;
		bits++;
	}
	free(t->s);
	t->s = big_alloc(cap * sizeof *t->s, 1);
	t->cap = cap;
	t->n = 0;
	t->shift = 64 - bits;
}

static void
ht_grow(struct htab *t)
{
	uint64_t *old = t->s;
	size_t i, cap = t->cap;

	t->s = NULL;
	ht_init(t, cap);	/* twice the slots */
	for (i = 0; i < cap; i++)
		if (old[i] != 0) {
			size_t j = home(t, (uint32_t)(old[i] >> 32));

			while (t->s[j] != 0)
				j = (j + 1) & (t->cap - 1);
			t->s[j] = old[i];
			t->n++;
		}
	free(old);
}

/* Room in t for one more key. */
static void
ht_room(struct htab *t)
{
	if (t->s == NULL)
		ht_init(t, 64);
	if ((t->n + 1) * 2 > t->cap)
		ht_grow(t);
}

static void
ht_put(struct htab *t, uint64_t h, uint32_t v)
{
	uint32_t tag = tagof(h);
	size_t j;

	ht_room(t);
	j = home(t, tag);
	while (t->s[j] != 0)
		j = (j + 1) & (t->cap - 1);
	t->s[j] = (uint64_t)tag << 32 | v;
	t->n++;
}

/*
 * Values stored under hash h, one per call: *pos starts at SIZE_MAX.
 * Returns 0 when there are no more.
 */
static int
ht_next(const struct htab *t, uint64_t h, size_t *pos, uint32_t *v)
{
	uint32_t tag = tagof(h);
	size_t j;

	if (t->s == NULL)
		return 0;
	j = *pos == SIZE_MAX ? home(t, tag) : (*pos + 1) & (t->cap - 1);
	for (; t->s[j] != 0; j = (j + 1) & (t->cap - 1))
		if ((uint32_t)(t->s[j] >> 32) == tag) {
			*pos = j;
			*v = (uint32_t)t->s[j];
			return 1;
		}
	return 0;
}

static void
ht_setval(struct htab *t, size_t pos, uint32_t v)
{
	t->s[pos] = (t->s[pos] & 0xffffffff00000000ULL) | v;
}

static void
ht_prefetch(const struct htab *t, uint64_t h)
{
	if (t->s != NULL)
		__builtin_prefetch(&t->s[home(t, tagof(h))]);
}

static void
ht_clear(struct htab *t)
{
	if (t->s != NULL)
		memset(t->s, 0, t->cap * sizeof *t->s);
	t->n = 0;
}

static void
ht_free(struct htab *t)
{
	free(t->s);
	memset(t, 0, sizeof *t);
}

/*
 * A table of many values a key (invoice-number keys, references, pairs
 * of payments), one slot a key: equal keys stored in slots of their own
 * would make one probe run as long as their number, walked by every put
 * and by every lookup that lands in it (10,000 invoices of one reference:
 * 5 * 10^7 steps to build).  The slot holds the last value put, with
 * MM_MORE when next[] holds the one before it, and so on; a lone value
 * (most keys) costs no trip to next[].  Values below MM_MORE; the tag,
 * 32 bits of the hash, is the key, so callers check the rest of it.
 */
#define MM_MORE		0x80000000u
#define MAXINV		((size_t)MM_MORE >> 2)	/* see ar_match_invoice */

/* Each value once: put twice, it would be its own next (a loop). */
static void
mm_put(struct htab *t, uint32_t *next, uint64_t h, uint32_t v)
{
	uint32_t tag = tagof(h);
	size_t j;

	ht_room(t);
	for (j = home(t, tag); t->s[j] != 0; j = (j + 1) & (t->cap - 1))
		if ((uint32_t)(t->s[j] >> 32) == tag) {
			next[v] = (uint32_t)t->s[j];
			ht_setval(t, j, v | MM_MORE);
			return;
		}
	t->s[j] = (uint64_t)tag << 32 | v;
	t->n++;
}

/* Where a walk of the values of one key is: mm_next. */
struct mmpos {
	uint32_t cur;
	int state;		/* 0 before the first, 1 on cur, 2 done */
};

/* The values put under hash h, the last first, one a call. */
static int
mm_next(const struct htab *t, const uint32_t *next, uint64_t h,
    struct mmpos *p, uint32_t *v)
{
	if (p->state == 0) {
		size_t pos = SIZE_MAX;

		p->state = ht_next(t, h, &pos, &p->cur) ? 1 : 2;
	}
	if (p->state == 2)
		return 0;
	*v = p->cur & ~MM_MORE;
	if (p->cur & MM_MORE)
		p->cur = next[*v];
	else
		p->state = 2;
	return 1;
}

/*
 * A Bloom filter in front of a big table: one 64-bit word a key, two
 * bits in it, about a byte a key.  Most lookups of text windows miss;
 * the filter, small enough to stay in cache, answers them without a trip
 * to the table.
 */
struct bloom {
	uint64_t *w;
	size_t mask;
};

static void
bloom_init(struct bloom *b, size_t nkeys)
{
	size_t n = 64;

	while (n < nkeys / 8 + 1)
		n *= 2;
	free(b->w);
	b->w = ar_xcalloc(n, sizeof *b->w);
	b->mask = n - 1;
}

static void
bloom_add(struct bloom *b, uint64_t h)
{
	if (b->w != NULL)
		b->w[(h >> 12) & b->mask] |= (uint64_t)1 << (h & 63) |
		    (uint64_t)1 << ((h >> 6) & 63);
}

static int
bloom_has(const struct bloom *b, uint64_t h)
{
	uint64_t m = (uint64_t)1 << (h & 63) | (uint64_t)1 << ((h >> 6) & 63);

	return b->w == NULL || (b->w[(h >> 12) & b->mask] & m) == m;
}

/*
 * The letters invoice numbers start with (INV, CN, every series of the
 * book), up to eight, upper case, packed into a number: a set of them.
 */
struct pset {
	uint64_t *s;			/* open addressing; 0 is empty */
	size_t n, cap;
};

static uint64_t
pack_letters(const char *s, size_t n)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = v << 8 | (unsigned char)(s[i] & ~0x20);
	return v;
}

static size_t
pset_home(const struct pset *t, uint64_t v)
{
	return (size_t)((v * 0x9E3779B97F4A7C15ULL) >> 32) & (t->cap - 1);
}

static int
pset_has(const struct pset *t, uint64_t v)
{
	size_t j;

	if (t->cap == 0)
		return 0;
	for (j = pset_home(t, v); t->s[j] != 0; j = (j + 1) & (t->cap - 1))
		if (t->s[j] == v)
			return 1;
	return 0;
}

static void
pset_add(struct pset *t, uint64_t v)
{
	size_t j, i;

	if (v == 0 || pset_has(t, v))
		return;
	if ((t->n + 1) * 2 > t->cap) {
		struct pset g = { NULL, 0, t->cap ? 2 * t->cap : 16 };

		g.s = ar_xcalloc(g.cap, sizeof *g.s);
		for (i = 0; i < t->cap; i++)
			if (t->s[i] != 0)
				pset_add(&g, t->s[i]);
		free(t->s);
		*t = g;
	}
	for (j = pset_home(t, v); t->s[j] != 0; j = (j + 1) & (t->cap - 1))
		;
	t->s[j] = v;
	t->n++;
}

/*
 * Huge pages for a big block from malloc (as big_alloc asks for its
 * own): a growing array of records is touched page by page, and a fault
 * costs far less per huge page than for each of its 512 small ones.  The
 * whole pages of the block are marked, not only its aligned 2 MiB pages:
 * a block of its own mapping (glibc's mmap threshold) then stays one
 * mapping, which realloc can still grow by mremap(2) instead of copying.
 * Only a hint.
 */
static void
huge_hint(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
	uintptr_t a = (uintptr_t)p & ~(uintptr_t)4095,
	    b = ((uintptr_t)p + n + 4095) & ~(uintptr_t)4095;

	if (n >= HUGE)
		(void)madvise((void *)a, b - a, MADV_HUGEPAGE);
#else
	(void)p;
	(void)n;
#endif
}

/* Growable array of fixed-size elements. */
#define GROW(p, n, cap) do {						\
	if ((n) >= (cap)) {						\
		(cap) = (cap) ? 2 * (cap) : 64;				\
		(p) = ar_xrealloc((p), (cap) * sizeof *(p));		\
		huge_hint((p), (cap) * sizeof *(p));			\
	}								\
} while (0)

/* Upper-case letters and digits of s: the form references are compared in. */
static size_t
alnum_upper(const char *s, char *out, size_t max)
{
	size_t n = 0;

	for (; *s != '\0'; s++) {
		int c = (unsigned char)*s;

		if (c >= 'a' && c <= 'z')
			c -= 32;
		if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
			if (n + 1 >= max)
				return 0;
			out[n++] = (char)c;
		}
	}
	out[n] = '\0';
	return n;
}

static void
fmt_date(ar_date d, char *buf)
{
	if (d == AR_NODATE)
		buf[0] = '\0';
	else
		ar_date_format(d, buf);
}

/* ---- records ---- */

#define F_CREDIT	0x01	/* a credit note (or negative amount) */
#define F_DEAD		0x02	/* a duplicate that lost to another row */
#define F_OWNDISC	0x04	/* its own discount terms, maybe none */
#define F_APART		0x08	/* paid, set apart (cust_paid) */
#define F_NEGAPART	0x10	/* no credit now, set apart (neg_apart) */

struct inv {
	const char *row;		/* fields, see rowf */
	int64_t amount, open, paid, disc, woff;
	ar_date issue, due, last, pdate;
	uint32_t cust;
	uint32_t cn_first, cn_next;	/* credit notes of an invoice */
	uint32_t line;
	uint32_t ktag[AR_TK_N], rtag;	/* low halves of its keys' hashes */
	uint16_t file;
	uint16_t disc_bp, disc_days;
	uint8_t cur, flags;
	uint32_t agen;			/* its amount-index entries' (amt_add) */
};

struct cust {
	const char *id;
	const char *name;		/* normalized, NULL if none */
	const char *disp;		/* as written */
	uint32_t first, n;		/* open items: citem[first, first + n) */
	uint32_t skip;			/* citem[first, first + skip) are paid */
	uint32_t ntot;			/* and paid ones set apart after n */
	uint32_t npaid;			/* paid ones among the n (cust_paid) */
	uint32_t cash;			/* unapplied cash items, a list */
	uint32_t fline;			/* its line in the customers file, 0 */
	uint32_t ncn;			/* its invoices with credit notes: */
	uint32_t cnat;			/* cnitem[cnat, cnat + ncn) */
	uint32_t negat, nneg;		/* its credits: negitem[negat, +nneg) */
	uint32_t nnegl;			/* the first nnegl in allocation order,
					   the others not credits, set apart */
	uint8_t fromfile;		/* name from the customers file */
	uint8_t anchor[2][2];		/* its two longest words: offset, length */
	uint8_t big;			/* more than SEARCH_ITEMS items: by_camt */
	uint32_t ncredit;		/* items with a negative open amount */
	uint8_t odd;			/* an item's open amount has had the
					   other sign (odd_sign) */
};

struct cash {
	const char *txn, *ref;
	uint32_t cust, next, src;	/* src: the invoice overpaid, or NONE */
	int64_t amount, open, paid;
	ar_date date, last, pdate;
	uint8_t cur;
	uint8_t off;			/* used up, out of its customer's list */
};

struct done {
	const char *txn;		/* in rpool */
	uint64_t txnh, pairh;
	uint32_t line;
	uint32_t apl, napl;
	uint32_t cash;
	uint32_t hcredit;		/* its credit left by an earlier run */
	uint8_t reversed;
	uint8_t hist;			/* made for a reversal (hist_done) */
	uint8_t cur;			/* its currency; NOCUR: not known */
};

struct apl {
	uint32_t item;
	uint8_t cash;
	int64_t amt, disc, woff;
};

struct iban {
	uint64_t h;
	char iban[36];		/* electronic form; longer ones are cut */
	uint32_t cust;
};

/*
 * Open invoices by a key (an amount, a word of the customer's name and an
 * amount): lists of invoice numbers under unique 64-bit keys.  An entry
 * goes stale when its invoice's open amount changes, and when it is
 * indexed again (gen: an invoice paid and open again at the same amount
 * has one live entry, not two); readers drop stale entries as they meet
 * them, so a list holds what is open, once.
 */
struct anode {
	uint32_t inv, next, gen;
};

struct aslot {
	uint64_t h;			/* the key's hash, odd; 0 is empty */
	uint32_t head, pad;
};

struct aindex {
	struct aslot *s;		/* open addressing, linear probing */
	size_t cap, used;
	int shift;
	struct bloom bloom;
	struct anode *n;
	size_t nn, capn;
};

/* An application of an earlier run (a row of a -H matches file). */
struct hrow {
	const char *txn, *inv, *amount_s, *disc_s, *woff_s, *cur, *file;
	const char *revof;	/* a reversal's: the payment it reversed (its
				   first REVNAME bytes), NULL */
	long line;
	ar_date book;		/* the payment's booking date, AR_NODATE */
	uint32_t next;		/* the payment's next row, NONE */
};

struct credit {			/* refund_part: credit to take from */
	uint32_t item;
	int cash, named;
};

struct cfrow {			/* a confirmed row being applied */
	const char *inv;
	uint32_t id, item;		/* its conf[], its invoice */
	int64_t amt, want, opn;
};

struct conf {
	const char *txn, *inv;
	const char *amount_s;	/* NULL: as much as fits */
	long line;
	uint32_t next;
	uint8_t used;		/* its payment was read */
};

struct ifile {
	int *map;		/* this file's field -> output column */
	struct ar_item_cols c;
	int dpct, ddays, bref, xdisc, xwoff;
	const char *name;
};

/* the open-item columns ar-match computes, appended when absent */
enum { X_PAID, X_OPEN, X_LAST, X_PDATE, X_DISC, X_WOFF, X_N };
static const char *const xcols[X_N] = { "paid_amount", "open_amount",
    "last_payment_date", "paid_date", "discount_amount", "writeoff_amount" };

const char *const ar_match_cols[] = { "txn_id", "invoice_id", "type",
    "customer_id", "booking_date", "amount", "currency", "discount",
    "writeoff", "rule", "confidence", "evidence", "counterparty_iban" };
const size_t ar_match_ncols = sizeof ar_match_cols / sizeof ar_match_cols[0];

static const char *const ucols[] = { "unapplied_amount", "customer_id",
    "reason", "suggestion", "suggestion_rule", "suggestion_confidence",
    "why" };
#define NUCOLS (sizeof ucols / sizeof ucols[0])

/* A payment as the matcher reads it (fields point into a record). */
struct prec {
	uint32_t len;		/* a multiple of 8, so records stay aligned */
	int32_t book, value;
	uint32_t line;
	int64_t amount;
	uint32_t txnoff;	/* txn_id, from the record's start */
	uint16_t nf;
	uint8_t cls, exp;
	/* then uint32_t off[nf] (from the record's start), then the fields */
};

struct pay {
	const struct prec *h;
	const char **f;
	const char *txn, *cur, *name, *iban, *ref, *rmt, *e2e, *revof, *status;
	char ibann[48];		/* IBAN, electronic form */
	int64_t amount;
	ar_date book, value;
	int exp;
	uint8_t curi;
	uint32_t done;
	uint64_t txnh, pairh;	/* hashes of its txn_id, its pairing key */
	uint32_t fcust;		/* its IBAN's customer in the customers
				   file, NONE, AMBIG */
};

/* what a rule proposes */
struct prow {
	uint32_t item;
	uint8_t cash, rule, conf;
	int64_t amt, disc, woff;
	char ev[128];
};

struct plan {
	struct prow *r;
	size_t n, cap;
	int conf;		/* the least confidence of its rows */
	int rule;
	uint32_t cust;		/* whose money the rest is, NONE */
	const char *reason;	/* of the rest */
	char why[256];
};

/*
 * Payments queued between the reader and the worker: enough for a day's
 * payments of a big book, so that the worker processes one day while the
 * reader reads the next (recsort hands over a day at a time).
 */
#define QLEN	4096
#define PEEK	6	/* records between the steps of peek */

/* The name rule's lookups, a batch of keys at a time. */
struct nscan {
	const int64_t *try;
	struct { uint64_t h; uint8_t t; } key[MAXNK];
	size_t nk;
	uint32_t *cand, *tmp;		/* invoices that fit, met more than once */
	size_t ncand, capcand;
	int over;			/* more than MAXCAND met */
};

struct hit {
	uint32_t inv;
	uint8_t strength;	/* 4 full number or reference, 3 strong, 1 weak */
	uint8_t src;		/* S_* */
	char ev[40];
};
enum { S_REF, S_REFTEXT, S_UREF, S_TEXT, S_PATTERN };

/* What the texts of a payment name (collect_hits). */
struct scan {
	struct hit *hit;		/* grown as needed, to MAXHIT */
	size_t nhit, caphit;
	int unknown;			/* the text names a number not in the book */
	int over;			/* the strongest hit left out, 0 */
	const char *iban;		/* the payer's, as written */
	uint32_t cust;			/* its customer (once full: mine) */
	int custdone;
	int heap;			/* hit[] is full and a heap (hit_add) */
	int perr;			/* a pattern's match failed: PCRE2's code */
	uint32_t pidx;			/* which pattern */
	struct hitmap *hm;		/* the scanner's, while collect_hits */
	char unknown_s[AR_TEXTREF_RAWMAX + 1];
};

/*
 * Where each invoice a payment's texts name is in its hit[]: a text that
 * names thousands of invoices (a bare "7" when every customer has an
 * invoice 7, one reference on all of a customer's invoices) finds each
 * in a step, not in a walk of hit[].  An entry is live when its gen is
 * the scanner's; a new payment makes them all dead at once.  HMAP is a
 * power of two at least four times MAXHIT.
 */
#define HMAP_BITS	10
#define HMAP		(1 << HMAP_BITS)
struct hitmap {
	struct {
		uint32_t inv, gen, slot;
	} e[HMAP];
	uint32_t gen;			/* never 0: 0 is an empty entry */
	struct hit tmp[MAXHIT];		/* for sorting hit[] */
};

/* A thread's tools for scanning texts, and where the results go. */
struct scanner {
	struct scan *sc;
	struct ar_textref_win *win;
	pcre2_match_data *md;
	struct hitmap *hm;
};

/* A row of the matches or unmatched file, made (see keep_str) */
struct emit {
	uint8_t kind, rule, conf;
	int64_t amt, disc, woff;
	uint32_t s[6];			/* in sb: a match's invoice_id, type,
					   customer_id, evidence; or the
					   customer_id, reason, suggestion,
					   its rule and confidence, why */
};
enum { EM_MATCH, EM_UNMATCHED };

struct qslot {
	char *rec;		/* a payment record, 8-byte aligned */
	size_t cap;
	uint64_t txnh, ibanh, pairh;
	uint32_t fcust;		/* see struct pay, when keyed */
	int keyed;
	int scanned;		/* sc made (else the worker makes it) */
	struct scan sc;		/* what its texts name */
	struct ar_err *msg;	/* what processing it said, to be said */
	size_t nmsg, capmsg;
	struct emit *em;	/* the rows it made, to be written */
	size_t nem, capem;
	char *sb;		/* their strings */
	size_t nsb, capsb;
};

/*
 * The thread that processes the queued payments (see rec_emit).  The
 * reader says how many records it has queued (pushed, every PUBLISH
 * records and before it waits), the worker how many it has processed
 * (done).  Either sleeps on a condition variable after a short spin,
 * saying so (sleeping, rsleeping) for the other to wake it.  What each
 * writes is kept apart from what the other writes by a cache line of
 * padding (the struct is not itself aligned).
 */
#define PUBLISH	8
#define LEND	64	/* records behind at most, for the worker to scan */
#define LINE	64
struct worker {
	struct ar_match *m;
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv, rcv;		/* the worker sleeps on cv, the
					   reader on rcv */
	uint64_t first;			/* the number of its first record */
	int running, failed;
	char pad0[LINE];
	/* the reader's */
	_Atomic uint64_t pushed;
	_Atomic int rsleeping, stop;
	uint64_t qdone;			/* done, as the reader last saw it */
	int lend;			/* the worker is close behind: it
					   scans the next records (publish) */
	char pad1[LINE];
	/* the worker's */
	_Atomic uint64_t done;
	_Atomic int sleeping;
	struct qslot *saying;		/* whose messages say() keeps */
	struct scanner sn;		/* its tools for scanning */
	char pad2[LINE];
};

struct ar_match {
	struct ar_match_opts o;
	struct ar_match_out out;
	struct ar_err *err;		/* of the current call */

	struct pool pool;		/* lives as long as the matcher */
	struct prefault pref;		/* memory faulted in ahead */
	struct pool rpool;		/* payments' strings, reset on restart */

	char cur[MAXCUR][4];
	int curexp[MAXCUR];
	int ncur;

	/* invoices */
	struct ifile *files;
	size_t nfiles;
	int openitems;			/* a file of open items was read */
	char **icols;
	size_t nicols;
	int xpos[X_N];			/* computed columns in the output */
	int typepos;			/* type in the output (made when
					   the invoices have none) */
	const char **ocols;		/* output header */
	size_t nocols;
	struct inv *inv;
	size_t ninv, capinv, nlive;
	struct htab id_tab, key_tab, ref_tab;
	uint32_t *knext, *rnext;	/* next[] of key_tab, ref_tab (mm_put) */
	struct bloom key_bloom, ref_bloom;
	size_t maxlead;			/* letters an invoice number starts with */
	struct pset prefixes;		/* those letters, upper case: INV, CN */
	uint16_t dbp[MAXRATE];		/* invoices' most used discount rates */
	size_t ndbp;
	uint32_t *ratecnt;		/* invoices by discount rate, 0-10000 */
	int ready;

	/* customers */
	struct cust *cust;
	size_t ncust, capcust;
	struct htab cust_tab;
	struct cfrow *cfr;		/* confirmed(): a payment's rows */
	size_t capcfr;
	char (*ckey)[CKEY];		/* each customer's id when shorter than
					   CKEY, NUL-padded: looked up without
					   a cache miss; when longer, NULs and
					   a last byte 1 */
	size_t capckey;
	uint32_t *citem;
	uint32_t *cnitem;		/* invoices with credit notes, by customer */
	uint32_t *apos;			/* where each item set apart is (cust_paid) */
	size_t capapos;
	uint32_t *apt;			/* set_apart's */
	size_t capapt;
	uint32_t *negitem;		/* items of a negative amount, by customer,
					   in allocation order (money_out) */
	int cust_cols[3];		/* customers file: id, name, ibans */
	struct htab word_tab;		/* word -> index in words */
	const char **words;
	size_t nwords, capwords;
	uint32_t *wpost, *woff;		/* postings: customers of word w */
	struct iban *ibans;
	size_t nibans, capibans;
	struct htab iban_tab;
	struct iban *learned;
	size_t nlearned, caplearned;
	struct htab learn_tab;
	int hist_cols[11];		/* iban, customer_id, invoice_id, rule,
					   txn_id, amount, currency, discount,
					   writeoff, evidence, booking_date */
	const char *hist_file;
	struct hrow *hrow;		/* applications of earlier runs */
	size_t nhrow, caphrow;
	struct htab hrow_tab;		/* txn_id -> first of its rows */
	struct htab hrev_tab;		/* reversed txn_id -> its reversal's
					   rows */
	struct { const char *iban, *cust, *inv; long line; } *teach;
	size_t nteach, capteach;

	/* confirmed */
	struct conf *conf;
	size_t nconf, capconf;
	struct htab conf_tab;
	int conf_cols[4];		/* txn_id, invoice_id, amount, counterparty_iban */
	const char *conf_file;

	/* patterns */
	pcre2_code **re;
	int *re_group;
	char **re_src;			/* as given, for messages */
	size_t nre;
	pcre2_match_data *md;
	uint32_t ovpairs;		/* its size: the most groups, plus one */

	/* payments */
	struct ar_pay_cols pc;
	struct ar_csv_reader *pr;	/* read again on disorder (pay_replay) */
	long pline;			/* the line of the payment being added */
	char **pcols;
	size_t npcols;
	const char **ucolv;
	const char *pfile;
	struct ar_recsort *sorter;
	char *rec;			/* one record being built */
	size_t reccap;
	const char **pf;		/* fields of the payment being processed */
	struct cash *cash;
	size_t ncash, capcash;
	struct done *done;
	size_t ndone, capdone;
	struct apl *apl;
	size_t napl, capapl;
	struct htab txn_tab, pair_tab, warned;
	uint32_t *pnext;		/* next[] of pair_tab, by done */
	size_t cappnext;
	struct aindex by_amt, by_word;	/* open invoices by amount, by word too */
	struct aindex by_camt;		/* a big customer's, by amount (camt_key) */
	struct ar_match_stats st;
	size_t restarts;
	struct qslot *q;		/* payments about to be processed */
	uint64_t qhead;			/* number of the first: q[qhead % QLEN] */
	size_t qn;
	struct worker work;		/* processes them */
	uint32_t *later;		/* confirmed matches of payments after */
	size_t nlater, caplater;	/* --as-of (conf_use at the end) */

	/* scratch */
	struct nscan *nscan;		/* the name rule's lookups */
	struct ar_textref_win *win;
	struct hitmap *hm;		/* the main thread's, for scanning */
	struct scan *sc;		/* what the payment's texts name */
	struct scan own;		/* empty: before the first payment */
	struct plan plan;
	int cand_done;			/* payname holds the payer's name */
	uint32_t *items;		/* a customer's open items */
	size_t nitems, capitems;
	uint32_t *aitem;		/* those an allocation pays */
	size_t capaitem;
	struct credit *cr, *crt;	/* refund_part's credits */
	size_t capcr, capcrt;
	int64_t *amts;
	size_t capamts;
	char sug[512], sugrule[16], sugconf[12];
	char payname[AR_TEXTREF_NAMEMAX];
	const char **ufields;		/* a row of the unmatched file */
	uint32_t ks_ord[MAXSET];
	uint32_t fresh[SEARCH_ITEMS];
	int64_t ks_pre[MAXSET + 1];
	int sug_best;
};

/* ---- fields of a stored invoice row: nf, offsets, strings ---- */

static const char *
rowf(const char *row, int i)
{
	const uint16_t *h = (const uint16_t *)row;

	if (i < 0 || i >= h[0])
		return "";
	return row + 2 + 2 * (size_t)h[0] + h[1 + i];
}

static const char *
inv_id(const struct ar_match *m, uint32_t i)
{
	return rowf(m->inv[i].row, m->files[m->inv[i].file].c.invoice_id);
}

static int
curidx(struct ar_match *m, const char *code, int exp)
{
	int i;

	for (i = 0; i < m->ncur; i++)
		if (strcmp(m->cur[i], code) == 0)
			return i;
	if (m->ncur == MAXCUR || strlen(code) != 3)
		return NOCUR;
	memcpy(m->cur[m->ncur], code, 4);
	m->curexp[m->ncur] = exp;
	return m->ncur++;
}

/* ---- life cycle ---- */

static void ai_free(struct aindex *);
static void work_stop(struct ar_match *);
static void work_free(struct ar_match *);
static void retire(struct ar_match *);
static void amt_index(struct ar_match *);
static int too_big(int64_t);

void
ar_match_defaults(struct ar_match_opts *o)
{
	memset(o, 0, sizeof *o);
	o->min_confidence = 70;
	o->alloc = AR_ALLOC_OLDEST;
	o->as_of = AR_NODATE;
	o->sort_memory = (size_t)256 << 20;
}

static int rec_cmp(const void *, size_t, const void *, size_t);
static int rec_group(const void *, size_t, const void *, size_t);
static void rec_emit(const void *, size_t, void *);
static void rec_restart(void *);
static enum ar_rc pay_replay(void *, struct ar_err *);

struct ar_match *
ar_match_new(const struct ar_match_opts *o, const struct ar_match_out *out)
{
	struct ar_match *m = ar_xcalloc(1, sizeof *m);
	struct ar_recsort_fns f = { rec_cmp, rec_group, rec_emit, rec_restart,
	    NULL, pay_replay };

	m->o = *o;
	m->out = *out;
	m->win = ar_xcalloc(AR_TEXTREF_MAXWIN, sizeof *m->win);
	m->hm = ar_xcalloc(1, sizeof *m->hm);
	m->nscan = ar_xcalloc(1, sizeof *m->nscan);
	m->sc = &m->own;
	f.arg = m;
	m->sorter = ar_recsort_new(&f, o->sort_memory ? o->sort_memory :
	    (size_t)256 << 20);
	ht_init(&m->id_tab, 1024);
	ht_init(&m->cust_tab, 1024);
	m->cust_cols[0] = -1;
	return m;
}

void
ar_match_free(struct ar_match *m)
{
	size_t i;

	if (m == NULL)
		return;
	work_free(m);
	pf_stop(&m->pref);
	for (i = 0; i < m->nfiles; i++)
		free(m->files[i].map);
	free(m->files);
	for (i = 0; i < m->nicols; i++)
		free(m->icols[i]);
	free(m->icols);
	free(m->ocols);
	free(m->inv);
	ht_free(&m->id_tab);
	ht_free(&m->key_tab);
	ht_free(&m->ref_tab);
	free(m->knext);
	free(m->rnext);
	free(m->key_bloom.w);
	free(m->ref_bloom.w);
	free(m->cust);
	ht_free(&m->cust_tab);
	free(m->ckey);
	free(m->cfr);
	free(m->aitem);
	free(m->cr);
	free(m->crt);
	free(m->citem);
	free(m->cnitem);
	free(m->apt);
	free(m->apos);
	free(m->negitem);
	ht_free(&m->word_tab);
	free(m->words);
	free(m->wpost);
	free(m->woff);
	free(m->ibans);
	ht_free(&m->iban_tab);
	free(m->learned);
	ht_free(&m->learn_tab);
	free(m->teach);
	free(m->ratecnt);
	free(m->prefixes.s);
	free(m->hrow);
	ht_free(&m->hrow_tab);
	ht_free(&m->hrev_tab);
	free(m->conf);
	ht_free(&m->conf_tab);
	for (i = 0; i < m->nre; i++) {
		pcre2_code_free(m->re[i]);
		free(m->re_src[i]);
	}
	free(m->re);
	free(m->re_group);
	free(m->re_src);
	if (m->md != NULL)
		pcre2_match_data_free(m->md);
	for (i = 0; i < m->npcols; i++)
		free(m->pcols[i]);
	free(m->pcols);
	free(m->ucolv);
	free(m->ufields);
	ar_recsort_free(m->sorter);
	free(m->rec);
	free(m->pf);
	free(m->cash);
	free(m->done);
	free(m->apl);
	ht_free(&m->txn_tab);
	ht_free(&m->pair_tab);
	free(m->pnext);
	ai_free(&m->by_amt);
	ai_free(&m->by_word);
	ai_free(&m->by_camt);
	ht_free(&m->warned);
	for (i = 0; m->q != NULL && i < QLEN; i++) {
		free(m->q[i].rec);
		free(m->q[i].msg);
		free(m->q[i].em);
		free(m->q[i].sb);
		free(m->q[i].sc.hit);
	}
	free(m->q);
	free(m->later);
	free(m->win);
	free(m->hm);
	free(m->nscan->cand);
	free(m->nscan->tmp);
	free(m->nscan);
	free(m->plan.r);
	free(m->items);
	free(m->amts);
	pool_free(&m->pool);
	pool_free(&m->rpool);
	free(m);
}

void
ar_match_stats(const struct ar_match *m, struct ar_match_stats *s)
{
	*s = m->st;
	s->invoices = m->nlive;
}

/* ---- patterns ---- */

enum ar_rc
ar_match_pattern(struct ar_match *m, const char *re, struct ar_err *err)
{
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	pcre2_code *c;
	uint32_t ncap;
	int code, g;

	if (m->ready) {		/* the scans, on two threads, read them */
		ar_err_set(err, 0, "pattern '%s': patterns come before the "
		    "payments", re);
		return AR_FATAL;
	}
	c = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED, PCRE2_UTF,
	    &code, &off, NULL);
	if (c == NULL) {
		pcre2_get_error_message(code, msg, sizeof msg);
		ar_err_set(err, 0, "pattern '%s': %s at offset %zu", re,
		    (const char *)msg, (size_t)off);
		return AR_FATAL;
	}
	if ((g = pcre2_substring_number_from_name(c, (PCRE2_SPTR)"invoice")) < 0) {
		pcre2_code_free(c);
		if (g == PCRE2_ERROR_NOUNIQUESUBSTRING)
			ar_err_set(err, 0, "pattern '%s': more than one group "
			    "named invoice; name one (?<invoice>...)", re);
		else
			ar_err_set(err, 0, "pattern '%s': no named group "
			    "(?<invoice>...)", re);
		return AR_FATAL;
	}
	(void)pcre2_jit_compile(c, PCRE2_JIT_COMPLETE);	/* faster if it can */
	m->re = ar_xrealloc(m->re, (m->nre + 1) * sizeof *m->re);
	m->re_group = ar_xrealloc(m->re_group, (m->nre + 1) * sizeof *m->re_group);
	m->re_src = ar_xrealloc(m->re_src, (m->nre + 1) * sizeof *m->re_src);
	m->re[m->nre] = c;
	m->re_src[m->nre] = ar_xstrdup(re);
	m->re_group[m->nre++] = g;
	/* room for every group of every pattern, else a match of a late
	 * group would not be seen */
	if (pcre2_pattern_info(c, PCRE2_INFO_CAPTURECOUNT, &ncap) == 0 &&
	    ncap + 1 > m->ovpairs)
		m->ovpairs = ncap + 1;
	if (m->md != NULL)
		pcre2_match_data_free(m->md);
	m->md = pcre2_match_data_create(m->ovpairs, NULL);
	return AR_OK;
}

/* ---- customers ---- */

static uint32_t
cust_find(const struct ar_match *m, const char *id)
{
	size_t n = strlen(id), pos = SIZE_MAX;
	uint64_t h = hash(id, n);
	char key[CKEY] = { 0 };
	uint32_t v;

	if (n < CKEY) {
		memcpy(key, id, n);
		while (ht_next(&m->cust_tab, h, &pos, &v))
			if (memcmp(m->ckey[v], key, CKEY) == 0)
				return v;
		return NONE;
	}
	while (ht_next(&m->cust_tab, h, &pos, &v))
		if (m->ckey[v][CKEY - 1] == 1 && strcmp(m->cust[v].id, id) == 0)
			return v;
	return NONE;
}

static uint32_t
cust_get(struct ar_match *m, const char *id)
{
	uint32_t c = cust_find(m, id);
	size_t n = strlen(id);

	if (c != NONE)
		return c;
	GROW(m->cust, m->ncust, m->capcust);
	GROW(m->ckey, m->ncust, m->capckey);
	memset(&m->cust[m->ncust], 0, sizeof m->cust[0]);
	memset(m->ckey[m->ncust], 0, CKEY);
	if (n < CKEY)
		memcpy(m->ckey[m->ncust], id, n);
	else
		m->ckey[m->ncust][CKEY - 1] = 1;
	m->cust[m->ncust].id = pool_str(&m->pool, id, n);
	m->cust[m->ncust].cash = NONE;
	ht_put(&m->cust_tab, hashs(id), (uint32_t)m->ncust);
	return (uint32_t)m->ncust++;
}

static void
cust_name(struct ar_match *m, uint32_t c, const char *name, int fromfile)
{
	char norm[AR_TEXTREF_NAMEMAX];
	struct cust *cu = &m->cust[c];
	int k;

	if (*name == '\0' || (cu->fromfile && !fromfile))
		return;
	if (!fromfile && cu->disp != NULL && strcmp(cu->disp, name) == 0)
		return;
	if (ar_textref_name(name, norm) == 0)
		return;
	/*
	 * names seen on invoices, or twice in the customers file: the one
	 * that sorts first, whatever the order
	 */
	if (fromfile == cu->fromfile && cu->name != NULL &&
	    ((k = strcmp(cu->name, norm)) < 0 || (k == 0 &&
	    strcmp(cu->disp, name) <= 0)))
		return;
	cu->name = pool_str(&m->pool, norm, strlen(norm));
	cu->disp = pool_str(&m->pool, name, strlen(name));
	cu->fromfile = (uint8_t)fromfile;
}

static void
norm_iban(const char *s, char *out, size_t max)
{
	if (alnum_upper(s, out, max) == 0)
		out[0] = '\0';
}

/* IBAN -> customer; a second customer for the same IBAN makes it AMBIG. */
static void
iban_put(struct ar_match *m, struct htab *t, struct iban **arr, size_t *n,
    size_t *cap, const char *iban, uint32_t c)
{
	uint64_t h = hashs(iban);
	size_t pos = SIZE_MAX;
	uint32_t v;

	(void)m;
	while (ht_next(t, h, &pos, &v))
		if ((*arr)[v].h == h && strncmp((*arr)[v].iban, iban,
		    sizeof (*arr)[v].iban - 1) == 0) {
			if ((*arr)[v].cust != c)
				(*arr)[v].cust = AMBIG;
			return;
		}
	GROW(*arr, *n, *cap);
	(*arr)[*n].h = h;
	snprintf((*arr)[*n].iban, sizeof (*arr)[*n].iban, "%s", iban);
	(*arr)[*n].cust = c;
	ht_put(t, h, (uint32_t)*n);
	(*n)++;
}

static uint32_t
iban_get(const struct htab *t, const struct iban *arr, const char *iban)
{
	uint64_t h = hashs(iban);
	size_t pos = SIZE_MAX;
	uint32_t v;

	while (ht_next(t, h, &pos, &v))
		if (arr[v].h == h && strncmp(arr[v].iban, iban,
		    sizeof arr[v].iban - 1) == 0)
			return arr[v].cust;
	return NONE;
}

const char *
ar_match_customers_open(struct ar_match *m, struct ar_csv_reader *r)
{
	m->cust_cols[0] = ar_csv_col(r, "customer_id");
	m->cust_cols[1] = ar_csv_col(r, "name");
	m->cust_cols[2] = ar_csv_col(r, "ibans");
	if (m->cust_cols[0] < 0)
		return "customer_id";
	return NULL;
}

enum ar_rc
ar_match_customer(struct ar_match *m, struct ar_csv_reader *r,
    struct ar_err *err)
{
	const char *id = ar_csv_field(r, m->cust_cols[0]), *s;
	char ib[48];
	uint32_t c;
	enum ar_rc rc = AR_OK;

	if (*id == '\0') {
		ar_err_set(err, ar_csv_line(r), "empty customer_id");
		return AR_SKIP;
	}
	c = cust_get(m, id);
	if (m->cust[c].fline != 0) {
		/* both rows count, whatever their order */
		ar_err_set(err, ar_csv_line(r), "duplicate customer_id '%s' "
		    "(also line %lu): the name that sorts first and the IBANs "
		    "of both are used", id, (unsigned long)m->cust[c].fline);
		rc = AR_SKIP;
	} else
		m->cust[c].fline = (uint32_t)ar_csv_line(r);
	cust_name(m, c, ar_csv_field(r, m->cust_cols[1]), 1);
	for (s = ar_csv_field(r, m->cust_cols[2]); *s != '\0';) {
		size_t k = strcspn(s, " ,;");
		char one[64];

		if (k > 0 && k < sizeof one) {
			memcpy(one, s, k);
			one[k] = '\0';
			norm_iban(one, ib, sizeof ib);
			if (*ib != '\0')
				iban_put(m, &m->iban_tab, &m->ibans, &m->nibans,
				    &m->capibans, ib, c);
		}
		s += k;
		while (*s == ' ' || *s == ',' || *s == ';')
			s++;
	}
	return rc;
}

/* ---- history and confirmed matches ---- */

const char *
ar_match_history_open(struct ar_match *m, struct ar_csv_reader *r)
{
	m->hist_cols[0] = ar_csv_col(r, "counterparty_iban");
	m->hist_cols[1] = ar_csv_col(r, "customer_id");
	m->hist_cols[2] = ar_csv_col(r, "invoice_id");
	m->hist_cols[3] = ar_csv_col(r, "rule");
	m->hist_cols[4] = ar_csv_col(r, "txn_id");
	m->hist_cols[5] = ar_csv_col(r, "amount");
	m->hist_cols[6] = ar_csv_col(r, "currency");
	m->hist_cols[7] = ar_csv_col(r, "discount");
	m->hist_cols[8] = ar_csv_col(r, "writeoff");
	m->hist_cols[9] = ar_csv_col(r, "evidence");
	m->hist_cols[10] = ar_csv_col(r, "booking_date");
	m->hist_file = pool_str(&m->pool, ar_csv_name(r), strlen(ar_csv_name(r)));
	if (m->hist_cols[0] < 0)
		return "counterparty_iban";
	if (m->hist_cols[1] < 0 && m->hist_cols[2] < 0)
		return "customer_id";
	return NULL;
}

/* An amount in some currency: its syntax, checked before the currency is
 * known. */
static int
is_amount(const char *s)
{
	int64_t v;

	return ar_money_parse(s, AR_CURRENCY_MAXEXP, 0, &v) == NULL;
}

static void
teach(struct ar_match *m, const char *iban, const char *custid,
    const char *invid, long line)
{
	char ib[48];

	norm_iban(iban, ib, sizeof ib);
	if (*ib == '\0' || (*custid == '\0' && *invid == '\0'))
		return;
	GROW(m->teach, m->nteach, m->capteach);
	m->teach[m->nteach].iban = pool_str(&m->pool, ib, strlen(ib));
	m->teach[m->nteach].cust = pool_str(&m->pool, custid, strlen(custid));
	m->teach[m->nteach].inv = pool_str(&m->pool, invid, strlen(invid));
	m->teach[m->nteach].line = line;
	m->nteach++;
}

enum ar_rc
ar_match_history(struct ar_match *m, struct ar_csv_reader *r,
    struct ar_err *err)
{
	const char *rule = ar_csv_field(r, m->hist_cols[3]),
	    *txn = ar_csv_field(r, m->hist_cols[4]),
	    *inv = ar_csv_field(r, m->hist_cols[2]),
	    *amt = ar_csv_field(r, m->hist_cols[5]),
	    *cur = ar_csv_field(r, m->hist_cols[6]),
	    *disc = ar_csv_field(r, m->hist_cols[7]),
	    *woff = ar_csv_field(r, m->hist_cols[8]);
	struct hrow *h;
	const char *bad = NULL, *col;

	/* the IBAN first: a row with a bad amount still teaches it */
	if (m->hist_cols[3] < 0 || strcmp(rule, "confirmed") == 0 ||
	    strcmp(rule, "reference") == 0 || strcmp(rule, "text") == 0 ||
	    strcmp(rule, "pattern") == 0)	/* weaker rules teach nothing */
		teach(m, ar_csv_field(r, m->hist_cols[0]),
		    ar_csv_field(r, m->hist_cols[1]), inv, ar_csv_line(r));
	/*
	 * A payment of that run, and, with invoice_id and amount, what it
	 * applied to an item (amounts checked again in the item's currency
	 * when they are used).
	 */
	if (*txn == '\0')
		return AR_OK;
	if (*inv != '\0' && *amt != '\0')
		bad = !is_amount(amt) ? amt : *disc && !is_amount(disc) ? disc :
		    *woff && !is_amount(woff) ? woff : NULL;
	if (bad != NULL) {
		col = bad == amt ? "amount" : bad == disc ? "discount" :
		    "writeoff";
		ar_err_set(err, ar_csv_line(r), "%s '%s': not an amount", col,
		    bad);
		return AR_SKIP;
	}
	GROW(m->hrow, m->nhrow, m->caphrow);
	h = &m->hrow[m->nhrow++];
	h->txn = pool_str(&m->pool, txn, strlen(txn));
	h->inv = pool_str(&m->pool, *amt ? inv : "", *amt ? strlen(inv) : 0);
	h->amount_s = pool_str(&m->pool, *inv ? amt : "", *inv ? strlen(amt) : 0);
	h->disc_s = pool_str(&m->pool, disc, strlen(disc));
	h->woff_s = pool_str(&m->pool, woff, strlen(woff));
	h->cur = pool_str(&m->pool, cur, strlen(cur));
	h->file = m->hist_file;
	h->line = ar_csv_line(r);
	h->next = NONE;
	h->revof = NULL;
	if (ar_date_parse(ar_csv_field(r, m->hist_cols[10]), 0, &h->book) !=
	    NULL)
		h->book = AR_NODATE;	/* not known: any day */
	/* a reversal's evidence names the payment: "reverses P1 (same ...)" */
	if (strcmp(rule, "reversal") == 0) {
		const char *ev = ar_csv_field(r, m->hist_cols[9]), *e;

		if (strncmp(ev, "reverses ", 9) == 0) {
			ev += 9;
			if ((e = strstr(ev, " (same texts and amount)")) == NULL)
				e = ev + strlen(ev);
			if (e > ev)
				h->revof = pool_str(&m->pool, ev, (size_t)(e - ev) >
				    REVNAME ? REVNAME : (size_t)(e - ev));
		}
	}
	return AR_OK;
}

const char *
ar_match_confirmed_open(struct ar_match *m, struct ar_csv_reader *r)
{
	m->conf_cols[0] = ar_csv_col(r, "txn_id");
	m->conf_cols[1] = ar_csv_col(r, "invoice_id");
	m->conf_cols[2] = ar_csv_col(r, "amount");
	m->conf_cols[3] = ar_csv_col(r, "counterparty_iban");
	m->conf_file = pool_str(&m->pool, ar_csv_name(r), strlen(ar_csv_name(r)));
	if (m->conf_cols[0] < 0)
		return "txn_id";
	if (m->conf_cols[1] < 0)
		return "invoice_id";
	return NULL;
}

enum ar_rc
ar_match_confirmed(struct ar_match *m, struct ar_csv_reader *r,
    struct ar_err *err)
{
	const char *txn = ar_csv_field(r, m->conf_cols[0]),
	    *inv = ar_csv_field(r, m->conf_cols[1]),
	    *amt = ar_csv_field(r, m->conf_cols[2]);
	struct conf *c;

	if (*txn == '\0') {
		ar_err_set(err, ar_csv_line(r), "empty txn_id");
		return AR_SKIP;
	}
	if (*amt != '\0' && !is_amount(amt)) {
		/* checked again in the invoice's currency when applied */
		ar_err_set(err, ar_csv_line(r), "amount '%s': not a number", amt);
		return AR_SKIP;
	}
	GROW(m->conf, m->nconf, m->capconf);
	c = &m->conf[m->nconf];
	c->txn = pool_str(&m->pool, txn, strlen(txn));
	c->inv = pool_str(&m->pool, inv, strlen(inv));
	c->amount_s = *amt ? pool_str(&m->pool, amt, strlen(amt)) : NULL;
	c->line = ar_csv_line(r);
	c->next = NONE;
	c->used = 0;
	m->nconf++;
	if (m->conf_cols[3] >= 0)
		teach(m, ar_csv_field(r, m->conf_cols[3]), "", inv, ar_csv_line(r));
	return AR_OK;
}

/* ---- invoices ---- */

static int
icol(struct ar_match *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->nicols; i++)
		if (strcmp(m->icols[i], name) == 0)
			return (int)i;
	m->icols = ar_xrealloc(m->icols, (m->nicols + 1) * sizeof *m->icols);
	m->icols[m->nicols] = ar_xstrdup(name);
	return (int)m->nicols++;
}

const char *
ar_match_invoices_open(struct ar_match *m, struct ar_csv_reader *r)
{
	struct ifile *f;
	const char *miss;
	struct ar_item_cols c;
	size_t i, n = ar_csv_ncols(r);

	if ((miss = ar_item_cols_find(&c, r, 0)) != NULL)
		return miss;
	m->pool.pf = &m->pref;
	if (m->nfiles == UINT16_MAX)
		return "invoice_id";	/* not reached: 65535 files */
	m->files = ar_xrealloc(m->files, (m->nfiles + 1) * sizeof *m->files);
	f = &m->files[m->nfiles++];
	memset(f, 0, sizeof *f);
	f->c = c;
	if (c.paid_amount >= 0)
		m->openitems = 1;
	f->dpct = ar_csv_col(r, "discount_percent");
	f->ddays = ar_csv_col(r, "discount_days");
	f->bref = ar_csv_col(r, "billing_ref");
	f->xdisc = ar_csv_col(r, xcols[X_DISC]);
	f->xwoff = ar_csv_col(r, xcols[X_WOFF]);
	f->name = pool_str(&m->pool, ar_csv_name(r), strlen(ar_csv_name(r)));
	f->map = ar_xcalloc(n ? n : 1, sizeof *f->map);
	for (i = 0; i < n; i++)
		f->map[i] = icol(m, ar_csv_colname(r, i));
	return NULL;
}

/*
 * The state of an invoice as read (open_amount, paid_amount, dates,
 * discount and write-off of an open item from an earlier run).  The row
 * was checked when it was read.
 */
static void
inv_state(struct ar_match *m, uint32_t i)
{
	struct inv *v = &m->inv[i];
	const struct ifile *f = &m->files[v->file];
	const char *s;
	int exp = m->curexp[v->cur];
	int64_t x;

	v->paid = v->disc = v->woff = 0;
	v->open = v->amount;
	v->last = v->pdate = AR_NODATE;
	s = rowf(v->row, f->c.paid_amount);
	if (*s != '\0' && ar_money_parse(s, exp, 0, &x) == NULL)
		v->paid = x;
	s = rowf(v->row, f->c.open_amount);
	if (*s != '\0' && ar_money_parse(s, exp, 0, &x) == NULL)
		v->open = x;
	s = rowf(v->row, f->xdisc);
	if (*s != '\0' && ar_money_parse(s, exp, 0, &x) == NULL)
		v->disc = x;
	s = rowf(v->row, f->xwoff);
	if (*s != '\0' && ar_money_parse(s, exp, 0, &x) == NULL)
		v->woff = x;
	s = rowf(v->row, f->c.last_payment_date);
	if (*s != '\0')
		ar_date_parse(s, 0, &v->last);
	s = rowf(v->row, f->c.paid_date);
	if (*s != '\0')
		ar_date_parse(s, 0, &v->pdate);
	/* open items without paid_amount: what is not open was paid */
	if (f->c.paid_amount < 0 && f->c.open_amount >= 0)
		v->paid = v->amount - v->open - v->disc - v->woff;
}

/* Compare two stored rows: which of two duplicates is kept. */
static int
rowcmp(const char *a, const char *b)
{
	const uint16_t *ha = (const uint16_t *)a, *hb = (const uint16_t *)b;
	int i, c;

	for (i = 0; i < ha[0] && i < hb[0]; i++)
		if ((c = strcmp(rowf(a, i), rowf(b, i))) != 0)
			return c;
	return (int)ha[0] - (int)hb[0];
}

static size_t
lead_letters(const char *s)
{
	size_t n = 0;

	while (((s[n] | 0x20) >= 'a' && (s[n] | 0x20) <= 'z'))
		n++;
	return n;
}

/*
 * An invoice's own early-payment discount terms: discount_percent and
 * discount_days, each when not empty, else --discount's.  Returns 0 when
 * it has none of its own, 1 with *bp and *days set, -1 when they cannot
 * be used (said in err): no discount for it then, and the row is kept.
 */
static int
own_terms(const struct ar_match *m, const struct ifile *f,
    struct ar_csv_reader *r, int *bp, int *days, struct ar_err *err)
{
	const char *ps = ar_csv_field(r, f->dpct), *ds = ar_csv_field(r,
	    f->ddays);
	int64_t x;

	*bp = m->o.disc_bp;
	*days = m->o.disc_days;
	if (*ps == '\0' && *ds == '\0')
		return 0;
	if (*ps != '\0') {
		if (ar_money_parse(ps, 2, 0, &x) != NULL || x < 0 || x > 10000) {
			ar_err_set(err, ar_csv_line(r), "discount_percent '%s': "
			    "expected a percentage from 0 to 100; no discount for "
			    "this invoice", ps);
			*bp = 0;
			return -1;
		}
		*bp = (int)x;
	}
	if (*ds != '\0') {
		if (ar_money_parse(ds, 0, 0, &x) != NULL || x < 0 || x > 3650) {
			ar_err_set(err, ar_csv_line(r), "discount_days '%s': "
			    "expected a number of days from 0 to 3650; no discount "
			    "for this invoice", ds);
			*bp = 0;
			return -1;
		}
		*days = (int)x;
	} else if (*bp > 0 && m->o.disc_bp == 0) {
		ar_err_set(err, ar_csv_line(r), "discount_percent '%s' without "
		    "discount_days, and no --discount to take the days from: no "
		    "discount for this invoice", ps);
		*bp = 0;
		return -1;
	}
	return 1;
}

enum ar_rc
ar_match_invoice(struct ar_match *m, struct ar_csv_reader *r,
    struct ar_err *err)
{
	struct ifile *f = &m->files[m->nfiles - 1];
	struct ar_item it;
	struct inv *v;
	size_t nf = ar_csv_nfields(r), i, total = 0, lead;
	uint16_t *h;
	char *row, *p;
	uint64_t hid;
	size_t pos = SIZE_MAX;
	uint32_t old = NONE, idx;
	int cur, dpct = 0, ddays = 0, own, said = 0;
	int64_t xd, xw;

	err->file = f->name;
	/* an invoice's number keys are inv << 2 | kind, below MM_MORE */
	if (m->ninv >= MAXINV) {
		ar_err_set(err, ar_csv_line(r), "more than %lu invoices: this "
		    "one and those after it are left out", (unsigned long)MAXINV);
		return AR_SKIP;
	}
	/* the table slots this row will read, fetched while it is parsed */
	hid = hashs(ar_csv_field(r, f->c.invoice_id));
	ht_prefetch(&m->id_tab, hid);
	if (f->c.customer_id >= 0)
		ht_prefetch(&m->cust_tab, hashs(ar_csv_field(r, f->c.customer_id)));
	if (ar_item_parse(&f->c, r, &it, err) != AR_OK)
		return AR_SKIP;
	if ((own = own_terms(m, f, r, &dpct, &ddays, err)) < 0)
		said = 1;
	xd = xw = 0;
	if ((f->xdisc >= 0 && *ar_csv_field(r, f->xdisc) != '\0' &&
	    ar_col_amount(r, f->xdisc, it.exp, &xd, err) != AR_OK) ||
	    (f->xwoff >= 0 && *ar_csv_field(r, f->xwoff) != '\0' &&
	    ar_col_amount(r, f->xwoff, it.exp, &xw, err) != AR_OK))
		return AR_SKIP;
	/* an open item of an earlier run adds up, or is not used */
	if (f->c.paid_amount >= 0 && f->c.open_amount >= 0 &&
	    (__int128)it.paid_amount + it.open_amount + xd + xw != it.amount) {
		ar_err_set(err, ar_csv_line(r), "amount %s is not paid_amount "
		    "plus open_amount plus discount_amount plus writeoff_amount: "
		    "row skipped", ar_csv_field(r, f->c.amount));
		return AR_SKIP;
	}
	if ((cur = curidx(m, it.currency, it.exp)) == NOCUR) {
		ar_err_set(err, ar_csv_line(r), "more than %d currencies", MAXCUR);
		return AR_SKIP;
	}
	for (i = 0; i < nf; i++)
		total += ar_csv_fieldlen(r, (int)i) + 1;
	if (total > 65535 || nf > 4096) {
		ar_err_set(err, ar_csv_line(r), "record too long (over 64 KiB)");
		return AR_SKIP;
	}
	row = pool_alloc(&m->pool, 2 + 2 * nf + total, 2);
	h = (uint16_t *)(void *)row;
	h[0] = (uint16_t)nf;
	p = row + 2 + 2 * nf;
	for (i = 0, total = 0; i < nf; i++) {
		size_t k = ar_csv_fieldlen(r, (int)i);

		h[1 + i] = (uint16_t)total;
		memcpy(p + total, ar_csv_field(r, (int)i), k + 1);
		total += k + 1;
	}

	/* a duplicate invoice_id: keep the row that sorts first */
	while (ht_next(&m->id_tab, hid, &pos, &idx))
		if (strcmp(inv_id(m, idx), it.invoice_id) == 0) {
			old = idx;
			break;
		}
	if (old != NONE) {
		struct inv *o = &m->inv[old];
		const char *ofile = m->files[o->file].name;

		if (rowcmp(row, o->row) >= 0) {
			ar_err_set(err, ar_csv_line(r), "duplicate invoice_id '%s' "
			    "(also %s:%lu): row skipped", it.invoice_id, ofile,
			    (unsigned long)o->line);
			return AR_SKIP;
		}
		/* the new row wins: report the old one */
		ar_err_set(err, (long)o->line, "duplicate invoice_id '%s' "
		    "(also %s:%ld): row skipped", it.invoice_id, f->name,
		    ar_csv_line(r));
		err->file = ofile;
		idx = old;
	} else {
		GROW(m->inv, m->ninv, m->capinv);
		GROWN(&m->pref, m->inv, m->ninv, m->capinv);
		idx = (uint32_t)m->ninv++;
		ht_put(&m->id_tab, hid, idx);
		m->nlive++;
	}
	v = &m->inv[idx];
	memset(v, 0, sizeof *v);
	v->row = row;
	v->file = (uint16_t)(m->nfiles - 1);
	v->line = (uint32_t)ar_csv_line(r);
	v->amount = it.amount;
	v->issue = it.issue_date;
	v->due = it.due_date;
	v->cur = (uint8_t)cur;
	v->flags = it.credit ? F_CREDIT : 0;
	v->disc_bp = (uint16_t)dpct;
	v->disc_days = (uint16_t)ddays;
	if (own != 0)
		v->flags |= F_OWNDISC;
	v->cust = NONE;
	v->cn_first = v->cn_next = NONE;
	if (*it.customer_id != '\0') {
		v->cust = cust_get(m, it.customer_id);
		cust_name(m, v->cust, it.customer_name, 0);
	}
	lead = lead_letters(it.invoice_id);
	if (lead > m->maxlead && lead <= 8)
		m->maxlead = lead;
	if (lead > 0 && lead <= 8)
		pset_add(&m->prefixes, pack_letters(it.invoice_id, lead));
	if (own > 0 && dpct > 0 && *ar_csv_field(r, f->dpct) != '\0') {
		if (m->ratecnt == NULL)
			m->ratecnt = ar_xcalloc(10001, sizeof *m->ratecnt);
		m->ratecnt[dpct]++;
	}
	inv_state(m, idx);
	m->ready = 0;
	return old != NONE || said ? AR_SKIP : AR_OK;
}

/* ---- indexes, built once the invoices are in ---- */

static ar_date
due_of(const struct inv *v)
{
	return v->due != AR_NODATE ? v->due : v->issue != AR_NODATE ? v->issue :
	    AR_DATE_MAX;
}

/* Allocation order: due date, issue date, invoice_id. */
static int
inv_order(const struct ar_match *m, uint32_t a, uint32_t b)
{
	const struct inv *x = &m->inv[a], *y = &m->inv[b];
	ar_date dx = due_of(x), dy = due_of(y);

	if (dx != dy)
		return dx < dy ? -1 : 1;
	if (x->issue != y->issue)
		return x->issue < y->issue ? -1 : 1;
	return strcmp(inv_id(m, a), inv_id(m, b));
}

/* Merge sort of invoice indices by inv_order (qsort has no context). */
static void
sort_inv(const struct ar_match *m, uint32_t *a, uint32_t *tmp, size_t n)
{
	size_t h = n / 2, i = 0, j = h, k = 0;

	if (n < 2)
		return;
	if (n <= 8) {
		for (i = 1; i < n; i++)
			for (j = i; j > 0 && inv_order(m, a[j - 1], a[j]) > 0; j--) {
				uint32_t t = a[j];

				a[j] = a[j - 1];
				a[j - 1] = t;
			}
		return;
	}
	sort_inv(m, a, tmp, h);
	sort_inv(m, a + h, tmp, n - h);
	if (inv_order(m, a[h - 1], a[h]) <= 0)
		return;
	while (i < h && j < n)
		tmp[k++] = inv_order(m, a[j], a[i]) < 0 ? a[j++] : a[i++];
	while (i < h)
		tmp[k++] = a[i++];
	while (j < n)
		tmp[k++] = a[j++];
	memcpy(a, tmp, n * sizeof *a);
}

static uint32_t
inv_find(const struct ar_match *m, const char *id)
{
	uint64_t h = hashs(id);
	size_t pos = SIZE_MAX;
	uint32_t v;

	while (ht_next(&m->id_tab, h, &pos, &v))
		if (strcmp(inv_id(m, v), id) == 0)
			return v;
	return NONE;
}

static uint32_t
word_find(const struct ar_match *m, const char *w, size_t n)
{
	uint64_t h = hash(w, n);
	size_t pos = SIZE_MAX;
	uint32_t v;

	while (ht_next(&m->word_tab, h, &pos, &v))
		if (strncmp(m->words[v], w, n) == 0 && m->words[v][n] == '\0')
			return v;
	return NONE;
}

static uint32_t
conf_find(const struct ar_match *m, const char *txn, size_t *pos)
{
	uint64_t h = hashs(txn);
	uint32_t v;

	*pos = SIZE_MAX;
	while (ht_next(&m->conf_tab, h, pos, &v))
		if (strcmp(m->conf[v].txn, txn) == 0)
			return v;
	return NONE;
}

/* Confirmed matches of a payment (head of their list) are used. */
static void
conf_use(struct ar_match *m, uint32_t head)
{
	for (; head != NONE; head = m->conf[head].next)
		m->conf[head].used = 1;
}

static uint32_t
hist_find(const struct ar_match *m, const char *txn, size_t *pos)
{
	uint64_t h = hashs(txn);
	uint32_t v;

	*pos = SIZE_MAX;
	while (ht_next(&m->hrow_tab, h, pos, &v))
		if (strcmp(m->hrow[v].txn, txn) == 0)
			return v;
	return NONE;
}

/*
 * The discount rates of the invoices the name rule tries: the MAXRATE
 * most used, ties to the lower rate, whatever the order of the rows.
 */
static void
pick_rates(struct ar_match *m)
{
	size_t i, j;

	m->ndbp = 0;
	if (m->ratecnt == NULL)
		return;
	for (i = 1; i <= 10000; i++) {
		if (m->ratecnt[i] == 0)
			continue;
		/* insert by count, descending; a later rate loses a tie */
		for (j = m->ndbp; j > 0 && m->ratecnt[m->dbp[j - 1]] <
		    m->ratecnt[i]; j--)
			if (j < MAXRATE)
				m->dbp[j] = m->dbp[j - 1];
		if (j < MAXRATE) {
			m->dbp[j] = (uint16_t)i;
			if (m->ndbp < MAXRATE)
				m->ndbp++;
		}
	}
}

/* The applications of earlier runs by txn_id, in the files' order. */
static void
hist_index(struct ar_match *m)
{
	size_t i, pos;
	uint32_t head;

	ht_init(&m->hrow_tab, m->nhrow + 64);
	for (i = m->nhrow; i-- > 0;)
		if ((head = hist_find(m, m->hrow[i].txn, &pos)) != NONE) {
			m->hrow[i].next = head;
			ht_setval(&m->hrow_tab, pos, (uint32_t)i);
		} else
			ht_put(&m->hrow_tab, hashs(m->hrow[i].txn), (uint32_t)i);
	ht_init(&m->hrev_tab, 64);
	for (i = 0; i < m->nhrow; i++)
		if (m->hrow[i].revof != NULL)
			ht_put(&m->hrev_tab, hash(m->hrow[i].revof,
			    strlen(m->hrow[i].revof)), (uint32_t)i);
}

/*
 * Was payment txn of an earlier run reversed in one (a -H reversal row
 * names it; a name cut at REVNAME bytes names every txn it starts)?
 */
static int
hist_reversed(const struct ar_match *m, const char *txn)
{
	size_t n = strlen(txn), pos = SIZE_MAX;
	uint32_t v;

	if (n > REVNAME)
		n = REVNAME;
	while (ht_next(&m->hrev_tab, hash(txn, n), &pos, &v))
		if (strncmp(m->hrow[v].revof, txn, n) == 0 &&
		    m->hrow[v].revof[n] == '\0')
			return 1;
	return 0;
}

struct pair {
	uint32_t w, c;
};

static int
pair_cmp(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;

	if (x->w != y->w)
		return x->w < y->w ? -1 : 1;
	return x->c < y->c ? -1 : x->c > y->c;
}

/* Words of the customers' names -> customers (postings). */
static void
build_words(struct ar_match *m)
{
	struct pair *pr = NULL;
	size_t np = 0, cap = 0, i, k;

	ht_init(&m->word_tab, m->ncust * 2 + 64);
	for (i = 0; i < m->ncust; i++) {
		const char *s = m->cust[i].name;
		s = m->cust[i].name;

		while (s != NULL && *s != '\0') {
			size_t n = strcspn(s, " ");
			uint32_t w;

			if (n >= 2) {
				if ((w = word_find(m, s, n)) == NONE) {
					GROW(m->words, m->nwords, m->capwords);
					m->words[m->nwords] = pool_str(&m->pool, s, n);
					ht_put(&m->word_tab, hash(s, n),
					    (uint32_t)m->nwords);
					w = (uint32_t)m->nwords++;
				}
				GROW(pr, np, cap);
				pr[np].w = w;
				pr[np++].c = (uint32_t)i;
			}
			s += n;
			while (*s == ' ')
				s++;
		}
	}
	if (np > 0)
		qsort(pr, np, sizeof *pr, pair_cmp);
	m->woff = ar_xcalloc(m->nwords + 1, sizeof *m->woff);
	m->wpost = ar_xcalloc(np ? np : 1, sizeof *m->wpost);
	for (i = 0, k = 0; i < np; i++) {
		if (k > 0 && pr[i].w == pr[i - 1].w && pr[i].c == pr[i - 1].c)
			continue;
		m->wpost[k++] = pr[i].c;
		m->woff[pr[i].w + 1] = (uint32_t)k;
	}
	for (i = 1; i <= m->nwords; i++)
		if (m->woff[i] < m->woff[i - 1])
			m->woff[i] = m->woff[i - 1];
	free(pr);
	/* each customer's two rarest words: a payer writes one of them */
	for (i = 0; i < m->ncust; i++) {
		const char *s = m->cust[i].name;
		uint8_t (*a)[2] = m->cust[i].anchor;
		uint32_t best[2] = { UINT32_MAX, UINT32_MAX };

		memset(a, 0, sizeof m->cust[i].anchor);
		while (s != NULL && *s != '\0') {
			size_t n = strcspn(s, " "), o = (size_t)(s - m->cust[i].name);
			uint32_t w, cnt;

			if (n >= 2 && o < 256 && n < 256 &&
			    (w = word_find(m, s, n)) != NONE) {
				cnt = m->woff[w + 1] - m->woff[w];
				if (cnt < best[0]) {
					best[1] = best[0];
					a[1][0] = a[0][0];
					a[1][1] = a[0][1];
					best[0] = cnt;
					a[0][0] = (uint8_t)o;
					a[0][1] = (uint8_t)n;
				} else if (cnt < best[1]) {
					best[1] = cnt;
					a[1][0] = (uint8_t)o;
					a[1][1] = (uint8_t)n;
				}
			}
			s += n;
			while (*s == ' ')
				s++;
		}
	}
}

/*
 * An item whose open amount has the other sign than its amount (an
 * invoice overpaid in place, a credit note over-refunded): money_out
 * then reads all of a customer's items, not only its credits.
 */
static void
odd_sign(struct ar_match *m, const struct inv *v)
{
	if (((v->amount >= 0 && v->open < 0) || (v->amount <= 0 &&
	    v->open > 0)) && v->cust != NONE)
		m->cust[v->cust].odd = 1;
}

/* Each customer's paid items counted; none set apart. */
static void
items_paid(struct ar_match *m)
{
	size_t i, k;

	for (i = 0; i < m->ncust; i++) {
		struct cust *cu = &m->cust[i];

		cu->ntot = cu->n;
		cu->npaid = 0;
		for (k = 0; k < cu->n; k++) {
			m->inv[m->citem[cu->first + k]].flags &= ~F_APART;
			if (m->inv[m->citem[cu->first + k]].open == 0)
				cu->npaid++;
		}
	}
}

/*
 * The items of a[0, n) kept (credits: a negative open amount; else not
 * paid) stay first, in allocation order still; the others go after them,
 * flagged and, with pos, their places noted (unapart brings one back).
 * Returns how many are kept.
 */
static size_t
set_apart(struct ar_match *m, uint32_t *a, size_t n, int credits,
    uint8_t flag, uint32_t *pos)
{
	size_t i, j = 0, k = 0;

	if (n > m->capapt) {
		m->capapt = n;
		m->apt = ar_xrealloc(m->apt, n * sizeof *m->apt);
	}
	for (i = 0; i < n; i++) {
		const struct inv *v = &m->inv[a[i]];

		if (credits ? v->open < 0 : v->open != 0)
			a[j++] = a[i];
		else {
			m->inv[a[i]].flags |= flag;
			m->apt[k++] = a[i];
		}
	}
	memcpy(a + j, m->apt, k * sizeof *a);
	for (i = 0; pos != NULL && i < k; i++)
		pos[m->apt[i]] = (uint32_t)(j + i);
	return j;
}

/*
 * An item of customer cu is paid (open amount 0).  When paid ones are
 * over half of its items, they are set apart after the open ones, so
 * that the rules, which read the open ones from the oldest, do not step
 * over them at every payment: one old invoice left open (disputed) must
 * not make each later payment read all those paid since.
 */
#define COMPACT_MIN	64
static void
cust_paid(struct ar_match *m, struct cust *cu)
{
	if (++cu->npaid <= COMPACT_MIN || cu->npaid <= cu->n / 2)
		return;
	if (m->capapos < m->ninv) {
		m->capapos = m->ninv;
		m->apos = ar_xrealloc(m->apos, m->capapos * sizeof *m->apos);
	}
	cu->n = (uint32_t)set_apart(m, m->citem + cu->first, cu->n, 0, F_APART,
	    m->apos);
	cu->skip = cu->npaid = 0;
}

/*
 * Item x, set apart in a[n, ntot) after a[0, n) in allocation order, back
 * in its place in a[0, n + 1): 1, or 0 if it is not there.  Its place
 * among those set apart is pos[x] when pos is given (kept here for the
 * one that moves), else it is looked for from both ends.
 */
static int
unapart(const struct ar_match *m, uint32_t *a, size_t n, size_t ntot,
    uint32_t x, uint32_t *pos)
{
	size_t i = n, j = ntot, lo = 0, hi = n, mid;

	if (pos != NULL && pos[x] >= n && pos[x] < ntot && a[pos[x]] == x)
		i = pos[x];
	else {
		while (i < j && a[i] != x && a[j - 1] != x)
			i++, j--;
		if (i >= j)
			return 0;
		if (a[i] != x)
			i = j - 1;
	}
	a[i] = a[n];
	if (pos != NULL)
		pos[a[i]] = (uint32_t)i;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (inv_order(m, a[mid], x) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	memmove(a + lo + 1, a + lo, (n - lo) * sizeof *a);
	a[lo] = x;
	return 1;
}

/*
 * Item x of customer cu is open again (a reversal): back among the open
 * ones, in its place in allocation order, when it was set apart.
 */
static void
cust_reopen(struct ar_match *m, struct cust *cu, uint32_t x)
{
	cu->skip = 0;
	if (!(m->inv[x].flags & F_APART)) {	/* among the open ones */
		cu->npaid--;
		return;
	}
	m->inv[x].flags &= ~F_APART;
	cu->n += unapart(m, m->citem + cu->first, cu->n, cu->ntot, x, m->apos);
}

static void count_credits(struct ar_match *);

/*
 * Each customer's invoices with credit notes (cnitem: netting_fits,
 * cn_pair) and its items of a negative amount, in allocation order
 * (negitem: money_out), from its items (citem) as first sorted.
 */
static void
build_credits(struct ar_match *m)
{
	size_t i, k, n;

	free(m->cnitem);
	free(m->negitem);
	/* the invoices with credit notes (ncn each), for netting_fits */
	for (i = 0, n = 0; i < m->ncust; i++) {
		m->cust[i].cnat = (uint32_t)n;
		n += m->cust[i].ncn;
		m->cust[i].ncn = 0;
	}
	m->cnitem = ar_xcalloc(n ? n : 1, sizeof *m->cnitem);
	for (i = 0; i < m->ninv; i++)
		if (m->inv[i].cn_first != NONE && m->inv[i].cust != NONE) {
			struct cust *c = &m->cust[m->inv[i].cust];

			m->cnitem[c->cnat + c->ncn++] = (uint32_t)i;
		}
	/* the credits (credit notes, an earlier run's unapplied money) */
	for (i = 0, n = 0; i < m->ncust; i++) {
		struct cust *c = &m->cust[i];

		c->negat = (uint32_t)n;
		for (c->nneg = 0, k = 0; k < c->n; k++)
			if (m->inv[m->citem[c->first + k]].amount < 0)
				c->nneg++;
		n += c->nneg;
	}
	m->negitem = ar_xcalloc(n ? n : 1, sizeof *m->negitem);
	for (i = 0; i < m->ncust; i++) {
		struct cust *c = &m->cust[i];

		for (n = 0, k = 0; k < c->n; k++)
			if (m->inv[m->citem[c->first + k]].amount < 0)
				m->negitem[c->negat + n++] = m->citem[c->first + k];
		c->nnegl = c->nneg;
	}
	for (i = 0; i < m->ninv; i++) {
		odd_sign(m, &m->inv[i]);
		m->inv[i].flags &= ~F_NEGAPART;
	}
	count_credits(m);
}

/*
 * The items of a negative open amount of each customer (ncredit), kept
 * by apply_row after this.
 */
static void
count_credits(struct ar_match *m)
{
	size_t i;

	for (i = 0; i < m->ncust; i++)
		m->cust[i].ncredit = 0;
	for (i = 0; i < m->ninv; i++)
		if (m->inv[i].open < 0 && m->inv[i].cust != NONE)
			m->cust[m->inv[i].cust].ncredit++;
}

/*
 * Customer cu's items of a negative amount that are credits no more
 * (paid, refunded) set apart after those that are, so that money out
 * does not read them again and again: the first nnegl stay in allocation
 * order.  neg_reopen puts one back when it is a credit again.
 */
static void
neg_apart(struct ar_match *m, struct cust *cu)
{
	cu->nnegl = (uint32_t)set_apart(m, m->negitem + cu->negat, cu->nnegl, 1,
	    F_NEGAPART, NULL);
}

/* Item x of a negative amount is a credit again: back in its place. */
static void
neg_reopen(struct ar_match *m, struct cust *cu, uint32_t x)
{
	if (!(m->inv[x].flags & F_NEGAPART))	/* not set apart */
		return;
	m->inv[x].flags &= ~F_NEGAPART;
	cu->nnegl += unapart(m, m->negitem + cu->negat, cu->nnegl, cu->nneg, x,
	    NULL);
}

/* Each customer's invoices, in allocation order. */
static void
build_items(struct ar_match *m)
{
	uint32_t *tmp;
	size_t i, n = 0;

	free(m->citem);
	m->citem = ar_xcalloc(m->ninv ? m->ninv : 1, sizeof *m->citem);
	for (i = 0; i < m->ncust; i++)
		m->cust[i].n = m->cust[i].skip = 0;
	for (i = 0; i < m->ninv; i++)
		if (m->inv[i].cust != NONE)
			m->cust[m->inv[i].cust].n++;
	for (i = 0; i < m->ncust; i++) {
		m->cust[i].first = (uint32_t)n;
		n += m->cust[i].n;
		m->cust[i].n = 0;
	}
	for (i = 0; i < m->ninv; i++)
		if (m->inv[i].cust != NONE) {
			struct cust *c = &m->cust[m->inv[i].cust];

			m->citem[c->first + c->n++] = (uint32_t)i;
		}
	tmp = ar_xcalloc(m->ninv ? m->ninv : 1, sizeof *tmp);
	for (i = 0; i < m->ncust; i++) {
		sort_inv(m, m->citem + m->cust[i].first, tmp, m->cust[i].n);
		m->cust[i].big = m->cust[i].n > SEARCH_ITEMS;
	}
	free(tmp);
	items_paid(m);
	build_credits(m);
}

/*
 * The invoice-number keys and references of every invoice: key_tab,
 * ref_tab, their filters, and each invoice's ktag and rtag.  Run on a
 * thread of its own while ready goes on: it reads the invoices' rows and
 * files and writes nothing else.
 */
static void *
text_index(void *arg)
{
	struct ar_match *m = arg;
	char key[AR_TK_N][AR_TEXTREF_KEYMAX + 1], ref[64];
	size_t len[AR_TK_N], i, j, k, end, nk;
	uint64_t kh[CHUNK * (AR_TK_N + 1)];
	uint32_t kv[CHUNK * (AR_TK_N + 1)];

	ht_init(&m->key_tab, m->ninv * 4 + 64);
	ht_init(&m->ref_tab, m->ninv + 64);
	free(m->knext);
	free(m->rnext);
	m->knext = ar_xmalloc((m->ninv * 4 + 1) * sizeof *m->knext);
	m->rnext = ar_xmalloc((m->ninv + 1) * sizeof *m->rnext);
	bloom_init(&m->key_bloom, m->ninv * 4);
	bloom_init(&m->ref_bloom, m->ninv);
	/*
	 * The keys of a chunk of invoices, their slots fetched, then
	 * inserted; the last first, so that a key's invoices come in the
	 * order they were read (mm_next gives the last put first), the
	 * order hit_add has least work with.
	 */
	for (end = m->ninv; end > 0; end = j) {
		j = end > CHUNK ? end - CHUNK : 0;
		for (i = j, nk = 0; i < end; i++) {
			struct inv *v = &m->inv[i];
			const struct ifile *f = &m->files[v->file];
			uint64_t h;

			ar_textref_keys(inv_id(m, (uint32_t)i), key, len);
			for (k = 0; k < AR_TK_N; k++)
				if (len[k] > 0) {
					h = hash(key[k], len[k]);
					v->ktag[k] = (uint32_t)h;
					ht_prefetch(&m->key_tab, h);
					__builtin_prefetch(&m->key_bloom.w[(h >> 12) &
					    m->key_bloom.mask]);
					kh[nk] = h;
					kv[nk++] = (uint32_t)i << 2 | (uint32_t)k;
				}
			if ((k = alnum_upper(rowf(v->row, f->c.reference), ref,
			    sizeof ref)) > 0) {
				h = hash(ref, k);
				v->rtag = (uint32_t)h;
				ht_prefetch(&m->ref_tab, h);
				__builtin_prefetch(&m->ref_bloom.w[(h >> 12) &
				    m->ref_bloom.mask]);
				kh[nk] = h;
				kv[nk++] = (uint32_t)i | 0x80000000u;	/* a reference */
			}
		}
		for (k = nk; k-- > 0; ) {
			int isref = (kv[k] & 0x80000000u) != 0;

			bloom_add(isref ? &m->ref_bloom : &m->key_bloom, kh[k]);
			if (isref)
				mm_put(&m->ref_tab, m->rnext, kh[k],
				    kv[k] & 0x7fffffffu);
			else
				mm_put(&m->key_tab, m->knext, kh[k], kv[k]);
		}
	}
	return NULL;
}

/*
 * The indexes, once the invoices are in; amounts: the amount index too
 * (amt_index), built while text_index runs.
 */
static void
ready(struct ar_match *m, int amounts)
{
	pthread_t th;
	size_t i;
	int threaded;

	if (m->ready) {
		if (amounts)
			amt_index(m);
		return;
	}
	m->ready = 1;
	m->pool.pf = NULL;
	threaded = pthread_create(&th, NULL, text_index, m) == 0;
	if (!threaded)
		(void)text_index(m);
	for (i = 0; i < m->ninv; i++) {
		struct inv *v = &m->inv[i];
		const struct ifile *f = &m->files[v->file];
		const char *b;
		uint32_t t;

		/*
		 * a credit note and the invoice it corrects, of one customer
		 * and one currency: no other is ever netted with it, and a
		 * chain of them would be walked for nothing at every reading
		 */
		if ((v->flags & F_CREDIT) && *(b = rowf(v->row, f->bref)) != '\0' &&
		    (t = inv_find(m, b)) != NONE && t != i &&
		    !(m->inv[t].flags & F_CREDIT) && m->inv[t].cust == v->cust &&
		    m->inv[t].cur == v->cur) {
			if (m->inv[t].cn_first == NONE && m->inv[t].cust != NONE)
				m->cust[m->inv[t].cust].ncn++;
			v->cn_next = m->inv[t].cn_first;
			m->inv[t].cn_first = (uint32_t)i;
		}
	}
	build_items(m);
	build_words(m);
	/* IBANs taught by earlier matches */
	for (i = 0; i < m->nteach; i++) {
		uint32_t c = NONE, t;

		if (*m->teach[i].cust != '\0')
			c = cust_find(m, m->teach[i].cust);
		else if ((t = inv_find(m, m->teach[i].inv)) != NONE)
			c = m->inv[t].cust;
		if (c != NONE)
			iban_put(m, &m->iban_tab, &m->ibans, &m->nibans,
			    &m->capibans, m->teach[i].iban, c);
	}
	/* confirmed matches by txn_id, in the file's order */
	ht_init(&m->conf_tab, m->nconf + 64);
	for (i = m->nconf; i-- > 0;) {
		size_t pos;
		uint32_t head = conf_find(m, m->conf[i].txn, &pos);

		if (head != NONE) {
			m->conf[i].next = head;
			ht_setval(&m->conf_tab, pos, (uint32_t)i);
		} else
			ht_put(&m->conf_tab, hashs(m->conf[i].txn), (uint32_t)i);
	}
	hist_index(m);
	pick_rates(m);
	if (amounts)
		amt_index(m);
	if (threaded)
		pthread_join(th, NULL);
}

/* ---- amounts ---- */

static uint64_t
amt_hash(int cur, int64_t a, const char *word, size_t wlen)
{
	char b[16 + AR_TEXTREF_NAMEMAX];

	memcpy(b, &a, 8);
	memcpy(b + 8, &cur, sizeof cur);
	if (wlen > AR_TEXTREF_NAMEMAX)
		wlen = AR_TEXTREF_NAMEMAX;
	memcpy(b + 8 + sizeof cur, word, wlen);
	return hash(b, 8 + sizeof cur + wlen);
}

static void
ai_free(struct aindex *a)
{
	free(a->s);
	free(a->bloom.w);
	free(a->n);
	memset(a, 0, sizeof *a);
}

/*
 * Empty the index for about want keys and nodes entries: the nodes in
 * one allocation of the size growing one at a time would reach.
 */
static void
ai_reset(struct aindex *a, size_t want, size_t nodes)
{
	size_t cap = 64;
	int bits = 6;

	while (cap < want * 2) {
		cap *= 2;
		bits++;
	}
	free(a->s);
	a->s = big_alloc(cap * sizeof *a->s, 1);
	a->cap = cap;
	a->used = 0;
	a->shift = 64 - bits;
	bloom_init(&a->bloom, want * 2);
	a->nn = 0;
	if (nodes > a->capn) {
		for (cap = a->capn ? a->capn : 64; cap < nodes; cap *= 2)
			;
		a->n = ar_xrealloc(a->n, cap * sizeof *a->n);
		huge_hint(a->n, cap * sizeof *a->n);
		a->capn = cap;
	}
}

static size_t
ai_home(const struct aindex *a, uint64_t h)
{
	return (size_t)((h * 0x9E3779B97F4A7C15ULL) >> a->shift);
}

static void
ai_prefetch(const struct aindex *a, uint64_t h)
{
	__builtin_prefetch(&a->s[ai_home(a, h | 1)]);
	__builtin_prefetch(&a->bloom.w[(h >> 12) & a->bloom.mask]);
}

/*
 * The list head of key h, made when add is set; NULL if there is none.
 * The pointer is good until the next key is added.
 */
static uint32_t *
ai_head(struct aindex *a, uint64_t h, int add)
{
	size_t j;

	if (!add && !bloom_has(&a->bloom, h))
		return NULL;
	h |= 1;
	for (j = ai_home(a, h); a->s[j].h != 0; j = (j + 1) & (a->cap - 1))
		if (a->s[j].h == h)
			return &a->s[j].head;
	if (!add)
		return NULL;
	if ((a->used + 1) * 2 > a->cap) {
		struct aslot *old = a->s;
		size_t i, cap = a->cap;

		a->s = big_alloc(cap * 2 * sizeof *a->s, 1);
		a->cap = cap * 2;
		a->shift--;
		for (i = 0; i < cap; i++)
			if (old[i].h != 0) {
				for (j = ai_home(a, old[i].h); a->s[j].h != 0;
				    j = (j + 1) & (a->cap - 1))
					;
				a->s[j] = old[i];
			}
		free(old);
		for (j = ai_home(a, h); a->s[j].h != 0; j = (j + 1) & (a->cap - 1))
			;
	}
	a->s[j].h = h;
	a->s[j].head = NONE;
	a->used++;
	return &a->s[j].head;
}

static void
ai_add(struct aindex *a, uint64_t h, uint32_t inv, uint32_t gen)
{
	uint32_t *head;

	bloom_add(&a->bloom, h);
	head = ai_head(a, h, 1);
	GROW(a->n, a->nn, a->capn);
	a->n[a->nn].inv = inv;
	a->n[a->nn].gen = gen;
	a->n[a->nn].next = *head;
	*head = (uint32_t)a->nn++;
}

/*
 * The next invoice of a list that still has this open amount, dropping
 * the stale entries before it; *link starts at the list head.
 */
static uint32_t
ai_next(struct ar_match *m, struct aindex *a, uint32_t **link, int cur,
    int64_t amt)
{
	while (**link != NONE) {
		struct anode *n = &a->n[**link];
		const struct inv *v = &m->inv[n->inv];

		if (v->open == amt && v->cur == cur && n->gen == v->agen) {
			*link = &n->next;
			return n->inv;
		}
		**link = n->next;	/* stale: unlink */
	}
	return NONE;
}

/*
 * The key of an amount and a word of a name with the first letter of
 * another ("JANSEN" and "J" for Jan Jansen): selective enough that few
 * invoices share one.
 */
static uint64_t
name_key(int cur, int64_t amt, const char *w, size_t n, int initial)
{
	char b[AR_TEXTREF_NAMEMAX + 2];

	if (n > AR_TEXTREF_NAMEMAX)
		n = AR_TEXTREF_NAMEMAX;
	memcpy(b, w, n);
	b[n] = ' ';
	b[n + 1] = (char)initial;
	return amt_hash(cur, amt, b, n + 2);
}

/*
 * The keys an open invoice is indexed under: its amount; and its amount
 * with each of the two rarest words of its customer's name and the
 * initial of the other (one key when the name has one word).  Returns
 * how many.
 */
static size_t
amt_keys(const struct ar_match *m, uint32_t i, uint64_t *h)
{
	const struct inv *v = &m->inv[i];
	const uint8_t (*a)[2];
	const char *s;
	size_t n = 0;

	if (v->open <= 0)
		return 0;
	h[n++] = amt_hash(v->cur, v->open, "", 0);
	if (v->cust == NONE || (s = m->cust[v->cust].name) == NULL)
		return n;
	a = m->cust[v->cust].anchor;
	if (a[0][1] == 0)
		return n;
	if (a[1][1] == 0) {
		h[n++] = name_key(v->cur, v->open, s + a[0][0], a[0][1], 0);
		return n;
	}
	h[n++] = name_key(v->cur, v->open, s + a[0][0], a[0][1], s[a[1][0]]);
	h[n++] = name_key(v->cur, v->open, s + a[1][0], a[1][1], s[a[0][0]]);
	return n;
}

/*
 * The key of an open invoice of a big customer in by_camt: its customer
 * and amount.  An IBAN payment of such a customer finds the invoices of
 * its amount there, not among those of every customer (a subscription
 * book: thousands of invoices of 25.00).
 */
static uint64_t
camt_key_of(int cur, int64_t amt, uint32_t c)
{
	return amt_hash(cur, amt, (const char *)&c, sizeof c);
}

static uint64_t
camt_key(const struct inv *v)
{
	return camt_key_of(v->cur, v->open, v->cust);
}

/* Is invoice i, open, in by_camt? */
static int
camt_of(const struct ar_match *m, uint32_t i)
{
	const struct inv *v = &m->inv[i];

	return v->open > 0 && v->cust != NONE && m->cust[v->cust].big;
}

/* Index an open invoice: when its open amount has changed. */
static void
amt_add(struct ar_match *m, uint32_t i)
{
	uint64_t h[3];
	size_t n = amt_keys(m, i, h), k;

	m->inv[i].agen++;	/* its entries made before are stale */
	for (k = 0; k < n; k++)
		ai_add(k == 0 ? &m->by_amt : &m->by_word, h[k], i,
		    m->inv[i].agen);
	if (n > 0 && camt_of(m, i))
		ai_add(&m->by_camt, camt_key(&m->inv[i]), i, m->inv[i].agen);
}

/* How many keys with a word of the name amt_keys gives an open invoice. */
static size_t
amt_nwords(const struct ar_match *m, const struct inv *v)
{
	const struct cust *cu;

	if (v->open <= 0 || v->cust == NONE ||
	    (cu = &m->cust[v->cust])->name == NULL || cu->anchor[0][1] == 0)
		return 0;
	return cu->anchor[1][1] == 0 ? 1 : 2;
}

/*
 * Index the open invoices.  A first pass counts the keys and estimates
 * how many amounts are distinct (many invoices share an amount): bits of
 * a bitmap four times larger set by the amounts' hashes; ones * bits /
 * zeros bounds the linear-counting estimate -bits * ln(zeros / bits)
 * from above, within an eighth at this load.  The tables are sized once
 * from that (they still grow if it falls short); then the keys of a
 * chunk of invoices are made, their slots fetched, and inserted.
 */
static void
amt_index(struct ar_match *m)
{
	uint64_t h[CHUNK * 3], *bits, x;
	uint32_t who[CHUNK * 3];
	size_t i, j, k, c, n, end, na = 0, nw = 0, nbits = 128, ones = 0, want;

	while (nbits < 4 * m->ninv)
		nbits *= 2;
	bits = ar_xcalloc(nbits / 64, sizeof *bits);
	for (i = 0; i < m->ninv; i++) {
		const struct inv *v = &m->inv[i];

		if (v->open <= 0)
			continue;
		x = amt_hash(v->cur, v->open, "", 0);
		bits[(x >> 6) & (nbits / 64 - 1)] |= (uint64_t)1 << (x & 63);
		na++;
		nw += amt_nwords(m, v);
	}
	for (i = 0; i < nbits / 64; i++)
		ones += (size_t)__builtin_popcountll(bits[i]);
	free(bits);
	want = ones < nbits / 2 ? ones * (nbits / 64) / ((nbits - ones) / 64) :
	    na;
	ai_reset(&m->by_amt, (want < na ? want : na) + 64, na);
	ai_reset(&m->by_word, nw + 64, nw);
	for (j = 0; j < m->ninv; j = end) {
		end = m->ninv - j > CHUNK ? j + CHUNK : m->ninv;
		for (i = j, n = 0; i < end; i++) {
			c = amt_keys(m, (uint32_t)i, h + n);
			for (k = 0; k < c; k++) {
				who[n + k] = (uint32_t)i | (k > 0 ? 0x80000000u : 0);
				ai_prefetch(k > 0 ? &m->by_word : &m->by_amt,
				    h[n + k]);
			}
			n += c;
		}
		for (k = 0; k < n; k++)
			ai_add(who[k] & 0x80000000u ? &m->by_word : &m->by_amt,
			    h[k], who[k] & 0x7fffffffu,
			    m->inv[who[k] & 0x7fffffffu].agen);
	}
	for (i = 0, n = 0; i < m->ninv; i++)
		n += (size_t)camt_of(m, (uint32_t)i);
	ai_reset(&m->by_camt, n + 64, n);
	for (i = 0; i < m->ninv; i++)
		if (camt_of(m, (uint32_t)i))
			ai_add(&m->by_camt, camt_key(&m->inv[i]), (uint32_t)i,
			    m->inv[i].agen);
}

/* Beyond what is read (AR_AMOUNT_MAX): a history amount. */
static int
too_big(int64_t a)
{
	return a > AR_AMOUNT_MAX || a < -AR_AMOUNT_MAX;
}

/* a + b, clamped (amounts this large are not invoices anyway) */
static int64_t
sadd(int64_t a, int64_t b)
{
	int64_t r;

	if (__builtin_add_overflow(a, b, &r))
		return a > 0 ? INT64_MAX : INT64_MIN;
	return r;
}

/*
 * a * bp / 10000 (bp in hundredths of a percent, at most 10000), rounded
 * half up when half is set; in 128 bits, as a * bp may not fit in 64.
 */
static int64_t
bp_of(int64_t a, int bp, int half)
{
	return (int64_t)(((__int128)a * bp + (half ? 5000 : 0)) / 10000);
}

/* Does an invoice allow an early-payment discount when paid on day d? */
static int
disc_may(const struct ar_match *m, const struct inv *v, ar_date d)
{
	int own = (v->flags & F_OWNDISC) != 0;
	int bp = own ? v->disc_bp : m->o.disc_bp;
	int days = own ? v->disc_days : m->o.disc_days;

	return !(bp == 0 || (v->flags & F_CREDIT) || v->open != v->amount ||
	    v->amount <= 0 || v->amount > SEARCH_MAX || v->issue == AR_NODATE ||
	    d > v->issue + days);
}

/*
 * The early-payment discount an invoice allows when paid on day d, on
 * base: its amount, or its amount less the credit notes netted with it.
 */
static int64_t
disc_on(const struct ar_match *m, const struct inv *v, ar_date d,
    int64_t base)
{
	int own = (v->flags & F_OWNDISC) != 0;
	int bp = own ? v->disc_bp : m->o.disc_bp;

	if (!disc_may(m, v, d) || base <= 0 || base > v->amount)
		return 0;
	return bp_of(base, bp, 1);
}

static int64_t
disc_of(const struct ar_match *m, const struct inv *v, ar_date d)
{
	return disc_on(m, v, d, v->amount);
}

/* The tolerance around a target amount. */
static int64_t
tol_of(const struct ar_match *m, int64_t target, int exp)
{
	int64_t t = 0, a = target < 0 ? -target : target;
	int e;

	if (m->o.tol_micro > 0) {
		t = m->o.tol_micro;
		for (e = exp; e < 6; e++)
			t /= 10;
		for (e = 6; e < exp; e++)
			t = t > INT64_MAX / 10 ? INT64_MAX : t * 10;
	}
	if (m->o.tol_bp > 0 && a <= SEARCH_MAX) {
		int64_t p = bp_of(a, m->o.tol_bp, 0);

		if (p > t)
			t = p;
	}
	return t;
}

/*
 * Sets of exactly k of the amounts a[0..n) that sum to target: 0, 1, 2
 * (two or more), or -1 when the search ran out of budget first.  The
 * first set found is left in sol (indices into a).
 */
struct ks {
	const int64_t *a;
	uint32_t *ord;		/* indices by amount, largest first */
	int64_t *pre;		/* prefix sums in that order */
	size_t n, k;
	uint32_t cur[MAXK], sol[MAXK];
	int found;
	long budget;
};

static void
ks_dfs(struct ks *s, size_t i, size_t left, int64_t need)
{
	size_t j;

	if (left == 0) {
		if (need == 0 && s->found++ == 0)
			memcpy(s->sol, s->cur, s->k * sizeof *s->cur);
		return;
	}
	for (j = i; j + left <= s->n && s->found < 2; j++) {
		if (--s->budget < 0)
			return;
		/* the largest and the smallest sums still possible */
		if (s->pre[j + left] - s->pre[j] < need)
			return;
		if (s->pre[s->n] - s->pre[s->n - left] > need)
			return;
		if (left == 1) {
			if (s->a[s->ord[j]] == need) {
				s->cur[s->k - 1] = s->ord[j];
				if (s->found++ == 0)
					memcpy(s->sol, s->cur, s->k * sizeof *s->cur);
			}
			continue;
		}
		s->cur[s->k - left] = s->ord[j];
		ks_dfs(s, j + 1, left - 1, need - s->a[s->ord[j]]);
	}
}

static int
ks_cmp_desc(const int64_t *a, uint32_t x, uint32_t y)
{
	return a[x] > a[y] ? -1 : a[x] < a[y] ? 1 : x < y ? -1 : x > y;
}

static int
ksum(struct ar_match *m, const int64_t *a, size_t n, size_t k,
    int64_t target, uint32_t *sol, long *budget)
{
	uint32_t *ord = m->ks_ord;
	int64_t *pre = m->ks_pre;
	struct ks s;
	size_t i, j;

	if (n > MAXSET)
		return -1;	/* not all weighed: none known to be the one */
	if (k == 0 || k > MAXK || k > n || target > SEARCH_MAX * MAXK ||
	    target < -SEARCH_MAX * MAXK)
		return 0;
	for (i = 0; i < n; i++) {
		uint32_t t = (uint32_t)i;

		for (j = i; j > 0 && ks_cmp_desc(a, t, ord[j - 1]) < 0; j--)
			ord[j] = ord[j - 1];
		ord[j] = t;
	}
	pre[0] = 0;
	for (i = 0; i < n; i++)
		pre[i + 1] = pre[i] + a[ord[i]];
	memset(&s, 0, sizeof s);
	s.a = a;
	s.ord = ord;
	s.pre = pre;
	s.n = n;
	s.k = k;
	s.budget = *budget;
	ks_dfs(&s, 0, k, target);
	*budget = s.budget;
	if (s.found > 0)
		memcpy(sol, s.sol, k * sizeof *sol);
	if (s.budget < 0 && s.found < 2)
		return -1;
	return s.found > 2 ? 2 : s.found;
}

/*
 * Sets of a customer's invoices that one payment may pay together:
 * invoices never paid in part, issued within SPAN days of each other (and
 * of the invoices the payment names), each with or without the open
 * credit notes that correct it.  Counts the sets whose total is the
 * target (up to two: a tie) and those that come within near of it
 * without being it: when there are such, an exact total says little.
 */
#define SPAN	62
#define MAXCN	6
/*
 * Sets within NEARUNITS currency units of the amount, exact ones aside,
 * measure how crowded the sums are: with n of them an exact total happens
 * by chance about n / (2 * NEARUNITS * 100) of the time (for cents).
 * More than NEARMAX (about 1 in 1000) and an exact total proves nothing.
 */
#define NEARUNITS	10
#define NEARMAX		2

struct sset {
	struct ar_match *m;
	const uint32_t *it;		/* candidates, by issue date */
	size_t n;
	int64_t target, near;
	size_t kmax, minitems;
	ar_date lo, hi;			/* issue dates of the named invoices */
	const uint32_t *xcn;		/* credit notes always on offer */
	size_t nxcn;
	int64_t xcredit;		/* their total (negative) */
	uint32_t pick[MAXK], sol[MAXK + MAXCN], sol2[MAXK + MAXCN];
	size_t npick, nsol, nsol2;	/* sol2: the second set found */
	int found;
	long nnear, budget;
	int64_t (*top)[MAXK];		/* the largest amounts from each on */
};

static int
cn_ok(const struct ar_match *m, uint32_t x, int cur)
{
	const struct inv *v = &m->inv[x];

	return v->open < 0 && v->open == v->amount && v->cur == cur;
}

/*
 * Is y an open credit note of customer c in currency cur, issued by day
 * d?
 */
static int
cn_of(const struct ar_match *m, uint32_t y, uint32_t c, int cur, ar_date d)
{
	return cn_ok(m, y, cur) && m->inv[y].cust == c &&
	    m->inv[y].issue != AR_NODATE && m->inv[y].issue <= d;
}

/*
 * The credit notes (cn_of) that correct invoice x, in total (zero or
 * negative).
 */
static int64_t
cust_cn(const struct ar_match *m, uint32_t x, uint32_t c, int cur, ar_date d)
{
	int64_t t = 0;
	uint32_t y;

	for (y = m->inv[x].cn_first; y != NONE; y = m->inv[y].cn_next)
		if (cn_of(m, y, c, cur, d))
			t += m->inv[y].open;
	return t;
}

/* The open credit notes of an invoice, in total (zero or negative). */
static int64_t
cn_credit(const struct ar_match *m, uint32_t x, int cur)
{
	int64_t t = 0;
	uint32_t y;

	for (y = m->inv[x].cn_first; y != NONE; y = m->inv[y].cn_next)
		if (cn_ok(m, y, cur))
			t += m->inv[y].open;
	return t;
}

static void
ss_leaf(struct sset *s, int64_t sum)
{
	struct ar_match *m = s->m;
	uint32_t cn[MAXCN];
	size_t nc = 0, i, mask, k;
	int cur = m->inv[s->npick ? s->pick[0] : s->xcn[0]].cur;

	for (i = 0; i < s->nxcn && nc < MAXCN; i++)
		cn[nc++] = s->xcn[i];
	for (i = 0; i < s->npick; i++) {
		uint32_t y;

		for (y = m->inv[s->pick[i]].cn_first; y != NONE && nc < MAXCN;
		    y = m->inv[y].cn_next)
			if (cn_ok(m, y, cur))
				cn[nc++] = y;
	}
	for (mask = 0; mask < (size_t)1 << nc; mask++) {
		int64_t t = sum;
		size_t items = s->npick;

		for (k = 0; k < nc; k++)
			if (mask & (size_t)1 << k) {
				t += m->inv[cn[k]].open;
				items++;
			}
		if (items < s->minitems)
			continue;
		if (t == s->target) {
			uint32_t *sol = s->found == 0 ? s->sol : s->sol2;
			size_t *nsol = s->found == 0 ? &s->nsol : &s->nsol2;

			if (s->found++ < 2) {
				memcpy(sol, s->pick, s->npick * sizeof *s->pick);
				*nsol = s->npick;
				for (k = 0; k < nc; k++)
					if (mask & (size_t)1 << k)
						sol[(*nsol)++] = cn[k];
			}
		} else if (t - s->target <= s->near && s->target - t <= s->near)
			s->nnear++;
	}
}

static void
ss_dfs(struct sset *s, size_t i, int64_t sum, ar_date lo)
{
	size_t j;

	if (s->npick + s->nxcn > 0)
		ss_leaf(s, sum);
	if (s->npick == s->kmax || (s->found >= 2 && s->nnear > NEARMAX))
		return;
	/* the most the picks left can add does not come near: nothing will */
	if (s->top != NULL) {
		int64_t most = sum;

		for (j = 0; j < s->kmax - s->npick; j++)
			most += s->top[i][j];
		if (most < s->target - s->near)
			return;
	}
	for (j = i; j < s->n; j++) {
		const struct inv *v = &s->m->inv[s->it[j]];
		ar_date l = lo == AR_NODATE || v->issue < lo ? v->issue : lo;
		ar_date h = s->hi == AR_NODATE || v->issue > s->hi ? v->issue :
		    s->hi;

		if (--s->budget < 0)
			return;
		if (v->issue == AR_NODATE)
			continue;
		if (h - l > SPAN) {
			if (v->issue > s->hi || s->hi == AR_NODATE)
				break;		/* later ones are later still */
			continue;
		}
		/* what it adds at least, with its credit notes, stays added */
		if (sum + v->open + cn_credit(s->m, s->it[j], v->cur) +
		    s->xcredit > s->target + s->near)
			continue;
		s->pick[s->npick++] = s->it[j];
		ss_dfs(s, j + 1, sum + v->open, l);
		s->npick--;
	}
}

/*
 * Returns 1 with the set in out (*nout items) when exactly one set fits
 * and none comes near; 2 for a tie; 3 when other sets come near; 0 when
 * none fits; -1 when the search ran out of budget.
 */
static int
sset_find(struct ar_match *m, const uint32_t *it, size_t n, int64_t target,
    int exp, size_t minitems, ar_date lo, ar_date hi, const uint32_t *xcn,
    size_t nxcn, uint32_t *out, size_t *nout, uint32_t *out2, size_t *nout2)
{
	int64_t top[SEARCH_ITEMS + 1][MAXK];
	struct sset s;
	int e;

	memset(&s, 0, sizeof s);
	s.m = m;
	s.it = it;
	s.n = n;
	s.target = target;
	for (s.near = NEARUNITS, e = 0; e < exp; e++)
		s.near *= 10;
	s.kmax = MAXK;
	s.minitems = minitems;
	s.lo = lo;
	s.hi = hi;
	s.xcn = xcn;
	s.nxcn = nxcn > MAXCN ? MAXCN : nxcn;
	for (e = 0; e < (int)s.nxcn; e++)
		s.xcredit += m->inv[xcn[e]].open;
	s.budget = BUDGET;
	/* credit notes only take off: the invoices' largest bound a set */
	if (n <= SEARCH_ITEMS) {
		size_t j, q;

		s.top = top;
		memset(top[n], 0, sizeof top[n]);
		for (j = n; j-- > 0;) {
			int64_t a = m->inv[it[j]].open;

			memcpy(top[j], top[j + 1], sizeof top[j]);
			for (q = 0; q < MAXK && top[j][q] >= a; q++)
				;
			if (q < MAXK) {
				memmove(&top[j][q + 1], &top[j][q],
				    (MAXK - 1 - q) * sizeof top[j][q]);
				top[j][q] = a;
			}
		}
	}
	ss_dfs(&s, 0, 0, lo);
	if (s.found > 0) {
		memcpy(out, s.sol, s.nsol * sizeof *out);
		*nout = s.nsol;
	}
	if (s.found > 1 && out2 != NULL) {
		memcpy(out2, s.sol2, s.nsol2 * sizeof *out2);
		*nout2 = s.nsol2;
	}
	if (s.budget < 0 && s.found < 2)
		return -1;
	if (s.found >= 2)
		return 2;
	if (s.found == 1)
		return s.nnear > NEARMAX ? 3 : 1;
	return 0;
}

/* ---- payments: records ---- */

const char *
ar_match_payments_open(struct ar_match *m, struct ar_csv_reader *r)
{
	const char *miss;
	size_t i, n = ar_csv_ncols(r);

	if ((miss = ar_pay_cols_find(&m->pc, r)) != NULL)
		return miss;
	m->pfile = pool_str(&m->pool, ar_csv_name(r), strlen(ar_csv_name(r)));
	m->pcols = ar_xcalloc(n ? n : 1, sizeof *m->pcols);
	for (i = 0; i < n; i++)
		m->pcols[i] = ar_xstrdup(ar_csv_colname(r, i));
	m->npcols = n;
	m->pr = r;
	if (ar_csv_rewindable(r))
		ar_recsort_replayable(m->sorter);
	m->ucolv = ar_xcalloc(n + NUCOLS, sizeof *m->ucolv);
	for (i = 0; i < n; i++)
		m->ucolv[i] = m->pcols[i];
	for (i = 0; i < NUCOLS; i++)
		m->ucolv[n + i] = ucols[i];
	m->pf = ar_xcalloc(n ? n : 1, sizeof *m->pf);
	m->ufields = ar_xcalloc(n + NUCOLS, sizeof *m->ufields);
	ready(m, 1);
	/*
	 * A book's payments are about as many as its invoices: their
	 * tables made that size at once, not grown by doubling.
	 */
	if (m->txn_tab.s == NULL) {
		ht_init(&m->txn_tab, m->ninv);
		ht_init(&m->pair_tab, m->ninv);
	}
	return NULL;
}

const char *const *
ar_match_unmatched_cols(const struct ar_match *m, size_t *n)
{
	if (m->ucolv == NULL) {
		*n = NUCOLS;
		return ucols;
	}
	*n = m->npcols + NUCOLS;
	return m->ucolv;
}

/*
 * The record of the payment read (a struct prec, its fields after it)
 * handed to the sorter.  again: read a second time (pay_replay), what
 * it says was said the first time.
 */
static enum ar_rc
pay_add(struct ar_match *m, struct ar_csv_reader *r, int again,
    struct ar_err *err)
{
	struct ar_pay p;
	struct prec *h;
	size_t nf = ar_csv_nfields(r), i, len, off;
	uint32_t *offs;

	if (ar_pay_parse(&m->pc, r, &p, err) != AR_OK)
		return AR_SKIP;
	if (m->o.as_of != AR_NODATE && p.booking_date > m->o.as_of) {
		size_t pos;
		uint32_t head;

		if (again)
			return AR_OK;
		head = conf_find(m, ar_csv_field(r, m->pc.txn_id), &pos);
		m->st.later++;
		if (head != NONE) {	/* the worker may be in conf[] now */
			GROW(m->later, m->nlater, m->caplater);
			m->later[m->nlater++] = head;
		}
		return AR_OK;
	}
	len = sizeof *h + 4 * nf;
	for (i = 0; i < nf; i++)
		len += ar_csv_fieldlen(r, (int)i) + 1;
	len = (len + 7) & ~(size_t)7;
	if (nf > UINT16_MAX || len > UINT32_MAX) {
		ar_err_set(err, ar_csv_line(r), "record too long (over %s)",
		    nf > UINT16_MAX ? "65,535 fields" : "4 GiB");
		return AR_SKIP;
	}
	if (len > m->reccap) {
		m->reccap = len * 2;
		free(m->rec);
		m->rec = ar_xmalloc(m->reccap);
	}
	memset(m->rec, 0, len);
	h = (struct prec *)(void *)m->rec;
	h->len = (uint32_t)len;
	h->book = p.booking_date;
	h->value = p.value_date;
	h->line = (uint32_t)ar_csv_line(r);
	h->amount = p.amount;
	h->nf = (uint16_t)nf;
	h->exp = (uint8_t)p.exp;
	h->cls = p.reversal ? 2 : p.amount < 0 ? 1 : 0;
	offs = (uint32_t *)(void *)(h + 1);
	off = sizeof *h + 4 * nf;
	for (i = 0; i < nf; i++) {
		size_t k = ar_csv_fieldlen(r, (int)i);

		offs[i] = (uint32_t)off;
		memcpy(m->rec + off, ar_csv_field(r, (int)i), k + 1);
		if ((int)i == m->pc.txn_id)
			h->txnoff = (uint32_t)off;
		off += k + 1;
	}
	return ar_recsort_add(m->sorter, m->rec, len, err);
}

/*
 * The payments were out of order and their file can be read again: the
 * sorter gets them all again, up to the one being added, instead of
 * keeping a copy of every record.  The reader is left where it was.
 */
static enum ar_rc
pay_replay(void *arg, struct ar_err *err)
{
	struct ar_match *m = arg;
	enum ar_rc rc;

	if (ar_csv_rewind(m->pr, err) != 0)
		return AR_FATAL;
	for (;;) {
		struct ar_err e = { 0 };
		long line;

		if ((rc = ar_csv_read(m->pr, &e)) == AR_SKIP)
			continue;	/* said the first time */
		if (rc == AR_FATAL) {
			*err = e;
			return AR_FATAL;
		}
		if (rc != AR_OK || (line = ar_csv_line(m->pr)) > m->pline)
			break;
		e.file = m->pfile;
		if (pay_add(m, m->pr, 1, &e) == AR_FATAL) {
			*err = e;
			return AR_FATAL;
		}
		if (line == m->pline)
			return AR_OK;
	}
	err->file = m->pfile;
	ar_err_set(err, 0, "the file changed while it was read: cannot read "
	    "it again");
	return AR_FATAL;
}

enum ar_rc
ar_match_payment(struct ar_match *m, struct ar_csv_reader *r,
    struct ar_err *err)
{
	enum ar_rc rc;

	err->file = m->pfile;
	m->pline = ar_csv_line(r);
	if ((rc = pay_add(m, r, 0, err)) == AR_FATAL) {
		/* the caller gives up: the payments read so far are done */
		while (m->qn > 0)
			retire(m);
		work_stop(m);
	}
	return rc;
}

/*
 * Canonical order: booking date, money in before money out before
 * reversals, txn_id, then the bytes (so that the order is total).
 */
static int
rec_cmp(const void *a, size_t alen, const void *b, size_t blen)
{
	const struct prec *x = a, *y = b;
	size_t hs = sizeof *x, n;
	int c;

	if (x->book != y->book)
		return x->book < y->book ? -1 : 1;
	if (x->cls != y->cls)
		return x->cls < y->cls ? -1 : 1;
	if ((c = strcmp((const char *)a + x->txnoff,
	    (const char *)b + y->txnoff)) != 0)
		return c;
	n = alen < blen ? alen : blen;
	if ((c = memcmp((const char *)a + hs, (const char *)b + hs, n - hs)) != 0)
		return c;
	return alen < blen ? -1 : alen > blen;
}

static int
rec_group(const void *a, size_t alen, const void *b, size_t blen)
{
	const struct prec *x = a, *y = b;

	(void)alen;
	(void)blen;
	return x->book < y->book ? -1 : x->book > y->book;
}

/* ---- payments: what one payment does ---- */

#define PF(col)	((col) >= 0 && (size_t)(col) < m->npcols ? m->pf[col] : "")

/* Field col of payment record h. */
static const char *
rec_field(const struct ar_match *m, const struct prec *h, int col)
{
	const uint32_t *off = (const uint32_t *)(const void *)(h + 1);

	if (col < 0 || col >= h->nf || (size_t)col >= m->npcols)
		return "";
	return (const char *)h + off[col];
}

static void
pay_view(struct ar_match *m, const struct prec *h, struct pay *p)
{
	const uint32_t *off = (const uint32_t *)(const void *)(h + 1);
	size_t i;

	memset(p, 0, sizeof *p);
	p->h = h;
	for (i = 0; i < m->npcols; i++)
		m->pf[i] = i < h->nf ? (const char *)h + off[i] : "";
	p->f = m->pf;
	p->txn = PF(m->pc.txn_id);
	p->cur = PF(m->pc.currency);
	p->name = PF(m->pc.counterparty_name);
	p->iban = PF(m->pc.counterparty_iban);
	p->ref = PF(m->pc.reference);
	p->rmt = PF(m->pc.remittance);
	p->e2e = PF(m->pc.end_to_end_id);
	p->revof = PF(m->pc.reversal_of);
	p->status = PF(m->pc.status);
	norm_iban(p->iban, p->ibann, sizeof p->ibann);
	p->amount = h->amount;
	p->book = h->book;
	p->value = h->value != AR_NODATE ? h->value : h->book;
	p->exp = h->exp;
	p->curi = (uint8_t)curidx(m, p->cur, p->exp);
}

static const char *
item_type(const struct ar_match *m, uint32_t i)
{
	const struct inv *v = &m->inv[i];
	const char *t = rowf(v->row, m->files[v->file].c.type);

	if (*t != '\0')
		return t;
	return (v->flags & F_CREDIT) ? "credit_note" : "invoice";
}

static const char *
cust_id(const struct ar_match *m, uint32_t c)
{
	return c < m->ncust ? m->cust[c].id : "";
}

/*
 * The rows of the matches and unmatched files are made by the worker,
 * and kept with the payment (struct emit, strings in the slot's sb) to be
 * written by the reader when it retires the payment: the callbacks are
 * made on the caller's thread, and the formatting is not the worker's.
 */
static uint32_t
keep_str(struct qslot *q, const char *s)
{
	size_t n = strlen(s) + 1;
	uint32_t at;

	if (q->nsb + n > q->capsb) {
		while (q->nsb + n > q->capsb)
			q->capsb = q->capsb ? 2 * q->capsb : 256;
		q->sb = ar_xrealloc(q->sb, q->capsb);
	}
	at = (uint32_t)q->nsb;
	memcpy(q->sb + q->nsb, s, n);
	q->nsb += n;
	return at;
}

static struct emit *
new_emit(struct ar_match *m, int kind)
{
	struct qslot *q = m->work.saying;
	struct emit *e;

	if (q->nem == q->capem) {	/* a few a payment: not GROW's 64 */
		q->capem = q->capem ? 2 * q->capem : 4;
		q->em = ar_xrealloc(q->em, q->capem * sizeof *q->em);
	}
	e = &q->em[q->nem++];
	memset(e, 0, sizeof *e);
	e->kind = (uint8_t)kind;
	return e;
}

static void
emit_match(struct ar_match *m, const struct prow *r)
{
	struct qslot *q = m->work.saying;
	struct emit *e = new_emit(m, EM_MATCH);

	e->rule = r->rule;
	e->conf = r->conf;
	if (r->cash) {
		e->s[0] = keep_str(q, m->cash[r->item].txn);
		e->s[1] = keep_str(q, "unapplied");
		e->s[2] = keep_str(q, cust_id(m, m->cash[r->item].cust));
	} else {
		e->s[0] = keep_str(q, inv_id(m, r->item));
		e->s[1] = keep_str(q, item_type(m, r->item));
		e->s[2] = keep_str(q, cust_id(m, m->inv[r->item].cust));
	}
	e->s[3] = keep_str(q, r->ev);
	e->amt = r->amt;
	e->disc = r->disc;
	e->woff = r->woff;
	m->st.matches++;
}

static void
emit_unmatched(struct ar_match *m, int64_t amount, uint32_t cust,
    const char *reason, const char *why)
{
	struct qslot *q = m->work.saying;
	struct emit *e = new_emit(m, EM_UNMATCHED);

	e->amt = amount;
	e->s[0] = keep_str(q, cust_id(m, cust));
	e->s[1] = keep_str(q, reason);
	e->s[2] = keep_str(q, m->sug);
	e->s[3] = keep_str(q, m->sugrule);
	e->s[4] = keep_str(q, m->sugconf);
	e->s[5] = keep_str(q, why);
	if (*m->sug != '\0')
		m->st.suggestions++;
}

/* The rows payment h made: the reader's side of emit_match, emit_unmatched. */
static void
put_rows(struct ar_match *m, const struct prec *h, struct qslot *q)
{
	char amt[AR_MONEY_BUFSZ], disc[AR_MONEY_BUFSZ], woff[AR_MONEY_BUFSZ],
	    date[AR_DATE_BUFSZ], conf[8];
	const char *f[13], **u = m->ufields;
	size_t i, k, n = m->npcols;

	for (k = 0; k < q->nem; k++) {
		const struct emit *e = &q->em[k];

		ar_money_format(e->amt, h->exp, amt);
		if (e->kind == EM_UNMATCHED) {
			for (i = 0; i < n; i++)
				u[i] = rec_field(m, h, (int)i);
			u[n] = amt;
			for (i = 0; i < 6; i++)
				u[n + 1 + i] = q->sb + e->s[i];
			m->out.unmatched(m->out.arg, u);
			continue;
		}
		ar_money_format(e->disc, h->exp, disc);
		ar_money_format(e->woff, h->exp, woff);
		fmt_date(h->book, date);
		snprintf(conf, sizeof conf, "%d", e->conf);
		f[0] = rec_field(m, h, m->pc.txn_id);
		for (i = 0; i < 3; i++)
			f[1 + i] = q->sb + e->s[i];
		f[4] = date;
		f[5] = amt;
		f[6] = rec_field(m, h, m->pc.currency);
		f[7] = disc;
		f[8] = woff;
		f[9] = rule_names[e->rule];
		f[10] = conf;
		f[11] = q->sb + e->s[3];
		f[12] = rec_field(m, h, m->pc.counterparty_iban);
		m->out.match(m->out.arg, f);
	}
	q->nem = q->nsb = 0;
}

/*
 * A message: kept with the payment being processed, to be said in order
 * (retire); said at once outside the payments.  A payment's message is
 * said once (its file, line and text): after a restart the payments are
 * processed again, and what was said is not said again.
 */
static void
say(struct ar_match *m, const struct ar_err *e)
{
	struct qslot *q = m->work.saying;
	uint64_t key = (hashs(e->file != NULL ? e->file : "") ^
	    hashs(e->msg)) * 0x9E3779B97F4A7C15ULL;
	size_t pos = SIZE_MAX;
	uint32_t v;

	if (q != NULL) {
		while (ht_next(&m->warned, key, &pos, &v))
			if (v == (uint32_t)e->line)
				return;
		ht_put(&m->warned, key, (uint32_t)e->line);
	}
	if (q == NULL) {
		if (m->out.warn != NULL)
			m->out.warn(m->out.arg, e);
		return;
	}
	if (q->nmsg == q->capmsg) {
		q->capmsg = q->capmsg ? 2 * q->capmsg : 2;
		q->msg = ar_xrealloc(q->msg, q->capmsg * sizeof *q->msg);
	}
	q->msg[q->nmsg++] = *e;
}

static void
warn(struct ar_match *m, const struct pay *p, const char *fmt,
    const char *arg1, long arg2)
{
	struct ar_err e = { 0 };

	e.file = m->pfile;
	ar_err_set(&e, (long)p->h->line, fmt, arg1, arg2);
	say(m, &e);
}

/* Keep the best suggestion of the payment. */
static void
suggest(struct ar_match *m, const char *what, int rule, int conf)
{
	if (conf <= m->sug_best || *what == '\0')
		return;
	m->sug_best = conf;
	snprintf(m->sug, sizeof m->sug, "%s", what);
	snprintf(m->sugrule, sizeof m->sugrule, "%s", rule_names[rule]);
	snprintf(m->sugconf, sizeof m->sugconf, "%d", conf);
}

static void
plan_reset(struct plan *pl)
{
	pl->n = 0;
	pl->conf = 0;
	pl->rule = R_NONE;
	pl->cust = NONE;
	pl->reason = NULL;
	pl->why[0] = '\0';
}

static struct prow *
plan_add(struct plan *pl, uint32_t item, int cash, int rule, int conf,
    int64_t amt, int64_t disc, int64_t woff)
{
	struct prow *r;

	GROW(pl->r, pl->n, pl->cap);
	r = &pl->r[pl->n++];
	r->item = item;
	r->cash = (uint8_t)cash;
	r->rule = (uint8_t)rule;
	r->conf = (uint8_t)conf;
	r->amt = amt;
	r->disc = disc;
	r->woff = woff;
	r->ev[0] = '\0';
	if (pl->n == 1 || conf < pl->conf)
		pl->conf = conf;
	if (pl->rule == R_NONE)
		pl->rule = rule;
	return r;
}

static void
plan_why(struct plan *pl, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
plan_why(struct plan *pl, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(pl->why, sizeof pl->why, fmt, ap);
	va_end(ap);
}

/* "INV-1 INV-2" of a plan, for a suggestion. */
static void
plan_ids(const struct ar_match *m, const struct plan *pl, char *buf,
    size_t sz)
{
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < pl->n && n + 1 < sz; i++)
		n += (size_t)snprintf(buf + n, sz - n, "%s%s", i ? " " : "",
		    pl->r[i].cash ? m->cash[pl->r[i].item].txn :
		    inv_id(m, pl->r[i].item));
	if (n >= sz)
		buf[sz - 1] = '\0';
}

/* The ids of invoices it[0, n), space-separated, as many as fit whole. */
static void
set_ids(const struct ar_match *m, const uint32_t *it, size_t n, char *buf,
    size_t sz)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		const char *id = inv_id(m, it[i]);

		if (strlen(id) + (i > 0) >= sz - len)
			break;
		len += (size_t)snprintf(buf + len, sz - len, "%s%s",
		    i ? " " : "", id);
	}
}

static void
learn(struct ar_match *m, const struct pay *p, uint32_t c, int confirmed)
{
	/* what a person confirmed teaches even with --no-learn */
	if ((m->o.no_learn && !confirmed) || *p->ibann == '\0' || c >= m->ncust ||
	    p->fcust != NONE)
		return;
	iban_put(m, &m->learn_tab, &m->learned, &m->nlearned, &m->caplearned,
	    p->ibann, c);
}

/*
 * Credit x, taken out of its customer's list when used up (cash_prune),
 * is open again: back in its place, the list being newest first.
 */
static void
cash_relink(struct ar_match *m, uint32_t x)
{
	struct cash *c = &m->cash[x];
	uint32_t *l = &m->cust[c->cust].cash;

	while (*l != NONE && *l > x)
		l = &m->cash[*l].next;
	c->next = *l;
	*l = x;
	c->off = 0;
}

static void
apply_row(struct ar_match *m, const struct pay *p, const struct prow *r)
{
	struct done *d = &m->done[p->done];
	struct apl *a;
	int64_t was;

	if (r->cash) {
		struct cash *c = &m->cash[r->item];

		was = c->open;
		c->open -= r->amt + r->disc + r->woff;
		c->paid += r->amt;
		c->last = p->book;
		if (c->off && c->open != 0)
			cash_relink(m, r->item);
		if (c->open == 0 && was != 0)
			c->pdate = p->book;
		else if (c->open != 0)
			c->pdate = AR_NODATE;
	} else {
		struct inv *v = &m->inv[r->item];

		was = v->open;
		v->open -= r->amt + r->disc + r->woff;
		odd_sign(m, v);
		if (v->cust != NONE && (was < 0) != (v->open < 0)) {
			if (v->open < 0)
				m->cust[v->cust].ncredit++;
			else
				m->cust[v->cust].ncredit--;
			if (v->open < 0 && v->amount < 0)
				neg_reopen(m, &m->cust[v->cust], r->item);
		}
		v->paid += r->amt;
		v->disc += r->disc;
		v->woff += r->woff;
		v->last = p->book;
		if (v->open == 0 && was != 0) {
			v->pdate = p->book;
			if (v->cust != NONE)
				cust_paid(m, &m->cust[v->cust]);
		} else if (v->open != 0) {
			v->pdate = AR_NODATE;
			amt_add(m, r->item);
			if (was == 0 && v->cust != NONE)
				cust_reopen(m, &m->cust[v->cust], r->item);
		}
		if ((r->rule == R_CONFIRMED || r->rule == R_REFERENCE ||
		    r->rule == R_TEXT || r->rule == R_PATTERN) && r->conf >= 90)
			learn(m, p, v->cust, r->rule == R_CONFIRMED);
	}
	GROW(m->apl, m->napl, m->capapl);
	a = &m->apl[m->napl];
	a->item = r->item;
	a->cash = r->cash;
	a->amt = r->amt;
	a->disc = r->disc;
	a->woff = r->woff;
	if (d->napl == 0)
		d->apl = (uint32_t)m->napl;
	d->napl++;
	m->napl++;
	emit_match(m, r);
}

/* Money of a payment held as a credit on a customer: an open item. */
static uint32_t
new_cash(struct ar_match *m, const struct pay *p, uint32_t cust, int64_t money,
    uint32_t src)
{
	struct cash *c;

	/* its open item is named by the txn_id, which an invoice may have */
	if (inv_find(m, p->txn) != NONE)
		warn(m, p, "the credit left by payment '%s' is an open item "
		    "with that invoice_id, which an invoice has too: a later run "
		    "will read only one of them", p->txn, 0);
	GROW(m->cash, m->ncash, m->capcash);
	c = &m->cash[m->ncash];
	memset(c, 0, sizeof *c);
	c->txn = pool_str(&m->rpool, p->txn, strlen(p->txn));
	c->ref = pool_str(&m->rpool, p->ref, strlen(p->ref));
	c->cust = cust;
	c->src = src;
	c->amount = c->open = -money;
	c->date = p->book;
	c->last = c->pdate = AR_NODATE;
	c->cur = p->curi;
	c->next = m->cust[cust].cash;
	m->cust[cust].cash = (uint32_t)m->ncash;
	m->done[p->done].cash = (uint32_t)m->ncash;
	return (uint32_t)m->ncash++;
}

/*
 * What is left of a payment: a credit on the customer when it is money
 * in from a known customer, and a row of the unmatched file.
 */
static void
rest_money(struct ar_match *m, const struct pay *p, int64_t money,
    uint32_t cust, uint32_t src, const char *reason, const char *why)
{
	if (money == 0)
		return;
	if (*why == '\0')
		why = money == p->amount ? "nothing to apply it to" :
		    "left after the invoices it was applied to";
	if (money > 0 && cust < m->ncust)
		new_cash(m, p, cust, money, src);
	else if (cust >= m->ncust)
		cust = NONE;
	emit_unmatched(m, money, cust, reason, why);
	if (money == p->amount)
		m->st.unapplied++;
	else
		m->st.partly++;
}

/*
 * Apply a plan when it is confident enough, else leave the payment
 * unapplied with the plan as its suggestion.  idc: the customer the
 * money is known to come from (for the rest), or NONE.
 */
static void
decide(struct ar_match *m, const struct pay *p, struct plan *pl, uint32_t idc,
    const char *noplan)
{
	char ids[256], why[384];
	int64_t used = 0;
	uint32_t src = NONE;
	size_t i;

	if (pl->n > 0 && pl->conf >= m->o.min_confidence) {
		for (i = 0; i < pl->n; i++) {
			apply_row(m, p, &pl->r[i]);
			used += pl->r[i].amt;
			if (!pl->r[i].cash && src == NONE)
				src = pl->r[i].item;
		}
		if (used == p->amount)
			m->st.applied++;
		rest_money(m, p, p->amount - used, pl->cust != NONE ? pl->cust : idc,
		    src, pl->reason ? pl->reason : "overpayment", pl->why);
		return;
	}
	if (pl->n > 0) {
		plan_ids(m, pl, ids, sizeof ids);
		suggest(m, ids, pl->rule, pl->conf);
		snprintf(why, sizeof why, "%s%sconfidence %d is below %d",
		    pl->why, *pl->why ? "; " : "", pl->conf, m->o.min_confidence);
		rest_money(m, p, p->amount, idc, NONE, "suggestion", why);
		return;
	}
	rest_money(m, p, p->amount, idc, NONE,
	    pl->reason ? pl->reason : noplan, pl->why);
}

/* ---- hits: invoices a payment names ---- */

/*
 * Which of two hits a full list keeps (> 0: the first): the stronger,
 * then one of the payer's customer by its IBAN (so that other customers'
 * weak hits, a bare "7", do not push out its own), then the first in
 * allocation order.  A strict total order (inv_order ends with the
 * invoice ids, which are unique), so the hits kept do not depend on the
 * order they come in.
 */
static int
mine(const struct ar_match *m, struct scan *sc, uint32_t a, int sa,
    uint32_t b, int sb)
{
	int ma, mb;

	if (sa != sb)
		return sa - sb;
	if (!sc->custdone) {
		char ibann[48];

		norm_iban(sc->iban, ibann, sizeof ibann);
		sc->cust = *ibann ? iban_get(&m->iban_tab, m->ibans, ibann) :
		    NONE;
		sc->custdone = 1;
	}
	ma = sc->cust != NONE && m->inv[a].cust == sc->cust;
	mb = sc->cust != NONE && m->inv[b].cust == sc->cust;
	if (ma != mb)
		return ma - mb;
	return -inv_order(m, a, b);
}

/* Where invoice inv's entry in a hitmap would be, were it alone. */
static size_t
hm_home(uint32_t inv)
{
	return (inv * 0x9E3779B1u) >> (32 - HMAP_BITS);
}

/* The entry of invoice inv in hm, or the empty one where it would go. */
static size_t
hm_find(const struct hitmap *hm, uint32_t inv)
{
	size_t k = hm_home(inv);

	while (hm->e[k].gen == hm->gen && hm->e[k].inv != inv)
		k = (k + 1) & (HMAP - 1);
	return k;
}

/* Invoice inv's entry out of hm; the run after it moved up. */
static void
hm_del(struct hitmap *hm, uint32_t inv)
{
	size_t k = hm_find(hm, inv), j = k, h;

	for (;;) {
		j = (j + 1) & (HMAP - 1);
		if (hm->e[j].gen != hm->gen)
			break;
		h = hm_home(hm->e[j].inv);
		/* it stays when its home lies cyclically in (k, j] */
		if (k < j ? (h > k && h <= j) : (h > k || h <= j))
			continue;
		hm->e[k] = hm->e[j];
		k = j;
	}
	hm->e[k].gen = 0;
}

static void
hit_swap(struct scan *sc, size_t a, size_t b)
{
	struct hit t = sc->hit[a];

	sc->hit[a] = sc->hit[b];
	sc->hit[b] = t;
	sc->hm->e[hm_find(sc->hm, sc->hit[a].inv)].slot = (uint32_t)a;
	sc->hm->e[hm_find(sc->hm, sc->hit[b].inv)].slot = (uint32_t)b;
}

/* hit[i] down the heap of the least (mine) first. */
static void
hit_down(const struct ar_match *m, struct scan *sc, size_t i)
{
	size_t c;

	while ((c = 2 * i + 1) < sc->nhit) {
		if (c + 1 < sc->nhit && mine(m, sc, sc->hit[c + 1].inv,
		    sc->hit[c + 1].strength, sc->hit[c].inv,
		    sc->hit[c].strength) < 0)
			c++;
		if (mine(m, sc, sc->hit[c].inv, sc->hit[c].strength,
		    sc->hit[i].inv, sc->hit[i].strength) >= 0)
			break;
		hit_swap(sc, i, c);
		i = c;
	}
}

/*
 * A hit on invoice inv.  When there are more than MAXHIT, those mine
 * ranks first are kept, whatever the order of the invoice files; the
 * full hit[] is a heap with the least on top, so that each further hit
 * costs a comparison or a few.  collect_hits then sorts them in
 * allocation order.  A strong hit left out makes the payment too-many
 * (rule_hits); weak ones (a bare sequence number, "7") do not.
 */
static void
hit_add(const struct ar_match *m, struct scan *sc, uint32_t inv, int strength,
    int src, const char *ev)
{
	struct hitmap *hm = sc->hm;
	size_t k = hm_find(hm, inv), i;

	if (hm->e[k].gen == hm->gen) {
		i = hm->e[k].slot;
		if (src < sc->hit[i].src) {
			sc->hit[i].src = (uint8_t)src;
			snprintf(sc->hit[i].ev, sizeof sc->hit[i].ev, "%s", ev);
		}
		if (strength > sc->hit[i].strength) {
			sc->hit[i].strength = (uint8_t)strength;
			if (sc->heap)
				hit_down(m, sc, i);
		}
		return;
	}
	if (sc->nhit == MAXHIT) {
		/*
		 * full: it takes the place of the least (mine), when it is
		 * more; over: the strongest left out
		 */
		if (!sc->heap) {
			sc->heap = 1;
			for (i = MAXHIT / 2; i-- > 0; )
				hit_down(m, sc, i);
		}
		if (mine(m, sc, inv, strength, sc->hit[0].inv,
		    sc->hit[0].strength) < 0) {
			if (strength > sc->over)
				sc->over = strength;
			return;
		}
		if (sc->hit[0].strength > sc->over)
			sc->over = sc->hit[0].strength;
		hm_del(hm, sc->hit[0].inv);
		k = hm_find(hm, inv);
		i = 0;
	} else {
		if (sc->nhit == sc->caphit) {
			sc->caphit = sc->caphit ? 2 * sc->caphit : 4;
			if (sc->caphit > MAXHIT)
				sc->caphit = MAXHIT;
			sc->hit = ar_xrealloc(sc->hit, sc->caphit *
			    sizeof *sc->hit);
		}
		i = sc->nhit++;
	}
	sc->hit[i].inv = inv;
	sc->hit[i].strength = (uint8_t)strength;
	sc->hit[i].src = (uint8_t)src;
	snprintf(sc->hit[i].ev, sizeof sc->hit[i].ev, "%s", ev);
	hm->e[k].inv = inv;
	hm->e[k].gen = hm->gen;
	hm->e[k].slot = (uint32_t)i;
	if (sc->heap)
		hit_down(m, sc, i);
}

/*
 * Invoices whose reference (letters and digits) is ref.  A hit is the
 * table's 32-bit tag and the invoice's other 32 bits of the hash: 64
 * bits, a false hit about once in 10^19 lookups.
 */
static int
find_ref(const struct ar_match *m, struct scan *sc, const char *ref, size_t n,
    int src,
    const char *ev)
{
	uint64_t h = hash(ref, n);
	struct mmpos pos = { 0, 0 };
	uint32_t v;
	int found = 0;

	if (!bloom_has(&m->ref_bloom, h))
		return 0;
	while (mm_next(&m->ref_tab, m->rnext, h, &pos, &v))
		if (m->inv[v].rtag == (uint32_t)h) {
			hit_add(m, sc, v, 4, src, ev);
			found = 1;
		}
	return found;
}

/* Invoices with a number key equal to k; strong_only: no weak keys. */
static int
find_key(const struct ar_match *m, struct scan *sc, const char *k, size_t n,
    int strong_only,
    int src, const char *ev)
{
	uint64_t h;
	struct mmpos pos = { 0, 0 };
	uint32_t v;
	int found = 0;

	if (n == 0 || n > AR_TEXTREF_KEYMAX)
		return 0;
	h = hash(k, n);
	if (!bloom_has(&m->key_bloom, h))
		return 0;
	while (mm_next(&m->key_tab, m->knext, h, &pos, &v)) {
		uint32_t i = v >> 2;
		enum ar_tk kind = (enum ar_tk)(v & 3);
		int strength;

		if (m->inv[i].ktag[kind] != (uint32_t)h)
			continue;
		if (kind == AR_TK_FULL || kind == AR_TK_GROUPS)
			strength = 4;
		else if (kind == AR_TK_BARE && n >= 6)
			strength = 3;
		else
			strength = 1;
		if (strong_only && strength < 3)
			continue;
		hit_add(m, sc, i, strength, src, ev);
		found = 1;
	}
	return found;
}

static int
all_digits(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

static int
is_prefix(const struct ar_match *m, const char *raw, size_t n)
{
	return n <= 8 && pset_has(&m->prefixes, pack_letters(raw, n));
}

/* What window w of a text names: 1 when it names an invoice. */
static int
scan_window(const struct ar_match *m, struct scan *sc,
    const struct ar_textref_win *w, int strong_only)
{
	int found = 0;

	/*
	 * Keys start with an invoice number's letters or with a digit:
	 * "FNR2025" or "PAY123" cannot be one, "RF18..." may be a reference.
	 */
	if (w->lead_alpha > 0 && !is_prefix(m, w->raw, w->lead_alpha) &&
	    !(w->lead_alpha == 2 && w->raw[0] == 'R' && w->raw[1] == 'F'))
		return 0;
	if (strong_only && w->lead_alpha == 0 && w->ndigits < 6)
		return 0;
	/* a structured reference in its printed form */
	if (!strong_only && w->rawlen >= 7 && (all_digits(w->raw) ||
	    (w->raw[0] == 'R' && w->raw[1] == 'F'))) {
		enum ar_ref_kind k = ar_ref_detect(w->raw, NULL, NULL);

		if (k != AR_REF_NONE && k != AR_REF_IBAN)
			found = find_ref(m, sc, w->raw, w->rawlen, S_REFTEXT,
			    w->raw);
	}
	if (!found)
		found = find_key(m, sc, w->a, w->alen, strong_only, S_TEXT,
		    w->raw);
	if (w->blen != w->alen || memcmp(w->a, w->b, w->alen) != 0)
		found |= find_key(m, sc, w->b, w->blen, strong_only, S_TEXT,
		    w->raw);
	if (!found && !strong_only && !sc->unknown && w->lead_alpha > 0 &&
	    w->ndigits >= 3 && is_prefix(m, w->raw, w->lead_alpha)) {
		/* "INV-2025-0999" written, and no such invoice */
		sc->unknown = 1;
		snprintf(sc->unknown_s, sizeof sc->unknown_s, "%s", w->raw);
	}
	return found;
}

/*
 * Does window w of text start with digits glued to letters before them,
 * as many as an invoice number's letters known here (at most 8)?  In an
 * end_to_end_id, "PAY2025000123" is the payer's own id, whose digits may
 * equal an invoice number's (2025000123 is INV-2025-000123's bare key)
 * by chance: there, glued digits name an invoice only with their letters
 * (the window from the letters on).  Longer letters are no prefix known
 * (is_prefix): "RECHNUNGS2025000124" is still read by its digits.
 */
static int
glued_word(const char *text, const struct ar_textref_win *w)
{
	size_t n = 0;

	if (w->lead_alpha != 0)
		return 0;
	while (n < w->from && n <= 8) {
		int c = (unsigned char)text[w->from - n - 1];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
			break;
		n++;
	}
	return n >= 1 && n <= 8;
}

/*
 * Invoice numbers and printed references in a free text, read a part
 * at a time; skip: where the last number found ends.
 */
static void
scan_text(const struct ar_match *m, struct scanner *sn, const char *text,
    int strong_only)
{
	struct ar_textref_pos pos = { 0, 0, 0 };
	size_t nw, i, skip = 0;

	if (*text == '\0')
		return;
	do {
		nw = ar_textref_windows(text, m->maxlead, sn->win, &pos);
		for (i = 0; i < nw; i++)
			if (sn->win[i].from >= skip &&
			    !(strong_only && glued_word(text, &sn->win[i])) &&
			    scan_window(m, sn->sc, &sn->win[i], strong_only))
				skip = sn->win[i].to;
	} while (pos.more);
}

/* The user's patterns: the group "invoice" of every match. */
static void
scan_patterns(const struct ar_match *m, struct scanner *sn, const char *text)
{
	size_t i, len = strlen(text);

	for (i = 0; i < m->nre; i++) {
		PCRE2_SIZE start = 0, *ov;
		int rc;

		while (start <= len && (rc = pcre2_match(m->re[i],
		    (PCRE2_SPTR)text, len, start, PCRE2_NO_UTF_CHECK, sn->md,
		    NULL)) > 0) {
			char cap[AR_TEXTREF_RAWMAX + 1], k[AR_TEXTREF_KEYMAX + 1];
			PCRE2_SIZE a, b;
			size_t n;

			ov = pcre2_get_ovector_pointer(sn->md);
			a = ov[2 * m->re_group[i]];
			b = ov[2 * m->re_group[i] + 1];
			if (a != PCRE2_UNSET && b > a &&
			    b - a <= AR_TEXTREF_RAWMAX) {
				memcpy(cap, text + a, b - a);
				cap[b - a] = '\0';
				if ((n = ar_textref_key(cap, AR_TK_FULL, k)) > 0)
					find_key(m, sn->sc, k, n, 0, S_PATTERN, cap);
				if ((n = ar_textref_key(cap, AR_TK_GROUPS, k)) > 0)
					find_key(m, sn->sc, k, n, 0, S_PATTERN, cap);
			}
			start = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
			/* do not stop inside a UTF-8 character */
			while (start < len && (text[start] & 0xc0) == 0x80)
				start++;
		}
		/*
		 * not a miss but a limit (backtracking): said by process,
		 * since the rest of this text went unsearched
		 */
		if (rc < 0 && rc != PCRE2_ERROR_NOMATCH && sn->sc->perr == 0) {
			sn->sc->perr = rc;
			sn->sc->pidx = (uint32_t)i;
		}
	}
}

/* Merge sort of hits in allocation order (inv_order). */
static void
sort_hits(const struct ar_match *m, struct hit *a, struct hit *tmp, size_t n)
{
	size_t h = n / 2, i, j, k;

	if (n <= 8) {
		for (i = 1; i < n; i++)
			for (j = i; j > 0 && inv_order(m, a[j - 1].inv,
			    a[j].inv) > 0; j--) {
				struct hit t = a[j];

				a[j] = a[j - 1];
				a[j - 1] = t;
			}
		return;
	}
	sort_hits(m, a, tmp, h);
	sort_hits(m, a + h, tmp, n - h);
	for (i = 0, j = h, k = 0; i < h && j < n; )
		tmp[k++] = inv_order(m, a[j].inv, a[i].inv) < 0 ? a[j++] : a[i++];
	while (i < h)
		tmp[k++] = a[i++];
	memcpy(a, tmp, k * sizeof *a);
}

/* Invoices the reference and texts of a payment name: into sn->sc. */
static void
collect_hits(const struct ar_match *m, struct scanner *sn, const char *pref,
    const char *rmt, const char *e2e)
{
	struct scan *sc = sn->sc;
	char ref[64];
	size_t n;
	int refvalid = 0;

	sc->nhit = 0;
	sc->unknown = sc->over = sc->custdone = sc->heap = sc->perr = 0;
	sc->hm = sn->hm;
	if (++sc->hm->gen == 0) {	/* after 2^32 payments */
		memset(sc->hm->e, 0, sizeof sc->hm->e);
		sc->hm->gen = 1;
	}
	if (*pref != '\0' && (n = alnum_upper(pref, ref, sizeof ref)) > 0) {
		enum ar_ref_kind k = ar_ref_detect(pref, NULL, NULL);

		refvalid = k != AR_REF_NONE && k != AR_REF_IBAN;
		if (!find_ref(m, sc, ref, n, refvalid ? S_REF : S_UREF, pref) ||
		    !refvalid)
			scan_text(m, sn, pref, 0);
	}
	scan_text(m, sn, rmt, 0);
	scan_text(m, sn, e2e, 1);
	if (m->nre > 0) {
		scan_patterns(m, sn, rmt);
		if (!refvalid)
			scan_patterns(m, sn, pref);
	}
	/* in allocation order: the same whatever the order of the invoices */
	sort_hits(m, sc->hit, sc->hm->tmp, sc->nhit);
	sc->hm = NULL;
}

/* ---- rules ---- */

/* A customer's open items in a currency, in allocation order, less excl. */
/*
 * Where a customer's invoices that may still be open start.  Invoices
 * are paid in allocation order, mostly, so the list soon begins with a
 * run of paid ones (open amount 0) that every scan would step over: the
 * scans start past them.  An invoice that opens again (a reversal) puts
 * the start back to the beginning (apply_row).
 */
static size_t
cust_open_from(const struct ar_match *m, struct cust *cu)
{
	while (cu->skip < cu->n &&
	    m->inv[m->citem[cu->first + cu->skip]].open == 0)
		cu->skip++;
	return cu->skip;
}

/* An open item in the currency that the amount rules weigh. */
static int
weighed(const struct inv *v, int cur)
{
	return v->open != 0 && v->cur == cur && v->open <= SEARCH_MAX &&
	    v->open >= -SEARCH_MAX;
}

/*
 * The k-th of the items a[from, n) (sorted in allocation order) in the
 * allocation order asked for: newest first reads from the end.
 */
static uint32_t
alloc_nth(const uint32_t *a, size_t from, size_t n, size_t k, int newest)
{
	return a[newest ? n - 1 - k : from + k];
}

/*
 * A customer's open items in the currency, in allocation order, into
 * m->items: the first max of them, *cut set when there are more.
 */
static size_t
cust_items(struct ar_match *m, uint32_t c, int cur, size_t max, int *cut)
{
	struct cust *cu;
	size_t from, k;
	int newest = m->o.alloc == AR_ALLOC_NEWEST;

	m->nitems = 0;
	*cut = 0;
	if (c >= m->ncust)
		return 0;
	cu = &m->cust[c];
	from = cust_open_from(m, cu);
	for (k = 0; k < cu->n - from; k++) {
		uint32_t x = alloc_nth(m->citem + cu->first, from, cu->n, k,
		    newest);
		const struct inv *v = &m->inv[x];

		if (!weighed(v, cur))
			continue;
		if (m->nitems == max) {
			*cut = 1;
			break;
		}
		GROW(m->items, m->nitems, m->capitems);
		m->items[m->nitems++] = x;
	}
	return m->nitems;
}

/*
 * A customer's invoices never paid in part (open, in the currency), by
 * issue date, less excl, and (unless lo is AR_NODATE) issued within SPAN
 * days of invoices issued from lo to hi: the candidates for a set paid at
 * once; the first SEARCH_ITEMS in allocation order, among the first
 * look open items in the currency; *cut set when there are more (a set
 * that fits is then not known to be the only one).
 */
static size_t
fresh_items(struct ar_match *m, uint32_t c, int cur, ar_date payday,
    ar_date lo, ar_date hi, const uint32_t *excl, size_t nexcl,
    size_t look, uint32_t *out, int *cut)
{
	struct cust *cu;
	size_t i, j, n = 0, seen = 0;

	*cut = 0;
	if (c >= m->ncust)
		return 0;
	cu = &m->cust[c];
	for (i = cust_open_from(m, cu); i < cu->n; i++) {
		uint32_t k = m->citem[cu->first + i];
		const struct inv *v = &m->inv[k];

		/* the items cust_items reads, counted */
		if (weighed(v, cur) && seen++ == look) {
			*cut = 1;
			break;
		}

		if (v->open <= 0 || v->open != v->amount || v->cur != cur ||
		    (v->flags & F_CREDIT) || v->open > SEARCH_MAX ||
		    v->issue == AR_NODATE || v->issue > payday ||
		    (lo != AR_NODATE && (v->issue < hi - SPAN ||
		    v->issue > lo + SPAN)))
			continue;
		for (j = 0; j < nexcl && excl[j] != k; j++)
			;
		if (j < nexcl)
			continue;
		if (n == SEARCH_ITEMS) {
			*cut = 1;
			break;
		}
		/* by issue date (insertion: the list is almost in order) */
		for (j = n; j > 0 && m->inv[out[j - 1]].issue > v->issue; j--)
			out[j] = out[j - 1];
		out[j] = k;
		n++;
	}
	return n;
}

static int64_t *
amounts(struct ar_match *m, const uint32_t *it, size_t n)
{
	size_t i;

	if (n > m->capamts) {
		m->capamts = n * 2;
		m->amts = ar_xrealloc(m->amts, m->capamts * sizeof *m->amts);
	}
	for (i = 0; i < n; i++)
		m->amts[i] = m->inv[it[i]].open;
	return m->amts;
}

static const struct hit *
hit_of(const struct ar_match *m, uint32_t inv)
{
	size_t i;

	for (i = 0; i < m->sc->nhit; i++)
		if (m->sc->hit[i].inv == inv)
			return &m->sc->hit[i];
	return NULL;
}

static void
hit_ev(const struct ar_match *m, const struct pay *p, uint32_t inv,
    const char *how, struct prow *r)
{
	static const char *const what[] = { "reference", "reference in text",
	    "unstructured reference", "text", "pattern" };
	const struct hit *h = hit_of(m, inv);

	if (h == NULL)
		snprintf(r->ev, sizeof r->ev, "%s", how);
	else
		snprintf(r->ev, sizeof r->ev, "%s %s%s%s", what[h->src],
		    h->src == S_REF ? p->ref : h->ev, *how ? "; " : "", how);
}

/*
 * Money over items in allocation order, credit notes first (they add to
 * what there is to share); each item gets what is left, up to its open
 * amount.  Returns what is left.
 */
static int64_t
alloc_rows(struct ar_match *m, const struct pay *p, struct plan *pl,
    const uint32_t *it, size_t n, int64_t money, int rule, int conf,
    const char *how)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct inv *v = &m->inv[it[i]];

		if (v->open < 0) {
			hit_ev(m, p, it[i], how, plan_add(pl, it[i], 0, rule, conf,
			    v->open, 0, 0));
			money -= v->open;
		}
	}
	for (i = 0; i < n && money > 0; i++) {
		const struct inv *v = &m->inv[it[i]];
		int64_t a;

		if (v->open <= 0)
			continue;
		a = money < v->open ? money : v->open;
		hit_ev(m, p, it[i], how, plan_add(pl, it[i], 0, rule, conf, a, 0,
		    0));
		money -= a;
	}
	return money;
}

/* Full rows for items (by index set sol into it), with how. */
static void
full_rows(struct ar_match *m, const struct pay *p, struct plan *pl,
    const uint32_t *it, const uint32_t *sol, size_t k, int rule, int conf,
    const char *how)
{
	size_t i;

	for (i = 0; i < k; i++) {
		uint32_t x = sol ? it[sol[i]] : it[i];

		hit_ev(m, p, x, how, plan_add(pl, x, 0, rule, conf,
		    m->inv[x].open, 0, 0));
	}
}

/*
 * How the invoices a payment names are netted with credit notes: those
 * of xcn in the set k (xof: the invoice of each), and those among the
 * invoices named; net: the early-payment discount is reckoned on what
 * they leave of an invoice, else on its amount.
 */
struct netting {
	const uint32_t *xcn;
	const size_t *xof;
	size_t nx, k;
	int net;
};

/* What the credit notes netted so take off S[i] (zero or negative). */
static int64_t
set_cn(const struct ar_match *m, const uint32_t *S, size_t nS,
    const struct netting *nt, size_t i)
{
	int64_t t = 0;
	size_t j;
	uint32_t y;

	for (j = 0; j < nt->nx; j++)
		if ((nt->k & (size_t)1 << j) && nt->xof[j] == i)
			t += m->inv[nt->xcn[j]].open;
	for (y = m->inv[S[i]].cn_first; y != NONE; y = m->inv[y].cn_next)
		for (j = 0; j < nS; j++)
			if (S[j] == y)
				t += m->inv[y].open;
	return t;
}

/* The early-payment discount of S[i] when netted so. */
static int64_t
set_disc(const struct ar_match *m, const struct pay *p, const uint32_t *S,
    size_t nS, const struct netting *nt, size_t i)
{
	const struct inv *v = &m->inv[S[i]];

	/* set_cn walks the credit notes: not for an invoice of no discount */
	if (!disc_may(m, v, p->value))
		return 0;
	return disc_on(m, v, p->value, v->amount + (nt->net ?
	    set_cn(m, S, nS, nt, i) : 0));
}

/* The early-payment discounts of all of S when netted so. */
static int64_t
set_discs(const struct ar_match *m, const struct pay *p, const uint32_t *S,
    size_t nS, const struct netting *nt)
{
	int64_t d = 0;
	size_t i;

	for (i = 0; i < nS; i++)
		d += set_disc(m, p, S, nS, nt, i);
	return d;
}

/*
 * The invoices S (and the credit notes of nt) paid less their
 * early-payment discounts: target.  The payment may differ from it
 * within the tolerance tol and by at most 0.5% (a bank's charges, not a
 * part: a part earns no discount); an underpayment is left open on the
 * last invoice (or written off with --write-off), an overpayment is a
 * credit (or written off).  0 when it does not fit so.
 */
static int
disc_rows(struct ar_match *m, const struct pay *p, struct plan *pl,
    const uint32_t *S, size_t nS, const struct netting *nt, int rule,
    int conf, int64_t target, int64_t tol)
{
	int64_t shortby = target - p->amount, x;
	struct prow *r, *last = NULL;
	size_t i, l;
	char ev[80];

	for (l = nS; l-- > 0;)
		if (m->inv[S[l]].open - set_disc(m, p, S, nS, nt, l) > 0)
			break;
	if (shortby > tol || -shortby > tol || target <= 0 || l >= nS ||
	    (shortby < 0 ? -shortby : shortby) > target / 200 ||
	    shortby > m->inv[S[l]].open - set_disc(m, p, S, nS, nt, l))
		return 0;
	for (i = 0; i < nS; i++) {
		x = set_disc(m, p, S, nS, nt, i);
		r = plan_add(pl, S[i], 0, rule, conf, m->inv[S[i]].open - x, x,
		    0);
		snprintf(ev, sizeof ev, "%s%s%s", x == 0 ? "amount fits" : "",
		    set_cn(m, S, nS, nt, i) < 0 ? x == 0 ? " with its credit "
		    "note" : "credit note netted, " : "", x == 0 ? "" :
		    shortby == 0 ? "less early-payment discount" : "less "
		    "early-payment discount, within tolerance");
		hit_ev(m, p, S[i], ev, r);
		if (i == l)
			last = r;
	}
	for (i = 0; i < nt->nx; i++)
		if (nt->k & (size_t)1 << i)
			snprintf(plan_add(pl, nt->xcn[i], 0, rule, conf,
			    m->inv[nt->xcn[i]].open, 0, 0)->ev,
			    sizeof pl->r[0].ev, "credit note netted");
	if (shortby > 0 || m->o.writeoff)
		last->amt -= shortby;
	if (m->o.writeoff)
		last->woff = shortby;
	return 1;
}

/*
 * The invoices a payment names (S, all of one customer c, open, in the
 * payment's currency): how the money is shared among them.
 */
static void
rule_set(struct ar_match *m, const struct pay *p, uint32_t c, uint32_t *S,
    size_t nS, int fitc, int nofitc, int rule, int exact_only,
    struct plan *pl)
{
	uint32_t sol[MAXK], tmp[MAXSET], xcn[MAXCN], y;
	int64_t P = p->amount, sum = 0, tol, *a, dg = 0, dn = 0;
	long budget = BUDGET;
	size_t i, j, k, nx = 0, xof[MAXCN], nfit = 0;
	int r, pos = 0, unsure = 0;
	const char *rest = NULL;	/* why more of the customer's are not */
	struct netting gross = { NULL, NULL, 0, 0, 0 }, net = gross,
	    fit = { xcn, xof, 0, 0, 0 };
	ar_date lo = AR_NODATE, hi = AR_NODATE;

	net.net = 1;
	if (nS > 1)
		sort_inv(m, S, tmp, nS);
	if (m->o.alloc == AR_ALLOC_NEWEST)
		for (i = 0; i < nS / 2; i++) {
			uint32_t t = S[i];

			S[i] = S[nS - 1 - i];
			S[nS - 1 - i] = t;
		}
	for (i = 0; i < nS; i++) {
		sum = sadd(sum, m->inv[S[i]].open);
		if (m->inv[S[i]].open > 0)
			pos = 1;
	}
	pl->cust = c;
	if (!pos) {
		plan_why(pl, "names only credit notes");
		return;
	}
	/* the amount fits all of them */
	if (P == sum) {
		full_rows(m, p, pl, S, NULL, nS, rule, fitc, "amount fits");
		return;
	}
	/* the customer's credit notes that correct them, not named already */
	for (i = 0; c < m->ncust && i < nS; i++) {
		const struct inv *v = &m->inv[S[i]];

		for (y = v->cn_first; y != NONE && nx < MAXCN;
		    y = m->inv[y].cn_next) {
			for (j = 0; j < nS && S[j] != y; j++)
				;
			if (j == nS && cn_ok(m, y, p->curi) &&
			    m->inv[y].cust == c) {
				xof[nx] = i;
				xcn[nx++] = y;
			}
		}
		if (v->issue != AR_NODATE && (lo == AR_NODATE || v->issue < lo))
			lo = v->issue;
		if (v->issue != AR_NODATE && (hi == AR_NODATE || v->issue > hi))
			hi = v->issue;
	}
	fit.nx = nx;
	/*
	 * with those credit notes, exactly: before any reading with a
	 * discount or within the tolerance; two sets of them that fit are a
	 * tie (which to net is not guessed), and the payment is then a part
	 * of the invoices
	 */
	for (k = 1, j = 0; nx > 0 && k < (size_t)1 << nx; k++) {
		int64_t t = sum;

		for (i = 0; i < nx; i++)
			if (k & (size_t)1 << i)
				t += m->inv[xcn[i]].open;
		if (t == P && nfit++ == 0)
			j = k;
	}
	if (nfit == 1) {
		full_rows(m, p, pl, S, NULL, nS, rule, fitc,
		    "amount fits with its credit note");
		for (i = 0; i < nx; i++)
			if (j & (size_t)1 << i)
				snprintf(plan_add(pl, xcn[i], 0, rule, fitc,
				    m->inv[xcn[i]].open, 0, 0)->ev,
				    sizeof pl->r[0].ev, "credit note netted");
		return;
	}
	if (nfit > 1)
		goto part;
	/*
	 * less their discounts, on their amounts or on what the credit notes
	 * named with them leave
	 */
	dg = set_discs(m, p, S, nS, &gross);
	dn = set_discs(m, p, S, nS, &net);
	if ((dg > 0 && P == sum - dg && disc_rows(m, p, pl, S, nS, &gross,
	    rule, fitc, P, 0)) || (dn > 0 && P == sum - dn &&
	    disc_rows(m, p, pl, S, nS, &net, rule, fitc, P, 0)))
		return;
	/*
	 * with the credit notes that correct them, less the early-payment
	 * discount on the invoices' amounts or on what the credit notes
	 * leave: when one set fits so
	 */
	for (k = 1, nfit = 0; nx > 0 && k < (size_t)1 << nx; k++) {
		struct netting g = { xcn, xof, nx, k, 0 }, h = g;
		int64_t t = sum;

		h.net = 1;
		for (i = 0; i < nx; i++)
			if (k & (size_t)1 << i)
				t += m->inv[xcn[i]].open;
		if (P != t - set_discs(m, p, S, nS, &g))
			g = h;
		if (P == t - set_discs(m, p, S, nS, &g) && nfit++ == 0)
			fit = g;
	}
	if (nfit == 1 && disc_rows(m, p, pl, S, nS, &fit, rule, fitc, P, 0))
		return;
	tol = tol_of(m, sum, p->exp);
	if (tol > 0 && P - sum <= tol && sum - P <= tol) {
		if (P < sum) {
			alloc_rows(m, p, pl, S, nS, P, rule, fitc,
			    "within tolerance");
			if (m->o.writeoff)
				pl->r[pl->n - 1].woff = sum - P;
		} else {
			full_rows(m, p, pl, S, NULL, nS, rule, fitc,
			    "within tolerance");
			if (m->o.writeoff) {
				pl->r[pl->n - 1].amt += P - sum;
				pl->r[pl->n - 1].woff = sum - P;
			}
		}
		return;
	}
	/*
	 * a part of them fits: the one set of the fewest that does, and no
	 * larger one (100.00 for named invoices of 100.00, 60.00 and 40.00
	 * is a tie)
	 */
	if (nS > 1) {
		size_t k2;
		uint32_t sol2[MAXK];

		a = amounts(m, S, nS);
		for (k = 1; k < nS && k <= MAXK; k++)
			if ((r = ksum(m, a, nS, k, P, sol, &budget)) != 0)
				break;
		/* a search that gave up says nothing: not a tie */
		for (k2 = k + 1; r == 1 && k2 < nS && k2 <= MAXK; k2++)
			if (ksum(m, a, nS, k2, P, sol2, &budget) > 0)
				r = 2;
		unsure = k < nS && k <= MAXK && r < 0;
		if (k < nS && k <= MAXK && r == 1) {
			full_rows(m, p, pl, S, sol, k, rule, fitc,
			    "amount fits these");
			return;
		}
	}
	/* with more of the customer's */
	if (c < m->ncust && fitc >= m->o.min_confidence) {
		uint32_t out[MAXK + MAXCN];
		size_t nout = 0, n;
		int cut;

		n = fresh_items(m, c, p->curi, p->value, lo, hi, S, nS,
		    READ_ITEMS, m->fresh, &cut);
		r = sset_find(m, m->fresh, n, sadd(P, -sum), p->exp, 1, lo, hi,
		    xcn, nx, out, &nout, NULL, NULL);
		if (r == 1 && cut) {
			/*
			 * a set beyond those searched may fit as well: the
			 * set found is a suggestion for the rest
			 */
			char ids[256];

			set_ids(m, out, nout, ids, sizeof ids);
			suggest(m, ids, R_AMOUNT, C_NEAR);
			rest = "more of the customer's invoices fit the rest, "
			    "but not all of them were searched";
		} else if (r < 0)
			rest = "the search for more of the customer's invoices "
			    "that fit the rest gave up";
		if (r == 1 && !cut) {
			int more = 0;

			for (i = 0; i < nout; i++)
				if (!(m->inv[out[i]].flags & F_CREDIT))
					more = 1;
			if (!more || C_AMOUNT >= m->o.min_confidence) {
				full_rows(m, p, pl, S, NULL, nS, rule, fitc,
				    more ? "amount fits with more invoices" :
				    "amount fits with its credit note");
				for (i = 0; i < nout; i++) {
					int cn = (m->inv[out[i]].flags & F_CREDIT) != 0;
					struct prow *x = plan_add(pl, out[i], 0,
					    cn ? rule : R_AMOUNT, cn ? fitc : C_AMOUNT,
					    m->inv[out[i]].open, 0, 0);

					snprintf(x->ev, sizeof x->ev, "%s", cn ?
					    "credit note netted" :
					    "rest of the payment fits");
				}
				return;
			}
		}
	}
	/*
	 * less the early-payment discount, within the tolerance; only a
	 * suggestion when the search for a part of them that fits gave up
	 */
	if ((dg > 0 && disc_rows(m, p, pl, S, nS, &gross, rule, unsure ?
	    C_NEAR : fitc, sum - dg, tol_of(m, sum - dg, p->exp))) ||
	    (dn > 0 && dn != dg && disc_rows(m, p, pl, S, nS, &net, rule,
	    unsure ? C_NEAR : fitc, sum - dn, tol_of(m, sum - dn, p->exp))))
		return;
part:
	if (exact_only)
		return;
	/*
	 * a partial payment, or an overpayment; only a suggestion when the
	 * search for a part of them that fits gave up
	 */
	if (unsure)
		nofitc = C_NEAR;
	if (P < sum) {
		alloc_rows(m, p, pl, S, nS, P, rule, nofitc, "partial payment");
		plan_why(pl, unsure ? "partial payment, but the search for the "
		    "invoices named that fit gave up" : "partial payment");
	} else {
		full_rows(m, p, pl, S, NULL, nS, rule, nofitc, "overpayment");
		pl->reason = "overpayment";
		if (unsure)
			plan_why(pl, "paid more than the invoices named, but the "
			    "search for those that fit gave up");
		else if (rest != NULL)
			plan_why(pl, "paid more than the invoices named; %s", rest);
		else
			plan_why(pl, "paid more than the invoices named");
	}
}

/* The payer's name, normalized, once per payment. */
static const char *
payname(struct ar_match *m, const struct pay *p, char *buf)
{
	if (!m->cand_done) {
		ar_textref_name(p->name, buf);
		m->cand_done = 1;
	}
	return buf;
}

static int
name_fits(struct ar_match *m, const struct pay *p, uint32_t c)
{
	const char *pn;

	if (c >= m->ncust || m->cust[c].name == NULL || *p->name == '\0')
		return 0;
	pn = payname(m, p, m->payname);
	if (*pn == '\0')
		return 0;
	return ar_textref_name_fit(pn, m->cust[c].name);
}

/*
 * Whose invoices the hits are: 1 (*c set; *strong if by a strong hit or
 * confirmed by the IBAN), 0 (weak hits only, nothing confirms them), -1
 * (strong hits of several customers, as many each).
 */
static int
hits_customer(struct ar_match *m, const struct pay *p, uint32_t ci,
    uint32_t *c, int *strong)
{
	uint32_t who[MAXHIT], one = NONE;
	size_t cnt[MAXHIT], nw = 0, i, j, best = 0;
	int tie = 0, ncorr = 0, mine = 0, mystrong = 0, myfit = 0;
	uint32_t fitter = NONE;		/* another's that fits; AMBIG: two */

	/*
	 * The payer's own customer (by IBAN) is whose invoices the hits are
	 * when it has any, unless it has no strong hit on an item still open
	 * in the payment's currency, none of its items named equals the
	 * payment, and another customer's strong hit names such an item that
	 * does: then that customer's.  A bare "7" of its own, or one of its
	 * paid invoices, does not outweigh another customer's full number or
	 * reference that fits; when one of its own fits as well it is a tie.
	 */
	for (i = 0; ci < m->ncust && i < m->sc->nhit; i++) {
		const struct hit *h = &m->sc->hit[i];
		const struct inv *v = &m->inv[h->inv];
		int live = v->open != 0 && v->cur == p->curi;

		if (v->cust == ci) {
			mine = 1;
			if (live && h->strength >= 3)
				mystrong = 1;
			if (live && v->open == p->amount)
				myfit = 1;
		} else if (live && h->strength >= 3 && v->open == p->amount &&
		    v->cust != fitter)
			fitter = fitter == NONE ? v->cust : AMBIG;
	}
	if (mine && (mystrong || fitter == NONE)) {
		*c = ci;
		*strong = 1;
		return 1;
	}
	if (mine && (myfit || fitter == AMBIG))
		return -1;
	if (mine) {
		*c = fitter;
		*strong = 1;
		return 1;
	}
	/* strong hits: the customer they point to most */
	for (i = 0; i < m->sc->nhit; i++) {
		uint32_t x = m->inv[m->sc->hit[i].inv].cust;

		if (m->sc->hit[i].strength < 3)
			continue;
		for (j = 0; j < nw && who[j] != x; j++)
			;
		if (j == nw) {
			who[nw] = x;
			cnt[nw++] = 0;
		}
		cnt[j] += m->sc->hit[i].strength;
	}
	for (j = 0; j < nw; j++) {
		if (cnt[j] > best) {
			best = cnt[j];
			*c = who[j];
			tie = 0;
		} else if (cnt[j] == best)
			tie = 1;
	}
	if (nw > 0 && tie) {
		/* the payer's name may tell them apart */
		for (j = 0, tie = 0; j < nw; j++)
			if (cnt[j] == best && name_fits(m, p, who[j]) > 0) {
				*c = who[j];
				tie++;
			}
		tie = tie != 1;
	}
	if (nw > 0) {
		*strong = 1;
		return tie ? -1 : 1;
	}
	/* weak hits: the payer's name may confirm one customer */
	for (i = 0; i < m->sc->nhit; i++) {
		uint32_t x = m->inv[m->sc->hit[i].inv].cust;

		if (x != one && name_fits(m, p, x) > 0) {
			if (one != NONE)
				return 0;
			one = x;
			ncorr++;
		}
	}
	if (one == NONE)
		return 0;
	*c = one;
	*strong = 0;
	return 1;
}

static void
hits_ids(const struct ar_match *m, char *buf, size_t sz)
{
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < m->sc->nhit && n + 1 < sz; i++)
		n += (size_t)snprintf(buf + n, sz - n, "%s%s", i ? " | " : "",
		    inv_id(m, m->sc->hit[i].inv));
	if (n >= sz)
		buf[sz - 1] = '\0';
}

/*
 * The invoices the payment names.  Returns 0 when they decide nothing
 * (weak hits nobody confirms), else 1 with the plan made and *idc the
 * customer the money comes from (NONE if not known).
 */
static int
rule_hits(struct ar_match *m, const struct pay *p, uint32_t ci,
    struct plan *pl, uint32_t *idc)
{
	uint32_t c = NONE, S[MAXSET], W[MAXSET], SW[2 * MAXSET];
	size_t nS = 0, nW = 0, i;
	int strong = 0, r, best = S_PATTERN + 1, fitc, nofitc, rule, closed = 0,
	    other = 0, anystrong = 0, pos = 0;
	char ids[256];

	*idc = NONE;
	if ((r = hits_customer(m, p, ci, &c, &strong)) == 0) {
		hits_ids(m, ids, sizeof ids);
		suggest(m, ids, R_TEXT, C_WEAK_ALONE);
		return 0;
	}
	if (r < 0) {
		hits_ids(m, ids, sizeof ids);
		suggest(m, ids, R_TEXT, C_TIE);
		plan_why(pl, "names invoices of several customers");
		pl->reason = "ambiguous";
		return 1;
	}
	if (m->sc->over >= 3) {
		/* not all weighed: which it pays is for a person */
		hits_ids(m, ids, sizeof ids);
		suggest(m, ids, R_TEXT, C_TIE);
		*idc = strong ? c : NONE;
		pl->cust = *idc;
		plan_why(pl, "names more invoices than are weighed at once");
		pl->reason = "too-many";
		return 1;
	}
	for (i = 0; i < m->sc->nhit; i++)
		if (m->inv[m->sc->hit[i].inv].cust == c && m->sc->hit[i].strength >= 3)
			anystrong = 1;
	for (i = 0; i < m->sc->nhit; i++) {
		const struct hit *h = &m->sc->hit[i];
		const struct inv *v = &m->inv[h->inv];

		if (v->cust != c)
			continue;
		if (anystrong && h->strength < 3) {
			/* a sequence number of the same customer: only if exact */
			if (v->cur == p->curi && v->open != 0 && nW < MAXSET)
				W[nW++] = h->inv;
			continue;
		}
		if (v->cur != p->curi) {
			/* the first in another currency: suggested, and why */
			if (!other)
				plan_why(pl, "%s is in %s, the payment in %s",
				    inv_id(m, h->inv), m->cur[v->cur], p->cur);
			other = 1;
			snprintf(ids, sizeof ids, "%s", inv_id(m, h->inv));
			suggest(m, ids, h->src <= S_UREF ? R_REFERENCE : R_TEXT,
			    C_TIE);
			continue;
		}
		if (v->open == 0) {
			/* the why of the reason given: other-currency first */
			if (!closed && !other)
				plan_why(pl, "%s is already paid", inv_id(m, h->inv));
			closed = 1;
			continue;
		}
		if (nS < MAXSET)
			S[nS++] = h->inv;
		if (h->src < best)
			best = h->src;
	}
	*idc = strong ? c : NONE;
	pl->cust = *idc;
	if (nS == 0) {
		pl->reason = other ? "other-currency" : closed ? "already-paid" :
		    "unidentified";
		return 1;
	}
	switch (best) {
	case S_REF:
		fitc = nofitc = C_REF;
		rule = R_REFERENCE;
		break;
	case S_REFTEXT:
		fitc = nofitc = C_REFTEXT;
		rule = R_REFERENCE;
		break;
	case S_UREF:
		fitc = nofitc = C_UREF;
		rule = R_REFERENCE;
		break;
	default:
		fitc = anystrong ? C_TEXT_FIT : C_WEAK_FIT;
		nofitc = anystrong ? C_TEXT : C_WEAK;
		rule = best == S_PATTERN ? R_PATTERN : R_TEXT;
		break;
	}
	if (nS + nW > MAXSET)
		nW = MAXSET - nS;
	if (nW > 0) {
		memcpy(SW, S, nS * sizeof *S);
		memcpy(SW + nS, W, nW * sizeof *W);
		rule_set(m, p, c, SW, nS + nW, fitc, nofitc, rule, 1, pl);
		if (pl->n > 0) {
			pl->cust = *idc;
			return 1;
		}
		plan_reset(pl);
		for (i = 0; i < nS; i++)
			if (m->inv[S[i]].open > 0)
				pos = 1;
		if (!pos) {
			memcpy(S, SW, (nS + nW) * sizeof *S);
			nS += nW;
			if (nS > MAXSET)
				nS = MAXSET;
		}
	}
	rule_set(m, p, c, S, nS, fitc, nofitc, rule, 0, pl);
	pl->cust = *idc;
	return 1;
}

/*
 * Does invoice k of customer c come to the payment less its early-payment
 * discount: on its open amount, or with the credit notes that correct it
 * (issued by the payment), on its amount or on what they leave?
 */
static int
disc_fits(const struct ar_match *m, const struct pay *p, uint32_t c,
    uint32_t k)
{
	const struct inv *v = &m->inv[k];
	int64_t d = disc_of(m, v, p->value), cn, dn;

	if (d == 0)
		return 0;
	cn = v->issue <= p->value ? cust_cn(m, k, c, p->curi, p->value) : 0;
	dn = disc_on(m, v, p->value, v->amount + cn);
	return v->open - d == p->amount || (cn < 0 &&
	    (v->open + cn - d == p->amount || v->open + cn - dn == p->amount));
}

/* Does another invoice less its own credit notes come to the amount? */
static int
netting_fits(struct ar_match *m, uint32_t c, const struct pay *p,
    uint32_t not)
{
	struct cust *cu = &m->cust[c];
	size_t i;

	for (i = 0; i < cu->ncn; i++) {
		uint32_t k = m->cnitem[cu->cnat + i], y;
		const struct inv *v = &m->inv[k];
		int64_t t;

		if (k == not || v->open <= 0 || v->cur != p->curi ||
		    v->cn_first == NONE)
			continue;
		for (t = v->open, y = v->cn_first; y != NONE; y = m->inv[y].cn_next)
			if (cn_ok(m, y, p->curi)) {
				if (v->open + m->inv[y].open == p->amount)
					return 1;
				t += m->inv[y].open;
			}
		if (t != v->open && t == p->amount)
			return 1;
	}
	return 0;
}

/*
 * Past the first READ_ITEMS: the customer's open invoices (open amount
 * over 0) in the currency, counted up to 2; *only and *total the first.
 */
static size_t
cust_pos(struct ar_match *m, uint32_t c, int cur, uint32_t *only,
    int64_t *total)
{
	struct cust *cu = &m->cust[c];
	size_t i, n = 0;

	for (i = cust_open_from(m, cu); i < cu->n && n < 2; i++) {
		uint32_t k = m->citem[cu->first + i];
		const struct inv *v = &m->inv[k];

		if (v->open > 0 && weighed(v, cur) && n++ == 0) {
			*only = k;
			*total = v->open;
		}
	}
	return n;
}

/*
 * The customer's open invoices of amount P: the first few in allocation
 * order, "A | B | C", into ids.
 */
static void
amount_ids(struct ar_match *m, uint32_t c, int cur, int64_t P, char *ids,
    size_t sz)
{
	struct cust *cu = &m->cust[c];
	int newest = m->o.alloc == AR_ALLOC_NEWEST;
	size_t from = cust_open_from(m, cu), k, n = 0;

	ids[0] = '\0';
	for (k = 0; k < cu->n - from && n < 8; k++) {
		uint32_t x = alloc_nth(m->citem + cu->first, from, cu->n, k,
		    newest);
		const struct inv *v = &m->inv[x];

		if (v->open == P && v->cur == cur)
			snprintf(ids + strlen(ids), sz - strlen(ids), "%s%s",
			    n++ ? " | " : "", inv_id(m, x));
	}
}

/* The payer is customer c by IBAN (learned: from this run or history). */
static void
rule_iban(struct ar_match *m, const struct pay *p, uint32_t c, int learned,
    struct plan *pl)
{
	int64_t P = p->amount, total = 0;
	uint32_t one = NONE, only = NONE;
	size_t n, i, j, cnt = 0, npos = 0, nd;
	int r, less = learned ? C_LEARNED : 0, gaveup = 0, indexed = 0, icut;
	char ev[64], ids[256];
	struct prow *x;

	snprintf(ev, sizeof ev, "iban %.34s%s", p->ibann,
	    learned ? " (learned)" : "");
	pl->cust = c;
	/*
	 * A customer of many open items: the invoices of this amount found
	 * by the amount index, not by reading them all (the same answer)
	 */
	if (m->cust[c].n - cust_open_from(m, &m->cust[c]) > SEARCH_ITEMS &&
	    P > 0 && P <= SEARCH_MAX) {
		uint32_t *link, v;

		indexed = 1;
		if ((link = ai_head(&m->by_camt, camt_key_of(p->curi, P, c),
		    0)) != NULL)
			/* counted up to READ_ITEMS + 1: a tie is a tie */
			while (cnt <= READ_ITEMS && (v = ai_next(m, &m->by_camt,
			    &link, p->curi, P)) != NONE)
				if (m->inv[v].cust == c && cnt++ == 0)
					one = v;
		if (cnt == 1 && !netting_fits(m, c, p, one)) {
			x = plan_add(pl, one, 0, R_IBAN, C_IBAN_ONE - less, P, 0,
			    0);
			snprintf(x->ev, sizeof x->ev, "%s; amount fits", ev);
			return;
		}
	}
	/*
	 * The first READ_ITEMS open items: a reading that fits one of
	 * them is not known to be the only one when there are more (icut)
	 */
	n = cust_items(m, c, p->curi, READ_ITEMS, &icut);
	/* one open invoice of this amount */
	for (i = 0; i < n; i++) {
		const struct inv *v = &m->inv[m->items[i]];

		if (v->open > 0) {
			if (npos++ == 0)
				only = m->items[i];
			total = sadd(total, v->open);
		}
		if (!indexed && v->open == P && cnt++ == 0)
			one = m->items[i];
	}
	if (icut && npos < 2) {
		npos = cust_pos(m, c, p->curi, &only, &total);
		/* the only open invoice, past those read: read it too */
		for (i = 0; npos == 1 && i < n && m->items[i] != only; i++)
			;
		if (npos == 1 && i == n) {
			GROW(m->items, m->nitems, m->capitems);
			m->items[m->nitems++] = only;
			n = m->nitems;
		}
	}
	if (cnt == 1 && !netting_fits(m, c, p, one)) {
		x = plan_add(pl, one, 0, R_IBAN, C_IBAN_ONE - less, P, 0, 0);
		snprintf(x->ev, sizeof x->ev, "%s; amount fits", ev);
		return;
	}
	if (cnt == 1) {
		suggest(m, inv_id(m, one), R_IBAN, C_TIE);
		plan_why(pl, "an invoice less its credit note fits as well");
		pl->reason = "ambiguous";
		return;
	}
	if (cnt > 1) {
		if (icut)
			amount_ids(m, c, p->curi, P, ids, sizeof ids);
		else
			for (i = 0, ids[0] = '\0'; i < n; i++)
				if (m->inv[m->items[i]].open == P)
					snprintf(ids + strlen(ids), sizeof ids -
					    strlen(ids), "%s%s", *ids ? " | " : "",
					    inv_id(m, m->items[i]));
		suggest(m, ids, R_IBAN, C_TIE);
		if (cnt > READ_ITEMS)
			plan_why(pl, "more than %d open invoices of this amount",
			    READ_ITEMS);
		else
			plan_why(pl, "%zu open invoices of this amount", cnt);
		pl->reason = "ambiguous";
		return;
	}
	/*
	 * less the early-payment discount; or with the credit notes that
	 * correct it, less the discount on its amount or on what they leave
	 */
	for (i = 0, cnt = 0; i < n; i++)
		if (disc_fits(m, p, c, m->items[i]) && cnt++ == 0)
			one = m->items[i];
	if (cnt > 1) {
		for (i = 0, ids[0] = '\0'; i < n; i++)
			if (disc_fits(m, p, c, m->items[i]))
				snprintf(ids + strlen(ids), sizeof ids - strlen(ids),
				    "%s%s", *ids ? " | " : "",
				    inv_id(m, m->items[i]));
		suggest(m, ids, R_IBAN, C_TIE);
		plan_why(pl, "%zu open invoices fit less their early-payment "
		    "discount", cnt);
		pl->reason = "ambiguous";
		return;
	}
	nd = cnt;
	/* a set of them, with the credit notes that correct them */
	{
		uint32_t out[MAXK + MAXCN], out2[MAXK + MAXCN];
		int cut;
		size_t nf = fresh_items(m, c, p->curi, p->value, AR_NODATE,
		    AR_NODATE, NULL, 0, READ_ITEMS, m->fresh, &cut), nout = 0,
		    nout2 = 0;

		r = sset_find(m, m->fresh, nf, P, p->exp, 2, AR_NODATE, AR_NODATE,
		    NULL, 0, out, &nout, out2, &nout2);
		gaveup = r < 0;
		/*
		 * one invoice less its discount and a set that fits exactly:
		 * a tie, unless the set is that invoice with its credit notes
		 * (taken before any reading with a discount)
		 */
		for (i = 0, j = 0; nd == 1 && r > 0 && i < nout; i++)
			if (out[i] != one && !(m->inv[out[i]].flags & F_CREDIT))
				j = 1;
		if (nd == 1 && r > 0 && (j || r == 2)) {
			size_t len = (size_t)snprintf(ids, sizeof ids, "%s | ",
			    inv_id(m, one));

			set_ids(m, out, nout, ids + len, sizeof ids - len);
			suggest(m, ids, R_IBAN, C_TIE);
			plan_why(pl, "an invoice less its early-payment discount "
			    "and a set of open items both fit");
			pl->reason = "ambiguous";
			return;
		}
		if (r == 1 || r == 3) {
			/* with a cut, a set beyond those searched may fit too */
			int sure = r == 1 && !cut && !icut;

			for (i = 0; i < nout; i++) {
				x = plan_add(pl, out[i], 0, R_IBAN, sure ?
				    C_IBAN_SET - less : C_NEAR,
				    m->inv[out[i]].open, 0, 0);
				snprintf(x->ev, sizeof x->ev, "%s; amount fits %zu "
				    "items", ev, nout);
			}
			if (r == 3)
				plan_why(pl, "many other sets of open items come "
				    "close to the amount");
			else if (!sure)
				plan_why(pl, "a set fits, but the customer has more "
				    "than %d open invoices: not all were searched",
				    SEARCH_ITEMS);
			return;
		}
		if (r == 2) {
			size_t len = 0;

			/* the first two sets found, whole, as far as they fit */
			ids[0] = '\0';
			for (i = 0; i < nout + nout2; i++) {
				const char *id = inv_id(m, i < nout ? out[i] :
				    out2[i - nout]);
				size_t need = strlen(id) + 3;

				if (i == nout) {	/* the second set: all of it */
					for (j = nout; j < nout + nout2; j++)
						need += strlen(inv_id(m,
						    out2[j - nout])) + 1;
				}
				if (i == nout && len + need >= sizeof ids)
					break;
				if (len + strlen(id) + 4 >= sizeof ids) {
					len = 0;	/* not even one set */
					break;
				}
				len += (size_t)snprintf(ids + len, sizeof ids - len,
				    "%s%s", i == 0 ? "" : i == nout ? " | " : " ",
				    id);
			}
			ids[len] = '\0';
			suggest(m, ids, R_IBAN, C_TIE);
			plan_why(pl, "several sets of open items fit the amount");
			pl->reason = "ambiguous";
			return;
		}
	}
	/* one invoice less its discount, a suggestion if the search gave up */
	if (nd == 1) {
		const struct inv *v = &m->inv[one];
		int cc = gaveup || icut ? C_NEAR : C_IBAN_SET - less;
		int64_t d = disc_of(m, v, p->value), cn = 0;
		uint32_t y;

		if (v->open - d != P) {
			cn = cust_cn(m, one, c, p->curi, p->value);
			if (v->open + cn - d != P)
				d = disc_on(m, v, p->value, v->amount + cn);
		}
		x = plan_add(pl, one, 0, R_IBAN, cc, v->open - d, d, 0);
		snprintf(x->ev, sizeof x->ev, "%s; %sless early-payment discount",
		    ev, cn < 0 ? "credit note netted, " : "");
		for (y = v->cn_first; cn < 0 && y != NONE; y = m->inv[y].cn_next)
			if (cn_of(m, y, c, p->curi, p->value)) {
				x = plan_add(pl, y, 0, R_IBAN, cc,
				    m->inv[y].open, 0, 0);
				snprintf(x->ev, sizeof x->ev, "%s; credit note "
				    "netted", ev);
			}
		if (gaveup)
			plan_why(pl, "less early-payment discount, but the search "
			    "for a set of open invoices that fits gave up");
		else if (icut)
			plan_why(pl, "less early-payment discount, but the customer "
			    "has more than %d open items: not all were read",
			    READ_ITEMS);
		return;
	}
	/* within the tolerance */
	for (i = 0, cnt = 0; i < n; i++) {
		const struct inv *v = &m->inv[m->items[i]];
		int64_t t = tol_of(m, v->open, p->exp);

		if (v->open > 0 && t > 0 && P - v->open <= t && v->open - P <= t &&
		    cnt++ == 0)
			one = m->items[i];
	}
	if (cnt == 1) {
		const struct inv *v = &m->inv[one];
		int64_t amt = P < v->open || m->o.writeoff ? P : v->open;
		/* short by the bank's charges: less, and by little */
		int cc = P < v->open && (v->open - P) * 200 <= v->open ?
		    C_IBAN_TOL - less : C_IBAN_TOLX;

		/*
		 * a set may fit exactly: the search for one gave up; or an
		 * item not read fits as well
		 */
		if (gaveup || icut)
			cc = C_NEAR;

		/*
		 * Short, and the customer's only open invoice: a part of it
		 * (below), as without a tolerance, when that is the surer
		 * reading; a tolerance never makes a match less sure.
		 */
		if (!(P < v->open && npos == 1 && cc < C_IBAN_PART - less)) {
			x = plan_add(pl, one, 0, R_IBAN, cc, amt, 0,
			    m->o.writeoff ? v->open - P : 0);
			snprintf(x->ev, sizeof x->ev, "%s; within tolerance", ev);
			if (gaveup)
				plan_why(pl, "within tolerance, but the search for a "
				    "set of open invoices that fits gave up");
			else if (icut)
				plan_why(pl, "within tolerance, but the customer has "
				    "more than %d open items: not all were read",
				    READ_ITEMS);
			return;
		}
	} else if (cnt > 1) {
		plan_why(pl, "%zu open invoices within tolerance", cnt);
		pl->reason = "ambiguous";
		return;
	}
	/* a part of the only open invoice */
	if (npos == 1 && P < total) {
		x = plan_add(pl, only, 0, R_IBAN, C_IBAN_PART - less, P, 0, 0);
		snprintf(x->ev, sizeof x->ev, "%s; part of the only open invoice",
		    ev);
		plan_why(pl, "partial payment");
		return;
	}
	if (npos == 0) {
		plan_why(pl, "the customer has no open invoice in %s", p->cur);
		pl->reason = "unapplied";
		return;
	}
	if (m->o.alloc == AR_ALLOC_NONE) {
		plan_why(pl, gaveup ? "the search for a set of open invoices "
		    "that fits gave up" : "the amount fits no open invoice");
		pl->reason = "unapplied";
		return;
	}
	/* oldest (or newest) due first, all of them */
	{
		size_t np = 0;

		for (i = 0; i < n; i++)
			if (m->inv[m->items[i]].open > 0) {
				GROW(m->aitem, np, m->capaitem);
				m->aitem[np++] = m->items[i];
			}
		alloc_rows(m, p, pl, m->aitem, np, P, R_ALLOCATION, gaveup ||
		    icut ? C_NEAR : P >= total ? C_ALLOC_ALL : C_ALLOC - less,
		    m->o.alloc == AR_ALLOC_NEWEST ? "newest due first" :
		    "oldest due first");
		for (i = 0; i < pl->n; i++) {
			char e[128];

			snprintf(e, sizeof e, "%s; %.60s", ev, pl->r[i].ev);
			snprintf(pl->r[i].ev, sizeof pl->r[i].ev, "%s", e);
		}
		if (icut)
			plan_why(pl, "the customer has more than %d open items: "
			    "not all were read", READ_ITEMS);
		else
			plan_why(pl, gaveup ? "the search for a set of open "
			    "invoices that fits gave up" : "the amount fits no set "
			    "of open invoices");
	}
}

/* Look the batch up: its keys were fetched into the cache as they came. */
static void
name_flush(struct ar_match *m, const struct pay *p, struct nscan *ns)
{
	uint32_t *link, v;
	size_t k, t;

	for (k = 0; k < ns->nk && !ns->over; k++) {
		t = ns->key[k].t;
		if ((link = ai_head(&m->by_word, ns->key[k].h, 0)) == NULL)
			continue;
		while ((v = ai_next(m, &m->by_word, &link, p->curi, ns->try[t])) !=
		    NONE) {
			const struct inv *iv = &m->inv[v];

			if (t > 0 && iv->open - disc_of(m, iv, p->value) != p->amount)
				continue;
			if (ns->ncand == MAXCAND) {
				/* too many to weigh: none is taken */
				ns->over = 1;
				break;
			}
			if (ns->ncand == ns->capcand) {
				ns->capcand = ns->capcand ? 2 * ns->capcand : 64;
				ns->cand = ar_xrealloc(ns->cand, ns->capcand *
				    sizeof *ns->cand);
				ns->tmp = ar_xrealloc(ns->tmp, ns->capcand *
				    sizeof *ns->tmp);
			}
			ns->cand[ns->ncand++] = v;
		}
	}
	ns->nk = 0;
}

/*
 * The invoices met, in allocation order, each once, and only those
 * whose customer's name fits: the same whatever the order of the
 * invoices.  Returns how many.
 */
static size_t
name_cands(struct ar_match *m, const struct pay *p, struct nscan *ns)
{
	uint32_t v, prev = NONE;
	size_t i, n = 0;

	sort_inv(m, ns->cand, ns->tmp, ns->ncand);
	for (i = 0; i < ns->ncand; prev = v, i++)
		if ((v = ns->cand[i]) != prev &&
		    name_fits(m, p, m->inv[v].cust) > 0)
			ns->cand[n++] = v;
	return ns->ncand = n;
}

/*
 * The payer's name and the amount: open invoices of exactly this amount
 * (or this amount plus the early-payment discount) whose customer's name
 * fits.
 */
static void
rule_name(struct ar_match *m, const struct pay *p, struct plan *pl)
{
	int64_t P = p->amount, try[1 + 5 * (MAXRATE + 1)];
	struct nscan *ns = m->nscan;
	uint32_t only = NONE, *link;
	size_t ntry = 1, t, j, n, r;
	int bp;
	const char *pn, *w;
	struct prow *x;

	try[0] = P;
	/* the option's discount rate, and the invoices' own */
	for (r = 0; r <= m->ndbp && P <= SEARCH_MAX; r++) {
		/* invoice amounts A with A - A * bp (half up) = P */
		int64_t g, d;

		bp = r == 0 ? m->o.disc_bp : m->dbp[r - 1];
		if (bp <= 0 || bp >= 10000 || (r > 0 && bp == m->o.disc_bp) ||
		    (__int128)P * 10000 / (10000 - bp) > SEARCH_MAX)
			continue;
		g = (int64_t)((__int128)P * 10000 / (10000 - bp));
		for (d = -2; d <= 2; d++)
			if (g + d > P && g + d - bp_of(g + d, bp, 1) == P) {
				for (j = 1; j < ntry && try[j] != g + d; j++)
					;
				if (j == ntry)
					try[ntry++] = g + d;
			}
	}
	ns->try = try;
	ns->nk = ns->ncand = 0;
	ns->over = 0;
	pn = *p->name != '\0' ? payname(m, p, m->payname) : "";
	/*
	 * Open invoices of this amount whose customer's name has a word of
	 * the payer's, and a word starting as another of the payer's does:
	 * the keys of a batch first, each fetched ahead, then the lookups.
	 */
	for (w = pn; *w != '\0'; w += n, w += *w == ' ') {
		const char *o;
		size_t on, k;

		n = strcspn(w, " ");
		if (n < 2)
			continue;
		for (o = pn, k = 0; k == 0 || *o != '\0';
		    k == 0 ? (void)0 : (void)(o += on, o += *o == ' '), k++) {
			int initial = 0;

			on = 0;
			if (k > 0) {
				on = strcspn(o, " ");
				if (o == w)
					continue;
				initial = (unsigned char)*o;
			}
			for (t = 0; t < ntry; t++) {
				if (ns->nk == MAXNK)
					name_flush(m, p, ns);
				ns->key[ns->nk].h = name_key(p->curi, try[t], w, n,
				    initial);
				ns->key[ns->nk].t = (uint8_t)t;
				ai_prefetch(&m->by_word, ns->key[ns->nk++].h);
			}
		}
	}
	name_flush(m, p, ns);
	if (ns->over) {
		plan_why(pl, "too many open invoices of this amount for names "
		    "like this to weigh");
		pl->reason = "ambiguous";
		return;
	}
	if (name_cands(m, p, ns) == 1) {
		uint32_t best = ns->cand[0];
		int fit = name_fits(m, p, m->inv[best].cust);
		int64_t d = m->inv[best].open - P;
		const struct cust *cu = &m->cust[m->inv[best].cust];
		/* "A EO B": an account of two; which one pays is a guess */
		int two = strstr(pn, " EO ") != NULL;

		x = plan_add(pl, best, 0, R_NAME, two ? C_NEAR : d != 0 ?
		    C_NAME_SET : fit == 2 ? C_NAME_EXACT : C_NAME_CLOSE,
		    P, d, 0);
		snprintf(x->ev, sizeof x->ev, "name %.40s ~ %.40s%s", p->name,
		    cu->disp ? cu->disp : "",
		    d ? "; less early-payment discount" : "");
		pl->cust = NONE;
		return;
	}
	if (ns->ncand > 1) {
		char ids[256];
		size_t len = 0;

		/* as many as the column takes */
		for (j = 0; j < ns->ncand; j++) {
			const char *id = inv_id(m, ns->cand[j]);

			if (len + strlen(id) + 4 >= sizeof ids)
				break;
			len += (size_t)snprintf(ids + len, sizeof ids - len, "%s%s",
			    j ? " | " : "", id);
		}
		ids[len] = '\0';
		suggest(m, ids, R_NAME, C_TIE);
		plan_why(pl, "%zu open invoices of this amount for this name",
		    ns->ncand);
		pl->reason = "ambiguous";
		return;
	}
	/* one open invoice in the book has this amount */
	if ((link = ai_head(&m->by_amt, amt_hash(p->curi, P, "", 0), 0)) != NULL &&
	    (only = ai_next(m, &m->by_amt, &link, p->curi, P)) != NONE) {
		uint32_t v;

		if ((v = ai_next(m, &m->by_amt, &link, p->curi, P)) == NONE) {
			suggest(m, inv_id(m, only), R_AMOUNT, 30);
			plan_why(pl, "only the amount fits %s", inv_id(m, only));
		}
	}
}

/* ---- money in, money out, reversals, confirmed matches ---- */

/* The customer by IBAN: from the customers file or history, else learned. */
static uint32_t
iban_cust(struct ar_match *m, const struct pay *p, int *learned)
{
	uint32_t c;

	*learned = 0;
	if (*p->ibann == '\0')
		return NONE;
	if ((c = p->fcust) != NONE)
		return c == AMBIG ? NONE : c;
	if ((c = iban_get(&m->learn_tab, m->learned, p->ibann)) != NONE &&
	    c != AMBIG) {
		*learned = 1;
		return c;
	}
	return NONE;
}

static void
money_in(struct ar_match *m, const struct pay *p)
{
	struct plan *pl = &m->plan;
	uint32_t ci, idc;
	int learned;

	ci = iban_cust(m, p, &learned);
	plan_reset(pl);
	if (m->sc->nhit > 0 && rule_hits(m, p, ci, pl, &idc)) {
		decide(m, p, pl, idc, "unidentified");
		return;
	}
	plan_reset(pl);
	if (ci != NONE)
		rule_iban(m, p, ci, learned, pl);
	else
		rule_name(m, p, pl);
	if (m->sc->unknown && pl->n > 0 && pl->conf > C_NEAR) {
		/* the payer named an invoice this book does not have */
		size_t i;

		for (i = 0; i < pl->n; i++)
			if (pl->r[i].conf > C_NEAR)
				pl->r[i].conf = C_NEAR;
		pl->conf = C_NEAR;
		plan_why(pl, "the text names %s, which is not in the book",
		    m->sc->unknown_s);
	}
	if (pl->n == 0 && pl->why[0] == '\0')
		plan_why(pl, m->sc->unknown ? "the text names a number that is not "
		    "in the book" : "no reference, invoice number, known IBAN "
		    "or name with a fitting amount");
	decide(m, p, pl, ci, ci != NONE ? "unapplied" : "unidentified");
}

/*
 * A refund of part of customer c's credit: the credits the payment names
 * first, then the oldest unapplied money (an earlier run's, then this
 * run's); open credit notes only when named (m->items[0, n) from
 * cust_items, in allocation order).
 */
static void
refund_part(struct ar_match *m, const struct pay *p, struct plan *pl,
    uint32_t c, size_t n, int conf, const char *ev)
{
	struct credit *cr;
	size_t ncr = 0, nit, i, j;
	int64_t left = p->amount, avail = 0;
	uint32_t x;
	struct prow *r;

	/*
	 * Open items of the credit an earlier run left (type unapplied) are
	 * such money too, and older; a credit note only when named: refunds
	 * of part of one are rare, and goodwill money out is no reason to
	 * close a credit note.
	 */
	for (i = 0; i < n; i++) {
		uint32_t k = m->items[i];
		int named = hit_of(m, k) != NULL;

		if (m->inv[k].open >= 0 || (!named &&
		    strcmp(item_type(m, k), "unapplied") != 0))
			continue;
		GROW(m->cr, ncr, m->capcr);
		m->cr[ncr].item = k;
		m->cr[ncr].cash = 0;
		m->cr[ncr++].named = named;
	}
	/* then this run's (the cash list is newest first: reversed) */
	nit = ncr;
	for (x = m->cust[c].cash; x != NONE; x = m->cash[x].next) {
		const struct cash *k = &m->cash[x];

		if (k->open >= 0 || k->cur != p->curi)
			continue;
		GROW(m->cr, ncr, m->capcr);
		m->cr[ncr].item = x;
		m->cr[ncr].cash = 1;
		m->cr[ncr++].named = k->src != NONE && hit_of(m, k->src) != NULL;
	}
	for (i = nit, j = ncr; i + 1 < j; i++, j--) {
		struct credit t = m->cr[i];

		m->cr[i] = m->cr[j - 1];
		m->cr[j - 1] = t;
	}
	/* named first, the order kept otherwise */
	if (ncr > m->capcrt) {
		m->capcrt = ncr;
		m->crt = ar_xrealloc(m->crt, ncr * sizeof *m->crt);
	}
	for (i = 0, j = 0; i < ncr; i++)
		if (m->cr[i].named)
			m->crt[j++] = m->cr[i];
	for (i = 0; i < ncr; i++)
		if (!m->cr[i].named)
			m->crt[j++] = m->cr[i];
	cr = m->crt;
	for (i = 0; i < ncr; i++)
		avail = sadd(avail, cr[i].cash ? m->cash[cr[i].item].open :
		    m->inv[cr[i].item].open);
	if (avail > left) {
		plan_why(pl, "the refund fits none of the customer's credits, and "
		    "is more than its unapplied money and the credit notes named");
		return;
	}
	for (i = 0; i < ncr && left < 0; i++) {
		int64_t open = cr[i].cash ? m->cash[cr[i].item].open :
		    m->inv[cr[i].item].open, a = open < left ? left : open;

		r = plan_add(pl, cr[i].item, cr[i].cash, R_REFUND, conf, a, 0, 0);
		snprintf(r->ev, sizeof r->ev, "%s; part of the credit%s", ev,
		    cr[i].named ? " named" : "");
		left -= a;
	}
	plan_why(pl, "a refund of part of the customer's credit");
}

/*
 * A refund of what a credit note of customer c leaves once netted with
 * the open invoice it corrects (m->items[0, n) from cust_items): 1 when
 * one such pair (or one the text names: *named) comes to the amount, *y
 * the credit note and *t the invoice; else the number of pairs that do.
 */
static size_t
cn_pair(const struct ar_match *m, const struct pay *p, uint32_t c,
    const uint32_t *list, size_t n, uint32_t *y, uint32_t *t, int *named)
{
	size_t i, nall = 0, nnamed = 0;
	uint32_t x, k;

	for (i = 0; i < n; i++) {
		k = list[i];
		if (m->inv[k].open <= 0 || !weighed(&m->inv[k], p->curi))
			continue;
		for (x = m->inv[k].cn_first; x != NONE; x = m->inv[x].cn_next) {
			int this;

			if (!cn_ok(m, x, p->curi) || m->inv[x].cust != c ||
			    sadd(m->inv[x].open, m->inv[k].open) != p->amount)
				continue;
			this = hit_of(m, x) != NULL || hit_of(m, k) != NULL;
			if (this ? nnamed++ == 0 : nnamed == 0 && nall == 0) {
				*y = x;
				*t = k;
			}
			nall++;
		}
	}
	*named = nnamed > 0;
	return nnamed > 0 ? nnamed : nall;
}

/*
 * The customer's open items that money out reads, into m->items in
 * allocation order: its credits (negative open amounts), from the list
 * of its items of a negative amount, unless an item's open amount has
 * ever had the other sign (then all of them).
 */
static size_t
money_items(struct ar_match *m, uint32_t c, int cur)
{
	struct cust *cu = &m->cust[c];
	uint32_t *a = m->negitem + cu->negat;
	int newest = m->o.alloc == AR_ALLOC_NEWEST, cut;
	size_t k, closed = 0;

	if (cu->odd)
		return cust_items(m, c, cur, SIZE_MAX, &cut);
	m->nitems = 0;
	for (k = 0; k < cu->nnegl; k++) {
		uint32_t x = alloc_nth(a, 0, cu->nnegl, k, newest);

		if (m->inv[x].open >= 0)
			closed++;
		else if (weighed(&m->inv[x], cur)) {
			GROW(m->items, m->nitems, m->capitems);
			m->items[m->nitems++] = x;
		}
	}
	if (closed > 64 && closed * 2 > cu->nnegl)
		neg_apart(m, cu);
	return m->nitems;
}

/*
 * The credits used up out of customer c's list of unapplied cash, for
 * good unless one is open again (apply_row): refunds read the list, and
 * a customer refunded many times would have them all read each time.
 * Read as far as READ_ITEMS + 1 open credits: returns how many it read.
 */
static size_t
cash_prune(struct ar_match *m, uint32_t c)
{
	uint32_t *l = &m->cust[c].cash;
	size_t live = 0;

	while (*l != NONE && live <= READ_ITEMS)
		if (m->cash[*l].open == 0) {
			m->cash[*l].off = 1;
			*l = m->cash[*l].next;
		} else {
			live++;
			l = &m->cash[*l].next;
		}
	return live;
}

/* Money out: a refund of a customer's credit, or not receivables at all. */
static void
money_out(struct ar_match *m, const struct pay *p)
{
	struct plan *pl = &m->plan;
	uint32_t ci, c = NONE, one = NONE, x = NONE, pinv = NONE;
	int learned, strong = 0, onecash = 0, conf, named, pnamed;
	int64_t P = p->amount, sum = 0;
	size_t n, i, cnt = 0, ncred = 0, npair = 0;
	struct prow *r;
	char ev[64];

	ci = iban_cust(m, p, &learned);
	plan_reset(pl);
	if (m->sc->nhit > 0 && hits_customer(m, p, ci, &c, &strong) == 1 &&
	    (strong || c == ci))
		conf = C_REFUND;
	else {
		c = ci;
		conf = C_REFUND_IBAN - (learned ? C_LEARNED : 0);
	}
	if (c >= m->ncust) {
		plan_why(pl, "money out, not to a known customer");
		decide(m, p, pl, NONE, "money-out");
		return;
	}
	snprintf(ev, sizeof ev, "refund to %.40s", m->cust[c].id);
	/*
	 * More than READ_ITEMS credits, this run's or open items (an earlier
	 * run's unapplied money, credit notes): not weighed, so that the time
	 * a refund takes stays bounded.
	 */
	if (cash_prune(m, c) + m->cust[c].ncredit > READ_ITEMS) {
		plan_why(pl, "the customer has more than %d open credits: "
		    "which the refund takes is not weighed", READ_ITEMS);
		pl->reason = "too-many";
		pl->cust = c;
		decide(m, p, pl, c, "refund-uncovered");
		return;
	}
	/* credits: unapplied cash of the customer, open credit notes */
	for (x = m->cust[c].cash; x != NONE; x = m->cash[x].next) {
		const struct cash *k = &m->cash[x];

		if (k->open >= 0 || k->cur != p->curi)
			continue;
		ncred++;
		sum = sadd(sum, k->open);
		/* the overpayment of an invoice the text names comes first */
		if (k->open == P && (cnt++ == 0 || (k->src != NONE &&
		    hit_of(m, k->src) != NULL))) {
			one = x;
			onecash = 1;
		}
	}
	n = money_items(m, c, p->curi);
	for (i = 0; i < n; i++) {
		const struct inv *v = &m->inv[m->items[i]];

		if (v->open >= 0)
			continue;
		ncred++;
		sum = sadd(sum, v->open);
		if (v->open == P && (cnt++ == 0 || hit_of(m, m->items[i]))) {
			if (!onecash || hit_of(m, m->items[i])) {
				one = m->items[i];
				onecash = 0;
			}
		}
	}
	/* a pair the text names comes before a credit it does not name */
	npair = m->cust[c].odd ? cn_pair(m, p, c, m->items, n, &x, &pinv,
	    &pnamed) : cn_pair(m, p, c, m->cnitem + m->cust[c].cnat,
	    m->cust[c].ncn, &x, &pinv, &pnamed);
	named = one != NONE && (onecash ? (m->cash[one].src != NONE &&
	    hit_of(m, m->cash[one].src) != NULL) : hit_of(m, one) != NULL);
	if (npair == 1 && pnamed && !named) {
		cnt = 0;
		one = NONE;
	}
	if (one != NONE && (cnt == 1 || named)) {
		r = plan_add(pl, one, onecash, R_REFUND, conf, P, 0, 0);
		snprintf(r->ev, sizeof r->ev, "%s; amount fits", ev);
	} else if (ncred > 0 && sum == P) {
		for (x = m->cust[c].cash; x != NONE; x = m->cash[x].next)
			if (m->cash[x].open < 0 &&
			    m->cash[x].cur == p->curi) {
				r = plan_add(pl, x, 1, R_REFUND, conf,
				    m->cash[x].open, 0, 0);
				snprintf(r->ev, sizeof r->ev, "%s; all credit", ev);
			}
		for (i = 0; i < n; i++)
			if (m->inv[m->items[i]].open < 0) {
				r = plan_add(pl, m->items[i], 0, R_REFUND, conf,
				    m->inv[m->items[i]].open, 0, 0);
				snprintf(r->ev, sizeof r->ev, "%s; all credit", ev);
			}
	} else if (cnt == 0 && npair == 1) {
		r = plan_add(pl, pinv, 0, R_REFUND, conf, m->inv[pinv].open, 0, 0);
		snprintf(r->ev, sizeof r->ev, "%s; credit note netted", ev);
		r = plan_add(pl, x, 0, R_REFUND, conf, m->inv[x].open, 0, 0);
		snprintf(r->ev, sizeof r->ev, "%s; credit note netted", ev);
	} else if (cnt == 0 && npair > 1) {
		plan_why(pl, "%zu credit notes come to this amount netted with "
		    "the invoices they correct", npair);
		pl->reason = "ambiguous";
	} else if (cnt > 1) {
		plan_why(pl, "%zu credits of this amount", cnt);
		pl->reason = "ambiguous";
	} else if (ncred > 0 && P > sum)
		refund_part(m, p, pl, c, n, conf - C_REFUND_PART, ev);
	else
		plan_why(pl, ncred ? "the refund is more than the customer's "
		    "credit" : "the customer has no credit to refund");
	pl->cust = c;
	decide(m, p, pl, c, "refund-uncovered");
}

static uint32_t
done_find(const struct ar_match *m, uint64_t txnh)
{
	size_t pos = SIZE_MAX;
	uint32_t v;

	while (ht_next(&m->txn_tab, txnh, &pos, &v))
		if (m->done[v].txnh == txnh)
			return v;
	return NONE;
}

/* Was item i read from a file of open items (an earlier run's output)? */
static int
from_open_items(const struct ar_match *m, uint32_t i)
{
	return m->files[m->inv[i].file].c.paid_amount >= 0;
}

/*
 * Does item i, as read, show a payment of day book (AR_NODATE: of any
 * day)?  Its last payment date is then that day or later.
 */
static int
shows_payment(const struct ar_match *m, uint32_t i, ar_date book)
{
	const struct inv *v = &m->inv[i];
	ar_date last;

	if (!from_open_items(m, i) || ar_date_parse(rowf(v->row,
	    m->files[v->file].c.last_payment_date), 0, &last) != NULL)
		return 0;
	return book == AR_NODATE || last >= book;
}

static void
hist_warn(struct ar_match *m, const struct hrow *hr, const char *what,
    const char *cur, int big)
{
	struct ar_err e = { 0 };

	e.file = hr->file;
	if (big)
		ar_err_set(&e, hr->line, "'%s' is too large (the limit is 10^15 "
		    "minor units): application of %s left out", what, hr->txn);
	else
		ar_err_set(&e, hr->line, "'%s' is not an amount in %s: "
		    "application of %s left out", what, cur, hr->txn);
	say(m, &e);
}

/*
 * Payment txn in an earlier run, whose open items are read: the
 * applications the -H files record for it, and the credit it left (an
 * open item of type unapplied named by its txn_id), are already in those
 * items.  Made the applications of done entry d (for a reversal) and
 * returns 1 with why said; 0 when the items do not hold the payment.
 */
static int
hist_applied(struct ar_match *m, const char *txn, ar_date book, uint32_t d,
    char *why, size_t sz)
{
	uint32_t k, v, credit, head;
	size_t pos;
	int held = 0;

	if (!m->openitems)
		return 0;	/* no open items read: nothing is held */
	credit = inv_find(m, txn);
	if (credit != NONE && (!from_open_items(m, credit) ||
	    strcmp(item_type(m, credit), "unapplied") != 0))
		credit = NONE;
	head = hist_find(m, txn, &pos);
	for (k = head; k != NONE && !held; k = m->hrow[k].next)
		held = *m->hrow[k].inv != '\0' && *m->hrow[k].amount_s != '\0' &&
		    (v = inv_find(m, m->hrow[k].inv)) != NONE &&
		    shows_payment(m, v, book);
	if (!held && credit == NONE)
		return 0;
	for (k = head; k != NONE; k = m->hrow[k].next) {
		const struct hrow *hr = &m->hrow[k];
		const char *bad;
		struct apl *a;
		int exp, big;
		int64_t amt, disc = 0, woff = 0;

		if (*hr->inv == '\0' || *hr->amount_s == '\0' ||
		    (v = inv_find(m, hr->inv)) == NONE || !from_open_items(m, v) ||
		    (*hr->cur != '\0' && strcmp(hr->cur, m->cur[m->inv[v].cur]) != 0))
			continue;
		exp = m->curexp[m->inv[v].cur];
		bad = ar_money_parse(hr->amount_s, exp, 0, &amt) != NULL ?
		    hr->amount_s : *hr->disc_s && ar_money_parse(hr->disc_s, exp,
		    0, &disc) != NULL ? hr->disc_s : *hr->woff_s &&
		    ar_money_parse(hr->woff_s, exp, 0, &woff) != NULL ?
		    hr->woff_s : NULL;
		big = bad == NULL && (too_big(amt) || too_big(disc) ||
		    too_big(woff));
		if (big)
			bad = too_big(amt) ? hr->amount_s : too_big(disc) ?
			    hr->disc_s : hr->woff_s;
		if (bad != NULL) {
			hist_warn(m, hr, bad, m->cur[m->inv[v].cur], big);
			continue;
		}
		GROW(m->apl, m->napl, m->capapl);
		a = &m->apl[m->napl];
		a->item = v;
		a->cash = 0;
		a->amt = amt;
		a->disc = disc;
		a->woff = woff;
		if (m->done[d].napl == 0)
			m->done[d].apl = (uint32_t)m->napl;
		m->done[d].napl++;
		m->napl++;
	}
	m->done[d].hcredit = credit;
	if (head != NONE)
		snprintf(why, sz, "applied in an earlier run (%s:%ld); the open "
		    "items read hold it", m->hrow[head].file, m->hrow[head].line);
	else
		snprintf(why, sz, "held already as the credit %s of the open "
		    "items read", txn);
	return 1;
}

/*
 * A payment of an earlier run that a reversal names: a done entry with
 * what it applied (hist_applied), or NONE.  It goes in txn_tab, marked,
 * so that a second reversal finds it reversed.
 */
/*
 * Do the confirmed rows of payment txn (from head) name the invoices its
 * -H rows applied it to, or no invoice when they applied it to none?
 */
static int
conf_as_hist(const struct ar_match *m, const char *txn, uint32_t head)
{
	uint32_t k, first, h;
	size_t pos;

	first = hist_find(m, txn, &pos);
	for (k = head; k != NONE; k = m->conf[k].next) {
		const char *inv = m->conf[k].inv;

		for (h = first; h != NONE; h = m->hrow[h].next)
			if (*m->hrow[h].inv != '\0' && (*inv == '\0' ||
			    strcmp(m->hrow[h].inv, inv) == 0))
				break;
		if ((*inv == '\0') != (h == NONE))
			return 0;
	}
	return 1;
}

/*
 * A done entry for payment txn of an earlier run, which a reversal of
 * day book names: NONE when the open items do not hold it, or when it
 * was booked after the reversal (in one run, the reversal would have
 * come first and found nothing: the same when read again).
 */
static uint32_t
hist_done(struct ar_match *m, const char *txn, ar_date book)
{
	struct done *d;
	char why[256];
	size_t pos;
	uint32_t k;

	for (k = hist_find(m, txn, &pos); k != NONE; k = m->hrow[k].next)
		if (m->hrow[k].book != AR_NODATE && m->hrow[k].book > book)
			return NONE;
	GROW(m->done, m->ndone, m->capdone);
	d = &m->done[m->ndone];
	memset(d, 0, sizeof *d);
	d->txn = pool_str(&m->rpool, txn, strlen(txn));
	d->txnh = hashs(txn);
	d->cash = d->hcredit = NONE;
	d->cur = NOCUR;		/* the items it applied to say */
	d->hist = 1;
	if (!hist_applied(m, txn, AR_NODATE, (uint32_t)m->ndone, why,
	    sizeof why))
		return NONE;
	d->reversed = (uint8_t)hist_reversed(m, txn);
	ht_put(&m->txn_tab, d->txnh, (uint32_t)m->ndone);
	return (uint32_t)m->ndone++;
}

/* Payment done i by its texts and amount (pairh), for the reversals. */
static void
pair_put(struct ar_match *m, uint32_t i)
{
	if (m->cappnext < m->capdone) {
		m->cappnext = m->capdone;
		m->pnext = ar_xrealloc(m->pnext, m->cappnext *
		    sizeof *m->pnext);
	}
	mm_put(&m->pair_tab, m->pnext, m->done[i].pairh, i);
}

/*
 * The payments under hash h that are reversed, dropped from the head of
 * its list: reversed is for good, and a run of reversals of equal
 * payments (a direct debit taken back each month) would walk them all.
 * The last one stays, the key's slot with it.
 */
static void
pair_prune(struct ar_match *m, uint64_t h)
{
	size_t pos = SIZE_MAX;
	uint32_t cur;

	if (!ht_next(&m->pair_tab, h, &pos, &cur))
		return;
	while ((cur & MM_MORE) && m->done[cur & ~MM_MORE].reversed) {
		cur = m->pnext[cur & ~MM_MORE];
		ht_setval(&m->pair_tab, pos, cur);
	}
}

static void
reversal(struct ar_match *m, const struct pay *p)
{
	struct plan *pl = &m->plan;
	uint32_t o = NONE, v;
	struct done *d;
	size_t i;
	char ev[96];

	plan_reset(pl);
	if (*p->revof != '\0') {
		if ((o = done_find(m, hashs(p->revof))) == NONE)
			o = hist_done(m, p->revof, p->book);
	} else {
		uint64_t h = p->pairh;
		struct mmpos pos = { 0, 0 };

		/*
		 * the latest payment of the same texts and amount not
		 * reversed: the first met, since pair_put puts them in the
		 * order they are done, and mm_next gives the last put first
		 */
		pair_prune(m, h);
		while (mm_next(&m->pair_tab, m->pnext, h, &pos, &v))
			if (m->done[v].pairh == h && !m->done[v].reversed) {
				o = v;
				break;
			}
	}
	if (o == NONE || m->done[o].reversed) {
		plan_why(pl, o == NONE ? "no earlier payment found that it "
		    "reverses" : "the payment it reverses is reversed already");
		decide(m, p, pl, NONE, "reversal-unknown");
		return;
	}
	d = &m->done[o];
	if (d->cur != NOCUR && d->cur != p->curi) {
		plan_why(pl, "the reversal is in %s, the payment it reverses "
		    "(%.60s) in %s", p->cur, d->txn, m->cur[d->cur]);
		decide(m, p, pl, NONE, "other-currency");
		return;
	}
	snprintf(ev, sizeof ev, "reverses %.*s%s", REVNAME, d->txn, *p->revof ? "" :
	    " (same texts and amount)");
	/* undo what it applied, last first */
	for (i = d->napl; i-- > 0;) {
		const struct apl *a = &m->apl[d->apl + i];
		struct prow *r = plan_add(pl, a->item, a->cash, R_REVERSAL,
		    C_REF, -a->amt, -a->disc, -a->woff);

		snprintf(r->ev, sizeof r->ev, "%s", ev);
	}
	/* and the credit it left */
	if (d->cash != NONE) {
		struct prow *r = plan_add(pl, d->cash, 1, R_REVERSAL, C_REF,
		    m->cash[d->cash].amount, 0, 0);

		snprintf(r->ev, sizeof r->ev, "%s", ev);
	}
	/*
	 * or left in an earlier run: all of it, as in one run (a part
	 * refunded since is then owed)
	 */
	if (d->hcredit != NONE && m->inv[d->hcredit].amount != 0) {
		struct prow *r = plan_add(pl, d->hcredit, 0, R_REVERSAL, C_REF,
		    m->inv[d->hcredit].amount, 0, 0);

		snprintf(r->ev, sizeof r->ev, "%s", ev);
	}
	/* money in one currency does not undo money in another */
	for (i = 0; i < pl->n; i++) {
		const struct prow *r = &pl->r[i];
		int c = r->cash ? m->cash[r->item].cur : m->inv[r->item].cur;

		if (c != p->curi) {
			plan_reset(pl);
			plan_why(pl, "the reversal is in %s, the payment it "
			    "reverses (%.60s) in %s", p->cur, d->txn, m->cur[c]);
			decide(m, p, pl, NONE, "other-currency");
			return;
		}
	}
	d->reversed = 1;
	if (pl->n == 0) {
		plan_why(pl, "the payment it reverses was not applied");
		decide(m, p, pl, NONE, "reversal");
		return;
	}
	/*
	 * The items keep the reversal's date as their last payment date,
	 * also when nothing is paid any more: a rerun that reads the
	 * payment again (-H) sees these items hold it, and its reversal.
	 */
	for (i = 0; i < pl->n; i++)
		apply_row(m, p, &pl->r[i]);
	{
		int64_t used = 0;

		for (i = 0; i < pl->n; i++)
			used += pl->r[i].amt;
		if (used == p->amount)
			m->st.applied++;
		else {
			/* the rest is the customer's, when it is one customer */
			uint32_t c = NONE, k;

			for (i = 0; i < pl->n; i++) {
				k = pl->r[i].cash ? m->cash[pl->r[i].item].cust :
				    m->inv[pl->r[i].item].cust;
				if (i > 0 && k != c)
					k = NONE;
				if ((c = k) == NONE)
					break;
			}
			plan_why(pl, "the reversal and what it reverses differ in "
			    "amount");
			rest_money(m, p, p->amount - used, c, NONE, "reversal",
			    pl->why);
		}
	}
}

/* A person's matches for this payment: they win. */
/* The confirmed rows of a payment, in invoice order (then file order). */
static int
cfrow_cmp(const void *a, const void *b)
{
	const struct cfrow *x = a, *y = b;
	int c = strcmp(x->inv, y->inv);

	return c != 0 ? c : x->id < y->id ? -1 : x->id > y->id;
}

static void
confirmed(struct ar_match *m, const struct pay *p, uint32_t head)
{
	struct plan *pl = &m->plan;
	struct cfrow *cr;
	uint32_t k, c = NONE;
	int64_t off = 0, paid = 0, a, taken;
	size_t n = 0, i;
	struct prow *r;
	int none = 0, sgn, pass;

	plan_reset(pl);
	for (k = head; k != NONE; k = m->conf[k].next) {
		const struct conf *cf = &m->conf[k];
		uint32_t v;

		if (*cf->inv == '\0') {
			none = 1;
			continue;
		}
		if ((v = inv_find(m, cf->inv)) == NONE) {
			struct ar_err e = { 0 };

			e.file = m->conf_file;
			ar_err_set(&e, cf->line, "confirmed match of %s: no invoice "
			    "'%s'", p->txn, cf->inv);
			say(m, &e);
			continue;
		}
		if (m->inv[v].cur != p->curi) {
			struct ar_err e = { 0 };

			e.file = m->conf_file;
			ar_err_set(&e, cf->line, "confirmed match of %s: invoice "
			    "'%s' is in %s, the payment in %s", p->txn, cf->inv,
			    m->cur[m->inv[v].cur], p->cur);
			say(m, &e);
			continue;
		}
		if (cf->amount_s != NULL &&
		    ar_money_parse(cf->amount_s, p->exp, 0, &a) != NULL) {
			struct ar_err e = { 0 };

			e.file = m->conf_file;
			ar_err_set(&e, cf->line, "confirmed match of %s: amount "
			    "'%s' is not an amount in %s", p->txn, cf->amount_s,
			    p->cur);
			say(m, &e);
			continue;
		}
		GROW(m->cfr, n, m->capcfr);
		memset(&m->cfr[n], 0, sizeof m->cfr[n]);
		m->cfr[n].id = k;
		m->cfr[n].inv = cf->inv;
		m->cfr[n++].item = v;
	}
	/* in invoice order, whatever the order of the file */
	cr = m->cfr;
	if (n > 1)
		qsort(cr, n, sizeof *cr, cfrow_cmp);
	/*
	 * Money moves each item's way, at most what is open: money in pays
	 * invoices, and credit notes named with them offset what it pays;
	 * money out the other way round.  The items that offset go first
	 * (what the payment can pay grows by them); the others take at most
	 * what the payment has left; and the offsetting items never offset
	 * more than the others take.
	 */
	sgn = p->amount > 0 ? 1 : -1;
	for (pass = 0; pass < 2; pass++)
		for (i = 0, taken = 0; i < n; i++) {
			const struct conf *cf = &m->conf[cr[i].id];
			uint32_t v = cr[i].item;
			int64_t open = m->inv[v].open, room;

			if ((sgn * open < 0) != (pass == 0))
				continue;
			/*
			 * named twice: the rows of one invoice are together
			 * (and in one pass), what those before took counted
			 */
			if (i == 0 || cr[i - 1].item != v)
				taken = 0;
			open -= taken;
			if (cf->amount_s == NULL ||
			    ar_money_parse(cf->amount_s, p->exp, 0, &a) != NULL)
				a = open;
			cr[i].want = a;
			cr[i].opn = open;
			if (open == 0 || (open > 0 ? a <= 0 : a >= 0))
				a = 0;
			else if (open > 0 ? a > open : a < open)
				a = open;
			if (pass == 1) {
				room = p->amount - off - paid;
				if (sgn > 0 ? a > room : a < room)
					a = room;
				if (sgn * a < 0)
					a = 0;
				paid += a;
			} else
				off += a;
			cr[i].amt = a;
			taken += a;
		}
	for (i = n; i-- > 0 && sgn * (off + paid) < 0;)
		if (sgn * cr[i].opn < 0 && cr[i].amt != 0) {
			int64_t over = off + paid, take = (cr[i].amt < 0 ?
			    -cr[i].amt : cr[i].amt) < (over < 0 ? -over : over) ?
			    cr[i].amt : over;

			cr[i].amt -= take;
			off -= take;
		}
	for (i = 0; i < n; i++) {
		const struct conf *cf = &m->conf[cr[i].id];
		uint32_t v = cr[i].item;
		int given = cf->amount_s != NULL;

		a = cr[i].amt;
		if ((given && a != cr[i].want) || a == 0) {
			struct ar_err e = { 0 };
			char as[AR_MONEY_BUFSZ], os[AR_MONEY_BUFSZ],
			    ps[AR_MONEY_BUFSZ];

			ar_money_format(a, p->exp, as);
			ar_money_format(cr[i].opn, p->exp, os);
			ar_money_format(p->amount, p->exp, ps);
			e.file = m->conf_file;
			if (cr[i].opn == 0)
				ar_err_set(&e, cf->line, "confirmed match of %s: "
				    "nothing of '%s' is open", p->txn, cf->inv);
			else if (given && (cr[i].opn > 0 ? cr[i].want <= 0 :
			    cr[i].want >= 0))
				ar_err_set(&e, cf->line, "confirmed match of %s: "
				    "amount %s goes against '%s' (%s open): nothing "
				    "applied", p->txn, cf->amount_s, cf->inv, os);
			else if (a == 0 && sgn * cr[i].opn < 0)
				ar_err_set(&e, cf->line, "confirmed match of %s: "
				    "'%s' (%s open) offsets nothing the payment "
				    "(%s) pays: nothing applied", p->txn, cf->inv,
				    os, ps);
			else if (a == 0)
				ar_err_set(&e, cf->line, "confirmed match of %s: "
				    "nothing of the payment is left for '%s'",
				    p->txn, cf->inv);
			else
				ar_err_set(&e, cf->line, "confirmed match of %s: "
				    "amount %s is more than '%s' takes (%s open, "
				    "a payment of %s): %s applied", p->txn,
				    cf->amount_s, cf->inv, os, ps, as);
			say(m, &e);
		}
		if (a == 0)
			continue;
		if (c == NONE)
			c = m->inv[v].cust;
		r = plan_add(pl, v, 0, R_CONFIRMED, C_CONFIRMED, a, 0, 0);
		snprintf(r->ev, sizeof r->ev, "confirmed %s:%ld", m->conf_file,
		    cf->line);
	}
	pl->cust = c;
	if (pl->n == 0) {
		plan_why(pl, none ? "confirmed: for no invoice" :
		    "confirmed matches could not be applied");
		decide(m, p, pl, NONE, none ? "confirmed-none" :
		    "confirmed-invalid");
		return;
	}
	pl->reason = "overpayment";
	plan_why(pl, "more than the confirmed matches");
	decide(m, p, pl, c, "unidentified");
}

/* The payment queued in q: its record, its hashes, what its texts name. */
static void
process(struct ar_match *m, struct qslot *q)
{
	const struct prec *h = (const struct prec *)(const void *)q->rec;
	struct scan *sc = &q->sc;
	struct pay p;
	struct done *d;
	uint64_t th;
	uint32_t o, head;
	size_t pos;
	char why[256];

	pay_view(m, h, &p);
	p.txnh = q->txnh;
	p.pairh = q->pairh;
	p.fcust = q->fcust;
	m->sc = sc;
	if (sc->perr != 0) {
		PCRE2_UCHAR msg[128];
		char w[512];

		pcre2_get_error_message(sc->perr, msg, sizeof msg);
		snprintf(w, sizeof w, "pattern '%s': %s; the texts of this "
		    "payment were not searched to their end",
		    m->re_src[sc->pidx], (const char *)msg);
		warn(m, &p, "%s", w, 0);
	}
	m->st.payments++;
	m->sug[0] = m->sugrule[0] = m->sugconf[0] = '\0';
	m->sug_best = 0;
	m->cand_done = 0;
	/*
	 * Not booked (pending, an intraday copy): reported, and it does not
	 * take the txn_id from the booked copy that comes later.
	 */
	if (*p.status != '\0' && strcmp(p.status, "BOOK") != 0) {
		conf_use(m, conf_find(m, p.txn, &pos));
		emit_unmatched(m, p.amount, NONE, "not-booked",
		    "the bank has not booked it");
		return;
	}
	th = p.txnh;
	if ((o = done_find(m, th)) != NONE && m->done[o].hist) {
		/* an earlier run's payment whose reversal came first */
		emit_unmatched(m, p.amount, NONE, "applied-before",
		    "applied in an earlier run, and reversed in this one");
		return;
	}
	if (o != NONE) {
		char w[64];

		snprintf(w, sizeof w, "%s", p.txn);
		warn(m, &p, "duplicate txn_id '%s' (also line %ld): "
		    "counted once", w, (long)m->done[o].line);
		m->st.duplicates++;
		emit_unmatched(m, p.amount, NONE, "duplicate",
		    "the same txn_id was seen before");
		return;
	}
	GROW(m->done, m->ndone, m->capdone);
	GROWN(&m->pref, m->done, m->ndone, m->capdone);
	p.done = (uint32_t)m->ndone;
	d = &m->done[m->ndone++];
	memset(d, 0, sizeof *d);
	d->txnh = th;
	d->txn = pool_str(&m->rpool, p.txn, strlen(p.txn));
	d->line = h->line;
	d->cur = p.curi;
	d->cash = d->hcredit = NONE;
	ht_put(&m->txn_tab, th, p.done);
	conf_use(m, head = conf_find(m, p.txn, &pos));
	if (p.amount == 0) {
		emit_unmatched(m, 0, NONE, "zero", "amount is zero");
		return;
	}
	if (hist_applied(m, p.txn, p.book, p.done, why, sizeof why)) {
		/* reversed in an earlier run: not to be reversed again */
		m->done[p.done].reversed = (uint8_t)hist_reversed(m, p.txn);
		if (head != NONE && !conf_as_hist(m, p.txn, head)) {
			struct ar_err e = { 0 };

			e.file = m->conf_file;
			ar_err_set(&e, m->conf[head].line, "confirmed match of %s: "
			    "the open items read hold the payment as an earlier run "
			    "applied it, otherwise; the confirmed match is not used "
			    "(run again on the invoices to apply it)", p.txn);
			say(m, &e);
		}
		if (h->cls != 2) {
			m->done[p.done].pairh = p.pairh;
			pair_put(m, p.done);
		}
		m->st.duplicates++;
		emit_unmatched(m, p.amount, NONE, "applied-before", why);
		return;
	}
	if (h->cls == 2) {
		if (head != NONE) {
			struct ar_err e = { 0 };

			e.file = m->conf_file;
			ar_err_set(&e, m->conf[head].line, "confirmed match of %s: "
			    "a reversal undoes what the payment it reverses did; "
			    "the confirmed match is not used", p.txn);
			say(m, &e);
		}
		reversal(m, &p);
		return;
	}
	d->pairh = p.pairh;
	pair_put(m, p.done);
	if (head != NONE) {
		confirmed(m, &p, head);
		return;
	}
	if (p.amount > 0)
		money_in(m, &p);
	else
		money_out(m, &p);
}

/*
 * Payments pass through a queue of QLEN.  The caller's thread (the
 * reader) puts each record in with the hashes of its txn_id, IBAN and
 * pairing key and what its texts name (collect_hits reads only what
 * ready() built); a second thread (the worker) takes them out in order
 * and decides what each pays (process), with what the records a few
 * places ahead will need fetched into its cache first.  What processing a
 * record has to say, and the rows it makes, are kept in its slot and said
 * and written by the reader when the slot is used again (retire), which
 * is when the record is processed in line where there is no worker: the
 * messages come in one order, and every decision in the order of the
 * records, however the threads ran.
 */
/*
 * What the reader works out for the worker from the record: the hashes
 * of its txn_id, IBAN and pairing key (the key of a payment and its
 * reversal).
 */
static void
slot_keys(const struct ar_match *m, struct qslot *q)
{
	const struct prec *h = (const struct prec *)(const void *)q->rec;
	char ibann[48];
	const char *f[6];
	int64_t a = h->amount < 0 ? -h->amount : h->amount;
	uint64_t ph = hash((const char *)&a, sizeof a);
	size_t i;

	q->txnh = hashs(rec_field(m, h, m->pc.txn_id));
	norm_iban(rec_field(m, h, m->pc.counterparty_iban), ibann,
	    sizeof ibann);
	q->ibanh = *ibann ? hashs(ibann) : 0;
	q->keyed = 0;
	f[0] = rec_field(m, h, m->pc.currency);
	f[1] = ibann;
	f[2] = rec_field(m, h, m->pc.counterparty_name);
	f[3] = rec_field(m, h, m->pc.reference);
	f[4] = rec_field(m, h, m->pc.remittance);
	f[5] = rec_field(m, h, m->pc.end_to_end_id);
	for (i = 0; i < 6; i++)
		ph = (ph ^ hashs(f[i])) * 0x9E3779B97F4A7C15ULL + i;
	q->pairh = ph;
}

/*
 * What the worker will look at for a queued record, fetched into its
 * cache ahead, in steps each a few records later than the one before
 * (each needs what the one before fetched): the table slots of its
 * txn_id and IBAN, and the invoices its texts name; the customers file's
 * entries of that IBAN; its customer (worked out: keyed); that
 * customer's first open items.
 */
static void
key_slot(struct ar_match *m, struct qslot *q)
{
	const struct prec *h = (const struct prec *)(const void *)q->rec;
	char ibann[48];

	norm_iban(rec_field(m, h, m->pc.counterparty_iban), ibann,
	    sizeof ibann);
	q->fcust = *ibann ? iban_get(&m->iban_tab, m->ibans, ibann) : NONE;
	q->keyed = 1;
}

static void
peek(struct ar_match *m, struct qslot *q, int step)
{
	size_t i, pos = SIZE_MAX;
	const struct cust *cu;
	uint32_t v;

	switch (step) {
	case 0:
		ht_prefetch(&m->txn_tab, q->txnh);
		if (q->ibanh)
			ht_prefetch(&m->iban_tab, q->ibanh);
		for (i = 0; q->scanned && i < q->sc.nhit && i < 4; i++)
			__builtin_prefetch(&m->inv[q->sc.hit[i].inv]);
		break;
	case 1:
		if (q->ibanh)
			while (ht_next(&m->iban_tab, q->ibanh, &pos, &v))
				__builtin_prefetch(&m->ibans[v]);
		break;
	case 2:
		key_slot(m, q);
		if (q->fcust < m->ncust)
			__builtin_prefetch(&m->cust[q->fcust]);
		else if (q->ibanh)
			ht_prefetch(&m->learn_tab, q->ibanh);
		break;
	default:
		if (!q->keyed || q->fcust >= m->ncust)
			break;
		cu = &m->cust[q->fcust];
		for (i = cu->skip; i < cu->n && i < cu->skip + 8; i++)
			__builtin_prefetch(&m->inv[m->citem[cu->first + i]]);
		break;
	}
}

/* A short wait for the other thread. */
static void
relax(unsigned *n)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#endif
	if (++*n % 256 == 0)
		sched_yield();
}

/* What the texts of a queued record name (collect_hits), into its slot. */
static void
scan_slot(const struct ar_match *m, struct qslot *q, struct scanner *sn)
{
	const struct prec *h = (const struct prec *)(const void *)q->rec;

	sn->sc = &q->sc;
	sn->sc->iban = rec_field(m, h, m->pc.counterparty_iban);
	collect_hits(m, sn, rec_field(m, h, m->pc.reference), rec_field(m, h,
	    m->pc.remittance), rec_field(m, h, m->pc.end_to_end_id));
	q->scanned = 1;
}

/*
 * Process record seq (queued), what it says kept in its slot, scanned
 * with sn if the reader left it; the records before lim are queued too.
 */
static void
run_slot(struct ar_match *m, uint64_t seq, uint64_t lim, struct scanner *sn)
{
	struct qslot *q = &m->q[seq % QLEN];
	size_t i;

	for (i = 0; i < 4; i++)
		if (seq + PEEK * (4 - i) < lim)
			peek(m, &m->q[(seq + PEEK * (4 - i)) % QLEN], (int)i);
	if (!q->scanned)
		scan_slot(m, q, sn);
	if (!q->keyed)
		key_slot(m, q);
	m->work.saying = q;
	process(m, q);
	m->work.saying = NULL;
}

static void *
work_main(void *arg)
{
	struct worker *w = arg;
	struct ar_match *m = w->m;
	uint64_t pos = w->first, lim = pos;
	unsigned spins;

	for (;;) {
		for (spins = 0; lim == pos && !atomic_load(&w->stop) &&
		    spins < 4096; relax(&spins))
			lim = atomic_load_explicit(&w->pushed,
			    memory_order_acquire);
		if (atomic_load(&w->stop))
			break;
		if (lim == pos) {
			pthread_mutex_lock(&w->mu);
			atomic_store(&w->sleeping, 1);
			while (!atomic_load(&w->stop) &&
			    (lim = atomic_load(&w->pushed)) == pos)
				pthread_cond_wait(&w->cv, &w->mu);
			atomic_store(&w->sleeping, 0);
			pthread_mutex_unlock(&w->mu);
			continue;
		}
		run_slot(m, pos, lim, &w->sn);
		atomic_store(&w->done, ++pos);
		if (atomic_load(&w->rsleeping)) {
			pthread_mutex_lock(&w->mu);
			pthread_cond_signal(&w->rcv);
			pthread_mutex_unlock(&w->mu);
		}
	}
	return NULL;
}

/* The records queued, told the worker (woken if it sleeps). */
static void
publish(struct ar_match *m)
{
	struct worker *w = &m->work;

	atomic_store(&w->pushed, m->qhead + m->qn);
	/*
	 * The worker close behind (or asleep): it scans the next records
	 * itself, else the reader does.  Who scans changes no byte.
	 */
	w->lend = atomic_load_explicit(&w->done, memory_order_relaxed) + LEND >=
	    m->qhead + m->qn;
	if (atomic_load(&w->sleeping)) {
		pthread_mutex_lock(&w->mu);
		pthread_cond_signal(&w->cv);
		pthread_mutex_unlock(&w->mu);
	}
}

/* Start the worker; without it the records are processed in line. */
static void
work_start(struct ar_match *m)
{
	struct worker *w = &m->work;

	if (w->running || w->failed)
		return;
	w->failed = 1;
	w->m = m;
	w->first = m->work.qdone = m->qhead;	/* the queued are not processed */
	atomic_store(&w->pushed, m->qhead + m->qn);
	atomic_store(&w->done, w->first);
	atomic_store(&w->stop, 0);
	atomic_store(&w->sleeping, 0);
	atomic_store(&w->rsleeping, 0);
	w->lend = 0;
	if (m->nre > 0 && (w->sn.md = pcre2_match_data_create(m->ovpairs,
	    NULL)) == NULL)
		return;
	w->sn.win = ar_xcalloc(AR_TEXTREF_MAXWIN, sizeof *w->sn.win);
	w->sn.hm = ar_xcalloc(1, sizeof *w->sn.hm);
	if (pthread_mutex_init(&w->mu, NULL) != 0)
		return;
	if (pthread_cond_init(&w->cv, NULL) != 0) {
		pthread_mutex_destroy(&w->mu);
		return;
	}
	if (pthread_cond_init(&w->rcv, NULL) != 0) {
		pthread_cond_destroy(&w->cv);
		pthread_mutex_destroy(&w->mu);
		return;
	}
	if (pthread_create(&w->th, NULL, work_main, w) != 0) {
		pthread_cond_destroy(&w->rcv);
		pthread_cond_destroy(&w->cv);
		pthread_mutex_destroy(&w->mu);
		return;
	}
	w->failed = 0;
	w->running = 1;
}

/*
 * Stop the worker, once the queue is emptied (retire).  What it did is
 * remembered (qdone): retire then processes in line only the records it
 * did not.
 */
static void
work_stop(struct ar_match *m)
{
	struct worker *w = &m->work;

	if (!w->running)
		return;
	pthread_mutex_lock(&w->mu);
	atomic_store(&w->stop, 1);
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->th, NULL);
	pthread_cond_destroy(&w->rcv);
	pthread_cond_destroy(&w->cv);
	pthread_mutex_destroy(&w->mu);
	w->running = 0;
	w->failed = 1;		/* what is left is processed in line */
	w->qdone = atomic_load(&w->done);	/* and what is not */
}

static void
work_free(struct ar_match *m)
{
	work_stop(m);
	free(m->work.sn.win);
	free(m->work.sn.hm);
	if (m->work.sn.md != NULL)
		pcre2_match_data_free(m->work.sn.md);
}

/*
 * The oldest queued record out of the queue: processed (in line when
 * there is no worker), and what it had to say said.
 */
static void
retire(struct ar_match *m)
{
	struct worker *w = &m->work;
	uint64_t seq = m->qhead;
	struct qslot *q = &m->q[seq % QLEN];
	unsigned spins = 0;
	size_t i;

	if (!w->running) {
		if (seq >= w->qdone) {	/* not by a worker since stopped */
			struct scanner sn;

			sn.win = m->win;
			sn.md = m->md;
			sn.hm = m->hm;
			run_slot(m, seq, m->qhead + m->qn, &sn);
		}
	} else if (w->qdone <= seq) {
		publish(m);
		while ((w->qdone = atomic_load(&w->done)) <= seq) {
			if (spins < 4096) {
				relax(&spins);
				continue;
			}
			pthread_mutex_lock(&w->mu);
			atomic_store(&w->rsleeping, 1);
			while ((w->qdone = atomic_load(&w->done)) <= seq)
				pthread_cond_wait(&w->rcv, &w->mu);
			atomic_store(&w->rsleeping, 0);
			pthread_mutex_unlock(&w->mu);
		}
	}
	for (i = 0; i < q->nmsg; i++)
		if (m->out.warn != NULL)
			m->out.warn(m->out.arg, &q->msg[i]);
	q->nmsg = 0;
	put_rows(m, (const struct prec *)(const void *)q->rec, q);
	m->qhead++;
	m->qn--;
}

static void
rec_emit(const void *rec, size_t len, void *arg)
{
	struct ar_match *m = arg;
	struct scanner sn;
	struct qslot *q;
	uint64_t seq;

	if (m->q == NULL)
		m->q = ar_xcalloc(QLEN, sizeof *m->q);
	if (m->qn == QLEN)
		retire(m);
	work_start(m);
	seq = m->qhead + m->qn;
	q = &m->q[seq % QLEN];
	if (len > q->cap) {
		free(q->rec);
		q->cap = len * 2 > 512 ? len * 2 : 512;
		q->rec = ar_xmalloc(q->cap);
	}
	memcpy(q->rec, rec, len);
	slot_keys(m, q);
	q->scanned = 0;
	if (!m->work.running || !m->work.lend) {
		sn.win = m->win;
		sn.md = m->md;
		sn.hm = m->hm;
		scan_slot(m, q, &sn);
	}
	m->qn++;
	if (m->work.running && (seq + 1) % PUBLISH == 0)
		publish(m);
}

/*
 * The payments were out of order: the queued ones processed (what they
 * say is said once: say), then all forgotten; they come again.
 */
static void
rec_restart(void *arg)
{
	struct ar_match *m = arg;
	uint32_t *tmp;
	size_t i;

	while (m->qn > 0)
		retire(m);
	for (i = 0; i < m->ninv; i++)
		inv_state(m, (uint32_t)i);
	tmp = NULL;
	for (i = 0; i < m->ncust; i++) {
		struct cust *cu = &m->cust[i];

		cu->cash = NONE;
		cu->skip = 0;	/* the invoices paid are open again */
		if (tmp == NULL && (cu->n != cu->ntot || cu->nnegl != cu->nneg))
			tmp = ar_xmalloc((m->ninv ? m->ninv : 1) * sizeof *tmp);
		if (cu->n != cu->ntot) {	/* some set apart (cust_paid) */
			cu->n = cu->ntot;
			sort_inv(m, m->citem + cu->first, tmp, cu->n);
		}
		if (cu->nnegl != cu->nneg) {	/* and credits (neg_apart) */
			uint32_t *a = m->negitem + cu->negat;
			size_t k;

			for (k = cu->nnegl; k < cu->nneg; k++)
				m->inv[a[k]].flags &= ~F_NEGAPART;
			cu->nnegl = cu->nneg;
			sort_inv(m, a, tmp, cu->nneg);
		}
	}
	free(tmp);
	items_paid(m);
	count_credits(m);
	m->ncash = m->ndone = m->napl = m->nlearned = 0;
	ht_clear(&m->txn_tab);
	ht_clear(&m->pair_tab);
	ht_clear(&m->learn_tab);
	amt_index(m);
	pool_free(&m->rpool);
	m->st.payments = m->st.applied = m->st.partly = m->st.unapplied =
	    m->st.duplicates = m->st.matches = m->st.suggestions = 0;
	m->restarts++;
	if (m->out.restart != NULL)
		m->out.restart(m->out.arg);
}

/*
 * The confirmed matches of payments neither read nor in a -H file: said,
 * the first ten each.
 */
static void
conf_unused(struct ar_match *m)
{
	struct ar_err e = { 0 };
	size_t i, n = 0, pos;

	e.file = m->conf_file;
	for (i = 0; i < m->nconf; i++)
		if (!m->conf[i].used && hist_find(m, m->conf[i].txn, &pos) == NONE &&
		    ++n <= 10) {
			ar_err_set(&e, m->conf[i].line, "confirmed match of %s: no "
			    "payment with this txn_id", m->conf[i].txn);
			if (m->out.warn != NULL)
				m->out.warn(m->out.arg, &e);
		}
	if (n > 10) {
		ar_err_set(&e, 0, "%zu confirmed matches in all name a txn_id "
		    "that is not among the payments", n);
		if (m->out.warn != NULL)
			m->out.warn(m->out.arg, &e);
	}
}

enum ar_rc
ar_match_finish(struct ar_match *m, struct ar_err *err)
{
	enum ar_rc rc;
	size_t i;

	ready(m, m->by_amt.s == NULL);
	rc = ar_recsort_finish(m->sorter, err);
	while (m->qn > 0)
		retire(m);
	work_stop(m);
	for (i = 0; i < m->nlater; i++)
		conf_use(m, m->later[i]);
	m->nlater = 0;
	if (rc == AR_OK && m->pfile != NULL)
		conf_unused(m);
	return rc;
}

/* ---- open items ---- */

const char *const *
ar_match_item_cols(const struct ar_match *cm, size_t *n)
{
	struct ar_match *m = (struct ar_match *)(uintptr_t)cm;
	size_t i, x;

	if (m->ocols == NULL) {
		if (m->nicols == 0) {
			static const char *const base[] = { "invoice_id", "type",
			    "customer_id", "customer_name", "issue_date",
			    "due_date", "currency", "amount", "reference" };

			for (i = 0; i < sizeof base / sizeof base[0]; i++)
				icol(m, base[i]);
		}
		m->ocols = ar_xcalloc(m->nicols + X_N + 1, sizeof *m->ocols);
		m->typepos = -1;
		for (i = 0; i < m->nicols; i++) {
			m->ocols[i] = m->icols[i];
			if (strcmp(m->icols[i], "type") == 0)
				m->typepos = (int)i;
		}
		m->nocols = m->nicols;
		/* unapplied money must be told from a credit note when read */
		if (m->typepos < 0) {
			m->typepos = (int)m->nocols;
			m->ocols[m->nocols++] = "type";
		}
		for (x = 0; x < X_N; x++) {
			for (i = 0; i < m->nicols; i++)
				if (strcmp(m->icols[i], xcols[x]) == 0)
					break;
			if (i == m->nicols)
				m->ocols[i = m->nocols++] = xcols[x];
			m->xpos[x] = (int)i;
		}
	}
	*n = m->nocols;
	return m->ocols;
}

struct oent {
	uint64_t pre, pre2;	/* the id's first 16 bytes, big-endian */
	const char *id;
	uint32_t idx;
	uint8_t cash;
};

static int
oent_cmp(const void *a, const void *b)
{
	const struct oent *x = a, *y = b;
	int c;

	if (x->pre != y->pre)
		return x->pre < y->pre ? -1 : 1;
	if (x->pre2 != y->pre2)
		return x->pre2 < y->pre2 ? -1 : 1;
	if ((x->pre2 & 0xff) != 0 && (c = strcmp(x->id, y->id)) != 0)
		return c;
	if (x->cash != y->cash)
		return x->cash < y->cash ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static uint64_t
prefix8(const char *s)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < 8; i++) {
		v = v << 8 | (unsigned char)*s;
		if (*s != '\0')
			s++;
	}
	return v;
}

static int
ocol(const struct ar_match *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->nocols; i++)
		if (strcmp(m->ocols[i], name) == 0)
			return (int)i;
	return -1;
}

static void
oent_of(struct oent *e, const char *id, uint32_t idx, int cash)
{
	e->id = id;
	e->pre = prefix8(id);
	e->pre2 = strnlen(id, 8) == 8 ? prefix8(id + 8) : 0;
	e->idx = idx;
	e->cash = (uint8_t)cash;
}

/* The fields and buffers of one open-item row being written. */
struct orow {
	const char **f;
	size_t nout;
	int cc[10];
	char paid[AR_MONEY_BUFSZ], open[AR_MONEY_BUFSZ], last[AR_DATE_BUFSZ],
	    pdate[AR_DATE_BUFSZ], disc[AR_MONEY_BUFSZ], woff[AR_MONEY_BUFSZ],
	    amt[AR_MONEY_BUFSZ], date[AR_DATE_BUFSZ];
};

static void
item_row(struct ar_match *m, const struct oent *e, struct orow *o,
    void (*row)(void *arg, const char *const *fields), void *arg)
{
	const char **f = o->f;
	const int *cc = o->cc;
	size_t k;
	int exp;

	for (k = 0; k < o->nout; k++)
		f[k] = "";
	if (!e->cash) {
		const struct inv *v = &m->inv[e->idx];
		const struct ifile *fl = &m->files[v->file];
		const uint16_t *h = (const uint16_t *)(const void *)v->row;

		for (k = 0; k < h[0]; k++)
			f[fl->map[k]] = rowf(v->row, (int)k);
		if (fl->c.type < 0)
			f[m->typepos] = item_type(m, e->idx);
		exp = m->curexp[v->cur];
		ar_money_format(v->paid, exp, o->paid);
		ar_money_format(v->open, exp, o->open);
		fmt_date(v->last, o->last);
		fmt_date(v->pdate, o->pdate);
		ar_money_format(v->disc, exp, o->disc);
		ar_money_format(v->woff, exp, o->woff);
	} else {
		const struct cash *c = &m->cash[e->idx];
		const struct cust *cu = &m->cust[c->cust];

		exp = m->curexp[c->cur];
		ar_money_format(c->amount, exp, o->amt);
		fmt_date(c->date, o->date);
		if (cc[0] >= 0)
			f[cc[0]] = c->txn;
		if (cc[1] >= 0)
			f[cc[1]] = "unapplied";
		if (cc[2] >= 0)
			f[cc[2]] = cu->id;
		if (cc[3] >= 0)
			f[cc[3]] = cu->disp ? cu->disp : "";
		if (cc[4] >= 0)
			f[cc[4]] = o->date;
		if (cc[5] >= 0)
			f[cc[5]] = o->date;
		if (cc[6] >= 0)
			f[cc[6]] = m->cur[c->cur];
		if (cc[7] >= 0)
			f[cc[7]] = o->amt;
		if (cc[8] >= 0)
			f[cc[8]] = c->ref;
		if (cc[9] >= 0)
			f[cc[9]] = "payment";
		ar_money_format(c->paid, exp, o->paid);
		ar_money_format(c->open, exp, o->open);
		fmt_date(c->last, o->last);
		fmt_date(c->pdate, o->pdate);
		ar_money_format(0, exp, o->disc);
		ar_money_format(0, exp, o->woff);
	}
	f[m->xpos[X_PAID]] = o->paid;
	f[m->xpos[X_OPEN]] = o->open;
	f[m->xpos[X_LAST]] = o->last;
	f[m->xpos[X_PDATE]] = o->pdate;
	f[m->xpos[X_DISC]] = o->disc;
	f[m->xpos[X_WOFF]] = o->woff;
	row(arg, f);
}

#define CASHBIT	0x80000000u	/* in the order: a cash item */

static void
orow_init(struct ar_match *m, struct orow *o)
{
	static const char *const cn[10] = { "invoice_id", "type", "customer_id",
	    "customer_name", "issue_date", "due_date", "currency", "amount",
	    "reference", "source" };
	size_t k;

	ar_match_item_cols(m, &o->nout);
	for (k = 0; k < 10; k++)
		o->cc[k] = ocol(m, cn[k]);
	o->f = ar_xcalloc(o->nout, sizeof *o->f);
}

/* Open items ord[from, to) to row. */
static void
items_rows(struct ar_match *m, const uint32_t *ord, size_t from, size_t to,
    struct orow *o, void (*row)(void *arg, const char *const *fields),
    void *arg)
{
	struct oent e;

	for (; from < to; from++) {
		e.cash = (ord[from] & CASHBIT) != 0;
		e.idx = ord[from] & ~CASHBIT;
		item_row(m, &e, o, row, arg);
	}
}

/*
 * The open items in invoice_id order (oent_cmp, a total order, so any
 * correct merge gives the same rows): their numbers into *ord, CASHBIT
 * for cash.  A book is read in invoice_id order, or as a few sequences
 * each in order and interleaved (invoices and credit notes): each invoice
 * joins the first of at most NRUNS ascending runs it extends, linked
 * through next[], and the runs are merged with the unapplied cash items,
 * which are few and sorted apart.  Only a book in no such order is sorted
 * outright, then read as one run.
 */
#define NRUNS	8

static size_t
items_order(struct ar_match *m, uint32_t **ordp)
{
	struct oent *ec, top[NRUNS], a;	/* top: a run's last, then its head */
	uint32_t *next, cur[NRUNS], tail[NRUNS], *ord;
	size_t i, j, r, best, nrun = 0, n = 0;

	ready(m, 0);
	ord = ar_xcalloc(m->ninv + m->ncash + 1, sizeof *ord);
	next = ar_xcalloc(m->ninv ? m->ninv : 1, sizeof *next);
	for (i = 0; i < m->ninv && nrun <= NRUNS; i++) {
		oent_of(&a, inv_id(m, (uint32_t)i), (uint32_t)i, 0);
		for (r = 0; r < nrun && oent_cmp(&top[r], &a) > 0; r++)
			;
		if (r == NRUNS) {
			nrun++;		/* too many: sorted below */
			break;
		}
		if (r == nrun)
			cur[nrun++] = (uint32_t)i;
		else
			next[tail[r]] = (uint32_t)i;
		next[i] = NONE;
		tail[r] = (uint32_t)i;
		top[r] = a;
	}
	if (nrun > NRUNS) {
		struct oent *ei = big_alloc(m->ninv * sizeof *ei, 0);

		for (i = 0; i < m->ninv; i++)
			oent_of(&ei[i], inv_id(m, (uint32_t)i), (uint32_t)i, 0);
		qsort(ei, m->ninv, sizeof *ei, oent_cmp);
		for (i = 0; i < m->ninv; i++)
			next[ei[i].idx] = i + 1 < m->ninv ? ei[i + 1].idx : NONE;
		cur[0] = ei[0].idx;
		nrun = 1;
		free(ei);
	}
	for (r = 0; r < nrun; r++)
		oent_of(&top[r], inv_id(m, cur[r]), cur[r], 0);
	ec = ar_xcalloc(m->ncash + 1, sizeof *ec);
	for (j = 0; j < m->ncash; j++)
		oent_of(&ec[j], m->cash[j].txn, (uint32_t)j, 1);
	if (m->ncash > 1)
		qsort(ec, m->ncash, sizeof *ec, oent_cmp);
	for (j = 0;;) {
		best = NRUNS;
		for (r = 0; r < nrun; r++)
			if (cur[r] != NONE && (best == NRUNS ||
			    oent_cmp(&top[r], &top[best]) < 0))
				best = r;
		if (j < m->ncash && (best == NRUNS ||
		    oent_cmp(&ec[j], &top[best]) < 0)) {
			ord[n++] = ec[j++].idx | CASHBIT;
			continue;
		}
		if (best == NRUNS)
			break;
		ord[n++] = top[best].idx;
		if ((cur[best] = next[cur[best]]) != NONE)
			oent_of(&top[best], inv_id(m, cur[best]), cur[best], 0);
	}
	free(ec);
	free(next);
	*ordp = ord;
	return n;
}

void
ar_match_items(struct ar_match *m,
    void (*row)(void *arg, const char *const *fields), void *arg)
{
	struct orow o;
	uint32_t *ord;
	size_t n = items_order(m, &ord);

	orow_init(m, &o);
	items_rows(m, ord, 0, n, &o, row, arg);
	free(o.f);
	free(ord);
}

/*
 * The open items through a CSV writer, formatted on two threads: the
 * items in chunks, the even ones formatted by the caller's thread, the
 * odd ones by a helper, each into a buffer of its own; the caller writes
 * them in order.  Every row is made by item_row and ar_csvw_format from
 * what no longer changes, so the bytes are those of ar_match_items.
 */
#define ICHUNK	1024	/* items a chunk */
#define IBUF	4	/* chunks formatted and not yet written, at most */

struct ibuf {
	char *p;
	size_t len, cap;
	const struct ar_csvw *w;
};

struct ifmt {
	struct ar_match *m;
	const uint32_t *ord;
	size_t n, nch;
	struct ibuf buf[IBUF];
	_Alignas(64) _Atomic size_t made;	/* the helper's chunks before */
	_Alignas(64) _Atomic size_t written;	/* chunks written */
};

static void
csvw_row(void *arg, const char *const *f)
{
	ar_csvw_row(arg, f);
}

static void
fmt_row(void *arg, const char *const *f)
{
	struct ibuf *b = arg;

	(void)ar_csvw_format(b->w, f, &b->p, &b->len, &b->cap);
}

static void
fmt_chunk(struct ifmt *t, size_t c, struct orow *o)
{
	size_t to = (c + 1) * ICHUNK < t->n ? (c + 1) * ICHUNK : t->n;

	items_rows(t->m, t->ord, c * ICHUNK, to, o, fmt_row, &t->buf[c % IBUF]);
}

static void *
ifmt_main(void *arg)
{
	struct ifmt *t = arg;
	struct orow o;
	size_t c;
	unsigned spins;

	orow_init(t->m, &o);
	for (c = 1; c < t->nch; c += 2) {
		for (spins = 0; atomic_load_explicit(&t->written,
		    memory_order_acquire) + IBUF <= c;)
			relax(&spins);
		fmt_chunk(t, c, &o);
		atomic_store_explicit(&t->made, c + 1, memory_order_release);
	}
	free(o.f);
	return NULL;
}

void
ar_match_items_csvw(struct ar_match *m, struct ar_csvw *w)
{
	struct ifmt t;
	struct orow o;
	pthread_t th;
	uint32_t *ord;
	size_t c, i;
	int threaded;
	unsigned spins;

	memset(&t, 0, sizeof t);
	t.m = m;
	t.n = items_order(m, &ord);
	t.ord = ord;
	t.nch = (t.n + ICHUNK - 1) / ICHUNK;
	for (i = 0; i < IBUF; i++)
		t.buf[i].w = w;
	orow_init(m, &o);
	if (ar_csvw_fmt(w) == AR_FMT_TABLE) {
		/* its rows wait for the end anyway */
		items_rows(m, t.ord, 0, t.n, &o, csvw_row, w);
		goto done;
	}
	atomic_store(&t.made, 0);
	atomic_store(&t.written, 0);
	threaded = t.nch > 1 && pthread_create(&th, NULL, ifmt_main, &t) == 0;
	for (c = 0; c < t.nch; c++) {
		struct ibuf *b = &t.buf[c % IBUF];

		if (c % 2 == 0 || !threaded)
			fmt_chunk(&t, c, &o);
		else
			for (spins = 0; atomic_load_explicit(&t.made,
			    memory_order_acquire) <= c;)
				relax(&spins);
		ar_csvw_put(w, b->p, b->len);
		b->len = 0;
		atomic_store_explicit(&t.written, c + 1, memory_order_release);
	}
	if (threaded)
		pthread_join(th, NULL);
done:
	for (i = 0; i < IBUF; i++)
		free(t.buf[i].p);
	free(o.f);
	free(ord);
}
