/*
 * aging.c - aging of open items: buckets, sums per customer and
 * currency, rows per invoice, statement of account (see aging.h).
 *
 * Per customer, memory grows with the customers, not the items: one
 * entry per (customer_id, currency) in an open-addressing hash table,
 * the ids copied once into an arena, the sums in one array.  Nothing is
 * allocated per record.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "aging.h"

/* ---- an arena for strings that live as long as their owner ---- */

#define ARENA_CHUNK (64 * 1024)

struct chunk {
	struct chunk *next;
	char data[];
};

struct arena {
	struct chunk *head;
	char *p;
	size_t left;
};

static char *
arena_alloc(struct arena *a, size_t n)
{
	char *p;

	if (n > a->left) {
		size_t sz = n > ARENA_CHUNK / 4 ? n : ARENA_CHUNK;
		struct chunk *c = ar_xmalloc(sizeof *c + sz);

		if (sz != ARENA_CHUNK) {
			/* A big piece gets a chunk of its own, behind the head. */
			if (a->head != NULL) {
				c->next = a->head->next;
				a->head->next = c;
			} else {
				c->next = NULL;
				a->head = c;
			}
			return c->data;
		}
		c->next = a->head;
		a->head = c;
		a->p = c->data;
		a->left = sz;
	}
	p = a->p;
	a->p += n;
	a->left -= n;
	return p;
}

static char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

static void
arena_free(struct arena *a)
{
	struct chunk *c, *next;

	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	a->head = NULL;
	a->p = NULL;
	a->left = 0;
}

/* Grow an array of elements of size sz to hold at least n + 1. */
static void *
grow(void *p, size_t *cap, size_t n, size_t sz)
{
	if (n < *cap)
		return p;
	*cap = *cap ? 2 * *cap : 64;
	return ar_xrealloc(p, *cap * sz);
}

/* FNV-1a, 64 bits, of a string. */
static uint64_t
hash_str(const char *s, uint64_t h)
{
	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

#define HASH_SEED 0xcbf29ce484222325ULL

/* The same, of n bytes. */
static uint64_t
hash_bytes(const char *s, size_t n, uint64_t h)
{
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* ---- options, buckets, days ---- */

void
ar_age_opts_init(struct ar_age_opts *o, ar_date as_of)
{
	memset(o, 0, sizeof *o);
	o->as_of = as_of;
	o->basis = AR_AGE_DUE;
	o->terms = 30;
	o->nbounds = 3;
	o->bounds[0] = 30;
	o->bounds[1] = 60;
	o->bounds[2] = 90;
}

const char *
ar_age_bounds_parse(struct ar_age_opts *o, const char *list)
{
	int b[AR_AGE_MAXBOUNDS], n = 0;
	const char *p = list;
	size_t i;

	for (;;) {
		long v = 0;

		if (*p < '0' || *p > '9')
			return "expected days as whole numbers separated by commas";
		for (; *p >= '0' && *p <= '9'; p++)
			if ((v = v * 10 + (*p - '0')) > AR_AGE_MAXDAYS)
				return "a boundary is more than 36600 days";
		if (v < 1)
			return "a boundary must be at least 1 day";
		if (n == AR_AGE_MAXBOUNDS)
			return "more than 16 boundaries";
		if (n > 0 && v <= b[n - 1])
			return "boundaries must be in ascending order";
		b[n++] = (int)v;
		if (*p == '\0')
			break;
		if (*p++ != ',')
			return "expected days as whole numbers separated by commas";
	}
	o->nbounds = n;
	for (i = 0; i < (size_t)n; i++)
		o->bounds[i] = b[i];
	return NULL;
}

int
ar_age_nbuckets(const struct ar_age_opts *o)
{
	return o->nbounds + 2;
}

void
ar_age_bucket_name(const struct ar_age_opts *o, int b, char buf[AR_AGE_NAMESZ])
{
	if (b <= 0)
		snprintf(buf, AR_AGE_NAMESZ, "current");
	else if (b > o->nbounds)
		snprintf(buf, AR_AGE_NAMESZ, "over_%d", o->bounds[o->nbounds - 1]);
	else
		snprintf(buf, AR_AGE_NAMESZ, "%d-%d",
		    b == 1 ? 1 : o->bounds[b - 2] + 1, o->bounds[b - 1]);
}

int
ar_age_bucket(const struct ar_age_opts *o, int days)
{
	int b;

	if (days <= 0)
		return 0;
	for (b = 0; b < o->nbounds; b++)
		if (days <= o->bounds[b])
			return b + 1;
	return o->nbounds + 1;
}

enum ar_rc
ar_age_from(const struct ar_age_opts *o, const struct ar_item *it,
    ar_date *from, enum ar_age_how *how, struct ar_err *err)
{
	*how = AR_AGED_NONE;
	if (o->basis == AR_AGE_ISSUE) {
		if (it->issue_date == AR_NODATE) {
			ar_err_set(err, 0, "no issue_date to age from");
			return AR_SKIP;
		}
		*from = it->issue_date;
		*how = AR_AGED_ISSUE;
		return AR_OK;
	}
	if (it->due_date != AR_NODATE) {
		*from = it->due_date;
		*how = AR_AGED_DUE;
		return AR_OK;
	}
	if (it->issue_date != AR_NODATE) {
		*from = it->issue_date + o->terms;
		*how = AR_AGED_TERMS;
		return AR_OK;
	}
	ar_err_set(err, 0, "no due_date or issue_date to age from");
	return AR_SKIP;
}

/* Should name (of an item issued on date) replace the one kept? */
static int
better_name(const char *name, ar_date date, const char *kept, ar_date kdate)
{
	if (*name == '\0')
		return 0;
	if (kept == NULL || *kept == '\0')
		return 1;
	if (date != kdate)
		return date > kdate;
	return strcmp(name, kept) < 0;
}

static const char *
fmt_money(int64_t v, int exp, char *buf)
{
	ar_money_format(v, exp, buf);
	return buf;
}

static const char *
fmt_date(ar_date d, char *buf)
{
	if (d == AR_NODATE)
		return "";
	ar_date_format(d, buf);
	return buf;
}

static const char *
fmt_int(long v, char *buf, size_t n)
{
	snprintf(buf, n, "%ld", v);
	return buf;
}

/* Running sums of one currency, for totals rows. */
struct cursum {
	const char *currency;
	int exp;
	int bad;
	int64_t total, overdue, credit, *bucket;
	int oldest;
	long items;
};

static int
cmp_cursum(const void *a, const void *b)
{
	return strcmp(((const struct cursum *)a)->currency,
	    ((const struct cursum *)b)->currency);
}

/* ---- per customer and currency ---- */

/*
 * Memory is the cost here: a record's customer is anywhere in a table of
 * many, and fetching its entry from memory takes longer than parsing the
 * record.  So the entries live in the open-addressing table itself
 * (linear probing, at most half full), in whole cache lines, where the
 * hash alone says where to look: ar_aging_add asks for the entry of the
 * item it is given and counts that item at the next call, when the entry
 * has arrived in the cache.  An entry keeps what every record updates
 * (the id's first bytes to compare, the sums, a hash of the name kept);
 * the whole id and the name are kept apart.
 */
#define IDPRE 16

struct cust {
	uint64_t hash;
	uint32_t idlen;		/* 0: an empty slot (ids are never empty) */
	char cur[4];
	char idpre[IDPRE];	/* the id's first bytes, NUL-padded */
	uint64_t namehash;	/* of the name kept, 0 if none */
	ar_date name_date;	/* issue date of the item it came from */
	int32_t oldest;
	int64_t credit;
	int64_t items;
	int64_t total, overdue;
	size_t cold;		/* index of the rest in a->cold */
	int64_t sums[];		/* nb */
};

struct cold {
	const char *id;		/* the whole id, in the arena */
	char *name;		/* malloc'd; changes rarely */
	int exp;
};

/* An item given and not yet counted: what counting it needs, copied. */
struct pend {
	int full;
	long line;
	uint64_t hash;
	size_t idlen;
	char cur[4];
	int exp, b, days;
	int64_t open;
	ar_date issue;
	char *id, *name;	/* buffers reused from item to item */
	size_t idcap, namecap;
};

struct ar_aging {
	struct ar_age_opts o;
	int nb;
	struct arena arena;
	char *tab;		/* nslot entries of stride bytes */
	size_t stride, nslot, n;
	struct cold *cold;	/* n of them, in the order made */
	size_t capcold;
	struct pend pend;

	char names[AR_AGE_MAXBUCKETS][AR_AGE_NAMESZ];
	const char *header[AR_AGE_MAXBUCKETS + 8];
	size_t ncols;

	struct ar_age_row *rows;
	struct cursum *tot;
	int64_t *tsums;
};

#define ENTRY(a, j) ((struct cust *)((a)->tab + (size_t)(j) * (a)->stride))

static char *
table_new(size_t n, size_t stride)
{
	void *p;

	if (n > SIZE_MAX / stride || posix_memalign(&p, 64, n * stride) != 0)
		p = ar_xmalloc(SIZE_MAX);	/* out of memory: abort */
	memset(p, 0, n * stride);
	return p;
}

struct ar_aging *
ar_aging_new(const struct ar_age_opts *o)
{
	struct ar_aging *a = ar_xcalloc(1, sizeof *a);
	int b;

	a->o = *o;
	a->nb = ar_age_nbuckets(o);
	/* Whole cache lines, so that an entry spans as few as it can. */
	a->stride = (sizeof(struct cust) + a->nb * sizeof(int64_t) + 63) & ~(size_t)63;
	a->nslot = 1024;
	a->tab = table_new(a->nslot, a->stride);
	a->header[a->ncols++] = "customer_id";
	a->header[a->ncols++] = "customer_name";
	a->header[a->ncols++] = "currency";
	a->header[a->ncols++] = "total";
	a->header[a->ncols++] = "overdue";
	for (b = 0; b < a->nb; b++) {
		ar_age_bucket_name(o, b, a->names[b]);
		a->header[a->ncols++] = a->names[b];
	}
	a->header[a->ncols++] = "credit";
	a->header[a->ncols++] = "oldest_days";
	a->header[a->ncols++] = "items";
	return a;
}

void
ar_aging_free(struct ar_aging *a)
{
	size_t i;

	if (a == NULL)
		return;
	for (i = 0; i < a->n; i++)
		free(a->cold[i].name);
	arena_free(&a->arena);
	free(a->tab);
	free(a->cold);
	free(a->pend.id);
	free(a->pend.name);
	free(a->rows);
	free(a->tot);
	free(a->tsums);
	free(a);
}

static void
rehash(struct ar_aging *a)
{
	char *old = a->tab;
	size_t i, j, mask, n = a->nslot;

	a->nslot *= 2;
	a->tab = table_new(a->nslot, a->stride);
	mask = a->nslot - 1;
	for (i = 0; i < n; i++) {
		struct cust *c = (struct cust *)(old + i * a->stride);

		if (c->idlen == 0)
			continue;
		for (j = c->hash & mask; ENTRY(a, j)->idlen != 0; j = (j + 1) & mask)
			;
		memcpy(ENTRY(a, j), c, a->stride);
	}
	free(old);
}

/* The entry of the pending item's customer and currency, made if new. */
static struct cust *
lookup(struct ar_aging *a, const struct pend *p)
{
	size_t j, mask = a->nslot - 1, len = p->idlen;
	struct cust *c;

	for (j = p->hash & mask; (c = ENTRY(a, j))->idlen != 0; j = (j + 1) & mask)
		if (c->hash == p->hash && c->idlen == len &&
		    memcmp(c->cur, p->cur, 4) == 0 &&
		    memcmp(c->idpre, p->id, len < IDPRE ? len : IDPRE) == 0 &&
		    (len <= IDPRE || memcmp(a->cold[c->cold].id, p->id, len) == 0))
			return c;
	if (2 * (a->n + 1) > a->nslot) {
		rehash(a);
		return lookup(a, p);
	}
	c->hash = p->hash;
	c->idlen = (uint32_t)len;
	memcpy(c->cur, p->cur, 4);
	memcpy(c->idpre, p->id, len < IDPRE ? len : IDPRE);
	c->name_date = AR_NODATE;
	c->oldest = AR_AGE_NODAYS;
	a->cold = grow(a->cold, &a->capcold, a->n, sizeof *a->cold);
	a->cold[a->n].id = arena_strndup(&a->arena, p->id, len);
	a->cold[a->n].name = NULL;
	a->cold[a->n].exp = p->exp;
	c->cold = a->n++;
	return c;
}

/*
 * Keep the name of the most recently issued item (ties: the smallest in
 * byte order).  The strings are compared only when the name's 64-bit
 * hash differs from that of the name kept, which is rare (two names
 * with the same hash, about one chance in 2^64, would be taken as one).
 */
static void
keep_name(struct ar_aging *a, struct cust *c, const char *name, ar_date date)
{
	struct cold *k = &a->cold[c->cold];
	uint64_t h;

	if (*name == '\0' || (c->namehash != 0 && date < c->name_date))
		return;
	h = hash_str(name, HASH_SEED) | 1;
	if (h == c->namehash) {
		c->name_date = date;	/* the same name, newer */
		return;
	}
	if (better_name(name, date, k->name, c->name_date)) {
		free(k->name);
		k->name = ar_xstrdup(name);
		c->namehash = h;
		c->name_date = date;
	}
}

/* Count the pending item, if there is one. */
static enum ar_rc
count(struct ar_aging *a, struct ar_err *err)
{
	struct pend *p = &a->pend;
	int64_t total, part = 0;
	struct cust *c;
	int b = p->b;

	if (!p->full)
		return AR_OK;
	p->full = 0;
	c = lookup(a, p);
	if (ar_money_add(c->total, p->open, &total) != 0 ||
	    (b >= 0 && ar_money_add(c->sums[b], p->open, &part) != 0) ||
	    (b < 0 && ar_money_add(c->credit, p->open, &part) != 0) ||
	    (b > 0 && c->overdue > INT64_MAX - p->open)) {
		ar_err_set(err, p->line, "open_amount: the sum for customer %s %s "
		    "is out of range", p->id, p->cur);
		return AR_SKIP;
	}
	c->total = total;
	if (b >= 0)
		c->sums[b] = part;
	else
		c->credit = part;
	if (b > 0) {
		c->overdue += p->open;
		if (p->days > c->oldest)
			c->oldest = p->days;
	}
	c->items++;
	keep_name(a, c, p->name, p->issue);
	return AR_OK;
}

static void
copy(char **buf, size_t *cap, const char *s, size_t n)
{
	if (n + 1 > *cap) {
		*cap = n + 1 > 2 * *cap ? n + 1 : 2 * *cap;
		free(*buf);
		*buf = ar_xmalloc(*cap);
	}
	memcpy(*buf, s, n + 1);
}

enum ar_rc
ar_aging_add(struct ar_aging *a, const struct ar_item *it, long line,
    enum ar_age_how *how, struct ar_err *err)
{
	struct pend *p = &a->pend;
	enum ar_rc rc;
	ar_date from = 0;
	size_t len;
	char *e;
	int b = -1, days = 0;

	*how = AR_AGED_NONE;
	if (it->open_amount == 0)
		return AR_OK;		/* paid */
	if (*it->customer_id == '\0') {
		ar_err_set(err, line, "empty customer_id");
		return AR_SKIP;
	}
	if (strlen(it->currency) != 3) {
		ar_err_set(err, line, "unknown currency '%s'", it->currency);
		return AR_SKIP;
	}
	if (it->open_amount > 0) {
		if (ar_age_from(&a->o, it, &from, how, err) != AR_OK) {
			err->line = line;
			return AR_SKIP;
		}
		days = a->o.as_of - from;
		b = ar_age_bucket(&a->o, days);
	}
	/* Count the item before, whose entry must be in the cache by now. */
	rc = count(a, err);
	len = strlen(it->customer_id);
	if (len > UINT32_MAX)
		ar_xmalloc(SIZE_MAX);	/* beyond any real input: abort */
	p->full = 1;
	p->line = line;
	p->hash = hash_bytes(it->customer_id, len,
	    hash_bytes(it->currency, 4, HASH_SEED));
	p->idlen = len;
	memcpy(p->cur, it->currency, 4);
	p->exp = it->exp;
	p->b = b;
	p->days = days;
	p->open = it->open_amount;
	p->issue = it->issue_date;
	copy(&p->id, &p->idcap, it->customer_id, len);
	copy(&p->name, &p->namecap, it->customer_name, strlen(it->customer_name));
	/* Ask for its entry now; it is counted at the next call. */
	e = (char *)ENTRY(a, p->hash & (a->nslot - 1));
	__builtin_prefetch(e, 1);
	if (a->stride > 64)
		__builtin_prefetch(e + 64, 1);
	return rc;
}

enum ar_rc
ar_aging_flush(struct ar_aging *a, struct ar_err *err)
{
	return count(a, err);
}

size_t
ar_aging_count(const struct ar_aging *a)
{
	return a->n;
}

static int
cmp_by_id(const void *x, const void *y)
{
	const struct ar_age_row *a = x, *b = y;
	int c;

	if ((c = strcmp(a->customer_id, b->customer_id)) != 0)
		return c;
	return strcmp(a->currency, b->currency);
}

static int
cmp_by_overdue(const void *x, const void *y)
{
	const struct ar_age_row *a = x, *b = y;
	int c;

	if ((c = strcmp(a->currency, b->currency)) != 0)
		return c;
	if (a->overdue != b->overdue)
		return a->overdue > b->overdue ? -1 : 1;
	return strcmp(a->customer_id, b->customer_id);
}

/* Sum a customer's row into its currency's totals; -1 on overflow. */
static int
sum_into(struct cursum *t, const struct ar_age_row *r, int nb)
{
	int b;

	if (ar_money_add(t->total, r->total, &t->total) != 0 ||
	    ar_money_add(t->overdue, r->overdue, &t->overdue) != 0 ||
	    ar_money_add(t->credit, r->credit, &t->credit) != 0)
		return -1;
	for (b = 0; b < nb; b++)
		if (ar_money_add(t->bucket[b], r->bucket[b], &t->bucket[b]) != 0)
			return -1;
	if (r->oldest_days > t->oldest)
		t->oldest = r->oldest_days;
	t->items += r->items;
	return 0;
}

enum ar_rc
ar_aging_rows(struct ar_aging *a, const struct ar_age_view *v,
    const struct ar_age_row **rows, size_t *nrows, struct ar_err *err)
{
	struct ar_age_row *r;
	enum ar_rc rc = AR_OK;
	size_t i, j, n = 0, ntot = 0, kept;

	free(a->rows);
	free(a->tot);
	free(a->tsums);
	a->tot = NULL;
	a->tsums = NULL;
	if (count(a, err) != AR_OK)
		rc = AR_SKIP;	/* the last item, if ar_aging_flush was not called */
	/* At most one totals row per entry. */
	a->rows = r = ar_xcalloc(2 * a->n + 1, sizeof *r);
	for (j = 0; j < a->nslot; j++) {
		struct cust *c = ENTRY(a, j);
		struct cold *k;

		if (c->idlen == 0)
			continue;
		k = &a->cold[c->cold];
		r[n].customer_id = k->id;
		r[n].customer_name = k->name ? k->name : "";
		r[n].currency = c->cur;
		r[n].exp = k->exp;
		r[n].total = c->total;
		r[n].overdue = c->overdue;
		r[n].credit = c->credit;
		r[n].bucket = c->sums;
		r[n].oldest_days = c->oldest;
		r[n].items = (long)c->items;
		n++;
	}
	if (v->totals) {
		a->tot = ar_xcalloc(a->n + 1, sizeof *a->tot);
		a->tsums = ar_xcalloc((a->n + 1) * a->nb, sizeof *a->tsums);
		for (i = 0; i < n; i++) {
			struct cursum *t = NULL;

			for (j = ntot; j > 0; j--)
				if (strcmp(a->tot[j - 1].currency, r[i].currency) == 0) {
					t = &a->tot[j - 1];
					break;
				}
			if (t == NULL) {
				t = &a->tot[ntot];
				t->currency = r[i].currency;
				t->exp = r[i].exp;
				t->bucket = &a->tsums[ntot * a->nb];
				t->oldest = AR_AGE_NODAYS;
				ntot++;
			}
			if (!t->bad && sum_into(t, &r[i], a->nb) != 0) {
				t->bad = 1;
				ar_err_set(err, 0, "the total of %s is out of range; "
				    "no totals row for it", t->currency);
				rc = AR_SKIP;
			}
		}
		if (ntot > 1)
			qsort(a->tot, ntot, sizeof *a->tot, cmp_cursum);
	}
	if (n > 1)
		qsort(r, n, sizeof *r, v->sort == AR_AGE_BY_OVERDUE ||
		    v->top > 0 ? cmp_by_overdue : cmp_by_id);
	if (!v->customers)
		n = 0;
	else if (v->top > 0) {
		long k = 0;

		for (i = 0, kept = 0; i < n; i++) {
			if (i == 0 || strcmp(r[i].currency, r[i - 1].currency) != 0)
				k = 0;
			if (r[i].overdue > 0 && k < v->top) {
				r[kept++] = r[i];
				k++;
			}
		}
		n = kept;
	}
	for (j = 0; j < ntot; j++) {
		struct cursum *t = &a->tot[j];

		if (t->bad)
			continue;
		memset(&r[n], 0, sizeof r[n]);
		r[n].customer_id = "";
		r[n].customer_name = "total";
		r[n].currency = t->currency;
		r[n].exp = t->exp;
		r[n].is_total = 1;
		r[n].total = t->total;
		r[n].overdue = t->overdue;
		r[n].credit = t->credit;
		r[n].bucket = t->bucket;
		r[n].oldest_days = t->oldest;
		r[n].items = t->items;
		n++;
	}
	*rows = r;
	*nrows = n;
	return rc;
}

size_t
ar_aging_ncols(const struct ar_aging *a)
{
	return a->ncols;
}

const char *const *
ar_aging_header(const struct ar_aging *a)
{
	return a->header;
}

const char *const *
ar_aging_format(const struct ar_aging *a, const struct ar_age_row *r,
    struct ar_age_fmt *buf)
{
	size_t k = 0;
	int b, m = 0;

	buf->f[k++] = r->customer_id;
	buf->f[k++] = r->customer_name;
	buf->f[k++] = r->currency;
	buf->f[k++] = fmt_money(r->total, r->exp, buf->money[m++]);
	buf->f[k++] = fmt_money(r->overdue, r->exp, buf->money[m++]);
	for (b = 0; b < a->nb; b++)
		buf->f[k++] = fmt_money(r->bucket[b], r->exp, buf->money[m++]);
	buf->f[k++] = fmt_money(r->credit, r->exp, buf->money[m++]);
	buf->f[k++] = r->oldest_days == AR_AGE_NODAYS ? "" :
	    fmt_int(r->oldest_days, buf->num[0], sizeof buf->num[0]);
	buf->f[k++] = fmt_int(r->items, buf->num[1], sizeof buf->num[1]);
	return buf->f;
}

/* ---- per invoice ---- */

#define BUCKET_CREDIT	(-1)
#define BUCKET_TOTAL	(-2)

struct drow {
	const char *block;	/* the fields, NUL-separated, in its file's order */
	size_t blen;
	const char *cust, *cur, *inv;
	uint32_t file;
	int exp;
	int bucket;		/* or BUCKET_CREDIT, BUCKET_TOTAL */
	ar_date from;		/* AR_NODATE if none */
	int days;
	int64_t open;
	size_t seq;
};

struct dfile {
	size_t *map;		/* input column -> output column */
	size_t ncols;
};

struct ar_age_detail {
	struct ar_age_opts o;
	struct arena arena;
	char **names;		/* output columns */
	size_t nnames, capnames;
	struct dfile *files;
	size_t nfiles, capfiles;
	struct drow *rows;
	size_t n, cap;
	size_t c_cur, c_open, c_from, c_days, c_bucket;

	const char **f;
	char money[AR_MONEY_BUFSZ], date[AR_DATE_BUFSZ], days[24];
	char bnames[AR_AGE_MAXBUCKETS][AR_AGE_NAMESZ];
};

struct ar_age_detail *
ar_age_detail_new(const struct ar_age_opts *o)
{
	struct ar_age_detail *d = ar_xcalloc(1, sizeof *d);
	int b;

	d->o = *o;
	for (b = 0; b < ar_age_nbuckets(o); b++)
		ar_age_bucket_name(o, b, d->bnames[b]);
	return d;
}

void
ar_age_detail_free(struct ar_age_detail *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->nnames; i++)
		free(d->names[i]);
	for (i = 0; i < d->nfiles; i++)
		free(d->files[i].map);
	free(d->names);
	free(d->files);
	free(d->rows);
	free(d->f);
	arena_free(&d->arena);
	free(d);
}

/* The output column named name, added if new. */
static size_t
out_col(struct ar_age_detail *d, const char *name)
{
	size_t i;

	for (i = 0; i < d->nnames; i++)
		if (strcmp(d->names[i], name) == 0)
			return i;
	d->names = grow(d->names, &d->capnames, d->nnames, sizeof *d->names);
	d->names[d->nnames] = ar_xstrdup(name);
	return d->nnames++;
}

void
ar_age_detail_file(struct ar_age_detail *d, const struct ar_csv_reader *r)
{
	struct dfile *f;
	size_t i;

	d->files = grow(d->files, &d->capfiles, d->nfiles, sizeof *d->files);
	f = &d->files[d->nfiles++];
	f->ncols = ar_csv_ncols(r);
	f->map = ar_xcalloc(f->ncols ? f->ncols : 1, sizeof *f->map);
	for (i = 0; i < f->ncols; i++)
		f->map[i] = out_col(d, ar_csv_colname(r, i));
}

enum ar_rc
ar_age_detail_add(struct ar_age_detail *d, const struct ar_csv_reader *r,
    const struct ar_item *it, enum ar_age_how *how, struct ar_err *err)
{
	struct drow *w;
	size_t i, len, n = ar_csv_nfields(r);
	ar_date from = AR_NODATE;
	char *p;

	*how = AR_AGED_NONE;
	if (it->open_amount == 0)
		return AR_OK;
	if (*it->customer_id == '\0') {
		ar_err_set(err, 0, "empty customer_id");
		return AR_SKIP;
	}
	/* A credit is not late: it has no days past due. */
	if (it->open_amount > 0 &&
	    ar_age_from(&d->o, it, &from, how, err) != AR_OK)
		return AR_SKIP;
	for (i = 0, len = 0; i < n; i++)
		len += ar_csv_fieldlen(r, (int)i) + 1;
	d->rows = grow(d->rows, &d->cap, d->n, sizeof *d->rows);
	w = &d->rows[d->n];
	memset(w, 0, sizeof *w);
	w->block = p = arena_alloc(&d->arena, len ? len : 1);
	w->blen = len;
	for (i = 0; i < n; i++) {
		size_t fl = ar_csv_fieldlen(r, (int)i);
		const char *s = ar_csv_field(r, (int)i);

		/* The item's strings point into the record: find them here. */
		if (s == it->customer_id)
			w->cust = p;
		if (s == it->currency)
			w->cur = p;
		if (s == it->invoice_id)
			w->inv = p;
		memcpy(p, s, fl);
		p[fl] = '\0';
		p += fl + 1;
	}
	if (w->cust == NULL)
		w->cust = arena_strdup(&d->arena, it->customer_id);
	if (w->cur == NULL)
		w->cur = arena_strdup(&d->arena, it->currency);
	if (w->inv == NULL)
		w->inv = arena_strdup(&d->arena, it->invoice_id);
	w->file = (uint32_t)(d->nfiles - 1);
	w->exp = it->exp;
	w->open = it->open_amount;
	w->from = from;
	w->days = from == AR_NODATE ? AR_AGE_NODAYS : d->o.as_of - from;
	w->bucket = it->open_amount < 0 ? BUCKET_CREDIT :
	    ar_age_bucket(&d->o, w->days);
	w->seq = d->n++;
	return AR_OK;
}

static int
cmp_drow(const void *x, const void *y)
{
	const struct drow *a = x, *b = y;
	size_t n;
	int c;

	if (a->bucket == BUCKET_TOTAL || b->bucket == BUCKET_TOTAL) {
		if (a->bucket != b->bucket)
			return a->bucket == BUCKET_TOTAL ? 1 : -1;
		return strcmp(a->cur, b->cur);
	}
	if ((c = strcmp(a->cust, b->cust)) != 0 ||
	    (c = strcmp(a->cur, b->cur)) != 0)
		return c;
	/* Credits (no date) after the items that fall due. */
	if (a->from != b->from) {
		if (a->from == AR_NODATE || b->from == AR_NODATE)
			return a->from == AR_NODATE ? 1 : -1;
		return a->from < b->from ? -1 : 1;
	}
	if ((c = strcmp(a->inv, b->inv)) != 0)
		return c;
	n = a->blen < b->blen ? a->blen : b->blen;
	if ((c = memcmp(a->block, b->block, n)) != 0)
		return c;
	if (a->blen != b->blen)
		return a->blen < b->blen ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

size_t
ar_age_detail_finish(struct ar_age_detail *d, int totals, enum ar_rc *rc,
    struct ar_err *err)
{
	size_t i, j, n = d->n, ntot = 0;
	struct cursum *t;

	*rc = AR_OK;
	d->c_cur = out_col(d, "currency");
	d->c_open = out_col(d, "open_amount");
	d->c_from = out_col(d, "aged_from");
	d->c_days = out_col(d, "days_past_due");
	d->c_bucket = out_col(d, "bucket");
	free(d->f);
	d->f = ar_xcalloc(d->nnames, sizeof *d->f);
	if (n > 1)	/* rows is NULL when there are none */
		qsort(d->rows, n, sizeof *d->rows, cmp_drow);
	if (!totals)
		return n;
	t = ar_xcalloc(n + 1, sizeof *t);
	for (i = 0; i < n; i++) {
		struct drow *w = &d->rows[i];
		struct cursum *s = NULL;

		for (j = ntot; j > 0; j--)
			if (strcmp(t[j - 1].currency, w->cur) == 0) {
				s = &t[j - 1];
				break;
			}
		if (s == NULL) {
			s = &t[ntot++];
			s->currency = w->cur;
			s->exp = w->exp;
		}
		if (!s->bad && ar_money_add(s->total, w->open, &s->total) != 0) {
			s->bad = 1;
			ar_err_set(err, 0, "the total of %s is out of range; "
			    "no totals row for it", s->currency);
			*rc = AR_SKIP;
		}
	}
	if (ntot > 1)
		qsort(t, ntot, sizeof *t, cmp_cursum);
	for (j = 0; j < ntot; j++) {
		struct drow *w;

		if (t[j].bad)
			continue;
		d->rows = grow(d->rows, &d->cap, d->n, sizeof *d->rows);
		w = &d->rows[d->n++];
		memset(w, 0, sizeof *w);
		w->bucket = BUCKET_TOTAL;
		w->cust = "";
		w->inv = "";
		w->cur = t[j].currency;
		w->exp = t[j].exp;
		w->open = t[j].total;
		w->from = AR_NODATE;
		w->days = AR_AGE_NODAYS;
	}
	free(t);
	return d->n;
}

size_t
ar_age_detail_ncols(const struct ar_age_detail *d)
{
	return d->nnames;
}

const char *const *
ar_age_detail_header(const struct ar_age_detail *d)
{
	return (const char *const *)d->names;
}

const char *const *
ar_age_detail_row(struct ar_age_detail *d, size_t k)
{
	struct drow *w = &d->rows[k];
	const char *p;
	size_t i;

	for (i = 0; i < d->nnames; i++)
		d->f[i] = "";
	if (w->bucket == BUCKET_TOTAL) {
		d->f[d->c_cur] = w->cur;
		d->f[d->c_open] = fmt_money(w->open, w->exp, d->money);
		d->f[d->c_bucket] = "total";
		return d->f;
	}
	p = w->block;
	for (i = 0; i < d->files[w->file].ncols && p < w->block + w->blen; i++) {
		d->f[d->files[w->file].map[i]] = p;
		p += strlen(p) + 1;
	}
	d->f[d->c_open] = fmt_money(w->open, w->exp, d->money);
	d->f[d->c_from] = fmt_date(w->from, d->date);
	d->f[d->c_days] = w->days == AR_AGE_NODAYS ? "" :
	    fmt_int(w->days, d->days, sizeof d->days);
	d->f[d->c_bucket] = w->bucket == BUCKET_CREDIT ? "credit" :
	    d->bnames[w->bucket];
	return d->f;
}

/* ---- statement of account ---- */

struct sitem {
	const char *invoice_id, *customer_id, *customer_name, *type, *currency;
	const char *file;		/* where it was read: err's on entry */
	long line;
	int exp;
	int has_open;
	int64_t amount, open, matched;
	ar_date issue, due, last_pay;
	enum ar_age_how how;
	ar_date from;
};

struct smatch {
	const char *txn_id;
	size_t item;
	int64_t amount;
	ar_date date;
};

struct ar_stmt {
	struct ar_age_opts o;
	char *customer;
	struct arena arena;
	struct sitem *items;
	size_t nitems, capitems;
	uint32_t *slot;
	size_t nslot;
	struct smatch *m;
	size_t nm, capm;
	int use_matches;

	struct ar_stmt_row *rows;
	size_t nrows;
	size_t *start;		/* customer k's rows: start[k] .. start[k + 1] */
	size_t ncust;
	size_t check;		/* ar_stmt_check's position */
};

struct ar_stmt *
ar_stmt_new(const struct ar_age_opts *o, const char *customer)
{
	struct ar_stmt *s = ar_xcalloc(1, sizeof *s);

	s->o = *o;
	if (customer != NULL)
		s->customer = ar_xstrdup(customer);
	s->nslot = 64;
	s->slot = ar_xcalloc(s->nslot, sizeof *s->slot);
	return s;
}

void
ar_stmt_free(struct ar_stmt *s)
{
	if (s == NULL)
		return;
	free(s->customer);
	arena_free(&s->arena);
	free(s->items);
	free(s->slot);
	free(s->m);
	free(s->rows);
	free(s->start);
	free(s);
}

/* Slot of invoice_id: where it is, or the empty slot where it would go. */
static size_t
stmt_slot(const struct ar_stmt *s, const char *id)
{
	size_t j, mask = s->nslot - 1;

	for (j = hash_str(id, HASH_SEED) & mask; s->slot[j] != 0;
	    j = (j + 1) & mask)
		if (strcmp(s->items[s->slot[j] - 1].invoice_id, id) == 0)
			break;
	return j;
}

enum ar_rc
ar_stmt_add_item(struct ar_stmt *s, const struct ar_item_cols *cols,
    const struct ar_item *it, enum ar_age_how *how, struct ar_err *err)
{
	struct sitem *t;
	size_t j, i;

	*how = AR_AGED_NONE;
	if (*it->customer_id == '\0') {
		ar_err_set(err, 0, "empty customer_id");
		return AR_SKIP;
	}
	if (s->customer != NULL && strcmp(s->customer, it->customer_id) != 0)
		return AR_OK;
	j = stmt_slot(s, it->invoice_id);
	if (s->slot[j] != 0) {
		ar_err_set(err, 0, "invoice_id '%s' seen before", it->invoice_id);
		return AR_SKIP;
	}
	s->items = grow(s->items, &s->capitems, s->nitems, sizeof *s->items);
	t = &s->items[s->nitems];
	memset(t, 0, sizeof *t);
	t->invoice_id = arena_strdup(&s->arena, it->invoice_id);
	t->file = err->file;
	t->line = err->line;
	t->customer_id = arena_strdup(&s->arena, it->customer_id);
	t->customer_name = arena_strdup(&s->arena, it->customer_name);
	t->type = *it->type != '\0' ? arena_strdup(&s->arena, it->type) :
	    it->amount < 0 ? "credit_note" : "invoice";
	t->currency = arena_strdup(&s->arena, it->currency);
	t->exp = it->exp;
	t->has_open = cols->open_amount >= 0;
	t->amount = it->amount;
	t->open = it->open_amount;
	t->issue = it->issue_date;
	t->due = it->due_date;
	t->last_pay = it->last_payment_date != AR_NODATE ?
	    it->last_payment_date : it->paid_date;
	if (ar_age_from(&s->o, it, &t->from, &t->how, NULL) != AR_OK)
		t->how = AR_AGED_NONE;
	if (t->open > 0)
		*how = t->how;
	s->slot[j] = (uint32_t)++s->nitems;
	if (2 * s->nitems > s->nslot) {
		free(s->slot);
		s->nslot *= 2;
		s->slot = ar_xcalloc(s->nslot, sizeof *s->slot);
		for (i = 0; i < s->nitems; i++)
			s->slot[stmt_slot(s, s->items[i].invoice_id)] =
			    (uint32_t)i + 1;
	}
	return AR_OK;
}

const char *
ar_stmt_mcols_find(struct ar_stmt_mcols *c, const struct ar_csv_reader *r)
{
	c->txn_id = ar_csv_col(r, "txn_id");
	c->invoice_id = ar_csv_col(r, "invoice_id");
	c->amount = ar_csv_col(r, "amount");
	if ((c->date = ar_csv_col(r, "date")) < 0)
		c->date = ar_csv_col(r, "booking_date");
	if (c->txn_id < 0)
		return "'txn_id'";
	if (c->invoice_id < 0)
		return "'invoice_id'";
	if (c->amount < 0)
		return "'amount'";
	if (c->date < 0)
		return "'date' or 'booking_date'";
	return NULL;
}

void
ar_stmt_use_matches(struct ar_stmt *s)
{
	s->use_matches = 1;
}

enum ar_rc
ar_stmt_add_match(struct ar_stmt *s, const struct ar_stmt_mcols *c,
    const struct ar_csv_reader *r, struct ar_err *err)
{
	const char *txn = ar_csv_field(r, c->txn_id);
	const char *inv = ar_csv_field(r, c->invoice_id);
	struct smatch *m;
	struct sitem *t;
	int64_t amount, sum;
	ar_date date;
	size_t j;

	s->use_matches = 1;
	if (*txn == '\0') {
		ar_err_set(err, ar_csv_line(r), "empty txn_id");
		return AR_SKIP;
	}
	if (*inv == '\0') {
		ar_err_set(err, ar_csv_line(r), "empty invoice_id");
		return AR_SKIP;
	}
	j = stmt_slot(s, inv);
	if (s->slot[j] == 0)
		return AR_OK;	/* another customer's, or not in the items */
	t = &s->items[s->slot[j] - 1];
	if (ar_col_amount(r, c->amount, t->exp, &amount, err) != AR_OK ||
	    ar_col_date(r, c->date, 0, &date, err) != AR_OK)
		return AR_SKIP;
	if (ar_money_add(t->matched, amount, &sum) != 0) {
		ar_err_set(err, ar_csv_line(r), "amount: the sum of the matches "
		    "of invoice %s is out of range", t->invoice_id);
		return AR_SKIP;
	}
	t->matched = sum;
	s->m = grow(s->m, &s->capm, s->nm, sizeof *s->m);
	m = &s->m[s->nm++];
	m->txn_id = arena_strdup(&s->arena, txn);
	m->item = s->slot[j] - 1;
	m->amount = amount;
	m->date = date;
	return AR_OK;
}

static int
cmp_srow(const void *x, const void *y)
{
	const struct ar_stmt_row *a = x, *b = y;
	int c;

	if ((c = strcmp(a->customer_id, b->customer_id)) != 0 ||
	    (c = strcmp(a->currency, b->currency)) != 0)
		return c;
	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	if (a->is_item != b->is_item)
		return a->is_item ? -1 : 1;
	if ((c = strcmp(a->document, b->document)) != 0 ||
	    (c = strcmp(a->invoice_id, b->invoice_id)) != 0)
		return c;
	if (a->debit != b->debit)
		return a->debit < b->debit ? -1 : 1;
	if (a->credit != b->credit)
		return a->credit < b->credit ? -1 : 1;
	return 0;
}

/* Debit and credit of a signed amount (INT64_MIN cannot be negated). */
static void
split(int64_t v, int64_t *debit, int64_t *credit)
{
	*debit = *credit = 0;
	if (v >= 0)
		*debit = v;
	else
		*credit = v == INT64_MIN ? INT64_MAX : -v;
}

size_t
ar_stmt_finish(struct ar_stmt *s)
{
	struct ar_stmt_row *r;
	size_t i, k, n = 0, max;
	int64_t bal = 0;

	max = s->nitems + (s->use_matches ? s->nm : s->nitems);
	free(s->rows);
	s->rows = ar_xcalloc(max + 1, sizeof *s->rows);
	for (i = 0; i < s->nitems; i++) {
		struct sitem *t = &s->items[i];
		int64_t paid;

		r = &s->rows[n++];
		r->customer_id = t->customer_id;
		r->currency = t->currency;
		r->exp = t->exp;
		r->date = t->issue != AR_NODATE ? t->issue : t->due;
		r->order = r->date;
		r->type = t->type;
		r->document = t->invoice_id;
		r->invoice_id = t->invoice_id;
		/* What is owed falls due; a credit shows the due date it has. */
		r->due_date = t->due;
		if (t->due == AR_NODATE && t->amount > 0 && t->issue != AR_NODATE)
			r->due_date = t->issue + s->o.terms;
		split(t->amount, &r->debit, &r->credit);
		r->is_item = 1;
		r->open = t->open;
		r->days_overdue = AR_AGE_NODAYS;
		if (t->open > 0 && t->how != AR_AGED_NONE &&
		    s->o.as_of - t->from > 0)
			r->days_overdue = s->o.as_of - t->from;
		if (s->use_matches || ar_money_sub(t->amount, t->open, &paid) != 0 ||
		    paid == 0)
			continue;
		/* No matches: what was paid, on the last payment date. */
		r = &s->rows[n++];
		r->customer_id = t->customer_id;
		r->currency = t->currency;
		r->exp = t->exp;
		r->date = t->last_pay;
		/* Undated, it goes right after its item. */
		r->order = r->date != AR_NODATE ? r->date : r[-1].date;
		r->type = "payment";
		r->document = "";
		r->invoice_id = t->invoice_id;
		r->due_date = AR_NODATE;
		split(paid, &r->credit, &r->debit);
		r->days_overdue = AR_AGE_NODAYS;
	}
	for (i = 0; s->use_matches && i < s->nm; i++) {
		struct sitem *t = &s->items[s->m[i].item];

		r = &s->rows[n++];
		r->customer_id = t->customer_id;
		r->currency = t->currency;
		r->exp = t->exp;
		r->date = s->m[i].date;
		r->order = r->date;
		r->type = "payment";
		r->document = s->m[i].txn_id;
		r->invoice_id = t->invoice_id;
		r->due_date = AR_NODATE;
		split(s->m[i].amount, &r->credit, &r->debit);
		r->days_overdue = AR_AGE_NODAYS;
	}
	if (n > 1)
		qsort(s->rows, n, sizeof *s->rows, cmp_srow);
	s->nrows = n;
	free(s->start);
	s->start = ar_xcalloc(n + 2, sizeof *s->start);
	s->ncust = 0;
	for (i = 0; i < n; i++) {
		r = &s->rows[i];
		if (i == 0 || strcmp(r->customer_id, r[-1].customer_id) != 0)
			s->start[s->ncust++] = i;
		if (i == 0 || strcmp(r->customer_id, r[-1].customer_id) != 0 ||
		    strcmp(r->currency, r[-1].currency) != 0)
			bal = 0;
		/* Saturate rather than wrap: only absurd input gets here. */
		if (ar_money_add(bal, r->debit, &bal) != 0)
			bal = INT64_MAX;
		if (ar_money_sub(bal, r->credit, &bal) != 0)
			bal = INT64_MIN;
		r->balance = bal;
	}
	s->start[s->ncust] = n;
	/* One name per customer: that of its most recently issued item. */
	for (k = 0; k < s->ncust; k++) {
		const char *name = "";
		ar_date nd = AR_NODATE;

		for (i = s->start[k]; i < s->start[k + 1]; i++) {
			struct sitem *t;

			if (!s->rows[i].is_item)
				continue;
			t = &s->items[s->slot[stmt_slot(s,
			    s->rows[i].invoice_id)] - 1];
			if (better_name(t->customer_name, t->issue, name, nd)) {
				name = t->customer_name;
				nd = t->issue;
			}
		}
		for (i = s->start[k]; i < s->start[k + 1]; i++)
			s->rows[i].customer_name = name;
	}
	s->check = 0;
	return s->ncust;
}

enum ar_rc
ar_stmt_check(struct ar_stmt *s, struct ar_err *err)
{
	while (s->use_matches && s->check < s->nitems) {
		struct sitem *t = &s->items[s->check++];
		char a[AR_MONEY_BUFSZ], m[AR_MONEY_BUFSZ], o[AR_MONEY_BUFSZ];
		int64_t left;

		if (!t->has_open)
			continue;
		if (ar_money_sub(t->amount, t->matched, &left) == 0 &&
		    left == t->open)
			continue;
		err->file = t->file;
		ar_err_set(err, t->line, "invoice %s: amount %s less %s matched is "
		    "not its open_amount %s", t->invoice_id,
		    fmt_money(t->amount, t->exp, a),
		    fmt_money(t->matched, t->exp, m),
		    fmt_money(t->open, t->exp, o));
		return AR_OK;
	}
	return AR_EOF;
}

const char *
ar_stmt_customer(const struct ar_stmt *s, size_t k)
{
	return k < s->ncust ? s->rows[s->start[k]].customer_id : NULL;
}

size_t
ar_stmt_rows(const struct ar_stmt *s, size_t k, const struct ar_stmt_row **rows)
{
	if (k >= s->ncust) {
		*rows = NULL;
		return 0;
	}
	*rows = &s->rows[s->start[k]];
	return s->start[k + 1] - s->start[k];
}

const char *const *
ar_stmt_header(void)
{
	static const char *const h[AR_STMT_NCOLS] = {
		"customer_id", "customer_name", "currency", "date", "type",
		"document", "invoice_id", "due_date", "debit", "credit",
		"balance", "open_amount", "days_overdue"
	};

	return h;
}

const char *const *
ar_stmt_format(const struct ar_stmt_row *r, struct ar_stmt_fmt *b)
{
	b->f[0] = r->customer_id;
	b->f[1] = r->customer_name;
	b->f[2] = r->currency;
	b->f[3] = fmt_date(r->date, b->date[0]);
	b->f[4] = r->type;
	b->f[5] = r->document;
	b->f[6] = r->invoice_id;
	b->f[7] = fmt_date(r->due_date, b->date[1]);
	b->f[8] = r->debit ? fmt_money(r->debit, r->exp, b->money[0]) : "";
	b->f[9] = r->credit ? fmt_money(r->credit, r->exp, b->money[1]) : "";
	b->f[10] = fmt_money(r->balance, r->exp, b->money[2]);
	b->f[11] = r->is_item ? fmt_money(r->open, r->exp, b->money[3]) : "";
	b->f[12] = r->days_overdue == AR_AGE_NODAYS ? "" :
	    fmt_int(r->days_overdue, b->days, sizeof b->days);
	return b->f;
}

char *
ar_stmt_filename(const char *id, const char *ext, char *buf, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;
	size_t k = 0;

	if (*id == '\0')
		return NULL;
	for (p = (const unsigned char *)id; *p != '\0'; p++) {
		int keep = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
		    (*p == '.' && p != (const unsigned char *)id);

		if (k + 4 > n)
			return NULL;
		if (keep)
			buf[k++] = (char)*p;
		else {
			buf[k++] = '%';
			buf[k++] = hex[*p >> 4];
			buf[k++] = hex[*p & 15];
		}
	}
	if (k + strlen(ext) + 1 > n)
		return NULL;
	memcpy(buf + k, ext, strlen(ext) + 1);
	return buf;
}
