/*
 * sink.h - where a document module (ubl.c, camt.c) delivers its records
 * and its warnings.  The front end decides what becomes of them: ar-import
 * holds a document's records until the document has been read through,
 * so that a document that turns out to be bad leaves nothing behind.
 */
#ifndef AR_SINK_H
#define AR_SINK_H

struct ar_sink {
	/* One record: exactly as many fields as the module's columns. */
	void (*row)(void *u, const char *const *fields);
	/* A located warning about the document (line 0: the whole document). */
	void (*warn)(void *u, long line, const char *msg);
	void *u;
};

#endif
