#include "lexicon.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"

#define MAX_COLS 32

static void
load(const char *name, char *data, size_t len, lexicon_row_fn fn, void *ctx)
{
	char *p = data, *end = data + len, *cols[MAX_COLS];
	unsigned long line = 0;

	if (!g_utf8_validate_len(data, len, NULL)) {
		const char *bad;

		g_utf8_validate_len(data, len, &bad);
		for (const char *q = data; q < bad; q++)
			line += *q == '\n';
		nf_die_at(NF_EXIT_DATA, name, line + 1,
		    "invalid UTF-8 (or a NUL byte)");
	}
	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *eol = nl ? nl : end;
		int ncols = 0;
		const char *msg;

		line++;
		if (eol > p && eol[-1] == '\r')
			eol--;
		*eol = '\0';
		if (*p != '\0' && *p != '#') {
			for (char *c = p;;) {
				char *tab = strchr(c, '\t');

				if (ncols == MAX_COLS)
					nf_die_at(NF_EXIT_DATA, name, line,
					    "more than %d columns", MAX_COLS);
				cols[ncols++] = c;
				if (tab == NULL)
					break;
				*tab = '\0';
				c = tab + 1;
			}
			if ((msg = fn(ctx, cols, ncols)) != NULL)
				nf_die_at(NF_EXIT_DATA, name, line, "%s", msg);
		}
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

void
lexicon_load_file(const char *path, lexicon_row_fn fn, void *ctx)
{
	/* stdio, not g_file_get_contents: the message is "FILE: strerror" */
	FILE *fp = fopen(path, "r");
	GString *data;
	char chunk[1 << 16];
	size_t n;

	if (fp == NULL)
		nf_err(NF_EXIT_FAILURE, "%s", path);
	data = g_string_new(NULL);
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		g_string_append_len(data, chunk, (gssize)n);
	if (ferror(fp))
		nf_err(NF_EXIT_FAILURE, "%s", path);
	fclose(fp);
	load(path, data->str, data->len, fn, ctx);
	g_string_free(data, TRUE);
}

void
lexicon_load_data(const char *name, const char *data, size_t len,
    lexicon_row_fn fn, void *ctx)
{
	char *copy = nf_xmalloc(len + 1);
	char *label = g_strdup_printf("(built-in) %s", name);

	memcpy(copy, data, len);
	copy[len] = '\0';
	load(label, copy, len, fn, ctx);
	g_free(label);
	free(copy);
}
