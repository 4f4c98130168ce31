/* test_csvio.c - the CSV reader and writer, one vector a line */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvio.h"
#include "tap.h"

/*
 * Read all of input and describe what came out:
 *   header "a|b", then per record " L:f1|f2", per bad record " !L:msg",
 *   or "open!L:msg" when the header could not be read.
 */
static char *
describe(const char *input, size_t n, char delim)
{
	static char out[8192];
	struct ar_err err = { 0 };
	struct ar_csv_reader *r;
	enum ar_rc rc;
	FILE *fp;
	size_t i, len = 0;

	fp = fmemopen((void *)input, n, "r");
	r = ar_csv_open(fp, "t.csv", delim, &err);
	if (r == NULL) {
		snprintf(out, sizeof out, "open!%ld:%s", err.line, err.msg);
		fclose(fp);
		return out;
	}
	out[0] = '\0';
	for (i = 0; i < ar_csv_ncols(r); i++)
		len += snprintf(out + len, sizeof out - len, "%s%s",
		    i ? "|" : "", ar_csv_colname(r, i));
	while ((rc = ar_csv_read(r, &err)) != AR_EOF && len < sizeof out - 100) {
		if (rc != AR_OK) {
			len += snprintf(out + len, sizeof out - len, " !%ld:%s",
			    err.line, err.msg);
			if (rc == AR_FATAL)
				break;
			continue;
		}
		len += snprintf(out + len, sizeof out - len, " %ld:", ar_csv_line(r));
		for (i = 0; i < ar_csv_nfields(r); i++)
			len += snprintf(out + len, sizeof out - len, "%s%s",
			    i ? "|" : "", ar_csv_field(r, (int)i));
	}
	ar_csv_free(r);
	fclose(fp);
	return out;
}

static const struct {
	const char *name, *in;
	char delim;
	const char *want;
} rv[] = {
	{ "plain", "a,b\n1,2\n3,4\n", ',', "a|b 2:1|2 3:3|4" },
	{ "no final newline", "a,b\n1,2\n3,4", ',', "a|b 2:1|2 3:3|4" },
	{ "CRLF", "a,b\r\n1,2\r\n3,4\r\n", ',', "a|b 2:1|2 3:3|4" },
	{ "CR only", "a,b\r1,2\r3,4", ',', "a|b 2:1|2 3:3|4" },
	{ "byte-order mark", "\xef\xbb\xbf" "a,b\n1,2\n", ',', "a|b 2:1|2" },
	{ "BOM only in the first line", "a,b\n\xef\xbb\xbf,2\n", ',', "a|b 2:\xef\xbb\xbf|2" },
	{ "quoted delimiter and quotes", "a,b\n\"x,y\",\"he said \"\"hi\"\"\"\n", ',',
	  "a|b 2:x,y|he said \"hi\"" },
	{ "quoted newline", "a,b\n\"multi\nline\",z\n5,6\n", ',',
	  "a|b 2:multi\nline|z 4:5|6" },
	{ "quoted CRLF", "a\r\n\"p\r\nq\"\r\nr\r\n", ',', "a 2:p\r\nq 4:r" },
	{ "too many fields", "a,b\n1,2,3\n4,5\n", ',',
	  "a|b !2:expected 2 fields, found 3 3:4|5" },
	{ "too few fields", "a,b\n1\n4,5\n", ',',
	  "a|b !2:expected 2 fields, found 1 3:4|5" },
	{ "blank lines skipped, lines counted", "a,b\n\n1,2\n\n\n3,4\n", ',',
	  "a|b 3:1|2 6:3|4" },
	{ "invalid UTF-8", "a,b\n1,\xff\n2,3\n", ',',
	  "a|b !2:invalid UTF-8 in column b 3:2|3" },
	{ "overlong UTF-8", "a\n\xc0\xaf\n", ',', "a !2:invalid UTF-8 in column a" },
	{ "surrogate in UTF-8", "a\n\xed\xa0\x80\n", ',', "a !2:invalid UTF-8 in column a" },
	{ "valid UTF-8", "a\nd\xc3\xa9j\xc3\xa0 \xe2\x82\xac \xf0\x9f\x98\x80\n", ',',
	  "a 2:d\xc3\xa9j\xc3\xa0 \xe2\x82\xac \xf0\x9f\x98\x80" },
	{ "unterminated quote", "a,b\n1,2\n\"3,4\n5,6\n", ',',
	  "a|b 2:1|2 !3:unterminated quoted field (runs to the end of the input, line 5)" },
	{ "quote in unquoted field", "a,b\n1,x\"y\n3,4\n", ',',
	  "a|b !2:malformed quoting (a quote inside an unquoted field, or text after a closing quote) 3:3|4" },
	{ "text after closing quote", "a,b\n\"1\"x,2\n3,4\n", ',',
	  "a|b !2:malformed quoting (a quote inside an unquoted field, or text after a closing quote) 3:3|4" },
	{ "bad quoting over lines", "a,b\n\"1\n2\"x,3\n4,5\n", ',',
	  "a|b !2:malformed quoting: a quoted field runs from here to line 3 (lines 2 to 3 skipped) 4:4|5" },
	{ "semicolon", "a;b\n1,5;2\n", ';', "a|b 2:1,5|2" },
	{ "tab", "a\tb\n1\t2\n", '\t', "a|b 2:1|2" },
	{ "blanks kept", "a,b\n 1 , 2 \n", ',', "a|b 2: 1 | 2 " },
	{ "empty fields", "a,b,c\n,,\n", ',', "a|b|c 2:||" },
	{ "quoted empty", "a,b\n\"\",x\n", ',', "a|b 2:|x" },
	{ "empty input", "", ',', "open!0:empty input: no header row" },
	{ "only blank lines", "\n\n", ',', "open!0:empty input: no header row" },
	{ "header only", "a,b\n", ',', "a|b" },
	{ "duplicate column name", "a,b,a\n1,2,3\n", ',',
	  "open!1:column name 'a' appears twice in the header (columns 1 and 3)" },
	{ "header with bad UTF-8", "a\xfe,b\n", ',', "open!1:invalid UTF-8 in the header row" },
};

static void
test_reader(void)
{
	size_t i;

	for (i = 0; i < sizeof rv / sizeof rv[0]; i++)
		is_str(describe(rv[i].in, strlen(rv[i].in), rv[i].delim),
		    rv[i].want, "read: %s", rv[i].name);
}

/* Fields longer than the reader's buffer, across many buffer refills. */
static void
test_long(void)
{
	size_t n = 200000, i;
	char *in = malloc(n + 64), *want = malloc(n + 64);
	struct ar_err err = { 0 };
	struct ar_csv_reader *r;
	FILE *fp;

	strcpy(in, "a,b\n\"");
	for (i = 0; i < n; i++)
		in[5 + i] = (i % 100 == 99) ? '\n' : 'x';
	strcpy(in + 5 + n, "\",2\nz,3\n");
	fp = fmemopen(in, strlen(in), "r");
	r = ar_csv_open(fp, "long", ',', &err);
	ok(r != NULL && ar_csv_read(r, &err) == AR_OK, "long: read the long record");
	is_int((long long)ar_csv_fieldlen(r, 0), (long long)n, "long: field length");
	is_str(ar_csv_field(r, 1), "2", "long: next field");
	ok(ar_csv_read(r, &err) == AR_OK, "long: record after it");
	/* The record starts on line 2 and holds n / 100 line ends. */
	is_int(ar_csv_line(r), 3 + (long)(n / 100), "long: line counted through the field");
	is_str(ar_csv_field(r, 0), "z", "long: its field");
	ok(ar_csv_read(r, &err) == AR_EOF, "long: then end");
	ar_csv_free(r);
	fclose(fp);
	free(in);
	free(want);
}

static void
test_lookup(void)
{
	static const char in[] = "invoice_id,amount,note\nA1,10.00,x\n";
	struct ar_err err = { 0 };
	struct ar_csv_reader *r;
	FILE *fp = fmemopen((void *)in, sizeof in - 1, "r");

	r = ar_csv_open(fp, "t", ',', &err);
	is_int(ar_csv_col(r, "amount"), 1, "col: by name");
	is_int(ar_csv_col(r, "missing"), -1, "col: unknown");
	ar_csv_read(r, &err);
	is_str(ar_csv_field(r, ar_csv_col(r, "note")), "x", "col: field by name");
	is_str(ar_csv_field(r, -1), "", "col: -1 gives empty");
	is_str(ar_csv_field(r, 7), "", "col: out of range gives empty");
	ar_csv_free(r);
	fclose(fp);
}

static const char *
write_all(enum ar_fmt fmt, char delim, const char *const *names, size_t nc,
    const char *const *cells, size_t nr)
{
	static char *buf;
	size_t len, i;
	struct ar_csvw *w;
	FILE *fp;

	free(buf);
	buf = NULL;
	fp = open_memstream(&buf, &len);
	w = ar_csvw_new(fp, fmt, delim, names, nc);
	for (i = 0; i < nr; i++)
		ar_csvw_row(w, cells + i * nc);
	ar_csvw_close(w);
	fclose(fp);
	return buf;
}

static void
test_writer(void)
{
	static const char *const h[] = { "id", "amount", "note" };
	static const char *const c[] = {
		"A1", "10.00", "plain",
		"B2", "-1234.5", "with, comma",
		"C3", "7", "say \"hi\"\nnext\tline\\",
		"D4", "", NULL,
	};

	is_str(write_all(AR_FMT_CSV, ',', h, 3, c, 4),
	    "id,amount,note\nA1,10.00,plain\nB2,-1234.5,\"with, comma\"\n"
	    "C3,7,\"say \"\"hi\"\"\nnext\tline\\\"\nD4,,\n", "write: csv");
	is_str(write_all(AR_FMT_CSV, ';', h, 3, c, 2),
	    "id;amount;note\nA1;10.00;plain\nB2;-1234.5;with, comma\n",
	    "write: csv with ;");
	is_str(write_all(AR_FMT_TSV, ',', h, 3, c, 4),
	    "id\tamount\tnote\nA1\t10.00\tplain\nB2\t-1234.5\twith, comma\n"
	    "C3\t7\tsay \"hi\"\\nnext\\tline\\\\\nD4\t\t\n", "write: tsv");
	is_str(write_all(AR_FMT_JSON, ',', h, 3, c, 3),
	    "{\"id\":\"A1\",\"amount\":\"10.00\",\"note\":\"plain\"}\n"
	    "{\"id\":\"B2\",\"amount\":\"-1234.5\",\"note\":\"with, comma\"}\n"
	    "{\"id\":\"C3\",\"amount\":\"7\",\"note\":\"say \\\"hi\\\"\\nnext\\tline\\\\\"}\n",
	    "write: json");
	/* Amounts align on the point; text left; no trailing blanks. */
	is_str(write_all(AR_FMT_TABLE, ',', h, 3, c, 2),
	    "id    amount  note\n"
	    "A1     10.00  plain\n"
	    "B2  -1234.5   with, comma\n", "write: table");
	{
		static const char *const h2[] = { "who", "n" };
		static const char *const c2[] = { "\xc3\xa9t\xc3\xa9", "1", "x", "", "yy", "22" };

		is_str(write_all(AR_FMT_TABLE, ',', h2, 2, c2, 3),
		    "who   n\n\xc3\xa9t\xc3\xa9   1\nx\nyy   22\n",
		    "write: table, UTF-8 width, empty last cell");
	}
	is_str(write_all(AR_FMT_TABLE, ',', h, 3, c + 6, 1),
	    "id  amount  note\nC3       7  say \"hi\"\\nnext\\tline\\\n",
	    "write: table, a line end and a tab in a cell stay on one line");
	is_str(write_all(AR_FMT_TABLE, ',', h, 3, c, 0), "id  amount  note\n",
	    "write: table, header only");
	is_str(write_all(AR_FMT_JSON, ',', h, 3, c, 0), "", "write: json, no rows");
	{
		static const char *const h3[] = { "x" };
		static const char *const c3[] = { "\x01" };

		is_str(write_all(AR_FMT_JSON, ',', h3, 1, c3, 1), "{\"x\":\"\\u0001\"}\n",
		    "write: json control character");
	}
	is_int(ar_fmt_parse("table"), AR_FMT_TABLE, "fmt: table");
	is_int(ar_fmt_parse("xml"), -1, "fmt: unknown");
}

/* What is written reads back the same, however odd the fields. */
static void
test_roundtrip(void)
{
	static const char *const h[] = { "a", "b" };
	static const char *const c[] = {
		"\"", ",", "\r\n", "", " x ", "\"\"", "a\rb", "end\n",
	};
	const char *out = write_all(AR_FMT_CSV, ',', h, 2, c, 4);

	is_str(describe(out, strlen(out), ','),
	    "a|b 2:\"|, 3:\r\n| 5: x |\"\" 6:a\rb|end\n", "round trip: csv");
}

/* Records of r from where it is, described as describe does. */
static void
rest(struct ar_csv_reader *r, char *out, size_t cap, int max)
{
	struct ar_err err = { 0 };
	enum ar_rc rc;
	size_t i, len = strlen(out);

	while (max-- != 0 && (rc = ar_csv_read(r, &err)) != AR_EOF) {
		if (rc != AR_OK) {
			len += snprintf(out + len, cap - len, " !%ld", err.line);
			continue;
		}
		len += snprintf(out + len, cap - len, " %ld:", ar_csv_line(r));
		for (i = 0; i < ar_csv_nfields(r); i++)
			len += snprintf(out + len, cap - len, "%s%s", i ? "|" : "",
			    ar_csv_field(r, (int)i));
	}
}

/* A regular file read again from its first record; others cannot be. */
static void
test_rewind(void)
{
	static const char in[] = "\xef\xbb\xbf" "a,b\r\n1,\"x\r\ny\"\r\n"
	    "2,\"q\"z\r\n3,4\r\n";
	struct ar_err err = { 0 };
	struct ar_csv_reader *r;
	char out[512] = "";
	FILE *fp = tmpfile(), *mp;
	int fd[2];

	fputs(in, fp);
	rewind(fp);
	r = ar_csv_open(fp, "t.csv", ',', &err);
	ok(r != NULL && ar_csv_rewindable(r), "rewind: a regular file can be");
	rest(r, out, sizeof out, 1);
	is_int(ar_csv_rewind(r, &err), 0, "rewind: after a record");
	strcat(out, " /");
	rest(r, out, sizeof out, -1);
	is_int(ar_csv_rewind(r, &err), 0, "rewind: at the end");
	strcat(out, " /");
	rest(r, out, sizeof out, 2);
	is_str(out, " 2:1|x\r\ny / 2:1|x\r\ny !4 5:3|4 / 2:1|x\r\ny !4",
	    "rewind: the same records and lines again");
	/* the header is no longer what was read */
	rewind(fp);
	fputs("c", fp);
	fflush(fp);
	is_int(ar_csv_rewind(r, &err), -1, "rewind: header changed: refused");
	is_str(err.msg, "the file changed while it was read: cannot read it "
	    "again", "rewind: header changed: why");
	ar_csv_free(r);
	fclose(fp);

	mp = fmemopen((void *)in, sizeof in - 1, "r");
	r = ar_csv_open(mp, "m.csv", ',', &err);
	ok(r != NULL && !ar_csv_rewindable(r), "rewind: memory is not a file");
	ar_csv_free(r);
	fclose(mp);
	if (pipe(fd) != 0 || write(fd[1], "a\n1\n", 4) != 4)
		abort();
	close(fd[1]);
	mp = fdopen(fd[0], "r");
	r = ar_csv_open(mp, "p.csv", ',', &err);
	ok(r != NULL && !ar_csv_rewindable(r), "rewind: a pipe is not a file");
	is_int(ar_csv_rewind(r, &err), -1, "rewind: a pipe: refused");
	is_str(err.msg, "cannot read the file again: not a regular file",
	    "rewind: a pipe: why");
	ar_csv_free(r);
	fclose(mp);
}

int
main(void)
{
	test_reader();
	test_long();
	test_rewind();
	test_lookup();
	test_writer();
	test_roundtrip();
	return tap_done();
}
