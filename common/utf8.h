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

#endif
