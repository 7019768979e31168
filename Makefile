# newsfilter - see README.md.  `make demo` and `make check` do everything on a
# fresh Debian machine: they install what is missing, build and run.

VERSION  = 0.1.0
PREFIX  ?= /usr/local
BINDIR   = $(PREFIX)/bin
MANDIR   = $(PREFIX)/share/man/man1

CC      ?= cc
CFLAGS  ?= -O2 -g
PKGS     = glib-2.0
NF_CFLAGS = -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Icommon \
	    -DNF_VERSION='"$(VERSION)"' $(shell pkg-config --cflags $(PKGS))
NF_LIBS  = $(shell pkg-config --libs $(PKGS)) -lunistring

# Every folder in filters/ with a NAME.c is a program bin/NAME.
PROGS   := $(notdir $(patsubst %/,%,$(dir $(wildcard filters/*/*.c))))
PROGS   := $(foreach p,$(sort $(PROGS)),$(if $(wildcard filters/$(p)/$(p).c),$(p)))
BINS     = $(addprefix bin/,$(PROGS))

COMMON_SRC = $(wildcard common/*.c)
COMMON_HDR = $(wildcard common/*.h)
COMMON_OBJ = $(patsubst common/%.c,build/common/%.o,$(COMMON_SRC))
LIBNF      = build/libnf.a

UNIT_SRC  = $(wildcard tests/unit/*.c)
UNIT_BINS = $(patsubst tests/unit/%.c,build/tests/%,$(UNIT_SRC))
TOOL_SRC  = $(wildcard tests/tools/*.c)
TOOL_BINS = $(patsubst tests/tools/%.c,build/tests/%,$(TOOL_SRC))

.PHONY: all deps check demo install uninstall sanitize valgrind bench clean

all: $(BINS)

build/common/%.o: common/%.c $(COMMON_HDR)
	@mkdir -p $(@D)
	$(CC) $(NF_CFLAGS) $(CFLAGS) -c -o $@ $<

$(LIBNF): $(COMMON_OBJ)
	rm -f $@
	ar rcs $@ $^

# A program is rebuilt when its C file, its data files or common/ change
# (the data files are compiled in, see NF_EMBED in common/lexicon.h).
PROGRAM_DATA = $(filter-out %.c %.1 %.sh,$(wildcard filters/$(1)/*))
define PROGRAM_RULE
bin/$(1): filters/$(1)/$(1).c $(call PROGRAM_DATA,$(1)) $(LIBNF) $(COMMON_HDR)
	@mkdir -p bin
	$$(CC) $$(NF_CFLAGS) $$(CFLAGS) -o $$@ filters/$(1)/$(1).c $(LIBNF) $$(NF_LIBS) $$(LDFLAGS)
endef
$(foreach p,$(PROGS),$(eval $(call PROGRAM_RULE,$(p))))

build/tests/%: tests/unit/%.c $(LIBNF) $(COMMON_HDR) $(wildcard tests/fixtures/common/*)
	@mkdir -p $(@D)
	$(CC) $(NF_CFLAGS) $(CFLAGS) -o $@ $< $(LIBNF) $(NF_LIBS) $(LDFLAGS)

build/tests/%: tests/tools/%.c $(LIBNF) $(COMMON_HDR)
	@mkdir -p $(@D)
	$(CC) $(NF_CFLAGS) $(CFLAGS) -o $@ $< $(LIBNF) $(NF_LIBS) $(LDFLAGS)

deps:
	@tools/install-deps

# The two commands of README.md: each installs what is missing first.
check: deps
	@$(MAKE) --no-print-directory all $(UNIT_BINS) $(TOOL_BINS)
	@tests/run

demo: deps
	@$(MAKE) --no-print-directory all
	@pipelines/demo

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)
	install -m 755 $(BINS) $(DESTDIR)$(BINDIR)
	install -m 644 $(foreach p,$(PROGS),$(wildcard filters/$(p)/$(p).1)) $(DESTDIR)$(MANDIR)

uninstall:
	rm -f $(addprefix $(DESTDIR)$(BINDIR)/,$(PROGS)) \
	      $(addprefix $(DESTDIR)$(MANDIR)/,$(addsuffix .1,$(PROGS)))

# ASan + UBSan build of everything, then the whole test suite against it.
sanitize: deps
	$(MAKE) clean
	$(MAKE) all $(UNIT_BINS) $(TOOL_BINS) \
		CFLAGS='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all'
	ASAN_OPTIONS=detect_leaks=1 tests/run
	$(MAKE) clean

# The demo pipeline with every program under valgrind memcheck.
valgrind: deps
	@$(MAKE) --no-print-directory all
	@tests/valgrind/run

# Throughput and peak memory of every program beside cat; a benchmark,
# never part of `make check`.  BENCH_MB sets the corpus size.
BENCH_MB ?= 100
bench: all
	@tests/bench/run --mb $(BENCH_MB)

clean:
	rm -rf bin build

# libFuzzer targets: make fuzz FUZZ_SECONDS=N (see tests/fuzz/README).
include tests/fuzz/fuzz.mk
