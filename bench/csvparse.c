/*
 * csvparse - the yardstick of make bench: a bare libcsv parse of a file
 * that only counts fields and rows, with the same options csvio uses.
 */
#include <stdio.h>
#include <stdlib.h>

#include <csv.h>

static size_t fields, rows;

static void
on_field(void *s, size_t n, void *data)
{
	(void)s, (void)n, (void)data;
	fields++;
}

static void
on_row(int c, void *data)
{
	(void)c, (void)data;
	rows++;
}

int
main(int argc, char **argv)
{
	static char buf[64 * 1024];
	struct csv_parser p;
	FILE *fp;
	size_t n;

	if (argc != 2 || (fp = fopen(argv[1], "r")) == NULL) {
		fprintf(stderr, "usage: csvparse FILE\n");
		return 2;
	}
	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI);
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		if (csv_parse(&p, buf, n, on_field, on_row, NULL) != n) {
			fprintf(stderr, "csvparse: %s\n", csv_strerror(csv_error(&p)));
			return 1;
		}
	csv_fini(&p, on_field, on_row, NULL);
	csv_free(&p);
	fclose(fp);
	printf("%zu rows, %zu fields\n", rows, fields);
	return 0;
}
