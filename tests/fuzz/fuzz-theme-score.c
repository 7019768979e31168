/*
 * fuzz-theme-score - theme-score's per-record path (score_record, rank,
 * write_record) and its per-document path (doc_add, doc_flush), as main()
 * runs them, on records read by the real reader.  theme-score exits 65 on
 * an item of field 6 or 7 it cannot parse or outside the text, so
 * fz_make_records keeps only the items annot_parse takes.  The first byte
 * sets --doc (bit 0) and --explain (bit 1); more options come from
 * $FUZZ_ARGS.  Checked:
 *   - per record: one record out for each in, every field but 8 unchanged
 *     (--explain: one field more at the end);
 *   - --doc: one record per document (a run of one doc id), para 0, sent
 *     0, the date and fields 9+ of its first record, fields 6 and 7 items
 *     inside its text;
 *   - field 8: items NAME:SCORE, SCORE 0.00 to 1.00 with two decimals,
 *     highest first, no name twice, no TAB, LF, CR or NUL.
 */
#define main theme_score_main
#include "../../filters/theme-score/theme-score.c"
#undef main

#include "fuzz.h"

static GString *fz_in;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_options("theme-score", entries);
	parse_min();
	init_classes();
	load_themes();
	opt_doc = TRUE;		/* setup() makes the document's buffers */
	setup();
	fz_in = g_string_new(NULL);
	return 0;
}

static void
check_themes(const struct record *r)
{
	struct nf_str f = r->f[NF_THEMES], it;
	size_t pos = 0;
	int last = 101;
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal,
	    g_free, NULL);

	fz_check_clean("field 8", f);
	while (annot_next_item(f.s, f.len, &pos, &it)) {
		struct annot a;
		const char *v;
		int score;
		char *name;

		if (annot_parse_theme(it, &a) != NULL)
			FZ_FAIL("theme item '%s'", fz_show(it.s, it.len));
		v = a.value.s;
		if (a.value.len != 4 || !g_ascii_isdigit(v[0]) || v[1] != '.' ||
		    !g_ascii_isdigit(v[2]) || !g_ascii_isdigit(v[3]))
			FZ_FAIL("score not d.dd: '%s'", fz_show(it.s, it.len));
		score = (v[0] - '0') * 100 + (v[2] - '0') * 10 + (v[3] - '0');
		if (score > 100)
			FZ_FAIL("score over 1: '%s'", fz_show(it.s, it.len));
		if (score > last)
			FZ_FAIL("not highest first: '%s'", fz_show(f.s, f.len));
		last = score;
		name = g_strndup(a.type.s, a.type.len);
		if (!g_hash_table_add(seen, name))
			FZ_FAIL("theme twice: '%s'", fz_show(f.s, f.len));
	}
	g_hash_table_destroy(seen);
}

static void
per_record(GPtrArray *recs, GPtrArray *outs)
{
	if (outs->len != recs->len)
		FZ_FAIL("%u records in, %u out", recs->len, outs->len);
	for (guint i = 0; i < recs->len; i++) {
		const struct record *a = g_ptr_array_index(recs, i);
		const struct record *b = g_ptr_array_index(outs, i);

		FZ_CHECK(a->para == b->para && a->sent == b->sent);
		for (int f = NF_DOC; f < NF_THEMES; f++)
			if (f != NF_PARA && f != NF_SENT && !fz_eq(a->f[f].s,
			    a->f[f].len, b->f[f].s, b->f[f].len))
				FZ_FAIL("field %d changed", f + 1);
		if (opt_explain) {
			FZ_CHECK(b->extra.s != NULL);
			if (a->extra.s != NULL)
				FZ_CHECK(b->extra.len > a->extra.len &&
				    memcmp(a->extra.s, b->extra.s,
				    a->extra.len) == 0 &&
				    b->extra.s[a->extra.len] == '\t');
			else
				FZ_CHECK(memchr(b->extra.s, '\t',
				    b->extra.len) == NULL);
		} else
			fz_check_same_frame(a, b);
		check_themes(b);
	}
}

static void
per_doc(GPtrArray *recs, GPtrArray *outs)
{
	guint k = 0;

	for (guint i = 0; i < recs->len; i++) {
		const struct record *a = g_ptr_array_index(recs, i), *b;

		if (i > 0 && same_doc(g_ptr_array_index(recs, i - 1), a))
			continue;
		if (k >= outs->len)
			FZ_FAIL("document of record %u not written", i + 1);
		b = g_ptr_array_index(outs, k++);
		FZ_CHECK(fz_eq(a->f[NF_DOC].s, a->f[NF_DOC].len,
		    b->f[NF_DOC].s, b->f[NF_DOC].len));
		FZ_CHECK(fz_eq(a->f[NF_DATE].s, a->f[NF_DATE].len,
		    b->f[NF_DATE].s, b->f[NF_DATE].len));
		FZ_CHECK(b->para == 0 && b->sent == 0);
		if (!opt_explain)
			FZ_CHECK((a->extra.s == NULL) == (b->extra.s == NULL) &&
			    (a->extra.s == NULL || fz_eq(a->extra.s,
			    a->extra.len, b->extra.s, b->extra.len)));
		fz_check_items(b, NF_ENTITIES, false, NULL);
		fz_check_items(b, NF_DATES, false, NULL);
		check_themes(b);
	}
	if (k != outs->len)
		FZ_FAIL("%u documents, %u records out", k, outs->len);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	GPtrArray *recs, *outs;
	struct fz_out o;

	if (size == 0)
		return 0;
	opt_doc = data[0] & 1;
	opt_explain = (data[0] & 2) != 0;
	fz_make_records(data + 1, size - 1, fz_in, fz_keep_parsed);
	recs = fz_read_all(fz_in->str, fz_in->len);
	fz_out_open(&o, &out);
	for (guint i = 0; i < recs->len; i++) {
		struct record r = *(struct record *)g_ptr_array_index(recs, i);

		theme_record(&r);
	}
	doc_flush();
	fz_out_close(&o, &out);
	outs = fz_read_all(o.buf, o.len);
	if (opt_doc)
		per_doc(recs, outs);
	else
		per_record(recs, outs);
	g_ptr_array_free(outs, TRUE);
	g_ptr_array_free(recs, TRUE);
	free(o.buf);
	return 0;
}
