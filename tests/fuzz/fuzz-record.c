/*
 * fuzz-record - the record reader and writer (common/record.c).
 *
 * The random bytes are lines.  The lines that doc/record-format.md calls
 * good (fz_valid_line: 5 fields or more, para and sent of 1 to 18 digits, a
 * date empty or a calendar date) go to the real reader, with their CRs,
 * NULs, invalid UTF-8 and their LF or its absence at the end; the others
 * are left out, as the reader would exit 65 on them (the message is tested
 * by tests/adversarial.bats).  Then:
 *   - record_read gives exactly the model's records: fields, numbers,
 *     fields 9+, line numbers, each field NUL-terminated at its length;
 *   - record_write writes the eight fields and the extra ones, the numbers
 *     without leading zeros; record_write_add one field more;
 *   - reading what was written gives the same records again (but for a
 *     CR at the end of a line, which no field may hold);
 *   - record_clone copies every field.
 */
#include "fuzz.h"

#include "err.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	nf_setprogname("fuzz-record");
	return 0;
}

/* What record_write must write for model line l (add: one more field). */
static void
expected_line(GString *g, const struct fz_line *l, const char *add)
{
	g_string_append_len(g, l->f[NF_DOC].s, (gssize)l->f[NF_DOC].len);
	g_string_append_printf(g, "\t%lu\t%lu", l->para, l->sent);
	for (int i = NF_DATE; i < NF_NFIELDS; i++) {
		g_string_append_c(g, '\t');
		g_string_append_len(g, l->f[i].s, (gssize)l->f[i].len);
	}
	if (l->extra.s != NULL) {
		g_string_append_c(g, '\t');
		g_string_append_len(g, l->extra.s, (gssize)l->extra.len);
	}
	if (add != NULL) {
		g_string_append_c(g, '\t');
		g_string_append(g, add);
	}
	g_string_append_c(g, '\n');
}

static void
check_record(const struct record *r, const struct fz_line *l,
    unsigned long line)
{
	FZ_CHECK(r->line == line);
	FZ_CHECK(r->file != NULL && strcmp(r->file, "(stdin)") == 0);
	FZ_CHECK(r->para == l->para && r->sent == l->sent);
	for (int i = 0; i < NF_NFIELDS; i++) {
		if (!fz_eq(r->f[i].s, r->f[i].len, l->f[i].s, l->f[i].len))
			FZ_FAIL("line %lu field %d: read '%s'", line, i + 1,
			    fz_show(r->f[i].s, r->f[i].len));
		if (r->f[i].s[r->f[i].len] != '\0')
			FZ_FAIL("line %lu field %d not NUL-terminated", line,
			    i + 1);
	}
	if ((r->extra.s == NULL) != (l->extra.s == NULL))
		FZ_FAIL("line %lu: fields 9+ %s", line,
		    r->extra.s ? "invented" : "lost");
	if (r->extra.s != NULL && !fz_eq(r->extra.s, r->extra.len,
	    l->extra.s, l->extra.len))
		FZ_FAIL("line %lu: fields 9+ read '%s'", line,
		    fz_show(r->extra.s, r->extra.len));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	GString *in = g_string_new(NULL), *want = g_string_new(NULL),
	    *want_add = g_string_new(NULL);
	GArray *lines = g_array_new(FALSE, FALSE, sizeof(struct fz_line));
	struct record_reader *rd;
	struct record_writer w, wa;
	struct fz_out out, out_add;
	struct record r;
	GPtrArray *again;
	unsigned long n = 0;

	/* the good lines, as they were, into in */
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = (size_t)((nl ? nl : end) - p);

		if (len > 0 && p[len - 1] == '\r')	/* with or without LF */
			len--;
		{
			struct fz_line l;

			if (fz_valid_line(p, len, &l))
				g_string_append_len(in, p,
				    (nl ? nl + 1 : end) - p);
		}
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	/* the model of the same lines, pointing into in */
	for (p = in->str, end = in->str + in->len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = (size_t)((nl ? nl : end) - p);
		struct fz_line l;

		if (len > 0 && p[len - 1] == '\r')
			len--;
		if (!fz_valid_line(p, len, &l))
			FZ_FAIL("model: line %s", fz_show(p, len));
		g_array_append_val(lines, l);
		expected_line(want, &l, NULL);
		expected_line(want_add, &l, "x");
		if (nl == NULL)
			break;
		p = nl + 1;
	}

	rd = fz_reader_open(in->str, in->len);
	fz_out_open(&out, &w);
	fz_out_open(&out_add, &wa);
	while (record_read(rd, &r)) {
		struct record *c;

		if (n >= lines->len)
			FZ_FAIL("more records than lines");
		check_record(&r, &g_array_index(lines, struct fz_line, n),
		    n + 1);
		c = record_clone(&r);
		check_record(c, &g_array_index(lines, struct fz_line, n),
		    n + 1);
		free(c);
		record_write(&w, &r);
		record_write_add(&wa, &r, "x", 1);
		n++;
	}
	if (n != lines->len)
		FZ_FAIL("%lu records read of %u lines", n, lines->len);
	FZ_CHECK(!record_read(rd, &r));	/* the end stays the end */
	fz_reader_close(rd);
	fz_out_close(&out, &w);
	fz_out_close(&out_add, &wa);
	if (!fz_eq(out.buf, out.len, want->str, want->len))
		FZ_FAIL("written '%s'", fz_show(out.buf, out.len));
	if (!fz_eq(out_add.buf, out_add.len, want_add->str, want_add->len))
		FZ_FAIL("written with a field added '%s'",
		    fz_show(out_add.buf, out_add.len));

	/*
	 * What was written reads back as the model of what was written: the
	 * same records, but that a field that ended in CR at the end of its
	 * line loses one more (no field may hold a CR; the writer does not
	 * check, and the reader drops a CR before the LF).
	 */
	again = fz_read_all(out.buf, out.len);
	FZ_CHECK(again->len == lines->len);
	n = 0;
	for (p = want->str, end = want->str + want->len; p < end; n++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = (size_t)(nl - p);
		struct fz_line l;

		if (len > 0 && p[len - 1] == '\r')
			len--;
		FZ_CHECK(n < again->len && fz_valid_line(p, len, &l));
		check_record(g_ptr_array_index(again, n), &l, n + 1);
		p = nl + 1;
	}
	FZ_CHECK(n == again->len);
	g_ptr_array_free(again, TRUE);
	free(out.buf);
	free(out_add.buf);
	g_array_free(lines, TRUE);
	g_string_free(in, TRUE);
	g_string_free(want, TRUE);
	g_string_free(want_add, TRUE);
	return 0;
}
