# tests/fuzz/fuzz.mk - libFuzzer targets; included by the top Makefile.
#
#   make fuzz                    build every target, run each FUZZ_SECONDS
#   make fuzz FUZZ_SECONDS=600   longer
#   make fuzz FUZZ_RUNS=10000000 each for that many executions instead
#   make fuzz FUZZ_TARGETS='fuzz-record fuzz-normalize'   only these
#   make fuzz-build              build them only
#
# Each target tests/fuzz/NAME.c is built with clang -fsanitize=fuzzer,
# address,undefined against common/ built the same way (in build/fuzz/) and
# runs on its seed corpus tests/fuzz/corpus/NAME/ (read, never written);
# what it learns goes to build/fuzz/corpus/NAME/, a crash to
# build/fuzz/crash/NAME-*.  A crash, a leak, a sanitizer report, an input
# slower than FUZZ_TIMEOUT seconds or a failed check stops `make fuzz` with
# an error.  It needs clang and the compiler-rt runtimes (Debian:
# clang, libclang-rt-14-dev).  Read tests/fuzz/README for what each
# target checks.  Include it at the end of the Makefile: it uses
# NF_CFLAGS, NF_LIBS, COMMON_SRC and COMMON_HDR, and leaves the default
# goal alone.

FUZZ_SAVED_GOAL := $(.DEFAULT_GOAL)

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 10
FUZZ_RUNS    ?=
FUZZ_TIMEOUT ?= 10
FUZZ_RSS_MB  ?= 2048
FUZZ_SAN      = -fsanitize=address,undefined -fno-sanitize-recover=all \
		-fno-omit-frame-pointer
# The programs' flags less -Werror: clang may warn where gcc does not, and
# a warning must not stop the fuzzing of code it does not concern.
FUZZ_CFLAGS   = $(filter-out -Werror,$(NF_CFLAGS)) -Itests/fuzz -g -O1 \
		-DNF_FUZZ
FUZZ_DIR      = build/fuzz
FUZZ_LIMIT    = $(if $(FUZZ_RUNS),-runs=$(FUZZ_RUNS),-max_total_time=$(FUZZ_SECONDS))
FUZZ_FOR      = $(if $(FUZZ_RUNS),$(FUZZ_RUNS) executions,$(FUZZ_SECONDS) s)

FUZZ_SRC     := $(sort $(wildcard tests/fuzz/fuzz-*.c))
FUZZ_ALL     := $(patsubst tests/fuzz/%.c,%,$(FUZZ_SRC))
FUZZ_TARGETS ?= $(FUZZ_ALL)
FUZZ_BINS     = $(addprefix $(FUZZ_DIR)/,$(FUZZ_TARGETS))
FUZZ_COMMON   = $(patsubst common/%.c,$(FUZZ_DIR)/common/%.o,$(COMMON_SRC))

.PHONY: fuzz fuzz-build

$(FUZZ_DIR)/common/%.o: common/%.c $(COMMON_HDR)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link \
		-c -o $@ $<

# A filter's target, fuzz-NAME, includes filters/NAME/NAME.c: it is rebuilt
# when that program or its data files change.
define FUZZ_RULE
$(FUZZ_DIR)/$(1): tests/fuzz/$(1).c tests/fuzz/fuzz.h $(FUZZ_COMMON) \
		$(COMMON_HDR) $(wildcard filters/$(1:fuzz-%=%)/*.c \
		filters/$(1:fuzz-%=%)/*.tsv)
	@mkdir -p $$(@D)
	$$(FUZZ_CC) $$(FUZZ_CFLAGS) $$(FUZZ_SAN) -fsanitize=fuzzer -o $$@ \
		tests/fuzz/$(1).c $$(FUZZ_COMMON) $$(NF_LIBS)
endef
$(foreach t,$(FUZZ_ALL),$(eval $(call FUZZ_RULE,$(t))))

fuzz-build: $(FUZZ_BINS)

# One target after the other, each on its own corpus; the first failure
# stops the run.  ASan's leak check runs after every input (libFuzzer's
# -detect_leaks, on by default).
fuzz: fuzz-build
	@mkdir -p $(FUZZ_DIR)/crash
	@set -e; for t in $(FUZZ_TARGETS); do \
		mkdir -p $(FUZZ_DIR)/corpus/$$t; \
		case $$t in \
		fuzz-annot | fuzz-lexicon | fuzz-utf8) dict= ;; \
		*) dict=-dict=tests/fuzz/records.dict ;; \
		esac; \
		echo "fuzz: $$t for $(FUZZ_FOR)"; \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		$(FUZZ_DIR)/$$t $(FUZZ_LIMIT) \
			-timeout=$(FUZZ_TIMEOUT) -rss_limit_mb=$(FUZZ_RSS_MB) \
			-print_final_stats=1 $$dict \
			-artifact_prefix=$(FUZZ_DIR)/crash/$$t- \
			$(FUZZ_DIR)/corpus/$$t tests/fuzz/corpus/$$t \
			2>$(FUZZ_DIR)/$$t.log || { \
			tail -n 60 $(FUZZ_DIR)/$$t.log; \
			echo "fuzz: $$t FAILED (log: $(FUZZ_DIR)/$$t.log)"; \
			exit 1; }; \
		grep -h '^stat::number_of_executed_units' \
			$(FUZZ_DIR)/$$t.log | sed "s/^/fuzz: $$t /"; \
	done

.DEFAULT_GOAL := $(FUZZ_SAVED_GOAL)
