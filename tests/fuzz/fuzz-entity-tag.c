/*
 * fuzz-entity-tag - entity-tag's per-record function, tag(), as main()
 * runs it, on records read by the real reader and written by the writer.
 * entity-tag reads no annotation field (it replaces field 6), so no item
 * is left out.  Options come from $FUZZ_ARGS.  Checked for every record:
 *   - one record out; every field but 6 unchanged;
 *   - field 6: items TYPE:NAME@START-END that annot_parse takes, TYPE PER,
 *     ORG or LOC, NAME not empty and without ';' or '@', inside the text,
 *     on character boundaries (when the text is valid UTF-8), in text
 *     order, none overlapping;
 *   - no TAB or LF in field 6 (a NUL only where the text has one).
 */
#define main entity_tag_main
#include "../../filters/entity-tag/entity-tag.c"
#undef main

#include "fuzz.h"

static GString *fz_in, *fz_ents;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_options("entity-tag", entries);
	surface = g_string_sized_new(64);
	memory.doc = g_string_new(NULL);
	memory.arena = g_string_sized_new(4096);
	load_data();
	fz_in = g_string_new(NULL);
	fz_ents = g_string_sized_new(256);
	return 0;
}

static void
check(const struct record *a, const struct record *b)
{
	static const char *const types[] = { "PER", "ORG", "LOC", NULL };
	struct nf_str f = b->f[NF_ENTITIES], it;
	size_t pos = 0, last_end = 0;
	struct annot x;

	fz_check_same_frame(a, b);
	FZ_CHECK(a->sent == b->sent);
	for (int i = NF_TEXT; i < NF_NFIELDS; i++)
		if (i != NF_ENTITIES && !fz_eq(a->f[i].s, a->f[i].len,
		    b->f[i].s, b->f[i].len))
			FZ_FAIL("field %d changed", i + 1);
	/*
	 * Reported bug: on text that is not valid UTF-8, a name may end right
	 * before a stray continuation byte, where utf8_is_boundary() says no
	 * and sentence-split exits 65 (tests/adversarial.bats has the case).
	 * The boundaries are checked on valid text, so that fuzzing goes on.
	 */
	fz_check_items(b, NF_ENTITIES, fz_utf8_valid(b->f[NF_TEXT].s,
	    b->f[NF_TEXT].len), types);
	if (memchr(f.s, '\t', f.len) || memchr(f.s, '\n', f.len) ||
	    (memchr(f.s, '\0', f.len) &&
	    !memchr(b->f[NF_TEXT].s, '\0', b->f[NF_TEXT].len)))
		FZ_FAIL("field 6 '%s' holds a TAB, LF or NUL",
		    fz_show(f.s, f.len));
	while (annot_next_item(f.s, f.len, &pos, &it)) {
		FZ_CHECK(annot_parse(it, &x, b->f[NF_TEXT].len) == NULL);
		if (x.value.len == 0 || memchr(x.value.s, '@', x.value.len))
			FZ_FAIL("bad name in '%s'", fz_show(it.s, it.len));
		if (x.start < last_end)
			FZ_FAIL("items overlap or out of order: '%s'",
			    fz_show(f.s, f.len));
		if (x.start == x.end)
			FZ_FAIL("empty span: '%s'", fz_show(it.s, it.len));
		last_end = x.end;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	GPtrArray *recs, *outs;
	struct record_writer w;
	struct fz_out o;

	fz_make_records(data, size, fz_in, NULL);
	recs = fz_read_all(fz_in->str, fz_in->len);
	fz_out_open(&o, &w);
	for (guint i = 0; i < recs->len; i++) {
		const struct record *r = g_ptr_array_index(recs, i);
		struct record x = *r;

		tag(&x, fz_ents);
		check(r, &x);
		record_write(&w, &x);
	}
	fz_out_close(&o, &w);
	outs = fz_read_all(o.buf, o.len);
	if (outs->len != recs->len)
		FZ_FAIL("%u records in, %u out", recs->len, outs->len);
	g_ptr_array_free(outs, TRUE);
	g_ptr_array_free(recs, TRUE);
	free(o.buf);
	return 0;
}
