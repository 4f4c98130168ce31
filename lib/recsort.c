/*
 * recsort.c - records in order: one group at a time while the input is
 * in order, an external merge sort when it is not (see recsort.h)
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "outfile.h"
#include "recsort.h"

struct ent {
	size_t off, len;
};

struct run {
	FILE *fp;
	char *rec;
	size_t len, cap;
};

struct ar_recsort {
	struct ar_recsort_fns f;
	size_t memcap;
	int sorting;
	int replay;			/* no spool: f.replay gives them again */

	char *p;			/* records held */
	size_t len, cap;
	struct ent *e, *tmp;
	size_t n, ecap;

	FILE *spool;			/* every record, while streaming */
	struct run *runs;		/* sorted runs, while sorting */
	size_t nruns;
};

struct ar_recsort *
ar_recsort_new(const struct ar_recsort_fns *f, size_t memcap)
{
	struct ar_recsort *s = ar_xcalloc(1, sizeof *s);

	s->f = *f;
	s->memcap = memcap;
	return s;
}

void
ar_recsort_free(struct ar_recsort *s)
{
	size_t i;

	if (s == NULL)
		return;
	if (s->spool != NULL)
		fclose(s->spool);
	for (i = 0; i < s->nruns; i++) {
		if (s->runs[i].fp != NULL)
			fclose(s->runs[i].fp);
		free(s->runs[i].rec);
	}
	free(s->runs);
	free(s->p);
	free(s->e);
	free(s->tmp);
	free(s);
}

void
ar_recsort_replayable(struct ar_recsort *s)
{
	s->replay = s->f.replay != NULL;
}

int
ar_recsort_sorting(const struct ar_recsort *s)
{
	return s->sorting;
}

static void
hold(struct ar_recsort *s, const void *rec, size_t len)
{
	if (s->len + len > s->cap) {
		while (s->len + len > s->cap)
			s->cap = s->cap ? 2 * s->cap : 1 << 16;
		s->p = ar_xrealloc(s->p, s->cap);
	}
	if (s->n == s->ecap) {
		s->ecap = s->ecap ? 2 * s->ecap : 1024;
		s->e = ar_xrealloc(s->e, s->ecap * sizeof *s->e);
	}
	memcpy(s->p + s->len, rec, len);
	s->e[s->n].off = s->len;
	s->e[s->n].len = len;
	s->n++;
	s->len += len;
}

static int
cmp_ent(const struct ar_recsort *s, const struct ent *a, const struct ent *b)
{
	return s->f.cmp(s->p + a->off, a->len, s->p + b->off, b->len);
}

/* Stable merge sort of e[0..n) through tmp. */
static void
msort(const struct ar_recsort *s, struct ent *e, struct ent *tmp, size_t n)
{
	size_t h = n / 2, i = 0, j = h, k = 0;

	if (n < 2)
		return;
	msort(s, e, tmp, h);
	msort(s, e + h, tmp, n - h);
	if (cmp_ent(s, &e[h - 1], &e[h]) <= 0)
		return;		/* already in order: input in order costs n */
	while (i < h && j < n)
		tmp[k++] = cmp_ent(s, &e[j], &e[i]) < 0 ? e[j++] : e[i++];
	while (i < h)
		tmp[k++] = e[i++];
	while (j < n)
		tmp[k++] = e[j++];
	memcpy(e, tmp, n * sizeof *e);
}

static void
sort_held(struct ar_recsort *s)
{
	s->tmp = ar_xrealloc(s->tmp, (s->n ? s->n : 1) * sizeof *s->tmp);
	msort(s, s->e, s->tmp, s->n);
}

static void
emit_held(struct ar_recsort *s)
{
	size_t i;

	sort_held(s);
	for (i = 0; i < s->n; i++)
		s->f.emit(s->p + s->e[i].off, s->e[i].len, s->f.arg);
	s->n = 0;
	s->len = 0;
}

static int
put_rec(FILE *fp, const void *rec, size_t len)
{
	uint32_t n = (uint32_t)len;

	return fwrite(&n, sizeof n, 1, fp) == 1 &&
	    (len == 0 || fwrite(rec, 1, len, fp) == len) ? 0 : -1;
}

/* Next record of fp into *buf; 1 if one was read, 0 at the end, -1 on error. */
static int
get_rec(FILE *fp, char **buf, size_t *len, size_t *cap)
{
	uint32_t n;

	if (fread(&n, sizeof n, 1, fp) != 1)
		return ferror(fp) ? -1 : 0;
	if (n > *cap) {
		*cap = n;
		*buf = ar_xrealloc(*buf, *cap);
	}
	if (n > 0 && fread(*buf, 1, n, fp) != n)
		return -1;
	*len = n;
	return 1;
}

/* Sort what is held and write it as a run. */
static enum ar_rc
spill(struct ar_recsort *s, struct ar_err *err)
{
	struct run *r;
	size_t i;

	if (s->n == 0)
		return AR_OK;
	sort_held(s);
	s->runs = ar_xrealloc(s->runs, (s->nruns + 1) * sizeof *s->runs);
	r = &s->runs[s->nruns];
	memset(r, 0, sizeof *r);
	if ((r->fp = ar_tmpfile(err)) == NULL)
		return AR_FATAL;
	s->nruns++;
	for (i = 0; i < s->n; i++)
		if (put_rec(r->fp, s->p + s->e[i].off, s->e[i].len) != 0) {
			ar_err_set(err, 0, "temporary file: %s", strerror(errno));
			return AR_FATAL;
		}
	if (fflush(r->fp) != 0 || fseek(r->fp, 0, SEEK_SET) != 0) {
		ar_err_set(err, 0, "temporary file: %s", strerror(errno));
		return AR_FATAL;
	}
	s->n = 0;
	s->len = 0;
	return AR_OK;
}

static enum ar_rc
sort_add(struct ar_recsort *s, const void *rec, size_t len, struct ar_err *err)
{
	if (s->n > 0 && s->len + len > s->memcap && spill(s, err) != AR_OK)
		return AR_FATAL;
	hold(s, rec, len);
	return AR_OK;
}

/* The input is out of order: start again, sorting, from the spool or replay. */
static enum ar_rc
go_sorting(struct ar_recsort *s, struct ar_err *err)
{
	char *buf = NULL;
	size_t len = 0, cap = 0;
	int rc;

	s->f.restart(s->f.arg);
	s->sorting = 1;
	s->n = 0;
	s->len = 0;
	if (s->replay)
		return s->f.replay(s->f.arg, err);
	if (fflush(s->spool) != 0 || fseek(s->spool, 0, SEEK_SET) != 0) {
		ar_err_set(err, 0, "temporary file: %s", strerror(errno));
		return AR_FATAL;
	}
	while ((rc = get_rec(s->spool, &buf, &len, &cap)) == 1)
		if (sort_add(s, buf, len, err) != AR_OK) {
			free(buf);
			return AR_FATAL;
		}
	free(buf);
	if (rc < 0) {
		ar_err_set(err, 0, "temporary file: %s", strerror(errno));
		return AR_FATAL;
	}
	fclose(s->spool);
	s->spool = NULL;
	return AR_OK;
}

enum ar_rc
ar_recsort_add(struct ar_recsort *s, const void *rec, size_t len,
    struct ar_err *err)
{
	if (s->sorting)
		return sort_add(s, rec, len, err);
	if (!s->replay && s->spool == NULL &&
	    (s->spool = ar_tmpfile(err)) == NULL)
		return AR_FATAL;
	if (s->n > 0) {
		int c = s->f.group(rec, len, s->p + s->e[0].off, s->e[0].len);

		if (c > 0)
			emit_held(s);
		else if (c < 0) {
			if (!s->replay && put_rec(s->spool, rec, len) != 0) {
				ar_err_set(err, 0, "temporary file: %s",
				    strerror(errno));
				return AR_FATAL;
			}
			return go_sorting(s, err);
		}
	}
	if (!s->replay && put_rec(s->spool, rec, len) != 0) {
		ar_err_set(err, 0, "temporary file: %s", strerror(errno));
		return AR_FATAL;
	}
	hold(s, rec, len);
	return AR_OK;
}

/* k-way merge of the runs through a binary heap of run indices. */
static int
run_less(const struct ar_recsort *s, size_t a, size_t b)
{
	const struct run *x = &s->runs[a], *y = &s->runs[b];
	int c = s->f.cmp(x->rec, x->len, y->rec, y->len);

	return c < 0 || (c == 0 && a < b);
}

static void
sift(const struct ar_recsort *s, size_t *h, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, m = i, t;

		if (l < n && run_less(s, h[l], h[m]))
			m = l;
		if (l + 1 < n && run_less(s, h[l + 1], h[m]))
			m = l + 1;
		if (m == i)
			return;
		t = h[i], h[i] = h[m], h[m] = t;
		i = m;
	}
}

static enum ar_rc
merge(struct ar_recsort *s, struct ar_err *err)
{
	size_t *h = ar_xcalloc(s->nruns, sizeof *h), n = 0, i;
	int rc;

	for (i = 0; i < s->nruns; i++) {
		struct run *r = &s->runs[i];

		if ((rc = get_rec(r->fp, &r->rec, &r->len, &r->cap)) < 0)
			goto fail;
		if (rc == 1)
			h[n++] = i;
	}
	for (i = n; i-- > 0;)
		sift(s, h, n, i);
	while (n > 0) {
		struct run *r = &s->runs[h[0]];

		s->f.emit(r->rec, r->len, s->f.arg);
		if ((rc = get_rec(r->fp, &r->rec, &r->len, &r->cap)) < 0)
			goto fail;
		if (rc == 0)
			h[0] = h[--n];
		sift(s, h, n, 0);
	}
	free(h);
	return AR_OK;
fail:
	free(h);
	ar_err_set(err, 0, "temporary file: %s", strerror(errno));
	return AR_FATAL;
}

enum ar_rc
ar_recsort_finish(struct ar_recsort *s, struct ar_err *err)
{
	if (!s->sorting) {
		emit_held(s);
		if (s->spool != NULL) {
			fclose(s->spool);
			s->spool = NULL;
		}
		return AR_OK;
	}
	if (s->nruns == 0) {
		emit_held(s);
		return AR_OK;
	}
	if (spill(s, err) != AR_OK)
		return AR_FATAL;
	return merge(s, err);
}
