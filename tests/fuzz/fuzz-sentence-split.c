/*
 * fuzz-sentence-split - sentence-split's per-record function,
 * split_record(), on records read by the real reader.
 *
 * sentence-split exits 65 on an annotation item it cannot parse, outside
 * the text or off character boundaries, so fz_make_records keeps only the
 * items that are none of these.  Options come from $FUZZ_ARGS.  The
 * sentences of each record are written to memory and read back with the
 * real reader, and checked:
 *   - a record with sent not 0 comes out as it went in, alone;
 *   - else sentences numbered 1, 2, ..., fields 1, 2, 4, 8 and 9+ as in the
 *     record; fz_joined with single spaces they give back the text byte for
 *     byte (no space after a full-width terminal 。？！｡ followed by text);
 *     no sentence but the first begins with a space;
 *     (what counts as terminals: see fullwidth_end)
 *   - every item of fields 6 and 7 is in exactly one sentence, inside it
 *     and on character boundaries, at the same place in the text.
 */
#define main sentence_split_main
#include "../../filters/sentence-split/sentence-split.c"
#undef main

#include "fuzz.h"

static GString *fz_in, *fz_joined, *fz_items_in, *fz_items_out;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_options("sentence-split", entries);
	load_lists();
	init_sets();
	for (const char *p = ".?!:\xE2\xE3\xEF"; *p != '\0'; p++)
		scan_stop[(unsigned char)*p] = true;
	/*
	 * Reported bug: split_record() takes &g_array_index(bounds, ..., j)
	 * for j == bounds->len too, and while bounds has never held an
	 * element its data is NULL: "applying zero offset to null pointer"
	 * (UBSan, clang).  Harmless in practice; allocating the array here
	 * lets the fuzzing go on past it.
	 */
	bounds = g_array_sized_new(FALSE, FALSE, sizeof(struct bound), 16);
	items = g_array_new(FALSE, FALSE, sizeof(struct item));
	spans = g_array_new(FALSE, FALSE, sizeof(struct span));
	order = g_array_new(FALSE, FALSE, sizeof(size_t));
	block = g_array_new(FALSE, FALSE, sizeof(size_t));
	for (int f = NF_ENTITIES; f <= NF_DATES; f++)
		fields[f] = g_string_new(NULL);
	fz_in = g_string_new(NULL);
	fz_joined = g_string_new(NULL);
	fz_items_in = g_string_new(NULL);
	fz_items_out = g_string_new(NULL);
	return 0;
}

/*
 * Ends with a run of terminals that holds a full-width one (。？！｡), maybe
 * followed by closers and footnote marks: the next sentence may follow with
 * no space.  Checked loosely: after the last full-width terminal of the
 * last word, no ASCII letter or digit outside [brackets].
 */
static bool
fullwidth_end(struct nf_str t)
{
	static const char *const terms[] = { "\xE3\x80\x82", "\xEF\xBC\x9F",
	    "\xEF\xBC\x81", "\xEF\xBD\xA1" };
	size_t i = t.len, wide = SIZE_MAX;
	bool in_brackets = false;

	while (i > 0 && t.s[i - 1] != ' ') {
		for (size_t k = 0; k < 4; k++)
			if (i >= 3 && memcmp(t.s + i - 3, terms[k], 3) == 0)
				wide = i;
		if (wide != SIZE_MAX)
			break;
		i--;
	}
	if (wide == SIZE_MAX)
		return false;
	for (i = wide; i < t.len; i++) {
		if (t.s[i] == '[')
			in_brackets = true;
		else if (t.s[i] == ']')
			in_brackets = false;
		else if (!in_brackets && g_ascii_isalnum(t.s[i]))
			return false;
	}
	return true;
}

/* The items of field f as "F TYPE:VALUE@START-END\n" lines, offsets + base. */
static void
list_items(GString *g, struct nf_str f, int field, size_t base)
{
	size_t pos = 0;
	struct nf_str it;
	struct annot a;

	while (annot_next_item(f.s, f.len, &pos, &it)) {
		FZ_CHECK(annot_parse(it, &a, (size_t)-1) == NULL);
		g_string_append_printf(g, "%d %.*s:%.*s@%zu-%zu\n", field,
		    (int)a.type.len, a.type.s, (int)a.value.len, a.value.s,
		    a.start + base, a.end + base);
	}
}

static int
by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lines of g sorted, for comparing lists regardless of order. */
static char *
sorted(GString *g)
{
	char **lines = g_strsplit(g->str, "\n", -1);
	char *s;

	qsort(lines, g_strv_length(lines), sizeof(char *), by_str);
	s = g_strjoinv("\n", lines);
	g_strfreev(lines);
	return s;
}

static void
check(const struct record *r, GPtrArray *sents)
{
	struct nf_str text = r->f[NF_TEXT];
	size_t base = 0;
	char *a, *b;

	if (r->sent != 0) {
		const struct record *s;

		FZ_CHECK(sents->len == 1);
		s = g_ptr_array_index(sents, 0);
		fz_check_same_frame(r, s);
		FZ_CHECK(s->sent == r->sent);
		for (int f = NF_TEXT; f < NF_NFIELDS; f++)
			FZ_CHECK(fz_eq(r->f[f].s, r->f[f].len, s->f[f].s,
			    s->f[f].len));
		return;
	}
	if (sents->len == 0)
		FZ_FAIL("no sentence for '%s'", fz_show(text.s, text.len));
	g_string_truncate(fz_joined, 0);
	g_string_truncate(fz_items_in, 0);
	g_string_truncate(fz_items_out, 0);
	for (int f = NF_ENTITIES; f <= NF_DATES; f++)
		list_items(fz_items_in, r->f[f], f, 0);
	for (guint i = 0; i < sents->len; i++) {
		const struct record *s = g_ptr_array_index(sents, i);
		struct nf_str t = s->f[NF_TEXT];

		fz_check_same_frame(r, s);
		FZ_CHECK(fz_eq(r->f[NF_THEMES].s, r->f[NF_THEMES].len,
		    s->f[NF_THEMES].s, s->f[NF_THEMES].len));
		if (s->sent != i + 1)
			FZ_FAIL("sentence %u numbered %lu", i + 1, s->sent);
		if (i > 0) {
			const struct record *p = g_ptr_array_index(sents,
			    i - 1);

			/* one space between, or none after 。？！｡ */
			if (base < text.len && text.s[base] == ' ') {
				g_string_append_c(fz_joined, ' ');
				base++;
			} else if (!fullwidth_end(p->f[NF_TEXT]))
				FZ_FAIL("sentences %u and %u of '%s' have no "
				    "space between", i, i + 1,
				    fz_show(text.s, text.len));
			if (t.len > 0 && t.s[0] == ' ')
				FZ_FAIL("sentence %u of '%s' begins with a "
				    "space", i + 1, fz_show(text.s, text.len));
		}
		g_string_append_len(fz_joined, t.s, (gssize)t.len);
		for (int f = NF_ENTITIES; f <= NF_DATES; f++) {
			fz_check_items(s, f, true, NULL);
			list_items(fz_items_out, s->f[f], f, base);
		}
		base += t.len;
	}
	if (!fz_eq(fz_joined->str, fz_joined->len, text.s, text.len))
		FZ_FAIL("sentences of '%s' rejoin to '%s'",
		    fz_show(text.s, text.len),
		    fz_show(fz_joined->str, fz_joined->len));
	a = sorted(fz_items_in);
	b = sorted(fz_items_out);
	if (strcmp(a, b) != 0)
		FZ_FAIL("items of '%s' moved: in\n%s\nout\n%s",
		    fz_show(text.s, text.len), a, b);
	g_free(a);
	g_free(b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	GPtrArray *recs;

	fz_make_records(data, size, fz_in, fz_keep_boundary);
	recs = fz_read_all(fz_in->str, fz_in->len);
	for (guint i = 0; i < recs->len; i++) {
		const struct record *r = g_ptr_array_index(recs, i);
		struct fz_out o;
		GPtrArray *sents;

		fz_out_open(&o, &out);
		split_record(r);
		fz_out_close(&o, &out);
		sents = fz_read_all(o.buf, o.len);
		check(r, sents);
		g_ptr_array_free(sents, TRUE);
		free(o.buf);
	}
	g_ptr_array_free(recs, TRUE);
	return 0;
}
