/*
 * normalize - clean the text of newsfilter records.
 *
 * One record out for each record in.  Only field 5 changes; the offsets of
 * the annotation items in fields 6 and 7 move with the text.  One pass over
 * the bytes of the text:
 *   - invalid UTF-8 becomes U+FFFD, one per maximal invalid subpart;
 *   - mojibake is repaired: characters standing for the bytes of one valid
 *     UTF-8 character (UTF-8 decoded as Windows-1252 or Latin-1) become it;
 *   - white space runs become one space, invisible characters go;
 *   - the text is put in the chosen Unicode normalization form;
 *   - --ascii-punct folds quotes, dashes and the ellipsis to ASCII.
 *
 * The normalizer is GLib's g_utf8_normalize: GLib 2.74 implements Unicode
 * 15.0 and passes NormalizationTest.txt 15.0; libunistring 1.0 (Unicode 14)
 * fails it.  GLib is only called for the few characters that may change:
 * ASCII, and every other character known to be stable in the form, are
 * copied as they are (see learn()).
 *
 * Offsets: each rewritten stretch of the input is a unit mapping an input
 * byte range to an output byte range; between units the bytes are copied
 * and offsets move by a constant (see map_start() and map_end()).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <unistr.h>

#include "annot.h"
#include "cli.h"
#include "err.h"
#include "lexicon.h"
#include "record.h"
#include "utf8.h"

static const char summary[] =
    "Clean field 5 of each record: Unicode normalization form NFC (or\n"
    "--form), white space runs to one space, invisible characters removed,\n"
    "mojibake repaired, invalid UTF-8 to U+FFFD.  The offsets in fields 6\n"
    "and 7 move with the text; every other field is left as it is.";

static char *opt_form, *opt_punct, *opt_codepage, *opt_invisible;
static gboolean opt_no_repair, opt_ascii_punct, opt_keep_space;

static const GOptionEntry entries[] = {
	{ "form", 'f', 0, G_OPTION_ARG_STRING, &opt_form,
	  "Normalization form: NFC (default), NFD, NFKC or NFKD", "FORM" },
	{ "no-repair", 0, 0, G_OPTION_ARG_NONE, &opt_no_repair,
	  "Do not repair mojibake", NULL },
	{ "ascii-punct", 'a', 0, G_OPTION_ARG_NONE, &opt_ascii_punct,
	  "Fold typographic quotes, dashes and the ellipsis to ASCII", NULL },
	{ "keep-space", 0, 0, G_OPTION_ARG_NONE, &opt_keep_space,
	  "Leave white space and invisible characters alone", NULL },
	{ "punct", 0, 0, G_OPTION_ARG_FILENAME, &opt_punct,
	  "Fold with the table in FILE (implies --ascii-punct)", "FILE" },
	{ "codepage", 0, 0, G_OPTION_ARG_FILENAME, &opt_codepage,
	  "Repair mojibake with the byte table in FILE", "FILE" },
	{ "invisible", 0, 0, G_OPTION_ARG_FILENAME, &opt_invisible,
	  "Take white space and invisible characters from FILE", "FILE" },
	{ NULL, 0, 0, 0, NULL, NULL, NULL }
};

NF_EMBED(cp1252_tsv, "filters/normalize/cp1252.tsv")
NF_EMBED(invisible_tsv, "filters/normalize/invisible.tsv")
NF_EMBED(punct_tsv, "filters/normalize/punct.tsv")
NF_EMBED(compose_tsv, "filters/normalize/compose.tsv")

#define NCODES 0x110000

/* What a code point is to normalize: one byte per code point. */
enum {
	C_SPACE = 1 << 0,	/* white space: a run becomes one space */
	C_DELETE = 1 << 1,	/* invisible: removed */
	C_FOLD = 1 << 2,	/* --ascii-punct replaces it */
	C_LEAD = 1 << 3,	/* stands for a UTF-8 lead byte (mojibake) */
	C_KNOWN = 1 << 4,	/* C_BOUNDARY and C_FAST are computed */
	C_BOUNDARY = 1 << 5,	/* normalization never looks back past it */
	C_FAST = 1 << 6		/* a boundary the form leaves alone */
};

struct range {
	uint32_t first, last;
};

static struct {
	GNormalizeMode mode;
	bool compat, compose;	/* the form's K and C */
	bool keep_space, repair, fold;
	uint8_t *cls;		/* C_* of each code point */
	uint8_t fast_mask;	/* copied if cls & fast_mask is KNOWN|FAST */
	bool plain[128];	/* ASCII bytes copied as they are */
	GArray *backward;	/* struct range: compose.tsv */
	uint8_t byte_of[256];	/* code point < 0x100 -> its byte, or 0 */
	GHashTable *byte_of_hi;	/* other code points -> byte */
	GHashTable *fold_to;	/* code point -> ASCII replacement */
} nm;

/* ---- data files ---- */

/* Parse 1 to 6 hex digits naming a Unicode scalar value. */
static bool
parse_cp(const char *s, uint32_t *out)
{
	uint32_t v = 0;
	size_t i;

	for (i = 0; s[i] != '\0'; i++) {
		if (i == 6 || !g_ascii_isxdigit(s[i]))
			return false;
		v = v * 16 + (uint32_t)g_ascii_xdigit_value(s[i]);
	}
	if (i == 0 || v >= NCODES || (v >= 0xD800 && v <= 0xDFFF))
		return false;
	*out = v;
	return true;
}

static const char *
parse_range(char **cols, int ncols, struct range *r)
{
	if (ncols < 2 || !parse_cp(cols[0], &r->first) ||
	    !parse_cp(cols[1], &r->last))
		return "expected FIRST LAST code points in hex";
	if (r->first > r->last)
		return "FIRST is after LAST";
	return NULL;
}

static const char *
invisible_row(void *ctx, char **cols, int ncols)
{
	struct range r;
	const char *msg = parse_range(cols, ncols, &r);
	uint8_t bit;

	(void)ctx;
	if (msg != NULL)
		return msg;
	if (ncols < 3 || (strcmp(cols[2], "space") != 0 &&
	    strcmp(cols[2], "delete") != 0))
		return "expected an action: space or delete";
	bit = cols[2][0] == 's' ? C_SPACE : C_DELETE;
	for (uint32_t c = r.first; c <= r.last; c++)
		nm.cls[c] = (uint8_t)((nm.cls[c] & ~(C_SPACE | C_DELETE)) |
		    bit);
	return NULL;
}

static const char *
codepage_row(void *ctx, char **cols, int ncols)
{
	uint32_t byte, cp, old;

	(void)ctx;
	if (ncols < 2 || strlen(cols[0]) != 2 || !parse_cp(cols[0], &byte) ||
	    byte < 0x80 || !parse_cp(cols[1], &cp))
		return "expected a BYTE from 80 to FF and a CODE POINT, in hex";
	if (cp < 0x80)
		return "an ASCII character cannot stand for a byte above 7F";
	old = cp < 0x100 ? nm.byte_of[cp] : GPOINTER_TO_UINT(
	    g_hash_table_lookup(nm.byte_of_hi, GUINT_TO_POINTER(cp)));
	if (old != 0 && old != byte)
		return "code point already stands for another byte";
	if (cp < 0x100)
		nm.byte_of[cp] = (uint8_t)byte;
	else
		g_hash_table_insert(nm.byte_of_hi, GUINT_TO_POINTER(cp),
		    GUINT_TO_POINTER(byte));
	/* the lead bytes of UTF-8 sequences of 2 to 4 bytes */
	if (byte >= 0xC2 && byte <= 0xF4)
		nm.cls[cp] |= C_LEAD;
	return NULL;
}

static const char *
punct_row(void *ctx, char **cols, int ncols)
{
	uint32_t cp;
	size_t len;

	(void)ctx;
	if (ncols < 2 || !parse_cp(cols[0], &cp))
		return "expected a CODE POINT in hex and its REPLACEMENT";
	if (cp < 0x80)
		return "an ASCII character cannot be folded";
	len = strlen(cols[1]);
	if (len == 0 || len > 8)
		return "a replacement has 1 to 8 characters";
	for (size_t i = 0; i < len; i++)
		if (cols[1][i] <= ' ' || cols[1][i] > '~')
			return "a replacement is printable ASCII without "
			    "spaces";
	if (g_hash_table_contains(nm.fold_to, GUINT_TO_POINTER(cp)))
		return "code point listed twice";
	g_hash_table_insert(nm.fold_to, GUINT_TO_POINTER(cp),
	    g_strdup(cols[1]));
	nm.cls[cp] |= C_FOLD;
	return NULL;
}

static const char *
compose_row(void *ctx, char **cols, int ncols)
{
	struct range r;
	const char *msg = parse_range(cols, ncols, &r);

	(void)ctx;
	if (msg != NULL)
		return msg;
	/* is_backward() searches them */
	if (nm.backward->len > 0 && r.first <= g_array_index(nm.backward,
	    struct range, nm.backward->len - 1).last)
		return "ranges out of order";
	g_array_append_val(nm.backward, r);
	return NULL;
}

/* The built-in table, or the user's file when an option names one. */
static void
load(const char *path, const char *name, const char *data, size_t len,
    lexicon_row_fn fn)
{
	if (path != NULL)
		lexicon_load_file(path, fn, NULL);
	else
		lexicon_load_data(name, data, len, fn, NULL);
}

static void
parse_form(const char *s)
{
	static const struct {
		const char *name;
		GNormalizeMode mode;
		bool compat, compose;
	} forms[] = {
		{ "NFC", G_NORMALIZE_NFC, false, true },
		{ "NFD", G_NORMALIZE_NFD, false, false },
		{ "NFKC", G_NORMALIZE_NFKC, true, true },
		{ "NFKD", G_NORMALIZE_NFKD, true, false },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(forms); i++)
		if (g_ascii_strcasecmp(s, forms[i].name) == 0) {
			nm.mode = forms[i].mode;
			nm.compat = forms[i].compat;
			nm.compose = forms[i].compose;
			return;
		}
	nf_usage_error("unknown form '%s': NFC, NFD, NFKC or NFKD", s);
}

static void
setup(void)
{
	parse_form(opt_form != NULL ? opt_form : "NFC");
	nm.keep_space = opt_keep_space;
	nm.repair = !opt_no_repair;
	nm.fold = opt_ascii_punct || opt_punct != NULL;
	/* calloc: the pages of code points never seen are never touched */
	if ((nm.cls = calloc(NCODES, 1)) == NULL)
		nf_err(NF_EXIT_FAILURE, "calloc");
	nm.backward = g_array_new(FALSE, FALSE, sizeof(struct range));
	nm.byte_of_hi = g_hash_table_new(NULL, NULL);
	nm.fold_to = g_hash_table_new_full(NULL, NULL, NULL, g_free);
	load(NULL, "compose.tsv", compose_tsv, compose_tsv_len(), compose_row);
	if (!nm.keep_space) {
		load(opt_invisible, "invisible.tsv", invisible_tsv,
		    invisible_tsv_len(), invisible_row);
		for (const char *c = "\t\n\r "; *c != '\0'; c++)
			if (!(nm.cls[(unsigned char)*c] & C_DELETE))
				nm.cls[(unsigned char)*c] = C_SPACE;
		nm.cls[0] = C_DELETE;
	}
	if (nm.repair)
		load(opt_codepage, "cp1252.tsv", cp1252_tsv, cp1252_tsv_len(),
		    codepage_row);
	if (nm.fold)
		load(opt_punct, "punct.tsv", punct_tsv, punct_tsv_len(),
		    punct_row);
	for (int c = 0; c < 128; c++)
		nm.plain[c] = nm.keep_space ?
		    c != 0 && c != '\t' && c != '\n' && c != '\r' :
		    !(nm.cls[c] & (C_SPACE | C_DELETE));
	nm.fast_mask = C_KNOWN | C_FAST | C_SPACE | C_DELETE | C_FOLD | C_LEAD;
}

/* ---- what the normalization form does to a character ---- */

static bool
is_backward(uint32_t cp)
{
	const struct range *r = (const struct range *)nm.backward->data;
	size_t lo = 0, hi = nm.backward->len;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp < r[mid].first)
			hi = mid;
		else if (cp > r[mid].last)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

/* A boundary: never reordered or composed with what comes before it. */
static bool
is_boundary(uint32_t cp)
{
	return g_unichar_combining_class(cp) == 0 &&
	    !(nm.compose && is_backward(cp));
}

/*
 * Learn C_BOUNDARY and C_FAST for cp, once, from GLib.  cp is a boundary
 * when it and the first character of its decomposition are; it is fast
 * when, besides, the form leaves it as it is: then the text around it can
 * be normalized on each side separately and cp copied.
 */
static uint8_t
learn(uint32_t cp)
{
	gunichar d[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
	char buf[8], *n;
	gsize len;
	uint8_t bits = C_KNOWN;

	if (is_boundary(cp) && g_unichar_fully_decompose(cp, nm.compat, d,
	    G_N_ELEMENTS(d)) > 0 && is_boundary(d[0])) {
		bits |= C_BOUNDARY;
		len = (gsize)g_unichar_to_utf8(cp, buf);
		n = g_utf8_normalize(buf, (gssize)len, nm.mode);
		if (n != NULL && strlen(n) == len && memcmp(n, buf, len) == 0)
			bits |= C_FAST;
		g_free(n);
	}
	return nm.cls[cp] |= bits;
}

static inline uint8_t
class_of(uint32_t cp)
{
	uint8_t c = nm.cls[cp];

	return (c & C_KNOWN) ? c : learn(cp);
}

/* The byte cp stands for in the mojibake table, or 0. */
static unsigned
byte_of(uint32_t cp)
{
	if (cp < 0x100)
		return nm.byte_of[cp];
	return GPOINTER_TO_UINT(g_hash_table_lookup(nm.byte_of_hi,
	    GUINT_TO_POINTER(cp)));
}

/*
 * Decode the valid UTF-8 character at s[0..n), s[0] >= 0x80: its length,
 * or -1 if it is invalid.  Two- and three-byte characters (Korean) inline.
 */
static inline int
decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	if (s[0] >= 0xC2 && s[0] <= 0xDF && n >= 2 && (s[1] & 0xC0) == 0x80) {
		*cp = (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
		return 2;
	}
	if ((s[0] & 0xF0) == 0xE0 && n >= 3 && (s[1] & 0xC0) == 0x80 &&
	    (s[2] & 0xC0) == 0x80) {
		uint32_t c = (uint32_t)(s[0] & 0x0F) << 12 |
		    (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);

		if (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))
			return -1;
		*cp = c;
		return 3;
	}
	int len = utf8_decode(s, n, cp);

	return len > 1 ? len : -1;
}

/* ---- one pass over a text ---- */

/* Buffers reused from record to record. */
static struct {
	GString *text, *tmp;	/* the text cleaned (tmp: between passes) */
	GString *ents, *dates;	/* fields 6 and 7 rewritten */
	GString *fffd, *folded;	/* scratch */
	GArray *units, *items;
} buf;

struct unit {
	size_t a, b;	/* input bytes [a, b) */
	size_t c, d;	/* became output bytes [c, d) */
};

struct pass {
	const unsigned char *s;	/* the input text */
	size_t n;
	GString *out;
	GArray *units;		/* struct unit; NULL: no offsets to move */
	size_t seg_out;		/* the open segment is output seg_out.. */
	size_t seg_in, seg_end;	/* came from input [seg_in, seg_end) */
	bool dirty;		/* the segment may change when normalized */
	bool space;		/* white space seen and not written yet */
	size_t space_in;	/* where it began */
	unsigned changes;	/* repairs, removals, normalized segments */
	bool repaired, lead;	/* a repair; a lead character written */
	size_t repair_end;	/* where the last repair ended, or 0 */
};

static void
add_unit(struct pass *p, size_t a, size_t b, size_t c, size_t d)
{
	struct unit u = { a, b, c, d };

	if (p->units != NULL)
		g_array_append_val(p->units, u);
}

/* Start a segment at output offset k, from input [a, b). */
static inline void
open_segment(struct pass *p, size_t k, size_t a, size_t b)
{
	p->seg_out = k;
	p->seg_in = a;
	p->seg_end = b;
	p->dirty = false;
}

/* Fold the characters --ascii-punct replaces in t; false if there are none. */
static bool
fold(const char *t, GString *to)
{
	bool folded = false;

	g_string_truncate(to, 0);
	for (const char *q = t; *q != '\0'; q = g_utf8_next_char(q)) {
		gunichar c = g_utf8_get_char(q);

		if (nm.cls[c] & C_FOLD) {
			g_string_append(to, g_hash_table_lookup(nm.fold_to,
			    GUINT_TO_POINTER(c)));
			folded = true;
		} else
			g_string_append_len(to, q, g_utf8_next_char(q) - q);
	}
	return folded;
}

/*
 * The form of s[0..n).  Folding after normalizing catches what a
 * compatibility decomposition makes (U+FE31 is an em dash in NFKC), and
 * normalizing again what a replacement composes with.
 */
static char *
normalize_segment(const char *s, size_t n)
{
	char *t = g_utf8_normalize(s, (gssize)n, nm.mode);

	for (int i = 0; t != NULL && nm.fold && i < 3 &&
	    fold(t, buf.folded); i++) {
		g_free(t);
		t = g_utf8_normalize(buf.folded->str, (gssize)buf.folded->len,
		    nm.mode);
	}
	if (t == NULL)
		nf_errx(NF_EXIT_FAILURE, "cannot normalize the text");
	return t;
}

/* Append t; a compatibility decomposition may make spaces to squeeze. */
static void
append_normalized(GString *out, const char *t, size_t n)
{
	if (!nm.compat || nm.keep_space || memchr(t, ' ', n) == NULL) {
		g_string_append_len(out, t, (gssize)n);
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (t[i] != ' ' || (out->len > 0 &&
		    out->str[out->len - 1] != ' '))
			g_string_append_c(out, t[i]);
}

/* Normalize the open segment; its units become one. */
static void
flush(struct pass *p)
{
	GString *out = p->out;
	size_t len = out->len - p->seg_out, a = p->seg_in, b = p->seg_end;
	size_t c = p->seg_out;
	char *t;

	if (!p->dirty)
		return;
	p->dirty = false;
	t = normalize_segment(out->str + p->seg_out, len);
	if (strlen(t) == len && memcmp(t, out->str + p->seg_out, len) == 0) {
		g_free(t);
		return;
	}
	g_string_truncate(out, p->seg_out);
	append_normalized(out, t, strlen(t));
	p->changes++;
	if (nm.repair)		/* composing may make mojibake: Ã */
		for (const char *q = t; *q != '\0'; q = g_utf8_next_char(q))
			if (nm.cls[g_utf8_get_char(q)] & C_LEAD)
				p->lead = true;
	g_free(t);
	if (p->units == NULL)
		return;
	while (p->units->len > 0) {
		struct unit *u = &g_array_index(p->units, struct unit,
		    p->units->len - 1);

		if (u->a < p->seg_in)
			break;
		a = MIN(a, u->a);
		b = MAX(b, u->b);
		c = MIN(c, u->c);
		g_array_set_size(p->units, p->units->len - 1);
	}
	add_unit(p, a, b, c, out->len);
}

/* Write the pending space, for the input up to a. */
static void
put_space(struct pass *p, size_t a)
{
	size_t k;

	p->space = false;
	flush(p);
	k = p->out->len;
	if (k > 0 && p->out->str[k - 1] != ' ')
		g_string_append_c(p->out, ' ');
	add_unit(p, p->space_in, a, k, p->out->len);
	open_segment(p, k, p->space_in, a);
}

/* Append one character (or a replacement) made from input [a, b). */
static void
put_char(struct pass *p, const char *t, size_t len, size_t a, size_t b,
    uint8_t cls, bool same)
{
	size_t k;

	if (p->space)
		put_space(p, a);
	if (cls & C_BOUNDARY) {
		flush(p);
		open_segment(p, p->out->len, a, b);
	} else
		p->seg_end = b;
	k = p->out->len;
	g_string_append_len(p->out, t, (gssize)len);
	if (!same)
		add_unit(p, a, b, k, p->out->len);
	if (!(cls & C_FAST))
		p->dirty = true;
}

/* White space at input [a, b): the start of a run, or more of it. */
static void
white(struct pass *p, size_t a, size_t b)
{
	if (p->out->len == 0) {
		add_unit(p, a, b, 0, 0);
		return;
	}
	if (!p->space) {
		p->space = true;
		p->space_in = a;
	}
}

/* An invisible character at input [a, b); in a white space run, it joins it. */
static void
delete(struct pass *p, size_t a, size_t b)
{
	if (p->space)
		return;
	add_unit(p, a, b, p->out->len, p->out->len);
	p->changes++;
}

/* Copy input [a, b) as it is; it ends with a boundary character at last. */
static void
copy(struct pass *p, size_t a, size_t b, size_t last)
{
	if (p->space)
		put_space(p, a);
	else
		flush(p);
	g_string_append_len(p->out, (const char *)p->s + a, (gssize)(b - a));
	open_segment(p, p->out->len - (b - last), last, b);
}

/* The ASCII bytes s[i..end). */
static void
ascii(struct pass *p, size_t i, size_t end)
{
	const unsigned char *s = p->s;

	flush(p);	/* ASCII is a boundary: the segment is complete */
	while (i < end) {
		size_t j = i;

		for (;;) {
			while (j < end && nm.plain[s[j]])
				j++;
			/* one space between two plain bytes is copied too */
			if (j + 1 < end && s[j] == ' ' && nm.plain[s[j + 1]] &&
			    (j > i || (!p->space && p->out->len > 0 &&
			    p->out->str[p->out->len - 1] != ' '))) {
				j += 2;
				continue;
			}
			break;
		}
		if (j > i) {
			copy(p, i, j, j - 1);
			i = j;
		} else if (nm.keep_space) {	/* TAB, CR or NUL */
			put_char(p, " ", 1, i, i + 1, C_BOUNDARY | C_FAST,
			    false);
			i++;
		} else {
			if (nm.cls[s[i]] & C_DELETE)
				delete(p, i, i + 1);
			else
				white(p, i, i + 1);
			i++;
		}
	}
}

/*
 * Mojibake: *cp, the character that ends at b, stands for a UTF-8 lead byte.
 * When the characters after it stand for the continuation bytes that
 * complete one valid UTF-8 character, that is what the writer meant: set
 * *cp to it and return the end of the sequence.  Else return 0.
 */
static size_t
repair_seq(struct pass *p, size_t b, uint32_t *cp, bool *rare)
{
	uint8_t bytes[4];
	int need, i;
	size_t j = b;
	ucs4_t uc;

	bytes[0] = (uint8_t)byte_of(*cp);
	need = bytes[0] >= 0xF0 ? 3 : bytes[0] >= 0xE0 ? 2 : 1;
	for (i = 1; i <= need; i++) {
		uint32_t c;
		unsigned byte;
		int len;

		if (j >= p->n || p->s[j] < 0x80 ||
		    (len = decode(p->s + j, p->n - j, &c)) < 0)
			return 0;
		byte = byte_of(c);
		if (byte < 0x80 || byte > 0xBF)
			return 0;
		bytes[i] = (uint8_t)byte;
		j += (size_t)len;
	}
	if (u8_mbtoucr(&uc, bytes, (size_t)need + 1) != need + 1)
		return 0;
	*cp = uc;
	*rare = need == 1 && bytes[0] > 0xC3;
	return j;
}

/*
 * Mojibake: *cp, the character at [a, b), stands for a UTF-8 lead byte.
 * When the characters after it stand for the continuation bytes that
 * complete one valid UTF-8 character, that is what the writer meant: set
 * *cp to it and return the end of the sequence.  Else return 0.
 * A two-byte sequence led by anything but C2 or C3 spells Greek, Cyrillic,
 * Hebrew...: "CAFÉ’S" is no mojibake of "CAFɒS".  Real mojibake of those
 * scripts comes in runs, so such a pair is repaired only next to another.
 */
static size_t
repair(struct pass *p, size_t a, size_t b, uint32_t *cp)
{
	uint32_t c = *cp, next;
	bool rare, next_rare;
	size_t e = repair_seq(p, b, &c, &rare), f;
	int len;

	if (e == 0)
		return 0;
	if (rare && !(p->repair_end != 0 && p->repair_end == a)) {
		if (e >= p->n || p->s[e] < 0x80 ||
		    (len = decode(p->s + e, p->n - e, &next)) < 0 ||
		    !(nm.cls[next] & C_LEAD) ||
		    (f = repair_seq(p, e + (size_t)len, &next, &next_rare)) == 0)
			return 0;
	}
	*cp = c;
	p->repair_end = e;
	return e;
}

/* NFD and NFKD: a Hangul syllable is its jamo (Unicode 3.12). */
static size_t
hangul_jamo(uint32_t cp, char *buf)
{
	uint32_t s = cp - 0xAC00, t = s % 28;
	size_t n;

	n = (size_t)g_unichar_to_utf8(0x1100 + s / 588, buf);
	n += (size_t)g_unichar_to_utf8(0x1161 + s % 588 / 28, buf + n);
	if (t != 0)
		n += (size_t)g_unichar_to_utf8(0x11A7 + t, buf + n);
	return n;
}

/*
 * Invalid UTF-8 at s[a..): the stretch up to where a valid character starts
 * (no valid character starts inside a maximal invalid subpart) becomes what
 * utf8_append_valid makes of it, one U+FFFD for each subpart.
 */
static size_t
invalid(struct pass *p, size_t a)
{
	uint32_t cp;
	size_t b = a + 1;

	while (b < p->n && p->s[b] >= 0x80 &&
	    decode(p->s + b, p->n - b, &cp) < 0)
		b++;
	g_string_truncate(buf.fffd, 0);
	utf8_append_valid(buf.fffd, (const char *)p->s + a, b - a);
	put_char(p, buf.fffd->str, buf.fffd->len, a, b, C_BOUNDARY | C_FAST,
	    false);
	p->changes++;
	return b;
}

/* The character at s[a..), which is not ASCII; returns its end. */
static size_t
other(struct pass *p, size_t a)
{
	uint32_t cp;
	int len = decode(p->s + a, p->n - a, &cp);
	size_t b, e;
	bool same = true;
	char buf[16];
	uint8_t cls;

	if (len < 0)
		return invalid(p, a);
	b = a + (size_t)len;
	if (nm.repair && (nm.cls[cp] & C_LEAD) && (e = repair(p, a, b, &cp)) > 0) {
		b = e;
		same = false;
		p->repaired = true;
		p->changes++;
	}
	cls = class_of(cp);
	if (cls & C_SPACE)
		white(p, a, b);
	else if (cls & C_DELETE)
		delete(p, a, b);
	else if (cls & C_FOLD) {
		const char *t = g_hash_table_lookup(nm.fold_to,
		    GUINT_TO_POINTER(cp));

		put_char(p, t, strlen(t), a, b, C_BOUNDARY | C_FAST, false);
	} else if (!nm.compose && cp >= 0xAC00 && cp <= 0xD7A3)
		put_char(p, buf, hangul_jamo(cp, buf), a, b,
		    C_BOUNDARY | C_FAST, false);
	else {
		if (cls & C_LEAD)
			p->lead = true;
		put_char(p, buf, (size_t)g_unichar_to_utf8(cp, buf), a, b, cls,
		    same);
	}
	return b;
}

/* The length of the fast character at s[j..), or 0. */
static inline size_t
fast_at(const struct pass *p, size_t j)
{
	uint32_t cp;
	int len;

	if (j >= p->n || p->s[j] < 0x80 ||
	    (len = decode(p->s + j, p->n - j, &cp)) < 0 ||
	    (class_of(cp) & nm.fast_mask) != (C_KNOWN | C_FAST))
		return 0;
	return (size_t)len;
}

/* Copy the run of fast characters at s[i..); returns where it ends. */
static size_t
fast(struct pass *p, size_t i)
{
	size_t j = i, last = i, len;

	for (;;) {
		while ((len = fast_at(p, j)) > 0) {
			last = j;
			j += len;
		}
		/* one space between two of them is copied too (Korean) */
		if (j > i && j < p->n && p->s[j] == ' ' &&
		    (len = fast_at(p, j + 1)) > 0) {
			last = j + 1;
			j += 1 + len;
			continue;
		}
		break;
	}
	if (j > i)
		copy(p, i, j, last);
	return j;
}

/* Rewrite s[0..n) into out; units, when not NULL, gets the units. */
static void
run_pass(struct pass *p, const char *s, size_t n, GString *out,
    GArray *units)
{
	size_t i = 0, k;

	memset(p, 0, sizeof *p);
	p->s = (const unsigned char *)s;
	p->n = n;
	p->out = out;
	p->units = units;
	g_string_truncate(out, 0);
	if (units != NULL)
		g_array_set_size(units, 0);
	while (i < n) {
		if ((k = utf8_ascii_prefix(s + i, n - i)) > 0) {
			ascii(p, i, i + k);
			i += k;
		} else if ((k = fast(p, i)) > i)
			i = k;
		else
			i = other(p, i);
	}
	flush(p);
	if (p->space)
		add_unit(p, p->space_in, n, out->len, out->len);
	/* a compatibility decomposition may end the text with a space */
	if (!nm.keep_space && out->len > 0 && out->str[out->len - 1] == ' ') {
		g_string_truncate(out, out->len - 1);
		for (size_t u = units ? units->len : 0; u-- > 0;) {
			struct unit *x = &g_array_index(units, struct unit, u);

			if (x->d <= out->len)
				break;
			x->d = out->len;
			x->c = MIN(x->c, out->len);
		}
	}
}

/* ---- annotation offsets ---- */

struct item {
	struct annot an;
	enum nf_field field;
};

/* The last unit with a <= x (or a < x when strict), or NULL. */
static const struct unit *
unit_at(const GArray *units, size_t x, bool strict)
{
	const struct unit *u = (const struct unit *)units->data;
	size_t lo = 0, hi = units->len;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (u[mid].a < x || (!strict && u[mid].a == x))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 ? &u[lo - 1] : NULL;
}

/* A START inside a unit moves to the start of what it became. */
static size_t
map_start(const GArray *units, size_t x)
{
	const struct unit *u = unit_at(units, x, false);

	if (u == NULL)
		return x;
	return x < u->b ? u->c : u->d + (x - u->b);
}

/* An END inside a unit moves to the end of what it became. */
static size_t
map_end(const GArray *units, size_t x)
{
	const struct unit *u = unit_at(units, x, true);

	if (u == NULL)
		return x;
	return x <= u->b ? u->d : u->d + (x - u->b);
}

static void
move_items(GArray *items, const GArray *units)
{
	for (guint i = 0; i < items->len; i++) {
		struct annot *an = &g_array_index(items, struct item, i).an;

		an->start = map_start(units, an->start);
		an->end = map_end(units, an->end);
	}
}

static void
read_items(const struct record *r, enum nf_field f, GArray *items)
{
	static const char *const names[] = {
		[NF_ENTITIES] = "entities", [NF_DATES] = "dates"
	};
	size_t pos = 0;
	struct nf_str s;
	struct item it;
	const char *msg;

	while (annot_next_item(r->f[f].s, r->f[f].len, &pos, &s)) {
		if ((msg = annot_parse(s, &it.an, r->f[NF_TEXT].len)) != NULL)
			record_die(r, "%s item '%.*s': %s", names[f],
			    (int)MIN(s.len, 80), s.s, msg);
		it.field = f;
		g_array_append_val(items, it);
	}
}

/* Rebuild field f from the moved items, on character boundaries. */
static void
write_items(struct record *r, enum nf_field f, const GArray *items,
    GString *to, const GString *text)
{
	g_string_truncate(to, 0);
	for (guint i = 0; i < items->len; i++) {
		const struct item *it = &g_array_index(items, struct item, i);
		size_t start = MIN(it->an.start, text->len);
		size_t end = MIN(it->an.end, text->len);

		if (it->field != f)
			continue;
		while (!utf8_is_boundary(text->str, text->len, start))
			start--;
		while (!utf8_is_boundary(text->str, text->len, end))
			end++;
		annot_append(to, it->an.type.s, it->an.type.len,
		    it->an.value.s, it->an.value.len, start, end);
	}
	r->f[f].s = to->str;
	r->f[f].len = to->len;
}

/* ---- records ---- */

/*
 * Clean field 5 into buf.text.  A repair, a removal or a composition can
 * bring characters together that make mojibake again, or repair one layer
 * of text encoded twice: the result goes through again until it stays.
 */
static void
clean(struct record *r)
{
	GArray *units = buf.items->len > 0 ? buf.units : NULL;
	struct pass p;

	run_pass(&p, r->f[NF_TEXT].s, r->f[NF_TEXT].len, buf.text, units);
	if (units != NULL)
		move_items(buf.items, units);
	for (int round = 0; round < 8 && nm.repair &&
	    (p.repaired || (p.lead && p.changes > 0)); round++) {
		GString *t = buf.tmp;

		buf.tmp = buf.text;
		buf.text = t;
		run_pass(&p, buf.tmp->str, buf.tmp->len, buf.text, units);
		if (units != NULL)
			move_items(buf.items, units);
	}
}

static void
normalize_record(struct record *r)
{
	g_array_set_size(buf.items, 0);
	read_items(r, NF_ENTITIES, buf.items);
	read_items(r, NF_DATES, buf.items);
	clean(r);
	r->f[NF_TEXT].s = buf.text->str;
	r->f[NF_TEXT].len = buf.text->len;
	if (r->f[NF_ENTITIES].len > 0)
		write_items(r, NF_ENTITIES, buf.items, buf.ents, buf.text);
	if (r->f[NF_DATES].len > 0)
		write_items(r, NF_DATES, buf.items, buf.dates, buf.text);
}

int
main(int argc, char **argv)
{
	struct record_reader *rd;
	struct record_writer w;
	struct record r;

	nf_options_parse(&argc, &argv, "[FILE...]", summary, entries);
	setup();
	buf.text = g_string_sized_new(4096);
	buf.tmp = g_string_sized_new(4096);
	buf.ents = g_string_new(NULL);
	buf.dates = g_string_new(NULL);
	buf.fffd = g_string_new(NULL);
	buf.folded = g_string_new(NULL);
	buf.units = g_array_new(FALSE, FALSE, sizeof(struct unit));
	buf.items = g_array_new(FALSE, FALSE, sizeof(struct item));

	rd = record_reader_open(argc - 1, argv + 1);
	record_writer_init(&w, stdout, "standard output", nf_line_buffered);
	while (record_read(rd, &r)) {
		normalize_record(&r);
		record_write(&w, &r);
	}
	record_reader_close(rd);
	record_writer_close(&w);

	g_string_free(buf.text, TRUE);
	g_string_free(buf.tmp, TRUE);
	g_string_free(buf.ents, TRUE);
	g_string_free(buf.dates, TRUE);
	g_string_free(buf.fffd, TRUE);
	g_string_free(buf.folded, TRUE);
	g_array_free(buf.units, TRUE);
	g_array_free(buf.items, TRUE);
	g_array_free(nm.backward, TRUE);
	g_hash_table_destroy(nm.byte_of_hi);
	g_hash_table_destroy(nm.fold_to);
	free(nm.cls);
	return NF_EXIT_OK;
}
