/*
 * fuzz-lexicon - the data file loader (common/lexicon.c).
 *
 * The loader exits 65 on invalid UTF-8, a NUL byte or a row of more than 32
 * columns, so the random bytes are first made into a file it must accept:
 * NUL bytes dropped, invalid UTF-8 made U+FFFD (by fz_utf8_fix, not by the
 * code under test), TABs past the 32nd column of a line made spaces.  Then
 * every row the callback gets must be the model's row: empty and '#' lines
 * skipped, one CR before the LF dropped, columns split at TAB, each column
 * NUL-terminated and writable.  The first byte chooses lexicon_load_data or
 * lexicon_load_file (through a memfd, so no file is left behind).
 */
#include "fuzz.h"

#include <sys/mman.h>
#include <unistd.h>

#include "err.h"
#include "lexicon.h"

struct expect {
	GPtrArray *rows;	/* GPtrArray of g_strdup'd columns */
	guint next;
};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	nf_setprogname("fuzz-lexicon");
	return 0;
}

static const char *
row(void *ctx, char **cols, int ncols)
{
	struct expect *e = ctx;
	GPtrArray *want;

	if (e->next >= e->rows->len)
		FZ_FAIL("row %u: more rows than the model's", e->next + 1);
	want = g_ptr_array_index(e->rows, e->next);
	if ((guint)ncols != want->len)
		FZ_FAIL("row %u: %d columns, %u expected", e->next + 1, ncols,
		    want->len);
	for (int i = 0; i < ncols; i++) {
		const char *w = g_ptr_array_index(want, i);
		size_t n = strlen(cols[i]);

		if (strcmp(cols[i], w) != 0)
			FZ_FAIL("row %u column %d: '%s'", e->next + 1, i + 1,
			    fz_show(cols[i], n));
		if (n > 0)	/* writable, as lexicon.h says */
			cols[i][n - 1] = cols[i][n - 1];
	}
	e->next++;
	return NULL;
}

/* The file the loader must accept, and the rows it must give. */
static void
make_file(const uint8_t *data, size_t size, GString *file, GPtrArray *rows)
{
	GString *fixed = g_string_new(NULL), *nonul = g_string_new(NULL);
	const char *p, *end;

	for (size_t i = 0; i < size; i++)
		if (data[i] != '\0')
			g_string_append_c(nonul, (char)data[i]);
	fz_utf8_fix(fixed, nonul->str, nonul->len);
	g_string_free(nonul, TRUE);
	/* at most 32 columns a line */
	for (p = fixed->str, end = p + fixed->len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		int tabs = 0;

		for (const char *q = p; q < eol; q++) {
			char c = *q;

			if (c == '\t' && ++tabs >= 32)
				c = ' ';
			g_string_append_c(file, c);
		}
		if (nl != NULL)
			g_string_append_c(file, '\n');
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	g_string_free(fixed, TRUE);
	/* the rows */
	for (p = file->str, end = p + file->len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;

		if (eol > p && eol[-1] == '\r')
			eol--;
		if (eol > p && *p != '#') {
			GPtrArray *cols = g_ptr_array_new_with_free_func(g_free);
			const char *c = p;

			for (;;) {
				const char *tab = memchr(c, '\t',
				    (size_t)(eol - c));

				g_ptr_array_add(cols, g_strndup(c,
				    (gsize)((tab ? tab : eol) - c)));
				if (tab == NULL)
					break;
				c = tab + 1;
			}
			g_ptr_array_add(rows, cols);
		}
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct expect e;
	GString *file = g_string_new(NULL);
	bool from_file = size > 0 && (data[0] & 1);

	e.rows = g_ptr_array_new_with_free_func(
	    (GDestroyNotify)g_ptr_array_unref);
	e.next = 0;
	make_file(data, size, file, e.rows);
	if (!fz_utf8_valid(file->str, file->len))
		FZ_FAIL("model: made invalid UTF-8");
	if (from_file) {
		int fd = memfd_create("fuzz-lexicon", MFD_CLOEXEC);
		char path[64];

		if (fd < 0 || write(fd, file->str, file->len) !=
		    (ssize_t)file->len)
			FZ_FAIL("memfd");
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
		lexicon_load_file(path, row, &e);
		close(fd);
	} else
		lexicon_load_data("fuzz.tsv", file->str, file->len, row, &e);
	if (e.next != e.rows->len)
		FZ_FAIL("%u rows of %u", e.next, e.rows->len);
	g_ptr_array_free(e.rows, TRUE);
	g_string_free(file, TRUE);
	return 0;
}
