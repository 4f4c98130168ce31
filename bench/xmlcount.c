/*
 * xmlcount.c - the yardstick for ar-import in make bench: a bare
 * libxml2 SAX2 push parse of an XML file, fed in 64 KiB chunks as
 * lib/xmlstream.c does, that only counts the Ntry elements.
 *
 *	xmlcount FILE
 *
 * Prints the count.  Exit 0, or 2 if the file cannot be read or is not
 * well-formed.
 */
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>

#define CHUNK (64 * 1024)

static unsigned long count;

static void
on_start(void *ctx, const xmlChar *local, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **ns, int nattrs,
    int ndefaulted, const xmlChar **attrs)
{
	(void)ctx, (void)prefix, (void)uri, (void)nns, (void)ns, (void)nattrs,
	    (void)ndefaulted, (void)attrs;
	if (strcmp((const char *)local, "Ntry") == 0)
		count++;
}

int
main(int argc, char *argv[])
{
	static char buf[CHUNK];
	xmlSAXHandler sax;
	xmlParserCtxtPtr ctxt;
	FILE *fp;
	size_t n;
	int bad = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: xmlcount file\n");
		return 2;
	}
	if ((fp = fopen(argv[1], "r")) == NULL) {
		perror(argv[1]);
		return 2;
	}
	memset(&sax, 0, sizeof sax);
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = on_start;
	n = fread(buf, 1, 4, fp);
	ctxt = xmlCreatePushParserCtxt(&sax, NULL, buf, (int)n, argv[1]);
	if (ctxt == NULL)
		return 2;
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOWARNING |
	    XML_PARSE_NOERROR);
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		if (xmlParseChunk(ctxt, buf, (int)n, 0) != 0) {
			bad = 1;
			break;
		}
	if (!bad)
		xmlParseChunk(ctxt, NULL, 0, 1);
	bad |= !ctxt->wellFormed;
	xmlFreeParserCtxt(ctxt);
	fclose(fp);
	if (bad) {
		fprintf(stderr, "xmlcount: %s: not well-formed\n", argv[1]);
		return 2;
	}
	printf("%lu\n", count);
	return 0;
}
