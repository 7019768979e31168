/*
 * fuzz-date-resolve - date-resolve's per-record function, resolve(), as
 * main() runs it, on records read by the real reader and written by the
 * writer.  date-resolve reads no annotation field (it replaces field 7),
 * so no item is left out.  The first byte sets --date 2024-11-18 (bit 0);
 * more options come from $FUZZ_ARGS.  Checked for every record:
 *   - one record out; every field but 7 unchanged;
 *   - field 7: items TYPE:VALUE@START-END that annot_parse takes, TYPE
 *     DATE, TIME, DURATION or SET, inside the text, on character
 *     boundaries (when the text is valid UTF-8), in text order, none
 *     overlapping, none empty;
 *   - VALUE is not empty, of the TIMEX3 characters A-Z 0-9 - : . _ only,
 *     and a value YYYY-MM-DD (or its date before a 'T') is a real date.
 */
#define main date_resolve_main
#include "../../filters/date-resolve/date-resolve.c"
#undef main

#include "fuzz.h"

static GString *fz_in;
static struct ctx fz_c;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_options("date-resolve", options);
	ctab_init();
	lexicon_init();
	memset(&fz_c, 0, sizeof fz_c);
	fz_c.out = g_string_sized_new(256);
	fz_c.doc = g_string_new(NULL);
	fz_in = g_string_new(NULL);
	return 0;
}

static void
check_value(struct nf_str it, struct nf_str v)
{
	if (v.len == 0)
		FZ_FAIL("empty value: '%s'", fz_show(it.s, it.len));
	for (size_t i = 0; i < v.len; i++)
		if (!g_ascii_isupper(v.s[i]) && !g_ascii_isdigit(v.s[i]) &&
		    strchr("-:._", v.s[i]) == NULL)
			FZ_FAIL("value not TIMEX3: '%s'", fz_show(it.s, it.len));
	if (v.len >= 10 && (v.len == 10 || v.s[10] == 'T') &&
	    g_ascii_isdigit(v.s[0]) && g_ascii_isdigit(v.s[5]) &&
	    g_ascii_isdigit(v.s[8]) && !fz_date(v.s, 10))
		FZ_FAIL("no such day: '%s'", fz_show(it.s, it.len));
}

static void
check(const struct record *a, const struct record *b)
{
	static const char *const types[] = { "DATE", "TIME", "DURATION",
	    "SET", NULL };
	struct nf_str f = b->f[NF_DATES], it;
	size_t pos = 0, last_end = 0;
	struct annot x;

	fz_check_same_frame(a, b);
	FZ_CHECK(a->sent == b->sent);
	for (int i = NF_TEXT; i < NF_NFIELDS; i++)
		if (i != NF_DATES && !fz_eq(a->f[i].s, a->f[i].len,
		    b->f[i].s, b->f[i].len))
			FZ_FAIL("field %d changed", i + 1);
	fz_check_items(b, NF_DATES, fz_utf8_valid(b->f[NF_TEXT].s,
	    b->f[NF_TEXT].len), types);
	fz_check_clean("field 7", f);
	while (annot_next_item(f.s, f.len, &pos, &it)) {
		FZ_CHECK(annot_parse(it, &x, b->f[NF_TEXT].len) == NULL);
		check_value(it, x.value);
		if (x.start < last_end)
			FZ_FAIL("items overlap or out of order: '%s' in '%s'",
			    fz_show(f.s, f.len), fz_show(b->f[NF_TEXT].s,
			    b->f[NF_TEXT].len));
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

	if (size == 0)
		return 0;
	opt_date = data[0] & 1 ? (char *)"2024-11-18" : NULL;
	fz_make_records(data + 1, size - 1, fz_in, NULL);
	recs = fz_read_all(fz_in->str, fz_in->len);
	fz_out_open(&o, &w);
	for (guint i = 0; i < recs->len; i++) {
		const struct record *r = g_ptr_array_index(recs, i);
		struct record x = *r;

		resolve(&fz_c, &x);
		x.f[NF_DATES].s = fz_c.out->str;
		x.f[NF_DATES].len = fz_c.out->len;
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
