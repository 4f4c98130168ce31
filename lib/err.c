/* err.c - error values and allocation that aborts on exhaustion */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"

void
ar_err_set(struct ar_err *e, long line, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return;
	e->line = line;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
}

static void
oom(void)
{
	static const char m[] = "artools: out of memory\n";

	/* The only abort in the library. */
	(void)!write(2, m, sizeof m - 1);
	abort();
}

void *
ar_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
ar_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
ar_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

char *
ar_xstrdup(const char *s)
{
	return ar_xstrndup(s, strlen(s));
}

char *
ar_xstrndup(const char *s, size_t n)
{
	char *p = ar_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
