/*
 * spool.c - rows held in memory up to a limit, then in a temporary file
 * (see spool.h).
 *
 * A row is stored as its length in bytes (a uint32_t), then its fields
 * one after the other, each ended by a NUL: reading back finds the
 * fields' ends in a row known to be whole.  (Fields cannot hold a NUL.)
 * Rows go to mem; when a row would take mem past the limit, mem is
 * written to the temporary file and emptied.  Reading back, the file
 * (if any) comes first, then what is still in mem.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "outfile.h"
#include "spool.h"

#define RBUF	(64 * 1024)

struct ar_spool {
	size_t nf, limit;
	char *mem;			/* rows not yet spilled */
	size_t mlen, mcap;
	size_t count;

	FILE *tmp;			/* spilled rows, NULL until needed */
	int spilled;

	/* reading back */
	int from_file;			/* still reading the file */
	char *rbuf;			/* from the file: [rpos, rlen) unread */
	size_t rpos, rlen, rcap;
	int reof;
	size_t mpos;			/* in mem */
	const char **f;			/* the row handed out */
};

struct ar_spool *
ar_spool_new(size_t nfields, size_t memlimit)
{
	struct ar_spool *s = ar_xcalloc(1, sizeof *s);

	s->nf = nfields;
	s->limit = memlimit < 4096 ? 4096 : memlimit;
	s->f = ar_xcalloc(nfields ? nfields : 1, sizeof *s->f);
	return s;
}

void
ar_spool_free(struct ar_spool *s)
{
	if (s == NULL)
		return;
	if (s->tmp != NULL)
		fclose(s->tmp);
	free(s->mem);
	free(s->rbuf);
	free(s->f);
	free(s);
}

static enum ar_rc
spill(struct ar_spool *s, struct ar_err *err)
{
	if (s->mlen == 0)
		return AR_OK;
	if (s->tmp == NULL && (s->tmp = ar_tmpfile(err)) == NULL)
		return AR_FATAL;
	if (fwrite(s->mem, 1, s->mlen, s->tmp) != s->mlen) {
		ar_err_set(err, 0, "cannot write a temporary file: %s",
		    strerror(errno));
		return AR_FATAL;
	}
	s->spilled = 1;
	s->mlen = 0;
	return AR_OK;
}

enum ar_rc
ar_spool_add(struct ar_spool *s, const char *const *fields,
    struct ar_err *err)
{
	size_t i, need = sizeof(uint32_t);
	uint32_t len[64], *lp = len, row;
	char *p;

	if (s->nf > 64)
		lp = ar_xcalloc(s->nf, sizeof *lp);
	for (i = 0; i < s->nf; i++) {
		lp[i] = (uint32_t)(fields[i] ? strlen(fields[i]) : 0);
		need += lp[i] + 1;
	}
	if (need - sizeof row > UINT32_MAX) {
		if (lp != len)
			free(lp);
		ar_err_set(err, 0, "a row of more than 4 GiB");
		return AR_FATAL;
	}
	if (s->mlen > 0 && s->mlen + need > s->limit &&
	    spill(s, err) != AR_OK) {
		if (lp != len)
			free(lp);
		return AR_FATAL;
	}
	if (s->mlen + need > s->mcap) {
		while (s->mlen + need > s->mcap)
			s->mcap = s->mcap ? 2 * s->mcap : 4096;
		s->mem = ar_xrealloc(s->mem, s->mcap);
	}
	p = s->mem + s->mlen;
	row = (uint32_t)(need - sizeof row);
	memcpy(p, &row, sizeof row);
	p += sizeof row;
	for (i = 0; i < s->nf; i++) {
		if (lp[i] > 0)
			memcpy(p, fields[i], lp[i]);
		p[lp[i]] = '\0';
		p += lp[i] + 1;
	}
	if (lp != len)
		free(lp);
	s->mlen += need;
	s->count++;
	return AR_OK;
}

size_t
ar_spool_count(const struct ar_spool *s)
{
	return s->count;
}

int
ar_spool_spilled(const struct ar_spool *s)
{
	return s->spilled;
}

enum ar_rc
ar_spool_rewind(struct ar_spool *s, struct ar_err *err)
{
	s->mpos = 0;
	s->rpos = s->rlen = 0;
	s->reof = 0;
	s->from_file = s->spilled;
	if (s->spilled) {
		if (fflush(s->tmp) != 0 || fseek(s->tmp, 0, SEEK_SET) != 0) {
			ar_err_set(err, 0, "cannot read back a temporary file: %s",
			    strerror(errno));
			return AR_FATAL;
		}
	}
	return AR_OK;
}

/* Split one row starting at p (n bytes available); return its length or 0. */
static size_t
split(struct ar_spool *s, const char *p, size_t n)
{
	size_t i, off = sizeof(uint32_t);
	uint32_t row;

	if (n < off)
		return 0;
	memcpy(&row, p, sizeof row);
	if (row > n - off)
		return 0;
	for (i = 0; i < s->nf; i++) {
		s->f[i] = p + off;
		off += strlen(p + off) + 1;
	}
	return off;
}

enum ar_rc
ar_spool_next(struct ar_spool *s, const char *const **fields,
    struct ar_err *err)
{
	size_t n;

	while (s->from_file) {
		if ((n = split(s, s->rbuf + s->rpos, s->rlen - s->rpos)) > 0) {
			s->rpos += n;
			*fields = s->f;
			return AR_OK;
		}
		if (s->reof) {
			/* The file is read through: go on with mem. */
			s->from_file = 0;
			break;
		}
		/* Keep the partial row, read more behind it. */
		if (s->rpos > 0)
			memmove(s->rbuf, s->rbuf + s->rpos, s->rlen - s->rpos);
		s->rlen -= s->rpos;
		s->rpos = 0;
		if (s->rcap - s->rlen < RBUF) {
			s->rcap = s->rcap ? 2 * s->rcap : 2 * RBUF;
			s->rbuf = ar_xrealloc(s->rbuf, s->rcap);
		}
		n = fread(s->rbuf + s->rlen, 1, s->rcap - s->rlen, s->tmp);
		if (n == 0) {
			if (ferror(s->tmp)) {
				ar_err_set(err, 0, "cannot read back a "
				    "temporary file: %s", strerror(errno));
				return AR_FATAL;
			}
			s->reof = 1;
		}
		s->rlen += n;
	}
	if (s->mpos < s->mlen &&
	    (n = split(s, s->mem + s->mpos, s->mlen - s->mpos)) > 0) {
		s->mpos += n;
		*fields = s->f;
		return AR_OK;
	}
	return AR_EOF;
}

void
ar_spool_clear(struct ar_spool *s)
{
	s->mlen = 0;
	s->count = 0;
	s->mpos = s->rpos = s->rlen = 0;
	s->from_file = 0;
	if (s->spilled) {
		/* Keep the file, emptied, for the next batch. */
		fflush(s->tmp);
		if (ftruncate(fileno(s->tmp), 0) != 0 ||
		    fseek(s->tmp, 0, SEEK_SET) != 0) {
			fclose(s->tmp);
			s->tmp = NULL;
		}
		s->spilled = 0;
	}
}
