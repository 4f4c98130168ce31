/* test_spool.c - rows held in memory, then in a temporary file */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spool.h"
#include "tap.h"

/* Read everything back as "a|b|c;" per row. */
static char *
dump(struct ar_spool *s)
{
	static char *buf;
	static size_t cap;
	const char *const *f;
	struct ar_err err = { 0 };
	size_t n = 0, i;

	if (ar_spool_rewind(s, &err) != AR_OK)
		return "rewind failed";
	if (buf == NULL)
		buf = malloc(cap = 1 << 20);
	buf[0] = '\0';
	while (ar_spool_next(s, &f, &err) == AR_OK) {
		for (i = 0; i < 3; i++) {
			size_t l = strlen(f[i]);

			if (n + l + 3 >= cap)
				buf = realloc(buf, cap *= 2);
			memcpy(buf + n, f[i], l);
			n += l;
			buf[n++] = i < 2 ? '|' : ';';
		}
		buf[n] = '\0';
	}
	return buf;
}

int
main(void)
{
	struct ar_err err = { 0 };
	struct ar_spool *s = ar_spool_new(3, 4096);
	const char *r1[] = { "a", "", "c" }, *r2[] = { NULL, "x y", "\xc3\xa9" };
	char want[200000], num[32], *big;
	size_t i, n;

	is_str(dump(s), "", "empty");
	ar_spool_add(s, r1, &err);
	ar_spool_add(s, r2, &err);
	is_str(dump(s), "a||c;|x y|\xc3\xa9;", "two rows in memory, NULL as empty");
	is_int(ar_spool_spilled(s), 0, "not spilled");
	is_str(dump(s), "a||c;|x y|\xc3\xa9;", "read twice");
	ar_spool_clear(s);
	is_int((long long)ar_spool_count(s), 0, "cleared");

	/* 2000 rows of about 20 bytes: spills at 4096 bytes. */
	want[0] = '\0';
	for (i = n = 0; i < 2000; i++) {
		const char *r[3];

		snprintf(num, sizeof num, "%zu", i);
		r[0] = num;
		r[1] = "row";
		r[2] = i % 2 ? "odd" : "";
		ar_spool_add(s, r, &err);
		n += (size_t)snprintf(want + n, sizeof want - n, "%s|row|%s;", num,
		    i % 2 ? "odd" : "");
	}
	is_int(ar_spool_spilled(s), 1, "spilled");
	is_int((long long)ar_spool_count(s), 2000, "2000 rows");
	is_str(dump(s), want, "2000 rows back in order across file and memory");

	/* Reused after clear, with a row longer than the read buffer. */
	ar_spool_clear(s);
	big = malloc(300001);
	memset(big, 'b', 300000);
	big[300000] = '\0';
	{
		const char *r[] = { "1", big, "z" }, *q[] = { "2", "", "" };

		ar_spool_add(s, q, &err);
		ar_spool_add(s, r, &err);
		ar_spool_add(s, q, &err);
	}
	is_int(ar_spool_spilled(s), 1, "a big row spills");
	{
		const char *got = dump(s);

		ok(strncmp(got, "2||;1|bbb", 9) == 0 && strlen(got) == 300000 + 13 &&
		    strcmp(got + strlen(got) - 8, "b|z;2||;") == 0,
		    "a row of 300000 bytes read back whole");
	}
	ar_spool_clear(s);
	is_str(dump(s), "", "empty after clear");
	free(big);
	ar_spool_free(s);
	return tap_done();
}
