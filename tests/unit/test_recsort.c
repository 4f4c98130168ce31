/* test_recsort.c - records in order: streamed, restarted, spilled, merged */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recsort.h"
#include "tap.h"

/* Records are "G:rest"; the group is the number before the colon. */
static int
cmp(const void *a, size_t an, const void *b, size_t bn)
{
	size_t n = an < bn ? an : bn;
	int c = memcmp(a, b, n);

	return c ? c : an < bn ? -1 : an > bn;
}

static int
group(const void *a, size_t an, const void *b, size_t bn)
{
	int x = atoi(a), y = atoi(b);

	(void)an;
	(void)bn;
	return x < y ? -1 : x > y;
}

struct log {
	char out[1024];
	int restarts, emits_before_restart;
};

static void
emit(const void *rec, size_t len, void *arg)
{
	struct log *l = arg;

	snprintf(l->out + strlen(l->out), sizeof l->out - strlen(l->out),
	    "%s%.*s", *l->out ? " " : "", (int)len, (const char *)rec);
}

static void
restart(void *arg)
{
	struct log *l = arg;

	l->restarts++;
	l->emits_before_restart = (int)strlen(l->out);
	l->out[0] = '\0';
}

/* The records added so far, the one being added too, given again. */
struct replay {
	struct log l;
	struct ar_recsort *s;
	const char **in;
	int i, replays;
};

static enum ar_rc
replay(void *arg, struct ar_err *e)
{
	struct replay *r = arg;
	int i;

	r->replays++;
	for (i = 0; i <= r->i; i++)
		if (ar_recsort_add(r->s, r->in[i], strlen(r->in[i]), e) != AR_OK)
			return AR_FATAL;
	return AR_OK;
}

static const struct {
	const char *in;		/* space-separated records */
	size_t memcap;
	const char *want;
	int restarts;
	const char *what;
} t[] = {
	{ "", 1 << 20, "", 0, "no records" },
	{ "1:a", 1 << 20, "1:a", 0, "one record" },
	{ "1:b 1:a 2:c 2:a 3:z", 1 << 20, "1:a 1:b 2:a 2:c 3:z", 0,
	    "in group order: sorted within each group, streamed" },
	{ "1:a 1:a 2:b", 1 << 20, "1:a 1:a 2:b", 0, "equal records kept" },
	{ "2:a 1:b 3:c 1:a", 1 << 20, "1:a 1:b 2:a 3:c", 1,
	    "out of order: restarted and sorted" },
	{ "3:a 2:a 1:a 3:b 2:b 1:b", 8, "1:a 1:b 2:a 2:b 3:a 3:b", 1,
	    "out of order, tiny memory: runs spilled and merged" },
	{ "5:e 4:d 3:c 2:b 1:a 9:x 8:y", 12, "1:a 2:b 3:c 4:d 5:e 8:y 9:x", 1,
	    "reversed input, runs of two" },
};

int
main(void)
{
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		struct log l = { { 0 }, 0, 0 };
		struct ar_recsort_fns f = { cmp, group, emit, restart, &l, NULL };
		struct ar_recsort *s = ar_recsort_new(&f, t[i].memcap);
		struct ar_err e = { 0 };
		char *in = strdup(t[i].in), *tok, *save = NULL;
		int rc = AR_OK;

		for (tok = strtok_r(in, " ", &save); tok != NULL && rc == AR_OK;
		    tok = strtok_r(NULL, " ", &save))
			rc = ar_recsort_add(s, tok, strlen(tok), &e);
		if (rc == AR_OK)
			rc = ar_recsort_finish(s, &e);
		is_int(rc, AR_OK, "%s: ok", t[i].what);
		is_str(l.out, t[i].want, "%s: order", t[i].what);
		is_int(l.restarts, t[i].restarts, "%s: restarts", t[i].what);
		is_int(ar_recsort_sorting(s), t[i].restarts > 0, "%s: sorting",
		    t[i].what);
		ar_recsort_free(s);
		free(in);
	}
	/* streaming emits a group as soon as the next group starts */
	{
		struct log l = { { 0 }, 0, 0 };
		struct ar_recsort_fns f = { cmp, group, emit, restart, &l, NULL };
		struct ar_recsort *s = ar_recsort_new(&f, 1 << 20);
		struct ar_err e = { 0 };

		ar_recsort_add(s, "1:b", 3, &e);
		ar_recsort_add(s, "1:a", 3, &e);
		is_str(l.out, "", "a group is held while it may grow");
		ar_recsort_add(s, "2:a", 3, &e);
		is_str(l.out, "1:a 1:b", "and emitted when the next one starts");
		ar_recsort_finish(s, &e);
		is_str(l.out, "1:a 1:b 2:a", "the last one at the end");
		ar_recsort_free(s);
	}
	/* records given again (replay) instead of a spool: no temporary file */
	{
		static const char *in[] = { "2:a", "3:c", "1:b", "4:d", "1:a" };
		struct replay r = { { { 0 }, 0, 0 }, NULL, in, 0, 0 };
		struct ar_recsort_fns f = { cmp, group, emit, restart, &r,
		    replay };
		struct ar_recsort *s = ar_recsort_new(&f, 1 << 20);
		struct ar_err e = { 0 };
		int rc = AR_OK;

		r.s = s;
		setenv("TMPDIR", "/nonexistent", 1);
		ar_recsort_replayable(s);
		for (r.i = 0; r.i < 5 && rc == AR_OK; r.i++)
			rc = ar_recsort_add(s, in[r.i], 3, &e);
		if (rc == AR_OK)
			rc = ar_recsort_finish(s, &e);
		is_int(rc, AR_OK, "replay: ok without a temporary directory");
		is_str(r.l.out, "1:a 1:b 2:a 3:c 4:d", "replay: order");
		is_int(r.l.restarts, 1, "replay: restarted once");
		is_int(r.replays, 1, "replay: the records given again once");
		ar_recsort_free(s);
		unsetenv("TMPDIR");
	}
	return tap_done();
}
