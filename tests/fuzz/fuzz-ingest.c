/*
 * fuzz-ingest - ingest's per-article function, ingest_stream(), on an
 * article in memory.  ingest never exits on bad text (invalid UTF-8 and a
 * bad Date header are warnings, sent to /dev/null here), so every input is
 * used as it is.  The first byte sets --join (bit 0), --no-title (bit 1)
 * and --date 2024-11-18 (bit 2); the rest is the article.  Checked:
 *   - the output is records the real reader takes (it would exit if not);
 *   - doc is the path given or a URL header, date empty or valid, sent 0,
 *     fields 6 to 8 empty, no field 9;
 *   - the text is valid UTF-8, not empty, without TAB, LF, CR or NUL, with
 *     no white space at either end;
 *   - para goes up by one from 0 or 1 (from 1 under --no-title, but for a
 *     Title header's record 0).
 */
#define main ingest_main
#include "../../filters/ingest/ingest.c"
#undef main

#include "fuzz.h"

static FILE *devnull;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	nf_setprogname("ingest");
	scratch = g_string_new(NULL);
	hold = g_string_new(NULL);
	joined = g_string_new(NULL);
	art.doc = g_string_new(NULL);
	for (int h = H_TITLE; h < H_NKNOWN; h++)
		hval[h] = g_string_new(NULL);
	if ((devnull = fopen("/dev/null", "w")) == NULL)
		FZ_FAIL("/dev/null");
	return 0;
}

static void
check(GPtrArray *recs, bool no_title)
{
	unsigned long next = 0;

	for (guint i = 0; i < recs->len; i++) {
		const struct record *r = g_ptr_array_index(recs, i);
		struct nf_str t = r->f[NF_TEXT];

		fz_check_clean("doc", r->f[NF_DOC]);
		FZ_CHECK(fz_utf8_valid(r->f[NF_DOC].s, r->f[NF_DOC].len));
		FZ_CHECK(r->f[NF_DATE].len == 0 || r->f[NF_DATE].len == 10);
		FZ_CHECK(r->sent == 0 && r->extra.s == NULL);
		for (int f = NF_ENTITIES; f < NF_NFIELDS; f++)
			FZ_CHECK(r->f[f].len == 0);
		if (t.len == 0)
			FZ_FAIL("record %u: empty text", i + 1);
		fz_check_clean("text", t);
		if (!fz_utf8_valid(t.s, t.len))
			FZ_FAIL("text not valid UTF-8: '%s'",
			    fz_show(t.s, t.len));
		if (space_len((const unsigned char *)t.s, t.len) > 0 ||
		    trim(t).len != t.len)
			FZ_FAIL("text not trimmed: '%s'", fz_show(t.s, t.len));
		if (i == 0)
			next = r->para;
		if (r->para != next)
			FZ_FAIL("record %u: para %lu, %lu expected", i + 1,
			    r->para, next);
		if (i == 0 && r->para > 1)
			FZ_FAIL("first para %lu", r->para);
		if (i == 0 && no_title && r->para == 0 && !title_seen)
			FZ_FAIL("--no-title: para 0 without a Title header");
		next = r->para + 1;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_out o;
	FILE *fp, *saved = stderr;
	GPtrArray *recs;

	if (size == 0)
		return 0;
	opt_join = data[0] & 1;
	opt_no_title = (data[0] & 2) != 0;
	opt_date = data[0] & 4 ? (char *)"2024-11-18" : NULL;
	fp = fmemopen((void *)(uintptr_t)(data + 1), size - 1, "r");
	if (fp == NULL)
		FZ_FAIL("fmemopen");
	fz_out_open(&o, &out);
	stderr = devnull;	/* the warnings */
	FZ_CHECK(ingest_stream(fp, "dir/article.txt", "dir/article.txt"));
	stderr = saved;
	fclose(fp);
	fz_out_close(&o, &out);
	recs = fz_read_all(o.buf, o.len);
	check(recs, opt_no_title);
	g_ptr_array_free(recs, TRUE);
	free(o.buf);
	return 0;
}
