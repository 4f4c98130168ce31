/*
 * tap.h - the least TAP that our table-driven unit tests need.
 *
 *   ok(cond, "name %s", ...)         one test point
 *   is_str(got, want, "name", ...)   string compare; on failure prints
 *                                    "#   expected: ..." and "#   got: ..."
 *   is_int(got, want, "name", ...)   the same for integers
 *   return tap_done();               prints the plan "1..N", returns 0 if
 *                                    all passed, else 1
 */
#ifndef AR_TAP_H
#define AR_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_fail;

static void
tap_vpoint(int pass, const char *fmt, va_list ap)
{
	tap_n++;
	if (!pass)
		tap_fail++;
	printf("%sok %d - ", pass ? "" : "not ", tap_n);
	vprintf(fmt, ap);
	putchar('\n');
}

__attribute__((format(printf, 2, 3), unused)) static int
ok(int pass, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vpoint(pass, fmt, ap);
	va_end(ap);
	return pass;
}

__attribute__((format(printf, 3, 4), unused)) static int
is_str(const char *got, const char *want, const char *fmt, ...)
{
	va_list ap;
	int pass;

	if (got == NULL || want == NULL)
		pass = got == want;
	else
		pass = strcmp(got, want) == 0;
	va_start(ap, fmt);
	tap_vpoint(pass, fmt, ap);
	va_end(ap);
	if (!pass) {
		printf("#   expected: %s%s%s\n", want ? "\"" : "", want ? want : "NULL", want ? "\"" : "");
		printf("#   got:      %s%s%s\n", got ? "\"" : "", got ? got : "NULL", got ? "\"" : "");
	}
	return pass;
}

__attribute__((format(printf, 3, 4), unused)) static int
is_int(long long got, long long want, const char *fmt, ...)
{
	va_list ap;
	int pass = got == want;

	va_start(ap, fmt);
	tap_vpoint(pass, fmt, ap);
	va_end(ap);
	if (!pass) {
		printf("#   expected: %lld\n", want);
		printf("#   got:      %lld\n", got);
	}
	return pass;
}

__attribute__((unused)) static int
tap_done(void)
{
	printf("1..%d\n", tap_n);
	if (tap_fail)
		printf("# %d of %d failed\n", tap_fail, tap_n);
	return tap_fail != 0;
}

#endif
