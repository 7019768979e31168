/*
 * entity-tag - find the people, organizations and places in field 5.
 *
 * Field 6 becomes the list of TYPE:NAME@START-END items (PER, ORG, LOC;
 * NAME canonical; byte offsets into field 5) in text order, never
 * overlapping; items already there are replaced.  One record out per record
 * in, every other field unchanged (doc/record-format.md).
 *
 * How a name is found, in order:
 *  1. the lexicons (lexicon.tsv, places.tsv, --lexicon FILE): the longest
 *     run of words whose matching key is a variant.  The key of a run is its
 *     words folded to lowercase ASCII (ŏ -> o), without apostrophes, and
 *     concatenated without spaces or hyphens, so Kim Jong-un, Kim Jong Un
 *     and KIM JONG UN are one key.  Every prefix of a variant that ends at a
 *     word is in the table too: matching stops at the first word that
 *     continues no variant.  nonentities.tsv holds phrases that block a
 *     guess (North Korean, Monday);
 *  2. the other runs of capitalized words, classified by their words and
 *     their neighbours (cues.tsv: titles, organization and place head
 *     words, "in" before a place, ...), by the first-name list, by what the
 *     document said before (a bare surname is the person of that surname
 *     mentioned most so far), and by the common-word list that keeps
 *     sentence-initial words and headline case out.
 * All the word lists are TSV files beside this one, compiled in.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>

#include "annot.h"
#include "cli.h"
#include "err.h"
#include "lexicon.h"
#include "record.h"
#include "utf8.h"

static const char summary[] =
    "Find the people, organizations and places named in the text (field 5)\n"
    "and write them to field 6 as TYPE:NAME@START-END items: TYPE is PER, "
    "ORG or\nLOC, NAME the canonical name, START-END byte offsets.  Items "
    "already in\nfield 6 are replaced.";

static char **opt_lexicons;
static gboolean opt_no_default;

static const GOptionEntry entries[] = {
	{ "lexicon", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_lexicons,
	  "Add the names of FILE (TSV: type, canonical name, variants); "
	  "may be repeated", "FILE" },
	{ "no-default", 0, 0, G_OPTION_ARG_NONE, &opt_no_default,
	  "Leave out the built-in lexicon and place names", NULL },
	{ NULL, 0, 0, 0, NULL, NULL, NULL }
};

NF_EMBED(lexicon_tsv, "filters/entity-tag/lexicon.tsv")
NF_EMBED(places_tsv, "filters/entity-tag/places.tsv")
NF_EMBED(nonent_tsv, "filters/entity-tag/nonentities.tsv")
NF_EMBED(cues_tsv, "filters/entity-tag/cues.tsv")
NF_EMBED(firstnames_tsv, "filters/entity-tag/first-names.tsv")
NF_EMBED(common_tsv, "filters/entity-tag/common-words.tsv")

#define MAXSPAN		12	/* words in a lexicon variant */
#define MAXMEMORY	512	/* names remembered in one document */

enum type { T_NONE, T_PER, T_ORG, T_LOC };
static const char *const type_name[] = { "NONE", "PER", "ORG", "LOC" };

/* What a key is: a lexicon entry, a prefix of one, a cue word. */
enum {
	F_ENT = 1 << 0,		/* a variant: type and canonical name */
	F_PREFIX = 1 << 1,	/* a longer variant starts with this key */
	F_ACRO = 1 << 2,	/* every variant is in capitals: match so */
	F_TITLE = 1 << 3,
	F_ORGHEAD = 1 << 4,
	F_LOCHEAD = 1 << 5,
	F_LOCPRE = 1 << 6,
	F_LOCPREP = 1 << 7,
	F_REPORT = 1 << 8,
	F_PERAFTER = 1 << 9,
	F_STOP = 1 << 10,
	F_CONNECTOR = 1 << 11,
	F_ORDINAL = 1 << 12,
	F_ABBREV = 1 << 13,
	F_KORSUFFIX = 1 << 14,
	F_HYPHOK = 1 << 15,
	F_SURNAME = 1 << 16,
	F_ORGTAIL = 1 << 17,
	F_POSSOK = 1 << 18,	/* a prefix that a variant continues after
				   a possessive (Workers' Party) */
	F_LOWEREND = 1 << 19,	/* a variant ends with a lowercase word
				   (Korean peninsula) */
	F_ORGSUFFIX = 1 << 20,
	F_EVENT = 1 << 21
};

static const struct {
	const char *name;
	uint32_t flag;
} cue_kinds[] = {
	{ "title", F_TITLE }, { "orghead", F_ORGHEAD },
	{ "lochead", F_LOCHEAD }, { "locpre", F_LOCPRE },
	{ "locprep", F_LOCPREP }, { "report", F_REPORT },
	{ "perafter", F_PERAFTER }, { "stop", F_STOP },
	{ "connector", F_CONNECTOR }, { "ordinal", F_ORDINAL },
	{ "abbrev", F_ABBREV }, { "korsuffix", F_KORSUFFIX },
	{ "hyphok", F_HYPHOK }, { "surname", F_SURNAME },
	{ "orgtail", F_ORGTAIL }, { "orgsuffix", F_ORGSUFFIX },
	{ "event", F_EVENT },
};

struct entry {
	uint64_t hash;
	uint32_t key, canon;	/* offsets in the arena */
	uint16_t keylen, canonlen;
	uint32_t flags;
	uint8_t type;
};

/*
 * The table: open addressing over entry indexes + 1 (0 is empty), each
 * with the high half of its hash, so that a probe that misses costs no
 * visit to the entry (a cache miss in a big lexicon).
 */
struct slot {
	uint32_t tag, idx;
};
#define SLOT_TAG(h)	((uint32_t)((h) >> 32))

/*
 * Most words looked up are in no lexicon: one bit per hash of a key (a
 * filter of 16 KB, in the L1 cache) says so for most of them, without a
 * probe of the table (several hundred KB).
 */
#define FILTER_BITS	17
static uint64_t key_filter[(1 << FILTER_BITS) / 64];
#define FILTER_BIT(h)	((size_t)((h) >> 20) & ((1 << FILTER_BITS) - 1))

static struct {
	struct entry *ent;
	size_t n, cap;
	struct slot *slot;
	size_t mask;
	char *arena;
	size_t alen, acap;
} tab;

/*
 * The text asks about the same names again and again: the latest answers
 * for the words of up to CACHE_KEY bytes, by a hash of the word, each in
 * one place (a miss costs a search, as without the cache).
 */
#define CACHE_SIZE	2048
#define CACHE_KEY	22
struct cached {
	uint64_t h;
	uint8_t len;		/* 0: empty */
	bool yes;
	char key[CACHE_KEY];
};

/* A sorted list of lowercase words, searched where it was compiled in. */
struct wordlist {
	const char *data;
	size_t size;
	uint32_t *off;		/* of each word; off[n]: 1 + the end */
	size_t n;
	uint32_t first[257];	/* the first word of each first byte */
	struct cached *cache;	/* [CACHE_SIZE] */
};
static struct wordlist common, firstnames;

/* Flags of a word of the text. */
enum {
	K_CAP = 1 << 0,		/* starts with a capital letter */
	K_ALLCAP = 1 << 1,	/* two letters or more, all capitals */
	K_DIGIT = 1 << 2,	/* starts with a digit */
	K_HYPH = 1 << 3,	/* joined to the word before by a hyphen */
	K_SPACE = 1 << 4,	/* only white space since the word before */
	K_CLAUSE = 1 << 5,	/* first of the text, a sentence or a clause */
	K_POSS = 1 << 6,	/* followed by 's or a plural apostrophe */
	K_LOOKED = 1 << 7,	/* e is the word's own entry (or NULL) */
	K_BLOCKED = 1 << 8,	/* inside a nonentities phrase */
	K_DOT = 1 << 9,		/* ends with a period of its own (Gen., U.S.) */
	K_NUM = 1 << 10,	/* has a digit (RC-135W, 2397) */
	K_CHECKED = 1 << 11,	/* K_COMMON is known */
	K_COMMON = 1 << 12	/* in the common-word list */
};

struct word {
	uint32_t start, end;	/* the word in the text, without 's */
	uint32_t key, klen;	/* its key in the key buffer */
	uint32_t flags;
	int32_t ent;		/* index of the entity that covers it, or -1 */
	const struct entry *e;
};

struct words {
	struct word *w;
	size_t n, cap;
	char *key;		/* the keys of all words, back to back */
	size_t klen, kcap;
};

struct entity {
	uint32_t first, last;	/* words */
	uint8_t type;
	bool dead;		/* merged into another one */
	const char *canon;	/* a lexicon's name, or NULL: */
	uint32_t memo;		/* + 1: the name of memory.m[memo - 1], */
	size_t canonlen;	/* or 0: the text of the words */
};

/* What the document said so far: the names, how often, how recently. */
struct memo {
	uint32_t key, klen, canon, canonlen, sur, surlen;
	uint8_t type;
	uint32_t count, last;
};

/*
 * The memos are found by their names (type and canonical name) and by
 * their keys through two small hash indexes, not by a scan per mention:
 * a slot holds a memo's index + 1 and a hash, and counts only when its gen
 * is the document's (a new document empties them by gen++).
 */
#define MEMO_SLOTS	1024	/* a power of 2, > 2 * MAXMEMORY */
struct memo_slot {
	uint32_t gen, h;
	uint32_t idx;		/* + 1 */
};

static struct {
	GString *doc;
	GString *arena;
	struct memo m[MAXMEMORY];
	size_t n;
	uint32_t clock;
	uint32_t gen;
	struct memo_slot by_name[MEMO_SLOTS], by_key[MEMO_SLOTS];
} memory;

static struct words text, aux;	/* the record's words; a name's words */
static const char *text_s;	/* the record's text */
static size_t text_n;
static struct entity *ents;
static size_t nents, capents;
static GString *surface;	/* the text of a guessed name */
static bool headline;		/* the record is in Title Case or capitals */

/* ASCII classes, and the lowercase of each byte, for the hot loop. */
enum { C_ALPHA = 1, C_UPPER = 2, C_DIGIT = 4, C_LOWER = 8 };
#define C_WORD (C_ALPHA | C_DIGIT)
static unsigned char cclass[128], lower[128];

/* ---------------------------------------------------------------- keys */

static uint64_t
hash_more(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}
#define HASH_INIT 0xcbf29ce484222325ULL

/* ASCII classes and lower case for the hot loop; the rest is utf8_fold. */
static void
fold_init(void)
{
	for (int c = 0; c < 128; c++) {
		cclass[c] = (unsigned char)((g_ascii_isalpha(c) ? C_ALPHA : 0) |
		    (g_ascii_isupper(c) ? C_UPPER : 0) |
		    (g_ascii_islower(c) ? C_LOWER : 0) |
		    (g_ascii_isdigit(c) ? C_DIGIT : 0));
		lower[c] = (unsigned char)g_ascii_tolower(c);
	}
}

static inline void
key_add(struct words *ws, const char *s, size_t n)
{
	if (ws->klen + n > ws->kcap) {
		ws->kcap = (ws->klen + n) * 2 + 64;
		ws->key = nf_xrealloc(ws->key, ws->kcap);
	}
	memcpy(ws->key + ws->klen, s, n);
	ws->klen += n;
}

/* Append the folded form of character c to the key (ŏ -> o). */
static void
key_char(struct words *ws, ucs4_t c)
{
	char buf[6];

	c = utf8_fold(c);
	if (c == 0)		/* a combining accent: dropped */
		return;
	key_add(ws, buf, (size_t)g_unichar_to_utf8(c, buf));
}

/* ------------------------------------------------------------ the table */

static size_t
arena_add(const char *s, size_t n)
{
	size_t off = tab.alen;

	if (tab.alen + n + 1 > tab.acap) {
		tab.acap = (tab.alen + n + 1) * 2;
		tab.arena = nf_xrealloc(tab.arena, tab.acap);
	}
	memcpy(tab.arena + off, s, n);
	tab.arena[off + n] = '\0';
	tab.alen += n + 1;
	return off;
}

/* memcmp(a, b, n) == 0 for the short keys of names, without a call. */
static inline bool
key_eq(const char *a, const char *b, size_t n)
{
	while (n >= 8) {
		uint64_t x, y;

		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		if (x != y)
			return false;
		a += 8, b += 8, n -= 8;
	}
	while (n > 0 && *a == *b)
		a++, b++, n--;
	return n == 0;
}

static const struct entry *
lookup(uint64_t h, const char *key, size_t len)
{
	size_t bit = FILTER_BIT(h);

	if (!(key_filter[bit / 64] >> (bit % 64) & 1))
		return NULL;
	for (size_t i = h & tab.mask;; i = (i + 1) & tab.mask) {
		struct slot s = tab.slot[i];
		const struct entry *e;

		if (s.idx == 0)
			return NULL;
		if (s.tag != SLOT_TAG(h))
			continue;
		e = &tab.ent[s.idx - 1];
		if (e->hash == h && e->keylen == len &&
		    key_eq(tab.arena + e->key, key, len))
			return e;
	}
}

static void
grow(void)
{
	size_t cap = tab.mask ? (tab.mask + 1) * 2 : 1 << 15;

	free(tab.slot);
	tab.slot = calloc(cap, sizeof *tab.slot);
	if (tab.slot == NULL)
		nf_err(NF_EXIT_FAILURE, "out of memory");
	tab.mask = cap - 1;
	for (size_t k = 0; k < tab.n; k++) {
		size_t i = tab.ent[k].hash & tab.mask;

		while (tab.slot[i].idx != 0)
			i = (i + 1) & tab.mask;
		tab.slot[i] = (struct slot){ SLOT_TAG(tab.ent[k].hash),
		    (uint32_t)k + 1 };
	}
}

/* The entry of key, made if there is none. */
static struct entry *
intern(const char *key, size_t len)
{
	uint64_t h = hash_more(HASH_INIT, key, len);
	const struct entry *found;
	struct entry *e;
	size_t i;

	if ((found = lookup(h, key, len)) != NULL)
		return (struct entry *)found;
	if (len > UINT16_MAX)
		nf_errx(NF_EXIT_DATA, "a name of more than %u bytes", UINT16_MAX);
	if ((tab.n + 1) * 2 > tab.mask + 1)
		grow();
	if (tab.n == tab.cap) {
		tab.cap = tab.cap ? tab.cap * 2 : 8192;
		tab.ent = nf_xrealloc(tab.ent, tab.cap * sizeof *tab.ent);
	}
	e = &tab.ent[tab.n];
	memset(e, 0, sizeof *e);
	e->hash = h;
	e->key = (uint32_t)arena_add(key, len);
	e->keylen = (uint16_t)len;
	for (i = h & tab.mask; tab.slot[i].idx != 0; i = (i + 1) & tab.mask)
		;
	tab.slot[i] = (struct slot){ SLOT_TAG(h), (uint32_t)++tab.n };
	key_filter[FILTER_BIT(h) / 64] |= 1ULL << (FILTER_BIT(h) % 64);
	return e;
}

/* -------------------------------------------------------------- words */

static bool
is_apostrophe(ucs4_t c)
{
	return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC;
}

static bool
is_hyphen(ucs4_t c)
{
	return c == '-' || c == 0x2010 || c == 0x2011;
}

static bool
is_space(ucs4_t c)
{
	return c == ' ' || c == 0xA0 || (c >= 0x2000 && c <= 0x200B) ||
	    c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

/* The character at s[i..n): its length, and *c. */
static inline size_t
char_at(const char *s, size_t n, size_t i, ucs4_t *c)
{
	uint32_t cp;
	size_t len;

	if ((unsigned char)s[i] < 0x80) {
		*c = (unsigned char)s[i];
		return 1;
	}
	len = (size_t)utf8_decode((const unsigned char *)s + i, n - i, &cp);
	*c = cp;
	return len;
}

static inline bool
is_word_char(ucs4_t c)
{
	if (c < 0x80)
		return cclass[c] & C_WORD;
	return uc_is_alpha(c) || (c >= 0x300 && c < 0x370);
}

/* Does a word character start at s[i]? */
static bool
word_at(const char *s, size_t n, size_t i)
{
	ucs4_t c;

	if (i >= n)
		return false;
	char_at(s, n, i, &c);
	return is_word_char(c);
}

static const struct entry *
word_entry(struct words *ws, struct word *w)
{
	if (!(w->flags & K_LOOKED)) {
		const char *k = ws->key + w->key;

		w->e = lookup(hash_more(HASH_INIT, k, w->klen), k, w->klen);
		w->flags |= K_LOOKED;
	}
	return w->e;
}

static uint32_t
word_flags(struct words *ws, size_t i)
{
	const struct entry *e = word_entry(ws, &ws->w[i]);

	return e ? e->flags : 0;
}

/*
 * The ASCII letters and digits from s[i] on, into the key; *allcl gathers
 * their classes.  For K_ALLCAP, *nletters counts the letters, or at least
 * as far as 2, and *nlower the letters that are no capitals, or at least
 * whether there is one.  The hot loop of the program: 8 bytes at a time
 * while they are there (a word of 8 bytes or less costs no branch on its
 * length), the rest byte by byte.
 */
static inline size_t
scan_ascii(struct words *ws, const char *s, size_t n, size_t i,
    size_t *nletters, size_t *nlower, ucs4_t *prev, unsigned *allcl)
{
	char *k = ws->key + ws->klen;	/* room: see split_words */
	size_t start = i, letters = 0, lowers = 0;
	unsigned all = 0;

#ifdef UTF8_WORD8
	while (i + 8 <= n) {
		struct word8 w;
		size_t len = utf8_word8(s + i, &w);
		uint64_t u = w.letters & ~w.lowers;

		memcpy(k, &w.folded, 8);	/* the bytes after len: junk
						   past the key's end */
		k += len;
		i += len;
		if (w.letters != 0)
			letters += (w.letters & (w.letters - 1)) ? 2 : 1;
		lowers += w.lowers != 0;
		all |= (w.digits ? C_DIGIT : 0) | (u ? C_UPPER | C_ALPHA : 0) |
		    (w.lowers ? C_LOWER | C_ALPHA : 0);
		if (len < 8)
			goto done;
	}
#endif
	for (; i < n; i++) {
		unsigned char b = (unsigned char)s[i];
		unsigned cl = b < 0x80 ? cclass[b] : 0;

		if (!(cl & C_WORD))
			break;
		*k++ = (char)lower[b];
		all |= cl;
		letters += (cl & C_ALPHA) != 0;
		lowers += (cl & C_LOWER) != 0;
	}
#ifdef UTF8_WORD8
done:
#endif
	ws->klen += i - start;
	*nletters += letters;
	*nlower += lowers;
	*prev = (unsigned char)s[i - 1];
	*allcl |= all;
	return i;
}

/*
 * Scan the word at s[i..n) into w: letters and digits, an apostrophe between
 * letters (P'yŏngan, O'Brien).  A final 's (Kim's) or a plural apostrophe
 * (Workers') is left out of the word and marks it K_POSS.  Returns the
 * offset after all that was taken.
 */
static size_t
scan_word(struct words *ws, struct word *w, const char *s, size_t n, size_t i)
{
	size_t nletters = 0, nlower = 0;
	unsigned allcl = 0;
	ucs4_t c, prev = 0;

	w->start = (uint32_t)i;
	w->key = (uint32_t)ws->klen;
	if ((unsigned char)s[i] < 0x80) {	/* i < n: a word starts */
		if (cclass[(unsigned char)s[i]] & C_UPPER)
			w->flags |= K_CAP;
		else if (cclass[(unsigned char)s[i]] & C_DIGIT)
			w->flags |= K_DIGIT | K_NUM;
	}
	for (;;) {
		size_t len;

		if (i >= n)
			break;
		if ((unsigned char)s[i] < 0x80) {
			unsigned cl = cclass[(unsigned char)s[i]];

			if (cl & C_WORD) {	/* the hot path: ASCII */
				i = scan_ascii(ws, s, n, i, &nletters, &nlower,
				    &prev, &allcl);
				continue;
			}
			if (s[i] != '\'')
				break;	/* as below, without decoding */
		}
		len = char_at(s, n, i, &c);
		if (is_word_char(c)) {
			if (uc_is_alpha(c)) {
				nletters++;
				if (!uc_is_upper(c))
					nlower++;
			}
			if (i == w->start && uc_is_upper(c))
				w->flags |= K_CAP;
			key_char(ws, c);
			prev = c;
			i += len;
			continue;
		}
		if (!is_apostrophe(c))
			break;
		/* an apostrophe: possessive, plural possessive, or inside */
		if (i + len < n && (s[i + len] == 's' || s[i + len] == 'S') &&
		    !word_at(s, n, i + len + 1)) {
			w->end = (uint32_t)i;
			w->flags |= K_POSS;
			i += len + 1;
			goto done;
		}
		if (!word_at(s, n, i + len)) {
			if (prev == 's' || prev == 'S') {
				w->end = (uint32_t)i;
				w->flags |= K_POSS;
				i += len;
				goto done;
			}
			break;
		}
		i += len;	/* inside the word: not in the key */
	}
	w->end = (uint32_t)i;
done:
	w->klen = (uint32_t)ws->klen - w->key;
	if (allcl & C_DIGIT)
		w->flags |= K_NUM;
	if (nletters >= 2 && nlower == 0)
		w->flags |= K_ALLCAP;
	return i;
}

/*
 * Take the period after the word into it when the word is an initial or an
 * abbreviation with periods (U.S., D.P.R.K., W.) or a capitalized
 * abbreviation of cues.tsv (Gen., Mt., Dec.): such a period ends no
 * sentence.  Returns the new offset.
 */
static size_t
take_period(struct words *ws, struct word *w, const char *s, size_t n,
    size_t i)
{
	if (i >= n || s[i] != '.' || (w->flags & K_POSS))
		return i;
	if (w->end - w->start == 1 && g_ascii_isalpha(s[w->start])) {
		/* U.S., D.P.R.K.: letter, period, letter, period ... */
		while (i + 2 <= n && s[i] == '.' && i + 1 < n &&
		    g_ascii_isalpha(s[i + 1]) &&
		    (i + 2 == n || !word_at(s, n, i + 2))) {
			char c = (char)g_ascii_tolower(s[i + 1]);

			key_add(ws, &c, 1);
			w->klen++;
			i += 2;
		}
		if (i > w->end)
			w->flags |= K_ALLCAP;
		if (i < n && s[i] == '.') {	/* U.S. and W., not U.S */
			i++;
			w->flags |= K_DOT;
		}
		w->end = (uint32_t)i;
		return i;
	}
	if ((w->flags & K_CAP) && (word_flags(ws, (size_t)(w - ws->w)) &
	    F_ABBREV)) {
		w->end = (uint32_t)i + 1;
		w->flags |= K_DOT;
		return i + 1;
	}
	return i;
}

/*
 * Split s[0..n) into words.  What lies between two words decides how they
 * join: only white space (K_SPACE), a hyphen (K_HYPH), or punctuation, which
 * starts a clause (K_CLAUSE) unless it is a comma.
 */
static void
split_words(struct words *ws, const char *s, size_t n)
{
	size_t i = 0;
	bool space = false, punct = true, hyph = false, comma = false;

	ws->n = 0;
	ws->klen = 0;
	/* A key is never longer than 3/2 of the text: the ASCII path of
	 * scan_word needs no check. */
	if (ws->kcap < 2 * n + 64) {
		ws->kcap = 2 * n + 64;
		ws->key = nf_xrealloc(ws->key, ws->kcap);
	}
	while (i < n) {
		ucs4_t c;
		size_t len;
		struct word *w;

		if (s[i] == ' ') {	/* the most common gap */
			space = true;
			i++;
			continue;
		}
		len = char_at(s, n, i, &c);
		if (!is_word_char(c)) {
			if (is_hyphen(c) && ws->n > 0 &&
			    ws->w[ws->n - 1].end == i && word_at(s, n, i + len))
				hyph = true;
			else if (is_space(c))
				space = true;
			else if (c == ',')
				comma = true;
			else
				punct = true;
			i += len;
			continue;
		}
		if (ws->n == ws->cap) {
			ws->cap = ws->cap ? ws->cap * 2 : 256;
			ws->w = nf_xrealloc(ws->w, ws->cap * sizeof *ws->w);
		}
		w = &ws->w[ws->n];
		w->flags = 0;
		w->ent = -1;
		w->e = NULL;
		if (ws->n == 0 || punct)
			w->flags |= K_CLAUSE;
		else if (hyph && !space && !comma)
			w->flags |= K_HYPH;
		else if (space && !comma && !hyph)
			w->flags |= K_SPACE;
		ws->n++;
		i = scan_word(ws, w, s, n, i);
		i = take_period(ws, w, s, n, i);
		space = punct = hyph = comma = false;
	}
}

/* ------------------------------------------------------------- loading */

static bool
is_acronym(const struct words *ws)
{
	return ws->n == 1 && (ws->w[0].flags & K_ALLCAP);
}

/*
 * Enter one variant of a name: every prefix that ends at a word is F_PREFIX,
 * the whole key F_ENT with the type and canonical name.  A later row with
 * the same key replaces an earlier one (a user's lexicon wins).
 */
static const char *
add_variant(const char *v, enum type type, size_t canon, size_t canonlen)
{
	static char msg[160];
	struct entry *e;
	bool acro, fresh;

	split_words(&aux, v, strlen(v));
	if (aux.n == 0) {
		snprintf(msg, sizeof msg, "'%.60s' has no word", v);
		return msg;
	}
	if (aux.n > MAXSPAN) {
		snprintf(msg, sizeof msg, "'%.60s' has more than %d words", v,
		    MAXSPAN);
		return msg;
	}
	if (!(aux.w[0].flags & (K_CAP | K_DIGIT))) {
		snprintf(msg, sizeof msg, "'%.60s' does not start with a "
		    "capital letter or a digit", v);
		return msg;
	}
	for (size_t i = 1; i < aux.n; i++) {
		if (!(aux.w[i].flags & (K_SPACE | K_HYPH)) ||
		    (aux.w[i - 1].flags & K_POSS && aux.w[i].flags & K_HYPH)) {
			snprintf(msg, sizeof msg, "'%.60s': only spaces and "
			    "hyphens may separate its words", v);
			return msg;
		}
		intern(aux.key, aux.w[i - 1].key + aux.w[i - 1].klen)->flags |=
		    F_PREFIX | (aux.w[i - 1].flags & K_POSS ? F_POSSOK : 0);
	}
	acro = is_acronym(&aux);
	e = intern(aux.key, aux.klen);
	if (aux.n > 1 && !(aux.w[aux.n - 1].flags & (K_CAP | K_DIGIT | K_HYPH)))
		e->flags |= F_LOWEREND;
	fresh = !(e->flags & F_ENT);
	e->flags |= F_ENT;
	if (fresh ? acro : (e->flags & F_ACRO) && acro)
		e->flags |= F_ACRO;
	else
		e->flags &= ~(uint32_t)F_ACRO;
	e->type = (uint8_t)type;
	e->canon = (uint32_t)canon;
	e->canonlen = (uint16_t)canonlen;
	return NULL;
}

static const char *
lexicon_row(void *ctx, char **cols, int ncols)
{
	static const char *const types[] = { "NONE", "PER", "ORG", "LOC" };
	enum type type = T_NONE;
	size_t canon, len;
	const char *msg;

	(void)ctx;
	for (int t = 1; t < 4; t++)
		if (strcmp(cols[0], types[t]) == 0)
			type = (enum type)t;
	if (type == T_NONE && strcmp(cols[0], types[T_NONE]) != 0)
		return "the type is not PER, ORG, LOC or NONE";
	if (ncols < 2 || cols[1][0] == '\0')
		return "no canonical name";
	len = strlen(cols[1]);
	if (strpbrk(cols[1], ";@") != NULL)
		return "the canonical name holds ';' or '@'";
	if (len > UINT16_MAX)
		return "the canonical name is too long";
	canon = arena_add(cols[1], len);
	for (int i = 1; i < ncols; i++) {
		if (cols[i][0] == '\0')
			continue;
		if ((msg = add_variant(cols[i], type, canon, len)) != NULL)
			return msg;
	}
	return NULL;
}

/* nonentities.tsv: every column is a phrase that is no entity. */
static const char *
nonent_row(void *ctx, char **cols, int ncols)
{
	const char *msg;

	(void)ctx;
	for (int i = 0; i < ncols; i++)
		if (cols[i][0] != '\0' &&
		    (msg = add_variant(cols[i], T_NONE, 0, 0)) != NULL)
			return msg;
	return NULL;
}

/* Set flag on the key of word, a single word. */
static const char *
add_flag(const char *word, uint32_t flag)
{
	static char msg[120];

	split_words(&aux, word, strlen(word));
	if (aux.n != 1) {
		snprintf(msg, sizeof msg, "'%.60s' is not one word", word);
		return msg;
	}
	intern(aux.key, aux.klen)->flags |= flag;
	return NULL;
}

static const char *
cue_row(void *ctx, char **cols, int ncols)
{
	uint32_t flag = 0;
	const char *msg;

	(void)ctx;
	for (size_t k = 0; k < G_N_ELEMENTS(cue_kinds); k++)
		if (strcmp(cols[0], cue_kinds[k].name) == 0)
			flag = cue_kinds[k].flag;
	if (flag == 0)
		return "unknown kind of cue";
	for (int i = 1; i < ncols; i++)
		if (cols[i][0] != '\0' &&
		    (msg = add_flag(cols[i], flag)) != NULL)
			return msg;
	return NULL;
}

/*
 * The common words and the first names stay where they are, compiled in,
 * one lowercase word a line in byte order (tests/entity-tag.bats checks
 * it), searched by halves over the offsets of their lines.  The offsets
 * are found in one pass over the data, no copy, no hashing, when the list
 * is first searched: a run on no input never pays for it.
 */
static void
wordlist_index(struct wordlist *wl)
{
	const char *data = wl->data, *p = data, *end = data + wl->size;
	size_t cap = 1 << 12, size = wl->size;

	wl->off = nf_xmalloc(cap * sizeof *wl->off);
	wl->cache = calloc(CACHE_SIZE, sizeof *wl->cache);
	if (wl->cache == NULL)
		nf_err(NF_EXIT_FAILURE, "out of memory");
	for (; p < end; p++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		if (nl == NULL)
			nl = end;
		if (nl > p && *p != '#') {
			if (wl->n + 1 >= cap)
				wl->off = nf_xrealloc(wl->off,
				    (cap *= 2) * sizeof *wl->off);
			wl->off[wl->n++] = (uint32_t)(p - data);
		}
		p = nl;
	}
	/* where a word after the last one would start */
	wl->off[wl->n] = (uint32_t)size + (size > 0 && data[size - 1] == '\n' ?
	    0 : 1);
	/* first[c]: the index of the first word whose first byte is >= c */
	for (size_t i = wl->n, c = 257; c-- > 0;) {
		while (i > 0 && (unsigned char)data[wl->off[i - 1]] >= c)
			i--;
		wl->first[c] = (uint32_t)i;
	}
}

/* A hash of a short key, 8 bytes at a time. */
static uint64_t
short_hash(const char *s, size_t n)
{
	uint64_t h = n * 0x9e3779b97f4a7c15ULL, c;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&c, s, 8);
		h = (h ^ c) * 0xc2b2ae3d27d4eb4fULL;
	}
	for (c = 0; n > 0; n--)
		c = c << 8 | (unsigned char)s[n - 1];
	h = (h ^ c) * 0xc2b2ae3d27d4eb4fULL;
	return h ^ h >> 29;
}

static bool wordlist_search(struct wordlist *, const char *, size_t);

static bool
wordlist_has(struct wordlist *wl, const char *key, size_t len)
{
	struct cached *c;
	uint64_t h;

	if (len == 0)
		return false;
	if (wl->off == NULL)
		wordlist_index(wl);
	if (len > CACHE_KEY)
		return wordlist_search(wl, key, len);
	h = short_hash(key, len);
	c = &wl->cache[h & (CACHE_SIZE - 1)];
	if (c->len == len && c->h == h && memcmp(c->key, key, len) == 0)
		return c->yes;
	c->h = h;
	c->len = (uint8_t)len;
	memcpy(c->key, key, len);
	return c->yes = wordlist_search(wl, key, len);
}

/* By halves, among the words with key's first byte. */
static bool
wordlist_search(struct wordlist *wl, const char *key, size_t len)
{
	unsigned char c0 = (unsigned char)key[0];
	size_t lo, hi;

	lo = wl->first[c0];
	hi = wl->first[c0 + 1];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		size_t n = wl->off[mid + 1] - wl->off[mid] - 1;
		const char *w = wl->data + wl->off[mid];
		int c = memcmp(w, key, n < len ? n : len);

		if (c == 0)
			c = (n > len) - (n < len);
		if (c == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

static bool
is_common(size_t i)
{
	struct word *w = &text.w[i];

	if (!(w->flags & K_CHECKED))
		w->flags |= K_CHECKED | (wordlist_has(&common, text.key +
		    w->key, w->klen) ? K_COMMON : 0);
	return w->flags & K_COMMON;
}

/* ------------------------------------------------------------ matching */

static size_t
new_entity(size_t first, size_t last, enum type type, const char *canon,
    size_t canonlen)
{
	struct entity *en;

	if (nents == capents) {
		capents = capents ? capents * 2 : 64;
		ents = nf_xrealloc(ents, capents * sizeof *ents);
	}
	en = &ents[nents];
	en->first = (uint32_t)first;
	en->last = (uint32_t)last;
	en->type = (uint8_t)type;
	en->dead = false;
	en->canon = canon;
	en->canonlen = canonlen;
	en->memo = 0;
	for (size_t i = first; i <= last; i++)
		text.w[i].ent = (int32_t)nents;
	return nents++;
}

/* May a name end at word j?  Not before -ri of Punggye-ri, nor -18. */
static bool
may_end(size_t j)
{
	const struct word *next;

	if (j + 1 >= text.n || !(text.w[j + 1].flags & K_HYPH))
		return true;
	next = &text.w[j + 1];
	if (next->flags & K_CAP)
		return true;
	if (next->flags & K_DIGIT)
		return false;
	return (word_flags(&text, j + 1) & F_HYPHOK) != 0;
}

/* The longest variant that starts at word i: its last word, or -1. */
static long
longest_match(size_t i, const struct entry **match)
{
	const struct word *w = text.w;
	uint64_t h = HASH_INIT;
	long best = -1;

	for (size_t j = i; j < text.n && j - i < MAXSPAN; j++) {
		const struct entry *e;

		if (j > i && !(w[j].flags & (K_SPACE | K_HYPH)))
			break;
		h = hash_more(h, text.key + w[j].key, w[j].klen);
		if (j == i)
			e = word_entry(&text, &text.w[i]);
		else
			e = lookup(h, text.key + w[i].key,
			    w[j].key + w[j].klen - w[i].key);
		if (e == NULL)
			break;
		if ((e->flags & F_ENT) && may_end(j) &&
		    (!(e->flags & F_ACRO) || (w[i].flags & K_ALLCAP)) &&
		    ((w[j].flags & (K_CAP | K_DIGIT | K_HYPH)) || j == i ||
		    (e->flags & F_LOWEREND))) {
			best = (long)j;
			*match = e;
		}
		if (!(e->flags & F_PREFIX) ||
		    ((w[j].flags & K_POSS) && !(e->flags & F_POSSOK)))
			break;
	}
	return best;
}

/* Eighth Congress, 8th Party Congress: an ordinal a few words before i. */
static bool
after_ordinal(size_t i)
{
	for (size_t k = 0; k < 3 && i > 0 && (text.w[i].flags & K_SPACE);
	    k++, i--) {
		if (word_flags(&text, i - 1) & F_ORDINAL)
			return true;
		if (!(text.w[i - 1].flags & K_CAP))
			return false;
	}
	return false;
}

/*
 * Pass 1: the lexicons.  A place name takes a place head word after it
 * (Kangwon Province), an organization a company suffix (Microsoft Corp); a
 * name that ends in an event word after an ordinal is an event's (Eighth
 * Party Congress) and is dropped.
 */
static void
match_lexicon(void)
{
	struct word *w = text.w;

	for (size_t i = 0; i < text.n; i++) {
		const struct entry *e = NULL;
		long last;

		if (!(w[i].flags & (K_CAP | K_DIGIT)))
			continue;
		if ((w[i].flags & K_HYPH) && w[i - 1].ent < 0)
			continue;	/* anti-Japan, Al-Ain; not Korea-Russia */
		if ((last = longest_match(i, &e)) < 0)
			continue;
		if (w[last].end < text_n && text_s[w[last].end] == '$')
			continue;	/* US$, not the United States */
		if (e->type == T_NONE || ((word_flags(&text, (size_t)last) &
		    F_EVENT) && after_ordinal(i))) {
			for (size_t j = i; j <= (size_t)last; j++)
				w[j].flags |= K_BLOCKED;
			i = (size_t)last;
			continue;
		}
		if ((size_t)last + 1 < text.n && !(w[last].flags & K_POSS) &&
		    (w[last + 1].flags & K_SPACE) && e->type == T_PER &&
		    (word_flags(&text, (size_t)last + 1) & F_LOCHEAD)) {
			/* Kimjongsuk County: named after a person */
			if (w[last + 1].flags & K_CAP)
				last++;
			new_entity(i, (size_t)last, T_LOC, NULL, 0);
			i = (size_t)last;
			continue;
		}
		if ((size_t)last + 1 < text.n && !(w[last].flags & K_POSS) &&
		    (w[last + 1].flags & K_SPACE) &&
		    (w[last + 1].flags & K_CAP) &&
		    (word_flags(&text, (size_t)last + 1) &
		    (e->type == T_LOC ? F_LOCHEAD : e->type == T_ORG ?
		    F_ORGSUFFIX : 0)))
			last++;	/* Kangwon Province, Microsoft Corp */
		new_entity(i, (size_t)last, (enum type)e->type,
		    tab.arena + e->canon, e->canonlen);
		i = (size_t)last;
	}
}

/* ------------------------------------------------------------- memory */

static void
memory_reset(const struct nf_str *doc)
{
	g_string_truncate(memory.arena, 0);
	g_string_assign(memory.doc, "");
	g_string_append_len(memory.doc, doc->s, (gssize)doc->len);
	memory.n = 0;
	memory.clock = 0;
	if (++memory.gen == 0) {	/* wrapped: old slots would count */
		memset(memory.by_name, 0, sizeof memory.by_name);
		memset(memory.by_key, 0, sizeof memory.by_key);
		memory.gen = 1;
	}
}

static uint32_t
memory_add(const char *s, size_t n)
{
	uint32_t off = (uint32_t)memory.arena->len;

	g_string_append_len(memory.arena, s, (gssize)n);
	return off;
}

static bool
memory_eq(uint32_t off, uint32_t len, const char *s, size_t n)
{
	return len == n && memcmp(memory.arena->str + off, s, n) == 0;
}

static inline bool
slot_used(const struct memo_slot *sl)
{
	return sl->gen == memory.gen && sl->idx != 0;
}

static void
slot_add(struct memo_slot *v, uint32_t h, size_t idx)
{
	size_t i = h & (MEMO_SLOTS - 1);

	while (slot_used(&v[i]))
		i = (i + 1) & (MEMO_SLOTS - 1);
	v[i] = (struct memo_slot){ memory.gen, h, (uint32_t)idx + 1 };
}

/* The name seen before whose words had this key (the first such). */
static const struct memo *
memory_find(const char *key, size_t len)
{
	uint32_t h = (uint32_t)short_hash(key, len);

	for (size_t i = h & (MEMO_SLOTS - 1); slot_used(&memory.by_key[i]);
	    i = (i + 1) & (MEMO_SLOTS - 1)) {
		const struct memo *m = &memory.m[memory.by_key[i].idx - 1];

		if (memory.by_key[i].h == h &&
		    memory_eq(m->key, m->klen, key, len))
			return m;
	}
	return NULL;
}

/* The person of this surname mentioned most, the latest on a tie. */
static const struct memo *
memory_surname(const char *key, size_t len)
{
	const struct memo *best = NULL;

	for (size_t i = 0; i < memory.n; i++) {
		const struct memo *m = &memory.m[i];

		if (m->type == T_PER && memory_eq(m->sur, m->surlen, key, len) &&
		    (best == NULL || m->count > best->count ||
		    (m->count == best->count && m->last > best->last)))
			best = m;
	}
	return best;
}

/*
 * The surname of a person's name: the first word of a Korean or Chinese
 * name (Kim Jong Un), else the last word with the words hyphened to it
 * (Linda Thomas-Greenfield).  Empty for a one-word name.
 */
static struct nf_str
surname_of(const char *canon, size_t len)
{
	struct nf_str sur = { NULL, 0 };
	size_t groups = 0, last = 0;

	split_words(&aux, canon, len);
	for (size_t i = 0; i < aux.n; i++)
		if (!(aux.w[i].flags & K_HYPH))
			groups++, last = i;
	if (groups < 2)
		return sur;
	if (groups <= 3 && (word_flags(&aux, 0) & F_SURNAME)) {
		size_t j = 1;

		while (j < aux.n && (aux.w[j].flags & K_HYPH))
			j++;
		sur.s = aux.key;
		sur.len = aux.w[j - 1].key + aux.w[j - 1].klen;
		return sur;
	}
	sur.s = aux.key + aux.w[last].key;
	sur.len = aux.klen - aux.w[last].key;
	return sur;
}

/* Count a mention of canon (whose words in the text had key). */
static void
remember(enum type type, const char *canon, size_t clen, const char *key,
    size_t klen)
{
	struct memo *m;
	struct nf_str sur = { "", 0 };

	uint32_t h = (uint32_t)(short_hash(canon, clen) ^ type);
	bool known_key;

	memory.clock++;
	for (size_t i = h & (MEMO_SLOTS - 1); slot_used(&memory.by_name[i]);
	    i = (i + 1) & (MEMO_SLOTS - 1)) {
		m = &memory.m[memory.by_name[i].idx - 1];
		if (memory.by_name[i].h == h && m->type == type &&
		    memory_eq(m->canon, m->canonlen, canon, clen)) {
			m->count++;
			m->last = memory.clock;
			return;
		}
	}
	if (memory.n == MAXMEMORY)
		return;
	known_key = memory_find(key, klen) != NULL;
	slot_add(memory.by_name, h, memory.n);
	if (!known_key)
		slot_add(memory.by_key, (uint32_t)short_hash(key, klen),
		    memory.n);
	m = &memory.m[memory.n++];
	m->type = (uint8_t)type;
	m->count = 1;
	m->last = memory.clock;
	m->key = memory_add(key, klen);
	m->klen = (uint32_t)klen;
	m->canon = memory_add(canon, clen);
	m->canonlen = (uint32_t)clen;
	if (type == T_PER)
		sur = surname_of(canon, clen);
	m->sur = memory_add(sur.s, sur.len);
	m->surlen = (uint32_t)sur.len;
}

/* ------------------------------------------------------------ guessing */

static const char *
span_key(size_t a, size_t b, size_t *len)
{
	*len = text.w[b - 1].key + text.w[b - 1].klen - text.w[a].key;
	return text.key + text.w[a].key;
}

/* The text of words a..b-1, white space folded to one space. */
static const GString *
surface_of(const char *s, size_t a, size_t b)
{
	size_t i = text.w[a].start, end = text.w[b - 1].end;

	g_string_truncate(surface, 0);
	while (i < end) {
		ucs4_t c;
		size_t len = char_at(s, end, i, &c);

		if (is_space(c)) {
			if (surface->len > 0 &&
			    surface->str[surface->len - 1] != ' ')
				g_string_append_c(surface, ' ');
		} else {
			g_string_append_len(surface, s + i, (gssize)len);
		}
		i += len;
	}
	return surface;
}

static bool
is_first_name(size_t i)
{
	return wordlist_has(&firstnames, text.key + text.w[i].key,
	    text.w[i].klen);
}

/* Can word i be part of a guessed name? */
static bool
nameable(size_t i)
{
	const struct word *w = &text.w[i];

	if (!(w->flags & K_CAP) || w->ent >= 0 || (w->flags & K_BLOCKED) ||
	    (w->klen < 2 && !(w->flags & K_DOT)))
		return false;	/* X, but not the initial of George W. Bush */
	if (word_flags(&text, i) & F_STOP)
		return false;
	return !headline || !is_common(i) || is_first_name(i);
}

/* The end of the run of capitalized words that starts at a. */
static size_t
run_end(size_t a)
{
	size_t j = a + 1;

	while (j < text.n && j - a < MAXSPAN) {
		const struct word *w = &text.w[j];

		/* a possessive ends the name, but People's Committee */
		if ((text.w[j - 1].flags & K_POSS) && !((w->flags & K_SPACE) &&
		    nameable(j) && (word_flags(&text, j) & F_ORGHEAD)))
			break;
		if ((w->flags & K_HYPH) && w->ent < 0 &&
		    !(w->flags & K_BLOCKED))
			j++;	/* Seong-chang, Punggye-ri */
		else if ((w->flags & K_SPACE) && nameable(j))
			j++;
		else
			break;
	}
	return j;
}

static bool
has_flag(size_t a, size_t b, uint32_t flag)
{
	for (size_t i = a; i < b; i++)
		if (!(text.w[i].flags & K_HYPH) && (word_flags(&text, i) & flag))
			return true;
	return false;
}

/*
 * Ministry of Unification, Center for Strategic and International Studies,
 * Bank of Korea: a run with an organization head word, or a place head
 * such as Sea or Gulf, goes on over "of", "for", "and"... into the next
 * capitalized words, taking in the place names and nationalities there.
 */
static size_t
connect(size_t a, size_t b)
{
	while (b + 1 < text.n && b - a < MAXSPAN &&
	    !(text.w[b - 1].flags & K_POSS)) {
		size_t c = b, j = b + 1;

		if ((text.w[c].flags & (K_CAP | K_SPACE)) != K_SPACE ||
		    !(word_flags(&text, c) & F_CONNECTOR) ||
		    !(text.w[j].flags & K_SPACE) || !(text.w[j].flags & K_CAP))
			break;
		if (!has_flag(a, b, F_ORGHEAD) &&
		    !(word_flags(&text, a) & F_LOCPRE))
			break;
		while (j < text.n && j - a < MAXSPAN) {
			const struct word *w = &text.w[j];
			bool ok = (w->flags & K_CAP) || (w->flags & K_HYPH);

			if (j > c + 1 && !(w->flags & (K_SPACE | K_HYPH)))
				break;
			if (w->ent >= 0 && ents[w->ent].type != T_LOC)
				ok = false;
			if (!ok || (!(w->flags & K_BLOCKED) && w->ent < 0 &&
			    (word_flags(&text, j) & F_STOP)))
				break;
			j++;
			if (text.w[j - 1].flags & K_POSS)
				break;
		}
		if (j == c + 1)
			break;
		/* "and" only into a name's tail: Organization and Guidance
		 * Department, not the Asan Institute and Cheong Seong-chang */
		if (text.w[c].klen == 3 && memcmp(text.key + text.w[c].key,
		    "and", 3) == 0 && !(word_flags(&text, j - 1) &
		    (F_ORGHEAD | F_ORGTAIL)))
			break;
		for (size_t k = c + 1; k < j; k++)
			if (text.w[k].ent >= 0)
				ents[text.w[k].ent].dead = true;
		b = j;
	}
	return b;
}

static bool
has_word(size_t a, size_t b, uint32_t kflag)
{
	for (size_t i = a; i < b; i++)
		if (text.w[i].flags & kflag)
			return true;
	return false;
}

/*
 * A title before the name, or leading the run (Prime Minister Kim Tok Hun,
 * Lt. Gen. Kim): the start of the name after it, a when there is none.
 */
static size_t
strip_title(size_t a, size_t b)
{
	size_t start = a;

	if (!has_flag(a, b - 1, F_TITLE) || has_word(a, b - 1, K_POSS))
		return a;	/* no title, or the Prime Minister's Office */
	for (size_t i = a; i + 1 < b; i++) {
		uint32_t f = word_flags(&text, i);

		if (f & F_TITLE)
			start = i + 1;
		else if (!is_common(i))
			break;
	}
	while (start < b && (text.w[start].flags & K_HYPH))
		start++;
	return start;
}

/*
 * Could the key be Korean, a word of two syllables or more in either
 * romanization (Songhwa, Samjiyon)?  Initial, vowel, final, again.
 */
static bool
korean_syllables(const char *k, size_t n, int nsyl)
{
	static const char *const initial[] = { "kk", "tt", "pp", "ss", "jj",
	    "ch", "ph", "th", "kh", "g", "k", "n", "d", "t", "r", "l", "m",
	    "b", "p", "s", "j", "h", "" };
	static const char *const vowel[] = { "yae", "yeo", "wae", "weo", "ae",
	    "ya", "eo", "ye", "wa", "oe", "yo", "wo", "we", "wi", "yu", "eu",
	    "ui", "a", "e", "o", "u", "i" };
	static const char *const final[] = { "ng", "k", "n", "t", "l", "m",
	    "p", "g", "b", "" };

	if (n == 0)
		return nsyl >= 2;
	for (size_t i = 0; i < G_N_ELEMENTS(initial); i++) {
		size_t il = strlen(initial[i]);

		if (il > n || memcmp(k, initial[i], il) != 0)
			continue;
		for (size_t v = 0; v < G_N_ELEMENTS(vowel); v++) {
			size_t vl = strlen(vowel[v]);

			if (il + vl > n || memcmp(k + il, vowel[v], vl) != 0)
				continue;
			for (size_t f = 0; f < G_N_ELEMENTS(final); f++) {
				size_t fl = strlen(final[f]), l = il + vl + fl;

				if (l <= n && memcmp(k + il + vl, final[f],
				    fl) == 0 && korean_syllables(k + l, n - l,
				    nsyl + 1))
					return true;
			}
		}
	}
	return false;
}


/* Is word a after "TITLE of" (Secretary of State, Minister of Defense)? */
static bool
title_of(size_t a)
{
	const struct word *w = text.w;

	return a >= 2 && (w[a].flags & K_SPACE) && (w[a - 1].flags & K_SPACE) &&
	    w[a - 1].klen == 2 && memcmp(text.key + w[a - 1].key, "of", 2) == 0 &&
	    (word_flags(&text, a - 2) & F_TITLE);
}

/* Titles only: Chief Cabinet Secretary, Supreme Leader. */
static bool
is_title(size_t a, size_t b)
{
	size_t last = b - 1;

	while (last > a && (text.w[last].flags & K_HYPH))
		last--;
	if (!(word_flags(&text, last) & F_TITLE))
		return false;
	for (size_t i = a; i < last; i++)
		if (!(word_flags(&text, i) & F_TITLE) && !is_common(i))
			return false;
	return true;
}

/* Words like a person's: Capital then small letters (not KakaoTalk, NHK). */
static bool
name_shaped(size_t a, size_t b)
{
	for (size_t i = a; i < b; i++) {
		const struct word *w = &text.w[i];

		if (w->flags & K_HYPH)
			continue;
		if (w->flags & K_ALLCAP && w->klen > 1)
			return false;
		for (uint32_t j = w->start + 1; j < w->end; j++)
			if ((unsigned char)text_s[j] < 0x80 &&
			    (cclass[(unsigned char)text_s[j]] & C_UPPER) &&
			    text_s[j - 1] != '\'' && j - w->start > 3)
				return false;	/* McAllister, DeSantis are */
	}
	return true;
}

static bool
all_common(size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		if (!is_common(i))
			return false;
	return true;
}

/* The flags of the lowercase word right before a, or right after b. */
static uint32_t
left_cue(size_t a)
{
	if (a == 0 || !(text.w[a].flags & K_SPACE) ||
	    (text.w[a - 1].flags & (K_CAP | K_POSS)))
		return 0;
	return word_flags(&text, a - 1);
}

static uint32_t
right_cue(size_t b)
{
	if (b >= text.n || !(text.w[b].flags & K_SPACE) ||
	    (text.w[b].flags & K_CAP) || (text.w[b - 1].flags & K_POSS))
		return 0;
	return word_flags(&text, b);
}

static size_t
count_words(size_t a, size_t b)
{
	size_t n = 0;

	for (size_t i = a; i < b; i++)
		n += !(text.w[i].flags & K_HYPH);
	return n;
}

/* Is a lexicon's person or place right before word a (Korea Institute)? */
static bool
left_name(size_t a)
{
	const struct entity *en;

	if (a == 0 || !(text.w[a].flags & K_SPACE) || text.w[a - 1].ent < 0 ||
	    (text.w[a - 1].flags & K_POSS))
		return false;
	en = &ents[text.w[a - 1].ent];
	return !en->dead && en->type != T_ORG;
}

/* The name remembered for words a..b-1: the same words, or a surname. */
static const struct memo *
recall(size_t a, size_t b)
{
	const struct memo *m;
	size_t klen;
	const char *key = span_key(a, b, &klen);

	if ((m = memory_find(key, klen)) == NULL && count_words(a, b) == 1)
		m = memory_surname(key, klen);
	return m;
}

/*
 * What the words a..b-1, title and sentence start taken off, name: by their
 * head words, their shape and their neighbours, the strongest sign first.
 */
static enum type
judge(size_t a, size_t b, bool title)
{
	size_t words = count_words(a, b), last = b - 1;
	uint32_t fa = word_flags(&text, a), fl;

	while (last > a && (text.w[last].flags & K_HYPH))
		last--;
	fl = word_flags(&text, last);
	if (is_title(a, b) || ((text.w[b - 1].flags & K_HYPH) &&
	    !(text.w[b - 1].flags & K_CAP) &&
	    (word_flags(&text, b - 1) & F_HYPHOK)))
		return T_NONE;	/* Chief Cabinet Secretary; Romeo-class */
	if ((fa & F_ORDINAL) || (a > 0 && (text.w[a].flags & K_SPACE) &&
	    (word_flags(&text, a - 1) & F_ORDINAL)) ||
	    has_word(a, b, K_NUM) || (b - a == 1 && text.w[a].klen < 2))
		return T_NONE;	/* Eighth Congress; 2nd LD; RC-135W; O */
	if (words >= 2 && is_first_name(a) && !has_flag(a, b, F_ORGHEAD))
		return T_PER;
	if (words >= 2 && (fl & F_LOCHEAD))
		return T_LOC;
	if (has_flag(a, b, F_ORGHEAD) && (words >= 2 || left_name(a)))
		return T_ORG;
	if (words >= 2 && (fa & F_LOCPRE))
		return T_LOC;
	if (b - 1 > last && !(text.w[b - 1].flags & K_CAP) &&
	    (word_flags(&text, b - 1) & F_KORSUFFIX))
		return T_LOC;	/* Tongchang-ri */
	if (title)
		return T_PER;
	if (all_common(a, b))
		return T_NONE;
	if (words >= 2 && words <= 3 && (fa & F_SURNAME))
		return T_PER;
	if (left_cue(a) & F_LOCPREP)
		return T_LOC;
	if ((right_cue(b) & (F_REPORT | F_PERAFTER)) ||
	    (left_cue(a) & F_REPORT))
		return T_PER;	/* Zelmont said, said Zelmont */
	if (right_cue(b) & F_LOCHEAD)
		return T_LOC;	/* Hwasong districts */
	if (words >= 2)
		return name_shaped(a, b) ? T_PER : T_ORG;
	if (fa & F_SURNAME)
		return T_PER;
	if (headline || text.n == 1)
		return T_NONE;	/* one word and no sign: Fissile, Endnotes */
	if (text.w[a].flags & K_ALLCAP)
		return T_ORG;
	if (text.w[a].klen <= 16 &&
	    korean_syllables(text.key + text.w[a].key, text.w[a].klen, 0))
		return T_LOC;
	return T_ORG;
}

/*
 * What the run of capitalized words a..b-1 names.  *pa moves past a title
 * (Vice Minister, Secretary of State) or a common word that starts the
 * sentence (However, Analysts); a name the document gave before wins.
 */
static enum type
classify(size_t *pa, size_t b, const struct memo **memo)
{
	size_t a = strip_title(*pa, b);
	bool title;

	if (a < b && (word_flags(&text, b - 1) & (F_EVENT | F_ORGHEAD |
	    F_LOCHEAD)))
		a = *pa;	/* the General Conference is no person */
	if (a == *pa && title_of(a)) {
		while (a < b && is_common(a))
			a++;	/* Secretary of State Kurt Campbell */
		if (a == b)
			return T_NONE;
	}
	title = a > *pa || (left_cue(a) & F_TITLE);
	if (a >= b)
		return T_NONE;
	if ((*memo = recall(a, b)) != NULL)
		return (*pa = a, (*memo)->type);
	if (!title && a == *pa && (text.w[a].flags & K_CLAUSE) &&
	    is_common(a) && !(count_words(a, b) >= 2 && is_first_name(a))) {
		for (a++; a < b && (text.w[a].flags & K_HYPH); a++)
			;
		if (a >= b)
			return T_NONE;
		if ((*memo = recall(a, b)) != NULL)
			return (*pa = a, (*memo)->type);
	}
	*pa = a;
	return judge(a, b, title);
}

/*
 * Pass 2: the runs of capitalized words that no lexicon knows.  An
 * organization takes in the place or person named right before it (Korea
 * Development Institute, Kim Il Sung University).
 */
static void
guess_names(const char *s)
{
	for (size_t i = 0; i < text.n; i++) {
		const struct memo *memo = NULL;
		size_t a = i, b, e;
		enum type type;
		int32_t left;

		if (!(text.w[i].flags & K_CAP) || !nameable(i) ||
		    (text.w[i].flags & K_HYPH))
			continue;	/* (the first test is nameable's, inline) */
		b = connect(i, run_end(i));
		type = classify(&a, b, &memo);
		if (type == T_NONE) {
			i = b - 1;
			continue;
		}
		if (type == T_ORG && memo == NULL && left_name(a) &&
		    has_flag(a, b, F_ORGHEAD)) {
			left = text.w[a - 1].ent;
			ents[left].dead = true;
			a = ents[left].first;
		}
		e = new_entity(a, b - 1, type, NULL, 0);
		if (memo != NULL) {
			ents[e].memo = (uint32_t)(memo - memory.m) + 1;
			g_string_assign(surface, "");
			g_string_append_len(surface, memory.arena->str +
			    memo->canon, memo->canonlen);
		} else {
			surface_of(s, a, b);
		}
		{
			size_t klen;
			const char *key = span_key(a, b, &klen);

			remember(type, surface->str, surface->len, key, klen);
		}
		i = b - 1;
	}
}

/* ------------------------------------------------------------- records */

/*
 * Title Case or capitals: two capitalized words or more, and no lowercase
 * word but the short function words (A Ploy to Win Over the Public).
 */
static bool
is_headline(void)
{
	size_t ncap = 0;

	for (size_t i = 0; i < text.n; i++) {
		const struct word *w = &text.w[i];

		if (w->flags & (K_HYPH | K_DIGIT))
			continue;
		if (w->flags & K_CAP)
			ncap += w->end - w->start >= 4;
		else if (w->klen >= 3 && !(word_flags(&text, i) & F_STOP))
			return false;
	}
	return ncap >= 2;
}

static int
by_start(const void *a, const void *b)
{
	const struct entity *x = a, *y = b;

	return (x->first > y->first) - (x->first < y->first);
}

/* The canonical name of an entity: a lexicon's, remembered, or its text. */
static const char *
entity_name(const struct entity *en, size_t *len)
{
	if (en->canon != NULL) {
		*len = en->canonlen;
		return en->canon;
	}
	if (en->memo > 0) {
		*len = memory.m[en->memo - 1].canonlen;
		return memory.arena->str + memory.m[en->memo - 1].canon;
	}
	surface_of(text_s, en->first, en->last + 1);
	*len = surface->len;
	return surface->str;
}

static void
write_entities(GString *out)
{
	g_string_truncate(out, 0);
	if (nents > 1)
		qsort(ents, nents, sizeof *ents, by_start);
	for (size_t k = 0; k < nents; k++) {
		const struct entity *en = &ents[k];
		const char *name;
		size_t len;

		if (en->dead)
			continue;
		name = entity_name(en, &len);
		annot_append(out, type_name[en->type], 3, name, len,
		    text.w[en->first].start, text.w[en->last].end);
	}
}

static void
tag(struct record *r, GString *out)
{
	const struct nf_str *t = &r->f[NF_TEXT];

	if (r->f[NF_DOC].len != memory.doc->len ||
	    memcmp(r->f[NF_DOC].s, memory.doc->str, memory.doc->len) != 0)
		memory_reset(&r->f[NF_DOC]);
	split_words(&text, t->s, t->len);
	text_s = t->s;
	text_n = t->len;
	nents = 0;
	headline = is_headline();
	match_lexicon();
	for (size_t k = 0; k < nents; k++) {
		size_t klen, clen;
		const char *key = span_key(ents[k].first, ents[k].last + 1,
		    &klen);
		const char *canon = entity_name(&ents[k], &clen);

		remember((enum type)ents[k].type, canon, clen, key, klen);
	}
	guess_names(t->s);
	write_entities(out);
	r->f[NF_ENTITIES].s = out->str;
	r->f[NF_ENTITIES].len = out->len;
}

static void
load_data(void)
{
	fold_init();
	grow();
	lexicon_load_data("cues.tsv", cues_tsv, cues_tsv_len(), cue_row, NULL);
	lexicon_load_data("nonentities.tsv", nonent_tsv, nonent_tsv_len(),
	    nonent_row, NULL);
	if (!opt_no_default) {
		lexicon_load_data("places.tsv", places_tsv, places_tsv_len(),
		    lexicon_row, NULL);
		lexicon_load_data("lexicon.tsv", lexicon_tsv,
		    lexicon_tsv_len(), lexicon_row, NULL);
	}
	for (char **p = opt_lexicons; p != NULL && *p != NULL; p++)
		lexicon_load_file(*p, lexicon_row, NULL);
	common.data = common_tsv;
	common.size = common_tsv_len();
	firstnames.data = firstnames_tsv;
	firstnames.size = firstnames_tsv_len();
}

/* Give everything back, so that a leak checker sees no leak. */
static void
free_all(GString *out)
{
	g_string_free(out, TRUE);
	g_string_free(surface, TRUE);
	g_string_free(memory.doc, TRUE);
	g_string_free(memory.arena, TRUE);
	free(text.w);
	free(text.key);
	free(aux.w);
	free(aux.key);
	free(ents);
	free(tab.ent);
	free(tab.slot);
	free(tab.arena);
	free(common.off);
	free(common.cache);
	free(firstnames.off);
	free(firstnames.cache);
	g_strfreev(opt_lexicons);
}

int
main(int argc, char **argv)
{
	struct record_reader *rd;
	struct record_writer w;
	struct record r;
	GString *out = g_string_sized_new(256);

	nf_options_parse(&argc, &argv, "[FILE...]", summary, entries);
	surface = g_string_sized_new(64);
	memory.doc = g_string_new(NULL);
	memory.arena = g_string_sized_new(4096);
	load_data();
	rd = record_reader_open(argc - 1, argv + 1);
	record_writer_init(&w, stdout, "standard output", nf_line_buffered);
	while (record_read(rd, &r)) {
		tag(&r, out);
		record_write(&w, &r);
	}
	record_reader_close(rd);
	record_writer_close(&w);
	free_all(out);
	return NF_EXIT_OK;
}
