/*
 * xmlstream.c - a safe streaming reader for XML from outside, on
 * libxml2's SAX2 push parser (see xmlstream.h).
 *
 * The SAX handler is built from nothing, not from libxml2's defaults, so
 * no tree is ever built and nothing is printed: errors are collected
 * through the structured-error callback.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "xmlstream.h"

#define CHUNK (64 * 1024)

struct ar_xml {
	xmlParserCtxtPtr ctxt;
	const struct ar_xml_handler *h;
	void *u;

	char *names;			/* local names of the open elements */
	size_t nlen, ncap;
	size_t off[AR_XML_DEPTH_MAX + 2];
	int depth;

	int text_depth;			/* element whose text is kept, 0 none */
	char *text;
	size_t tlen;
	int cut;

	const xmlChar **attrs;		/* of the element being started */
	int nattrs;

	int failed, seen_root, terminating, err_at_end;
	long fail_line;
	char fail_msg[sizeof ((struct ar_err *)0)->msg];
	char xml_msg[256];		/* libxml2's first error */
	long xml_line;
	int xml_code;			/* its code */
};

void
ar_xml_fail(struct ar_xml *x, long line, const char *fmt, ...)
{
	va_list ap;

	if (x->failed)
		return;
	x->failed = 1;
	x->fail_line = line;
	va_start(ap, fmt);
	vsnprintf(x->fail_msg, sizeof x->fail_msg, fmt, ap);
	va_end(ap);
	xmlStopParser(x->ctxt);
}

long
ar_xml_line(const struct ar_xml *x)
{
	return x->ctxt && x->ctxt->input ? x->ctxt->input->line : 0;
}

int
ar_xml_depth(const struct ar_xml *x)
{
	return x->depth;
}

const char *
ar_xml_name_at(const struct ar_xml *x, int d)
{
	if (d < 1 || d > x->depth)
		return "";
	return x->names + x->off[d];
}

int
ar_xml_in(const struct ar_xml *x, const char *path)
{
	const char *end = path + strlen(path), *p;
	int d = x->depth;

	while (end > path) {
		size_t n;

		for (p = end; p > path && p[-1] != '/'; p--)
			;
		n = (size_t)(end - p);
		if (d < 1 || strlen(ar_xml_name_at(x, d)) != n ||
		    memcmp(ar_xml_name_at(x, d), p, n) != 0)
			return 0;
		d--;
		end = p > path ? p - 1 : p;
	}
	return 1;
}

void
ar_xml_want_text(struct ar_xml *x)
{
	x->text_depth = x->depth;
	x->tlen = 0;
	x->cut = 0;
}

int
ar_xml_text_cut(const struct ar_xml *x)
{
	return x->cut;
}

const char *
ar_xml_attr(struct ar_xml *x, const char *name)
{
	static char buf[512];
	int i;

	/* SAX2 attributes: localname, prefix, URI, value, value end. */
	for (i = 0; x->attrs != NULL && i < x->nattrs; i++) {
		const xmlChar **a = x->attrs + 5 * i;
		size_t n;

		if (strcmp((const char *)a[0], name) != 0)
			continue;
		n = (size_t)(a[4] - a[3]);
		if (n >= sizeof buf)
			n = sizeof buf - 1;
		memcpy(buf, a[3], n);
		buf[n] = '\0';
		return buf;
	}
	return NULL;
}

static void
on_start(void *ctx, const xmlChar *local, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **ns, int nattrs,
    int ndefaulted, const xmlChar **attrs)
{
	struct ar_xml *x = ((xmlParserCtxtPtr)ctx)->_private;
	size_t n = strlen((const char *)local) + 1;

	(void)prefix, (void)nns, (void)ns, (void)ndefaulted;
	if (x->failed)
		return;
	if (x->depth >= AR_XML_DEPTH_MAX) {
		ar_xml_fail(x, ar_xml_line(x), "elements nested more than %d deep",
		    AR_XML_DEPTH_MAX);
		return;
	}
	if (x->nlen + n > x->ncap) {
		while (x->nlen + n > x->ncap)
			x->ncap = x->ncap ? 2 * x->ncap : 1024;
		x->names = ar_xrealloc(x->names, x->ncap);
	}
	x->depth++;
	x->seen_root = 1;
	x->off[x->depth] = x->nlen;
	memcpy(x->names + x->nlen, local, n);
	x->nlen += n;
	x->attrs = attrs;
	x->nattrs = nattrs;
	if (x->h->start != NULL)
		x->h->start(x->u, x, (const char *)local, uri ? (const char *)uri : "");
	x->attrs = NULL;
	x->nattrs = 0;
}

static void
on_end(void *ctx, const xmlChar *local, const xmlChar *prefix,
    const xmlChar *uri)
{
	struct ar_xml *x = ((xmlParserCtxtPtr)ctx)->_private;
	int kept;

	(void)prefix, (void)uri;
	if (x->failed || x->depth == 0)
		return;
	kept = x->text_depth == x->depth;
	if (kept) {
		if (x->text == NULL)
			x->text = ar_xmalloc(AR_XML_TEXT_MAX + 1);
		x->text[x->tlen] = '\0';
		x->text_depth = 0;
	}
	if (x->h->end != NULL)
		x->h->end(x->u, x, (const char *)local, kept ? x->text : NULL,
		    kept ? x->tlen : 0);
	x->nlen = x->off[x->depth];
	x->depth--;
}

static void
on_chars(void *ctx, const xmlChar *s, int len)
{
	struct ar_xml *x = ((xmlParserCtxtPtr)ctx)->_private;
	size_t n = (size_t)len;

	if (x->text_depth == 0 || x->text_depth != x->depth)
		return;
	if (x->text == NULL)
		x->text = ar_xmalloc(AR_XML_TEXT_MAX + 1);
	if (x->tlen + n > AR_XML_TEXT_MAX) {
		n = AR_XML_TEXT_MAX - x->tlen;
		x->cut = 1;
	}
	memcpy(x->text + x->tlen, s, n);
	x->tlen += n;
}

static void
on_doctype(void *ctx, const xmlChar *name, const xmlChar *ext,
    const xmlChar *sys)
{
	struct ar_xml *x = ((xmlParserCtxtPtr)ctx)->_private;

	(void)name, (void)ext, (void)sys;
	ar_xml_fail(x, ar_xml_line(x), "document type declaration (DOCTYPE) "
	    "refused: UBL and ISO 20022 documents have none, and it could "
	    "declare entities");
}

static void
on_error(void *ctx, xmlErrorPtr e)
{
	struct ar_xml *x = ctx;
	size_t n;

	/* Keep the first fatal error: that is what stopped the parse. */
	if (x->xml_msg[0] != '\0' || e == NULL || e->level < XML_ERR_FATAL)
		return;
	snprintf(x->xml_msg, sizeof x->xml_msg, "%s",
	    e->message ? e->message : "malformed XML");
	x->xml_msg[strcspn(x->xml_msg, "\n")] = '\0';	/* one line: "Bytes: ..." goes */
	n = strlen(x->xml_msg);
	while (n > 0 && (x->xml_msg[n - 1] == '\n' || x->xml_msg[n - 1] == ' '))
		x->xml_msg[--n] = '\0';
	x->xml_line = e->line;
	x->xml_code = e->code;
	x->err_at_end = x->terminating;
}

enum ar_rc
ar_xml_parse(FILE *fp, const char *name, const struct ar_xml_handler *h,
    void *u, struct ar_err *err)
{
	xmlSAXHandler sax;
	struct ar_xml x;
	enum ar_rc rc = AR_OK;
	char *buf;
	size_t n;
	int done = 0;

	memset(&x, 0, sizeof x);
	x.h = h;
	x.u = u;
	if (err != NULL)
		err->file = name;
	memset(&sax, 0, sizeof sax);
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = on_start;
	sax.endElementNs = on_end;
	sax.characters = on_chars;
	sax.cdataBlock = on_chars;
	sax.internalSubset = on_doctype;
	sax.serror = NULL;

	buf = ar_xmalloc(CHUNK);
	n = fread(buf, 1, CHUNK, fp);
	x.ctxt = xmlCreatePushParserCtxt(&sax, NULL, buf, (int)(n < 4 ? n : 4), name);
	if (x.ctxt == NULL)
		ar_xmalloc(SIZE_MAX);	/* libxml2 could not allocate */
	x.ctxt->_private = &x;
	xmlCtxtUseOptions(x.ctxt, XML_PARSE_NONET | XML_PARSE_NOWARNING |
	    XML_PARSE_NOERROR);
	xmlSetStructuredErrorFunc(&x, on_error);
	x.ctxt->sax->serror = NULL;
	if (h->chunk != NULL)
		h->chunk(u);
	if (n > 4 && xmlParseChunk(x.ctxt, buf + 4, (int)(n - 4), 0) != 0)
		done = 1;
	while (!done && !x.failed && n > 0) {
		n = fread(buf, 1, CHUNK, fp);
		if (n == 0)
			break;
		if (h->chunk != NULL)
			h->chunk(u);
		if (xmlParseChunk(x.ctxt, buf, (int)n, 0) != 0)
			done = 1;
	}
	if (ferror(fp)) {
		ar_err_set(err, 0, "read error");
		rc = AR_FATAL;
	} else if (!done && !x.failed) {
		x.terminating = 1;
		if (h->chunk != NULL)
			h->chunk(u);
		xmlParseChunk(x.ctxt, NULL, 0, 1);
	}
	if (rc == AR_OK && x.failed) {
		ar_err_set(err, x.fail_line, "%s", x.fail_msg);
		rc = AR_SKIP;
	} else if (rc == AR_OK && (!x.ctxt->wellFormed || x.xml_msg[0] != '\0')) {
		/* no root element; or a mistake before it, said as such */
		if (!x.seen_root && (x.xml_msg[0] == '\0' ||
		    x.xml_code == XML_ERR_DOCUMENT_EMPTY ||
		    x.xml_code == XML_ERR_DOCUMENT_END))
			ar_err_set(err, x.xml_line, "not an XML document (no root element)");
		else if (!x.seen_root)
			ar_err_set(err, x.xml_line, "not well-formed XML: %s",
			    x.xml_msg);
		else if (x.depth > 0 && x.err_at_end)
			ar_err_set(err, x.xml_line, "truncated: the document ends "
			    "inside <%s>", ar_xml_name_at(&x, x.depth));
		else if (x.xml_msg[0] != '\0')
			ar_err_set(err, x.xml_line, "not well-formed XML: %s", x.xml_msg);
		else
			ar_err_set(err, ar_xml_line(&x), "not well-formed XML");
		rc = AR_SKIP;
	}
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (x.ctxt->myDoc != NULL)
		xmlFreeDoc(x.ctxt->myDoc);
	xmlFreeParserCtxt(x.ctxt);
	free(buf);
	free(x.names);
	free(x.text);
	return rc;
}
