/*
 * lexicon.h - loading TSV data files (lexicons, abbreviations, themes).
 *
 * A data file is UTF-8 text, one row per line, columns separated by TAB.
 * Empty lines and lines whose first byte is '#' are skipped; a CR before the
 * LF is dropped.  Each program compiles its default data files in with
 * NF_EMBED and loads a user's file with the same code, so both obey the same
 * rules and give the same messages:
 *     program: FILE:LINE: message        exit 65
 * for a row the program rejects, or invalid UTF-8, and
 *     program: FILE: strerror            exit 1
 * for a file that cannot be read.
 */
#ifndef NF_LEXICON_H
#define NF_LEXICON_H

#include <stddef.h>

/*
 * NF_EMBED(sym, "filters/x/data.tsv") defines const char sym[] holding the
 * file's bytes (plus a NUL) and size_t sym_len(), at file scope.  The path is
 * relative to the top of the source tree, where make runs the compiler.
 */
#define NF_EMBED(sym, path)						\
	__asm__(".section .rodata\n"					\
	    ".balign 16\n"						\
	    #sym "_data:\n"						\
	    ".incbin \"" path "\"\n"					\
	    #sym "_data_end:\n"						\
	    ".byte 0\n"							\
	    ".previous\n");						\
	extern const char sym##_data[] __asm__(#sym "_data");		\
	extern const char sym##_data_end[] __asm__(#sym "_data_end");	\
	static const char *const sym = sym##_data;			\
	static inline size_t sym##_len(void)				\
	{ return (size_t)(sym##_data_end - sym##_data); }

/*
 * Called for each row: cols[0..ncols) are NUL-terminated and writable, valid
 * during the call.  Return NULL to go on, or a message that rejects the row.
 */
typedef const char *(*lexicon_row_fn)(void *ctx, char **cols, int ncols);

/* Load the file at path; name it so in messages. */
void lexicon_load_file(const char *path, lexicon_row_fn fn, void *ctx);
/* Load data compiled in; messages name it "(built-in) name". */
void lexicon_load_data(const char *name, const char *data, size_t len,
    lexicon_row_fn fn, void *ctx);

#endif
