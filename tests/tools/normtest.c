/*
 * normtest - helpers for the normalize conformance tests.
 *
 *   normtest records FORM < NormalizationTest.txt
 *	Turn the Unicode conformance file into records, one for each column
 *	c1..c5 of each test line: field 5 is the column, field 9 what FORM
 *	must make of it by the invariants in the file's header.  Then one
 *	record for every code point assigned in this version of Unicode and
 *	not listed in Part 1, which every form must leave as it is.  The
 *	expected text comes from the file (and the code point itself), never
 *	from a normalizer, so the test is not circular.
 *
 *   normtest mix FORM COUNT < NormalizationTest.txt
 *	COUNT records whose text joins random columns of the file and pieces
 *	known to interact (a starter and its marks, Hangul jamo, Indic vowel
 *	signs), field 9 what GLib makes of the whole text in FORM: checks that
 *	normalize, which hands GLib only the pieces of a text that may change,
 *	gets what normalizing the whole text at once gets.
 *
 *   normtest random COUNT
 *	COUNT records of random bytes (no TAB, no LF) mixed with white space,
 *	invisible characters, mojibake and marks, with random annotation
 *	items in fields 6 and 7 whose offsets lie inside the text.
 *
 *   normtest check
 *	Read records and fail (exit 1, naming the line) unless each is one
 *	that every filter may write: 8 or more fields, a text of valid UTF-8
 *	without CR or NUL (and so without TAB or LF) nor space at either end,
 *	annotation items that parse, with START <= END <= the text's length
 *	on character boundaries.  Prints the number of records checked.
 *
 *   normtest compose
 *	Print the code points of combining class 0 that may compose with a
 *	preceding character (the second of a canonical pair), as ranges
 *	"FIRST\tLAST" in hex: what filters/normalize/compose.tsv must hold
 *	for the GLib normalize is built with.
 */
#include <glib.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CP 0x110000

static void
die(unsigned long line, const char *msg)
{
	fprintf(stderr, "normtest: line %lu: %s\n", line, msg);
	exit(65);
}

/* Parse "0044 0307" into UTF-8 appended to out. */
static void
parse_column(const char *s, GString *out, unsigned long line)
{
	while (*s != '\0') {
		char *end;
		unsigned long cp;

		while (*s == ' ')
			s++;
		if (*s == '\0')
			break;
		cp = strtoul(s, &end, 16);
		if (end == s || cp >= MAX_CP || (cp >= 0xD800 && cp <= 0xDFFF))
			die(line, "bad code point");
		/* the record format has no room for these */
		if (cp == 0 || cp == '\t' || cp == '\n' || cp == '\r')
			die(line, "TAB, LF, CR or NUL in a test column");
		g_string_append_unichar(out, (gunichar)cp);
		s = end;
	}
	if (out->len == 0)
		die(line, "empty column");
}

/* Which column FORM must turn column i (0..4) into. */
static int
expected_column(const char *form, int i)
{
	if (strcmp(form, "NFC") == 0)
		return i < 3 ? 1 : 3;
	if (strcmp(form, "NFD") == 0)
		return i < 3 ? 2 : 4;
	if (strcmp(form, "NFKC") == 0)
		return 3;
	return 4;
}

static void
put_record(const char *doc, int para, const char *text, const char *expect)
{
	printf("%s\t%d\t0\t\t%s\t\t\t\t%s\n", doc, para, text, expect);
}

/* One record per column of a test line; note Part 1 code points. */
static void
test_line(char *line, unsigned long lineno, const char *form, bool part1,
    unsigned char *listed)
{
	GString *col[5];
	char *p = line, doc[64];
	int i;

	for (i = 0; i < 5; i++) {
		char *semi = strchr(p, ';');

		if (semi == NULL)
			die(lineno, "fewer than 5 columns");
		*semi = '\0';
		col[i] = g_string_new(NULL);
		parse_column(p, col[i], lineno);
		p = semi + 1;
	}
	if (part1) {
		gunichar c = g_utf8_get_char(col[0]->str);

		if ((size_t)g_utf8_skip[(unsigned char)col[0]->str[0]] !=
		    col[0]->len)
			die(lineno, "Part 1 line of more than one code point");
		listed[c] = 1;
	}
	snprintf(doc, sizeof doc, "NormalizationTest.txt:%lu", lineno);
	for (i = 0; i < 5; i++)
		put_record(doc, i + 1, col[i]->str,
		    col[expected_column(form, i)]->str);
	for (i = 0; i < 5; i++)
		g_string_free(col[i], TRUE);
}

/* Conformance rule 2: the code points Part 1 does not list stay. */
static void
unlisted(const unsigned char *listed)
{
	char buf[8], doc[64];

	for (gunichar c = 1; c < MAX_CP; c++) {
		GUnicodeType t = g_unichar_type(c);
		int n;

		if (listed[c] || t == G_UNICODE_UNASSIGNED ||
		    t == G_UNICODE_SURROGATE || c == '\t' || c == '\n' ||
		    c == '\r')
			continue;
		n = g_unichar_to_utf8(c, buf);
		buf[n] = '\0';
		snprintf(doc, sizeof doc, "unlisted:U+%04X", (unsigned)c);
		put_record(doc, 0, buf, buf);
	}
}

static int
records(const char *form)
{
	unsigned char *listed = calloc(MAX_CP, 1);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	unsigned long lineno = 0, tests = 0;
	bool part1 = false;

	if (listed == NULL)
		return 1;
	while ((n = getline(&line, &cap, stdin)) >= 0) {
		lineno++;
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (line[0] == '@') {
			part1 = strncmp(line, "@Part1 ", 7) == 0;
			continue;
		}
		test_line(line, lineno, form, part1, listed);
		tests++;
	}
	if (tests == 0)
		die(lineno, "no test lines");
	unlisted(listed);
	free(line);
	free(listed);
	return 0;
}

static int
random_records(long count)
{
	static const char *const bits[] = {
		" ", "  ", "\xC2\xA0", "\xE2\x80\x8B", "\xC2\xAD", "\r",
		"\x01", "\xE3\x80\x80", "\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2",
		"\xC3\x83\xC2\xA9", "\xC3\xAD\xE2\x80\xA2\xC5\x93", "e\xCC\x81",
		"\xE1\x84\x80\xE1\x85\xA1", "\xEA\xB0\x80\xE1\x86\xA8",
		"\xE2\x80\x9C", "\xE2\x80\xA6", "\xC2\xA8", "Kim",
		"\xED\x95\x9C",
		"\xEF\xAC\x81", "\xC3\x82", "\xE2\x80", "\xF0\x9F\x98\x80",
		"\xEF\xBB\xBF", "\xCC\xA3"
	};
	GRand *rnd = g_rand_new_with_seed(19480909);
	GString *text = g_string_new(NULL), *f6 = g_string_new(NULL);
	GString *f7 = g_string_new(NULL);

	for (long r = 0; r < count; r++) {
		int pieces = g_rand_int_range(rnd, 0, 24);

		g_string_truncate(text, 0);
		for (int i = 0; i < pieces; i++) {
			if (g_rand_int_range(rnd, 0, 3) == 0) {
				int c;

				do
					c = g_rand_int_range(rnd, 0, 256);
				while (c == '\t' || c == '\n');
				g_string_append_c(text, (char)c);
			} else
				g_string_append(text, bits[g_rand_int_range(rnd,
				    0, G_N_ELEMENTS(bits))]);
		}
		for (int f = 0; f < 2; f++) {
			GString *to = f ? f7 : f6;
			int items = text->len ? g_rand_int_range(rnd, 0, 4) : 0;

			g_string_truncate(to, 0);
			for (int i = 0; i < items; i++) {
				gint32 a = g_rand_int_range(rnd, 0,
				    (gint32)text->len + 1);
				gint32 b = g_rand_int_range(rnd, a,
				    (gint32)text->len + 1);

				g_string_append_printf(to, "%s%s:v%d@%d-%d",
				    i ? ";" : "", f ? "DATE" : "PER", i, a, b);
			}
		}
		fputs("rnd\t", stdout);
		printf("%ld\t0\t\t", r);
		fwrite(text->str, 1, text->len, stdout);
		printf("\t%s\t%s\t\tu%ld\n", f6->str, f7->str, r);
	}
	g_string_free(text, TRUE);
	g_string_free(f6, TRUE);
	g_string_free(f7, TRUE);
	g_rand_free(rnd);
	return 0;
}

static void
bad(unsigned long line, const char *msg)
{
	fprintf(stderr, "normtest: check: line %lu: %s\n", line, msg);
	exit(1);
}

/* Check the items of one annotation field against the text. */
static void
check_items(char *f, const char *text, size_t tlen, unsigned long line)
{
	for (char *item = strtok(f, ";"); item; item = strtok(NULL, ";")) {
		char *colon = strchr(item, ':'), *at = strrchr(item, '@');
		unsigned long a, b;

		if (colon == NULL || colon == item || at == NULL ||
		    at < colon ||
		    sscanf(at + 1, "%lu-%lu", &a, &b) != 2)
			bad(line, "an item does not parse");
		if (a > b || b > tlen)
			bad(line, "an item's offsets are out of range");
		if ((a < tlen && (text[a] & 0xC0) == 0x80) ||
		    (b < tlen && (text[b] & 0xC0) == 0x80))
			bad(line, "an offset is not on a character boundary");
	}
}

static int
check(void)
{
	char *line = NULL, *f[8];
	size_t cap = 0;
	ssize_t n;
	unsigned long lineno = 0;

	while ((n = getline(&line, &cap, stdin)) >= 0) {
		char *p = line;
		size_t tlen;

		lineno++;
		if (n == 0 || line[n - 1] != '\n')
			bad(lineno, "no LF at the end");
		line[--n] = '\0';
		if (memchr(line, '\0', (size_t)n) ||
		    memchr(line, '\r', (size_t)n))
			bad(lineno, "NUL or CR");
		for (int i = 0; i < 8; i++) {
			f[i] = p;
			p = strchr(p, '\t');
			if (p == NULL && i < 7)
				bad(lineno, "fewer than 8 fields");
			if (p != NULL)
				*p++ = '\0';
		}
		tlen = strlen(f[4]);
		if (!g_utf8_validate(f[4], (gssize)tlen, NULL))
			bad(lineno, "invalid UTF-8 in the text");
		if (tlen > 0 && (f[4][0] == ' ' || f[4][tlen - 1] == ' '))
			bad(lineno, "space at an end of the text");
		check_items(f[5], f[4], tlen, lineno);
		check_items(f[6], f[4], tlen, lineno);
	}
	free(line);
	printf("%lu\n", lineno);
	return 0;
}

static GNormalizeMode
mode_of(const char *form)
{
	return strcmp(form, "NFC") == 0 ? G_NORMALIZE_NFC :
	    strcmp(form, "NFD") == 0 ? G_NORMALIZE_NFD :
	    strcmp(form, "NFKC") == 0 ? G_NORMALIZE_NFKC : G_NORMALIZE_NFKD;
}

static int
mix(const char *form, long count)
{
	static const char *const extra[] = {
		"a", "e", "<", " ", "x y", "\u1100", "\u1161", "\u11A8",
		"\uAC00", "\uAC01", "\u2019", "\u0301", "\u0323", "\u0B47",
		"\u0B3E", "\u00A8", "\u2026", "\u3099", "\uFF9E", "\u0F73",
		"\u00E9", "\U0001D15E", "\uFFFD"
	};
	GPtrArray *cols = g_ptr_array_new_with_free_func(g_free);
	GRand *rnd = g_rand_new_with_seed(20240101);
	GString *text = g_string_new(NULL);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	unsigned long lineno = 0;

	while ((n = getline(&line, &cap, stdin)) >= 0) {
		char *p = line;

		lineno++;
		if (line[0] == '#' || line[0] == '@' || line[0] == '\n')
			continue;
		for (int i = 0; i < 5; i++) {
			char *semi = strchr(p, ';');
			GString *c = g_string_new(NULL);

			if (semi == NULL)
				die(lineno, "fewer than 5 columns");
			*semi = '\0';
			parse_column(p, c, lineno);
			g_ptr_array_add(cols, g_string_free(c, FALSE));
			p = semi + 1;
		}
	}
	if (cols->len == 0)
		die(lineno, "no test lines");
	for (long r = 0; r < count; r++) {
		int pieces = g_rand_int_range(rnd, 1, 12);
		char *want;

		g_string_truncate(text, 0);
		for (int i = 0; i < pieces; i++)
			if (g_rand_boolean(rnd))
				g_string_append(text, cols->pdata[
				    g_rand_int_range(rnd, 0,
				    (gint32)cols->len)]);
			else
				g_string_append(text, extra[g_rand_int_range(
				    rnd, 0, G_N_ELEMENTS(extra))]);
		want = g_utf8_normalize(text->str, (gssize)text->len,
		    mode_of(form));
		printf("mix\t%ld\t0\t\t%s\t\t\t\t%s\n", r, text->str, want);
		g_free(want);
	}
	g_string_free(text, TRUE);
	g_rand_free(rnd);
	g_ptr_array_free(cols, TRUE);
	free(line);
	return 0;
}

static int
compose(void)
{
	unsigned char *second = calloc(MAX_CP, 1);
	gunichar a, b;
	long first = -1;

	if (second == NULL)
		return 1;
	for (gunichar c = 0; c < MAX_CP; c++)
		if (g_unichar_decompose(c, &a, &b) && b != 0 &&
		    g_unichar_combining_class(b) == 0)
			second[b] = 1;
	for (long c = 0; c <= MAX_CP; c++) {
		bool in = c < MAX_CP && second[c];

		if (in && first < 0)
			first = c;
		else if (!in && first >= 0) {
			printf("%04lX\t%04lX\n", first, c - 1);
			first = -1;
		}
	}
	free(second);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "records") == 0 &&
	    (strcmp(argv[2], "NFC") == 0 || strcmp(argv[2], "NFD") == 0 ||
	    strcmp(argv[2], "NFKC") == 0 || strcmp(argv[2], "NFKD") == 0))
		return records(argv[2]);
	if (argc == 4 && strcmp(argv[1], "mix") == 0 &&
	    (strcmp(argv[2], "NFC") == 0 || strcmp(argv[2], "NFD") == 0 ||
	    strcmp(argv[2], "NFKC") == 0 || strcmp(argv[2], "NFKD") == 0))
		return mix(argv[2], atol(argv[3]));
	if (argc == 3 && strcmp(argv[1], "random") == 0)
		return random_records(atol(argv[2]));
	if (argc == 2 && strcmp(argv[1], "check") == 0)
		return check();
	if (argc == 2 && strcmp(argv[1], "compose") == 0)
		return compose();
	fprintf(stderr, "usage: normtest records NFC|NFD|NFKC|NFKD < "
	    "NormalizationTest.txt\n"
	    "       normtest mix NFC|NFD|NFKC|NFKD COUNT "
	    "< NormalizationTest.txt\n"
	    "       normtest random COUNT\n       normtest check\n"
	    "       normtest compose\n");
	return 2;
}
