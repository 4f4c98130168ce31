/* test_xmlstream.c - the safe streaming XML reader */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "xmlstream.h"

static char trace[4096];

static void
t_start(void *u, struct ar_xml *x, const char *name, const char *ns)
{
	const char *a = ar_xml_attr(x, "Ccy");

	(void)u;
	snprintf(trace + strlen(trace), sizeof trace - strlen(trace), "<%s%s%s%s%s@%ld",
	    name, *ns ? "{" : "", ns, *ns ? "}" : "", a ? "" : "", ar_xml_line(x));
	if (a != NULL)
		snprintf(trace + strlen(trace), sizeof trace - strlen(trace), " Ccy=%s", a);
	if (strcmp(name, "Amt") == 0 || strcmp(name, "Ustrd") == 0 ||
	    strcmp(name, "Big") == 0)
		ar_xml_want_text(x);
	if (strcmp(name, "Fail") == 0)
		ar_xml_fail(x, ar_xml_line(x), "told to fail");
}

static void
t_end(void *u, struct ar_xml *x, const char *name, const char *text, size_t len)
{
	(void)u;
	if (strcmp(name, "Big") == 0) {
		snprintf(trace + strlen(trace), sizeof trace - strlen(trace),
		    ">Big=%zu%s", len, ar_xml_text_cut(x) ? " cut" : "");
		return;
	}
	snprintf(trace + strlen(trace), sizeof trace - strlen(trace), ">%s%s%s%s",
	    name, text ? "=[" : "", text ? text : "", text ? "]" : "");
	if (strcmp(name, "Ustrd") == 0)
		snprintf(trace + strlen(trace), sizeof trace - strlen(trace), "%s",
		    ar_xml_in(x, "RmtInf/Ustrd") ? "(in RmtInf)" : "(not in RmtInf)");
}

static const struct ar_xml_handler th = { t_start, t_end, NULL };

static const char *
run(const char *doc, size_t n)
{
	static char out[8192];
	struct ar_err err = { 0 };
	enum ar_rc rc;
	FILE *fp = fmemopen((void *)doc, n, "r");

	trace[0] = '\0';
	rc = ar_xml_parse(fp, "t.xml", &th, NULL, &err);
	fclose(fp);
	if (rc == AR_OK)
		snprintf(out, sizeof out, "%s", trace);
	else
		snprintf(out, sizeof out, "%s !%ld:%s", trace, err.line, err.msg);
	return out;
}

static const struct {
	const char *name, *doc, *want;
} v[] = {
	{ "elements, text, attributes, namespace",
	  "<?xml version=\"1.0\"?>\n<D xmlns=\"urn:x\">\n <Amt Ccy=\"EUR\">1.50</Amt>\n</D>\n",
	  "<D{urn:x}@2<Amt{urn:x}@3 Ccy=EUR>Amt=[1.50]>D" },
	{ "entities and CDATA in text",
	  "<D><RmtInf><Ustrd>A &amp; B &lt;&#233;<![CDATA[ <c> ]]></Ustrd></RmtInf><Ustrd>x</Ustrd></D>",
	  "<D@1<RmtInf@1<Ustrd@1>Ustrd=[A & B <\xc3\xa9 <c> ](in RmtInf)>RmtInf<Ustrd@1>Ustrd=[x](not in RmtInf)>D" },
	{ "child text not mixed into a kept parent",
	  "<Amt>1<b>2</b>3</Amt>", "<Amt@1<b@1>b>Amt=[13]" },
	{ "prefixed namespace",
	  "<p:D xmlns:p=\"urn:p\"><p:Amt>2</p:Amt></p:D>", "<D{urn:p}@1<Amt{urn:p}@1>Amt=[2]>D" },
	{ "truncated", "<D><Amt>1</Amt>",
	  "<D@1<Amt@1>Amt=[1] !1:truncated: the document ends inside <D>" },
	{ "not XML", "hello, world", " !1:not an XML document (no root element)" },
	{ "empty", "", " !1:not an XML document (no root element)" },
	{ "mismatched tags", "<D>\n<A></B></D>",
	  "<D@1<A@2 !2:not well-formed XML: Opening and ending tag mismatch: A line 2 and B" },
	{ "handler failure", "<D>\n<Fail/></D>", "<D@1<Fail@2 !2:told to fail" },
	{ "billion laughs refused",
	  "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
	  " <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
	  " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
	  " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
	  " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
	  " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
	  " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
	  " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
	  " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
	  "]>\n<lolz><Ustrd>&lol9;</Ustrd></lolz>\n",
	  " !2:document type declaration (DOCTYPE) refused: UBL and ISO 20022 documents have none, and it could declare entities" },
	{ "external entity (XXE) refused",
	  "<?xml version=\"1.0\"?>\n<!DOCTYPE d [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]>\n<d><Ustrd>&xxe;</Ustrd></d>\n",
	  " !2:document type declaration (DOCTYPE) refused: UBL and ISO 20022 documents have none, and it could declare entities" },
	{ "external DTD refused",
	  "<!DOCTYPE d SYSTEM \"http://example.invalid/d.dtd\"><d/>",
	  " !1:document type declaration (DOCTYPE) refused: UBL and ISO 20022 documents have none, and it could declare entities" },
	{ "undeclared entity",
	  "<d><Ustrd>&nope;</Ustrd></d>",
	  "<d@1<Ustrd@1 !1:not well-formed XML: Entity 'nope' not defined" },
	{ "latin-1 declared encoding",
	  "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><d><Ustrd>caf\xe9</Ustrd></d>",
	  "<d@1<Ustrd@1>Ustrd=[caf\xc3\xa9](not in RmtInf)>d" },
};

static void
test_big(void)
{
	size_t n = 20 * 1024 * 1024, i;
	char *doc = malloc(n + 100);
	const char *got;

	strcpy(doc, "<d><Big>");
	for (i = 0; i < n; i++)
		doc[8 + i] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef"[i % 32];
	strcpy(doc + 8 + n, "</Big><Amt>3</Amt></d>");
	got = run(doc, strlen(doc));
	is_str(got, "<d@1<Big@1>Big=65536 cut<Amt@1>Amt=[3]>d", "big text kept up to the limit, then cut");
	/* Text nobody asked for is not kept at all. */
	memcpy(doc + 4, "Bog", 3);
	memcpy(doc + 8 + n + 2, "Bog", 3);
	got = run(doc, strlen(doc));
	is_str(got, "<d@1<Bog@1>Bog<Amt@1>Amt=[3]>d", "big text skipped");
	free(doc);
}

static void
test_deep(void)
{
	size_t d = 300, i;
	char *doc = malloc(d * 8 + 10), *p = doc;
	const char *got;

	for (i = 0; i < d; i++)
		p += sprintf(p, "<a>");
	for (i = 0; i < d; i++)
		p += sprintf(p, "</a>");
	got = run(doc, strlen(doc));
	ok(strstr(got, "!1:elements nested more than 256 deep") != NULL, "depth limit");
	free(doc);
}

int
main(void)
{
	size_t i;

	for (i = 0; i < sizeof v / sizeof v[0]; i++)
		is_str(run(v[i].doc, strlen(v[i].doc)), v[i].want, "%s", v[i].name);
	test_big();
	test_deep();
	return tap_done();
}
