/*
 * test-common.c - unit tests for common/: the contracts stated in
 * err.h, cli.h, record.h, annot.h, utf8.h and lexicon.h, with exact values.
 *
 * Tests that must exit run in a subprocess (g_test_trap_subprocess).  GLib
 * has no accessor for a subprocess's exit status, so every subprocess records
 * it with on_exit() in the file named by $NFTEST_STATUS, and the parent
 * checks the exact status; stdout and stderr are matched whole (a pattern
 * without '*' or '?' is an exact match).
 *
 * All temporary files live in one directory, shared with the subprocesses
 * through $NFTEST_TMPDIR and removed at the end.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "annot.h"
#include "cli.h"
#include "err.h"
#include "lexicon.h"
#include "record.h"
#include "utf8.h"

#define PROG "nftest"

NF_EMBED(demo, "tests/fixtures/common/embed.tsv")

/* The bytes of tests/fixtures/common/embed.tsv. */
static const char demo_expected[] =
    "# Demo lexicon for tests/unit/test-common.c (NF_EMBED, "
    "lexicon_load_data).\n"
    "Kim Jong Un\tPER\tkim\n"
    "Pyongyang\tLOC\n"
    "\n"
    "Z\xC3\xBCrich\tLOC\n";

static char *tmpdir;
static bool tmpdir_owned;

/* ------------------------------------------------------------------ */
/* helpers */

/* Write data to tmpdir/name; returns the path (g_free it). */
static char *
write_tmp(const char *name, const char *data, size_t len)
{
	char *path = g_build_filename(tmpdir, name, NULL);
	GError *error = NULL;

	if (!g_file_set_contents(path, data, (gssize)len, &error))
		g_error("%s", error->message);
	return path;
}

static char *
write_tmp_str(const char *name, const char *data)
{
	return write_tmp(name, data, strlen(data));
}

static char *
tmp_path(const char *name)
{
	return g_build_filename(tmpdir, name, NULL);
}

static void
status_hook(int status, void *arg)
{
	FILE *fp = fopen(arg, "w");

	if (fp != NULL) {
		fprintf(fp, "%d\n", status);
		fclose(fp);
	}
}

/*
 * Run the current test in a subprocess; return its exit status, or -1 when
 * it did not exit (killed by a signal, an assertion failed...).
 * $NFTEST_STATUS, set once in main() (setenv is not thread-safe, and GLib
 * starts a thread for the first subprocess), names the file it goes to.
 */
static int
trap_status(void)
{
	const char *path = g_getenv("NFTEST_STATUS");
	char *text = NULL;
	int status = -1;

	g_unlink(path);
	g_test_trap_subprocess(NULL, 60 * G_USEC_PER_SEC,
	    G_TEST_SUBPROCESS_DEFAULT);
	if (g_file_get_contents(path, &text, NULL, NULL))
		status = atoi(text);
	g_free(text);
	g_unlink(path);
	return status;
}

/* Subprocess: exact exit status, stdout and stderr. */
#define ASSERT_TRAP(status, out, err)					\
	do {								\
		int st_ = trap_status();				\
		g_test_trap_assert_stdout(out);				\
		g_test_trap_assert_stderr(err);				\
		g_assert_cmpint(st_, ==, (status));			\
	} while (0)

/* Point fd 0 (and stdin) at path; returns the saved fd 0 (-1: closed). */
static int
stdin_from(const char *path)
{
	int saved = dup(0), fd = open(path, O_RDONLY);

	g_assert_cmpint(fd, >=, 0);
	if (fd != 0) {
		g_assert_cmpint(dup2(fd, 0), ==, 0);
		close(fd);
	}
	clearerr(stdin);
	return saved;
}

static void
stdin_restore(int saved)
{
	if (saved >= 0) {
		g_assert_cmpint(dup2(saved, 0), ==, 0);
		close(saved);
	} else
		close(0);
	clearerr(stdin);
}

/* Record a failure and go on: for tables of cases. */
#define CHECK(cond, ...) do {						\
		if (!(cond)) {						\
			g_test_message(__VA_ARGS__);			\
			g_test_fail();					\
		}							\
	} while (0)

/* Bytes as hex for messages; the last 8 results stay valid. */
static const char *
hex(const char *s, size_t n)
{
	static char *ring[8];
	static unsigned next;
	GString *out = g_string_new(NULL);

	for (size_t i = 0; i < n; i++)
		g_string_append_printf(out, "%s%02X", i ? " " : "",
		    (unsigned char)s[i]);
	next = (next + 1) % 8;
	g_free(ring[next]);
	ring[next] = g_string_free(out, FALSE);
	return ring[next];
}

/* Append s[0..n) to out, NUL as \0, so records compare as text. */
static void
dump_str(GString *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\0')
			g_string_append(out, "\\0");
		else
			g_string_append_c(out, s[i]);
	}
}

/*
 * "FILE:LINE para.sent [f0|f1|...|f7] <extra>" with extra "-" when
 * s == NULL; also checks that every field is NUL-terminated at its length.
 */
static void
dump_record(GString *out, const struct record *r)
{
	g_string_append_printf(out, "%s:%lu %lu.%lu [", r->file, r->line,
	    r->para, r->sent);
	for (int i = 0; i < NF_NFIELDS; i++) {
		g_assert_nonnull(r->f[i].s);
		g_assert_cmpint(r->f[i].s[r->f[i].len], ==, '\0');
		if (i > 0)
			g_string_append_c(out, '|');
		dump_str(out, r->f[i].s, r->f[i].len);
	}
	g_string_append(out, "] ");
	if (r->extra.s == NULL)
		g_string_append(out, "-");
	else {
		g_assert_cmpint(r->extra.s[r->extra.len], ==, '\0');
		g_string_append_c(out, '<');
		dump_str(out, r->extra.s, r->extra.len);
		g_string_append_c(out, '>');
	}
	g_string_append_c(out, '\n');
}

/* Read all of paths[0..n) and dump every record. */
static char *
read_all(int n, char **paths)
{
	struct record_reader *rd = record_reader_open(n, paths);
	struct record r;
	GString *out = g_string_new(NULL);

	while (record_read(rd, &r))
		dump_record(out, &r);
	/* the end stays the end */
	g_assert_false(record_read(rd, &r));
	record_reader_close(rd);
	return g_string_free(out, FALSE);
}

/* Write data to a file and dump its records. */
static char *
read_data(const char *data, size_t len)
{
	char *path = write_tmp("in.tsv", data, len);
	char *paths[] = { path };
	char *dump = read_all(1, paths);
	/* messages name the file: replace its path by "F" */
	char **parts = g_strsplit(dump, path, -1);
	char *res = g_strjoinv("F", parts);

	g_strfreev(parts);
	g_free(dump);
	g_free(path);
	return res;
}

#define ASSERT_READ(data, expected)					\
	do {								\
		char *got_ = read_data(data, sizeof(data) - 1);		\
		g_assert_cmpstr(got_, ==, expected);			\
		g_free(got_);						\
	} while (0)

/* ------------------------------------------------------------------ */
/* err.h */

static void
test_err_progname(void)
{
	nf_setprogname("/usr/local/bin/tokenize");
	g_assert_cmpstr(nf_getprogname(), ==, "tokenize");
	nf_setprogname("plain");
	g_assert_cmpstr(nf_getprogname(), ==, "plain");
	nf_setprogname(PROG);
	g_assert_cmpstr(nf_getprogname(), ==, PROG);
}

static void
test_err_messages(void)
{
	if (g_test_subprocess()) {
		nf_warnx("warn %d", 1);
		nf_warn_at("f.tsv", 7, "at %s", "line");
		nf_warn_at("f.tsv", 0, "no line");
		errno = ENOENT;
		nf_err(NF_EXIT_FAILURE, "open %s", "x");
	}
	ASSERT_TRAP(1, "",
	    PROG ": warn 1\n"
	    PROG ": f.tsv:7: at line\n"
	    PROG ": f.tsv: no line\n"
	    PROG ": open x: No such file or directory\n");
}

static void
test_err_errx(void)
{
	if (g_test_subprocess())
		nf_errx(NF_EXIT_DATA, "bad %s", "data");
	ASSERT_TRAP(65, "", PROG ": bad data\n");
}

static void
test_err_die_at(void)
{
	if (g_test_subprocess())
		nf_die_at(NF_EXIT_DATA, "in.tsv", 12, "what is wrong");
	ASSERT_TRAP(65, "", PROG ": in.tsv:12: what is wrong\n");
}

static void
test_err_usage(void)
{
	if (g_test_subprocess())
		nf_usage_error("extra operand '%s'", "x");
	ASSERT_TRAP(2, "",
	    PROG ": extra operand 'x'\n"
	    "Try '" PROG " --help' for more information.\n");
}

static void
test_err_xmalloc(void)
{
	char *p = nf_xmalloc(0);

	g_assert_nonnull(p);
	p = nf_xrealloc(p, 100);
	memset(p, 'x', 100);
	p = nf_xrealloc(p, 0);
	g_assert_nonnull(p);
	free(p);
	g_assert_cmpint(NF_EXIT_OK, ==, 0);
	g_assert_cmpint(NF_EXIT_FAILURE, ==, 1);
	g_assert_cmpint(NF_EXIT_USAGE, ==, 2);
	g_assert_cmpint(NF_EXIT_DATA, ==, 65);
}

/* ------------------------------------------------------------------ */
/* record.h: reading */

static void
test_read_eight(void)
{
	ASSERT_READ("https://example.com/a\t3\t1\t2024-11-18\tKim Jong Un "
	    "visited.\tPER:Kim Jong Un@0-11\tDATE:2024-11-15@33-39\t"
	    "leadership:0.52\n",
	    "F:1 3.1 [https://example.com/a|3|1|2024-11-18|Kim Jong Un "
	    "visited.|PER:Kim Jong Un@0-11|DATE:2024-11-15@33-39|"
	    "leadership:0.52] -\n");
	/* all empty but para and sent */
	ASSERT_READ("\t0\t0\t\t\t\t\t\n", "F:1 0.0 [|0|0|||||] -\n");
	/* numbers: leading zeros, nine digits */
	ASSERT_READ("d\t007\t999999999\t\tt\n",
	    "F:1 7.999999999 [d|007|999999999||t|||] -\n");
}

static void
test_read_short(void)
{
	ASSERT_READ("d\t1\t2\t\ttext\n", "F:1 1.2 [d|1|2||text|||] -\n");
	ASSERT_READ("d\t1\t2\t\ttext\tE\n", "F:1 1.2 [d|1|2||text|E||] -\n");
	ASSERT_READ("d\t1\t2\t\ttext\tE\tD\n",
	    "F:1 1.2 [d|1|2||text|E|D|] -\n");
	/* an empty 5th field is still 5 fields */
	ASSERT_READ("d\t1\t2\t2024-01-01\t\n",
	    "F:1 1.2 [d|1|2|2024-01-01||||] -\n");
}

static void
test_read_extra(void)
{
	ASSERT_READ("d\t1\t2\t\tt\te\tD\tT\tx\n",
	    "F:1 1.2 [d|1|2||t|e|D|T] <x>\n");
	/* TABs inside the user fields are kept, as are empty ones */
	ASSERT_READ("d\t1\t2\t\tt\te\tD\tT\tx\t\ty\t\n",
	    "F:1 1.2 [d|1|2||t|e|D|T] <x\t\ty\t>\n");
	/* a 9th field that is empty is still there */
	ASSERT_READ("d\t1\t2\t\tt\t\t\t\t\n",
	    "F:1 1.2 [d|1|2||t|||] <>\n");
	ASSERT_READ("d\t1\t2\t\tt\t\t\t\t\t\n",
	    "F:1 1.2 [d|1|2||t|||] <\t>\n");
}

static void
test_read_crlf(void)
{
	ASSERT_READ("d\t1\t2\t\ttext\r\n", "F:1 1.2 [d|1|2||text|||] -\n");
	ASSERT_READ("d\t1\t2\t\tt\tE\tD\tT\r\n",
	    "F:1 1.2 [d|1|2||t|E|D|T] -\n");
	ASSERT_READ("d\t1\t2\t\tt\tE\tD\tT\tx\r\n",
	    "F:1 1.2 [d|1|2||t|E|D|T] <x>\n");
	/* only the CR right before the LF */
	ASSERT_READ("d\t1\t2\t\ta\rb\r\r\n",
	    "F:1 1.2 [d|1|2||a\rb\r|||] -\n");
}

static void
test_read_no_final_lf(void)
{
	ASSERT_READ("d\t1\t1\t\tone\nd\t1\t2\t\ttwo",
	    "F:1 1.1 [d|1|1||one|||] -\n"
	    "F:2 1.2 [d|1|2||two|||] -\n");
	ASSERT_READ("d\t1\t1\t\tone\tE\tD\tT\tx",
	    "F:1 1.1 [d|1|1||one|E|D|T] <x>\n");
	ASSERT_READ("", "");
}

static void
test_read_nul(void)
{
	static const char data[] = "d\t1\t2\t\ta\0b\0\tE\0\tD\tT\tx\0y\n"
	    "d\t1\t3\t\t\0\n";
	char *path = write_tmp("nul.tsv", data, sizeof data - 1);
	char *paths[] = { path };
	struct record_reader *rd = record_reader_open(1, paths);
	struct record r;

	g_assert_true(record_read(rd, &r));
	g_assert_cmpmem(r.f[NF_TEXT].s, r.f[NF_TEXT].len, "a\0b\0", 4);
	g_assert_cmpmem(r.f[NF_ENTITIES].s, r.f[NF_ENTITIES].len, "E\0", 2);
	g_assert_cmpmem(r.extra.s, r.extra.len, "x\0y", 3);
	g_assert_true(record_read(rd, &r));
	g_assert_cmpmem(r.f[NF_TEXT].s, r.f[NF_TEXT].len, "\0", 1);
	g_assert_cmpuint(r.f[NF_DATES].len, ==, 0);
	g_assert_false(record_read(rd, &r));
	record_reader_close(rd);
	g_free(path);
}

static void
test_read_long_line(void)
{
	size_t n = 10 * 1024 * 1024;
	GString *data = g_string_sized_new(n + 200);
	char *text = g_malloc(n);
	struct record_reader *rd;
	struct record r;
	char *path, *paths[1];

	for (size_t i = 0; i < n; i++)
		text[i] = (char)('a' + i % 26);
	g_string_append(data, "big\t1\t1\t2024-02-29\t");
	g_string_append_len(data, text, (gssize)n);
	g_string_append(data, "\tPER:X@0-1\t\t\tu1\tu2\r\n");
	g_string_append(data, "small\t2\t0\t\tshort\n");
	g_string_append(data, "big2\t3\t0\t\t");
	g_string_append_len(data, text, (gssize)n);
	path = write_tmp("long.tsv", data->str, data->len);
	paths[0] = path;
	rd = record_reader_open(1, paths);

	g_assert_true(record_read(rd, &r));
	g_assert_cmpuint(r.f[NF_TEXT].len, ==, n);
	g_assert_true(memcmp(r.f[NF_TEXT].s, text, n) == 0);
	g_assert_cmpint(r.f[NF_TEXT].s[n], ==, '\0');
	g_assert_cmpstr(r.f[NF_ENTITIES].s, ==, "PER:X@0-1");
	g_assert_cmpmem(r.extra.s, r.extra.len, "u1\tu2", 5);
	g_assert_cmpuint(r.line, ==, 1);

	g_assert_true(record_read(rd, &r));
	g_assert_cmpstr(r.f[NF_DOC].s, ==, "small");
	g_assert_cmpstr(r.f[NF_TEXT].s, ==, "short");
	g_assert_null(r.extra.s);
	g_assert_cmpuint(r.line, ==, 2);

	g_assert_true(record_read(rd, &r));
	g_assert_cmpstr(r.f[NF_DOC].s, ==, "big2");
	g_assert_cmpuint(r.f[NF_TEXT].len, ==, n);
	g_assert_true(memcmp(r.f[NF_TEXT].s, text, n) == 0);
	g_assert_cmpuint(r.para, ==, 3);
	g_assert_cmpuint(r.line, ==, 3);
	g_assert_false(record_read(rd, &r));
	record_reader_close(rd);

	g_free(path);
	g_free(text);
	g_string_free(data, TRUE);
}

static void
test_read_files_and_stdin(void)
{
	char *a = write_tmp_str("a.tsv", "a\t1\t1\t\tA1\na\t1\t2\t\tA2\n");
	char *b = write_tmp_str("b.tsv", "b\t0\t0\t\tB1");
	char *in = write_tmp_str("stdin.tsv",
	    "s\t1\t0\t\tS1\ns\t2\t0\t\tS2\r\ns\t3\t0\t\tS3\n");
	char *empty = write_tmp_str("empty.tsv", "");
	char *paths[] = { a, (char *)"-", empty, b };
	int saved = stdin_from(in);
	char *got = read_all(4, paths);
	char *expected = g_strdup_printf(
	    "%s:1 1.1 [a|1|1||A1|||] -\n"
	    "%s:2 1.2 [a|1|2||A2|||] -\n"
	    "(stdin):1 1.0 [s|1|0||S1|||] -\n"
	    "(stdin):2 2.0 [s|2|0||S2|||] -\n"
	    "(stdin):3 3.0 [s|3|0||S3|||] -\n"
	    "%s:1 0.0 [b|0|0||B1|||] -\n", a, a, b);

	stdin_restore(saved);
	g_assert_cmpstr(got, ==, expected);
	g_free(got);
	g_free(expected);

	/* no operand: stdin */
	saved = stdin_from(in);
	got = read_all(0, NULL);
	stdin_restore(saved);
	g_assert_cmpstr(got, ==,
	    "(stdin):1 1.0 [s|1|0||S1|||] -\n"
	    "(stdin):2 2.0 [s|2|0||S2|||] -\n"
	    "(stdin):3 3.0 [s|3|0||S3|||] -\n");
	g_free(got);

	/* the same file twice: line numbers start again */
	{
		char *twice[] = { b, b };

		got = read_all(2, twice);
		expected = g_strdup_printf(
		    "%s:1 0.0 [b|0|0||B1|||] -\n"
		    "%s:1 0.0 [b|0|0||B1|||] -\n", b, b);
		g_assert_cmpstr(got, ==, expected);
		g_free(got);
		g_free(expected);
	}
	g_free(a);
	g_free(b);
	g_free(in);
	g_free(empty);
}

static void
test_read_close_early(void)
{
	char *a = write_tmp_str("early.tsv", "a\t1\t1\t\tA1\na\t1\t2\t\tA2\n");
	char *paths[] = { a, a };
	struct record_reader *rd = record_reader_open(2, paths);
	struct record r;

	g_assert_true(record_read(rd, &r));
	record_reader_close(rd);	/* with input left: no leak, no error */
	g_free(a);
}

static void
test_date_valid(void)
{
	static const char *const good[] = {
		"", "2024-02-29", "2000-02-29", "1600-02-29", "2023-02-28",
		"2024-01-31", "2024-03-31", "2024-04-30", "2024-12-31",
		"1999-12-01", "0001-01-01", "9999-12-31", "2024-11-18",
	};
	static const char *const bad[] = {
		"2023-02-29", "1900-02-29", "2100-02-29", "2024-02-30",
		"2024-04-31", "2024-06-31", "2024-09-31", "2024-11-31",
		"2024-01-32", "2024-00-10", "2024-13-01", "2024-10-00",
		"2024-1-01", "2024-01-1", "24-01-01", "2024/01/01",
		"2024-01-01 ", " 2024-01-01", "2024-01-01T", "20240101",
		"2024-0a-01", "2024-01-0x", "x024-01-01", "2024--1-01",
		"-024-01-01", "2024-+1-01", "2024-01-001", "202401-01-",
		("\xEF\xBC\x92" "024-01-01"),	/* a fullwidth 2 */
	};

	for (size_t i = 0; i < G_N_ELEMENTS(good); i++)
		CHECK(record_date_valid(good[i], strlen(good[i])),
		    "date '%s' rejected", good[i]);
	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++)
		CHECK(!record_date_valid(bad[i], strlen(bad[i])),
		    "date '%s' accepted", bad[i]);
	/* the length counts, not a NUL */
	g_assert_true(record_date_valid("2024-02-29junk", 10));
	g_assert_true(record_date_valid("2024-02-29", 0));
	g_assert_false(record_date_valid("2024-02-2", 9));
	g_assert_false(record_date_valid("2024-02-29\0", 11));
	g_assert_false(record_date_valid("2024\0""02-29", 10));
}

/* Bad input: a subprocess reads a file holding data. */
static void
bad_input(const char *data, const char *expected_msg)
{
	char *path = tmp_path("bad.tsv");
	char *err;

	if (g_test_subprocess()) {
		static char *paths[1];
		static struct record_reader *rd;
		struct record r;

		paths[0] = path;
		rd = record_reader_open(1, paths);
		while (record_read(rd, &r))
			printf("read %lu\n", r.line);
		record_reader_close(rd);
		return;
	}
	g_free(write_tmp_str("bad.tsv", data));
	err = g_strdup_printf(PROG ": %s\n", expected_msg);
	{
		char **parts = g_strsplit(err, "FILE", -1);

		g_free(err);
		err = g_strjoinv(path, parts);
		g_strfreev(parts);
	}
	ASSERT_TRAP(65, "read 1\n", err);
	g_free(err);
	g_free(path);
}

#define GOOD "d\t1\t1\t2024-01-01\tok\n"

static void
test_read_bad_fields(void)
{
	bad_input(GOOD "d\t1\t2\t2024-01-01\n",
	    "FILE:2: 4 fields, at least 5 expected (doc, para, sent, date, "
	    "text)");
}

static void
test_read_bad_fields_one(void)
{
	bad_input(GOOD "\n", "FILE:2: 1 field, at least 5 expected (doc, "
	    "para, sent, date, text)");
}

static void
test_read_bad_fields_crlf(void)
{
	bad_input(GOOD "d\t1\r\n", "FILE:2: 2 fields, at least 5 expected "
	    "(doc, para, sent, date, text)");
}

static void
test_read_bad_para(void)
{
	bad_input(GOOD "d\tx1\t2\t\tt\n", "FILE:2: para 'x1' is not a number");
}

static void
test_read_bad_para_negative(void)
{
	bad_input(GOOD "d\t-1\t2\t\tt\n", "FILE:2: para '-1' is not a number");
}

static void
test_read_bad_para_long(void)
{
	/* the message quotes at most 40 bytes */
	bad_input(GOOD "d\t12345678901234567890123456789012345678901234567890"
	    "\t2\t\tt\n",
	    "FILE:2: para '1234567890123456789012345678901234567890' is not "
	    "a number");
}

static void
test_read_bad_para_space(void)
{
	bad_input(GOOD "d\t 1\t2\t\tt\n", "FILE:2: para ' 1' is not a number");
}

static void
test_read_bad_sent(void)
{
	bad_input(GOOD "d\t1\t\t\tt\n", "FILE:2: sent '' is not a number");
}

static void
test_read_bad_sent_plus(void)
{
	bad_input(GOOD "d\t1\t+2\t\tt\tE\tD\tT\n",
	    "FILE:2: sent '+2' is not a number");
}

static void
test_read_bad_date(void)
{
	bad_input(GOOD "d\t1\t2\t2023-02-29\tt\n",
	    "FILE:2: date '2023-02-29' is not YYYY-MM-DD");
}

static void
test_read_bad_date_format(void)
{
	bad_input(GOOD "d\t1\t2\t18.11.2024\tt\n",
	    "FILE:2: date '18.11.2024' is not YYYY-MM-DD");
}

static void
test_read_bad_stdin(void)
{
	if (g_test_subprocess()) {
		/* static: still reachable at the exit, for LeakSanitizer */
		static struct record_reader *rd;
		char *in = write_tmp_str("bad-stdin.tsv",
		    GOOD GOOD "d\t1\t2\t2024-00-01\tt\n");
		struct record r;

		stdin_from(in);
		g_free(in);
		rd = record_reader_open(0, NULL);
		while (record_read(rd, &r))
			printf("read %lu\n", r.line);
		return;
	}
	ASSERT_TRAP(65, "read 1\nread 2\n",
	    PROG ": (stdin):3: date '2024-00-01' is not YYYY-MM-DD\n");
}

/* The line number counts from 1 in each file. */
static void
test_read_bad_second_file(void)
{
	char *a = tmp_path("first.tsv"), *b = tmp_path("second.tsv");
	char *err;

	if (g_test_subprocess()) {
		static char *paths[2];
		static struct record_reader *rd;
		struct record r;

		paths[0] = a;
		paths[1] = b;
		rd = record_reader_open(2, paths);
		while (record_read(rd, &r))
			printf("read %s:%lu\n", r.file == a ? "a" : "b",
			    r.line);
		return;
	}
	g_free(write_tmp_str("first.tsv", GOOD GOOD GOOD));
	g_free(write_tmp_str("second.tsv", GOOD "d\t1\n"));
	err = g_strdup_printf(PROG ": %s:2: 2 fields, at least 5 expected "
	    "(doc, para, sent, date, text)\n", b);
	ASSERT_TRAP(65, "read a:1\nread a:2\nread a:3\nread b:1\n", err);
	g_free(err);
	g_free(a);
	g_free(b);
}

static void
test_read_missing_file(void)
{
	char *a = tmp_path("present.tsv"), *b = tmp_path("missing.tsv");
	char *err;

	if (g_test_subprocess()) {
		static char *paths[3];
		static struct record_reader *rd;
		struct record r;

		paths[0] = a;
		paths[1] = b;
		paths[2] = a;
		rd = record_reader_open(3, paths);
		while (record_read(rd, &r))
			printf("read %lu\n", r.line);
		return;
	}
	g_free(write_tmp_str("present.tsv", GOOD));
	g_unlink(b);
	err = g_strdup_printf(PROG ": %s: No such file or directory\n", b);
	ASSERT_TRAP(1, "read 1\n", err);
	g_free(err);
	g_free(a);
	g_free(b);
}

static void
test_read_directory(void)
{
	if (g_test_subprocess()) {
		static char *paths[1];
		static struct record_reader *rd;
		struct record r;

		paths[0] = tmpdir;
		rd = record_reader_open(1, paths);
		while (record_read(rd, &r))
			printf("read %lu\n", r.line);
		return;
	}
	{
		char *err = g_strdup_printf(PROG ": %s: read error: "
		    "Is a directory\n", tmpdir);

		ASSERT_TRAP(1, "", err);
		g_free(err);
	}
}

static void
test_record_die_warn(void)
{
	if (g_test_subprocess()) {
		struct record r;

		memset(&r, 0, sizeof r);
		r.file = "(stdin)";
		r.line = 42;
		record_warn(&r, "odd %s", "thing");
		printf("buffered record\n");
		record_die(&r, "bad %d", 7);
	}
	ASSERT_TRAP(65, "buffered record\n",
	    PROG ": (stdin):42: odd thing\n"
	    PROG ": (stdin):42: bad 7\n");
}

/* ------------------------------------------------------------------ */
/* record.h: writing */

static void
set_field(struct record *r, int i, const char *s)
{
	r->f[i].s = s;
	r->f[i].len = strlen(s);
}

static void
sample_record(struct record *r)
{
	memset(r, 0, sizeof *r);
	set_field(r, NF_DOC, "https://example.com/a");
	set_field(r, NF_PARA, "999");	/* written from r->para, not this */
	set_field(r, NF_SENT, "");
	set_field(r, NF_DATE, "2024-11-18");
	set_field(r, NF_TEXT, "Kim Jong Un visited Pyongyang.");
	set_field(r, NF_ENTITIES, "PER:Kim Jong Un@0-11;LOC:Pyongyang@20-29");
	set_field(r, NF_DATES, "");
	set_field(r, NF_THEMES, "leadership:0.52");
	r->para = 3;
	r->sent = 1;
}

#define SAMPLE_LINE "https://example.com/a\t3\t1\t2024-11-18\tKim Jong Un " \
	"visited Pyongyang.\tPER:Kim Jong Un@0-11;LOC:Pyongyang@20-29\t\t" \
	"leadership:0.52"

struct memout {
	char *buf;
	size_t size;
	FILE *fp;
};

static void
memout_open(struct memout *m, struct record_writer *w, bool line_buffered)
{
	m->buf = NULL;
	m->size = 0;
	m->fp = open_memstream(&m->buf, &m->size);
	g_assert_nonnull(m->fp);
	record_writer_init(w, m->fp, "memory", line_buffered);
	g_assert_true(w->fp == m->fp);
	g_assert_cmpstr(w->name, ==, "memory");
	g_assert_true(w->line_buffered == line_buffered);
}

/* Close the writer; the bytes written must be expected[0..len). */
static void
memout_check(struct memout *m, struct record_writer *w, const char *expected,
    size_t len)
{
	record_writer_close(w);
	g_assert_null(w->fp);
	g_assert_cmpmem(m->buf, m->size, expected, len);
	free(m->buf);
}

#define MEMOUT_CHECK(m, w, expected) \
	memout_check(m, w, expected, sizeof(expected) - 1)

static void
test_write_record(void)
{
	struct record_writer w;
	struct memout m;
	struct record r;

	sample_record(&r);
	memout_open(&m, &w, false);
	record_write(&w, &r);
	r.para = 0;
	r.sent = 4294967295UL;
	r.extra.s = "u1\t\tu3";
	r.extra.len = 6;
	record_write(&w, &r);
	r.extra.s = "";		/* an empty user field is still one */
	r.extra.len = 0;
	record_write(&w, &r);
	MEMOUT_CHECK(&m, &w,
	    SAMPLE_LINE "\n"
	    "https://example.com/a\t0\t4294967295\t2024-11-18\tKim Jong Un "
	    "visited Pyongyang.\tPER:Kim Jong Un@0-11;LOC:Pyongyang@20-29\t\t"
	    "leadership:0.52\tu1\t\tu3\n"
	    "https://example.com/a\t0\t4294967295\t2024-11-18\tKim Jong Un "
	    "visited Pyongyang.\tPER:Kim Jong Un@0-11;LOC:Pyongyang@20-29\t\t"
	    "leadership:0.52\t\n");
}

static void
test_write_lengths(void)
{
	struct record_writer w;
	struct memout m;
	struct record r;

	/* lengths count, not NULs; unset fields (NULL, 0) are empty */
	memset(&r, 0, sizeof r);
	r.f[NF_DOC].s = "docXXX";
	r.f[NF_DOC].len = 3;
	r.f[NF_TEXT].s = "text";
	r.f[NF_TEXT].len = 2;
	r.para = 10;
	r.sent = 20;
	memout_open(&m, &w, true);
	record_write(&w, &r);
	record_write_add(&w, &r, "addXX", 3);
	record_write_add(&w, &r, "", 0);
	MEMOUT_CHECK(&m, &w,
	    "doc\t10\t20\t\tte\t\t\t\n"
	    "doc\t10\t20\t\tte\t\t\t\tadd\n"
	    "doc\t10\t20\t\tte\t\t\t\t\n");
}

static void
test_write_add(void)
{
	struct record_writer w;
	struct memout m;
	struct record r;

	sample_record(&r);
	memout_open(&m, &w, false);
	record_write_add(&w, &r, "score=1", 7);
	r.extra.s = "u1\tu2";
	r.extra.len = 5;
	record_write_add(&w, &r, "score=2", 7);
	MEMOUT_CHECK(&m, &w,
	    SAMPLE_LINE "\tscore=1\n"
	    SAMPLE_LINE "\tu1\tu2\tscore=2\n");
}

/* Whatever is read is written back the same, with all eight fields. */
static void
test_write_roundtrip(void)
{
	static const char in[] =
	    "d\t01\t002\t\ttext\r\n"
	    "d\t1\t2\t2024-02-29\tt\tE\n"
	    "d\t1\t2\t\tt\tE\tD\tT\n"
	    "d\t1\t2\t\tt\tE\tD\tT\t\n"
	    "d\t1\t2\t\tt\tE\tD\tT\tx\t\ty\t\n"
	    "d\t1\t2\t\tt\t\t\t\tlast";
	static const char out[] =
	    "d\t1\t2\t\ttext\t\t\t\n"
	    "d\t1\t2\t2024-02-29\tt\tE\t\t\n"
	    "d\t1\t2\t\tt\tE\tD\tT\n"
	    "d\t1\t2\t\tt\tE\tD\tT\t\n"
	    "d\t1\t2\t\tt\tE\tD\tT\tx\t\ty\t\n"
	    "d\t1\t2\t\tt\t\t\t\tlast\n";
	char *path = write_tmp("roundtrip.tsv", in, sizeof in - 1);
	char *paths[] = { path };
	struct record_reader *rd = record_reader_open(1, paths);
	struct record_writer w;
	struct memout m;
	struct record r;

	memout_open(&m, &w, false);
	while (record_read(rd, &r))
		record_write(&w, &r);
	record_reader_close(rd);
	MEMOUT_CHECK(&m, &w, out);
	g_free(path);
}

static void
test_write_open(void)
{
	char *path = tmp_path("out.tsv");
	struct record_writer w;
	struct record r;
	char *got;
	size_t len;

	sample_record(&r);
	record_writer_open(&w, path, false);
	g_assert_cmpstr(w.name, ==, path);
	record_write(&w, &r);
	record_writer_close(&w);
	g_assert_true(g_file_get_contents(path, &got, &len, NULL));
	g_assert_cmpmem(got, len, SAMPLE_LINE "\n", sizeof SAMPLE_LINE);
	g_free(got);
	g_free(path);
}

static void
test_write_open_fails(void)
{
	char *path = g_build_filename(tmpdir, "no-such-dir", "out.tsv", NULL);

	if (g_test_subprocess()) {
		struct record_writer w;

		record_writer_open(&w, path, false);
		printf("opened\n");
		return;
	}
	{
		char *err = g_strdup_printf(PROG ": %s: No such file or "
		    "directory\n", path);

		ASSERT_TRAP(1, "", err);
		g_free(err);
	}
	g_free(path);
}

static void
test_write_full(void)
{
	if (g_test_subprocess()) {
		struct record_writer w;
		struct record r;

		sample_record(&r);
		record_writer_open(&w, "/dev/full", false);
		record_write(&w, &r);
		printf("written\n");	/* buffered: no error yet */
		fflush(stdout);
		record_writer_close(&w);
		printf("closed\n");
		return;
	}
	ASSERT_TRAP(1, "written\n",
	    PROG ": /dev/full: write error: No space left on device\n");
}

static void
test_write_full_line_buffered(void)
{
	if (g_test_subprocess()) {
		struct record_writer w;
		struct record r;

		sample_record(&r);
		record_writer_open(&w, "/dev/full", true);
		record_write(&w, &r);
		printf("written\n");
		return;
	}
	ASSERT_TRAP(1, "",
	    PROG ": /dev/full: write error: No space left on device\n");
}

static void
test_write_full_stdout(void)
{
	if (g_test_subprocess()) {
		struct record_writer w;
		struct record r;

		sample_record(&r);
		g_assert_nonnull(freopen("/dev/full", "w", stdout));
		record_writer_init(&w, stdout, "standard output", false);
		/* more than any buffer: the error comes before the close */
		for (int i = 0; i < 100000; i++)
			record_write_add(&w, &r, "x", 1);
		record_writer_close(&w);
		fprintf(stderr, "closed\n");
		return;
	}
	ASSERT_TRAP(1, "", PROG ": standard output: write error: "
	    "No space left on device\n");
}

static void
test_clone(void)
{
	static const char data[] =
	    "doc1\t1\t2\t2024-01-02\tfirst te\0xt\tE1\tD1\tT1\tu\t\tv\n"
	    "doc2\t3\t4\t\tsecond\n";
	char *path = write_tmp("clone.tsv", data, sizeof data - 1);
	char *paths[] = { path };
	struct record_reader *rd = record_reader_open(1, paths);
	struct record r, *c1, *c2;
	GString *before = g_string_new(NULL), *after = g_string_new(NULL);

	g_assert_true(record_read(rd, &r));
	c1 = record_clone(&r);
	dump_record(before, &r);
	g_assert_true(record_read(rd, &r));
	c2 = record_clone(&r);
	g_assert_false(record_read(rd, &r));
	record_reader_close(rd);

	dump_record(after, c1);
	g_assert_cmpstr(after->str, ==, before->str);
	g_assert_true(c1->file != path);	/* owns its file name too */
	g_assert_cmpstr(c1->file, ==, path);
	g_assert_cmpuint(c1->line, ==, 1);
	g_assert_cmpmem(c1->f[NF_TEXT].s, c1->f[NF_TEXT].len,
	    "first te\0xt", 11);
	g_assert_cmpmem(c1->extra.s, c1->extra.len, "u\t\tv", 4);
	g_assert_cmpuint(c2->para, ==, 3);
	g_assert_cmpuint(c2->sent, ==, 4);
	g_assert_cmpstr(c2->f[NF_TEXT].s, ==, "second");
	g_assert_null(c2->extra.s);
	g_assert_cmpuint(c2->line, ==, 2);
	g_free(path);
	/* the clones outlive the file name and the reader */
	g_string_truncate(after, 0);
	dump_record(after, c1);
	g_assert_cmpstr(after->str, ==, before->str);

	/* a clone writes the same bytes */
	{
		struct record_writer w;
		struct memout m;

		memout_open(&m, &w, false);
		record_write(&w, c1);
		record_write(&w, c2);
		record_writer_close(&w);
		g_assert_cmpmem(m.buf, m.size,
		    "doc1\t1\t2\t2024-01-02\tfirst te\0xt\tE1\tD1\tT1\tu\t\tv\n"
		    "doc2\t3\t4\t\tsecond\t\t\t\n", sizeof data - 1 + 3);
		free(m.buf);
	}
	free(c1);
	free(c2);
	g_string_free(before, TRUE);
	g_string_free(after, TRUE);
}

static void
test_clone_built(void)
{
	struct record r, *c;

	/* a record a program builds: unset fields, no file */
	memset(&r, 0, sizeof r);
	set_field(&r, NF_DOC, "d");
	set_field(&r, NF_TEXT, "hello");
	r.para = 5;
	c = record_clone(&r);
	set_field(&r, NF_DOC, "changed");
	g_assert_cmpstr(c->f[NF_DOC].s, ==, "d");
	g_assert_cmpstr(c->f[NF_TEXT].s, ==, "hello");
	for (int i = 0; i < NF_NFIELDS; i++)
		if (i != NF_DOC && i != NF_TEXT) {
			g_assert_nonnull(c->f[i].s);
			g_assert_cmpstr(c->f[i].s, ==, "");
			g_assert_cmpuint(c->f[i].len, ==, 0);
		}
	g_assert_null(c->extra.s);
	g_assert_null(c->file);
	g_assert_cmpuint(c->para, ==, 5);
	free(c);
}

static void
test_clone_stdin(void)
{
	char *in = write_tmp_str("clone-stdin.tsv", "s\t1\t0\t\tS1\n");
	int saved = stdin_from(in);
	struct record_reader *rd = record_reader_open(0, NULL);
	struct record r, *c;

	g_assert_true(record_read(rd, &r));
	c = record_clone(&r);
	g_assert_false(record_read(rd, &r));
	record_reader_close(rd);
	stdin_restore(saved);
	g_assert_cmpstr(c->file, ==, "(stdin)");
	g_assert_cmpuint(c->line, ==, 1);
	g_assert_cmpstr(c->f[NF_TEXT].s, ==, "S1");
	free(c);
	g_free(in);
}

/* ------------------------------------------------------------------ */
/* annot.h */

static struct nf_str
S(const char *s)
{
	struct nf_str x = { s, strlen(s) };

	return x;
}

static void
test_annot_next_item(void)
{
	static const char s[] = ";;PER:A@0-1;;;LOC:B@2-3;DATE:2024@4-8;;";
	static const char *const items[] = {
		"PER:A@0-1", "LOC:B@2-3", "DATE:2024@4-8"
	};
	struct nf_str item;
	size_t pos = 0;

	for (size_t i = 0; i < G_N_ELEMENTS(items); i++) {
		g_assert_true(annot_next_item(s, sizeof s - 1, &pos, &item));
		g_assert_cmpmem(item.s, item.len, items[i], strlen(items[i]));
	}
	g_assert_false(annot_next_item(s, sizeof s - 1, &pos, &item));
	g_assert_cmpuint(pos, ==, sizeof s - 1);
	g_assert_false(annot_next_item(s, sizeof s - 1, &pos, &item));

	pos = 0;
	g_assert_false(annot_next_item("", 0, &pos, &item));
	g_assert_cmpuint(pos, ==, 0);
	pos = 0;
	g_assert_false(annot_next_item(";;;", 3, &pos, &item));
	g_assert_cmpuint(pos, ==, 3);

	/* only len counts: no NUL needed, nothing read past it */
	pos = 0;
	g_assert_true(annot_next_item("a;bc;d", 4, &pos, &item));
	g_assert_cmpmem(item.s, item.len, "a", 1);
	g_assert_true(annot_next_item("a;bc;d", 4, &pos, &item));
	g_assert_cmpmem(item.s, item.len, "bc", 2);
	g_assert_false(annot_next_item("a;bc;d", 4, &pos, &item));

	/* a single item, no ';' */
	pos = 0;
	g_assert_true(annot_next_item("x", 1, &pos, &item));
	g_assert_cmpmem(item.s, item.len, "x", 1);
	g_assert_cmpuint(pos, ==, 1);
	g_assert_false(annot_next_item("x", 1, &pos, &item));
}

static void
assert_annot(const char *item, size_t text_len, const char *type,
    const char *value, size_t start, size_t end)
{
	struct annot a;
	const char *msg;

	memset(&a, 0xAA, sizeof a);
	msg = annot_parse(S(item), &a, text_len);
	g_assert_cmpstr(msg, ==, NULL);
	g_assert_cmpmem(a.type.s, a.type.len, type, strlen(type));
	g_assert_cmpmem(a.value.s, a.value.len, value, strlen(value));
	g_assert_cmpuint(a.start, ==, start);
	g_assert_cmpuint(a.end, ==, end);
}

static void
assert_annot_bad(const char *item, size_t text_len, const char *expected)
{
	struct annot a;
	const char *msg = annot_parse(S(item), &a, text_len);

	CHECK(g_strcmp0(msg, expected) == 0, "annot_parse('%s', %zd): '%s', "
	    "expected '%s'", item, (gssize)text_len, msg ? msg : "(null)",
	    expected);
}

static void
test_annot_parse(void)
{
	assert_annot("PER:Kim Jong Un@0-11", (size_t)-1, "PER", "Kim Jong Un",
	    0, 11);
	assert_annot("PER:Kim Jong Un@0-11", 11, "PER", "Kim Jong Un", 0, 11);
	assert_annot("PER:Kim Jong Un@0-11", 40, "PER", "Kim Jong Un", 0, 11);
	assert_annot("TIME:2025-09-28T17:37@3-20", 20, "TIME",
	    "2025-09-28T17:37", 3, 20);
	assert_annot("DATE:XXXX-10@5-12", 12, "DATE", "XXXX-10", 5, 12);
	assert_annot("DURATION:P10Y@0-8", (size_t)-1, "DURATION", "P10Y", 0,
	    8);
	/* an empty span, an empty value, at the end of the text */
	assert_annot("LOC:X@7-7", 7, "LOC", "X", 7, 7);
	assert_annot("LOC:@0-0", 0, "LOC", "", 0, 0);
	/* the last '@' splits */
	assert_annot("ORG:a@b@1-2", 5, "ORG", "a@b", 1, 2);
	/* twelve digits */
	assert_annot("PER:X@0-999999999999", (size_t)-1, "PER", "X", 0,
	    999999999999);
	assert_annot("PER:X@000-007", 7, "PER", "X", 0, 7);

	/* an item inside a field: only its length counts */
	{
		static const char f[] = "PER:Kim@0-3;LOC:Seoul@40-45";
		struct nf_str item = { f, 11 };
		struct annot a;

		g_assert_null(annot_parse(item, &a, 3));
		g_assert_cmpmem(a.value.s, a.value.len, "Kim", 3);
		g_assert_cmpuint(a.start, ==, 0);
		g_assert_cmpuint(a.end, ==, 3);
		item.len = 10;	/* "PER:Kim@0-" */
		g_assert_cmpstr(annot_parse(item, &a, 3), ==,
		    "annotation offsets are not START-END numbers");
		item.len = 3;	/* "PER" */
		g_assert_cmpstr(annot_parse(item, &a, 3), ==,
		    "annotation item without TYPE:");
	}
}

static void
test_annot_parse_bad(void)
{
	const size_t any = (size_t)-1;

	assert_annot_bad("", any, "annotation item without TYPE:");
	assert_annot_bad("PERKim@0-3", any, "annotation item without TYPE:");
	assert_annot_bad(":Kim@0-3", any, "annotation item without TYPE:");
	assert_annot_bad("PER:Kim", any, "annotation item without @START-END");
	assert_annot_bad("PER:Kim 0-3", any,
	    "annotation item without @START-END");
	assert_annot_bad("PER@0-3:Kim", any,
	    "annotation item without @START-END");
	assert_annot_bad("PER:Kim@5", any,
	    "annotation item without @START-END");
	assert_annot_bad("PER:Kim@", any, "annotation item without @START-END");
	assert_annot_bad("PER:Kim@a-3", any,
	    "annotation offsets are not START-END numbers");
	assert_annot_bad("PER:Kim@-3", any,
	    "annotation offsets are not START-END numbers");
	assert_annot_bad("PER:Kim@0-", any,
	    "annotation offsets are not START-END numbers");
	assert_annot_bad("PER:Kim@0-3x", any,
	    "annotation offsets are not START-END numbers");
	assert_annot_bad("PER:Kim@ 0-3", any,
	    "annotation offsets are not START-END numbers");
	assert_annot_bad("PER:Kim@0- 3", any,
	    "annotation offsets are not START-END numbers");
	assert_annot_bad("PER:Kim@0--3", any,
	    "annotation offsets are not START-END numbers");
	assert_annot_bad("PER:Kim@0-3-4", any,
	    "annotation offsets are not START-END numbers");
	assert_annot_bad("PER:Kim@+0-3", any,
	    "annotation offsets are not START-END numbers");
	assert_annot_bad("PER:Kim@0-1234567890123", any,
	    "annotation offsets are not START-END numbers");
	assert_annot_bad("PER:Kim@5-3", any, "annotation START is after END");
	assert_annot_bad("PER:Kim@5-3", 10, "annotation START is after END");
	assert_annot_bad("PER:Kim Jong Un@0-11", 10,
	    "annotation offsets lie outside the text");
	assert_annot_bad("PER:Kim@11-12", 10,
	    "annotation offsets lie outside the text");
	assert_annot_bad("PER:Kim@0-1", 0,
	    "annotation offsets lie outside the text");
}

static void
test_annot_parse_theme(void)
{
	struct annot a;

	memset(&a, 0xAA, sizeof a);
	g_assert_null(annot_parse_theme(S("leadership:0.52"), &a));
	g_assert_cmpmem(a.type.s, a.type.len, "leadership", 10);
	g_assert_cmpmem(a.value.s, a.value.len, "0.52", 4);
	g_assert_cmpuint(a.start, ==, 0);
	g_assert_cmpuint(a.end, ==, 0);

	/* the score is after the last ':' */
	g_assert_null(annot_parse_theme(S("a:b:1.00"), &a));
	g_assert_cmpmem(a.type.s, a.type.len, "a:b", 3);
	g_assert_cmpmem(a.value.s, a.value.len, "1.00", 4);

	/* only the item's length counts */
	{
		struct nf_str item = { "economy:0.30;war:0.10", 12 };

		g_assert_null(annot_parse_theme(item, &a));
		g_assert_cmpmem(a.type.s, a.type.len, "economy", 7);
		g_assert_cmpmem(a.value.s, a.value.len, "0.30", 4);
		item.len = 8;	/* "economy:" */
		g_assert_cmpstr(annot_parse_theme(item, &a), ==,
		    "theme item is not NAME:SCORE");
	}

	g_assert_cmpstr(annot_parse_theme(S("leadership"), &a), ==,
	    "theme item is not NAME:SCORE");
	g_assert_cmpstr(annot_parse_theme(S(":0.5"), &a), ==,
	    "theme item is not NAME:SCORE");
	g_assert_cmpstr(annot_parse_theme(S("war:"), &a), ==,
	    "theme item is not NAME:SCORE");
	g_assert_cmpstr(annot_parse_theme(S(""), &a), ==,
	    "theme item is not NAME:SCORE");
}

static void
test_annot_append(void)
{
	GString *out = g_string_new(NULL);

	annot_append(out, "PER", 3, "Kim Jong Un", 11, 0, 11);
	g_assert_cmpstr(out->str, ==, "PER:Kim Jong Un@0-11");
	annot_append(out, "LOCXX", 3, "Pyongyang...", 9, 20, 29);
	g_assert_cmpstr(out->str, ==,
	    "PER:Kim Jong Un@0-11;LOC:Pyongyang@20-29");
	g_string_truncate(out, 0);
	annot_append(out, "TIME", 4, "2025-09-28T17:37", 16, 3, 20);
	annot_append(out, "X", 1, "", 0, 7, 7);
	g_assert_cmpstr(out->str, ==, "TIME:2025-09-28T17:37@3-20;X:@7-7");
	g_string_truncate(out, 0);
	annot_append(out, "PER", 3, "A", 1, 1234567890123UL, (size_t)-1);
	{
		char *expected = g_strdup_printf("PER:A@1234567890123-%zu",
		    (size_t)-1);

		g_assert_cmpstr(out->str, ==, expected);
		g_free(expected);
	}

	/* what annot_append writes, annot_next_item and annot_parse read */
	{
		size_t pos = 0;
		struct nf_str item;
		struct annot a;

		g_string_assign(out, "");
		annot_append(out, "DATE", 4, "2024-11-15", 10, 33, 39);
		annot_append(out, "TIME", 4, "T17:37", 6, 40, 45);
		g_assert_true(annot_next_item(out->str, out->len, &pos, &item));
		g_assert_null(annot_parse(item, &a, 45));
		g_assert_cmpmem(a.value.s, a.value.len, "2024-11-15", 10);
		g_assert_true(annot_next_item(out->str, out->len, &pos, &item));
		g_assert_null(annot_parse(item, &a, 45));
		g_assert_cmpmem(a.type.s, a.type.len, "TIME", 4);
		g_assert_cmpmem(a.value.s, a.value.len, "T17:37", 6);
		g_assert_cmpuint(a.start, ==, 40);
		g_assert_cmpuint(a.end, ==, 45);
		g_assert_false(annot_next_item(out->str, out->len, &pos,
		    &item));
	}
	g_string_free(out, TRUE);
}

/* ------------------------------------------------------------------ */
/* utf8.h */

static void
assert_decode(const char *s, size_t n, int len, uint32_t cp)
{
	uint32_t got = 0x12345678;
	int glen = utf8_decode((const unsigned char *)s, n, &got);

	CHECK(glen == len && got == cp, "utf8_decode(%s, %zu): %d U+%04X, "
	    "expected %d U+%04X", hex(s, n), n, glen, got, len, cp);
}

static void
test_utf8_decode(void)
{
	const uint32_t R = NF_REPLACEMENT_CHAR;

	g_assert_cmphex(NF_REPLACEMENT_CHAR, ==, 0xFFFD);
	/* ASCII, NUL, DEL */
	assert_decode("A", 1, 1, 0x41);
	assert_decode("Abc", 3, 1, 0x41);
	assert_decode("\0", 1, 1, 0);
	assert_decode("\x7F", 1, 1, 0x7F);
	/* 2, 3 and 4 bytes, at the edges of each length */
	assert_decode("\xC2\x80", 2, 2, 0x80);
	assert_decode("\xC3\xA9", 2, 2, 0xE9);
	assert_decode("\xC3\xA9xyz", 5, 2, 0xE9);
	assert_decode("\xDF\xBF", 2, 2, 0x7FF);
	assert_decode("\xE0\xA0\x80", 3, 3, 0x800);
	assert_decode("\xE2\x82\xAC", 3, 3, 0x20AC);
	assert_decode("\xED\x9F\xBF", 3, 3, 0xD7FF);
	assert_decode("\xEE\x80\x80", 3, 3, 0xE000);
	assert_decode("\xEF\xBF\xBD", 3, 3, 0xFFFD);
	assert_decode("\xEF\xBF\xBF", 3, 3, 0xFFFF);
	assert_decode("\xF0\x90\x80\x80", 4, 4, 0x10000);
	assert_decode("\xF0\x9F\x98\x80", 4, 4, 0x1F600);
	assert_decode("\xF4\x8F\xBF\xBF", 4, 4, 0x10FFFF);
	/* invalid bytes */
	assert_decode("\x80", 1, 1, R);
	assert_decode("\xBF\x80", 2, 1, R);
	assert_decode("\xFE", 1, 1, R);
	assert_decode("\xFF\xFF", 2, 1, R);
	assert_decode("\xC3" "A", 2, 1, R);
	assert_decode("\xE2\x82" "A", 3, 1, R);
	assert_decode("\xF0\x9F\x98" "A", 4, 1, R);
	/* truncated by n */
	assert_decode("\xC3", 1, 1, R);
	assert_decode("\xC3\xA9", 1, 1, R);
	assert_decode("\xE2\x82", 2, 1, R);
	assert_decode("\xE2\x82\xAC", 2, 1, R);
	assert_decode("\xF0\x9F\x98", 3, 1, R);
	assert_decode("\xF0\x9F\x98\x80", 3, 1, R);
	assert_decode("\xF0", 1, 1, R);
	/* overlong */
	assert_decode("\xC0\xAF", 2, 1, R);
	assert_decode("\xC1\xBF", 2, 1, R);
	assert_decode("\xE0\x80\xAF", 3, 1, R);
	assert_decode("\xE0\x9F\xBF", 3, 1, R);
	assert_decode("\xF0\x80\x80\xAF", 4, 1, R);
	assert_decode("\xF0\x8F\xBF\xBF", 4, 1, R);
	/* surrogates, beyond U+10FFFF, 5 and 6 byte forms */
	assert_decode("\xED\xA0\x80", 3, 1, R);
	assert_decode("\xED\xBF\xBF", 3, 1, R);
	assert_decode("\xF4\x90\x80\x80", 4, 1, R);
	assert_decode("\xF5\x80\x80\x80", 4, 1, R);
	assert_decode("\xF8\x88\x80\x80\x80", 5, 1, R);
	assert_decode("\xFC\x84\x80\x80\x80\x80", 6, 1, R);
}

static void
assert_append(uint32_t cp, const char *bytes)
{
	GString *out = g_string_new("<");

	utf8_append(out, cp);
	g_assert_cmpuint(out->len, ==, 1 + strlen(bytes));
	g_assert_cmpmem(out->str + 1, out->len - 1, bytes, strlen(bytes));
	g_string_free(out, TRUE);
}

static void
test_utf8_append(void)
{
	assert_append(0x41, "A");
	assert_append(0x7F, "\x7F");
	assert_append(0x80, "\xC2\x80");
	assert_append(0xE9, "\xC3\xA9");
	assert_append(0x7FF, "\xDF\xBF");
	assert_append(0x800, "\xE0\xA0\x80");
	assert_append(0x20AC, "\xE2\x82\xAC");
	assert_append(0xFFFD, "\xEF\xBF\xBD");
	assert_append(0x10000, "\xF0\x90\x80\x80");
	assert_append(0x1F600, "\xF0\x9F\x98\x80");
	assert_append(0x10FFFF, "\xF4\x8F\xBF\xBF");
	/* no encoding: U+FFFD */
	assert_append(0xD800, "\xEF\xBF\xBD");
	assert_append(0xDFFF, "\xEF\xBF\xBD");
	assert_append(0x110000, "\xEF\xBF\xBD");
	assert_append(0xFFFFFFFF, "\xEF\xBF\xBD");
	/* NUL is one byte */
	{
		GString *out = g_string_new(NULL);

		utf8_append(out, 0);
		g_assert_cmpuint(out->len, ==, 1);
		g_assert_cmpint(out->str[0], ==, 0);
		g_string_free(out, TRUE);
	}
}

#define RC "\xEF\xBF\xBD"

static void
assert_valid(const char *in, size_t n, const char *expected, size_t count)
{
	GString *out = g_string_new("pre");
	size_t got = utf8_append_valid(out, in, n);

	CHECK(got == count && out->len == strlen(expected) &&
	    memcmp(out->str, expected, out->len) == 0,
	    "utf8_append_valid(%s): %s (%zu), expected %s (%zu)", hex(in, n),
	    hex(out->str, out->len), got, hex(expected, strlen(expected)),
	    count);
	g_string_free(out, TRUE);
}

#define VALID(in, expected, count) \
	assert_valid(in, sizeof(in) - 1, "pre" expected, count)

static void
test_utf8_append_valid(void)
{
	VALID("", "", 0);
	VALID("plain ASCII", "plain ASCII", 0);
	VALID("Z\xC3\xBCrich \xE2\x82\xAC \xF0\x9F\x98\x80",
	    "Z\xC3\xBCrich \xE2\x82\xAC \xF0\x9F\x98\x80", 0);
	VALID("\xEF\xBF\xBD", RC, 0);	/* a U+FFFD in the input is no fix */
	/* one replacement per maximal subpart (Unicode 3.9, Table 3-8) */
	VALID("\xF0\x9F\x98" "A", RC "A", 1);
	VALID("\xF0\x9F\x98", RC, 1);
	VALID("\xF0\x9F", RC, 1);
	VALID("\xE2\x82" "A", RC "A", 1);
	VALID("\xE2\x82", RC, 1);
	VALID("\xC3", RC, 1);
	VALID("a\xC3" "b", "a" RC "b", 1);
	VALID("\xC0\xAF", RC RC, 2);
	VALID("\xC1\xBF", RC RC, 2);
	VALID("\x80", RC, 1);
	VALID("\x80\x80\x80", RC RC RC, 3);
	VALID("\xFF", RC, 1);
	VALID("\xFE\xFF", RC RC, 2);
	VALID("a\xFF" "b\xC3\xA9", "a" RC "b\xC3\xA9", 1);
	/* overlong, surrogate, beyond U+10FFFF: each byte is a subpart */
	VALID("\xE0\x80\xAF", RC RC RC, 3);
	VALID("\xE0\x9F\xBF", RC RC RC, 3);
	VALID("\xED\xA0\x80", RC RC RC, 3);
	VALID("\xED\xBF\xBF", RC RC RC, 3);
	VALID("\xF0\x80\x80\x80", RC RC RC RC, 4);
	VALID("\xF0\x8F\xBF\xBF", RC RC RC RC, 4);
	VALID("\xF4\x90\x80\x80", RC RC RC RC, 4);
	VALID("\xF5\x80\x80\x80", RC RC RC RC, 4);
	VALID("\xF8\x88\x80\x80\x80", RC RC RC RC RC, 5);
	/* the same, cut short by the end of the input */
	VALID("\xE0\x80", RC RC, 2);
	VALID("\xED\xA0", RC RC, 2);
	VALID("\xF0\x80\x80", RC RC RC, 3);
	VALID("\xF4\x90", RC RC, 2);
	VALID("\xE0\xA0", RC, 1);
	VALID("\xF0\x90\x80", RC, 1);
	VALID("\xF4\x8F\xBF", RC, 1);
	/* a sequence cut short by the start of another */
	VALID("\xE2\x82\xE2\x82\xAC", RC "\xE2\x82\xAC", 1);
	VALID("\xF0\x9F\x98\xF0\x9F\x98\x80", RC "\xF0\x9F\x98\x80", 1);
	VALID("\xC3\xC3\xA9", RC "\xC3\xA9", 1);
	/* the example of Unicode's Table 3-8 */
	VALID("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64",
	    "a" RC RC RC "b" RC "c" RC RC "d", 6);
	/* NUL is valid UTF-8 */
	{
		GString *out = g_string_new(NULL);

		g_assert_cmpuint(utf8_append_valid(out, "a\0\xFF", 3), ==, 1);
		g_assert_cmpmem(out->str, out->len, "a\0" RC, 5);
		g_string_free(out, TRUE);
	}
	/* only n bytes are read */
	{
		GString *out = g_string_new(NULL);

		g_assert_cmpuint(utf8_append_valid(out, "ab\xFF", 2), ==, 0);
		g_assert_cmpstr(out->str, ==, "ab");
		g_assert_cmpuint(utf8_append_valid(out, "\xC3\xA9", 1), ==, 1);
		g_assert_cmpstr(out->str, ==, "ab" RC);
		g_string_free(out, TRUE);
	}
}

/*
 * A reference for utf8_append_valid built from first principles: the set of
 * every proper prefix of the encoding of every scalar value.  At each
 * position, the longest prefix found there is either a whole character
 * (copied) or a maximal subpart (one U+FFFD; at least one byte).
 */
static unsigned char ref_seqlen[256];	/* lead byte -> encoded length */
static unsigned char *ref_prefix2;	/* [b0 << 8 | b1] */
static unsigned char *ref_prefix3;	/* [b0 << 16 | b1 << 8 | b2] */

static void
ref_init(void)
{
	ref_prefix2 = g_malloc0(1 << 16);
	ref_prefix3 = g_malloc0(1 << 24);
	for (gunichar cp = 0; cp <= 0x10FFFF; cp++) {
		unsigned char b[6];
		int len;

		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		len = g_unichar_to_utf8(cp, (char *)b);
		ref_seqlen[b[0]] = (unsigned char)len;
		if (len >= 3)
			ref_prefix2[b[0] << 8 | b[1]] = 1;
		if (len == 4)
			ref_prefix3[b[0] << 16 | b[1] << 8 | b[2]] = 1;
	}
}

static size_t
ref_append_valid(GString *out, const unsigned char *s, size_t n)
{
	size_t bad = 0;

	for (size_t i = 0; i < n;) {
		size_t len = ref_seqlen[s[i]], k = 1;

		if (len == 0) {	/* never starts a character */
			g_string_append(out, "\xEF\xBF\xBD");
			bad++;
			i++;
			continue;
		}
		/* grow the prefix while it stays a prefix of a character */
		while (k < len && i + k < n) {
			bool ok;

			if (k + 1 == len)	/* the last byte */
				ok = (s[i + k] & 0xC0) == 0x80;
			else if (k + 1 == 2)
				ok = ref_prefix2[s[i] << 8 | s[i + 1]];
			else
				ok = ref_prefix3[s[i] << 16 | s[i + 1] << 8 |
				    s[i + 2]];
			if (!ok)
				break;
			k++;
		}
		if (k == len)
			g_string_append_len(out, (const char *)s + i,
			    (gssize)len);
		else {
			g_string_append(out, "\xEF\xBF\xBD");
			bad++;
		}
		i += k;
	}
	return bad;
}

/* Every 1 to 4 byte string over bytes that matter is fixed as Unicode says. */
static void
test_utf8_append_valid_exhaustive(void)
{
	static const unsigned char bytes[] = {
		0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0,
		0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEE, 0xEF, 0xF0, 0xF1,
		0xF4, 0xF5, 0xF8, 0xFF
	};
	const size_t nb = G_N_ELEMENTS(bytes);
	GString *got = g_string_new(NULL), *want = g_string_new(NULL);
	unsigned long checked = 0;

	ref_init();
	/* the reference agrees with the examples of test_utf8_append_valid */
	g_assert_cmpuint(ref_append_valid(want,
	    (const unsigned char *)"\xE0\x80\xF4\x90\x80\xF0\x9F\x98" "A", 9),
	    ==, 6);
	g_assert_cmpstr(want->str, ==, RC RC RC RC RC RC "A");
	for (size_t n = 1; n <= 4; n++) {
		size_t total = 1;

		for (size_t i = 0; i < n; i++)
			total *= nb;
		for (size_t x = 0; x < total; x++) {
			unsigned char in[4];
			size_t y = x;

			for (size_t i = 0; i < n; i++) {
				in[i] = bytes[y % nb];
				y /= nb;
			}
			g_string_truncate(got, 0);
			g_string_truncate(want, 0);
			if (utf8_append_valid(got, (const char *)in, n) !=
			    ref_append_valid(want, in, n) ||
			    got->len != want->len ||
			    memcmp(got->str, want->str, got->len) != 0) {
				char *hex = g_strdup_printf("%02X %02X %02X "
				    "%02X", in[0], n > 1 ? in[1] : 0,
				    n > 2 ? in[2] : 0, n > 3 ? in[3] : 0);

				g_test_message("input (%zu bytes): %s", n, hex);
				g_free(hex);
				g_assert_cmpmem(got->str, got->len, want->str,
				    want->len);
				g_assert_not_reached();
			}
			checked++;
		}
	}
	g_assert_cmpuint(checked, ==, nb + nb * nb + nb * nb * nb +
	    nb * nb * nb * nb);
	g_free(ref_prefix2);
	g_free(ref_prefix3);
	g_string_free(got, TRUE);
	g_string_free(want, TRUE);
}

static void
test_utf8_is_boundary(void)
{
	static const char s[] = "a\xC3\xA9" "b\xE2\x82\xAC\xF0\x9F\x98\x80";
	static const bool expected[] = {
		true, true, false, true, true, false, false, true, false,
		false, false, true, false, false
	};
	const size_t n = sizeof s - 1;	/* 11 */

	G_STATIC_ASSERT(sizeof s - 1 == 11);
	for (size_t off = 0; off < G_N_ELEMENTS(expected); off++)
		CHECK(utf8_is_boundary(s, n, off) == expected[off],
		    "utf8_is_boundary at %zu is not %d", off, expected[off]);
	g_assert_false(utf8_is_boundary(s, n, (size_t)-1));
	g_assert_true(utf8_is_boundary("", 0, 0));
	g_assert_false(utf8_is_boundary("", 0, 1));
	/* n bounds the string: the end is a boundary even inside a char */
	g_assert_true(utf8_is_boundary(s, 2, 2));
	g_assert_false(utf8_is_boundary(s, 2, 3));
}

/* A stray continuation byte is a character of its own (one U+FFFD). */
static void
test_utf8_boundary_stray(void)
{
	const char *t = "Un\x84 x\xC3\xA9\x84";	/* U n 84 sp x C3 A9 84 */
	size_t n = strlen(t);

	g_assert_true(utf8_is_boundary(t, n, 2));	/* before the stray */
	g_assert_true(utf8_is_boundary(t, n, 3));	/* after it */
	g_assert_false(utf8_is_boundary(t, n, 6));	/* inside é */
	g_assert_true(utf8_is_boundary(t, n, 7));	/* stray after é */
	g_assert_true(utf8_is_boundary("\x84\x84", 2, 1));
	g_assert_true(utf8_is_boundary("\xE2\x80", 2, 1)); /* truncated */
}

/* Romanization variants meet under one key: case and accents go. */
static void
test_utf8_fold(void)
{
	static const struct { uint32_t in, out; } cases[] = {
		{ 'A', 'a' }, { 'z', 'z' }, { '7', '7' }, { '-', '-' },
		{ 0x014E, 'o' },	/* Ŏ */
		{ 0x014F, 'o' },	/* ŏ */
		{ 0x016D, 'u' },	/* ŭ */
		{ 0x00C9, 'e' },	/* É */
		{ 0x00E9, 'e' },	/* é */
		{ 0x1EA0, 'a' },	/* Ạ, Latin Extended Additional */
		{ 0x0301, 0 },		/* combining acute: dropped */
		{ 0x0345, 0 },		/* combining, alphabetic: dropped */
		{ 0x00DF, 0x00DF },	/* ß has no base letter */
		{ 0x00C6, 0x00E6 },	/* Æ lower-cased only */
		{ 0x0416, 0x0436 },	/* Ж -> ж */
		{ 0xAC00, 0xAC00 },	/* a Hangul syllable stays */
		{ 0x2019, 0x2019 },	/* ’ stays */
	};

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++)
		g_assert_cmphex(utf8_fold(cases[i].in), ==, cases[i].out);
}

/* Bit 7 of byte j of x. */
static bool
bit7(uint64_t x, size_t j)
{
	return (x >> (8 * j + 7)) & 1;
}

static void
test_utf8_word8(void)
{
#ifdef UTF8_WORD8
	static const struct {
		const char *s;
		size_t len;
		const char *folded;
		uint64_t letters, lowers, digits;
	} cases[] = {
		{ "Kim Jong", 3, "kim", 0x808080, 0x808000, 0 },
		{ "Un2024ab", 8, "un2024ab", 0x8080000000008080ULL,
		    0x8080000000008000ULL, 0x0000808080800000ULL },
		{ "@ABCDEFG", 0, "", 0, 0, 0 },
		{ "KCNA\xE2\x80\x99s", 4, "kcna", 0x80808080, 0, 0 },
		{ "[Z`az{09", 0, "", 0, 0, 0 },
		{ "Z`", 1, "z", 0x80, 0, 0 },	/* 8 bytes with the NUL */
	};
	struct word8 w;
	char buf[16];

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		memset(buf, 0, sizeof buf);
		memcpy(buf, cases[i].s, strlen(cases[i].s));
		g_assert_cmpuint(utf8_word8(buf, &w), ==, cases[i].len);
		g_assert_cmpmem(&w.folded, cases[i].len, cases[i].folded,
		    cases[i].len);
		g_assert_cmphex(w.letters, ==, cases[i].letters);
		g_assert_cmphex(w.lowers, ==, cases[i].lowers);
		g_assert_cmphex(w.digits, ==, cases[i].digits);
	}
	/* every byte value at every position among letters or digits */
	for (size_t pos = 0; pos < 8; pos++)
		for (unsigned b = 0; b < 256; b++)
			for (const char *fill = "qQ7"; *fill; fill++) {
				size_t len, want;
				char out[8];

				memset(buf, *fill, 8);
				buf[pos] = (char)b;
				len = utf8_word8(buf, &w);
				want = g_ascii_isalnum((char)b) ? 8 : pos;
				g_assert_cmpuint(len, ==, want);
				memcpy(out, &w.folded, 8);
				for (size_t j = 0; j < 8; j++) {
					char c = buf[j];

					if (j < len)
						g_assert_cmpint(out[j], ==,
						    g_ascii_tolower(c));
					g_assert_cmpint(bit7(w.letters, j), ==,
					    j < len && g_ascii_isalpha(c));
					g_assert_cmpint(bit7(w.lowers, j), ==,
					    j < len && g_ascii_islower(c));
					g_assert_cmpint(bit7(w.digits, j), ==,
					    j < len && g_ascii_isdigit(c));
				}
			}
#else
	g_test_skip("no 8-byte word scan on a big-endian host");
#endif
}

static void
test_utf8_ascii_prefix(void)
{
	char buf[40];

	for (size_t n = 0; n <= 18; n++) {
		memset(buf, 'a', sizeof buf);
		g_assert_cmpuint(utf8_ascii_prefix(buf, n), ==, n);
	}
	/* non-ASCII at every position 0..17, at every alignment */
	for (size_t align = 0; align < 8; align++)
		for (size_t pos = 0; pos < 18; pos++) {
			static const unsigned char hi[] = { 0x80, 0xC3, 0xFF };

			for (size_t h = 0; h < G_N_ELEMENTS(hi); h++) {
				char *s = buf + align;

				memset(buf, 'x', sizeof buf);
				s[pos] = (char)hi[h];
				g_assert_cmpuint(utf8_ascii_prefix(s, 18), ==,
				    pos);
				/* a later high byte does not matter */
				s[17] = (char)0xE2;
				g_assert_cmpuint(utf8_ascii_prefix(s, 18), ==,
				    pos);
				/* one past n is not read */
				memset(buf, 'x', sizeof buf);
				s[pos] = (char)hi[h];
				g_assert_cmpuint(utf8_ascii_prefix(s, pos), ==,
				    pos);
			}
		}
	/* NUL and DEL are ASCII */
	g_assert_cmpuint(utf8_ascii_prefix("\0\x7F\x01" "abcdefghij\xC3\xA9",
	    15), ==, 13);
}

/* ------------------------------------------------------------------ */
/* lexicon.h */

struct rows {
	GString *out;
	const char *reject;	/* reject a row whose first column is this */
	int calls;
};

/* Records every row as "col|col|...\n"; writes into the columns. */
static const char *
collect_row(void *ctx, char **cols, int ncols)
{
	struct rows *rows = ctx;

	rows->calls++;
	g_assert_cmpint(ncols, >=, 1);
	for (int i = 0; i < ncols; i++) {
		g_assert_nonnull(cols[i]);
		g_assert_null(strchr(cols[i], '\t'));
		g_assert_null(strchr(cols[i], '\n'));
		if (i > 0)
			g_string_append_c(rows->out, '|');
		g_string_append(rows->out, cols[i]);
	}
	g_string_append_c(rows->out, '\n');
	if (rows->reject != NULL && strcmp(cols[0], rows->reject) == 0)
		return "unknown entity type 'BAD'";
	/* the columns are writable */
	for (int i = 0; i < ncols; i++)
		memset(cols[i], '#', strlen(cols[i]));
	return NULL;
}

static char *
load_str(const char *data, size_t len)
{
	char *path = write_tmp("lex.tsv", data, len);
	struct rows rows = { g_string_new(NULL), NULL, 0 };
	GString *embedded = g_string_new(NULL);
	struct rows rows2 = { embedded, NULL, 0 };
	/* not NUL-terminated: copy into a buffer with junk after it */
	char *copy = g_malloc(len + 4);

	lexicon_load_file(path, collect_row, &rows);
	memcpy(copy, data, len);
	memcpy(copy + len, "x\ty\n", 4);
	lexicon_load_data("test", copy, len, collect_row, &rows2);
	/* the data is not changed */
	g_assert_true(memcmp(copy, data, len) == 0);
	g_assert_cmpstr(rows.out->str, ==, embedded->str);
	g_assert_cmpint(rows.calls, ==, rows2.calls);
	g_free(copy);
	g_free(path);
	g_string_free(embedded, TRUE);
	return g_string_free(rows.out, FALSE);
}

#define ASSERT_LOAD(data, expected)					\
	do {								\
		char *got_ = load_str(data, sizeof(data) - 1);		\
		g_assert_cmpstr(got_, ==, expected);			\
		g_free(got_);						\
	} while (0)

static void
test_lexicon_rows(void)
{
	ASSERT_LOAD("", "");
	ASSERT_LOAD("\n\n", "");
	ASSERT_LOAD("# only a comment", "");
	ASSERT_LOAD("one", "one\n");
	ASSERT_LOAD("one\n", "one\n");
	ASSERT_LOAD("# comment\n"
	    "\n"
	    "Kim Jong Un\tPER\r\n"
	    "\r\n"
	    "#\tcommented\trow\n"
	    " # not a comment\n"
	    "a\tb\tc\n"
	    "trailing\t\n"
	    "\tleading\n"
	    "a\t\t\tb\n"
	    "cr\rinside\n"
	    "Z\xC3\xBCrich\tLOC\n"
	    "last\tline",
	    "Kim Jong Un|PER\n"
	    " # not a comment\n"
	    "a|b|c\n"
	    "trailing|\n"
	    "|leading\n"
	    "a|||b\n"
	    "cr\rinside\n"
	    "Z\xC3\xBCrich|LOC\n"
	    "last|line\n");
}

static void
test_lexicon_columns(void)
{
	GString *data = g_string_new(NULL), *expected = g_string_new(NULL);
	char *got;

	for (int i = 0; i < 32; i++) {
		g_string_append_printf(data, "%sc%d", i ? "\t" : "", i);
		g_string_append_printf(expected, "%sc%d", i ? "|" : "", i);
	}
	g_string_append_c(data, '\n');
	g_string_append_c(expected, '\n');
	got = load_str(data->str, data->len);
	g_assert_cmpstr(got, ==, expected->str);
	g_free(got);
	g_string_free(data, TRUE);
	g_string_free(expected, TRUE);
}

static void
test_lexicon_too_many_columns(void)
{
	char *path = tmp_path("wide.tsv");

	if (g_test_subprocess()) {
		static struct rows rows;	/* reachable at the exit */

		rows.out = g_string_new(NULL);

		lexicon_load_file(path, collect_row, &rows);
		return;
	}
	{
		GString *data = g_string_new("ok\n");
		char *err;

		for (int i = 0; i < 33; i++)
			g_string_append(data, "\tc");
		g_free(write_tmp("wide.tsv", data->str, data->len));
		err = g_strdup_printf(PROG ": %s:2: more than 32 columns\n",
		    path);
		ASSERT_TRAP(65, "", err);
		g_free(err);
		g_string_free(data, TRUE);
	}
	g_free(path);
}

static void
test_lexicon_reject(void)
{
	char *path = tmp_path("reject.tsv");

	if (g_test_subprocess()) {
		static struct rows rows;	/* reachable at the exit */

		rows.out = g_string_new(NULL);
		rows.reject = "BAD";

		lexicon_load_file(path, collect_row, &rows);
		printf("not reached\n");
		return;
	}
	g_free(write_tmp_str("reject.tsv",
	    "# header\r\nok\tPER\r\n\r\nBAD\tXXX\r\nnever\tseen\r\n"));
	{
		char *err = g_strdup_printf(PROG ": %s:4: unknown entity type "
		    "'BAD'\n", path);

		ASSERT_TRAP(65, "", err);
		g_free(err);
	}
	g_free(path);
}

static void
test_lexicon_reject_last_line(void)
{
	if (g_test_subprocess()) {
		static const char data[] = "a\n\n#c\nBAD";
		static struct rows rows;	/* reachable at the exit */

		rows.out = g_string_new(NULL);
		rows.reject = "BAD";

		lexicon_load_data("themes.tsv", data, sizeof data - 1,
		    collect_row, &rows);
		return;
	}
	ASSERT_TRAP(65, "", PROG ": (built-in) themes.tsv:4: unknown entity "
	    "type 'BAD'\n");
}

static void
test_lexicon_invalid_utf8(void)
{
	char *path = tmp_path("latin1.tsv");

	if (g_test_subprocess()) {
		static struct rows rows;	/* reachable at the exit */

		rows.out = g_string_new(NULL);

		lexicon_load_file(path, collect_row, &rows);
		printf("loaded %d\n", rows.calls);
		return;
	}
	g_free(write_tmp_str("latin1.tsv", "ok\n# fine\nZ\xFCrich\tLOC\n"));
	{
		char *err = g_strdup_printf(PROG ": %s:3: invalid UTF-8 (or a "
		    "NUL byte)\n", path);

		ASSERT_TRAP(65, "", err);
		g_free(err);
	}
	g_free(path);
}

static void
test_lexicon_invalid_utf8_comment(void)
{
	/* a comment is not exempt; the first line is line 1 */
	if (g_test_subprocess()) {
		static const char data[] = "# caf\xE9\nok\n";
		static struct rows rows;	/* reachable at the exit */

		rows.out = g_string_new(NULL);

		lexicon_load_data("abbrev", data, sizeof data - 1,
		    collect_row, &rows);
		return;
	}
	ASSERT_TRAP(65, "", PROG ": (built-in) abbrev:1: invalid UTF-8 (or "
	    "a NUL byte)\n");
}

static void
test_lexicon_nul(void)
{
	if (g_test_subprocess()) {
		static const char data[] = "ok\na\0b\n";
		static struct rows rows;	/* reachable at the exit */

		rows.out = g_string_new(NULL);

		lexicon_load_data("nul", data, sizeof data - 1, collect_row,
		    &rows);
		return;
	}
	ASSERT_TRAP(65, "", PROG ": (built-in) nul:2: invalid UTF-8 (or a "
	    "NUL byte)\n");
}

static void
test_lexicon_missing(void)
{
	char *path = tmp_path("no-such-lexicon.tsv");

	if (g_test_subprocess()) {
		static struct rows rows;	/* reachable at the exit */

		rows.out = g_string_new(NULL);

		lexicon_load_file(path, collect_row, &rows);
		return;
	}
	g_unlink(path);
	{
		char *err = g_strdup_printf(PROG ": %s: No such file or "
		    "directory\n", path);

		ASSERT_TRAP(1, "", err);
		g_free(err);
	}
	g_free(path);
}

static void
test_lexicon_directory(void)
{
	if (g_test_subprocess()) {
		static struct rows rows;	/* reachable at the exit */

		rows.out = g_string_new(NULL);

		lexicon_load_file(tmpdir, collect_row, &rows);
		return;
	}
	{
		char *err = g_strdup_printf(PROG ": %s: Is a directory\n",
		    tmpdir);

		ASSERT_TRAP(1, "", err);
		g_free(err);
	}
}

static void
test_lexicon_embed(void)
{
	struct rows rows = { g_string_new(NULL), NULL, 0 };

	g_assert_cmpuint(demo_len(), ==, sizeof demo_expected - 1);
	g_assert_cmpuint(demo_len(), ==, 122);
	g_assert_cmpmem(demo, demo_len(), demo_expected,
	    sizeof demo_expected - 1);
	g_assert_cmpint(demo[demo_len()], ==, '\0');
	/* the data is read-only: loading must not write into it */
	lexicon_load_data("demo", demo, demo_len(), collect_row, &rows);
	g_assert_cmpstr(rows.out->str, ==,
	    "Kim Jong Un|PER|kim\n"
	    "Pyongyang|LOC\n"
	    "Z\xC3\xBCrich|LOC\n");
	g_assert_cmpint(rows.calls, ==, 3);
	g_assert_cmpmem(demo, demo_len(), demo_expected,
	    sizeof demo_expected - 1);
	g_string_free(rows.out, TRUE);
}

static void
test_lexicon_embed_reject(void)
{
	if (g_test_subprocess()) {
		static struct rows rows;	/* reachable at the exit */

		rows.out = g_string_new(NULL);
		rows.reject = "Pyongyang";

		lexicon_load_data("demo.tsv", demo, demo_len(), collect_row,
		    &rows);
		return;
	}
	ASSERT_TRAP(65, "", PROG ": (built-in) demo.tsv:3: unknown entity "
	    "type 'BAD'\n");
}

/* ------------------------------------------------------------------ */
/* cli.h */

static char *opt_lexicon;
static gboolean opt_flag;

static const GOptionEntry demo_entries[] = {
	{ "lexicon", 'x', 0, G_OPTION_ARG_FILENAME, &opt_lexicon,
	  "Load the lexicon FILE", "FILE" },
	{ "flag", 'f', 0, G_OPTION_ARG_NONE, &opt_flag, "A flag", NULL },
	{ NULL, 0, 0, 0, NULL, NULL, NULL }
};

/*
 * Subprocess: parse args, print the operands.  GOption drops the options
 * from argv without freeing them: keep them reachable, or LeakSanitizer
 * (make sanitize) fails the exit.
 */
static void
cli_run(const char *const *args, const GOptionEntry *entries)
{
	static char **volatile strings, *vec[32];
	char **argv = vec;
	int argc;

	strings = g_strdupv((char **)args);
	argc = (int)g_strv_length(strings);
	g_assert_cmpint(argc, <, (int)G_N_ELEMENTS(vec));
	memcpy(vec, (char **)strings, (size_t)(argc + 1) * sizeof *vec);

	nf_options_parse(&argc, &argv, "[FILE...]",
	    "Demo filter: reads records, writes records.", entries);
	printf("argc=%d", argc);
	for (int i = 0; i < argc; i++)
		printf(" [%s]", argv[i]);
	g_assert_null(argv[argc]);
	printf(" lb=%d lexicon=%s flag=%d prog=%s\n", nf_line_buffered,
	    opt_lexicon ? opt_lexicon : "-", opt_flag, nf_getprogname());
}

#define CLI(...) do {							\
		static const char *const args_[] = { __VA_ARGS__, NULL };	\
		cli_run(args_, demo_entries);				\
	} while (0)

static void
test_cli_version(void)
{
	if (g_test_subprocess()) {
		CLI("/usr/bin/nf-demo", "a", "--version", "b");
		return;
	}
	ASSERT_TRAP(0, "nf-demo (newsfilter) " NF_VERSION "\n", "");
}

static void
test_cli_version_short(void)
{
	if (g_test_subprocess()) {
		static const char *const args[] = { "nf-demo", "-V", NULL };

		cli_run(args, NULL);
		return;
	}
	ASSERT_TRAP(0, "nf-demo (newsfilter) " NF_VERSION "\n", "");
	g_assert_cmpstr(NF_VERSION, ==, "0.1.0");
}

static void
test_cli_unknown(void)
{
	if (g_test_subprocess()) {
		CLI("./nf-demo", "--bogus", "file");
		return;
	}
	ASSERT_TRAP(2, "", "nf-demo: Unknown option --bogus\n"
	    "Try 'nf-demo --help' for more information.\n");
}

static void
test_cli_unknown_short(void)
{
	if (g_test_subprocess()) {
		CLI("nf-demo", "-q");
		return;
	}
	ASSERT_TRAP(2, "", "nf-demo: Unknown option -q\n"
	    "Try 'nf-demo --help' for more information.\n");
}

static void
test_cli_missing_argument(void)
{
	if (g_test_subprocess()) {
		CLI("nf-demo", "file", "--lexicon");
		return;
	}
	ASSERT_TRAP(2, "", "nf-demo: Missing argument for --lexicon\n"
	    "Try 'nf-demo --help' for more information.\n");
}

static void
test_cli_line_buffered(void)
{
	if (g_test_subprocess()) {
		CLI("/x/nf-demo", "--line-buffered", "in.tsv");
		return;
	}
	ASSERT_TRAP(0, "argc=2 [/x/nf-demo] [in.tsv] lb=1 lexicon=- flag=0 "
	    "prog=nf-demo\n", "");
}

static void
test_cli_line_buffered_short(void)
{
	if (g_test_subprocess()) {
		CLI("nf-demo", "-l");
		return;
	}
	ASSERT_TRAP(0, "argc=1 [nf-demo] lb=1 lexicon=- flag=0 prog=nf-demo\n",
	    "");
}

static void
test_cli_defaults(void)
{
	if (g_test_subprocess()) {
		nf_line_buffered = true;	/* parse sets it either way */
		CLI("nf-demo", "a.tsv", "-", "b.tsv");
		return;
	}
	ASSERT_TRAP(0, "argc=4 [nf-demo] [a.tsv] [-] [b.tsv] lb=0 lexicon=- "
	    "flag=0 prog=nf-demo\n", "");
}

static void
test_cli_own_options(void)
{
	if (g_test_subprocess()) {
		CLI("nf-demo", "a", "--lexicon", "my.tsv", "-fl", "b");
		return;
	}
	ASSERT_TRAP(0, "argc=3 [nf-demo] [a] [b] lb=1 lexicon=my.tsv flag=1 "
	    "prog=nf-demo\n", "");
}

static void
test_cli_no_entries(void)
{
	if (g_test_subprocess()) {
		static const char *const args[] = { "nf-demo", "--flag", NULL };

		cli_run(args, NULL);
		return;
	}
	ASSERT_TRAP(2, "", "nf-demo: Unknown option --flag\n"
	    "Try 'nf-demo --help' for more information.\n");
}

/* "--" ends the options and is no operand itself. */
static void
test_cli_double_dash(void)
{
	if (g_test_subprocess()) {
		CLI("nf-demo", "a", "--", "-l", "--version", "-", "--", "b");
		return;
	}
	ASSERT_TRAP(0, "argc=7 [nf-demo] [a] [-l] [--version] [-] [--] [b] "
	    "lb=0 lexicon=- flag=0 prog=nf-demo\n", "");
}

static void
test_cli_double_dash_plain(void)
{
	if (g_test_subprocess()) {
		CLI("nf-demo", "-l", "--", "a", "b");
		return;
	}
	ASSERT_TRAP(0, "argc=3 [nf-demo] [a] [b] lb=1 lexicon=- flag=0 "
	    "prog=nf-demo\n", "");
}

static void
test_cli_double_dash_only(void)
{
	if (g_test_subprocess()) {
		CLI("nf-demo", "--");
		return;
	}
	ASSERT_TRAP(0, "argc=1 [nf-demo] lb=0 lexicon=- flag=0 "
	    "prog=nf-demo\n", "");
}

static void
test_cli_double_dash_argument(void)
{
	/* an option's argument "--" is not the end of the options */
	if (g_test_subprocess()) {
		CLI("nf-demo", "--lexicon", "--", "--", "-x");
		return;
	}
	ASSERT_TRAP(0, "argc=2 [nf-demo] [-x] lb=0 lexicon=-- flag=0 "
	    "prog=nf-demo\n", "");
}

static void
test_cli_help(void)
{
	if (g_test_subprocess()) {
		CLI("nf-demo", "--help");
		return;
	}
	g_assert_cmpint(trap_status(), ==, 0);
	g_test_trap_assert_stdout("*Usage:*[FILE...]*"
	    "Demo filter: reads records, writes records.*"
	    "--lexicon=FILE*Load the lexicon FILE*"
	    "-l, --line-buffered*Flush the output after every record*"
	    "-V, --version*Print the version and exit*"
	    "Exit status: 0 ok, 1 runtime failure, 2 usage, 65 bad input "
	    "data.*");
	g_test_trap_assert_stdout_unmatched("*argc=*");
	g_test_trap_assert_stderr("");
}

/* ------------------------------------------------------------------ */

static void
rm_rf(const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;

	if (d == NULL)
		return;
	while ((name = g_dir_read_name(d)) != NULL) {
		char *path = g_build_filename(dir, name, NULL);

		if (g_file_test(path, G_FILE_TEST_IS_DIR))
			rm_rf(path);
		else
			g_unlink(path);
		g_free(path);
	}
	g_dir_close(d);
	g_rmdir(dir);
}

int
main(int argc, char **argv)
{
	const char *status_file, *dir;
	int ret;

	g_test_init(&argc, &argv, NULL);
	nf_setprogname(PROG);

	/* a subprocess shares its parent's directory and status file */
	status_file = g_getenv("NFTEST_STATUS");
	dir = g_getenv("NFTEST_TMPDIR");
	if (g_test_subprocess() && status_file != NULL && dir != NULL) {
		on_exit(status_hook, g_strdup(status_file));
		tmpdir = g_strdup(dir);
	} else {
		GError *error = NULL;
		char *path;

		tmpdir = g_dir_make_tmp("nftest-XXXXXX", &error);
		if (tmpdir == NULL)
			g_error("%s", error->message);
		tmpdir_owned = true;
		path = g_build_filename(tmpdir, "exit-status", NULL);
		g_setenv("NFTEST_TMPDIR", tmpdir, TRUE);
		g_setenv("NFTEST_STATUS", path, TRUE);
		g_free(path);
	}

	g_test_add_func("/err/progname", test_err_progname);
	g_test_add_func("/err/messages", test_err_messages);
	g_test_add_func("/err/errx", test_err_errx);
	g_test_add_func("/err/die-at", test_err_die_at);
	g_test_add_func("/err/usage", test_err_usage);
	g_test_add_func("/err/xmalloc", test_err_xmalloc);

	g_test_add_func("/record/read/eight", test_read_eight);
	g_test_add_func("/record/read/short", test_read_short);
	g_test_add_func("/record/read/extra", test_read_extra);
	g_test_add_func("/record/read/crlf", test_read_crlf);
	g_test_add_func("/record/read/no-final-lf", test_read_no_final_lf);
	g_test_add_func("/record/read/nul", test_read_nul);
	g_test_add_func("/record/read/long-line", test_read_long_line);
	g_test_add_func("/record/read/files-and-stdin",
	    test_read_files_and_stdin);
	g_test_add_func("/record/read/close-early", test_read_close_early);
	g_test_add_func("/record/date-valid", test_date_valid);
	g_test_add_func("/record/read/bad/fields", test_read_bad_fields);
	g_test_add_func("/record/read/bad/fields-one",
	    test_read_bad_fields_one);
	g_test_add_func("/record/read/bad/fields-crlf",
	    test_read_bad_fields_crlf);
	g_test_add_func("/record/read/bad/para", test_read_bad_para);
	g_test_add_func("/record/read/bad/para-negative",
	    test_read_bad_para_negative);
	g_test_add_func("/record/read/bad/para-long", test_read_bad_para_long);
	g_test_add_func("/record/read/bad/para-space",
	    test_read_bad_para_space);
	g_test_add_func("/record/read/bad/sent", test_read_bad_sent);
	g_test_add_func("/record/read/bad/sent-plus", test_read_bad_sent_plus);
	g_test_add_func("/record/read/bad/date", test_read_bad_date);
	g_test_add_func("/record/read/bad/date-format",
	    test_read_bad_date_format);
	g_test_add_func("/record/read/bad/stdin", test_read_bad_stdin);
	g_test_add_func("/record/read/bad/second-file",
	    test_read_bad_second_file);
	g_test_add_func("/record/read/missing-file", test_read_missing_file);
	g_test_add_func("/record/read/directory", test_read_directory);
	g_test_add_func("/record/die-warn", test_record_die_warn);
	g_test_add_func("/record/write/record", test_write_record);
	g_test_add_func("/record/write/lengths", test_write_lengths);
	g_test_add_func("/record/write/add", test_write_add);
	g_test_add_func("/record/write/roundtrip", test_write_roundtrip);
	g_test_add_func("/record/write/open", test_write_open);
	g_test_add_func("/record/write/open-fails", test_write_open_fails);
	g_test_add_func("/record/write/full", test_write_full);
	g_test_add_func("/record/write/full-line-buffered",
	    test_write_full_line_buffered);
	g_test_add_func("/record/write/full-stdout", test_write_full_stdout);
	g_test_add_func("/record/clone", test_clone);
	g_test_add_func("/record/clone-built", test_clone_built);
	g_test_add_func("/record/clone-stdin", test_clone_stdin);

	g_test_add_func("/annot/next-item", test_annot_next_item);
	g_test_add_func("/annot/parse", test_annot_parse);
	g_test_add_func("/annot/parse-bad", test_annot_parse_bad);
	g_test_add_func("/annot/parse-theme", test_annot_parse_theme);
	g_test_add_func("/annot/append", test_annot_append);

	g_test_add_func("/utf8/decode", test_utf8_decode);
	g_test_add_func("/utf8/append", test_utf8_append);
	g_test_add_func("/utf8/append-valid", test_utf8_append_valid);
	g_test_add_func("/utf8/append-valid-exhaustive",
	    test_utf8_append_valid_exhaustive);
	g_test_add_func("/utf8/is-boundary", test_utf8_is_boundary);
	g_test_add_func("/utf8/ascii-prefix", test_utf8_ascii_prefix);
	g_test_add_func("/utf8/word8", test_utf8_word8);
	g_test_add_func("/utf8/fold", test_utf8_fold);
	g_test_add_func("/utf8/boundary-stray", test_utf8_boundary_stray);

	g_test_add_func("/lexicon/rows", test_lexicon_rows);
	g_test_add_func("/lexicon/columns", test_lexicon_columns);
	g_test_add_func("/lexicon/too-many-columns",
	    test_lexicon_too_many_columns);
	g_test_add_func("/lexicon/reject", test_lexicon_reject);
	g_test_add_func("/lexicon/reject-last-line",
	    test_lexicon_reject_last_line);
	g_test_add_func("/lexicon/invalid-utf8", test_lexicon_invalid_utf8);
	g_test_add_func("/lexicon/invalid-utf8-comment",
	    test_lexicon_invalid_utf8_comment);
	g_test_add_func("/lexicon/nul", test_lexicon_nul);
	g_test_add_func("/lexicon/missing", test_lexicon_missing);
	g_test_add_func("/lexicon/directory", test_lexicon_directory);
	g_test_add_func("/lexicon/embed", test_lexicon_embed);
	g_test_add_func("/lexicon/embed-reject", test_lexicon_embed_reject);

	g_test_add_func("/cli/version", test_cli_version);
	g_test_add_func("/cli/version-short", test_cli_version_short);
	g_test_add_func("/cli/unknown", test_cli_unknown);
	g_test_add_func("/cli/unknown-short", test_cli_unknown_short);
	g_test_add_func("/cli/missing-argument", test_cli_missing_argument);
	g_test_add_func("/cli/line-buffered", test_cli_line_buffered);
	g_test_add_func("/cli/line-buffered-short",
	    test_cli_line_buffered_short);
	g_test_add_func("/cli/defaults", test_cli_defaults);
	g_test_add_func("/cli/own-options", test_cli_own_options);
	g_test_add_func("/cli/no-entries", test_cli_no_entries);
	g_test_add_func("/cli/double-dash", test_cli_double_dash);
	g_test_add_func("/cli/double-dash-plain", test_cli_double_dash_plain);
	g_test_add_func("/cli/double-dash-only", test_cli_double_dash_only);
	g_test_add_func("/cli/double-dash-argument",
	    test_cli_double_dash_argument);
	g_test_add_func("/cli/help", test_cli_help);

	ret = g_test_run();
	if (tmpdir_owned)
		rm_rf(tmpdir);
	g_free(tmpdir);
	return ret;
}
