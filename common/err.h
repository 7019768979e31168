/*
 * err.h - the one way newsfilter programs report errors.
 *
 * Every message goes to stderr and starts with the program name:
 *     program: message
 *     program: file:line: message          (when the input position is known)
 * Exit statuses are the same in every program (see NF_EXIT_*).
 *
 * nf_setprogname() must be called first (nf_options_parse() does it).
 */
#ifndef NF_ERR_H
#define NF_ERR_H

#include <stddef.h>

enum {
	NF_EXIT_OK = 0,
	NF_EXIT_FAILURE = 1,	/* runtime failure: I/O error, out of memory */
	NF_EXIT_USAGE = 2,	/* bad command line */
	NF_EXIT_DATA = 65	/* bad input data (EX_DATAERR) */
};

void nf_setprogname(const char *name);
const char *nf_getprogname(void);

/* Print "program: message" and exit with status. */
void nf_errx(int status, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 2, 3)));
/* Same, followed by ": strerror(errno)". */
void nf_err(int status, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 2, 3)));
void nf_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* "program: file:line: message"; line 0 leaves out the line. */
void nf_die_at(int status, const char *file, unsigned long line,
    const char *fmt, ...) __attribute__((noreturn, format(printf, 4, 5)));
void nf_warn_at(const char *file, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* "program: message" then "Try 'program --help'." and exit 2. */
void nf_usage_error(const char *fmt, ...)
	__attribute__((noreturn, format(printf, 1, 2)));

/* Allocation that never returns NULL: out of memory is exit 1. */
void *nf_xmalloc(size_t n);
void *nf_xrealloc(void *p, size_t n);

#endif
