#include "utf8.h"

#include <string.h>
#include <unictype.h>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>

int
utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	ucs4_t uc;
	int len;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	len = u8_mbtoucr(&uc, s, n);
	if (len < 0) {
		*cp = NF_REPLACEMENT_CHAR;
		return 1;
	}
	*cp = uc;
	return len;
}

void
utf8_append(GString *out, uint32_t cp)
{
	uint8_t buf[6];
	int n = u8_uctomb(buf, cp, sizeof buf);

	if (n < 0)
		n = u8_uctomb(buf, NF_REPLACEMENT_CHAR, sizeof buf);
	g_string_append_len(out, (const char *)buf, n);
}

/*
 * Length of the maximal subpart of the ill-formed sequence at s (Unicode
 * 3.9, table 3-7): the longest prefix of a well-formed sequence, at least
 * one byte.  One U+FFFD stands for each.  (u8_mbtouc consumes more, e.g.
 * all of a surrogate ED A0 80, which is three subparts.)
 */
static size_t
maximal_subpart(const uint8_t *s, size_t n)
{
	uint8_t c = s[0], lo = 0x80, hi = 0xBF;
	size_t need, i;

	if (c < 0xC2 || c > 0xF4)
		return 1;
	need = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	if (c == 0xE0)
		lo = 0xA0;
	else if (c == 0xED)
		hi = 0x9F;
	else if (c == 0xF0)
		lo = 0x90;
	else if (c == 0xF4)
		hi = 0x8F;
	if (n < 2 || s[1] < lo || s[1] > hi)
		return 1;
	for (i = 2; i < need && i < n && (s[i] & 0xC0) == 0x80; i++)
		;
	return i;
}

size_t
utf8_append_valid(GString *out, const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + n;
	size_t bad = 0;

	while (p < end) {
		const uint8_t *invalid = u8_check(p, (size_t)(end - p));

		if (invalid == NULL) {
			g_string_append_len(out, (const char *)p, end - p);
			break;
		}
		g_string_append_len(out, (const char *)p, invalid - p);
		g_string_append(out, "\xEF\xBF\xBD");
		bad++;
		p = invalid + maximal_subpart(invalid, (size_t)(end - invalid));
	}
	return bad;
}

bool
utf8_is_boundary(const char *s, size_t n, size_t off)
{
	if (off == 0 || off == n)
		return true;
	if (off > n)
		return false;
	if (((unsigned char)s[off] & 0xC0) != 0x80)
		return true;
	/*
	 * A continuation byte is inside a character only when a lead byte
	 * before it starts a well-formed sequence that covers it; a stray one
	 * stands alone (it is one U+FFFD) and a boundary lies before it.
	 */
	for (size_t k = 1; k <= 3 && k <= off; k++) {
		unsigned char c = (unsigned char)s[off - k];
		ucs4_t uc;
		int len;

		if ((c & 0xC0) == 0x80)
			continue;
		len = u8_mbtoucr(&uc, (const uint8_t *)s + off - k, n - (off - k));
		return !(len > 0 && (size_t)len > k);
	}
	return true;
}

size_t
utf8_ascii_prefix(const char *s, size_t n)
{
	size_t i = 0;

	/* eight bytes at a time: this runs over every byte of the text */
	for (; i + 8 <= n; i += 8) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		if (w & 0x8080808080808080ULL)
			break;
	}
	while (i < n && (unsigned char)s[i] < 0x80)
		i++;
	return i;
}

static uint32_t
fold_slow(uint32_t cp)
{
	ucs4_t d[UC_DECOMPOSITION_MAX_LENGTH];

	if (uc_combining_class(cp) != 0)
		return 0;
	cp = uc_tolower(cp);
	if (uc_canonical_decomposition(cp, d) > 0 && d[0] < 0x80 &&
	    g_ascii_isalpha((int)d[0]))
		return (uint32_t)g_ascii_tolower((int)d[0]);
	return cp;
}

uint32_t
utf8_fold(uint32_t cp)
{
	/* Latin-1, Latin Extended-A and -B, combining marks: the common
	 * cases of a hot loop, looked up once and remembered. */
	static uint16_t table[0x370];
	static bool ready;

	if (cp < 0x80)
		return (uint32_t)g_ascii_tolower((int)cp);
	if (cp >= 0x370)
		return fold_slow(cp);
	if (!ready) {
		for (uint32_t c = 0x80; c < 0x370; c++)
			table[c] = (uint16_t)fold_slow(c);
		ready = true;
	}
	return table[cp];
}
