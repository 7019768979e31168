/*
 * fuzz-normalize - normalize's per-record function, normalize_record(), as
 * main() runs it: records read by the real reader, written by the writer.
 *
 * normalize exits 65 on an annotation item it cannot parse or whose
 * offsets lie outside the text, so fz_make_records keeps only the items
 * annot_parse takes; offsets inside a character stay (normalize moves
 * them).  The options come from $FUZZ_ARGS (default: none).  Checked for
 * every record:
 *   - one record out, fields 1 to 4, 8 and 9+ unchanged, the number of
 *     items of fields 6 and 7 too, and their types and values;
 *   - the text is valid UTF-8 without TAB, LF, CR or NUL; without
 *     --keep-space, no space at either end, no two spaces in a row, no
 *     other white space or invisible character left;
 *   - every item lies inside the text, on character boundaries;
 *   - normalize is idempotent: the record normalized again is the same.
 */
#define main normalize_main
#include "../../filters/normalize/normalize.c"
#undef main

#include "fuzz.h"

static GString *fz_in;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_options("normalize", entries);
	setup();
	buf.text = g_string_sized_new(4096);
	buf.tmp = g_string_sized_new(4096);
	buf.ents = g_string_new(NULL);
	buf.dates = g_string_new(NULL);
	buf.fffd = g_string_new(NULL);
	buf.folded = g_string_new(NULL);
	buf.units = g_array_new(FALSE, FALSE, sizeof(struct unit));
	buf.items = g_array_new(FALSE, FALSE, sizeof(struct item));
	fz_in = g_string_new(NULL);
	return 0;
}

static size_t
count_items(struct nf_str f)
{
	size_t pos = 0, n = 0;
	struct nf_str it;

	while (annot_next_item(f.s, f.len, &pos, &it))
		n++;
	return n;
}

/* Same types and values, in the same order. */
static void
check_same_items(struct nf_str a, struct nf_str b, size_t text_len)
{
	size_t pa = 0, pb = 0;
	struct nf_str ia, ib;

	while (annot_next_item(a.s, a.len, &pa, &ia)) {
		struct annot x, y;

		FZ_CHECK(annot_next_item(b.s, b.len, &pb, &ib));
		FZ_CHECK(annot_parse(ia, &x, (size_t)-1) == NULL);
		FZ_CHECK(annot_parse(ib, &y, text_len) == NULL);
		if (!fz_eq(x.type.s, x.type.len, y.type.s, y.type.len) ||
		    !fz_eq(x.value.s, x.value.len, y.value.s, y.value.len))
			FZ_FAIL("item '%s' became another item",
			    fz_show(ia.s, ia.len));
	}
	FZ_CHECK(!annot_next_item(b.s, b.len, &pb, &ib));
}

static void
check_text(struct nf_str t)
{
	if (!fz_utf8_valid(t.s, t.len))
		FZ_FAIL("text not valid UTF-8: '%s'", fz_show(t.s, t.len));
	fz_check_clean("text", t);
	if (nm.keep_space)
		return;
	if (t.len > 0 && (t.s[0] == ' ' || t.s[t.len - 1] == ' '))
		FZ_FAIL("text has a space at an end: '%s'",
		    fz_show(t.s, t.len));
	if (memmem(t.s, t.len, "  ", 2) != NULL)
		FZ_FAIL("text has two spaces in a row: '%s'",
		    fz_show(t.s, t.len));
	for (const char *q = t.s; q < t.s + t.len; q = g_utf8_next_char(q)) {
		gunichar c = g_utf8_get_char(q);

		if ((nm.cls[c] & C_DELETE) || ((nm.cls[c] & C_SPACE) &&
		    c != ' '))
			FZ_FAIL("text keeps U+%04X: '%s'", c,
			    fz_show(t.s, t.len));
	}
}

static void
check(const struct record *a, const struct record *b)
{
	fz_check_same_frame(a, b);
	FZ_CHECK(a->sent == b->sent);
	FZ_CHECK(fz_eq(a->f[NF_THEMES].s, a->f[NF_THEMES].len,
	    b->f[NF_THEMES].s, b->f[NF_THEMES].len));
	check_text(b->f[NF_TEXT]);
	for (int f = NF_ENTITIES; f <= NF_DATES; f++) {
		FZ_CHECK(count_items(a->f[f]) == count_items(b->f[f]));
		check_same_items(a->f[f], b->f[f], b->f[NF_TEXT].len);
		fz_check_items(b, f, true, NULL);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	GPtrArray *recs, *outs;
	struct record_writer w;
	struct fz_out o;

	fz_make_records(data, size, fz_in, fz_keep_parsed);
	recs = fz_read_all(fz_in->str, fz_in->len);
	fz_out_open(&o, &w);
	for (guint i = 0; i < recs->len; i++) {
		const struct record *r = g_ptr_array_index(recs, i);
		struct record x = *r, y;
		struct record *c;

		normalize_record(&x);
		check(r, &x);
		record_write(&w, &x);
		/* idempotent */
		c = record_clone(&x);
		y = *c;
		normalize_record(&y);
		for (int f = NF_TEXT; f <= NF_DATES; f++)
			if (!fz_eq(c->f[f].s, c->f[f].len, y.f[f].s,
			    y.f[f].len))
				FZ_FAIL("not idempotent: field %d '%s' became "
				    "'%s'", f + 1, fz_show(c->f[f].s,
				    c->f[f].len), fz_show(y.f[f].s,
				    y.f[f].len));
		free(c);
	}
	fz_out_close(&o, &w);
	outs = fz_read_all(o.buf, o.len);
	if (outs->len != recs->len)
		FZ_FAIL("%u records in, %u out", recs->len, outs->len);
	for (guint i = 0; i < outs->len; i++)
		fz_check_same_frame(g_ptr_array_index(recs, i),
		    g_ptr_array_index(outs, i));
	g_ptr_array_free(outs, TRUE);
	g_ptr_array_free(recs, TRUE);
	free(o.buf);
	return 0;
}
