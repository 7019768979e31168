/*
 * digest - the report an analyst reads: the news of a day from its records.
 *
 * Reads fully annotated records (doc/record-format.md) of one day or several
 * and writes one report: the articles and their sources; the themes of the
 * day ranked, each with its key sentences; the most mentioned people,
 * organizations and places; a timeline of the dates the articles mention;
 * a short entry per article; and, with --history, what rises and falls
 * against the trailing 7-day and 30-day means.  As Markdown, one
 * self-contained HTML file, plain text, or one TSV table per section.
 *
 * Memory holds the aggregates, never the records: a count per day, theme
 * and name, the best few sentences per theme, a few sentences per date of
 * the timeline, and a short entry for each of the --articles articles
 * whose themes weigh most (and for those of the sentences shown): so it
 * does not grow with the number of articles.  Nothing in a report
 * depends on the clock, the locale or the order of a hash table, so the
 * same records always give the same bytes.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <uniwidth.h>

#include "annot.h"
#include "cli.h"
#include "err.h"
#include "lexicon.h"
#include "record.h"
#include "utf8.h"

static const char summary[] =
    "Read annotated records (one day or several) and write the digest: the "
    "articles and\nsources, the themes ranked with their key sentences, the "
    "most mentioned names,\na timeline of the dates mentioned and an entry "
    "per article.  With --history,\nalso what rises and falls against the "
    "earlier days.\n\nFormats: md (Markdown, the default), html (one "
    "self-contained file), txt, and\ntsv (one table per section: summary, "
    "sources, themes, sentences, entities,\ntimeline, articles, trends).";

static char *opt_format, *opt_section, *opt_date, *opt_history, *opt_title;
static gboolean opt_read_only;
static gint opt_sentences = 3, opt_top = 10, opt_articles = 100;

static const GOptionEntry entries[] = {
	{ "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format,
	  "md (default), html, txt or tsv", "FORMAT" },
	{ "section", 's', 0, G_OPTION_ARG_STRING, &opt_section,
	  "With --format tsv: the table to write (required)", "NAME" },
	{ "date", 'd', 0, G_OPTION_ARG_STRING, &opt_date,
	  "The report's day: every article counts on it", "YYYY-MM-DD" },
	{ "history", 'H', 0, G_OPTION_ARG_FILENAME, &opt_history,
	  "Compare with the earlier days in DIR; keep the day's counts there",
	  "DIR" },
	{ "read-only", 'n', 0, G_OPTION_ARG_NONE, &opt_read_only,
	  "With --history: read the history, write nothing to it", NULL },
	{ "sentences", 'k', 0, G_OPTION_ARG_INT, &opt_sentences,
	  "Key sentences per theme (default 3)", "N" },
	{ "top", 't', 0, G_OPTION_ARG_INT, &opt_top,
	  "Names per list, dates in the timeline (default 10)", "N" },
	{ "articles", 'a', 0, G_OPTION_ARG_INT, &opt_articles,
	  "Entries for the N articles whose themes weigh most (default 100)",
	  "N" },
	{ "title", 'T', 0, G_OPTION_ARG_STRING, &opt_title,
	  "The report's title (default \"News digest\")", "TEXT" },
	{ NULL, 0, 0, 0, NULL, NULL, NULL }
};

NF_EMBED(timex_tsv, "filters/digest/timex.tsv")
NF_EMBED(style_css, "filters/digest/style.css")

#define TOP_THEMES	3	/* themes named per article */
#define CAND_MAX	64	/* candidate key sentences kept per theme */
#define MIN_KEY_BYTES	40	/* shorter sentences are no key sentences */
#define NEAR_DUP	0.6	/* shared words / words of the shorter one */
#define TL_SENT		3	/* sentences kept per date of the timeline */
#define SHOW_BYTES	320	/* a sentence is cut beyond this in a report */
#define SHORT_DAYS	7	/* the two trailing windows of the history */
#define LONG_DAYS	30
#define SERIES_DAYS	366	/* a longer period draws no sparklines */
#define TXT_WIDTH	72

enum format { F_MD, F_HTML, F_TXT, F_TSV };
enum kind { K_ALL, K_THEME, K_PER, K_ORG, K_LOC, K_NKINDS };
enum trend { T_NONE, T_STEADY, T_UP, T_DOWN, T_NEW };

/* The names of the kinds in the history files and the TSV tables. */
static const char *const kind_name[K_NKINDS] =
    { "all", "theme", "PER", "ORG", "LOC" };

typedef guint32 day_t;		/* a GDate Julian day number; 0: no day */

/* What counts and items are found by: a hash key over a name's bytes. */
struct key {
	day_t day;
	enum kind kind;
	const char *name;	/* owned by the count or item */
	size_t len;
};

/* A theme or a name on one day, while the records are read. */
struct count {
	struct key k;
	unsigned articles, mentions;
	unsigned long weight;	/* themes: the sum of the scores x 100 */
	size_t last;		/* 1 + the index of the last article counted */
};

/* A sentence that may be a key sentence of a theme. */
struct cand {
	unsigned score;		/* x 100 */
	struct article *art;	/* a reference to it */
	size_t seq;		/* record number */
	unsigned long para, sent;
	char *text;
	size_t len;
	guint hash;		/* of its words, to drop exact copies */
};

struct theme;

/* A sentence of the current article, for a theme it may be key to. */
struct pending {
	struct theme *t;
	struct cand c;
};

/* A theme while the records are read. */
struct theme {
	char *name;
	size_t stamp;		/* 1 + the article asum and acount are of */
	unsigned long asum;	/* that article: the sum of the scores x 100 */
	unsigned acount;	/* that article: its sentences scored */
	struct cand cand[CAND_MAX];	/* a heap, the worst on top */
	int ncand;
};

/* A theme or a name over the whole period, with its history. */
struct item {
	struct key k;		/* day 0 */
	unsigned articles, mentions;
	unsigned long weight;
	unsigned h7, h30;	/* articles in the two history windows */
	bool seen;		/* named on a day of the history */
	enum trend t7, t30;
	unsigned *series;	/* themes: articles per day from first - 30 */
	int rank;		/* themes: 1, 2, ... (0: not of the period) */
	GPtrArray *picks;	/* themes: the key sentences (struct cand *) */
	struct theme *theme;
};

/*
 * An article, while it is read, while it is one of the --articles kept
 * for the list of articles, and while a sentence kept refers to it.
 */
struct article {
	char *doc, *title, *lead;
	size_t doclen;
	char *source;
	char date[11];		/* its own date, "" if it has none */
	day_t day;		/* the day it counts on (0: not known yet) */
	unsigned nrec;
	bool lead_ok;		/* the lead is no short dateline */
	struct theme *top[TOP_THEMES];
	int ntop;
	size_t seq;		/* 0, 1, ...: its place in the input */
	unsigned long weight;	/* the sum of its top themes' scores x 100 */
	unsigned refs;		/* freed at 0 */
};

/* A sentence of the timeline, with the date phrase at [hs, he). */
struct tl_sent {
	char *text;
	size_t len, hs, he;
	struct article *art;
};

/* A date (or week, month, year...) of the timeline. */
struct tl_date {
	char *key;		/* 2024-11-18, 2024-11, 2024-W46, 2024-SU, 199 */
	char *label;		/* Monday 18 November 2024, November 2024 ... */
	day_t start;
	int grain;		/* enum grain: coarser first among equal starts */
	unsigned mentions, articles;
	size_t last;
	struct tl_sent sent[TL_SENT];
	int nsent;
};

struct timex_code {
	char *label;		/* with %Y for the year */
	unsigned month, day;
};

static enum format fmt;
static day_t forced;		/* --date */
static size_t narticles;	/* articles read */
static GPtrArray *articles;	/* the --articles kept: a heap while the
				   records are read, the worst on top; then
				   in the order of the input */
static GHashTable *counts;	/* struct key * (a count) -> itself */
static GHashTable *items;	/* struct key * (an item) -> itself */
static GHashTable *themes;	/* name -> struct theme * */
static GHashTable *sources;	/* name -> struct source * */
static GHashTable *dates;	/* key -> struct tl_date * */
static GHashTable *timex_codes;	/* code -> struct timex_code * */
static GPtrArray *touched;	/* the themes of the current article */
static GArray *pending;		/* its sentences (struct pending) */
static GString *title_buf, *scratch;
static struct article *cur;
static size_t nrecords;
static size_t hashed;		/* 1 + the record whose words_hash is hash */
static guint hash;
static day_t first, last;	/* the period: [first, last], 0 if undated */
static unsigned ndays;		/* last - first + 1 */
static unsigned hist7, hist30;	/* days found in the history windows */
static bool *hist_day;		/* [LONG_DAYS]: a file for first - 30 + i */
static GPtrArray *ranked[K_NKINDS];	/* items of the period, ranked */
static GPtrArray *tl;		/* the timeline shown (struct tl_date *) */

/* ------------------------------------------------------------------ */
/* Small things: days, sources, hashing                                */

static day_t
day_parse(const char *s)	/* a valid YYYY-MM-DD */
{
	GDate d;

	g_date_clear(&d, 1);
	g_date_set_dmy(&d, (GDateDay)atoi(s + 8), (GDateMonth)atoi(s + 5),
	    (GDateYear)atoi(s));
	return g_date_get_julian(&d);
}

static void
day_iso(day_t j, char buf[11])
{
	GDate d;

	g_date_clear(&d, 1);
	g_date_set_julian(&d, j);
	/* (the modulos tell the compiler that it fits) */
	snprintf(buf, 11, "%04u-%02u-%02u", g_date_get_year(&d) % 10000u,
	    (unsigned)g_date_get_month(&d) % 100u, g_date_get_day(&d) % 100u);
}

/*
 * "Monday 18 November 2024", or less: with_wday, with_year.  The names
 * are the C locale's: digest never calls setlocale, so a report reads the
 * same whatever the machine's locale.
 */
static void
day_words(day_t j, GString *out, bool with_wday, bool with_year)
{
	char buf[64];
	GDate d;

	g_date_clear(&d, 1);
	g_date_set_julian(&d, j);
	if (with_wday) {
		g_date_strftime(buf, sizeof buf, "%A ", &d);
		g_string_append(out, buf);
	}
	g_date_strftime(buf, sizeof buf, "%B", &d);
	g_string_append_printf(out, "%u %s", g_date_get_day(&d), buf);
	if (with_year)
		g_string_append_printf(out, " %u", g_date_get_year(&d));
}

/* The period in words: one day, or "18 to 20 November 2024". */
static void
period_words(GString *out)
{
	GDate a, b;

	if (first == 0) {
		g_string_append(out, "undated articles");
		return;
	}
	if (first == last) {
		day_words(first, out, true, true);
		return;
	}
	g_date_clear(&a, 1);
	g_date_clear(&b, 1);
	g_date_set_julian(&a, first);
	g_date_set_julian(&b, last);
	if (g_date_get_year(&a) == g_date_get_year(&b) &&
	    g_date_get_month(&a) == g_date_get_month(&b))
		g_string_append_printf(out, "%u", g_date_get_day(&a));
	else
		day_words(first, out, false,
		    g_date_get_year(&a) != g_date_get_year(&b));
	g_string_append(out, " to ");
	day_words(last, out, false, true);
}

/*
 * The source of a document: the host of its URL without "www.", or the
 * file name of its path.  Allocated.
 */
static char *
source_of(const char *doc)
{
	const char *p, *end;
	char *name;

	if (g_ascii_strncasecmp(doc, "http://", 7) == 0 ||
	    g_ascii_strncasecmp(doc, "https://", 8) == 0) {
		p = strchr(doc, '/') + 2;
		end = p + strcspn(p, "/?#");
		const char *at = memchr(p, '@', (size_t)(end - p));
		if (at != NULL)
			p = at + 1;
		const char *colon = memchr(p, ':', (size_t)(end - p));
		if (colon != NULL)
			end = colon;
		if (end - p > 4 && g_ascii_strncasecmp(p, "www.", 4) == 0)
			p += 4;
		name = g_ascii_strdown(p, end - p);
	} else if (strcmp(doc, "-") == 0) {
		name = g_strdup("standard input");
	} else {
		p = strrchr(doc, '/');
		name = g_strdup(p != NULL && p[1] != '\0' ? p + 1 : doc);
	}
	return name;
}

/*
 * The articles of each source, in bounded memory: a digest of files
 * without URLs has a source per file.  At most SOURCES_MAX sources are
 * counted, by Space-Saving (Metwally, Agrawal and El Abbadi, 2005): when
 * the table is full, a new source takes the place of the one with the
 * fewest articles, and counts on from its number.  Up to SOURCES_MAX
 * sources every count is exact.  Beyond, a source with more than
 * 1/SOURCES_MAX of the articles is always there, a count is at most that
 * many too high, and the number of sources is estimated (HyperLogLog of
 * HLL_REGS registers: off by 1% or so).
 */
#define SOURCES_MAX	1000
#define HLL_BITS	14
#define HLL_REGS	(1 << HLL_BITS)

struct source {
	char *name;
	unsigned articles;
	guint pos;		/* in source_heap */
};
static GPtrArray *source_heap;	/* the fewest articles on top */
static bool sources_full;	/* a source was pushed out: estimates */
static uint8_t hll[HLL_REGS];

/* Fewer articles, or as many and a name that sorts later. */
static bool
source_worse(const struct source *a, const struct source *b)
{
	if (a->articles != b->articles)
		return a->articles < b->articles;
	return strcmp(a->name, b->name) > 0;
}

static void
source_swap(guint i, guint j)
{
	struct source **h = (struct source **)source_heap->pdata, *t = h[i];

	h[i] = h[j];
	h[j] = t;
	h[i]->pos = i;
	h[j]->pos = j;
}

static void
source_sift_down(guint i)
{
	struct source **h = (struct source **)source_heap->pdata;
	guint n = source_heap->len;

	for (;;) {
		guint l = 2 * i + 1, r = l + 1, w = i;

		if (l < n && source_worse(h[l], h[w]))
			w = l;
		if (r < n && source_worse(h[r], h[w]))
			w = r;
		if (w == i)
			return;
		source_swap(i, w);
		i = w;
	}
}

static uint64_t
name_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	h ^= h >> 33;		/* the finalizer of MurmurHash3 */
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	return h ^ (h >> 33);
}

/* One more article of source name. */
static void
source_count(const char *name)
{
	struct source *src = g_hash_table_lookup(sources, name);
	uint64_t h = name_hash(name), w = h << HLL_BITS;
	uint8_t rho = w ? (uint8_t)(__builtin_clzll(w) + 1) :
	    64 - HLL_BITS + 1;

	if (rho > hll[h >> (64 - HLL_BITS)])
		hll[h >> (64 - HLL_BITS)] = rho;
	if (src != NULL) {
		src->articles++;
		source_sift_down(src->pos);
		return;
	}
	if (source_heap->len < SOURCES_MAX) {
		src = g_new(struct source, 1);
		src->name = g_strdup(name);
		src->articles = 1;
		src->pos = source_heap->len;
		g_ptr_array_add(source_heap, src);
		for (guint i = src->pos; i > 0 && source_worse(
		    source_heap->pdata[i], source_heap->pdata[(i - 1) / 2]);
		    i = (i - 1) / 2)
			source_swap(i, (i - 1) / 2);
	} else {
		src = source_heap->pdata[0];
		g_hash_table_remove(sources, src->name);
		g_free(src->name);
		src->name = g_strdup(name);
		src->articles++;
		source_sift_down(0);
		sources_full = true;
	}
	g_hash_table_insert(sources, src->name, src);
}

/* The natural logarithm of x > 0 (the build links no libm). */
static double
natural_log(double x)
{
	const double ln2 = 0.69314718055994530942;
	double z, z2, sum = 0, term;
	int e = 0;

	while (x >= 2) {
		x /= 2;
		e++;
	}
	while (x < 1) {
		x *= 2;
		e--;
	}
	z = (x - 1) / (x + 1);	/* ln x = 2 atanh z, z < 1/3 */
	z2 = z * z;
	term = z;
	for (int k = 1; k < 60; k += 2) {
		sum += term / k;
		term *= z2;
	}
	return 2 * sum + e * ln2;
}

/* The number of sources: counted, or estimated when some were pushed out. */
static unsigned
source_number(void)
{
	double sum = 0, m = HLL_REGS, est;
	unsigned zeros = 0;

	if (!sources_full)
		return source_heap->len;
	for (int i = 0; i < HLL_REGS; i++) {
		sum += 1.0 / (double)(1ULL << hll[i]);
		zeros += hll[i] == 0;
	}
	est = 0.7213 / (1 + 1.079 / m) * m * m / sum;
	if (est <= 2.5 * m && zeros > 0)
		est = m * natural_log(m / zeros);	/* linear counting */
	if (est < SOURCES_MAX + 1)
		est = SOURCES_MAX + 1;		/* one was pushed out */
	return (unsigned)(est + 0.5);
}

static guint
key_hash(gconstpointer p)
{
	const struct key *k = p;
	guint32 h = 2166136261u ^ k->day ^ ((guint32)k->kind << 24);

	for (size_t i = 0; i < k->len; i++)
		h = (h ^ (unsigned char)k->name[i]) * 16777619u;
	return h;
}

static gboolean
key_equal(gconstpointer a, gconstpointer b)
{
	const struct key *x = a, *y = b;

	return x->day == y->day && x->kind == y->kind && x->len == y->len &&
	    memcmp(x->name, y->name, x->len) == 0;
}

/* The count of name on day, made when there is none yet. */
/*
 * s[0..n) and a NUL, all its bytes: a key is compared over its length, so
 * a stray NUL inside (the record format has none, a reader lets it
 * through) must not cut the copy as g_strndup would.
 */
static char *
bytes_dup(const char *s, size_t n)
{
	char *d = g_malloc(n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

static struct count *
count_get(day_t day, enum kind kind, const char *name, size_t len)
{
	struct key k = { day, kind, name, len };
	struct count *c = g_hash_table_lookup(counts, &k);

	if (c == NULL) {
		c = g_new0(struct count, 1);
		c->k = k;
		c->k.name = bytes_dup(name, len);
		g_hash_table_add(counts, c);
	}
	return c;
}

static struct item *
item_get(enum kind kind, const char *name, size_t len)
{
	struct key k = { 0, kind, name, len };
	struct item *it = g_hash_table_lookup(items, &k);

	if (it == NULL) {
		it = g_new0(struct item, 1);
		it->k = k;
		it->k.name = bytes_dup(name, len);
		if (kind == K_THEME && first != 0 && ndays <= SERIES_DAYS)
			it->series = g_new0(unsigned, LONG_DAYS + ndays);
		g_hash_table_add(items, it);
	}
	return it;
}

/*
 * word_byte[c]: c lowercase if it is a byte of a word (an ASCII letter or
 * digit, or any byte of a non-ASCII character), else 0.  Made by setup().
 */
static unsigned char word_byte[256];

/*
 * A hash of the words of s, lowercase: two sentences that differ only in
 * case, spacing or punctuation are one.  It runs over every sentence a
 * theme scores, so it is plain byte arithmetic.
 */
static guint
words_hash(const char *s, size_t n)
{
	guint32 h = 2166136261u;
	bool gap = false;
	unsigned char c;

	for (size_t i = 0; i < n; i++) {
		if ((c = word_byte[(unsigned char)s[i]]) != 0) {
			if (gap)
				h = (h ^ ' ') * 16777619u;
			h = (h ^ c) * 16777619u;
			gap = false;
		} else
			gap = true;
	}
	return h;
}

/* ------------------------------------------------------------------ */
/* Articles: the ones kept, and the ones sentences refer to            */

static struct article *
article_ref(struct article *a)
{
	a->refs++;
	return a;
}

static void
article_unref(struct article *a)
{
	if (--a->refs > 0)
		return;
	g_free(a->doc);
	g_free(a->source);
	g_free(a->title);
	g_free(a->lead);
	g_free(a);
}

/*
 * Is a a worse entry for the list of articles than b?  Its top themes
 * weigh less; on a tie, its doc sorts later (so that the choice does not
 * depend on the order of the input), then it came later.
 */
static bool
article_worse(const struct article *a, const struct article *b)
{
	int c;

	if (a->weight != b->weight)
		return a->weight < b->weight;
	if ((c = strcmp(a->doc, b->doc)) != 0)
		return c > 0;
	return a->seq > b->seq;
}

static void
article_sift_down(guint i)
{
	struct article **h = (struct article **)articles->pdata;
	guint n = articles->len;

	for (;;) {
		guint l = 2 * i + 1, r = l + 1, w = i;

		if (l < n && article_worse(h[l], h[w]))
			w = l;
		if (r < n && article_worse(h[r], h[w]))
			w = r;
		if (w == i)
			return;
		struct article *t = h[i];
		h[i] = h[w];
		h[w] = t;
		i = w;
	}
}

/*
 * Keep a for the list of articles if it is among the --articles best so
 * far; the one it pushes out keeps only what a sentence shown needs.
 */
static void
article_keep(struct article *a)
{
	struct article **h;
	guint i;

	if (opt_articles == 0)
		return;
	if (articles->len < (guint)opt_articles) {
		g_ptr_array_add(articles, article_ref(a));
		h = (struct article **)articles->pdata;
		for (i = articles->len - 1; i > 0 &&
		    article_worse(h[i], h[(i - 1) / 2]); i = (i - 1) / 2) {
			struct article *t = h[i];
			h[i] = h[(i - 1) / 2];
			h[(i - 1) / 2] = t;
		}
		return;
	}
	h = (struct article **)articles->pdata;
	if (!article_worse(h[0], a))
		return;
	g_free(h[0]->lead);
	h[0]->lead = NULL;
	article_unref(h[0]);
	h[0] = article_ref(a);
	article_sift_down(0);
}

static gint
cmp_seq(gconstpointer pa, gconstpointer pb)
{
	const struct article *a = *(struct article *const *)pa;
	const struct article *b = *(struct article *const *)pb;

	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* ------------------------------------------------------------------ */
/* Key sentences: the best CAND_MAX per theme, in a heap               */

/* Is a a worse key sentence than b?  Score, then earlier paragraphs. */
static bool
cand_worse(const struct cand *a, const struct cand *b)
{
	if (a->score != b->score)
		return a->score < b->score;
	if (a->para != b->para)
		return a->para > b->para;
	return a->seq > b->seq;
}

static void
cand_sift_down(struct cand *h, int n, int i)
{
	for (;;) {
		int l = 2 * i + 1, r = l + 1, w = i;

		if (l < n && cand_worse(&h[l], &h[w]))
			w = l;
		if (r < n && cand_worse(&h[r], &h[w]))
			w = r;
		if (w == i)
			return;
		struct cand t = h[i];
		h[i] = h[w];
		h[w] = t;
		i = w;
	}
}

static void
cand_sift_up(struct cand *h, int i)
{
	while (i > 0 && cand_worse(&h[i], &h[(i - 1) / 2])) {
		struct cand t = h[i];
		h[i] = h[(i - 1) / 2];
		h[(i - 1) / 2] = t;
		i = (i - 1) / 2;
	}
}

/* Has t a sentence with these words among its best ones? */
static bool
cand_known(const struct theme *t, guint hash)
{
	for (int i = 0; i < t->ncand; i++)
		if (t->cand[i].hash == hash)
			return true;
	return false;
}

/*
 * The record's sentence may be a key sentence of t: keep it aside until
 * the article ends and its top themes are known, unless t has better ones
 * already, or this one.  A key sentence is of a theme the article is about.
 */
static void
cand_consider(struct theme *t, const struct record *r, unsigned score)
{
	struct pending p = { t, { score, cur, nrecords, r->para,
		r->sent, NULL, r->f[NF_TEXT].len, 0 } };

	if (p.c.len < MIN_KEY_BYTES)
		return;
	if (t->ncand == CAND_MAX && !cand_worse(&t->cand[0], &p.c))
		return;
	/* once per record, not per theme: the hash runs over the text */
	if (hashed != nrecords + 1) {
		hashed = nrecords + 1;
		hash = words_hash(r->f[NF_TEXT].s, p.c.len);
	}
	p.c.hash = hash;
	if (cand_known(t, p.c.hash))
		return;
	p.c.text = g_strndup(r->f[NF_TEXT].s, p.c.len);
	article_ref(p.c.art);
	g_array_append_val(pending, p);
}

static void
cand_free(struct cand *c)
{
	g_free(c->text);
	article_unref(c->art);
}

/*
 * Put c among the best sentences of t, or free it.  Exact copies (the
 * same story from two feeds) are kept once: the check runs only for a
 * sentence that gets in, which after the first few is rare.
 */
static void
cand_insert(struct theme *t, struct cand *c)
{
	bool full = t->ncand == CAND_MAX;

	if ((full && !cand_worse(&t->cand[0], c)) || cand_known(t, c->hash)) {
		cand_free(c);
		return;
	}
	if (!full) {
		t->cand[t->ncand] = *c;
		cand_sift_up(t->cand, t->ncand++);
	} else {
		cand_free(&t->cand[0]);
		t->cand[0] = *c;
		cand_sift_down(t->cand, t->ncand, 0);
	}
}

/* ------------------------------------------------------------------ */
/* The timeline: TIMEX3 values to periods                              */

static const char *
timex_row(void *ctx, char **cols, int ncols)
{
	struct timex_code *tc;
	unsigned m, d;
	char iso[11];

	(void)ctx;
	if (ncols != 3)
		return "expected 3 columns: code, label, MM-DD";
	if (strlen(cols[0]) != 2 || !g_ascii_isupper(cols[0][0]))
		return "the code is not two capital letters or a letter "
		    "and a digit";
	if (strstr(cols[1], "%Y") == NULL)
		return "the label has no %Y";
	if (sscanf(cols[2], "%2u-%2u", &m, &d) != 2 || strlen(cols[2]) != 5)
		return "the start is not MM-DD";
	snprintf(iso, sizeof iso, "2000-%02u-%02u", m, d);
	if (!record_date_valid(iso, 10))
		return "the start is not a day of the year";
	tc = g_new(struct timex_code, 1);
	tc->label = g_strdup(cols[1]);
	tc->month = m;
	tc->day = d;
	g_hash_table_replace(timex_codes, g_strdup(cols[0]), tc);
	return NULL;
}

static bool
all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!g_ascii_isdigit(s[i]))
			return false;
	return true;
}

/* The number written with the n digits at s. */
static unsigned
num(const char *s, size_t n)
{
	unsigned v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (unsigned)(s[i] - '0');
	return v;
}

static day_t
dmy(unsigned d, unsigned m, unsigned y)
{
	if (y < 1 || y > 9999 || !g_date_valid_dmy((GDateDay)d,
	    (GDateMonth)m, (GDateYear)y))
		return 0;
	GDate g;

	g_date_clear(&g, 1);
	g_date_set_dmy(&g, (GDateDay)d, (GDateMonth)m, (GDateYear)y);
	return g_date_get_julian(&g);
}

/* Monday of ISO week w of year y, or 0. */
static day_t
iso_week(unsigned y, unsigned w)
{
	day_t jan4 = dmy(4, 1, y);
	GDate g;

	if (jan4 == 0 || w < 1 || w > 53)
		return 0;
	g_date_clear(&g, 1);
	g_date_set_julian(&g, jan4);
	/* GDateWeekday: Monday is 1 */
	return jan4 - (g_date_get_weekday(&g) - 1) + (w - 1) * 7;
}

enum grain { G_CENTURY, G_DECADE, G_YEAR, G_CODE, G_MONTH, G_WEEK, G_DAY };

/*
 * The period of the TIMEX3 value v of a DATE or TIME: the length of its key
 * in v (2024-11-18, 2024-11, 2024-W47, 2024-SU, 2024, 199, 19), its first
 * day and its grain; 0 for what the timeline cannot place: XXXX-10 (no
 * year), PRESENT_REF, an unknown code.  A time 2024-11-18T07:40 counts on
 * its day, 2024-W47-WE on its week.
 */
static size_t
timex_parse(const char *v, size_t n, day_t *start, enum grain *g)
{
	struct timex_code *tc;
	unsigned y;
	char code[3];

	if ((n == 2 || n == 3) && all_digits(v, n)) {
		*g = n == 2 ? G_CENTURY : G_DECADE;
		*start = dmy(1, 1, num(v, n) * (n == 2 ? 100 : 10));
		return *start ? n : 0;
	}
	if (n < 4 || !all_digits(v, 4) || (n > 4 && v[4] != '-'))
		return 0;
	y = num(v, 4);
	*g = G_YEAR;
	if (n == 4)
		*start = dmy(1, 1, y);
	else if (n >= 8 && v[5] == 'W' && all_digits(v + 6, 2) &&
	    (n == 8 || v[8] == '-')) {
		*g = G_WEEK;
		*start = iso_week(y, num(v + 6, 2));
		n = 8;
	} else if (n == 7 && g_ascii_isupper(v[5])) {
		memcpy(code, v + 5, 2);
		code[2] = '\0';
		tc = g_hash_table_lookup(timex_codes, code);
		*g = G_CODE;
		*start = tc ? dmy(tc->day, tc->month, y) : 0;
	} else if (n == 7 && all_digits(v + 5, 2)) {
		*g = G_MONTH;
		*start = dmy(1, num(v + 5, 2), y);
	} else if (n >= 10 && all_digits(v + 5, 2) && v[7] == '-' &&
	    all_digits(v + 8, 2) && (n == 10 || v[10] == 'T')) {
		*g = G_DAY;
		*start = dmy(num(v + 8, 2), num(v + 5, 2), y);
		n = 10;
	} else
		return 0;
	return *start ? n : 0;
}

/* The words for the period with key k: "week 47 of 2024", "the 1990s". */
static void
timex_label(const char *k, day_t start, enum grain g, GString *out)
{
	GDate d;
	char month[32];

	g_date_clear(&d, 1);
	g_date_set_julian(&d, start);
	switch (g) {
	case G_CENTURY:
	case G_DECADE:
		g_string_append_printf(out, "the %us", g_date_get_year(&d));
		break;
	case G_YEAR:
		g_string_append_printf(out, "%u", g_date_get_year(&d));
		break;
	case G_CODE:
		for (const char *l = ((struct timex_code *)g_hash_table_lookup(
		    timex_codes, k + 5))->label; *l; l++)
			if (l[0] == '%' && l[1] == 'Y') {
				g_string_append_len(out, k, 4);
				l++;
			} else
				g_string_append_c(out, *l);
		break;
	case G_MONTH:
		g_date_strftime(month, sizeof month, "%B", &d);
		g_string_append_printf(out, "%s %u", month,
		    g_date_get_year(&d));
		break;
	case G_WEEK:
		g_string_append_printf(out, "week %u of %.4s", num(k + 6, 2), k);
		break;
	case G_DAY:
		day_words(start, out, true, true);
		break;
	}
}

/* The record's date item [hs, he) resolved to value: on the timeline. */
static void
timeline_add(const struct record *r, struct nf_str value, size_t hs,
    size_t he)
{
	struct article *art = cur;
	size_t n;
	struct tl_date *t;
	enum grain g;
	day_t start;
	char key[16];

	if ((n = timex_parse(value.s, value.len, &start, &g)) == 0)
		return;
	memcpy(key, value.s, n);
	key[n] = '\0';
	if ((t = g_hash_table_lookup(dates, key)) == NULL) {
		t = g_new0(struct tl_date, 1);
		t->key = g_strdup(key);
		t->start = start;
		t->grain = g;
		g_string_truncate(scratch, 0);
		timex_label(key, start, g, scratch);
		t->label = g_strdup(scratch->str);
		g_hash_table_insert(dates, t->key, t);
	}
	t->mentions++;
	if (t->last != narticles) {
		t->last = narticles;
		t->articles++;
	}
	/* one sentence per article; a dateline says nothing of the date */
	if (t->nsent == TL_SENT || r->f[NF_TEXT].len < MIN_KEY_BYTES ||
	    (t->nsent > 0 && t->sent[t->nsent - 1].art == art))
		return;
	t->sent[t->nsent++] = (struct tl_sent){ g_strndup(r->f[NF_TEXT].s,
	    r->f[NF_TEXT].len), r->f[NF_TEXT].len, hs, he, article_ref(art) };
}

/* ------------------------------------------------------------------ */
/* Reading the records                                                 */

static enum kind
entity_kind(struct nf_str t)
{
	if (t.len == 3 && memcmp(t.s, "PER", 3) == 0)
		return K_PER;
	if (t.len == 3 && memcmp(t.s, "ORG", 3) == 0)
		return K_ORG;
	if (t.len == 3 && memcmp(t.s, "LOC", 3) == 0)
		return K_LOC;
	return K_ALL;
}

static void
count_entities(const struct record *r)
{
	struct nf_str f = r->f[NF_ENTITIES], item;
	struct annot a;
	const char *msg;
	size_t pos = 0;
	enum kind k;

	while (annot_next_item(f.s, f.len, &pos, &item)) {
		if ((msg = annot_parse(item, &a, r->f[NF_TEXT].len)) != NULL)
			record_die(r, "field 6: %s: '%.*s'", msg,
			    (int)MIN(item.len, 60), item.s);
		if ((k = entity_kind(a.type)) == K_ALL)
			record_die(r, "field 6: entity type '%.*s' is not "
			    "PER, ORG or LOC", (int)MIN(a.type.len, 20),
			    a.type.s);
		if (a.value.len == 0)
			record_die(r, "field 6: entity without a name: '%.*s'",
			    (int)MIN(item.len, 60), item.s);
		struct count *c = count_get(cur->day, k, a.value.s,
		    a.value.len);
		c->mentions++;
		if (c->last != narticles) {
			c->last = narticles;
			c->articles++;
		}
	}
}

static void
collect_dates(const struct record *r)
{
	struct nf_str f = r->f[NF_DATES], item;
	struct annot a;
	const char *msg;
	size_t pos = 0;

	while (annot_next_item(f.s, f.len, &pos, &item)) {
		if ((msg = annot_parse(item, &a, r->f[NF_TEXT].len)) != NULL)
			record_die(r, "field 7: %s: '%.*s'", msg,
			    (int)MIN(item.len, 60), item.s);
		if (a.type.len == 4 && (memcmp(a.type.s, "DATE", 4) == 0 ||
		    memcmp(a.type.s, "TIME", 4) == 0))
			timeline_add(r, a.value, a.start, a.end);
		else if (!(a.type.len == 8 &&
		    memcmp(a.type.s, "DURATION", 8) == 0) &&
		    !(a.type.len == 3 && memcmp(a.type.s, "SET", 3) == 0))
			record_die(r, "field 7: date type '%.*s' is not DATE, "
			    "TIME, DURATION or SET", (int)MIN(a.type.len, 20),
			    a.type.s);
	}
}

/* A score 0, 1, 0.5 or 0.82 as hundredths, or -1. */
static int
parse_score(struct nf_str v)
{
	int n;

	if (v.len == 0 || v.len > 4 || (v.s[0] != '0' && v.s[0] != '1'))
		return -1;
	n = (v.s[0] - '0') * 100;
	if (v.len == 1)
		return n;
	if (v.s[1] != '.' || v.len == 2)
		return -1;
	for (size_t i = 2; i < v.len; i++) {
		if (!g_ascii_isdigit(v.s[i]))
			return -1;
		n += (v.s[i] - '0') * (i == 2 ? 10 : 1);
	}
	return n > 100 ? -1 : n;
}

static void
score_themes(const struct record *r)
{
	struct nf_str f = r->f[NF_THEMES], item;
	struct annot a;
	const char *msg;
	size_t pos = 0;
	int score;

	while (annot_next_item(f.s, f.len, &pos, &item)) {
		if ((msg = annot_parse_theme(item, &a)) != NULL ||
		    (score = parse_score(a.value)) < 0)
			record_die(r, "field 8: %s: '%.*s'", msg ? msg :
			    "the score is not a decimal from 0 to 1",
			    (int)MIN(item.len, 60), item.s);
		g_string_truncate(scratch, 0);
		g_string_append_len(scratch, a.type.s, (gssize)a.type.len);
		struct theme *t = g_hash_table_lookup(themes, scratch->str);
		if (t == NULL) {
			t = g_new0(struct theme, 1);
			t->name = g_strdup(scratch->str);
			g_hash_table_insert(themes, t->name, t);
		}
		if (t->stamp != narticles) {
			t->stamp = narticles;
			t->asum = 0;
			t->acount = 0;
			g_ptr_array_add(touched, t);
		}
		t->asum += (unsigned)score;
		t->acount++;
		if (r->para > 0 && score > 0)
			cand_consider(t, r, (unsigned)score);
	}
}

static void
start_article(const struct record *r)
{
	struct article *a = g_new0(struct article, 1);

	a->doc = bytes_dup(r->f[NF_DOC].s, r->f[NF_DOC].len);
	a->doclen = r->f[NF_DOC].len;
	a->source = source_of(a->doc);
	source_count(a->source);
	memcpy(a->date, r->f[NF_DATE].s, r->f[NF_DATE].len);
	a->day = forced ? forced : a->date[0] ? day_parse(a->date) : 0;
	a->seq = narticles++;
	a->refs = 1;		/* cur's */
	if (a->day != 0 && (first == 0 || a->day < first))
		first = a->day;
	if (a->day > last)
		last = a->day;
	g_string_truncate(title_buf, 0);
	cur = a;
}

/* An article's themes: by the sum of their scores, then by name. */
static gint
cmp_touched(gconstpointer pa, gconstpointer pb)
{
	const struct theme *a = *(struct theme *const *)pa;
	const struct theme *b = *(struct theme *const *)pb;

	if (a->asum != b->asum)
		return a->asum > b->asum ? -1 : 1;
	return strcmp(a->name, b->name);
}

/*
 * The article's themes: the one with the highest sum of scores over its
 * sentences, and up to two more that reach a third of it.  A theme counts
 * an article only when it is one of these: a passing mention is not what
 * the article is about.
 */
static void
finish_article(void)
{
	struct article *a = cur;
	struct count *c;
	unsigned long best;

	a->title = title_buf->len ? g_strdup(title_buf->str) : NULL;
	g_ptr_array_sort(touched, cmp_touched);
	best = touched->len ? ((struct theme *)touched->pdata[0])->asum : 0;
	for (guint i = 0; i < touched->len; i++) {
		struct theme *t = touched->pdata[i];
		/* the first ones in this order that reach a third */
		bool top = t->asum > 0 && a->ntop < TOP_THEMES &&
		    t->asum * 3 >= best && a->ntop == (int)i;

		c = count_get(a->day, K_THEME, t->name, strlen(t->name));
		c->mentions += t->acount;
		c->weight += t->asum;
		if (top) {
			c->articles++;
			a->top[a->ntop++] = t;
			a->weight += t->asum;
		}
	}
	g_ptr_array_set_size(touched, 0);
	for (guint i = 0; i < pending->len; i++) {
		struct pending *p = &g_array_index(pending, struct pending, i);
		int k = 0;

		while (k < a->ntop && a->top[k] != p->t)
			k++;
		if (k < a->ntop)
			cand_insert(p->t, &p->c);
		else
			cand_free(&p->c);
	}
	g_array_set_size(pending, 0);
	c = count_get(a->day, K_ALL, "", 0);
	c->articles++;
	c->mentions += a->nrec;
	article_keep(a);
	article_unref(a);
	cur = NULL;
}

static void
take_record(const struct record *r)
{
	const struct nf_str *text = &r->f[NF_TEXT];

	if (cur == NULL || cur->doclen != r->f[NF_DOC].len ||
	    memcmp(cur->doc, r->f[NF_DOC].s, r->f[NF_DOC].len) != 0) {
		if (cur != NULL)
			finish_article();
		start_article(r);
	}
	nrecords++;
	cur->nrec++;
	if (r->para == 0) {
		if (title_buf->len > 0)
			g_string_append_c(title_buf, ' ');
		g_string_append_len(title_buf, text->s, (gssize)text->len);
	} else if (cur->lead == NULL || (!cur->lead_ok &&
	    text->len >= MIN_KEY_BYTES)) {
		/* the first sentence that is more than a dateline */
		g_free(cur->lead);
		cur->lead = g_strndup(text->s, text->len);
		cur->lead_ok = text->len >= MIN_KEY_BYTES;
	}
	count_entities(r);
	collect_dates(r);
	score_themes(r);
}

/* ------------------------------------------------------------------ */
/* After reading: the period, the items, the history, the trends       */

static void
free_count(struct count *c)
{
	g_free((char *)c->k.name);
	g_free(c);
}

/* The counts of the undated articles join those of the last day. */
static void
merge_undated(void)
{
	GPtrArray *undated = g_ptr_array_new();
	GHashTableIter it;
	gpointer p;

	g_hash_table_iter_init(&it, counts);
	while (g_hash_table_iter_next(&it, &p, NULL))
		if (((struct count *)p)->k.day == 0) {
			g_ptr_array_add(undated, p);
			g_hash_table_iter_remove(&it);
		}
	for (guint i = 0; i < undated->len; i++) {
		struct count *u = undated->pdata[i];
		struct count *c = count_get(last, u->k.kind, u->k.name,
		    u->k.len);

		c->articles += u->articles;
		c->mentions += u->mentions;
		c->weight += u->weight;
		free_count(u);
	}
	g_ptr_array_free(undated, TRUE);
}

/*
 * The period is --date, or the days of the articles (first and last, as
 * they were read); an article without a date counts on the last day.
 * Then the counts per day become the items of the period, themes with
 * their articles per day; the articles kept go in the order of the input.
 */
static void
settle_period(void)
{
	GHashTableIter it;
	gpointer p;

	ndays = first ? last - first + 1 : 1;
	g_ptr_array_sort(articles, cmp_seq);
	if (last != 0)
		merge_undated();
	g_hash_table_iter_init(&it, counts);
	while (g_hash_table_iter_next(&it, &p, NULL)) {
		struct count *c = p;
		struct item *t = item_get(c->k.kind, c->k.name, c->k.len);
		day_t day = c->k.day;

		t->articles += c->articles;
		t->mentions += c->mentions;
		t->weight += c->weight;
		if (t->series != NULL)
			t->series[LONG_DAYS + day - first] += c->articles;
	}
}

static const char *
history_row(void *ctx, char **cols, int ncols)
{
	day_t day = *(day_t *)ctx;
	enum kind k;
	char *end;
	unsigned long art;

	if (ncols != 4)
		return "expected 4 columns: kind, name, articles, mentions";
	if (strcmp(cols[0], "kind") == 0)
		return NULL;	/* the header */
	for (k = 0; k < K_NKINDS; k++)
		if (strcmp(cols[0], kind_name[k]) == 0)
			break;
	if (k == K_NKINDS)
		return "the kind is not all, theme, PER, ORG or LOC";
	art = strtoul(cols[2], &end, 10);
	if (!g_ascii_isdigit(cols[2][0]) || *end != '\0' || art > 1000000000)
		return "the articles are not a number";
	if (!g_ascii_isdigit(cols[3][0]) || !all_digits(cols[3],
	    strlen(cols[3])))
		return "the mentions are not a number";
	struct item *t = item_get(k, cols[1], strlen(cols[1]));
	t->h30 += (unsigned)art;
	if (day + SHORT_DAYS >= first)
		t->h7 += (unsigned)art;
	t->seen = t->seen || art > 0;
	if (t->series != NULL)
		t->series[LONG_DAYS + day - first] = (unsigned)art;
	return NULL;
}

/* The history file of day, in DIR (allocated). */
static char *
history_path(day_t day)
{
	char iso[11];

	day_iso(day, iso);
	return g_strdup_printf("%s/%s.tsv", opt_history, iso);
}

/* Read the days of the 30 before the period that the history has. */
static void
read_history(void)
{
	struct stat st;

	hist_day = g_new0(bool, LONG_DAYS);
	if (stat(opt_history, &st) != 0) {
		if (errno != ENOENT)
			nf_err(NF_EXIT_FAILURE, "%s", opt_history);
		return;		/* made when the day is written */
	}
	if (!S_ISDIR(st.st_mode))
		nf_errx(NF_EXIT_FAILURE, "%s: not a directory", opt_history);
	for (day_t d = first - LONG_DAYS; d < first; d++) {
		char *path = history_path(d);

		if (access(path, F_OK) == 0) {
			lexicon_load_file(path, history_row, &d);
			hist_day[d - (first - LONG_DAYS)] = true;
			hist30++;
			hist7 += d + SHORT_DAYS >= first;
		} else if (errno != ENOENT)
			nf_err(NF_EXIT_FAILURE, "%s", path);
		g_free(path);
	}
}

/*
 * Up: at least twice the mean and at least one article a day more.  Down:
 * at most half a mean of two or more.  In integers: x = a / ndays against
 * m = h / n, so that a tie is always judged the same.
 */
static enum trend
judge(unsigned a, unsigned h, unsigned n)
{
	unsigned long long x = (unsigned long long)a * n,
	    m = (unsigned long long)h * ndays;

	if (n == 0)
		return T_NONE;
	if (x >= 2 * m && x >= m + (unsigned long long)n * ndays)
		return T_UP;
	if (h >= 2ULL * n && 2 * x <= m)
		return T_DOWN;
	return T_STEADY;
}

static void
set_trends(void)
{
	GHashTableIter it;
	gpointer p;

	g_hash_table_iter_init(&it, items);
	while (g_hash_table_iter_next(&it, &p, NULL)) {
		struct item *t = p;

		if (hist30 == 0)
			t->t7 = t->t30 = T_NONE;
		else if (t->articles > 0 && !t->seen)
			t->t7 = t->t30 = T_NEW;
		else {
			t->t7 = judge(t->articles, t->h7, hist7);
			t->t30 = judge(t->articles, t->h30, hist30);
		}
	}
}

static int
cmp_name(const struct item *a, const struct item *b)
{
	return strcmp(a->k.name, b->k.name);
}

/* Themes: articles, then the sum of their scores, then the name. */
static gint
cmp_theme(gconstpointer pa, gconstpointer pb)
{
	const struct item *a = *(struct item *const *)pa;
	const struct item *b = *(struct item *const *)pb;

	if (a->articles != b->articles)
		return a->articles > b->articles ? -1 : 1;
	if (a->weight != b->weight)
		return a->weight > b->weight ? -1 : 1;
	return cmp_name(a, b);
}

/* Names: mentions, then articles, then the name. */
static gint
cmp_entity(gconstpointer pa, gconstpointer pb)
{
	const struct item *a = *(struct item *const *)pa;
	const struct item *b = *(struct item *const *)pb;

	if (a->mentions != b->mentions)
		return a->mentions > b->mentions ? -1 : 1;
	if (a->articles != b->articles)
		return a->articles > b->articles ? -1 : 1;
	return cmp_name(a, b);
}

static void
rank_items(void)
{
	GHashTableIter it;
	gpointer p;

	for (int k = 0; k < K_NKINDS; k++)
		ranked[k] = g_ptr_array_new();
	g_hash_table_iter_init(&it, items);
	while (g_hash_table_iter_next(&it, &p, NULL)) {
		struct item *t = p;

		if (t->articles > 0 && t->k.kind != K_ALL)
			g_ptr_array_add(ranked[t->k.kind], t);
	}
	g_ptr_array_sort(ranked[K_THEME], cmp_theme);
	for (int k = K_PER; k <= K_LOC; k++)
		g_ptr_array_sort(ranked[k], cmp_entity);
	for (guint i = 0; i < ranked[K_THEME]->len; i++) {
		struct item *t = ranked[K_THEME]->pdata[i];

		t->rank = (int)i + 1;
		t->theme = g_hash_table_lookup(themes, t->k.name);
	}
}

/* ------------------------------------------------------------------ */
/* Choosing the key sentences: best first, no near-duplicates          */

static gint
cmp_u32(gconstpointer a, gconstpointer b)
{
	guint32 x = *(const guint32 *)a, y = *(const guint32 *)b;

	return x < y ? -1 : x > y;
}

/* The sorted distinct hashes of the words of 3 letters or more of s. */
static GArray *
word_set(const char *s, size_t n)
{
	GArray *w = g_array_new(FALSE, FALSE, sizeof(guint32));
	guint32 h = 2166136261u, *x;
	size_t len = 0;
	guint k = 0;

	for (size_t i = 0; i <= n; i++) {
		unsigned char c;

		if (i < n && (c = word_byte[(unsigned char)s[i]]) != 0) {
			h = (h ^ c) * 16777619u;
			len++;
			continue;
		}
		if (len >= 3)
			g_array_append_val(w, h);
		h = 2166136261u;
		len = 0;
	}
	g_array_sort(w, cmp_u32);
	x = (guint32 *)w->data;
	for (guint i = 0; i < w->len; i++)
		if (i == 0 || x[i] != x[k - 1])
			x[k++] = x[i];
	g_array_set_size(w, k);
	return w;
}

/* Do a and b share at least NEAR_DUP of the words of the shorter one? */
static bool
near_dup(const GArray *a, const GArray *b)
{
	const guint32 *x = (const guint32 *)a->data;
	const guint32 *y = (const guint32 *)b->data;
	guint i = 0, j = 0, shared = 0;

	if (a->len == 0 || b->len == 0)
		return false;
	while (i < a->len && j < b->len) {
		if (x[i] < y[j])
			i++;
		else if (x[i] > y[j])
			j++;
		else {
			shared++;
			i++;
			j++;
		}
	}
	return shared >= NEAR_DUP * MIN(a->len, b->len);
}

static gint
cmp_cand(gconstpointer pa, gconstpointer pb)
{
	const struct cand *a = pa, *b = pb;

	return cand_worse(b, a) ? -1 : cand_worse(a, b) ? 1 : 0;
}

/*
 * For each theme in rank order, its best sentences: one per article, none
 * close to a sentence shown before, in this theme or another.
 */
static void
pick_sentences(void)
{
	GPtrArray *shown = g_ptr_array_new_with_free_func(
	    (GDestroyNotify)(void (*)(void))g_array_unref);

	for (guint i = 0; i < ranked[K_THEME]->len; i++) {
		struct item *it = ranked[K_THEME]->pdata[i];
		struct theme *t = it->theme;

		it->picks = g_ptr_array_new();	/* (one per article: by
						   the pointer) */
		if (t == NULL)
			continue;
		qsort(t->cand, (size_t)t->ncand, sizeof *t->cand, cmp_cand);
		for (int c = 0; c < t->ncand &&
		    (int)it->picks->len < opt_sentences; c++) {
			struct cand *cd = &t->cand[c];
			GArray *w;
			bool skip = false;

			for (guint p = 0; p < it->picks->len && !skip; p++)
				skip = ((struct cand *)it->picks->pdata[p])
				    ->art == cd->art;
			if (skip)
				continue;
			w = word_set(cd->text, cd->len);
			for (guint s = 0; s < shown->len && !skip; s++)
				skip = near_dup(w, shown->pdata[s]);
			if (skip) {
				g_array_unref(w);
				continue;
			}
			g_ptr_array_add(it->picks, cd);
			g_ptr_array_add(shown, w);
		}
	}
	g_ptr_array_free(shown, TRUE);
}

/* ------------------------------------------------------------------ */
/* The timeline shown                                                  */

/* Dates: most articles, most mentions, nearest the period's end. */
static gint
cmp_tl_mentions(gconstpointer pa, gconstpointer pb)
{
	const struct tl_date *a = *(struct tl_date *const *)pa;
	const struct tl_date *b = *(struct tl_date *const *)pb;
	day_t da = a->start > last ? a->start - last : last - a->start;
	day_t db = b->start > last ? b->start - last : last - b->start;

	if (a->articles != b->articles)
		return a->articles > b->articles ? -1 : 1;
	if (a->mentions != b->mentions)
		return a->mentions > b->mentions ? -1 : 1;
	if (da != db)
		return da < db ? -1 : 1;
	return strcmp(a->key, b->key);
}

static gint
cmp_tl_time(gconstpointer pa, gconstpointer pb)
{
	const struct tl_date *a = *(struct tl_date *const *)pa;
	const struct tl_date *b = *(struct tl_date *const *)pb;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->grain != b->grain)
		return a->grain < b->grain ? -1 : 1;
	return strcmp(a->key, b->key);
}

/*
 * The --top dates that most articles mention, in the order of time: a
 * busy day mentions more dates than a reader wants in a timeline.
 */
static void
pick_timeline(void)
{
	GHashTableIter it;
	gpointer p;

	tl = g_ptr_array_new();
	g_hash_table_iter_init(&it, dates);
	while (g_hash_table_iter_next(&it, NULL, &p))
		g_ptr_array_add(tl, p);
	g_ptr_array_sort(tl, cmp_tl_mentions);
	if (tl->len > (guint)opt_top)
		g_ptr_array_set_size(tl, (guint)opt_top);
	g_ptr_array_sort(tl, cmp_tl_time);
}

/* ------------------------------------------------------------------ */
/* Output: escaping and text helpers                                   */

static void
put(const char *s)
{
	fputs(s, stdout);
}

static void putf(const char *f, ...) __attribute__((format(printf, 1, 2)));

static void
putf(const char *f, ...)
{
	va_list ap;

	va_start(ap, f);
	vprintf(f, ap);
	va_end(ap);
}

/* Does a Markdown character at s[i] need a backslash? */
static bool
md_special(const char *s, size_t n, size_t i)
{
	size_t j;

	switch (s[i]) {
	case '\\': case '`': case '*': case '_': case '[': case ']':
	case '<': case '>': case '|': case '~':
		return true;
	case '#': case '-': case '+': case '=':
		return i == 0;		/* a heading, a list, an underline */
	case '.': case ')':		/* "1. " would start a list */
		return i > 0 && all_digits(s, i);
	case '&':			/* an entity reference &name; */
		for (j = i + 1; j < n && (g_ascii_isalnum(s[j]) ||
		    s[j] == '#'); j++)
			;
		return j > i + 1 && j < n && s[j] == ';';
	default:
		return false;
	}
}

/*
 * Append s[0..n) to g as the format needs it.  In every format but TSV,
 * control characters and invalid UTF-8 become U+FFFD (a report is read
 * in terminals too); HTML escapes & < > " '; Markdown puts a backslash
 * before what would turn text into markup (raw HTML included).
 */
static void
esc(GString *g, const char *s, size_t n)
{
	if (fmt == F_TSV) {
		g_string_append_len(g, s, (gssize)n);
		return;
	}
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		int k;

		if (c >= 0x80) {
			k = utf8_decode((const unsigned char *)s + i, n - i,
			    &cp);
			if ((k == 1 && cp == NF_REPLACEMENT_CHAR) || cp < 0xA0)
				g_string_append(g, "\xEF\xBF\xBD");
			else
				g_string_append_len(g, s + i, k);
			i += (size_t)k;
			continue;
		}
		i++;
		if (c < 0x20 || c == 0x7F) {
			g_string_append(g, "\xEF\xBF\xBD");
		} else if (fmt == F_HTML) {
			switch (c) {
			case '&': g_string_append(g, "&amp;"); break;
			case '<': g_string_append(g, "&lt;"); break;
			case '>': g_string_append(g, "&gt;"); break;
			case '"': g_string_append(g, "&quot;"); break;
			case '\'': g_string_append(g, "&#39;"); break;
			default: g_string_append_c(g, (char)c);
			}
		} else {
			if (fmt == F_MD && md_special(s, n, i - 1))
				g_string_append_c(g, '\\');
			g_string_append_c(g, (char)c);
		}
	}
}

static void
esc_str(GString *g, const char *s)
{
	esc(g, s, strlen(s));
}

/* Write s escaped. */
static void
put_esc(const char *s, size_t n)
{
	g_string_truncate(scratch, 0);
	esc(scratch, s, n);
	fwrite(scratch->str, 1, scratch->len, stdout);
}

static void
put_esc_str(const char *s)
{
	put_esc(s, strlen(s));
}

/*
 * How much of s[0..n) a report shows: all of it up to SHOW_BYTES, else up
 * to the last space before that (or a character boundary).
 */
static size_t
cut_len(const char *s, size_t n)
{
	size_t k = SHOW_BYTES;

	if (n <= SHOW_BYTES)
		return n;
	while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	for (size_t j = k; j > SHOW_BYTES * 2 / 3; j--)
		if (s[j] == ' ')
			return j;
	return k;
}

/* The bytes of s that make at most max characters. */
static size_t
name_cut(const char *s, size_t max)
{
	size_t i = 0;

	for (size_t k = 0; s[i] != '\0' && k < max; k++)
		do
			i++;
		while (((unsigned char)s[i] & 0xC0) == 0x80);
	return i;
}

/*
 * Append sentence s escaped, cut to SHOW_BYTES, with [hs, he) between
 * open and close when he > hs (the date phrase of the timeline).
 */
static void
esc_sentence(GString *g, const char *s, size_t n, size_t hs, size_t he,
    const char *open, const char *close)
{
	size_t k = cut_len(s, n);

	if (he <= hs || he > k)
		hs = he = k;
	esc(g, s, hs);
	if (he > hs) {
		g_string_append(g, open);
		esc(g, s + hs, he - hs);
		g_string_append(g, close);
	}
	esc(g, s + he, k - he);
	if (k < n)
		g_string_append(g, " \xE2\x80\xA6");	/* … */
}

/* Is doc an http or https URL that a report may link to? */
static bool
is_url(const char *doc)
{
	if ((g_ascii_strncasecmp(doc, "http://", 7) != 0 &&
	    g_ascii_strncasecmp(doc, "https://", 8) != 0) ||
	    !g_utf8_validate(doc, -1, NULL))
		return false;
	for (const unsigned char *p = (const unsigned char *)doc; *p; p++)
		if (*p <= ' ' || *p == 0x7F)
			return false;
	return true;
}

static const char *
plural(unsigned n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* "1.5", a mean per day of h articles over n days */
static void
mean_str(char buf[32], unsigned h, unsigned n)
{
	snprintf(buf, 32, "%.1f", n ? (double)h / n : 0.0);
}

static const char *
trend_word(enum trend t)
{
	static const char *const w[] = { "", "steady", "up", "down", "new" };

	return w[t];
}

/* The sign of an item's trend: new, up or down, 7 days before 30. */
static enum trend
trend_of(const struct item *t)
{
	if (t->t7 == T_NEW || t->t7 == T_UP || t->t7 == T_DOWN)
		return t->t7;
	if (t->t30 == T_UP || t->t30 == T_DOWN)
		return t->t30;
	return T_STEADY;
}

static const char *trend_sign(const struct item *t);

/* Append an item's mark to g: " ▲", " ▼", ", new" or nothing. */
static void
trend_mark(GString *g, const struct item *t)
{
	if (trend_of(t) == T_NEW)
		g_string_append(g, ", new");
	else if (trend_of(t) != T_STEADY)
		g_string_append_printf(g, " %s", trend_sign(t));
}

static const char *
trend_sign(const struct item *t)
{
	switch (trend_of(t)) {
	case T_UP: return "\xE2\x96\xB2";	/* ▲ */
	case T_DOWN: return "\xE2\x96\xBC";	/* ▼ */
	case T_NEW: return "new";
	default: return "";
	}
}

/* "7-day mean 1.5, 30-day mean 1.2" into g, when there is history. */
static void
means_words(GString *g, const struct item *t)
{
	char m7[32], m30[32];

	if (hist30 == 0)
		return;
	mean_str(m7, t->h7, hist7);
	mean_str(m30, t->h30, hist30);
	if (hist7 > 0)
		g_string_append_printf(g, "7-day mean %s, ", m7);
	g_string_append_printf(g, "30-day mean %s", m30);
}

/* What the history holds, in a sentence. */
static void
history_words(GString *g)
{
	if (opt_history == NULL)
		g_string_append(g, "No history: run digest with --history DIR "
		    "to compare each day with the days before it.");
	else if (first == 0)
		g_string_append(g, "No trends: the articles have no date.");
	else if (hist30 == 0)
		g_string_append(g, "No earlier days in the history yet: the "
		    "trends start with the next day.");
	else
		g_string_append_printf(g, "Compared with the %u earlier %s in "
		    "the history (%u of the last 7, %u of the last 30); "
		    "means are articles per day.", hist30,
		    plural(hist30, "day", "days"), hist7, hist30);
}

/* Trends: themes before names; new, up, down; the biggest first. */
static gint
cmp_trend(gconstpointer pa, gconstpointer pb)
{
	const struct item *a = *(struct item *const *)pa;
	const struct item *b = *(struct item *const *)pb;
	unsigned la = MAX(a->articles, a->h30), lb = MAX(b->articles, b->h30);

	static const int order[] = { 3, 3, 1, 2, 0 };	/* new up down */

	if ((a->k.kind == K_THEME) != (b->k.kind == K_THEME))
		return a->k.kind == K_THEME ? -1 : 1;
	if (trend_of(a) != trend_of(b))
		return order[trend_of(a)] < order[trend_of(b)] ? -1 : 1;
	if (la != lb)
		return la > lb ? -1 : 1;
	if (a->mentions != b->mentions)
		return a->mentions > b->mentions ? -1 : 1;
	if (a->k.kind != b->k.kind)
		return a->k.kind < b->k.kind ? -1 : 1;
	return cmp_name(a, b);
}

/*
 * The trends worth a line: every theme that is new, up or down, and the
 * --top / 2 biggest names of each of new, up and down (a glance, not a
 * list: the tables of names mark the others).
 */
static GPtrArray *
trend_list(void)
{
	GPtrArray *all = g_ptr_array_new(), *out = g_ptr_array_new();
	GHashTableIter it;
	gpointer p;
	int seen[T_NEW + 1] = { 0 };	/* names listed per trend */

	g_hash_table_iter_init(&it, items);
	while (g_hash_table_iter_next(&it, &p, NULL)) {
		struct item *t = p;
		enum trend s = trend_of(t);

		if (t->k.kind != K_ALL && (s == T_NEW || s == T_UP ||
		    s == T_DOWN))
			g_ptr_array_add(all, t);
	}
	g_ptr_array_sort(all, cmp_trend);
	for (guint i = 0; i < all->len; i++) {
		struct item *t = all->pdata[i];

		if (t->k.kind == K_THEME ||
		    seen[trend_of(t)]++ < (opt_top + 1) / 2)
			g_ptr_array_add(out, t);
	}
	g_ptr_array_free(all, TRUE);
	return out;
}

static const char *
kind_label(enum kind k, bool many)
{
	switch (k) {
	case K_THEME: return many ? "themes" : "theme";
	case K_PER: return many ? "people" : "person";
	case K_ORG: return many ? "organizations" : "organization";
	case K_LOC: return many ? "places" : "place";
	default: return "";
	}
}

static gint
cmp_source(gconstpointer pa, gconstpointer pb)
{
	const struct source *a = *(struct source *const *)pa;
	const struct source *b = *(struct source *const *)pb;

	if (a->articles != b->articles)
		return a->articles > b->articles ? -1 : 1;
	return strcmp(a->name, b->name);
}

/*
 * The sources (struct source *), most articles first: all of them, or
 * with short, when the table was full, the --top first.
 */
static GPtrArray *
source_list(bool short_list)
{
	GPtrArray *s = g_ptr_array_new();

	for (guint i = 0; i < source_heap->len; i++)
		g_ptr_array_add(s, source_heap->pdata[i]);
	g_ptr_array_sort(s, cmp_source);
	if (short_list && sources_full && s->len > (guint)opt_top)
		g_ptr_array_set_size(s, (guint)opt_top);
	return s;
}

/* "12 articles from 5 sources", "... from about 18700 sources, the 10 with
 * the most" */
static void
counts_words(GString *g, guint shown)
{
	unsigned n = source_number();

	g_string_append_printf(g, "%zu %s from %s%u %s", narticles,
	    plural(narticles, "article", "articles"), sources_full ?
	    "about " : "", n, plural(n, "source", "sources"));
	if (sources_full)
		g_string_append_printf(g, ", the %u with the most", shown);
}

static const char *
title_of(const struct article *a)
{
	return a->title ? a->title : "(no title)";
}

/* ------------------------------------------------------------------ */
/* Markdown and plain text                                             */

/*
 * Write g as a paragraph: as it is in Markdown; in plain text wrapped at
 * TXT_WIDTH columns, the first line after lead, the others indented by
 * hang.  Widths are display columns (uniwidth), so Hangul wraps right.
 */
static void
emit(const GString *g, const char *lead, int hang)
{
	const char *s = g->str, *end = s + g->len;
	int col;
	bool first = true;

	put(lead);
	if (fmt == F_MD) {
		fwrite(g->str, 1, g->len, stdout);
		putchar('\n');
		return;
	}
	col = u8_strwidth((const uint8_t *)lead, "UTF-8");
	while (s < end) {
		const char *sp = memchr(s, ' ', (size_t)(end - s));
		size_t n;
		int w;

		if (sp == NULL)
			sp = end;
		n = (size_t)(sp - s);
		w = u8_width((const uint8_t *)s, n, "UTF-8");
		if (n > 0 && !first) {
			if (col + 1 + w > TXT_WIDTH) {
				putf("\n%*s", hang, "");
				col = hang;
			} else {
				putchar(' ');
				col++;
			}
		}
		if (n > 0) {
			fwrite(s, 1, n, stdout);
			col += w;
			first = false;
		}
		s = sp + (sp < end);
	}
	putchar('\n');
}

static void
heading(int level, const GString *g)
{
	if (fmt == F_MD) {
		putf("%.*s ", level, "###");
		emit(g, "", 0);
		putchar('\n');
		return;
	}
	emit(g, "", 0);
	if (level < 3) {
		int w = u8_width((const uint8_t *)g->str, g->len, "UTF-8");

		for (int i = 0; i < MIN(w, TXT_WIDTH); i++)
			putchar(level == 1 ? '=' : '-');
		putchar('\n');
	}
	putchar('\n');
}

/* Empty g and return it, to build a line piece by piece. */
static GString *
line_start(GString *g)
{
	g_string_truncate(g, 0);
	return g;
}

static void
bold(GString *g, const char *s)
{
	if (fmt == F_MD)
		g_string_append(g, "**");
	esc_str(g, s);
	if (fmt == F_MD)
		g_string_append(g, "**");
}

/* "[Title](url)" in Markdown when the doc is a URL, else the title. */
static void
md_link(GString *g, const struct article *a)
{
	if (fmt != F_MD || !is_url(a->doc)) {
		esc_str(g, title_of(a));
		return;
	}
	g_string_append_c(g, '[');
	esc_str(g, title_of(a));
	g_string_append(g, "](<");
	for (const char *p = a->doc; *p; p++)
		if (strchr("()<>\\", *p) != NULL)
			g_string_append_printf(g, "%%%02X", (unsigned char)*p);
		else
			g_string_append_c(g, *p);
	g_string_append(g, ">)");
}

static void
text_header(GString *g)
{
	GPtrArray *src = source_list(true);

	line_start(g);
	esc_str(g, opt_title);
	g_string_append(g, ": ");
	period_words(g);
	heading(1, g);
	counts_words(line_start(g), src->len);
	for (guint i = 0; i < src->len; i++) {
		struct source *so = src->pdata[i];

		g_string_append(g, i ? ", " : ": ");
		esc_str(g, so->name);
		g_string_append_printf(g, " (%u)", so->articles);
	}
	g_string_append_c(g, '.');
	emit(g, "", 0);
	putchar('\n');
	g_ptr_array_free(src, TRUE);
}

static void
text_trends(GString *g)
{
	GPtrArray *tr = trend_list();
	GString *h = g_string_new(NULL);

	heading(2, g_string_assign(g, "Trends"));
	history_words(h);
	esc(line_start(g), h->str, h->len);
	g_string_free(h, TRUE);
	emit(g, "", 0);
	putchar('\n');
	for (guint i = 0; i < tr->len; i++) {
		struct item *t = tr->pdata[i];

		line_start(g);
		g_string_append_printf(g, "%s ", trend_sign(t));
		bold(g, t->k.name);
		g_string_append_printf(g, " (%s): %u %s", kind_label(t->k.kind,
		    false), t->articles, plural(t->articles, "article",
		    "articles"));
		if (trend_of(t) != T_NEW) {
			g_string_append(g, "; ");
			means_words(g, t);
		}
		emit(g, fmt == F_MD ? "- " : "  - ", 4);
	}
	if (tr->len > 0)
		putchar('\n');
	else if (hist30 > 0) {
		emit(g_string_assign(g, "Nothing rises or falls."), "", 0);
		putchar('\n');
	}
	g_ptr_array_free(tr, TRUE);
}

static void
text_themes(GString *g)
{
	heading(2, g_string_assign(g, "Themes"));
	if (ranked[K_THEME]->len == 0) {
		emit(g_string_assign(g, "No themes: the records have no "
		    "theme scores (field 8)."), "", 0);
		putchar('\n');
	}
	for (guint i = 0; i < ranked[K_THEME]->len; i++) {
		struct item *t = ranked[K_THEME]->pdata[i];

		line_start(g);
		g_string_append_printf(g, "%u. ", i + 1);
		esc_str(g, t->k.name);
		g_string_append_printf(g, ": %u %s", t->articles,
		    plural(t->articles, "article", "articles"));
		trend_mark(g, t);
		heading(3, g);
		if (hist30 > 0 && trend_of(t) != T_NEW) {
			means_words(line_start(g), t);
			g_string_append_c(g, '.');
			g->str[0] = g_ascii_toupper(g->str[0]);
			emit(g, "", 0);
			putchar('\n');
		}
		for (guint k = 0; k < t->picks->len; k++) {
			struct cand *c = t->picks->pdata[k];
			struct article *a = c->art;

			esc_sentence(line_start(g), c->text, c->len, 0, 0, "",
			    "");
			g_string_append(g, " \xE2\x80\x94 ");	/* — */
			md_link(g, a);
			g_string_append(g, ", ");
			esc_str(g, a->source);
			emit(g, fmt == F_MD ? "- " : "  - ", 4);
		}
		if (t->picks->len > 0)
			putchar('\n');
	}
}

static void
text_names(GString *g)
{
	heading(2, g_string_assign(g, "People, organizations and places"));
	for (enum kind k = K_PER; k <= K_LOC; k++) {
		GPtrArray *r = ranked[k];

		line_start(g);
		g_string_append(g, kind_label(k, true));
		g->str[0] = g_ascii_toupper(g->str[0]);
		heading(3, g);
		if (r->len == 0) {
			emit(g_string_assign(g, "None."), "", 0);
			putchar('\n');
			continue;
		}
		if (fmt == F_MD)
			put(hist30 ? "| name | mentions | articles | trend |\n"
			    "|:--|--:|--:|:--|\n" : "| name | mentions | "
			    "articles |\n|:--|--:|--:|\n");
		for (guint i = 0; i < r->len && (int)i < opt_top; i++) {
			struct item *t = r->pdata[i];

			line_start(g);
			esc_str(g, t->k.name);
			if (fmt == F_MD) {
				putf("| %s | %u | %u |", g->str, t->mentions,
				    t->articles);
				if (hist30)
					putf(" %s |", trend_sign(t));
				putchar('\n');
				continue;
			}
			g_string_append_printf(g, ": %u %s in %u %s",
			    t->mentions, plural(t->mentions, "mention",
			    "mentions"), t->articles, plural(t->articles,
			    "article", "articles"));
			trend_mark(g, t);
			emit(g, "  - ", 4);
		}
		putchar('\n');
	}
}

static void
text_timeline(GString *g)
{
	heading(2, g_string_assign(g, "Timeline"));
	if (tl->len == 0) {
		emit(g_string_assign(g, "No dates: the records have no "
		    "resolved dates (field 7)."), "", 0);
		putchar('\n');
		return;
	}
	for (guint i = 0; i < tl->len; i++) {
		struct tl_date *d = tl->pdata[i];

		line_start(g);
		bold(g, d->label);
		g_string_append_printf(g, " (%u %s in %u %s)", d->mentions,
		    plural(d->mentions, "mention", "mentions"), d->articles,
		    plural(d->articles, "article", "articles"));
		emit(g, fmt == F_MD ? "- " : "  * ", 4);
		for (int k = 0; k < d->nsent; k++) {
			struct tl_sent *s = &d->sent[k];
			struct article *a = s->art;

			esc_sentence(line_start(g), s->text, s->len, s->hs,
			    s->he, fmt == F_MD ? "**" : "", fmt == F_MD ?
			    "**" : "");
			g_string_append(g, " \xE2\x80\x94 ");
			esc_str(g, a->source);
			emit(g, fmt == F_MD ? "  - " : "    - ", 6);
		}
	}
	putchar('\n');
}

static void
theme_names(GString *g, const struct article *a, const char *sep)
{
	for (int k = 0; k < a->ntop; k++) {
		if (k > 0)
			g_string_append(g, sep);
		esc_str(g, a->top[k]->name);
	}
}

/* "100 of 2160 articles: ...", when --articles left some out. */
static bool
articles_note(GString *g)
{
	if (articles->len == narticles)
		return false;
	g_string_append_printf(g, "%u of %zu articles: those whose themes "
	    "weigh most (--articles).", articles->len, narticles);
	return true;
}

static void
text_articles(GString *g)
{
	heading(2, g_string_assign(g, "Articles"));
	if (articles_note(line_start(g))) {
		emit(g, "", 0);
		putchar('\n');
	}
	for (guint i = 0; i < articles->len; i++) {
		struct article *a = articles->pdata[i];

		md_link(line_start(g), a);
		heading(3, g);
		line_start(g);
		esc_str(g, a->source);
		g_string_append(g, " \xC2\xB7 ");	/* · */
		g_string_append(g, a->date[0] ? a->date : "undated");
		if (a->ntop > 0) {
			g_string_append(g, " \xC2\xB7 ");
			theme_names(g, a, ", ");
		}
		emit(g, "", 0);
		if (a->lead != NULL) {
			putchar('\n');
			esc_sentence(line_start(g), a->lead, strlen(a->lead),
			    0, 0, "", "");
			emit(g, "", 0);
		}
		putchar('\n');
	}
}

static void
write_text(void)
{
	GString *g = g_string_new(NULL);

	text_header(g);
	text_trends(g);
	text_themes(g);
	text_names(g);
	text_timeline(g);
	text_articles(g);
	g_string_free(g, TRUE);
}

/* ------------------------------------------------------------------ */
/* TSV: one table per section, a header line, no quoting               */

static void
tsv_day(day_t d)
{
	char iso[11] = "";

	if (d != 0)
		day_iso(d, iso);
	put(iso);
}

/* "\tmean7\tmean30\ttrend7\ttrend30", empty where there is no history */
static void
tsv_trend(const struct item *t)
{
	char m[32];

	putchar('\t');
	if (hist7 > 0) {
		mean_str(m, t->h7, hist7);
		put(m);
	}
	putchar('\t');
	if (hist30 > 0) {
		mean_str(m, t->h30, hist30);
		put(m);
	}
	putf("\t%s\t%s\n", trend_word(t->t7), trend_word(t->t30));
}

static void
tsv_summary(void)
{
	tsv_day(first);
	putchar('\t');
	tsv_day(last);
	putf("\t%zu\t%u\t%zu\t", narticles, source_number(), nrecords);
	if (opt_history != NULL && first != 0)
		putf("%u", hist30);
	putchar('\n');
}

static void
tsv_sources(void)
{
	GPtrArray *src = source_list(false);

	for (guint i = 0; i < src->len; i++)
		putf("%s\t%u\n", ((struct source *)src->pdata[i])->name,
		    ((struct source *)src->pdata[i])->articles);
	g_ptr_array_free(src, TRUE);
}

static void
tsv_themes(void)
{
	for (guint i = 0; i < ranked[K_THEME]->len; i++) {
		struct item *t = ranked[K_THEME]->pdata[i];

		putf("%d\t%s\t%u\t%u\t%lu.%02lu", t->rank, t->k.name,
		    t->articles, t->mentions, t->weight / 100, t->weight % 100);
		tsv_trend(t);
	}
}

static void
tsv_sentences(void)
{
	for (guint i = 0; i < ranked[K_THEME]->len; i++) {
		struct item *t = ranked[K_THEME]->pdata[i];

		for (guint k = 0; k < t->picks->len; k++) {
			struct cand *c = t->picks->pdata[k];
			struct article *a = c->art;

			putf("%s\t%u\t%u.%02u\t%s\t%lu\t%lu\t%s\t%s\t%s\n",
			    t->k.name, k + 1, c->score / 100, c->score % 100,
			    a->doc, c->para, c->sent, a->source,
			    a->title ? a->title : "", c->text);
		}
	}
}

static void
tsv_entities(void)
{
	for (enum kind k = K_PER; k <= K_LOC; k++)
		for (guint i = 0; i < ranked[k]->len; i++) {
			struct item *t = ranked[k]->pdata[i];

			putf("%s\t%s\t%u\t%u", kind_name[k], t->k.name,
			    t->mentions, t->articles);
			tsv_trend(t);
		}
}

static void
tsv_timeline(void)
{
	for (guint i = 0; i < tl->len; i++) {
		struct tl_date *d = tl->pdata[i];

		for (int k = 0; k < d->nsent; k++) {
			struct article *a = d->sent[k].art;

			tsv_day(d->start);
			putf("\t%s\t%s\t%u\t%u\t%s\t%s\t%s\n", d->key,
			    d->label, d->mentions, d->articles, a->doc,
			    a->source, d->sent[k].text);
		}
	}
}

static void
tsv_articles(void)
{
	GString *th = g_string_new(NULL);

	for (guint i = 0; i < articles->len; i++) {
		struct article *a = articles->pdata[i];

		theme_names(g_string_truncate(th, 0), a, ";");
		putf("%s\t%s\t%s\t%s\t%s\t%s\t%u\n", a->doc, a->source,
		    a->date, a->title ? a->title : "", th->str,
		    a->lead ? a->lead : "", a->nrec);
	}
	g_string_free(th, TRUE);
}

static void
tsv_trends(void)
{
	GPtrArray *tr = trend_list();

	for (guint i = 0; i < tr->len; i++) {
		struct item *t = tr->pdata[i];

		putf("%s\t%s\t%u", kind_name[t->k.kind], t->k.name,
		    t->articles);
		tsv_trend(t);
	}
	g_ptr_array_free(tr, TRUE);
}

/* The tables: their names, their header lines, their writers. */
static const struct section {
	const char *name, *header;
	void (*write)(void);
} sections[] = {
	{ "summary", "first\tlast\tarticles\tsources\trecords\thistory_days",
	  tsv_summary },
	{ "sources", "source\tarticles", tsv_sources },
	{ "themes", "rank\ttheme\tarticles\tsentences\tweight\tmean7\tmean30"
	  "\ttrend7\ttrend30", tsv_themes },
	{ "sentences", "theme\trank\tscore\tdoc\tpara\tsent\tsource\ttitle"
	  "\ttext", tsv_sentences },
	{ "entities", "type\tname\tmentions\tarticles\tmean7\tmean30\ttrend7"
	  "\ttrend30", tsv_entities },
	{ "timeline", "start\tdate\tlabel\tmentions\tarticles\tdoc\tsource"
	  "\ttext", tsv_timeline },
	{ "articles", "doc\tsource\tdate\ttitle\tthemes\tlead\trecords",
	  tsv_articles },
	{ "trends", "kind\tname\tarticles\tmean7\tmean30\ttrend7\ttrend30",
	  tsv_trends },
};

static void
write_tsv(const struct section *s)
{
	put(s->header);
	putchar('\n');
	s->write();
}

/* ------------------------------------------------------------------ */
/* HTML: one file, its style inside, charts drawn here as SVG          */

static void
html_head(void)
{
	GString *g = g_string_new(NULL);

	put("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n"
	    /* nothing to fetch, nothing to run, whatever an article holds */
	    "<meta http-equiv=\"Content-Security-Policy\" content=\""
	    "default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
	    "<meta name=\"generator\" content=\"newsfilter digest "
	    NF_VERSION "\">\n<title>");
	esc_str(g, opt_title);
	g_string_append(g, ", ");
	period_words(g);
	put(g->str);
	put("</title>\n<style>\n");
	fwrite(style_css, 1, style_css_len(), stdout);
	put("</style>\n</head>\n<body>\n<div class=\"page\">\n");
	g_string_free(g, TRUE);
}

static void
html_top(void)
{
	GPtrArray *src = source_list(true);
	GString *g = g_string_new(NULL);

	put("<header class=\"top\">\n<h1>");
	put_esc_str(opt_title);
	put("</h1>\n<p class=\"day\">");
	if (first != 0) {
		char iso[11];

		day_iso(first == last ? first : last, iso);
		putf("<time datetime=\"%s\">", iso);
	}
	period_words(g);
	put_esc_str(g->str);
	put(first ? "</time></p>\n" : "</p>\n");
	counts_words(line_start(g), src->len);
	put("<p class=\"counts\">");
	put(g->str);		/* (no markup characters) */
	for (guint i = 0; i < src->len; i++) {
		put(i ? ", " : ": ");
		put_esc_str(((struct source *)src->pdata[i])->name);
		putf("&nbsp;(%u)", ((struct source *)src->pdata[i])->articles);
	}
	put(".</p>\n<nav><a href=\"#trends\">Trends</a> <a href=\"#themes\">"
	    "Themes</a> <a href=\"#names\">Names</a> <a href=\"#timeline\">"
	    "Timeline</a> <a href=\"#articles\">Articles</a></nav>\n"
	    "</header>\n");
	g_ptr_array_free(src, TRUE);
	g_string_free(g, TRUE);
}

static void
html_trend(const struct item *t)
{
	GString *g = g_string_new(NULL);
	enum trend s = trend_of(t);

	if (s != T_UP && s != T_DOWN && s != T_NEW) {
		g_string_free(g, TRUE);
		return;
	}
	if (s == T_NEW)
		g_string_append(g, "not in the history before");
	else
		means_words(g, t);
	putf(" <span class=\"trend %s\" title=\"%s\">%s%s</span>",
	    trend_word(s), g->str, trend_sign(t),
	    s == T_UP ? " up" : s == T_DOWN ? " down" : "");
	g_string_free(g, TRUE);
}

static void
html_trends(void)
{
	GPtrArray *tr = trend_list();
	GString *g = g_string_new(NULL);

	put("<section id=\"trends\">\n<h2>Trends</h2>\n<p class=\"note\">");
	history_words(g);
	put_esc_str(g->str);
	put("</p>\n");
	if (tr->len > 0)
		put("<ul class=\"trends\">\n");
	for (guint i = 0; i < tr->len; i++) {
		struct item *t = tr->pdata[i];
		enum trend s = trend_of(t);

		putf("<li><span class=\"trend %s\">%s</span> <b>",
		    trend_word(s), trend_sign(t));
		put_esc_str(t->k.name);
		putf("</b> <span class=\"meta\">%s</span> %u %s",
		    kind_label(t->k.kind, false), t->articles,
		    plural(t->articles, "article", "articles"));
		if (s != T_NEW) {
			g_string_truncate(g, 0);
			means_words(g, t);
			putf(" <span class=\"mean\">(%s)</span>", g->str);
		}
		put("</li>\n");
	}
	if (tr->len > 0)
		put("</ul>\n");
	else if (hist30 > 0)
		put("<p>Nothing rises or falls.</p>\n");
	put("</section>\n");
	g_ptr_array_free(tr, TRUE);
	g_string_free(g, TRUE);
}

/*
 * Themes as bars: articles per theme, and a tick at the 7-day mean when
 * there is one.  Text is SVG text, so the chart scales with the page.
 */
static void
html_bars(void)
{
	GPtrArray *r = ranked[K_THEME];
	double max = 1, scale;
	const int row = 22, x0 = 150, span = 175;	/* 360 wide */

	for (guint i = 0; i < r->len; i++) {
		struct item *t = r->pdata[i];

		max = MAX(max, t->articles);
		if (hist7 > 0)
			max = MAX(max, (double)t->h7 / hist7);
	}
	scale = span / max;
	putf("<svg class=\"bars\" viewBox=\"0 0 360 %u\" role=\"img\" "
	    "aria-labelledby=\"bars-title\">\n<title id=\"bars-title\">"
	    "Articles per theme%s</title>\n", r->len * row + 4,
	    hist7 ? "; the tick is the 7-day mean" : "");
	for (guint i = 0; i < r->len; i++) {
		struct item *t = r->pdata[i];
		double w = t->articles * scale;
		unsigned y = i * row;
		size_t n = strlen(t->k.name);
		bool long_name = name_cut(t->k.name, 20) < n;	/* > 20 chars */

		putf("<text x=\"%d\" y=\"%u\" text-anchor=\"end\">", x0 - 6,
		    y + 16);
		put_esc(t->k.name, long_name ? name_cut(t->k.name, 19) : n);
		putf("%s</text>\n<rect x=\"%d\" y=\"%u\" width=\"%.1f\" "
		    "height=\"14\" rx=\"2\"/>\n", long_name ? "\xE2\x80\xA6" : "",
		    x0, y + 5, w);
		if (t->h7 > 0) {
			double m = (double)t->h7 / hist7 * scale + x0;

			putf("<line x1=\"%.1f\" y1=\"%u\" x2=\"%.1f\" "
			    "y2=\"%u\"/>\n", m, y + 2, m, y + 21);
		}
		putf("<text class=\"n\" x=\"%.1f\" y=\"%u\">%u</text>\n",
		    x0 + w + 5, y + 16, t->articles);
	}
	put("</svg>\n");
}

/*
 * A theme's articles per day over the history and the period, as a small
 * line; the days the history lacks are left out.  Nothing without two
 * days to draw.
 */
static void
html_spark(const struct item *t)
{
	unsigned n = LONG_DAYS + ndays, from = n, max = 1, pts = 0;

	if (t->series == NULL || hist30 == 0)
		return;
	for (unsigned i = 0; i < n; i++)
		if (i >= LONG_DAYS || hist_day[i]) {
			from = MIN(from, i);
			max = MAX(max, t->series[i]);
			pts++;
		}
	if (pts < 2)
		return;
	put("<svg class=\"spark\" viewBox=\"0 0 120 28\" role=\"img\">"
	    "<title>Articles per day: ");
	for (unsigned i = from; i < n; i++) {
		char iso[11];

		if (i < LONG_DAYS && !hist_day[i])
			continue;
		day_iso(first - LONG_DAYS + i, iso);
		putf("%s%s %u", i == from ? "" : ", ", iso, t->series[i]);
	}
	put("</title><polyline points=\"");
	for (unsigned i = from; i < n; i++) {
		if (i < LONG_DAYS && !hist_day[i])
			continue;
		putf("%s%.1f,%.1f", i == from ? "" : " ",
		    3 + 114.0 * (i - from) / (n - 1 - from),
		    25 - 22.0 * t->series[i] / max);
	}
	putf("\"/><circle class=\"today\" cx=\"117\" cy=\"%.1f\" r=\"2.5\"/>"
	    "</svg>\n", 25 - 22.0 * t->series[n - 1] / max);
}

/* "<a href=URL>Title</a>", or the title alone when the doc is no URL. */
static void
html_title_link(const struct article *a)
{
	if (is_url(a->doc)) {
		put("<a href=\"");
		put_esc_str(a->doc);
		put("\" rel=\"noreferrer\">");
	}
	put_esc_str(title_of(a));
	if (is_url(a->doc))
		put("</a>");
}

static void
html_themes(void)
{
	GPtrArray *r = ranked[K_THEME];
	GString *g = g_string_new(NULL);

	put("<section id=\"themes\">\n<h2>Themes</h2>\n");
	if (r->len == 0)
		put("<p class=\"note\">No themes: the records have no theme "
		    "scores (field 8).</p>\n");
	else
		html_bars();
	for (guint i = 0; i < r->len; i++) {
		struct item *t = r->pdata[i];

		putf("<article class=\"theme\" id=\"theme-%u\">\n<header>"
		    "<h3><span class=\"rank\">%u.</span>", i + 1, i + 1);
		put_esc_str(t->k.name);
		putf("</h3><span class=\"meta\">%u %s", t->articles,
		    plural(t->articles, "article", "articles"));
		html_trend(t);
		put("</span>");
		html_spark(t);
		put("</header>\n");
		if (t->picks->len > 0)
			put("<ol class=\"key\">\n");
		for (guint k = 0; k < t->picks->len; k++) {
			struct cand *c = t->picks->pdata[k];
			struct article *a = c->art;

			esc_sentence(line_start(g), c->text, c->len, 0, 0, "",
			    "");
			putf("<li><blockquote>%s</blockquote><span class=\"src\">"
			    , g->str);
			html_title_link(a);
			put(" \xC2\xB7 ");
			put_esc_str(a->source);
			put("</span></li>\n");
		}
		if (t->picks->len > 0)
			put("</ol>\n");
		put("</article>\n");
	}
	put("</section>\n");
	g_string_free(g, TRUE);
}

static void
html_names(void)
{
	put("<section id=\"names\">\n<h2>People, organizations and places"
	    "</h2>\n<div class=\"names\">\n");
	for (enum kind k = K_PER; k <= K_LOC; k++) {
		GPtrArray *r = ranked[k];
		char cap[32];

		g_strlcpy(cap, kind_label(k, true), sizeof cap);
		cap[0] = g_ascii_toupper(cap[0]);
		putf("<div>\n<h3>%s</h3>\n", cap);
		if (r->len == 0) {
			put("<p class=\"note\">None.</p>\n</div>\n");
			continue;
		}
		put("<table>\n<tr><th>name</th><th class=\"n\">mentions</th>"
		    "<th class=\"n\">articles</th></tr>\n");
		for (guint i = 0; i < r->len && (int)i < opt_top; i++) {
			struct item *t = r->pdata[i];

			put("<tr><td>");
			put_esc_str(t->k.name);
			html_trend(t);
			putf("</td><td class=\"n\">%u</td><td class=\"n\">%u"
			    "</td></tr>\n", t->mentions, t->articles);
		}
		put("</table>\n</div>\n");
	}
	put("</div>\n</section>\n");
}

static void
html_timeline(void)
{
	GString *g = g_string_new(NULL);

	put("<section id=\"timeline\">\n<h2>Timeline</h2>\n");
	if (tl->len == 0)
		put("<p class=\"note\">No dates: the records have no resolved "
		    "dates (field 7).</p>\n");
	else
		put("<ol class=\"timeline\">\n");
	for (guint i = 0; i < tl->len; i++) {
		struct tl_date *d = tl->pdata[i];

		putf("<li%s><span class=\"when\">", d->grain == G_DAY &&
		    d->start >= first && d->start <= last && first ?
		    " class=\"today\"" : "");
		put_esc_str(d->label);
		putf(" <span class=\"meta\">%u %s in %u %s</span></span>\n"
		    "<ul>\n", d->mentions, plural(d->mentions, "mention",
		    "mentions"), d->articles, plural(d->articles, "article",
		    "articles"));
		for (int k = 0; k < d->nsent; k++) {
			struct tl_sent *s = &d->sent[k];
			struct article *a = s->art;

			esc_sentence(line_start(g), s->text, s->len, s->hs,
			    s->he, "<mark>", "</mark>");
			putf("<li>%s <span class=\"src\">", g->str);
			html_title_link(a);
			put(" \xC2\xB7 ");
			put_esc_str(a->source);
			put("</span></li>\n");
		}
		put("</ul></li>\n");
	}
	if (tl->len > 0)
		put("</ol>\n");
	put("</section>\n");
	g_string_free(g, TRUE);
}

static void
html_articles(void)
{
	GString *g = g_string_new(NULL);

	put("<section id=\"articles\">\n<h2>Articles</h2>\n");
	if (articles_note(g)) {
		put("<p class=\"note\">");
		put_esc(g->str, g->len);
		put("</p>\n");
	}
	for (guint i = 0; i < articles->len; i++) {
		struct article *a = articles->pdata[i];

		put("<article class=\"entry\">\n<h3>");
		html_title_link(a);
		put("</h3>\n<p class=\"meta\">");
		put_esc_str(a->source);
		putf(" \xC2\xB7 %s", a->date[0] ? a->date : "undated");
		for (int k = 0; k < a->ntop; k++) {
			put(k ? " " : " \xC2\xB7 ");
			put("<span class=\"tag\">");
			put_esc_str(a->top[k]->name);
			put("</span>");
		}
		put("</p>\n");
		if (a->lead != NULL) {
			esc_sentence(line_start(g), a->lead, strlen(a->lead),
			    0, 0, "", "");
			putf("<p>%s</p>\n", g->str);
		}
		put("</article>\n");
	}
	if (narticles == 0)
		put("<p class=\"note\">No articles.</p>\n");
	put("</section>\n");
	g_string_free(g, TRUE);
}

static void
write_html(void)
{
	html_head();
	html_top();
	put("<main>\n");
	html_trends();
	html_themes();
	html_names();
	html_timeline();
	html_articles();
	putf("</main>\n<footer>Made by newsfilter digest %s from %zu records."
	    "</footer>\n</div>\n</body>\n</html>\n", NF_VERSION, nrecords);
}

/* ------------------------------------------------------------------ */
/* Keeping the day's counts in the history                             */

static gint
cmp_count(gconstpointer pa, gconstpointer pb)
{
	const struct count *a = *(struct count *const *)pa;
	const struct count *b = *(struct count *const *)pb;

	if (a->k.day != b->k.day)
		return a->k.day < b->k.day ? -1 : 1;
	if (a->k.kind != b->k.kind)
		return a->k.kind < b->k.kind ? -1 : 1;
	return strcmp(a->k.name, b->k.name);
}

/* Write the rows of one day to a temporary file and rename it in place. */
static void
write_history_day(struct count **c, guint n)
{
	char *path = history_path(c[0]->k.day);
	char *tmp = g_strdup_printf("%s.XXXXXX", path);
	int fd = g_mkstemp_full(tmp, O_WRONLY, 0644);
	FILE *fp;

	if (fd < 0 || (fp = fdopen(fd, "w")) == NULL)
		nf_err(NF_EXIT_FAILURE, "%s", tmp);
	fputs("kind\tname\tarticles\tmentions\n", fp);
	for (guint i = 0; i < n; i++)
		fprintf(fp, "%s\t%s\t%u\t%u\n", kind_name[c[i]->k.kind],
		    c[i]->k.name, c[i]->articles, c[i]->mentions);
	if (fflush(fp) != 0 || ferror(fp) || fsync(fd) != 0) {
		int e = errno;

		unlink(tmp);
		errno = e;
		nf_err(NF_EXIT_FAILURE, "%s: write error", tmp);
	}
	if (fclose(fp) != 0 || rename(tmp, path) != 0) {
		int e = errno;

		unlink(tmp);
		errno = e;
		nf_err(NF_EXIT_FAILURE, "%s", path);
	}
	g_free(tmp);
	g_free(path);
}

/*
 * One file per day of the period that has articles, DIR/YYYY-MM-DD.tsv:
 * a header, the articles and records of the day (kind "all"), then each
 * theme and name with its articles and mentions.  A theme counts the
 * articles it is a top theme of, and the sentences scored for it.
 */
static void
write_history(void)
{
	GPtrArray *all = g_ptr_array_new();
	GHashTableIter it;
	gpointer p;
	guint from = 0;

	if (mkdir(opt_history, 0777) != 0 && errno != EEXIST)
		nf_err(NF_EXIT_FAILURE, "%s", opt_history);
	g_hash_table_iter_init(&it, counts);
	while (g_hash_table_iter_next(&it, &p, NULL))
		g_ptr_array_add(all, p);
	g_ptr_array_sort(all, cmp_count);
	for (guint i = 1; i <= all->len; i++)
		if (i == all->len || ((struct count *)all->pdata[i])->k.day !=
		    ((struct count *)all->pdata[from])->k.day) {
			write_history_day((struct count **)all->pdata + from,
			    i - from);
			from = i;
		}
	g_ptr_array_free(all, TRUE);
}

/* ------------------------------------------------------------------ */

static const struct section *
check_options(void)
{
	static const char *const formats[] = { "md", "html", "txt", "tsv" };
	const struct section *section = NULL;

	fmt = F_MD;
	if (opt_format != NULL) {
		for (fmt = 0; fmt <= F_TSV; fmt++)
			if (strcmp(opt_format, formats[fmt]) == 0)
				break;
		if (fmt > F_TSV)
			nf_usage_error("unknown format '%s': md, html, txt or "
			    "tsv", opt_format);
	}
	if (opt_section != NULL && fmt != F_TSV)
		nf_usage_error("--section is for --format tsv");
	if (fmt == F_TSV) {
		if (opt_section == NULL)
			nf_usage_error("--format tsv needs --section: summary, "
			    "sources, themes, sentences, entities, timeline, "
			    "articles or trends");
		for (size_t i = 0; i < G_N_ELEMENTS(sections); i++)
			if (strcmp(opt_section, sections[i].name) == 0)
				section = &sections[i];
		if (section == NULL)
			nf_usage_error("unknown section '%s': summary, sources, "
			    "themes, sentences, entities, timeline, articles "
			    "or trends", opt_section);
	}
	if (opt_date != NULL) {
		if (opt_date[0] == '\0' ||
		    !record_date_valid(opt_date, strlen(opt_date)))
			nf_usage_error("--date '%s' is not a YYYY-MM-DD date",
			    opt_date);
		forced = day_parse(opt_date);
	}
	if (opt_read_only && opt_history == NULL)
		nf_usage_error("--read-only goes with --history");
	if (opt_history != NULL && opt_history[0] == '\0')
		nf_usage_error("--history needs a directory");
	if (opt_sentences < 0 || opt_sentences > 100)
		nf_usage_error("--sentences must be 0 to 100");
	if (opt_top < 1 || opt_top > 10000)
		nf_usage_error("--top must be 1 to 10000");
	if (opt_articles < 0 || opt_articles > 1000000)
		nf_usage_error("--articles must be 0 to 1000000");
	if (opt_title == NULL)
		opt_title = g_strdup("News digest");
	return section;
}

/* The state of one digest: empty, as before the first record. */
static void
state_new(void)
{
	articles = g_ptr_array_new();
	counts = g_hash_table_new(key_hash, key_equal);
	items = g_hash_table_new(key_hash, key_equal);
	themes = g_hash_table_new(g_str_hash, g_str_equal);
	sources = g_hash_table_new(g_str_hash, g_str_equal);
	source_heap = g_ptr_array_new();
	dates = g_hash_table_new(g_str_hash, g_str_equal);
	touched = g_ptr_array_new();
	pending = g_array_new(FALSE, FALSE, sizeof(struct pending));
	title_buf = g_string_new(NULL);
	scratch = g_string_new(NULL);
}

static void
free_item(struct item *it)
{
	g_free((char *)it->k.name);
	g_free(it->series);
	if (it->picks != NULL)
		g_ptr_array_free(it->picks, TRUE);
	g_free(it);
}

static void
free_date(struct tl_date *t)
{
	for (int i = 0; i < t->nsent; i++) {
		g_free(t->sent[i].text);
		article_unref(t->sent[i].art);
	}
	g_free(t->key);
	g_free(t->label);
	g_free(t);
}

static void
free_theme(struct theme *t)
{
	for (int i = 0; i < t->ncand; i++)
		cand_free(&t->cand[i]);
	g_free(t->name);
	g_free(t);
}

/*
 * Free what state_new() and the records made, and go back to no state at
 * all: the fuzz target makes one digest per input, and valgrind's leak
 * check then finds every block of a digest freed.
 */
static void
state_free(void)
{
	GHashTableIter it;
	gpointer p;

	for (guint i = 0; i < pending->len; i++)
		cand_free(&g_array_index(pending, struct pending, i).c);
	g_array_free(pending, TRUE);
	if (cur != NULL)
		article_unref(cur);
	cur = NULL;
	g_hash_table_iter_init(&it, themes);
	while (g_hash_table_iter_next(&it, NULL, &p))
		free_theme(p);
	g_hash_table_destroy(themes);
	g_hash_table_iter_init(&it, dates);
	while (g_hash_table_iter_next(&it, NULL, &p))
		free_date(p);
	g_hash_table_destroy(dates);
	g_ptr_array_foreach(articles, (GFunc)(void (*)(void))article_unref,
	    NULL);
	g_ptr_array_free(articles, TRUE);
	g_hash_table_iter_init(&it, counts);
	while (g_hash_table_iter_next(&it, &p, NULL))
		free_count(p);
	g_hash_table_destroy(counts);
	g_hash_table_iter_init(&it, items);
	while (g_hash_table_iter_next(&it, &p, NULL))
		free_item(p);
	g_hash_table_destroy(items);
	for (guint i = 0; i < source_heap->len; i++) {
		g_free(((struct source *)source_heap->pdata[i])->name);
		g_free(source_heap->pdata[i]);
	}
	g_ptr_array_free(source_heap, TRUE);
	g_hash_table_destroy(sources);
	g_ptr_array_free(touched, TRUE);
	g_string_free(title_buf, TRUE);
	g_string_free(scratch, TRUE);
	for (int k = 0; k < K_NKINDS; k++) {
		if (ranked[k] != NULL)
			g_ptr_array_free(ranked[k], TRUE);
		ranked[k] = NULL;
	}
	if (tl != NULL)
		g_ptr_array_free(tl, TRUE);
	tl = NULL;
	g_free(hist_day);
	hist_day = NULL;
	memset(hll, 0, sizeof hll);
	sources_full = false;
	narticles = nrecords = hashed = 0;
	first = last = 0;
	ndays = hist7 = hist30 = 0;
}

/* What every digest of the process shares: set once. */
static void
setup(void)
{
	for (int c = 1; c < 256; c++)
		if (g_ascii_isalnum(c) || c >= 0x80)
			word_byte[c] = (unsigned char)g_ascii_tolower(c);
	timex_codes = g_hash_table_new(g_str_hash, g_str_equal);
	lexicon_load_data("timex.tsv", timex_tsv, timex_tsv_len(), timex_row,
	    NULL);
}

/* Take every record of rd. */
static void
digest_read(struct record_reader *rd)
{
	struct record r;

	while (record_read(rd, &r))
		take_record(&r);
	if (cur != NULL)
		finish_article();
}

/* Settle what the records gave, compare it with the history, report. */
static void
digest_write(const struct section *section)
{
	settle_period();
	if (opt_history != NULL && first == 0 && narticles > 0)
		nf_errx(NF_EXIT_DATA, "--history: the articles have no date; "
		    "give the day with --date");
	if (opt_history != NULL && first != 0)
		read_history();
	set_trends();
	rank_items();
	pick_sentences();
	pick_timeline();
	if (fmt == F_TSV)
		write_tsv(section);
	else if (fmt == F_HTML)
		write_html();
	else
		write_text();
}

int
main(int argc, char **argv)
{
	struct record_reader *rd;
	const struct section *section;

	nf_options_parse(&argc, &argv, "[FILE...]", summary, entries);
	section = check_options();
	setup();
	state_new();

	rd = record_reader_open(argc - 1, argv + 1);
	digest_read(rd);
	record_reader_close(rd);

	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	digest_write(section);
	if (fflush(stdout) != 0 || ferror(stdout))
		nf_err(NF_EXIT_FAILURE, "standard output: write error");

	if (opt_history != NULL && !opt_read_only && first != 0)
		write_history();
	state_free();
	return NF_EXIT_OK;
}
