/*
 * sentence-split - one record per sentence of the text field.
 *
 * Each record not split yet (sent 0) becomes one record per sentence of
 * its field 5, sent numbered from 1, every other field copied; the items of
 * fields 6 and 7 go to the sentence that holds them, offsets re-based.  A
 * boundary is one space, in neither sentence, so joining the sentences with
 * single spaces gives back field 5; the only exception is a full-width
 * terminal (。？！) followed by more text, where sentences touch.
 *
 * A sentence ends only after a token (a run of non-spaces) whose end is
 * terminal punctuation, maybe followed by closing quotes, brackets and
 * footnote marks.  Whether it ends there depends on what is before the
 * period (a word, an abbreviation of some kind, an initial, an ellipsis)
 * and on the token after it (lower case, a number, a word that usually
 * starts a sentence, a title, a quote).  The rules and their cases are in
 * sentence-split.1; the word lists are abbreviations.tsv and starters.tsv.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <unictype.h>

#include "annot.h"
#include "cli.h"
#include "err.h"
#include "lexicon.h"
#include "record.h"
#include "utf8.h"

static const char summary[] =
    "Split the text of each record into sentences: one record per sentence,\n"
    "sent numbered 1, 2, ..., every other field copied and the annotations\n"
    "moved into the sentence that holds them.  Records already split (sent\n"
    "not 0) pass unchanged.";

static char **opt_abbrev, **opt_starters;
static gboolean opt_no_default;

static const GOptionEntry entries[] = {
	{ "abbrev", 'a', 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_abbrev,
	  "Add the abbreviations of FILE (ABBREV<TAB>KIND lines)", "FILE" },
	{ "starters", 's', 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_starters,
	  "Add the sentence starters of FILE (WORD[<TAB>CLASS] lines)",
	  "FILE" },
	{ "no-default", 0, 0, G_OPTION_ARG_NONE, &opt_no_default,
	  "Do not load the built-in abbreviations and starters", NULL },
	{ NULL, 0, 0, 0, NULL, NULL, NULL }
};

NF_EMBED(abbrev_tsv, "filters/sentence-split/abbreviations.tsv")
NF_EMBED(starters_tsv, "filters/sentence-split/starters.tsv")

/* --- the word lists ------------------------------------------------------ */

enum kind { K_WORD, K_TITLE, K_PREFIX, K_NUMBER, K_FINAL, K_MODIFIER };
enum starter { S_NONE, S_STARTER, S_PREPOSITION };

static const char *const kind_names[] = {
	[K_TITLE] = "title", [K_PREFIX] = "prefix", [K_NUMBER] = "number",
	[K_FINAL] = "final", [K_MODIFIER] = "modifier"
};

static GHashTable *abbrevs;	/* "Mr." -> enum kind */
static GHashTable *starters;	/* "The" -> enum starter */

#define MAX_KEY 64		/* longer words are no abbreviations */

static const char *
abbrev_row(void *ctx, char **cols, int ncols)
{
	char *a = cols[0], *key;
	size_t len = strlen(a);
	int k;

	(void)ctx;
	if (ncols != 2)
		return "expected ABBREV<TAB>KIND";
	if (len == 0 || strspn(a, ".") == len || strchr(a, ' ') != NULL ||
	    len >= MAX_KEY - 1)
		return "ABBREV must be a word of at most 62 bytes, no spaces";
	for (k = K_TITLE; k <= K_MODIFIER; k++)
		if (strcmp(cols[1], kind_names[k]) == 0)
			break;
	if (k > K_MODIFIER)
		return "KIND must be title, prefix, number, final or modifier";
	/* the final period is optional in the file, stored in the key */
	key = a[len - 1] == '.' ? g_strdup(a) : g_strconcat(a, ".", NULL);
	g_hash_table_replace(abbrevs, key, GINT_TO_POINTER(k));
	return NULL;
}

static const char *
starter_row(void *ctx, char **cols, int ncols)
{
	const char *w = cols[0];
	int cls = S_STARTER;

	(void)ctx;
	if (ncols > 2)
		return "expected WORD[<TAB>CLASS]";
	if (*w == '\0' || strlen(w) >= MAX_KEY)
		return "WORD must be 1 to 63 ASCII letters";
	for (const char *p = w; *p != '\0'; p++)
		if (!g_ascii_isalpha(*p))
			return "WORD must be 1 to 63 ASCII letters";
	if (ncols == 2 && strcmp(cols[1], "preposition") == 0)
		cls = S_PREPOSITION;
	else if (ncols == 2 && strcmp(cols[1], "starter") != 0)
		return "CLASS must be starter or preposition";
	g_hash_table_replace(starters, g_strdup(w), GINT_TO_POINTER(cls));
	return NULL;
}

static void
load_lists(void)
{
	abbrevs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	starters = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	if (!opt_no_default) {
		lexicon_load_data("abbreviations.tsv", abbrev_tsv,
		    abbrev_tsv_len(), abbrev_row, NULL);
		lexicon_load_data("starters.tsv", starters_tsv,
		    starters_tsv_len(), starter_row, NULL);
	}
	for (char **f = opt_abbrev; f != NULL && *f != NULL; f++)
		lexicon_load_file(*f, abbrev_row, NULL);
	for (char **f = opt_starters; f != NULL && *f != NULL; f++)
		lexicon_load_file(*f, starter_row, NULL);
}

/* Look s[0..len) up in t: exactly, then (for abbreviations) in lower case. */
static int
lookup(GHashTable *t, const char *s, size_t len, bool fold)
{
	char key[MAX_KEY];
	bool upper = false;
	void *v;

	if (len == 0 || len >= MAX_KEY)
		return 0;
	memcpy(key, s, len);
	key[len] = '\0';
	if ((v = g_hash_table_lookup(t, key)) != NULL || !fold)
		return GPOINTER_TO_INT(v);
	for (size_t i = 0; i < len; i++)
		if (key[i] >= 'A' && key[i] <= 'Z') {
			key[i] = (char)(key[i] - 'A' + 'a');
			upper = true;
		}
	return upper ? GPOINTER_TO_INT(g_hash_table_lookup(t, key)) : 0;
}

/* --- characters ---------------------------------------------------------- */

/*
 * The bytes the scanner stops at: the ASCII terminals, the lead bytes of the
 * multibyte ones (… ‼ ⁇ ⁈ ⁉ start with E2, 。 with E3, ？ ！ ｡ with EF) and
 * the colon, after which a list may start.
 */
static bool scan_stop[256];

enum term { T_DOT, T_QE, T_ELLIPSIS, T_WIDE };

/* Length of the terminal punctuation at s[p], or 0; its kind in *k. */
static size_t
term_at(const char *s, size_t n, size_t p, enum term *k)
{
	const unsigned char *u = (const unsigned char *)s + p;
	size_t m = n - p;

	switch (u[0]) {
	case '.':
		*k = T_DOT;
		return 1;
	case '?': case '!':
		*k = T_QE;
		return 1;
	case 0xE2:
		if (m < 3)
			return 0;
		if (u[1] == 0x80 && u[2] == 0xA6) {		/* … */
			*k = T_ELLIPSIS;
			return 3;
		}
		if ((u[1] == 0x80 && u[2] == 0xBC) ||		/* ‼ */
		    (u[1] == 0x81 && u[2] >= 0x87 && u[2] <= 0x89)) {
			*k = T_QE;				/* ⁇ ⁈ ⁉ */
			return 3;
		}
		return 0;
	case 0xE3:						/* 。 */
		*k = T_WIDE;
		return m >= 3 && u[1] == 0x80 && u[2] == 0x82 ? 3 : 0;
	case 0xEF:						/* ？ ！ ｡ */
		*k = T_WIDE;
		return m >= 3 && ((u[1] == 0xBC && (u[2] == 0x9F ||
		    u[2] == 0x81)) || (u[1] == 0xBD && u[2] == 0xA1)) ? 3 : 0;
	}
	return 0;
}

/* Characters that close, open or mark, each set a list of UTF-8 strings. */
enum set { CLOSERS, QUOTES, BRACKETS, BULLETS, NSETS };

static const char *const *const sets[NSETS] = {
	[CLOSERS] = (const char *const[]){ "\"", "'", ")", "]", "}", "”",
	    "’", "»", "›", "」", "』", "）", "】", "〕", "〉", "》", NULL },
	[QUOTES] = (const char *const[]){ "\"", "'", "“", "‘", "«", "‹", "„",
	    "「", "『", NULL },
	[BRACKETS] = (const char *const[]){ "(", "[", "{", "（", "【", "¿",
	    "¡", NULL },
	[BULLETS] = (const char *const[]){ "•", "‣", "⁃", "◦", "▪", "·", "-",
	    "*", NULL },
};

/* lead[c] has bit 1 << set if a string of the set starts with byte c */
static unsigned char lead[256];

static void
init_sets(void)
{
	for (int k = 0; k < NSETS; k++)
		for (const char *const *m = sets[k]; *m != NULL; m++)
			lead[(unsigned char)**m] |= (unsigned char)(1u << k);
}

/* Does s[p..n) start with a string of the set?  Its length, or 0. */
static size_t
match_set(enum set k, const char *s, size_t n, size_t p)
{
	if (p >= n || !(lead[(unsigned char)s[p]] & 1u << k))
		return 0;
	for (const char *const *m = sets[k]; *m != NULL; m++) {
		size_t l = strlen(*m);

		if (l <= n - p && memcmp(s + p, *m, l) == 0)
			return l;
	}
	return 0;
}

/* A footnote mark at s[p]: [1] [12] [a].  Its length, or 0. */
static size_t
footnote_at(const char *s, size_t n, size_t p)
{
	size_t q = p + 1;

	if (p >= n || s[p] != '[')
		return 0;
	while (q < n && q - p <= 3 && g_ascii_isdigit(s[q]))
		q++;
	if (q == p + 1 && q < n && g_ascii_isalpha(s[q]))
		q++;
	return q > p + 1 && q < n && s[q] == ']' ? q + 1 - p : 0;
}

/* The end of the closing quotes, brackets and footnote marks at s[p]. */
static size_t
skip_closers(const char *s, size_t n, size_t p)
{
	size_t l;

	while (p < n && ((l = match_set(CLOSERS, s, n, p)) > 0 ||
	    (l = footnote_at(s, n, p)) > 0))
		p += l;
	return p;
}

/* The end of the opening quotes and brackets at s[p]; *quoted if a quote. */
static size_t
skip_openers(const char *s, size_t n, size_t p, bool *quoted)
{
	size_t l;

	for (;;) {
		if ((l = match_set(QUOTES, s, n, p)) > 0)
			*quoted = true;
		else if ((l = match_set(BRACKETS, s, n, p)) == 0)
			return p;
		p += l;
	}
}

/* Length of the bullet that ends at s[p], or 0. */
static size_t
bullet_before(const char *s, size_t p)
{
	for (const char *const *b = sets[BULLETS]; *b != NULL; b++) {
		size_t l = strlen(*b);

		if (l <= p && memcmp(s + p - l, *b, l) == 0)
			return l;
	}
	return 0;
}

static bool
alnum_at(const char *s, size_t n, size_t p, size_t *len)
{
	uint32_t cp;

	*len = (size_t)utf8_decode((const unsigned char *)s + p, n - p, &cp);
	return cp < 0x80 ? g_ascii_isalnum((int)cp) : uc_is_alnum(cp);
}

static bool
has_alnum(const char *s, size_t from, size_t to)
{
	size_t l;

	for (size_t p = from; p < to; p += l)
		if (alnum_at(s, to, p, &l))
			return true;
	return false;
}

/* --- the text being split ------------------------------------------------ */

enum style { L_DOT, L_DOTPAREN, L_PAREN };	/* 1.  1.)  1) */

struct list {			/* a numbered or lettered list */
	bool active;
	bool letter;		/* a. b. c. rather than 1. 2. 3. */
	enum style style;
	unsigned next;		/* the value of the marker looked for */
	size_t at;		/* the boundary before it, or SIZE_MAX */
	size_t skip;		/* the end of that marker */
};

struct span {
	size_t start, end;
};

struct bound {			/* a sentence ends at end, the next */
	size_t end, next;	/* starts at next (end + 1 or end) */
};

struct text {
	const char *s;
	size_t n;
	size_t start;		/* of the current sentence */
	size_t content_end;	/* end of the last letter or digit */
	const struct span *spans;	/* annotated spans, by start: */
	size_t nspans;			/* never cut inside one */
	GArray *bounds;
	struct list list;
};

/*
 * May the current sentence end at end, the next start at next?  Not inside
 * an annotated span, and both sentences must hold a letter or a digit.
 * The spans are sorted by start and their ends turned into the furthest
 * end so far (span_reach), so one binary search answers.
 */
static bool
may_cut(const struct text *x, size_t end, size_t next)
{
	size_t lo = 0, hi = x->nspans;

	while (lo < hi) {	/* the spans that start before next */
		size_t mid = lo + (hi - lo) / 2;

		if (x->spans[mid].start < next)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo > 0 && x->spans[lo - 1].end > end)
		return false;
	return next < x->content_end && end > x->start &&
	    has_alnum(x->s, x->start, end);
}

/* A list marker at s[p]: bullets, 1-3 digits or a-z, ". " ".) " or ") ". */
static size_t
marker_at(const char *s, size_t n, size_t p, struct list *m)
{
	size_t q = p, l;
	unsigned v = 0;

	while (q < n && (l = match_set(BULLETS, s, n, q)) > 0) {
		q += l;
		if (q < n && s[q] == ' ')
			q++;
	}
	for (l = q; q < n && q - l < 3 && g_ascii_isdigit(s[q]); q++)
		v = v * 10 + (unsigned)(s[q] - '0');
	m->letter = q == l && q < n && s[q] >= 'a' && s[q] <= 'z';
	if (m->letter)
		v = (unsigned)(s[q++] - 'a' + 1);
	if (q == l || q >= n)
		return 0;
	if (s[q] == '.') {
		m->style = q + 1 < n && s[q + 1] == ')' ? L_DOTPAREN : L_DOT;
		q += m->style == L_DOTPAREN ? 2 : 1;
	} else if (s[q] == ')') {
		m->style = L_PAREN;
		q++;
	} else
		return 0;
	if (q >= n || s[q] != ' ')
		return 0;
	m->next = v + 1;
	return q;
}

/*
 * Find the next marker of the list after from: it must follow a space,
 * maybe with bullets between, and be followed by one.  The boundary is the
 * space before the marker and its bullets.  An item is at most LIST_GAP
 * bytes long, which keeps the search linear when many sentences start with
 * a number and no list follows.
 */
#define LIST_GAP 4096

static void
list_find(struct text *x, size_t from)
{
	struct list *l = &x->list;
	const char *s = x->s, *hit;
	size_t lim = from + LIST_GAP;
	char pat[8];
	int len;

	l->at = SIZE_MAX;
	if (l->next > (l->letter ? 26u : 999u))
		l->active = false;
	if (!l->active)
		return;
	if (l->letter)
		len = snprintf(pat, sizeof pat, "%c", (int)('a' + l->next - 1));
	else
		len = snprintf(pat, sizeof pat, "%u", l->next);
	len += snprintf(pat + len, sizeof pat - (size_t)len, "%s",
	    l->style == L_DOT ? "." : l->style == L_DOTPAREN ? ".)" : ")");
	if (lim > x->n)
		lim = x->n;
	while (from < lim && (hit = memmem(s + from, lim - from, pat,
	    (size_t)len)) != NULL) {
		size_t h = (size_t)(hit - s), e = h + (size_t)len, b = h, c, bl;

		from = h + 1;
		if (e >= x->n || s[e] != ' ')
			continue;
		while ((bl = bullet_before(s, b)) > 0)
			b -= bl;
		if (b == 0 || s[b - 1] != ' ')
			continue;
		b--;
		/* a bullet of its own before it: "• 10." */
		for (c = b; (bl = bullet_before(s, c)) > 0; c -= bl)
			;
		if (c < b && c > 0 && s[c - 1] == ' ')
			b = c - 1;
		l->at = b;
		l->skip = e;
		return;
	}
	l->active = false;
}

/*
 * A sentence starts at p, or a colon and a space are before it.  If a list
 * marker is there ("1. ", "a) ", "• 9. "), it does not end the sentence,
 * and the next marker of the list will start one.  Returns where scanning
 * goes on.
 */
static size_t
list_start(struct text *x, size_t p)
{
	struct list m;
	size_t e = marker_at(x->s, x->n, p, &m);

	if (e == 0)
		return p;
	m.active = true;
	x->list = m;
	list_find(x, e);
	return e;
}

/* A colon at s[i]: a list may follow ("Key findings: 1. A hull 2. A quay"). */
static size_t
at_colon(struct text *x, size_t i)
{
	if (i + 2 >= x->n || x->s[i + 1] != ' ')
		return i + 1;
	return list_start(x, i + 2);
}

/* End the sentence at end, the next starting at next, if may_cut. */
static size_t
cut(struct text *x, size_t end, size_t next, size_t resume)
{
	struct bound b = { end, next };

	if (!may_cut(x, end, next))
		return resume;
	g_array_append_val(x->bounds, b);
	x->start = next;
	return list_start(x, next);
}

/* The scanner reached the boundary before the next list marker. */
static size_t
list_boundary(struct text *x)
{
	size_t at = x->list.at, skip = x->list.skip;
	struct bound b = { at, at + 1 };

	if (at >= x->start && may_cut(x, at, at + 1)) {
		g_array_append_val(x->bounds, b);
		x->start = at + 1;
		return list_start(x, at + 1);
	}
	x->list.next++;
	list_find(x, skip);
	return skip;
}

/* --- the token after a candidate boundary -------------------------------- */

enum ncls { N_LOWER, N_UPPER, N_DIGIT, N_OTHER };

struct next {
	enum ncls cls;
	bool quoted;		/* after an opening quote */
	size_t word, wlen;	/* its leading ASCII letters */
	char c;			/* the first byte */
};

static void
next_token(const char *s, size_t n, size_t b, struct next *nx)
{
	size_t p, q;
	uint32_t cp;

	nx->quoted = false;
	p = skip_openers(s, n, b, &nx->quoted);
	for (q = p; q < n && g_ascii_isalpha(s[q]); q++)
		;
	nx->word = p;
	nx->wlen = q - p;
	nx->c = p < n ? s[p] : ' ';
	if (p >= n) {
		nx->cls = N_OTHER;
		return;
	}
	utf8_decode((const unsigned char *)s + p, n - p, &cp);
	if (cp < 0x80) {
		if (g_ascii_isdigit((int)cp))
			nx->cls = N_DIGIT;
		else if (g_ascii_isupper((int)cp))
			nx->cls = N_UPPER;
		else if (!g_ascii_islower((int)cp))
			nx->cls = N_OTHER;
		else {		/* iPhone, eBay: capitalized all the same */
			nx->cls = N_LOWER;
			for (size_t i = p + 1; i < q; i++)
				if (g_ascii_isupper(s[i]))
					nx->cls = N_UPPER;
		}
	} else if (uc_is_lower(cp))
		nx->cls = N_LOWER;
	else if (uc_is_alpha(cp))	/* upper case, or a caseless script */
		nx->cls = N_UPPER;
	else
		nx->cls = uc_is_digit(cp) ? N_DIGIT : N_OTHER;
}

/*
 * Is the next word one that usually starts a sentence?  Not an initial
 * (A. B. Smith); a negation (Don't, Won't) always is.
 */
static bool
next_starts(const char *s, size_t n, const struct next *nx)
{
	size_t e = nx->word + nx->wlen;

	if (nx->wlen == 1 && e < n && s[e] == '.')
		return false;
	if (nx->wlen > 1 && s[e - 1] == 'n' && ((e + 1 < n &&
	    memcmp(s + e, "'t", 2) == 0) || (e + 3 < n &&
	    memcmp(s + e, "’t", 4) == 0)))
		return true;
	return lookup(starters, s + nx->word, nx->wlen, false) != S_NONE;
}

/* The kind of the next word if it is an abbreviation (Mr. Gen.), else 0. */
static int
next_abbrev(const char *s, size_t n, const struct next *nx)
{
	size_t e = nx->word + nx->wlen;

	if (e >= n || s[e] != '.')
		return 0;
	return lookup(abbrevs, s + nx->word, nx->wlen + 1, true);
}

/* After a word's period, or ? and !: anything but a continuation. */
static bool
ends_before(const struct next *nx)
{
	return nx->cls != N_LOWER &&
	    !(nx->cls == N_OTHER && strchr(",;:%", nx->c) != NULL);
}

/* --- deciding ------------------------------------------------------------ */

/* The kind of the word w[0..len] whose last byte is its period. */
static enum kind
word_kind(const char *w, size_t len)
{
	int k = lookup(abbrevs, w, len + 1, true);
	size_t i;

	if (k != 0)
		return (enum kind)k;
	/* initials and initialisms: J.  U.S.  i.v.  N.K. */
	for (i = 0; i + 1 < len + 1; i += 2)
		if (!g_ascii_isalpha(w[i]) || w[i + 1] != '.')
			return K_WORD;
	return i == len + 1 ? K_MODIFIER : K_WORD;
}

/*
 * Is the current sentence, up to the token at ts, a short phrase opened
 * by a preposition ("At 5 a.m.")?  Then it cannot end yet.
 */
static bool
fronted_phrase(const struct text *x, size_t ts)
{
	bool quoted = false;
	size_t p = skip_openers(x->s, ts, x->start, &quoted), q, tokens = 1;

	for (q = p; q < ts && g_ascii_isalpha(x->s[q]); q++)
		;
	if (lookup(starters, x->s + p, q - p, false) != S_PREPOSITION)
		return false;
	for (; q < ts; q++)
		if (x->s[q] == ' ' && x->s[q + 1] != ' ')
			tokens++;
	return tokens <= 4;
}

/* Is the token at s[p] a lone period ("." maybe with closers)? Its end. */
static size_t
lone_dot(const char *s, size_t n, size_t p)
{
	size_t e;

	if (p >= n || s[p] != '.')
		return 0;
	e = skip_closers(s, n, p + 1);
	return e == n || s[e] == ' ' ? e : 0;
}

/*
 * A period standing alone, the token at ts: the last dot of a spaced
 * ellipsis ". . ." is no period, the last of ". . . ." is one, and after a
 * period ("compounds. . . . The") the ellipsis opens the next sentence.
 */
static bool
lone_dot_ends(const struct text *x, size_t ts, const struct next *nx,
    size_t b)
{
	const char *s = x->s;
	size_t r = 1, p = ts;

	if (lone_dot(s, x->n, b))
		return false;
	while (p >= 2 && s[p - 1] == ' ' && s[p - 2] == '.' &&
	    (p == 2 || s[p - 3] == ' ')) {
		r++;
		p -= 2;
	}
	if (p >= 2 && s[p - 1] == ' ' && strchr(".?!", s[p - 2]) != NULL)
		return false;
	return (r == 1 || r >= 4) && ends_before(nx);
}

/*
 * Does the sentence end at the token from ts whose terminal punctuation
 * starts at i, before the next token at b?
 */
static bool
ends_here(const struct text *x, size_t ts, size_t i, size_t b, unsigned mask,
    size_t dots)
{
	const char *s = x->s;
	size_t n = x->n, ws, c, e;
	struct next nx;
	bool quoted = false;
	enum kind k;
	int nk;

	if (mask & 1u << T_WIDE)
		return true;
	next_token(s, n, b, &nx);
	if (mask & 1u << T_QE)
		return ends_before(&nx);
	ws = skip_openers(s, i, ts, &quoted);
	if (ws == i) {		/* no word: ". . . ." "..." "[...]" */
		if (dots >= 4)
			return ends_before(&nx);
		return dots == 1 && lone_dot_ends(x, ts, &nx, b);
	}
	if (dots > 1)		/* that... She; there... the */
		return nx.cls == N_UPPER;
	/* "compounds. . . . The": what follows the ellipsis decides */
	for (c = b; (e = lone_dot(s, n, c)) > 0; c = e) {
		if (e >= n)
			return false;
		while (e < n && s[e] == ' ')
			e++;
	}
	if (c != b)
		next_token(s, n, c, &nx);
	k = word_kind(s + ws, i - ws);
	switch (k) {
	case K_TITLE:
	case K_PREFIX:
		return false;
	case K_NUMBER:
		return nx.cls != N_DIGIT && ends_before(&nx);
	case K_WORD:
		return ends_before(&nx);
	case K_FINAL:
	case K_MODIFIER:
		if (nx.cls != N_UPPER)
			return false;
		if (nx.quoted || next_starts(s, n, &nx))
			return true;
		/* at 6 p.m. Mr. Kim; in the U.S. Mr. Kim; not U.S. Sen. Kim */
		nk = next_abbrev(s, n, &nx);
		return (nk == K_TITLE || (nk == K_PREFIX && k == K_FINAL)) &&
		    !fronted_phrase(x, ts);
	}
	return false;
}

/*
 * Is the text from b on only a bracketed credit, "[YONHAP]" "(AP)", with
 * no terminal punctuation inside?  It stays with the sentence before.
 */
static bool
credit_at(const char *s, size_t n, size_t b)
{
	const char *close;
	size_t p;

	if (s[b] != '[' && s[b] != '(')
		return false;
	close = memchr(s + b, s[b] == '[' ? ']' : ')', n - b);
	if (close == NULL)
		return false;
	for (p = b; s + p < close; p++)
		if (strchr(".?!", s[p]) != NULL)
			return false;
	for (p = (size_t)(close - s) + 1; p < n; p++)
		if (strchr(".?!\"' ", s[p]) == NULL)
			return false;
	return true;
}

/*
 * A token ends at e (a space) with terminal punctuation from i, mask the
 * kinds of terminals in it, dots the number of periods (… counts 3).
 */
static size_t
at_token_end(struct text *x, size_t i, size_t e, unsigned mask, size_t dots)
{
	const char *s = x->s;
	size_t n = x->n, q = e, ts = i, f;

	for (;;) {
		while (q + 1 < n && s[q + 1] == ' ')
			q++;
		if (q + 1 >= n)
			return n;
		/* a footnote mark after a space stays before the boundary */
		if ((f = footnote_at(s, n, q + 1)) == 0 ||
		    (q + 1 + f < n && s[q + 1 + f] != ' '))
			break;
		q += 1 + f;
		if (q >= n)
			return n;
	}
	while (ts > x->start && s[ts - 1] != ' ')
		ts--;
	if (credit_at(s, n, q + 1) ||
	    !ends_here(x, ts, i, q + 1, mask, dots))
		return q + 1;
	return cut(x, q, q + 1, q + 1);
}

/* A terminal at s[i]: decide, and return where scanning goes on. */
static size_t
at_terminal(struct text *x, size_t i)
{
	const char *s = x->s;
	size_t n = x->n, re = i, e, l, dots = 0;
	unsigned mask = 0;
	enum term k;

	while (re < n && (l = term_at(s, n, re, &k)) > 0) {
		mask |= 1u << k;
		dots += k == T_DOT ? 1 : k == T_ELLIPSIS ? 3 : 0;
		re += l;
	}
	if (re == i)
		return i + 1;
	e = skip_closers(s, n, re);
	if (e >= n)
		return n;
	if (s[e] == ' ')
		return at_token_end(x, i, e, mask, dots);
	if (mask & 1u << T_WIDE)	/* 。 needs no space after it */
		return cut(x, e, e, e);
	return e;	/* inside a token: 4.1, example.com, Jr.'s, mean...see */
}

/*
 * The next byte from i on, before lim, that the scanner stops at, or lim.
 * Eight bytes at a time while none of them can be one: no byte is
 * non-ASCII, '.', '?', '!' or ':', which is most of news text.
 */
static size_t
scan(const char *s, size_t i, size_t lim)
{
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t high = 0x8080808080808080ULL;

	for (;;) {
		size_t e;

		for (; i + 8 <= lim; i += 8) {
			uint64_t w, a, b, c, d;

			memcpy(&w, s + i, 8);
			a = w ^ ones * '.';
			b = w ^ ones * '?';
			c = w ^ ones * '!';
			d = w ^ ones * ':';
			/* a zero byte in a, b, c or d is a stop byte */
			if ((w | (((a - ones) & ~a) | ((b - ones) & ~b) |
			    ((c - ones) & ~c) | ((d - ones) & ~d))) & high)
				break;
		}
		e = i + 8 < lim ? i + 8 : lim;
		for (; i < e; i++)
			if (scan_stop[(unsigned char)s[i]])
				return i;
		if (i >= lim)
			return lim;
	}
}

/* Find the sentence boundaries of x->s into x->bounds. */
static void
split_text(struct text *x)
{
	const char *s = x->s;
	size_t n = x->n, i, lim;

	/* the end of the last letter or digit: no sentence after it */
	for (x->content_end = n; x->content_end > 0; x->content_end--) {
		size_t p = x->content_end - 1, l;

		while (p > 0 && ((unsigned char)s[p] & 0xC0) == 0x80)
			p--;
		if (alnum_at(s, n, p, &l))
			break;
		x->content_end = p + 1;
	}
	x->start = 0;
	x->list.active = false;
	x->list.at = SIZE_MAX;
	i = list_start(x, 0);
	for (;;) {
		lim = x->list.at < n ? x->list.at : n;
		i = scan(s, i, lim);
		if (i < lim)
			i = s[i] == ':' ? at_colon(x, i) : at_terminal(x, i);
		else if (lim < n)
			i = list_boundary(x);
		else
			break;
	}
}

/* --- records ------------------------------------------------------------- */

struct item {
	struct annot a;
	int field;		/* NF_ENTITIES or NF_DATES */
	size_t sent;		/* index of the sentence that holds it */
};

static struct record_writer out;
static GArray *bounds, *items, *spans;
static GArray *order;		/* item indexes by sentence, then input */
static GArray *block;		/* end of each sentence's items in order */
static GString *fields[NF_NFIELDS];

static int
span_cmp(const void *a, const void *b)
{
	const struct span *p = a, *q = b;

	return (p->start > q->start) - (p->start < q->start);
}

/* Sort the spans by start; each end becomes the furthest end so far. */
static void
span_reach(GArray *a)
{
	struct span *sp = (struct span *)(void *)a->data;

	if (a->len > 1)
		qsort(sp, a->len, sizeof *sp, span_cmp);
	for (size_t i = 1; i < a->len; i++)
		if (sp[i].end < sp[i - 1].end)
			sp[i].end = sp[i - 1].end;
}

/*
 * Give each item the first sentence that holds it (none is cut: it is in
 * the first sentence that ends at or after its end), then list the items
 * sentence by sentence, in input order within each: sentence j has
 * order[block[j], block[j + 1]) (a counting sort).
 */
static void
place_items(void)
{
	const struct bound *b = (const struct bound *)(void *)bounds->data;
	size_t nb = bounds->len, *blk;

	g_array_set_size(block, nb + 3);
	blk = (size_t *)(void *)block->data;
	memset(blk, 0, (nb + 3) * sizeof *blk);
	for (size_t i = 0; i < items->len; i++) {
		struct item *it = &g_array_index(items, struct item, i);
		size_t lo = 0, hi = nb;

		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (b[mid].end < it->a.end)
				lo = mid + 1;
			else
				hi = mid;
		}
		it->sent = lo;
		blk[lo + 2]++;
	}
	for (size_t j = 2; j < nb + 3; j++)	/* blk[j + 1]: start of j */
		blk[j] += blk[j - 1];
	g_array_set_size(order, items->len);
	for (size_t i = 0; i < items->len; i++)	/* blk[j + 1]: end of j */
		g_array_index(order, size_t,
		    blk[g_array_index(items, struct item, i).sent + 1]++) = i;
}

static void
parse_items(const struct record *r, int field, const char *name)
{
	struct nf_str f = r->f[field], it;
	size_t pos = 0;
	const char *msg;

	while (annot_next_item(f.s, f.len, &pos, &it)) {
		struct item x = { .field = field };
		struct span sp;

		if ((msg = annot_parse(it, &x.a, r->f[NF_TEXT].len)) != NULL)
			record_die(r, "%s '%.*s': %s", name,
			    (int)(it.len > 60 ? 60 : it.len), it.s, msg);
		if (!utf8_is_boundary(r->f[NF_TEXT].s, r->f[NF_TEXT].len,
		    x.a.start) || !utf8_is_boundary(r->f[NF_TEXT].s,
		    r->f[NF_TEXT].len, x.a.end))
			record_die(r, "%s '%.*s': annotation offsets are not "
			    "on character boundaries", name,
			    (int)(it.len > 60 ? 60 : it.len), it.s);
		sp.start = x.a.start;
		sp.end = x.a.end;
		g_array_append_val(items, x);
		g_array_append_val(spans, sp);
	}
}

/*
 * Write sentence j, text s[start, end), with the items order[from, to).
 */
static void
write_sentence(const struct record *r, size_t j, size_t start, size_t end,
    size_t from, size_t to)
{
	struct record w = *r;

	w.sent = j + 1;
	w.f[NF_TEXT].s = r->f[NF_TEXT].s + start;
	w.f[NF_TEXT].len = end - start;
	for (int f = NF_ENTITIES; f <= NF_DATES; f++) {
		g_string_truncate(fields[f], 0);
		for (size_t i = from; i < to; i++) {
			struct item *it = &g_array_index(items, struct item,
			    g_array_index(order, size_t, i));

			if (it->field == f)
				annot_append(fields[f], it->a.type.s,
				    it->a.type.len, it->a.value.s,
				    it->a.value.len, it->a.start - start,
				    it->a.end - start);
		}
		w.f[f].s = fields[f]->str;
		w.f[f].len = fields[f]->len;
	}
	record_write(&out, &w);
}

static void
split_record(const struct record *r)
{
	struct text x = { .s = r->f[NF_TEXT].s, .n = r->f[NF_TEXT].len };
	size_t start = 0, nb;

	if (r->sent != 0) {		/* split already: leave it alone */
		record_write(&out, r);
		return;
	}
	g_array_set_size(items, 0);
	g_array_set_size(spans, 0);
	g_array_set_size(bounds, 0);
	parse_items(r, NF_ENTITIES, "entities");
	parse_items(r, NF_DATES, "dates");
	span_reach(spans);
	x.spans = (const struct span *)(void *)spans->data;
	x.nspans = spans->len;
	x.bounds = bounds;
	split_text(&x);

	place_items();
	nb = bounds->len;
	for (size_t j = 0; j <= nb; j++) {
		const struct bound *b = j < nb ?
		    &g_array_index(bounds, struct bound, j) : NULL;

		write_sentence(r, j, start, b != NULL ? b->end : x.n,
		    g_array_index(block, size_t, j),
		    g_array_index(block, size_t, j + 1));
		if (b != NULL)
			start = b->next;
	}
}

int
main(int argc, char **argv)
{
	struct record_reader *rd;
	struct record r;

	nf_options_parse(&argc, &argv, "[FILE...]", summary, entries);
	load_lists();
	init_sets();
	for (const char *p = ".?!:\xE2\xE3\xEF"; *p != '\0'; p++)
		scan_stop[(unsigned char)*p] = true;
	bounds = g_array_new(FALSE, FALSE, sizeof(struct bound));
	items = g_array_new(FALSE, FALSE, sizeof(struct item));
	spans = g_array_new(FALSE, FALSE, sizeof(struct span));
	order = g_array_new(FALSE, FALSE, sizeof(size_t));
	block = g_array_new(FALSE, FALSE, sizeof(size_t));
	for (int f = NF_ENTITIES; f <= NF_DATES; f++)
		fields[f] = g_string_new(NULL);

	record_writer_init(&out, stdout, "standard output", nf_line_buffered);
	rd = record_reader_open(argc - 1, argv + 1);
	while (record_read(rd, &r))
		split_record(&r);
	record_reader_close(rd);
	record_writer_close(&out);

	g_array_free(bounds, TRUE);
	g_array_free(items, TRUE);
	g_array_free(spans, TRUE);
	g_array_free(order, TRUE);
	g_array_free(block, TRUE);
	for (int f = NF_ENTITIES; f <= NF_DATES; f++)
		g_string_free(fields[f], TRUE);
	g_hash_table_destroy(abbrevs);
	g_hash_table_destroy(starters);
	g_strfreev(opt_abbrev);
	g_strfreev(opt_starters);
	return NF_EXIT_OK;
}
