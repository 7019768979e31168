/*
 * utf8.h - the few UTF-8 operations that filters share, over libunistring.
 *
 * All take byte strings with a length; none needs a NUL terminator.
 */
#ifndef NF_UTF8_H
#define NF_UTF8_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define NF_REPLACEMENT_CHAR 0xFFFD

/*
 * Decode the character at s[0..n).  Returns its length in bytes (1 to 4) and
 * sets *cp; for an invalid or truncated sequence returns 1 (the bad byte)
 * and sets *cp to U+FFFD.  n must be > 0.
 */
int utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* Append the UTF-8 encoding of cp to out. */
void utf8_append(GString *out, uint32_t cp);

/*
 * Append s[0..n) to out with every invalid byte sequence replaced by U+FFFD
 * (one per maximal invalid subpart, as Unicode recommends).
 * Returns how many replacements were made.
 */
size_t utf8_append_valid(GString *out, const char *s, size_t n);

/*
 * True if off is 0, n, or the offset of a character's first byte in s; in
 * invalid text, a stray byte counts as a character of its own.
 */
bool utf8_is_boundary(const char *s, size_t n, size_t off);

/*
 * The key under which spellings of a word meet: cp lower-cased, an accented
 * Latin letter as its ASCII base letter (Ŏ and ŏ give o, É gives e), and 0
 * for a combining mark, which the caller drops (a decomposed accent).
 */
uint32_t utf8_fold(uint32_t cp);

/* Length of the longest prefix of s[0..n) that is ASCII (bytes < 0x80). */
size_t utf8_ascii_prefix(const char *s, size_t n);

/*
 * The hot loops of declutter, entity-tag and theme-score fold a word's
 * ASCII letters and digits eight bytes at a time (SWAR) where the host is
 * little-endian (UTF8_WORD8 is then defined; elsewhere they go byte by
 * byte).  utf8_word8 reads the 8 bytes at s (all must be readable) and
 * returns how many of them, 0 to 8, begin with a run of ASCII letters and
 * digits: 8 means the run may go on.  In *w, bit 7 of each byte of the
 * run that is a letter, a lower-case letter or a digit, and the 8 bytes
 * with every capital lower-cased (past the run, junk: store all 8 and move
 * on by the length).  No byte borrows from or carries into its neighbour.
 */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define UTF8_WORD8 1

struct word8 {
	uint64_t letters, lowers, digits;
	uint64_t folded;
};

/* Bit 7 of each byte of x that is ASCII and lies strictly between lo and
 * hi (lo < hi <= 128). */
static inline uint64_t
utf8_swar_between(uint64_t x, unsigned lo, unsigned hi)
{
	const uint64_t ones = 0x0101010101010101ULL;
	uint64_t t = x & (ones * 127);

	return (ones * (127 + hi) - t) & ~x & (t + ones * (127 - lo)) &
	    ones * 0x80;
}

static inline size_t
utf8_word8(const char *s, struct word8 *w)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = ones * 0x80;
	uint64_t v, d, a, stop, keep;

	memcpy(&v, s, 8);
	d = utf8_swar_between(v, '0' - 1, '9' + 1);
	/* a letter | 0x20 is a to z; a capital has no 0x20 */
	a = utf8_swar_between(v | ones * 0x20, 'a' - 1, 'z' + 1);
	stop = ~(d | a) & highs;		/* the bytes of no word */
	keep = stop ? ((stop & -stop) - 1) & highs : highs;
	w->letters = a & keep;
	w->digits = d & keep;
	w->lowers = w->letters & v << 2;	/* 0x20 to bit 7 */
	w->folded = v | (w->letters & ~w->lowers) >> 2;
	return stop ? (size_t)__builtin_ctzll(stop) >> 3 : 8;
}
#endif

#endif
