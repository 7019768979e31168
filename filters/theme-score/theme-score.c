/*
 * theme-score - what each record is about: field 5 scored against themes
 * that an analyst can read and change, written as field 8.
 *
 * A theme is a list of weighted terms (themes.tsv): words, phrases, words
 * ending in a '*' wildcard, and entities of field 6 (@ORG:Name).  The text
 * is folded once (lower case, no diacritics, no possessive 's, every run of
 * other characters one space) into words.  A word costs a bit test, and one
 * hash look-up if some key begins with a word of its hash; a phrase is
 * followed only while the table holds a key that begins with the words so
 * far.  Wildcards are keys "stem*", looked up only for the prefix lengths
 * that stems beginning with the word's first four (or three) bytes have.
 *
 * The hits of a record are reduced before they count: a hit inside the
 * span of a longer one, of any theme, is part of a larger expression and
 * dropped ("ballistic missile" is one piece of evidence, not three, and
 * "exclusive economic zone" none for the economy); of one theme's hits with
 * one span the heaviest stays (a name tagged and spelled out); then a term
 * counts once however often it occurs.  The score of a theme is 1 - 2^-S,
 * S the sum of the weights left: one term of weight 1 gives 0.50, and more
 * evidence approaches 1 without a long sentence winning by repetition.
 *
 * --doc scores documents: S is the sum of the records' S divided by the
 * square root of the number of records that are text, so that a long
 * article does not saturate every theme it mentions once.  Memory: one
 * record, and one title.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "annot.h"
#include "cli.h"
#include "err.h"
#include "lexicon.h"
#include "record.h"
#include "utf8.h"

NF_EMBED(themes_tsv, "filters/theme-score/themes.tsv")

static const char summary[] =
    "Score the text of each record against a set of themes (nuclear, "
    "missiles,\neconomy, ...) and write field 8 as THEME:SCORE items, "
    "highest first.";

static char *opt_min;
static char **opt_lexicons;
static gboolean opt_no_default, opt_explain, opt_doc;

static const GOptionEntry entries[] = {
	{ "min", 0, 0, G_OPTION_ARG_STRING, &opt_min,
	  "Leave out themes scoring under SCORE (default 0.10)", "SCORE" },
	{ "lexicon", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_lexicons,
	  "Also read the themes of FILE (may be repeated)", "FILE" },
	{ "no-default", 0, 0, G_OPTION_ARG_NONE, &opt_no_default,
	  "Do not read the built-in themes", NULL },
	{ "explain", 0, 0, G_OPTION_ARG_NONE, &opt_explain,
	  "Add a last field: the terms that hit, by theme", NULL },
	{ "doc", 0, 0, G_OPTION_ARG_NONE, &opt_doc,
	  "Write one record per document, scoring all of its text", NULL },
	{ NULL, 0, 0, 0, NULL, NULL, NULL }
};

#define MAX_WORDS	8	/* words in a phrase */
#define MIN_STEM	3	/* bytes before a '*' */
#define MAX_STEM	63	/* bit numbers of stem_lens */
#define MAX_WEIGHT	10.0
#define NAV_SEPS	2	/* Home > North Korea > Politics */
#define NAV_ITEM_WORDS	3
#define NAV_LABEL	3	/* words of "Read more:" */
#define MIN_WORDS	3	/* fewer: a menu item, a button, a label */

/* ---- hashing and the table of keys -------------------------------------- */

/*
 * A key's hash is made of its words' hashes, so that going from a phrase
 * to the phrase and one more word needs only the new word's hash, which
 * the text has ready: hash(w1 w2 w3) = then(then(word(w1), word(w2)),
 * word(w3)).  A word is hashed 8 bytes at a time, once, when it is folded.
 */
#define K1	0x9e3779b97f4a7c15ULL
#define K2	0xc2b2ae3d27d4eb4fULL

static inline uint64_t
mix(uint64_t h)			/* the finalizer of MurmurHash3 */
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	return h ^ (h >> 33);
}

static inline uint64_t
word_hash(const char *s, size_t n)
{
	uint64_t h = n * K1, c;
	uint32_t lo, hi;

	/* whole loads only, within s[0..n): the last 8 bytes overlap the
	 * block before them; a short word is two overlapping halves, or
	 * its first, middle and last bytes (n is in h) */
	if (n > 8) {
		for (size_t i = 0; i + 8 < n; i += 8) {
			memcpy(&c, s + i, 8);
			h = (h ^ c) * K2;
		}
		memcpy(&c, s + n - 8, 8);
	} else if (n == 8) {
		memcpy(&c, s, 8);
	} else if (n >= 4) {
		memcpy(&lo, s, 4);
		memcpy(&hi, s + n - 4, 4);
		c = (uint64_t)hi << 32 | lo;
	} else if (n > 0) {
		c = (uint64_t)(unsigned char)s[0] << 16 |
		    (uint64_t)(unsigned char)s[n >> 1] << 8 |
		    (unsigned char)s[n - 1];
	} else
		c = 0;
	return mix(h ^ c);
}

static inline uint64_t
then_hash(uint64_t phrase, uint64_t word)
{
	return mix(phrase * K1 ^ word);
}

/* The hash of a key: its words are separated by single spaces. */
static uint64_t
key_hash(const char *s, size_t n)
{
	const char *end = s + n, *sp;
	uint64_t h = 0;

	for (bool first = true;; first = false) {
		sp = memchr(s, ' ', (size_t)(end - s));
		if (sp == NULL)
			sp = end;
		h = first ? word_hash(s, (size_t)(sp - s)) :
		    then_hash(h, word_hash(s, (size_t)(sp - s)));
		if (sp == end)
			return h;
		s = sp + 1;
	}
}

/*
 * A key is a folded phrase, its words separated by one space, a wildcard
 * word written "stem*"; or an entity "@type:folded name".  Its terms are
 * the lexicon rows that end there; its flags say that longer keys go on
 * from it, with a word or with a stem.
 */
enum { NEXT_WORD = 1, NEXT_STEM = 2 };

struct entry {
	char *key;
	size_t len;
	uint64_t h;
	unsigned flags;
	uint32_t *terms;
	size_t nterms;
};

/* 8 bytes, so that the table of a big lexicon stays in the L1 cache. */
struct slot {
	uint32_t tag;		/* the high half of the hash */
	uint32_t idx;		/* into entries_v, plus 1; 0: empty */
};

static struct entry *entries_v;
static size_t nentries, centries;
static struct slot *slots;
static size_t slot_mask, max_key;
/* the first words of keys, by 16 bits of their hash */
static uint64_t first_bits[1024];
/*
 * The lengths of the stems a word may begin with: by a hash of a stem's
 * first 4 bytes, bit n for a stem of n >= 4 bytes; by a hash of its first
 * 3, one bit for a stem of 3 (rare: 4 bytes rule out more words).
 */
static uint64_t stem_lens[4096];
static uint64_t stem3_bits[4096 / 64];

#define BIT_GET(v, i)	((v)[((i) >> 6) & 1023] >> ((i) & 63) & 1)
#define BIT_SET(v, i)	((v)[((i) >> 6) & 1023] |= 1ULL << ((i) & 63))
#define FIRST_BIT(h)	((size_t)((h) >> 16) & 0xffff)
#define TAG(h)		((uint32_t)((h) >> 32))

static size_t
stem3(const char *s)
{
	return ((size_t)(unsigned char)s[0] * 961 +
	    (size_t)(unsigned char)s[1] * 31 + (unsigned char)s[2]) & 4095;
}

static size_t
stem4(const char *s)
{
	uint32_t x;

	memcpy(&x, s, 4);
	return (size_t)((x * 2654435761u) >> 20);	/* 12 bits */
}

/* Bit n set: a stem of n bytes may begin the word w of len bytes. */
static inline uint64_t
stem_candidates(const char *w, size_t len)
{
	uint64_t lens = 0;
	size_t k;

	if (len < MIN_STEM)
		return 0;
	if (len >= 4)
		lens = stem_lens[stem4(w)];
	k = stem3(w);
	lens |= (stem3_bits[k / 64] >> (k % 64) & 1) << 3;
	if (len < MAX_STEM)
		lens &= (2ULL << len) - 1;
	return lens;
}

static void
stem_add(const char *stem, size_t len)
{
	size_t k;

	if (len >= 4) {
		stem_lens[stem4(stem)] |= 1ULL << len;
		return;
	}
	k = stem3(stem);
	stem3_bits[k / 64] |= 1ULL << (k % 64);
}

/* Keys are short: a loop, 8 bytes at a time, beats a call to memcmp. */
static bool
same_bytes(const char *a, const char *b, size_t n)
{
	for (; n >= 8; a += 8, b += 8, n -= 8) {
		uint64_t x, y;

		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		if (x != y)
			return false;
	}
	while (n-- > 0)
		if (*a++ != *b++)
			return false;
	return true;
}

static struct entry *
table_get(uint64_t h, const char *key, size_t len)
{
	for (size_t i = (size_t)h & slot_mask;; i = (i + 1) & slot_mask) {
		struct entry *e;

		if (slots[i].idx == 0)
			return NULL;
		if (slots[i].tag != TAG(h))
			continue;
		e = &entries_v[slots[i].idx - 1];
		if (e->h == h && e->len == len && same_bytes(e->key, key, len))
			return e;
	}
}

static void
table_grow(void)
{
	size_t n = slot_mask ? 2 * (slot_mask + 1) : 1024;
	struct slot *v = g_new0(struct slot, n);

	for (size_t i = 0; slots != NULL && i <= slot_mask; i++) {
		size_t j;

		if (slots[i].idx == 0)
			continue;
		j = (size_t)entries_v[slots[i].idx - 1].h & (n - 1);
		while (v[j].idx != 0)
			j = (j + 1) & (n - 1);
		v[j] = slots[i];
	}
	g_free(slots);
	slots = v;
	slot_mask = n - 1;
}

/* The entry of key, made if new. */
static struct entry *
table_put(const char *key, size_t len)
{
	uint64_t h = key_hash(key, len);
	struct entry *e;
	size_t i;

	if (slots != NULL && (e = table_get(h, key, len)) != NULL)
		return e;
	if (slots == NULL || 2 * (nentries + 1) > slot_mask + 1)
		table_grow();	/* at most half full */
	if (nentries == centries) {
		centries = centries ? 2 * centries : 256;
		entries_v = nf_xrealloc(entries_v,
		    centries * sizeof *entries_v);
	}
	e = &entries_v[nentries++];
	*e = (struct entry){ g_strndup(key, len), len, h, 0, NULL, 0 };
	for (i = (size_t)h & slot_mask; slots[i].idx != 0;
	    i = (i + 1) & slot_mask)
		;
	slots[i] = (struct slot){ TAG(h), (uint32_t)nentries };
	if (len > max_key)
		max_key = len;
	return e;
}

/* ---- folding ------------------------------------------------------------ */

/*
 * Text and lexicon terms are folded alike into words: ASCII letters and
 * digits lower-cased, other letters lower-cased without their diacritics,
 * apostrophes inside words dropped (don't = dont) and a possessive 's or
 * s' dropped (Korea's = Korea), everything else a word boundary.  Phrases
 * do not run across sentence punctuation, commas, brackets, quotes or
 * dashes: the word after one is marked brk.
 */
struct tok {
	size_t off, len;	/* the folded word in fold.buf */
	size_t src, srcend;	/* the word in the text */
	uint64_t h;		/* hash of the folded word */
	bool brk;		/* a phrase cannot reach it from before */
	bool star;		/* '*' right after it (lexicon terms) */
};

struct folded {
	char *buf;		/* the words, one space between */
	size_t len, cap;
	struct tok *toks;
	size_t n, ntoks;
	bool nav;		/* a line of short items between separators */
};

enum cl {			/* byte classes, for what is not a word byte */
	CL_SPACE, CL_BREAK, CL_COLON, CL_COMMA, CL_DOT, CL_APOS, CL_SEP,
	CL_HASH, CL_HIGH
};

static unsigned char fold_ascii[256];	/* 0: not a word byte */
static unsigned char byte_class[256];

static void
init_classes(void)
{
	const char *brk = "!?()[]{}\"";

	for (int c = 0; c < 256; c++)
		byte_class[c] = c < 0x80 ? CL_SPACE : CL_HIGH;
	for (int c = '0'; c <= '9'; c++)
		fold_ascii[c] = (unsigned char)c;
	for (int c = 'a'; c <= 'z'; c++)
		fold_ascii[c] = fold_ascii[c - 'a' + 'A'] = (unsigned char)c;
	for (const char *p = brk; *p; p++)
		byte_class[(unsigned char)*p] = CL_BREAK;
	byte_class['.'] = CL_DOT;
	byte_class[':'] = CL_COLON;
	byte_class[','] = byte_class[';'] = CL_COMMA;
	byte_class['\''] = CL_APOS;
	byte_class['|'] = byte_class['>'] = CL_SEP;
	byte_class['#'] = CL_HASH;
}

/* What a character beyond ASCII is, when it is not a letter or digit. */
static enum cl
high_class(uint32_t cp)
{
	switch (cp) {
	case 0x2019: case 0x02BC:		/* ’ ʼ */
		return CL_APOS;
	case 0x00BB: case 0x2022: case 0x00B7: case 0x203A:
		return CL_SEP;			/* » • · › */
	case 0x2018: case 0x201C: case 0x201D: case 0x00AB: case 0x2013:
	case 0x2014: case 0x2026: case 0x3001: case 0x3002: case 0xFF0C:
	case 0xFF1A: case 0xFF1B: case 0xFF01: case 0xFF1F: case 0xFF08:
	case 0xFF09: case 0x300C: case 0x300D:
		return CL_BREAK;
	}
	return CL_SPACE;
}

struct fstate {
	bool in, brk;
	size_t start;		/* of the word in the folded text */
	/* furniture: items between separators, or a list after "Label:" */
	bool list;
	unsigned nsep, item_words, max_item;
};

static inline void
word_begin(struct folded *f, struct fstate *st, size_t src)
{
	struct tok *t;

	if (f->n == f->ntoks) {
		f->ntoks = f->ntoks ? 2 * f->ntoks : 64;
		f->toks = nf_xrealloc(f->toks, f->ntoks * sizeof *f->toks);
	}
	if (f->n > 0)
		f->buf[f->len++] = ' ';
	t = &f->toks[f->n];
	t->src = src;
	t->brk = st->brk;
	st->brk = false;
	st->in = true;
	st->start = f->len;
}

static inline void
word_end(struct folded *f, struct fstate *st, size_t srcend, const char *s,
    size_t n)
{
	struct tok *t = &f->toks[f->n++];

	t->off = st->start;
	t->len = f->len - st->start;
	t->srcend = srcend;
	t->h = word_hash(f->buf + t->off, t->len);
	t->star = srcend < n && s[srcend] == '*';
	st->in = false;
	st->item_words++;
}

static void
separator(struct fstate *st)
{
	st->nsep++;
	if (st->item_words > st->max_item)
		st->max_item = st->item_words;
	st->item_words = 0;
}

/* Does a letter or digit begin at s[j]? */
static bool
word_at(const char *s, size_t j, size_t n)
{
	uint32_t cp;

	if (j >= n)
		return false;
	if ((unsigned char)s[j] < 0x80)
		return fold_ascii[(unsigned char)s[j]] != 0;
	utf8_decode((const unsigned char *)s + j, n - j, &cp);
	return uc_is_alpha(cp) || uc_is_digit(cp);
}

/*
 * An apostrophe of k bytes at s[i] inside a word: how many bytes it takes,
 * and whether the word ends there.  's and s' end it; before a letter it
 * is dropped (don't, P'yongyang).
 */
static size_t
apostrophe(const char *s, size_t i, size_t k, size_t n, bool *ends)
{
	size_t j = i + k;

	if (j < n && (s[j] == 's' || s[j] == 'S') && !word_at(s, j + 1, n)) {
		*ends = true;
		return k + 1;
	}
	*ends = !word_at(s, j, n);
	return k;
}

/* A character beyond ASCII at s[i]; returns its length. */
static size_t
fold_high(struct folded *f, struct fstate *st, const char *s, size_t i,
    size_t n)
{
	uint32_t cp;
	size_t k = (size_t)utf8_decode((const unsigned char *)s + i, n - i,
	    &cp);
	bool ends;

	if (uc_is_alpha(cp) || uc_is_digit(cp)) {
		uint32_t fc = utf8_fold(cp);
		uint8_t *o;
		int m;

		if (fc == 0)		/* a combining mark that is alphabetic */
			return k;
		if (!st->in)
			word_begin(f, st, i);
		o = (uint8_t *)f->buf + f->len;
		m = u8_uctomb(o, fc, 6);
		f->len += (size_t)m;
		return k;
	}
	if (uc_combining_class(cp) != 0)	/* a decomposed accent */
		return k;
	switch (high_class(cp)) {
	case CL_APOS:
		if (!st->in)
			return k;
		k = apostrophe(s, i, k, n, &ends);
		if (ends)
			word_end(f, st, i, s, n);
		return k;
	case CL_SEP:
		separator(st);
		/* FALLTHROUGH */
	case CL_BREAK:
		st->brk = true;
		break;
	default:
		break;
	}
	if (st->in)
		word_end(f, st, i, s, n);
	return k;
}

/* Does s[0..n) end as a sentence does, in . ! ? or an ellipsis? */
static bool
ends_sentence(const char *s, size_t n)
{
	for (;;) {
		while (n > 0 && memchr(" \"')]", s[n - 1], 5) != NULL)
			n--;
		if (n >= 3 && memcmp(s + n - 3, "\xe2\x80", 2) == 0 &&
		    (s[n - 1] == '\x9d' || s[n - 1] == '\x99'))
			n -= 3;		/* ” ’ */
		else
			break;
	}
	return (n > 0 && memchr(".!?", s[n - 1], 3) != NULL) ||
	    (n >= 3 && (memcmp(s + n - 3, "\xe2\x80\xa6", 3) == 0 ||
	    memcmp(s + n - 3, "\xe3\x80\x82", 3) == 0));	/* … 。 */
}

/*
 * Furniture, not text: short items between separators (Home > North
 * Korea > Politics, #tags), or a label and a list (Read more: Politics,
 * Economy), not ending as a sentence does.
 */
static bool
is_furniture(const struct fstate *st, const char *s, size_t n)
{
	unsigned max = st->item_words > st->max_item ? st->item_words :
	    st->max_item;

	return max <= NAV_ITEM_WORDS &&
	    (st->nsep >= NAV_SEPS || (st->list && st->nsep >= 1)) &&
	    !ends_sentence(s, n);
}

/*
 * The ASCII letters and digits at s[i..n) folded to o, 8 bytes at a time
 * while there are 8 to read and to write (to end): a word of 8 bytes or
 * less costs no branch on its length.  Returns how many were folded.
 */
static inline size_t
fold_ascii8(const char *s, size_t i, size_t n, char *o, const char *end)
{
	size_t done = 0;

#ifdef UTF8_WORD8
	while (i + 8 <= n && o + 8 <= end) {
		struct word8 w;
		size_t len = utf8_word8(s + i, &w);

		memcpy(o, &w.folded, 8);	/* past len: overwritten */
		o += len;
		i += len;
		done += len;
		if (len < 8)
			break;
	}
#else
	(void)s, (void)i, (void)n, (void)o, (void)end;
#endif
	return done;
}

/*
 * Fold s[0..n) into f.  s[n] must be readable and no letter or digit (the
 * NUL after a field, the '@' after an entity's name): the hot loop stops
 * there without counting.
 */
static void
fold(struct folded *f, const char *s, size_t n)
{
	struct fstate st = { false, false, 0, false, 0, 0, 0 };
	size_t i = 0, k;
	bool ends;

	f->len = f->n = 0;
	if (f->cap < 2 * n + 8) {
		f->cap = 2 * n + 8;
		f->buf = nf_xrealloc(f->buf, f->cap);
	}
	while (i < n) {
		unsigned char c = (unsigned char)s[i], fc = fold_ascii[c];

		if (fc != 0) {		/* the hot loop: a run of a word */
			char *o;

			if (!st.in)
				word_begin(f, &st, i);
			o = f->buf + f->len;
			k = fold_ascii8(s, i, n, o, f->buf + f->cap);
			o += k;
			i += k;
			while ((fc = fold_ascii[(unsigned char)s[i]]) != 0) {
				*o++ = (char)fc;
				i++;
			}
			f->len = (size_t)(o - f->buf);
			continue;
		}
		switch (byte_class[c]) {
		case CL_HIGH:
			i += fold_high(f, &st, s, i, n);
			continue;
		case CL_APOS:
			if (!st.in)
				break;
			k = apostrophe(s, i, 1, n, &ends);
			if (ends)
				word_end(f, &st, i, s, n);
			i += k;
			continue;
		case CL_DOT:
			/* U.S. and N. Korea go on; "missiles. The" breaks */
			if (st.in && !(i + 1 < n &&
			    fold_ascii[(unsigned char)s[i + 1]] != 0) &&
			    f->len - st.start > 1)
				st.brk = true;
			break;
		case CL_HASH:
			if (i + 1 < n && g_ascii_isalpha(s[i + 1]))
				separator(&st);
			break;
		case CL_COLON:		/* after a label of a few words */
			if (st.in)
				word_end(f, &st, i, s, n);
			if (!st.list && st.nsep == 0 && f->n <= NAV_LABEL) {
				st.list = true;
				st.item_words = st.max_item = 0;
			}
			st.brk = true;
			i++;
			continue;
		case CL_COMMA:
			if (st.list)
				separator(&st);
			st.brk = true;
			break;
		case CL_SEP:
			separator(&st);
			/* FALLTHROUGH */
		case CL_BREAK:
			st.brk = true;
			break;
		}
		if (st.in)
			word_end(f, &st, i, s, n);
		i++;
	}
	if (st.in)
		word_end(f, &st, n, s, n);
	f->nav = is_furniture(&st, s, n);
}

/* ---- the themes --------------------------------------------------------- */

struct theme {
	char *name;
	size_t len;
};

struct term {
	char *text;		/* as written, for --explain */
	char *wtext;		/* the weight as written */
	double weight;		/* 0: switched off */
	uint32_t theme;
};

static struct theme *themes;
static size_t nthemes;
static struct term *terms;
static size_t nterms, cterms;
static GHashTable *theme_ids;	/* name -> id + 1 */

static char rowmsg[512];

static const char *
reject(const char *what, const char *value)
{
	snprintf(rowmsg, sizeof rowmsg, "%s: '%s'", what, value);
	return rowmsg;
}

static uint32_t
theme_id(const char *name)
{
	gpointer v = g_hash_table_lookup(theme_ids, name);

	if (v != NULL)
		return (uint32_t)(GPOINTER_TO_SIZE(v) - 1);
	themes = nf_xrealloc(themes, (nthemes + 1) * sizeof *themes);
	themes[nthemes] = (struct theme){ g_strdup(name), strlen(name) };
	g_hash_table_insert(theme_ids, themes[nthemes].name,
	    GSIZE_TO_POINTER(nthemes + 1));
	return (uint32_t)nthemes++;
}

/* A decimal number, digits with at most one '.', from 0 to hi. */
static bool
parse_number(const char *s, double hi, double *out)
{
	size_t digits = 0, dots = 0;

	for (const char *p = s; *p; p++)
		if (g_ascii_isdigit(*p))
			digits++;
		else if (*p == '.' && dots++ == 0)
			;
		else
			return false;
	if (digits == 0)
		return false;
	*out = g_ascii_strtod(s, NULL);
	return *out <= hi;
}

static bool
valid_theme(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (!g_ascii_isalnum(*s) && *s != '-' && *s != '_' && *s != '.')
			return false;
	return true;
}

static struct folded lexfold;	/* lexicon terms and entity names */
static GString *keybuf;

/* "@type:folded name" into keybuf, from type and name; false if none. */
static bool
entity_key(const char *type, size_t tlen, const char *name, size_t nlen)
{
	g_string_truncate(keybuf, 0);
	g_string_append_c(keybuf, '@');
	for (size_t i = 0; i < tlen; i++)
		g_string_append_c(keybuf, g_ascii_tolower(type[i]));
	g_string_append_c(keybuf, ':');
	fold(&lexfold, name, nlen);
	g_string_append_len(keybuf, lexfold.buf, (gssize)lexfold.len);
	return lexfold.n > 0;
}

static const char *
entity_term(const char *term)
{
	const char *colon = strchr(term, ':');

	if (colon == NULL || colon == term + 1)
		return reject("an entity term is @TYPE:NAME", term);
	for (const char *p = term + 1; p < colon; p++)
		if (!g_ascii_isalpha(*p))
			return reject("an entity TYPE is letters", term);
	if (strchr(term, '*') != NULL)
		return reject("an entity term takes no '*'", term);
	if (!entity_key(term + 1, (size_t)(colon - term - 1), colon + 1,
	    strlen(colon + 1)))
		return reject("an entity term needs a NAME", term);
	return NULL;
}

/*
 * The key of a word or phrase term into keybuf, and the entries of its
 * leading words flagged so that matching goes on from them.
 */
static const char *
phrase_term(const char *term)
{
	size_t stars = 0;

	for (const char *p = term; *p; p++)
		stars += *p == '*';
	fold(&lexfold, term, strlen(term));
	if (lexfold.n == 0)
		return reject("a term needs a word", term);
	if (lexfold.n > MAX_WORDS)
		return reject("a term has at most 8 words", term);
	g_string_truncate(keybuf, 0);
	for (size_t i = 0; i < lexfold.n; i++) {
		const struct tok *t = &lexfold.toks[i];

		if (i > 0 && t->brk)
			return reject("a phrase cannot hold punctuation that "
			    "ends a phrase", term);
		if (i > 0) {
			struct entry *e = table_put(keybuf->str, keybuf->len);

			e->flags |= t->star ? NEXT_STEM : NEXT_WORD;
			g_string_append_c(keybuf, ' ');
		}
		g_string_append_len(keybuf, lexfold.buf + t->off,
		    (gssize)t->len);
		if (t->star && word_at(term, t->srcend + 1, strlen(term)))
			return reject("'*' must end a word", term);
		if (t->star) {
			if (t->len < MIN_STEM || t->len > MAX_STEM)
				return reject("a wildcard stem has 3 to 63 "
				    "bytes", term);
			g_string_append_c(keybuf, '*');
			stem_add(lexfold.buf + t->off, t->len);
			stars--;
		}
	}
	if (stars != 0)
		return reject("'*' must end a word", term);
	return NULL;
}

static const char *
theme_row(void *ctx, char **cols, int ncols)
{
	const char *msg, *term;
	struct entry *e;
	uint32_t th;
	double w;

	(void)ctx;
	if (ncols != 3)
		return "expected 3 columns: theme, weight, term";
	if (!valid_theme(cols[0]))
		return reject("a theme name is letters, digits, '-', '_' or "
		    "'.'", cols[0]);
	if (!parse_number(cols[1], MAX_WEIGHT, &w))
		return reject("a weight is a number from 0 to 10", cols[1]);
	term = cols[2];
	while (*term == ' ')
		term++;
	for (const char *p = term; *p; p++)
		if (*p == ';' || *p == ',' || *p == '=' ||
		    (unsigned char)*p < ' ')
			return reject("a term cannot hold ';', ',', '=' or "
			    "control characters", term);
	msg = term[0] == '@' ? entity_term(term) : phrase_term(term);
	if (msg != NULL)
		return msg;
	e = table_put(keybuf->str, keybuf->len);
	if (term[0] != '@' && !lexfold.toks[0].star)
		BIT_SET(first_bits, FIRST_BIT(lexfold.toks[0].h));
	th = theme_id(cols[0]);
	for (size_t i = 0; i < e->nterms; i++)	/* listed again: replace */
		if (terms[e->terms[i]].theme == th) {
			struct term *t = &terms[e->terms[i]];

			g_free(t->text);
			g_free(t->wtext);
			t->text = g_strdup(term);
			t->wtext = g_strdup(cols[1]);
			t->weight = w;
			return NULL;
		}
	if (nterms == cterms) {
		cterms = cterms ? 2 * cterms : 1024;
		terms = nf_xrealloc(terms, cterms * sizeof *terms);
	}
	terms[nterms] = (struct term){ g_strdup(term), g_strdup(cols[1]), w,
	    th };
	e->terms = nf_xrealloc(e->terms, (e->nterms + 1) * sizeof *e->terms);
	e->terms[e->nterms++] = (uint32_t)nterms++;
	return NULL;
}

static void
load_themes(void)
{
	theme_ids = g_hash_table_new(g_str_hash, g_str_equal);
	keybuf = g_string_new(NULL);
	if (!opt_no_default)
		lexicon_load_data("themes.tsv", themes_tsv, themes_tsv_len(),
		    theme_row, NULL);
	for (char **p = opt_lexicons; p != NULL && *p != NULL; p++)
		lexicon_load_file(*p, theme_row, NULL);
}

/* ---- matching ----------------------------------------------------------- */

struct hit {
	uint32_t term;
	size_t start, end;	/* its span in the text */
};

static struct folded text;
static struct hit *hits;
static size_t nhits, chits;
static char *scratch;		/* keys with a stem, one per phrase depth */
static bool entity_terms;	/* some key is an entity */

static void
add_hits(const struct entry *e, size_t start, size_t end)
{
	for (size_t i = 0; i < e->nterms; i++) {
		if (nhits == chits) {
			chits = chits ? 2 * chits : 64;
			hits = nf_xrealloc(hits, chits * sizeof *hits);
		}
		hits[nhits++] = (struct hit){ e->terms[i], start, end };
	}
}

static void follow(const struct entry *, size_t, size_t, size_t);

/*
 * The keys key[0..blen) + a prefix of the word t + '*', for the prefix
 * lengths that stems have; base is the entry of key[0..blen - 1), or NULL
 * when blen is 0.  The phrase so far is tokens first..last, depth words.
 */
static void
try_stems(const struct entry *base, char *key, size_t blen,
    const struct tok *t, size_t first, size_t last, size_t depth)
{
	const char *w = text.buf + t->off;
	const struct entry *e;
	uint64_t lens, h;

	lens = stem_candidates(w, t->len);
	while (lens != 0) {
		size_t n = (size_t)__builtin_ctzll(lens);

		lens &= lens - 1;
		if (blen + n + 1 > max_key)
			return;
		memcpy(key + blen, w, n);
		key[blen + n] = '*';
		h = word_hash(key + blen, n + 1);
		if (base != NULL)
			h = then_hash(base->h, h);
		e = table_get(h, key, blen + n + 1);
		if (e != NULL)
			follow(e, first, last, depth);
	}
}

/* The entry of key e + ' ' + the word t, if any. */
static const struct entry *
next_word(const struct entry *e, const struct tok *t)
{
	const char *w = text.buf + t->off;
	uint64_t h = then_hash(e->h, t->h);
	size_t len = e->len + 1 + t->len;

	for (size_t i = (size_t)h & slot_mask;; i = (i + 1) & slot_mask) {
		const struct entry *n;

		if (slots[i].idx == 0)
			return NULL;
		if (slots[i].tag != TAG(h))
			continue;
		n = &entries_v[slots[i].idx - 1];
		if (n->h == h && n->len == len &&
		    same_bytes(n->key, e->key, e->len) &&
		    n->key[e->len] == ' ' &&
		    same_bytes(n->key + e->len + 1, w, t->len))
			return n;
	}
}

/* Key e matched tokens first..last (depth words): count it, go on. */
static void
follow(const struct entry *e, size_t first, size_t last, size_t depth)
{
	const struct tok *t;
	const struct entry *n;
	char *key;

	add_hits(e, text.toks[first].src, text.toks[last].srcend);
	if (e->flags == 0 || last + 1 >= text.n || depth >= MAX_WORDS ||
	    text.toks[last + 1].brk)
		return;
	t = &text.toks[last + 1];
	if ((e->flags & NEXT_WORD) && (n = next_word(e, t)) != NULL)
		follow(n, first, last + 1, depth + 1);
	if (e->flags & NEXT_STEM) {
		key = scratch + depth * (max_key + 2);
		memcpy(key, e->key, e->len);
		key[e->len] = ' ';
		try_stems(e, key, e->len + 1, t, first, last + 1, depth + 1);
	}
}

/* The hot loop: one filtered look-up per word, phrases from there. */
static void
match_text(void)
{
	for (size_t i = 0; i < text.n; i++) {
		const struct tok *t = &text.toks[i];
		const char *w = text.buf + t->off;
		const struct entry *e;

		if (BIT_GET(first_bits, FIRST_BIT(t->h)) &&
		    t->len <= max_key &&
		    (e = table_get(t->h, w, t->len)) != NULL)
			follow(e, i, i, 1);
		if (stem_candidates(w, t->len) != 0)
			try_stems(NULL, scratch, 0, t, i, i, 1);
	}
}

/*
 * Field 6 names the same people and places again and again: the entry of
 * an item's TYPE:NAME (NULL for none) is kept in a small cache, so that a
 * name is folded and looked up once per run of mentions, not each time.
 */
#define ECACHE	1024
static struct ecache {
	char *span;		/* TYPE:NAME as in field 6 (owned) */
	size_t len, cap;
	const struct entry *e;
} ecache[ECACHE];

static const struct entry *
entity_entry(const struct annot *a)
{
	const char *s = a->type.s;	/* TYPE:NAME are contiguous */
	size_t len = (size_t)(a->value.s + a->value.len - s);
	struct ecache *c = &ecache[word_hash(s, len) & (ECACHE - 1)];

	if (c->span != NULL && c->len == len && memcmp(c->span, s, len) == 0)
		return c->e;
	c->e = NULL;
	if (entity_key(a->type.s, a->type.len, a->value.s, a->value.len))
		c->e = table_get(key_hash(keybuf->str, keybuf->len),
		    keybuf->str, keybuf->len);
	if (c->cap < len + 1) {
		c->cap = len + 1 > 64 ? len + 1 : 64;
		c->span = nf_xrealloc(c->span, c->cap);
	}
	memcpy(c->span, s, len);
	c->len = len;
	return c->e;
}

/* Field 6: every item checked, the entities of the lexicon counted. */
static void
match_entities(const struct record *r, GString *title_ents, size_t base,
    bool furniture)
{
	const struct nf_str *f = &r->f[NF_ENTITIES];
	struct nf_str item;
	struct annot a;
	const struct entry *e;
	const char *msg;
	size_t pos = 0;

	while (annot_next_item(f->s, f->len, &pos, &item)) {
		if ((msg = annot_parse(item, &a, r->f[NF_TEXT].len)) != NULL)
			record_die(r, "field 6: %s: '%.*s'", msg,
			    (int)item.len, item.s);
		if (title_ents != NULL)
			annot_append(title_ents, a.type.s, a.type.len,
			    a.value.s, a.value.len, a.start + base,
			    a.end + base);
		if (!entity_terms || furniture)
			continue;
		if ((e = entity_entry(&a)) != NULL)
			add_hits(e, a.start, a.end);
	}
}

/* ---- scoring ------------------------------------------------------------ */

/* qsort, or an insertion sort for the few items of most records. */
static void
sort(void *base, size_t n, size_t size, int (*cmp)(const void *,
    const void *))
{
	char *v = base, tmp[64];

	if (n > 16 || size > sizeof tmp) {
		qsort(base, n, size, cmp);
		return;
	}
	for (size_t i = 1; i < n; i++) {
		size_t j = i;

		memcpy(tmp, v + i * size, size);
		for (; j > 0 && cmp(v + (j - 1) * size, tmp) > 0; j--)
			memcpy(v + j * size, v + (j - 1) * size, size);
		memcpy(v + j * size, tmp, size);
	}
}

static double *sum;		/* S of each theme: this record */
static uint32_t *touched;	/* the themes with sum > 0 */
static size_t ntouched;
static uint64_t *term_seen, stamp;
/* --explain: the terms that counted, and in how many records */
static uint32_t *ex_terms, *ex_count;
static size_t nex;

/* By start, longest first; for one span by theme, heaviest first. */
static int
hit_order(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;
	const struct term *tx = &terms[x->term], *ty = &terms[y->term];

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	if (tx->theme != ty->theme)
		return tx->theme < ty->theme ? -1 : 1;
	if (tx->weight != ty->weight)
		return tx->weight > ty->weight ? -1 : 1;
	return (x->term > y->term) - (x->term < y->term);
}

/*
 * Sum the weights of the hits by theme.  A hit inside a longer one, of
 * any theme, is part of a bigger expression and dropped ("exclusive
 * economic zone" is no evidence of the economy, "Workers' Party" none of
 * labour); so is one with the span of a heavier hit of its theme (a name
 * tagged and spelled out).  Then a term counts once.  Terms of weight 0
 * count nothing but still hide what is inside them.
 */
static void
score_hits(void)
{
	size_t max_start = 0, max_end = 0;
	const struct hit *prev = NULL;

	stamp++;
	sort(hits, nhits, sizeof *hits, hit_order);
	for (size_t i = 0; i < nhits; i++) {
		const struct hit *h = &hits[i];
		const struct term *t = &terms[h->term];
		uint32_t theme = t->theme;

		if (prev != NULL && (h->end < max_end ||
		    (h->end == max_end && h->start > max_start)))
			continue;	/* inside a longer hit */
		if (prev != NULL && prev->start == h->start &&
		    prev->end == h->end && terms[prev->term].theme == theme)
			continue;	/* a lighter one of the same span */
		if (prev == NULL || h->end > max_end) {
			max_start = h->start;
			max_end = h->end;
		}
		prev = h;
		if (t->weight == 0 || term_seen[h->term] == stamp)
			continue;
		term_seen[h->term] = stamp;
		if (sum[theme] == 0)
			touched[ntouched++] = theme;
		sum[theme] += t->weight;
		if (opt_explain && ex_count[h->term]++ == 0)
			ex_terms[nex++] = h->term;
	}
	nhits = 0;
}

/*
 * Match and sum record r; title_ents, in --doc, takes a title's items.
 * Menu items, buttons and lines of links are no text to score: false.
 */
static bool
score_record(const struct record *r, GString *title_ents, size_t base)
{
	bool furniture;

	fold(&text, r->f[NF_TEXT].s, r->f[NF_TEXT].len);
	furniture = text.nav || text.n < MIN_WORDS;
	match_entities(r, title_ents, base, furniture);
	if (!furniture)
		match_text();
	score_hits();
	return !furniture;
}

/*
 * 2^-s for s >= 0, and the square root of n >= 1: the build links no
 * libm, and these two need no more than a few multiplications.
 * 2^-s = 2^-k e^-y, k the integer part of s and y < ln 2 the rest; e^-y
 * is its series to the 13th term (0.7^14 / 14! < 1e-11), by Horner.
 */
#define SERIES	14
static double inv_fact[SERIES];	/* 1/i! */

static void
init_series(void)
{
	inv_fact[0] = 1;
	for (int i = 1; i < SERIES; i++)
		inv_fact[i] = inv_fact[i - 1] / i;
}

static double
pow2_neg(double s)
{
	const double ln2 = 0.69314718055994530942;
	double y, r = inv_fact[SERIES - 1];
	int k;

	if (s >= 60)
		return 0;
	k = (int)s;
	y = (s - k) * ln2;
	for (int i = SERIES - 2; i >= 0; i--)
		r = r * -y + inv_fact[i];
	return r / (double)(1ULL << k);
}

static double
square_root(double n)
{
	double x = n > 1 ? n / 2 : 1;

	for (int i = 0; i < 64; i++)
		x = (x + n / x) / 2;
	return x;
}

/* ---- output ------------------------------------------------------------- */

struct ranked {
	uint32_t theme;
	int pct;		/* the score, rounded, in hundredths */
};

static struct ranked *ranked;
static uint32_t *rank_of;	/* theme -> position in ranked */
static int min_pct = 10;
static GString *themes_out, *explain_out;

static int
rank_order(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->pct != y->pct)
		return y->pct - x->pct;
	return strcmp(themes[x->theme].name, themes[y->theme].name);
}

static int
ex_order(const void *a, const void *b)
{
	const struct term *x = &terms[*(const uint32_t *)a];
	const struct term *y = &terms[*(const uint32_t *)b];

	if (x->theme != y->theme)
		return rank_of[x->theme] < rank_of[y->theme] ? -1 : 1;
	if (x->weight != y->weight)
		return x->weight > y->weight ? -1 : 1;
	return strcmp(x->text, y->text);
}

static void
append_score(GString *s, const struct ranked *rk)
{
	size_t old = s->len, len = themes[rk->theme].len;
	char *o;

	/* one resize, then plain stores: this runs for every item */
	g_string_set_size(s, old + len + 5);
	o = s->str + old;
	memcpy(o, themes[rk->theme].name, len);
	o += len;
	o[0] = ':';
	o[1] = (char)('0' + rk->pct / 100);
	o[2] = '.';
	o[3] = (char)('0' + rk->pct / 10 % 10);
	o[4] = (char)('0' + rk->pct % 10);
}

/*
 * The explanation: "theme:score term=weight, ...; theme:score ...", every
 * theme that had a hit (also under --min), in the order of field 8;
 * in --doc each term=weight is followed by xN, the records it counted in.
 */
static void
explain(void)
{
	uint32_t theme = UINT32_MAX;

	g_string_truncate(explain_out, 0);
	qsort(ex_terms, nex, sizeof *ex_terms, ex_order);
	for (size_t i = 0; i < nex; i++) {
		const struct term *t = &terms[ex_terms[i]];

		if (t->theme != theme) {
			theme = t->theme;
			if (explain_out->len > 0)
				g_string_append(explain_out, "; ");
			append_score(explain_out, &ranked[rank_of[theme]]);
			g_string_append_c(explain_out, ' ');
		} else
			g_string_append(explain_out, ", ");
		g_string_append_printf(explain_out, "%s=%s", t->text,
		    t->wtext);
		if (opt_doc)
			g_string_append_printf(explain_out, "x%u",
			    ex_count[ex_terms[i]]);
		ex_count[ex_terms[i]] = 0;
	}
	nex = 0;
}

/*
 * The score of S in hundredths, rounded.  The sums of a few weights recur
 * all the time, so the latest results are kept, by the bits of S: the
 * same S always gives the same score, cached or not.
 */
#define PCT_CACHE	256
static int
score_pct(double s)
{
	static struct {
		uint64_t bits;
		int pct1;	/* the score + 1; 0: empty */
	} cache[PCT_CACHE];
	uint64_t bits, h;
	double score;

	memcpy(&bits, &s, sizeof bits);
	h = mix(bits) & (PCT_CACHE - 1);
	if (cache[h].pct1 > 0 && cache[h].bits == bits)
		return cache[h].pct1 - 1;
	score = 1 - pow2_neg(s);
	cache[h].bits = bits;
	cache[h].pct1 = (int)(score * 100 + 0.5) + 1;
	return cache[h].pct1 - 1;
}

/*
 * Field 8 (and the explanation) from the sums of the themes in tl, each
 * divided by div; the sums are reset.
 */
static void
rank(double *sums, const uint32_t *tl, size_t n, double div)
{
	size_t i;

	for (i = 0; i < n; i++) {
		ranked[i] = (struct ranked){ tl[i], score_pct(sums[tl[i]] / div) };
		sums[tl[i]] = 0;
	}
	sort(ranked, n, sizeof *ranked, rank_order);
	g_string_truncate(themes_out, 0);
	for (i = 0; i < n; i++) {
		rank_of[ranked[i].theme] = (uint32_t)i;
		if (ranked[i].pct < min_pct)
			continue;
		if (themes_out->len > 0)
			g_string_append_c(themes_out, ';');
		append_score(themes_out, &ranked[i]);
	}
	if (opt_explain)
		explain();
}

static struct record_writer out;

static void
write_record(struct record *r)
{
	r->f[NF_THEMES].s = themes_out->str;
	r->f[NF_THEMES].len = themes_out->len;
	if (opt_explain)
		record_write_add(&out, r, explain_out->str, explain_out->len);
	else
		record_write(&out, r);
}

/* ---- documents ---------------------------------------------------------- */

static struct {
	struct record *first;	/* a copy: doc id, date, user fields */
	GString *title, *ents, *dates;
	double *sum;
	uint32_t *touched;
	size_t ntouched;
	size_t ntext;		/* records that are text, not furniture */
} doc;

/* Field 7 of a title record, checked, its offsets moved by base. */
static void
title_dates(const struct record *r, size_t base)
{
	const struct nf_str *f = &r->f[NF_DATES];
	struct nf_str item;
	struct annot a;
	const char *msg;
	size_t pos = 0;

	while (annot_next_item(f->s, f->len, &pos, &item)) {
		if ((msg = annot_parse(item, &a, r->f[NF_TEXT].len)) != NULL)
			record_die(r, "field 7: %s: '%.*s'", msg,
			    (int)item.len, item.s);
		annot_append(doc.dates, a.type.s, a.type.len, a.value.s,
		    a.value.len, a.start + base, a.end + base);
	}
}

static void
doc_add(const struct record *r)
{
	size_t base = 0;
	bool title = r->para == 0;

	if (doc.first == NULL)
		doc.first = record_clone(r);
	if (title) {
		if (doc.title->len > 0)
			g_string_append_c(doc.title, ' ');
		base = doc.title->len;
		g_string_append_len(doc.title, r->f[NF_TEXT].s,
		    (gssize)r->f[NF_TEXT].len);
		title_dates(r, base);
	}
	doc.ntext += score_record(r, title ? doc.ents : NULL, base);
	for (size_t i = 0; i < ntouched; i++) {
		uint32_t th = touched[i];

		if (doc.sum[th] == 0)
			doc.touched[doc.ntouched++] = th;
		doc.sum[th] += sum[th];
		sum[th] = 0;
	}
	ntouched = 0;
}

static void
doc_flush(void)
{
	struct record r;

	if (doc.first == NULL)
		return;
	rank(doc.sum, doc.touched, doc.ntouched,
	    square_root(doc.ntext > 1 ? (double)doc.ntext : 1));
	r = *doc.first;
	r.para = r.sent = 0;
	r.f[NF_TEXT] = (struct nf_str){ doc.title->str, doc.title->len };
	r.f[NF_ENTITIES] = (struct nf_str){ doc.ents->str, doc.ents->len };
	r.f[NF_DATES] = (struct nf_str){ doc.dates->str, doc.dates->len };
	write_record(&r);
	free(doc.first);
	doc.first = NULL;
	g_string_truncate(doc.title, 0);
	g_string_truncate(doc.ents, 0);
	g_string_truncate(doc.dates, 0);
	doc.ntouched = doc.ntext = 0;
}

static bool
same_doc(const struct record *a, const struct record *b)
{
	return a->f[NF_DOC].len == b->f[NF_DOC].len &&
	    memcmp(a->f[NF_DOC].s, b->f[NF_DOC].s, a->f[NF_DOC].len) == 0;
}

/* ---- main --------------------------------------------------------------- */

static void
parse_min(void)
{
	double m;

	if (opt_min == NULL)
		return;
	if (!parse_number(opt_min, 1.0, &m))
		nf_usage_error("--min: not a score from 0 to 1: '%s'",
		    opt_min);
	/* a theme is kept when its score as written is at least m */
	m = m * 100 - 1e-9;
	min_pct = (int)m + ((int)m < m);
}

static void
setup(void)
{
	sum = g_new0(double, nthemes + 1);
	touched = g_new(uint32_t, nthemes + 1);
	ranked = g_new(struct ranked, nthemes + 1);
	rank_of = g_new(uint32_t, nthemes + 1);
	term_seen = g_new0(uint64_t, nterms + 1);
	ex_terms = g_new(uint32_t, nterms + 1);
	ex_count = g_new0(uint32_t, nterms + 1);
	scratch = nf_xmalloc(MAX_WORDS * (max_key + 2));
	themes_out = g_string_new(NULL);
	explain_out = g_string_new(NULL);
	for (size_t i = 0; i < nentries; i++)
		entity_terms |= entries_v[i].key[0] == '@';
	if (opt_doc) {
		doc.sum = g_new0(double, nthemes + 1);
		doc.touched = g_new(uint32_t, nthemes + 1);
		doc.title = g_string_new(NULL);
		doc.ents = g_string_new(NULL);
		doc.dates = g_string_new(NULL);
	}
}

/* Everything, so that leak checkers see a clean exit. */
static void
cleanup(void)
{
	for (size_t i = 0; i < nentries; i++) {
		g_free(entries_v[i].key);
		free(entries_v[i].terms);
	}
	for (size_t i = 0; i < nterms; i++) {
		g_free(terms[i].text);
		g_free(terms[i].wtext);
	}
	for (size_t i = 0; i < nthemes; i++)
		g_free(themes[i].name);
	free(entries_v);
	free(terms);
	free(themes);
	g_free(slots);
	g_hash_table_destroy(theme_ids);
	g_string_free(keybuf, TRUE);
	for (size_t i = 0; i < ECACHE; i++)
		free(ecache[i].span);
	free(lexfold.buf);
	free(lexfold.toks);
	free(text.buf);
	free(text.toks);
	free(hits);
	free(scratch);
	g_free(sum);
	g_free(touched);
	g_free(ranked);
	g_free(rank_of);
	g_free(term_seen);
	g_free(ex_terms);
	g_free(ex_count);
	g_string_free(themes_out, TRUE);
	g_string_free(explain_out, TRUE);
	if (opt_doc) {
		g_free(doc.sum);
		g_free(doc.touched);
		g_string_free(doc.title, TRUE);
		g_string_free(doc.ents, TRUE);
		g_string_free(doc.dates, TRUE);
	}
	g_strfreev(opt_lexicons);
	g_free(opt_min);
}

/* One record in: scored and written, or held for its document (--doc). */
static void
theme_record(struct record *r)
{
	if (opt_doc) {
		if (doc.first != NULL && !same_doc(doc.first, r))
			doc_flush();
		doc_add(r);
		return;
	}
	score_record(r, NULL, 0);
	rank(sum, touched, ntouched, 1.0);
	ntouched = 0;
	write_record(r);
}

int
main(int argc, char **argv)
{
	struct record_reader *rd;
	struct record r;

	nf_options_parse(&argc, &argv, "[FILE...]", summary, entries);
	parse_min();
	if (opt_no_default && opt_lexicons == NULL)
		nf_usage_error("--no-default needs --lexicon FILE");
	init_classes();
	init_series();
	load_themes();
	setup();
	record_writer_init(&out, stdout, "standard output", nf_line_buffered);
	rd = record_reader_open(argc - 1, argv + 1);
	while (record_read(rd, &r)) {
		theme_record(&r);
	}
	doc_flush();
	record_reader_close(rd);
	record_writer_close(&out);
	cleanup();
	return NF_EXIT_OK;
}
