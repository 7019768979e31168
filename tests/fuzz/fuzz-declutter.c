/*
 * fuzz-declutter - declutter's per-document functions, doc_add() and
 * doc_flush(), fed as main() feeds them, on records read by the real
 * reader.  declutter reads no annotation field, so no item is left out.
 * Each input runs twice, with --mark and with --rejects; the first byte
 * sets --keep-references (bit 0); more options come from $FUZZ_ARGS.
 * Checked:
 *   - with --mark every record is written with one more field, "content"
 *     or a reason; with --rejects each is written once, to the output as
 *     it was if --mark said content, else to the rejects with the same
 *     reason added, in input order in each: nothing lost, nothing made;
 *   - a reason is one of the man page's, the title (para 0) is kept, and
 *     the records of one paragraph share one fate.
 */
#define main declutter_main
#include "../../filters/declutter/declutter.c"
#undef main

#include "fuzz.h"

static GString *fz_in;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_options("declutter", entries);
	init_classes();
	load_data();
	fz_in = g_string_new(NULL);
	return 0;
}

static bool
reason_ok(const char *s, size_t n)
{
	static const char *const reasons[] = { "nav", "symbols", "byline",
	    "bio", "duplicate", "reference", "short", "context", "nontext",
	    NULL };

	if (n > 7 && memcmp(s, "phrase:", 7) == 0)
		return true;
	for (int i = 0; reasons[i] != NULL; i++)
		if (fz_eq(s, n, reasons[i], strlen(reasons[i])))
			return true;
	return false;
}

/* o is i with one more field; its value in *why. */
static bool
plus_one(const struct record *i, const struct record *o, struct nf_str *why)
{
	const char *tab;

	for (int f = NF_DOC; f < NF_NFIELDS; f++)	/* para, sent: numbers */
		if (f != NF_PARA && f != NF_SENT &&
		    !fz_eq(i->f[f].s, i->f[f].len, o->f[f].s, o->f[f].len))
			return false;
	if (i->para != o->para || i->sent != o->sent || o->extra.s == NULL)
		return false;
	if (i->extra.s == NULL) {
		*why = o->extra;
		return memchr(why->s, '\t', why->len) == NULL;
	}
	tab = memrchr(o->extra.s, '\t', o->extra.len);
	if (tab == NULL || !fz_eq(i->extra.s, i->extra.len, o->extra.s,
	    (size_t)(tab - o->extra.s)))
		return false;
	why->s = tab + 1;
	why->len = o->extra.len - (size_t)(tab + 1 - o->extra.s);
	return true;
}

static bool
same(const struct record *a, const struct record *b)
{
	for (int f = NF_DOC; f < NF_NFIELDS; f++)
		if (f != NF_PARA && f != NF_SENT &&
		    !fz_eq(a->f[f].s, a->f[f].len, b->f[f].s, b->f[f].len))
			return false;
	return a->para == b->para && a->sent == b->sent &&
	    (a->extra.s == NULL) == (b->extra.s == NULL) &&
	    (a->extra.s == NULL || fz_eq(a->extra.s, a->extra.len,
	    b->extra.s, b->extra.len));
}

/* Run declutter over recs, with --mark or with --rejects. */
static void
run(GPtrArray *recs, bool mark, struct fz_out *o, struct fz_out *rj)
{
	opt_mark = mark;
	opt_rejects = mark ? NULL : (char *)"rejects";
	fz_out_open(o, &out);
	if (!mark)
		fz_out_open(rj, &rejects);
	for (guint i = 0; i < recs->len; i++) {
		const struct record *r = g_ptr_array_index(recs, i);

		if (doc.nrecs > 0 && !same_doc(doc.recs[0], r))
			doc_flush();
		doc_add(r);
	}
	doc_flush();
	fz_out_close(o, &out);
	if (!mark)
		fz_out_close(rj, &rejects);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_out m, o, rj;
	GPtrArray *recs, *marked, *kept, *rejected;
	guint k = 0, j = 0;

	if (size == 0)
		return 0;
	opt_keep_refs = (data[0] & 1) != 0;
	fz_make_records(data + 1, size - 1, fz_in, NULL);
	recs = fz_read_all(fz_in->str, fz_in->len);
	run(recs, true, &m, NULL);
	run(recs, false, &o, &rj);
	marked = fz_read_all(m.buf, m.len);
	kept = fz_read_all(o.buf, o.len);
	rejected = fz_read_all(rj.buf, rj.len);
	if (marked->len != recs->len)
		FZ_FAIL("--mark: %u records in, %u out", recs->len,
		    marked->len);
	for (guint i = 0; i < recs->len; i++) {
		const struct record *r = g_ptr_array_index(recs, i);
		struct nf_str why, rwhy;
		bool is_kept;

		if (!plus_one(r, g_ptr_array_index(marked, i), &why))
			FZ_FAIL("--mark: record %u changed", i + 1);
		is_kept = fz_eq(why.s, why.len, "content", 7);
		if (!is_kept && !reason_ok(why.s, why.len))
			FZ_FAIL("unknown reason '%s'", fz_show(why.s, why.len));
		if (r->para == 0 && !is_kept)
			FZ_FAIL("title dropped: %s", fz_show(why.s, why.len));
		if (i > 0) {
			const struct record *p = g_ptr_array_index(recs, i - 1);
			struct nf_str pwhy;

			FZ_CHECK(plus_one(p, g_ptr_array_index(marked, i - 1),
			    &pwhy));
			if (same_doc(p, r) && p->para == r->para &&
			    !fz_eq(why.s, why.len, pwhy.s, pwhy.len))
				FZ_FAIL("records of one paragraph differ: %s, "
				    "%s", fz_show(pwhy.s, pwhy.len),
				    fz_show(why.s, why.len));
		}
		/* --rejects: the same fate, nothing lost */
		if (is_kept) {
			if (k >= kept->len ||
			    !same(r, g_ptr_array_index(kept, k)))
				FZ_FAIL("record %u kept by --mark, not by "
				    "--rejects", i + 1);
			k++;
		} else {
			if (j >= rejected->len ||
			    !plus_one(r, g_ptr_array_index(rejected, j),
			    &rwhy) || !fz_eq(why.s, why.len, rwhy.s, rwhy.len))
				FZ_FAIL("record %u (%s) not in the rejects",
				    i + 1, fz_show(why.s, why.len));
			j++;
		}
	}
	if (k != kept->len || j != rejected->len)
		FZ_FAIL("records invented: %u in, %u + %u out", recs->len,
		    kept->len, rejected->len);
	g_ptr_array_free(recs, TRUE);
	g_ptr_array_free(marked, TRUE);
	g_ptr_array_free(kept, TRUE);
	g_ptr_array_free(rejected, TRUE);
	free(m.buf);
	free(o.buf);
	free(rj.buf);
	return 0;
}
