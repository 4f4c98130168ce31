/*
 * test_ref.c - payment references: ISO 11649 RF, Belgian OGM/VCS, Dutch
 * betalingskenmerk, ISO 13616 IBAN.
 *
 * Every valid and invalid example of /work/shared/reference/RULES.md
 * sections (a) to (d) is a vector below, marked "RULES"; the IBAN
 * electronic-format examples of all 89 countries of the SWIFT IBAN
 * Registry are in iban_registry[].  The rest are edge cases.
 */
#include <stdio.h>
#include <string.h>

#include "ref.h"
#include "tap.h"

#define RF	AR_REF_RF
#define OGM	AR_REF_OGM
#define KEN	AR_REF_KENMERK
#define IBAN	AR_REF_IBAN
#define NONE	AR_REF_NONE

/* The messages are part of the interface: front ends print them. */
#define E_KIND		"unknown reference kind"
#define E_RF_LONG	"rf reference longer than 25 characters"
#define E_RF_PREFIX	"rf reference does not start with rf"
#define E_RF_CD		"rf check digits are not two digits"
#define E_RF_EMPTY	"rf reference has nothing after the check digits"
#define E_RF_CHAR	"rf reference has a character other than a letter " \
			"or digit"
#define E_RF_NEVER	"rf check digits 00, 01 and 99 are never issued"
#define E_RF_CHECK	"rf check digits do not match"
#define E_OGM_WRAP	"ogm wrapper must be +++ or *** at both ends"
#define E_OGM_CHAR	"ogm has a character other than a digit or slash"
#define E_OGM_LEN	"ogm must have 12 digits"
#define E_OGM_CHECK	"ogm check digits do not match"
#define E_KEN_LEN	"kenmerk length must be 7, 9 to 14 or 16 digits"
#define E_KEN_PAREN	"kenmerk parentheses may enclose only the check digit"
#define E_KEN_CHAR	"kenmerk has a character other than a digit"
#define E_KEN_7		"kenmerk of 7 digits has no check digit"
#define E_KEN_L		"kenmerk length code does not match its length"
#define E_KEN_CHECK	"kenmerk check digit does not match"
#define E_IBAN_LONG	"iban longer than 34 characters"
#define E_IBAN_CC	"iban does not start with a country code"
#define E_IBAN_CD	"iban check digits are not two digits"
#define E_IBAN_CHAR	"iban has a character other than a letter or digit"
#define E_IBAN_UNK	"iban country code unknown"
#define E_IBAN_LEN	"iban length does not match its country"
#define E_IBAN_NEVER	"iban check digits 00, 01 and 99 are never issued"
#define E_IBAN_CHECK	"iban check digits do not match"

#define UNTOUCHED	"untouched"

static const struct check_vec {
	enum ar_ref_kind kind;
	const char	*in;
	const char	*norm;	/* electronic form when valid */
	const char	*err;	/* NULL when valid, else the message */
} checks[] = {
	/* (a) OGM/VCS: RULES. */
	{ OGM, "+++010/8068/17183+++", "010806817183", NULL },
	{ OGM, "010/8068/17180", NULL, E_OGM_CHECK },
	{ OGM, "312401398067", "312401398067", NULL },
	{ OGM, "+++312401398067+++", "312401398067", NULL },
	{ OGM, "+++090/9337/55493+++", "090933755493", NULL },
	{ OGM, "010676609538", "010676609538", NULL },
	{ OGM, "+++010/6766/09538+++", "010676609538", NULL },
	{ OGM, "+++000/0000/00097+++", "000000000097", NULL },
	{ OGM, "+++123/4567/89012+++", NULL, E_OGM_CHECK },
	{ OGM, "4654654654654654", NULL, E_OGM_LEN },
	{ OGM, "+++010/8068/17183++", NULL, E_OGM_WRAP },
	{ OGM, "01080681718", NULL, E_OGM_LEN },		/* 11 */
	{ OGM, "0108068171830", NULL, E_OGM_LEN },	/* 13 */
	/* OGM: edges.  Remainder 0 is written 97, never 00. */
	{ OGM, "+++000/0000/00000+++", NULL, E_OGM_CHECK },
	{ OGM, "970000000097", "970000000097", NULL },
	{ OGM, "970000000000", NULL, E_OGM_CHECK },
	{ OGM, "***010/8068/17183***", "010806817183", NULL },
	{ OGM, "+++010/8068/17183***", NULL, E_OGM_WRAP },
	{ OGM, "010/8068/17183", "010806817183", NULL },
	{ OGM, "010806817183", "010806817183", NULL },
	{ OGM, " +++ 010 / 8068 / 17183 +++ ", "010806817183", NULL },
	{ OGM, "010806817183+++", NULL, E_OGM_WRAP },
	{ OGM, "+++010/8068/17183", NULL, E_OGM_WRAP },
	{ OGM, "+++010/8068/1718+3+++", NULL, E_OGM_WRAP },
	{ OGM, "+++010-8068-17183+++", NULL, E_OGM_CHAR },
	{ OGM, "+++010/8068/1718\xe2\x82\xac+++", NULL, E_OGM_CHAR },
	{ OGM, "+++01O/8068/17183+++", NULL, E_OGM_CHAR },
	{ OGM, "+++++", NULL, E_OGM_WRAP },
	{ OGM, "++++++", NULL, E_OGM_LEN },
	{ OGM, "", NULL, E_OGM_LEN },
	{ OGM, "010806817182", NULL, E_OGM_CHECK },

	/* (b) ISO 11649 RF: RULES. */
	{ RF, "RF18539007547034", "RF18539007547034", NULL },
	{ RF, "RF18 5390 0754 7034", "RF18539007547034", NULL },
	/* Printed "RF68 ..." on the homebeaver page: a transcription error. */
	{ RF, "RF68 5390 0754 7034", NULL, E_RF_CHECK },
	{ RF, "RF712348231", "RF712348231", NULL },
	{ RF, "RF485000056789012345", "RF485000056789012345", NULL },
	{ RF, "RF 48 5000056789012345", "RF485000056789012345", NULL },
	{ RF, "RF45G72UUR", "RF45G72UUR", NULL },
	{ RF, "RF6518K5", "RF6518K5", NULL },
	{ RF, "RF38000000000000000000552", "RF38000000000000000000552",
	    NULL },
	{ RF, "RF18539007547035", NULL, E_RF_CHECK },
	{ RF, "RF19539007547034", NULL, E_RF_CHECK },
	{ RF, "RF35C4", NULL, E_RF_CHECK },
	{ RF, "RF214377", NULL, E_RF_CHECK },
	/* RF: case and spaces are normalised. */
	{ RF, "rf45 g72u ur", "RF45G72UUR", NULL },
	{ RF, "Rf45g72Uur", "RF45G72UUR", NULL },
	{ RF, "  RF71 2348 231  ", "RF712348231", NULL },
	/* RF: length and characters (2!a2!n21c, at most 25). */
	{ RF, "RF380000000000000000000552", NULL, E_RF_LONG },	/* 26 */
	{ RF, "RF38 0000 0000 0000 0000 0055 2", "RF38000000000000000000552",
	    NULL },
	{ RF, "RF18-5390-0754-7034", NULL, E_RF_CHAR },
	{ RF, "RF18.539007547034", NULL, E_RF_CHAR },
	{ RF, "RF18539007547034\xc3\xa9", NULL, E_RF_CHAR },
	{ RF, "RF18", NULL, E_RF_EMPTY },
	{ RF, "RF", NULL, E_RF_CD },
	{ RF, "RF1", NULL, E_RF_CD },
	{ RF, "RFAB539007547034", NULL, E_RF_CD },
	{ RF, "XF18539007547034", NULL, E_RF_PREFIX },
	{ RF, "18539007547034", NULL, E_RF_PREFIX },
	{ RF, "", NULL, E_RF_PREFIX },
	/*
	 * RF check digits 00, 01, 99: 98 - (n mod 97) yields 02..98 only
	 * (ISO 11649 clause 6.2, ISO 7064 MOD 97-10).  RF001042, RF011024
	 * and RF991006 pass "mod 97 = 1" (00, 01, 99 are 97, 98, 02 modulo
	 * 97) but are never issued: rejected.  Their partners are valid.
	 */
	{ RF, "RF971042", "RF971042", NULL },
	{ RF, "RF001042", NULL, E_RF_NEVER },
	{ RF, "RF981024", "RF981024", NULL },
	{ RF, "RF011024", NULL, E_RF_NEVER },
	{ RF, "RF021006", "RF021006", NULL },
	{ RF, "RF991006", NULL, E_RF_NEVER },

	/* (c) betalingskenmerk: RULES. */
	{ KEN, "5000056789012345", "5000056789012345", NULL },
	{ KEN, "(5)000 0567 8901 2345", "5000056789012345", NULL },
	{ KEN, "12234534622567", "12234534622567", NULL },
	{ KEN, "12 2345 3462 2567", "12234534622567", NULL },
	{ KEN, "2015048300000000", NULL, E_KEN_CHECK },
	{ KEN, "2015 0483 0000 0000", NULL, E_KEN_CHECK },
	{ KEN, "4000000000000001", NULL, E_KEN_CHECK },
	{ KEN, "12345678", NULL, E_KEN_LEN },		/* 8 */
	{ KEN, "123456789012345", NULL, E_KEN_LEN },	/* 15 */
	/* Kenmerk: every length, length code right and wrong. */
	{ KEN, "123456", NULL, E_KEN_LEN },		/* 6 */
	{ KEN, "1234567", "1234567", NULL },		/* 7: no check */
	{ KEN, "0000000", "0000000", NULL },
	{ KEN, "(1)234567", NULL, E_KEN_7 },
	{ KEN, "271234567", "271234567", NULL },	/* 9, L = 7 */
	{ KEN, "281234567", NULL, E_KEN_L },
	{ KEN, "371234567", NULL, E_KEN_CHECK },
	{ KEN, "4812345678", "4812345678", NULL },	/* 10, L = 8 */
	{ KEN, "4712345678", NULL, E_KEN_L },
	{ KEN, "09123456789", "09123456789", NULL },	/* 11, L = 9 */
	{ KEN, "00123456789", NULL, E_KEN_L },
	{ KEN, "701234567890", "701234567890", NULL },	/* 12, L = 0 */
	{ KEN, "711234567890", NULL, E_KEN_L },
	{ KEN, "8112345678901", "8112345678901", NULL },	/* 13, L = 1 */
	{ KEN, "8212345678901", NULL, E_KEN_L },
	{ KEN, "42123456789012", "42123456789012", NULL },	/* 14, L = 2 */
	{ KEN, "49123456789012", NULL, E_KEN_L },
	{ KEN, "1001234567890123", "1001234567890123", NULL },	/* 16 */
	{ KEN, "0123456789012345", "0123456789012345", NULL },
	{ KEN, "12345678901234567", NULL, E_KEN_LEN },	/* 17 */
	/*
	 * Check digit C = 10 gives 1, C = 11 gives 0:
	 *   170000001: digits after C "70000001", from the right
	 *     1x2 + 7x3 = 23, 23 mod 11 = 1, C = 11 - 1 = 10 -> 1.
	 *   070000030: "70000030": 3x4 + 7x3 = 33, 33 mod 11 = 0,
	 *     C = 11 -> 0.
	 */
	{ KEN, "170000001", "170000001", NULL },
	{ KEN, "070000030", "070000030", NULL },
	{ KEN, "100000001", NULL, E_KEN_L },
	{ KEN, "070000031", NULL, E_KEN_CHECK },
	/* Kenmerk: punctuation. */
	{ KEN, "5000.0567.8901.2345", "5000056789012345", NULL },
	{ KEN, "(5)000.0567.8901.2345", "5000056789012345", NULL },
	{ KEN, "5(000)056789012345", NULL, E_KEN_PAREN },
	{ KEN, "(50)00056789012345", NULL, E_KEN_PAREN },
	{ KEN, "5000O56789012345", NULL, E_KEN_CHAR },
	{ KEN, "5000-0567-8901-2345", NULL, E_KEN_CHAR },
	{ KEN, "", NULL, E_KEN_LEN },

	/* (d) IBAN: RULES. */
	{ IBAN, "NL91ABNA0417164300", "NL91ABNA0417164300", NULL },
	{ IBAN, "NL91 ABNA 0417 1643 00", "NL91ABNA0417164300", NULL },
	{ IBAN, "BE68539007547034", "BE68539007547034", NULL },
	{ IBAN, "BE68 5390 0754 7034", "BE68539007547034", NULL },
	{ IBAN, "DE89370400440532013000", "DE89370400440532013000", NULL },
	{ IBAN, "DE89 3704 0044 0532 0130 00", "DE89370400440532013000",
	    NULL },
	{ IBAN, "NL91ABNA0417164301", NULL, E_IBAN_CHECK },
	{ IBAN, "BE68539007547035", NULL, E_IBAN_CHECK },
	{ IBAN, "DE89370400440532013001", NULL, E_IBAN_CHECK },
	{ IBAN, "NL46ABNA0499998748", NULL, E_IBAN_CHECK },
	{ IBAN, "NL18INGB00012345678", NULL, E_IBAN_LEN },
	{ IBAN, "NL15ABNA1111111111", NULL, E_IBAN_CHECK },
	{ IBAN, "NL26VAYB8060476890", "NL26VAYB8060476890", NULL },
	{ IBAN, "NL77ABNA0574908765", "NL77ABNA0574908765", NULL },
	{ IBAN, "BE55442968847144", "BE55442968847144", NULL },
	{ IBAN, "DE79370400440123619900", "DE79370400440123619900", NULL },
	{ IBAN, "BE54000000000097", "BE54000000000097", NULL },
	{ IBAN, "BE91000000143476", "BE91000000143476", NULL },
	{ IBAN, "NL13RABO0377815500", "NL13RABO0377815500", NULL },
	{ IBAN, "DE75512108001245126199", "DE75512108001245126199", NULL },
	/* IBAN: case and spaces. */
	{ IBAN, "nl91 abna 0417 1643 00", "NL91ABNA0417164300", NULL },
	{ IBAN, "Nl91aBnA0417164300", "NL91ABNA0417164300", NULL },
	/* IBAN: countries not in the registry; territories use FR, GB. */
	{ IBAN, "XX91ABNA0417164300", NULL, E_IBAN_UNK },
	{ IBAN, "US64SVBKUS6S3300958879", NULL, E_IBAN_UNK },
	{ IBAN, "JE12NWBK60161331926819", NULL, E_IBAN_UNK },
	{ IBAN, "GP1420041010050500013M02606", NULL, E_IBAN_UNK },
	/* IBAN: wrong length for the country. */
	{ IBAN, "BE6853900754703", NULL, E_IBAN_LEN },
	{ IBAN, "BE685390075470344", NULL, E_IBAN_LEN },
	{ IBAN, "NL91", NULL, E_IBAN_LEN },
	/* IBAN: 00, 01, 99 never issued (partners 97, 98, 02 valid). */
	{ IBAN, "NL97ABNA0000000075", "NL97ABNA0000000075", NULL },
	{ IBAN, "NL00ABNA0000000075", NULL, E_IBAN_NEVER },
	{ IBAN, "NL98ABNA0000000057", "NL98ABNA0000000057", NULL },
	{ IBAN, "NL01ABNA0000000057", NULL, E_IBAN_NEVER },
	{ IBAN, "NL02ABNA0000000039", "NL02ABNA0000000039", NULL },
	{ IBAN, "NL99ABNA0000000039", NULL, E_IBAN_NEVER },
	/* IBAN: shape. */
	{ IBAN, "NL91ABNA04171643000000000000000000", NULL, E_IBAN_LEN },
	{ IBAN, "NL91ABNA041716430000000000000000000", NULL, E_IBAN_LONG },
	{ IBAN, "NL9lABNA0417164300", NULL, E_IBAN_CD },
	{ IBAN, "NL", NULL, E_IBAN_CD },
	{ IBAN, "91NLABNA0417164300", NULL, E_IBAN_CC },
	{ IBAN, "", NULL, E_IBAN_CC },
	{ IBAN, "NL91-ABNA-0417-1643-00", NULL, E_IBAN_CHAR },
	{ IBAN, "NL91ABNA041716430\xc3\xa9", NULL, E_IBAN_CHAR },

	/* Not a kind. */
	{ NONE, "RF18539007547034", NULL, E_KIND },
	{ (enum ar_ref_kind)42, "RF18539007547034", NULL, E_KIND },
};

/*
 * SWIFT IBAN Registry: the electronic-format example of every country
 * (89), as in the copy at gocardless/ibandit data/raw/IBAN_Registry.txt.
 * Each is valid and has the country's registered length.
 */
static const char *const iban_registry[] = {
	"AD1200012030200359100100", "AE070331234567890123456",
	"AL47212110090000000235698741", "AT611904300234573201",
	"AZ21NABZ00000000137010001944", "BA391290079401028494",
	"BE68539007547034", "BG80BNBG96611020345678",
	"BH67BMAG00001299123456", "BI4210000100010000332045181",
	"BR1800360305000010009795493C1", "BY13NBRB3600900000002Z00AB00",
	"CH9300762011623852957", "CR05015202001026284066",
	"CY17002001280000001200527600", "CZ6508000000192000145399",
	"DE89370400440532013000", "DJ2100010000000154000100186",
	"DK5000400440116243", "DO28BAGR00000001212453611324",
	"EE382200221020145685", "EG380019000500000000263180002",
	"ES9121000418450200051332", "FI2112345600000785",
	"FK88SC123456789012", "FO6264600001631634",
	"FR1420041010050500013M02606", "GB29NWBK60161331926819",
	"GE29NB0000000101904917", "GI75NWBK000000007099453",
	"GL8964710001000206", "GR1601101250000000012300695",
	"GT82TRAJ01020000001210029690", "HN88CABF00000000000250005469",
	"HR1210010051863000160", "HU42117730161111101800000000",
	"IE29AIBK93115212345678", "IL620108000000099999999",
	"IQ98NBIQ850123456789012", "IS140159260076545510730339",
	"IT60X0542811101000000123456", "JO94CBJO0010000000000131000302",
	"KW81CBKU0000000000001234560101", "KZ86125KZT5004100100",
	"LB62099900000001001901229114", "LC55HEMM000100010012001200023015",
	"LI21088100002324013AA", "LT121000011101001000",
	"LU280019400644750000", "LV80BANK0000435195001",
	"LY83002048000020100120361", "MC5811222000010123456789030",
	"MD24AG000225100013104168", "ME25505000012345678951",
	"MK07250120000058984", "MN121234123456789123",
	"MR1300020001010000123456753", "MT84MALT011000012345MTLCAST001S",
	"MU17BOMM0101101030300200000MUR", "NI45BAPR00000013000003558124",
	"NL91ABNA0417164300", "NO9386011117947",
	"OM810180000001299123456", "PK36SCBL0000001123456702",
	"PL61109010140000071219812874", "PS92PALS000000000400123456702",
	"PT50000201231234567890154", "QA58DOHB00001234567890ABCDEFG",
	"RO49AAAA1B31007593840000", "RS35260005601001611379",
	"RU0304452522540817810538091310419", "SA0380000000608010167519",
	"SC18SSCB11010000000000001497USD", "SD2129010501234001",
	"SE4550000000058398257466", "SI56263300012039086",
	"SK3112000000198742637541", "SM86U0322509800000000270100",
	"SO211000001001000100141", "ST23000100010051845310146",
	"SV62CENR00000000000000700025", "TL380080012345678910157",
	"TN5910006035183598478831", "TR330006100519786457841326",
	"UA213223130000026007233566001", "VA59001123000012345678",
	"VG96VPVG0000012345678901", "XK051212012345678906",
	"YE15CBYE0001018861234567891234",
};

static const struct detect_vec {
	const char	*in;
	enum ar_ref_kind kind;
	const char	*norm;	/* when kind is not NONE */
	const char	*why;	/* when kind is NONE */
} detects[] = {
	{ "RF18 5390 0754 7034", RF, "RF18539007547034", NULL },
	{ "rf45g72uur", RF, "RF45G72UUR", NULL },
	{ "RF18539007547035", NONE, NULL, E_RF_CHECK },
	{ "R F18539007547035", NONE, NULL, E_RF_CHECK },
	{ "RF380000000000000000000552", NONE, NULL, E_RF_LONG },
	{ "RF18 5390 0754 703\xe2\x82\xac", NONE, NULL, E_RF_CHAR },
	{ "+++010/8068/17183+++", OGM, "010806817183", NULL },
	{ "010806817183", OGM, "010806817183", NULL },
	/*
	 * 201234568073 is an OGM (2012345680 mod 97 = 73) and a kenmerk
	 * (C 2, L 0, ten digits): the tie goes to OGM.  501234567891 is
	 * only a kenmerk (OGM would need 76).
	 */
	{ "201234568073", OGM, "201234568073", NULL },
	{ "501234567891", KEN, "501234567891", NULL },
	/* Twelve digits failing both: the OGM complaint. */
	{ "010806817180", NONE, NULL, E_OGM_CHECK },
	{ "010/8068/17180", NONE, NULL, E_OGM_CHECK },
	{ "+++010/8068/17183++", NONE, NULL, E_OGM_WRAP },
	{ "***010/8068/17183***", OGM, "010806817183", NULL },
	{ "12234534622567", KEN, "12234534622567", NULL },
	{ "(5)000 0567 8901 2345", KEN, "5000056789012345", NULL },
	{ "5000056789012346", NONE, NULL, E_KEN_CHECK },
	{ "2015048300000000", NONE, NULL, E_KEN_CHECK },
	{ "4654654654654654", NONE, NULL, E_KEN_CHECK },
	{ "711234567890", NONE, NULL, E_OGM_CHECK },
	{ "8212345678901", NONE, NULL, E_KEN_L },
	{ "1234567", KEN, "1234567", NULL },	/* any 7 digits */
	{ "12345678", NONE, NULL, E_KEN_LEN },
	{ "123456789012345", NONE, NULL, E_KEN_LEN },
	{ "123456", NONE, NULL, NULL },
	{ "12345678901234567890", NONE, NULL, NULL },
	{ "NL91ABNA0417164300", IBAN, "NL91ABNA0417164300", NULL },
	{ "nl91 abna 0417 1643 00", IBAN, "NL91ABNA0417164300", NULL },
	{ "BE68539007547034", IBAN, "BE68539007547034", NULL },
	{ "NL91ABNA0417164301", NONE, NULL, E_IBAN_CHECK },
	{ "NL18INGB00012345678", NONE, NULL, E_IBAN_LEN },
	{ "NL00ABNA0000000075", NONE, NULL, E_IBAN_NEVER },
	{ "XX91ABNA0417164300", NONE, NULL, E_IBAN_UNK },
	{ "NL91-ABNA-0417-1643-00", NONE, NULL, E_IBAN_CHAR },
	{ "AB12", NONE, NULL, NULL },
	{ "hello world", NONE, NULL, NULL },
	{ "INV-2024-0001", NONE, NULL, NULL },
	{ "2024/01/15", NONE, NULL, NULL },
	{ "", NONE, NULL, NULL },
	{ "   ", NONE, NULL, NULL },
	{ "\xe2\x82\xac", NONE, NULL, NULL },
};

static const struct format_vec {
	enum ar_ref_kind kind;
	const char	*in;
	const char	*out;	/* printed form when valid */
	const char	*err;
} formats[] = {
	{ RF, "RF18539007547034", "RF18 5390 0754 7034", NULL },
	{ RF, "RF712348231", "RF71 2348 231", NULL },
	{ RF, "RF6518K5", "RF65 18K5", NULL },
	{ RF, "RF38000000000000000000552", "RF38 0000 0000 0000 0000 0055 2",
	    NULL },
	{ RF, "rf18 5390 0754 7034", "RF18 5390 0754 7034", NULL },
	{ RF, "RF18539007547035", NULL, E_RF_CHECK },
	{ OGM, "010806817183", "+++010/8068/17183+++", NULL },
	{ OGM, "***010/8068/17183***", "+++010/8068/17183+++", NULL },
	{ OGM, "000000000097", "+++000/0000/00097+++", NULL },
	{ OGM, "010806817180", NULL, E_OGM_CHECK },
	{ KEN, "5000056789012345", "5000 0567 8901 2345", NULL },
	{ KEN, "(5)000 0567 8901 2345", "5000 0567 8901 2345", NULL },
	{ KEN, "12234534622567", "12 2345 3462 2567", NULL },
	{ KEN, "8112345678901", "8 1123 4567 8901", NULL },
	{ KEN, "701234567890", "7012 3456 7890", NULL },
	{ KEN, "09123456789", "091 2345 6789", NULL },
	{ KEN, "4812345678", "48 1234 5678", NULL },
	{ KEN, "271234567", "2 7123 4567", NULL },
	{ KEN, "1234567", "123 4567", NULL },
	{ KEN, "12345678", NULL, E_KEN_LEN },
	{ IBAN, "NL91ABNA0417164300", "NL91 ABNA 0417 1643 00", NULL },
	{ IBAN, "BE68539007547034", "BE68 5390 0754 7034", NULL },
	{ IBAN, "DE89370400440532013000", "DE89 3704 0044 0532 0130 00",
	    NULL },
	{ IBAN, "LC55HEMM000100010012001200023015",
	    "LC55 HEMM 0001 0001 0012 0012 0002 3015", NULL },
	{ IBAN, "RU0304452522540817810538091310419",
	    "RU03 0445 2522 5408 1781 0538 0913 1041 9", NULL },
	{ IBAN, "NO9386011117947", "NO93 8601 1117 947", NULL },
	{ IBAN, "nl91abna0417164300", "NL91 ABNA 0417 1643 00", NULL },
	{ IBAN, "NL91ABNA0417164301", NULL, E_IBAN_CHECK },
	{ NONE, "RF18539007547034", NULL, E_KIND },
};

static const struct make_vec {
	enum ar_ref_kind kind;
	const char	*base;
	const char	*out;	/* when it succeeds */
	const char	*err;
} makes[] = {
	/* ISO 11649 annex B.1: 2348231 + RF00 -> 2348231271500 mod 97
	 * = 27, 98 - 27 = 71. */
	{ RF, "2348231", "RF712348231", NULL },
	{ RF, "g72uur", "RF45G72UUR", NULL },
	{ RF, "18K5", "RF6518K5", NULL },
	{ RF, "5000056789012345", "RF485000056789012345", NULL },
	{ RF, "5390 0754 7034", "RF18539007547034", NULL },
	{ RF, "000000000000000000552", "RF38000000000000000000552", NULL },
	{ RF, "INV-2024/0001", "RF17INV20240001", NULL },
	{ RF, "1042", "RF971042", NULL },	/* check digits 97 */
	{ RF, "1024", "RF981024", NULL },	/* 98, the highest */
	{ RF, "1006", "RF021006", NULL },	/* 02, the lowest */
	{ RF, "0", "RF040", NULL },
	{ RF, "", NULL, "rf base has no letters or digits" },
	{ RF, "-- / --", NULL, "rf base has no letters or digits" },
	{ RF, "\xc3\xa9\xe2\x82\xac", NULL,
	    "rf base has no letters or digits" },
	{ RF, "1234567890123456789012", NULL,
	    "rf base has more than 21 letters and digits" },
	{ RF, "123456789012345678901", "RF40123456789012345678901", NULL },
	/* Febelfin: 0108068171 mod 97 = 83. */
	{ OGM, "0108068171", "010806817183", NULL },
	{ OGM, "108068171", "010806817183", NULL },
	{ OGM, "+++010/8068/171", "010806817183", NULL },
	/* Remainder 0 -> 97. */
	{ OGM, "0", "000000000097", NULL },
	{ OGM, "97", "000000009797", NULL },
	{ OGM, "9700000000", "970000000097", NULL },
	{ OGM, "9999999999", "999999999948", NULL },
	{ OGM, "01080681711", NULL, "ogm base has more than 10 digits" },
	{ OGM, "", NULL, "ogm base has no digits" },
	{ OGM, "abc", NULL, "ogm base has no digits" },
	/*
	 * Kenmerk, shortest form C + L + N.  By hand, weights from the
	 * right 2, 4, 8, 5, 10, 9, 7, 3, 6, 1:
	 *   "1234567": N = 7, L = 7, after C "71234567"; from the right
	 *     7x2 + 6x4 + 5x8 + 4x5 + 3x10 + 2x9 + 1x7 + 7x3
	 *     = 14 + 24 + 40 + 20 + 30 + 18 + 7 + 21 = 174;
	 *     174 mod 11 = 9, C = 11 - 9 = 2: "271234567".
	 *   "1": padded to 7, "70000001": 1x2 + 7x3 = 23; 23 mod 11 = 1,
	 *     C = 10 -> 1: "170000001".
	 *   "123456789": L = 9, "9123456789":
	 *     9x2 + 8x4 + 7x8 + 6x5 + 5x10 + 4x9 + 3x7 + 2x3 + 1x6 + 9x1
	 *     = 18 + 32 + 56 + 30 + 50 + 36 + 21 + 6 + 6 + 9 = 264
	 *     = 24 x 11, C = 11 -> 0: "09123456789".
	 */
	{ KEN, "1234567", "271234567", NULL },
	{ KEN, "1", "170000001", NULL },
	{ KEN, "123456789", "09123456789", NULL },
	{ KEN, "12345678", "4812345678", NULL },
	{ KEN, "1234567890", "701234567890", NULL },
	{ KEN, "12345678901", "8112345678901", NULL },
	{ KEN, "123456789012", "42123456789012", NULL },
	{ KEN, "234534622567", "12234534622567", NULL },	/* RULES */
	{ KEN, "1234567890123", "1001234567890123", NULL },
	{ KEN, "000056789012345", "5000056789012345", NULL },	/* RULES */
	{ KEN, "123456789012345", "0123456789012345", NULL },
	{ KEN, "1234567890123456", NULL,
	    "kenmerk base has more than 15 digits" },
	{ KEN, "", NULL, "kenmerk base has no digits" },
	{ IBAN, "NL91ABNA0417164300", NULL, "ibans are not generated" },
	{ NONE, "1234", NULL, E_KIND },
};

static const struct mod97_vec {
	const char	*s;
	int		 want;
} mod97s[] = {
	{ "2348231271500", 27 },	/* ISO 11649 annex B.1 */
	{ "ABNA0417164300NL91", 1 },
	{ "abna0417164300nl91", 1 },
	{ "539007547034RF18", 1 },
	{ "", 0 },
	{ "0", 0 },
	{ "96", 96 },
	{ "97", 0 },
	{ "98", 1 },
	{ "A", 10 },
	{ "Z", 35 },
	{ "NL91 ABNA", -1 },
	{ "\xe2\x82\xac", -1 },
};

static const char *
kname(enum ar_ref_kind k)
{
	const char *n = ar_ref_kind_name(k);

	return *n == '\0' ? "none" : n;
}

static void
test_kind_names(void)
{
	enum ar_ref_kind k;

	for (k = AR_REF_RF; k <= AR_REF_IBAN; k++)
		is_int(ar_ref_kind_parse(ar_ref_kind_name(k)), k,
		    "kind name \"%s\" round trip", ar_ref_kind_name(k));
	is_str(ar_ref_kind_name(AR_REF_NONE), "", "kind name of none");
	is_str(ar_ref_kind_name((enum ar_ref_kind)42), "",
	    "kind name out of range");
	is_int(ar_ref_kind_parse("KENMERK"), KEN, "kind parse upper case");
	is_int(ar_ref_kind_parse("rfx"), NONE, "kind parse rfx");
	is_int(ar_ref_kind_parse("r"), NONE, "kind parse r");
	is_int(ar_ref_kind_parse(""), NONE, "kind parse empty");
	is_int(ar_ref_kind_parse(NULL), NONE, "kind parse NULL");
}

static void
test_check(void)
{
	const struct check_vec *v;
	char norm[AR_REF_BUFSZ];
	size_t i;

	for (i = 0; i < sizeof checks / sizeof checks[0]; i++) {
		v = &checks[i];
		strcpy(norm, UNTOUCHED);
		is_str(ar_ref_check(v->kind, v->in, norm), v->err,
		    "check %s \"%s\"", kname(v->kind), v->in);
		if (v->err == NULL)
			is_str(norm, v->norm, "check %s \"%s\" normalised",
			    kname(v->kind), v->in);
		else
			is_str(norm, UNTOUCHED, "check %s \"%s\" leaves norm",
			    kname(v->kind), v->in);
	}
	is_str(ar_ref_check(RF, "RF18539007547034", NULL), NULL,
	    "check with NULL norm");
	is_str(ar_ref_check(RF, NULL, norm), E_RF_PREFIX, "check NULL");
}

static void
test_iban_registry(void)
{
	char norm[AR_REF_BUFSZ];
	size_t i;

	for (i = 0; i < sizeof iban_registry / sizeof iban_registry[0]; i++) {
		strcpy(norm, UNTOUCHED);
		ok(ar_ref_check(IBAN, iban_registry[i], norm) == NULL &&
		    strcmp(norm, iban_registry[i]) == 0,
		    "registry iban %s", iban_registry[i]);
	}
	is_int((long long)i, 89, "registry has 89 countries");
}

static void
test_detect(void)
{
	const struct detect_vec *v;
	const char *why;
	char norm[AR_REF_BUFSZ];
	enum ar_ref_kind k;
	size_t i;

	for (i = 0; i < sizeof detects / sizeof detects[0]; i++) {
		v = &detects[i];
		strcpy(norm, UNTOUCHED);
		why = "unset";
		k = ar_ref_detect(v->in, norm, &why);
		is_int(k, v->kind, "detect \"%s\" is %s", v->in,
		    kname(v->kind));
		if (v->kind != NONE)
			ok(why == NULL && strcmp(norm, v->norm) == 0,
			    "detect \"%s\" gives \"%s\", why NULL", v->in,
			    v->norm);
		else
			is_str(why, v->why, "detect \"%s\" why", v->in);
	}
	is_int(ar_ref_detect("RF18539007547034", NULL, NULL), RF,
	    "detect with NULL norm and why");
	is_int(ar_ref_detect(NULL, NULL, &why), NONE, "detect NULL");
}

static void
test_format(void)
{
	const struct format_vec *v;
	char out[AR_REF_BUFSZ];
	size_t i;

	for (i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		v = &formats[i];
		strcpy(out, UNTOUCHED);
		is_str(ar_ref_format(v->kind, v->in, out), v->err,
		    "format %s \"%s\"", kname(v->kind), v->in);
		is_str(out, v->err == NULL ? v->out : UNTOUCHED,
		    "format %s \"%s\" output", kname(v->kind), v->in);
	}
	/* In place: the check copies before the output is written. */
	strcpy(out, "RF18539007547034");
	ok(ar_ref_format(RF, out, out) == NULL &&
	    strcmp(out, "RF18 5390 0754 7034") == 0, "format in place");
}

static void
test_make(void)
{
	const struct make_vec *v;
	char out[AR_REF_BUFSZ];
	size_t i;

	for (i = 0; i < sizeof makes / sizeof makes[0]; i++) {
		v = &makes[i];
		strcpy(out, UNTOUCHED);
		is_str(ar_ref_make(v->kind, v->base, out), v->err,
		    "make %s \"%s\"", kname(v->kind), v->base);
		is_str(out, v->err == NULL ? v->out : UNTOUCHED,
		    "make %s \"%s\" output", kname(v->kind), v->base);
	}
}

static void
test_mod97(void)
{
	char big[1001];
	size_t i;

	for (i = 0; i < sizeof mod97s / sizeof mod97s[0]; i++)
		is_int(ar_ref_mod97(mod97s[i].s), mod97s[i].want,
		    "mod97 \"%s\"", mod97s[i].s);
	is_int(ar_ref_mod97(NULL), -1, "mod97 NULL");
	/* 10^1000 - 1 mod 97 = 90 and 1000 x "35" mod 97 = 79, from
	 * exact integer arithmetic. */
	memset(big, '9', 1000);
	big[1000] = '\0';
	is_int(ar_ref_mod97(big), 90, "mod97 of 1000 nines");
	memset(big, 'Z', 1000);
	is_int(ar_ref_mod97(big), 79, "mod97 of 1000 Zs");
}

/* A small deterministic generator (LCG), so runs repeat exactly. */
static unsigned long
rnd(unsigned long *seed)
{
	*seed = *seed * 1103515245UL + 12345UL;
	return (*seed >> 16) & 0x7fff;
}

/* make() must give what check() accepts and detect() recognises. */
static void
test_make_check_loop(void)
{
	static const char alnum[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz";
	char base[32], out[AR_REF_BUFSZ], norm[AR_REF_BUFSZ];
	unsigned long seed = 1;
	size_t i, j, len, bad, seen97, seenc[10];
	enum ar_ref_kind k;

	for (bad = 0, i = 0; i < 5000; i++) {
		len = 1 + i % 21;
		for (j = 0; j < len; j++)
			base[j] = alnum[rnd(&seed) % (sizeof alnum - 1)];
		base[len] = '\0';
		if (ar_ref_make(RF, base, out) != NULL ||
		    ar_ref_check(RF, out, norm) != NULL ||
		    strcmp(out, norm) != 0 ||
		    ar_ref_detect(out, NULL, NULL) != RF) {
			if (bad++ == 0)
				printf("# rf base \"%s\" gave \"%s\"\n", base,
				    out);
		}
	}
	is_int((long long)bad, 0, "rf make/check/detect over 5000 bases");

	for (bad = 0, seen97 = 0, i = 0; i < 10000; i++) {
		/* Multiples of 97 every other turn: remainder 0 -> 97. */
		snprintf(base, sizeof base, "%llu", i % 2 ?
		    (unsigned long long)i * 97 * 1031 :
		    (unsigned long long)i * 1000003 % 10000000000ULL);
		if (ar_ref_make(OGM, base, out) != NULL ||
		    ar_ref_check(OGM, out, norm) != NULL ||
		    strcmp(out, norm) != 0 ||
		    ar_ref_detect(out, NULL, NULL) != OGM) {
			if (bad++ == 0)
				printf("# ogm base \"%s\" gave \"%s\"\n", base,
				    out);
		}
		if (strcmp(out + 10, "97") == 0)
			seen97++;
	}
	is_int((long long)bad, 0, "ogm make/check/detect over 10000 bases");
	ok(seen97 > 0, "ogm loop met remainder 0 -> 97 (%zu times)", seen97);

	memset(seenc, 0, sizeof seenc);
	for (bad = 0, len = 1; len <= 15; len++) {
		for (i = 0; i < 700; i++) {
			for (j = 0; j < len; j++)
				base[j] = (char)('0' + rnd(&seed) % 10);
			base[len] = '\0';
			if (ar_ref_make(KEN, base, out) != NULL ||
			    ar_ref_check(KEN, out, norm) != NULL ||
			    strcmp(out, norm) != 0 ||
			    strlen(out) != (len <= 7 ? 9 : len <= 12 ?
			    len + 2 : 16)) {
				if (bad++ == 0)
					printf("# kenmerk base \"%s\" gave "
					    "\"%s\"\n", base, out);
				continue;
			}
			seenc[out[0] - '0']++;
			k = ar_ref_detect(out, NULL, NULL);
			/* A 12-digit kenmerk may also be an OGM. */
			if (k != KEN && !(k == OGM && strlen(out) == 12)) {
				if (bad++ == 0)
					printf("# kenmerk \"%s\" detected as "
					    "%s\n", out, kname(k));
			}
		}
	}
	is_int((long long)bad, 0, "kenmerk make/check/detect over 10500 bases");
	for (bad = 0, i = 0; i < 10; i++)
		if (seenc[i] == 0)
			bad++;
	is_int((long long)bad, 0, "kenmerk loop made every check digit 0..9");
}

/*
 * MOD 97-10 detects every single-digit substitution (ISO 7064); so does
 * OGM.  Not tested for the kenmerk: there A mod 11 = 1 and = 10 both
 * give C = 1, so some substitutions go unseen by design.
 */
static void
test_substitutions(void)
{
	static const struct {
		enum ar_ref_kind kind;
		const char	*s;
	} v[] = {
		{ RF, "RF18539007547034" }, { RF, "RF712348231" },
		{ RF, "RF38000000000000000000552" },
		{ OGM, "010806817183" }, { OGM, "000000000097" },
		{ OGM, "090933755493" },
		{ IBAN, "NL91ABNA0417164300" }, { IBAN, "BE68539007547034" },
		{ IBAN, "DE89370400440532013000" },
	};
	char buf[AR_REF_BUFSZ];
	size_t i, j, bad, tried;
	char c;

	for (bad = 0, tried = 0, i = 0; i < sizeof v / sizeof v[0]; i++) {
		for (j = 0; v[i].s[j] != '\0'; j++) {
			if (v[i].s[j] < '0' || v[i].s[j] > '9')
				continue;
			for (c = '0'; c <= '9'; c++) {
				if (c == v[i].s[j])
					continue;
				strcpy(buf, v[i].s);
				buf[j] = c;
				tried++;
				if (ar_ref_check(v[i].kind, buf, NULL) ==
				    NULL && bad++ == 0)
					printf("# \"%s\" passes\n", buf);
			}
		}
	}
	is_int((long long)bad, 0, "%zu single-digit substitutions detected",
	    tried);
}

/* Long and odd input: no reads or writes out of bounds (see ASan). */
static void
test_long_input(void)
{
	char s[1001], buf[AR_REF_BUFSZ + 8];
	const char *why;
	enum ar_ref_kind k;
	size_t i;

	memset(buf + AR_REF_BUFSZ, 'G', 8);

	memset(s, 'a', 1000);
	s[1000] = '\0';
	for (k = RF; k <= IBAN; k++)
		ok(ar_ref_check(k, s, buf) != NULL, "1000 x 'a' is no %s",
		    kname(k));
	is_int(ar_ref_detect(s, buf, &why), NONE, "detect 1000 x 'a'");
	ok(why == NULL, "detect 1000 x 'a' looks like nothing");

	memset(s, '9', 1000);
	for (k = RF; k <= IBAN; k++)
		ok(ar_ref_check(k, s, buf) != NULL, "1000 x '9' is no %s",
		    kname(k));
	is_int(ar_ref_detect(s, buf, &why), NONE, "detect 1000 x '9'");
	ok(ar_ref_make(RF, s, buf) != NULL && ar_ref_make(OGM, s, buf) !=
	    NULL && ar_ref_make(KEN, s, buf) != NULL, "make from 1000 digits");

	s[0] = 'R';
	s[1] = 'F';
	is_int(ar_ref_detect(s, buf, &why), NONE, "detect RF + 998 digits");
	is_str(why, E_RF_LONG, "detect RF + 998 digits why");

	memcpy(s, "+++", 3);
	memcpy(s + 997, "+++", 3);
	is_str(ar_ref_check(OGM, s, buf), E_OGM_LEN, "ogm of 994 digits");

	/* Spaces are ignored however many there are. */
	memset(s, ' ', 1000);
	memcpy(s + 500, "RF18539007547034", 16);
	is_int(ar_ref_detect(s, buf, &why), RF, "rf among 984 spaces");
	is_str(buf, "RF18539007547034", "rf among 984 spaces normalised");
	memset(s, ' ', 1000);
	is_int(ar_ref_detect(s, buf, &why), NONE, "1000 spaces");

	/* Non-ASCII bytes, high bit set, everywhere. */
	for (i = 0; i < 1000; i++)
		s[i] = (char)(0x80 + i % 0x80);
	for (k = RF; k <= IBAN; k++)
		ok(ar_ref_check(k, s, buf) != NULL, "1000 high bytes no %s",
		    kname(k));
	is_int(ar_ref_mod97(s), -1, "mod97 of high bytes");
	ok(ar_ref_make(RF, s, buf) != NULL, "make rf of high bytes");

	ok(memcmp(buf + AR_REF_BUFSZ, "GGGGGGGG", 8) == 0,
	    "nothing written past AR_REF_BUFSZ");
}

int
main(void)
{
	test_kind_names();
	test_check();
	test_iban_registry();
	test_detect();
	test_format();
	test_make();
	test_mod97();
	test_make_check_loop();
	test_substitutions();
	test_long_input();
	return tap_done();
}
