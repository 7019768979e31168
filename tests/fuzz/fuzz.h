/*
 * fuzz.h - what the libFuzzer targets of tests/fuzz share.
 *
 * Every target is one C file: LLVMFuzzerTestOneInput() gets random bytes,
 * runs the code under test on them, and checks what came out against a
 * model written here independently of common/: a failed check abort()s, so
 * libFuzzer reports it as a crash with the input that caused it.
 *
 * Bad input ends a newsfilter program: record_die() and the lexicon loader
 * print "program: FILE:LINE: ..." and exit(65).  libFuzzer treats a target
 * that exits as a failure ("fuzz target exited"), and it would also stop
 * the run, so the targets never hand the code input it must reject.  The
 * random bytes are first made into input the code must accept, by a model
 * of the rules of doc/record-format.md (fz_make_records, fz_valid_line).
 * The bytes still reach the real reader, fields and all, so that the model
 * is checked too: a line that the model lets through and the reader
 * rejects exits, and is reported.  The error paths themselves (the message,
 * FILE:LINE, status 65) are tested by tests/adversarial.bats.
 */
#ifndef NF_FUZZ_H
#define NF_FUZZ_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "annot.h"
#include "record.h"

#define FZ_UNUSED __attribute__((unused))

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* ---- failing ---- */

FZ_UNUSED __attribute__((noreturn, format(printf, 3, 4))) static void
fz_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "\n%s:%d: fuzz check failed: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

#define FZ_FAIL(...) fz_fail(__FILE__, __LINE__, __VA_ARGS__)
#define FZ_CHECK(c) do { if (!(c)) FZ_FAIL("%s", #c); } while (0)

/* A string for messages: at most 200 bytes, escaped (4 at a time). */
FZ_UNUSED static const char *
fz_show(const char *s, size_t n)
{
	static char bufs[4][1024];
	static int next;
	char *buf = bufs[next++ % 4];
	size_t o = 0;

	for (size_t i = 0; i < n && i < 200; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c < 0x7f && c != '\\')
			buf[o++] = (char)c;
		else
			o += (size_t)snprintf(buf + o, 5, "\\x%02x", c);
	}
	buf[o] = '\0';
	return buf;
}

FZ_UNUSED static bool
fz_eq(const char *a, size_t an, const char *b, size_t bn)
{
	return an == bn && (an == 0 || memcmp(a, b, an) == 0);
}

/* ---- UTF-8, as Unicode 15 section 3.9 table 3-7 says ---- */

/*
 * Length of the well-formed sequence at s[0..n), or 0 if there is none;
 * *sub gets the length of the maximal subpart when there is none.
 */
FZ_UNUSED static size_t
fz_utf8_seq(const unsigned char *s, size_t n, size_t *sub, uint32_t *cp)
{
	static const struct {
		unsigned char lo0, hi0, lo1, hi1;
		int len;
	} rows[] = {
		{ 0x00, 0x7F, 0, 0, 1 },
		{ 0xC2, 0xDF, 0x80, 0xBF, 2 },
		{ 0xE0, 0xE0, 0xA0, 0xBF, 3 },
		{ 0xE1, 0xEC, 0x80, 0xBF, 3 },
		{ 0xED, 0xED, 0x80, 0x9F, 3 },
		{ 0xEE, 0xEF, 0x80, 0xBF, 3 },
		{ 0xF0, 0xF0, 0x90, 0xBF, 4 },
		{ 0xF1, 0xF3, 0x80, 0xBF, 4 },
		{ 0xF4, 0xF4, 0x80, 0x8F, 4 },
	};
	size_t dummy;
	uint32_t v;

	if (sub == NULL)
		sub = &dummy;
	*sub = 1;
	for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
		size_t i;

		if (s[0] < rows[r].lo0 || s[0] > rows[r].hi0)
			continue;
		if (rows[r].len == 1) {
			if (cp)
				*cp = s[0];
			return 1;
		}
		if (n < 2 || s[1] < rows[r].lo1 || s[1] > rows[r].hi1)
			return 0;
		v = s[0] & (rows[r].len == 2 ? 0x1F : rows[r].len == 3 ?
		    0x0F : 0x07);
		v = (v << 6) | (s[1] & 0x3F);
		for (i = 2; i < (size_t)rows[r].len; i++) {
			if (i >= n || (s[i] & 0xC0) != 0x80) {
				*sub = i;
				return 0;
			}
			v = (v << 6) | (s[i] & 0x3F);
		}
		if (cp)
			*cp = v;
		return i;
	}
	return 0;
}

FZ_UNUSED static bool
fz_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;

	while (i < n) {
		if ((k = fz_utf8_seq(p + i, n - i, NULL, NULL)) == 0)
			return false;
		i += k;
	}
	return true;
}

/* s with each maximal invalid subpart made U+FFFD, into out. */
FZ_UNUSED static size_t
fz_utf8_fix(GString *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k, sub, bad = 0;

	while (i < n) {
		if ((k = fz_utf8_seq(p + i, n - i, &sub, NULL)) > 0) {
			g_string_append_len(out, s + i, (gssize)k);
			i += k;
		} else {
			g_string_append(out, "\xEF\xBF\xBD");
			bad++;
			i += sub;
		}
	}
	return bad;
}

/* Walk the characters from the start: a well-formed sequence is one
 * character, any other byte one of its own (a stray byte is a U+FFFD). */
FZ_UNUSED static bool
fz_boundary(const char *s, size_t n, size_t off)
{
	size_t i = 0;

	if (off > n)
		return false;
	while (i < off) {
		size_t m = fz_utf8_seq((const unsigned char *)s + i, n - i,
		    NULL, NULL);

		i += m ? m : 1;
	}
	return i == off;
}

/* Every offset's fz_boundary() at once, into at[0..n]: one walk, for the
 * targets that ask about every offset (asking one at a time is O(n^2)). */
FZ_UNUSED static void
fz_boundaries(const char *s, size_t n, bool *at)
{
	size_t i = 0;

	memset(at, 0, n + 1);
	while (i < n) {
		size_t m = fz_utf8_seq((const unsigned char *)s + i, n - i,
		    NULL, NULL);

		at[i] = true;
		i += m ? m : 1;
	}
	at[n] = true;
}

/* ---- records ---- */

/* 1 to 18 ASCII digits */
FZ_UNUSED static bool
fz_number(const char *s, size_t n, unsigned long *v)
{
	unsigned long x = 0;

	if (n == 0 || n > 18)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		x = x * 10 + (unsigned long)(s[i] - '0');
	}
	if (v)
		*v = x;
	return true;
}

/* empty, or a YYYY-MM-DD date of the proleptic Gregorian calendar */
FZ_UNUSED static bool
fz_date(const char *s, size_t n)
{
	unsigned long y, m, d, days;

	if (n == 0)
		return true;
	if (n != 10 || s[4] != '-' || s[7] != '-' ||
	    !fz_number(s, 4, &y) || !fz_number(s + 5, 2, &m) ||
	    !fz_number(s + 8, 2, &d))
		return false;
	if (m < 1 || m > 12)
		return false;
	if (m == 2)
		days = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28;
	else if (m == 4 || m == 6 || m == 9 || m == 11)
		days = 30;
	else
		days = 31;
	return d >= 1 && d <= days;
}

/* A line's fields as the format defines them. */
struct fz_line {
	struct nf_str f[NF_NFIELDS];
	struct nf_str extra;	/* s == NULL: none */
	int nfields;		/* 1.. as split, 8 when there are more */
	unsigned long para, sent;
};

/* Split line[0..n) (no LF, CR already dropped) at TABs. */
FZ_UNUSED static void
fz_split(const char *line, size_t n, struct fz_line *l)
{
	size_t start = 0;
	int i = 0;

	memset(l, 0, sizeof *l);
	for (;;) {
		const char *tab = memchr(line + start, '\t', n - start);
		size_t end = tab ? (size_t)(tab - line) : n;

		l->f[i].s = line + start;
		l->f[i].len = end - start;
		i++;
		if (tab == NULL)
			break;
		start = end + 1;
		if (i == NF_NFIELDS) {
			l->extra.s = line + start;
			l->extra.len = n - start;
			break;
		}
	}
	l->nfields = i;
	for (; i < NF_NFIELDS; i++) {
		l->f[i].s = "";
		l->f[i].len = 0;
	}
}

/* True if the reader must accept the line; fills l. */
FZ_UNUSED static bool
fz_valid_line(const char *line, size_t n, struct fz_line *l)
{
	fz_split(line, n, l);
	return l->nfields >= 5 &&
	    fz_number(l->f[NF_PARA].s, l->f[NF_PARA].len, &l->para) &&
	    fz_number(l->f[NF_SENT].s, l->f[NF_SENT].len, &l->sent) &&
	    fz_date(l->f[NF_DATE].s, l->f[NF_DATE].len);
}

/*
 * Which annotation items of a field to keep when making records: a filter
 * that reads fields 6 to 8 rejects what it cannot use.  NULL keeps the field
 * as it is.
 */
typedef bool (*fz_keep_fn)(int field, struct nf_str item, struct nf_str text);

/* Items that annot_parse() takes, offsets inside the text. */
FZ_UNUSED static bool
fz_keep_parsed(int field, struct nf_str item, struct nf_str text)
{
	struct annot a;

	if (field == NF_THEMES)
		return annot_parse_theme(item, &a) == NULL;
	return annot_parse(item, &a, text.len) == NULL;
}

/* Same, and on character boundaries. */
FZ_UNUSED static bool
fz_keep_boundary(int field, struct nf_str item, struct nf_str text)
{
	struct annot a;

	if (field == NF_THEMES)
		return annot_parse_theme(item, &a) == NULL;
	return annot_parse(item, &a, text.len) == NULL &&
	    fz_boundary(text.s, text.len, a.start) &&
	    fz_boundary(text.s, text.len, a.end);
}

/*
 * Make records from random bytes, into out: each line gets eight fields or
 * more (missing ones empty, trailing CRs dropped; a last item of field 8
 * that ends in CR too); a para or sent keeps its
 * digits (18 at most, "0" if none); a date that is not valid is emptied;
 * fields 6, 7 and 8 keep the items keep() takes (all when keep is NULL).
 * Whatever else the bytes hold stays: invalid UTF-8, NUL, CR inside.
 */
FZ_UNUSED static void
fz_make_records(const uint8_t *data, size_t size, GString *out, fz_keep_fn keep)
{
	const char *p = (const char *)data, *end = p + size;

	g_string_truncate(out, 0);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p), start = out->len;
		struct fz_line l;

		while (n > 0 && p[n - 1] == '\r')
			n--;
		fz_split(p, n, &l);
		for (int i = 0; i < NF_NFIELDS; i++) {
			struct nf_str f = l.f[i];

			if (i > 0)
				g_string_append_c(out, '\t');
			if (i == NF_PARA || i == NF_SENT) {
				size_t nd = 0;

				for (size_t j = 0; j < f.len && nd < 18; j++)
					if (f.s[j] >= '0' && f.s[j] <= '9') {
						g_string_append_c(out, f.s[j]);
						nd++;
					}
				if (nd == 0)
					g_string_append_c(out, '0');
			} else if (i == NF_DATE) {
				if (fz_date(f.s, f.len))
					g_string_append_len(out, f.s,
					    (gssize)f.len);
			} else if (i >= NF_ENTITIES && keep != NULL) {
				size_t pos = 0, start = out->len;
				struct nf_str it;

				while (annot_next_item(f.s, f.len, &pos, &it))
					if (keep(i, it, l.f[NF_TEXT])) {
						if (out->len > start)
							g_string_append_c(out,
							    ';');
						g_string_append_len(out, it.s,
						    (gssize)it.len);
					}
			} else
				g_string_append_len(out, f.s, (gssize)f.len);
		}
		if (l.extra.s != NULL) {
			g_string_append_c(out, '\t');
			g_string_append_len(out, l.extra.s,
			    (gssize)l.extra.len);
		}
		/* a field 8 whose last item was dropped can end in CR again,
		 * which the reader would take for a CR LF line end: drop its
		 * last items until it does not */
		while (out->len > start && out->str[out->len - 1] == '\r') {
			size_t k = out->len;

			while (out->str[k - 1] != ';' && out->str[k - 1] != '\t')
				k--;
			g_string_truncate(out, out->str[k - 1] == ';' ? k - 1 : k);
		}
		g_string_append_c(out, '\n');
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

/*
 * The real reader on buf[0..len), which must live until fz_reader_close:
 * it reads stdin, so stdin is pointed at the buffer meanwhile.
 */
static FILE *fz_saved_stdin;

FZ_UNUSED static struct record_reader *
fz_reader_open(const char *buf, size_t len)
{
	FILE *fp = fmemopen((void *)(uintptr_t)buf, len, "r");

	if (fp == NULL)
		FZ_FAIL("fmemopen");
	fz_saved_stdin = stdin;
	stdin = fp;
	return record_reader_open(0, NULL);
}

FZ_UNUSED static void
fz_reader_close(struct record_reader *rd)
{
	record_reader_close(rd);
	fclose(stdin);
	stdin = fz_saved_stdin;
}

/* Read all records of buf into an array of clones (free with fz_free). */
FZ_UNUSED static GPtrArray *
fz_read_all(const char *buf, size_t len)
{
	GPtrArray *a = g_ptr_array_new_with_free_func(free);
	struct record_reader *rd = fz_reader_open(buf, len);
	struct record r;

	while (record_read(rd, &r))
		g_ptr_array_add(a, record_clone(&r));
	fz_reader_close(rd);
	return a;
}

/* An output stream to memory, for a program's record_writer. */
struct fz_out {
	char *buf;
	size_t len;
	FILE *fp;
};

FZ_UNUSED static void
fz_out_open(struct fz_out *o, struct record_writer *w)
{
	o->buf = NULL;
	o->len = 0;
	if ((o->fp = open_memstream(&o->buf, &o->len)) == NULL)
		FZ_FAIL("open_memstream");
	record_writer_init(w, o->fp, "fuzz output", false);
}

/* Close the writer: o->buf, o->len hold what was written. */
FZ_UNUSED static void
fz_out_close(struct fz_out *o, struct record_writer *w)
{
	record_writer_close(w);
	o->fp = NULL;
}

/* Check the items of an annotation field 6 or 7 against text. */
FZ_UNUSED static void
fz_check_items(const struct record *r, int field, bool boundaries,
    const char *const *types)
{
	struct nf_str f = r->f[field], text = r->f[NF_TEXT], it;
	size_t pos = 0;
	struct annot a;
	const char *msg;

	while (annot_next_item(f.s, f.len, &pos, &it)) {
		bool known = types == NULL;

		if ((msg = annot_parse(it, &a, text.len)) != NULL)
			FZ_FAIL("field %d item '%s': %s", field + 1,
			    fz_show(it.s, it.len), msg);
		if (boundaries && (!fz_boundary(text.s, text.len, a.start) ||
		    !fz_boundary(text.s, text.len, a.end)))
			FZ_FAIL("field %d item '%s' is not on character "
			    "boundaries of '%s'", field + 1,
			    fz_show(it.s, it.len), fz_show(text.s, text.len));
		for (int i = 0; types != NULL && types[i] != NULL; i++)
			known |= fz_eq(a.type.s, a.type.len, types[i],
			    strlen(types[i]));
		if (!known)
			FZ_FAIL("field %d item '%s': unknown type", field + 1,
			    fz_show(it.s, it.len));
	}
	if (f.len > 0 && (f.s[0] == ';' || f.s[f.len - 1] == ';' ||
	    memmem(f.s, f.len, ";;", 2) != NULL))
		FZ_FAIL("field %d '%s' has an empty item", field + 1,
		    fz_show(f.s, f.len));
}

/* No TAB, LF, CR or NUL: a field a program wrote. */
FZ_UNUSED static void
fz_check_clean(const char *what, struct nf_str f)
{
	for (size_t i = 0; i < f.len; i++)
		if (f.s[i] == '\t' || f.s[i] == '\n' || f.s[i] == '\r' ||
		    f.s[i] == '\0')
			FZ_FAIL("%s '%s' holds a TAB, LF, CR or NUL", what,
			    fz_show(f.s, f.len));
}

/* Fields 1 to 4 and 9+ of b are those of a. */
FZ_UNUSED static void
fz_check_same_frame(const struct record *a, const struct record *b)
{
	if (!fz_eq(a->f[NF_DOC].s, a->f[NF_DOC].len, b->f[NF_DOC].s,
	    b->f[NF_DOC].len) || a->para != b->para ||
	    !fz_eq(a->f[NF_DATE].s, a->f[NF_DATE].len, b->f[NF_DATE].s,
	    b->f[NF_DATE].len))
		FZ_FAIL("fields 1 to 4 changed: '%s'",
		    fz_show(a->f[NF_DOC].s, a->f[NF_DOC].len));
	if ((a->extra.s == NULL) != (b->extra.s == NULL) ||
	    (a->extra.s != NULL && !fz_eq(a->extra.s, a->extra.len,
	    b->extra.s, b->extra.len)))
		FZ_FAIL("fields 9+ changed: '%s'",
		    a->extra.s ? fz_show(a->extra.s, a->extra.len) : "(none)");
}

/*
 * The options of the program, as main() would parse them, from the words of
 * $FUZZ_ARGS: FUZZ_ARGS='-a -f NFKC' build/fuzz/fuzz-normalize ...
 * Call it from LLVMFuzzerInitialize; nf_options_parse is in cli.h.
 */
#ifdef NF_CLI_H
FZ_UNUSED static void
fz_options(const char *prog, const GOptionEntry *entries)
{
	static char **words, **argv;
	const char *env = getenv("FUZZ_ARGS");
	int argc = 0;

	words = g_strsplit(env ? env : "", " ", -1);
	argv = g_new0(char *, g_strv_length(words) + 2);
	argv[argc++] = (char *)prog;
	for (int i = 0; words[i] != NULL; i++)
		if (words[i][0] != '\0')
			argv[argc++] = words[i];
	nf_options_parse(&argc, &argv, "", "", entries);
	if (argc > 1)
		FZ_FAIL("FUZZ_ARGS: operand '%s': options only", argv[1]);
}
#endif

#endif
