#include "cli.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"

#ifndef NF_VERSION
#define NF_VERSION "unknown"
#endif

bool nf_line_buffered;

static gboolean opt_version, opt_line_buffered;

static const GOptionEntry common_entries[] = {
	{ "line-buffered", 'l', 0, G_OPTION_ARG_NONE, &opt_line_buffered,
	  "Flush the output after every record", NULL },
	{ "version", 'V', 0, G_OPTION_ARG_NONE, &opt_version,
	  "Print the version and exit", NULL },
	{ NULL, 0, 0, 0, NULL, NULL, NULL }
};

void
nf_options_parse(int *argc, char ***argv, const char *params,
    const char *summary, const GOptionEntry *entries)
{
	GOptionContext *ctx;
	GError *error = NULL;

	nf_setprogname((*argv)[0]);
	/* A reader gone away ends a filter quietly, as with cat | head. */
	signal(SIGPIPE, SIG_DFL);
	ctx = g_option_context_new(params);
	g_option_context_set_summary(ctx, summary);
	g_option_context_set_description(ctx,
	    "Exit status: 0 ok, 1 runtime failure, 2 usage, 65 bad input "
	    "data.\nSee the manual page for details.");
	if (entries != NULL)
		g_option_context_add_main_entries(ctx, entries, NULL);
	g_option_context_add_main_entries(ctx, common_entries, NULL);
	if (!g_option_context_parse(ctx, argc, argv, &error)) {
		/* free all before exit: LeakSanitizer would fail the run */
		static char msg[512];

		g_strlcpy(msg, error->message, sizeof msg);
		g_error_free(error);
		g_option_context_free(ctx);
		nf_usage_error("%s", msg);
	}
	g_option_context_free(ctx);
	/*
	 * GLib leaves the "--" that ends the options in argv when an operand
	 * after it starts with '-' ("prog -- -file"): it is no operand.
	 */
	for (int i = 1; i < *argc; i++)
		if (strcmp((*argv)[i], "--") == 0) {
			memmove(*argv + i, *argv + i + 1,
			    (size_t)(*argc - i) * sizeof **argv);
			(*argc)--;
			break;
		}
	if (opt_version) {
		printf("%s (newsfilter) %s\n", nf_getprogname(), NF_VERSION);
		exit(NF_EXIT_OK);
	}
	nf_line_buffered = opt_line_buffered;
}
