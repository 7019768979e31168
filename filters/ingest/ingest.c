/*
 * ingest - read article files and write the first newsfilter records.
 *
 * Each article (a file, each regular file of a directory, or stdin) becomes
 * one record per paragraph: doc, para, sent 0, date, text and three empty
 * annotation fields (doc/record-format.md).  An optional mail-style header
 * block gives the title, date and URL.  The text is made safe for the
 * format and nothing more: invalid UTF-8 becomes U+FFFD, TAB, CR and NUL
 * become spaces, and every other cleanup is left to normalize(1).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "cli.h"
#include "err.h"
#include "record.h"
#include "utf8.h"

static const char summary[] =
    "Read article files and write one record per paragraph: doc, para, "
    "sent 0, date,\ntext and three empty annotation fields.  A directory "
    "means its regular files\nin name order; no operand or - reads "
    "standard input as one article.";

static char *opt_date;
static gboolean opt_join, opt_no_title;

static const GOptionEntry entries[] = {
	{ "date", 'd', 0, G_OPTION_ARG_STRING, &opt_date,
	  "Date of the articles that have no Date header", "YYYY-MM-DD" },
	{ "join", 'j', 0, G_OPTION_ARG_NONE, &opt_join,
	  "Join hard-wrapped lines; empty lines separate paragraphs", NULL },
	{ "no-title", 0, 0, G_OPTION_ARG_NONE, &opt_no_title,
	  "The body has no headline: number it from paragraph 1", NULL },
	{ NULL, 0, 0, 0, NULL, NULL, NULL }
};

/*
 * A header block is at most this many lines; longer runs of Name: value
 * lines are body text, and the look-ahead stays small.
 */
#define MAX_HEADER_LINES 64

enum header { H_OTHER, H_TITLE, H_DATE, H_URL, H_SOURCE, H_NKNOWN };

struct held {			/* a line kept while the header is undecided */
	size_t off, len;	/* trimmed text in hold */
	unsigned long lineno;
	bool cont;		/* a folded continuation line */
};

struct article {
	const char *name;	/* for messages: the path, or "(stdin)" */
	unsigned long lineno;
	size_t invalid;		/* sequences replaced with U+FFFD */
	GString *doc;
	char date[11];
	size_t datelen;
	unsigned long para;	/* number of the next paragraph */
	struct held held[MAX_HEADER_LINES];
	int nheld;
	bool in_header;		/* still looking for the header block */
};

static struct record_writer out;
static struct article art;
static GString *scratch;	/* a line with invalid UTF-8 replaced */
static GString *hold;		/* the texts of art.held */
static GString *joined;		/* the paragraph being joined (--join) */
static GString *hval[H_NKNOWN];	/* header values */
static unsigned long date_lineno;	/* of the Date header */
static bool title_seen;			/* there is a Title header */
static char *line;		/* getline's buffer, reused */
static size_t linecap;
static int status = NF_EXIT_OK;

/*
 * Fold TAB, CR and NUL to spaces in place and check the UTF-8.  Returns the
 * offset of the first invalid sequence, or n.  This runs over every byte
 * of the day's news: eight bytes at a time while they are all printable
 * ASCII, which is most news text.
 */
static size_t
fold_check(char *s, size_t n)
{
	const uint64_t lo = 0x2020202020202020ULL, hi = 0x8080808080808080ULL;
	size_t i = 0;

	while (i < n) {
		unsigned char c;
		uint64_t w;

		if (i + 8 <= n) {
			memcpy(&w, s + i, 8);
			/* no byte < 0x20 and none >= 0x80 */
			if (((w | (w - lo)) & hi) == 0) {
				i += 8;
				continue;
			}
		}
		c = (unsigned char)s[i];
		if (c >= 0x80) {
			uint32_t cp;
			int len = utf8_decode((const unsigned char *)s + i,
			    n - i, &cp);

			if (len == 1)
				return i;
			i += (size_t)len;
			continue;
		}
		if (c == '\t' || c == '\r' || c == '\0')
			s[i] = ' ';
		i++;
	}
	return n;
}

/*
 * Make s[0..n) fit for field 5.  The result is s itself, or scratch when
 * invalid sequences had to be replaced (they are counted in *invalid).
 */
static struct nf_str
clean(char *s, size_t n, size_t *invalid)
{
	size_t bad = fold_check(s, n);

	if (bad == n)
		return (struct nf_str){ s, n };
	for (size_t i = bad; i < n; i++)
		if (s[i] == '\t' || s[i] == '\r' || s[i] == '\0')
			s[i] = ' ';
	g_string_truncate(scratch, 0);
	*invalid += utf8_append_valid(scratch, s, n);
	return (struct nf_str){ scratch->str, scratch->len };
}

/*
 * Length of the white space character at the start of s[0..n), or 0.
 * Besides ASCII white space: NEL, NBSP, the Unicode spaces and the
 * invisible characters that scraped pages leave on otherwise empty lines
 * (ZWSP, word joiner, BOM), so that such a line counts as empty.
 */
static size_t
space_len(const unsigned char *s, size_t n)
{
	if (*s == ' ' || (*s >= '\t' && *s <= '\r'))
		return 1;
	if (n >= 2 && s[0] == 0xC2 && (s[1] == 0xA0 || s[1] == 0x85))
		return 2;
	if (n < 3)
		return 0;
	if (s[0] == 0xE2 && s[1] == 0x80 &&
	    (s[2] <= 0x8B || s[2] == 0xA8 || s[2] == 0xA9 || s[2] == 0xAF))
		return 3;		/* U+2000-200B, U+2028-2029, U+202F */
	if (s[0] == 0xE2 && s[1] == 0x81 && (s[2] == 0x9F || s[2] == 0xA0))
		return 3;		/* U+205F, U+2060 */
	if ((s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) ||
	    (s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) ||
	    (s[0] == 0xE1 && s[1] == 0x9A && s[2] == 0x80))
		return 3;		/* U+3000, U+FEFF, U+1680 */
	return 0;
}

/* s without white space at either end; s must be valid UTF-8. */
static struct nf_str
trim(struct nf_str s)
{
	const unsigned char *p = (const unsigned char *)s.s;
	size_t k;

	while (s.len > 0 && (k = space_len(p, s.len)) > 0) {
		p += k;
		s.len -= k;
	}
	while (s.len > 0) {
		if (space_len(p + s.len - 1, 1) == 1)
			k = 1;
		else if (s.len >= 2 && space_len(p + s.len - 2, 2) == 2)
			k = 2;
		else if (s.len >= 3 && space_len(p + s.len - 3, 3) == 3)
			k = 3;
		else
			break;
		s.len -= k;
	}
	s.s = (const char *)p;
	return s;
}

/*
 * If s is a header line "Name: value" (Name one token of letters, digits,
 * '-' or '_' at the start of the line), the length of Name, else 0.
 */
static size_t
header_name(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && (g_ascii_isalnum(s[i]) || s[i] == '-' || s[i] == '_'))
		i++;
	return i > 0 && i < n && s[i] == ':' ? i : 0;
}

static enum header
header_kind(const char *s, size_t n)
{
	static const char *const names[H_NKNOWN] =
	    { NULL, "title", "date", "url", "source" };

	for (int h = H_TITLE; h < H_NKNOWN; h++)
		if (strlen(names[h]) == n &&
		    g_ascii_strncasecmp(s, names[h], n) == 0)
			return (enum header)h;
	return H_OTHER;
}

/* n ASCII digits at s, and their value in *v. */
static bool
digits(const char *s, const char *end, size_t n, unsigned *v)
{
	*v = 0;
	if ((size_t)(end - s) < n)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (!g_ascii_isdigit(s[i]))
			return false;
		*v = *v * 10 + (unsigned)(s[i] - '0');
	}
	return true;
}

/* Skip the ASCII spaces at *p; true if there was at least one. */
static bool
skip_spaces(const char **p, const char *end)
{
	const char *q = *p;

	while (*p < end && **p == ' ')
		(*p)++;
	return *p > q;
}

/* hh:mm[:ss[.fraction]] */
static bool
parse_time(const char **pp, const char *end)
{
	const char *p = *pp;
	unsigned h, m, sec;

	if (!digits(p, end, 2, &h) || end - p < 5 || p[2] != ':' ||
	    !digits(p + 3, end, 2, &m) || h > 23 || m > 59)
		return false;
	p += 5;
	if (end - p >= 3 && p[0] == ':') {
		if (!digits(p + 1, end, 2, &sec) || sec > 60)
			return false;
		p += 3;
		if (end - p >= 2 && (*p == '.' || *p == ',') &&
		    g_ascii_isdigit(p[1]))
			for (p++; p < end && g_ascii_isdigit(*p); p++)
				;
	}
	*pp = p;
	return true;
}

/* A numeric zone +hh, +hhmm or +hh:mm (or -); with colon only if iso. */
static bool
parse_offset(const char **pp, const char *end, bool iso)
{
	const char *p = *pp;
	unsigned h, m;

	if (p == end || (*p != '+' && *p != '-') || !digits(p + 1, end, 2, &h))
		return false;
	p += 3;
	if (iso && p < end && *p == ':')
		p++;
	if (digits(p, end, 2, &m))
		p += 2;
	else if (!iso || p[-1] == ':')
		return false;
	*pp = p;
	return h <= 23 && m <= 59;
}

/* Write y-m-d to out if it is a calendar date. */
static bool
make_date(unsigned y, unsigned m, unsigned d, char out[11])
{
	if (y > 9999 || m > 12 || d > 31)
		return false;
	snprintf(out, 11, "%04u-%02u-%02u", y, m, d);
	return record_date_valid(out, 10);
}

/*
 * ISO 8601: YYYY-MM-DD, optionally followed by T (or a space) and a time
 * hh:mm[:ss[.frac]] with an optional zone Z or +hh[:mm].  The date is taken
 * as written: the publication date where the article was published.
 */
static bool
parse_iso(const char *s, const char *end, char out[11])
{
	unsigned y, m, d;

	if (!digits(s, end, 4, &y) || end - s < 10 || s[4] != '-' ||
	    !digits(s + 5, end, 2, &m) || s[7] != '-' ||
	    !digits(s + 8, end, 2, &d))
		return false;
	s += 10;
	if (s < end) {
		if (*s != 'T' && *s != 't' && *s != ' ')
			return false;
		s++;
		if (!parse_time(&s, end))
			return false;
		if (s < end && *s == ' ')
			s++;
		if (s < end && (*s == 'Z' || *s == 'z'))
			s++;
		else if (s < end && !parse_offset(&s, end, true))
			return false;
		if (s != end)
			return false;
	}
	return make_date(y, m, d, out);
}

/* Index (0-based) of the English name at *p among names, or -1. */
static int
match_name(const char **pp, const char *end, const char *const *names,
    int n)
{
	const char *p = *pp;
	size_t len = 0;

	while (p + len < end && g_ascii_isalpha(p[len]))
		len++;
	for (int i = 0; i < n; i++) {
		size_t nl = strlen(names[i]);

		/* the three-letter abbreviation or the full name */
		if ((len == 3 || len == nl) &&
		    g_ascii_strncasecmp(p, names[i], len) == 0) {
			*pp = p + len;
			return i;
		}
	}
	return -1;
}

/*
 * RFC 2822: [Day,] DD Mon YYYY [hh:mm[:ss] [zone]], zone +hhmm or a name
 * (GMT, KST, ...), an optional comment "(...)" after it.  Two-digit years
 * are read as RFC 2822 says (obsolete syntax): 00-49 is 2000-2049.
 */
static bool
parse_rfc2822(const char *s, const char *end, char out[11])
{
	static const char *const days[] = { "Monday", "Tuesday",
	    "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };
	static const char *const months[] = { "January", "February",
	    "March", "April", "May", "June", "July", "August", "September",
	    "October", "November", "December" };
	unsigned y, d;
	int m;
	const char *p = s;

	if (g_ascii_isalpha(*p)) {
		if (match_name(&p, end, days, 7) < 0)
			return false;
		if (p < end && *p == ',')
			p++;
		skip_spaces(&p, end);
	}
	if (digits(p, end, 2, &d))
		p += 2;
	else if (digits(p, end, 1, &d))
		p += 1;
	else
		return false;
	if (!skip_spaces(&p, end) || (m = match_name(&p, end, months, 12)) < 0 ||
	    !skip_spaces(&p, end))
		return false;
	if (digits(p, end, 4, &y))
		p += 4;
	else if (digits(p, end, 2, &y) && (p + 2 == end || p[2] == ' ')) {
		y += y < 50 ? 2000 : 1900;
		p += 2;
	} else
		return false;
	if (skip_spaces(&p, end) && p < end && *p != '(') {
		if (!parse_time(&p, end))
			return false;
		if (skip_spaces(&p, end) && p < end && *p != '(') {
			if (*p == '+' || *p == '-') {
				if (!parse_offset(&p, end, false))
					return false;
			} else {
				size_t k = 0;

				while (p + k < end && g_ascii_isalpha(p[k]))
					k++;
				if (k == 0 || k > 5)
					return false;
				p += k;
			}
			skip_spaces(&p, end);
		}
	}
	if (p < end && *p == '(') {
		const char *close = memchr(p, ')', (size_t)(end - p));

		if (close == NULL)
			return false;
		p = close + 1;
		skip_spaces(&p, end);
	}
	return p == end && make_date(y, (unsigned)m + 1, d, out);
}

static bool
parse_date(const char *s, size_t n, char out[11])
{
	return parse_iso(s, s + n, out) || parse_rfc2822(s, s + n, out);
}

/* The Date header cannot be read: say so, and keep --date or nothing. */
static void
warn_date(const GString *v, unsigned long lineno)
{
	size_t n = v->len;

	/* quote at most 60 bytes, cut on a character boundary */
	if (n > 60)
		for (n = 60; !utf8_is_boundary(v->str, v->len, n); n--)
			;
	nf_warn_at(art.name, lineno, "Date '%.*s%s' is not YYYY-MM-DD, "
	    "ISO 8601 or RFC 2822; %s", (int)n, v->str,
	    n < v->len ? "..." : "",
	    opt_date != NULL ? "using --date" : "leaving the date empty");
}

/* Write one paragraph record. */
static void
emit(const char *text, size_t len)
{
	struct record r;

	memset(&r, 0, sizeof r);
	r.f[NF_DOC] = (struct nf_str){ art.doc->str, art.doc->len };
	r.f[NF_DATE] = (struct nf_str){ art.date, art.datelen };
	r.f[NF_TEXT] = (struct nf_str){ text, len };
	for (int i = NF_ENTITIES; i < NF_NFIELDS; i++)
		r.f[i] = (struct nf_str){ "", 0 };
	r.para = art.para++;
	record_write(&out, &r);
}

/* A trimmed body line; empty ones end a paragraph under --join. */
static void
body_line(struct nf_str t)
{
	if (!opt_join) {
		if (t.len > 0)
			emit(t.s, t.len);
	} else if (t.len > 0) {
		if (joined->len > 0)
			g_string_append_c(joined, ' ');
		g_string_append_len(joined, t.s, t.len);
	} else if (joined->len > 0) {
		emit(joined->str, joined->len);
		g_string_truncate(joined, 0);
	}
}

/* Take the header values of the held lines: the first of each name wins. */
static void
collect_headers(void)
{
	GString *cur = NULL;
	bool seen[H_NKNOWN] = { false };

	for (int h = H_TITLE; h < H_NKNOWN; h++)
		g_string_truncate(hval[h], 0);
	title_seen = false;
	for (int i = 0; i < art.nheld; i++) {
		struct held *l = &art.held[i];
		const char *s = hold->str + l->off;
		size_t n = l->len, name;
		enum header h;

		if (l->cont) {
			if (cur != NULL) {
				if (cur->len > 0)
					g_string_append_c(cur, ' ');
				g_string_append_len(cur, s, n);
			}
			continue;
		}
		name = header_name(s, n);
		h = header_kind(s, name);
		cur = NULL;
		if (h != H_OTHER && !seen[h]) {
			struct nf_str v = trim((struct nf_str){ s + name + 1,
			    n - name - 1 });

			seen[h] = true;
			cur = hval[h];
			g_string_append_len(cur, v.s, v.len);
			if (h == H_DATE)
				date_lineno = l->lineno;
			if (h == H_TITLE)
				title_seen = true;
		}
	}
}

/* Apply a recognised header block: doc, date, and the title record. */
static void
apply_headers(void)
{
	collect_headers();
	if (hval[H_URL]->len > 0)
		g_string_assign(art.doc, hval[H_URL]->str);
	if (hval[H_DATE]->len > 0) {
		char d[11];

		if (parse_date(hval[H_DATE]->str, hval[H_DATE]->len, d)) {
			memcpy(art.date, d, sizeof d);
			art.datelen = 10;
		} else
			warn_date(hval[H_DATE], date_lineno);
	}
	/*
	 * A Title header, even an empty one, says what the title is, and the
	 * body starts at paragraph 1.  Without one the body may begin with
	 * the headline, as when there is no header block.
	 */
	if (title_seen) {
		art.para = 0;
		if (hval[H_TITLE]->len > 0)
			emit(hval[H_TITLE]->str, hval[H_TITLE]->len);
		art.para = 1;
	}
}

/*
 * The held lines end at an empty line (blank) or at the end of the file.
 * They are a header block if an empty line ends them and some line has a
 * known name; otherwise they are body text.  A file of nothing but
 * "Name: value" lines (an interview transcript, "Q: ... A: ...") is text.
 */
static void
end_header(bool blank)
{
	bool known = false;

	for (int i = 0; i < art.nheld && blank && !known; i++) {
		const char *s = hold->str + art.held[i].off;

		known = !art.held[i].cont &&
		    header_kind(s, header_name(s, art.held[i].len)) != H_OTHER;
	}
	if (known)
		apply_headers();
	else {
		for (int i = 0; i < art.nheld; i++)
			body_line((struct nf_str){ hold->str + art.held[i].off,
			    art.held[i].len });
		if (blank)	/* it ends a paragraph under --join */
			body_line((struct nf_str){ "", 0 });
	}
	art.in_header = false;
	art.nheld = 0;
	g_string_truncate(hold, 0);
}

/*
 * A line read while the header block is undecided: hold it if it can
 * belong to one.  True if the line was taken.
 */
static bool
header_line(struct nf_str raw, struct nf_str t)
{
	struct held *l;
	bool cont = raw.len > 0 && raw.s[0] == ' ' && art.nheld > 0;

	if (art.nheld == MAX_HEADER_LINES ||
	    (!cont && header_name(t.s, t.len) == 0))
		return false;
	l = &art.held[art.nheld++];
	l->off = hold->len;
	l->len = t.len;
	l->lineno = art.lineno;
	l->cont = cont;
	g_string_append_len(hold, t.s, t.len);
	return true;
}

static void
article_begin(const char *doc, const char *name)
{
	art.name = name;
	art.lineno = 0;
	art.invalid = 0;
	/* the path as a field: no TAB or LF, valid UTF-8 */
	g_string_truncate(art.doc, 0);
	utf8_append_valid(art.doc, doc, strlen(doc));
	for (size_t i = 0; i < art.doc->len; i++)
		if ((unsigned char)art.doc->str[i] < 0x20)
			art.doc->str[i] = ' ';
	art.datelen = opt_date != NULL ? 10 : 0;
	if (opt_date != NULL)
		memcpy(art.date, opt_date, 11);
	art.para = opt_no_title ? 1 : 0;
	art.nheld = 0;
	art.in_header = true;
	g_string_truncate(hold, 0);
	g_string_truncate(joined, 0);
}

static void
article_end(void)
{
	if (art.in_header)
		end_header(false);
	if (joined->len > 0) {
		emit(joined->str, joined->len);
		g_string_truncate(joined, 0);
	}
	if (art.invalid > 0)
		nf_warnx("%s: %zu invalid UTF-8 sequence%s replaced with "
		    "U+FFFD", art.name, art.invalid,
		    art.invalid == 1 ? "" : "s");
}

/* Read one article from fp.  False on a read error (reported). */
static bool
ingest_stream(FILE *fp, const char *doc, const char *name)
{
	ssize_t n;

	article_begin(doc, name);
	while ((errno = 0, n = getline(&line, &linecap, fp)) >= 0) {
		char *s = line;
		struct nf_str raw, t;

		if (n > 0 && s[n - 1] == '\n')
			n--;
		if (++art.lineno == 1 && n >= 3 &&
		    memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
			s += 3;
			n -= 3;
		}
		raw = clean(s, (size_t)n, &art.invalid);
		t = trim(raw);
		if (art.in_header) {
			if (t.len == 0) {
				end_header(true);
				continue;
			}
			if (header_line(raw, t))
				continue;
			end_header(false);
		}
		body_line(t);
	}
	if (ferror(fp) || errno == ENOMEM) {
		nf_warnx("%s: %s", name, strerror(errno ? errno : EIO));
		article_end();
		return false;
	}
	article_end();
	return true;
}

static void
fail(const char *path)
{
	nf_warnx("%s: %s", path, strerror(errno));
	status = NF_EXIT_FAILURE;
}

/* Ingest the file open on fd, named path; closes fd. */
static void
ingest_fd(int fd, const char *path)
{
	/* one buffer for every file: most articles fit in one read */
	static char buf[1 << 16];
	FILE *fp = fdopen(fd, "r");

	if (fp == NULL) {
		fail(path);
		close(fd);
		return;
	}
	setvbuf(fp, buf, _IOFBF, sizeof buf);
	if (!ingest_stream(fp, path, path))
		status = NF_EXIT_FAILURE;
	fclose(fp);
}

/* Directory entries are kept as d_type then the name: "\010name". */
static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a + 1, *(char *const *)b + 1);
}

/* The regular files of a directory, not the dot-files, in strcmp order. */
static void
ingest_dir(int fd, const char *path)
{
	DIR *d = fdopendir(fd);
	struct dirent *e;
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	GString *p = g_string_new(NULL);
	size_t plen;

	if (d == NULL) {
		fail(path);
		close(fd);
		return;
	}
	while ((errno = 0, e = readdir(d)) != NULL)
		if (e->d_name[0] != '.' && e->d_type != DT_DIR)
			g_ptr_array_add(names, g_strdup_printf("%c%s",
			    (char)e->d_type, e->d_name));
	if (errno != 0)
		fail(path);
	qsort(names->pdata, names->len, sizeof(char *), by_name);
	g_string_assign(p, path);
	if (p->len == 0 || p->str[p->len - 1] != '/')
		g_string_append_c(p, '/');
	plen = p->len;
	for (guint i = 0; i < names->len; i++) {
		const char *name = (char *)names->pdata[i] + 1;
		unsigned char type = *(unsigned char *)names->pdata[i];
		struct stat st;
		int f;

		g_string_truncate(p, plen);
		g_string_append(p, name);
		/*
		 * Know it is a regular file before opening it: a FIFO must not
		 * block.  readdir tells, but for links and some file systems.
		 */
		if (type != DT_REG) {
			if (fstatat(dirfd(d), name, &st, 0) != 0) {
				fail(p->str);
				continue;
			}
			if (!S_ISREG(st.st_mode))
				continue;
		}
		if ((f = openat(dirfd(d), name, O_RDONLY | O_CLOEXEC)) < 0) {
			fail(p->str);
			continue;
		}
		ingest_fd(f, p->str);
	}
	closedir(d);
	g_string_free(p, TRUE);
	g_ptr_array_free(names, TRUE);
}

static void
ingest_path(const char *path)
{
	struct stat st;
	int fd;

	if (strcmp(path, "-") == 0) {
		if (!ingest_stream(stdin, "-", "(stdin)"))
			status = NF_EXIT_FAILURE;
		clearerr(stdin);	/* "- -" on a terminal reads twice */
		return;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		fail(path);
		return;
	}
	if (fstat(fd, &st) != 0) {
		fail(path);
		close(fd);
		return;
	}
	if (S_ISDIR(st.st_mode))
		ingest_dir(fd, path);
	else
		ingest_fd(fd, path);
}

int
main(int argc, char **argv)
{
	nf_options_parse(&argc, &argv, "[FILE|DIR|-]...", summary, entries);
	if (opt_date != NULL &&
	    (strlen(opt_date) != 10 ||
	    !record_date_valid(opt_date, strlen(opt_date))))
		nf_usage_error("--date '%s' is not a YYYY-MM-DD date",
		    opt_date);
	record_writer_init(&out, stdout, "standard output",
	    nf_line_buffered);
	scratch = g_string_new(NULL);
	hold = g_string_new(NULL);
	joined = g_string_new(NULL);
	art.doc = g_string_new(NULL);
	for (int h = H_TITLE; h < H_NKNOWN; h++)
		hval[h] = g_string_new(NULL);

	if (argc < 2)
		ingest_path("-");
	for (int i = 1; i < argc; i++)
		ingest_path(argv[i]);
	record_writer_close(&out);

	g_string_free(scratch, TRUE);
	g_string_free(hold, TRUE);
	g_string_free(joined, TRUE);
	g_string_free(art.doc, TRUE);
	for (int h = H_TITLE; h < H_NKNOWN; h++)
		g_string_free(hval[h], TRUE);
	g_free(opt_date);
	free(line);
	return status;
}
