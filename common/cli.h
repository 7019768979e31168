/*
 * cli.h - the command-line conventions every program shares.
 *
 * nf_options_parse() sets the program name for messages, parses the
 * program's own options plus the common ones, and handles the common ones:
 *     -h, --help          usage on stdout, exit 0 (GOption)
 *     -V, --version       "program (newsfilter) VERSION" on stdout, exit 0
 *     -l, --line-buffered flush the output after every record
 * A bad command line is "program: message" and "Try 'program --help'..."
 * on stderr, exit 2.  On return argc and argv hold the operands, argv[0] first.
 */
#ifndef NF_CLI_H
#define NF_CLI_H

#include <glib.h>
#include <stdbool.h>

extern bool nf_line_buffered;

/*
 * params: the operands in the usage line, e.g. "[FILE...]".
 * summary: what the program does, one paragraph for --help.
 * entries: the program's own options, NULL-terminated (may be NULL).
 */
void nf_options_parse(int *argc, char ***argv, const char *params,
    const char *summary, const GOptionEntry *entries);

#endif
