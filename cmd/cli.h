/*
 * cli.h - what every artools front end shares: its name, located
 * messages, usage and version, opening inputs, and closing stdout.
 *
 * Exit status: 0 success; 1 records were reported and skipped; 2 bad
 * usage, unreadable input, or a failed write.
 */
#ifndef AR_CLI_H
#define AR_CLI_H

#include <sys/types.h>

#include <stdio.h>

#include "err.h"

#define CLI_OK		0
#define CLI_SKIPPED	1
#define CLI_FAILED	2

/*
 * Set the program name, the one-line usage (printed after "usage: " on
 * misuse) and the full help text (printed by cli_help).  Restores the
 * default SIGPIPE action so that "ar-x | head" ends quietly.
 */
void cli_init(const char *prog, const char *usage, const char *help);
const char *cli_prog(void);

/* "prog: message" on stderr. */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "prog: file:line: message" (no ":line" when line is 0). */
void cli_warn_at(const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The same, from an error value. */
void cli_report(const struct ar_err *);

/* "prog: message", the usage line and a hint on stderr; exit 2. */
_Noreturn void cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Help on stdout, exit 0 (2 if stdout cannot be written). */
_Noreturn void cli_help(void);
/* "prog (artools) X.Y.Z" on stdout, exit 0. */
_Noreturn void cli_version(void);

/*
 * Open an input operand: "-" is standard input, named "<stdin>".  On
 * failure reports "prog: path: reason" and returns NULL.  cli_close
 * closes what cli_open opened (never stdin).
 */
FILE *cli_open(const char *path, const char **name);
void cli_close(FILE *);

/* -d: one byte, or "\t" / "tab".  Exits through cli_usage if bad. */
char cli_delim(const char *arg);
/* -o: csv, tsv, json, table.  Exits through cli_usage if bad. */
int cli_format(const char *arg);

/*
 * The input loop every filter shares.  For each of the n operands
 * (standard input when n is 0), open it and read its header, call
 * open_fn (it finds its columns; it returns CLI_OK, or a status after
 * reporting why the file cannot be used, and the file is skipped), then
 * rec_fn for each record that reads well (it returns CLI_OK, or
 * CLI_SKIPPED after reporting the record).  Records that do not read
 * are reported here.  Returns the worst status seen: 2 for a file that
 * cannot be opened or read, 1 for a record or file reported and skipped.
 * open_fn may be NULL.
 */
struct ar_csv_reader;
int cli_each(char **files, int n, char delim,
    int (*open_fn)(struct ar_csv_reader *, const char *name, void *arg),
    int (*rec_fn)(struct ar_csv_reader *, void *arg), void *arg);

/*
 * cli_each, where an input with no bytes at all (an empty file, /dev/null,
 * an empty pipe) holds no records instead of lacking its header.
 */
int cli_each_empty_ok(char **files, int n, char delim,
    int (*open_fn)(struct ar_csv_reader *, const char *name, void *arg),
    int (*rec_fn)(struct ar_csv_reader *, void *arg), void *arg);

/* The worse of two exit statuses. */
int cli_worse(int a, int b);

/*
 * A whole-number option value from lo to hi (hi INT_MAX or more: none
 * bound): digits only, or exit through cli_usage naming opt.
 */
long cli_number(const char *opt, const char *arg, long lo, long hi);

/*
 * The file of an option that names a side output (--matches, --invoices):
 * "-" and "" are refused through cli_usage, since standard output carries
 * the main result.
 */
const char *cli_outpath(const char *opt, const char *arg);

/* --as-of and other date options: YYYY-MM-DD, or exit through cli_usage. */
#include "date.h"
ar_date cli_date(const char *opt, const char *arg);

/*
 * Flush and close stdout; if anything failed to be written say so and
 * return 2, else return status.  Every front end ends with
 * "return cli_finish(status);".
 */
int cli_finish(int status);
/*
 * Flush standard output: 0 if every write so far succeeded, else -1
 * (cli_finish says what went wrong).  Before side files are committed.
 */
int cli_stdout_ok(void);

/*
 * Which file a path names ("-": standard input): its device and inode
 * when it exists, else its absolute path; for refusing to write a file
 * that is read, or to read one file twice.
 */
struct cli_fid {
	dev_t dev;
	ino_t ino;
	int exists;
	char *path;	/* when it does not exist, else NULL */
};
void cli_fid_of(const char *path, struct cli_fid *);
int cli_fid_same(const struct cli_fid *, const struct cli_fid *);
void cli_fids_free(struct cli_fid *, int n);
/* Do paths a and b name one file?  (0 when either is NULL.) */
int cli_same_file(const char *a, const char *b);
/*
 * Does files[i] name a file named before it (ids: of each)?  Then it is
 * reported, to be skipped: a file named twice is read once.
 */
int cli_named_before(char *const *files, const struct cli_fid *ids, int i);

#endif
