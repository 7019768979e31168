/*
 * fuzz-digest - digest's whole run (digest_read, digest_write) on records
 * read by the real reader, one digest per input: state_new() before it,
 * state_free() after, so that a leak of any digest shows.  digest exits 65
 * on an item of fields 6 to 8 it cannot take, so fz_make_records keeps
 * only what a model of its rules accepts (keep_digest).  The first byte
 * picks the format (bits 0-1) and the TSV section (bits 2-4); the second
 * --date (bit 0), --articles (bits 1-2), --sentences (bits 3-4) and --top
 * (bits 5-6), so that the small limits and their evictions are reached.
 * No --history: it is files, tested by tests/digest.bats.  Checked:
 *   - the articles (runs of one doc id) and records counted;
 *   - md, txt, html: valid UTF-8, no control character but LF and TAB
 *     (the style sheet's), ends with LF; Markdown: no '<' but an escaped one or a link's "](<";
 *   - html: every tag and attribute is one digest writes (no script, no
 *     on... handler), an href is http(s) or #, no raw '>' or '&' in
 *     text: article text never becomes markup;
 *   - tsv: the header of the section, then lines of as many columns;
 *     summary and sources agree with the articles counted.
 */
#define main digest_main
#include "../../filters/digest/digest.c"
#undef main

#include "fuzz.h"

static GString *fz_in;
static day_t fz_day;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_options("digest", entries);
	check_options();
	setup();
	fz_day = day_parse("2024-11-18");
	fz_in = g_string_new(NULL);
	return 0;
}

static bool
is_one_of(struct nf_str s, const char *const *words)
{
	for (int i = 0; words[i] != NULL; i++)
		if (fz_eq(s.s, s.len, words[i], strlen(words[i])))
			return true;
	return false;
}

/* 0 or 1, 0.d or 0.dd, 1.0 or 1.00: a score digest takes. */
static bool
score_ok(struct nf_str v)
{
	if (v.len == 1)
		return v.s[0] == '0' || v.s[0] == '1';
	if (v.len < 3 || v.len > 4 || v.s[1] != '.')
		return false;
	for (size_t i = 2; i < v.len; i++)
		if (!g_ascii_isdigit(v.s[i]) || (v.s[0] == '1' && v.s[i] != '0'))
			return false;
	return v.s[0] == '0' || v.s[0] == '1';
}

static bool
keep_digest(int field, struct nf_str item, struct nf_str text)
{
	static const char *const ents[] = { "PER", "ORG", "LOC", NULL };
	static const char *const dates[] = { "DATE", "TIME", "DURATION",
	    "SET", NULL };
	struct annot a;

	if (field == NF_THEMES)
		return annot_parse_theme(item, &a) == NULL &&
		    score_ok(a.value);
	if (annot_parse(item, &a, text.len) != NULL)
		return false;
	if (field == NF_ENTITIES)
		return is_one_of(a.type, ents) && a.value.len > 0;
	return is_one_of(a.type, dates);
}

static bool
no_controls(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\n' &&
		    s[i] != '\t') || s[i] == 0x7F)
			return false;
	return true;
}

/* The length of a run of bytes of set at s. */
static size_t
run_of(const char *s, const char *end, const char *set)
{
	size_t n = 0;

	while (s + n < end && s[n] != '\0' && strchr(set, s[n]) != NULL)
		n++;
	return n;
}

#define LOWER	"abcdefghijklmnopqrstuvwxyz"
#define DIGITS	"0123456789"

static void
check_tag(const char *s, const char *end, const char **next)
{
	static const char *const tags[] = { "html", "head", "meta", "title",
	    "style", "body", "div", "header", "h1", "h2", "h3", "nav", "main",
	    "section", "article", "footer", "p", "span", "a", "b", "mark",
	    "time", "blockquote", "ul", "ol", "li", "table", "tr", "th", "td",
	    "svg", "rect", "line", "polyline", "circle", "text", NULL };
	const char *p = s + 1;
	struct nf_str name;
	bool closing = *p == '/';
	size_t n;

	if (end - s >= 15 && memcmp(s, "<!DOCTYPE html>", 15) == 0) {
		*next = s + 15;
		return;
	}
	p += closing;
	name.s = p;
	name.len = run_of(p, end, LOWER DIGITS);
	if (!is_one_of(name, tags))
		FZ_FAIL("tag '%s'", fz_show(s, (size_t)MIN(end - s, 40)));
	p += name.len;
	for (;;) {
		struct nf_str attr;
		const char *q;

		p += run_of(p, end, " ");
		if (p < end && *p == '>')
			break;
		if (end - p >= 2 && memcmp(p, "/>", 2) == 0) {
			p++;
			break;
		}
		attr.s = p;
		attr.len = run_of(p, end, LOWER "ABCDEFGHIJKLMNOPQRSTUVWXYZ-");
		if (closing || attr.len == 0 || end - p < (ptrdiff_t)attr.len
		    + 2 || memcmp(p + attr.len, "=\"", 2) != 0)
			FZ_FAIL("inside tag '%s'", fz_show(s,
			    (size_t)MIN(end - s, 80)));
		if (g_ascii_strncasecmp(attr.s, "on", 2) == 0)
			FZ_FAIL("handler '%s'", fz_show(s,
			    (size_t)MIN(end - s, 80)));
		p += attr.len + 2;
		if ((q = memchr(p, '"', (size_t)(end - p))) == NULL)
			FZ_FAIL("attribute not closed");
		n = (size_t)(q - p);
		if (memchr(p, '<', n) != NULL || memchr(p, '>', n) != NULL)
			FZ_FAIL("< or > in attribute '%s'", fz_show(p, n));
		if (fz_eq(attr.s, attr.len, "href", 4) && !(n > 0 &&
		    (p[0] == '#' || g_ascii_strncasecmp(p, "http://", 7) == 0
		    || g_ascii_strncasecmp(p, "https://", 8) == 0)))
			FZ_FAIL("href '%s'", fz_show(p, n));
		p = q + 1;
	}
	if (p >= end)
		FZ_FAIL("tag not closed");
	p++;
	if (!closing && fz_eq(name.s, name.len, "style", 5)) {
		const char *close = memmem(p, (size_t)(end - p), "</style>", 8);

		if (close == NULL || memchr(p, '<', (size_t)(close - p)))
			FZ_FAIL("style not closed");
		p = close;
	}
	*next = p;
}

static void
check_html(const char *o, size_t len)
{
	const char *p = o, *end = o + len;

	while (p < end) {
		if (*p == '<') {
			check_tag(p, end, &p);
		} else if (*p == '>') {
			FZ_FAIL("raw '>' at '%s'", fz_show(p - MIN(p - o, 40),
			    80));
		} else if (*p == '&') {
			size_t n = *++p == '#' ? 1 + run_of(p + 1, end,
			    DIGITS) : run_of(p, end, LOWER);

			if (n < 2 || p + n >= end || p[n] != ';')
				FZ_FAIL("raw '&' at '%s'", fz_show(p - 1, 40));
			p += n + 1;
		} else
			p++;
	}
}

static void
check_md(const char *o, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (o[i] != '<' || (i > 0 && o[i - 1] == '\\'))
			continue;
		if (i < 2 || memcmp(o + i - 2, "](", 2) != 0)
			FZ_FAIL("raw '<' at '%s'", fz_show(o + i -
			    MIN(i, 40), 80));
		while (i < len && o[i] != '>') {	/* the URL */
			if (o[i] == ' ' || o[i] == '\n' || (o[i] == '<' &&
			    o[i - 1] != '('))
				FZ_FAIL("link at '%s'", fz_show(o + i, 40));
			i++;
		}
	}
}

/* Column c (0, 1, ...) of the line at s as a number. */
static unsigned long
column_number(const char *s, int c)
{
	while (c-- > 0)
		s = strchr(s, '\t') + 1;
	return strtoul(s, NULL, 10);
}

static void
check_tsv(const struct section *sec, const char *o, size_t len,
    size_t narts)
{
	size_t hl = strlen(sec->header), tabs = 0, lines = 0, sum = 0;
	const char *p = o + hl + 1, *end = o + len;

	if (len <= hl || memcmp(o, sec->header, hl) != 0 || o[hl] != '\n')
		FZ_FAIL("%s: no header", sec->name);
	for (size_t i = 0; i < hl; i++)
		tabs += sec->header[i] == '\t';
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t t = 0;

		if (nl == NULL)
			FZ_FAIL("%s: last line without LF", sec->name);
		for (const char *q = p; q < nl; q++)
			t += *q == '\t';
		if (t != tabs)
			FZ_FAIL("%s: %zu columns, not %zu: '%s'", sec->name,
			    t + 1, tabs + 1, fz_show(p, (size_t)(nl - p)));
		if (strcmp(sec->name, "sources") == 0)
			sum += column_number(p, 1);
		else if (strcmp(sec->name, "summary") == 0 &&
		    column_number(p, 2) != narts)
			FZ_FAIL("summary: %lu articles, not %zu",
			    column_number(p, 2), narts);
		lines++;
		p = nl + 1;
	}
	if (strcmp(sec->name, "summary") == 0 && lines != 1)
		FZ_FAIL("summary: %zu lines", lines);
	if (strcmp(sec->name, "sources") == 0 && sum != narts)
		FZ_FAIL("sources: %zu articles, not %zu", sum, narts);
}

static void
set_options(uint8_t b)
{
	static const gint arts[] = { 0, 1, 2, 100 }, sents[] = { 0, 1, 3, 100 },
	    tops[] = { 1, 2, 10, 10000 };

	forced = b & 1 ? fz_day : 0;
	opt_articles = arts[(b >> 1) & 3];
	opt_sentences = sents[(b >> 3) & 3];
	opt_top = tops[(b >> 5) & 3];
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct section *sec;
	struct record_reader *rd;
	GPtrArray *recs;
	FILE *saved = stdout;
	char *o = NULL;
	size_t len = 0, narts = 0;

	if (size < 2)
		return 0;
	fmt = (enum format)(data[0] & 3);
	sec = &sections[(data[0] >> 2) % G_N_ELEMENTS(sections)];
	set_options(data[1]);
	fz_make_records(data + 2, size - 2, fz_in, keep_digest);
	recs = fz_read_all(fz_in->str, fz_in->len);
	for (guint i = 0; i < recs->len; i++) {
		const struct record *a = recs->pdata[i], *b;

		b = i ? recs->pdata[i - 1] : NULL;
		narts += b == NULL || !fz_eq(a->f[NF_DOC].s, a->f[NF_DOC].len,
		    b->f[NF_DOC].s, b->f[NF_DOC].len);
	}

	state_new();
	rd = fz_reader_open(fz_in->str, fz_in->len);
	digest_read(rd);
	fz_reader_close(rd);
	if (narticles != narts || nrecords != recs->len)
		FZ_FAIL("%zu articles and %zu records read, not %zu and %u",
		    narticles, nrecords, narts, recs->len);
	if ((stdout = open_memstream(&o, &len)) == NULL)
		FZ_FAIL("open_memstream");
	digest_write(sec);
	fclose(stdout);
	stdout = saved;
	state_free();

	if (fmt == F_TSV) {
		check_tsv(sec, o, len, narts);
	} else {
		if (len == 0 || o[len - 1] != '\n')
			FZ_FAIL("no report, or no LF at its end");
		if (!g_utf8_validate_len(o, len, NULL) || !no_controls(o, len))
			FZ_FAIL("invalid UTF-8 or a control character");
		if (fmt == F_HTML)
			check_html(o, len);
		else if (fmt == F_MD)
			check_md(o, len);
	}
	free(o);
	g_ptr_array_free(recs, TRUE);
	return 0;
}
