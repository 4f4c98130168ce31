/*
 * ref.h - structured payment references and IBANs.
 *
 *   AR_REF_RF       ISO 11649 creditor reference: "RF" + 2 check digits +
 *                   1..21 alphanumerics, ISO 7064 MOD 97-10.
 *   AR_REF_OGM      Belgian structured communication (OGM/VCS):
 *                   12 digits, the last two = first ten mod 97 (97 for 0),
 *                   printed +++ddd/dddd/ddddd+++ (also *** accepted).
 *   AR_REF_KENMERK  Dutch betalingskenmerk (Betaalvereniging): 7, 9-14 or
 *                   16 digits; weighted mod 11 check digit first (except 7).
 *   AR_REF_IBAN     ISO 13616 IBAN: mod 97 = 1 and the country's length.
 *
 * Electronic form: no spaces or punctuation, upper case.  Printed form:
 * RF and IBAN in groups of four from the left, OGM as +++ddd/dddd/ddddd+++,
 * kenmerk in groups of four from the right.
 *
 * Functions that can fail return NULL on success, else a static message.
 * Output buffers hold AR_REF_BUFSZ bytes.
 */
#ifndef AR_REF_H
#define AR_REF_H

#include <stddef.h>

#define AR_REF_BUFSZ 64

enum ar_ref_kind {
	AR_REF_NONE = 0,	/* not a structured reference of a known kind */
	AR_REF_RF,
	AR_REF_OGM,
	AR_REF_KENMERK,
	AR_REF_IBAN
};

/* "rf", "ogm", "kenmerk", "iban", "" for NONE; and back (NONE if unknown). */
const char *ar_ref_kind_name(enum ar_ref_kind);
enum ar_ref_kind ar_ref_kind_parse(const char *name);

/*
 * Validate s as a reference of the given kind, ignoring spaces (and for
 * OGM the +++ or *** wrappers and slashes, for kenmerk the parentheses
 * around its check digit and dots).  On success writes the electronic
 * form into norm (may be NULL); on failure norm is left untouched.
 * RF and IBAN check digits 00, 01 and 99 are rejected: 98 - (n mod 97)
 * never yields them (ISO 7064 MOD 97-10).
 */
const char *ar_ref_check(enum ar_ref_kind, const char *s, char *norm);

/*
 * Which kind s is: the first kind whose check passes, tried in the order
 * RF, OGM, kenmerk, IBAN (a 12-digit string valid both as OGM and as a
 * kenmerk is an OGM).  Returns AR_REF_NONE if none passes; then *why
 * (when why is not NULL) says why the likeliest kind failed, or is NULL
 * if s does not look like any kind.
 */
enum ar_ref_kind ar_ref_detect(const char *s, char *norm, const char **why);

/* Printed form of a valid electronic form. */
const char *ar_ref_format(enum ar_ref_kind, const char *norm, char *out);

/*
 * Generate a valid reference of the kind from base:
 *   RF:      base's letters and digits (upper-cased, others dropped),
 *            1..21 of them, with check digits computed.
 *   OGM:     base's digits, 1..10 of them, left-padded with zeros to 10,
 *            then the mod 97 check.
 *   kenmerk: base's digits, 1..15 of them: up to 12 digits gives the
 *            shortest form C + L + N (N = 7..12, left-padded), 13 to 15
 *            the 16-digit form C + 15.
 * Writes the electronic form.  Fails when base has too few or too many
 * usable characters.  IBANs are not generated.
 */
const char *ar_ref_make(enum ar_ref_kind, const char *base, char *out);

/*
 * ISO 7064 MOD 97-10 of an alphanumeric string (letters A=10..Z=35, either
 * case): the remainder 0..96, or -1 if s is NULL or has a character other
 * than an ASCII letter or digit.  Any length.
 */
int ar_ref_mod97(const char *s);

#endif
