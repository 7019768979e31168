/*
 * declutter - drop the paragraphs of scraped articles that are not article
 * text: navigation, share and subscribe lines, credits, bylines, repeated
 * captions, comment boxes and a trailing reference section.
 *
 * The records of one document (contiguous, one doc id) are held, grouped
 * into paragraphs (records with one para number), classified, and written
 * out unchanged in their order; nothing else is held, so memory is one
 * document.  The classification follows jusText (Pomikalek, 2011), adapted
 * to text without markup:
 *   1. rules that decide alone: the title (para 0) stays; a phrase from the
 *      list, a paragraph without letters or digits, a navigation line, a
 *      byline, an author's note, a repeat of an earlier paragraph go;
 *   2. the others get a class from their length, stopword share, capitals
 *      and punctuation: good, near-good, short or bad; two sentences in a
 *      row are good;
 *   3. a trailing reference section is found and dropped;
 *   4. context: short and near-good paragraphs take the class of their
 *      nearest neighbours, so a subheading between two content paragraphs
 *      stays and a short line among furniture goes.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <unicase.h>
#include <unictype.h>
#include <unistr.h>

#include "cli.h"
#include "err.h"
#include "lexicon.h"
#include "record.h"
#include "utf8.h"

NF_EMBED(phrases_tsv, "filters/declutter/phrases.tsv")
NF_EMBED(stopwords_tsv, "filters/declutter/stopwords.tsv")

static const char summary[] =
    "Drop the paragraph records that are not article text: navigation, "
    "share and\nsubscribe lines, credits, bylines, repeated captions, "
    "comment boxes and a\ntrailing reference section.  Kept records are "
    "written unchanged.";

static char *opt_rejects, *opt_stopwords;
static char **opt_lexicons;
static gboolean opt_mark, opt_keep_refs, opt_no_default;

static const GOptionEntry entries[] = {
	{ "rejects", 0, 0, G_OPTION_ARG_FILENAME, &opt_rejects,
	  "Write the dropped records to FILE, each with its reason added",
	  "FILE" },
	{ "mark", 0, 0, G_OPTION_ARG_NONE, &opt_mark,
	  "Drop nothing: add a last field, content or the reason", NULL },
	{ "keep-references", 0, 0, G_OPTION_ARG_NONE, &opt_keep_refs,
	  "Keep a trailing reference section", NULL },
	{ "lexicon", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_lexicons,
	  "Also read the phrase list FILE (may be repeated)", "FILE" },
	{ "no-default", 0, 0, G_OPTION_ARG_NONE, &opt_no_default,
	  "Do not read the built-in phrase list", NULL },
	{ "stopwords", 0, 0, G_OPTION_ARG_FILENAME, &opt_stopwords,
	  "Read the stopwords from FILE instead of the built-in list", "FILE" },
	{ NULL, 0, 0, 0, NULL, NULL, NULL }
};

/*
 * Thresholds.  Lengths are in characters (code points), as in jusText,
 * whose values these are where the comment does not say otherwise.
 */
#define LENGTH_LOW	70	/* shorter is "short" */
#define LENGTH_HIGH	200	/* longer, with stopwords, is "good" */
#define STOP_HIGH	0.30	/* stopword share of running text */
#define STOP_LOW	0.15	/* news text with many names (ours) */
#define STOP_SHORT	0.20	/* a short sentence that reads as text */
#define CAPS_MAX	0.50	/* more capitalised words: a headline */
#define PHRASE_WORDS	40	/* start/any phrases: paragraphs this long */
#define NAV_ITEM_WORDS	4	/* words per item of a navigation line */
#define BYLINE_WORDS	10	/* "By Name and Name" */
#define EMAIL_WORDS	20	/* a short paragraph with an address */
#define DATE_WORDS	8	/* a dateline: "November 19, 2024" */
#define NEAR_WORDS	4	/* a near repeat shares this many words */
#define REF_CHARS	300	/* an unmarked reference item is shorter */
#define BIO_WORDS	80	/* an author's note after the article */
#define MAX_NAMES	4	/* names kept from the bylines */
#define MAX_CANDIDATES	64	/* repeats compared with, at most */
#define MAX_HEADINGS	8	/* reference headings tried, at most */

/* ---- string tables ---------------------------------------------------- */

static uint64_t
fnv(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
	return h;
}
#define FNV_INIT 0xcbf29ce484222325ULL

struct slot {
	uint64_t h;
	const char *s;		/* NULL: empty */
	size_t len;
	void *val;
};

/* Open addressing, at most half full. */
struct table {
	struct slot *v;
	size_t mask, n;
};

static struct slot *
table_find(const struct table *t, uint64_t h, const char *s, size_t len)
{
	size_t i = (size_t)h & t->mask;

	for (;; i = (i + 1) & t->mask) {
		struct slot *sl = &t->v[i];

		if (sl->s == NULL || (sl->h == h && sl->len == len &&
		    memcmp(sl->s, s, len) == 0))
			return sl;
	}
}

static void *
table_get(const struct table *t, uint64_t h, const char *s, size_t len)
{
	return t->v == NULL ? NULL : table_find(t, h, s, len)->val;
}

/* Add s (kept by the caller) with val; if s is there, only set its val. */
static void
table_put(struct table *t, const char *s, size_t len, void *val)
{
	uint64_t h = fnv(FNV_INIT, s, len);
	struct slot *sl;

	if (2 * (t->n + 1) > t->mask + 1 || t->v == NULL) {
		struct table bigger = { NULL, t->v ? 2 * t->mask + 1 : 63, 0 };

		bigger.v = g_new0(struct slot, bigger.mask + 1);
		for (size_t i = 0; t->v != NULL && i <= t->mask; i++)
			if (t->v[i].s != NULL) {
				*table_find(&bigger, t->v[i].h, t->v[i].s,
				    t->v[i].len) = t->v[i];
				bigger.n++;
			}
		g_free(t->v);
		*t = bigger;
	}
	sl = table_find(t, h, s, len);
	if (sl->s != NULL) {
		sl->val = val;
		return;
	}
	t->n++;
	*sl = (struct slot){ h, s, len, val };
}

/* ---- folding and counting --------------------------------------------- */

/*
 * Every paragraph is folded once, as it is read: letters and digits lower-
 * cased, every run of other characters one space, a colon kept after its
 * word, apostrophes inside words dropped.  The folded text is what phrases
 * and repeats are compared on; the same pass counts what the classes need.
 */
struct stats {
	unsigned chars;		/* code points */
	unsigned fwords;	/* words of the folded text */
	unsigned words;		/* runs of letters and digits */
	unsigned latin;		/* words with a Latin letter */
	unsigned foreign;	/* words with letters of other scripts only */
	unsigned stop;		/* Latin words in the stopword list */
	unsigned caps;		/* Latin words with a capital first */
	unsigned long_latin;	/* Latin words of more than 3 letters */
	unsigned latin_letters, foreign_letters;
	unsigned seps;		/* link-like: | > · » • #, a spaced / */
	unsigned stops;		/* . ! ? followed by a space */
	bool ends_sentence;	/* in . ! ? ... before closing quotes */
	bool email, first_by;
};

enum cc {			/* character classes */
	CC_PUNCT, CC_SPACE, CC_LOWER, CC_UPPER, CC_DIGIT, CC_FOREIGN,
	CC_SENT, CC_CLOSE, CC_APOS, CC_SEP, CC_SLASH, CC_HASH, CC_COLON,
	CC_AT, CC_MARK
};

static unsigned char ascii_class[128];
static unsigned char fold_byte[256];	/* ASCII letter, digit: folded */

static void
init_classes(void)
{
	for (int c = 0; c < 128; c++)
		ascii_class[c] = CC_PUNCT;
	for (int c = 'a'; c <= 'z'; c++) {
		ascii_class[c] = CC_LOWER;
		fold_byte[c] = (unsigned char)c;
	}
	for (int c = 'A'; c <= 'Z'; c++) {
		ascii_class[c] = CC_UPPER;
		fold_byte[c] = (unsigned char)(c | 0x20);
	}
	for (int c = '0'; c <= '9'; c++) {
		ascii_class[c] = CC_DIGIT;
		fold_byte[c] = (unsigned char)c;
	}
	ascii_class[' '] = ascii_class['\t'] = ascii_class['\v'] =
	    ascii_class['\f'] = CC_SPACE;
	ascii_class['.'] = ascii_class['!'] = ascii_class['?'] = CC_SENT;
	ascii_class['"'] = ascii_class[')'] = ascii_class[']'] = CC_CLOSE;
	ascii_class['\''] = CC_APOS;
	ascii_class['|'] = ascii_class['>'] = CC_SEP;
	ascii_class['/'] = CC_SLASH;
	ascii_class['#'] = CC_HASH;
	ascii_class[':'] = CC_COLON;
	ascii_class['@'] = CC_AT;
}

static enum cc
cp_class(uint32_t cp)
{
	switch (cp) {
	case 0x00A0: case 0x202F: case 0x205F: case 0x3000: case 0xFEFF:
		return CC_SPACE;
	case 0x2026: case 0x3002: case 0xFF01: case 0xFF1F:
		return CC_SENT;
	case 0x2019:				/* ’ apostrophe or closing */
		return CC_APOS;
	case 0x201D: case 0x300D: case 0x300F: case 0xFF09:
		return CC_CLOSE;
	case 0x00B7: case 0x00BB: case 0x203A: case 0x2022: case 0x2219:
	case 0x22C5: case 0x25B6: case 0x25B8: case 0x2192: case 0x30FB:
		return CC_SEP;
	case 0x00A9: case 0x24D2:		/* © ⓒ fold as words */
		return CC_MARK;
	}
	if (cp >= 0x2000 && cp <= 0x200B)
		return CC_SPACE;
	if (cp >= 0x00C0 && cp < 0x0250 && cp != 0x00D7 && cp != 0x00F7)
		return uc_is_upper(cp) ? CC_UPPER : CC_LOWER;
	if (uc_is_alpha(cp))
		return CC_FOREIGN;
	return CC_PUNCT;
}

static struct table stopwords;
static size_t stop_maxlen;

/* The document's folded text: paragraphs point into it by offset. */
struct folder {
	char *buf;
	size_t len, cap;
};

/* (inlined into fold_text, where the counts live in registers) */
#define HOT static inline __attribute__((always_inline))

struct word {
	size_t start;		/* in the folded text */
	bool in, latin, foreign, cap, apos;
};

/*
 * The stopwords of up to 16 bytes, looked up once per word of the text:
 * such a word is two 64-bit numbers (its bytes, zero padded), so a look-up
 * is a multiplication and two compares, and the hot loop that folds the
 * words need not hash them byte by byte.  Longer stopwords (a user's list
 * may have some) are looked up in the table stopwords, which holds them
 * all.  Open addressing, at most a quarter full, so that a word that is
 * no stopword mostly meets an empty slot at once; len 0 is empty.
 */
#define SHORT_WORD	16
struct short_word {
	uint64_t a, b;
	size_t len;
};
static struct short_word *stopset;
static size_t stopset_mask, stopset_n;

static inline size_t
short_slot(uint64_t a, uint64_t b, size_t len)
{
	uint64_t h = (a ^ (b * 0xc2b2ae3d27d4eb4fULL) ^ len) *
	    0x9e3779b97f4a7c15ULL;

	return (size_t)(h >> 32) & stopset_mask;
}

/* s[0..len), len <= SHORT_WORD, as two numbers; room: bytes readable. */
static inline void
short_pack(const char *s, size_t len, size_t room, uint64_t *a, uint64_t *b)
{
	unsigned char buf[SHORT_WORD] = { 0 };

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* the first k bytes of a little-endian load */
	static const uint64_t keep[9] = { 0, 0xff, 0xffff, 0xffffff,
	    0xffffffffULL, 0xffffffffffULL, 0xffffffffffffULL,
	    0xffffffffffffffULL, ~0ULL };

	if (room >= SHORT_WORD) {	/* one load, the bytes after masked */
		memcpy(a, s, 8);
		memcpy(b, s + 8, 8);
		*a &= keep[len < 8 ? len : 8];
		*b &= keep[len > 8 ? len - 8 : 0];
		return;
	}
#else
	(void)room;
#endif
	memcpy(buf, s, len);
	memcpy(a, buf, 8);
	memcpy(b, buf + 8, 8);
}

static void
stopset_add(const char *s, size_t len)
{
	struct short_word w = { 0, 0, len };
	size_t i;

	if (4 * (stopset_n + 1) > stopset_mask + 1) {
		struct short_word *old = stopset;
		size_t oldn = stopset ? stopset_mask + 1 : 0;

		stopset_mask = oldn ? 2 * oldn - 1 : 1023;
		stopset = g_new0(struct short_word, stopset_mask + 1);
		stopset_n = 0;
		for (size_t k = 0; k < oldn; k++)
			if (old[k].len > 0) {
				for (i = short_slot(old[k].a, old[k].b,
				    old[k].len); stopset[i].len > 0;
				    i = (i + 1) & stopset_mask)
					;
				stopset[i] = old[k];
				stopset_n++;
			}
		g_free(old);
	}
	short_pack(s, len, 0, &w.a, &w.b);
	for (i = short_slot(w.a, w.b, len); stopset[i].len > 0;
	    i = (i + 1) & stopset_mask)
		if (stopset[i].len == len && stopset[i].a == w.a &&
		    stopset[i].b == w.b)
			return;
	stopset[i] = w;
	stopset_n++;
}

/* Is the folded word s[0..len) a stopword?  room: bytes readable at s. */
HOT bool
is_stopword(const char *s, size_t len, size_t room)
{
	uint64_t a, b;

	if (len > SHORT_WORD)
		return table_get(&stopwords, fnv(FNV_INIT, s, len), s, len) !=
		    NULL;
	if (stopset == NULL)
		return false;
	short_pack(s, len, room, &a, &b);
	for (size_t i = short_slot(a, b, len); stopset[i].len > 0;
	    i = (i + 1) & stopset_mask)
		if (stopset[i].len == len && stopset[i].a == a &&
		    stopset[i].b == b)
			return true;
	return false;
}

HOT void
word_end(struct folder *f, struct word *w, struct stats *st)
{
	size_t len = f->len - w->start;

	if (!w->in)
		return;
	w->in = false;
	st->words++;
	if (w->latin) {
		st->latin++;
		st->caps += w->cap;
		st->long_latin += len > 3;
		if (len <= stop_maxlen && is_stopword(f->buf + w->start, len,
		    f->cap - w->start))
			st->stop++;
	} else if (w->foreign)
		st->foreign++;
	if (st->words == 1 && len == 2 && memcmp(f->buf + w->start, "by", 2)
	    == 0)
		st->first_by = true;
}

HOT void
word_begin(struct folder *f, struct word *w, size_t base, bool cap,
    struct stats *st)
{
	if (f->len > base)
		f->buf[f->len++] = ' ';
	*w = (struct word){ f->len, true, false, false, cap, false };
	st->fwords++;
}

/* An address: a name before @, a dotted domain after it. */
static bool
email_at(const char *s, size_t n, size_t at)
{
	size_t i = at + 1, dot = 0;

	if (at == 0 || !g_ascii_isalnum(s[at - 1]))
		return false;
	for (; i < n && (g_ascii_isalnum(s[i]) || s[i] == '.' || s[i] == '-');
	    i++)
		if (s[i] == '.')
			dot = i;
	return dot > at + 1 && dot + 1 < i && g_ascii_isalnum(s[dot + 1]);
}

/*
 * The hot loop of the program: a run of ASCII letters and digits from
 * s[i], copied lower-cased onto the folded text.  Returns where the run
 * ends.  8 bytes at a time while there are 8 to read and to write (a word
 * of 8 bytes or less costs no branch on its length), then byte by byte to
 * s[n], which is no letter or digit (see fold_text): no count needed.
 */
HOT size_t
fold_ascii_run(struct folder *f, struct word *w, size_t base, const char *s,
    size_t i, size_t n, struct stats *st)
{
	char *o;
	size_t j = i;
	unsigned char any = 0, c;

	if (!w->in)
		word_begin(f, w, base, g_ascii_isupper(s[i]), st);
	w->apos = false;
	o = f->buf + f->len;
#ifdef UTF8_WORD8
	while (j + 8 <= n && o + 8 <= f->buf + f->cap) {
		struct word8 w8;
		size_t len = utf8_word8(s + j, &w8);

		any |= w8.letters != 0 ? 0x40 : 0;
		memcpy(o, &w8.folded, 8);	/* past len: overwritten */
		o += len;
		j += len;
		if (len < 8)
			goto done;
	}
#else
	(void)n;
#endif
	while ((c = fold_byte[(unsigned char)s[j]]) != 0) {
		*o++ = (char)c;
		any |= c;
		j++;
	}
#ifdef UTF8_WORD8
done:
#endif
	f->len = (size_t)(o - f->buf);
	st->chars += (unsigned)(j - i);
	if (any & 0x40) {	/* a letter: digits are 0x30 to 0x39 */
		w->latin = true;
		st->latin_letters += (unsigned)(j - i);
	}
	return j;
}

/*
 * Fold s[0..n) onto f (whose paragraph began at base) and count into st.
 * s[n] must be readable and no ASCII letter or digit: the NUL after a
 * record's field or a C string.
 */
static void
fold_text(struct folder *fp, size_t base, const char *s, size_t n,
    struct stats *stp)
{
	struct word w = { .in = false };
	enum { L_NONE, L_SENT, L_OTHER } last = L_NONE;
	/* local copies: the compiler keeps them in registers, which it
	 * cannot do through pointers that the folded bytes might alias */
	struct folder lf = *fp, *f = &lf;
	struct stats lst = *stp, *st = &lst;

	if (f->cap < f->len + 2 * n + 8) {
		f->cap = 2 * (f->len + 2 * n + 8);
		f->buf = nf_xrealloc(f->buf, f->cap);
	}
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp = c;
		int k = 1, k2;
		enum cc cl;

		if (fold_byte[c] != 0) {
			i = fold_ascii_run(f, &w, base, s, i, n, st);
			last = L_OTHER;
			continue;
		}
		if (c < 0x80)
			cl = ascii_class[c];
		else {
			k = utf8_decode((const unsigned char *)s + i, n - i,
			    &cp);
			cl = cp_class(cp);
		}
		st->chars++;
		switch (cl) {
		case CC_LOWER:
		case CC_UPPER:
		case CC_DIGIT:
		case CC_FOREIGN:
			if (!w.in)
				word_begin(f, &w, base, cl == CC_UPPER, st);
			w.apos = false;
			last = L_OTHER;
			if (cl == CC_FOREIGN) {
				w.foreign = true;
				st->foreign_letters++;
			} else {
				w.latin = true;
				st->latin_letters++;
			}
			k2 = u8_uctomb((uint8_t *)f->buf + f->len,
			    uc_tolower(cp), 4);
			f->len += (size_t)k2;
			break;
		case CC_APOS:		/* inside a word: don't = dont */
			if (w.in && !w.apos)
				w.apos = true;
			else
				word_end(f, &w, st);
			break;
		case CC_SPACE:
		case CC_CLOSE:		/* leaves last: ." ends a sentence */
			word_end(f, &w, st);
			break;
		case CC_SENT:
			word_end(f, &w, st);
			last = L_SENT;
			if (i + (size_t)k < n && s[i + (size_t)k] == ' ')
				st->stops++;
			break;
		case CC_COLON:
			word_end(f, &w, st);
			if (f->len > base && f->buf[f->len - 1] != ':')
				f->buf[f->len++] = ':';
			last = L_OTHER;
			break;
		case CC_MARK:		/* a word of its own, not counted */
			word_end(f, &w, st);
			word_begin(f, &w, base, false, st);
			memcpy(f->buf + f->len, s + i, (size_t)k);
			f->len += (size_t)k;
			w.in = false;	/* not a word for the counts */
			last = L_OTHER;
			break;
		case CC_SLASH:		/* a separator only when spaced */
		case CC_HASH:		/* #tag, not #1 */
		case CC_SEP:
			word_end(f, &w, st);
			if (cl == CC_SEP ||
			    (cl == CC_SLASH && i > 0 && s[i - 1] == ' ' &&
			    i + 1 < n && s[i + 1] == ' ') ||
			    (cl == CC_HASH && (i == 0 || s[i - 1] == ' ') &&
			    i + 1 < n && g_ascii_isalpha(s[i + 1])))
				st->seps++;
			last = L_OTHER;
			break;
		case CC_AT:
			word_end(f, &w, st);
			if (email_at(s, n, i))
				st->email = true;
			last = L_OTHER;
			break;
		default:
			word_end(f, &w, st);
			last = L_OTHER;
			break;
		}
		i += (size_t)k;
	}
	word_end(f, &w, st);
	st->ends_sentence = last == L_SENT;
	*fp = lf;
	*stp = lst;
}

/* ---- the data: stopwords and phrases ---------------------------------- */

enum match { M_LINE, M_START, M_ANY };

struct phrase {
	char *text;		/* folded */
	size_t len;
	char *reason;		/* "phrase:NAME", or NULL for a heading */
	enum match match;
};

static struct table phrases;
/*
 * The first words of the start and any phrases, with which kinds begin
 * with them: most paragraphs are ruled out by one look-up per word.
 */
static struct table firsts;
enum { FIRST_START = 1, FIRST_ANY = 2 };
static unsigned line_maxwords, phrase_maxwords;
/* by first byte, bit n: a first word of n bytes (31: longer); at the
   start of a paragraph any phrase may begin, later only an any phrase */
static uint32_t start_mask[256], any_mask[256];

/* Fold a data row into a new string; its word count in *nwords. */
static char *
fold_row(const char *s, size_t *len, unsigned *nwords)
{
	struct folder f = { NULL, 0, 0 };
	struct stats st;

	memset(&st, 0, sizeof st);
	fold_text(&f, 0, s, strlen(s), &st);
	*len = f.len;
	*nwords = st.fwords;
	f.buf = nf_xrealloc(f.buf, f.len + 1);
	f.buf[f.len] = '\0';
	return f.buf;
}

static const char *
stopword_row(void *ctx, char **cols, int ncols)
{
	size_t len;
	unsigned nw;
	char *w;

	(void)ctx;
	if (ncols != 1)
		return "expected one column: a stopword";
	w = fold_row(cols[0], &len, &nw);
	if (nw != 1) {
		free(w);
		return "a stopword is one word of letters or digits";
	}
	if (table_get(&stopwords, fnv(FNV_INIT, w, len), w, len) != NULL)
		free(w);		/* listed twice, or it's = its */
	else {
		table_put(&stopwords, w, len, w);
		if (len <= SHORT_WORD)
			stopset_add(w, len);
	}
	if (len > stop_maxlen)
		stop_maxlen = len;
	return NULL;
}

static const char *
phrase_row(void *ctx, char **cols, int ncols)
{
	struct phrase *p, *old;
	unsigned nw;
	size_t first;
	uintptr_t flags;

	(void)ctx;
	if (ncols < 2 || ncols > 3)
		return "expected 2 or 3 columns: phrase, name, match";
	for (const char *c = cols[1]; *c != '\0'; c++)
		if (!g_ascii_islower(*c) && !g_ascii_isdigit(*c) &&
		    *c != '-' && *c != '_')
			return "a name is lower-case letters, digits, - and _";
	if (cols[1][0] == '\0')
		return "empty name";
	p = nf_xmalloc(sizeof *p);
	p->match = M_LINE;
	if (ncols == 3 && strcmp(cols[2], "start") == 0)
		p->match = M_START;
	else if (ncols == 3 && strcmp(cols[2], "any") == 0)
		p->match = M_ANY;
	else if (ncols == 3 && strcmp(cols[2], "line") != 0) {
		free(p);
		return "match is line, start or any";
	}
	p->text = fold_row(cols[0], &p->len, &nw);
	if (p->match == M_LINE && p->len > 0 && p->text[p->len - 1] == ':')
		p->text[--p->len] = '\0';
	if (p->len == 0 || nw > PHRASE_WORDS) {
		free(p->text);
		free(p);
		return nw ? "a phrase is at most 40 words" :
		    "a phrase needs a letter or digit";
	}
	if (strcmp(cols[1], "reference") == 0) {
		if (p->match != M_LINE) {
			free(p->text);
			free(p);
			return "a reference heading matches the whole line";
		}
		p->reason = NULL;
	} else
		p->reason = g_strconcat("phrase:", cols[1], NULL);
	/* a phrase listed again: the later row rules */
	old = table_get(&phrases, fnv(FNV_INIT, p->text, p->len), p->text,
	    p->len);
	if (old != NULL) {
		g_free(old->reason);
		old->reason = p->reason;
		old->match = p->match;
		free(p->text);
		free(p);
		p = old;
	} else
		table_put(&phrases, p->text, p->len, p);
	if (p->match == M_LINE) {
		line_maxwords = MAX(line_maxwords, nw);
		return NULL;
	}
	phrase_maxwords = MAX(phrase_maxwords, nw);
	first = strcspn(p->text, " ");
	first -= p->text[first - 1] == ':';	/* see match_from() */
	flags = (uintptr_t)table_get(&firsts, fnv(FNV_INIT, p->text, first),
	    p->text, first);
	flags |= p->match == M_ANY ? FIRST_ANY : FIRST_START;
	table_put(&firsts, p->text, first, (void *)flags);
	start_mask[(unsigned char)p->text[0]] |= 1U << MIN(first, 31);
	if (p->match == M_ANY)
		any_mask[(unsigned char)p->text[0]] |= 1U << MIN(first, 31);
	return NULL;
}

static void
load_data(void)
{
	if (opt_stopwords != NULL)
		lexicon_load_file(opt_stopwords, stopword_row, NULL);
	else
		lexicon_load_data("stopwords.tsv", stopwords_tsv,
		    stopwords_tsv_len(), stopword_row, NULL);
	if (!opt_no_default)
		lexicon_load_data("phrases.tsv", phrases_tsv,
		    phrases_tsv_len(), phrase_row, NULL);
	for (char **l = opt_lexicons; l != NULL && *l != NULL; l++)
		lexicon_load_file(*l, phrase_row, NULL);
}

/* ---- one document ----------------------------------------------------- */

enum cls { C_BAD, C_SHORT, C_NEARGOOD, C_GOOD };

struct para {
	size_t first, n;	/* its records: doc.recs[first..first+n) */
	size_t fold, foldlen;	/* its folded text in doc.fold */
	size_t next_head, next_tail;	/* repeat candidates, chained */
	struct stats st;
	enum cls cls;		/* as classified, then revised */
	enum cls first_cls;	/* before the context pass */
	const char *reason;	/* decided by a rule, or NULL */
	bool title, heading, repeated, in_refs;
};

struct doc {
	struct record **recs;
	size_t nrecs, caprecs;
	struct para *paras;
	size_t nparas, capparas;
	struct folder fold;
	uint64_t *keys;		/* repeat candidates: key -> first para */
	size_t *heads, keymask;
};

static struct doc doc;

/*
 * The document's records are copied into large blocks that the next
 * document reuses: no malloc and free per record.  Memory is the largest
 * document's, as with one allocation per record.
 */
#define BLOCK_SIZE	(64 * 1024)
struct block {
	struct block *next;
	size_t size, used;
	max_align_t data[];
};
static struct block *blocks, *block_cur;

static void *
pool_alloc(size_t n)
{
	struct block *b = block_cur;

	n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) *
	    sizeof(max_align_t);
	if (b != NULL && b->size - b->used < n) {
		/* the next block, unless it is too small for a long record */
		if (b->next != NULL && b->next->size - b->next->used < n) {
			struct block *small = b->next;

			b->next = small->next;
			free(small);
		}
		b = b->next;
	}
	if (b == NULL || b->size - b->used < n) {
		size_t size = n > BLOCK_SIZE ? n : BLOCK_SIZE;

		b = nf_xmalloc(sizeof *b + size);
		b->size = size;
		b->used = 0;
		if (block_cur == NULL) {
			b->next = blocks;
			blocks = b;
		} else {
			b->next = block_cur->next;
			block_cur->next = b;
		}
	}
	block_cur = b;
	b->used += n;
	return (char *)b->data + b->used - n;
}

/* Every block empty again, for the next document. */
static void
pool_reset(void)
{
	for (struct block *b = blocks; b != NULL; b = b->next)
		b->used = 0;
	block_cur = blocks;
}

static void
pool_free(void)
{
	while (blocks != NULL) {
		struct block *next = blocks->next;

		free(blocks);
		blocks = next;
	}
	block_cur = NULL;
}

/* record_clone() into the pool. */
static struct record *
pool_clone(const struct record *r)
{
	return record_clone_into(r, pool_alloc(record_clone_size(r)));
}

/* The first two words of the names in the document's bylines. */
static struct nf_str names[MAX_NAMES];
static int nnames;
static struct record_writer out, rejects;

#define NONE SIZE_MAX

static void
doc_add(const struct record *r)
{
	struct para *p;

	if (doc.nrecs == doc.caprecs) {
		doc.caprecs = doc.caprecs ? 2 * doc.caprecs : 64;
		doc.recs = nf_xrealloc(doc.recs, doc.caprecs * sizeof *doc.recs);
	}
	doc.recs[doc.nrecs] = pool_clone(r);
	p = doc.nparas ? &doc.paras[doc.nparas - 1] : NULL;
	if (p == NULL || doc.recs[p->first]->para != r->para) {
		if (doc.nparas == doc.capparas) {
			doc.capparas = doc.capparas ? 2 * doc.capparas : 64;
			doc.paras = nf_xrealloc(doc.paras,
			    doc.capparas * sizeof *doc.paras);
		}
		p = &doc.paras[doc.nparas++];
		memset(p, 0, sizeof *p);
		p->first = doc.nrecs;
		p->fold = doc.fold.len;
		p->title = r->para == 0;
	}
	p->n++;
	doc.nrecs++;
	fold_text(&doc.fold, p->fold, r->f[NF_TEXT].s, r->f[NF_TEXT].len,
	    &p->st);
	p->foldlen = doc.fold.len - p->fold;
}

static const char *
folded(const struct para *p)
{
	return doc.fold.buf + p->fold;
}

/* ---- rules that decide alone ------------------------------------------ */

/* Whether a word of len bytes starting with byte c may begin a phrase. */
static bool
may_begin(const uint32_t *mask, const char *w, size_t len)
{
	return mask[(unsigned char)*w] & (1U << MIN(len, 31));
}

/* The start or any phrase s[0..n), h its hash, at word i of a text. */
static const struct phrase *
probe(uint64_t h, const char *s, size_t n, size_t i)
{
	const struct phrase *ph = table_get(&phrases, h, s, n);

	if (ph == NULL || ph->reason == NULL || ph->match == M_LINE ||
	    (ph->match == M_START && i > 0))
		return NULL;
	return ph;
}

/* The end of the word that begins at s[i]. */
static size_t
word_end_at(const char *s, size_t len, size_t i)
{
	const char *sp = memchr(s + i, ' ', len - i);

	return sp ? (size_t)(sp - s) : len;
}

/*
 * The longest phrase made of the words of s[0..len) from the one at i
 * (ending at e), or NULL.  A phrase matches before a colon too: "posted
 * on" fits "Posted on: ..."; "credit:" needs the colon.
 */
static const struct phrase *
match_from(const char *s, size_t len, size_t i, size_t e)
{
	const struct phrase *ph, *best = NULL;
	bool colon = s[e - 1] == ':';
	uint64_t h = fnv(FNV_INIT, s + i, e - i - colon);
	uintptr_t fl = (uintptr_t)table_get(&firsts, h, s + i, e - i - colon);

	if (!(fl & FIRST_ANY) && !(i == 0 && (fl & FIRST_START)))
		return NULL;
	for (unsigned k = 1;; k++) {
		size_t from;

		if (colon) {
			if ((ph = probe(h, s + i, e - 1 - i, i)) != NULL)
				best = ph;
			h = fnv(h, ":", 1);
		}
		if ((ph = probe(h, s + i, e - i, i)) != NULL)
			best = ph;
		if (e == len || k == phrase_maxwords)
			return best;
		from = e;		/* the space, then the next word */
		e = word_end_at(s, len, e + 1);
		colon = s[e - 1] == ':';
		h = fnv(h, s + from, e - from - colon);
	}
}

/* The phrase that matches p, or NULL. */
static const struct phrase *
match_phrase(const struct para *p)
{
	const char *s = folded(p);
	size_t len = p->foldlen;
	const struct phrase *ph;

	if (phrases.n == 0 || p->st.fwords > PHRASE_WORDS || len == 0)
		return NULL;
	if (p->st.fwords <= line_maxwords) {
		/* the whole line, a colon at its end ignored */
		size_t n = len - (s[len - 1] == ':');

		ph = table_get(&phrases, fnv(FNV_INIT, s, n), s, n);
		if (ph != NULL && ph->match == M_LINE)
			return ph;
	}
	/* from each word that may begin a phrase, runs as long as one */
	for (size_t i = 0, e; i < len; i = e + 1) {
		e = word_end_at(s, len, i);
		if (may_begin(i == 0 ? start_mask : any_mask, s + i,
		    e - i - (s[e - 1] == ':')) &&
		    (ph = match_from(s, len, i, e)) != NULL)
			return ph;
	}
	return NULL;
}

/* Short items between separators: Home > News, Politics | East Asia. */
static bool
is_nav(const struct stats *st)
{
	return st->seps > 0 && !st->ends_sentence &&
	    st->words <= NAV_ITEM_WORDS * (st->seps + 1);
}

/* "By Name and Name", or a short paragraph with an e-mail address. */
static bool
is_byline(const struct stats *st)
{
	if (st->email && st->words <= EMAIL_WORDS)
		return true;
	return st->first_by && st->words >= 2 && st->words <= BYLINE_WORDS &&
	    !st->ends_sentence && st->stops == 0 && 2 * st->caps > st->latin;
}

/* Keep "a b" and "d e" from "by a b c and d e". */
static void
byline_names(const struct para *p)
{
	const char *s = folded(p);
	size_t start = 0;
	unsigned seg = 0;

	for (size_t i = 3, j; i < p->foldlen && nnames < MAX_NAMES; i = j + 1) {
		for (j = i; j < p->foldlen && s[j] != ' '; j++)
			continue;
		if (j - i == 3 && memcmp(s + i, "and", 3) == 0)
			seg = 0;
		else if (seg++ == 0)
			start = i;
		else if (seg == 2)
			names[nnames++] = (struct nf_str){ s + start, j - start };
	}
}

/* An author's note: "A B is a fellow at...", A B from a byline. */
static bool
is_bio(const struct para *p)
{
	const char *s = folded(p);

	if (p->st.fwords > BIO_WORDS)
		return false;
	for (int k = 0; k < nnames; k++)
		if (p->foldlen > names[k].len && s[names[k].len] == ' ' &&
		    memcmp(s, names[k].s, names[k].len) == 0)
			return true;
	return false;
}

/* ---- repeats ------------------------------------------------------------ */

/*
 * A repeat is the same folded text, or one that begins or ends with the
 * whole of an earlier one (or the other way round) and differs by a few
 * words: a caption printed again with its credit.  Candidates share their
 * first or last NEAR_WORDS words, found through a small hash table.
 */
static uint64_t
head_key(const struct para *p)
{
	const char *s = folded(p);
	size_t i = 0;

	for (unsigned w = 0; i < p->foldlen; i++)
		if (s[i] == ' ' && ++w == NEAR_WORDS)
			break;
	return fnv(FNV_INIT, s, i) ^ 1;
}

static uint64_t
tail_key(const struct para *p)
{
	const char *s = folded(p);
	size_t i = p->foldlen;

	for (unsigned w = 0; i > 0; i--)
		if (s[i - 1] == ' ' && ++w == NEAR_WORDS)
			break;
	return fnv(FNV_INIT, s + i, p->foldlen - i) ^ 2;
}

static bool
near_repeat(const struct para *a, const struct para *b, bool tail)
{
	const struct para *s = a->foldlen <= b->foldlen ? a : b;
	const struct para *l = s == a ? b : a;
	unsigned sw = s->st.fwords, lw = l->st.fwords;

	if (s->foldlen == l->foldlen)
		return memcmp(folded(s), folded(l), s->foldlen) == 0;
	if (sw < NEAR_WORDS || lw < sw || lw - sw > MAX(3, sw / 4))
		return false;
	if (tail)
		return folded(l)[l->foldlen - s->foldlen - 1] == ' ' &&
		    memcmp(folded(l) + l->foldlen - s->foldlen, folded(s),
		    s->foldlen) == 0;
	return folded(l)[s->foldlen] == ' ' &&
	    memcmp(folded(l), folded(s), s->foldlen) == 0;
}

/* Look key up, chain para i to what is there; return the chain. */
static size_t
key_insert(uint64_t key, size_t i, size_t *next)
{
	size_t k = (size_t)key & doc.keymask, head;

	while (doc.heads[k] != NONE && doc.keys[k] != key)
		k = (k + 1) & doc.keymask;
	head = doc.heads[k];
	doc.keys[k] = key;
	doc.heads[k] = i;
	*next = head;
	return head;
}

/*
 * The earlier paragraph that p[i] repeats, or NONE.  Only the latest
 * MAX_CANDIDATES of a chain are compared, so that a document of many
 * paragraphs alike (a long numbered list) stays linear.
 */
static size_t
find_repeat(size_t i)
{
	struct para *p = &doc.paras[i];
	size_t j;
	int n;

	for (j = key_insert(head_key(p), i, &p->next_head), n = 0;
	    j != NONE && n < MAX_CANDIDATES; j = doc.paras[j].next_head, n++)
		if (near_repeat(&doc.paras[j], p, false))
			return j;
	for (j = key_insert(tail_key(p), i, &p->next_tail), n = 0;
	    j != NONE && n < MAX_CANDIDATES; j = doc.paras[j].next_tail, n++)
		if (near_repeat(&doc.paras[j], p, true))
			return j;
	return NONE;
}

static void
reset_keys(void)
{
	size_t want = 4;

	while (want < 4 * doc.nparas)
		want *= 2;
	if (want > doc.keymask + 1 || doc.keys == NULL) {
		free(doc.keys);
		free(doc.heads);
		doc.keys = nf_xmalloc(want * sizeof *doc.keys);
		doc.heads = nf_xmalloc(want * sizeof *doc.heads);
		doc.keymask = want - 1;
	}
	for (size_t k = 0; k <= doc.keymask; k++)
		doc.heads[k] = NONE;
}

/* ---- classes ------------------------------------------------------------ */

/* A 4-digit year 1900-2099 standing alone among the digits. */
static bool
has_year(const char *s, size_t n)
{
	for (size_t i = 0; i + 4 <= n; i++)
		if ((s[i] == '1' && s[i + 1] == '9') ||
		    (s[i] == '2' && s[i + 1] == '0'))
			if (g_ascii_isdigit(s[i + 2]) &&
			    g_ascii_isdigit(s[i + 3]) &&
			    (i == 0 || !g_ascii_isdigit(s[i - 1])) &&
			    (i + 4 == n || !g_ascii_isdigit(s[i + 4])))
				return true;
	return false;
}

static bool
has_url(const char *s, size_t n)
{
	return g_strstr_len(s, (gssize)n, "http") != NULL ||
	    g_strstr_len(s, (gssize)n, "www.") != NULL;
}

/* Whether the text of a record of p satisfies has(). */
static bool
para_has(const struct para *p, bool (*has)(const char *, size_t))
{
	for (size_t k = p->first; k < p->first + p->n; k++)
		if (has(doc.recs[k]->f[NF_TEXT].s, doc.recs[k]->f[NF_TEXT].len))
			return true;
	return false;
}

static enum cls
classify(const struct para *p)
{
	const struct stats *st = &p->st;
	unsigned counted = st->words - st->foreign;
	double stop = counted ? (double)st->stop / counted : 0;
	double caps = st->latin ? (double)st->caps / st->latin : 0;
	bool foreign = st->foreign_letters > st->latin_letters;
	bool text = st->ends_sentence || st->stops > 0;

	if (st->chars < LENGTH_LOW) {
		/* Korean or Chinese: no stopwords to count, so no verdict */
		if (foreign)
			return C_NEARGOOD;
		if (text && st->words >= 3 && stop >= STOP_SHORT)
			return C_NEARGOOD;
		/* a dateline: November 19, 2024; Nov. 19, 2024 7:15 a.m. */
		if (st->words <= DATE_WORDS && st->long_latin <= 2 &&
		    para_has(p, has_year))
			return C_NEARGOOD;
		return C_SHORT;
	}
	if (foreign)
		return text && st->chars > LENGTH_HIGH ? C_GOOD : C_NEARGOOD;
	if (stop >= STOP_HIGH)
		return st->chars > LENGTH_HIGH ? C_GOOD : C_NEARGOOD;
	if (stop >= STOP_LOW && (text || caps <= CAPS_MAX))
		return C_NEARGOOD;
	return C_BAD;
}

/* Text that is not short and ends as a sentence does. */
static bool
is_sentence(const struct para *p)
{
	return p->reason == NULL && !p->title && p->cls >= C_NEARGOOD &&
	    p->st.chars >= LENGTH_LOW && p->st.ends_sentence;
}

/* The rules that decide alone, then the classes of the rest. */
static void
classify_all(void)
{
	reset_keys();
	nnames = 0;
	for (size_t i = 0; i < doc.nparas; i++) {
		struct para *p = &doc.paras[i];
		const struct phrase *ph;
		size_t j;

		p->cls = C_BAD;
		j = find_repeat(i);
		if (p->title) {
			p->cls = C_GOOD;
			continue;
		}
		if ((ph = match_phrase(p)) != NULL && ph->reason != NULL)
			p->reason = ph->reason;
		else if (p->st.latin_letters + p->st.foreign_letters == 0 &&
		    p->st.words == 0)
			p->reason = "symbols";
		else if (is_nav(&p->st))
			p->reason = "nav";
		else if (is_byline(&p->st)) {
			p->reason = "byline";
			if (p->st.first_by)
				byline_names(p);
		} else if (is_bio(p))
			p->reason = "bio";
		else if (j != NONE) {
			p->reason = "duplicate";
			doc.paras[j].repeated = true;
		} else {
			p->heading = ph != NULL;
			p->cls = classify(p);
		}
	}
	/*
	 * What is printed twice (a title, a caption) is not furniture; but a
	 * name printed at the top and at the foot is.
	 */
	for (size_t i = 0; i < doc.nparas; i++) {
		struct para *p = &doc.paras[i];

		if (p->repeated && p->reason == NULL && p->cls < C_NEARGOOD &&
		    p->st.fwords >= NEAR_WORDS)
			p->cls = C_NEARGOOD;
	}
	/*
	 * Two sentences in a row are body text, however short or full of
	 * names: a wire brief has no paragraph long enough to be good alone.
	 */
	for (size_t i = 0; i < doc.nparas; i++) {
		struct para *p = &doc.paras[i];

		if (is_sentence(p) && ((i > 0 && is_sentence(p - 1)) ||
		    (i + 1 < doc.nparas && is_sentence(p + 1))))
			p->first_cls = C_GOOD;
		else
			p->first_cls = p->cls;
	}
	for (size_t i = 0; i < doc.nparas; i++)
		doc.paras[i].cls = doc.paras[i].first_cls;
}

/* ---- the reference section --------------------------------------------- */

/* The number of a footnote mark that begins s: [1] ^1 1. 1) (1); or -1. */
static long
footnote_mark(const char *s, size_t n, bool *strong)
{
	size_t i = 0, d;
	long v = 0;
	char open;

	while (i < n && s[i] == ' ')
		i++;
	open = i < n ? s[i] : 0;
	if (open == '[' || open == '(' || open == '^')
		i++;
	for (d = i; i < n && i - d < 4 && g_ascii_isdigit(s[i]); i++)
		v = v * 10 + (s[i] - '0');
	if (i == d || i >= n)
		return -1;
	*strong = open == '[' || open == '^';
	if ((open == '[' && s[i] == ']') || (open == '(' && s[i] == ')') ||
	    (open == '^' && (s[i] == ' ' || s[i] == '.')) ||
	    (!*strong && open != '(' && (s[i] == '.' || s[i] == ')') &&
	    i + 1 < n && s[i + 1] == ' '))
		return v;
	return -1;
}

static long
para_mark(const struct para *p, bool *strong)
{
	const struct record *r = doc.recs[p->first];

	return footnote_mark(r->f[NF_TEXT].s, r->f[NF_TEXT].len, strong);
}

/* A footnote mark, an address on the web, or a short text with a year. */
static bool
is_reference(const struct para *p)
{
	bool strong;

	return para_mark(p, &strong) >= 0 || para_has(p, has_url) ||
	    (p->st.chars < REF_CHARS && para_has(p, has_year));
}

/*
 * A heading (References, Notes, Sources...) after some article text opens
 * the section when what follows reads as references: at least half of it
 * marked, linked or dated, and no plain paragraph of good text.
 */
static bool
heading_opens(size_t h)
{
	size_t refs = 0, others = 0, text = 0;

	for (size_t i = 1; i < h; i++)
		text += doc.paras[i].reason == NULL &&
		    doc.paras[i].cls >= C_NEARGOOD;
	if (text == 0)
		return false;
	for (size_t i = h + 1; i < doc.nparas; i++) {
		const struct para *p = &doc.paras[i];

		if (p->reason != NULL)
			continue;
		if (is_reference(p))
			refs++;
		else if (p->cls == C_GOOD)
			return false;
		else
			others++;
	}
	return refs >= others;
}

/*
 * Without a heading: a run of numbered notes at the very end (furniture
 * after it aside), counting down to 1.  [1] and ^1 marks suffice; 1. and
 * 1) need two notes or more, each linked or dated.
 */
static size_t
numbered_start(void)
{
	long want = -1;
	size_t items = 0;
	bool strong = false, cited = true;

	for (size_t i = doc.nparas; i-- > 1;) {
		const struct para *p = &doc.paras[i];
		long m;

		if (p->reason != NULL)
			continue;
		if ((m = para_mark(p, &strong)) < 0 ||
		    (want >= 0 && m != want))
			return NONE;
		items++;
		cited = cited && (para_has(p, has_url) ||
		    para_has(p, has_year));
		if (m == 1)
			return strong || (items >= 2 && cited) ? i : NONE;
		want = m - 1;
	}
	return NONE;
}

static void
find_references(void)
{
	size_t start = NONE;
	int tried = 0;

	/* each try reads the rest of the document: a few at most */
	for (size_t i = 1; i < doc.nparas && start == NONE &&
	    tried < MAX_HEADINGS; i++)
		if (doc.paras[i].heading && (tried++, heading_opens(i)))
			start = i;
	if (start == NONE)
		start = numbered_start();
	for (size_t i = start; i < doc.nparas; i++) {
		struct para *p = &doc.paras[i];

		p->in_refs = true;
		if (p->reason == NULL) {
			p->reason = "reference";
			p->cls = C_BAD;
		}
	}
}

/* ---- context ------------------------------------------------------------ */

/*
 * For each paragraph, the class of its nearest neighbour before and after
 * that is not short (nor near-good, if skip_near); the document's edges
 * count as bad.  Two passes, so that long runs of short lines stay linear.
 */
static void
neighbours(enum cls *before, enum cls *after, bool skip_near)
{
	enum cls c = C_BAD;

	for (size_t i = 0; i < doc.nparas; i++) {
		before[i] = c;
		if (doc.paras[i].cls != C_SHORT &&
		    (doc.paras[i].cls != C_NEARGOOD || !skip_near))
			c = doc.paras[i].cls;
	}
	c = C_BAD;
	for (size_t i = doc.nparas; i-- > 0;) {
		after[i] = c;
		if (doc.paras[i].cls != C_SHORT &&
		    (doc.paras[i].cls != C_NEARGOOD || !skip_near))
			c = doc.paras[i].cls;
	}
}

/*
 * jusText's context pass: short paragraphs first, then near-good ones.
 * A short one between good ones is good, between bad ones bad; between a
 * good and a bad one it is good only if near-good text stands next to it
 * on the bad side.  A near-good one is bad only between bad ones.
 * Two zones differ from a web page: near-good text in the head (between
 * the title and the first good paragraph) stays, for a dek, a caption or a
 * dateline sits among the furniture there; and so does a near-good
 * sentence in the body (up to the last good paragraph), for the furniture
 * there is an advertisement or a link put between paragraphs.
 */
static void
revise(void)
{
	size_t n = doc.nparas, head_end = 0, body_end = 0;
	enum cls *nc = g_new(enum cls, 5 * n);
	enum cls *prev = nc + n, *next = nc + 2 * n;
	enum cls *prev_any = nc + 3 * n, *next_any = nc + 4 * n;

	while (head_end < n && (doc.paras[head_end].cls != C_GOOD ||
	    doc.paras[head_end].title))
		head_end++;
	for (size_t i = head_end; i < n; i++)
		if (doc.paras[i].cls == C_GOOD)
			body_end = i;

	neighbours(prev, next, true);
	neighbours(prev_any, next_any, false);
	for (size_t i = 0; i < n; i++) {
		nc[i] = doc.paras[i].cls;
		if (nc[i] != C_SHORT)
			continue;
		if (prev[i] == C_GOOD && next[i] == C_GOOD)
			nc[i] = C_GOOD;
		else if (prev[i] == C_BAD && next[i] == C_BAD)
			nc[i] = C_BAD;
		else
			nc[i] = (prev[i] == C_BAD && prev_any[i] == C_NEARGOOD) ||
			    (next[i] == C_BAD && next_any[i] == C_NEARGOOD) ?
			    C_GOOD : C_BAD;
	}
	for (size_t i = 0; i < n; i++)
		doc.paras[i].cls = nc[i];

	neighbours(prev, next, true);
	for (size_t i = 0; i < n; i++)
		if (doc.paras[i].cls == C_NEARGOOD)
			doc.paras[i].cls = i < head_end ||
			    (i < body_end && doc.paras[i].st.ends_sentence) ||
			    prev[i] != C_BAD || next[i] != C_BAD ?
			    C_GOOD : C_BAD;
	g_free(nc);
}

/* ---- output ------------------------------------------------------------- */

/* NULL to keep p, else why it goes. */
static const char *
verdict(const struct para *p)
{
	if (p->title)
		return NULL;
	if (p->in_refs && opt_keep_refs && strcmp(p->reason, "reference") == 0)
		return NULL;
	if (p->reason != NULL)
		return p->reason;
	if (p->cls == C_GOOD)
		return NULL;
	switch (p->first_cls) {
	case C_SHORT:
		return "short";
	case C_NEARGOOD:
		return "context";
	default:
		return "nontext";
	}
}

static void
emit(const struct para *p)
{
	const char *why = verdict(p);

	for (size_t k = p->first; k < p->first + p->n; k++) {
		const struct record *r = doc.recs[k];

		if (opt_mark)
			record_write_add(&out, r, why ? why : "content",
			    strlen(why ? why : "content"));
		else if (why == NULL)
			record_write(&out, r);
		else if (opt_rejects != NULL)
			record_write_add(&rejects, r, why, strlen(why));
	}
}

static void
doc_flush(void)
{
	if (doc.nrecs == 0)
		return;
	classify_all();
	find_references();
	revise();
	for (size_t i = 0; i < doc.nparas; i++)
		emit(&doc.paras[i]);
	pool_reset();
	doc.nrecs = doc.nparas = doc.fold.len = 0;
}

static bool
same_doc(const struct record *a, const struct record *b)
{
	return a->f[NF_DOC].len == b->f[NF_DOC].len &&
	    memcmp(a->f[NF_DOC].s, b->f[NF_DOC].s, a->f[NF_DOC].len) == 0;
}

int
main(int argc, char **argv)
{
	struct record_reader *rd;
	struct record r;

	nf_options_parse(&argc, &argv, "[FILE...]", summary, entries);
	if (opt_mark && opt_rejects != NULL)
		nf_usage_error("--mark and --rejects exclude each other");
	init_classes();
	load_data();
	record_writer_init(&out, stdout, "standard output", nf_line_buffered);
	if (opt_rejects != NULL)
		record_writer_open(&rejects, opt_rejects, nf_line_buffered);
	rd = record_reader_open(argc - 1, argv + 1);
	while (record_read(rd, &r)) {
		if (doc.nrecs > 0 && !same_doc(doc.recs[0], &r))
			doc_flush();
		doc_add(&r);
	}
	doc_flush();
	record_reader_close(rd);
	if (opt_rejects != NULL)
		record_writer_close(&rejects);
	record_writer_close(&out);
	free(doc.recs);
	pool_free();
	free(doc.paras);
	free(doc.fold.buf);
	free(doc.keys);
	free(doc.heads);
	return NF_EXIT_OK;
}
