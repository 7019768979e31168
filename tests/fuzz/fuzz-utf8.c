/*
 * fuzz-utf8 - the UTF-8 helpers (common/utf8.c) against a model of
 * Unicode's table 3-7 (fuzz.h: fz_utf8_seq):
 *   - utf8_decode: the character and its length at every offset, or 1 and
 *     U+FFFD where no well-formed sequence starts;
 *   - utf8_append_valid: the input itself when it is valid; else valid
 *     UTF-8 with one U+FFFD per maximal invalid subpart, the count returned;
 *   - utf8_is_boundary at every offset and past the end;
 *   - utf8_ascii_prefix at every start;
 *   - utf8_word8 at every start with 8 bytes to read: the run of ASCII
 *     letters and digits, its classes and its folding, byte by byte;
 *   - utf8_append of every scalar value the input spells, read back.
 * Nothing here exits: every input is used.  The input is copied to a buffer
 * of exactly its size so that ASan sees a read past the end.
 */
#include "fuzz.h"

#include "err.h"
#include "utf8.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	nf_setprogname("fuzz-utf8");
	return 0;
}

/* utf8_word8 at s[0..8) against isalnum, isalpha, islower, isdigit. */
static void
check_word8(const unsigned char *s, size_t at)
{
#ifdef UTF8_WORD8
	struct word8 w;
	size_t len = utf8_word8((const char *)s, &w), m = 0;
	unsigned char out[8];

	while (m < 8 && g_ascii_isalnum(s[m]))
		m++;
	if (len != m)
		FZ_FAIL("utf8_word8 at %zu: %zu, not %zu", at, len, m);
	memcpy(out, &w.folded, 8);
	for (size_t j = 0; j < 8; j++) {
		bool in = j < len;
		unsigned bit = 8 * (unsigned)j + 7;

		if (in && out[j] != g_ascii_tolower(s[j]))
			FZ_FAIL("utf8_word8 at %zu: byte %zu folded", at, j);
		if (((w.letters >> bit) & 1) != (in && g_ascii_isalpha(s[j])) ||
		    ((w.lowers >> bit) & 1) != (in && g_ascii_islower(s[j])) ||
		    ((w.digits >> bit) & 1) != (in && g_ascii_isdigit(s[j])))
			FZ_FAIL("utf8_word8 at %zu: byte %zu's class", at, j);
	}
#else
	(void)s, (void)at;
#endif
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *s = g_memdup2(data, size ? size : 1);
	GString *got = g_string_new(NULL), *want = g_string_new(NULL);
	bool *boundary = g_malloc(size + 1);
	size_t bad, wbad;

	fz_boundaries((char *)s, size, boundary);
	for (size_t i = 0; i < size; i++) {
		uint32_t cp = 0, mcp = 0;
		int n = utf8_decode(s + i, size - i, &cp);
		size_t mn = fz_utf8_seq(s + i, size - i, NULL, &mcp);

		if (mn == 0 ? (n != 1 || cp != NF_REPLACEMENT_CHAR) :
		    ((size_t)n != mn || cp != mcp))
			FZ_FAIL("utf8_decode at %zu of '%s': %d U+%04X, the "
			    "model %zu U+%04X", i, fz_show((char *)s, size), n,
			    cp, mn, mcp);
		if (utf8_is_boundary((char *)s, size, i) != boundary[i])
			FZ_FAIL("utf8_is_boundary at %zu", i);
		{
			size_t a = utf8_ascii_prefix((char *)s + i, size - i),
			    m = 0;

			while (i + m < size && s[i + m] < 0x80)
				m++;
			if (a != m)
				FZ_FAIL("utf8_ascii_prefix at %zu: %zu, not "
				    "%zu", i, a, m);
		}
		if (i + 8 <= size)
			check_word8(s + i, i);
		if (mn > 1) {	/* a scalar value written back */
			g_string_truncate(got, 0);
			utf8_append(got, cp);
			FZ_CHECK(fz_eq(got->str, got->len, (char *)s + i, mn));
		}
	}
	FZ_CHECK(utf8_is_boundary((char *)s, size, size));
	FZ_CHECK(!utf8_is_boundary((char *)s, size, size + 1));

	g_string_truncate(got, 0);
	g_string_append(got, "<");	/* appends, not overwrites */
	bad = utf8_append_valid(got, (char *)s, size);
	g_string_append(want, "<");
	wbad = fz_utf8_fix(want, (char *)s, size);
	if (bad != wbad || !fz_eq(got->str, got->len, want->str, want->len))
		FZ_FAIL("utf8_append_valid('%s'): %zu replacements, the model "
		    "%zu", fz_show((char *)s, size), bad, wbad);
	FZ_CHECK(fz_utf8_valid(got->str, got->len));
	FZ_CHECK(g_utf8_validate_len(got->str + 1, got->len - 1, NULL) ||
	    memchr(s, '\0', size) != NULL);

	/* utf8_append of any value, valid or not: valid UTF-8 */
	if (size >= 4) {
		uint32_t v;

		memcpy(&v, s, 4);
		g_string_truncate(got, 0);
		utf8_append(got, v);
		FZ_CHECK(got->len >= 1 && got->len <= 4);
		FZ_CHECK(fz_utf8_valid(got->str, got->len));
		if (v <= 0x10FFFF && (v < 0xD800 || v > 0xDFFF)) {
			uint32_t back;

			FZ_CHECK(utf8_decode((unsigned char *)got->str,
			    got->len, &back) == (int)got->len && back == v);
		}
	}
	g_free(boundary);
	g_free(s);
	g_string_free(got, TRUE);
	g_string_free(want, TRUE);
	return 0;
}
