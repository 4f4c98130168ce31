/*
 * xmlstream.h - safe, streaming XML for documents from outside.
 *
 * A libxml2 SAX2 push parser fed in 64 KiB chunks: memory stays flat
 * whatever the size of the document, and text is kept only for the
 * elements a handler asks for (a base64 attachment of many megabytes
 * costs nothing unless asked for, and then at most AR_XML_TEXT_MAX).
 *
 * Safe by construction: no network (XML_PARSE_NONET), no DTD loading, no
 * entity substitution, and any document type declaration stops the parse
 * before its internal subset is read, so neither an entity-expansion bomb
 * nor an external entity (XXE) can take effect.  UBL and ISO 20022
 * messages never carry a DOCTYPE.
 */
#ifndef AR_XMLSTREAM_H
#define AR_XMLSTREAM_H

#include <stddef.h>
#include <stdio.h>

#include "err.h"

#define AR_XML_TEXT_MAX (64 * 1024)	/* longest text kept for one element */
#define AR_XML_DEPTH_MAX 256		/* deeper documents are refused */

struct ar_xml;

struct ar_xml_handler {
	/*
	 * An element starts.  name is its local name, ns its namespace URI
	 * ("" for none).  Call ar_xml_want_text to have its text passed to
	 * end; ar_xml_attr for an attribute.
	 */
	void (*start)(void *u, struct ar_xml *x, const char *name, const char *ns);
	/*
	 * An element ends.  text is its character data (entities and CDATA
	 * resolved, NUL-terminated) when asked for, else NULL.
	 */
	void (*end)(void *u, struct ar_xml *x, const char *name, const char *text,
	    size_t len);
	/*
	 * Optional: a chunk of input (at most 64 KiB) is about to be parsed.
	 * A front end can keep a watchdog on the parse with it.
	 */
	void (*chunk)(void *u);
};

/*
 * Parse one document from fp (name is used in errors).  Returns AR_OK,
 * or AR_SKIP with err set (the line where the problem was found): not
 * well-formed, truncated, a DOCTYPE, too deep, or a handler's
 * ar_xml_fail.  AR_FATAL when fp cannot be read.
 */
enum ar_rc ar_xml_parse(FILE *fp, const char *name, const struct ar_xml_handler *,
    void *u, struct ar_err *err);

/* Keep the text of the element just started (call from start). */
void ar_xml_want_text(struct ar_xml *);
/* An attribute of the element just started, by local name, or NULL. */
const char *ar_xml_attr(struct ar_xml *, const char *name);
/* Current line in the document. */
long ar_xml_line(const struct ar_xml *);
/* Depth of the current element: the root is 1. */
int ar_xml_depth(const struct ar_xml *);
/* Local name of the element at depth d (1 = root), or "" if none. */
const char *ar_xml_name_at(const struct ar_xml *, int d);
/*
 * Nonzero if the innermost elements are those of path, a '/'-separated
 * list of local names ending with the current element: "TxDtls/Refs/EndToEndId".
 */
int ar_xml_in(const struct ar_xml *, const char *path);
/* Nonzero when the element's text was longer than AR_XML_TEXT_MAX and cut. */
int ar_xml_text_cut(const struct ar_xml *);
/* Stop the parse: ar_xml_parse returns AR_SKIP with this message. */
void ar_xml_fail(struct ar_xml *, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
