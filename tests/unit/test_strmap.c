/* test_strmap.c - the string table: dense indices, lookups, growth */
#include <stdio.h>
#include <string.h>

#include "strmap.h"
#include "tap.h"

int
main(void)
{
	static const struct {
		const char *key;
		long want;		/* index after the inserts below */
	} v[] = {
		{ "", 0 },
		{ "retail", 1 },
		{ "wholesale", 2 },
		{ "Retail", 3 },
		{ "retai", 4 },
		{ "retail ", 5 },
		{ "1234567", 6 },	/* the longest key kept in the slot */
		{ "12345678", 7 },	/* the shortest kept apart */
	};
	struct ar_strmap *m = ar_strmap_new();
	char key[32];
	size_t i;
	int added, all;

	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		is_int((long long)ar_strmap_intern(m, v[i].key, strlen(v[i].key),
		    &added), v[i].want, "intern '%s'", v[i].key);
		ok(added, "'%s' added", v[i].key);
	}
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		is_int(ar_strmap_find(m, v[i].key, strlen(v[i].key)), v[i].want,
		    "find '%s'", v[i].key);
		is_int((long long)ar_strmap_intern(m, v[i].key, strlen(v[i].key),
		    &added), v[i].want, "intern again '%s'", v[i].key);
		ok(!added, "'%s' not added twice", v[i].key);
		is_str(ar_strmap_key(m, (size_t)v[i].want), v[i].key, "key %ld",
		    v[i].want);
	}
	is_int(ar_strmap_find(m, "whole", 5), -1, "prefix of a key is not a key");
	is_int(ar_strmap_find(m, "wholesale", 5), -1, "length counts");
	is_int((long long)ar_strmap_intern(m, "a\0b", 3, NULL), 8,
	    "a key with a NUL byte");
	is_int(ar_strmap_find(m, "a\0c", 3), -1, "bytes after the NUL count");
	is_int((long long)ar_strmap_keylen(m, 8), 3, "its length");
	is_int(ar_strmap_find(m, "1234567\0", 8), -1, "a NUL more is another key");
	is_int(ar_strmap_find(m, "123456", 6), -1, "a byte less is another key");

	/* Growth: 100000 keys keep their indices. */
	for (i = 0; i < 100000; i++) {
		snprintf(key, sizeof key, "C%06zu", i);
		ar_strmap_intern(m, key, strlen(key), NULL);
	}
	is_int((long long)ar_strmap_count(m), 100009, "count after growth");
	all = 1;
	for (i = 0; i < 100000; i++) {
		snprintf(key, sizeof key, "C%06zu", i);
		if (ar_strmap_find(m, key, strlen(key)) != (long)i + 9 ||
		    strcmp(ar_strmap_key(m, i + 9), key) != 0)
			all = 0;
	}
	ok(all, "every key found at its index after growth");
	is_int(ar_strmap_find(m, "retail", 6), 1, "old keys survive growth");
	ar_strmap_free(m);
	return tap_done();
}
