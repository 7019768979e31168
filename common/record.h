/*
 * record.h - reading and writing newsfilter records (doc/record-format.md).
 *
 * A record is one LF-terminated line of TAB-separated fields:
 *     doc para sent date text entities dates themes [user fields...]
 *
 * Reading (record_read):
 *   - lines of any length; the buffer grows as needed and is reused, so a
 *     record's fields stay valid only until the next record_read();
 *   - every field is NUL-terminated at its length, but may hold interior NUL
 *     bytes when the input had them: use the lengths;
 *   - a CR right before the LF is dropped; a last line without LF is read;
 *   - 5 to 7 fields: the missing annotation fields read as empty;
 *   - fewer than 5 fields, a para or sent that is not a decimal number, or a
 *     date that is neither empty nor a valid YYYY-MM-DD calendar date, is bad
 *     input: "program: FILE:LINE: message" on stderr and exit 65;
 *   - a file that cannot be opened or read: message naming it, exit 1.
 *
 * Writing (record_write): all eight fields in order, then the user fields
 * unchanged.  para and sent are written from the numbers, the other fields
 * from their strings.  Output is block-buffered, or flushed after every
 * record when the writer is line-buffered.  Any write error (a full disk) is
 * reported at the latest by record_writer_close() and exits 1.  A broken pipe
 * ends the program quietly (SIGPIPE), as for any Unix filter.
 * The writer does not check the fields: the program guarantees that they hold
 * no TAB, LF, CR or NUL.
 */
#ifndef NF_RECORD_H
#define NF_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum nf_field {
	NF_DOC, NF_PARA, NF_SENT, NF_DATE, NF_TEXT, NF_ENTITIES, NF_DATES,
	NF_THEMES, NF_NFIELDS
};

struct nf_str {
	const char *s;
	size_t len;
};

struct record {
	struct nf_str f[NF_NFIELDS];	/* f[NF_PARA], f[NF_SENT]: as read */
	unsigned long para, sent;	/* written from these; at most 18 digits */
	struct nf_str extra;		/* fields 9 and up, TABs kept, no
					   leading TAB; s == NULL if none */
	const char *file;		/* input name for messages: "-" is */
	unsigned long line;		/* "(stdin)"; line counts from 1 */
};

struct record_reader;

/*
 * Read the files named in paths (n of them; "-" is stdin), in order, as one
 * stream; n == 0 reads stdin.
 */
struct record_reader *record_reader_open(int n, char **paths);
/* Fill *r with the next record: true, or false at the end of input. */
bool record_read(struct record_reader *rd, struct record *r);
void record_reader_close(struct record_reader *rd);

/* Report bad data in r: "program: FILE:LINE: message", exit 65. */
void record_die(const struct record *r, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 2, 3)));
void record_warn(const struct record *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

struct record_writer {
	FILE *fp;
	const char *name;	/* for messages, e.g. "standard output" */
	bool line_buffered;
};

void record_writer_init(struct record_writer *w, FILE *fp, const char *name,
    bool line_buffered);
/* Open path for writing (--rejects FILE); exit 1 with a message if not. */
void record_writer_open(struct record_writer *w, const char *path,
    bool line_buffered);
void record_write(struct record_writer *w, const struct record *r);
/* Write r with one more field, add, after all of its fields. */
void record_write_add(struct record_writer *w, const struct record *r,
    const char *add, size_t addlen);
/* Flush and close; a write error is "program: NAME: write error..." exit 1. */
void record_writer_close(struct record_writer *w);

/* A copy of r that owns its bytes (one allocation); free with free(). */
struct record *record_clone(const struct record *r);
/* The same into memory of one's own: record_clone_size(r) bytes at mem,
 * aligned for a struct record. */
size_t record_clone_size(const struct record *r);
struct record *record_clone_into(const struct record *r, void *mem);

/* True if s is empty or a valid YYYY-MM-DD calendar date. */
bool record_date_valid(const char *s, size_t len);

#endif
