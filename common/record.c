#include "record.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "err.h"

struct record_reader {
	char **paths;
	int npaths, next;	/* next path to open */
	FILE *fp;
	const char *name;	/* of the open input, for messages */
	unsigned long line;
	char *buf;
	size_t cap;
};

static const char stdin_name[] = "(stdin)";

struct record_reader *
record_reader_open(int n, char **paths)
{
	struct record_reader *rd = nf_xmalloc(sizeof *rd);

	memset(rd, 0, sizeof *rd);
	rd->paths = paths;
	rd->npaths = n;
	return rd;
}

/* Open the next input; false when there is none. */
static bool
open_next(struct record_reader *rd)
{
	const char *path;

	if (rd->npaths == 0 && rd->next == 0) {
		rd->next = 1;
		path = "-";
	} else if (rd->next < rd->npaths) {
		path = rd->paths[rd->next++];
	} else
		return false;
	rd->line = 0;
	if (strcmp(path, "-") == 0) {
		rd->fp = stdin;
		rd->name = stdin_name;
	} else {
		rd->fp = fopen(path, "r");
		rd->name = path;
		if (rd->fp == NULL)
			nf_err(NF_EXIT_FAILURE, "%s", path);
	}
	return true;
}

static void
close_current(struct record_reader *rd)
{
	if (ferror(rd->fp))
		nf_err(NF_EXIT_FAILURE, "%s: read error", rd->name);
	if (rd->fp != stdin)
		fclose(rd->fp);
	rd->fp = NULL;
}

static bool
parse_number(const char *s, size_t len, unsigned long *out)
{
	unsigned long v = 0;

	if (len == 0 || len > 18)	/* fits an unsigned long */
		return false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	*out = v;
	return true;
}

bool
record_date_valid(const char *s, size_t len)
{
	static const unsigned char mdays[] =
	    { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	unsigned y, m, d;

	if (len == 0)
		return true;
	if (len != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	y = (unsigned)((s[0] - '0') * 1000 + (s[1] - '0') * 100 +
	    (s[2] - '0') * 10 + (s[3] - '0'));
	m = (unsigned)((s[5] - '0') * 10 + (s[6] - '0'));
	d = (unsigned)((s[8] - '0') * 10 + (s[9] - '0'));
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return false;
	return true;
}

static void
split_fields(struct record *r, char *line, size_t len)
{
	char *p = line, *end = line + len;
	int i = 0;

	for (;;) {
		char *tab = memchr(p, '\t', (size_t)(end - p));

		r->f[i].s = p;
		r->f[i].len = (size_t)((tab ? tab : end) - p);
		if (tab == NULL)
			break;
		*tab = '\0';
		p = tab + 1;
		if (++i == NF_NFIELDS) {
			/* fields 9+: keep their TABs, so undo nothing more */
			r->extra.s = p;
			r->extra.len = (size_t)(end - p);
			i = NF_NFIELDS;
			break;
		}
	}
	if (i < NF_NFIELDS) {
		if (i + 1 < 5)
			record_die(r, "%d field%s, at least 5 expected (doc, "
			    "para, sent, date, text)", i + 1, i ? "s" : "");
		for (int j = i + 1; j < NF_NFIELDS; j++) {
			r->f[j].s = end;	/* the NUL after the line */
			r->f[j].len = 0;
		}
	}
}

bool
record_read(struct record_reader *rd, struct record *r)
{
	ssize_t n;

	for (;;) {
		if (rd->fp == NULL && !open_next(rd))
			return false;
		errno = 0;
		n = getline(&rd->buf, &rd->cap, rd->fp);
		if (n >= 0)
			break;
		if (errno == ENOMEM)
			nf_err(NF_EXIT_FAILURE, "%s", rd->name);
		close_current(rd);
	}
	rd->line++;
	if (n > 0 && rd->buf[n - 1] == '\n')
		n--;
	if (n > 0 && rd->buf[n - 1] == '\r')
		n--;
	rd->buf[n] = '\0';

	memset(r, 0, sizeof *r);
	r->file = rd->name;
	r->line = rd->line;
	split_fields(r, rd->buf, (size_t)n);
	if (!parse_number(r->f[NF_PARA].s, r->f[NF_PARA].len, &r->para))
		record_die(r, "para '%.*s' is not a number",
		    (int)(r->f[NF_PARA].len > 40 ? 40 : r->f[NF_PARA].len),
		    r->f[NF_PARA].s);
	if (!parse_number(r->f[NF_SENT].s, r->f[NF_SENT].len, &r->sent))
		record_die(r, "sent '%.*s' is not a number",
		    (int)(r->f[NF_SENT].len > 40 ? 40 : r->f[NF_SENT].len),
		    r->f[NF_SENT].s);
	if (!record_date_valid(r->f[NF_DATE].s, r->f[NF_DATE].len))
		record_die(r, "date '%.*s' is not YYYY-MM-DD",
		    (int)(r->f[NF_DATE].len > 40 ? 40 : r->f[NF_DATE].len),
		    r->f[NF_DATE].s);
	return true;
}

void
record_reader_close(struct record_reader *rd)
{
	if (rd->fp != NULL)
		close_current(rd);
	free(rd->buf);
	free(rd);
}

void
record_die(const struct record *r, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	fflush(stdout);
	nf_die_at(NF_EXIT_DATA, r->file, r->line, "%s", msg);
}

void
record_warn(const struct record *r, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	nf_warn_at(r->file, r->line, "%s", msg);
	g_free(msg);
}

void
record_writer_init(struct record_writer *w, FILE *fp, const char *name,
    bool line_buffered)
{
	w->fp = fp;
	w->name = name;
	w->line_buffered = line_buffered;
	if (!line_buffered)
		setvbuf(fp, NULL, _IOFBF, 1 << 16);
}

void
record_writer_open(struct record_writer *w, const char *path,
    bool line_buffered)
{
	FILE *fp = fopen(path, "w");

	if (fp == NULL)
		nf_err(NF_EXIT_FAILURE, "%s", path);
	record_writer_init(w, fp, path, line_buffered);
}

static void
write_error(struct record_writer *w)
{
	nf_err(NF_EXIT_FAILURE, "%s: write error", w->name);
}

static inline void
put_bytes(FILE *fp, const char *s, size_t n)
{
	if (n > 0)
		fwrite_unlocked(s, 1, n, fp);
}

/* Decimal without printf: this runs once per record. */
static inline void
put_number(FILE *fp, unsigned long v)
{
	char buf[24], *p = buf + sizeof buf;

	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	put_bytes(fp, p, (size_t)(buf + sizeof buf - p));
}

static void
write_fields(struct record_writer *w, const struct record *r)
{
	FILE *fp = w->fp;

	put_bytes(fp, r->f[NF_DOC].s, r->f[NF_DOC].len);
	putc_unlocked('\t', fp);
	put_number(fp, r->para);
	putc_unlocked('\t', fp);
	put_number(fp, r->sent);
	for (int i = NF_DATE; i < NF_NFIELDS; i++) {
		putc_unlocked('\t', fp);
		put_bytes(fp, r->f[i].s, r->f[i].len);
	}
	if (r->extra.s != NULL) {
		putc_unlocked('\t', fp);
		put_bytes(fp, r->extra.s, r->extra.len);
	}
}

static void
end_record(struct record_writer *w)
{
	putc_unlocked('\n', w->fp);
	if (w->line_buffered && fflush(w->fp) != 0)
		write_error(w);
	if (ferror_unlocked(w->fp))
		write_error(w);
}

void
record_write(struct record_writer *w, const struct record *r)
{
	write_fields(w, r);
	end_record(w);
}

void
record_write_add(struct record_writer *w, const struct record *r,
    const char *add, size_t addlen)
{
	write_fields(w, r);
	putc_unlocked('\t', w->fp);
	put_bytes(w->fp, add, addlen);
	end_record(w);
}

void
record_writer_close(struct record_writer *w)
{
	if (fflush(w->fp) != 0 || ferror(w->fp))
		write_error(w);
	if (fclose(w->fp) != 0)
		write_error(w);
	w->fp = NULL;
}

size_t
record_clone_size(const struct record *r)
{
	size_t total = sizeof(struct record) + (r->file ? strlen(r->file) + 1 : 0);

	for (int i = 0; i < NF_NFIELDS; i++)
		total += r->f[i].len + 1;
	if (r->extra.s != NULL)
		total += r->extra.len + 1;
	return total;
}

struct record *
record_clone_into(const struct record *r, void *mem)
{
	struct record *c = mem;
	char *p = (char *)(c + 1);

	*c = *r;
	for (int i = 0; i < NF_NFIELDS; i++) {
		if (r->f[i].len > 0)	/* an unset field may be NULL */
			memcpy(p, r->f[i].s, r->f[i].len);
		p[r->f[i].len] = '\0';
		c->f[i].s = p;
		p += r->f[i].len + 1;
	}
	if (r->extra.s != NULL) {
		memcpy(p, r->extra.s, r->extra.len);
		p[r->extra.len] = '\0';
		c->extra.s = p;
		p += r->extra.len + 1;
	}
	if (r->file != NULL) {
		memcpy(p, r->file, strlen(r->file) + 1);
		c->file = p;
	}
	return c;
}

struct record *
record_clone(const struct record *r)
{
	return record_clone_into(r, nf_xmalloc(record_clone_size(r)));
}
