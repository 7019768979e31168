/*
 * date-resolve - find the temporal expressions of field 5 and resolve them.
 *
 * usage: date-resolve [-l] [--date YYYY-MM-DD] [--lexicon FILE]...
 *            [--no-default] [FILE...]
 *
 * Writes field 7 as items TYPE:VALUE@START-END (TYPE DATE, TIME, DURATION or
 * SET; VALUE a TIMEX3 value; START-END byte offsets into field 5), replacing
 * whatever field 7 held.  Values are resolved against field 4, else --date;
 * without either, values that need a reference date get TIMEX3 X forms.
 *
 * How it works: field 5 is cut into tokens (words, numbers, punctuation) in
 * one pass, every word looked up in one hash table built from the TSV data.
 * At each token that can start an expression, a small hand-written grammar
 * (the m_* matchers below) is tried and the longest match wins.  Nothing is
 * allocated per token: the token array and the output buffer are reused.
 */
#include <limits.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "annot.h"
#include "cli.h"
#include "err.h"
#include "lexicon.h"
#include "record.h"
#include "utf8.h"

NF_EMBED(calendar_tsv, "filters/date-resolve/calendar.tsv")
NF_EMBED(numbers_tsv, "filters/date-resolve/numbers.tsv")
NF_EMBED(cues_tsv, "filters/date-resolve/cues.tsv")
NF_EMBED(phrases_tsv, "filters/date-resolve/phrases.tsv")

static char *opt_date;
static char **opt_lexicon;
static gboolean opt_no_default;

static const GOptionEntry options[] = {
	{ "date", 0, 0, G_OPTION_ARG_STRING, &opt_date,
	  "Reference date for records whose field 4 is empty", "YYYY-MM-DD" },
	{ "lexicon", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_lexicon,
	  "Also load the words and phrases of FILE (repeatable)", "FILE" },
	{ "no-default", 0, 0, G_OPTION_ARG_NONE, &opt_no_default,
	  "Do not load the built-in words and phrases", NULL },
	{ NULL, 0, 0, 0, NULL, NULL, NULL }
};

#define MAXWORD	24		/* longer words are never looked up */
#define MAXVAL	32		/* longest value, with its NUL */
#define MAXPTOK	8		/* most tokens in a phrase */
#define MAXTOK	(1u << 30)	/* longest token: longer runs are cut */
#define NONE	(-1)

/* ------------------------------------------------------------------ */
/* The lexicon: one entry per word, a list of phrases per first word.  */

enum type { TY_NONE, TY_DATE, TY_TIME, TY_DURATION, TY_SET,
	TY_MERIDIEM, TY_SHIFT };	/* the last two are grammar words */
static const char *const type_names[] = { "", "DATE", "TIME", "DURATION",
	"SET", NULL };

enum unit { U_NONE, U_Y, U_M, U_W, U_D, U_H, U_MIN, U_S, U_DE, U_CE, U_Q,
	U_WE, U_HALF };
/* As written in the data files and in phrase templates (ref+1D). */
static const char *const unit_names[] = { "", "Y", "M", "W", "D", "H", "MIN",
	"S", "DE", "CE", "Q", "WE", "HALF", NULL };
enum rel { R_NONE, R_THIS, R_LAST, R_NEXT, R_PAST, R_COMING, R_FOLLOWING,
	R_PREVIOUS, R_RECENT };
static const char *const rel_names[] = { "", "this", "last", "next", "past",
	"coming", "following", "previous", "recent", NULL };
enum part { P_NONE, P_EARLY, P_MID, P_LATE, P_EARLIER, P_LATER };
static const char *const part_names[] = { "", "early", "mid", "late",
	"earlier", "later", NULL };
enum edge { E_NONE, E_START, E_END, E_MIDDLE };
static const char *const edge_names[] = { "", "start", "end", "middle",
	NULL };
enum shift { SH_NONE, SH_AGO, SH_LATER, SH_EARLIER, SH_HENCE };
static const char *const shift_names[] = { "", "ago", "later", "earlier",
	"hence", NULL };
enum every { EV_NONE, EV_EACH, EV_OTHER, EV_PER };
static const char *const every_names[] = { "", "each", "other", "per",
	NULL };
enum link { L_NONE, L_OF, L_TO, L_AND, L_AT };
static const char *const link_names[] = { "", "of", "to", "and", "at",
	NULL };
enum tense { T_NONE, T_PAST, T_FUTURE, T_PRESENT, T_MODAL };
static const char *const tense_names[] = { "", "past", "future", "present",
	"modal", NULL };
enum sfx { X_NONE, X_DECADE, X_ORD, X_AM, X_PM, X_OTHER };
static const char *const sfx_names[] = { "", "decade", "ord", "am", "pm",
	NULL };
static const char *const season_names[] = { "", "SP", "SU", "FA", "WI",
	NULL };
static const char *const daypart_names[] = { "", "MO", "AF", "EV", "NI",
	NULL };

struct entry {
	char key[MAXWORD + 1];
	uint8_t len;
	uint8_t month, wday, season, dpart, unit, rel, part, edge, every,
	    link, tense, sfx;
	uint8_t yearprep;			/* 1, or 2 when weak */
	bool abbr, weak, plural, aux, yearnoun, durprep, few, indef, the,
	    zone, rate, sched, infmark, toverb;
	int16_t num, ord, times, clock;		/* NONE when not */
	int32_t phrase;				/* first phrase, or NONE */
	uint32_t starts;			/* A_* bits, see starts() */
};

/* A value template: a literal, or N units from the reference or anchor. */
struct tmpl {
	bool lit, anchor;
	uint8_t unit;
	int n;
	char val[MAXVAL];	/* the literal, or the suffix ("TNI") */
};

struct phrase {
	int32_t tok[MAXPTOK];	/* entry index, or -1 - punctuation byte */
	uint8_t n, type;
	bool proper;		/* written capitalized: Christmas */
	struct tmpl v;
	int32_t next;		/* same first word, not longer */
};

static struct {
	struct entry *e;
	size_t ne, cape;
	uint64_t *tab;		/* open addressing, SLOT() or EMPTY */
	size_t mask;
	struct phrase *p;
	size_t np, capp;
} L;

/*
 * The hash of a word of ASCII letters, folded to lowercase: eight bytes at
 * a time, as this runs on every word of the input.
 */
static inline uint32_t
word_hash(const char *s, size_t len, size_t avail)
{
	const uint64_t k = 0x9E3779B97F4A7C15u, low = 0x2020202020202020u;
	uint64_t h = len * k, x;

	for (; len >= 8; s += 8, len -= 8, avail -= 8) {
		memcpy(&x, s, 8);
		h = ((h ^ (x | low)) * k) ^ (h >> 29);
	}
	if (len > 0) {
		if (avail >= 8) {	/* one load, the bytes after masked */
			memcpy(&x, s, 8);
			x = (x | low) & ((UINT64_C(1) << (8 * len)) - 1);
		} else {
			x = 0;
			for (size_t i = 0; i < len; i++)
				x |= (uint64_t)(uint8_t)(s[i] | 0x20) <<
				    (8 * i);
		}
		h = ((h ^ x) * k) ^ (h >> 29);
	}
	return (uint32_t)(h >> 32);
}

/*
 * A slot of the table is EMPTY, or an entry index in its low 32 bits and
 * the word's hash above them: most words that are not in the table are told
 * apart without reading an entry.
 */
#define EMPTY		UINT64_MAX
#define SLOT(x, h)	((uint64_t)(h) << 32 | (uint32_t)(x))
#define SAME_TAG(s, h)	((uint32_t)((s) >> 32) == (h))

static int32_t
entry_find(const char *w, size_t len, uint32_t h)
{
	for (size_t i = h & L.mask;; i = (i + 1) & L.mask) {
		uint64_t sl = L.tab[i];
		int32_t x = (int32_t)(uint32_t)sl;

		if (sl == EMPTY)
			return NONE;
		if (SAME_TAG(sl, h) && L.e[x].len == len &&
		    memcmp(L.e[x].key, w, len) == 0)
			return x;
	}
}

static void
table_insert(int32_t x)
{
	uint32_t h = word_hash(L.e[x].key, L.e[x].len, L.e[x].len);

	for (size_t i = h & L.mask;; i = (i + 1) & L.mask)
		if (L.tab[i] == EMPTY) {
			L.tab[i] = SLOT(x, h);
			return;
		}
}

/* The entry of the lowercase word w, created if missing. */
static int32_t
entry_get(const char *w, size_t len)
{
	uint32_t h = word_hash(w, len, len);
	int32_t x;
	struct entry *e;

	if (L.tab != NULL && (x = entry_find(w, len, h)) != NONE)
		return x;
	if (L.ne >= INT32_MAX / 2)
		nf_errx(NF_EXIT_FAILURE, "too many words and phrases");
	if (L.ne == L.cape) {
		L.cape = L.cape ? 2 * L.cape : 256;
		L.e = nf_xrealloc(L.e, L.cape * sizeof *L.e);
	}
	if (4 * (L.ne + 1) > L.mask + 1 || L.tab == NULL) {
		size_t size = L.tab ? 2 * (L.mask + 1) : 1024;

		free(L.tab);
		L.tab = nf_xmalloc(size * sizeof *L.tab);
		memset(L.tab, 0xff, size * sizeof *L.tab);
		L.mask = size - 1;
		for (size_t i = 0; i < L.ne; i++)
			table_insert((int32_t)i);
	}
	e = &L.e[L.ne];
	memset(e, 0, sizeof *e);
	memcpy(e->key, w, len);
	e->len = (uint8_t)len;
	e->num = e->ord = e->times = e->clock = NONE;
	e->phrase = NONE;
	table_insert((int32_t)L.ne);
	return (int32_t)L.ne++;
}

/* ------------------------------------------------------------------ */
/* Tokens.                                                             */

enum { K_WORD = 1, K_NUM, K_PUNCT, K_OTHER };
enum { F_SPACE = 1, F_CAP = 2, F_UPPER = 4 };

struct tok {
	size_t s;		/* byte offset in the text */
	uint32_t len;		/* bytes (a longer word is cut in pieces) */
	uint8_t kind, flags, sfx, ndig;
	int32_t w;		/* entry of a word, or NONE */
	uint32_t v;		/* value of a number, byte of a punctuation */
};

struct toks {
	struct tok *t;
	size_t n, cap;
};

enum { C_OTHER, C_SPACE, C_ALPHA, C_DIGIT, C_PUNCT, C_HIGH };
static uint8_t ctab[256];

static void
ctab_init(void)
{
	for (int c = 0; c < 256; c++)
		ctab[c] = c <= ' ' ? C_SPACE : c >= 0x80 ? C_HIGH :
		    g_ascii_isalpha(c) ? C_ALPHA : g_ascii_isdigit(c) ?
		    C_DIGIT : c == 0x7f ? C_SPACE : C_PUNCT;
}

/*
 * A non-ASCII character at s[0..n): its length, and in *as what it stands
 * for when it is punctuation or space (dashes, curly quotes, no-break and
 * thin spaces), else 0.
 */
static int
high_char(const char *s, size_t n, int *as)
{
	uint32_t cp;
	int len = utf8_decode((const unsigned char *)s, n, &cp);

	switch (cp) {
	case 0x2013: case 0x2014: case 0x2212:
		*as = '-';
		break;
	case 0x2018: case 0x2019:
		*as = '\'';
		break;
	case 0x201C: case 0x201D:
		*as = '"';
		break;
	case 0x00A0: case 0x2009: case 0x200A: case 0x202F:
		*as = ' ';
		break;
	default:
		*as = 0;
	}
	return len;
}

static struct tok *
tok_push(struct toks *tk)
{
	if (tk->n == tk->cap) {
		tk->cap = tk->cap ? 2 * tk->cap : 256;
		tk->t = nf_xrealloc(tk->t, tk->cap * sizeof *tk->t);
	}
	return &tk->t[tk->n++];
}

/* Look up the ASCII word s[0..len), in any case (avail: the bytes that
 * may be read from s). */
static int32_t
word_lookup(const char *s, size_t len, size_t avail)
{
	uint32_t h;

	if (len > MAXWORD || L.tab == NULL)
		return NONE;
	h = word_hash(s, len, avail);
	for (size_t i = h & L.mask;; i = (i + 1) & L.mask) {
		uint64_t sl = L.tab[i];
		int32_t x = (int32_t)(uint32_t)sl;
		size_t k;

		if (sl == EMPTY)
			return NONE;
		if (!SAME_TAG(sl, h) || L.e[x].len != len)
			continue;
		for (k = 0; k < len && (s[k] | 0x20) == L.e[x].key[k]; k++)
			;
		if (k == len)
			return x;
	}
}

/* Letters glued to digits (1990s, 15th, 5pm, 600mm): what they mean. */
static uint8_t
suffix_kind(const char *s, size_t len)
{
	int32_t x = word_lookup(s, len, len);

	return x != NONE && L.e[x].sfx ? L.e[x].sfx : X_OTHER;
}

/* Scan a word from s[i]: letters, and non-ASCII characters that are not
 * punctuation.  Fills t and returns the offset after it. */
static size_t
scan_word(const char *s, size_t n, size_t i, struct tok *t)
{
	size_t j = i, lim = n - i > MAXTOK ? i + MAXTOK : n;
	bool ascii = true;
	int as;

	for (;;) {
		while (j < lim && ctab[(uint8_t)s[j]] == C_ALPHA)
			j++;
		if (j < lim && ctab[(uint8_t)s[j]] == C_HIGH) {
			int len = high_char(s + j, n - j, &as);

			if (as == 0) {
				ascii = false;
				j += (size_t)len;
				continue;
			}
		}
		break;
	}
	t->kind = K_WORD;
	if (s[i] >= 'A' && s[i] <= 'Z')
		t->flags |= F_CAP | (j - i > 1 && s[i + 1] >= 'A' &&
		    s[i + 1] <= 'Z' ? F_UPPER : 0);
	t->w = ascii ? word_lookup(s + i, j - i, n - i) : NONE;
	return j;
}

static size_t
scan_number(const char *s, size_t n, size_t i, struct tok *t)
{
	size_t j = i, k;
	uint32_t v = 0;

	while (j < n && ctab[(uint8_t)s[j]] == C_DIGIT && j - i < MAXTOK) {
		if (v < 100000000)
			v = v * 10 + (uint32_t)(s[j] - '0');
		else
			v = UINT32_MAX;
		j++;
	}
	t->kind = K_NUM;
	t->v = v;
	t->ndig = (uint8_t)(j - i > 255 ? 255 : j - i);
	for (k = j; k < n && ctab[(uint8_t)s[k]] == C_ALPHA && k - i < MAXTOK;
	    k++)
		;
	if (k > j) {
		t->sfx = k - j <= MAXWORD ? suffix_kind(s + j, k - j) :
		    X_OTHER;
		j = k;
	}
	return j;
}

static void
tokenize(struct toks *tk, const char *s, size_t n)
{
	size_t i = 0;
	uint8_t space = F_SPACE;

	tk->n = 0;
	while (i < n) {
		uint8_t c = (uint8_t)s[i];
		struct tok *t;
		int as = 0, len = 1;

		if (ctab[c] == C_SPACE) {
			space = F_SPACE;
			i++;
			continue;
		}
		if (ctab[c] == C_HIGH) {
			len = high_char(s + i, n - i, &as);
			if (as == ' ') {
				space = F_SPACE;
				i += (size_t)len;
				continue;
			}
		}
		t = tok_push(tk);
		t->s = i;
		t->flags = space;
		t->sfx = t->ndig = 0;
		t->v = 0;
		t->w = NONE;
		space = 0;
		if (ctab[c] == C_ALPHA || (ctab[c] == C_HIGH && as == 0))
			i = scan_word(s, n, i, t);
		else if (ctab[c] == C_DIGIT)
			i = scan_number(s, n, i, t);
		else {
			t->kind = K_PUNCT;
			t->v = as ? (uint32_t)as : c;
			i += (size_t)len;
		}
		t->len = (uint32_t)(i - t->s);
	}
}

/* ------------------------------------------------------------------ */
/* Loading the TSV data.                                               */

static int
name_index(const char *const *names, const char *s)
{
	for (int i = 1; names[i] != NULL; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return 0;
}

/* "ref+1D", "anchor-2WTNI", or a literal TIMEX3 value. */
static int month_days(int, int);

static const char *
parse_tmpl(const char *s, struct tmpl *v)
{
	const char *p = s;
	size_t best = 0;
	char *end;
	long n;

	memset(v, 0, sizeof *v);
	if (strncmp(p, "ref", 3) == 0 && (p[3] == '+' || p[3] == '-'))
		p += 3;
	else if (strncmp(p, "anchor", 6) == 0 && (p[6] == '+' || p[6] == '-')) {
		p += 6;
		v->anchor = true;
	} else {
		if (*s == '\0' || strlen(s) >= MAXVAL || strpbrk(s, ";@ ") != NULL)
			return "value must be 1 to 31 bytes without ';', '@' "
			    "or spaces";
		v->lit = true;
		strcpy(v->val, s);
		if (strncmp(s, "XXXX-", 5) == 0 && g_ascii_isdigit(s[5])) {
			int m, d = 1;
			char c;
			int k = sscanf(s + 5, "%2d-%2d%c", &m, &d, &c);

			if ((k != 1 && k != 2) || m < 1 || m > 12 || d < 1 ||
			    d > month_days(2000, m) || (k == 1 && s[7] != '\0'))
				return "a value XXXX-MM or XXXX-MM-DD needs a "
				    "real month and day";
		}
		return NULL;
	}
	n = strtol(p, &end, 10);
	if (end == p + 1 || n > 1000 || n < -1000)
		return "bad offset: ref+N or anchor+N, N a number up to 1000";
	v->n = (int)n;
	for (int u = 1; unit_names[u] != NULL; u++) {
		size_t l = strlen(unit_names[u]);

		if (strncmp(end, unit_names[u], l) == 0 && l > best) {
			best = l;
			v->unit = (uint8_t)u;
		}
	}
	if (v->unit == U_NONE || v->unit == U_HALF || v->unit == U_H ||
	    v->unit == U_MIN || v->unit == U_S)
		return "bad unit after the offset: D, W, WE, M, Q, Y, DE or CE";
	end += best;
	if (strlen(end) >= 8 || (*end != '\0' && *end != 'T' && *end != '-'))
		return "suffix after the unit must start with T or - "
		    "(at most 7 bytes)";
	strcpy(v->val, end);
	return NULL;
}

static struct toks load_toks;

/* A phrase row: the key is cut into tokens like the text is. */
static const char *
add_phrase(const char *key, int type, const char *value)
{
	struct phrase ph;
	const char *msg;
	int32_t *link;

	memset(&ph, 0, sizeof ph);
	ph.type = (uint8_t)type;
	ph.proper = g_ascii_isupper(*key);
	if (type == TY_MERIDIEM || type == TY_SHIFT) {
		int k = type == TY_SHIFT ? name_index(shift_names, value) :
		    name_index(sfx_names, value);

		if (k == 0 || (type == TY_MERIDIEM && k != X_AM && k != X_PM))
			return type == TY_SHIFT ? "shift value must be ago, "
			    "later, earlier or hence" : "meridiem value must be "
			    "am or pm";
		ph.v.n = k;
	} else if ((msg = parse_tmpl(value, &ph.v)) != NULL)
		return msg;
	tokenize(&load_toks, key, strlen(key));
	if (load_toks.n == 0 || load_toks.n > MAXPTOK)
		return "a phrase has 1 to 8 words";
	for (size_t i = 0; i < load_toks.n; i++) {
		struct tok *t = &load_toks.t[i];
		char low[MAXWORD];

		if (t->kind == K_PUNCT && i > 0) {
			ph.tok[i] = -1 - (int32_t)t->v;
			continue;
		}
		if (t->kind != K_WORD || t->len > MAXWORD ||
		    utf8_ascii_prefix(key + t->s, t->len) != t->len)
			return "a phrase is ASCII words (and punctuation after "
			    "the first)";
		for (size_t j = t->s; j < t->s + t->len; j++)
			low[j - t->s] = (char)(key[j] | 0x20);
		ph.tok[i] = entry_get(low, t->len);
	}
	ph.n = (uint8_t)load_toks.n;
	if (L.np == L.capp) {
		L.capp = L.capp ? 2 * L.capp : 64;
		L.p = nf_xrealloc(L.p, L.capp * sizeof *L.p);
	}
	/* keep the list of the first word longest first */
	link = &L.e[ph.tok[0]].phrase;
	while (*link != NONE && L.p[*link].n > ph.n)
		link = &L.p[*link].next;
	ph.next = *link;
	L.p[L.np] = ph;
	*link = (int32_t)L.np++;
	return NULL;
}

static char msgbuf[128];

/* A value that must be one of names: "CLASS value must be a, b or c". */
static char msgbuf[128];

/* Where the value of a word row goes in struct entry. */
enum { V_FLAG, V_NAME, V_U8, V_I16 };
static const char *const yearprep_names[] = { "", "", "weak", NULL };
static const struct wclass {
	const char *name;
	uint8_t kind;
	size_t off;
	const char *const *names;	/* V_NAME: the values, from 1 */
	int lo, hi;			/* V_U8, V_I16: the range */
} wclasses[] = {
#define F(field)	offsetof(struct entry, field)
	{ "month", V_U8, F(month), NULL, 1, 12 },
	{ "monthabbr", V_U8, F(month), NULL, 1, 12 },
	{ "weekday", V_U8, F(wday), NULL, 1, 7 },
	{ "number", V_I16, F(num), NULL, 0, 1000 },
	{ "ordinal", V_I16, F(ord), NULL, 1, 100 },
	{ "times", V_I16, F(times), NULL, 0, 100 },
	{ "unit", V_NAME, F(unit), unit_names, 0, 0 },
	{ "units", V_NAME, F(unit), unit_names, 0, 0 },
	{ "season", V_NAME, F(season), season_names, 0, 0 },
	{ "daypart", V_NAME, F(dpart), daypart_names, 0, 0 },
	{ "rel", V_NAME, F(rel), rel_names, 0, 0 },
	{ "part", V_NAME, F(part), part_names, 0, 0 },
	{ "edge", V_NAME, F(edge), edge_names, 0, 0 },
	{ "every", V_NAME, F(every), every_names, 0, 0 },
	{ "link", V_NAME, F(link), link_names, 0, 0 },
	{ "tense", V_NAME, F(tense), tense_names, 0, 0 },
	{ "suffix", V_NAME, F(sfx), sfx_names, 0, 0 },
	{ "yearprep", V_NAME, F(yearprep), yearprep_names, 0, 0 },
	{ "weak", V_FLAG, F(weak), NULL, 0, 0 },
	{ "aux", V_FLAG, F(aux), NULL, 0, 0 },
	{ "yearnoun", V_FLAG, F(yearnoun), NULL, 0, 0 },
	{ "durprep", V_FLAG, F(durprep), NULL, 0, 0 },
	{ "few", V_FLAG, F(few), NULL, 0, 0 },
	{ "indef", V_FLAG, F(indef), NULL, 0, 0 },
	{ "the", V_FLAG, F(the), NULL, 0, 0 },
	{ "zone", V_FLAG, F(zone), NULL, 0, 0 },
	{ "rate", V_FLAG, F(rate), NULL, 0, 0 },
	{ "sched", V_FLAG, F(sched), NULL, 0, 0 },
	{ "infmark", V_FLAG, F(infmark), NULL, 0, 0 },
	{ "toverb", V_FLAG, F(toverb), NULL, 0, 0 },
#undef F
};

/* "CLASS value must be a, b or c" */
static const char *
bad_name(const char *cls, const char *const *names)
{
	int n = snprintf(msgbuf, sizeof msgbuf, "%s value must be", cls);

	for (int i = 1; names[i] != NULL && n < (int)sizeof msgbuf; i++)
		n += snprintf(msgbuf + n, sizeof msgbuf - (size_t)n, "%s %s",
		    i == 1 ? "" : names[i + 1] == NULL ? " or" : ",",
		    *names[i] ? names[i] : "empty");
	return msgbuf;
}

/* Store the value of a word row of class wc in e. */
static const char *
set_value(struct entry *e, const struct wclass *wc, const char *val)
{
	char *field = (char *)e + wc->off, *end;
	long n;

	switch (wc->kind) {
	case V_FLAG:
		if (*val != '\0') {
			snprintf(msgbuf, sizeof msgbuf, "%s value must be "
			    "empty", wc->name);
			return msgbuf;
		}
		*(bool *)field = true;
		return NULL;
	case V_NAME:
		if ((n = name_index(wc->names, val)) == 0)
			return bad_name(wc->name, wc->names);
		*(uint8_t *)field = (uint8_t)n;
		return NULL;
	}
	n = strtol(val, &end, 10);
	if (end == val || *end != '\0' || n < wc->lo || n > wc->hi) {
		snprintf(msgbuf, sizeof msgbuf, "%s value must be a number "
		    "from %d to %d", wc->name, wc->lo, wc->hi);
		return msgbuf;
	}
	if (wc->kind == V_U8)
		*(uint8_t *)field = (uint8_t)n;
	else
		*(int16_t *)field = (int16_t)n;
	return NULL;
}

/* noon 12:00 */
static const char *
set_clock(struct entry *e, const char *val)
{
	int h, m;
	char c;

	if (sscanf(val, "%2d:%2d%c", &h, &m, &c) != 2 || h < 0 || h > 24 ||
	    m < 0 || m > 59)
		return "clock value must be HH:MM";
	e->clock = (int16_t)(h * 60 + m);
	return NULL;
}

/* A row: WORD CLASS VALUE, or PHRASE TYPE VALUE. */
static const char *
load_row(void *ctx, char **cols, int ncols)
{
	const char *key = cols[0], *cls, *val;
	char low[MAXWORD];
	size_t len = strlen(key);
	struct entry *e;
	int32_t x;
	int type;

	(void)ctx;
	if (ncols != 3)
		return "3 columns expected: WORD, CLASS, VALUE";
	cls = cols[1];
	val = cols[2];
	if ((type = name_index(type_names, cls)) != 0)
		return add_phrase(key, type, val);
	if (strcmp(cls, "meridiem") == 0)
		return add_phrase(key, TY_MERIDIEM, val);
	if (strcmp(cls, "shift") == 0)
		return add_phrase(key, TY_SHIFT, val);
	if (len == 0 || len > MAXWORD)
		return "a word has 1 to 24 letters";
	for (size_t i = 0; i < len; i++) {
		if (!g_ascii_isalpha(key[i]))
			return "a word is ASCII letters only (use a phrase row "
			    "for more)";
		low[i] = (char)(key[i] | 0x20);
	}
	x = entry_get(low, len);	/* may move L.e */
	e = &L.e[x];
	if (strcmp(cls, "clock") == 0)
		return set_clock(e, val);
	for (size_t i = 0; i < G_N_ELEMENTS(wclasses); i++)
		if (strcmp(cls, wclasses[i].name) == 0) {
			if (strcmp(cls, "monthabbr") == 0)
				e->abbr = true;
			else if (strncmp(cls, "unit", 4) == 0)
				e->plural = cls[4] == 's';
			return set_value(e, &wclasses[i], val);
		}
	snprintf(msgbuf, sizeof msgbuf, "unknown class '%.40s'", cls);
	return msgbuf;
}

static uint32_t entry_starts(const struct entry *);

static void
lexicon_init(void)
{
	if (!opt_no_default) {
		lexicon_load_data("calendar.tsv", calendar_tsv,
		    calendar_tsv_len(), load_row, NULL);
		lexicon_load_data("numbers.tsv", numbers_tsv,
		    numbers_tsv_len(), load_row, NULL);
		lexicon_load_data("cues.tsv", cues_tsv, cues_tsv_len(),
		    load_row, NULL);
		lexicon_load_data("phrases.tsv", phrases_tsv,
		    phrases_tsv_len(), load_row, NULL);
	}
	for (char **f = opt_lexicon; f != NULL && *f != NULL; f++)
		lexicon_load_file(*f, load_row, NULL);
	if (L.tab == NULL) {		/* no data at all: an empty table */
		L.mask = 0;
		L.tab = nf_xmalloc(sizeof *L.tab);
		L.tab[0] = EMPTY;
	}
	for (size_t i = 0; i < L.ne; i++)
		L.e[i].starts = entry_starts(&L.e[i]);
	free(load_toks.t);
}

/* ------------------------------------------------------------------ */
/* Calendar arithmetic (proleptic Gregorian, days since 1970-01-01).  */

static long
days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int
iso_wday(long z)		/* 1 Monday .. 7 Sunday; day 0 was a Thursday */
{
	return (int)(((z % 7) + 10) % 7) + 1;
}

static void
iso_week(long z, int *wy, int *wn)
{
	long thu = z + 4 - iso_wday(z);
	int y, m, d;

	civil_from_days(thu, &y, &m, &d);
	*wy = y;
	*wn = (int)((thu - days_from_civil(y, 1, 1)) / 7 + 1);
}

static int
month_days(int y, int m)
{
	static const uint8_t md[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };

	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		return 29;
	return md[m - 1];
}

/* ------------------------------------------------------------------ */
/* Values.                                                             */

enum gran { G_NONE, G_LIT, G_CENT, G_DEC, G_YEAR, G_HALF, G_QUART,
	G_SEASON, G_MONTH, G_WEEK, G_WEEKEND, G_DAY, G_WDAY };

/* A resolved value.  xy, xm, xd: the year, month, day are unknown. */
struct when {
	uint8_t g;
	bool xy, xm, xd;
	int y, m, d, sub;	/* sub: half, quarter, season, week, wday */
	char sfx[8];		/* "TMO", "T17:37" */
	char lit[MAXVAL];
};

static void
fmt_when(const struct when *w, char *b, size_t n)
{
	char y[8];
	int k = 0;

	if (w->xy)
		strcpy(y, "XXXX");
	else
		snprintf(y, sizeof y, "%04d", w->y);
	switch (w->g) {
	case G_LIT:
		k = snprintf(b, n, "%s", w->lit);
		break;
	case G_CENT:
		k = w->xy ? snprintf(b, n, "XX") :
		    snprintf(b, n, "%02d", w->y / 100);
		break;
	case G_DEC:
		k = w->xy ? snprintf(b, n, "XXX") :
		    snprintf(b, n, "%03d", w->y / 10);
		break;
	case G_YEAR:
		k = snprintf(b, n, "%s", y);
		break;
	case G_HALF:
		k = snprintf(b, n, "%s-H%d", y, w->sub);
		break;
	case G_QUART:
		k = w->sub ? snprintf(b, n, "%s-Q%d", y, w->sub) :
		    snprintf(b, n, "%s-QX", y);
		break;
	case G_SEASON:
		k = snprintf(b, n, "%s-%s", y, season_names[w->sub]);
		break;
	case G_MONTH:
		k = w->xm ? snprintf(b, n, "%s-XX", y) :
		    snprintf(b, n, "%s-%02d", y, w->m);
		break;
	case G_WEEK:
	case G_WEEKEND:
		k = w->xy ? snprintf(b, n, "XXXX-WXX") :
		    snprintf(b, n, "%s-W%02d", y, w->sub);
		if (w->g == G_WEEKEND)
			k += snprintf(b + k, n - (size_t)k, "-WE");
		break;
	case G_DAY:
		if (w->xm)
			k = snprintf(b, n, "%s-XX-XX", y);
		else
			k = snprintf(b, n, "%s-%02d-%02d", y, w->m, w->d);
		break;
	case G_WDAY:
		k = snprintf(b, n, "XXXX-WXX-%d", w->sub);
		break;
	}
	snprintf(b + k, n - (size_t)k, "%s", w->sfx);
}

static void
set_lit(struct when *w, const char *s)
{
	memset(w, 0, sizeof *w);
	w->g = G_LIT;
	snprintf(w->lit, sizeof w->lit, "%s", s);
}

static void
set_day(struct when *w, long z)
{
	memset(w, 0, sizeof *w);
	w->g = G_DAY;
	civil_from_days(z, &w->y, &w->m, &w->d);
}

/* A date to count from: precision 0 unknown, 1 year, 2 month, 3 day. */
struct base {
	int y, m, d, prec;
};

static int
unit_prec(int unit)
{
	switch (unit) {
	case U_Y: case U_DE: case U_CE:
		return 1;
	case U_M: case U_Q: case U_HALF:
		return 2;
	default:
		return 3;
	}
}

/* The period n units away from b (n = 0: the one b lies in). */
static void
shift_when(struct when *w, const struct base *b, int unit, int n)
{
	bool known = b->prec >= unit_prec(unit);
	long z, k;

	memset(w, 0, sizeof *w);
	w->xy = !known;
	switch (unit) {
	case U_D:
		if (known)
			set_day(w, days_from_civil(b->y, b->m, b->d) + n);
		else
			w->g = G_DAY, w->xm = true;
		break;
	case U_W:
	case U_WE:
		w->g = unit == U_W ? G_WEEK : G_WEEKEND;
		if (known)
			iso_week(days_from_civil(b->y, b->m, b->d) + 7L * n,
			    &w->y, &w->sub);
		break;
	case U_M:
		w->g = G_MONTH;
		w->xm = !known;
		k = (long)b->y * 12 + b->m - 1 + n;
		w->y = (int)(k / 12);
		w->m = (int)(k % 12) + 1;
		break;
	case U_Q:
		w->g = G_QUART;
		k = (long)b->y * 4 + (b->m - 1) / 3 + n;
		w->y = (int)(k / 4);
		w->sub = known ? (int)(k % 4) + 1 : 0;
		break;
	case U_Y:
		w->g = G_YEAR;
		w->y = b->y + n;
		break;
	case U_DE:
		w->g = G_DEC;
		w->y = (b->y / 10 + n) * 10;
		break;
	case U_CE:
		w->g = G_CENT;
		w->y = (b->y / 100 + n) * 100;
		break;
	}
	z = w->y;
	if (known && (z < 0 || z > 9999))
		w->xy = true;
}

/* ------------------------------------------------------------------ */
/* The record being scanned.                                           */

struct item {
	size_t a, b;		/* tokens [a, b) */
	uint8_t type;
	bool year;		/* a bare year: "2017, 2018 and 2019" */
	struct when w;
};

struct hit {
	struct item it[2];
	int n;
};

struct ctx {
	const char *s;
	struct toks tk;
	struct tok *t;
	size_t nt;
	bool ref_ok;
	char refs[10];		/* the reference date as parsed last */
	int ry, rm, rd;
	long rz;		/* the reference date in days */
	struct when anchor;	/* last date named, G_NONE if none */
	GString *doc;		/* the document the anchor belongs to */
	size_t year_tok;	/* last token of the last bare year, or NONE */
	GString *out;
};

static inline const struct entry *
ent(const struct ctx *c, size_t j)
{
	return j < c->nt && c->t[j].w != NONE ? &L.e[c->t[j].w] : NULL;
}

static inline bool
is_punct(const struct ctx *c, size_t j, int ch)
{
	return j < c->nt && c->t[j].kind == K_PUNCT && c->t[j].v == (uint32_t)ch;
}

/* Token j is there and glued to the token before it. */
static inline bool
glued(const struct ctx *c, size_t j)
{
	return j < c->nt && !(c->t[j].flags & F_SPACE);
}

static inline bool
is_num(const struct ctx *c, size_t j)
{
	return j < c->nt && c->t[j].kind == K_NUM;
}

static bool
is_link(const struct ctx *c, size_t j, int link)
{
	const struct entry *e = ent(c, j);

	return e != NULL && e->link == link;
}

static bool
num_sep(uint32_t v)
{
	return v == ',' || v == '.' || v == ':' || v == '/';
}

/* Token j is a number that is not the tail of a bigger one (10,000) nor
 * money ($2024). */
static bool
num_starts(const struct ctx *c, size_t j)
{
	const struct tok *t = c->t;

	if (!is_num(c, j))
		return false;
	if (j >= 1 && glued(c, j) && t[j - 1].kind == K_PUNCT &&
	    (t[j - 1].v == '$' || t[j - 1].v == '#'))
		return false;
	return !(j >= 2 && glued(c, j) && t[j - 1].kind == K_PUNCT &&
	    num_sep(t[j - 1].v) && glued(c, j - 1) && t[j - 2].kind == K_NUM);
}

/* Token j is a number standing alone: not part of 10,000, 4.1 or 5:30. */
static bool
lone_num(const struct ctx *c, size_t j)
{
	const struct tok *t = c->t;

	if (!num_starts(c, j))
		return false;
	return !(j + 2 < c->nt && glued(c, j + 1) && t[j + 1].kind == K_PUNCT &&
	    num_sep(t[j + 1].v) && glued(c, j + 2) && t[j + 2].kind == K_NUM);
}

/* A bare 4-digit year in [lo, hi] at j, not glued by '-' to a number. */
static bool
year_at(const struct ctx *c, size_t j, int lo, int hi, int *y)
{
	const struct tok *t = &c->t[j];

	if (!lone_num(c, j) || t->ndig != 4 || t->sfx != X_NONE ||
	    (int)t->v < lo || (int)t->v > hi)
		return false;
	if (is_punct(c, j + 1, '-') && glued(c, j + 1) && is_num(c, j + 2) &&
	    glued(c, j + 2))
		return false;
	*y = (int)t->v;
	return true;
}

/* A day of the month at j: 1 to 31, maybe 15th. */
static bool
day_at(const struct ctx *c, size_t j, int *d)
{
	const struct tok *t = &c->t[j];

	if (!lone_num(c, j) || t->ndig > 2 || t->v < 1 || t->v > 31 ||
	    (t->sfx != X_NONE && t->sfx != X_ORD))
		return false;
	*d = (int)t->v;
	return true;
}

/* A month name at j: the token after it (and after "Sept."), or 0. */
static size_t
month_at(const struct ctx *c, size_t j, int *m, bool *abbr, bool *weak)
{
	const struct entry *e = ent(c, j);

	if (e == NULL || e->month == 0 || !(c->t[j].flags & F_CAP))
		return 0;
	*m = e->month;
	*abbr = e->abbr;
	*weak = e->weak;
	if (e->abbr && is_punct(c, j + 1, '.') && glued(c, j + 1))
		return j + 2;
	return j + 1;
}

/* An ordinal at j (third, 21st, twenty-first): its value, end in *k. */
static int
ordinal_at(const struct ctx *c, size_t j, size_t *k)
{
	const struct entry *e = ent(c, j), *f;

	if (is_num(c, j) && c->t[j].sfx == X_ORD && num_starts(c, j) &&
	    c->t[j].ndig <= 3) {
		*k = j + 1;
		return (int)c->t[j].v;
	}
	if (e == NULL)
		return 0;
	if (e->num >= 20 && e->num < 100 && e->num % 10 == 0 &&
	    is_punct(c, j + 1, '-') && glued(c, j + 1) && glued(c, j + 2) &&
	    (f = ent(c, j + 2)) != NULL && f->ord > 0 && f->ord < 10) {
		*k = j + 3;
		return e->num + f->ord;
	}
	*k = j + 1;
	return e->ord > 0 ? e->ord : 0;
}

/* An amount before a unit: 10, 1.5, 10,000, two, twenty-five, a, a few,
 * several.  Writes its TIMEX3 form to a (X for few), returns the end. */
struct amount {
	char txt[16];
	long n;			/* -1 for X or a fraction */
	bool indef;
};

static size_t
amount_at(const struct ctx *c, size_t j, struct amount *a)
{
	const struct entry *e = ent(c, j), *f;
	size_t k;

	memset(a, 0, sizeof *a);
	a->n = 1;
	if (e != NULL && e->indef) {
		if ((f = ent(c, j + 1)) != NULL && f->few) {
			strcpy(a->txt, "X");
			a->n = -1;
			return j + 2;
		}
		strcpy(a->txt, "1");
		a->indef = true;
		return j + 1;
	}
	if (e != NULL && e->few) {
		strcpy(a->txt, "X");
		a->n = -1;
		return j + 1;
	}
	if (e != NULL && e->num != NONE) {
		a->n = e->num;
		k = j + 1;
		if (e->num >= 20 && e->num < 100 && e->num % 10 == 0 &&
		    is_punct(c, k, '-') && glued(c, k) && glued(c, k + 1) &&
		    (f = ent(c, k + 1)) != NULL && f->num > 0 && f->num < 10) {
			a->n += f->num;
			k += 2;
		}
		snprintf(a->txt, sizeof a->txt, "%ld", a->n);
		return k;
	}
	if (!num_starts(c, j) || c->t[j].sfx != X_NONE)
		return 0;
	/* digits, then ,ddd groups or one .d decimal, all glued */
	size_t len = 0;
	bool frac = false;
	long n = 0;

	for (k = j;; k += 2) {
		const struct tok *t = &c->t[k];
		size_t l = t->len;

		if (len + l + 1 >= sizeof a->txt)
			return 0;
		if (frac)
			a->txt[len++] = '.';
		memcpy(a->txt + len, c->s + t->s, l);
		len += l;
		if (t->sfx != X_NONE || t->v > 999999)
			return 0;
		n = n * 1000 + t->v;
		if (!(glued(c, k + 1) && glued(c, k + 2) && is_num(c, k + 2) &&
		    (is_punct(c, k + 1, ',') || (is_punct(c, k + 1, '.') &&
		    !frac))))
			break;
		if (is_punct(c, k + 1, '.'))
			frac = true;
		else if (c->t[k + 2].ndig != 3)
			return 0;
	}
	a->txt[len] = '\0';
	a->n = frac ? -1 : n;
	return k + 1;
}

/* ------------------------------------------------------------------ */
/* Tense: which way a date without a year, a weekday or a month lies.   */

/* A '.', '!', '?' or ';' that ends a clause (not "Sept." or "U.S."). */
static bool
clause_end(const struct ctx *c, size_t k)
{
	const struct tok *t = &c->t[k];
	const struct entry *e;

	if (t->kind != K_PUNCT)
		return false;
	if (t->v == '!' || t->v == '?' || t->v == ';')
		return true;
	if (t->v != '.' || k == 0 || (k + 1 < c->nt && glued(c, k + 1)))
		return false;
	e = ent(c, k - 1);
	if (c->t[k - 1].kind == K_WORD && (c->t[k - 1].len == 1 ||
	    (e != NULL && e->abbr)))
		return false;
	return true;
}

/* The tense cue of word k, T_NONE if none. */
static int
cue(const struct ctx *c, size_t k)
{
	const struct tok *t = &c->t[k];
	const struct entry *e = ent(c, k), *p;
	size_t len = t->len, end = t->s + t->len;
	int tense;

	if (t->kind != K_WORD)
		return T_NONE;
	/* "a decision to convene ... in late December" */
	if (e != NULL && e->infmark && (p = ent(c, k + 1)) != NULL &&
	    p->toverb)
		return T_MODAL;
	if (e != NULL)
		tense = e->tense;
	else if (len >= 4 && !(t->flags & F_CAP) &&
	    memcmp(c->s + end - 2, "ed", 2) == 0 && c->s[end - 3] != 'e')
		tense = T_PAST;		/* died, launched; not need, exceed */
	else
		return T_NONE;
	/* a participle after an aux: "will be held", "has been" */
	if (tense == T_PAST && k > 0 && (e == NULL || !e->aux) &&
	    (p = ent(c, k - 1)) != NULL && p->aux)
		return T_NONE;
	return tense;
}

/*
 * The first tense cue from token a on, going back (step -1) or forward
 * (step 1) within the clause and max words.  A modal cue (would, to
 * convene) is ahead of a past one that governs it, so it lies ahead of the
 * reference date only when no past cue follows it: T_MODAL then means "ahead
 * of a past event", T_FUTURE "ahead".
 */
static int
scan_cue(const struct ctx *c, size_t a, int step, int max)
{
	int words = 0, tn, modal = 0;

	for (size_t k = a, n = 0; k < c->nt && words < max && n < 4 * (size_t)max;
	    k += (size_t)step, n++) {
		if (clause_end(c, k))
			break;
		words += c->t[k].kind == K_WORD;
		if ((tn = cue(c, k)) == T_NONE)
			continue;
		if (tn != T_MODAL)
			return modal && tn == T_PAST ? T_MODAL :
			    modal ? T_FUTURE : tn;
		modal = 1;
	}
	return modal ? T_FUTURE : T_NONE;
}

/* -1 past, 1 future, 0 unknown (or present), for tokens [a, b). */
static int
tense_of(const struct ctx *c, size_t a, size_t b)
{
	const struct entry *e;
	size_t k = a;
	int tn;

	/* called for late December, slated for the end of the year */
	while (k > 0 && (e = ent(c, k - 1)) != NULL && (e->part || e->edge ||
	    e->the || e->link == L_OF))
		k--;
	if (k > 0 && (e = ent(c, k - 1)) != NULL && e->sched)
		return 1;
	tn = a > 0 ? scan_cue(c, a - 1, -1, 20) : T_NONE;
	if (tn == T_NONE)
		tn = scan_cue(c, b, 1, 25);
	return tn == T_PAST ? -1 : tn == T_FUTURE ? 1 : 0;
}

/* ------------------------------------------------------------------ */
/* Resolution of periods without a year, and of weekdays.              */

enum mode { MD_PAST = -1, MD_NEAR = 0, MD_FUTURE = 1, MD_THIS, MD_LAST,
	MD_NEXT };

/* Days [*s, *e] of period idx (month, quarter, half, season or a day
 * m*100+d) of year y; false if there is no such day. */
static bool
period_span(int g, int y, int idx, long *s, long *e)
{
	int m1, m2, y2 = y;

	switch (g) {
	case G_DAY:
		m1 = idx / 100;
		if (idx % 100 > month_days(y, m1))
			return false;
		*s = *e = days_from_civil(y, m1, idx % 100);
		return true;
	case G_MONTH:
		m1 = m2 = idx;
		break;
	case G_QUART:
		m1 = 3 * idx - 2, m2 = 3 * idx;
		break;
	case G_HALF:
		m1 = 6 * idx - 5, m2 = 6 * idx;
		break;
	default:		/* seasons: winter runs into the next year */
		m1 = 3 * idx, m2 = 3 * idx + 2;
		if (m2 > 12)
			m2 -= 12, y2++;
		break;
	}
	*s = days_from_civil(y, m1, 1);
	*e = days_from_civil(y2, m2, month_days(y2, m2));
	return true;
}

/* The year of period idx: by tense, or this / last / next one. */
static int
pick_year(const struct ctx *c, int g, int idx, int mode)
{
	int best = c->ry, bestdist = INT_MAX;
	bool found = false;
	long s, e, r = c->rz;

	for (int y = c->ry - 2; y <= c->ry + 2; y++) {
		int dist;

		if (!period_span(g, y, idx, &s, &e))
			continue;
		switch (mode) {
		case MD_PAST:		/* the latest that has begun */
			if (s <= r)
				best = y, found = true;
			break;
		case MD_FUTURE:		/* the first that is not over */
			if (e >= r && !found)
				best = y, found = true;
			break;
		case MD_LAST:
			if (e < r)
				best = y, found = true;
			break;
		case MD_NEXT:
			if (s > r && !found)
				best = y, found = true;
			break;
		case MD_THIS:
			if (s <= r && r <= e)
				return y;
			break;
		default:
			/* nearest, but news tells of the past: one ahead
			 * must be three times nearer */
			dist = (int)(r < s ? 3 * (s - r) : r > e ? r - e : 0);
			if (dist < bestdist)
				best = y, bestdist = dist;
		}
	}
	return best;
}

static void
resolve_period(const struct ctx *c, int g, int idx, int mode, struct when *w)
{
	memset(w, 0, sizeof *w);
	w->g = (uint8_t)g;
	if (g == G_DAY)
		w->m = idx / 100, w->d = idx % 100;
	else if (g == G_MONTH)
		w->m = idx;
	else
		w->sub = idx;
	if (!c->ref_ok)
		w->xy = true;
	else if ((g == G_QUART || g == G_HALF) && mode <= MD_FUTURE) {
		/* quarters and halves are reported in their year: the
		 * current year's, or last year's when it has not begun */
		long s, e;

		period_span(g, c->ry, idx, &s, &e);
		w->y = c->ry - (s > c->rz && mode != MD_FUTURE);
	} else
		w->y = pick_year(c, g, idx, mode);
}

static void
resolve_wday(const struct ctx *c, int wd, int mode, struct when *w)
{
	int rwd, back, fwd, delta;

	memset(w, 0, sizeof *w);
	if (!c->ref_ok) {
		w->g = G_WDAY;
		w->sub = wd;
		return;
	}
	rwd = iso_wday(c->rz);
	back = (rwd - wd + 7) % 7;
	fwd = (wd - rwd + 7) % 7;
	switch (mode) {
	case MD_PAST:
		delta = -back;
		break;
	case MD_FUTURE:
		delta = fwd;
		break;
	case MD_THIS:
		delta = wd - rwd;
		break;
	case MD_LAST:
		delta = back ? -back : -7;
		break;
	case MD_NEXT:
		delta = fwd ? fwd : 7;
		break;
	default:
		delta = back <= 3 ? -back : fwd;
	}
	set_day(w, c->rz + delta);
}

static struct base
ref_base(const struct ctx *c)
{
	struct base b = { c->ry, c->rm, c->rd, c->ref_ok ? 3 : 0 };

	return b;
}

/* Count from the last date named in the record when it is precise
 * enough for the unit, else from the reference date. */
static struct base
anchor_base(const struct ctx *c, int unit)
{
	const struct when *a = &c->anchor;
	struct base b = { a->y, a->m, a->d, 0 };

	if (a->g == G_DAY && !a->xy && !a->xm)
		b.prec = 3;
	else if (a->g == G_MONTH && !a->xy && !a->xm)
		b.prec = 2, b.d = 1;
	else if ((a->g == G_YEAR || a->g == G_QUART || a->g == G_HALF ||
	    a->g == G_SEASON) && !a->xy)
		b.prec = 1, b.m = b.d = 1;
	if (b.prec < unit_prec(unit))
		return ref_base(c);
	return b;
}

/* ------------------------------------------------------------------ */
/* The grammar.  Each matcher tries an expression starting at token i,  */
/* fills h and returns the token after it, or 0.                        */

typedef size_t matcher(struct ctx *, size_t, struct hit *);

static size_t
one(struct hit *h, size_t a, size_t b, int type, const struct when *w)
{
	h->n = 1;
	h->it[0].a = a;
	h->it[0].b = b;
	h->it[0].type = (uint8_t)type;
	h->it[0].year = false;
	h->it[0].w = *w;
	return b;
}

/* "the": returns the token after it, and says whether it was there. */
static size_t
skip_the(const struct ctx *c, size_t i, bool *the)
{
	const struct entry *e = ent(c, i);

	*the = e != NULL && e->the;
	return i + *the;
}

static int
unit_at(const struct ctx *c, size_t j, bool *plural)
{
	const struct entry *e = ent(c, j);

	if (e == NULL || e->unit == U_NONE)
		return U_NONE;
	*plural = e->plural;
	return e->unit;
}

static bool sentence_start(const struct ctx *, size_t);

/*
 * A phrase of the given kind at i (TY_NONE: any TIMEX type).  A TIMEX
 * phrase written in lowercase matches a capitalized word only at the start
 * of a sentence ("Daily" in "JoongAng Daily" is a name); one written
 * capitalized (Christmas) only a capitalized word.
 */
static const struct phrase *
phrase_at(const struct ctx *c, size_t i, int kind, size_t *end)
{
	const struct entry *e = ent(c, i);
	uint8_t f;
	int lower_ok = -1;

	if (e == NULL)
		return NULL;
	f = c->t[i].flags;
	for (int32_t p = e->phrase; p != NONE; p = L.p[p].next) {
		const struct phrase *ph = &L.p[p];
		size_t k;

		if (kind == TY_NONE ? ph->type > TY_SET : ph->type != kind)
			continue;
		if (kind == TY_NONE && ph->proper && !(f & F_CAP))
			continue;
		if (kind == TY_NONE && !ph->proper && (f & F_CAP) &&
		    !(f & F_UPPER)) {
			if (lower_ok < 0)
				lower_ok = sentence_start(c, i);
			if (!lower_ok)
				continue;
		}
		for (k = 1; k < ph->n; k++) {
			const struct tok *t = i + k < c->nt ? &c->t[i + k] :
			    NULL;

			if (t == NULL || (ph->tok[k] >= 0 ? t->w != ph->tok[k] :
			    (t->kind != K_PUNCT ||
			    t->v != (uint32_t)(-1 - ph->tok[k]))))
				break;
		}
		if (k == ph->n) {
			*end = i + k;
			return ph;
		}
	}
	return NULL;
}

/* The first token of a sentence (or after an opening quote). */
static bool
sentence_start(const struct ctx *c, size_t i)
{
	size_t k = i;

	while (k > 0 && c->t[k - 1].kind == K_PUNCT &&
	    strchr("\"'(", (int)c->t[k - 1].v) != NULL)
		k--;
	return k == 0 || clause_end(c, k - 1) || is_punct(c, k - 1, ':');
}

static size_t
m_phrase(struct ctx *c, size_t i, struct hit *h)
{
	const struct phrase *ph;
	struct when w;
	size_t end;

	if ((ph = phrase_at(c, i, TY_NONE, &end)) == NULL)
		return 0;
	if (ph->v.lit && strncmp(ph->v.val, "XXXX-", 5) == 0 &&
	    g_ascii_isdigit(ph->v.val[5]) && c->ref_ok) {
		/* a day or month of every year (Christmas): which one */
		int m = atoi(ph->v.val + 5), d = ph->v.val[7] == '-' ?
		    atoi(ph->v.val + 8) : 0;

		resolve_period(c, d ? G_DAY : G_MONTH, d ? m * 100 + d : m,
		    tense_of(c, i, end), &w);
	} else if (ph->v.lit)
		set_lit(&w, ph->v.val);
	else {
		struct base b = ph->v.anchor ? anchor_base(c, ph->v.unit) :
		    ref_base(c);

		shift_when(&w, &b, ph->v.unit, ph->v.n);
		snprintf(w.sfx, sizeof w.sfx, "%.7s", ph->v.val);
	}
	return one(h, i, end, ph->type, &w);
}

/* Digits only: 2024-01-15, 2024/01/15, 01/15/2024, 15.01.2024, 2024-01,
 * and a time after a full date (2025-09-28 17:37). */
static size_t
m_numeric(struct ctx *c, size_t i, struct hit *h)
{
	const struct tok *t = c->t;
	int a, b2, y, m, d;
	uint32_t sep;
	struct when w;
	size_t end;

	if (!num_starts(c, i) || t[i].sfx != X_NONE || i + 2 >= c->nt ||
	    t[i + 1].kind != K_PUNCT || !glued(c, i + 1) || !glued(c, i + 2) ||
	    !is_num(c, i + 2) || t[i + 2].sfx != X_NONE)
		return 0;
	sep = t[i + 1].v;
	if (sep != '-' && sep != '/' && sep != '.')
		return 0;
	if (i + 4 < c->nt && is_punct(c, i + 3, (int)sep) && glued(c, i + 3) &&
	    glued(c, i + 4) && is_num(c, i + 4) && t[i + 4].sfx == X_NONE &&
	    !(glued(c, i + 5) && i + 6 < c->nt && t[i + 5].kind == K_PUNCT &&
	    is_num(c, i + 6) && glued(c, i + 6))) {
		a = (int)t[i].v, b2 = (int)t[i + 2].v;
		end = i + 5;
		if (t[i].ndig == 4 && t[i + 2].ndig <= 2 && t[i + 4].ndig <= 2)
			y = a, m = b2, d = (int)t[i + 4].v;
		else if (t[i].ndig <= 2 && t[i + 2].ndig <= 2 &&
		    t[i + 4].ndig == 4) {
			y = (int)t[i + 4].v;
			if (sep == '.' || (a > 12 && b2 <= 12))
				d = a, m = b2;
			else if (b2 > 12 && a <= 12)
				m = a, d = b2;
			else if (a == b2)
				m = d = a;
			else
				return 0;	/* 05/06/2024: which? */
		} else
			return 0;
		if (m < 1 || m > 12 || d < 1 || d > month_days(y, m))
			return 0;
		memset(&w, 0, sizeof w);
		w.g = G_DAY, w.y = y, w.m = m, w.d = d;
		/* 2025-09-28 17:37 */
		if (end + 2 < c->nt && !glued(c, end) && is_num(c, end) &&
		    t[end].ndig <= 2 && t[end].v < 24 &&
		    is_punct(c, end + 1, ':') && glued(c, end + 1) &&
		    glued(c, end + 2) && is_num(c, end + 2) &&
		    t[end + 2].ndig == 2 && t[end + 2].v < 60 &&
		    t[end + 2].sfx == X_NONE) {
			snprintf(w.sfx, sizeof w.sfx, "T%02u:%02u",
			    t[end].v, t[end + 2].v);
			return one(h, i, end + 3, TY_TIME, &w);
		}
		return one(h, i, end, TY_DATE, &w);
	}
	/* 2024-06, but 2011-12 and 2017-18 are ranges of years */
	if (sep == '-' && t[i].ndig == 4 && t[i].v >= 1900 && t[i].v <= 2099 &&
	    t[i + 2].ndig == 2 && t[i + 2].v >= 1 && t[i + 2].v <= 12 &&
	    t[i + 2].v != (t[i].v + 1) % 100 && lone_num(c, i + 2) &&
	    !(is_punct(c, i + 3, '-') && glued(c, i + 3))) {
		memset(&w, 0, sizeof w);
		w.g = G_MONTH, w.y = (int)t[i].v, w.m = (int)t[i + 2].v;
		return one(h, i, i + 3, TY_DATE, &w);
	}
	return 0;
}

/* A year after a date: ", 2024" or " 2024".  Returns the end or 0. */
static size_t
year_after(const struct ctx *c, size_t j, int *y)
{
	if (is_punct(c, j, ',') && year_at(c, j + 1, 1000, 2999, y))
		return j + 2;
	if (year_at(c, j, 1000, 2999, y))
		return j + 1;
	return 0;
}

/* Words that let a weak month (May, March) or a bare season be a date. */
static bool
date_context(const struct ctx *c, size_t i)
{
	const struct entry *e;

	if (i == 0)
		return false;
	if (is_punct(c, i - 1, '-') && glued(c, i))
		return true;	/* mid-May */
	e = ent(c, i - 1);
	return e != NULL && (e->yearprep || e->link || e->rel || e->part ||
	    e->edge);
}

/* "December 26", "December 26 to 31", "Jan. 15, 2024" (and the second day
 * of a range in h->it[1]). */
static size_t
month_day(struct ctx *c, size_t i, size_t k, int m, struct hit *h)
{
	int d, d2 = 0, y = 0;
	size_t e = k + 1, e2 = 0, ey;
	struct when w;

	if (!day_at(c, k, &d) || is_punct(c, k + 1, ':'))
		return 0;
	if ((is_punct(c, e, '-') || is_link(c, e, L_TO) ||
	    is_link(c, e, L_AND)) && day_at(c, e + 1, &d2) && d2 > d &&
	    !is_punct(c, e + 2, ':'))
		e2 = e + 2;
	ey = year_after(c, e2 ? e2 : e, &y);
	memset(&w, 0, sizeof w);
	if (ey) {
		if (d > month_days(y, m))
			return 0;
		w.g = G_DAY, w.y = y, w.m = m, w.d = d;
	} else {
		if (d > month_days(2000, m))
			return 0;
		resolve_period(c, G_DAY, m * 100 + d, tense_of(c, i, e), &w);
	}
	one(h, i, e2 || !ey ? e : ey, TY_DATE, &w);
	if (e2) {
		if (d2 > month_days(w.xy ? 2000 : w.y, m))
			return 0;
		h->n = 2;
		h->it[1] = h->it[0];
		h->it[1].a = e + 1;
		h->it[1].b = ey ? ey : e2;
		h->it[1].w.d = d2;
	}
	return h->it[h->n - 1].b;
}

/* Dates that start with a month name: January 15, 2024; January 2023;
 * August last year; in October. */
static size_t
m_month(struct ctx *c, size_t i, struct hit *h)
{
	int m, m2, y;
	bool abbr, weak, abbr2, weak2;
	size_t k, end;
	const struct entry *e;
	struct when w;

	if ((k = month_at(c, i, &m, &abbr, &weak)) == 0)
		return 0;
	if ((end = month_day(c, i, k, m, h)) != 0)
		return end;
	memset(&w, 0, sizeof w);
	w.g = G_MONTH;
	w.m = m;
	if ((end = year_after(c, k, &y)) != 0 || (is_link(c, k, L_OF) &&
	    (end = year_after(c, k + 1, &y)) != 0)) {
		w.y = y;
		return one(h, i, end, TY_DATE, &w);
	}
	/* August last year */
	if ((e = ent(c, k)) != NULL && (e->rel == R_THIS || e->rel == R_LAST ||
	    e->rel == R_NEXT) && (e = ent(c, k + 1)) != NULL &&
	    e->unit == U_Y && !e->plural) {
		struct base b = ref_base(c);
		struct when yw;

		shift_when(&yw, &b, U_Y, ent(c, k)->rel == R_THIS ? 0 :
		    ent(c, k)->rel == R_LAST ? -1 : 1);
		w.y = yw.y;
		w.xy = yw.xy;
		return one(h, i, k + 2, TY_DATE, &w);
	}
	/* January-September, from March to May: the second by tense, the
	 * first the latest before it */
	if ((is_punct(c, k, '-') || is_link(c, k, L_TO)) &&
	    (end = month_at(c, k + 1, &m2, &abbr2, &weak2)) != 0 &&
	    month_day(c, k + 1, end, m2, h) == 0) {
		size_t ey = year_after(c, end, &y);

		if (ey) {
			w.y = y;
			w.m = m2;
		} else if (abbr || abbr2)
			return 0;
		else
			resolve_period(c, G_MONTH, m2, tense_of(c, i, end),
			    &w);
		h->n = 2;
		h->it[1].a = k + 1;
		h->it[1].b = ey ? ey : end;
		h->it[1].type = TY_DATE;
		h->it[1].year = false;
		h->it[1].w = w;
		w.m = m;
		w.y -= m > m2 && !w.xy;
		h->it[0].a = i;
		h->it[0].b = k;
		h->it[0].type = TY_DATE;
		h->it[0].year = false;
		h->it[0].w = w;
		return h->it[1].b;
	}
	if (abbr || (weak && !date_context(c, i)))
		return 0;
	resolve_period(c, G_MONTH, m, tense_of(c, i, k), &w);
	return one(h, i, k, TY_DATE, &w);
}

/* 15 January 2024, the 15th of January, 26-31 December. */
static size_t
m_dayfirst(struct ctx *c, size_t i, struct hit *h)
{
	bool the, abbr, weak;
	size_t j = skip_the(c, i, &the), k, km, end;
	int d, d2 = 0, m, y = 0;
	struct when w;

	if (!day_at(c, j, &d) || (the && c->t[j].sfx != X_ORD))
		return 0;
	k = j + 1;
	if ((is_punct(c, k, '-') || is_link(c, k, L_TO) ||
	    is_link(c, k, L_AND)) && day_at(c, k + 1, &d2) && d2 > d)
		k += 2;
	else
		d2 = 0;
	if (is_link(c, k, L_OF))
		k++;
	if ((km = month_at(c, k, &m, &abbr, &weak)) == 0)
		return 0;
	end = year_after(c, km, &y);
	memset(&w, 0, sizeof w);
	if (end) {
		if (d > month_days(y, m) || d2 > month_days(y, m))
			return 0;
		w.g = G_DAY, w.y = y, w.m = m, w.d = d;
	} else {
		end = km;
		if (d > month_days(2000, m) || d2 > month_days(2000, m))
			return 0;
		resolve_period(c, G_DAY, m * 100 + d, tense_of(c, i, end),
		    &w);
	}
	if (d2 == 0)
		return one(h, i, end, TY_DATE, &w);
	one(h, i, j + 1, TY_DATE, &w);
	h->n = 2;
	h->it[1] = h->it[0];
	h->it[1].a = j + 2;
	h->it[1].b = end;
	h->it[1].w.d = d2;
	return end;
}

/* A decade or century written with digits: 1990s, the '90s, the 1800s. */
static size_t
decade_at(const struct ctx *c, size_t j, struct when *w)
{
	const struct tok *t = &c->t[j];
	int y;

	memset(w, 0, sizeof *w);
	if (is_punct(c, j, '\'') && glued(c, j + 1) && is_num(c, j + 1) &&
	    c->t[j + 1].ndig == 2 && c->t[j + 1].sfx == X_DECADE &&
	    c->t[j + 1].v % 10 == 0) {
		y = (int)c->t[j + 1].v;
		w->g = G_DEC;
		w->y = y < 30 ? 2000 + y : 1900 + y;
		return j + 2;
	}
	if (!num_starts(c, j) || t->ndig != 4 || t->sfx != X_DECADE ||
	    t->v % 10 != 0 || t->v < 1000 || t->v > 2990)
		return 0;
	w->y = (int)t->v;
	w->g = t->v % 100 == 0 && t->v != 2000 ? G_CENT : G_DEC;
	return j + 1;
}

/* A year with a year context (in 2018, 2018 elections, 2018's), a range of
 * years (2017-2021) or, with force, any year in 1900-2099. */
static size_t
year_item(struct ctx *c, size_t i, bool force, struct hit *h)
{
	const struct entry *p, *n;
	struct when w;
	size_t k, j;
	int y, y2;

	memset(&w, 0, sizeof w);
	w.g = G_YEAR;
	if (!num_starts(c, i) || c->t[i].ndig != 4 || c->t[i].sfx != X_NONE ||
	    c->t[i].v < 1900 || c->t[i].v > 2099)
		return 0;
	y = (int)c->t[i].v;
	/* 2017-2021, 2017-18, 2017 – 2021 */
	k = i + 1;
	if (is_punct(c, k, '-') && glued(c, k) == glued(c, k + 1) &&
	    is_num(c, k + 1) && lone_num(c, k + 1) &&
	    c->t[k + 1].sfx == X_NONE && !(is_punct(c, k + 2, '-') &&
	    glued(c, k + 2))) {
		y2 = (int)c->t[k + 1].v;
		if (c->t[k + 1].ndig == 2)
			y2 += y / 100 * 100;
		else if (c->t[k + 1].ndig != 4)
			return 0;
		if (y2 <= y || y2 > 2099 || y2 - y > 100)
			return 0;
		w.y = y;
		one(h, i, i + 1, TY_DATE, &w);
		h->n = 2;
		h->it[1] = h->it[0];
		h->it[1].a = k + 1;
		h->it[1].b = k + 2;
		h->it[1].w.y = y2;
		h->it[0].year = h->it[1].year = true;
		return k + 2;
	}
	if (!year_at(c, i, 1900, 2099, &y))
		return 0;
	w.y = y;
	j = i + 1;
	p = i > 0 ? ent(c, i - 1) : NULL;
	n = ent(c, j);
	/* "of 2023" but not "of 2000 people" */
	if (p != NULL && p->yearprep == 2 && j < c->nt &&
	    c->t[j].kind == K_WORD && !(c->t[j].flags & F_CAP) &&
	    !(n != NULL && (n->link || n->yearnoun)))
		p = NULL;
	if (!force && !(p != NULL && p->yearprep) &&
	    !(n != NULL && n->yearnoun && !(c->t[j].flags & F_CAP)) &&
	    !(is_punct(c, j, '\'') && glued(c, j) && glued(c, j + 1) &&
	    (n = ent(c, j + 1)) != NULL && n->sfx == X_DECADE) &&
	    /* (2024); the 2018 Singapore summit; Kim's 2019 New Year address */
	    !(is_punct(c, i - 1, '(') && is_punct(c, j, ')')) &&
	    !(p != NULL && (p->the || (p->sfx == X_DECADE &&
	    is_punct(c, i - 2, '\''))) && j < c->nt &&
	    c->t[j].kind == K_WORD && (c->t[j].flags & F_CAP)) &&
	    /* 2017, 2018 and 2019 */
	    !(i >= 2 && c->year_tok == i - 2 && (is_punct(c, i - 1, ',') ||
	    is_punct(c, i - 1, '-') || is_link(c, i - 1, L_AND) ||
	    is_link(c, i - 1, L_TO))))
		return 0;
	one(h, i, j, TY_DATE, &w);
	h->it[0].year = true;
	return j;
}

static size_t
m_year(struct ctx *c, size_t i, struct hit *h)
{
	bool the;
	size_t j = skip_the(c, i, &the), end;
	struct when w;

	if ((end = decade_at(c, j, &w)) != 0)
		return one(h, i, end, TY_DATE, &w);
	if (the)
		return 0;	/* "the 2018 elections": from the year on */
	return year_item(c, i, false, h);
}

/* Monday; Monday, Nov. 18 (the date decides). */
static size_t
m_weekday(struct ctx *c, size_t i, struct hit *h)
{
	const struct entry *e = ent(c, i);
	struct hit sub;
	struct when w;
	size_t k, end;

	if (e == NULL || e->wday == 0 || !(c->t[i].flags & F_CAP))
		return 0;
	k = i + 1 + is_punct(c, i + 1, ',');
	memset(&sub, 0, sizeof sub);
	if (((end = m_month(c, k, &sub)) != 0 ||
	    (end = m_dayfirst(c, k, &sub)) != 0) &&
	    sub.it[0].w.g == G_DAY) {
		*h = sub;
		h->it[0].a = i;
		return end;
	}
	resolve_wday(c, e->wday, tense_of(c, i, i + 1), &w);
	return one(h, i, i + 1, TY_DATE, &w);
}

static void
duration(struct when *w, const char *amount, int unit)
{
	static const char *const letter[] = { "", "Y", "M", "W", "D", "H",
		"M", "S", "DE", "CE", "Q", "WE", "" };

	memset(w, 0, sizeof *w);
	w->g = G_LIT;
	if (unit == U_Q && strspn(amount, "0123456789") == strlen(amount) &&
	    strlen(amount) < 9) {
		/* two quarters: P6M */
		snprintf(w->lit, sizeof w->lit, "P%ldM", 3 * atol(amount));
		return;
	}
	snprintf(w->lit, sizeof w->lit, "P%s%s%s",
	    unit == U_H || unit == U_MIN || unit == U_S ? "T" : "", amount,
	    letter[unit]);
}

/* REL + a unit at k: this year, last week, the past year, the following
 * day, recent months (i: the first token, with "the" if there is one). */
static size_t
rel_unit(struct ctx *c, size_t i, size_t k, int r, bool the, struct hit *h)
{
	const struct entry *p = i > 0 ? ent(c, i - 1) : NULL;
	bool plural = false;
	struct when w;
	struct base b;
	int u = unit_at(c, k, &plural);

	if (u == U_NONE || u == U_HALF)
		return 0;
	if (plural) {
		if (r == R_RECENT || r == R_PREVIOUS) {
			set_lit(&w, "PAST_REF");
			return one(h, i + the, k + 1, TY_DATE, &w);
		}
		if (r == R_THIS)
			return 0;
		duration(&w, "X", u);
		return one(h, i, k + 1, TY_DURATION, &w);
	}
	if (r == R_RECENT || (the && is_link(c, k + 1, L_OF)))
		return 0;	/* the last week of December */
	/* the past year; over the next decade */
	if (u == U_H || u == U_MIN || u == U_S || r == R_PAST ||
	    (the && r == R_LAST) || (p != NULL && p->durprep &&
	    r != R_THIS && r != R_PREVIOUS && r != R_COMING)) {
		if (r == R_THIS)
			return 0;
		duration(&w, "1", u);
		return one(h, i, k + 1, TY_DURATION, &w);
	}
	if (u == U_D && r != R_FOLLOWING && r != R_PREVIOUS && r != R_NEXT)
		return 0;
	if (r == R_FOLLOWING || r == R_PREVIOUS || (r == R_NEXT && the)) {
		b = anchor_base(c, u);
		shift_when(&w, &b, u, r == R_PREVIOUS ? -1 : 1);
	} else {
		b = ref_base(c);
		shift_when(&w, &b, u, r == R_THIS ? 0 : r == R_LAST ? -1 : 1);
	}
	return one(h, i, k + 1, TY_DATE, &w);
}

/* this, last or next + a month, weekday or season at k */
static size_t
rel_named(struct ctx *c, size_t i, size_t k, int r, struct hit *h)
{
	int mode = r == R_THIS ? MD_THIS : r == R_LAST ? MD_LAST : MD_NEXT;
	const struct entry *p = ent(c, k);
	bool abbr, weak;
	struct when w;
	size_t end;
	int m;

	if (r != R_THIS && r != R_LAST && r != R_NEXT)
		return 0;
	if ((end = month_at(c, k, &m, &abbr, &weak)) != 0) {
		resolve_period(c, G_MONTH, m, mode, &w);
		return one(h, i, end, TY_DATE, &w);
	}
	if (p != NULL && p->wday && (c->t[k].flags & F_CAP)) {
		resolve_wday(c, p->wday, mode, &w);
		return one(h, i, k + 1, TY_DATE, &w);
	}
	if (p != NULL && p->season) {
		resolve_period(c, G_SEASON, p->season, mode, &w);
		return one(h, i, k + 1, TY_DATE, &w);
	}
	return 0;
}

/* this year, last week, next month, the past year, the next 10 years,
 * recent months, last October, next Monday, this summer. */
static size_t
m_rel(struct ctx *c, size_t i, struct hit *h)
{
	bool the, plural = false;
	size_t j = skip_the(c, i, &the), k = j + 1, end;
	const struct entry *e = ent(c, j);
	struct amount am;
	struct when w;
	int r, u;

	if (e == NULL || (!the && i > 0 && ent(c, i - 1) != NULL &&
	    ent(c, i - 1)->the))
		return 0;	/* tried from the "the" */
	r = e->rel;
	/* the first nine months: a duration, like "the past nine months" */
	if (r == R_NONE && !(the && e->ord == 1))
		return 0;
	/* the past 10 years, the next few days (but "last" without "the"
	 * may be the verb: "it will last several days") */
	if (r != R_THIS && r != R_RECENT && (the || r != R_LAST) &&
	    (end = amount_at(c, k, &am)) != 0 && !am.indef &&
	    (u = unit_at(c, end, &plural)) != U_NONE && u != U_HALF &&
	    (plural || am.n == 1)) {
		duration(&w, am.txt, u);
		return one(h, i, end + 1, TY_DURATION, &w);
	}
	if (r == R_NONE)
		return 0;
	if ((end = rel_unit(c, i, k, r, the, h)) != 0)
		return end;
	return rel_named(c, i, k, r, h);
}

/* ten years, two-day, a year ago, three years later, 1.5 years */
static size_t
m_num_unit(struct ctx *c, size_t i, struct hit *h)
{
	const struct phrase *sh;
	const struct entry *p;
	struct amount am;
	struct when w;
	struct base b;
	bool plural = false, adj = false;
	size_t k, end;
	int u;

	if ((k = amount_at(c, i, &am)) == 0)
		return 0;
	if (is_punct(c, k, '-') && glued(c, k) && glued(c, k + 1) &&
	    !am.indef) {
		k++;
		adj = true;
	}
	if ((u = unit_at(c, k, &plural)) == U_NONE || u == U_HALF ||
	    (adj && plural))
		return 0;
	end = k + 1;
	sh = adj ? NULL : phrase_at(c, end, TY_SHIFT, &k);
	if (sh != NULL && am.n >= 0 && u != U_H && u != U_MIN && u != U_S &&
	    u != U_WE) {
		int n = (int)(am.n > 10000 ? 10000 : am.n);

		if (sh->v.n == SH_AGO || sh->v.n == SH_HENCE) {
			b = ref_base(c);
			shift_when(&w, &b, u, sh->v.n == SH_AGO ? -n : n);
		} else {
			b = anchor_base(c, u);
			shift_when(&w, &b, u, sh->v.n == SH_EARLIER ? -n : n);
		}
		return one(h, i, k, TY_DATE, &w);
	}
	if (sh != NULL && am.n < 0 && sh->v.n == SH_AGO) {
		set_lit(&w, "PAST_REF");
		return one(h, i, k, TY_DATE, &w);
	}
	/* $5 million a year, 300 barrels a day: a rate */
	if (am.indef && i > 0 && (c->t[i - 1].kind == K_NUM ||
	    is_punct(c, i - 1, '%') || ((p = ent(c, i - 1)) != NULL &&
	    p->rate))) {
		duration(&w, "1", u);
		return one(h, i, end, TY_SET, &w);
	}
	/* "a year" alone is a duration only after "for", "over", ... */
	if (am.indef && !(i > 0 && (p = ent(c, i - 1)) != NULL && p->durprep))
		return 0;
	duration(&w, am.txt, u);
	return one(h, i, end, TY_DURATION, &w);
}

/* An expression that a part or an edge applies to (late ..., the end of
 * ...): the longest of a year (any), a month, a relative period, a
 * weekday, a season, a decade or century. */
static size_t m_season(struct ctx *, size_t, struct hit *);
static size_t m_century(struct ctx *, size_t, struct hit *);
static size_t m_halfq(struct ctx *, size_t, struct hit *);

static size_t
sub_expr(struct ctx *c, size_t k, bool the_unit, struct hit *h)
{
	static matcher *const subs[] = { m_month, m_rel, m_weekday, m_season,
		m_year, m_century, m_halfq };
	size_t best = 0, end;
	struct hit sub;
	bool plural = false, the;
	int u;

	memset(h, 0, sizeof *h);
	if ((best = year_item(c, k, true, h)) != 0 && h->n == 2)
		return 0;
	/* the end of the year: the current one */
	skip_the(c, k, &the);
	if (the_unit && the && (u = unit_at(c, k + 1, &plural)) != U_NONE &&
	    !plural &&
	    (u == U_Y || u == U_M || u == U_W || u == U_Q || u == U_DE ||
	    u == U_CE)) {
		struct base b = ref_base(c);
		struct when w;

		shift_when(&w, &b, u, 0);
		return one(h, k, k + 2, TY_DATE, &w);
	}
	for (size_t x = 0; x < G_N_ELEMENTS(subs); x++) {
		memset(&sub, 0, sizeof sub);
		if ((end = subs[x](c, k, &sub)) > best && sub.n == 1 &&
		    (sub.it[0].type == TY_DATE || sub.it[0].type == TY_TIME) &&
		    sub.it[0].w.g != G_LIT) {
			best = end;
			*h = sub;
		}
	}
	return best;
}

/* late September, mid-2023, early next year, the late 1990s, earlier this
 * month: the value of the period they are part of. */
static size_t
m_part(struct ctx *c, size_t i, struct hit *h)
{
	bool the;
	size_t j = skip_the(c, i, &the), k = j + 1, end;
	const struct entry *e = ent(c, j);

	if (e == NULL || e->part == P_NONE)
		return 0;
	if (is_punct(c, k, '-') && glued(c, k) && glued(c, k + 1))
		k++;
	if (e->part == P_EARLIER || e->part == P_LATER) {
		const struct entry *r = ent(c, k);

		if (r == NULL || r->rel != R_THIS || m_rel(c, k, h) == 0 ||
		    h->it[0].type != TY_DATE)
			return 0;
		end = h->it[0].b;
	} else if ((end = sub_expr(c, k, false, h)) == 0)
		return 0;
	h->it[0].a = i;
	return end;
}

/* the end of the year, the beginning of March, the middle of next month,
 * end-2023 */
static size_t
m_edge(struct ctx *c, size_t i, struct hit *h)
{
	bool the;
	size_t j = skip_the(c, i, &the), k = j + 1, end;
	const struct entry *e = ent(c, j);

	if (e == NULL || e->edge == E_NONE)
		return 0;
	if (is_link(c, k, L_OF))
		end = sub_expr(c, k + 1, true, h);
	else if (is_punct(c, k, '-') && glued(c, k) && glued(c, k + 1))
		end = sub_expr(c, k + 1, false, h);
	else
		return 0;
	if (end == 0 || h->it[0].w.g == G_DAY)
		return 0;
	h->it[0].a = i;
	return end;
}

/* the first half of the year, the second quarter, first-quarter, the
 * fourth quarter of 2023, the third quarter of last year */
static size_t
m_halfq(struct ctx *c, size_t i, struct hit *h)
{
	bool the, plural = false;
	size_t j = skip_the(c, i, &the), k, end;
	int n, u, y;
	struct hit sub;
	struct when w;

	if ((n = ordinal_at(c, j, &k)) == 0)
		return 0;
	if (is_punct(c, k, '-') && glued(c, k) && glued(c, k + 1))
		k++;
	u = unit_at(c, k, &plural);
	if (plural || (u != U_Q && u != U_HALF) || n > (u == U_Q ? 4 : 2))
		return 0;
	end = k + 1;
	memset(&w, 0, sizeof w);
	w.g = u == U_Q ? G_QUART : G_HALF;
	w.sub = n;
	if (is_link(c, end, L_OF)) {
		if (sub_expr(c, end + 1, true, &sub) == 0 ||
		    sub.it[0].w.g != G_YEAR)
			return 0;
		w.y = sub.it[0].w.y;
		w.xy = sub.it[0].w.xy;
		end = sub.it[0].b;
	} else if (year_at(c, end, 1900, 2099, &y)) {
		w.y = y;
		end++;
	} else {
		resolve_period(c, w.g, n, tense_of(c, i, end), &w);
	}
	return one(h, i, end, TY_DATE, &w);
}

/* the 20th century, the twenty-first century, 21st-century */
static size_t
m_century(struct ctx *c, size_t i, struct hit *h)
{
	bool the, plural = false;
	size_t j = skip_the(c, i, &the), k;
	int n;
	struct when w;

	if ((n = ordinal_at(c, j, &k)) == 0 || n > 30)
		return 0;
	if (is_punct(c, k, '-') && glued(c, k) && glued(c, k + 1))
		k++;
	if (unit_at(c, k, &plural) != U_CE || plural)
		return 0;
	memset(&w, 0, sizeof w);
	w.g = G_CENT;
	w.y = (n - 1) * 100;
	return one(h, i, k + 1, TY_DATE, &w);
}

/* summer 2023, the summer of 2023, in the summer (this, last, next and
 * early/late summer come through m_rel and m_part). */
static size_t
m_season(struct ctx *c, size_t i, struct hit *h)
{
	bool the;
	size_t j = skip_the(c, i, &the), k = j + 1;
	const struct entry *e = ent(c, j), *p;
	struct when w;
	int y;

	if (e == NULL || e->season == 0)
		return 0;
	memset(&w, 0, sizeof w);
	w.g = G_SEASON;
	w.sub = e->season;
	if (is_link(c, k, L_OF) && year_at(c, k + 1, 1900, 2099, &y)) {
		w.y = y;
		return one(h, i, k + 2, TY_DATE, &w);
	}
	if (year_at(c, k, 1900, 2099, &y)) {
		w.y = y;
		return one(h, i, k + 1, TY_DATE, &w);
	}
	if (is_link(c, k, L_OF))
		return 0;	/* the fall of Saigon */
	/* in summer, during the winter (not "to fall") */
	p = i > 0 ? ent(c, i - 1) : NULL;
	if (!(p != NULL && (p->yearprep == 1 || p->part)))
		return 0;
	resolve_period(c, G_SEASON, e->season, tense_of(c, i, k), &w);
	return one(h, i, k, TY_DATE, &w);
}

/* every year, each Monday, every other week, every two years, twice a
 * year, three times a week */
static size_t
m_set(struct ctx *c, size_t i, struct hit *h)
{
	const struct entry *e = ent(c, i), *f;
	struct amount am;
	struct when w;
	bool plural = false, abbr, weak;
	size_t k = 0, end;
	int u, m;

	if (e != NULL && e->times > 0)
		k = i + 1;
	else if ((end = amount_at(c, i, &am)) != 0 && !am.indef &&
	    (f = ent(c, end)) != NULL && f->times == 0)
		k = end + 1;
	if (k != 0) {		/* twice a year, three times per week */
		if ((f = ent(c, k)) == NULL || !(f->indef ||
		    f->every == EV_PER || f->every == EV_EACH) ||
		    (u = unit_at(c, k + 1, &plural)) == U_NONE || plural ||
		    u == U_HALF)
			return 0;
		duration(&w, "1", u);
		return one(h, i, k + 2, TY_SET, &w);
	}
	if (e == NULL || e->every != EV_EACH)
		return 0;
	k = i + 1;
	if ((f = ent(c, k)) != NULL && f->every == EV_OTHER) {
		if ((u = unit_at(c, k + 1, &plural)) == U_NONE || plural ||
		    u == U_HALF)
			return 0;
		duration(&w, "2", u);
		return one(h, i, k + 2, TY_SET, &w);
	}
	if ((end = amount_at(c, k, &am)) != 0 && !am.indef && am.n != 1 &&
	    (u = unit_at(c, end, &plural)) != U_NONE && plural &&
	    u != U_HALF) {
		duration(&w, am.txt, u);
		return one(h, i, end + 1, TY_SET, &w);
	}
	if ((u = unit_at(c, k, &plural)) != U_NONE && !plural &&
	    u != U_HALF) {
		duration(&w, "1", u);
		return one(h, i, k + 1, TY_SET, &w);
	}
	memset(&w, 0, sizeof w);
	if (f != NULL && f->wday && (c->t[k].flags & F_CAP)) {
		w.g = G_WDAY;
		w.sub = f->wday;
	} else if (month_at(c, k, &m, &abbr, &weak) == k + 1) {
		w.g = G_MONTH;
		w.xy = true;
		w.m = m;
	} else if (f != NULL && f->dpart) {
		w.g = G_DAY;
		w.xy = w.xm = true;
		snprintf(w.sfx, sizeof w.sfx, "T%s", daypart_names[f->dpart]);
	} else
		return 0;
	return one(h, i, k + 1, TY_SET, &w);
}

/* The day a time of day belongs to: a date right after it ("5 p.m.
 * Monday", "10 a.m. on Jan. 5"), else the last date named, else the
 * reference date. */
static void
time_day(struct ctx *c, size_t k, struct when *w)
{
	static matcher *const days[] = { m_weekday, m_month, m_phrase,
		m_numeric };
	struct hit sub;

	if (ent(c, k) != NULL && ent(c, k)->zone)
		k++;		/* 4 p.m. EST Friday */
	if (is_link(c, k, L_AT) || is_punct(c, k, ','))
		k++;
	for (size_t x = 0; k < c->nt && x < G_N_ELEMENTS(days); x++) {
		memset(&sub, 0, sizeof sub);
		if (days[x](c, k, &sub) && sub.it[0].w.g == G_DAY &&
		    sub.it[0].w.sfx[0] == '\0' && sub.it[0].type == TY_DATE) {
			*w = sub.it[0].w;
			return;
		}
	}
	if (c->anchor.g == G_DAY && !c->anchor.xm) {
		*w = c->anchor;
		return;
	}
	if (c->ref_ok)
		set_day(w, c->rz);
	else {
		memset(w, 0, sizeof *w);
		w->g = G_DAY;
		w->xy = w->xm = true;
	}
}

/* 5:37 p.m., 5 p.m., 5pm, 17:37 (after "at" or with an hour past 12),
 * noon, midnight */
static size_t
m_time(struct ctx *c, size_t i, struct hit *h)
{
	const struct tok *t = c->t;
	const struct entry *e = ent(c, i), *p;
	const struct phrase *mer;
	int hh, mm = 0, ap = 0;
	size_t k, last;
	struct when w;

	if (e != NULL && e->clock != NONE) {
		hh = e->clock / 60;
		mm = e->clock % 60;
		k = i + 1;
	} else {
		if (!num_starts(c, i) || t[i].ndig > 2)
			return 0;
		hh = (int)t[i].v;
		last = i;
		if (is_punct(c, i + 1, ':') && glued(c, i + 1) &&
		    glued(c, i + 2) && is_num(c, i + 2) && t[i + 2].ndig == 2) {
			mm = (int)t[i + 2].v;
			last = i + 2;
		}
		if (t[i].sfx != X_NONE && last != i)
			return 0;
		k = last + 1;
		if (t[last].sfx == X_AM || t[last].sfx == X_PM)
			ap = t[last].sfx;
		else if (t[last].sfx != X_NONE)
			return 0;
		else if ((mer = phrase_at(c, k, TY_MERIDIEM, &k)) != NULL)
			ap = mer->v.n;
		else if (last == i || (k < c->nt && glued(c, k) &&
		    (t[k].kind == K_NUM || is_punct(c, k, ':'))))
			return 0;
		else if (!((hh >= 13 && t[i].ndig == 2) || (i > 0 &&
		    (p = ent(c, i - 1)) != NULL &&
		    (p->yearprep || p->link == L_AT))))
			return 0;
		if (mm > 59 || hh > 24 || (ap && (hh < 1 || hh > 12)))
			return 0;
		if (ap == X_AM && hh == 12)
			hh = 0;
		else if (ap == X_PM && hh != 12)
			hh += 12;
	}
	time_day(c, k, &w);
	snprintf(w.sfx, sizeof w.sfx, "T%02u:%02u", (unsigned)hh % 100u,
	    (unsigned)mm % 100u);
	return one(h, i, k, TY_TIME, &w);
}

/*
 * What a token can start, so that only the matchers that may succeed run:
 * bits for the token itself, the same bits << 16 for the token after a
 * "the".
 */
enum { A_PHRASE = 1, A_NUM = 2, A_MONTH = 4, A_WDAY = 8, A_REL = 16,
	A_PART = 32, A_EDGE = 64, A_ORD = 128, A_SEASON = 256, A_SET = 512,
	A_AMOUNT = 1024, A_CLOCK = 2048, A_APOS = 4096, A_UNITS = 8192 };
#define THE(x)	((uint32_t)(x) << 16)

static uint32_t
entry_starts(const struct entry *e)
{
	return (e->phrase != NONE ? A_PHRASE : 0) |
	    (e->month ? A_MONTH : 0) | (e->wday ? A_WDAY : 0) |
	    (e->rel ? A_REL : 0) | (e->part ? A_PART : 0) |
	    (e->edge ? A_EDGE : 0) | (e->season ? A_SEASON : 0) |
	    (e->ord > 0 || e->num >= 20 ? A_ORD : 0) |
	    (e->every || e->times != NONE ? A_SET : 0) |
	    (e->num != NONE || e->indef || e->few ? A_AMOUNT : 0) |
	    (e->clock != NONE ? A_CLOCK : 0) |
	    (e->unit ? A_UNITS : 0);
}

static uint32_t
starts(const struct ctx *c, size_t i)
{
	const struct tok *t = &c->t[i];

	if (i >= c->nt)
		return 0;
	switch (t->kind) {
	case K_NUM:
		return A_NUM | A_AMOUNT | (t->sfx == X_ORD ? A_ORD : 0);
	case K_PUNCT:
		return t->v == '\'' ? A_APOS : 0;
	case K_WORD:
		return t->w != NONE ? L.e[t->w].starts : 0;
	}
	return 0;
}

/* for years, within hours, the first time in decades; years ago */
static size_t
m_units(struct ctx *c, size_t i, struct hit *h)
{
	const struct entry *p = i > 0 ? ent(c, i - 1) : NULL;
	const struct phrase *sh;
	bool plural = false;
	struct when w;
	int u = unit_at(c, i, &plural);
	size_t end;

	if (!plural || u == U_HALF || (c->t[i].flags & F_CAP))
		return 0;
	if ((sh = phrase_at(c, i + 1, TY_SHIFT, &end)) != NULL &&
	    sh->v.n == SH_AGO) {
		set_lit(&w, "PAST_REF");
		return one(h, i, end, TY_DATE, &w);
	}
	if (p == NULL || !p->durprep)
		return 0;
	duration(&w, "X", u);
	return one(h, i, i + 1, TY_DURATION, &w);
}

/* the weekend: the one tense points to */
static size_t
m_weekend(struct ctx *c, size_t i, struct hit *h)
{
	bool the, plural = false;
	size_t j = skip_the(c, i, &the);
	struct when w;

	if (!the || unit_at(c, j, &plural) != U_WE || plural ||
	    is_link(c, j + 1, L_OF))
		return 0;
	resolve_wday(c, 6, tense_of(c, i, j + 1), &w);
	if (w.g == G_DAY)
		iso_week(days_from_civil(w.y, w.m, w.d), &w.y, &w.sub);
	else
		w.xy = true;
	w.g = G_WEEKEND;
	return one(h, i, j + 1, TY_DATE, &w);
}

/* All matchers, with what they start on; on the same length the first
 * wins. */
static const struct {
	matcher *fn;
	uint32_t need;
} matchers[] = {
	{ m_phrase, A_PHRASE },
	{ m_numeric, A_NUM },
	{ m_month, A_MONTH },
	{ m_dayfirst, A_NUM | THE(A_NUM) },
	{ m_year, A_NUM | A_APOS | THE(A_NUM | A_APOS) },
	{ m_weekday, A_WDAY },
	{ m_rel, A_REL | THE(A_REL | A_ORD) },
	{ m_part, A_PART | THE(A_PART) },
	{ m_edge, A_EDGE | THE(A_EDGE) },
	{ m_halfq, A_ORD | THE(A_ORD) },
	{ m_century, A_ORD | THE(A_ORD) },
	{ m_season, A_SEASON | THE(A_SEASON) },
	{ m_set, A_SET | A_AMOUNT },
	{ m_num_unit, A_AMOUNT },
	{ m_time, A_NUM | A_CLOCK },
	{ m_units, A_UNITS },
	{ m_weekend, THE(A_UNITS) },
};

static size_t
match(struct ctx *c, size_t i, struct hit *best)
{
	size_t bestend = 0, end;
	struct hit h;
	const struct entry *e = ent(c, i);
	struct item *it;
	uint32_t can = starts(c, i);

	if (e != NULL && e->the)
		can |= THE(starts(c, i + 1));
	if (can == 0)
		return 0;
	for (size_t x = 0; x < G_N_ELEMENTS(matchers); x++) {
		if (!(can & matchers[x].need))
			continue;
		h.n = 0;
		if ((end = matchers[x].fn(c, i, &h)) > bestend) {
			bestend = end;
			*best = h;
		}
	}
	if (bestend == 0)
		return 0;
	/* Monday morning, yesterday afternoon: a time of the day */
	it = &best->it[best->n - 1];
	if (best->n == 1 && it->type == TY_DATE && it->w.g == G_DAY &&
	    it->w.sfx[0] == '\0' && (e = ent(c, it->b)) != NULL && e->dpart) {
		snprintf(it->w.sfx, sizeof it->w.sfx, "T%s",
		    daypart_names[e->dpart]);
		it->type = TY_TIME;
		it->b++;
		bestend++;
	}
	return bestend;
}

static void
emit(struct ctx *c, const struct hit *h)
{
	char val[64];

	for (int x = 0; x < h->n; x++) {
		const struct item *it = &h->it[x];
		const char *type = type_names[it->type];

		fmt_when(&it->w, val, sizeof val);
		annot_append(c->out, type, strlen(type), val, strlen(val),
		    c->t[it->a].s, c->t[it->b - 1].s + c->t[it->b - 1].len);
		if ((it->type == TY_DATE || it->type == TY_TIME) &&
		    it->w.g >= G_YEAR && it->w.g <= G_DAY && !it->w.xy) {
			c->anchor = it->w;
			c->anchor.sfx[0] = '\0';
		}
		if (it->year)
			c->year_tok = it->b - 1;
	}
}

static void
resolve(struct ctx *c, const struct record *r)
{
	const char *ref = r->f[NF_DATE].len ? r->f[NF_DATE].s : opt_date;
	size_t i = 0, end;
	struct hit h;

	c->ref_ok = ref != NULL;
	if (c->ref_ok && memcmp(ref, c->refs, 10) != 0) {
		memcpy(c->refs, ref, 10);	/* YYYY-MM-DD, checked */
		c->ry = atoi(ref);
		c->rm = atoi(ref + 5);
		c->rd = atoi(ref + 8);
		c->rz = days_from_civil(c->ry, c->rm, c->rd);
	}
	c->s = r->f[NF_TEXT].s;
	tokenize(&c->tk, c->s, r->f[NF_TEXT].len);
	c->t = c->tk.t;
	c->nt = c->tk.n;
	/* "the next day" may count from a date of the sentence before: the
	 * anchor lives as long as the document, as entity-tag's names do
	 * (annotate -j cuts streams between documents) */
	if (c->doc->len != r->f[NF_DOC].len ||
	    memcmp(c->doc->str, r->f[NF_DOC].s, r->f[NF_DOC].len) != 0) {
		g_string_truncate(c->doc, 0);
		g_string_append_len(c->doc, r->f[NF_DOC].s,
		    (gssize)r->f[NF_DOC].len);
		memset(&c->anchor, 0, sizeof c->anchor);
	}
	c->year_tok = (size_t)NONE;
	g_string_truncate(c->out, 0);
	while (i < c->nt) {
		const struct tok *t = &c->t[i];

		/* most words are in no lexicon, most punctuation starts
		 * nothing */
		if ((t->kind == K_WORD && t->w == NONE) || (t->kind == K_PUNCT &&
		    t->v != '\'') || (end = match(c, i, &h)) == 0) {
			i++;
			continue;
		}
		emit(c, &h);
		i = end;
	}
}

int
main(int argc, char *argv[])
{
	struct record_reader *rd;
	struct record_writer w;
	struct record r;
	struct ctx c;

	nf_options_parse(&argc, &argv, "[FILE...]",
	    "Find the dates, times, durations and sets in field 5 and write "
	    "them to field 7 as TYPE:VALUE@START-END, VALUE a TIMEX3 value "
	    "resolved against field 4 (else --date).", options);
	if (opt_date != NULL && (strlen(opt_date) == 0 ||
	    !record_date_valid(opt_date, strlen(opt_date))))
		nf_usage_error("--date '%s' is not a YYYY-MM-DD date",
		    opt_date);
	ctab_init();
	lexicon_init();
	memset(&c, 0, sizeof c);
	c.out = g_string_sized_new(256);
	c.doc = g_string_new(NULL);
	rd = record_reader_open(argc - 1, argv + 1);
	record_writer_init(&w, stdout, "standard output", nf_line_buffered);
	while (record_read(rd, &r)) {
		resolve(&c, &r);
		r.f[NF_DATES].s = c.out->str;
		r.f[NF_DATES].len = c.out->len;
		record_write(&w, &r);
	}
	record_reader_close(rd);
	record_writer_close(&w);
	g_string_free(c.out, TRUE);
	g_string_free(c.doc, TRUE);
	free(c.tk.t);
	return NF_EXIT_OK;
}
