/*
 * csvcopy - csvio read plus write of every record, for make bench:
 * the cost of the toolkit's CSV layer on its own.
 */
#include <stdio.h>
#include <stdlib.h>

#include "csvio.h"

int
main(int argc, char **argv)
{
	struct ar_err err = { 0 };
	struct ar_csv_reader *r;
	struct ar_csvw *w;
	const char **f, **names;
	size_t i, n;
	enum ar_rc rc;
	FILE *fp;

	if (argc != 2 || (fp = fopen(argv[1], "r")) == NULL) {
		fprintf(stderr, "usage: csvcopy FILE\n");
		return 2;
	}
	if ((r = ar_csv_open(fp, argv[1], ',', &err)) == NULL) {
		fprintf(stderr, "csvcopy: %s\n", err.msg);
		return 2;
	}
	n = ar_csv_ncols(r);
	names = ar_xcalloc(n, sizeof *names);
	f = ar_xcalloc(n, sizeof *f);
	for (i = 0; i < n; i++)
		names[i] = ar_csv_colname(r, i);
	w = ar_csvw_new(stdout, AR_FMT_CSV, ',', names, n);
	while ((rc = ar_csv_read(r, &err)) != AR_EOF) {
		if (rc != AR_OK) {
			fprintf(stderr, "csvcopy: %s:%ld: %s\n", argv[1], err.line, err.msg);
			continue;
		}
		for (i = 0; i < n; i++)
			f[i] = ar_csv_field(r, (int)i);
		ar_csvw_row(w, f);
	}
	ar_csvw_close(w);
	ar_csv_free(r);
	free(names);
	free(f);
	fclose(fp);
	return fclose(stdout) != 0;
}
