#include "annot.h"

#include <string.h>

bool
annot_next_item(const char *s, size_t len, size_t *pos, struct nf_str *item)
{
	size_t i = *pos;

	while (i < len && s[i] == ';')
		i++;
	if (i >= len) {
		*pos = len;
		return false;
	}
	const char *semi = memchr(s + i, ';', len - i);
	size_t end = semi ? (size_t)(semi - s) : len;

	item->s = s + i;
	item->len = end - i;
	*pos = end;
	return true;
}

static bool
parse_offset(const char *s, size_t len, size_t *out)
{
	size_t v = 0;

	if (len == 0 || len > 12)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (size_t)(s[i] - '0');
	}
	*out = v;
	return true;
}

const char *
annot_parse(struct nf_str item, struct annot *a, size_t text_len)
{
	const char *colon = memchr(item.s, ':', item.len);
	const char *at = memrchr(item.s, '@', item.len);
	const char *end = item.s + item.len, *dash;

	if (colon == NULL || colon == item.s)
		return "annotation item without TYPE:";
	if (at == NULL || at < colon)
		return "annotation item without @START-END";
	dash = memchr(at, '-', (size_t)(end - at));
	if (dash == NULL)
		return "annotation item without @START-END";
	a->type.s = item.s;
	a->type.len = (size_t)(colon - item.s);
	a->value.s = colon + 1;
	a->value.len = (size_t)(at - colon - 1);
	if (!parse_offset(at + 1, (size_t)(dash - at - 1), &a->start) ||
	    !parse_offset(dash + 1, (size_t)(end - dash - 1), &a->end))
		return "annotation offsets are not START-END numbers";
	if (a->start > a->end)
		return "annotation START is after END";
	if (text_len != (size_t)-1 && a->end > text_len)
		return "annotation offsets lie outside the text";
	return NULL;
}

const char *
annot_parse_theme(struct nf_str item, struct annot *a)
{
	const char *colon = memrchr(item.s, ':', item.len);

	if (colon == NULL || colon == item.s || colon + 1 == item.s + item.len)
		return "theme item is not NAME:SCORE";
	a->type.s = item.s;
	a->type.len = (size_t)(colon - item.s);
	a->value.s = colon + 1;
	a->value.len = (size_t)(item.s + item.len - colon - 1);
	a->start = a->end = 0;
	return NULL;
}

/*
 * The decimal digits of v, written backwards ending at end; returns where
 * they start.  By hand: this runs for every item of every annotating
 * filter, and snprintf was a sixth of entity-tag's instructions.
 */
static char *
put_decimal(char *end, size_t v)
{
	do {
		*--end = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	return end;
}

/* Does s point into out's buffer (an item copied from out itself)? */
static bool
inside(const GString *out, const char *s)
{
	return out->str != NULL && s >= out->str &&
	    s < out->str + out->allocated_len;
}

void
annot_append(GString *out, const char *type, size_t tlen, const char *value,
    size_t vlen, size_t start, size_t end)
{
	char num[48], *p = num + sizeof num;
	size_t nlen, old = out->len, sep = old > 0;
	char *o;

	/* "@START-END", built from the right */
	p = put_decimal(p, end);
	*--p = '-';
	p = put_decimal(p, start);
	*--p = '@';
	nlen = (size_t)(num + sizeof num - p);
	if ((tlen > 0 && inside(out, type)) ||
	    (vlen > 0 && inside(out, value))) {
		/* the resize below could move them: GString copes */
		if (sep)
			g_string_append_c(out, ';');
		g_string_append_len(out, type, (gssize)tlen);
		g_string_append_c(out, ':');
		g_string_append_len(out, value, (gssize)vlen);
		g_string_append_len(out, p, (gssize)nlen);
		return;
	}
	/* one resize (amortized by GString), then plain copies */
	g_string_set_size(out, old + sep + tlen + 1 + vlen + nlen);
	o = out->str + old;
	if (sep)
		*o++ = ';';
	if (tlen > 0)
		memcpy(o, type, tlen);
	o += tlen;
	*o++ = ':';
	if (vlen > 0)
		memcpy(o, value, vlen);
	o += vlen;
	memcpy(o, p, nlen);
}
