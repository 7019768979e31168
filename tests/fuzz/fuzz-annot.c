/*
 * fuzz-annot - the annotation item parser (common/annot.c).
 *
 * The first two bytes are a text length (0xFFFF: no text, (size_t)-1), the
 * rest an annotation field.  Every item annot_next_item gives must be the
 * model's (split at ';', empty items skipped); annot_parse and
 * annot_parse_theme must accept exactly what the model accepts (split at
 * the first ':' and the last '@', START-END of 1 to 12 digits each, START
 * <= END <= the text length) and give the same parts; annot_append of the
 * parts must give an item that parses back to them.  Nothing here exits,
 * so no input is left out.
 */
#include "fuzz.h"

#include "err.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	nf_setprogname("fuzz-annot");
	return 0;
}

static bool
digits(const char *s, size_t n, size_t *v)
{
	size_t x = 0;

	if (n == 0 || n > 12)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		x = x * 10 + (size_t)(s[i] - '0');
	}
	*v = x;
	return true;
}

/* The model of annot_parse. */
static bool
model_parse(struct nf_str it, size_t text_len, struct annot *a)
{
	size_t colon, at, dash;
	bool found = false;

	for (colon = 0; colon < it.len && it.s[colon] != ':'; colon++)
		;
	if (colon == it.len || colon == 0)
		return false;
	for (at = it.len; at-- > 0;)
		if (it.s[at] == '@') {
			found = true;
			break;
		}
	if (!found || at < colon)
		return false;
	for (dash = at + 1; dash < it.len && it.s[dash] != '-'; dash++)
		;
	if (dash == it.len)
		return false;
	a->type = (struct nf_str){ it.s, colon };
	a->value = (struct nf_str){ it.s + colon + 1, at - colon - 1 };
	if (!digits(it.s + at + 1, dash - at - 1, &a->start) ||
	    !digits(it.s + dash + 1, it.len - dash - 1, &a->end))
		return false;
	if (a->start > a->end)
		return false;
	return text_len == (size_t)-1 || a->end <= text_len;
}

static bool
model_theme(struct nf_str it, struct annot *a)
{
	size_t colon;
	bool found = false;

	for (colon = it.len; colon-- > 0;)
		if (it.s[colon] == ':') {
			found = true;
			break;
		}
	if (!found || colon == 0 || colon + 1 == it.len)
		return false;
	a->type = (struct nf_str){ it.s, colon };
	a->value = (struct nf_str){ it.s + colon + 1, it.len - colon - 1 };
	return true;
}

static bool
same(const struct annot *a, const struct annot *b, bool offsets)
{
	return fz_eq(a->type.s, a->type.len, b->type.s, b->type.len) &&
	    fz_eq(a->value.s, a->value.len, b->value.s, b->value.len) &&
	    (!offsets || (a->start == b->start && a->end == b->end));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t text_len, pos = 0, mpos = 0;
	const char *s;
	size_t len;
	struct nf_str it;
	GString *g = g_string_new(NULL);

	if (size < 2)
		return 0;
	text_len = (size_t)data[0] << 8 | data[1];
	if (text_len == 0xFFFF)
		text_len = (size_t)-1;
	/* a copy of exactly the field's bytes: ASan sees any overread */
	len = size - 2;
	s = len ? g_memdup2(data + 2, len) : NULL;
	for (;;) {
		struct annot a, m;
		struct nf_str item;
		bool ok, mok;
		const char *msg;

		/* the model of annot_next_item */
		while (mpos < len && s[mpos] == ';')
			mpos++;
		if (!annot_next_item(s ? s : "", len, &pos, &it)) {
			FZ_CHECK(mpos >= len);
			FZ_CHECK(pos == len);
			break;
		}
		FZ_CHECK(mpos < len && it.s == s + mpos && it.len > 0);
		while (mpos < len && s[mpos] != ';')
			mpos++;
		FZ_CHECK(it.s + it.len == s + mpos && pos == mpos);
		item = it;

		memset(&a, 0, sizeof a);
		msg = annot_parse(it, &a, text_len);
		ok = msg == NULL;
		mok = model_parse(it, text_len, &m);
		if (ok != mok)
			FZ_FAIL("annot_parse('%s', %zu): %s, the model %s",
			    fz_show(it.s, it.len), text_len,
			    ok ? "accepted" : msg, mok ? "accepts" : "rejects");
		if (ok) {
			struct annot b;

			if (!same(&a, &m, true))
				FZ_FAIL("annot_parse('%s') parts differ",
				    fz_show(it.s, it.len));
			/* alone, then after an item: one ';' between */
			for (int k = 0; k < 2; k++) {
				g_string_assign(g, k ? "X" : "");
				annot_append(g, a.type.s, a.type.len,
				    a.value.s, a.value.len, a.start, a.end);
				FZ_CHECK(!k || (g->len > 2 &&
				    g->str[1] == ';'));
				it.s = g->str + 2 * k;
				it.len = g->len - 2 * k;
				if (annot_parse(it, &b, text_len) != NULL ||
				    !same(&a, &b, true))
					FZ_FAIL("annot_append gave '%s'",
					    fz_show(it.s, it.len));
			}
		}
		it = item;	/* the same item as a theme */
		ok = annot_parse_theme(it, &a) == NULL;
		mok = model_theme(it, &m);
		if (ok != mok || (ok && !same(&a, &m, false)))
			FZ_FAIL("annot_parse_theme('%s') differs from the "
			    "model", fz_show(it.s, it.len));
	}
	g_free((void *)s);
	g_string_free(g, TRUE);
	return 0;
}
