/* outfile.c - write a file under a temporary name, rename it into place */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"

static void
clear(struct ar_outfile *o)
{
	free(o->path);
	free(o->tmp);
	o->fp = NULL;
	o->path = NULL;
	o->tmp = NULL;
}

FILE *
ar_outfile_open(struct ar_outfile *o, const char *path, struct ar_err *err)
{
	const char *base;
	char *real = NULL;
	struct stat st;
	size_t dirlen, n;
	mode_t mask;
	int fd;

	memset(o, 0, sizeof *o);
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		/*
		 * A device, a FIFO, a terminal: write into it as it is (a
		 * rename would replace it, and /dev/full would hide a full
		 * disk).
		 */
		if ((o->fp = fopen(path, "w")) == NULL) {
			ar_err_set(err, 0, "%s: %s", path, strerror(errno));
			return NULL;
		}
		o->path = ar_xstrdup(path);
		return o->fp;
	}
	/* Through a symbolic link, replace the file it points to. */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) &&
	    (real = realpath(path, NULL)) != NULL)
		path = real;
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	dirlen = (size_t)(base - path);
	if (*base == '\0') {
		ar_err_set(err, 0, "%s: not a file name", path);
		free(real);
		return NULL;
	}
	n = strlen(path) + 10;
	o->tmp = ar_xmalloc(n);
	snprintf(o->tmp, n, "%.*s.%s.XXXXXX", (int)dirlen, path, base);
	if ((fd = mkstemp(o->tmp)) < 0) {
		ar_err_set(err, 0, "%s: %s", path, strerror(errno));
		free(real);
		clear(o);
		return NULL;
	}
	/* mkstemp makes 0600; give the file what open(2) would. */
	mask = umask(0);
	umask(mask);
	(void)fchmod(fd, 0666 & ~mask);
	if ((o->fp = fdopen(fd, "w")) == NULL) {
		ar_err_set(err, 0, "%s: %s", path, strerror(errno));
		close(fd);
		unlink(o->tmp);
		free(real);
		clear(o);
		return NULL;
	}
	o->path = ar_xstrdup(path);
	free(real);
	return o->fp;
}

enum ar_rc
ar_outfile_commit(struct ar_outfile *o, struct ar_err *err)
{
	int bad, e = 0;

	if (o->fp == NULL)
		return AR_OK;
	bad = ferror(o->fp);
	errno = 0;
	if (fflush(o->fp) != 0) {
		e = errno;
		bad = 1;
	}
	if (fclose(o->fp) != 0) {
		if (e == 0)
			e = errno;
		bad = 1;
	}
	o->fp = NULL;
	if (!bad && o->tmp != NULL && rename(o->tmp, o->path) != 0) {
		e = errno;
		bad = 1;
	}
	if (bad) {
		ar_err_set(err, 0, "%s: %s", o->path,
		    e ? strerror(e) : "write error");
		if (o->tmp != NULL)
			unlink(o->tmp);
		clear(o);
		return AR_FATAL;
	}
	clear(o);
	return AR_OK;
}

enum ar_rc
ar_outfile_flush(struct ar_outfile *o, struct ar_err *err)
{
	int e = 0;

	if (o->fp == NULL)
		return AR_OK;
	errno = 0;
	if (fflush(o->fp) != 0)
		e = errno ? errno : EIO;
	else if (ferror(o->fp))
		e = EIO;
	if (e != 0) {
		ar_err_set(err, 0, "%s: %s", o->path, strerror(e));
		return AR_FATAL;
	}
	return AR_OK;
}

void
ar_outfile_abort(struct ar_outfile *o)
{
	if (o->fp != NULL) {
		fclose(o->fp);
		if (o->tmp != NULL)
			unlink(o->tmp);
	}
	clear(o);
}

FILE *
ar_tmpfile(struct ar_err *err)
{
	const char *dir = getenv("TMPDIR");
	char *path;
	size_t n;
	FILE *fp;
	int fd;

	/* tmpfile(3) would not honour TMPDIR. */
	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	n = strlen(dir) + sizeof "/artools.XXXXXX";
	path = ar_xmalloc(n);
	snprintf(path, n, "%s/artools.XXXXXX", dir);
	if ((fd = mkstemp(path)) < 0) {
		ar_err_set(err, 0, "cannot make a temporary file in %s: %s", dir,
		    strerror(errno));
		free(path);
		return NULL;
	}
	unlink(path);
	free(path);
	if ((fp = fdopen(fd, "w+")) == NULL) {
		ar_err_set(err, 0, "temporary file: %s", strerror(errno));
		close(fd);
	}
	return fp;
}
