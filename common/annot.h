/*
 * annot.h - the annotation fields 6, 7 and 8 (doc/record-format.md).
 *
 * Fields 6 and 7 hold items TYPE:VALUE@START-END separated by ';' where
 * START-END are byte offsets into field 5, END exclusive.  VALUE may contain
 * ':' (a TIMEX3 time) but never ';' or '@'; the item splits at its first ':'
 * and its last '@'.  Field 8 holds items NAME:SCORE separated by ';'.
 */
#ifndef NF_ANNOT_H
#define NF_ANNOT_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>

#include "record.h"

struct annot {
	struct nf_str type;	/* PER, DATE, ... (or theme name) */
	struct nf_str value;	/* canonical name, TIMEX3 value (or score) */
	size_t start, end;	/* byte offsets (unset for themes) */
};

/*
 * Next ';'-separated item of s[0..len) from *pos on, skipping empty items.
 * Returns false at the end.  *item is the raw item.
 */
bool annot_next_item(const char *s, size_t len, size_t *pos,
    struct nf_str *item);

/*
 * Parse an item TYPE:VALUE@START-END.  Returns NULL, or a message saying
 * what is wrong.  text_len, when not (size_t)-1, also checks that
 * START <= END <= text_len.
 */
const char *annot_parse(struct nf_str item, struct annot *a,
    size_t text_len);

/* Parse NAME:SCORE (field 8); value is the score text.  NULL or a message. */
const char *annot_parse_theme(struct nf_str item, struct annot *a);

/* Append ";TYPE:VALUE@START-END" to out (no ';' when out is empty). */
void annot_append(GString *out, const char *type, size_t tlen,
    const char *value, size_t vlen, size_t start, size_t end);

#endif
