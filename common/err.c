#include "err.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *progname = "newsfilter";

void
nf_setprogname(const char *name)
{
	const char *slash = strrchr(name, '/');

	progname = slash ? slash + 1 : name;
}

const char *
nf_getprogname(void)
{
	return progname;
}

static void
vmessage(const char *file, unsigned long line, const char *fmt, va_list ap,
    int errnum)
{
	/* stdout may hold buffered records; keep stderr in order with them. */
	fflush(stdout);
	fprintf(stderr, "%s: ", progname);
	if (file != NULL) {
		if (line > 0)
			fprintf(stderr, "%s:%lu: ", file, line);
		else
			fprintf(stderr, "%s: ", file);
	}
	vfprintf(stderr, fmt, ap);
	if (errnum != 0)
		fprintf(stderr, ": %s", strerror(errnum));
	fputc('\n', stderr);
}

void
nf_errx(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(NULL, 0, fmt, ap, 0);
	va_end(ap);
	exit(status);
}

void
nf_err(int status, const char *fmt, ...)
{
	int errnum = errno;
	va_list ap;

	va_start(ap, fmt);
	vmessage(NULL, 0, fmt, ap, errnum);
	va_end(ap);
	exit(status);
}

void
nf_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(NULL, 0, fmt, ap, 0);
	va_end(ap);
}

void
nf_die_at(int status, const char *file, unsigned long line, const char *fmt,
    ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(file, line, fmt, ap, 0);
	va_end(ap);
	exit(status);
}

void
nf_warn_at(const char *file, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(file, line, fmt, ap, 0);
	va_end(ap);
}

void
nf_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(NULL, 0, fmt, ap, 0);
	va_end(ap);
	fprintf(stderr, "Try '%s --help' for more information.\n", progname);
	exit(NF_EXIT_USAGE);
}

void *
nf_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		nf_err(NF_EXIT_FAILURE, "malloc");
	return p;
}

void *
nf_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		nf_err(NF_EXIT_FAILURE, "realloc");
	return p;
}
